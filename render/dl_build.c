/*
 * dl_build.c — pages into the display list, with the structure of what
 * they show.
 *
 * Walks every placed line and turns its pango runs into glyph items at
 * their page position, its rules into rules and its links into link
 * rectangles, a chart's paths and labels into paths and glyph items; adds
 * the footnote rule of each page and gathers the outline.
 *
 * Structure is decided here, once, from what the blocks are: a heading
 * of outline level n is Hn, a contents entry TOCI inside TOC, a list
 * item LI inside L, a table TR of TD inside Table, a footnote Note, a
 * chart a Figure whose /Alt is its title, anything else P. Each glyph
 * item is given the innermost element it sets; running headers and
 * footers none (an artifact), which also ends the elements open before
 * them: a paragraph broken by the page becomes two P elements in a row.
 *
 * The typeset lines of a long document hold no shaped runs (typeset.h):
 * the blocks a page shows are set again when it is made, each into an arena of its own,
 * kept while the pages go on showing that block (a table over thirty
 * pages is set once more, not thirty times) and reset for another block
 * once the page after its last has been made. dl_build_paged() makes a
 * page when a writer asks for it, into one buffer of items that the
 * next page reuses; the structure elements are made on the first pass
 * over the pages and counted again on any later one. dl_build() makes
 * every page at once into the arena (for checks on the whole document).
 *
 * A page's items and the elements grow in buffers of the heap and move
 * to the arena at their exact count when done: grown in the arena, every
 * page left its outgrown arrays behind (a tenth of a long report's peak).
 */
#include "dl_build.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct note_place {
	int page;
	double y;
};

struct dl_flow {
	int open[3];
	const struct block *block;
	const struct tline *row;
	int cell;
	const struct tline *header_row; /* of the table open, or NULL */
};

/* The elements made so far, and those open in each flow: the body, and
 * the footnotes at the foot of its pages, so that a paragraph the page
 * and its notes interrupt goes on as the same element. */
/* Where a link of the line being set lies, and its Link element once a
 * run inside it has made one (else -1). */
struct link_rect {
	double x0, x1;
	int elem;
	bool web;  /* to the web: coloured and underlined */
};

/* A block's lines set again, with their runs, for the pages that show
 * it. */
struct live_block {
	const struct tblock *tb;
	const struct tline *lines;
	struct arena *a;   /* its own; the document's for dl_build() */
	size_t page;       /* the last page that showed it */
	uint64_t used;     /* when, for the least recently used */
};

/* Blocks kept set at least; more when a page shows more. */
#define LIVE_MIN 16

struct dl_builder {
	struct arena *a;
	const struct layout *layout; /* NULL for a chart alone */
	struct typesetter *ts;
	struct live_block *live;
	size_t n_live, cap_live;
	uint64_t clock;
	bool paged;        /* live blocks in arenas of their own */
	bool replay;       /* the elements are made: count them again */
	size_t next_elem;
	struct display_list *dl;
	struct link_rect *rects; /* of the line being set */
	size_t n_rects, cap_rects;
	size_t cap_elems;
	struct dl_flow flow[2]; /* body, notes */
	struct dl_flow *f;      /* the one of the run last set */
	struct note_place *notes; /* by footnote number */
	size_t n_notes;
	/* The Span of the runs in another language just set: its element,
	 * the element it is in, its language (pango's, interned). */
	int span, span_parent;
	const char *span_lang;
};

/* The elements made: trimmed to their count where they are, on the
 * heap, and freed with a. A copy into the arena held both at once, at
 * the end of a long document's last page, when its memory peaks. */
static void finish_elems(struct arena *a, struct dl_builder *b)
{
	struct display_list *dl = b->dl;
	dl->elems = xrealloc_array(dl->elems, dl->n_elems, sizeof *dl->elems);
	b->cap_elems = dl->n_elems;
	arena_on_destroy(a, free, dl->elems);
}

/* What a glyph run sets, for the structure. */
struct dl_owner {
	const struct block *block;
	const struct tline *row;
	int cell;
	bool artifact;
	bool label;  /* the block's label (bullet, number) */
};

