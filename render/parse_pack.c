/*
 * parse_pack.c — the documents a briefing pack binds: its agenda and annexes.
 *
 * Input: a parsed briefing pack. Reads each file named by `agenda` and
 * `annexes` with model_parse_bound, from the pack's folder tree (as its
 * data files are read), and hangs the documents on the pack. A file that
 * cannot be read there, the pack itself, or another pack (which could
 * bind this one: a cycle) is an error at the place of its name, so
 * nothing is rendered and nothing written.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "parse_pack.h"
#include "utf8.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The file's canonical path in the arena, or NULL. */
static const char *pack_realpath(struct arena *a, const char *path)
{
	char *r = realpath(path, NULL);
	if (!r)
		return NULL;
	char *copy = arena_strdup(a, r);
	free(r);
	return copy;
}

/* A path as written, for a message: one line of at most 60 bytes. */
static const char *pack_shown(struct arena *a, const char *path)
{
	enum { MAX = 60 };
	size_t n = strnlen(path, MAX + 1);
	bool cut = n > MAX;
	if (cut)
		n = utf8_back(path, MAX);
	char *s = arena_strndup(a, path, n);
	for (char *p = s; *p; p++)
		if ((unsigned char)*p < ' ')
			*p = ' ';
	return cut ? arena_printf(a, "%s…", s) : s;
}

/* Does the pack `other` name the file `self` among what it binds? */
static bool pack_binds(struct arena *a, const struct document *other,
		       const char *self)
{
	if (other->agenda) {
		const char *r = pack_realpath(a, other->agenda->resolved);
		if (r && !strcmp(r, self))
			return true;
	}
	for (size_t i = 0; i < other->n_annexes; i++) {
		const char *r = pack_realpath(a, other->annexes[i].resolved);
		if (r && !strcmp(r, self))
			return true;
	}
	return false;
}

static struct document *pack_bind(struct arena *a,
				  const struct document *pack, const char *self,
				  const struct file_ref *ref, const char *what,
				  struct diags *d)
{
	const char *real = pack_realpath(a, ref->resolved);
	if (real && self && !strcmp(real, self)) {
		diag_error(d, ref->pos, "%s '%s' is this briefing pack itself: "
			   "a pack cannot bind itself", what,
			   pack_shown(a, ref->path));
		return NULL;
	}
	/* Read from the pack's folder tree, as its data files are. */
	bool unreadable;
	struct document *doc = model_parse_bound(a, pack, ref, what,
						 &unreadable, d);
	if (!doc && unreadable)
		return NULL;
	if (!doc) {
		/* Its errors name its own lines; say where it is bound. */
		diag_error(d, ref->pos, "%s '%s' has the errors above; the "
			   "pack is not made until they are fixed", what,
			   pack_shown(a, ref->path));
		return NULL;
	}
	if (doc->kind == DOC_BRIEFING_PACK) {
		if (self && pack_binds(a, doc, self))
			diag_error(d, ref->pos, "%s '%s' is a briefing pack that "
				   "binds this pack in turn: a cycle; bind "
				   "agendas and reports only", what,
				   pack_shown(a, ref->path));
		else
			diag_error(d, ref->pos, "%s '%s' is a briefing pack "
				   "itself; bind agendas and reports only",
				   what, pack_shown(a, ref->path));
		return NULL;
	}
	return doc;
}

bool pack_load(struct arena *a, struct document *pack, struct diags *d)
{
	assert(pack->kind == DOC_BRIEFING_PACK);
	int before = d->count;
	const char *self = pack_realpath(a, pack->path);
	if (pack->agenda)
		pack->agenda_doc = pack_bind(a, pack, self, pack->agenda,
					     "agenda", d);
	pack->annex_docs = arena_array(a, pack->n_annexes + 1,
				       sizeof *pack->annex_docs);
	for (size_t i = 0; i < pack->n_annexes; i++)
		pack->annex_docs[i] = pack_bind(a, pack, self,
						&pack->annexes[i], "annex", d);
	return d->count == before;
}
