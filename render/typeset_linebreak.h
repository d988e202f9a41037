/*
 * typeset_linebreak.h — total-fit paragraph breaking (Knuth and Plass, 1981).
 *
 * Input: a paragraph as boxes (words and pieces of words, which stretch
 * and shrink by their font expansion), glue (spaces
 * that stretch and shrink) and penalties (places to break at a cost: soft
 * hyphens, a compound's own hyphen, forced breaks), with widths in points.
 * Output: the break positions that minimise the paragraph's total
 * demerits, each line's adjustment ratio and how far its first and last
 * characters hang into the margins (character protrusion). Knows nothing of fonts:
 * typeset.c measures the items with pango and sets the chosen lines.
 */
#ifndef DOSSIER_TYPESET_LINEBREAK_H
#define DOSSIER_TYPESET_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* A penalty this large forbids a break; its negative forces one. */
#define LB_INFINITY 10000
/* A break taken only when no breaking without one exists (the last
 * pass): inside a word wider than the line, at a no-break space whose
 * tied words are. */
#define LB_LAST_RESORT (LB_INFINITY - 1)

enum lb_kind { LB_BOX, LB_GLUE, LB_PENALTY };

struct lb_item {
	enum lb_kind kind;
	double width_pt;   /* penalty: width added when broken here (hyphen) */
	double stretch_pt, shrink_pt; /* glue */
	int penalty;       /* LB_PENALTY */
	bool flagged;      /* a break that leaves a hyphen at the line end */
};

struct lb_params {
	double line_width_pt;
	double tolerance;        /* largest badness of a line (TeX: 100 = r 1) */
	double emergency_tolerance; /* the same, where nothing else fits */
	int line_penalty;        /* added to every line's badness */
	int fitness_demerits;    /* neighbours more than one class apart */
	int consecutive_hyphen_demerits; /* two hyphenated lines in a row */
	int final_hyphen_demerits; /* hyphen on the next-to-last line */
	int max_hyphen_run;      /* never more hyphenated lines in a row */
	/* Ragged right: lines do not stretch their spaces; this much room
	 * at the right is the line's stretch, so lines of even length win. */
	bool ragged;
	double ragged_stretch_pt;
	/* Per item, the most that letter spacing may widen a box (0 for
	 * glue and penalties); NULL: no letter spacing. */
	const double *track_pt;
	/* Demerits of a line that letter spacing fills in the first pass;
	 * 0: letter spacing only where no breaking within the tolerance
	 * exists (the second pass). */
	int track_demerits;
	/* Per item, how far it hangs into the margin when it starts a line
	 * (left) or ends one (right): a box's first and last character, a
	 * hyphen's penalty; NULL: no protrusion. A line has that much more
	 * room. A box's stretch and shrink are its font expansion. */
	const double *protrude_left_pt, *protrude_right_pt;
	/* For tests: try every line, also those the bisection of
	 * lb_first_start() passes over, to show it changes nothing. */
	bool scan_all;
};

struct lb_line {
	size_t start, end; /* items [start, end); end is the break item or n */
	double ratio;      /* glue set ratio: >0 stretched, <0 shrunk; 1 on
			    * a line that letter spacing helps fill */
	bool hyphenated;   /* ends at a flagged penalty */
	double protrude_left_pt, protrude_right_pt; /* lb_protrusion()'s */
};

/* How far the line of items [start, end) (end: its break item, or n)
 * hangs into the left and the right margin. */
void lb_protrusion(const struct lb_item *items, size_t n,
		   const struct lb_params *p, size_t start, size_t end,
		   double *left_pt, double *right_pt);

/*
 * Break items[0..n) into lines. The paragraph's end is a break with
 * unlimited stretch (the last line is ragged). Never fails: when no
 * breaking within the tolerance exists, it retries with the emergency
 * tolerance, first with the spaces kept within their stretch and letter
 * spacing (track_pt) taking the rest, then with the spaces stretched
 * further; then without a tolerance, and then lets a box too wide for
 * the line stand out. Returns the line count and the lines in
 * *lines (from the arena).
 */
size_t lb_break(struct arena *a, const struct lb_item *items, size_t n,
		const struct lb_params *p, struct lb_line **lines);

#endif