static int add_elem(struct dl_builder *b, enum dl_role role, int parent)
{
	struct display_list *dl = b->dl;
	if (b->replay) {
		/* the same pages make the same elements */
		assert(b->next_elem < dl->n_elems &&
		       dl->elems[b->next_elem].role == role &&
		       dl->elems[b->next_elem].parent == parent);
		return (int)b->next_elem++;
	}
	ARRAY_GROW(dl->elems, dl->n_elems, b->cap_elems);
	dl->elems[dl->n_elems] =
		(struct dl_elem){ role, parent, NULL, NULL, NULL };
	return (int)dl->n_elems++;
}

/* The roles of a block's group (or -1: none) and element. */
static void block_roles(const struct block *b, int *group, int *elem)
{
	static const enum dl_role h[] = { DL_ROLE_H1, DL_ROLE_H2, DL_ROLE_H3,
					  DL_ROLE_H4, DL_ROLE_H5, DL_ROLE_H6 };
	*group = -1;
	if (b->kind == BLOCK_CHART) {
		*elem = DL_ROLE_FIGURE;
	} else if (b->kind == BLOCK_TABLE) {
		*group = DL_ROLE_TABLE;
		*elem = DL_ROLE_TR;
	} else if (b->toc_anchor) {
		*group = DL_ROLE_TOC;
		*elem = DL_ROLE_TOCI;
	} else if (b->outline_level) {
		*elem = h[b->outline_level > 6 ? 5 : b->outline_level - 1];
	} else if (b->style && !strcmp(b->style->name, "footnote")) {
		*elem = DL_ROLE_NOTE;
	} else if (b->label && !b->label_style) {
		*group = DL_ROLE_L;
		*elem = DL_ROLE_LI;
	} else {
		*elem = DL_ROLE_P;
	}
}

/* The role of the part inside the element, or -1: a table's cell (TH
 * in its header row), a list item's Lbl and LBody, a note's Lbl (its
 * text is the Note's own). */
static int part_role(const struct dl_builder *b, int elem,
		     struct dl_owner own)
{
	if (elem == DL_ROLE_TR)
		return own.row == b->f->header_row ? DL_ROLE_TH : DL_ROLE_TD;
	if (elem == DL_ROLE_LI)
		return own.label ? DL_ROLE_LBL : DL_ROLE_LBODY;
	if (elem == DL_ROLE_NOTE && own.label)
		return DL_ROLE_LBL;
	return -1;
}

static int open_role(const struct dl_builder *b, int k)
{
	return b->f->open[k] == DL_ARTIFACT ? -1 :
					   (int)b->dl->elems[b->f->open[k]].role;
}

static void close_from(struct dl_builder *b, int from)
{
	for (int k = from; k < 3; k++)
		b->f->open[k] = DL_ARTIFACT;
	if (from <= 1)
		b->f->block = NULL;
}

static void flows_start(struct dl_builder *b)
{
	for (int k = 0; k < 2; k++) {
		b->f = &b->flow[k];
		close_from(b, 0);
	}
	b->f = &b->flow[0];
}

static void builder_start(struct dl_builder *b, struct arena *a,
			  struct display_list *dl)
{
	*b = (struct dl_builder){ .a = a, .dl = dl };
	flows_start(b);
}

/* The innermost element open now (what a link in it belongs to). */
static int innermost(const struct dl_builder *b)
{
	for (int k = 2; k >= 0; k--)
		if (b->f->open[k] != DL_ARTIFACT)
			return b->f->open[k];
	return DL_ARTIFACT;
}

/* The innermost element a run of own belongs to: the elements open for
 * the run before it where it continues them, new ones where it starts
 * another block, row, cell or part. Running headers and footers belong
 * to none and leave the elements open: a paragraph broken by the page
 * is one P. */
