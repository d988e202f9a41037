/*
 * write_haru.c — the libharu writer: display list → PDF/A-1a archive copy.
 *
 * libharu shows text by character codes; the display list holds pango's
 * glyph ids. So each font file is loaded with HPDF_LoadTTFontFromFile
 * (embedded, glyph ids kept) and bound by hand as a Type0 font, Identity-H:
 * each (glyph, text) pair is a CID, CIDToGIDMap gives its glyph, ToUnicode
 * the text cairo gets, CIDSet the CIDs the subset holds. The display
 * list's elements become the structure tree (libharu 2.3 has no marked
 * content): each element's marks are wrapped in its own marked content,
 * everything else in /Artifact. XMP, the output intent and a
 * content-derived /ID are built with the object API, around libharu 2.3's
 * PDF/A defects.
 */
#include "write_haru.h"

#include <assert.h>
#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <glib.h>
#include <hpdf.h>
#include <pango/pangocairo.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <math.h>
#include <pango/pangofc-font.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

/* One CID of a font: a glyph standing for a piece of text. */
struct haru_cid {
	unsigned gid;
	const char *text; /* UTF-8, may be "" */
};

struct haru_font {
	PangoFont *pango;
	const char *file;
	int index;
	HPDF_FontDef def;
	HPDF_Dict type0, cidfont;
	char name[16];      /* resource name, /F1 ... */
	struct haru_cid *cids; /* cids[0] is .notdef */
	size_t n_cids, cap_cids;
	GHashTable *by_key; /* "gid:text" → CID */
};

/* The structure tree while the pages are drawn (see haru_mark). */
struct haru_tags {
	HPDF_Dict root;
	HPDF_Dict doc;          /* the Document element around the rest */
	HPDF_Array root_kids;   /* the Document's kids */
	HPDF_Array nums;         /* the ParentTree's */
	int next_key;            /* of the ParentTree */
	struct haru_elem *elems; /* one per element of the display list */
	HPDF_Array page_parents; /* the page's MCIDs' elements, or NULL */
	int open;                /* the page's marked content: an element,
				    DL_ARTIFACT or HARU_MC_NONE */
};

struct haru {
	struct arena *arena;
	HPDF_Doc pdf;
	HPDF_STATUS error, detail;
	HPDF_Page *pages;
	struct haru_font *fonts;
	size_t n_fonts, cap_fonts;
	const struct display_list *dl;
	struct haru_tags tags;
};

static void haru_on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	struct haru *h = data;
	if (!h->error) {
		h->error = error;
		h->detail = detail;
	}
}

static HPDF_MMgr haru_mmgr(struct haru *h)
{
	return h->pdf->mmgr;
}

/* A text string as UTF-16BE with a byte order mark, as PDF wants text
 * outside ASCII. */
static HPDF_Binary haru_text_string(struct haru *h, const char *utf8)
{
	glong n = 0;
	gunichar2 *u = g_utf8_to_utf16(utf8 ? utf8 : "", -1, NULL, &n, NULL);
	size_t len = 2 + 2 * (size_t)(u ? n : 0);
	HPDF_BYTE *b = arena_alloc(h->arena, len);
	b[0] = 0xFE;
	b[1] = 0xFF;
	for (glong i = 0; u && i < n; i++) {
		b[2 + 2 * i] = (HPDF_BYTE)(u[i] >> 8);
		b[3 + 2 * i] = (HPDF_BYTE)(u[i] & 0xFF);
	}
	g_free(u);
	return HPDF_Binary_New(haru_mmgr(h), b, (HPDF_UINT)len);
}

static void haru_write(HPDF_Stream s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void haru_write(HPDF_Stream s, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	HPDF_Stream_Write(s, (const HPDF_BYTE *)strbuf_str(&sb),
			  (HPDF_UINT)sb.len);
	strbuf_release(&sb);
}

/* ------------------------------------------------------------------ */
/* fonts */

static struct haru_font *haru_font_new(struct haru *h, PangoFont *pf,
				       const char *file, int index)
{
	HPDF_Doc pdf = h->pdf;
	/* The "2" variant is for collections (.ttc) only. */
	const char *name = index ?
		HPDF_LoadTTFontFromFile2(pdf, file, (HPDF_UINT)index,
					 HPDF_TRUE) :
		HPDF_LoadTTFontFromFile(pdf, file, HPDF_TRUE);
	if (!name)
		return NULL;
	ARENA_GROW(h->arena, h->fonts, h->n_fonts, h->cap_fonts);
	struct haru_font *f = &h->fonts[h->n_fonts++];
	memset(f, 0, sizeof *f);
	/* held: pages made one at a time let go of their runs, and a
	 * font freed could be another at the same address */
	f->pango = g_object_ref(pf);
	f->file = arena_strdup(h->arena, file);
	f->index = index;
	f->def = HPDF_GetFontDef(pdf, name);
	snprintf(f->name, sizeof f->name, "F%zu", h->n_fonts);
	f->by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					  NULL);
	f->cap_cids = 64;
	f->cids = arena_array(h->arena, f->cap_cids, sizeof *f->cids);
	f->cids[0] = (struct haru_cid){ 0, "" };
	f->n_cids = 1;
	/* The dictionaries now, so pages can name the font; filled in when
	 * every glyph is known (haru_font_finish). */
	f->type0 = HPDF_Dict_New(haru_mmgr(h));
	HPDF_Xref_Add(pdf->xref, f->type0);
	f->cidfont = HPDF_Dict_New(haru_mmgr(h));
	HPDF_Xref_Add(pdf->xref, f->cidfont);
	return f;
}

static struct haru_font *haru_font_of(struct haru *h, PangoFont *pf)
{
	for (size_t i = 0; i < h->n_fonts; i++)
		if (h->fonts[i].pango == pf)
			return &h->fonts[i];
	FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(pf));
	FcChar8 *file = NULL;
	int index = 0;
	if (FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch)
		return NULL;
	FcPatternGetInteger(pat, FC_INDEX, 0, &index);
	/* Another size of a face already loaded shares its font. */
	for (size_t i = 0; i < h->n_fonts; i++)
		if (!strcmp(h->fonts[i].file, (const char *)file) &&
		    h->fonts[i].index == index)
			return &h->fonts[i];
	return haru_font_new(h, pf, (const char *)file, index);
}

