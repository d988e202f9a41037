/*
 * typeset_shape.c — rich text shaped as one unbroken line, without a PangoLayout.
 *
 * A PangoLayout of one paragraph and no width sets its one line so
 * (pango 1.50, pango-layout.c, pango_layout_check_lines): the attributes
 * that choose fonts or must hold across a run (font, style, weight,
 * size, rise) itemize the text; each item is shaped in the context of
 * the text before it; the runs are raised by their rise and shifted to
 * a common baseline; the attributes left (underlines) split the runs
 * where they start and end. On the way it also finds every break
 * opportunity of the text, measures the line's extents and keeps the
 * whole as a layout: a third of what setting a paragraph costs, and
 * nothing a line we break ourselves needs. This does the same steps
 * with pango's public functions and no more.
 *
 * The layout does more for some text: tabs go to tab stops, a forced
 * line or paragraph break starts a new line, right-to-left text is
 * reordered, and its cursor positions (which a combining mark is not)
 * decide where a link's underline starts. shape_applies() keeps such
 * text to a layout.
 *
 * A line of a paragraph shaped so (shape_line_from) takes what it can
 * from the paragraph's own shaping instead of doing it again: its items,
 * where itemizing the line alone could not give others, and the glyphs
 * of each item that starts and ends at a space in a font whose shaping
 * stops at spaces. Only the words at a hyphenation or a URL break are
 * shaped anew. In such a font an item is shaped word by word, and each
 * word only once (typeset_words.c).
 *
 * Plain text (one font, Latin, left to right: most of it) is itemized
 * by typeset_itemize.c, which finds pango's one item for less.
 */
#include "typeset_shape.h"

#include <hb-ot.h>
#include <hb.h>
#include <pango/pangofc-font.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "hyph_cache.h"
#include "input.h"
#include "typeset_itemize.h"
#include "typeset_words.h"

bool shape_applies(const char *text, size_t len)
{
	for (const char *p = text, *end = text + len; p < end;
	     p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c < 0x20 || (c >= 0x7F && c < 0xA0))
			return false; /* tab, line feed, other controls */
		if (c < 0x0300)
			continue;
		if (c < 0x0370 || (c >= 0x0483 && c <= 0x0489))
			return false; /* combining marks */
		if (c < 0x0590)
			continue; /* Greek, Cyrillic, Armenian */
		if (c < 0x1E00)
			return false; /* Hebrew, Arabic, Indic, marks, ... */
		if (c < 0x2000)
			continue; /* Latin Extended Additional, Greek */
		/* Joiners (no cursor position before them), bidi controls,
		 * line and paragraph separators, marks for symbols. */
		if ((c >= 0x200C && c <= 0x200F) ||
		    (c >= 0x2028 && c <= 0x202E) ||
		    (c >= 0x2066 && c <= 0x2069) ||
		    (c >= 0x20D0 && c <= 0x20FF))
			return false;
		if (c >= 0x2C00)
			return false; /* CJK, presentation forms, ... */
	}
	return true;
}

/* The attributes PangoLayout itemizes with (affects_itemization). */
static gboolean chooses_items(PangoAttribute *attr, gpointer data)
{
	(void)data;
	switch ((int)attr->klass->type) {
	case PANGO_ATTR_LANGUAGE:
	case PANGO_ATTR_FAMILY:
	case PANGO_ATTR_STYLE:
	case PANGO_ATTR_WEIGHT:
	case PANGO_ATTR_VARIANT:
	case PANGO_ATTR_STRETCH:
	case PANGO_ATTR_SIZE:
	case PANGO_ATTR_FONT_DESC:
	case PANGO_ATTR_SCALE:
	case PANGO_ATTR_FALLBACK:
	case PANGO_ATTR_ABSOLUTE_SIZE:
	case PANGO_ATTR_GRAVITY:
	case PANGO_ATTR_GRAVITY_HINT:
	case PANGO_ATTR_FONT_SCALE:
	case PANGO_ATTR_LETTER_SPACING:
	case PANGO_ATTR_SHAPE:
	case PANGO_ATTR_RISE:
	case PANGO_ATTR_BASELINE_SHIFT:
	case PANGO_ATTR_LINE_HEIGHT:
	case PANGO_ATTR_ABSOLUTE_LINE_HEIGHT:
	case PANGO_ATTR_TEXT_TRANSFORM:
		return TRUE;
	default:
		return FALSE;
	}
}

