/*
 * parse_yaml_msg.c — the YAML toolkit's words: errors at their place, and
 * a YAML mistake in the words of the person who made it.
 *
 * Input: the bytes of a file, the words libfyaml gave up with and its
 * place. libfyaml names the parser's state ("invalid nested block mapping
 * on the same line"); the writer made a mistake in a line they can see: a
 * colon in a value, a tab, a key indented so that it lines up with no key
 * above it, a list item out of line, no space after a colon, a quote or
 * bracket never closed. The lines around the place are read again to tell
 * which, and the message says what to write instead, with the line and a
 * caret under the column. Output: the message; the place moves to where
 * the mistake is. A file not known to be dossier's (pc->opaque) gets the
 * same sentences with nothing of it quoted: no names, no line.
 * Below them, what every message is made with: parse_error (counted,
 * capped, with the excerpt of the line), a value described or quoted in
 * a few dozen bytes, and the closest name to a misspelt key.
 */
#include "parse_yaml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define EXCERPT_MAX 60 /* bytes of a line shown, as for a quoted value */
#define PARSE_MAX_ERRORS 100

/* One line of the file, looked at as YAML block structure. */
struct yline {
	int no; /* 1-based; 0: there is no such line */
	const char *s;
	size_t len;      /* without the newline (and a '\r' before it) */
	size_t blanks;   /* leading spaces and tabs */
	size_t tab;      /* offset of the first leading tab, or len */
	bool content;    /* not blank, not only a comment */
	bool item;       /* a list item: '-' then a space or the end */
	size_t key;      /* offset of a plain "key:" on the line, or len */
	size_t key_len;
	size_t value;    /* offset of what follows "key: ", or len */
};

static bool at_blank(const char *s, size_t len, size_t i)
{
	return i >= len || s[i] == ' ' || s[i] == '\t';
}

/* A plain key at s[p]: up to the first ':' followed by a blank. */
static void yline_key(struct yline *l, size_t p)
{
	const char *s = l->s;
	if (p >= l->len || strchr("#'\"[]{}|>&*!%@`,?:-", s[p]))
		return;
	for (size_t q = p; q < l->len; q++) {
		if (s[q] == '#' && s[q - 1] == ' ')
			return;
		if (s[q] == ':' && at_blank(s, l->len, q + 1)) {
			l->key = p;
			l->key_len = q - p;
			size_t v = q + 1;
			while (v < l->len && (s[v] == ' ' || s[v] == '\t'))
				v++;
			if (v < l->len && s[v] != '#')
				l->value = v;
			return;
		}
	}
}

/* The lines of buf, indexed once per file: a message looks at several. */
struct ytext {
	const char *buf;
	size_t len;
	const size_t *start;
	int n;
};

static struct ytext ytext_of(struct pctx *pc, const char *buf, size_t len)
{
	if (pc->lines_of != buf) {
		int n = 1;
		for (size_t i = 0; i < len; i++)
			n += buf[i] == '\n';
		size_t *start = arena_array(pc->a, (size_t)n, sizeof *start);
		int k = 0;
		start[k++] = 0;
		for (size_t i = 0; i < len; i++)
			if (buf[i] == '\n')
				start[k++] = i + 1;
		pc->lines_of = buf;
		pc->line_start = start;
		pc->n_lines = n;
	}
	return (struct ytext){ buf, len, pc->line_start, pc->n_lines };
}

static struct yline yline_get(const struct ytext *t, int no)
{
	struct yline l = { 0 };
	/* a last line that is empty after the final newline is no line */
	if (no < 1 || no > t->n || (no > 1 && t->start[no - 1] == t->len))
		return l;
	const char *buf = t->buf;
	size_t len = t->len, i = t->start[no - 1];
	const char *nl = memchr(buf + i, '\n', len - i);
	l.no = no;
	l.s = buf + i;
	l.len = nl ? (size_t)(nl - l.s) : len - i;
	if (l.len && l.s[l.len - 1] == '\r')
		l.len--;
	l.tab = l.key = l.value = l.len;
	while (l.blanks < l.len &&
	       (l.s[l.blanks] == ' ' || l.s[l.blanks] == '\t')) {
		if (l.s[l.blanks] == '\t' && l.tab == l.len)
			l.tab = l.blanks;
		l.blanks++;
	}
	l.content = l.blanks < l.len && l.s[l.blanks] != '#';
	if (!l.content)
		return l;
	size_t p = l.blanks;
	if (l.s[p] == '-' && at_blank(l.s, l.len, p + 1)) {
		l.item = true;
		p++;
		while (p < l.len && l.s[p] == ' ')
			p++;
	}
	yline_key(&l, p);
	return l;
}

