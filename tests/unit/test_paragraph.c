/*
 * test_paragraph.c — paragraphs set by the total-fit breaker with pango.
 *
 * Input: Dutch text, hyphenated by hyph.c, in the body style of the real
 * layout with the real fonts, set in a column of a given width. Output
 * checked: the exact text of every line, which glyph starts a line after
 * a break before a trema, and the hyphen shown at a soft-hyphen break.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <math.h>

#include "compose.h"
#include "hyph.h"
#include "layout.h"
#include "typeset.h"

#include "typeset_fixture.h"

#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "typeset_priv.h"

static struct tblock *set_in(void **state, const char *style,
			     const char *text, double width_pt);

/* text hyphenated and set in the body style, width_pt wide. */
static struct tblock *set(void **state, const char *text, double width_pt)
{
	return set_in(state, "body", text, width_pt);
}

/* The layout without microtype's tools, with the spaces (0.6 stretch,
 * 0.33 shrink) the cases below were pinned with: what they pin (a trema
 * dropped at a break, a compound broken at its own hyphen) needs that
 * break where it fell then. */
static void without_microtype(struct layout *l)
{
	l->space_stretch = 0.6;
	l->space_shrink = 0.33;
	l->expansion_stretch = l->expansion_shrink = 0;
	l->n_protrusion = 0;
	l->letter_space_max_em = 0.005;
	l->letter_space_demerits = 0;
}

/* set() with the layout without microtype's tools. */
static struct tblock *set_plain(void **state, const char *text,
				double width_pt)
{
	struct fixture *f = *state;
	struct layout saved = *f->l;
	without_microtype(f->l);
	struct tblock *tb = set(state, text, width_pt);
	*f->l = saved;
	return tb;
}

/* The same in another style of the layout. */
static struct tblock *set_in(void **state, const char *style,
			     const char *text, double width_pt)
{
	struct fixture *f = *state;
	struct composition *c = compose_create(f->a, f->l);
	struct block *b = compose_add_block(c, BLOCK_TEXT);
	b->style = layout_style(f->l, style);
	b->rich.text = hyph_text(f->h, f->a, text);
	b->rich.len = strlen(b->rich.text);
	b->absolute = true;
	b->width_pt = width_pt;
	struct typeset_doc *td = typeset_blocks(f->ts, f->a, c, &f->d);
	assert_non_null(td);
	return &td->blocks[0];
}

/* The source text of line k, soft hyphens written as "=". */
static const char *line_text(void **state, const struct tblock *tb, size_t k)
{
	struct fixture *f = *state;
	/* A line of a paragraph is set on its own: its text is its own. */
	const char *t = tb->lines[k].parts[0].text;
	int n = (int)strlen(t);
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < n; i++) {
		if ((unsigned char)t[i] == 0xC2 && i + 1 < n &&
		    (unsigned char)t[i + 1] == 0xAD) {
			strbuf_addc(&sb, '=');
			i++;
		} else {
			strbuf_addc(&sb, t[i]);
		}
	}
	return strbuf_finish(&sb, f->a);
}

/* The glyph at byte b of line k, and the glyph the font has for c. */
static void glyphs_at(const struct tblock *tb, size_t k, int b, const char *c,
		      PangoGlyph *shown, PangoGlyph *plain)
{
	*shown = *plain = 0;
	for (GSList *r = tb->lines[k].parts[0].runs; r; r = r->next) {
		PangoGlyphItem *gi = r->data;
		for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
			if (gi->item->offset + gi->glyphs->log_clusters[g] != b)
				continue;
			*shown = gi->glyphs->glyphs[g].glyph;
			PangoGlyphString *gs = pango_glyph_string_new();
			pango_shape(c, (int)strlen(c), &gi->item->analysis, gs);
			*plain = gs->glyphs[0].glyph;
			pango_glyph_string_free(gs);
		}
	}
}

