/*
 * fuzz_render.c — libFuzzer targets: any bytes through the production
 * pipeline, as `dossier render` runs it.
 *
 * Each input is a meeting file as if at build/fuzz/world/meetings/fuzz.yaml
 * (`make fuzz-build` fills world/ with inputs/ and tests/bad/, so data
 * files, agendas and annexes can be named): parse (and a pack's bound
 * files) → pipeline_display_list_paged() (render's path: each page made
 * when asked for) → checks on each page, then the writers: in memory,
 * and as pipeline_render() writes a file (into a temporary folder).
 * Fonts, hyphenation and the word list are set up once.
 *
 * Built three ways by the Makefile: fuzz_render (this alone, the fast one),
 * fuzz_write (-DFUZZ_WRITE: also both writers) and fuzz_values (with
 * fuzz_values.c's structure-aware mutator). A crash, a sanitizer report,
 * a failure without a message, a broken display list, text off its page
 * or a writer failing on a display list aborts. (`check` runs the same
 * stages up to the display list, so what it accepts render renders.)
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "diag.h"
#include "dl.h"
#include "model.h"
#include "parse_pack.h"
#include "pipeline.h"
#ifdef FUZZ_WRITE
#include "write_cairo.h"
#include "write_haru.h"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_WORLD "build/fuzz/world"
#define FUZZ_PATH FUZZ_WORLD "/meetings/fuzz.yaml"

static struct pipeline pl;

static void die(struct diags *d, const char *what)
{
	diags_print(d, stderr);
	fprintf(stderr, "fuzz: cannot set up %s (run `make fuzz-build`, and "
			"run from the repository or set DOSSIER_HOME)\n", what);
	exit(1);
}

#ifdef FUZZ_WRITE
static char tmp_dir[] = "/tmp/dossier-fuzz-XXXXXX";

static void remove_tmp(void)
{
	rmdir(tmp_dir);
}
#endif

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
	/* pipeline_home() reads it: layouts/ and fonts/ of this checkout. */
	setenv("DOSSIER_HOME", cwd, 1);
	if (access(FUZZ_WORLD "/meetings", X_OK) != 0)
		die(&d, FUZZ_WORLD);
	if (!pipeline_open(&pl, a, &d))
		die(&d, "the fonts and hyphenation");
#ifdef FUZZ_WRITE
	if (!mkdtemp(tmp_dir)) {
		perror(tmp_dir);
		exit(1);
	}
	atexit(remove_tmp);
#endif
	return 0;
}

/* Text stays on the paper: a run set straight (not a turned chart
 * label) lies between the page's left and right edges, its baseline
 * between top and bottom. A word wider than the column is broken by
 * force (typeset_paragraph.c), a table too wide is refused, a label is
 * wrapped: whatever `render` sets, a reader can see and a printer
 * prints. */
static void check_on_page(const struct display_list *dl, size_t p,
			  const struct dl_item *it)
{
	if (it->angle != 0)
		return;
	double w = pango_glyph_string_get_width(it->glyphs->glyphs) /
		   (double)PANGO_SCALE;
	const double slack = 0.5;
	if (it->x < -slack || it->x + w > dl->width_pt + slack ||
	    it->y < -slack || it->y > dl->height_pt + slack) {
		fprintf(stderr, "fuzz: page %zu: a run of %.1f pt at %.1f,%.1f "
				"is off the %g x %g pt page: '%.*s'\n", p + 1,
			w, it->x, it->y, dl->width_pt, dl->height_pt,
			it->glyphs->item->length > 60 ? 60 :
			it->glyphs->item->length,
			it->text + it->glyphs->item->offset);
		abort();
	}
}

/* What both writers rely on: finite positions on a page of positive
 * size, glyph runs whose text is UTF-8 (pango shows garbage otherwise). */
static void check_display_list(const struct display_list *dl)
{
	if (!(dl->n_pages >= 1 && isfinite(dl->width_pt) &&
	      isfinite(dl->height_pt) && dl->width_pt > 0 &&
	      dl->height_pt > 0)) {
		fprintf(stderr, "fuzz: display list of %zu pages of %g x %g "
				"pt\n", dl->n_pages, dl->width_pt,
			dl->height_pt);
		abort();
	}
	for (size_t p = 0; p < dl->n_pages; p++) {
		const struct dl_page *pg = dl_page(dl, p);
		for (size_t i = 0; i < pg->n_items; i++) {
			const struct dl_item *it = &pg->items[i];
			if (!isfinite(it->x) || !isfinite(it->y) ||
			    !isfinite(it->w) || !isfinite(it->h)) {
				fprintf(stderr, "fuzz: page %zu item %zu "
						"(kind %d) at %g,%g size %g x "
						"%g\n", p + 1, i, it->kind,
					it->x, it->y, it->w, it->h);
				abort();
			}
			if (it->kind != DL_GLYPHS || !it->glyphs)
				continue;
			check_on_page(dl, p, it);
			const PangoItem *pi = it->glyphs->item;
			const char *end;
			if (!g_utf8_validate(it->text + pi->offset, pi->length,
					     &end)) {
				fprintf(stderr, "fuzz: page %zu: glyph run text "
						"is not UTF-8 at byte %td\n",
					p + 1, end - it->text);
				abort();
			}
		}
	}
}

#ifdef FUZZ_WRITE
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

/* Both writers: a valid display list must give a PDF and an archive copy;
 * either failing is a finding (libharu's subsetting failure of one glyph
 * set in about 2.000 was one: write_haru.c works around it now). The PDF
 * is written twice: from dl, and by pipeline_render() itself, which
 * builds its own display list, lets the document's stages go once the
 * last page is drawn (dl_drawn()) and then tags and packs the file: the
 * path `dossier render` takes, memory released early included. */
static void write_both(struct arena *a, const struct document *doc,
		       const struct display_list *dl, struct diags *d)
{
	struct sink s = { 0 };
	if (!write_cairo_pdf_stream(dl, count_bytes, &s) ||
	    memcmp(s.head, "%PDF-", 5) != 0) {
		fprintf(stderr, "fuzz: the cairo writer failed\n");
		abort();
	}
	size_t pages = 0;
	const char *out = pipeline_render(&pl, a, doc, tmp_dir, &pages, d);
	if (!out || !pages) {
		diags_print(d, stderr);
		fprintf(stderr, "fuzz: pipeline_render failed\n");
		abort();
	}
	unlink(out);
	const char *path = arena_printf(a, "%s/fuzz.archief.pdf", tmp_dir);
	if (!haru_write_pdfa(dl, path, HARU_SRGB_ICC, d)) {
		diags_print(d, stderr);
		fprintf(stderr, "fuzz: the libharu writer failed\n");
		abort();
	}
	unlink(path);
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_create();
	struct diags d;
	diags_init(&d, a);
	/* What `dossier check` does ... */
	struct document *doc = model_parse_buffer(a, FUZZ_PATH,
						  (const char *)data, size, &d);
	if (doc && doc->kind == DOC_BRIEFING_PACK && !pack_load(a, doc, &d))
		doc = NULL;
	/* ... and what `dossier render` does on top, up to the writers. */
	struct display_list *dl =
		doc ? pipeline_display_list_paged(&pl, a, doc, &d) : NULL;
	if (dl) {
		check_display_list(dl);
#ifdef FUZZ_WRITE
		write_both(a, doc, dl, &d);
#endif
	}
	/* Whatever failed must say so. */
	if (!dl && !d.count) {
		fprintf(stderr, "fuzz: refused without a message\n");
		abort();
	}
	arena_destroy(a);
	return 0;
}
