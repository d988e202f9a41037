/*
 * test_typeset_shape.c — text shaped without a layout is set as a layout sets it.
 *
 * Input: Dutch text with the spans dossier sets (italic, bold, footnote
 * references, links), in the body style of the real layout with the real
 * fonts. Output checked: shape_line() gives the runs a PangoLayout of the
 * same text gives its one line, item for item and glyph for glyph (font,
 * script, attributes, glyph, advance, offsets, clusters, rise), and the
 * same x for every character; shape_applies() refuses what a layout sets
 * in a way of its own; a line cut from a shaped paragraph
 * (shape_line_from) has the runs it has shaped on its own, wherever it
 * is cut; itemize_plain() gives the item pango_itemize() gives plain
 * text, and refuses the text that is not plain.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "typeset_itemize.h"
#include "typeset_shape.h"
#include "typeset_priv.h"

#include "typeset_fixture.h"

/* text with spans: "[i:x]" italic, "[b:x]" bold, "[n:x]" a footnote
 * reference, "[l:x]" a link; the brackets are not part of the text. */
static struct rich rich_of(struct arena *a, const char *marked)
{
	struct rich r = { 0 };
	char *t = arena_alloc(a, strlen(marked) + 1);
	r.spans = arena_array(a, strlen(marked) + 1, sizeof *r.spans);
	size_t n = 0;
	for (const char *p = marked; *p;) {
		if (p[0] == '[' && p[1] && p[2] == ':') {
			struct span sp = { .start = n };
			sp.kind = p[1] == 'i' ? SPAN_ITALIC :
				  p[1] == 'b' ? SPAN_BOLD :
				  p[1] == 'n' ? SPAN_NOTEREF : SPAN_LINK;
			if (sp.kind == SPAN_LINK)
				sp.href = "https://www.rijksoverheid.nl/";
			sp.note = 1;
			p += 3;
			while (*p && *p != ']')
				t[n++] = *p++;
			p += *p == ']';
			sp.end = n;
			r.spans[r.n_spans++] = sp;
		} else {
			t[n++] = *p++;
		}
	}
	t[n] = '\0';
	r.text = t;
	r.len = n;
	return r;
}

static void assert_same_attrs(GSList *a, GSList *b)
{
	assert_int_equal(g_slist_length(a), g_slist_length(b));
	for (; a && b; a = a->next, b = b->next)
		assert_true(pango_attribute_equal(a->data, b->data));
}

static void assert_same_run(const PangoGlyphItem *a, const PangoGlyphItem *b)
{
	assert_int_equal(a->item->offset, b->item->offset);
	assert_int_equal(a->item->length, b->item->length);
	assert_int_equal(a->item->num_chars, b->item->num_chars);
	assert_ptr_equal(a->item->analysis.font, b->item->analysis.font);
	assert_int_equal(a->item->analysis.level, b->item->analysis.level);
	assert_int_equal(a->item->analysis.script, b->item->analysis.script);
	assert_ptr_equal(a->item->analysis.language,
			 b->item->analysis.language);
	assert_int_equal(a->item->analysis.flags, b->item->analysis.flags);
	assert_same_attrs(a->item->analysis.extra_attrs,
			  b->item->analysis.extra_attrs);
	assert_int_equal(a->y_offset, b->y_offset);
	assert_int_equal(a->start_x_offset, b->start_x_offset);
	assert_int_equal(a->end_x_offset, b->end_x_offset);
	assert_int_equal(a->glyphs->num_glyphs, b->glyphs->num_glyphs);
	for (int g = 0; g < a->glyphs->num_glyphs; g++) {
		const PangoGlyphInfo *x = &a->glyphs->glyphs[g];
		const PangoGlyphInfo *y = &b->glyphs->glyphs[g];
		assert_int_equal(x->glyph, y->glyph);
		assert_int_equal(x->geometry.width, y->geometry.width);
		assert_int_equal(x->geometry.x_offset, y->geometry.x_offset);
		assert_int_equal(x->geometry.y_offset, y->geometry.y_offset);
		assert_int_equal(x->attr.is_cluster_start,
				 y->attr.is_cluster_start);
		assert_int_equal(a->glyphs->log_clusters[g],
				 b->glyphs->log_clusters[g]);
	}
}

