/*
 * watch.c — `dossier watch FILE... -o DIR`: render, then render again
 * whenever an input changes, as a policy officer edits.
 *
 * The inputs of each file are those the manifest records
 * (pipeline_inputs: the file, its data files, agenda and annexes, the
 * layout, the word list, the fonts' configuration). inotify watches the
 * folders they are in, not the files: an editor saves by writing a new
 * file and renaming it over the old one, which a watch on the file would
 * lose. When an event names an input, the file is rendered again after
 * a quiet moment (editors write a file in several steps). Each render
 * prints one line: what was written, its pages and its time, or its
 * errors; a bad save leaves the last good PDF in place, as every render
 * does. A file that cannot be parsed keeps the inputs it had.
 */
#include "watch.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "parse_pack.h"
#include "pipeline.h"

/* Editors write a file in several steps: wait this long after the last
 * event before rendering. */
#define QUIET_MS 60

struct watched {
	const char *path;    /* the meeting file, as named */
	char **inputs;       /* real paths, heap */
	size_t n_inputs;
	bool dirty;
};

struct dir_watch {
	int wd;
	char *dir;           /* real path, heap */
};

struct watcher {
	int fd;
	struct dir_watch *dirs;
	size_t n_dirs, cap_dirs;
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void watch_dir_of(struct watcher *w, const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		abort();
	char *dir = dirname(copy);
	for (size_t i = 0; i < w->n_dirs; i++)
		if (!strcmp(w->dirs[i].dir, dir)) {
			free(copy);
			return;
		}
	int wd = inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO |
					       IN_CREATE | IN_DELETE);
	if (wd >= 0) {
		ARRAY_GROW(w->dirs, w->n_dirs, w->cap_dirs);
		w->dirs[w->n_dirs++] = (struct dir_watch){ wd, strdup(dir) };
	}
	free(copy);
}

/* One render of f; its inputs kept when it could be read. */
static int render_one(struct pipeline *p, struct watched *f, const char *out,
		      const char *root)
{
	struct arena *a = arena_create();
	struct diags d;
	diags_init(&d, a);
	double t0 = now_s();
	size_t pages = 0;
	const char *pdf = NULL;
	struct document *doc = model_parse_file_in(a, f->path, root, &d);
	if (doc && doc->kind == DOC_BRIEFING_PACK && !pack_load(a, doc, &d))
		doc = NULL;
	if (doc)
		pdf = pipeline_render(p, a, doc, out, &pages, &d);
	if (doc) {
		size_t n;
		const char **in = pipeline_inputs(p, a, f->path, doc, &n);
		for (size_t i = 0; i < f->n_inputs; i++)
			free(f->inputs[i]);
		free(f->inputs);
		f->inputs = calloc(n + 1, sizeof *f->inputs);
		f->n_inputs = 0;
		for (size_t i = 0; f->inputs && i < n; i++) {
			char *real = realpath(in[i], NULL);
			if (real)
				f->inputs[f->n_inputs++] = real;
		}
	}
	diags_print(&d, stderr);
	int status = d.count ? (d.status ? d.status : EXIT_DATAERR) : 0;
	if (pdf)
		printf("%s: %zu pages in %.2f s\n", pdf, pages, now_s() - t0);
	else
		printf("%s: not rendered (the errors above); the last good PDF "
		       "is left as it was\n", f->path);
	fflush(stdout);
	arena_destroy(a);
	return status;
}

/* Mark the files one of whose inputs the event names. */
static bool mark_changed(struct watcher *w, struct watched *files, size_t n,
			 const struct inotify_event *ev)
{
	const char *dir = NULL;
	for (size_t i = 0; i < w->n_dirs; i++)
		if (w->dirs[i].wd == ev->wd)
			dir = w->dirs[i].dir;
	if (!dir || !ev->len)
		return false;
	char path[PATH_MAX];
	if (snprintf(path, sizeof path, "%s/%s", dir, ev->name) >=
	    (int)sizeof path)
		return false;
	bool any = false;
	for (size_t f = 0; f < n; f++)
		for (size_t i = 0; i < files[f].n_inputs; i++)
			if (!strcmp(files[f].inputs[i], path))
				any = files[f].dirty = true;
	return any;
}

/* Read what inotify has; true when an input changed. */
static bool read_events(struct watcher *w, struct watched *files, size_t n)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool any = false;
	for (;;) {
		ssize_t len = read(w->fd, buf, sizeof buf);
		if (len <= 0)
			return any;
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *ev = (void *)p;
			any |= mark_changed(w, files, n, ev);
			p += sizeof *ev + ev->len;
		}
	}
}

int watch_run(struct pipeline *p, const char **paths, size_t n,
	      const char *out, const char *root)
{
	struct watcher w = { .fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC) };
	if (w.fd < 0) {
		fprintf(stderr, "dossier watch: cannot watch files here (%s)\n",
			strerror(errno));
		return EXIT_SOFTWARE;
	}
	struct watched *files = calloc(n, sizeof *files);
	if (!files)
		abort();
	for (size_t i = 0; i < n; i++) {
		files[i].path = paths[i];
		render_one(p, &files[i], out, root);
		char *real = realpath(paths[i], NULL);
		if (real && !files[i].n_inputs) {
			/* unreadable at first: watch the file itself */
			files[i].inputs = calloc(1, sizeof *files[i].inputs);
			files[i].inputs[files[i].n_inputs++] = real;
		} else {
			free(real);
		}
		for (size_t k = 0; k < files[i].n_inputs; k++)
			watch_dir_of(&w, files[i].inputs[k]);
	}
	printf("watching %zu file%s; stop with Ctrl-C\n", n, n == 1 ? "" : "s");
	fflush(stdout);
	for (;;) {
		struct pollfd pfd = { w.fd, POLLIN, 0 };
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			break;
		if (!read_events(&w, files, n))
			continue;
		/* the quiet moment: more events of the same save */
		while (poll(&pfd, 1, QUIET_MS) > 0)
			read_events(&w, files, n);
		for (size_t i = 0; i < n; i++) {
			if (!files[i].dirty)
				continue;
			files[i].dirty = false;
			render_one(p, &files[i], out, root);
			for (size_t k = 0; k < files[i].n_inputs; k++)
				watch_dir_of(&w, files[i].inputs[k]);
		}
	}
	return EXIT_SOFTWARE;
}
