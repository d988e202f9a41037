/*
 * typo_report.c — paragraph breaking measured: today's weights, the
 * layout's, and pango's first-fit, at the layout's measure and in a
 * narrow column.
 *
 * Input: meeting files (make typo-report passes every inputs/meetings
 * file), set with the real layout and fonts: with the layout as it is
 * ("total-fit"), with it but without hunspell-nl's compound boundaries
 * ("-hunspell", layout key compound_dictionary), without microtype's
 * font expansion and protrusion and with the spaces it had before them
 * ("-microtype"), with the breaking weights dossier had before the
 * compound-aware hyphenation ("today": one hyphen penalty for all, words
 * of 5 letters broken, names too, spaces down to 0,67x), and with pango's
 * own first-fit breaking ("greedy"); each at the layout's measure and in
 * a 60 mm column. Output, per setting: hyphenated lines per 100 lines,
 * the longest run of them, breaks inside a compound's part where its
 * boundary could have served, breaks in words under 6 letters, breaks in
 * a date, the tightest and the loosest space of a justified line (as a
 * multiple of the font's normal space, measured on the glyphs that go
 * into the PDF), lines with a space under 0,8x or over 1,5x, one-word
 * lines left short in mid-paragraph, and pages under two thirds full;
 * then microtype's figures: how many lines font expansion widened or
 * narrowed and by how much, how many lines hang a character into each
 * margin and how far ("today" has neither tool).
 * Above the figures, each line of the layout's setting at its measure
 * that misses a target, with its file.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compose.h"
#include "hyph.h"
#include "layout.h"
#include "model.h"
#include "paginate.h"
#include "parse_pack.h"
#include "typeset.h"

#define NARROW_PT (60 / 25.4 * 72) /* the narrow column: 60 mm */
#define TIGHT 0.8
#define LOOSE 1.5

struct figures {
	long lines, hyphenated, longest_run, run;
	long in_part, short_word, dates;
	long in_part_forced; /* inside a part, its boundary too loose */
	double tightest, loosest;
	long justified_lines, under, over, short_lines;
	long pages, thin_pages, chart_only;
	double foot_pt; /* empty at the feet of pages the flow filled */
	/* Microtype's tools: lines drawn wider or narrower by font
	 * expansion, the sum and the most of its share; lines whose first
	 * (last) character hangs into the margin, and the sum in pt. */
	long wider, narrower;
	double expansion_sum, expansion_most;
	long hang_left, hang_right;
	double hang_left_pt, hang_right_pt;
};

static struct hyphenator *hyph;
static struct arena *scratch;
static const struct layout *layout; /* of the file being measured */

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
	while (*end > *start && (*end)[-1] == ' ')
		(*end)--;
}

static gunichar last_char(const struct tpart *part)
{
	const char *start, *end;
	part_bytes(part, &start, &end);
	return end > start ? g_utf8_get_char(g_utf8_prev_char(end)) : 0;
}

static bool is_space(gunichar c)
{
	return c == ' ' || c == 0xA0;
}

/* The line's last chunk (after its last space) and the next line's
 * first, joined, soft hyphens out; *at: where the lines meet in it. */
static char *joined_chunk(const struct tpart *a, const struct tpart *b,
			  size_t *at)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s, *e;
	part_bytes(a, &s, &e);
	const char *from = e;
	while (from > s && !is_space(g_utf8_get_char(g_utf8_prev_char(from))))
		from = g_utf8_prev_char(from);
	for (const char *p = from; p < e; p = g_utf8_next_char(p))
		if (g_utf8_get_char(p) != 0xAD)
			strbuf_add(&sb, p, (size_t)(g_utf8_next_char(p) - p));
	*at = sb.len;
	if (b) {
		part_bytes(b, &s, &e);
		for (const char *p = s; p < e && !is_space(g_utf8_get_char(p));
		     p = g_utf8_next_char(p))
			if (g_utf8_get_char(p) != 0xAD)
				strbuf_add(&sb, p,
					   (size_t)(g_utf8_next_char(p) - p));
	}
	return strbuf_finish(&sb, scratch);
}

