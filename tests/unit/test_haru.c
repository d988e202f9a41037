/*
 * test_haru.c — the archive copy's writer on a real display list.
 *
 * Renders inputs/meetings/2023-11-28-fmm.yaml (a footnote, a chart) to a
 * display list and writes it with haru_write_pdfa twice. Pins that the
 * file ID is the MD5 of the file with the ID zeroed (so it follows from
 * the content, not the clock), that two runs give the same bytes, the
 * PDF/A markers libharu gets wrong (no "DestOutputProfile " key with a
 * space, XMP uncompressed with pdfaid), and that a missing colour profile
 * is an error that names the Debian package. A display list built by hand
 * gives its elements, element for element, as the structure tree, with
 * what no element holds marked as an artifact.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <glib.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dl.h"
#include "layout.h"
#include "pipeline.h"
#include "write_haru.h"

struct fixture {
	struct arena *arena;
	struct typesetter *ts;
	struct hyphenator *hyph;
	const struct layout *layout;
	const struct display_list *dl;
	char dir[64];
};

static int setup(void **state)
{
	static struct fixture f;
	struct diags d;
	f.arena = arena_create();
	diags_init(&d, f.arena);
	f.ts = typeset_create("fonts/fonts.conf", &d);
	f.hyph = hyph_create(HYPH_DEFAULT_DIC);
	if (!f.ts || !f.hyph)
		return -1;
	struct document *doc = model_parse_file(
		f.arena, "inputs/meetings/2023-11-28-fmm.yaml", &d);
	const struct layout *l = layout_load(f.arena, "layouts", "kamerbrief",
					     &d);
	if (!doc || !l)
		return -1;
	f.layout = l;
	struct pipeline p = { .home = ".", .ts = f.ts, .hyph = f.hyph,
			      .source_date = -1 };
	f.dl = pipeline_display_list(&p, f.arena, doc, &d);
	if (!f.dl)
		return -1;
	snprintf(f.dir, sizeof f.dir, "/tmp/dossier-haru-XXXXXX");
	if (!mkdtemp(f.dir))
		return -1;
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	if (system(cmd) != 0)
		return -1;
	arena_destroy(f->arena);
	hyph_destroy(f->hyph);
	typeset_destroy(f->ts);
	return 0;
}

static gchar *write_archive(struct fixture *f, const char *name, gsize *len)
{
	struct diags d;
	diags_init(&d, f->arena);
	char *path = arena_printf(f->arena, "%s/%s", f->dir, name);
	assert_true(haru_write_pdfa(f->dl, path, HARU_SRGB_ICC, &d));
	assert_int_equal(d.count, 0);
	gchar *buf = NULL;
	assert_true(g_file_get_contents(path, &buf, len, NULL));
	return buf;
}

static const char *find(const gchar *buf, gsize len, const char *key)
{
	size_t n = strlen(key);
	for (gsize i = 0; i + n <= len; i++)
		if (!memcmp(buf + i, key, n))
			return buf + i;
	return NULL;
}

static void test_id_is_md5_of_the_file_with_the_id_zeroed(void **state)
{
	gsize len;
	gchar *buf = write_archive(*state, "a.pdf", &len);
	const char *id = find(buf, len, "/ID [ <");
	assert_non_null(id);
	id += strlen("/ID [ <");
	char first[33], second[33];
	memcpy(first, id, 32);
	first[32] = '\0';
	const char *id2 = strstr(id, "> <");
	assert_non_null(id2);
	memcpy(second, id2 + 3, 32);
	second[32] = '\0';
	assert_string_equal(first, second);
	memset((char *)id, '0', 32);
	memset((char *)id2 + 3, '0', 32);
	gchar *md5 = g_compute_checksum_for_data(G_CHECKSUM_MD5,
						 (const guchar *)buf, len);
	assert_string_equal(md5, first);
	g_free(md5);
	g_free(buf);
}

static void test_two_runs_give_the_same_bytes(void **state)
{
	gsize la, lb;
	gchar *a = write_archive(*state, "one.pdf", &la);
	gchar *b = write_archive(*state, "two.pdf", &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	g_free(a);
	g_free(b);
}

static void test_pdfa_markers_libharu_gets_wrong(void **state)
{
	gsize len;
	gchar *buf = write_archive(*state, "m.pdf", &len);
	assert_memory_equal(buf, "%PDF-1.4\n%", 10);
	/* libharu's own writes the key with a trailing space. */
	assert_null(find(buf, len, "/DestOutputProfile#20"));
	assert_null(find(buf, len, "/DestOutputProfile  "));
	const char *key = find(buf, len, "/DestOutputProfile ");
	assert_non_null(key);
	assert_true(key[19] >= '1' && key[19] <= '9'); /* a reference */
	assert_non_null(find(buf, len, "/S /GTS_PDFA1"));
	assert_non_null(find(buf, len, "<pdfaid:part>1</pdfaid:part>"));
	assert_non_null(find(buf, len,
			     "<pdfaid:conformance>A</pdfaid:conformance>"));
	assert_null(find(buf, len, "/SMask"));
	assert_null(find(buf, len, "/Transparency"));
	g_free(buf);
}

