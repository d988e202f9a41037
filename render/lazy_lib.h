/*
 * lazy_lib.h — a shared library opened at the first call of one of its
 * functions, not linked (mail_curl.c: libcurl; write_haru_lib.c:
 * libharu). The functions the program calls are defined by
 * LAZY_LIB/LAZY_LIB_VOID, each forwarding to the real one, which a
 * binder of the library's (lazy_lib_bind() with its own handle) finds.
 */
#ifndef DOSSIER_LAZY_LIB_H
#define DOSSIER_LAZY_LIB_H

#include <stddef.h>

/* The function name of soname (opened into *lib the first time) into
 * *fn, a function pointer of size n; a library or function missing
 * ends the program, naming the Debian package. */
void lazy_lib_bind(void **lib, const char *soname, const char *package,
		   const char *name, void *fn, size_t n);

#define LAZY_LIB(bind, ret, name, params, args)                            \
	ret name params                                                    \
	{                                                                  \
		static ret(*real) params;                                  \
		if (!real)                                                 \
			bind(#name, &real, sizeof real);                   \
		return real args;                                          \
	}
#define LAZY_LIB_VOID(bind, name, params, args)                            \
	void name params                                                   \
	{                                                                  \
		static void(*real) params;                                 \
		if (!real)                                                 \
			bind(#name, &real, sizeof real);                   \
		real args;                                                 \
	}

#endif
