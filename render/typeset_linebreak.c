/*
 * typeset_linebreak.c — total-fit line breaking over boxes, glue and penalties.
 *
 * The paragraph's legal breaks are the nodes of a graph; a line from one
 * break to another is an edge weighted by its demerits (badness of its
 * spacing, the penalty where it breaks, and extra demerits for hyphens in
 * a row and for a very loose line next to a tight one). The shortest path,
 * found by dynamic programming over (break, fitness class, hyphens in a
 * row) states, is Knuth and Plass's optimum. Going back from each break,
 * lines only get longer, so the search stops at the first line too long.
 * Where no breaking keeps the spaces within their stretch, letter spacing
 * (a box's track_pt) is tried before wider spaces. A box's own stretch
 * and shrink (font expansion) count with its spaces' as pdfTeX's do, and
 * what a line's first and last characters hang into the margins
 * (protrusion) is room the line gains.
 */
#include "typeset_linebreak.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LB_FITNESS 4       /* tight, decent, loose, very loose */
#define LB_INF_BAD 10000.0 /* TeX's "infinitely bad" */

struct lb_state {
	double demerits;   /* INFINITY: unreachable */
	int prev;          /* state index of the line's start, -1 at start */
	double ratio;      /* of the line that ends here */
};

struct lb_graph {
	const struct lb_item *items;
	size_t n;
	const struct lb_params *p;
	size_t *bp;        /* break item of each node; n for the end */
	size_t *after;     /* first item of the line after each node */
	size_t m;          /* nodes, the start (bp 0, after 0) included */
	double *w, *y, *z, *t; /* prefix sums of width, stretch, shrink,
				* track */
	int runs;          /* hyphen-run states per node */
	struct lb_state *st;
	bool *reached;     /* a node some state of which has demerits: no
			    * line starts at one that has none */
};

static bool lb_is_break(const struct lb_item *it, size_t k)
{
	if (it[k].kind == LB_PENALTY)
		return it[k].penalty < LB_INFINITY;
	return it[k].kind == LB_GLUE && k > 0 && it[k - 1].kind == LB_BOX;
}

static bool lb_last_resort(const struct lb_graph *g, size_t node)
{
	size_t k = g->bp[node];
	return k < g->n && g->items[k].kind == LB_PENALTY &&
	       g->items[k].penalty == LB_LAST_RESORT;
}

static bool lb_forced(const struct lb_graph *g, size_t node)
{
	size_t k = g->bp[node];
	return node > 0 && k < g->n && g->items[k].kind == LB_PENALTY &&
	       g->items[k].penalty <= -LB_INFINITY;
}

static bool lb_flagged(const struct lb_graph *g, size_t node)
{
	size_t k = g->bp[node];
	return node > 0 && k < g->n && g->items[k].kind == LB_PENALTY &&
	       g->items[k].flagged;
}

/* The first item of the line after a break: glue and penalties that
 * follow a break are discarded, as in TeX. */
static size_t lb_skip(const struct lb_item *it, size_t n, size_t k)
{
	while (k < n && it[k].kind != LB_BOX &&
	       !(it[k].kind == LB_PENALTY && it[k].penalty <= -LB_INFINITY))
		k++;
	return k;
}

static void lb_nodes(struct arena *a, struct lb_graph *g)
{
	const struct lb_item *it = g->items;
	g->bp = arena_array(a, g->n + 2, sizeof *g->bp);
	g->after = arena_array(a, g->n + 2, sizeof *g->after);
	g->w = arena_array(a, g->n + 1, sizeof *g->w);
	g->y = arena_array(a, g->n + 1, sizeof *g->y);
	g->z = arena_array(a, g->n + 1, sizeof *g->z);
	g->t = arena_array(a, g->n + 1, sizeof *g->t);
	for (size_t k = 0; k < g->n; k++) {
		bool counts = it[k].kind != LB_PENALTY;
		g->w[k + 1] = g->w[k] + (counts ? it[k].width_pt : 0);
		g->y[k + 1] = g->y[k] + (counts ? it[k].stretch_pt : 0);
		g->z[k + 1] = g->z[k] + (counts ? it[k].shrink_pt : 0);
		g->t[k + 1] = g->t[k] + (g->p->track_pt &&
					 it[k].kind == LB_BOX ?
					 g->p->track_pt[k] : 0);
	}
	g->m = 0;
	g->bp[g->m] = 0;
	g->after[g->m++] = lb_skip(it, g->n, 0);
	for (size_t k = 0; k < g->n; k++)
		if (lb_is_break(it, k)) {
			g->bp[g->m] = k;
			g->after[g->m++] = lb_skip(it, g->n, k + 1);
		}
	g->bp[g->m] = g->n;
	g->after[g->m++] = g->n;
}

