/*
 * parse_chart.c — charts: the data files a meeting names, and the charts
 * written in it (FORMAT.md, "A data file").
 *
 * Input: the YAML tree of a chart list (from parse.c), and the paths under
 * 'data', read and turned into trees with parse_tree(). Output: the charts
 * appended to doc->charts in the order they are read (data files first,
 * then the meeting file's own), every id unique over all of them, and the
 * check that a section's chart reference names one of them.
 */
#include "parse.h"
#include "utf8.h"

#include <assert.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const chart_types[] = { "bar", "stacked-bar", "hbar",
					   "line" }; /* enum chart_type */
static const char *const chart_units[] = { "eur", "percent",
					   "count" }; /* enum chart_unit */
static const char *const chart_sorts[] = { "none", "ascending",
					   "descending" }; /* enum chart_sort */

/* The largest magnitude of a chart value, a target, and a stack of bars:
 * 10^15 (€ 1.000.000 mld., some ten times the world's yearly product) is
 * past any amount, percentage or count a ministry charts, and keeps every
 * axis label a few digits wide (a value of 1e100 made the labels wider
 * than the chart). README.md, "Limits". */
#define CHART_MAX_ABS 1e15
#define CHART_RANGE "chart values must lie between -1e15 and 1e15"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A decimal number as YAML and JSON write it: -12, 2.5, 2.5e9. */
static bool parse_number(const char *s, double *out)
{
	const char *p = s;
	size_t digits = 0;
	if (*p == '+' || *p == '-')
		p++;
	for (; is_digit(*p); p++)
		digits++;
	if (*p == '.')
		for (p++; is_digit(*p); p++)
			digits++;
	if (!digits)
		return false;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!is_digit(*p))
			return false;
		while (is_digit(*p))
			p++;
	}
	if (*p)
		return false;
	/* strtod reads the locale's decimal point; pango may set nl_NL. */
	struct strbuf sb = STRBUF_INIT;
	const char *point = localeconv()->decimal_point;
	for (p = s; *p; p++)
		if (*p == '.')
			strbuf_adds(&sb, point);
		else
			strbuf_addc(&sb, *p);
	*out = strtod(strbuf_str(&sb), NULL);
	strbuf_release(&sb);
	if (*out == 0)
		*out = 0; /* -0 is 0: no "−0" on an axis */
	return isfinite(*out);
}

static bool node_number(const struct ynode *v, double *out)
{
	return v->kind == YN_SCALAR && !v->is_null && parse_number(v->str, out);
}

/* "2,5" is the Dutch way; say how to write it. */
static const char *comma_hint(struct pctx *pc, const struct ynode *v)
{
	if (v->kind != YN_SCALAR || !strchr(v->str, ','))
		return "";
	char *dot = arena_strdup(pc->a, v->str);
	*strchr(dot, ',') = '.';
	double x;
	if (!parse_number(dot, &x))
		return "";
	return arena_printf(pc->a, " (write a decimal point: %s)",
			    parse_snip(pc, dot));
}

static struct chart *push_chart(struct pctx *pc)
{
	struct document *doc = pc->schema->doc;
	ARENA_GROW(pc->a, doc->charts, doc->n_charts, pc->schema->charts_cap);
	return &doc->charts[doc->n_charts++];
}

/* ---- series and their values ---- */

/* A chart's words are set on a line or a few: a category, a series'
 * name or a target's label longer than CHART_LABEL_MAX characters, a
 * title or source longer than CHART_TITLE_MAX, can only be a mistake,
 * and wrapping it would cost more than its length (the fuzzer found a
 * 60 KB category label that took half a minute). */
#define CHART_LABEL_MAX 120
#define CHART_TITLE_MAX 300

static void chart_text_fits(struct pctx *pc, const char *text,
			    struct srcpos pos, const char *what, size_t max)
{
	size_t n = text ? utf8_count(text, strlen(text)) : 0;
	if (n > max)
		parse_error(pc, pos, "%s is %zu characters long; a chart has "
			    "room for at most %zu: shorten it", what, n, max);
}

