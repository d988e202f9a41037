/*
 * hyph.h — Dutch hyphenation with libhyphen and Debian's hyphen-nl.
 *
 * Marks the places where a word may be broken with soft hyphens (U+00AD),
 * which pango breaks at and then shows as a hyphen. The dictionary is
 * ISO-8859-1; words are converted from UTF-8 and back, and words with
 * letters outside it are left whole.
 */
#ifndef DOSSIER_HYPH_H
#define DOSSIER_HYPH_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"

struct hyphenator;

/* NULL when the dictionary cannot be loaded. */
struct hyphenator *hyph_create(const char *dic_path);
void hyph_destroy(struct hyphenator *h);

/*
 * Read a word list (layouts/hyphenation-nl.txt): one word a line with
 * its break points ("Sy-bi-ha"); a word written without any is never
 * broken; '#' starts a comment line. A listed word, in any case, is
 * broken only where the list says, whatever the patterns say; one
 * written after "en:" only in English text. False with an error naming
 * the file and line.
 */
bool hyph_load_words(struct hyphenator *h, const char *path,
		     struct diags *d);

/*
 * Insert soft hyphens into every word of a UTF-8 run of text. At least two
 * letters stay before and after a break. Left whole: words in capitals
 * (NAVO, PURL), words with digits, URLs, e-mail addresses, and words that
 * already hold a soft hyphen. A compound with a hyphen (NAVO-top,
 * defensie-uitgaven) is hyphenated in its parts.
 */
char *hyph_text(struct hyphenator *h, struct arena *a, const char *utf8);

/* What a break is worth, for the line breaker (layout keys weigh
 * each): at a compound's boundary (bond-genoten), in a word with no
 * known boundary (be-tekenen), or inside a part of a compound whose
 * boundary could be used instead (bondge-noten, de-fensie-uitgaven). */
enum hyph_quality {
	HYPH_Q_NONE = 0,     /* no break here (or one written in the data) */
	HYPH_Q_PLAIN = 1,
	HYPH_Q_BOUNDARY = 2,
	HYPH_Q_IN_PART = 3,
	HYPH_Q_SHORT = 4,    /* in a word shorter than the rules' min_word
			      * (Za-ken): only where nothing else will do */
};

/* The layout's rules: no break in a word of fewer than min_word
 * letters, at least left_min letters before a break and right_min after
 * it; with compound_dictionary, hunspell-nl (hyph_compound.h) finds
 * where a compound's parts meet, and with names_whole a capitalised word
 * that is no Dutch word (Brussel, Paternotte) is broken only where the
 * word list says. Without the dictionary every break is plain and no
 * word counts as a name: loading hunspell-nl for the words its cache
 * does not hold makes a cold render four times as slow. */
struct hyph_rules {
	int min_word, left_min, right_min;
	bool names_whole;
	bool compound_dictionary;
};

/* The rules hyph_text() keeps: 5, 2, 2, names broken as other words,
 * no compound dictionary. */
extern const struct hyph_rules hyph_default_rules;

/*
 * hyph_text() with the layout's rules, in a language: NULL or "nl..."
 * for Dutch, "en..." for English (Debian's hyphen-en-us; words of other
 * letters than ASCII left whole); text in any other language is left
 * whole. With quality non-NULL, *quality gets an array as long as the
 * text returned (from the arena): at the first byte of each soft hyphen
 * inserted its enum hyph_quality, elsewhere 0.
 */
char *hyph_text_lang(struct hyphenator *h, struct arena *a, const char *utf8,
		     const struct hyph_rules *rules, const char *lang,
		     unsigned char **quality);

/* Dutch compounds: the hunspell-nl dictionary that finds their parts
 * (hyph_compound.h); hyph_create uses the default, tests may point it
 * elsewhere (a missing file: no compound is known). */
void hyph_use_compounds(struct hyphenator *h, const char *aff_path,
			const char *dic_path);

/* The default dictionaries, Debian's hyphen-nl and hyphen-en-us. */
#define HYPH_DEFAULT_DIC "/usr/share/hyphen/hyph_nl_NL.dic"
#define HYPH_EN_DIC "/usr/share/hyphen/hyph_en_US.dic"

#endif
