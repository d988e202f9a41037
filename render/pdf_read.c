/*
 * pdf_read.c — a finished PDF read into tokens and objects.
 *
 * Input: a complete PDF with classic xref tables, as cairo writes it plus
 * incremental updates. The xref chain is read newest first, so the
 * newest version of an object wins; every object is parsed once to check
 * it and find its stream, and again into tokens by pdf_object() when a
 * caller wants it (the tokens of a whole file would be most of the
 * memory a long document needs). Output: struct pdf_reader, which
 * pdf_pack.c and pdf_tag.c walk.
 */
#include "pdf_read.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"

/* pdf_read.h: a file of 10.000 pages has two million of them */
_Static_assert(sizeof(struct pdf_obj) == 24, "struct pdf_obj grew");

#define MAX_DEPTH 64
/* Incremental updates followed from the last xref table back. */
#define MAX_SECTIONS 64

/* The three classes of bytes (ISO 32000-1, 7.2.2). */
enum { REGULAR, SPACE, DELIM };
static const unsigned char byte_class[256] = {
	[0] = SPACE, ['\t'] = SPACE, ['\n'] = SPACE, ['\f'] = SPACE,
	['\r'] = SPACE, [' '] = SPACE,
	['('] = DELIM, [')'] = DELIM, ['<'] = DELIM, ['>'] = DELIM,
	['['] = DELIM, [']'] = DELIM, ['{'] = DELIM, ['}'] = DELIM,
	['/'] = DELIM, ['%'] = DELIM,
};

bool pdf_is_space(unsigned char c)
{
	return byte_class[c] == SPACE;
}

static bool is_regular(unsigned char c)
{
	return byte_class[c] == REGULAR;
}

static bool is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static void skip_space(struct pdf_lexer *lx)
{
	while (lx->p < lx->end) {
		if (pdf_is_space((unsigned char)*lx->p)) {
			lx->p++;
		} else if (*lx->p == '%') {
			while (lx->p < lx->end && *lx->p != '\n' && *lx->p != '\r')
				lx->p++;
		} else {
			break;
		}
	}
}

/* A literal string: balanced parentheses, a backslash escapes the byte
 * after it (so "\)" and "\\" are no end). */
static bool lex_string(struct pdf_lexer *lx)
{
	int depth = 0;
	while (lx->p < lx->end) {
		char c = *lx->p++;
		if (c == '\\') {
			if (lx->p == lx->end)
				return false;
			lx->p++;
		} else if (c == '(') {
			depth++;
		} else if (c == ')' && --depth == 0) {
			return true;
		}
	}
	return false;
}

/* An integer (that a reference or a /Length may use), a number kept as
 * written, or a keyword. */
static enum pdf_tok_kind classify(const char *s, size_t n, long *value)
{
	size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0, digits = 0, dots = 0;
	for (size_t k = i; k < n; k++) {
		if (s[k] >= '0' && s[k] <= '9')
			digits++;
		else if (s[k] == '.')
			dots++;
		else
			return TOK_KEYWORD;
	}
	if (!digits || dots > 1)
		return TOK_KEYWORD;
	if (dots || digits > 18)
		return TOK_REAL;
	long v = 0;
	for (size_t k = i; k < n; k++)
		v = 10 * v + (s[k] - '0');
	*value = s[0] == '-' ? -v : v;
	return TOK_INT;
}

