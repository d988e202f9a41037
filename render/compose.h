/*
 * compose.h — blocks: the document as a flat list, ready to typeset.
 *
 * compose.c turns the model and the layout into blocks in reading order;
 * compose_richtext.c turns one CommonMark field into text blocks. Text in a block
 * is final: Dutch quotes, no-break spaces and soft hyphens are in it, and
 * spans mark emphasis, links and footnote references by byte range (the
 * rich-text value, compose_text.h).
 */
#ifndef DOSSIER_COMPOSE_H
#define DOSSIER_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "compose_text.h"
#include "hyph.h"
#include "layout.h"
#include "model.h"

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
	struct rich *cells; /* rows * cols, row-major; on the heap */
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
	/* Absolute: the height it must fit in (0: any), and what it is, for
	 * the message when it does not ("the addressee ('to')"). */
	double room_pt;
	const char *room_of;
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
	/* notes by (doc, key): open addressing, index + 1, 0 empty; for
	 * compose_richtext.c's footnote_number(). */
	size_t *note_ix, cap_note_ix;
	/* Metadata for the writers. */
	const char *title, *author, *subject, *keywords, *creator;
	const char *classification;
	struct date date; /* of the document: from the data or the meeting */
	int n_anchors;    /* targets of the table of contents */
};

/* The text of block i, or of note i, let go: no page still to be drawn
 * shows it (dl_build.c, a long document drawn a page at a time). */
void compose_release_block(struct composition *comp, size_t i);
void compose_release_note(struct composition *comp, size_t i);

/* The document's title: its own, or one made of its kind and meeting
 * ("Geannoteerde agenda NAVO ... 3 december 2025"). Also the mail subject. */
const char *compose_title(struct arena *a, const struct document *doc);
/* The meeting's name, "informele " before it when the meeting is
 * informal and the name does not say so already ("Informal ...",
 * "Informele ..."). */
const char *compose_meeting_name(struct arena *a, const struct document *d);

/* Blocks of a whole document, dated date (model_document_date() of the
 * run's SOURCE_DATE_EPOCH). Never fails: the model is valid. */
struct composition *compose_document(struct arena *a, struct hyphenator *h,
				     const struct document *doc,
				     const struct layout *layout,
				     struct date date);

/* An empty composition in a, its arrays freed with a. */
struct composition *compose_create(struct arena *a,
				   const struct layout *layout);
/* A new block at the end of the composition, zeroed but for kind. */
struct block *compose_add_block(struct composition *comp, enum block_kind kind);

#endif
