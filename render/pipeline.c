/*
 * pipeline.c — the render of one document, shared by `render` and `mail`.
 *
 * Finds layouts/ and fonts/ ($DOSSIER_HOME, the folder above the program,
 * or the installed data), sets up the typesetter and the hyphenator once,
 * then runs each document through the stages into out_dir/<id>.pdf.
 */
#include "pipeline.h"

#include <libgen.h>
#include <limits.h>
#include <malloc.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart.h"
#include "compose.h"
#include "dl_build.h"
#include "layout.h"
#include "batch_manifest.h"
#include "paginate.h"
#include "write_cairo.h"
#include "write_haru.h"

/* glibc's own threshold to start with (M_MMAP_THRESHOLD, mallopt(3)),
 * fixed. */
#define PIPELINE_MMAP_THRESHOLD (128 * 1024)

#ifndef DOSSIER_DATADIR
#define DOSSIER_DATADIR "/usr/local/share/dossier"
#endif

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where layouts/ and fonts/ are: $DOSSIER_HOME, the folder above the
 * program (build/dossier in a checkout), PREFIX/share/dossier beside an
 * installed PREFIX/bin/dossier (so an installed tree may be moved), or
 * the data installed at DOSSIER_DATADIR. */
const char *pipeline_home(struct arena *a)
{
	const char *env = getenv("DOSSIER_HOME");
	if (env && *env)
		return env;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		const char *bin = dirname(exe);
		const char *homes[] = {
			arena_printf(a, "%s/..", bin),
			arena_printf(a, "%s/../share/dossier", bin),
		};
		for (size_t i = 0; i < sizeof homes / sizeof *homes; i++)
			if (is_dir(arena_printf(a, "%s/layouts", homes[i])))
				return homes[i];
	}
	return DOSSIER_DATADIR;
}

bool pipeline_open(struct pipeline *p, struct arena *a, struct diags *d)
{
	int before = d->count;
	/* Large blocks mapped, and unmapped when freed, from the first to
	 * the last: glibc raises the size it maps from to that of the
	 * largest mapped block freed, so that once a long document's YAML
	 * tree went, its stages' arrays came from the heap and stayed in
	 * the process after they were freed (10.481 pages: 421 -> 355 MB
	 * peak). */
	mallopt(M_MMAP_THRESHOLD, PIPELINE_MMAP_THRESHOLD);
	p->source_date = model_source_date(getenv("SOURCE_DATE_EPOCH"));
	p->home = pipeline_home(a);
	p->ts = typeset_create(arena_printf(a, "%s/fonts/fonts.conf", p->home),
			       d);
	p->hyph = hyph_create(HYPH_DEFAULT_DIC);
	if (!p->hyph)
		diag_error_status(d, EXIT_NOINPUT,
				  (struct srcpos){ HYPH_DEFAULT_DIC, 0, 0 },
				  "cannot load the Dutch hyphenation patterns "
				  "(Debian package hyphen-nl)");
	else
		hyph_load_words(p->hyph,
				arena_printf(a, "%s/layouts/hyphenation-nl.txt",
					     p->home), d);
	return d->count == before;
}

void pipeline_close(struct pipeline *p)
{
	typeset_destroy(p->ts);
	hyph_destroy(p->hyph);
	p->ts = NULL;
	p->hyph = NULL;
}

static const char *layout_name(const struct document *doc)
{
	return doc->layout.src ? doc->layout.src : "kamerbrief";
}

const char *pipeline_layout_path(const struct pipeline *p, struct arena *a,
				 const struct document *doc)
{
	return arena_printf(a, "%s/layouts/%s.yaml", p->home,
			    layout_name(doc));
}

struct layout *pipeline_layout(struct pipeline *p, struct arena *a,
			       const struct document *doc, struct diags *d)
{
	if (!p->home)
		p->home = pipeline_home(a);
	char *dir = arena_printf(a, "%s/layouts", p->home);
	if (doc->layout.src &&
	    access(pipeline_layout_path(p, a, doc), R_OK) != 0) {
		diag_error(d, doc->layout.pos,
			   "there is no layout '%s' in layouts/; leave "
			   "'layout' out for the default", doc->layout.src);
		return NULL;
	}
	return layout_load(a, dir, layout_name(doc), d);
}

/* doc through the stages up to its display list: paged (made a page at
 * a time as the writers draw them) or whole. With once, one writer
 * draws it: the blocks, lines and pages go into an arena of their own,
 * which the display list lets go once its pages are drawn. */
static struct display_list *display_list(struct pipeline *p, struct arena *a,
					 const struct document *doc,
					 bool paged, bool once,
					 struct diags *d)
{
	if (!p->ts || !p->hyph)
		return NULL;
	struct layout *l = pipeline_layout(p, a, doc, d);
	if (!l)
		return NULL;
	struct arena *sa = paged && once ? arena_create() : a;
	struct composition *comp = compose_document(
		sa, p->hyph, doc, l, model_document_date(doc, p->source_date));
	struct typeset_doc *td = typeset_blocks(p->ts, sa, comp, d);
	/* Composed and set, with its messages made: with one writer, the
	 * model's rich texts (a long document's largest part) go now. */
	if (sa != a)
		model_release_rich(doc);
	if (!td) {
		if (sa != a)
			arena_destroy(sa);
		return NULL;
	}
	struct pages *pages = paginate(p->ts, sa, comp, td);
	return paged ? dl_build_paged(a, p->ts, comp, td, pages,
				      sa != a ? sa : NULL) :
		       dl_build(a, p->ts, comp, pages);
}

