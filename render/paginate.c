/*
 * paginate.c — lines onto pages, as a careful typesetter would.
 *
 * Flows the typeset blocks down the text column: at least `orphans` lines
 * of a paragraph at the foot of a page and `widows` at the head of the
 * next, and no hyphen on a page's last line when a line less will do; a
 * heading is never the last thing on a page and takes the first
 * lines of what follows with it; each footnote goes to the foot of the page
 * whose line refers to it. Then adds the running header and footer
 * ("Pagina X van Y"), which need the page count.
 *
 * A chart is a float, as a figure is in LaTeX: one that does not fit in
 * what is left of the page waits for the top of the next page while the
 * text after it fills this one. It waits within its section: before a
 * heading of its section's level (or a higher one), a page break of the
 * data or the end of the document the page is ended and it is set. It is
 * read where it is drawn: the display list makes the structure tree in
 * the order of the placed lines, so the Figure comes at the top of the
 * next page, after the text that filled the page before, where a reader
 * of the printed page meets it too (PDF/UA asks for a logical reading
 * order, and this is the page's). A chart that ends its document takes
 * the last lines of the text before it along, so that no page holds
 * only a chart, when the page it leaves stays two thirds full.
 *
 * The table of contents of a briefing pack is the same kind of fill-in:
 * its entries flow as blocks with room for a number at the right; the
 * flow notes the page and place of every target (a block's anchor) and
 * of every entry, and once all pages are made the numbers are set in that
 * room and the entries become links. The entries are one line each, so
 * the numbers cannot move anything: one pass of the flow is enough.
 */
#include "paginate.h"

#include <assert.h>

#include <string.h>

#include "nl.h"

struct flow {
	struct arena *arena;
	const struct layout *l;
	const struct typeset_doc *td;
	struct pages *out;
	struct page *page;
	double y;           /* top of the next line box */
	double ink_y;       /* foot of the last line box in the flow */
	double notes_h;     /* height of the footnotes on this page */
	bool page_empty;    /* nothing in the flow yet */
	bool *note_placed;  /* by footnote number - 1 */
	/* Notes (or their rest) waiting for the foot of the next page, in
	 * order: a note too long for its page is continued there. */
	struct note_carry { int note; size_t from; } *carry;
	size_t n_carry;
	const char *header; /* running header of new pages */
	int *anchor_page;   /* by anchor: 0-based page, -1 not placed */
	double *anchor_y;
	int n_anchors;
	struct toc_line *toc;
	size_t n_toc, cap_toc;
	/* Charts waiting for the top of the next page (block indices, in
	 * order), and the outline level of the section the first waits
	 * in (0: before any heading). */
	size_t *floats;
	size_t n_floats, cap_floats;
	int float_level;
	int section_level; /* of the last heading flowed */
};

/* Where an entry of the table of contents was placed. */
struct toc_line {
	size_t page;
	double y_pt, h_pt, baseline_pt; /* of its last line */
	int anchor;
	size_t line_ix; /* of its last line in the page's lines */
	const struct block *block;
};

static void new_page(struct flow *f);
static void place_floats(struct flow *f);

static double text_height(const struct layout *l)
{
	return l->page_height_pt - l->margin_top_pt - l->margin_bottom_pt;
}

/* Place lines of note `no` from line `first` in `room` points at this
 * page's foot, as many as fit. Returns the first line not placed. */
static size_t place_note_piece(struct flow *f, int no, size_t first,
			       double room)
{
	const struct tblock *n = &f->td->notes[no - 1];
	double gap = f->notes_h == 0 ? f->l->footnote_gap_pt : 0;
	double h = gap + n->space_after_pt;
	size_t k = first;
	while (k < n->n_lines && h + n->lines[k].height_pt <= room + 1e-6)
		h += n->lines[k++].height_pt;
	if (k == first)
		return k; /* not a line fits: all of it on the next page */
	f->notes_h += h;
	struct page *p = f->page;
	ARENA_GROW(f->arena, p->dests, p->n_dests, p->cap_dests);
	p->dests[p->n_dests++] = (struct page_dest){ no, 0, first, k - first };
	return k;
}

