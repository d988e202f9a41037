/*
 * parse.c — the meeting schema: a meeting file (and the files it binds)
 * into the model.
 *
 * Input: the bytes of a meeting file. The YAML toolkit (parse_yaml.c)
 * makes them a checked tree of positioned nodes; this file reads that
 * tree as a meeting document: its keys, dates, sections, footnotes,
 * distribution and letter. parse_chart.c checks charts and data files,
 * parse_file.c the paths and files it names, parse_link.c the links.
 * Output: a struct document in the arena, or NULL with every problem
 * found in diags, each naming file:line:col in a sentence a policy
 * officer understands (FORMAT.md, "What bad data gets").
 */
#include "parse.h"

#include "nl.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "mail_address.h"
#include "utf8.h"

#define PARSE_MAX_LEVEL 3 /* sections in sections in sections */

/* A list of file paths into file_refs, resolved against the file's folder. */
static void parse_file_refs(struct pctx *pc, const struct ynode *seq,
			    const char *name, struct file_ref **out,
			    size_t *n_out)
{
	*out = arena_array(pc->a, seq->n, sizeof **out);
	size_t k = 0;
	for (const struct ynode *it = seq->first; it; it = it->next) {
		if (it->kind != YN_SCALAR || it->is_null ||
		    parse_is_blank(it->str)) {
			parse_error(pc, it->pos,
				    "each item in '%s' must be a file path; "
				    "got %s",
				    name, parse_describe(pc, it));
			continue;
		}
		struct file_ref *f = &(*out)[k++];
		f->path = parse_keep(pc, it->str);
		f->resolved = parse_resolve(pc, it->str);
		f->pos = it->pos;
	}
	*n_out = k;
}

/* Each annex bound once, as each data file is read once: the values
 * fuzzer bound one annex 1.180 times (28 KB that set 3.500 pages). */
static void annexes_once(struct pctx *pc, struct document *doc)
{
	struct strmap seen = { 0 };
	size_t k = 0;
	for (size_t i = 0; i < doc->n_annexes; i++) {
		const struct file_ref *ref = &doc->annexes[i];
		if (parse_strmap_get(&seen, ref->resolved)) {
			parse_error(pc, ref->pos,
				    "annex '%s' is listed twice in 'annexes'",
				    parse_snip(pc, ref->resolved));
			continue;
		}
		parse_strmap_put(pc->a, &seen, ref->resolved, (void *)ref);
		doc->annexes[k++] = *ref;
	}
	doc->n_annexes = k;
}

/* ---- dates ---- */

static bool iso_date(const char *s, struct date *d)
{
	static const char shape[] = "dddd-dd-dd";
	for (size_t i = 0; i < sizeof shape - 1; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9')
				    : s[i] != '-')
			return false;
	if (s[10])
		return false;
	int y = atoi(s), m = atoi(s + 5), day = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || day < 1 || day > nl_days_in_month(y, m))
		return false;
	*d = (struct date){ y, m, day };
	return true;
}

static int date_cmp(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return (a.day > b.day) - (a.day < b.day);
}

static const char *const DATES_MSG =
	"'dates' must be one or two ISO dates (YYYY-MM-DD); got %s";

/* What a date that is no date was: a value of the date's shape whose
 * month or day does not exist says which and how many days the month
 * has, since "2026-04-31" reads right to the one who typed it. */
static const char *date_got(struct pctx *pc, const struct ynode *v)
{
	const char *got = parse_describe_bare(pc, v);
	struct date shaped;
	if (v->kind != YN_SCALAR || iso_date(v->str, &shaped))
		return got;
	int y, m, day, end = 0;
	if (sscanf(v->str, "%4d-%2d-%2d%n", &y, &m, &day, &end) == 3 &&
	    !v->str[end] && end < 10 && y >= 1000 && m >= 1 && m <= 12 &&
	    day >= 1 && day <= nl_days_in_month(y, m))
		return arena_printf(pc->a, "%s; write the month and the day "
				    "with two digits: %04d-%02d-%02d", got, y,
				    m, day);
	static const char shape[] = "dddd-dd-dd";
	for (size_t i = 0; i < sizeof shape; i++)
		if (shape[i] == 'd' ? !(v->str[i] >= '0' && v->str[i] <= '9')
				    : v->str[i] != shape[i])
			return got;
	y = atoi(v->str), m = atoi(v->str + 5);
	if (y < 1)
		return got;
	if (m < 1 || m > 12)
		return arena_printf(pc->a, "%s, and a year has no month %02d",
				    got, m);
	return arena_printf(pc->a, "%s, a day that does not exist: %s %d "
			    "has %d days", got, nl_month(m), y,
			    nl_days_in_month(y, m));
}

