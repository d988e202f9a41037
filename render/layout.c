/*
 * layout.c — read a page design (layouts/<name>.yaml) into struct layout.
 *
 * The reader is table-driven: each key of the file names a field of struct
 * layout or struct style and its type. Unknown keys, missing lengths and
 * styles the renderer needs but the file lacks are errors with their place.
 *
 * A layout read without an error is kept in the cache folder
 * (hyph_cache.h's) and read from there while neither the file nor the
 * program changes: libfyaml takes 5 M instructions to build and walk the
 * document, a twentieth of a cold render; the cache a few thousand.
 */
#include "layout.h"

#include <assert.h>
#include <errno.h>
#include <libfyaml.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyph_cache.h"
#include "input.h"
#include "utf8.h"

#define LAYOUT_MAX_BYTES ((size_t)1 << 20) /* a layout is a few KB */
#define LAYOUT_MAX_FIELDS 96 /* read_fields() marks the keys it saw */

/* F_LINES fills sender_lines and the count that follows it. */
_Static_assert(offsetof(struct layout, n_sender_lines) ==
		       offsetof(struct layout, sender_lines) + sizeof(char **),
	       "n_sender_lines must follow sender_lines");
_Static_assert(offsetof(struct layout, n_protrusion) ==
		       offsetof(struct layout, protrusion) +
		       sizeof(struct protrusion *),
	       "n_protrusion must follow protrusion");
_Static_assert(offsetof(struct layout, n_english_terms) ==
		       offsetof(struct layout, english_terms) + sizeof(char **),
	       "n_english_terms must follow english_terms");

enum field_type {
	F_NUM, F_STR, F_BOOL, F_ALIGN, F_COLOR, F_INT, F_LINES,
	F_COLORS, /* struct color_list */
	F_DASHES, /* struct dash_list: a list of lists of lengths */
	F_PROTRUSION, /* a mapping of characters to [left, right] */
};

struct field {
	const char *key;
	enum field_type type;
	size_t offset;
	bool required;
};

#define L(k, t, req) { #k, t, offsetof(struct layout, k), req }
static const struct field layout_fields[] = {
	L(page_width_pt, F_NUM, true),
	L(page_height_pt, F_NUM, true),
	L(margin_top_pt, F_NUM, true),
	L(margin_bottom_pt, F_NUM, true),
	L(margin_left_pt, F_NUM, true),
	L(margin_right_pt, F_NUM, true),
	L(sender_x_pt, F_NUM, true),
	L(sender_y_pt, F_NUM, true),
	L(sender_width_pt, F_NUM, true),
	L(sender_lines, F_LINES, false),
	L(address_y_pt, F_NUM, true),
	L(letter_top_pt, F_NUM, true),
	L(label_width_pt, F_NUM, true),
	L(signature_space_pt, F_NUM, true),
	L(footer_text, F_STR, true),
	L(mail_salutation, F_STR, false),
	L(mail_closing, F_STR, false),
	L(footer_baseline_pt, F_NUM, true),
	L(header_text, F_STR, true),
	L(header_baseline_pt, F_NUM, true),
	L(footnote_rule_width_pt, F_NUM, true),
	L(footnote_rule_pt, F_NUM, true),
	L(footnote_gap_pt, F_NUM, true),
	L(footnote_number_width_pt, F_NUM, true),
	L(list_indent_pt, F_NUM, true),
	L(table_cell_padding_pt, F_NUM, true),
	L(table_rule_pt, F_NUM, true),
	L(noteref_scale, F_NUM, true),
	L(noteref_rise_pt, F_NUM, true),
	L(link_rgb, F_COLOR, true),
	L(link_underline_pt, F_NUM, true),
	L(link_underline_offset_pt, F_NUM, true),
	L(cover_top_pt, F_NUM, false),
	L(toc_number_width_pt, F_NUM, false),
	L(running_header_baseline_pt, F_NUM, false),
	L(orphans, F_INT, true),
	L(widows, F_INT, true),
	L(space_stretch, F_NUM, true),
	L(space_shrink, F_NUM, true),
	L(justify_tolerance, F_NUM, true),
	L(justify_emergency_tolerance, F_NUM, true),
	L(line_penalty, F_INT, true),
	L(hyphen_penalty, F_INT, true),
	L(compound_hyphen_penalty, F_INT, true),
	L(boundary_hyphen_penalty, F_INT, true),
	L(in_part_hyphen_penalty, F_INT, true),
	L(short_word_hyphen_penalty, F_INT, true),
	L(hyphen_min_word, F_INT, true),
	L(hyphen_left_min, F_INT, true),
	L(hyphen_right_min, F_INT, true),
	L(hyphen_names_whole, F_BOOL, true),
	L(compound_dictionary, F_BOOL, false),
	L(english_terms, F_LINES, false),
	L(consecutive_hyphen_demerits, F_INT, true),
	L(final_hyphen_demerits, F_INT, true),
	L(fitness_demerits, F_INT, true),
	L(max_hyphenated_lines, F_INT, true),
	L(ragged_stretch_pt, F_NUM, true),
	L(ragged_hyphen_penalty, F_INT, true),
	L(letter_space_max_em, F_NUM, false),
	L(letter_space_demerits, F_INT, false),
	L(justify_max_space, F_NUM, false),
	L(expansion_stretch, F_NUM, false),
	L(expansion_shrink, F_NUM, false),
	L(expansion_step, F_NUM, false),
	L(protrusion, F_PROTRUSION, false),
};
#undef L