static int lb_fitness(double r)
{
	return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1.0 ? 2 : 3;
}

static double lb_badness(double r)
{
	double b = 100.0 * fabs(r) * fabs(r) * fabs(r);
	return b > LB_INF_BAD ? LB_INF_BAD : b;
}

void lb_protrusion(const struct lb_item *items, size_t n,
		   const struct lb_params *p, size_t start, size_t end,
		   double *left_pt, double *right_pt)
{
	*left_pt = *right_pt = 0;
	if (!p->protrude_left_pt || !p->protrude_right_pt)
		return;
	if (start < n && start < end && items[start].kind == LB_BOX)
		*left_pt = p->protrude_left_pt[start];
	if (end < n && items[end].kind == LB_PENALTY &&
	    items[end].width_pt > 0) {
		*right_pt = p->protrude_right_pt[end]; /* the hyphen shown */
		return;
	}
	size_t k = end;
	while (k > start && items[k - 1].kind != LB_BOX)
		k--;
	if (k > start)
		*right_pt = p->protrude_right_pt[k - 1];
}

/* Natural width, stretch, shrink and track of the line from node i to
 * node j; what hangs into the margins is not counted. */
static void lb_measure(const struct lb_graph *g, size_t i, size_t j,
		       double *len, double *str, double *shr, double *trk)
{
	size_t s = g->after[i], e = g->bp[j];
	*len = g->w[e] - g->w[s];
	*str = g->y[e] - g->y[s];
	*shr = g->z[e] - g->z[s];
	*trk = g->t[e] - g->t[s];
	if (e < g->n && g->items[e].kind == LB_PENALTY)
		*len += g->items[e].width_pt;
	double left, right;
	lb_protrusion(g->items, g->n, g->p, s, e, &left, &right);
	*len -= left + right;
	if (g->p->ragged) {
		*str = g->p->ragged_stretch_pt;
		*shr = 0;
		*trk = 0;
	}
}

/* Demerits of a line of badness b ending at node j, after node i's state
 * of fitness fi and hyphen run; INFINITY when the run would be too long. */
static double lb_demerits(const struct lb_graph *g, size_t i, size_t j,
			  double b, int f, int fi)
{
	const struct lb_params *p = g->p;
	double d = (p->line_penalty + b) * (p->line_penalty + b);
	size_t k = g->bp[j];
	if (k < g->n && g->items[k].kind == LB_PENALTY) {
		double pen = g->items[k].penalty;
		if (pen >= 0)
			d += pen * pen;
		else if (pen > -LB_INFINITY)
			d -= pen * pen;
	}
	if (lb_flagged(g, i) && lb_flagged(g, j))
		d += p->consecutive_hyphen_demerits;
	if (lb_flagged(g, i) && k == g->n)
		d += p->final_hyphen_demerits;
	if (abs(f - fi) > 1)
		d += p->fitness_demerits;
	return d;
}

/* Offer the line i → j, of ratio r and badness b, to every state of i;
 * tracked: its spaces stop at ratio 1 and letter spacing does the rest. */
static void lb_relax(struct lb_graph *g, size_t i, size_t j, double r,
		     double b, bool tracked, bool emergency, double extra)
{
	int f = lb_fitness(r);
	bool hy = lb_flagged(g, j);
	for (int fi = 0; fi < LB_FITNESS; fi++)
		for (int h = 0; h < g->runs; h++) {
			int si = ((int)i * LB_FITNESS + fi) * g->runs + h;
			if (isinf(g->st[si].demerits))
				continue;
			int hn = hy ? h + 1 : 0;
			if (hn >= g->runs) {
				if (!emergency)
					continue;
				hn = g->runs - 1;
			}
			double d = g->st[si].demerits + extra +
				   lb_demerits(g, i, j, b, f, fi);
			int sj = ((int)j * LB_FITNESS + f) * g->runs + hn;
			if (d < g->st[sj].demerits) {
				g->st[sj] = (struct lb_state){
					d, si, tracked ? 1 : r };
				g->reached[j] = true;
			}
		}
}