struct display_list *pipeline_display_list(struct pipeline *p,
					   struct arena *a,
					   const struct document *doc,
					   struct diags *d)
{
	return display_list(p, a, doc, false, false, d);
}

struct display_list *pipeline_display_list_paged(struct pipeline *p,
						 struct arena *a,
						 const struct document *doc,
						 struct diags *d)
{
	return display_list(p, a, doc, true, false, d);
}

bool pipeline_check(struct pipeline *p, struct arena *a,
		    const struct document *doc, struct diags *d)
{
	return display_list(p, a, doc, true, true, d) != NULL;
}

const char *pipeline_render(struct pipeline *p, struct arena *a,
			    const struct document *doc, const char *out_dir,
			    size_t *pages_out, struct diags *d)
{
	struct display_list *dl = display_list(p, a, doc, true,
					       !p->preview && !p->archive, d);
	if (!dl)
		return NULL;
	char *out = arena_printf(a, "%s/%s.pdf", out_dir, doc->id);
	if (!write_cairo_pdf(dl, out, d))
		return NULL;
	if (p->preview &&
	    !write_cairo_png(dl, arena_printf(a, "%s/%s.png", out_dir, doc->id),
			     d))
		return NULL;
	if (p->archive &&
	    !haru_write_pdfa(dl, arena_printf(a, "%s/%s.archief.pdf", out_dir,
					      doc->id), HARU_SRGB_ICC, d))
		return NULL;
	if (pages_out)
		*pages_out = dl->n_pages;
	return out;
}

const char **pipeline_inputs(const struct pipeline *p, struct arena *a,
			     const char *path, const struct document *doc,
			     size_t *n_out)
{
	/* A pack's bound files (agenda, annexes) and their data files are
	 * inputs too. */
	size_t nb = 1 + (doc->agenda_doc ? 1 : 0) + doc->n_annexes;
	const struct document **bound = arena_array(a, nb, sizeof *bound);
	nb = 0;
	bound[nb++] = doc;
	if (doc->agenda_doc)
		bound[nb++] = doc->agenda_doc;
	for (size_t i = 0; doc->annex_docs && i < doc->n_annexes; i++)
		if (doc->annex_docs[i])
			bound[nb++] = doc->annex_docs[i];
	size_t n = 5 + doc->n_annexes + (doc->agenda ? 1 : 0), k = 0;
	for (size_t b = 0; b < nb; b++)
		n += bound[b]->n_data;
	const char **in = arena_array(a, n, sizeof *in);
	in[k++] = path;
	for (size_t b = 0; b < nb; b++)
		for (size_t i = 0; i < bound[b]->n_data; i++)
			in[k++] = bound[b]->data[i].resolved;
	if (doc->agenda)
		in[k++] = doc->agenda->resolved;
	for (size_t i = 0; i < doc->n_annexes; i++)
		in[k++] = doc->annexes[i].resolved;
	in[k++] = pipeline_layout_path(p, a, doc);
	/* Where words break: a new entry can move every line after it. */
	in[k++] = arena_printf(a, "%s/layouts/hyphenation-nl.txt", p->home);
	in[k++] = arena_printf(a, "%s/fonts/fonts.conf", p->home);
	/* The fonts themselves, through the sha256 of each that `make` wrote
	 * with them: a new fonts-noto-core renders everything again, and
	 * checking costs one small file, not 2 MB of fonts. */
	in[k++] = arena_printf(a, "%s/fonts/" TYPESET_FONT_SUMS, p->home);
	*n_out = k;
	return in;
}

/* What a PDF depends on, for the manifest. */
const char *pipeline_record(const struct pipeline *p, struct arena *a,
			    FILE *rec, const char *path,
			    const struct document *doc, const char *out_dir,
			    size_t pages)
{
	size_t k;
	const char **in = pipeline_inputs(p, a, path, doc, &k);
	/* the last four are dossier's own data */
	return manifest_record(rec, a, path, in, k, p->home, 4, out_dir,
			       arena_printf(a, "%s.pdf", doc->id), pages);
}

bool pipeline_chart(struct pipeline *p, struct arena *a,
		    const struct document *doc, const char *id,
		    const char *out, double width_px, struct diags *d)
{
	const struct chart *c = chart_find(doc, id);
	if (!c) {
		diag_error(d, (struct srcpos){ doc->path, 0, 0 },
			   "there is no chart with id '%s' in this file or "
			   "its data files", id);
		return false;
	}
	char *dir = arena_printf(a, "%s/layouts", p->home);
	struct layout *l = layout_load(a, dir, layout_name(doc), d);
	const struct chart_drawing *cd =
		l ? chart_draw(p->ts, a, l, c, d) : NULL;
	if (!cd)
		return false;
	struct display_list *dl = dl_build_chart(a, cd, c, l->chart.margin_pt,
						 model_document_date(doc,
							p->source_date));
	return write_cairo_chart(dl, out, width_px > 0 ? width_px :
					  l->chart.png_width_px, d);
}
