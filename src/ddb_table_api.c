/*-------------------------------------------------------------------------
 *
 * ddb_table_api.c
 *	  CreateTable, DescribeTable, DeleteTable and ListTables.
 *
 * IDENTIFICATION
 *	  src/ddb_table_api.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "ddb_core.h"
#include "ddb_operations.h"

/* CreateTable (not implemented yet). */
Jsonb *
DdbCreateTable(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "CreateTable is not implemented yet");
}

/* DescribeTable (not implemented yet). */
Jsonb *
DdbDescribeTable(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "DescribeTable is not implemented yet");
}

/* DeleteTable (not implemented yet). */
Jsonb *
DdbDeleteTable(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "DeleteTable is not implemented yet");
}

/* ListTables (not implemented yet). */
Jsonb *
DdbListTables(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "ListTables is not implemented yet");
}
