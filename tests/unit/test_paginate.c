/*
 * test_paginate.c — lines onto pages: footnotes, continued notes, margins.
 *
 * Input: meeting files built in memory (a long section, footnotes short
 * and very long), composed, typeset with the real fonts and layout, and
 * paginated. Output checked: on which page each footnote's lines land,
 * how a note too long for its page is continued, where a chart that does
 * not fit floats to, and that no line of the
 * flow or the notes goes below the bottom margin.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compose.h"
#include "hyph.h"
#include "layout.h"
#include "model.h"
#include "paginate.h"
#include "parse_pack.h"
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
				assert_true(pl->y_pt + placed_height(pl) <=
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
	 * paragraph moves on whole). 53 before font expansion made hyphens
	 * rarer (typeset_paragraph.c), 36 before the chart that ends the
	 * document took the last lines of its paragraph along to its page
	 * (paginate.c): the paragraph is broken at more page ends. */
	assert_int_equal(ends_hyphenated, 0);
	assert_int_equal(carried, 14);
}

/* Where the flow placed each block's first line: its rank in the order
 * of the placed lines (pages, then lines), or SIZE_MAX (not placed). */
static size_t *placement_ranks(struct fixture *f, const struct pages *ps,
			       const struct typeset_doc *td)
{
	size_t *rank = arena_array(f->a, td->n_blocks, sizeof *rank);
	for (size_t i = 0; i < td->n_blocks; i++)
		rank[i] = SIZE_MAX;
	size_t n = 0;
	for (size_t p = 0; p < ps->n_pages; p++)
		for (size_t k = 0; k < ps->pages[p].n_lines; k++, n++) {
			const struct tblock *b =
				block_of(td, ps->pages[p].lines[k].line);
			if (b && rank[b - td->blocks] == SIZE_MAX)
				rank[b - td->blocks] = n;
		}
	return rank;
}

/* The foot of the lowest line of the flow on page pg. */
static double ink_foot(const struct page *pg)
{
	double low = 0;
	for (size_t k = 0; k < pg->n_lines; k++)
		if (!pg->lines[k].artifact &&
		    pg->lines[k].y_pt + placed_height(&pg->lines[k]) > low)
			low = pg->lines[k].y_pt + placed_height(&pg->lines[k]);
	return low;
}

/* The chart both chart tests set: two bars. */
static const char chart_c[] =
	"charts:\n  - id: c\n    type: bar\n"
	"    title: Steun per jaar\n    unit: count\n"
	"    series:\n      - name: Steun\n"
	"        values: {2024: 1, 2025: 2}\n";

/* A section of 1 to 24 paragraphs with a chart after them, subsections
 * after it, then the next section: the chart falls at every place of a
 * page. It is placed where it stands or, when it does not fit, at the
 * top of the next page with the text after it filling the page before;
 * never after the next section's heading. */
