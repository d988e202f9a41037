/*
 * hyph_compound.c — compound boundaries and names, from hunspell-nl.
 *
 * Input: a lower-case word and the breaks its patterns allow. Output:
 * which of them lie where two parts of a compound meet, and whether the
 * word is Dutch at all. A break after letter i is a boundary when the
 * rest of the word is a Dutch word of four letters or more and the
 * start is one too, or is one with a linking s (capaciteits-opbouw);
 * that the patterns allow the break keeps out splits a reader would
 * not make (mini-sters). hunspell accepts compounds it has never seen,
 * so the parts may be compounds themselves (defensie-capaciteitsopbouw).
 *
 * libhunspell is opened with dlopen at the first word the cache does
 * not hold (linked in, it and libstdc++ would cost every start), and
 * the cache is a text file: a key line per source file, a blank line,
 * then "word TAB known bits" a line.
 */
#include "hyph_compound.h"

#include <assert.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "hyph_cache.h"
#include "input.h"

#define HCOMP_SONAME "libhunspell-1.7.so.0"
#define HCOMP_MAGIC "dossier hunspell-nl boundaries 4\n"
/* A part after a boundary is at least this long, one before it one
 * shorter: shorter ones are words by chance (intensive-ren, ge-nomen). */
#define HCOMP_MIN_PART 4
/* The cache holds at most this many words; a batch of generated text
 * should not grow it without end. */
#define HCOMP_MAX_WORDS 200000
#define HCOMP_MAX_FILE (32u << 20)

typedef void *(*hun_create_fn)(const char *aff, const char *dic);
typedef void (*hun_destroy_fn)(void *h);
typedef int (*hun_spell_fn)(void *h, const char *word);

struct hyph_compounds {
	char *aff, *dic, *patterns;
	bool read;          /* the cache has been read (or found missing) */
	bool dirty;         /* words learnt since */
	bool failed;        /* no hunspell: nothing more to learn */
	GHashTable *words;  /* word -> "known bits" */
	char *key;
};

/* The dictionary once loaded stays for the life of the process: loading
 * it costs 370 M instructions and letting it go 64 M more, so a batch
 * loads it once and no render pays to tear it down at exit. One entry:
 * a hyphenator for other files (the tests') replaces it. */
static struct {
	char *aff, *dic;
	void *lib, *hun;
	hun_destroy_fn destroy;
	hun_spell_fn spell;
} hcomp_loaded;

struct hyph_compounds *hcomp_create(const char *aff_path,
				    const char *dic_path,
				    const char *pattern_path)
{
	struct hyph_compounds *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	c->aff = strdup(aff_path);
	c->dic = strdup(dic_path);
	c->patterns = strdup(pattern_path);
	if (!c->aff || !c->dic || !c->patterns)
		abort();
	c->words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					 g_free);
	return c;
}

/* The key of the cache: the dictionary, the patterns, libhunspell. */
static char *hcomp_key(const struct hyph_compounds *c)
{
	char lib[] = "/usr/lib/x86_64-linux-gnu/" HCOMP_SONAME;
	const char *paths[] = { c->aff, c->dic, c->patterns, lib };
	return hyph_cache_key(paths, sizeof paths / sizeof *paths);
}

static void hcomp_read(struct hyph_compounds *c)
{
	c->read = true;
	c->key = hcomp_key(c);
	char *path = c->key ? hyph_cache_path("hunspell-nl", false) : NULL;
	FILE *f = path ? input_fopen(path, NULL, NULL) : NULL;
	free(path);
	if (!f)
		return;
	char *line = NULL;
	size_t cap = 0, seen = 0;
	ssize_t len;
	struct strbuf head = STRBUF_INIT;
	bool in_head = true, valid = false;
	while ((len = getline(&line, &cap, f)) > 0) {
		seen += (size_t)len;
		if (seen > HCOMP_MAX_FILE)
			break;
		if (in_head) {
			if (strcmp(line, "\n") != 0) {
				strbuf_adds(&head, line);
				continue;
			}
			in_head = false;
			valid = !strncmp(head.buf, HCOMP_MAGIC,
					 strlen(HCOMP_MAGIC)) &&
				!strcmp(head.buf + strlen(HCOMP_MAGIC), c->key);
			if (!valid)
				break;
			continue;
		}
		char *tab = memchr(line, '\t', (size_t)len);
		if (!tab || line[len - 1] != '\n' || tab == line)
			continue; /* damaged: that word is learnt again */
		size_t wn = (size_t)(tab - line);
		size_t vn = (size_t)len - 1 - wn - 1;
		if (vn != wn || (tab[1] != '0' && tab[1] != '1'))
			continue;
		g_hash_table_insert(c->words, g_strndup(line, wn),
				    g_strndup(tab + 1, vn));
	}
	strbuf_release(&head);
	free(line);
	fclose(f);
}

