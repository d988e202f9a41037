/*
 * test_parse.c — reading meeting files into the model, and every message
 * parse.c promises for bad data.
 *
 * Input: small YAML texts (built on BASE, a minimal valid document) given to
 * model_parse_buffer, and a few files in a temporary folder for data files.
 * Output checked: the exact message, file, line and column of each error,
 * and for good files the exact values of the model, positions included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "model.h"

/* A minimal valid document: lines 1-9; what a test appends is line 10. */
#define HEAD "format: 1\nid: fmm-2025-12\ndocument: verslag\n"
#define MEETING                                                                \
	"meeting:\n  name: NAVO\n  dates: [2025-12-03]\n  place: Brussel\n"
#define SECTIONS "sections:\n  - heading: Raad\n"
#define BASE HEAD MEETING SECTIONS

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

struct run {
	struct diags d;
	struct document *doc;
};

static struct run parse_as(void **state, const char *path, const char *yaml,
			   size_t len)
{
	struct run r;
	diags_init(&r.d, *state);
	r.doc = model_parse_buffer(*state, path, yaml, len, &r.d);
	return r;
}

static struct run parse(void **state, const char *yaml)
{
	return parse_as(state, "m.yaml", yaml, strlen(yaml));
}

/* On a mismatch, show everything that was reported. */
static void assert_count(const struct run *r, int n)
{
	if (r->d.count != n)
		diags_print(&r->d, stderr);
	assert_int_equal(r->d.count, n);
}

static void assert_diag(const struct diag *g, const char *file, int line,
			int col, const char *msg)
{
	assert_non_null(g);
	if (strcmp(g->message, msg) != 0 || strcmp(g->pos.file, file) != 0 ||
	    g->pos.line != line || g->pos.col != col)
		fprintf(stderr, "got %s:%d:%d: %s\n", g->pos.file, g->pos.line,
			g->pos.col, g->message);
	assert_string_equal(g->message, msg);
	assert_string_equal(g->pos.file, file);
	assert_int_equal(g->pos.line, line);
	assert_int_equal(g->pos.col, col);
}

static struct document *parse_ok(void **state, const char *yaml)
{
	struct run r = parse(state, yaml);
	assert_count(&r, 0);
	assert_non_null(r.doc);
	return r.doc;
}

/* Exactly one error, in m.yaml, here, saying this. */
static void expect_error(void **state, const char *yaml, int line, int col,
			 const char *msg)
{
	struct run r = parse(state, yaml);
	assert_null(r.doc);
	assert_count(&r, 1);
	assert_int_equal(r.d.status, EXIT_DATAERR);
	assert_diag(r.d.first, "m.yaml", line, col, msg);
}

/* The bytes ------------------------------------------------------------ */

static void test_not_utf8_names_byte_and_value(void **state)
{
	expect_error(state, "format: 1\nid: caf\xEF\x28\n", 0, 0,
		     "not UTF-8 at byte 17 (0xEF): save the file as UTF-8");
}

static void test_latin1_text_is_not_utf8(void **state)
{
	expect_error(state, BASE "title: Caf\xE9\n", 0, 0,
		     "not UTF-8 at byte 143 (0xE9): save the file as UTF-8");
}

static void test_overlong_utf8_is_refused(void **state)
{
	expect_error(state, "a: \xC0\xAF\n", 0, 0,
		     "not UTF-8 at byte 3 (0xC0): save the file as UTF-8");
}

static void test_byte_order_mark_is_skipped(void **state)
{
	struct document *doc = parse_ok(state, "\xEF\xBB\xBF" BASE);
	assert_string_equal(doc->id, "fmm-2025-12");
	assert_int_equal(doc->id_pos.line, 2);
	assert_int_equal(doc->id_pos.col, 5);
}

static void test_nul_byte_names_offset(void **state)
{
	static const char yaml[] = "format: 1\n\0id: x\n";
	struct run r = parse_as(state, "m.yaml", yaml, sizeof yaml - 1);
	assert_null(r.doc);
	assert_count(&r, 1);
	assert_diag(r.d.first, "m.yaml", 0, 0,
		    "the file holds a NUL byte at byte 10: save it as UTF-8 "
		    "text");
}

static const char EMPTY_MSG[] =
	"the file is empty: a meeting document needs at least 'format', "
	"'id', 'document', 'meeting' and 'sections'";

static void test_empty_file_is_refused(void **state)
{
	expect_error(state, "", 0, 0, EMPTY_MSG);
}

static void test_comment_only_file_is_empty(void **state)
{
	expect_error(state, "# nog invullen\n\n   # later\n", 0, 0, EMPTY_MSG);
}

static void test_document_marker_only_is_empty(void **state)
{
	expect_error(state, "---\n", 0, 0, EMPTY_MSG);
}

static void test_file_over_4_mib_is_refused(void **state)
{
	size_t len = ((size_t)4 << 20) + 1;
	char *big = malloc(len);
	assert_non_null(big);
	memset(big, '#', len);
	struct run r = parse_as(state, "m.yaml", big, len);
	free(big);
	assert_null(r.doc);
	assert_count(&r, 1);
	assert_diag(r.d.first, "m.yaml", 0, 0,
		    "the file is larger than 4 MiB, the limit for a meeting "
		    "or data file");
}

static void test_unreadable_file_exits_noinput(void **state)
{
	struct diags d;
	diags_init(&d, *state);
	assert_null(model_parse_file(*state, "/nonexistent/m.yaml", &d));
	assert_int_equal(d.count, 1);
	assert_int_equal(d.status, EXIT_NOINPUT);
	assert_diag(d.first, "/nonexistent/m.yaml", 0, 0,
		    "cannot read this file: No such file or directory");
}

static void test_folder_is_not_a_meeting_file(void **state)
{
	struct diags d;
	diags_init(&d, *state);
	assert_null(model_parse_file(*state, "/tmp", &d));
	assert_int_equal(d.count, 1);
	assert_int_equal(d.status, EXIT_NOINPUT);
	assert_diag(d.first, "/tmp", 0, 0,
		    "this is a folder, not a file; name a meeting file "
		    "(.yaml)");
}

/* YAML itself ---------------------------------------------------------- */

static void test_yaml_syntax_error_has_place(void **state)
{
	expect_error(state, "format: 1\nid: a: b\n", 2, 6,
		     "a colon followed by a space in a value starts a new "
		     "key; put the value in quotes: id: 'a: b'\n"
		     " 2 | id: a: b\n"
		     "   |      ^");
}

static void test_unclosed_bracket_is_a_yaml_error(void **state)
{
	expect_error(state, "format: 1\nparticipants: [a, b\nid: x\n", 2, 15,
		     "the '[' that opens this list is never closed; end the "
		     "list with ']' on the same line\n"
		     " 2 | participants: [a, b\n"
		     "   |               ^");
}

static void test_tab_indentation_is_a_yaml_error(void **state)
{
	expect_error(state, "meeting:\n\tname: x\n", 2, 1,
		     "this line is indented with a tab; indent with spaces, "
		     "not tabs (the tab is shown as →)\n"
		     " 2 | →name: x\n"
		     "   | ^");
}

/* The caret counts characters, not bytes; a long line is shown in part,
 * at most 60 bytes of it around the place. */
static void test_yaml_mistake_caret_counts_characters(void **state)
{
	expect_error(state, BASE "    text: Oekraïne: €5 mld.\n", 10, 19,
		     "a colon followed by a space in a value starts a new "
		     "key; put the value in quotes: text: 'Oekraïne: €5 "
		     "mld.'\n"
		     " 10 |     text: Oekraïne: €5 mld.\n"
		     "    |                   ^");
}

static void test_yaml_mistake_long_line_is_cut(void **state)
{
	expect_error(state,
		     BASE "    text: Tijdens de Noord-Atlantische Raad spreken de "
			  "32 ministers van Buitenlandse Zaken over: Oekraïne\n",
		     10, 96,
		     "a colon followed by a space in a value starts a new "
		     "key; put the value in quotes\n"
		     " 10 | …32 ministers van Buitenlandse Zaken over: Oekraïne\n"
		     "    |                                          ^");
}

static void test_duplicate_top_level_key_points_at_second(void **state)
{
	expect_error(state, BASE "id: fmm-2025-13\n", 10, 1,
		     "key 'id' appears twice at the top level; the first is "
		     "on line 2: keep one of the two\n"
		     " 10 | id: fmm-2025-13\n"
		     "    | ^");
}

static void test_duplicate_key_in_meeting(void **state)
{
	expect_error(state,
		     HEAD "meeting:\n  name: NAVO\n  dates: [2025-12-03]\n"
			  "  place: Brussel\n  place: Den Haag\n" SECTIONS,
		     8, 3,
		     "key 'place' appears twice in 'meeting'; the first is on "
		     "line 7: keep one of the two\n"
		     " 8 |   place: Den Haag\n"
		     "   |   ^");
}

static void test_duplicate_note_key(void **state)
{
	expect_error(state, BASE "notes:\n  purl: a\n  purl: b\n", 12, 3,
		     "key 'purl' appears twice in 'notes'; the first is on "
		     "line 11: keep one of the two\n"
		     " 12 |   purl: b\n"
		     "    |   ^");
}

static void test_alias_is_refused(void **state)
{
	expect_error(state,
		     HEAD "meeting:\n  name: &n NAVO\n  dates: [2025-12-03]\n"
			  "  place: *n\n" SECTIONS,
		     7, 10,
		     "'*n' is an alias; a meeting file may not use aliases: "
		     "write the value out in full");
}

