/*
 * write_haru_lib.c — libharu, opened only when an archive copy is first
 * written.
 *
 * Linked in, libharu cost every dossier process its loading and the
 * binding of its 380 symbols before main() (Debian builds it to bind all
 * at once): 0.4 M of a cold render's instructions, for a library only
 * `--archive` uses. The libharu functions write_haru.c calls are defined
 * here instead, as mail_curl.c does for libcurl (lazy_lib.h): the first
 * call opens libhpdf-2.3.0.so (Debian's libhpdf-2.3.0, which libhpdf-dev
 * brings) and each forwards to the real one. write_haru.c is unchanged.
 */
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "lazy_lib.h"

#define HARU_SONAME "libhpdf-2.3.0.so"

/* The real function name into *fn (a function pointer of size n). */
static void haru_lazy_bind(const char *name, void *fn, size_t n)
{
	static void *lib;
	lazy_lib_bind(&lib, HARU_SONAME, "libhpdf-2.3.0", name, fn, n);
}
#define HARU_LAZY(...) LAZY_LIB(haru_lazy_bind, __VA_ARGS__)
#define HARU_LAZY_VOID(...) LAZY_LIB_VOID(haru_lazy_bind, __VA_ARGS__)

HARU_LAZY(HPDF_Page, HPDF_AddPage, (HPDF_Doc pdf), (pdf))
HARU_LAZY(HPDF_STATUS, HPDF_AddPageLabel,
	  (HPDF_Doc pdf, HPDF_UINT page_num, HPDF_PageNumStyle style,
	   HPDF_UINT first_page, const char *prefix),
	  (pdf, page_num, style, first_page, prefix))
HARU_LAZY(HPDF_STATUS, HPDF_Array_Add,
	  (HPDF_Array array, void *obj),
	  (array, obj))
HARU_LAZY(HPDF_STATUS, HPDF_Array_AddName,
	  (HPDF_Array array, const char *value),
	  (array, value))
HARU_LAZY(HPDF_STATUS, HPDF_Array_AddNumber,
	  (HPDF_Array array, HPDF_INT32 value),
	  (array, value))
HARU_LAZY(HPDF_STATUS, HPDF_Array_AddReal,
	  (HPDF_Array array, HPDF_REAL value),
	  (array, value))
HARU_LAZY_VOID(HPDF_Array_Clear, (HPDF_Array array), (array))
HARU_LAZY(HPDF_UINT, HPDF_Array_Items, (HPDF_Array array), (array))
HARU_LAZY(HPDF_Array, HPDF_Array_New, (HPDF_MMgr mmgr), (mmgr))
HARU_LAZY(HPDF_Binary, HPDF_Binary_New,
	  (HPDF_MMgr mmgr, HPDF_BYTE *value, HPDF_UINT len),
	  (mmgr, value, len))
HARU_LAZY(HPDF_Outline, HPDF_CreateOutline,
	  (HPDF_Doc pdf, HPDF_Outline parent, const char *title, HPDF_Encoder encoder),
	  (pdf, parent, title, encoder))
HARU_LAZY(HPDF_Dict, HPDF_DictStream_New,
	  (HPDF_MMgr mmgr, HPDF_Xref xref),
	  (mmgr, xref))
HARU_LAZY(HPDF_STATUS, HPDF_Dict_Add,
	  (HPDF_Dict dict, const char *key, void *obj),
	  (dict, key, obj))
HARU_LAZY(HPDF_STATUS, HPDF_Dict_AddBoolean,
	  (HPDF_Dict dict, const char *key, HPDF_BOOL value),
	  (dict, key, value))
HARU_LAZY(HPDF_STATUS, HPDF_Dict_AddName,
	  (HPDF_Dict dict, const char *key, const char *value),
	  (dict, key, value))
HARU_LAZY(HPDF_STATUS, HPDF_Dict_AddNumber,
	  (HPDF_Dict dict, const char *key, HPDF_INT32 value),
	  (dict, key, value))
HARU_LAZY(void *, HPDF_Dict_GetItem,
	  (HPDF_Dict dict, const char *key, HPDF_UINT16 obj_class),
	  (dict, key, obj_class))
HARU_LAZY(HPDF_Dict, HPDF_Dict_New, (HPDF_MMgr mmgr), (mmgr))
HARU_LAZY_VOID(HPDF_Free, (HPDF_Doc pdf), (pdf))
HARU_LAZY(HPDF_STATUS, HPDF_GetError, (HPDF_Doc pdf), (pdf))
HARU_LAZY(HPDF_FontDef, HPDF_GetFontDef,
	  (HPDF_Doc pdf, const char *font_name),
	  (pdf, font_name))
