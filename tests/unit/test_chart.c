/*
 * test_chart.c — the numbers of a chart and what chart.c draws.
 *
 * Input: value ranges for the axis arithmetic, and small charts written
 * in YAML (parsed by model_parse_buffer, drawn with the real fonts and
 * layouts/kamerbrief.yaml). Output checked: the exact axis, scale and
 * labels; for drawings, that every path and label lies inside the chart's
 * box, that labels never overlap, and the shapes each type must have.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "chart.h"
#include "diag.h"
#include "layout.h"
#include "model.h"
#include "nl.h"
#include "typeset.h"

#define NBSP "\xC2\xA0"
#define EURO "\xE2\x82\xAC"
#define MINUS "\xE2\x88\x92"

struct fixture {
	struct arena *a;
	struct typesetter *ts;
	struct layout *l;
};

static struct typesetter *shared_ts;

static int group_setup(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	struct diags d;
	diags_init(&d, a);
	/* fontconfig wants an absolute path; tests run in the repository. */
	char cwd[4096];
	if (getcwd(cwd, sizeof cwd))
		shared_ts = typeset_create(
			arena_printf(a, "%s/fonts/fonts.conf", cwd), &d);
	diags_print(&d, stderr);
	arena_destroy(a);
	return shared_ts ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	typeset_destroy(shared_ts);
	return 0;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->a = arena_create();
	f->ts = shared_ts;
	struct diags d;
	diags_init(&d, f->a);
	f->l = layout_load(f->a, "layouts", "kamerbrief", &d);
	diags_print(&d, stderr);
	*state = f;
	return f->l ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	arena_destroy(f->a);
	free(f);
	return 0;
}

static struct chart_axis axis_of(const double *v, size_t n,
				 enum chart_unit unit)
{
	double lo = 0, hi = 0;
	for (size_t i = 0; i < n; i++) {
		lo = fmin(lo, v[i]);
		hi = fmax(hi, v[i]);
	}
	struct chart_axis ax;
	chart_nice_axis(lo, hi, unit, v, n, &ax);
	return ax;
}

/* Axis arithmetic ------------------------------------------------------ */

static void test_billions_get_mld_with_one_decimal(void **state)
{
	struct fixture *f = *state;
	const double v[] = { 5e6, 5e8, 2.5e9, 3.5e9 };
	struct chart_axis ax = axis_of(v, 4, UNIT_EUR);
	assert_true(ax.scale == 1e9);
	assert_string_equal(nl_scale_word(ax.scale), "mld.");
	assert_int_equal(ax.value_decimals, 1);
	assert_true(ax.lo == 0 && ax.hi == 4e9 && ax.step == 1e9);
	assert_int_equal(ax.n_ticks, 5);
	assert_int_equal(ax.tick_decimals, 0);
	assert_string_equal(chart_value_label(f->a, 2.5e9, UNIT_EUR, &ax),
			    EURO NBSP "2,5" NBSP "mld.");
	assert_string_equal(chart_value_label(f->a, 5e8, UNIT_EUR, &ax),
			    EURO NBSP "0,5" NBSP "mld.");
	/* Would show as 0,0 mld.: gets a scale of its own. */
	assert_string_equal(chart_value_label(f->a, 5e6, UNIT_EUR, &ax),
			    EURO NBSP "5" NBSP "mln.");
	assert_string_equal(nl_unit_caption(UNIT_EUR, ax.scale),
			    "Bedragen in miljarden euro");
}

static void test_millions_get_mln(void **state)
{
	struct fixture *f = *state;
	const double v[] = { 5e6, 5e8 };
	struct chart_axis ax = axis_of(v, 2, UNIT_EUR);
	assert_true(ax.scale == 1e6);
	assert_true(ax.hi == 5e8 && ax.step == 1e8);
	assert_int_equal(ax.n_ticks, 6);
	assert_int_equal(ax.value_decimals, 0);
	assert_string_equal(chart_value_label(f->a, 5e8, UNIT_EUR, &ax),
			    EURO NBSP "500" NBSP "mln.");
}

static void test_percent_ticks_and_labels(void **state)
{
	struct fixture *f = *state;
	const double v[] = { 2, 3.5, 1.5, 5 };
	struct chart_axis ax = axis_of(v, 4, UNIT_PERCENT);
	assert_true(ax.scale == 1 && ax.lo == 0 && ax.hi == 5 && ax.step == 1);
	assert_int_equal(ax.n_ticks, 6);
	assert_string_equal(chart_value_label(f->a, 3.5, UNIT_PERCENT, &ax),
			    "3,5%");
	assert_string_equal(nl_amount(f->a, 2, UNIT_PERCENT, 1, 0), "2%");
}

static void test_counts_get_thousands_points(void **state)
{
	struct fixture *f = *state;
	const double v[] = { 45000, 20000 };
	struct chart_axis ax = axis_of(v, 2, UNIT_COUNT);
	assert_true(ax.scale == 1 && ax.hi == 50000 && ax.step == 10000);
	assert_string_equal(chart_value_label(f->a, 45000, UNIT_COUNT, &ax),
			    "45.000");
}

static void test_negative_values_keep_zero_inside(void **state)
{
	struct fixture *f = *state;
	const double v[] = { -1.2, 3 };
	struct chart_axis ax = axis_of(v, 2, UNIT_PERCENT);
	assert_true(ax.lo == -2 && ax.hi == 3 && ax.step == 1);
	assert_int_equal(ax.n_ticks, 6);
	assert_string_equal(chart_value_label(f->a, -1.2, UNIT_PERCENT, &ax),
			    MINUS "1,2%");
}

static void test_all_zero_gives_an_axis_to_one(void **state)
{
	(void)state;
	const double v[] = { 0 };
	struct chart_axis ax = axis_of(v, 1, UNIT_PERCENT);
	assert_true(ax.lo == 0 && ax.hi == 1);
	assert_true(ax.n_ticks >= 4 && ax.n_ticks <= 7);
	/* A count has no ticks between 0 and 1. */
	ax = axis_of(v, 1, UNIT_COUNT);
	assert_true(ax.lo == 0 && ax.hi == 1 && ax.step == 1);
	assert_int_equal(ax.n_ticks, 2);
}

static bool is_nice_step(double step)
{
	double e = pow(10, floor(log10(step)));
	double m = step / e;
	return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 ||
	       fabs(m - 2.5) < 1e-9 || fabs(m - 5) < 1e-9;
}

