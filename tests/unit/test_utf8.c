/*
 * test_utf8.c — the one UTF-8 decoder and encoder, and the classes.
 *
 * Properties over every code point and every malformed form rather than
 * examples: encode and decode are inverse on every scalar value and agree
 * with GLib's encoder byte for byte; every overlong form, surrogate,
 * value above U+10FFFF, truncated sequence and stray byte decodes as
 * UTF8_INVALID of length 1; the decoder agrees with GLib's validating
 * decoder on every sequence of up to three bytes and on the four-byte
 * ones of every lead and second byte; utf8_valid, utf8_count and
 * utf8_back agree with GLib on random text. The classes are disjoint.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "utf8.h"

/* The 1-4 bytes of cp in n bytes, written by hand (overlong when n is
 * more than cp needs): the forms a decoder must refuse. */
static void encode_in(uint32_t cp, size_t n, unsigned char *out)
{
	static const unsigned char lead[5] = { 0, 0, 0xC0, 0xE0, 0xF0 };
	if (n == 1) {
		out[0] = (unsigned char)cp;
		return;
	}
	for (size_t i = n - 1; i > 0; i--) {
		out[i] = (unsigned char)(0x80 | (cp & 0x3F));
		cp >>= 6;
	}
	out[0] = (unsigned char)(lead[n] | cp);
}

static size_t needed(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static bool is_surrogate(uint32_t cp)
{
	return cp >= 0xD800 && cp <= 0xDFFF;
}

static void assert_invalid(const char *s, size_t avail)
{
	uint32_t cp = 0;
	assert_int_equal(utf8_decode(s, avail, &cp), 1);
	assert_int_equal(cp, UTF8_INVALID);
	assert_int_equal(utf8_valid_len(s, avail), 0);
}

static void test_every_scalar_value_round_trips(void **state)
{
	(void)state;
	size_t count = 0;
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		if (is_surrogate(cp))
			continue;
		char mine[4], glibs[6];
		size_t n = utf8_encode(cp, mine);
		assert_int_equal(n, needed(cp));
		assert_int_equal(g_unichar_to_utf8(cp, glibs), n);
		assert_memory_equal(mine, glibs, n);
		/* exactly its bytes, and with more text after them */
		char buf[8] = { 0 };
		memcpy(buf, mine, n);
		buf[n] = 'x';
		uint32_t back = UTF8_INVALID;
		assert_int_equal(utf8_decode(buf, n, &back), n);
		assert_int_equal(back, cp);
		assert_int_equal(utf8_decode(buf, sizeof buf, &back), n);
		assert_int_equal(back, cp);
		if (cp)
			assert_int_equal(utf8_decode(buf, UTF8_TO_NUL, &back),
					 n);
		assert_int_equal(back, cp);
		assert_true(utf8_valid(buf, n));
		count++;
	}
	assert_int_equal(count, 0x110000 - 0x800);
}

static void test_surrogates_and_beyond_have_no_encoding(void **state)
{
	(void)state;
	char out[4];
	unsigned char form[4];
	for (uint32_t cp = 0xD800; cp <= 0xDFFF; cp++) {
		assert_int_equal(utf8_encode(cp, out), 0);
		encode_in(cp, 3, form); /* CESU-8's way: refused */
		assert_invalid((const char *)form, 3);
		assert_false(utf8_valid((const char *)form, 3));
	}
	/* every value a four-byte form can hold above U+10FFFF */
	for (uint32_t cp = 0x110000; cp <= 0x1FFFFF; cp++) {
		assert_int_equal(utf8_encode(cp, out), 0);
		encode_in(cp, 4, form);
		assert_invalid((const char *)form, 4);
	}
	for (uint64_t cp = 0x200000; cp <= UINT32_MAX; cp = cp * 3 + 1)
		assert_int_equal(utf8_encode((uint32_t)cp, out), 0); /* sampled */
}

static void test_every_overlong_form_is_refused(void **state)
{
	(void)state;
	unsigned char form[4];
	for (uint32_t cp = 0; cp < 0x10000; cp++)
		for (size_t n = needed(cp) + 1; n <= 4; n++) {
			encode_in(cp, n, form);
			assert_invalid((const char *)form, n);
		}
}

