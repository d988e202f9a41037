/*
 * chart_vertical.c — the plot of a vertical chart: bar (grouped for
 * several series), stacked-bar and line.
 *
 * Input: the drawing context of chart.c with the axis chosen. Output:
 * grid and tick labels at the left, bars or lines with their value labels,
 * reference lines with their labels in a column at the right, and the
 * category labels under the plot: on one line, wrapped, thinned (years)
 * or turned (other labels), never overlapping.
 */
#include "chart_priv.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- vertical charts: bar, stacked-bar, line ---- */

struct vgeom {
	double x0, x1, top, bottom; /* the plot */
	double slot;                /* width of one category */
	double *cx;                 /* the middle of each category */
	bool by_year;               /* a line over years: x in proportion */
};

static double slot_left(const struct vgeom *g, size_t k)
{
	return g->x0 + (double)k * g->slot;
}

/* Where a year falls on a line chart over years, within the plot. */
static double year_x(const struct cctx *x, const struct vgeom *g,
		     double year)
{
	double first = atof(x->cats[0]), last = atof(x->cats[x->n_cats - 1]);
	double t = (year - first) / (last - first);
	double v = g->x0 + g->slot / 2 + t * (g->x1 - g->x0 - g->slot);
	return fmin(fmax(v, g->x0), g->x1);
}

/* Categories side by side; but a line over years ascending puts each
 * year in proportion, so that 2025 to 2035 is ten times 2024 to 2025. */
static void category_centres(struct cctx *x, struct vgeom *g)
{
	g->cx = arena_array(x->a, x->n_cats, sizeof *g->cx);
	g->by_year = x->c->type == CHART_LINE && x->n_cats >= 2 &&
		     chart_all_years(x);
	for (size_t k = 1; g->by_year && k < x->n_cats; k++)
		g->by_year = atof(x->cats[k]) > atof(x->cats[k - 1]);
	for (size_t k = 0; k < x->n_cats; k++)
		g->cx[k] = g->by_year ? year_x(x, g, atof(x->cats[k])) :
					slot_left(g, k) + g->slot / 2;
}

static double vy(const struct cctx *x, const struct vgeom *g, double v)
{
	return chart_vpos(&x->ax, v, g->bottom, g->top);
}

/* A value label above (or, for a negative value, below) the point y. */
static void value_label_at(struct cctx *x, const struct setl *l, double cx,
			   double y, bool negative)
{
	double gap = x->cl->label_gap_pt;
	double top = negative ? y + gap : y - gap - chart_height(l);
	chart_place(x, l, cx, top, ANCHOR_CENTER, NULL);
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
	struct setl *labels = chart_set_values(x);
	bool fits = true;
	for (size_t i = 0; i < x->n_cats * c->n_series; i++)
		fits &= !labels[i].lines ||
			labels[i].width + cl->label_gap_pt <= pitch;
	double zero = vy(x, g, 0);
	for (size_t k = 0; k < x->n_cats; k++)
		for (size_t s = 0; s < c->n_series; s++) {
			double v;
			if (!chart_value_of(&c->series[s], x->cats[k], &v))
				continue;
			double bx = slot_left(g, k) + (g->slot - group) / 2 +
				    (double)s * (bw + cl->bar_gap_pt);
			double y = vy(x, g, v);
			chart_bar_rect(x, bx, fmin(zero, y), bx + bw,
				       fmax(zero, y), s, k);
			if (fits)
				value_label_at(x, &labels[k * c->n_series + s],
					       bx + bw / 2, y, v < 0);
		}
}

/* One segment of a stack, with its value inside when there is room and
 * the stack has more than one segment (else its total says it). */
