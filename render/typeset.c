/*
 * typeset.c — blocks into lines with pango, harfbuzz and fontconfig.
 *
 * Input: a composition (text already Dutch-typeset, soft hyphens in place)
 * and its layout. Output: per block the lines it is set in, each with the
 * pango line that holds its shaped, justified glyphs, the footnotes it
 * refers to and its links. Line height is the style's leading, so the
 * baseline grid does not depend on the fonts on a line.
 */
#include "typeset.h"

#include "chart.h"

#include <assert.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "typeset_shape.h"
#include "typeset_priv.h"
#include "utf8.h"

void typeset_set_greedy(struct typesetter *ts, bool greedy)
{
	ts->greedy = greedy;
}

/* fontconfig 2.14 reads a relative <cachedir> against the working
 * directory (only <dir> knows prefix="relative"), so the cache `make`
 * builds beside the fonts is named here, from the folder of fonts.conf.
 * It comes first: fontconfig reads it, and writes there should the fonts
 * be newer than it. */
static bool load_cache_dir(FcConfig *fc, const char *conf_abs)
{
	char *dir = g_path_get_dirname(conf_abs);
	char *esc = g_markup_escape_text(dir, -1);
	char *xml = g_strdup_printf("<fontconfig><cachedir>%s/"
				    TYPESET_FONT_CACHE
				    "</cachedir></fontconfig>", esc);
	FcBool ok = FcConfigParseAndLoadFromMemory(fc, (const FcChar8 *)xml,
						   FcTrue);
	g_free(xml);
	g_free(esc);
	g_free(dir);
	return ok;
}

struct typesetter *typeset_create(const char *fonts_conf, struct diags *diags)
{
	/* fontconfig reads a relative name against its own folder. */
	char *abs = realpath(fonts_conf, NULL);
	FcConfig *fc = FcConfigCreate();
	bool loaded = fc && abs && load_cache_dir(fc, abs) &&
		      FcConfigParseAndLoad(fc, (const FcChar8 *)abs, FcTrue);
	free(abs);
	if (!loaded ||
	    !FcConfigBuildFonts(fc)) {
		diag_error_status(diags, EXIT_NOINPUT,
				  (struct srcpos){ fonts_conf, 0, 0 },
				  "cannot load the font configuration");
		if (fc)
			FcConfigDestroy(fc);
		return NULL;
	}
	FcFontSet *fonts = FcConfigGetFonts(fc, FcSetSystem);
	if (!fonts || fonts->nfont == 0) {
		diag_error_status(diags, EXIT_NOINPUT,
				  (struct srcpos){ fonts_conf, 0, 0 },
				  "no fonts: `make` derives the fonts this "
				  "configuration loads (fonts/unhint.py)");
		FcConfigDestroy(fc);
		return NULL;
	}
	/* Ours is fontconfig's current configuration too: pango's
	 * fontconfig thread (FcInit) and cairo's option substitution then
	 * find it instead of loading the system's, which costs start-up
	 * time and which nothing could release without racing that thread.
	 * It stays current until the process exits. */
	FcConfigSetCurrent(fc);
	struct typesetter *ts = calloc(1, sizeof *ts);
	if (!ts)
		abort();
	ts->fc = fc;
	ts->scratch = arena_create();
	ts->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(ts->fontmap), fc);
	ts->context = pango_font_map_create_context(ts->fontmap);
	/* Points are device units; no hinting, so positions do not depend
	 * on a pixel grid (the PDF is resolution-free). */
	pango_cairo_context_set_resolution(ts->context, 72.0);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(ts->context, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(ts->context,
				   pango_language_from_string("nl-nl"));
	pango_context_set_round_glyph_positions(ts->context, FALSE);
	return ts;
}

void typeset_destroy(struct typesetter *ts)
{
	if (!ts)
		return;
	for (size_t i = 0; i < ts->n_metrics; i++)
		free(ts->metrics[i].family);
	free(ts->metrics);
	arena_destroy(ts->scratch);
	shape_fonts_free(&ts->fonts);
	g_object_unref(ts->context);
	/* The font map holds a reference to the configuration; give it up
	 * here, since pango's caches may keep the map itself alive. */
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(ts->fontmap), NULL);
	g_object_unref(ts->fontmap);
	FcConfigDestroy(ts->fc);
	free(ts);
}

static void unref_layout(void *p)
{
	g_object_unref(p);
}

static void unref_line(void *p)
{
	pango_layout_line_unref(p);
}

GSList *typeset_keep_line(struct arena *a, PangoLayoutLine *line)
{
	pango_layout_line_ref(line);
	arena_on_destroy(a, unref_line, line);
	return line->runs;
}

static void free_runs(void *p)
{
	shape_free(p);
}

GSList *typeset_keep_runs(struct arena *a, GSList *runs)
{
	if (runs)
		arena_on_destroy(a, free_runs, runs);
	return runs;
}

PangoFontDescription *typeset_font(const struct style *s)
{
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, s->font);
	pango_font_description_set_absolute_size(fd, s->size_pt * PANGO_SCALE);
	pango_font_description_set_weight(fd, s->bold ? PANGO_WEIGHT_BOLD :
						    PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, s->italic ? PANGO_STYLE_ITALIC :
						     PANGO_STYLE_NORMAL);
	return fd;
}

static void add_attr(PangoAttrList *al, PangoAttribute *at, size_t start,
		     size_t end)
{
	at->start_index = (guint)start;
	at->end_index = (guint)end;
	pango_attr_list_insert(al, at);
}

