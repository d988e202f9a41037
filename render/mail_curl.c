/*
 * mail_curl.c — libcurl, opened only when `dossier mail` first calls it.
 *
 * Linked in, libcurl costs every dossier process 8-9 ms before main()
 * (its TLS, HTTP/2, SSH, LDAP and Kerberos libraries load and
 * initialise): a fifth of a cold render that never mails. The curl
 * functions mail_send.c calls are defined here instead; the first call
 * opens libcurl.so.4 (Debian's libcurl4, which libcurl4-openssl-dev
 * brings) and each forwards to the real one. mail_send.c is unchanged.
 */
#define CURL_DISABLE_TYPECHECK /* define the functions, not the macros */
#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazy_lib.h"

#define CURL_SONAME "libcurl.so.4"

/* The real function name into *fn (a function pointer of size n). */
static void curl_lazy_bind(const char *name, void *fn, size_t n)
{
	static void *lib;
	lazy_lib_bind(&lib, CURL_SONAME, "libcurl4", name, fn, n);
}
#define CURL_LAZY(...) LAZY_LIB(curl_lazy_bind, __VA_ARGS__)
#define CURL_LAZY_VOID(...) LAZY_LIB_VOID(curl_lazy_bind, __VA_ARGS__)

CURL_LAZY(CURLcode, curl_global_init, (long flags), (flags))
CURL_LAZY_VOID(curl_global_cleanup, (void), ())
CURL_LAZY(CURL *, curl_easy_init, (void), ())
CURL_LAZY_VOID(curl_easy_cleanup, (CURL *h), (h))
CURL_LAZY(CURLcode, curl_easy_perform, (CURL *h), (h))
CURL_LAZY(const char *, curl_easy_strerror, (CURLcode c), (c))
CURL_LAZY(curl_mime *, curl_mime_init, (CURL *h), (h))
CURL_LAZY_VOID(curl_mime_free, (curl_mime *m), (m))
CURL_LAZY(curl_mimepart *, curl_mime_addpart, (curl_mime *m), (m))
CURL_LAZY(CURLcode, curl_mime_data,
	  (curl_mimepart *p, const char *data, size_t n), (p, data, n))
CURL_LAZY(CURLcode, curl_mime_encoder, (curl_mimepart *p, const char *e),
	  (p, e))
CURL_LAZY(CURLcode, curl_mime_filename, (curl_mimepart *p, const char *f),
	  (p, f))
CURL_LAZY(CURLcode, curl_mime_type, (curl_mimepart *p, const char *t),
	  (p, t))
CURL_LAZY(struct curl_slist *, curl_slist_append,
	  (struct curl_slist *l, const char *s), (l, s))
CURL_LAZY_VOID(curl_slist_free_all, (struct curl_slist *l), (l))

/* The value's type follows from the option's number, as in libcurl. */
CURLcode curl_easy_setopt(CURL *h, CURLoption opt, ...)
{
	static CURLcode (*real)(CURL *, CURLoption, ...);
	if (!real)
		curl_lazy_bind("curl_easy_setopt", &real, sizeof real);
	va_list ap;
	va_start(ap, opt);
	CURLcode r;
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		r = real(h, opt, va_arg(ap, long));
	else if (opt < CURLOPTTYPE_FUNCTIONPOINT)
		r = real(h, opt, va_arg(ap, void *));
	else if (opt < CURLOPTTYPE_OFF_T)
		r = real(h, opt, va_arg(ap, void (*)(void)));
	else if (opt < CURLOPTTYPE_BLOB)
		r = real(h, opt, va_arg(ap, curl_off_t));
	else
		r = real(h, opt, va_arg(ap, void *));
	va_end(ap);
	return r;
}

/* Every CURLINFO takes a pointer to where the answer goes. */
CURLcode curl_easy_getinfo(CURL *h, CURLINFO info, ...)
{
	static CURLcode (*real)(CURL *, CURLINFO, ...);
	if (!real)
		curl_lazy_bind("curl_easy_getinfo", &real, sizeof real);
	va_list ap;
	va_start(ap, info);
	CURLcode r = real(h, info, va_arg(ap, void *));
	va_end(ap);
	return r;
}
