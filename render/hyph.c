/*
 * hyph.c — Dutch hyphenation: soft hyphens from libhyphen and hyphen-nl.
 *
 * Input: a UTF-8 run of text. Output: the same bytes with U+00AD inserted
 * at every place where a Dutch word may be broken; removing the soft
 * hyphens gives the input back, byte for byte. The text is cut at white
 * space into chunks (URLs and e-mail addresses stay whole), a chunk into
 * words (runs of letters, digits and inner apostrophes; a hyphen or other
 * punctuation ends a word, so compounds are hyphenated in their parts).
 * Words are looked up lower-case in ISO-8859-1, the dictionary's encoding:
 * first in the word list (layouts/hyphenation-nl.txt), then the patterns.
 * Breaks before a trema are kept; typeset_paragraph.c drops the trema there.
 */
#include "hyph.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>
#include <hyphen.h>

#include "hyph_cache.h"
#include "hyph_compound.h"
#include "input.h"
#include "utf8.h"

/* The patterns are asked with at least this many letters at either end;
 * the layout's rules may keep more (hyph_rules). */
#define HYPH_LEFT_MIN 2
#define HYPH_RIGHT_MIN 2
/* A piece between apostrophes shorter than this stays whole (auto’s). */
#define HYPH_MIN_PIECE 5

const struct hyph_rules hyph_default_rules = { 5, 2, 2, false, false };

/* The languages a word can be hyphenated in. */
enum hyph_lang { HYPH_NL, HYPH_EN, HYPH_OTHER };

/* How one word is to be hyphenated. */
struct hyph_ctx {
	const struct hyph_rules *rules;
	enum hyph_lang lang;
	bool in_compound; /* next to a hyphen of its own (defensie-uitgaven) */
};

/* The text being written, and the quality of each soft hyphen in it. */
struct hyph_out {
	struct strbuf text, q;
};

static void hyph_out_add(struct hyph_out *o, const char *s, size_t n)
{
	static const char none[64];
	strbuf_add(&o->text, s, n);
	for (size_t k; n; n -= k) {
		k = n < sizeof none ? n : sizeof none;
		strbuf_add(&o->q, none, k);
	}
}

static void hyph_out_shy(struct hyph_out *o, int quality)
{
	strbuf_adds(&o->text, "\xC2\xAD");
	strbuf_addc(&o->q, (char)quality);
	strbuf_addc(&o->q, 0);
}
#define HYPH_SOFT_HYPHEN 0x00ADu

/* A word of the word list: lower-case Latin-1 and where it breaks. */
struct hyph_listed {
	char *word;
	char *breaks; /* breaks[i] = 1: a break after letter i */
	size_t len;
	bool english_only; /* "en:" in the list: not for Dutch text */
};

struct hyphenator {
	HyphenDict *dict;
	void *dict_block; /* the cached dictionary's memory, or NULL */
	HyphenDict *en_dict; /* English, loaded at its first word */
	void *en_block;
	bool en_tried;
	struct hyph_compounds *comp;
	char *dic_path;
	struct hyph_listed *listed; /* the word list, in file order */
	size_t n_listed, cap_listed;
	GHashTable *memo; /* word -> the word with its soft hyphens */
};

/* Words hyphenated before are not hyphenated again: a document says
 * "de", "NAVO" and "Oekraïne" many times, and each word costs libhyphen
 * and its buffers some 2 microseconds. At most this many are kept (a
 * batch process sets many documents with one hyphenator). */
#define HYPH_MEMO_WORDS 65536
#define HYPH_MEMO_BYTES 64 /* longer words are hyphenated every time */
#define HYPH_MEMO_HEAD 96 /* the rules in decimal, at most */

/*
 * Places where the patterns break wrongly, as TeX's \hyphenation does it:
 * a Latin-1 lower-case prefix with its correct division. Breaks inside the
 * prefix come from here, breaks after it from the patterns.
 */
struct hyph_exception {
	const char *prefix;  /* "oekra" */
	const char *divided; /* "oe-kra" */
};

static const struct hyph_exception hyph_exceptions[] = {
	/* Woordenlijst: Oe·kra·ï·ne (the patterns give oek-ra-ï-ne). */
	{ "oekra", "oe-kra" },
};

