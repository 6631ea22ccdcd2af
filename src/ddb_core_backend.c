/*-------------------------------------------------------------------------
 *
 * ddb_core_backend.c
 *	  The runtime of ddb_core.h inside the server.
 *
 * DdbAlloc allocates zeroed memory in CurrentMemoryContext, so values built
 * by the attribute-value and expression modules die with the request's
 * memory context.  DdbRaise turns a DynamoDB exception into an ERROR with
 * the exception's SQLSTATE (ddb_errors.c).
 *
 * IDENTIFICATION
 *	  src/ddb_core_backend.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "ddb_core.h"
#include "ddb_errors.h"

/* Zeroed memory in the current memory context. */
void *
DdbAlloc(size_t size)
{
	return MemoryContextAllocExtended(CurrentMemoryContext, size,
									  MCXT_ALLOC_ZERO | MCXT_ALLOC_HUGE);
}

/* Grow a block from DdbAlloc; repalloc keeps the contents. */
void *
DdbRealloc(void *ptr, size_t old_size, size_t new_size)
{
	if (ptr == NULL)
		return DdbAlloc(new_size);
	return repalloc_huge(ptr, new_size);
}

/* Raise a DynamoDB exception as a PostgreSQL ERROR. */
void
DdbRaise(DdbException exc, const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	DdbRaiseWithMembersV(exc, NULL, fmt, args);
	va_end(args);
}
