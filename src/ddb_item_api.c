/*-------------------------------------------------------------------------
 *
 * ddb_item_api.c
 *	  PutItem, GetItem, UpdateItem and DeleteItem.
 *
 * IDENTIFICATION
 *	  src/ddb_item_api.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "ddb_core.h"
#include "ddb_operations.h"

/* PutItem (not implemented yet). */
Jsonb *
DdbPutItem(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "PutItem is not implemented yet");
}

/* GetItem (not implemented yet). */
Jsonb *
DdbGetItem(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "GetItem is not implemented yet");
}

/* UpdateItem (not implemented yet). */
Jsonb *
DdbUpdateItem(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "UpdateItem is not implemented yet");
}

/* DeleteItem (not implemented yet). */
Jsonb *
DdbDeleteItem(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "DeleteItem is not implemented yet");
}
