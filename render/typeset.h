/*
 * typeset.h — the stage blocks into lines, with pango.
 *
 * typeset_blocks() sets every block of a composition into lines of known
 * height (typesetter.h: the lines, and the service that sets them); a
 * table row is one line made of several parts; a chart block is one line
 * box holding its drawing. The layout a paragraph was set in is released
 * once it is set. In a long document so are the shaped runs: the lines
 * keep what pagination needs (heights, notes, links, places), and
 * typeset_again() sets a block's lines again, runs and all, when the
 * page that shows them is drawn. Setting is deterministic, so they are
 * the same lines.
 */
#ifndef DOSSIER_TYPESET_H
#define DOSSIER_TYPESET_H

#include "compose.h"
#include "typesetter.h"

struct tblock {
	const struct block *block;
	struct tline *lines;
	size_t n_lines;
	double space_before_pt, space_after_pt;
	bool keep_with_next;
	int outline_level;
	const char *outline_title; /* plain text, soft hyphens removed */
	bool note;    /* a footnote's block, set with its number hung */
	bool bare;    /* its lines hold no part, rule or chart, only what
			 pagination reads (a long document's):
			 typeset_again() sets them */
	double shorter_max_pt; /* a chart: how much shorter it may be set
				  (typeset_chart_shorter()) */
};

struct typeset_doc {
	struct tblock *blocks;
	size_t n_blocks;
	struct tblock *notes; /* one per footnote, in number order */
	size_t n_notes;
};

/* Set every block and footnote; in a long document (tblock.bare) their
 * lines hold no runs, text or chart. NULL with diags when a character
 * cannot be shown by any configured font. */
struct typeset_doc *typeset_blocks(struct typesetter *ts, struct arena *a,
				   const struct composition *comp,
				   struct diags *diags);

/* Chart block tb's one line set by_pt shorter (at most its
 * shorter_max_pt), with its chart, in a: pagination asked for it so
 * where waiting for the next page would leave a page thin. */
const struct tline *typeset_chart_shorter(struct typesetter *ts,
					  struct arena *a,
					  const struct layout *l,
					  const struct tblock *tb,
					  double by_pt);

/* tb's lines again (tb->n_lines of them), with their runs, text and
 * chart, in a; l is the composition's layout. */
const struct tline *typeset_again(struct typesetter *ts, struct arena *a,
				  const struct layout *l,
				  const struct tblock *tb);

#endif
