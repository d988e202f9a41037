/*
 * compose.h — blocks: the document as a flat list, ready to typeset.
 *
 * compose.c turns the model and the layout into blocks in reading order;
 * compose_richtext.c turns one CommonMark field into text blocks. Text in a block
 * is final: Dutch quotes, no-break spaces and soft hyphens are in it, and
 * spans mark emphasis, links and footnote references by byte range.
 */
#ifndef DOSSIER_COMPOSE_H
#define DOSSIER_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "hyph.h"
#include "layout.h"
#include "model.h"

enum span_kind { SPAN_ITALIC, SPAN_BOLD, SPAN_LINK, SPAN_NOTEREF, SPAN_CODE };

struct span {
	size_t start, end; /* byte range in the block's text */
	enum span_kind kind;
	const char *href;  /* SPAN_LINK */
	int note;          /* SPAN_NOTEREF: the footnote's number */
};

struct rich {
	char *text;
	size_t len, cap_text;
	struct span *spans;
	size_t n_spans, cap_spans;
	struct srcpos pos; /* the field it came from, for messages */
	const struct text *field; /* that field, for exact places; or NULL */
};

enum block_kind {
	BLOCK_TEXT,       /* a paragraph, heading, list item, letter part */
	BLOCK_TABLE,
	BLOCK_SPACE,      /* vertical space of space_pt; when absolute,
			     the flow moves down to y_pt */
	BLOCK_PAGE_BREAK,
	BLOCK_CHART,      /* a chart of the model, set by chart.c */
};

struct table {
	int rows, cols;
	bool header_row;
	struct rich *cells; /* rows * cols, row-major */
};

struct block {
	enum block_kind kind;
	const struct style *style;
	struct rich rich;
	const char *label;  /* list bullet or number, hung in the indent */
	const struct style *label_style; /* NULL: the block's style */
	double indent_pt;   /* extra indent (nested lists) */
	int outline_level;  /* 1..3: a heading in the outline */
	/* Placed at a fixed spot of the current page, outside the flow
	 * (the letterhead); y is the top of the block. */
	bool absolute;
	double x_pt, y_pt, width_pt;
	struct table *table;
	double space_pt;
	const struct chart *chart; /* BLOCK_CHART */
	/* Briefing pack. A page break may start the body (pages before it
	 * are front matter, numbered i, ii, ...) and set the running header
	 * of the pages after it. A block with an anchor is a target of the
	 * table of contents; an entry of the table names it in toc_anchor
	 * (both 1-based; paginate fills in the page numbers). */
	bool body_start;
	const char *running_header;
	int anchor, toc_anchor;
};

struct footnote {
	int number;
	const char *key;
	const struct document *doc; /* whose notes the key names */
	struct rich content;
};

struct composition {
	const struct layout *layout;
	struct block *blocks;
	size_t n_blocks, cap_blocks;
	struct footnote *notes;
	size_t n_notes, cap_notes;
	/* Metadata for the writers. */
	const char *title, *author, *subject, *keywords, *creator;
	const char *classification;
	struct date date; /* of the document: from the data or the meeting */
	int n_anchors;    /* targets of the table of contents */
};

struct compose_ctx {
	struct arena *arena;
	struct hyphenator *hyph;
	const struct document *doc;
	struct composition *comp;
	bool charts_later; /* a pack's agenda: its charts go to Kerncijfers */
};

/* The document's title: its own, or one made of its kind and meeting
 * ("Geannoteerde agenda NAVO ... 3 december 2025"). Also the mail subject. */
const char *compose_title(struct arena *a, const struct document *doc);
/* The meeting's name, "informele " before it when the meeting is
 * informal and the name does not say so already ("Informal ...",
 * "Informele ..."). */
const char *compose_meeting_name(struct arena *a, const struct document *d);

/* Blocks of a whole document. Never fails: the model is valid. */
struct composition *compose_document(struct arena *a, struct hyphenator *h,
				     const struct document *doc,
				     const struct layout *layout);

/* compose_richtext.c: append the blocks of a CommonMark field in "style";
 * paragraphs after the first keep that style too. */
void richtext_blocks(struct compose_ctx *c, const struct text *field,
		     const struct style *style);
/* Inline text of a field (first paragraph only), for footnotes and
 * headings. */
struct rich richtext_inline(struct compose_ctx *c, const struct text *field);
/* Plain text run made typographically right (quotes, no-break spaces and,
 * when hyphenate, soft hyphens), appended to r. */
void rich_append_text(struct compose_ctx *c, struct rich *r, const char *s,
		      bool hyphenate);
void rich_add_span(struct arena *a, struct rich *r, struct span sp);
/* The part of r from byte start to end, its spans clipped and shifted;
 * its text is r's (not copied). */
struct rich rich_slice(struct arena *a, const struct rich *r, size_t start,
		       size_t end);

/* A new block at the end of the composition, zeroed but for kind. */
struct block *compose_add_block(struct composition *comp, struct arena *a,
				enum block_kind kind);

#endif