static void test_billion_laughs_is_refused(void **state)
{
	static const char yaml[] =
		"a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
	struct run r = parse(state, yaml);
	assert_null(r.doc);
	assert_count(&r, 27);
	assert_diag(r.d.first, "m.yaml", 2, 8,
		    "'*a' is an alias; a meeting file may not use aliases: "
		    "write the value out in full");
}

static void test_deep_flow_nesting_is_refused(void **state)
{
	size_t n = 20000;
	char *yaml = malloc(n + 1);
	assert_non_null(yaml);
	memset(yaml, '[', n);
	yaml[n] = '\0';
	struct run r = parse(state, yaml);
	free(yaml);
	assert_null(r.doc);
	assert_count(&r, 1);
	assert_diag(r.d.first, "m.yaml", 1, 65,
		    "the data is nested more than 64 levels deep; a meeting "
		    "file never needs that");
}

static void test_deep_block_nesting_is_refused(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 100; i++) {
		for (int j = 0; j < i; j++)
			strbuf_addc(&sb, ' ');
		strbuf_adds(&sb, "a:\n");
	}
	struct run r = parse(state, strbuf_str(&sb));
	strbuf_release(&sb);
	assert_null(r.doc);
	assert_count(&r, 1);
	assert_diag(r.d.first, "m.yaml", 65, 65,
		    "the data is nested more than 64 levels deep; a meeting "
		    "file never needs that");
}

static void test_deep_flow_after_a_tag_is_refused(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, BASE "title: !!seq ");
	for (int i = 0; i < 70; i++)
		strbuf_adds(&sb, "[ ");
	struct run r = parse(state, strbuf_str(&sb));
	strbuf_release(&sb);
	assert_null(r.doc);
	assert_count(&r, 1);
	assert_diag(r.d.first, "m.yaml", 10, 142,
		    "the data is nested more than 64 levels deep; a meeting "
		    "file never needs that");
}

static void
test_brackets_in_text_quotes_and_comments_are_not_nesting(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *many = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
			   "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[";
	strbuf_addf(&sb, BASE "    text: |\n      zie %s\n      [^a] %s\n",
		    many, many);
	strbuf_addf(&sb, "title: 'a %s'\n", many);
	strbuf_addf(&sb, "author: a %s\n", many);
	strbuf_addf(&sb, "# %s\n", many);
	strbuf_addf(&sb, "reference: \"b\\\" %s\"\n", many);
	strbuf_adds(&sb, "notes: {a: x}\n");
	struct run r = parse(state, strbuf_str(&sb));
	strbuf_release(&sb);
	assert_count(&r, 0);
	assert_string_equal(r.doc->reference.src + 3, many);
	assert_string_equal(model_find_note(r.doc, "a")->text.src, "x");
}

static void test_second_document_is_refused(void **state)
{
	expect_error(state, BASE "---\n" BASE, 10, 1,
		     "a second YAML document starts here; the file must hold "
		     "one document (remove this '---' line and what follows, "
		     "or move it to a file of its own)");
}

static void test_key_must_be_text(void **state)
{
	expect_error(state, BASE "[a, b]: 1\n", 10, 1,
		     "a key must be text; got a list");
}

/* "? key" is refused before libfyaml reads it (libfyaml 0.7.12 crashed on
 * one with a tab in its value), wherever it stands but in a block scalar. */
static void test_explicit_key_refused(void **state)
{
	expect_error(state, BASE "? a\n: 1\n", 10, 1,
		     "'?' starts an explicit key, which a meeting file does "
		     "not use: write the key and a colon, as 'heading: Raad'");
	expect_error(state, BASE "x:\n  - - ?\ty:\t?\n", 11, 7,
		     "'?' starts an explicit key, which a meeting file does "
		     "not use: write the key and a colon, as 'heading: Raad'");
}

/* Keys ----------------------------------------------------------------- */

static void test_top_level_must_be_mapping(void **state)
{
	expect_error(state, "- format: 1\n- id: x\n", 1, 1,
		     "the top level must be a mapping (lines of key: value); "
		     "got a list\n"
		     " 1 | - format: 1\n"
		     "   | ^");
}

static void test_top_level_text_is_not_a_document(void **state)
{
	expect_error(state, "Geannoteerde agenda\n", 1, 1,
		     "the top level must be a mapping (lines of key: value); "
		     "got 'Geannoteerde agenda'\n"
		     " 1 | Geannoteerde agenda\n"
		     "   | ^");
}

static void test_unknown_key_suggests_heading(void **state)
{
	expect_error(state, BASE "  - heading: Oekraïne\n    heding: x\n", 11,
		     5,
		     "unknown key 'heding' in a section; did you mean "
		     "'heading'?");
}

static void test_unknown_key_suggests_transposed_letters(void **state)
{
	expect_error(state, BASE "tilte: Agenda\n", 10, 1,
		     "unknown key 'tilte' at the top level; did you mean "
		     "'title'?");
}

static void test_unknown_key_suggests_by_prefix(void **state)
{
	expect_error(state, BASE "classif: geheim\n", 10, 1,
		     "unknown key 'classif' at the top level; did you mean "
		     "'classification'?");
}

static void test_unknown_key_lists_the_keys_here(void **state)
{
	expect_error(state,
		     HEAD "meeting:\n  name: NAVO\n  dates: [2025-12-03]\n"
			  "  place: Brussel\n  weather: rain\n" SECTIONS,
		     8, 3,
		     "unknown key 'weather' in 'meeting'; the keys here are: "
		     "name, short, informal, dates, place, venue, "
		     "participants");
}

static void test_unknown_key_in_letter(void **state)
{
	expect_error(state, BASE "letter:\n  aan: De Voorzitter\n", 11, 3,
		     "unknown key 'aan' in 'letter'; the keys here are: to, "
		     "salutation, body, closing, signatory");
}

static void test_unknown_key_in_recipient(void **state)
{
	expect_error(
		state,
		BASE "distribution:\n  - name: BZ\n    email: bz@x.nl\n"
		     "    telefoon: 070\n",
		13, 5,
		"unknown key 'telefoon' in a recipient; the keys here are: "
		"name, email");
}

static void test_missing_required_key_place(void **state)
{
	expect_error(state,
		     HEAD
		     "meeting:\n  name: NAVO\n  dates: [2025-12-03]\n" SECTIONS,
		     5, 3, "missing required key 'place' in 'meeting'");
}

static void test_missing_required_top_level_keys(void **state)
{
	struct run r = parse(state, "format: 1\nid: x\n" MEETING);
	assert_null(r.doc);
	assert_count(&r, 2);
	assert_diag(r.d.first, "m.yaml", 1, 1,
		    "missing required key 'document' at the top level");
	assert_diag(r.d.first->next, "m.yaml", 1, 1,
		    "missing required key 'sections' at the top level (or "
		    "write the whole text in 'intro')");
}

static void test_intro_alone_needs_no_sections(void **state)
{
	struct run r = parse(state, "format: 1\nid: x\ndocument: verslag\n"
			     MEETING "intro: Alleen tekst, geen kopjes.\n");
	assert_non_null(r.doc);
	assert_int_equal(r.doc->n_sections, 0);
	assert_string_equal(r.doc->intro.src, "Alleen tekst, geen kopjes.");
}

static void test_missing_heading_in_section(void **state)
{
	expect_error(state, BASE "  - text: Zonder kop.\n", 10, 5,
		     "missing required key 'heading' in a section");
}

/* format, id, document ------------------------------------------------- */

static void test_format_must_be_1(void **state)
{
	expect_error(state,
		     "format: 2\nid: fmm-2025-12\ndocument: verslag\n" MEETING
			     SECTIONS,
		     1, 9,
		     "'format' must be 1, the only version of this format; "
		     "got 2");
}

static void test_id_rejects_capitals_and_spaces(void **state)
{
	expect_error(
		state,
		"format: 1\nid: FMM 2025\ndocument: verslag\n" MEETING SECTIONS,
		2, 5,
		"'id' may only hold lowercase letters a-z, digits and "
		"'-', because it names the output file (out/ID.pdf); got "
		"'FMM 2025'");
}

static void test_id_may_be_written_as_a_number(void **state)
{
	struct document *doc = parse_ok(
		state,
		"format: 1\nid: 2025\ndocument: verslag\n" MEETING SECTIONS);
	assert_string_equal(doc->id, "2025");
}

static void test_document_kind_suggests_verslag(void **state)
{
	expect_error(state,
		     "format: 1\nid: x\ndocument: verslg\n" MEETING SECTIONS, 3,
		     11,
		     "'document' must be geannoteerde-agenda, verslag or "
		     "briefing-pack; got 'verslg'; did you mean 'verslag'?");
}

static void test_document_kind_without_close_match(void **state)
{
	expect_error(state,
		     "format: 1\nid: x\ndocument: memo\n" MEETING SECTIONS, 3,
		     11,
		     "'document' must be geannoteerde-agenda, verslag or "
		     "briefing-pack; got 'memo'");
}

/* Types ---------------------------------------------------------------- */

static void test_place_must_be_text_not_a_list(void **state)
{
	expect_error(state,
		     HEAD "meeting:\n  name: NAVO\n  dates: [2025-12-03]\n"
			  "  place: [Brussel, Den Haag]\n" SECTIONS,
		     7, 10, "'place' must be text; got a list");
}

static void test_title_must_be_text_not_a_mapping(void **state)
{
	expect_error(state, BASE "title:\n  nl: Agenda\n", 11, 3,
		     "'title' must be text; got a mapping");
}

