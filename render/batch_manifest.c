/*
 * batch_manifest.c — read, check and write DIR/manifest.json.
 *
 * Records are written by the workers as single lines of JSON and kept as
 * text; the file is an object whose "documents" list holds them, one per
 * line, sorted by source so the same run gives the same bytes. Reading
 * uses libfyaml (JSON is YAML 1.2); hashes come from GLib's GChecksum,
 * which pango already brings in.
 */
#include "batch_manifest.h"

#include <glib.h>
#include <libfyaml.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "output.h"

#ifndef DOSSIER_VERSION
#define DOSSIER_VERSION "unknown"
#endif

struct manifest_entry {
	const char *source;
	const char *record;       /* one line of JSON; NULL: removed */
	struct fy_document *doc;  /* the record parsed, or NULL */
};

struct manifest {
	struct arena *a;
	const char *dir;
	const char *home;
	struct manifest_entry *e;
	size_t n, cap;
};

/* ---- paths relative to their folders ---- */

#define HOME_PREFIX "dossier:"

/* p made absolute: its real path when it exists, else joined to the
 * working directory as written. */
static char *abs_path(struct arena *a, const char *p)
{
	char *real = realpath(p, NULL);
	if (real) {
		char *s = arena_strdup(a, real);
		free(real);
		return s;
	}
	if (p[0] == '/')
		return arena_strdup(a, p);
	char *cwd = getcwd(NULL, 0);
	char *s = arena_printf(a, "%s/%s", cwd ? cwd : ".", p);
	free(cwd);
	return s;
}

/* path relative to folder dir: "../inputs/meetings/x.yaml". */
static const char *rel_path(struct arena *a, const char *dir,
			    const char *path)
{
	const char *d = abs_path(a, dir), *p = abs_path(a, path);
	/* the common folders: up to the last '/' both share */
	size_t common = 0;
	for (size_t i = 0; d[i] && d[i] == p[i]; i++)
		if (d[i] == '/')
			common = i + 1;
	size_t dl = strlen(d);
	if (!strncmp(d, p, dl) && p[dl] == '/')
		common = dl + 1; /* path lies in dir */
	struct strbuf sb = STRBUF_INIT;
	if (common <= dl)
		for (const char *c = d + common - 1; c && *c; c = strchr(c + 1, '/'))
			if (c[1])
				strbuf_adds(&sb, "../");
	strbuf_adds(&sb, p + common);
	return strbuf_finish(&sb, a);
}

/* A recorded path back to one that can be opened. */
static const char *resolve(const struct manifest *m, const char *recorded)
{
	if (!strncmp(recorded, HOME_PREFIX, strlen(HOME_PREFIX)))
		return arena_printf(m->a, "%s/%s", m->home ? m->home : ".",
				    recorded + strlen(HOME_PREFIX));
	return arena_printf(m->a, "%s/%s", m->dir, recorded);
}

const char *manifest_sha256_file(struct arena *a, const char *path,
				 size_t *bytes)
{
	FILE *fp = input_fopen(path, NULL, NULL); /* never waits on a FIFO */
	if (!fp)
		return NULL;
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	unsigned char buf[65536];
	size_t n, total = 0;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		g_checksum_update(ck, buf, (gssize)n);
		total += n;
	}
	bool ok = !ferror(fp);
	fclose(fp);
	const char *hex = ok ? arena_strdup(a, g_checksum_get_string(ck))
			     : NULL;
	g_checksum_free(ck);
	if (bytes)
		*bytes = total;
	return hex;
}

static void json_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(fp, "\\u%04x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

const char *manifest_record(FILE *fp, struct arena *a, const char *source,
			    const char *const *inputs, size_t n_inputs,
			    const char *home, size_t n_home,
			    const char *out_dir, const char *pdf_name,
			    size_t pages)
{
	size_t bytes = 0;
	const char *pdf = arena_printf(a, "%s/%s", out_dir, pdf_name);
	const char *sha = manifest_sha256_file(a, pdf, &bytes);
	if (!sha)
		return NULL; /* no record: rendered again next time */
	fputs("{\"source\": ", fp);
	json_string(fp, rel_path(a, out_dir, source));
	fputs(", \"version\": ", fp);
	json_string(fp, DOSSIER_VERSION);
	fputs(", \"inputs\": {", fp);
	for (size_t i = 0; i < n_inputs; i++) {
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			seen |= strcmp(inputs[i], inputs[j]) == 0;
		const char *h = manifest_sha256_file(a, inputs[i], NULL);
		if (seen)
			continue;
		if (i)
			fputs(", ", fp);
		json_string(fp, i + n_home >= n_inputs
					? arena_printf(a, HOME_PREFIX "%s",
						       rel_path(a, home,
								inputs[i]))
					: rel_path(a, out_dir, inputs[i]));
		fputs(": ", fp);
		json_string(fp, h ? h : "unreadable");
	}
	fputs("}, \"output\": ", fp);
	json_string(fp, pdf_name);
	fprintf(fp, ", \"sha256\": \"%s\", \"pages\": %zu, \"bytes\": %zu}",
		sha, pages, bytes);
	return sha;
}

/* ---- reading ---- */

static void discard(struct fy_diag *diag, void *user, const char *buf,
		    size_t len)
{
	(void)diag, (void)user, (void)buf, (void)len;
}

static struct fy_document *parse_json(const char *text, size_t len)
{
	struct fy_diag_cfg dcfg;
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = discard;
	struct fy_diag *diag = fy_diag_create(&dcfg);
	if (!diag)
		return NULL;
	struct fy_parse_cfg cfg = { .flags = FYPCF_QUIET, .diag = diag };
	struct fy_document *d = fy_document_build_from_string(&cfg, text, len);
	fy_diag_unref(diag);
	return d;
}

static void free_doc(void *p)
{
	fy_document_destroy(p);
}

static const char *lookup(struct fy_node *map, const char *key)
{
	struct fy_node *v = map && fy_node_is_mapping(map) ?
		fy_node_mapping_lookup_by_string(map, key, -1) : NULL;
	return v && fy_node_is_scalar(v) ? fy_node_get_scalar0(v) : NULL;
}

/* The entry of source as given on the command line, or as recorded. */
static struct manifest_entry *find_recorded(struct manifest *m,
					    const char *rel)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->e[i].source, rel) == 0)
			return &m->e[i];
	return NULL;
}

