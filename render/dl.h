/*
 * dl.h — the display list: what each page shows, in page coordinates.
 *
 * Input: pages. Output: per page, positioned glyph runs (the font, glyph
 * ids and positions pango shaped, with the text they stand for), rules,
 * links and named targets, plus the document outline and metadata. Both
 * writers replay it; tests check geometry on it without parsing a PDF.
 * Coordinates are points from the top-left corner of the page.
 */
#ifndef DOSSIER_DL_H
#define DOSSIER_DL_H

#include <pango/pangocairo.h>
#include <stdbool.h>

#include "compose.h"
#include "paginate.h"

enum dl_kind { DL_GLYPHS, DL_RULE, DL_LINK };

struct dl_item {
	enum dl_kind kind;
	double x, y;  /* glyphs: origin on the baseline; rule: left end of
			 its centre line; link: top-left corner */
	double w, h;  /* rule: length and thickness; link: size */
	const PangoGlyphItem *glyphs;
	const char *text; /* the text the glyph item indexes into */
	double rgb[3];
	bool artifact;    /* running header or footer */
	/* Glyphs and rules: the block they set and, inside it, the line
	 * (a table row) and the part (a table cell), for structure tags. */
	const struct block *block;
	const struct tline *row;
	int cell;
	const char *uri;  /* link to the web */
	int dest_page;    /* link inside the document: 1-based page */
	double dest_y;
};

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

#endif