/* marked set in style by shape_line() and by a layout: the same. */
static void assert_shaped_as_layout(void **state, const char *style,
				    const char *marked)
{
	struct fixture *f = *state;
	const struct style *s = layout_style(f->l, style);
	struct rich r = rich_of(f->a, marked);
	assert_true(shape_applies(r.text, r.len));

	PangoLayout *pl = typeset_layout(f->ts, f->l, &r, s, -1);
	assert_int_equal(pango_layout_get_line_count(pl), 1);
	PangoLayoutLine *line = pango_layout_get_line_readonly(pl, 0);

	PangoFontDescription *fd = typeset_font(s);
	PangoAttrList *al = typeset_attrs(f->l, &r, s);
	GSList *runs = shape_line(f->ts->context, &f->ts->fonts, r.text, r.len, fd, al);
	pango_attr_list_unref(al);
	pango_font_description_free(fd);

	assert_int_equal(g_slist_length(runs), g_slist_length(line->runs));
	for (GSList *a = runs, *b = line->runs; a && b;
	     a = a->next, b = b->next)
		assert_same_run(a->data, b->data);
	PangoRectangle logical;
	pango_layout_line_get_extents(line, NULL, &logical);
	assert_int_equal(shape_width(runs), logical.width);
	for (size_t i = 0; i <= r.len; i = g_utf8_next_char(r.text + i) -
					     r.text) {
		int x;
		pango_layout_line_index_to_x(line, (int)i, 0, &x);
		assert_int_equal(shape_index_to_x(runs, r.text, (int)i), x);
		if (i == r.len)
			break;
	}
	shape_free(runs);
	g_object_unref(pl);
}

static void test_plain_text(void **state)
{
	assert_shaped_as_layout(state, "body",
		"De NAVO-ministers spreken op 3 december 2025 in Brussel "
		"over de steun aan Oekraïne, de ‘Hague Investment Plan’-"
		"afspraken en de afschrikking – met € 3,5 miljard.");
}

static void test_spans(void **state)
{
	assert_shaped_as_layout(state, "body",
		"Het [i:Strategisch Concept] en de [b:defensie-uitgaven] "
		"van 2%[n:1] worden besproken; zie [l:rijksoverheid.nl] "
		"voor de [b:[i:stukken]].");
	assert_shaped_as_layout(state, "footnote",
		"[n:12]Bron: NAVO, [i:Defence Expenditure of NATO Countries "
		"(2014–2025)], juni 2025.");
}

/* How a line ends or begins where the breaker cut it. */
static void test_line_ends(void **state)
{
	assert_shaped_as_layout(state, "body", "de bijeen\xC2\xAD");
	assert_shaped_as_layout(state, "body", "de NAVO\xE2\x80\x90");
	assert_shaped_as_layout(state, "body", "’tje en co\xC2\xAD");
	assert_shaped_as_layout(state, "body", "2025.");
	assert_shaped_as_layout(state, "body", "(1)");
	assert_shaped_as_layout(state, "body", "€\xC2\xA0" "100");
	assert_shaped_as_layout(state, "body", "");
	assert_shaped_as_layout(state, "body", "officiële affiche, ffi");
	assert_shaped_as_layout(state, "body", "af[l:fi]ne [l:ffl]ow");
}

static void test_other_scripts_and_styles(void **state)
{
	assert_shaped_as_layout(state, "body", "Μινίστρος Κυβέρνηση Зеленський");
	assert_shaped_as_layout(state, "heading1", "Geannoteerde agenda");
	assert_shaped_as_layout(state, "letter", "Geachte voorzitter,");
}

/* The runs of the bytes [start, end) of r shaped on their own, and cut
 * from the runs of all of r: the same. */
static void assert_cut_as_shaped(void **state, const struct style *s,
				 const struct rich *r, GSList *whole,
				 GList *items, size_t start, size_t end)
{
	struct fixture *f = *state;
	struct rich line = rich_slice(f->a, r, start, end);
	PangoFontDescription *fd = typeset_font(s);
	PangoAttrList *al = typeset_attrs(f->l, &line, s);
	GSList *fresh = shape_line(f->ts->context, NULL, line.text, line.len, fd,
				   al);
	pango_attr_list_unref(al);
	al = typeset_attrs(f->l, &line, s);
	struct shape_from from = { whole, items, r->text, start,
				   &f->ts->fonts };
	GSList *cut = shape_line_from(f->ts->context, line.text, line.len, fd,
				      al, &from);
	pango_attr_list_unref(al);
	pango_font_description_free(fd);
	assert_int_equal(g_slist_length(cut), g_slist_length(fresh));
	for (GSList *a = cut, *b = fresh; a && b; a = a->next, b = b->next)
		assert_same_run(a->data, b->data);
	shape_free(fresh);
	shape_free(cut);
}

