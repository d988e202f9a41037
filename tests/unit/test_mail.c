/*
 * test_mail.c — the words of a mail: encoded headers, dates, subject, body.
 *
 * Input: titles and names as they stand in meeting files (accents, long
 * titles, line breaks) and small documents made in memory. Output checked:
 * the exact header text (RFC 2047 encoded-words, split between whole
 * characters), the RFC 5322 date, the subject with a classification, and
 * the lines of the Dutch body.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "arena.h"
#include "mail.h"

static int setup(void **state)
{
	*state = arena_create();
	return 0;
}

static int teardown(void **state)
{
	arena_destroy(*state);
	return 0;
}

/* The text of a header value made of encoded-words, decoded again. */
static char *decode_words(struct arena *a, const char *v)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	while ((p = strstr(v, "=?UTF-8?B?"))) {
		p += strlen("=?UTF-8?B?");
		const char *end = strstr(p, "?=");
		assert_non_null(end);
		assert_true(end - p + 12 <= 75); /* RFC 2047 §2 */
		char *b64 = arena_strndup(a, p, (size_t)(end - p));
		gsize n;
		guchar *raw = g_base64_decode(b64, &n);
		assert_true(g_utf8_validate((const char *)raw, (gssize)n,
					    NULL));
		strbuf_add(&sb, (const char *)raw, n);
		g_free(raw);
		v = end + 2;
	}
	return strbuf_finish(&sb, a);
}

static void test_ascii_header_stays_as_written(void **state)
{
	assert_string_equal(mail_header_text(*state, "Verslag FMM"),
			    "Verslag FMM");
}

static void test_trema_becomes_encoded_word(void **state)
{
	assert_string_equal(mail_header_text(*state, "Steun aan Oekraïne"),
			    "=?UTF-8?B?U3RldW4gYWFuIE9la3Jhw69uZQ==?=");
}

static void test_long_title_splits_between_characters(void **state)
{
	const char *title = "Geannoteerde agenda NAVO Foreign Ministers "
			    "Meeting over de steun aan Oekraïne, Moldavië en "
			    "Georgië in Brussel";
	char *v = mail_header_text(*state, title);
	assert_non_null(strstr(v, "?=\r\n =?UTF-8?B?"));
	assert_string_equal(decode_words(*state, v), title);
}

static void test_line_break_in_header_becomes_space(void **state)
{
	char *v = mail_header_text(*state, "Oekraïne\r\nBcc: x@example.nl");
	assert_null(strstr(v, "\nBcc"));
	assert_string_equal(decode_words(*state, v),
			    "Oekraïne  Bcc: x@example.nl");
}

static void test_encoded_word_lookalike_is_encoded(void **state)
{
	char *v = mail_header_text(*state, "=?x?");
	assert_string_equal(decode_words(*state, v), "=?x?");
}

static void test_date_is_rfc5322_in_english(void **state)
{
	assert_string_equal(mail_date(*state, 1764000000),
			    "Mon, 24 Nov 2025 16:00:00 +0000");
}

static struct document *small_doc(struct arena *a)
{
	struct document *d = arena_alloc(a, sizeof *d);
	d->id = "fmm-2025-12";
	d->kind = DOC_GEANNOTEERDE_AGENDA;
	d->meeting.name.src = "NAVO Foreign Ministers Meeting";
	d->meeting.place.src = "Brussel";
	d->meeting.venue.src = "NAVO-hoofdkwartier";
	d->meeting.dates[0] = (struct date){ 2025, 12, 3 };
	d->meeting.n_dates = 1;
	d->sections = arena_array(a, 2, sizeof *d->sections);
	d->n_sections = 2;
	d->sections[0].heading.src = "Noord-Atlantische Raad";
	d->sections[0].level = 1;
	d->sections[1].heading.src = "Werklunch";
	d->sections[1].level = 1;
	d->sections[1].sections = arena_alloc(a, sizeof(struct section));
	d->sections[1].n_sections = 1;
	d->sections[1].sections[0].heading.src = "Oekraïne";
	d->sections[1].sections[0].level = 2;
	return d;
}

static void test_subject_is_the_made_title(void **state)
{
	assert_string_equal(mail_subject(*state, small_doc(*state)),
			    "Geannoteerde agenda NAVO Foreign Ministers Meeting "
			    "3 december 2025");
}

static void test_subject_names_the_classification(void **state)
{
	struct document *d = small_doc(*state);
	d->title.src = "Agenda";
	d->classification.src = "Departementaal vertrouwelijk";
	assert_string_equal(mail_subject(*state, d),
			    "[Departementaal vertrouwelijk] Agenda");
}

static void test_body_names_meeting_and_contents(void **state)
{
	struct document *d = small_doc(*state);
	d->classification.src = "Departementaal vertrouwelijk";
	struct recipient to = { .name.src = "Directie Veiligheidsbeleid" };
	char *body = mail_body(*state, d, &to, "fmm-2025-12.pdf", 35982);
	assert_string_equal(body,
		"Aan: Directie Veiligheidsbeleid\r\n"
		"\r\n"
		"Hierbij ontvangt u: Geannoteerde agenda NAVO Foreign "
		"Ministers Meeting 3 december 2025\r\n"
		"\r\n"
		"Vergadering: NAVO Foreign Ministers Meeting\r\n"
		"Datum: woensdag 3 december 2025\r\n"
		"Plaats: Brussel, NAVO-hoofdkwartier\r\n"
		"Rubricering: Departementaal vertrouwelijk\r\n"
		"\r\n"
		"Inhoud:\r\n"
		"  1 Noord-Atlantische Raad\r\n"
		"  2 Werklunch\r\n"
		"    2.1 Oekraïne\r\n"
		"\r\n"
		"Bijlage: fmm-2025-12.pdf (PDF, 36 kB)\r\n"
		"\r\n"
		"Ministerie van Buitenlandse Zaken\r\n");
}

/* "informele" once: before a name that does not say so, not again
 * before one that does. */
static void test_body_says_informal_once(void **state)
{
	struct document *d = small_doc(*state);
	struct recipient to = { .name.src = "X" };
	d->meeting.informal = true;
	char *body = mail_body(*state, d, &to, "x.pdf", 2500);
	assert_non_null(strstr(body, "\r\nVergadering: informele NAVO "
				     "Foreign Ministers Meeting\r\n"));
	d->meeting.name.src = "Informele NAVO-ministersbijeenkomst";
	body = mail_body(*state, d, &to, "x.pdf", 2500);
	assert_non_null(strstr(body, "\r\nVergadering: Informele "
				     "NAVO-ministersbijeenkomst\r\n"));
}

static void test_body_writes_two_days_as_a_span(void **state)
{
	struct document *d = small_doc(*state);
	d->meeting.dates[1] = (struct date){ 2025, 12, 4 };
	d->meeting.n_dates = 2;
	struct recipient to = { .name.src = "X" };
	char *body = mail_body(*state, d, &to, "x.pdf", 2500000);
	assert_non_null(strstr(body, "\r\nDatum: 3 en 4 december 2025\r\n"));
	assert_non_null(strstr(body, "(PDF, 2,5 MB)"));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_ascii_header_stays_as_written),
		T(test_trema_becomes_encoded_word),
		T(test_long_title_splits_between_characters),
		T(test_line_break_in_header_becomes_space),
		T(test_encoded_word_lookalike_is_encoded),
		T(test_date_is_rfc5322_in_english),
		T(test_subject_is_the_made_title),
		T(test_subject_names_the_classification),
		T(test_body_names_meeting_and_contents),
		T(test_body_says_informal_once),
		T(test_body_writes_two_days_as_a_span),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