static bool one_of_dates(struct pctx *pc, const struct ynode *v, struct date *d)
{
	if (v->kind == YN_SCALAR && iso_date(v->str, d))
		return true;
	parse_error(pc, v->pos, DATES_MSG, date_got(pc, v));
	return false;
}

static void parse_dates(struct pctx *pc, const struct ynode *v,
			struct meeting_info *m)
{
	m->dates_pos = v->pos;
	if (v->kind == YN_SCALAR && !v->is_null) {
		m->n_dates = one_of_dates(pc, v, &m->dates[0]);
		return;
	}
	if (v->kind != YN_SEQ) {
		parse_error(pc, v->pos, DATES_MSG, parse_describe_bare(pc, v));
		return;
	}
	if (v->n == 0 || v->n > 2) {
		parse_error(pc, v->pos, DATES_MSG,
			    v->n ? arena_printf(pc->a, "%zu dates", v->n)
				 : "an empty list");
		return;
	}
	int ok = 0;
	for (const struct ynode *it = v->first; it; it = it->next)
		ok += one_of_dates(pc, it, &m->dates[m->n_dates++]);
	if (ok == 2 && date_cmp(m->dates[0], m->dates[1]) > 0)
		parse_error(pc, v->first->next->pos,
			    "the end date %s in 'dates' lies before the start "
			    "date %s",
			    v->first->next->str, v->first->str);
}

static void parse_date(struct pctx *pc, const struct ynode *v,
		       struct document *doc)
{
	if (v->kind == YN_SCALAR && v->is_null)
		return;
	if (v->kind == YN_SCALAR && iso_date(v->str, &doc->date)) {
		doc->has_date = true;
		return;
	}
	parse_error(pc, v->pos,
		    "'date' must be an ISO date (YYYY-MM-DD); got %s",
		    date_got(pc, v));
}

/* ---- the meeting, the letter ---- */

static void parse_bool(struct pctx *pc, const struct ynode *v, const char *name,
		       bool *out)
{
	static const char *const yes[] = { "true", "True", "TRUE" };
	static const char *const no[] = { "false", "False", "FALSE" };
	if (v->kind == YN_SCALAR && v->is_null)
		return;
	for (size_t i = 0; v->kind == YN_SCALAR && i < 3; i++)
		if (strcmp(v->str, yes[i]) == 0 || strcmp(v->str, no[i]) == 0) {
			*out = strcmp(v->str, yes[i]) == 0;
			return;
		}
	parse_error(pc, v->pos, "'%s' must be true or false; got %s", name,
		    parse_describe(pc, v));
}

/* Each item of a list as text: participants. */
static void parse_participants(struct pctx *pc, const struct ynode *seq,
			       struct meeting_info *m)
{
	m->participants = arena_array(pc->a, seq->n, sizeof *m->participants);
	for (const struct ynode *it = seq->first; it; it = it->next) {
		if (it->kind != YN_SCALAR || it->is_null) {
			parse_error(pc, it->pos,
				    "each item in 'participants' must be a "
				    "name; got %s",
				    parse_describe(pc, it));
			continue;
		}
		struct text name;
		if (!parse_scalar_text(pc, it, "participants", true, &name))
			continue;
		if (parse_is_blank(it->str)) {
			parse_error(pc, it->pos,
				    "an item in 'participants' is empty");
			continue;
		}
		m->participants[m->n_participants++].name = name;
	}
}