static void test_trema_dropped_at_break(void **state)
{
	/* Taalunie, Leidraad §18: be-/eindigen, co-/ordinatie. */
	struct tblock *tb = set_plain(state,
				      "De ministers beëindigen de coördinatie",
				      75);
	assert_int_equal(tb->n_lines, 3);
	assert_string_equal(line_text(state, tb, 0), "De mi=nis=ters be=");
	assert_string_equal(line_text(state, tb, 1), "ëin=di=gen de co=");
	assert_string_equal(line_text(state, tb, 2), "ör=di=na=tie");
	PangoGlyph shown, plain, trema;
	glyphs_at(tb, 1, 0, "e", &shown, &plain);
	glyphs_at(tb, 1, 0, "\xC3\xAB", &shown, &trema);
	assert_int_equal(shown, plain);
	assert_int_not_equal(shown, trema);
	glyphs_at(tb, 2, 0, "o", &shown, &plain);
	glyphs_at(tb, 2, 0, "\xC3\xB6", &shown, &trema);
	assert_int_equal(shown, plain);
	assert_int_not_equal(shown, trema);
}

static void test_apostrophe_of_diminutive_dropped_at_break(void **state)
{
	/* Taalunie, Leidraad §18: paraplu’tje → paraplu-/tje. */
	struct tblock *tb = set(state, "Zij vergaten hun paraplu\xE2\x80\x99tje "
				"niet", 112);
	assert_int_equal(tb->n_lines, 2);
	assert_string_equal(line_text(state, tb, 0),
			    "Zij ver=ga=ten hun pa=ra=plu=");
	assert_string_equal(line_text(state, tb, 1), "\xE2\x80\x99tje niet");
	PangoGlyph shown, plain;
	glyphs_at(tb, 1, 0, "\xE2\x80\x99", &shown, &plain);
	assert_int_equal(shown, PANGO_GLYPH_EMPTY);
	assert_int_not_equal(plain, PANGO_GLYPH_EMPTY);
	assert_true(tb->lines[0].hyphenated);
}

static void test_unbroken_word_keeps_its_trema(void **state)
{
	struct tblock *tb = set(state, "beëindigen", 200);
	assert_int_equal(tb->n_lines, 1);
	PangoGlyph shown, plain, trema;
	glyphs_at(tb, 0, 4, "e", &shown, &plain); /* b e SHY ë */
	glyphs_at(tb, 0, 4, "\xC3\xAB", &shown, &trema);
	assert_int_equal(shown, trema);
	assert_int_not_equal(shown, plain);
}

static void test_soft_hyphen_break_shows_a_hyphen(void **state)
{
	struct tblock *tb = set(state, "De ministers beëindigen", 75);
	PangoGlyph shown, plain;
	/* "De mi=nis=ters be=": the soft hyphen at byte 23 */
	glyphs_at(tb, 0, 23, "-", &shown, &plain);
	assert_true(tb->lines[0].hyphenated);
	assert_int_equal(shown, plain);
}

static void test_compound_breaks_at_its_own_hyphen(void **state)
{
	/* NAVO-bondgenootschap: the compound's hyphen, not bond-ge-noot. */
	struct tblock *tb = set_plain(state, "de NAVO-bondgenootschap", 110);
	assert_int_equal(tb->n_lines, 2);
	/* U+2010, so that text extraction keeps it (see typeset_paragraph.c). */
	assert_string_equal(line_text(state, tb, 0), "de NAVO\xE2\x80\x90");
	assert_string_equal(line_text(state, tb, 1), "bond=ge=noot=schap");
	assert_true(tb->lines[0].hyphenated);
}

/* A justified line fills the measure and what its first and last
 * characters hang into the margins: its glyphs end at the right edge
 * plus the protrusion of its last one. Within a pango unit (1/1024 pt):
 * the line keeps its protrusion as a float. */
static void test_justified_line_fills_the_measure(void **state)
{
	struct tblock *tb = set(state,
		"De bondgenoten spreken over de voortzetting van de steun "
		"aan Oekraïne en over de gevolgen voor de veiligheid.", 200);
	assert_true(tb->n_lines >= 2);
	for (size_t k = 0; k + 1 < tb->n_lines; k++) {
		const struct tpart *part = &tb->lines[k].parts[0];
		int w = 0;
		for (GSList *r = part->runs; r; r = r->next)
			w += pango_glyph_string_get_width(
				((PangoGlyphItem *)r->data)->glyphs);
		double want = (200 + part->protrude_left_pt +
			       part->protrude_right_pt) * PANGO_SCALE;
		assert_true(fabs(w - want) <= 1);
	}
}

static const char *const microtype_text =
	"De bondgenoten spreken over de voortzetting van de steun aan "
	"Oekraïne, over de gevolgen voor de veiligheid van het "
	"bondgenootschap en over \"de toekomst\". Daarbij staan de "
	"capaciteitsdoelstellingen, de defensie-uitgaven en de "
	"samenwerking met de Europese Unie centraal.";

