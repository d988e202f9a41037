/*
 * fuzz_values.c — a structure-aware libFuzzer mutator for meeting files.
 *
 * Linked with fuzz_render.c into build/fuzz/fuzz_values. Each mutation
 * reads the input as YAML (libfyaml), changes one thing inside it and
 * writes it out again, so the file stays a meeting file that `check`
 * passes and `render` gets to work on: a value becomes text with a
 * character from a hostile Unicode category (controls, line and paragraph
 * separators, NEL, bidi controls, combining marks, surrogates and other
 * ill-formed UTF-8, private use, emoji, CJK, RTL), a number at the edges
 * of double, a very long or very wide value, Markdown (tables of many
 * columns, deep lists, footnotes, links, code, HTML); a list item or a
 * chart category is repeated, a section nests in itself. An input that is
 * not YAML gets libFuzzer's own byte mutations.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libfyaml.h>

#include "arena.h"
#include "diag.h"
#include "model.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed);

/* splitmix64: libFuzzer's seed in, the same mutations out. */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

static size_t below(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

#define PICK(arr) (arr[below(sizeof arr / sizeof *arr)])

/* A growable string; out of memory ends the fuzzer like any malloc. */
struct buf {
	char *s;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#include <stdarg.h>
static void buf_printf(struct buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		buf_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n :
							 sizeof tmp - 1);
}

/* libfyaml's nodes built from text point into that text: it lives until
 * the document is destroyed. */
static char **kept;
static size_t n_kept, cap_kept;

static const char *keep_text(char *s)
{
	if (n_kept == cap_kept) {
		cap_kept = cap_kept ? cap_kept * 2 : 16;
		kept = realloc(kept, cap_kept * sizeof *kept);
		if (!kept)
			abort();
	}
	return kept[n_kept++] = s;
}

static struct fy_node *build_node(struct fy_document *fyd, const char *s,
				  size_t len)
{
	char *copy = malloc(len + 1);
	if (!copy)
		abort();
	memcpy(copy, s, len);
	copy[len] = '\0';
	return fy_node_build_from_string(fyd, keep_text(copy), len);
}

/* Characters by category, as UTF-8 (and some that are not UTF-8). */
static const char *const controls[] = {
	"\x01", "\x07", "\x08", "\t", "\x0b", "\x0c", "\r", "\r\n", "\x1b",
	"\x1f", "\x7f", "\xc2\x80", "\xc2\x85" /* NEL */, "\xc2\x9b",
	"\xc2\x9f", "\n",
};
static const char *const separators[] = {
	"\xe2\x80\xa8" /* U+2028 */, "\xe2\x80\xa9" /* U+2029 */,
	"\xc2\x85", "\xc2\xa0" /* NBSP */, "\xe2\x80\xaf" /* NNBSP */,
	"\xe2\x80\x89", "\xe3\x80\x80" /* ideographic space */,
	"\xe1\x9a\x80" /* ogham space */, "\xe2\x80\x8b" /* ZWSP */,
	"\xef\xbb\xbf" /* BOM */, "\xc2\xad" /* soft hyphen */,
	"\xe2\x81\xa0" /* word joiner */, "\xe2\x80\x8c", "\xe2\x80\x8d",
};
static const char *const bidi[] = {
	"\xe2\x80\x8e", "\xe2\x80\x8f", "\xe2\x80\xaa", "\xe2\x80\xab",
	"\xe2\x80\xac", "\xe2\x80\xad", "\xe2\x80\xae", "\xe2\x81\xa6",
	"\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9", "\xd8\x9c",
};
static const char *const combining[] = {
	"\xcc\x81", "\xcc\x88", "\xcc\xa7", "\xe2\x83\x9d", "\xd9\x8b",
	"\xe0\xa5\x8d", "\xe3\x82\x99", "\xef\xb8\x8f" /* VS16 */,
	"\xf3\xa0\x84\x80" /* VS17 */,
};
static const char *const ill_formed[] = {
	"\xed\xa0\x80" /* U+D800 */, "\xed\xbf\xbf" /* U+DFFF */,
	"\xed\xa0\xbd\xed\xb8\x80" /* a surrogate pair as CESU-8 */,
	"\xc0\xaf", "\xe0\x80\xaf", "\xf4\x90\x80\x80", "\x80", "\xbf",
	"\xfe", "\xff", "\xc3", "\xe2\x82", "\x00",
};
static const char *const special[] = {
	"\xee\x80\x80" /* U+E000 */, "\xef\xa3\xbf" /* U+F8FF */,
	"\xf3\xb0\x80\x80" /* U+F0000 */, "\xf4\x8f\xbf\xbd" /* U+10FFFD */,
	"\xef\xbf\xbe" /* U+FFFE */, "\xef\xbf\xbf", "\xef\xb7\x90",
	"\xef\xbf\xbd" /* U+FFFD */, "\xef\xbf\xbc" /* U+FFFC */,
	"\xf0\x9f\x98\x80", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
	"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f"
	"\x91\xa7",
	"\xf0\x9f\x87\xb3\xf0\x9f\x87\xb1", "1\xef\xb8\x8f\xe2\x83\xa3",
	"\xe4\xb8\xad\xe6\x96\x87", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
	"\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4", "\xf0\xa0\x80\x80",
	"\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7",
	"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
	"\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\xa8\xe0\xa5\x8d\xe0\xa4\xa6\xe0"
	"\xa5\x80",
	"\xe0\xb8\xa0\xe0\xb8\xb2\xe0\xb8\xa9\xe0\xb8\xb2",
	"\xe1\xa0\xae\xe1\xa0\xa4\xe1\xa0\xa9", "\xe1\x88\x80",
	"\xf0\x9d\x94\x98", "\xe2\x88\x91", "\xc4\xb3", "\xc3\xab",
	"\xe2\x80\x99s-Gravenhage", "\xce\x95\xce\xbb\xce\xbb",
	"\xd0\xba\xd0\xb8\xd1\x80", "\xc3\x9e", "\xc8\x99", "\xc5\x82",
	"\xef\xac\x81" /* fi ligature */, "\xe2\x84\xa2",
};
static const char *const markup[] = {
	"*", "**", "_", "`", "[", "]", "(", ")", "#", "|", "<", ">", "&",
	"\\", "~", "^", "!", "[^", "\"", "'", "--", "...", ": ", " #", "- ",
	"{", "}", "&a ", "*a", "!!str ", "%", "@", "---", "? ", "EUR 500 mln.",
	"nr. 499", "3 december", "'t", "auto's", "https://", "&amp;",
	"&#x2028;", "&#0;", "&nbsp;", "  \n", "\n\n",
};

/* Numbers at the edges, and things that look almost like numbers or
 * dates. */
static const char *const numbers[] = {
	"0", "-0", "1", "-1", "0.5", "2.5e9", "1e15", "1e16", "1e21",
	"1e100", "-1e100", "1e300", "1e308", "-1e308",
	"1.7976931348623157e308", "-1.7976931348623157e308", "1e309",
	"4.9e-324", "2.2250738585072014e-308", "1e-300", "1e-7", "0.1",
	".inf", "-.inf", ".nan", "9007199254740993", "18446744073709551616",
	"9223372036854775807", "-9223372036854775808", "2147483648",
	"-2147483649", "123456789012345678901234567890", "0x10", "0o17",
	"1_000", "999999999999999999999", "1.5", "99.999999999", "100",
	"2024", "99999", "-2025", "0001", "2025-02-30", "2025-12-03",
	"0000-01-01", "9999-12-31", "2025-12-03T10:00:00Z", "true", "null",
	"~", "1,5", "45.000",
};

static const char *const words[] = {
	"Rechtsstaatontwikkelingssamenwerking", "NAVO", "Oekra\xc3\xafne",
	"co\xc3\xb6rdinatie", "Brussel", "EU", "het", "een",
	"ministersoverleg", "a",
};

static void add_hostile(struct buf *b)
{
	switch (below(7)) {
	case 0: buf_str(b, PICK(controls)); break;
	case 1: buf_str(b, PICK(separators)); break;
	case 2: buf_str(b, PICK(bidi)); break;
	case 3:
		/* A stack of marks on one base, or one mark alone. */
		for (size_t i = 0, n = 1 + below(3) * below(40); i < n; i++)
			buf_str(b, PICK(combining));
		break;
	case 4: buf_str(b, PICK(ill_formed)); break;
	case 5: buf_str(b, PICK(special)); break;
	default: buf_str(b, PICK(markup)); break;
	}
}

/* Markdown that rich text may hold; notes is a note key of the file. */
static void add_markdown(struct buf *b, const char *note, size_t budget)
{
	switch (below(14)) {
	case 0: buf_str(b, "*cursief* en **vet** en ***beide***"); break;
	case 1: buf_str(b, "[de tekst](https://www.rijksoverheid.nl/a?b=c)");
		break;
	case 2: buf_printf(b, "[^%s]", note ? note : "geen"); break;
	case 3: buf_str(b, "\n\n- een\n- twee\n  - drie\n\n"); break;
	case 4: buf_str(b, "\n\n1. een\n2. twee\n\n"); break;
	case 5: buf_str(b, "`code` en\n\n```\nblok code\n```\n\n"); break;
	case 6: buf_str(b, "<b>html</b> <!-- c --> <br>\n\n<div>x</div>\n\n");
		break;
	case 7: buf_str(b, "\n\n> citaat\n\n# Kop\n\n~~weg~~ <https://x.nl> "
			   "![alt](beeld.png) www.example.nl\n\n");
		break;
	case 8: { /* a table of many columns */
		size_t cols = 1 + below(4) * below(budget / 8 > 3000 ? 3000 :
						  budget / 8 + 1);
		size_t rows = 1 + below(4);
		buf_str(b, "\n\n");
		for (size_t r = 0; r < rows + 2; r++) {
			buf_str(b, "|");
			for (size_t c = 0; c < cols; c++)
				buf_str(b, r == 1 ? "---|" : " x |");
			buf_str(b, "\n");
		}
		buf_str(b, "\n");
		break;
	}
	case 9: { /* a deep list */
		size_t depth = 1 + below(budget / 16 > 500 ? 500 :
					 budget / 16 + 1);
		buf_str(b, "\n\n");
		for (size_t i = 0; i < depth; i++) {
			for (size_t k = 0; k < i * 2; k++)
				buf_str(b, " ");
			buf_str(b, "- punt\n");
		}
		buf_str(b, "\n");
		break;
	}
	case 10: { /* deep quotes and emphasis */
		size_t depth = 1 + below(200);
		for (size_t i = 0; i < depth; i++)
			buf_str(b, below(2) ? "> " : "*");
		buf_str(b, "x\n\n");
		break;
	}
	case 11: buf_str(b, "| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 |\n\n");
		break;
	case 12: buf_str(b, "EUR 2,5 mld. op 3 december 2025 (nr. 499), "
			    "tel. 070-3486486, 2025-12-03, ISO-3166 ’t "
			    "\"citaat\" 'enkel' -- -- ...");
		break;
	default: buf_str(b, "\\*niet\\* &amp; &lt; \\\n"); break;
	}
}

/* A long value: a word or the old value repeated, with or without room
 * to break. */
static void add_long(struct buf *b, const char *old, size_t old_len,
		     size_t budget)
{
	static const size_t sizes[] = { 100, 1000, 5000, 20000, 100000 };
	size_t want = PICK(sizes);
	if (want > budget)
		want = budget;
	const char *unit = below(2) || !old_len ? PICK(words) : old;
	size_t unit_len = unit == old ? old_len : strlen(unit);
	bool spaced = below(2);
	bool hostile = below(4) == 0;
	size_t start = b->len;
	while (b->len - start + unit_len + 1 < want) {
		buf_add(b, unit, unit_len);
		if (spaced)
			buf_str(b, " ");
		if (hostile)
			add_hostile(b);
	}
}

/* A new text for a string value. */
static void new_text(struct buf *b, const char *old, size_t old_len,
		     const char *note, size_t budget)
{
	size_t at = below(old_len + 1);
	switch (below(6)) {
	case 0: /* one or a few hostile characters inside the old text */
	case 1:
		buf_add(b, old, at);
		for (size_t i = 0, n = 1 + below(3) * below(4); i < n; i++)
			add_hostile(b);
		buf_add(b, old + at, old_len - at);
		break;
	case 2:
		buf_add(b, old, at);
		add_markdown(b, note, budget);
		buf_add(b, old + at, old_len - at);
		break;
	case 3:
		add_long(b, old, old_len, budget);
		break;
	case 4: /* only hostile characters, or nothing */
		for (size_t i = 0, n = below(4); i < n; i++)
			add_hostile(b);
		break;
	default:
		buf_str(b, PICK(numbers));
		break;
	}
}

/* What the document holds, found by one walk. */
enum spot_kind { SPOT_VALUE, SPOT_KEY, SPOT_ITEM, SPOT_SEQ, SPOT_MAP };

struct spot {
	enum spot_kind kind;
	struct fy_node *node;   /* the scalar, sequence or mapping */
	struct fy_node *parent; /* SPOT_ITEM: its sequence */
	struct fy_node_pair *pair; /* SPOT_VALUE, SPOT_KEY */
	const char *key;        /* the key it is under, or "" */
};

struct spots {
	struct spot *v;
	size_t n, cap;
	const char *note; /* a key of notes:, for footnote references */
	char **keys;      /* copies of the keys that spots point to */
	size_t n_keys, cap_keys;
};

static void spot_add(struct spots *s, struct spot sp)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (!s->v)
			abort();
	}
	s->v[s->n++] = sp;
}

