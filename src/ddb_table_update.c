/*-------------------------------------------------------------------------
 *
 * ddb_table_update.c
 *	  UpdateTable: capacities, billing mode, GSIs, streams, table class.
 *
 * IDENTIFICATION
 *	  src/ddb_table_update.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "ddb_core.h"
#include "ddb_operations.h"

/* UpdateTable (not implemented yet). */
Jsonb *
DdbUpdateTable(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "UpdateTable is not implemented yet");
}