/* Mark a glyph, and the glyphs a composite glyph is built of, as used so
 * that libharu embeds their outlines. */
static void haru_mark_glyph(struct haru_font *f, FT_Face face, unsigned gid,
			    int depth)
{
	HPDF_TTFontDefAttr attr = f->def->attr;
	if (gid >= attr->num_glyphs || depth > 8)
		return;
	attr->glyph_tbl.flgs[gid] = 1;
	if (!face || FT_Load_Glyph(face, gid, FT_LOAD_NO_RECURSE |
				   FT_LOAD_NO_SCALE) ||
	    face->glyph->format != FT_GLYPH_FORMAT_COMPOSITE)
		return;
	unsigned n = face->glyph->num_subglyphs;
	unsigned parts[64];
	if (n > 64)
		n = 64;
	for (unsigned k = 0; k < n; k++) {
		FT_Int idx;
		FT_UInt flags;
		FT_Int a1, a2;
		FT_Matrix m;
		FT_Get_SubGlyph_Info(face->glyph, k, &idx, &flags, &a1, &a2,
				     &m);
		parts[k] = (unsigned)idx;
	}
	for (unsigned k = 0; k < n; k++)
		haru_mark_glyph(f, face, parts[k], depth + 1);
}

/* The CID for glyph gid standing for text. */
static unsigned haru_cid(struct haru *h, struct haru_font *f, unsigned gid,
			 const char *text, size_t len)
{
	char *key = g_strdup_printf("%u:%.*s", gid, (int)len, text);
	gpointer v = g_hash_table_lookup(f->by_key, key);
	if (v) {
		g_free(key);
		return GPOINTER_TO_UINT(v);
	}
	ARENA_GROW(h->arena, f->cids, f->n_cids, f->cap_cids);
	unsigned cid = (unsigned)f->n_cids++;
	f->cids[cid] = (struct haru_cid){
		gid, arena_strndup(h->arena, text, len) };
	g_hash_table_insert(f->by_key, key, GUINT_TO_POINTER(cid));
	cairo_scaled_font_t *sf =
		pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(f->pango));
	FT_Face face = sf ? cairo_ft_scaled_font_lock_face(sf) : NULL;
	haru_mark_glyph(f, face, gid, 0);
	if (face)
		cairo_ft_scaled_font_unlock_face(sf);
	return cid;
}

/* ToUnicode: every CID to the text it stands for (UTF-16BE). */
static void haru_write_tounicode(struct haru_font *f, HPDF_Stream s)
{
	haru_write(s, "/CIDInit /ProcSet findresource begin\n"
		      "12 dict begin\nbegincmap\n"
		      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
		      "/Supplement 0 >> def\n"
		      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		      "1 begincodespacerange\n<0000> <ffff>\n"
		      "endcodespacerange\n");
	size_t first = 1;
	while (first < f->n_cids) {
		size_t n = f->n_cids - first > 100 ? 100 : f->n_cids - first;
		haru_write(s, "%zu beginbfchar\n", n);
		for (size_t c = first; c < first + n; c++) {
			const char *t = f->cids[c].text;
			glong len = 0;
			gunichar2 *u = g_utf8_to_utf16(*t ? t : "\xEF\xBF\xBD", -1,
						       NULL, &len, NULL);
			haru_write(s, "<%04zx> <", c);
			for (glong i = 0; u && i < len; i++)
				haru_write(s, "%04x", (unsigned)u[i]);
			if (!u || !len)
				haru_write(s, "fffd");
			haru_write(s, ">\n");
			g_free(u);
		}
		haru_write(s, "endbfchar\n");
		first += n;
	}
	haru_write(s, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
		      "end\nend\n");
}

static HPDF_Array haru_box(struct haru *h, HPDF_Box b)
{
	HPDF_Array a = HPDF_Array_New(haru_mmgr(h));
	HPDF_Array_AddReal(a, b.left);
	HPDF_Array_AddReal(a, b.bottom);
	HPDF_Array_AddReal(a, b.right);
	HPDF_Array_AddReal(a, b.top);
	return a;
}

/* A glyph with an outline that the subset does not hold yet, or 0. */
static unsigned haru_unused_glyph(const struct haru_font *f)
{
	HPDF_TTFontDefAttr attr = f->def->attr;
	unsigned scale = attr->header.index_to_loc_format == 0 ? 2 : 1;
	for (unsigned g = 1; g < attr->num_glyphs; g++)
		if (!attr->glyph_tbl.flgs[g] &&
		    attr->glyph_tbl.offsets[g + 1] > attr->glyph_tbl.offsets[g] &&
		    (attr->glyph_tbl.offsets[g + 1] -
		     attr->glyph_tbl.offsets[g]) * scale % 4096)
			return g;
	return 0;
}

/* The subset font program into s. libharu 2.3 builds it in a memory
 * stream of 4096-byte blocks and then seeks to each table; our unhinted
 * fonts have no 'prep', whose empty table starts where the program
 * ends, and a seek to the end of a stream that fills its last block
 * exactly fails (HPDF_MemStream_SeekFunc asks for a block not yet made):
 * one glyph set in about 2.000 of a font cannot be saved. Then one more
 * glyph, with a CID of its own so that CIDSet stays exact, moves the end,
 * and the program is written again. */
static void haru_font_program(struct haru *h, struct haru_font *f,
			      HPDF_Stream s)
{
	for (int tries = 0; tries < 4; tries++) {
		if (HPDF_TTFontDef_SaveFontData(f->def, s) == HPDF_OK ||
		    HPDF_GetError(h->pdf) != HPDF_INVALID_OBJECT)
			return;
		unsigned g = haru_unused_glyph(f);
		if (!g)
			return; /* the error stands; the writer reports it */
		HPDF_ResetError(h->pdf);
		HPDF_MemStream_FreeData(s);
		haru_cid(h, f, g, "", 0);
	}
}

