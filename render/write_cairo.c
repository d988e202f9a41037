/*
 * write_cairo.c — the cairo writer: display list → PDF (and a chart on
 * its own → SVG, PNG or PDF).
 *
 * Replays each page's glyph runs as pango_cairo_show_glyph_item() would
 * (write_cairo_glyphs.c), which gives cairo the text behind the glyphs (so the PDF's text can be copied
 * and searched) and lets cairo embed font subsets. Adds rules, chart
 * paths, links,
 * the outline and the metadata; dates come from the document, never the
 * clock, so the same input gives the same bytes. Pages are asked of the
 * display list one at a time (dl_page()), and cairo's file goes through
 * scratch files, not memory, on its way to the target.
 */
#define _GNU_SOURCE /* O_TMPFILE, mkostemp */
#include "write_cairo.h"

#include <assert.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "pdf_pack.h"
#include "pdf_tag.h"
#include "write_cairo_glyphs.h"

static cairo_status_t write_stream(void *closure, const unsigned char *data,
				   unsigned int length)
{
	struct output *o = closure;
	if (o->failed)
		return CAIRO_STATUS_WRITE_ERROR;
	if (fwrite(data, 1, length, o->fp) != length) {
		o->failed = true;
		o->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* cairo writes into a scratch file first: the file gets an incremental
 * update (pdf_tag.c) and is packed (pdf_pack.c) before it is handed on,
 * each read back as needed: a long document's PDF is never all in
 * memory. The scratch files are beside the target when there is one
 * (tmpfile() else) and have no name: O_TMPFILE makes them unnamed, so
 * that a render killed at any moment leaves nothing behind; where the
 * file system cannot, a named file is unlinked at once. */
struct scratch {
	FILE *fp;
	size_t len;
	int err; /* errno of the first failed write, or 0 */
	/* cairo hands its file over in pieces of a few bytes (16.500 calls
	 * for a 3-page agenda, whose page content cairo leaves plain): they
	 * are gathered here and written SCRATCH_HOLD bytes at a time, not
	 * with an fwrite() of 130 instructions each. */
	char *held;
	size_t n_held;
};

#define SCRATCH_HOLD ((size_t)1 << 16)

static bool scratch_open(struct scratch *sc, const char *near)
{
	*sc = (struct scratch){ NULL, 0, 0, NULL, 0 };
	if (near) {
		char *dir = g_path_get_dirname(near);
		int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
		if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR ||
			       errno == EINVAL)) {
			char *tmpl = g_build_filename(
				dir, ".dossier-scratch-XXXXXX", NULL);
			fd = mkostemp(tmpl, O_CLOEXEC);
			if (fd >= 0)
				unlink(tmpl);
			g_free(tmpl);
		}
		if (fd >= 0) {
			sc->fp = fdopen(fd, "w+b");
			if (!sc->fp)
				close(fd);
		}
		g_free(dir);
	} else {
		sc->fp = tmpfile();
	}
	if (!sc->fp)
		sc->err = errno ? errno : EIO;
	return sc->fp != NULL;
}

/* What is held onto the file; false (and sc->err) when it fails. */
static bool scratch_flush(struct scratch *sc)
{
	if (!sc->err && sc->n_held &&
	    fwrite(sc->held, 1, sc->n_held, sc->fp) != sc->n_held)
		sc->err = errno ? errno : EIO;
	sc->n_held = 0;
	return !sc->err;
}

static void scratch_close(struct scratch *sc)
{
	if (sc->fp)
		fclose(sc->fp);
	free(sc->held);
}

static cairo_status_t scratch_stream(void *closure, const unsigned char *data,
				     unsigned int length)
{
	struct scratch *sc = closure;
	if (sc->err)
		return CAIRO_STATUS_WRITE_ERROR;
	if (!sc->held)
		sc->held = xrealloc_array(NULL, SCRATCH_HOLD, 1);
	if (sc->n_held + length > SCRATCH_HOLD && !scratch_flush(sc))
		return CAIRO_STATUS_WRITE_ERROR;
	if (length >= SCRATCH_HOLD) {
		if (fwrite(data, 1, length, sc->fp) != length) {
			sc->err = errno ? errno : EIO;
			return CAIRO_STATUS_WRITE_ERROR;
		}
	} else {
		memcpy(sc->held + sc->n_held, data, length);
		sc->n_held += length;
	}
	sc->len += length;
	return CAIRO_STATUS_SUCCESS;
}

