/*
 * parse.h — private to parse.c and parse_chart.c: the YAML tree and the
 * helpers both use to check it.
 *
 * parse.c turns bytes into a tree of struct ynode (scalars, lists and
 * mappings, each with its position) and checks the meeting document;
 * parse_chart.c checks charts and loads data files. Nothing here is for
 * other stages: they see only model.h.
 */
#ifndef DOSSIER_PARSE_H
#define DOSSIER_PARSE_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "input.h"
#include "model.h"

#define PARSE_MAX_FIELDS 24 /* keys of the largest mapping (the top) */

/* The YAML as a tree; every node knows where it starts. */
enum ynode_kind { YN_SCALAR, YN_SEQ, YN_MAP };

struct ynode {
	enum ynode_kind kind;
	struct srcpos pos; /* where the value starts (its quote, if any) */
	struct ynode *first, *last, *next; /* a mapping: key, value, key ... */
	size_t n;			   /* children */
	const char *str;		   /* scalars: the value */
	size_t len;			   /* of str, NULs included */
	bool is_null;			   /* plain empty, ~ or null */
	struct text text;		   /* scalars: as a model text */
};

/* Strings to pointers, open addressing, in the arena. */
struct strmap {
	const char **keys;
	void **vals;
	size_t cap, n;
};

void *parse_strmap_get(const struct strmap *m, const char *key);
void parse_strmap_put(struct arena *a, struct strmap *m, const char *key,
		      void *val);

/* What one parse works with. */
struct pctx {
	struct arena *a;
	struct diags *diags;
	int errors;
	struct document *doc;
	const char *dir;	  /* the meeting file's folder, "" for . */
	/* Reading a file not yet known to be dossier data (a data file or a
	 * bound meeting file before its 'format' is seen): quote nothing of
	 * it, only place the error. */
	bool opaque;
	/* The meeting file's bytes, for the line a message shows. */
	const char *src_file, *src;
	size_t src_len;
	/* Where each line of lines_of starts (parse_yaml.c), made once. */
	const char *lines_of;
	size_t *line_start;
	int n_lines;
	struct strmap notes;	  /* key → struct note */
	struct strmap chart_ids;  /* id → struct srcpos of its first use */
	struct strmap data_files; /* resolved path → its struct file_ref */
	size_t charts_cap;
};

/* Why code point c cannot stand in a value (a control but tab and the
 * line breaks, a noncharacter, a private-use character), or NULL. */
const char *parse_char_refused(uint32_t c);

void parse_error(struct pctx *pc, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same with the exit status it stands for (EXIT_NOINPUT). */
void parse_error_status(struct pctx *pc, int status, struct srcpos pos,
			const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* User text for a message: one line, at most a few dozen bytes. */
const char *parse_snip(struct pctx *pc, const char *s);
/* libfyaml's error msg at *pos in buf as the writer's mistake, with its
 * remedy and the line with a caret under the column (parse_yaml.c); *pos
 * moves to the mistake. flow: the innermost '[' or '{' still open, or
 * line 0. */
const char *parse_yaml_mistake(struct pctx *pc, const char *buf, size_t len,
			       const char *msg, struct srcpos *pos,
			       struct srcpos flow);
/* An alias at *pos that more text follows on its line ("*belangrijk*
 * nieuws") is text that needs quotes: the message that says so, or NULL. */
const char *parse_yaml_star_text(struct pctx *pc, const char *buf,
				 size_t len, struct srcpos *pos);
/* "\n 12 | the line\n    |   ^" for pos in the meeting file; "" elsewhere
 * and in a file not known to be ours. */
const char *parse_excerpt(struct pctx *pc, struct srcpos pos);
/* "nothing", "a list", "a mapping" or the value: quoted, or bare. */
const char *parse_describe(struct pctx *pc, const struct ynode *n);
const char *parse_describe_bare(struct pctx *pc, const struct ynode *n);
/* "a, b or c" with last_sep " or "; "a, b, c" with ", ". */
const char *parse_join(struct pctx *pc, const char *const *names, size_t n,
		       const char *last_sep);
/* The name closest to key (a typo or a prefix), or NULL. */
const char *parse_suggest(const char *key, const char *const *names, size_t n);
bool parse_is_blank(const char *s);
/* A value that is one line (every value that is not rich text): each run
 * of line breaks in s becomes one space, or nothing at its start or end.
 * s itself when it holds no line break. */
const char *parse_one_line(struct pctx *pc, const char *s);
bool parse_is_id(const char *s); /* [a-z0-9-]+ */

/* Reads a regular file (at most a little over the size limit) from the
 * folder tree of root (a real path), or from anywhere when root is NULL;
 * false with f filled in. */
bool parse_read_file(const char *path, const char *root, struct strbuf *sb,
		     struct input_fail *f);
/* The bytes of a file that doc names (a "data file", "annex", "agenda"),
 * from doc's folder tree; false when it cannot be loaded, reported at ref's
 * place with shown as its name. */
bool parse_read_named(struct pctx *pc, const struct document *doc,
		      const struct file_ref *ref, const char *what,
		      const char *shown, struct strbuf *sb);
/* Does the tree look like dossier's own data: a mapping with 'format'? */
bool parse_is_dossier_file(const struct ynode *root);
/* The checked tree of a file's bytes, or NULL with the errors reported;
 * empty_msg is the message for a file without data. */
struct ynode *parse_tree(struct pctx *pc, const char *file, const char *buf,
			 size_t len, const char *empty_msg);
/* Every link in a rich-text field is an https, http or mailto address
 * (parse_link.c); errors at the link. */
void parse_check_links(struct pctx *pc, const struct text *t);
/* A path written in the meeting file, relative to its folder. */
const char *parse_resolve(struct pctx *pc, const char *path);

/* The keys a mapping may have; parse_map_open() finds their values. */
struct field {
	const char *name;
	bool required;
	bool rich; /* CommonMark: keeps its line breaks (see parse_one_line) */
};

struct mapview {
	struct ynode *map;
	const char *where; /* "in a section", "at the top level" */
	const struct field *fields;
	size_t n;
	struct ynode *keys[PARSE_MAX_FIELDS];
	struct ynode *vals[PARSE_MAX_FIELDS];
};

/* Reports "what must be a mapping" and returns false if n is not one. */
bool parse_want_map(struct pctx *pc, const struct ynode *n, const char *what);
/* Sorts the keys of map into mv->vals by fields; reports unknown,
 * duplicate and missing keys. */
void parse_map_open(struct pctx *pc, struct mapview *mv, struct ynode *map,
		    const char *where, const struct field *fields, size_t n);
/* Field i as text; false when absent, empty or not text (reported). */
bool parse_map_text(struct pctx *pc, const struct mapview *mv, size_t i,
		    struct text *out);
/* Field i as a list or a mapping; NULL when absent, null or reported. */
struct ynode *parse_map_list(struct pctx *pc, const struct mapview *mv,
			     size_t i);
struct ynode *parse_map_map(struct pctx *pc, const struct mapview *mv,
			    size_t i);
/* The index of v among choices, or -1 (reported, with a suggestion). */
int parse_choice(struct pctx *pc, const struct ynode *v, const char *name,
		 const char *const *choices, size_t n);
void parse_check_format(struct pctx *pc, const struct ynode *v);

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
