/*
 * test_typeset_linebreak.c — total-fit breaking on paragraphs of made-up items.
 *
 * Input: boxes, glue and penalties with round widths, so every expected
 * break and ratio can be worked out by hand. Output checked: the exact
 * lines (item ranges), their ratios and hyphen flags.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arena.h"
#include "typeset_linebreak.h"

static const struct lb_params params = {
	.line_width_pt = 100,
	.tolerance = 100,
	.emergency_tolerance = 150,
	.line_penalty = 10,
	.fitness_demerits = 10000,
	.consecutive_hyphen_demerits = 10000,
	.final_hyphen_demerits = 5000,
	.max_hyphen_run = 2,
};

static struct lb_item box(double w)
{
	return (struct lb_item){ LB_BOX, w, 0, 0, 0, false };
}

static struct lb_item space(void)
{
	return (struct lb_item){ LB_GLUE, 10, 5, 3, 0, false };
}

static struct lb_item hyphen(int penalty)
{
	return (struct lb_item){ LB_PENALTY, 5, 0, 0, penalty, true };
}

/*
 * Words of 15 25 35 | 30 35 20 | 25 with spaces of 10 (+5, -3) in a
 * measure of 100. First fit takes 15 25 35 (95, ratio 0.5), then 30 35
 * (75: spaces stretched to ratio 5.0, since 30 35 20 is 105 wide) and
 * 20 25. Total fit shrinks the second line instead: 105 - 100 = 5 of
 * its 6 shrink, ratio -0.83, and needs no loose line at all.
 */
static void test_knuth_plass_prefers_even_spacing(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	static const double words[] = { 15, 25, 35, 30, 35, 20, 25 };
	struct lb_item it[13];
	size_t n = 0;
	for (int w = 0; w < 7; w++) {
		if (w)
			it[n++] = space();
		it[n++] = box(words[w]);
	}
	struct lb_line *lines;
	size_t k = lb_break(a, it, n, &params, &lines);
	assert_int_equal(k, 3);
	assert_int_equal(lines[0].start, 0);
	assert_int_equal(lines[0].end, 5);
	assert_true(lines[0].ratio == 0.5);
	assert_int_equal(lines[1].start, 6);
	assert_int_equal(lines[1].end, 11);
	assert_true(lines[1].ratio > -0.8334 && lines[1].ratio < -0.8333);
	assert_int_equal(lines[2].start, 12);
	assert_int_equal(lines[2].end, 13);
	assert_true(lines[2].ratio == 0); /* the last line is ragged */
	arena_destroy(a);
}

/* Five words of 28: three fit only by shrinking (104 in 100, ratio
 * -0.67), two alone are far too loose (ratio 3.4): 3 | 2, exactly. */
static void test_knuth_plass_shrinks_rather_than_stretches_too_far(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	struct lb_item it[9];
	size_t n = 0;
	for (int w = 0; w < 5; w++) {
		if (w)
			it[n++] = space();
		it[n++] = box(28);
	}
	struct lb_line *lines;
	size_t k = lb_break(a, it, n, &params, &lines);
	assert_int_equal(k, 2);
	assert_int_equal(lines[0].end, 5);
	assert_true(lines[0].ratio < -0.666 && lines[0].ratio > -0.667);
	arena_destroy(a);
}

/*
 * Words of two halves of 18 with a hyphen point between, spaces 10: a
 * line that starts with a word's second half holds it, a word and the
 * next first half with a hyphen (18+10+36+10+18+5 = 97, ratio 0.3);
 * without a hyphen it is 64 or 104+ wide. So hyphens pile up: without a
 * limit every line ends in one; with max_hyphen_run 2 never three.
 */