static char *keep_key(struct spots *s, const char *k)
{
	if (s->n_keys == s->cap_keys) {
		s->cap_keys = s->cap_keys ? s->cap_keys * 2 : 64;
		s->keys = realloc(s->keys, s->cap_keys * sizeof *s->keys);
		if (!s->keys)
			abort();
	}
	char *kc = strdup(k);
	if (!kc)
		abort();
	return s->keys[s->n_keys++] = kc;
}

static const char *scalar_of(struct fy_node *n)
{
	static char tmp[64];
	size_t len = 0;
	const char *s = n && fy_node_get_type(n) == FYNT_SCALAR ?
				fy_node_get_scalar(n, &len) : NULL;
	if (!s)
		return "";
	if (len >= sizeof tmp)
		len = sizeof tmp - 1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	return tmp;
}

static void walk(struct spots *s, struct fy_node *n, const char *key,
		 int depth)
{
	if (!n || depth > 64)
		return;
	void *it = NULL;
	switch (fy_node_get_type(n)) {
	case FYNT_SEQUENCE:
		spot_add(s, (struct spot){ SPOT_SEQ, n, NULL, NULL, key });
		for (struct fy_node *c; (c = fy_node_sequence_iterate(n, &it));) {
			if (fy_node_get_type(c) == FYNT_SCALAR)
				spot_add(s, (struct spot){ SPOT_ITEM, c, n,
							   NULL, key });
			else
				walk(s, c, key, depth + 1);
		}
		break;
	case FYNT_MAPPING:
		spot_add(s, (struct spot){ SPOT_MAP, n, NULL, NULL, key });
		for (struct fy_node_pair *p;
		     (p = fy_node_mapping_iterate(n, &it));) {
			const char *k = scalar_of(fy_node_pair_key(p));
			char *kc = keep_key(s, k);
			struct fy_node *v = fy_node_pair_value(p);
			if (!strcmp(key, "notes") && !s->note)
				s->note = kc;
			/* Categories and note keys are data; other keys are
			 * the format's. */
			if (!strcmp(key, "values") || !strcmp(key, "notes"))
				spot_add(s, (struct spot){ SPOT_KEY,
					fy_node_pair_key(p), n, p, key });
			if (v && fy_node_get_type(v) == FYNT_SCALAR)
				spot_add(s, (struct spot){ SPOT_VALUE, v, n, p,
							   kc });
			else
				walk(s, v, kc, depth + 1);
		}
		break;
	default:
		break;
	}
}

