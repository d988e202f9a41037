/*
 * compose.c — the model and the layout into blocks, in reading order.
 *
 * Decides what a document consists of: the letter on its own page (sender
 * block, addressee, date and subject, the letter itself), the title, the
 * meeting, the introduction and the sections with their headings, texts,
 * Dutch positions and charts. Also fills in the metadata the writers need.
 */
#include "compose_priv.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "nl.h"

/* A table's cells let go: their texts and the array of them (on the
 * heap, compose_richtext.c: 2 MB for every 1.000 pages of a report). */
static void release_table(struct table *t)
{
	if (!t)
		return;
	for (int k = 0; k < t->rows * t->cols; k++)
		rich_release(&t->cells[k]);
	free(t->cells);
	t->cells = NULL;
	t->rows = t->cols = 0;
}

/* Each rich text of comp trimmed (trim), or what it holds on the heap
 * freed. */
static void each_rich(struct composition *comp, bool trim)
{
	for (size_t i = 0; i < comp->n_blocks; i++) {
		struct block *b = &comp->blocks[i];
		if (!trim) {
			rich_release(&b->rich);
			release_table(b->table);
			continue;
		}
		rich_trim(&b->rich);
		for (int k = 0; b->table &&
				k < b->table->rows * b->table->cols; k++)
			rich_trim(&b->table->cells[k]);
	}
	for (size_t i = 0; i < comp->n_notes; i++)
		trim ? rich_trim(&comp->notes[i].content) :
		       rich_release(&comp->notes[i].content);
}

void compose_release_block(struct composition *comp, size_t i)
{
	assert(i < comp->n_blocks);
	struct block *b = &comp->blocks[i];
	rich_release(&b->rich);
	release_table(b->table);
}

void compose_release_note(struct composition *comp, size_t i)
{
	assert(i < comp->n_notes);
	rich_release(&comp->notes[i].content);
}

/* The blocks, notes and texts grow on the heap: in the arena every
 * outgrown copy stayed as long as the document (as much again as the
 * array, 7 MB of blocks for 1.000 pages). */
static void free_arrays(void *data)
{
	struct composition *comp = data;
	each_rich(comp, false);
	free(comp->blocks);
	free(comp->notes);
	free(comp->note_ix);
}

struct composition *compose_create(struct arena *a,
				   const struct layout *layout)
{
	struct composition *comp = arena_alloc(a, sizeof *comp);
	comp->layout = layout;
	arena_on_destroy(a, free_arrays, comp);
	return comp;
}