PangoAttrList *typeset_attrs(const struct layout *l, const struct rich *r,
			     const struct style *s)
{
	PangoAttrList *al = pango_attr_list_new();
	for (size_t i = 0; i < r->n_spans; i++) {
		const struct span *sp = &r->spans[i];
		switch (sp->kind) {
		case SPAN_ITALIC:
			add_attr(al, pango_attr_style_new(PANGO_STYLE_ITALIC),
				 sp->start, sp->end);
			break;
		case SPAN_BOLD:
			add_attr(al, pango_attr_weight_new(PANGO_WEIGHT_BOLD),
				 sp->start, sp->end);
			break;
		case SPAN_NOTEREF:
			add_attr(al, pango_attr_size_new_absolute(
					 (int)(s->size_pt * l->noteref_scale *
					       PANGO_SCALE)),
				 sp->start, sp->end);
			add_attr(al, pango_attr_rise_new(
					 (int)(l->noteref_rise_pt * PANGO_SCALE)),
				 sp->start, sp->end);
			break;
		case SPAN_LINK:
			add_attr(al, pango_attr_underline_new(
					 PANGO_UNDERLINE_SINGLE),
				 sp->start, sp->end);
			break;
		case SPAN_LANG:
			/* each run then knows its language: the display
			 * list gives it a Span with /Lang */
			add_attr(al, pango_attr_language_new(
					 pango_language_from_string(sp->lang)),
				 sp->start, sp->end);
			break;
		case SPAN_CODE:
			break;
		}
	}
	return al;
}

GSList *typeset_shape(struct typesetter *ts, const struct layout *l,
		      const struct rich *r, const struct style *s,
		      const struct shape_from *from, GList **items)
{
	PangoFontDescription *fd = typeset_font(s);
	PangoAttrList *al = typeset_attrs(l, r, s);
	GSList *runs = items ? shape_paragraph(ts->context, &ts->fonts,
					       r->text, r->len, fd, al,
					       items) :
		       from ? shape_line_from(ts->context, r->text, r->len,
					      fd, al, from) :
			      shape_line(ts->context, &ts->fonts, r->text,
					 r->len, fd, al);
	pango_attr_list_unref(al);
	pango_font_description_free(fd);
	return runs;
}

