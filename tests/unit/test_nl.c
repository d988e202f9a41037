/*
 * test_nl.c — Dutch typography of running text, dates and numbers.
 *
 * Input: short runs of text as policy officers type them (straight quotes,
 * hyphens, plain spaces), dates and numbers. Output checked: the exact
 * string nl.c makes of them (NBSP, EN_DASH and the quotes spelled out in
 * UTF-8 below), and over a long text that only those characters change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "nl.h"

#define NBSP "\xC2\xA0"
#define EN_DASH "\xE2\x80\x93"
#define LSQUO "\xE2\x80\x98"
#define RSQUO "\xE2\x80\x99"
#define LDQUO "\xE2\x80\x9C"
#define RDQUO "\xE2\x80\x9D"
#define MINUS "\xE2\x88\x92"

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

static const char *smarten(void **state, const char *text)
{
	return nl_smarten(*state, text, 0);
}

static struct date day(int y, int m, int d)
{
	return (struct date){ y, m, d };
}

/* Quotes and apostrophes ---------------------------------------------- */

static void test_double_quotes_open_and_close(void **state)
{
	assert_string_equal(smarten(state, "Hij sprak van \"een keerpunt\"."),
			    "Hij sprak van " LDQUO "een keerpunt" RDQUO ".");
}

static void test_single_quotes_open_and_close(void **state)
{
	assert_string_equal(smarten(state, "de 'strategic approach' richting"),
			    "de " LSQUO "strategic approach" RSQUO " richting");
}

static void test_nested_quotes_open_and_close(void **state)
{
	assert_string_equal(smarten(state, "\"Zij zei 'nee'.\""),
			    LDQUO "Zij zei " LSQUO "nee" RSQUO "." RDQUO);
}

static void test_quote_after_bracket_opens(void **state)
{
	assert_string_equal(smarten(state, "(\"zie bijlage\")"),
			    "(" LDQUO "zie bijlage" RDQUO ")");
}

static void test_quote_after_dash_opens(void **state)
{
	assert_string_equal(smarten(state, "de aanpak –\"samen\""),
			    "de aanpak –" LDQUO "samen" RDQUO);
}

static void test_quote_after_no_break_space_opens(void **state)
{
	assert_string_equal(smarten(state, "zogeheten" NBSP "'PURL'"),
			    "zogeheten" NBSP LSQUO "PURL" RSQUO);
}

static void test_apostrophe_inside_word_is_right_quote(void **state)
{
	assert_string_equal(smarten(state, "auto's, China's en NAVO's"),
			    "auto" RSQUO "s, China" RSQUO "s en NAVO" RSQUO "s");
}

static void test_apostrophe_at_word_start_is_right_quote(void **state)
{
	assert_string_equal(smarten(state, "'s-Gravenhage, 's ochtends, "
					   "'t is 'n kwestie van 's avonds"),
			    RSQUO "s-Gravenhage, " RSQUO "s ochtends, " RSQUO
			    "t is " RSQUO "n kwestie van " RSQUO "s avonds");
}

static void test_apostrophe_before_year_digits_is_right_quote(void **state)
{
	assert_string_equal(smarten(state, "sinds de jaren '90"),
			    "sinds de jaren " RSQUO "90");
}

static void test_apostrophe_after_word_is_right_quote(void **state)
{
	assert_string_equal(smarten(state, "Andreas' inzet"),
			    "Andreas" RSQUO " inzet");
}

static void test_prev_letter_makes_quote_close(void **state)
{
	assert_string_equal(nl_smarten(*state, "\" zei hij", 'n'),
			    RDQUO " zei hij");
}

static void test_prev_space_makes_quote_open(void **state)
{
	assert_string_equal(nl_smarten(*state, "\"Ja\"", ' '),
			    LDQUO "Ja" RDQUO);
}

static void test_prev_opening_quote_keeps_elision(void **state)
{
	assert_string_equal(nl_smarten(*state, "'s avonds", 0x201C),
			    RSQUO "s avonds");
}

static void test_curly_quotes_are_left_alone(void **state)
{
	const char *text = LSQUO "al" RSQUO " en " LDQUO "goed" RDQUO;
	assert_string_equal(smarten(state, text), text);
}

