/*
 * hyph_cache.c — libhyphen's compiled dictionary, kept between runs.
 *
 * The image is a header, the key (which dictionary file, which version of
 * it) and a body that holds the dictionary's levels, states, transitions
 * and strings, with every pointer written as an offset into the body
 * (plus one, so that 0 stays NULL). Reading it back is one mmap() and a
 * pass that checks every offset, index and string before it turns the
 * offsets into pointers: a damaged or foreign file is never trusted, it
 * is replaced.
 */
#define _GNU_SOURCE /* dladdr */
#include "hyph_cache.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input.h"

#define HC_MAGIC "dosHYPH2"
#define HC_MAX_LEVELS 8
/* The cache is a few hundred kilobytes; anything far larger is not ours. */
#define HC_MAX_IMAGE (64u << 20)

struct hc_header {
	char magic[8];
	uint32_t size_dict, size_state, size_trans;
	uint32_t n_levels;
	uint64_t key_len;  /* the key follows the header, padded to 8 */
	uint64_t body_len; /* then the body */
	uint64_t checksum; /* hc_sum of the body */
};

/* A check against damage, not against malice: four lanes of eight
 * bytes a step, independent of each other so that the processor runs
 * them side by side (one lane cost a fifth of loading the cache). */
static uint64_t hc_mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x100000001b3u;
	return h ^ (h >> 29);
}

static uint64_t hc_sum(const unsigned char *p, size_t n)
{
	uint64_t lane[4] = { 0xcbf29ce484222325u, 0x84222325cbf29ce4u,
			     0x9e3779b97f4a7c15u, 0xc2b2ae3d27d4eb4fu };
	size_t i = 0;
	for (; i + 32 <= n; i += 32)
		for (int k = 0; k < 4; k++) {
			uint64_t w;
			memcpy(&w, p + i + 8 * k, sizeof w);
			lane[k] = hc_mix(lane[k], w);
		}
	uint64_t h = lane[0];
	for (int k = 1; k < 4; k++)
		h = hc_mix(h, lane[k]);
	for (; i < n; i++)
		h = hc_mix(h, p[i]);
	return h;
}

