/*
 * typeset_hb.h — a text shaped by HarfBuzz as pango_shape_item() shapes it
 * (for typeset_words.c's batches of words).
 */
#ifndef DOSSIER_TYPESET_HB_H
#define DOSSIER_TYPESET_HB_H

#include <pango/pango.h>
#include <stdbool.h>

/* Which characters each font has, found as they are asked for; *fonts
 * starts NULL. */
struct shape_hb_fonts;
void shape_hb_fonts_free(struct shape_hb_fonts *fonts);

/* pango_shape_item(item, text, len, NULL, gs, flags) for an item that
 * covers the whole of text, when the text is one HarfBuzz shapes alike
 * without pango's font callbacks; false (gs untouched) otherwise. */
bool shape_hb(struct shape_hb_fonts **fonts, const PangoItem *item,
	      const char *text, int len, PangoShapeFlags flags,
	      PangoGlyphString *gs);

#endif
