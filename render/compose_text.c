/*
 * compose_text.c — rich text as a value: its text grows, spans are added,
 * a part of it is sliced off.
 *
 * compose_richtext.c builds struct rich from CommonMark; the typesetter
 * slices it into lines. Neither needs the other for these operations, so
 * they live here, with nothing of compose around them.
 */
#include "compose_text.h"

#include <string.h>

void rich_append_q(struct arena *a, struct rich *r, const char *s,
		   const unsigned char *q, size_t n)
{
	r->text = arena_grow(a, r->text, r->len, r->len + n + 1, &r->cap_text,
			     1);
	/* The qualities only once a text has breaks of ours: most have none
	 * (headings, names, amounts). */
	if (q && !r->hq) {
		r->hq = arena_grow(a, NULL, 0, r->len + n + 1, &r->cap_hq, 1);
		memset(r->hq, 0, r->len);
	}
	if (r->hq) {
		r->hq = arena_grow(a, r->hq, r->len, r->len + n + 1,
				   &r->cap_hq, 1);
		if (q)
			memcpy(r->hq + r->len, q, n);
		else
			memset(r->hq + r->len, 0, n);
	}
	memcpy(r->text + r->len, s, n);
	r->len += n;
	r->text[r->len] = '\0';
}

void rich_append_raw(struct arena *a, struct rich *r, const char *s,
		     size_t n)
{
	rich_append_q(a, r, s, NULL, n);
}

struct rich rich_slice(struct arena *a, const struct rich *r, size_t start,
		       size_t end)
{
	struct rich s = { .text = r->text + start, .len = end - start,
			  .hq = r->hq ? r->hq + start : NULL, .pos = r->pos };
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

void rich_add_span(struct arena *a, struct rich *r, struct span sp)
{
	ARENA_GROW(a, r->spans, r->n_spans, r->cap_spans);
	r->spans[r->n_spans++] = sp;
}
