/*
 * shape.h — rich text shaped as one unbroken line, without a PangoLayout.
 *
 * The glyph runs are the ones a PangoLayout of the same text, font and
 * attributes gives its single line (tests/unit/test_shape.c compares
 * them glyph for glyph), at a third of the cost: no line-breaking
 * analysis, no extents, no layout. Only for text that a layout does not
 * treat specially; shape_applies() says which.
 */
#ifndef DOSSIER_SHAPE_H
#define DOSSIER_SHAPE_H

#include <pango/pango.h>
#include <stdbool.h>
#include <stddef.h>

/* true when text[0..len) has nothing a layout treats in a way of its
 * own: no tab, no forced line or paragraph break, no right-to-left
 * script or bidi control, no combining mark, nothing beyond the Basic
 * Multilingual Plane. Otherwise the caller uses a layout. */
bool shape_applies(const char *text, size_t len);

/* The glyph runs (PangoGlyphItem) of text in context ctx, in font with
 * attrs over it, as a layout with that font and those attributes sets
 * them. attrs is changed. Free the runs with shape_free(). */
GSList *shape_line(PangoContext *ctx, const char *text, size_t len,
		   const PangoFontDescription *font, PangoAttrList *attrs);
void shape_free(GSList *runs);

/* The sum of the runs' advance widths, in pango units. */
int shape_width(GSList *runs);
/* The x of byte index of text (the text the runs index into) from the
 * start of the runs, in pango units, as pango_layout_line_index_to_x
 * gives it for text shape_applies() to. */
int shape_index_to_x(GSList *runs, const char *text, int index);

#endif