/* The notes carried over, at the foot of a new page, as far as they fit. */
static void place_carried(struct flow *f)
{
	size_t done = 0;
	while (done < f->n_carry) {
		struct note_carry *c = &f->carry[done];
		c->from = place_note_piece(f, c->note, c->from,
					   text_height(f->l) - f->notes_h);
		if (c->from < f->td->notes[c->note - 1].n_lines)
			break;
		done++;
	}
	memmove(f->carry, f->carry + done,
		(f->n_carry - done) * sizeof *f->carry);
	f->n_carry -= done;
}

static void new_page(struct flow *f)
{
	struct pages *o = f->out;
	ARENA_GROW(f->arena, o->pages, o->n_pages, o->cap_pages);
	f->page = &o->pages[o->n_pages++];
	memset(f->page, 0, sizeof *f->page);
	f->y = f->ink_y = f->l->margin_top_pt;
	f->notes_h = 0;
	f->page_empty = true;
	place_carried(f);
	f->page->running_header = f->header;
	place_floats(f);
}

/* A page's lines grow on the heap: in the arena the copies each page
 * outgrew (16 and 32 lines of a page of 50) stayed with the document. */
static void free_lines(void *data)
{
	const struct pages *out = data;
	for (size_t p = 0; p < out->n_pages; p++)
		free(out->pages[p].lines);
}

/* Line tl of typeset block from (NULL: a line set here) at (x, y). */
static void put_line(struct flow *f, const struct tline *tl, double x,
		     double y, bool artifact, const struct block *b,
		     const struct tblock *from)
{
	struct page *p = f->page;
	ARRAY_GROW(p->lines, p->n_lines, p->cap_lines);
	p->lines[p->n_lines++] = (struct placed_line){
		.line = tl, .x_pt = x, .y_pt = y, .artifact = artifact,
		.block = artifact ? NULL : b, .from = from,
		.line_ix = from ? (size_t)(tl - from->lines) : 0 };
}

static double bottom(const struct flow *f)
{
	return f->l->page_height_pt - f->l->margin_bottom_pt - f->notes_h;
}

static double notes_height(const struct tblock *n)
{
	double h = n->space_after_pt;
	for (size_t i = 0; i < n->n_lines; i++)
		h += n->lines[i].height_pt;
	return h;
}

/* Extra height the footnotes of a line would take on this page. */
static double line_notes_height(const struct flow *f, const struct tline *tl,
				double already)
{
	double h = 0;
	for (int i = 0; i < tl->n_notes; i++) {
		int no = tl->notes[i];
		if (no < 1 || (size_t)no > f->td->n_notes ||
		    f->note_placed[no - 1])
			continue;
		if (f->notes_h + already + h == 0)
			h += f->l->footnote_gap_pt;
		const struct tblock *n = &f->td->notes[no - 1];
		double whole = notes_height(n);
		/* A note that no page can hold is split: its first lines
		 * must fit here, the rest is continued. */
		if (whole + f->l->footnote_gap_pt + tl->height_pt >
		    text_height(f->l)) {
			whole = n->space_after_pt;
			for (size_t k = 0; k < n->n_lines &&
			     k < (size_t)f->l->widows; k++)
				whole += n->lines[k].height_pt;
		}
		h += whole;
	}
	return h;
}

/* How many lines of b, from line `from`, fit on this page. */
static size_t lines_that_fit(const struct flow *f, const struct tblock *b,
			     size_t from, double y)
{
	double notes = 0;
	size_t k = from;
	for (; k < b->n_lines; k++) {
		const struct tline *tl = &b->lines[k];
		double extra = line_notes_height(f, tl, notes);
		if (y + tl->height_pt > bottom(f) - notes - extra)
			break;
		y += tl->height_pt;
		notes += extra;
	}
	return k - from;
}