/* Can letter spacing, within the line's track, fill what its spaces at
 * their full stretch leave of the room? */
static bool lb_trackable(double r, double room, double str, double trk)
{
	return r > 1 && !isinf(r) && trk > 0 && room - str <= trk;
}

/* Is the line i → j short enough to fit at badness tol: not so loose
 * that its room, shared by its spaces, passes tol, nor (tracking: letter
 * spacing may fill what they leave) their full stretch and its track?
 * Computed as lb_pass() computes it, so that "no" means lb_pass() would
 * not take the line. */
static bool lb_tight_enough(const struct lb_graph *g, size_t i, size_t j,
			    double tol, bool tracking)
{
	double len, str, shr, trk;
	lb_measure(g, i, j, &len, &str, &shr, &trk);
	double room = g->p->line_width_pt - len;
	return room < 0 || (str > 0 && lb_badness(room / str) <= tol) ||
	       (tracking && str > 0 && room - str <= trk);
}

/* Where going back from node j starts in a pass of finite tolerance: the
 * latest node from which the line is tight enough, found by bisection
 * (lines only get longer going back) down to the latest forced break
 * before j, where the search stops anyway. The lines from the nodes
 * after it are too loose to be taken, and passing over them one by one
 * was most of the breaker's time. */
static size_t lb_first_start(const struct lb_graph *g, size_t j,
			     size_t since, double tol, bool tracking)
{
	size_t lo = since, hi = j - 1;
	if (lb_tight_enough(g, hi, j, tol, tracking))
		return hi;
	if (!lb_tight_enough(g, lo, j, tol, tracking))
		return lo; /* none is: the loop only passes over lo */
	while (hi - lo > 1) { /* lo is tight enough, hi is not */
		size_t mid = lo + (hi - lo) / 2;
		if (lb_tight_enough(g, mid, j, tol, tracking))
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* One pass; pass 0 keeps to the tolerance (and with track_demerits, a
 * line its spaces at their full stretch and letter spacing fill may be
 * taken at that price, as a hair of tracking costs less than a hyphen).
 * Pass 1 keeps to the emergency
 * tolerance but stretches no space beyond its stretch: letter spacing,
 * within its limit, takes the rest, as a typesetter would rather track a
 * line by a hair than open its spaces (InDesign's justification does the
 * same with its letter spacing, pdfTeX with font expansion). Pass 2
 * stretches the spaces to the emergency tolerance, pass 3 allows any
 * stretch, pass 4 also takes last-resort breaks (LB_LAST_RESORT) and
 * lets a single overfull piece stand out. */
static bool lb_pass(struct lb_graph *g, int pass)
{
	const struct lb_params *p = g->p;
	size_t states = g->m * LB_FITNESS * (size_t)g->runs;
	for (size_t s = 0; s < states; s++)
		g->st[s] = (struct lb_state){ INFINITY, -1, 0 };
	g->st[(0 * LB_FITNESS + 1) * g->runs].demerits = 0;
	memset(g->reached, 0, g->m * sizeof *g->reached);
	g->reached[0] = true;
	double tol = pass == 0 ? p->tolerance :
		     pass <= 2 ? p->emergency_tolerance : LB_INF_BAD;
	/* Letter spacing where spaces cannot fill a line: in pass 1, and
	 * in pass 0 at a price (track_demerits) when the layout sets one. */
	bool tracking = p->track_pt &&
			(pass == 1 || (pass == 0 && p->track_demerits > 0));
	size_t since = 0; /* the latest forced break before j */
	for (size_t j = 1; j < g->m; since = lb_forced(g, j) ? j : since, j++) {
		if (pass < 4 && lb_last_resort(g, j))
			continue;
		bool open_end = g->bp[j] == g->n || lb_forced(g, j);
		/* Lines to an open end fit at any length short of the
		 * measure; from pass 3 on, lines of any looseness fit. */
		size_t first = open_end || pass > 2 || p->scan_all ?
			       j - 1 : lb_first_start(g, j, since, tol,
						      tracking);
		for (size_t i = first + 1; i-- > 0;) {
			if (g->after[i] > g->bp[j])
				continue; /* nothing on the line */
			double len, str, shr, trk;
			lb_measure(g, i, j, &len, &str, &shr, &trk);
			double room = p->line_width_pt - len;
			double r;
			if (room >= 0)
				r = open_end ? 0 : str > 0 ? room / str :
				    INFINITY;
			else
				r = shr > 0 ? room / shr : -INFINITY;
			if (r < -1 - 1e-9) {
				if (pass == 4 && i == j - 1)
					lb_relax(g, i, j, -1, LB_INF_BAD,
						 false, true, 0);
				break; /* earlier starts are longer still */
			}
			double b = isinf(r) ? LB_INF_BAD + 1 : lb_badness(r);
			bool fits = b <= tol || (pass > 2 && isinf(r));
			bool tracked = pass == 1 && b > p->tolerance;
			if (tracked && !lb_trackable(r, room, str, trk))
				fits = false; /* only letter spacing may help */
			double extra = 0;
			if (pass == 0 && tracking && !fits &&
			    lb_trackable(r, room, str, trk)) {
				/* Its spaces at ratio 1: as loose as a
				 * line at the tolerance, and so classed. */
				fits = tracked = true;
				r = 1;
				b = p->tolerance;
				extra = p->track_demerits;
			}
			if (fits && g->reached[i])
				lb_relax(g, i, j, isinf(r) ? 10 : r,
					 b > LB_INF_BAD ? LB_INF_BAD : b,
					 tracked, pass == 4, extra);
			if (lb_forced(g, i))
				break; /* no line runs across a forced break */
		}
	}
	for (size_t s = (g->m - 1) * LB_FITNESS * (size_t)g->runs; s < states;
	     s++)
		if (!isinf(g->st[s].demerits))
			return true;
	return false;
}

static size_t lb_collect(struct arena *a, const struct lb_graph *g,
			 struct lb_line **lines)
{
	size_t per_node = LB_FITNESS * (size_t)g->runs;
	size_t first = (g->m - 1) * per_node, best = first;
	for (size_t s = first; s < first + per_node; s++)
		if (g->st[s].demerits < g->st[best].demerits)
			best = s;
	size_t count = 0;
	for (int s = (int)best; g->st[s].prev >= 0; s = g->st[s].prev)
		count++;
	struct lb_line *out = arena_array(a, count ? count : 1, sizeof *out);
	size_t k = count;
	for (int s = (int)best; g->st[s].prev >= 0; s = g->st[s].prev) {
		size_t j = (size_t)s / per_node;
		size_t i = (size_t)g->st[s].prev / per_node;
		struct lb_line *ln = &out[--k];
		*ln = (struct lb_line){ g->after[i], g->bp[j],
					g->st[s].ratio, lb_flagged(g, j), 0,
					0 };
		lb_protrusion(g->items, g->n, g->p, ln->start, ln->end,
			      &ln->protrude_left_pt, &ln->protrude_right_pt);
	}
	*lines = out;
	return count;
}

size_t lb_break(struct arena *a, const struct lb_item *items, size_t n,
		const struct lb_params *p, struct lb_line **lines)
{
	assert(a && p && lines && (items || n == 0));
	struct lb_graph g = { .items = items, .n = n, .p = p };
	g.runs = p->max_hyphen_run > 0 ? p->max_hyphen_run + 1 : 1;
	lb_nodes(a, &g);
	g.st = arena_array(a, g.m * LB_FITNESS * (size_t)g.runs, sizeof *g.st);
	g.reached = arena_array(a, g.m, sizeof *g.reached);
	for (int pass = 0; pass < 5; pass++)
		if (lb_pass(&g, pass))
			return lb_collect(a, &g, lines);
	assert(!"the emergency pass always finds a breaking");
	return 0;
}
