/*
 * output.h — files written whole or not at all.
 *
 * An output is written to a temporary file beside its target and renamed
 * into place only when complete, so a failed run never leaves a partial
 * file and never replaces a good one.
 */
#ifndef DOSSIER_OUTPUT_H
#define DOSSIER_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"

struct output {
	const char *path; /* the target */
	char *tmp_path;   /* malloc'd */
	FILE *fp;
	bool failed;
	int err; /* errno of the first failed write, or 0 */
};

/* Open a temporary file beside path. false (with a diag) if impossible. */
bool output_open(struct output *o, const char *path, struct diags *d);
/* Flush, sync and rename into place; or remove the temporary file and
 * report. Returns true when the target now holds the new file. */
bool output_commit(struct output *o, struct diags *d);
/* Remove the temporary file; the target is left as it was. */
void output_abort(struct output *o);
/* Remove from dir the temporary files of writers that died before they
 * could (TARGET.tmp-PID-XXXXXX whose PID is gone and whose lock is free);
 * a concurrent run's files are left alone. Quietly does what it can. */
void output_clean_stale(const char *dir);

#endif
