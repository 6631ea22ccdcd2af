/*-------------------------------------------------------------------------
 *
 * ddb_core_standalone.c
 *	  DdbAlloc, DdbRealloc and DdbRaise for code running outside the server.
 *
 * Allocations are chained into one arena so that a test case or a fuzz
 * iteration can free everything at once (and LeakSanitizer sees no leak).
 * DdbRaise records the exception and jumps to the innermost DDB_TRY; with
 * no DDB_TRY active it prints the error and aborts, which makes a missing
 * handler visible in tests.
 *
 * IDENTIFICATION
 *	  test/unit/ddb_core_standalone.c
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb_core_standalone.h"

typedef struct ArenaBlock
{
	struct ArenaBlock *next;
	size_t		size;
	/* payload follows, maximally aligned */
	long double align[];
} ArenaBlock;

static ArenaBlock *arena_head = NULL;

jmp_buf    *ddb_raise_target = NULL;
DdbException ddb_last_exception;
char		ddb_last_message[4096];

/* Zeroed memory that lives until DdbArenaReset. */
void *
DdbAlloc(size_t size)
{
	ArenaBlock *block = calloc(1, sizeof(ArenaBlock) + (size ? size : 1));

	if (block == NULL)
	{
		fprintf(stderr, "out of memory\n");
		abort();
	}
	block->size = size;
	block->next = arena_head;
	arena_head = block;
	return block->align;
}

/* Grow an arena block; the old block stays in the arena until reset. */
void *
DdbRealloc(void *ptr, size_t old_size, size_t new_size)
{
	void	   *p = DdbAlloc(new_size);

	if (ptr != NULL)
		memcpy(p, ptr, old_size < new_size ? old_size : new_size);
	return p;
}

/* Free every block handed out since the previous reset. */
void
DdbArenaReset(void)
{
	while (arena_head != NULL)
	{
		ArenaBlock *next = arena_head->next;

		free(arena_head);
		arena_head = next;
	}
}

/* Record the exception and jump back to the innermost DDB_TRY. */
void
DdbRaise(DdbException exc, const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	vsnprintf(ddb_last_message, sizeof(ddb_last_message), fmt, args);
	va_end(args);
	ddb_last_exception = exc;
	if (ddb_raise_target == NULL)
	{
		fprintf(stderr, "unhandled %s: %s\n", DdbExceptionName(exc),
				ddb_last_message);
		abort();
	}
	longjmp(*ddb_raise_target, 1);
}