struct pdf_tok pdf_lex(struct pdf_lexer *lx)
{
	skip_space(lx);
	struct pdf_tok t = { TOK_END, lx->p, 0, 0 };
	if (lx->p >= lx->end)
		return t;
	const char *start = lx->p;
	unsigned char c = (unsigned char)*lx->p;
	bool two = lx->p + 1 < lx->end && lx->p[1] == (char)c;
	switch (c) {
	case '(':
		t.kind = lex_string(lx) ? TOK_STRING : TOK_ERROR;
		break;
	case '<':
		if (two) {
			lx->p += 2;
			t.kind = TOK_DICT_OPEN;
			break;
		}
		t.kind = TOK_ERROR;
		for (lx->p++; lx->p < lx->end; lx->p++) {
			unsigned char h = (unsigned char)*lx->p;
			if (h == '>') {
				lx->p++;
				t.kind = TOK_HEX;
				break;
			}
			if (!is_hex(h) && !pdf_is_space(h))
				break;
		}
		break;
	case '>':
		lx->p += two ? 2 : 1;
		t.kind = two ? TOK_DICT_CLOSE : TOK_ERROR;
		break;
	case '[':
	case ']':
		lx->p++;
		t.kind = c == '[' ? TOK_ARRAY_OPEN : TOK_ARRAY_CLOSE;
		break;
	case '/':
		for (lx->p++; lx->p < lx->end && is_regular((unsigned char)*lx->p);)
			lx->p++;
		t.kind = TOK_NAME;
		break;
	case ')':
	case '{':
	case '}':
		/* '{' is PostScript, found only inside function streams */
		lx->p++;
		t.kind = TOK_ERROR;
		break;
	default:
		while (lx->p < lx->end && is_regular((unsigned char)*lx->p))
			lx->p++;
		t.kind = classify(start, (size_t)(lx->p - start), &t.num);
	}
	t.n = (size_t)(lx->p - start);
	return t;
}

bool pdf_tok_is(struct pdf_tok t, enum pdf_tok_kind kind, const char *text)
{
	return t.kind == kind && t.n == strlen(text) && !memcmp(t.s, text, t.n);
}

bool pdf_is_keyword(struct pdf_tok t, const char *word)
{
	return pdf_tok_is(t, TOK_KEYWORD, word);
}

static void toks_push(struct pdf_toks *ts, struct pdf_tok t)
{
	ARRAY_GROW(ts->v, ts->n, ts->cap);
	ts->v[ts->n++] = t;
}

/* One direct object at lx, its tokens appended to ts; "N 0 R" becomes a
 * single REF token. false when it is not one object. */
bool pdf_parse_value(struct pdf_lexer *lx, struct pdf_toks *ts, int depth)
{
	if (depth > MAX_DEPTH)
		return false;
	struct pdf_tok t = pdf_lex(lx);
	switch (t.kind) {
	case TOK_INT: {
		struct pdf_lexer peek = *lx;
		struct pdf_tok gen = pdf_lex(&peek);
		if (gen.kind != TOK_INT)
			break;
		/* a look at one byte first: most numbers are no reference */
		skip_space(&peek);
		if (peek.p == peek.end || *peek.p != 'R')
			break;
		struct pdf_tok r = pdf_lex(&peek);
		if (!pdf_is_keyword(r, "R"))
			break;
		/* only generation 0 is ever written; a reference to any
		 * other would need its number kept */
		if (t.num < 1 || gen.num != 0)
			return false;
		t.kind = TOK_REF;
		t.n = (size_t)(peek.p - t.s);
		*lx = peek;
		break;
	}
	case TOK_REAL:
	case TOK_NAME:
	case TOK_STRING:
	case TOK_HEX:
		break;
	case TOK_KEYWORD:
		if (!pdf_is_keyword(t, "true") && !pdf_is_keyword(t, "false") &&
		    !pdf_is_keyword(t, "null"))
			return false;
		break;
	case TOK_ARRAY_OPEN:
		toks_push(ts, t);
		for (;;) {
			struct pdf_lexer peek = *lx;
			struct pdf_tok e = pdf_lex(&peek);
			if (e.kind == TOK_ARRAY_CLOSE) {
				*lx = peek;
				toks_push(ts, e);
				return true;
			}
			if (!pdf_parse_value(lx, ts, depth + 1))
				return false;
		}
	case TOK_DICT_OPEN:
		toks_push(ts, t);
		for (;;) {
			struct pdf_tok key = pdf_lex(lx);
			if (key.kind == TOK_DICT_CLOSE) {
				toks_push(ts, key);
				return true;
			}
			if (key.kind != TOK_NAME)
				return false;
			toks_push(ts, key);
			if (!pdf_parse_value(lx, ts, depth + 1))
				return false;
		}
	default:
		return false;
	}
	toks_push(ts, t);
	return true;
}