static void parse_value(struct pctx *pc, const struct ynode *k,
			struct chart_series *s, struct strmap *seen)
{
	const struct ynode *v = k->next;
	if (k->kind != YN_SCALAR) {
		parse_error(pc, k->pos, "a key must be text; got %s",
			    parse_describe(pc, k));
		return;
	}
	const char *category = parse_keep(pc, parse_one_line(pc, k->str));
	chart_text_fits(pc, category, k->pos, "a category", CHART_LABEL_MAX);
	if (parse_strmap_get(seen, category)) {
		parse_error(pc, k->pos, "key '%s' appears twice in 'values'",
			    parse_snip(pc, category));
		return;
	}
	parse_strmap_put(pc->a, seen, category, (void *)k);
	double x;
	if (!node_number(v, &x)) {
		parse_error(pc, v->pos,
			    "'values' must map each category to a number; got "
			    "%s for %s%s",
			    parse_describe(pc, v), parse_snip(pc, k->str),
			    comma_hint(pc, v));
		return;
	}
	if (fabs(x) > CHART_MAX_ABS) {
		parse_error(pc, v->pos, "%s for %s is out of range: " CHART_RANGE,
			    parse_snip(pc, v->str), parse_snip(pc, category));
		return;
	}
	s->values[s->n_values++] = (struct chart_value){ category, x, k->pos };
}

static void parse_values(struct pctx *pc, const struct ynode *v,
			 struct chart_series *s)
{
	if (v->kind == YN_SCALAR && v->is_null) {
		parse_error(pc, v->pos,
			    "'values' must map at least one category to a "
			    "number");
		return;
	}
	if (!parse_want_map(pc, v, "'values'"))
		return;
	if (v->n == 0) {
		parse_error(pc, v->pos,
			    "'values' must map at least one category to a "
			    "number");
		return;
	}
	s->values = arena_array(pc->a, v->n / 2, sizeof *s->values);
	struct strmap seen = { 0 };
	for (const struct ynode *k = v->first; k; k = k->next->next)
		parse_value(pc, k, s, &seen);
}

enum { SR_NAME, SR_VALUES, SR_N };
static const struct field series_fields[SR_N] = {
	[SR_NAME] = { "name", true, false },
	[SR_VALUES] = { "values", true, false },
};

static void parse_series(struct pctx *pc, struct ynode *v,
			 struct chart_series *s)
{
	s->pos = v->pos;
	if (!parse_want_map(pc, v, "each item in 'series'"))
		return;
	struct mapview mv;
	parse_map_open(pc, &mv, v, "in a series", series_fields, SR_N);
	parse_map_text(pc, &mv, SR_NAME, &s->name);
	chart_text_fits(pc, s->name.src, s->name.pos, "a series' 'name'",
			CHART_LABEL_MAX);
	if (mv.vals[SR_VALUES])
		parse_values(pc, mv.vals[SR_VALUES], s);
}

/* ---- targets ---- */

/* The categories of all series, in the order first written. */
struct categories {
	const char **names;
	size_t n;
	struct strmap map;
};

static void chart_categories(struct pctx *pc, const struct chart *c,
			     struct categories *cats)
{
	size_t total = 0;
	for (size_t i = 0; i < c->n_series; i++)
		total += c->series[i].n_values;
	cats->names = arena_array(pc->a, total, sizeof *cats->names);
	for (size_t i = 0; i < c->n_series; i++)
		for (size_t j = 0; j < c->series[i].n_values; j++) {
			const char *name = c->series[i].values[j].category;
			if (parse_strmap_get(&cats->map, name))
				continue;
			parse_strmap_put(pc->a, &cats->map, name, (void *)name);
			cats->names[cats->n++] = name;
		}
}

static bool is_year(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (s[n] < '0' || s[n] > '9')
			return false;
	return n == 4;
}

static bool all_years(const struct categories *cats)
{
	for (size_t i = 0; i < cats->n; i++)
		if (!is_year(cats->names[i]))
			return false;
	return cats->n > 0;
}

/* "'from' must be one of the chart's categories (2024, 2025); got 2026";
 * what: "'from'", "each item in 'highlight'". */
static void not_a_category(struct pctx *pc, struct srcpos pos,
			   const char *what, const struct categories *cats,
			   const char *got)
{
	enum { SHOWN = 12 };
	const char *shown[SHOWN];
	size_t n = cats->n < SHOWN ? cats->n : SHOWN;
	for (size_t k = 0; k < n; k++)
		shown[k] = parse_snip(pc, cats->names[k]);
	const char *list = parse_join(pc, shown, n, ", ");
	parse_error(pc, pos,
		    "%s must be one of the chart's categories (%s%s); got %s",
		    what, list, cats->n > SHOWN ? ", …" : "",
		    parse_snip(pc, got));
}

