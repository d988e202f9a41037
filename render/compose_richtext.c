/*
 * compose_richtext.c — CommonMark (with GitHub tables and footnotes) into blocks.
 *
 * Input: one rich-text field of the model. Output: text and table blocks
 * appended to the composition, with emphasis, links and footnote
 * references as spans. cmark-gfm does all the parsing; the notes of the
 * document are appended as footnote definitions whose text is their key,
 * so that each reference can be traced back to its note.
 */
#include "compose_priv.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nl.h"
#include "utf8.h"

/* The link a bracketed span with a language becomes (rich_lang_spans). */
#define RICH_LANG_URL "x-dossier-lang:"

/* The last character of the text so far, for quote direction. */
static uint32_t rich_last_char(const struct rich *r)
{
	if (!r->len)
		return 0;
	size_t i = utf8_back(r->text, r->len - 1);
	uint32_t cp;
	utf8_decode(r->text + i, r->len - i, &cp);
	return cp;
}

/* A zero-width space after every RICH_MAX_RUN characters of a run
 * without a space: pango reshapes the rest of an unbreakable run at each
 * line it breaks by force, so a 50.000-character "word" took 8 s and a
 * 4 MiB one would take hours; with break opportunities it is linear. No
 * real word (or URL) is that long, so real text is unchanged. */
#define RICH_MAX_RUN 128

static char *break_long_runs(struct arena *a, char *t)
{
	size_t run = 0, longest = 0;
	for (const char *p = t; *p; p++) {
		if (utf8_is_cont(*p))
			continue;
		run = (*p == ' ' || *p == '\n' || *p == '\t') ? 0 : run + 1;
		longest = run > longest ? run : longest;
	}
	if (longest <= RICH_MAX_RUN)
		return t;
	struct strbuf sb = STRBUF_INIT;
	run = 0;
	for (const char *p = t; *p; p++) {
		bool lead = !utf8_is_cont(*p);
		if (lead && run == RICH_MAX_RUN) {
			strbuf_adds(&sb, "\xE2\x80\x8B"); /* U+200B */
			run = 0;
		}
		if (lead)
			run = (*p == ' ' || *p == '\n' || *p == '\t') ? 0
								   : run + 1;
		strbuf_addc(&sb, *p);
	}
	return strbuf_finish(&sb, a);
}

/* A line break an entity wrote (&#x2029;, &#13;, &#x85;...) arrives in a
 * text node, after parse.c made the written ones U+2028: the same here,
 * a line break in the paragraph, never a paragraph pango starts by
 * itself (a fuzzer's find: the typesetter set one line as two). */