enum {
	M_NAME,
	M_SHORT,
	M_INFORMAL,
	M_DATES,
	M_PLACE,
	M_VENUE,
	M_PARTICIPANTS,
	M_N
};
static const struct field meeting_fields[M_N] = {
	[M_NAME] = { "name", true, false },
	[M_SHORT] = { "short", false, false },
	[M_INFORMAL] = { "informal", false, false },
	[M_DATES] = { "dates", true, false },
	[M_PLACE] = { "place", true, false },
	[M_VENUE] = { "venue", false, false },
	[M_PARTICIPANTS] = { "participants", false, false },
};

static void parse_meeting(struct pctx *pc, struct ynode *v,
			  struct meeting_info *m)
{
	if (!parse_want_map(pc, v, "'meeting'"))
		return;
	struct mapview mv;
	parse_map_open(pc, &mv, v, "in 'meeting'", meeting_fields, M_N);
	parse_map_text(pc, &mv, M_NAME, &m->name);
	parse_map_text(pc, &mv, M_SHORT, &m->short_name);
	if (mv.vals[M_INFORMAL])
		parse_bool(pc, mv.vals[M_INFORMAL], "informal", &m->informal);
	if (mv.vals[M_DATES])
		parse_dates(pc, mv.vals[M_DATES], m);
	parse_map_text(pc, &mv, M_PLACE, &m->place);
	parse_map_text(pc, &mv, M_VENUE, &m->venue);
	const struct ynode *p = parse_map_list(pc, &mv, M_PARTICIPANTS);
	if (p)
		parse_participants(pc, p, m);
}

enum { L_TO, L_SALUTATION, L_BODY, L_CLOSING, L_SIGNATORY, L_N };
static const struct field letter_fields[L_N] = {
	[L_TO] = { "to", false, false },
	[L_SALUTATION] = { "salutation", false, false },
	[L_BODY] = { "body", false, true },
	[L_CLOSING] = { "closing", false, false },
	[L_SIGNATORY] = { "signatory", false, false },
};

static struct letter *parse_letter(struct pctx *pc, struct ynode *v)
{
	struct letter *l = arena_alloc(pc->a, sizeof *l);
	struct mapview mv;
	parse_map_open(pc, &mv, v, "in 'letter'", letter_fields, L_N);
	l->pos = v->pos;
	parse_map_text(pc, &mv, L_TO, &l->to);
	parse_map_text(pc, &mv, L_SALUTATION, &l->salutation);
	parse_map_text(pc, &mv, L_BODY, &l->body);
	parse_map_text(pc, &mv, L_CLOSING, &l->closing);
	parse_map_text(pc, &mv, L_SIGNATORY, &l->signatory);
	return l;
}

/* ---- sections ---- */

enum { S_HEADING, S_TEXT, S_POSITION, S_CHARTS, S_SECTIONS, S_N };
static const struct field section_fields[S_N] = {
	[S_HEADING] = { "heading", true, false },
	[S_TEXT] = { "text", false, true },
	[S_POSITION] = { "position", false, true },
	[S_CHARTS] = { "charts", false, false },
	[S_SECTIONS] = { "sections", false, false },
};

static void parse_chart_refs(struct pctx *pc, const struct ynode *seq,
			     const char *key, struct chart_ref **out,
			     size_t *n)
{
	*out = arena_array(pc->a, seq->n, sizeof **out);
	for (const struct ynode *it = seq->first; it; it = it->next) {
		if (it->kind != YN_SCALAR || it->is_null) {
			parse_error(pc, it->pos,
				    "each item in '%s' must be the id of "
				    "a chart; got %s",
				    key, parse_describe(pc, it));
			continue;
		}
		(*out)[(*n)++] = (struct chart_ref){ parse_keep(pc, it->str),
						     it->pos };
	}
}

static void parse_sections(struct pctx *pc, const struct ynode *seq, int level,
			   struct section **out, size_t *n_out);

