/*
 * pdf_pack.c — a finished PDF rewritten as one compact PDF 1.5 file.
 *
 * Input: a complete PDF with classic xref tables, as cairo writes it plus
 * write_cairo.c's incremental updates, read by pdf_read.c (the newest
 * version of each object wins). Only objects reachable from the
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
#include <unistd.h>
#include <zlib.h>

#include "pdf_read.h"

/* Objects in one object stream: one stream compresses best, but a reader
 * inflates a whole stream to reach any object in it. */
#define OBJSTM_MAX 512

/* The packed file: in sb, or from byte `spilled` on when the rest went
 * to fp (a long document's never all in memory). */
struct pack_out {
	struct strbuf sb;
	FILE *fp;
	size_t spilled;
	bool failed;
};

static size_t out_pos(const struct pack_out *o)
{
	return o->spilled + o->sb.len;
}

/* sb onto fp, once it holds a megabyte (all: whatever it holds). */
static void out_spill(struct pack_out *o, bool all)
{
	if (!o->fp || (!all && o->sb.len < (size_t)1 << 20))
		return;
	if (o->sb.len && fwrite(o->sb.buf, 1, o->sb.len, o->fp) != o->sb.len)
		o->failed = true;
	o->spilled += o->sb.len;
	strbuf_reset(&o->sb);
}

/* Mark what the catalog and the info reach; every reference must name an
 * object in use. Returns the number of objects reached, or 0. */
