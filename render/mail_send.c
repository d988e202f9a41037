/*
 * mail_send.c — one message built with libcurl's MIME API, then sent.
 *
 * The headers (Date, From, To, Subject, Message-ID) go in as the top-level
 * headers, the Dutch text as text/plain (quoted-printable) and the PDF as
 * application/pdf (base64) with its file name. smtps:// URLs use TLS from
 * the start; smtp:// upgrades with STARTTLS when the server offers it, and
 * insists on it when a password is to be sent. A dry run sends the very
 * same bytes through libcurl to a sink thread on a private Unix socket,
 * which speaks just enough SMTP to write the message to an .eml file.
 */
#include "mail.h"

#include <assert.h>
#include <curl/curl.h>
#include <glib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "mail_address.h"
#include "output.h"

struct mail_transport {
	CURL *curl; /* one handle for the run: libcurl keeps the connection */
	const char *url;     /* NULL: dry run */
	const char *eml_dir;
	const char *cacert; /* NULL: the system's CA certificates */
	char err[CURL_ERROR_SIZE];
	char reply[160]; /* the server's last answer, printable ASCII */
};

struct mail_transport *mail_transport_create(const char *url,
					     const char *eml_dir,
					     const char *cacert)
{
	assert(url || eml_dir);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return NULL;
	struct mail_transport *t = calloc(1, sizeof *t);
	if (!t)
		abort();
	t->curl = curl_easy_init();
	t->url = url;
	t->eml_dir = eml_dir;
	t->cacert = cacert;
	if (!t->curl) {
		mail_transport_destroy(t);
		return NULL;
	}
	return t;
}

void mail_transport_destroy(struct mail_transport *t)
{
	if (!t)
		return;
	if (t->curl)
		curl_easy_cleanup(t->curl);
	free(t);
	curl_global_cleanup();
}

/* A quoted string (RFC 5322 §3.2.4): \ and " get a backslash. */
static char *quoted(struct arena *a, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addc(&sb, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_addc(&sb, '\\');
		strbuf_addc(&sb, *s);
	}
	strbuf_addc(&sb, '"');
	return strbuf_finish(&sb, a);
}

/* "Name <address>" with the name encoded or quoted when it needs to be. */
static char *mailbox(struct arena *a, const char *name, const char *addr)
{
	if (!name)
		return arena_printf(a, "<%s>", addr);
	char *n = mail_header_text(a, name);
	if (strncmp(n, "=?", 2) && strpbrk(n, "()<>[]:;@\\,.\""))
		n = quoted(a, n);
	return arena_printf(a, "%s <%s>", n, addr);
}

static struct curl_slist *headers(struct arena *a, const struct mail_msg *m)
{
	const char *lines[] = {
		arena_printf(a, "Date: %s", mail_date(a, m->date)),
		arena_printf(a, "From: %s", mailbox(a, m->from_name, m->from)),
		arena_printf(a, "To: %s", mailbox(a, m->to->name.src,
						  m->to->email.src)),
		arena_printf(a, "Subject: %s",
			     mail_header_text(a, m->subject)),
		arena_printf(a, "Message-ID: %s", m->message_id),
		/* RFC 3834: no vacation replies, no loops */
		"Auto-Submitted: auto-generated",
	};
	struct curl_slist *list = NULL;
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
		list = curl_slist_append(list, lines[i]);
	return list;
}

static curl_mime *build_mime(CURL *c, const struct mail_msg *m)
{
	curl_mime *mime = curl_mime_init(c);
	curl_mimepart *text = curl_mime_addpart(mime);
	curl_mime_data(text, m->body, CURL_ZERO_TERMINATED);
	curl_mime_type(text, "text/plain; charset=UTF-8");
	curl_mime_encoder(text, "quoted-printable");
	curl_mimepart *pdf = curl_mime_addpart(mime);
	curl_mime_data(pdf, (const char *)m->pdf, m->pdf_len);
	curl_mime_type(pdf, "application/pdf");
	curl_mime_filename(pdf, m->pdf_name);
	curl_mime_encoder(pdf, "base64");
	return mime;
}