/* Dashes ---------------------------------------------------------------- */

static void test_spaced_hyphen_between_words_becomes_en_dash(void **state)
{
	assert_string_equal(smarten(state, "capaciteiten - waaronder "
					   "sanctieomzeiling - het"),
			    "capaciteiten " EN_DASH " waaronder sanctieomzeiling "
			    EN_DASH " het");
}

static void test_number_range_gets_en_dash(void **state)
{
	assert_string_equal(smarten(state, "de periode 2023-2025."),
			    "de periode 2023" EN_DASH "2025.");
}

static void test_day_range_gets_en_dash(void **state)
{
	assert_string_equal(smarten(state, "(24-25 juni) en 9-11 juli"),
			    "(24" EN_DASH "25" NBSP "juni) en 9" EN_DASH "11"
			    NBSP "juli");
}

static void test_iso_date_keeps_hyphens(void **state)
{
	assert_string_equal(smarten(state, "op 2025-12-03 en 3-12-2025"),
			    "op 2025-12-03 en 3-12-2025");
}

static void test_phone_numbers_keep_hyphens(void **state)
{
	assert_string_equal(smarten(state, "bel 070-3486486 of 06-12345678"),
			    "bel 070-3486486 of 06-12345678");
}

static void test_identifiers_keep_hyphens(void **state)
{
	assert_string_equal(smarten(state, "F-35, A400M-2, NAVO-top, 35-F"),
			    "F-35, A400M-2, NAVO-top, 35-F");
}

static void test_kamerstuk_number_keeps_hyphen(void **state)
{
	assert_string_equal(smarten(state, "Kamerstuk 21 501-20, nr. 2134"),
			    "Kamerstuk 21 501-20, nr." NBSP "2134");
}

static void test_times_and_long_numbers_keep_hyphens(void **state)
{
	assert_string_equal(smarten(state, "9.00-12.00 uur, 28676-12345"),
			    "9.00-12.00 uur, 28676-12345");
}

static void test_double_hyphen_is_left_alone(void **state)
{
	assert_string_equal(smarten(state, "a -- b en 1--2"),
			    "a -- b en 1--2");
}

static void test_hyphen_at_start_of_text_is_left_alone(void **state)
{
	assert_string_equal(smarten(state, "- eerste punt"), "- eerste punt");
}

/* No-break spaces ---------------------------------------------------------- */

static void test_nbsp_between_currency_and_amount(void **state)
{
	assert_string_equal(smarten(state, "reeds EUR 500 mln. aan"),
			    "reeds EUR" NBSP "500" NBSP "mln. aan");
}

static void test_nbsp_after_euro_sign_and_before_miljard(void **state)
{
	assert_string_equal(smarten(state, "€ 2,5 miljard en 5 miljoen"),
			    "€" NBSP "2,5" NBSP "miljard en 5" NBSP "miljoen");
}

static void test_nbsp_between_day_and_month(void **state)
{
	assert_string_equal(smarten(state, "op 3 december 2025"),
			    "op 3" NBSP "december" NBSP "2025");
}

static void test_nbsp_between_second_day_and_month(void **state)
{
	assert_string_equal(smarten(state, "3 en 4 december"),
			    "3" NBSP "en" NBSP "4" NBSP "december");
}

static void test_two_days_of_a_month_are_one_unit(void **state)
{
	/* Issue 15: "3 en / 4 december", "(FMM) 3 / en 4 december". */
	assert_string_equal(smarten(state, "op 14 en 15 mei; 3 en 4 punten"),
			    "op 14" NBSP "en" NBSP "15" NBSP "mei; 3 en 4 "
			    "punten");
}

static void test_abbreviation_of_two_capitalised_parts_is_kept(void **state)
{
	/* Issue 15: "(EU / HV)". A capital word before an ordinary one
	 * breaks as before. */
	assert_string_equal(smarten(state, "(EU HV) en de EU en NAVO Top"),
			    "(EU" NBSP "HV) en de EU en NAVO Top");
}

static void test_nbsp_between_month_and_year_of_a_date(void **state)
{
	/* The year joins a date, not a month named on its own. */
	assert_string_equal(smarten(state, "op 3 en 4 december 2024; december 2024"),
			    "op 3" NBSP "en" NBSP "4" NBSP "december" NBSP
			    "2024; december 2024");
}