/* The nearest line before (step -1) or after (+1) line no with content. */
static struct yline yline_near(const struct ytext *t, int no, int step)
{
	for (int n = no + step; n >= 1; n += step) {
		struct yline l = yline_get(t, n);
		if (!l.no || l.content)
			return l;
	}
	return (struct yline){ 0 };
}

/* Byte offset of 1-based column col (libfyaml counts characters). */
static size_t col_offset(const struct yline *l, int col)
{
	size_t i = 0;
	for (int c = 1; c < col && i < l->len; c++) {
		i++;
		while (i < l->len && utf8_is_cont(l->s[i]))
			i++;
	}
	return i;
}

static int offset_col(const struct yline *l, size_t off)
{
	return 1 + (int)utf8_count(l->s, off < l->len ? off : l->len);
}

/* "\n  12 | the line\n     |     ^": at most EXCERPT_MAX bytes of it, a
 * tab shown as '→' so that the caret stays under its column. */
static void add_excerpt(struct strbuf *sb, const struct yline *l, size_t at)
{
	size_t from = 0, to = l->len;
	if (at > l->len)
		at = l->len;
	if (to > EXCERPT_MAX) {
		if (at > EXCERPT_MAX * 2 / 3)
			from = utf8_back(l->s, at - EXCERPT_MAX * 2 / 3);
		to = from + EXCERPT_MAX < l->len
			     ? utf8_back(l->s, from + EXCERPT_MAX)
			     : l->len;
	}
	char no[16];
	int w = snprintf(no, sizeof no, "%d", l->no);
	strbuf_addf(sb, "\n %s | %s", no, from ? "…" : "");
	for (size_t i = from; i < to; i++) {
		unsigned char c = (unsigned char)l->s[i];
		if (c == '\t')
			strbuf_adds(sb, "→");
		else
			strbuf_addc(sb, c < ' ' || c == 0x7F ? ' ' : (char)c);
	}
	if (to < l->len)
		strbuf_adds(sb, "…");
	strbuf_addf(sb, "\n %*s | %s", w, "", from ? " " : "");
	for (size_t i = from; i < at; i++)
		if (!utf8_is_cont(l->s[i]))
			strbuf_addc(sb, ' ');
	strbuf_addc(sb, '^');
}

/* What the writer is told, and where. */
struct mistake {
	struct pctx *pc;
	struct ytext t;
	struct strbuf sb;
	struct yline at; /* the line shown */
	size_t off;      /* the caret's byte in it */
};

static void say_at(struct mistake *m, const struct yline *l, size_t off)
{
	m->at = *l;
	m->off = off;
}

/* 'name' of a key on line l; "the key" in a file not known to be ours. */
static const char *key_name(struct mistake *m, const struct yline *l)
{
	if (m->pc->opaque || l->key == l->len || l->key_len > EXCERPT_MAX)
		return "the key";
	return arena_printf(m->pc->a, "'%.*s'", (int)l->key_len,
			    l->s + l->key);
}

static const char *spaces(struct mistake *m, size_t n)
{
	return n == 1 ? "1 space" : arena_printf(m->pc->a, "%zu spaces", n);
}

/* The value of line l as it should be written, in quotes: "key: 'v'", or
 * NULL when that cannot be shown (too long, not ours, not a key line). */