static void test_every_range_gets_4_to_7_nice_ticks(void **state)
{
	(void)state;
	for (double hi = 0.013; hi < 1e11; hi *= 1.37)
		for (double neg = 0; neg <= 0.6; neg += 0.3) {
			struct chart_axis ax;
			chart_nice_axis(-neg * hi, hi, UNIT_EUR, NULL, 0, &ax);
			if (ax.n_ticks < 4 || ax.n_ticks > 7 || !is_nice_step(ax.step))
				fprintf(stderr, "range %g..%g: %d ticks of %g\n",
					-neg * hi, hi, ax.n_ticks, ax.step);
			assert_true(ax.n_ticks >= 4 && ax.n_ticks <= 7);
			assert_true(is_nice_step(ax.step));
			assert_true(ax.lo <= -neg * hi + 1e-9 * hi);
			assert_true(ax.hi >= hi * (1 - 1e-9));
			assert_true(ax.lo <= 0 && ax.hi >= 0);
		}
}

static void test_counts_tick_in_whole_numbers(void **state)
{
	(void)state;
	for (double hi = 1; hi < 1e5; hi *= 1.13) {
		const double v[] = { hi };
		struct chart_axis ax = axis_of(v, 1, UNIT_COUNT);
		assert_true(ax.step == floor(ax.step) && ax.step >= 1);
		assert_int_equal(ax.tick_decimals, 0);
	}
	const double twelve[] = { 12 };
	struct chart_axis ax = axis_of(twelve, 1, UNIT_COUNT);
	assert_true(ax.step == 2 || ax.step == 5);
}

static void test_label_stride_thins_only_when_needed(void **state)
{
	(void)state;
	assert_int_equal(chart_label_stride(20, 30, 3, 10), 1);
	assert_int_equal(chart_label_stride(20, 20, 3, 10), 2);
	assert_int_equal(chart_label_stride(50, 20, 3, 10), 3);
	assert_int_equal(chart_label_stride(500, 20, 3, 4), 4);
}

/* Drawings ------------------------------------------------------------- */

#define DOC                                                                  \
	"format: 1\nid: t\ndocument: verslag\n"                              \
	"meeting:\n  name: NAVO\n  dates: [2025-12-03]\n  place: Brussel\n"  \
	"sections:\n  - heading: Raad\n"                                     \
	"charts:\n  - id: c\n    title: Steun aan Oekraïne\n"              \
	"    source: Kamerbrieven\n"

/* The chart of the DOC with rest, drawn by_pt shorter than the layout
 * asks (chart_draw_shorter()); 0 as chart_draw() draws it. */
static struct chart_drawing *draw_shorter(struct fixture *f, const char *rest,
					  double by_pt)
{
	const char *yaml = arena_printf(f->a, "%s%s", DOC, rest);
	struct diags d;
	diags_init(&d, f->a);
	struct document *doc =
		model_parse_buffer(f->a, "t.yaml", yaml, strlen(yaml), &d);
	diags_print(&d, stderr);
	assert_non_null(doc);
	struct chart_drawing *cd =
		by_pt > 0 ? chart_draw_shorter(f->ts, f->a, f->l,
					       chart_find(doc, "c"), by_pt, &d) :
			    chart_draw(f->ts, f->a, f->l, chart_find(doc, "c"),
				       &d);
	diags_print(&d, stderr);
	assert_non_null(cd);
	return cd;
}

static struct chart_drawing *draw(struct fixture *f, const char *rest)
{
	return draw_shorter(f, rest, 0);
}

struct box {
	double x0, y0, x1, y1;
};

/* A label's box in its own frame: x along the baseline from its left
 * end, y down from the baseline (the ink's top and bottom). */
static struct box local_box(const struct tpart *p)
{
	int x = 0;
	double top = INFINITY, bottom = -INFINITY;
	for (GSList *r = p->runs; r; r = r->next) {
		PangoGlyphItem *gi = r->data;
		PangoRectangle ink, logical;
		pango_glyph_string_extents(gi->glyphs, gi->item->analysis.font,
					   &ink, &logical);
		if (ink.width > 0 && ink.height > 0) {
			top = fmin(top, (ink.y - gi->y_offset) /
					(double)PANGO_SCALE);
			bottom = fmax(bottom, (ink.y + ink.height -
					       gi->y_offset) /
					      (double)PANGO_SCALE);
		}
		x += logical.width;
	}
	return (struct box){ 0, top, x / (double)PANGO_SCALE, bottom };
}

/* The box on the chart around a label, turned or not. */
static struct box label_box(const struct tpart *p)
{
	struct box l = local_box(p), b = { INFINITY, INFINITY, -INFINITY,
					   -INFINITY };
	double c = cos(p->angle), s = sin(p->angle);
	for (int i = 0; i < 4; i++) {
		double lx = i & 1 ? l.x1 : l.x0, ly = i & 2 ? l.y1 : l.y0;
		double x = p->x_pt + lx * c - ly * s;
		double y = p->baseline_pt + lx * s + ly * c;
		b = (struct box){ fmin(b.x0, x), fmin(b.y0, y), fmax(b.x1, x),
				  fmax(b.y1, y) };
	}
	return b;
}

/* Two labels overlap: compared in their own frame when both are turned
 * alike (parallel labels), else by the boxes around them. */
