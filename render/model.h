/*
 * model.h — the meeting model: what parse.c makes of a meeting file.
 *
 * A plain tree of C structs, all in the document's arena. Strings are UTF-8
 * and NUL-terminated; optional strings are NULL when absent. Every value
 * keeps its source position so later stages can name the place of an error.
 * Rich-text fields keep their CommonMark source; compose_richtext.c parses them.
 */
#ifndef DOSSIER_MODEL_H
#define DOSSIER_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct date {
	int year, month, day; /* a valid calendar date when year != 0 */
};

struct text {
	const char *src;   /* NULL when absent */
	struct srcpos pos; /* the scalar's first character */
	/* Block scalars (| and >): the column where content lines start, so a
	 * position inside the text can be mapped back to file:line:col.
	 * 0 for plain and quoted scalars (then line offsets are unknown). */
	int block_indent;
	/* The scalar as written in the file (from the first character after
	 * an opening quote, or from the first line of a block scalar), and
	 * where that is: model_text_pos() walks it beside src so positions
	 * are exact for folded and multi-line scalars too. NULL when the text
	 * was not read from a file. */
	const char *raw;
	struct srcpos raw_pos;
};

enum doc_kind {
	DOC_GEANNOTEERDE_AGENDA,
	DOC_VERSLAG,
	DOC_BRIEFING_PACK,
};

struct participant {
	struct text name;
};

struct meeting_info {
	struct text name;
	struct text short_name; /* key "short" */
	bool informal;
	struct date dates[2];
	int n_dates; /* 1 or 2 */
	struct srcpos dates_pos;
	struct text place;
	struct text venue;
	struct participant *participants;
	size_t n_participants;
};

struct letter {
	struct text to;
	struct text salutation;
	struct text body; /* rich text */
	struct text closing;
	struct text signatory;
	struct srcpos pos;
};

struct chart_ref {
	const char *id;
	struct srcpos pos;
};

struct section {
	struct text heading;
	struct text text;     /* rich text */
	struct text position; /* rich text: "Nederlandse inzet" */
	struct chart_ref *charts;
	size_t n_charts;
	struct section *sections;
	size_t n_sections;
	int level; /* 1 for top-level sections, at most 3 */
	struct srcpos pos;
};

struct note {
	const char *key;
	struct text text; /* rich text (inline) */
	struct srcpos pos; /* of the key */
};

enum chart_type { CHART_BAR, CHART_STACKED_BAR, CHART_HBAR, CHART_LINE };
enum chart_unit { UNIT_EUR, UNIT_PERCENT, UNIT_COUNT };
enum chart_sort { SORT_NONE, SORT_ASCENDING, SORT_DESCENDING };

struct chart_value {
	const char *category; /* the key as written: "2024" or a label */
	double value;
	struct srcpos pos;
};

struct chart_series {
	struct text name;
	struct chart_value *values;
	size_t n_values;
	struct srcpos pos;
};

struct chart_target {
	struct text label;
	double value;
	const char *from, *to; /* categories, NULL when absent */
	struct srcpos from_pos, to_pos;
};

struct chart {
	const char *id;
	struct srcpos id_pos;
	enum chart_type type;
	struct text title;
	enum chart_unit unit;
	struct text source;
	struct chart_series *series;
	size_t n_series;
	struct chart_target *targets;
	size_t n_targets;
	/* The order of the categories: as written, or by value (the parser
	 * puts every series' values in that order, so that each later stage,
	 * the alternative text too, reads them as drawn). */
	enum chart_sort sort;
	const char **highlight; /* categories drawn in the accent colour */
	size_t n_highlight;
	struct srcpos pos;
};

struct recipient {
	struct text name;
	struct text email;
};

/* Who sends the mail (`dossier mail`), and the line that says whom to ask. */
struct sender {
	struct text name;    /* src NULL: no 'sender' */
	struct text email;
	struct text contact; /* optional */
};

struct file_ref {
	const char *path;     /* as written */
	const char *resolved; /* relative to the meeting file's folder */
	struct srcpos pos;
};