static void test_numbers_are_fine_as_text(void **state)
{
	struct document *doc = parse_ok(
		state, HEAD "meeting:\n  name: 75\n  short: 2025\n"
			    "  dates: 2025-12-03\n  place: 1.5\n" SECTIONS);
	assert_string_equal(doc->meeting.name.src, "75");
	assert_string_equal(doc->meeting.short_name.src, "2025");
	assert_string_equal(doc->meeting.place.src, "1.5");
}

static void test_required_text_must_not_be_empty(void **state)
{
	expect_error(state,
		     HEAD "meeting:\n  name: NAVO\n  dates: [2025-12-03]\n"
			  "  place:\n" SECTIONS,
		     7, 3, "'place' in 'meeting' is empty");
}

static void test_empty_heading_in_quotes(void **state)
{
	expect_error(state, BASE "  - heading: \"  \"\n", 10, 14,
		     "'heading' in a section is empty");
}

static void test_optional_empty_text_is_absent(void **state)
{
	struct document *doc = parse_ok(state, BASE "title:\nauthor: ~\n");
	assert_null(doc->title.src);
	assert_null(doc->author.src);
}

static void test_informal_must_be_true_or_false(void **state)
{
	expect_error(state,
		     HEAD "meeting:\n  name: NAVO\n  informal: ja\n"
			  "  dates: [2025-12-03]\n  place: Brussel\n" SECTIONS,
		     6, 13, "'informal' must be true or false; got 'ja'");
}

static void test_informal_true_is_read(void **state)
{
	struct document *doc =
		parse_ok(state, HEAD
			 "meeting:\n  name: NAVO\n  informal: true\n"
			 "  dates: [2025-12-03]\n  place: Brussel\n" SECTIONS);
	assert_true(doc->meeting.informal);
}

static void test_participants_must_be_a_list(void **state)
{
	expect_error(state,
		     HEAD MEETING "  participants: Kaja Kallas\n" SECTIONS, 8,
		     17,
		     "'participants' must be a list; got 'Kaja Kallas': write "
		     "[Kaja Kallas], or each item on a line of its own, "
		     "starting with '- '\n"
		     " 8 |   participants: Kaja Kallas\n"
		     "   |                 ^");
}

static void test_participant_must_be_a_name(void **state)
{
	expect_error(state,
		     HEAD MEETING
		     "  participants:\n    - name: Kaja\n" SECTIONS,
		     9, 7,
		     "each item in 'participants' must be a name; got a "
		     "mapping");
}

static void test_meeting_must_be_a_mapping(void **state)
{
	expect_error(state, HEAD "meeting: NAVO\n" SECTIONS, 4, 10,
		     "'meeting' must be a mapping (lines of key: value); got "
		     "'NAVO'\n"
		     " 4 | meeting: NAVO\n"
		     "   |          ^");
}

static void test_sections_must_hold_one(void **state)
{
	expect_error(state, HEAD MEETING "sections: []\n", 8, 11,
		     "'sections' must hold at least one section");
}

static void test_section_must_be_a_mapping(void **state)
{
	expect_error(state, HEAD MEETING "sections:\n  - Raad\n", 9, 5,
		     "each item in 'sections' must be a mapping (lines of "
		     "key: value); got 'Raad'\n"
		     " 9 |   - Raad\n"
		     "   |     ^");
}

static void test_sections_nest_three_levels(void **state)
{
	struct document *doc =
		parse_ok(state, HEAD MEETING "sections:\n"
					     "  - heading: A\n"
					     "    sections:\n"
					     "      - heading: B\n"
					     "        sections:\n"
					     "          - heading: C\n"
					     "            sections: []\n"
					     "  - heading: D\n");
	assert_int_equal(doc->n_sections, 2);
	const struct section *b = &doc->sections[0].sections[0];
	assert_int_equal(doc->sections[0].level, 1);
	assert_int_equal(b->level, 2);
	assert_string_equal(b->heading.src, "B");
	assert_int_equal(b->pos.line, 11);
	assert_int_equal(b->pos.col, 9);
	assert_int_equal(b->sections[0].level, 3);
	assert_string_equal(b->sections[0].heading.src, "C");
	assert_int_equal(b->sections[0].n_sections, 0);
	assert_string_equal(doc->sections[1].heading.src, "D");
}

static void test_sections_refuse_a_fourth_level(void **state)
{
	expect_error(state,
		     HEAD MEETING "sections:\n"
				  "  - heading: A\n"
				  "    sections:\n"
				  "      - heading: B\n"
				  "        sections:\n"
				  "          - heading: C\n"
				  "            sections:\n"
				  "              - heading: D\n",
		     15, 17,
		     "sections may be nested at most three levels deep");
}

static void test_layout_must_be_a_name(void **state)
{
	expect_error(state, BASE "layout: ../../etc/passwd\n", 10, 9,
		     "'layout' must name a file in layouts/ without '.yaml' "
		     "(letters, digits, '-' and '_'); got '../../etc/passwd'");
}

static void test_long_bad_value_is_cut_in_message(void **state)
{
	expect_error(
		state,
		"format: 1\nid: x\ndocument: "
		"ditisgeendocumentsoortmaareenheellangewoordreeksdie"
		"nergensopleekt\n" MEETING SECTIONS,
		3, 11,
		"'document' must be geannoteerde-agenda, verslag or "
		"briefing-pack; got "
		"'ditisgeendocumentsoortmaareenheellangewoordreeksdienergen"
		"sop…'");
}

/* Dates ---------------------------------------------------------------- */

static const char *dates_doc(void **state, const char *dates)
{
	return arena_printf(*state,
			    HEAD "meeting:\n  name: NAVO\n  dates: %s\n"
				 "  place: Brussel\n" SECTIONS,
			    dates);
}

static void test_dates_rejects_february_30(void **state)
{
	expect_error(state, dates_doc(state, "[2025-02-30]"), 6, 11,
		     "'dates' must be one or two ISO dates (YYYY-MM-DD); got "
		     "2025-02-30, a day that does not exist: februari 2025 "
		     "has 28 days");
}

static void test_dates_accepts_leap_day_in_2024(void **state)
{
	struct document *doc = parse_ok(state, dates_doc(state, "2024-02-29"));
	assert_int_equal(doc->meeting.n_dates, 1);
	assert_int_equal(doc->meeting.dates[0].year, 2024);
	assert_int_equal(doc->meeting.dates[0].month, 2);
	assert_int_equal(doc->meeting.dates[0].day, 29);
	assert_int_equal(doc->meeting.dates_pos.line, 6);
	assert_int_equal(doc->meeting.dates_pos.col, 10);
}

static void test_dates_rejects_leap_day_in_2025(void **state)
{
	expect_error(state, dates_doc(state, "2025-02-29"), 6, 10,
		     "'dates' must be one or two ISO dates (YYYY-MM-DD); got "
		     "2025-02-29, a day that does not exist: februari 2025 "
		     "has 28 days");
}

static void test_dates_rejects_dutch_order(void **state)
{
	expect_error(state, dates_doc(state, "[2025-12-03, 04-12-2025]"), 6, 23,
		     "'dates' must be one or two ISO dates (YYYY-MM-DD); got "
		     "04-12-2025");
}

static void test_dates_rejects_three(void **state)
{
	expect_error(state,
		     dates_doc(state, "[2025-12-03, 2025-12-04, 2025-12-05]"),
		     6, 10,
		     "'dates' must be one or two ISO dates (YYYY-MM-DD); got 3 "
		     "dates");
}

static void test_dates_rejects_an_empty_list(void **state)
{
	expect_error(state, dates_doc(state, "[]"), 6, 10,
		     "'dates' must be one or two ISO dates (YYYY-MM-DD); got "
		     "an empty list");
}

static void test_dates_end_before_start(void **state)
{
	expect_error(state, dates_doc(state, "[2025-12-04, 2025-12-03]"), 6, 23,
		     "the end date 2025-12-03 in 'dates' lies before the start "
		     "date 2025-12-04");
}

static void test_dates_reads_start_and_end(void **state)
{
	struct document *doc = parse_ok(
		state,
		dates_doc(state, "\n    - 2025-05-14\n    - 2025-05-15"));
	assert_int_equal(doc->meeting.n_dates, 2);
	assert_int_equal(doc->meeting.dates[1].day, 15);
}

static void test_date_must_be_iso(void **state)
{
	expect_error(state, BASE "date: 21-11-2025\n", 10, 7,
		     "'date' must be an ISO date (YYYY-MM-DD); got 21-11-2025");
}

static void test_date_with_one_digit_month_says_how_to_write_it(void **state)
{
	expect_error(state, BASE "date: 2025-3-1\n", 10, 7,
		     "'date' must be an ISO date (YYYY-MM-DD); got 2025-3-1; "
		     "write the month and the day with two digits: "
		     "2025-03-01");
}

static void test_date_rejects_month_13(void **state)
{
	expect_error(state, BASE "date: \"2025-13-01\"\n", 10, 7,
		     "'date' must be an ISO date (YYYY-MM-DD); got 2025-13-01, "
		     "and a year has no month 13");
}

/* Rich text and footnotes ---------------------------------------------- */

static void test_block_text_keeps_its_position(void **state)
{
	struct document *doc =
		parse_ok(state, BASE "    text: |\n\n      Eerste regel.\n"
				     "        Ingesprongen.\n");
	const struct text *t = &doc->sections[0].text;
	assert_string_equal(t->src, "\nEerste regel.\n  Ingesprongen.\n");
	assert_int_equal(t->pos.line, 12);
	assert_int_equal(t->pos.col, 7);
	assert_int_equal(t->block_indent, 7);
	struct srcpos p = model_text_pos(t, strlen("\nEerste regel.\n  "));
	assert_string_equal(p.file, "m.yaml");
	assert_int_equal(p.line, 13);
	assert_int_equal(p.col, 9);
}