static void place_notes_of(struct flow *f, const struct tline *tl)
{
	for (int i = 0; i < tl->n_notes; i++) {
		int no = tl->notes[i];
		if (no < 1 || (size_t)no > f->td->n_notes ||
		    f->note_placed[no - 1])
			continue;
		f->note_placed[no - 1] = true;
		double room = f->l->page_height_pt - f->l->margin_bottom_pt -
			      f->notes_h - f->y - tl->height_pt;
		/* Behind a note still being continued, the next page. */
		size_t from = f->n_carry ? 0 :
			      place_note_piece(f, no, 0, room);
		if (from < f->td->notes[no - 1].n_lines)
			f->carry[f->n_carry++] = (struct note_carry){ no, from };
	}
}

static void place_lines(struct flow *f, const struct tblock *b, size_t from,
			size_t n)
{
	for (size_t k = from; k < from + n; k++) {
		const struct tline *tl = &b->lines[k];
		place_notes_of(f, tl);
		put_line(f, tl, f->l->margin_left_pt, f->y, false, b->block,
			 b);
		f->y += tl->height_pt;
	}
	if (n) {
		f->page_empty = false;
		f->ink_y = f->y;
	}
}

static void add_outline(struct flow *f, const struct tblock *b)
{
	if (!b->outline_level)
		return;
	struct page *p = f->page;
	ARENA_GROW(f->arena, p->outline, p->n_outline, p->cap_outline);
	p->outline[p->n_outline++] = (struct page_outline){
		b->outline_level, b->outline_title, f->y };
}

/* Block b's one line box (a chart) at the flow's place, drawn `shorter`
 * pt shorter than its line (0: as it was set). */
static void place_float(struct flow *f, const struct tblock *b,
			double shorter)
{
	if (!f->page_empty)
		f->y += b->space_before_pt;
	add_outline(f, b);
	if (b->block->anchor) {
		f->anchor_page[b->block->anchor] = (int)(f->out->n_pages - 1);
		f->anchor_y[b->block->anchor] = f->y;
	}
	place_lines(f, b, 0, b->n_lines);
	if (shorter > 0) {
		f->page->lines[f->page->n_lines - 1].shorter_pt = (float)shorter;
		f->y -= shorter;
		f->ink_y = f->y;
	}
	f->y += b->space_after_pt;
}

static double block_height(const struct tblock *b)
{
	double h = 0;
	for (size_t k = 0; k < b->n_lines; k++)
		h += b->lines[k].height_pt;
	return h;
}

/* The charts waiting, at the top of a new page, as many as fit; the
 * first always (no page holds more of it). */
static void place_floats(struct flow *f)
{
	if (!f->n_floats)
		return; /* f->floats may be NULL: no offset to it */
	size_t done = 0;
	for (; done < f->n_floats; done++) {
		const struct tblock *b = &f->td->blocks[f->floats[done]];
		if (!f->page_empty &&
		    f->y + b->space_before_pt + block_height(b) > bottom(f))
			break;
		place_float(f, b, 0);
	}
	memmove(f->floats, f->floats + done,
		(f->n_floats - done) * sizeof *f->floats);
	f->n_floats -= done;
}

/* The charts waiting, each set before block b can be: b ends their
 * section (a heading of its level or higher), starts a page or is
 * placed outside the flow. */
static void flush_floats(struct flow *f, const struct tblock *b)
{
	const struct block *blk = b->block;
	bool ends = blk->kind == BLOCK_PAGE_BREAK || blk->absolute ||
		    (b->outline_level > 0 && (f->float_level == 0 ||
					      b->outline_level <= f->float_level));
	while (f->n_floats && ends)
		new_page(f);
}

/* A chart that does not fit in what is left of the page waits for the
 * next; so does one behind a chart that waits (they keep their order). */
static bool defer_chart(struct flow *f, size_t i)
{
	const struct tblock *b = &f->td->blocks[i];
	if (b->block->kind != BLOCK_CHART || b->block->absolute)
		return false;
	if (!f->n_floats && (f->page_empty ||
	    f->y + b->space_before_pt + block_height(b) <= bottom(f)))
		return false;
	if (!f->n_floats)
		f->float_level = f->section_level;
	ARENA_GROW(f->arena, f->floats, f->n_floats, f->cap_floats);
	f->floats[f->n_floats++] = i;
	return true;
}