struct hyphenator *hyph_create(const char *dic_path)
{
	assert(dic_path);
	void *block;
	HyphenDict *dict = hyph_cache_load(dic_path, &block);
	if (!dict)
		return NULL;
	/* Words are converted to ISO-8859-1; a UTF-8 dictionary would need
	 * other offsets, and Debian's hyphen-nl is ISO-8859-1. */
	if (dict->utf8 || strcmp(dict->cset, "ISO8859-1") != 0) {
		hyph_cache_free(dict, block);
		return NULL;
	}
	struct hyphenator *h = calloc(1, sizeof *h);
	if (!h) {
		hyph_cache_free(dict, block);
		return NULL;
	}
	h->dict = dict;
	h->dict_block = block;
	h->dic_path = strdup(dic_path);
	if (!h->dic_path)
		abort();
	h->comp = hcomp_create(HCOMP_DEFAULT_AFF, HCOMP_DEFAULT_DIC, dic_path);
	h->memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					g_free);
	return h;
}

void hyph_destroy(struct hyphenator *h)
{
	if (!h)
		return;
	hyph_cache_free(h->dict, h->dict_block);
	hyph_cache_free(h->en_dict, h->en_block);
	hcomp_destroy(h->comp);
	free(h->dic_path);
	g_hash_table_destroy(h->memo);
	for (size_t i = 0; i < h->n_listed; i++) {
		free(h->listed[i].word);
		free(h->listed[i].breaks);
	}
	free(h->listed);
	free(h);
}

static bool hyph_is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

static bool hyph_starts_with_nocase(const char *s, size_t n, const char *pfx)
{
	size_t k = strlen(pfx);
	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++)
		if ((s[i] | 0x20) != pfx[i])
			return false;
	return true;
}

/* A URL or an e-mail address: broken by no hyphen of ours, since a reader
 * would type the hyphen along. Leading brackets and quotes are skipped. */
static bool hyph_chunk_is_address(const char *s, size_t n)
{
	if (memchr(s, '@', n))
		return true;
	for (size_t i = 0; i + 3 <= n; i++)
		if (memcmp(s + i, "://", 3) == 0)
			return true;
	while (n > 0 && strchr("([<\"'", *s)) {
		s++;
		n--;
	}
	while (n >= 3 && (memcmp(s, "\xE2\x80\x98", 3) == 0 ||
			  memcmp(s, "\xE2\x80\x9C", 3) == 0)) {
		s += 3; /* ‘ “ */
		n -= 3;
	}
	return hyph_starts_with_nocase(s, n, "www.");
}

/* The end of the word that starts at s: letters, digits, soft hyphens,
 * and apostrophes with a letter or digit on both sides (auto's). */
static size_t hyph_word_end(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (hyph_is_apostrophe(cp) && i + len < n) {
			uint32_t next;
			utf8_decode(s + i + len, n - i - len, &next);
			if (!utf8_is_letter(next) && !utf8_is_digit(next))
				break;
		} else if (!utf8_is_letter(cp) && !utf8_is_digit(cp) &&
			   cp != HYPH_SOFT_HYPHEN) {
			break;
		}
		i += len;
	}
	return i; /* a closing apostrophe (Andreas') is not part of the word */
}

/*
 * The word's letters, lower-case and in ISO-8859-1, into "lower" (the
 * apostrophes left out), and how many are capitals; the J of a word that
 * begins with the digraph IJ (IJsland, IJmuiden) is part of its one
 * capital letter. False when the word
 * is to stay whole whatever the list says: digits, a soft hyphen,
 * letters outside Latin-1.
 */
static bool hyph_word_latin1(const char *s, size_t n, struct strbuf *lower,
			     int *capitals)
{
	*capitals = 0;
	strbuf_reset(lower);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (hyph_is_apostrophe(cp))
			continue;
		if (cp > 0xFF || !utf8_is_letter(cp))
			return false; /* digit, soft hyphen, other script */
		if (utf8_is_latin1_upper(cp)) {
			bool ij = cp == 'J' && lower->len == 1 &&
				  lower->buf[0] == 'i' && *capitals == 1;
			*capitals += !ij;
			cp |= 0x20; /* A..Z and À..Þ lie 0x20 below their lower case */
		}
		strbuf_addc(lower, (char)cp);
	}
	return true;
}

