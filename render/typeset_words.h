/*
 * typeset_words.h — words shaped once and kept, keyed by font and text.
 *
 * Shaping is a third of a cold render, and a document shapes the same
 * words again and again: each paragraph whole, then each of its lines,
 * and "de", "NAVO" and "2025" in every paragraph. In a font whose
 * shaping stops at a space (typeset_shape.h, struct shape_font), an
 * item of text shaped word by word gives the glyphs it gives shaped
 * whole, so each word (and each space) is shaped the first time it is
 * met and copied from here after that.
 */
#ifndef DOSSIER_TYPESET_WORDS_H
#define DOSSIER_TYPESET_WORDS_H

#include <pango/pango.h>

struct shape_words;

struct shape_words *shape_words_create(void);
void shape_words_destroy(struct shape_words *w);

/* pango_shape_item(item, text, len, NULL, out, flags) for an item in a
 * font whose shaping stops at spaces: the same glyphs, word by word,
 * from the cache where it holds them. Items whose shaping could depend
 * on more than the word (right to left, a script of a shaper that
 * looks at context, attributes that change shaping) are shaped whole. */
void shape_words_item(struct shape_words *w, const PangoItem *item,
		      const char *text, int len, PangoShapeFlags flags,
		      PangoGlyphString *out);

#endif