/* The quality hyph.c gives the break at byte at of chunk, under rules
 * that allow every break; HYPH_Q_PLAIN where it gives none. */
static int break_quality(const char *chunk, size_t at)
{
	/* hunspell-nl says where the parts meet, whatever the layout uses. */
	static const struct hyph_rules any = { 2, 2, 2, false, true };
	unsigned char *q;
	char *out = hyph_text_lang(hyph, scratch, chunk, &any, NULL, &q);
	size_t src = 0;
	for (size_t i = 0; out[i];) {
		if ((unsigned char)out[i] == 0xC2 &&
		    (unsigned char)out[i + 1] == 0xAD) {
			if (src == at)
				return q[i];
			i += 2;
			continue;
		}
		i++;
		src++;
	}
	return HYPH_Q_PLAIN;
}

/* The letters from byte at of chunk back to the nearest boundary of a
 * compound in the same word (*before), and on to the next one (*after);
 * 0 where there is none. */
static void letters_to_boundaries(const char *chunk, size_t at, long *before,
				  long *after)
{
	static const struct hyph_rules any = { 2, 2, 2, false, true };
	unsigned char *q;
	char *out = hyph_text_lang(hyph, scratch, chunk, &any, NULL, &q);
	size_t src = 0, back = SIZE_MAX, on = SIZE_MAX;
	for (size_t i = 0; out[i];) {
		if ((unsigned char)out[i] == 0xC2 &&
		    (unsigned char)out[i + 1] == 0xAD) {
			if (q[i] == HYPH_Q_BOUNDARY && src < at)
				back = src;
			if (q[i] == HYPH_Q_BOUNDARY && src > at &&
			    on == SIZE_MAX)
				on = src;
			i += 2;
			continue;
		}
		if (out[i] == ' ') {
			if (src < at)
				back = SIZE_MAX; /* another word */
			else
				break;
		}
		i++;
		src++;
	}
	*before = back == SIZE_MAX ? 0 :
		  g_utf8_strlen(chunk + back, (gssize)(at - back));
	*after = on == SIZE_MAX ? 0 :
		 g_utf8_strlen(chunk + at, (gssize)(on - at));
}

/* The widths of the letters of part's runs (not its spaces or hyphens),
 * in order, at most max; *spaces their total, *n_spaces how many,
 * *normal a normal space, *glyphs all glyphs but spaces. */
static int letter_widths(const struct tpart *part, double *w, int max,
			 double *spaces, int *n_spaces, int *normal,
			 double *glyphs)
{
	int n = 0;
	*spaces = *glyphs = 0;
	*n_spaces = *normal = 0;
	for (GSList *r = part->runs; r; r = r->next) {
		PangoGlyphItem *gi = r->data;
		for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
			gunichar c = cluster_char(part->text, gi, g);
			double gw = gi->glyphs->glyphs[g].geometry.width;
			if (c == ' ') {
				if (!*normal)
					*normal = normal_space(gi);
				*spaces += gw;
				++*n_spaces;
				continue;
			}
			*glyphs += gw;
			if (gw > 0 && c != 0xAD && c != '-' && c != 0x2010 &&
			    n < max)
				w[n++] = gw;
		}
	}
	return n;
}

/* Could the line of part, which ends in a break inside a compound's
 * part, have ended at a boundary of the compound instead: `back` letters
 * earlier (the spaces take their width) or `on` letters later (the
 * spaces give up next's first `on` letters)? Only within the layout's
 * limits for spaces (1 + space_stretch, 1 - space_shrink), with all the
 * font expansion and letter spacing the breaker may use; *factor is
 * what the nearer one would make of the spaces. */
