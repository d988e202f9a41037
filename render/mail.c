/*
 * mail.c — `dossier mail FILE... --smtp URL`: send each PDF to its readers.
 *
 * Per meeting file: parse it, refuse a classified one without
 * --allow-classified, render DIR/<id>.pdf when it is missing or older than
 * its inputs, refuse it when over --max-size, then one message per
 * recipient of `distribution`. DIR/sent.log holds a line "<sha256 of the
 * PDF> <address>" per message the server accepted, rewritten whole after
 * each one, so a second run sends only what is new or changed; a run
 * waits while another holds DIR/sent.lock. A server
 * that cannot be reached stops the run (exit 69) and logs nothing.
 */
#include "mail.h"
#include "pack.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "output.h"
#include "pipeline.h"

static const char mail_usage[] =
	"usage: dossier mail FILE... --smtp URL [--from ADDRESS] [-o DIR]\n"
	"                   [--dry-run EMLDIR] [--allow-classified] "
	"[--max-size BYTES]\n"
	"                   [--cacert FILE]\n"
	"Sends DIR/<id>.pdf (default DIR: out; rendered when missing or "
	"stale) to\neach recipient in the file's 'distribution'. URL: "
	"smtp://host[:port] (STARTTLS\nwhen offered, required with a "
	"login) or smtps://host[:port]. Login from\n$DOSSIER_SMTP_USER and "
	"$DOSSIER_SMTP_PASSWORD; --cacert: the CA certificates\nthe "
	"server's certificate is checked against (default: the system's).\n"
	"--dry-run writes .eml files instead of sending. Exit status: 0 done, 2 usage, 65 bad data or PDF too\n"
	"large, 67 a recipient refused, 69 server unreachable, 75 a message "
	"failed,\n77 classified without --allow-classified.\n";

struct mail_run {
	const char *smtp, *from, *out_dir, *eml_dir, *cacert;
	bool allow_classified;
	long long max_size;
	const char **files;
	int n_files;
	struct pipeline pipe;
	bool pipe_open;
	struct arena *arena; /* lives as long as the run */
	struct mail_transport *transport;
	struct strbuf log;   /* "\n" then the lines of sent.log */
	const char *log_path;
	int status;
	bool stop;           /* the server cannot be reached */
};

static int mail_usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "dossier mail: %s%s\n\n%s", what, arg, mail_usage);
	return EXIT_USAGE;
}

/* The option's value, or NULL when there is none. */
static const char *opt_value(int argc, char **argv, int *i)
{
	return *i + 1 < argc ? argv[++*i] : NULL;
}

/* One address, nothing that could end a header or an SMTP command. */
static bool plain_address(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || !at[1] || strchr(at + 1, '@'))
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || strchr("<>,;\"()", *s))
			return false;
	return true;
}

static int parse_args(struct mail_run *r, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], **dst = NULL;
		if (!strcmp(o, "--smtp"))
			dst = &r->smtp;
		else if (!strcmp(o, "--from"))
			dst = &r->from;
		else if (!strcmp(o, "-o") || !strcmp(o, "--output"))
			dst = &r->out_dir;
		else if (!strcmp(o, "--dry-run"))
			dst = &r->eml_dir;
		else if (!strcmp(o, "--cacert"))
			dst = &r->cacert;
		if (dst) {
			if (!(*dst = opt_value(argc, argv, &i)))
				return mail_usage_error("a value is missing "
							"after ", o);
		} else if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
			fputs(mail_usage, stdout);
			return -1;
		} else if (!strcmp(o, "--allow-classified")) {
			r->allow_classified = true;
		} else if (!strcmp(o, "--max-size")) {
			const char *v = opt_value(argc, argv, &i);
			char *end = NULL;
			r->max_size = v ? strtoll(v, &end, 10) : -1;
			if (!v || *end || r->max_size <= 0)
				return mail_usage_error("--max-size needs a "
							"number of bytes", "");
		} else if (o[0] == '-' && o[1]) {
			return mail_usage_error("unknown option ", o);
		} else {
			r->files[r->n_files++] = o;
		}
	}
	if (!r->n_files)
		return mail_usage_error("name at least one meeting file", "");
	if (r->from && !plain_address(r->from))
		return mail_usage_error("--from needs an address such as "
					"naam@example.nl; got ", r->from);
	if (!r->smtp && !r->eml_dir)
		return mail_usage_error("say which server with --smtp URL, "
					"or --dry-run DIR", "");
	return EXIT_DONE;
}

static bool make_dir(const char *dir)
{
	if (g_mkdir_with_parents(dir, 0777) == 0)
		return true;
	fprintf(stderr, "%s: cannot create the folder: %s\n", dir,
		strerror(errno));
	return false;
}

/* ---- the send log ---- */

/* Two runs at once into the same DIR would both find a recipient missing
 * from the log and both send: the second waits here for the first. The
 * lock goes with the process (POSIX record lock on DIR/sent.lock). */
