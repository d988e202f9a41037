/*
 * fuzz_render.c — libFuzzer target: any bytes through the whole pipeline.
 *
 * Each input is a meeting file (as if at tests/bad/fuzz.yaml, so data
 * files in tests/bad/data/ can be named): parse → compose → typeset →
 * paginate → display list → cairo PDF written to a counting sink in
 * memory. Fonts, hyphenation patterns and the default layout are loaded
 * once. Build and run with `make fuzz` (clang, -fsanitize=fuzzer,address,
 * undefined); a crash it finds becomes a case in tests/bad/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "compose.h"
#include "diag.h"
#include "dl_build.h"
#include "hyph.h"
#include "layout.h"
#include "model.h"
#include "paginate.h"
#include "typeset.h"
#include "write_cairo.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct typesetter *ts;
static struct hyphenator *hyph;
static struct layout *layout;

struct sink {
	size_t bytes;
	char head[8];
};

static cairo_status_t count_bytes(void *closure, const unsigned char *data,
				  unsigned int length)
{
	struct sink *s = closure;
	for (unsigned int i = 0; i < length && s->bytes + i < 5; i++)
		s->head[s->bytes + i] = (char)data[i];
	s->bytes += length;
	return CAIRO_STATUS_SUCCESS;
}

static void die(struct diags *d, const char *what)
{
	diags_print(d, stderr);
	fprintf(stderr, "fuzz_render: cannot set up %s (run from the "
			"repository or set DOSSIER_HOME)\n", what);
	exit(1);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	const char *home = getenv("DOSSIER_HOME");
	if (home && *home && chdir(home) != 0) {
		perror(home);
		exit(1);
	}
	static struct arena *a; /* lives as long as the process */
	a = arena_create();
	struct diags d;
	diags_init(&d, a);
	char cwd[4096];
	if (!getcwd(cwd, sizeof cwd))
		die(&d, "the working folder");
	/* fontconfig reads a relative path against its own folders. */
	ts = typeset_create(arena_printf(a, "%s/fonts/fonts.conf", cwd), &d);
	if (!ts)
		die(&d, "the fonts");
	hyph = hyph_create(HYPH_DEFAULT_DIC);
	if (!hyph)
		die(&d, "hyphenation");
	layout = layout_load(a, "layouts", "kamerbrief", &d);
	if (!layout)
		die(&d, "the layout");
	return 0;
}

/* Input is checked to be UTF-8; composing must keep it so (pango warns
 * and shows garbage otherwise). */
static void check_rich(const struct rich *r)
{
	const char *end;
	if (r->text && !g_utf8_validate(r->text, (gssize)r->len, &end)) {
		size_t at = (size_t)(end - r->text);
		size_t from = at > 40 ? at - 40 : 0;
		fprintf(stderr, "fuzz_render: composed text is not UTF-8 at "
				"byte %zu of %zu: '%.*s' then 0x%02X\n", at, r->len,
			(int)(at - from), r->text + from,
			at < r->len ? (unsigned char)*end : 0);
		abort();
	}
}

static void check_utf8(const struct composition *comp)
{
	for (size_t i = 0; i < comp->n_blocks; i++) {
		const struct block *b = &comp->blocks[i];
		check_rich(&b->rich);
		for (int k = 0; b->table && k < b->table->rows * b->table->cols;
		     k++)
			check_rich(&b->table->cells[k]);
	}
	for (size_t i = 0; i < comp->n_notes; i++)
		check_rich(&comp->notes[i].content);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_create();
	struct diags d;
	diags_init(&d, a);
	struct document *doc = model_parse_buffer(a, "tests/bad/fuzz.yaml",
						  (const char *)data, size, &d);
	struct composition *comp =
		doc ? compose_document(a, hyph, doc, layout) : NULL;
	if (comp)
		check_utf8(comp);
	struct typeset_doc *td = comp ? typeset_blocks(ts, a, comp, &d) : NULL;
	if (td) {
		struct pages *pages = paginate(ts, a, comp, td);
		struct display_list *dl = dl_build(a, comp, pages);
		struct sink s = { 0 };
		if (!write_cairo_pdf_stream(dl, count_bytes, &s) ||
		    memcmp(s.head, "%PDF-", 5) != 0)
			abort(); /* a valid document must give a PDF */
	}
	/* Whatever failed must say so. */
	if (!td && !d.count)
		abort();
	arena_destroy(a);
	return 0;
}