static const char *unify_breaks(struct arena *a, const char *s)
{
	size_t n = 0, extra = 0;
	for (const char *p = s; *p; p++) {
		size_t k = model_line_break_len(p);
		if (k && !(k == 3 && !memcmp(p, "\xE2\x80\xA8", 3))) {
			n++;
			extra += 3 - (k > 3 ? 3 : k);
		}
	}
	if (!n)
		return s;
	char *out = arena_alloc(a, strlen(s) + extra + 1), *o = out;
	for (const char *p = s; *p;) {
		size_t k = model_line_break_len(p);
		if (k) {
			memcpy(o, "\xE2\x80\xA8", 3);
			o += 3;
			p += k;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

/* A tab inside text or code (pasted from a spreadsheet or a Word
 * table) is a word space: pango would give it a tab stop's width, which justification
 * neither stretches nor shrinks, and no document of ours has columns set
 * with tabs. */
static const char *tabs_as_spaces(struct arena *a, const char *s)
{
	if (!strchr(s, '\t'))
		return s;
	char *t = arena_strdup(a, s);
	for (char *p = t; (p = strchr(p, '\t')); p++)
		*p = ' ';
	return t;
}

/* A run of one language appended: hyphenated in that language, and
 * marked with it when it is not the document's. */
static void rich_append_lang(struct compose_ctx *c, struct rich *r,
			     const char *t, bool hyphenate, const char *lang)
{
	unsigned char *q = NULL;
	size_t start = r->len;
	if (hyphenate && c->hyph) {
		const struct layout *l = c->comp->layout;
		struct hyph_rules rules = {
			l->hyphen_min_word, l->hyphen_left_min,
			l->hyphen_right_min, l->hyphen_names_whole,
			l->compound_dictionary };
		t = hyph_text_lang(c->hyph, c->scratch, t, &rules, lang, &q);
	}
	const char *whole = t;
	t = break_long_runs(c->scratch, (char *)t);
	if (t != whole)
		q = NULL; /* its offsets moved: every break plain */
	rich_append_q(r, t, q, strlen(t));
	if (lang && r->len > start)
		rich_add_span(r, (struct span){
			start, r->len, SPAN_LANG, NULL, 0, lang });
}

static bool rich_is_letter_at(const char *t, size_t i)
{
	uint32_t cp;
	utf8_decode(t + i, UTF8_TO_NUL, &cp);
	return utf8_is_letter(cp) || utf8_is_digit(cp);
}

/* The first of the layout's English terms in t from byte i on, as a
 * whole word (any case; the longest where several start there); its
 * start in *at and length in *len. One walk over the text: a term is
 * tried only where a word starts with its first letter. */
static bool rich_find_term(const struct layout *l, const char *t, size_t i,
			   size_t *at, size_t *len)
{
	bool after_letter = i > 0 && rich_is_letter_at(t, utf8_back(t, i - 1));
	while (t[i]) {
		uint32_t cp;
		size_t step = utf8_decode(t + i, UTF8_TO_NUL, &cp);
		bool letter = utf8_is_letter(cp) || utf8_is_digit(cp);
		size_t longest = 0;
		for (int k = 0; letter && !after_letter &&
				k < l->n_english_terms; k++) {
			const char *term = l->english_terms[k];
			size_t n = strlen(term);
			if (n > longest && (t[i] | 0x20) == (term[0] | 0x20) &&
			    !strncasecmp(t + i, term, n) &&
			    (!t[i + n] || !rich_is_letter_at(t, i + n)))
				longest = n;
		}
		if (longest) {
			*at = i;
			*len = longest;
			return true;
		}
		after_letter = letter;
		i += step;
	}
	return false;
}

void rich_append_text(struct compose_ctx *c, struct rich *r, const char *s,
		      bool hyphenate)
{
	struct arena *sa = c->scratch;
	s = tabs_as_spaces(sa, unify_breaks(sa, s));
	char *t = nl_smarten(sa, s, rich_last_char(r));
	const struct layout *l = c->comp ? c->comp->layout : NULL;
	if (c->lang || !l || !l->n_english_terms) {
		rich_append_lang(c, r, t, hyphenate, c->lang);
		arena_reset(sa);
		return;
	}
	/* Dutch, but for the English terms of the layout's list. */
	size_t i = 0, at = 0, len = 0;
	while (rich_find_term(l, t, i, &at, &len)) {
		if (at > i)
			rich_append_lang(c, r, arena_strndup(sa, t + i,
							     at - i),
					 hyphenate, NULL);
		rich_append_lang(c, r, arena_strndup(sa, t + at, len),
				 hyphenate, "en");
		i = at + len;
	}
	rich_append_lang(c, r, t + i, hyphenate, NULL);
	arena_reset(sa);
}

struct walker {
	struct compose_ctx *c;
	const struct style *style;
	const struct text *field;
	int list_depth;
	int list_number[8];
	bool list_ordered[8];
	const char **note_keys; /* cmark's footnote index - 1 → key */
	size_t n_note_keys;
	int depth; /* of walk_blocks and walk_inlines, for RICH_MAX_DEPTH */
};

/* Quotes, lists and emphasis nested deeper than this are hostile input
 * (a 2 MB line of '> > > ...' is a valid rich text): below it only their
 * text is kept, gathered without recursion, so the walk cannot exhaust
 * the stack. */
#define RICH_MAX_DEPTH 64

static void append_flat(struct walker *w, cmark_node *node, struct rich *r)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || n == node)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			rich_append_text(w->c, r, cmark_node_get_literal(n),
					 false);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
		case CMARK_NODE_PARAGRAPH:
			rich_append_raw(r, " ", 1);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

static size_t note_hash(const struct document *doc, const char *key)
{
	uint64_t h = 1469598103934665603u ^ (uint64_t)(uintptr_t)doc;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return (size_t)(h ^ h >> 29);
}

/* The slot of comp->note_ix that holds (doc, key), or the empty one where
 * it goes. cap_note_ix is a power of two, never full. */
static size_t note_slot(const struct composition *comp,
			const struct document *doc, const char *key)
{
	size_t mask = comp->cap_note_ix - 1;
	size_t s = note_hash(doc, key) & mask;
	for (;; s = (s + 1) & mask) {
		size_t ix = comp->note_ix[s];
		if (!ix || (comp->notes[ix - 1].doc == doc &&
			    !strcmp(comp->notes[ix - 1].key, key)))
			return s;
	}
}

/* Room for one more note in the index, at most half full. */
static void note_ix_grow(struct composition *comp)
{
	if (2 * (comp->n_notes + 1) <= comp->cap_note_ix)
		return;
	free(comp->note_ix);
	comp->cap_note_ix = comp->cap_note_ix ? 2 * comp->cap_note_ix : 64;
	comp->note_ix = xrealloc_array(NULL, comp->cap_note_ix,
				       sizeof *comp->note_ix);
	memset(comp->note_ix, 0, comp->cap_note_ix * sizeof *comp->note_ix);
	for (size_t i = 0; i < comp->n_notes; i++)
		comp->note_ix[note_slot(comp, comp->notes[i].doc,
					comp->notes[i].key)] = i + 1;
}

/* The number of the note with this key, given at its first reference.
 * Looked up in an index: a search of every note given so far for each
 * reference grew with the square of the notes. */
static int footnote_number(struct compose_ctx *c, const char *key)
{
	struct composition *comp = c->comp;
	note_ix_grow(comp);
	size_t slot = note_slot(comp, c->doc, key);
	if (comp->note_ix[slot])
		return comp->notes[comp->note_ix[slot] - 1].number;
	ARRAY_GROW(comp->notes, comp->n_notes, comp->cap_notes);
	size_t ix = comp->n_notes++;
	comp->note_ix[slot] = ix + 1;
	comp->notes[ix].number = (int)comp->n_notes;
	comp->notes[ix].key = key;
	comp->notes[ix].doc = c->doc; /* a pack binds several documents */
	/* The note's text may refer to further notes, which may move the
	 * array: fill it in by index afterwards. */
	const struct note *note = model_find_note(c->doc, key);
	if (note) {
		struct rich content = richtext_inline(c, &note->text);
		comp->notes[ix].content = content;
	}
	return comp->notes[ix].number;
}

static void walk_inlines_in(struct walker *w, cmark_node *node,
			    struct rich *r);

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* A link's address as a PDF's /URI, which is 7-bit ASCII: a byte that
 * may not stand in a URI (RFC 3986, 2: non-ASCII, controls, space and
 * "<>\^`{|}), and a '%' that starts no %XX, is written %XX; the rest
 * stays as typed. parse_link.c has refused spaces and controls already. */
static const char *link_uri(struct arena *a, const char *url)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = url; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= ' ' || c >= 0x7F || strchr("\"<>\\^`{|}", c) ||
		    (c == '%' && !(is_hex(p[1]) && is_hex(p[2]))))
			strbuf_addf(&sb, "%%%02X", c);
		else
			strbuf_addc(&sb, (char)c);
	}
	return strbuf_finish(&sb, a);
}

