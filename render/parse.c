/*
 * parse.c — read a meeting file (and the data files it names) into the model.
 *
 * Input: the bytes of a meeting file, YAML 1.2 or JSON in UTF-8. The bytes
 * are checked first (size, UTF-8, NUL), then libfyaml's event parser turns
 * them into a small tree of nodes with positions: iteratively, with a depth
 * limit, refusing aliases and a second document. parse_chart.c checks
 * charts and data files. Output: a struct document in the arena, or NULL
 * with every problem found in diags, each naming file:line:col in a
 * sentence a policy officer understands (FORMAT.md, "What bad data gets").
 */
#include "parse.h"

#include "nl.h"

#include <assert.h>
#include <errno.h>
#include <libfyaml.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail_address.h"
#include "utf8.h"

#define PARSE_MAX_BYTES ((size_t)4 << 20) /* 4 MiB */
#define PARSE_MAX_DEPTH 64
#define PARSE_MAX_LEVEL 3 /* sections in sections in sections */
#define PARSE_MAX_ERRORS 100
#define PARSE_SNIPPET 60 /* bytes of a bad value quoted in a message */
/* A table of rich text has at most this many columns: cmark-gfm's table
 * extension appends each cell of a row to a linked list by walking it,
 * so a row of n cells costs n² (2.000 columns: 6,5 s and 2,6 GB), and a
 * page has room for far fewer columns anyway. Counted as the '|' of a
 * line (one more than its cells), before cmark sees the text. */
#define PARSE_MAX_TABLE_COLUMNS 100

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

/* ---- a map of strings, for duplicates and look-ups ---- */

static size_t strmap_hash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static size_t strmap_slot(const struct strmap *m, const char *key)
{
	size_t i = strmap_hash(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

void *parse_strmap_get(const struct strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	size_t i = strmap_slot(m, key);
	return m->keys[i] ? m->vals[i] : NULL;
}

void parse_strmap_put(struct arena *a, struct strmap *m, const char *key,
		      void *val)
{
	assert(val);
	if (2 * (m->n + 1) > m->cap) {
		struct strmap old = *m;
		m->cap = old.cap ? 2 * old.cap : 16;
		m->keys = arena_array(a, m->cap, sizeof *m->keys);
		m->vals = arena_array(a, m->cap, sizeof *m->vals);
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.keys[i])
				parse_strmap_put(a, m, old.keys[i],
						 old.vals[i]);
	}
	size_t i = strmap_slot(m, key);
	if (!m->keys[i])
		m->n++;
	m->keys[i] = key;
	m->vals[i] = val;
}

/* ---- the bytes ---- */

static bool check_bytes(struct pctx *pc, const char *file, const char *buf,
			size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	struct srcpos whole = { file, 0, 0 };
	for (size_t i = 0; i < len;) {
		if (s[i] == 0) {
			parse_error(pc, whole,
				    "the file holds a NUL byte at byte %zu: "
				    "save it as UTF-8 text",
				    i);
			return false;
		}
		size_t n = utf8_valid_len(buf + i, len - i);
		if (!n) {
			parse_error(pc, whole,
				    "not UTF-8 at byte %zu (0x%02X): save the "
				    "file as UTF-8",
				    i, s[i]);
			return false;
		}
		i += n;
	}
	return true;
}

/* ---- flow nesting, before libfyaml sees it ---- */

#define TOO_DEEP                                                               \
	"the data is nested more than %d levels deep; a meeting file never "   \
	"needs that"

/* Past a quoted scalar starting at buf[i], counting its line breaks. */
static size_t skip_quoted(const char *buf, size_t len, size_t i, int *line,
			  size_t *bol)
{
	char q = buf[i++];
	for (; i < len; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*bol = i + 1;
		} else if (q == '"' && buf[i] == '\\' && i + 1 < len &&
			   buf[i + 1] != '\n') {
			i++;
		} else if (buf[i] == q) {
			if (!(q == '\'' && i + 1 < len && buf[i + 1] == '\''))
				return i + 1;
			i++; /* '' in a single-quoted scalar */
		}
	}
	return len;
}

/* Columns count characters, as libfyaml's marks do. */
static int column_at(const char *buf, size_t bol, size_t i)
{
	int col = 1;
	for (size_t j = bol; j < i; j++)
		col += !utf8_is_cont(buf[j]);
	return col;
}

static bool is_space_at(const char *buf, size_t len, size_t i)
{
	return i >= len || buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
	       buf[i] == '\n';
}

/* libfyaml looks ahead without limit for implicit keys: it queues every
 * token of a flow collection before the first event, so 4 MiB of '[' cost
 * 1.4 GB before our depth check in ybuild_event() could run. Count flow
 * nesting roughly first: brackets where a value can start (anywhere inside
 * a flow collection), outside quotes and comments. Block scalars are read
 * as if they were YAML, so that nothing libfyaml reads as YAML is skipped:
 * text that opens more than 64 brackets without closing them is refused,
 * and no meeting text does that. */
static bool check_flow_depth(struct pctx *pc, const char *file, const char *buf,
			     size_t len)
{
	int depth = 0, line = 1;
	size_t bol = 0;
	bool start = true; /* a value may start here */
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		if (c == '\n') {
			line++;
			bol = i + 1;
			start = true;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			continue;
		} else if (c == '#' &&
			   (i == 0 || is_space_at(buf, len, i - 1))) {
			while (i + 1 < len && buf[i + 1] != '\n')
				i++;
		} else if ((c == '[' || c == '{') && (start || depth > 0)) {
			if (++depth > PARSE_MAX_DEPTH) {
				struct srcpos pos = { file, line,
						      column_at(buf, bol, i) };
				parse_error(pc, pos, TOO_DEEP, PARSE_MAX_DEPTH);
				return false;
			}
			start = true;
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
			start = false;
		} else if ((c == '"' || c == '\'') && start) {
			i = skip_quoted(buf, len, i, &line, &bol) - 1;
			start = false;
		} else if ((c == '!' || c == '&') && start) {
			while (!is_space_at(buf, len, i + 1))
				i++; /* a tag or anchor before the value */
		} else {
			/* , and : open a value in flow; - ? : before a space do
			 * at the top */
			bool opens = depth > 0
					     ? c == ',' || c == ':'
					     : c == '-' || c == '?' || c == ':';
			start = opens &&
				(depth > 0 || is_space_at(buf, len, i + 1));
		}
	}
	return true;
}

/* ---- YAML events into a tree ---- */

struct ybuild {
	struct pctx *pc;
	const char *file;
	const char *buf;
	size_t len;
	struct ynode *stack[PARSE_MAX_DEPTH];
	bool flow[PARSE_MAX_DEPTH]; /* opened by '[' or '{' */
	int depth;
	int alias_line; /* of the last alias reported */
	struct ynode *root;
	struct srcpos last_end;
	int docs;
};

static struct srcpos mark_pos(const char *file, const struct fy_mark *m)
{
	if (!m || m->line < 0)
		return (struct srcpos){ file, 0, 0 };
	return (struct srcpos){ file, m->line + 1, m->column + 1 };
}

static struct ynode *ynode_new(struct ybuild *b, enum ynode_kind kind,
			       struct srcpos pos)
{
	struct ynode *n = arena_alloc(b->pc->a, sizeof *n);
	n->kind = kind;
	n->pos = pos;
	if (b->depth == 0) {
		assert(!b->root);
		b->root = n;
		return n;
	}
	struct ynode *p = b->stack[b->depth - 1];
	if (p->last)
		p->last->next = n;
	else
		p->first = n;
	p->last = n;
	p->n++;
	return n;
}

