/*
 * nl.c — Dutch typography of running text, and dates and numbers in Dutch.
 *
 * nl_smarten reads a UTF-8 run as an array of characters and decides for
 * each one whether a Dutch typesetter would set it differently: a straight
 * quote, a hyphen that is a dash, a space that must not break. Everything
 * else, invalid bytes included, is copied as it was. The date and number
 * functions write their text into the caller's arena.
 */
#include "nl.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "utf8.h"

#define NL_NBSP "\xC2\xA0"         /* U+00A0 */
#define NL_EN_DASH "\xE2\x80\x93"  /* U+2013 */
#define NL_LSQUO "\xE2\x80\x98"    /* U+2018 ‘ */
#define NL_RSQUO "\xE2\x80\x99"    /* U+2019 ’, also the apostrophe */
#define NL_LDQUO "\xE2\x80\x9C"    /* U+201C “ */
#define NL_RDQUO "\xE2\x80\x9D"    /* U+201D ” */
#define NL_MINUS "\xE2\x88\x92"    /* U+2212 − */

struct nl_char {
	uint32_t cp;
	const char *src; /* its bytes in the input */
	size_t len;
};

/* The run being smartened; index -1 is the character before it. */
struct nl_text {
	struct nl_char *c; /* from the heap: free() it */
	ptrdiff_t n;
	uint32_t prev;
};

/* ------------------------------------------------------------------ */
/* Characters                                                           */

static bool nl_is_dash(uint32_t cp)
{
	return cp == '-' || (cp >= 0x2010 && cp <= 0x2015);
}

/* An opening bracket or an opening quote as set: ( [ ‘ “ ‚ „ «. */
static bool nl_is_opening_mark(uint32_t cp)
{
	return cp == '(' || cp == '[' || cp == 0x2018 || cp == 0x201C ||
	       cp == 0x201A || cp == 0x201E || cp == 0xAB;
}

/* What a quote may follow and still open. */
static bool nl_opens_after(uint32_t cp)
{
	return cp == 0 || utf8_is_space(cp) || nl_is_dash(cp) || cp == '{' ||
	       nl_is_opening_mark(cp);
}

static uint32_t nl_ascii_lower(uint32_t cp)
{
	return cp >= 'A' && cp <= 'Z' ? cp | 0x20 : cp;
}

static uint32_t nl_at(const struct nl_text *t, ptrdiff_t i)
{
	if (i >= 0 && i < t->n)
		return t->c[i].cp;
	return i == -1 ? t->prev : 0;
}

/* Does t spell "word" (UTF-8, ASCII letters matched in either case) from
 * index i on? */
static bool nl_spells(const struct nl_text *t, ptrdiff_t i, const char *word,
		      ptrdiff_t *end)
{
	while (*word) {
		uint32_t cp;
		word += utf8_decode(word, UTF8_TO_NUL, &cp);
		if (nl_ascii_lower(nl_at(t, i)) != nl_ascii_lower(cp))
			return false;
		i++;
	}
	*end = i;
	return true;
}

static ptrdiff_t nl_cp_count(const char *s)
{
	ptrdiff_t n = 0;
	uint32_t cp;
	while (*s) {
		s += utf8_decode(s, UTF8_TO_NUL, &cp);
		n++;
	}
	return n;
}

/* Is one of the words a whole word starting at index i? */
static bool nl_word_at(const struct nl_text *t, ptrdiff_t i,
		       const char *const *words, ptrdiff_t *end)
{
	for (; *words; words++)
		if (nl_spells(t, i, *words, end) &&
		    !utf8_is_letter(nl_at(t, *end)))
			return true;
	return false;
}