struct block *compose_add_block(struct composition *comp, enum block_kind kind)
{
	ARRAY_GROW(comp->blocks, comp->n_blocks, comp->cap_blocks);
	struct block *b = &comp->blocks[comp->n_blocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

static const struct style *style(struct compose_ctx *c, const char *name)
{
	return layout_style(c->comp->layout, name);
}

/* A one-paragraph block of plain text (not CommonMark). */
static struct block *plain_block(struct compose_ctx *c, const char *name,
				 const char *text, struct srcpos pos)
{
	struct block *b = compose_add_block(c->comp, BLOCK_TEXT);
	b->style = style(c, name);
	b->rich.pos = pos;
	rich_append_text(c, &b->rich, text, b->style->hyphenate);
	return b;
}

static void space(struct compose_ctx *c, double pt)
{
	struct block *b = compose_add_block(c->comp, BLOCK_SPACE);
	b->space_pt = pt;
}

static const char *kind_title(enum doc_kind k)
{
	switch (k) {
	case DOC_GEANNOTEERDE_AGENDA: return "Geannoteerde agenda";
	case DOC_VERSLAG: return "Verslag";
	case DOC_BRIEFING_PACK: return "Briefingpack";
	}
	return "";
}

const char *compose_meeting_name(struct arena *a, const struct document *d)
{
	const char *name = d->meeting.name.src;
	if (!d->meeting.informal || !strncasecmp(name, "inform", 6))
		return name;
	return arena_printf(a, "informele %s", name);
}

/* Text dossier writes itself begins with a capital the Dutch way
 * (IJsland, ’s-Gravenhage): nl_capitalize, never a toupper of its own. */
const char *compose_title(struct arena *a, const struct document *d)
{
	if (d->title.src)
		return d->title.src;
	return nl_capitalize(a, arena_printf(a, "%s %s %s",
		kind_title(d->kind), compose_meeting_name(a, d),
		nl_date_span(a, d->meeting.dates, d->meeting.n_dates)));
}

/* Sender block: the ministry in bold, then its address lines. */
static void sender_block(struct compose_ctx *c)
{
	const struct document *d = c->doc;
	const struct layout *l = c->comp->layout;
	struct block *s = compose_add_block(c->comp, BLOCK_TEXT);
	s->style = style(c, "sender");
	s->absolute = true;
	s->x_pt = l->sender_x_pt;
	s->y_pt = l->sender_y_pt;
	s->width_pt = l->sender_width_pt;
	/* Above the letter's first line: the author and the layout's lines
	 * must fit there. */
	s->room_pt = l->letter_top_pt - l->sender_y_pt;
	s->room_of = "the sender's column ('author' and the layout's "
		     "sender_lines)";
	s->rich.pos = d->author.pos;
	const char *author = d->author.src ? d->author.src :
			     "Ministerie van Buitenlandse Zaken";
	rich_append_text(c, &s->rich, author, false);
	rich_add_span(&s->rich,
		      (struct span){ 0, s->rich.len, SPAN_BOLD, NULL, 0, NULL });
	for (int i = 0; i < l->n_sender_lines; i++) {
		rich_append_text(c, &s->rich, "\xE2\x80\xA8", false);
		rich_append_text(c, &s->rich, l->sender_lines[i], false);
	}
}

static void compose_letter(struct compose_ctx *c, const char *title)
{
	const struct document *d = c->doc;
	const struct letter *lt = d->letter;
	const struct layout *l = c->comp->layout;

	sender_block(c);

	if (lt->to.src) {
		struct block *a = plain_block(c, "address", lt->to.src,
					      lt->to.pos);
		a->absolute = true;
		a->x_pt = l->margin_left_pt;
		a->y_pt = l->address_y_pt;
		a->width_pt = l->sender_x_pt - l->margin_left_pt -
			      l->label_width_pt;
		a->room_pt = l->letter_top_pt - l->address_y_pt;
		a->room_of = "the addressee ('to')";
	}

	struct block *top = compose_add_block(c->comp, BLOCK_SPACE);
	top->absolute = true;
	top->y_pt = l->letter_top_pt;

	if (d->has_date) {
		struct block *b = plain_block(c, "value",
					      nl_date(c->arena, d->date),
					      lt->pos);
		b->label = "Datum";
		b->label_style = style(c, "label");
	}
	struct block *b = plain_block(c, "value", title, lt->pos);
	b->label = "Betreft";
	b->label_style = style(c, "label");
	if (d->reference.src) {
		b = plain_block(c, "value", d->reference.src, d->reference.pos);
		b->label = "Kenmerk";
		b->label_style = style(c, "label");
	}
	space(c, style(c, "letter")->leading_pt * 2);

	if (lt->salutation.src)
		plain_block(c, "letter", lt->salutation.src, lt->salutation.pos);
	richtext_blocks(c, &lt->body, style(c, "letter"));
	if (lt->closing.src)
		plain_block(c, "letter", lt->closing.src, lt->closing.pos);
	space(c, l->signature_space_pt);
	if (lt->signatory.src)
		plain_block(c, "signatory", lt->signatory.src,
			    lt->signatory.pos);
	compose_add_block(c->comp, BLOCK_PAGE_BREAK);
}

/* Charts by id, after a section's text and position or after the
 * introduction; parse.c has checked that every id names a loaded chart. */
static void compose_charts(struct compose_ctx *c, const struct chart_ref *refs,
			   size_t n)
{
	if (c->charts_later)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct chart *ch = NULL;
		for (size_t k = 0; k < c->doc->n_charts && !ch; k++)
			if (c->doc->charts[k].id &&
			    !strcmp(c->doc->charts[k].id, refs[i].id))
				ch = &c->doc->charts[k];
		assert(ch);
		struct block *b = compose_add_block(c->comp, BLOCK_CHART);
		b->chart = ch;
	}
}

/* Sections with their headings; a heading of level L is outline level
 * L + 1 + shift. With toc, the top-level headings are targets of the
 * table of contents (in the order toc_entries() lists them). */
static void compose_sections_at(struct compose_ctx *c, const struct section *s,
				size_t n, int shift, bool toc)
{
	static const char *const heading[] = { "heading1", "heading2",
					       "heading3" };
	for (size_t i = 0; i < n; i++, s++) {
		int level = s->level >= 1 && s->level <= 3 ? s->level : 3;
		struct block *h = plain_block(c, heading[level - 1],
					      s->heading.src, s->heading.pos);
		h->outline_level = level + 1 + shift;
		if (toc && level == 1)
			h->anchor = ++c->comp->n_anchors;
		richtext_blocks(c, &s->text, style(c, "body"));
		if (s->position.src) {
			plain_block(c, "position_label", "Nederlandse inzet",
				    s->position.pos);
			richtext_blocks(c, &s->position, style(c, "position"));
		}
		compose_charts(c, s->charts, s->n_charts);
		compose_sections_at(c, s->sections, s->n_sections, shift,
				    false);
	}
}

static void compose_sections(struct compose_ctx *c, const struct section *s,
			     size_t n)
{
	compose_sections_at(c, s, n, 0, false);
}

/* "Brussel, 3 december 2025 — NAVO-hoofdkwartier": a line of its own
 * under the title, so it begins with a capital (IJmuiden). */
static const char *meeting_line(struct compose_ctx *c,
				const struct document *d)
{
	return nl_capitalize(c->arena, arena_printf(c->arena, "%s, %s%s%s",
		d->meeting.place.src,
		nl_date_span(c->arena, d->meeting.dates, d->meeting.n_dates),
		d->meeting.venue.src ? " — " : "",
		d->meeting.venue.src ? d->meeting.venue.src : ""));
}

/* ---- the briefing pack ---- */

static const char *bound_title(struct compose_ctx *c, const struct document *d)
{
	return compose_title(c->arena, d);
}

static const char *annex_title(struct compose_ctx *c, size_t i,
			       const struct document *d)
{
	return arena_printf(c->arena, "Bijlage %zu: %s", i + 1,
			    bound_title(c, d));
}

/* Add the charts refs name to out (the pack's Kerncijfers). */
static void charts_named(struct compose_ctx *c, const struct document *d,
			 const struct chart_ref *refs, size_t n,
			 const struct chart ***out, size_t *n_out)
{
	for (size_t k = 0; k < n; k++)
		for (size_t j = 0; j < d->n_charts; j++)
			if (d->charts[j].id &&
			    !strcmp(d->charts[j].id, refs[k].id)) {
				const struct chart **t = arena_array(
					c->arena, *n_out + 1, sizeof *t);
				if (*n_out)
					memcpy(t, *out, *n_out * sizeof *t);
				t[(*n_out)++] = &d->charts[j];
				*out = t;
			}
}

/* The charts the pack and its agenda use, in reading order. */
static void charts_of(struct compose_ctx *c, const struct document *d,
		      const struct section *s, size_t n,
		      const struct chart ***out, size_t *n_out)
{
	for (size_t i = 0; i < n; i++, s++) {
		charts_named(c, d, s->charts, s->n_charts, out, n_out);
		charts_of(c, d, s->sections, s->n_sections, out, n_out);
	}
}

static const struct meeting_info *pack_meeting(const struct document *pack)
{
	if (!pack->meeting.n_participants && pack->agenda_doc)
		return &pack->agenda_doc->meeting;
	return &pack->meeting;
}

/* How many annexes pack_load() has hung on the pack: none when it was
 * not called (a pack read from memory, as the fuzz target does). */
static size_t bound_annexes(const struct document *pack)
{
	if (!pack->annex_docs)
		return 0;
	for (size_t i = 0; i < pack->n_annexes; i++)
		if (!pack->annex_docs[i])
			return i;
	return pack->n_annexes;
}

/* One entry of the table of contents; its page number is paginate's. */
static void toc_entry(struct compose_ctx *c, const char *title, int level,
		      int *k, struct srcpos pos)
{
	const struct layout *l = c->comp->layout;
	struct block *b = plain_block(c, level == 1 ? "toc1" : "toc2", title,
				      pos);
	b->toc_anchor = ++*k;
	b->width_pt = l->page_width_pt - l->margin_left_pt -
		      l->margin_right_pt - l->toc_number_width_pt;
}

/* The entries, in the order compose_pack() gives the targets anchors;
 * their number. */
static int toc_entries(struct compose_ctx *c, const struct document *pack,
		       size_t n_charts)
{
	int k = 0;
	for (size_t i = 0; i < pack->n_sections; i++)
		toc_entry(c, pack->sections[i].heading.src, 1, &k,
			  pack->sections[i].pos);
	const struct document *ag = pack->agenda_doc;
	if (ag) {
		toc_entry(c, bound_title(c, ag), 1, &k, pack->agenda->pos);
		for (size_t i = 0; i < ag->n_sections; i++)
			toc_entry(c, ag->sections[i].heading.src, 2, &k,
				  pack->agenda->pos);
	}
	if (n_charts)
		toc_entry(c, "Kerncijfers", 1, &k, pack->id_pos);
	if (pack_meeting(pack)->n_participants)
		toc_entry(c, "Deelnemers", 1, &k, pack->id_pos);
	for (size_t i = 0; i < bound_annexes(pack); i++) {
		const struct document *an = pack->annex_docs[i];
		toc_entry(c, annex_title(c, i, an), 1, &k, pack->annexes[i].pos);
		for (size_t j = 0; j < an->n_sections; j++)
			toc_entry(c, an->sections[j].heading.src, 2, &k,
				  pack->annexes[i].pos);
	}
	return k;
}

static struct block *page_break(struct compose_ctx *c, const char *header)
{
	struct block *b = compose_add_block(c->comp, BLOCK_PAGE_BREAK);
	b->running_header = header;
	return b;
}

/* Title, meeting, introduction and sections of a bound document. */
static void compose_bound(struct compose_ctx *c, const struct document *d,
			  const char *title, struct srcpos pos)
{
	const struct document *saved = c->doc;
	c->doc = d;
	struct block *t = plain_block(c, "title", title, pos);
	t->outline_level = 1;
	t->anchor = ++c->comp->n_anchors;
	plain_block(c, "meeting", meeting_line(c, d), d->meeting.place.pos);
	richtext_blocks(c, &d->intro, style(c, "body"));
	compose_charts(c, d->intro_charts, d->n_intro_charts);
	compose_sections_at(c, d->sections, d->n_sections, 0, true);
	c->doc = saved;
}

static void compose_cover(struct compose_ctx *c, const char *title)
{
	const struct document *d = c->doc;
	sender_block(c);
	struct block *top = compose_add_block(c->comp, BLOCK_SPACE);
	top->absolute = true;
	top->y_pt = c->comp->layout->cover_top_pt;
	plain_block(c, "cover_text", kind_title(d->kind), d->id_pos);
	/* The cover's title is the meeting's name on a line of its own. */
	const char *name = compose_meeting_name(c->arena, d);
	struct block *t = plain_block(c, "cover_title",
				      nl_capitalize(c->arena, name),
				      d->meeting.name.pos);
	t->outline_level = 1;
	plain_block(c, "cover_text", meeting_line(c, d), d->meeting.place.pos);
	plain_block(c, "cover_text", arena_printf(c->arena, "Datum: %s",
		    nl_date(c->arena, c->comp->date)), d->id_pos);
	if (d->classification.src)
		plain_block(c, "cover_label", d->classification.src,
			    d->classification.pos);
	(void)title;
}

static void compose_pack(struct compose_ctx *c, const char *title)
{
	const struct document *pack = c->doc;
	const struct chart **charts = NULL;
	size_t n_charts = 0;
	charts_named(c, pack, pack->intro_charts, pack->n_intro_charts,
		     &charts, &n_charts);
	charts_of(c, pack, pack->sections, pack->n_sections, &charts,
		  &n_charts);
	const struct document *ag = pack->agenda_doc;
	if (ag) {
		charts_named(c, ag, ag->intro_charts, ag->n_intro_charts,
			     &charts, &n_charts);
		charts_of(c, ag, ag->sections, ag->n_sections, &charts,
			  &n_charts);
	}
	compose_cover(c, title);
	page_break(c, NULL);
	struct block *h = plain_block(c, "title", "Inhoud", pack->id_pos);
	h->outline_level = 1;
	int entries = toc_entries(c, pack, n_charts);
	int anchors_before = c->comp->n_anchors;
	page_break(c, title)->body_start = true;

	/* The charts of the pack and its agenda are gathered under
	 * Kerncijfers, after the agenda. */
	c->charts_later = true;
	richtext_blocks(c, &pack->intro, style(c, "body"));
	compose_sections_at(c, pack->sections, pack->n_sections, -1, true);
	if (pack->agenda_doc) {
		/* A bound document begins as it does on its own: on a page
		 * of its own, its title at the top (the pack's pages keep
		 * the pack's running header). */
		page_break(c, title);
		compose_bound(c, pack->agenda_doc,
			      bound_title(c, pack->agenda_doc),
			      pack->agenda->pos);
		/* and ends there: the pack's own parts go on on a page of
		 * their own */
		page_break(c, title);
	}
	c->charts_later = false;
	if (n_charts) {
		struct block *k = plain_block(c, "heading1", "Kerncijfers",
					      pack->id_pos);
		k->outline_level = 1;
		k->anchor = ++c->comp->n_anchors;
		for (size_t i = 0; i < n_charts; i++) {
			struct block *b = compose_add_block(c->comp, BLOCK_CHART);
			b->chart = charts[i];
		}
	}
	const struct meeting_info *m = pack_meeting(pack);
	if (m->n_participants) {
		struct block *k = plain_block(c, "heading1", "Deelnemers",
					      pack->id_pos);
		k->outline_level = 1;
		k->anchor = ++c->comp->n_anchors;
		for (size_t i = 0; i < m->n_participants; i++) {
			struct block *b = plain_block(c, "list",
						      m->participants[i].name.src,
						      m->participants[i].name.pos);
			b->label = "–";
			b->indent_pt = c->comp->layout->list_indent_pt;
		}
	}
	for (size_t i = 0; i < bound_annexes(pack); i++) {
		const struct document *an = pack->annex_docs[i];
		const char *t = annex_title(c, i, an);
		page_break(c, t);
		compose_bound(c, an, t, pack->annexes[i].pos);
	}
	/* The contents were written before their targets, by a walk of
	 * their own: one entry for each target, in the same order. */
	assert(anchors_before == 0 && entries == c->comp->n_anchors);
}

/* A meeting document's own blocks: its letter, title, meeting, intro
 * and sections. */
static void compose_meeting(struct compose_ctx *c, const char *title,
			    const char *meeting)
{
	const struct document *doc = c->doc;
	if (doc->letter)
		compose_letter(c, title);

	struct block *t = plain_block(c, "title", title,
				      doc->title.src ? doc->title.pos :
				      doc->id_pos);
	t->outline_level = 1;
	plain_block(c, "meeting", meeting, doc->meeting.place.pos);
	richtext_blocks(c, &doc->intro, style(c, "body"));
	compose_charts(c, doc->intro_charts, doc->n_intro_charts);
	compose_sections(c, doc->sections, doc->n_sections);
}

struct composition *compose_document(struct arena *a, struct hyphenator *h,
				     const struct document *doc,
				     const struct layout *layout,
				     struct date date)
{
	struct composition *comp = compose_create(a, layout);
	struct compose_ctx c = { a, h, doc, comp, false, NULL,
				 arena_create() };
	const char *title = compose_title(a, doc);
	const char *when = nl_date_span(a, doc->meeting.dates,
					doc->meeting.n_dates);
	const char *meeting = meeting_line(&c, doc);

	comp->title = title;
	comp->author = doc->author.src ? doc->author.src :
		       "Ministerie van Buitenlandse Zaken";
	comp->subject = arena_printf(a, "%s, %s, %s", doc->meeting.name.src,
				     doc->meeting.place.src, when);
	comp->keywords = arena_printf(a, "%s; %s; %s",
				      model_doc_kind_name(doc->kind),
				      doc->meeting.short_name.src ?
				      doc->meeting.short_name.src :
				      doc->meeting.name.src,
				      doc->meeting.place.src);
	if (doc->classification.src)
		comp->keywords = arena_printf(a, "%s; %s", comp->keywords,
					      doc->classification.src);
	comp->creator = "dossier " DOSSIER_VERSION;
	comp->classification = doc->classification.src;
	comp->date = date;

	if (doc->kind == DOC_BRIEFING_PACK)
		compose_pack(&c, title);
	else
		compose_meeting(&c, title, meeting);
	arena_destroy(c.scratch);
	/* No more blocks or text: the room doubling left for them let go. */
	each_rich(comp, true);
	comp->blocks = xrealloc_array(comp->blocks, comp->n_blocks,
				      sizeof *comp->blocks);
	comp->cap_blocks = comp->n_blocks;
	return comp;
}