static bool labels_overlap(const struct tpart *p, const struct tpart *q)
{
	struct box a = label_box(p), b = label_box(q);
	if (p->angle == q->angle && p->angle != 0) {
		double c = cos(p->angle), s = sin(p->angle);
		double dx = q->x_pt - p->x_pt, dy = q->baseline_pt -
						    p->baseline_pt;
		double ox = dx * c + dy * s, oy = -dx * s + dy * c;
		a = local_box(p);
		b = local_box(q);
		b = (struct box){ b.x0 + ox, b.y0 + oy, b.x1 + ox, b.y1 + oy };
	}
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

static const char *label_text(const struct tpart *p)
{
	return p->runs ? p->text +
			 ((PangoGlyphItem *)p->runs->data)->item->offset :
			 p->text;
}

/* The length in bytes of the label's line. */
static int label_len(const struct tpart *p)
{
	int n = 0;
	for (GSList *r = p->runs; r; r = r->next)
		n += ((PangoGlyphItem *)r->data)->item->length;
	return n;
}

/* Everything drawn lies in [0, width] x [0, height]. */
static void assert_inside(const struct chart_drawing *cd)
{
	const double eps = 0.01;
	for (size_t i = 0; i < cd->n_paths; i++) {
		const struct dl_path *p = &cd->paths[i];
		/* Open lines have butt caps: their width lies across them,
		 * and the plot's edges are inside the box. */
		double r = p->radius + (p->closed || p->radius > 0 ?
					p->stroke_pt / 2 : 0);
		for (size_t k = 0; k < p->n; k++) {
			assert_true(p->xy[2 * k] - r >= -eps);
			assert_true(p->xy[2 * k] + r <= cd->width_pt + eps);
			assert_true(p->xy[2 * k + 1] - r >= -eps);
			assert_true(p->xy[2 * k + 1] + r <= cd->height_pt + eps);
		}
	}
	for (size_t i = 0; i < cd->n_labels; i++) {
		struct box b = label_box(&cd->labels[i]);
		if (b.x0 < -eps || b.x1 > cd->width_pt + eps || b.y0 < -eps ||
		    b.y1 > cd->height_pt + eps)
			fprintf(stderr, "label '%.*s' at %g,%g-%g,%g outside "
				"%gx%g\n", label_len(&cd->labels[i]),
				label_text(&cd->labels[i]), b.x0, b.y0, b.x1,
				b.y1, cd->width_pt, cd->height_pt);
		assert_true(b.x0 >= -eps && b.x1 <= cd->width_pt + eps);
		assert_true(b.y0 >= -eps && b.y1 <= cd->height_pt + eps);
	}
}

/* No two labels overlap. */
static void assert_no_overlap(const struct chart_drawing *cd)
{
	for (size_t i = 0; i < cd->n_labels; i++)
		for (size_t j = i + 1; j < cd->n_labels; j++) {
			bool overlap = labels_overlap(&cd->labels[i],
						      &cd->labels[j]);
			if (overlap)
				fprintf(stderr, "'%.*s' overlaps '%.*s'\n",
					label_len(&cd->labels[i]),
					label_text(&cd->labels[i]),
					label_len(&cd->labels[j]),
					label_text(&cd->labels[j]));
			assert_false(overlap);
		}
}

static bool has_label(const struct chart_drawing *cd, const char *text)
{
	for (size_t i = 0; i < cd->n_labels; i++) {
		const struct tpart *p = &cd->labels[i];
		if ((size_t)label_len(p) == strlen(text) &&
		    !memcmp(label_text(p), text, strlen(text)))
			return true;
	}
	return false;
}

static size_t count_paths(const struct chart_drawing *cd, bool fill,
			  size_t n_points)
{
	size_t k = 0;
	for (size_t i = 0; i < cd->n_paths; i++)
		k += cd->paths[i].fill == fill && cd->paths[i].n == n_points &&
		     cd->paths[i].radius == 0;
	return k;
}

static void test_bar_chart_inside_its_box(void **state)
{
	struct fixture *f = *state;
	struct chart_drawing *cd = draw(
		f, "    type: bar\n    unit: eur\n    series:\n"
		   "      - name: Steun\n"
		   "        values: {2024: 2.5e9, 2025: 3.5e9}\n");
	assert_true(cd->width_pt == f->l->chart.width_pt);
	assert_inside(cd);
	assert_no_overlap(cd);
	assert_true(has_label(cd, "Steun aan Oekraïne"));
	assert_true(has_label(cd, EURO NBSP "2,5" NBSP "mld."));
	assert_true(has_label(cd, "Bron: Kamerbrieven"));
	assert_true(has_label(cd, "Bedragen in miljarden euro"));
	/* One series: no legend, so the series name is not shown. */
	assert_false(has_label(cd, "Steun"));
	assert_int_equal(count_paths(cd, true, 4), 2); /* two bars */
}

static void test_grouped_bars_get_a_legend(void **state)
{
	struct fixture *f = *state;
	struct chart_drawing *cd = draw(
		f, "    type: bar\n    unit: count\n    series:\n"
		   "      - name: Getraind\n        values: {2024: 45000}\n"
		   "      - name: Doel\n        values: {2024: 20000, 2025: 20000}\n");
	assert_inside(cd);
	assert_no_overlap(cd);
	assert_true(has_label(cd, "Getraind") && has_label(cd, "Doel"));
	assert_true(has_label(cd, "45.000"));
	/* Three bars and two legend swatches. */
	assert_int_equal(count_paths(cd, true, 4), 5);
}

static void test_stacked_bar_shows_parts_and_total(void **state)
{
	struct fixture *f = *state;
	struct chart_drawing *cd = draw(
		f, "    type: stacked-bar\n    unit: percent\n    series:\n"
		   "      - name: Kerndefensie\n        values: {Den Haag: 3.5}\n"
		   "      - name: Gerelateerd\n        values: {Den Haag: 1.5}\n"
		   "    targets:\n      - label: NAVO-norm (Wales, 2014)\n"
		   "        value: 2\n");
	assert_inside(cd);
	assert_no_overlap(cd);
	assert_true(has_label(cd, "3,5%") && has_label(cd, "1,5%"));
	assert_true(has_label(cd, "5,0%"));
	assert_false(has_label(cd, "0,0%"));
	assert_true(has_label(cd, "NAVO-norm (Wales, 2014)"));
}

static void test_hbar_with_long_labels(void **state)
{
	struct fixture *f = *state;
	struct chart_drawing *cd = draw(
		f, "    type: hbar\n    unit: eur\n    series:\n"
		   "      - name: Bijdrage\n        values:\n"
		   "          Steun aan Oekraïne in 2024: 2.5e9\n"
		   "          PURL-initiatief: 5e8\n"
		   "          Operatie Interflex, een trainings- en "
		   "opleidingsprogramma in het Verenigd Koninkrijk: 5e6\n");
	assert_inside(cd);
	assert_no_overlap(cd);
	assert_true(has_label(cd, EURO NBSP "5" NBSP "mln."));
	assert_true(has_label(cd, "Steun aan Oekraïne in 2024"));
}

static void test_negative_values_draw_below_zero(void **state)
{
	struct fixture *f = *state;
	struct chart_drawing *cd = draw(
		f, "    type: bar\n    unit: percent\n    series:\n"
		   "      - name: Groei\n"
		   "        values: {2023: -1.2, 2024: 0, 2025: 3}\n");
	assert_inside(cd);
	assert_no_overlap(cd);
	assert_true(has_label(cd, MINUS "1,2%"));
	assert_true(has_label(cd, MINUS "2%")); /* the lowest tick */
}

static void test_single_category(void **state)
{
	struct fixture *f = *state;
	struct chart_drawing *cd = draw(
		f, "    type: bar\n    unit: eur\n    series:\n"
		   "      - name: Bijdrage\n        values: {2024: 2.5e9}\n");
	assert_inside(cd);
	assert_true(has_label(cd, "2024"));
	/* The bar is no wider than the layout allows. */
	for (size_t i = 0; i < cd->n_paths; i++)
		if (cd->paths[i].fill && cd->paths[i].n == 4)
			assert_true(cd->paths[i].xy[2] - cd->paths[i].xy[0] <=
				    f->l->chart.bar_max_pt + 1e-9);
}

static void test_line_has_gaps_and_markers(void **state)
{
	struct fixture *f = *state;
	struct chart_drawing *cd = draw(
		f, "    type: line\n    unit: percent\n    series:\n"
		   "      - name: Ander\n        values: {2014: 1, 2015: 1, "
		   "2016: 1, 2017: 1, 2018: 1}\n"
		   "      - name: Norm\n"
		   "        values: {2014: 2, 2015: 2, 2017: 2, 2018: 2.1}\n"
		   "    targets:\n      - label: Doel\n        value: 3.5\n"
		   "        from: 2016\n        to: 2018\n");
	assert_inside(cd);
	assert_no_overlap(cd);
	/* 2016 has no value for "Norm": two lines of two points, besides a
	 * line of two points in the legend for each series. */
	size_t lines = 0;
	for (size_t i = 0; i < cd->n_paths; i++)
		lines += !cd->paths[i].fill && cd->paths[i].n == 2 &&
			 cd->paths[i].stroke_pt == f->l->chart.line_pt;
	assert_int_equal(lines, 2 + 2);
	size_t circles = 0;
	for (size_t i = 0; i < cd->n_paths; i++)
		circles += cd->paths[i].radius > 0;
	assert_int_equal(circles, 5 + 1); /* markers of "Ander" + legend */
	assert_true(has_label(cd, "Doel"));
}

static void test_many_years_are_thinned_never_overlapped(void **state)
{
	struct fixture *f = *state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "    type: bar\n    unit: count\n    series:\n"
			 "      - name: Aantal\n        values: {");
	for (int y = 1990; y <= 2035; y++)
		strbuf_addf(&sb, "%s%d: %d", y > 1990 ? ", " : "", y,
			    (y % 7) * 1000 + 500);
	strbuf_adds(&sb, "}\n");
	struct chart_drawing *cd = draw(f, strbuf_finish(&sb, f->a));
	assert_inside(cd);
	assert_no_overlap(cd);
	assert_true(has_label(cd, "1990"));
	assert_false(has_label(cd, "1991"));
}

