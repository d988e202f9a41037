/*
 * parse_yaml.c — the YAML toolkit: bytes into a checked tree, and typed
 * access to it.
 *
 * Input: the bytes of a YAML 1.2 (or JSON) file. They are checked first
 * (size, UTF-8, NUL, the nesting of flow brackets), then libfyaml's event
 * parser turns them into a small tree of struct ynode with positions:
 * iteratively, with a depth limit, refusing aliases and a second document.
 * Mappings are then opened against the keys they may have, and their
 * values read as text, lists, mappings or one of a set of words; every
 * mistake is reported at its file:line:col (parse_yaml_msg.c words them).
 * Nothing here knows what a meeting is: parse.c, parse_chart.c and
 * parse_file.c are the schema, built on this.
 */
#include "parse_yaml.h"

#include <assert.h>
#include <libfyaml.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define PARSE_MAX_BYTES ((size_t)4 << 20) /* 4 MiB */
#define PARSE_MAX_DEPTH 64
/* A table of rich text has at most this many columns: cmark-gfm's table
 * extension appends each cell of a row to a linked list by walking it,
 * so a row of n cells costs n² (2.000 columns: 6,5 s and 2,6 GB), and a
 * page has room for far fewer columns anyway. Counted as the '|' of a
 * line (one more than its cells), before cmark sees the text. */
#define PARSE_MAX_TABLE_COLUMNS 100


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

/* ---- explicit keys, before libfyaml sees them ---- */

/* Where a line's content starts after the dashes of sequence entries
 * ("- - ? k": at the '?'). */
static size_t after_dashes(const char *buf, size_t i, size_t eol)
{
	while (i + 1 < eol && buf[i] == '-' &&
	       (buf[i + 1] == ' ' || buf[i + 1] == '\t')) {
		i += 2;
		while (i < eol && (buf[i] == ' ' || buf[i] == '\t'))
			i++;
	}
	return i;
}

/* Whether the line buf[i..eol) ends in a block scalar's indicator
 * ("text: |", "- >-", "intro: |2 # comment"). */
static bool opens_block_scalar(const char *buf, size_t i, size_t eol)
{
	size_t e = i;
	while (e < eol && !(buf[e] == '#' && e > i &&
			    (buf[e - 1] == ' ' || buf[e - 1] == '\t')))
		e++;
	while (e > i && (buf[e - 1] == ' ' || buf[e - 1] == '\t' ||
			 buf[e - 1] == '\r'))
		e--;
	while (e > i && (buf[e - 1] == '-' || buf[e - 1] == '+' ||
			 (buf[e - 1] >= '0' && buf[e - 1] <= '9')))
		e--; /* chomping and indentation indicators */
	if (e == i || (buf[e - 1] != '|' && buf[e - 1] != '>'))
		return false;
	size_t b = e - 1;
	if (b == i)
		return true;
	if (buf[b - 1] != ' ' && buf[b - 1] != '\t')
		return false;
	while (b > i && (buf[b - 1] == ' ' || buf[b - 1] == '\t'))
		b--;
	return b == i || buf[b - 1] == ':';
}

/* A meeting file writes "key: value"; YAML's explicit keys ("? key" on a
 * line of its own) it never needs, and libfyaml 0.7.12 frees one of its
 * keys twice when such a key's value is followed by a tab and a block
 * indicator (fy_fetch_value's error path): a crash on a 7-byte file. So
 * an explicit key is refused here, at its place, before libfyaml reads the
 * file. The lines of a block scalar are text: skipped. */