/* The last character a line shows: the hyphen at a soft hyphen. */
static gunichar last_shown(const char *text)
{
	gunichar c = g_utf8_get_char(g_utf8_prev_char(text + strlen(text)));
	return c == 0xAD ? '-' : c;
}

/* Every line but the last hangs its first and last character into the
 * margins by the layout's protrusion at the body's size, and starts
 * that much to the left of the others; some line of this text ends in
 * a hyphen, a comma or a full stop that hangs. */
static void test_punctuation_hangs_into_the_margin(void **state)
{
	struct fixture *f = *state;
	struct tblock *tb = set(state, microtype_text, 200);
	double em = layout_style(f->l, "body")->size_pt / 1000;
	double x0 = 0;
	bool x0_known = false, hung = false;
	assert_true(tb->n_lines >= 4);
	for (size_t k = 0; k + 1 < tb->n_lines; k++) {
		const struct tpart *part = &tb->lines[k].parts[0];
		gunichar first = g_utf8_get_char(part->text);
		double left = em * layout_protrusion(f->l, first, false);
		double right = em * layout_protrusion(
			f->l, last_shown(part->text), true);
		assert_true(fabs(part->protrude_left_pt - left) < 1e-5);
		assert_true(fabs(part->protrude_right_pt - right) < 1e-5);
		hung |= right > 1;
		if (!x0_known) {
			x0 = part->x_pt + part->protrude_left_pt;
			x0_known = true;
		}
		assert_true(fabs(part->x_pt + part->protrude_left_pt - x0) <
			    1e-5);
	}
	assert_true(hung);
	const struct tpart *last = &tb->lines[tb->n_lines - 1].parts[0];
	assert_true(last->protrude_right_pt == 0);
}

/* Font expansion stays within the layout's limit, in its steps; the
 * last line is set at its natural width, unexpanded; some line of this
 * text is expanded. */
static void test_font_expansion_within_its_limit_and_steps(void **state)
{
	struct fixture *f = *state;
	struct tblock *tb = set(state, microtype_text, 200);
	const double step = f->l->expansion_step;
	size_t expanded = 0;
	assert_true(step > 0);
	for (size_t k = 0; k < tb->n_lines; k++) {
		double e = tb->lines[k].parts[0].expansion;
		assert_true(e <= f->l->expansion_stretch + 1e-6);
		assert_true(-e <= f->l->expansion_shrink + 1e-6);
		assert_true(fabs(e / step - round(e / step)) < 1e-3);
		expanded += e != 0;
	}
	assert_true(tb->lines[tb->n_lines - 1].parts[0].expansion == 0);
	assert_true(expanded > 0);
}

static void test_url_breaks_before_punctuation_without_hyphen(void **state)
{
	static const char url[] =
		"https://www.rijksoverheid.nl/documenten/kamerstukken/"
		"geannoteerde-agenda-navo";
	struct fixture *f = *state;
	struct tblock *tb = set(state, url, 120);
	assert_true(tb->n_lines >= 2);
	struct strbuf all = STRBUF_INIT;
	for (size_t k = 0; k < tb->n_lines; k++) {
		assert_false(tb->lines[k].hyphenated);
		const char *lt = line_text(state, tb, k);
		/* No line ends in a hyphen; each later one starts with the
		 * punctuation it was broken before. */
		assert_true(lt[strlen(lt) - 1] != '-');
		if (k)
			assert_non_null(strchr("/.-", lt[0]));
		strbuf_adds(&all, lt);
	}
	/* The URL's text is whole: no soft hyphen, no changed hyphen. */
	assert_string_equal(strbuf_finish(&all, f->a), url);
}

static int line_width(const struct tblock *tb, size_t k)
{
	int w = 0;
	for (GSList *r = tb->lines[k].parts[0].runs; r; r = r->next)
		w += pango_glyph_string_get_width(
			((PangoGlyphItem *)r->data)->glyphs);
	return w;
}

