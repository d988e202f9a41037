/*
 * compose_text.c — rich text as a value: its text grows, spans are added,
 * a part of it is sliced off.
 *
 * compose_richtext.c builds struct rich from CommonMark; the typesetter
 * slices it into lines. Neither needs the other for these operations, so
 * they live here, with nothing of compose around them.
 */
#include "compose_text.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Room for need bytes in the heap buffer p (its capacity *cap, the
 * first len bytes in use): doubled from 16. A buffer of capacity 0 is
 * not ours (NULL, a slice, or a copy of another's rich): copied. */
static void *grow_bytes(void *p, size_t len, size_t need, size_t *cap)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 16;
	while (c < need)
		c *= 2;
	if (*cap) {
		p = xrealloc_array(p, c, 1);
	} else {
		void *q = xrealloc_array(NULL, c, 1);
		if (len)
			memcpy(q, p, len);
		p = q;
	}
	*cap = c;
	return p;
}

/* The bytes that hold n nibbles. */
#define HQ_BYTES(n) (((n) + 1) / 2)

void rich_append_q(struct rich *r, const char *s,
		   const unsigned char *q, size_t n)
{
	r->text = grow_bytes(r->text, r->len, r->len + n + 1, &r->cap_text);
	/* The qualities only once a text has breaks of ours: most have none
	 * (headings, names, amounts). */
	if (q && !r->hq) {
		assert(r->hq_from == 0);
		r->hq = grow_bytes(NULL, 0, HQ_BYTES(r->len) + 1, &r->cap_hq);
		memset(r->hq, 0, HQ_BYTES(r->len));
	}
	if (r->hq) {
		/* every nibble past the text is 0: only q's are set */
		size_t had = HQ_BYTES(r->hq_from + r->len);
		size_t need = HQ_BYTES(r->hq_from + r->len + n);
		r->hq = grow_bytes(r->hq, had, need, &r->cap_hq);
		memset(r->hq + had, 0, need - had);
		for (size_t i = 0; q && i < n; i++) {
			size_t k = r->hq_from + r->len + i;
			r->hq[k / 2] |= (unsigned char)((q[i] & 0xF) <<
							(k % 2 * 4));
		}
	}
	memcpy(r->text + r->len, s, n);
	r->len += n;
	r->text[r->len] = '\0';
}

/* p, of n bytes (of cap), made exactly n long; NULL when n is 0. */
static void *trim(void *p, size_t n, size_t *cap)
{
	if (!n) {
		free(p);
		*cap = 0;
		return NULL;
	}
	*cap = n;
	return xrealloc_array(p, n, 1);
}

void rich_trim(struct rich *r)
{
	if (r->cap_text)
		r->text = trim(r->text, r->len + 1, &r->cap_text);
	if (r->cap_hq) {
		size_t n = HQ_BYTES(r->hq_from + r->len);
		r->hq = trim(r->hq, n ? n : 1, &r->cap_hq);
	}
	if (r->cap_spans) {
		size_t bytes;
		r->spans = trim(r->spans, r->n_spans * sizeof *r->spans,
				&bytes);
		r->cap_spans = r->spans ? r->n_spans : 0;
	}
}

void rich_release(struct rich *r)
{
	if (r->cap_text) {
		free(r->text);
		r->text = NULL;
	}
	if (r->cap_hq) {
		free(r->hq);
		r->hq = NULL;
	}
	if (r->cap_spans) {
		free(r->spans);
		r->spans = NULL;
	}
	r->cap_text = r->cap_hq = r->cap_spans = 0;
}

void rich_append_raw(struct rich *r, const char *s, size_t n)
{
	rich_append_q(r, s, NULL, n);
}

struct rich rich_slice(struct arena *a, const struct rich *r, size_t start,
		       size_t end)
{
	struct rich s = { .text = r->text + start, .len = end - start,
			  .hq = r->hq, .hq_from = r->hq_from + start,
			  .pos = r->pos };
	s.spans = arena_array(a, r->n_spans + 1, sizeof *s.spans);
	for (size_t i = 0; i < r->n_spans; i++) {
		struct span sp = r->spans[i];
		if (sp.end <= start || sp.start >= end)
			continue;
		sp.start = (sp.start > start ? sp.start : start) - start;
		sp.end = (sp.end < end ? sp.end : end) - start;
		s.spans[s.n_spans++] = sp;
	}
	return s;
}

void rich_add_span(struct rich *r, struct span sp)
{
	if (r->spans && !r->cap_spans) { /* not ours: copied */
		struct span *v = xrealloc_array(NULL, r->n_spans + 1,
						sizeof *v);
		memcpy(v, r->spans, r->n_spans * sizeof *v);
		r->spans = v;
		r->cap_spans = r->n_spans + 1;
	}
	ARRAY_GROW(r->spans, r->n_spans, r->cap_spans);
	r->spans[r->n_spans++] = sp;
}
