/*
 * chart.h — a chart of the model drawn as vectors and real text.
 *
 * Input: one struct chart, the layout's chart section and chart_* styles,
 * and the typesetter (labels are set by pango in the document's fonts).
 * Output: a chart_drawing in chart coordinates (points from its top-left
 * corner): paths, then labels on top. typeset.c makes one for each chart
 * block, dl.c copies it onto its page, `dossier chart` writes it alone.
 */
#ifndef DOSSIER_CHART_H
#define DOSSIER_CHART_H

#include "dl_path.h"
#include "model.h"
#include "typesetter.h"

struct chart_drawing {
	double width_pt, height_pt;
	double shorter_max_pt; /* how much shorter chart_draw_shorter() may
				  draw it: its plot down to the layout's
				  plot_height_min_pt */
	struct dl_path *paths;
	size_t n_paths, cap_paths;
	struct tpart *labels; /* x_pt: left end; baseline_pt: from the top */
	size_t n_labels, cap_labels;
};

/* A value axis: ticks from lo to hi by step, labelled at one scale. */
struct chart_axis {
	double lo, hi, step;
	int n_ticks;
	double scale;       /* 1, 1e6 (mln.) or 1e9 (mld.) */
	int tick_decimals;  /* of the tick labels at that scale */
	int value_decimals; /* of the value labels at that scale */
};

/* The axis for data from min to max: zero always included, a step of
 * 1, 2, 2.5 or 5 x 10^n giving 4 to 7 ticks (counts: whole steps only, so
 * counts up to 3 get fewer). values (n of them) decide the value labels'
 * decimals (at most one). */
void chart_nice_axis(double min, double max, enum chart_unit unit,
		     const double *values, size_t n, struct chart_axis *ax);

/* Every k-th of n labels of width `widest`, `pitch` apart, so that no two
 * come closer than gap: 1 when they all fit. */
size_t chart_label_stride(double widest, double pitch, double gap, size_t n);

/* n labels along an axis, in the order of want (their wanted middles,
 * ascending), size[i] long: out[i] is where label i's middle goes so that
 * none comes closer to the next than gap. Labels that would overlap are
 * moved apart symmetrically about what they want, only as far as they
 * touch, and kept within [lo, hi]; false when they are longer together
 * than that room (they then run on past hi). Scratch from a. */
bool chart_spread_labels(const double *want, const double *size, size_t n,
			 double gap, double lo, double hi, struct arena *a,
			 double *out);

/* The label of a value on an axis: "€ 2,5 mld.", "3,5%", "45.000"; a
 * value that would show as zero at the axis's scale gets its own
 * ("€ 5 mln."). */
char *chart_value_label(struct arena *a, double v, enum chart_unit unit,
			const struct chart_axis *ax);

/* Draw c at width l->chart.width_pt. NULL with diags when a label has a
 * character no font can show. */
struct chart_drawing *chart_draw(struct typesetter *ts, struct arena *a,
				 const struct layout *l, const struct chart *c,
				 struct diags *diags);

/* c drawn by_pt shorter (its plot is), by_pt at most the shorter_max_pt
 * of its chart_draw(): what paginate asks where the chart ends a page. */
struct chart_drawing *chart_draw_shorter(struct typesetter *ts,
					 struct arena *a,
					 const struct layout *l,
					 const struct chart *c, double by_pt,
					 struct diags *diags);

/* The value axis c is drawn with: over every value, each stack's sums
 * and the targets (so that chart_alt.c says the labels the chart shows). */
void chart_value_axis(struct arena *a, const struct chart *c,
		      struct chart_axis *ax);

/* What a screen reader says for c: title, unit, every value with its
 * category and series, the reference lines (chart_alt.c). */
char *chart_alt(struct arena *a, const struct chart *c);

/* The chart of that id in doc, or NULL. */
const struct chart *chart_find(const struct document *doc, const char *id);

#endif