/* Fill in the font's dictionaries and embed its glyphs. */
static void haru_font_finish(struct haru *h, struct haru_font *f)
{
	HPDF_MMgr mm = haru_mmgr(h);
	HPDF_Xref xref = h->pdf->xref;
	HPDF_FontDef def = f->def;
	char base[HPDF_LIMIT_MAX_NAME_LEN + 16];
	/* A subset's name starts with a tag of six capitals; derive it from
	 * the font's place in the document, not from the clock. */
	size_t k = (size_t)(f - h->fonts);
	snprintf(base, sizeof base, "AAAA%c%c+%.*s", 'A' + (int)(k / 26 % 26),
		 'A' + (int)(k % 26), (int)strcspn(def->base_font, ","),
		 def->base_font);

	HPDF_Dict fd = HPDF_Dict_New(mm);
	HPDF_Xref_Add(xref, fd);
	HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
	HPDF_Dict_AddName(fd, "FontName", base);
	HPDF_Dict_AddNumber(fd, "Flags", (HPDF_INT32)(HPDF_FONT_SYMBOLIC |
		(def->flags & (HPDF_FONT_ITALIC | HPDF_FONT_SERIF))));
	HPDF_Dict_Add(fd, "FontBBox", haru_box(h, def->font_bbox));
	HPDF_Dict_AddNumber(fd, "ItalicAngle", def->italic_angle);
	HPDF_Dict_AddNumber(fd, "Ascent", def->ascent);
	HPDF_Dict_AddNumber(fd, "Descent", def->descent);
	HPDF_Dict_AddNumber(fd, "CapHeight", def->cap_height);
	HPDF_Dict_AddNumber(fd, "StemV", def->stemv ? def->stemv : 80);
	HPDF_Dict file = HPDF_DictStream_New(mm, xref);
	file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	haru_font_program(h, f, file->stream);
	HPDF_Dict_AddNumber(file, "Length1",
		(HPDF_INT32)((HPDF_TTFontDefAttr)def->attr)->length1);
	HPDF_Dict_Add(fd, "FontFile2", file);

	/* CIDToGIDMap: two bytes a CID. */
	HPDF_Dict map = HPDF_DictStream_New(mm, xref);
	map->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	for (size_t c = 0; c < f->n_cids; c++) {
		HPDF_BYTE b[2] = { (HPDF_BYTE)(f->cids[c].gid >> 8),
				   (HPDF_BYTE)(f->cids[c].gid & 0xFF) };
		HPDF_Stream_Write(map->stream, b, 2);
	}

	/* CIDSet: the font is a subset, so PDF/A-1 (6.3.5) wants the CIDs
	 * its program holds, a bit each from the high bit of the first
	 * byte. Every CID 0..n_cids-1 maps to a glyph that is embedded
	 * (haru_mark_glyph; .notdef libharu always keeps), and no other. */
	HPDF_Dict set = HPDF_DictStream_New(mm, xref);
	set->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	size_t n_bytes = (f->n_cids + 7) / 8;
	HPDF_BYTE *bits = arena_alloc(h->arena, n_bytes);
	memset(bits, 0, n_bytes);
	for (size_t c = 0; c < f->n_cids; c++)
		bits[c / 8] |= (HPDF_BYTE)(0x80 >> (c % 8));
	HPDF_Stream_Write(set->stream, bits, (HPDF_UINT)n_bytes);
	HPDF_Dict_Add(fd, "CIDSet", set);

	/* Widths of every CID, from the embedded font's own metrics. */
	HPDF_Array w = HPDF_Array_New(mm);
	HPDF_Array_AddNumber(w, 0);
	HPDF_Array ws = HPDF_Array_New(mm);
	for (size_t c = 0; c < f->n_cids; c++)
		HPDF_Array_AddNumber(ws, HPDF_TTFontDef_GetGidWidth(def,
					 (HPDF_UINT16)f->cids[c].gid));
	HPDF_Array_Add(w, ws);

	HPDF_Dict cf = f->cidfont;
	HPDF_Dict_AddName(cf, "Type", "Font");
	HPDF_Dict_AddName(cf, "Subtype", "CIDFontType2");
	HPDF_Dict_AddName(cf, "BaseFont", base);
	HPDF_Dict si = HPDF_Dict_New(mm);
	HPDF_Dict_Add(si, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	HPDF_Dict_Add(si, "Ordering", HPDF_String_New(mm, "Identity", NULL));
	HPDF_Dict_AddNumber(si, "Supplement", 0);
	HPDF_Dict_Add(cf, "CIDSystemInfo", si);
	HPDF_Dict_Add(cf, "FontDescriptor", fd);
	HPDF_Dict_Add(cf, "W", w);
	HPDF_Dict_Add(cf, "CIDToGIDMap", map);

	HPDF_Dict tu = HPDF_DictStream_New(mm, xref);
	tu->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	haru_write_tounicode(f, tu->stream);

	HPDF_Dict t0 = f->type0;
	HPDF_Dict_AddName(t0, "Type", "Font");
	HPDF_Dict_AddName(t0, "Subtype", "Type0");
	HPDF_Dict_AddName(t0, "BaseFont", base);
	HPDF_Dict_AddName(t0, "Encoding", "Identity-H");
	HPDF_Array desc = HPDF_Array_New(mm);
	HPDF_Array_Add(desc, cf);
	HPDF_Dict_Add(t0, "DescendantFonts", desc);
	HPDF_Dict_Add(t0, "ToUnicode", tu);
}

/* ------------------------------------------------------------------ */
/* structure: the display list's elements as the structure tree */

/* No marked content open on the page. */
#define HARU_MC_NONE (-2)

/* A StructElem of the tree, made at its first mark (an element that
 * shows nothing is left out, as the cairo writer leaves it out). */
struct haru_elem {
	HPDF_Dict dict;
	HPDF_Array kids;
	HPDF_Page page; /* its /Pg: where its first mark is */
};

/* The StructTreeRoot and its ParentTree, before the first page. */
static void haru_tags_start(struct haru *h)
{
	HPDF_MMgr mm = haru_mmgr(h);
	struct haru_tags *t = &h->tags;
	t->elems = arena_array(h->arena, h->dl->n_elems + 1, sizeof *t->elems);
	memset(t->elems, 0, (h->dl->n_elems + 1) * sizeof *t->elems);
	t->root = HPDF_Dict_New(mm);
	HPDF_Xref_Add(h->pdf->xref, t->root);
	HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
	/* One Document element holds the others, as in the PDF. */
	t->doc = HPDF_Dict_New(mm);
	HPDF_Xref_Add(h->pdf->xref, t->doc);
	HPDF_Dict_AddName(t->doc, "Type", "StructElem");
	HPDF_Dict_AddName(t->doc, "S", "Document");
	HPDF_Dict_Add(t->doc, "P", t->root);
	HPDF_Dict_Add(t->doc, "Lang", HPDF_String_New(mm,
		      h->dl->lang ? h->dl->lang : "nl-NL", NULL));
	t->root_kids = HPDF_Array_New(mm);
	HPDF_Dict_Add(t->doc, "K", t->root_kids);
	HPDF_Dict_Add(t->root, "K", t->doc);
	HPDF_Dict tree = HPDF_Dict_New(mm);
	t->nums = HPDF_Array_New(mm);
	HPDF_Dict_Add(tree, "Nums", t->nums);
	HPDF_Dict_Add(t->root, "ParentTree", tree);
	HPDF_Dict_Add(h->pdf->catalog, "StructTreeRoot", t->root);
	HPDF_Dict mark = HPDF_Dict_New(mm);
	HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
	HPDF_Dict_Add(h->pdf->catalog, "MarkInfo", mark);
	HPDF_Dict_Add(h->pdf->catalog, "Lang", HPDF_String_New(mm,
		      h->dl->lang ? h->dl->lang : "nl-NL", NULL));
}

/* Element e's StructElem, made (with those around it) at its first
 * mark: appended to its parent's kids then, so that kids come in the
 * order they are drawn, which is reading order. */
static HPDF_Dict haru_elem_dict(struct haru *h, int e, HPDF_Page page)
{
	assert(e >= 0 && (size_t)e < h->dl->n_elems);
	struct haru_elem *he = &h->tags.elems[e];
	if (he->dict)
		return he->dict;
	const struct dl_elem *el = &h->dl->elems[e];
	HPDF_MMgr mm = haru_mmgr(h);
	HPDF_Dict parent = el->parent == DL_ARTIFACT ? h->tags.doc :
		haru_elem_dict(h, el->parent, page);
	HPDF_Dict d = HPDF_Dict_New(mm);
	HPDF_Xref_Add(h->pdf->xref, d);
	HPDF_Dict_AddName(d, "Type", "StructElem");
	HPDF_Dict_AddName(d, "S", dl_role_name(el->role));
	HPDF_Dict_Add(d, "P", parent);
	HPDF_Dict_Add(d, "Pg", page);
	if (el->alt)
		HPDF_Dict_Add(d, "Alt", haru_text_string(h, el->alt));
	if (el->lang)
		HPDF_Dict_Add(d, "Lang", HPDF_String_New(mm, el->lang, NULL));
	he->kids = HPDF_Array_New(mm);
	HPDF_Dict_Add(d, "K", he->kids);
	he->dict = d;
	he->page = page;
	HPDF_Array_Add(el->parent == DL_ARTIFACT ? h->tags.root_kids :
		       h->tags.elems[el->parent].kids, d);
	return d;
}

/* The next key of the ParentTree, for a page's marks or an annotation:
 * keys are taken in increasing order, so /Nums stays sorted. */
static int haru_parent_key(struct haru *h, void *value)
{
	int key = h->tags.next_key++;
	HPDF_Array_AddNumber(h->tags.nums, key);
	HPDF_Array_Add(h->tags.nums, value);
	return key;
}

/* Close the marked content open on the page, if any. */
static void haru_mark_end(struct haru *h, HPDF_Page page)
{
	if (h->tags.open != HARU_MC_NONE)
		haru_write(((HPDF_PageAttr)page->attr)->stream, "EMC\n");
	h->tags.open = HARU_MC_NONE;
}

/* Before an item that paints: its marks in element elem's marked
 * content (a new MCID, a kid of the element) or in an artifact. Items in
 * a row of the same element share one sequence. */
static void haru_mark(struct haru *h, HPDF_Page page, int elem)
{
	struct haru_tags *t = &h->tags;
	if (t->open == elem)
		return;
	haru_mark_end(h, page);
	HPDF_Stream s = ((HPDF_PageAttr)page->attr)->stream;
	t->open = elem;
	if (elem == DL_ARTIFACT) {
		haru_write(s, "/Artifact BMC\n");
		return;
	}
	HPDF_Dict d = haru_elem_dict(h, elem, page);
	if (!t->page_parents) {
		t->page_parents = HPDF_Array_New(haru_mmgr(h));
		HPDF_Dict_AddNumber(page, "StructParents",
				    haru_parent_key(h, t->page_parents));
	}
	int mcid = (int)HPDF_Array_Items(t->page_parents);
	HPDF_Array_Add(t->page_parents, d);
	struct haru_elem *he = &t->elems[elem];
	if (he->page == page) {
		HPDF_Array_AddNumber(he->kids, mcid);
	} else {
		HPDF_Dict mcr = HPDF_Dict_New(haru_mmgr(h));
		HPDF_Dict_AddName(mcr, "Type", "MCR");
		HPDF_Dict_Add(mcr, "Pg", page);
		HPDF_Dict_AddNumber(mcr, "MCID", mcid);
		HPDF_Array_Add(he->kids, mcr);
	}
	haru_write(s, "/%s <</MCID %d>> BDC\n",
		   dl_role_name(h->dl->elems[elem].role), mcid);
}

/* An annotation of an element: an object reference among its kids, and
 * the element as the annotation's /StructParent. */
static void haru_annot_elem(struct haru *h, HPDF_Page page, HPDF_Dict annot,
			    int elem)
{
	if (elem == DL_ARTIFACT)
		return;
	HPDF_Dict d = haru_elem_dict(h, elem, page);
	HPDF_Dict objr = HPDF_Dict_New(haru_mmgr(h));
	HPDF_Dict_AddName(objr, "Type", "OBJR");
	HPDF_Dict_Add(objr, "Obj", annot);
	HPDF_Dict_Add(objr, "Pg", page);
	HPDF_Array_Add(h->tags.elems[elem].kids, objr);
	HPDF_Dict_AddNumber(annot, "StructParent", haru_parent_key(h, d));
}

static void haru_tags_finish(struct haru *h)
{
	HPDF_Dict_AddNumber(h->tags.root, "ParentTreeNextKey",
			    h->tags.next_key);
}

/* ------------------------------------------------------------------ */
/* pages */

static void haru_use_font(struct haru *h, HPDF_Page page,
			  struct haru_font *f)
{
	HPDF_PageAttr attr = page->attr;
	if (!attr->fonts) {
		HPDF_Dict res = HPDF_Dict_GetItem(page, "Resources",
						  HPDF_OCLASS_DICT);
		attr->fonts = HPDF_Dict_New(haru_mmgr(h));
		HPDF_Dict_Add(res, "Font", attr->fonts);
	}
	if (!HPDF_Dict_GetItem(attr->fonts, f->name, HPDF_OCLASS_DICT))
		HPDF_Dict_Add(attr->fonts, f->name, f->type0);
}

/* Length in bytes of the cluster glyph i starts, or 0 when glyph i
 * continues the cluster of the glyph before it. */
static size_t haru_cluster_len(const PangoGlyphItem *gi, int i)
{
	const PangoGlyphString *gs = gi->glyphs;
	int c = gs->log_clusters[i];
	if (i > 0 && gs->log_clusters[i - 1] == c)
		return 0;
	int end = gi->item->length;
	for (int k = 0; k < gs->num_glyphs; k++)
		if (gs->log_clusters[k] > c && gs->log_clusters[k] < end)
			end = gs->log_clusters[k];
	return (size_t)(end - c);
}

static void haru_glyphs(struct haru *h, HPDF_Page page,
			const struct dl_item *it, const struct dl_run *run)
{
	const PangoGlyphItem *gi = run->glyphs;
	struct haru_font *f = haru_font_of(h, gi->item->analysis.font);
	if (!f)
		return;
	haru_use_font(h, page, f);
	/* The size is this run's own: fonts of one file share a haru_font. */
	cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(
		PANGO_CAIRO_FONT(gi->item->analysis.font));
	cairo_matrix_t fm;
	cairo_scaled_font_get_font_matrix(sf, &fm);
	double size = fm.xx;
	HPDF_Stream s = ((HPDF_PageAttr)page->attr)->stream;
	double H = h->dl->height_pt;
	const char *text = run->text + gi->item->offset;
	haru_write(s, "BT\n/%s %.4f Tf\n%.4f %.4f %.4f rg\n", f->name, size,
		   it->rgb[0], it->rgb[1], it->rgb[2]);
	/* Font expansion: the glyphs drawn wider by the text's horizontal
	 * scale (Tz, which HPDF_Page_SetHorizontalScalling sets), which
	 * widens their advances and the TJ adjustments between them too. */
	double scale = 1 + it->expansion;
	if (it->expansion != 0)
		haru_write(s, "%.4f Tz\n", 100 * scale);
	/* Glyphs are placed along the run's baseline, which a turned chart
	 * label turns (it->angle, as cairo_rotate() in the page's y-down
	 * space): gx along it, gy across it. */
	double c = cos(it->angle), sn = sin(it->angle);
	double x = 0;
	bool open = false;     /* inside a TJ array */
	size_t pending = 0;    /* text of an invisible glyph not yet shown */
	double pen_x = 0, pen_y = -1e9; /* where the next glyph would go */
	const PangoGlyphString *gs = gi->glyphs;
	for (int i = 0; i < gs->num_glyphs; i++) {
		const PangoGlyphInfo *g = &gs->glyphs[i];
		double adv = g->geometry.width / (double)PANGO_SCALE;
		double gx = x + g->geometry.x_offset / (double)PANGO_SCALE;
		double gy = g->geometry.y_offset / (double)PANGO_SCALE;
		size_t len = haru_cluster_len(gi, i);
		x += adv;
		/* An invisible glyph (the soft hyphen) hands its text on to
		 * the next glyph of its cluster (the hyphen drawn for it), as
		 * cairo does. */
		if (!len && pending)
			len = pending;
		if (g->glyph & PANGO_GLYPH_UNKNOWN_FLAG ||
		    g->glyph == PANGO_GLYPH_EMPTY) {
			pending = len;
			continue;
		}
		pending = 0;
		unsigned cid = haru_cid(h, f, g->glyph,
					text + gs->log_clusters[i], len);
		if (gy != pen_y || gx < pen_x - 50 || gx > pen_x + 50) {
			if (open)
				haru_write(s, "] TJ\n");
			double px = it->x + gx * c - gy * sn;
			double py = it->y + gx * sn + gy * c;
			if (it->angle == 0)
				haru_write(s, "1 0 0 1 %.4f %.4f Tm\n[", px,
					   H - py);
			else
				haru_write(s, "%.6f %.6f %.6f %.6f %.4f %.4f "
					   "Tm\n[", c, -sn, sn, c, px, H - py);
			open = true;
			pen_y = gy;
		} else if (gx != pen_x) {
			haru_write(s, " %.4f ",
				   (pen_x - gx) * 1000 / (size * scale));
		}
		haru_write(s, "<%04x>", cid);
		pen_x = gx + HPDF_TTFontDef_GetGidWidth(f->def,
					(HPDF_UINT16)g->glyph) * size * scale /
			     1000;
	}
	if (open)
		haru_write(s, "] TJ\n");
	if (it->expansion != 0) /* Tz outlives ET: the next run is unscaled */
		haru_write(s, "100 Tz\n");
	haru_write(s, "ET\n");
}

/* The path's outline (page coordinates), and its bounding box. */
static void haru_path_ops(HPDF_Stream s, const struct dl_item *it, double H,
			  double box[4])
{
	const struct dl_path *p = it->path;
	double ox = it->x, oy = it->y;
	if (p->radius > 0) {
		/* 0.5523: the handle length of a quarter circle. */
		double r = p->radius, k = 0.5523 * r;
		double cx = ox + p->xy[0], cy = H - (oy + p->xy[1]);
		haru_write(s, "%.4f %.4f m\n", cx + r, cy);
		haru_write(s, "%.4f %.4f %.4f %.4f %.4f %.4f c\n", cx + r,
			   cy + k, cx + k, cy + r, cx, cy + r);
		haru_write(s, "%.4f %.4f %.4f %.4f %.4f %.4f c\n", cx - k,
			   cy + r, cx - r, cy + k, cx - r, cy);
		haru_write(s, "%.4f %.4f %.4f %.4f %.4f %.4f c\n", cx - r,
			   cy - k, cx - k, cy - r, cx, cy - r);
		haru_write(s, "%.4f %.4f %.4f %.4f %.4f %.4f c\nh\n", cx + k,
			   cy - r, cx + r, cy - k, cx + r, cy);
		box[0] = cx - r, box[1] = cy - r, box[2] = cx + r,
		box[3] = cy + r;
		return;
	}
	box[0] = box[1] = 1e9;
	box[2] = box[3] = -1e9;
	for (size_t i = 0; i < p->n; i++) {
		double x = ox + p->xy[2 * i], y = H - (oy + p->xy[2 * i + 1]);
		haru_write(s, "%.4f %.4f %s\n", x, y, i ? "l" : "m");
		box[0] = x < box[0] ? x : box[0];
		box[1] = y < box[1] ? y : box[1];
		box[2] = x > box[2] ? x : box[2];
		box[3] = y > box[3] ? y : box[3];
	}
	if (p->closed)
		haru_write(s, "h\n");
}

/* A chart's shape: a polyline or polygon, or a circle, filled (and
 * hatched: diagonal lines clipped to it, as the cairo writer draws them)
 * and/or stroked. */
static void haru_path(struct haru *h, HPDF_Page page,
		      const struct dl_item *it)
{
	const struct dl_path *p = it->path;
	HPDF_Stream s = ((HPDF_PageAttr)page->attr)->stream;
	double H = h->dl->height_pt, box[4];
	haru_write(s, "q\n");
	if (p->fill) {
		haru_write(s, "%.4f %.4f %.4f rg\n", p->fill_rgb[0],
			   p->fill_rgb[1], p->fill_rgb[2]);
		haru_path_ops(s, it, H, box);
		haru_write(s, "f\n");
	}
	if (p->fill && p->hatch_pt > 0) {
		haru_write(s, "q\n");
		haru_path_ops(s, it, H, box);
		haru_write(s, "W n\n%.4f %.4f %.4f RG\n%.4f w\n",
			   p->hatch_rgb[0], p->hatch_rgb[1], p->hatch_rgb[2],
			   p->hatch_rule_pt);
		/* From bottom left to top right, as cairo's in y-down space
		 * go from (x, y1) to (x + h, y0). */
		double ht = box[3] - box[1];
		for (double x = box[0] - ht; x < box[2]; x += p->hatch_pt)
			haru_write(s, "%.4f %.4f m %.4f %.4f l\n", x, box[1],
				   x + ht, box[3]);
		haru_write(s, "S\nQ\n");
	}
	if (p->stroke_pt > 0) {
		haru_write(s, "%.4f %.4f %.4f RG\n%.4f w\n1 j\n[",
			   p->stroke_rgb[0], p->stroke_rgb[1],
			   p->stroke_rgb[2], p->stroke_pt);
		for (int k = 0; k < p->n_dash; k++)
			haru_write(s, "%s%.4f", k ? " " : "", p->dash_pt[k]);
		haru_write(s, "] 0 d\n");
		haru_path_ops(s, it, H, box);
		haru_write(s, "S\n");
	}
	haru_write(s, "Q\n");
}

static void haru_rule(struct haru *h, HPDF_Page page,
		      const struct dl_item *it)
{
	HPDF_Stream s = ((HPDF_PageAttr)page->attr)->stream;
	double H = h->dl->height_pt;
	haru_write(s, "%.4f %.4f %.4f RG\n%.4f w\n%.4f %.4f m\n%.4f %.4f l\nS\n",
		   it->rgb[0], it->rgb[1], it->rgb[2], it->h, it->x, H - it->y,
		   it->x + it->w, H - it->y);
}

/* [page /XYZ 0 top null]: stay at the zoom the reader chose. */
static HPDF_Destination haru_dest(struct haru *h, int page, double y)
{
	if (page < 1 || (size_t)page > h->dl->n_pages)
		return NULL;
	HPDF_Page target = h->pages[page - 1];
	HPDF_Destination d = HPDF_Page_CreateDestination(target);
	HPDF_Array_Clear(d);
	HPDF_Array_Add(d, target);
	HPDF_Array_AddName(d, "XYZ");
	HPDF_Array_AddNumber(d, 0);
	HPDF_Array_AddReal(d, (HPDF_REAL)(h->dl->height_pt - y));
	HPDF_Array_Add(d, HPDF_Null_New(haru_mmgr(h)));
	return d;
}

static void haru_link(struct haru *h, HPDF_Page page,
		      const struct dl_item *it)
{
	double H = h->dl->height_pt;
	HPDF_Rect r = { (HPDF_REAL)it->x, (HPDF_REAL)(H - it->y - it->h),
			(HPDF_REAL)(it->x + it->w), (HPDF_REAL)(H - it->y) };
	HPDF_Annotation a = NULL;
	if (it->uri)
		a = HPDF_Page_CreateURILinkAnnot(page, r, it->uri);
	else if (it->dest_page)
		a = HPDF_Page_CreateLinkAnnot(page, r,
					      haru_dest(h, it->dest_page,
							it->dest_y));
	if (!a)
		return;
	HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	/* PDF/A: every annotation is printed (flag 4), none hidden. */
	HPDF_Dict_AddNumber(a, "F", 4);
	haru_annot_elem(h, page, a, it->elem);
}

static void haru_page(struct haru *h, size_t p)
{
	const struct dl_page *dp = dl_page(h->dl, p);
	HPDF_Page page = h->pages[p];
	h->tags.page_parents = NULL;
	h->tags.open = HARU_MC_NONE;
	for (size_t i = 0; i < dp->n_items; i++) {
		const struct dl_item *it = &dp->items[i];
		/* Whatever paints is in its element or an artifact; a link
		 * paints nothing. */
		if (it->kind != DL_LINK)
			haru_mark(h, page, it->elem);
		switch (it->kind) {
		case DL_GLYPHS: {
			struct dl_run run;
			dl_run_start(&run, it);
			haru_glyphs(h, page, it, &run);
			dl_run_done(&run);
			break;
		}
		case DL_RULE:
			haru_rule(h, page, it);
			break;
		case DL_PATH:
			haru_path(h, page, it);
			break;
		case DL_LINK:
			haru_link(h, page, it);
			break;
		}
	}
	haru_mark_end(h, page);
}

/* ------------------------------------------------------------------ */
/* document: outline, metadata, output intent */

static void haru_outline(struct haru *h)
{
	const struct display_list *dl = h->dl;
	HPDF_Outline parent[8] = { NULL };
	for (size_t i = 0; i < dl->n_outline; i++) {
		const struct dl_outline *o = &dl->outline[i];
		int level = o->level < 1 ? 1 : o->level > 7 ? 7 : o->level;
		HPDF_Outline ol = HPDF_CreateOutline(h->pdf, parent[level - 1],
						     "", NULL);
		if (!ol)
			return;
		HPDF_Dict_Add(ol, "Title", haru_text_string(h, o->title));
		HPDF_Outline_SetOpened(ol, HPDF_TRUE);
		HPDF_Destination d = haru_dest(h, o->page, o->y);
		if (d)
			HPDF_Outline_SetDestination(ol, d);
		for (int k = level; k < 8; k++)
			parent[k] = ol;
	}
	if (dl->n_outline)
		HPDF_SetPageMode(h->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

static void haru_xml_escaped(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': strbuf_adds(sb, "&lt;"); break;
		case '>': strbuf_adds(sb, "&gt;"); break;
		case '&': strbuf_adds(sb, "&amp;"); break;
		case '"': strbuf_adds(sb, "&quot;"); break;
		default: strbuf_addc(sb, *s);
		}
	}
}

static const char *haru_producer(void)
{
	return "dossier " DOSSIER_VERSION " with libharu " HPDF_VERSION_TEXT;
}

/* The XMP packet: the document information again, as PDF/A-1 wants it
 * (6.7.3: the same title, author, dates as the Info dictionary), its
 * language, and the PDF/A identification: part 1, level A (tagged). */
static void haru_xmp(struct haru *h, const char *date)
{
	const struct display_list *dl = h->dl;
	struct strbuf x = STRBUF_INIT;
	strbuf_adds(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" "
		    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/"
		    "22-rdf-syntax-ns#\">\n"
		    "<rdf:Description rdf:about=\"\" "
		    "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
		    "<pdfaid:part>1</pdfaid:part>\n"
		    "<pdfaid:conformance>A</pdfaid:conformance>\n"
		    "</rdf:Description>\n"
		    "<rdf:Description rdf:about=\"\" "
		    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
		    "<dc:format>application/pdf</dc:format>\n"
		    "<dc:language><rdf:Bag><rdf:li>");
	haru_xml_escaped(&x, dl->lang ? dl->lang : "nl-NL");
	strbuf_adds(&x, "</rdf:li></rdf:Bag></dc:language>\n"
		    "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	haru_xml_escaped(&x, dl->title);
	strbuf_adds(&x, "</rdf:li></rdf:Alt></dc:title>\n"
		    "<dc:creator><rdf:Seq><rdf:li>");
	haru_xml_escaped(&x, dl->author);
	strbuf_adds(&x, "</rdf:li></rdf:Seq></dc:creator>\n"
		    "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	haru_xml_escaped(&x, dl->subject);
	strbuf_adds(&x, "</rdf:li></rdf:Alt></dc:description>\n"
		    "</rdf:Description>\n"
		    "<rdf:Description rdf:about=\"\" "
		    "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
		    "<pdf:Keywords>");
	haru_xml_escaped(&x, dl->keywords);
	strbuf_adds(&x, "</pdf:Keywords>\n<pdf:Producer>");
	haru_xml_escaped(&x, haru_producer());
	strbuf_adds(&x, "</pdf:Producer>\n</rdf:Description>\n"
		    "<rdf:Description rdf:about=\"\" "
		    "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
		    "<xmp:CreatorTool>");
	haru_xml_escaped(&x, dl->creator);
	strbuf_addf(&x, "</xmp:CreatorTool>\n"
		    "<xmp:CreateDate>%s</xmp:CreateDate>\n"
		    "<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
		    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n", date, date);
	for (int i = 0; i < 20; i++)
		strbuf_adds(&x, "                                                  "
			    "                                                 \n");
	strbuf_adds(&x, "<?xpacket end=\"w\"?>");
	/* Not compressed: PDF/A-1 wants the metadata readable as it is. */
	HPDF_Dict m = HPDF_DictStream_New(haru_mmgr(h), h->pdf->xref);
	HPDF_Dict_AddName(m, "Type", "Metadata");
	HPDF_Dict_AddName(m, "Subtype", "XML");
	HPDF_Stream_Write(m->stream, (const HPDF_BYTE *)strbuf_str(&x),
			  (HPDF_UINT)x.len);
	strbuf_release(&x);
	HPDF_Dict_Add(h->pdf->catalog, "Metadata", m);
}

static void haru_info(struct haru *h, const char *pdf_date)
{
	const struct display_list *dl = h->dl;
	HPDF_Doc pdf = h->pdf;
	/* Makes libharu create the Info dictionary; the values are then
	 * replaced by text strings that hold any character. */
	HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, "-");
	HPDF_Dict info = pdf->info;
	HPDF_MMgr mm = haru_mmgr(h);
	HPDF_Dict_Add(info, "Title", haru_text_string(h, dl->title));
	HPDF_Dict_Add(info, "Author", haru_text_string(h, dl->author));
	HPDF_Dict_Add(info, "Subject", haru_text_string(h, dl->subject));
	HPDF_Dict_Add(info, "Keywords", haru_text_string(h, dl->keywords));
	HPDF_Dict_Add(info, "Creator", haru_text_string(h, dl->creator));
	HPDF_Dict_Add(info, "Producer", haru_text_string(h, haru_producer()));
	HPDF_Dict_Add(info, "CreationDate", HPDF_String_New(mm, pdf_date, NULL));
	HPDF_Dict_Add(info, "ModDate", HPDF_String_New(mm, pdf_date, NULL));
}

/* An OutputIntent with exactly the keys of PDF/A-1 (ISO 19005-1, 6.2.2);
 * libharu's own writes "DestOutputProfile " with a trailing space. */
static bool haru_output_intent(struct haru *h, const char *icc_path,
			       struct diags *d)
{
	gchar *icc = NULL;
	gsize len = 0;
	if (!g_file_get_contents(icc_path, &icc, &len, NULL) || len < 132) {
		g_free(icc);
		diag_error_status(d, EXIT_NOINPUT, (struct srcpos){ icc_path, 0, 0 },
				  "cannot read the sRGB colour profile the "
				  "archive copy needs (Debian package "
				  "icc-profiles-free)");
		return false;
	}
	HPDF_MMgr mm = haru_mmgr(h);
	HPDF_Dict prof = HPDF_DictStream_New(mm, h->pdf->xref);
	prof->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddNumber(prof, "N", 3);
	HPDF_Stream_Write(prof->stream, (const HPDF_BYTE *)icc, (HPDF_UINT)len);
	g_free(icc);
	HPDF_Dict oi = HPDF_Dict_New(mm);
	HPDF_Xref_Add(h->pdf->xref, oi);
	HPDF_Dict_AddName(oi, "Type", "OutputIntent");
	HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
	HPDF_Dict_Add(oi, "OutputConditionIdentifier",
		      HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(oi, "RegistryName",
		      HPDF_String_New(mm, "http://www.color.org", NULL));
	HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1",
						  NULL));
	HPDF_Dict_Add(oi, "DestOutputProfile", prof);
	HPDF_Array arr = HPDF_Array_New(mm);
	HPDF_Array_Add(arr, oi);
	HPDF_Dict_Add(h->pdf->catalog, "OutputIntents", arr);
	return true;
}

/* The file ID: sixteen zero bytes while the file is made, then the MD5 of
 * the whole file written over them, so it follows from the content. */
#define ID_PLACEHOLDER "<00000000000000000000000000000000>"

static void haru_id_placeholder(struct haru *h)
{
	HPDF_BYTE zero[16] = { 0 };
	HPDF_MMgr mm = haru_mmgr(h);
	HPDF_Array id = HPDF_Array_New(mm);
	HPDF_Array_Add(id, HPDF_Binary_New(mm, zero, 16));
	HPDF_Array_Add(id, HPDF_Binary_New(mm, zero, 16));
	HPDF_Dict_Add(h->pdf->trailer, "ID", id);
}

static bool haru_fill_id(unsigned char *buf, size_t len)
{
	size_t pl = strlen(ID_PLACEHOLDER);
	unsigned char *at[2] = { NULL, NULL };
	int n = 0;
	for (size_t i = len >= pl ? len - pl + 1 : 0; i-- > 0 && n < 2;)
		if (!memcmp(buf + i, ID_PLACEHOLDER, pl))
			at[n++] = buf + i;
	if (n != 2)
		return false;
	gchar *md5 = g_compute_checksum_for_data(G_CHECKSUM_MD5, buf, len);
	for (int k = 0; k < 2; k++)
		memcpy(at[k] + 1, md5, 32);
	g_free(md5);
	return true;
}

static bool haru_save(struct haru *h, const char *path, struct diags *d)
{
	if (HPDF_SaveToStream(h->pdf) != HPDF_OK || h->error)
		return false;
	size_t len = HPDF_GetStreamSize(h->pdf);
	unsigned char *buf = malloc(len ? len : 1);
	if (!buf)
		abort();
	HPDF_UINT32 got = (HPDF_UINT32)len;
	HPDF_ResetStream(h->pdf);
	if (HPDF_ReadFromStream(h->pdf, buf, &got) != HPDF_OK ||
	    got != len || !haru_fill_id(buf, len)) {
		free(buf);
		return false;
	}
	struct output o;
	if (!output_open(&o, path, d)) {
		free(buf);
		return true; /* reported */
	}
	if (fwrite(buf, 1, len, o.fp) != len)
		o.failed = true;
	free(buf);
	output_commit(&o, d);
	return true;
}

bool haru_write_pdfa(const struct display_list *dl, const char *path,
		     const char *icc_path, struct diags *d)
{
	struct haru h = { .arena = arena_create(), .dl = dl };
	dl_complete(dl); /* the elements, before the first page */
	h.pdf = HPDF_New(haru_on_error, &h);
	if (!h.pdf)
		abort();
	h.pdf->pdf_version = HPDF_VER_14;
	HPDF_SetCompressionMode(h.pdf, HPDF_COMP_ALL);
	int errors_before = d->count;
	bool ok = haru_output_intent(&h, icc_path, d);
	if (ok) {
		h.pages = arena_array(h.arena, dl->n_pages + 1,
				      sizeof *h.pages);
		for (size_t p = 0; p < dl->n_pages; p++) {
			h.pages[p] = HPDF_AddPage(h.pdf);
			HPDF_Page_SetWidth(h.pages[p], (HPDF_REAL)dl->width_pt);
			HPDF_Page_SetHeight(h.pages[p],
					    (HPDF_REAL)dl->height_pt);
		}
		haru_tags_start(&h);
		for (size_t p = 0; p < dl->n_pages; p++)
			haru_page(&h, p);
		haru_tags_finish(&h);
		for (size_t i = 0; i < h.n_fonts; i++)
			haru_font_finish(&h, &h.fonts[i]);
		haru_outline(&h);
		if (dl->front_pages && dl->front_pages < dl->n_pages) {
			HPDF_AddPageLabel(h.pdf, 0,
					  HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1,
					  NULL);
			HPDF_AddPageLabel(h.pdf, (HPDF_UINT)dl->front_pages,
					  HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
		}
		char xmp_date[32], pdf_date[32];
		snprintf(xmp_date, sizeof xmp_date, "%04d-%02d-%02dT00:00:00Z",
			 dl->date.year, dl->date.month, dl->date.day);
		snprintf(pdf_date, sizeof pdf_date, "D:%04d%02d%02d000000Z",
			 dl->date.year, dl->date.month, dl->date.day);
		haru_info(&h, pdf_date);
		haru_xmp(&h, xmp_date);
		haru_id_placeholder(&h);
		ok = haru_save(&h, path, d);
	}
	if (!ok && d->count == errors_before)
		diag_error_status(d, EXIT_SOFTWARE, (struct srcpos){ path, 0, 0 },
				  "cannot make the archive copy: the libharu "
				  "writer failed: error 0x%04X (detail %u)",
				  (unsigned)h.error, (unsigned)h.detail);
	for (size_t i = 0; i < h.n_fonts; i++) {
		g_hash_table_destroy(h.fonts[i].by_key);
		g_object_unref(h.fonts[i].pango);
	}
	HPDF_Free(h.pdf);
	arena_destroy(h.arena);
	return ok && d->count == errors_before;
}
