/*
 * nl.h — Dutch text: typography of running text, dates and numbers.
 *
 * One module decides how Dutch is written, so the text, the letterhead and
 * (later) the charts agree: quotes and apostrophes, dashes, non-breaking
 * spaces where a reader would stumble over a line break, and dates and
 * numbers the Dutch way. Input and output are UTF-8.
 */
#ifndef DOSSIER_NL_H
#define DOSSIER_NL_H

#include <stdint.h>

#include "arena.h"
#include "model.h"

/*
 * Typeset a run of plain text as a Dutch typesetter would:
 *  - ' and " become ‘ ’ “ ” (opening after a space, an opening bracket or
 *    the start; closing otherwise); the apostrophe is ’ everywhere, also at
 *    the start of a word (’s-Gravenhage, ’t) and inside (auto’s);
 *  - " - " between words becomes " – "; a hyphen between two numbers
 *    (2023-2025, 24-25 juni) becomes an en dash, but ISO dates
 *    (2025-12-03), phone numbers and identifiers (F-35, 28676) stay;
 *  - the space in "EUR 500", "€ 2,5", "500 mln.", "3 december",
 *    "nr. 499", "artikel 100", between initials ("C.C.J. Veldkamp") and
 *    before "%" becomes a no-break space (U+00A0).
 * "prev" is the last character before this run (0 at the start of a
 * paragraph), so that a quote right after an emphasis opens or closes
 * correctly.
 */
char *nl_smarten(struct arena *a, const char *utf8, uint32_t prev);

/* "3 december 2025" */
char *nl_date(struct arena *a, struct date d);
/* "woensdag 3 december 2025" */
char *nl_date_weekday(struct arena *a, struct date d);
/* Dates of a meeting: "3 december 2025", "3 en 4 december 2024",
 * "28 en 29 november 2023", "30 november en 1 december 2025",
 * "31 december 2025 en 1 januari 2026". */
char *nl_date_span(struct arena *a, const struct date *dates, int n);
/* A range of dates with an en dash: "24–25 juni 2025",
 * "30 november – 1 december 2025", "31 december 2025 – 2 januari 2026". */
char *nl_date_range(struct arena *a, struct date from, struct date to);
/* The weekday name ("woensdag") of a date. */
const char *nl_weekday(struct date d);
/* The month name ("december"), 1..12. */
const char *nl_month(int month);

/* Numbers the Dutch way: nl_number(a, 45000, 0) = "45.000",
 * nl_number(a, 2.5, 1) = "2,5", nl_number(a, -3.25, 2) = "-3,25"
 * (with a real minus sign U+2212). */
char *nl_number(struct arena *a, double v, int decimals);
/* An amount in euros, a no-break space after the sign: "€ 45.000",
 * "€ 500 mln.", "€ 2,5 mld." (millions and billions with at most one
 * decimal, a trailing ",0" left out). */
char *nl_euro(struct arena *a, double euros);
/* A percentage without a space: "3,5%", "2%". */
char *nl_percent(struct arena *a, double v, int decimals);

/* The text with its first letter a capital, as Dutch spelling has it: a
 * leading ij becomes IJ (IJsland, IJmuiden; ĳ → Ĳ), the capital of a
 * text opening with ’s, ’t, ’n or ’k goes to the next word (’s Avonds,
 * ’s-Gravenhage), an opening quote or bracket is passed over, and a text
 * that starts with a digit or a sign (3 december) stays as it is. */
char *nl_capitalize(struct arena *a, const char *utf8);

/* Amounts in charts. One scale holds for a whole axis: the largest
 * magnitude decides (>= 1e9: "mld.", >= 1e6: "mln.", else none); percents
 * are never scaled. */
double nl_amount_scale(enum chart_unit unit, double max_abs);
/* "mld.", "mln." or "" for a scale from nl_amount_scale. */
const char *nl_scale_word(double scale);
/* The fewest decimals, at most max, that show v exactly (to 1e-9). */
int nl_decimals(double v, int max);
/* A figure with its unit, at a scale, with no-break spaces inside:
 * (2.5e9, UNIT_EUR, 1e9, 1) = "€ 2,5 mld.", (5e8, UNIT_EUR, 1e6, 0) =
 * "€ 500 mln.", (3.5, UNIT_PERCENT, 1, 1) = "3,5%", (45000, UNIT_COUNT,
 * 1, 0) = "45.000". */
char *nl_amount(struct arena *a, double v, enum chart_unit unit, double scale,
		int decimals);
/* What the numbers on an axis are: "Bedragen in miljarden euro",
 * "Percentages", "Aantallen". */
const char *nl_unit_caption(enum chart_unit unit, double scale);

/* The days of month m (1-12) of year y, leap years counted: the one
 * calendar rule, for parsing and for setting dates. */
int nl_days_in_month(int y, int m);

#endif