static const struct hyph_listed *hyph_find(const struct hyphenator *h,
					   const char *w, size_t n,
					   enum hyph_lang lang)
{
	for (size_t i = 0; i < h->n_listed; i++)
		if (h->listed[i].len == n && !memcmp(h->listed[i].word, w, n) &&
		    (!h->listed[i].english_only || lang == HYPH_EN))
			return &h->listed[i];
	return NULL;
}

static void hyph_apply_exceptions(const char *w, size_t n, char *breaks)
{
	for (size_t e = 0; e < sizeof hyph_exceptions / sizeof *hyph_exceptions;
	     e++) {
		const struct hyph_exception *x = &hyph_exceptions[e];
		size_t plen = strlen(x->prefix);
		if (n <= plen || memcmp(w, x->prefix, plen) != 0)
			continue;
		memset(breaks, 0, plen - 1);
		size_t k = 0;
		for (const char *d = x->divided; *d; d++) {
			if (*d == '-')
				breaks[k - 1] = 1;
			else
				k++;
		}
		assert(k == plen);
	}
}

/*
 * Breaks of one piece of a word (lower-case Latin-1, n letters):
 * breaks[i] = 1 when the piece may be broken after letter i.
 */
static void hyph_piece(HyphenDict *dict, const char *w, size_t n,
		       char *breaks, struct strbuf *scratch)
{
	assert(n >= 2);
	strbuf_reset(scratch);
	for (size_t i = 0; i < n + 5; i++)
		strbuf_addc(scratch, '0'); /* libhyphen wants n + 5 bytes */
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	hnj_hyphen_hyphenate3(dict, w, (int)n, scratch->buf, NULL, &rep,
			      &pos, &cut, HYPH_LEFT_MIN, HYPH_RIGHT_MIN, 0, 0);
	for (size_t i = 0; i + 1 < n; i++) {
		bool odd = scratch->buf[i] & 1;
		/* A non-standard break changes letters, which a soft hyphen
		 * cannot do. A break before a trema is kept: the line
		 * breaker drops the trema there (typeset_paragraph.c). */
		bool replaced = rep && rep[i];
		breaks[i] = odd && !replaced;
	}
	if (rep) {
		for (size_t i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	if (dict->utf8 == 0)
		hyph_apply_exceptions(w, n, breaks); /* Dutch ones */
}

/* English patterns, at the first English word; NULL without them. */
static HyphenDict *hyph_en(struct hyphenator *h)
{
	if (!h->en_tried) {
		h->en_tried = true;
		h->en_dict = hyph_cache_load(HYPH_EN_DIC, &h->en_block);
	}
	return h->en_dict;
}

static bool hyph_all_ascii(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)w[i] >= 0x80)
			return false;
	return true;
}

/* The rules' letters at either end of the word, and the quality of each
 * break left: boundaries the compound dictionary found are good, the
 * other breaks of a word that has them are poor, as are those of a word
 * next to its own hyphen. Without the dictionary, no boundaries. */
static void hyph_grade(struct hyphenator *h, const struct hyph_ctx *x,
		       const char *w, size_t n, char *breaks, bool *name)
{
	char *bound = calloc(n + 1, 1);
	if (!bound)
		abort();
	bool known = x->lang != HYPH_NL || !x->rules->compound_dictionary ||
		     hcomp_word(h->comp, w, n, breaks, bound);
	*name = !known;
	bool any = false;
	for (size_t i = 0; i + 1 < n; i++)
		any |= bound[i] != 0;
	for (size_t i = 0; i + 1 < n; i++) {
		if (!breaks[i])
			continue;
		if ((int)(i + 1) < x->rules->left_min ||
		    (int)(n - i - 1) < x->rules->right_min)
			breaks[i] = HYPH_Q_NONE;
		else if (bound[i])
			breaks[i] = HYPH_Q_BOUNDARY;
		else if (any || x->in_compound)
			breaks[i] = HYPH_Q_IN_PART;
		else
			breaks[i] = HYPH_Q_PLAIN;
	}
	free(bound);
}

