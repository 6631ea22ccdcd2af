/*-------------------------------------------------------------------------
 *
 * ddb_core.h
 *	  The small runtime that ddbtable's backend-independent modules use.
 *
 * The attribute-value and expression modules never include postgres.h:
 * they must build and run on their own, in unit tests and under
 * libFuzzer.  They allocate memory and report DynamoDB errors only through
 * the three functions below.  Inside the server these are implemented by
 * src/ddb_core_backend.c (palloc0 in the current memory context, and
 * ereport with the exception's SQLSTATE); the standalone builds link
 * test/unit/ddb_core_standalone.c instead (an arena freed per test case,
 * and longjmp back to the test driver).
 *
 * Memory from DdbAlloc is never freed piecemeal: it lives as long as the
 * surrounding memory context or arena, so callers run each request in a
 * short-lived context.
 *
 * IDENTIFICATION
 *	  src/ddb_core.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_CORE_H
#define DDB_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ddb_exceptions.h"

#if defined(__GNUC__) || defined(__clang__)
#define DDB_NORETURN __attribute__((noreturn))
#define DDB_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define DDB_NORETURN
#define DDB_PRINTF(f, a)
#endif

/* Zeroed memory that lives until the current context or arena is reset. */
extern void *DdbAlloc(size_t size);

/* Grow a block from DdbAlloc/DdbRealloc to new_size bytes (contents kept). */
extern void *DdbRealloc(void *ptr, size_t old_size, size_t new_size);

/* Report a DynamoDB exception with a formatted message; never returns. */
extern void DdbRaise(DdbException exc, const char *fmt,...) DDB_NORETURN DDB_PRINTF(2, 3);

/*
 * DdbBuf: a growable byte string allocated with DdbAlloc; always kept
 * NUL-terminated so that text can be handed to printf-style functions.
 */
typedef struct DdbBuf
{
	char	   *data;
	size_t		len;
	size_t		cap;
} DdbBuf;

extern void DdbBufInit(DdbBuf *buf);
extern void DdbBufAppend(DdbBuf *buf, const char *data, size_t len);
extern void DdbBufAppendStr(DdbBuf *buf, const char *str);
extern void DdbBufAppendChar(DdbBuf *buf, char c);
extern void DdbBufAppendf(DdbBuf *buf, const char *fmt,...) DDB_PRINTF(2, 3);

/* Exception metadata, shared by the backend and the standalone builds. */
extern const char *DdbExceptionName(DdbException exc);
extern const char *DdbExceptionNamespace(DdbException exc);
extern int	DdbExceptionHttpStatus(DdbException exc);
extern bool DdbExceptionCapitalMessage(DdbException exc);

#endif							/* DDB_CORE_H */
