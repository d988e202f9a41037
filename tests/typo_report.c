/*
 * typo_report.c — paragraph breaking measured: total-fit against greedy.
 *
 * Input: meeting files (make typo-report passes every inputs/meetings file),
 * set twice with the real layout and fonts: once with dossier's total-fit
 * breaker, once with pango's own first-fit breaking. Output: for each, the
 * share of lines ending in a hyphen, the longest run of hyphenated lines,
 * and the mean and largest inter-word space of justified lines (all but a
 * paragraph's last) as a multiple of the font's normal space, measured on
 * the very glyphs that go into the PDF. Above the figures, each justified
 * line of total-fit with a space over 1.6 x, with its file.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compose.h"
#include "hyph.h"
#include "layout.h"
#include "model.h"
#include "typeset.h"

struct figures {
	long lines, hyphenated, longest_run, run;
	long spaces, wide; /* wide: spaces over 1.6 x normal */
	double space_sum, space_max;
	long justified_lines, loose_lines; /* loose: a space over 1.6 x */
};

static gunichar cluster_char(const char *text, PangoGlyphItem *gi, int g)
{
	return g_utf8_get_char(text + gi->item->offset +
			       gi->glyphs->log_clusters[g]);
}

/* The width of a normal space in the font of a run, in pango units. */
static int normal_space(PangoGlyphItem *gi)
{
	PangoGlyphString *gs = pango_glyph_string_new();
	pango_shape(" ", 1, &gi->item->analysis, gs);
	int w = gs->num_glyphs ? gs->glyphs[0].geometry.width : 0;
	pango_glyph_string_free(gs);
	return w;
}

/* The bytes of part->text its runs set: [*start, *end). */
static void part_bytes(const struct tpart *part, const char **start,
		       const char **end)
{
	*start = *end = part->text;
	if (part->runs)
		*start = *end = part->text +
				((PangoGlyphItem *)part->runs->data)->item->offset;
	for (GSList *r = part->runs; r; r = r->next)
		*end += ((PangoGlyphItem *)r->data)->item->length;
}

static bool ends_in_hyphen(const struct tpart *part)
{
	const char *start, *end;
	part_bytes(part, &start, &end);
	while (end > start && end[-1] == ' ')
		end--;
	if (end == start)
		return false;
	gunichar c = g_utf8_get_char(g_utf8_prev_char(end));
	return c == 0xAD || c == '-' || c == 0x2010;
}

/* Print a justified line whose widest space is over 1.6 x normal, with
 * the file it comes from, so that a loose line can be looked into. */
static void name_loose_line(const char *file, const struct tpart *part,
			    double widest)
{
	const char *start, *end;
	part_bytes(part, &start, &end);
	printf("  %s: %.2f x: %.*s\n", file, widest, (int)(end - start),
	       start);
}

static void measure_line(struct figures *f, const struct tpart *part,
			 bool justified, const char *file)
{
	const char *text = part->text;
	f->lines++;
	if (ends_in_hyphen(part)) {
		f->hyphenated++;
		f->run++;
		if (f->run > f->longest_run)
			f->longest_run = f->run;
	} else {
		f->run = 0;
	}
	if (!justified)
		return;
	double widest = 0;
	for (GSList *r = part->runs; r; r = r->next) {
		PangoGlyphItem *gi = r->data;
		int normal = 0;
		for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
			if (cluster_char(text, gi, g) != ' ')
				continue;
			if (!normal)
				normal = normal_space(gi);
			double ratio = gi->glyphs->glyphs[g].geometry.width /
				       (double)normal;
			f->spaces++;
			f->space_sum += ratio;
			f->wide += ratio > 1.6 + 1e-6;
			if (ratio > widest)
				widest = ratio;
		}
	}
	f->justified_lines++;
	f->loose_lines += widest > 1.6 + 1e-6;
	if (file && widest > 1.6 + 1e-6)
		name_loose_line(file, part, widest);
	if (widest > f->space_max)
		f->space_max = widest;
}

/* file: name the loose lines of this file (NULL: only count them). */
static void measure(struct figures *f, const struct typeset_doc *td,
		    const char *file)
{
	for (size_t i = 0; i < td->n_blocks; i++) {
		const struct tblock *b = &td->blocks[i];
		if (b->block->kind != BLOCK_TEXT || !b->block->style ||
		    !b->block->style->hyphenate)
			continue;
		bool justify = b->block->style->align == ALIGN_JUSTIFY;
		f->run = 0;
		for (size_t k = 0; k < b->n_lines; k++)
			measure_line(f, &b->lines[k].parts[0],
				     justify && k + 1 < b->n_lines, file);
	}
}

static void print(const char *name, const struct figures *f)
{
	printf("%-10s %6ld %9.1f%% %8ld %10.2f %10.2f %8ld %10ld\n", name,
	       f->lines, 100.0 * f->hyphenated / (f->lines ? f->lines : 1),
	       f->longest_run, f->spaces ? f->space_sum / f->spaces : 0,
	       f->space_max, f->loose_lines, f->wide);
}

int main(int argc, char **argv)
{
	struct arena *run = arena_create();
	struct diags d;
	diags_init(&d, run);
	/* fontconfig wants an absolute path; run from the repository. */
	char cwd[PATH_MAX];
	struct typesetter *ts = getcwd(cwd, sizeof cwd) ? typeset_create(
		arena_printf(run, "%s/fonts/fonts.conf", cwd), &d) : NULL;
	struct hyphenator *h = hyph_create(HYPH_DEFAULT_DIC);
	if (!ts || !h || !hyph_load_words(h, "layouts/hyphenation-nl.txt", &d)) {
		diags_print(&d, stderr);
		return 1;
	}
	struct figures fig[2];
	memset(fig, 0, sizeof fig);
	for (int greedy = 0; greedy < 2; greedy++) {
		typeset_set_greedy(ts, greedy);
		for (int i = 1; i < argc; i++) {
			struct arena *a = arena_create();
			diags_init(&d, a);
			struct document *doc = model_parse_file(a, argv[i], &d);
			struct layout *l = doc ? layout_load(a, "layouts",
				doc->layout.src ? doc->layout.src :
				"kamerbrief", &d) : NULL;
			struct composition *c = l ? compose_document(a, h, doc,
				l, model_document_date(doc, -1)) : NULL;
			struct typeset_doc *td = c ? typeset_blocks(ts, a, c,
								    &d) : NULL;
			if (!td) {
				diags_print(&d, stderr);
				return 1;
			}
			measure(&fig[greedy], td, greedy ? NULL : argv[i]);
			arena_destroy(a);
		}
	}
	printf("%d meeting files; paragraphs in hyphenated styles. Spaces as a "
	       "multiple of the font's normal space (justified lines).\n",
	       argc - 1);
	printf("%-10s %6s %10s %8s %10s %10s %8s %10s\n", "breaker", "lines",
	       "hyphen", "max run", "mean space", "max space", ">1.6 lns",
	       ">1.6 spcs");
	print("total-fit", &fig[0]);
	print("greedy", &fig[1]);
	typeset_destroy(ts);
	hyph_destroy(h);
	arena_destroy(run);
	return 0;
}