static int structure_of(struct dl_builder *b, struct dl_owner own)
{
	if (own.artifact || !own.block)
		return DL_ARTIFACT;
	int group, elem;
	block_roles(own.block, &group, &elem);
	b->f = &b->flow[elem == DL_ROLE_NOTE];
	bool new_block = own.block != b->f->block;
	if (open_role(b, 0) != group ||
	    (new_block && group == DL_ROLE_TABLE))
		close_from(b, 0);
	else if (new_block || (elem == DL_ROLE_TR && own.row != b->f->row))
		close_from(b, 1);
	if (group == DL_ROLE_TABLE && b->f->open[0] == DL_ARTIFACT)
		b->f->header_row = own.block->table->header_row ? own.row : NULL;
	int part = part_role(b, elem, own);
	if (open_role(b, 2) != part ||
	    (elem == DL_ROLE_TR && own.cell != b->f->cell))
		close_from(b, 2);
	if (group >= 0 && b->f->open[0] == DL_ARTIFACT)
		b->f->open[0] = add_elem(b, group, DL_ARTIFACT);
	if (b->f->open[1] == DL_ARTIFACT) {
		struct dl_elem *e;
		b->f->open[1] = add_elem(b, elem, b->f->open[0]);
		e = &b->dl->elems[b->f->open[1]];
		if (b->replay)
			;
		else if (elem == DL_ROLE_FIGURE)
			e->alt = chart_alt(b->a, own.block->chart);
		if (elem == DL_ROLE_NOTE) /* unique: notes are numbered */
			e->id = arena_printf(b->a, "fn%s", own.block->label);
	}
	if (part >= 0 && b->f->open[2] == DL_ARTIFACT)
		b->f->open[2] = add_elem(b, part, b->f->open[1]);
	b->f->block = own.block;
	b->f->row = own.row;
	b->f->cell = own.cell;
	return part >= 0 ? b->f->open[2] : b->f->open[1];
}