static size_t longest_hyphen_run(const struct lb_params *p)
{
	struct arena *a = arena_create();
	struct lb_item it[64];
	size_t n = 0;
	for (int w = 0; w < 12; w++) {
		if (w)
			it[n++] = space();
		it[n++] = box(18);
		it[n++] = hyphen(50);
		it[n++] = box(18);
	}
	struct lb_line *lines;
	size_t k = lb_break(a, it, n, p, &lines);
	size_t run = 0, longest = 0;
	for (size_t i = 0; i < k; i++) {
		run = lines[i].hyphenated ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	arena_destroy(a);
	return longest;
}

static void test_no_three_hyphens_in_a_row(void **state)
{
	(void)state;
	struct lb_params unlimited = params;
	unlimited.max_hyphen_run = 20;
	unlimited.consecutive_hyphen_demerits = 0;
	assert_true(longest_hyphen_run(&unlimited) >= 3);
	assert_true(longest_hyphen_run(&params) <= 2);
}

static void test_a_forced_break_ends_the_line_ragged(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	struct lb_item it[] = {
		box(20), space(), box(20),
		{ LB_PENALTY, 0, 0, 0, -LB_INFINITY, false },
		box(20),
	};
	struct lb_line *lines;
	size_t k = lb_break(a, it, 5, &params, &lines);
	assert_int_equal(k, 2);
	assert_int_equal(lines[0].end, 3);
	assert_true(lines[0].ratio == 0);
	assert_int_equal(lines[1].start, 4);
	arena_destroy(a);
}

/* A box wider than the line stands out rather than failing. */
static void test_an_overfull_box_stands_out(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	struct lb_item it[] = { box(50), space(), box(150), space(), box(50) };
	struct lb_line *lines;
	size_t k = lb_break(a, it, 5, &params, &lines);
	assert_int_equal(k, 3);
	assert_int_equal(lines[1].start, 2);
	assert_int_equal(lines[1].end, 3);
	arena_destroy(a);
}

/* 40 45-45~40 (a compound's own hyphen after the first 45, penalty 40;
 * a soft hyphen after the second, penalty 100): both breaks give lines
 * within tolerance; the compound's own hyphen wins. */
static void test_compound_prefers_its_own_hyphen(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	struct lb_item it[] = {
		box(40), space(), box(45),
		{ LB_PENALTY, 0, 0, 0, 40, true },
		box(45),
		{ LB_PENALTY, 0, 0, 0, 100, true },
		box(40),
	};
	struct lb_line *lines;
	size_t k = lb_break(a, it, 7, &params, &lines);
	assert_int_equal(k, 2);
	assert_int_equal(lines[0].end, 3);
	assert_true(lines[0].hyphenated);
	arena_destroy(a);
}

/*
 * Words of 42 42.85 1 42 42.5 30, spaces of 10 (+5, -3), a measure of
 * 100. No breaking keeps every space within its stretch: either the
 * first line is 42 42.85 (ratio 1.03) or, with the 1 on it, the second
 * is 42 42.5 (ratio 1.1: 0.5 more than its spaces' stretch of 5). When
 * the last two words may be letter-spaced by 0.3 each, the second way
 * sets every space within its stretch (ratio 1) and letter spacing takes
 * the 0.5; without letter spacing, or with too little, the first way is
 * the one with the fewest demerits, its spaces stretched beyond.
 */
static void set_with_track(double track, struct lb_line **lines, size_t *k,
			   struct arena *a)
{
	static const double words[] = { 42, 42.85, 1, 42, 42.5, 30 };
	struct lb_item it[11];
	double tr[11] = { 0 };
	size_t n = 0;
	for (int w = 0; w < 6; w++) {
		if (w)
			it[n++] = space();
		if (w == 3 || w == 4)
			tr[n] = track;
		it[n++] = box(words[w]);
	}
	struct lb_params p = params;
	p.track_pt = tr;
	*k = lb_break(a, it, n, &p, lines);
}

static void test_letter_spacing_before_wider_spaces(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	struct lb_line *lines;
	size_t k;
	set_with_track(0.3, &lines, &k, a);
	assert_int_equal(k, 3);
	assert_int_equal(lines[0].end, 5);
	assert_true(lines[0].ratio > -0.9751 && lines[0].ratio < -0.9749);
	assert_int_equal(lines[1].start, 6);
	assert_int_equal(lines[1].end, 9);
	assert_true(lines[1].ratio == 1); /* the rest is letter spacing */
	assert_int_equal(lines[2].start, 10);
	arena_destroy(a);
}

static void test_spaces_stretch_further_where_letter_spacing_cannot(
	void **state)
{
	(void)state;
	static const double tracks[] = { 0, 0.2 }; /* 0.4 < 0.5 */
	for (int t = 0; t < 2; t++) {
		struct arena *a = arena_create();
		struct lb_line *lines;
		size_t k;
		set_with_track(tracks[t], &lines, &k, a);
		assert_int_equal(k, 3);
		assert_int_equal(lines[0].end, 3);
		assert_true(lines[0].ratio > 1.0299 && lines[0].ratio < 1.0301);
		assert_int_equal(lines[1].start, 4);
		assert_int_equal(lines[1].end, 9);
		arena_destroy(a);
	}
}

/* Where the spaces can do it, letter spacing changes nothing: the
 * paragraph of test_knuth_plass_prefers_even_spacing, every word free
 * to be letter-spaced, is set exactly as without. */
static void test_letter_spacing_unused_where_spaces_suffice(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	static const double words[] = { 15, 25, 35, 30, 35, 20, 25 };
	struct lb_item it[13];
	double tr[13];
	size_t n = 0;
	for (int w = 0; w < 7; w++) {
		if (w)
			it[n++] = space();
		it[n++] = box(words[w]);
	}
	for (size_t i = 0; i < n; i++)
		tr[i] = it[i].kind == LB_BOX ? 5 : 0;
	struct lb_params p = params;
	p.track_pt = tr;
	struct lb_line *lines;
	size_t k = lb_break(a, it, n, &p, &lines);
	assert_int_equal(k, 3);
	assert_int_equal(lines[0].end, 5);
	assert_true(lines[0].ratio == 0.5);
	assert_int_equal(lines[1].end, 11);
	assert_true(lines[1].ratio > -0.8334 && lines[1].ratio < -0.8333);
	arena_destroy(a);
}

/*
 * Words of 50 42 | 30, spaces of 10 (+5, -3), a measure of 100: the
 * first line is 102 wide and shrinks (ratio -2/3). When its first word
 * hangs 1.5 into the left margin and its last 2 into the right one
 * (protrusion), it has 3.5 more room: 1.5 left, its spaces stretched by
 * a ratio of 0.3; the line says how far it hangs on each side.
 */
static void test_protrusion_gives_a_line_room(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	struct lb_item it[] = { box(50), space(), box(42), space(), box(30) };
	double left[5] = { 1.5, 0, 0, 0, 0 }, right[5] = { 0, 0, 2, 0, 0 };
	struct lb_params p = params;
	struct lb_line *lines;
	assert_int_equal(lb_break(a, it, 5, &p, &lines), 2);
	assert_int_equal(lines[0].end, 3);
	assert_true(lines[0].ratio > -0.6667 && lines[0].ratio < -0.6666);
	assert_true(lines[0].protrude_left_pt == 0);
	p.protrude_left_pt = left;
	p.protrude_right_pt = right;
	assert_int_equal(lb_break(a, it, 5, &p, &lines), 2);
	assert_int_equal(lines[0].end, 3);
	assert_true(lines[0].ratio > 0.2999 && lines[0].ratio < 0.3001);
	assert_true(lines[0].protrude_left_pt == 1.5);
	assert_true(lines[0].protrude_right_pt == 2);
	assert_true(lines[1].protrude_left_pt == 0);
	arena_destroy(a);
}

/*
 * Words of 40 40 | 40 40, spaces of 10 (+5, -3), a measure of 100: a
 * line of two words leaves 10 to its one space, twice its stretch
 * (ratio 2, beyond every tolerance but the last pass's). When each word
 * may widen by 2.5 (font expansion, a box's stretch), the line's stretch
 * is 10 and it is set at ratio 1 in the first pass.
 */
static void test_font_expansion_counts_as_stretch(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	struct lb_item it[] = { box(40), space(), box(40), space(), box(40),
				space(), box(40) };
	struct lb_line *lines;
	assert_int_equal(lb_break(a, it, 7, &params, &lines), 2);
	assert_int_equal(lines[0].end, 3);
	assert_true(lines[0].ratio == 2);
	for (size_t k = 0; k < 7; k += 2)
		it[k].stretch_pt = 2.5;
	assert_int_equal(lb_break(a, it, 7, &params, &lines), 2);
	assert_int_equal(lines[0].end, 3);
	assert_true(lines[0].ratio == 1);
	arena_destroy(a);
}

/*
 * Words 60, 20=4 (a hyphenation point of penalty 50 in it) and 30,
 * spaces of 10 (+5, -3), a measure of 100. Unbroken, the first line
 * 60 24 is 94 wide: 1 more than its space's stretch, which letter
 * spacing of 0.5 on each piece of the second word can take. Broken,
 * 60 20- is 95, its space at ratio 1, for the hyphen's 50² = 2500
 * demerits and 5000 more for a hyphen on the next-to-last line. With
 * track_demerits under those 7500 the first pass letter-spaces the
 * line; over them, or 0 (letter spacing only where nothing else fits),
 * it breaks the word.
 */
static void test_letter_spacing_before_a_hyphen_at_a_price(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	struct lb_item it[] = { box(60), space(), box(20), hyphen(50), box(4),
				space(), box(30) };
	double track[7] = { 0, 0, 0.5, 0, 0.5, 0, 0 };
	struct lb_params p = params;
	p.track_pt = track;
	static const int price[] = { 1000, 9000, 0 };
	for (int k = 0; k < 3; k++) {
		struct lb_line *lines;
		p.track_demerits = price[k];
		assert_int_equal(lb_break(a, it, 7, &p, &lines), 2);
		assert_int_equal(lines[0].end, k == 0 ? 5 : 3);
		assert_true(lines[0].ratio == 1);
		assert_int_equal(lines[0].hyphenated, k != 0);
	}
	arena_destroy(a);
}

/* Paragraphs of random words, spaces, hyphenation points, compound
 * hyphens, forced breaks and last resorts, justified and ragged, with
 * and without letter spacing (in the first pass too), font expansion and
 * protrusion (less than the narrowest word, so that lines still only
 * get longer going back), in measures from a word to the whole: the
 * breaker that passes over lines too loose to be taken breaks them as
 * the one that tries every line. */
static void test_skipping_loose_lines_changes_no_break(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	unsigned seed = 18;
	for (int round = 0; round < 400; round++) {
		size_t n = 0, cap = 300;
		struct lb_item *it = arena_array(a, cap, sizeof *it);
		double *track = arena_array(a, cap, sizeof *track);
		double *left = arena_array(a, cap, sizeof *left);
		double *right = arena_array(a, cap, sizeof *right);
		while (n + 3 < cap) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = (seed >> 16) % 100;
			it[n] = box(5 + (seed >> 8) % 40);
			if (round % 2) {
				it[n].stretch_pt = it[n].width_pt * 0.02;
				it[n].shrink_pt = it[n].width_pt * 0.02;
			}
			left[n] = (seed >> 3) % 3 * 0.7;
			right[n] = (seed >> 5) % 4 * 0.6;
			track[n++] = ((seed >> 4) % 3) * 0.5;
			if (r < 70) {
				it[n++] = space();
			} else if (r < 85) {
				right[n] = 1.5;
				it[n++] = hyphen(50);
			} else if (r < 92) {
				it[n++] = (struct lb_item){ LB_PENALTY, 0, 0, 0,
							    30, true };
			} else if (r < 95) {
				it[n++] = (struct lb_item){
					LB_PENALTY, 0, 0, 0, -LB_INFINITY,
					false };
			} else if (r < 97) {
				it[n++] = (struct lb_item){
					LB_PENALTY, 0, 0, 0, LB_LAST_RESORT,
					false };
			}
		}
		struct lb_params p = params;
		p.line_width_pt = 20 + round % 37 * 12;
		p.ragged = round % 5 == 0;
		p.ragged_stretch_pt = 30;
		p.track_pt = round % 3 ? track : NULL;
		p.track_demerits = round % 4 == 1 ? 3000 : 0;
		p.protrude_left_pt = round % 6 < 3 ? left : NULL;
		p.protrude_right_pt = round % 6 < 3 ? right : NULL;
		p.tolerance = round % 7 == 0 ? 20 : 100;
		struct lb_line *fast, *slow;
		size_t nf = lb_break(a, it, n, &p, &fast);
		p.scan_all = true;
		size_t ns = lb_break(a, it, n, &p, &slow);
		assert_int_equal(nf, ns);
		for (size_t i = 0; i < nf; i++) {
			assert_int_equal(fast[i].start, slow[i].start);
			assert_int_equal(fast[i].end, slow[i].end);
			assert_true(fast[i].ratio == slow[i].ratio);
			assert_int_equal(fast[i].hyphenated,
					 slow[i].hyphenated);
		}
	}
	arena_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_knuth_plass_prefers_even_spacing),
		cmocka_unit_test(
			test_knuth_plass_shrinks_rather_than_stretches_too_far),
		cmocka_unit_test(test_no_three_hyphens_in_a_row),
		cmocka_unit_test(test_a_forced_break_ends_the_line_ragged),
		cmocka_unit_test(test_an_overfull_box_stands_out),
		cmocka_unit_test(test_compound_prefers_its_own_hyphen),
		cmocka_unit_test(test_letter_spacing_before_wider_spaces),
		cmocka_unit_test(
			test_spaces_stretch_further_where_letter_spacing_cannot),
		cmocka_unit_test(test_letter_spacing_unused_where_spaces_suffice),
		cmocka_unit_test(test_skipping_loose_lines_changes_no_break),
		cmocka_unit_test(test_protrusion_gives_a_line_room),
		cmocka_unit_test(test_font_expansion_counts_as_stretch),
		cmocka_unit_test(test_letter_spacing_before_a_hyphen_at_a_price),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
