/*
 * write_cairo_glyphs.h — one glyph run handed to cairo, as pango's cairo
 * renderer hands it (for write_cairo.c).
 */
#ifndef DOSSIER_WRITE_CAIRO_GLYPHS_H
#define DOSSIER_WRITE_CAIRO_GLYPHS_H

#include <cairo.h>
#include <pango/pangocairo.h>

/* gi (indexing into text) drawn at cr's current point as
 * pango_cairo_show_glyph_item() draws it; with scale other than 1, its
 * advances and offsets first divided by scale (the rounding carried on),
 * for a context scaled that much wider: the glyphs land where gi has
 * them. */
void write_show_glyph_item(cairo_t *cr, const char *text,
			   const PangoGlyphItem *gi, double scale);

#endif
