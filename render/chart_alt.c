/*
 * chart_alt.c — what a screen reader says for a chart: its title, what
 * its numbers are, and every value with its category (and series) in
 * reading order, in Dutch notation, then its reference lines:
 *
 *     Nederlandse steun aan Oekraïne per jaar, bedragen in miljarden
 *     euro: 2024 € 2,5 mld.; 2025 € 3,5 mld.
 *
 * Input: one chart of the model; output: the text, in the arena. The
 * figures are those the chart shows (one scale for the chart, the fewest
 * decimals that show each value, at most one), so that the ear and the
 * eye get the same numbers. dl_build.c makes it the Figure's /Alt.
 */
#include "chart.h"

#include <math.h>

#include "nl.h"

/* v at the chart's scale, or at its own where that would show zero
 * ("€ 5 mln." among milliards), as the chart's value labels do. */
static void add_value(struct strbuf *out, struct arena *a, double v,
		      const struct chart *c, double scale)
{
	int decimals = nl_decimals(v / scale, 1);
	if (v != 0 && round(v / scale * pow(10, decimals)) == 0) {
		scale = nl_amount_scale(c->unit, fabs(v));
		decimals = nl_decimals(v / scale, 1);
	}
	strbuf_adds(out, nl_amount(a, v, c->unit, scale, decimals));
}

/* A full stop, unless the last value's own (mln., mld.) ends it. */
static void end_sentence(struct strbuf *out)
{
	if (out->len && out->buf[out->len - 1] != '.')
		strbuf_addc(out, '.');
}

char *chart_alt(struct arena *a, const struct chart *c)
{
	double max = 0;
	for (size_t s = 0; s < c->n_series; s++)
		for (size_t i = 0; i < c->series[s].n_values; i++)
			max = fmax(max, fabs(c->series[s].values[i].value));
	for (size_t t = 0; t < c->n_targets; t++)
		max = fmax(max, fabs(c->targets[t].value));
	double scale = nl_amount_scale(c->unit, max);
	struct strbuf out = STRBUF_INIT;
	const char *caption = nl_unit_caption(c->unit, scale);
	strbuf_addf(&out, "%s, %c%s", c->title.src ? c->title.src : "",
		    caption[0] + ('a' - 'A'), caption + 1);
	for (size_t s = 0; s < c->n_series; s++) {
		const struct chart_series *se = &c->series[s];
		if (c->n_series > 1) {
			end_sentence(&out);
			strbuf_addf(&out, " %s:",
				    se->name.src ? se->name.src : "");
		} else {
			strbuf_addc(&out, ':');
		}
		for (size_t i = 0; i < se->n_values; i++) {
			strbuf_addf(&out, "%s %s ", i ? ";" : "",
				    se->values[i].category);
			add_value(&out, a, se->values[i].value, c, scale);
		}
	}
	for (size_t t = 0; t < c->n_targets; t++) {
		end_sentence(&out);
		strbuf_addf(&out, " Referentielijn %s: ",
			    c->targets[t].label.src ? c->targets[t].label.src :
						      "");
		add_value(&out, a, c->targets[t].value, c, scale);
	}
	end_sentence(&out);
	return strbuf_finish(&out, a);
}
