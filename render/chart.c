/*
 * chart.c — draw one chart: title, caption of the unit, legend, plot,
 * category and value labels, reference lines and "Bron: …".
 *
 * Input: a valid struct chart, the layout (every length and colour) and
 * the typesetter, which sets each label in the chart_* styles. Output: a
 * chart_drawing whose height follows from its content. This file holds
 * the primitives and draws title, caption, legend and source; the plots
 * are chart_vertical.c's (bar, stacked-bar, line) and chart_hbar.c's.
 * Axis choices come from chart_axis.c.
 */
#include "chart_priv.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nl.h"

/* ---- drawing primitives ---- */

struct setl chart_set(struct cctx *x, const char *text,
		      const struct style *s, double wrap_pt)
{
	struct setl r = { .s = s };
	r.lines = typeset_label(x->ts, x->a, nl_smarten(x->a, text, 0), s,
				wrap_pt, &r.n, x->diags, x->c->pos);
	if (!r.lines) {
		x->ok = false;
		r.n = 0;
	}
	for (size_t i = 0; i < r.n; i++)
		r.width = fmax(r.width, r.lines[i].width_pt);
	return r;
}

double chart_height(const struct setl *l)
{
	return (double)l->n * l->s->leading_pt;
}

static struct tpart *new_label(struct cctx *x)
{
	struct chart_drawing *o = x->out;
	ARENA_GROW(x->a, o->labels, o->n_labels, o->cap_labels);
	struct tpart *p = &o->labels[o->n_labels++];
	memset(p, 0, sizeof *p);
	return p;
}

void chart_place(struct cctx *x, const struct setl *l, double at, double top,
		 enum anchor an, const double *rgb)
{
	const double *c = rgb ? rgb : l->s->color_rgb;
	for (size_t i = 0; i < l->n; i++) {
		double w = l->lines[i].width_pt;
		struct tpart *p = new_label(x);
		p->runs = l->lines[i].runs;
		p->text = l->lines[i].text;
		p->x_pt = an == ANCHOR_LEFT ? at :
			  an == ANCHOR_CENTER ? at - w / 2 : at - w;
		p->baseline_pt = top + (double)i * l->s->leading_pt +
				 l->lines[i].baseline_pt;
		memcpy(p->rgb, c, sizeof p->rgb);
	}
}

/* A one-line label turned by angle (cairo's sense: negative turns it
 * to read upwards), the middle of its line box's end at (at, top). */
void chart_place_turned(struct cctx *x, const struct setl *l, double at,
			double top, double angle)
{
	/* A label is one line; should pango have broken one (a fuzzer's
	 * find), its lines stand side by side, a leading apart, rather
	 * than any of its words being lost. */
	for (size_t i = 0; i < l->n; i++) {
		double w = l->lines[i].width_pt, b = l->lines[i].baseline_pt;
		double half = l->s->leading_pt / 2, c = cos(angle),
		       s = sin(angle);
		double a = at + (double)i * l->s->leading_pt;
		struct tpart *p = new_label(x);
		p->runs = l->lines[i].runs;
		p->text = l->lines[i].text;
		/* From the baseline's left end to that point: w along the
		 * turned baseline, then half - b across it. */
		double ty = top + half * fabs(c);
		p->x_pt = a - w * c + (half - b) * s;
		p->baseline_pt = ty - w * s - (half - b) * c;
		p->angle = angle;
		memcpy(p->rgb, l->s->color_rgb, sizeof p->rgb);
	}
}

struct dl_path *chart_new_path(struct cctx *x, size_t n_points)
{
	struct chart_drawing *o = x->out;
	ARENA_GROW(x->a, o->paths, o->n_paths, o->cap_paths);
	struct dl_path *p = &o->paths[o->n_paths++];
	memset(p, 0, sizeof *p);
	p->xy = arena_array(x->a, 2 * n_points, sizeof(double));
	p->n = n_points;
	return p;
}

static void rect(struct cctx *x, double x0, double y0, double x1, double y1,
		 const double rgb[3])
{
	struct dl_path *p = chart_new_path(x, 4);
	double *xy = (double *)p->xy;
	double pts[8] = { x0, y0, x1, y0, x1, y1, x0, y1 };
	memcpy(xy, pts, sizeof pts);
	p->closed = true;
	p->fill = true;
	memcpy(p->fill_rgb, rgb, sizeof p->fill_rgb);
}

