/*
 * typeset_words.c — words shaped once and kept, keyed by font and text.
 *
 * Input: an item (text in one font, script and level) whose font's
 * shaping stops at spaces. Output: its glyphs as pango_shape_item()
 * gives them, put together word by word: the item is cut before and
 * after every space and no-break space, each piece is looked up by its
 * font, analysis and bytes, and the pieces not found are shaped
 * together, in one buffer, each after a space (HarfBuzz costs some
 * 2.200 instructions a glyph in Noto Sans, so what counts is how many
 * glyphs are shaped, not how many calls).
 *
 * Why the pieces give the glyphs of the whole: no lookup of the font
 * names a space, so no substitution or positioning reaches across one;
 * the scripts taken here are shaped by HarfBuzz's default shaper, which
 * looks at no text beyond a word but through lookups (the context
 * only decides a dotted circle before a mark that starts a buffer, and
 * an item with a word that starts with a mark is shaped whole); pango
 * then sets each glyph's cluster start and advance from that glyph
 * alone. The clusters of a piece are moved by where it starts in the
 * item. tests/unit/test_typeset_shape.c compares the two glyph for
 * glyph.
 *
 * A batch is shaped by typeset_hb.c, as pango would shape it, where it
 * can be.
 *
 * The cache holds a reference to each font it names, so that no other
 * font can come to have its address; it is emptied when it holds too
 * many words, so memory stays bounded in a long document.
 */
#include "typeset_words.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "typeset_hb.h"

/* Words longer than this are shaped but not kept: a 10.000-letter
 * string is met once. */
#define WORDS_MAX_BYTES 128
/* The cache is emptied when it holds this many words: some 5 MB at
 * most, whatever the length of the document. */
#define WORDS_MAX 16384

/* A word and its glyphs are one block: the struct, the text, and after
 * it (aligned) the glyphs and their clusters. */
struct word {
	PangoFont *font; /* the cache holds a reference (held) */
	PangoLanguage *lang;
	int script, gravity, flags; /* flags: analysis and shape flags */
	size_t len;
	guint hash;
	int n_glyphs;
	PangoGlyphInfo *glyphs;
	int *clusters; /* from the start of the word */
	char text[];   /* len bytes */
};

struct shape_words {
	GHashTable *words; /* struct word *, itself the key */
	struct word *key;  /* what a piece is looked up by */
	size_t key_room;   /* bytes of text key has room for */
	struct shape_hb_fonts *fonts; /* typeset_hb.h's */
	PangoFont **held;  /* a reference to each font a word names */
	size_t n_held, cap_held;
};

static guint word_hash(gconstpointer p)
{
	return ((const struct word *)p)->hash;
}

static gboolean word_equal(gconstpointer pa, gconstpointer pb)
{
	const struct word *a = pa, *b = pb;
	return a->hash == b->hash && a->font == b->font &&
	       a->lang == b->lang && a->script == b->script &&
	       a->gravity == b->gravity && a->flags == b->flags &&
	       a->len == b->len && !memcmp(a->text, b->text, a->len);
}

static void word_free(gpointer p)
{
	free(p);
}

/* A reference to font, once: no other font can come to have its
 * address while a word names it. */
static void hold_font(struct shape_words *w, PangoFont *font)
{
	for (size_t i = w->n_held; i > 0; i--)
		if (w->held[i - 1] == font)
			return;
	ARRAY_GROW(w->held, w->n_held + 1, w->cap_held);
	w->held[w->n_held++] = g_object_ref(font);
}

struct shape_words *shape_words_create(void)
{
	struct shape_words *w = xrealloc_array(NULL, 1, sizeof *w);
	w->words = g_hash_table_new_full(word_hash, word_equal, word_free,
					 NULL);
	w->key = NULL;
	w->key_room = 0;
	w->fonts = NULL;
	w->held = NULL;
	w->n_held = w->cap_held = 0;
	return w;
}

void shape_words_destroy(struct shape_words *w)
{
	if (!w)
		return;
	g_hash_table_destroy(w->words);
	shape_hb_fonts_free(w->fonts);
	for (size_t i = 0; i < w->n_held; i++)
		g_object_unref(w->held[i]);
	free(w->held);
	free(w->key);
	free(w);
}

