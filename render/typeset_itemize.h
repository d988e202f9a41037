/*
 * typeset_itemize.h — the one item of plain text, without pango_itemize().
 *
 * For typeset_shape.c: text in one font, left to right, of Latin and
 * common characters the font has, is one item, found here for a fraction
 * of what pango_itemize_with_base_dir() costs (typeset_itemize.c says
 * why it is the same item).
 */
#ifndef DOSSIER_TYPESET_ITEMIZE_H
#define DOSSIER_TYPESET_ITEMIZE_H

#include <pango/pango.h>
#include <stddef.h>

/* The fonts found so far; *cache starts NULL. */
struct plain_fonts;
void plain_fonts_free(struct plain_fonts *pf);

/* The items pango_itemize_with_base_dir(ctx, dir, text, 0, len, attrs,
 * NULL) gives, when text is plain; NULL when it is not (itemize it with
 * pango then). Free the list as pango's. */
GList *itemize_plain(PangoContext *ctx, struct plain_fonts **cache,
		     const char *text, size_t len, PangoAttrList *attrs,
		     PangoDirection dir);

#endif
