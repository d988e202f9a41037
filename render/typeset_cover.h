/*
 * typeset_cover.h — which characters a font has, remembered as they are
 * asked for (typeset_itemize.c, typeset_hb.c): a bit known and a bit
 * had for each character below COVER_MAX, the Latin blocks, general
 * punctuation and currency signs; the rest are asked every time.
 */
#ifndef DOSSIER_TYPESET_COVER_H
#define DOSSIER_TYPESET_COVER_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#define COVER_MAX 0x2100

struct cover_bits {
	uint8_t known[COVER_MAX / 8], has[COVER_MAX / 8];
};

/* Has the font c? ask(font, c) answers when the bits do not know. */
static inline bool cover_has(struct cover_bits *b, gunichar c,
			     bool (*ask)(void *font, gunichar c), void *font)
{
	if (c >= COVER_MAX)
		return ask(font, c);
	uint8_t bit = (uint8_t)(1u << (c & 7));
	if (!(b->known[c >> 3] & bit)) {
		b->known[c >> 3] |= bit;
		if (ask(font, c))
			b->has[c >> 3] |= bit;
	}
	return b->has[c >> 3] & bit;
}

#endif