#define C(k, t, req) { #k, t, offsetof(struct chart_layout, k), req }
static const struct field chart_fields[] = {
	C(width_pt, F_NUM, true),
	C(plot_height_pt, F_NUM, true),
	C(plot_height_min_pt, F_NUM, false),
	C(hbar_row_pt, F_NUM, true),
	C(hbar_row_min_pt, F_NUM, true),
	C(hbar_label_share, F_NUM, true),
	C(space_before_pt, F_NUM, true),
	C(space_after_pt, F_NUM, true),
	C(margin_pt, F_NUM, true),
	C(png_width_px, F_NUM, true),
	C(legend_swatch_pt, F_NUM, true),
	C(legend_spacing_pt, F_NUM, true),
	C(legend_gap_pt, F_NUM, true),
	C(axis_gap_pt, F_NUM, true),
	C(label_gap_pt, F_NUM, true),
	C(source_gap_pt, F_NUM, true),
	C(label_angle_deg, F_NUM, true),
	C(axis_rule_pt, F_NUM, true),
	C(grid_rule_pt, F_NUM, true),
	C(bar_share, F_NUM, true),
	C(bar_max_pt, F_NUM, true),
	C(bar_gap_pt, F_NUM, true),
	C(segment_rule_pt, F_NUM, true),
	C(line_pt, F_NUM, true),
	C(marker_pt, F_NUM, true),
	C(target_rule_pt, F_NUM, true),
	C(target_label_pt, F_NUM, true),
	C(target_dash, F_DASHES, true),
	C(leader_pt, F_NUM, true),
	C(leader_rule_pt, F_NUM, true),
	C(axis_rgb, F_COLOR, true),
	C(grid_rgb, F_COLOR, true),
	C(target_rgb, F_COLOR, true),
	C(highlight_rgb, F_COLOR, true),
	C(light_text_rgb, F_COLOR, true),
	C(dark_fill_below, F_NUM, true),
	C(hatch_from_series, F_NUM, true),
	C(hatch_pt, F_NUM, true),
	C(hatch_rule_pt, F_NUM, true),
	C(palette, F_COLORS, true),
	C(line_dashes, F_DASHES, true),
};
#undef C

#define S(k, t, req) { #k, t, offsetof(struct style, k), req }
static const struct field style_fields[] = {
	S(font, F_STR, true),
	S(size_pt, F_NUM, true),
	S(leading_pt, F_NUM, true),
	S(bold, F_BOOL, false),
	S(italic, F_BOOL, false),
	S(align, F_ALIGN, false),
	S(space_before_pt, F_NUM, false),
	S(space_after_pt, F_NUM, false),
	S(space_above_pt, F_NUM, false),
	S(space_above_heading_pt, F_NUM, false),
	S(indent_pt, F_NUM, false),
	S(hyphenate, F_BOOL, false),
	S(keep_with_next, F_BOOL, false),
	S(page_break_before, F_BOOL, false),
	S(color_rgb, F_COLOR, false),
};
#undef S