/* Loads libhunspell and the dictionary aff/dic into hcomp_loaded,
 * unless they are there already. */
static bool hcomp_load(const char *aff_path, const char *dic_path)
{
	if (hcomp_loaded.hun && !strcmp(hcomp_loaded.aff, aff_path) &&
	    !strcmp(hcomp_loaded.dic, dic_path))
		return true;
	if (hcomp_loaded.hun)
		hcomp_loaded.destroy(hcomp_loaded.hun);
	free(hcomp_loaded.aff);
	free(hcomp_loaded.dic);
	hcomp_loaded.hun = NULL;
	hcomp_loaded.aff = hcomp_loaded.dic = NULL;
	if (!hcomp_loaded.lib)
		hcomp_loaded.lib = dlopen(HCOMP_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!hcomp_loaded.lib)
		return false;
	void *sym[3] = { dlsym(hcomp_loaded.lib, "Hunspell_create"),
			 dlsym(hcomp_loaded.lib, "Hunspell_destroy"),
			 dlsym(hcomp_loaded.lib, "Hunspell_spell") };
	if (!sym[0] || !sym[1] || !sym[2])
		return false;
	/* POSIX: a symbol's address is the function's. */
	hun_create_fn create;
	memcpy(&create, &sym[0], sizeof create);
	memcpy(&hcomp_loaded.destroy, &sym[1], sizeof hcomp_loaded.destroy);
	memcpy(&hcomp_loaded.spell, &sym[2], sizeof hcomp_loaded.spell);
	FILE *aff = input_fopen(aff_path, NULL, NULL);
	FILE *dic = aff ? input_fopen(dic_path, NULL, NULL) : NULL;
	if (aff)
		fclose(aff);
	if (!dic)
		return false; /* hunspell would print to stderr */
	fclose(dic);
	hcomp_loaded.hun = create(aff_path, dic_path);
	if (!hcomp_loaded.hun)
		return false;
	hcomp_loaded.aff = strdup(aff_path);
	hcomp_loaded.dic = strdup(dic_path);
	if (!hcomp_loaded.aff || !hcomp_loaded.dic)
		abort();
	return true;
}

/* hcomp_loaded holds c's dictionary: loaded now if need be. */
static bool hcomp_open(struct hyph_compounds *c)
{
	if (c->failed)
		return false;
	c->failed = !hcomp_load(c->aff, c->dic);
	return !c->failed;
}

/* Is w[0..n) (Latin-1) a Dutch word? hunspell-nl is UTF-8. */
static bool hcomp_spell(const char *w, size_t n)
{
	char buf[4 * 64];
	if (n == 0 || 2 * n + 1 > sizeof buf)
		return false;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char u = (unsigned char)w[i];
		if (u < 0x80) {
			buf[k++] = (char)u;
		} else {
			buf[k++] = (char)(0xC0 | (u >> 6));
			buf[k++] = (char)(0x80 | (u & 0x3F));
		}
	}
	buf[k] = '\0';
	return hcomp_loaded.spell(hcomp_loaded.hun, buf) != 0;
}

/* Prefixes that never stand alone (be, ge, ont, her, er): a word one of
 * them begins, the rest a word of its own, breaks best where they meet
 * (be-tekenen, ge-volgen), as a compound does; bete-kenen splits the word
 * the reader is waiting for. */
static const char *const hcomp_prefixes[] = { "be", "ge", "ont", "her",
					      "er" };
/* Prefixes that are words too (ver "far", mis "mass", wan "winnow"):
 * hunspell takes what they begin for a compound of that word and
 * whatever the rest spells (ver|tegenwoordiger, the rest a comparative:
 * "more present"), where the word is a derivation of one part. */