/* Every line a paragraph can be cut into, at spaces, soft hyphens and
 * between any two letters, is shaped as if shaped on its own. */
static void test_cut_lines_shape_as_their_own(void **state)
{
	struct fixture *f = *state;
	static const char *const texts[] = {
		"De To\xC2\xAD" "tale Verdediging, \xE2\x80\x98Wat te "
		"doen?\xE2\x80\x99 Vijf AVV-landen: (T.V.A.) "
		"af\xC2\xAD" "fi\xC2\xAD" "che\xC2\xA0\xE2\x82\xAC 7,5 "
		"[i:Yves, LTA Fjord] [b:Tw\xC3\xAB" "e] f\xC2\xAD" "fl.[n:1] "
		"[l:www.navo.int/ff] \xE2\x80\x93 fin.",
		/* Figures and signs alone, a symbol from another font, Greek
		 * between Latin. */
		"Zie \xE2\x9C\x93 en \xE2\x86\x92 2025 \xE2\x80\x93 7,5 % "
		"(\xE2\x82\xAC 3) \xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 "
		"ok [n:2] 12.",
		"Dus a \xE2\x86\x92 b en c \xE2\x89\xA4 d, of \xE2\x88\x91 x ok.",
		/* Soft hyphens at a span's edge, after a sign of another
		 * font, and at a line's end wherever it is cut. */
		"Dus [b:bij]\xC2\xAD[b:een] [i:kom\xC2\xAD]sten "
		"\xE2\x9C\x93\xC2\xAD" "ok en \xE2\x86\x92\xC2\xAD" "x "
		"[b:\xC2\xAD" "NAVO]\xC2\xAD" "top 2025\xC2\xAD" "eind.",
	};
	const struct style *s = layout_style(f->l, "body");
	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
		struct rich r = rich_of(f->a, texts[t]);
		PangoFontDescription *fd = typeset_font(s);
		PangoAttrList *al = typeset_attrs(f->l, &r, s);
		GList *items;
		GSList *whole = shape_paragraph(f->ts->context, &f->ts->fonts, r.text, r.len,
						fd, al, &items);
		pango_attr_list_unref(al);
		pango_font_description_free(fd);
		for (size_t i = 0; i < r.len;
		     i = g_utf8_next_char(r.text + i) - r.text)
			for (size_t j = g_utf8_next_char(r.text + i) - r.text;
			     j <= r.len;
			     j = g_utf8_next_char(r.text + j) - r.text) {
				assert_cut_as_shaped(state, s, &r, whole, items,
						     i, j);
				if (j == r.len)
					break;
			}
		shape_free(whole);
		shape_items_free(items);
	}
}

/* marked shaped in style with sf's cache of words as without it. */
static void assert_words_as_whole(void **state, const char *style,
				  const char *marked)
{
	struct fixture *f = *state;
	const struct style *s = layout_style(f->l, style);
	struct rich r = rich_of(f->a, marked);
	PangoFontDescription *fd = typeset_font(s);
	PangoAttrList *al = typeset_attrs(f->l, &r, s);
	GSList *whole = shape_line(f->ts->context, NULL, r.text, r.len, fd,
				   al);
	pango_attr_list_unref(al);
	for (int pass = 0; pass < 2; pass++) { /* words made, then found */
		al = typeset_attrs(f->l, &r, s);
		GSList *words = shape_line(f->ts->context, &f->ts->fonts,
					   r.text, r.len, fd, al);
		pango_attr_list_unref(al);
		assert_int_equal(g_slist_length(words), g_slist_length(whole));
		for (GSList *a = words, *b = whole; a && b;
		     a = a->next, b = b->next)
			assert_same_run(a->data, b->data);
		shape_free(words);
	}
	shape_free(whole);
	pango_font_description_free(fd);
}

/* Text shaped word by word, with words the cache has from other text
 * and words met twice in one item, gives the glyphs of the whole. */