static void test_nbsp_after_nr_and_artikel(void **state)
{
	assert_string_equal(smarten(state, "nr. 499 en artikel 100"),
			    "nr." NBSP "499 en artikel" NBSP "100");
}

static void test_nbsp_before_percent(void **state)
{
	assert_string_equal(smarten(state, "5 % en 2%"),
			    "5" NBSP "% en 2%");
}

static void test_nbsp_between_initials_and_surname(void **state)
{
	assert_string_equal(smarten(state, "C.C.J. Veldkamp en "
					   "J. van der Berg"),
			    "C.C.J." NBSP "Veldkamp en J." NBSP "van der Berg");
}

static void test_abbreviation_tav_stays_as_typed(void **state)
{
	assert_string_equal(smarten(state, "t.a.v. de heer"),
			    "t.a.v. de heer");
}

static void test_initials_before_a_number_keep_their_space(void **state)
{
	assert_string_equal(smarten(state, "Washington D.C. van 9 tot 11 juli"),
			    "Washington D.C. van 9 tot 11" NBSP "juli");
}

static void test_unit_inside_longer_word_keeps_space(void **state)
{
	assert_string_equal(smarten(state, "3 decembermaanden, EURO 5, "
					   "nrs 5"),
			    "3 decembermaanden, EURO 5, nrs 5");
}

static void test_existing_no_break_space_is_kept(void **state)
{
	assert_string_equal(smarten(state, "EUR" NBSP "500"),
			    "EUR" NBSP "500");
}

static void test_invalid_utf8_is_copied(void **state)
{
	assert_string_equal(smarten(state, "a\xFF'b \xC3"),
			    "a\xFF" RSQUO "b \xC3");
}

static void test_empty_text_stays_empty(void **state)
{
	assert_string_equal(smarten(state, ""), "");
}

/* The output with every change nl_smarten may make undone, where the
 * input had the plain character at that place. */
static char *undo_changes(struct arena *a, const char *in, const char *out)
{
	static const char *const set[] = { LSQUO, RSQUO, LDQUO, RDQUO,
					   EN_DASH, NBSP };
	static const char plain[] = "''\"\"- ";
	struct strbuf sb = STRBUF_INIT;
	while (*out) {
		size_t k;
		for (k = 0; k < 6; k++) {
			size_t len = strlen(set[k]);
			if (strncmp(out, set[k], len) == 0 && *in == plain[k]) {
				strbuf_addc(&sb, plain[k]);
				out += len;
				in++;
				break;
			}
		}
		if (k < 6)
			continue;
		strbuf_addc(&sb, *out++);
		if (*in)
			in++;
	}
	return strbuf_finish(&sb, a);
}

static const char long_text[] =
	"Op woensdag 3 december a.s. vindt de NAVO Foreign Ministers "
	"Meeting (FMM) plaats in Brussel. De bijeenkomst volgt op de "
	"NAVO-top in Den Haag (24-25 juni 2025) en vormt een belangrijk "
	"tussenstation richting de NAVO-top van 7 en 8 juli 2026 in Ankara.\n"
	"Daarbij zal de nadruk liggen op voortgang in het 'Prioritised "
	"Ukraine Requirements List' (PURL)-initiatief, waar Nederland reeds "
	"EUR 500 mln. aan heeft bijgedragen - het kabinet noemt dit \"een "
	"belangrijke stap\". De afspraak dat bondgenoten zich committeren "
	"aan 5% defensie-uitgaven in 2035 is een belangrijke versterking.\n"
	"Zie Kamerstuk 28676, nr. 499 en Kamerstuk 21 501-20, nr. 2134 "
	"(brief van 2025-11-21). Het NAVO-hoofdkwartier in 's-Gravenhage? "
	"Nee: in Brussel, bereikbaar via 070-3486486. China's rol en de "
	"F-35's van de luchtmacht komen 's middags aan bod; de periode "
	"2023-2025 wordt geëvalueerd. C.C.J. Veldkamp, t.a.v. de heer "
	"J. van der Berg. Ελληνικά, кириллица -- en € 2,5 miljard.";

