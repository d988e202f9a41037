/*
 * typeset_hb.c — a text shaped by HarfBuzz as pango_shape_item() shapes it.
 *
 * Input: an item covering the whole of its text (typeset_words.c's batch
 * of words). Output: the glyph string pango_shape_item() gives it, or
 * false when the text or item is one that pango shapes in a way of its
 * own, and pango must.
 *
 * pango 1.50 (shape.c, pango_hb_shape and pango_shape_internal) shapes
 * through a HarfBuzz font of its own over the font's, whose callbacks
 * answer as the font's do for every character the font has (and for
 * spaces other than U+0020 it lacks; HarfBuzz makes those of U+0020);
 * it asks each glyph whether it is a colour glyph, and converts
 * HarfBuzz's positions to pango's. Here the font's own HarfBuzz font
 * shapes, with pango's buffer settings and features, when every
 * character is one the font has and none is a mark (whose composition
 * would ask the font for characters not in the text), the face has no
 * colour glyphs and the item no attribute but a rise: the same glyphs,
 * for a tenth less of what shaping costs. typeset_words.c's tests
 * compare the words with pango's shaping of the whole.
 */
#include "typeset_hb.h"

#include <hb-ot.h>
#include <hb.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "typeset_cover.h"

/* A layout's styles use a few dozen fonts at most. */
#define COVER_FONTS_MAX 64

/* Which characters a HarfBuzz font has, as they are asked for. */
struct hb_cover {
	hb_font_t *font; /* a reference */
	struct cover_bits bits;
};

struct shape_hb_fonts {
	struct hb_cover *v;
	size_t n, cap;
};

void shape_hb_fonts_free(struct shape_hb_fonts *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		hb_font_destroy(f->v[i].font);
	free(f->v);
	free(f);
}

static struct hb_cover *cover_of(struct shape_hb_fonts **fonts, hb_font_t *hb)
{
	if (!*fonts) {
		*fonts = xrealloc_array(NULL, 1, sizeof **fonts);
		**fonts = (struct shape_hb_fonts){ 0 };
	}
	struct shape_hb_fonts *f = *fonts;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].font == hb)
			return &f->v[i];
	if (f->n == COVER_FONTS_MAX) { /* fonts come and go: start again */
		for (size_t i = 0; i < f->n; i++)
			hb_font_destroy(f->v[i].font);
		f->n = 0;
	}
	ARRAY_GROW(f->v, f->n + 1, f->cap);
	struct hb_cover *c = &f->v[f->n++];
	memset(c, 0, sizeof *c);
	c->font = hb_font_reference(hb);
	return c;
}

static bool hb_has(void *font, gunichar c)
{
	hb_codepoint_t glyph;
	return hb_font_get_nominal_glyph(font, c, &glyph);
}

static bool font_has(struct hb_cover *cover, gunichar c)
{
	return cover_has(&cover->bits, c, hb_has, cover->font);
}

/* Are all of text's characters in the font, but for spaces other than
 * U+0020, and none of them a mark? */
static bool font_has_all(struct hb_cover *cover, const char *text, int len)
{
	for (const char *p = text, *end = text + len; p < end;) {
		gunichar c = (unsigned char)*p;
		if (c < 0x80)
			p++;
		else {
			c = g_utf8_get_char(p);
			p = g_utf8_next_char(p);
			if (g_unichar_ismark(c))
				return false;
			if (c != 0x20 &&
			    g_unichar_type(c) == G_UNICODE_SPACE_SEPARATOR)
				continue;
		}
		if (!font_has(cover, c))
			return false;
	}
	return true;
}

bool shape_hb(struct shape_hb_fonts **fonts, const PangoItem *item,
	      const char *text, int len, PangoShapeFlags flags,
	      PangoGlyphString *gs)
{
	const PangoAnalysis *a = &item->analysis;
	if (flags != PANGO_SHAPE_NONE || !a->font || a->level != 0 ||
	    a->gravity != PANGO_GRAVITY_SOUTH ||
	    (a->flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN) ||
	    item->offset != 0 || item->length != len || len <= 0)
		return false;
	for (GSList *l = a->extra_attrs; l; l = l->next)
		if (((PangoAttribute *)l->data)->klass->type != PANGO_ATTR_RISE)
			return false;
	hb_font_t *hb = pango_font_get_hb_font(a->font);
	hb_face_t *face = hb ? hb_font_get_face(hb) : NULL;
	if (!face || hb_ot_color_has_layers(face) ||
	    hb_ot_color_has_png(face) || hb_ot_color_has_svg(face) ||
	    !font_has_all(cover_of(fonts, hb), text, len))
		return false;

	hb_feature_t features[32];
	guint n_features = 0;
	pango_font_get_features(a->font, features, G_N_ELEMENTS(features),
				&n_features);

	hb_buffer_t *buf = hb_buffer_create();
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_set_script(buf, (hb_script_t)g_unicode_script_to_iso15924(
					  (GUnicodeScript)a->script));
	hb_buffer_set_language(buf, hb_language_from_string(
					    pango_language_to_string(a->language),
					    -1));
	hb_buffer_set_cluster_level(buf,
				    HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
	hb_buffer_set_flags(buf, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT);
	hb_buffer_set_invisible_glyph(buf, PANGO_GLYPH_EMPTY);
	hb_buffer_add_utf8(buf, text, len, 0, len);
	hb_shape(hb, buf, features, n_features);

	unsigned n = hb_buffer_get_length(buf);
	if (n == 0) {
		hb_buffer_destroy(buf);
		return false; /* pango warns and falls back */
	}
	const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, NULL);
	const hb_glyph_position_t *pos =
		hb_buffer_get_glyph_positions(buf, NULL);
	pango_glyph_string_set_size(gs, (int)n);
	int last_cluster = (int)info[0].cluster - 1;
	for (unsigned i = 0; i < n; i++) {
		PangoGlyphInfo *g = &gs->glyphs[i];
		g->glyph = info[i].codepoint;
		gs->log_clusters[i] = (int)info[i].cluster;
		g->attr.is_cluster_start = gs->log_clusters[i] != last_cluster;
		g->attr.is_color = FALSE;
		last_cluster = gs->log_clusters[i];
		g->geometry.width = pos[i].x_advance;
		g->geometry.x_offset = pos[i].x_offset;
		g->geometry.y_offset = -pos[i].y_offset;
		/* pango_shape_internal: a negative advance made positive */
		if (g->geometry.width < 0) {
			g->geometry.width = -g->geometry.width;
			g->geometry.x_offset += g->geometry.width;
		}
	}
	hb_buffer_destroy(buf);
	return true;
}
