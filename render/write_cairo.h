/*
 * write_cairo.h — the display list into a PDF with cairo.
 */
#ifndef DOSSIER_WRITE_CAIRO_H
#define DOSSIER_WRITE_CAIRO_H

#include <cairo.h>

#include "diag.h"
#include "dl.h"

/* Call once, before any thread starts (it sets cairo's CAIRO_DEBUG_PDF):
 * cairo then leaves its streams plain, and pdf_tag.c and pdf_pack.c
 * deflate them into the same bytes cairo would have written, without
 * cairo deflating each page's content for pdf_tag.c to inflate it again.
 * Without the call the PDF is the same, and costs some 3 M instructions
 * more. */
void write_cairo_init(void);

/* Write dl as a PDF at path (atomically). false with diags on failure. */
bool write_cairo_pdf(const struct display_list *dl, const char *path,
		     struct diags *d);
/* The same PDF through a cairo write function (the fuzzer keeps it in
 * memory). false when cairo or write failed. */
bool write_cairo_pdf_stream(const struct display_list *dl,
			    cairo_write_func_t write, void *closure);

/* Write page 1 of dl as a PNG at path (atomically). */
bool write_cairo_png(const struct display_list *dl, const char *path,
		     struct diags *d);
/* Write a one-page display list (a chart) as .svg, .png (png_width_px
 * wide) or .pdf, by the extension of path, atomically. */
bool write_cairo_chart(const struct display_list *dl, const char *path,
		       double png_width_px, struct diags *d);

#endif