static const char *quoted(struct mistake *m, const struct yline *l,
			  const char *v, size_t n)
{
	if (m->pc->opaque || l->key == l->len || !n ||
	    n + l->key_len > EXCERPT_MAX)
		return NULL;
	bool sq = memchr(v, '\'', n) != NULL;
	bool dq = memchr(v, '"', n) || memchr(v, '\\', n);
	if (sq && dq)
		return NULL;
	char q = sq ? '"' : '\'';
	return arena_printf(m->pc->a, "%.*s: %c%.*s%c", (int)l->key_len,
			    l->s + l->key, q, (int)n, v, q);
}

/* The value of line l to the end of the line, without trailing blanks. */
static size_t value_len(const struct yline *l)
{
	size_t e = l->len;
	while (e > l->value && (l->s[e - 1] == ' ' || l->s[e - 1] == '\t'))
		e--;
	return e - l->value;
}

static void put_in_quotes(struct mistake *m, const struct yline *l,
			  const char *why)
{
	const char *q = l->value < l->len
				? quoted(m, l, l->s + l->value, value_len(l))
				: NULL;
	if (q)
		strbuf_addf(&m->sb, "%s; put the value in quotes: %s", why, q);
	else
		strbuf_addf(&m->sb, "%s; put the value in quotes", why);
}

static bool tab_line(struct mistake *m, const struct yline *l)
{
	if (!l->no || l->tab == l->len)
		return false;
	strbuf_adds(&m->sb, "this line is indented with a tab; indent with "
			    "spaces, not tabs");
	if (!m->pc->opaque)
		strbuf_adds(&m->sb, " (the tab is shown as →)");
	say_at(m, l, l->tab);
	return true;
}

/* "-heading: x": a list item needs a space after its '-'. */
static bool dash_without_space(struct mistake *m, const struct yline *l)
{
	if (!l->no || !l->content || l->item || l->s[l->blanks] != '-' ||
	    l->blanks + 1 >= l->len || l->s[l->blanks + 1] == '-')
		return false;
	strbuf_adds(&m->sb, "a list item needs a space after its '-'");
	if (!m->pc->opaque && l->len - l->blanks <= EXCERPT_MAX)
		strbuf_addf(&m->sb, ": write '- %.*s'",
			    (int)(l->len - l->blanks - 1), l->s + l->blanks + 1);
	say_at(m, l, l->blanks + 1);
	return true;
}

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* "id:fmm": a word, a colon and no space, on a line with no "key: ". */
static bool colon_without_space(struct mistake *m, const struct yline *l)
{
	if (!l->no || !l->content || l->key != l->len)
		return false;
	size_t p = l->blanks + (l->item ? 2 : 0), q = p;
	while (q < l->len && key_char(l->s[q]))
		q++;
	if (q == p || q + 1 >= l->len || l->s[q] != ':' ||
	    at_blank(l->s, l->len, q + 1) || l->s[q + 1] == '/')
		return false;
	strbuf_adds(&m->sb, "put a space after the colon that ends a key");
	if (!m->pc->opaque && l->len - p <= EXCERPT_MAX)
		strbuf_addf(&m->sb, ": '%.*s: %.*s'", (int)(q - p), l->s + p,
			    (int)(l->len - q - 1), l->s + q + 1);
	say_at(m, l, q + 1);
	return true;
}

/* Where a key starts on line l: after "- " on an item. */
static size_t key_column(const struct yline *l)
{
	return l->key < l->len ? l->key : l->blanks;
}

/* A list item whose '-' is not in line with the item before it. */
static bool item_out_of_line(struct mistake *m, const struct yline *o)
{
	if (!o->item)
		return false;
	for (int n = o->no - 1; n >= 1; n--) {
		struct yline q = yline_get(&m->t, n);
		if (!q.content || !q.item || q.blanks > o->blanks + 2)
			continue;
		if (q.blanks == o->blanks || q.tab < q.len)
			return false;
		strbuf_addf(&m->sb,
			    "this list item is indented %s, but the item on "
			    "line %d is indented %s; put the '-' of every item "
			    "of a list in the same column",
			    spaces(m, o->blanks), q.no, spaces(m, q.blanks));
		say_at(m, o, o->blanks);
		return true;
	}
	return false;
}