/* libcurl's trace, for the one thing it alone has: the words of the
 * server's last refusal ("451 4.3.0 Mailbox busy"; not the "221 Bye"
 * that follows it), kept to put in a message. Only printable ASCII of
 * it: the server's text goes to a terminal. */
static int keep_reply(CURL *c, curl_infotype type, char *data, size_t n,
		      void *arg)
{
	(void)c;
	struct mail_transport *t = arg;
	if (type != CURLINFO_HEADER_IN || n < 3 ||
	    (data[0] != '4' && data[0] != '5'))
		return 0;
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof t->reply; i++)
		if (data[i] >= ' ' && data[i] <= '~')
			t->reply[k++] = data[i];
	t->reply[k] = '\0';
	return 0;
}

static void set_server(struct mail_transport *t)
{
	CURL *c = t->curl;
	const char *user = getenv("DOSSIER_SMTP_USER");
	const char *pass = getenv("DOSSIER_SMTP_PASSWORD");
	bool login = user && *user;
	curl_easy_setopt(c, CURLOPT_URL, t->url);
	/* smtps:// is TLS from the start whatever this says. */
	curl_easy_setopt(c, CURLOPT_USE_SSL,
			 (long)(login ? CURLUSESSL_ALL : CURLUSESSL_TRY));
	if (login) {
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, pass ? pass : "");
	}
	if (t->cacert)
		curl_easy_setopt(c, CURLOPT_CAINFO, t->cacert);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
	/* A server that stops answering for a minute is given up on. */
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
}

/* ---- the dry-run sink ---- */

/* A Unix socket in a private folder: no other program sees the message. */
struct sink {
	char dir[32];
	char path[48];
	int listen_fd;
	FILE *out;
	bool got_message;
};

static void sink_say(int fd, const char *s)
{
	size_t n = strlen(s);
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* The message after DATA, up to the lone ".", without dot-stuffing. */
static void sink_data(struct sink *k, FILE *in)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, in)) > 0) {
		if (!strcmp(line, ".\r\n")) {
			k->got_message = true;
			break;
		}
		const char *p = line[0] == '.' ? line + 1 : line;
		fwrite(p, 1, (size_t)n - (size_t)(p - line), k->out);
	}
	free(line);
}

/* Just enough SMTP for libcurl: every command is fine, DATA is kept. */
static void sink_serve(struct sink *k, int fd)
{
	FILE *in = fdopen(dup(fd), "r");
	if (!in)
		return;
	sink_say(fd, "220 dossier dry run\r\n");
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, in) > 0) {
		if (!strncasecmp(line, "QUIT", 4)) {
			sink_say(fd, "221 bye\r\n");
			break;
		}
		if (!strncasecmp(line, "DATA", 4)) {
			sink_say(fd, "354 go on\r\n");
			sink_data(k, in);
		}
		sink_say(fd, "250 ok\r\n");
	}
	free(line);
	fclose(in);
}

static void *sink_run(void *arg)
{
	struct sink *k = arg;
	int fd = accept(k->listen_fd, NULL, NULL);
	if (fd >= 0) {
		sink_serve(k, fd);
		close(fd);
	}
	return NULL;
}

static bool sink_open(struct sink *k)
{
	strcpy(k->dir, "/tmp/dossier-eml-XXXXXX");
	if (!mkdtemp(k->dir))
		return false;
	snprintf(k->path, sizeof k->path, "%s/smtp", k->dir);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	strcpy(sa.sun_path, k->path);
	k->listen_fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (k->listen_fd >= 0 &&
	    bind(k->listen_fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
	    listen(k->listen_fd, 1) == 0)
		return true;
	if (k->listen_fd >= 0)
		close(k->listen_fd);
	rmdir(k->dir);
	return false;
}

static void sink_close(struct sink *k)
{
	close(k->listen_fd);
	unlink(k->path);
	rmdir(k->dir);
}

/* ---- one transfer ---- */

static bool unreachable(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_USE_SSL_FAILED:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_GOT_NOTHING:
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return true;
	default:
		return false;
	}
}

