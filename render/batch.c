/*
 * batch.c — a pool of forked workers rendering files in parallel.
 *
 * The parent keeps, per worker, a task pipe (file indexes in) and a result
 * pipe (status, error text and manifest record out), hands the next file
 * to whichever worker finishes first, and prints what comes back. A worker
 * whose result pipe closes while it holds a file has died: that file fails
 * with EXIT_SOFTWARE and a fresh worker takes the rest. On a terminal the
 * parent keeps one progress line: files done of total, the file last
 * started, the pages set, and the time left: pages set per second so far,
 * and the pages still to come reckoned from the size of the files left
 * (pages per byte so far), so that one long report among short agendas
 * does not throw the estimate out as a count of files does. Workers die
 * with the
 * parent: killed, it must not have PDFs renamed into place after it.
 */
#include "batch.h"

#include <assert.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"

enum { NOT_RUN = -1 };

struct worker {
	pid_t pid;     /* 0: not running */
	int task_fd;   /* parent writes file indexes; -1 once closed */
	int result_fd; /* parent reads results */
	long current;  /* the file it renders, or -1 */
};

/* What a worker sends back for one file; index -1: it could not start. */
struct result_head {
	int32_t index;
	int32_t status;
	uint32_t err_len, rec_len;
	uint32_t pages;
};

struct pool {
	struct arena *a;
	struct batch_file *files;
	size_t n, next, done, todo;
	const struct batch_opts *opts;
	const struct batch_ops *ops;
	struct worker *w;
	int n_workers;
	int fatal;         /* a worker could not start: its status */
	double t0;         /* when the batch started, seconds */
	size_t pages;      /* set so far */
	double bytes_todo, bytes_done; /* sizes of the input files */
	const char *shown; /* the file on the progress line */
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool write_full(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		p += k;
		n -= (size_t)k;
	}
	return true;
}