/* Is one of the labels a whole word ending just before index i? */
static bool nl_word_before(const struct nl_text *t, ptrdiff_t i,
			   const char *const *labels)
{
	for (; *labels; labels++) {
		ptrdiff_t start = i - nl_cp_count(*labels), end;
		if (nl_spells(t, start, *labels, &end) &&
		    !utf8_is_letter(nl_at(t, start - 1)) &&
		    !utf8_is_digit(nl_at(t, start - 1)))
			return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Quotes and apostrophes                                               */

/* 's, 't, 'n, '80: a word that lost its start. Taalunie: the apostrophe
 * of an elision is ’ also at the start of a word ('s-Gravenhage). */
static bool nl_is_elision(const struct nl_text *t, ptrdiff_t i)
{
	uint32_t c = nl_at(t, i), next = nl_at(t, i + 1);
	if ((c == 's' || c == 't' || c == 'n') && !utf8_is_letter(next) &&
	    !utf8_is_digit(next))
		return true;
	return utf8_is_digit(c) && utf8_is_digit(next) &&
	       !utf8_is_digit(nl_at(t, i + 2)) && !utf8_is_letter(nl_at(t, i + 2));
}

/* ' and ": "before" is what was set just before (a quote already
 * turned). Taalunie: quotes open with ‘ or “ and close with ’ or ”. */
static const char *nl_quote(const struct nl_text *t, ptrdiff_t i,
			    uint32_t before)
{
	uint32_t cp = t->c[i].cp;
	bool opens = nl_opens_after(before);
	if (cp == '"')
		return opens ? NL_LDQUO : NL_RDQUO;
	assert(cp == '\'');
	if (opens && !nl_is_elision(t, i + 1))
		return NL_LSQUO;
	return NL_RSQUO; /* closing, inside a word (auto's), or an elision */
}

/* ------------------------------------------------------------------ */
/* Dashes                                                               */

/* " - " between words: a dash for an aside (Taalunie: gedachtestreepje). */
static bool utf8_is_spaced_dash(const struct nl_text *t, ptrdiff_t i)
{
	uint32_t b1 = nl_at(t, i - 1), a1 = nl_at(t, i + 1);
	if ((b1 != ' ' && b1 != 0xA0) || (a1 != ' ' && a1 != 0xA0))
		return false;
	uint32_t b2 = nl_at(t, i - 2), a2 = nl_at(t, i + 2);
	bool word_before = b2 != 0 && !utf8_is_space(b2) && !nl_is_dash(b2);
	bool word_after = i + 2 >= t->n || (!utf8_is_space(a2) && !nl_is_dash(a2));
	return word_before && word_after;
}

/* A number that is glued to what is next to it: a letter (F-35), another
 * part of a date or code (2025-12-03, 1/2), a decimal part (9.00-12.00). */
static bool nl_glued(uint32_t next, uint32_t beyond)
{
	if (utf8_is_letter(next) || nl_is_dash(next) || next == '/' ||
	    next == '+' || next == '_')
		return true;
	return (next == '.' || next == ',' || next == ':') &&
	       utf8_is_digit(beyond);
}

/* The hyphen at i between two numbers of 1 to 4 digits: a range
 * (2023-2025, 24-25 juni), set with an en dash (Taalunie: van-totstreepje).
 * Not: ISO dates, phone numbers (a leading 0), codes (F-35), and the
 * numbers of parliamentary papers (Kamerstuk 21 501-20). */
static bool nl_is_number_range(const struct nl_text *t, ptrdiff_t i)
{
	ptrdiff_t s = i - 1, e = i + 1;
	if (!utf8_is_digit(nl_at(t, s)) || !utf8_is_digit(nl_at(t, e)))
		return false;
	while (utf8_is_digit(nl_at(t, s - 1)))
		s--;
	while (e < t->n && utf8_is_digit(nl_at(t, e)))
		e++;
	if (s < 0)
		return false; /* the number began in an earlier run */
	ptrdiff_t len1 = i - s, len2 = e - (i + 1);
	if (len1 > 4 || len2 > 4)
		return false;
	if ((len1 > 1 && nl_at(t, s) == '0') ||
	    (len2 > 1 && nl_at(t, i + 1) == '0'))
		return false;
	uint32_t before = nl_at(t, s - 1);
	if (nl_glued(before, nl_at(t, s - 2)) || before == '.' ||
	    before == ',')
		return false;
	if ((before == ' ' || before == 0xA0) && utf8_is_digit(nl_at(t, s - 2)))
		return false; /* 21 501-20: one number in groups */
	return !nl_glued(nl_at(t, e), nl_at(t, e + 1));
}

static const char *nl_hyphen(const struct nl_text *t, ptrdiff_t i)
{
	if (utf8_is_spaced_dash(t, i) || nl_is_number_range(t, i))
		return NL_EN_DASH;
	return NULL;
}

/* ------------------------------------------------------------------ */
/* No-break spaces                                                      */

/* Words after a number that a line break must not cut off from it.
 * Taalunie: a number and its unit or currency stay on one line. */
static const char *const nl_units[] = {
	"mln", "mld", "mrd", "miljoen", "miljard", "biljoen", "duizend",
	"procent", "euro", "%",
	"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december",
	NULL,
};

/* Labels that a line break must not cut off from the number after them. */
static const char *const nl_labels[] = {
	"EUR", "USD", "€", "$", "nr.", "nrs.", "art.", "artikel", "blz.",
	"pag.", NULL,
};

/* Particles between initials and a surname: "J. van der Berg". */
static const char *const nl_particles[] = {
	"van", "de", "den", "der", "ter", "ten", "te", "het", NULL,
};

/* Initials (one or more "X.") right before the space at i, and a surname
 * after it (C.C.J. Veldkamp, J. van der Berg). */
static bool nl_is_after_initials(const struct nl_text *t, ptrdiff_t i)
{
	ptrdiff_t j = i - 1;
	int initials = 0;
	while (nl_at(t, j) == '.' && utf8_is_latin1_upper(nl_at(t, j - 1))) {
		j -= 2;
		initials++;
	}
	uint32_t before = nl_at(t, j);
	if (initials == 0 ||
	    !(before == 0 || utf8_is_space(before) || before == '(' ||
	      before == 0x2018 || before == 0x201C))
		return false;
	ptrdiff_t k = i + 1, end;
	while (nl_word_at(t, k, nl_particles, &end) && nl_at(t, end) == ' ')
		k = end + 1;
	return utf8_is_latin1_upper(nl_at(t, k));
}

/* "3 december" right before the space at i, and a year after it: the
 * whole date stays on one line (3 december 2025). */
static bool nl_is_date_before_year(const struct nl_text *t, ptrdiff_t i)
{
	if (!utf8_is_digit(nl_at(t, i + 1)))
		return false;
	for (const char *const *m = nl_units; *m; m++) {
		ptrdiff_t start = i - nl_cp_count(*m), end;
		if (utf8_is_letter((*m)[0]) && nl_spells(t, start, *m, &end) &&
		    utf8_is_space(nl_at(t, start - 1)) &&
		    utf8_is_digit(nl_at(t, start - 2)))
			return true;
	}
	return false;
}

/* A day: one or two digits with no digit or letter before them; the
 * index of its first digit, or -1. */
static ptrdiff_t nl_day_before(const struct nl_text *t, ptrdiff_t i)
{
	ptrdiff_t s = i;
	while (s > i - 2 && utf8_is_digit(nl_at(t, s - 1)))
		s--;
	if (s == i || utf8_is_digit(nl_at(t, s - 1)) ||
	    utf8_is_letter(nl_at(t, s - 1)))
		return -1;
	return s;
}

/* A day at i (one or two digits) and then a month: "4 december". */
static bool nl_day_month_at(const struct nl_text *t, ptrdiff_t i)
{
	ptrdiff_t e = i, end;
	while (e < i + 2 && utf8_is_digit(nl_at(t, e)))
		e++;
	if (e == i || utf8_is_digit(nl_at(t, e)) || !utf8_is_space(nl_at(t, e)))
		return false;
	static const char *const months[] = {
		"januari", "februari", "maart", "april", "mei", "juni", "juli",
		"augustus", "september", "oktober", "november", "december",
		NULL,
	};
	return nl_word_at(t, e + 1, months, &end);
}

/* Two days of one month: "3 en 4 december", "14 en 15 mei". Either space
 * around "en" stays: a date is one unit (Taalunie: a date is not split
 * over two lines). */
static bool nl_is_in_day_pair(const struct nl_text *t, ptrdiff_t i)
{
	ptrdiff_t end;
	static const char *const en[] = { "en", NULL };
	if (nl_day_before(t, i) >= 0 && nl_word_at(t, i + 1, en, &end) &&
	    utf8_is_space(nl_at(t, end)) && nl_day_month_at(t, end + 1))
		return true; /* 3 |en 4 december */
	return nl_at(t, i - 1) == 'n' && nl_at(t, i - 2) == 'e' &&
	       utf8_is_space(nl_at(t, i - 3)) &&
	       nl_day_before(t, i - 3) >= 0 && nl_day_month_at(t, i + 1);
}

/* A word of capitals only, two or more (EU, HV, NAVO), ending just
 * before i or starting just after it. */
static bool nl_capitals_before(const struct nl_text *t, ptrdiff_t i)
{
	ptrdiff_t s = i;
	while (utf8_is_latin1_upper(nl_at(t, s - 1)))
		s--;
	return i - s >= 2 && !utf8_is_letter(nl_at(t, s - 1));
}

static bool nl_capitals_after(const struct nl_text *t, ptrdiff_t i)
{
	ptrdiff_t e = i + 1;
	while (e < t->n && utf8_is_latin1_upper(nl_at(t, e)))
		e++;
	return e - (i + 1) >= 2 && !utf8_is_letter(nl_at(t, e));
}

static bool nl_is_unbreakable_space(const struct nl_text *t, ptrdiff_t i)
{
	ptrdiff_t end;
	if (nl_is_in_day_pair(t, i))
		return true; /* 3 en 4 december */
	if (nl_capitals_before(t, i) && nl_capitals_after(t, i))
		return true; /* EU HV: one abbreviation of two parts */
	if (nl_is_date_before_year(t, i))
		return true; /* 3 december 2025 */
	if (utf8_is_digit(nl_at(t, i - 1)) &&
	    nl_word_at(t, i + 1, nl_units, &end))
		return true; /* 500 mln., 3 december, 5 % */
	if (utf8_is_digit(nl_at(t, i + 1)) && nl_word_before(t, i, nl_labels))
		return true; /* EUR 500, nr. 499 */
	return nl_is_after_initials(t, i);
}

/* ------------------------------------------------------------------ */

/* Scratch of 16 bytes a byte of text, freed by the caller: kept in
 * the document's arena it was a fifth of a long report's memory. */
static struct nl_text nl_decode(const char *utf8, uint32_t prev)
{
	size_t cap = strlen(utf8) + 1;
	struct nl_char *c = xrealloc_array(NULL, cap, sizeof *c);
	ptrdiff_t n = 0;
	for (const char *p = utf8; *p; n++) {
		c[n].src = p;
		c[n].len = utf8_decode(p, UTF8_TO_NUL, &c[n].cp);
		p += c[n].len;
	}
	return (struct nl_text){ c, n, prev };
}

static uint32_t nl_first_cp(const char *s)
{
	uint32_t cp;
	utf8_decode(s, UTF8_TO_NUL, &cp);
	return cp;
}

char *nl_smarten(struct arena *a, const char *utf8, uint32_t prev)
{
	assert(a && utf8);
	struct nl_text t = nl_decode(utf8, prev);
	struct strbuf out = STRBUF_INIT;
	uint32_t set_before = prev; /* the last character as set */
	for (ptrdiff_t i = 0; i < t.n; i++) {
		uint32_t cp = t.c[i].cp;
		const char *repl = NULL;
		if (cp == '\'' || cp == '"')
			repl = nl_quote(&t, i, set_before);
		else if (cp == '-')
			repl = nl_hyphen(&t, i);
		else if (cp == ' ' && nl_is_unbreakable_space(&t, i))
			repl = NL_NBSP;
		if (repl) {
			strbuf_adds(&out, repl);
			set_before = nl_first_cp(repl);
		} else {
			strbuf_add(&out, t.c[i].src, t.c[i].len);
			set_before = cp;
		}
	}
	free(t.c);
	return strbuf_finish(&out, a);
}

/* ------------------------------------------------------------------ */
/* Dates                                                                */

static const char *const nl_month_names[12] = {
	"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december",
};

/* Sunday first, as nl_weekday's arithmetic counts. */
static const char *const nl_weekday_names[7] = {
	"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
	"zaterdag",
};

static bool nl_is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int nl_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };
	return m == 2 && nl_is_leap_year(y) ? 29 : days[m - 1];
}

