/*
 * chart_priv.h — private to chart.c, chart_vertical.c and chart_hbar.c:
 * the drawing context of one chart and the primitives they share.
 *
 * chart.c owns the primitives (labels set and placed, paths, the data
 * look-ups) and the header, legend and source; chart_vertical.c draws
 * the plot of bar, stacked-bar and line charts, chart_hbar.c that of
 * horizontal bars. Nothing here is for other stages.
 */
#ifndef DOSSIER_CHART_PRIV_H
#define DOSSIER_CHART_PRIV_H

#include "chart.h"

enum anchor { ANCHOR_LEFT, ANCHOR_CENTER, ANCHOR_RIGHT };

/* A label less than this off its line is on it (rounding, not a move). */
#define CHART_MOVED_PT 0.01

struct cctx {
	struct typesetter *ts;
	struct arena *a;
	const struct chart_layout *cl;
	const struct chart *c;
	struct diags *diags;
	struct chart_drawing *out;
	bool ok;
	const struct style *title, *subtitle, *axis, *value, *legend, *source;
	const struct style *axis_highlight, *value_small;
	const char **cats;
	size_t n_cats;
	bool *highlighted; /* per category */
	struct chart_axis ax;
	double page_pt; /* the most a chart may be tall: a page's text */
	double tail_pt; /* what comes under the plot's labels: the source */
	double plot_pt; /* a vertical chart's plot: the layout's, or less */
};

/* Text set in a style, not yet placed. */
struct setl {
	struct tlabel *lines;
	size_t n;
	double width;
	const struct style *s;
};

/* Labels: set text in a style (wrapped at wrap_pt, 0: one line), then
 * place it by an anchor, or turned by angle with the middle of its end
 * at (at, top). */
struct setl chart_set(struct cctx *x, const char *text,
		      const struct style *s, double wrap_pt);
double chart_height(const struct setl *l);
void chart_place(struct cctx *x, const struct setl *l, double at, double top,
		 enum anchor an, const double *rgb);
void chart_place_turned(struct cctx *x, const struct setl *l, double at,
			double top, double angle);

/* Paths: lines, bars in the colour (and hatching) of their series, and
 * the markers of a line. */
struct dl_path *chart_new_path(struct cctx *x, size_t n_points);
void chart_set_dash(struct dl_path *p, const struct dash_list *dl, size_t i);
void chart_rule(struct cctx *x, double x0, double y0, double x1, double y1,
		double width, const double rgb[3], const struct dash_list *dl,
		size_t dash);
const double *chart_series_rgb(const struct cctx *x, size_t i);
void chart_series_rect(struct cctx *x, double x0, double y0, double x1,
		       double y1, size_t s);
/* The bar of series s for category k: as chart_series_rect, but in the
 * accent colour (one series) and hatched when k is highlighted. */
void chart_bar_rect(struct cctx *x, double x0, double y0, double x1,
		    double y1, size_t s, size_t k);
/* The style of category k's label: bold when it is highlighted. */
const struct style *chart_category_style(const struct cctx *x, size_t k);
/* The thin rule from a label moved apart to its line. */
void chart_leader(struct cctx *x, double x0, double y0, double x1, double y1,
		  const double rgb[3]);
double chart_luminance(const double rgb[3]);
void chart_marker(struct cctx *x, size_t series, double cx, double cy);

/* The data: a series' value for a category, where a category (or a year
 * between them) falls, positions on the axis and its tick labels. */
bool chart_value_of(const struct chart_series *s, const char *cat,
		    double *v);
size_t chart_category_index(const struct cctx *x, const char *name,
			    size_t fallback);
double chart_category_at(const struct cctx *x, const char *name, bool to);
bool chart_all_years(const struct cctx *x);
double chart_vpos(const struct chart_axis *ax, double v, double p0, double p1);
double chart_tick_value(const struct chart_axis *ax, int i);
/* The axis' tick labels, set; *widest is the width of the widest. */
struct setl *chart_set_ticks(struct cctx *x, double *widest);
/* The value label of each bar, set: [k * n_series + s] for category k
 * and series s; one with no value stays empty (no lines). */
struct setl *chart_set_values(struct cctx *x);

/* The plots: from y down; each returns where it ends. */
double chart_draw_vertical(struct cctx *x, double y);
double chart_draw_horizontal(struct cctx *x, double y);

#endif