/* Inline children of node into r. */
static void walk_inlines(struct walker *w, cmark_node *node, struct rich *r)
{
	if (w->depth >= RICH_MAX_DEPTH) {
		append_flat(w, node, r);
		return;
	}
	w->depth++;
	walk_inlines_in(w, node, r);
	w->depth--;
}

static void walk_inlines_in(struct walker *w, cmark_node *node,
			    struct rich *r)
{
	struct compose_ctx *c = w->c;
	for (cmark_node *n = cmark_node_first_child(node); n;
	     n = cmark_node_next(n)) {
		size_t start = r->len;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT: {
			/* A line break of the source is a space like any
			 * other: the text on both sides goes through
			 * nl_smarten as one, so that "(EU\nHV)" and "3
			 * en\n4 december" keep together as on one line. */
			struct strbuf sb = STRBUF_INIT;
			strbuf_adds(&sb, cmark_node_get_literal(n));
			for (cmark_node *m = cmark_node_next(n);
			     m && cmark_node_get_type(m) == CMARK_NODE_SOFTBREAK &&
			     cmark_node_next(m) && cmark_node_get_type(
				     cmark_node_next(m)) == CMARK_NODE_TEXT;
			     m = cmark_node_next(n)) {
				n = cmark_node_next(m);
				strbuf_addc(&sb, ' ');
				strbuf_adds(&sb, cmark_node_get_literal(n));
			}
			rich_append_text(c, r, strbuf_str(&sb),
					 w->style->hyphenate);
			strbuf_release(&sb);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
			rich_append_raw(r, " ", 1);
			break;
		case CMARK_NODE_LINEBREAK:
			rich_append_raw(r, "\xE2\x80\xA8", 3);
			break;
		case CMARK_NODE_CODE: {
			/* kept as typed, but for a tab: a space, as in text */
			const char *lit = tabs_as_spaces(
				c->scratch, cmark_node_get_literal(n));
			rich_append_raw(r, lit, strlen(lit));
			rich_add_span(r, (struct span){
				start, r->len, SPAN_CODE, NULL, 0, NULL });
			break;
		}
		case CMARK_NODE_HTML_INLINE:
			rich_append_text(c, r, cmark_node_get_literal(n), false);
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			walk_inlines(w, n, r);
			rich_add_span(r, (struct span){
				start, r->len,
				cmark_node_get_type(n) == CMARK_NODE_EMPH ?
				SPAN_ITALIC : SPAN_BOLD, NULL, 0, NULL });
			break;
		case CMARK_NODE_LINK:
			if (!strncmp(cmark_node_get_url(n), RICH_LANG_URL,
				     strlen(RICH_LANG_URL))) {
				const char *outer = c->lang;
				c->lang = arena_strdup(c->arena,
					cmark_node_get_url(n) +
					strlen(RICH_LANG_URL));
				walk_inlines(w, n, r);
				rich_add_span(r, (struct span){
					start, r->len, SPAN_LANG, NULL, 0,
					c->lang });
				c->lang = outer;
				break;
			}
			walk_inlines(w, n, r);
			rich_add_span(r, (struct span){
				start, r->len, SPAN_LINK,
				link_uri(c->arena, cmark_node_get_url(n)),
				0, NULL });
			break;
		case CMARK_NODE_IMAGE:
			walk_inlines(w, n, r);
			break;
		case CMARK_NODE_FOOTNOTE_REFERENCE: {
				long ix = strtol(cmark_node_get_literal(n),
						 NULL, 10);
				if (ix < 1 || (size_t)ix > w->n_note_keys)
					break;
				int no = footnote_number(
					c, w->note_keys[ix - 1]);
				char num[16];
				snprintf(num, sizeof num, "%d", no);
				rich_append_raw(r, num, strlen(num));
				rich_add_span(r, (struct span){
					start, r->len, SPAN_NOTEREF, NULL,
					no, NULL });
			break;
		}
		default:
			walk_inlines(w, n, r);
			break;
		}
	}
}

