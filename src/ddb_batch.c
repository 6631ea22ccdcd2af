/*-------------------------------------------------------------------------
 *
 * ddb_batch.c
 *	  BatchGetItem and BatchWriteItem.
 *
 * IDENTIFICATION
 *	  src/ddb_batch.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "ddb_core.h"
#include "ddb_operations.h"

/* BatchGetItem (not implemented yet). */
Jsonb *
DdbBatchGetItem(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "BatchGetItem is not implemented yet");
}

/* BatchWriteItem (not implemented yet). */
Jsonb *
DdbBatchWriteItem(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "BatchWriteItem is not implemented yet");
}
