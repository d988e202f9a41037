/*
 * mail_address.c — the one rule for a mail address, and the .eml names.
 *
 * Input: a string as written in a meeting file or on the command line.
 * Output: NULL for an address dossier sends to, else the reason in a
 * sentence a policy officer can act on (which character, which part,
 * how long). The checks run in the order a reader would fix things:
 * characters no address can have, the @, the part before it, the domain,
 * the whole length. The value itself is never quoted whole: the caller
 * gives its place, and a hostile value could be 4 MB long.
 */
#include "mail_address.h"
#include "utf8.h"

#include <glib.h>
#include <stdbool.h>
#include <string.h>

/* RFC 5321 atext: what a dot-atom local part is made of besides dots. */
static bool atext(unsigned char c)
{
	return g_ascii_isalnum(c) || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

static bool ldh(unsigned char c)
{
	return g_ascii_isalnum(c) || c == '-';
}

/* Whether a reader sees u when it is printed: letters, marks, digits,
 * punctuation and symbols; not spaces, separators or format marks. */
static bool visible(gunichar u)
{
	switch (g_unichar_type(u)) {
	case G_UNICODE_CONTROL:
	case G_UNICODE_FORMAT:
	case G_UNICODE_UNASSIGNED:
	case G_UNICODE_PRIVATE_USE:
	case G_UNICODE_SURROGATE:
	case G_UNICODE_LINE_SEPARATOR:
	case G_UNICODE_PARAGRAPH_SEPARATOR:
	case G_UNICODE_SPACE_SEPARATOR:
		return false;
	default:
		return true;
	}
}

/* The first character that is not printable ASCII, described; NULL if
 * there is none. */
static const char *odd_character(struct arena *a, const char *s)
{
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == ' ')
			return "it has a space";
		if (c < 0x20 || c == 0x7f)
			return arena_printf(a, "it has the control character "
					    "U+%04X", c);
		if (c < 0x80)
			continue;
		uint32_t u;
		size_t len = utf8_decode(p, UTF8_TO_NUL, &u);
		if (u == UTF8_INVALID)
			return "it is not valid UTF-8";
		const char *how = "only addresses in plain ASCII can be sent "
				  "to (dossier does not use SMTPUTF8); write "
				  "a domain in its xn-- form";
		if (!visible(u))
			return arena_printf(a, "it has the invisible character "
					    "U+%04X; %s", (unsigned)u, how);
		return arena_printf(a, "it has the character '%.*s' (U+%04X); "
				    "%s", (int)len, p,
				    (unsigned)u, how);
	}
	return NULL;
}

/* The part before the @: a dot-atom of at most 64 octets. */
static const char *local_problem(struct arena *a, const char *s, size_t n)
{
	if (n == 0)
		return "there is nothing before the @";
	if (n > MAIL_LOCAL_MAX)
		return arena_printf(a, "the part before the @ is %zu "
				    "characters long; at most %d are allowed",
				    n, MAIL_LOCAL_MAX);
	for (size_t i = 0; i < n; i++)
		if (s[i] != '.' && !atext((unsigned char)s[i]))
			return arena_printf(a, "the part before the @ has '%c', "
					    "which is not allowed there (only "
					    "letters, digits, dots and "
					    "! # $ %% & ' * + - / = ? ^ _ ` "
					    "{ | } ~ are)", s[i]);
	if (s[0] == '.')
		return "the part before the @ starts with a dot";
	if (s[n - 1] == '.')
		return "the part before the @ ends with a dot";
	for (size_t i = 1; i < n; i++)
		if (s[i] == '.' && s[i - 1] == '.')
			return "the part before the @ has two dots in a row";
	return NULL;
}

/* The domain: labels of letters, digits and inner hyphens, dots between
 * them, at least one dot. */
