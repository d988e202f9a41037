/*
 * main.c — the command line: dossier render | check | chart | mail | help,
 * COMMAND --help, --version; a usage error is one line and a pointer to
 * `dossier help COMMAND`.
 *
 * Runs the pipeline once per meeting file (parse → compose → typeset →
 * paginate → display list → writer), each file in an arena of its own.
 * One file renders in this process; several go to batch.c's workers (-j).
 * With --incremental, DIR/manifest.json says what is up to date. `mail`
 * is handed to mail.c whole. Exit status: 0 done, 2 usage, 65 bad data,
 * 66 an input cannot be read, 70 dossier failed, 73 an output cannot be
 * written.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "diag.h"
#include "mail.h"
#include "new.h"
#include "batch_manifest.h"
#include "model.h"
#include "output.h"
#include "parse_pack.h"
#include "parse_yaml.h"
#include "pipeline.h"
#include "watch.h"
#include "write_cairo.h"

/* The help texts: `dossier help [COMMAND]`, `dossier COMMAND --help`.
 * mail's is mail.c's own. The manual page render/dossier.1 says the same
 * at length; tests/format_doc.py pins every line of these. */
static const char short_usage[] =
	"usage: dossier COMMAND [ARGS...]\n"
	"commands: render, check, chart, mail, new, watch, help\n"
	"run 'dossier help' for what each does, 'dossier help COMMAND' for "
	"its options\n";

static const char help_overview[] =
	"usage: dossier COMMAND [ARGS...]\n"
	"\n"
	"dossier sets meeting documents written in YAML (annotated agendas, "
	"reports,\n"
	"briefing packs) as PDFs with Dutch typography.\n"
	"\n"
	"  render FILE... -o DIR      write DIR/<id>.pdf for each meeting "
	"file\n"
	"  check FILE...              check meeting files; write nothing\n"
	"  chart FILE --id ID -o OUT  write one chart alone: .svg, .png or "
	".pdf\n"
	"  mail FILE... --smtp URL    mail each PDF to the file's "
	"'distribution'\n"
	"  new KIND FILE              write a starting file: agenda, verslag, "
	"pack, data\n"
	"  watch FILE... -o DIR       render, and again whenever an input "
	"changes\n"
	"  help [COMMAND]             this text, or the options of COMMAND\n"
	"\n"
	"  dossier COMMAND --help     the options of COMMAND, as 'dossier "
	"help COMMAND'\n"
	"  dossier --version          the version\n"
	"\n"
	"FILE is a meeting document (inputs/meetings/*.yaml); its format is "
	"described\n"
	"in inputs/README.md, and in the manual page dossier(1). Exit "
	"status: 0 done,\n"
	"2 usage, 65 bad data, 66 an input cannot be read, 70 dossier "
	"failed,\n"
	"73 an output cannot be written.\n";

static const char help_render[] =
	"usage: dossier render FILE... -o DIR [-j N] [-q] [--incremental]\n"
	"                      [--archive] [--preview] [--root DIR]\n"
	"\n"
	"Writes DIR/<id>.pdf for each meeting file, <id> being the file's "
	"'id'. Several\n"
	"files are rendered by worker processes at once; a bad file takes "
	"only itself\n"
	"down. A failed run never leaves a partial PDF nor replaces a good "
	"one.\n"
	"\n"
	"  -o, --output DIR   where the PDFs go; made when missing\n"
	"  -j, --jobs N       render N files at once (default: the number of "
	"cores)\n"
	"  -q, --quiet        no progress line, only errors\n"
	"  --incremental      render only what changed since "
	"DIR/manifest.json, and\n"
	"                     record what was rendered there\n"
	"  --archive          also DIR/<id>.archief.pdf, a PDF/A-1a archive "
	"copy\n"
	"  --preview          also DIR/<id>.png, page 1 at 96 dpi\n"
	"  --root DIR         the folder whose files a meeting file may load "
	"(data,\n"
	"                     agenda, annexes); default: the meeting file's "
	"folder,\n"
	"                     or the folder above it when that is called "
	"'meetings'\n"
	"  -h, --help         this text\n"
	"\n"
	"Exit status: 0 done, 2 usage, 65 bad data, 66 an input cannot be "
	"read,\n"
	"70 dossier failed, 73 an output cannot be written; with several "
	"files, that\n"
	"of the first that failed.\n";