static struct manifest_entry *find(struct manifest *m, const char *source)
{
	return find_recorded(m, rel_path(m->a, m->dir, source));
}

static struct manifest_entry *add(struct manifest *m, const char *source)
{
	ARENA_GROW(m->a, m->e, m->n, m->cap);
	struct manifest_entry *e = &m->e[m->n++];
	*e = (struct manifest_entry){ arena_strdup(m->a, source), NULL, NULL };
	return e;
}

/* Each line that is a record of its own is one entry. */
static void load_records(struct manifest *m, char *text)
{
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		size_t len = strlen(line);
		if (len && line[len - 1] == ',')
			line[--len] = '\0';
		if (strncmp(line, "{\"source\"", 9) != 0)
			continue;
		struct fy_document *d = parse_json(line, len);
		if (!d)
			continue;
		arena_on_destroy(m->a, free_doc, d);
		const char *src = lookup(fy_document_root(d), "source");
		if (!src || find_recorded(m, src))
			continue;
		struct manifest_entry *e = add(m, src);
		e->record = arena_strdup(m->a, line);
		e->doc = d;
	}
}

struct manifest *manifest_load(struct arena *a, const char *out_dir,
			       const char *home)
{
	struct manifest *m = arena_alloc(a, sizeof *m);
	m->a = a;
	m->dir = arena_strdup(a, out_dir);
	m->home = home ? arena_strdup(a, home) : NULL;
	const char *path = arena_printf(a, "%s/manifest.json", out_dir);
	FILE *fp = input_fopen(path, NULL, NULL);
	if (!fp)
		return m;
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(fp);
	char *text = strbuf_finish(&sb, a);
	load_records(m, text);
	return m;
}

const char *manifest_recorded_sha256(struct manifest *m, const char *source,
				     const char **output)
{
	struct manifest_entry *e = find(m, source);
	if (!e || !e->doc)
		return NULL;
	struct fy_node *root = fy_document_root(e->doc);
	const char *version = lookup(root, "version");
	const char *out = lookup(root, "output");
	const char *sha = lookup(root, "sha256");
	if (!version || strcmp(version, DOSSIER_VERSION) != 0 || !out ||
	    !sha || strchr(out, '/'))
		return NULL;
	struct fy_node *inputs = fy_node_mapping_lookup_by_string(root,
								  "inputs", -1);
	if (!inputs || !fy_node_is_mapping(inputs))
		return NULL;
	if (!lookup(inputs, e->source))
		return NULL; /* the meeting file itself must be among them */
	void *it = NULL;
	struct fy_node_pair *p;
	while ((p = fy_node_mapping_iterate(inputs, &it))) {
		const char *path = fy_node_get_scalar0(fy_node_pair_key(p));
		const char *want = fy_node_get_scalar0(fy_node_pair_value(p));
		const char *have =
			path ? manifest_sha256_file(m->a, resolve(m, path), NULL)
			     : NULL;
		if (!want || !have || strcmp(want, have) != 0)
			return NULL;
	}
	if (output)
		*output = out;
	return sha;
}

bool manifest_up_to_date(struct manifest *m, const char *source)
{
	const char *output = NULL;
	const char *sha = manifest_recorded_sha256(m, source, &output);
	if (!sha)
		return false;
	const char *pdf = arena_printf(m->a, "%s/%s", m->dir, output);
	const char *now = manifest_sha256_file(m->a, pdf, NULL);
	return now && strcmp(now, sha) == 0;
}

void manifest_set(struct manifest *m, const char *source, const char *record)
{
	struct manifest_entry *e = find(m, source);
	if (!e)
		e = add(m, rel_path(m->a, m->dir, source));
	e->record = record ? arena_strdup(m->a, record) : NULL;
}

static int by_source(const void *x, const void *y)
{
	const struct manifest_entry *a = x, *b = y;
	return strcmp(a->source, b->source);
}

bool manifest_save(const struct manifest *m, struct diags *d)
{
	qsort(m->e, m->n, sizeof *m->e, by_source);
	struct output o;
	const char *path = arena_printf(m->a, "%s/manifest.json", m->dir);
	if (!output_open(&o, path, d))
		return false;
	fprintf(o.fp, "{\"dossier\": \"%s\", \"documents\": [\n",
		DOSSIER_VERSION);
	bool first = true;
	for (size_t i = 0; i < m->n; i++) {
		if (!m->e[i].record)
			continue;
		fprintf(o.fp, "%s%s", first ? "" : ",\n", m->e[i].record);
		first = false;
	}
	fputs("\n]}\n", o.fp);
	return output_commit(&o, d);
}
