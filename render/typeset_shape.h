/*
 * typeset_shape.h — rich text shaped as one unbroken line, without a PangoLayout.
 *
 * The glyph runs are the ones a PangoLayout of the same text, font and
 * attributes gives its single line (tests/unit/test_typeset_shape.c compares
 * them glyph for glyph), at a third of the cost: no line-breaking
 * analysis, no extents, no layout. Only for text that a layout does not
 * treat specially; shape_applies() says which.
 */
#ifndef DOSSIER_TYPESET_SHAPE_H
#define DOSSIER_TYPESET_SHAPE_H

#include <pango/pango.h>
#include <stdbool.h>
#include <stddef.h>

/* true when text[0..len) has nothing a layout treats in a way of its
 * own: no tab, no forced line or paragraph break, no right-to-left
 * script or bidi control, no combining mark, nothing beyond the Basic
 * Multilingual Plane. Otherwise the caller uses a layout. */
bool shape_applies(const char *text, size_t len);

struct shape_fonts;

/* The glyph runs (PangoGlyphItem) of text in context ctx, in font with
 * attrs over it, as a layout with that font and those attributes sets
 * them. attrs is changed. With sf (else NULL), the words of fonts whose
 * shaping stops at spaces come from sf's cache (typeset_words.h). Free
 * the runs with shape_free(). */
GSList *shape_line(PangoContext *ctx, struct shape_fonts *sf,
		   const char *text, size_t len,
		   const PangoFontDescription *font, PangoAttrList *attrs);
void shape_free(GSList *runs);

/* What shape_line_from() needs to know of a font, found once a font
 * and kept here: whether shaping stops at a space in it (no
 * substitution or positioning of its involves the space or no-break
 * space glyph; HarfBuzz lists the glyphs of every lookup; a class-based
 * pair adjustment of class 0, every glyph its class definition leaves
 * out, escapes that list: tests/font_spaces.py checks our fonts have
 * none), and its family. */
struct shape_font {
	PangoFont *font;
	bool stops;
	char *family;
};
struct shape_face {
	struct hb_face_t *face; /* a reference */
	bool stops;
};
struct shape_fonts {
	struct shape_font *f;
	size_t n;
	struct shape_face *faces; /* whose stops is found, of all sizes */
	size_t n_faces;
	struct shape_words *words; /* made when first needed */
	struct plain_fonts *plain; /* typeset_itemize.h's, likewise */
};
void shape_fonts_free(struct shape_fonts *sf);

/* A line cut from a text set by shape_paragraph(): its runs and items,
 * the text they index into, and where the line starts in that text. */
struct shape_from {
	GSList *runs;
	GList *items;
	const char *text;
	size_t offset;
	struct shape_fonts *fonts;
};
/* shape_line(), also giving *items: a copy of the items as itemized
 * (before underlines split them), for shape_from; free them with
 * shape_items_free(). */
GSList *shape_paragraph(PangoContext *ctx, struct shape_fonts *sf,
			const char *text, size_t len,
			const PangoFontDescription *font, PangoAttrList *attrs,
			GList **items);
void shape_items_free(GList *items);
/* shape_line() for text = from->text + from->offset, with the items
 * cut from from->items and the glyphs of each from from->runs where
 * itemizing and shaping it again could not give others: the same runs,
 * for less. The cache is from->fonts's. */
GSList *shape_line_from(PangoContext *ctx, const char *text, size_t len,
			const PangoFontDescription *font, PangoAttrList *attrs,
			const struct shape_from *from);

/* The sum of the runs' advance widths, in pango units. */
int shape_width(GSList *runs);
/* The x of byte index of text (the text the runs index into) from the
 * start of the runs, in pango units, as pango_layout_line_index_to_x
 * gives it for text shape_applies() to. */
int shape_index_to_x(GSList *runs, const char *text, int index);

#endif
