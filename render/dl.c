/*
 * dl.c — pages into the display list.
 *
 * Walks every placed line and turns its pango runs into glyph items at
 * their page position, its rules into rules and its links into link
 * rectangles, a chart's paths and labels into paths and glyph items; adds
 * the footnote rule of each page and gathers the outline.
 *
 * A page's items grow in a buffer of the heap and move to the arena at
 * their exact count when the page is done: grown in the arena, every
 * page left its outgrown arrays behind (a tenth of a long report's peak).
 *
 * The writers draw each glyph run as dl_run_start() gives it: without the
 * soft hyphens inside its words.
 */
#include "dl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"

static struct dl_item *add_item(struct dl_page *p, enum dl_kind kind)
{
	if (p->n_items == p->cap_items) {
		size_t cap = p->cap_items ? p->cap_items * 2 : 256;
		p->items = xrealloc_array(p->items, cap, sizeof *p->items);
		p->cap_items = cap;
	}
	struct dl_item *it = &p->items[p->n_items++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return it;
}

/* The page's items from the heap into the arena, at their count. */
static void finish_page(struct arena *a, struct dl_page *p)
{
	struct dl_item *it = arena_array(a, p->n_items, sizeof *it);
	if (p->n_items)
		memcpy(it, p->items, p->n_items * sizeof *it);
	free(p->items);
	p->items = it;
	p->cap_items = p->n_items;
}

/* The glyph run of a DL_GLYPHS item as the writers draw it: without the
 * soft hyphens inside its words. Each such hyphen is an empty glyph,
 * which cairo writes as a marked-content span with its ActualText: some
 * 45 bytes of content stream apiece, a fifth of a page, for nothing to
 * see; inside a ligature (f|f) it is part of the ligature's text, which
 * text extraction keeps (ef\u00ADfectieve). The soft hyphen that ends a
 * line shows a hyphen glyph and stays: it tells text extraction to join
 * the word. Made as each run is drawn and freed at once, so that a long
 * document holds no second copy of its text. */
void dl_run_start(struct dl_run *r, const struct dl_item *it)
{
	*r = (struct dl_run){ it->glyphs, it->text, NULL, NULL };
	const PangoGlyphItem *run = it->glyphs;
	int len = run->item->length;
	const char *from = it->text + run->item->offset;
	const char *c = memchr(from, 0xC2, (size_t)len);
	while (c && (c + 1 - from >= len || (unsigned char)c[1] != 0xAD))
		c = memchr(c + 1, 0xC2, (size_t)(len - (c + 1 - from)));
	if (!c)
		return;
	/* at[b]: where byte b goes, -1 for a soft hyphen that goes; first
	 * 1 for a byte a glyph that shows something stands for. */
	const PangoGlyphString *gs = run->glyphs;
	int *at = g_new0(int, len + 1);
	for (int g = 0; g < gs->num_glyphs; g++)
		if (gs->glyphs[g].glyph != PANGO_GLYPH_EMPTY ||
		    gs->glyphs[g].geometry.width != 0)
			at[gs->log_clusters[g]] = 1;
	char *own = g_malloc((size_t)len + 1);
	int n = 0;
	for (int b = 0; b < len; b++) {
		if ((unsigned char)from[b] == 0xC2 && b + 1 < len &&
		    (unsigned char)from[b + 1] == 0xAD && !at[b]) {
			at[b] = at[b + 1] = -1;
			b++;
		} else {
			at[b] = n;
			own[n++] = from[b];
		}
	}
	at[len] = n;
	if (n == len) {
		g_free(at);
		g_free(own);
		return;
	}
	PangoGlyphItem *cut = g_slice_new0(PangoGlyphItem);
	*cut = *run;
	cut->item = pango_item_copy(run->item);
	cut->item->offset = 0;
	cut->item->length = n;
	cut->item->num_chars -= (len - n) / 2; /* two bytes, one character */
	cut->glyphs = pango_glyph_string_new();
	pango_glyph_string_set_size(cut->glyphs, gs->num_glyphs);
	int k = 0;
	for (int g = 0; g < gs->num_glyphs; g++) {
		if (at[gs->log_clusters[g]] < 0)
			continue; /* the hyphen's own empty glyph */
		cut->glyphs->glyphs[k] = gs->glyphs[g];
		cut->glyphs->log_clusters[k++] = at[gs->log_clusters[g]];
	}
	cut->glyphs->num_glyphs = k;
	g_free(at);
	*r = (struct dl_run){ cut, own, cut, own };
}

void dl_run_done(struct dl_run *r)
{
	if (r->own)
		pango_glyph_item_free(r->own);
	g_free(r->own_text);
	*r = (struct dl_run){ 0 };
}

/* What a glyph run sets, for the structure tags. */
struct dl_owner {
	const struct block *block;
	const struct tline *row;
	int cell;
	bool artifact;
};

static void add_part(struct dl_page *p, const struct tpart *part,
		     double x0, double top, struct dl_owner own)
{
	bool artifact = own.artifact;
	const char *text = part->text;
	double x = x0 + part->x_pt;
	double base = top + part->baseline_pt;
	/* Runs follow each other along the baseline, which a turned label
	 * turns too. */
	double c = cos(part->angle), sn = sin(part->angle), along = 0;
	for (GSList *r = part->runs; r; r = r->next) {
		const PangoGlyphItem *gi = r->data;
		struct dl_item *it = add_item(p, DL_GLYPHS);
		double dx = along + gi->start_x_offset / (double)PANGO_SCALE;
		double dy = -gi->y_offset / (double)PANGO_SCALE;
		it->x = x + dx * c - dy * sn;
		it->y = base + dx * sn + dy * c;
		it->angle = part->angle;
		it->glyphs = gi;
		it->text = text;
		memcpy(it->rgb, part->rgb, sizeof it->rgb);
		it->artifact = artifact;
		it->block = own.block;
		it->row = own.row;
		it->cell = own.cell;
		along += pango_glyph_string_get_width(gi->glyphs) /
			 (double)PANGO_SCALE;
	}
}

/* The page and y of the footnote with this number. */
static void find_note(const struct pages *pages, int note, int *page,
		      double *y)
{
	for (size_t p = 0; p < pages->n_pages; p++)
		for (size_t d = 0; d < pages->pages[p].n_dests; d++)
			if (pages->pages[p].dests[d].note == note) {
				*page = (int)p + 1;
				*y = pages->pages[p].dests[d].y_pt;
				return;
			}
}

/* A chart's paths, then its labels on top, from its top-left (x, y). */
static void add_chart(struct dl_page *p, const struct chart_drawing *cd,
		      double x, double y, const struct block *block)
{
	for (size_t i = 0; i < cd->n_paths; i++) {
		struct dl_item *it = add_item(p, DL_PATH);
		it->x = x;
		it->y = y;
		it->path = &cd->paths[i];
	}
	for (size_t i = 0; i < cd->n_labels; i++)
		add_part(p, &cd->labels[i], x, y,
			 (struct dl_owner){ block, NULL, 0, false });
}

static void add_line(struct dl_page *p, const struct pages *pages,
		     const struct placed_line *pl)
{
	const struct tline *tl = pl->line;
	if (tl->chart)
		add_chart(p, tl->chart, pl->x_pt, pl->y_pt, pl->block);
	for (int i = 0; i < tl->n_parts; i++)
		add_part(p, &tl->parts[i], pl->x_pt, pl->y_pt,
			 (struct dl_owner){ pl->block, tl, i, pl->artifact });
	for (int i = 0; i < tl->n_rules; i++) {
		const struct trule *r = &tl->rules[i];
		struct dl_item *it = add_item(p, DL_RULE);
		it->x = pl->x_pt + r->x0_pt;
		it->y = pl->y_pt + r->y_pt;
		it->w = r->x1_pt - r->x0_pt;
		it->h = r->width_pt;
		it->artifact = true; /* a table's rules are decoration */
	}
	for (int i = 0; i < tl->n_links; i++) {
		const struct tlink *lk = &tl->links[i];
		struct dl_item *it = add_item(p, DL_LINK);
		it->x = pl->x_pt + lk->x0_pt;
		it->y = pl->y_pt + lk->top_pt;
		it->w = lk->x1_pt - lk->x0_pt;
		it->h = lk->bottom_pt - lk->top_pt;
		it->uri = lk->uri;
		if (lk->note)
			find_note(pages, lk->note, &it->dest_page,
				  &it->dest_y);
		if (!it->uri && !it->dest_page)
			p->n_items--; /* a target that was never placed */
	}
}

/* The links pagination placed (the contents'), in reading order: right
 * after the line they belong to. */
static void add_page_links(struct dl_page *dp, const struct page *pg,
			   size_t line_ix)
{
	for (size_t i = 0; i < pg->n_links; i++) {
		const struct page_link *lk = &pg->links[i];
		if (lk->line_ix != line_ix)
			continue;
		struct dl_item *it = add_item(dp, DL_LINK);
		it->x = lk->x_pt;
		it->y = lk->y_pt;
		it->w = lk->w_pt;
		it->h = lk->h_pt;
		it->dest_page = lk->dest_page;
		it->dest_y = lk->dest_y_pt;
	}
}

struct display_list *dl_build(struct arena *a, const struct composition *comp,
			      const struct pages *pages)
{
	struct display_list *dl = arena_alloc(a, sizeof *dl);
	dl->width_pt = pages->width_pt;
	dl->height_pt = pages->height_pt;
	dl->n_pages = pages->n_pages;
	dl->pages = arena_array(a, pages->n_pages, sizeof *dl->pages);
	size_t n_outline = 0;
	for (size_t p = 0; p < pages->n_pages; p++)
		n_outline += pages->pages[p].n_outline;
	dl->outline = arena_array(a, n_outline, sizeof *dl->outline);
	for (size_t p = 0; p < pages->n_pages; p++) {
		const struct page *pg = &pages->pages[p];
		struct dl_page *dp = &dl->pages[p];
		for (size_t i = 0; i < pg->n_lines; i++) {
			add_line(dp, pages, &pg->lines[i]);
			add_page_links(dp, pg, i);
		}
		if (pg->footnote_rule_y_pt > 0) {
			struct dl_item *it = add_item(dp, DL_RULE);
			it->x = pages->footnote_rule_x_pt;
			it->y = pg->footnote_rule_y_pt;
			it->w = pages->footnote_rule_width_pt;
			it->h = pages->footnote_rule_pt;
			it->artifact = true;
		}
		finish_page(a, dp);
		for (size_t i = 0; i < pg->n_outline; i++)
			dl->outline[dl->n_outline++] = (struct dl_outline){
				pg->outline[i].level, pg->outline[i].title,
				(int)p + 1, pg->outline[i].y_pt };
	}
	dl->title = comp->title;
	dl->author = comp->author;
	dl->subject = comp->subject;
	dl->keywords = comp->keywords;
	dl->creator = comp->creator;
	dl->date = comp->date;
	dl->front_pages = pages->front_pages;
	return dl;
}

struct display_list *dl_build_chart(struct arena *a,
				    const struct chart_drawing *cd,
				    double margin_pt, const char *title,
				    struct date date)
{
	struct display_list *dl = arena_alloc(a, sizeof *dl);
	dl->width_pt = cd->width_pt + 2 * margin_pt;
	dl->height_pt = cd->height_pt + 2 * margin_pt;
	dl->n_pages = 1;
	dl->pages = arena_alloc(a, sizeof *dl->pages);
	add_chart(&dl->pages[0], cd, margin_pt, margin_pt, NULL);
	finish_page(a, &dl->pages[0]);
	dl->title = title;
	dl->creator = "dossier " DOSSIER_VERSION;
	dl->date = date;
	return dl;
}