/* The ending of a diminutive after an apostrophe: tje or tjes. */
static bool hyph_is_diminutive(const char *s, size_t n)
{
	return (n == 3 && hyph_starts_with_nocase(s, n, "tje")) ||
	       (n == 4 && hyph_starts_with_nocase(s, n, "tjes"));
}

/* Copies the word s[0..n) to out with its soft hyphens. */
static void hyph_word_anew(struct hyphenator *h, struct hyph_out *out,
			   const char *s, size_t n, const struct hyph_ctx *x)
{
	struct strbuf lower = STRBUF_INIT, breaks = STRBUF_INIT,
		      scratch = STRBUF_INIT;
	int capitals;
	size_t piece, letter;
	bool name;
	if (x->lang == HYPH_OTHER ||
	    !hyph_word_latin1(s, n, &lower, &capitals)) {
		hyph_out_add(out, s, n);
		goto done;
	}
	/* The list before the patterns: a listed English word needs no
	 * English patterns, which libhyphen compiles at the first word
	 * that does (a quarter of a cold render, once per cache). */
	const struct hyph_listed *listed = hyph_find(h, lower.buf, lower.len,
						     x->lang);
	if (listed) {
		strbuf_add(&breaks, listed->breaks, listed->len);
		goto insert;
	}
	HyphenDict *dict = x->lang == HYPH_NL ? h->dict : hyph_en(h);
	if (!dict) {
		hyph_out_add(out, s, n);
		goto done;
	}
	bool short_word = (int)lower.len < x->rules->min_word;
	if (capitals > 1 || lower.len < HYPH_MIN_PIECE ||
	    (dict->utf8 && !hyph_all_ascii(lower.buf, lower.len))) {
		hyph_out_add(out, s, n);
		goto done;
	}
	for (size_t i = 0; i < lower.len; i++)
		strbuf_addc(&breaks, 0);
	/* Each piece between apostrophes on its own: no break next to one. */
	piece = letter = 0;
	for (size_t i = 0; i <= n;) {
		uint32_t cp = 0;
		size_t len = i < n ? utf8_decode(s + i, n - i, &cp) : 1;
		if (i == n || hyph_is_apostrophe(cp)) {
			if (letter - piece >= HYPH_MIN_PIECE)
				hyph_piece(dict, lower.buf + piece,
					   letter - piece, breaks.buf + piece,
					   &scratch);
			piece = letter;
		} else {
			letter++;
		}
		i += len;
	}
	hyph_grade(h, x, lower.buf, lower.len, breaks.buf, &name);
	for (size_t i = 0; short_word && i < lower.len; i++)
		if (breaks.buf[i])
			breaks.buf[i] = HYPH_Q_SHORT;
	uint32_t first;
	utf8_decode(s, n, &first);
	/* Adjectives of a place (Russische, Europese, Oekraïense) are
	 * capitalised in the dictionary too, but read as ordinary words. */
	bool adjective = lower.len > 5 &&
			 (!memcmp(lower.buf + lower.len - 2, "se", 2) ||
			  !memcmp(lower.buf + lower.len - 4, "sche", 4));
	if (name && !adjective && capitals == 1 && x->rules->names_whole &&
	    utf8_is_latin1_upper(first)) {
		hyph_out_add(out, s, n); /* Brussel, Paternotte */
		goto done;
	}
insert:
	letter = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		/* Taalunie, Leidraad §18: paraplu’tje breaks as paraplu-/tje,
		 * the apostrophe gone (typeset_paragraph.c hides it at the break). */
		if (hyph_is_apostrophe(cp) && letter >= HYPH_LEFT_MIN &&
		    hyph_is_diminutive(s + i + len, n - i - len))
			hyph_out_shy(out, HYPH_Q_PLAIN);
		hyph_out_add(out, s + i, len);
		if (!hyph_is_apostrophe(cp) && breaks.buf[letter])
			hyph_out_shy(out, breaks.buf[letter]);
		letter += !hyph_is_apostrophe(cp);
		i += len;
	}
done:
	strbuf_release(&lower);
	strbuf_release(&breaks);
	strbuf_release(&scratch);
}

/* A word remembered: its text with soft hyphens, then their qualities. */
struct hyph_memo {
	size_t len;
	char data[];
};