static void test_words_shape_as_the_whole(void **state)
{
	assert_words_as_whole(state, "body",
		"De NAVO-ministers spreken op 3 december 2025 in Brussel "
		"over de steun aan Oekra\xC3\xAFne; de ministers spreken "
		"de  steun uit.");
	assert_words_as_whole(state, "body",
		"officiële affiche ffi fl \xE2\x82\xAC\xC2\xA0" "3,5 "
		"miljard \xE2\x80\x93 ‘Hague’ (T.V.A.) Yves LTA AVV "
		"\xE2\x80\x98Wat te doen?\xE2\x80\x99 2%[n:1] "
		"[i:Strategisch Concept] [b:defensie-uitgaven] "
		"[l:www.navo.int/ff] af\xC2\xAD" "fi\xC2\xAD" "che");
	assert_words_as_whole(state, "footnote",
		"  ministers  Μινίστρος Κυβέρνηση Зеленський ok \xE2\x9C\x93 "
		"\xE2\x86\x92 a \xE2\x89\xA4 b \xE2\x88\x91 x ");
	assert_words_as_whole(state, "heading1",
		"Geannoteerde agenda Geannoteerde agenda");
	/* A word too long to keep, twice. */
	char *longword = arena_alloc(((struct fixture *)*state)->a, 700);
	memset(longword, 'a', 300);
	longword[300] = ' ';
	memset(longword + 301, 'a', 300);
	longword[601] = '\0';
	assert_words_as_whole(state, "body", longword);
}

/* A label given a wrap width is set as a layout of that width sets it:
 * one line shaped without a layout where it fits, the layout's lines
 * where it does not. Widths from far too narrow to twice the label's. */
static void test_label_set_as_its_layout(void **state)
{
	struct fixture *f = *state;
	static const char *const labels[] = {
		"Steun aan Oekra\xC3\xAFne in 2024",
		"PURL-initiatief (tot december 2025)",
		"2%-norm (Wales, 2014)",
		"Bron: NAVO, juni 2025; Geannoteerde agenda NAVO FMM",
		"NAVO\xC2\xAD" "top",
		"x",
	};
	const struct style *s = layout_style(f->l, "body");
	for (size_t t = 0; t < sizeof labels / sizeof *labels; t++) {
		struct rich r = { .text = (char *)labels[t],
				  .len = strlen(labels[t]) };
		size_t one;
		struct tlabel *whole = typeset_label(f->ts, f->a, r.text, s, 0,
						     &one, &f->d,
						     (struct srcpos){ 0 });
		assert_non_null(whole);
		for (double w = 2; w < 2 * whole->width_pt + 40; w += 1.5) {
			size_t n;
			struct tlabel *tl = typeset_label(f->ts, f->a, r.text,
							  s, w, &n, &f->d,
							  (struct srcpos){ 0 });
			assert_non_null(tl);
			PangoLayout *pl = typeset_layout(f->ts, f->l, &r, s, w);
			assert_int_equal(n, pango_layout_get_line_count(pl));
			for (size_t i = 0; i < n; i++) {
				PangoLayoutLine *line =
					pango_layout_get_line_readonly(pl,
								       (int)i);
				PangoRectangle logical;
				pango_layout_line_get_extents(line, NULL,
							      &logical);
				assert_int_equal((int)(tl[i].width_pt *
						       PANGO_SCALE),
						 logical.width);
				assert_int_equal(g_slist_length(tl[i].runs),
						 g_slist_length(line->runs));
				for (GSList *a = tl[i].runs, *b = line->runs;
				     a && b; a = a->next, b = b->next)
					assert_same_run(a->data, b->data);
			}
			g_object_unref(pl);
		}
	}
}

/* What a layout sets in a way of its own stays with a layout. */
static void test_what_needs_a_layout(void **state)
{
	(void)state;
	static const char *const refused[] = {
		"a\tb", "a\nb", "a\rb", "a\xE2\x80\xA8" "b", "a\xE2\x80\xA9" "b",
		"שלום", "مرحبا", "e\xCC\x81", "a\xE2\x80\x8F" "b",
		"a\xE2\x80\x8D" "b", "\xF0\x9F\x98\x80", "中文",
	};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
		assert_false(shape_applies(refused[i], strlen(refused[i])));
	assert_true(shape_applies("NAVO\xC2\xAD top \xE2\x80\x93 ‘x’", 18));
}

/* The stops-at-spaces fact of body's face, found in a fresh set of
 * fonts (sf) with the cache folder at dir. */
