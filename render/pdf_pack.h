/*
 * pdf_pack.h — a finished PDF rewritten as one compact PDF 1.5 file.
 *
 * cairo 1.16 writes every dictionary uncompressed with a classic xref
 * table, and write_cairo.c appends an incremental update to that. The
 * packer reads the whole file (newest version of each object wins; from
 * memory, or from a file an object at a time), keeps streams as they are
 * and puts every other object into Flate-compressed object streams, with
 * a cross-reference stream instead of the table.
 */
#ifndef DOSSIER_PDF_PACK_H
#define DOSSIER_PDF_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"

/* Pack the complete PDF pdf[0..len) into out (which must be empty).
 * Returns true when out holds the packed file, smaller than the input.
 * Returns false, out left empty, when the input holds anything the packer
 * does not understand (encryption, xref streams, a generation other than
 * 0, a damaged table or object) or packing gains nothing: the caller then
 * writes the input as it is. The same input always gives the same bytes. */
bool pdf_pack(const char *pdf, size_t len, struct strbuf *out);

/* The same for the file of len bytes open on fd, read as needed, the
 * packed file written to out as it is made (*out_len bytes): true when
 * it is smaller than the input. *failed when a write to out failed. */
bool pdf_pack_fd(int fd, size_t len, FILE *out, size_t *out_len,
		 bool *failed);

/* data deflated onto out (zlib's default level, a window to fit). */
void pdf_deflate(struct strbuf *out, const char *data, size_t n);

#endif