void chart_set_dash(struct dl_path *p, const struct dash_list *dl, size_t i)
{
	if (!dl || !dl->n)
		return;
	size_t k = i % (size_t)dl->n;
	p->n_dash = dl->len[k];
	memcpy(p->dash_pt, dl->pt[k], sizeof p->dash_pt);
}

void chart_rule(struct cctx *x, double x0, double y0, double x1, double y1,
		double width, const double rgb[3], const struct dash_list *dl,
		size_t dash)
{
	struct dl_path *p = chart_new_path(x, 2);
	double *xy = (double *)p->xy;
	xy[0] = x0, xy[1] = y0, xy[2] = x1, xy[3] = y1;
	p->stroke_pt = width;
	memcpy(p->stroke_rgb, rgb, sizeof p->stroke_rgb);
	chart_set_dash(p, dl, dash);
}

const double *chart_series_rgb(const struct cctx *x, size_t i)
{
	return x->cl->palette.rgb[i % (size_t)x->cl->palette.n];
}

/* A bar or swatch of series s: its colour, hatched from the layout's
 * hatch_from_series on, so that series stay apart in black and white. */
void chart_series_rect(struct cctx *x, double x0, double y0, double x1,
		       double y1, size_t s)
{
	const struct chart_layout *cl = x->cl;
	rect(x, x0, y0, x1, y1, chart_series_rgb(x, s));
	if ((double)s < cl->hatch_from_series)
		return;
	struct dl_path *p = &x->out->paths[x->out->n_paths - 1];
	p->hatch_pt = cl->hatch_pt;
	p->hatch_rule_pt = cl->hatch_rule_pt;
	memcpy(p->hatch_rgb, cl->light_text_rgb, sizeof p->hatch_rgb);
}

void chart_bar_rect(struct cctx *x, double x0, double y0, double x1,
		    double y1, size_t s, size_t k)
{
	const struct chart_layout *cl = x->cl;
	if (!x->highlighted[k]) {
		chart_series_rect(x, x0, y0, x1, y1, s);
		return;
	}
	/* Several series keep their colours, which tell them apart; the
	 * hatching marks the category, in greyscale too. */
	rect(x, x0, y0, x1, y1,
	     x->c->n_series == 1 ? cl->highlight_rgb : chart_series_rgb(x, s));
	struct dl_path *p = &x->out->paths[x->out->n_paths - 1];
	p->hatch_pt = cl->hatch_pt;
	p->hatch_rule_pt = cl->hatch_rule_pt;
	memcpy(p->hatch_rgb, cl->light_text_rgb, sizeof p->hatch_rgb);
}

const struct style *chart_category_style(const struct cctx *x, size_t k)
{
	return x->highlighted[k] ? x->axis_highlight : x->axis;
}

void chart_leader(struct cctx *x, double x0, double y0, double x1, double y1,
		  const double rgb[3])
{
	chart_rule(x, x0, y0, x1, y1, x->cl->leader_rule_pt, rgb, NULL, 0);
}

double chart_luminance(const double rgb[3])
{
	return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
}

/* A line's marker: circle, square, triangle, diamond by series, so that
 * series differ in shape as well as colour and dash. */
void chart_marker(struct cctx *x, size_t series, double cx, double cy)
{
	double r = x->cl->marker_pt / 2;
	static const double shapes[3][8] = {
		{ -0.85, -0.85, 0.85, -0.85, 0.85, 0.85, -0.85, 0.85 },
		{ 0, -1.2, 1.05, 0.75, -1.05, 0.75, 0, 0 },
		{ 0, -1.25, 1.25, 0, 0, 1.25, -1.25, 0 },
	};
	size_t shape = series % 4;
	size_t n = shape == 0 ? 1 : shape == 2 ? 3 : 4;
	struct dl_path *p = chart_new_path(x, n);
	double *xy = (double *)p->xy;
	if (shape == 0) {
		xy[0] = cx, xy[1] = cy;
		p->radius = r;
	} else {
		for (size_t i = 0; i < n; i++) {
			xy[2 * i] = cx + r * shapes[shape - 1][2 * i];
			xy[2 * i + 1] = cy + r * shapes[shape - 1][2 * i + 1];
		}
		p->closed = true;
	}
	p->fill = true;
	memcpy(p->fill_rgb, chart_series_rgb(x, series), sizeof p->fill_rgb);
	p->stroke_pt = x->cl->segment_rule_pt;
	memcpy(p->stroke_rgb, x->cl->light_text_rgb, sizeof p->stroke_rgb);
}

