/*
 * chart_alt.c — what a screen reader says for a chart: its title, what
 * its numbers are, and every value with its category (and series) in
 * reading order, in Dutch notation, then its reference lines:
 *
 *     Nederlandse steun aan Oekraïne per jaar, bedragen in miljarden
 *     euro: 2024 € 2,5 mld.; 2025 € 3,5 mld.
 *
 * Input: one chart of the model; output: the text, in the arena. The
 * categories picked out (highlight) are named after the values. The
 * figures are the chart's own value labels (one axis, one scale, the
 * same decimals), so that the ear and the eye get the same numbers. dl_build.c makes it the Figure's /Alt.
 */
#include "chart.h"


#include "nl.h"

static void add_value(struct strbuf *out, struct arena *a, double v,
		      const struct chart *c, const struct chart_axis *ax)
{
	strbuf_adds(out, chart_value_label(a, v, c->unit, ax));
}

/* A full stop, unless the last value's own (mln., mld.) ends it. */
static void end_sentence(struct strbuf *out)
{
	if (out->len && out->buf[out->len - 1] != '.')
		strbuf_addc(out, '.');
}

char *chart_alt(struct arena *a, const struct chart *c)
{
	struct chart_axis ax;
	chart_value_axis(a, c, &ax);
	struct strbuf out = STRBUF_INIT;
	const char *caption = nl_unit_caption(c->unit, ax.scale);
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
			add_value(&out, a, se->values[i].value, c, &ax);
		}
	}
	/* What the eye is drawn to, the ear is told. */
	for (size_t h = 0; h < c->n_highlight; h++) {
		if (h == 0) {
			end_sentence(&out);
			strbuf_adds(&out, " Uitgelicht:");
		}
		strbuf_addf(&out, "%s %s", h ? "," : "", c->highlight[h]);
	}
	for (size_t t = 0; t < c->n_targets; t++) {
		end_sentence(&out);
		strbuf_addf(&out, " Referentielijn %s: ",
			    c->targets[t].label.src ? c->targets[t].label.src :
						      "");
		add_value(&out, a, c->targets[t].value, c, &ax);
	}
	end_sentence(&out);
	return strbuf_finish(&out, a);
}
