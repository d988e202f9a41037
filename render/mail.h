/*
 * mail.h — `dossier mail`: the PDFs to the people in `distribution`.
 *
 * mail.c is the command: per meeting file it renders the PDF when stale,
 * decides who still has to receive this exact PDF (the send log) and
 * reports. mail_send.c writes one message (headers, Dutch body, the PDF)
 * with libcurl's MIME API and sends it over SMTP, or hands it to a local
 * sink that writes it as an .eml file (--dry-run) named by
 * mail_address.c, which also holds the rule for an address.
 */
#ifndef DOSSIER_MAIL_H
#define DOSSIER_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "arena.h"
#include "model.h"

/* The command: argv[0] is "mail". Returns the exit status. */
int mail_main(int argc, char **argv);

/* One message to one recipient. */
struct mail_msg {
	const struct document *doc;
	const struct recipient *to;
	const char *from;       /* bare address */
	const char *from_name;  /* shown with it: the sender, else the author */
	const char *subject;    /* UTF-8, not yet encoded */
	const char *body;       /* UTF-8 plain text, CRLF line ends */
	const char *pdf_name;   /* file name of the attachment */
	const unsigned char *pdf;
	size_t pdf_len;
	const char *message_id; /* with its <> */
	time_t date;
};

/* What became of a message. */
enum mail_result {
	MAIL_SENT,
	MAIL_REFUSED,     /* refused for good (5yz): recipient or message */
	MAIL_UNREACHABLE, /* no connection (or TLS, or login) to the server */
	MAIL_FAILED,      /* anything else, a 4yz answer too: "why" says */
};

struct mail_transport;

/* url NULL: dry run, each message goes to eml_dir/<file>.eml instead.
 * cacert: a file of CA certificates for the server's, NULL: the system's. */
struct mail_transport *mail_transport_create(const char *url,
					     const char *eml_dir,
					     const char *cacert);
void mail_transport_destroy(struct mail_transport *t);
/* Send (or write) one message; *why gets a sentence when it was not sent. */
enum mail_result mail_send(struct mail_transport *t, struct arena *a,
			   const struct mail_msg *m, const char **why);

/* Pieces of a message, public for the unit tests. */
/* A header value as RFC 2047 encoded-words when it is not plain ASCII,
 * folded between the words. */
char *mail_header_text(struct arena *a, const char *utf8);
/* "Mon, 23 Nov 2026 11:35:51 +0000" (RFC 5322, always in English, UTC). */
char *mail_date(struct arena *a, time_t t);
/* Subject: the title, after "[classification] " when there is one. */
char *mail_subject(struct arena *a, const struct document *doc);
/* The words around the body: the salutation and closing from the layout,
 * who signs and whom to ask from the data. */
struct mail_words {
	const char *salutation; /* "Geachte heer, mevrouw,"; NULL: none */
	const char *closing;    /* "Met vriendelijke groet,"; NULL: none */
	const char *signer;     /* the sender's name, else the author */
	const char *contact;    /* the contact line; NULL: the sender's
				   name and address */
	const char *address;    /* the sender's address */
};
/* The words of doc's mail: its sender (or the author), the layout's
 * salutation and closing (NULL: none). */
struct mail_words mail_words_of(struct arena *a, const struct document *doc,
				const char *salutation, const char *closing,
				const char *from);
/* The Dutch body for one recipient. */
char *mail_body(struct arena *a, const struct document *doc,
		const struct recipient *to, const struct mail_words *w,
		const char *pdf_name, size_t pdf_len);

#endif
