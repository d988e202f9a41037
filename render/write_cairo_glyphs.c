/*
 * write_cairo_glyphs.c — one glyph run handed to cairo, as pango's cairo
 * renderer hands it.
 *
 * Input: a cairo context with its current point at the run's origin, a
 * glyph run and the text it indexes into, and the horizontal scale it is
 * drawn at (font expansion; 1 otherwise). Output: the run drawn with
 * cairo_show_text_glyphs(), the glyphs and clusters the same numbers
 * pango_cairo_show_glyph_item() gives cairo (pangocairo-render.c, pango
 * 1.50: pango_cairo_renderer_draw_glyph_item and _show_text_glyphs), so
 * the PDF is the same byte for byte. pango gets there through its
 * renderer, a glyph item iterator that counts the characters of every
 * cluster and a copy of the run for an expanded line: a fifth of what
 * drawing a run costs. A run that renderer draws more for (a glyph
 * missing or empty, right to left, a font that is not cairo's, a
 * surface without text) is drawn by pango.
 */
#include "write_cairo_glyphs.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "arena.h"

/* Runs of up to this many glyphs are drawn from the stack. */
#define STACK_GLYPHS 256

/* A copy of gi whose advances are its own divided by scale, the rounding
 * carried on so that the glyphs drawn scaled land where gi has them. */
static PangoGlyphItem *unscaled_copy(const PangoGlyphItem *gi, double scale)
{
	PangoGlyphItem *c = pango_glyph_item_copy((PangoGlyphItem *)gi);
	long at = 0, was = 0;
	for (int g = 0; g < c->glyphs->num_glyphs; g++) {
		PangoGlyphGeometry *geo = &c->glyphs->glyphs[g].geometry;
		at += geo->width;
		long now = lround(at / scale);
		geo->width = (int)(now - was);
		geo->x_offset = (int)lround(geo->x_offset / scale);
		was = now;
	}
	return c;
}

static void show_by_pango(cairo_t *cr, const char *text,
			  const PangoGlyphItem *gi, double scale)
{
	if (scale == 1) {
		pango_cairo_show_glyph_item(cr, text, (PangoGlyphItem *)gi);
		return;
	}
	PangoGlyphItem *c = unscaled_copy(gi, scale);
	pango_cairo_show_glyph_item(cr, text, c);
	pango_glyph_item_free(c);
}

/* The scaled font of a run we draw ourselves; NULL when pango must. */
static cairo_scaled_font_t *plain_run(cairo_t *cr, const PangoGlyphItem *gi)
{
	const PangoItem *item = gi->item;
	const PangoGlyphString *gs = gi->glyphs;
	if (!item->analysis.font || !PANGO_IS_CAIRO_FONT(item->analysis.font) ||
	    (item->analysis.level & 1) || gs->num_glyphs <= 0 ||
	    !cairo_surface_has_show_text_glyphs(cairo_get_target(cr)))
		return NULL;
	for (int g = 0; g < gs->num_glyphs; g++) {
		PangoGlyph glyph = gs->glyphs[g].glyph;
		if (glyph == PANGO_GLYPH_EMPTY ||
		    (glyph & PANGO_GLYPH_UNKNOWN_FLAG))
			return NULL;
	}
	cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(
		PANGO_CAIRO_FONT(item->analysis.font));
	if (!sf || cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS)
		return NULL;
	return sf;
}

void write_show_glyph_item(cairo_t *cr, const char *text,
			   const PangoGlyphItem *gi, double scale)
{
	cairo_scaled_font_t *sf = plain_run(cr, gi);
	if (!sf) {
		show_by_pango(cr, text, gi, scale);
		return;
	}
	const PangoItem *item = gi->item;
	const PangoGlyphString *gs = gi->glyphs;
	int n = gs->num_glyphs;
	cairo_glyph_t stack_glyphs[STACK_GLYPHS];
	cairo_text_cluster_t stack_clusters[STACK_GLYPHS];
	cairo_glyph_t *glyphs = n > STACK_GLYPHS ?
		xrealloc_array(NULL, (size_t)n, sizeof *glyphs) : stack_glyphs;
	cairo_text_cluster_t *clusters = n > STACK_GLYPHS ?
		xrealloc_array(NULL, (size_t)n, sizeof *clusters) :
		stack_clusters;

	/* pango draws from the current point, read back from cairo. */
	bool had_point = cairo_has_current_point(cr);
	double base_x, base_y;
	cairo_get_current_point(cr, &base_x, &base_y);
	/* pango adds its x and y of 0 / PANGO_SCALE: a -0 becomes 0. */
	base_x += 0.0;
	base_y += 0.0;

	/* The glyphs where pango puts them: advances and offsets in pango
	 * units, summed as integers (for an expanded run, unscaled as
	 * unscaled_copy() does). */
	int x_position = 0;
	long at = 0, was = 0;
	for (int g = 0; g < n; g++) {
		const PangoGlyphInfo *info = &gs->glyphs[g];
		int width = info->geometry.width;
		int x_offset = info->geometry.x_offset;
		if (scale != 1) {
			at += width;
			long now = lround(at / scale);
			width = (int)(now - was);
			x_offset = (int)lround(x_offset / scale);
			was = now;
		}
		int y_offset = info->geometry.y_offset;
		glyphs[g].index = info->glyph;
		glyphs[g].x = base_x +
			      (double)(x_position + x_offset) / PANGO_SCALE;
		glyphs[g].y = y_offset == 0 ?
			      base_y : base_y + (double)y_offset / PANGO_SCALE;
		x_position += width;
	}

	/* The clusters as pango's glyph item iterator finds them, left to
	 * right: a glyph and those after it of no later cluster, and the
	 * bytes up to the next cluster's (the first from the item's start,
	 * the last to its end). */
	int n_clusters = 0;
	int start = item->offset;
	for (int g = 0; g < n;) {
		int cluster = gs->log_clusters[g], g0 = g;
		do
			g++;
		while (g < n && gs->log_clusters[g] <= cluster);
		int end = g == n ? item->offset + item->length :
				   item->offset + gs->log_clusters[g];
		clusters[n_clusters++] =
			(cairo_text_cluster_t){ end - start, g - g0 };
		start = end;
	}

	cairo_save(cr);
	cairo_set_scaled_font(cr, sf);
	cairo_show_text_glyphs(cr, text + item->offset, item->length, glyphs,
			       n, clusters, n_clusters, 0);
	cairo_restore(cr);
	if (had_point)
		cairo_move_to(cr, base_x, base_y);
	else
		cairo_new_path(cr);
	if (glyphs != stack_glyphs) {
		free(glyphs);
		free(clusters);
	}
}
