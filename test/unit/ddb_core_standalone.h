/*-------------------------------------------------------------------------
 *
 * ddb_core_standalone.h
 *	  The standalone runtime for unit tests and fuzz targets.
 *
 * Outside the server, DdbAlloc draws from an arena that DdbArenaReset
 * frees, and DdbRaise jumps back to the innermost DDB_TRY with the
 * exception and its message recorded in ddb_last_exception and
 * ddb_last_message.
 *
 * IDENTIFICATION
 *	  test/unit/ddb_core_standalone.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_CORE_STANDALONE_H
#define DDB_CORE_STANDALONE_H

#include <setjmp.h>

#include "ddb_core.h"

extern jmp_buf *ddb_raise_target;
extern DdbException ddb_last_exception;
extern char ddb_last_message[4096];

/* Free everything DdbAlloc handed out since the last reset. */
extern void DdbArenaReset(void);

/*
 * DDB_TRY(ok) { code } runs code; on DdbRaise control leaves code and ok is
 * false.  Not nestable within one function.
 */
#define DDB_TRY(ok) \
	jmp_buf ddb_try_env__; \
	jmp_buf *ddb_try_saved__ = ddb_raise_target; \
	ddb_raise_target = &ddb_try_env__; \
	(ok) = (setjmp(ddb_try_env__) == 0); \
	if (!(ok)) ddb_raise_target = ddb_try_saved__; \
	else for (int ddb_try_once__ = 1; ddb_try_once__; ddb_try_once__ = 0, ddb_raise_target = ddb_try_saved__)

#endif							/* DDB_CORE_STANDALONE_H */