/* The styles the renderer asks for by name. */
static const char *const needed_styles[] = {
	"title", "meeting", "body", "heading1", "heading2", "heading3",
	"position_label", "position", "list", "table", "table_header",
	"footnote", "footer", "header", "sender", "sender_bold", "address",
	"label", "value", "letter", "signatory", "chart_title",
	"chart_subtitle", "chart_axis", "chart_axis_highlight", "chart_value",
	"chart_value_small", "chart_legend",
	"chart_source", "cover_title", "cover_text", "cover_label", "toc1",
	"toc2", "toc_page", "running_header",
};

struct reader {
	struct arena *arena;
	const char *path;
	struct diags *diags;
	struct fy_node *key; /* of the value being read */
};

/* Where a node is: a scalar's own place; a list or mapping (which
 * libfyaml marks no place for) is placed at its key. */
static struct srcpos node_pos(struct reader *r, struct fy_node *n)
{
	struct srcpos p = { r->path, 0, 0 };
	if (n && !fy_node_is_scalar(n))
		n = r->key;
	struct fy_token *t = n ? fy_node_get_scalar_token(n) : NULL;
	const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
	if (m) {
		p.line = m->line + 1;
		p.col = m->column + 1;
	}
	return p;
}

static const char *scalar(struct fy_node *n)
{
	if (!n || !fy_node_is_scalar(n))
		return NULL;
	return fy_node_get_scalar0(n);
}

static bool read_number(struct reader *r, struct fy_node *v, const char *key,
			double *out)
{
	const char *s = scalar(v);
	char *end = NULL;
	errno = 0;
	double d = s ? strtod(s, &end) : 0;
	if (!s || end == s || *end || errno) {
		diag_error(r->diags, node_pos(r, v),
			   "'%s' in the layout must be a number", key);
		return false;
	}
	*out = d;
	return true;
}

static void read_field(struct reader *r, const struct field *f, void *base,
		       struct fy_node *v);

/* [[], [4, 2]]: per entry, up to four lengths (an empty list is solid). */
static void read_dashes(struct reader *r, const struct field *f,
			struct dash_list *dl, struct fy_node *v)
{
	void *it = NULL;
	struct fy_node *c;
	dl->n = 0;
	bool ok = fy_node_is_sequence(v);
	while (ok && (c = fy_node_sequence_iterate(v, &it)) &&
	       dl->n < CHART_MAX_SERIES) {
		void *jt = NULL;
		struct fy_node *d;
		int k = 0;
		ok = fy_node_is_sequence(c);
		while (ok && (d = fy_node_sequence_iterate(c, &jt)) && k < 4)
			ok = read_number(r, d, f->key, &dl->pt[dl->n][k++]);
		dl->len[dl->n++] = k;
	}
	if (!ok || dl->n == 0)
		diag_error(r->diags, node_pos(r, v),
			   "'%s' must be a list of dash patterns, each a list "
			   "of up to four lengths", f->key);
}

/* {"-": [0, 230], "“": [300, 0]}: per character, how far it hangs into
 * the left and the right margin, in thousandths of an em. */
static void read_protrusion(struct reader *r, const struct field *f,
			    void *dst, struct fy_node *v)
{
	struct protrusion **set = dst;
	int *n = (int *)((char *)dst + sizeof(struct protrusion *));
	int count = fy_node_is_mapping(v) ? fy_node_mapping_item_count(v) : -1;
	*n = 0;
	*set = arena_array(r->arena, count > 0 ? (size_t)count : 1,
			   sizeof **set);
	void *it = NULL;
	struct fy_node_pair *p;
	bool ok = count >= 0;
	while (ok && (p = fy_node_mapping_iterate(v, &it))) {
		const char *key = scalar(fy_node_pair_key(p));
		struct fy_node *lr = fy_node_pair_value(p);
		struct protrusion *e = &(*set)[*n];
		size_t len = key ? strlen(key) : 0;
		ok = len > 0 && utf8_decode(key, len, &e->c) == len &&
		     fy_node_is_sequence(lr) &&
		     fy_node_sequence_item_count(lr) == 2 &&
		     read_number(r, fy_node_sequence_get_by_index(lr, 0),
				 f->key, &e->left) &&
		     read_number(r, fy_node_sequence_get_by_index(lr, 1),
				 f->key, &e->right);
		(*n) += ok;
	}
	if (!ok)
		diag_error(r->diags, node_pos(r, v),
			   "'%s' must map single characters to [left, right] "
			   "in thousandths of an em", f->key);
}

