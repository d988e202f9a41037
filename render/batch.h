/*
 * batch.h — render many files at once, one worker process per core.
 *
 * pango and fontconfig are not thread-safe across one context, and a crash
 * while rendering one file must not take the others down, so the batch
 * forks workers; each sets up its own typesetter once and then renders the
 * files the parent hands it, one at a time. Errors travel back to the
 * parent, which alone writes to stderr (and draws the progress line).
 */
#ifndef DOSSIER_BATCH_H
#define DOSSIER_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"

/* What a worker does; all three run in the worker process. */
struct batch_ops {
	void *ctx;
	/* Before the first file. Returns an exit status: not 0 stops the
	 * batch, with what was written to err as the reason. */
	int (*start)(void *ctx, FILE *err);
	/* One file: its exit status; errors to err, a manifest record (one
	 * line of JSON, or nothing) to record, and the pages it set. */
	int (*render)(void *ctx, const char *file, FILE *err, FILE *record,
		      size_t *pages);
	void (*stop)(void *ctx);
};

struct batch_file {
	const char *path;
	bool skip;        /* up to date: not rendered */
	int status;       /* exit status of its render */
	size_t pages;     /* pages of its PDF */
	char *record;     /* in the arena; NULL when none */
};

struct batch_opts {
	int jobs;      /* worker processes; at least 1 */
	bool progress; /* a progress line on stderr (a terminal) */
};

/* Render every file not marked skip. Errors are printed as they come;
 * returns when all are done. A worker that dies takes only its current
 * file with it (status EXIT_SOFTWARE) and is replaced. */
void batch_run(struct arena *a, struct batch_file *files, size_t n,
	       const struct batch_opts *opts, const struct batch_ops *ops);

/* Seconds left for a batch: the rate of pages so far, and the pages to come
 * reckoned from the bytes of input left at the pages per byte so far; -1
 * while nothing is known (no page set yet). */
double batch_time_left(double spent_s, size_t pages_done, double bytes_done,
		       double bytes_todo);

#endif