static void parse_section(struct pctx *pc, struct ynode *v, int level,
			  struct section *s)
{
	s->level = level;
	s->pos = v->pos;
	if (!parse_want_map(pc, v, "each item in 'sections'"))
		return;
	struct mapview mv;
	parse_map_open(pc, &mv, v, "in a section", section_fields, S_N);
	parse_map_text(pc, &mv, S_HEADING, &s->heading);
	parse_map_text(pc, &mv, S_TEXT, &s->text);
	parse_map_text(pc, &mv, S_POSITION, &s->position);
	const struct ynode *charts = parse_map_list(pc, &mv, S_CHARTS);
	if (charts)
		parse_chart_refs(pc, charts, "charts", &s->charts,
				 &s->n_charts);
	const struct ynode *sub = parse_map_list(pc, &mv, S_SECTIONS);
	if (sub)
		parse_sections(pc, sub, level + 1, &s->sections,
			       &s->n_sections);
}

/* Recursion is bounded: nothing below PARSE_MAX_LEVEL is read. */
static void parse_sections(struct pctx *pc, const struct ynode *seq, int level,
			   struct section **out, size_t *n_out)
{
	if (seq->n > 0 && level > PARSE_MAX_LEVEL) {
		parse_error(pc, seq->first->pos,
			    "sections may be nested at most three levels "
			    "deep");
		return;
	}
	*out = arena_array(pc->a, seq->n, sizeof **out);
	*n_out = seq->n;
	size_t i = 0;
	for (struct ynode *it = seq->first; it; it = it->next)
		parse_section(pc, it, level, &(*out)[i++]);
}

/* ---- notes, footnotes ---- */

static bool is_note_key(const char *s)
{
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			return false;
	return *s != '\0';
}

static void parse_note(struct pctx *pc, struct ynode *k, struct note *note)
{
	const struct ynode *v = k->next;
	note->key = parse_keep(pc, k->str);
	note->pos = k->pos;
	if (!is_note_key(k->str))
		parse_error(pc, k->pos,
			    "footnote key '%s' in 'notes' may only hold "
			    "lowercase letters a-z, digits, '-' and '_'",
			    parse_snip(pc, k->str));
	if (v->kind != YN_SCALAR) {
		parse_error(pc, v->pos,
			    "footnote '%s' in 'notes' must be text; got %s",
			    parse_snip(pc, k->str), parse_describe(pc, v));
		return;
	}
	if (v->is_null || parse_is_blank(v->str)) {
		parse_error(pc, v->pos, "footnote '%s' in 'notes' has no text",
			    parse_snip(pc, k->str));
		return;
	}
	struct text t;
	if (parse_scalar_text(pc, v, "notes", false, &t) &&
	    parse_rich_lines_ok(pc, &t))
		note->text = t;
}

static void parse_notes(struct pctx *pc, struct ynode *map,
			struct document *doc)
{
	doc->notes = arena_array(pc->a, map->n / 2, sizeof *doc->notes);
	for (struct ynode *k = map->first; k; k = k->next->next) {
		if (k->kind != YN_SCALAR) {
			parse_error(pc, k->pos, "a key must be text; got %s",
				    parse_describe(pc, k));
			continue;
		}
		const struct note *first = parse_strmap_get(&pc->schema->notes, k->str);
		if (first) {
			parse_error(pc, k->pos,
				    "key '%s' appears twice in 'notes'; the "
				    "first is on line %d: keep one of the two%s",
				    parse_snip(pc, k->str), first->pos.line,
				    parse_excerpt(pc, k->pos));
			continue;
		}
		struct note *note = &doc->notes[doc->n_notes++];
		parse_strmap_put(pc->a, &pc->schema->notes, k->str, note);
		parse_note(pc, k, note);
	}
	model_index_notes(pc->a, doc);
}

/* Every [^key] in a rich text must have a note. */
static void check_footnotes(struct pctx *pc, const struct text *t)
{
	if (!t->src)
		return;
	for (const char *p = t->src; (p = strstr(p, "[^")); p++) {
		if (p > t->src && p[-1] == '\\')
			continue;
		const char *q = p + 2;
		while (*q && *q != ']' && *q != '[' && *q != ' ' &&
		       *q != '\n' && *q != '\t')
			q++;
		if (*q != ']' || q == p + 2)
			continue;
		const char *key =
			arena_strndup(pc->a, p + 2, (size_t)(q - p - 2));
		if (!parse_strmap_get(&pc->schema->notes, key))
			parse_error(pc, model_text_pos(t, (size_t)(p - t->src)),
				    "footnote [^%s] has no text in 'notes'",
				    parse_snip(pc, key));
	}
}

