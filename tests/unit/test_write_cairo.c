/*
 * test_write_cairo.c — what the cairo writer says when cairo fails.
 *
 * A failure inside cairo is dossier's own (exit 70, naming the writer
 * and cairo's status), never "cannot write the file" (exit 73, which is
 * for the disk), and it leaves the old file as it was and no temporary
 * file. cairo fails here on a title that is not UTF-8: no input can get
 * one past parse, so the display list is made by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "write_cairo.h"

static void test_cairo_failure_is_the_writers_not_the_disks(void **state)
{
	(void)state;
	char dir[] = "/tmp/dossier-cairo-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct arena *a = arena_create();
	const char *path = arena_printf(a, "%s/x.pdf", dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("%PDF-1.5\n% a good earlier PDF\n", fp);
	fclose(fp);

	struct dl_page page = { 0 };
	struct display_list dl = {
		.width_pt = 595, .height_pt = 842, .pages = &page, .n_pages = 1,
		.title = "Geannoteerde agenda \xff", .date = { 2025, 12, 3 },
	};
	struct diags d;
	diags_init(&d, a);
	assert_false(write_cairo_pdf(&dl, path, &d));
	assert_int_equal(d.count, 1);
	assert_int_equal(d.status, EXIT_SOFTWARE);
	assert_string_equal(d.first->pos.file, path);
	assert_string_equal(d.first->message,
			    "the PDF writer failed: input string not valid "
			    "UTF-8; the old file, if any, is left as it was");

	char buf[64] = { 0 };
	fp = fopen(path, "r");
	assert_non_null(fp);
	assert_true(fread(buf, 1, sizeof buf - 1, fp) > 0);
	fclose(fp);
	assert_string_equal(buf, "%PDF-1.5\n% a good earlier PDF\n");
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	int files = 0;
	for (struct dirent *e; (e = readdir(dp));)
		files += e->d_name[0] != '.';
	closedir(dp);
	assert_int_equal(files, 1); /* no temporary file left */

	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
	arena_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_cairo_failure_is_the_writers_not_the_disks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
