/*-------------------------------------------------------------------------
 *
 * ddb_describe_limits.c
 *	  DescribeLimits: the account's and each table's capacity quotas.
 *
 * ddbtable enforces no capacity quota; it reports DynamoDB's default
 * quotas (tables.md §13) so that clients that size themselves by them
 * behave as they would against the service.
 *
 * IDENTIFICATION
 *	  src/ddb_describe_limits.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "ddb_json.h"
#include "ddb_operations.h"

#define ACCOUNT_MAX_CAPACITY_UNITS	80000
#define TABLE_MAX_CAPACITY_UNITS	40000

/* DescribeLimits: no input members; four numbers out. */
Jsonb *
DdbDescribeLimits(Jsonb *request)
{
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutInt64(&js, "AccountMaxReadCapacityUnits", ACCOUNT_MAX_CAPACITY_UNITS);
	DdbJsonPutInt64(&js, "AccountMaxWriteCapacityUnits", ACCOUNT_MAX_CAPACITY_UNITS);
	DdbJsonPutInt64(&js, "TableMaxReadCapacityUnits", TABLE_MAX_CAPACITY_UNITS);
	DdbJsonPutInt64(&js, "TableMaxWriteCapacityUnits", TABLE_MAX_CAPACITY_UNITS);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}