/* The index just past the value that starts at i. */
size_t pdf_value_end(const struct pdf_toks *ts, size_t i)
{
	int depth = 0;
	do {
		enum pdf_tok_kind k = ts->v[i].kind;
		if (k == TOK_DICT_OPEN || k == TOK_ARRAY_OPEN)
			depth++;
		else if (k == TOK_DICT_CLOSE || k == TOK_ARRAY_CLOSE)
			depth--;
		i++;
	} while (depth > 0);
	return i;
}

/* The index of the value of key in the dictionary that starts at first,
 * or SIZE_MAX. */
size_t pdf_dict_get(const struct pdf_toks *ts, size_t first, const char *key)
{
	for (size_t i = first + 1; ts->v[i].kind == TOK_NAME;) {
		if (pdf_tok_is(ts->v[i], TOK_NAME, key))
			return i + 1;
		i = pdf_value_end(ts, i + 1);
	}
	return SIZE_MAX;
}

/* Reads of a file are served a block at a time. */
#define PDF_BLOCK ((size_t)1 << 16)

struct pdf_block {
	size_t off, len;
	char bytes[PDF_BLOCK];
};

static bool read_at(int fd, char *to, size_t n, size_t off)
{
	for (size_t got = 0; got < n;) {
		ssize_t k = pread(fd, to + got, n - got, (off_t)(off + got));
		if (k <= 0)
			return false;
		got += (size_t)k;
	}
	return true;
}

/* Bytes [off, off + n) of the file (n cut at its end) for ts: in the
 * buffer of a file in memory, or read into ts->bytes from its
 * descriptor. Tokens that ts holds then point into them. */
static bool window(const struct pdf_reader *r, size_t off, size_t n,
		   struct pdf_toks *ts)
{
	if (off > r->len)
		return false;
	if (n > r->len - off)
		n = r->len - off;
	ts->base_off = off;
	ts->base_len = n;
	if (r->fd < 0) {
		ts->base = r->pdf + off;
		return true;
	}
	if (n + 1 > ts->cap_bytes) {
		ts->cap_bytes = n + 1;
		ts->bytes = xrealloc_array(ts->bytes, ts->cap_bytes, 1);
	}
	ts->base = ts->bytes;
	/* Most objects are a few hundred bytes, read in the order they
	 * were written: one read of a block serves hundreds of them. */
	struct pdf_block *c = r->block;
	if (n <= PDF_BLOCK / 4) {
		if (off < c->off || off + n > c->off + c->len) {
			c->off = off;
			c->len = r->len - off < PDF_BLOCK ? r->len - off :
							    PDF_BLOCK;
			if (!read_at(r->fd, c->bytes, c->len, off)) {
				c->len = 0;
				return false;
			}
		}
		memcpy(ts->bytes, c->bytes + (off - c->off), n);
		return true;
	}
	return read_at(r->fd, ts->bytes, n, off);
}

static const char *window_end(const struct pdf_toks *ts)
{
	return ts->base + ts->base_len;
}

/* Where the object at offset ends at the latest: where the next thing
 * the xref tables name begins. */
static size_t object_end(const struct pdf_reader *r, size_t offset)
{
	size_t lo = 0, hi = r->n_bounds;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->bounds[mid] <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n_bounds ? r->bounds[lo] : r->len;
}

static void add_bound(struct pdf_reader *r, size_t offset)
{
	ARRAY_GROW(r->bounds, r->n_bounds, r->cap_bounds);
	r->bounds[r->n_bounds++] = offset;
}