static size_t hc_pad(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* ---- writing ---- */

struct hc_sizes {
	size_t levels, states, trans, strings;
};

static size_t hc_str_size(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

/* false: a dictionary this cache does not keep (replacement patterns,
 * too many levels). */
static bool hc_measure(const HyphenDict *dict, struct hc_sizes *sz,
		       uint32_t *n_levels)
{
	*sz = (struct hc_sizes){ 0 };
	*n_levels = 0;
	for (const HyphenDict *d = dict; d; d = d->nextlevel) {
		if (++*n_levels > HC_MAX_LEVELS || d->num_states <= 0)
			return false;
		sz->levels += sizeof *d;
		sz->states += (size_t)d->num_states * sizeof *d->states;
		sz->strings += hc_str_size(d->nohyphen);
		for (int i = 0; i < d->num_states; i++) {
			const HyphenState *s = &d->states[i];
			if (s->repl)
				return false;
			sz->trans += (size_t)s->num_trans * sizeof *s->trans;
			sz->strings += hc_str_size(s->match);
		}
	}
	return *n_levels > 0;
}

struct hc_writer {
	unsigned char *body;
	size_t strings; /* where the next string goes */
};

static uint64_t hc_put_str(struct hc_writer *w, const char *s)
{
	if (!s)
		return 0;
	size_t n = strlen(s) + 1;
	memcpy(w->body + w->strings, s, n);
	uint64_t off = w->strings + 1;
	w->strings += n;
	return off;
}

/* Offsets travel in the pointer fields, as integers. */
static void *hc_off(uint64_t off)
{
	return (void *)(uintptr_t)off;
}

void *hyph_cache_image(const HyphenDict *dict, const char *key, size_t *len)
{
	struct hc_sizes sz;
	uint32_t n_levels;
	if (!dict || !hc_measure(dict, &sz, &n_levels))
		return NULL;
	size_t key_len = strlen(key);
	size_t body_len = sz.levels + sz.states + sz.trans + sz.strings;
	size_t head = sizeof(struct hc_header) + hc_pad(key_len);
	/* calloc: the padding inside the structs is written as zeros. */
	unsigned char *img = calloc(1, head + body_len);
	if (!img)
		return NULL;
	struct hc_writer w = { img + head,
			       sz.levels + sz.states + sz.trans };
	size_t state_at = sz.levels, trans_at = sz.levels + sz.states;
	size_t level = 0;
	for (const HyphenDict *d = dict; d; d = d->nextlevel, level++) {
		HyphenDict *o = (HyphenDict *)(w.body + level * sizeof *o);
		o->lhmin = d->lhmin;
		o->rhmin = d->rhmin;
		o->clhmin = d->clhmin;
		o->crhmin = d->crhmin;
		o->nohyphen = hc_off(hc_put_str(&w, d->nohyphen));
		o->nohyphenl = d->nohyphenl;
		o->num_states = d->num_states;
		memcpy(o->cset, d->cset, sizeof o->cset);
		o->cset[sizeof o->cset - 1] = '\0';
		o->utf8 = d->utf8;
		o->states = hc_off(state_at + 1);
		o->nextlevel = d->nextlevel ?
			hc_off((level + 1) * sizeof *o + 1) : NULL;
		HyphenState *os = (HyphenState *)(w.body + state_at);
		for (int i = 0; i < d->num_states; i++) {
			const HyphenState *s = &d->states[i];
			os[i].match = hc_off(hc_put_str(&w, s->match));
			os[i].repl = NULL;
			os[i].replindex = s->replindex;
			os[i].replcut = s->replcut;
			os[i].fallback_state = s->fallback_state;
			os[i].num_trans = s->num_trans;
			os[i].trans = s->num_trans ? hc_off(trans_at + 1) : NULL;
			HyphenTrans *ot = (HyphenTrans *)(w.body + trans_at);
			for (int k = 0; k < s->num_trans; k++) {
				ot[k].ch = s->trans[k].ch;
				ot[k].new_state = s->trans[k].new_state;
			}
			trans_at += (size_t)s->num_trans * sizeof *ot;
		}
		state_at += (size_t)d->num_states * sizeof *os;
	}
	struct hc_header h = {
		.size_dict = sizeof(HyphenDict),
		.size_state = sizeof(HyphenState),
		.size_trans = sizeof(HyphenTrans),
		.n_levels = n_levels,
		.key_len = key_len,
		.body_len = body_len,
		.checksum = hc_sum(w.body, body_len),
	};
	memcpy(h.magic, HC_MAGIC, sizeof h.magic);
	memcpy(img, &h, sizeof h);
	memcpy(img + sizeof h, key, key_len);
	*len = head + body_len;
	return img;
}

/* ---- reading ---- */

struct hc_body {
	unsigned char *p;
	size_t len;
};

/* The object of size n at offset+1 "off", aligned to align; NULL (and
 * *ok false) when it does not lie inside the body. */
static void *hc_at(const struct hc_body *b, const void *field, size_t n,
		   size_t align, bool *ok)
{
	uint64_t off = (uint64_t)(uintptr_t)field;
	if (!off)
		return NULL;
	off--;
	if (off > b->len || n > b->len - off || off % align) {
		*ok = false;
		return NULL;
	}
	return b->p + off;
}

static char *hc_str(const struct hc_body *b, const char *field, bool *ok)
{
	char *s = hc_at(b, field, 1, 1, ok);
	if (s && !memchr(s, '\0', b->len - (size_t)((unsigned char *)s - b->p)))
		*ok = false;
	return *ok ? s : NULL;
}

/* Every state is reached from state 0 by exactly one path (a trie), and
 * its match is at most one longer than that path: libhyphen writes a
 * match that many places back from the letter it has reached. */
static bool hc_check_trie(const HyphenDict *d)
{
	int n = d->num_states;
	int *depth = malloc((size_t)n * sizeof *depth);
	int *queue = malloc((size_t)n * sizeof *queue);
	bool ok = depth && queue;
	for (int i = 0; ok && i < n; i++)
		depth[i] = -1;
	int head = 0, tail = 0;
	if (ok) {
		depth[0] = 0;
		queue[tail++] = 0;
	}
	while (ok && head < tail) {
		const HyphenState *s = &d->states[queue[head++]];
		int dep = depth[s - d->states];
		if (s->match && strlen(s->match) > (size_t)dep + 1)
			ok = false;
		for (int k = 0; ok && k < s->num_trans; k++) {
			int to = s->trans[k].new_state;
			if (depth[to] >= 0) {
				ok = false; /* two paths: not a trie */
				break;
			}
			depth[to] = dep + 1;
			queue[tail++] = to;
		}
	}
	ok = ok && tail == n;
	free(depth);
	free(queue);
	return ok;
}

static bool hc_relocate(struct hc_body *b, uint32_t n_levels)
{
	bool ok = (size_t)n_levels * sizeof(HyphenDict) <= b->len;
	for (uint32_t l = 0; ok && l < n_levels; l++) {
		HyphenDict *d = (HyphenDict *)(b->p + l * sizeof *d);
		uint64_t next = (uint64_t)(uintptr_t)d->nextlevel;
		if (next != (l + 1 < n_levels ? (l + 1) * sizeof *d + 1 : 0) ||
		    d->num_states <= 0 || d->nohyphenl < 0 ||
		    !memchr(d->cset, '\0', sizeof d->cset))
			return false;
		d->nextlevel = next ? (HyphenDict *)(b->p + next - 1) : NULL;
		d->nohyphen = hc_str(b, d->nohyphen, &ok);
		d->states = hc_at(b, d->states,
				  (size_t)d->num_states * sizeof *d->states,
				  _Alignof(HyphenState), &ok);
		if (!ok || !d->states)
			return false;
		for (int i = 0; ok && i < d->num_states; i++) {
			HyphenState *s = &d->states[i];
			if (s->repl || s->num_trans < 0 ||
			    s->fallback_state < -1 ||
			    s->fallback_state >= d->num_states)
				return false;
			s->match = hc_str(b, s->match, &ok);
			s->trans = hc_at(b, s->trans,
					 (size_t)s->num_trans * sizeof *s->trans,
					 _Alignof(HyphenTrans), &ok);
			if (s->num_trans && !s->trans)
				ok = false;
			for (int k = 0; ok && k < s->num_trans; k++)
				if (s->trans[k].new_state <= 0 ||
				    s->trans[k].new_state >= d->num_states)
					ok = false;
		}
		ok = ok && hc_check_trie(d);
	}
	return ok;
}

HyphenDict *hyph_cache_read_image(void *image, size_t len, const char *key)
{
	struct hc_header h;
	if (len < sizeof h)
		return NULL;
	memcpy(&h, image, sizeof h);
	size_t key_len = strlen(key);
	if (memcmp(h.magic, HC_MAGIC, sizeof h.magic) ||
	    h.size_dict != sizeof(HyphenDict) ||
	    h.size_state != sizeof(HyphenState) ||
	    h.size_trans != sizeof(HyphenTrans) || h.n_levels == 0 ||
	    h.n_levels > HC_MAX_LEVELS || h.key_len != key_len ||
	    len - sizeof h < hc_pad(key_len) ||
	    h.body_len != len - sizeof h - hc_pad(key_len) ||
	    memcmp((char *)image + sizeof h, key, key_len))
		return NULL;
	for (size_t i = key_len; i < hc_pad(key_len); i++)
		if (((char *)image)[sizeof h + i])
			return NULL;
	struct hc_body b = { (unsigned char *)image + sizeof h +
				     hc_pad(key_len),
			     (size_t)h.body_len };
	if (hc_sum(b.p, b.len) != h.checksum || !hc_relocate(&b, h.n_levels))
		return NULL;
	return (HyphenDict *)b.p;
}

/* ---- the cache folder ---- */

static void hc_key_file(FILE *f, const char *path)
{
	char *real = path ? realpath(path, NULL) : NULL;
	struct stat st;
	if (real && stat(real, &st) == 0)
		fprintf(f, "%s %llu %llu %lld %lld.%09ld\n", real,
			(unsigned long long)st.st_dev,
			(unsigned long long)st.st_ino, (long long)st.st_size,
			(long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	else
		fprintf(f, "%s ?\n", path ? path : "?");
	free(real);
}

/* Which dictionary, which version of its file, and which libhyphen
 * compiled it: an upgrade of either makes the cache stale. */
static char *hc_key(const char *dic_path)
{
	if (access(dic_path, R_OK) != 0)
		return NULL;
	char *key = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&key, &len);
	if (!f)
		return NULL;
	hc_key_file(f, dic_path);
	Dl_info info;
	hc_key_file(f, dladdr((void *)(uintptr_t)hnj_hyphen_load, &info) ?
			       info.dli_fname : NULL);
	fclose(f);
	return key;
}

/* $XDG_CACHE_HOME/dossier/<name>.cache, or ~/.cache/...; NULL if there
 * is no home. */
static char *hc_file(const char *dic_path, bool make_dir)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	char dir[PATH_MAX];
	int n;
	if (xdg && *xdg == '/')
		n = snprintf(dir, sizeof dir, "%s/dossier", xdg);
	else if (home && *home == '/')
		n = snprintf(dir, sizeof dir, "%s/.cache/dossier", home);
	else
		return NULL;
	if (n < 0 || (size_t)n >= sizeof dir)
		return NULL;
	if (make_dir) {
		char *slash = strrchr(dir, '/');
		*slash = '\0';
		mkdir(dir, 0700); /* ~/.cache */
		*slash = '/';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return NULL;
	}
	const char *base = strrchr(dic_path, '/');
	base = base ? base + 1 : dic_path;
	char *path = malloc(PATH_MAX);
	if (path && snprintf(path, PATH_MAX, "%s/%s.cache", dir, base) >=
			    PATH_MAX) {
		free(path);
		return NULL;
	}
	return path;
}

/* The file mapped copy-on-write: relocating writes only the pages of
 * the states, the rest stays the page cache's, never copied. */
static void *hc_map_file(const char *path, size_t *len)
{
	int fd = input_open(path, NULL, NULL); /* a regular file, or -1 */
	if (fd < 0)
		return NULL;
	struct stat st;
	void *img = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (uint64_t)st.st_size <= HC_MAX_IMAGE) {
		*len = (size_t)st.st_size;
		img = mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd,
			   0);
		if (img == MAP_FAILED)
			img = NULL;
	}
	close(fd);
	return img;
}

