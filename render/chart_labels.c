/*
 * chart_labels.c — labels that belong at a place on an axis (a target's
 * label at its line, a line's last value at its end), set apart so that
 * none covers another.
 *
 * Input: where each label wants its middle, in order along the axis, and
 * how long each is. Output: where each goes. Labels that would overlap
 * form a group that is moved as one, centred on what its labels want, so
 * that they move apart symmetrically and only as far as they touch; a
 * group pushed against an end of the room stays inside it. Pure
 * arithmetic: chart_vertical.c and chart_hbar.c draw the labels and the
 * rules from a moved label to its line.
 */
#include "chart.h"

#include <assert.h>
#include <math.h>

struct group {
	size_t first, last; /* labels first..last */
	double start;       /* of the first label */
	double length;      /* of all its labels and the gaps between */
	double sum;         /* of (wanted start of label i) - (its offset in
			       the group): the group's start is their mean */
};

/* The start of a group: the mean of what its labels want, kept inside
 * [lo, hi] when it fits there, else at lo. */
static double group_start(const struct group *g, double lo, double hi)
{
	double start = g->sum / (double)(g->last - g->first + 1);
	if (start + g->length > hi)
		start = hi - g->length;
	return fmax(start, lo);
}

bool chart_spread_labels(const double *want, const double *size, size_t n,
			 double gap, double lo, double hi, struct arena *a,
			 double *out)
{
	if (n == 0)
		return true;
	struct group *st = arena_array(a, n, sizeof *st);
	size_t top = 0; /* groups on the stack */
	for (size_t i = 0; i < n; i++) {
		assert(i == 0 || want[i] >= want[i - 1]);
		struct group g = { i, i, 0, size[i], want[i] - size[i] / 2 };
		g.start = group_start(&g, lo, hi);
		/* Merge with the groups before while they would overlap. */
		while (top > 0 &&
		       st[top - 1].start + st[top - 1].length + gap > g.start) {
			struct group *p = &st[--top];
			double offset = p->length + gap;
			/* Each label of g now starts offset further on. */
			g.sum = p->sum + g.sum -
				offset * (double)(g.last - g.first + 1);
			g.first = p->first;
			g.length += offset;
			g.start = group_start(&g, lo, hi);
		}
		st[top++] = g;
	}
	for (size_t k = 0; k < top; k++) {
		double at = st[k].start;
		for (size_t i = st[k].first; i <= st[k].last; i++) {
			out[i] = at + size[i] / 2;
			at += size[i] + gap;
		}
	}
	double total = 0;
	for (size_t i = 0; i < n; i++)
		total += size[i] + (i ? gap : 0);
	return total <= hi - lo + 1e-9;
}