PangoLayout *typeset_layout(struct typesetter *ts, const struct layout *l,
			    const struct rich *r, const struct style *s,
			    double width_pt)
{
	PangoLayout *pl = pango_layout_new(ts->context);
	PangoFontDescription *fd = typeset_font(s);
	pango_layout_set_font_description(pl, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(pl, r->text ? r->text : "", (int)r->len);
	pango_layout_set_width(pl, (int)(width_pt * PANGO_SCALE));
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_justify(pl, s->align == ALIGN_JUSTIFY);
	pango_layout_set_alignment(pl, s->align == ALIGN_RIGHT ?
				   PANGO_ALIGN_RIGHT :
				   s->align == ALIGN_CENTER ?
				   PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
	PangoAttrList *al = typeset_attrs(l, r, s);
	pango_layout_set_attributes(pl, al);
	pango_attr_list_unref(al);
	return pl;
}

/* Where the character u first stands in the field's source, or the
 * field itself when that is not known. */
static struct srcpos glyph_place(const struct rich *r, const char *u)
{
	const char *at = r->field && r->field->src ?
			 strstr(r->field->src, u) : NULL;
	return at ? model_text_pos(r->field, (size_t)(at - r->field->src)) :
		    r->pos;
}

/* Name the first character no configured font can show. */
bool typeset_check_runs(GSList *runs, const struct rich *r,
			struct diags *diags)
{
	for (GSList *l = runs; l; l = l->next) {
		const PangoGlyphItem *run = l->data;
		for (int i = 0; i < run->glyphs->num_glyphs; i++) {
			PangoGlyph g = run->glyphs->glyphs[i].glyph;
			if (!(g & PANGO_GLYPH_UNKNOWN_FLAG))
				continue;
			gunichar ch = g & ~PANGO_GLYPH_UNKNOWN_FLAG;
			/* Invisible controls are drawn as nothing. */
			if (ch == 0x2028 || ch == 0x00AD || ch == '\n' ||
			    ch == 0x200B || ch == 0x2060)
				continue;
			char u[8] = { 0 };
			g_unichar_to_utf8(ch, u);
			diag_error(diags, glyph_place(r, u),
				   "the character '%s' (U+%04X) cannot be "
				   "shown by any of dossier's fonts; replace "
				   "it or remove it", u, (unsigned)ch);
			return false;
		}
	}
	return true;
}

static bool check_glyphs(PangoLayout *pl, const struct rich *r,
			 struct diags *diags)
{
	if (pango_layout_get_unknown_glyphs_count(pl) == 0)
		return true;
	for (GSList *l = pango_layout_get_lines_readonly(pl); l; l = l->next)
		if (!typeset_check_runs(((PangoLayoutLine *)l->data)->runs, r,
					diags))
			return false;
	return true;
}

/* The ascent and descent pango_context_get_metrics() gives for fd, in
 * pango units, without what else it works out: it shapes a sample text
 * in a layout of its own for an average character width, 0.2-0.5 ms a
 * font, a tenth of a cold render. For a fontconfig font with no
 * transformation, upright gravity and unhinted metrics (typeset_create)
 * they are the first font's HarfBuzz extents (pangofc-font.c,
 * get_face_metrics); pango takes the largest over the fonts its Dutch
 * sample text uses, which is that one font. test_paragraph compares
 * them with pango's for every style of every layout. */
static void font_extents(struct typesetter *ts, const PangoFontDescription *fd,
			 int *ascent, int *descent)
{
	PangoFont *font = pango_context_load_font(ts->context, fd);
	hb_font_extents_t ext = { 0 };
	if (font)
		hb_font_get_extents_for_direction(pango_font_get_hb_font(font),
						  HB_DIRECTION_LTR, &ext);
	*ascent = ext.ascender;
	*descent = -ext.descender;
	if (font)
		g_object_unref(font);
}

/* The metrics of the style's font, from the cache or from pango. */
static const struct font_metrics *style_metrics(struct typesetter *ts,
						const struct style *s)
{
	assert(s->font);
	for (size_t i = 0; i < ts->n_metrics; i++) {
		const struct font_metrics *fm = &ts->metrics[i];
		if (fm->size_pt == s->size_pt && fm->bold == s->bold &&
		    fm->italic == s->italic && !strcmp(fm->family, s->font))
			return fm;
	}
	ts->metrics = xrealloc_array(ts->metrics, ts->n_metrics + 1,
				     sizeof *ts->metrics);
	size_t n = strlen(s->font) + 1;
	char *family = memcpy(xrealloc_array(NULL, n, 1), s->font, n);
	PangoFontDescription *fd = typeset_font(s);
	int ascent, descent;
	font_extents(ts, fd, &ascent, &descent);
	struct font_metrics *fm = &ts->metrics[ts->n_metrics++];
	*fm = (struct font_metrics){
		family, s->size_pt, s->bold, s->italic,
		ascent / (double)PANGO_SCALE, descent / (double)PANGO_SCALE };
	pango_font_description_free(fd);
	return fm;
}

/* Baseline offset within a line box of the style's leading: the font's
 * ascent and descent centred in the box, the same for every line of the
 * style, so a raised footnote number does not move its line. */
double typeset_baseline(struct typesetter *ts, const struct style *s)
{
	const struct font_metrics *fm = style_metrics(ts, s);
	return (s->leading_pt - (fm->ascent_pt + fm->descent_pt)) / 2 +
	       fm->ascent_pt;
}

/* x of byte i from the start of the line, in pango units. */
static int index_x(PangoLayoutLine *line, GSList *runs, const char *text,
		   size_t i)
{
	int x;
	if (!line)
		return shape_index_to_x(runs, text, (int)i);
	pango_layout_line_index_to_x(line, (int)i, 0, &x);
	return x;
}

void typeset_notes_and_links(struct arena *a, struct tline *tl,
			     PangoLayoutLine *line, GSList *runs, size_t lo,
			     size_t hi, const struct rich *r, double x_pt,
			     double height_pt)
{
	for (size_t i = 0; i < r->n_spans; i++) {
		const struct span *sp = &r->spans[i];
		if (sp->end <= lo || sp->start >= hi)
			continue;
		if (sp->kind == SPAN_NOTEREF && sp->start >= lo) {
			int *n = arena_array(a, (size_t)tl->n_notes + 1,
					     sizeof *n);
			if (tl->n_notes)
				memcpy(n, tl->notes,
				       (size_t)tl->n_notes * sizeof *n);
			n[tl->n_notes++] = sp->note;
			tl->notes = n;
		}
		if (sp->kind != SPAN_LINK && sp->kind != SPAN_NOTEREF)
			continue;
		size_t s0 = sp->start > lo ? sp->start : lo;
		size_t s1 = sp->end < hi ? sp->end : hi;
		int x0 = index_x(line, runs, r->text, s0);
		int x1 = index_x(line, runs, r->text, s1);
		struct tlink *lk = arena_array(a, (size_t)tl->n_links + 1,
					       sizeof *lk);
		if (tl->n_links)
			memcpy(lk, tl->links, (size_t)tl->n_links * sizeof *lk);
		lk[tl->n_links] = (struct tlink){
			x_pt + x0 / (double)PANGO_SCALE,
			x_pt + x1 / (double)PANGO_SCALE, 0, height_pt,
			sp->kind == SPAN_LINK ? sp->href : NULL,
			sp->kind == SPAN_NOTEREF ? sp->note : 0 };
		tl->links = lk;
		tl->n_links++;
	}
}

/* The lines of a layout, each in a box of the style's leading; they
 * outlive the layout, which the caller releases. */
static struct tline *layout_lines(struct typesetter *ts, struct arena *a,
				  PangoLayout *pl, const struct rich *r,
				  const struct style *s, double x_pt,
				  size_t *n_out)
{
	int n = pango_layout_get_line_count(pl);
	struct tline *lines = arena_array(a, (size_t)n, sizeof *lines);
	const char *text = arena_strdup(a, pango_layout_get_text(pl));
	double baseline = typeset_baseline(ts, s);
	PangoLayoutIter *it = pango_layout_get_iter(pl);
	int i = 0;
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		struct tline *tl = &lines[i++];
		tl->height_pt = s->leading_pt;
		tl->parts = arena_alloc(a, sizeof *tl->parts);
		tl->n_parts = 1;
		tl->parts[0].runs = typeset_keep_line(a, line);
		tl->parts[0].text = text;
		tl->parts[0].x_pt = x_pt + logical.x / (double)PANGO_SCALE;
		tl->parts[0].baseline_pt = baseline;
		memcpy(tl->parts[0].rgb, s->color_rgb, sizeof s->color_rgb);
		typeset_notes_and_links(a, tl, line, line->runs,
					(size_t)line->start_index,
					(size_t)(line->start_index +
						 line->length),
					r, tl->parts[0].x_pt, s->leading_pt);
	} while (pango_layout_iter_next_line(it) && i < n);
	pango_layout_iter_free(it);
	*n_out = (size_t)i;
	return lines;
}

static bool is_power_of_two(size_t n)
{
	return n && !(n & (n - 1));
}

/* Add a part (a one-line label such as a bullet, a table cell's line)
 * to a line; line is kept already. The parts grow by doubling: a row of
 * a table of 2.000 columns copied them at every cell, 2,6 GB of arena.
 * A line holds one part or parts added here, so its room is n_parts
 * rounded up to a power of two, and full when n_parts is one. */
static void add_part(struct arena *a, struct tline *tl, GSList *runs,
		     const char *text, double x_pt, double baseline_pt,
		     const double rgb[3])
{
	size_t n = (size_t)tl->n_parts;
	assert(n < INT_MAX / 2);
	if (n == 0 || is_power_of_two(n)) {
		struct tpart *p = arena_array(a, n ? 2 * n : 1, sizeof *p);
		if (n)
			memcpy(p, tl->parts, n * sizeof *p);
		tl->parts = p;
	}
	tl->parts[n] = (struct tpart){ runs, text, x_pt, baseline_pt,
				       { rgb[0], rgb[1], rgb[2] }, 0, false,
				       0, 0, 0 };
	tl->n_parts++;
}

/* pango 1.50 stops breaking a paragraph of some 300 KB or more: the rest
 * goes on one line kilometres wide, and the text is lost off the page
 * without a word. Say so instead. */
static bool check_complete(PangoLayout *pl, const struct rich *r,
			   struct diags *diags)
{
	int width = pango_layout_get_width(pl);
	bool ok = true;
	PangoLayoutIter *it = pango_layout_get_iter(pl);
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		/* No line of a column holds 4 KB; its width may overflow. */
		ok = width <= 0 || (logical.width >= 0 &&
				    logical.width <= 2 * (double)width &&
				    line->length <= 4096);
	} while (ok && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	if (ok)
		return true;
	diag_error(diags, r->pos,
		   "this paragraph is too long to set (%zu bytes): the "
		   "typesetter would lose its text; split it into shorter "
		   "paragraphs",
		   r->len);
	return false;
}

/* The lines of a paragraph: total-fit for justified and hyphenated
 * ragged-right styles, pango's own breaking for the rest. NULL with diags
 * when a character cannot be shown. */
static struct tline *text_lines(struct typesetter *ts, struct arena *a,
				const struct layout *l, const struct rich *r,
				const struct style *s, double width_pt,
				double x_pt, size_t *n_out,
				struct diags *diags)
{
	if (!ts->greedy && paragraph_applies(s) && r->len)
		return paragraph_lines(ts, a, l, r, s, width_pt, x_pt, n_out,
				       diags);
	PangoLayout *pl = typeset_layout(ts, l, r, s, width_pt);
	struct tline *lines = NULL;
	if (check_glyphs(pl, r, diags) && check_complete(pl, r, diags))
		lines = layout_lines(ts, a, pl, r, s, x_pt, n_out);
	g_object_unref(pl); /* the lines keep what they need of it */
	return lines;
}

static double column_width(const struct layout *l)
{
	return l->page_width_pt - l->margin_left_pt - l->margin_right_pt;
}

/* A block at a fixed place (the letterhead) fits the room it has, or is
 * refused at its place: the letter's text would run over it. */
static bool fits_its_room(const struct block *b, const struct tblock *tb,
			  struct diags *diags)
{
	double h = 0;
	for (size_t k = 0; k < tb->n_lines; k++)
		h += tb->lines[k].height_pt;
	if (h <= b->room_pt + 0.01)
		return true;
	double lead = b->style->leading_pt;
	diag_error(diags, b->rich.pos,
		   "%s takes %zu lines, and the letter has room for %d there: "
		   "shorten it", b->room_of, tb->n_lines,
		   (int)(b->room_pt / lead));
	return false;
}

static bool set_text_block(struct typesetter *ts, struct arena *a,
			   const struct layout *l, const struct block *b,
			   struct tblock *tb, struct diags *diags)
{
	const struct style *s = b->style;
	double width = b->absolute || b->width_pt > 0 ? b->width_pt :
		       column_width(l);
	double text_x = s->indent_pt + b->indent_pt;
	double label_x = text_x;
	if (b->label) {
		double hang = b->label_style ? l->label_width_pt :
					       l->list_indent_pt;
		if (b->label_style)
			text_x += hang;
		label_x = text_x - hang;
	}
	tb->lines = text_lines(ts, a, l, &b->rich, s, width - text_x, text_x,
			       &tb->n_lines, diags);
	if (!tb->lines)
		return false;
	if (b->room_pt > 0 && !fits_its_room(b, tb, diags))
		return false;
	if (b->label && tb->n_lines) {
		const struct style *ls = b->label_style ? b->label_style : s;
		struct rich lr = { .text = (char *)b->label,
				   .len = strlen(b->label), .pos = b->rich.pos };
		PangoLayout *ll = typeset_layout(ts, l, &lr, ls, -1);
		add_part(a, &tb->lines[0],
			 typeset_keep_line(a,
				pango_layout_get_line_readonly(ll, 0)),
			 arena_strdup(a, pango_layout_get_text(ll)), label_x,
			 tb->lines[0].parts[0].baseline_pt, ls->color_rgb);
		struct tline *first = &tb->lines[0];
		first->parts[first->n_parts - 1].label = true;
		g_object_unref(ll);
	}
	return true;
}

static bool set_table(struct typesetter *ts, struct arena *a,
		      const struct layout *l, const struct block *b,
		      struct tblock *tb, struct diags *diags)
{
	const struct table *t = b->table;
	const struct style *body = b->style;
	const struct style *head = layout_style(l, "table_header");
	double pad = l->table_cell_padding_pt;
	double avail = column_width(l) - body->indent_pt;
	int cols = t->cols > 0 ? t->cols : 1;

	/* Columns get their natural width when it fits, else a share in
	 * proportion to it. */
	double *natural = arena_array(a, (size_t)cols, sizeof *natural);
	double total = 0;
	for (int c = 0; c < cols; c++) {
		for (int r = 0; r < t->rows; r++) {
			const struct rich *cell = &t->cells[r * t->cols + c];
			/* Measured in the style it is set in, below. */
			const struct style *s = r == 0 && t->header_row ? head :
								   body;
			PangoLayout *pl = typeset_layout(ts, l, cell, s, -1);
			PangoRectangle lg;
			pango_layout_get_extents(pl, NULL, &lg);
			g_object_unref(pl);
			double w = lg.width / (double)PANGO_SCALE + 2 * pad;
			if (w > natural[c])
				natural[c] = w;
		}
		total += natural[c];
	}
	double scale = total > avail ? avail / total : 1.0;

	tb->lines = arena_array(a, (size_t)t->rows, sizeof *tb->lines);
	tb->n_lines = (size_t)t->rows;
	for (int r = 0; r < t->rows; r++) {
		const struct style *s = r == 0 && t->header_row ? head : body;
		struct tline *row = &tb->lines[r];
		double x = body->indent_pt;
		int max_lines = 1;
		for (int c = 0; c < cols; c++) {
			const struct rich *cell = &t->cells[r * t->cols + c];
			double w = natural[c] * scale;
			size_t n;
			struct tline *cl = text_lines(ts, a, l, cell, s,
						      w - 2 * pad, x + pad,
						      &n, diags);
			if (!cl)
				return false;
			for (size_t i = 0; i < n; i++)
				add_part(a, row, cl[i].parts[0].runs,
					 cl[i].parts[0].text,
					 cl[i].parts[0].x_pt,
					 pad + i * s->leading_pt +
					 cl[i].parts[0].baseline_pt,
					 s->color_rgb);
			if ((int)n > max_lines)
				max_lines = (int)n;
			x += w;
		}
		row->height_pt = max_lines * s->leading_pt + 2 * pad;
		/* A row never splits: one taller than the page would run off
		 * its foot, and its text would be lost. */
		double page = l->page_height_pt - l->margin_top_pt -
			      l->margin_bottom_pt;
		if (row->height_pt > page) {
			diag_error(diags, t->cells[r * t->cols].pos,
				   "row %d of this table is taller than a "
				   "page (%.0f pt, a page holds %.0f pt); "
				   "shorten its cells or split them over "
				   "several rows",
				   r + 1, row->height_pt, page);
			return false;
		}
		double x1 = body->indent_pt + total * scale;
		int nr = (r == 0) + (r == 0 && t->header_row) +
			 (r == t->rows - 1);
		row->rules = arena_array(a, (size_t)nr, sizeof *row->rules);
		if (r == 0)
			row->rules[row->n_rules++] = (struct trule){
				body->indent_pt, x1, 0, l->table_rule_pt };
		if (r == 0 && t->header_row)
			row->rules[row->n_rules++] = (struct trule){
				body->indent_pt, x1, row->height_pt,
				l->table_rule_pt / 2 };
		if (r == t->rows - 1)
			row->rules[row->n_rules++] = (struct trule){
				body->indent_pt, x1, row->height_pt,
				l->table_rule_pt };
	}
	return true;
}

/* A chart is one line box of its own height: it never splits. */
static bool set_chart(struct typesetter *ts, struct arena *a,
		      const struct layout *l, const struct block *b,
		      struct tblock *tb, struct diags *diags)
{
	const struct chart_drawing *cd = chart_draw(ts, a, l, b->chart, diags);
	if (!cd)
		return false;
	tb->lines = arena_alloc(a, sizeof *tb->lines);
	tb->n_lines = 1;
	tb->lines[0].height_pt = cd->height_pt;
	tb->lines[0].chart = cd;
	tb->space_before_pt = l->chart.space_before_pt;
	tb->space_after_pt = l->chart.space_after_pt;
	tb->shorter_max_pt = cd->shorter_max_pt;
	return true;
}

const struct tline *typeset_chart_shorter(struct typesetter *ts,
					  struct arena *a,
					  const struct layout *l,
					  const struct tblock *tb,
					  double by_pt)
{
	assert(tb->block->kind == BLOCK_CHART && tb->n_lines == 1);
	struct diags d;
	diags_init(&d, a);
	const struct chart_drawing *cd =
		chart_draw_shorter(ts, a, l, tb->block->chart, by_pt, &d);
	/* The same chart drew before, taller. */
	assert(cd);
	struct tline *tl = arena_alloc(a, sizeof *tl);
	*tl = (struct tline){ .height_pt = cd->height_pt, .chart = cd };
	return tl;
}

/* The text of a block without soft hyphens, for the outline. */
static const char *plain_title(struct arena *a, const struct rich *r)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < r->len; i++) {
		if ((unsigned char)r->text[i] == 0xC2 && i + 1 < r->len &&
		    (unsigned char)r->text[i + 1] == 0xAD) {
			i++;
			continue;
		}
		strbuf_addc(&sb, r->text[i]);
	}
	return strbuf_finish(&sb, a);
}