static bool boundary_could_serve(const struct tpart *part,
				 const struct tpart *next, long back, long on,
				 double em, double *factor)
{
	double w[256], nw[256], spaces, glyphs, s2, g2;
	int n_spaces, normal, n2, norm2;
	int n = letter_widths(part, w, 256, &spaces, &n_spaces, &normal,
			      &glyphs);
	if (!n_spaces || !normal)
		return true; /* nothing to judge by: counted */
	double e = part->expansion, unit = n_spaces * (double)normal;
	bool ok = false;
	*factor = INFINITY;
	if (back > 0 && back <= n) {
		double moved = 0;
		for (long k = 0; k < back; k++)
			moved += w[n - 1 - k];
		double room = (layout->expansion_stretch - e) * glyphs / (1 + e) +
			      layout->letter_space_max_em * em * (n - back);
		double f = (spaces + moved - (room > 0 ? room : 0)) / unit;
		ok |= f <= 1 + layout->space_stretch + 1e-6;
		*factor = f;
	}
	if (on > 0 && next) {
		int m = letter_widths(next, nw, 256, &s2, &n2, &norm2, &g2);
		double added = 0;
		for (long k = 0; k < on && k < m; k++)
			added += nw[k];
		double room = (layout->expansion_shrink + e) * glyphs / (1 + e);
		double f = (spaces - added + (room > 0 ? room : 0)) / unit;
		ok |= f >= 1 - layout->space_shrink - 1e-6;
		if (back <= 0 || fabs(f - 1) < fabs(*factor - 1))
			*factor = f;
	}
	return ok;
}

/* Letters of the word the break at byte at falls in. */
static long word_letters(const char *chunk, size_t at)
{
	long n = 0;
	const char *p = chunk + at;
	while (p > chunk && g_unichar_isalpha(g_utf8_get_char(
					g_utf8_prev_char(p)))) {
		p = g_utf8_prev_char(p);
		n++;
	}
	for (p = chunk + at; *p && g_unichar_isalpha(g_utf8_get_char(p));
	     p = g_utf8_next_char(p))
		n++;
	return n;
}

static const char *const months[] = {
	"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december", NULL,
};

static bool starts_with_month(const char *s)
{
	for (const char *const *m = months; *m; m++)
		if (!g_ascii_strncasecmp(s, *m, strlen(*m)))
			return true;
	return false;
}

static bool all_digits(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* A break in a date: inside a month's name, between a day and its month
 * ("28 / november"), or in "3 en 4 december" ("3 / en 4", "3 en / 4"). */
static bool date_break(const struct tpart *a, const struct tpart *b,
		       const char *chunk, size_t at)
{
	if (!b)
		return false;
	/* A month's name broken. */
	for (const char *w = chunk; *w; w = g_utf8_next_char(w)) {
		if (w > chunk && g_unichar_isalpha(g_utf8_get_char(
					 g_utf8_prev_char(w))))
			continue;
		for (const char *const *m = months; *m; m++) {
			size_t k = strlen(*m);
			if (!g_ascii_strncasecmp(w, *m, k) &&
			    (size_t)(w - chunk) < at &&
			    at < (size_t)(w - chunk) + k)
				return true;
		}
	}
	const char *s, *e, *ns, *ne;
	part_bytes(a, &s, &e);
	part_bytes(b, &ns, &ne);
	const char *last = e;
	while (last > s && !is_space(g_utf8_get_char(g_utf8_prev_char(last))))
		last = g_utf8_prev_char(last);
	const char *before = last;
	if (before > s)
		before = g_utf8_prev_char(before);
	const char *prev = before;
	while (prev > s && !is_space(g_utf8_get_char(g_utf8_prev_char(prev))))
		prev = g_utf8_prev_char(prev);
	bool ends_day = all_digits(last, (size_t)(e - last));
	bool ends_day_en = (size_t)(e - last) == 2 && !strncmp(last, "en", 2) &&
			   all_digits(prev, (size_t)(before - prev));
	bool next_en_day = !strncmp(ns, "en ", 3) && ns[3] >= '0' &&
			   ns[3] <= '9';
	bool next_day = *ns >= '0' && *ns <= '9';
	return (ends_day && (starts_with_month(ns) || next_en_day)) ||
	       (ends_day_en && next_day);
}

static void name_line(const char *file, const char *why,
		      const struct tpart *part)
{
	const char *start, *end;
	part_bytes(part, &start, &end);
	printf("  %s: %s: %.*s\n", file, why, (int)(end - start), start);
}

/* Spaces of a justified line: the narrowest and the widest, as a
 * multiple of normal; false when it has none. */
static bool line_spaces(const struct tpart *part, double *lo, double *hi)
{
	*lo = INFINITY;
	*hi = 0;
	for (GSList *r = part->runs; r; r = r->next) {
		PangoGlyphItem *gi = r->data;
		int normal = 0;
		for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
			if (cluster_char(part->text, gi, g) != ' ')
				continue;
			if (!normal)
				normal = normal_space(gi);
			double ratio = gi->glyphs->glyphs[g].geometry.width /
				       (double)normal;
			*lo = ratio < *lo ? ratio : *lo;
			*hi = ratio > *hi ? ratio : *hi;
		}
	}
	return *hi > 0;
}