static void log_lock(struct mail_run *r)
{
	const char *path = arena_printf(r->arena, "%s/sent.lock", r->out_dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	if (fd < 0 || fcntl(fd, F_SETLKW, &fl) != 0) {
		fprintf(stderr, "%s: cannot lock the send log: %s\n", path,
			strerror(errno));
		r->status = EXIT_CANTCREAT;
		r->stop = true;
	}
	/* fd stays open until the process ends, and the lock with it. */
}

static void log_load(struct mail_run *r)
{
	r->log_path = arena_printf(r->arena, "%s/sent.log", r->out_dir);
	strbuf_addc(&r->log, '\n');
	gchar *text = NULL;
	gsize len = 0;
	if (g_file_get_contents(r->log_path, &text, &len, NULL))
		strbuf_add(&r->log, text, len);
	g_free(text);
}

static bool log_has(struct mail_run *r, struct arena *a, const char *hash,
		    const char *email)
{
	return strstr(strbuf_str(&r->log),
		      arena_printf(a, "\n%s %s\n", hash, email)) != NULL;
}

/* Add a line and write the whole log beside itself, then rename. */
static void log_add(struct mail_run *r, struct diags *d, const char *hash,
		    const char *email)
{
	strbuf_addf(&r->log, "%s %s\n", hash, email);
	struct output o;
	if (!output_open(&o, r->log_path, d))
		return;
	fputs(strbuf_str(&r->log) + 1, o.fp);
	output_commit(&o, d);
}

/* ---- the PDF ---- */

static bool newer(const char *input, const struct stat *pdf)
{
	struct stat st;
	if (!input || stat(input, &st) != 0)
		return false;
	return st.st_mtim.tv_sec > pdf->st_mtim.tv_sec ||
	       (st.st_mtim.tv_sec == pdf->st_mtim.tv_sec &&
		st.st_mtim.tv_nsec > pdf->st_mtim.tv_nsec);
}

/* Missing, or older than the meeting file, its data files, its annexes
 * or its layout. */
static bool pdf_stale(struct mail_run *r, struct arena *a,
		      const struct document *doc, const char *pdf)
{
	struct stat st;
	if (stat(pdf, &st) != 0)
		return true;
	bool stale = newer(doc->path, &st) ||
		     newer(pipeline_layout_path(&r->pipe, a, doc), &st);
	for (size_t i = 0; i < doc->n_data; i++)
		stale = stale || newer(doc->data[i].resolved, &st);
	for (size_t i = 0; i < doc->n_annexes; i++)
		stale = stale || newer(doc->annexes[i].resolved, &st);
	return stale;
}

/* Fonts and patterns, loaded only when a PDF has to be rendered. */
static bool open_pipeline(struct mail_run *r)
{
	if (r->pipe_open)
		return !r->stop;
	struct diags setup;
	diags_init(&setup, r->arena);
	r->pipe_open = true;
	if (pipeline_open(&r->pipe, r->arena, &setup))
		return true;
	diags_print(&setup, stderr);
	r->status = setup.status;
	r->stop = true;
	return false;
}

/* The up-to-date PDF's path, rendering it when needed; NULL with diags. */
static const char *fresh_pdf(struct mail_run *r, struct arena *a,
			     const struct document *doc, struct diags *d)
{
	if (!r->pipe.home)
		r->pipe.home = pipeline_home(r->arena);
	const char *pdf = arena_printf(a, "%s/%s.pdf", r->out_dir, doc->id);
	if (!pdf_stale(r, a, doc, pdf))
		return pdf;
	if (!open_pipeline(r))
		return NULL;
	return pipeline_render(&r->pipe, a, doc, r->out_dir, NULL, d);
}

/* ---- the messages ---- */

static time_t message_time(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch && *epoch) {
		char *end;
		long long t = strtoll(epoch, &end, 10);
		if (!*end && t >= 0)
			return (time_t)t;
	}
	return time(NULL);
}

static const char *message_id(struct arena *a, const char *hash,
			      const char *email, const char *from)
{
	const char *at = strrchr(from, '@');
	gchar *key = g_compute_checksum_for_string(G_CHECKSUM_SHA256,
		arena_printf(a, "%s %s", hash, email), -1);
	const char *id = arena_printf(a, "<%.24s.%.12s@%s>", key, hash,
				      at ? at + 1 : "dossier.invalid");
	g_free(key);
	return id;
}

static void fail(struct mail_run *r, int status)
{
	if (status == EXIT_UNAVAILABLE || r->status == EXIT_DONE)
		r->status = status;
}