static struct fy_node *text_node(struct fy_document *fyd, const char *s,
				 size_t len, bool quoted_style)
{
	if (!quoted_style)
		return fy_node_create_scalar_copy(fyd, s, len);
	/* The same text in double quotes with escapes, as a writer of JSON
	 * would have it: the parser sees the escapes, not the bytes. */
	struct buf q = { 0 };
	buf_str(&q, "\"");
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			buf_printf(&q, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			buf_printf(&q, "\\x%02x", c);
		else
			buf_add(&q, s + i, 1);
	}
	buf_str(&q, "\"");
	struct fy_node *n = build_node(fyd, q.s, q.len);
	free(q.s);
	return n ? n : fy_node_create_scalar_copy(fyd, s, len);
}

/* Replace the scalar at sp with new text; false when libfyaml says no. */
static bool replace_scalar(struct fy_document *fyd, const struct spot *sp,
			   struct fy_node *nn)
{
	if (!nn)
		return false;
	switch (sp->kind) {
	case SPOT_VALUE:
		return fy_node_pair_set_value(sp->pair, nn) == 0;
	case SPOT_KEY:
		return fy_node_pair_set_key(sp->pair, nn) == 0;
	case SPOT_ITEM:
		if (fy_node_sequence_insert_after(sp->parent, sp->node, nn))
			return false;
		fy_node_free(fy_node_sequence_remove(sp->parent, sp->node));
		return true;
	default:
		(void)fyd;
		return false;
	}
}

