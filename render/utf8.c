/*
 * utf8.c — decoding and encoding UTF-8, and the character classes.
 *
 * The decoder accepts exactly the well-formed sequences of Unicode's
 * table 3-7 (no overlong form, no surrogate, nothing above U+10FFFF) and
 * reports anything else one byte at a time; tests/unit/test_utf8.c checks
 * it over every code point and every malformed form. The classes are the
 * program's one definition of each (see utf8.h).
 */
#include "utf8.h"

#include <assert.h>

size_t utf8_decode(const char *s, size_t avail, uint32_t *cp)
{
	static const uint32_t min_cp[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	const unsigned char *u = (const unsigned char *)s;
	assert(avail > 0);
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	size_t len = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 0;
	*cp = UTF8_INVALID;
	if (len == 0 || len > avail || u[0] > 0xF4)
		return 1;
	uint32_t c = u[0] & (0x7Fu >> len);
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80) /* also stops at a NUL */
			return 1;
		c = (c << 6) | (u[i] & 0x3Fu);
	}
	if (c < min_cp[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 1;
	*cp = c;
	return len;
}

size_t utf8_valid_len(const char *s, size_t avail)
{
	uint32_t cp;
	size_t len = utf8_decode(s, avail, &cp);
	return cp == UTF8_INVALID ? 0 : len;
}

bool utf8_valid(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len = utf8_valid_len(s + i, n - i);
		if (!len)
			return false;
		i += len;
	}
	return true;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	unsigned char *u = (unsigned char *)out;
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return 0;
	u[0] = (unsigned char)(0xF0 | cp >> 18);
	u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t utf8_back(const char *s, size_t i)
{
	while (i > 0 && utf8_is_cont(s[i]))
		i--;
	return i;
}

size_t utf8_count(const char *s, size_t n)
{
	size_t chars = 0;
	for (size_t i = 0; i < n; i++)
		chars += !utf8_is_cont(s[i]);
	return chars;
}

bool utf8_is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	if (cp < 0x100)
		return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7;
	if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x2BFF))
		return false; /* Ogham's space; punctuation, symbols, arrows */
	if (cp >= 0x3000 && cp <= 0x303F) /* CJK punctuation */
		return false;
	if (cp >= 0xD800 && cp <= 0xF8FF) /* surrogates, private use */
		return false;
	if (cp == 0xFEFF || (cp >= 0xFFF0 && cp <= 0xFFFF))
		return false;
	if (cp >= 0x1F000 && cp <= 0x1FFFF) /* emoji and pictographs */
		return false;
	return cp < 0xE0000; /* UTF8_INVALID too is above */
}

bool utf8_is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

bool utf8_is_space(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000;
}

bool utf8_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool utf8_is_latin1_upper(uint32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
}