/* "- name: x" after the last key of a mapping, in line with it: an item
 * that has lost its list. */
static bool item_among_keys(struct mistake *m, const struct yline *o)
{
	struct yline p = yline_near(&m->t, o->no, -1);
	if (!o->item || !p.no || p.item || p.key == p.len ||
	    key_column(&p) != o->blanks)
		return false;
	for (int n = p.no - 1; n >= 1; n--) {
		struct yline k = yline_get(&m->t, n);
		if (!k.content || k.key == k.len || key_column(&k) >= o->blanks)
			continue;
		strbuf_addf(&m->sb,
			    "this list item stands among the keys of %s (line "
			    "%d); the items of a list go right under the key "
			    "that holds the list, before any other key",
			    key_name(m, &k), k.no);
		say_at(m, o, o->blanks);
		return true;
	}
	return false;
}

/* A line indented so that it belongs to no key: say which keys it could
 * line up with, and what it would then belong to. */
static bool indentation(struct mistake *m, const struct yline *o)
{
	struct yline p = yline_near(&m->t, o->no, -1);
	if (!o->no || !p.no || o->tab < o->len || p.tab < p.len)
		return false;
	const char *what = o->key < o->len && !m->pc->opaque ? key_name(m, o)
							      : "this line";
	size_t col = o->blanks;
	if (col > key_column(&p) && p.key < p.len && p.value < p.len) {
		strbuf_addf(&m->sb,
			    "%s is indented further than %s on line %d, which "
			    "has its value already; indent it %s, in line with "
			    "%s, to make it a key beside it",
			    what, key_name(m, &p), p.no,
			    spaces(m, key_column(&p)), key_name(m, &p));
		say_at(m, o, o->blanks);
		return true;
	}
	/* The keys above: p's, then each one less indented, up to the top. */
	struct yline deeper = { 0 }, shallower = { 0 };
	struct yline k = p;
	size_t kcol = key_column(&p) + 1;
	for (int n = p.no; n >= 1 && kcol > 0; n--) {
		k = yline_get(&m->t, n);
		if (!k.content || key_column(&k) >= kcol || k.key == k.len)
			continue;
		kcol = key_column(&k);
		if (kcol == col)
			return false; /* it lines up: not an indentation error */
		if (kcol > col)
			deeper = k;
		else if (!shallower.no)
			shallower = k;
	}
	if (!deeper.no || !shallower.no)
		return false;
	strbuf_addf(&m->sb,
		    "%s is indented %s, in line with no key above it; indent "
		    "it %s, in line with %s on line %d, or %s, in line with %s "
		    "on line %d",
		    what, spaces(m, col), spaces(m, key_column(&deeper)),
		    key_name(m, &deeper), deeper.no,
		    spaces(m, key_column(&shallower)), key_name(m, &shallower),
		    shallower.no);
	say_at(m, o, o->blanks);
	return true;
}

static bool has(const char *msg, const char *words)
{
	return strstr(msg, words) != NULL;
}

/* "heading: Werksessie 1: Voorbespreking" */
static bool colon_in_value(struct mistake *m, const char *msg,
			   const struct yline *e, size_t at)
{
	if (!has(msg, "mapping on the same line") &&
	    !has(msg, "mapping values are not allowed"))
		return false;
	put_in_quotes(m, e, "a colon followed by a space in a value starts "
			    "a new key");
	say_at(m, e, at);
	return true;
}

/* The quote that opened the value on line l before offset at. */
static size_t opening_quote(const struct yline *l, size_t at, char q)
{
	size_t v = l->value < l->len ? l->value : l->blanks;
	if (v < l->len && l->s[v] == q)
		return v;
	for (size_t i = at < l->len ? at + 1 : l->len; i > 0; i--)
		if (l->s[i - 1] == q)
			return i - 1;
	return at;
}