static void test_chart_floats_within_its_section(void **state)
{
	struct fixture *f = *state;
	int floated = 0;
	for (int paras = 1; paras <= 24; paras++) {
		struct strbuf y = STRBUF_INIT;
		strbuf_adds(&y, "format: 1\nid: t\ndocument: "
				"geannoteerde-agenda\nmeeting:\n  name: NAVO\n"
				"  dates: [2025-12-03]\n  place: Brussel\n"
				"sections:\n  - heading: Raad\n    text: |\n");
		for (int p = 0; p < paras; p++) {
			strbuf_adds(&y, "      ");
			for (int s = 0; s < 1 + p % 3; s++)
				strbuf_adds(&y, sentence);
			strbuf_adds(&y, "\n\n");
		}
		strbuf_adds(&y, "    charts: [c]\n    sections:\n"
				"      - heading: Deel\n        text: |\n");
		for (int p = 0; p < 6; p++) {
			strbuf_adds(&y, "          ");
			for (int s = 0; s < 3; s++)
				strbuf_adds(&y, sentence);
			strbuf_adds(&y, "\n\n");
		}
		strbuf_adds(&y, "  - heading: Slot\n    text: Slot.\n"
				"    charts: [c]\n");
		strbuf_adds(&y, chart_c);
		struct composition *c;
		struct typeset_doc *td = set_meeting(f, &y, &c);
		struct pages *ps = paginate(f->ts, f->a, c, td);
		assert_inside_margins(state, ps);
		size_t *rank = placement_ranks(f, ps, td);
		for (size_t i = 0; i < td->n_blocks; i++) {
			if (td->blocks[i].block->kind != BLOCK_CHART)
				continue;
			int level = 0;
			for (size_t h = 0; h < i; h++)
				if (td->blocks[h].outline_level)
					level = td->blocks[h].outline_level;
			assert_true(rank[i] != SIZE_MAX);
			bool passed = false;
			for (size_t k = i + 1; k < td->n_blocks; k++) {
				if (rank[k] == SIZE_MAX)
					continue;
				const struct tblock *b = &td->blocks[k];
				/* never past a heading of its level */
				if (b->outline_level &&
				    b->outline_level <= level)
					assert_true(rank[k] > rank[i]);
				passed |= rank[k] < rank[i];
			}
			if (!passed)
				continue;
			floated++;
			/* it floated: it heads its page, and the page
			 * before is two thirds full */
			size_t p = page_of_line(ps, &td->blocks[i].lines[0]);
			const struct page *pg = &ps->pages[p];
			assert_true(p > 0);
			assert_ptr_equal(pg->lines[0].line,
					 &td->blocks[i].lines[0]);
			double low = ink_foot(&ps->pages[p - 1]);
			assert_true(low - f->l->margin_top_pt >=
				    (f->l->page_height_pt -
				     f->l->margin_top_pt -
				     f->l->margin_bottom_pt) * 2 / 3);
		}
		/* The chart that ends the document never stands alone. */
		const struct tblock *last = &td->blocks[td->n_blocks - 1];
		assert_int_equal(last->block->kind, BLOCK_CHART);
		size_t p = page_of_line(ps, &last->lines[0]);
		const struct tblock *prev = &td->blocks[td->n_blocks - 2];
		if (page_of_line(ps, &prev->lines[prev->n_lines - 1]) != p)
			fail_msg("%d paragraphs: the last chart alone on "
				 "page %zu", paras, p + 1);
	}
	/* In 6 of the 24 the chart did not fit and the subsection after
	 * it filled the page before it (without floats: none). */
	assert_int_equal(floated, 6);
}

/* A section of 1 to 90 one-line paragraphs ending in a chart, then the
 * next section: the chart cannot wait past its heading, so where it does
 * not fit the page before may be left thin. Where a shorter plot (the
 * layout's plot_height_min_pt) makes it fit, it is set shorter there;
 * a page is left under two thirds full only when even that does not. */