/* A footnote stays on the page of its reference, whole: one taller
 * than a page would run off its foot. */
static bool note_fits(const struct layout *l, const char *key,
		      const struct tblock *tb, struct diags *diags)
{
	double h = 0;
	for (size_t i = 0; i < tb->n_lines; i++)
		h += tb->lines[i].height_pt;
	double page = l->page_height_pt - l->margin_top_pt -
		      l->margin_bottom_pt;
	if (h <= page)
		return true;
	diag_error(diags, tb->block->rich.pos,
		   "footnote [^%s] is longer than a page (%.0f pt, a page "
		   "holds %.0f pt); move most of it into the text",
		   key, h, page);
	return false;
}

/* Block tb->block (a footnote's when tb->note) set into a: its lines
 * and their shaped runs. */
static bool set_block(struct typesetter *ts, struct arena *a,
		      const struct layout *l, struct tblock *tb,
		      struct diags *diags)
{
	const struct block *b = tb->block;
	if (tb->note) {
		/* The number hangs in a column of its own width. */
		struct layout nl = *l;
		nl.label_width_pt = l->footnote_number_width_pt;
		return set_text_block(ts, a, &nl, b, tb, diags);
	}
	if (b->kind == BLOCK_TEXT)
		return set_text_block(ts, a, l, b, tb, diags);
	if (b->kind == BLOCK_TABLE)
		return set_table(ts, a, l, b, tb, diags);
	if (b->kind == BLOCK_CHART)
		return set_chart(ts, a, l, b, tb, diags);
	return true;
}