static bool body_stops(struct fixture *f, struct shape_fonts *sf)
{
	const struct style *s = layout_style(f->l, "body");
	PangoFontDescription *fd = typeset_font(s);
	PangoAttrList *al = pango_attr_list_new();
	GSList *runs = shape_line(f->ts->context, sf, "een woord", 9, fd, al);
	pango_attr_list_unref(al);
	pango_font_description_free(fd);
	shape_free(runs);
	assert_int_equal(sf->n_faces, 1);
	return sf->faces[0].stops;
}

static char *file_text(struct arena *a, const char *path)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	return arena_strndup(a, buf, n);
}

/* Whether shaping stops at spaces is kept in the cache folder for the
 * font's file: found once, then read; a cache file that does not match
 * the font (another file, another version) is found again and
 * replaced. */
static void test_stops_at_spaces_is_kept(void **state)
{
	struct fixture *f = *state;
	char dir[] = "/tmp/test_typeset_shape-XXXXXX";
	assert_non_null(mkdtemp(dir));
	setenv("XDG_CACHE_HOME", dir, 1);
	struct shape_fonts sf = { 0 };
	assert_true(body_stops(f, &sf));
	shape_fonts_free(&sf);
	DIR *d = opendir(arena_printf(f->a, "%s/dossier", dir));
	assert_non_null(d);
	char *cache = NULL;
	for (struct dirent *e; (e = readdir(d));)
		if (strstr(e->d_name, ".stops.cache"))
			cache = arena_printf(f->a, "%s/dossier/%s", dir,
					     e->d_name);
	closedir(d);
	assert_non_null(cache);
	char *kept = file_text(f->a, cache);
	assert_true(strstr(kept, "stops at spaces") == kept);
	assert_int_equal(kept[strlen(kept) - 1], '1');

	/* read back: the same */
	assert_true(body_stops(f, &sf));
	shape_fonts_free(&sf);
	assert_string_equal(file_text(f->a, cache), kept);

	/* read, not found again: its own key with the other answer is
	 * believed (which shows the cache is what answers) */
	FILE *fp = fopen(cache, "wb");
	assert_non_null(fp);
	fprintf(fp, "%.*s0", (int)strlen(kept) - 1, kept);
	fclose(fp);
	assert_false(body_stops(f, &sf));
	shape_fonts_free(&sf);

	/* another key, and a wrong answer: not believed, and replaced */
	fp = fopen(cache, "wb");
	assert_non_null(fp);
	fputs("stops at spaces 0.0.0 of another font\n0", fp);
	fclose(fp);
	assert_true(body_stops(f, &sf));
	shape_fonts_free(&sf);
	assert_string_equal(file_text(f->a, cache), kept);

	unlink(cache);
	rmdir(arena_printf(f->a, "%s/dossier", dir));
	rmdir(dir);
	unsetenv("XDG_CACHE_HOME");
}

/* A running header or footer (typeset_line) is set as a layout of its
 * width and alignment sets it: the same glyphs, at the same place. */
static void test_running_line_set_as_its_layout(void **state)
{
	struct fixture *f = *state;
	static const char *const styles[] = { "footer", "header",
					      "running_header", "body" };
	static const char *const texts[] = {
		"Pagina 1 van 3", "Pagina 12 van 345",
		"DEPARTEMENTAAL VERTROUWELIJK", "Bijlage 2 \xE2\x80\x93 Verslag",
	};
	static const double widths[] = { 451.28, 300, 200.5, 137 };
	for (size_t i = 0; i < sizeof styles / sizeof *styles; i++)
		for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
			for (size_t w = 0; w < sizeof widths / sizeof *widths;
			     w++) {
				const struct style *s =
					layout_style(f->l, styles[i]);
				struct tline *tl = typeset_line(
					f->ts, f->a, texts[k], s, widths[w]);
				struct rich r = { .text = (char *)texts[k],
						  .len = strlen(texts[k]) };
				PangoLayout *pl = typeset_layout(
					f->ts, f->l, &r, s, widths[w]);
				PangoLayoutIter *it = pango_layout_get_iter(pl);
				PangoRectangle logical;
				pango_layout_iter_get_line_extents(it, NULL,
								   &logical);
				PangoLayoutLine *line =
					pango_layout_iter_get_line_readonly(it);
				assert_non_null(tl);
				assert_int_equal(tl->n_parts, 1);
				assert_true(tl->parts[0].x_pt ==
					    logical.x / (double)PANGO_SCALE);
				assert_true(tl->height_pt == s->leading_pt);
				GSList *a = tl->parts[0].runs, *b = line->runs;
				assert_int_equal(g_slist_length(a),
						 g_slist_length(b));
				for (; a && b; a = a->next, b = b->next)
					assert_same_run(a->data, b->data);
				pango_layout_iter_free(it);
				g_object_unref(pl);
			}
}

