/*
 * pdf_tag.c — the display list's structure written into cairo's PDF.
 *
 * Input: cairo's finished file, in which the cairo writer drew the marks
 * of each element inside a "Span" tag (flat: never nested), the element
 * of each such tag, and the display list. Each page's content stream is
 * inflated and rewritten token by token (pdf_lex): the n-th "Span" of a
 * page is renamed for its element's role and its MCID noted;
 * cairo's empty /Link sequences go; every run of operators outside a
 * tag that paints anything is wrapped in /Artifact BMC ... EMC. Then the
 * tree is written from the display list: each element's kids (child
 * elements, marked content, link annotations) in the order they were
 * drawn, which dl_build.c made the reading order; elements that hold
 * nothing are left out. Output: an incremental update appended to the
 * file (new versions of the content streams, pages, annotations,
 * catalog and Info; new objects for the tree and the XMP metadata).
 */
#include "pdf_tag.h"

#include <assert.h>
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pdf_pack.h"
#include "pdf_read.h"

/* Marked-content sequences nest at most this deep in cairo's streams. */
#define MAX_NEST 64
/* Page tree levels followed. */
#define MAX_TREE 32

/* What an element holds, in the order it was drawn. */
enum kid_kind { KID_MCR, KID_OBJR, KID_ELEM };

/* One for every mark, link and element: a million in 10.000 pages, so
 * 24 bytes (an object number, an MCID or a page fits 32 bits: a file of
 * 2^31 objects would be tens of gigabytes). */
struct kid {
	uint64_t seq;   /* drawing order; its page in the high half
			   (seq_of()) */
	int owner;      /* the element it belongs to; DL_ARTIFACT: the
			   Document */
	int32_t value;  /* MCID, annotation object, or element */
	uint32_t link;  /* OBJR: the writer's link it is */
	unsigned char kind; /* enum kid_kind */
};
_Static_assert(sizeof(struct kid) == 24, "struct kid grew");

struct page_info {
	long obj, contents, annots_n;
	long *annots;   /* its link annotations, in order */
	long max_mcid;  /* -1: none */
	int *mcid_elem; /* by MCID; DL_ARTIFACT where none */
};

struct tagger {
	const struct display_list *dl;
	struct pdf_reader r;
	struct pdf_toks ts;    /* one object's tokens at a time */
	struct strbuf up;      /* the update, from byte `spilled` on */
	FILE *fp;              /* where it goes, after the file */
	size_t spilled;        /* bytes of it written there */
	bool failed;           /* a write failed */
	struct { long num; size_t off; } *rows;
	size_t n_rows, cap_rows;
	long next_num;         /* the next free object number */
	struct page_info *pages;
	size_t n_pages;
	struct kid *kids;
	size_t n_kids, cap_kids;
	const struct pdf_tag_mark *tags; /* the writer's, in order */
	size_t *tag_first;     /* page p's from tag_first[p] */
	long *elem_obj;        /* by element; 0: left out */
	uint64_t *first_seq;   /* by element: its first mark */
};

static void add_kid(struct tagger *t, struct kid k)
{
	ARRAY_GROW(t->kids, t->n_kids, t->cap_kids);
	t->kids[t->n_kids++] = k;
}

/* Drawing order: page, then the tag or link on it. A link drawn after
 * n tags comes after the n-th tag's marks. */
static uint64_t seq_of(size_t page, size_t tag, bool link)
{
	return ((uint64_t)page << 32) | ((uint64_t)tag << 1) | link;
}

/* The page a mark or link is on (an element's: its first mark's). */
static size_t kid_page(const struct kid *k)
{
	return (size_t)(k->seq >> 32);
}

/* ---- reading cairo's file ---- */

/* Object num's tokens in ts when it is a dictionary. */
static bool load_dict(const struct tagger *t, long num, struct pdf_toks *ts)
{
	return pdf_object(&t->r, num, ts) && ts->v[0].kind == TOK_DICT_OPEN;
}

/* The object a key of the dictionary ts refers to, or 0. */
static long ref_in(const struct pdf_toks *ts, const char *key)
{
	size_t v = pdf_dict_get(ts, 0, key);
	return v != SIZE_MAX && ts->v[v].kind == TOK_REF ? ts->v[v].num : 0;
}

static bool has_name(const struct pdf_toks *ts, const char *key,
		     const char *name)
{
	size_t v = pdf_dict_get(ts, 0, key);
	return v != SIZE_MAX && pdf_tok_is(ts->v[v], TOK_NAME, name);
}

