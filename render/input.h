/*
 * input.h — the one way dossier opens a file it reads.
 *
 * Every file dossier reads (meeting files, data files, bound agendas and
 * annexes, layouts, the word list, the manifest and the hyphenation cache)
 * is opened here: only a regular file, never waiting on a FIFO or a device
 * (opened without blocking, checked with fstat on the open descriptor,
 * read from that descriptor). With a root, only a file whose real path lies
 * in the root's folder tree is opened, reached from the root without
 * following a symbolic link, so a link swapped in meanwhile cannot lead
 * out.
 */
#ifndef DOSSIER_INPUT_H
#define DOSSIER_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"

enum input_result {
	INPUT_OK,
	INPUT_ERRNO,	/* cannot be read: err says why */
	INPUT_NOT_FILE, /* a folder, FIFO, device or socket: what says so */
	INPUT_OUTSIDE,	/* its real path is outside the root */
};

struct input_fail {
	enum input_result result;
	int err;	  /* INPUT_ERRNO */
	const char *what; /* INPUT_NOT_FILE: "a folder", "a named pipe (FIFO)" */
};

/* A descriptor of the regular file at path, or -1 with f filled in.
 * root: NULL, or a real path (from realpath) the file must lie under. */
int input_open(const char *path, const char *root, struct input_fail *f);
/* The same as a stream for reading. */
FILE *input_fopen(const char *path, const char *root, struct input_fail *f);
/* Appends the file's bytes to sb, at most max + 1 of them (so that a caller
 * can tell a file over its limit); false with f filled in. */
bool input_read(const char *path, const char *root, size_t max,
		struct strbuf *sb, struct input_fail *f);
/* "No such file or directory", "a folder, not a file", ... */
const char *input_fail_text(const struct input_fail *f);

#endif