static void nl_assert_date(struct date d)
{
	assert(d.month >= 1 && d.month <= 12);
	assert(d.day >= 1 && d.day <= nl_days_in_month(d.year, d.month));
	(void)d;
}

const char *nl_month(int month)
{
	assert(month >= 1 && month <= 12);
	return nl_month_names[month - 1];
}

/* Sakamoto's method: the day of the week in the Gregorian calendar. */
const char *nl_weekday(struct date d)
{
	static const int offset[12] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	nl_assert_date(d);
	int y = d.month < 3 ? d.year - 1 : d.year;
	/* floor division, so that years before 1 stay right */
	int q4 = y >= 0 ? y / 4 : -((-y + 3) / 4);
	int q100 = y >= 0 ? y / 100 : -((-y + 99) / 100);
	int q400 = y >= 0 ? y / 400 : -((-y + 399) / 400);
	int w = (y + q4 - q100 + q400 + offset[d.month - 1] + d.day) % 7;
	return nl_weekday_names[(w + 7) % 7];
}

char *nl_date(struct arena *a, struct date d)
{
	nl_assert_date(d);
	return arena_printf(a, "%d %s %d", d.day, nl_month(d.month), d.year);
}

char *nl_date_weekday(struct arena *a, struct date d)
{
	return arena_printf(a, "%s %s", nl_weekday(d), nl_date(a, d));
}