/* The leaves of the page tree under node, in order. */
static bool collect_pages(struct tagger *t, long node, int depth,
			  size_t *n)
{
	struct pdf_toks ts = { 0 };
	bool ok = depth <= MAX_TREE && load_dict(t, node, &ts);
	if (ok && has_name(&ts, "/Type", "/Page")) {
		ok = *n < t->n_pages;
		if (ok)
			t->pages[(*n)++].obj = node;
	} else if (ok) {
		size_t kids = pdf_dict_get(&ts, 0, "/Kids");
		ok = kids != SIZE_MAX && ts.v[kids].kind == TOK_ARRAY_OPEN;
		for (size_t i = kids + 1;
		     ok && ts.v[i].kind != TOK_ARRAY_CLOSE; i++)
			ok = ts.v[i].kind == TOK_REF &&
			     collect_pages(t, ts.v[i].num, depth + 1, n);
	}
	pdf_toks_free(&ts);
	return ok;
}

/* A page's content stream and link annotations. */
static bool read_page(struct tagger *t, struct page_info *pg)
{
	struct pdf_toks *ts = &t->ts, annot = { 0 };
	if (!load_dict(t, pg->obj, ts))
		return false;
	pg->contents = ref_in(ts, "/Contents");
	if (!pg->contents || !t->r.objs[pg->contents].stream)
		return false;
	size_t a = pdf_dict_get(ts, 0, "/Annots");
	if (a == SIZE_MAX)
		return true;
	if (ts->v[a].kind != TOK_ARRAY_OPEN)
		return false;
	size_t end = pdf_value_end(ts, a);
	pg->annots = xrealloc_array(NULL, end - a, sizeof *pg->annots);
	bool ok = true;
	for (size_t i = a + 1; ok && i + 1 < end; i++) {
		ok = ts->v[i].kind == TOK_REF &&
		     load_dict(t, ts->v[i].num, &annot);
		if (ok && has_name(&annot, "/Subtype", "/Link"))
			pg->annots[pg->annots_n++] = ts->v[i].num;
	}
	pdf_toks_free(&annot);
	return ok;
}

static bool inflate_all(const char *data, size_t n, struct strbuf *out)
{
	z_stream z = { 0 };
	if (inflateInit(&z) != Z_OK)
		return false;
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)n;
	unsigned char buf[16384];
	int st;
	do {
		z.next_out = buf;
		z.avail_out = sizeof buf;
		st = inflate(&z, Z_NO_FLUSH);
		if (st != Z_OK && st != Z_STREAM_END)
			break;
		strbuf_add(out, (const char *)buf, sizeof buf - z.avail_out);
	} while (st != Z_STREAM_END);
	inflateEnd(&z);
	return st == Z_STREAM_END;
}

/* ---- the content streams ---- */

/* Operators that only set the graphics state: outside a tag they mark
 * nothing, so no artifact need begin for them. */
static bool sets_state_only(struct pdf_tok op)
{
	static const char *const ops[] = {
		"q", "Q", "cm", "gs", "w", "J", "j", "M", "d", "ri", "i",
		"rg", "RG", "g", "G", "k", "K", "cs", "CS", "sc", "SC",
		"scn", "SCN",
	};
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
		if (pdf_is_keyword(op, ops[i]))
			return true;
	return false;
}

struct rewrite {
	struct tagger *t;
	size_t page;
	const char *src;
	size_t copied;      /* src[0 .. copied) is in out */
	struct strbuf *out;
	int depth;
	bool drop[MAX_NEST]; /* a /Link sequence left out */
	bool artifact;       /* inside an /Artifact sequence we opened */
	bool text, text_in_artifact;
	size_t tags;         /* "Span" tags met on the page */
	const struct pdf_tag_mark *marks; /* the page's tags */
	size_t n_marks;
};

static void copy_to(struct rewrite *rw, size_t at)
{
	strbuf_add(rw->out, rw->src + rw->copied, at - rw->copied);
	rw->copied = at;
}

