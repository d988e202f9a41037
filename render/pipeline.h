/*
 * pipeline.h — one meeting document from model to PDF, callable from any
 * command (render, mail).
 *
 * struct pipeline holds what lives as long as the run: where layouts/ and
 * fonts/ are, the typesetter and the hyphenator. pipeline_render() takes a
 * parsed document through compose → typeset → paginate → display list
 * (pipeline_display_list(), also the fuzzers' path) → cairo writer,
 * everything in the caller's arena, and reports into diags.
 */
#ifndef DOSSIER_PIPELINE_H
#define DOSSIER_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "hyph.h"
#include "model.h"
#include "typeset.h"

struct pipeline {
	const char *home; /* holds layouts/ and fonts/ */
	struct typesetter *ts;
	struct hyphenator *hyph;
	bool archive; /* also <id>.archief.pdf (PDF/A-1b, libharu) */
	bool preview; /* also <id>.png, page 1 */
	/* SOURCE_DATE_EPOCH, read once by pipeline_open(); -1 when unset:
	 * the date of every PDF and message of the run. */
	long long source_date;
};

/* Find the data folders, load the fonts and the Dutch patterns. false
 * (with diags) when something is missing; pipeline_close() in any case. */
bool pipeline_open(struct pipeline *p, struct arena *a, struct diags *d);
void pipeline_close(struct pipeline *p);

/* Where layouts/ and fonts/ are, without loading anything. */
const char *pipeline_home(struct arena *a);

/* The layout file a document is set with (for "is the PDF up to date"). */
const char *pipeline_layout_path(const struct pipeline *p, struct arena *a,
				 const struct document *doc);

/* The layout doc is set with, read and checked (no fonts needed: `check`
 * uses it too). NULL with diags: no such layout, or a bad one. */
struct layout *pipeline_layout(struct pipeline *p, struct arena *a,
			       const struct document *doc, struct diags *d);

/* What a document's PDF depends on: the file at path, its data files,
 * agenda and annexes (a pack's bound files' data too), the layout, the
 * word list, the fonts' configuration and sums; *n of them. The
 * manifest records them, and `dossier watch` watches them. */
const char **pipeline_inputs(const struct pipeline *p, struct arena *a,
			     const char *path, const struct document *doc,
			     size_t *n);

/* The production stages up to the display list, in memory: the layout
 * the document names (or its kind's default), compose, typeset,
 * paginate, display list with every page made; everything in a. NULL
 * with diags. A briefing pack's bound files must be loaded (pack_load).
 * pipeline_render() writes the same, made a page at a time as it is
 * drawn; the fuzzers and the geometry checks stop here. */
struct display_list;
struct display_list *pipeline_display_list(struct pipeline *p,
					   struct arena *a,
					   const struct document *doc,
					   struct diags *d);
/* The display list as pipeline_render() writes it: paged, each page made
 * by dl_page() when asked for (and the one before let go). The fuzzers
 * take this path, the one production takes. */
struct display_list *pipeline_display_list_paged(struct pipeline *p,
						 struct arena *a,
						 const struct document *doc,
						 struct diags *d);
/* The same stages for `dossier check`, the pages not made: they add no
 * error, and a long document's would be set a second time. */
bool pipeline_check(struct pipeline *p, struct arena *a,
		    const struct document *doc, struct diags *d);

/* Write out_dir/<id>.pdf (and the archive copy and preview when asked
 * for). A briefing pack's bound files must be loaded (pack_load). Returns the path written (and the number of
 * pages in *pages when pages is not NULL), or NULL with diags. */
const char *pipeline_render(struct pipeline *p, struct arena *a,
			    const struct document *doc, const char *out_dir,
			    size_t *pages, struct diags *d);

/* Write the manifest record of out_dir/<id>.pdf, rendered from the
 * meeting file at path, to rec (batch_manifest.h): every input's sha256 and the
 * PDF's. Returns the PDF's sha256, or NULL when it cannot be read. */
const char *pipeline_record(const struct pipeline *p, struct arena *a,
			    FILE *rec, const char *path,
			    const struct document *doc, const char *out_dir,
			    size_t pages);

/* One chart of the document alone, drawn by the same code as in the PDF,
 * into out (.svg, .png width_px wide — 0: the layout's width — or .pdf).
 * false with diags. */
bool pipeline_chart(struct pipeline *p, struct arena *a,
		    const struct document *doc, const char *id,
		    const char *out, double width_px, struct diags *d);

#endif
