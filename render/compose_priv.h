/*
 * compose_priv.h — private to compose.c and compose_richtext.c: what the
 * stage hands the CommonMark walker while it composes one document.
 */
#ifndef DOSSIER_COMPOSE_PRIV_H
#define DOSSIER_COMPOSE_PRIV_H

#include <stdbool.h>

#include "compose.h"

struct compose_ctx {
	struct arena *arena;
	struct hyphenator *hyph;
	const struct document *doc;
	struct composition *comp;
	bool charts_later; /* a pack's agenda: its charts go to Kerncijfers */
	const char *lang;  /* of the text being appended; NULL: Dutch */
	/* What rich_append_text() makes on the way (smart quotes, soft
	 * hyphens, runs broken) before the result is copied into the block:
	 * reset after each text, so that these copies, three or four of
	 * every byte of text, do not stay for the whole document. */
	struct arena *scratch;
};

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

#endif