static void test_long_category_labels_are_turned_not_dropped(void **state)
{
	struct fixture *f = *state;
	static const char *const names[] = {
		"Verenigde Staten", "Verenigd Koninkrijk", "Noord-Macedonië",
		"Bosnië en Herzegovina", "Nederland", "Duitsland", "Frankrijk",
		"Italië", "Spanje", "Portugal", "Denemarken", "Noorwegen",
	};
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "    type: bar\n    unit: percent\n    series:\n"
			 "      - name: Aandeel\n        values: {");
	for (size_t i = 0; i < 12; i++)
		strbuf_addf(&sb, "%s%s: %zu", i ? ", " : "", names[i], i + 1);
	strbuf_adds(&sb, "}\n");
	struct chart_drawing *cd = draw(f, strbuf_finish(&sb, f->a));
	assert_inside(cd);
	assert_no_overlap(cd);
	size_t turned = 0;
	for (size_t i = 0; i < cd->n_labels; i++)
		turned += cd->labels[i].angle != 0;
	assert_int_equal(turned, 12);
	assert_true(has_label(cd, "Noord-Macedonië"));
	assert_true(has_label(cd, "Bosnië en Herzegovina"));
}

static void test_fourth_series_on_is_hatched_for_greyscale(void **state)
{
	struct fixture *f = *state;
	struct chart_drawing *cd = draw(
		f, "    type: bar\n    unit: count\n    series:\n"
		   "      - {name: Een, values: {A: 5}}\n"
		   "      - {name: Twee, values: {A: 4}}\n"
		   "      - {name: Drie, values: {A: 3}}\n"
		   "      - {name: Vier, values: {A: 6}}\n");
	assert_inside(cd);
	assert_no_overlap(cd);
	/* Four bars and four legend swatches; the fourth of each hatched. */
	size_t filled = 0, hatched = 0;
	for (size_t i = 0; i < cd->n_paths; i++) {
		filled += cd->paths[i].fill && cd->paths[i].n == 4;
		hatched += cd->paths[i].hatch_pt > 0;
	}
	assert_int_equal(filled, 8);
	assert_int_equal(hatched, 2);
}

static void test_stack_below_zero_has_no_zero_total_above(void **state)
{
	struct fixture *f = *state;
	struct chart_drawing *cd = draw(
		f, "    type: stacked-bar\n    unit: percent\n    series:\n"
		   "      - name: Min\n        values: {A: -1.5, B: 2}\n"
		   "      - name: Ook min\n        values: {A: -1, B: 1}\n");
	assert_inside(cd);
	assert_no_overlap(cd);
	assert_true(has_label(cd, MINUS "2,5%")); /* A's total, below */
	assert_true(has_label(cd, "3,0%"));       /* B's total, above */
	assert_false(has_label(cd, "0,0%"));
}

static void test_line_over_years_keeps_time_in_proportion(void **state)
{
	struct fixture *f = *state;
	struct chart_drawing *cd = draw(
		f, "    type: line\n    unit: percent\n    series:\n"
		   "      - name: Norm\n"
		   "        values: {2014: 2, 2023: 2, 2024: 2, 2025: 2, "
		   "2035: 5}\n");
	assert_inside(cd);
	assert_no_overlap(cd);
	/* The markers (circles, one series, no legend) from left to right. */
	double x[5];
	size_t n = 0;
	for (size_t i = 0; i < cd->n_paths && n < 5; i++)
		if (cd->paths[i].radius > 0)
			x[n++] = cd->paths[i].xy[0];
	assert_int_equal(n, 5);
	double year = x[3] - x[2]; /* 2024 to 2025 */
	assert_true(fabs((x[1] - x[0]) - 9 * year) < 1e-6);
	assert_true(fabs((x[4] - x[3]) - 10 * year) < 1e-6);
	/* 2023, 2024 and 2025 are too close for three labels. */
	assert_true(has_label(cd, "2014") && has_label(cd, "2035"));
	assert_false(has_label(cd, "2023") && has_label(cd, "2024") &&
		     has_label(cd, "2025"));
}

/* Many charts made from a fixed seed: every type, one to four series,
 * negative, zero and large values, short and long labels, targets. */