static bool check_explicit_keys(struct pctx *pc, const char *file,
				const char *buf, size_t len)
{
	long block = -1; /* a block scalar's lines are indented more */
	int line = 1;
	for (size_t bol = 0; bol < len; line++) {
		size_t eol = bol;
		while (eol < len && buf[eol] != '\n')
			eol++;
		size_t i = bol;
		while (i < eol && buf[i] == ' ')
			i++;
		bool blank = i == eol || buf[i] == '\r' || buf[i] == '#' ||
			     buf[i] == '\t';
		if (block >= 0 && (blank || (long)(i - bol) > block)) {
			bol = eol + 1;
			continue;
		}
		block = -1;
		size_t k = after_dashes(buf, i, eol);
		if (k < eol && buf[k] == '?' && is_space_at(buf, len, k + 1)) {
			struct srcpos pos = { file, line,
					      column_at(buf, bol, k) };
			parse_error(pc, pos,
				    "'?' starts an explicit key, which a "
				    "meeting file does not use: write the key "
				    "and a colon, as 'heading: Raad'");
			return false;
		}
		if (opens_block_scalar(buf, k, eol))
			block = (long)(k - bol);
		bol = eol + 1;
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

/* Where a node and its strings go. */
static struct arena *tree_arena(const struct ybuild *b)
{
	return b->pc->tree ? b->pc->tree : b->pc->a;
}

static struct ynode *ynode_new(struct ybuild *b, enum ynode_kind kind,
			       struct srcpos pos)
{
	struct ynode *n = arena_alloc(tree_arena(b), sizeof *n);
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
	char *out = arena_alloc(tree_arena(b), n->len + extra + 1);
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

/* A line break, or a run of tabs: one space in a one-line value. A tab
 * (pasted from a spreadsheet) set as pango sets it is a tab stop's width
 * of nothing, which ran a chart's category off the page. */
static size_t one_line_gap_len(const char *s)
{
	size_t k = 0;
	while (s[k] == '\t')
		k++;
	return k ? k : model_line_break_len(s);
}

const char *parse_one_line(struct pctx *pc, const char *s)
{
	size_t i = 0;
	while (s[i] && !one_line_gap_len(s + i))
		i++;
	if (!s[i])
		return s;
	struct strbuf sb = STRBUF_INIT;
	bool gap = false;
	for (i = 0; s[i];) {
		size_t k = one_line_gap_len(s + i);
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
	n->str = arena_strndup(tree_arena(b), s ? s : "", s ? len : 0);
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
		n->text.raw = arena_strndup(tree_arena(b), b->buf + ts->input_pos,
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
				parse_yaml_message(b->pc, de->msg), &pos, flow);
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
	if (!check_flow_depth(pc, file, buf, len) ||
	    !check_explicit_keys(pc, file, buf, len))
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

/* s copied into a when the tree it is in goes (pc->tree). */
static const char *keep_in(struct pctx *pc, struct arena *a, const char *s)
{
	return pc->tree && s ? arena_strdup(a, s) : s;
}

const char *parse_keep(struct pctx *pc, const char *s)
{
	return keep_in(pc, pc->a, s);
}

/* Whether v can be read as text; reported when not. */
static bool scalar_ok(struct pctx *pc, const struct ynode *v, const char *name)
{
	if (v->kind != YN_SCALAR) {
		parse_error(pc, v->pos, "'%s' must be text; got %s", name,
			    parse_describe(pc, v));
		return false;
	}
	if (strlen(v->str) != v->len) {
		parse_error(pc, v->pos,
			    "'%s' holds a NUL character (\\0); remove it",
			    name);
		return false;
	}
	return true;
}

/* v's text into *out, its strings in the model's arena: one copy of
 * each, made after every check (a struct text of its own for each was a
 * tenth of a long document's model). Rich text (not one line) goes into
 * pc->rich, which is let go before a long document is drawn. */
static void keep_text(struct pctx *pc, const struct ynode *v, bool one_line,
		      struct text *out)
{
	struct arena *a = !one_line && pc->rich ? pc->rich : pc->a;
	*out = v->text;
	const char *src = one_line ? parse_one_line(pc, v->text.src)
				   : v->text.src;
	out->src = src == v->text.src ? keep_in(pc, a, src) : src;
	/* raw is the same bytes as src for most plain scalars: one copy. */
	if (out->raw && out->src && strcmp(out->raw, out->src) == 0)
		out->raw = out->src;
	else
		out->raw = keep_in(pc, a, out->raw);
}

bool parse_scalar_text(struct pctx *pc, const struct ynode *v,
		       const char *name, bool one_line, struct text *out)
{
	if (!scalar_ok(pc, v, name))
		return false;
	keep_text(pc, v, one_line, out);
	return true;
}

/* Every line of rich text within PARSE_MAX_TABLE_COLUMNS; false when
 * one is not (reported at its first '|' past the limit). */
bool parse_rich_lines_ok(struct pctx *pc, const struct text *t)
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
	if (!scalar_ok(pc, v, name))
		return false;
	if (v->is_null || parse_is_blank(v->str)) {
		if (mv->fields[i].required)
			parse_error(pc, v->pos, "'%s' %s is empty", name,
				    mv->where);
		return false;
	}
	if (mv->fields[i].rich && !parse_rich_lines_ok(pc, &v->text))
		return false;
	keep_text(pc, v, !mv->fields[i].rich, out);
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