static double part_width(const struct tpart *part)
{
	int w = 0;
	for (GSList *r = part->runs; r; r = r->next)
		w += pango_glyph_string_get_width(
			((PangoGlyphItem *)r->data)->glyphs);
	return w / (double)PANGO_SCALE;
}

static void measure_block(struct figures *f, const struct tblock *b,
			  double measure, const char *file)
{
	bool justify = b->block->style->align == ALIGN_JUSTIFY;
	f->run = 0;
	for (size_t k = 0; k < b->n_lines; k++) {
		const struct tpart *part = &b->lines[k].parts[0];
		const struct tpart *next = k + 1 < b->n_lines ?
					   &b->lines[k + 1].parts[0] : NULL;
		f->lines++;
		double e = part->expansion;
		f->wider += e > 0;
		f->narrower += e < 0;
		f->expansion_sum += fabs(e);
		f->expansion_most = fabs(e) > f->expansion_most ?
				    fabs(e) : f->expansion_most;
		f->hang_left += part->protrude_left_pt > 0;
		f->hang_right += part->protrude_right_pt > 0;
		f->hang_left_pt += part->protrude_left_pt;
		f->hang_right_pt += part->protrude_right_pt;
		gunichar c = last_char(part);
		size_t at;
		char *chunk = joined_chunk(part, next, &at);
		if (date_break(part, next, chunk, at)) {
			f->dates++;
			if (file)
				name_line(file, "date broken", part);
		}
		if (c == 0xAD || c == '-' || c == 0x2010) {
			f->hyphenated++;
			if (file && getenv("TYPO_HYPHENS"))
				name_line(file, "hyphen", part);
			if (++f->run > f->longest_run)
				f->longest_run = f->run;
			if (c == 0xAD && next) {
				long back = 0, on = 0;
				double factor = 0;
				bool in_part = break_quality(chunk, at) ==
					       HYPH_Q_IN_PART;
				if (in_part)
					letters_to_boundaries(chunk, at, &back,
							      &on);
				if (in_part && (back || on) &&
				    !boundary_could_serve(
					    part, next, back, on,
					    b->block->style->size_pt *
						    PANGO_SCALE,
					    &factor)) {
					f->in_part_forced++;
					if (file)
						name_line(file, arena_printf(
							scratch, "inside a part "
							"(its boundary would "
							"set spaces at %.2fx)",
							factor), part);
				} else if (in_part) {
					f->in_part++;
					if (file)
						name_line(file, "inside a part",
							  part);
				}
				if (word_letters(chunk, at) < 6) {
					f->short_word++;
					if (file)
						name_line(file, "short word",
							  part);
				}
			}
		} else {
			f->run = 0;
		}
		if (!justify || !next)
			continue;
		double lo, hi;
		if (!line_spaces(part, &lo, &hi)) {
			if (part_width(part) < measure - 1) {
				f->short_lines++;
				if (file)
					name_line(file, "one word, short",
						  part);
			}
			continue;
		}
		f->justified_lines++;
		f->tightest = lo < f->tightest ? lo : f->tightest;
		f->loosest = hi > f->loosest ? hi : f->loosest;
		if (lo < TIGHT - 1e-6) {
			f->under++;
			if (file)
				name_line(file, arena_printf(scratch,
					  "%.2f x", lo), part);
		}
		if (hi > LOOSE + 1e-6) {
			f->over++;
			if (file)
				name_line(file, arena_printf(scratch,
					  "%.2f x", hi), part);
		}
	}
}