static bool quotes(struct mistake *m, const char *msg, const struct yline *e,
		   size_t at)
{
	if (!has(msg, "quoted"))
		return false;
	char q = has(msg, "single-quoted") ? '\'' : '"';
	if (has(msg, "trailing content")) {
		/* "'Minister's bezoek'": the quotes end at the apostrophe. */
		size_t end = at;
		while (end > 0 && (e->s[end - 1] == ' ' || e->s[end - 1] == '\t'))
			end--;
		if (end > 0 && e->s[end - 1] == q)
			end--;
		say_at(m, e, end);
		if (q == '\'') {
			strbuf_adds(&m->sb,
				    "the text in single quotes ends at this "
				    "apostrophe; inside single quotes write an "
				    "apostrophe twice ('')");
			size_t n = e->value < e->len ? value_len(e) : 0;
			const char *v = e->s + e->value;
			const char *dq =
				n > 2 && v[0] == '\'' && v[n - 1] == '\''
					? quoted(m, e, v + 1, n - 2)
					: NULL;
			if (dq && dq[e->key_len + 2] == '"')
				strbuf_addf(&m->sb,
					    ", or put the value in double "
					    "quotes: %s",
					    dq);
		} else {
			put_in_quotes(m, e,
				      "the text in double quotes ends at this "
				      "quote, and more follows it");
		}
		return true;
	}
	if (!has(msg, "closing quote") && !has(msg, "indented"))
		return false;
	size_t open = opening_quote(e, at, q);
	say_at(m, e, open);
	if (q == '\'')
		strbuf_adds(&m->sb,
			    "the quote (') that opens this value is never "
			    "closed; end the value with ' on the same line (an "
			    "apostrophe in the text, as in 's-Gravenhage, needs "
			    "the value in double quotes)");
	else
		strbuf_adds(&m->sb, "the quote (\") that opens this value is "
				    "never closed; end the value with \" on "
				    "the same line");
	return true;
}

static bool brackets(struct mistake *m, const char *msg, struct srcpos pos,
		     struct srcpos flow)
{
	if (!has(msg, "flow sequence") && !has(msg, "flow mapping"))
		return false;
	struct yline f = yline_get(&m->t, flow.line);
	if (!f.no)
		return false;
	size_t at = col_offset(&f, flow.col);
	char open = at < f.len ? f.s[at] : '[';
	bool list = open == '[';
	if (flow.line == pos.line && has(msg, "missing comma")) {
		struct yline e = yline_get(&m->t, pos.line);
		strbuf_addf(&m->sb,
			    "put a comma between the items in %s; a value that "
			    "holds a comma or a colon goes in quotes",
			    list ? "[ ]" : "{ }");
		say_at(m, &e, col_offset(&e, pos.col));
		return true;
	}
	strbuf_addf(&m->sb,
		    "the '%c' that opens this %s is never closed; end the %s "
		    "with '%c' on the same line",
		    open, list ? "list" : "mapping", list ? "list" : "mapping",
		    list ? ']' : '}');
	say_at(m, &f, at);
	return true;
}

/* A value that starts with a character YAML reserves ('[', '*', '@', '`',
 * ...) and goes on after what YAML took it for. */
static bool reserved_start(struct mistake *m, const char *msg,
			   const struct yline *e)
{
	if (!has(msg, "cannot start with") && !has(msg, "after mapping"))
		return false;
	if (e->value == e->len || !strchr("[]{}*&!|>%@`,", e->s[e->value]))
		return false;
	char c = e->s[e->value];
	const char *why =
		c == '[' ? "a value that starts with '[' is read as a list"
		: c == '{' ? "a value that starts with '{' is read as a mapping"
		: c == '*' ? "a value that starts with '*' is read as an alias"
			   : arena_printf(m->pc->a,
					  "a value may not start with '%c'",
					  c);
	put_in_quotes(m, e, why);
	say_at(m, e, e->value);
	return true;
}