static void test_ragged_right_hyphenates_sparingly(void **state)
{
	static const char text[] =
		"Tijdens deze werksessie spreken de ministers van Buitenlandse "
		"Zaken over de voornaamste strategische uitdagingen waar het "
		"bondgenootschap voor staat, over de groeiende militaire "
		"samenwerking en over de toenemende hybride aanvallen.";
	struct tblock *just = set(state, text, 150);
	struct tblock *ragged = set_in(state, "letter", text, 150);
	size_t hy_just = 0, hy_ragged = 0;
	for (size_t k = 0; k < just->n_lines; k++)
		hy_just += just->lines[k].hyphenated;
	for (size_t k = 0; k < ragged->n_lines; k++) {
		hy_ragged += ragged->lines[k].hyphenated;
		/* Ragged lines keep their natural spaces: never wider. */
		assert_true(line_width(ragged, k) <= 150 * PANGO_SCALE);
	}
	/* Justified: 2 hyphens in 8 lines (3 before font expansion and
	 * letter spacing in the first pass); ragged right, the same 8 lines
	 * and not one hyphen. */
	assert_int_equal(just->n_lines, 8);
	assert_int_equal(hy_just, 2);
	assert_int_equal(ragged->n_lines, 8);
	assert_int_equal(hy_ragged, 0);
}

/* A set line keeps its runs of glyphs and its text. */
static void test_set_line_keeps_runs_and_text(void **state)
{
	struct fixture *f = *state;
	struct tblock *tb = set_plain(state,
				      "De ministers beëindigen de coördinatie",
				      75);
	assert_int_equal(tb->n_lines, 3);
	for (size_t k = 0; k < tb->n_lines; k++)
		assert_non_null(tb->lines[k].parts[0].runs);
	assert_string_equal(line_text(state, tb, 2), "ör=di=na=tie");
	/* A running footer is set by pango's own breaking: the same. */
	struct tline *tl = typeset_line(f->ts, f->a, "Pagina 2 van 9",
					layout_style(f->l, "footer"), 400);
	assert_non_null(tl);
	assert_non_null(tl->parts[0].runs);
	assert_string_equal(tl->parts[0].text, "Pagina 2 van 9");
}

/* The widest space of line k as a multiple of a normal space. */
static double widest_space(const struct tblock *tb, size_t k)
{
	const char *text = tb->lines[k].parts[0].text;
	double widest = 0;
	for (GSList *r = tb->lines[k].parts[0].runs; r; r = r->next) {
		PangoGlyphItem *gi = r->data;
		PangoGlyphString *gs = pango_glyph_string_new();
		pango_shape(" ", 1, &gi->item->analysis, gs);
		double normal = gs->glyphs[0].geometry.width;
		pango_glyph_string_free(gs);
		for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
			const char *c = text + gi->item->offset +
					gi->glyphs->log_clusters[g];
			double ratio = gi->glyphs->glyphs[g].geometry.width /
				       normal;
			if (*c == ' ' && ratio > widest)
				widest = ratio;
		}
	}
	return widest;
}

/*
 * A paragraph of inputs/meetings/2025-12-03-fmm.yaml that no breaking
 * sets with every space within its stretch (1.6 x normal) and never three
 * hyphens in a row: the third line, "bijeenkomsten ... veiligheids-",
 * needs 0.64 pt more. A hair of letter spacing (at most 0.005 em between
 * two letters) takes it, and every space stays within 1.6 x; without
 * letter spacing that line's spaces are 1.62 x.
 */