static bool is_null_text(const char *s, size_t len)
{
	return len == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	       strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

/* A block scalar's token starts at the line after its header: find the
 * first line with content; its indentation is the block's. */
static void block_text_pos(struct ybuild *b, struct text *t,
			   const struct fy_mark *start,
			   const struct fy_mark *end)
{
	size_t i = start->input_pos;
	int line = start->line + 1;
	t->pos = mark_pos(b->file, start);
	if (start->column != 0)
		return;
	while (i < end->input_pos) {
		size_t ind = 0;
		while (i + ind < end->input_pos && b->buf[i + ind] == ' ')
			ind++;
		size_t j = i + ind;
		while (j < end->input_pos &&
		       (b->buf[j] == '\t' || b->buf[j] == '\r'))
			j++;
		if (j < end->input_pos && b->buf[j] != '\n') {
			t->pos = (struct srcpos){ b->file, line, (int)ind + 1 };
			t->block_indent = (int)ind + 1;
			return;
		}
		i = j + 1;
		line++;
	}
}

/* ---- what a value may hold ---- */

/* Why code point c cannot stand in a value, or NULL. Tab and the line
 * breaks are text; other controls, noncharacters and private-use
 * characters are not (no font of dossier has them): refused here, where
 * `check` sees them too, rather than by the typesetter. */
const char *parse_char_refused(uint32_t c)
{
	if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
	    c == 0x85)
		return NULL;
	if (utf8_is_control(c))
		return "a control character, not text";
	if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
		return "a noncharacter, not text";
	if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000)
		return "a private-use character, which no font of dossier "
		       "shows";
	return NULL;
}

/* The first character of a scalar's text that is not text, reported at
 * its place; false when there is one. */
static bool text_chars_ok(struct ybuild *b, const struct ynode *n)
{
	for (size_t i = 0; i < n->len;) {
		uint32_t c;
		size_t k = utf8_decode(n->str + i, n->len - i, &c);
		assert(c != UTF8_INVALID); /* utf8_valid() held */
		const char *why = parse_char_refused(c);
		if (why) {
			parse_error(b->pc, model_text_pos(&n->text, i),
				    "U+%04X is %s: remove it", (unsigned)c,
				    why);
			return false;
		}
		i += k;
	}
	return true;
}

/* Every line break but Markdown's own (LF, CR) as U+2028, the line
 * separator: VT (a line break in a Word document), FF, NEL and U+2029
 * make a line break in rich text, and one space in a one-line value
 * (parse_one_line), never a paragraph pango starts by itself. */
static void unify_line_breaks(struct ybuild *b, struct ynode *n)
{
	size_t extra = 0, found = 0;
	for (size_t i = 0; i < n->len; i++) {
		size_t k = model_line_break_len(n->str + i);
		if (k && n->str[i] != '\n' && n->str[i] != '\r') {
			found++;
			extra += 3 - k;
		}
	}
	if (!found)
		return;
	char *out = arena_alloc(b->pc->a, n->len + extra + 1);
	size_t o = 0;
	for (size_t i = 0; i < n->len;) {
		size_t k = model_line_break_len(n->str + i);
		if (k && n->str[i] != '\n' && n->str[i] != '\r') {
			memcpy(out + o, "\xE2\x80\xA8", 3);
			o += 3;
			i += k;
		} else {
			out[o++] = n->str[i++];
		}
	}
	out[o] = '\0';
	n->str = n->text.src = out;
	n->len = o;
}

const char *parse_one_line(struct pctx *pc, const char *s)
{
	size_t i = 0;
	while (s[i] && !model_line_break_len(s + i))
		i++;
	if (!s[i])
		return s;
	struct strbuf sb = STRBUF_INIT;
	bool gap = false;
	for (i = 0; s[i];) {
		size_t k = model_line_break_len(s + i);
		if (k) {
			gap = true;
			i += k;
			continue;
		}
		if (gap && sb.len)
			strbuf_addc(&sb, ' ');
		gap = false;
		strbuf_addc(&sb, s[i++]);
	}
	return strbuf_finish(&sb, pc->a);
}

/* A block scalar (| or >) that is a mapping's value must indent its lines
 * further than its key. Reports and returns true when it does not. */
static bool block_under_its_key(struct ybuild *b, struct fy_token *tok,
				enum fy_scalar_style style)
{
	if (!tok || (style != FYSS_LITERAL && style != FYSS_FOLDED) ||
	    !b->depth)
		return false;
	const struct ynode *p = b->stack[b->depth - 1];
	if (p->kind != YN_MAP || p->n % 2 == 0 || !p->last)
		return false;
	struct text t = { 0 };
	block_text_pos(b, &t, fy_token_start_mark(tok),
		       fy_token_end_mark(tok));
	const struct ynode *key = p->last;
	if (!t.block_indent || t.block_indent > key->pos.col)
		return false;
	parse_error(b->pc, t.pos,
		    "the lines of '%s' must be indented further than the key "
		    "'%s:' on line %d",
		    key->kind == YN_SCALAR ? parse_snip(b->pc, key->str) : "?",
		    key->kind == YN_SCALAR ? parse_snip(b->pc, key->str) : "?",
		    key->pos.line);
	return true;
}

static void ybuild_scalar(struct ybuild *b, struct fy_event *e)
{
	struct fy_token *tok = e->scalar.value;
	struct srcpos pos = mark_pos(b->file, fy_event_start_mark(e));
	if (!tok) { /* an empty value: point at its key or the last token */
		struct ynode *p = b->depth ? b->stack[b->depth - 1] : NULL;
		pos = p && p->kind == YN_MAP && p->n % 2 ? p->last->pos
							 : b->last_end;
	}
	size_t len = 0;
	enum fy_scalar_style style =
		tok ? fy_token_scalar_style(tok) : FYSS_PLAIN;
	if (block_under_its_key(b, tok, style)) {
		/* libfyaml 0.7.12 takes such lines in and hands back a text
		 * with bytes it never wrote (found by fuzzing): refuse it
		 * before reading the text. */
		tok = NULL;
	}
	const char *s = tok ? fy_token_get_text(tok, &len) : NULL;
	if (s && !utf8_valid(s, len)) {
		/* The file was valid UTF-8; a text that is not came from a
		 * libfyaml defect, never from the data. */
		parse_error(b->pc, pos,
			    "this value cannot be read as text; check the "
			    "indentation and quotes of the lines around it");
		s = NULL;
		len = 0;
	}
	if (style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED)
		pos.col = pos.col > 1 ? pos.col - 1 : pos.col;
	struct ynode *n = ynode_new(b, YN_SCALAR, pos);
	n->str = arena_strndup(b->pc->a, s ? s : "", s ? len : 0);
	n->len = s ? len : 0;
	n->is_null = style == FYSS_PLAIN && is_null_text(n->str, n->len);
	n->text.src = n->str;
	n->text.pos = pos;
	if (!tok)
		return;
	const struct fy_mark *ts = fy_token_start_mark(tok);
	const struct fy_mark *te = fy_token_end_mark(tok);
	n->text.pos = mark_pos(b->file, ts);
	if (style == FYSS_LITERAL || style == FYSS_FOLDED) {
		block_text_pos(b, &n->text, ts, te);
		n->pos = n->text.pos;
	}
	if (ts->input_pos <= te->input_pos && te->input_pos <= b->len) {
		n->text.raw = arena_strndup(b->pc->a, b->buf + ts->input_pos,
					    te->input_pos - ts->input_pos);
		n->text.raw_pos = mark_pos(b->file, ts);
	}
	if (text_chars_ok(b, n))
		unify_line_breaks(b, n);
}

static const char *const ONE_DOCUMENT =
	"a second YAML document starts here; the file must hold one "
	"document (remove this '---' line and what follows, or move it to "
	"a file of its own)";