static void test_missing_profile_names_the_package(void **state)
{
	struct fixture *f = *state;
	struct diags d;
	diags_init(&d, f->arena);
	char *path = arena_printf(f->arena, "%s/x.pdf", f->dir);
	assert_false(haru_write_pdfa(f->dl, path, "/nonexistent/sRGB.icc", &d));
	assert_int_equal(d.count, 1);
	assert_int_equal(d.status, EXIT_NOINPUT);
	assert_non_null(strstr(d.first->message, "icc-profiles-free"));
	assert_int_equal(access(path, F_OK), -1); /* nothing written */
}

/* A glyph run of text in the body style. */
static const PangoGlyphItem *run_of(struct fixture *f, const char *text,
				    const char **run_text)
{
	const struct style *body = layout_style(f->layout, "body");
	assert_non_null(body);
	struct tline *tl = typeset_line(f->ts, f->arena, text, body, 400);
	assert_true(tl->n_parts >= 1);
	*run_text = tl->parts[0].text;
	return tl->parts[0].runs->data;
}

/* What tests/struct_tree.py prints for the file at path. */
static void struct_tree_of(const char *path, char *out, size_t size)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 tests/struct_tree.py %s",
		 path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	assert_int_equal(pclose(p), 0);
}

static void test_hand_built_list_gives_its_elements_and_artifacts(
	void **state)
{
	struct fixture *f = *state;
	struct dl_elem elems[] = {
		{ DL_ROLE_L, DL_ARTIFACT, NULL, NULL, NULL },
		{ DL_ROLE_LI, 0, NULL, NULL, NULL },
		{ DL_ROLE_LI, 0, NULL, NULL, NULL },
		{ DL_ROLE_FIGURE, DL_ARTIFACT, "Steun per jaar", NULL, NULL },
		{ DL_ROLE_P, DL_ARTIFACT, NULL, "en-GB", NULL },
		{ DL_ROLE_P, DL_ARTIFACT, NULL, NULL, NULL }, /* shows nothing */
	};
	const char *words[] = { "een", "twee", "Pagina 1", "label", "text" };
	const int elem_of[] = { 1, 2, DL_ARTIFACT, 3, 4 };
	static const double bar[] = { 0, 0, 20, 0, 20, 10, 0, 10 };
	const struct dl_path shape = { .xy = bar, .n = 4, .closed = true,
				       .fill = true };
	struct dl_item items[7];
	for (int i = 0; i < 5; i++) {
		items[i] = (struct dl_item){ .kind = DL_GLYPHS, .x = 72,
					     .y = 72 + 20 * i,
					     .elem = elem_of[i] };
		items[i].glyphs = run_of(f, words[i], &items[i].text);
	}
	/* A bar of the Figure between its label and the text; a rule that
	 * is no element's. */
	items[5] = items[4];
	items[4] = (struct dl_item){ .kind = DL_PATH, .x = 72, .y = 200,
				     .path = &shape, .elem = 3 };
	items[6] = (struct dl_item){ .kind = DL_RULE, .x = 72, .y = 300,
				     .w = 100, .h = 1, .elem = DL_ARTIFACT };
	struct dl_page page = { items, 7, 7 };
	struct display_list dl = { .width_pt = 595, .height_pt = 842,
				   .pages = &page, .n_pages = 1,
				   .elems = elems, .n_elems = 6,
				   .lang = "nl-NL", .title = "t",
				   .date = { 2025, 12, 3 } };
	struct diags d;
	diags_init(&d, f->arena);
	char *path = arena_printf(f->arena, "%s/hand.pdf", f->dir);
	assert_true(haru_write_pdfa(&dl, path, HARU_SRGB_ICC, &d));
	char tree[512];
	struct_tree_of(path, tree, sizeof tree);
	assert_string_equal(tree, "Document(L(LI LI) Figure[Steun per jaar] P)\n");
	/* The content stream, uncompressed. */
	char *qdf = arena_printf(f->arena, "%s/hand.qdf", f->dir);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable "
		 "%s %s", path, qdf);
	assert_int_equal(system(cmd), 0);
	gsize len;
	gchar *buf = NULL;
	assert_true(g_file_get_contents(qdf, &buf, &len, NULL));
	/* One sequence for the label and the bar (same element, in a row),
	 * one artifact for the page number and one for the rule. */
	assert_non_null(find(buf, len, "/LI <</MCID 0>> BDC"));
	assert_non_null(find(buf, len, "/LI <</MCID 1>> BDC"));
	assert_non_null(find(buf, len, "/Figure <</MCID 2>> BDC"));
	assert_non_null(find(buf, len, "/P <</MCID 3>> BDC"));
	assert_null(find(buf, len, "/MCID 4"));
	const char *art = find(buf, len, "/Artifact BMC");
	assert_non_null(art);
	assert_non_null(find(art + 1, len - (gsize)(art + 1 - buf),
			     "/Artifact BMC"));
	assert_non_null(find(buf, len, "/Lang (en-GB)"));
	assert_non_null(find(buf, len, "/Lang (nl-NL)"));
	assert_non_null(find(buf, len, "/StructParents 0"));
	assert_non_null(find(buf, len, "/ParentTreeNextKey 1"));
	assert_non_null(find(buf, len, "/Marked true"));
	assert_non_null(find(buf, len, "/CIDSet"));
	assert_non_null(find(buf, len,
			     "<dc:language><rdf:Bag><rdf:li>nl-NL</rdf:li>"));
	g_free(buf);
}

