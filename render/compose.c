/*
 * compose.c — the model and the layout into blocks, in reading order.
 *
 * Decides what a document consists of: the letter on its own page (sender
 * block, addressee, date and subject, the letter itself), the title, the
 * meeting, the introduction and the sections with their headings, texts,
 * Dutch positions and charts. Also fills in the metadata the writers need.
 */
#include "compose.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nl.h"

struct block *compose_add_block(struct composition *comp, struct arena *a,
				enum block_kind kind)
{
	if (comp->n_blocks == comp->cap_blocks) {
		size_t cap = comp->cap_blocks ? comp->cap_blocks * 2 : 64;
		struct block *b = arena_array(a, cap, sizeof *b);
		if (comp->blocks)
			memcpy(b, comp->blocks, comp->n_blocks * sizeof *b);
		comp->blocks = b;
		comp->cap_blocks = cap;
	}
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
	struct block *b = compose_add_block(c->comp, c->arena, BLOCK_TEXT);
	b->style = style(c, name);
	b->rich.pos = pos;
	rich_append_text(c, &b->rich, text, b->style->hyphenate);
	return b;
}

static void space(struct compose_ctx *c, double pt)
{
	struct block *b = compose_add_block(c->comp, c->arena, BLOCK_SPACE);
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

const char *compose_title(struct arena *a, const struct document *d)
{
	if (d->title.src)
		return d->title.src;
	return arena_printf(a, "%s %s%s %s", kind_title(d->kind),
			    d->meeting.informal ? "informele " : "",
			    d->meeting.name.src,
			    nl_date_span(a, d->meeting.dates,
					 d->meeting.n_dates));
}

static void compose_letter(struct compose_ctx *c, const char *title)
{
	const struct document *d = c->doc;
	const struct letter *lt = d->letter;
	const struct layout *l = c->comp->layout;

	/* Sender block: the ministry in bold, then its address lines. */
	struct block *s = compose_add_block(c->comp, c->arena, BLOCK_TEXT);
	s->style = style(c, "sender");
	s->absolute = true;
	s->x_pt = l->sender_x_pt;
	s->y_pt = l->sender_y_pt;
	s->width_pt = l->sender_width_pt;
	const char *author = d->author.src ? d->author.src :
			     "Ministerie van Buitenlandse Zaken";
	rich_append_text(c, &s->rich, author, false);
	rich_add_span(c->arena, &s->rich,
		      (struct span){ 0, s->rich.len, SPAN_BOLD, NULL, 0 });
	for (int i = 0; i < l->n_sender_lines; i++) {
		rich_append_text(c, &s->rich, "\xE2\x80\xA8", false);
		rich_append_text(c, &s->rich, l->sender_lines[i], false);
	}

	if (lt->to.src) {
		struct block *a = plain_block(c, "address", lt->to.src,
					      lt->to.pos);
		a->absolute = true;
		a->x_pt = l->margin_left_pt;
		a->y_pt = l->address_y_pt;
		a->width_pt = l->sender_x_pt - l->margin_left_pt -
			      l->label_width_pt;
	}

	struct block *top = compose_add_block(c->comp, c->arena, BLOCK_SPACE);
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
	compose_add_block(c->comp, c->arena, BLOCK_PAGE_BREAK);
}

/* Charts by id, after a section's text and position or after the
 * introduction; parse.c has checked that every id names a loaded chart. */
static void compose_charts(struct compose_ctx *c, const struct chart_ref *refs,
			   size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct chart *ch = NULL;
		for (size_t k = 0; k < c->doc->n_charts && !ch; k++)
			if (c->doc->charts[k].id &&
			    !strcmp(c->doc->charts[k].id, refs[i].id))
				ch = &c->doc->charts[k];
		assert(ch);
		struct block *b = compose_add_block(c->comp, c->arena,
						    BLOCK_CHART);
		b->chart = ch;
	}
}

static void compose_sections(struct compose_ctx *c, const struct section *s,
			     size_t n)
{
	static const char *const heading[] = { "heading1", "heading2",
					       "heading3" };
	for (size_t i = 0; i < n; i++, s++) {
		int level = s->level >= 1 && s->level <= 3 ? s->level : 3;
		struct block *h = plain_block(c, heading[level - 1],
					      s->heading.src, s->heading.pos);
		h->outline_level = level + 1;
		richtext_blocks(c, &s->text, style(c, "body"));
		if (s->position.src) {
			plain_block(c, "position_label", "Nederlandse inzet",
				    s->position.pos);
			richtext_blocks(c, &s->position, style(c, "position"));
		}
		compose_charts(c, s->charts, s->n_charts);
		compose_sections(c, s->sections, s->n_sections);
	}
}

/* The date the document carries: its own, or SOURCE_DATE_EPOCH, or the
 * first day of the meeting — never the clock. */
static struct date document_date(const struct document *d)
{
	if (d->has_date)
		return d->date;
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch && *epoch) {
		char *end;
		long long t = strtoll(epoch, &end, 10);
		if (!*end && t >= 0) {
			time_t tt = (time_t)t;
			struct tm tm;
			gmtime_r(&tt, &tm);
			return (struct date){ tm.tm_year + 1900, tm.tm_mon + 1,
					      tm.tm_mday };
		}
	}
	return d->meeting.dates[0];
}

struct composition *compose_document(struct arena *a, struct hyphenator *h,
				     const struct document *doc,
				     const struct layout *layout)
{
	struct composition *comp = arena_alloc(a, sizeof *comp);
	comp->layout = layout;
	struct compose_ctx c = { a, h, doc, comp };
	const char *title = compose_title(a, doc);
	const char *when = nl_date_span(a, doc->meeting.dates,
					doc->meeting.n_dates);

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
	comp->creator = "dossier " DOSSIER_VERSION;
	comp->classification = doc->classification.src;
	comp->date = document_date(doc);

	if (doc->letter)
		compose_letter(&c, title);

	struct block *t = plain_block(&c, "title", title,
				      doc->title.src ? doc->title.pos :
				      doc->id_pos);
	t->outline_level = 1;
	const char *meeting = arena_printf(a, "%s, %s%s%s", doc->meeting.place.src,
					   when,
					   doc->meeting.venue.src ? " — " : "",
					   doc->meeting.venue.src ?
					   doc->meeting.venue.src : "");
	plain_block(&c, "meeting", meeting, doc->meeting.place.pos);
	richtext_blocks(&c, &doc->intro, style(&c, "body"));
	compose_charts(&c, doc->intro_charts, doc->n_intro_charts);
	compose_sections(&c, doc->sections, doc->n_sections);
	return comp;
}
