/*
 * write_haru.h — the display list into a PDF/A-1a archive copy with libharu.
 *
 * Replays the very display list the cairo writer draws (nothing is laid
 * out twice), its structure elements included, and adds what PDF/A-1a
 * asks for: a structure tree with every other mark an artifact, the
 * language, embedded fonts with their CIDSet, XMP with the PDF/A
 * identification, an sRGB output intent and a document ID derived from
 * the file's content, so two runs give the same bytes.
 */
#ifndef DOSSIER_WRITE_HARU_H
#define DOSSIER_WRITE_HARU_H

#include "diag.h"
#include "dl.h"

/* The sRGB profile of Debian's icc-profiles-free (ICC version 2, as
 * PDF/A-1 requires). */
#define HARU_SRGB_ICC "/usr/share/color/icc/sRGB.icc"

/* Write dl as a PDF/A-1a file at path (atomically), with the output
 * intent's profile read from icc_path. false with diags on failure. */
bool haru_write_pdfa(const struct display_list *dl, const char *path,
		     const char *icc_path, struct diags *d);

#endif