static void stack_segment(struct cctx *x, const struct vgeom *g, double bx,
			  double bw, double base, double v, size_t s, size_t k,
			  bool label)
{
	const struct chart_layout *cl = x->cl;
	double y0 = vy(x, g, base), y1 = vy(x, g, base + v);
	const double *rgb = chart_series_rgb(x, s);
	chart_bar_rect(x, bx, fmin(y0, y1), bx + bw, fmax(y0, y1), s, k);
	if (base != 0)
		chart_rule(x, bx, y0, bx + bw, y0, cl->segment_rule_pt,
			   cl->light_text_rgb, NULL, 0);
	if (!label)
		return;
	struct setl l = chart_set(
		x, chart_value_label(x->a, v, x->c->unit, &x->ax), x->value, 0);
	if (fabs(y1 - y0) < chart_height(&l) ||
	    l.width + 2 * cl->label_gap_pt > bw)
		return;
	bool dark = chart_luminance(rgb) < cl->dark_fill_below;
	chart_place(x, &l, bx + bw / 2, (y0 + y1) / 2 - chart_height(&l) / 2,
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
			segments +=
				chart_value_of(&c->series[s], x->cats[k], &v);
		for (size_t s = 0; s < c->n_series; s++) {
			if (!chart_value_of(&c->series[s], x->cats[k], &v))
				continue;
			double *acc = v >= 0 ? &pos : &neg;
			stack_segment(x, g, bx, bw, *acc, v, s, k,
				      segments > 1);
			*acc += v;
		}
		for (int side = 0; side < 2; side++) {
			double total = side ? neg : pos;
			/* A total per side that has segments; a stack of
			 * zeros still says 0. */
			if (side ? neg == 0 : pos == 0 && neg < 0)
				continue;
			struct setl l = chart_set(
				x,
				chart_value_label(x->a, total, c->unit, &x->ax),
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
			       chart_value_of(&c->series[s], x->cats[k + run],
					      &v))
				run++;
			if (run >= 2) {
				struct dl_path *p = chart_new_path(x, run);
				double *xy = (double *)p->xy;
				for (size_t i = 0; i < run; i++) {
					chart_value_of(&c->series[s],
						       x->cats[k + i], &v);
					xy[2 * i] = g->cx[k + i];
					xy[2 * i + 1] = vy(x, g, v);
				}
				p->stroke_pt = cl->line_pt;
				memcpy(p->stroke_rgb, chart_series_rgb(x, s),
				       sizeof p->stroke_rgb);
				chart_set_dash(p, &cl->line_dashes, s);
			}
			k += run ? run : 1;
		}
	}
	struct setl *labels = arena_array(x->a, x->n_cats, sizeof *labels);
	bool fits = c->n_series == 1;
	double right = -INFINITY; /* of the label before */
	for (size_t k = 0; fits && k < x->n_cats; k++) {
		double v;
		if (chart_value_of(&c->series[0], x->cats[k], &v)) {
			labels[k] = chart_set(
				x, chart_value_label(x->a, v, c->unit, &x->ax),
				x->value, 0);
			double half = labels[k].width / 2;
			fits = g->cx[k] - half >= right + cl->label_gap_pt &&
			       g->cx[k] - half >= 0 &&
			       g->cx[k] + half <= cl->width_pt;
			right = g->cx[k] + half;
		}
	}
	for (size_t s = 0; s < c->n_series; s++)
		for (size_t k = 0; k < x->n_cats; k++) {
			double v;
			if (!chart_value_of(&c->series[s], x->cats[k], &v))
				continue;
			double cx = g->cx[k];
			chart_marker(x, s, cx, vy(x, g, v));
			if (x->highlighted[k])
				memcpy(x->out->paths[x->out->n_paths - 1]
					       .fill_rgb,
				       cl->highlight_rgb, sizeof cl->highlight_rgb);
			if (fits)
				value_label_at(x, &labels[k], cx,
					       vy(x, g, v) - cl->marker_pt / 2,
					       v < 0);
		}
}

/* The labels in the column right of the plot: each target's, and the
 * last value of each line that reaches the last category (a line chart of
 * several series, whose values are not labelled along the lines). Each
 * wants its middle at the height of its line; they are set apart there by
 * chart_spread_labels. */
struct rlabel {
	struct setl l;
	double want, at; /* middles: at its line, and where it goes */
	const double *rgb; /* of its text (NULL: the style's) and leader */
	const double *leader_rgb;
};

struct rcolumn {
	struct rlabel *labels; /* in order of want */
	size_t n;
	double width;   /* of the widest */
	bool moved;     /* any label is off its line: leaders are drawn */
};

static int cmp_rlabel(const void *pa, const void *pb)
{
	const struct rlabel *a = pa, *b = pb;
	return a->want < b->want ? -1 : a->want > b->want;
}

/* A line's last value, when it has one at the last category. */
static bool line_end(const struct cctx *x, size_t s, double *v)
{
	return x->c->type == CHART_LINE && x->c->n_series > 1 &&
	       chart_value_of(&x->c->series[s], x->cats[x->n_cats - 1], v);
}