static void target_category(struct pctx *pc, const struct mapview *mv, size_t i,
			    const struct categories *cats, const char **out,
			    struct srcpos *pos)
{
	struct text t = { 0 };
	if (!parse_map_text(pc, mv, i, &t))
		return;
	*pos = mv->vals[i]->pos;
	if (parse_strmap_get(&cats->map, t.src) ||
	    (is_year(t.src) && all_years(cats))) {
		/* On a time axis a line may start or end at a year outside
		 * the data, as in FORMAT.md's own example (2014 to 2035). */
		*out = t.src;
		return;
	}
	not_a_category(pc, *pos,
		       arena_printf(pc->a, "'%s'", mv->fields[i].name), cats,
		       t.src);
}

enum { T_LABEL, T_VALUE, T_FROM, T_TO, T_N };
static const struct field target_fields[T_N] = {
	[T_LABEL] = { "label", true, false },
	[T_VALUE] = { "value", true, false },
	[T_FROM] = { "from", false, false },
	[T_TO] = { "to", false, false },
};

static void parse_target(struct pctx *pc, struct ynode *v,
			 const struct categories *cats, struct chart_target *t)
{
	struct mapview mv;
	parse_map_open(pc, &mv, v, "in a target", target_fields, T_N);
	parse_map_text(pc, &mv, T_LABEL, &t->label);
	chart_text_fits(pc, t->label.src, t->label.pos, "a target's 'label'",
			CHART_LABEL_MAX);
	const struct ynode *val = mv.vals[T_VALUE];
	if (val && !node_number(val, &t->value))
		parse_error(pc, val->pos, "'value' must be a number; got %s%s",
			    parse_describe(pc, val), comma_hint(pc, val));
	else if (val && fabs(t->value) > CHART_MAX_ABS)
		parse_error(pc, val->pos, "'value' %s is out of range: " CHART_RANGE,
			    parse_snip(pc, val->str));
	target_category(pc, &mv, T_FROM, cats, &t->from, &t->from_pos);
	target_category(pc, &mv, T_TO, cats, &t->to, &t->to_pos);
}

/* ---- a chart ---- */

enum {
	C_ID, C_TYPE, C_TITLE, C_UNIT, C_SOURCE, C_SERIES, C_TARGETS,
	C_HIGHLIGHT, C_SORT, C_N
};
static const struct field chart_fields[C_N] = {
	[C_ID] = { "id", true, false },
	[C_TYPE] = { "type", true, false },
	[C_TITLE] = { "title", true, false },
	[C_UNIT] = { "unit", true, false },
	[C_SOURCE] = { "source", false, false },
	[C_SERIES] = { "series", true, false },
	[C_TARGETS] = { "targets", false, false },
	[C_HIGHLIGHT] = { "highlight", false, false },
	[C_SORT] = { "sort", false, false },
};

static void chart_id(struct pctx *pc, const struct mapview *mv, struct chart *c)
{
	struct text t = { 0 };
	if (!parse_map_text(pc, mv, C_ID, &t))
		return;
	c->id_pos = mv->vals[C_ID]->pos;
	if (!parse_is_id(t.src)) {
		parse_error(pc, c->id_pos,
			    "the 'id' of a chart may only hold lowercase "
			    "letters a-z, digits and '-'; got '%s'",
			    parse_snip(pc, t.src));
		return;
	}
	const struct srcpos *first = parse_strmap_get(&pc->schema->chart_ids, t.src);
	if (first) {
		parse_error(pc, c->id_pos,
			    "chart id '%s' is used twice; first at %s:%d:%d",
			    parse_snip(pc, t.src), first->file, first->line,
			    first->col);
		return;
	}
	struct srcpos *pos = arena_alloc(pc->a, sizeof *pos);
	*pos = c->id_pos;
	parse_strmap_put(pc->a, &pc->schema->chart_ids, t.src, pos);
	c->id = t.src;
}