static void test_every_truncated_sequence_is_one_invalid_byte(void **state)
{
	(void)state;
	for (uint32_t cp = 0x80; cp <= 0x10FFFF; cp++) {
		if (is_surrogate(cp))
			continue;
		unsigned char form[5];
		size_t n = needed(cp);
		encode_in(cp, n, form);
		for (size_t cut = 1; cut < n; cut++) {
			/* cut by avail */
			assert_invalid((const char *)form, cut);
			/* cut by a NUL, or by a byte that continues nothing */
			unsigned char t[5];
			memcpy(t, form, cut);
			t[cut] = 0;
			assert_invalid((const char *)t, UTF8_TO_NUL);
			t[cut] = 'a';
			assert_invalid((const char *)t, n);
			t[cut] = 0xC3;
			assert_invalid((const char *)t, n);
		}
		/* a continuation byte alone starts nothing */
		for (size_t i = 1; i < n; i++)
			assert_invalid((const char *)form + i, n - i);
	}
}

/* Each byte 80-FF before continuation bytes: a character exactly when
 * it is a lead byte whose smallest form is not overlong (C2-DF, E1-EF,
 * F1-F4); C0, C1, E0 and F0 before 80 are overlong, F5-FF lead nothing. */
static void test_bytes_that_start_nothing(void **state)
{
	(void)state;
	for (unsigned b = 0x80; b <= 0xFF; b++) {
		char s[4] = { (char)b, (char)0x80, (char)0x80, (char)0x80 };
		bool starts = (b >= 0xC2 && b <= 0xDF) ||
			      (b >= 0xE1 && b <= 0xEF) ||
			      (b >= 0xF1 && b <= 0xF4);
		uint32_t cp;
		size_t n = utf8_decode(s, 4, &cp);
		assert_int_equal(cp != UTF8_INVALID, starts);
		assert_int_equal(n, starts ? (b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4)
					   : 1);
		assert_int_equal(utf8_is_cont((char)b), b < 0xC0);
	}
}

/* GLib's validating decoder as the oracle: valid exactly where ours is,
 * with the same code point. */
static void agree_with_glib(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len = utf8_decode((const char *)s, n, &cp);
	gunichar g = g_utf8_get_char_validated((const char *)s, (gssize)n);
	if (g < 0x110000) {
		assert_int_equal(cp, g);
		assert_int_equal(len, needed(g));
	} else {
		assert_int_equal(cp, UTF8_INVALID);
		assert_int_equal(len, 1);
	}
}

static void test_decoder_agrees_with_glib_on_every_short_sequence(void **state)
{
	(void)state;
	unsigned char s[4];
	for (unsigned a = 1; a <= 0xFF; a++) {
		s[0] = (unsigned char)a;
		agree_with_glib(s, 1);
		for (unsigned b = 0; b <= 0xFF; b++) {
			s[1] = (unsigned char)b;
			agree_with_glib(s, 2);
			if (a < 0xC0)
				continue; /* decided by its first byte */
			for (unsigned c = 0; c <= 0xFF; c++) {
				s[2] = (unsigned char)c;
				agree_with_glib(s, 3);
			}
		}
	}
}

static void test_decoder_agrees_with_glib_on_four_byte_sequences(void **state)
{
	(void)state;
	static const unsigned char tail[] = { 0x00, 0x41, 0x7F, 0x80, 0x8F,
					      0x90, 0x9F, 0xA0, 0xBF, 0xC0,
					      0xF4, 0xFF };
	unsigned char s[4];
	for (unsigned a = 0xE0; a <= 0xFF; a++)
		for (unsigned b = 0; b <= 0xFF; b++)
			for (size_t c = 0; c < sizeof tail; c++)
				for (size_t d = 0; d < sizeof tail; d++) {
					s[0] = (unsigned char)a;
					s[1] = (unsigned char)b;
					s[2] = tail[c];
					s[3] = tail[d];
					agree_with_glib(s, 4);
				}
}