static void test_letter_spacing_keeps_spaces_within_their_stretch(
	void **state)
{
	static const char text[] =
		"Daarnaast bespreken de bondgenoten de samenwerking met "
		"NAVO-partners, waaronder die in de Indo-Pacific. Nederland is "
		"voorstander van deelname van deze partners aan ministeri\xC3\xABle "
		"NAVO-bijeenkomsten en zal benadrukken dat praktische "
		"uitwisseling op het gebied van veiligheidsuitdagingen verder "
		"moet worden bevorderd. Verdergaande samenwerking met deze "
		"partners \xE2\x80\x93 bijvoorbeeld op cyberveiligheid, steun aan "
		"Oekra\xC3\xAFne, technologische innovatie en interoperabiliteit "
		"\xE2\x80\x93 maakt de NAVO uiteindelijk veiliger.";
	struct fixture *f = *state;
	double measure = f->l->page_width_pt - f->l->margin_left_pt -
			 f->l->margin_right_pt;
	/* The weights this case was found with: spaces of 0.6 stretch,
	 * one hyphen penalty for every break, words of 5 letters broken. */
	struct layout saved = *f->l;
	without_microtype(f->l);
	f->l->hyphen_penalty = f->l->boundary_hyphen_penalty =
		f->l->in_part_hyphen_penalty =
		f->l->short_word_hyphen_penalty = 100;
	f->l->hyphen_min_word = 5;
	f->l->hyphen_right_min = 2;
	struct tblock *tb = set(state, text, measure);
	assert_int_equal(tb->n_lines, 6);
	assert_string_equal(line_text(state, tb, 2),
			    "bij=een=kom=sten en zal be=na=druk=ken dat "
			    "prak=ti=sche uit=wis=se=ling op het ge=bied van "
			    "vei=lig=heids=");
	size_t run = 0;
	for (size_t k = 0; k < tb->n_lines; k++) {
		run = tb->lines[k].hyphenated ? run + 1 : 0;
		assert_true(run <= 2);
		if (k + 1 == tb->n_lines)
			break;
		assert_int_equal(line_width(tb, k),
				 (int)(measure * PANGO_SCALE));
		assert_true(widest_space(tb, k) <= 1 + f->l->space_stretch);
	}
	f->l->letter_space_max_em = 0;
	tb = set(state, text, measure);
	*f->l = saved;
	assert_true(widest_space(tb, 2) > 1.62);
	assert_true(widest_space(tb, 2) < 1.63);
}

/* The baseline of every style of every layout (and of each at other
 * sizes, bold and italic) is where pango's own font metrics put it:
 * typeset.c reads the ascent and descent from the font instead of
 * asking pango_context_get_metrics(), which costs a sample layout. */
static void test_baselines_from_pango_metrics(void **state)
{
	struct fixture *f = *state;
	PangoFontMap *map = pango_cairo_font_map_new_for_font_type(
		CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map),
				     FcConfigGetCurrent());
	PangoContext *ctx = pango_font_map_create_context(map);
	pango_cairo_context_set_resolution(ctx, 72.0);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(ctx, pango_language_from_string("nl-nl"));
	static const double sizes[] = { 0, 6.5, 11.25, 17 };
	int checked = 0;
	for (int i = 0; i < f->l->n_styles; i++)
		for (size_t k = 0; k < 4 * sizeof sizes / sizeof *sizes; k++) {
			struct style s = f->l->styles[i];
			if (sizes[k / 4])
				s.size_pt = sizes[k / 4];
			s.bold ^= k & 1;
			s.italic ^= (k >> 1) & 1;
			PangoFontDescription *fd = pango_font_description_new();
			pango_font_description_set_family(fd, s.font);
			pango_font_description_set_absolute_size(
				fd, s.size_pt * PANGO_SCALE);
			pango_font_description_set_weight(
				fd, s.bold ? PANGO_WEIGHT_BOLD :
					     PANGO_WEIGHT_NORMAL);
			pango_font_description_set_style(
				fd, s.italic ? PANGO_STYLE_ITALIC :
					       PANGO_STYLE_NORMAL);
			PangoFontMetrics *m = pango_context_get_metrics(ctx, fd,
									NULL);
			double asc = pango_font_metrics_get_ascent(m) /
				     (double)PANGO_SCALE;
			double desc = pango_font_metrics_get_descent(m) /
				      (double)PANGO_SCALE;
			double want = (s.leading_pt - (asc + desc)) / 2 + asc;
			assert_true(want > 0);
			assert_true(typeset_baseline(f->ts, &s) == want);
			pango_font_metrics_unref(m);
			pango_font_description_free(fd);
			checked++;
		}
	assert_true(checked >= 4 * 30);
	g_object_unref(ctx);
	g_object_unref(map);
}

#define T(name) cmocka_unit_test(name)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_trema_dropped_at_break),
		T(test_apostrophe_of_diminutive_dropped_at_break),
		T(test_unbroken_word_keeps_its_trema),
		T(test_soft_hyphen_break_shows_a_hyphen),
		T(test_compound_breaks_at_its_own_hyphen),
		T(test_justified_line_fills_the_measure),
		T(test_punctuation_hangs_into_the_margin),
		T(test_font_expansion_within_its_limit_and_steps),
		T(test_ragged_right_hyphenates_sparingly),
		T(test_url_breaks_before_punctuation_without_hyphen),
		T(test_set_line_keeps_runs_and_text),
		T(test_letter_spacing_keeps_spaces_within_their_stretch),
		T(test_baselines_from_pango_metrics),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