/* ---- data ---- */

bool chart_value_of(const struct chart_series *s, const char *cat,
		    double *v)
{
	for (size_t i = 0; i < s->n_values; i++)
		if (!strcmp(s->values[i].category, cat)) {
			*v = s->values[i].value;
			return true;
		}
	return false;
}

static void mark_highlighted(struct cctx *x)
{
	x->highlighted = arena_array(x->a, x->n_cats + 1,
				     sizeof *x->highlighted);
	for (size_t i = 0; i < x->c->n_highlight; i++) {
		size_t k = chart_category_index(x, x->c->highlight[i],
						x->n_cats);
		if (k < x->n_cats)
			x->highlighted[k] = true;
	}
}

static void gather_categories(struct cctx *x)
{
	const struct chart *c = x->c;
	size_t total = 0;
	for (size_t i = 0; i < c->n_series; i++)
		total += c->series[i].n_values;
	x->cats = arena_array(x->a, total + 1, sizeof *x->cats);
	for (size_t i = 0; i < c->n_series; i++)
		for (size_t j = 0; j < c->series[i].n_values; j++) {
			const char *name = c->series[i].values[j].category;
			size_t k = 0;
			while (k < x->n_cats && strcmp(x->cats[k], name))
				k++;
			if (k == x->n_cats)
				x->cats[x->n_cats++] = name;
		}
}

size_t chart_category_index(const struct cctx *x, const char *name,
			    size_t fallback)
{
	for (size_t k = 0; name && k < x->n_cats; k++)
		if (!strcmp(x->cats[k], name))
			return k;
	return fallback;
}

/* Where a target's from (or to) falls, in categories from the first
 * one's start: a category is [k, k + 1]; a year that is not one (parse.c
 * allows it on a time axis) falls between its neighbours' centres, or at
 * the plot's edge. */
double chart_category_at(const struct cctx *x, const char *name, bool to)
{
	if (!name)
		return to ? (double)x->n_cats : 0;
	size_t k = chart_category_index(x, name, x->n_cats);
	if (k < x->n_cats)
		return (double)k + (to ? 1 : 0);
	double year = atof(name);
	double prev = 0;
	for (k = 0; k < x->n_cats; k++) {
		double y = atof(x->cats[k]);
		if (year < y)
			return k == 0 ? 0 :
			       (double)k - 0.5 + (year - prev) / (y - prev);
		prev = y;
	}
	return (double)x->n_cats;
}

/* The axis over every value (stacked: over the stacks' sums) and every
 * target. */