static void test_footnote_without_note_is_reported_in_place(void **state)
{
	expect_error(state,
		     BASE "    text: |\n      Tijdens de NAR spreken de 32 "
			  "ministers.[^purll]\nnotes:\n  purl: Kamerstuk\n",
		     11, 46, "footnote [^purll] has no text in 'notes'");
}

static void test_footnote_in_folded_text(void **state)
{
	expect_error(state,
		     BASE "    position: >\n      Nederland zal\n"
			  "      steun uitspreken.[^x]\n",
		     12, 24, "footnote [^x] has no text in 'notes'");
}

static void test_footnote_in_multiline_quoted_text(void **state)
{
	expect_error(state,
		     BASE "    text: \"Eerste \\\"regel\\\"\n"
			  "      en dan é[^y]\"\n",
		     11, 15, "footnote [^y] has no text in 'notes'");
}

static void test_footnote_in_intro_letter_and_notes(void **state)
{
	struct run r = parse(state, BASE "intro: Zie[^a].\n"
					 "letter:\n  body: |\n    Brief.[^b]\n"
					 "notes:\n  c: Noot[^d]\n");
	assert_null(r.doc);
	assert_count(&r, 3);
	assert_diag(r.d.first, "m.yaml", 10, 11,
		    "footnote [^a] has no text in 'notes'");
	assert_diag(r.d.first->next, "m.yaml", 13, 11,
		    "footnote [^b] has no text in 'notes'");
	assert_diag(r.d.last, "m.yaml", 15, 10,
		    "footnote [^d] has no text in 'notes'");
}

static void test_note_without_text(void **state)
{
	expect_error(state, BASE "    text: Zie[^purl].\nnotes:\n  purl:\n", 12,
		     3, "footnote 'purl' in 'notes' has no text");
}

static void test_note_must_be_text(void **state)
{
	expect_error(state, BASE "notes:\n  purl: [a, b]\n", 11, 9,
		     "footnote 'purl' in 'notes' must be text; got a list");
}

static void test_note_key_pattern(void **state)
{
	expect_error(state, BASE "notes:\n  Noot 1: tekst\n", 11, 3,
		     "footnote key 'Noot 1' in 'notes' may only hold lowercase "
		     "letters a-z, digits, '-' and '_'");
}

static void test_unused_note_and_escaped_reference_are_fine(void **state)
{
	struct document *doc = parse_ok(
		state, BASE "    text: 'Geen noot: \\[^x] en [^used]'\n"
			    "notes:\n  used: a\n  spare: b\n");
	assert_int_equal(doc->n_notes, 2);
	assert_string_equal(model_find_note(doc, "spare")->text.src, "b");
	assert_null(model_find_note(doc, "x"));
}

/* Charts --------------------------------------------------------------- */

/* A chart in the meeting file; line 11 is the "- id:" line. */
#define CHART(id)                                                              \
	"charts:\n  - id: " id "\n    type: bar\n    title: Steun\n"           \
	"    unit: eur\n    series:\n      - name: Steun\n"                    \
	"        values: {2024: 2.5e9, 2025: 3.5e9}\n"

static void test_chart_id_used_twice(void **state)
{
	expect_error(
		state,
		BASE CHART("steun") "  - id: steun\n    type: line\n"
				    "    title: Nog eens\n    unit: eur\n"
				    "    series: [{name: x, values: {a: 1}}]\n",
		18, 9, "chart id 'steun' is used twice; first at m.yaml:11:9");
}

static void test_chart_id_pattern(void **state)
{
	expect_error(state, BASE CHART("Steun_2025"), 11, 9,
		     "the 'id' of a chart may only hold lowercase letters a-z, "
		     "digits and '-'; got 'Steun_2025'");
}

static void test_chart_type_suggests_bar(void **state)
{
	expect_error(state,
		     BASE
		     "charts:\n  - id: s\n    type: bars\n    title: T\n"
		     "    unit: eur\n    series: [{name: x, values: {a: 1}}]\n",
		     12, 11,
		     "'type' must be bar, stacked-bar, hbar or line; got "
		     "'bars'; did you mean 'bar'?");
}

static void test_chart_unit_suggests_eur(void **state)
{
	expect_error(
		state,
		BASE
		"charts:\n  - id: s\n    type: hbar\n    title: T\n"
		"    unit: euro\n    series: [{name: x, values: {a: 1}}]\n",
		14, 11,
		"'unit' must be eur, percent or count; got 'euro'; did you "
		"mean 'eur'?");
}

static void test_chart_title_is_required(void **state)
{
	expect_error(state,
		     BASE
		     "charts:\n  - id: s\n    type: line\n    unit: count\n"
		     "    series: [{name: x, values: {a: 1}}]\n",
		     11, 5, "missing required key 'title' in a chart");
}

static void test_chart_needs_a_series(void **state)
{
	expect_error(state,
		     BASE "charts:\n  - id: s\n    type: line\n    title: T\n"
			  "    unit: count\n    series: []\n",
		     15, 13, "'series' must hold at least one series");
}

static void test_unknown_key_in_chart_and_series(void **state)
{
	struct run r =
		parse(state, BASE
		      "charts:\n  - id: s\n    type: line\n    title: T\n"
		      "    unit: count\n    colour: red\n"
		      "    series:\n      - name: x\n        value: {a: 1}\n");
	assert_null(r.doc);
	/* The misspelt 'value' is not also reported as a missing 'values'. */
	assert_count(&r, 2);
	assert_diag(r.d.first, "m.yaml", 15, 5,
		    "unknown key 'colour' in a chart; the keys here are: id, "
		    "type, title, unit, source, series, targets, highlight, sort");
	assert_diag(r.d.last, "m.yaml", 18, 9,
		    "unknown key 'value' in a series; did you mean 'values'?");
}

static void test_values_must_be_numbers(void **state)
{
	expect_error(state,
		     BASE "charts:\n  - id: s\n    type: bar\n    title: T\n"
			  "    unit: eur\n    series:\n      - name: x\n"
			  "        values: {2024: abc, 2025: 1}\n",
		     17, 24,
		     "'values' must map each category to a number; got 'abc' "
		     "for 2024");
}

static void test_values_with_a_decimal_comma_get_a_hint(void **state)
{
	expect_error(state,
		     BASE "charts:\n  - id: s\n    type: bar\n    title: T\n"
			  "    unit: eur\n    series:\n      - name: x\n"
			  "        values:\n          2024: 2,5\n",
		     18, 17,
		     "'values' must map each category to a number; got '2,5' "
		     "for 2024 (write a decimal point: 2.5)");
}

static void test_values_need_one_category(void **state)
{
	expect_error(state,
		     BASE "charts:\n  - id: s\n    type: bar\n    title: T\n"
			  "    unit: eur\n    series:\n      - name: x\n"
			  "        values: {}\n",
		     17, 17,
		     "'values' must map at least one category to a number");
}

static void test_values_category_twice(void **state)
{
	expect_error(state,
		     BASE "charts:\n  - id: s\n    type: bar\n    title: T\n"
			  "    unit: eur\n    series:\n      - name: x\n"
			  "        values: {2024: 1, 2024: 2}\n",
		     17, 27, "key '2024' appears twice in 'values'");
}

static void test_target_value_must_be_a_number(void **state)
{
	expect_error(state,
		     BASE CHART("s") "    targets:\n      - label: Norm\n"
				     "        value: twee\n",
		     20, 16, "'value' must be a number; got 'twee'");
}

static void test_target_from_must_be_a_category(void **state)
{
	expect_error(state,
		     BASE CHART("s") "    targets:\n      - label: Norm\n"
				     "        value: 2\n        from: Wales\n",
		     21, 15,
		     "'from' must be one of the chart's categories (2024, "
		     "2025); got Wales");
}

/* FORMAT.md's example: a norm from 2014 to 2035 over data of 2024-2025. */
static void test_target_may_span_years_outside_the_data(void **state)
{
	struct run r = parse(state, BASE CHART("s")
			     "    targets:\n      - label: Norm\n"
			     "        value: 2\n        from: 2014\n"
			     "        to: 2035\n");
	assert_non_null(r.doc);
	assert_string_equal(r.doc->charts[0].targets[0].from, "2014");
	assert_string_equal(r.doc->charts[0].targets[0].to, "2035");
}

static void test_unknown_key_in_target(void **state)
{
	expect_error(state,
		     BASE CHART("s") "    targets:\n      - label: Norm\n"
				     "        value: 2\n        until: 2025\n",
		     21, 9,
		     "unknown key 'until' in a target; the keys here are: "
		     "label, value, from, to");
}

static void test_section_names_unknown_chart(void **state)
{
	expect_error(state,
		     HEAD MEETING
		     "sections:\n  - heading: Raad\n"
		     "    charts: [steun, steun-2]\n" CHART("steun"),
		     10, 21,
		     "there is no chart with id 'steun-2'; the charts loaded "
		     "are: steun");
}

static void test_section_names_chart_when_none_loaded(void **state)
{
	expect_error(state, BASE "    charts: [steun]\n", 10, 14,
		     "there is no chart with id 'steun'; no charts are loaded "
		     "(name data files in 'data' or write charts in 'charts')");
}