/* Pages whose text and charts reach less than two thirds down the text
 * area, but a page whose next block had to start a page (a page break of
 * the data, a new document in a pack) and a document's last page. */
static void measure_pages(struct figures *f, const struct pages *pp,
			  const struct layout *l, const char *file)
{
	double area = l->page_height_pt - l->margin_top_pt -
		      l->margin_bottom_pt;
	double foot_before = f->foot_pt;
	for (size_t i = 0; i < pp->n_pages; i++) {
		const struct page *pg = &pp->pages[i];
		double bottom = l->margin_top_pt;
		long charts = 0, others = 0;
		for (size_t k = 0; k < pg->n_lines; k++) {
			const struct placed_line *pl = &pg->lines[k];
			if (pl->artifact)
				continue;
			if (pl->block && pl->block->kind == BLOCK_CHART)
				charts++;
			else
				others++;
			double y = pl->y_pt + placed_height(pl);
			bottom = y > bottom ? y : bottom;
		}
		f->pages++;
		if (charts && !others) {
			f->chart_only++;
			if (file)
				printf("  %s: page %zu of %zu holds only a "
				       "chart\n", file, i + 1, pp->n_pages);
		}
		/* the foot of a page with notes is their top */
		double foot = pg->footnote_rule_y_pt ? pg->footnote_rule_y_pt -
			      l->footnote_gap_pt / 2 :
			      l->page_height_pt - l->margin_bottom_pt;
		if (!pg->part_ends && foot > bottom)
			f->foot_pt += foot - bottom;
		double full = (bottom - l->margin_top_pt) / area;
		if (!pg->part_ends && full < 2.0 / 3) {
			f->thin_pages++;
			if (file)
				printf("  %s: page %zu of %zu %.0f%% full\n",
				       file, i + 1, pp->n_pages, 100 * full);
		}
	}
	if (file)
		printf("  %s: %zu pages, %.0f pt empty at the feet of those "
		       "the flow filled\n", file, pp->n_pages,
		       f->foot_pt - foot_before);
}

static void measure(struct figures *f, const struct typeset_doc *td,
		    double measure, const char *file)
{
	for (size_t i = 0; i < td->n_blocks; i++) {
		const struct tblock *b = &td->blocks[i];
		if (b->block->kind != BLOCK_TEXT || !b->block->style ||
		    !b->block->style->hyphenate)
			continue;
		measure_block(f, b, measure, file);
	}
}

static void print(const char *name, const struct figures *f)
{
	printf("%-18s %5ld %6.1f %4ld %5ld %5ld %5ld %6.2f %6.2f %5ld %5ld "
	       "%5ld %5ld %6.0f %5ld\n", name, f->lines,
	       100.0 * f->hyphenated / (f->lines ? f->lines : 1),
	       f->longest_run, f->in_part, f->short_word, f->dates,
	       isinf(f->tightest) ? 0 : f->tightest, f->loosest, f->under,
	       f->over, f->short_lines, f->thin_pages, f->foot_pt,
	       f->chart_only);
}

/* The microtype figures of a setting: lines with font expansion (wider,
 * narrower), its mean over those lines and its most, in per cent; lines
 * with a character hanging into the left and the right margin, and how
 * far on average. */
