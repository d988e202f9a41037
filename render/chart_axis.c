/*
 * chart_axis.c — the numbers of a chart: axis range, tick step, scale and
 * which labels fit.
 *
 * Pure arithmetic, no drawing, so the choices a reader relies on (zero on
 * every value axis, "nice" steps of 1, 2, 2.5 or 5 x 10^n with 4 to 7
 * ticks, one scale per axis, labels that never overlap) are tested alone.
 * The Dutch spelling of the numbers is nl.c's.
 */
#include "chart.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>

#include "nl.h"

/* Ticks of step over [min, max]; INT_MAX when there would be more than a
 * million (or step underflowed to 0 on a range of denormals). */
static int ticks_for(double min, double max, double step, double *lo,
		     double *hi)
{
	*lo = floor(min / step + 1e-9) * step;
	*hi = ceil(max / step - 1e-9) * step;
	double n = (*hi - *lo) / step;
	if (!(n >= 0 && n < 1e6))
		return INT_MAX;
	return (int)lround(n) + 1;
}

/* integral: counts, whose ticks must be whole numbers (no 12,5). */
static void choose_step(double min, double max, bool integral,
			struct chart_axis *ax)
{
	static const double mantissa[] = { 1, 2, 2.5, 5 };
	assert(isfinite(max - min) && max > min);
	int e0 = (int)floor(log10(max - min)) - 2;
	double best_score = INFINITY;
	for (int e = e0; e <= e0 + 3; e++)
		for (size_t m = 0; m < 4; m++) {
			double step = mantissa[m] * pow(10, e);
			if (integral && step != floor(step))
				continue;
			double lo, hi;
			int n = ticks_for(min, max, step, &lo, &hi);
			double score = fabs(n - 5.5);
			if (n < 4 || n > 7 || score >= best_score)
				continue;
			best_score = score;
			*ax = (struct chart_axis){ lo, hi, step, n, 1, 0, 0 };
		}
	if (best_score == INFINITY) { /* a count of 1 or 2: steps of 1 */
		double step = integral ? 1 : max - min;
		ax->n_ticks = ticks_for(min, max, step, &ax->lo, &ax->hi);
		ax->step = step;
	}
}

void chart_nice_axis(double min, double max, enum chart_unit unit,
		     const double *values, size_t n, struct chart_axis *ax)
{
	assert(isfinite(min) && isfinite(max) && min <= max);
	double data_max = fmax(fabs(min), fabs(max));
	if (min > 0)
		min = 0;
	if (max < 0)
		max = 0;
	if (min == max)
		max = 1; /* all zero: an axis from 0 to 1 */
	choose_step(min, max, unit == UNIT_COUNT, ax);
	ax->scale = nl_amount_scale(unit, data_max);
	ax->tick_decimals = nl_decimals(ax->step / ax->scale, 3);
	ax->value_decimals = 0;
	for (size_t i = 0; i < n; i++) {
		int d = nl_decimals(values[i] / ax->scale, 1);
		if (d > ax->value_decimals)
			ax->value_decimals = d;
	}
}

size_t chart_label_stride(double widest, double pitch, double gap, size_t n)
{
	if (!(pitch > 0)) /* no room at all: the first label alone */
		return n > 1 ? n : 1;
	size_t k = 1;
	while (k < n && widest + gap > pitch * (double)k)
		k++;
	return k;
}

char *chart_value_label(struct arena *a, double v, enum chart_unit unit,
			const struct chart_axis *ax)
{
	double shown = round(v / ax->scale * pow(10, ax->value_decimals));
	if (v != 0 && shown == 0) {
		double own = nl_amount_scale(unit, fabs(v));
		return nl_amount(a, v, unit, own, nl_decimals(v / own, 1));
	}
	return nl_amount(a, v, unit, ax->scale, ax->value_decimals);
}