/* The start of a word's memo key: the rules and the language, one
 * printable byte each when they are small, as they are in every layout
 * (snprintf for each word cost more than libhyphen did); in decimal
 * otherwise. Its length. */
static int hyph_memo_head(char *key, const struct hyph_ctx *x)
{
	const struct hyph_rules *r = x->rules;
	int v[] = { r->min_word, r->left_min, r->right_min, r->names_whole,
		    (int)x->lang, x->in_compound, r->compound_dictionary };
	int k = 0;
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		if (v[i] < 0 || v[i] >= 64)
			return snprintf(key, HYPH_MEMO_HEAD,
					"%d.%d.%d.%d.%d.%d.%d|", v[0], v[1],
					v[2], v[3], v[4], v[5], v[6]);
		key[k++] = (char)('0' + v[i]);
	}
	key[k++] = '|'; /* never a digit: apart from the decimal form */
	return k;
}

/* hyph_word_anew(), or what it gave for the same word before (under
 * the same rules, in the same language). */
static void hyph_word(struct hyphenator *h, struct hyph_out *out,
		      const char *s, size_t n, const struct hyph_ctx *x)
{
	char key[HYPH_MEMO_BYTES + HYPH_MEMO_HEAD];
	int head = hyph_memo_head(key, x);
	bool memo = n < HYPH_MEMO_BYTES && head > 0 &&
		    (size_t)head + n < sizeof key;
	if (memo) {
		memcpy(key + head, s, n);
		key[head + n] = '\0';
		const struct hyph_memo *done = g_hash_table_lookup(h->memo,
								   key);
		if (done) {
			strbuf_add(&out->text, done->data, done->len);
			strbuf_add(&out->q, done->data + done->len, done->len);
			return;
		}
	}
	size_t from = out->text.len;
	hyph_word_anew(h, out, s, n, x);
	if (memo && g_hash_table_size(h->memo) < HYPH_MEMO_WORDS) {
		size_t len = out->text.len - from;
		struct hyph_memo *m = g_malloc(sizeof *m + 2 * len);
		m->len = len;
		memcpy(m->data, out->text.buf + from, len);
		memcpy(m->data + len, out->q.buf + from, len);
		g_hash_table_insert(h->memo, g_strdup(key), m);
	}
}

static bool hyph_is_hyphen(uint32_t cp)
{
	return cp == '-' || cp == 0x2010;
}

/* A chunk (no white space in it): its words, and what lies between. */
static void hyph_chunk(struct hyphenator *h, struct hyph_out *out,
		       const char *s, size_t n, const struct hyph_ctx *x)
{
	if (hyph_chunk_is_address(s, n)) {
		hyph_out_add(out, s, n);
		return;
	}
	size_t i = 0;
	uint32_t before = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (utf8_is_letter(cp) || utf8_is_digit(cp) ||
		    cp == HYPH_SOFT_HYPHEN) {
			size_t end = i + hyph_word_end(s + i, n - i);
			assert(end > i);
			uint32_t after = 0;
			if (end < n)
				utf8_decode(s + end, n - end, &after);
			struct hyph_ctx wx = *x;
			wx.in_compound = hyph_is_hyphen(before) ||
					 hyph_is_hyphen(after);
			hyph_word(h, out, s + i, end - i, &wx);
			i = end;
			before = 0;
		} else {
			hyph_out_add(out, s + i, len);
			i += len;
			before = cp;
		}
	}
}

static enum hyph_lang hyph_lang_of(const char *lang)
{
	if (!lang || !strncasecmp(lang, "nl", 2))
		return HYPH_NL;
	if (!strncasecmp(lang, "en", 2))
		return HYPH_EN;
	return HYPH_OTHER;
}

char *hyph_text_lang(struct hyphenator *h, struct arena *a, const char *utf8,
		     const struct hyph_rules *rules, const char *lang,
		     unsigned char **quality)
{
	assert(h && a && utf8 && rules);
	struct hyph_ctx x = { rules, hyph_lang_of(lang), false };
	struct hyph_out out = { STRBUF_INIT, STRBUF_INIT };
	size_t n = strlen(utf8);
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(utf8 + i, n - i, &cp);
		if (utf8_is_space(cp)) {
			hyph_out_add(&out, utf8 + i, len);
			i += len;
			continue;
		}
		size_t end = i;
		while (end < n) {
			len = utf8_decode(utf8 + end, n - end, &cp);
			if (utf8_is_space(cp))
				break;
			end += len;
		}
		hyph_chunk(h, &out, utf8 + i, end - i, &x);
		i = end;
	}
	if (quality) {
		unsigned char *q = arena_alloc(a, out.q.len + 1);
		if (out.q.len)
			memcpy(q, out.q.buf, out.q.len);
		q[out.q.len] = 0;
		*quality = q;
	}
	strbuf_release(&out.q);
	return strbuf_finish(&out.text, a);
}

