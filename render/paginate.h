/*
 * paginate.h — lines onto pages.
 *
 * Input: the typeset document. Output: pages, each a list of placed lines
 * (the flow, absolutely placed blocks, footnotes at the foot, running
 * header and footer) and the outline entries that start on it.
 */
#ifndef DOSSIER_PAGINATE_H
#define DOSSIER_PAGINATE_H

#include "typeset.h"

struct placed_line {
	const struct tline *line;
	double x_pt, y_pt; /* top-left of the line box on the page */
	bool artifact;     /* running header or footer */
	/* A chart set this much shorter than its line (its plot is) to end
	 * a page that waiting would leave thin: typeset_chart_shorter(). */
	float shorter_pt;
	const struct block *block; /* what it sets (structure tags); NULL
				      for artifacts */
	/* The typeset block it is line line_ix of, or NULL: a line set by
	 * pagination (header, footer, page number), with its runs. A
	 * block's lines hold no runs: typeset_again() sets them. */
	const struct tblock *from;
	size_t line_ix;
};

/* The height pl takes on its page: its line's, less what a chart was
 * set shorter. */
static inline double placed_height(const struct placed_line *pl)
{
	return pl->line->height_pt - pl->shorter_pt;
}

struct page_outline {
	int level;
	const char *title;
	double y_pt;
};

struct page_dest {
	int note;       /* footnote number whose text (or a part) is here */
	double y_pt;
	size_t first_line, n_lines; /* the note's lines on this page */
};

/* A link placed by pagination (table of contents → its target). */
struct page_link {
	double x_pt, y_pt, w_pt, h_pt;
	int dest_page; /* 1-based */
	double dest_y_pt;
	size_t line_ix; /* belongs after this line of the page (reading order) */
};

struct page {
	struct placed_line *lines;
	size_t n_lines, cap_lines;
	struct page_outline *outline;
	size_t n_outline, cap_outline;
	struct page_dest *dests;
	size_t n_dests, cap_dests;
	double footnote_rule_y_pt; /* 0: no footnotes on this page */
	const char *running_header; /* NULL: none */
	struct page_link *links;
	size_t n_links, cap_links;
	/* The flow ended here because what came next had to start a page
	 * (a page break of the data: a new document, the body of a pack)
	 * or the document ended: a short page is no fault of the flow. */
	bool part_ends;
};

struct pages {
	struct page *pages;
	size_t n_pages, cap_pages;
	double width_pt, height_pt;
	double footnote_rule_x_pt, footnote_rule_width_pt, footnote_rule_pt;
	size_t front_pages; /* cover and contents, before the body */
};

struct pages *paginate(struct typesetter *ts, struct arena *a,
		       const struct composition *comp,
		       const struct typeset_doc *td);

#endif
