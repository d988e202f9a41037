/*
 * test_dl.c — the display list's structure: dl_build gives every kind of
 * block its element, nested and in reading order, and every mark an
 * element or none (an artifact); the cairo writer replays a display list
 * built by hand, element for element, into the PDF's structure tree; a
 * long document's pages made one at a time are the pages made at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dl_build.h"
#include "pipeline.h"
#include "typeset_fixture.h"
#include "write_cairo.h"

static const char meeting[] =
	"format: 1\nid: t\ndocument: verslag\n"
	"meeting:\n  name: NAVO\n  dates: [2025-12-03]\n  place: Brussel\n"
	"sections:\n"
	"  - heading: Raad\n"
	"    text: |\n"
	"      Een alinea met een noot.[^a]\n\n"
	"      - eerste punt\n"
	"      - tweede punt\n\n"
	"      | Jaar | Bedrag |\n"
	"      |---|---|\n"
	"      | 2024 | 1 |\n"
	"      | 2025 | 2 |\n"
	"    charts: [c]\n"
	"    sections:\n"
	"      - heading: Deel\n"
	"        sections:\n"
	"          - heading: Onderdeel\n"
	"            text: Slot.\n"
	"notes:\n  a: Kamerstuk 28676, nr. 499\n"
	"charts:\n"
	"  - id: c\n    type: bar\n    title: Steun per jaar\n    unit: count\n"
	"    series:\n      - name: Steun\n        values: {2024: 1, 2025: 2}\n";

static const struct display_list *build_comp(struct fixture *f,
					    const char *yaml,
					    struct composition **cp)
{
	struct document *doc = model_parse_buffer(f->a, "t.yaml", yaml,
						  strlen(yaml), &f->d);
	assert_non_null(doc);
	struct composition *c = compose_document(f->a, f->h, doc, f->l,
						 model_document_date(doc, -1));
	*cp = c;
	struct typeset_doc *td = typeset_blocks(f->ts, f->a, c, &f->d);
	assert_non_null(td);
	return dl_build(f->a, f->ts, c, paginate(f->ts, f->a, c, td));
}

/* The production path, as `dossier render` takes it. */
static const struct display_list *build(struct fixture *f, const char *yaml)
{
	struct document *doc = model_parse_buffer(f->a, "t.yaml", yaml,
						  strlen(yaml), &f->d);
	assert_non_null(doc);
	struct pipeline p = { .home = ".", .ts = f->ts, .hyph = f->h,
			      .source_date = -1 };
	const struct display_list *dl =
		pipeline_display_list(&p, f->a, doc, &f->d);
	assert_non_null(dl);
	return dl;
}

/* The elements as "Role(child child)" in reading order. */
static void tree_of(const struct display_list *dl, int parent,
		    struct strbuf *out)
{
	bool first = true;
	for (size_t e = 0; e < dl->n_elems; e++) {
		if (dl->elems[e].parent != parent)
			continue;
		if (!first)
			strbuf_adds(out, " ");
		first = false;
		strbuf_adds(out, dl_role_name(dl->elems[e].role));
		size_t len = out->len;
		strbuf_adds(out, "(");
		tree_of(dl, (int)e, out);
		if (out->len == len + 1)
			out->len = len; /* no children */
		else
			strbuf_adds(out, ")");
		out->buf[out->len] = '\0';
	}
}

/* The title is H1, the meeting line a P, sections H2 to H4; a chart's
 * /Alt its title, unit and values; a footnote
 * reference is a Link in its paragraph; list items and notes have their
 * label as Lbl; a table's header row is TH. */
static void test_every_block_kind_gets_its_element(void **state)
{
	struct fixture *f = *state;
	const struct display_list *dl = build(f, meeting);
	struct strbuf tree = STRBUF_INIT;
	tree_of(dl, DL_ARTIFACT, &tree);
	assert_string_equal(strbuf_str(&tree),
			    "H1 P H2 P(Link) L(LI(Lbl LBody) LI(Lbl LBody)) "
			    "Table(TR(TH TH) TR(TD TD) TR(TD TD)) Figure H3 H4 P "
			    "Note(Lbl)");
	strbuf_release(&tree);
	for (size_t e = 0; e < dl->n_elems; e++)
		if (dl->elems[e].role == DL_ROLE_FIGURE)
			assert_string_equal(dl->elems[e].alt,
					    "Steun per jaar, aantallen: "
					    "2024 1; 2025 2.");
}

/* Every item belongs to an element that exists or to none; every
 * element that is not a group holds at least one item; a parent comes
 * before its children. */