const char *parse_yaml_star_text(struct pctx *pc, const char *buf,
				 size_t len, struct srcpos *pos)
{
	struct ytext t = ytext_of(pc, buf, len);
	struct yline e = yline_get(&t, pos->line);
	size_t at = e.no ? col_offset(&e, pos->col) : 0;
	if (!e.no || at >= e.len || e.s[at] != '*' || e.value != at)
		return NULL;
	size_t end = at + 1;
	while (end < e.len && !strchr(" \t,[]{}", e.s[end]))
		end++;
	while (end < e.len && (e.s[end] == ' ' || e.s[end] == '\t'))
		end++;
	if (end == e.len || e.s[end] == '#')
		return NULL;
	struct mistake m = { .pc = pc, .t = t, .sb = STRBUF_INIT };
	put_in_quotes(&m, &e, "a value that starts with '*' is read as an "
			      "alias");
	if (!pc->opaque)
		add_excerpt(&m.sb, &e, at);
	return strbuf_finish(&m.sb, pc->a);
}

const char *parse_yaml_mistake(struct pctx *pc, const char *buf, size_t len,
			       const char *msg, struct srcpos *pos,
			       struct srcpos flow)
{
	struct mistake m = { .pc = pc, .t = ytext_of(pc, buf, len),
			     .sb = STRBUF_INIT };
	struct yline e = yline_get(&m.t, pos->line);
	size_t at = e.no ? col_offset(&e, pos->col) : 0;
	/* The line the parser stopped at, or the next one when it stopped
	 * after the last thing on its line. */
	struct yline o = e;
	if (e.no && (at > e.blanks || !e.content) &&
	    !has(msg, "tab") && !has(msg, "mapping on the same line"))
		o = yline_near(&m.t, e.no, 1);
	if (!o.no)
		o = e;
	bool found =
		brackets(&m, msg, *pos, flow) ||
		(e.no &&
		 ((has(msg, "tab") && (tab_line(&m, &e) || tab_line(&m, &o))) ||
		 colon_in_value(&m, msg, &e, at) || quotes(&m, msg, &e, at) ||
		 reserved_start(&m, msg, &e) || tab_line(&m, &o) ||
		 dash_without_space(&m, &e) || dash_without_space(&m, &o) ||
		 colon_without_space(&m, &e) || colon_without_space(&m, &o) ||
		 item_out_of_line(&m, &o) || item_among_keys(&m, &o) ||
		 indentation(&m, &o)));
	if (!found) {
		strbuf_reset(&m.sb);
		strbuf_addf(&m.sb,
			    "this is not valid YAML: %s; look here and at the "
			    "lines just above for a ': ' in a value (put the "
			    "value in quotes), a tab, or an indentation that "
			    "does not line up",
			    msg);
		if (e.no)
			say_at(&m, &e, at);
	}
	if (m.at.no) {
		*pos = (struct srcpos){ pos->file, m.at.no,
					offset_col(&m.at, m.off) };
		if (!pc->opaque)
			add_excerpt(&m.sb, &m.at, m.off);
	}
	return strbuf_finish(&m.sb, pc->a);
}

const char *parse_excerpt(struct pctx *pc, struct srcpos pos)
{
	if (pc->opaque || !pc->src || !pos.file || !pc->src_file ||
	    strcmp(pos.file, pc->src_file) != 0)
		return "";
	struct ytext t = ytext_of(pc, pc->src, pc->src_len);
	struct yline l = yline_get(&t, pos.line);
	if (!l.no || pos.col < 1)
		return "";
	struct strbuf sb = STRBUF_INIT;
	add_excerpt(&sb, &l, col_offset(&l, pos.col));
	return strbuf_finish(&sb, pc->a);
}

/* ---- reporting ---- */

