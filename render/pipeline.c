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
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart.h"
#include "compose.h"
#include "dl.h"
#include "layout.h"
#include "paginate.h"
#include "write_cairo.h"
#include "write_haru.h"

#ifndef DOSSIER_DATADIR
#define DOSSIER_DATADIR "/usr/local/share/dossier"
#endif

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where layouts/ and fonts/ are: $DOSSIER_HOME, the folder above the
 * program (build/dossier in a checkout), or the installed data. */
const char *pipeline_home(struct arena *a)
{
	const char *env = getenv("DOSSIER_HOME");
	if (env && *env)
		return env;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *home = arena_printf(a, "%s/..", dirname(exe));
		if (is_dir(arena_printf(a, "%s/layouts", home)))
			return home;
	}
	return DOSSIER_DATADIR;
}

bool pipeline_open(struct pipeline *p, struct arena *a, struct diags *d)
{
	int before = d->count;
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

struct display_list *pipeline_display_list(struct pipeline *p,
					   struct arena *a,
					   const struct document *doc,
					   struct diags *d)
{
	if (!p->ts || !p->hyph)
		return NULL;
	char *dir = arena_printf(a, "%s/layouts", p->home);
	if (doc->layout.src &&
	    access(pipeline_layout_path(p, a, doc), R_OK) != 0) {
		diag_error(d, doc->layout.pos,
			   "there is no layout '%s' in layouts/; leave "
			   "'layout' out for the default", doc->layout.src);
		return NULL;
	}
	struct layout *l = layout_load(a, dir, layout_name(doc), d);
	if (!l)
		return NULL;
	struct composition *comp = compose_document(a, p->hyph, doc, l);
	struct typeset_doc *td = typeset_blocks(p->ts, a, comp, d);
	if (!td)
		return NULL;
	struct pages *pages = paginate(p->ts, a, comp, td);
	return dl_build(a, comp, pages);
}

const char *pipeline_render(struct pipeline *p, struct arena *a,
			    const struct document *doc, const char *out_dir,
			    size_t *pages_out, struct diags *d)
{
	struct display_list *dl = pipeline_display_list(p, a, doc, d);
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
	struct display_list *dl = dl_build_chart(
		a, cd, l->chart.margin_pt, c->title.src,
		doc->has_date ? doc->date : doc->meeting.dates[0]);
	return write_cairo_chart(dl, out, width_px > 0 ? width_px :
					  l->chart.png_width_px, d);
}
