/*
 * test_layout.c — every message layout.c gives, exactly, at its place.
 *
 * Each case copies layouts/kamerbrief.yaml with one change into a
 * folder of its own, loads it and compares what dossier prints with the
 * message a layout designer must get: the file, the line and column of
 * the value (found in the changed text, so the test follows the layout
 * as it grows), and what is wrong. Run from the checkout's root.
 *
 * And the cache of layouts read: what it gives back is what was read,
 * field for field; a changed layout or a damaged cache is read anew.
 * The cache goes to a folder of the test's own (XDG_CACHE_HOME).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "diag.h"
#include "layout.h"

struct fixture {
	struct arena *a;
	char dir[64];     /* holds layouts/bad.yaml, and cache/ */
	char cache[128];  /* the cache file of bad.yaml */
	char *kamerbrief; /* the real layout's text */
};

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return sb.buf;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->a = arena_create();
	snprintf(f->dir, sizeof f->dir, "/tmp/test_layout-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	char *xdg = arena_printf(f->a, "%s/cache", f->dir);
	setenv("XDG_CACHE_HOME", xdg, 1);
	snprintf(f->cache, sizeof f->cache, "%s/dossier/bad.yaml.cache", xdg);
	f->kamerbrief = read_all("layouts/kamerbrief.yaml");
	*state = f;
	return f->kamerbrief ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/bad.yaml", f->dir);
	unlink(path);
	unlink(f->cache);
	snprintf(path, sizeof path, "%s/cache/dossier", f->dir);
	rmdir(path);
	snprintf(path, sizeof path, "%s/cache", f->dir);
	rmdir(path);
	rmdir(f->dir);
	unsetenv("XDG_CACHE_HOME");
	free(f->kamerbrief);
	arena_destroy(f->a);
	free(f);
	return 0;
}

/* kamerbrief.yaml with the first `from` replaced by `to` (from NULL: the
 * whole text is `to`). */
static char *changed(struct fixture *f, const char *from, const char *to)
{
	if (!from)
		return arena_strdup(f->a, to);
	const char *at = strstr(f->kamerbrief, from);
	assert_non_null(at);
	return arena_printf(f->a, "%.*s%s%s", (int)(at - f->kamerbrief),
			    f->kamerbrief, to, at + strlen(from));
}

