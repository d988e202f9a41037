/*
 * arena.c — a bump allocator over a chain of blocks (struct strbuf,
 * the growing string, is strbuf.c).
 *
 * Blocks grow geometrically; a request larger than a block gets a block of
 * its own. Out-of-memory aborts: a renderer cannot do anything sensible
 * without memory, and callers stay free of NULL checks.
 */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16
#define ARENA_FIRST_BLOCK 65536
/* The most arena_reset() keeps for the next use: a long paragraph's
 * scratch memory, not that of a pathological one. */
#define ARENA_KEEP_MAX ((size_t)4 << 20)

struct arena_block {
	struct arena_block *next;
	size_t size;
	size_t used;
	_Alignas(16) unsigned char data[];
};

struct arena_cleanup {
	struct arena_cleanup *next;
	void (*fn)(void *);
	void *data;
};

struct arena {
	struct arena_block *head;
	struct arena_cleanup *cleanups;
	size_t next_size;
};

void *xrealloc_array(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		fputs("dossier: out of memory\n", stderr);
		abort();
	}
	size_t bytes = n * size;
	void *q = realloc(p, bytes ? bytes : 1);
	if (!q) {
		fputs("dossier: out of memory\n", stderr);
		abort();
	}
	return q;
}

static void *xmalloc(size_t n)
{
	return xrealloc_array(NULL, n, 1);
}

void *arena_grow(struct arena *a, void *p, size_t n, size_t need,
		 size_t *cap, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 16;
	while (c < need)
		c *= 2;
	void *q = arena_array(a, c, size);
	if (n)
		memcpy(q, p, n * size);
	*cap = c;
	return q;
}

struct arena *arena_create(void)
{
	struct arena *a = xmalloc(sizeof *a);
	a->head = NULL;
	a->cleanups = NULL;
	a->next_size = ARENA_FIRST_BLOCK;
	return a;
}

static void run_cleanups(struct arena *a)
{
	while (a->cleanups) {
		struct arena_cleanup *c = a->cleanups;
		a->cleanups = c->next;
		c->fn(c->data);
	}
}

static void free_blocks(struct arena_block *b)
{
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
}

void arena_destroy(struct arena *a)
{
	if (!a)
		return;
	run_cleanups(a);
	free_blocks(a->head);
	free(a);
}

void arena_reset(struct arena *a)
{
	run_cleanups(a);
	struct arena_block *keep = a->head;
#ifdef ARENA_PROFILE
	keep = NULL;
#endif
	if (keep && keep->size > ARENA_KEEP_MAX)
		keep = NULL;
	free_blocks(keep ? keep->next : a->head);
	a->head = keep;
	if (keep) {
		keep->next = NULL;
		keep->used = 0;
	}
}

static void *arena_bump(struct arena *a, size_t size)
{
	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	struct arena_block *b = a->head;
#ifdef ARENA_PROFILE
	/* Each allocation a block of its own, so that massif names its
	 * caller (make B=build/prof OPT="-O1 -g -DARENA_PROFILE"). */
	b = NULL;
	a->next_size = size;
#endif
	if (!b || b->size - b->used < size) {
		size_t bs = a->next_size;
		if (bs < size)
			bs = size;
		else if (a->next_size < (size_t)1 << 24)
			a->next_size *= 2;
		b = xmalloc(sizeof *b + bs);
		b->size = bs;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += size;
	return p;
}

void *arena_alloc(struct arena *a, size_t size)
{
	void *p = arena_bump(a, size);
	memset(p, 0, size);
	return p;
}

void *arena_array(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		fputs("dossier: out of memory\n", stderr);
		abort();
	}
	return arena_alloc(a, n * size);
}

void *arena_array_unzeroed(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		fputs("dossier: out of memory\n", stderr);
		abort();
	}
	return arena_bump(a, n * size);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_finish(&sb, a);
}

void arena_on_destroy(struct arena *a, void (*fn)(void *), void *data)
{
	struct arena_cleanup *c = arena_alloc(a, sizeof *c);
	c->fn = fn;
	c->data = data;
	c->next = a->cleanups;
	a->cleanups = c;
}
