/*
 * output.c — write to a temporary file, then rename into place.
 */
#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool output_open(struct output *o, const char *path, struct diags *d)
{
	memset(o, 0, sizeof *o);
	o->path = path;
	size_t n = strlen(path) + 16;
	o->tmp_path = malloc(n);
	if (!o->tmp_path)
		abort();
	snprintf(o->tmp_path, n, "%s.tmp-XXXXXX", path);
	int fd = mkstemp(o->tmp_path);
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
