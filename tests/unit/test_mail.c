/*
 * test_mail.c — the words of a mail: encoded headers, dates, subject, body.
 *
 * Input: titles and names as they stand in meeting files (accents, long
 * titles, line breaks) and small documents made in memory. Output checked:
 * the exact header text (RFC 2047 encoded-words, split between whole
 * characters), the RFC 5322 date, the subject with a classification, and
 * the lines of the Dutch body. Then the address rule (RFC 5321, see
 * mail_address.h) as a table of good and bad addresses, each bad one with
 * the exact reason a policy officer reads, and the --dry-run file names.
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
#include "mail_address.h"

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

static const struct mail_words WORDS = {
	.signer = "Ministerie van Buitenlandse Zaken",
	.address = "bz@example.nl",
};

/* Salutation and closing from the layout, signer and contact line from
 * the data's 'sender'. */
static void test_body_names_meeting_and_contents(void **state)
{
	struct document *d = small_doc(*state);
	d->classification.src = "Departementaal vertrouwelijk";
	d->sender.name.src = "Directie Veiligheidsbeleid";
	d->sender.email.src = "dvb@example.nl";
	d->sender.contact.src = "Vragen: DVB, 070 348 6486";
	struct recipient to = { .name.src = "Directie Veiligheidsbeleid" };
	struct mail_words w = mail_words_of(*state, d, "Geachte heer, mevrouw,",
					    "Met vriendelijke groet,",
					    "bz@example.nl");
	char *body = mail_body(*state, d, &to, &w, "fmm-2025-12.pdf", 35982);
	assert_string_equal(body,
		"Geachte heer, mevrouw,\r\n"
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
		"Met vriendelijke groet,\r\n"
		"\r\n"
		"Directie Veiligheidsbeleid\r\n"
		"\r\n"
		"Vragen: DVB, 070 348 6486\r\n"
		"Dit bericht is automatisch verstuurd door dossier.\r\n");
}

/* No 'sender': the author signs, the --from address is the contact, and a
 * layout without salutation or closing gets none. */
static void test_body_without_sender_is_signed_by_the_author(void **state)
{
	struct document *d = small_doc(*state);
	d->author.src = "Ministerie van Defensie";
	struct recipient to = { .name.src = "X" };
	struct mail_words w =
		mail_words_of(*state, d, NULL, NULL, "dossier@example.nl");
	char *body = mail_body(*state, d, &to, &w, "x.pdf", 2500);
	assert_true(strncmp(body, "Hierbij ontvangt u: ", 20) == 0);
	const char *end = strstr(body, "Bijlage: x.pdf (PDF, ");
	assert_non_null(end);
	end = strstr(end, "\r\n\r\n");
	assert_non_null(end);
	assert_string_equal(end + 4,
			    "Ministerie van Defensie\r\n"
			    "\r\n"
			    "Vragen over dit bericht: Ministerie van Defensie, "
			    "dossier@example.nl\r\n"
			    "Dit bericht is automatisch verstuurd door "
			    "dossier.\r\n");
}

/* "informele" once: before a name that does not say so, not again
 * before one that does. */
static void test_body_says_informal_once(void **state)
{
	struct document *d = small_doc(*state);
	struct recipient to = { .name.src = "X" };
	d->meeting.informal = true;
	char *body = mail_body(*state, d, &to, &WORDS, "x.pdf", 2500);
	assert_non_null(strstr(body, "\r\nVergadering: informele NAVO "
				     "Foreign Ministers Meeting\r\n"));
	d->meeting.name.src = "Informele NAVO-ministersbijeenkomst";
	body = mail_body(*state, d, &to, &WORDS, "x.pdf", 2500);
	assert_non_null(strstr(body, "\r\nVergadering: Informele "
				     "NAVO-ministersbijeenkomst\r\n"));
}

static void test_body_writes_two_days_as_a_span(void **state)
{
	struct document *d = small_doc(*state);
	d->meeting.dates[1] = (struct date){ 2025, 12, 4 };
	d->meeting.n_dates = 2;
	struct recipient to = { .name.src = "X" };
	char *body = mail_body(*state, d, &to, &WORDS, "x.pdf", 2500000);
	assert_non_null(strstr(body, "\r\nDatum: 3 en 4 december 2025\r\n"));
	assert_non_null(strstr(body, "(PDF, 2,5 MB)"));
}

/* ---- addresses ---- */

