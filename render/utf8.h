/*
 * utf8.h — the one UTF-8 decoder and encoder, and the character classes.
 *
 * Every stage that reads text character by character decodes it here, and
 * asks here what a character is (a letter, a digit, a space, a control),
 * so that parse, the Dutch rules, hyphenation and the paragraph breaker
 * agree on one definition of each. Nothing here allocates; nothing here
 * includes another module.
 */
#ifndef DOSSIER_UTF8_H
#define DOSSIER_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What utf8_decode() gives for a byte that starts no valid character. */
#define UTF8_INVALID 0xFFFFFFFFu

/* The character at s, of at most avail bytes (avail > 0): its code point
 * in *cp, and its length. A byte that starts no valid sequence — a stray
 * continuation byte, a lead byte without its continuations (a truncated
 * sequence, one cut by avail or by a NUL), an overlong form, a surrogate,
 * or a value above U+10FFFF — gives UTF8_INVALID and length 1, so that a
 * caller copying invalid bytes as they are moves on one byte at a time.
 * For a NUL-terminated string avail may be UTF8_TO_NUL: the NUL ends a
 * sequence as any byte that is not a continuation does (and at the NUL
 * itself the code point is 0, length 1). */
#define UTF8_TO_NUL SIZE_MAX
size_t utf8_decode(const char *s, size_t avail, uint32_t *cp);

/* The length of the valid character at s (avail bytes), 0 if none. */
size_t utf8_valid_len(const char *s, size_t avail);

/* True when all n bytes of s are valid UTF-8. */
bool utf8_valid(const char *s, size_t n);

/* The UTF-8 bytes of cp into out (no NUL added): their number, 1 to 4, or
 * 0 for a surrogate or a value above U+10FFFF, which have none. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* A continuation byte: one that does not start a character. */
static inline bool utf8_is_cont(char b)
{
	return ((unsigned char)b & 0xC0) == 0x80;
}

/* The start of the character that byte i of s belongs to (i itself, or
 * before it past continuation bytes, never before 0): where text of
 * valid UTF-8 may be cut at or before byte i. */
size_t utf8_back(const char *s, size_t i);

/* How many characters n bytes of s hold (their first bytes counted). */
size_t utf8_count(const char *s, size_t n);

/* ---- character classes ---- */

/* A letter: ASCII and Latin-1 letters, and everything above U+00FF that is
 * not punctuation, a symbol, an emoji, a surrogate or private use — so a
 * Greek, Cyrillic or Polish name (marks included) reads as one word. */
bool utf8_is_letter(uint32_t cp);

/* An ASCII digit, 0-9: the only digits Dutch text and dates use. */
bool utf8_is_digit(uint32_t cp);

/* White space and the space separators: ASCII's, no-break space,
 * U+1680, U+2000-U+200B, the line and paragraph separators, U+202F,
 * U+205F and U+3000. */
bool utf8_is_space(uint32_t cp);

/* A control character: C0 (below U+0020), DEL, or C1 (U+0080-U+009F). */
bool utf8_is_control(uint32_t cp);

/* A capital of ASCII or Latin-1 (A-Z, À-Þ but ×): 0x20 below its small
 * letter, which is what the Latin-1 hyphenation patterns need. */
bool utf8_is_latin1_upper(uint32_t cp);

#endif
