/*
 * mail.c — `dossier mail FILE... --smtp URL`: send each PDF to its readers.
 *
 * Per meeting file: parse it (every 'email' is checked there), refuse a
 * classified one without --allow-classified, take DIR/<id>.pdf only when
 * it is a plain file whose sha256 DIR/manifest.json records for inputs
 * that are still as they were, else render it again into place (never
 * through a link) and record it; refuse it when over --max-size; then one
 * message per recipient of `distribution`. DIR/sent.log holds a line
 * "<sha256 of the PDF> <address>" per message the server accepted,
 * appended and synced as soon as it did, so a second run sends only what
 * is new or changed. Nothing goes out before the log has taken a test
 * write of the lines it may get, and a log that cannot be written stops
 * the run (exit 73); a run waits while another holds DIR/sent.lock. A
 * server that cannot be reached stops the run (exit 69) and logs nothing.
 */
#include "mail.h"
#include "parse_pack.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "mail_address.h"
#include "batch_manifest.h"
#include "output.h"
#include "layout.h"
#include "pipeline.h"

static const char mail_usage[] =
	"usage: dossier mail FILE... --smtp URL [--from ADDRESS] [-o DIR]\n"
	"                   [--dry-run EMLDIR] [--allow-classified] "
	"[--max-size BYTES]\n"
	"                   [--cacert FILE]\n"
	"Sends DIR/<id>.pdf (default DIR: out; rendered again unless "
	"DIR/manifest.json\nrecords it for the inputs as they are) to each "
	"recipient in the file's\n'distribution', from --from ADDRESS or the "
	"file's 'sender' (one is needed).\nURL: smtp://host[:port] (STARTTLS "
	"when offered, required with a login) or\nsmtps://host[:port]. Login "
	"from $DOSSIER_SMTP_USER and\n"
	"$DOSSIER_SMTP_PASSWORD; --cacert: the CA certificates the server's "
	"certificate\nis checked against (default: the system's).\n"
	"--dry-run writes .eml files instead of sending. Exit status: 0 "
	"done, 2 usage,\n65 bad data or PDF too large, 67 a recipient "
	"refused, 69 server unreachable,\n73 DIR/sent.log cannot be "
	"written, 75 a message failed (the next run tries\nagain), 77 "
	"classified without --allow-classified.\n";

struct mail_run {
	const char *smtp, *from, *out_dir, *eml_dir, *cacert;
	bool allow_classified;
	long long max_size;
	const char **files;
	int n_files;
	struct pipeline pipe;
	struct mail_words words; /* of the document being sent */
	bool pipe_open;
	struct arena *arena; /* lives as long as the run */
	struct mail_transport *transport;
	struct strbuf log;   /* "\n" then the lines of sent.log */
	const char *log_path;
	int log_fd;          /* open for appending; -1 in a dry run */
	bool log_torn;       /* its last line has no end: start a new one */
	bool log_synced_dir; /* its folder entry is on disk */
	int status;
	bool stop;           /* nothing more is sent (exit 69 or 73) */
};

/* One line naming the one thing wrong, and where help is: the whole
 * usage hid the line that mattered (as the other commands' errors). */
static int mail_usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "dossier mail: %s%s\nrun 'dossier help mail' for "
		"more\n", what, arg);
	return EXIT_USAGE;
}

/* Without --from every file must name its 'sender': a ministry's mail
 * says who sent it. Checked before anything is rendered or sent. */
static int need_sender(struct mail_run *r)
{
	for (int i = 0; i < r->n_files; i++) {
		struct arena *a = arena_create();
		struct diags d;
		diags_init(&d, a);
		struct document *doc = model_parse_file(a, r->files[i], &d);
		bool none = doc && !doc->sender.email.src;
		arena_destroy(a);
		if (none) {
			fprintf(stderr,
				"dossier mail: %s names no 'sender'; say who "
				"sends the mail with --from ADDRESS, or with "
				"'sender' (name, email) in the meeting file\n"
				"run 'dossier help mail' for more\n",
				r->files[i]);
			return EXIT_USAGE;
		}
	}
	return EXIT_DONE;
}