static const char *const hcomp_not_parts[] = { "ver", "mis", "wan" };

static bool hcomp_listed(const char *const *list, size_t n_list,
			 const char *w, size_t n)
{
	for (size_t i = 0; i < n_list; i++)
		if (n == strlen(list[i]) && !memcmp(w, list[i], n))
			return true;
	return false;
}

#define HCOMP_LISTED(list, w, n) \
	hcomp_listed(list, sizeof list / sizeof *list, w, n)

/* The start of a compound: a word, or a word and a linking s; or a
 * prefix that never stands alone. */
static bool hcomp_start(const char *w, size_t n)
{
	if (HCOMP_LISTED(hcomp_prefixes, w, n))
		return true;
	if (n < HCOMP_MIN_PART - 1 || HCOMP_LISTED(hcomp_not_parts, w, n))
		return false; /* in, op: a word more than a part */
	if (hcomp_spell(w, n))
		return true;
	return n > HCOMP_MIN_PART && w[n - 1] == 's' &&
	       hcomp_spell(w, n - 1);
}

/* "known bits" of a word, from hunspell; NULL without it. */
static char *hcomp_learn(struct hyph_compounds *c, const char *w, size_t n,
			 const char *breaks)
{
	if (!hcomp_open(c))
		return NULL;
	char *v = g_malloc(n + 1);
	v[0] = hcomp_spell(w, n) ? '1' : '0';
	for (size_t i = 0; i + 1 < n; i++) {
		size_t left = i + 1, right = n - left;
		bool b = breaks[i] && right >= HCOMP_MIN_PART &&
			 hcomp_spell(w + left, right) &&
			 hcomp_start(w, left);
		v[i + 1] = b ? '1' : '0';
	}
	v[n] = '\0';
	/* v[1 + i] is the break after letter i, for i < n - 1. */
	return v;
}

bool hcomp_word(struct hyph_compounds *c, const char *w, size_t n,
		const char *breaks, char *bound)
{
	assert(c && w && breaks && bound);
	memset(bound, 0, n);
	if (n < 2 || n >= 64)
		return true;
	if (!c->read)
		hcomp_read(c);
	char *key = g_strndup(w, n);
	const char *v = g_hash_table_lookup(c->words, key);
	if (!v) {
		char *learnt = hcomp_learn(c, w, n, breaks);
		if (!learnt) {
			g_free(key);
			return true;
		}
		if (g_hash_table_size(c->words) < HCOMP_MAX_WORDS) {
			g_hash_table_insert(c->words, key, learnt);
			key = NULL;
			c->dirty = true;
		}
		v = learnt;
		if (key) { /* not kept: copy out before freeing */
			for (size_t i = 0; i + 1 < n; i++)
				bound[i] = breaks[i] && v[i + 1] == '1';
			bool known = v[0] == '1';
			g_free(learnt);
			g_free(key);
			return known;
		}
	} else {
		g_free(key);
	}
	for (size_t i = 0; i + 1 < n; i++)
		bound[i] = breaks[i] && v[i + 1] == '1';
	return v[0] == '1';
}

static int hcomp_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The words in order, so that the same words give the same file. */
static void hcomp_write(struct hyph_compounds *c)
{
	char *path = hyph_cache_path("hunspell-nl", true);
	if (!path)
		return;
	guint n;
	char **keys = (char **)g_hash_table_get_keys_as_array(c->words, &n);
	qsort(keys, n, sizeof *keys, hcomp_cmp);
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, HCOMP_MAGIC);
	strbuf_adds(&sb, c->key);
	strbuf_adds(&sb, "\n");
	for (guint i = 0; i < n; i++)
		strbuf_addf(&sb, "%s\t%s\n", keys[i],
			    (const char *)g_hash_table_lookup(c->words,
							      keys[i]));
	hyph_cache_write(path, sb.buf, sb.len);
	strbuf_release(&sb);
	g_free(keys);
	free(path);
}

void hcomp_destroy(struct hyph_compounds *c)
{
	if (!c)
		return;
	if (c->dirty && c->key)
		hcomp_write(c);
	g_hash_table_destroy(c->words);
	free(c->aff);
	free(c->dic);
	free(c->patterns);
	free(c->key);
	free(c);
}
