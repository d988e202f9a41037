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
#include <string.h>

#include "output.h"

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

static void draw_page(cairo_t *cr, const struct dl_page *p)
{
	for (size_t i = 0; i < p->n_items; i++) {
		const struct dl_item *it = &p->items[i];
		switch (it->kind) {
		case DL_GLYPHS:
			cairo_set_source_rgb(cr, it->rgb[0], it->rgb[1],
					     it->rgb[2]);
			if (it->angle == 0) {
				cairo_move_to(cr, it->x, it->y);
				pango_cairo_show_glyph_item(
					cr, it->text,
					(PangoGlyphItem *)it->glyphs);
				break;
			}
			cairo_save(cr);
			cairo_translate(cr, it->x, it->y);
			cairo_rotate(cr, it->angle);
			cairo_move_to(cr, 0, 0);
			pango_cairo_show_glyph_item(
				cr, it->text, (PangoGlyphItem *)it->glyphs);
			cairo_restore(cr);
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
			char attr[1024];
			if (it->uri && !strchr(it->uri, '\''))
				snprintf(attr, sizeof attr,
					 "rect=[%.2f %.2f %.2f %.2f] uri='%s'",
					 it->x, it->y, it->w, it->h, it->uri);
			else if (it->dest_page)
				snprintf(attr, sizeof attr,
					 "rect=[%.2f %.2f %.2f %.2f] "
					 "page=%d pos=[0 %.2f]",
					 it->x, it->y, it->w, it->h,
					 it->dest_page, it->dest_y);
			else
				break;
			cairo_tag_begin(cr, CAIRO_TAG_LINK, attr);
			cairo_tag_end(cr, CAIRO_TAG_LINK);
			break;
		}
		}
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
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(
		write, closure, dl->width_pt, dl->height_pt);
	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	set_metadata(s, dl);
	cairo_t *cr = cairo_create(s);
	/* One structure element around everything: without it cairo 1.16
	 * writes link annotations that point at an object it never writes,
	 * and the file's cross-reference table is damaged. */
	cairo_tag_begin(cr, "Document", "");
	for (size_t p = 0; p < dl->n_pages; p++) {
		draw_page(cr, &dl->pages[p]);
		if (p + 1 == dl->n_pages)
			cairo_tag_end(cr, "Document");
		cairo_show_page(cr);
	}
	if (!dl->n_pages)
		cairo_tag_end(cr, "Document");
	add_outline(s, dl);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	return st;
}

bool write_cairo_pdf(const struct display_list *dl, const char *path,
		     struct diags *d)
{
	struct output o;
	if (!output_open(&o, path, d))
		return false;
	if (render_pdf(dl, write_stream, &o) != CAIRO_STATUS_SUCCESS)
		o.failed = true;
	return output_commit(&o, d);
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
	cairo_t *cr = cairo_create(s);
	/* A white ground: a chart pasted into a mail or slide must not be
	 * transparent. */
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, k, k);
	draw_page(cr, &dl->pages[0]);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (png && cairo_surface_write_to_png_stream(s, write_stream, &o) !=
		   CAIRO_STATUS_SUCCESS)
		o.failed = true;
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		o.failed = true;
	cairo_surface_destroy(s);
	return output_commit(&o, d);
}