static void test_intro_charts_are_read(void **state)
{
	/* Line 10 is intro_charts; its ids may name charts defined after
	 * it. */
	struct document *doc = parse_ok(
		state, BASE "intro_charts: [steun]\n" CHART("steun"));
	assert_int_equal(doc->n_intro_charts, 1);
	assert_string_equal(doc->intro_charts[0].id, "steun");
	assert_int_equal(doc->intro_charts[0].pos.line, 10);
	assert_int_equal(doc->intro_charts[0].pos.col, 16);
}

static void test_inline_chart_is_read(void **state)
{
	struct document *doc = parse_ok(
		state,
		BASE CHART("steun") "    targets:\n      - label: Norm\n"
				    "        value: -1.5e-1\n"
				    "        from: 2024\n        to: 2025\n");
	assert_int_equal(doc->n_charts, 1);
	const struct chart *c = &doc->charts[0];
	assert_string_equal(c->id, "steun");
	assert_int_equal(c->id_pos.line, 11);
	assert_int_equal(c->type, CHART_BAR);
	assert_int_equal(c->unit, UNIT_EUR);
	assert_int_equal(c->series[0].n_values, 2);
	assert_string_equal(c->series[0].values[0].category, "2024");
	assert_true(c->series[0].values[0].value == 2.5e9);
	assert_string_equal(c->series[0].values[1].category, "2025");
	assert_true(c->series[0].values[1].value == 3.5e9);
	assert_int_equal(c->n_targets, 1);
	assert_true(c->targets[0].value == -0.15);
	assert_string_equal(c->targets[0].from, "2024");
	assert_string_equal(c->targets[0].to, "2025");
	assert_int_equal(c->targets[0].to_pos.line, 22);
	assert_int_equal(c->targets[0].to_pos.col, 13);
}

/* Data files ----------------------------------------------------------- */

struct tmp {
	char dir[64];
};

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* dir/meetings and dir/data, with these data files in dir/data. */
static const char *make_tree(void **state, const char *name1, const char *text1,
			     const char *name2, const char *text2)
{
	char tmpl[] = "/tmp/test_parse_XXXXXX";
	assert_non_null(mkdtemp(tmpl));
	const char *dir = arena_strdup(*state, tmpl);
	assert_int_equal(mkdir(arena_printf(*state, "%s/meetings", dir), 0700),
			 0);
	assert_int_equal(mkdir(arena_printf(*state, "%s/data", dir), 0700), 0);
	if (name1)
		write_file(arena_printf(*state, "%s/data/%s", dir, name1),
			   text1);
	if (name2)
		write_file(arena_printf(*state, "%s/data/%s", dir, name2),
			   text2);
	return dir;
}

static void remove_tree(void **state, const char *dir, const char *name1,
			const char *name2)
{
	if (name1)
		unlink(arena_printf(*state, "%s/data/%s", dir, name1));
	if (name2)
		unlink(arena_printf(*state, "%s/data/%s", dir, name2));
	rmdir(arena_printf(*state, "%s/data", dir));
	rmdir(arena_printf(*state, "%s/meetings", dir));
	rmdir(dir);
}

static const char DATA_FILE[] =
	"format: 1\n"
	"charts:\n"
	"  - id: steun-oekraine\n"
	"    type: bar\n"
	"    title: Nederlandse steun aan Oekraïne per jaar\n"
	"    unit: eur\n"
	"    source: Kamerbrieven 2023–2025\n"
	"    series:\n"
	"      - name: Militaire en civiele steun\n"
	"        values: {2024: 2.5e9, 2025: 3.5e9}\n";

static struct run parse_meeting_in(void **state, const char *dir,
				   const char *yaml)
{
	const char *path = arena_printf(*state, "%s/meetings/m.yaml", dir);
	return parse_as(state, path, yaml, strlen(yaml));
}

static void test_data_file_is_loaded(void **state)
{
	const char *dir = make_tree(state, "s.yaml", DATA_FILE, NULL, NULL);
	struct run r = parse_meeting_in(
		state, dir,
		BASE "    charts: [steun-oekraine]\ndata: [../data/s.yaml]\n");
	remove_tree(state, dir, "s.yaml", NULL);
	assert_non_null(r.doc);
	assert_int_equal(r.doc->n_data, 1);
	assert_string_equal(r.doc->data[0].path, "../data/s.yaml");
	assert_string_equal(r.doc->data[0].resolved,
			    arena_printf(*state, "%s/data/s.yaml", dir));
	assert_int_equal(r.doc->n_charts, 1);
	const struct chart *c = &r.doc->charts[0];
	assert_string_equal(c->id, "steun-oekraine");
	assert_string_equal(c->id_pos.file, r.doc->data[0].resolved);
	assert_int_equal(c->id_pos.line, 3);
	assert_int_equal(c->id_pos.col, 9);
	assert_string_equal(c->source.src, "Kamerbrieven 2023–2025");
	assert_string_equal(c->title.src,
			    "Nederlandse steun aan Oekraïne per jaar");
	assert_int_equal(c->title.pos.col, 12);
}

static void test_missing_data_file_is_reported_at_its_item(void **state)
{
	const char *dir = make_tree(state, NULL, NULL, NULL, NULL);
	struct run r = parse_meeting_in(state, dir,
					BASE "data:\n  - ../data/weg.yaml\n");
	remove_tree(state, dir, NULL, NULL);
	assert_null(r.doc);
	assert_count(&r, 1);
	assert_int_equal(r.d.status, EXIT_DATAERR);
	assert_diag(r.d.first, arena_printf(*state, "%s/meetings/m.yaml", dir),
		    11, 5,
		    arena_printf(*state,
				 "cannot read data file '%s/data/weg.yaml': No "
				 "such file or directory",
				 dir));
}

static void test_data_file_errors_name_the_data_file(void **state)
{
	const char *dir =
		make_tree(state, "s.yaml",
			  "format: 1\ncharts:\n  - id: s\n"
			  "    type: pie\n    title: T\n    unit: eur\n"
			  "    series: [{name: x, values: {a: 1}}]\n",
			  NULL, NULL);
	struct run r =
		parse_meeting_in(state, dir, BASE "data: [../data/s.yaml]\n");
	remove_tree(state, dir, "s.yaml", NULL);
	assert_null(r.doc);
	assert_count(&r, 1);
	assert_diag(r.d.first, arena_printf(*state, "%s/data/s.yaml", dir), 4,
		    11,
		    "'type' must be bar, stacked-bar, hbar or line; got "
		    "'pie'");
}

static void test_data_file_needs_format_and_charts(void **state)
{
	const char *dir = make_tree(state, "s.yaml", "format: 1\n", "e.yaml",
				    "# leeg\n");
	struct run r = parse_meeting_in(
		state, dir, BASE "data: [../data/s.yaml, ../data/e.yaml]\n");
	remove_tree(state, dir, "s.yaml", "e.yaml");
	const char *s = arena_printf(*state, "%s/data/s.yaml", dir);
	assert_null(r.doc);
	assert_count(&r, 2);
	assert_diag(r.d.first, s, 1, 1,
		    "missing required key 'charts' at the top level");
	assert_diag(r.d.last, arena_printf(*state, "%s/data/e.yaml", dir), 0, 0,
		    "the file is empty: a data file needs 'format' and "
		    "'charts'");
}

/* A file without 'format' at its top could be anything (an .env file, a
 * password file): it is refused as a whole, and not a word of it is
 * quoted, not even a misspelt key. */
static void test_data_file_without_format_is_not_quoted(void **state)
{
	const char *dir = make_tree(state, "s.yaml", "formaat: 1\nGEHEIM: x\n",
				    "t.yaml", "a: 1\nx: *GEHEIM\n");
	struct run r = parse_meeting_in(
		state, dir, BASE "data: [../data/s.yaml, ../data/t.yaml]\n");
	remove_tree(state, dir, "s.yaml", "t.yaml");
	assert_null(r.doc);
	assert_count(&r, 2);
	assert_diag(r.d.first, arena_printf(*state, "%s/data/s.yaml", dir), 0,
		    0,
		    "this is not a data file: a data file is a mapping that "
		    "starts with 'format: 1' and holds 'charts' (FORMAT.md)");
	assert_diag(r.d.last, arena_printf(*state, "%s/data/t.yaml", dir), 2, 4,
		    "'*…' is an alias; a meeting file may not use aliases: "
		    "write the value out in full");
	for (const struct diag *g = r.d.first; g; g = g->next)
		assert_null(strstr(g->message, "GEHEIM"));
}

/* A YAML mistake in a data file is named in the same words, but a file
 * not yet known to be dossier's is not quoted: no key, no value, no line. */
static void test_yaml_mistake_in_data_file_quotes_nothing(void **state)
{
	const char *dir = make_tree(state, "s.yaml",
				    "format: 1\ncharts:\n  - id: a\n"
				    "    title: GEHEIM: x\n",
				    "t.yaml",
				    "format: 1\ncharts:\n  - id: a\n"
				    "   GEHEIM: x\n");
	struct run r = parse_meeting_in(
		state, dir, BASE "data: [../data/s.yaml, ../data/t.yaml]\n");
	remove_tree(state, dir, "s.yaml", "t.yaml");
	assert_null(r.doc);
	assert_count(&r, 2);
	assert_diag(r.d.first, arena_printf(*state, "%s/data/s.yaml", dir), 4,
		    18,
		    "a colon followed by a space in a value starts a new key; "
		    "put the value in quotes");
	assert_diag(r.d.last, arena_printf(*state, "%s/data/t.yaml", dir), 4, 4,
		    "this line is indented 3 spaces, in line with no key above "
		    "it; indent it 4 spaces, in line with the key on line 3, or "
		    "0 spaces, in line with the key on line 2");
	for (const struct diag *g = r.d.first; g; g = g->next)
		assert_null(strstr(g->message, "GEHEIM"));
}