/* One event into the tree; false stops the parse (the error is reported). */
static bool ybuild_event(struct ybuild *b, struct fy_event *e)
{
	struct srcpos pos = mark_pos(b->file, fy_event_start_mark(e));
	const struct fy_mark *end = fy_event_end_mark(e);
	if (end && end->line >= 0)
		b->last_end = mark_pos(b->file, end);
	switch (e->type) {
	case FYET_DOCUMENT_START:
		if (b->docs++ == 0)
			return true;
		parse_error(b->pc, pos, "%s", ONE_DOCUMENT);
		return false;
	case FYET_MAPPING_START:
	case FYET_SEQUENCE_START:
		if (b->depth == PARSE_MAX_DEPTH) {
			parse_error(b->pc, pos, TOO_DEEP, PARSE_MAX_DEPTH);
			return false;
		}
		b->stack[b->depth] = ynode_new(
			b, e->type == FYET_MAPPING_START ? YN_MAP : YN_SEQ,
			pos);
		{
			const struct fy_mark *m = fy_event_start_mark(e);
			b->flow[b->depth] =
				m && m->input_pos < b->len &&
				(b->buf[m->input_pos] == '[' ||
				 b->buf[m->input_pos] == '{');
		}
		b->depth++;
		return true;
	case FYET_MAPPING_END:
	case FYET_SEQUENCE_END:
		assert(b->depth > 0);
		b->depth--;
		return true;
	case FYET_SCALAR:
		ybuild_scalar(b, e);
		return true;
	case FYET_ALIAS: { /* the mark is after the '*' */
		pos.col = pos.col > 1 ? pos.col - 1 : pos.col;
		const char *name = fy_token_get_text0(e->alias.anchor);
		const char *text = parse_yaml_star_text(b->pc, b->buf, b->len,
							&pos);
		if (text) {
			/* "*belangrijk* nieuws": emphasis, not an alias */
			parse_error(b->pc, pos, "%s", text);
			b->alias_line = pos.line;
		} else {
			parse_error(b->pc, pos,
				    "'*%s' is an alias; a meeting file may not "
				    "use aliases: write the value out in full",
				    parse_snip(b->pc, name ? name : ""));
		}
		struct ynode *n = ynode_new(b, YN_SCALAR, pos);
		n->str = "";
		n->is_null = true;
		return true;
	}
	default:
		return true;
	}
}

/* libfyaml's words for an error. A few quote the input ("undefined tag
 * prefix '...'", "invalid escape '...'"): in a file not known to be ours
 * they end before the quote; in any file they are bounded. */
static const char *yaml_message(struct pctx *pc, const char *msg)
{
	size_t n = strlen(msg);
	if (pc->opaque) {
		n = strcspn(msg, "'\"(");
		while (n > 0 && msg[n - 1] == ' ')
			n--;
	}
	return snip(pc, arena_strndup(pc->a, msg, n), 2 * PARSE_SNIPPET);
}

/* libfyaml's first error, as the writer's mistake (parse_yaml.c). */
static void report_yaml_error(struct ybuild *b, struct fy_diag *diag)
{
	void *it = NULL;
	struct fy_diag_error *de;
	while ((de = fy_diag_errors_iterate(diag, &it)))
		if (de->type == FYET_ERROR && de->msg && de->msg[0]) {
			struct srcpos pos = { b->file, de->line, de->column };
			if (pos.line <= 0 || pos.col <= 0)
				pos = b->last_end;
			if (pos.line == b->alias_line)
				return; /* "*text* more": said at the alias */
			struct srcpos flow = { b->file, 0, 0 };
			for (int d = b->depth; d > 0; d--)
				if (b->flow[d - 1]) {
					flow = b->stack[d - 1]->pos;
					break;
				}
			const char *msg = parse_yaml_mistake(
				b->pc, b->buf, b->len,
				yaml_message(b->pc, de->msg), &pos, flow);
			parse_error(b->pc, pos, "%s", msg);
			return;
		}
	parse_error(b->pc, b->last_end, "this is not valid YAML");
}

static void discard_output(struct fy_diag *diag, void *user, const char *buf,
			   size_t len)
{
	(void)diag, (void)user, (void)buf, (void)len;
}

/* Every event into the tree; false when an error was reported. */
static bool ybuild_run(struct ybuild *b, struct fy_parser *fyp,
		       struct fy_diag *diag)
{
	int errors = b->pc->errors;
	bool go = true;
	struct fy_event *e;
	while (go && (e = fy_parser_parse(fyp))) {
		go = ybuild_event(b, e);
		fy_parser_event_free(fyp, e);
	}
	if (go && fy_parser_get_stream_error(fyp))
		report_yaml_error(b, diag);
	return b->pc->errors == errors;
}

/* The tree of buf, or NULL: *failed says whether errors were reported (an
 * empty file has no tree either). libfyaml's messages are collected, not
 * printed. */
static struct ynode *yaml_tree(struct pctx *pc, const char *file,
			       const char *buf, size_t len, bool *failed)
{
	struct fy_diag_cfg dcfg;
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = discard_output;
	dcfg.colorize = false;
	struct fy_diag *diag = fy_diag_create(&dcfg);
	struct fy_parse_cfg cfg = { .flags = FYPCF_QUIET |
					     FYPCF_DEFAULT_VERSION_1_2 |
					     FYPCF_ALLOW_DUPLICATE_KEYS,
				    .diag = diag };
	struct fy_parser *fyp = diag ? fy_parser_create(&cfg) : NULL;
	struct ybuild b = { .pc = pc, .file = file, .buf = buf, .len = len };
	b.last_end = (struct srcpos){ file, 1, 1 };
	if (!fyp || fy_parser_set_string(fyp, buf, len) != 0) {
		parse_error(pc, (struct srcpos){ file, 0, 0 },
			    "libfyaml could not start reading the file");
		*failed = true;
	} else {
		fy_diag_set_collect_errors(diag, true);
		*failed = !ybuild_run(&b, fyp, diag);
	}
	pc->lines_of = NULL; /* buf may be freed, its address used again */
	if (fyp)
		fy_parser_destroy(fyp);
	if (diag)
		fy_diag_destroy(diag);
	return *failed ? NULL : b.root;
}

struct ynode *parse_tree(struct pctx *pc, const char *file, const char *buf,
			 size_t len, const char *empty_msg)
{
	struct srcpos whole = { file, 0, 0 };
	if (len > PARSE_MAX_BYTES) {
		parse_error(pc, whole,
			    "the file is larger than 4 MiB, the limit for a "
			    "meeting or data file");
		return NULL;
	}
	if (!check_bytes(pc, file, buf, len))
		return NULL;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3; /* the byte order mark some editors write */
		len -= 3;
	}
	if (!check_flow_depth(pc, file, buf, len))
		return NULL;
	bool failed = false;
	struct ynode *root = yaml_tree(pc, file, buf, len, &failed);
	if (failed)
		return NULL;
	if (!root || (root->kind == YN_SCALAR && root->is_null)) {
		parse_error(pc, whole, "%s", empty_msg);
		return NULL;
	}
	return root;
}

bool parse_read_file(const char *path, const char *root, struct strbuf *sb,
		     struct input_fail *f)
{
	/* A byte over the limit is enough for parse_tree to refuse it. */
	return input_read(path, root, PARSE_MAX_BYTES, sb, f);
}

bool parse_is_dossier_file(const struct ynode *root)
{
	if (root->kind != YN_MAP)
		return false;
	for (const struct ynode *k = root->first; k; k = k->next->next)
		if (k->kind == YN_SCALAR && strcmp(k->str, "format") == 0)
			return true;
	return false;
}

/* ---- mappings with known keys ---- */

bool parse_want_map(struct pctx *pc, const struct ynode *n, const char *what)
{
	if (n->kind == YN_MAP)
		return true;
	/* "heading:Werksessie" is one text to YAML. */
	const char *colon = n->kind == YN_SCALAR ? strchr(n->str, ':') : NULL;
	const char *hint = "";
	if (colon && colon > n->str && colon[1] && colon[1] != ' ' &&
	    !memchr(n->str, ' ', (size_t)(colon - n->str)))
		hint = pc->opaque || n->len > PARSE_SNIPPET
			       ? "; put a space after the colon"
			       : arena_printf(pc->a,
					      "; put a space after the colon: "
					      "'%.*s: %s'",
					      (int)(colon - n->str), n->str,
					      colon + 1);
	parse_error(pc, n->pos,
		    "%s must be a mapping (lines of key: value); got %s%s%s",
		    what, parse_describe(pc, n), hint,
		    parse_excerpt(pc, n->pos));
	return false;
}

/* Reports the key; returns the field it is probably a misspelling of, or
 * n when there is none. */