/* "line:col" of the first `needle` in text, plus `skip` columns. */
static char *place(struct fixture *f, const char *text, const char *needle,
		   int skip)
{
	const char *at = strstr(text, needle);
	assert_non_null(at);
	int line = 1, col = 1;
	for (const char *p = text; p < at; p++) {
		if (*p == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	return arena_printf(f->a, "%d:%d", line, col + skip);
}

/* What loading the layout `text` as "bad" prints, and its status. */
static char *load(struct fixture *f, const char *text, int *status)
{
	char path[128];
	snprintf(path, sizeof path, "%s/bad.yaml", f->dir);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	struct diags d;
	diags_init(&d, f->a);
	layout_load(f->a, f->dir, "bad", &d);
	char *out = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&out, &len);
	diags_print(&d, mem);
	fclose(mem);
	*status = d.status;
	char *copy = arena_strdup(f->a, out);
	free(out);
	return copy;
}

/* The one message of a changed layout: at the place of `where` (+skip
 * columns), or of the whole file when where is NULL. */
static void expect(struct fixture *f, const char *text, const char *where,
		   int skip, const char *message)
{
	int status;
	char *got = load(f, text, &status);
	char *want = where ? arena_printf(f->a, "%s/bad.yaml:%s: %s\n", f->dir,
					  place(f, text, where, skip), message) :
			     arena_printf(f->a, "%s/bad.yaml: %s\n", f->dir,
					  message);
	assert_string_equal(got, want);
	assert_int_equal(status, EXIT_DATAERR);
}

static void test_the_real_layout_loads_without_a_word(void **state)
{
	struct fixture *f = *state;
	int status;
	assert_string_equal(load(f, f->kamerbrief, &status), "");
}

static void test_a_length_must_be_a_number(void **state)
{
	struct fixture *f = *state;
	char *t = changed(f, "\nmargin_top_pt:", "\nmargin_top_pt: wide\nx_:");
	/* the old value now belongs to x_, an unknown key: the number is
	 * the message asked for */
	int status;
	char *got = load(f, t, &status);
	assert_non_null(strstr(got, arena_printf(
		f->a, "bad.yaml:%s: 'margin_top_pt' in the layout must be a "
		      "number\n", place(f, t, "margin_top_pt: wide", 15))));
}

static void test_text_must_be_text(void **state)
{
	struct fixture *f = *state;
	char *t = changed(f, "footer_text: \"Pagina {page} van {pages}\"",
			  "footer_text: [Pagina]");
	/* a list has no place of its own in libfyaml: its key's */
	expect(f, t, "footer_text: [", 0,
	       "'footer_text' in the layout must be text");
}

static void test_yes_or_no_must_be_true_or_false(void **state)
{
	struct fixture *f = *state;
	char *t = changed(f, "    hyphenate: true", "    hyphenate: soms");
	expect(f, t, "hyphenate: soms", 11,
	       "'hyphenate' in the layout must be true or false");
}

static void test_align_names_its_four_values(void **state)
{
	struct fixture *f = *state;
	char *t = changed(f, "    align: justify", "    align: midden");
	expect(f, t, "align: midden", 7,
	       "'align' must be left, justify, right or center");
}

static void test_a_colour_is_three_numbers(void **state)
{
	struct fixture *f = *state;
	char *t = changed(f, "link_rgb: [0.0, 0.31, 0.55]", "link_rgb: [0.0, 0.31]");
	expect(f, t, "link_rgb: [", 0,
	       "'link_rgb' must be three numbers from 0 to 1");
}

static void test_a_palette_is_a_list_of_colours(void **state)
{
	struct fixture *f = *state;
	char *t = changed(f, "  palette:\n", "  palette: blauw\n  palette_x:\n");
	int status;
	char *got = load(f, t, &status);
	assert_non_null(strstr(got, arena_printf(
		f->a, "bad.yaml:%s: 'palette' must be a list of colours, each "
		      "three numbers from 0 to 1\n",
		place(f, t, "palette: blauw", 9))));
}

static void test_dashes_are_lists_of_lengths(void **state)
{
	struct fixture *f = *state;
	char *t = changed(f, "target_dash: [[4, 2.5]]", "target_dash: streep");
	expect(f, t, "target_dash: streep", 13,
	       "'target_dash' must be a list of dash patterns, each a list "
	       "of up to four lengths");
}

static void test_sender_lines_are_a_list(void **state)
{
	struct fixture *f = *state;
	char *t = changed(f, "sender_lines:\n", "sender_lines: 3\nsender_x_:\n");
	int status;
	char *got = load(f, t, &status);
	assert_non_null(strstr(got, arena_printf(
		f->a, "bad.yaml:%s: 'sender_lines' must be a list of lines\n",
		place(f, t, "sender_lines: 3", 14))));
}

static void test_unknown_key_is_named_with_where(void **state)
{
	struct fixture *f = *state;
	char *t = changed(f, "\norphans: 2", "\nweeskinderen: 2\norphans: 2");
	expect(f, t, "weeskinderen", 0,
	       "unknown key 'weeskinderen' in the layout");
}

static void test_unknown_key_in_a_style(void **state)
{
	struct fixture *f = *state;
	char *t = changed(f, "    align: justify", "    align: justify\n    "
			  "kleur: rood");
	const char *at = strstr(t, "kleur: rood");
	/* the style it is in: the last "  name:" line before it */
	const char *name = at;
	while (name > t && !(name[-1] == '\n' && name[0] == ' ' &&
			     name[1] == ' ' && name[2] != ' '))
		name--;
	char *style = arena_strndup(f->a, name + 2,
				    (size_t)(strchr(name, ':') - name - 2));
	expect(f, t, "kleur: rood", 0,
	       arena_printf(f->a, "unknown key 'kleur' in style '%s'", style));
}

static void test_missing_key_is_named(void **state)
{
	struct fixture *f = *state;
	char *t = changed(f, "\norphans: 2\n", "\n");
	expect(f, t, NULL, 0, "missing 'orphans' in the layout");
}

static void test_a_style_must_be_there(void **state)
{
	struct fixture *f = *state;
	char *t = changed(f, "\n  footnote:\n", "\n  voetnoot:\n");
	expect(f, t, NULL, 0, "the layout has no style 'footnote'");
}

static void test_a_smaller_heading_never_stands_further_off(void **state)
{
	struct fixture *f = *state;
	char *t = changed(f, "    space_above_pt: 14\n    space_above_heading_pt: 10\n",
			     "    space_above_pt: 18\n    space_above_heading_pt: 10\n");
	expect(f, t, NULL, 0, "style 'heading2' has more space_above_pt "
	       "(18 pt) than 'heading1' (17 pt): a smaller heading would "
	       "stand further from what is above it");
}

static void test_a_layout_is_a_mapping(void **state)
{
	struct fixture *f = *state;
	expect(f, changed(f, NULL, "- margins\n- styles\n"), NULL, 0,
	       "a layout must be a mapping of keys");
}

static void test_the_chart_section_must_be_there(void **state)
{
	struct fixture *f = *state;
	char *t = changed(f, "\nchart:\n", "\nchart: geen\ngrafiek:\n");
	int status;
	char *got = load(f, t, &status);
	assert_non_null(strstr(got, arena_printf(
		f->a, "bad.yaml:%s: the layout needs a 'chart' mapping of chart "
		      "keys\n", place(f, t, "chart: geen", 7))));
}

static void test_not_yaml_cannot_be_read(void **state)
{
	struct fixture *f = *state;
	int status;
	char *got = load(f, "styles: [body\n", &status);
	assert_string_equal(got, arena_printf(
		f->a, "%s/bad.yaml: cannot read the layout 'bad' (or it is not "
		      "valid YAML)\n", f->dir));
	assert_int_equal(status, EXIT_NOINPUT);
}

static void test_a_missing_layout_cannot_be_read(void **state)
{
	struct fixture *f = *state;
	struct diags d;
	diags_init(&d, f->a);
	assert_null(layout_load(f->a, f->dir, "nergens", &d));
	assert_int_equal(d.status, EXIT_NOINPUT);
	assert_true(d.count == 1);
}

/* The layout `text` as "bad", which must load without a word. */
static struct layout *load_layout(struct fixture *f, const char *text)
{
	int status;
	assert_string_equal(load(f, text, &status), "");
	struct diags d;
	diags_init(&d, f->a);
	struct layout *l = layout_load(f->a, f->dir, "bad", &d);
	assert_non_null(l);
	assert_int_equal(d.count, 0);
	return l;
}

static void same_text(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void same_lines(const char **a, const char **b, int n)
{
	for (int i = 0; i < n; i++)
		same_text(a[i], b[i]);
}

/* a and b alike, field for field: their texts compared, then every
 * other byte. A pointer field the cache does not know would differ. */
static void same_layout(const struct layout *a, const struct layout *b)
{
	same_text(a->name, b->name);
	same_text(a->path, b->path);
	same_text(a->footer_text, b->footer_text);
	same_text(a->mail_salutation, b->mail_salutation);
	same_text(a->mail_closing, b->mail_closing);
	same_text(a->header_text, b->header_text);
	assert_int_equal(a->n_sender_lines, b->n_sender_lines);
	same_lines(a->sender_lines, b->sender_lines, a->n_sender_lines);
	assert_int_equal(a->n_english_terms, b->n_english_terms);
	same_lines(a->english_terms, b->english_terms, a->n_english_terms);
	assert_int_equal(a->n_protrusion, b->n_protrusion);
	assert_true(a->n_protrusion > 0);
	/* Its own copy: a pointer kept from the process that wrote the
	 * cache would point nowhere in the next one. */
	assert_ptr_not_equal(a->protrusion, b->protrusion);
	assert_memory_equal(a->protrusion, b->protrusion,
			    (size_t)a->n_protrusion * sizeof *a->protrusion);
	assert_int_equal(a->n_styles, b->n_styles);
	for (int i = 0; i < a->n_styles; i++) {
		struct style sa, sb;
		memcpy(&sa, &a->styles[i], sizeof sa);
		memcpy(&sb, &b->styles[i], sizeof sb);
		same_text(sa.name, sb.name);
		same_text(sa.font, sb.font);
		sa.name = sb.name = sa.font = sb.font = NULL;
		assert_memory_equal(&sa, &sb, sizeof sa);
	}
	struct layout la, lb;
	memcpy(&la, a, sizeof la);
	memcpy(&lb, b, sizeof lb);
	la.name = lb.name = la.path = lb.path = NULL;
	la.footer_text = lb.footer_text = NULL;
	la.mail_salutation = lb.mail_salutation = NULL;
	la.mail_closing = lb.mail_closing = NULL;
	la.header_text = lb.header_text = NULL;
	la.sender_lines = lb.sender_lines = NULL;
	la.english_terms = lb.english_terms = NULL;
	la.protrusion = lb.protrusion = NULL;
	la.styles = lb.styles = NULL;
	assert_memory_equal(&la, &lb, sizeof la);
}

static void test_a_cached_layout_is_the_layout_read(void **state)
{
	struct fixture *f = *state;
	unlink(f->cache);
	struct layout *read = load_layout(f, f->kamerbrief);
	/* The cache written by a second read, whose allocations are not
	 * the first's: a pointer the cache kept as bytes would then hold
	 * the second read's address and differ from the first's. */
	unlink(f->cache);
	struct layout *again = load_layout(f, f->kamerbrief);
	struct stat st;
	assert_int_equal(stat(f->cache, &st), 0);
	struct layout *cached = load_layout(f, f->kamerbrief);
	assert_ptr_not_equal(read, cached);
	assert_ptr_not_equal(again, cached);
	same_layout(read, cached);
}

/* The same length, the same second: only the text tells them apart. */
static void test_a_changed_layout_is_read_anew(void **state)
{
	struct fixture *f = *state;
	struct layout *before = load_layout(f, f->kamerbrief);
	char *text = changed(f, "orphans: 2", "orphans: 3");
	struct layout *after = load_layout(f, text);
	assert_int_equal(before->orphans, 2);
	assert_int_equal(after->orphans, 3);
}

static void test_a_damaged_cache_is_read_anew(void **state)
{
	struct fixture *f = *state;
	struct layout *read = load_layout(f, f->kamerbrief);
	FILE *fp = fopen(f->cache, "r+b");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, -40, SEEK_END), 0);
	int c = fgetc(fp);
	assert_int_equal(fseek(fp, -40, SEEK_END), 0);
	fputc(c ^ 0x5a, fp);
	fclose(fp);
	same_layout(read, load_layout(f, f->kamerbrief));
	/* and the cache was made again */
	same_layout(read, load_layout(f, f->kamerbrief));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_real_layout_loads_without_a_word),
		cmocka_unit_test(test_a_length_must_be_a_number),
		cmocka_unit_test(test_text_must_be_text),
		cmocka_unit_test(test_yes_or_no_must_be_true_or_false),
		cmocka_unit_test(test_align_names_its_four_values),
		cmocka_unit_test(test_a_colour_is_three_numbers),
		cmocka_unit_test(test_a_palette_is_a_list_of_colours),
		cmocka_unit_test(test_dashes_are_lists_of_lengths),
		cmocka_unit_test(test_sender_lines_are_a_list),
		cmocka_unit_test(test_unknown_key_is_named_with_where),
		cmocka_unit_test(test_unknown_key_in_a_style),
		cmocka_unit_test(test_missing_key_is_named),
		cmocka_unit_test(test_a_style_must_be_there),
		cmocka_unit_test(test_a_layout_is_a_mapping),
		cmocka_unit_test(test_a_smaller_heading_never_stands_further_off),
		cmocka_unit_test(test_the_chart_section_must_be_there),
		cmocka_unit_test(test_not_yaml_cannot_be_read),
		cmocka_unit_test(test_a_missing_layout_cannot_be_read),
		cmocka_unit_test(test_a_cached_layout_is_the_layout_read),
		cmocka_unit_test(test_a_changed_layout_is_read_anew),
		cmocka_unit_test(test_a_damaged_cache_is_read_anew),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