struct document {
	const char *path; /* the file it was read from */
	int format;
	const char *id;
	struct srcpos id_pos;
	enum doc_kind kind;
	struct text title; /* src NULL when not given */
	bool has_date;
	struct date date;
	struct text author;
	struct text layout; /* NULL: the default layout for the kind */
	struct text classification;
	struct text reference; /* optional "kenmerk" of the letter (extension) */
	struct text intro;     /* optional rich text before the first section
				  (extension) */
	struct chart_ref *intro_charts; /* optional: charts after the intro
					   (extension) */
	size_t n_intro_charts;
	struct meeting_info meeting;
	struct letter *letter; /* NULL when absent */
	struct section *sections;
	size_t n_sections;
	struct note *notes;
	size_t n_notes;
	const struct note **notes_by_key; /* sorted, for model_find_note */
	struct file_ref *data;
	size_t n_data;
	struct chart *charts; /* inline charts and those of the data files */
	size_t n_charts;
	struct file_ref *annexes;
	size_t n_annexes;
	struct file_ref *agenda; /* briefing pack: its annotated agenda, or
				    NULL (extension) */
	/* Briefing pack: the documents it binds, read by pack_load(). */
	struct document *agenda_doc;
	struct document **annex_docs; /* n_annexes of them */
	struct recipient *distribution;
	size_t n_distribution;
	struct sender sender; /* extension: optional */
	/* The folder tree the files it names must lie in (data, agenda,
	 * annexes): its real path ("" when it has none: nothing is in it),
	 * and as the user knows it, for messages. */
	const char *root;
	const char *root_shown;
	/* The strings of its rich-text fields (intro, each section's text
	 * and position, the notes, the letter's body), which only compose
	 * reads and the typesetter's messages place: apart from the rest of
	 * the model, so that model_release_rich() can let them go before a
	 * long document is drawn. NULL once it has. */
	struct arena *rich_texts;
};

/* Text names of the enums, as written in the data. */
const char *model_doc_kind_name(enum doc_kind k);

/* The value of SOURCE_DATE_EPOCH (a whole number of seconds) or -1 when
 * value is NULL, empty or not such a number. The environment is read once,
 * by pipeline_open(), and the result handed down. */
long long model_source_date(const char *value);

/* The date a PDF of d carries, never the clock: its own 'date', else
 * source_date (SOURCE_DATE_EPOCH, when not -1), else the first day of its
 * meeting, else (a data file, which has no meeting) 1970-01-01, the day
 * SOURCE_DATE_EPOCH=0 stands for. */
struct date model_document_date(const struct document *d,
				long long source_date);

/* The note with this key, or NULL: a binary search of notes_by_key,
 * which model_index_notes() makes once the notes are read. */
const struct note *model_find_note(const struct document *doc,
				   const char *key);
void model_index_notes(struct arena *a, struct document *doc);

/* The rich-text fields of doc and of the documents it binds let go
 * (their src and raw NULL), once the document is composed and typeset:
 * the rest of the model (ids, paths, titles, headings, charts) stays for
 * the pages, the manifest and the mail. The stages see doc as const;
 * these texts are the one part of it they consume. */
void model_release_rich(const struct document *doc);

/*
 * parse.c: read and validate one meeting file (and the data files it
 * names). Returns NULL and fills diags on any error; diags->status says
 * whether the file could not be read (EXIT_NOINPUT) or is bad (EXIT_DATAERR).
 * All memory, including the diags' messages, comes from the arena.
 */
struct document *model_parse_file(struct arena *a, const char *path,
				  struct diags *diags);
/* The same with the folder tree the files it names must lie in: root as
 * given with --root, or NULL for the default (the meeting file's folder,
 * or the folder that holds it when that is called 'meetings'). */
struct document *model_parse_file_in(struct arena *a, const char *path,
				     const char *root, struct diags *diags);
/* A meeting file or a data file (as in inputs/data/: 'format' and
 * 'charts' only), for `dossier chart`. A data file gives a document with
 * its charts and nothing else: no id, kind, meeting or date. */
struct document *model_parse_charts_in(struct arena *a, const char *path,
				       const char *root, struct diags *diags);
/* A meeting file that pack binds (its agenda or an annex, what says
 * which), read from pack's folder tree. A file that cannot be read there
 * is reported at ref's place and sets *unreadable; a file that is not a
 * meeting file is refused without quoting it. */
struct document *model_parse_bound(struct arena *a,
				   const struct document *pack,
				   const struct file_ref *ref, const char *what,
				   bool *unreadable, struct diags *diags);
/* The same from a buffer in memory ("path" only names it in messages). */
struct document *model_parse_buffer(struct arena *a, const char *path,
				    const char *buf, size_t len,
				    struct diags *diags);

/* The length in bytes of the line break at s, or 0: LF, CR (with the LF
 * of a CR LF), VT, FF, NEL (U+0085), U+2028 or U+2029, the characters
 * Unicode (UAX #14 classes BK, CR, LF, NL) and pango end a line at. */
size_t model_line_break_len(const char *s);

/* The position of byte offset "off" in a text's source, for messages about
 * a place inside a rich-text field (best effort for flow scalars). */
struct srcpos model_text_pos(const struct text *t, size_t off);

#endif