static const char help_check[] =
	"usage: dossier check FILE... [--root DIR]\n"
	"\n"
	"Reads each meeting file as render does, with the data files, agenda "
	"and\n"
	"annexes it names, and the layout, and prints every problem as\n"
	"file:line:col: message. Writes nothing. It sets the document as "
	"render\n"
	"does, so a file check accepts renders.\n"
	"\n"
	"  --root DIR   the folder whose files a meeting file may load, as "
	"for render\n"
	"  -h, --help   this text\n"
	"\n"
	"Exit status: 0 every file is valid, 2 usage, 65 bad data, 66 an "
	"input cannot\n"
	"be read.\n";

static const char help_chart[] =
	"usage: dossier chart FILE --id ID -o OUT [--width PX] [--root DIR]\n"
	"\n"
	"Writes the chart ID of FILE alone, drawn as in the "
	"document, to OUT: .svg, .png\n"
	"or .pdf by its ending. FILE is a meeting file (the chart "
	"from its 'charts' or\n"
	"its data files) or a data file. A PDF's date is the meeting "
	"file's 'date', else\n"
	"SOURCE_DATE_EPOCH, else the meeting's first day; for a data "
	"file\n"
	"SOURCE_DATE_EPOCH, else 1970-01-01. Never the clock.\n"
	"\n"
	"  --id ID            the chart's 'id'\n"
	"  -o, --output OUT   the file to write\n"
	"  --width PX         the width of a .png in pixels, 16 to 20000 "
	"(default: the\n"
	"                     layout's chart png_width_px, 1200 in "
	"kamerbrief)\n"
	"  --root DIR         the folder whose files FILE may load, as for "
	"render\n"
	"  -h, --help         this text\n"
	"\n"
	"Exit status: 0 done, 2 usage, 65 bad data or no chart ID, 66 FILE "
	"cannot be\n"
	"read, 73 OUT cannot be written.\n";

static const char help_help[] =
	"usage: dossier help [COMMAND]\n"
	"\n"
	"Without COMMAND: what dossier does and its commands. With one of "
	"render, check,\n"
	"chart, mail, new or help: what that command takes. 'dossier COMMAND "
	"--help'\n"
	"and 'dossier COMMAND -h' print the same.\n"
	"\n"
	"Exit status: 0 done, 2 an unknown command.\n";

static const char help_new[] =
	"usage: dossier new agenda|verslag|pack|data FILE\n"
	"\n"
	"Writes FILE as a starting file of that kind: a geannoteerde agenda, "
	"a verslag,\n"
	"a briefing pack, or a data file of charts. It holds every required "
	"key with an\n"
	"example value, its id made from the file's name, and the schema hint "
	"on its\n"
	"first line, so that an editor checks it as you type. 'dossier check' "
	"accepts\n"
	"it as it is; fill it in from inputs/README.md. An existing file is "
	"never\n"
	"overwritten.\n"
	"\n"
	"  -h, --help   this text\n"
	"\n"
	"Exit status: 0 done, 2 usage, 73 FILE exists already or cannot be "
	"written.\n";

static const char help_watch[] =
	"usage: dossier watch FILE... -o DIR [--root DIR]\n"
	"\n"
	"Renders each meeting file as render does, then again within a "
	"fraction of a\n"
	"second whenever it, its data files, agenda or annexes, the layout or "
	"the\n"
	"hyphenation word list change, printing one line per render with its "
	"time, or\n"
	"its errors. A save with a mistake leaves the last good PDF in place. "
	"PDF\n"
	"viewers that reload a changed file then follow the edits. Stop it "
	"with Ctrl-C.\n"
	"\n"
	"  -o, --output DIR   where the PDFs go; made when missing\n"
	"  --root DIR         the folder whose files a meeting file may load, "
	"as for\n"
	"                     render\n"
	"  -h, --help         this text\n"
	"\n"
	"Exit status: 2 usage, 66 the fonts or patterns cannot be loaded, 70 "
	"files\n"
	"cannot be watched here; otherwise it runs until stopped.\n";

static const char *const commands[] = { "render", "check", "chart", "mail",
					"new", "watch", "help" };
enum { N_COMMANDS = sizeof commands / sizeof *commands };
static const char *const commands_with_options[] = { "render", "check",
						     "chart", "mail", "new",
						     "watch", NULL };

