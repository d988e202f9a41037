/*
 * hyph_cache.h — libhyphen's compiled dictionary, kept between runs.
 *
 * hnj_hyphen_load compiles hyph_nl_NL.dic's 16.000 patterns into a state
 * machine on every start: a fifth of a cold render. The machine is saved
 * once, as one relocatable block, in the user's cache folder
 * ($XDG_CACHE_HOME/dossier, else ~/.cache/dossier) and read back in a
 * fraction of a millisecond. The cache is an optimisation only: when it
 * is missing, stale (the dictionary's file changed), damaged or cannot be
 * written, the dictionary is compiled as before, and the result is the
 * same machine either way.
 */
#ifndef DOSSIER_HYPH_CACHE_H
#define DOSSIER_HYPH_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include <hyphen.h>

/*
 * The dictionary of dic_path, from the cache when it is there and valid,
 * else compiled and then cached. *block is set to the block the dictionary
 * lives in when it came from the cache (release it with
 * hyph_cache_free), or NULL when libhyphen allocated it (release with
 * hnj_hyphen_free). NULL when the dictionary cannot be loaded at all.
 */
HyphenDict *hyph_cache_load(const char *dic_path, void **block);
void hyph_cache_free(HyphenDict *dict, void *block);

/* Other caches of the same folder (hyph_compound.c's): a key naming
 * each file and its version (realpath, inode, size, time; malloc'd), the
 * path of $XDG_CACHE_HOME/dossier/<basename of name>.cache (malloc'd, NULL
 * without a home), and a file written beside its place and renamed. */
char *hyph_cache_key(const char *const *paths, size_t n);
char *hyph_cache_path(const char *name, bool make_dir);
void hyph_cache_write(const char *path, const void *data, size_t len);

/* For tests: the cache image of a compiled dictionary (malloc'd, *len
 * bytes) and the dictionary an image gives back (NULL if it is not a
 * valid image for this key). */
void *hyph_cache_image(const HyphenDict *dict, const char *key, size_t *len);
HyphenDict *hyph_cache_read_image(void *image, size_t len, const char *key);

#endif