static void test_random_charts_stay_inside_and_apart(void **state)
{
	struct fixture *f = *state;
	static const char *const types[] = { "bar", "stacked-bar", "hbar",
					     "line" };
	static const char *const units[] = { "eur", "percent", "count" };
	static const char *const names[] = {
		"2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026",
	};
	static const char *const words[] = {
		"Nederland", "Bosnië en Herzegovina", "PURL", "Interflex",
		"Verenigd Koninkrijk", "Oekraïne", "EU", "Noord-Macedonië",
	};
	unsigned seed = 12345;
	for (int n = 0; n < 300; n++) {
		struct arena *a = f->a;
		seed = seed * 1103515245u + 12345u;
		int type = (int)(seed >> 8) % 4, unit = (int)(seed >> 12) % 3;
		int n_series = 1 + (int)(seed >> 16) % 4;
		int n_cats = 1 + (int)(seed >> 20) % 8;
		bool years = (seed >> 24) & 1;
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "    type: %s\n    unit: %s\n    series:\n",
			    types[type], units[unit]);
		for (int s = 0; s < n_series; s++) {
			strbuf_addf(&sb, "      - name: Reeks %d\n        values: {",
				    s + 1);
			for (int k = 0; k < n_cats; k++) {
				seed = seed * 1103515245u + 12345u;
				double scale = unit == 0 ? 1e6 * (1 + n % 3 * 500) :
					       unit == 1 ? 1 : 100;
				double v = ((int)(seed >> 10) % 200 - 40) / 10.0 *
					   scale;
				if (unit == 2 || type == 1)
					v = fabs(v);
				if ((seed >> 5) % 7 == 0)
					v = 0;
				strbuf_addf(&sb, "%s%s: %.6g", k ? ", " : "",
					    years ? names[k] : words[k], v);
			}
			strbuf_adds(&sb, "}\n");
		}
		if (n % 3 == 0)
			strbuf_addf(&sb, "    targets:\n      - label: Norm\n"
					 "        value: %d\n",
				    unit == 0 ? 2000000 : 2);
		if (n % 3 == 0 && n % 2 == 0)
			strbuf_addf(&sb, "      - label: Een tweede, langere "
					 "norm voor later\n        value: %d\n"
					 "        from: %s\n",
				    unit == 0 ? 3000000 : 3,
				    years ? names[n_cats / 2] : words[n_cats / 2]);
		const char *yaml = strbuf_finish(&sb, a);
		struct chart_drawing *cd = draw(f, yaml);
		assert_inside(cd);
		assert_no_overlap(cd);
		/* Drawn as short as the layout allows at a page's foot: a
		 * vertical chart's plot gives exactly what it said it
		 * could, and all still stays inside and apart; an hbar's
		 * rows give nothing. */
		double give = f->l->chart.plot_height_pt -
			      f->l->chart.plot_height_min_pt;
		assert_true(give > 0);
		if (type == 2) {
			assert_true(cd->shorter_max_pt == 0);
			continue;
		}
		assert_true(fabs(cd->shorter_max_pt - give) < 1e-9);
		struct chart_drawing *sh = draw_shorter(f, yaml, give);
		if (fabs(sh->height_pt - (cd->height_pt - give)) > 1e-6)
			fail_msg("chart %d: %.3f pt shorter, not %.3f", n,
				 cd->height_pt - sh->height_pt, give);
		assert_true(sh->shorter_max_pt == 0);
		assert_inside(sh);
		assert_no_overlap(sh);
	}
}


/* Labels at their lines (issue 16) ------------------------------------- */

static void test_spread_keeps_apart_labels_where_they_are(void **state)
{
	struct fixture *f = *state;
	const double want[] = { 10, 30, 50 }, size[] = { 10, 10, 10 };
	double out[3];
	assert_true(chart_spread_labels(want, size, 3, 2, 0, 100, f->a, out));
	for (int i = 0; i < 3; i++)
		assert_true(out[i] == want[i]);
}

static void test_spread_moves_two_symmetrically_until_they_touch(void **state)
{
	struct fixture *f = *state;
	const double want[] = { 40, 44 }, size[] = { 10, 10 };
	double out[2];
	assert_true(chart_spread_labels(want, size, 2, 2, 0, 100, f->a, out));
	/* 12 apart (size + gap), each moved 4 from where it wanted. */
	assert_true(fabs(out[0] - 36) < 1e-9 && fabs(out[1] - 48) < 1e-9);
}

static void test_spread_groups_and_keeps_order(void **state)
{
	struct fixture *f = *state;
	/* Three at one place: the middle stays, the others go either way;
	 * a fourth far away is not touched. */
	const double want[] = { 50, 50, 50, 90 }, size[] = { 10, 10, 10, 4 };
	double out[4];
	assert_true(chart_spread_labels(want, size, 4, 0, 0, 100, f->a, out));
	assert_true(fabs(out[0] - 40) < 1e-9 && fabs(out[1] - 50) < 1e-9 &&
		    fabs(out[2] - 60) < 1e-9 && out[3] == 90);
	/* Unequal sizes: the group is centred on what its labels want. */
	const double w2[] = { 20, 21 }, s2[] = { 4, 8 };
	assert_true(chart_spread_labels(w2, s2, 2, 0, 0, 100, f->a, out));
	assert_true(fabs(out[1] - out[0] - 6) < 1e-9);
	assert_true(fabs((out[0] - 20) + (out[1] - 21)) < 1e-9);
}

static void test_spread_stays_in_its_room(void **state)
{
	struct fixture *f = *state;
	const double want[] = { 1, 2 }, size[] = { 10, 10 };
	double out[2];
	assert_true(chart_spread_labels(want, size, 2, 0, 0, 100, f->a, out));
	assert_true(out[0] == 5 && out[1] == 15);
	const double w2[] = { 98, 99 };
	assert_true(chart_spread_labels(w2, size, 2, 0, 0, 100, f->a, out));
	assert_true(out[0] == 85 && out[1] == 95);
	/* Too long together: packed from the start, and said so. */
	const double w3[] = { 5, 6, 7 }, s3[] = { 10, 10, 10 };
	double o3[3];
	assert_false(chart_spread_labels(w3, s3, 3, 0, 0, 25, f->a, o3));
	assert_true(o3[0] == 5 && o3[1] == 15 && o3[2] == 25);
}

static bool same_rgb(const double *a, const double *b)
{
	return a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
}

/* The target lines (dashed, in the target colour) and target labels (in
 * the target colour), each in drawing order; a line's position is its x
 * (vertical lines) or y (horizontal). */
struct targets_drawn {
	double line[8];
	size_t n_lines;
	const struct tpart *label[8];
	size_t n_labels;
	size_t n_leaders;
};