/* The numbers of the first TJ array at or after from: glyph position
 * adjustments, in thousandths of the text space unit. */
static int tj_adjustments(const char *from, const char *end, double *out,
			  int most)
{
	const char *c = strchr(from, '[');
	int n = 0;
	while (c && c < end && *c != ']' && n < most) {
		if (*c == '>' && c[1] == ' ')
			out[n++] = strtod(c + 2, NULL);
		c++;
	}
	return n;
}

/* A run drawn with font expansion (its advances 2 % wider, as
 * typeset_paragraph.c sets them) and the same word unexpanded: the first
 * scaled by Tz 102, which comes back to 100 before the second, with the
 * same adjustments between its glyphs (its kerning: Tz scales those as
 * it scales the glyphs), and both words' text extracted unchanged. */
static void test_expanded_run_is_drawn_by_horizontal_scaling(void **state)
{
	struct fixture *f = *state;
	struct dl_item items[2];
	for (int i = 0; i < 2; i++) {
		items[i] = (struct dl_item){ .kind = DL_GLYPHS, .x = 72,
					     .y = 72 + 20 * i,
					     .elem = DL_ARTIFACT };
		items[i].glyphs = run_of(f, "Verdediging", &items[i].text);
	}
	PangoGlyphString *gs = items[0].glyphs->glyphs;
	for (int g = 0; g < gs->num_glyphs; g++)
		gs->glyphs[g].geometry.width = (int)lround(
			gs->glyphs[g].geometry.width * 1.02);
	items[0].expansion = 0.02;
	struct dl_page page = { items, 2, 2 };
	struct display_list dl = { .width_pt = 595, .height_pt = 842,
				   .pages = &page, .n_pages = 1,
				   .lang = "nl-NL", .title = "t",
				   .date = { 2025, 12, 3 } };
	struct diags d;
	diags_init(&d, f->arena);
	char *path = arena_printf(f->arena, "%s/expanded.pdf", f->dir);
	assert_true(haru_write_pdfa(&dl, path, HARU_SRGB_ICC, &d));
	char *qdf = arena_printf(f->arena, "%s/expanded.qdf", f->dir);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable "
		 "%s %s", path, qdf);
	assert_int_equal(system(cmd), 0);
	gsize len;
	gchar *buf = NULL;
	assert_true(g_file_get_contents(qdf, &buf, &len, NULL));
	const char *tz = find(buf, len, "102.0000 Tz\n");
	assert_non_null(tz);
	const char *reset = find(tz, len - (gsize)(tz - buf),
				 "] TJ\n100 Tz\n");
	assert_non_null(reset);
	const char *after = reset + strlen("] TJ\n100 Tz\n");
	assert_null(find(after, len - (gsize)(after - buf), " Tz\n"));
	double wide[32], plain[32];
	int nw = tj_adjustments(tz, after, wide, 32);
	int np = tj_adjustments(after, buf + len, plain, 32);
	assert_true(nw > 0);
	assert_int_equal(nw, np);
	for (int i = 0; i < nw; i++)
		assert_true(fabs(wide[i] - plain[i]) < 0.2);
	g_free(buf);
	snprintf(cmd, sizeof cmd, "pdftotext %s -", path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char text[256];
	size_t n = fread(text, 1, sizeof text - 1, p);
	text[n] = '\0';
	assert_int_equal(pclose(p), 0);
	assert_string_equal(text, "Verdediging\nVerdediging\n\n\f");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_is_md5_of_the_file_with_the_id_zeroed),
		cmocka_unit_test(test_two_runs_give_the_same_bytes),
		cmocka_unit_test(test_pdfa_markers_libharu_gets_wrong),
		cmocka_unit_test(test_missing_profile_names_the_package),
		cmocka_unit_test(
			test_hand_built_list_gives_its_elements_and_artifacts),
		cmocka_unit_test(
			test_expanded_run_is_drawn_by_horizontal_scaling),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
