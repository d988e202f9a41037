/*
 * chart_hbar.c — the plot of a horizontal bar chart (hbar).
 *
 * Input: the drawing context of chart.c with the axis chosen. Output:
 * category labels down the left (wrapped when long), a row per category
 * with a bar per series and its value at its end, the value axis along
 * the bottom and reference lines with their labels above the plot.
 */
#include "chart_priv.h"

#include <math.h>
#include <string.h>

/* ---- horizontal bars ---- */

struct hgeom {
	double x0, x1, top, bottom; /* the plot */
	double *row_top, *row_h;
};

static double hx(const struct cctx *x, const struct hgeom *g, double v)
{
	return chart_vpos(&x->ax, v, g->x0, g->x1);
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
		for (size_t s = 0; s < c->n_series;
		     s++, y += bh + cl->bar_gap_pt) {
			double v;
			if (!chart_value_of(&c->series[s], x->cats[k], &v))
				continue;
			double xv = hx(x, g, v);
			chart_series_rect(x, fmin(zero, xv), y, fmax(zero, xv),
					  y + bh, s);
			const struct setl *l = &labels[k * c->n_series + s];
			chart_place(x, l, v < 0 ? xv - cl->label_gap_pt :
				    xv + cl->label_gap_pt,
				    y + bh / 2 - chart_height(l) / 2,
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
		size_t from = chart_category_index(x, tg->from, 0);
		size_t to = chart_category_index(x, tg->to, x->n_cats - 1);
		double y0 = g->row_top[from];
		double y1 = g->row_top[to] + g->row_h[to];
		chart_rule(x, xv, y0, xv, y1, cl->target_rule_pt,
			   cl->target_rgb, &cl->target_dash, 0);
		struct setl l = chart_set(x, tg->label.src, x->axis, 0);
		double at = fmin(fmax(xv, g->x0 + l.width / 2),
				 cl->width_pt - l.width / 2);
		/* Each label on a line of its own above the plot, the
		 * last nearest to it: two close values never collide. */
		double above = (double)(x->c->n_targets - t) *
			       x->axis->leading_pt;
		chart_place(x, &l, at, g->top - above, ANCHOR_CENTER,
			    cl->target_rgb);
	}
}

static void draw_grid_h(struct cctx *x, const struct hgeom *g)
{
	const struct chart_layout *cl = x->cl;
	double widest;
	struct setl *ticks = chart_set_ticks(x, &widest);
	double pitch = (g->x1 - g->x0) / (x->ax.n_ticks - 1);
	size_t stride = chart_label_stride(widest, pitch, cl->label_gap_pt,
					   (size_t)x->ax.n_ticks);
	for (int i = 0; i < x->ax.n_ticks; i++) {
		double v = chart_tick_value(&x->ax, i), xv = hx(x, g, v);
		if (v != 0)
			chart_rule(x, xv, g->top, xv, g->bottom,
				   cl->grid_rule_pt, cl->grid_rgb, NULL, 0);
		if ((size_t)i % stride == 0)
			chart_place(x, &ticks[i], xv,
				    g->bottom + cl->axis_gap_pt, ANCHOR_CENTER,
				    NULL);
	}
}

double chart_draw_horizontal(struct cctx *x, double y)
{
	const struct chart *c = x->c;
	const struct chart_layout *cl = x->cl;
	struct setl *cats = arena_array(x->a, x->n_cats, sizeof *cats);
	double lab_w = 0;
	for (size_t k = 0; k < x->n_cats; k++) {
		cats[k] = chart_set(x, x->cats[k], x->axis,
				    cl->width_pt * cl->hbar_label_share);
		lab_w = fmax(lab_w, cats[k].width);
	}
	struct setl *labels = chart_set_values(x);
	double pos_w = 0, neg_w = 0;
	for (size_t k = 0; k < x->n_cats; k++)
		for (size_t s = 0; s < c->n_series; s++) {
			double v;
			if (!chart_value_of(&c->series[s], x->cats[k], &v))
				continue;
			const struct setl *l = &labels[k * c->n_series + s];
			*(v < 0 ? &neg_w : &pos_w) =
				fmax(*(v < 0 ? &neg_w : &pos_w),
				     l->width + cl->label_gap_pt);
		}
	struct hgeom g;
	g.x0 = lab_w + cl->axis_gap_pt + neg_w;
	g.x1 = cl->width_pt - fmax(pos_w, cl->label_gap_pt * 4);
	g.top = y + (double)c->n_targets * x->axis->leading_pt;
	g.row_top = arena_array(x->a, x->n_cats, sizeof(double));
	g.row_h = arena_array(x->a, x->n_cats, sizeof(double));
	double ry = g.top;
	for (size_t k = 0; k < x->n_cats; k++) {
		g.row_top[k] = ry;
		/* A row grows with its series: one bar takes hbar_row_pt,
		 * each further one half as much again. */
		double m = (double)c->n_series;
		g.row_h[k] =
			fmax(cl->hbar_row_pt * (m + 1) / 2,
			     chart_height(&cats[k]) + 2 * cl->label_gap_pt);
		chart_place(x, &cats[k], 0, ry + g.row_h[k] / 2 -
			    chart_height(&cats[k]) / 2, ANCHOR_LEFT, NULL);
		ry += g.row_h[k];
	}
	g.bottom = ry;
	draw_grid_h(x, &g);
	draw_hbars(x, &g, labels);
	double zero = hx(x, &g, 0);
	chart_rule(x, zero, g.top, zero, g.bottom, cl->axis_rule_pt,
		   cl->axis_rgb, NULL, 0);
	draw_targets_h(x, &g);
	return g.bottom + cl->axis_gap_pt + x->axis->leading_pt;
}