static struct targets_drawn find_targets(const struct fixture *f,
					 const struct chart_drawing *cd)
{
	const struct chart_layout *cl = &f->l->chart;
	struct targets_drawn t = { 0 };
	for (size_t i = 0; i < cd->n_paths; i++) {
		const struct dl_path *p = &cd->paths[i];
		if (p->n_dash && same_rgb(p->stroke_rgb, cl->target_rgb) &&
		    t.n_lines < 8) {
			bool vertical = p->xy[0] == p->xy[2];
			double at = vertical ? p->xy[0] : p->xy[1];
			/* An hbar's line broken round value labels is one. */
			if (!t.n_lines || t.line[t.n_lines - 1] != at)
				t.line[t.n_lines++] = at;
		}
		t.n_leaders += !p->n_dash && p->stroke_pt == cl->leader_rule_pt;
	}
	for (size_t i = 0; i < cd->n_labels && t.n_labels < 8; i++)
		if (same_rgb(cd->labels[i].rgb, cl->target_rgb))
			t.label[t.n_labels++] = &cd->labels[i];
	return t;
}

#define VTARGETS(type, a, b)                                                \
	"    type: " type "\n    unit: percent\n    series:\n"              \
	"      - name: Aandeel\n        values: {A: 1, B: 4.5, C: 3}\n"     \
	"    targets:\n      - label: Hoog\n        value: " b "\n"         \
	"      - label: Laag\n        value: " a "\n"

/* The baseline of a one-line target label at its line, from the line:
 * the same in every vertical chart (same style, same rule). */
static double on_line_offset(struct fixture *f)
{
	struct chart_drawing *cd = draw(
		f, "    type: bar\n    unit: percent\n    series:\n"
		   "      - name: A\n        values: {A: 1, B: 4.5}\n"
		   "    targets:\n      - label: Laag\n        value: 2\n");
	struct targets_drawn t = find_targets(f, cd);
	assert_int_equal(t.n_lines, 1);
	assert_int_equal(t.n_labels, 1);
	assert_int_equal(t.n_leaders, 0);
	return t.label[0]->baseline_pt - t.line[0];
}

static void test_target_labels_at_their_lines_in_vertical_charts(void **state)
{
	struct fixture *f = *state;
	double off = on_line_offset(f);
	double lead = layout_style(f->l, "chart_axis")->leading_pt;
	static const char *const types[] = { "bar", "stacked-bar", "line" };
	for (int i = 0; i < 3; i++) {
		/* Far apart: each label exactly at its line, the lower
		 * value's lower down, whatever the order written. */
		const char *yaml = arena_printf(
			f->a, VTARGETS("%s", "2", "3.5"), types[i]);
		struct chart_drawing *cd = draw(f, yaml);
		assert_inside(cd);
		assert_no_overlap(cd);
		struct targets_drawn t = find_targets(f, cd);
		assert_int_equal(t.n_lines, 2);
		assert_int_equal(t.n_labels, 2);
		assert_int_equal(t.n_leaders, 0);
		/* Written high first; drawn top down. */
		assert_true(t.line[0] < t.line[1]);
		assert_true(t.label[0]->baseline_pt < t.label[1]->baseline_pt);
		assert_true(fabs(t.label[0]->baseline_pt - t.line[0] - off) <
			    1e-9);
		assert_true(fabs(t.label[1]->baseline_pt - t.line[1] - off) <
			    1e-9);
		/* Close: moved apart symmetrically until they touch, each
		 * with a leader to its line. */
		yaml = arena_printf(f->a, VTARGETS("%s", "2", "2.2"), types[i]);
		cd = draw(f, yaml);
		assert_inside(cd);
		assert_no_overlap(cd);
		t = find_targets(f, cd);
		assert_int_equal(t.n_labels, 2);
		assert_int_equal(t.n_leaders, 2);
		double d0 = t.label[0]->baseline_pt - t.line[0] - off;
		double d1 = t.label[1]->baseline_pt - t.line[1] - off;
		assert_true(d0 < 0 && d1 > 0);
		assert_true(fabs(d0 + d1) < 1e-9);
		assert_true(fabs(t.label[1]->baseline_pt -
				 t.label[0]->baseline_pt - lead) < 1e-9);
	}
}

static void test_target_labels_at_their_lines_in_hbar(void **state)
{
	struct fixture *f = *state;
	double gap = f->l->chart.label_gap_pt;
	for (int close = 0; close < 2; close++) {
		struct chart_drawing *cd = draw(
			f, close ? VTARGETS("hbar", "2", "2.2") :
				   VTARGETS("hbar", "2", "3.5"));
		assert_inside(cd);
		assert_no_overlap(cd);
		struct targets_drawn t = find_targets(f, cd);
		assert_int_equal(t.n_lines, 2);
		assert_int_equal(t.n_labels, 2);
		/* Left to right: "Laag" (2) first, though written second. */
		assert_true(t.line[0] < t.line[1]);
		const struct tpart *l0 = t.label[0], *l1 = t.label[1];
		assert_true(label_len(l0) == 4 && !memcmp(label_text(l0), "Laag", 4));
		double w0 = local_box(l0).x1, w1 = local_box(l1).x1;
		double c0 = l0->x_pt + w0 / 2, c1 = l1->x_pt + w1 / 2;
		/* One row above the plot. */
		assert_true(l0->baseline_pt == l1->baseline_pt);
		if (!close) {
			assert_int_equal(t.n_leaders, 0);
			assert_true(fabs(c0 - t.line[0]) < 1e-6);
			assert_true(fabs(c1 - t.line[1]) < 1e-6);
		} else {
			assert_int_equal(t.n_leaders, 2);
			double d0 = c0 - t.line[0], d1 = c1 - t.line[1];
			assert_true(d0 < 0 && d1 > 0);
			assert_true(fabs(d0 + d1) < 1e-6);
			assert_true(fabs(l1->x_pt - (l0->x_pt + w0) - gap) <
				    1e-6);
		}
	}
}

static void test_line_ends_labelled_and_set_apart(void **state)
{
	struct fixture *f = *state;
	struct chart_drawing *cd = draw(
		f, "    type: line\n    unit: percent\n    series:\n"
		   "      - name: Een\n        values: {2023: 1, 2024: 2.1}\n"
		   "      - name: Twee\n        values: {2023: 3, 2024: 2}\n");
	assert_inside(cd);
	assert_no_overlap(cd);
	assert_true(has_label(cd, "2,1%") && has_label(cd, "2,0%"));
	/* Each line's end: "2,1%" above "2,0%", moved apart equally. */
	const struct tpart *hi = NULL, *lo = NULL;
	for (size_t i = 0; i < cd->n_labels; i++) {
		const struct tpart *p = &cd->labels[i];
		if (label_len(p) == 4 && !memcmp(label_text(p), "2,1%", 4))
			hi = p;
		if (label_len(p) == 4 && !memcmp(label_text(p), "2,0%", 4))
			lo = p;
	}
	assert_non_null(hi);
	assert_non_null(lo);
	assert_true(hi->baseline_pt < lo->baseline_pt);
	assert_true(hi->x_pt == lo->x_pt);
	size_t leaders = 0;
	for (size_t i = 0; i < cd->n_paths; i++)
		leaders += cd->paths[i].stroke_pt == f->l->chart.leader_rule_pt;
	assert_int_equal(leaders, 2);
}