static void read_field(struct reader *r, const struct field *f, void *base,
		       struct fy_node *v)
{
	char *dst = (char *)base + f->offset;
	const char *s = scalar(v);
	switch (f->type) {
	case F_NUM:
		read_number(r, v, f->key, (double *)dst);
		break;
	case F_INT: {
		double d;
		if (read_number(r, v, f->key, &d))
			*(int *)dst = (int)d;
		break;
	}
	case F_STR:
		if (!s)
			diag_error(r->diags, node_pos(r, v),
				   "'%s' in the layout must be text", f->key);
		else
			*(const char **)dst = arena_strdup(r->arena, s);
		break;
	case F_BOOL:
		if (s && !strcmp(s, "true"))
			*(bool *)dst = true;
		else if (s && !strcmp(s, "false"))
			*(bool *)dst = false;
		else
			diag_error(r->diags, node_pos(r, v),
				   "'%s' in the layout must be true or false",
				   f->key);
		break;
	case F_ALIGN: {
		static const char *const names[] = { "left", "justify",
						     "right", "center" };
		for (int i = 0; i < 4; i++)
			if (s && !strcmp(s, names[i])) {
				*(enum align *)dst = (enum align)i;
				return;
			}
		diag_error(r->diags, node_pos(r, v),
			   "'align' must be left, justify, right or center");
		break;
	}
	case F_COLOR: {
		double *rgb = (double *)dst;
		int i = 0;
		void *it = NULL;
		struct fy_node *c;
		if (fy_node_is_sequence(v))
			while ((c = fy_node_sequence_iterate(v, &it)) && i < 3)
				read_number(r, c, f->key, &rgb[i++]);
		if (i != 3)
			diag_error(r->diags, node_pos(r, v),
				   "'%s' must be three numbers from 0 to 1",
				   f->key);
		break;
	}
	case F_COLORS: {
		struct color_list *cl = (struct color_list *)dst;
		void *it = NULL;
		struct fy_node *c;
		cl->n = 0;
		if (fy_node_is_sequence(v))
			while ((c = fy_node_sequence_iterate(v, &it)) &&
			       cl->n < CHART_MAX_SERIES) {
				struct field one = { f->key, F_COLOR, 0, true };
				read_field(r, &one, cl->rgb[cl->n++], c);
			}
		if (cl->n == 0)
			diag_error(r->diags, node_pos(r, v),
				   "'%s' must be a list of colours, each three "
				   "numbers from 0 to 1", f->key);
		break;
	}
	case F_DASHES:
		read_dashes(r, f, (struct dash_list *)dst, v);
		break;
	case F_PROTRUSION:
		read_protrusion(r, f, dst, v);
		break;
	case F_LINES: {
		const char ***lines = (const char ***)dst;
		int *n = (int *)(dst + sizeof(const char **));
		int count = fy_node_is_sequence(v) ?
			fy_node_sequence_item_count(v) : -1;
		if (count < 0) {
			diag_error(r->diags, node_pos(r, v),
				   "'%s' must be a list of lines", f->key);
			break;
		}
		*lines = arena_array(r->arena, (size_t)count + 1,
				     sizeof(char *));
		void *it = NULL;
		struct fy_node *c;
		*n = 0;
		while ((c = fy_node_sequence_iterate(v, &it)))
			(*lines)[(*n)++] = arena_strdup(r->arena,
							scalar(c) ? scalar(c) : "");
		break;
	}
	}
}

/* Read the keys of mapping m into base by the field table. */
static void read_fields(struct reader *r, struct fy_node *m,
			const struct field *fields, size_t n_fields, void *base,
			const char *where, const char *const *skip)
{
	bool seen[LAYOUT_MAX_FIELDS] = { false };
	assert(n_fields <= LAYOUT_MAX_FIELDS);
	void *it = NULL;
	struct fy_node_pair *p;
	while ((p = fy_node_mapping_iterate(m, &it))) {
		struct fy_node *k = fy_node_pair_key(p);
		const char *key = scalar(k);
		size_t i;
		bool skipped = false;
		for (const char *const *sk = skip; sk && *sk; sk++)
			skipped |= key && !strcmp(key, *sk);
		if (skipped)
			continue;
		for (i = 0; i < n_fields; i++)
			if (key && !strcmp(key, fields[i].key))
				break;
		if (i == n_fields) {
			diag_error(r->diags, node_pos(r, k),
				   "unknown key '%s' in %s", key ? key : "?",
				   where);
			continue;
		}
		seen[i] = true;
		struct fy_node *outer = r->key;
		r->key = k;
		read_field(r, &fields[i], base, fy_node_pair_value(p));
		r->key = outer;
	}
	for (size_t i = 0; i < n_fields; i++)
		if (fields[i].required && !seen[i])
			diag_error(r->diags, (struct srcpos){ r->path, 0, 0 },
				   "missing '%s' in %s", fields[i].key, where);
}