static size_t reach(struct pdf_reader *pk, struct pdf_toks *ts)
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
		if (!pdf_object(pk, stack[--top], ts))
			goto broken;
		n++;
		for (size_t i = 0; i < ts->n; i++) {
			const struct pdf_tok *t = &ts->v[i];
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
static void emit_tokens(struct strbuf *out, const struct pdf_reader *pk,
			const struct pdf_toks *ts, size_t first, size_t count)
{
	bool after_regular = false;
	for (size_t i = first; i < first + count; i++) {
		const struct pdf_tok *t = &ts->v[i];
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

/* data deflated onto out at zlib's default level with a window of
 * 2^bits bytes and hash tables to match (memLevel bits - 7: 8 at 15
 * bits, zlib's own defaults). */
static void deflate_window(struct strbuf *out, const char *data, size_t n,
			   int bits)
{
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

/* data deflated onto out. zlib's default level: level 9 makes the
 * object streams 1-2 % smaller in twice the time. The window and hash
 * fit the data: zlib's usual 256 KiB of tables, cleared for a 300-byte
 * xref stream, cost more than deflating it. */
void pdf_deflate(struct strbuf *out, const char *data, size_t n)
{
	int bits = 9;
	while (bits < 15 && ((size_t)1 << bits) < n)
		bits++;
	deflate_window(out, data, n, bits);
}

/* A stream whose dictionary holds its /Length and nothing else: data
 * cairo wrote plain (write_cairo.c has it write everything plain, since
 * it would deflate a page's content only for pdf_tag.c to inflate and
 * rewrite it); here the rest of it, its ToUnicode maps, is deflated. */
static bool only_length(const struct pdf_toks *ts)
{
	return ts->n == 4 && ts->v[0].kind == TOK_DICT_OPEN &&
	       pdf_tok_is(ts->v[1], TOK_NAME, "/Length") &&
	       ts->v[3].kind == TOK_DICT_CLOSE;
}

/* data deflated as cairo deflates a stream (cairo-deflate-stream.c:
 * zlib's defaults, deflateInit()), so that a file is the same byte for
 * byte whichever of the two deflated it. */
static void cairo_deflate(struct strbuf *out, const char *data, size_t n)
{
	deflate_window(out, data, n, MAX_WBITS);
}

/* A stream object: dictionary entries (without /Length and /Filter),
 * then the data deflated. */
static void add_flate_stream(struct strbuf *out, long num, const char *dict,
			     const struct strbuf *data)
{
	struct strbuf z = STRBUF_INIT;
	pdf_deflate(&z, strbuf_str(data), data->len);
	strbuf_addf(out, "%ld 0 obj\n<<%s/Filter/FlateDecode/Length %zu>>\n"
		    "stream\n", num, dict, z.len);
	strbuf_add(out, z.buf, z.len);
	strbuf_adds(out, "\nendstream\nendobj\n");
	strbuf_release(&z);
}

/* One for every object of the packed file: 16 bytes (field3 is 0 or an
 * index in an object stream, below OBJSTM_MAX). */
struct xref_row {
	size_t field2;
	uint32_t field3;
	unsigned char type;
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
static void add_id(struct strbuf *out, const struct pdf_reader *pk,
		   GChecksum *sum)
{
	if (pk->id != SIZE_MAX) {
		strbuf_adds(out, "/ID");
		emit_tokens(out, pk, &pk->trailer, pk->id,
			    pdf_value_end(&pk->trailer, pk->id) - pk->id);
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
static void add_xref_stream(struct pack_out *o, const struct pdf_reader *pk,
			    struct xref_row *rows, long num, GChecksum *sum)
{
	struct strbuf *out = &o->sb;
	size_t at = out_pos(o), max2 = 0, max3 = 0;
	rows[num] = (struct xref_row){ at, 0, 1 };
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
		    (long)pk->objs[pk->root].new_num);
	if (pk->info > 0)
		strbuf_addf(&dict, "/Info %ld 0 R",
			    (long)pk->objs[pk->info].new_num);
	add_id(&dict, pk, sum);
	strbuf_addf(&dict, "/DecodeParms<</Columns %d/Predictor 12>>", cols);
	add_flate_stream(out, num, strbuf_str(&dict), &data);
	strbuf_addf(out, "startxref\n%zu\n%%%%EOF\n", at);
	strbuf_release(&dict);
	strbuf_release(&data);
}

/* Objects OBJSTM_MAX at a time, from *next on, into one object stream
 * numbered num. */
static void add_object_stream(struct pack_out *out, const struct pdf_reader *pk,
			      struct xref_row *rows, size_t *next, long num,
			      GChecksum *sum, struct pdf_toks *ts)
{
	struct strbuf head = STRBUF_INIT, body = STRBUF_INIT;
	size_t n = 0;
	for (size_t i = *next; i < pk->n_objs && n < OBJSTM_MAX; i++, *next = i) {
		const struct pdf_obj *o = &pk->objs[i];
		if (!o->reached || o->stream)
			continue;
		strbuf_addf(&head, "%s%ld %zu", n ? " " : "",
			    (long)o->new_num, body.len);
		bool ok = pdf_object(pk, (long)i, ts);
		assert(ok); /* reach() parsed it */
		(void)ok;
		emit_tokens(&body, pk, ts, 0, ts->n);
		strbuf_addc(&body, '\n');
		rows[o->new_num] = (struct xref_row){ (size_t)num, (uint32_t)n, 2 };
		n++;
	}
	strbuf_addc(&head, '\n');
	size_t first = head.len;
	strbuf_add(&head, body.buf, body.len);
	g_checksum_update(sum, (const guchar *)head.buf, head.len);
	rows[num] = (struct xref_row){ out_pos(out), 0, 1 };
	char dict[96];
	snprintf(dict, sizeof dict, "/Type/ObjStm/N %zu/First %zu", n, first);
	add_flate_stream(&out->sb, num, dict, &head);
	out_spill(out, false);
	strbuf_release(&head);
	strbuf_release(&body);
}

static void write_packed(struct pack_out *po, struct pdf_reader *pk,
			 int minor, size_t n_reached, struct pdf_toks *ts)
{
	struct strbuf *out = &po->sb;
	long n = 0;
	size_t n_plain = 0;
	for (size_t i = 1; i < pk->n_objs; i++)
		if (pk->objs[i].reached) {
			pk->objs[i].new_num = ++n;
			n_plain += !pk->objs[i].stream;
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
		if (!o->reached || !o->stream)
			continue;
		rows[o->new_num] = (struct xref_row){ out_pos(po), 0, 1 };
		strbuf_addf(out, "%ld 0 obj\n", (long)o->new_num);
		bool ok = pdf_object(pk, (long)i, ts);
		assert(ok); /* reach() parsed it */
		(void)ok;
		const char *data = pdf_stream_data(pk, (long)i, ts);
		size_t data_len = o->data_len;
		struct strbuf z = STRBUF_INIT;
		if (only_length(ts)) {
			cairo_deflate(&z, data, data_len);
			strbuf_addf(out, "<</Length %zu/Filter/FlateDecode>>",
				    z.len);
			data = z.buf;
			data_len = z.len;
		} else {
			emit_tokens(out, pk, ts, 0, ts->n);
		}
		strbuf_adds(out, "\nstream\n");
		strbuf_add(out, data, data_len);
		strbuf_adds(out, "\nendstream\nendobj\n");
		sum_stream(sum, data, data_len);
		strbuf_release(&z);
		out_spill(po, false);
	}
	size_t next = 1;
	for (long k = 0; k < n_stm; k++)
		add_object_stream(po, pk, rows, &next, n + 1 + k, sum, ts);
	add_xref_stream(po, pk, rows, xref_num, sum);
	out_spill(po, true);
	g_checksum_free(sum);
	free(rows);
}

/* The version a packed file says: object streams need 1.5; a later 1.x
 * stays. 0 when head is not a PDF's. */
static int packed_minor(const char *head, size_t len)
{
	if (len < 16 || memcmp(head, "%PDF-1.", 7) || head[7] < '0' ||
	    head[7] > '9' || !pdf_is_space((unsigned char)head[8]))
		return 0;
	return head[7] - '0' < 5 ? 5 : head[7] - '0';
}

/* pk packed onto out; false when it is not understood. */
static bool pack(struct pdf_reader *pk, bool read, int minor,
		 struct pack_out *out)
{
	struct pdf_toks ts = { 0 }; /* one object's at a time */
	size_t n_reached = 0;
	bool ok = read && (n_reached = reach(pk, &ts)) > 0;
	if (ok)
		write_packed(out, pk, minor, n_reached, &ts);
	pdf_toks_free(&ts);
	pdf_read_free(pk);
	return ok;
}

bool pdf_pack(const char *pdf, size_t len, struct strbuf *out)
{
	assert(out->len == 0);
	int minor = packed_minor(pdf, len);
	struct pdf_reader pk;
	struct pack_out po = { STRBUF_INIT, NULL, 0, false };
	if (minor && pack(&pk, pdf_read(&pk, pdf, len), minor, &po) &&
	    po.sb.len < len) {
		*out = po.sb;
		return true;
	}
	strbuf_release(&po.sb);
	return false;
}

bool pdf_pack_fd(int fd, size_t len, FILE *out, size_t *out_len,
		 bool *failed)
{
	char head[16];
	*failed = false;
	if (len < sizeof head || pread(fd, head, sizeof head, 0) !=
					 (ssize_t)sizeof head)
		return false;
	int minor = packed_minor(head, len);
	struct pdf_reader pk;
	struct pack_out po = { STRBUF_INIT, out, 0, false };
	bool ok = minor && pack(&pk, pdf_read_fd(&pk, fd, len), minor, &po);
	strbuf_release(&po.sb);
	*failed = po.failed;
	*out_len = po.spilled;
	return ok && !po.failed && po.spilled < len;
}