static void plan_right_column(struct cctx *x, const struct vgeom *g,
			      double lo, struct rcolumn *col)
{
	const struct chart *c = x->c;
	const struct chart_layout *cl = x->cl;
	col->labels = arena_array(x->a, c->n_targets + c->n_series + 1,
				  sizeof *col->labels);
	col->n = 0;
	col->width = 0;
	for (size_t t = 0; t < c->n_targets; t++)
		col->labels[col->n++] = (struct rlabel){
			chart_set(x, c->targets[t].label.src, x->axis,
				  cl->target_label_pt),
			vy(x, g, c->targets[t].value), 0, cl->target_rgb,
			cl->target_rgb };
	for (size_t s = 0; s < c->n_series; s++) {
		double v;
		if (line_end(x, s, &v))
			col->labels[col->n++] = (struct rlabel){
				chart_set(x, chart_value_label(x->a, v, c->unit,
							       &x->ax),
					  x->value, 0),
				vy(x, g, v), 0, NULL, cl->axis_rgb };
	}
	/* A stable order: two labels at one height keep the order written. */
	for (size_t i = 1; i < col->n; i++)
		for (size_t j = i; j > 0 && cmp_rlabel(&col->labels[j - 1],
						       &col->labels[j]) > 0;
		     j--) {
			struct rlabel t = col->labels[j];
			col->labels[j] = col->labels[j - 1];
			col->labels[j - 1] = t;
		}
	double *want = arena_array(x->a, col->n + 1, sizeof *want);
	double *size = arena_array(x->a, col->n + 1, sizeof *size);
	double *at = arena_array(x->a, col->n + 1, sizeof *at);
	for (size_t i = 0; i < col->n; i++) {
		want[i] = col->labels[i].want;
		size[i] = chart_height(&col->labels[i].l);
		col->width = fmax(col->width, col->labels[i].l.width);
	}
	chart_spread_labels(want, size, col->n, 0, lo, g->bottom, x->a, at);
	col->moved = false;
	for (size_t i = 0; i < col->n; i++) {
		col->labels[i].at = at[i];
		col->moved |= fabs(at[i] - want[i]) > CHART_MOVED_PT;
	}
}

/* Reference lines over their categories. */
static void draw_targets_v(struct cctx *x, const struct vgeom *g)
{
	const struct chart_layout *cl = x->cl;
	for (size_t t = 0; t < x->c->n_targets; t++) {
		const struct chart_target *tg = &x->c->targets[t];
		double y = vy(x, g, tg->value);
		double xl = g->x0 +
			    chart_category_at(x, tg->from, false) * g->slot;
		double xr = g->x0 +
			    chart_category_at(x, tg->to, true) * g->slot;
		if (g->by_year) {
			xl = tg->from ? year_x(x, g, atof(tg->from)) : g->x0;
			xr = tg->to ? year_x(x, g, atof(tg->to)) : g->x1;
		}
		chart_rule(x, xl, y, xr, y, cl->target_rule_pt, cl->target_rgb,
			   &cl->target_dash, 0);
	}
}

/* The right column's labels; a label moved off its line gets a rule to
 * it. Returns the bottom of the lowest. */