/* text in style's font itemized by itemize_plain() and by pango: NULL
 * when plain is false, else the one item pango gives, field for field. */
static void assert_itemized_as_pango(void **state, const char *style,
				     const char *text, bool plain)
{
	struct fixture *f = *state;
	PangoContext *ctx = f->ts->context;
	PangoFontDescription *fd = typeset_font(layout_style(f->l, style));
	PangoAttrList *al = pango_attr_list_new();
	pango_attr_list_insert(al, pango_attr_font_desc_new(fd));
	size_t len = strlen(text);
	GList *ours = itemize_plain(ctx, &f->ts->fonts.plain, text, len, al,
				    PANGO_DIRECTION_LTR);
	if (!plain) {
		assert_null(ours);
	} else {
		GList *theirs = pango_itemize_with_base_dir(
			ctx, PANGO_DIRECTION_LTR, text, 0, (int)len, al, NULL);
		assert_non_null(ours);
		assert_int_equal(g_list_length(ours), 1);
		assert_int_equal(g_list_length(theirs), 1);
		const PangoItem *a = ours->data, *b = theirs->data;
		assert_int_equal(a->offset, b->offset);
		assert_int_equal(a->length, b->length);
		assert_int_equal(a->num_chars, b->num_chars);
		assert_ptr_equal(a->analysis.font, b->analysis.font);
		assert_int_equal(a->analysis.level, b->analysis.level);
		assert_int_equal(a->analysis.gravity, b->analysis.gravity);
		assert_int_equal(a->analysis.flags, b->analysis.flags);
		assert_int_equal(a->analysis.script, b->analysis.script);
		assert_ptr_equal(a->analysis.language, b->analysis.language);
		assert_null(b->analysis.extra_attrs);
		assert_null(a->analysis.extra_attrs);
		g_list_free_full(theirs, (GDestroyNotify)pango_item_free);
	}
	g_list_free_full(ours, (GDestroyNotify)pango_item_free);
	/* Right to left, or a second attribute: pango's to itemize. */
	assert_null(itemize_plain(ctx, &f->ts->fonts.plain, text, len, al,
				  PANGO_DIRECTION_RTL));
	pango_attr_list_insert(al, pango_attr_rise_new(1000));
	assert_null(itemize_plain(ctx, &f->ts->fonts.plain, text, len, al,
				  PANGO_DIRECTION_LTR));
	pango_attr_list_unref(al);
	pango_font_description_free(fd);
}

static void test_plain_text_is_one_item_as_pango_makes_it(void **state)
{
	assert_itemized_as_pango(state, "body",
		"De NAVO-ministers spreken op 3 december 2025 in Brussel "
		"over de ‘Hague Investment Plan’-afspraken – met € 3,5 "
		"miljard.", true);
	assert_itemized_as_pango(state, "footnote", "2014–2025", true);
	assert_itemized_as_pango(state, "body", "  Oekraïne", true);
	assert_itemized_as_pango(state, "body", "af\u00ADspraken", true);
	assert_itemized_as_pango(state, "body", "1.000\u00A0mld. (± 5 %)",
				 true);
	assert_itemized_as_pango(state, "heading1", "Œuvre, ẞ en ĳ", true);
	/* Not plain: another script, an emoji with text presentation, a
	 * joiner, a sign beyond the Latin blocks, no visible character. */
	assert_itemized_as_pango(state, "body", "NAVO en Ελλάδα", false);
	assert_itemized_as_pango(state, "body", "© NAVO", false);
	assert_itemized_as_pango(state, "body", "a\u200Db", false);
	assert_itemized_as_pango(state, "body", "meer → minder", false);
	assert_itemized_as_pango(state, "body", " \u00A0 ", false);
	assert_itemized_as_pango(state, "body", "", false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_plain_text_is_one_item_as_pango_makes_it),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_other_scripts_and_styles),
		cmocka_unit_test(test_what_needs_a_layout),
		cmocka_unit_test(test_cut_lines_shape_as_their_own),
		cmocka_unit_test(test_label_set_as_its_layout),
		cmocka_unit_test(test_words_shape_as_the_whole),
		cmocka_unit_test(test_stops_at_spaces_is_kept),
		cmocka_unit_test(test_running_line_set_as_its_layout),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
