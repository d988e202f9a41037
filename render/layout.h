/*
 * layout.h — a page design read from layouts/<name>.yaml.
 *
 * Every length the typesetter and paginator use comes from here, in points,
 * with the unit in the name. The C code holds no lengths of its own.
 */
#ifndef DOSSIER_LAYOUT_H
#define DOSSIER_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

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
	/* A title or heading: the space above it whatever stands above
	 * (space_after_pt of that block does not add), after a block of
	 * text, a table or a chart, and after a title or heading. -1 when
	 * the layout gives none: the sum of the two blocks' spaces. */
	double space_above_pt, space_above_heading_pt;
	double indent_pt;  /* left indent of every line */
	bool hyphenate;
	bool keep_with_next; /* headings: never last on a page */
	bool page_break_before;
	double color_rgb[3];
};

/* Up to CHART_MAX_SERIES colours or dash patterns, one per series. */
#define CHART_MAX_SERIES 8
struct color_list {
	double rgb[CHART_MAX_SERIES][3];
	int n;
};
struct dash_list {
	double pt[CHART_MAX_SERIES][4]; /* on, off, on, off */
	int len[CHART_MAX_SERIES];      /* 0: a solid line */
	int n;
};

/* Charts (the "chart" section of the layout); text styles are chart_*. */
struct chart_layout {
	double width_pt;          /* of the whole chart, labels included */
	double plot_height_pt;    /* the plot of a vertical chart */
	double plot_height_min_pt; /* the least it gets at a page's foot,
				      where waiting for the next page would
				      leave this one under two thirds full;
				      0: never less */
	double hbar_row_pt;       /* one category of a horizontal bar chart */
	double hbar_row_min_pt;   /* the thinnest it gets to fit its page */
	double hbar_label_share;  /* at most this share of the width for its
				     category labels */
	double space_before_pt, space_after_pt; /* around it in the flow */
	double margin_pt;         /* around a chart written on its own */
	double png_width_px;      /* default width of a PNG */
	double legend_swatch_pt, legend_spacing_pt, legend_gap_pt;
	double axis_gap_pt;       /* between an axis and its labels */
	double label_gap_pt;      /* least space between two labels, and
				     between a bar and its value */
	double source_gap_pt;     /* above "Bron: ..." */
	double label_angle_deg;   /* category labels that do not fit are
				     turned this much, to read upwards */
	double axis_rule_pt, grid_rule_pt;
	double bar_share;         /* of a category's width the bars take */
	double bar_max_pt;        /* widest bar */
	double bar_gap_pt;        /* between the bars of a group */
	double segment_rule_pt;   /* white line between stacked segments */
	double line_pt, marker_pt;
	double target_rule_pt;
	double target_label_pt;   /* width of the target labels' column */
	struct dash_list target_dash;
	double leader_pt;         /* room for the rule from a label moved
				     off its line to that line */
	double leader_rule_pt;
	double axis_rgb[3], grid_rgb[3], target_rgb[3];
	double highlight_rgb[3];  /* highlighted categories (the accent) */
	double light_text_rgb[3]; /* labels on a dark fill */
	double dark_fill_below;   /* fills darker than this get light text */
	double hatch_from_series; /* bars of this series (0-based) and later
				     are hatched too: colours alone repeat
				     their greys in print */
	double hatch_pt, hatch_rule_pt;
	struct color_list palette;
	struct dash_list line_dashes;
};

/* One character's protrusion at the left and right edge, 1/1000 em. */
struct protrusion {
	uint32_t c;
	double left, right;
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
	/* The mail `dossier mail` sends: the line it opens with and the one
	 * before the sender's name; NULL: none. */
	const char *mail_salutation, *mail_closing;
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
	/* A web link in the text: its colour, and an underline this thick
	 * this far below the baseline, so that a reader sees it is one. */
	double link_rgb[3];
	double link_underline_pt, link_underline_offset_pt;

