/*
 * test_pdf_pack.c — packing a finished PDF into object streams.
 *
 * Input: small PDFs written by hand here (with their xref tables and
 * incremental updates), and one cairo writes. Output checked: the text of
 * each object as the packed file holds it, read back through its
 * cross-reference stream and object streams by the small reader below;
 * and that every PDF the packer cannot understand is refused, so that the
 * caller keeps the file as it was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "arena.h"
#include "pdf_pack.h"

/* --- writing PDFs by hand -------------------------------------------- */

/* A PDF this small would not be packed (the packed file would be no
 * smaller): a long comment, which packing drops, makes it worth it. */
static size_t header(struct strbuf *pdf, int comment)
{
	strbuf_adds(pdf, "%PDF-1.4\n%");
	for (int i = 0; i < comment; i++)
		strbuf_addc(pdf, 'x');
	strbuf_addc(pdf, '\n');
	return pdf->len;
}

struct draft {
	struct strbuf pdf;
	int comment; /* bytes of the comment after the header */
	size_t last_xref; /* offset of the newest xref table, or 0 */
};

/* Objects numbered first, first + 1, ... in the body: each text is put
 * between "N 0 obj" and "endobj". Then an xref section for them and a
 * trailer with extra (and /Prev when there is an older table). */
static void add_section(struct draft *d, long first, const char *const *objs,
			size_t n, const char *extra)
{
	size_t off[16];
	assert_true(n <= 16);
	if (!d->pdf.len)
		header(&d->pdf, d->comment);
	for (size_t i = 0; i < n; i++) {
		off[i] = d->pdf.len;
		strbuf_addf(&d->pdf, "%ld 0 obj\n%s\nendobj\n", first + (long)i,
			    objs[i]);
	}
	size_t xref = d->pdf.len;
	strbuf_adds(&d->pdf, "xref\n");
	if (!d->last_xref)
		strbuf_addf(&d->pdf, "0 1\n0000000000 65535 f \n");
	strbuf_addf(&d->pdf, "%ld %zu\n", first, n);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&d->pdf, "%010zu 00000 n \n", off[i]);
	strbuf_addf(&d->pdf, "trailer\n<< %s", extra);
	if (d->last_xref)
		strbuf_addf(&d->pdf, " /Prev %zu", d->last_xref);
	strbuf_addf(&d->pdf, " >>\nstartxref\n%zu\n%%%%EOF\n", xref);
	d->last_xref = xref;
}

/* A PDF of objects 1..n with the usual trailer. */
static void draft_pdf(struct draft *d, const char *const *objs, size_t n,
		      const char *extra)
{
	*d = (struct draft){ STRBUF_INIT, 2000, 0 };
	char trailer[128];
	snprintf(trailer, sizeof trailer, "/Size %zu /Root 1 0 R%s", n + 1,
		 extra);
	add_section(d, 1, objs, n, trailer);
}

#define N(a) (sizeof(a) / sizeof *(a))

/* --- reading the packed file back ------------------------------------- */

/* The number after key in [s, end), or -1. */
static long number_after(const char *s, const char *end, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = s; p + n <= end; p++)
		if (!memcmp(p, key, n))
			return strtol(p + n, NULL, 10);
	return -1;
}

/* The inflated data of the stream object at offset; *len its length. */
static unsigned char *inflate_at(const struct strbuf *pdf, size_t offset,
				 size_t *len)
{
	const char *obj = pdf->buf + offset;
	const char *data = strstr(obj, ">>\nstream\n");
	assert_non_null(data);
	data += strlen(">>\nstream\n");
	/* the last /Length of the dictionary (a /DecodeParms has none) */
	long zlen = -1;
	for (const char *p = obj; p < data; p++)
		if (!memcmp(p, "/Length ", 8))
			zlen = strtol(p + 8, NULL, 10);
	assert_true(zlen > 0);
	uLongf size = 1 << 20;
	unsigned char *out = malloc(size);
	assert_int_equal(uncompress(out, &size, (const Bytef *)data,
				    (uLong)zlen), Z_OK);
	assert_true(size < 1 << 20);
	*len = size;
	return out;
}

struct xref_entry {
	int type;
	long f2, f3;
};