/* The baseline of the item's font for its script (hb's fallback when
 * the font has no BASE table), with the tag chosen by the first run. */
static hb_position_t item_baseline(const PangoItem *item,
				   hb_ot_layout_baseline_tag_t *tag)
{
	hb_font_t *hb = pango_font_get_hb_font(item->analysis.font);
	hb_script_t script = (hb_script_t)g_unicode_script_to_iso15924(
		(GUnicodeScript)item->analysis.script);
	hb_language_t lang = hb_language_from_string(
		pango_language_to_string(item->analysis.language), -1);
	hb_tag_t scripts[HB_OT_MAX_TAGS_PER_SCRIPT];
	hb_tag_t langs[HB_OT_MAX_TAGS_PER_LANGUAGE];
	unsigned n_scripts = HB_OT_MAX_TAGS_PER_SCRIPT;
	unsigned n_langs = HB_OT_MAX_TAGS_PER_LANGUAGE;
	hb_ot_tags_from_script_and_language(script, lang, &n_scripts, scripts,
					    &n_langs, langs);
	if (!*tag)
		*tag = hb_ot_layout_get_horizontal_baseline_tag_for_script(
			script);
	hb_position_t at = 0;
	hb_ot_layout_get_baseline_with_fallback(
		hb, *tag, HB_DIRECTION_LTR,
		n_scripts ? scripts[n_scripts - 1] : HB_OT_TAG_DEFAULT_SCRIPT,
		n_langs ? langs[n_langs - 1] : HB_TAG_NONE, &at);
	return at;
}

/* Each run raised by its rise and moved to the first run's baseline
 * (pango-layout.c, apply_baseline_shift, for rise alone: the only
 * baseline attribute dossier sets). */
static void shape_baselines(GSList *runs)
{
	hb_ot_layout_baseline_tag_t tag = 0;
	hb_position_t first = 0;
	bool have_first = false;
	for (GSList *l = runs; l; l = l->next) {
		PangoGlyphItem *run = l->data;
		if (!run->item->analysis.font)
			continue;
		hb_position_t at = item_baseline(run->item, &tag);
		if (!have_first) {
			first = at;
			have_first = true;
		}
		int rise = 0;
		for (GSList *a = run->item->analysis.extra_attrs; a;
		     a = a->next) {
			PangoAttribute *attr = a->data;
			if (attr->klass->type == PANGO_ATTR_RISE)
				rise += ((PangoAttrInt *)attr)->value;
		}
		run->y_offset = rise + (int)(first - at);
		run->start_x_offset = 0;
		run->end_x_offset = 0;
	}
}

/* The runs split where the attributes left start and end, each part
 * carrying them (pango-layout.c, apply_attributes_to_runs). */
static GSList *shape_apply_attrs(GSList *runs, const char *text,
				 PangoAttrList *attrs)
{
	GSList *old = g_slist_reverse(runs), *out = NULL;
	for (GSList *l = old; l; l = l->next)
		out = g_slist_concat(
			pango_glyph_item_apply_attrs(l->data, text, attrs),
			out);
	g_slist_free(old);
	return out;
}

static bool is_space_at(const char *text, size_t i)
{
	return text[i] == ' ' ||
	       ((unsigned char)text[i] == 0xC2 &&
		(unsigned char)text[i + 1] == 0xA0);
}

static bool is_space_before(const char *text, size_t i)
{
	return i > 0 && (text[i - 1] == ' ' ||
			 (i > 1 && (unsigned char)text[i - 2] == 0xC2 &&
			  (unsigned char)text[i - 1] == 0xA0));
}

/* Does any lookup of the table (GSUB, GPOS) name one of the glyphs, in
 * its context, input or output? */
