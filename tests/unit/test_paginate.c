/*
 * test_paginate.c — lines onto pages: footnotes, continued notes, margins.
 *
 * Input: meeting files built in memory (a long section, footnotes short
 * and very long), composed, typeset with the real fonts and layout, and
 * paginated. Output checked: on which page each footnote's lines land,
 * how a note too long for its page is continued, and that no line of the
 * flow or the notes goes below the bottom margin.
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

#include "compose.h"
#include "hyph.h"
#include "layout.h"
#include "model.h"
#include "paginate.h"
#include "typeset.h"

#include "typeset_fixture.h"

static const char sentence[] =
	"De bondgenoten spreken over de steun aan Oekraïne en over de "
	"gevolgen van de oorlog voor de Euro-Atlantische veiligheid. ";

/* The meeting file of yaml, composed and set: *c its composition. */
static struct typeset_doc *set_meeting(struct fixture *f, struct strbuf *yaml,
				       struct composition **c)
{
	const char *buf = strbuf_finish(yaml, f->a);
	struct document *doc = model_parse_buffer(f->a, "t.yaml", buf,
						  strlen(buf), &f->d);
	assert_non_null(doc);
	*c = compose_document(f->a, f->h, doc, f->l,
						 model_document_date(doc, -1));
	struct typeset_doc *td = typeset_blocks(f->ts, f->a, *c, &f->d);
	assert_non_null(td);
	return td;
}

/* A meeting with `paras` paragraphs, the last one referring to note "a"
 * of `note_sentences` sentences. */
static struct pages *render(void **state, int paras, int note_sentences,
			    struct typeset_doc **td_out)
{
	struct fixture *f = *state;
	struct strbuf y = STRBUF_INIT;
	strbuf_adds(&y, "format: 1\nid: t\ndocument: geannoteerde-agenda\n"
			"meeting:\n  name: NAVO\n  dates: [2025-12-03]\n"
			"  place: Brussel\nsections:\n  - heading: Raad\n"
			"    text: |\n");
	for (int p = 0; p < paras; p++) {
		strbuf_adds(&y, "      ");
		for (int s = 0; s < 4; s++)
			strbuf_adds(&y, sentence);
		strbuf_adds(&y, p + 1 == paras ? "Slot.[^a]\n\n" : "\n\n");
	}
	strbuf_adds(&y, "notes:\n  a: \"");
	for (int s = 0; s < note_sentences; s++)
		strbuf_adds(&y, sentence);
	strbuf_adds(&y, "\"\n");
	struct composition *c;
	*td_out = set_meeting(f, &y, &c);
	return paginate(f->ts, f->a, c, *td_out);
}

static void assert_inside_margins(void **state, const struct pages *ps)
{
	struct fixture *f = *state;
	double bottom = f->l->page_height_pt - f->l->margin_bottom_pt;
	for (size_t p = 0; p < ps->n_pages; p++)
		for (size_t i = 0; i < ps->pages[p].n_lines; i++) {
			const struct placed_line *pl = &ps->pages[p].lines[i];
			if (!pl->artifact)
				assert_true(pl->y_pt + pl->line->height_pt <=
					    bottom + 0.01);
		}
}

/* The page (1-based) and line of the flow that refers to note 1. */
static size_t page_of_reference(const struct pages *ps)
{
	for (size_t p = 0; p < ps->n_pages; p++)
		for (size_t i = 0; i < ps->pages[p].n_lines; i++)
			for (int k = 0; k < ps->pages[p].lines[i].line->n_notes;
			     k++)
				if (ps->pages[p].lines[i].line->notes[k] == 1)
					return p + 1;
	return 0;
}

static void test_footnote_on_the_page_of_its_reference(void **state)
{
	struct typeset_doc *td;
	struct pages *ps = render(state, 3, 2, &td);
	size_t p = page_of_reference(ps);
	assert_true(p > 0);
	const struct page *pg = &ps->pages[p - 1];
	assert_int_equal(pg->n_dests, 1);
	assert_int_equal(pg->dests[0].note, 1);
	assert_int_equal(pg->dests[0].first_line, 0);
	assert_int_equal(pg->dests[0].n_lines, td->notes[0].n_lines);
	assert_inside_margins(state, ps);
}

static void test_footnote_too_long_for_a_page_is_continued(void **state)
{
	struct typeset_doc *td;
	/* About 120 lines of note: more than a page holds. */
	struct pages *ps = render(state, 2, 60, &td);
	size_t total = td->notes[0].n_lines;
	size_t p = page_of_reference(ps);
	assert_true(p > 0 && p < ps->n_pages);
	size_t placed = 0;
	for (size_t q = p - 1; q < ps->n_pages; q++) {
		const struct page *pg = &ps->pages[q];
		if (!pg->n_dests)
			break;
		assert_int_equal(pg->dests[0].note, 1);
		assert_int_equal(pg->dests[0].first_line, placed);
		placed += pg->dests[0].n_lines;
	}
	assert_int_equal(placed, total);
	/* It starts on the page of its reference. */
	assert_true(ps->pages[p - 1].n_dests == 1);
	assert_true(ps->pages[p - 1].dests[0].n_lines >= 2);
	assert_inside_margins(state, ps);
}