static void read_styles(struct reader *r, struct layout *l,
			struct fy_node *m)
{
	if (!m || !fy_node_is_mapping(m)) {
		diag_error(r->diags, node_pos(r, m),
			   "'styles' must be a mapping of style names");
		return;
	}
	int n = fy_node_mapping_item_count(m);
	l->styles = arena_array(r->arena, (size_t)n, sizeof *l->styles);
	void *it = NULL;
	struct fy_node_pair *p;
	while ((p = fy_node_mapping_iterate(m, &it))) {
		struct style *s = &l->styles[l->n_styles++];
		s->name = arena_strdup(r->arena,
				       scalar(fy_node_pair_key(p)) ?
				       scalar(fy_node_pair_key(p)) : "");
		s->color_rgb[0] = s->color_rgb[1] = s->color_rgb[2] = 0;
		s->space_above_pt = s->space_above_heading_pt = -1;
		struct fy_node *v = fy_node_pair_value(p);
		if (!fy_node_is_mapping(v)) {
			diag_error(r->diags, node_pos(r, fy_node_pair_key(p)),
				   "style '%s' must be a mapping", s->name);
			continue;
		}
		char *where = arena_printf(r->arena, "style '%s'", s->name);
		read_fields(r, v, style_fields,
			    sizeof style_fields / sizeof *style_fields, s,
			    where, NULL);
	}
}

static void read_chart(struct reader *r, struct layout *l, struct fy_node *m)
{
	if (!m || !fy_node_is_mapping(m)) {
		diag_error(r->diags, node_pos(r, m),
			   "the layout needs a 'chart' mapping of chart keys");
		return;
	}
	read_fields(r, m, chart_fields,
		    sizeof chart_fields / sizeof *chart_fields, &l->chart,
		    "'chart'", NULL);
}

static const struct style *find_style(const struct layout *l,
				      const char *name)
{
	for (int i = 0; i < l->n_styles; i++)
		if (!strcmp(l->styles[i].name, name))
			return &l->styles[i];
	return NULL;
}

/* One rhythm: a larger heading never gets less space above it than a
 * smaller one after the same kind of block. The title and the headings
 * that give their space above must give it in that order. */
static void check_rhythm(const struct layout *l, const char *path,
			 struct diags *diags)
{
	static const char *const order[] = { "title", "heading1", "heading2",
					     "heading3" };
	for (int key = 0; key < 2; key++) {
		const struct style *larger = NULL;
		for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
			const struct style *s = find_style(l, order[i]);
			double v = key ? s->space_above_heading_pt :
				   s->space_above_pt;
			if (v < 0)
				continue;
			double lv = larger ? (key ? larger->space_above_heading_pt :
					      larger->space_above_pt) : v;
			if (v > lv)
				diag_error(diags, (struct srcpos){ path, 0, 0 },
					   "style '%s' has more %s (%g pt) "
					   "than '%s' (%g pt): a smaller heading "
					   "would stand further from what is "
					   "above it", s->name, key ?
					   "space_above_heading_pt" :
					   "space_above_pt", v, larger->name,
					   lv);
			larger = s;
		}
	}
}

