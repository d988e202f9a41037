/*
 * typeset_itemize.c — the one item of plain text, without pango_itemize().
 *
 * Input: a text, the attributes that would itemize it and its base
 * direction, as typeset_shape.c hands them to pango_itemize_with_base_dir().
 * Output: the list of the one item pango gives such a text, or NULL when
 * the text is not plain and pango must itemize it.
 *
 * Plain is: one font description over the whole text and no other
 * attribute; left to right; every character Latin or common (letters,
 * figures, punctuation, spaces of the Latin blocks, general punctuation
 * and currency signs), none an emoji, a bidi control or a mark; every
 * visible one in the fontset's first font. pango 1.50 (pango-item.c,
 * itemize.c) then gives one item: no script, direction, emoji, width or
 * attribute boundary cuts the text; every character takes the first font
 * that has it, which is the first font (spaces and format characters
 * take the font around them); the script is Latin when a Latin letter
 * is there (common characters take the script beside them), else common;
 * the language is the context's, which includes both. pango spends a
 * hash lookup and its iterators on every character, and that was 6 % of
 * a cold render. tests/unit/test_typeset_shape.c compares the two.
 *
 * The first font of each font description is kept (a reference) with
 * which characters it has, as they are asked for.
 */
#include "typeset_itemize.h"

#include <pango/pangofc-font.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "typeset_cover.h"

/* A layout has some twenty styles; the fonts kept are dropped at this
 * many, so that they stay few whatever happens to the contexts. */
#define PLAIN_FONTS_MAX 64

struct plain_font {
	PangoContext *ctx;
	guint serial; /* the context's, when the font was found */
	PangoFontDescription *desc;
	PangoLanguage *lang;
	PangoFont *font; /* a reference */
	FcCharSet *chars; /* its pattern's, or NULL: ask pango */
	struct cover_bits bits;
};

struct plain_fonts {
	struct plain_font *v;
	size_t n, cap;
};

void plain_fonts_free(struct plain_fonts *pf)
{
	if (!pf)
		return;
	for (size_t i = 0; i < pf->n; i++) {
		pango_font_description_free(pf->v[i].desc);
		g_object_unref(pf->v[i].font);
	}
	free(pf->v);
	free(pf);
}

static gboolean first_font(PangoFontset *fs, PangoFont *font, gpointer data)
{
	(void)fs;
	*(PangoFont **)data = font;
	return font != NULL;
}

/* The first font of the fontset desc and lang load in ctx (kept). */
static struct plain_font *font_of(struct plain_fonts *pf, PangoContext *ctx,
				  const PangoFontDescription *desc,
				  PangoLanguage *lang)
{
	guint serial = pango_context_get_serial(ctx);
	for (size_t i = 0; i < pf->n; i++) {
		struct plain_font *f = &pf->v[i];
		if (f->ctx == ctx && f->serial == serial && f->lang == lang &&
		    pango_font_description_equal(f->desc, desc))
			return f;
	}
	if (pf->n == PLAIN_FONTS_MAX) { /* a context changed, many times */
		for (size_t i = 0; i < pf->n; i++) {
			pango_font_description_free(pf->v[i].desc);
			g_object_unref(pf->v[i].font);
		}
		pf->n = 0;
	}
	PangoFontset *fs = pango_context_load_fontset(ctx, desc, lang);
	if (!fs)
		return NULL;
	PangoFont *font = NULL;
	pango_fontset_foreach(fs, first_font, &font);
	if (font)
		g_object_ref(font);
	g_object_unref(fs);
	if (!font)
		return NULL;
	ARRAY_GROW(pf->v, pf->n + 1, pf->cap);
	struct plain_font *f = &pf->v[pf->n++];
	memset(f, 0, sizeof *f);
	f->ctx = ctx;
	f->serial = serial;
	f->desc = pango_font_description_copy(desc);
	f->lang = lang;
	f->font = font;
	/* pango's coverage of a fontconfig font is its pattern's charset
	 * (pangofc-fontmap.c, _pango_fc_font_map_get_coverage), found
	 * through the font map at every pango_font_has_char(). */
	FcPattern *pat = PANGO_IS_FC_FONT(font) ?
			 pango_fc_font_get_pattern(PANGO_FC_FONT(font)) : NULL;
	if (!pat || FcPatternGetCharSet(pat, FC_CHARSET, 0, &f->chars) !=
			    FcResultMatch)
		f->chars = NULL;
	return f;
}

static bool charset_has(void *font, gunichar c)
{
	const struct plain_font *f = font;
	return f->chars ? FcCharSetHasChar(f->chars, c) :
			  pango_font_has_char(f->font, c);
}

static bool font_has(struct plain_font *f, gunichar c)
{
	return cover_has(&f->bits, c, charset_has, f);
}

