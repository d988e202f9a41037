/*
 * pdf_pack.c — a finished PDF rewritten as one compact PDF 1.5 file.
 *
 * Input: a complete PDF with classic xref tables, as cairo writes it plus
 * write_cairo.c's incremental update. The xref chain is read newest first,
 * so the newest version of an object wins; every object is parsed into
 * tokens (strings, names, dictionaries... exactly, so a parenthesis in a
 * title cannot end an object early). Only objects reachable from the
 * trailer are kept, numbered anew in their old order. Output: streams as
 * they were (their /Length written in place when it was a reference),
 * every other object in Flate-compressed object streams, and a
 * cross-reference stream (ISO 32000-1, 7.5.7 and 7.5.8). Anything not
 * understood makes pdf_pack() give up, and the caller keeps its input.
 */
#include "pdf_pack.h"

#include <assert.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Nesting of arrays and dictionaries inside one object. */
#define MAX_DEPTH 64
/* Incremental updates followed from the last xref table back. */
#define MAX_SECTIONS 64
/* Objects in one object stream: one stream compresses best, but a reader
 * inflates a whole stream to reach any object in it. */
#define OBJSTM_MAX 512

enum tok_kind {
	TOK_END,
	TOK_ERROR,
	TOK_INT,
	TOK_REAL, /* any other number: kept as written */
	TOK_NAME,
	TOK_STRING,
	TOK_HEX,
	TOK_DICT_OPEN,
	TOK_DICT_CLOSE,
	TOK_ARRAY_OPEN,
	TOK_ARRAY_CLOSE,
	TOK_KEYWORD,
	TOK_REF, /* "12 0 R", one token */
};

struct tok {
	enum tok_kind kind;
	const char *s; /* its text in the input; NULL for a /Length made here */
	size_t n;
	long num; /* value of an INT; object number of a REF */
};

struct toks {
	struct tok *v;
	size_t n, cap;
};

struct pdf_obj {
	bool in_xref;   /* an entry of a newer section already decided it */
	bool in_use;
	bool reached;
	size_t offset;  /* of "N 0 obj" in the input */
	size_t first;   /* its tokens: toks.v[first .. first + count) */
	size_t count;
	size_t length;  /* a stream's: index of its /Length value token */
	const char *data; /* a stream's bytes, or NULL */
	size_t data_len;
	long new_num;
};

struct packer {
	const char *pdf;
	size_t len;
	struct toks toks;
	struct pdf_obj *objs;
	size_t n_objs, cap_objs;
	long size, root, info;
	size_t id; /* index of the trailer's /ID value, or SIZE_MAX */
};

struct lexer {
	const char *p, *end;
};

/* The three classes of bytes (ISO 32000-1, 7.2.2). */
enum { REGULAR, SPACE, DELIM };
static const unsigned char byte_class[256] = {
	[0] = SPACE, ['\t'] = SPACE, ['\n'] = SPACE, ['\f'] = SPACE,
	['\r'] = SPACE, [' '] = SPACE,
	['('] = DELIM, [')'] = DELIM, ['<'] = DELIM, ['>'] = DELIM,
	['['] = DELIM, [']'] = DELIM, ['{'] = DELIM, ['}'] = DELIM,
	['/'] = DELIM, ['%'] = DELIM,
};

static bool is_space(unsigned char c)
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

