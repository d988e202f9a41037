/*
 * watch.h — `dossier watch`: render meeting files again whenever one of
 * their inputs changes (watch.c).
 */
#ifndef DOSSIER_WATCH_H
#define DOSSIER_WATCH_H

#include <stddef.h>

#include "pipeline.h"

/* Render paths[0..n) into out, then again as their inputs change, until
 * the process is stopped; a status only when watching is impossible. */
int watch_run(struct pipeline *p, const char **paths, size_t n,
	      const char *out, const char *root);

#endif
