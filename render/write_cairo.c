/*
 * write_cairo.c — the cairo writer: display list → PDF (and a chart on
 * its own → SVG, PNG or PDF).
 *
 * Replays each page's glyph runs with pango_cairo_show_glyph_item, which
 * gives cairo the text behind the glyphs (so the PDF's text can be copied
 * and searched) and lets cairo embed font subsets. Adds rules, chart
 * paths, links,
 * the outline and the metadata; dates come from the document, never the
 * clock, so the same input gives the same bytes.
 */
#include "write_cairo.h"

#include <assert.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "pdf_pack.h"

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

/* cairo writes into memory first: the file gets an incremental update
 * (page labels, page mode) before it is written. */
static cairo_status_t buffer_stream(void *closure, const unsigned char *data,
				    unsigned int length)
{
	strbuf_add(closure, (const char *)data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* The PDF holds binary streams (NUL bytes too): search it by length. */
static const char *find_bytes(const char *from, const char *end,
			      const char *key)
{
	size_t n = strlen(key);
	for (const char *p = from; p + n <= end; p++)
		if (*p == *key && !memcmp(p, key, n))
			return p;
	return NULL;
}

static const char *find_last(const struct strbuf *sb, const char *key)
{
	size_t n = strlen(key);
	for (size_t i = sb->len >= n ? sb->len - n + 1 : 0; i-- > 0;)
		if (!memcmp(sb->buf + i, key, n))
			return sb->buf + i;
	return NULL;
}

/* The number after the last occurrence of key, or -1. */
static long last_number_after(const struct strbuf *sb, const char *key)
{
	const char *hit = find_last(sb, key);
	return hit ? strtol(hit + strlen(key), NULL, 10) : -1;
}

/* The charts' titles in the order their Figure elements are drawn. */
static size_t chart_titles(const struct display_list *dl, const char **out,
			   size_t max)
{
	size_t n = 0;
	const struct block *last = NULL;
	for (size_t p = 0; p < dl->n_pages; p++)
		for (size_t i = 0; i < dl->pages[p].n_items; i++) {
			const struct block *b = dl->pages[p].items[i].block;
			if (dl->pages[p].items[i].kind != DL_GLYPHS || !b ||
			    b->kind != BLOCK_CHART || b == last)
				continue;
			last = b;
			if (n < max)
				out[n] = b->chart->title.src;
			n++;
		}
	return n;
}

/* cairo 1.16 cannot give a structure element attributes, so each Figure
 * gets its chart's title as /Alt in the update: a new version of the
 * element's object. Written only when the Figures found are exactly the
 * charts drawn, one for one in document order. */
static void figure_alts(const struct strbuf *pdf, const struct display_list *dl,
			struct strbuf *objs, struct strbuf *xrefs)
{
	const char *s = strbuf_str(pdf), *stop = s + pdf->len;
	size_t n_fig = 0;
	for (const char *p = s; (p = find_bytes(p, stop, "/S /Figure")); p++)
		n_fig++;
	const char **titles = calloc(n_fig + 1, sizeof *titles);
	if (!titles)
		abort();
	if (!n_fig || chart_titles(dl, titles, n_fig) != n_fig) {
		free(titles);
		return;
	}
	size_t k = 0;
	for (const char *p = s; (p = find_bytes(p, stop, "/S /Figure")); p++) {
		const char *obj = p;
		while (obj > s && strncmp(obj, " 0 obj", 6))
			obj--;
		while (obj > s && obj[-1] != '\n')
			obj--;
		const char *open = find_bytes(obj, stop, "<<");
		const char *end = find_bytes(p, stop, "endobj");
		const char *close = end;
		while (close && close > open && strncmp(close, ">>", 2))
			close--;
		if (!open || !close) {
			k++;
			continue;
		}
		long num = strtol(obj, NULL, 10);
		strbuf_addf(xrefs, "%ld %zu\n", num, objs->len);
		strbuf_addf(objs, "%ld 0 obj\n", num);
		strbuf_add(objs, open, (size_t)(close - open));
		strbuf_adds(objs, "   /Alt <FEFF");
		glong len = 0;
		gunichar2 *u = g_utf8_to_utf16(titles[k] ? titles[k] : "", -1,
					       NULL, &len, NULL);
		for (glong i = 0; u && i < len; i++)
			strbuf_addf(objs, "%04X", (unsigned)u[i]);
		g_free(u);
		strbuf_adds(objs, ">\n>>\nendobj\n");
		k++;
	}
	free(titles);
}

/* cairo 1.16 has no API for /PageLabels nor /PageMode, so they are added
 * the way PDF allows changing a finished file (ISO 32000-1, 7.5.6): an
 * incremental update that writes a new version of the catalog. */
static bool add_catalog_update(struct strbuf *pdf,
			       const struct display_list *dl)
{
	long root = last_number_after(pdf, "/Root ");
	long info = last_number_after(pdf, "/Info ");
	long size = last_number_after(pdf, "/Size ");
	long prev = last_number_after(pdf, "startxref\n");
	if (root < 1 || size < 1 || prev < 1)
		return false;
	char head[32];
	snprintf(head, sizeof head, "\n%ld 0 obj", root);
	const char *s = strbuf_str(pdf), *stop = s + pdf->len;
	const char *obj = find_bytes(s, stop, head);
	const char *open = obj ? find_bytes(obj, stop, "<<") : NULL;
	const char *end = open ? find_bytes(open, stop, "endobj") : NULL;
	if (!end)
		return false;
	const char *close = end;
	while (close > open && strncmp(close, ">>", 2))
		close--;
	struct strbuf cat = STRBUF_INIT;
	strbuf_add(&cat, open, (size_t)(close - open));
	if (dl->n_outline)
		strbuf_adds(&cat, "   /PageMode /UseOutlines\n");
	/* The language screen readers speak the text in, and the title
	 * (not the file name) in the window. */
	/* cairo 1.16 says the file is tagged only when one element holds
	 * all others; ours are side by side. */
	if (!find_bytes(open, close, "/MarkInfo"))
		strbuf_adds(&cat, "   /MarkInfo << /Marked true >>\n");
	strbuf_adds(&cat, "   /Lang (nl-NL)\n"
		    "   /ViewerPreferences << /DisplayDocTitle true >>\n");
	if (dl->front_pages && dl->front_pages < dl->n_pages)
		strbuf_addf(&cat, "   /PageLabels << /Nums [ 0 << /S /r >> "
			    "%zu << /S /D >> ] >>\n", dl->front_pages);
	strbuf_adds(&cat, ">>");
	struct strbuf figs = STRBUF_INIT, xrefs = STRBUF_INIT;
	figure_alts(pdf, dl, &figs, &xrefs);
	size_t off = pdf->len;
	strbuf_addf(pdf, "%ld 0 obj\n%s\nendobj\n", root, strbuf_str(&cat));
	strbuf_release(&cat);
	size_t figs_at = pdf->len;
	strbuf_add(pdf, figs.buf ? figs.buf : "", figs.len);
	size_t xref = pdf->len;
	strbuf_addf(pdf, "xref\n%ld 1\n%010zu 00000 n \n", root, off);
	/* The figures' entries hold offsets from the start of their text. */
	for (const char *e = strbuf_str(&xrefs); *e;) {
		long num = strtol(e, (char **)&e, 10);
		size_t rel = (size_t)strtoull(e, (char **)&e, 10);
		while (*e == '\n')
			e++;
		strbuf_addf(pdf, "%ld 1\n%010zu 00000 n \n", num, figs_at + rel);
	}
	strbuf_release(&figs);
	strbuf_release(&xrefs);
	strbuf_addf(pdf, "trailer\n"
		    "<< /Size %ld\n   /Root %ld 0 R\n", size, root);
	if (info > 0)
		strbuf_addf(pdf, "   /Info %ld 0 R\n", info);
	strbuf_addf(pdf, "   /Prev %ld\n>>\nstartxref\n%zu\n%%%%EOF\n", prev,
		    xref);
	return true;
}

/*
 * Structure tags. cairo 1.16 turns any tag name but its own (Link, Dest)
 * into a structure element and marks what is drawn inside it, so a block
 * becomes H1..H3, P, LI (inside L), TOCI (inside TOC), Note, a Figure
 * (a chart: its labels are its text), or a TR of TDs inside a Table. cairo 1.16 cannot write /Artifact marked content:
 * running headers and footers are drawn outside every element, so they
 * are in no element of the structure tree and a reader that follows the
 * tree skips them. Rules carry no text and are drawn where they fall.
 */
struct tagger {
	cairo_t *cr;
	const char *open[3];      /* group, element, cell: NULL when closed */
	const struct block *block;
	const struct tline *row;
	int cell;
};

static void tag_close(struct tagger *t, int from)
{
	for (int k = 2; k >= from; k--)
		if (t->open[k]) {
			cairo_tag_end(t->cr, t->open[k]);
			t->open[k] = NULL;
		}
	if (from <= 1)
		t->block = NULL;
}

static void tag_open(struct tagger *t, int k, const char *name)
{
	cairo_tag_begin(t->cr, name, "");
	t->open[k] = name;
}

/* The group (or NULL), element and, for tables, cell tag of a block. */
static void block_roles(const struct block *b, const char **group,
			const char **elem, const char **cell)
{
	static const char *const h[] = { "H1", "H2", "H3" };
	*group = *cell = NULL;
	if (b->kind == BLOCK_CHART) {
		*elem = "Figure";
	} else if (b->kind == BLOCK_TABLE) {
		*group = "Table";
		*elem = "TR";
		*cell = "TD";
	} else if (b->toc_anchor) {
		*group = "TOC";
		*elem = "TOCI";
	} else if (b->outline_level) {
		*elem = h[b->outline_level > 3 ? 2 : b->outline_level - 1];
	} else if (b->style && !strcmp(b->style->name, "footnote")) {
		*elem = "Note";
	} else if (b->label && !b->label_style) {
		*group = "L";
		*elem = "LI";
	} else {
		*elem = "P";
	}
}

static void tag_item(struct tagger *t, const struct dl_item *it)
{
	if (it->artifact || !it->block) {
		tag_close(t, 0);
		return;
	}
	const char *group, *elem, *cell;
	block_roles(it->block, &group, &elem, &cell);
	bool new_block = it->block != t->block;
	if (t->open[0] != group || (new_block && group &&
				    !strcmp(group, "Table")))
		tag_close(t, 0);
	else if (new_block || (cell && it->row != t->row))
		tag_close(t, 1);
	else if (cell && it->cell != t->cell)
		tag_close(t, 2);
	if (group && !t->open[0])
		tag_open(t, 0, group);
	if (!t->open[1])
		tag_open(t, 1, elem);
	if (cell && !t->open[2])
		tag_open(t, 2, cell);
	t->block = it->block;
	t->row = it->row;
	t->cell = it->cell;
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

static void draw_glyphs(cairo_t *cr, const struct dl_item *it)
{
	struct dl_run run;
	dl_run_start(&run, it);
	if (it->angle == 0) {
		cairo_move_to(cr, it->x, it->y);
	} else {
		cairo_save(cr);
		cairo_translate(cr, it->x, it->y);
		cairo_rotate(cr, it->angle);
		cairo_move_to(cr, 0, 0);
	}
	pango_cairo_show_glyph_item(cr, run.text,
				    (PangoGlyphItem *)run.glyphs);
	if (it->angle != 0)
		cairo_restore(cr);
	dl_run_done(&run);
}

/* uri='…' for cairo_tag_begin(), any length: its attribute parser reads
 * \\ as \ and \' as '. cairo before 1.17.6 writes the URI into the PDF
 * string as it is given, so a lone parenthesis or backslash would break
 * the file: those are escaped for the PDF first (later versions escape
 * it themselves). The URI is ASCII (richtext.c's link_uri). */
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
		/* Rules carry no text: drawn in whatever element is open
		 * (a table's own rules inside the table). */
		if (t && it->kind == DL_GLYPHS)
			tag_item(t, it);
		switch (it->kind) {
		case DL_GLYPHS:
			cairo_set_source_rgb(cr, it->rgb[0], it->rgb[1],
					     it->rgb[2]);
			draw_glyphs(cr, it);
			break;
		case DL_RULE:
			cairo_set_source_rgb(cr, 0, 0, 0);
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
				cairo_tag_begin(cr, CAIRO_TAG_LINK,
						strbuf_str(&attr));
				cairo_tag_end(cr, CAIRO_TAG_LINK);
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
 * page and place, drawn on its page. */
static void add_dests(cairo_t *cr, const struct display_list *dl, int page)
{
	for (size_t p = 0; p < dl->n_pages; p++)
		for (size_t i = 0; i < dl->pages[p].n_items; i++) {
			const struct dl_item *it = &dl->pages[p].items[i];
			if (it->kind != DL_LINK || it->uri ||
			    it->dest_page != page)
				continue;
			char attr[96];
			snprintf(attr, sizeof attr,
				 "name='p%d_y%.2f' x=0 y=%.2f", page,
				 it->dest_y, it->dest_y);
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

/* dl as a PDF into a cairo stream; the surface's final status. */
static cairo_status_t render_pdf(const struct display_list *dl,
				 cairo_write_func_t write, void *closure)
{
	/* cairo writes into memory first: the file gets an incremental
	 * update (catalog, figures' /Alt) and is packed before it is
	 * handed on. */
	struct strbuf buf = STRBUF_INIT;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(
		buffer_stream, &buf, dl->width_pt, dl->height_pt);
	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	set_metadata(s, dl);
	cairo_t *cr = cairo_create(s);
	struct tagger t = { .cr = cr };
	for (size_t p = 0; p < dl->n_pages; p++) {
		add_dests(cr, dl, (int)p + 1);
		draw_page(cr, &dl->pages[p], &t);
		/* Elements could span pages, but the running footer, drawn
		 * outside every element, closes them on each page: a
		 * paragraph broken by the page is two P elements in a row. */
		if (p + 1 == dl->n_pages)
			tag_close(&t, 0);
		cairo_show_page(cr);
	}
	add_outline(s, dl);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st == CAIRO_STATUS_SUCCESS && !add_catalog_update(&buf, dl))
		st = CAIRO_STATUS_WRITE_ERROR;
	/* Dictionaries into object streams: a third smaller. A file the
	 * packer does not understand is written as it is. */
	struct strbuf packed = STRBUF_INIT;
	const struct strbuf *pdf =
		st == CAIRO_STATUS_SUCCESS && pdf_pack(buf.buf, buf.len, &packed) ?
			&packed : &buf;
	if (st == CAIRO_STATUS_SUCCESS)
		st = write(closure, (const unsigned char *)strbuf_str(pdf),
			   (unsigned)pdf->len);
	strbuf_release(&packed);
	strbuf_release(&buf);
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
	return finish_output(&o, render_pdf(dl, write_stream, &o), "PDF", d);
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
	draw_on_white(s, &dl->pages[0], scale);
	cairo_status_t st = cairo_surface_write_to_png_stream(s, write_stream,
							      &o);
	cairo_surface_destroy(s);
	return finish_output(&o, st, "PNG", d);
}

bool write_cairo_pdf_stream(const struct display_list *dl,
			    cairo_write_func_t write, void *closure)
{
	return render_pdf(dl, write, closure) == CAIRO_STATUS_SUCCESS;
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
	draw_on_white(s, &dl->pages[0], k);
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
