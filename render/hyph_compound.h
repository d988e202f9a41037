/*
 * hyph_compound.h — where a Dutch compound's parts meet, and which words
 * are names: Debian's hunspell-nl through libhunspell, remembered.
 *
 * A break at a compound's boundary (bond-genoten, defensie-capaciteits-
 * opbouw) is one a reader does not notice; one inside a part (bondge-
 * noten) is one they stumble over. The patterns do not tell them apart,
 * nor do their levels (bo4n2d3ge1no5t4en: the boundary has 3, a break
 * inside "genoten" 5). hunspell-nl knows how Dutch words compound.
 * Loading it costs 57 ms, twice a cold render, so it is opened (by
 * dlopen) only for a word not seen before, and what it said of each
 * word is kept in $XDG_CACHE_HOME/dossier/hunspell-nl.cache, remade when
 * the dictionary or the patterns change. Without hunspell-nl, words
 * have no known boundaries and no word counts as a name.
 */
#ifndef DOSSIER_HYPH_COMPOUND_H
#define DOSSIER_HYPH_COMPOUND_H

#include <stdbool.h>
#include <stddef.h>

struct hyph_compounds;

/* Never NULL; nothing is read before the first word. pattern_path is
 * the patterns' file, part of the cache's key. */
struct hyph_compounds *hcomp_create(const char *aff_path,
				    const char *dic_path,
				    const char *pattern_path);
/* Writes the cache when it learnt words. */
void hcomp_destroy(struct hyph_compounds *c);

/*
 * The word w (lower-case ISO-8859-1, n letters) with the breaks the
 * patterns allow (breaks[i] = 1: after letter i): bound[i] = 1 where one
 * of them is a boundary of the compound (the part after it a Dutch word,
 * the part before one too, or one with a linking s, as in
 * capaciteits-opbouw). Returns whether the word, lower-case, is Dutch at
 * all: a capitalised word that is not is a name (Brussel, Paternotte).
 * Without a dictionary: no boundaries, and true.
 */
bool hcomp_word(struct hyph_compounds *c, const char *w, size_t n,
		const char *breaks, char *bound);

/* The defaults: Debian's hunspell-nl. */
#define HCOMP_DEFAULT_AFF "/usr/share/hunspell/nl_NL.aff"
#define HCOMP_DEFAULT_DIC "/usr/share/hunspell/nl_NL.dic"

#endif
