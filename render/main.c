/*
 * main.c — the command line: dossier render | check, --help, --version.
 *
 * Runs the pipeline once per meeting file (parse → compose → typeset →
 * paginate → display list → writer), each file in an arena of its own, and
 * is the one place that prints errors. Exit status: 0 done, 2 usage,
 * 65 bad data, 66 an input cannot be read, 73 an output cannot be written.
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compose.h"
#include "diag.h"
#include "dl.h"
#include "hyph.h"
#include "layout.h"
#include "model.h"
#include "pack.h"
#include "paginate.h"
#include "typeset.h"
#include "write_cairo.h"
#include "write_haru.h"

#ifndef DOSSIER_DATADIR
#define DOSSIER_DATADIR "/usr/local/share/dossier"
#endif

static const char usage[] =
	"usage: dossier render FILE... -o DIR [--archive] [--preview]\n"
	"                                        write DIR/<id>.pdf for each "
	"meeting file;\n"
	"                                        --archive also DIR/<id>.archief.pdf "
	"(PDF/A-1b),\n"
	"                                        --preview also DIR/<id>.png "
	"(page 1)\n"
	"       dossier check FILE...           only check the files\n"
	"       dossier --help | --version\n"
	"\n"
	"FILE is a meeting document in YAML (see FORMAT.md). Exit status: 0 "
	"done,\n2 usage, 65 bad data, 66 an input cannot be read, 73 an "
	"output cannot be\nwritten.\n";

struct run {
	const char *home; /* holds layouts/ and fonts/ */
	const char *out_dir;
	bool render;
	bool archive; /* also the PDF/A-1b archive copy */
	bool preview; /* also page 1 as PNG */
	struct typesetter *ts;
	struct hyphenator *hyph;
};

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where layouts/ and fonts/ are: $DOSSIER_HOME, the folder above the
 * program (build/dossier in a checkout), or the installed data. */
static const char *find_home(struct arena *a)
{
	const char *env = getenv("DOSSIER_HOME");
	if (env && *env)
		return env;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *home = arena_printf(a, "%s/..", dirname(exe));
		if (is_dir(arena_printf(a, "%s/layouts", home)))
			return home;
	}
	return DOSSIER_DATADIR;
}

/* One meeting file through the whole pipeline. Returns its exit status. */
static int process(struct run *run, const char *path)
{
	struct arena *a = arena_create();
	struct diags d;
	diags_init(&d, a);
	struct document *doc = model_parse_file(a, path, &d);
	if (doc && doc->kind == DOC_BRIEFING_PACK && !pack_load(a, doc, &d))
		doc = NULL;
	if (doc && run->render) {
		const char *layout_name = doc->layout.src ? doc->layout.src :
					  "kamerbrief";
		char *dir = arena_printf(a, "%s/layouts", run->home);
		struct layout *l = layout_load(a, dir, layout_name, &d);
		struct composition *comp =
			l ? compose_document(a, run->hyph, doc, l) : NULL;
		struct typeset_doc *td =
			comp ? typeset_blocks(run->ts, a, comp, &d) : NULL;
		if (td) {
			struct pages *pages = paginate(run->ts, a, comp, td);
			struct display_list *dl = dl_build(a, comp, pages);
			char *out = arena_printf(a, "%s/%s.pdf", run->out_dir,
						 doc->id);
			if (write_cairo_pdf(dl, out, &d) && run->preview)
				write_cairo_png(dl, arena_printf(a, "%s/%s.png",
								 run->out_dir,
								 doc->id), &d);
			if (!d.count && run->archive)
				haru_write_pdfa(dl, arena_printf(a, "%s/%s.archief.pdf",
								 run->out_dir,
								 doc->id),
						HARU_SRGB_ICC, &d);
		}
	}
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
		} else if (!strcmp(argv[i], "--archive")) {
			run.archive = true;
		} else if (!strcmp(argv[i], "--preview")) {
			run.preview = true;
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
		run.home = find_home(a);
		run.ts = typeset_create(arena_printf(a, "%s/fonts/fonts.conf",
						     run.home), &d);
		run.hyph = hyph_create(HYPH_DEFAULT_DIC);
		if (!run.hyph)
			diag_error_status(&d, EXIT_NOINPUT,
					  (struct srcpos){ HYPH_DEFAULT_DIC, 0,
							   0 },
					  "cannot load the Dutch hyphenation "
					  "patterns (Debian package hyphen-nl)");
		if (d.count) {
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
	typeset_destroy(run.ts);
	hyph_destroy(run.hyph);
	arena_destroy(a);
	free(files);
	return status;
}
