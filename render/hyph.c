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

#include <glib.h>
#include <hyphen.h>

#include "hyph_cache.h"
#include "input.h"
#include "utf8.h"

/* Fewer letters than this: not worth a break, and the patterns err most. */
#define HYPH_MIN_LETTERS 5
/* Letters kept together at the start and at the end of a word. */
#define HYPH_LEFT_MIN 2
#define HYPH_RIGHT_MIN 2
#define HYPH_SOFT_HYPHEN 0x00ADu

/* A word of the word list: lower-case Latin-1 and where it breaks. */
struct hyph_listed {
	char *word;
	char *breaks; /* breaks[i] = 1: a break after letter i */
	size_t len;
};

struct hyphenator {
	HyphenDict *dict;
	void *dict_block; /* the cached dictionary's memory, or NULL */
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
	h->memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					g_free);
	return h;
}

void hyph_destroy(struct hyphenator *h)
{
	if (!h)
		return;
	hyph_cache_free(h->dict, h->dict_block);
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
					   const char *w, size_t n)
{
	for (size_t i = 0; i < h->n_listed; i++)
		if (h->listed[i].len == n && !memcmp(h->listed[i].word, w, n))
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
static void hyph_piece(struct hyphenator *h, const char *w, size_t n,
		       char *breaks, struct strbuf *scratch)
{
	assert(n >= HYPH_MIN_LETTERS);
	strbuf_reset(scratch);
	for (size_t i = 0; i < n + 5; i++)
		strbuf_addc(scratch, '0'); /* libhyphen wants n + 5 bytes */
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	hnj_hyphen_hyphenate3(h->dict, w, (int)n, scratch->buf, NULL, &rep,
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
	hyph_apply_exceptions(w, n, breaks);
}

/* The ending of a diminutive after an apostrophe: tje or tjes. */
static bool hyph_is_diminutive(const char *s, size_t n)
{
	return (n == 3 && hyph_starts_with_nocase(s, n, "tje")) ||
	       (n == 4 && hyph_starts_with_nocase(s, n, "tjes"));
}

/* Copies the word s[0..n) to out with its soft hyphens. */
static void hyph_word_anew(struct hyphenator *h, struct strbuf *out,
			   const char *s, size_t n)
{
	struct strbuf lower = STRBUF_INIT, breaks = STRBUF_INIT,
		      scratch = STRBUF_INIT;
	int capitals;
	size_t piece, letter;
	if (!hyph_word_latin1(s, n, &lower, &capitals)) {
		strbuf_add(out, s, n);
		goto done;
	}
	const struct hyph_listed *listed = hyph_find(h, lower.buf, lower.len);
	if (listed) {
		strbuf_add(&breaks, listed->breaks, listed->len);
		goto insert;
	}
	if (capitals > 1 || lower.len < HYPH_MIN_LETTERS) {
		strbuf_add(out, s, n);
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
			if (letter - piece >= HYPH_MIN_LETTERS)
				hyph_piece(h, lower.buf + piece, letter - piece,
					   breaks.buf + piece, &scratch);
			piece = letter;
		} else {
			letter++;
		}
		i += len;
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
			strbuf_adds(out, "\xC2\xAD");
		strbuf_add(out, s + i, len);
		if (!hyph_is_apostrophe(cp) && breaks.buf[letter++])
			strbuf_adds(out, "\xC2\xAD");
		i += len;
	}
done:
	strbuf_release(&lower);
	strbuf_release(&breaks);
	strbuf_release(&scratch);
}

/* hyph_word_anew(), or what it gave for the same word before. */
static void hyph_word(struct hyphenator *h, struct strbuf *out, const char *s,
		      size_t n)
{
	char key[HYPH_MEMO_BYTES];
	bool memo = n < sizeof key;
	if (memo) {
		memcpy(key, s, n);
		key[n] = '\0';
		const char *done = g_hash_table_lookup(h->memo, key);
		if (done) {
			strbuf_adds(out, done);
			return;
		}
	}
	size_t from = out->len;
	hyph_word_anew(h, out, s, n);
	if (memo && g_hash_table_size(h->memo) < HYPH_MEMO_WORDS)
		g_hash_table_insert(h->memo, g_strdup(key),
				    g_strndup(out->buf + from,
					      out->len - from));
}

/* A chunk (no white space in it): its words, and what lies between. */
static void hyph_chunk(struct hyphenator *h, struct strbuf *out, const char *s,
		       size_t n)
{
	if (hyph_chunk_is_address(s, n)) {
		strbuf_add(out, s, n);
		return;
	}
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (utf8_is_letter(cp) || utf8_is_digit(cp) ||
		    cp == HYPH_SOFT_HYPHEN) {
			size_t end = i + hyph_word_end(s + i, n - i);
			assert(end > i);
			hyph_word(h, out, s + i, end - i);
			i = end;
		} else {
			strbuf_add(out, s + i, len);
			i += len;
		}
	}
}

char *hyph_text(struct hyphenator *h, struct arena *a, const char *utf8)
{
	assert(h && a && utf8);
	struct strbuf out = STRBUF_INIT;
	size_t n = strlen(utf8);
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(utf8 + i, n - i, &cp);
		if (utf8_is_space(cp)) {
			strbuf_add(&out, utf8 + i, len);
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
		hyph_chunk(h, &out, utf8 + i, end - i);
		i = end;
	}
	return strbuf_finish(&out, a);
}

/* One line of the word list ("Sy-bi-ha") into h; false if it holds
 * anything but Latin-1 letters, apostrophes and hyphens. */
static bool hyph_add_listed(struct hyphenator *h, const char *s, size_t n)
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
		if (!hyph_add_listed(h, line + b, e - b)) {
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