struct run {
	const char *out_dir;
	const char *root; /* --root, or NULL for each file's own */
	bool render;
	bool quiet;
	bool incremental;
	int jobs; /* 0: the number of cores */
	struct pipeline pipe;
	struct arena *arena; /* the run's, for setup() */
};

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* One meeting file through the whole pipeline. Errors go to err, the
 * manifest record (when rendered and rec is not NULL) to rec. Returns
 * its exit status. */
static int process(struct run *run, const char *path, FILE *err, FILE *rec,
		   size_t *pages_out)
{
	struct arena *a = arena_create();
	struct diags d;
	diags_init(&d, a);
	struct document *doc = model_parse_file_in(a, path, run->root, &d);
	if (doc && doc->kind == DOC_BRIEFING_PACK && !pack_load(a, doc, &d))
		doc = NULL;
	/* check runs every stage render runs but the writers: what check
	 * accepts, render renders (a character no font has, a chart too
	 * tall for a page, a table row taller than a page included). */
	if (doc && !run->render)
		pipeline_check(&run->pipe, a, doc, &d);
	if (doc && run->render) {
		size_t pages = 0;
		if (pipeline_render(&run->pipe, a, doc, run->out_dir, &pages,
				    &d) && rec)
			pipeline_record(&run->pipe, a, rec, path, doc,
					run->out_dir, pages);
		if (pages_out && !d.count)
			*pages_out = pages;
	}
	diags_print(&d, err);
	int status = d.count ? d.status : EXIT_DONE;
	if (d.count && status == EXIT_DONE)
		status = EXIT_DATAERR;
	arena_destroy(a);
	return status;
}

static int usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool chart_output_ok(const char *out)
{
	const char *dot = strrchr(out, '.');
	return dot && (!strcmp(dot, ".svg") || !strcmp(dot, ".png") ||
		       !strcmp(dot, ".pdf"));
}

/* One chart of a meeting or data file alone, as SVG, PNG or PDF. */
static int chart_command(const char *path, const char *root, const char *id,
			 const char *out, double width_px)
{
	struct arena *a = arena_create();
	struct diags d;
	diags_init(&d, a);
	struct pipeline pipe = { 0 };
	struct document *doc = model_parse_charts_in(a, path, root, &d);
	if (doc && pipeline_open(&pipe, a, &d))
		pipeline_chart(&pipe, a, doc, id, out, width_px, &d);
	diags_print(&d, stderr);
	int status = d.count ? (d.status ? d.status : EXIT_DATAERR) :
			       EXIT_DONE;
	arena_destroy(a); /* the layouts first: they use the fonts */
	pipeline_close(&pipe);
	return status;
}

static bool is_one_of(const char *s, const char *const *names)
{
	for (; *names; names++)
		if (!strcmp(s, *names))
			return true;
	return false;
}

static const char *const chart_options[] = { "--id", "-o", "--output",
					     "--width", NULL };

static int chart_main(int argc, char **argv)
{
	const char *file = NULL, *id = NULL, *out = NULL, *root = NULL;
	double width = 0;
	for (int i = 2; i < argc; i++) {
		bool has = i + 1 < argc;
		if (!strcmp(argv[i], "--id") && has)
			id = argv[++i];
		else if ((!strcmp(argv[i], "-o") ||
			  !strcmp(argv[i], "--output")) && has)
			out = argv[++i];
		else if (!strcmp(argv[i], "--root") && has) {
			if (!is_dir(root = argv[++i]))
				return usage_error("chart", "'--root' must name "
						   "a folder; got '%s'", root);
		} else if (!strcmp(argv[i], "--width") && has) {
			char *end;
			width = strtod(argv[++i], &end);
			if (*end || width < 16 || width > 20000)
				return usage_error("chart", "'--width' must be "
						   "a number of pixels from 16 "
						   "to 20000; got '%s'",
						   argv[i]);
		} else if (is_one_of(argv[i], chart_options)) {
			return usage_error("chart", "'%s' needs a value",
					   argv[i]);
		} else if (argv[i][0] == '-' && argv[i][1])
			return usage_error("chart", "unknown option '%s'",
					   argv[i]);
		else if (!file)
			file = argv[i];
		else
			return usage_error("chart", "one file only; "
					   "got also '%s'", argv[i]);
	}
	if (!file)
		return usage_error("chart", "name the meeting or data file "
				   "that holds the chart");
	if (!id)
		return usage_error("chart", "say which chart with --id ID");
	if (!out)
		return usage_error("chart", "say where the chart goes with "
				   "-o OUT");
	if (!chart_output_ok(out))
		return usage_error("chart", "the output of chart must end in "
				   ".svg, .png or .pdf; got '%s'", out);
	return chart_command(file, root, id, out, width);
}