static enum mail_result classify(struct mail_transport *t, struct arena *a,
				 CURLcode rc, const char **why)
{
	if (rc == CURLE_OK)
		return MAIL_SENT;
	const char *detail = t->err[0] ? t->err : curl_easy_strerror(rc);
	long code = 0;
	curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
	if (rc == CURLE_LOGIN_DENIED) {
		*why = "the mail server did not accept the login of "
		       "$DOSSIER_SMTP_USER";
		return MAIL_UNREACHABLE;
	}
	if (unreachable(rc)) {
		*why = arena_printf(a, "cannot reach the mail server: %s",
				    detail);
		return MAIL_UNREACHABLE;
	}
	/* RFC 5321 §4.2.1: 4yz is a transient failure, whatever the
	 * command; 5yz is final. */
	if (code >= 400 && code < 500) {
		*why = arena_printf(a, "the mail server cannot take it now "
				    "(%s); the next run tries again",
				    t->reply[0] ? t->reply : detail);
		return MAIL_FAILED;
	}
	if (code >= 500) {
		*why = arena_printf(a, "refused by the mail server (%s)",
				    t->reply[0] ? t->reply : detail);
		return MAIL_REFUSED;
	}
	*why = arena_printf(a, "not sent: %s", detail);
	return MAIL_FAILED;
}

static CURLcode perform(struct mail_transport *t, struct arena *a,
			const struct mail_msg *m)
{
	CURL *c = t->curl;
	struct curl_slist *hdr = headers(a, m);
	struct curl_slist *rcpt = curl_slist_append(NULL,
		arena_printf(a, "<%s>", m->to->email.src));
	curl_mime *mime = build_mime(c, m);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, arena_printf(a, "<%s>",
							    m->from));
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, t->err);
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, keep_reply);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, t);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L); /* for keep_reply only */
	t->err[0] = '\0';
	t->reply[0] = '\0';
	CURLcode rc = curl_easy_perform(c);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, NULL);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, NULL);
	curl_mime_free(mime);
	curl_slist_free_all(rcpt);
	curl_slist_free_all(hdr);
	return rc;
}

/* The message through libcurl into the sink, and so into the .eml file. */
static enum mail_result dry_run(struct mail_transport *t, struct arena *a,
				const struct mail_msg *m, const char **why)
{
	const char *path = arena_printf(a, "%s/%s", t->eml_dir,
					mail_eml_name(a, m->doc->id,
						      m->to->email.src));
	struct diags d;
	diags_init(&d, a);
	struct output o;
	if (!output_open(&o, path, &d)) {
		*why = arena_printf(a, "%s: %s", path, d.first->message);
		return MAIL_FAILED;
	}
	struct sink k = { .out = o.fp };
	pthread_t th;
	if (!sink_open(&k) || pthread_create(&th, NULL, sink_run, &k) != 0) {
		output_abort(&o);
		*why = arena_printf(a, "%s: cannot write it here", path);
		return MAIL_FAILED;
	}
	CURL *c = t->curl;
	curl_easy_setopt(c, CURLOPT_URL, "smtp://localhost/dry-run");
	curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, k.path);
	curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
	CURLcode rc = perform(t, a, m);
	shutdown(k.listen_fd, SHUT_RDWR); /* ends accept() if never called */
	pthread_join(th, NULL);
	sink_close(&k);
	if (rc != CURLE_OK || !k.got_message) {
		output_abort(&o);
		*why = arena_printf(a, "%s: not written: %s", path,
				    t->err[0] ? t->err :
				    curl_easy_strerror(rc));
		return MAIL_FAILED;
	}
	if (!output_commit(&o, &d)) {
		*why = arena_printf(a, "%s: %s", path, d.first->message);
		return MAIL_FAILED;
	}
	return MAIL_SENT;
}

enum mail_result mail_send(struct mail_transport *t, struct arena *a,
			   const struct mail_msg *m, const char **why)
{
	*why = NULL;
	if (!t->url)
		return dry_run(t, a, m, why);
	set_server(t);
	return classify(t, a, perform(t, a, m), why);
}