char *hyph_text(struct hyphenator *h, struct arena *a, const char *utf8)
{
	return hyph_text_lang(h, a, utf8, &hyph_default_rules, NULL, NULL);
}

void hyph_use_compounds(struct hyphenator *h, const char *aff_path,
			const char *dic_path)
{
	hcomp_destroy(h->comp);
	h->comp = hcomp_create(aff_path, dic_path, h->dic_path);
	g_hash_table_remove_all(h->memo);
}

/* One line of the word list ("Sy-bi-ha") into h; false if it holds
 * anything but Latin-1 letters, apostrophes and hyphens. */
static bool hyph_add_listed(struct hyphenator *h, const char *s, size_t n,
			    bool english_only)
{
	struct strbuf word = STRBUF_INIT, breaks = STRBUF_INIT;
	bool ok = true;
	for (size_t i = 0; i < n && ok;) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (cp == '-' && word.len && breaks.buf[word.len - 1] == 0)
			breaks.buf[word.len - 1] = 1;
		else if (hyph_is_apostrophe(cp))
			continue;
		else if (cp <= 0xFF && utf8_is_letter(cp)) {
			strbuf_addc(&word, (char)(utf8_is_latin1_upper(cp) ? cp | 0x20 : cp));
			strbuf_addc(&breaks, 0);
		} else
			ok = false;
	}
	if (!word.len || breaks.buf[word.len - 1])
		ok = false; /* empty, or a hyphen at the end */
	if (ok) {
		ARRAY_GROW(h->listed, h->n_listed, h->cap_listed);
		struct hyph_listed *e = &h->listed[h->n_listed++];
		e->len = word.len;
		e->english_only = english_only;
		e->word = malloc(word.len);
		e->breaks = malloc(word.len);
		if (!e->word || !e->breaks)
			abort();
		memcpy(e->word, word.buf, word.len);
		memcpy(e->breaks, breaks.buf, word.len); /* 0s and 1s */
	}
	strbuf_release(&word);
	strbuf_release(&breaks);
	return ok;
}

bool hyph_load_words(struct hyphenator *h, const char *path,
		     struct diags *d)
{
	assert(h && path && d);
	g_hash_table_remove_all(h->memo); /* the list may divide them */
	struct input_fail f;
	FILE *fp = input_fopen(path, NULL, &f);
	if (!fp) {
		diag_error_status(d, EXIT_NOINPUT, (struct srcpos){ path, 0, 0 },
				  "cannot read the hyphenation word list: %s",
				  f.result == INPUT_NOT_FILE ?
				  arena_printf(d->arena, "it is %s, not a file",
					       f.what) :
				  input_fail_text(&f));
		return false;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int no = 0;
	bool ok = true;
	while ((len = getline(&line, &cap, fp)) >= 0) {
		no++;
		size_t b = 0, e = (size_t)len;
		while (b < e && utf8_is_space((unsigned char)line[b]))
			b++;
		while (e > b && utf8_is_space((unsigned char)line[e - 1]))
			e--;
		if (b == e || line[b] == '#')
			continue;
		bool english_only = e - b > 3 && !memcmp(line + b, "en:", 3);
		size_t from = english_only ? b + 3 : b;
		while (from < e && utf8_is_space((unsigned char)line[from]))
			from++;
		if (!hyph_add_listed(h, line + from, e - from, english_only)) {
			diag_error(d, (struct srcpos){ path, no, (int)b + 1 },
				   "'%.*s' is not a word with its break points "
				   "(like Sy-bi-ha)", (int)(e - b), line + b);
			ok = false;
		}
	}
	free(line);
	fclose(fp);
	return ok;
}
