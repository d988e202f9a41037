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
 *
 * A display list made to be written is paged: dl_page() makes the items
 * of one page when a writer asks for it, in order, and lets go of the
 * page before (its items and the lines set for it), so that memory
 * grows with the largest page, not with the number of pages. The
 * elements grow as the pages are made and are whole once the last page
 * has been (dl_complete()); the outline and the link targets are known
 * from the start.
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
	DL_ROLE_SPAN, /* text in another language than the document's */
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
	double expansion; /* glyphs: drawn this share wider (font expansion;
			     tpart.expansion), their advances already so */
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

/* A link inside the document goes here: a target, in the order of the
 * links (page by page, in drawing order). */
struct dl_dest {
	int page;         /* 1-based */
	double y;
};

/* What makes the pages of a paged display list (dl_build.c). */
struct dl_pager {
	/* Page p's items, valid until the next call; pages are asked for
	 * in order, and from 0 again once the last one was made. */
	const struct dl_page *(*page)(struct dl_pager *pg, size_t p);
	/* No page will be asked for again: what makes them may go. */
	void (*drawn)(struct dl_pager *pg);
	bool complete; /* every page made once: the elements are whole */
};

struct display_list {
	double width_pt, height_pt;
	struct dl_page *pages; /* NULL when paged: ask dl_page() */
	struct dl_pager *pager; /* NULL: every page is in pages */
	size_t n_pages;
	struct dl_dest *dests;
	size_t n_dests;
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

/* Page p (0-based) of dl: in pages, or made now by its pager. */
const struct dl_page *dl_page(const struct display_list *dl, size_t p);
/* Every page made once, when dl is paged and they were not yet: the
 * elements whole, for a writer that needs them before the first page. */
void dl_complete(const struct display_list *dl);
/* A writer has drawn every page of dl: when no other writer follows
 * (dl_build_paged()'s stages), what made the pages is let go before
 * the writer finishes its file. The rest of dl stays. */
void dl_drawn(const struct display_list *dl);

/* The elements from the outermost to it (path[0] the outermost); their
 * number, 0 for DL_ARTIFACT. */
int dl_elem_path(const struct display_list *dl, int elem,
		 int path[DL_MAX_DEPTH]);

#endif
