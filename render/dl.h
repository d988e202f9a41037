/*
 * dl.h — the display list: what each page shows, in page coordinates.
 *
 * Input: pages. Output: per page, positioned glyph runs (the font, glyph
 * ids and positions pango shaped, with the text they stand for), rules,
 * links and named targets, vector paths (charts), plus the document
 * outline and metadata. Both
 * writers replay it; tests check geometry on it without parsing a PDF.
 * Coordinates are points from the top-left corner of the page.
 */
#ifndef DOSSIER_DL_H
#define DOSSIER_DL_H

#include <pango/pangocairo.h>
#include <stdbool.h>

#include "compose.h"
#include "paginate.h"

enum dl_kind { DL_GLYPHS, DL_RULE, DL_LINK, DL_PATH };

/* A vector shape (charts): a polyline or polygon, or a circle. */
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

struct dl_item {
	enum dl_kind kind;
	double x, y;  /* glyphs: origin on the baseline; rule: left end of
			 its centre line; link: top-left corner */
	double w, h;  /* rule: length and thickness; link: size */
	const PangoGlyphItem *glyphs;
	const char *text; /* the text the glyph item indexes into */
	double rgb[3];
	double angle;     /* glyphs: turned about (x, y), as cairo_rotate() */
	bool artifact;    /* running header or footer */
	/* Glyphs and rules: the block they set and, inside it, the line
	 * (a table row) and the part (a table cell), for structure tags. */
	const struct block *block;
	const struct tline *row;
	int cell;
	const char *uri;  /* link to the web */
	int dest_page;    /* link inside the document: 1-based page */
	double dest_y;
	const struct dl_path *path; /* DL_PATH, drawn from (x, y) */
};

/* A DL_GLYPHS item's run as it is drawn: glyphs and text, its own copy
 * (own, own_text) when the item's had soft hyphens to leave out. */
struct dl_run {
	const PangoGlyphItem *glyphs;
	const char *text;
	PangoGlyphItem *own;
	char *own_text;
};
void dl_run_start(struct dl_run *r, const struct dl_item *it);
void dl_run_done(struct dl_run *r);

struct dl_page {
	struct dl_item *items;
	size_t n_items, cap_items;
};

struct dl_outline {
	int level;        /* 1 = top */
	const char *title;
	int page;         /* 1-based */
	double y;
};

struct display_list {
	double width_pt, height_pt;
	struct dl_page *pages;
	size_t n_pages;
	struct dl_outline *outline;
	size_t n_outline;
	const char *title, *author, *subject, *keywords, *creator;
	struct date date;
	/* Pages before the body (cover, contents): labelled i, ii, ...;
	 * the body from 1. 0: every page labelled 1, 2, ... */
	size_t front_pages;
};

struct display_list *dl_build(struct arena *a, const struct composition *comp,
			      const struct pages *pages);

struct chart_drawing;
/* One chart on a page of its own size plus margin_pt all round. */
struct display_list *dl_build_chart(struct arena *a,
				    const struct chart_drawing *cd,
				    double margin_pt, const char *title,
				    struct date date);

#endif
