/*
 * model.c — small questions asked of the meeting model.
 *
 * The names of the enums as written in the data, the note for a footnote
 * key, and model_text_pos(): from a byte offset in a text field's source to
 * file:line:col. With the raw source of the scalar (parse.c keeps it) the
 * walk is exact for every YAML style; without it, line counting for block
 * scalars and "same line, later column" for the rest.
 */
#include "model.h"
#include "utf8.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *model_doc_kind_name(enum doc_kind k)
{
	switch (k) {
	case DOC_GEANNOTEERDE_AGENDA:
		return "geannoteerde-agenda";
	case DOC_VERSLAG:
		return "verslag";
	case DOC_BRIEFING_PACK:
		return "briefing-pack";
	}
	assert(!"unknown enum doc_kind");
	return "?";
}

static void drop_text(struct text *t)
{
	t->src = NULL;
	t->raw = NULL;
}

static void drop_sections(struct section *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		drop_text(&s[i].text);
		drop_text(&s[i].position);
		drop_sections(s[i].sections, s[i].n_sections);
	}
}

static void release_rich(struct document *d)
{
	if (!d || !d->rich_texts)
		return;
	drop_text(&d->intro);
	if (d->letter)
		drop_text(&d->letter->body);
	for (size_t i = 0; i < d->n_notes; i++)
		drop_text(&d->notes[i].text);
	drop_sections(d->sections, d->n_sections);
	arena_destroy(d->rich_texts);
	d->rich_texts = NULL;
}

void model_release_rich(const struct document *doc)
{
	/* Every document is made writable by the parser (parse.c); const
	 * is the stages' promise not to change it, which this is the
	 * exception to. */
	struct document *d = (struct document *)doc;
	release_rich(d);
	release_rich(d->agenda_doc);
	for (size_t i = 0; d->annex_docs && i < d->n_annexes; i++)
		release_rich(d->annex_docs[i]);
}

static int by_key(const void *a, const void *b)
{
	const struct note *const *x = a, *const *y = b;
	return strcmp((*x)->key, (*y)->key);
}

void model_index_notes(struct arena *a, struct document *doc)
{
	const struct note **ix = arena_array(a, doc->n_notes + 1, sizeof *ix);
	for (size_t i = 0; i < doc->n_notes; i++)
		ix[i] = &doc->notes[i];
	qsort(ix, doc->n_notes, sizeof *ix, by_key);
	doc->notes_by_key = ix;
}

/* A search of every note for every reference grew with the square of
 * the notes (a 1.400-page report has 3.000). */
const struct note *model_find_note(const struct document *doc, const char *key)
{
	assert(doc && key);
	assert(doc->notes_by_key || !doc->n_notes);
	size_t lo = 0, hi = doc->n_notes;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(doc->notes_by_key[mid]->key, key);
		if (c == 0)
			return doc->notes_by_key[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t model_line_break_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] == '\r')
		return u[1] == '\n' ? 2 : 1;
	if (u[0] == '\n' || u[0] == '\v' || u[0] == '\f')
		return 1;
	if (u[0] == 0xC2 && u[1] == 0x85)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9))
		return 3;
	return 0;
}

/* A place in the raw source, advanced one byte at a time. Columns count
 * characters, as libfyaml's marks do. */
struct raw_walk {
	const char *p;
	int line, col;
};

static void raw_walk_step(struct raw_walk *w)
{
	unsigned char c = (unsigned char)*w->p++;
	if (c == '\n') {
		w->line++;
		w->col = 1;
	} else if (!utf8_is_cont((char)c)) {
		w->col++;
	}
}

/* Bytes of the raw source that YAML drops or folds: indentation, line
 * breaks, quotes and escape backslashes. */
static int raw_only(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\\' ||
	       c == '"' || c == '\'';
}

/* Walk raw and src side by side: equal bytes advance both, bytes YAML drops
 * and line breaks advance raw, folded line breaks (a space or newline in
 * src, or a line break parse.c wrote for another) advance src, anything
 * else (an escape) advances both. */
static struct srcpos text_pos_raw(const struct text *t, size_t off)
{
	const char *s = t->src;
	struct raw_walk w = { t->raw, t->raw_pos.line, t->raw_pos.col };
	size_t i = 0;
	while (i < off && *w.p) {
		if (*w.p == s[i]) {
			raw_walk_step(&w);
			i++;
		} else if (raw_only(*w.p)) {
			raw_walk_step(&w);
		} else if (model_line_break_len(w.p)) {
			for (size_t n = model_line_break_len(w.p); n; n--)
				raw_walk_step(&w);
		} else if (s[i] == ' ' || s[i] == '\n') {
			i++;
		} else if (model_line_break_len(s + i)) {
			i += model_line_break_len(s + i);
		} else {
			raw_walk_step(&w);
			i++;
		}
	}
	/* An escape is placed at its backslash. */
	while (*w.p && *w.p != s[off] && *w.p != '\\' && raw_only(*w.p))
		raw_walk_step(&w);
	return (struct srcpos){ t->pos.file, w.line, w.col };
}

/* Block scalar without raw source: lines of src are lines of the file,
 * indented by block_indent - 1; pos is the first non-blank line. */
static struct srcpos text_pos_block(const struct text *t, size_t off)
{
	const char *s = t->src;
	int leading = 0;
	while (s[leading] == '\n')
		leading++;
	int line = t->pos.line - leading;
	size_t bol = 0;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n') {
			line++;
			bol = i + 1;
		}
	int col = t->block_indent;
	col += (int)utf8_count(s + bol, off > bol ? off - bol : 0);
	return (struct srcpos){ t->pos.file, line, col };
}

static struct srcpos text_pos_flow(const struct text *t, size_t off)
{
	int col = t->pos.col + (int)utf8_count(t->src, off);
	return (struct srcpos){ t->pos.file, t->pos.line, col };
}

struct srcpos model_text_pos(const struct text *t, size_t off)
{
	assert(t);
	if (!t->src)
		return t->pos;
	size_t len = strlen(t->src);
	if (off > len)
		off = len;
	if (t->raw)
		return text_pos_raw(t, off);
	if (t->block_indent > 0)
		return text_pos_block(t, off);
	return text_pos_flow(t, off);
}

long long model_source_date(const char *value)
{
	if (!value || !*value)
		return -1;
	char *end;
	long long t = strtoll(value, &end, 10);
	return !*end && t >= 0 ? t : -1;
}

struct date model_document_date(const struct document *d,
				long long source_date)
{
	if (d->has_date)
		return d->date;
	if (source_date >= 0) {
		time_t tt = (time_t)source_date;
		struct tm tm;
		gmtime_r(&tt, &tm);
		return (struct date){ tm.tm_year + 1900, tm.tm_mon + 1,
				      tm.tm_mday };
	}
	if (d->meeting.n_dates > 0)
		return d->meeting.dates[0];
	return (struct date){ 1970, 1, 1 }; /* a data file: the epoch's day */
}