static struct block *text_block(struct walker *w, const struct style *style)
{
	struct block *b = compose_add_block(w->c->comp, BLOCK_TEXT);
	b->style = style;
	b->rich.pos = w->field->pos;
	b->rich.field = w->field;
	return b;
}

static void walk_table(struct walker *w, cmark_node *table)
{
	struct compose_ctx *c = w->c;
	int rows = 0, cols = 0;
	for (cmark_node *row = cmark_node_first_child(table); row;
	     row = cmark_node_next(row)) {
		int n = 0;
		for (cmark_node *cell = cmark_node_first_child(row); cell;
		     cell = cmark_node_next(cell))
			n++;
		cols = n > cols ? n : cols;
		rows++;
	}
	struct block *b = compose_add_block(c->comp, BLOCK_TABLE);
	b->style = layout_style(c->comp->layout, "table");
	b->table = arena_alloc(c->arena, sizeof *b->table);
	b->table->rows = rows;
	b->table->cols = cols;
	b->table->header_row = true;
	/* on the heap, so that they go with the block's text
	 * (compose_release_block) */
	size_t n_cells = (size_t)rows * (size_t)cols;
	b->table->cells = xrealloc_array(NULL, n_cells, sizeof(struct rich));
	memset(b->table->cells, 0, n_cells * sizeof(struct rich));
	const struct style *saved = w->style;
	w->style = b->style;
	int r = 0;
	for (cmark_node *row = cmark_node_first_child(table); row;
	     row = cmark_node_next(row), r++) {
		int k = 0;
		for (cmark_node *cell = cmark_node_first_child(row); cell;
		     cell = cmark_node_next(cell), k++) {
			struct rich *cr = &b->table->cells[r * cols + k];
			cr->pos = w->field->pos;
			cr->field = w->field;
			walk_inlines(w, cell, cr);
		}
	}
	w->style = saved;
}