/* The text of the layout file at path, read as YAML. */
static struct layout *layout_read(struct arena *a, const char *path,
				  const char *name, const struct strbuf *text,
				  struct diags *diags)
{
	struct reader r = { a, path, diags, NULL };
	struct fy_parse_cfg cfg = { .flags = FYPCF_QUIET };
	struct fy_document *fyd = NULL;
	if (text->len <= LAYOUT_MAX_BYTES)
		fyd = fy_document_build_from_string(&cfg, strbuf_str(text),
						    text->len);
	if (!fyd) {
		diag_error_status(diags, EXIT_NOINPUT,
				  (struct srcpos){ r.path, 0, 0 },
				  "cannot read the layout '%s' (or it is not "
				  "valid YAML)", name);
		return NULL;
	}
	int before = diags->count;
	struct layout *l = arena_alloc(a, sizeof *l);
	l->name = arena_strdup(a, name);
	l->path = r.path;
	struct fy_node *root = fy_document_root(fyd);
	if (!root || !fy_node_is_mapping(root)) {
		diag_error(diags, (struct srcpos){ r.path, 0, 0 },
			   "a layout must be a mapping of keys");
		fy_document_destroy(fyd);
		return NULL; /* not one missing style for each it has not */
	} else {
		read_styles(&r, l,
			    fy_node_mapping_lookup_by_string(root, "styles", -1));
		static const char *const nested[] = { "styles", "chart",
						      NULL };
		read_fields(&r, root, layout_fields,
			    sizeof layout_fields / sizeof *layout_fields, l,
			    "the layout", nested);
		read_chart(&r, l,
			   fy_node_mapping_lookup_by_string(root, "chart", -1));
	}
	fy_document_destroy(fyd);
	for (size_t i = 0; i < sizeof needed_styles / sizeof *needed_styles;
	     i++) {
		int j;
		for (j = 0; j < l->n_styles; j++)
			if (!strcmp(l->styles[j].name, needed_styles[i]))
				break;
		if (j == l->n_styles)
			diag_error(diags, (struct srcpos){ r.path, 0, 0 },
				   "the layout has no style '%s'",
				   needed_styles[i]);
	}
	if (diags->count == before)
		check_rhythm(l, r.path, diags);
	return diags->count == before ? l : NULL;
}

/* ---- the cache ----
 *
 * One image: a header, the key, then the body: struct layout and its
 * styles as they are in memory with every pointer zeroed, then their
 * strings one after another, each after a byte that says whether it is
 * there (1) or NULL (0), in the order the field tables give (F_STR and
 * F_LINES fields; an F_PROTRUSION field's entries as they are in memory),
 * the styles' after the layout's. A pointer field is
 * kept only if a table names it, or it is a style's name: one added to a
 * struct otherwise must be added here. Reading checks every count and
 * string against the body's length, and a checksum catches a damaged
 * file, which is read as YAML again and replaced.
 */
#define LC_MAGIC "dosLAYT1"
#define LC_MAX_IMAGE ((size_t)1 << 20)
#define LC_MAX_STYLES 4096

struct lc_header {
	char magic[8];
	uint64_t key_len;  /* the key follows the header */
	uint64_t body_len; /* then the body */
	uint64_t checksum; /* of the body */
};

static uint64_t lc_sum(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	return h;
}

/* The layout's text, the program and the shape of the structs: any of
 * them changed makes the image stale. The text itself, not its file's
 * time: a file written twice within the clock's tick keeps its time. */
static char *lc_key(const struct strbuf *text)
{
	const char *files[] = { "/proc/self/exe" };
	char *exe = hyph_cache_key(files, 1);
	if (!exe)
		return NULL;
	char *key = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&key, &len);
	if (f) {
		fprintf(f, "layout %s %zu %zu %zu %016llx\n%s",
			DOSSIER_VERSION, sizeof(struct layout),
			sizeof(struct style), text->len,
			(unsigned long long)lc_sum(
				(const unsigned char *)text->buf, text->len),
			exe);
		fclose(f);
	}
	free(exe);
	return key;
}

static void lc_put_str(struct strbuf *sb, const char *s)
{
	strbuf_addc(sb, s ? 1 : 0);
	if (s)
		strbuf_add(sb, s, strlen(s) + 1);
}

/* The strings of base's F_STR and F_LINES fields onto sb, each pointer
 * in copy (base's bytes) zeroed. */
