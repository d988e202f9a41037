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
 * broken only where the list says, whatever the patterns say. False
 * with an error naming the file and line.
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

/* The default dictionary, Debian's hyphen-nl. */
#define HYPH_DEFAULT_DIC "/usr/share/hyphen/hyph_nl_NL.dic"

#endif