/* Entry num of the cross-reference stream; *size gets its /Size. */
static struct xref_entry xref_entry(const struct strbuf *pdf, long num,
				    long *size)
{
	const char *end = pdf->buf + pdf->len;
	long at = number_after(end - 40, end, "startxref\n");
	assert_true(at > 0);
	const char *dict = pdf->buf + at;
	*size = number_after(dict, end, "/Size ");
	long w2 = 0, w3 = 0;
	const char *w = strstr(dict, "/W[");
	assert_non_null(w);
	assert_int_equal(sscanf(w, "/W[1 %ld %ld]", &w2, &w3), 2);
	int cols = 1 + (int)w2 + (int)w3;
	size_t len;
	unsigned char *rows = inflate_at(pdf, (size_t)at, &len);
	assert_int_equal(len, (size_t)*size * (size_t)(cols + 1));
	unsigned char prev[17] = { 0 }, row[17];
	struct xref_entry e = { -1, 0, 0 };
	for (long i = 0; i <= num && i < *size; i++) {
		const unsigned char *r = rows + i * (cols + 1);
		assert_int_equal(r[0], 2); /* PNG Up */
		for (int k = 0; k < cols; k++)
			row[k] = (unsigned char)(r[1 + k] + prev[k]);
		memcpy(prev, row, (size_t)cols);
		e.type = row[0];
		e.f2 = e.f3 = 0;
		for (int k = 0; k < w2; k++)
			e.f2 = e.f2 << 8 | row[1 + k];
		for (int k = 0; k < w3; k++)
			e.f3 = e.f3 << 8 | row[1 + w2 + k];
	}
	free(rows);
	return e;
}

/* The text of object num in the packed file, malloc'd: for an object in
 * an object stream what the stream holds for it, for a stream object
 * everything from "N 0 obj\n" to "endobj". NULL when there is none. */
static char *packed_object(const struct strbuf *pdf, long num)
{
	long size;
	struct xref_entry e = xref_entry(pdf, num, &size);
	if (num >= size || e.type == 0)
		return NULL;
	if (e.type == 1) {
		const char *obj = pdf->buf + e.f2;
		char head[32];
		snprintf(head, sizeof head, "%ld 0 obj\n", num);
		assert_memory_equal(obj, head, strlen(head));
		const char *end = strstr(obj, "endobj");
		return strndup(obj, (size_t)(end - obj));
	}
	assert_int_equal(e.type, 2);
	struct xref_entry stm = xref_entry(pdf, e.f2, &size);
	assert_int_equal(stm.type, 1);
	const char *dict = pdf->buf + stm.f2, *end = pdf->buf + pdf->len;
	long n = number_after(dict, end, "/N "),
	     first = number_after(dict, end, "/First ");
	assert_true(e.f3 < n);
	size_t len;
	char *data = (char *)inflate_at(pdf, (size_t)stm.f2, &len);
	long at = 0, next = (long)len - first;
	const char *p = data;
	for (long i = 0; i <= e.f3 + 1 && i < n; i++) {
		long obj_num = strtol(p, (char **)&p, 10);
		long off = strtol(p, (char **)&p, 10);
		if (i == e.f3) {
			assert_int_equal(obj_num, num);
			at = off;
		} else if (i == e.f3 + 1) {
			next = off;
		}
	}
	char *text = strndup(data + first + at, (size_t)(next - at));
	free(data);
	text[strcspn(text, "\n")] = '\0'; /* each object on a line */
	return text;
}

/* Where the bytes of key are in pdf (which holds NUL bytes), or NULL. */
static const char *find(const struct strbuf *pdf, const char *key)
{
	size_t n = strlen(key);
	for (size_t i = 0; i + n <= pdf->len; i++)
		if (!memcmp(pdf->buf + i, key, n))
			return pdf->buf + i;
	return NULL;
}

/* The inflated object stream that holds object 1, NUL-terminated. */
static char *object_stream(const struct strbuf *pdf)
{
	long size;
	struct xref_entry e = xref_entry(pdf, 1, &size);
	assert_int_equal(e.type, 2);
	struct xref_entry stm = xref_entry(pdf, e.f2, &size);
	size_t len;
	char *data = (char *)inflate_at(pdf, (size_t)stm.f2, &len);
	data[len] = '\0';
	return data;
}

