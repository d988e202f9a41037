/*
 * batch_manifest.h — DIR/manifest.json: what each PDF was made from, so that
 * `dossier render --incremental` redoes only what changed.
 *
 * One record per meeting file: the dossier version, the sha256 of every
 * input (the meeting file, its data files and annexes, the layout and
 * fonts.conf) and of the PDF it gave, with its pages and bytes. A document
 * is up to date when the version, every input and the PDF on disk all
 * still match; anything unreadable or unknown means "render it again".
 * Paths are relative to the folders they come from: the meeting file and
 * its inputs to the manifest's folder ("../inputs/meetings/x.yaml"), the
 * layout, word list and fonts to dossier's data folder
 * ("dossier:layouts/kamerbrief.yaml"), so that a manifest moves with its
 * files and holds in any working directory.
 */
#ifndef DOSSIER_BATCH_MANIFEST_H
#define DOSSIER_BATCH_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "diag.h"

struct manifest;

/* The manifest in out_dir; empty when there is none or it is damaged.
 * home: dossier's data folder, for the inputs recorded as "dossier:…". */
struct manifest *manifest_load(struct arena *a, const char *out_dir,
			       const char *home);
/* Whether source's PDF in out_dir is still what its inputs would give. */
bool manifest_up_to_date(struct manifest *m, const char *source);
/* The sha256 recorded for source's PDF when this version of dossier made
 * it from inputs that are still as they were, and the PDF's file name in
 * *output (when output is not NULL); else NULL. The PDF itself is not
 * read: the caller checks the bytes it reads against this. */
const char *manifest_recorded_sha256(struct manifest *m, const char *source,
				     const char **output);
/* Replace source's record (one line of JSON); NULL removes it. */
void manifest_set(struct manifest *m, const char *source, const char *record);
/* Write DIR/manifest.json whole or not at all. */
bool manifest_save(const struct manifest *m, struct diags *d);

/* Write the record of one rendered PDF (a line of JSON) to fp; returns
 * the sha256 it recorded, or NULL (nothing written) when the PDF cannot
 * be read. The last n_home inputs are files of home, dossier's data. */
const char *manifest_record(FILE *fp, struct arena *a, const char *source,
			    const char *const *inputs, size_t n_inputs,
			    const char *home, size_t n_home,
			    const char *out_dir, const char *pdf_name,
			    size_t pages);

/* The sha256 of a file in hex, or NULL when it cannot be read. */
const char *manifest_sha256_file(struct arena *a, const char *path,
				 size_t *bytes);

#endif