static bool mutate_scalar(struct fy_document *fyd, struct spots *s,
			  const struct spot *sp, size_t budget)
{
	size_t len = 0;
	const char *old = fy_node_get_scalar(sp->node, &len);
	if (!old)
		old = "", len = 0;
	struct buf b = { 0 };
	buf_str(&b, "");
	char *end;
	bool numeric = len && (strtod(old, &end), *end == '\0' ||
			       *end == '\n');
	if (numeric && below(4))
		buf_str(&b, PICK(numbers));
	else
		new_text(&b, old, len, s->note, budget);
	bool ok = replace_scalar(fyd, sp, text_node(fyd, b.s, b.len,
						    below(3) == 0));
	free(b.s);
	return ok;
}

/* Repeat an item of a list (sections, participants, series, notes as
 * items, values) k times: wide and long lists. */
static bool repeat_item(struct fy_document *fyd, const struct spot *sp,
			size_t budget, size_t size)
{
	int count = fy_node_sequence_item_count(sp->node);
	if (count <= 0)
		return false;
	struct fy_node *item =
		fy_node_sequence_get_by_index(sp->node, (int)below((size_t)count));
	size_t k = 1 + below(4) * below(budget / (size / (size_t)count + 1) + 1);
	if (k > 5000)
		k = 5000;
	for (size_t i = 0; i < k; i++) {
		struct fy_node *c = fy_node_copy(fyd, item);
		if (!c || fy_node_sequence_append(sp->node, c))
			return false;
	}
	return true;
}