static void test_smarten_changes_only_quotes_dashes_and_spaces(void **state)
{
	const char *out = smarten(state, long_text);
	assert_string_equal(undo_changes(*state, long_text, out), long_text);
	assert_string_equal(
		out,
		"Op woensdag 3" NBSP "december a.s. vindt de NAVO Foreign "
		"Ministers Meeting (FMM) plaats in Brussel. De bijeenkomst "
		"volgt op de NAVO-top in Den Haag (24" EN_DASH "25" NBSP
		"juni" NBSP "2025) en vormt een belangrijk tussenstation "
		"richting de NAVO-top van 7" NBSP "en" NBSP "8" NBSP "juli" NBSP
		"2026 in "
		"Ankara.\n"
		"Daarbij zal de nadruk liggen op voortgang in het " LSQUO
		"Prioritised Ukraine Requirements List" RSQUO " (PURL)-"
		"initiatief, waar Nederland reeds EUR" NBSP "500" NBSP "mln. "
		"aan heeft bijgedragen " EN_DASH " het kabinet noemt dit " LDQUO
		"een belangrijke stap" RDQUO ". De afspraak dat bondgenoten "
		"zich committeren aan 5% defensie-uitgaven in 2035 is een "
		"belangrijke versterking.\n"
		"Zie Kamerstuk 28676, nr." NBSP "499 en Kamerstuk 21 501-20, "
		"nr." NBSP "2134 (brief van 2025-11-21). Het NAVO-hoofdkwartier "
		"in " RSQUO "s-Gravenhage? Nee: in Brussel, bereikbaar via "
		"070-3486486. China" RSQUO "s rol en de F-35" RSQUO "s van de "
		"luchtmacht komen " RSQUO "s middags aan bod; de periode "
		"2023" EN_DASH "2025 wordt geëvalueerd. C.C.J." NBSP
		"Veldkamp, t.a.v. de heer J." NBSP "van der Berg. Ελληνικά, "
		"кириллица -- en €" NBSP "2,5" NBSP "miljard.");
}

/* Dates -------------------------------------------------------------------- */

static void test_month_names_are_lower_case(void **state)
{
	(void)state;
	assert_string_equal(nl_month(1), "januari");
	assert_string_equal(nl_month(3), "maart");
	assert_string_equal(nl_month(8), "augustus");
	assert_string_equal(nl_month(12), "december");
}

static void test_weekday_of_3_december_2025_is_woensdag(void **state)
{
	(void)state;
	assert_string_equal(nl_weekday(day(2025, 12, 3)), "woensdag");
}

static void test_weekday_of_29_february_2024_is_donderdag(void **state)
{
	(void)state;
	assert_string_equal(nl_weekday(day(2024, 2, 29)), "donderdag");
}

static void test_weekday_of_1_january_2000_is_zaterdag(void **state)
{
	(void)state;
	assert_string_equal(nl_weekday(day(2000, 1, 1)), "zaterdag");
}

static void test_weekday_of_7_july_2026_is_dinsdag(void **state)
{
	(void)state;
	assert_string_equal(nl_weekday(day(2026, 7, 7)), "dinsdag");
}

static void test_weekdays_of_a_week_from_maandag_to_zondag(void **state)
{
	(void)state;
	assert_string_equal(nl_weekday(day(2025, 12, 1)), "maandag");
	assert_string_equal(nl_weekday(day(2025, 12, 2)), "dinsdag");
	assert_string_equal(nl_weekday(day(2025, 12, 4)), "donderdag");
	assert_string_equal(nl_weekday(day(2025, 12, 5)), "vrijdag");
	assert_string_equal(nl_weekday(day(2025, 12, 6)), "zaterdag");
	assert_string_equal(nl_weekday(day(2025, 12, 7)), "zondag");
}

static void test_date_is_day_month_year(void **state)
{
	assert_string_equal(nl_date(*state, day(2025, 12, 3)),
			    "3 december 2025");
}

static void test_date_with_weekday(void **state)
{
	assert_string_equal(nl_date_weekday(*state, day(2025, 12, 3)),
			    "woensdag 3 december 2025");
}