static void assert_object(const struct strbuf *pdf, long num,
			  const char *want)
{
	char *got = packed_object(pdf, num);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static long packed_size(const struct strbuf *pdf)
{
	long size;
	xref_entry(pdf, 0, &size);
	return size;
}

/* --- the tests -------------------------------------------------------- */

static const char *const CATALOG = "<< /Type /Catalog /Pages 2 0 R >>";
static const char *const PAGES = "<< /Type /Pages /Kids [ ] /Count 0 >>";

static void test_strings_with_parentheses_and_escapes_stay_whole(void **state)
{
	(void)state;
	const char *const objs[] = {
		CATALOG, PAGES,
		"<< /Title (Verslag (concept\\)) met \\( en \\\\) "
		"/Subject (endobj 9 0 R >> % geen commentaar\n(nog) een regel)\n"
		"   /Author <FEFF 00E9> % dit is commentaar\n"
		"   /Keywords (a\\\\) /Creator (\\050\\051)\n>>",
	};
	struct draft d;
	draft_pdf(&d, objs, N(objs), " /Info 3 0 R");
	struct strbuf out = STRBUF_INIT;
	assert_true(pdf_pack(d.pdf.buf, d.pdf.len, &out));
	assert_object(&out, 1, "<</Type/Catalog/Pages 2 0 R>>");
	assert_object(&out, 2, "<</Type/Pages/Kids[]/Count 0>>");
	/* The string's newline ends the object's line early in the reader:
	 * compare up to it, then the rest of the object stream. */
	assert_object(&out, 3, "<</Title(Verslag (concept\\)) met \\( en \\\\)"
		      "/Subject(endobj 9 0 R >> % geen commentaar");
	char *data = object_stream(&out);
	size_t len = strlen(data);
	const char *tail = "\n(nog) een regel)/Author<FEFF 00E9>"
			   "/Keywords(a\\\\)/Creator(\\050\\051)>>\n";
	assert_true(len > strlen(tail));
	assert_memory_equal(data + len - strlen(tail), tail, strlen(tail));
	free(data);
	strbuf_release(&out);
	strbuf_release(&d.pdf);
}

static void test_newest_version_of_an_object_wins(void **state)
{
	(void)state;
	const char *const objs[] = {
		CATALOG, PAGES, "<< /Title (oud) >>",
	};
	struct draft d;
	draft_pdf(&d, objs, N(objs), " /Info 3 0 R");
	const char *const update[] = { "<< /Title (nieuw) >>" };
	add_section(&d, 3, update, 1, "/Size 4 /Root 1 0 R /Info 3 0 R");
	const char *const update2[] = {
		"<< /Type /Catalog /Pages 2 0 R /Lang (nl-NL) >>",
	};
	add_section(&d, 1, update2, 1, "/Size 4 /Root 1 0 R /Info 3 0 R");
	struct strbuf out = STRBUF_INIT;
	assert_true(pdf_pack(d.pdf.buf, d.pdf.len, &out));
	assert_object(&out, 1, "<</Type/Catalog/Pages 2 0 R/Lang(nl-NL)>>");
	assert_object(&out, 3, "<</Title(nieuw)>>");
	char *objstm = object_stream(&out);
	assert_null(strstr(objstm, "oud"));
	free(objstm);
	/* 3 objects, the object stream, the xref stream, and object 0 */
	assert_int_equal(packed_size(&out), 6);
	strbuf_release(&out);
	strbuf_release(&d.pdf);
}

static void test_indirect_length_is_written_in_place(void **state)
{
	(void)state;
	const char *const objs[] = {
		CATALOG,
		"<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 10 10 ] "
		"/Contents 4 0 R >>",
		"<< /Length 5 0 R\n   /Filter /FlateDecode\n>>\nstream\n"
		"0 0 m)(\nendstream",
		"   8",
	};
	struct draft d;
	draft_pdf(&d, objs, N(objs), "");
	struct strbuf out = STRBUF_INIT;
	assert_true(pdf_pack(d.pdf.buf, d.pdf.len, &out));
	assert_object(&out, 4, "4 0 obj\n<</Length 8/Filter/FlateDecode>>\n"
		      "stream\n0 0 m)(\n\nendstream\n");
	/* the length's own object is gone: 4 objects, object stream, xref
	 * stream, object 0 */
	assert_int_equal(packed_size(&out), 7);
	assert_object(&out, 3, "<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]"
		      "/Contents 4 0 R>>");
	strbuf_release(&out);
	strbuf_release(&d.pdf);
}

static void test_unreachable_objects_are_dropped_and_renumbered(void **state)
{
	(void)state;
	const char *const objs[] = {
		"<< /Type /Catalog /Pages 3 0 R >>",
		"<< /Title (nergens naar verwezen) >>",
		"<< /Type /Pages /Kids [ 4 0 R ] /Count 1 >>",
		"<< /Type /Page /Parent 3 0 R /MediaBox [ 0 0 1.5 -.5 ] >>",
	};
	struct draft d;
	draft_pdf(&d, objs, N(objs), "");
	struct strbuf out = STRBUF_INIT;
	assert_true(pdf_pack(d.pdf.buf, d.pdf.len, &out));
	assert_object(&out, 1, "<</Type/Catalog/Pages 2 0 R>>");
	assert_object(&out, 2, "<</Type/Pages/Kids[3 0 R]/Count 1>>");
	assert_object(&out, 3, "<</Type/Page/Parent 2 0 R/MediaBox[0 0 1.5 "
		      "-.5]>>");
	assert_int_equal(packed_size(&out), 6);
	char *objstm = object_stream(&out);
	assert_null(strstr(objstm, "nergens"));
	free(objstm);
	strbuf_release(&out);
	strbuf_release(&d.pdf);
}

static void test_same_input_gives_same_bytes_and_id(void **state)
{
	(void)state;
	const char *const objs[] = { CATALOG, PAGES, "<< /Title (x) >>" };
	struct draft d;
	draft_pdf(&d, objs, N(objs), " /Info 3 0 R");
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	assert_true(pdf_pack(d.pdf.buf, d.pdf.len, &a));
	assert_true(pdf_pack(d.pdf.buf, d.pdf.len, &b));
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	/* an /ID of two equal 16-byte strings, from the content */
	const char *id = find(&a, "/ID[<");
	assert_non_null(id);
	assert_int_equal(strspn(id + 5, "0123456789abcdef"), 32);
	assert_memory_equal(id + 5, id + 5 + 34, 32);
	assert_true(strncmp(a.buf, "%PDF-1.5\n", 9) == 0);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&d.pdf);
}