static bool lookups_name(hb_face_t *face, hb_tag_t table,
			 const hb_codepoint_t *glyphs, int n)
{
	hb_set_t *sets[4];
	for (int i = 0; i < 4; i++)
		sets[i] = hb_set_create();
	bool hit = false;
	unsigned count = hb_ot_layout_table_get_lookup_count(face, table);
	for (unsigned k = 0; k < count && !hit; k++) {
		for (int i = 0; i < 4; i++)
			hb_set_clear(sets[i]);
		hb_ot_layout_lookup_collect_glyphs(face, table, k, sets[0],
						   sets[1], sets[2], sets[3]);
		for (int i = 0; i < 4 && !hit; i++)
			for (int g = 0; g < n && !hit; g++)
				hit = hb_set_has(sets[i], glyphs[g]);
	}
	for (int i = 0; i < 4; i++)
		hb_set_destroy(sets[i]);
	return hit;
}

/* The key of what face_stops() finds for font's face: its file (path,
 * inode, size, time), its index there, the glyphs asked about and the
 * HarfBuzz that answered; NULL when the font has no file. */
static char *stops_key(PangoFont *font, const hb_codepoint_t *glyphs, int n)
{
	if (!PANGO_IS_FC_FONT(font))
		return NULL;
	FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
	FcChar8 *file = NULL;
	int index = 0;
	if (!pat || FcPatternGetString(pat, FC_FILE, 0, &file) !=
			    FcResultMatch)
		return NULL;
	FcPatternGetInteger(pat, FC_INDEX, 0, &index);
	const char *files[] = { (const char *)file };
	char *id = hyph_cache_key(files, 1);
	if (!id)
		return NULL;
	char *key = g_strdup_printf("stops at spaces %s %d %d %u %u\n%s",
				    hb_version_string(), index, n,
				    n > 0 ? glyphs[0] : 0,
				    n > 1 ? glyphs[1] : 0, id);
	free(id);
	return key;
}

/* The cache file of font's face: its key, then "1" or "0". */
static char *stops_file(PangoFont *font, bool make_dir)
{
	FcChar8 *file = NULL;
	FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
	if (FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch)
		return NULL;
	char *name = g_strdup_printf("%s.stops", (const char *)file);
	char *path = hyph_cache_path(name, make_dir);
	g_free(name);
	return path;
}

/* What the cache says for key: 1 or 0, or -1 when it does not know. */
static int stops_cached(PangoFont *font, const char *key)
{
	char *path = stops_file(font, false);
	struct strbuf sb = STRBUF_INIT;
	struct input_fail f;
	size_t n = strlen(key);
	int got = -1;
	if (path && input_read(path, NULL, 4096, &sb, &f) &&
	    sb.len == n + 1 && !memcmp(sb.buf, key, n) &&
	    (sb.buf[n] == '0' || sb.buf[n] == '1'))
		got = sb.buf[n] - '0';
	strbuf_release(&sb);
	free(path);
	return got;
}

/* Whether shaping stops at spaces in font's face: a fact of the face,
 * which every size of a font shares. Finding it takes 0.5 M
 * instructions a face (HarfBuzz lists the glyphs of each of its 50 to
 * 100 lookups), so the answer is kept in the cache folder
 * (hyph_cache.h's), for the face's file as it is. */
static bool face_stops(struct shape_fonts *sf, PangoFont *font,
		       hb_face_t *face, const hb_codepoint_t *glyphs, int n)
{
	for (size_t i = 0; i < sf->n_faces; i++)
		if (sf->faces[i].face == face)
			return sf->faces[i].stops;
	char *key = stops_key(font, glyphs, n);
	int cached = key ? stops_cached(font, key) : -1;
	bool stops = cached >= 0 ? cached == 1 :
		     !lookups_name(face, HB_OT_TAG_GSUB, glyphs, n) &&
		     !lookups_name(face, HB_OT_TAG_GPOS, glyphs, n);
	if (key && cached < 0) {
		char *path = stops_file(font, true);
		char *text = g_strdup_printf("%s%c", key, stops ? '1' : '0');
		if (path)
			hyph_cache_write(path, text, strlen(text));
		g_free(text);
		free(path);
	}
	g_free(key);
	sf->faces = xrealloc_array(sf->faces, sf->n_faces + 1,
				   sizeof *sf->faces);
	sf->faces[sf->n_faces++] = (struct shape_face){
		hb_face_reference(face), stops };
	return stops;
}