/* A BDC or BMC whose operands begin at src + start. */
static bool begin_sequence(struct rewrite *rw, const struct pdf_toks *ops,
			   struct pdf_tok op, size_t start)
{
	if (rw->depth == MAX_NEST)
		return false;
	bool drop = false;
	/* Only a sequence with an MCID is an element's (ours) or cairo's
	 * link's; a span of ActualText (a ligature's letters) is part of
	 * whatever it is drawn in, an artifact too. */
	bool mcid = ops->n >= 3 && ops->v[1].kind == TOK_DICT_OPEN &&
		    pdf_tok_is(ops->v[2], TOK_NAME, "/MCID");
	if (!mcid) {
		if (rw->depth == 0 && !rw->artifact)
			return false;
		rw->drop[rw->depth++] = false;
		return true;
	}
	if (rw->depth == 0 && rw->artifact) {
		if (rw->text && rw->text_in_artifact)
			return false; /* the text object would straddle */
		copy_to(rw, start);
		strbuf_adds(rw->out, "EMC\n");
		rw->artifact = false;
	}
	if (ops->n >= 1 && pdf_tok_is(ops->v[0], TOK_NAME, "/Link")) {
		/* cairo's marked content for a link: empty, and ours is the
		 * Link element's OBJR */
		copy_to(rw, start);
		rw->copied = (size_t)(op.s + op.n - rw->src);
		drop = true;
	} else if (pdf_is_keyword(op, "BDC") && rw->depth == 0) {
		if (ops->n != 5 || !pdf_tok_is(ops->v[0], TOK_NAME, "/Span") ||
		    rw->tags == rw->n_marks)
			return false;
		int e = rw->marks[rw->tags].elem;
		if (ops->v[1].kind != TOK_DICT_OPEN ||
		    !pdf_tok_is(ops->v[2], TOK_NAME, "/MCID") ||
		    ops->v[3].kind != TOK_INT || ops->v[3].num < 0 ||
		    ops->v[3].num > INT32_MAX)
			return false;
		long mcid = ops->v[3].num;
		struct page_info *pg = &rw->t->pages[rw->page];
		if (mcid > pg->max_mcid) {
			pg->mcid_elem = xrealloc_array(pg->mcid_elem,
						       (size_t)mcid + 1,
						       sizeof *pg->mcid_elem);
			for (long m = pg->max_mcid + 1; m <= mcid; m++)
				pg->mcid_elem[m] = DL_ARTIFACT;
			pg->max_mcid = mcid;
		}
		pg->mcid_elem[mcid] = e;
		add_kid(rw->t, (struct kid){
				seq_of(rw->page, rw->tags++, false), e,
				(int32_t)mcid, 0, KID_MCR });
		copy_to(rw, (size_t)(ops->v[0].s - rw->src));
		strbuf_addc(rw->out, '/');
		strbuf_adds(rw->out, dl_role_name(rw->t->dl->elems[e].role));
		rw->copied += ops->v[0].n;
	} else if (rw->depth == 0) {
		return false; /* a tag that is not ours */
	}
	rw->drop[rw->depth++] = drop;
	return true;
}

static bool end_sequence(struct rewrite *rw, struct pdf_tok op, size_t start)
{
	if (rw->depth == 0)
		return false;
	if (rw->drop[--rw->depth]) {
		copy_to(rw, start);
		rw->copied = (size_t)(op.s + op.n - rw->src);
	}
	return true;
}

/* One page's content: tags renamed, artifacts marked. */
static bool rewrite_content(struct tagger *t, size_t page, const char *src,
			    size_t len, struct strbuf *out)
{
	struct rewrite rw = { .t = t, .page = page, .src = src, .out = out,
			      .marks = t->tags + t->tag_first[page],
			      .n_marks = t->tag_first[page + 1] -
					 t->tag_first[page] };
	struct pdf_lexer lx = { src, src + len };
	struct pdf_toks ops = { 0 };
	bool ok = true;
	for (;;) {
		struct pdf_tok tk = pdf_lex(&lx);
		if (tk.kind == TOK_END)
			break;
		if (tk.kind == TOK_ERROR) {
			ok = false;
			break;
		}
		if (tk.kind != TOK_KEYWORD || pdf_is_keyword(tk, "true") ||
		    pdf_is_keyword(tk, "false") || pdf_is_keyword(tk, "null")) {
			ARRAY_GROW(ops.v, ops.n, ops.cap);
			ops.v[ops.n++] = tk;
			continue;
		}
		size_t start = (size_t)((ops.n ? ops.v[0].s : tk.s) - src);
		if (pdf_is_keyword(tk, "BDC") || pdf_is_keyword(tk, "BMC")) {
			ok = begin_sequence(&rw, &ops, tk, start);
		} else if (pdf_is_keyword(tk, "EMC")) {
			ok = end_sequence(&rw, tk, start);
		} else if (pdf_is_keyword(tk, "BI")) {
			ok = false; /* inline images: never drawn by us */
		} else {
			if (rw.depth == 0 && !rw.artifact &&
			    !sets_state_only(tk)) {
				copy_to(&rw, start);
				strbuf_adds(out, "/Artifact BMC\n");
				rw.artifact = true;
			}
			if (pdf_is_keyword(tk, "BT")) {
				rw.text = true;
				rw.text_in_artifact = rw.artifact;
			} else if (pdf_is_keyword(tk, "ET")) {
				rw.text = false;
			}
		}
		ops.n = 0;
		if (!ok)
			break;
	}
	free(ops.v);
	if (!ok || rw.depth != 0 || rw.tags != rw.n_marks)
		return false;
	copy_to(&rw, len);
	if (rw.artifact)
		strbuf_adds(out, "\nEMC\n");
	return true;
}