/* What pagination needs of tb's lines (set in a scratch arena), copied
 * to the heap: heights, notes, links and the first part's baseline; no
 * part, run, text, rule or chart (typeset_again() sets them when a page
 * is drawn). The lines, their links and their notes are one block of
 * the heap, so that typeset_release_block() lets them go at once when
 * the last page that shows them is drawn (in the arena they stayed
 * until the document was done: 3.5 MB for every 1.000 pages). */
static void keep_metrics(struct tblock *tb)
{
	size_t n_links = 0, n_notes = 0;
	for (size_t i = 0; i < tb->n_lines; i++) {
		n_links += (size_t)tb->lines[i].n_links;
		n_notes += (size_t)tb->lines[i].n_notes;
	}
	_Static_assert(sizeof(struct tline) % _Alignof(struct tlink) == 0 &&
		       sizeof(struct tlink) % _Alignof(int) == 0,
		       "links after the lines, notes after the links");
	if (!tb->n_lines) { /* no memory: no pointer to step from */
		tb->lines = NULL;
		return;
	}
	size_t bytes = tb->n_lines * sizeof(struct tline) +
		       n_links * sizeof(struct tlink) + n_notes * sizeof(int);
	unsigned char *mem = xrealloc_array(NULL, bytes, 1);
	struct tline *lines = (struct tline *)mem;
	struct tlink *links = (struct tlink *)(lines + tb->n_lines);
	int *notes = (int *)(links + n_links);
	for (size_t i = 0; i < tb->n_lines; i++) {
		const struct tline *src = &tb->lines[i];
		struct tline *tl = &lines[i];
		*tl = *src;
		tl->chart = NULL;
		/* pagination reads the first part's baseline, no more (a
		 * table row has a part a line of each cell); the rules are
		 * drawn from the lines set again */
		tl->bare_baseline_pt = tline_baseline(src);
		tl->n_parts = 0;
		tl->parts = NULL;
		tl->n_rules = 0;
		tl->rules = NULL;
		tl->links = src->n_links ? links : NULL;
		tl->notes = src->n_notes ? notes : NULL;
		if (src->n_links)
			memcpy(links, src->links,
			       (size_t)src->n_links * sizeof *links);
		if (src->n_notes)
			memcpy(notes, src->notes,
			       (size_t)src->n_notes * sizeof *notes);
		links += src->n_links;
		notes += src->n_notes;
	}
	tb->lines = lines;
}

