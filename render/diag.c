/*
 * diag.c — collect and print errors with their place in the input.
 */
#include "diag.h"

#include <stdarg.h>

void diags_init(struct diags *d, struct arena *a)
{
	d->arena = a;
	d->first = d->last = NULL;
	d->count = 0;
	d->status = EXIT_DONE;
}

static void diag_vadd(struct diags *d, int status, struct srcpos pos,
		      const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_vaddf(&sb, fmt, ap);
	struct diag *g = arena_alloc(d->arena, sizeof *g);
	g->pos = pos;
	g->message = strbuf_finish(&sb, d->arena);
	if (d->last)
		d->last->next = g;
	else
		d->first = g;
	d->last = g;
	d->count++;
	if (d->status == EXIT_DONE || status == EXIT_NOINPUT)
		d->status = status;
}

void diag_error(struct diags *d, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, EXIT_DATAERR, pos, fmt, ap);
	va_end(ap);
}

void diag_error_status(struct diags *d, int status, struct srcpos pos,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, status, pos, fmt, ap);
	va_end(ap);
}

void diags_print(const struct diags *d, FILE *fp)
{
	for (const struct diag *g = d->first; g; g = g->next) {
		if (g->pos.file && g->pos.line > 0 && g->pos.col > 0)
			fprintf(fp, "%s:%d:%d: %s\n", g->pos.file, g->pos.line,
				g->pos.col, g->message);
		else if (g->pos.file && g->pos.line > 0)
			fprintf(fp, "%s:%d: %s\n", g->pos.file, g->pos.line,
				g->message);
		else if (g->pos.file)
			fprintf(fp, "%s: %s\n", g->pos.file, g->message);
		else
			fprintf(fp, "dossier: %s\n", g->message);
	}
}