static void test_id_of_the_input_is_kept(void **state)
{
	(void)state;
	const char *const objs[] = { CATALOG, PAGES };
	struct draft d;
	draft_pdf(&d, objs, N(objs), " /ID [ <0A0B> <0C0D> ]");
	struct strbuf out = STRBUF_INIT;
	assert_true(pdf_pack(d.pdf.buf, d.pdf.len, &out));
	assert_non_null(find(&out, "/ID[<0A0B><0C0D>]"));
	strbuf_release(&out);
	strbuf_release(&d.pdf);
}

/* Each of these is refused, and out stays empty. */
static void assert_refused(const struct strbuf *pdf)
{
	struct strbuf out = STRBUF_INIT;
	assert_false(pdf_pack(pdf->buf, pdf->len, &out));
	assert_int_equal(out.len, 0);
	assert_null(out.buf);
}

static void refuse_objects(const char *const *objs, size_t n,
			   const char *extra)
{
	struct draft d;
	draft_pdf(&d, objs, n, extra);
	assert_refused(&d.pdf);
	strbuf_release(&d.pdf);
}

static void test_pdf_it_does_not_understand_is_refused(void **state)
{
	(void)state;
	const char *const good[] = { CATALOG, PAGES };
	refuse_objects(good, N(good), " /Encrypt << /Filter /Standard >>");
	refuse_objects(good, N(good), " /XRefStm 12");
	refuse_objects(good, N(good), " /ID [ 1 0 R 2 0 R ]");
	refuse_objects(good, N(good), " /Root 7 0 R"); /* a second /Root */
	const char *const missing[] = {
		"<< /Type /Catalog /Pages 2 0 R /Outlines 9 0 R >>", PAGES,
	};
	refuse_objects(missing, N(missing), "");
	const char *const unterminated[] = {
		CATALOG, "<< /Type /Pages /Kids [ ] /Count 0 /T (a\\) >>",
	};
	refuse_objects(unterminated, N(unterminated), "");
	const char *const postscript[] = { CATALOG, "{ 1 add }" };
	refuse_objects(postscript, N(postscript), "");
	const char *const generation[] = {
		"<< /Type /Catalog /Pages 2 1 R >>", PAGES,
	};
	refuse_objects(generation, N(generation), "");
	const char *const short_length[] = {
		"<< /Type /Catalog /Pages 2 0 R /X 3 0 R >>", PAGES,
		"<< /Length 3 >>\nstream\nhello\nendstream",
	};
	refuse_objects(short_length, N(short_length), "");
	const char *const objstm[] = {
		"<< /Type /Catalog /Pages 2 0 R /X 3 0 R >>", PAGES,
		"<< /Type /ObjStm /N 1 /First 4 /Length 9 >>\nstream\n"
		"9 0\n<< >>\nendstream",
	};
	refuse_objects(objstm, N(objstm), "");
	const char *const two_values[] = { CATALOG, "<< >> << >>" };
	refuse_objects(two_values, N(two_values), "");

	struct strbuf s = STRBUF_INIT;
	strbuf_adds(&s, "%!PS-Adobe-3.0\nshowpage\nstartxref\n9\n%%EOF\n");
	assert_refused(&s);
	strbuf_release(&s);

	/* an xref offset that points elsewhere */
	struct draft d;
	draft_pdf(&d, good, N(good), "");
	char entry[32];
	struct strbuf h = STRBUF_INIT;
	snprintf(entry, sizeof entry, "%010zu 00000 n", header(&h, 2000));
	strbuf_release(&h);
	char *at = strstr(d.pdf.buf, entry);
	assert_non_null(at);
	memcpy(at, "0000000005", 10); /* into "1.4" of the header */
	assert_refused(&d.pdf);
	strbuf_release(&d.pdf);

	/* a /Prev that points back at itself */
	draft_pdf(&d, good, N(good), "");
	const char *const again[] = { PAGES };
	/* the /Prev of the next section: its own offset */
	d.last_xref = d.pdf.len + strlen("2 0 obj\n") + strlen(PAGES) +
		      strlen("\nendobj\n");
	add_section(&d, 2, again, 1, "/Size 3 /Root 1 0 R");
	assert_refused(&d.pdf);
	strbuf_release(&d.pdf);

	/* a file so small that packing gains nothing */
	d = (struct draft){ STRBUF_INIT, 0, 0 };
	add_section(&d, 1, good, N(good), "/Size 3 /Root 1 0 R");
	assert_refused(&d.pdf);
	strbuf_release(&d.pdf);

	/* a packed file is not packed again */
	draft_pdf(&d, good, N(good), "");
	struct strbuf out = STRBUF_INIT;
	assert_true(pdf_pack(d.pdf.buf, d.pdf.len, &out));
	assert_refused(&out);
	strbuf_release(&out);
	strbuf_release(&d.pdf);
}

