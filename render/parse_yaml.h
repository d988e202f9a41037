/*
 * parse_yaml.h — the YAML toolkit: a file's bytes as a checked tree of
 * positioned nodes, typed access to it, and messages at file:line:col.
 *
 * Used by the schema (parse.c, parse_chart.c, parse_file.c,
 * parse_link.c) and by nothing of a later stage; it knows nothing of what
 * a meeting is, and includes nothing of the schema. The state of one
 * schema's parse hangs off struct pctx as an opaque pointer.
 */
#ifndef DOSSIER_PARSE_YAML_H
#define DOSSIER_PARSE_YAML_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "input.h"
#include "model.h"

#define PARSE_MAX_FIELDS 24 /* keys of the largest mapping (the top) */
#define PARSE_SNIPPET 60 /* bytes of a bad value quoted in a message */

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

struct parse_schema; /* what the schema keeps while it reads (parse.h) */

/* What one parse works with. */
struct pctx {
	struct arena *a; /* the model's: lives as long as the document */
	/* The YAML tree's own arena, destroyed once the schema has read the
	 * tree, so that a long document's nodes and their strings are not
	 * held while it is drawn; NULL: the tree goes into a. Whatever the
	 * model keeps of a node is copied into a (parse_keep). */
	struct arena *tree;
	/* Where rich text's strings are kept (the document's rich_texts,
	 * model.h), or NULL: in a with the rest. */
	struct arena *rich;
	struct diags *diags;
	int errors;
	/* Reading a file not yet known to be dossier data (a data file or a
	 * bound meeting file before its 'format' is seen): quote nothing of
	 * it, only place the error. */
	bool opaque;
	/* The meeting file's bytes, for the line a message shows. */
	const char *src_file, *src;
	size_t src_len;
	/* Where each line of lines_of starts (parse_yaml_msg.c), made once. */
	const char *lines_of;
	size_t *line_start;
	int n_lines;
	struct parse_schema *schema; /* the toolkit never looks inside */
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
 * remedy and the line with a caret under the column (parse_yaml_msg.c); *pos
 * moves to the mistake. flow: the innermost '[' or '{' still open, or
 * line 0. */
const char *parse_yaml_mistake(struct pctx *pc, const char *buf, size_t len,
			       const char *msg, struct srcpos *pos,
			       struct srcpos flow);
/* libfyaml's own message, bounded, and cut before any quote of a file
 * not known to be ours (parse_yaml_msg.c). */
const char *parse_yaml_message(struct pctx *pc, const char *msg);
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

/* Reads a regular file (at most a little over the size limit) from the
 * folder tree of root (a real path), or from anywhere when root is NULL;
 * false with f filled in. */
bool parse_read_file(const char *path, const char *root, struct strbuf *sb,
		     struct input_fail *f);
/* The checked tree of a file's bytes, or NULL with the errors reported;
 * empty_msg is the message for a file without data. */
struct ynode *parse_tree(struct pctx *pc, const char *file, const char *buf,
			 size_t len, const char *empty_msg);
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
/* s copied into the model's arena when the tree has an arena of its own
 * (every string of a node the model keeps goes through it); s itself
 * otherwise. */
const char *parse_keep(struct pctx *pc, const char *s);
/* The text of a scalar (name: its key, for the message) into *out, its
 * strings in the model's arena; one_line: made one line (parse_one_line).
 * false (reported) for a list, a mapping or a text holding a NUL. */
bool parse_scalar_text(struct pctx *pc, const struct ynode *v,
		       const char *name, bool one_line, struct text *out);
/* Every line of rich text within the table column limit; false (reported
 * at its first '|' past the limit) when one is not. */
bool parse_rich_lines_ok(struct pctx *pc, const struct text *t);
/* The index of v among choices, or -1 (reported, with a suggestion). */
int parse_choice(struct pctx *pc, const struct ynode *v, const char *name,
		 const char *const *choices, size_t n);
bool parse_is_id(const char *s); /* [a-z0-9-]+ */

#endif