static bool nl_date_equal(struct date x, struct date y)
{
	return x.year == y.year && x.month == y.month && x.day == y.day;
}

static struct date nl_next_day(struct date d)
{
	if (d.day < nl_days_in_month(d.year, d.month)) {
		d.day++;
	} else if (d.month < 12) {
		d.day = 1;
		d.month++;
	} else {
		d.day = 1;
		d.month = 1;
		d.year++;
	}
	return d;
}

char *nl_date_span(struct arena *a, const struct date *dates, int n)
{
	assert(dates && (n == 1 || n == 2));
	struct date from = dates[0], to = dates[n - 1];
	nl_assert_date(from);
	nl_assert_date(to);
	if (n == 1 || nl_date_equal(from, to))
		return nl_date(a, from);
	/* Two days in a row: "en"; a longer meeting: "tot en met". */
	const char *joint = nl_date_equal(nl_next_day(from), to) ?
				    "en" : "tot en met";
	if (from.year != to.year)
		return arena_printf(a, "%s %s %s", nl_date(a, from), joint,
				    nl_date(a, to));
	if (from.month != to.month)
		return arena_printf(a, "%d %s %s %s", from.day,
				    nl_month(from.month), joint,
				    nl_date(a, to));
	return arena_printf(a, "%d %s %s", from.day, joint, nl_date(a, to));
}