HARU_LAZY(HPDF_UINT32, HPDF_GetStreamSize, (HPDF_Doc pdf), (pdf))
HARU_LAZY(HPDF_STATUS, HPDF_LinkAnnot_SetBorderStyle,
	  (HPDF_Annotation annot, HPDF_REAL width, HPDF_UINT16 dash_on,
	   HPDF_UINT16 dash_off),
	  (annot, width, dash_on, dash_off))
HARU_LAZY(const char *, HPDF_LoadTTFontFromFile,
	  (HPDF_Doc pdf, const char *file_name, HPDF_BOOL embedding),
	  (pdf, file_name, embedding))
HARU_LAZY(const char *, HPDF_LoadTTFontFromFile2,
	  (HPDF_Doc pdf, const char *file_name, HPDF_UINT index,
	   HPDF_BOOL embedding),
	  (pdf, file_name, index, embedding))
HARU_LAZY_VOID(HPDF_MemStream_FreeData, (HPDF_Stream stream), (stream))
HARU_LAZY(HPDF_Doc, HPDF_New,
	  (HPDF_Error_Handler user_error_fn, void *user_data),
	  (user_error_fn, user_data))
HARU_LAZY(HPDF_Null, HPDF_Null_New, (HPDF_MMgr mmgr), (mmgr))
HARU_LAZY(HPDF_STATUS, HPDF_Outline_SetDestination,
	  (HPDF_Outline outline, HPDF_Destination dst),
	  (outline, dst))
HARU_LAZY(HPDF_STATUS, HPDF_Outline_SetOpened,
	  (HPDF_Outline outline, HPDF_BOOL opened),
	  (outline, opened))
HARU_LAZY(HPDF_Destination, HPDF_Page_CreateDestination,
	  (HPDF_Page page),
	  (page))
HARU_LAZY(HPDF_Annotation, HPDF_Page_CreateLinkAnnot,
	  (HPDF_Page page, HPDF_Rect rect, HPDF_Destination dst),
	  (page, rect, dst))
HARU_LAZY(HPDF_Annotation, HPDF_Page_CreateURILinkAnnot,
	  (HPDF_Page page, HPDF_Rect rect, const char *uri),
	  (page, rect, uri))
HARU_LAZY(HPDF_STATUS, HPDF_Page_SetHeight,
	  (HPDF_Page page, HPDF_REAL value),
	  (page, value))
HARU_LAZY(HPDF_STATUS, HPDF_Page_SetWidth,
	  (HPDF_Page page, HPDF_REAL value),
	  (page, value))
HARU_LAZY(HPDF_STATUS, HPDF_ReadFromStream,
	  (HPDF_Doc pdf, HPDF_BYTE *buf, HPDF_UINT32 *size),
	  (pdf, buf, size))
HARU_LAZY_VOID(HPDF_ResetError, (HPDF_Doc pdf), (pdf))
HARU_LAZY(HPDF_STATUS, HPDF_ResetStream, (HPDF_Doc pdf), (pdf))
HARU_LAZY(HPDF_STATUS, HPDF_SaveToStream, (HPDF_Doc pdf), (pdf))
HARU_LAZY(HPDF_STATUS, HPDF_SetCompressionMode,
	  (HPDF_Doc pdf, HPDF_UINT mode),
	  (pdf, mode))
HARU_LAZY(HPDF_STATUS, HPDF_SetInfoAttr,
	  (HPDF_Doc pdf, HPDF_InfoType type, const char *value),
	  (pdf, type, value))
HARU_LAZY(HPDF_STATUS, HPDF_SetPageMode,
	  (HPDF_Doc pdf, HPDF_PageMode mode),
	  (pdf, mode))
HARU_LAZY(HPDF_STATUS, HPDF_Stream_Write,
	  (HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT size),
	  (stream, ptr, size))
HARU_LAZY(HPDF_String, HPDF_String_New,
	  (HPDF_MMgr mmgr, const char *value, HPDF_Encoder encoder),
	  (mmgr, value, encoder))
HARU_LAZY(HPDF_INT16, HPDF_TTFontDef_GetGidWidth,
	  (HPDF_FontDef fontdef, HPDF_UINT16 gid),
	  (fontdef, gid))
HARU_LAZY(HPDF_STATUS, HPDF_TTFontDef_SaveFontData,
	  (HPDF_FontDef fontdef, HPDF_Stream stream),
	  (fontdef, stream))
HARU_LAZY(HPDF_STATUS, HPDF_Xref_Add, (HPDF_Xref xref, void *obj), (xref, obj))
