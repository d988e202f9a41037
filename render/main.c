/*
 * main.c — the command line: dossier render | check | mail, --help, --version.
 *
 * Runs the pipeline once per meeting file (parse → compose → typeset →
 * paginate → display list → writer), each file in an arena of its own, and
 * is the one place that prints errors; `mail` is handed to mail.c whole.
 * Exit status: 0 done, 2 usage, 65 bad data, 66 an input cannot be read,
 * 73 an output cannot be written.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <fontconfig/fontconfig.h>

#include "diag.h"
#include "mail.h"
#include "model.h"
#include "pipeline.h"

static const char usage[] =
	"usage: dossier render FILE... -o DIR   write DIR/<id>.pdf for each "
	"meeting file\n"
	"       dossier check FILE...           only check the files\n"
	"       dossier mail FILE... --smtp URL mail the PDFs to their "
	"'distribution'\n"
	"                                       (dossier mail --help)\n"
	"       dossier --help | --version\n"
	"\n"
	"FILE is a meeting document in YAML (see FORMAT.md). Exit status: 0 "
	"done,\n2 usage, 65 bad data, 66 an input cannot be read, 73 an "
	"output cannot be\nwritten.\n";

struct run {
	const char *out_dir;
	bool render;
	struct pipeline pipe;
};

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* One meeting file through the whole pipeline. Returns its exit status. */
static int process(struct run *run, const char *path)
{
	struct arena *a = arena_create();
	struct diags d;
	diags_init(&d, a);
	struct document *doc = model_parse_file(a, path, &d);
	if (doc && run->render)
		pipeline_render(&run->pipe, a, doc, run->out_dir, &d);
	diags_print(&d, stderr);
	int status = d.count ? d.status : EXIT_DONE;
	if (d.count && status == EXIT_DONE)
		status = EXIT_DATAERR;
	arena_destroy(a);
	return status;
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
	if (!strcmp(argv[1], "mail")) {
		int status = mail_main(argc - 1, argv + 1);
		FcFini(); /* as below: no font is in use any more */
		return status;
	}
	struct run run = { 0 };
	if (!strcmp(argv[1], "render"))
		run.render = true;
	else if (strcmp(argv[1], "check"))
		return usage_error("unknown command '%s'; use render or check",
				   argv[1]);
	const char **files = calloc((size_t)argc, sizeof *files);
	if (!files)
		abort();
	int n_files = 0;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
			if (i + 1 >= argc) {
				free(files);
				return usage_error("'%s' needs a folder",
						   argv[i]);
			}
			run.out_dir = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			free(files);
			return usage_error("unknown option '%s'", argv[i]);
		} else {
			files[n_files++] = argv[i];
		}
	}
	if (!n_files) {
		free(files);
		return usage_error("name at least one meeting file%s", "");
	}
	if (run.render && !run.out_dir) {
		free(files);
		return usage_error("say where the PDFs go with -o DIR%s", "");
	}
	int status = EXIT_DONE;
	struct arena *a = arena_create(); /* lives as long as the run */
	if (run.render) {
		if (!ensure_dir(run.out_dir)) {
			free(files);
			arena_destroy(a);
			return EXIT_CANTCREAT;
		}
		struct diags d;
		diags_init(&d, a);
		if (!pipeline_open(&run.pipe, a, &d)) {
			diags_print(&d, stderr);
			status = d.status;
			n_files = 0;
		}
	}
	for (int i = 0; i < n_files; i++) {
		int s = process(&run, files[i]);
		if (s != EXIT_DONE && status == EXIT_DONE)
			status = s;
	}
	pipeline_close(&run.pipe);
	arena_destroy(a);
	free(files);
	/* pango loads the system font configuration in a thread of its own;
	 * release it too, now that no font is in use, so that memory
	 * checkers see no leak. */
	FcFini();
	return status;
}