static void chart_series(struct pctx *pc, const struct mapview *mv,
			 struct chart *c)
{
	const struct ynode *v = mv->vals[C_SERIES];
	if (!v)
		return;
	const struct ynode *seq = parse_map_list(pc, mv, C_SERIES);
	if (!seq || seq->n == 0) {
		if (v->kind != YN_MAP && (seq || v->is_null))
			parse_error(pc, v->pos,
				    "'series' must hold at least one series");
		return;
	}
	c->series = arena_array(pc->a, seq->n, sizeof *c->series);
	for (struct ynode *it = seq->first; it; it = it->next)
		parse_series(pc, it, &c->series[c->n_series++]);
}

static void chart_targets(struct pctx *pc, const struct mapview *mv,
			  const struct categories *cats, struct chart *c)
{
	const struct ynode *seq = parse_map_list(pc, mv, C_TARGETS);
	if (!seq)
		return;
	c->targets = arena_array(pc->a, seq->n, sizeof *c->targets);
	for (struct ynode *it = seq->first; it; it = it->next)
		if (parse_want_map(pc, it, "each item in 'targets'"))
			parse_target(pc, it, cats,
				     &c->targets[c->n_targets++]);
}

/* 'highlight': categories of the chart, each named once. */
static void chart_highlight(struct pctx *pc, const struct mapview *mv,
			    const struct categories *cats, struct chart *c)
{
	const struct ynode *seq = parse_map_list(pc, mv, C_HIGHLIGHT);
	if (!seq)
		return;
	c->highlight = arena_array(pc->a, seq->n, sizeof *c->highlight);
	struct strmap seen = { 0 };
	for (const struct ynode *it = seq->first; it; it = it->next) {
		if (it->kind != YN_SCALAR || it->is_null) {
			parse_error(pc, it->pos,
				    "each item in 'highlight' must be one of "
				    "the chart's categories; got %s",
				    parse_describe(pc, it));
		} else if (!parse_strmap_get(&cats->map, it->str)) {
			not_a_category(pc, it->pos,
				       "each item in 'highlight'", cats,
				       it->str);
		} else if (parse_strmap_get(&seen, it->str)) {
			parse_error(pc, it->pos,
				    "category '%s' is named twice in "
				    "'highlight'",
				    parse_snip(pc, it->str));
		} else {
			parse_strmap_put(pc->a, &seen, it->str, (void *)it);
			c->highlight[c->n_highlight++] =
				parse_keep(pc, it->str);
		}
	}
}

/* ---- order ---- */

struct cat_key {
	const char *name;
	size_t written; /* its place in the order written */
	bool has;       /* a value to sort by */
	double value;
	int sign;       /* 1 ascending, -1 descending */
};

static int cmp_cat_key(const void *pa, const void *pb)
{
	const struct cat_key *a = pa, *b = pb;
	if (a->has != b->has)
		return a->has ? -1 : 1; /* without a value: last */
	if (a->has && a->value != b->value)
		return (a->value < b->value ? -1 : 1) * a->sign;
	return a->written < b->written ? -1 : a->written > b->written;
}

/* A value and the place of its category in the sorted order. */
struct ranked_value {
	size_t rank;
	struct chart_value v;
};

static int cmp_ranked(const void *pa, const void *pb)
{
	const struct ranked_value *a = pa, *b = pb;
	return a->rank < b->rank ? -1 : a->rank > b->rank;
}

/* Index + 1 of name in a map filled with such. */
static size_t index_of(const struct strmap *m, const char *name)
{
	return (size_t)(uintptr_t)parse_strmap_get(m, name);
}

/* 'sort': the categories by value: the first series' value, a stack's
 * total for stacked bars; ties and categories without that value keep
 * the order written, the latter at the end. Every series' values are put
 * in that order, so the chart and its alternative text read alike. */