	/* Briefing pack: where the cover's text starts, and the room kept
	 * for page numbers at the right of the table of contents. */
	double cover_top_pt, toc_number_width_pt;
	/* The running header of a pack's parts (agenda, annexes), under the
	 * classification; 0: at the left of the footer line. */
	double running_header_baseline_pt;

	int orphans, widows; /* lines kept together at a page break */

	struct chart_layout chart;
	/* Paragraph breaking (Knuth–Plass, typeset.c and typeset_linebreak.c), in
	 * TeX's terms: stretch and shrink of a space as a multiple of its
	 * width, badness (100 = stretched by all its stretch), penalties
	 * and demerits. */
	double space_stretch, space_shrink;
	double justify_tolerance, justify_emergency_tolerance;
	int line_penalty, hyphen_penalty, compound_hyphen_penalty;
	/* A soft hyphen by its quality (hyph.h): hyphen_penalty in a word
	 * with no known boundary, boundary_hyphen_penalty where a
	 * compound's parts meet, in_part_hyphen_penalty inside a part of a
	 * compound whose boundary could serve. */
	int boundary_hyphen_penalty, in_part_hyphen_penalty;
	/* In a word under hyphen_min_word letters: a last resort. */
	int short_word_hyphen_penalty;
	/* Where hyph.c may break a word at all (struct hyph_rules). */
	int hyphen_min_word, hyphen_left_min, hyphen_right_min;
	bool hyphen_names_whole;
	/* Compound boundaries and names from hunspell-nl (a cold render
	 * four times as slow); without it every break is plain. */
	bool compound_dictionary;
	/* English terms that run through Dutch text (decisive enabler,
	 * deliverables): marked English wherever they occur, hyphenated
	 * with English patterns (richtext.c). */
	const char **english_terms;
	int n_english_terms;
	int consecutive_hyphen_demerits, final_hyphen_demerits;
	int fitness_demerits, max_hyphenated_lines;
	/* Ragged right (align: left with hyphenate): the room at the right
	 * that counts as a line's stretch, and the dearer hyphen. */
	double ragged_stretch_pt;
	int ragged_hyphen_penalty;
	/* The most letter spacing a justified line may get between two
	 * letters, in ems of its font, where its spaces at their full
	 * stretch do not fill it (typeset_linebreak.c's pass 1); 0: none. */
	double letter_space_max_em;
	/* With it, the breaker may take such a line at these demerits
	 * where it would otherwise break a word (a hyphen costs the square
	 * of its penalty); 0: only where nothing else fits. */
	int letter_space_demerits;
	/* The widest a justified line's space may get, as a multiple of
	 * normal, where nothing else fills the line: beyond it the line
	 * falls short (a name in a narrow column). 0: no limit. */
	double justify_max_space;
	/* Font expansion (pdfTeX's, microtype's stretch/shrink/step): a
	 * justified line's glyphs may be widened by up to expansion_stretch
	 * or narrowed by up to expansion_shrink of their width, in steps of
	 * expansion_step; the breaker counts it as the line's stretch and
	 * shrink besides its spaces'. 0: none. */
	double expansion_stretch, expansion_shrink, expansion_step;
	/* Character protrusion (microtype's protrusion set): how far a
	 * character at the start or end of a justified line hangs into the
	 * margin, in thousandths of an em of its font. */
	struct protrusion *protrusion;
	int n_protrusion;

	struct style *styles;
	int n_styles;
};

/* Read layouts/<name>.yaml from dir. NULL and diags on error. */
struct layout *layout_load(struct arena *a, const char *dir, const char *name,
			   struct diags *diags);
/* The style of that name; aborts if a name the C code uses is missing
 * (layout_load checks that all of them are present). */
const struct style *layout_style(const struct layout *l, const char *name);
/* How far character c hangs into the margin at the left (right: false)
 * or right edge of a justified line, in thousandths of an em; 0 for a
 * character the layout's protrusion set does not name. */
double layout_protrusion(const struct layout *l, uint32_t c, bool right);

#endif