/* Random text of valid characters, invalid bytes and NUL-free noise:
 * utf8_valid agrees with g_utf8_validate_len; on valid text utf8_count
 * agrees with g_utf8_strlen and utf8_back lands on the start of the
 * character a byte belongs to. */
static void test_valid_count_and_back_agree_with_glib_on_random_text(void **state)
{
	(void)state;
	GRand *rnd = g_rand_new_with_seed(12);
	char buf[256];
	for (int round = 0; round < 20000; round++) {
		size_t n = 0;
		bool noise = round % 2;
		while (n < sizeof buf - 4) {
			uint32_t cp = (uint32_t)g_rand_int_range(rnd, 1, 0x110000);
			if (g_rand_int_range(rnd, 0, 4) == 0)
				cp = (uint32_t)g_rand_int_range(rnd, 1, 0x800);
			if (is_surrogate(cp))
				continue;
			n += utf8_encode(cp, buf + n);
			if (noise && g_rand_int_range(rnd, 0, 40) == 0)
				buf[n++] = (char)g_rand_int_range(rnd, 0x80, 0x100);
		}
		bool ok = g_utf8_validate_len(buf, n, NULL);
		assert_int_equal(utf8_valid(buf, n), ok);
		if (!ok)
			continue;
		assert_int_equal(utf8_count(buf, n),
				 (size_t)g_utf8_strlen(buf, (gssize)n));
		for (size_t i = 0; i < n; i++) {
			size_t b = utf8_back(buf, i);
			assert_true(b <= i && i - b < 4);
			assert_false(utf8_is_cont(buf[b]));
			assert_true(utf8_valid_len(buf + b, n - b) > i - b);
		}
	}
	g_rand_free(rnd);
}

static void test_classes_are_disjoint_over_every_code_point(void **state)
{
	(void)state;
	size_t letters = 0, digits = 0, spaces = 0, controls = 0, uppers = 0;
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		int classes = utf8_is_letter(cp) + utf8_is_digit(cp) +
			      utf8_is_space(cp) + utf8_is_control(cp);
		/* one class at most; \t..\r are both space and control */
		assert_int_equal(classes, (cp >= '\t' && cp <= '\r') ? 2
					  : classes ? 1 : 0);
		letters += utf8_is_letter(cp);
		digits += utf8_is_digit(cp);
		spaces += utf8_is_space(cp);
		controls += utf8_is_control(cp);
		if (utf8_is_latin1_upper(cp)) {
			uppers++;
			assert_true(utf8_is_letter(cp));
			assert_true(utf8_is_letter(cp | 0x20));
			assert_false(utf8_is_latin1_upper(cp | 0x20));
		}
		if (is_surrogate(cp) || (cp >= 0xE000 && cp <= 0xF8FF))
			assert_false(utf8_is_letter(cp));
	}
	assert_false(utf8_is_letter(UTF8_INVALID));
	assert_int_equal(digits, 10);
	assert_int_equal(controls, 32 + 1 + 32);
	assert_int_equal(uppers, 26 + 30);
	assert_int_equal(spaces, 6 + 1 + 1 + 12 + 2 + 1 + 1 + 1);
	for (uint32_t cp = 'A'; cp <= 'z'; cp++)
		assert_int_equal(utf8_is_letter(cp),
				 (cp <= 'Z' || cp >= 'a'));
	assert_true(letters > 0x10000); /* the scripts above Latin-1 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test(f)
		T(test_every_scalar_value_round_trips),
		T(test_surrogates_and_beyond_have_no_encoding),
		T(test_every_overlong_form_is_refused),
		T(test_every_truncated_sequence_is_one_invalid_byte),
		T(test_bytes_that_start_nothing),
		T(test_decoder_agrees_with_glib_on_every_short_sequence),
		T(test_decoder_agrees_with_glib_on_four_byte_sequences),
		T(test_valid_count_and_back_agree_with_glib_on_random_text),
		T(test_classes_are_disjoint_over_every_code_point),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
