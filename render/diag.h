/*
 * diag.h — errors that name their place.
 *
 * Every stage reports problems as a struct diag (file, line, column and a
 * sentence for a policy officer) into a struct diags. Only main.c prints
 * them, as "file:line:col: message". Line 0 means "the whole file".
 */
#ifndef DOSSIER_DIAG_H
#define DOSSIER_DIAG_H

#include <stdio.h>

#include "arena.h"

/* Exit statuses (sysexits.h values, which the issue tracker promises). */
enum {
	EXIT_DONE = 0,
	EXIT_USAGE = 2,
	EXIT_DATAERR = 65,
	EXIT_NOINPUT = 66,
	EXIT_NOUSER = 67,      /* mail: a recipient was refused */
	EXIT_UNAVAILABLE = 69, /* mail: the server cannot be reached */
	EXIT_SOFTWARE = 70,    /* dossier itself failed (a crash in a batch) */
	EXIT_CANTCREAT = 73,
	EXIT_TEMPFAIL = 75,    /* mail: a message failed otherwise */
	EXIT_NOPERM = 77,      /* mail: classified, not allowed */
};

struct srcpos {
	const char *file; /* as named on the command line, or resolved path */
	int line;         /* 1-based; 0 = no position in the file */
	int col;          /* 1-based; 0 = no column */
};

struct diag {
	struct srcpos pos;
	const char *message;
	struct diag *next;
};

struct diags {
	struct arena *arena;
	struct diag *first, *last;
	int count;
	int status; /* EXIT_DATAERR, EXIT_NOINPUT, ... of the worst error */
};

void diags_init(struct diags *d, struct arena *a);
void diag_error(struct diags *d, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Same, with the exit status the error stands for (default EXIT_DATAERR). */
void diag_error_status(struct diags *d, int status, struct srcpos pos,
		       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diags_print(const struct diags *d, FILE *fp);

#endif