static void chart_sort(struct pctx *pc, const struct mapview *mv,
		       const struct categories *cats, struct chart *c)
{
	const struct ynode *v = mv->vals[C_SORT];
	if (!v)
		return;
	int k = parse_choice(pc, v, "sort", chart_sorts, 3);
	if (k <= 0)
		return;
	if (c->type == CHART_LINE) {
		parse_error(pc, v->pos,
			    "'sort' orders the bars of a bar, stacked-bar or "
			    "hbar chart; a line chart keeps its categories in "
			    "the order written (leave 'sort' out)");
		return;
	}
	c->sort = (enum chart_sort)k;
	struct cat_key *keys = arena_array(pc->a, cats->n + 1, sizeof *keys);
	struct strmap at = { 0 };
	for (size_t i = 0; i < cats->n; i++) {
		keys[i] = (struct cat_key){ cats->names[i], i, false, 0,
					    c->sort == SORT_ASCENDING ? 1 : -1 };
		parse_strmap_put(pc->a, &at, cats->names[i],
				 (void *)(uintptr_t)(i + 1));
	}
	size_t by = c->type == CHART_STACKED_BAR ? c->n_series : 1;
	for (size_t s = 0; s < by && s < c->n_series; s++)
		for (size_t j = 0; j < c->series[s].n_values; j++) {
			const struct chart_value *cv = &c->series[s].values[j];
			struct cat_key *ck = &keys[index_of(&at, cv->category) - 1];
			ck->has = true;
			ck->value += cv->value;
		}
	qsort(keys, cats->n, sizeof *keys, cmp_cat_key);
	struct strmap rank = { 0 };
	for (size_t i = 0; i < cats->n; i++)
		parse_strmap_put(pc->a, &rank, keys[i].name,
				 (void *)(uintptr_t)(i + 1));
	for (size_t s = 0; s < c->n_series; s++) {
		struct chart_series *se = &c->series[s];
		struct ranked_value *rv =
			arena_array(pc->a, se->n_values + 1, sizeof *rv);
		for (size_t j = 0; j < se->n_values; j++)
			rv[j] = (struct ranked_value){
				index_of(&rank, se->values[j].category),
				se->values[j] };
		qsort(rv, se->n_values, sizeof *rv, cmp_ranked);
		for (size_t j = 0; j < se->n_values; j++)
			se->values[j] = rv[j].v;
	}
}

/* A stack adds its values up: each stack's positive and negative parts
 * keep to the same range as a value. */
static void stacks_in_range(struct pctx *pc, const struct chart *c)
{
	struct strmap sums = { 0 }; /* category → double[2]: above, below 0 */
	for (size_t i = 0; i < c->n_series; i++)
		for (size_t j = 0; j < c->series[i].n_values; j++) {
			const struct chart_value *v = &c->series[i].values[j];
			double *sum = parse_strmap_get(&sums, v->category);
			if (!sum) {
				sum = arena_array(pc->a, 2, sizeof *sum);
				sum[0] = sum[1] = 0;
				parse_strmap_put(pc->a, &sums, v->category,
						 sum);
			}
			double *part = &sum[v->value < 0];
			bool was_in = fabs(*part) <= CHART_MAX_ABS;
			*part += v->value;
			if (was_in && fabs(*part) > CHART_MAX_ABS)
				parse_error(pc, v->pos,
					    "with this value the stack of %s "
					    "goes past %s: the bars of a "
					    "stack together must lie between "
					    "-1e15 and 1e15",
					    parse_snip(pc, v->category),
					    *part < 0 ? "-1e15" : "1e15");
		}
}

static void parse_chart(struct pctx *pc, struct ynode *v, struct chart *c)
{
	c->pos = v->pos;
	if (!parse_want_map(pc, v, "each item in 'charts'"))
		return;
	struct mapview mv;
	parse_map_open(pc, &mv, v, "in a chart", chart_fields, C_N);
	chart_id(pc, &mv, c);
	int k;
	if (mv.vals[C_TYPE]) {
		k = parse_choice(pc, mv.vals[C_TYPE], "type", chart_types, 4);
		c->type = k >= 0 ? (enum chart_type)k : CHART_BAR;
	}
	parse_map_text(pc, &mv, C_TITLE, &c->title);
	chart_text_fits(pc, c->title.src, c->title.pos, "the chart's 'title'",
			CHART_TITLE_MAX);
	if (mv.vals[C_UNIT]) {
		k = parse_choice(pc, mv.vals[C_UNIT], "unit", chart_units, 3);
		c->unit = k >= 0 ? (enum chart_unit)k : UNIT_EUR;
	}
	parse_map_text(pc, &mv, C_SOURCE, &c->source);
	chart_text_fits(pc, c->source.src, c->source.pos, "the chart's 'source'",
			CHART_TITLE_MAX);
	chart_series(pc, &mv, c);
	if (c->type == CHART_STACKED_BAR)
		stacks_in_range(pc, c);
	struct categories cats = { 0 };
	chart_categories(pc, c, &cats);
	chart_targets(pc, &mv, &cats, c);
	chart_highlight(pc, &mv, &cats, c);
	chart_sort(pc, &mv, &cats, c);
}

