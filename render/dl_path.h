/*
 * dl_path.h — a vector shape of the display list (chart bars, lines,
 * markers, gridlines), apart so that charts can draw without knowing the
 * rest of the display list. Includes nothing of the pipeline.
 */
#ifndef DOSSIER_DL_PATH_H
#define DOSSIER_DL_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* A polyline or polygon, or a circle. */
struct dl_path {
	const double *xy;  /* n points x0, y0, x1, y1, ... from the item's
			      origin */
	size_t n;
	bool closed;
	double radius;     /* > 0: a circle of this radius around point 0 */
	bool fill;
	double fill_rgb[3];
	double stroke_pt;  /* 0: not stroked */
	double stroke_rgb[3];
	double dash_pt[4]; /* on, off, ...; n_dash 0 is a solid line */
	int n_dash;
	double hatch_pt;   /* > 0: the fill is hatched with diagonal lines
			      this far apart, of hatch_rule_pt in hatch_rgb */
	double hatch_rule_pt;
	double hatch_rgb[3];
};

#endif
