/*
 * arena.h — one arena per document, and the one growable string type.
 *
 * Everything allocated while reading and rendering one document comes from
 * its arena and is freed at once with arena_destroy(). struct strbuf is the
 * growable buffer used instead of fixed-size buffers for user text; its
 * storage comes from malloc and is handed to the arena with strbuf_finish().
 */
#ifndef DOSSIER_ARENA_H
#define DOSSIER_ARENA_H

#include <stddef.h>
#include <stdarg.h>

struct arena;

struct arena *arena_create(void);
void arena_destroy(struct arena *a);
/* Free everything allocated, as arena_destroy() would, but keep the
 * arena and its newest block (up to a few MB) for what comes next: a
 * scratch arena reused this way is not mapped and faulted in anew. */
void arena_reset(struct arena *a);
/* Zeroed memory, aligned for any type; aborts on out-of-memory. */
void *arena_alloc(struct arena *a, size_t size);
/* n elements of size each, checked for overflow. */
void *arena_array(struct arena *a, size_t n, size_t size);
/* arena_array() not zeroed, for an array the caller writes before it
 * reads: a paragraph's break items are room for three a byte, most of
 * it never used, and zeroing it cost 1 M instructions a document. */
void *arena_array_unzeroed(struct arena *a, size_t n, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Call fn(data) when the arena is destroyed (for library objects). */
void arena_on_destroy(struct arena *a, void (*fn)(void *), void *data);

/* realloc() for n elements of size each, outside any arena: checked for
 * overflow; aborts with a message when memory runs out. */
void *xrealloc_array(void *p, size_t n, size_t size);

/* Room for one more element in the heap array p of n elements and cap
 * capacity: the capacity doubles, from 16 (git's ALLOC_GROW). The one
 * way a growing array grows, outside the arena (which would keep every
 * outgrown copy until the document is done). */
#define ARRAY_GROW(p, n, cap)                                              \
	do {                                                               \
		if ((n) >= (cap)) {                                        \
			(cap) = (cap) ? 2 * (cap) : 16;                    \
			(p) = xrealloc_array((p), (cap), sizeof *(p));     \
		}                                                          \
	} while (0)

/* The same for an array in the arena a, for one that lives as long as
 * the document and stays small (blocks, notes, spans, charts): the
 * outgrown copies stay in the arena until it is freed, at most as much
 * again as the array. *(cap) becomes at least (n) + 1. */
#define ARENA_GROW(a, p, n, cap)                                           \
	do {                                                               \
		if ((n) >= (cap))                                          \
			(p) = arena_grow((a), (p), (n), (n) + 1, &(cap),   \
					 sizeof *(p));                     \
	} while (0)

/* A copy of the n elements of p (of size each) in an array of a with room
 * for need: the capacity *cap doubles from 16 until it holds need. p
 * itself when *cap holds need already. */
void *arena_grow(struct arena *a, void *p, size_t n, size_t need,
		 size_t *cap, size_t size);

struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_reset(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
/* The string, never NULL, always NUL-terminated. */
const char *strbuf_str(const struct strbuf *sb);
/* Copies the contents into the arena and releases the buffer. */
char *strbuf_finish(struct strbuf *sb, struct arena *a);

#endif