char *nl_date_range(struct arena *a, struct date from, struct date to)
{
	nl_assert_date(from);
	nl_assert_date(to);
	if (nl_date_equal(from, to))
		return nl_date(a, from);
	/* Taalunie: an en dash for "tot en met", unspaced between plain
	 * numbers (24–25 juni), spaced between longer parts. */
	if (from.year != to.year)
		return arena_printf(a, "%s " NL_EN_DASH " %s", nl_date(a, from),
				    nl_date(a, to));
	if (from.month != to.month)
		return arena_printf(a, "%d %s " NL_EN_DASH " %s", from.day,
				    nl_month(from.month), nl_date(a, to));
	return arena_printf(a, "%d" NL_EN_DASH "%s", from.day, nl_date(a, to));
}

/* ------------------------------------------------------------------ */
/* Numbers                                                              */

/* Adds one to a string of decimal digits, in place or one longer. */
static void nl_digits_increment(struct strbuf *digits)
{
	for (size_t i = digits->len; i-- > 0;) {
		if (digits->buf[i] != '9') {
			digits->buf[i]++;
			return;
		}
		digits->buf[i] = '0';
	}
	struct strbuf grown = STRBUF_INIT;
	strbuf_addc(&grown, '1');
	strbuf_add(&grown, digits->buf, digits->len);
	strbuf_release(digits);
	*digits = grown;
}

