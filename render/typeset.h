/*
 * typeset.h — the stage blocks into lines, with pango.
 *
 * typeset_blocks() sets every block of a composition into lines of known
 * height (typesetter.h: the lines, and the service that sets them); a
 * table row is one line made of several parts; a chart block is one line
 * box holding its drawing. The layout a paragraph was set in is released
 * once it is set.
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
};

struct typeset_doc {
	struct tblock *blocks;
	size_t n_blocks;
	struct tblock *notes; /* one per footnote, in number order */
	size_t n_notes;
};

/* Set every block and footnote. NULL with diags when a character cannot
 * be shown by any configured font. */
struct typeset_doc *typeset_blocks(struct typesetter *ts, struct arena *a,
				   const struct composition *comp,
				   struct diags *diags);

#endif