/* Shaped alone, the item's glyphs could differ from those in context. */
static bool item_taken(const PangoItem *item)
{
	const PangoAnalysis *a = &item->analysis;
	if (!a->font || a->level != 0 ||
	    (a->flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN))
		return false;
	switch ((int)a->script) {
	case PANGO_SCRIPT_COMMON:
	case PANGO_SCRIPT_INHERITED:
	case PANGO_SCRIPT_LATIN:
	case PANGO_SCRIPT_GREEK:
	case PANGO_SCRIPT_CYRILLIC:
		break;
	default:
		return false;
	}
	/* Of the attributes an item carries, dossier sets only a rise,
	 * which moves the run and leaves its glyphs alone. */
	for (GSList *l = a->extra_attrs; l; l = l->next)
		if (((PangoAttribute *)l->data)->klass->type != PANGO_ATTR_RISE)
			return false;
	return true;
}

static size_t space_len(const char *t, size_t i, size_t end)
{
	if (t[i] == ' ')
		return 1;
	if (i + 1 < end && (unsigned char)t[i] == 0xC2 &&
	    (unsigned char)t[i + 1] == 0xA0)
		return 2;
	return 0;
}

/* Does a word of the item start with a mark? Shaped alone, HarfBuzz
 * would give it a base of its own. */
static bool word_starts_with_mark(const char *t, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t s = space_len(t, i, n);
		if (s) {
			i += s;
			continue;
		}
		/* Marks start at U+0300, which UTF-8 starts with 0xCC. */
		if ((unsigned char)t[i] >= 0xCC &&
		    g_unichar_ismark(g_utf8_get_char(t + i)))
			return true;
		while (i < n && !space_len(t, i, n))
			i++;
	}
	return false;
}

/* FNV-1a over the text, mixed with the rest of the key. */
static guint key_hash(const struct word *k)
{
	guint32 h = 2166136261u;
	for (size_t i = 0; i < k->len; i++)
		h = (h ^ (unsigned char)k->text[i]) * 16777619u;
	guint64 f = (guint64)(uintptr_t)k->font ^
		    ((guint64)(uintptr_t)k->lang << 1);
	h ^= (guint32)(f ^ (f >> 32)) + (guint32)k->script * 31u +
	     (guint32)k->flags * 131u + (guint32)k->gravity * 7u;
	return h;
}

/* A piece of an item: a word or a space, found in the cache or made. */
struct piece {
	size_t at, len;  /* in the item */
	size_t in_batch; /* where a word not found is in the batch */
	struct word *w;
};

/* The glyphs of the words one after another into out, each word's
 * clusters moved by where it is in the item. One pango_glyph_string_
 * set_size(): it reallocates at every call. */
static void put_words(PangoGlyphString *out, const struct piece *pieces,
		      size_t n)
{
	int total = 0;
	for (size_t k = 0; k < n; k++)
		total += pieces[k].w->n_glyphs;
	pango_glyph_string_set_size(out, total);
	int at = 0;
	for (size_t k = 0; k < n; k++) {
		const struct word *w = pieces[k].w;
		memcpy(out->glyphs + at, w->glyphs,
		       (size_t)w->n_glyphs * sizeof *w->glyphs);
		for (int g = 0; g < w->n_glyphs; g++)
			out->log_clusters[at + g] = w->clusters[g] +
						    (int)pieces[k].at;
		at += w->n_glyphs;
	}
}

/* The word of text in a's font and script, as w's key (no glyphs). */
static struct word *word_key(struct shape_words *w, const PangoAnalysis *a,
			     PangoShapeFlags flags, const char *text,
			     size_t len)
{
	if (len > w->key_room) {
		w->key_room = len > 2 * w->key_room ? len : 2 * w->key_room;
		w->key = xrealloc_array(w->key, 1,
					sizeof *w->key + w->key_room);
	}
	*w->key = (struct word){ a->font, a->language, (int)a->script,
				 (int)a->gravity,
				 (int)a->flags << 8 | (int)flags, len, 0, 0,
				 NULL, NULL };
	memcpy(w->key->text, text, len);
	w->key->hash = key_hash(w->key);
	return w->key;
}

/* A copy of the key, for a word not found. */
static struct word *word_copy(const struct word *key)
{
	struct word *w = xrealloc_array(NULL, 1, sizeof *w + key->len);
	memcpy(w, key, sizeof *w + key->len);
	return w;
}