static void walk_blocks_in(struct walker *w, cmark_node *node);

static void walk_blocks(struct walker *w, cmark_node *node)
{
	if (w->depth >= RICH_MAX_DEPTH) {
		append_flat(w, node, &text_block(w, w->style)->rich);
		return;
	}
	w->depth++;
	walk_blocks_in(w, node);
	w->depth--;
}

static void walk_blocks_in(struct walker *w, cmark_node *node)
{
	struct compose_ctx *c = w->c;
	const struct layout *l = c->comp->layout;
	for (cmark_node *n = cmark_node_first_child(node); n;
	     n = cmark_node_next(n)) {
		const char *type = cmark_node_get_type_string(n);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH: {
			bool in_list = w->list_depth > 0;
			struct block *b = text_block(
				w, in_list ? layout_style(l, "list") : w->style);
			walk_inlines(w, n, &b->rich);
			if (in_list) {
				b->indent_pt = l->list_indent_pt *
					       w->list_depth;
				int d = w->list_depth - 1;
				/* Only the item's first paragraph is labelled. */
				if (cmark_node_previous(n) == NULL) {
					b->label = w->list_ordered[d] ?
						arena_printf(c->arena, "%d.",
							     w->list_number[d]++) :
						"\xE2\x80\xA2";
				}
			}
			break;
		}
		case CMARK_NODE_HEADING: {
			struct block *b = text_block(w,
						     layout_style(l, "heading3"));
			walk_inlines(w, n, &b->rich);
			break;
		}
		case CMARK_NODE_LIST:
			if (w->list_depth < 8) {
				int d = w->list_depth;
				w->list_ordered[d] = cmark_node_get_list_type(n) ==
						     CMARK_ORDERED_LIST;
				w->list_number[d] = cmark_node_get_list_start(n);
				w->list_depth++;
				walk_blocks(w, n);
				w->list_depth--;
			} else {
				walk_blocks(w, n);
			}
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK: {
			struct block *b = text_block(w, w->style);
			rich_append_text(c, &b->rich, cmark_node_get_literal(n),
					 false);
			break;
		}
		case CMARK_NODE_THEMATIC_BREAK:
			break;
		default:
			if (!strcmp(type, "table"))
				walk_table(w, n);
			else if (cmark_node_get_type(n) !=
				 CMARK_NODE_FOOTNOTE_DEFINITION)
				walk_blocks(w, n); /* item, block quote */
			break;
		}
	}
}

/* A definition for each note the text refers to (only those: appending
 * all of a long report's notes to each of its fields made composing
 * quadratic). cmark drops definitions nobody refers to anyway. */
static void add_note_definitions(struct compose_ctx *c, const char *src,
				 struct strbuf *sb)
{
	const char **seen = NULL;
	size_t n_seen = 0, cap = 0;
	for (const char *p = src; p && (p = strstr(p, "[^")); p++) {
		const char *q = p + 2;
		while (*q && !strchr("][ \t\n", *q))
			q++;
		if (*q != ']' || q == p + 2)
			continue;
		const char *key = arena_strndup(c->arena, p + 2,
						(size_t)(q - p - 2));
		bool dup = false;
		for (size_t i = 0; i < n_seen && !dup; i++)
			dup = !strcmp(seen[i], key);
		if (dup || !model_find_note(c->doc, key))
			continue;
		ARENA_GROW(c->arena, seen, n_seen, cap);
		seen[n_seen++] = key;
		strbuf_addf(sb, "\n\n[^%s]: %s\n", key, key);
	}
}

