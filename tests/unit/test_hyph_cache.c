/*
 * test_hyph_cache.c — the compiled hyphenation dictionary kept between runs.
 *
 * Input: Debian's hyph_nl_NL.dic, compiled by libhyphen; its cache image;
 * damaged images; a cache folder of the test's own. Output checked: the
 * image gives back the same state machine (state by state) and the same
 * hyphenation of every word; a damaged, truncated or foreign image is
 * refused; hyph_cache_load writes the cache once, then reads it, and
 * replaces a bad one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hyph.h"
#include "hyph_cache.h"

#define KEY "hyph_nl_NL.dic 1 2 3 4.000000005\n"

static void *copy(const void *p, size_t n)
{
	void *c = malloc(n);
	assert_non_null(c);
	memcpy(c, p, n);
	return c;
}

static void assert_same_dict(const HyphenDict *a, const HyphenDict *b)
{
	for (; a || b; a = a->nextlevel, b = b->nextlevel) {
		assert_non_null(a);
		assert_non_null(b);
		assert_int_equal(a->lhmin, b->lhmin);
		assert_int_equal(a->rhmin, b->rhmin);
		assert_int_equal(a->clhmin, b->clhmin);
		assert_int_equal(a->crhmin, b->crhmin);
		assert_int_equal(a->nohyphenl, b->nohyphenl);
		if (a->nohyphen || b->nohyphen)
			assert_string_equal(a->nohyphen, b->nohyphen);
		assert_int_equal(a->num_states, b->num_states);
		assert_string_equal(a->cset, b->cset);
		assert_int_equal(a->utf8, b->utf8);
		for (int i = 0; i < a->num_states; i++) {
			const HyphenState *s = &a->states[i], *t = &b->states[i];
			if (s->match || t->match)
				assert_string_equal(s->match, t->match);
			assert_null(t->repl);
			assert_int_equal(s->fallback_state, t->fallback_state);
			assert_int_equal(s->num_trans, t->num_trans);
			for (int k = 0; k < s->num_trans; k++) {
				assert_int_equal(s->trans[k].ch, t->trans[k].ch);
				assert_int_equal(s->trans[k].new_state,
						 t->trans[k].new_state);
			}
		}
	}
}

/* Every word of the seed texts' kind, through both dictionaries. */
static const char *const words[] = {
	"geannoteerde", "ministerraad", "bondgenootschap", "defensieuitgaven",
	"ondersteuning", "veiligheidssituatie", "oekraine", "beeindigen",
	"coordinatie", "internationale", "samenwerking", "buitenlandse",
	"parlementaire", "verantwoordelijkheid", "afschrikking", "a",
	"ontwikkelingssamenwerking", "kernwapenbeleid", "luchtverdediging",
};

static void assert_same_hyphens(HyphenDict *a, HyphenDict *b)
{
	for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
		int n = (int)strlen(words[w]);
		char ha[64] = { 0 }, hb[64] = { 0 };
		char **rep = NULL;
		int *pos = NULL, *cut = NULL;
		hnj_hyphen_hyphenate3(a, words[w], n, ha, NULL, &rep, &pos,
				      &cut, 2, 2, 2, 2);
		hnj_hyphen_hyphenate3(b, words[w], n, hb, NULL, &rep, &pos,
				      &cut, 2, 2, 2, 2);
		assert_memory_equal(ha, hb, (size_t)n);
	}
}

static void image_gives_the_same_machine(void **state)
{
	(void)state;
	HyphenDict *d = hnj_hyphen_load(HYPH_DEFAULT_DIC);
	assert_non_null(d);
	size_t len = 0;
	void *img = hyph_cache_image(d, KEY, &len);
	assert_non_null(img);
	/* Relocation works on any copy: no pointer of this process is in
	 * it. */
	void *c = copy(img, len);
	free(img);
	HyphenDict *r = hyph_cache_read_image(c, len, KEY);
	assert_non_null(r);
	assert_same_dict(d, r);
	assert_same_hyphens(d, r);
	free(c);
	hnj_hyphen_free(d);
}