/* One message to one recipient, unless the log says it went already. */
static void send_one(struct mail_run *r, struct arena *a, struct diags *d,
		     struct mail_msg *m, const char *hash)
{
	const struct recipient *to = m->to;
	if (log_has(r, a, hash, to->email.src)) {
		printf("%s: %s has it already\n", m->pdf_name, to->email.src);
		return;
	}
	m->body = mail_body(a, m->doc, to, m->pdf_name, m->pdf_len);
	m->message_id = message_id(a, hash, to->email.src, m->from);
	const char *why;
	switch (mail_send(r->transport, a, m, &why)) {
	case MAIL_SENT:
		printf("%s: %s %s\n", m->pdf_name, r->eml_dir ? "written for" :
		       "sent to", to->email.src);
		if (!r->eml_dir)
			log_add(r, d, hash, to->email.src);
		return;
	case MAIL_REFUSED:
		diag_error_status(d, EXIT_NOUSER, to->email.pos, "%s: %s",
				  to->email.src, why);
		return;
	case MAIL_UNREACHABLE:
		diag_error_status(d, EXIT_UNAVAILABLE,
				  (struct srcpos){ r->smtp, 0, 0 }, "%s; "
				  "nothing more is sent", why);
		fail(r, EXIT_UNAVAILABLE); /* wins over any other failure */
		r->stop = true;
		return;
	case MAIL_FAILED:
		diag_error_status(d, EXIT_TEMPFAIL, to->email.pos, "%s: %s",
				  to->email.src, why);
		return;
	}
}

/* May this document go out at all? */
static bool sendable(struct mail_run *r, const struct document *doc,
		     const char *pdf, size_t len, struct diags *d)
{
	if (doc->classification.src && !r->allow_classified) {
		diag_error_status(d, EXIT_NOPERM, doc->classification.pos,
				  "the document is classified ('%s'); it is "
				  "only sent with --allow-classified",
				  doc->classification.src);
		return false;
	}
	if ((long long)len > r->max_size) {
		diag_error_status(d, EXIT_DATAERR, (struct srcpos){ pdf, 0, 0 },
				  "%zu bytes is over the limit of %lld "
				  "(--max-size); not sent, to nobody", len,
				  r->max_size);
		return false;
	}
	return true;
}

/* One message per recipient, the PDF's bytes as read and hashed once. */
static void send_to_all(struct mail_run *r, struct arena *a, struct diags *d,
			const struct document *doc, const unsigned char *pdf,
			size_t len)
{
	gchar *hash = g_compute_checksum_for_data(G_CHECKSUM_SHA256, pdf, len);
	struct mail_msg m = {
		.doc = doc, .from = r->from, .subject = mail_subject(a, doc),
		.pdf_name = arena_printf(a, "%s.pdf", doc->id),
		.pdf = pdf, .pdf_len = len, .date = message_time(),
	};
	for (size_t i = 0; i < doc->n_distribution && !r->stop; i++) {
		m.to = &doc->distribution[i];
		send_one(r, a, d, &m, hash);
	}
	g_free(hash);
}

static void send_document(struct mail_run *r, struct arena *a,
			  const struct document *doc, struct diags *d)
{
	if (!doc->n_distribution) {
		printf("%s: no 'distribution'; nothing to send\n", doc->path);
		return;
	}
	if (doc->classification.src && !r->allow_classified) {
		sendable(r, doc, NULL, 0, d); /* says why, renders nothing */
		return;
	}
	const char *pdf = fresh_pdf(r, a, doc, d);
	gchar *bytes = NULL;
	gsize len = 0;
	if (!pdf)
		return;
	if (!g_file_get_contents(pdf, &bytes, &len, NULL)) {
		diag_error_status(d, EXIT_NOINPUT, (struct srcpos){ pdf, 0, 0 },
				  "cannot read the PDF");
		return;
	}
	if (sendable(r, doc, pdf, len, d))
		send_to_all(r, a, d, doc, (const unsigned char *)bytes, len);
	g_free(bytes);
}

static void mail_file(struct mail_run *r, const char *path)
{
	struct arena *a = arena_create();
	struct diags d;
	diags_init(&d, a);
	struct document *doc = model_parse_file(a, path, &d);
	if (doc && doc->kind == DOC_BRIEFING_PACK && !pack_load(a, doc, &d))
		doc = NULL; /* a pack is mailed with what it binds */
	if (doc)
		send_document(r, a, doc, &d);
	diags_print(&d, stderr);
	if (d.count)
		fail(r, d.status);
	arena_destroy(a);
}

int mail_main(int argc, char **argv)
{
	struct mail_run r = { .out_dir = "out", .max_size = 10 * 1000 * 1000 };
	r.files = calloc((size_t)argc, sizeof *r.files);
	if (!r.files)
		abort();
	int status = parse_args(&r, argc, argv);
	if (status != EXIT_DONE) {
		free(r.files);
		return status < 0 ? EXIT_DONE : status; /* -1: --help */
	}
	if (!r.from)
		r.from = "dossier@localhost";
	r.arena = arena_create();
	if (!make_dir(r.out_dir) || (r.eml_dir && !make_dir(r.eml_dir)))
		r.status = EXIT_CANTCREAT, r.stop = true;
	r.transport = mail_transport_create(r.eml_dir ? NULL : r.smtp,
					    r.eml_dir, r.cacert);
	if (!r.stop && !r.eml_dir)
		log_lock(&r);
	log_load(&r);
	for (int i = 0; i < r.n_files && !r.stop && r.transport; i++)
		mail_file(&r, r.files[i]);
	if (!r.transport)
		r.status = EXIT_TEMPFAIL;
	mail_transport_destroy(r.transport);
	if (r.pipe_open)
		pipeline_close(&r.pipe);
	strbuf_release(&r.log);
	arena_destroy(r.arena);
	free(r.files);
	return r.status;
}