/* The page (0-based) a line of the typeset document is placed on. */
static size_t page_of_line(const struct pages *ps, const struct tline *tl)
{
	for (size_t p = 0; p < ps->n_pages; p++)
		for (size_t i = 0; i < ps->pages[p].n_lines; i++)
			if (ps->pages[p].lines[i].line == tl)
				return p;
	fail_msg("a line that is on no page");
	return 0;
}

/* Sections of a heading and paragraphs of varying length, so that
 * headings fall near page ends. */
static void test_heading_keeps_two_lines_of_what_follows(void **state)
{
	struct fixture *f = *state;
	struct strbuf y = STRBUF_INIT;
	strbuf_adds(&y, "format: 1\nid: t\ndocument: geannoteerde-agenda\n"
			"meeting:\n  name: NAVO\n  dates: [2025-12-03]\n"
			"  place: Brussel\nsections:\n");
	for (int sec = 0; sec < 12; sec++) {
		strbuf_addf(&y, "  - heading: Sessie %d\n    text: |\n", sec);
		for (int p = 0; p < 2 + sec % 3; p++) {
			strbuf_adds(&y, "      ");
			for (int k = 0; k < 1 + (sec + p) % 4; k++)
				strbuf_adds(&y, sentence);
			strbuf_adds(&y, "\n\n");
		}
	}
	struct composition *c;
	struct typeset_doc *td = set_meeting(f, &y, &c);
	struct pages *ps = paginate(f->ts, f->a, c, td);
	assert_true(ps->n_pages >= 3);
	size_t headings = 0, tops = 0;
	for (size_t i = 0; i + 1 < td->n_blocks; i++) {
		const struct tblock *h = &td->blocks[i], *next = &td->blocks[i + 1];
		if (h->outline_level != 2 || !h->n_lines || next->n_lines < 2)
			continue;
		size_t p = page_of_line(ps, &h->lines[0]);
		assert_int_equal(page_of_line(ps, &next->lines[0]), p);
		assert_int_equal(page_of_line(ps, &next->lines[1]), p);
		headings++;
		const struct page *pg = &ps->pages[p];
		for (size_t k = 0; k < pg->n_lines; k++)
			if (!pg->lines[k].artifact) {
				tops += pg->lines[k].line == &h->lines[0];
				break;
			}
	}
	assert_int_equal(headings, 12);
	/* One of them went to the top of the next page with its lines. */
	assert_int_equal(tops, 1);
	assert_inside_margins(state, ps);
}

/* The block of the flow that holds line tl, or NULL (a note, furniture). */
static const struct tblock *block_of(const struct typeset_doc *td,
				     const struct tline *tl)
{
	for (size_t i = 0; i < td->n_blocks; i++)
		if (td->blocks[i].n_lines && tl >= td->blocks[i].lines &&
		    tl < td->blocks[i].lines + td->blocks[i].n_lines)
			return &td->blocks[i];
	return NULL;
}

/* A real meeting paginated with 40 top margins, 5 pt apart, so page
 * breaks fall at many places of its paragraphs. */
static void test_no_hyphen_at_the_foot_of_a_page(void **state)
{
	struct fixture *f = *state;
	struct document *doc = model_parse_file(
		f->a, "inputs/meetings/2024-12-03-fmm.yaml", &f->d);
	assert_non_null(doc);
	struct composition *c = compose_document(f->a, f->h, doc, f->l,
						 model_document_date(doc, -1));
	struct typeset_doc *td = typeset_blocks(f->ts, f->a, c, &f->d);
	assert_non_null(td);
	double top = f->l->margin_top_pt;
	int ends_hyphenated = 0, carried = 0;
	for (int m = 0; m < 40; m++) {
		f->l->margin_top_pt = top + 5 * m;
		struct pages *ps = paginate(f->ts, f->a, c, td);
		for (size_t p = 0; p + 1 < ps->n_pages; p++) {
			const struct page *pg = &ps->pages[p];
			const struct tline *last = NULL;
			for (size_t i = 0; i < pg->n_lines; i++)
				if (block_of(td, pg->lines[i].line))
					last = pg->lines[i].line;
			const struct page *nx = &ps->pages[p + 1];
			const struct tline *first = NULL;
			for (size_t i = 0; i < nx->n_lines && !first; i++)
				if (block_of(td, nx->lines[i].line))
					first = nx->lines[i].line;
			ends_hyphenated += last && last->hyphenated;
			/* The rule at work: a hyphenated line carried over to
			 * the head of the next page, its paragraph split. */
			carried += first && first->hyphenated && last &&
				   block_of(td, first) == block_of(td, last);
		}
	}
	f->l->margin_top_pt = top;
	/* Without the rule some of these page ends are hyphenated; with it
	 * none, and 14 times a hyphenated line heads the next page (or its
	 * paragraph moves on whole); 14 with the compound dictionary too (36
	 * and 33 before font expansion made hyphens rarer). */
	assert_int_equal(ends_hyphenated, 0);
	assert_int_equal(carried, 14);
}

#define T(name) cmocka_unit_test(name)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_footnote_on_the_page_of_its_reference),
		T(test_footnote_too_long_for_a_page_is_continued),
		T(test_heading_keeps_two_lines_of_what_follows),
		T(test_no_hyphen_at_the_foot_of_a_page),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
