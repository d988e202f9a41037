/*
 * typeset_fixture.h — the set-up the typesetting tests share: an arena,
 * the checkout's fonts, the Dutch hyphenator and the kamerbrief layout.
 * Included by test_paginate.c and test_paragraph.c; run from the
 * checkout's root (make unit does).
 */
#ifndef DOSSIER_TYPESET_FIXTURE_H
#define DOSSIER_TYPESET_FIXTURE_H

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "hyph.h"
#include "layout.h"
#include "typeset.h"

struct fixture {
	struct arena *a;
	struct diags d;
	struct typesetter *ts;
	struct hyphenator *h;
	struct layout *l;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	char cwd[PATH_MAX];
	if (!f || !getcwd(cwd, sizeof cwd))
		return -1;
	f->a = arena_create();
	diags_init(&f->d, f->a);
	f->ts = typeset_create(arena_printf(f->a, "%s/fonts/fonts.conf", cwd),
			       &f->d);
	f->h = hyph_create(HYPH_DEFAULT_DIC);
	f->l = layout_load(f->a, "layouts", "kamerbrief", &f->d);
	*state = f;
	return f->ts && f->h && f->l ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	arena_destroy(f->a); /* the layouts first: they use the fonts */
	typeset_destroy(f->ts);
	hyph_destroy(f->h);
	free(f);
	return 0;
}

#endif