void typeset_release_block(struct tblock *tb)
{
	if (!tb->bare)
		return;
	free(tb->lines);
	tb->lines = NULL;
	tb->n_lines = 0;
}

/* The lines kept of a long document's blocks that no page let go. */
static void release_all(void *data)
{
	struct typeset_doc *td = data;
	for (size_t i = 0; i < td->n_blocks; i++)
		typeset_release_block(&td->blocks[i]);
	for (size_t i = 0; i < td->n_notes; i++)
		typeset_release_block(&td->notes[i]);
}

/* The runs of a document of less text than this are kept: set once.
 * A longer one is set twice, once to paginate and again a page at a
 * time as the pages are drawn, so that its memory does not grow with
 * its length; for a 3-page agenda the second setting would be a third
 * more work for no memory worth saving. 64 KB is some 25 pages. */
#define TYPESET_KEEP_RUNS_BYTES ((size_t)64 << 10)

static size_t text_bytes(const struct composition *comp)
{
	size_t n = 0;
	for (size_t i = 0; i < comp->n_blocks; i++) {
		const struct block *b = &comp->blocks[i];
		n += b->rich.len;
		if (b->kind == BLOCK_TABLE)
			for (int c = 0; c < b->table->rows * b->table->cols; c++)
				n += b->table->cells[c].len;
	}
	for (size_t i = 0; i < comp->n_notes; i++)
		n += comp->notes[i].content.len;
	return n;
}