static bool read_full(int fd, void *buf, size_t n)
{
	char *p = buf;
	while (n > 0) {
		ssize_t k = read(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		p += k;
		n -= (size_t)k;
	}
	return true;
}

/* ---- the worker side ---- */

static void send_result(int fd, int32_t index, int status, const char *err,
			size_t err_len, const char *rec, size_t rec_len,
			size_t pages)
{
	struct result_head h = { index, status, (uint32_t)err_len,
				 (uint32_t)rec_len, (uint32_t)pages };
	if (!write_full(fd, &h, sizeof h) || !write_full(fd, err, err_len) ||
	    !write_full(fd, rec, rec_len))
		_exit(EXIT_SOFTWARE); /* the parent is gone */
}

static void worker_loop(int task_fd, int result_fd, const struct pool *p)
{
	const struct batch_ops *ops = p->ops;
	char *ebuf = NULL, *rbuf = NULL;
	size_t elen = 0, rlen = 0;
	FILE *err = open_memstream(&ebuf, &elen);
	if (!err)
		_exit(EXIT_SOFTWARE);
	int status = ops->start(ops->ctx, err);
	fclose(err);
	if (status != EXIT_DONE) {
		send_result(result_fd, -1, status, ebuf, elen, "", 0, 0);
		free(ebuf);
		_exit(0);
	}
	free(ebuf);
	int32_t index;
	while (read_full(task_fd, &index, sizeof index)) {
		assert(index >= 0 && (size_t)index < p->n);
		err = open_memstream(&ebuf, &elen);
		FILE *rec = open_memstream(&rbuf, &rlen);
		if (!err || !rec)
			_exit(EXIT_SOFTWARE);
		size_t pages = 0;
		status = ops->render(ops->ctx, p->files[index].path, err, rec,
				     &pages);
		fclose(err);
		fclose(rec);
		send_result(result_fd, index, status, ebuf, elen, rbuf, rlen,
			    pages);
		free(ebuf);
		free(rbuf);
	}
	ops->stop(ops->ctx);
	_exit(0);
}

/* ---- the parent side ---- */

double batch_time_left(double spent_s, size_t pages_done, double bytes_done,
		       double bytes_todo)
{
	if (!pages_done || bytes_done <= 0 || spent_s <= 0)
		return -1;
	double per_page = spent_s / (double)pages_done;
	double pages_per_byte = (double)pages_done / bytes_done;
	double left = bytes_todo - bytes_done;
	return left > 0 ? left * pages_per_byte * per_page : 0;
}

static double file_bytes(const char *path)
{
	struct stat st;
	/* An unreadable file fails at once: count it as one small file. */
	return stat(path, &st) == 0 && st.st_size > 0 ? (double)st.st_size
						      : 1.0;
}

static void progress_clear(const struct pool *p)
{
	if (p->opts->progress)
		fputs("\r\033[K", stderr);
}

static void progress_draw(const struct pool *p)
{
	if (!p->opts->progress)
		return;
	fprintf(stderr, "\r\033[K[%zu/%zu] %s", p->done, p->todo,
		p->shown ? p->shown : "");
	if (p->pages)
		fprintf(stderr, ", %zu pages", p->pages);
	double left = batch_time_left(now_s() - p->t0, p->pages,
				      p->bytes_done, p->bytes_todo);
	if (p->done < p->todo && left >= 0)
		fprintf(stderr, " (%.0f s left)", left + 0.5);
	fflush(stderr);
}

/* The next file to render, or -1. */
static long take_next(struct pool *p)
{
	while (p->next < p->n && p->files[p->next].skip)
		p->next++;
	if (p->fatal || p->next == p->n)
		return -1;
	return (long)p->next++;
}

/* Give w its next file, or close its task pipe so it finishes. */
static void assign(struct pool *p, struct worker *w)
{
	long i = take_next(p);
	w->current = i;
	if (i >= 0) {
		int32_t index = (int32_t)i;
		p->shown = p->files[i].path;
		if (write_full(w->task_fd, &index, sizeof index))
			return;
		/* It died; its result pipe reports that. */
		return;
	}
	if (w->task_fd >= 0)
		close(w->task_fd);
	w->task_fd = -1;
}

static void spawn(struct pool *p, struct worker *w)
{
	int task[2], result[2];
	if (pipe(task) != 0 || pipe(result) != 0) {
		perror("dossier: pipe");
		exit(EXIT_SOFTWARE);
	}
	fflush(NULL);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		perror("dossier: fork");
		exit(EXIT_SOFTWARE);
	}
	if (pid == 0) {
		/* The kernel kills a worker when its parent dies; a parent
		 * that died before this line is not ours any more. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 ||
		    getppid() != parent)
			_exit(EXIT_SOFTWARE);
		/* Other workers' pipes must not stay open here, or they
		 * would never see the end of their tasks. */
		for (int k = 0; k < p->n_workers; k++) {
			if (p->w[k].pid && p->w[k].task_fd >= 0)
				close(p->w[k].task_fd);
			if (p->w[k].pid)
				close(p->w[k].result_fd);
		}
		close(task[1]);
		close(result[0]);
		signal(SIGPIPE, SIG_DFL);
		worker_loop(task[0], result[1], p);
	}
	close(task[0]);
	close(result[1]);
	*w = (struct worker){ pid, task[1], result[0], -1 };
}

static char *read_text(struct pool *p, int fd, uint32_t len, bool *ok)
{
	char *s = arena_alloc(p->a, (size_t)len + 1);
	*ok = *ok && read_full(fd, s, len);
	return s;
}

static void finish(struct pool *p, long i, int status, const char *err,
		   size_t pages)
{
	progress_clear(p);
	fputs(err, stderr);
	p->files[i].status = status;
	p->files[i].pages = pages;
	p->pages += pages;
	p->bytes_done += file_bytes(p->files[i].path);
	p->done++;
	progress_draw(p);
}