/* ---- writing the update ---- */

static long begin_obj(struct tagger *t, long num)
{
	ARRAY_GROW(t->rows, t->n_rows, t->cap_rows);
	t->rows[t->n_rows].num = num;
	t->rows[t->n_rows++].off = t->spilled + t->up.len;
	strbuf_addf(&t->up, "%ld 0 obj\n", num);
	return num;
}

/* What the update holds so far onto the file. */
static void spill(struct tagger *t)
{
	if (t->up.len && fwrite(t->up.buf, 1, t->up.len, t->fp) != t->up.len)
		t->failed = true;
	t->spilled += t->up.len;
	strbuf_reset(&t->up);
}

/* The update onto the file once it holds a megabyte: a long document's
 * would be as long as its contents, its xref section alone 30 MB at
 * 10.000 pages. Anywhere, even inside an object: the file is only
 * appended to. */
static void spill_some(struct tagger *t)
{
	if (t->up.len >= (size_t)1 << 20)
		spill(t);
}

static void end_obj(struct tagger *t)
{
	strbuf_adds(&t->up, "\nendobj\n");
	spill_some(t);
}

/* A text string as UTF-16BE with its byte order mark (7.9.2.2). */
static void add_text(struct strbuf *out, const char *utf8)
{
	glong n = 0;
	gunichar2 *u = g_utf8_to_utf16(utf8 ? utf8 : "", -1, NULL, &n, NULL);
	static const char hex[] = "0123456789ABCDEF";
	strbuf_adds(out, "<FEFF");
	for (glong i = 0; u && i < n; i++) {
		/* Not strbuf_addf: a chart's alt text is thousands of
		 * units, and a format a unit cost 1.4 M instructions. */
		char h[4] = { hex[u[i] >> 12], hex[(u[i] >> 8) & 15],
			      hex[(u[i] >> 4) & 15], hex[u[i] & 15] };
		strbuf_add(out, h, 4);
	}
	strbuf_addc(out, '>');
	g_free(u);
}

/* The tokens of a value as they were written, one space apart. */
static void add_value(const struct pdf_toks *ts, size_t first,
		      struct strbuf *out)
{
	size_t end = pdf_value_end(ts, first);
	for (size_t i = first; i < end; i++) {
		if (i > first)
			strbuf_addc(out, ' ');
		strbuf_add(out, ts->v[i].s, ts->v[i].n);
	}
}

/* "<<" and the entries of object num's dictionary but those named in
 * drop (NULL-terminated); the caller adds its own and ">>". */
static void add_dict_except(struct tagger *t, long num,
			    const char *const *drop, struct strbuf *out)
{
	const struct pdf_toks *ts = &t->ts;
	bool ok = load_dict(t, num, &t->ts);
	assert(ok); /* read before anything was written */
	(void)ok;
	strbuf_adds(out, "<<");
	for (size_t i = 1; ts->v[i].kind == TOK_NAME;) {
		size_t end = pdf_value_end(ts, i + 1);
		bool keep = true;
		for (const char *const *k = drop; *k; k++)
			keep &= !pdf_tok_is(ts->v[i], TOK_NAME, *k);
		if (keep) {
			strbuf_addc(out, ' ');
			strbuf_add(out, ts->v[i].s, ts->v[i].n);
			strbuf_addc(out, ' ');
			add_value(ts, i + 1, out);
		}
		i = end;
	}
}

static bool write_contents(struct tagger *t)
{
	for (size_t p = 0; p < t->n_pages; p++) {
		const struct pdf_obj *o = &t->r.objs[t->pages[p].contents];
		struct strbuf plain = STRBUF_INIT, out = STRBUF_INIT;
		long num = t->pages[p].contents;
		bool ok = load_dict(t, num, &t->ts) &&
			  pdf_dict_get(&t->ts, 0, "/DecodeParms") ==
				  SIZE_MAX;
		if (ok && pdf_dict_get(&t->ts, 0, "/Filter") == SIZE_MAX)
			/* written plain (write_cairo.c asks cairo to) */
			strbuf_add(&plain, pdf_stream_data(&t->r, num, &t->ts),
				   o->data_len);
		else
			ok = ok && has_name(&t->ts, "/Filter",
					    "/FlateDecode") &&
			     inflate_all(pdf_stream_data(&t->r, num, &t->ts),
					 o->data_len, &plain);
		ok = ok && rewrite_content(t, p, strbuf_str(&plain),
					   plain.len, &out);
		if (ok) {
			struct strbuf z = STRBUF_INIT;
			pdf_deflate(&z, strbuf_str(&out), out.len);
			begin_obj(t, t->pages[p].contents);
			strbuf_addf(&t->up, "<< /Filter /FlateDecode /Length "
				    "%zu >>\nstream\n", z.len);
			strbuf_add(&t->up, z.buf, z.len);
			strbuf_adds(&t->up, "\nendstream");
			end_obj(t);
			strbuf_release(&z);
		}
		strbuf_release(&plain);
		strbuf_release(&out);
		if (!ok)
			return false;
	}
	return true;
}

