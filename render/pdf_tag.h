/*
 * pdf_tag.h — what cairo 1.16 cannot write into a PDF, written into
 * cairo's file from the display list: the structure tree, artifacts,
 * metadata and the catalog's keys.
 *
 * The cairo writer draws the marks of each display-list element as
 * marked content tagged "Span", flat, and notes the element of each
 * such tag in order; nothing else is tagged. pdf_tag() reads that
 * file (pdf_read.c) and appends an incremental update (ISO 32000-1,
 * 7.5.6) in which every content stream has its tags named by role
 * (/P, /H1...) and everything outside them marked /Artifact; the
 * structure tree is the display list's, with a Document element around
 * it, /Alt, /ID, /Lang and /Scope where the elements have them, the
 * links' annotations as OBJR of their Link elements; the pages get
 * /StructParents and /Tabs /S, the annotations /StructParent and
 * /Contents; the catalog /MarkInfo, /Lang, /ViewerPreferences,
 * /PageLabels, /PageMode and XMP metadata (PDF/UA-1); the Info
 * dictionary D: dates. pdf_pack.c then drops what no longer is reached
 * (cairo's own tree).
 */
#ifndef DOSSIER_PDF_TAG_H
#define DOSSIER_PDF_TAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "dl.h"

/* A link the writer drew: an annotation of its page, in drawing order. */
struct pdf_tag_link {
	size_t page;   /* 0-based */
	int elem;      /* its Link element */
	const char *uri; /* to the web, or NULL */
	int dest_page; /* else: the page it goes to (1-based) */
	size_t after;  /* "E" tags begun on its page before it */
};

/* The "Span" tags the writer began, in order: on which page (0-based)
 * and for which element. */
struct pdf_tag_mark {
	size_t page;
	int elem;
};

struct pdf_tag_marks {
	struct pdf_tag_mark *v;
	size_t n, cap;
};

/* Append the update to the file pdf of *len bytes (open for reading
 * and writing, at its end), read as needed and never all in memory;
 * *len becomes the new length. false when the file is not what the
 * cairo writer makes, or with *failed when a write to it failed. */
bool pdf_tag(FILE *pdf, size_t *len, const struct display_list *dl,
	     const struct pdf_tag_marks *marks,
	     const struct pdf_tag_link *links, size_t n_links, bool *failed);

#endif
