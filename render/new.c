/*
 * new.c — `dossier new agenda|verslag|pack|data FILE`: a starting file.
 *
 * Writes FILE from a template of its kind: every required key with an
 * example value, a few optional ones, and the schema hint on its first
 * lines so that an editor with yaml-language-server checks and completes
 * it. The id is made from the file's name. The file is written beside its
 * target and linked into place, so an existing file is never overwritten,
 * not even by a second run at the same moment. What it writes passes
 * `dossier check` (tests/format_doc.py).
 */
#include "new.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "pipeline.h"

/* "%1$s": the schema hint's path, "%2$s": the id. */
static const char agenda[] =
	"# yaml-language-server: $schema=%1$s\n"
	"# A geannoteerde agenda; every key is in inputs/README.md.\n"
	"format: 1\n"
	"id: %2$s\n"
	"document: geannoteerde-agenda\n"
	"meeting:\n"
	"  name: NAVO Foreign Ministers Meeting\n"
	"  dates: [2026-04-02, 2026-04-03]\n"
	"  place: Brussel\n"
	"sections:\n"
	"  - heading: Noord-Atlantische Raad\n"
	"    text: |\n"
	"      Wat de ministers bespreken, in alinea's; een lege regel begint\n"
	"      een nieuwe alinea.\n"
	"    position: |\n"
	"      De Nederlandse inzet.\n";

static const char verslag[] =
	"# yaml-language-server: $schema=%1$s\n"
	"# A verslag (report of a meeting); every key is in inputs/README.md.\n"
	"format: 1\n"
	"id: %2$s\n"
	"document: verslag\n"
	"meeting:\n"
	"  name: NAVO Foreign Ministers Meeting\n"
	"  dates: [2026-04-02]\n"
	"  place: Brussel\n"
	"sections:\n"
	"  - heading: Noord-Atlantische Raad\n"
	"    text: |\n"
	"      Wat er besproken is.\n";

static const char pack[] =
	"# yaml-language-server: $schema=%1$s\n"
	"# A briefing pack; every key is in inputs/README.md. Bind the agenda\n"
	"# and the annexes by their file names, relative to this file:\n"
	"#   agenda: my-agenda.yaml\n"
	"#   annexes: [earlier-report.yaml]\n"
	"format: 1\n"
	"id: %2$s\n"
	"document: briefing-pack\n"
	"meeting:\n"
	"  name: NAVO Foreign Ministers Meeting\n"
	"  dates: [2026-04-02, 2026-04-03]\n"
	"  place: Brussel\n"
	"intro: |\n"
	"  Wat dit pakket bevat.\n";

static const char data[] =
	"# yaml-language-server: $schema=%1$s\n"
	"# A data file: charts that meeting files name under 'data'; every\n"
	"# key is in inputs/README.md.\n"
	"format: 1\n"
	"charts:\n"
	"  - id: %2$s\n"
	"    type: bar\n"
	"    title: Nederlandse steun per jaar\n"
	"    unit: eur\n"
	"    series:\n"
	"      - name: Steun\n"
	"        values: {2025: 2.5e+9, 2026: 3.5e+9}\n";

static const char *const kinds[] = { "agenda", "verslag", "pack", "data" };
static const char *const templates[] = { agenda, verslag, pack, data };

static int new_usage(const char *fmt, const char *arg)
{
	fputs("dossier new: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nrun 'dossier help new' for more\n", stderr);
	return EXIT_USAGE;
}

/* The id from the file's name: lower case, a-z 0-9 and '-'. */
static const char *id_of(struct arena *a, const char *file)
{
	char *base = arena_strdup(a, file);
	base = basename(base);
	char *dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = '\0';
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = base; *p; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (ok)
			strbuf_addc(&sb, c);
		else if (sb.len && strbuf_str(&sb)[sb.len - 1] != '-')
			strbuf_addc(&sb, '-');
	}
	while (sb.len && strbuf_str(&sb)[sb.len - 1] == '-')
		sb.len--;
	if (!sb.len)
		strbuf_adds(&sb, "nieuw");
	return strbuf_finish(&sb, a);
}

/* The schema beside the file's folder when there is one (inputs/meetings/x
 * → ../meeting.schema.json), else the one in dossier's data folder. */
static const char *schema_hint(struct arena *a, const char *file,
			       const char *schema)
{
	char *dir = dirname(arena_strdup(a, file));
	const char *here[] = { arena_printf(a, "%s/%s", dir, schema),
			       arena_printf(a, "%s/../%s", dir, schema) };
	const char *shown[] = { schema, arena_printf(a, "../%s", schema) };
	for (size_t i = 0; i < 2; i++)
		if (access(here[i], R_OK) == 0)
			return shown[i];
	char *real = realpath(
		arena_printf(a, "%s/inputs/%s", pipeline_home(a), schema), NULL);
	const char *s = arena_strdup(a, real ? real : schema);
	free(real);
	return s;
}

/* Write text to a file beside path, then link it into place: no file is
 * ever replaced, and no partial one appears. */
static int write_new(struct arena *a, const char *path, const char *text)
{
	char *tmp = arena_printf(a, "%s.tmp-XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, "%s: cannot write it: %s\n", path,
			strerror(errno));
		return EXIT_CANTCREAT;
	}
	size_t len = strlen(text);
	bool ok = write(fd, text, len) == (ssize_t)len &&
		  fchmod(fd, 0644) == 0 && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	int status = EXIT_DONE;
	if (!ok) {
		fprintf(stderr, "%s: cannot write it: %s\n", path,
			strerror(errno));
		status = EXIT_CANTCREAT;
	} else if (link(tmp, path) != 0) {
		if (errno == EEXIST)
			fprintf(stderr,
				"%s: there is a file of that name already; "
				"dossier new never overwrites one: name a new "
				"file\n",
				path);
		else
			fprintf(stderr, "%s: cannot write it: %s\n", path,
				strerror(errno));
		status = EXIT_CANTCREAT;
	}
	unlink(tmp);
	return status;
}

int new_main(int argc, char **argv)
{
	if (argc < 2)
		return new_usage("say which kind of file: agenda, verslag, "
				 "pack or data%s", "");
	size_t k = 0;
	while (k < sizeof kinds / sizeof *kinds && strcmp(argv[1], kinds[k]))
		k++;
	if (k == sizeof kinds / sizeof *kinds)
		return new_usage("the kind must be agenda, verslag, pack or "
				 "data; got '%s'", argv[1]);
	if (argc < 3)
		return new_usage("name the file to write, such as "
				 "inputs/meetings/my-meeting.yaml%s", "");
	if (argc > 3)
		return new_usage("one file only; got also '%s'", argv[3]);
	const char *file = argv[2];
	struct arena *a = arena_create();
	const char *schema = schema_hint(
		a, file, k == 3 ? "data.schema.json" : "meeting.schema.json");
	char *text = arena_printf(a, templates[k], schema, id_of(a, file));
	int status = write_new(a, file, text);
	arena_destroy(a);
	return status;
}