static void drop_key(struct fy_node *map, const char *key)
{
	struct fy_node_pair *p =
		fy_node_mapping_lookup_pair_by_string(map, key, strlen(key));
	if (p)
		fy_node_mapping_remove(map, p);
}

/* More categories in values:, more notes, or a section inside itself
 * (deep nesting): a mapping grows. */
static bool grow_mapping(struct fy_document *fyd, const struct spot *sp,
			 size_t budget)
{
	if (!strcmp(sp->key, "values")) {
		size_t k = 1 + below(4) * below(budget / 16 > 3000 ? 3000 :
						 budget / 16 + 1);
		int base = (int)below(3000);
		bool years = below(2);
		for (size_t i = 0; i < k; i++) {
			char key[32], val[32];
			snprintf(key, sizeof key, years ? "%d" : "cat %d",
				 base + (int)i);
			snprintf(val, sizeof val, "%s", PICK(numbers));
			struct fy_node *kn =
				fy_node_create_scalar_copy(fyd, key, strlen(key));
			struct fy_node *vn =
				build_node(fyd, val, strlen(val));
			if (!kn || !vn || fy_node_mapping_append(sp->node, kn, vn))
				return false;
		}
		return true;
	}
	if (!strcmp(sp->key, "sections")) {
		/* This section becomes its own subsection, n times deep. */
		struct fy_node *inner = fy_node_copy(fyd, sp->node);
		for (size_t i = 0, n = below(6); inner && i < n; i++) {
			struct fy_node *outer = fy_node_copy(fyd, sp->node);
			struct fy_node *seq = fy_node_create_sequence(fyd);
			if (!outer || !seq || fy_node_sequence_append(seq, inner))
				return false;
			drop_key(outer, "sections");
			struct fy_node *k = fy_node_create_scalar(fyd,
								  "sections", 8);
			if (fy_node_mapping_append(outer, k, seq))
				return false;
			inner = outer;
		}
		struct fy_node *seq = fy_node_create_sequence(fyd);
		if (!inner || !seq || fy_node_sequence_append(seq, inner))
			return false;
		drop_key(sp->node, "sections");
		return fy_node_mapping_append(sp->node,
			fy_node_create_scalar(fyd, "sections", 8), seq) == 0;
	}
	return false;
}

