/*
 * chart_hbar.c — the plot of a horizontal bar chart (hbar).
 *
 * Input: the drawing context of chart.c with the axis chosen. Output:
 * category labels down the left (wrapped when long), a row per category
 * with a bar per series and its value at its end, the value axis along
 * the bottom and reference lines with their labels above the plot.
 *
 * A chart of many categories fits its page: its rows get thinner, down to
 * the layout's hbar_row_min_pt, and its value labels smaller
 * (chart_value_small) or left out where a bar is too thin to carry one
 * that can be read. Only a chart that does not fit even so is refused,
 * with its numbers.
 */
#include "chart_priv.h"

#include <math.h>
#include <string.h>

/* ---- horizontal bars ---- */

/* How the value labels are set: in chart_value, in chart_value_small, or
 * not at all (rows too thin for either to be read). */
enum hvalues { HV_NORMAL, HV_SMALL, HV_NONE };

struct hgeom {
	double x0, x1, top, bottom; /* the plot */
	double *row_top, *row_h;
	/* The value labels' boxes, top to bottom: a target's line stops
	 * short of each it would cross, so that every figure stays legible. */
	double (*vbox)[4]; /* x0, y0, x1, y1 */
	size_t n_vbox;
};

/* The labels of the targets above the plot. */
struct htargets {
	struct setl *l;      /* in order of position */
	size_t *index;       /* the target each is */
	double *want, *at;   /* middles: at the line, and where it goes */
	double *row;         /* each one's top below the first's */
	bool one_row;        /* side by side; else a row each */
	bool moved;          /* any off its line: leaders drawn */
	double height;       /* from their top to the plot */
};

static double hx(const struct cctx *x, const struct hgeom *g, double v)
{
	return chart_vpos(&x->ax, v, g->x0, g->x1);
}

static double bar_thickness(const struct cctx *x, double row_h)
{
	const struct chart_layout *cl = x->cl;
	double m = (double)x->c->n_series;
	double bh = (row_h * cl->bar_share - (m - 1) * cl->bar_gap_pt) / m;
	return fmin(bh, cl->bar_max_pt);
}

static void draw_hbars(struct cctx *x, struct hgeom *g,
		       const struct setl *labels)
{
	const struct chart *c = x->c;
	const struct chart_layout *cl = x->cl;
	double m = (double)c->n_series, zero = hx(x, g, 0);
	for (size_t k = 0; k < x->n_cats; k++) {
		double bh = bar_thickness(x, g->row_h[k]);
		double group = m * bh + (m - 1) * cl->bar_gap_pt;
		double y = g->row_top[k] + (g->row_h[k] - group) / 2;
		for (size_t s = 0; s < c->n_series;
		     s++, y += bh + cl->bar_gap_pt) {
			double v;
			if (!chart_value_of(&c->series[s], x->cats[k], &v))
				continue;
			double xv = hx(x, g, v);
			chart_bar_rect(x, fmin(zero, xv), y, fmax(zero, xv),
				       y + bh, s, k);
			if (!labels)
				continue;
			const struct setl *l = &labels[k * c->n_series + s];
			double lx = v < 0 ? xv - cl->label_gap_pt - l->width :
					    xv + cl->label_gap_pt;
			double ly = y + bh / 2 - chart_height(l) / 2;
			chart_place(x, l, lx, ly, ANCHOR_LEFT, NULL);
			double *b = g->vbox[g->n_vbox++];
			b[0] = lx, b[1] = ly, b[2] = lx + l->width;
			b[3] = ly + chart_height(l);
		}
	}
}

/* Where the targets' labels go: side by side in one row above the plot,
 * each at its line's x, set apart where they would touch; when they are
 * too wide together for one row, each on a row of its own, in order of
 * position. */
static void plan_targets_h(struct cctx *x, const struct hgeom *g,
			   struct htargets *ht)
{
	const struct chart *c = x->c;
	const struct chart_layout *cl = x->cl;
	size_t n = c->n_targets;
	*ht = (struct htargets){ 0 };
	if (!n)
		return;
	ht->l = arena_array(x->a, n, sizeof *ht->l);
	ht->index = arena_array(x->a, n, sizeof *ht->index);
	ht->want = arena_array(x->a, n, sizeof *ht->want);
	ht->at = arena_array(x->a, n, sizeof *ht->at);
	ht->row = arena_array(x->a, n, sizeof *ht->row);
	double *size = arena_array(x->a, n, sizeof *size);
	for (size_t t = 0; t < n; t++) {
		/* In order of position; equal ones as written. */
		double xv = hx(x, g, c->targets[t].value);
		size_t i = t;
		for (; i > 0 && ht->want[i - 1] > xv; i--) {
			ht->want[i] = ht->want[i - 1];
			ht->index[i] = ht->index[i - 1];
		}
		ht->want[i] = xv;
		ht->index[i] = t;
	}
	/* A label wider than the chart is wrapped at its width. */
	for (size_t i = 0; i < n; i++) {
		ht->l[i] = chart_set(x, c->targets[ht->index[i]].label.src,
				     x->axis, cl->width_pt);
		size[i] = ht->l[i].width;
	}
	ht->one_row = chart_spread_labels(ht->want, size, n,
					  cl->label_gap_pt, 0, cl->width_pt,
					  x->a, ht->at);
	if (!ht->one_row) {
		for (size_t i = 0; i < n; i++) {
			ht->at[i] = fmin(fmax(ht->want[i], size[i] / 2),
					 cl->width_pt - size[i] / 2);
			ht->row[i] = ht->height;
			ht->height += chart_height(&ht->l[i]);
		}
		ht->moved = n > 1;
	} else {
		for (size_t i = 0; i < n; i++) {
			ht->height = fmax(ht->height, chart_height(&ht->l[i]));
			ht->moved |= fabs(ht->at[i] - ht->want[i]) >
				     CHART_MOVED_PT;
		}
	}
	if (ht->moved)
		ht->height += cl->leader_pt;
}

