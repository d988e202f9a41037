/*
 * compose_text.h — rich text as a value: UTF-8 text with spans that mark
 * emphasis, links and footnote references by byte range.
 *
 * compose_richtext.c builds it, blocks and footnotes carry it, the
 * typesetter breaks it into lines. It includes nothing of compose, so
 * the walker, the stage and the typesetter all depend on it and it on
 * none of them.
 */
#ifndef DOSSIER_COMPOSE_TEXT_H
#define DOSSIER_COMPOSE_TEXT_H

#include <stddef.h>

#include "arena.h"
#include "model.h"

enum span_kind { SPAN_ITALIC, SPAN_BOLD, SPAN_LINK, SPAN_NOTEREF, SPAN_CODE,
		 SPAN_LANG };

struct span {
	size_t start, end; /* byte range in the block's text */
	enum span_kind kind;
	const char *href;  /* SPAN_LINK */
	int note;          /* SPAN_NOTEREF: the footnote's number */
	const char *lang;  /* SPAN_LANG: its language, BCP 47 ("en") */
};

/* While it is composed a rich text grows on the heap (capacities not
 * 0); rich_trim() then makes it exactly as long as it is. In the arena
 * every outgrown copy stayed with the document (twice the text of a long
 * one), and no text could go before the document did. */
struct rich {
	char *text;
	size_t len, cap_text;
	/* NULL, or a nibble for each byte of text, from nibble hq_from on
	 * (two a byte, the low one first): at the first byte of each soft
	 * hyphen hyph.c inserted, its enum hyph_quality (the breaker weighs
	 * it); read with rich_hq(). A byte each was a third of a long
	 * document's composed text. */
	unsigned char *hq;
	size_t hq_from, cap_hq;
	struct span *spans;
	size_t n_spans, cap_spans;
	struct srcpos pos; /* the field it came from, for messages */
	const struct text *field; /* that field, for exact places; or NULL */
};

/* The quality of the soft hyphen at byte i of r's text (0: none). */
static inline int rich_hq(const struct rich *r, size_t i)
{
	size_t k = r->hq_from + i;
	return r->hq ? (r->hq[k / 2] >> (k % 2 * 4)) & 0xF : 0;
}

/* n bytes of s appended to r's text, kept NUL-terminated. */
void rich_append_raw(struct rich *r, const char *s, size_t n);
/* The same, with the quality of each byte's soft hyphen in q (as long as
 * s; NULL: none of ours). */
void rich_append_q(struct rich *r, const char *s,
		   const unsigned char *q, size_t n);
void rich_add_span(struct rich *r, struct span sp);
/* r's text, qualities and spans on the heap made exactly as long as
 * they are: each text can then be let go on its own (rich_release), once
 * the pages that show it are drawn. */
void rich_trim(struct rich *r);
/* What r holds on the heap freed, its pointers to it NULL. */
void rich_release(struct rich *r);
/* The part of r from byte start to end, its spans clipped and shifted;
 * its text is r's (not copied). */
struct rich rich_slice(struct arena *a, const struct rich *r, size_t start,
		       size_t end);

#endif