/* The scratch file's bytes handed to write, a piece at a time. */
static cairo_status_t scratch_copy(struct scratch *sc, cairo_write_func_t write,
				   void *closure)
{
	unsigned char buf[1 << 16];
	if (fflush(sc->fp) != 0) {
		sc->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	for (size_t at = 0; at < sc->len;) {
		size_t want = sc->len - at < sizeof buf ? sc->len - at :
							   sizeof buf;
		ssize_t got = pread(fileno(sc->fp), buf, want, (off_t)at);
		if (got <= 0) {
			sc->err = got < 0 && errno ? errno : EIO;
			return CAIRO_STATUS_READ_ERROR;
		}
		cairo_status_t st = write(closure, buf, (unsigned)got);
		if (st != CAIRO_STATUS_SUCCESS)
			return st;
		at += (size_t)got;
	}
	return CAIRO_STATUS_SUCCESS;
}

/*
 * Structure. cairo 1.16 turns a tag of a standard structure type into
 * a structure element and marks what is drawn inside it, but it cannot
 * continue an element on another page, give one attributes or mark an
 * artifact. So the marks of each display-list element are drawn inside
 * a flat "Span" tag (one at a time, closed at the end of each page), the
 * marks of no element outside every tag, and each tag begun is noted
 * with its element; pdf_tag.c turns that into the structure tree, the
 * roles and the artifacts. Each link drawn is noted with its page and
 * the tags begun on it before it, so that its annotation finds its
 * element.
 */
struct tagger {
	cairo_t *cr;
	int open;      /* the element tagged now, or DL_ARTIFACT */
	size_t page;
	size_t tags;   /* begun on this page */
	struct pdf_tag_marks marks;
	struct pdf_tag_link *links;
	size_t n_links, cap_links;
};

static void tag_close(struct tagger *t)
{
	if (t->open != DL_ARTIFACT) {
		cairo_tag_end(t->cr, "Span");
		t->open = DL_ARTIFACT;
	}
}

/* A link drawn: its annotation is the next of its page. Its address
 * copied: an item lasts until the next page is made, and what made the
 * pages goes before pdf_tag() reads the links (dl_drawn()). */
static void note_link(struct tagger *t, const struct dl_item *it)
{
	ARRAY_GROW(t->links, t->n_links, t->cap_links);
	t->links[t->n_links++] = (struct pdf_tag_link){
		t->page, it->elem, it->uri ? g_strdup(it->uri) : NULL,
		it->dest_page, t->tags };
}

static void free_links(struct tagger *t)
{
	for (size_t i = 0; i < t->n_links; i++)
		g_free((char *)t->links[i].uri);
	free(t->links);
}

static void tag_item(struct tagger *t, const struct dl_item *it)
{
	if (it->elem == t->open)
		return;
	tag_close(t);
	if (it->elem == DL_ARTIFACT)
		return;
	struct pdf_tag_marks *m = &t->marks;
	ARRAY_GROW(m->v, m->n, m->cap);
	m->v[m->n++] = (struct pdf_tag_mark){ t->page, it->elem };
	cairo_tag_begin(t->cr, "Span", "");
	t->open = it->elem;
	t->tags++;
}

/* Diagonal lines over the current path, clipped to it; the path stays. */
static void hatch(cairo_t *cr, const struct dl_path *p)
{
	double x0, y0, x1, y1;
	cairo_save(cr);
	cairo_clip_preserve(cr);
	cairo_path_t *path = cairo_copy_path(cr);
	cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
	cairo_new_path(cr);
	double h = y1 - y0;
	for (double x = x0 - h; x < x1; x += p->hatch_pt) {
		cairo_move_to(cr, x, y1);
		cairo_line_to(cr, x + h, y0);
	}
	cairo_set_source_rgb(cr, p->hatch_rgb[0], p->hatch_rgb[1],
			     p->hatch_rgb[2]);
	cairo_set_line_width(cr, p->hatch_rule_pt);
	cairo_stroke(cr);
	cairo_restore(cr);
	cairo_new_path(cr);
	cairo_append_path(cr, path);
	cairo_path_destroy(path);
}

static void draw_path(cairo_t *cr, const struct dl_item *it)
{
	const struct dl_path *p = it->path;
	cairo_save(cr);
	cairo_translate(cr, it->x, it->y);
	cairo_new_path(cr);
	if (p->radius > 0) {
		cairo_arc(cr, p->xy[0], p->xy[1], p->radius, 0, 2 * G_PI);
	} else {
		for (size_t i = 0; i < p->n; i++)
			cairo_line_to(cr, p->xy[2 * i], p->xy[2 * i + 1]);
		if (p->closed)
			cairo_close_path(cr);
	}
	if (p->fill) {
		cairo_set_source_rgb(cr, p->fill_rgb[0], p->fill_rgb[1],
				     p->fill_rgb[2]);
		cairo_fill_preserve(cr);
	}
	if (p->fill && p->hatch_pt > 0)
		hatch(cr, p);
	if (p->stroke_pt > 0) {
		cairo_set_source_rgb(cr, p->stroke_rgb[0], p->stroke_rgb[1],
				     p->stroke_rgb[2]);
		cairo_set_line_width(cr, p->stroke_pt);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_set_dash(cr, p->dash_pt, p->n_dash, 0);
		cairo_stroke(cr);
	}
	cairo_new_path(cr);
	cairo_restore(cr);
}

/* A line set with font expansion: its glyphs drawn that much wider by a
 * horizontal scale, as pdfTeX's expanded fonts are, at the positions
 * its advances give; the text behind them is unchanged. */
static void draw_expanded(cairo_t *cr, const struct dl_item *it,
			  const struct dl_run *run)
{
	double scale = 1 + it->expansion;
	cairo_save(cr);
	cairo_translate(cr, it->x, it->y);
	cairo_scale(cr, scale, 1);
	cairo_move_to(cr, 0, 0);
	write_show_glyph_item(cr, run->text, run->glyphs, scale);
	cairo_restore(cr);
}

static void draw_glyphs(cairo_t *cr, const struct dl_item *it)
{
	struct dl_run run;
	dl_run_start(&run, it);
	if (it->expansion != 0 && it->angle == 0) {
		draw_expanded(cr, it, &run);
		dl_run_done(&run);
		return;
	}
	if (it->angle == 0) {
		cairo_move_to(cr, it->x, it->y);
	} else {
		cairo_save(cr);
		cairo_translate(cr, it->x, it->y);
		cairo_rotate(cr, it->angle);
		cairo_move_to(cr, 0, 0);
	}
	write_show_glyph_item(cr, run.text, run.glyphs, 1);
	if (it->angle != 0)
		cairo_restore(cr);
	dl_run_done(&run);
}

/* uri='…' for cairo_tag_begin(), any length: its attribute parser reads
 * \\ as \ and \' as '. cairo before 1.17.6 writes the URI into the PDF
 * string as it is given, so a lone parenthesis or backslash would break
 * the file: those are escaped for the PDF first (later versions escape
 * it themselves). The URI is ASCII (compose_richtext.c's link_uri). */
static void add_uri_attr(struct strbuf *attr, const char *uri)
{
	strbuf_adds(attr, "uri='");
	for (const char *p = uri; *p; p++) {
#if CAIRO_VERSION < CAIRO_VERSION_ENCODE(1, 17, 6)
		if (*p == '(' || *p == ')' || *p == '\\')
			strbuf_adds(attr, "\\\\");
#endif
		if (*p == '\\' || *p == '\'')
			strbuf_addc(attr, '\\');
		strbuf_addc(attr, *p);
	}
	strbuf_addc(attr, '\'');
}

static void draw_page(cairo_t *cr, const struct dl_page *p,
		      struct tagger *t)
{
	for (size_t i = 0; i < p->n_items; i++) {
		const struct dl_item *it = &p->items[i];
		if (t && it->kind != DL_LINK)
			tag_item(t, it);
		switch (it->kind) {
		case DL_GLYPHS:
			cairo_set_source_rgb(cr, it->rgb[0], it->rgb[1],
					     it->rgb[2]);
			draw_glyphs(cr, it);
			break;
		case DL_RULE:
			cairo_set_source_rgb(cr, it->rgb[0], it->rgb[1],
					     it->rgb[2]);
			cairo_set_line_width(cr, it->h);
			cairo_move_to(cr, it->x, it->y);
			cairo_line_to(cr, it->x + it->w, it->y);
			cairo_stroke(cr);
			break;
		case DL_PATH:
			draw_path(cr, it);
			break;
		case DL_LINK: {
			struct strbuf attr = STRBUF_INIT;
			strbuf_addf(&attr, "rect=[%.2f %.2f %.2f %.2f] ",
				    it->x, it->y, it->w, it->h);
			if (it->uri)
				add_uri_attr(&attr, it->uri);
			else if (it->dest_page)
				strbuf_addf(&attr, "dest='p%d_y%.2f'",
					    it->dest_page, it->dest_y);
			if (it->uri || it->dest_page) {
				/* cairo marks the content of a structure tag
				 * only when no other tag is inside it: the
				 * link goes between the element's tags */
				if (t)
					tag_close(t);
				cairo_tag_begin(cr, CAIRO_TAG_LINK,
						strbuf_str(&attr));
				cairo_tag_end(cr, CAIRO_TAG_LINK);
				if (t)
					note_link(t, it);
			}
			strbuf_release(&attr);
			break;
		}
		}
	}
}

/* cairo 1.16 writes a link to a page it has not drawn yet ("page=N")
 * without a target; a named destination is resolved when the file is
 * finished. So every link target becomes a destination, named for its
 * page and place, drawn on its page. The targets are sorted by page once
 * (stable: in the order of their links), so that each page finds its own
 * without walking the whole document. */
struct dests {
	const struct dl_dest **links; /* by target page */
	size_t *first; /* page p's from first[p] up to first[p + 1] */
};

static void dests_sort(struct dests *ds, const struct display_list *dl)
{
	size_t n = 0;
	ds->first = xrealloc_array(NULL, dl->n_pages + 2, sizeof *ds->first);
	memset(ds->first, 0, (dl->n_pages + 2) * sizeof *ds->first);
	for (size_t i = 0; i < dl->n_dests; i++) {
		const struct dl_dest *d = &dl->dests[i];
		if (d->page >= 1 && (size_t)d->page <= dl->n_pages) {
			ds->first[d->page]++;
			n++;
		}
	}
	for (size_t p = 1; p <= dl->n_pages; p++)
		ds->first[p] += ds->first[p - 1];
	ds->first[dl->n_pages + 1] = n;
	ds->links = xrealloc_array(NULL, n ? n : 1, sizeof *ds->links);
	for (size_t i = dl->n_dests; i-- > 0;) {
		const struct dl_dest *d = &dl->dests[i];
		if (d->page >= 1 && (size_t)d->page <= dl->n_pages)
			ds->links[--ds->first[d->page]] = d;
	}
}

static void add_dests(cairo_t *cr, const struct dests *ds, int page)
{
	for (size_t k = ds->first[page]; k < ds->first[page + 1]; k++) {
		const struct dl_dest *d = ds->links[k];
		char attr[96];
		snprintf(attr, sizeof attr, "name='p%d_y%.2f' x=0 y=%.2f",
			 page, d->y, d->y);
		cairo_tag_begin(cr, CAIRO_TAG_DEST, attr);
		cairo_tag_end(cr, CAIRO_TAG_DEST);
	}
}

static void add_outline(cairo_surface_t *s, const struct display_list *dl)
{
	int parent[8] = { CAIRO_PDF_OUTLINE_ROOT };
	for (size_t i = 0; i < dl->n_outline; i++) {
		const struct dl_outline *o = &dl->outline[i];
		int level = o->level < 1 ? 1 : o->level > 7 ? 7 : o->level;
		char link[64];
		snprintf(link, sizeof link, "page=%d pos=[0 %.2f]", o->page,
			 o->y);
		int id = cairo_pdf_surface_add_outline(
			s, parent[level - 1], o->title, link,
			CAIRO_PDF_OUTLINE_FLAG_OPEN);
		parent[level] = id;
		for (int k = level + 1; k < 8; k++)
			parent[k] = id;
	}
}

static void set_metadata(cairo_surface_t *s, const struct display_list *dl)
{
	static const cairo_pdf_metadata_t keys[] = {
		CAIRO_PDF_METADATA_TITLE, CAIRO_PDF_METADATA_AUTHOR,
		CAIRO_PDF_METADATA_SUBJECT, CAIRO_PDF_METADATA_KEYWORDS,
		CAIRO_PDF_METADATA_CREATOR,
	};
	const char *values[] = { dl->title, dl->author, dl->subject,
				 dl->keywords, dl->creator };
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (values[i])
			cairo_pdf_surface_set_metadata(s, keys[i], values[i]);
	assert(dl->date.year); /* never the clock: the same bytes each time */
	char date[32];
	snprintf(date, sizeof date, "%04d-%02d-%02dT00:00:00Z", dl->date.year,
		 dl->date.month, dl->date.day);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
}

void write_cairo_init(void)
{
	/* cairo 1.16 reads it in cairo_pdf_surface_create*(): set, it
	 * compresses no stream it would have compressed by choice (fonts
	 * stay compressed). */
	setenv("CAIRO_DEBUG_PDF", "1", 1);
}

/* dl as a PDF into a cairo stream; the surface's final status, and in
 * *err the errno of a scratch file that could not be written (the
 * disk's failure, not cairo's). near: the target, beside which the
 * scratch files go, or NULL. */
static cairo_status_t render_pdf(const struct display_list *dl,
				 cairo_write_func_t write, void *closure,
				 const char *near, int *err)
{
	struct scratch raw, packed = { NULL, 0, 0, NULL, 0 };
	*err = 0;
	if (!scratch_open(&raw, near)) {
		*err = raw.err;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(
		scratch_stream, &raw, dl->width_pt, dl->height_pt);
	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	set_metadata(s, dl);
	cairo_t *cr = cairo_create(s);
	struct tagger t = { .cr = cr, .open = DL_ARTIFACT };
	struct dests ds;
	dests_sort(&ds, dl);
	for (size_t p = 0; p < dl->n_pages; p++) {
		t.page = p;
		t.tags = 0;
		add_dests(cr, &ds, (int)p + 1);
		draw_page(cr, dl_page(dl, p), &t);
		tag_close(&t);
		cairo_show_page(cr);
	}
	free(ds.links);
	free(ds.first);
	add_outline(s, dl);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	dl_drawn(dl);
	bool failed = false;
	if (st == CAIRO_STATUS_SUCCESS && scratch_flush(&raw) &&
	    !pdf_tag(raw.fp, &raw.len, dl, &t.marks, t.links, t.n_links,
		     &failed) && !failed)
		st = CAIRO_STATUS_TAG_ERROR; /* the structure could not be
						written: exit 70, not a disk */
	if (failed && !raw.err)
		raw.err = errno ? errno : EIO;
	free_links(&t);
	free(t.marks.v);
	/* Dictionaries into object streams: a third smaller. A file the
	 * packer does not understand is written as it is. */
	struct scratch *pdf = &raw;
	if (st == CAIRO_STATUS_SUCCESS && !raw.err && fflush(raw.fp) == 0 &&
	    scratch_open(&packed, near)) {
		bool pack_failed = false;
		if (pdf_pack_fd(fileno(raw.fp), raw.len, packed.fp, &packed.len,
				&pack_failed))
			pdf = &packed;
		else if (pack_failed)
			raw.err = errno ? errno : EIO;
	} else if (st == CAIRO_STATUS_SUCCESS && !raw.err) {
		raw.err = packed.err ? packed.err : errno ? errno : EIO;
	}
	if (raw.err) {
		*err = raw.err;
		st = CAIRO_STATUS_WRITE_ERROR;
	}
	if (st == CAIRO_STATUS_SUCCESS)
		st = scratch_copy(pdf, write, closure);
	if (pdf->err)
		*err = pdf->err;
	scratch_close(&packed);
	scratch_close(&raw);
	return st;
}

/* Rename o into place, or report why not: a failed write (write_stream
 * saw it) is the disk's, exit 73 from output_commit(); any other status
 * is cairo's own failure, exit 70, and never called a disk error. */
static bool finish_output(struct output *o, cairo_status_t st,
			  const char *writer, struct diags *d)
{
	if (st == CAIRO_STATUS_SUCCESS || o->failed) {
		o->failed = o->failed || st != CAIRO_STATUS_SUCCESS;
		return output_commit(o, d);
	}
	output_abort(o);
	diag_error_status(d, EXIT_SOFTWARE, (struct srcpos){ o->path, 0, 0 },
			  "the %s writer failed: %s; the old file, if any, is "
			  "left as it was", writer, cairo_status_to_string(st));
	return false;
}

bool write_cairo_pdf(const struct display_list *dl, const char *path,
		     struct diags *d)
{
	struct output o;
	if (!output_open(&o, path, d))
		return false;
	int err;
	cairo_status_t st = render_pdf(dl, write_stream, &o, path, &err);
	if (err && !o.failed) {
		/* a scratch file beside it could not be written: the
		 * disk's failure, as the file's own would be */
		o.failed = true;
		o.err = err;
	}
	return finish_output(&o, st, "PDF", d);
}

/* The one page of a raster or SVG surface, scaled by k, on a white
 * ground: a page or chart pasted into a mail or slide must not be
 * transparent. */
static void draw_on_white(cairo_surface_t *s, const struct dl_page *page,
			  double k)
{
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, k, k);
	draw_page(cr, page, NULL);
	cairo_destroy(cr);
}

/* Page 1 as a PNG at 96 dpi on white, for the body of a mail and for file
 * browsers. */
bool write_cairo_png(const struct display_list *dl, const char *path,
		     struct diags *d)
{
	const double dpi = 96;
	struct output o;
	if (!dl->n_pages || !output_open(&o, path, d))
		return false;
	double scale = dpi / 72.0;
	cairo_surface_t *s = cairo_image_surface_create(
		CAIRO_FORMAT_RGB24, (int)(dl->width_pt * scale + 0.5),
		(int)(dl->height_pt * scale + 0.5));
	draw_on_white(s, dl_page(dl, 0), scale);
	cairo_status_t st = cairo_surface_write_to_png_stream(s, write_stream,
							      &o);
	cairo_surface_destroy(s);
	return finish_output(&o, st, "PNG", d);
}

bool write_cairo_pdf_stream(const struct display_list *dl,
			    cairo_write_func_t write, void *closure)
{
	int err;
	return render_pdf(dl, write, closure, NULL, &err) ==
	       CAIRO_STATUS_SUCCESS;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

bool write_cairo_chart(const struct display_list *dl, const char *path,
		       double png_width_px, struct diags *d)
{
	assert(dl->n_pages == 1);
	if (ends_with(path, ".pdf"))
		return write_cairo_pdf(dl, path, d);
	struct output o;
	if (!output_open(&o, path, d))
		return false;
	bool png = ends_with(path, ".png");
	double k = png ? png_width_px / dl->width_pt : 1;
	cairo_surface_t *s =
		png ? cairo_image_surface_create(
			      CAIRO_FORMAT_ARGB32, (int)lround(png_width_px),
			      (int)lround(dl->height_pt * k)) :
		      cairo_svg_surface_create_for_stream(
			      write_stream, &o, dl->width_pt, dl->height_pt);
	draw_on_white(s, dl_page(dl, 0), k);
	cairo_surface_flush(s);
	cairo_status_t st =
		png ? cairo_surface_write_to_png_stream(s, write_stream, &o) :
		      CAIRO_STATUS_SUCCESS;
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	return finish_output(&o, st, png ? "PNG" : "SVG", d);
}
