/*-------------------------------------------------------------------------
 *
 * ddb_table_settings.c
 *	  Tags, Time to Live and continuous-backup (PITR) settings.
 *
 * IDENTIFICATION
 *	  src/ddb_table_settings.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "ddb_core.h"
#include "ddb_operations.h"

/* TagResource (not implemented yet). */
Jsonb *
DdbTagResource(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "TagResource is not implemented yet");
}

/* UntagResource (not implemented yet). */
Jsonb *
DdbUntagResource(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "UntagResource is not implemented yet");
}

/* ListTagsOfResource (not implemented yet). */
Jsonb *
DdbListTagsOfResource(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "ListTagsOfResource is not implemented yet");
}

/* UpdateTimeToLive (not implemented yet). */
Jsonb *
DdbUpdateTimeToLive(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "UpdateTimeToLive is not implemented yet");
}

/* DescribeTimeToLive (not implemented yet). */
Jsonb *
DdbDescribeTimeToLive(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "DescribeTimeToLive is not implemented yet");
}

/* UpdateContinuousBackups (not implemented yet). */
Jsonb *
DdbUpdateContinuousBackups(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "UpdateContinuousBackups is not implemented yet");
}

/* DescribeContinuousBackups (not implemented yet). */
Jsonb *
DdbDescribeContinuousBackups(Jsonb *request)
{
	DdbRaise(DDB_EXC_InternalServerError, "DescribeContinuousBackups is not implemented yet");
}