/* The folder a meeting file may load from: inputs/meetings/m.yaml may use
 * inputs/data/, nothing above inputs/; a meeting file elsewhere only its
 * own folder tree. Decided on real paths, so a link does not lead out. */
static void test_data_file_outside_the_root_is_refused(void **state)
{
	const char *dir = make_tree(state, "s.yaml", DATA_FILE, NULL, NULL);
	char out[] = "/tmp/test_parse_geheim_XXXXXX";
	int fd = mkstemp(out);
	assert_true(fd >= 0);
	close(fd);
	write_file(out, DATA_FILE);
	const char *link = arena_printf(*state, "%s/data/link.yaml", dir);
	assert_int_equal(symlink(out, link), 0);
	/* dir is /tmp/test_parse_X: ../../ from its meetings/ is /tmp */
	const char *yaml = arena_printf(
		*state,
		BASE "data: [../data/s.yaml, ../../%s, /etc/passwd, "
		     "../data/link.yaml]\n",
		out + 5);
	struct run r = parse_meeting_in(state, dir, yaml);
	unlink(link);
	unlink(out);
	remove_tree(state, dir, "s.yaml", NULL);
	assert_null(r.doc);
	assert_count(&r, 3);
	const char *m = arena_printf(*state, "%s/meetings/m.yaml", dir);
	const char *shown[3] = { out, "/etc/passwd", link };
	int c = 8 + (int)strlen("../data/s.yaml, ");
	int col[3] = { c, c + (int)strlen(out + 5) + 8,
		       c + (int)strlen(out + 5) + 8 + 13 };
	const struct diag *g = r.d.first;
	for (int i = 0; i < 3; i++, g = g->next)
		assert_diag(g, m, 10, col[i],
			    arena_printf(*state,
					 "data file '%s' is outside '%s', the "
					 "folder this meeting file may load "
					 "files from; move it there, or name "
					 "a folder that holds both with "
					 "--root DIR",
					 shown[i], dir));
}

static void test_data_file_fifo_is_refused_with_noinput(void **state)
{
	const char *dir = make_tree(state, NULL, NULL, NULL, NULL);
	const char *fifo = arena_printf(*state, "%s/data/s.yaml", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	struct run r = parse_meeting_in(state, dir,
					BASE "data: [../data/s.yaml]\n");
	unlink(fifo);
	remove_tree(state, dir, NULL, NULL);
	assert_null(r.doc);
	assert_count(&r, 1);
	assert_int_equal(r.d.status, EXIT_NOINPUT);
	assert_diag(r.d.first, arena_printf(*state, "%s/meetings/m.yaml", dir),
		    10, 8,
		    arena_printf(*state,
				 "data file '%s' is a named pipe (FIFO), not a "
				 "file; name a data file (.yaml)",
				 fifo));
}

static void test_root_is_the_folder_around_meetings(void **state)
{
	struct run r = parse_as(state, "inputs/meetings/m.yaml", BASE,
				strlen(BASE));
	assert_non_null(r.doc);
	assert_string_equal(r.doc->root_shown, "inputs");
	r = parse_as(state, "tests/bad/m.yaml", BASE, strlen(BASE));
	assert_non_null(r.doc);
	assert_string_equal(r.doc->root_shown, "tests/bad");
	r = parse_as(state, "m.yaml", BASE, strlen(BASE));
	assert_non_null(r.doc);
	assert_string_equal(r.doc->root_shown, ".");
	char *cwd = getcwd(NULL, 0);
	assert_string_equal(r.doc->root, cwd);
	free(cwd);
}

static void test_root_given_is_used(void **state)
{
	struct diags d;
	diags_init(&d, *state);
	struct document *doc = model_parse_file_in(
		*state, "inputs/meetings/2025-12-03-fmm.yaml",
		"inputs/meetings", &d);
	assert_null(doc);
	assert_int_equal(d.first->pos.line, 122);
	assert_string_equal(d.first->message,
			    "data file 'inputs/data/navo-norm.yaml' is outside "
			    "'inputs/meetings', the folder this meeting file "
			    "may load files from; move it there, or name a "
			    "folder that holds both with --root DIR");
}

static void test_data_file_format_must_be_1(void **state)
{
	const char *dir = make_tree(state, "s.yaml", "format: 2\ncharts: []\n",
				    NULL, NULL);
	struct run r =
		parse_meeting_in(state, dir, BASE "data: [../data/s.yaml]\n");
	remove_tree(state, dir, "s.yaml", NULL);
	assert_count(&r, 1);
	assert_diag(r.d.first, arena_printf(*state, "%s/data/s.yaml", dir), 1,
		    9,
		    "'format' must be 1, the only version of this format; got "
		    "2");
}

static void test_data_file_listed_twice(void **state)
{
	const char *dir = make_tree(state, "s.yaml", DATA_FILE, NULL, NULL);
	struct run r = parse_meeting_in(
		state, dir, BASE "data: [../data/s.yaml, ./../data/s.yaml]\n");
	remove_tree(state, dir, "s.yaml", NULL);
	assert_count(&r, 1);
	assert_diag(
		r.d.first, arena_printf(*state, "%s/meetings/m.yaml", dir), 10,
		24,
		arena_printf(*state,
			     "data file '%s/data/s.yaml' is listed twice in "
			     "'data'",
			     dir));
}

static void test_chart_id_twice_across_files(void **state)
{
	const char *dir = make_tree(state, "s.yaml", DATA_FILE, NULL, NULL);
	struct run r = parse_meeting_in(
		state, dir,
		BASE "data: [../data/s.yaml]\n" CHART("steun-oekraine"));
	remove_tree(state, dir, "s.yaml", NULL);
	assert_count(&r, 1);
	assert_diag(r.d.first, arena_printf(*state, "%s/meetings/m.yaml", dir),
		    12, 9,
		    arena_printf(*state,
				 "chart id 'steun-oekraine' is used twice; "
				 "first at %s/data/s.yaml:3:9",
				 dir));
}

/* Annexes, distribution ------------------------------------------------- */

static void test_annexes_resolve_against_the_file(void **state)
{
	const char *yaml = BASE "annexes:\n  - fmm-2023-11.yaml\n"
				"  - ../other/./x.yaml\n  - /abs/y.yaml\n";
	struct run r =
		parse_as(state, "inputs/meetings/m.yaml", yaml, strlen(yaml));
	assert_non_null(r.doc);
	assert_int_equal(r.doc->n_annexes, 3);
	assert_string_equal(r.doc->annexes[0].path, "fmm-2023-11.yaml");
	assert_string_equal(r.doc->annexes[0].resolved,
			    "inputs/meetings/fmm-2023-11.yaml");
	assert_int_equal(r.doc->annexes[0].pos.line, 11);
	assert_int_equal(r.doc->annexes[0].pos.col, 5);
	assert_string_equal(r.doc->annexes[1].resolved, "inputs/other/x.yaml");
	assert_string_equal(r.doc->annexes[2].resolved, "/abs/y.yaml");
}

static void test_annex_must_be_a_path(void **state)
{
	expect_error(state, BASE "annexes:\n  - {file: x.yaml}\n", 11, 5,
		     "each item in 'annexes' must be a file path; got a "
		     "mapping");
}

static void test_email_needs_one_at_sign(void **state)
{
	expect_error(state,
		     BASE
		     "distribution:\n  - name: BZ\n    email: bz.example.nl\n",
		     12, 12,
		     "'email' must be an e-mail address such as "
		     "naam@example.nl; there is no @ in it");
}

static void test_recipient_needs_a_name(void **state)
{
	expect_error(state, BASE "distribution:\n  - email: bz@example.nl\n",
		     11, 5, "missing required key 'name' in a recipient");
}

static void test_distribution_item_must_be_a_mapping(void **state)
{
	expect_error(state, BASE "distribution:\n  - bz@example.nl\n", 11, 5,
		     "each item in 'distribution' must be a mapping (lines of "
		     "key: value); got 'bz@example.nl'\n"
		     " 11 |   - bz@example.nl\n"
		     "    |     ^");
}

/* Many errors at once ---------------------------------------------------- */

static void test_errors_are_collected_in_one_pass(void **state)
{
	struct run r =
		parse(state, "format: 1\nid: Fout\ndocument: verslag\n"
			     "meeting:\n  name: NAVO\n  dates: 2025-02-30\n"
			     "  place: [x]\nsections:\n  - heding: Raad\n");
	assert_null(r.doc);
	assert_count(&r, 4);
	const struct diag *g = r.d.first;
	assert_diag(g, "m.yaml", 2, 5,
		    "'id' may only hold lowercase letters a-z, digits and "
		    "'-', because it names the output file (out/ID.pdf); got "
		    "'Fout'");
	g = g->next;
	assert_diag(g, "m.yaml", 6, 10,
		    "'dates' must be one or two ISO dates (YYYY-MM-DD); got "
		    "2025-02-30, a day that does not exist: februari 2025 "
		    "has 28 days");
	g = g->next;
	assert_diag(g, "m.yaml", 7, 10, "'place' must be text; got a list");
	g = g->next;
	assert_diag(g, "m.yaml", 9, 5,
		    "unknown key 'heding' in a section; did you mean "
		    "'heading'?");
	assert_null(g->next);
}

static void test_error_flood_is_cut_off(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, BASE);
	for (int i = 0; i < 150; i++)
		strbuf_addf(&sb, "zz%d: x\n", i);
	struct run r = parse(state, strbuf_str(&sb));
	strbuf_release(&sb);
	assert_null(r.doc);
	assert_count(&r, 101);
	assert_diag(r.d.last, "m.yaml", 0, 0,
		    "more than 100 errors; fix these first");
}