static void test_date_span_of_one_date(void **state)
{
	struct date d[] = { day(2025, 12, 3) };
	assert_string_equal(nl_date_span(*state, d, 1), "3 december 2025");
}

static void test_date_span_of_the_same_date_twice(void **state)
{
	struct date d[] = { day(2025, 12, 3), day(2025, 12, 3) };
	assert_string_equal(nl_date_span(*state, d, 2), "3 december 2025");
}

static void test_date_span_consecutive_days(void **state)
{
	struct date d[] = { day(2024, 12, 3), day(2024, 12, 4) };
	assert_string_equal(nl_date_span(*state, d, 2), "3 en 4 december 2024");
}

static void test_date_span_with_gap_is_tot_en_met(void **state)
{
	struct date d[] = { day(2024, 7, 9), day(2024, 7, 11) };
	assert_string_equal(nl_date_span(*state, d, 2),
			    "9 tot en met 11 juli 2024");
}

static void test_date_span_across_months(void **state)
{
	struct date d[] = { day(2025, 11, 30), day(2025, 12, 1) };
	assert_string_equal(nl_date_span(*state, d, 2),
			    "30 november en 1 december 2025");
}

static void test_date_span_across_months_with_gap(void **state)
{
	struct date d[] = { day(2025, 11, 28), day(2025, 12, 2) };
	assert_string_equal(nl_date_span(*state, d, 2),
			    "28 november tot en met 2 december 2025");
}

static void test_date_span_across_years(void **state)
{
	struct date d[] = { day(2025, 12, 31), day(2026, 1, 1) };
	assert_string_equal(nl_date_span(*state, d, 2),
			    "31 december 2025 en 1 januari 2026");
}

static void test_date_span_over_leap_day_is_tot_en_met(void **state)
{
	struct date leap[] = { day(2024, 2, 28), day(2024, 3, 1) };
	struct date common[] = { day(2025, 2, 28), day(2025, 3, 1) };
	assert_string_equal(nl_date_span(*state, leap, 2),
			    "28 februari tot en met 1 maart 2024");
	assert_string_equal(nl_date_span(*state, common, 2),
			    "28 februari en 1 maart 2025");
}

/* Numbers ------------------------------------------------------------------ */

static void test_number_thousands_get_points(void **state)
{
	assert_string_equal(nl_number(*state, 45000, 0), "45.000");
	assert_string_equal(nl_number(*state, 1000, 0), "1.000");
	assert_string_equal(nl_number(*state, 100, 0), "100");
	assert_string_equal(nl_number(*state, 1234567.891, 2),
			    "1.234.567,89");
}

static void test_number_decimals_get_a_comma(void **state)
{
	assert_string_equal(nl_number(*state, 2.5, 1), "2,5");
	assert_string_equal(nl_number(*state, 0.05, 2), "0,05");
	assert_string_equal(nl_number(*state, 3, 2), "3,00");
}

static void test_negative_number_gets_minus_sign(void **state)
{
	assert_string_equal(nl_number(*state, -3.25, 2), MINUS "3,25");
	assert_string_equal(nl_number(*state, -45000, 0), MINUS "45.000");
}

static void test_number_rounds_half_away_from_zero(void **state)
{
	assert_string_equal(nl_number(*state, 2.5, 0), "3");
	assert_string_equal(nl_number(*state, -2.5, 0), MINUS "3");
	assert_string_equal(nl_number(*state, 0.5, 0), "1");
	assert_string_equal(nl_number(*state, 0.125, 2), "0,13");
	assert_string_equal(nl_number(*state, 1.005, 2), "1,01");
	assert_string_equal(nl_number(*state, 0.05, 1), "0,1");
	assert_string_equal(nl_number(*state, 999.5, 0), "1.000");
	assert_string_equal(nl_number(*state, 2.449, 1), "2,4");
}

static void test_number_never_negative_zero(void **state)
{
	assert_string_equal(nl_number(*state, -0.004, 2), "0,00");
	assert_string_equal(nl_number(*state, -0.0, 0), "0");
	assert_string_equal(nl_number(*state, -0.4, 0), "0");
	assert_string_equal(nl_number(*state, 5e-20, 2), "0,00");
}

