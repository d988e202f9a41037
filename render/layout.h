/*
 * layout.h — a page design read from layouts/<name>.yaml.
 *
 * Every length the typesetter and paginator use comes from here, in points,
 * with the unit in the name. The C code holds no lengths of its own.
 */
#ifndef DOSSIER_LAYOUT_H
#define DOSSIER_LAYOUT_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"

enum align { ALIGN_LEFT, ALIGN_JUSTIFY, ALIGN_RIGHT, ALIGN_CENTER };

struct style {
	const char *name;
	const char *font;  /* fontconfig family */
	double size_pt;
	double leading_pt; /* baseline to baseline */
	bool bold, italic;
	enum align align;
	double space_before_pt, space_after_pt;
	double indent_pt;  /* left indent of every line */
	bool hyphenate;
	bool keep_with_next; /* headings: never last on a page */
	bool page_break_before;
	double color_rgb[3];
};

struct layout {
	const char *name;
	const char *path;
	double page_width_pt, page_height_pt;
	double margin_top_pt, margin_bottom_pt, margin_left_pt, margin_right_pt;

	/* The letter page: sender block in the right column, the addressee
	 * at the left, then the letter's particulars and the letter. */
	double sender_x_pt, sender_y_pt, sender_width_pt;
	const char **sender_lines;
	int n_sender_lines;
	double address_y_pt;  /* top of the addressee block */
	double letter_top_pt; /* top of "Datum"/"Betreft" */
	double label_width_pt;  /* width of the "Datum" label column */
	double signature_space_pt; /* room for the signature */

	/* Running footer and header (the classification). */
	const char *footer_text; /* "{page}" and "{pages}" are replaced */
	double footer_baseline_pt; /* from the top of the page */
	const char *header_text; /* "{classification}" is replaced */
	double header_baseline_pt;

	/* Footnotes at the foot of the page. */
	double footnote_rule_width_pt, footnote_rule_pt, footnote_gap_pt;
	double footnote_number_width_pt;

	/* Lists and tables. */
	double list_indent_pt;  /* from the text edge to the item's text */
	double table_cell_padding_pt, table_rule_pt;

	/* Notes references: size and rise relative to the text. */
	double noteref_scale, noteref_rise_pt;

	/* Briefing pack: where the cover's text starts, and the room kept
	 * for page numbers at the right of the table of contents. */
	double cover_top_pt, toc_number_width_pt;

	int orphans, widows; /* lines kept together at a page break */

	struct style *styles;
	int n_styles;
};

/* Read layouts/<name>.yaml from dir. NULL and diags on error. */
struct layout *layout_load(struct arena *a, const char *dir, const char *name,
			   struct diags *diags);
/* The style of that name; aborts if a name the C code uses is missing
 * (layout_load checks that all of them are present). */
const struct style *layout_style(const struct layout *l, const char *name);

#endif