/* A target's line from y0 down to y1 at xv, broken where it would
 * cross a value label (and half a label gap either side). */
static void target_line(struct cctx *x, const struct hgeom *g, double xv,
			double y0, double y1)
{
	const struct chart_layout *cl = x->cl;
	double half = cl->label_gap_pt / 2, y = y0;
	for (size_t i = 0; i < g->n_vbox; i++) {
		const double *b = g->vbox[i];
		if (xv < b[0] - half || xv > b[2] + half || b[3] <= y ||
		    b[1] >= y1)
			continue;
		if (b[1] > y)
			chart_rule(x, xv, y, xv, b[1], cl->target_rule_pt,
				   cl->target_rgb, &cl->target_dash, 0);
		y = fmax(y, b[3]);
	}
	if (y < y1)
		chart_rule(x, xv, y, xv, y1, cl->target_rule_pt,
			   cl->target_rgb, &cl->target_dash, 0);
}

static void draw_targets_h(struct cctx *x, const struct hgeom *g,
			   const struct htargets *ht)
{
	const struct chart_layout *cl = x->cl;
	for (size_t i = 0; i < x->c->n_targets; i++) {
		const struct chart_target *tg = &x->c->targets[ht->index[i]];
		double xv = ht->want[i];
		size_t from = chart_category_index(x, tg->from, 0);
		size_t to = chart_category_index(x, tg->to, x->n_cats - 1);
		double y0 = g->row_top[from];
		double y1 = g->row_top[to] + g->row_h[to];
		target_line(x, g, xv, y0, y1);
		/* One row: just above the plot, or above the leaders. Rows:
		 * the first (leftmost) at the top. */
		double top = g->top - ht->height + ht->row[i];
		chart_place(x, &ht->l[i], ht->at[i], top, ANCHOR_CENTER,
			    cl->target_rgb);
		/* Off its line, or on a row above another's: a leader. */
		if (!ht->one_row || fabs(ht->at[i] - xv) > CHART_MOVED_PT)
			chart_leader(x, ht->at[i],
				     top + chart_height(&ht->l[i]), xv, y0,
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

/* The value labels in a style: [k * n_series + s]. */
static struct setl *set_values_in(struct cctx *x, const struct style *st)
{
	const struct style *keep = x->value;
	x->value = st;
	struct setl *l = chart_set_values(x);
	x->value = keep;
	return l;
}

/* The plot's left and right ends: the category labels at the left, room
 * for the value labels at either end of the bars. */
static void plot_span(struct cctx *x, double lab_w, const struct setl *labels,
		      struct hgeom *g)
{
	const struct chart *c = x->c;
	const struct chart_layout *cl = x->cl;
	double pos_w = 0, neg_w = 0;
	for (size_t k = 0; labels && k < x->n_cats; k++)
		for (size_t s = 0; s < c->n_series; s++) {
			double v;
			if (!chart_value_of(&c->series[s], x->cats[k], &v))
				continue;
			const struct setl *l = &labels[k * c->n_series + s];
			*(v < 0 ? &neg_w : &pos_w) =
				fmax(*(v < 0 ? &neg_w : &pos_w),
				     l->width + cl->label_gap_pt);
		}
	g->x0 = lab_w + cl->axis_gap_pt + neg_w;
	g->x1 = cl->width_pt - fmax(pos_w, cl->label_gap_pt * 4);
}

/* The rows: as tall as the layout asks (hbar_row_pt, half as much again
 * for each further series, and room round a long label), or, when that
 * would not fit in avail, the thickest rows that do, each at least as
 * tall as its label and hbar_row_min_pt. False when even the thinnest do
 * not fit; *need is then their height. */
static bool fit_rows(const struct cctx *x, const struct setl *cats,
		     double avail, double *row_h, double *need)
{
	const struct chart_layout *cl = x->cl;
	double per = ((double)x->c->n_series + 1) / 2, sum = 0;
	for (size_t k = 0; k < x->n_cats; k++) {
		row_h[k] = fmax(cl->hbar_row_pt * per,
				chart_height(&cats[k]) + 2 * cl->label_gap_pt);
		sum += row_h[k];
	}
	if (sum <= avail)
		return true;
	double lo = cl->hbar_row_min_pt, hi = cl->hbar_row_pt;
	*need = 0;
	for (size_t k = 0; k < x->n_cats; k++)
		*need += fmax(lo * per, chart_height(&cats[k]));
	if (*need > avail)
		return false;
	/* The rows' sum grows with r: the largest r whose sum fits. */
	for (int i = 0; i < 60; i++) {
		double r = (lo + hi) / 2;
		sum = 0;
		for (size_t k = 0; k < x->n_cats; k++)
			sum += fmax(r * per, chart_height(&cats[k]));
		*(sum <= avail ? &lo : &hi) = r;
	}
	for (size_t k = 0; k < x->n_cats; k++)
		row_h[k] = fmax(lo * per, chart_height(&cats[k]));
	return true;
}

/* The least room a bar of the thinnest row gives its value label. */
static double value_pitch(const struct cctx *x, const double *row_h)
{
	double pitch = INFINITY;
	for (size_t k = 0; k < x->n_cats; k++)
		pitch = fmin(pitch, x->c->n_series == 1 ?
			     row_h[k] :
			     bar_thickness(x, row_h[k]) + x->cl->bar_gap_pt);
	return pitch;
}

double chart_draw_horizontal(struct cctx *x, double y)
{
	const struct chart *c = x->c;
	const struct chart_layout *cl = x->cl;
	struct setl *cats = arena_array(x->a, x->n_cats, sizeof *cats);
	double lab_w = 0, one_line = 0;
	for (size_t k = 0; k < x->n_cats; k++) {
		cats[k] = chart_set(x, x->cats[k], chart_category_style(x, k),
				    cl->width_pt * cl->hbar_label_share);
		lab_w = fmax(lab_w, cats[k].width);
		one_line = fmax(one_line, chart_category_style(x, k)->leading_pt);
	}
	const struct style *styles[] = { x->value, x->value_small, NULL };
	struct hgeom g;
	struct htargets ht;
	struct setl *labels = NULL;
	g.row_top = arena_array(x->a, x->n_cats, sizeof(double));
	g.row_h = arena_array(x->a, x->n_cats, sizeof(double));
	/* Under the plot: its tick labels, then the source. */
	double under = cl->axis_gap_pt + x->axis->leading_pt + x->tail_pt;
	double avail = 0, need = 0;
	bool fits = false;
	for (enum hvalues hv = HV_NORMAL; hv <= HV_NONE && !fits; hv++) {
		labels = styles[hv] ? set_values_in(x, styles[hv]) : NULL;
		plot_span(x, lab_w, labels, &g);
		plan_targets_h(x, &g, &ht);
		g.top = y + ht.height;
		avail = x->page_pt - g.top - under;
		fits = fit_rows(x, cats, avail, g.row_h, &need);
		/* Value labels only where the thinnest bar has room for
		 * them; without them the rows fit as well as they can. */
		if (fits && styles[hv] &&
		    value_pitch(x, g.row_h) < styles[hv]->leading_pt)
			fits = false;
		if (hv == HV_NONE)
			break;
	}
	if (!fits) {
		/* How many of its rows, at their thinnest, a page holds. */
		double per = ((double)c->n_series + 1) / 2, sum = 0;
		double row = fmax(cl->hbar_row_min_pt * per, one_line);
		size_t most = 0;
		while (most < x->n_cats &&
		       (sum += fmax(cl->hbar_row_min_pt * per,
				    chart_height(&cats[most]))) <= avail)
			most++;
		diag_error(x->diags, c->id_pos,
			   "chart '%s' has %zu categories and does not fit "
			   "on a page: with its thinnest bars (rows of %.0f "
			   "pt) it is %.0f pt tall, and a page holds %.0f pt; "
			   "at most %zu categories fit; split it into charts "
			   "with fewer categories",
			   c->id, x->n_cats, row, g.top + need + under,
			   x->page_pt, most);
		x->ok = false;
		return g.top + need + under - x->tail_pt;
	}
	double ry = g.top;
	for (size_t k = 0; k < x->n_cats; k++) {
		g.row_top[k] = ry;
		chart_place(x, &cats[k], 0, ry + g.row_h[k] / 2 -
			    chart_height(&cats[k]) / 2, ANCHOR_LEFT, NULL);
		ry += g.row_h[k];
	}
	g.bottom = ry;
	g.vbox = arena_array(x->a, x->n_cats * c->n_series + 1,
			     sizeof *g.vbox);
	g.n_vbox = 0;
	draw_grid_h(x, &g);
	draw_hbars(x, &g, labels);
	double zero = hx(x, &g, 0);
	chart_rule(x, zero, g.top, zero, g.bottom, cl->axis_rule_pt,
		   cl->axis_rgb, NULL, 0);
	draw_targets_h(x, &g, &ht);
	return g.bottom + cl->axis_gap_pt + x->axis->leading_pt;
}