/* The worker's pipe closed: it finished, or it died holding a file. */
static void reap(struct pool *p, struct worker *w)
{
	int ws = 0;
	close(w->result_fd);
	if (w->task_fd >= 0)
		close(w->task_fd);
	while (waitpid(w->pid, &ws, 0) < 0 && errno == EINTR)
		;
	w->pid = 0;
	long i = w->current;
	if (i < 0)
		return;
	const char *why = WIFSIGNALED(ws) ?
		arena_printf(p->a, "signal %d, %s", WTERMSIG(ws),
			     strsignal(WTERMSIG(ws))) :
		arena_printf(p->a, "exit status %d", WEXITSTATUS(ws));
	finish(p, i, EXIT_SOFTWARE,
	       arena_printf(p->a,
			    "%s: dossier crashed while rendering this file "
			    "(%s); please report it with this file\n",
			    p->files[i].path, why),
	       0);
	if (!p->fatal && p->next < p->n) {
		spawn(p, w);
		assign(p, w);
	}
}

static void receive(struct pool *p, struct worker *w)
{
	struct result_head h;
	bool ok = read_full(w->result_fd, &h, sizeof h);
	char *err = ok ? read_text(p, w->result_fd, h.err_len, &ok) : NULL;
	char *rec = ok ? read_text(p, w->result_fd, h.rec_len, &ok) : NULL;
	if (!ok) {
		reap(p, w);
		return;
	}
	if (h.index < 0) { /* could not start: say so once, stop */
		if (!p->fatal) {
			progress_clear(p);
			fputs(err, stderr);
			p->fatal = h.status;
		}
		w->current = -1;
		assign(p, w);
		return;
	}
	assert(h.index == w->current);
	if (h.rec_len)
		p->files[h.index].record = rec;
	finish(p, h.index, h.status, err, h.pages);
	assign(p, w);
}

static void wait_for_results(struct pool *p)
{
	struct pollfd *fds = arena_array(p->a, (size_t)p->n_workers,
					 sizeof *fds);
	for (;;) {
		int n = 0;
		for (int k = 0; k < p->n_workers; k++)
			if (p->w[k].pid)
				fds[n++] = (struct pollfd){ p->w[k].result_fd,
							    POLLIN, 0 };
		if (!n)
			return;
		if (poll(fds, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("dossier: poll");
			exit(EXIT_SOFTWARE);
		}
		for (int j = 0; j < n; j++) {
			if (!fds[j].revents)
				continue;
			for (int k = 0; k < p->n_workers; k++)
				if (p->w[k].pid &&
				    p->w[k].result_fd == fds[j].fd)
					receive(p, &p->w[k]);
		}
	}
}

void batch_run(struct arena *a, struct batch_file *files, size_t n,
	       const struct batch_opts *opts, const struct batch_ops *ops)
{
	assert(opts->jobs >= 1);
	struct pool p = { .a = a, .files = files, .n = n, .opts = opts,
			  .ops = ops, .t0 = now_s() };
	for (size_t i = 0; i < n; i++) {
		p.todo += !files[i].skip;
		files[i].status = NOT_RUN;
		files[i].pages = 0;
		if (!files[i].skip && opts->progress)
			p.bytes_todo += file_bytes(files[i].path);
	}
	p.n_workers = (size_t)opts->jobs < p.todo ? opts->jobs : (int)p.todo;
	if (!p.n_workers)
		return;
	p.w = arena_array(a, (size_t)p.n_workers, sizeof *p.w);
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	for (int k = 0; k < p.n_workers; k++) {
		spawn(&p, &p.w[k]);
		assign(&p, &p.w[k]);
	}
	progress_draw(&p);
	wait_for_results(&p);
	progress_clear(&p);
	signal(SIGPIPE, old);
	for (size_t i = 0; i < n; i++)
		if (!files[i].skip && files[i].status == NOT_RUN)
			files[i].status = p.fatal ? p.fatal : EXIT_SOFTWARE;
}