static void compute_axis(struct cctx *x)
{
	const struct chart *c = x->c;
	size_t cap = x->n_cats * (c->n_series + 2) + c->n_targets + 1;
	double *vals = arena_array(x->a, cap, sizeof *vals);
	size_t n = 0;
	double lo = 0, hi = 0;
	for (size_t k = 0; k < x->n_cats; k++) {
		double pos = 0, neg = 0, v;
		for (size_t s = 0; s < c->n_series; s++) {
			if (!chart_value_of(&c->series[s], x->cats[k], &v))
				continue;
			vals[n++] = v;
			if (c->type == CHART_STACKED_BAR)
				*(v >= 0 ? &pos : &neg) += v;
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
		if (c->type == CHART_STACKED_BAR) {
			vals[n++] = pos;
			vals[n++] = neg;
			lo = fmin(lo, neg);
			hi = fmax(hi, pos);
		}
	}
	for (size_t t = 0; t < c->n_targets; t++) {
		lo = fmin(lo, c->targets[t].value);
		hi = fmax(hi, c->targets[t].value);
	}
	chart_nice_axis(lo, hi, c->unit, vals, n, &x->ax);
}

void chart_value_axis(struct arena *a, const struct chart *c,
		      struct chart_axis *ax)
{
	struct cctx x = { .a = a, .c = c };
	gather_categories(&x);
	compute_axis(&x);
	*ax = x.ax;
}

/* Position of v on an axis that runs from p0 (at lo) to p1 (at hi). */
double chart_vpos(const struct chart_axis *ax, double v, double p0, double p1)
{
	return p0 + (v - ax->lo) / (ax->hi - ax->lo) * (p1 - p0);
}

static char *chart_tick_text(struct cctx *x, double v)
{
	if (x->c->unit == UNIT_PERCENT)
		return nl_amount(x->a, v, UNIT_PERCENT, 1, x->ax.tick_decimals);
	return nl_number(x->a, v / x->ax.scale, x->ax.tick_decimals);
}

double chart_tick_value(const struct chart_axis *ax, int i)
{
	double v = ax->lo + i * ax->step;
	return fabs(v) < ax->step * 1e-9 ? 0 : v;
}

struct setl *chart_set_values(struct cctx *x)
{
	const struct chart *c = x->c;
	struct setl *labels = arena_array(x->a, x->n_cats * c->n_series,
					  sizeof *labels);
	for (size_t k = 0; k < x->n_cats; k++)
		for (size_t s = 0; s < c->n_series; s++) {
			double v;
			if (chart_value_of(&c->series[s], x->cats[k], &v))
				labels[k * c->n_series + s] = chart_set(
					x, chart_value_label(x->a, v, c->unit,
							     &x->ax),
					x->value, 0);
		}
	return labels;
}

struct setl *chart_set_ticks(struct cctx *x, double *widest)
{
	struct setl *ticks = arena_array(x->a, (size_t)x->ax.n_ticks,
					 sizeof *ticks);
	*widest = 0;
	for (int i = 0; i < x->ax.n_ticks; i++) {
		ticks[i] = chart_set(
			x, chart_tick_text(x, chart_tick_value(&x->ax, i)),
			x->axis, 0);
		*widest = fmax(*widest, ticks[i].width);
	}
	return ticks;
}

/* ---- header, legend, source ---- */

static double draw_legend(struct cctx *x, double y)
{
	const struct chart_layout *cl = x->cl;
	double lead = x->legend->leading_pt, cx = 0;
	bool line = x->c->type == CHART_LINE;
	double sw = line ? 3 * cl->legend_swatch_pt : cl->legend_swatch_pt;
	for (size_t i = 0; i < x->c->n_series; i++) {
		struct setl nm =
			chart_set(x, x->c->series[i].name.src, x->legend, 0);
		double w = sw + cl->label_gap_pt + nm.width;
		if (cx > 0 && cx + w > cl->width_pt) {
			cx = 0;
			y += lead;
		}
		double mid = y + lead / 2;
		if (line) {
			chart_rule(x, cx, mid, cx + sw, mid, cl->line_pt,
				   chart_series_rgb(x, i), &cl->line_dashes, i);
			chart_marker(x, i, cx + sw / 2, mid);
		} else {
			chart_series_rect(x, cx, mid - sw / 2, cx + sw,
					  mid + sw / 2, i);
		}
		chart_place(x, &nm, cx + sw + cl->label_gap_pt, y, ANCHOR_LEFT,
			    NULL);
		cx += w + cl->legend_spacing_pt;
	}
	return y + lead + cl->legend_gap_pt;
}

static double draw_header(struct cctx *x)
{
	double w = x->cl->width_pt, y = 0;
	struct setl t = chart_set(x, x->c->title.src, x->title, w);
	chart_place(x, &t, 0, y, ANCHOR_LEFT, NULL);
	y += chart_height(&t) + x->title->space_after_pt;
	struct setl sub = chart_set(x, nl_unit_caption(x->c->unit, x->ax.scale),
				    x->subtitle, w);
	chart_place(x, &sub, 0, y, ANCHOR_LEFT, NULL);
	y += chart_height(&sub) + x->subtitle->space_after_pt;
	if (x->c->n_series > 1)
		y = draw_legend(x, y);
	return y;
}

static struct setl set_source(struct cctx *x)
{
	struct setl s = { .s = x->source };
	if (x->c->source.src)
		s = chart_set(x, arena_printf(x->a, "Bron: %s",
					      x->c->source.src),
			      x->source, x->cl->width_pt);
	return s;
}

static double draw_source(struct cctx *x, const struct setl *s, double y)
{
	if (!x->c->source.src)
		return y;
	y += x->cl->source_gap_pt;
	chart_place(x, s, 0, y, ANCHOR_LEFT, NULL);
	return y + chart_height(s);
}

/* Every category is a year (four digits). */
bool chart_all_years(const struct cctx *x)
{
	for (size_t k = 0; k < x->n_cats; k++) {
		const char *c = x->cats[k];
		if (strlen(c) != 4 || strspn(c, "0123456789") != 4)
			return false;
	}
	return true;
}

/* ---- the chart ---- */

struct chart_drawing *chart_draw(struct typesetter *ts, struct arena *a,
				 const struct layout *l, const struct chart *c,
				 struct diags *diags)
{
	return chart_draw_shorter(ts, a, l, c, 0, diags);
}

struct chart_drawing *chart_draw_shorter(struct typesetter *ts,
					 struct arena *a,
					 const struct layout *l,
					 const struct chart *c, double by_pt,
					 struct diags *diags)
{
	assert(c && c->n_series > 0 && l->chart.palette.n > 0);
	const struct chart_layout *cl = &l->chart;
	double least = cl->plot_height_min_pt > 0 &&
				       cl->plot_height_min_pt < cl->plot_height_pt ?
			       cl->plot_height_min_pt : cl->plot_height_pt;
	double give = c->type == CHART_HBAR ? 0 : cl->plot_height_pt - least;
	assert(by_pt >= 0 && by_pt <= give + 1e-3);
	struct cctx x = {
		.ts = ts, .a = a, .cl = &l->chart, .c = c, .diags = diags,
		.ok = true,
		.title = layout_style(l, "chart_title"),
		.subtitle = layout_style(l, "chart_subtitle"),
		.axis = layout_style(l, "chart_axis"),
		.value = layout_style(l, "chart_value"),
		.legend = layout_style(l, "chart_legend"),
		.source = layout_style(l, "chart_source"),
		.axis_highlight = layout_style(l, "chart_axis_highlight"),
		.value_small = layout_style(l, "chart_value_small"),
		/* A chart never splits; one taller than the text area would
		 * run over the footer. */
		.page_pt = l->page_height_pt - l->margin_top_pt -
			   l->margin_bottom_pt,
		.plot_pt = cl->plot_height_pt - fmin(by_pt, give),
	};
	x.out = arena_alloc(a, sizeof *x.out);
	x.out->width_pt = l->chart.width_pt;
	x.out->shorter_max_pt = give - fmin(by_pt, give);
	gather_categories(&x);
	assert(x.n_cats > 0);
	mark_highlighted(&x);
	compute_axis(&x);
	struct setl source = set_source(&x);
	x.tail_pt = c->source.src ? l->chart.source_gap_pt +
				    chart_height(&source) : 0;
	double y = draw_header(&x);
	y = c->type == CHART_HBAR ? chart_draw_horizontal(&x, y) :
				    chart_draw_vertical(&x, y);
	x.out->height_pt = draw_source(&x, &source, y);
	/* A sum of rows made to fill the page may pass it by a rounding
	 * error; that is not a chart too tall. */
	double room = x.page_pt;
	if (x.ok && x.out->height_pt > room + 1e-6) {
		diag_error(diags, c->id_pos,
			   "chart '%s' is %.0f pt tall with its %zu categories "
			   "and does not fit on a page (at most %.0f pt); "
			   "split it into charts with fewer categories",
			   c->id, x.out->height_pt, x.n_cats, room);
		x.ok = false;
	}
	return x.ok ? x.out : NULL;
}

const struct chart *chart_find(const struct document *doc, const char *id)
{
	for (size_t i = 0; i < doc->n_charts; i++)
		if (doc->charts[i].id && !strcmp(doc->charts[i].id, id))
			return &doc->charts[i];
	return NULL;
}
