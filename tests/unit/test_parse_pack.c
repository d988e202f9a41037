/*
 * test_parse_pack.c — the briefing pack: what it binds, and its contents.
 *
 * Runs from the repository root (as `make unit` does): reads the example
 * pack in inputs/meetings and the bad packs in tests/bad. Pins that every
 * error about a bound file names the place of its name with exit status
 * 65, that the example binds the agenda and the 2023 report, and that
 * every entry of the contents has exactly one target with its title.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "compose.h"
#include "parse_pack.h"

static int setup(void **state)
{
	*state = arena_create();
	return 0;
}

static int teardown(void **state)
{
	arena_destroy(*state);
	return 0;
}

/* pack_load on a file that parses; returns the diags. */
static struct diags load(struct arena *a, const char *path, bool *ok,
			 struct document **out)
{
	struct diags d;
	diags_init(&d, a);
	struct document *doc = model_parse_file(a, path, &d);
	assert_non_null(doc);
	assert_int_equal(doc->kind, DOC_BRIEFING_PACK);
	*ok = pack_load(a, doc, &d);
	if (out)
		*out = doc;
	return d;
}

static void test_missing_annex_is_an_error_at_its_name(void **state)
{
	bool ok;
	struct diags d = load(*state, "tests/bad/pack-annex-missing.yaml", &ok,
			      NULL);
	assert_false(ok);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.status, EXIT_DATAERR);
	assert_int_equal(d.first->pos.line, 10);
	assert_int_equal(d.first->pos.col, 11);
	assert_string_equal(d.first->message,
			    "annex 'geen-verslag.yaml' cannot be read: No such "
			    "file or directory");
}

static void test_pack_binding_itself_is_refused(void **state)
{
	bool ok;
	struct diags d = load(*state, "tests/bad/pack-binds-itself.yaml", &ok,
			      NULL);
	assert_false(ok);
	assert_string_equal(d.first->message,
			    "annex 'pack-binds-itself.yaml' is this briefing "
			    "pack itself: a pack cannot bind itself");
}

static void test_cycle_through_agenda_is_named_a_cycle(void **state)
{
	bool ok;
	struct diags d = load(*state, "tests/bad/pack-cycle-b.yaml", &ok, NULL);
	assert_false(ok);
	assert_int_equal(d.first->pos.line, 10);
	assert_int_equal(d.first->pos.col, 9);
	assert_string_equal(d.first->message,
			    "agenda 'pack-cycle-a.yaml' is a briefing pack "
			    "that binds this pack in turn: a cycle; bind "
			    "agendas and reports only");
}

static void test_annex_that_is_a_pack_is_refused(void **state)
{
	bool ok;
	struct diags d = load(*state, "tests/bad/pack-annex-is-pack.yaml", &ok,
			      NULL);
	assert_false(ok);
	assert_non_null(strstr(d.first->message,
			       "is a briefing pack itself; bind agendas and "
			       "reports only"));
}

static void test_example_binds_agenda_and_2023_report(void **state)
{
	bool ok;
	struct document *doc;
	struct diags d = load(*state, "inputs/meetings/2025-12-03-pack.yaml",
			      &ok, &doc);
	assert_true(ok);
	assert_int_equal(d.count, 0);
	assert_string_equal(doc->agenda_doc->id, "fmm-2025-12");
	assert_int_equal(doc->n_annexes, 1);
	assert_string_equal(doc->annex_docs[0]->id, "fmm-2023-11");
	assert_int_equal(doc->annex_docs[0]->kind, DOC_VERSLAG);
}

/* The plain text of a block, soft hyphens taken out. */
static const char *plain(struct arena *a, const struct block *b)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < b->rich.len; i++) {
		if (!strncmp(b->rich.text + i, "\xC2\xAD", 2)) {
			i++;
			continue;
		}
		strbuf_addc(&sb, b->rich.text[i]);
	}
	return strbuf_finish(&sb, a);
}

static void test_every_contents_entry_has_its_heading(void **state)
{
	struct arena *a = *state;
	bool ok;
	struct document *doc;
	load(a, "inputs/meetings/2025-12-03-pack.yaml", &ok, &doc);
	assert_true(ok);
	struct diags d;
	diags_init(&d, a);
	struct layout *l = layout_load(a, "layouts", "kamerbrief", &d);
	assert_non_null(l);
	struct hyphenator *h = hyph_create(HYPH_DEFAULT_DIC);
	assert_non_null(h);
	struct composition *c = compose_document(a, h, doc, l,
						 model_document_date(doc, -1));
	/* Pack section, agenda + 2 sections, Kerncijfers, participants,
	 * annex + 3. */
	assert_int_equal(c->n_anchors, 10);
	int entries = 0;
	for (size_t i = 0; i < c->n_blocks; i++) {
		const struct block *e = &c->blocks[i];
		if (!e->toc_anchor)
			continue;
		entries++;
		int targets = 0;
		for (size_t k = 0; k < c->n_blocks; k++)
			if (c->blocks[k].anchor == e->toc_anchor) {
				targets++;
				assert_string_equal(plain(a, &c->blocks[k]),
						    plain(a, e));
				assert_true(k > i); /* contents come first */
			}
		assert_int_equal(targets, 1);
	}
	assert_int_equal(entries, 10);
	hyph_destroy(h);
}

/* A pack read from memory (as the fuzz target reads files) has not had
 * its bound files loaded: it is composed without them, not crashed on. */
static void test_pack_without_bound_files_composes(void **state)
{
	struct arena *a = *state;
	static const char src[] =
		"format: 1\nid: fz\ndocument: briefing-pack\n"
		"meeting:\n  name: X\n  dates: [2025-12-03]\n"
		"  place: Brussel\nsections:\n  - heading: A\n"
		"agenda: nope.yaml\nannexes: [nope.yaml]\n";
	struct diags d;
	diags_init(&d, a);
	struct document *doc = model_parse_buffer(a, "fz.yaml", src,
						  sizeof src - 1, &d);
	assert_non_null(doc);
	struct layout *l = layout_load(a, "layouts", "kamerbrief", &d);
	assert_non_null(l);
	struct hyphenator *h = hyph_create(HYPH_DEFAULT_DIC);
	struct composition *c = compose_document(a, h, doc, l,
						 model_document_date(doc, -1));
	assert_int_equal(c->n_anchors, 1); /* section A only */
	hyph_destroy(h);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_missing_annex_is_an_error_at_its_name),
		T(test_pack_binding_itself_is_refused),
		T(test_cycle_through_agenda_is_named_a_cycle),
		T(test_annex_that_is_a_pack_is_refused),
		T(test_example_binds_agenda_and_2023_report),
		T(test_every_contents_entry_has_its_heading),
		T(test_pack_without_bound_files_composes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