/*
 * |v| × 10^decimals rounded half away from zero, as decimal digits. The
 * rounding is done on the 15 significant digits a double holds of what was
 * written, so 1.005 rounds to 1.01 as a reader expects.
 */
static void nl_scaled_digits(struct arena *a, double v, int decimals,
			     struct strbuf *digits)
{
	const char *e = arena_printf(a, "%.14e", fabs(v)); /* d.dddde±x */
	int exponent = atoi(strchr(e, 'e') + 1);
	strbuf_addc(digits, e[0]);
	strbuf_add(digits, e + 2, 14);
	long shift = (long)exponent - 14 + decimals; /* digits × 10^shift */
	if (shift >= 0) {
		for (long k = 0; k < shift; k++)
			strbuf_addc(digits, '0');
		return;
	}
	size_t drop = (size_t)-shift;
	if (drop > digits->len) {
		strbuf_reset(digits);
		strbuf_addc(digits, '0');
		return;
	}
	size_t keep = digits->len - drop;
	bool round_up = digits->buf[keep] >= '5';
	digits->len = keep;
	digits->buf[keep] = '\0';
	if (keep == 0)
		strbuf_addc(digits, '0');
	if (round_up)
		nl_digits_increment(digits);
}

char *nl_number(struct arena *a, double v, int decimals)
{
	assert(isfinite(v));
	assert(decimals >= 0 && decimals <= 15);
	struct strbuf digits = STRBUF_INIT;
	nl_scaled_digits(a, v, decimals, &digits);
	const char *d = strbuf_str(&digits);
	while (d[0] == '0' && d[1] != '\0')
		d++;
	size_t len = strlen(d);
	bool zero = len == 1 && d[0] == '0';

	struct strbuf out = STRBUF_INIT;
	if (v < 0 && !zero)
		strbuf_adds(&out, NL_MINUS); /* a real minus, never "-0" */
	/* Pad to at least one integer digit: 0,05. */
	struct strbuf padded = STRBUF_INIT;
	for (size_t k = len; k <= (size_t)decimals; k++)
		strbuf_addc(&padded, '0');
	strbuf_adds(&padded, d);
	size_t int_len = padded.len - (size_t)decimals;
	/* Taalunie: a point between groups of three digits, a decimal comma. */
	for (size_t k = 0; k < int_len; k++) {
		if (k > 0 && (int_len - k) % 3 == 0)
			strbuf_addc(&out, '.');
		strbuf_addc(&out, padded.buf[k]);
	}
	if (decimals > 0) {
		strbuf_addc(&out, ',');
		strbuf_add(&out, padded.buf + int_len, (size_t)decimals);
	}
	strbuf_release(&padded);
	strbuf_release(&digits);
	return strbuf_finish(&out, a);
}

/* ------------------------------------------------------------------ */
/* Amounts in charts                                                    */

double nl_amount_scale(enum chart_unit unit, double max_abs)
{
	if (unit == UNIT_PERCENT)
		return 1;
	if (max_abs >= 1e9)
		return 1e9;
	if (max_abs >= 1e6)
		return 1e6;
	return 1;
}

const char *nl_scale_word(double scale)
{
	/* Woordenlijst: "mld." and "mln." with a point, no capital. */
	return scale >= 1e9 ? "mld." : scale >= 1e6 ? "mln." : "";
}

int nl_decimals(double v, int max)
{
	assert(isfinite(v) && max >= 0);
	for (int d = 0; d < max; d++) {
		double f = pow(10, d);
		if (fabs(v * f - round(v * f)) < 1e-9 * (fabs(v * f) + 1))
			return d;
	}
	return max;
}