/* Does block i end the section a chart before it is in (a heading of
 * its level or higher, a page break, a block placed outside the flow,
 * the end)? Then a chart before it cannot wait past it. */
static bool ends_section(const struct flow *f, size_t i)
{
	if (i >= f->td->n_blocks)
		return true;
	const struct tblock *b = &f->td->blocks[i];
	return b->block->kind == BLOCK_PAGE_BREAK || b->block->absolute ||
	       (b->outline_level > 0 && (f->section_level == 0 ||
					 b->outline_level <= f->section_level));
}

/* A chart that does not fit at the foot of the page but would with its
 * plot shorter (the layout's plot_height_min_pt), where waiting for the
 * next page would leave this one under two thirds full (what follows
 * ends its section, so no text can fill the page), is set here that much
 * shorter, as a typesetter makes a figure fit its page. */
static bool fit_chart_shorter(struct flow *f, size_t i)
{
	const struct tblock *b = &f->td->blocks[i];
	if (b->block->kind != BLOCK_CHART || b->block->absolute ||
	    f->n_floats || f->page_empty || b->shorter_max_pt <= 0)
		return false;
	double need = f->y + b->space_before_pt + block_height(b) - bottom(f);
	if (need <= 0 || need > b->shorter_max_pt ||
	    f->ink_y - f->l->margin_top_pt >= text_height(f->l) * 2 / 3 ||
	    !ends_section(f, i + 1))
		return false;
	place_float(f, b, need);
	return true;
}

/* The chart after block i when it ends its document or part (a page
 * break follows it), else NULL. */
static const struct tblock *last_chart_after(const struct flow *f, size_t i)
{
	const struct tblock *bs = f->td->blocks;
	if (i + 1 >= f->td->n_blocks || bs[i + 1].block->kind != BLOCK_CHART ||
	    bs[i + 1].block->absolute)
		return NULL;
	if (i + 2 < f->td->n_blocks &&
	    bs[i + 2].block->kind != BLOCK_PAGE_BREAK)
		return NULL;
	return &bs[i + 1];
}

/* Of the k lines of b from `from` that end it on this page, how many to
 * leave here so that chart c, which ends the document and does not fit
 * below them, takes the last `widows` of them to the next page: a page
 * that holds only a chart looks like a mistake. k when the page would
 * be left less than two thirds full, or no break is good. */
static size_t lines_for_last_chart(const struct flow *f,
				   const struct tblock *b, size_t from,
				   size_t k, const struct tblock *c)
{
	const struct layout *l = f->l;
	double y = f->y;
	for (size_t n = 0; n < k; n++)
		y += b->lines[from + n].height_pt;
	if (y + b->space_after_pt + c->space_before_pt + block_height(c) <=
	    bottom(f))
		return k;
	size_t keep = k > (size_t)l->widows ? k - (size_t)l->widows : 0;
	while (keep > 0 && b->lines[from + keep - 1].hyphenated)
		keep--;
	if (keep > 0 && keep < (size_t)l->orphans && from == 0)
		keep = 0;
	/* a heading before it is not left alone at the foot */
	if (keep == 0 && (f->page_empty ||
			  (b > f->td->blocks && b[-1].keep_with_next)))
		return k;
	double left_y = f->y;
	for (size_t n = 0; n < keep; n++)
		left_y += b->lines[from + n].height_pt;
	if (keep == 0 && from == 0)
		left_y -= b->space_before_pt;
	if (left_y - l->margin_top_pt < text_height(l) * 2 / 3)
		return k;
	return keep;
}

/* Height a block needs with the first lines of the blocks it keeps with. */
static double keep_height(const struct flow *f, size_t i)
{
	const struct tblock *bs = f->td->blocks;
	double h = 0;
	for (; i < f->td->n_blocks; i++) {
		const struct tblock *b = &bs[i];
		if (b->block->kind == BLOCK_PAGE_BREAK || b->block->absolute)
			break;
		h += b->space_before_pt;
		size_t n = b->keep_with_next ? b->n_lines :
			   (b->n_lines < (size_t)f->l->orphans ?
			    b->n_lines : (size_t)f->l->orphans);
		for (size_t k = 0; k < n; k++)
			h += b->lines[k].height_pt;
		/* A chart that ends the document takes the last lines of
		 * the text before it along: all of a short one, and the
		 * headings before that. */
		const struct tblock *c = last_chart_after(f, i);
		if (!b->keep_with_next && c && b->n_lines <= (size_t)f->l->widows)
			return h + b->space_after_pt + c->space_before_pt +
			       block_height(c);
		if (!b->keep_with_next)
			break;
		h += b->space_after_pt;
	}
	return h;
}