static bool is_number(struct fy_node *n)
{
	size_t len = 0;
	const char *v = fy_node_get_scalar(n, &len);
	char *end;
	return v && len && len < 40 &&
	       (strtod(v, &end), end != v && (size_t)(end - v) == len);
}

static void drop_output(struct fy_diag *diag, void *user, const char *buf,
			size_t len)
{
	(void)diag, (void)user, (void)buf, (void)len;
}

static size_t mutate_yaml(uint8_t *data, size_t size, size_t max_size)
{
	/* libfyaml 0.7 loops forever on ill-formed UTF-8 in a directive
	 * ("%form\xe1t:"); dossier refuses such a file before libfyaml
	 * sees it, so only UTF-8 goes to libfyaml here. */
	if (!g_utf8_validate((const char *)data, (gssize)size, NULL))
		return 0;
	/* Only what dossier's own parser takes goes to libfyaml here: its
	 * checks keep libfyaml 0.7.12 from what crashes it (explicit keys:
	 * a double free), and the mutator must not crash where dossier
	 * does not. libfyaml's messages are dropped unprinted, as dossier
	 * drops them: printing one crashed (fy_diag's display of a line). */
	struct arena *a = arena_create();
	struct diags d;
	diags_init(&d, a);
	bool parses = model_parse_buffer(a, "build/fuzz/world/meetings/fuzz.yaml",
					 (const char *)data, size, &d) != NULL;
	arena_destroy(a);
	if (!parses)
		return 0;
	struct fy_diag_cfg dcfg;
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = drop_output;
	struct fy_diag *diag = fy_diag_create(&dcfg);
	struct fy_parse_cfg cfg = { .flags = FYPCF_QUIET, .diag = diag };
	struct fy_document *fyd =
		diag ? fy_document_build_from_string(&cfg, (const char *)data,
						     size) : NULL;
	if (diag)
		fy_diag_unref(diag);
	if (!fyd)
		return 0;
	struct spots s = { 0 };
	walk(&s, fy_document_root(fyd), "", 0);
	size_t budget = max_size > size + 64 ? max_size - size - 64 : 0;
	bool done = false;
	for (int tries = 0; tries < 4 && !done && s.n; tries++) {
		const struct spot *sp = &s.v[below(s.n)];
		/* Numbers are few among the texts: a quarter of the
		 * mutations go to one of them (chart values, targets). */
		if (below(4) == 0) {
			size_t k = below(s.n);
			for (size_t i = 0; i < s.n; i++) {
				const struct spot *c = &s.v[(k + i) % s.n];
				if (c->kind == SPOT_VALUE && is_number(c->node)) {
					sp = c;
					break;
				}
			}
		}
		switch (sp->kind) {
		/* A change of structure that fails half-way may have freed
		 * nodes other spots point to: no second try after one. */
		case SPOT_SEQ:
			if (below(2))
				continue;
			done = repeat_item(fyd, sp, budget, size);
			tries = 4;
			break;
		case SPOT_MAP:
			if (strcmp(sp->key, "values") && strcmp(sp->key, "sections"))
				continue;
			done = grow_mapping(fyd, sp, budget);
			tries = 4;
			break;
		default:
			done = mutate_scalar(fyd, &s, sp, budget);
			break;
		}
	}
	size_t out = 0;
	if (done) {
		enum fy_emitter_cfg_flags mode =
			below(8) ? FYECF_MODE_ORIGINAL :
			below(2) ? FYECF_MODE_BLOCK : FYECF_MODE_FLOW;
		char *text = fy_emit_document_to_string(fyd, mode);
		size_t len = text ? strlen(text) : 0;
		if (text && len <= max_size && len) {
			memcpy(data, text, len);
			out = len;
		}
		free(text);
	}
	for (size_t i = 0; i < s.n_keys; i++)
		free(s.keys[i]);
	free(s.keys);
	free(s.v);
	fy_document_destroy(fyd);
	while (n_kept)
		free(kept[--n_kept]);
	return out;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed)
{
	rng_state = seed;
	/* Now and then libFuzzer's own mutations, which reach the parser's
	 * corners; the rest keeps the file valid. */
	if (below(10) == 0)
		return LLVMFuzzerMutate(data, size, max_size);
	size_t out = mutate_yaml(data, size, max_size);
	return out ? out : LLVMFuzzerMutate(data, size, max_size);
}