static void test_every_mark_has_an_element_or_none(void **state)
{
	struct fixture *f = *state;
	const struct display_list *dl = build(f, meeting);
	bool *used = calloc(dl->n_elems + 1, sizeof *used);
	size_t artifacts = 0;
	for (size_t p = 0; p < dl->n_pages; p++)
		for (size_t i = 0; i < dl->pages[p].n_items; i++) {
			const struct dl_item *it = &dl->pages[p].items[i];
			assert_true(it->elem == DL_ARTIFACT ||
				    (it->elem >= 0 &&
				     (size_t)it->elem < dl->n_elems));
			if (it->elem == DL_ARTIFACT)
				artifacts += it->kind == DL_GLYPHS;
			else
				used[it->elem] = true;
			/* rules are decoration; a chart's paths are its
			 * Figure's; a link is its Link element's */
			if (it->kind == DL_RULE)
				assert_int_equal(it->elem, DL_ARTIFACT);
			if (it->kind == DL_PATH && it->elem != DL_ARTIFACT)
				assert_int_equal(dl->elems[it->elem].role,
						 DL_ROLE_FIGURE);
			if (it->kind == DL_LINK)
				assert_int_equal(dl->elems[it->elem].role,
						 DL_ROLE_LINK);
		}
	assert_true(artifacts > 0); /* the running footer */
	for (size_t e = 0; e < dl->n_elems; e++) {
		enum dl_role r = dl->elems[e].role;
		bool group = r == DL_ROLE_L || r == DL_ROLE_TABLE ||
			     r == DL_ROLE_TR || r == DL_ROLE_TOC ||
			     r == DL_ROLE_LI;
		assert_true(group || used[e]);
		assert_true(dl->elems[e].parent < (int)e);
	}
	free(used);
}

static size_t count_role(const struct display_list *dl, enum dl_role r)
{
	size_t n = 0;
	for (size_t e = 0; e < dl->n_elems; e++)
		n += dl->elems[e].role == r;
	return n;
}

/* A paragraph that the page breaks, with a footnote at the foot of the
 * first page, is one P: as many P elements as paragraphs, one Note per
 * note. */
static void test_paragraph_broken_by_page_and_note_is_one_element(void **state)
{
	struct fixture *f = *state;
	struct strbuf y = STRBUF_INIT;
	strbuf_adds(&y, "format: 1\nid: t\ndocument: verslag\nmeeting:\n"
			"  name: NAVO\n  dates: [2025-12-03]\n  place: Brussel\n"
			"sections:\n  - heading: Raad\n    text: |\n");
	for (int p = 0; p < 14; p++) {
		strbuf_adds(&y, "      ");
		for (int k = 0; k < 6; k++)
			strbuf_adds(&y, "Bondgenoten spraken over de steun aan "
					"Oekraine en over de defensie-uitgaven. ");
		strbuf_adds(&y, p % 5 == 4 ? "Slot.[^a]\n\n" : "\n\n");
	}
	strbuf_adds(&y, "notes:\n  a: Kamerstuk 28676, nr. 499\n");
	struct composition *c;
	const struct display_list *dl =
		build_comp(f, strbuf_finish(&y, f->a), &c);
	assert_true(dl->n_pages >= 3);
	size_t paragraphs = 0;
	for (size_t i = 0; i < c->n_blocks; i++)
		paragraphs += c->blocks[i].kind == BLOCK_TEXT &&
			      !c->blocks[i].outline_level &&
			      !c->blocks[i].label;
	assert_int_equal(count_role(dl, DL_ROLE_P), paragraphs);
	assert_int_equal(count_role(dl, DL_ROLE_NOTE), 1);
}

static void assert_same_page(const struct dl_page *a, const struct dl_page *b)
{
	assert_int_equal(a->n_items, b->n_items);
	for (size_t i = 0; i < a->n_items; i++) {
		const struct dl_item *x = &a->items[i], *y = &b->items[i];
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->elem, y->elem);
		assert_true(x->x == y->x && x->y == y->y && x->w == y->w &&
			    x->h == y->h);
		assert_int_equal(x->dest_page, y->dest_page);
		if (x->kind != DL_GLYPHS)
			continue;
		const PangoGlyphString *gx = x->glyphs->glyphs,
				       *gy = y->glyphs->glyphs;
		assert_int_equal(gx->num_glyphs, gy->num_glyphs);
		for (int k = 0; k < gx->num_glyphs; k++) {
			assert_int_equal(gx->glyphs[k].glyph,
					 gy->glyphs[k].glyph);
			assert_int_equal(gx->glyphs[k].geometry.width,
					 gy->glyphs[k].geometry.width);
		}
		assert_memory_equal(x->text + x->glyphs->item->offset,
				    y->text + y->glyphs->item->offset,
				    (size_t)x->glyphs->item->length);
	}
}

