/*
 * mail_text.c — the words of a message: subject, headers, Dutch body.
 *
 * Header values that are not plain ASCII become RFC 2047 encoded-words
 * (UTF-8, base64), split only between whole characters so "Oekraïne"
 * survives any mail reader. The body names the meeting, its dates and place
 * as nl.c writes them, the classification, and the table of contents (the
 * section headings), in plain text with CRLF line ends, between the
 * layout's salutation and closing; the sender signs it and the last line
 * says whom to ask.
 */
#include "mail.h"

#include <assert.h>
#include <glib.h>
#include <string.h>

#include "compose.h"
#include "nl.h"
#include "utf8.h"

/* RFC 2047 §2: an encoded-word is at most 75 characters; "=?UTF-8?B?" and
 * "?=" leave 63 for base64, which is 45 bytes of text (a multiple of 3). */
enum { WORD_BYTES = 45 };

static bool plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

/* Bytes of s (at most max) that end on a character boundary. */
static size_t whole_chars(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return n;
	max = utf8_back(s, max);
	assert(max > 0);
	return max;
}

char *mail_header_text(struct arena *a, const char *utf8)
{
	if (plain_ascii(utf8) && !strstr(utf8, "=?"))
		return arena_strdup(a, utf8);
	/* Line breaks and tabs in the data are spaces in a header. */
	char *s = arena_strdup(a, utf8);
	for (char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	struct strbuf sb = STRBUF_INIT;
	while (*s) {
		size_t n = whole_chars(s, WORD_BYTES);
		gchar *b64 = g_base64_encode((const guchar *)s, n);
		/* Each word on a line of its own: any header name fits. */
		strbuf_addf(&sb, "%s=?UTF-8?B?%s?=", sb.len ? "\r\n " : "",
			    b64);
		g_free(b64);
		s += n;
	}
	return strbuf_finish(&sb, a);
}

char *mail_date(struct arena *a, time_t t)
{
	static const char *const day[] = { "Sun", "Mon", "Tue", "Wed",
					   "Thu", "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr",
					   "May", "Jun", "Jul", "Aug",
					   "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	gmtime_r(&t, &tm);
	return arena_printf(a, "%s, %02d %s %04d %02d:%02d:%02d +0000",
			    day[tm.tm_wday], tm.tm_mday, mon[tm.tm_mon],
			    tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
			    tm.tm_sec);
}

char *mail_subject(struct arena *a, const struct document *doc)
{
	const char *title = compose_title(a, doc);
	if (doc->classification.src)
		return arena_printf(a, "[%s] %s", doc->classification.src,
				    title);
	return arena_strdup(a, title);
}

/* "1.2 Heading" lines of the sections, indented by level. */
static void add_contents(struct arena *a, struct strbuf *sb,
			 const struct section *s, size_t n, const char *number)
{
	for (size_t i = 0; i < n; i++, s++) {
		char *num = arena_printf(a, "%s%s%zu", number,
					 *number ? "." : "", i + 1);
		strbuf_addf(sb, "%*s%s %s\r\n", 2 * s->level, "", num,
			    s->heading.src);
		add_contents(a, sb, s->sections, s->n_sections, num);
	}
}

/* "woensdag 3 december 2025", or a span of days as nl.c writes it. */
static char *meeting_dates(struct arena *a, const struct meeting_info *m)
{
	if (m->n_dates == 1)
		return nl_date_weekday(a, m->dates[0]);
	return nl_date_span(a, m->dates, m->n_dates);
}

static char *size_text(struct arena *a, size_t bytes)
{
	if (bytes < 1000 * 1000)
		return arena_printf(a, "%s kB",
				    nl_number(a, (double)bytes / 1000.0, 0));
	return arena_printf(a, "%s MB",
			    nl_number(a, (double)bytes / 1e6, 1));
}

struct mail_words mail_words_of(struct arena *a, const struct document *doc,
				const char *salutation, const char *closing,
				const char *from)
{
	(void)a;
	const char *author = doc->author.src ? doc->author.src
					     : "Ministerie van Buitenlandse Zaken";
	return (struct mail_words){
		.salutation = salutation,
		.closing = closing,
		.signer = doc->sender.name.src ? doc->sender.name.src : author,
		.contact = doc->sender.contact.src,
		.address = doc->sender.email.src ? doc->sender.email.src : from,
	};
}

char *mail_body(struct arena *a, const struct document *doc,
		const struct recipient *to, const struct mail_words *w,
		const char *pdf_name, size_t pdf_len)
{
	const struct meeting_info *m = &doc->meeting;
	struct strbuf sb = STRBUF_INIT;
	(void)to; /* the To: header names them; the salutation is the layout's */
	if (w->salutation)
		strbuf_addf(&sb, "%s\r\n\r\n", w->salutation);
	strbuf_addf(&sb, "Hierbij ontvangt u: %s\r\n\r\n",
		    compose_title(a, doc));
	strbuf_addf(&sb, "Vergadering: %s\r\n", compose_meeting_name(a, doc));
	strbuf_addf(&sb, "Datum: %s\r\n", meeting_dates(a, m));
	strbuf_addf(&sb, "Plaats: %s%s%s\r\n", m->place.src,
		    m->venue.src ? ", " : "", m->venue.src ? m->venue.src :
		    "");
	if (doc->classification.src)
		strbuf_addf(&sb, "Rubricering: %s\r\n",
			    doc->classification.src);
	strbuf_adds(&sb, "\r\nInhoud:\r\n");
	add_contents(a, &sb, doc->sections, doc->n_sections, "");
	strbuf_addf(&sb, "\r\nBijlage: %s (PDF, %s)\r\n\r\n", pdf_name,
		    size_text(a, pdf_len));
	if (w->closing)
		strbuf_addf(&sb, "%s\r\n\r\n", w->closing);
	strbuf_addf(&sb, "%s\r\n", w->signer);
	if (doc->author.src && strcmp(doc->author.src, w->signer) != 0)
		strbuf_addf(&sb, "%s\r\n", doc->author.src);
	if (w->contact)
		strbuf_addf(&sb, "\r\n%s\r\n", w->contact);
	else
		strbuf_addf(&sb, "\r\nVragen over dit bericht: %s, %s\r\n",
			    w->signer, w->address);
	strbuf_adds(&sb, "Dit bericht is automatisch verstuurd door "
			 "dossier.\r\n");
	return strbuf_finish(&sb, a);
}
