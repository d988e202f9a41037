/*
 * parse_link.c — the links in rich text: https, http and mailto only.
 *
 * Our PDFs are mailed to parliament: a javascript: or file: link in one
 * would be live, and a link without a scheme (www.…) a relative URI that
 * leads nowhere. cmark-gfm reads each rich-text field as compose will, so
 * a link written with entities, as a reference or as an autolink is seen
 * as the address it becomes; every address that is not an absolute
 * https, http or mailto URL without spaces or control characters is
 * refused at the place where its link starts.
 */
#include "parse.h"
#include "utf8.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <string.h>
#include <strings.h>

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The length of url's scheme (RFC 3986, 3.1: a letter, then letters,
 * digits, '+', '-' or '.', then ':'), or 0. */
static size_t scheme_len(const char *url)
{
	if (!is_alpha(url[0]))
		return 0;
	size_t n = 1;
	while (is_alpha(url[n]) || (url[n] >= '0' && url[n] <= '9') ||
	       url[n] == '+' || url[n] == '-' || url[n] == '.')
		n++;
	return url[n] == ':' ? n : 0;
}

static bool scheme_is(const char *url, size_t n, const char *name)
{
	return n == strlen(name) && !strncasecmp(url, name, n);
}

/* Why url may not be a link in a document, or NULL when it may. */
static const char *link_problem(struct pctx *pc, const char *url)
{
	const char *snip = parse_snip(pc, url);
	size_t n = scheme_len(url);
	if (!n && !strncasecmp(url, "www.", 4))
		return arena_printf(pc->a, "link '%s' has no scheme: write "
				    "https://%s", snip, snip);
	if (!*url)
		return "a link needs an address: write it with https://, "
		       "http:// or mailto:";
	if (!n)
		return arena_printf(pc->a, "link '%s' is not a whole address: "
				    "write it with https://, http:// or mailto:",
				    snip);
	if (scheme_is(url, n, "http") || scheme_is(url, n, "https")) {
		const char *host = url + n + 1;
		if (strncmp(host, "//", 2) || !host[2] ||
		    strchr("/?#", host[2]))
			return arena_printf(pc->a, "link '%s' has no host: "
					    "write %.*s://host/…", snip,
					    (int)n, url);
	} else if (scheme_is(url, n, "mailto")) {
		if (!url[n + 1])
			return arena_printf(pc->a, "link '%s' has no address",
					    snip);
	} else {
		return arena_printf(pc->a, "link '%s' uses the scheme '%.*s:'; "
				    "only https://, http:// and mailto: links "
				    "are allowed", snip, (int)n, url);
	}
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p == ' ')
			return arena_printf(pc->a, "link '%s' holds a space; "
					    "write it as %%20", snip);
		if (*p < ' ' || *p == 0x7F)
			return arena_printf(pc->a, "link '%s' holds a control "
					    "character (U+%04X)", snip, *p);
	}
	return NULL;
}

/* The byte offset in src of a link that cmark places at 1-based line
 * and column. cmark's column drifts after entities and escapes earlier
 * on the line, so it is moved to the nearest '[' or '<' (a link's first
 * character) on that line. */
static size_t near_offset(const char *src, int line, int col,
			  const char *marks)
{
	size_t off = 0;
	for (int l = 1; l < line; l++) {
		const char *nl = strchr(src + off, '\n');
		if (!nl)
			break;
		off = (size_t)(nl - src) + 1;
	}
	size_t len = strcspn(src + off, "\n");
	size_t c = col > 1 ? (size_t)col - 1 : 0;
	c = c < len ? c : len;
	for (size_t k = 0; k <= len; k++) {
		if (c + k < len && strchr(marks, src[off + c + k]))
			return off + c + k;
		if (k <= c && strchr(marks, src[off + c - k]) && src[off + c - k])
			return off + c - k;
	}
	return off + c;
}

/* The first character of a text node that cannot stand in a value: an
 * entity (&#7;, &#xE000;) can write one that parse.c never saw. */
static void check_entity_chars(struct pctx *pc, const struct text *t,
			       cmark_node *n)
{
	const char *u = cmark_node_get_literal(n);
	for (size_t i = 0; u && u[i];) {
		uint32_t c;
		i += utf8_decode(u + i, UTF8_TO_NUL, &c);
		const char *why = parse_char_refused(c);
		if (why) {
			parse_error(pc, model_text_pos(t, near_offset(
					t->src, cmark_node_get_start_line(n),
					cmark_node_get_start_column(n), "&")),
				    "U+%04X, written as a character reference, "
				    "is %s: remove it", (unsigned)c, why);
			return;
		}
	}
}

void parse_check_links(struct pctx *pc, const struct text *t)
{
	if (!t->src || !strpbrk(t->src, "[<&"))
		return; /* no link nor entity is written without these */
	cmark_gfm_core_extensions_ensure_registered();
	/* The options and extensions of compose_richtext.c. */
	cmark_parser *p = cmark_parser_new(CMARK_OPT_FOOTNOTES);
	cmark_parser_attach_syntax_extension(
		p, cmark_find_syntax_extension("table"));
	cmark_parser_feed(p, t->src, strlen(t->src));
	cmark_node *doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	cmark_iter *it = cmark_iter_new(doc);
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_TEXT &&
		    strchr(t->src, '&'))
			check_entity_chars(pc, t, n);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_LINK)
			continue;
		const char *url = cmark_node_get_url(n);
		const char *why = link_problem(pc, url ? url : "");
		if (why)
			parse_error(pc, model_text_pos(t, near_offset(
					t->src, cmark_node_get_start_line(n),
					cmark_node_get_start_column(n), "[<")),
				    "%s", why);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}