static void test_large_number_is_written_out(void **state)
{
	assert_string_equal(nl_number(*state, 1.5e15, 0),
			    "1.500.000.000.000.000");
}

static void test_date_range_in_one_month_has_unspaced_en_dash(void **state)
{
	assert_string_equal(nl_date_range(*state, day(2025, 6, 24),
					  day(2025, 6, 25)),
			    "24\xE2\x80\x93" "25 juni 2025");
}

static void test_date_range_across_months_has_spaced_en_dash(void **state)
{
	assert_string_equal(nl_date_range(*state, day(2025, 11, 30),
					  day(2025, 12, 1)),
			    "30 november \xE2\x80\x93 1 december 2025");
}

static void test_date_range_across_years_names_both_years(void **state)
{
	assert_string_equal(nl_date_range(*state, day(2025, 12, 31),
					  day(2026, 1, 2)),
			    "31 december 2025 \xE2\x80\x93 2 januari 2026");
}

static void test_date_range_of_one_day_is_that_date(void **state)
{
	assert_string_equal(nl_date_range(*state, day(2024, 2, 29),
					  day(2024, 2, 29)),
			    "29 februari 2024");
}

static void test_euro_amounts_in_thousands_millions_billions(void **state)
{
	assert_string_equal(nl_euro(*state, 45000),
			    "\xE2\x82\xAC\xC2\xA0" "45.000");
	assert_string_equal(nl_euro(*state, 500e6),
			    "\xE2\x82\xAC\xC2\xA0" "500\xC2\xA0mln.");
	assert_string_equal(nl_euro(*state, 2.5e9),
			    "\xE2\x82\xAC\xC2\xA0" "2,5\xC2\xA0mld.");
	assert_string_equal(nl_euro(*state, 3e9),
			    "\xE2\x82\xAC\xC2\xA0" "3\xC2\xA0mld.");
}

static void test_percent_has_no_space(void **state)
{
	assert_string_equal(nl_percent(*state, 3.5, 1), "3,5%");
	assert_string_equal(nl_percent(*state, 2, 0), "2%");
}

static void test_capitalised_ij_becomes_IJ(void **state)
{
	assert_string_equal(nl_capitalize(*state, "ijsland"), "IJsland");
	assert_string_equal(nl_capitalize(*state, "ijmuiden"), "IJmuiden");
	assert_string_equal(nl_capitalize(*state, "iets"), "Iets");
	assert_string_equal(nl_capitalize(*state, "\xC3\xA9\xC3\xA9n"),
			    "\xC3\x89\xC3\xA9n"); /* één → Één */
	assert_string_equal(nl_capitalize(*state, "NAVO"), "NAVO");
	assert_string_equal(nl_capitalize(*state, ""), "");
}

static void test_capitalised_ij_word_keeps_the_rest(void **state)
{
	assert_string_equal(nl_capitalize(*state, "ijs"), "IJs");
	assert_string_equal(nl_capitalize(*state, "ij"), "IJ");
	assert_string_equal(nl_capitalize(*state, "ijsselmeer en Markermeer"),
			    "IJsselmeer en Markermeer");
	/* A writer who typed one capital gets both. */
	assert_string_equal(nl_capitalize(*state, "Ijmuiden"), "IJmuiden");
	assert_string_equal(nl_capitalize(*state, "IJsland"), "IJsland");
	/* The ligature ĳ (U+0133) becomes Ĳ (U+0132). */
	assert_string_equal(nl_capitalize(*state, "\xC4\xB3sland"),
			    "\xC4\xB2sland");
	/* Not a digraph: i before another letter. */
	assert_string_equal(nl_capitalize(*state, "in IJmuiden"),
			    "In IJmuiden");
}

static void test_capital_after_elided_word_goes_to_the_next(void **state)
{
	/* Onze Taal: ’s Avonds; place names keep ’s-Gravenhage. */
	assert_string_equal(nl_capitalize(*state, "\xE2\x80\x99s avonds"),
			    "\xE2\x80\x99s Avonds");
	assert_string_equal(nl_capitalize(*state, "'t is ijskoud"),
			    "'t Is ijskoud");
	assert_string_equal(nl_capitalize(*state, "\xE2\x80\x99s ijsvrije"),
			    "\xE2\x80\x99s IJsvrije");
	assert_string_equal(nl_capitalize(*state,
					  "\xE2\x80\x99s-gravenhage"),
			    "\xE2\x80\x99s-Gravenhage");
	assert_string_equal(nl_capitalize(*state,
					  "\xE2\x80\x99s-Hertogenbosch"),
			    "\xE2\x80\x99s-Hertogenbosch");
}