static size_t unknown_key(struct pctx *pc, const struct mapview *mv,
			  const struct ynode *k)
{
	const char *names[PARSE_MAX_FIELDS];
	for (size_t i = 0; i < mv->n; i++)
		names[i] = mv->fields[i].name;
	const char *s = parse_suggest(k->str, names, mv->n);
	const char *key = parse_snip(pc, k->str);
	if (s) {
		parse_error(pc, k->pos,
			    "unknown key '%s' %s; did you mean '%s'?", key,
			    mv->where, s);
		for (size_t i = 0; i < mv->n; i++)
			if (names[i] == s)
				return i;
	} else {
		parse_error(pc, k->pos,
			    "unknown key '%s' %s; the keys here are: %s", key,
			    mv->where, parse_join(pc, names, mv->n, ", "));
	}
	return mv->n;
}

void parse_map_open(struct pctx *pc, struct mapview *mv, struct ynode *map,
		    const char *where, const struct field *fields, size_t n)
{
	assert(map->kind == YN_MAP && n <= PARSE_MAX_FIELDS);
	memset(mv, 0, sizeof *mv);
	mv->map = map;
	mv->where = where;
	mv->fields = fields;
	mv->n = n;
	/* A required key that a misspelt one stands for is not reported
	 * missing as well: one mistake, one message. */
	bool misspelt[PARSE_MAX_FIELDS + 1] = { false };
	for (struct ynode *k = map->first; k; k = k->next->next) {
		assert(k->next);
		if (k->kind != YN_SCALAR) {
			parse_error(pc, k->pos, "a key must be text; got %s",
				    parse_describe(pc, k));
			continue;
		}
		size_t i = 0;
		while (i < n && strcmp(fields[i].name, k->str) != 0)
			i++;
		if (i == n)
			misspelt[unknown_key(pc, mv, k)] = true;
		else if (mv->vals[i])
			parse_error(pc, k->pos,
				    "key '%s' appears twice %s; the first is on "
				    "line %d: keep one of the two%s",
				    parse_snip(pc, k->str), where,
				    mv->keys[i]->pos.line,
				    parse_excerpt(pc, k->pos));
		else {
			mv->keys[i] = k;
			mv->vals[i] = k->next;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (fields[i].required && !mv->vals[i] && !misspelt[i])
			parse_error(pc, map->pos,
				    "missing required key '%s' %s",
				    fields[i].name, where);
}

bool parse_is_blank(const char *s)
{
	while (*s) {
		size_t k = model_line_break_len(s);
		if (!k && *s != ' ' && *s != '\t')
			return false;
		s += k ? k : 1;
	}
	return true;
}

/* The text of a scalar; NULL (reported) for a list or mapping. */
static const struct text *scalar_text(struct pctx *pc, const struct ynode *v,
				      const char *name)
{
	if (v->kind != YN_SCALAR) {
		parse_error(pc, v->pos, "'%s' must be text; got %s", name,
			    parse_describe(pc, v));
		return NULL;
	}
	if (strlen(v->str) != v->len) {
		parse_error(pc, v->pos,
			    "'%s' holds a NUL character (\\0); remove it",
			    name);
		return NULL;
	}
	return &v->text;
}

/* Every line of rich text within PARSE_MAX_TABLE_COLUMNS; false when
 * one is not (reported at its first '|' past the limit). */
static bool rich_lines_ok(struct pctx *pc, const struct text *t)
{
	size_t bars = 0;
	for (size_t i = 0; t->src[i]; i++) {
		if (t->src[i] == '\n' || t->src[i] == '\r')
			bars = 0;
		else if (t->src[i] == '|' &&
			 ++bars == PARSE_MAX_TABLE_COLUMNS + 2) {
			parse_error(pc, model_text_pos(t, i),
				    "a table may have at most %d columns (a "
				    "line of rich text at most %d '|'); "
				    "split it into several tables",
				    PARSE_MAX_TABLE_COLUMNS,
				    PARSE_MAX_TABLE_COLUMNS + 1);
			return false;
		}
	}
	return true;
}

bool parse_map_text(struct pctx *pc, const struct mapview *mv, size_t i,
		    struct text *out)
{
	const struct ynode *v = mv->vals[i];
	const char *name = mv->fields[i].name;
	if (!v)
		return false;
	const struct text *t = scalar_text(pc, v, name);
	if (!t)
		return false;
	if (v->is_null || parse_is_blank(v->str)) {
		if (mv->fields[i].required)
			parse_error(pc, v->pos, "'%s' %s is empty", name,
				    mv->where);
		return false;
	}
	if (mv->fields[i].rich && !rich_lines_ok(pc, t))
		return false;
	*out = *t;
	if (!mv->fields[i].rich)
		out->src = parse_one_line(pc, t->src);
	return true;
}

struct ynode *parse_map_list(struct pctx *pc, const struct mapview *mv,
			     size_t i)
{
	struct ynode *v = mv->vals[i];
	if (!v || (v->kind == YN_SCALAR && v->is_null))
		return NULL;
	if (v->kind == YN_SEQ)
		return v;
	/* "participants: Kaja Kallas": say how a list is written. */
	const char *how = "write each item on a line of its own, starting "
			  "with '- '";
	if (v->kind == YN_SCALAR && !pc->opaque &&
	    !strpbrk(v->str, "[]{},:#'\"\n") && v->len <= PARSE_SNIPPET)
		how = arena_printf(pc->a, "write [%s], or each item on a line "
				   "of its own, starting with '- '", v->str);
	else if (v->kind == YN_MAP && v->first && v->first->kind == YN_SCALAR &&
		 v->first->str[0] == '-')
		how = "put a space after the '-' that starts each item";
	else if (v->kind == YN_MAP)
		how = "start each item with '- '";
	parse_error(pc, v->pos, "'%s' must be a list; got %s: %s%s",
		    mv->fields[i].name, parse_describe(pc, v), how,
		    parse_excerpt(pc, v->pos));
	return NULL;
}

struct ynode *parse_map_map(struct pctx *pc, const struct mapview *mv, size_t i)
{
	struct ynode *v = mv->vals[i];
	if (!v || (v->kind == YN_SCALAR && v->is_null))
		return NULL;
	char *what = arena_printf(pc->a, "'%s'", mv->fields[i].name);
	return parse_want_map(pc, v, what) ? v : NULL;
}

int parse_choice(struct pctx *pc, const struct ynode *v, const char *name,
		 const char *const *choices, size_t n)
{
	if (v->kind == YN_SCALAR)
		for (size_t i = 0; i < n; i++)
			if (strcmp(v->str, choices[i]) == 0)
				return (int)i;
	const char *list = parse_join(pc, choices, n, " or ");
	const char *s = v->kind == YN_SCALAR && !v->is_null
				? parse_suggest(v->str, choices, n)
				: NULL;
	if (s)
		parse_error(pc, v->pos,
			    "'%s' must be %s; got %s; did you mean '%s'?", name,
			    list, parse_describe(pc, v), s);
	else
		parse_error(pc, v->pos, "'%s' must be %s; got %s", name, list,
			    parse_describe(pc, v));
	return -1;
}

/* ---- paths ---- */

/* "a/b/../c/./d" → "a/c/d"; lexical, as the user reads the path. */
static const char *normalize_path(struct pctx *pc, const char *path)
{
	size_t n = 1;
	for (const char *p = path; *p; p++)
		n += *p == '/';
	const char **part = arena_array(pc->a, n, sizeof *part);
	size_t *plen = arena_array(pc->a, n, sizeof *plen);
	size_t k = 0, up = 0; /* up: leading ".." kept */
	bool abs = path[0] == '/';
	for (const char *p = path; *p;) {
		const char *q = strchr(p, '/');
		size_t len = q ? (size_t)(q - p) : strlen(p);
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (k > up)
				k--;
			else if (!abs) {
				part[k] = p, plen[k++] = len;
				up++;
			}
		} else if (len && !(len == 1 && p[0] == '.')) {
			part[k] = p, plen[k++] = len;
		}
		p += len + (q != NULL);
	}
	struct strbuf sb = STRBUF_INIT;
	if (abs)
		strbuf_addc(&sb, '/');
	for (size_t i = 0; i < k; i++) {
		if (i)
			strbuf_addc(&sb, '/');
		strbuf_add(&sb, part[i], plen[i]);
	}
	if (sb.len == 0)
		strbuf_addc(&sb, '.');
	return strbuf_finish(&sb, pc->a);
}

const char *parse_resolve(struct pctx *pc, const char *path)
{
	if (path[0] == '/' || !pc->dir[0])
		return normalize_path(pc, path);
	return normalize_path(pc, arena_printf(pc->a, "%s/%s", pc->dir, path));
}

/* A list of file paths into file_refs, resolved against the file's folder. */
static void parse_file_refs(struct pctx *pc, const struct ynode *seq,
			    const char *name, struct file_ref **out,
			    size_t *n_out)
{
	*out = arena_array(pc->a, seq->n, sizeof **out);
	size_t k = 0;
	for (const struct ynode *it = seq->first; it; it = it->next) {
		if (it->kind != YN_SCALAR || it->is_null ||
		    parse_is_blank(it->str)) {
			parse_error(pc, it->pos,
				    "each item in '%s' must be a file path; "
				    "got %s",
				    name, parse_describe(pc, it));
			continue;
		}
		struct file_ref *f = &(*out)[k++];
		f->path = it->str;
		f->resolved = parse_resolve(pc, it->str);
		f->pos = it->pos;
	}
	*n_out = k;
}

/* ---- dates ---- */

static bool iso_date(const char *s, struct date *d)
{
	static const char shape[] = "dddd-dd-dd";
	for (size_t i = 0; i < sizeof shape - 1; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9')
				    : s[i] != '-')
			return false;
	if (s[10])
		return false;
	int y = atoi(s), m = atoi(s + 5), day = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || day < 1 || day > nl_days_in_month(y, m))
		return false;
	*d = (struct date){ y, m, day };
	return true;
}

