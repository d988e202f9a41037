/*
 * main.c — the command line: dossier render | check | chart | mail,
 * --help, --version.
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
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "diag.h"
#include "mail.h"
#include "manifest.h"
#include "model.h"
#include "output.h"
#include "pack.h"
#include "pipeline.h"

static const char usage[] =
	"usage: dossier render FILE... -o DIR   write DIR/<id>.pdf for each "
	"meeting file\n"
	"       dossier check FILE...           only check the files\n"
	"       dossier chart FILE --id ID -o OUT [--width PX]\n"
	"                                       write one chart alone; OUT "
	"ends in\n"
	"                                       .svg, .png (PX wide) or .pdf\n"
	"       dossier mail FILE... --smtp URL mail the PDFs to their "
	"'distribution'\n"
	"                                       (dossier mail --help)\n"
	"       dossier --help | --version\n"
	"\n"
	"  -o, --output DIR   where the PDFs go\n"
	"  -j, --jobs N       render N files at once (default: the number of "
	"cores)\n"
	"  -q, --quiet        no progress line, only errors\n"
	"  --incremental      render only what changed since "
	"DIR/manifest.json, and\n"
	"                     record what was rendered there\n"
	"  --archive          also DIR/<id>.archief.pdf, a PDF/A-1b archive "
	"copy\n"
	"  --preview          also DIR/<id>.png, page 1 at 96 dpi\n"
	"\n"
	"FILE is a meeting document in YAML (see FORMAT.md). Exit status: 0 "
	"done,\n2 usage, 65 bad data, 66 an input cannot be read, 70 dossier "
	"failed,\n73 an output cannot be written.\n";

struct run {
	const char *out_dir;
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

/* What a PDF depends on, for the manifest. */
static void write_record(struct run *run, struct arena *a, FILE *rec,
			 const char *path, const struct document *doc,
			 size_t pages)
{
	/* A pack's bound files (agenda, annexes) and their data files are
	 * inputs too. */
	const struct document *bound[2 + 64];
	size_t nb = 0;
	bound[nb++] = doc;
	if (doc->agenda_doc)
		bound[nb++] = doc->agenda_doc;
	for (size_t i = 0; doc->annex_docs && i < doc->n_annexes && nb < 66;
	     i++)
		if (doc->annex_docs[i])
			bound[nb++] = doc->annex_docs[i];
	size_t n = 5 + doc->n_annexes + (doc->agenda ? 1 : 0), k = 0;
	for (size_t b = 0; b < nb; b++)
		n += bound[b]->n_data;
	const char **in = arena_array(a, n, sizeof *in);
	in[k++] = path;
	for (size_t b = 0; b < nb; b++)
		for (size_t i = 0; i < bound[b]->n_data; i++)
			in[k++] = bound[b]->data[i].resolved;
	if (doc->agenda)
		in[k++] = doc->agenda->resolved;
	for (size_t i = 0; i < doc->n_annexes; i++)
		in[k++] = doc->annexes[i].resolved;
	in[k++] = pipeline_layout_path(&run->pipe, a, doc);
	/* Where words break: a new entry can move every line after it. */
	in[k++] = arena_printf(a, "%s/layouts/hyphenation-nl.txt",
			       run->pipe.home);
	in[k++] = arena_printf(a, "%s/fonts/fonts.conf", run->pipe.home);
	/* The fonts themselves, through the sha256 of each that `make` wrote
	 * with them: a new fonts-noto-core renders everything again, and
	 * checking costs one small file, not 2 MB of fonts. */
	in[k++] = arena_printf(a, "%s/fonts/" TYPESET_FONT_SUMS,
			       run->pipe.home);
	manifest_record(rec, a, path, in, k, run->out_dir,
			arena_printf(a, "%s.pdf", doc->id), pages);
}

/* One meeting file through the whole pipeline. Errors go to err, the
 * manifest record (when rendered and rec is not NULL) to rec. Returns
 * its exit status. */
static int process(struct run *run, const char *path, FILE *err, FILE *rec)
{
	struct arena *a = arena_create();
	struct diags d;
	diags_init(&d, a);
	struct document *doc = model_parse_file(a, path, &d);
	if (doc && doc->kind == DOC_BRIEFING_PACK && !pack_load(a, doc, &d))
		doc = NULL;
	if (doc && run->render) {
		size_t pages = 0;
		if (pipeline_render(&run->pipe, a, doc, run->out_dir, &pages,
				    &d) && rec)
			write_record(run, a, rec, path, doc, pages);
	}
	diags_print(&d, err);
	int status = d.count ? d.status : EXIT_DONE;
	if (d.count && status == EXIT_DONE)
		status = EXIT_DATAERR;
	arena_destroy(a);
	return status;
}

static int usage_error(const char *fmt, const char *arg);

static bool chart_output_ok(const char *out)
{
	const char *dot = strrchr(out, '.');
	return dot && (!strcmp(dot, ".svg") || !strcmp(dot, ".png") ||
		       !strcmp(dot, ".pdf"));
}