static void test_chart_ending_a_section_is_set_shorter_not_left_thin(
	void **state)
{
	struct fixture *f = *state;
	const struct layout *l = f->l;
	double text_h = l->page_height_pt - l->margin_top_pt -
			l->margin_bottom_pt;
	double bottom = l->page_height_pt - l->margin_bottom_pt;
	/* A taller chart than the layout's: one of 150 pt leaves a page
	 * that is under two thirds full room enough. */
	double plot = f->l->chart.plot_height_pt,
	       least = f->l->chart.plot_height_min_pt;
	f->l->chart.plot_height_pt = 200;
	f->l->chart.plot_height_min_pt = 170;
	int shorter = 0, thin = 0;
	for (int paras = 1; paras <= 90; paras++) {
		struct strbuf y = STRBUF_INIT;
		strbuf_adds(&y, "format: 1\nid: t\ndocument: "
				"geannoteerde-agenda\nmeeting:\n  name: NAVO\n"
				"  dates: [2025-12-03]\n  place: Brussel\n"
				"sections:\n  - heading: Raad\n    text: |\n");
		for (int p = 0; p < paras; p++)
			strbuf_addf(&y, "      Een korte zin, nummer %d.\n\n",
				    p + 1);
		strbuf_adds(&y, "    charts: [c]\n"
				"  - heading: Slot\n    text: Slot.\n");
		strbuf_adds(&y, chart_c);
		struct composition *c;
		struct typeset_doc *td = set_meeting(f, &y, &c);
		struct pages *ps = paginate(f->ts, f->a, c, td);
		assert_inside_margins(state, ps);
		size_t i = 0;
		while (td->blocks[i].block->kind != BLOCK_CHART)
			i++;
		const struct tblock *chart = &td->blocks[i];
		const struct tblock *before = &td->blocks[i - 1];
		size_t p = page_of_line(ps, &chart->lines[0]);
		size_t q = page_of_line(ps,
					&before->lines[before->n_lines - 1]);
		const struct placed_line *pl = NULL;
		for (size_t k = 0; k < ps->pages[p].n_lines; k++)
			if (ps->pages[p].lines[k].line == &chart->lines[0])
				pl = &ps->pages[p].lines[k];
		assert_non_null(pl);
		assert_true(pl->shorter_pt >= 0 &&
			    pl->shorter_pt <= chart->shorter_max_pt + 1e-3);
		if (pl->shorter_pt > 0) {
			shorter++;
			/* only where it did not fit and the page was thin */
			assert_int_equal(p, q);
			assert_true(pl->y_pt + chart->lines[0].height_pt >
				    bottom);
			assert_true(pl->y_pt - chart->space_before_pt -
				    before->space_after_pt - l->margin_top_pt <
				    text_h * 2 / 3);
		}
		if (p == q)
			continue;
		double low = ink_foot(&ps->pages[q]);
		if (low - l->margin_top_pt >= text_h * 2 / 3)
			continue;
		/* left thin: even at its shortest it did not fit */
		thin++;
		assert_true(low + before->space_after_pt +
			    chart->space_before_pt +
			    chart->lines[0].height_pt - chart->shorter_max_pt >
			    bottom);
	}
	f->l->chart.plot_height_pt = plot;
	f->l->chart.plot_height_min_pt = least;
	/* 3 charts set shorter and 3 pages still thin, where without
	 * plot_height_min_pt 6 pages were left thin. */
	assert_int_equal(shorter, 3);
	assert_int_equal(thin, 3);
}

/* Space above headings, by level (0 title, 1-3 heading1-3) and by what
 * stands above them (0 text, a chart, a table: 1 a heading or title):
 * the least and the most seen. */
struct heading_space {
	double min[2][4], max[2][4];
	int seen[2][4];
};

static int heading_rank(const struct block *b)
{
	static const char *const names[] = { "title", "heading1", "heading2",
					     "heading3" };
	for (int r = 0; r < 4; r++)
		if (b && b->style && !strcmp(b->style->name, names[r]))
			return r;
	return -1;
}

static void measure_heading_space(struct heading_space *hs,
				  const struct pages *ps)
{
	for (size_t p = 0; p < ps->n_pages; p++) {
		const struct placed_line *above = NULL;
		const struct page *pg = &ps->pages[p];
		for (size_t k = 0; k < pg->n_lines; k++) {
			const struct placed_line *pl = &pg->lines[k];
			if (pl->artifact || (pl->from && pl->from->note) ||
			    !pl->block || pl->block->absolute)
				continue;
			int r = heading_rank(pl->block);
			if (r >= 0 && above && above->block != pl->block &&
			    pl->line_ix == 0) {
				int kind = above->block->outline_level > 0;
				double gap = pl->y_pt - above->y_pt -
					     placed_height(above);
				if (!hs->seen[kind][r] || gap < hs->min[kind][r])
					hs->min[kind][r] = gap;
				if (!hs->seen[kind][r] || gap > hs->max[kind][r])
					hs->max[kind][r] = gap;
				hs->seen[kind][r]++;
			}
			above = pl;
		}
	}
}

/* Headings of every level after a paragraph, a list, a table, a chart
 * and after each other. */