/* Written beside its place and renamed: a reader sees the old file or
 * the new one, never half of one. Failure leaves no file behind. */
static void hc_write_file(const char *path, const void *img, size_t len)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 8);
	if (!tmp)
		return;
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".XXXXXX", 8);
	int fd = mkstemp(tmp);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "wb");
	if (fd >= 0 && !f)
		close(fd);
	if (f) {
		bool ok = fwrite(img, 1, len, f) == len;
		if (fclose(f) != 0 || !ok || rename(tmp, path) != 0)
			unlink(tmp);
	}
	free(tmp);
}

char *hyph_cache_key(const char *const *paths, size_t n)
{
	char *key = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&key, &len);
	if (!f)
		return NULL;
	for (size_t i = 0; i < n; i++)
		hc_key_file(f, paths[i]);
	fclose(f);
	return key;
}

char *hyph_cache_path(const char *name, bool make_dir)
{
	return hc_file(name, make_dir);
}

void hyph_cache_write(const char *path, const void *data, size_t len)
{
	hc_write_file(path, data, len);
}

HyphenDict *hyph_cache_load(const char *dic_path, void **block)
{
	*block = NULL;
	char *key = hc_key(dic_path);
	char *file = key ? hc_file(dic_path, false) : NULL;
	size_t len = 0;
	void *img = file ? hc_map_file(file, &len) : NULL;
	HyphenDict *dict = img ? hyph_cache_read_image(img, len, key) : NULL;
	if (dict) {
		*block = img;
		free(key);
		free(file);
		return dict;
	}
	if (img)
		munmap(img, len);
	dict = hnj_hyphen_load(dic_path);
	if (dict && key) {
		img = hyph_cache_image(dict, key, &len);
		free(file);
		file = img ? hc_file(dic_path, true) : NULL;
		if (file)
			hc_write_file(file, img, len);
		free(img);
	}
	free(key);
	free(file);
	return dict;
}

/* The length of a mapped image that hyph_cache_read_image() took: its
 * header said so, and was checked. */
static size_t hc_image_len(const void *block)
{
	struct hc_header h;
	memcpy(&h, block, sizeof h);
	return sizeof h + hc_pad((size_t)h.key_len) + (size_t)h.body_len;
}

void hyph_cache_free(HyphenDict *dict, void *block)
{
	if (block)
		munmap(block, hc_image_len(block));
	else if (dict)
		hnj_hyphen_free(dict);
}