/* A document long enough that its lines keep no runs: the pages made
 * one at a time (each block set again, into arenas reused for the
 * blocks of later pages) are the pages made all at once, item for item
 * and glyph for glyph, and so are they when made again from the first
 * page (the archive copy after the PDF); the elements are the same. */
static void test_paged_display_list_is_the_whole_one(void **state)
{
	struct fixture *f = *state;
	struct strbuf y = STRBUF_INIT;
	strbuf_adds(&y, "format: 1\nid: t\ndocument: verslag\nmeeting:\n"
			"  name: NAVO\n  dates: [2025-12-03]\n  place: Brussel\n"
			"sections:\n");
	for (int s = 0; s < 40; s++) {
		strbuf_addf(&y, "  - heading: Raad %d\n    text: |\n", s);
		for (int p = 0; p < 4; p++) {
			strbuf_adds(&y, "      ");
			for (int k = 0; k < 5; k++)
				strbuf_adds(&y, "Bondgenoten spraken over de "
						"steun aan Oekraine en over de "
						"defensie-uitgaven. ");
			strbuf_adds(&y, s % 7 == 3 && p == 1 ? "Slot.[^a]\n\n" :
								 "\n\n");
		}
		if (s % 9 == 5)
			strbuf_adds(&y, "      | Jaar | Bedrag |\n"
					"      |---|---|\n"
					"      | 2024 | 1 |\n"
					"      | 2025 | 2 |\n");
	}
	strbuf_adds(&y, "notes:\n  a: Kamerstuk 28676, nr. 499\n");
	const char *yaml = strbuf_finish(&y, f->a);
	struct document *doc = model_parse_buffer(f->a, "t.yaml", yaml,
						  strlen(yaml), &f->d);
	assert_non_null(doc);
	struct composition *c = compose_document(f->a, f->h, doc, f->l,
						 model_document_date(doc, -1));
	struct typeset_doc *td = typeset_blocks(f->ts, f->a, c, &f->d);
	assert_non_null(td);
	assert_true(td->blocks[0].bare);
	struct pages *pages = paginate(f->ts, f->a, c, td);
	const struct display_list *whole = dl_build(f->a, f->ts, c, pages);
	const struct display_list *paged =
		dl_build_paged(f->a, f->ts, c, td, pages, NULL);
	assert_true(whole->n_pages >= 10);
	assert_int_equal(paged->n_pages, whole->n_pages);
	assert_null(paged->pages);
	for (int pass = 0; pass < 2; pass++)
		for (size_t p = 0; p < whole->n_pages; p++)
			assert_same_page(dl_page(whole, p), dl_page(paged, p));
	assert_true(paged->pager->complete);
	assert_int_equal(paged->n_elems, whole->n_elems);
	for (size_t e = 0; e < whole->n_elems; e++) {
		assert_int_equal(paged->elems[e].role, whole->elems[e].role);
		assert_int_equal(paged->elems[e].parent,
				 whole->elems[e].parent);
	}
	assert_int_equal(paged->n_dests, whole->n_dests);
	assert_int_equal(paged->n_outline, whole->n_outline);
}

/* A chart's /Alt: title and unit, each series' values as the chart's
 * value labels give them (one scale and the same decimals; a value too
 * small for the scale at its own), the categories picked out, the
 * reference lines. */
static void test_chart_alt_says_every_value(void **state)
{
	struct fixture *f = *state;
	struct chart_value a[] = { { "2024", 2.5e9, { 0 } },
				   { "2025", 5e6, { 0 } } };
	struct chart_value b[] = { { "2024", 1e9, { 0 } } };
	struct chart_series se[] = {
		{ .name = { .src = "Militair" }, .values = a, .n_values = 2 },
		{ .name = { .src = "Civiel" }, .values = b, .n_values = 1 },
	};
	struct chart_target tg[] = { { .label = { .src = "Doel" },
				       .value = 3e9 } };
	const char *picked[] = { "2024" };
	struct chart c = { .title = { .src = "Steun per jaar" },
			   .unit = UNIT_EUR, .series = se, .n_series = 2,
			   .targets = tg, .n_targets = 1,
			   .highlight = picked, .n_highlight = 1 };
	assert_string_equal(chart_alt(f->a, &c),
			    "Steun per jaar, bedragen in miljarden euro. "
			    "Militair: 2024 \u20AC\u00A02,5\u00A0mld.; "
			    "2025 \u20AC\u00A05\u00A0mln. Civiel: 2024 "
			    "\u20AC\u00A01,0\u00A0mld. Uitgelicht: 2024. "
			    "Referentielijn Doel: "
			    "\u20AC\u00A03,0\u00A0mld.");
}