static const char every_neighbour[] =
	"format: 1\nid: t\ndocument: geannoteerde-agenda\nmeeting:\n"
	"  name: NAVO\n  dates: [2025-12-03]\n  place: Brussel\nsections:\n"
	"  - heading: Een\n    text: Tekst.\n    sections:\n"
	"      - heading: Twee\n        text: |\n          - punt\n"
	"          - punt\n        sections:\n"
	"          - heading: Drie\n            text: |\n"
	"              | a | b |\n              |---|---|\n"
	"              | 1 | 2 |\n"
	"          - heading: Drie na tabel\n            text: Tekst.\n"
	"            charts: [c]\n"
	"      - heading: Twee na grafiek\n        text: |\n"
	"          - punt\n"
	"  - heading: Een na lijst\n    charts: [c]\n"
	"  - heading: Een na grafiek\n"
	"  - heading: Een na kop\n    sections:\n"
	"      - heading: Twee na kop\n        sections:\n"
	"          - heading: Drie na kop\n            text: Slot.\n"
	"charts:\n  - id: c\n    type: bar\n    title: Steun per jaar\n"
	"    unit: count\n    series:\n      - name: Steun\n"
	"        values: {2024: 1, 2025: 2}\n";

/* Over every meeting of inputs/meetings (a pack with what it binds)
 * and a document of every neighbour: a larger heading never gets less
 * space above it than a smaller one after the same kind of block. */
static void test_space_above_a_heading_is_monotone_in_its_level(void **state)
{
	struct fixture *f = *state;
	struct heading_space hs;
	memset(&hs, 0, sizeof hs);
	DIR *dir = opendir("inputs/meetings");
	assert_non_null(dir);
	struct dirent *e;
	int docs = 0;
	while ((e = readdir(dir))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 5, ".yaml"))
			continue;
		struct document *doc = model_parse_file(f->a,
			arena_printf(f->a, "inputs/meetings/%s", e->d_name),
			&f->d);
		assert_non_null(doc);
		if (doc->kind == DOC_BRIEFING_PACK)
			assert_true(pack_load(f->a, doc, &f->d));
		struct composition *c = compose_document(f->a, f->h, doc, f->l,
			model_document_date(doc, -1));
		struct typeset_doc *td = typeset_blocks(f->ts, f->a, c, &f->d);
		assert_non_null(td);
		measure_heading_space(&hs, paginate(f->ts, f->a, c, td));
		docs++;
	}
	closedir(dir);
	assert_true(docs >= 6);
	struct document *doc = model_parse_buffer(f->a, "t.yaml",
		every_neighbour, strlen(every_neighbour), &f->d);
	assert_non_null(doc);
	struct composition *c = compose_document(f->a, f->h, doc, f->l,
						 model_document_date(doc, -1));
	struct typeset_doc *td = typeset_blocks(f->ts, f->a, c, &f->d);
	assert_non_null(td);
	measure_heading_space(&hs, paginate(f->ts, f->a, c, td));
	for (int kind = 0; kind < 2; kind++)
		for (int r = 0; r < 4; r++)
			for (int q = r + 1; q < 4; q++)
				if (hs.seen[kind][r] && hs.seen[kind][q] &&
				    hs.min[kind][r] < hs.max[kind][q] - 0.01)
					fail_msg("after a %s: level %d has "
						 "%.1f pt above it, level %d "
						 "%.1f pt", kind ? "heading" :
						 "block of text", r,
						 hs.min[kind][r], q,
						 hs.max[kind][q]);
	/* heading1-3 after text and after a heading were all met */
	for (int kind = 0; kind < 2; kind++)
		for (int r = 1; r < 4; r++)
			assert_true(hs.seen[kind][r] > 0);
}

#define T(name) cmocka_unit_test(name)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_footnote_on_the_page_of_its_reference),
		T(test_footnote_too_long_for_a_page_is_continued),
		T(test_heading_keeps_two_lines_of_what_follows),
		T(test_no_hyphen_at_the_foot_of_a_page),
		T(test_chart_floats_within_its_section),
		T(test_chart_ending_a_section_is_set_shorter_not_left_thin),
		T(test_space_above_a_heading_is_monotone_in_its_level),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
