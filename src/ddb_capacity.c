/*-------------------------------------------------------------------------
 *
 * ddb_capacity.c
 *	  DynamoDB's capacity-unit arithmetic and the ConsumedCapacity member.
 *
 * ddbtable enforces no throughput limit; it computes what a request would
 * have consumed, by the rules of items.md section 14: reads in units of
 * 4 KB (halved for eventually consistent reads), writes in units of 1 KB,
 * each at least 1 unit per item.  Writes to secondary indexes are charged
 * to the index (GSIs) or reported under the local index (LSIs, whose
 * writes DynamoDB takes from the table's own throughput); the total
 * CapacityUnits adds everything up.
 *
 * IDENTIFICATION
 *	  src/ddb_capacity.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "utils/builtins.h"
#include "utils/numeric.h"

#include "ddb_data.h"

static void PutUnits(DdbJson *js, const char *key, double units);

/* Start counting for a table. */
void
DdbConsumedInit(DdbConsumed *consumed, DdbDataTable *table)
{
	memset(consumed, 0, sizeof(DdbConsumed));
	consumed->nindexes = table->nindexes;
	consumed->indexes = palloc0(sizeof(double) * Max(table->nindexes, 1));
	consumed->touched = palloc0(sizeof(bool) * Max(table->nindexes, 1));
}

/* ceil(bytes / 4 KB), at least 1, halved for eventual consistency. */
double
DdbReadUnits(int64 bytes, bool consistent)
{
	double		units = ceil((double) Max(bytes, 0) / 4096.0);

	if (units < 1)
		units = 1;
	return consistent ? units : units / 2;
}

/* ceil(bytes / 1 KB), at least 1. */
double
DdbWriteUnits(int64 bytes)
{
	double		units = ceil((double) Max(bytes, 0) / 1024.0);

	return units < 1 ? 1 : units;
}

/* Charge read units to the table (index < 0) or an index. */
void
DdbConsumedAddRead(DdbConsumed *consumed, int index, double units)
{
	if (index < 0)
		consumed->table += units;
	else
	{
		Assert(index < consumed->nindexes);
		consumed->indexes[index] += units;
		consumed->touched[index] = true;
	}
	consumed->read_units += units;
}

/* A number of units as JSON: 1, 0.5, 12.5. */
static void
PutUnits(DdbJson *js, const char *key, double units)
{
	char	   *text;

	if (units == floor(units))
		text = psprintf("%.0f", units);
	else
		text = psprintf("%.1f", units);
	DdbJsonPutNumeric(js, key,
					  DatumGetNumeric(DirectFunctionCall3(numeric_in,
														  CStringGetDatum(text),
														  ObjectIdGetDatum(InvalidOid),
														  Int32GetDatum(-1))));
}

/* The ConsumedCapacity member. */
void
DdbJsonPutConsumedCapacity(DdbJson *js, const char *key, DdbDataTable *table,
						   const char *table_name, const DdbConsumed *consumed,
						   DdbReturnCapacity mode)
{
	double		total;

	if (mode == DDB_CAPACITY_NONE)
		return;
	total = consumed->table;
	for (int i = 0; i < consumed->nindexes; i++)
		total += consumed->indexes[i];

	DdbJsonBeginObject(js, key);
	DdbJsonPutString(js, "TableName", table_name);
	PutUnits(js, "CapacityUnits", total);
	if (mode == DDB_CAPACITY_INDEXES)
	{
		DdbJsonBeginObject(js, "Table");
		PutUnits(js, "CapacityUnits", consumed->table);
		DdbJsonEndObject(js);
		for (int pass = 0; pass < 2; pass++)
		{
			bool		global = pass == 1;
			bool		any = false;

			for (int i = 0; i < consumed->nindexes; i++)
			{
				DdbIndexDef *def = table->indexes[i].def;

				if (!consumed->touched[i] || def->is_global != global)
					continue;
				if (!any)
					DdbJsonBeginObject(js, global ? "GlobalSecondaryIndexes"
									   : "LocalSecondaryIndexes");
				any = true;
				DdbJsonBeginObject(js, def->index_name);
				PutUnits(js, "CapacityUnits", consumed->indexes[i]);
				DdbJsonEndObject(js);
			}
			if (any)
				DdbJsonEndObject(js);
		}
	}
	DdbJsonEndObject(js);
}