/* tb set into a; when tb->bare, set in the scratch arena sa and only its
 * metrics kept, on the heap (keep_metrics). */
static bool set_and_keep(struct typesetter *ts, struct arena *a,
			 struct arena *sa, const struct layout *l,
			 struct tblock *tb, struct diags *diags)
{
	if (!tb->bare)
		return set_block(ts, a, l, tb, diags);
	bool ok = set_block(ts, sa, l, tb, diags);
	if (ok)
		keep_metrics(tb);
	else
		tb->lines = NULL, tb->n_lines = 0;
	arena_reset(sa);
	return ok;
}

/* One rhythm (layouts/kamerbrief.yaml): the space between two blocks of
 * the flow is the space after the one above and before the one below,
 * but a title or heading that gives its space above (space_above_pt,
 * after text, a table or a chart; space_above_heading_pt, after a title
 * or heading) has that, whatever the block above leaves below it: a
 * heading after a list or a chart stood further off than a larger one
 * after a paragraph. Pagination adds the two as before; here the one
 * below is set so that they add up to the layout's. */
static void set_rhythm(struct typeset_doc *td)
{
	const struct tblock *above = NULL;
	for (size_t i = 0; i < td->n_blocks; i++) {
		struct tblock *tb = &td->blocks[i];
		const struct block *b = tb->block;
		if (b->kind == BLOCK_PAGE_BREAK || b->kind == BLOCK_SPACE ||
		    b->absolute) {
			above = NULL; /* a space of its own, or a new page */
			continue;
		}
		const struct style *s = b->style;
		double want = !s || !above ? -1 :
			      above->block->outline_level ?
			      s->space_above_heading_pt : s->space_above_pt;
		if (b->kind == BLOCK_TEXT && want >= 0)
			tb->space_before_pt = want - above->space_after_pt;
		above = tb;
	}
}

struct typeset_doc *typeset_blocks(struct typesetter *ts, struct arena *a,
				   const struct composition *comp,
				   struct diags *diags)
{
	const struct layout *l = comp->layout;
	struct typeset_doc *td = arena_alloc(a, sizeof *td);
	td->blocks = arena_array(a, comp->n_blocks, sizeof *td->blocks);
	td->n_blocks = comp->n_blocks;
	/* Each block of a long document is set in sa; its shaped runs
	 * (most of its memory) are let go at once and set again, a page
	 * at a time, when the page is drawn. */
	bool bare = text_bytes(comp) > TYPESET_KEEP_RUNS_BYTES;
	struct arena *sa = arena_create();
	if (bare)
		arena_on_destroy(a, release_all, td);
	bool ok = true;
	for (size_t i = 0; i < comp->n_blocks; i++) {
		const struct block *b = &comp->blocks[i];
		struct tblock *tb = &td->blocks[i];
		tb->block = b;
		if (b->style) {
			tb->space_before_pt = b->style->space_before_pt;
			tb->space_after_pt = b->style->space_after_pt;
			tb->keep_with_next = b->style->keep_with_next;
		}
		tb->outline_level = b->outline_level;
		tb->bare = bare;
		ok &= set_and_keep(ts, a, sa, l, tb, diags);
		if (b->kind == BLOCK_TEXT && b->outline_level)
			tb->outline_title = plain_title(a, &b->rich);
	}
	set_rhythm(td);
	const struct style *fs = layout_style(l, "footnote");
	td->notes = arena_array(a, comp->n_notes, sizeof *td->notes);
	td->n_notes = comp->n_notes;
	for (size_t i = 0; i < comp->n_notes; i++) {
		struct block *nb = arena_alloc(a, sizeof *nb);
		nb->kind = BLOCK_TEXT;
		nb->style = fs;
		nb->rich = comp->notes[i].content;
		nb->label = arena_printf(a, "%d", comp->notes[i].number);
		nb->label_style = fs;
		td->notes[i].block = nb;
		td->notes[i].note = true;
		td->notes[i].bare = bare;
		td->notes[i].space_after_pt = fs->space_after_pt;
		ok &= set_and_keep(ts, a, sa, l, &td->notes[i], diags) &&
		      note_fits(l, comp->notes[i].key, &td->notes[i], diags);
	}
	arena_destroy(sa);
	return ok ? td : NULL;
}

const struct tline *typeset_again(struct typesetter *ts, struct arena *a,
				  const struct layout *l,
				  const struct tblock *tb)
{
	struct tblock again = *tb;
	struct diags d;
	diags_init(&d, a);
	bool ok = set_block(ts, a, l, &again, &d);
	/* The same block set the same way: the same lines. */
	assert(ok && again.n_lines == tb->n_lines);
	(void)ok;
	return again.lines;
}

/* More than a line of a running header or footer can hold: some 1.300
 * characters at three bytes each, where a line at the smallest size of a
 * layout holds a few hundred. */