/* One line naming the one thing wrong, then where to read more. */
static int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "dossier%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\nrun 'dossier help%s%s' for more\n", cmd ? " " : "",
		cmd ? cmd : "");
	va_end(ap);
	return EXIT_USAGE;
}

static bool ensure_dir(const char *dir)
{
	if (is_dir(dir))
		return true;
	if (mkdir(dir, 0777) == 0)
		return true;
	fprintf(stderr, "%s: cannot create the output folder: %s\n", dir,
		strerror(errno));
	return false;
}

/* Fonts and hyphenation, once per process that renders. */
static int setup(void *ctx, FILE *err)
{
	struct run *run = ctx;
	struct diags d;
	diags_init(&d, run->arena);
	pipeline_open(&run->pipe, run->arena, &d);
	diags_print(&d, err);
	return d.count ? d.status : EXIT_DONE;
}

static void teardown(void *ctx)
{
	struct run *run = ctx;
	pipeline_close(&run->pipe);
}

static int render_one(void *ctx, const char *file, FILE *err, FILE *rec,
		      size_t *pages)
{
	struct run *run = ctx;
	return process(run, file, err, run->incremental ? rec : NULL, pages);
}

static int parse_jobs(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);
	return *s && !*end && n >= 1 && n <= 1024 ? (int)n : 0;
}

/* Options and files; 0 or EXIT_USAGE (reported). */
static int parse_args(int argc, char **argv, struct run *run,
		      const char **files, int *n_files)
{
	for (int i = 2; i < argc; i++) {
		const char *o = argv[i];
		if (!run->render && o[0] == '-' && o[1] && strcmp(o, "--root"))
			return usage_error("check", "check takes no options but "
					   "--root, only meeting files; got "
					   "'%s'", o);
		if (!strcmp(o, "-o") || !strcmp(o, "--output") ||
		    !strcmp(o, "-j") || !strcmp(o, "--jobs")) {
			if (i + 1 >= argc)
				return usage_error(argv[1], "'%s' needs a "
						   "value", o);
			if (o[1] == 'o' || o[2] == 'o')
				run->out_dir = argv[++i];
			else if (!(run->jobs = parse_jobs(argv[++i])))
				return usage_error(argv[1], "'-j' needs a "
						   "number of files at once; "
						   "got '%s'", argv[i]);
		} else if (!strncmp(o, "-j", 2) && o[2]) {
			if (!(run->jobs = parse_jobs(o + 2)))
				return usage_error(argv[1], "'-j' needs a "
						   "number of files at once; "
						   "got '%s'", o + 2);
		} else if (!strcmp(o, "-q") || !strcmp(o, "--quiet")) {
			run->quiet = true;
		} else if (!strcmp(o, "--incremental")) {
			run->incremental = true;
		} else if (!strcmp(o, "--archive")) {
			run->pipe.archive = true;
		} else if (!strcmp(o, "--preview")) {
			run->pipe.preview = true;
		} else if (!strcmp(o, "--root")) {
			if (i + 1 >= argc)
				return usage_error(argv[1], "'%s' needs a value",
						   o);
			if (!is_dir(run->root = argv[++i]))
				return usage_error(argv[1], "'--root' must name "
						   "a folder; got '%s'",
						   run->root);
		} else if (o[0] == '-' && o[1]) {
			return usage_error(argv[1], "unknown option '%s'", o);
		} else {
			files[(*n_files)++] = o;
		}
	}
	if (!*n_files)
		return usage_error(argv[1], "name at least one meeting file");
	if (run->render && !run->out_dir)
		return usage_error(argv[1], "say where the PDFs go with -o "
				   "DIR");
	return EXIT_DONE;
}