static void parse_verror(struct pctx *pc, int status, struct srcpos pos,
			 const char *fmt, va_list ap)
{
	pc->errors++;
	if (pc->errors > PARSE_MAX_ERRORS) {
		if (pc->errors == PARSE_MAX_ERRORS + 1)
			diag_error(pc->diags, (struct srcpos){ pos.file, 0, 0 },
				   "more than %d errors; fix these first",
				   PARSE_MAX_ERRORS);
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_vaddf(&sb, fmt, ap);
	diag_error_status(pc->diags, status, pos, "%s", strbuf_str(&sb));
	strbuf_release(&sb);
}

void parse_error(struct pctx *pc, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	parse_verror(pc, EXIT_DATAERR, pos, fmt, ap);
	va_end(ap);
}

void parse_error_status(struct pctx *pc, int status, struct srcpos pos,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	parse_verror(pc, status, pos, fmt, ap);
	va_end(ap);
}

/* At most max bytes of s on one line, "…" where it was cut. */
static const char *snip(struct pctx *pc, const char *s, size_t max)
{
	size_t n = strnlen(s, max + 1);
	bool cut = n > max;
	if (cut) {
		n = utf8_back(s, max);
	}
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		strbuf_addc(&sb, (unsigned char)s[i] < ' ' ? ' ' : s[i]);
	if (cut)
		strbuf_adds(&sb, "…");
	return strbuf_finish(&sb, pc->a);
}

const char *parse_snip(struct pctx *pc, const char *s)
{
	return pc->opaque ? "…" : snip(pc, s, PARSE_SNIPPET);
}

static const char *describe_as(struct pctx *pc, const struct ynode *n,
			       bool quoted)
{
	if (!n || (n->kind == YN_SCALAR && n->is_null))
		return "nothing";
	if (n->kind == YN_SEQ)
		return "a list";
	if (n->kind == YN_MAP)
		return "a mapping";
	const char *s = parse_snip(pc, n->str);
	return quoted ? arena_printf(pc->a, "'%s'", s) : s;
}

const char *parse_describe(struct pctx *pc, const struct ynode *n)
{
	return describe_as(pc, n, true);
}

const char *parse_describe_bare(struct pctx *pc, const struct ynode *n)
{
	return describe_as(pc, n, false);
}

const char *parse_join(struct pctx *pc, const char *const *names, size_t n,
		       const char *last_sep)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strbuf_adds(&sb, i + 1 == n ? last_sep : ", ");
		strbuf_adds(&sb, names[i]);
	}
	return strbuf_finish(&sb, pc->a);
}

/* ---- did you mean ---- */

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Damerau-Levenshtein distance (optimal string alignment), ignoring case;
 * 3 for anything further apart than 2. */
static int edit_distance(const char *a, const char *b)
{
	enum { MAXLEN = 32 };
	size_t la = strlen(a), lb = strlen(b);
	if (la >= MAXLEN || lb >= MAXLEN || la > lb + 2 || lb > la + 2)
		return 3;
	int d[MAXLEN][MAXLEN];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int cost = lower(a[i - 1]) != lower(b[j - 1]);
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 &&
			    lower(a[i - 1]) == lower(b[j - 2]) &&
			    lower(a[i - 2]) == lower(b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb] < 3 ? d[la][lb] : 3;
}

static bool is_prefix_of(const char *key, const char *name)
{
	size_t n = strlen(key);
	if (n < 3 || n >= strlen(name))
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(key[i]) != lower(name[i]))
			return false;
	return true;
}

const char *parse_suggest(const char *key, const char *const *names, size_t n)
{
	const char *best = NULL;
	int best_score = 3;
	size_t klen = strlen(key);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		int d = edit_distance(key, names[i]);
		int score = 3;
		if (d <= 2 && (size_t)(2 * d) < (klen > len ? klen : len))
			score = d;
		if (is_prefix_of(key, names[i]) && score > 1)
			score = 1;
		if (score < best_score) {
			best_score = score;
			best = names[i];
		}
	}
	return best;
}

/* libfyaml's words for an error. A few quote the input ("undefined tag
 * prefix '...'", "invalid escape '...'"): in a file not known to be ours
 * they end before the quote; in any file they are bounded. */
const char *parse_yaml_message(struct pctx *pc, const char *msg)
{
	size_t n = strlen(msg);
	if (pc->opaque) {
		n = strcspn(msg, "'\"(");
		while (n > 0 && msg[n - 1] == ' ')
			n--;
	}
	return snip(pc, arena_strndup(pc->a, msg, n), 2 * PARSE_SNIPPET);
}