static void skip_space(struct lexer *lx)
{
	while (lx->p < lx->end) {
		if (is_space((unsigned char)*lx->p)) {
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
static bool lex_string(struct lexer *lx)
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
static enum tok_kind classify(const char *s, size_t n, long *value)
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

static struct tok lex(struct lexer *lx)
{
	skip_space(lx);
	struct tok t = { TOK_END, lx->p, 0, 0 };
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
			if (!is_hex(h) && !is_space(h))
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

static bool tok_is(struct tok t, enum tok_kind kind, const char *text)
{
	return t.kind == kind && t.n == strlen(text) && !memcmp(t.s, text, t.n);
}

static bool is_keyword(struct tok t, const char *word)
{
	return tok_is(t, TOK_KEYWORD, word);
}

static void toks_push(struct toks *ts, struct tok t)
{
	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? 2 * ts->cap : 1024;
		ts->v = xrealloc_array(ts->v, ts->cap, sizeof *ts->v);
	}
	ts->v[ts->n++] = t;
}

/* One direct object at lx, its tokens appended to ts; "N 0 R" becomes a
 * single REF token. false when it is not one object. */
static bool parse_value(struct lexer *lx, struct toks *ts, int depth)
{
	if (depth > MAX_DEPTH)
		return false;
	struct tok t = lex(lx);
	switch (t.kind) {
	case TOK_INT: {
		struct lexer peek = *lx;
		struct tok gen = lex(&peek);
		if (gen.kind != TOK_INT)
			break;
		/* a look at one byte first: most numbers are no reference */
		skip_space(&peek);
		if (peek.p == peek.end || *peek.p != 'R')
			break;
		struct tok r = lex(&peek);
		if (!is_keyword(r, "R"))
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
		if (!is_keyword(t, "true") && !is_keyword(t, "false") &&
		    !is_keyword(t, "null"))
			return false;
		break;
	case TOK_ARRAY_OPEN:
		toks_push(ts, t);
		for (;;) {
			struct lexer peek = *lx;
			struct tok e = lex(&peek);
			if (e.kind == TOK_ARRAY_CLOSE) {
				*lx = peek;
				toks_push(ts, e);
				return true;
			}
			if (!parse_value(lx, ts, depth + 1))
				return false;
		}
	case TOK_DICT_OPEN:
		toks_push(ts, t);
		for (;;) {
			struct tok key = lex(lx);
			if (key.kind == TOK_DICT_CLOSE) {
				toks_push(ts, key);
				return true;
			}
			if (key.kind != TOK_NAME)
				return false;
			toks_push(ts, key);
			if (!parse_value(lx, ts, depth + 1))
				return false;
		}
	default:
		return false;
	}
	toks_push(ts, t);
	return true;
}

/* The index just past the value that starts at i. */
static size_t value_end(const struct toks *ts, size_t i)
{
	int depth = 0;
	do {
		enum tok_kind k = ts->v[i].kind;
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
static size_t dict_get(const struct toks *ts, size_t first, const char *key)
{
	for (size_t i = first + 1; ts->v[i].kind == TOK_NAME;) {
		if (tok_is(ts->v[i], TOK_NAME, key))
			return i + 1;
		i = value_end(ts, i + 1);
	}
	return SIZE_MAX;
}

/* The xref entry of object num, unless a newer section decided it. */
static bool xref_entry(struct packer *pk, long num, long offset, long gen,
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
static bool read_trailer(struct packer *pk, size_t first, bool newest,
			 long *prev)
{
	const struct toks *ts = &pk->toks;
	*prev = 0;
	for (size_t i = first + 1; ts->v[i].kind == TOK_NAME;) {
		struct tok key = ts->v[i], val = ts->v[i + 1];
#define KEY(k) tok_is(key, TOK_NAME, k)
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
			size_t end = value_end(ts, i + 1);
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
		i = value_end(ts, i + 1);
	}
	return true;
}

/* One "xref ... trailer << >>" section at offset. */
static bool read_xref_section(struct packer *pk, size_t offset, bool newest,
			      long *prev)
{
	struct lexer lx = { pk->pdf + offset, pk->pdf + pk->len };
	if (!is_keyword(lex(&lx), "xref"))
		return false; /* an xref stream, or not an xref at all */
	for (;;) {
		struct tok t = lex(&lx);
		if (is_keyword(t, "trailer"))
			break;
		struct tok count = lex(&lx);
		if (t.kind != TOK_INT || count.kind != TOK_INT || t.num < 0 ||
		    count.num < 0 || (size_t)count.num > pk->len / 18)
			return false;
		for (long i = 0; i < count.num; i++) {
			struct tok off = lex(&lx), gen = lex(&lx), kind = lex(&lx);
			bool used = is_keyword(kind, "n");
			if (off.kind != TOK_INT || gen.kind != TOK_INT ||
			    (!used && !is_keyword(kind, "f")) ||
			    !xref_entry(pk, t.num + i, off.num, gen.num, used))
				return false;
		}
	}
	size_t first = pk->toks.n;
	if (!parse_value(&lx, &pk->toks, 0) ||
	    pk->toks.v[first].kind != TOK_DICT_OPEN)
		return false;
	return read_trailer(pk, first, newest, prev);
}

/* The chain of xref sections from the last startxref back by /Prev. */
static bool read_xref_chain(struct packer *pk)
{
	const char *key = "startxref";
	size_t n = strlen(key), at = SIZE_MAX;
	size_t from = pk->len > 1024 ? pk->len - 1024 : 0;
	for (size_t i = pk->len - n + 1; i-- > from;)
		if (!memcmp(pk->pdf + i, key, n)) {
			at = i + n;
			break;
		}
	if (at == SIZE_MAX)
		return false;
	struct lexer lx = { pk->pdf + at, pk->pdf + pk->len };
	struct tok t = lex(&lx);
	if (t.kind != TOK_INT)
		return false;
	long offset = t.num, seen[MAX_SECTIONS];
	for (int k = 0; offset; k++) {
		if (k == MAX_SECTIONS || offset < 0 || (size_t)offset >= pk->len)
			return false;
		for (int j = 0; j < k; j++)
			if (seen[j] == offset)
				return false;
		seen[k] = offset;
		if (!read_xref_section(pk, (size_t)offset, k == 0, &offset))
			return false;
	}
	return pk->root > 0 && (size_t)pk->root < pk->n_objs &&
	       pk->objs[pk->root].in_use && pk->size > 0 &&
	       (size_t)pk->size >= pk->n_objs;
}

/* "N 0 obj" value, then "endobj" or a stream's dictionary and "stream". */
static bool read_object(struct packer *pk, long num)
{
	struct pdf_obj *o = &pk->objs[num];
	struct lexer lx = { pk->pdf + o->offset, pk->pdf + pk->len };
	struct tok n = lex(&lx), gen = lex(&lx);
	if (n.kind != TOK_INT || n.num != num || gen.kind != TOK_INT ||
	    gen.num != 0 || !is_keyword(lex(&lx), "obj"))
		return false;
	o->first = pk->toks.n;
	if (!parse_value(&lx, &pk->toks, 0))
		return false;
	o->count = pk->toks.n - o->first;
	struct tok end = lex(&lx);
	if (is_keyword(end, "endobj"))
		return true;
	if (!is_keyword(end, "stream") ||
	    pk->toks.v[o->first].kind != TOK_DICT_OPEN)
		return false;
	o->length = dict_get(&pk->toks, o->first, "/Length");
	if (o->length == SIZE_MAX)
		return false;
	/* the object numbers inside these would not be renumbered */
	size_t type = dict_get(&pk->toks, o->first, "/Type");
	if (type != SIZE_MAX &&
	    (tok_is(pk->toks.v[type], TOK_NAME, "/ObjStm") ||
	     tok_is(pk->toks.v[type], TOK_NAME, "/XRef")))
		return false;
	/* the data start after CR LF or LF (7.3.8.1) */
	if (lx.p < lx.end && *lx.p == '\r')
		lx.p++;
	if (lx.p == lx.end || *lx.p != '\n')
		return false;
	o->data = lx.p + 1;
	return true;
}

/* A stream's length, when it is a reference: the number in that object,
 * written into the stream's dictionary. Then "endstream" must follow. */
static bool read_stream_end(struct packer *pk, struct pdf_obj *o)
{
	struct tok *len = &pk->toks.v[o->length];
	long value = len->num;
	if (len->kind == TOK_REF) {
		if ((size_t)len->num >= pk->n_objs)
			return false;
		const struct pdf_obj *l = &pk->objs[len->num];
		if (!l->in_use || l->data || l->count != 1 ||
		    pk->toks.v[l->first].kind != TOK_INT)
			return false;
		value = pk->toks.v[l->first].num;
		*len = (struct tok){ TOK_INT, NULL, 0, value };
	} else if (len->kind != TOK_INT) {
		return false;
	}
	const char *end = pk->pdf + pk->len;
	if (value < 0 || (size_t)value > (size_t)(end - o->data))
		return false;
	o->data_len = (size_t)value;
	struct lexer lx = { o->data + o->data_len, end };
	return is_keyword(lex(&lx), "endstream") &&
	       is_keyword(lex(&lx), "endobj");
}

static bool read_objects(struct packer *pk)
{
	for (size_t i = 1; i < pk->n_objs; i++)
		if (pk->objs[i].in_use && !read_object(pk, (long)i))
			return false;
	for (size_t i = 1; i < pk->n_objs; i++)
		if (pk->objs[i].data && !read_stream_end(pk, &pk->objs[i]))
			return false;
	return true;
}

/* Mark what the catalog and the info reach; every reference must name an
 * object in use. Returns the number of objects reached, or 0. */
static size_t reach(struct packer *pk)
{
	long *stack = malloc(pk->n_objs * sizeof *stack);
	if (!stack)
		abort();
	size_t top = 0, n = 0;
	long start[2] = { pk->root, pk->info };
	for (int k = 0; k < 2; k++) {
		if (start[k] <= 0)
			continue;
		if ((size_t)start[k] >= pk->n_objs || !pk->objs[start[k]].in_use)
			goto broken;
		if (!pk->objs[start[k]].reached) {
			pk->objs[start[k]].reached = true;
			stack[top++] = start[k];
		}
	}
	while (top) {
		const struct pdf_obj *o = &pk->objs[stack[--top]];
		n++;
		for (size_t i = o->first; i < o->first + o->count; i++) {
			const struct tok *t = &pk->toks.v[i];
			if (t->kind != TOK_REF)
				continue;
			if ((size_t)t->num >= pk->n_objs ||
			    !pk->objs[t->num].in_use)
				goto broken;
			if (!pk->objs[t->num].reached) {
				pk->objs[t->num].reached = true;
				stack[top++] = t->num;
			}
		}
	}
	free(stack);
	return n;
broken:
	free(stack);
	return 0;
}

/* A non-negative number (printf costs more than the rest of a token). */
static void add_number(struct strbuf *out, long v)
{
	char digits[24];
	size_t i = sizeof digits;
	do
		digits[--i] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	strbuf_add(out, digits + i, sizeof digits - i);
}

/* Tokens with a space only where two would otherwise run together. */
static void emit_tokens(struct strbuf *out, const struct packer *pk,
			size_t first, size_t count)
{
	bool after_regular = false;
	for (size_t i = first; i < first + count; i++) {
		const struct tok *t = &pk->toks.v[i];
		bool regular = t->kind == TOK_INT || t->kind == TOK_REAL ||
			       t->kind == TOK_KEYWORD || t->kind == TOK_REF;
		if (after_regular && regular)
			strbuf_addc(out, ' ');
		if (t->kind == TOK_REF) {
			add_number(out, pk->objs[t->num].new_num);
			strbuf_add(out, " 0 R", 4);
		} else if (!t->s) {
			add_number(out, t->num);
		} else
			strbuf_add(out, t->s, t->n);
		after_regular = regular || t->kind == TOK_NAME;
	}
}

/* data deflated onto out. zlib's default level: level 9 makes the
 * object streams 1-2 % smaller in twice the time. The window and hash
 * fit the data: zlib's usual 256 KiB of tables, cleared for a 300-byte
 * xref stream, cost more than deflating it. */
static void add_deflated(struct strbuf *out, const char *data, size_t n)
{
	int bits = 9;
	while (bits < 15 && ((size_t)1 << bits) < n)
		bits++;
	z_stream z = { 0 };
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, bits,
			 bits - 7, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	size_t size = deflateBound(&z, (uLong)n);
	unsigned char *buf = malloc(size);
	if (!buf)
		abort();
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)n;
	z.next_out = buf;
	z.avail_out = (uInt)size;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	strbuf_add(out, (const char *)buf, z.total_out);
	deflateEnd(&z);
	free(buf);
}

/* A stream object: dictionary entries (without /Length and /Filter),
 * then the data deflated. */
static void add_flate_stream(struct strbuf *out, long num, const char *dict,
			     const struct strbuf *data)
{
	struct strbuf z = STRBUF_INIT;
	add_deflated(&z, strbuf_str(data), data->len);
	strbuf_addf(out, "%ld 0 obj\n<<%s/Filter/FlateDecode/Length %zu>>\n"
		    "stream\n", num, dict, z.len);
	strbuf_add(out, z.buf, z.len);
	strbuf_adds(out, "\nendstream\nendobj\n");
	strbuf_release(&z);
}

struct xref_row {
	unsigned type;
	size_t field2, field3;
};

static int bytes_for(size_t v)
{
	int n = 1;
	while (v >>= 8)
		n++;
	return n;
}

static void put_be(unsigned char *p, size_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)(v & 0xff);
}

/* The ID: the input's own, or the MD5 of what the file holds, which the
 * same input gives every time (never the clock). */
static void add_id(struct strbuf *out, const struct packer *pk,
		   GChecksum *sum)
{
	if (pk->id != SIZE_MAX) {
		strbuf_adds(out, "/ID");
		emit_tokens(out, pk, pk->id, value_end(&pk->toks, pk->id) - pk->id);
		return;
	}
	const char *md5 = g_checksum_get_string(sum);
	strbuf_addf(out, "/ID[<%s><%s>]", md5, md5);
}

/* Into the ID's sum: a stream's CRC-32 and length (an MD5 of the fonts
 * themselves would cost more than the rest of the packing). */
static void sum_stream(GChecksum *sum, const char *data, size_t n)
{
	unsigned char crc[12];
	put_be(crc, crc32(0, (const Bytef *)data, (uInt)n), 4);
	put_be(crc + 4, n, 8);
	g_checksum_update(sum, crc, sizeof crc);
}

/* The cross-reference stream, the last object, and the file's end. Rows
 * are stored with the PNG Up predictor: offsets that grow slowly become
 * runs of small numbers, which deflate well. */
static void add_xref_stream(struct strbuf *out, const struct packer *pk,
			    struct xref_row *rows, long num, GChecksum *sum)
{
	size_t at = out->len, max2 = 0, max3 = 0;
	rows[num] = (struct xref_row){ 1, at, 0 };
	for (long i = 0; i <= num; i++) {
		max2 = rows[i].field2 > max2 ? rows[i].field2 : max2;
		max3 = rows[i].field3 > max3 ? rows[i].field3 : max3;
	}
	int w2 = bytes_for(max2), w3 = bytes_for(max3), cols = 1 + w2 + w3;
	struct strbuf data = STRBUF_INIT;
	unsigned char row[1 + 8 + 8], prev[1 + 8 + 8] = { 0 }, up[2 + 8 + 8];
	for (long i = 0; i <= num; i++) {
		row[0] = (unsigned char)rows[i].type;
		put_be(row + 1, rows[i].field2, w2);
		put_be(row + 1 + w2, rows[i].field3, w3);
		up[0] = 2; /* Up */
		for (int k = 0; k < cols; k++)
			up[1 + k] = (unsigned char)(row[k] - prev[k]);
		memcpy(prev, row, (size_t)cols);
		strbuf_add(&data, (const char *)up, (size_t)cols + 1);
	}
	struct strbuf dict = STRBUF_INIT;
	strbuf_addf(&dict, "/Type/XRef/Size %ld/W[1 %d %d]/Index[0 %ld]"
		    "/Root %ld 0 R", num + 1, w2, w3, num + 1,
		    pk->objs[pk->root].new_num);
	if (pk->info > 0)
		strbuf_addf(&dict, "/Info %ld 0 R", pk->objs[pk->info].new_num);
	add_id(&dict, pk, sum);
	strbuf_addf(&dict, "/DecodeParms<</Columns %d/Predictor 12>>", cols);
	add_flate_stream(out, num, strbuf_str(&dict), &data);
	strbuf_addf(out, "startxref\n%zu\n%%%%EOF\n", at);
	strbuf_release(&dict);
	strbuf_release(&data);
}

/* Objects OBJSTM_MAX at a time, from *next on, into one object stream
 * numbered num. */
static void add_object_stream(struct strbuf *out, const struct packer *pk,
			      struct xref_row *rows, size_t *next, long num,
			      GChecksum *sum)
{
	struct strbuf head = STRBUF_INIT, body = STRBUF_INIT;
	size_t n = 0;
	for (size_t i = *next; i < pk->n_objs && n < OBJSTM_MAX; i++, *next = i) {
		const struct pdf_obj *o = &pk->objs[i];
		if (!o->reached || o->data)
			continue;
		strbuf_addf(&head, "%s%ld %zu", n ? " " : "", o->new_num,
			    body.len);
		emit_tokens(&body, pk, o->first, o->count);
		strbuf_addc(&body, '\n');
		rows[o->new_num] = (struct xref_row){ 2, (size_t)num, n };
		n++;
	}
	strbuf_addc(&head, '\n');
	size_t first = head.len;
	strbuf_add(&head, body.buf, body.len);
	g_checksum_update(sum, (const guchar *)head.buf, head.len);
	rows[num] = (struct xref_row){ 1, out->len, 0 };
	char dict[96];
	snprintf(dict, sizeof dict, "/Type/ObjStm/N %zu/First %zu", n, first);
	add_flate_stream(out, num, dict, &head);
	strbuf_release(&head);
	strbuf_release(&body);
}

static void write_packed(struct strbuf *out, struct packer *pk, int minor,
			 size_t n_reached)
{
	long n = 0;
	size_t n_plain = 0;
	for (size_t i = 1; i < pk->n_objs; i++)
		if (pk->objs[i].reached) {
			pk->objs[i].new_num = ++n;
			n_plain += !pk->objs[i].data;
		}
	assert(n == (long)n_reached);
	long n_stm = (long)((n_plain + OBJSTM_MAX - 1) / OBJSTM_MAX);
	long xref_num = n + n_stm + 1;
	struct xref_row *rows = calloc((size_t)xref_num + 1, sizeof *rows);
	if (!rows)
		abort();
	GChecksum *sum = g_checksum_new(G_CHECKSUM_MD5);
	/* A comment of bytes above 127 says the file is binary (7.5.2). */
	strbuf_addf(out, "%%PDF-1.%d\n%%\xb5\xed\xae\xfb\n", minor);
	for (size_t i = 1; i < pk->n_objs; i++) {
		const struct pdf_obj *o = &pk->objs[i];
		if (!o->reached || !o->data)
			continue;
		rows[o->new_num] = (struct xref_row){ 1, out->len, 0 };
		strbuf_addf(out, "%ld 0 obj\n", o->new_num);
		emit_tokens(out, pk, o->first, o->count);
		strbuf_adds(out, "\nstream\n");
		strbuf_add(out, o->data, o->data_len);
		strbuf_adds(out, "\nendstream\nendobj\n");
		sum_stream(sum, o->data, o->data_len);
	}
	size_t next = 1;
	for (long k = 0; k < n_stm; k++)
		add_object_stream(out, pk, rows, &next, n + 1 + k, sum);
	add_xref_stream(out, pk, rows, xref_num, sum);
	g_checksum_free(sum);
	free(rows);
}

bool pdf_pack(const char *pdf, size_t len, struct strbuf *out)
{
	assert(out->len == 0);
	/* %PDF-1.x: object streams need 1.5; a later 1.x stays */
	if (len < 16 || memcmp(pdf, "%PDF-1.", 7) || pdf[7] < '0' ||
	    pdf[7] > '9' || !is_space((unsigned char)pdf[8]))
		return false;
	int minor = pdf[7] - '0' < 5 ? 5 : pdf[7] - '0';
	struct packer pk = { .pdf = pdf, .len = len, .id = SIZE_MAX };
	size_t n_reached = 0;
	if (read_xref_chain(&pk) && read_objects(&pk) &&
	    (n_reached = reach(&pk)) > 0)
		write_packed(out, &pk, minor, n_reached);
	free(pk.toks.v);
	free(pk.objs);
	if (out->len && out->len < len)
		return true;
	strbuf_release(out);
	*out = (struct strbuf)STRBUF_INIT;
	return false;
}
