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

static struct chart_drawing *draw(struct fixture *f, const char *rest)
{
	const char *yaml = arena_printf(f->a, "%s%s", DOC, rest);
	struct diags d;
	diags_init(&d, f->a);
	struct document *doc =
		model_parse_buffer(f->a, "t.yaml", yaml, strlen(yaml), &d);
	diags_print(&d, stderr);
	assert_non_null(doc);
	struct chart_drawing *cd =
		chart_draw(f->ts, f->a, f->l, chart_find(doc, "c"), &d);
	diags_print(&d, stderr);
	assert_non_null(cd);
	return cd;
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
	}
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
#undef T
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