static int date_cmp(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return (a.day > b.day) - (a.day < b.day);
}

static const char *const DATES_MSG =
	"'dates' must be one or two ISO dates (YYYY-MM-DD); got %s";

static bool one_of_dates(struct pctx *pc, const struct ynode *v, struct date *d)
{
	if (v->kind == YN_SCALAR && iso_date(v->str, d))
		return true;
	parse_error(pc, v->pos, DATES_MSG, parse_describe_bare(pc, v));
	return false;
}

static void parse_dates(struct pctx *pc, const struct ynode *v,
			struct meeting_info *m)
{
	m->dates_pos = v->pos;
	if (v->kind == YN_SCALAR && !v->is_null) {
		m->n_dates = one_of_dates(pc, v, &m->dates[0]);
		return;
	}
	if (v->kind != YN_SEQ) {
		parse_error(pc, v->pos, DATES_MSG, parse_describe_bare(pc, v));
		return;
	}
	if (v->n == 0 || v->n > 2) {
		parse_error(pc, v->pos, DATES_MSG,
			    v->n ? arena_printf(pc->a, "%zu dates", v->n)
				 : "an empty list");
		return;
	}
	int ok = 0;
	for (const struct ynode *it = v->first; it; it = it->next)
		ok += one_of_dates(pc, it, &m->dates[m->n_dates++]);
	if (ok == 2 && date_cmp(m->dates[0], m->dates[1]) > 0)
		parse_error(pc, v->first->next->pos,
			    "the end date %s in 'dates' lies before the start "
			    "date %s",
			    v->first->next->str, v->first->str);
}

static void parse_date(struct pctx *pc, const struct ynode *v,
		       struct document *doc)
{
	if (v->kind == YN_SCALAR && v->is_null)
		return;
	if (v->kind == YN_SCALAR && iso_date(v->str, &doc->date)) {
		doc->has_date = true;
		return;
	}
	parse_error(pc, v->pos,
		    "'date' must be an ISO date (YYYY-MM-DD); got %s",
		    parse_describe_bare(pc, v));
}

/* ---- the meeting, the letter ---- */

bool parse_is_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return false;
	return true;
}

static void parse_bool(struct pctx *pc, const struct ynode *v, const char *name,
		       bool *out)
{
	static const char *const yes[] = { "true", "True", "TRUE" };
	static const char *const no[] = { "false", "False", "FALSE" };
	if (v->kind == YN_SCALAR && v->is_null)
		return;
	for (size_t i = 0; v->kind == YN_SCALAR && i < 3; i++)
		if (strcmp(v->str, yes[i]) == 0 || strcmp(v->str, no[i]) == 0) {
			*out = strcmp(v->str, yes[i]) == 0;
			return;
		}
	parse_error(pc, v->pos, "'%s' must be true or false; got %s", name,
		    parse_describe(pc, v));
}

/* Each item of a list as text: participants. */
static void parse_participants(struct pctx *pc, const struct ynode *seq,
			       struct meeting_info *m)
{
	m->participants = arena_array(pc->a, seq->n, sizeof *m->participants);
	for (const struct ynode *it = seq->first; it; it = it->next) {
		if (it->kind != YN_SCALAR || it->is_null) {
			parse_error(pc, it->pos,
				    "each item in 'participants' must be a "
				    "name; got %s",
				    parse_describe(pc, it));
			continue;
		}
		const struct text *t = scalar_text(pc, it, "participants");
		if (!t)
			continue;
		if (parse_is_blank(t->src)) {
			parse_error(pc, it->pos,
				    "an item in 'participants' is empty");
			continue;
		}
		struct text *name = &m->participants[m->n_participants++].name;
		*name = *t;
		name->src = parse_one_line(pc, t->src);
	}
}

enum {
	M_NAME,
	M_SHORT,
	M_INFORMAL,
	M_DATES,
	M_PLACE,
	M_VENUE,
	M_PARTICIPANTS,
	M_N
};
static const struct field meeting_fields[M_N] = {
	[M_NAME] = { "name", true, false },
	[M_SHORT] = { "short", false, false },
	[M_INFORMAL] = { "informal", false, false },
	[M_DATES] = { "dates", true, false },
	[M_PLACE] = { "place", true, false },
	[M_VENUE] = { "venue", false, false },
	[M_PARTICIPANTS] = { "participants", false, false },
};

static void parse_meeting(struct pctx *pc, struct ynode *v,
			  struct meeting_info *m)
{
	if (!parse_want_map(pc, v, "'meeting'"))
		return;
	struct mapview mv;
	parse_map_open(pc, &mv, v, "in 'meeting'", meeting_fields, M_N);
	parse_map_text(pc, &mv, M_NAME, &m->name);
	parse_map_text(pc, &mv, M_SHORT, &m->short_name);
	if (mv.vals[M_INFORMAL])
		parse_bool(pc, mv.vals[M_INFORMAL], "informal", &m->informal);
	if (mv.vals[M_DATES])
		parse_dates(pc, mv.vals[M_DATES], m);
	parse_map_text(pc, &mv, M_PLACE, &m->place);
	parse_map_text(pc, &mv, M_VENUE, &m->venue);
	const struct ynode *p = parse_map_list(pc, &mv, M_PARTICIPANTS);
	if (p)
		parse_participants(pc, p, m);
}

enum { L_TO, L_SALUTATION, L_BODY, L_CLOSING, L_SIGNATORY, L_N };
static const struct field letter_fields[L_N] = {
	[L_TO] = { "to", false, false },
	[L_SALUTATION] = { "salutation", false, false },
	[L_BODY] = { "body", false, true },
	[L_CLOSING] = { "closing", false, false },
	[L_SIGNATORY] = { "signatory", false, false },
};

static struct letter *parse_letter(struct pctx *pc, struct ynode *v)
{
	struct letter *l = arena_alloc(pc->a, sizeof *l);
	struct mapview mv;
	parse_map_open(pc, &mv, v, "in 'letter'", letter_fields, L_N);
	l->pos = v->pos;
	parse_map_text(pc, &mv, L_TO, &l->to);
	parse_map_text(pc, &mv, L_SALUTATION, &l->salutation);
	parse_map_text(pc, &mv, L_BODY, &l->body);
	parse_map_text(pc, &mv, L_CLOSING, &l->closing);
	parse_map_text(pc, &mv, L_SIGNATORY, &l->signatory);
	return l;
}