static const struct shape_font *font_facts(struct shape_fonts *sf,
					   PangoFont *font)
{
	for (size_t i = 0; i < sf->n; i++)
		if (sf->f[i].font == font)
			return &sf->f[i];
	hb_font_t *hb = pango_font_get_hb_font(font);
	hb_codepoint_t glyphs[2];
	int n = 0;
	if (hb_font_get_nominal_glyph(hb, 0x20, &glyphs[n]))
		n++;
	if (hb_font_get_nominal_glyph(hb, 0xA0, &glyphs[n]))
		n++;
	hb_face_t *face = hb_font_get_face(hb);
	bool stops = face_stops(sf, font, face, glyphs, n);
	PangoFontDescription *fd = pango_font_describe(font);
	sf->f = xrealloc_array(sf->f, sf->n + 1, sizeof *sf->f);
	sf->f[sf->n] = (struct shape_font){
		g_object_ref(font), stops,
		g_strdup(pango_font_description_get_family(fd)) };
	pango_font_description_free(fd);
	return &sf->f[sf->n++];
}

static bool stops_at_spaces(struct shape_fonts *sf, PangoFont *font)
{
	return font_facts(sf, font)->stops;
}

/* Is font of family (NULL: any)? */
static bool of_family(struct shape_fonts *sf, PangoFont *font,
		      const char *family)
{
	const char *f = font_facts(sf, font)->family;
	return !family || (f && !strcmp(f, family));
}

void shape_fonts_free(struct shape_fonts *sf)
{
	for (size_t i = 0; i < sf->n; i++) {
		g_object_unref(sf->f[i].font);
		g_free(sf->f[i].family);
	}
	free(sf->f);
	for (size_t i = 0; i < sf->n_faces; i++)
		hb_face_destroy(sf->faces[i].face);
	free(sf->faces);
	shape_words_destroy(sf->words);
	plain_fonts_free(sf->plain);
	*sf = (struct shape_fonts){ 0 };
}

/* The first glyph from "from" on of a left-to-right run whose cluster
 * starts at or after byte "at": a binary search, since a line's place in
 * a paragraph of one run (a heading of a megabyte) was found by walking
 * every glyph before it, at every line. */
