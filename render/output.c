/*
 * output.c — write to a temporary file, then rename into place.
 *
 * The temporary file is named TARGET.tmp-PID-XXXXXX after the process that
 * writes it, which holds an flock on it until it is renamed or removed. A
 * writer killed outright (SIGKILL, or a signal it does not handle) leaves
 * it behind; output_clean_stale() removes such files on the next run into
 * that folder, and never one that a live writer may still rename.
 */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define OUTPUT_TMP_MARK ".tmp-"

bool output_open(struct output *o, const char *path, struct diags *d)
{
	memset(o, 0, sizeof *o);
	o->path = path;
	size_t n = strlen(path) + sizeof OUTPUT_TMP_MARK + 32;
	o->tmp_path = malloc(n);
	if (!o->tmp_path)
		abort();
	snprintf(o->tmp_path, n, "%s" OUTPUT_TMP_MARK "%ld-XXXXXX", path,
		 (long)getpid());
	int fd = mkstemp(o->tmp_path);
	/* Held until the file is renamed or removed, and dropped by the
	 * kernel when this process dies however it dies: a cleaner that can
	 * take the lock knows no live writer holds the file. A file system
	 * without flock leaves only the name's PID to go by. */
	if (fd >= 0)
		(void)flock(fd, LOCK_EX | LOCK_NB);
	/* mkstemp makes the file private; give it the usual permissions. */
	mode_t mask = umask(0);
	umask(mask);
	if (fd >= 0)
		(void)fchmod(fd, 0666 & ~mask);
	if (fd < 0 || !(o->fp = fdopen(fd, "wb"))) {
		diag_error_status(d, EXIT_CANTCREAT,
				  (struct srcpos){ path, 0, 0 },
				  "cannot write here: %s", strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp_path);
		}
		free(o->tmp_path);
		o->tmp_path = NULL;
		return false;
	}
	return true;
}

bool output_commit(struct output *o, struct diags *d)
{
	int err = 0;
	if (o->failed)
		err = o->err ? o->err : EIO;
	if (!err && (fflush(o->fp) != 0 || ferror(o->fp)))
		err = errno ? errno : EIO;
	if (!err && fsync(fileno(o->fp)) != 0)
		err = errno;
	if (fclose(o->fp) != 0 && !err)
		err = errno;
	o->fp = NULL;
	if (!err && rename(o->tmp_path, o->path) != 0)
		err = errno;
	if (err) {
		unlink(o->tmp_path);
		diag_error_status(d, EXIT_CANTCREAT,
				  (struct srcpos){ o->path, 0, 0 },
				  "cannot write the file: %s; the old file, "
				  "if any, is left as it was", strerror(err));
	}
	free(o->tmp_path);
	o->tmp_path = NULL;
	return !err;
}

void output_abort(struct output *o)
{
	if (o->fp)
		fclose(o->fp);
	if (o->tmp_path)
		unlink(o->tmp_path);
	free(o->tmp_path);
	o->fp = NULL;
	o->tmp_path = NULL;
}

/* The PID in NAME when it is TARGET.tmp-PID-XXXXXX as output_open() makes
 * it (mkstemp's six letters or digits), else 0. */
static pid_t tmp_name_pid(const char *name)
{
	const char *mark = strstr(name, OUTPUT_TMP_MARK);
	if (!mark || mark == name)
		return 0;
	/* The last mark: a target's own name may hold one. */
	for (const char *m; (m = strstr(mark + 1, OUTPUT_TMP_MARK));)
		mark = m;
	const char *p = mark + strlen(OUTPUT_TMP_MARK);
	long pid = 0;
	if (*p < '1' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		pid = pid * 10 + (*p - '0');
		if (pid > INT_MAX)
			return 0;
	}
	if (*p++ != '-')
		return 0;
	for (int i = 0; i < 6; i++, p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z')))
			return 0;
	return *p ? 0 : (pid_t)pid;
}

/* Is the writer with this PID gone? A PID that exists (EPERM: another
 * user's) may be the writer; keep its file. */
static bool writer_gone(pid_t pid)
{
	return kill(pid, 0) != 0 && errno == ESRCH;
}

void output_clean_stale(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return; /* writing there fails with its own message */
	int dfd = dirfd(dp);
	for (struct dirent *e; (e = readdir(dp));) {
		pid_t pid = tmp_name_pid(e->d_name);
		if (!pid || !writer_gone(pid))
			continue;
		int fd = openat(dfd, e->d_name,
				O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		struct stat st;
		/* Both tests: the PID alone cannot speak for a writer on
		 * another host sharing the folder, nor the lock alone for a
		 * writer between mkstemp() and flock(). */
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0)
			(void)unlinkat(dfd, e->d_name, 0);
		close(fd);
	}
	closedir(dp);
}