/* The option's value, or NULL when there is none. */
static const char *opt_value(int argc, char **argv, int *i)
{
	return *i + 1 < argc ? argv[++*i] : NULL;
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
	const char *why = r->from ? mail_address_problem(r->arena, r->from)
				  : NULL;
	if (why)
		return mail_usage_error("--from must be an e-mail address such "
					"as naam@example.nl; ", why);
	if (!r->smtp && !r->eml_dir)
		return mail_usage_error("say which server with --smtp URL, "
					"or --dry-run DIR", "");
	return r->from ? EXIT_DONE : need_sender(r);
}

static bool make_dir(const char *dir)
{
	if (g_mkdir_with_parents(dir, 0777) == 0)
		return true;
	fprintf(stderr, "%s: cannot create the folder: %s\n", dir,
		strerror(errno));
	return false;
}

/* ---- the run's status ---- */

static void fail(struct mail_run *r, int status)
{
	if (r->status == EXIT_DONE)
		r->status = status;
}

/* Nothing more is sent; this status wins over any other failure. */
static void stop(struct mail_run *r, int status)
{
	if (!r->stop)
		r->status = status;
	r->stop = true;
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
		stop(r, EXIT_CANTCREAT);
	}
	/* fd stays open until the process ends, and the lock with it. */
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = ENOSPC;
			return false;
		}
		s += w;
		n -= (size_t)w;
	}
	return true;
}

static bool read_all(int fd, struct strbuf *sb)
{
	char buf[65536];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		if (n == 0)
			return true;
		strbuf_add(sb, buf, (size_t)n);
	}
}

/* Open (or create) DIR/sent.log and read it through one descriptor that
 * never follows a link, before anything is sent: a log that is not a
 * plain file, or cannot be opened for writing, stops the run here. A dry
 * run only reads it, when there is one. */
static void log_open(struct mail_run *r)
{
	r->log_path = arena_printf(r->arena, "%s/sent.log", r->out_dir);
	strbuf_addc(&r->log, '\n');
	bool dry = r->eml_dir != NULL;
	int fd = open(r->log_path, O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC |
		      (dry ? O_RDONLY : O_RDWR | O_APPEND | O_CREAT), 0666);
	if (fd < 0 && dry && errno == ENOENT)
		return;
	struct stat st;
	const char *why = NULL;
	if (fd < 0)
		why = errno == ELOOP ? "it is a symbolic link, and dossier "
				       "keeps the log only in a plain file"
				     : strerror(errno);
	else if (fstat(fd, &st) != 0)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = "it is not a plain file";
	else if (!read_all(fd, &r->log))
		why = strerror(errno);
	if (why) {
		fprintf(stderr, "%s: cannot use the send log: %s; nothing is "
			"sent, since what is sent could not be recorded\n",
			r->log_path, why);
		if (fd >= 0)
			close(fd);
		stop(r, EXIT_CANTCREAT);
		return;
	}
	const char *log = strbuf_str(&r->log);
	r->log_torn = log[strlen(log) - 1] != '\n';
	if (dry)
		close(fd);
	else
		r->log_fd = fd;
}

static bool log_has(struct mail_run *r, struct arena *a, const char *hash,
		    const char *email)
{
	return strstr(strbuf_str(&r->log),
		      arena_printf(a, "\n%s %s\n", hash, email)) != NULL;
}

static void log_cannot_write(struct mail_run *r, struct diags *d, int err,
			     const char *email)
{
	if (email)
		diag_error_status(d, EXIT_CANTCREAT,
				  (struct srcpos){ r->log_path, 0, 0 },
				  "cannot write the send log: %s; the message "
				  "to %s went out but is not recorded, so the "
				  "next run sends it again; nothing more is "
				  "sent", strerror(err), email);
	else
		diag_error_status(d, EXIT_CANTCREAT,
				  (struct srcpos){ r->log_path, 0, 0 },
				  "cannot write the send log: %s; nothing is "
				  "sent, since what is sent could not be "
				  "recorded", strerror(err));
	stop(r, EXIT_CANTCREAT);
}