/* The links' annotations, each an OBJR of its element. */
static bool place_links(struct tagger *t, const struct pdf_tag_link *links,
			size_t n)
{
	size_t k = 0;
	for (size_t p = 0; p < t->n_pages; p++) {
		for (long a = 0; a < t->pages[p].annots_n; a++, k++) {
			if (k == n || links[k].page != p ||
			    links[k].elem < 0 ||
			    (size_t)links[k].elem >= t->dl->n_elems)
				return false;
			add_kid(t, (struct kid){
					   seq_of(p, links[k].after, true),
					   links[k].elem,
					   (int32_t)t->pages[p].annots[a],
					   (uint32_t)k, KID_OBJR });
		}
	}
	return k == n;
}

static int by_owner_then_seq(const void *a, const void *b)
{
	const struct kid *x = a, *y = b;
	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Each element's first mark, its number in the file, and its place
 * among its parent's kids; empty elements are left out. */
static void number_elements(struct tagger *t)
{
	size_t n = t->dl->n_elems;
	t->first_seq = xrealloc_array(NULL, n + 1, sizeof *t->first_seq);
	t->elem_obj = xrealloc_array(NULL, n + 1, sizeof *t->elem_obj);
	for (size_t e = 0; e < n; e++)
		t->first_seq[e] = UINT64_MAX;
	for (size_t i = 0; i < t->n_kids; i++) {
		int e = t->kids[i].owner;
		if (t->kids[i].seq < t->first_seq[e])
			t->first_seq[e] = t->kids[i].seq;
	}
	/* children come after their parents: one pass backwards */
	for (size_t e = n; e-- > 0;) {
		int p = t->dl->elems[e].parent;
		if (p >= 0 && t->first_seq[e] < t->first_seq[p])
			t->first_seq[p] = t->first_seq[e];
	}
	for (size_t e = 0; e < n; e++) {
		t->elem_obj[e] = 0;
		if (t->first_seq[e] == UINT64_MAX)
			continue;
		t->elem_obj[e] = t->next_num++;
		add_kid(t, (struct kid){ t->first_seq[e],
					 t->dl->elems[e].parent, (int32_t)e,
					 0, KID_ELEM });
	}
	/* the Document's kids (owner DL_ARTIFACT) sort first */
	qsort(t->kids, t->n_kids, sizeof *t->kids, by_owner_then_seq);
}

/* An element's kids. Marked content on the element's own page (its
 * /Pg, pg; or SIZE_MAX: none) is its bare MCID, elsewhere a marked
 * content reference naming its page. */
static void add_kids(struct tagger *t, size_t *i, int owner, size_t pg)
{
	strbuf_adds(&t->up, " /K [");
	for (; *i < t->n_kids && t->kids[*i].owner == owner; (*i)++) {
		const struct kid *k = &t->kids[*i];
		long page = t->pages[kid_page(k)].obj;
		if (k->kind == KID_ELEM)
			strbuf_addf(&t->up, " %ld 0 R", t->elem_obj[k->value]);
		else if (k->kind == KID_MCR && kid_page(k) == pg)
			strbuf_addf(&t->up, " %ld", (long)k->value);
		else if (k->kind == KID_MCR)
			strbuf_addf(&t->up, " << /Type /MCR /Pg %ld 0 R "
				    "/MCID %ld >>", page, (long)k->value);
		else
			strbuf_addf(&t->up, " << /Type /OBJR /Pg %ld 0 R "
				    "/Obj %ld 0 R >>", page, (long)k->value);
		spill_some(t);
	}
	strbuf_adds(&t->up, " ]");
}

static void write_tree(struct tagger *t, long root_obj, long doc_obj,
		       long parent_tree)
{
	size_t i = 0;
	begin_obj(t, doc_obj);
	strbuf_addf(&t->up, "<< /Type /StructElem /S /Document /P %ld 0 R "
		    "/Lang (%s)", root_obj, t->dl->lang);
	add_kids(t, &i, DL_ARTIFACT, SIZE_MAX);
	strbuf_adds(&t->up, " >>");
	end_obj(t);
	for (size_t e = 0; e < t->dl->n_elems; e++) {
		const struct dl_elem *el = &t->dl->elems[e];
		if (!t->elem_obj[e])
			continue;
		assert(i == t->n_kids || t->kids[i].owner >= (int)e);
		begin_obj(t, t->elem_obj[e]);
		strbuf_addf(&t->up, "<< /Type /StructElem /S /%s /P %ld 0 R",
			    dl_role_name(el->role),
			    el->parent >= 0 ? t->elem_obj[el->parent] : doc_obj);
		if (el->alt) {
			strbuf_adds(&t->up, " /Alt ");
			add_text(&t->up, el->alt);
		}
		if (el->id) {
			strbuf_adds(&t->up, " /ID ");
			add_text(&t->up, el->id);
		}
		if (el->lang)
			strbuf_addf(&t->up, " /Lang (%s)", el->lang);
		if (el->role == DL_ROLE_TH)
			strbuf_adds(&t->up, " /A << /O /Table /Scope /Column >>");
		/* the page it begins on, for readers that look there */
		size_t pg = SIZE_MAX;
		for (size_t k = i; k < t->n_kids && t->kids[k].owner == (int)e;
		     k++)
			if (t->kids[k].kind != KID_ELEM) {
				pg = kid_page(&t->kids[k]);
				strbuf_addf(&t->up, " /Pg %ld 0 R",
					    t->pages[pg].obj);
				break;
			}
		add_kids(t, &i, (int)e, pg);
		strbuf_adds(&t->up, " >>");
		end_obj(t);
	}
	/* The parent tree: each page's MCIDs, then each annotation. */
	begin_obj(t, parent_tree);
	strbuf_adds(&t->up, "<< /Nums [");
	for (size_t p = 0; p < t->n_pages; p++) {
		strbuf_addf(&t->up, " %zu [", p);
		for (long m = 0; m <= t->pages[p].max_mcid; m++) {
			int e = t->pages[p].mcid_elem[m];
			if (e >= 0 && t->elem_obj[e])
				strbuf_addf(&t->up, " %ld 0 R", t->elem_obj[e]);
			else
				strbuf_adds(&t->up, " null");
		}
		strbuf_adds(&t->up, " ]");
		spill_some(t);
	}
	size_t key = t->n_pages;
	for (size_t k = 0; k < t->n_kids; k++)
		if (t->kids[k].kind == KID_OBJR)
			strbuf_addf(&t->up, " %zu %ld 0 R", key++,
				    t->elem_obj[t->kids[k].owner]);
	strbuf_adds(&t->up, " ] >>");
	end_obj(t);
	begin_obj(t, root_obj);
	strbuf_addf(&t->up, "<< /Type /StructTreeRoot /K %ld 0 R /ParentTree "
		    "%ld 0 R /ParentTreeNextKey %zu >>", doc_obj, parent_tree,
		    key);
	end_obj(t);
}

/* What a link's annotation says where it goes. */
static void add_link_contents(struct strbuf *out,
			      const struct pdf_tag_link *lk)
{
	char *what = lk->uri ? g_strdup_printf("Link naar %s", lk->uri) :
			       g_strdup_printf("Link naar pagina %d",
					       lk->dest_page);
	add_text(out, what);
	g_free(what);
}

/* Pages with /StructParents and /Tabs; annotations with /StructParent
 * (numbered in the order the parent tree lists them) and /Contents. */
static void write_pages(struct tagger *t, const struct pdf_tag_link *links)
{
	static const char *const page_drop[] = { "/StructParents", "/Tabs",
						 NULL };
	static const char *const annot_drop[] = { "/StructParent",
						  "/Contents", NULL };
	size_t key = t->n_pages;
	for (size_t k = 0; k < t->n_kids; k++) {
		if (t->kids[k].kind != KID_OBJR)
			continue;
		long a = t->kids[k].value;
		const struct pdf_tag_link *lk = &links[t->kids[k].link];
		begin_obj(t, a);
		add_dict_except(t, a, annot_drop, &t->up);
		strbuf_addf(&t->up, " /StructParent %zu /Contents ", key++);
		add_link_contents(&t->up, lk);
		strbuf_adds(&t->up, " >>");
		end_obj(t);
	}
	for (size_t p = 0; p < t->n_pages; p++) {
		begin_obj(t, t->pages[p].obj);
		add_dict_except(t, t->pages[p].obj, page_drop, &t->up);
		strbuf_addf(&t->up, " /StructParents %zu%s >>", p,
			    t->pages[p].annots_n ? " /Tabs /S" : "");
		end_obj(t);
	}
}

static void add_xml(struct strbuf *out, const char *s)
{
	char *e = g_markup_escape_text(s ? s : "", -1);
	strbuf_adds(out, e);
	g_free(e);
}

/* XMP (PDF/UA-1, 5: pdfuaid:part) with the Info dictionary's values. */
static void write_xmp(struct tagger *t, long num, const char *date)
{
	const struct display_list *dl = t->dl;
	struct strbuf x = STRBUF_INIT;
	strbuf_adds(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" "
		    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/"
		    "22-rdf-syntax-ns#\">\n"
		    "<rdf:Description rdf:about=\"\"\n"
		    "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
		    "  xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
		    "  xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
		    "  xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
		    "<dc:format>application/pdf</dc:format>\n"
		    "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	add_xml(&x, dl->title);
	strbuf_adds(&x, "</rdf:li></rdf:Alt></dc:title>\n");
	if (dl->author) {
		strbuf_adds(&x, "<dc:creator><rdf:Seq><rdf:li>");
		add_xml(&x, dl->author);
		strbuf_adds(&x, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (dl->subject) {
		strbuf_adds(&x, "<dc:description><rdf:Alt><rdf:li "
			    "xml:lang=\"x-default\">");
		add_xml(&x, dl->subject);
		strbuf_adds(&x, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	strbuf_adds(&x, "<dc:language><rdf:Bag><rdf:li>");
	add_xml(&x, dl->lang);
	strbuf_adds(&x, "</rdf:li></rdf:Bag></dc:language>\n");
	if (dl->keywords) {
		strbuf_adds(&x, "<pdf:Keywords>");
		add_xml(&x, dl->keywords);
		strbuf_adds(&x, "</pdf:Keywords>\n");
	}
	strbuf_addf(&x, "<xmp:CreateDate>%s</xmp:CreateDate>\n"
		    "<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
		    "<xmp:MetadataDate>%s</xmp:MetadataDate>\n", date, date,
		    date);
	if (dl->creator) {
		strbuf_adds(&x, "<xmp:CreatorTool>");
		add_xml(&x, dl->creator);
		strbuf_adds(&x, "</xmp:CreatorTool>\n");
	}
	strbuf_adds(&x, "<pdfuaid:part>1</pdfuaid:part>\n"
		    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
		    "<?xpacket end=\"r\"?>");
	begin_obj(t, num);
	strbuf_addf(&t->up, "<< /Type /Metadata /Subtype /XML /Length %zu >>\n"
		    "stream\n", x.len);
	strbuf_add(&t->up, x.buf, x.len);
	strbuf_adds(&t->up, "\nendstream");
	end_obj(t);
	strbuf_release(&x);
}

/* The Info dictionary again: text as UTF-16, dates as D: dates. */
static void write_info(struct tagger *t, const char *pdf_date)
{
	const struct display_list *dl = t->dl;
	static const char *const keep_drop[] = {
		"/Title", "/Author", "/Subject", "/Keywords", "/Creator",
		"/CreationDate", "/ModDate", NULL,
	};
	begin_obj(t, t->r.info);
	add_dict_except(t, t->r.info, keep_drop, &t->up);
	const char *keys[] = { "/Title", "/Author", "/Subject", "/Keywords",
			       "/Creator" };
	const char *values[] = { dl->title, dl->author, dl->subject,
				 dl->keywords, dl->creator };
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (values[i]) {
			strbuf_addf(&t->up, " %s ", keys[i]);
			add_text(&t->up, values[i]);
		}
	strbuf_addf(&t->up, " /CreationDate (%s) /ModDate (%s) >>", pdf_date,
		    pdf_date);
	end_obj(t);
}

static void write_catalog(struct tagger *t, long tree, long xmp)
{
	const struct display_list *dl = t->dl;
	static const char *const drop[] = {
		"/StructTreeRoot", "/MarkInfo", "/Lang", "/ViewerPreferences",
		"/PageLabels", "/PageMode", "/Metadata", NULL,
	};
	begin_obj(t, t->r.root);
	add_dict_except(t, t->r.root, drop, &t->up);
	strbuf_addf(&t->up, " /StructTreeRoot %ld 0 R /MarkInfo << /Marked "
		    "true >> /Lang (%s) /Metadata %ld 0 R /ViewerPreferences "
		    "<< /DisplayDocTitle true >>", tree, dl->lang, xmp);
	if (dl->n_outline)
		strbuf_adds(&t->up, " /PageMode /UseOutlines");
	if (dl->front_pages && dl->front_pages < dl->n_pages)
		strbuf_addf(&t->up, " /PageLabels << /Nums [ 0 << /S /r >> "
			    "%zu << /S /D >> ] >>", dl->front_pages);
	strbuf_adds(&t->up, " >>");
	end_obj(t);
}

static void write_xref(struct tagger *t, size_t base)
{
	size_t at = base + t->spilled + t->up.len;
	strbuf_adds(&t->up, "xref\n");
	for (size_t i = 0; i < t->n_rows; i++) {
		strbuf_addf(&t->up, "%ld 1\n%010zu 00000 n \n", t->rows[i].num,
			    base + t->rows[i].off);
		spill_some(t);
	}
	strbuf_addf(&t->up, "trailer\n<< /Size %ld /Root %ld 0 R", t->next_num,
		    t->r.root);
	if (t->r.info > 0)
		strbuf_addf(&t->up, " /Info %ld 0 R", t->r.info);
	strbuf_addf(&t->up, " /Prev %zu >>\nstartxref\n%zu\n%%%%EOF\n",
		    t->r.startxref, at);
}

static bool tag(struct tagger *t, size_t len,
		const struct pdf_tag_link *links, size_t n_links)
{
	const struct display_list *dl = t->dl;
	if (fflush(t->fp) != 0 || !pdf_read_fd(&t->r, fileno(t->fp), len) ||
	    t->r.info <= 0 ||
	    !load_dict(t, t->r.info, &t->ts))
		return false;
	t->next_num = t->r.size;
	size_t n = 0;
	if (!load_dict(t, t->r.root, &t->ts) ||
	    !collect_pages(t, ref_in(&t->ts, "/Pages"), 0, &n) ||
	    n != dl->n_pages)
		return false;
	for (size_t p = 0; p < t->n_pages; p++)
		if (!read_page(t, &t->pages[p]))
			return false;
	if (!write_contents(t) || !place_links(t, links, n_links))
		return false;
	number_elements(t);
	long root = t->next_num++, doc = t->next_num++, ptree = t->next_num++;
	long xmp = t->next_num++;
	write_tree(t, root, doc, ptree);
	write_pages(t, links);
	char xmp_date[32], pdf_date[32];
	snprintf(xmp_date, sizeof xmp_date, "%04d-%02d-%02dT00:00:00Z",
		 dl->date.year, dl->date.month, dl->date.day);
	snprintf(pdf_date, sizeof pdf_date, "D:%04d%02d%02d000000Z",
		 dl->date.year, dl->date.month, dl->date.day);
	write_xmp(t, xmp, xmp_date);
	write_info(t, pdf_date);
	write_catalog(t, root, xmp);
	return true;
}

bool pdf_tag(FILE *pdf, size_t *len, const struct display_list *dl,
	     const struct pdf_tag_marks *marks,
	     const struct pdf_tag_link *links, size_t n_links, bool *failed)
{
	struct tagger t = { .dl = dl, .up = STRBUF_INIT, .fp = pdf,
			    .tags = marks->v };
	/* the tags are in page order: where each page's begin */
	t.tag_first = xrealloc_array(NULL, dl->n_pages + 1,
				     sizeof *t.tag_first);
	for (size_t p = 0, k = 0; p <= dl->n_pages; p++) {
		while (k < marks->n && marks->v[k].page < p)
			k++;
		t.tag_first[p] = k;
	}
	/* a kid for each mark, link and element at most: room for them at
	 * once, not twice as much by doubling */
	t.cap_kids = marks->n + n_links + dl->n_elems + 1;
	t.kids = xrealloc_array(NULL, t.cap_kids, sizeof *t.kids);
	t.n_pages = dl->n_pages;
	t.pages = xrealloc_array(NULL, t.n_pages + 1, sizeof *t.pages);
	memset(t.pages, 0, (t.n_pages + 1) * sizeof *t.pages);
	for (size_t p = 0; p < t.n_pages; p++)
		t.pages[p].max_mcid = -1;
	bool ok = tag(&t, *len, links, n_links);
	if (ok) {
		write_xref(&t, *len);
		spill(&t);
		*len += t.spilled;
	}
	*failed = t.failed;
	for (size_t p = 0; p < t.n_pages; p++) {
		free(t.pages[p].annots);
		free(t.pages[p].mcid_elem);
	}
	free(t.pages);
	free(t.kids);
	free(t.rows);
	free(t.elem_obj);
	free(t.first_seq);
	free(t.tag_first);
	strbuf_release(&t.up);
	pdf_toks_free(&t.ts);
	pdf_read_free(&t.r);
	return ok;
}