static cairo_status_t to_strbuf(void *closure, const unsigned char *data,
				unsigned int length)
{
	strbuf_add(closure, (const char *)data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* cairo's own output: metadata with parentheses and non-Latin-1 text
 * (a UTF-16 string), an outline, a link, structure tags, two pages. */
/* A file of n + 2 objects, its xref section far longer than the pieces
 * pdf_read.c reads it in (16 KiB: 819 entries): a catalog whose /Nums
 * name every other object, each "<< /I k >>". */
static void long_pdf(struct strbuf *pdf, long n)
{
	size_t *off = calloc((size_t)n + 3, sizeof *off);
	assert_non_null(off);
	header(pdf, 10);
	off[1] = pdf->len;
	strbuf_adds(pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Nums [");
	for (long i = 0; i < n; i++)
		strbuf_addf(pdf, " %ld 0 R", i + 3);
	strbuf_adds(pdf, " ] >>\nendobj\n");
	off[2] = pdf->len;
	strbuf_addf(pdf, "2 0 obj\n%s\nendobj\n", PAGES);
	for (long i = 0; i < n; i++) {
		off[i + 3] = pdf->len;
		strbuf_addf(pdf, "%ld 0 obj\n<< /I %ld >>\nendobj\n", i + 3, i);
	}
	size_t xref = pdf->len;
	strbuf_addf(pdf, "xref\n0 %ld\n0000000000 65535 f \n", n + 3);
	for (long i = 1; i < n + 3; i++)
		strbuf_addf(pdf, "%010zu 00000 n \n", off[i]);
	strbuf_addf(pdf, "trailer\n<< /Size %ld /Root 1 0 R >>\nstartxref\n"
		    "%zu\n%%%%EOF\n", n + 3, xref);
	free(off);
}

static void test_long_xref_section_is_read_whole(void **state)
{
	(void)state;
	const long n = 5000;
	struct strbuf pdf = STRBUF_INIT, out = STRBUF_INIT;
	long_pdf(&pdf, n);
	/* from memory */
	assert_true(pdf_pack(pdf.buf, pdf.len, &out));
	/* n + 2 objects in object streams of 512, those, the xref stream
	 * and object 0 */
	assert_int_equal(packed_size(&out), n + 2 + (n + 2 + 511) / 512 + 2);
	assert_object(&out, 3, "<</I 0>>");
	assert_object(&out, n + 2, "<</I 4999>>");
	/* and from a file, read as it is needed: the same bytes */
	FILE *in = tmpfile(), *packed = tmpfile();
	assert_non_null(in);
	assert_non_null(packed);
	assert_int_equal(fwrite(pdf.buf, 1, pdf.len, in), pdf.len);
	assert_int_equal(fflush(in), 0);
	size_t len = 0;
	bool failed = true;
	assert_true(pdf_pack_fd(fileno(in), pdf.len, packed, &len, &failed));
	assert_false(failed);
	assert_int_equal(len, out.len);
	char *back = malloc(len);
	assert_non_null(back);
	rewind(packed);
	assert_int_equal(fread(back, 1, len, packed), len);
	assert_memory_equal(back, out.buf, len);
	free(back);
	fclose(in);
	fclose(packed);
	strbuf_release(&out);
	strbuf_release(&pdf);
}

static void test_cairo_output_is_understood(void **state)
{
	(void)state;
	struct strbuf pdf = STRBUF_INIT;
	cairo_surface_t *s =
		cairo_pdf_surface_create_for_stream(to_strbuf, &pdf, 200, 100);
	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
				       "Verslag (concept) \\ \xE2\x80\x9Cnl\xE2\x80\x9D");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, "a) b(");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
				       "2025-12-03T00:00:00Z");
	cairo_t *cr = cairo_create(s);
	for (int page = 1; page <= 2; page++) {
		cairo_tag_begin(cr, "P", "");
		cairo_rectangle(cr, 10, 10, 50, 20);
		cairo_fill(cr);
		cairo_tag_end(cr, "P");
		cairo_tag_begin(cr, CAIRO_TAG_LINK,
				"rect=[10 10 50 20] uri='https://example.nl/(x)'");
		cairo_tag_end(cr, CAIRO_TAG_LINK);
		cairo_show_page(cr);
	}
	cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT,
				      "Hoofdstuk (1) \xC3\xA9\xE2\x82\xAC",
				      "page=2", CAIRO_PDF_OUTLINE_FLAG_OPEN);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);

	struct strbuf out = STRBUF_INIT;
	assert_true(pdf_pack(pdf.buf, pdf.len, &out));
	assert_true(out.len < pdf.len);
	long size = packed_size(&out);
	assert_true(size > 10);
	for (long i = 1; i < size; i++) {
		char *text = packed_object(&out, i);
		assert_non_null(text);
		free(text);
	}
	/* the URI with its parentheses came through whole */
	long n = 0;
	for (long i = 1; i < size; i++) {
		char *text = packed_object(&out, i);
		n += strstr(text, "(https://example.nl/\\(x\\))") != NULL ||
		     strstr(text, "(https://example.nl/(x))") != NULL;
		free(text);
	}
	assert_int_equal(n, 2);
	strbuf_release(&out);
	strbuf_release(&pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings_with_parentheses_and_escapes_stay_whole),
		cmocka_unit_test(test_newest_version_of_an_object_wins),
		cmocka_unit_test(test_indirect_length_is_written_in_place),
		cmocka_unit_test(test_unreachable_objects_are_dropped_and_renumbered),
		cmocka_unit_test(test_same_input_gives_same_bytes_and_id),
		cmocka_unit_test(test_id_of_the_input_is_kept),
		cmocka_unit_test(test_pdf_it_does_not_understand_is_refused),
		cmocka_unit_test(test_long_xref_section_is_read_whole),
		cmocka_unit_test(test_cairo_output_is_understood),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
