/*
 * parse.h — the meeting schema's own: private to parse.c, parse_chart.c,
 * parse_file.c and parse_link.c.
 *
 * parse.c checks the meeting document, parse_chart.c charts and data
 * files, parse_file.c the paths and files a meeting names, parse_link.c
 * the links of rich text: all of them on the YAML toolkit (parse_yaml.h),
 * which knows nothing of this. Nothing here is for other stages: they see
 * only model.h.
 */
#ifndef DOSSIER_PARSE_H
#define DOSSIER_PARSE_H

#include "parse_yaml.h"

/* What the schema keeps while it reads one file (pctx->schema). */
struct parse_schema {
	struct document *doc;
	const char *dir;	  /* the meeting file's folder, "" for . */
	struct strmap notes;	  /* key → struct note */
	struct strmap chart_ids;  /* id → struct srcpos of its first use */
	struct strmap data_files; /* resolved path → its struct file_ref */
	size_t charts_cap;
};

/* parse_file.c */
/* A path written in the meeting file, relative to its folder. */
const char *parse_resolve(struct pctx *pc, const char *path);
/* The bytes of a file that doc names (a "data file", "annex", "agenda"),
 * from doc's folder tree; false when it cannot be loaded, reported at ref's
 * place with shown as its name. */
bool parse_read_named(struct pctx *pc, const struct document *doc,
		      const struct file_ref *ref, const char *what,
		      const char *shown, struct strbuf *sb);
/* The folder tree doc may load files from (--root, or found from
 * pc's folder): doc->root and doc->root_shown. */
void parse_set_root(struct pctx *pc, struct document *doc, const char *root);
/* Does the tree look like dossier's own data: a mapping with 'format'? */
bool parse_is_dossier_file(const struct ynode *root);
/* 'format' is 1, the one format there is. */
void parse_check_format(struct pctx *pc, const struct ynode *v);

/* parse_link.c: every link in a rich-text field is an https, http or
 * mailto address; errors at the link. */
void parse_check_links(struct pctx *pc, const struct text *t);

/* parse_chart.c */
void parse_data_files(struct pctx *pc, struct document *doc);
void parse_charts(struct pctx *pc, const struct ynode *seq);
void parse_check_chart_ref(struct pctx *pc, const struct chart_ref *ref);
/* The top of a data file (a mapping with 'format'): its charts. */
void parse_data_root(struct pctx *pc, struct ynode *root);
/* Is the tree a data file, not a meeting file: 'format' and 'charts',
 * and none of the keys only a meeting file has? */
bool parse_is_data_file(const struct ynode *root);

#endif