static void flow_block(struct flow *f, size_t i)
{
	const struct tblock *b = &f->td->blocks[i];
	const struct block *blk = b->block;
	const struct layout *l = f->l;
	flush_floats(f, b);
	if (fit_chart_shorter(f, i) || defer_chart(f, i))
		return;
	if (b->outline_level > 0)
		f->section_level = b->outline_level;
	if (blk->kind == BLOCK_PAGE_BREAK) {
		f->header = blk->running_header;
		if (!f->page_empty || f->page->n_lines) {
			f->page->part_ends = true;
			new_page(f);
		}
		f->page->running_header = f->header;
		if (blk->body_start)
			f->out->front_pages = f->out->n_pages - 1;
		return;
	}
	if (blk->kind == BLOCK_SPACE) {
		if (blk->absolute) {
			if (f->y < blk->y_pt)
				f->y = blk->y_pt;
		} else if (!f->page_empty) {
			f->y += blk->space_pt;
		}
		return;
	}
	if (blk->absolute) {
		double y = blk->y_pt;
		for (size_t k = 0; k < b->n_lines; k++) {
			put_line(f, &b->lines[k], blk->x_pt, y, false, blk, b);
			y += b->lines[k].height_pt;
		}
		return;
	}
	if (!f->page_empty)
		f->y += b->space_before_pt;
	if (b->keep_with_next && !f->page_empty &&
	    f->y + keep_height(f, i) - b->space_before_pt > bottom(f))
		new_page(f);
	add_outline(f, b);
	if (blk->anchor) {
		f->anchor_page[blk->anchor] = (int)(f->out->n_pages - 1);
		f->anchor_y[blk->anchor] = f->y;
	}
	const struct tblock *last_chart = f->n_floats ? NULL :
					  last_chart_after(f, i);
	size_t from = 0;
	while (from < b->n_lines) {
		size_t left = b->n_lines - from;
		size_t k = lines_that_fit(f, b, from, f->y);
		if (k < left) {
			size_t fit = k;
			/* Carry at least `widows` lines over, leave at least
			 * `orphans` behind, or move the whole paragraph. */
			if (left - k < (size_t)l->widows)
				k = left > (size_t)l->widows ?
				    left - (size_t)l->widows : 0;
			if (k < (size_t)l->orphans)
				k = 0;
			/* A word broken across a page is hard to read: end the
			 * page a line (or, after two hyphens in a row, two)
			 * early when the paragraph allows it. */
			while (k > (size_t)l->orphans &&
			       b->lines[from + k - 1].hyphenated)
				k--;
			/* Where the orphans would end in a hyphen, the
			 * paragraph goes to the next page whole. */
			if (k > 0 && b->lines[from + k - 1].hyphenated)
				k = 0;
			/* On an empty page there is no better place, even
			 * when every line ends in a hyphen ("he-the-the-..."):
			 * else the next page would be as empty, and the next. */
			if (k == 0 && f->page_empty)
				k = fit ? fit : 1;
		} else if (last_chart) {
			k = lines_for_last_chart(f, b, from, k, last_chart);
		}
		place_lines(f, b, from, k);
		from += k;
		if (from < b->n_lines)
			new_page(f);
	}
	if (blk->toc_anchor && b->n_lines) {
		ARENA_GROW(f->arena, f->toc, f->n_toc, f->cap_toc);
		const struct tline *last = &b->lines[b->n_lines - 1];
		f->toc[f->n_toc++] = (struct toc_line){
			f->out->n_pages - 1, f->y - last->height_pt,
			last->height_pt, tline_baseline(last),
			blk->toc_anchor, f->page->n_lines - 1, blk };
	}
	f->y += b->space_after_pt;
}

