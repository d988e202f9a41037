/*
 * typeset_priv.h — what typeset.c shares with typeset_paragraph.c, and no one else.
 *
 * The typesetter's insides, the one way a run of rich text becomes a pango
 * layout in a style, how a set line outlives its layout, and the two
 * things every set line needs: its baseline in the line box and the
 * footnotes and links it carries.
 */
#ifndef DOSSIER_TYPESET_PRIV_H
#define DOSSIER_TYPESET_PRIV_H

#include <fontconfig/fontconfig.h>

#include "typeset_shape.h"
#include "typeset.h"

/* The vertical metrics of a style's font, found by the fields of the
 * style that choose the font (those typeset_font() reads). */
struct font_metrics {
	char *family;
	double size_pt;
	bool bold, italic;
	double ascent_pt, descent_pt;
};

struct typesetter {
	FcConfig *fc;
	PangoFontMap *fontmap;
	PangoContext *context;
	bool greedy; /* pango's own first-fit breaking, for comparison */
	/* Fetched once a font: pango works them out over a fontset, some
	 * 160,000 instructions, and every line asks. Fonts and context do
	 * not change, so they hold for every document. */
	struct font_metrics *metrics;
	size_t n_metrics;
	/* For what setting one paragraph needs and no more (typeset_paragraph.c):
	 * reset, not freed, after each, so that its memory stays mapped. */
	struct arena *scratch;
	struct shape_fonts fonts; /* whose shaping stops at a space */
};

/* The font of style s; the caller frees it. */
PangoFontDescription *typeset_font(const struct style *s);
/* The attributes of r's spans in style s; the caller unrefs them. */
PangoAttrList *typeset_attrs(const struct layout *l, const struct rich *r,
			     const struct style *s);
/* A layout of r in style s, width_pt wide (-1: one unbroken line); the
 * caller releases it (g_object_unref) once its lines are kept. */
PangoLayout *typeset_layout(struct typesetter *ts, const struct layout *l,
			    const struct rich *r, const struct style *s,
			    double width_pt);
/* r in style s shaped as one unbroken line by typeset_shape.c: cut from what
 * from gives when it is not NULL, with the items in *items when items
 * is not NULL (a paragraph lines are cut from). Free the runs with
 * shape_free() or keep them with typeset_keep_runs(). */
GSList *typeset_shape(struct typesetter *ts, const struct layout *l,
		      const struct rich *r, const struct style *s,
		      const struct shape_from *from, GList **items);
/* Keep line until the arena dies, so that its layout can be released
 * as soon as it is set: a line without its layout is its runs of glyphs,
 * all that pagination and the display list need (pango sets line->layout
 * to NULL). Returns its runs. Keep the text the runs index into apart
 * (struct tpart). */
GSList *typeset_keep_line(struct arena *a, PangoLayoutLine *line);
/* Keep runs of shape_line() until the arena dies; returns them. */
GSList *typeset_keep_runs(struct arena *a, GSList *runs);
/* false, with a diag naming it, when a glyph of the runs is missing
 * from every font (the runs index into r's text). */
bool typeset_check_runs(GSList *runs, const struct rich *r,
			struct diags *diags);
/* Baseline offset within a line box of the style's leading. */
double typeset_baseline(struct typesetter *ts, const struct style *s);
/* The footnote references and link rectangles of the bytes [lo, hi) of
 * r set in runs: a layout's line (line, whose layout is still there),
 * or runs of shape_line() (line NULL). */
void typeset_notes_and_links(struct arena *a, struct tline *tl,
			     PangoLayoutLine *line, GSList *runs, size_t lo,
			     size_t hi, const struct rich *r, double x_pt,
			     double height_pt);

/* typeset_paragraph.c: true when the style is broken by paragraph_lines(). */
bool paragraph_applies(const struct style *s);
/* The lines of r, broken total-fit over the text shaped as one unbroken
 * line, each shaped anew. NULL with a diag when a character cannot be
 * shown by any font. */
struct tline *paragraph_lines(struct typesetter *ts, struct arena *a,
			      const struct layout *l, const struct rich *r,
			      const struct style *s, double width_pt,
			      double x_pt, size_t *n_out,
			      struct diags *diags);

#endif