static struct dl_item *add_item(struct dl_page *p, enum dl_kind kind)
{
	ARRAY_GROW(p->items, p->n_items, p->cap_items);
	struct dl_item *it = &p->items[p->n_items++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->elem = DL_ARTIFACT;
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


/* A run whose middle lies in a link of its line is that link's text:
 * the Link element (made inside elem by the first such run) holds it. */
static struct link_rect *link_of(struct dl_builder *b, double mid, int elem)
{
	for (size_t k = 0; k < b->n_rects; k++) {
		struct link_rect *r = &b->rects[k];
		if (mid < r->x0 || mid > r->x1)
			continue;
		if (r->elem < 0)
			r->elem = add_elem(b, DL_ROLE_LINK, elem);
		return r;
	}
	return NULL;
}

/* A web link's run in the layout's link colour, underlined (the line
 * under it is decoration: an artifact). it is not to be used after. */
static void style_link_run(struct dl_builder *b, struct dl_page *p,
			   struct dl_item *it, double w)
{
	const struct layout *l = b->layout;
	memcpy(it->rgb, l->link_rgb, sizeof it->rgb);
	if (l->link_underline_pt <= 0)
		return;
	double x = it->x, y = it->y; /* add_item may move the items */
	struct dl_item *u = add_item(p, DL_RULE);
	u->x = x;
	u->y = y + l->link_underline_offset_pt;
	u->w = w;
	u->h = l->link_underline_pt;
	memcpy(u->rgb, l->link_rgb, sizeof u->rgb);
}

static void add_rect(struct dl_builder *b, double x0, double x1, bool web)
{
	ARRAY_GROW(b->rects, b->n_rects, b->cap_rects);
	b->rects[b->n_rects++] = (struct link_rect){ x0, x1, -1, web };
}

/* The Link element of the k-th link of the line: the one its text made,
 * or a new one in the element open now. */
static int link_elem(struct dl_builder *b, size_t k)
{
	return b->rects[k].elem >= 0 ?
		       b->rects[k].elem :
		       (b->rects[k].elem = add_elem(b, DL_ROLE_LINK,
						    innermost(b)));
}

/* Do BCP 47 tags a and b name one language ("nl-nl", "nl-NL", "nl")? */
static bool same_language(const char *a, const char *b)
{
	size_t n = strcspn(a, "-_"), m = strcspn(b, "-_");
	return n == m && !g_ascii_strncasecmp(a, b, n);
}

/* A run in another language than the document's (a span the data or the
 * layout's english_terms marked, which pango's runs carry) is read in a
 * Span with its /Lang inside elem; runs after each other in one language
 * share one. elem itself for a run in the document's language. */
static int language_of(struct dl_builder *b, const PangoGlyphItem *gi,
		       int elem)
{
	const char *lang = elem == DL_ARTIFACT ? NULL :
			   pango_language_to_string(gi->item->analysis.language);
	if (!lang || !*lang || same_language(lang, b->dl->lang)) {
		b->span = -1;
		return elem;
	}
	if (b->span >= 0 && b->span_parent == elem && b->span_lang == lang)
		return b->span;
	b->span = add_elem(b, DL_ROLE_SPAN, elem);
	b->dl->elems[b->span].lang = lang;
	b->span_parent = elem;
	b->span_lang = lang;
	return b->span;
}

static void add_part(struct dl_builder *b, struct dl_page *p,
		     const struct tpart *part, double x0, double top,
		     struct dl_owner own)
{
	const char *text = part->text;
	double x = x0 + part->x_pt;
	double base = top + part->baseline_pt;
	/* Runs follow each other along the baseline, which a turned label
	 * turns too. */
	double c = cos(part->angle), sn = sin(part->angle), along = 0;
	b->span = -1;
	for (GSList *r = part->runs; r; r = r->next) {
		const PangoGlyphItem *gi = r->data;
		struct dl_item *it = add_item(p, DL_GLYPHS);
		double dx = along + gi->start_x_offset / (double)PANGO_SCALE;
		double dy = -gi->y_offset / (double)PANGO_SCALE;
		it->x = x + dx * c - dy * sn;
		it->y = base + dx * sn + dy * c;
		it->angle = part->angle;
		it->expansion = part->expansion;
		it->glyphs = gi;
		it->text = text;
		memcpy(it->rgb, part->rgb, sizeof it->rgb);
		it->elem = structure_of(b, own);
		double w = pango_glyph_string_get_width(gi->glyphs) /
			   (double)PANGO_SCALE;
		struct link_rect *lr =
			part->angle == 0 && it->elem != DL_ARTIFACT ?
				link_of(b, x + along + w / 2, it->elem) : NULL;
		if (lr)
			it->elem = lr->elem;
		if (part->angle == 0)
			it->elem = language_of(b, gi, it->elem);
		if (lr && lr->web && b->layout)
			style_link_run(b, p, it, w);
		along += w;
	}
}

/* Where each footnote starts: the first page that holds its text, and
 * the y there; page 0 for a note never placed. */
static struct note_place *place_notes(const struct pages *pages,
				      size_t *n_out)
{
	size_t n = 0;
	for (size_t p = 0; p < pages->n_pages; p++)
		for (size_t d = 0; d < pages->pages[p].n_dests; d++)
			if (pages->pages[p].dests[d].note > 0 &&
			    (size_t)pages->pages[p].dests[d].note > n)
				n = (size_t)pages->pages[p].dests[d].note;
	struct note_place *at = xrealloc_array(NULL, n + 1, sizeof *at);
	memset(at, 0, (n + 1) * sizeof *at);
	for (size_t p = pages->n_pages; p-- > 0;)
		for (size_t d = pages->pages[p].n_dests; d-- > 0;) {
			const struct page_dest *pd = &pages->pages[p].dests[d];
			if (pd->note > 0)
				at[pd->note] = (struct note_place){ (int)p + 1,
								    pd->y_pt };
		}
	*n_out = n;
	return at;
}

/* A chart's paths, then its labels on top, from its top-left (x, y). */
static void add_chart(struct dl_builder *b, struct dl_page *p,
		      const struct chart_drawing *cd,
		      double x, double y, const struct block *block)
{
	/* The bars and lines are the Figure's too: what the /Alt stands
	 * for. */
	struct dl_owner own = { block, NULL, 0, false, false };
	int figure = structure_of(b, own);
	for (size_t i = 0; i < cd->n_paths; i++) {
		struct dl_item *it = add_item(p, DL_PATH);
		it->x = x;
		it->y = y;
		it->path = &cd->paths[i];
		it->elem = figure;
	}
	for (size_t i = 0; i < cd->n_labels; i++)
		add_part(b, p, &cd->labels[i], x, y, own);
}

/* A placed line: its chart, its parts (labels first), its rules, its
 * links and the links pagination placed after it (the contents'), each
 * link holding the runs of its text. */
static void add_line(struct dl_builder *b, struct dl_page *p,
		     const struct page *pg, size_t line_ix,
		     const struct tline *tl)
{
	const struct placed_line *pl = &pg->lines[line_ix];
	b->n_rects = 0;
	for (int i = 0; i < tl->n_links; i++)
		add_rect(b, pl->x_pt + tl->links[i].x0_pt,
			 pl->x_pt + tl->links[i].x1_pt, tl->links[i].uri);
	for (size_t i = 0; i < pg->n_links; i++)
		if (pg->links[i].line_ix == line_ix)
			add_rect(b, pg->links[i].x_pt,
				 pg->links[i].x_pt + pg->links[i].w_pt, false);
	if (tl->chart)
		add_chart(b, p, tl->chart, pl->x_pt, pl->y_pt, pl->block);
	/* A label (bullet, number) is read before the text it hangs
	 * beside, so it is drawn first. */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < tl->n_parts; i++)
			if (tl->parts[i].label == (pass == 0))
				add_part(b, p, &tl->parts[i], pl->x_pt,
					 pl->y_pt,
					 (struct dl_owner){ pl->block, tl, i,
							    pl->artifact,
							    tl->parts[i].label });
	for (int i = 0; i < tl->n_rules; i++) {
		const struct trule *r = &tl->rules[i];
		struct dl_item *it = add_item(p, DL_RULE);
		it->x = pl->x_pt + r->x0_pt;
		it->y = pl->y_pt + r->y_pt;
		it->w = r->x1_pt - r->x0_pt;
		it->h = r->width_pt;
	}
	size_t k = 0;
	for (int i = 0; i < tl->n_links; i++, k++) {
		const struct tlink *lk = &tl->links[i];
		if (!lk->uri && (lk->note <= 0 || (size_t)lk->note > b->n_notes ||
				 !b->notes[lk->note].page))
			continue; /* a target that was never placed */
		struct dl_item *it = add_item(p, DL_LINK);
		it->x = pl->x_pt + lk->x0_pt;
		it->y = pl->y_pt + lk->top_pt;
		it->w = lk->x1_pt - lk->x0_pt;
		it->h = lk->bottom_pt - lk->top_pt;
		it->uri = lk->uri;
		if (!lk->uri) {
			it->dest_page = b->notes[lk->note].page;
			it->dest_y = b->notes[lk->note].y;
		}
		it->elem = link_elem(b, k);
	}
	for (size_t i = 0; i < pg->n_links; i++) {
		const struct page_link *lk = &pg->links[i];
		if (lk->line_ix != line_ix)
			continue;
		struct dl_item *it = add_item(p, DL_LINK);
		it->x = lk->x_pt;
		it->y = lk->y_pt;
		it->w = lk->w_pt;
		it->h = lk->h_pt;
		it->dest_page = lk->dest_page;
		it->dest_y = lk->dest_y_pt;
		it->elem = link_elem(b, k++);
	}
}

/* The lines of tb set again, with their runs: kept from the pages
 * before when it goes on here, else set into the least recently used
 * arena that no line of this page is in. */
static const struct tline *live_lines(struct dl_builder *b,
				      const struct tblock *tb, size_t page)
{
	struct live_block *lb = NULL;
	for (size_t i = 0; i < b->n_live && !lb; i++)
		if (b->live[i].tb == tb)
			lb = &b->live[i];
	if (lb) {
		lb->page = page;
		lb->used = ++b->clock;
		return lb->lines;
	}
	if (b->n_live >= LIVE_MIN)
		for (size_t i = 0; i < b->n_live; i++)
			if (b->live[i].page < page &&
			    (!lb || b->live[i].used < lb->used))
				lb = &b->live[i];
	if (lb) {
		if (b->paged)
			arena_reset(lb->a);
	} else {
		ARRAY_GROW(b->live, b->n_live, b->cap_live);
		lb = &b->live[b->n_live++];
		lb->a = b->paged ? arena_create() : b->a;
	}
	lb->tb = tb;
	lb->lines = typeset_again(b->ts, lb->a, b->layout, tb);
	lb->page = page;
	lb->used = ++b->clock;
	return lb->lines;
}

/* Page p's items into dp. */
static void build_page(struct dl_builder *b, const struct pages *pages,
		       size_t p, struct dl_page *dp)
{
	const struct page *pg = &pages->pages[p];
	for (size_t i = 0; i < pg->n_lines; i++) {
		const struct placed_line *pl = &pg->lines[i];
		const struct tline *tl =
			pl->shorter_pt > 0 ?
				typeset_chart_shorter(b->ts, b->a, b->layout,
						      pl->from,
						      pl->shorter_pt) :
			pl->from && pl->from->bare ?
				&live_lines(b, pl->from, p)[pl->line_ix] :
				pl->line;
		add_line(b, dp, pg, i, tl);
	}
	if (pg->footnote_rule_y_pt > 0) {
		struct dl_item *it = add_item(dp, DL_RULE);
		it->x = pages->footnote_rule_x_pt;
		it->y = pg->footnote_rule_y_pt;
		it->w = pages->footnote_rule_width_pt;
		it->h = pages->footnote_rule_pt;
	}
}

/* Where each link inside the document goes, in the order add_line()
 * draws the links: the targets are known before any page is made. */
static void add_dests(struct arena *a, struct display_list *dl,
		      const struct pages *pages,
		      const struct note_place *notes, size_t n_notes)
{
	size_t n = 0, cap = 0;
	struct dl_dest *v = NULL;
	for (size_t p = 0; p < pages->n_pages; p++) {
		const struct page *pg = &pages->pages[p];
		for (size_t i = 0; i < pg->n_lines; i++) {
			const struct tline *tl = pg->lines[i].line;
			for (int k = 0; k < tl->n_links; k++) {
				int note = tl->links[k].note;
				if (tl->links[k].uri || note <= 0 ||
				    (size_t)note > n_notes || !notes[note].page)
					continue;
				ARRAY_GROW(v, n, cap);
				v[n++] = (struct dl_dest){ notes[note].page,
							   notes[note].y };
			}
			for (size_t k = 0; k < pg->n_links; k++)
				if (pg->links[k].line_ix == i) {
					ARRAY_GROW(v, n, cap);
					v[n++] = (struct dl_dest){
						pg->links[k].dest_page,
						pg->links[k].dest_y_pt };
				}
		}
	}
	dl->dests = arena_array(a, n, sizeof *v);
	if (n)
		memcpy(dl->dests, v, n * sizeof *v);
	dl->n_dests = n;
	free(v);
}

/* All of the display list but its pages' items. */
static struct display_list *dl_start(struct arena *a, struct dl_builder *b,
				     struct typesetter *ts,
				     const struct composition *comp,
				     const struct pages *pages)
{
	struct display_list *dl = arena_alloc(a, sizeof *dl);
	dl->width_pt = pages->width_pt;
	dl->height_pt = pages->height_pt;
	dl->n_pages = pages->n_pages;
	size_t n_outline = 0;
	for (size_t p = 0; p < pages->n_pages; p++)
		n_outline += pages->pages[p].n_outline;
	dl->outline = arena_array(a, n_outline, sizeof *dl->outline);
	for (size_t p = 0; p < pages->n_pages; p++) {
		const struct page *pg = &pages->pages[p];
		for (size_t i = 0; i < pg->n_outline; i++)
			dl->outline[dl->n_outline++] = (struct dl_outline){
				pg->outline[i].level,
				arena_strdup(a, pg->outline[i].title),
				(int)p + 1, pg->outline[i].y_pt };
	}
	builder_start(b, a, dl);
	b->layout = comp->layout;
	b->ts = ts;
	b->notes = place_notes(pages, &b->n_notes);
	add_dests(a, dl, pages, b->notes, b->n_notes);
	dl->lang = "nl-NL";
	/* its own copies: the composition may go before dl does */
	dl->title = arena_strdup(a, comp->title);
	dl->author = arena_strdup(a, comp->author);
	dl->subject = arena_strdup(a, comp->subject);
	dl->keywords = arena_strdup(a, comp->keywords);
	dl->creator = arena_strdup(a, comp->creator);
	dl->date = (struct dl_date){ comp->date.year, comp->date.month,
				     comp->date.day };
	dl->front_pages = pages->front_pages;
	return dl;
}

static void builder_end(struct dl_builder *b)
{
	free(b->notes);
	free(b->rects);
	if (b->paged)
		for (size_t i = 0; i < b->n_live; i++)
			arena_destroy(b->live[i].a);
	free(b->live);
	b->notes = NULL;
	b->rects = NULL;
	b->live = NULL;
	b->n_live = 0;
}

struct display_list *dl_build(struct arena *a, struct typesetter *ts,
			      const struct composition *comp,
			      const struct pages *pages)
{
	struct dl_builder b;
	struct display_list *dl = dl_start(a, &b, ts, comp, pages);
	dl->pages = arena_array(a, pages->n_pages, sizeof *dl->pages);
	for (size_t p = 0; p < pages->n_pages; p++) {
		build_page(&b, pages, p, &dl->pages[p]);
		finish_page(a, &dl->pages[p]);
	}
	finish_elems(a, &b);
	builder_end(&b);
	return dl;
}

/* A block (index i) or a footnote (n_blocks + i) of the typeset
 * document, and the last page that shows it. */
struct shown_until {
	size_t page, ix;
};

struct paged {
	struct dl_pager pager;
	struct dl_builder b;
	struct pages *pages; /* NULL once they are let go */
	struct dl_page cur; /* the page made last; its buffer the next's */
	size_t next;
	struct arena *stages; /* what comp and pages are in, or NULL */
	/* With stages: the texts of comp, let go in this order once the
	 * last page that shows each is drawn. */
	struct composition *comp;
	size_t n_blocks;
	struct shown_until *until;
	size_t n_until, released;
};

static int by_page(const void *x, const void *y)
{
	const struct shown_until *a = x, *b = y;
	if (a->page != b->page)
		return a->page < b->page ? -1 : 1;
	return a->ix < b->ix ? -1 : a->ix > b->ix;
}

/* The index of tb in td (see struct shown_until), or SIZE_MAX. */
static size_t tblock_ix(const struct typeset_doc *td, const struct tblock *tb)
{
	uintptr_t t = (uintptr_t)tb, bl = (uintptr_t)td->blocks,
		  nt = (uintptr_t)td->notes;
	if (t >= bl && t < (uintptr_t)(td->blocks + td->n_blocks))
		return (size_t)(tb - td->blocks);
	if (t >= nt && t < (uintptr_t)(td->notes + td->n_notes))
		return td->n_blocks + (size_t)(tb - td->notes);
	return SIZE_MAX;
}

/* For each block and footnote set again as its pages are drawn (bare),
 * the last page that shows it, in page order. A float or a footnote
 * continued shows on more than one page: the last counts. */
static void plan_release(struct paged *pd, const struct typeset_doc *td)
{
	size_t n = td->n_blocks + td->n_notes;
	size_t *last = xrealloc_array(NULL, n ? n : 1, sizeof *last);
	for (size_t i = 0; i < n; i++)
		last[i] = SIZE_MAX;
	for (size_t p = 0; p < pd->pages->n_pages; p++) {
		const struct page *pg = &pd->pages->pages[p];
		for (size_t i = 0; i < pg->n_lines; i++) {
			const struct tblock *tb = pg->lines[i].from;
			size_t ix = tb && tb->bare ? tblock_ix(td, tb)
						   : SIZE_MAX;
			if (ix != SIZE_MAX)
				last[ix] = p;
		}
	}
	pd->until = xrealloc_array(NULL, n ? n : 1, sizeof *pd->until);
	for (size_t i = 0; i < n; i++)
		if (last[i] != SIZE_MAX)
			pd->until[pd->n_until++] =
				(struct shown_until){ last[i], i };
	free(last);
	qsort(pd->until, pd->n_until, sizeof *pd->until, by_page);
	pd->n_blocks = td->n_blocks;
}

/* The texts that no page from p on shows let go: the writer has drawn
 * every page before p. */
static void release_before(struct paged *pd, size_t p)
{
	for (; pd->released < pd->n_until &&
	       pd->until[pd->released].page < p;
	     pd->released++) {
		size_t ix = pd->until[pd->released].ix;
		if (ix < pd->n_blocks)
			compose_release_block(pd->comp, ix);
		else
			compose_release_note(pd->comp, ix - pd->n_blocks);
	}
}

static const struct dl_page *paged_page(struct dl_pager *pg, size_t p)
{
	struct paged *pd = (struct paged *)pg;
	struct dl_builder *b = &pd->b;
	assert(pd->pages); /* not asked for once drawn (dl_drawn) */
	if (p != pd->next) {
		/* again from the first page: the elements are made */
		assert(p == 0 && pg->complete && !pd->stages);
		flows_start(b);
		b->replay = true;
		b->next_elem = 0;
	}
	pd->cur.n_items = 0;
	if (pd->stages)
		release_before(pd, p);
	build_page(b, pd->pages, p, &pd->cur);
	if (pd->stages) {
		/* the one writer asks for no page twice: its placed lines
		 * go now, not all at once at the end (paginate.c: they are
		 * on the heap) */
		struct page *pl = &pd->pages->pages[p];
		free(pl->lines);
		pl->lines = NULL;
		pl->n_lines = pl->cap_lines = 0;
	}
	pd->next = p + 1;
	if (pd->next == pd->pages->n_pages && !pg->complete) {
		finish_elems(b->a, b);
		pg->complete = true;
	}
	return &pd->cur;
}

/* The lines set again, the document's blocks, lines and pages: what
 * only the pages needed. */
static void let_stages_go(struct paged *pd)
{
	builder_end(&pd->b);
	free(pd->cur.items);
	pd->cur = (struct dl_page){ NULL, 0, 0 };
	free(pd->until);
	pd->until = NULL;
	pd->n_until = pd->released = 0;
	arena_destroy(pd->stages);
	pd->stages = NULL;
	pd->pages = NULL;
}

static void paged_drawn(struct dl_pager *pg)
{
	struct paged *pd = (struct paged *)pg;
	if (pd->stages && pg->complete)
		let_stages_go(pd);
}

static void paged_end(void *p)
{
	struct paged *pd = p;
	if (!pd->pager.complete)
		free(pd->b.dl->elems); /* still in the heap */
	builder_end(&pd->b);
	free(pd->cur.items);
	free(pd->until);
	arena_destroy(pd->stages);
}

struct display_list *dl_build_paged(struct arena *a, struct typesetter *ts,
				    struct composition *comp,
				    const struct typeset_doc *td,
				    struct pages *pages,
				    struct arena *stages)
{
	struct paged *pd = arena_alloc(a, sizeof *pd);
	struct display_list *dl = dl_start(a, &pd->b, ts, comp, pages);
	pd->b.paged = true;
	pd->pages = pages;
	pd->pager.page = paged_page;
	pd->pager.drawn = paged_drawn;
	pd->pager.complete = pages->n_pages == 0;
	pd->stages = stages;
	pd->comp = comp;
	if (stages)
		plan_release(pd, td);
	dl->pager = &pd->pager;
	arena_on_destroy(a, paged_end, pd);
	return dl;
}

struct display_list *dl_build_chart(struct arena *a,
				    const struct chart_drawing *cd,
				    const struct chart *c, double margin_pt,
				    struct date date)
{
	struct display_list *dl = arena_alloc(a, sizeof *dl);
	dl->width_pt = cd->width_pt + 2 * margin_pt;
	dl->height_pt = cd->height_pt + 2 * margin_pt;
	dl->n_pages = 1;
	dl->pages = arena_alloc(a, sizeof *dl->pages);
	struct dl_builder b;
	builder_start(&b, a, dl);
	add_chart(&b, &dl->pages[0], cd, margin_pt, margin_pt, NULL);
	/* The chart alone is one Figure. */
	int figure = add_elem(&b, DL_ROLE_FIGURE, DL_ARTIFACT);
	dl->elems[figure].alt = chart_alt(a, c);
	for (size_t i = 0; i < dl->pages[0].n_items; i++)
		dl->pages[0].items[i].elem = figure;
	finish_page(a, &dl->pages[0]);
	finish_elems(a, &b);
	dl->lang = "nl-NL";
	dl->title = c->title.src;
	dl->creator = "dossier " DOSSIER_VERSION;
	dl->date = (struct dl_date){ date.year, date.month, date.day };
	return dl;
}