/* ---- sections ---- */

enum { S_HEADING, S_TEXT, S_POSITION, S_CHARTS, S_SECTIONS, S_N };
static const struct field section_fields[S_N] = {
	[S_HEADING] = { "heading", true, false },
	[S_TEXT] = { "text", false, true },
	[S_POSITION] = { "position", false, true },
	[S_CHARTS] = { "charts", false, false },
	[S_SECTIONS] = { "sections", false, false },
};

static void parse_chart_refs(struct pctx *pc, const struct ynode *seq,
			     const char *key, struct chart_ref **out,
			     size_t *n)
{
	*out = arena_array(pc->a, seq->n, sizeof **out);
	for (const struct ynode *it = seq->first; it; it = it->next) {
		if (it->kind != YN_SCALAR || it->is_null) {
			parse_error(pc, it->pos,
				    "each item in '%s' must be the id of "
				    "a chart; got %s",
				    key, parse_describe(pc, it));
			continue;
		}
		(*out)[(*n)++] = (struct chart_ref){ it->str, it->pos };
	}
}

static void parse_sections(struct pctx *pc, const struct ynode *seq, int level,
			   struct section **out, size_t *n_out);

static void parse_section(struct pctx *pc, struct ynode *v, int level,
			  struct section *s)
{
	s->level = level;
	s->pos = v->pos;
	if (!parse_want_map(pc, v, "each item in 'sections'"))
		return;
	struct mapview mv;
	parse_map_open(pc, &mv, v, "in a section", section_fields, S_N);
	parse_map_text(pc, &mv, S_HEADING, &s->heading);
	parse_map_text(pc, &mv, S_TEXT, &s->text);
	parse_map_text(pc, &mv, S_POSITION, &s->position);
	const struct ynode *charts = parse_map_list(pc, &mv, S_CHARTS);
	if (charts)
		parse_chart_refs(pc, charts, "charts", &s->charts,
				 &s->n_charts);
	const struct ynode *sub = parse_map_list(pc, &mv, S_SECTIONS);
	if (sub)
		parse_sections(pc, sub, level + 1, &s->sections,
			       &s->n_sections);
}

/* Recursion is bounded: nothing below PARSE_MAX_LEVEL is read. */
static void parse_sections(struct pctx *pc, const struct ynode *seq, int level,
			   struct section **out, size_t *n_out)
{
	if (seq->n > 0 && level > PARSE_MAX_LEVEL) {
		parse_error(pc, seq->first->pos,
			    "sections may be nested at most three levels "
			    "deep");
		return;
	}
	*out = arena_array(pc->a, seq->n, sizeof **out);
	*n_out = seq->n;
	size_t i = 0;
	for (struct ynode *it = seq->first; it; it = it->next)
		parse_section(pc, it, level, &(*out)[i++]);
}

/* ---- notes, footnotes ---- */

static bool is_note_key(const char *s)
{
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			return false;
	return *s != '\0';
}

static void parse_note(struct pctx *pc, struct ynode *k, struct note *note)
{
	const struct ynode *v = k->next;
	note->key = k->str;
	note->pos = k->pos;
	if (!is_note_key(k->str))
		parse_error(pc, k->pos,
			    "footnote key '%s' in 'notes' may only hold "
			    "lowercase letters a-z, digits, '-' and '_'",
			    parse_snip(pc, k->str));
	if (v->kind != YN_SCALAR) {
		parse_error(pc, v->pos,
			    "footnote '%s' in 'notes' must be text; got %s",
			    parse_snip(pc, k->str), parse_describe(pc, v));
		return;
	}
	if (v->is_null || parse_is_blank(v->str)) {
		parse_error(pc, v->pos, "footnote '%s' in 'notes' has no text",
			    parse_snip(pc, k->str));
		return;
	}
	const struct text *t = scalar_text(pc, v, "notes");
	if (t && rich_lines_ok(pc, t))
		note->text = *t;
}

static void parse_notes(struct pctx *pc, struct ynode *map,
			struct document *doc)
{
	doc->notes = arena_array(pc->a, map->n / 2, sizeof *doc->notes);
	for (struct ynode *k = map->first; k; k = k->next->next) {
		if (k->kind != YN_SCALAR) {
			parse_error(pc, k->pos, "a key must be text; got %s",
				    parse_describe(pc, k));
			continue;
		}
		const struct note *first = parse_strmap_get(&pc->notes, k->str);
		if (first) {
			parse_error(pc, k->pos,
				    "key '%s' appears twice in 'notes'; the "
				    "first is on line %d: keep one of the two%s",
				    parse_snip(pc, k->str), first->pos.line,
				    parse_excerpt(pc, k->pos));
			continue;
		}
		struct note *note = &doc->notes[doc->n_notes++];
		parse_strmap_put(pc->a, &pc->notes, k->str, note);
		parse_note(pc, k, note);
	}
	model_index_notes(pc->a, doc);
}

/* Every [^key] in a rich text must have a note. */
static void check_footnotes(struct pctx *pc, const struct text *t)
{
	if (!t->src)
		return;
	for (const char *p = t->src; (p = strstr(p, "[^")); p++) {
		if (p > t->src && p[-1] == '\\')
			continue;
		const char *q = p + 2;
		while (*q && *q != ']' && *q != '[' && *q != ' ' &&
		       *q != '\n' && *q != '\t')
			q++;
		if (*q != ']' || q == p + 2)
			continue;
		const char *key =
			arena_strndup(pc->a, p + 2, (size_t)(q - p - 2));
		if (!parse_strmap_get(&pc->notes, key))
			parse_error(pc, model_text_pos(t, (size_t)(p - t->src)),
				    "footnote [^%s] has no text in 'notes'",
				    parse_snip(pc, key));
	}
}

/* What a rich-text field refers to: notes and links. */
static void check_rich(struct pctx *pc, const struct text *t)
{
	check_footnotes(pc, t);
	parse_check_links(pc, t);
}

static void check_section_refs(struct pctx *pc, const struct section *s,
			       size_t n)
{
	for (size_t i = 0; i < n; i++) {
		check_rich(pc, &s[i].text);
		check_rich(pc, &s[i].position);
		for (size_t j = 0; j < s[i].n_charts; j++)
			parse_check_chart_ref(pc, &s[i].charts[j]);
		check_section_refs(pc, s[i].sections, s[i].n_sections);
	}
}

/* ---- distribution ---- */

enum { R_NAME, R_EMAIL, R_N };
static const struct field recipient_fields[R_N] = {
	[R_NAME] = { "name", true, false },
	[R_EMAIL] = { "email", true, false },
};

static void parse_distribution(struct pctx *pc, const struct ynode *seq,
			       struct document *doc)
{
	doc->distribution =
		arena_array(pc->a, seq->n, sizeof *doc->distribution);
	for (struct ynode *it = seq->first; it; it = it->next) {
		if (!parse_want_map(pc, it, "each item in 'distribution'"))
			continue;
		struct recipient *r = &doc->distribution[doc->n_distribution++];
		struct mapview mv;
		parse_map_open(pc, &mv, it, "in a recipient", recipient_fields,
			       R_N);
		parse_map_text(pc, &mv, R_NAME, &r->name);
		const char *why = NULL;
		if (parse_map_text(pc, &mv, R_EMAIL, &r->email) &&
		    (why = mail_address_problem(pc->a, r->email.src)))
			parse_error(pc, mv.vals[R_EMAIL]->pos,
				    "'email' must be an e-mail address such "
				    "as naam@example.nl; %s", why);
	}
}

/* Extension: who sends the mail; --from may name another address. */
enum { SN_NAME, SN_EMAIL, SN_CONTACT, SN_N };
static const struct field sender_fields[SN_N] = {
	[SN_NAME] = { "name", true, false },
	[SN_EMAIL] = { "email", true, false },
	[SN_CONTACT] = { "contact", false, false },
};

