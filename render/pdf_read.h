/*
 * pdf_read.h — a finished PDF read as it is written: its objects (the
 * newest version of each, parsed into tokens when asked for) and their
 * streams.
 *
 * The lexer and parser are exact (strings, names, dictionaries...), so a
 * parenthesis in a title cannot end an object early. pdf_pack.c packs a
 * file read this way; pdf_tag.c reads cairo's file to give it the
 * structure of the display list; both use pdf_lex() on content streams.
 * Only what cairo and our own updates write is understood: classic xref
 * tables, generation 0; anything else makes pdf_read() give up.
 */
#ifndef DOSSIER_PDF_READ_H
#define DOSSIER_PDF_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum pdf_tok_kind {
	TOK_END,
	TOK_ERROR,
	TOK_INT,
	TOK_REAL, /* any other number: kept as written */
	TOK_NAME,
	TOK_STRING,
	TOK_HEX,
	TOK_DICT_OPEN,
	TOK_DICT_CLOSE,
	TOK_ARRAY_OPEN,
	TOK_ARRAY_CLOSE,
	TOK_KEYWORD,
	TOK_REF, /* "12 0 R", one token */
};

struct pdf_tok {
	enum pdf_tok_kind kind;
	const char *s; /* its text in the input; NULL for a /Length made here */
	size_t n;
	long num; /* value of an INT; object number of a REF */
};

struct pdf_toks {
	struct pdf_tok *v;
	size_t n, cap;
	/* The bytes the tokens of an object point into: the file's own
	 * when it is in memory, else read into bytes. */
	const char *base;
	size_t base_off, base_len; /* where in the file, how many */
	char *bytes;
	size_t cap_bytes;
};

/* One for every object a file of 10.000 pages has (two million), all
 * held while pdf_tag.c or pdf_pack.c reads it: kept to 24 bytes. A
 * stream of 4 GiB or more, or a stream dictionary of more than 65.535
 * tokens, makes pdf_read() give up. */
struct pdf_obj {
	size_t offset;  /* of "N 0 obj" in the input */
	uint32_t data_len; /* a stream's bytes */
	uint32_t data_at; /* a stream's bytes: from offset + data_at */
	uint32_t new_num; /* pdf_pack.c: its number there */
	uint16_t length; /* a stream's: index of its /Length value among the
			    tokens pdf_object() gives */
	bool in_xref : 1; /* an entry of a newer section already decided it */
	bool in_use : 1;
	bool reached : 1; /* pdf_pack.c: kept in the packed file */
	bool stream : 1;
};

/* Objects are not kept as tokens: a file of 10.000 pages has tens of
 * millions. pdf_object() parses one again when it is wanted. */
struct pdf_reader {
	const char *pdf; /* the file in memory, or NULL */
	int fd;          /* else read from here, as needed */
	struct pdf_block *block; /* the piece of it read last */
	size_t len;
	size_t *bounds;  /* the offsets the xref tables name, sorted */
	size_t n_bounds, cap_bounds;
	struct pdf_toks trailer; /* the newest section's trailer */
	struct pdf_obj *objs;
	size_t n_objs, cap_objs;
	long size, root, info;
	size_t id; /* index of the trailer's /ID value, or SIZE_MAX */
	size_t startxref; /* offset of the newest xref section */
};

struct pdf_lexer {
	const char *p, *end;
};


/* Read pdf[0..len): the xref chain newest first, then every object in
 * use is checked and its stream found. false (r to be freed all the
 * same) when anything is not understood. */
bool pdf_read(struct pdf_reader *r, const char *pdf, size_t len);
/* The same for the file of len bytes open on fd, read as it is needed
 * (pread): a long document's file never all in memory at once. */
bool pdf_read_fd(struct pdf_reader *r, int fd, size_t len);
void pdf_read_free(struct pdf_reader *r);
void pdf_toks_free(struct pdf_toks *ts);
/* The tokens of object num's value (of a stream: its dictionary, with a
 * /Length that referred to another object written as the number) in ts,
 * emptied first. false when num is no object in use. */
bool pdf_object(const struct pdf_reader *r, long num, struct pdf_toks *ts);
/* The data of stream num, which pdf_object() last read into ts. */
const char *pdf_stream_data(const struct pdf_reader *r, long num,
			    const struct pdf_toks *ts);

/* The next token; a whole literal string or name is one. */
struct pdf_tok pdf_lex(struct pdf_lexer *lx);
bool pdf_tok_is(struct pdf_tok t, enum pdf_tok_kind kind, const char *text);
bool pdf_is_keyword(struct pdf_tok t, const char *word);
bool pdf_is_space(unsigned char c);
/* One direct object at lx, its tokens appended to ts; "N 0 R" becomes a
 * single REF token. false when it is not one object. */
bool pdf_parse_value(struct pdf_lexer *lx, struct pdf_toks *ts, int depth);
/* The index just past the value that starts at i. */
size_t pdf_value_end(const struct pdf_toks *ts, size_t i);
/* The index of the value of key in the dictionary that starts at first,
 * or SIZE_MAX. */
size_t pdf_dict_get(const struct pdf_toks *ts, size_t first, const char *key);

#endif
