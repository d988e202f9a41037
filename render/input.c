/*
 * input.c — open a file for reading: a regular file only, inside a root.
 *
 * Input: a path, and optionally the real path of a folder it must lie in.
 * Output: a descriptor (or a stream, or the bytes) of a regular file, or
 * why not. The mode is looked at before the open (a device is not even
 * opened) and again with fstat on the open descriptor, which is opened
 * O_NONBLOCK so that a FIFO cannot stop us in open(). A rooted path is
 * resolved with realpath and compared with the root; then it is opened
 * again from the root one component at a time with O_NOFOLLOW, so that
 * what is read is what was checked.
 */
#include "input.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define INPUT_OPEN_FLAGS (O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)

static int fail_errno(struct input_fail *f, int err)
{
	f->result = INPUT_ERRNO;
	f->err = err ? err : EIO;
	return -1;
}

static const char *kind_of(mode_t m)
{
	if (S_ISDIR(m))
		return "a folder";
	if (S_ISFIFO(m))
		return "a named pipe (FIFO)";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

static int fail_not_file(struct input_fail *f, mode_t m)
{
	f->result = INPUT_NOT_FILE;
	f->what = kind_of(m);
	return -1;
}

/* fd if it is a regular file; closed and -1 otherwise. */
static int regular_or_close(int fd, struct input_fail *f)
{
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int err = errno;
		close(fd);
		return fail_errno(f, err);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return fail_not_file(f, st.st_mode);
	}
	return fd;
}

/* Is the real path p in the folder tree of the real path root? */
static bool is_under(const char *p, const char *root)
{
	size_t n = strlen(root);
	if (n == 0)
		return false; /* no root could be found: nothing is in it */
	if (n == 1 && root[0] == '/')
		return p[0] == '/';
	return strncmp(p, root, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

/* The real path of path, or of its nearest ancestor that has one (a file
 * that does not exist is placed by its folder); malloc'd, or NULL. *err
 * is 0 when it is path's own, else why path has none. */
static char *real_or_ancestor(const char *path, int *err)
{
	char *r = realpath(path, NULL);
	*err = r ? 0 : errno;
	if (r)
		return r;
	char *p = strdup(path);
	if (!p)
		return NULL;
	while (!r) {
		char *slash = strrchr(p, '/');
		if (!slash) {
			r = realpath(".", NULL);
			break;
		}
		if (slash == p)
			slash[1] = '\0'; /* "/x" → "/" */
		else
			*slash = '\0';
		r = realpath(p, NULL);
		if (!r && slash == p)
			break;
	}
	free(p);
	return r;
}

/* Opens rel (components under dirfd, no "." or "..") without following a
 * link at any step. Takes dirfd. */
static int open_beneath(int dirfd, char *rel, struct input_fail *f)
{
	char *c = rel;
	for (;;) {
		char *slash = strchr(c, '/');
		if (slash)
			*slash = '\0';
		if (!slash) {
			struct stat st;
			if (fstatat(dirfd, c, &st, AT_SYMLINK_NOFOLLOW) != 0) {
				int err = errno;
				close(dirfd);
				return fail_errno(f, err);
			}
			if (!S_ISREG(st.st_mode)) {
				close(dirfd);
				return fail_not_file(f, st.st_mode);
			}
			int fd = openat(dirfd, c, INPUT_OPEN_FLAGS | O_NOFOLLOW);
			int err = errno;
			close(dirfd);
			return fd < 0 ? fail_errno(f, err)
				      : regular_or_close(fd, f);
		}
		int next = openat(dirfd, c,
				  O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
					  O_CLOEXEC);
		int err = errno;
		close(dirfd);
		if (next < 0)
			return fail_errno(f, err);
		dirfd = next;
		c = slash + 1;
	}
}

static int open_in_root(const char *path, const char *root,
			struct input_fail *f)
{
	int err;
	char *real = real_or_ancestor(path, &err);
	if (!real || !is_under(real, root)) {
		free(real);
		f->result = INPUT_OUTSIDE;
		return -1;
	}
	if (err) { /* its folder is inside, the file is not there */
		free(real);
		return fail_errno(f, err);
	}
	int dirfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		free(real);
		return fail_errno(f, errno);
	}
	size_t n = strcmp(root, "/") ? strlen(root) : 0;
	int fd;
	if (real[n] == '\0') { /* the root itself */
		fd = regular_or_close(dirfd, f);
	} else {
		assert(real[n] == '/');
		fd = open_beneath(dirfd, real + n + 1, f);
	}
	free(real);
	return fd;
}

int input_open(const char *path, const char *root, struct input_fail *f)
{
	struct input_fail ignored;
	if (!f)
		f = &ignored;
	*f = (struct input_fail){ INPUT_OK, 0, NULL };
	if (root)
		return open_in_root(path, root, f);
	struct stat st;
	if (stat(path, &st) != 0)
		return fail_errno(f, errno);
	if (!S_ISREG(st.st_mode)) /* a device is not even opened */
		return fail_not_file(f, st.st_mode);
	int fd = open(path, INPUT_OPEN_FLAGS);
	if (fd < 0)
		return fail_errno(f, errno);
	return regular_or_close(fd, f);
}

FILE *input_fopen(const char *path, const char *root, struct input_fail *f)
{
	struct input_fail ignored;
	if (!f)
		f = &ignored;
	int fd = input_open(path, root, f);
	if (fd < 0)
		return NULL;
	FILE *fp = fdopen(fd, "rb");
	if (!fp) {
		fail_errno(f, errno);
		close(fd);
	}
	return fp;
}

bool input_read(const char *path, const char *root, size_t max,
		struct strbuf *sb, struct input_fail *f)
{
	int fd = input_open(path, root, f);
	if (fd < 0)
		return false;
	char chunk[65536];
	size_t got = 0;
	bool ok = true;
	while (got <= max) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fail_errno(f, errno);
			ok = false;
			break;
		}
		if (n == 0)
			break;
		size_t keep = (size_t)n;
		if (keep > max + 1 - got)
			keep = max + 1 - got;
		strbuf_add(sb, chunk, keep);
		got += keep;
	}
	close(fd);
	return ok;
}

const char *input_fail_text(const struct input_fail *f)
{
	switch (f->result) {
	case INPUT_OK:
		return "read";
	case INPUT_ERRNO:
		return strerror(f->err);
	case INPUT_NOT_FILE:
		return f->what;
	case INPUT_OUTSIDE:
		return "outside the folder it may be read from";
	}
	return "cannot be read";
}
