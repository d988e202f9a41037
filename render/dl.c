/*
 * dl.c — what the display list knows of itself: the names of its
 * structure roles, its pages, an element's place in the tree, and each
 * glyph run as the writers draw it.
 *
 * The writers draw each glyph run as dl_run_start() gives it: without the
 * soft hyphens inside its words.
 */
#include "dl.h"

#include <assert.h>
#include <string.h>

const char *dl_role_name(enum dl_role role)
{
	static const char *const names[] = {
		[DL_ROLE_H1] = "H1", [DL_ROLE_H2] = "H2", [DL_ROLE_H3] = "H3",
		[DL_ROLE_H4] = "H4", [DL_ROLE_H5] = "H5", [DL_ROLE_H6] = "H6",
		[DL_ROLE_P] = "P", [DL_ROLE_L] = "L", [DL_ROLE_LI] = "LI",
		[DL_ROLE_LBL] = "Lbl", [DL_ROLE_LBODY] = "LBody",
		[DL_ROLE_TOC] = "TOC", [DL_ROLE_TOCI] = "TOCI",
		[DL_ROLE_TABLE] = "Table", [DL_ROLE_TR] = "TR",
		[DL_ROLE_TH] = "TH", [DL_ROLE_TD] = "TD",
		[DL_ROLE_NOTE] = "Note", [DL_ROLE_REFERENCE] = "Reference",
		[DL_ROLE_LINK] = "Link", [DL_ROLE_FIGURE] = "Figure",
		[DL_ROLE_SPAN] = "Span",
	};
	assert((size_t)role < sizeof names / sizeof *names && names[role]);
	return names[role];
}

const struct dl_page *dl_page(const struct display_list *dl, size_t p)
{
	assert(p < dl->n_pages);
	return dl->pager ? dl->pager->page(dl->pager, p) : &dl->pages[p];
}

void dl_complete(const struct display_list *dl)
{
	for (size_t p = 0; dl->pager && !dl->pager->complete &&
			   p < dl->n_pages; p++)
		dl_page(dl, p);
}

void dl_drawn(const struct display_list *dl)
{
	if (dl->pager && dl->pager->drawn)
		dl->pager->drawn(dl->pager);
}

int dl_elem_path(const struct display_list *dl, int elem,
		 int path[DL_MAX_DEPTH])
{
	int n = 0;
	for (int e = elem; e != DL_ARTIFACT; e = dl->elems[e].parent) {
		assert(e >= 0 && (size_t)e < dl->n_elems && n < DL_MAX_DEPTH);
		/* a parent comes before its children: no cycle */
		assert(dl->elems[e].parent < e);
		path[n++] = e;
	}
	for (int i = 0; i < n / 2; i++) {
		int t = path[i];
		path[i] = path[n - 1 - i];
		path[n - 1 - i] = t;
	}
	return n;
}

/* The glyph run of a DL_GLYPHS item as the writers draw it: without the
 * soft hyphens inside its words. Each such hyphen is an empty glyph,
 * which cairo writes as a marked-content span with its ActualText: some
 * 45 bytes of content stream apiece, a fifth of a page, for nothing to
 * see; inside a ligature (f|f) it is part of the ligature's text, which
 * text extraction keeps (ef\u00ADfectieve). The soft hyphen that ends a
 * line shows a hyphen glyph and stays: it tells text extraction to join
 * the word. Made as each run is drawn and freed at once, so that a long
 * document holds no second copy of its text. */
void dl_run_start(struct dl_run *r, const struct dl_item *it)
{
	*r = (struct dl_run){ it->glyphs, it->text, NULL, NULL };
	const PangoGlyphItem *run = it->glyphs;
	int len = run->item->length;
	const char *from = it->text + run->item->offset;
	const char *c = memchr(from, 0xC2, (size_t)len);
	while (c && (c + 1 - from >= len || (unsigned char)c[1] != 0xAD))
		c = memchr(c + 1, 0xC2, (size_t)(len - (c + 1 - from)));
	if (!c)
		return;
	/* at[b]: where byte b goes, -1 for a soft hyphen that goes; first
	 * 1 for a byte a glyph that shows something stands for. */
	const PangoGlyphString *gs = run->glyphs;
	int *at = g_new0(int, len + 1);
	for (int g = 0; g < gs->num_glyphs; g++)
		if (gs->glyphs[g].glyph != PANGO_GLYPH_EMPTY ||
		    gs->glyphs[g].geometry.width != 0)
			at[gs->log_clusters[g]] = 1;
	char *own = g_malloc((size_t)len + 1);
	int n = 0;
	for (int b = 0; b < len; b++) {
		if ((unsigned char)from[b] == 0xC2 && b + 1 < len &&
		    (unsigned char)from[b + 1] == 0xAD && !at[b]) {
			at[b] = at[b + 1] = -1;
			b++;
		} else {
			at[b] = n;
			own[n++] = from[b];
		}
	}
	at[len] = n;
	if (n == len) {
		g_free(at);
		g_free(own);
		return;
	}
	PangoGlyphItem *cut = g_slice_new0(PangoGlyphItem);
	*cut = *run;
	cut->item = pango_item_copy(run->item);
	cut->item->offset = 0;
	cut->item->length = n;
	cut->item->num_chars -= (len - n) / 2; /* two bytes, one character */
	cut->glyphs = pango_glyph_string_new();
	pango_glyph_string_set_size(cut->glyphs, gs->num_glyphs);
	int k = 0;
	for (int g = 0; g < gs->num_glyphs; g++) {
		if (at[gs->log_clusters[g]] < 0)
			continue; /* the hyphen's own empty glyph */
		cut->glyphs->glyphs[k] = gs->glyphs[g];
		cut->glyphs->log_clusters[k++] = at[gs->log_clusters[g]];
	}
	cut->glyphs->num_glyphs = k;
	g_free(at);
	*r = (struct dl_run){ cut, own, cut, own };
}

void dl_run_done(struct dl_run *r)
{
	if (r->own)
		pango_glyph_item_free(r->own);
	g_free(r->own_text);
	*r = (struct dl_run){ 0 };
}