/* Good documents -------------------------------------------------------- */

static const char COMPLETE[] =
	/*  1 */
	"format: 1\n"
	/*  2 */ "id: fmm-2025-12\n"
	/*  3 */ "document: geannoteerde-agenda\n"
	/*  4 */ "title: Geannoteerde agenda NAVO Foreign Ministers Meeting\n"
	/*  5 */ "date: 2025-11-21\n"
	/*  6 */ "author: Ministerie van Buitenlandse Zaken\n"
	/*  7 */ "layout: kamerbrief\n"
	/*  8 */ "classification: Departementaal vertrouwelijk\n"
	/*  9 */ "reference: BZ2511234\n"
	/* 10 */ "intro: |\n"
	/* 11 */ "  Deze agenda gaat over *twee* onderwerpen.\n"
	/* 12 */ "meeting:\n"
	/* 13 */ "  name: NAVO Foreign Ministers Meeting\n"
	/* 14 */ "  short: FMM\n"
	/* 15 */ "  informal: false\n"
	/* 16 */ "  dates: [2025-12-03, 2025-12-04]\n"
	/* 17 */ "  place: Brussel\n"
	/* 18 */ "  venue: NAVO-hoofdkwartier\n"
	/* 19 */ "  participants:\n"
	/* 20 */ "    - Andrii Sybiha\n"
	/* 21 */ "    - Κάλλας\n"
	/* 22 */ "letter:\n"
	/* 23 */ "  to: De Voorzitter van de Tweede Kamer der Staten-Generaal\n"
	/* 24 */ "  salutation: Geachte voorzitter,\n"
	/* 25 */ "  body: |\n"
	/* 26 */ "    Hierbij bied ik u de geannoteerde agenda aan.[^brief]\n"
	/* 27 */ "  closing: De minister van Buitenlandse Zaken,\n"
	/* 28 */ "  signatory: Caspar Veldkamp\n"
	/* 29 */ "sections:\n"
	/* 30 */ "  - heading: Noord-Atlantische Raad\n"
	/* 31 */ "    text: |\n"
	/* 32 */ "      Tijdens de NAR spreken de 32 ministers.[^purl]\n"
	/* 33 */ "    position: >\n"
	/* 34 */ "      Nederland zal\n"
	/* 35 */ "      steun uitspreken.\n"
	/* 36 */ "    charts: [steun-oekraine]\n"
	/* 37 */ "    sections:\n"
	/* 38 */ "      - heading: Oekraïne\n"
	/* 39 */ "        sections:\n"
	/* 40 */ "          - heading: Steun\n"
	/* 41 */ "            text: Militaire steun.\n"
	/* 42 */ "  - heading: Overig\n"
	/* 43 */ "notes:\n"
	/* 44 */ "  purl: Kamerstuk 28676, nr. 499\n"
	/* 45 */ "  brief: \"Zie ook de brief van 1 november.\"\n"
	/* 46 */ "charts:\n"
	/* 47 */ "  - id: steun-oekraine\n"
	/* 48 */ "    type: stacked-bar\n"
	/* 49 */ "    title: Steun aan Oekraïne\n"
	/* 50 */ "    unit: eur\n"
	/* 51 */ "    source: Kamerbrieven\n"
	/* 52 */ "    series:\n"
	/* 53 */ "      - name: Militair\n"
	/* 54 */ "        values: {2024: 2.5e9, 2025: 3.5e9}\n"
	/* 55 */ "      - name: Civiel\n"
	/* 56 */ "        values:\n"
	/* 57 */ "          2025: 1.0e9\n"
	/* 58 */ "          2024: 5e8\n"
	/* 59 */ "    targets:\n"
	/* 60 */ "      - label: Toezegging\n"
	/* 61 */ "        value: 3e9\n"
	/* 62 */ "        from: 2024\n"
	/* 63 */ "annexes: [fmm-2023-11.yaml]\n"
	/* 64 */ "distribution:\n"
	/* 65 */ "  - name: Vaste commissie voor Buitenlandse Zaken\n"
	/* 66 */ "    email: commissie.bz@example.nl\n";

static void assert_pos(struct srcpos p, int line, int col)
{
	assert_string_equal(p.file, "inputs/meetings/fmm-2025-12.yaml");
	assert_int_equal(p.line, line);
	assert_int_equal(p.col, col);
}

static void check_complete_head(const struct document *doc)
{
	assert_string_equal(doc->path, "inputs/meetings/fmm-2025-12.yaml");
	assert_int_equal(doc->format, 1);
	assert_string_equal(doc->id, "fmm-2025-12");
	assert_pos(doc->id_pos, 2, 5);
	assert_int_equal(doc->kind, DOC_GEANNOTEERDE_AGENDA);
	assert_string_equal(
		doc->title.src,
		"Geannoteerde agenda NAVO Foreign Ministers Meeting");
	assert_pos(doc->title.pos, 4, 8);
	assert_true(doc->has_date);
	assert_int_equal(doc->date.year, 2025);
	assert_int_equal(doc->date.month, 11);
	assert_int_equal(doc->date.day, 21);
	assert_string_equal(doc->author.src,
			    "Ministerie van Buitenlandse Zaken");
	assert_string_equal(doc->layout.src, "kamerbrief");
	assert_string_equal(doc->classification.src,
			    "Departementaal vertrouwelijk");
	assert_string_equal(doc->reference.src, "BZ2511234");
	assert_string_equal(doc->intro.src,
			    "Deze agenda gaat over *twee* onderwerpen.\n");
	assert_pos(doc->intro.pos, 11, 3);
	assert_int_equal(doc->intro.block_indent, 3);
}

static void check_complete_meeting(const struct document *doc)
{
	const struct meeting_info *m = &doc->meeting;
	assert_string_equal(m->name.src, "NAVO Foreign Ministers Meeting");
	assert_string_equal(m->short_name.src, "FMM");
	assert_false(m->informal);
	assert_int_equal(m->n_dates, 2);
	assert_int_equal(m->dates[0].day, 3);
	assert_int_equal(m->dates[1].day, 4);
	assert_pos(m->dates_pos, 16, 10);
	assert_string_equal(m->place.src, "Brussel");
	assert_string_equal(m->venue.src, "NAVO-hoofdkwartier");
	assert_int_equal(m->n_participants, 2);
	assert_string_equal(m->participants[1].name.src, "Κάλλας");
	assert_pos(m->participants[1].name.pos, 21, 7);
	const struct letter *l = doc->letter;
	assert_non_null(l);
	assert_string_equal(
		l->to.src,
		"De Voorzitter van de Tweede Kamer der Staten-Generaal");
	assert_string_equal(l->salutation.src, "Geachte voorzitter,");
	assert_string_equal(
		l->body.src,
		"Hierbij bied ik u de geannoteerde agenda aan.[^brief]\n");
	assert_pos(l->body.pos, 26, 5);
	assert_string_equal(l->closing.src,
			    "De minister van Buitenlandse Zaken,");
	assert_string_equal(l->signatory.src, "Caspar Veldkamp");
	assert_pos(l->pos, 23, 3);
}

static void check_complete_sections(const struct document *doc)
{
	assert_int_equal(doc->n_sections, 2);
	const struct section *s = &doc->sections[0];
	assert_string_equal(s->heading.src, "Noord-Atlantische Raad");
	assert_pos(s->heading.pos, 30, 14);
	assert_pos(s->pos, 30, 5);
	assert_int_equal(s->level, 1);
	assert_string_equal(s->text.src,
			    "Tijdens de NAR spreken de 32 ministers.[^purl]\n");
	assert_string_equal(s->position.src,
			    "Nederland zal steun uitspreken.\n");
	struct srcpos p =
		model_text_pos(&s->position, strlen("Nederland zal "));
	assert_pos(p, 35, 7);
	assert_int_equal(s->n_charts, 1);
	assert_string_equal(s->charts[0].id, "steun-oekraine");
	assert_pos(s->charts[0].pos, 36, 14);
	assert_int_equal(s->n_sections, 1);
	assert_string_equal(s->sections[0].heading.src, "Oekraïne");
	assert_int_equal(s->sections[0].level, 2);
	const struct section *deep = &s->sections[0].sections[0];
	assert_int_equal(deep->level, 3);
	assert_string_equal(deep->text.src, "Militaire steun.");
	assert_string_equal(doc->sections[1].heading.src, "Overig");
	assert_int_equal(doc->sections[1].n_sections, 0);
}

static void check_complete_rest(const struct document *doc)
{
	assert_int_equal(doc->n_notes, 2);
	const struct note *n = model_find_note(doc, "brief");
	assert_non_null(n);
	assert_string_equal(n->text.src, "Zie ook de brief van 1 november.");
	assert_pos(n->pos, 45, 3);
	assert_pos(n->text.pos, 45, 11);
	assert_string_equal(model_find_note(doc, "purl")->text.src,
			    "Kamerstuk 28676, nr. 499");
	assert_int_equal(doc->n_charts, 1);
	const struct chart *c = &doc->charts[0];
	assert_int_equal(c->type, CHART_STACKED_BAR);
	assert_int_equal(c->n_series, 2);
	assert_string_equal(c->series[1].name.src, "Civiel");
	assert_string_equal(c->series[1].values[0].category, "2025");
	assert_true(c->series[1].values[1].value == 5e8);
	assert_string_equal(c->targets[0].label.src, "Toezegging");
	assert_true(c->targets[0].value == 3e9);
	assert_string_equal(c->targets[0].from, "2024");
	assert_null(c->targets[0].to);
	assert_int_equal(doc->n_annexes, 1);
	assert_string_equal(doc->annexes[0].resolved,
			    "inputs/meetings/fmm-2023-11.yaml");
	assert_int_equal(doc->n_distribution, 1);
	assert_string_equal(doc->distribution[0].email.src,
			    "commissie.bz@example.nl");
	assert_int_equal(doc->n_data, 0);
}