static const char *domain_problem(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	if (n == 0)
		return "there is nothing after the @";
	if (s[0] == '[')
		return "an address literal such as [192.0.2.1] is not "
		       "accepted after the @; write the domain name";
	if (n > MAIL_DOMAIN_MAX)
		return arena_printf(a, "the domain after the @ is %zu "
				    "characters long; at most %d are allowed",
				    n, MAIL_DOMAIN_MAX);
	for (size_t i = 0; i < n; i++)
		if (s[i] != '.' && !ldh((unsigned char)s[i]))
			return arena_printf(a, "the domain after the @ has '%c', "
					    "which a domain cannot have (only "
					    "letters, digits, hyphens and "
					    "dots)", s[i]);
	if (s[0] == '.')
		return "the domain after the @ starts with a dot";
	if (s[n - 1] == '.')
		return "the domain after the @ ends with a dot";
	if (strstr(s, ".."))
		return "the domain after the @ has two dots in a row";
	if (!strchr(s, '.'))
		return "the domain after the @ has no dot; write it in full, "
		       "such as example.nl";
	for (const char *label = s; *label;) {
		size_t len = strcspn(label, ".");
		if (len > MAIL_LABEL_MAX)
			return arena_printf(a, "the domain after the @ has a "
					    "part of %zu characters between "
					    "dots; at most %d are allowed",
					    len, MAIL_LABEL_MAX);
		if (label[0] == '-' || label[len - 1] == '-')
			return "a part of the domain after the @ starts or "
			       "ends with a hyphen";
		label += len + (label[len] == '.');
	}
	return NULL;
}

const char *mail_address_problem(struct arena *a, const char *s)
{
	if (!*s)
		return "it is empty";
	const char *why = odd_character(a, s);
	if (why)
		return why;
	const char *at = strchr(s, '@');
	if (!at)
		return "there is no @ in it";
	if (strchr(at + 1, '@'))
		return "it has more than one @";
	if ((why = local_problem(a, s, (size_t)(at - s))) ||
	    (why = domain_problem(a, at + 1)))
		return why;
	size_t n = strlen(s);
	if (n > MAIL_ADDRESS_MAX)
		return arena_printf(a, "it is %zu characters long; at most %d "
				    "are allowed", n, MAIL_ADDRESS_MAX);
	return NULL;
}

/* ---- the names of --dry-run files ---- */

enum { EML_NAME_MAX = 255, EML_ID_PREFIX = 60, EML_ADDRESS_PREFIX = 80 };

static bool plain_name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || g_ascii_isdigit(c) ||
	       (c && strchr("._+@-", c));
}

/* An id of [a-z0-9] runs joined by single hyphens: its end is where the
 * first "--" of a name begins. */
static bool plain_id(const char *id)
{
	if (!*id || id[0] == '-' || id[strlen(id) - 1] == '-' ||
	    strstr(id, "--"))
		return false;
	for (const char *p = id; *p; p++)
		if (!plain_name_char((unsigned char)*p) || strchr("._+@", *p))
			return false;
	return true;
}

static bool plain_address(const char *s)
{
	for (; *s; s++)
		if (!plain_name_char((unsigned char)*s))
			return false;
	return true;
}

/* Up to max bytes of s, upper case lowered, anything else unsafe as _. */
static void add_readable(struct strbuf *sb, const char *s, size_t max)
{
	for (size_t i = 0; s[i] && i < max; i++) {
		unsigned char c = (unsigned char)s[i];
		strbuf_addc(sb, plain_name_char(c) ? (char)c :
			    g_ascii_isupper(c) ? (char)g_ascii_tolower(c) : '_');
	}
}

const char *mail_eml_name(struct arena *a, const char *id,
			  const char *address)
{
	if (plain_id(id) && plain_address(address) &&
	    strlen(id) + strlen(address) + strlen("--.eml") <= EML_NAME_MAX)
		return arena_printf(a, "%s--%s.eml", id, address);
	/* '=' is in no plain name, and the hash is of the pair as written
	 * (an id has no NUL), so this name is no other pair's. */
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(ck, (const guchar *)id, (gssize)strlen(id) + 1);
	g_checksum_update(ck, (const guchar *)address, -1);
	struct strbuf sb = STRBUF_INIT;
	add_readable(&sb, id, EML_ID_PREFIX);
	strbuf_adds(&sb, "--");
	add_readable(&sb, address, EML_ADDRESS_PREFIX);
	strbuf_addf(&sb, "=%s.eml", g_checksum_get_string(ck));
	g_checksum_free(ck);
	return strbuf_finish(&sb, a);
}
