/*
 * lazy_lib.c — lazy_lib_bind(): a function of a library opened at its
 * first call (lazy_lib.h says which and why).
 */
#include "lazy_lib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

void lazy_lib_bind(void **lib, const char *soname, const char *package,
		   const char *name, void *fn, size_t n)
{
	if (!*lib)
		*lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	void *sym = *lib ? dlsym(*lib, name) : NULL;
	if (!sym) {
		fprintf(stderr, "dossier: cannot load %s from %s (Debian "
				"package %s): %s\n", name, soname, package,
			dlerror());
		exit(EXIT_SOFTWARE);
	}
	memcpy(fn, &sym, n); /* POSIX: a symbol's address is a function's */
}
