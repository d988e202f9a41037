/*
 * typesetter.h — the typesetter as a service: fonts, shaping, metrics
 * and the pieces of set text (parts, rules, links, lines, labels).
 *
 * The typesetter owns the fonts (fontconfig pinned by fonts/fonts.conf)
 * and the pango context. It sets a line of plain text (running headers
 * and footers) and a chart's labels for the stages that need them —
 * charts and pagination — without knowing blocks; typeset.h, the stage
 * blocks → lines, is built on it. A line keeps its pango runs and its
 * text until the arena dies, so later stages can draw the very glyphs
 * set here.
 */
#ifndef DOSSIER_TYPESETTER_H
#define DOSSIER_TYPESETTER_H

#include <pango/pangocairo.h>
#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "layout.h"

struct typesetter;
struct chart_drawing;

/* What `make` derives beside fonts.conf (fonts/README.md), relative to
 * its folder: the fontconfig cache of the unhinted fonts, and the sha256
 * of each font, which the manifest records as an input. */
#define TYPESET_FONT_CACHE "derived/cache"
#define TYPESET_FONT_SUMS "derived/noto.sha256"

struct typesetter *typeset_create(const char *fonts_conf,
				  struct diags *diags);
void typeset_destroy(struct typesetter *ts);
/* Break paragraphs with pango's own first-fit breaker instead of
 * total-fit: only for measuring the difference (make typo-report). */
void typeset_set_greedy(struct typesetter *ts, bool greedy);

/* A piece of one pango line placed in a line box. */
struct tpart {
	GSList *runs;       /* of PangoGlyphItem, kept as long as the arena */
	const char *text;   /* the text the runs index into */
	double x_pt;        /* left edge of the pango line, from the column */
	double baseline_pt; /* from the top of the line box */
	double rgb[3];
	double angle;       /* radians as cairo_rotate() takes them, about
			       the left end of the baseline (chart labels) */
	bool label;         /* a block's label: its bullet, number or the
			       letter's "Datum" hung before its text */
	/* A justified line's font expansion: its glyphs (not its spaces)
	 * drawn this share wider (0.02: 2 %), narrower when negative; their
	 * advances in runs are already so. 0: none. */
	float expansion;
	/* How far its first and last characters hang into the margins
	 * (x_pt already starts that much to the left). */
	float protrude_left_pt, protrude_right_pt;
};

struct trule {
	double x0_pt, x1_pt, y_pt, width_pt; /* y from the top of the box */
};

struct tlink {
	double x0_pt, x1_pt, top_pt, bottom_pt; /* relative to the line box */
	const char *uri;  /* external link, or NULL */
	int note;         /* footnote number to jump to, or 0 */
};

/* One for every line of a document (a long one has half a million):
 * its pointers first and its counts together, so that none pads. */
struct tline {
	double height_pt;
	/* The first part's baseline in a line that keeps no parts (a long
	 * document's, typeset.h): what pagination reads of it. */
	double bare_baseline_pt;
	struct tpart *parts;
	struct trule *rules;
	struct tlink *links;
	int *notes;   /* footnote numbers referenced on this line */
	const struct chart_drawing *chart; /* a chart fills this line box */
	int n_parts, n_rules, n_links, n_notes;
	bool hyphenated; /* ends in a hyphen (a soft one or a compound's) */
};

/* The baseline of tl's first part, from the top of its box. */
static inline double tline_baseline(const struct tline *tl)
{
	return tl->n_parts ? tl->parts[0].baseline_pt : tl->bare_baseline_pt;
}

/* One line of plain text in a style, for running headers and footers. */
struct tline *typeset_line(struct typesetter *ts, struct arena *a,
			   const char *text, const struct style *style,
			   double width_pt);

/* Plain text set for a chart: one pango line per line of text. */
struct tlabel {
	GSList *runs;       /* of PangoGlyphItem */
	const char *text;   /* the text its runs index into */
	double width_pt;    /* its advance width */
	double baseline_pt; /* from the top of a box of the style's leading */
};

/* Set text in style, wrapped at width_pt (0: never wrapped); *n lines.
 * NULL with a diag at pos when a character cannot be shown. */
struct tlabel *typeset_label(struct typesetter *ts, struct arena *a,
			     const char *text, const struct style *style,
			     double width_pt, size_t *n, struct diags *diags,
			     struct srcpos pos);

#endif