/* A bracketed span with a language, [deliverables]{lang=en} (the
 * attribute syntax of Pandoc and markdown-it, which cmark-gfm does not
 * know and would print as typed), becomes a link to RICH_LANG_URL<lang>
 * before cmark-gfm parses the field: the walker takes such a link for a
 * language span. The text between the brackets has no brackets; the
 * language is 2 to 35 letters, digits and hyphens (BCP 47). */

static void rich_lang_spans(struct strbuf *sb, const char *src)
{
	const char *p = src;
	for (const char *open; (open = strchr(p, '['));) {
		const char *close = open + 1 + strcspn(open + 1, "[]\n");
		const char *attr = close + 1;
		size_t lang = 0;
		if (*close == ']' && !strncmp(attr, "{lang=", 6)) {
			lang = strspn(attr + 6, "abcdefghijklmnopqrstuvwxyz"
					       "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					       "0123456789-");
			if (lang < 2 || lang > 35 || attr[6 + lang] != '}' ||
			    close == open + 1 || (open > src && open[-1] == '\\'))
				lang = 0;
		}
		if (!lang) {
			strbuf_add(sb, p, (size_t)(open + 1 - p));
			p = open + 1;
			continue;
		}
		strbuf_add(sb, p, (size_t)(close + 1 - p));
		strbuf_addf(sb, "(" RICH_LANG_URL "%.*s)", (int)lang, attr + 6);
		p = attr + 6 + lang + 1;
	}
	strbuf_adds(sb, p);
}

/* Parse a field with its notes appended as definitions. */
static cmark_node *parse_field(struct compose_ctx *c, const struct text *t,
			       struct walker *w)
{
	static int registered;
	if (!registered) {
		cmark_gfm_core_extensions_ensure_registered();
		registered = 1;
	}
	struct strbuf sb = STRBUF_INIT;
	rich_lang_spans(&sb, t->src ? t->src : "");
	add_note_definitions(c, t->src, &sb);
	cmark_parser *p = cmark_parser_new(CMARK_OPT_FOOTNOTES);
	cmark_parser_attach_syntax_extension(
		p, cmark_find_syntax_extension("table"));
	cmark_parser_feed(p, strbuf_str(&sb), sb.len);
	cmark_node *doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	strbuf_release(&sb);

	/* Definitions come last, in the order of their index. */
	size_t n = 0;
	for (cmark_node *d = cmark_node_first_child(doc); d;
	     d = cmark_node_next(d))
		if (cmark_node_get_type(d) == CMARK_NODE_FOOTNOTE_DEFINITION)
			n++;
	w->note_keys = arena_array(c->arena, n + 1, sizeof(char *));
	w->n_note_keys = 0;
	for (cmark_node *d = cmark_node_first_child(doc); d;
	     d = cmark_node_next(d)) {
		if (cmark_node_get_type(d) != CMARK_NODE_FOOTNOTE_DEFINITION)
			continue;
		cmark_node *para = cmark_node_first_child(d);
		cmark_node *txt = para ? cmark_node_first_child(para) : NULL;
		const char *key = txt ? cmark_node_get_literal(txt) : NULL;
		w->note_keys[w->n_note_keys++] =
			arena_strdup(c->arena, key ? key : "");
	}
	return doc;
}

void richtext_blocks(struct compose_ctx *c, const struct text *field,
		     const struct style *style)
{
	if (!field->src)
		return;
	struct walker w = { .c = c, .style = style, .field = field };
	cmark_node *doc = parse_field(c, field, &w);
	walk_blocks(&w, doc);
	cmark_node_free(doc);
}

struct rich richtext_inline(struct compose_ctx *c, const struct text *field)
{
	struct rich r = { .pos = field->pos, .field = field };
	if (!field->src)
		return r;
	struct walker w = { .c = c, .field = field,
			    .style = layout_style(c->comp->layout,
						  "footnote") };
	cmark_node *doc = parse_field(c, field, &w);
	bool first = true;
	for (cmark_node *n = cmark_node_first_child(doc); n;
	     n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION)
			continue;
		if (!first)
			rich_append_raw(&r, " ", 1);
		walk_inlines(&w, n, &r);
		first = false;
	}
	cmark_node_free(doc);
	if (!r.text)
		rich_append_raw(&r, "", 0);
	return r;
}