void parse_charts(struct pctx *pc, const struct ynode *seq)
{
	assert(seq->kind == YN_SEQ);
	for (struct ynode *it = seq->first; it; it = it->next)
		parse_chart(pc, it, push_chart(pc));
}

/* ---- data files ---- */

enum { DF_FORMAT, DF_CHARTS, DF_N };
static const struct field data_fields[DF_N] = {
	[DF_FORMAT] = { "format", true, false },
	[DF_CHARTS] = { "charts", true, false },
};

void parse_data_root(struct pctx *pc, struct ynode *root)
{
	struct mapview mv;
	parse_map_open(pc, &mv, root, "at the top level", data_fields, DF_N);
	parse_check_format(pc, mv.vals[DF_FORMAT]);
	const struct ynode *charts = parse_map_list(pc, &mv, DF_CHARTS);
	if (charts)
		parse_charts(pc, charts);
}

bool parse_is_data_file(const struct ynode *root)
{
	static const char *const meeting_only[] = { "id", "document",
						    "meeting", "sections",
						    "intro" };
	if (!parse_is_dossier_file(root))
		return false;
	bool charts = false;
	for (const struct ynode *k = root->first; k; k = k->next->next) {
		if (k->kind != YN_SCALAR)
			continue;
		charts |= !strcmp(k->str, "charts");
		for (size_t i = 0; i < sizeof meeting_only /
				       sizeof *meeting_only; i++)
			if (!strcmp(k->str, meeting_only[i]))
				return false;
	}
	return charts;
}

static void parse_data_file(struct pctx *pc, const struct file_ref *ref)
{
	struct strbuf sb = STRBUF_INIT;
	if (!parse_read_named(pc, pc->schema->doc, ref, "data file", ref->resolved,
			      &sb)) {
		strbuf_release(&sb);
		return;
	}
	/* Not one word of a file that is not a data file is quoted: its
	 * lines could be anyone's secrets. */
	pc->opaque = true;
	struct ynode *root = parse_tree(
		pc, ref->resolved, strbuf_str(&sb), sb.len,
		"the file is empty: a data file needs 'format' and 'charts'");
	pc->opaque = false;
	strbuf_release(&sb);
	if (root && !parse_is_dossier_file(root))
		parse_error(pc, (struct srcpos){ ref->resolved, 0, 0 },
			    "this is not a data file: a data file is a "
			    "mapping that starts with 'format: 1' and holds "
			    "'charts' (FORMAT.md)");
	if (!root || !parse_is_dossier_file(root))
		return;
	parse_data_root(pc, root);
}

void parse_data_files(struct pctx *pc, struct document *doc)
{
	for (size_t i = 0; i < doc->n_data; i++) {
		const struct file_ref *ref = &doc->data[i];
		if (parse_strmap_get(&pc->schema->data_files, ref->resolved)) {
			parse_error(pc, ref->pos,
				    "data file '%s' is listed twice in 'data'",
				    parse_snip(pc, ref->resolved));
			continue;
		}
		parse_strmap_put(pc->a, &pc->schema->data_files, ref->resolved,
				 (void *)ref);
		parse_data_file(pc, ref);
	}
}

void parse_check_chart_ref(struct pctx *pc, const struct chart_ref *ref)
{
	if (parse_strmap_get(&pc->schema->chart_ids, ref->id))
		return;
	const struct document *doc = pc->schema->doc;
	const char **ids = arena_array(pc->a, doc->n_charts, sizeof *ids);
	size_t n = 0;
	for (size_t i = 0; i < doc->n_charts; i++)
		if (doc->charts[i].id)
			ids[n++] = doc->charts[i].id;
	if (n == 0)
		parse_error(pc, ref->pos,
			    "there is no chart with id '%s'; no charts are "
			    "loaded (name data files in 'data' or write "
			    "charts in 'charts')",
			    parse_snip(pc, ref->id));
	else
		parse_error(pc, ref->pos,
			    "there is no chart with id '%s'; the charts loaded "
			    "are: %s",
			    parse_snip(pc, ref->id),
			    parse_join(pc, ids, n, ", "));
}