/* A web link is drawn in the layout's link colour with an underline of
 * that colour (an artifact) under each of its runs; a footnote
 * reference, also a link, is not. */
static void test_web_link_is_coloured_and_underlined(void **state)
{
	struct fixture *f = *state;
	const struct display_list *dl = build(
		f, "format: 1\nid: t\ndocument: verslag\nmeeting:\n"
		   "  name: NAVO\n  dates: [2025-12-03]\n  place: Brussel\n"
		   "sections:\n  - heading: Raad\n    text: Zie de [pagina]"
		   "(https://www.rijksoverheid.nl) en een noot.[^a]\n"
		   "notes:\n  a: Een noot.\n");
	const double *blue = f->l->link_rgb;
	int link_runs = 0, underlines = 0, note_refs = 0;
	for (size_t p = 0; p < dl->n_pages; p++)
		for (size_t i = 0; i < dl->pages[p].n_items; i++) {
			const struct dl_item *it = &dl->pages[p].items[i];
			bool coloured = !memcmp(it->rgb, blue, sizeof it->rgb);
			if (it->kind == DL_RULE && coloured) {
				underlines++;
				assert_int_equal(it->elem, DL_ARTIFACT);
				assert_true(it->h == f->l->link_underline_pt);
			}
			if (it->kind != DL_GLYPHS || it->elem == DL_ARTIFACT ||
			    dl->elems[it->elem].role != DL_ROLE_LINK)
				continue;
			const char *t = it->text + it->glyphs->item->offset;
			if (*t == 'p') { /* "pagina", soft hyphens in it */
				link_runs++;
				assert_true(coloured);
			} else if (*t == '1') {
				note_refs++;
				assert_false(coloured);
			}
		}
	assert_true(link_runs >= 1);
	assert_int_equal(underlines, link_runs);
	assert_int_equal(note_refs, 1);
}

/* A glyph run of text in the body style. */
static const PangoGlyphItem *run_of(struct fixture *f, const char *text,
				    const char **run_text)
{
	const struct style *body = layout_style(f->l, "body");
	assert_non_null(body);
	struct tline *tl = typeset_line(f->ts, f->a, text, body, 400);
	assert_true(tl->n_parts >= 1);
	*run_text = tl->parts[0].text;
	return tl->parts[0].runs->data;
}

static void test_cairo_writer_replays_a_hand_built_list(void **state)
{
	struct fixture *f = *state;
	struct dl_elem elems[] = {
		{ DL_ROLE_L, DL_ARTIFACT, NULL, NULL, NULL },
		{ DL_ROLE_LI, 0, NULL, NULL, NULL },
		{ DL_ROLE_LI, 0, NULL, NULL, NULL },
		{ DL_ROLE_FIGURE, DL_ARTIFACT, "Steun per jaar", NULL, NULL },
		{ DL_ROLE_P, DL_ARTIFACT, NULL, NULL, NULL },
	};
	const char *words[] = { "een", "twee", "Pagina 1", "label", "tekst" };
	const int elem_of[] = { 1, 2, DL_ARTIFACT, 3, 4 };
	struct dl_item items[5];
	for (int i = 0; i < 5; i++) {
		items[i] = (struct dl_item){ .kind = DL_GLYPHS, .x = 72,
					     .y = 72 + 20 * i,
					     .elem = elem_of[i] };
		items[i].glyphs = run_of(f, words[i], &items[i].text);
	}
	struct dl_page page = { items, 5, 5 };
	struct display_list dl = { .width_pt = 595, .height_pt = 842,
				   .pages = &page, .n_pages = 1,
				   .elems = elems, .n_elems = 5,
				   .lang = "nl-NL", .title = "t",
				   .date = { 2025, 12, 3 } };
	char path[] = "/tmp/test_dl-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_true(write_cairo_pdf(&dl, path, &f->d));
	char cmd[256];
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 tests/struct_tree.py %s",
		 path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char out[512] = "";
	size_t n = fread(out, 1, sizeof out - 1, p);
	out[n] = '\0';
	assert_int_equal(pclose(p), 0);
	unlink(path);
	assert_string_equal(out, "Document(L(LI LI) Figure[Steun per jaar] P)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_block_kind_gets_its_element),
		cmocka_unit_test(test_every_mark_has_an_element_or_none),
		cmocka_unit_test(test_chart_alt_says_every_value),
		cmocka_unit_test(test_web_link_is_coloured_and_underlined),
		cmocka_unit_test(
			test_paragraph_broken_by_page_and_note_is_one_element),
		cmocka_unit_test(test_cairo_writer_replays_a_hand_built_list),
		cmocka_unit_test(test_paged_display_list_is_the_whole_one),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