static void test_capitalise_passes_quotes_and_leaves_digits(void **state)
{
	assert_string_equal(nl_capitalize(*state,
					  "\xE2\x80\x9Cijs\xE2\x80\x9D"),
			    "\xE2\x80\x9CIJs\xE2\x80\x9D");
	assert_string_equal(nl_capitalize(*state, "(ijsbreker)"),
			    "(IJsbreker)");
	assert_string_equal(nl_capitalize(*state, "3 december 2025"),
			    "3 december 2025");
	assert_string_equal(nl_capitalize(*state, "\xE2\x82\xAC 5 mln."),
			    "\xE2\x82\xAC 5 mln.");
}

static void test_capitalise_any_script(void **state)
{
	/* łódź → Łódź, ελ → Ελ, ки → Ки */
	assert_string_equal(nl_capitalize(*state,
					  "\xC5\x82\xC3\xB3" "d\xC5\xBA"),
			    "\xC5\x81\xC3\xB3" "d\xC5\xBA");
	assert_string_equal(nl_capitalize(*state, "\xCE\xB5\xCE\xBB"),
			    "\xCE\x95\xCE\xBB");
	assert_string_equal(nl_capitalize(*state, "\xD0\xBA\xD0\xB8"),
			    "\xD0\x9A\xD0\xB8");
	/* Invalid UTF-8 is copied as it was. */
	assert_string_equal(nl_capitalize(*state, "\xFF" "abc"), "\xFF" "abc");
}

/* Amounts in charts --------------------------------------------------- */

#define EURO "\xE2\x82\xAC"

static void test_amount_in_euros_at_each_scale(void **state)
{
	assert_string_equal(nl_amount(*state, 2.5e9, UNIT_EUR, 1e9, 1),
			    EURO NBSP "2,5" NBSP "mld.");
	assert_string_equal(nl_amount(*state, 5e8, UNIT_EUR, 1e6, 0),
			    EURO NBSP "500" NBSP "mln.");
	assert_string_equal(nl_amount(*state, 45000, UNIT_EUR, 1, 0),
			    EURO NBSP "45.000");
	assert_string_equal(nl_amount(*state, -1.5e6, UNIT_EUR, 1e6, 1),
			    EURO NBSP MINUS "1,5" NBSP "mln.");
}

static void test_amount_in_percent_and_count(void **state)
{
	assert_string_equal(nl_amount(*state, 3.5, UNIT_PERCENT, 1, 1), "3,5%");
	assert_string_equal(nl_amount(*state, 45000, UNIT_COUNT, 1, 0),
			    "45.000");
	assert_string_equal(nl_amount(*state, 1.2e6, UNIT_COUNT, 1e6, 1),
			    "1,2" NBSP "mln.");
}

static void test_scale_by_largest_magnitude(void **state)
{
	(void)state;
	assert_true(nl_amount_scale(UNIT_EUR, 3.5e9) == 1e9);
	assert_true(nl_amount_scale(UNIT_EUR, 5e8) == 1e6);
	assert_true(nl_amount_scale(UNIT_EUR, 999999) == 1);
	assert_true(nl_amount_scale(UNIT_PERCENT, 5e9) == 1);
	assert_string_equal(nl_scale_word(1e9), "mld.");
	assert_string_equal(nl_scale_word(1e6), "mln.");
	assert_string_equal(nl_scale_word(1), "");
}

