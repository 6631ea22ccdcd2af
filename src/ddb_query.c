/*-------------------------------------------------------------------------
 *
 * ddb_query.c
 *	  Query and Scan.
 *
 * IDENTIFICATION
 *	  src/ddb_query.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "ddb_core.h"
#include "ddb_operations.h"

/* Query (not implemented yet). */
Jsonb *
DdbQuery(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "Query is not implemented yet");
}

/* Scan (not implemented yet). */
Jsonb *
DdbScan(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "Scan is not implemented yet");
}