static int first_glyph_at(const PangoGlyphString *gs, size_t at, int from)
{
	int lo = from, hi = gs->num_glyphs;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if ((size_t)gs->log_clusters[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The glyphs of item (of a line whose text is from.text + from.offset)
 * as from's run shaped them, or NULL when they may differ: the item
 * must lie in one run of the same font, script and level, and start
 * and end where that run does, or at a space in a font whose shaping
 * stops at spaces: what lies between two spaces is then shaped alike
 * wherever the text around it ends. */
static PangoGlyphString *shaped_before(const PangoItem *item,
				       const struct shape_from *from)
{
	size_t a = from->offset + (size_t)item->offset;
	size_t b = a + (size_t)item->length;
	for (GSList *l = from->runs; l; l = l->next) {
		const PangoGlyphItem *run = l->data;
		const PangoItem *pi = run->item;
		size_t p0 = (size_t)pi->offset, p1 = p0 + (size_t)pi->length;
		if (a < p0 || a >= p1)
			continue;
		const PangoAnalysis *x = &item->analysis, *y = &pi->analysis;
		if (b > p1 || x->font != y->font || x->script != y->script ||
		    x->level != y->level || x->language != y->language ||
		    x->gravity != y->gravity || x->flags != y->flags ||
		    x->level % 2)
			return NULL;
		if ((a != p0 && !is_space_before(from->text, a)) ||
		    (b != p1 && !is_space_at(from->text, b)) ||
		    ((a != p0 || b != p1) &&
		     !stops_at_spaces(from->fonts, x->font)))
			return NULL;
		const PangoGlyphString *gs = run->glyphs;
		int g0 = first_glyph_at(gs, a - p0, 0);
		int g1 = first_glyph_at(gs, b - p0, g0);
		PangoGlyphString *out = pango_glyph_string_new();
		pango_glyph_string_set_size(out, g1 - g0);
		for (int g = g0; g < g1; g++) {
			out->glyphs[g - g0] = gs->glyphs[g];
			out->log_clusters[g - g0] =
				gs->log_clusters[g] - (int)(a - p0);
		}
		return out;
	}
	return NULL;
}

/* The items of a line (text, len bytes, from.offset into from.text)
 * cut from its paragraph's, or NULL when itemizing the line itself
 * could give others. It could where a line's context decides: common
 * characters (figures, punctuation) take the script of the text around
 * them, so a line must hold a Latin letter and its paragraph's items be
 * Latin; a space or the like takes the font of the text beside it, so
 * the line must start and end with a visible character, and its items
 * be of one family (where a character falls back to another font, which
 * side of it a space goes to depends on text beyond the line); and left
 * to right throughout. A line may end in a soft hyphen (most lines that
 * end at a hyphenation point do) after a visible character of its
 * item: pango gives such an invisible character the font of the
 * character before it in its item, in the line as in the paragraph. */
static GList *cut_items(const struct shape_from *from, const char *text,
			size_t len)
{
	if (!from->items || !len || !g_unichar_isgraph(g_utf8_get_char(text)))
		return NULL;
	size_t end = len; /* of the text up to a final soft hyphen */
	if (len > 2 && (unsigned char)text[len - 2] == 0xC2 &&
	    (unsigned char)text[len - 1] == 0xAD) {
		end = len - 2;
		size_t at = from->offset + end; /* in the paragraph */
		bool inside = false;
		for (GList *l = from->items; l && !inside; l = l->next) {
			const PangoItem *it = l->data;
			inside = (size_t)it->offset < at &&
				 at < (size_t)(it->offset + it->length);
		}
		if (!inside)
			return NULL;
	}
	if (!g_unichar_isgraph(g_utf8_get_char(g_utf8_prev_char(text + end))))
		return NULL;
	bool latin = false;
	for (const char *p = text; p < text + len && !latin;
	     p = g_utf8_next_char(p))
		latin = g_unichar_get_script(g_utf8_get_char(p)) ==
			G_UNICODE_SCRIPT_LATIN;
	if (!latin)
		return NULL;
	size_t s = from->offset, e = s + len;
	GList *out = NULL;
	const char *family = NULL;
	for (GList *l = from->items; l; l = l->next) {
		const PangoItem *it = l->data;
		size_t a = (size_t)it->offset, b = a + (size_t)it->length;
		if (b <= s || a >= e)
			continue;
		if (it->analysis.script != PANGO_SCRIPT_LATIN ||
		    it->analysis.level != 0 || !it->analysis.font ||
		    !of_family(from->fonts, it->analysis.font, family)) {
			g_list_free_full(out, (GDestroyNotify)pango_item_free);
			return NULL;
		}
		family = font_facts(from->fonts, it->analysis.font)->family;
		PangoItem *c = pango_item_copy((PangoItem *)it);
		size_t ca = a > s ? a : s, cb = b < e ? b : e;
		c->offset = (int)(ca - s);
		c->length = (int)(cb - ca);
		c->num_chars = (int)g_utf8_strlen(text + c->offset, c->length);
		for (GSList *x = c->analysis.extra_attrs; x; x = x->next) {
			PangoAttribute *attr = x->data;
			attr->start_index = attr->start_index > s ?
					    attr->start_index - (guint)s : 0;
			attr->end_index = attr->end_index >= e ?
					  (guint)len : attr->end_index -
						       (guint)s;
		}
		out = g_list_prepend(out, c);
	}
	return g_list_reverse(out);
}

static GSList *shape_runs(PangoContext *ctx, struct shape_fonts *sf,
			  const char *text, size_t len,
			  const PangoFontDescription *font,
			  PangoAttrList *attrs, const struct shape_from *from,
			  GList **items_out);

GSList *shape_line(PangoContext *ctx, struct shape_fonts *sf,
		   const char *text, size_t len,
		   const PangoFontDescription *font, PangoAttrList *attrs)
{
	return shape_runs(ctx, sf, text, len, font, attrs, NULL, NULL);
}

GSList *shape_paragraph(PangoContext *ctx, struct shape_fonts *sf,
			const char *text, size_t len,
			const PangoFontDescription *font, PangoAttrList *attrs,
			GList **items)
{
	return shape_runs(ctx, sf, text, len, font, attrs, NULL, items);
}

GSList *shape_line_from(PangoContext *ctx, const char *text, size_t len,
			const PangoFontDescription *font, PangoAttrList *attrs,
			const struct shape_from *from)
{
	return shape_runs(ctx, from ? from->fonts : NULL, text, len, font,
			  attrs, from, NULL);
}

/* The glyphs of item: word by word from the cache where the font's
 * shaping stops at spaces, else shaped whole. */
static void shape_item(struct shape_fonts *sf, PangoItem *item,
		       const char *text, size_t len, PangoShapeFlags flags,
		       PangoGlyphString *out)
{
	if (sf && item->analysis.font &&
	    stops_at_spaces(sf, item->analysis.font)) {
		if (!sf->words)
			sf->words = shape_words_create();
		shape_words_item(sf->words, item, text, (int)len, flags, out);
		return;
	}
	pango_shape_item(item, text, (int)len, NULL, out, flags);
}

void shape_items_free(GList *items)
{
	g_list_free_full(items, (GDestroyNotify)pango_item_free);
}

static GSList *shape_runs(PangoContext *ctx, struct shape_fonts *sf,
			  const char *text, size_t len,
			  const PangoFontDescription *font,
			  PangoAttrList *attrs, const struct shape_from *from,
			  GList **items_out)
{
	/* pango_layout_get_effective_attributes: the font comes first. */
	pango_attr_list_insert_before(attrs, pango_attr_font_desc_new(font));
	PangoAttrList *items_attrs =
		pango_attr_list_filter(attrs, chooses_items, NULL);
	/* The layout's direction, found as the layout finds it (with the
	 * function pango deprecated for its callers, not for itself). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	PangoDirection dir = pango_find_base_dir(text, (int)len);
#pragma GCC diagnostic pop
	if (dir == PANGO_DIRECTION_NEUTRAL)
		dir = pango_context_get_base_dir(ctx);
	GList *items = from ? cut_items(from, text, len) : NULL;
	if (!items && sf)
		items = itemize_plain(ctx, &sf->plain, text, len, items_attrs,
				      dir);
	if (!items)
		items = pango_itemize_with_base_dir(ctx, dir, text, 0,
						    (int)len, items_attrs,
						    NULL);
	if (items_attrs)
		pango_attr_list_unref(items_attrs);
	if (items_out) {
		*items_out = NULL;
		for (GList *i = g_list_last(items); i; i = i->prev)
			*items_out = g_list_prepend(*items_out,
						    pango_item_copy(i->data));
	}
	PangoShapeFlags flags =
		pango_context_get_round_glyph_positions(ctx) ?
		PANGO_SHAPE_ROUND_POSITIONS : PANGO_SHAPE_NONE;
	GSList *runs = NULL;
	for (GList *i = items; i; i = i->next) {
		PangoGlyphItem *run = g_slice_new0(PangoGlyphItem);
		run->item = i->data;
		run->glyphs = from ? shaped_before(run->item, from) : NULL;
		if (!run->glyphs) {
			run->glyphs = pango_glyph_string_new();
			shape_item(sf, run->item, text, len, flags,
				   run->glyphs);
		}
		runs = g_slist_prepend(runs, run);
	}
	g_list_free(items);
	runs = g_slist_reverse(runs);
	shape_baselines(runs);
	return shape_apply_attrs(runs, text, attrs);
}

static void free_run(gpointer run)
{
	pango_glyph_item_free(run);
}

void shape_free(GSList *runs)
{
	g_slist_free_full(runs, free_run);
}

int shape_width(GSList *runs)
{
	int w = 0;
	for (GSList *l = runs; l; l = l->next)
		w += pango_glyph_string_get_width(
			((PangoGlyphItem *)l->data)->glyphs);
	return w;
}

int shape_index_to_x(GSList *runs, const char *text, int index)
{
	int x = 0;
	for (GSList *l = runs; l; l = l->next) {
		PangoGlyphItem *run = l->data;
		PangoItem *item = run->item;
		if (item->offset <= index && index < item->offset + item->length) {
			int in;
			pango_glyph_string_index_to_x(
				run->glyphs, (char *)text + item->offset,
				item->length, &item->analysis,
				index - item->offset, FALSE, &in);
			return x + in;
		}
		x += pango_glyph_string_get_width(run->glyphs);
	}
	return x;
}