static void damaged_images_are_refused(void **state)
{
	(void)state;
	HyphenDict *d = hnj_hyphen_load(HYPH_DEFAULT_DIC);
	size_t len = 0;
	void *img = hyph_cache_image(d, KEY, &len);
	hnj_hyphen_free(d);
	assert_non_null(img);

	void *c = copy(img, len); /* another version of the dictionary */
	assert_null(hyph_cache_read_image(c, len, "hyph_nl_NL.dic 1 2 3 5\n"));
	free(c);
	for (size_t cut = 0; cut < len; cut += len / 7 + 1) {
		c = copy(img, cut); /* truncated */
		assert_null(hyph_cache_read_image(c, cut, KEY));
		free(c);
	}
	/* One bit flipped anywhere: header, key, states, strings. */
	for (size_t at = 0; at < len; at += len / 13 + 1) {
		c = copy(img, len);
		((unsigned char *)c)[at] ^= 0x10;
		assert_null(hyph_cache_read_image(c, len, KEY));
		free(c);
	}
	c = copy(img, len); /* random bytes of the same size */
	srand(7);
	for (size_t i = 0; i < len; i++)
		((unsigned char *)c)[i] = (unsigned char)rand();
	assert_null(hyph_cache_read_image(c, len, KEY));
	free(c);
	free(img);
}

static void cache_folder_round_trip(void **state)
{
	(void)state;
	char dir[] = "/tmp/dossier-hyph-cache-XXXXXX";
	assert_non_null(mkdtemp(dir));
	setenv("XDG_CACHE_HOME", dir, 1);
	char file[256];
	snprintf(file, sizeof file, "%s/dossier/hyph_nl_NL.dic.cache", dir);

	void *block;
	HyphenDict *first = hyph_cache_load(HYPH_DEFAULT_DIC, &block);
	assert_non_null(first);
	assert_null(block); /* compiled, and written */
	struct stat st;
	assert_int_equal(stat(file, &st), 0);

	void *cached;
	HyphenDict *second = hyph_cache_load(HYPH_DEFAULT_DIC, &cached);
	assert_non_null(second);
	assert_non_null(cached); /* read back */
	assert_same_dict(first, second);
	hyph_cache_free(second, cached);

	FILE *f = fopen(file, "w"); /* damaged: compiled again, replaced */
	assert_non_null(f);
	fputs("not a cache", f);
	fclose(f);
	HyphenDict *third = hyph_cache_load(HYPH_DEFAULT_DIC, &cached);
	assert_non_null(third);
	assert_null(cached);
	hyph_cache_free(third, cached);
	third = hyph_cache_load(HYPH_DEFAULT_DIC, &cached);
	assert_non_null(cached);
	assert_same_dict(first, third);
	hyph_cache_free(third, cached);

	/* A cache folder that cannot be made: the dictionary all the same. */
	unlink(file);
	char sub[300];
	snprintf(sub, sizeof sub, "%s/dossier", dir);
	rmdir(sub);
	snprintf(sub, sizeof sub, "%s/not-a-folder", dir);
	f = fopen(sub, "w");
	assert_non_null(f);
	fclose(f);
	setenv("XDG_CACHE_HOME", sub, 1);
	HyphenDict *fourth = hyph_cache_load(HYPH_DEFAULT_DIC, &cached);
	assert_non_null(fourth);
	assert_null(cached);
	hyph_cache_free(fourth, cached);
	unlink(sub);
	rmdir(dir);
	unsetenv("XDG_CACHE_HOME");

	assert_null(hyph_cache_load("/nonexistent/hyph_xx.dic", &cached));
	hyph_cache_free(first, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(image_gives_the_same_machine),
		cmocka_unit_test(damaged_images_are_refused),
		cmocka_unit_test(cache_folder_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