static void test_fewest_decimals(void **state)
{
	(void)state;
	assert_int_equal(nl_decimals(2.5, 3), 1);
	assert_int_equal(nl_decimals(3, 3), 0);
	assert_int_equal(nl_decimals(0.25, 3), 2);
	assert_int_equal(nl_decimals(0.005, 1), 1);
	assert_int_equal(nl_decimals(0.1 + 0.2, 3), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_amount_in_euros_at_each_scale),
		T(test_amount_in_percent_and_count),
		T(test_scale_by_largest_magnitude),
		T(test_fewest_decimals),
		T(test_double_quotes_open_and_close),
		T(test_single_quotes_open_and_close),
		T(test_nested_quotes_open_and_close),
		T(test_quote_after_bracket_opens),
		T(test_quote_after_dash_opens),
		T(test_quote_after_no_break_space_opens),
		T(test_apostrophe_inside_word_is_right_quote),
		T(test_apostrophe_at_word_start_is_right_quote),
		T(test_apostrophe_before_year_digits_is_right_quote),
		T(test_apostrophe_after_word_is_right_quote),
		T(test_prev_letter_makes_quote_close),
		T(test_prev_space_makes_quote_open),
		T(test_prev_opening_quote_keeps_elision),
		T(test_curly_quotes_are_left_alone),
		T(test_spaced_hyphen_between_words_becomes_en_dash),
		T(test_number_range_gets_en_dash),
		T(test_day_range_gets_en_dash),
		T(test_iso_date_keeps_hyphens),
		T(test_phone_numbers_keep_hyphens),
		T(test_identifiers_keep_hyphens),
		T(test_kamerstuk_number_keeps_hyphen),
		T(test_times_and_long_numbers_keep_hyphens),
		T(test_double_hyphen_is_left_alone),
		T(test_hyphen_at_start_of_text_is_left_alone),
		T(test_nbsp_between_currency_and_amount),
		T(test_nbsp_after_euro_sign_and_before_miljard),
		T(test_nbsp_between_day_and_month),
		T(test_nbsp_between_second_day_and_month),
		T(test_two_days_of_a_month_are_one_unit),
		T(test_abbreviation_of_two_capitalised_parts_is_kept),
		T(test_nbsp_between_month_and_year_of_a_date),
		T(test_nbsp_after_nr_and_artikel),
		T(test_nbsp_before_percent),
		T(test_nbsp_between_initials_and_surname),
		T(test_abbreviation_tav_stays_as_typed),
		T(test_initials_before_a_number_keep_their_space),
		T(test_unit_inside_longer_word_keeps_space),
		T(test_existing_no_break_space_is_kept),
		T(test_invalid_utf8_is_copied),
		T(test_empty_text_stays_empty),
		T(test_smarten_changes_only_quotes_dashes_and_spaces),
		T(test_month_names_are_lower_case),
		T(test_weekday_of_3_december_2025_is_woensdag),
		T(test_weekday_of_29_february_2024_is_donderdag),
		T(test_weekday_of_1_january_2000_is_zaterdag),
		T(test_weekday_of_7_july_2026_is_dinsdag),
		T(test_weekdays_of_a_week_from_maandag_to_zondag),
		T(test_date_is_day_month_year),
		T(test_date_with_weekday),
		T(test_date_span_of_one_date),
		T(test_date_span_of_the_same_date_twice),
		T(test_date_span_consecutive_days),
		T(test_date_span_with_gap_is_tot_en_met),
		T(test_date_span_across_months),
		T(test_date_span_across_months_with_gap),
		T(test_date_span_across_years),
		T(test_date_span_over_leap_day_is_tot_en_met),
		T(test_number_thousands_get_points),
		T(test_number_decimals_get_a_comma),
		T(test_negative_number_gets_minus_sign),
		T(test_number_rounds_half_away_from_zero),
		T(test_number_never_negative_zero),
		T(test_large_number_is_written_out),
		T(test_date_range_in_one_month_has_unspaced_en_dash),
		T(test_date_range_across_months_has_spaced_en_dash),
		T(test_date_range_across_years_names_both_years),
		T(test_date_range_of_one_day_is_that_date),
		T(test_euro_amounts_in_thousands_millions_billions),
		T(test_percent_has_no_space),
		T(test_capitalised_ij_becomes_IJ),
		T(test_capitalised_ij_word_keeps_the_rest),
		T(test_capital_after_elided_word_goes_to_the_next),
		T(test_capitalise_passes_quotes_and_leaves_digits),
		T(test_capitalise_any_script),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