static void print_microtype(const char *name, const struct figures *f)
{
	long expanded = f->wider + f->narrower;
	printf("%-18s %5ld %6ld %6ld %6.2f %6.2f %6ld %6.2f %6ld %6.2f\n",
	       name, f->lines, f->wider, f->narrower,
	       expanded ? 100 * f->expansion_sum / expanded : 0,
	       100 * f->expansion_most, f->hang_left,
	       f->hang_left ? f->hang_left_pt / f->hang_left : 0,
	       f->hang_right,
	       f->hang_right ? f->hang_right_pt / f->hang_right : 0);
}

/* The paragraph weights dossier had before its breaks were weighed by
 * quality (layouts/kamerbrief.yaml on main, 2026-12). */
static void today(struct layout *l)
{
	l->space_stretch = 0.6;
	l->space_shrink = 0.33;
	l->justify_tolerance = 100;
	l->justify_emergency_tolerance = 150;
	l->line_penalty = 10;
	l->hyphen_penalty = 100;
	l->boundary_hyphen_penalty = 100;
	l->in_part_hyphen_penalty = 100;
	l->short_word_hyphen_penalty = 100;
	l->compound_hyphen_penalty = 40;
	l->consecutive_hyphen_demerits = 10000;
	l->final_hyphen_demerits = 5000;
	l->fitness_demerits = 10000;
	l->max_hyphenated_lines = 2;
	l->letter_space_max_em = 0.005;
	l->letter_space_demerits = 0;
	l->expansion_stretch = l->expansion_shrink = 0;
	l->n_protrusion = 0;
	l->justify_max_space = 0;
	l->hyphen_min_word = 5;
	l->hyphen_left_min = 2;
	l->hyphen_right_min = 2;
	l->hyphen_names_whole = false;
	l->compound_dictionary = false;
}

/* The layout without microtype's tools (issue 15, point 3), with the
 * spaces it had before them: 0.6 stretch and 0.33 shrink, letter
 * spacing of 1/200 em only where nothing else fits. */
static void without_microtype(struct layout *l)
{
	l->space_stretch = 0.6;
	l->space_shrink = 0.33;
	l->letter_space_max_em = 0.005;
	l->letter_space_demerits = 0;
	l->expansion_stretch = l->expansion_shrink = 0;
	l->n_protrusion = 0;
}

enum setting { NEW, NO_DICTIONARY, PLAIN, TODAY, GREEDY, N_SETTINGS };
static const char *const setting_names[] = { "total-fit", "-hunspell",
					     "-microtype", "today",
					     "greedy" };

/* The pages of one meeting file in setting s (narrow: in the 60 mm
 * column), with the layout and lines they were made of; a pack with its
 * bound documents when bind. NULL with diags in d. */