static void parse_sender(struct pctx *pc, struct ynode *map,
			 struct document *doc)
{
	struct mapview mv;
	struct sender s = { 0 };
	parse_map_open(pc, &mv, map, "in 'sender'", sender_fields, SN_N);
	parse_map_text(pc, &mv, SN_NAME, &s.name);
	parse_map_text(pc, &mv, SN_CONTACT, &s.contact);
	const char *why = NULL;
	if (parse_map_text(pc, &mv, SN_EMAIL, &s.email) &&
	    (why = mail_address_problem(pc->a, s.email.src)))
		parse_error(pc, mv.vals[SN_EMAIL]->pos,
			    "'email' must be an e-mail address such as "
			    "naam@example.nl; %s",
			    why);
	if (s.name.src && s.email.src && !why)
		doc->sender = s;
}

/* ---- the document ---- */

enum {
	D_FORMAT,
	D_ID,
	D_DOCUMENT,
	D_TITLE,
	D_DATE,
	D_AUTHOR,
	D_LAYOUT,
	D_CLASSIFICATION,
	D_REFERENCE,
	D_INTRO,
	D_INTRO_CHARTS,
	D_MEETING,
	D_LETTER,
	D_SECTIONS,
	D_NOTES,
	D_DATA,
	D_CHARTS,
	D_AGENDA,
	D_ANNEXES,
	D_DISTRIBUTION,
	D_SENDER,
	D_N
};
static const struct field doc_fields[D_N] = {
	[D_FORMAT] = { "format", true, false },
	[D_ID] = { "id", true, false },
	[D_DOCUMENT] = { "document", true, false },
	[D_TITLE] = { "title", false, false },
	[D_DATE] = { "date", false, false },
	[D_AUTHOR] = { "author", false, false },
	[D_LAYOUT] = { "layout", false, false },
	[D_CLASSIFICATION] = { "classification", false, false },
	[D_REFERENCE] = { "reference", false, false },
	[D_INTRO] = { "intro", false, true },
	[D_INTRO_CHARTS] = { "intro_charts", false, false },
	[D_MEETING] = { "meeting", true, false },
	[D_LETTER] = { "letter", false, false },
	/* Required unless 'intro' holds the whole text (checked below). */
	[D_SECTIONS] = { "sections", false, false },
	[D_NOTES] = { "notes", false, false },
	[D_DATA] = { "data", false, false },
	[D_CHARTS] = { "charts", false, false },
	[D_AGENDA] = { "agenda", false, false },
	[D_ANNEXES] = { "annexes", false, false },
	[D_DISTRIBUTION] = { "distribution", false, false },
	[D_SENDER] = { "sender", false, false },
};

void parse_check_format(struct pctx *pc, const struct ynode *v)
{
	if (!v || (v->kind == YN_SCALAR && strcmp(v->str, "1") == 0))
		return;
	parse_error(pc, v->pos,
		    "'format' must be 1, the only version of this format; "
		    "got %s",
		    parse_describe_bare(pc, v));
}

static void parse_doc_id(struct pctx *pc, const struct mapview *mv,
			 struct document *doc)
{
	struct text t = { 0 };
	if (!parse_map_text(pc, mv, D_ID, &t))
		return;
	doc->id_pos = mv->vals[D_ID]->pos;
	if (parse_is_id(t.src))
		doc->id = t.src;
	else
		parse_error(pc, doc->id_pos,
			    "'id' may only hold lowercase letters a-z, digits "
			    "and '-', because it names the output file "
			    "(out/ID.pdf); got '%s'",
			    parse_snip(pc, t.src));
}

static void parse_kind(struct pctx *pc, const struct ynode *v,
		       struct document *doc)
{
	const char *kinds[] = { model_doc_kind_name(DOC_GEANNOTEERDE_AGENDA),
				model_doc_kind_name(DOC_VERSLAG),
				model_doc_kind_name(DOC_BRIEFING_PACK) };
	int k = parse_choice(pc, v, "document", kinds, 3);
	if (k >= 0)
		doc->kind = (enum doc_kind)k;
}