/* The page numbers of the table of contents, and its links. */
static void fill_toc(struct flow *f, struct typesetter *ts)
{
	const struct layout *l = f->l;
	double width = l->page_width_pt - l->margin_left_pt - l->margin_right_pt;
	const struct style *st = layout_style(l, "toc_page");
	for (size_t i = 0; i < f->n_toc; i++) {
		const struct toc_line *t = &f->toc[i];
		assert(t->anchor >= 1 && t->anchor <= f->n_anchors);
		int target = f->anchor_page[t->anchor];
		if (target < 0)
			continue;
		f->page = &f->out->pages[t->page];
		char num[24];
		snprintf(num, sizeof num, "%d",
			 target - (int)f->out->front_pages + 1);
		struct tline *tl = typeset_line(ts, f->arena, num, st, width);
		/* On the baseline of the entry's last line, and right after
		 * it in reading order. */
		if (tl) {
			struct page *p = f->page;
			put_line(f, tl, l->margin_left_pt, t->y_pt +
				 t->baseline_pt - tl->parts[0].baseline_pt,
				 false, t->block, NULL);
			struct placed_line num_line = p->lines[p->n_lines - 1];
			memmove(&p->lines[t->line_ix + 2],
				&p->lines[t->line_ix + 1],
				(p->n_lines - 1 - t->line_ix - 1) *
				sizeof *p->lines);
			p->lines[t->line_ix + 1] = num_line;
			for (size_t k = i + 1; k < f->n_toc; k++)
				if (f->toc[k].page == t->page)
					f->toc[k].line_ix++;
		}
		ARENA_GROW(f->arena, f->page->links, f->page->n_links,
			   f->page->cap_links);
		f->page->links[f->page->n_links++] = (struct page_link){
			l->margin_left_pt, t->y_pt, width, t->h_pt, target + 1,
			f->anchor_y[t->anchor], t->line_ix + (tl ? 1 : 0) };
	}
}

/* Footnotes at the foot of each page, in number order. */
static void place_footnotes(struct flow *f)
{
	const struct layout *l = f->l;
	for (size_t p = 0; p < f->out->n_pages; p++) {
		struct page *pg = &f->out->pages[p];
		if (!pg->n_dests)
			continue;
		double h = 0;
		for (size_t d = 0; d < pg->n_dests; d++) {
			const struct page_dest *pd = &pg->dests[d];
			const struct tblock *n = &f->td->notes[pd->note - 1];
			h += n->space_after_pt;
			for (size_t k = 0; k < pd->n_lines; k++)
				h += n->lines[pd->first_line + k].height_pt;
		}
		double y = l->page_height_pt - l->margin_bottom_pt - h;
		pg->footnote_rule_y_pt = y - l->footnote_gap_pt / 2;
		struct page *saved = f->page;
		f->page = pg;
		for (size_t d = 0; d < pg->n_dests; d++) {
			const struct tblock *n =
				&f->td->notes[pg->dests[d].note - 1];
			pg->dests[d].y_pt = y;
			for (size_t k = pg->dests[d].first_line;
			     k < pg->dests[d].first_line + pg->dests[d].n_lines;
			     k++) {
				put_line(f, &n->lines[k], l->margin_left_pt, y,
					 false, n->block, n);
				y += n->lines[k].height_pt;
			}
			y += n->space_after_pt;
		}
		f->page = saved;
	}
}

static const char *fill(struct arena *a, const char *tmpl, const char *key,
			const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	size_t kl = strlen(key);
	for (const char *p = tmpl; *p;) {
		if (!strncmp(p, key, kl)) {
			strbuf_adds(&sb, value);
			p += kl;
		} else {
			strbuf_addc(&sb, *p++);
		}
	}
	return strbuf_finish(&sb, a);
}