char *nl_amount(struct arena *a, double v, enum chart_unit unit, double scale,
		int decimals)
{
	assert(scale > 0);
	const char *num = nl_number(a, v / scale, decimals);
	const char *word = nl_scale_word(scale);
	switch (unit) {
	case UNIT_EUR:
		return arena_printf(a, "\xE2\x82\xAC" NL_NBSP "%s%s%s", num,
				    *word ? NL_NBSP : "", word);
	case UNIT_PERCENT:
		/* FORMAT.md writes 3,5% without a space. */
		return arena_printf(a, "%s%%", num);
	case UNIT_COUNT:
		return arena_printf(a, "%s%s%s", num, *word ? NL_NBSP : "", word);
	}
	return arena_strdup(a, num);
}

const char *nl_unit_caption(enum chart_unit unit, double scale)
{
	switch (unit) {
	case UNIT_EUR:
		return scale >= 1e9 ? "Bedragen in miljarden euro" :
		       scale >= 1e6 ? "Bedragen in miljoenen euro" :
				      "Bedragen in euro";
	case UNIT_PERCENT:
		return "Percentages";
	case UNIT_COUNT:
		return scale >= 1e6 ? "Aantallen in miljoenen" : "Aantallen";
	}
	return "";
}

/* Amounts in running text: the chart's rules, the scale chosen for the
 * amount itself, at most one decimal. */
char *nl_euro(struct arena *a, double euros)
{
	assert(isfinite(euros));
	double scale = nl_amount_scale(UNIT_EUR, fabs(euros));
	int decimals = scale > 1 ? nl_decimals(euros / scale, 1) : 0;
	return nl_amount(a, euros, UNIT_EUR, scale, decimals);
}

char *nl_percent(struct arena *a, double v, int decimals)
{
	return nl_amount(a, v, UNIT_PERCENT, 1, decimals);
}

/* A word elided at its start and what follows it: ’s, ’t, ’n or ’k and
 * a space or hyphen (’s avonds, ’s-Gravenhage), the apostrophe curly or
 * still straight. Its length, or 0. */
static ptrdiff_t nl_elided_word(const struct nl_text *t, ptrdiff_t i)
{
	uint32_t ap = nl_at(t, i), c = nl_at(t, i + 1), sep = nl_at(t, i + 2);
	bool elided = c == 's' || c == 't' || c == 'n' || c == 'k';
	if ((ap == '\'' || ap == 0x2019) && elided &&
	    (sep == ' ' || sep == 0xA0 || sep == '-'))
		return 3;
	return 0;
}

/* What a text may open with before its first word: quotes, brackets. */
static bool nl_is_opening(uint32_t cp)
{
	return cp == '\'' || cp == '"' || nl_is_opening_mark(cp);
}

char *nl_capitalize(struct arena *a, const char *utf8)
{
	assert(utf8);
	struct nl_text t = nl_decode(utf8, 0);
	/* A text that opens with an elided word takes its capital on the
	 * next one: ’s Avonds, ’t Is (Onze Taal, taaladvies ’s avonds). */
	ptrdiff_t i = 0, skip;
	for (;;) {
		if ((skip = nl_elided_word(&t, i)) > 0)
			i += skip;
		else if (i < t.n && nl_is_opening(t.c[i].cp))
			i++;
		else
			break;
	}
	if (i >= t.n || !utf8_is_letter(t.c[i].cp)) {
		free(t.c);
		return arena_strdup(a, utf8); /* 3 december stays as it is */
	}
	struct strbuf out = STRBUF_INIT;
	strbuf_add(&out, utf8, (size_t)(t.c[i].src - utf8));
	uint32_t c = t.c[i].cp, next = nl_at(&t, i + 1);
	size_t done = t.c[i].len;
	if ((c == 'i' || c == 'I') && (next == 'j' || next == 'J')) {
		/* Woordenlijst: IJsland, IJmuiden; the digraph ij is one
		 * letter and takes its capital as one. */
		strbuf_adds(&out, "IJ");
		done += t.c[i + 1].len;
	} else {
		/* Unicode's title case: ĳ → Ĳ, ł → Ł, ǆ → ǅ, σ → Σ. */
		char buf[4];
		strbuf_add(&out, buf, utf8_encode(g_unichar_totitle(c), buf));
	}
	strbuf_adds(&out, t.c[i].src + done);
	free(t.c);
	return strbuf_finish(&out, a);
}
