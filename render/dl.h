/*
 * dl.h — the display list: what each page shows, in page coordinates,
 * and what each mark is in the document's structure.
 *
 * Per page, positioned glyph runs (the font, glyph ids and positions
 * pango shaped, with the text they stand for), rules, links and named
 * targets, vector paths (charts); for the document, the outline, the
 * metadata and the structure elements in reading order. Every item names
 * the innermost element it belongs to, or none: an artifact. Both writers
 * replay it and neither guesses structure; tests check geometry on it
 * without parsing a PDF. It includes nothing of the earlier stages
 * (dl_build.h turns pages into one). Coordinates are points from the
 * top-left corner of the page.
 */
#ifndef DOSSIER_DL_H
#define DOSSIER_DL_H

#include <pango/pango.h>
#include <stdbool.h>
#include <stddef.h>

#include "dl_path.h"

enum dl_kind { DL_GLYPHS, DL_RULE, DL_LINK, DL_PATH };

/* Standard structure types of PDF (ISO 32000-1, 14.8.4). */
enum dl_role {
	DL_ROLE_H1, DL_ROLE_H2, DL_ROLE_H3, DL_ROLE_H4, DL_ROLE_H5, DL_ROLE_H6,
	DL_ROLE_P,
	DL_ROLE_L, DL_ROLE_LI, DL_ROLE_LBL, DL_ROLE_LBODY,
	DL_ROLE_TOC, DL_ROLE_TOCI,
	DL_ROLE_TABLE, DL_ROLE_TR, DL_ROLE_TH, DL_ROLE_TD,
	DL_ROLE_NOTE, DL_ROLE_REFERENCE, DL_ROLE_LINK, DL_ROLE_FIGURE,
};

/* The structure type's name as PDF writes it: "H1", "LI", "Figure". */
const char *dl_role_name(enum dl_role role);

/* Not in any element: an artifact (running header and footer, page
 * number, rules). */
#define DL_ARTIFACT (-1)
/* Elements nest at most this deep (Table > TR > TD > ...). */
#define DL_MAX_DEPTH 8

/* A structure element. Elements are numbered in reading order; a parent
 * comes before its children. */
struct dl_elem {
	enum dl_role role;
	int parent;       /* its element, or DL_ARTIFACT: the document's */
	const char *alt;  /* Figure: what a reader hears instead */
	const char *lang; /* NULL: the document's language */
	const char *id;   /* Note: unique in the document, or NULL */
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
	int elem;         /* the innermost element, or DL_ARTIFACT */
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

struct dl_date {
	int year, month, day;
};

struct display_list {
	double width_pt, height_pt;
	struct dl_page *pages;
	size_t n_pages;
	struct dl_outline *outline;
	size_t n_outline;
	struct dl_elem *elems;
	size_t n_elems;
	const char *lang; /* the document's, as BCP 47: "nl-NL" */
	const char *title, *author, *subject, *keywords, *creator;
	struct dl_date date;
	/* Pages before the body (cover, contents): labelled i, ii, ...;
	 * the body from 1. 0: every page labelled 1, 2, ... */
	size_t front_pages;
};

/* The elements from the outermost to it (path[0] the outermost); their
 * number, 0 for DL_ARTIFACT. */
int dl_elem_path(const struct display_list *dl, int elem,
		 int path[DL_MAX_DEPTH]);

#endif
