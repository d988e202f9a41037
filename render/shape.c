/*
 * shape.c — rich text shaped as one unbroken line, without a PangoLayout.
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
 */
#include "shape.h"

#include <hb-ot.h>
#include <hb.h>

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

GSList *shape_line(PangoContext *ctx, const char *text, size_t len,
		   const PangoFontDescription *font, PangoAttrList *attrs)
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
	GList *items = pango_itemize_with_base_dir(ctx, dir, text, 0, (int)len,
						   items_attrs, NULL);
	if (items_attrs)
		pango_attr_list_unref(items_attrs);
	PangoShapeFlags flags =
		pango_context_get_round_glyph_positions(ctx) ?
		PANGO_SHAPE_ROUND_POSITIONS : PANGO_SHAPE_NONE;
	GSList *runs = NULL;
	for (GList *i = items; i; i = i->next) {
		PangoGlyphItem *run = g_slice_new0(PangoGlyphItem);
		run->item = i->data;
		run->glyphs = pango_glyph_string_new();
		pango_shape_item(run->item, text, (int)len, NULL, run->glyphs,
				 flags);
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
