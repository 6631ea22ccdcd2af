/*-------------------------------------------------------------------------
 *
 * ddb_core.c
 *	  Backend-independent helpers: the growable buffer and the exception
 *	  metadata table.
 *
 * This file is compiled both into the extension and into the standalone
 * unit tests and fuzz targets, so it includes only the C library and
 * ddb_core.h.  Allocation goes through DdbAlloc/DdbRealloc, whose
 * implementation depends on where the code runs (see ddb_core.h).
 *
 * IDENTIFICATION
 *	  src/ddb_core.c
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <string.h>

#include "ddb_core.h"

typedef struct DdbExceptionInfo
{
	const char *name;
	const char *ns;
	int			http_status;
	bool		capital_message;
} DdbExceptionInfo;

static const DdbExceptionInfo exception_info[DDB_EXC_COUNT] = {
#define DDB_EXC_INFO(name, ns, http, c1, c2, c3, capital) {#name, ns, http, capital},
	DDB_EXCEPTION_LIST(DDB_EXC_INFO)
#undef DDB_EXC_INFO
};

/* The exception's name, e.g. "ValidationException". */
const char *
DdbExceptionName(DdbException exc)
{
	return exception_info[exc].name;
}

/* The namespace that precedes '#' in the "__type" member. */
const char *
DdbExceptionNamespace(DdbException exc)
{
	return exception_info[exc].ns;
}

/* The HTTP status the real service answers this exception with. */
int
DdbExceptionHttpStatus(DdbException exc)
{
	return exception_info[exc].http_status;
}

/* Whether the JSON body spells the message member "Message". */
bool
DdbExceptionCapitalMessage(DdbException exc)
{
	return exception_info[exc].capital_message;
}

/* Start an empty buffer. */
void
DdbBufInit(DdbBuf *buf)
{
	buf->cap = 64;
	buf->len = 0;
	buf->data = DdbAlloc(buf->cap);
}

/* Make room for at least "extra" more bytes plus the terminating NUL. */
static void
DdbBufReserve(DdbBuf *buf, size_t extra)
{
	size_t		need = buf->len + extra + 1;
	size_t		newcap;

	if (need <= buf->cap)
		return;
	newcap = buf->cap;
	while (newcap < need)
		newcap *= 2;
	buf->data = DdbRealloc(buf->data, buf->cap, newcap);
	buf->cap = newcap;
}

/* Append len bytes (which may include NULs). */
void
DdbBufAppend(DdbBuf *buf, const char *data, size_t len)
{
	DdbBufReserve(buf, len);
	memcpy(buf->data + buf->len, data, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

/* Append a NUL-terminated string. */
void
DdbBufAppendStr(DdbBuf *buf, const char *str)
{
	DdbBufAppend(buf, str, strlen(str));
}

/* Append one character. */
void
DdbBufAppendChar(DdbBuf *buf, char c)
{
	DdbBufAppend(buf, &c, 1);
}

/* Append printf-formatted text. */
void
DdbBufAppendf(DdbBuf *buf, const char *fmt,...)
{
	for (;;)
	{
		va_list		args;
		size_t		avail = buf->cap - buf->len;
		int			n;

		va_start(args, fmt);
		n = vsnprintf(buf->data + buf->len, avail, fmt, args);
		va_end(args);
		if (n < 0)
			return;
		if ((size_t) n < avail)
		{
			buf->len += n;
			return;
		}
		DdbBufReserve(buf, (size_t) n);
	}
}