/* Is c a character plain text may hold, and is it Latin? Emoji with a
 * text presentation (© ® ™ ‼ ⁉) are left to pango, as are joiners,
 * bidi controls, separators of lines and paragraphs and invisible
 * operators. */
static bool plain_char(gunichar c, bool *latin)
{
	if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xA9 || c == 0xAE)
		return false;
	if (c >= 0x250 && !(c >= 0x1E00 && c < 0x1F00) &&
	    !(c >= 0x2000 && c < 0x2060) && !(c >= 0x20A0 && c < 0x20C0))
		return false;
	if ((c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
	    c == 0x203C || c == 0x2049)
		return false;
	GUnicodeScript s = g_unichar_get_script(c);
	if (s == G_UNICODE_SCRIPT_LATIN)
		*latin = true;
	else if (s != G_UNICODE_SCRIPT_COMMON)
		return false;
	return true;
}

/* Does pango choose a font for c (itemize.c: not for spaces, controls
 * and format characters)? */
static bool takes_font(gunichar c)
{
	switch (g_unichar_type(c)) {
	case G_UNICODE_CONTROL:
	case G_UNICODE_FORMAT:
	case G_UNICODE_SURROGATE:
	case G_UNICODE_LINE_SEPARATOR:
	case G_UNICODE_PARAGRAPH_SEPARATOR:
	case G_UNICODE_SPACE_SEPARATOR:
		return false;
	default:
		return true;
	}
}

/* A copy of the font description of attrs' one attribute, when that is
 * all they hold and it covers the text; NULL otherwise. */
static PangoFontDescription *only_font(PangoAttrList *attrs, size_t len)
{
	if (!attrs)
		return NULL;
	GSList *all = pango_attr_list_get_attributes(attrs);
	PangoFontDescription *desc = NULL;
	if (all && !all->next) {
		PangoAttribute *a = all->data;
		if (a->klass->type == PANGO_ATTR_FONT_DESC &&
		    a->start_index == 0 && a->end_index >= len)
			desc = pango_font_description_copy(
				((PangoAttrFontDesc *)a)->desc);
	}
	g_slist_free_full(all, (GDestroyNotify)pango_attribute_destroy);
	return desc;
}

GList *itemize_plain(PangoContext *ctx, struct plain_fonts **cache,
		     const char *text, size_t len, PangoAttrList *attrs,
		     PangoDirection dir)
{
	if (!len || len > INT32_MAX || dir != PANGO_DIRECTION_LTR ||
	    pango_context_get_gravity(ctx) != PANGO_GRAVITY_SOUTH)
		return NULL;
	PangoFontDescription *over = only_font(attrs, len);
	if (!over)
		return NULL;
	if (!*cache) {
		*cache = xrealloc_array(NULL, 1, sizeof **cache);
		**cache = (struct plain_fonts){ 0 };
	}
	PangoFontDescription *desc = pango_font_description_copy(
		pango_context_get_font_description(ctx));
	pango_font_description_merge(desc, over, TRUE);
	pango_font_description_free(over);
	PangoLanguage *lang = pango_context_get_language(ctx);
	struct plain_font *f = font_of(*cache, ctx, desc, lang);
	pango_font_description_free(desc);
	if (!f)
		return NULL;
	bool latin = false, visible = false;
	long n_chars = 0;
	for (const char *p = text, *end = text + len; p < end; n_chars++) {
		gunichar c = (unsigned char)*p;
		if (c < 0x80) { /* ASCII: its letters Latin, its space a space */
			p++;
			if (c < 0x20 || c == 0x7F)
				return NULL;
			latin = latin || g_ascii_isalpha((char)c);
			if (c == ' ')
				continue;
		} else {
			c = g_utf8_get_char(p);
			p = g_utf8_next_char(p);
			if (!plain_char(c, &latin))
				return NULL;
			if (!takes_font(c))
				continue;
		}
		if (!font_has(f, c))
			return NULL;
		visible = true;
	}
	/* pango gives an item the context's language when that language
	 * is written in the item's script (itemize.c,
	 * compute_derived_language), and loads the fonts for it. */
	if (!visible || !lang ||
	    !pango_language_includes_script(lang, latin ? PANGO_SCRIPT_LATIN :
							  PANGO_SCRIPT_COMMON))
		return NULL;
	PangoItem *item = pango_item_new();
	item->offset = 0;
	item->length = (int)len;
	item->num_chars = (int)n_chars;
	item->analysis.font = g_object_ref(f->font);
	item->analysis.level = 0;
	item->analysis.gravity = PANGO_GRAVITY_SOUTH;
	item->analysis.script = latin ? PANGO_SCRIPT_LATIN :
					PANGO_SCRIPT_COMMON;
	item->analysis.language = lang;
	return g_list_prepend(NULL, item);
}