static int by_offset(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* The xref entry of object num, unless a newer section decided it. */
static bool xref_entry(struct pdf_reader *pk, long num, long offset, long gen,
		       bool in_use)
{
	if (num < 0 || (size_t)num >= pk->len)
		return false;
	if ((size_t)num >= pk->cap_objs) {
		size_t cap = pk->cap_objs ? pk->cap_objs : 256;
		while (cap <= (size_t)num)
			cap *= 2;
		pk->objs = xrealloc_array(pk->objs, cap, sizeof *pk->objs);
		memset(pk->objs + pk->cap_objs, 0,
		       (cap - pk->cap_objs) * sizeof *pk->objs);
		pk->cap_objs = cap;
	}
	if ((size_t)num >= pk->n_objs)
		pk->n_objs = (size_t)num + 1;
	if (in_use && offset > 0 && (size_t)offset < pk->len)
		add_bound(pk, (size_t)offset);
	struct pdf_obj *o = &pk->objs[num];
	if (o->in_xref || num == 0)
		return true;
	o->in_xref = true;
	if (!in_use)
		return true;
	if (gen != 0 || offset <= 0 || (size_t)offset >= pk->len)
		return false;
	o->in_use = true;
	o->offset = (size_t)offset;
	return true;
}

/* The trailer of the newest section names the catalog and the info;
 * a key the packer would lose or misread makes it give up. */
static bool read_trailer(struct pdf_reader *pk, const struct pdf_toks *ts,
			 size_t first, bool newest, long *prev)
{
	*prev = 0;
	for (size_t i = first + 1; ts->v[i].kind == TOK_NAME;) {
		struct pdf_tok key = ts->v[i], val = ts->v[i + 1];
#define KEY(k) pdf_tok_is(key, TOK_NAME, k)
		if (KEY("/Prev")) {
			if (val.kind != TOK_INT || val.num <= 0)
				return false;
			*prev = val.num;
		} else if (KEY("/Size")) {
			if (val.kind != TOK_INT)
				return false;
			if (newest)
				pk->size = val.num;
		} else if (KEY("/Root") || KEY("/Info")) {
			if (val.kind != TOK_REF)
				return false;
			if (newest)
				*(KEY("/Root") ? &pk->root : &pk->info) = val.num;
		} else if (KEY("/ID")) {
			/* two strings, written again as they are */
			size_t end = pdf_value_end(ts, i + 1);
			if (val.kind != TOK_ARRAY_OPEN || end != i + 5 ||
			    (ts->v[i + 2].kind != TOK_STRING &&
			     ts->v[i + 2].kind != TOK_HEX) ||
			    (ts->v[i + 3].kind != TOK_STRING &&
			     ts->v[i + 3].kind != TOK_HEX))
				return false;
			if (newest)
				pk->id = i + 1;
		} else {
			return false; /* /Encrypt, /XRefStm, anything else */
		}
#undef KEY
		i = pdf_value_end(ts, i + 1);
	}
	return true;
}

/* An xref section is read XREF_PIECE bytes at a time, never whole: the
 * section of a 10.000-page file is tens of megabytes, and the window
 * that held it stayed with the trailer. The lexer is moved on to a new
 * piece wherever fewer than XREF_MARGIN bytes are left before an entry
 * (20 bytes, 7.5.4) or a subsection's header; a token that runs to a
 * piece's end is too long to be one of theirs. */
#define XREF_PIECE (PDF_BLOCK / 4)
#define XREF_MARGIN 64

static bool xref_more(const struct pdf_reader *pk, struct pdf_toks *ts,
		      struct pdf_lexer *lx)
{
	if ((size_t)(lx->end - lx->p) >= XREF_MARGIN ||
	    ts->base_off + ts->base_len == pk->len)
		return true;
	size_t at = ts->base_off + (size_t)(lx->p - ts->base);
	if (!window(pk, at, XREF_PIECE, ts))
		return false;
	*lx = (struct pdf_lexer){ ts->base, window_end(ts) };
	return true;
}

/* The next token of the section, false when it was cut by the piece's
 * end. */
static bool xref_lex(const struct pdf_reader *pk, const struct pdf_toks *ts,
		     struct pdf_lexer *lx, struct pdf_tok *t)
{
	*t = pdf_lex(lx);
	return lx->p < lx->end || ts->base_off + ts->base_len == pk->len;
}

/* The trailer's dictionary at offset, in a window of its own that grows
 * until it holds it. */
static bool read_trailer_dict(const struct pdf_reader *pk, size_t offset,
			      struct pdf_toks *ts)
{
	for (size_t n = XREF_PIECE;; n *= 2) {
		if (!window(pk, offset, n, ts))
			return false;
		struct pdf_lexer lx = { ts->base, window_end(ts) };
		bool whole = ts->base_off + ts->base_len == pk->len;
		ts->n = 0;
		bool ok = pdf_parse_value(&lx, ts, 0) &&
			  ts->v[0].kind == TOK_DICT_OPEN;
		/* a token cut by the window's end may look whole */
		if (whole || (ok && lx.p < lx.end))
			return ok;
	}
}

/* The "xref ... trailer << >>" section at offset. */
static bool read_xref_section(struct pdf_reader *pk, size_t offset, bool newest,
			      long *prev)
{
	struct pdf_toks ts = { 0 };
	struct pdf_lexer lx;
	struct pdf_tok t;
	bool ok = window(pk, offset, XREF_PIECE, &ts);
	if (ok) {
		lx = (struct pdf_lexer){ ts.base, window_end(&ts) };
		/* else an xref stream, or not an xref at all */
		ok = xref_lex(pk, &ts, &lx, &t) && pdf_is_keyword(t, "xref");
	}
	while (ok) {
		if (!xref_more(pk, &ts, &lx) || !xref_lex(pk, &ts, &lx, &t)) {
			ok = false;
			break;
		}
		if (pdf_is_keyword(t, "trailer"))
			break;
		struct pdf_tok count;
		if (!xref_lex(pk, &ts, &lx, &count) || t.kind != TOK_INT ||
		    count.kind != TOK_INT || t.num < 0 || count.num < 0 ||
		    (size_t)count.num > pk->len / 18) {
			ok = false;
			break;
		}
		for (long i = 0; ok && i < count.num; i++) {
			struct pdf_tok off, gen, kind;
			ok = xref_more(pk, &ts, &lx) &&
			     xref_lex(pk, &ts, &lx, &off) &&
			     xref_lex(pk, &ts, &lx, &gen) &&
			     xref_lex(pk, &ts, &lx, &kind);
			bool used = ok && pdf_is_keyword(kind, "n");
			ok = ok && off.kind == TOK_INT && gen.kind == TOK_INT &&
			     (used || pdf_is_keyword(kind, "f")) &&
			     xref_entry(pk, t.num + i, off.num, gen.num, used);
		}
	}
	ok = ok && read_trailer_dict(pk, ts.base_off + (size_t)(lx.p - ts.base),
				     &ts) &&
	     read_trailer(pk, &ts, 0, newest, prev);
	if (ok && newest)
		pk->trailer = ts;
	else
		pdf_toks_free(&ts);
	return ok;
}

/* The chain of xref sections from the last startxref back by /Prev. */
static bool read_xref_chain(struct pdf_reader *pk)
{
	const char *key = "startxref";
	size_t n = strlen(key), at = SIZE_MAX;
	size_t from = pk->len > 1024 ? pk->len - 1024 : 0;
	struct pdf_toks tail = { 0 };
	if (pk->len < n || !window(pk, from, pk->len - from, &tail)) {
		pdf_toks_free(&tail); /* a failed read may have sized it */
		return false;
	}
	const char *p = tail.base;
	for (size_t i = pk->len - from - n + 1; i-- > 0;)
		if (!memcmp(p + i, key, n)) {
			at = i + n;
			break;
		}
	long offset = 0;
	if (at != SIZE_MAX) {
		struct pdf_lexer lx = { p + at, window_end(&tail) };
		struct pdf_tok t = pdf_lex(&lx);
		offset = t.kind == TOK_INT ? t.num : -1;
	}
	pdf_toks_free(&tail);
	if (at == SIZE_MAX || offset < 0)
		return false;
	long seen[MAX_SECTIONS];
	pk->startxref = (size_t)offset;
	for (int k = 0; offset; k++) {
		if (k == MAX_SECTIONS || offset < 0 || (size_t)offset >= pk->len)
			return false;
		for (int j = 0; j < k; j++)
			if (seen[j] == offset)
				return false;
		seen[k] = offset;
		add_bound(pk, (size_t)offset);
		if (!read_xref_section(pk, (size_t)offset, k == 0, &offset))
			return false;
	}
	qsort(pk->bounds, pk->n_bounds, sizeof *pk->bounds, by_offset);
	/* the objects and bounds at their count: they grew by doubling */
	pk->bounds = xrealloc_array(pk->bounds, pk->n_bounds,
				    sizeof *pk->bounds);
	pk->cap_bounds = pk->n_bounds;
	pk->objs = xrealloc_array(pk->objs, pk->n_objs + 1, sizeof *pk->objs);
	pk->cap_objs = pk->n_objs + 1;
	return pk->root > 0 && (size_t)pk->root < pk->n_objs &&
	       pk->objs[pk->root].in_use && pk->size > 0 &&
	       (size_t)pk->size >= pk->n_objs;
}

/* "N 0 obj" value into ts, read in its window; the lexer left after
 * it. */
static bool parse_object(const struct pdf_reader *pk, long num,
			 struct pdf_toks *ts, struct pdf_lexer *lx)
{
	const struct pdf_obj *o = &pk->objs[num];
	ts->n = 0;
	if (!window(pk, o->offset, object_end(pk, o->offset) - o->offset, ts))
		return false;
	*lx = (struct pdf_lexer){ ts->base, window_end(ts) };
	struct pdf_tok n = pdf_lex(lx), gen = pdf_lex(lx);
	return n.kind == TOK_INT && n.num == num && gen.kind == TOK_INT &&
	       gen.num == 0 && pdf_is_keyword(pdf_lex(lx), "obj") &&
	       pdf_parse_value(lx, ts, 0);
}

/* A stream's length given by reference: the number in that object. */
static long length_in(struct pdf_reader *pk, long num, struct pdf_toks *ts)
{
	struct pdf_lexer lx;
	if (num <= 0 || (size_t)num >= pk->n_objs || !pk->objs[num].in_use ||
	    !parse_object(pk, num, ts, &lx) || ts->n != 1 ||
	    ts->v[0].kind != TOK_INT || !pdf_is_keyword(pdf_lex(&lx), "endobj"))
		return -1;
	return ts->v[0].num;
}

/* Its value, then "endobj" or a stream's dictionary, "stream", the data
 * and "endstream". */
static bool read_object(struct pdf_reader *pk, long num, struct pdf_toks *ts,
			struct pdf_toks *scratch)
{
	struct pdf_obj *o = &pk->objs[num];
	struct pdf_lexer lx;
	if (!parse_object(pk, num, ts, &lx))
		return false;
	struct pdf_tok end = pdf_lex(&lx);
	if (pdf_is_keyword(end, "endobj"))
		return true;
	if (!pdf_is_keyword(end, "stream") || ts->v[0].kind != TOK_DICT_OPEN)
		return false;
	size_t length = pdf_dict_get(ts, 0, "/Length");
	if (length == SIZE_MAX || length > UINT16_MAX)
		return false;
	o->length = (uint16_t)length;
	/* the object numbers inside these would not be renumbered */
	size_t type = pdf_dict_get(ts, 0, "/Type");
	if (type != SIZE_MAX &&
	    (pdf_tok_is(ts->v[type], TOK_NAME, "/ObjStm") ||
	     pdf_tok_is(ts->v[type], TOK_NAME, "/XRef")))
		return false;
	/* the data start after CR LF or LF (7.3.8.1) */
	if (lx.p < lx.end && *lx.p == '\r')
		lx.p++;
	if (lx.p == lx.end || *lx.p != '\n')
		return false;
	const char *data = lx.p + 1;
	const struct pdf_tok *len = &ts->v[o->length];
	long value = len->kind == TOK_INT ? len->num :
		     len->kind == TOK_REF ? length_in(pk, len->num, scratch) :
					    -1;
	if (value < 0 || (size_t)value > (size_t)(lx.end - data) ||
	    (size_t)value > UINT32_MAX)
		return false;
	size_t at = ts->base_off + (size_t)(data - ts->base) - o->offset;
	if (at > UINT32_MAX)
		return false;
	o->stream = true;
	o->data_at = (uint32_t)at;
	o->data_len = (uint32_t)value;
	lx.p = data + value;
	return pdf_is_keyword(pdf_lex(&lx), "endstream") &&
	       pdf_is_keyword(pdf_lex(&lx), "endobj");
}

static bool read_objects(struct pdf_reader *pk)
{
	struct pdf_toks ts = { 0 }, scratch = { 0 };
	bool ok = true;
	for (size_t i = 1; ok && i < pk->n_objs; i++)
		ok = !pk->objs[i].in_use ||
		     read_object(pk, (long)i, &ts, &scratch);
	pdf_toks_free(&ts);
	pdf_toks_free(&scratch);
	return ok;
}

bool pdf_object(const struct pdf_reader *r, long num, struct pdf_toks *ts)
{
	struct pdf_lexer lx;
	if (num <= 0 || (size_t)num >= r->n_objs || !r->objs[num].in_use ||
	    !parse_object(r, num, ts, &lx))
		return false;
	const struct pdf_obj *o = &r->objs[num];
	if (o->stream && ts->v[o->length].kind == TOK_REF)
		ts->v[o->length] =
			(struct pdf_tok){ TOK_INT, NULL, 0, (long)o->data_len };
	return true;
}

const char *pdf_stream_data(const struct pdf_reader *r, long num,
			    const struct pdf_toks *ts)
{
	const struct pdf_obj *o = &r->objs[num];
	size_t data_off = o->offset + o->data_at;
	assert(o->stream && ts->base_off <= data_off &&
	       data_off + o->data_len <= ts->base_off + ts->base_len);
	return ts->base + (data_off - ts->base_off);
}

bool pdf_read(struct pdf_reader *r, const char *pdf, size_t len)
{
	*r = (struct pdf_reader){ .pdf = pdf, .fd = -1, .len = len,
				  .id = SIZE_MAX };
	return read_xref_chain(r) && read_objects(r);
}

bool pdf_read_fd(struct pdf_reader *r, int fd, size_t len)
{
	*r = (struct pdf_reader){ .fd = fd, .len = len, .id = SIZE_MAX };
	r->block = xrealloc_array(NULL, 1, sizeof *r->block);
	r->block->off = r->block->len = 0;
	return read_xref_chain(r) && read_objects(r);
}

void pdf_toks_free(struct pdf_toks *ts)
{
	free(ts->v);
	free(ts->bytes);
	*ts = (struct pdf_toks){ 0 };
}

void pdf_read_free(struct pdf_reader *r)
{
	pdf_toks_free(&r->trailer);
	free(r->objs);
	free(r->bounds);
	free(r->block);
	*r = (struct pdf_reader){ .fd = -1 };
}