/* "Pagina X van Y" in the footer of the current page. */
static void page_number(struct flow *f, struct typesetter *ts, size_t page,
			const char *pages, double width)
{
	const struct layout *l = f->l;
	char num[24];
	snprintf(num, sizeof num, "%zu", page);
	const char *text = fill(f->arena,
				fill(f->arena, l->footer_text, "{page}", num),
				"{pages}", pages);
	struct tline *tl = typeset_line(ts, f->arena, text,
					layout_style(l, "footer"), width);
	if (tl)
		put_line(f, tl, l->margin_left_pt,
			 l->footer_baseline_pt - tl->parts[0].baseline_pt,
			 true, NULL, NULL);
}

static void running_furniture(struct flow *f, struct typesetter *ts,
			      const struct composition *comp)
{
	const struct layout *l = f->l;
	double width = l->page_width_pt - l->margin_left_pt - l->margin_right_pt;
	const struct style *hs = layout_style(l, "header");
	const struct style *rs = layout_style(l, "running_header");
	size_t front = f->out->front_pages;
	char pages[24];
	snprintf(pages, sizeof pages, "%zu", f->out->n_pages - front);
	/* Each text is set once, not once a page: a title of a megabyte
	 * runs over hundreds of pages, each of which showed it again. */
	const char *header = NULL;
	struct tline *rl = NULL, *cl = NULL;
	if (comp->classification)
		cl = typeset_line(ts, f->arena,
				  fill(f->arena, l->header_text,
				       "{classification}", comp->classification),
				  hs, width);
	for (size_t p = 0; p < f->out->n_pages; p++) {
		f->page = &f->out->pages[p];
		if (f->page->running_header) {
			/* Under the classification; or at the left of the
			 * footer line, clear of the page number. */
			double base = l->running_header_baseline_pt > 0 ?
				      l->running_header_baseline_pt :
				      l->footer_baseline_pt;
			if (f->page->running_header != header &&
			    (!header ||
			     strcmp(f->page->running_header, header))) {
				header = f->page->running_header;
				rl = typeset_line(
					ts, f->arena, header, rs,
					l->running_header_baseline_pt > 0 ?
						width : width * 0.75);
			}
			if (rl)
				put_line(f, rl, l->margin_left_pt,
					 base - rl->parts[0].baseline_pt, true,
					 NULL, NULL);
		}
		/* Cover and contents have no page number. */
		if (p >= front)
			page_number(f, ts, p + 1 - front, pages, width);
		if (cl)
			put_line(f, cl, l->margin_left_pt,
				 l->header_baseline_pt - cl->parts[0].baseline_pt,
				 true, NULL, NULL);
	}
}

struct pages *paginate(struct typesetter *ts, struct arena *a,
		       const struct composition *comp,
		       const struct typeset_doc *td)
{
	const struct layout *l = comp->layout;
	struct pages *out = arena_alloc(a, sizeof *out);
	arena_on_destroy(a, free_lines, out);
	out->width_pt = l->page_width_pt;
	out->height_pt = l->page_height_pt;
	out->footnote_rule_x_pt = l->margin_left_pt;
	out->footnote_rule_width_pt = l->footnote_rule_width_pt;
	out->footnote_rule_pt = l->footnote_rule_pt;
	struct flow f = { .arena = a, .l = l, .td = td, .out = out };
	f.note_placed = arena_array(a, td->n_notes + 1, sizeof(bool));
	f.carry = arena_array(a, td->n_notes + 1, sizeof *f.carry);
	f.n_anchors = comp->n_anchors;
	f.anchor_page = arena_array(a, (size_t)comp->n_anchors + 1,
				    sizeof *f.anchor_page);
	f.anchor_y = arena_array(a, (size_t)comp->n_anchors + 1,
				 sizeof *f.anchor_y);
	for (int i = 0; i <= comp->n_anchors; i++)
		f.anchor_page[i] = -1;
	new_page(&f);
	for (size_t i = 0; i < td->n_blocks; i++)
		flow_block(&f, i);
	while (f.n_floats) /* charts waiting at the end */
		new_page(&f);
	while (f.n_carry) /* the rest of the notes after the last text */
		new_page(&f);
	f.page->part_ends = true;
	place_footnotes(&f);
	fill_toc(&f, ts);
	running_furniture(&f, ts, comp);
	return out;
}