/* What a rich-text field refers to: notes and links. */
static void check_rich(struct pctx *pc, const struct text *t)
{
	check_footnotes(pc, t);
	parse_check_links(pc, t);
}

static void check_section_refs(struct pctx *pc, const struct section *s,
			       size_t n)
{
	for (size_t i = 0; i < n; i++) {
		check_rich(pc, &s[i].text);
		check_rich(pc, &s[i].position);
		for (size_t j = 0; j < s[i].n_charts; j++)
			parse_check_chart_ref(pc, &s[i].charts[j]);
		check_section_refs(pc, s[i].sections, s[i].n_sections);
	}
}

/* ---- distribution ---- */

enum { R_NAME, R_EMAIL, R_N };
static const struct field recipient_fields[R_N] = {
	[R_NAME] = { "name", true, false },
	[R_EMAIL] = { "email", true, false },
};

static void parse_distribution(struct pctx *pc, const struct ynode *seq,
			       struct document *doc)
{
	doc->distribution =
		arena_array(pc->a, seq->n, sizeof *doc->distribution);
	for (struct ynode *it = seq->first; it; it = it->next) {
		if (!parse_want_map(pc, it, "each item in 'distribution'"))
			continue;
		struct recipient *r = &doc->distribution[doc->n_distribution++];
		struct mapview mv;
		parse_map_open(pc, &mv, it, "in a recipient", recipient_fields,
			       R_N);
		parse_map_text(pc, &mv, R_NAME, &r->name);
		const char *why = NULL;
		if (parse_map_text(pc, &mv, R_EMAIL, &r->email) &&
		    (why = mail_address_problem(pc->a, r->email.src)))
			parse_error(pc, mv.vals[R_EMAIL]->pos,
				    "'email' must be an e-mail address such "
				    "as naam@example.nl; %s", why);
	}
}

/* Extension: who sends the mail; --from may name another address. */
enum { SN_NAME, SN_EMAIL, SN_CONTACT, SN_N };
static const struct field sender_fields[SN_N] = {
	[SN_NAME] = { "name", true, false },
	[SN_EMAIL] = { "email", true, false },
	[SN_CONTACT] = { "contact", false, false },
};

static void parse_sender(struct pctx *pc, struct ynode *map,
			 struct document *doc)
{
	struct mapview mv;
	struct sender s = { 0 };
	parse_map_open(pc, &mv, map, "in 'sender'", sender_fields, SN_N);
	parse_map_text(pc, &mv, SN_NAME, &s.name);
	parse_map_text(pc, &mv, SN_CONTACT, &s.contact);
	const char *why = NULL;
	if (parse_map_text(pc, &mv, SN_EMAIL, &s.email) &&
	    (why = mail_address_problem(pc->a, s.email.src)))
		parse_error(pc, mv.vals[SN_EMAIL]->pos,
			    "'email' must be an e-mail address such as "
			    "naam@example.nl; %s",
			    why);
	if (s.name.src && s.email.src && !why)
		doc->sender = s;
}

/* ---- the document ---- */