/* The fit rule ----------------------------------------------------------- */

#define HBAR_HEAD                                                            \
	"format: 1\nid: t\ndocument: verslag\n"                              \
	"meeting:\n  name: NAVO\n  dates: [2025-12-03]\n  place: Brussel\n"  \
	"sections:\n  - heading: Raad\n"                                     \
	"charts:\n  - id: c\n    title: Testwaarden per land\n"             \
	"    source: Testgegevens, geen echte cijfers\n"                    \
	"    type: hbar\n    unit: percent\n"                                \
	"    targets:\n      - {label: 2%-norm, value: 2}\n"                \
	"      - {label: '3,5%-norm', value: 3.5}\n"                          \
	"    series:\n      - name: Test\n        values: {"

/* An hbar of n categories, drawn; NULL and *msg when refused. */
static struct chart_drawing *draw_n(struct fixture *f, int n,
				    const char **msg)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, HBAR_HEAD);
	for (int k = 1; k <= n; k++)
		strbuf_addf(&sb, "%sLand %d: %.2f", k > 1 ? ", " : "", k,
			    1 + (k * 7 % 32) * 0.15);
	strbuf_adds(&sb, "}\n");
	const char *yaml = strbuf_finish(&sb, f->a);
	struct diags d;
	diags_init(&d, f->a);
	struct document *doc =
		model_parse_buffer(f->a, "t.yaml", yaml, strlen(yaml), &d);
	assert_non_null(doc);
	struct chart_drawing *cd =
		chart_draw(f->ts, f->a, f->l, chart_find(doc, "c"), &d);
	*msg = d.first ? d.first->message : NULL;
	return cd;
}

static void test_hbar_fits_its_page_up_to_a_limit(void **state)
{
	struct fixture *f = *state;
	const struct layout *l = f->l;
	double room = l->page_height_pt - l->margin_top_pt -
		      l->margin_bottom_pt;
	const char *msg;
	/* The refusal says how many fit; exactly those do. */
	assert_null(draw_n(f, 60, &msg));
	assert_non_null(msg);
	assert_string_equal(msg,
			    "chart 'c' has 60 categories and does not fit on a "
			    "page: with its thinnest bars (rows of 11 pt) it "
			    "is 730 pt tall, and a page holds 672 pt; at most "
			    "54 categories fit; split it into charts with "
			    "fewer categories");
	int most = 54;
	for (int n = 1; n <= 60; n++) {
		struct chart_drawing *cd = draw_n(f, n, &msg);
		if (n > most) {
			assert_null(cd);
			assert_non_null(msg);
			assert_non_null(strstr(msg, arena_printf(
				f->a, "has %d categories and does not fit", n)));
			assert_non_null(strstr(msg, "at most 54 categories fit"));
			continue;
		}
		assert_non_null(cd);
		assert_null(msg);
		assert_true(cd->height_pt <= room + 1e-9);
		assert_inside(cd);
		assert_no_overlap(cd);
		/* Every category and every value is shown. */
		assert_true(has_label(cd, arena_printf(f->a, "Land %d", n)));
		size_t values = 0;
		for (size_t i = 0; i < cd->n_labels; i++)
			values += label_text(&cd->labels[i])[label_len(
					  &cd->labels[i]) - 1] == '%' &&
				  !same_rgb(cd->labels[i].rgb,
					    l->chart.target_rgb);
		assert_true(values >= (size_t)n);
	}
	/* 32 with room to spare for a note: the bars only got thinner. */
	struct chart_drawing *cd = draw_n(f, 32, &msg);
	assert_non_null(cd);
	assert_true(cd->height_pt <= room);
}

static void test_hbar_value_labels_smaller_then_left_out(void **state)
{
	struct fixture *f = *state;
	/* Four series of many categories: bars too thin for chart_value. */
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "    type: hbar\n    unit: count\n    series:\n");
	for (int s = 0; s < 4; s++) {
		strbuf_addf(&sb, "      - name: Reeks %d\n        values: {", s);
		for (int k = 0; k < 12; k++)
			strbuf_addf(&sb, "%sL%d: %d", k ? ", " : "", k,
				    (k + 1) * (s + 2));
		strbuf_adds(&sb, "}\n");
	}
	struct chart_drawing *cd = draw(f, strbuf_finish(&sb, f->a));
	assert_inside(cd);
	assert_no_overlap(cd);
	const struct style *small = layout_style(f->l, "chart_value_small");
	size_t small_labels = 0;
	for (size_t i = 0; i < cd->n_labels; i++) {
		PangoGlyphItem *gi = cd->labels[i].runs->data;
		PangoFontDescription *fd =
			pango_font_describe(gi->item->analysis.font);
		double size = pango_font_description_get_size(fd) /
			      (double)PANGO_SCALE;
		small_labels += fabs(size - small->size_pt) < 0.01;
		pango_font_description_free(fd);
	}
	assert_int_equal(small_labels, 4 * 12);
	/* Twenty categories: too thin even for those; no value labels. */
	sb = (struct strbuf)STRBUF_INIT;
	strbuf_adds(&sb, "    type: hbar\n    unit: count\n    series:\n");
	for (int s = 0; s < 4; s++) {
		strbuf_addf(&sb, "      - name: Reeks %d\n        values: {", s);
		for (int k = 0; k < 20; k++)
			strbuf_addf(&sb, "%sL%d: %d", k ? ", " : "", k,
				    100 + k * 4 + s);
		strbuf_adds(&sb, "}\n");
	}
	cd = draw(f, strbuf_finish(&sb, f->a));
	assert_inside(cd);
	assert_no_overlap(cd);
	assert_true(has_label(cd, "L19"));
	assert_false(has_label(cd, "101") || has_label(cd, "179"));
}

/* Highlight and sort ----------------------------------------------------- */