/* Before a document's messages go out: can the log take their lines?
 * That many newlines are appended, synced and cut off again, so a full
 * disk or a file size limit stops the run before a message is sent. */
static bool log_try(struct mail_run *r, struct diags *d, size_t bytes)
{
	if (r->log_fd < 0 || bytes == 0)
		return true;
	struct stat st;
	if (fstat(r->log_fd, &st) != 0) {
		log_cannot_write(r, d, errno, NULL);
		return false;
	}
	char *blank = malloc(bytes);
	if (!blank)
		abort();
	memset(blank, '\n', bytes); /* empty lines, should they stay */
	int err = 0;
	if (!write_all(r->log_fd, blank, bytes) || fsync(r->log_fd) != 0)
		err = errno;
	free(blank);
	if (ftruncate(r->log_fd, st.st_size) != 0 && !err)
		err = errno;
	if (err)
		log_cannot_write(r, d, err, NULL);
	return !err;
}

/* The folder's entry of a new log must survive a crash as its lines do. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* The line of a message the server accepted, synced before the next one
 * goes out. A line the log cannot take is cut off again, so that the
 * next run's first line starts whole, and the run stops. */
static void log_add(struct mail_run *r, struct arena *a, struct diags *d,
		    const char *hash, const char *email)
{
	strbuf_addf(&r->log, "%s %s\n", hash, email);
	if (r->log_fd < 0)
		return;
	const char *line = arena_printf(a, "%s%s %s\n", r->log_torn ? "\n" :
					"", hash, email);
	struct stat st;
	int err = 0;
	if (fstat(r->log_fd, &st) != 0) {
		err = errno;
	} else if (!write_all(r->log_fd, line, strlen(line))) {
		err = errno;
		int cut = ftruncate(r->log_fd, st.st_size);
		(void)cut; /* the error to report is the write's */
	} else if (fsync(r->log_fd) != 0) {
		err = errno;
	}
	if (err) {
		log_cannot_write(r, d, err, email);
		return;
	}
	r->log_torn = false;
	if (!r->log_synced_dir)
		sync_dir(r->out_dir);
	r->log_synced_dir = true;
}

/* ---- the PDF ---- */

struct pdf {
	const char *path;
	guchar *bytes;  /* g_malloc'd; NULL when too big to be read */
	size_t len;
	gchar *sha256;  /* g_malloc'd hex */
};

enum pdf_state { PDF_READ, PDF_MISSING, PDF_NOT_PLAIN, PDF_TOO_BIG,
		 PDF_UNREADABLE };

static void pdf_release(struct pdf *p)
{
	g_free(p->bytes);
	g_free(p->sha256);
	p->bytes = NULL;
	p->sha256 = NULL;
	p->len = 0;
}

/* p->path's bytes and their sha256, read through one descriptor from a
 * plain file, never through a symbolic link; over max bytes it is not
 * read (p->len says how big it is). *err: errno when unreadable. */
static enum pdf_state pdf_read(struct pdf *p, long long max, int *err)
{
	pdf_release(p);
	int fd = open(p->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*err = errno;
		return errno == ENOENT ? PDF_MISSING : errno == ELOOP ?
		       PDF_NOT_PLAIN : PDF_UNREADABLE;
	}
	struct stat st;
	enum pdf_state state = PDF_READ;
	struct strbuf sb = STRBUF_INIT;
	if (fstat(fd, &st) != 0) {
		*err = errno;
		state = PDF_UNREADABLE;
	} else if (!S_ISREG(st.st_mode)) {
		state = PDF_NOT_PLAIN;
	} else if (st.st_size > max) {
		p->len = (size_t)st.st_size;
		state = PDF_TOO_BIG;
	} else if (!read_all(fd, &sb)) {
		*err = errno;
		state = PDF_UNREADABLE;
	}
	close(fd);
	if (state == PDF_READ) {
		p->len = sb.len;
		p->bytes = g_memdup2(strbuf_str(&sb), sb.len ? sb.len : 1);
		p->sha256 = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
							p->bytes, p->len);
	}
	strbuf_release(&sb);
	return state;
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
	stop(r, setup.status);
	return false;
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* Render the PDF into place: output.c renames a finished file over
 * whatever is there, a link included, and never writes through one.
 * The copies an earlier render made beside it (archive, preview) are
 * made again with it, so that the manifest's record of this render
 * holds for them too. Then the record, and the PDF read back. */