/* One chart of a meeting file alone, as SVG, PNG or PDF. */
static int chart_command(const char *path, const char *id, const char *out,
			 double width_px)
{
	struct arena *a = arena_create();
	struct diags d;
	diags_init(&d, a);
	struct pipeline pipe = { 0 };
	struct document *doc = model_parse_file(a, path, &d);
	if (doc && pipeline_open(&pipe, a, &d))
		pipeline_chart(&pipe, a, doc, id, out, width_px, &d);
	diags_print(&d, stderr);
	int status = d.count ? (d.status ? d.status : EXIT_DATAERR) :
			       EXIT_DONE;
	arena_destroy(a); /* the layouts first: they use the fonts */
	pipeline_close(&pipe);
	return status;
}

static int chart_main(int argc, char **argv)
{
	const char *file = NULL, *id = NULL, *out = NULL;
	double width = 0;
	for (int i = 2; i < argc; i++) {
		bool has = i + 1 < argc;
		if (!strcmp(argv[i], "--id") && has)
			id = argv[++i];
		else if ((!strcmp(argv[i], "-o") ||
			  !strcmp(argv[i], "--output")) && has)
			out = argv[++i];
		else if (!strcmp(argv[i], "--width") && has) {
			char *end;
			width = strtod(argv[++i], &end);
			if (*end || width < 16 || width > 20000)
				return usage_error("'--width' must be a number "
						   "of pixels from 16 to "
						   "20000; got '%s'", argv[i]);
		} else if (argv[i][0] == '-' && argv[i][1])
			return usage_error("unknown option or missing value: "
					   "'%s'", argv[i]);
		else if (!file)
			file = argv[i];
		else
			return usage_error("chart takes one meeting file; "
					   "got also '%s'", argv[i]);
	}
	if (!file || !id || !out)
		return usage_error("chart needs FILE, --id ID and -o OUT%s",
				   "");
	if (!chart_output_ok(out))
		return usage_error("the output of chart must end in .svg, "
				   ".png or .pdf; got '%s'", out);
	return chart_command(file, id, out, width);
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "dossier: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n\n%s", usage);
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

static int render_one(void *ctx, const char *file, FILE *err, FILE *rec)
{
	struct run *run = ctx;
	return process(run, file, err, run->incremental ? rec : NULL);
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
		if (!strcmp(o, "-o") || !strcmp(o, "--output") ||
		    !strcmp(o, "-j") || !strcmp(o, "--jobs")) {
			if (i + 1 >= argc)
				return usage_error("'%s' needs a value", o);
			if (o[1] == 'o' || o[2] == 'o')
				run->out_dir = argv[++i];
			else if (!(run->jobs = parse_jobs(argv[++i])))
				return usage_error("'-j' needs a number of "
						   "files at once; got '%s'",
						   argv[i]);
		} else if (!strncmp(o, "-j", 2) && o[2]) {
			if (!(run->jobs = parse_jobs(o + 2)))
				return usage_error("'-j' needs a number of "
						   "files at once; got '%s'",
						   o + 2);
		} else if (!strcmp(o, "-q") || !strcmp(o, "--quiet")) {
			run->quiet = true;
		} else if (!strcmp(o, "--incremental")) {
			run->incremental = true;
		} else if (!strcmp(o, "--archive")) {
			run->pipe.archive = true;
		} else if (!strcmp(o, "--preview")) {
			run->pipe.preview = true;
		} else if (o[0] == '-' && o[1]) {
			return usage_error("unknown option '%s'", o);
		} else {
			files[(*n_files)++] = o;
		}
	}
	if (!*n_files)
		return usage_error("name at least one meeting file%s", "");
	if (run->render && !run->out_dir)
		return usage_error("say where the PDFs go with -o DIR%s", "");
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

/* Several files: in parallel workers, with --incremental's manifest. */
static int render_batch(struct run *run, struct arena *a, const char **files,
			int n_files)
{
	struct batch_file *f = arena_array(a, (size_t)n_files, sizeof *f);
	struct manifest *m = run->incremental ?
		manifest_load(a, run->out_dir) : NULL;
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
	return status;
}

/* One file, or checking only: in this process. */
static int run_here(struct run *run, const char **files, int n_files)
{
	int status = EXIT_DONE;
	if (run->render) {
		status = setup(run, stderr);
		if (status != EXIT_DONE) {
			teardown(run);
			return status;
		}
	}
	for (int i = 0; i < n_files; i++) {
		int s = process(run, files[i], stderr, NULL);
		if (s != EXIT_DONE && status == EXIT_DONE)
			status = s;
	}
	if (run->render)
		teardown(run);
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("say what to do: render or check%s", "");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, stdout);
		return EXIT_DONE;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("dossier %s\n", DOSSIER_VERSION);
		return EXIT_DONE;
	}
	if (!strcmp(argv[1], "mail"))
		return mail_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "chart"))
		return chart_main(argc, argv);
	struct run run = { 0 };
	if (!strcmp(argv[1], "render"))
		run.render = true;
	else if (strcmp(argv[1], "check"))
		return usage_error("unknown command '%s'; use render, check or "
				   "chart",
				   argv[1]);
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