#define TYPESET_LINE_MAX_BYTES 4096

/* Does a layout of width_pt set the shaped text on one line, as it is
 * shaped? It does when each item fits what is left of the line
 * (pango-layout.c, process_item): its width plus the extra width of a
 * break at its end, which is negative after spaces and at most a
 * hyphen's width where the break inserts one. So a line that fits with
 * an em to spare (more than any hyphen) fits in the layout too; the
 * layout then sets it as it sets a line without a width (nothing
 * wrapped, so no line-final space is zeroed, and the one line is a last
 * line, which is not justified). */
static bool label_fits(GSList *runs, const struct style *s, double width_pt)
{
	return shape_width(runs) + (int)(s->size_pt * PANGO_SCALE) <=
	       (int)(width_pt * PANGO_SCALE);
}

/* Where a layout of width_pt aligned as s sets a line of width w
 * (pango-layout.c, get_x_offset), in pango units from the left. */
static int line_x(const struct style *s, double width_pt, int w)
{
	int width = (int)(width_pt * PANGO_SCALE);
	if (s->align == ALIGN_RIGHT)
		return width - w;
	if (s->align != ALIGN_CENTER)
		return 0;
	int x = (width - w) / 2;
	if (((width | w) & (PANGO_SCALE - 1)) == 0)
		x = PANGO_UNITS_ROUND(x);
	return x;
}

struct tline *typeset_line(struct typesetter *ts, struct arena *a,
			   const char *text, const struct style *style,
			   double width_pt)
{
	/* Only the first line is kept: pango need not set the rest (of a
	 * title of a megabyte, which took it seconds). */
	size_t len = strlen(text);
	if (len > TYPESET_LINE_MAX_BYTES) {
		len = utf8_back(text, TYPESET_LINE_MAX_BYTES);
		text = arena_strndup(a, text, len);
	}
	struct rich r = { .text = (char *)text, .len = len };
	struct layout dummy = { 0 };
	/* A line that fits is shaped without a layout, as a label is: a
	 * running header or footer (a layout's line cost 0.4 M
	 * instructions, twice what shaping it does). */
	GSList *runs = width_pt > 0 && shape_applies(text, len) ?
		       typeset_shape(ts, &dummy, &r, style, NULL, NULL) : NULL;
	if (runs && label_fits(runs, style, width_pt)) {
		struct tline *tl = arena_alloc(a, sizeof *tl);
		tl->height_pt = style->leading_pt;
		tl->parts = arena_alloc(a, sizeof *tl->parts);
		tl->n_parts = 1;
		tl->parts[0].runs = typeset_keep_runs(a, runs);
		tl->parts[0].text = arena_strndup(a, text, len);
		tl->parts[0].x_pt = line_x(style, width_pt,
					   shape_width(runs)) /
				    (double)PANGO_SCALE;
		tl->parts[0].baseline_pt = typeset_baseline(ts, style);
		memcpy(tl->parts[0].rgb, style->color_rgb,
		       sizeof style->color_rgb);
		return tl;
	}
	shape_free(runs);
	PangoLayout *pl = typeset_layout(ts, &dummy, &r, style, width_pt);
	size_t n;
	struct tline *lines = layout_lines(ts, a, pl, &r, style, 0, &n);
	g_object_unref(pl);
	return n ? &lines[0] : NULL;
}

struct tlabel *typeset_label(struct typesetter *ts, struct arena *a,
			     const char *text, const struct style *style,
			     double width_pt, size_t *n, struct diags *diags,
			     struct srcpos pos)
{
	assert(text && style && n);
	struct rich r = { .text = (char *)text, .len = strlen(text),
			  .pos = pos };
	struct layout dummy = { 0 };
	bool direct = shape_applies(r.text, r.len);
	GSList *runs = direct ? typeset_shape(ts, &dummy, &r, style, NULL,
					      NULL) : NULL;
	if (direct && (width_pt <= 0 || label_fits(runs, style, width_pt))) {
		/* One line, shaped without a layout: never wrapped, or
		 * narrower than the wrap width (most labels are). */
		typeset_keep_runs(a, runs);
		if (!typeset_check_runs(runs, &r, diags))
			return NULL;
		struct tlabel *out = arena_alloc(a, sizeof *out);
		*out = (struct tlabel){ runs, arena_strndup(a, r.text, r.len),
					shape_width(runs) / (double)PANGO_SCALE,
					typeset_baseline(ts, style) };
		*n = 1;
		return out;
	}
	shape_free(runs);
	/* Wrapped, or text a layout sets its own way: the labels keep
	 * their layout (charts are few). */
	PangoLayout *pl = typeset_layout(ts, &dummy, &r, style,
				      width_pt > 0 ? width_pt : -1);
	arena_on_destroy(a, unref_layout, pl);
	if (width_pt <= 0)
		pango_layout_set_width(pl, -1);
	if (!check_glyphs(pl, &r, diags))
		return NULL;
	double base = typeset_baseline(ts, style);
	int count = pango_layout_get_line_count(pl);
	struct tlabel *out = arena_array(a, (size_t)count, sizeof *out);
	for (int i = 0; i < count; i++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(pl, i);
		PangoRectangle logical;
		pango_layout_line_get_extents(line, NULL, &logical);
		out[i] = (struct tlabel){ line->runs,
					  pango_layout_get_text(pl),
					  logical.width / (double)PANGO_SCALE,
					  base };
	}
	*n = (size_t)count;
	return out;
}