static void lc_put_fields(struct strbuf *sb, const struct field *fields,
			  size_t n, const void *base, void *copy)
{
	for (size_t i = 0; i < n; i++) {
		const char *src = (const char *)base + fields[i].offset;
		char *dst = (char *)copy + fields[i].offset;
		if (fields[i].type == F_STR) {
			lc_put_str(sb, *(const char *const *)src);
			*(const char **)dst = NULL;
		} else if (fields[i].type == F_LINES) {
			const char *const *lines =
				*(const char *const *const *)src;
			int count = *(const int *)(src + sizeof(char **));
			for (int k = 0; k < count; k++)
				lc_put_str(sb, lines[k]);
			*(const char ***)dst = NULL;
		} else if (fields[i].type == F_PROTRUSION) {
			const struct protrusion *set =
				*(const struct protrusion *const *)src;
			int count = *(const int *)(src + sizeof set);
			if (count > 0)
				strbuf_add(sb, (const char *)set,
					   (size_t)count * sizeof *set);
			*(struct protrusion **)dst = NULL;
		}
	}
}

static void lc_save(const struct layout *l, const char *key)
{
	struct strbuf body = STRBUF_INIT, strings = STRBUF_INIT;
	/* memcpy, not assignment: the padding too, which the arena zeroed */
	struct layout lc;
	memcpy(&lc, l, sizeof lc);
	lc.name = lc.path = NULL;
	lc.styles = NULL;
	lc_put_fields(&strings, layout_fields,
		      sizeof layout_fields / sizeof *layout_fields, l, &lc);
	strbuf_add(&body, (const char *)&lc, sizeof lc);
	for (int i = 0; i < l->n_styles; i++) {
		struct style sc;
		memcpy(&sc, &l->styles[i], sizeof sc);
		lc_put_str(&strings, sc.name);
		sc.name = NULL;
		lc_put_fields(&strings, style_fields,
			      sizeof style_fields / sizeof *style_fields,
			      &l->styles[i], &sc);
		strbuf_add(&body, (const char *)&sc, sizeof sc);
	}
	strbuf_add(&body, strings.buf, strings.len);
	struct lc_header h = { LC_MAGIC, strlen(key), body.len,
			       lc_sum((const unsigned char *)body.buf,
				      body.len) };
	struct strbuf img = STRBUF_INIT;
	strbuf_add(&img, (const char *)&h, sizeof h);
	strbuf_add(&img, key, strlen(key));
	strbuf_add(&img, body.buf, body.len);
	char *file = hyph_cache_path(l->path, true);
	if (file)
		hyph_cache_write(file, img.buf, img.len);
	free(file);
	strbuf_release(&img);
	strbuf_release(&body);
	strbuf_release(&strings);
}

/* Reading the strings back: each checked to end inside the body. */
struct lc_reader {
	struct arena *a;
	const char *p, *end;
	bool ok;
};

static const char *lc_get_str(struct lc_reader *r)
{
	if (!r->ok || r->p >= r->end || (unsigned char)*r->p > 1) {
		r->ok = false;
		return NULL;
	}
	if (!*r->p++)
		return NULL;
	const char *nul = memchr(r->p, '\0', (size_t)(r->end - r->p));
	if (!nul) {
		r->ok = false;
		return NULL;
	}
	const char *s = arena_strndup(r->a, r->p, (size_t)(nul - r->p));
	r->p = nul + 1;
	return s;
}

static void lc_get_fields(struct lc_reader *r, const struct field *fields,
			  size_t n, void *base)
{
	for (size_t i = 0; i < n && r->ok; i++) {
		char *dst = (char *)base + fields[i].offset;
		if (fields[i].type == F_STR) {
			*(const char **)dst = lc_get_str(r);
		} else if (fields[i].type == F_LINES) {
			int count = *(const int *)(dst + sizeof(char **));
			/* each line takes two bytes at least */
			if (count < 0 || count > (r->end - r->p) / 2) {
				r->ok = false;
				return;
			}
			const char **lines = arena_array(r->a,
							 (size_t)count + 1,
							 sizeof(char *));
			for (int k = 0; k < count; k++)
				lines[k] = lc_get_str(r);
			*(const char ***)dst = lines;
		} else if (fields[i].type == F_PROTRUSION) {
			int count = *(const int *)(dst +
						   sizeof(struct protrusion *));
			size_t size = sizeof(struct protrusion);
			if (count < 0 ||
			    (size_t)count > (size_t)(r->end - r->p) / size) {
				r->ok = false;
				return;
			}
			struct protrusion *set = arena_array(
				r->a, count ? (size_t)count : 1, size);
			memcpy(set, r->p, (size_t)count * size);
			r->p += (size_t)count * size;
			*(struct protrusion **)dst = set;
		}
	}
}