static bool render_pdf(struct mail_run *r, struct arena *a,
		       const struct document *doc, struct manifest *m,
		       struct pdf *p, struct diags *d)
{
	if (!open_pipeline(r))
		return false;
	r->pipe.archive = exists(arena_printf(a, "%s/%s.archief.pdf",
					      r->out_dir, doc->id));
	r->pipe.preview = exists(arena_printf(a, "%s/%s.png", r->out_dir,
					      doc->id));
	size_t pages = 0;
	if (!pipeline_render(&r->pipe, a, doc, r->out_dir, &pages, d))
		return false;
	char *record = NULL;
	size_t record_len = 0;
	FILE *fp = open_memstream(&record, &record_len);
	if (!fp)
		abort();
	const char *sha = pipeline_record(&r->pipe, a, fp, doc->path, doc,
					  r->out_dir, pages);
	fclose(fp);
	int err = 0;
	enum pdf_state state = pdf_read(p, r->max_size, &err);
	bool ok = state == PDF_TOO_BIG || (state == PDF_READ && sha &&
					   !strcmp(sha, p->sha256));
	if (ok && sha) {
		/* A manifest that cannot be written only means rendering
		 * again next time. */
		struct diags ignored;
		diags_init(&ignored, a);
		manifest_set(m, doc->path, record);
		manifest_save(m, &ignored);
	} else if (state == PDF_UNREADABLE) {
		diag_error_status(d, EXIT_NOINPUT, (struct srcpos){ p->path,
				  0, 0 }, "cannot read the PDF: %s",
				  strerror(err));
	} else if (!ok) {
		diag_error_status(d, EXIT_TEMPFAIL, (struct srcpos){ p->path,
				  0, 0 }, "something else changed the PDF "
				  "as it was rendered; not sent, to nobody");
	}
	free(record);
	return ok;
}

/* The PDF dossier rendered from the document as it is now, in p: the
 * file at DIR/<id>.pdf when it is a plain file whose sha256 the manifest
 * records for these very inputs, else rendered again. false with diags. */
static bool fresh_pdf(struct mail_run *r, struct arena *a,
		      const struct document *doc, struct pdf *p,
		      struct diags *d)
{
	if (!r->pipe.home)
		r->pipe.home = pipeline_home(r->arena);
	p->path = arena_printf(a, "%s/%s.pdf", r->out_dir, doc->id);
	struct manifest *m = manifest_load(a, r->out_dir, r->pipe.home);
	const char *output = NULL;
	const char *want = manifest_recorded_sha256(m, doc->path, &output);
	int err = 0;
	if (want && !strcmp(output, arena_printf(a, "%s.pdf", doc->id)) &&
	    pdf_read(p, r->max_size, &err) == PDF_READ &&
	    !strcmp(p->sha256, want))
		return true;
	return render_pdf(r, a, doc, m, p, d);
}

/* ---- the messages ---- */