enum {
	D_FORMAT,
	D_ID,
	D_DOCUMENT,
	D_TITLE,
	D_DATE,
	D_AUTHOR,
	D_LAYOUT,
	D_CLASSIFICATION,
	D_REFERENCE,
	D_INTRO,
	D_INTRO_CHARTS,
	D_MEETING,
	D_LETTER,
	D_SECTIONS,
	D_NOTES,
	D_DATA,
	D_CHARTS,
	D_AGENDA,
	D_ANNEXES,
	D_DISTRIBUTION,
	D_SENDER,
	D_N
};
static const struct field doc_fields[D_N] = {
	[D_FORMAT] = { "format", true, false },
	[D_ID] = { "id", true, false },
	[D_DOCUMENT] = { "document", true, false },
	[D_TITLE] = { "title", false, false },
	[D_DATE] = { "date", false, false },
	[D_AUTHOR] = { "author", false, false },
	[D_LAYOUT] = { "layout", false, false },
	[D_CLASSIFICATION] = { "classification", false, false },
	[D_REFERENCE] = { "reference", false, false },
	[D_INTRO] = { "intro", false, true },
	[D_INTRO_CHARTS] = { "intro_charts", false, false },
	[D_MEETING] = { "meeting", true, false },
	[D_LETTER] = { "letter", false, false },
	/* Required unless 'intro' holds the whole text (checked below). */
	[D_SECTIONS] = { "sections", false, false },
	[D_NOTES] = { "notes", false, false },
	[D_DATA] = { "data", false, false },
	[D_CHARTS] = { "charts", false, false },
	[D_AGENDA] = { "agenda", false, false },
	[D_ANNEXES] = { "annexes", false, false },
	[D_DISTRIBUTION] = { "distribution", false, false },
	[D_SENDER] = { "sender", false, false },
};

static void parse_doc_id(struct pctx *pc, const struct mapview *mv,
			 struct document *doc)
{
	struct text t = { 0 };
	if (!parse_map_text(pc, mv, D_ID, &t))
		return;
	doc->id_pos = mv->vals[D_ID]->pos;
	if (parse_is_id(t.src))
		doc->id = t.src;
	else
		parse_error(pc, doc->id_pos,
			    "'id' may only hold lowercase letters a-z, digits "
			    "and '-', because it names the output file "
			    "(out/ID.pdf); got '%s'",
			    parse_snip(pc, t.src));
}

static void parse_kind(struct pctx *pc, const struct ynode *v,
		       struct document *doc)
{
	const char *kinds[] = { model_doc_kind_name(DOC_GEANNOTEERDE_AGENDA),
				model_doc_kind_name(DOC_VERSLAG),
				model_doc_kind_name(DOC_BRIEFING_PACK) };
	int k = parse_choice(pc, v, "document", kinds, 3);
	if (k >= 0)
		doc->kind = (enum doc_kind)k;
}