static void test_complete_document_is_read_exactly(void **state)
{
	struct run r = parse_as(state, "inputs/meetings/fmm-2025-12.yaml",
				COMPLETE, sizeof COMPLETE - 1);
	assert_count(&r, 0);
	assert_non_null(r.doc);
	check_complete_head(r.doc);
	check_complete_meeting(r.doc);
	check_complete_sections(r.doc);
	check_complete_rest(r.doc);
}

static void test_json_is_read_as_yaml(void **state)
{
	struct document *doc = parse_ok(
		state, "{\"format\": 1, \"id\": \"x\", \"document\": "
		       "\"briefing-pack\",\n \"meeting\": {\"name\": \"NAVO\", "
		       "\"dates\": [\"2025-12-03\"], \"place\": \"Brussel\"},\n"
		       " \"sections\": [{\"heading\": \"Raad\"}]}\n");
	assert_int_equal(doc->kind, DOC_BRIEFING_PACK);
	assert_string_equal(doc->sections[0].heading.src, "Raad");
	assert_int_equal(doc->sections[0].heading.pos.line, 3);
	assert_int_equal(doc->sections[0].heading.pos.col, 28);
}

static void test_crlf_line_ends_are_read(void **state)
{
	struct document *doc = parse_ok(
		state, "format: 1\r\nid: x\r\ndocument: verslag\r\nmeeting:\r\n"
		       "  name: NAVO\r\n  dates: 2025-12-03\r\n  place: B\r\n"
		       "sections:\r\n  - heading: Raad\r\n    text: |\r\n"
		       "      a\r\n      b[^n]\r\nnotes:\r\n  n: c\r\n");
	assert_string_equal(doc->sections[0].text.src, "a\nb[^n]\n");
	struct srcpos p = model_text_pos(&doc->sections[0].text, 3);
	assert_int_equal(p.line, 12);
	assert_int_equal(p.col, 8);
}

/* model.c --------------------------------------------------------------- */

static void test_doc_kind_names_are_as_written(void **state)
{
	(void)state;
	assert_string_equal(model_doc_kind_name(DOC_GEANNOTEERDE_AGENDA),
			    "geannoteerde-agenda");
	assert_string_equal(model_doc_kind_name(DOC_VERSLAG), "verslag");
	assert_string_equal(model_doc_kind_name(DOC_BRIEFING_PACK),
			    "briefing-pack");
}

static void test_text_pos_without_raw_source(void **state)
{
	(void)state;
	struct text block = { .src = "\neen\ntwee [^x]\n",
			      .pos = { "f.yaml", 12, 5 },
			      .block_indent = 5 };
	struct srcpos p = model_text_pos(&block, strlen("\neen\ntwee "));
	assert_int_equal(p.line, 13);
	assert_int_equal(p.col, 10);
	struct text flow = { .src = "één [^x]", .pos = { "f.yaml", 3, 8 } };
	p = model_text_pos(&flow, strlen("één "));
	assert_int_equal(p.line, 3);
	assert_int_equal(p.col, 12);
	struct text none = { .pos = { "f.yaml", 1, 1 } };
	assert_int_equal(model_text_pos(&none, 5).col, 1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_not_utf8_names_byte_and_value),
		T(test_latin1_text_is_not_utf8),
		T(test_overlong_utf8_is_refused),
		T(test_byte_order_mark_is_skipped),
		T(test_nul_byte_names_offset),
		T(test_empty_file_is_refused),
		T(test_comment_only_file_is_empty),
		T(test_document_marker_only_is_empty),
		T(test_file_over_4_mib_is_refused),
		T(test_unreadable_file_exits_noinput),
		T(test_folder_is_not_a_meeting_file),
		T(test_yaml_syntax_error_has_place),
		T(test_unclosed_bracket_is_a_yaml_error),
		T(test_tab_indentation_is_a_yaml_error),
		T(test_yaml_mistake_caret_counts_characters),
		T(test_yaml_mistake_long_line_is_cut),
		T(test_duplicate_top_level_key_points_at_second),
		T(test_duplicate_key_in_meeting),
		T(test_duplicate_note_key),
		T(test_alias_is_refused),
		T(test_billion_laughs_is_refused),
		T(test_deep_flow_nesting_is_refused),
		T(test_deep_block_nesting_is_refused),
		T(test_deep_flow_after_a_tag_is_refused),
		T(test_brackets_in_text_quotes_and_comments_are_not_nesting),
		T(test_second_document_is_refused),
		T(test_key_must_be_text),
		T(test_explicit_key_refused),
		T(test_top_level_must_be_mapping),
		T(test_top_level_text_is_not_a_document),
		T(test_unknown_key_suggests_heading),
		T(test_unknown_key_suggests_transposed_letters),
		T(test_unknown_key_suggests_by_prefix),
		T(test_unknown_key_lists_the_keys_here),
		T(test_unknown_key_in_letter),
		T(test_unknown_key_in_recipient),
		T(test_missing_required_key_place),
		T(test_missing_required_top_level_keys),
		T(test_intro_alone_needs_no_sections),
		T(test_missing_heading_in_section),
		T(test_format_must_be_1),
		T(test_id_rejects_capitals_and_spaces),
		T(test_id_may_be_written_as_a_number),
		T(test_document_kind_suggests_verslag),
		T(test_document_kind_without_close_match),
		T(test_place_must_be_text_not_a_list),
		T(test_title_must_be_text_not_a_mapping),
		T(test_numbers_are_fine_as_text),
		T(test_required_text_must_not_be_empty),
		T(test_empty_heading_in_quotes),
		T(test_optional_empty_text_is_absent),
		T(test_informal_must_be_true_or_false),
		T(test_informal_true_is_read),
		T(test_participants_must_be_a_list),
		T(test_participant_must_be_a_name),
		T(test_meeting_must_be_a_mapping),
		T(test_sections_must_hold_one),
		T(test_section_must_be_a_mapping),
		T(test_sections_nest_three_levels),
		T(test_sections_refuse_a_fourth_level),
		T(test_layout_must_be_a_name),
		T(test_long_bad_value_is_cut_in_message),
		T(test_dates_rejects_february_30),
		T(test_dates_accepts_leap_day_in_2024),
		T(test_dates_rejects_leap_day_in_2025),
		T(test_dates_rejects_dutch_order),
		T(test_dates_rejects_three),
		T(test_dates_rejects_an_empty_list),
		T(test_dates_end_before_start),
		T(test_dates_reads_start_and_end),
		T(test_date_must_be_iso),
		T(test_date_with_one_digit_month_says_how_to_write_it),
		T(test_date_rejects_month_13),
		T(test_block_text_keeps_its_position),
		T(test_footnote_without_note_is_reported_in_place),
		T(test_footnote_in_folded_text),
		T(test_footnote_in_multiline_quoted_text),
		T(test_footnote_in_intro_letter_and_notes),
		T(test_note_without_text),
		T(test_note_must_be_text),
		T(test_note_key_pattern),
		T(test_unused_note_and_escaped_reference_are_fine),
		T(test_chart_id_used_twice),
		T(test_chart_id_pattern),
		T(test_chart_type_suggests_bar),
		T(test_chart_unit_suggests_eur),
		T(test_chart_title_is_required),
		T(test_chart_needs_a_series),
		T(test_unknown_key_in_chart_and_series),
		T(test_values_must_be_numbers),
		T(test_values_with_a_decimal_comma_get_a_hint),
		T(test_values_need_one_category),
		T(test_values_category_twice),
		T(test_target_value_must_be_a_number),
		T(test_target_from_must_be_a_category),
		T(test_target_may_span_years_outside_the_data),
		T(test_unknown_key_in_target),
		T(test_section_names_unknown_chart),
		T(test_section_names_chart_when_none_loaded),
		T(test_inline_chart_is_read),
		T(test_intro_charts_are_read),
		T(test_data_file_is_loaded),
		T(test_missing_data_file_is_reported_at_its_item),
		T(test_data_file_errors_name_the_data_file),
		T(test_data_file_needs_format_and_charts),
		T(test_yaml_mistake_in_data_file_quotes_nothing),
		T(test_data_file_without_format_is_not_quoted),
		T(test_data_file_outside_the_root_is_refused),
		T(test_data_file_fifo_is_refused_with_noinput),
		T(test_root_is_the_folder_around_meetings),
		T(test_root_given_is_used),
		T(test_data_file_format_must_be_1),
		T(test_data_file_listed_twice),
		T(test_chart_id_twice_across_files),
		T(test_annexes_resolve_against_the_file),
		T(test_annex_must_be_a_path),
		T(test_email_needs_one_at_sign),
		T(test_recipient_needs_a_name),
		T(test_distribution_item_must_be_a_mapping),
		T(test_errors_are_collected_in_one_pass),
		T(test_error_flood_is_cut_off),
		T(test_complete_document_is_read_exactly),
		T(test_json_is_read_as_yaml),
		T(test_crlf_line_ends_are_read),
		T(test_doc_kind_names_are_as_written),
		T(test_text_pos_without_raw_source),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