static struct pages *set_file(struct typesetter *ts, struct arena *a,
			      const char *path, enum setting s, int narrow,
			      bool bind, struct layout **lp, double *width,
			      struct typeset_doc **tdp, bool *pack,
			      struct diags *d)
{
	struct document *doc = model_parse_file(a, path, d);
	*pack = doc && doc->kind == DOC_BRIEFING_PACK;
	if (doc && *pack && bind && !pack_load(a, doc, d))
		return NULL;
	struct layout *l = doc ? layout_load(a, "layouts", doc->layout.src ?
			   doc->layout.src : "kamerbrief", d) : NULL;
	if (!l)
		return NULL;
	if (s == TODAY)
		today(l);
	if (s == PLAIN)
		without_microtype(l);
	if (s == NO_DICTIONARY)
		l->compound_dictionary = false;
	*width = l->page_width_pt - l->margin_left_pt - l->margin_right_pt;
	if (narrow) {
		l->margin_right_pt += *width - NARROW_PT;
		*width = NARROW_PT;
	}
	struct composition *c = compose_document(a, hyph, doc, l,
						 model_document_date(doc, -1));
	struct typeset_doc *td = typeset_blocks(ts, a, c, d);
	*lp = l;
	*tdp = td;
	return td ? paginate(ts, a, c, td) : NULL;
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
	hyph = hyph_create(HYPH_DEFAULT_DIC);
	if (!ts || !hyph ||
	    !hyph_load_words(hyph, "layouts/hyphenation-nl.txt", &d)) {
		diags_print(&d, stderr);
		return 1;
	}
	struct figures fig[2][N_SETTINGS];
	memset(fig, 0, sizeof fig);
	for (int narrow = 0; narrow < 2; narrow++)
		for (int s = 0; s < N_SETTINGS; s++) {
			fig[narrow][s].tightest = INFINITY;
			typeset_set_greedy(ts, s == GREEDY);
			for (int i = 1; i < argc; i++) {
				struct arena *a = arena_create();
				scratch = a;
				diags_init(&d, a);
				struct layout *l = NULL;
				struct typeset_doc *td = NULL;
				double width = 0;
				bool pack = false;
				struct pages *pp = set_file(ts, a, argv[i], s,
					narrow, false, &l, &width, &td, &pack,
					&d);
				const char *file = s == NEW && !narrow ?
						   argv[i] : NULL;
				layout = l;
				if (pp)
					measure(&fig[narrow][s], td, width,
						file);
				/* The pages of a pack are those of the
				 * documents it binds as well; its lines
				 * only its own (they are the seeds'). */
				if (pp && pack)
					pp = set_file(ts, a, argv[i], s, narrow,
						      true, &l, &width, &td,
						      &pack, &d);
				if (!pp) {
					diags_print(&d, stderr);
					return 1;
				}
				measure_pages(&fig[narrow][s], pp, l, file);
				arena_destroy(a);
			}
		}
	printf("%d meeting files; paragraphs in hyphenated styles. Spaces as "
	       "a multiple of the font's normal space (justified lines).\n"
	       "hyph/100: lines ending in a hyphen per 100; run: most in a "
	       "row; in part: breaks inside a compound's part where its "
	       "boundary could serve;\n<6: breaks in words under 6 letters; "
	       "date: breaks in a date; tight, loose: narrowest and widest "
	       "space; <%.1f, >%.1f: lines\nwith such a space; short: "
	       "one-word lines left short in mid-paragraph; thin: pages "
	       "under two thirds full (not a document's last, nor one before\na page the data starts); foot: points left empty at the feet of the pages the flow filled (those);\nchart: pages that hold only a chart.\n",
	       argc - 1, TIGHT, LOOSE);
	printf("%-18s %5s %6s %4s %5s %5s %5s %6s %6s %5s %5s %5s %5s %6s "
	       "%5s\n",
	       "breaker", "lines", "hyph", "run", "part", "<6", "date",
	       "tight", "loose", "<0.8", ">1.5", "short", "thin", "foot",
	       "chart");
	for (int narrow = 0; narrow < 2; narrow++)
		for (int s = 0; s < N_SETTINGS; s++)
			print(arena_printf(run, "%s%s", setting_names[s],
					   narrow ? ", 60 mm" : ""),
			      &fig[narrow][s]);
	printf("\nMicrotype's tools (layout keys expansion_*, protrusion): "
	       "wider, narrower: lines whose glyphs font expansion\ndrew "
	       "wider or narrower; mean%%, most%%: its share on those lines; "
	       "left, right: lines whose first (last) character\nhangs into "
	       "the margin, pt: how far on average.\n");
	printf("%-18s %5s %6s %6s %6s %6s %6s %6s %6s %6s\n", "breaker",
	       "lines", "wider", "narrow", "mean%", "most%", "left", "pt",
	       "right", "pt");
	for (int narrow = 0; narrow < 2; narrow++)
		for (int s = 0; s < N_SETTINGS; s++)
			if (s != GREEDY)
				print_microtype(arena_printf(run, "%s%s",
						setting_names[s],
						narrow ? ", 60 mm" : ""),
						&fig[narrow][s]);
	typeset_destroy(ts);
	hyph_destroy(hyph);
	arena_destroy(run);
	return 0;
}
