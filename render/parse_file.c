/*
 * parse_file.c — the files a meeting names, and whether a file is ours.
 *
 * Paths written in a meeting file are read relative to its folder and
 * normalised as the user reads them; a named file (a data file, an
 * annex, a bound meeting file) is loaded only from the folder tree the
 * meeting may load from, and a failure is reported at the place of its
 * name. Used by parse.c and parse_chart.c, which are the schema; this
 * file calls neither.
 */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

bool parse_is_dossier_file(const struct ynode *root)
{
	if (root->kind != YN_MAP)
		return false;
	for (const struct ynode *k = root->first; k; k = k->next->next)
		if (k->kind == YN_SCALAR && strcmp(k->str, "format") == 0)
			return true;
	return false;
}

void parse_check_format(struct pctx *pc, const struct ynode *v)
{
	if (!v || (v->kind == YN_SCALAR && strcmp(v->str, "1") == 0))
		return;
	parse_error(pc, v->pos,
		    "'format' must be 1, the only version of this format; "
		    "got %s",
		    parse_describe_bare(pc, v));
}

/* "a/b/../c/./d" → "a/c/d"; lexical, as the user reads the path. */
static const char *normalize_path(struct pctx *pc, const char *path)
{
	size_t n = 1;
	for (const char *p = path; *p; p++)
		n += *p == '/';
	const char **part = arena_array(pc->a, n, sizeof *part);
	size_t *plen = arena_array(pc->a, n, sizeof *plen);
	size_t k = 0, up = 0; /* up: leading ".." kept */
	bool abs = path[0] == '/';
	for (const char *p = path; *p;) {
		const char *q = strchr(p, '/');
		size_t len = q ? (size_t)(q - p) : strlen(p);
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (k > up)
				k--;
			else if (!abs) {
				part[k] = p, plen[k++] = len;
				up++;
			}
		} else if (len && !(len == 1 && p[0] == '.')) {
			part[k] = p, plen[k++] = len;
		}
		p += len + (q != NULL);
	}
	struct strbuf sb = STRBUF_INIT;
	if (abs)
		strbuf_addc(&sb, '/');
	for (size_t i = 0; i < k; i++) {
		if (i)
			strbuf_addc(&sb, '/');
		strbuf_add(&sb, part[i], plen[i]);
	}
	if (sb.len == 0)
		strbuf_addc(&sb, '.');
	return strbuf_finish(&sb, pc->a);
}

const char *parse_resolve(struct pctx *pc, const char *path)
{
	if (path[0] == '/' || !pc->schema->dir[0])
		return normalize_path(pc, path);
	return normalize_path(pc, arena_printf(pc->a, "%s/%s", pc->schema->dir, path));
}

/* The folder tree a meeting file may load from (README.md, "Limits"): root
 * when given (--root); else the meeting file's folder, or the folder that
 * holds it when that is called 'meetings', so that inputs/meetings/x.yaml
 * may name ../data/y.yaml and nothing outside inputs/. */
void parse_set_root(struct pctx *pc, struct document *doc, const char *root)
{
	if (!root) {
		const char *dir = pc->schema->dir[0] ? normalize_path(pc, pc->schema->dir) : ".";
		const char *slash = strrchr(dir, '/');
		const char *name = slash ? slash + 1 : dir;
		char *real = NULL;
		if (!*name || !strcmp(name, ".") || !strcmp(name, "..")) {
			real = realpath(dir, NULL);
			slash = real ? strrchr(real, '/') : NULL;
			name = slash ? slash + 1 : "";
		}
		bool up = !strcmp(name, "meetings");
		free(real);
		root = up ? normalize_path(pc, arena_printf(pc->a, "%s/..",
							    dir))
			  : dir;
	}
	doc->root_shown = arena_strdup(pc->a, root);
	char *real = realpath(root, NULL);
	doc->root = arena_strdup(pc->a, real ? real : "");
	free(real);
}

/* Why a file that doc names is not loaded, reported at the place of its
 * name: "data file 'x' is outside ...". */
static void named_file_error(struct pctx *pc, const struct document *doc,
			     const struct file_ref *ref, const char *what,
			     const char *shown, const struct input_fail *f)
{
	bool data = !strcmp(what, "data file");
	shown = parse_snip(pc, shown);
	switch (f->result) {
	case INPUT_NOT_FILE:
		parse_error_status(pc, EXIT_NOINPUT, ref->pos,
				   "%s '%s' is %s, not a file; name a %s file "
				   "(.yaml)",
				   what, shown, f->what,
				   data ? "data" : "meeting");
		break;
	case INPUT_OUTSIDE:
		parse_error(pc, ref->pos,
			    "%s '%s' is outside '%s', the folder this meeting "
			    "file may load files from; move it there, or name "
			    "a folder that holds both with --root DIR",
			    what, shown, parse_snip(pc, doc->root_shown));
		break;
	default:
		if (data)
			parse_error(pc, ref->pos, "cannot read %s '%s': %s",
				    what, shown, input_fail_text(f));
		else
			parse_error(pc, ref->pos, "%s '%s' cannot be read: %s",
				    what, shown, input_fail_text(f));
	}
}

bool parse_read_named(struct pctx *pc, const struct document *doc,
		      const struct file_ref *ref, const char *what,
		      const char *shown, struct strbuf *sb)
{
	struct input_fail f;
	if (parse_read_file(ref->resolved, doc->root, sb, &f))
		return true;
	named_file_error(pc, doc, ref, what, shown, &f);
	return false;
}
