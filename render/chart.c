/*
 * chart.c — draw one chart: title, caption of the unit, legend, plot,
 * category and value labels, reference lines and "Bron: …".
 *
 * Input: a valid struct chart, the layout (every length and colour) and
 * the typesetter, which sets each label in the chart_* styles. Output: a
 * chart_drawing whose height follows from its content. Vertical charts
 * (bar, stacked-bar, line) put categories along the bottom; hbar puts them
 * down the left. Axis choices come from chart_axis.c.
 */
#include "chart.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nl.h"

enum anchor { ANCHOR_LEFT, ANCHOR_CENTER, ANCHOR_RIGHT };

struct cctx {
	struct typesetter *ts;
	struct arena *a;
	const struct chart_layout *cl;
	const struct chart *c;
	struct diags *diags;
	struct chart_drawing *out;
	bool ok;
	const struct style *title, *subtitle, *axis, *value, *legend, *source;
	const char **cats;
	size_t n_cats;
	struct chart_axis ax;
};

/* Text set in a style, not yet placed. */
struct setl {
	struct tlabel *lines;
	size_t n;
	double width;
	const struct style *s;
};

/* ---- drawing primitives ---- */

static struct setl set(struct cctx *x, const char *text,
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

static double height_of(const struct setl *l)
{
	return (double)l->n * l->s->leading_pt;
}

static struct tpart *new_label(struct cctx *x)
{
	struct chart_drawing *o = x->out;
	if (o->n_labels == o->cap_labels) {
		size_t cap = o->cap_labels ? 2 * o->cap_labels : 32;
		struct tpart *p = arena_array(x->a, cap, sizeof *p);
		if (o->n_labels)
			memcpy(p, o->labels, o->n_labels * sizeof *p);
		o->labels = p;
		o->cap_labels = cap;
	}
	struct tpart *p = &o->labels[o->n_labels++];
	memset(p, 0, sizeof *p);
	return p;
}

static void place(struct cctx *x, const struct setl *l, double at, double top,
		  enum anchor an, const double *rgb)
{
	const double *c = rgb ? rgb : l->s->color_rgb;
	for (size_t i = 0; i < l->n; i++) {
		double w = l->lines[i].width_pt;
		struct tpart *p = new_label(x);
		p->line = l->lines[i].line;
		p->x_pt = an == ANCHOR_LEFT ? at :
			  an == ANCHOR_CENTER ? at - w / 2 : at - w;
		p->baseline_pt = top + (double)i * l->s->leading_pt +
				 l->lines[i].baseline_pt;
		memcpy(p->rgb, c, sizeof p->rgb);
	}
}

/* A one-line label turned by angle (cairo's sense: negative turns it
 * to read upwards), the middle of its line box's end at (at, top). */
static void place_turned(struct cctx *x, const struct setl *l, double at,
			 double top, double angle)
{
	assert(l->n == 1);
	double w = l->lines[0].width_pt, b = l->lines[0].baseline_pt;
	double half = l->s->leading_pt / 2, c = cos(angle), s = sin(angle);
	struct tpart *p = new_label(x);
	p->line = l->lines[0].line;
	/* From the baseline's left end to that point: w along the turned
	 * baseline, then half - b across it. */
	double ty = top + half * fabs(c);
	p->x_pt = at - w * c + (half - b) * s;
	p->baseline_pt = ty - w * s - (half - b) * c;
	p->angle = angle;
	memcpy(p->rgb, l->s->color_rgb, sizeof p->rgb);
}

static struct dl_path *new_path(struct cctx *x, size_t n_points)
{
	struct chart_drawing *o = x->out;
	if (o->n_paths == o->cap_paths) {
		size_t cap = o->cap_paths ? 2 * o->cap_paths : 64;
		struct dl_path *p = arena_array(x->a, cap, sizeof *p);
		if (o->n_paths)
			memcpy(p, o->paths, o->n_paths * sizeof *p);
		o->paths = p;
		o->cap_paths = cap;
	}
	struct dl_path *p = &o->paths[o->n_paths++];
	memset(p, 0, sizeof *p);
	p->xy = arena_array(x->a, 2 * n_points, sizeof(double));
	p->n = n_points;
	return p;
}

static void rect(struct cctx *x, double x0, double y0, double x1, double y1,
		 const double rgb[3])
{
	struct dl_path *p = new_path(x, 4);
	double *xy = (double *)p->xy;
	double pts[8] = { x0, y0, x1, y0, x1, y1, x0, y1 };
	memcpy(xy, pts, sizeof pts);
	p->closed = true;
	p->fill = true;
	memcpy(p->fill_rgb, rgb, sizeof p->fill_rgb);
}

static void set_dash(struct dl_path *p, const struct dash_list *dl, size_t i)
{
	if (!dl || !dl->n)
		return;
	size_t k = i % (size_t)dl->n;
	p->n_dash = dl->len[k];
	memcpy(p->dash_pt, dl->pt[k], sizeof p->dash_pt);
}

static void rule(struct cctx *x, double x0, double y0, double x1, double y1,
		 double width, const double rgb[3], const struct dash_list *dl,
		 size_t dash)
{
	struct dl_path *p = new_path(x, 2);
	double *xy = (double *)p->xy;
	xy[0] = x0, xy[1] = y0, xy[2] = x1, xy[3] = y1;
	p->stroke_pt = width;
	memcpy(p->stroke_rgb, rgb, sizeof p->stroke_rgb);
	set_dash(p, dl, dash);
}

static const double *series_rgb(const struct cctx *x, size_t i)
{
	return x->cl->palette.rgb[i % (size_t)x->cl->palette.n];
}

static double luminance(const double rgb[3])
{
	return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
}

/* A line's marker: circle, square, triangle, diamond by series, so that
 * series differ in shape as well as colour and dash. */
static void marker(struct cctx *x, size_t series, double cx, double cy)
{
	double r = x->cl->marker_pt / 2;
	static const double shapes[3][8] = {
		{ -0.85, -0.85, 0.85, -0.85, 0.85, 0.85, -0.85, 0.85 },
		{ 0, -1.2, 1.05, 0.75, -1.05, 0.75, 0, 0 },
		{ 0, -1.25, 1.25, 0, 0, 1.25, -1.25, 0 },
	};
	size_t shape = series % 4;
	size_t n = shape == 0 ? 1 : shape == 2 ? 3 : 4;
	struct dl_path *p = new_path(x, n);
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
	memcpy(p->fill_rgb, series_rgb(x, series), sizeof p->fill_rgb);
	p->stroke_pt = x->cl->segment_rule_pt;
	memcpy(p->stroke_rgb, x->cl->light_text_rgb, sizeof p->stroke_rgb);
}

/* ---- data ---- */

static bool value_of(const struct chart_series *s, const char *cat,
		     double *v)
{
	for (size_t i = 0; i < s->n_values; i++)
		if (!strcmp(s->values[i].category, cat)) {
			*v = s->values[i].value;
			return true;
		}
	return false;
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

static size_t category_index(const struct cctx *x, const char *name,
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
static double category_at(const struct cctx *x, const char *name, bool to)
{
	if (!name)
		return to ? (double)x->n_cats : 0;
	size_t k = category_index(x, name, x->n_cats);
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
			if (!value_of(&c->series[s], x->cats[k], &v))
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

/* Position of v on an axis that runs from p0 (at lo) to p1 (at hi). */
static double vpos(const struct chart_axis *ax, double v, double p0, double p1)
{
	return p0 + (v - ax->lo) / (ax->hi - ax->lo) * (p1 - p0);
}

static char *tick_text(struct cctx *x, double v)
{
	if (x->c->unit == UNIT_PERCENT)
		return nl_amount(x->a, v, UNIT_PERCENT, 1, x->ax.tick_decimals);
	return nl_number(x->a, v / x->ax.scale, x->ax.tick_decimals);
}

static double tick_value(const struct chart_axis *ax, int i)
{
	double v = ax->lo + i * ax->step;
	return fabs(v) < ax->step * 1e-9 ? 0 : v;
}

/* ---- header, legend, source ---- */

static double draw_legend(struct cctx *x, double y)
{
	const struct chart_layout *cl = x->cl;
	double lead = x->legend->leading_pt, cx = 0;
	bool line = x->c->type == CHART_LINE;
	double sw = line ? 3 * cl->legend_swatch_pt : cl->legend_swatch_pt;
	for (size_t i = 0; i < x->c->n_series; i++) {
		struct setl nm = set(x, x->c->series[i].name.src, x->legend, 0);
		double w = sw + cl->label_gap_pt + nm.width;
		if (cx > 0 && cx + w > cl->width_pt) {
			cx = 0;
			y += lead;
		}
		double mid = y + lead / 2;
		if (line) {
			rule(x, cx, mid, cx + sw, mid, cl->line_pt,
			     series_rgb(x, i), &cl->line_dashes, i);
			marker(x, i, cx + sw / 2, mid);
		} else {
			rect(x, cx, mid - sw / 2, cx + sw, mid + sw / 2,
			     series_rgb(x, i));
		}
		place(x, &nm, cx + sw + cl->label_gap_pt, y, ANCHOR_LEFT, NULL);
		cx += w + cl->legend_spacing_pt;
	}
	return y + lead + cl->legend_gap_pt;
}

static double draw_header(struct cctx *x)
{
	double w = x->cl->width_pt, y = 0;
	struct setl t = set(x, x->c->title.src, x->title, w);
	place(x, &t, 0, y, ANCHOR_LEFT, NULL);
	y += height_of(&t) + x->title->space_after_pt;
	struct setl sub = set(x, nl_unit_caption(x->c->unit, x->ax.scale),
			      x->subtitle, w);
	place(x, &sub, 0, y, ANCHOR_LEFT, NULL);
	y += height_of(&sub) + x->subtitle->space_after_pt;
	if (x->c->n_series > 1)
		y = draw_legend(x, y);
	return y;
}

static double draw_source(struct cctx *x, double y)
{
	if (!x->c->source.src)
		return y;
	y += x->cl->source_gap_pt;
	struct setl s = set(x, arena_printf(x->a, "Bron: %s", x->c->source.src),
			    x->source, x->cl->width_pt);
	place(x, &s, 0, y, ANCHOR_LEFT, NULL);
	return y + height_of(&s);
}

/* ---- vertical charts: bar, stacked-bar, line ---- */

struct vgeom {
	double x0, x1, top, bottom; /* the plot */
	double slot;                /* width of one category */
};

static double slot_left(const struct vgeom *g, size_t k)
{
	return g->x0 + (double)k * g->slot;
}

static double vy(const struct cctx *x, const struct vgeom *g, double v)
{
	return vpos(&x->ax, v, g->bottom, g->top);
}

/* A value label above (or, for a negative value, below) the point y. */
static void value_label_at(struct cctx *x, const struct setl *l, double cx,
			   double y, bool negative)
{
	double gap = x->cl->label_gap_pt;
	double top = negative ? y + gap : y - gap - height_of(l);
	place(x, l, cx, top, ANCHOR_CENTER, NULL);
}

static void draw_bars(struct cctx *x, const struct vgeom *g)
{
	const struct chart *c = x->c;
	const struct chart_layout *cl = x->cl;
	double m = (double)c->n_series;
	double bw = (g->slot * cl->bar_share - (m - 1) * cl->bar_gap_pt) / m;
	bw = fmin(bw, cl->bar_max_pt);
	double group = m * bw + (m - 1) * cl->bar_gap_pt;
	double pitch = c->n_series > 1 ? bw + cl->bar_gap_pt : g->slot;
	size_t n = x->n_cats * c->n_series;
	struct setl *labels = arena_array(x->a, n, sizeof *labels);
	bool fits = true;
	for (size_t k = 0; k < x->n_cats; k++)
		for (size_t s = 0; s < c->n_series; s++) {
			double v;
			if (!value_of(&c->series[s], x->cats[k], &v))
				continue;
			struct setl *l = &labels[k * c->n_series + s];
			*l = set(x, chart_value_label(x->a, v, c->unit, &x->ax),
				 x->value, 0);
			fits &= l->width + cl->label_gap_pt <= pitch;
		}
	double zero = vy(x, g, 0);
	for (size_t k = 0; k < x->n_cats; k++)
		for (size_t s = 0; s < c->n_series; s++) {
			double v;
			if (!value_of(&c->series[s], x->cats[k], &v))
				continue;
			double bx = slot_left(g, k) + (g->slot - group) / 2 +
				    (double)s * (bw + cl->bar_gap_pt);
			double y = vy(x, g, v);
			rect(x, bx, fmin(zero, y), bx + bw, fmax(zero, y),
			     series_rgb(x, s));
			if (fits)
				value_label_at(x, &labels[k * c->n_series + s],
					       bx + bw / 2, y, v < 0);
		}
}

/* One segment of a stack, with its value inside when there is room and
 * the stack has more than one segment (else its total says it). */
static void stack_segment(struct cctx *x, const struct vgeom *g, double bx,
			  double bw, double base, double v, size_t s,
			  bool label)
{
	const struct chart_layout *cl = x->cl;
	double y0 = vy(x, g, base), y1 = vy(x, g, base + v);
	const double *rgb = series_rgb(x, s);
	rect(x, bx, fmin(y0, y1), bx + bw, fmax(y0, y1), rgb);
	if (base != 0)
		rule(x, bx, y0, bx + bw, y0, cl->segment_rule_pt,
		     cl->light_text_rgb, NULL, 0);
	if (!label)
		return;
	struct setl l = set(x, chart_value_label(x->a, v, x->c->unit, &x->ax),
			    x->value, 0);
	if (fabs(y1 - y0) < height_of(&l) ||
	    l.width + 2 * cl->label_gap_pt > bw)
		return;
	bool dark = luminance(rgb) < cl->dark_fill_below;
	place(x, &l, bx + bw / 2, (y0 + y1) / 2 - height_of(&l) / 2,
	      ANCHOR_CENTER, dark ? cl->light_text_rgb : NULL);
}

static void draw_stacks(struct cctx *x, const struct vgeom *g)
{
	const struct chart *c = x->c;
	const struct chart_layout *cl = x->cl;
	double bw = fmin(g->slot * cl->bar_share, cl->bar_max_pt);
	for (size_t k = 0; k < x->n_cats; k++) {
		double bx = slot_left(g, k) + (g->slot - bw) / 2;
		double pos = 0, neg = 0, v;
		size_t segments = 0;
		for (size_t s = 0; s < c->n_series; s++)
			segments += value_of(&c->series[s], x->cats[k], &v);
		for (size_t s = 0; s < c->n_series; s++) {
			if (!value_of(&c->series[s], x->cats[k], &v))
				continue;
			double *acc = v >= 0 ? &pos : &neg;
			stack_segment(x, g, bx, bw, *acc, v, s, segments > 1);
			*acc += v;
		}
		for (int side = 0; side < 2; side++) {
			double total = side ? neg : pos;
			if (total == 0 && side)
				continue;
			struct setl l = set(x, chart_value_label(
						       x->a, total, c->unit,
						       &x->ax),
					    x->value, 0);
			if (l.width + cl->label_gap_pt <= g->slot)
				value_label_at(x, &l, bx + bw / 2,
					       vy(x, g, total), side);
		}
	}
}

/* Lines through the values of each series; a category without a value
 * leaves a gap. A single series gets its values as labels. */
static void draw_lines(struct cctx *x, const struct vgeom *g)
{
	const struct chart *c = x->c;
	const struct chart_layout *cl = x->cl;
	for (size_t s = 0; s < c->n_series; s++) {
		size_t k = 0;
		while (k < x->n_cats) {
			double v;
			size_t run = 0;
			while (k + run < x->n_cats &&
			       value_of(&c->series[s], x->cats[k + run], &v))
				run++;
			if (run >= 2) {
				struct dl_path *p = new_path(x, run);
				double *xy = (double *)p->xy;
				for (size_t i = 0; i < run; i++) {
					value_of(&c->series[s],
						 x->cats[k + i], &v);
					xy[2 * i] = slot_left(g, k + i) +
						    g->slot / 2;
					xy[2 * i + 1] = vy(x, g, v);
				}
				p->stroke_pt = cl->line_pt;
				memcpy(p->stroke_rgb, series_rgb(x, s),
				       sizeof p->stroke_rgb);
				set_dash(p, &cl->line_dashes, s);
			}
			k += run ? run : 1;
		}
	}
	struct setl *labels = arena_array(x->a, x->n_cats, sizeof *labels);
	bool fits = c->n_series == 1;
	for (size_t k = 0; fits && k < x->n_cats; k++) {
		double v;
		if (value_of(&c->series[0], x->cats[k], &v)) {
			labels[k] = set(x, chart_value_label(x->a, v, c->unit,
							     &x->ax),
					x->value, 0);
			fits = labels[k].width + cl->label_gap_pt <= g->slot;
		}
	}
	for (size_t s = 0; s < c->n_series; s++)
		for (size_t k = 0; k < x->n_cats; k++) {
			double v;
			if (!value_of(&c->series[s], x->cats[k], &v))
				continue;
			double cx = slot_left(g, k) + g->slot / 2;
			marker(x, s, cx, vy(x, g, v));
			if (fits)
				value_label_at(x, &labels[k], cx,
					       vy(x, g, v) - cl->marker_pt / 2,
					       v < 0);
		}
}

/* Reference lines over their categories, labels in the right column,
 * each below the one before when they would touch. */
static void draw_targets_v(struct cctx *x, const struct vgeom *g,
			   const struct setl *labels)
{
	const struct chart_layout *cl = x->cl;
	double below = -INFINITY;
	for (size_t t = 0; t < x->c->n_targets; t++) {
		const struct chart_target *tg = &x->c->targets[t];
		double y = vy(x, g, tg->value);
		double xl = g->x0 + category_at(x, tg->from, false) * g->slot;
		double xr = g->x0 + category_at(x, tg->to, true) * g->slot;
		rule(x, xl, y, xr, y, cl->target_rule_pt, cl->target_rgb,
		     &cl->target_dash, 0);
		double top = fmax(y - height_of(&labels[t]) / 2, below);
		place(x, &labels[t], g->x1 + cl->label_gap_pt, top,
		      ANCHOR_LEFT, cl->target_rgb);
		below = top + height_of(&labels[t]);
	}
}

/* How the category labels go under the plot: on one line; wrapped in
 * their slot on at most two lines; years that do not fit: every k-th;
 * other labels that do not fit: turned, every k-th if even that is too
 * tight. */
enum cat_mode { CAT_LINE, CAT_WRAP, CAT_THIN, CAT_TURN };

struct catplan {
	enum cat_mode mode;
	struct setl *one, *wrapped;
	double widest;
	size_t lines, stride;
	double angle; /* CAT_TURN, cairo's sense */
};

static bool all_years(const struct cctx *x)
{
	for (size_t k = 0; k < x->n_cats; k++) {
		const char *c = x->cats[k];
		if (strlen(c) != 4 || strspn(c, "0123456789") != 4)
			return false;
	}
	return true;
}

static void measure_categories(struct cctx *x, struct catplan *p)
{
	p->one = arena_array(x->a, x->n_cats, sizeof *p->one);
	p->wrapped = arena_array(x->a, x->n_cats, sizeof *p->wrapped);
	p->widest = 0;
	for (size_t k = 0; k < x->n_cats; k++) {
		p->one[k] = set(x, x->cats[k], x->axis, 0);
		p->widest = fmax(p->widest, p->one[k].width);
	}
	p->angle = -x->cl->label_angle_deg * G_PI / 180;
}

static void plan_categories(struct cctx *x, double slot, struct catplan *p)
{
	const struct chart_layout *cl = x->cl;
	double room = slot - cl->label_gap_pt;
	p->mode = CAT_LINE;
	p->lines = 1;
	p->stride = 1;
	if (p->widest <= room)
		return;
	bool wrap_ok = room > 0;
	for (size_t k = 0; wrap_ok && k < x->n_cats; k++) {
		p->wrapped[k] = p->one[k].width <= room ?
					p->one[k] :
					set(x, x->cats[k], x->axis, room);
		wrap_ok = p->wrapped[k].n <= 2 && p->wrapped[k].width <= room;
		p->lines = p->wrapped[k].n > p->lines ? p->wrapped[k].n :
							p->lines;
	}
	if (wrap_ok) {
		p->mode = CAT_WRAP;
		return;
	}
	p->lines = 1;
	if (all_years(x)) {
		p->mode = CAT_THIN;
		p->stride = chart_label_stride(p->widest, slot,
					       cl->label_gap_pt, x->n_cats);
		return;
	}
	/* Turned labels lie side by side, slot * sin(angle) apart. */
	p->mode = CAT_TURN;
	p->stride = chart_label_stride(x->axis->leading_pt,
				       slot * fabs(sin(p->angle)), 0,
				       x->n_cats);
}

/* Room a turned label k needs left of the plot's start. */
static double turned_overhang(const struct cctx *x, const struct catplan *p,
			      double slot)
{
	double need = 0;
	for (size_t k = 0; k < x->n_cats; k += p->stride) {
		double w = p->one[k].width * cos(p->angle) +
			   x->axis->leading_pt / 2 * fabs(sin(p->angle));
		need = fmax(need, w - ((double)k + 0.5) * slot);
	}
	return need;
}

/* The labels under the plot from top; returns their height. */
static double draw_categories_v(struct cctx *x, const struct vgeom *g,
				const struct catplan *p, double top)
{
	const struct chart_layout *cl = x->cl;
	double height = (double)p->lines * x->axis->leading_pt;
	for (size_t k = 0; k < x->n_cats; k += p->stride) {
		double cx = slot_left(g, k) + g->slot / 2;
		if (p->mode == CAT_TURN) {
			place_turned(x, &p->one[k], cx, top, p->angle);
			height = fmax(height, p->one[k].width *
						      fabs(sin(p->angle)) +
						      x->axis->leading_pt *
						      cos(p->angle));
			continue;
		}
		const struct setl *l = p->mode == CAT_WRAP ? &p->wrapped[k] :
							     &p->one[k];
		/* Centred under its category, but never past the edges. */
		double at = fmin(fmax(cx, l->width / 2),
				 cl->width_pt - l->width / 2);
		place(x, l, at, top, ANCHOR_CENTER, NULL);
	}
	return height;
}

static void draw_grid_v(struct cctx *x, const struct vgeom *g,
			const struct setl *ticks)
{
	const struct chart_layout *cl = x->cl;
	for (int i = 0; i < x->ax.n_ticks; i++) {
		double v = tick_value(&x->ax, i);
		double y = vy(x, g, v);
		if (v != 0)
			rule(x, g->x0, y, g->x1, y, cl->grid_rule_pt,
			     cl->grid_rgb, NULL, 0);
		place(x, &ticks[i], g->x0 - cl->axis_gap_pt,
		      y - height_of(&ticks[i]) / 2, ANCHOR_RIGHT, NULL);
	}
}

static double draw_vertical(struct cctx *x, double y)
{
	const struct chart_layout *cl = x->cl;
	const struct chart *c = x->c;
	struct setl *ticks = arena_array(x->a, (size_t)x->ax.n_ticks,
					 sizeof *ticks);
	double tick_w = 0;
	for (int i = 0; i < x->ax.n_ticks; i++) {
		ticks[i] = set(x, tick_text(x, tick_value(&x->ax, i)), x->axis,
			       0);
		tick_w = fmax(tick_w, ticks[i].width);
	}
	struct setl *tl = arena_array(x->a, c->n_targets + 1, sizeof *tl);
	double tcol = 0;
	for (size_t t = 0; t < c->n_targets; t++) {
		tl[t] = set(x, c->targets[t].label.src, x->axis,
			    cl->target_label_pt);
		tcol = fmax(tcol, tl[t].width + cl->label_gap_pt);
	}
	struct vgeom g;
	g.x0 = tick_w + cl->axis_gap_pt;
	g.x1 = cl->width_pt - tcol;
	g.slot = (g.x1 - g.x0) / (double)x->n_cats;
	struct catplan plan;
	measure_categories(x, &plan);
	plan_categories(x, g.slot, &plan);
	if (plan.mode == CAT_TURN) {
		/* Turned labels reach left of their category: make room. */
		g.x0 += turned_overhang(x, &plan, g.slot);
		g.slot = (g.x1 - g.x0) / (double)x->n_cats;
		plan_categories(x, g.slot, &plan);
	}
	/* Room above the plot for the labels of the highest values, and
	 * below it for those of negative ones. */
	double lead = x->value->leading_pt;
	g.top = y + lead;
	g.bottom = g.top + cl->plot_height_pt;
	draw_grid_v(x, &g, ticks);
	if (c->type == CHART_BAR)
		draw_bars(x, &g);
	else if (c->type == CHART_STACKED_BAR)
		draw_stacks(x, &g);
	double zero = vy(x, &g, 0);
	rule(x, g.x0, zero, g.x1, zero, cl->axis_rule_pt, cl->axis_rgb, NULL,
	     0);
	if (c->type == CHART_LINE)
		draw_lines(x, &g);
	draw_targets_v(x, &g, tl);
	double below = x->ax.lo < 0 ? lead : 0;
	double top = g.bottom + below + cl->axis_gap_pt;
	return top + draw_categories_v(x, &g, &plan, top);
}

/* ---- horizontal bars ---- */

struct hgeom {
	double x0, x1, top, bottom; /* the plot */
	double *row_top, *row_h;
};

static double hx(const struct cctx *x, const struct hgeom *g, double v)
{
	return vpos(&x->ax, v, g->x0, g->x1);
}

static void draw_hbars(struct cctx *x, const struct hgeom *g,
		       const struct setl *labels)
{
	const struct chart *c = x->c;
	const struct chart_layout *cl = x->cl;
	double m = (double)c->n_series, zero = hx(x, g, 0);
	for (size_t k = 0; k < x->n_cats; k++) {
		double bh = (g->row_h[k] * cl->bar_share -
			     (m - 1) * cl->bar_gap_pt) / m;
		bh = fmin(bh, cl->bar_max_pt);
		double group = m * bh + (m - 1) * cl->bar_gap_pt;
		double y = g->row_top[k] + (g->row_h[k] - group) / 2;
		for (size_t s = 0; s < c->n_series; s++, y += bh + cl->bar_gap_pt) {
			double v;
			if (!value_of(&c->series[s], x->cats[k], &v))
				continue;
			double xv = hx(x, g, v);
			rect(x, fmin(zero, xv), y, fmax(zero, xv), y + bh,
			     series_rgb(x, s));
			const struct setl *l = &labels[k * c->n_series + s];
			place(x, l, v < 0 ? xv - cl->label_gap_pt :
					    xv + cl->label_gap_pt,
			      y + bh / 2 - height_of(l) / 2,
			      v < 0 ? ANCHOR_RIGHT : ANCHOR_LEFT, NULL);
		}
	}
}

static void draw_targets_h(struct cctx *x, const struct hgeom *g)
{
	const struct chart_layout *cl = x->cl;
	for (size_t t = 0; t < x->c->n_targets; t++) {
		const struct chart_target *tg = &x->c->targets[t];
		double xv = hx(x, g, tg->value);
		size_t from = category_index(x, tg->from, 0);
		size_t to = category_index(x, tg->to, x->n_cats - 1);
		double y0 = g->row_top[from];
		double y1 = g->row_top[to] + g->row_h[to];
		rule(x, xv, y0, xv, y1, cl->target_rule_pt, cl->target_rgb,
		     &cl->target_dash, 0);
		struct setl l = set(x, tg->label.src, x->axis, 0);
		double at = fmin(fmax(xv, g->x0 + l.width / 2),
				 cl->width_pt - l.width / 2);
		place(x, &l, at, g->top - height_of(&l), ANCHOR_CENTER,
		      cl->target_rgb);
	}
}

static void draw_grid_h(struct cctx *x, const struct hgeom *g)
{
	const struct chart_layout *cl = x->cl;
	struct setl *ticks = arena_array(x->a, (size_t)x->ax.n_ticks,
					 sizeof *ticks);
	double widest = 0;
	for (int i = 0; i < x->ax.n_ticks; i++) {
		ticks[i] = set(x, tick_text(x, tick_value(&x->ax, i)), x->axis,
			       0);
		widest = fmax(widest, ticks[i].width);
	}
	double pitch = (g->x1 - g->x0) / (x->ax.n_ticks - 1);
	size_t stride = chart_label_stride(widest, pitch, cl->label_gap_pt,
					   (size_t)x->ax.n_ticks);
	for (int i = 0; i < x->ax.n_ticks; i++) {
		double v = tick_value(&x->ax, i), xv = hx(x, g, v);
		if (v != 0)
			rule(x, xv, g->top, xv, g->bottom, cl->grid_rule_pt,
			     cl->grid_rgb, NULL, 0);
		if ((size_t)i % stride == 0)
			place(x, &ticks[i], xv, g->bottom + cl->axis_gap_pt,
			      ANCHOR_CENTER, NULL);
	}
}

static double draw_horizontal(struct cctx *x, double y)
{
	const struct chart *c = x->c;
	const struct chart_layout *cl = x->cl;
	struct setl *cats = arena_array(x->a, x->n_cats, sizeof *cats);
	double lab_w = 0;
	for (size_t k = 0; k < x->n_cats; k++) {
		cats[k] = set(x, x->cats[k], x->axis,
			      cl->width_pt * cl->hbar_label_share);
		lab_w = fmax(lab_w, cats[k].width);
	}
	size_t n = x->n_cats * c->n_series;
	struct setl *labels = arena_array(x->a, n, sizeof *labels);
	double pos_w = 0, neg_w = 0;
	for (size_t k = 0; k < x->n_cats; k++)
		for (size_t s = 0; s < c->n_series; s++) {
			double v;
			if (!value_of(&c->series[s], x->cats[k], &v))
				continue;
			struct setl *l = &labels[k * c->n_series + s];
			*l = set(x, chart_value_label(x->a, v, c->unit, &x->ax),
				 x->value, 0);
			*(v < 0 ? &neg_w : &pos_w) =
				fmax(*(v < 0 ? &neg_w : &pos_w),
				     l->width + cl->label_gap_pt);
		}
	struct hgeom g;
	g.x0 = lab_w + cl->axis_gap_pt + neg_w;
	g.x1 = cl->width_pt - fmax(pos_w, cl->label_gap_pt * 4);
	g.top = y + (c->n_targets ? x->axis->leading_pt : 0);
	g.row_top = arena_array(x->a, x->n_cats, sizeof(double));
	g.row_h = arena_array(x->a, x->n_cats, sizeof(double));
	double ry = g.top;
	for (size_t k = 0; k < x->n_cats; k++) {
		g.row_top[k] = ry;
		/* A row grows with its series: one bar takes hbar_row_pt,
		 * each further one half as much again. */
		double m = (double)c->n_series;
		g.row_h[k] = fmax(cl->hbar_row_pt * (m + 1) / 2,
				  height_of(&cats[k]) + 2 * cl->label_gap_pt);
		place(x, &cats[k], 0, ry + g.row_h[k] / 2 -
			  height_of(&cats[k]) / 2, ANCHOR_LEFT, NULL);
		ry += g.row_h[k];
	}
	g.bottom = ry;
	draw_grid_h(x, &g);
	draw_hbars(x, &g, labels);
	double zero = hx(x, &g, 0);
	rule(x, zero, g.top, zero, g.bottom, cl->axis_rule_pt, cl->axis_rgb,
	     NULL, 0);
	draw_targets_h(x, &g);
	return g.bottom + cl->axis_gap_pt + x->axis->leading_pt;
}

/* ---- the chart ---- */

struct chart_drawing *chart_draw(struct typesetter *ts, struct arena *a,
				 const struct layout *l, const struct chart *c,
				 struct diags *diags)
{
	assert(c && c->n_series > 0 && l->chart.palette.n > 0);
	struct cctx x = {
		.ts = ts, .a = a, .cl = &l->chart, .c = c, .diags = diags,
		.ok = true,
		.title = layout_style(l, "chart_title"),
		.subtitle = layout_style(l, "chart_subtitle"),
		.axis = layout_style(l, "chart_axis"),
		.value = layout_style(l, "chart_value"),
		.legend = layout_style(l, "chart_legend"),
		.source = layout_style(l, "chart_source"),
	};
	x.out = arena_alloc(a, sizeof *x.out);
	x.out->width_pt = l->chart.width_pt;
	gather_categories(&x);
	assert(x.n_cats > 0);
	compute_axis(&x);
	double y = draw_header(&x);
	y = c->type == CHART_HBAR ? draw_horizontal(&x, y) :
				    draw_vertical(&x, y);
	x.out->height_pt = draw_source(&x, y);
	return x.ok ? x.out : NULL;
}

const struct chart *chart_find(const struct document *doc, const char *id)
{
	for (size_t i = 0; i < doc->n_charts; i++)
		if (doc->charts[i].id && !strcmp(doc->charts[i].id, id))
			return &doc->charts[i];
	return NULL;
}