static const char *repeat(struct arena *a, char c, size_t n)
{
	char *s = arena_alloc(a, n + 1);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void test_addresses_rfc5321_accepts(void **state)
{
	struct arena *a = *state;
	const char *l63 = repeat(a, 'd', 63);
	const char *good[] = {
		"commissie.bz@example.nl",
		"a@b.nl",
		"o'brien@example.ie",
		"first.last+tag@sub.example.co.uk",
		"a/b@example.nl", /* '/' is atext: the .eml name must cope */
		"!#$%&'*+-/=?^_`{|}~@example.nl",
		"Jan.Smit@Example.NL",
		"x@xn--oekrane-zza.example",
		"x@123.example.nl",
		"x@a-b--c.example.nl",
		arena_printf(a, "%s@example.nl", repeat(a, 'l', 64)),
		/* 254 in all: 1 + @ + 63.63.63.60 */
		arena_printf(a, "x@%s.%s.%s.%s", l63, l63, l63,
			     repeat(a, 'e', 60)),
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		const char *why = mail_address_problem(a, good[i]);
		if (why)
			fail_msg("%s: %s", good[i], why);
	}
}

static void test_addresses_rfc5321_refuses_with_reason(void **state)
{
	struct arena *a = *state;
	const char *l63 = repeat(a, 'd', 63);
	const char *local_chars = "which is not allowed there (only letters, "
				  "digits, dots and ! # $ % & ' * + - / = ? "
				  "^ _ ` { | } ~ are)";
	const char *domain_chars = "which a domain cannot have (only letters, "
				   "digits, hyphens and dots)";
	const char *ascii = "only addresses in plain ASCII can be sent to "
			    "(dossier does not use SMTPUTF8); write a domain "
			    "in its xn-- form";
	const struct { const char *address, *why; } bad[] = {
		{ "", "it is empty" },
		{ "commissie.example.nl", "there is no @ in it" },
		{ "a@b@example.nl", "it has more than one @" },
		{ "@example.nl", "there is nothing before the @" },
		{ "a@", "there is nothing after the @" },
		{ arena_printf(a, "%s@example.nl", repeat(a, 'l', 65)),
		  "the part before the @ is 65 characters long; at most 64 "
		  "are allowed" },
		{ arena_printf(a, "%s@example.nl", repeat(a, 'l', 2000)),
		  "the part before the @ is 2000 characters long; at most 64 "
		  "are allowed" },
		{ "(comment)a@example.nl",
		  arena_printf(a, "the part before the @ has '(', %s",
			       local_chars) },
		{ "a@example.nl(comment)",
		  arena_printf(a, "the domain after the @ has '(', %s",
			       domain_chars) },
		{ "a\\@example.nl",
		  arena_printf(a, "the part before the @ has '\\', %s",
			       local_chars) },
		{ "\"ab\"@example.nl",
		  arena_printf(a, "the part before the @ has '\"', %s",
			       local_chars) },
		{ "<a@example.nl>",
		  arena_printf(a, "the part before the @ has '<', %s",
			       local_chars) },
		{ "a,b@example.nl",
		  arena_printf(a, "the part before the @ has ',', %s",
			       local_chars) },
		{ "\"a b\"@example.nl", "it has a space" },
		{ "a b@example.nl", "it has a space" },
		{ "a\tb@example.nl", "it has the control character U+0009" },
		{ "a@example.nl\r\nBcc: x@example.nl",
		  "it has the control character U+000D" },
		{ "a@example.nl\x7f", "it has the control character U+007F" },
		{ "a@example.nl\xe2\x80\xa8",
		  arena_printf(a, "it has the invisible character U+2028; %s",
			       ascii) },
		{ "a\xc2\xa0@example.nl",
		  arena_printf(a, "it has the invisible character U+00A0; %s",
			       ascii) },
		{ "jo\xc3\xabl@example.nl",
		  arena_printf(a, "it has the character '\xc3\xab' (U+00EB); "
			       "%s", ascii) },
		{ "a@oekra\xc3\xafne.example",
		  arena_printf(a, "it has the character '\xc3\xaf' (U+00EF); "
			       "%s", ascii) },
		{ "\xff@example.nl", "it is not valid UTF-8" },
		{ "a@exa/mple.nl",
		  arena_printf(a, "the domain after the @ has '/', %s",
			       domain_chars) },
		{ "a@../../etc/passwd",
		  arena_printf(a, "the domain after the @ has '/', %s",
			       domain_chars) },
		{ "a@exa_mple.nl",
		  arena_printf(a, "the domain after the @ has '_', %s",
			       domain_chars) },
		{ "a@example.nl>",
		  arena_printf(a, "the domain after the @ has '>', %s",
			       domain_chars) },
		{ "a@example..nl", "the domain after the @ has two dots in a "
				   "row" },
		{ "a@.example.nl", "the domain after the @ starts with a dot" },
		{ "a@example.nl.", "the domain after the @ ends with a dot" },
		{ ".a@example.nl", "the part before the @ starts with a dot" },
		{ "a.@example.nl", "the part before the @ ends with a dot" },
		{ "a..b@example.nl", "the part before the @ has two dots in a "
				     "row" },
		{ "a@localhost", "the domain after the @ has no dot; write it "
				 "in full, such as example.nl" },
		{ "a@[192.0.2.1]", "an address literal such as [192.0.2.1] is "
				   "not accepted after the @; write the domain "
				   "name" },
		{ "a@-example.nl", "a part of the domain after the @ starts or "
				   "ends with a hyphen" },
		{ "a@example-.nl", "a part of the domain after the @ starts or "
				   "ends with a hyphen" },
		{ arena_printf(a, "a@%s.nl", repeat(a, 'd', 64)),
		  "the domain after the @ has a part of 64 characters between "
		  "dots; at most 63 are allowed" },
		/* a domain of 255 is one, but not in an address */
		{ arena_printf(a, "a@%s.%s.%s.%s", l63, l63, l63, l63),
		  "it is 257 characters long; at most 254 are allowed" },
		{ arena_printf(a, "a@%s.%s.%s.%s.e", l63, l63, l63, l63),
		  "the domain after the @ is 257 characters long; at most 255 "
		  "are allowed" },
		/* 255 in all: a path of 257 octets with its <> */
		{ arena_printf(a, "xy@%s.%s.%s.%s", l63, l63, l63,
			       repeat(a, 'e', 60)),
		  "it is 255 characters long; at most 254 are allowed" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *why = mail_address_problem(a, bad[i].address);
		if (!why || strcmp(why, bad[i].why))
			fail_msg("%.80s:\n  got  %s\n  want %s", bad[i].address,
				 why ? why : "(accepted)", bad[i].why);
	}
}

/* ---- --dry-run file names ---- */

static void test_eml_name_plain_address_as_written(void **state)
{
	assert_string_equal(mail_eml_name(*state, "fmm-2025-12",
					  "commissie.bz@example.nl"),
			    "fmm-2025-12--commissie.bz@example.nl.eml");
}

static void test_eml_name_slash_and_capitals_get_a_hash(void **state)
{
	assert_string_equal(mail_eml_name(*state, "fmm-2025-12",
					  "a/b@example.nl"),
			    "fmm-2025-12--a_b@example.nl=e4daabad708645a5362001"
			    "eda368f6a9efcc23edd79ff397806cc8bd210951aa.eml");
	assert_string_equal(mail_eml_name(*state, "fmm-2025-12",
					  "Jan.Smit@Example.NL"),
			    "fmm-2025-12--jan.smit@example.nl=51d001c8392fff97a"
			    "29d5f6ff88cebfffab65984c199d35a3ea276cc7431e55e"
			    ".eml");
}

/* No separator, at most 255 bytes, the same twice, and no two pairs on
 * one name even where a file system ignores case. */
static void test_eml_names_safe_bounded_distinct(void **state)
{
	struct arena *a = *state;
	const char *long_id = repeat(a, 'i', 251);
	const char *longest = arena_printf(a, "%s@%s.nl", repeat(a, 'l', 64),
					   repeat(a, 'd', 63));
	const char *pairs[][2] = {
		{ "a", "b--c@x.nl" },      { "a--b", "c@x.nl" },
		{ "a-", "-b@x.nl" },       { "a", "--b@x.nl" },
		{ "fmm", "A@x.nl" },       { "fmm", "a@x.nl" },
		{ "fmm", "a_b@x.nl" },     { "fmm", "a/b@x.nl" },
		{ "fmm", "a=b@x.nl" },     { "fmm", "a|b@x.nl" },
		{ "fmm", "../../x@x.nl" }, { "fmm", "a@x.nl=0" },
		{ long_id, longest },      { long_id, "a@x.nl" },
		{ "fmm", longest },
		{ "fmm", arena_printf(a, "%s@x.nl", repeat(a, 'l', 2000)) },
	};
	size_t n = sizeof pairs / sizeof *pairs;
	const char **names = arena_array(a, n, sizeof *names);
	for (size_t i = 0; i < n; i++) {
		names[i] = mail_eml_name(a, pairs[i][0], pairs[i][1]);
		assert_null(strchr(names[i], '/'));
		assert_true(strlen(names[i]) <= 255);
		assert_string_equal(names[i], mail_eml_name(a, pairs[i][0],
							    pairs[i][1]));
		for (size_t j = 0; j < i; j++)
			if (!g_ascii_strcasecmp(names[i], names[j]))
				fail_msg("%s and %s share %s", pairs[i][1],
					 pairs[j][1], names[i]);
	}
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
		T(test_body_without_sender_is_signed_by_the_author),
		T(test_body_says_informal_once),
		T(test_body_writes_two_days_as_a_span),
		T(test_addresses_rfc5321_accepts),
		T(test_addresses_rfc5321_refuses_with_reason),
		T(test_eml_name_plain_address_as_written),
		T(test_eml_name_slash_and_capitals_get_a_hash),
		T(test_eml_names_safe_bounded_distinct),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