/* The failures of a batch, after its progress line is gone. */
static void list_failures(const struct batch_file *f, size_t n)
{
	size_t failed = 0;
	for (size_t i = 0; i < n; i++)
		failed += !f[i].skip && f[i].status != EXIT_DONE;
	if (!failed)
		return;
	fprintf(stderr, "dossier: %zu of %zu files failed:\n", failed, n);
	for (size_t i = 0; i < n; i++)
		if (!f[i].skip && f[i].status != EXIT_DONE)
			fprintf(stderr, "  %s (exit %d)\n", f[i].path,
				f[i].status);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "6 PDFs in out/, 25 pages, 0,3 s": what a batch made, the Dutch way. */
static void print_summary(const struct batch_file *f, size_t n,
			  const char *out_dir, double seconds)
{
	size_t pdfs = 0, pages = 0;
	for (size_t i = 0; i < n; i++)
		if (!f[i].skip && f[i].status == EXIT_DONE) {
			pdfs++;
			pages += f[i].pages;
		}
	char secs[32];
	snprintf(secs, sizeof secs, "%.1f", seconds);
	char *dot = strchr(secs, '.');
	if (dot)
		*dot = ',';
	size_t len = strlen(out_dir);
	fprintf(stderr, "%zu PDF%s in %s%s, %zu page%s, %s s\n", pdfs,
		pdfs == 1 ? "" : "s", out_dir,
		len && out_dir[len - 1] == '/' ? "" : "/", pages,
		pages == 1 ? "" : "s", secs);
}

/* Several files: in parallel workers, with --incremental's manifest. */
static int render_batch(struct run *run, struct arena *a, const char **files,
			int n_files)
{
	struct batch_file *f = arena_array(a, (size_t)n_files, sizeof *f);
	struct manifest *m = run->incremental ?
		manifest_load(a, run->out_dir, pipeline_home(a)) : NULL;
	size_t todo = 0;
	for (int i = 0; i < n_files; i++) {
		f[i].path = files[i];
		f[i].skip = m && manifest_up_to_date(m, files[i]);
		todo += !f[i].skip;
	}
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	struct batch_opts opts = {
		.jobs = run->jobs ? run->jobs : cores > 0 ? (int)cores : 1,
		.progress = !run->quiet && isatty(STDERR_FILENO),
	};
	struct batch_ops ops = { run, setup, render_one, teardown };
	double t0 = now_s();
	batch_run(a, f, (size_t)n_files, &opts, &ops);
	int status = EXIT_DONE;
	for (int i = 0; i < n_files; i++)
		if (!f[i].skip && f[i].status != EXIT_DONE &&
		    status == EXIT_DONE)
			status = f[i].status;
	if (n_files > 1)
		list_failures(f, (size_t)n_files);
	if (m) {
		for (int i = 0; i < n_files; i++)
			if (!f[i].skip)
				manifest_set(m, f[i].path,
					     f[i].status == EXIT_DONE ?
					     f[i].record : NULL);
		struct diags d;
		diags_init(&d, a);
		if (!manifest_save(m, &d)) {
			diags_print(&d, stderr);
			if (status == EXIT_DONE)
				status = d.status;
		}
	}
	if (opts.progress && todo < (size_t)n_files)
		fprintf(stderr, "dossier: %zu of %d files up to date\n",
			(size_t)n_files - todo, n_files);
	if (opts.progress && todo)
		print_summary(f, (size_t)n_files, run->out_dir,
			      now_s() - t0);
	return status;
}

/* One file, or checking only: in this process. */
static int run_here(struct run *run, const char **files, int n_files)
{
	int status = setup(run, stderr);
	if (status != EXIT_DONE) {
		teardown(run);
		return status;
	}
	for (int i = 0; i < n_files; i++) {
		int s = process(run, files[i], stderr, NULL, NULL);
		if (s != EXIT_DONE && status == EXIT_DONE)
			status = s;
	}
	teardown(run);
	return status;
}

static int unknown_command(const char *name)
{
	const char *near = parse_suggest(name, commands, N_COMMANDS);
	if (near)
		return usage_error(NULL, "unknown command '%s'; did you mean "
				   "'%s'? (commands: render, check, chart, "
				   "mail, new, watch, help)", name, near);
	return usage_error(NULL, "unknown command '%s' (commands: render, "
			   "check, chart, mail, new, watch, help)", name);
}

/* `dossier help [COMMAND]`: the text on stdout. */
static int help(const char *cmd)
{
	static const char *const texts[N_COMMANDS] = {
		help_render, help_check, help_chart, NULL, help_new, help_watch,
		help_help
	};
	if (!cmd) {
		fputs(help_overview, stdout);
		return EXIT_DONE;
	}
	for (size_t i = 0; i < N_COMMANDS; i++) {
		if (strcmp(cmd, commands[i]))
			continue;
		if (!texts[i]) { /* mail's help is mail.c's */
			char *args[] = { "mail", "--help", NULL };
			return mail_main(2, args);
		}
		fputs(texts[i], stdout);
		return EXIT_DONE;
	}
	return unknown_command(cmd);
}

/* -h or --help anywhere after the command asks for its help. */
static bool wants_help(int argc, char **argv)
{
	static const char *const flags[] = { "-h", "--help", NULL };
	for (int i = 2; i < argc; i++)
		if (is_one_of(argv[i], flags))
			return true;
	return false;
}

/* `dossier watch FILE... -o DIR [--root DIR]`. */
static int watch_main(int argc, char **argv)
{
	const char **files = calloc((size_t)argc, sizeof *files);
	const char *out = NULL, *root = NULL;
	size_t n = 0;
	if (!files)
		abort();
	for (int i = 2; i < argc; i++) {
		const char *o = argv[i];
		if (!strcmp(o, "-o") || !strcmp(o, "--output") ||
		    !strcmp(o, "--root")) {
			if (i + 1 >= argc)
				return usage_error("watch", "'%s' needs a value",
						   o);
			*(o[2] == 'r' ? &root : &out) = argv[++i];
			if (root && o[2] == 'r' && !is_dir(root))
				return usage_error("watch", "'--root' must name "
						   "a folder; got '%s'", root);
		} else if (o[0] == '-' && o[1]) {
			return usage_error("watch", "unknown option '%s'", o);
		} else {
			files[n++] = o;
		}
	}
	if (!n)
		return usage_error("watch", "name at least one meeting file");
	if (!out)
		return usage_error("watch", "say where the PDFs go with -o DIR");
	if (!ensure_dir(out))
		return EXIT_CANTCREAT;
	struct arena *a = arena_create();
	struct diags d;
	diags_init(&d, a);
	struct pipeline pipe = { 0 };
	int status = EXIT_NOINPUT;
	if (pipeline_open(&pipe, a, &d))
		status = watch_run(&pipe, files, n, out, root);
	diags_print(&d, stderr);
	pipeline_close(&pipe);
	arena_destroy(a);
	free(files);
	return status;
}

int main(int argc, char **argv)
{
	write_cairo_init();
	if (argc < 2) {
		fputs(short_usage, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h"))
		return help(NULL);
	if (!strcmp(cmd, "--version")) {
		printf("dossier %s\n", DOSSIER_VERSION);
		return EXIT_DONE;
	}
	if (!strcmp(cmd, "help")) {
		if (argc > 3)
			return usage_error("help", "one command only; got also "
					   "'%s'", argv[3]);
		if (argc == 2)
			return help(NULL);
		return help(wants_help(argc, argv) ? "help" : argv[2]);
	}
	if (is_one_of(cmd, commands_with_options) && wants_help(argc, argv))
		return help(cmd);
	if (!strcmp(cmd, "mail"))
		return mail_main(argc - 1, argv + 1);
	if (!strcmp(cmd, "chart"))
		return chart_main(argc, argv);
	if (!strcmp(cmd, "new"))
		return new_main(argc - 1, argv + 1);
	if (!strcmp(cmd, "watch"))
		return watch_main(argc, argv);
	struct run run = { 0 };
	if (!strcmp(cmd, "render"))
		run.render = true;
	else if (strcmp(cmd, "check"))
		return cmd[0] == '-' ? usage_error(NULL, "unknown option '%s' "
						   "before the command", cmd)
				     : unknown_command(cmd);
	const char **files = calloc((size_t)argc, sizeof *files);
	if (!files)
		abort();
	int n_files = 0;
	int status = parse_args(argc, argv, &run, files, &n_files);
	if (status == EXIT_DONE && run.render && !ensure_dir(run.out_dir))
		status = EXIT_CANTCREAT;
	if (status == EXIT_DONE && run.render)
		output_clean_stale(run.out_dir);
	if (status != EXIT_DONE) {
		free(files);
		return status;
	}
	struct arena *a = arena_create(); /* lives as long as the run */
	run.arena = a;
	if (run.render && (n_files > 1 || run.incremental))
		status = render_batch(&run, a, files, n_files);
	else
		status = run_here(&run, files, n_files);
	arena_destroy(a);
	free(files);
	return status;
}