/* The glyphs of the batch (the pieces not found, each after a space)
 * that stand for its bytes [from, to) added to w (which moves: the
 * word it returns), looking from glyph *g on: those of the space before
 * are passed over. */
static struct word *word_take(struct word *w, const PangoGlyphString *gs,
			      int *g, size_t from, size_t to)
{
	while (*g < gs->num_glyphs && (size_t)gs->log_clusters[*g] < from)
		(*g)++;
	int g0 = *g;
	while (*g < gs->num_glyphs && (size_t)gs->log_clusters[*g] < to)
		(*g)++;
	size_t n = (size_t)(*g - g0);
	size_t at = (sizeof *w + w->len + 7) & ~(size_t)7;
	w = xrealloc_array(w, 1, at + (n + 1) * (sizeof *w->glyphs +
						 sizeof *w->clusters));
	w->n_glyphs = (int)n;
	w->glyphs = (PangoGlyphInfo *)((char *)w + at);
	w->clusters = (int *)(w->glyphs + n + 1);
	memcpy(w->glyphs, gs->glyphs + g0, n * sizeof *w->glyphs);
	for (size_t k = 0; k < n; k++)
		w->clusters[k] = gs->log_clusters[g0 + (int)k] - (int)from;
	return w;
}

void shape_words_item(struct shape_words *w, const PangoItem *item,
		      const char *text, int len, PangoShapeFlags flags,
		      PangoGlyphString *out)
{
	const char *t = text + item->offset;
	size_t n = (size_t)item->length;
	if (!item_taken(item) || word_starts_with_mark(t, n)) {
		pango_shape_item((PangoItem *)item, text, len, NULL, out,
				 flags);
		return;
	}
	/* The pieces, each looked up; those not found are shaped
	 * together, in one batch of text, each after a space: one call
	 * to HarfBuzz an item. */
	struct piece *pieces = NULL;
	size_t n_pieces = 0, cap = 0;
	GString *batch = g_string_new(NULL);
	const PangoAnalysis *a = &item->analysis;
	for (size_t i = 0; i < n;) {
		size_t e = i + space_len(t, i, n);
		if (e == i) /* a word: up to the next space */
			while (e < n && !space_len(t, e, n))
				e++;
		ARRAY_GROW(pieces, n_pieces + 1, cap);
		struct piece *p = &pieces[n_pieces++];
		*p = (struct piece){ i, e - i, 0, NULL };
		p->w = g_hash_table_lookup(w->words, word_key(w, a, flags,
							      t + i, e - i));
		if (!p->w) {
			p->w = word_copy(w->key);
			g_string_append_c(batch, ' ');
			p->in_batch = batch->len;
			g_string_append_len(batch, t + i, (gssize)(e - i));
		}
		i = e;
	}
	if (batch->len) {
		PangoItem *b = pango_item_copy((PangoItem *)item);
		b->offset = 0;
		b->length = (int)batch->len;
		b->num_chars = (int)g_utf8_strlen(batch->str,
						  (gssize)batch->len);
		PangoGlyphString *gs = pango_glyph_string_new();
		if (!shape_hb(&w->fonts, b, batch->str, (int)batch->len,
			      flags, gs))
			pango_shape_item(b, batch->str, (int)batch->len, NULL,
					 gs, flags);
		int g = 0;
		for (size_t k = 0; k < n_pieces; k++) {
			struct piece *p = &pieces[k];
			if (p->w->glyphs)
				continue; /* found */
			p->w = word_take(p->w, gs, &g, p->in_batch,
					 p->in_batch + p->len);
		}
		pango_glyph_string_free(gs);
		pango_item_free(b);
	}
	put_words(out, pieces, n_pieces);
	/* Keep what was made; a word made twice is kept once. */
	for (size_t k = 0; k < n_pieces; k++) {
		struct word *nw = pieces[k].w;
		if (!pieces[k].in_batch)
			continue;
		if (nw->len > WORDS_MAX_BYTES ||
		    g_hash_table_contains(w->words, nw)) {
			free(nw);
			continue;
		}
		if (g_hash_table_size(w->words) >= WORDS_MAX)
			g_hash_table_remove_all(w->words);
		hold_font(w, nw->font);
		g_hash_table_add(w->words, nw);
	}
	free(pieces);
	g_string_free(batch, TRUE);
}