static bool is_bold(const struct tpart *p)
{
	PangoGlyphItem *gi = p->runs->data;
	PangoFontDescription *fd = pango_font_describe(gi->item->analysis.font);
	bool bold = pango_font_description_get_weight(fd) >= PANGO_WEIGHT_BOLD;
	pango_font_description_free(fd);
	return bold;
}

static const struct tpart *find_label(const struct chart_drawing *cd,
				      const char *text)
{
	for (size_t i = 0; i < cd->n_labels; i++)
		if ((size_t)label_len(&cd->labels[i]) == strlen(text) &&
		    !memcmp(label_text(&cd->labels[i]), text, strlen(text)))
			return &cd->labels[i];
	return NULL;
}

static void test_highlight_in_accent_hatched_and_bold(void **state)
{
	struct fixture *f = *state;
	const struct chart_layout *cl = &f->l->chart;
	static const char *const types[] = { "bar", "hbar", "stacked-bar" };
	for (int i = 0; i < 3; i++) {
		struct chart_drawing *cd = draw(
			f, arena_printf(f->a,
					"    type: %s\n    unit: percent\n"
					"    highlight: [Nederland]\n"
					"    series:\n      - name: Test\n"
					"        values: {België: 1.2, Nederland: "
					"2, Duitsland: 2.1}\n",
					types[i]));
		assert_inside(cd);
		assert_no_overlap(cd);
		size_t accent = 0, hatched = 0;
		for (size_t k = 0; k < cd->n_paths; k++) {
			const struct dl_path *p = &cd->paths[k];
			if (p->fill && same_rgb(p->fill_rgb, cl->highlight_rgb))
				accent++, hatched += p->hatch_pt > 0;
		}
		assert_int_equal(accent, 1);
		assert_int_equal(hatched, 1);
		assert_true(is_bold(find_label(cd, "Nederland")));
		assert_false(is_bold(find_label(cd, "België")));
	}
	/* Several series keep their colours; the category is hatched. */
	struct chart_drawing *cd = draw(
		f, "    type: bar\n    unit: percent\n    highlight: [B]\n"
		   "    series:\n      - {name: X, values: {A: 1, B: 2}}\n"
		   "      - {name: Y, values: {A: 2, B: 3}}\n");
	size_t hatched = 0;
	for (size_t k = 0; k < cd->n_paths; k++) {
		const struct dl_path *p = &cd->paths[k];
		if (p->hatch_pt > 0)
			assert_true(same_rgb(p->fill_rgb,
					     cl->palette.rgb[hatched++]));
	}
	assert_int_equal(hatched, 2);
}

static void test_sort_orders_bars_and_alt_text(void **state)
{
	struct fixture *f = *state;
	const char *values = "    series:\n      - name: Test\n"
			     "        values: {B: 2, A: 3.5, D: 1, C: 2}\n";
	/* Descending in an hbar: top to bottom A, B, C, D (B before C:
	 * equal values keep the order written). */
	struct chart_drawing *cd = draw(
		f, arena_printf(f->a, "    type: hbar\n    unit: percent\n"
				      "    sort: descending\n%s", values));
	const char *order = "ABCD";
	for (int i = 0; i < 3; i++) {
		char a[2] = { order[i], 0 }, b[2] = { order[i + 1], 0 };
		assert_true(find_label(cd, a)->baseline_pt <
			    find_label(cd, b)->baseline_pt);
	}
	/* Ascending in a bar chart: left to right D, B, C, A. */
	cd = draw(f, arena_printf(f->a, "    type: bar\n    unit: percent\n"
					"    sort: ascending\n%s", values));
	order = "DBCA";
	for (int i = 0; i < 3; i++) {
		char a[2] = { order[i], 0 }, b[2] = { order[i + 1], 0 };
		assert_true(find_label(cd, a)->x_pt < find_label(cd, b)->x_pt);
	}
	/* The alternative text reads them as drawn. */
	const char *yaml = arena_printf(f->a, "%s    type: bar\n    unit: "
					      "percent\n    sort: ascending\n%s",
					DOC, values);
	struct diags d;
	diags_init(&d, f->a);
	struct document *doc =
		model_parse_buffer(f->a, "t.yaml", yaml, strlen(yaml), &d);
	assert_non_null(doc);
	assert_string_equal(chart_alt(f->a, chart_find(doc, "c")),
			    "Steun aan Oekraïne, percentages: D 1,0%; B 2,0%; "
			    "C 2,0%; A 3,5%.");
	/* A stack sorts by its total; a category only in the second series
	 * has a total too. */
	cd = draw(f, "    type: stacked-bar\n    unit: count\n"
		     "    sort: descending\n    series:\n"
		     "      - {name: X, values: {A: 1, B: 5}}\n"
		     "      - {name: Y, values: {A: 9, C: 2}}\n");
	assert_true(find_label(cd, "A")->x_pt < find_label(cd, "B")->x_pt);
	assert_true(find_label(cd, "B")->x_pt < find_label(cd, "C")->x_pt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_billions_get_mld_with_one_decimal),
		T(test_millions_get_mln),
		T(test_percent_ticks_and_labels),
		T(test_counts_get_thousands_points),
		T(test_negative_values_keep_zero_inside),
		T(test_all_zero_gives_an_axis_to_one),
		T(test_every_range_gets_4_to_7_nice_ticks),
		T(test_counts_tick_in_whole_numbers),
		T(test_label_stride_thins_only_when_needed),
		T(test_bar_chart_inside_its_box),
		T(test_grouped_bars_get_a_legend),
		T(test_stacked_bar_shows_parts_and_total),
		T(test_hbar_with_long_labels),
		T(test_negative_values_draw_below_zero),
		T(test_single_category),
		T(test_line_has_gaps_and_markers),
		T(test_many_years_are_thinned_never_overlapped),
		T(test_long_category_labels_are_turned_not_dropped),
		T(test_fourth_series_on_is_hatched_for_greyscale),
		T(test_stack_below_zero_has_no_zero_total_above),
		T(test_line_over_years_keeps_time_in_proportion),
		T(test_random_charts_stay_inside_and_apart),
		T(test_spread_keeps_apart_labels_where_they_are),
		T(test_spread_moves_two_symmetrically_until_they_touch),
		T(test_spread_groups_and_keeps_order),
		T(test_spread_stays_in_its_room),
		T(test_target_labels_at_their_lines_in_vertical_charts),
		T(test_target_labels_at_their_lines_in_hbar),
		T(test_line_ends_labelled_and_set_apart),
		T(test_hbar_fits_its_page_up_to_a_limit),
		T(test_hbar_value_labels_smaller_then_left_out),
		T(test_highlight_in_accent_hatched_and_bold),
		T(test_sort_orders_bars_and_alt_text),
#undef T
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