/* The layout the cache keeps for key, or NULL. */
static struct layout *lc_load(struct arena *a, const char *path,
			      const char *key)
{
	char *file = hyph_cache_path(path, false);
	struct strbuf img = STRBUF_INIT;
	struct input_fail f;
	bool read = file && input_read(file, NULL, LC_MAX_IMAGE, &img, &f);
	free(file);
	struct lc_header h;
	size_t key_len = strlen(key);
	struct layout *l = NULL;
	if (!read || img.len < sizeof h)
		goto out;
	memcpy(&h, img.buf, sizeof h);
	const unsigned char *body = (const unsigned char *)img.buf +
				    sizeof h + key_len;
	if (memcmp(h.magic, LC_MAGIC, sizeof h.magic) ||
	    h.key_len != key_len || img.len - sizeof h < key_len ||
	    h.body_len != img.len - sizeof h - key_len ||
	    memcmp(img.buf + sizeof h, key, key_len) ||
	    h.body_len < sizeof *l ||
	    lc_sum(body, (size_t)h.body_len) != h.checksum)
		goto out;
	struct lc_reader r = { a, (const char *)body,
			       (const char *)body + h.body_len, true };
	l = arena_alloc(a, sizeof *l);
	memcpy(l, r.p, sizeof *l);
	r.p += sizeof *l;
	if (l->n_styles <= 0 || l->n_styles > LC_MAX_STYLES ||
	    (size_t)l->n_styles * sizeof(struct style) >
		    (size_t)(r.end - r.p)) {
		l = NULL;
		goto out;
	}
	l->styles = arena_array(a, (size_t)l->n_styles, sizeof *l->styles);
	memcpy(l->styles, r.p, (size_t)l->n_styles * sizeof *l->styles);
	r.p += (size_t)l->n_styles * sizeof *l->styles;
	lc_get_fields(&r, layout_fields,
		      sizeof layout_fields / sizeof *layout_fields, l);
	for (int i = 0; i < l->n_styles && r.ok; i++) {
		struct style *s = &l->styles[i];
		s->name = lc_get_str(&r);
		lc_get_fields(&r, style_fields,
			      sizeof style_fields / sizeof *style_fields, s);
		r.ok = r.ok && s->name;
	}
	if (!r.ok || r.p != r.end)
		l = NULL;
out:
	strbuf_release(&img);
	return l;
}

struct layout *layout_load(struct arena *a, const char *dir, const char *name,
			   struct diags *diags)
{
	const char *path = arena_printf(a, "%s/%s.yaml", dir, name);
	/* Read through input.c: a FIFO or a device here must not hang us. */
	struct strbuf text = STRBUF_INIT;
	struct input_fail f;
	if (!input_read(path, NULL, LAYOUT_MAX_BYTES, &text, &f)) {
		strbuf_release(&text);
		diag_error_status(diags, EXIT_NOINPUT,
				  (struct srcpos){ path, 0, 0 },
				  "cannot read the layout '%s': %s%s", name,
				  f.result == INPUT_NOT_FILE ? "it is " : "",
				  f.result == INPUT_NOT_FILE ?
				  arena_printf(a, "%s, not a file", f.what) :
				  input_fail_text(&f));
		return NULL;
	}
	char *key = lc_key(&text);
	struct layout *l = key ? lc_load(a, path, key) : NULL;
	if (l) {
		l->name = arena_strdup(a, name);
		l->path = path;
	} else {
		l = layout_read(a, path, name, &text, diags);
		if (l && key)
			lc_save(l, key);
	}
	free(key);
	strbuf_release(&text);
	return l;
}

const struct style *layout_style(const struct layout *l, const char *name)
{
	for (int i = 0; i < l->n_styles; i++)
		if (!strcmp(l->styles[i].name, name))
			return &l->styles[i];
	fprintf(stderr, "dossier: internal error: no style '%s'\n", name);
	abort();
}

double layout_protrusion(const struct layout *l, uint32_t c, bool right)
{
	for (int i = 0; i < l->n_protrusion; i++)
		if (l->protrusion[i].c == c)
			return right ? l->protrusion[i].right :
				       l->protrusion[i].left;
	return 0;
}