static void parse_layout(struct pctx *pc, const struct mapview *mv,
			 struct document *doc)
{
	if (!parse_map_text(pc, mv, D_LAYOUT, &doc->layout))
		return;
	const char *s = doc->layout.src;
	bool ok = *s != '\0';
	for (; *s; s++)
		ok &= (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_';
	if (!ok)
		parse_error(pc, mv->vals[D_LAYOUT]->pos,
			    "'layout' must name a file in layouts/ without "
			    "'.yaml' (letters, digits, '-' and '_'); got '%s'",
			    parse_snip(pc, doc->layout.src));
}

static void parse_body(struct pctx *pc, const struct mapview *mv,
		       struct document *doc)
{
	struct ynode *v;
	if ((v = mv->vals[D_MEETING]))
		parse_meeting(pc, v, &doc->meeting);
	if ((v = parse_map_map(pc, mv, D_LETTER)))
		doc->letter = parse_letter(pc, v);
	if ((v = parse_map_map(pc, mv, D_NOTES)))
		parse_notes(pc, v, doc);
	if ((v = mv->vals[D_SECTIONS])) {
		struct ynode *seq = parse_map_list(pc, mv, D_SECTIONS);
		if (seq && seq->n > 0)
			parse_sections(pc, seq, 1, &doc->sections,
				       &doc->n_sections);
		else if (v->kind == YN_SEQ || v->is_null)
			parse_error(pc, v->pos,
				    "'sections' must hold at least one "
				    "section");
	}
	if ((v = parse_map_list(pc, mv, D_DATA))) {
		parse_file_refs(pc, v, "data", &doc->data, &doc->n_data);
		parse_data_files(pc, doc);
	}
	if ((v = parse_map_list(pc, mv, D_CHARTS)))
		parse_charts(pc, v);
	if ((v = parse_map_list(pc, mv, D_INTRO_CHARTS)))
		parse_chart_refs(pc, v, "intro_charts", &doc->intro_charts,
				 &doc->n_intro_charts);
	if ((v = parse_map_list(pc, mv, D_ANNEXES)))
		parse_file_refs(pc, v, "annexes", &doc->annexes,
				&doc->n_annexes);
	if ((v = parse_map_list(pc, mv, D_DISTRIBUTION)))
		parse_distribution(pc, v, doc);
	if ((v = parse_map_map(pc, mv, D_SENDER)))
		parse_sender(pc, v, doc);
	struct text agenda = { 0 };
	if (parse_map_text(pc, mv, D_AGENDA, &agenda) && agenda.src) {
		/* Extension: the briefing pack's annotated agenda, another
		 * meeting file bound in as the pack's body. */
		doc->agenda = arena_alloc(pc->a, sizeof *doc->agenda);
		doc->agenda->path = agenda.src;
		doc->agenda->resolved = parse_resolve(pc, agenda.src);
		doc->agenda->pos = agenda.pos;
		if (doc->kind != DOC_BRIEFING_PACK)
			parse_error(pc, agenda.pos,
				    "'agenda' binds a meeting file into a "
				    "briefing pack; this document is a %s "
				    "(use document: briefing-pack, or leave "
				    "'agenda' out)", model_doc_kind_name(doc->kind));
	}
}

static void parse_document(struct pctx *pc, struct ynode *root,
			   struct document *doc)
{
	if (!parse_want_map(pc, root, "the top level"))
		return;
	struct mapview mv;
	parse_map_open(pc, &mv, root, "at the top level", doc_fields, D_N);
	parse_check_format(pc, mv.vals[D_FORMAT]);
	doc->format = 1;
	parse_doc_id(pc, &mv, doc);
	if (mv.vals[D_DOCUMENT])
		parse_kind(pc, mv.vals[D_DOCUMENT], doc);
	parse_map_text(pc, &mv, D_TITLE, &doc->title);
	if (mv.vals[D_DATE])
		parse_date(pc, mv.vals[D_DATE], doc);
	parse_map_text(pc, &mv, D_AUTHOR, &doc->author);
	parse_layout(pc, &mv, doc);
	parse_map_text(pc, &mv, D_CLASSIFICATION, &doc->classification);
	parse_map_text(pc, &mv, D_REFERENCE, &doc->reference);
	parse_map_text(pc, &mv, D_INTRO, &doc->intro);
	parse_body(pc, &mv, doc);
	/* A document without headings (seed 004 is one) is all 'intro'. */
	if (!mv.vals[D_SECTIONS] && !doc->intro.src)
		parse_error(pc, root->pos,
			    "missing required key 'sections' at the top level "
			    "(or write the whole text in 'intro')");
	check_rich(pc, &doc->intro);
	if (doc->letter)
		check_rich(pc, &doc->letter->body);
	for (size_t i = 0; i < doc->n_notes; i++)
		check_rich(pc, &doc->notes[i].text);
	for (size_t i = 0; i < doc->n_intro_charts; i++)
		parse_check_chart_ref(pc, &doc->intro_charts[i]);
	check_section_refs(pc, doc->sections, doc->n_sections);
}

static const char *folder_of(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return "";
	if (slash == path)
		return "/";
	return arena_strndup(a, path, (size_t)(slash - path));
}

/* The folder tree a meeting file may load from (README.md, "Limits"): root
 * when given (--root); else the meeting file's folder, or the folder that
 * holds it when that is called 'meetings', so that inputs/meetings/x.yaml
 * may name ../data/y.yaml and nothing outside inputs/. */
static void set_root(struct pctx *pc, struct document *doc, const char *root)
{
	if (!root) {
		const char *dir = pc->dir[0] ? normalize_path(pc, pc->dir) : ".";
		const char *slash = strrchr(dir, '/');
		const char *name = slash ? slash + 1 : dir;
		char *real = NULL;
		if (!*name || !strcmp(name, ".") || !strcmp(name, "..")) {
			real = realpath(dir, NULL);
			slash = real ? strrchr(real, '/') : NULL;
			name = slash ? slash + 1 : "";
		}
		bool up = !strcmp(name, "meetings");
		free(real);
		root = up ? normalize_path(pc, arena_printf(pc->a, "%s/..",
							    dir))
			  : dir;
	}
	doc->root_shown = arena_strdup(pc->a, root);
	char *real = realpath(root, NULL);
	doc->root = arena_strdup(pc->a, real ? real : "");
	free(real);
}

/* Why a file that doc names is not loaded, reported at the place of its
 * name: "data file 'x' is outside ...". */
static void named_file_error(struct pctx *pc, const struct document *doc,
			     const struct file_ref *ref, const char *what,
			     const char *shown, const struct input_fail *f)
{
	bool data = !strcmp(what, "data file");
	shown = parse_snip(pc, shown);
	switch (f->result) {
	case INPUT_NOT_FILE:
		parse_error_status(pc, EXIT_NOINPUT, ref->pos,
				   "%s '%s' is %s, not a file; name a %s file "
				   "(.yaml)",
				   what, shown, f->what,
				   data ? "data" : "meeting");
		break;
	case INPUT_OUTSIDE:
		parse_error(pc, ref->pos,
			    "%s '%s' is outside '%s', the folder this meeting "
			    "file may load files from; move it there, or name "
			    "a folder that holds both with --root DIR",
			    what, shown, parse_snip(pc, doc->root_shown));
		break;
	default:
		if (data)
			parse_error(pc, ref->pos, "cannot read %s '%s': %s",
				    what, shown, input_fail_text(f));
		else
			parse_error(pc, ref->pos, "%s '%s' cannot be read: %s",
				    what, shown, input_fail_text(f));
	}
}

bool parse_read_named(struct pctx *pc, const struct document *doc,
		      const struct file_ref *ref, const char *what,
		      const char *shown, struct strbuf *sb)
{
	struct input_fail f;
	if (parse_read_file(ref->resolved, doc->root, sb, &f))
		return true;
	named_file_error(pc, doc, ref, what, shown, &f);
	return false;
}

/* A meeting file's bytes into a document; pack: the pack that binds it. */
static struct document *parse_document_bytes(struct arena *a,
					     const char *path, const char *buf,
					     size_t len, const char *root,
					     const struct document *pack,
					     bool data_ok, struct diags *diags)
{
	assert(a && path && (buf || !len) && diags);
	struct pctx pc = { .a = a, .diags = diags };
	pc.dir = folder_of(a, path);
	path = arena_strdup(a, path);
	struct document *doc = arena_alloc(a, sizeof *doc);
	doc->path = path;
	pc.doc = doc;
	if (pack) {
		doc->root = pack->root;
		doc->root_shown = pack->root_shown;
	} else {
		set_root(&pc, doc, root);
	}
	/* A file the user did not name is not quoted until it shows that it
	 * is a meeting file. */
	pc.opaque = pack != NULL;
	struct ynode *tree = parse_tree(
		&pc, path, buf ? buf : "", len,
		"the file is empty: a meeting document needs at least "
		"'format', 'id', 'document', 'meeting' and 'sections'");
	pc.opaque = false;
	if (tree && pack && !parse_is_dossier_file(tree)) {
		parse_error(&pc, (struct srcpos){ path, 0, 0 },
			    "this is not a meeting file: a meeting file is a "
			    "mapping that starts with 'format: 1' (FORMAT.md)");
		tree = NULL;
	}
	pc.src_file = path;
	pc.src = buf;
	pc.src_len = len;
	if (tree && data_ok && parse_is_data_file(tree))
		parse_data_root(&pc, tree); /* charts, no meeting around them */
	else if (tree)
		parse_document(&pc, tree, doc);
	return pc.errors ? NULL : doc;
}

struct document *model_parse_buffer(struct arena *a, const char *path,
				    const char *buf, size_t len,
				    struct diags *diags)
{
	return parse_document_bytes(a, path, buf, len, NULL, NULL, false,
				    diags);
}

static struct document *parse_file(struct arena *a, const char *path,
				    const char *root, bool data_ok,
				    struct diags *diags)
{
	assert(a && path && diags);
	struct strbuf sb = STRBUF_INIT;
	struct input_fail f;
	if (!parse_read_file(path, NULL, &sb, &f)) {
		strbuf_release(&sb);
		struct srcpos whole = { arena_strdup(a, path), 0, 0 };
		if (f.result == INPUT_NOT_FILE)
			diag_error_status(diags, EXIT_NOINPUT, whole,
					  "this is %s, not a file; name a "
					  "meeting file (.yaml)",
					  f.what);
		else
			diag_error_status(diags, EXIT_NOINPUT, whole,
					  "cannot read this file: %s",
					  input_fail_text(&f));
		return NULL;
	}
	struct document *doc = parse_document_bytes(a, path, sb.buf, sb.len,
						    root, NULL, data_ok, diags);
	strbuf_release(&sb);
	return doc;
}

struct document *model_parse_file_in(struct arena *a, const char *path,
				     const char *root, struct diags *diags)
{
	return parse_file(a, path, root, false, diags);
}

struct document *model_parse_charts_in(struct arena *a, const char *path,
				       const char *root, struct diags *diags)
{
	return parse_file(a, path, root, true, diags);
}

struct document *model_parse_file(struct arena *a, const char *path,
				  struct diags *diags)
{
	return model_parse_file_in(a, path, NULL, diags);
}

struct document *model_parse_bound(struct arena *a,
				   const struct document *pack,
				   const struct file_ref *ref, const char *what,
				   bool *unreadable, struct diags *diags)
{
	assert(a && pack && ref && what && unreadable && diags);
	/* Errors about reading it are the pack's, at the place of its name. */
	struct pctx pc = { .a = a, .diags = diags };
	struct strbuf sb = STRBUF_INIT;
	*unreadable = !parse_read_named(&pc, pack, ref, what, ref->path, &sb);
	struct document *doc = NULL;
	if (!*unreadable)
		doc = parse_document_bytes(a, ref->resolved, sb.buf, sb.len,
					   NULL, pack, false, diags);
	strbuf_release(&sb);
	return doc;
}