static void parse_layout(struct pctx *pc, const struct mapview *mv,
			 struct document *doc)
{
	if (!parse_map_text(pc, mv, D_LAYOUT, &doc->layout))
		return;
	const char *s = doc->layout.src;
	bool ok = *s != '\0';
	for (; *s; s++)
		ok &= (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_';
	if (!ok)
		parse_error(pc, mv->vals[D_LAYOUT]->pos,
			    "'layout' must name a file in layouts/ without "
			    "'.yaml' (letters, digits, '-' and '_'); got '%s'",
			    parse_snip(pc, doc->layout.src));
}

static void parse_body(struct pctx *pc, const struct mapview *mv,
		       struct document *doc)
{
	struct ynode *v;
	if ((v = mv->vals[D_MEETING]))
		parse_meeting(pc, v, &doc->meeting);
	if ((v = parse_map_map(pc, mv, D_LETTER)))
		doc->letter = parse_letter(pc, v);
	if ((v = parse_map_map(pc, mv, D_NOTES)))
		parse_notes(pc, v, doc);
	if ((v = mv->vals[D_SECTIONS])) {
		struct ynode *seq = parse_map_list(pc, mv, D_SECTIONS);
		if (seq && seq->n > 0)
			parse_sections(pc, seq, 1, &doc->sections,
				       &doc->n_sections);
		else if (v->kind == YN_SEQ || v->is_null)
			parse_error(pc, v->pos,
				    "'sections' must hold at least one "
				    "section");
	}
	if ((v = parse_map_list(pc, mv, D_DATA))) {
		parse_file_refs(pc, v, "data", &doc->data, &doc->n_data);
		parse_data_files(pc, doc);
	}
	if ((v = parse_map_list(pc, mv, D_CHARTS)))
		parse_charts(pc, v);
	if ((v = parse_map_list(pc, mv, D_INTRO_CHARTS)))
		parse_chart_refs(pc, v, "intro_charts", &doc->intro_charts,
				 &doc->n_intro_charts);
	if ((v = parse_map_list(pc, mv, D_ANNEXES))) {
		parse_file_refs(pc, v, "annexes", &doc->annexes,
				&doc->n_annexes);
		annexes_once(pc, doc);
	}
	if ((v = parse_map_list(pc, mv, D_DISTRIBUTION)))
		parse_distribution(pc, v, doc);
	if ((v = parse_map_map(pc, mv, D_SENDER)))
		parse_sender(pc, v, doc);
	struct text agenda = { 0 };
	if (parse_map_text(pc, mv, D_AGENDA, &agenda) && agenda.src) {
		/* Extension: the briefing pack's annotated agenda, another
		 * meeting file bound in as the pack's body. */
		doc->agenda = arena_alloc(pc->a, sizeof *doc->agenda);
		doc->agenda->path = agenda.src;
		doc->agenda->resolved = parse_resolve(pc, agenda.src);
		doc->agenda->pos = agenda.pos;
		if (doc->kind != DOC_BRIEFING_PACK)
			parse_error(pc, agenda.pos,
				    "'agenda' binds a meeting file into a "
				    "briefing pack; this document is a %s "
				    "(use document: briefing-pack, or leave "
				    "'agenda' out)", model_doc_kind_name(doc->kind));
	}
}

static void parse_document(struct pctx *pc, struct ynode *root,
			   struct document *doc)
{
	if (!parse_want_map(pc, root, "the top level"))
		return;
	struct mapview mv;
	parse_map_open(pc, &mv, root, "at the top level", doc_fields, D_N);
	parse_check_format(pc, mv.vals[D_FORMAT]);
	doc->format = 1;
	parse_doc_id(pc, &mv, doc);
	if (mv.vals[D_DOCUMENT])
		parse_kind(pc, mv.vals[D_DOCUMENT], doc);
	parse_map_text(pc, &mv, D_TITLE, &doc->title);
	if (mv.vals[D_DATE])
		parse_date(pc, mv.vals[D_DATE], doc);
	parse_map_text(pc, &mv, D_AUTHOR, &doc->author);
	parse_layout(pc, &mv, doc);
	parse_map_text(pc, &mv, D_CLASSIFICATION, &doc->classification);
	parse_map_text(pc, &mv, D_REFERENCE, &doc->reference);
	parse_map_text(pc, &mv, D_INTRO, &doc->intro);
	parse_body(pc, &mv, doc);
	/* A document without headings (seed 004 is one) is all 'intro'. */
	if (!mv.vals[D_SECTIONS] && !doc->intro.src)
		parse_error(pc, root->pos,
			    "missing required key 'sections' at the top level "
			    "(or write the whole text in 'intro')");
	check_rich(pc, &doc->intro);
	if (doc->letter)
		check_rich(pc, &doc->letter->body);
	for (size_t i = 0; i < doc->n_notes; i++)
		check_rich(pc, &doc->notes[i].text);
	for (size_t i = 0; i < doc->n_intro_charts; i++)
		parse_check_chart_ref(pc, &doc->intro_charts[i]);
	check_section_refs(pc, doc->sections, doc->n_sections);
}

static const char *folder_of(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return "";
	if (slash == path)
		return "/";
	return arena_strndup(a, path, (size_t)(slash - path));
}

/* Its rich texts, unless model_release_rich() let them go before. */
static void destroy_rich(void *doc)
{
	struct document *d = doc;
	arena_destroy(d->rich_texts);
	d->rich_texts = NULL;
}

/* A meeting file's bytes into a document; pack: the pack that binds it. */
static struct document *parse_document_bytes(struct arena *a,
					     const char *path, const char *buf,
					     size_t len, const char *root,
					     const struct document *pack,
					     bool data_ok, struct diags *diags)
{
	assert(a && path && (buf || !len) && diags);
	struct parse_schema schema = { 0 };
	struct pctx pc = { .a = a, .tree = arena_create(), .diags = diags,
			   .schema = &schema };
	pc.schema->dir = folder_of(a, path);
	path = arena_strdup(a, path);
	struct document *doc = arena_alloc(a, sizeof *doc);
	doc->path = path;
	doc->rich_texts = pc.rich = arena_create();
	arena_on_destroy(a, destroy_rich, doc);
	pc.schema->doc = doc;
	if (pack) {
		doc->root = pack->root;
		doc->root_shown = pack->root_shown;
	} else {
		parse_set_root(&pc, doc, root);
	}
	/* A file the user did not name is not quoted until it shows that it
	 * is a meeting file. */
	pc.opaque = pack != NULL;
	struct ynode *tree = parse_tree(
		&pc, path, buf ? buf : "", len,
		"the file is empty: a meeting document needs at least "
		"'format', 'id', 'document', 'meeting' and 'sections'");
	pc.opaque = false;
	if (tree && pack && !parse_is_dossier_file(tree)) {
		parse_error(&pc, (struct srcpos){ path, 0, 0 },
			    "this is not a meeting file: a meeting file is a "
			    "mapping that starts with 'format: 1' (FORMAT.md)");
		tree = NULL;
	}
	pc.src_file = path;
	pc.src = buf;
	pc.src_len = len;
	if (tree && data_ok && parse_is_data_file(tree))
		parse_data_root(&pc, tree); /* charts, no meeting around them */
	else if (tree)
		parse_document(&pc, tree, doc);
	/* The model holds copies of what it keeps (parse_keep): the tree,
	 * its data files' trees included, goes before compose starts. */
	arena_destroy(pc.tree);
	return pc.errors ? NULL : doc;
}

struct document *model_parse_buffer(struct arena *a, const char *path,
				    const char *buf, size_t len,
				    struct diags *diags)
{
	return parse_document_bytes(a, path, buf, len, NULL, NULL, false,
				    diags);
}

static struct document *parse_file(struct arena *a, const char *path,
				    const char *root, bool data_ok,
				    struct diags *diags)
{
	assert(a && path && diags);
	struct strbuf sb = STRBUF_INIT;
	struct input_fail f;
	if (!parse_read_file(path, NULL, &sb, &f)) {
		strbuf_release(&sb);
		struct srcpos whole = { arena_strdup(a, path), 0, 0 };
		if (f.result == INPUT_NOT_FILE)
			diag_error_status(diags, EXIT_NOINPUT, whole,
					  "this is %s, not a file; name a "
					  "meeting file (.yaml)",
					  f.what);
		else
			diag_error_status(diags, EXIT_NOINPUT, whole,
					  "cannot read this file: %s",
					  input_fail_text(&f));
		return NULL;
	}
	struct document *doc = parse_document_bytes(a, path, sb.buf, sb.len,
						    root, NULL, data_ok, diags);
	strbuf_release(&sb);
	return doc;
}

struct document *model_parse_file_in(struct arena *a, const char *path,
				     const char *root, struct diags *diags)
{
	return parse_file(a, path, root, false, diags);
}

struct document *model_parse_charts_in(struct arena *a, const char *path,
				       const char *root, struct diags *diags)
{
	return parse_file(a, path, root, true, diags);
}

struct document *model_parse_file(struct arena *a, const char *path,
				  struct diags *diags)
{
	return model_parse_file_in(a, path, NULL, diags);
}

struct document *model_parse_bound(struct arena *a,
				   const struct document *pack,
				   const struct file_ref *ref, const char *what,
				   bool *unreadable, struct diags *diags)
{
	assert(a && pack && ref && what && unreadable && diags);
	/* Errors about reading it are the pack's, at the place of its name. */
	struct parse_schema schema = { 0 };
	struct pctx pc = { .a = a, .diags = diags, .schema = &schema };
	struct strbuf sb = STRBUF_INIT;
	*unreadable = !parse_read_named(&pc, pack, ref, what, ref->path, &sb);
	struct document *doc = NULL;
	if (!*unreadable)
		doc = parse_document_bytes(a, ref->resolved, sb.buf, sb.len,
					   NULL, pack, false, diags);
	strbuf_release(&sb);
	return doc;
}