static double draw_right_column(struct cctx *x, const struct vgeom *g,
				const struct rcolumn *col)
{
	const struct chart_layout *cl = x->cl;
	double lead = col->moved ? cl->leader_pt : 0, bottom = g->top;
	for (size_t i = 0; i < col->n; i++) {
		const struct rlabel *r = &col->labels[i];
		double h = chart_height(&r->l);
		if (fabs(r->at - r->want) > CHART_MOVED_PT)
			chart_leader(x, g->x1, r->want, g->x1 + lead, r->at,
				     r->leader_rgb);
		chart_place(x, &r->l, g->x1 + lead + cl->label_gap_pt,
			    r->at - h / 2, ANCHOR_LEFT, r->rgb);
		bottom = fmax(bottom, r->at + h / 2);
	}
	return bottom;
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

static void measure_categories(struct cctx *x, struct catplan *p)
{
	p->one = arena_array(x->a, x->n_cats, sizeof *p->one);
	p->wrapped = arena_array(x->a, x->n_cats, sizeof *p->wrapped);
	p->widest = 0;
	for (size_t k = 0; k < x->n_cats; k++) {
		p->one[k] = chart_set(x, x->cats[k],
				      chart_category_style(x, k), 0);
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
					chart_set(x, x->cats[k],
						  chart_category_style(x, k),
						  room);
		wrap_ok = p->wrapped[k].n <= 2 && p->wrapped[k].width <= room;
		p->lines = p->wrapped[k].n > p->lines ? p->wrapped[k].n :
							p->lines;
	}
	if (wrap_ok) {
		p->mode = CAT_WRAP;
		return;
	}
	p->lines = 1;
	if (chart_all_years(x)) {
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

/* Years in proportion: from the left, each that clears the one before;
 * the last year always, at the cost of those it would touch. */
static void place_years(struct cctx *x, const struct vgeom *g,
			const struct catplan *p, double top)
{
	double gap = x->cl->label_gap_pt;
	size_t n = x->n_cats;
	bool *shown = arena_array(x->a, n, sizeof *shown);
	double right = -INFINITY;
	for (size_t k = 0; k < n; k++) {
		double half = p->one[k].width / 2;
		if (g->cx[k] - half >= right + gap || k == n - 1) {
			shown[k] = true;
			right = g->cx[k] + half;
		}
	}
	double left = g->cx[n - 1] - p->one[n - 1].width / 2;
	for (size_t k = n - 1; k-- > 0;)
		if (shown[k] && g->cx[k] + p->one[k].width / 2 + gap > left)
			shown[k] = false;
	for (size_t k = 0; k < n; k++) {
		if (!shown[k])
			continue;
		const struct setl *l = &p->one[k];
		double at = fmin(fmax(g->cx[k], l->width / 2),
				 x->cl->width_pt - l->width / 2);
		chart_place(x, l, at, top, ANCHOR_CENTER, NULL);
	}
}

/* The labels under the plot from top; returns their height. */
static double draw_categories_v(struct cctx *x, const struct vgeom *g,
				const struct catplan *p, double top)
{
	const struct chart_layout *cl = x->cl;
	double height = (double)p->lines * x->axis->leading_pt;
	if (g->by_year) {
		place_years(x, g, p, top);
		return height;
	}
	for (size_t k = 0; k < x->n_cats; k += p->stride) {
		double cx = g->cx[k];
		if (p->mode == CAT_TURN) {
			chart_place_turned(x, &p->one[k], cx, top, p->angle);
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
		chart_place(x, l, at, top, ANCHOR_CENTER, NULL);
	}
	return height;
}

static void draw_grid_v(struct cctx *x, const struct vgeom *g,
			const struct setl *ticks)
{
	const struct chart_layout *cl = x->cl;
	for (int i = 0; i < x->ax.n_ticks; i++) {
		double v = chart_tick_value(&x->ax, i);
		double y = vy(x, g, v);
		if (v != 0)
			chart_rule(x, g->x0, y, g->x1, y, cl->grid_rule_pt,
				   cl->grid_rgb, NULL, 0);
		chart_place(x, &ticks[i], g->x0 - cl->axis_gap_pt,
			    y - chart_height(&ticks[i]) / 2, ANCHOR_RIGHT,
			    NULL);
	}
}

double chart_draw_vertical(struct cctx *x, double y)
{
	const struct chart_layout *cl = x->cl;
	const struct chart *c = x->c;
	double tick_w;
	struct setl *ticks = chart_set_ticks(x, &tick_w);
	/* Room above the plot for the labels of the highest values, and
	 * below it for those of negative ones. */
	double lead = x->value->leading_pt;
	struct vgeom g;
	g.top = y + lead;
	g.bottom = g.top + x->plot_pt;
	struct rcolumn col;
	plan_right_column(x, &g, y, &col);
	double tcol = col.n ? col.width + cl->label_gap_pt +
			      (col.moved ? cl->leader_pt : 0) : 0;
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
	category_centres(x, &g);
	draw_grid_v(x, &g, ticks);
	if (c->type == CHART_BAR)
		draw_bars(x, &g);
	else if (c->type == CHART_STACKED_BAR)
		draw_stacks(x, &g);
	double zero = vy(x, &g, 0);
	chart_rule(x, g.x0, zero, g.x1, zero, cl->axis_rule_pt, cl->axis_rgb,
		   NULL, 0);
	if (c->type == CHART_LINE)
		draw_lines(x, &g);
	draw_targets_v(x, &g);
	double column_bottom = draw_right_column(x, &g, &col);
	double below = x->ax.lo < 0 ? lead : 0;
	double top = g.bottom + below + cl->axis_gap_pt;
	return fmax(top + draw_categories_v(x, &g, &plan, top), column_bottom);
}
