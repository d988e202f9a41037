/*
 * dl_build.h — pages into the display list: the one place that knows both
 * the earlier stages (blocks, lines, pages, charts) and the display list,
 * and so the one place that decides what each mark is in the structure.
 */
#ifndef DOSSIER_DL_BUILD_H
#define DOSSIER_DL_BUILD_H

#include "arena.h"
#include "chart.h"
#include "compose.h"
#include "dl.h"
#include "paginate.h"

/* Every page's items made at once, into a. */
struct display_list *dl_build(struct arena *a, struct typesetter *ts,
			      const struct composition *comp,
			      const struct pages *pages);

/* Paged (dl.h): each page made when a writer asks for it, its items
 * and the lines set for it let go when the page after it is made.
 * stages: NULL, or the arena comp and pages are in (and nothing that
 * outlives them), which dl takes: it is destroyed at the first
 * dl_drawn() (or with a), so that the one writer that draws dl finishes
 * its file without the document's blocks, lines and pages in memory;
 * each page's placed lines go as soon as it is made, and the text of
 * each block and footnote of td set again a page at a time, and the
 * lines td kept of it, as soon as the last page that shows it is
 * drawn. Give it only when a single
 * writer will draw dl, each page once. */
struct display_list *dl_build_paged(struct arena *a, struct typesetter *ts,
				    struct composition *comp,
				    struct typeset_doc *td,
				    struct pages *pages,
				    struct arena *stages);

/* Chart c, drawn as cd, on a page of its own size plus margin_pt all
 * round: one Figure, titled and described as in a document. */
struct display_list *dl_build_chart(struct arena *a,
				    const struct chart_drawing *cd,
				    const struct chart *c, double margin_pt,
				    struct date date);

#endif