/* SOURCE_DATE_EPOCH as the pipeline read it, else now. */
static time_t message_time(const struct mail_run *r)
{
	long long t = r->pipe.source_date;
	return t >= 0 ? (time_t)t : time(NULL);
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


/* One message to one recipient, unless the log says it went already. */
static void send_one(struct mail_run *r, struct arena *a, struct diags *d,
		     struct mail_msg *m, const char *hash)
{
	const struct recipient *to = m->to;
	if (log_has(r, a, hash, to->email.src)) {
		printf("%s: %s has it already\n", m->pdf_name, to->email.src);
		return;
	}
	m->body = mail_body(a, m->doc, to, &r->words, m->pdf_name, m->pdf_len);
	m->message_id = message_id(a, hash, to->email.src, m->from);
	const char *why;
	switch (mail_send(r->transport, a, m, &why)) {
	case MAIL_SENT:
		printf("%s: %s %s\n", m->pdf_name, r->eml_dir ? "written for" :
		       "sent to", to->email.src);
		if (!r->eml_dir)
			log_add(r, a, d, hash, to->email.src);
		return;
	case MAIL_REFUSED:
		diag_error_status(d, EXIT_NOUSER, to->email.pos, "%s: %s",
				  to->email.src, why);
		return;
	case MAIL_UNREACHABLE:
		diag_error_status(d, EXIT_UNAVAILABLE,
				  (struct srcpos){ r->smtp, 0, 0 }, "%s; "
				  "nothing more is sent", why);
		stop(r, EXIT_UNAVAILABLE);
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

/* One message per recipient, the PDF's bytes as read and hashed once;
 * first the log's test write of every line this may add. */
static void send_to_all(struct mail_run *r, struct arena *a, struct diags *d,
			const struct document *doc, const struct pdf *p)
{
	const char *from = r->from ? r->from : doc->sender.email.src;
	struct mail_msg m = {
		.doc = doc, .from = from, .subject = mail_subject(a, doc),
		.pdf_name = arena_printf(a, "%s.pdf", doc->id),
		.pdf = p->bytes, .pdf_len = p->len, .date = message_time(r),
	};
	size_t bytes = 0;
	for (size_t i = 0; i < doc->n_distribution; i++) {
		const char *email = doc->distribution[i].email.src;
		if (!log_has(r, a, p->sha256, email))
			bytes += strlen(p->sha256) + strlen(email) + 2;
	}
	if (bytes && !log_try(r, d, bytes + 1)) /* + a torn line's end */
		return;
	/* The layout gives the salutation and closing, the data the rest. */
	struct layout *l = layout_load(
		a, arena_printf(a, "%s/layouts", r->pipe.home),
		doc->layout.src ? doc->layout.src : "kamerbrief", d);
	if (!l)
		return;
	r->words = mail_words_of(a, doc, l->mail_salutation, l->mail_closing,
				 from);
	m.from_name = r->words.signer;
	for (size_t i = 0; i < doc->n_distribution && !r->stop; i++) {
		m.to = &doc->distribution[i];
		send_one(r, a, d, &m, p->sha256);
	}
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
	struct pdf p = { 0 };
	if (fresh_pdf(r, a, doc, &p, d) && sendable(r, doc, p.path, p.len, d))
		send_to_all(r, a, d, doc, &p);
	pdf_release(&p);
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
	struct mail_run r = { .out_dir = "out", .max_size = 10 * 1000 * 1000,
			      .log_fd = -1 };
	r.files = calloc((size_t)argc, sizeof *r.files);
	if (!r.files)
		abort();
	r.arena = arena_create();
	int status = parse_args(&r, argc, argv);
	if (status != EXIT_DONE) {
		arena_destroy(r.arena);
		free(r.files);
		return status < 0 ? EXIT_DONE : status; /* -1: --help */
	}
	if (!make_dir(r.out_dir) || (r.eml_dir && !make_dir(r.eml_dir)))
		stop(&r, EXIT_CANTCREAT);
	r.transport = mail_transport_create(r.eml_dir ? NULL : r.smtp,
					    r.eml_dir, r.cacert);
	if (!r.stop && !r.eml_dir)
		log_lock(&r);
	if (!r.stop)
		log_open(&r);
	for (int i = 0; i < r.n_files && !r.stop && r.transport; i++)
		mail_file(&r, r.files[i]);
	if (!r.transport)
		r.status = EXIT_TEMPFAIL;
	mail_transport_destroy(r.transport);
	if (r.pipe_open)
		pipeline_close(&r.pipe);
	if (r.log_fd >= 0)
		close(r.log_fd);
	strbuf_release(&r.log);
	arena_destroy(r.arena);
	free(r.files);
	return r.status;
}
