/*
 * mail_address.h — is a string one mail address dossier may send to?
 *
 * The rule is RFC 5321's Mailbox, narrowed to what a ministry needs: a
 * dot-atom before the @ (no quoted strings, no comments), a domain of
 * letter-digit-hyphen labels with at least one dot (no address literals),
 * ASCII only (dossier does not speak SMTPUTF8), and the RFC's lengths:
 * at most 64 octets before the @, 255 after it, 254 in all (a path of
 * 256 with its < >). parse.c asks it for each 'email' in 'distribution',
 * mail.c for --from; mail.c names the --dry-run files with the other.
 */
#ifndef DOSSIER_MAIL_ADDRESS_H
#define DOSSIER_MAIL_ADDRESS_H

#include "arena.h"

enum {
	MAIL_LOCAL_MAX = 64,   /* RFC 5321 §4.5.3.1.1 */
	MAIL_DOMAIN_MAX = 255, /* RFC 5321 §4.5.3.1.2 */
	MAIL_LABEL_MAX = 63,   /* RFC 1035 §2.3.4 */
	MAIL_ADDRESS_MAX = 254, /* a path of 256 octets (§4.5.3.1.3) less <> */
};

/* NULL when s is such an address; else why not, as the end of a
 * sentence that begins "'email' must be an e-mail address such as
 * naam@example.nl; ". */
const char *mail_address_problem(struct arena *a, const char *s);

/* The file name of the --dry-run message of document id to address:
 * "<id>--<address>.eml" when that is short and made only of lower-case
 * letters, digits and . _ + - @; else a readable prefix of both and '='
 * and the sha256 of the pair. Never a '/', at most 255 bytes, the same
 * for the same pair, and two pairs never share a name (not even where
 * the file system ignores case). */
const char *mail_eml_name(struct arena *a, const char *id,
			  const char *address);

#endif
