/*-------------------------------------------------------------------------
 *
 * ddb_statistics.c
 *	  ItemCount, TableSizeBytes and IndexSizeBytes without a full scan per
 *	  DescribeTable.
 *
 * DynamoDB refreshes these figures about every six hours.  ddbtable keeps
 * the last exact count of each table (its item relation and every index
 * relation: rows and the sum of item_size) in ddb_catalog.statistics,
 * with the time it was taken.  DescribeTable (and every response carrying
 * a TableDescription) uses the stored figures while they are younger than
 * ddbtable.statistics_interval seconds (default 600; 0 counts on every
 * call) and counts again, with one scan per relation, when they are older
 * or missing.  Tables of at most DDB_STATISTICS_EXACT_PAGES pages (1 MB)
 * are always counted: that costs less than reading the stored row.
 *
 * Writers never touch these rows, so item writes do not serialise on a
 * counter; the figures lag behind writes by at most the interval, as
 * DynamoDB's do.  DdbRefreshTableStatistics (used after a restore) always
 * counts and stores, so the figures are exact right after it.
 *
 * Storing is best effort: it is skipped in read-only transactions and on a
 * standby, when another transaction is storing the same table's figures
 * (a non-blocking advisory-class lock decides), and when it fails (say,
 * the table was deleted meanwhile); the figures just counted are still
 * returned.
 *
 * IDENTIFICATION
 *	  src/ddb_statistics.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/relation.h"
#include "access/xact.h"
#include "access/xlog.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/lock.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "storage/bufmgr.h"
#include "utils/resowner.h"
#include "utils/timestamp.h"

#include "ddb_catalog.h"
#include "ddb_json.h"
#include "ddb_storage.h"
#include "ddbtable.h"

/* advisory lock "class" of statistics refreshes */
#define STATISTICS_LOCK_CLASS 0x5555

/* ddbtable.statistics_interval, in seconds */
int			ddb_statistics_interval = 600;

typedef struct StatsArgs
{
	DdbTableDef *table;
	bool		found;
	TimestampTz refreshed_at;
	Jsonb	   *relations;
	MemoryContext mcxt;
} StatsArgs;

static void ReadStatsAsOwner(void *arg);
static void WriteStatsAsOwner(void *arg);
static bool RelationFigures(Jsonb *relations, const char *relname, int64 *count,
							int64 *bytes);
static Jsonb *FiguresJsonb(DdbTableDef *table);
static BlockNumber RelationPages(Oid relid);
static BlockNumber TablePages(DdbTableDef *table);

/* The size in pages of a relation (0 when it is missing). */
static BlockNumber
RelationPages(Oid relid)
{
	Relation	rel;
	BlockNumber pages;

	if (!OidIsValid(relid))
		return 0;
	rel = try_relation_open(relid, AccessShareLock);
	if (rel == NULL)
		return 0;
	pages = RelationGetNumberOfBlocks(rel);
	relation_close(rel, AccessShareLock);
	return pages;
}

/* The pages of a table's item relation and index relations together. */
static BlockNumber
TablePages(DdbTableDef *table)
{
	BlockNumber pages = RelationPages(table->relid);
	ListCell   *lc;

	foreach(lc, table->indexes)
		pages += RelationPages(((DdbIndexDef *) lfirst(lc))->relid);
	return pages;
}

/* Read the stored row of a table (as the extension owner). */
static void
ReadStatsAsOwner(void *arg)
{
	StatsArgs  *args = arg;
	Oid			types[1] = {TEXTOID};
	Datum		values[1];
	int			rc;

	values[0] = CStringGetTextDatum(args->table->table_id);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	rc = SPI_execute_with_args("SELECT refreshed_at, relations FROM ddb_catalog.statistics "
							   "WHERE table_id OPERATOR(pg_catalog.=) $1::pg_catalog.uuid",
							   1, types, values, NULL, true, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not read ddb_catalog.statistics: %s", SPI_result_code_string(rc));
	if (SPI_processed == 1)
	{
		bool		isnull1;
		bool		isnull2;
		Datum		at = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1,
									   &isnull1);
		Datum		rel = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2,
										&isnull2);

		if (!isnull1 && !isnull2)
		{
			MemoryContext old = MemoryContextSwitchTo(args->mcxt);

			args->found = true;
			args->refreshed_at = DatumGetTimestampTz(at);
			args->relations = DatumGetJsonbPCopy(rel);
			MemoryContextSwitchTo(old);
		}
	}
	SPI_finish();
}

/* Upsert the row of a table (as the extension owner). */
static void
WriteStatsAsOwner(void *arg)
{
	StatsArgs  *args = arg;
	Oid			types[3] = {TEXTOID, TIMESTAMPTZOID, JSONBOID};
	Datum		values[3];
	int			rc;

	values[0] = CStringGetTextDatum(args->table->table_id);
	values[1] = TimestampTzGetDatum(args->refreshed_at);
	values[2] = JsonbPGetDatum(args->relations);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	rc = SPI_execute_with_args("INSERT INTO ddb_catalog.statistics (table_id, refreshed_at, relations) "
							   "VALUES ($1::pg_catalog.uuid, $2, $3) "
							   "ON CONFLICT (table_id) DO UPDATE SET "
							   "refreshed_at = excluded.refreshed_at, relations = excluded.relations",
							   3, types, values, NULL, false, 0);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "could not write ddb_catalog.statistics: %s", SPI_result_code_string(rc));
	SPI_finish();
}

/* The stored [count, bytes] of one relation. */
static bool
RelationFigures(Jsonb *relations, const char *relname, int64 *count, int64 *bytes)
{
	JsonbValue *pair;
	JsonbValue *c;
	JsonbValue *b;

	if (relname == NULL || !JB_ROOT_IS_OBJECT(relations))
		return false;
	pair = getKeyJsonValueFromContainer(&relations->root, relname, strlen(relname), NULL);
	if (pair == NULL || pair->type != jbvBinary || !JsonContainerIsArray(pair->val.binary.data))
		return false;
	c = getIthJsonbValueFromContainer(pair->val.binary.data, 0);
	b = getIthJsonbValueFromContainer(pair->val.binary.data, 1);
	if (c == NULL || b == NULL || c->type != jbvNumeric || b->type != jbvNumeric)
		return false;
	*count = DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(c->val.numeric)));
	*bytes = DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(b->val.numeric)));
	return true;
}

/* {"<relname>": [count, bytes], ...} of a table's current figures. */
static Jsonb *
FiguresJsonb(DdbTableDef *table)
{
	DdbJson		js;
	ListCell   *lc;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonBeginArray(&js, table->relname);
	DdbJsonPutInt64(&js, NULL, table->item_count);
	DdbJsonPutInt64(&js, NULL, table->size_bytes);
	DdbJsonEndArray(&js);
	foreach(lc, table->indexes)
	{
		DdbIndexDef *ix = lfirst(lc);

		if (ix->relname == NULL)
			continue;
		DdbJsonBeginArray(&js, ix->relname);
		DdbJsonPutInt64(&js, NULL, ix->item_count);
		DdbJsonPutInt64(&js, NULL, ix->size_bytes);
		DdbJsonEndArray(&js);
	}
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/* Fill the figures from the stored row, or count them when it is stale. */
void
DdbLoadTableStatistics(DdbTableDef *table)
{
	StatsArgs	args;
	ListCell   *lc;
	bool		complete;

	/* small tables are cheap to count: always exact */
	if (TablePages(table) <= DDB_STATISTICS_EXACT_PAGES)
	{
		DdbCountTableStatistics(table);
		return;
	}

	memset(&args, 0, sizeof(args));
	args.table = table;
	args.mcxt = CurrentMemoryContext;
	if (ddb_statistics_interval > 0)
		DdbRunAsExtensionOwner(ReadStatsAsOwner, &args);
	if (!args.found ||
		TimestampDifferenceExceeds(args.refreshed_at, GetCurrentTimestamp(),
								   ddb_statistics_interval * 1000))
	{
		DdbRefreshTableStatistics(table);
		return;
	}

	complete = RelationFigures(args.relations, table->relname, &table->item_count,
							   &table->size_bytes);
	foreach(lc, table->indexes)
	{
		DdbIndexDef *ix = lfirst(lc);

		if (!OidIsValid(ix->relid))
		{
			ix->item_count = ix->size_bytes = 0;
			continue;
		}
		if (complete)
			complete = RelationFigures(args.relations, ix->relname, &ix->item_count,
									   &ix->size_bytes);
	}
	/* an index added since the figures were taken: count everything */
	if (!complete)
		DdbRefreshTableStatistics(table);
}

/*
 * Store the figures just counted by DdbRefreshTableStatistics (best
 * effort: see the file header).
 */
void
DdbSaveTableStatistics(DdbTableDef *table)
{
	StatsArgs	args;
	LOCKTAG		tag;
	MemoryContext mcxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;

	if (table->table_id == NULL || XactReadOnly || RecoveryInProgress())
		return;
	SET_LOCKTAG_ADVISORY(tag, MyDatabaseId,
						 hash_bytes((const unsigned char *) table->table_id,
									strlen(table->table_id)),
						 0, STATISTICS_LOCK_CLASS);
	if (LockAcquire(&tag, ExclusiveLock, false, true) == LOCKACQUIRE_NOT_AVAIL)
		return;

	memset(&args, 0, sizeof(args));
	args.table = table;
	args.refreshed_at = GetCurrentTimestamp();
	args.relations = FiguresJsonb(table);

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(mcxt);
	PG_TRY();
	{
		DdbRunAsExtensionOwner(WriteStatsAsOwner, &args);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(mcxt);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(mcxt);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(mcxt);
		CurrentResourceOwner = owner;
		/* interrupts are not the kind of failure to ignore */
		if (edata->sqlerrcode == ERRCODE_QUERY_CANCELED ||
			edata->sqlerrcode == ERRCODE_ADMIN_SHUTDOWN)
			ReThrowError(edata);
		FreeErrorData(edata);
	}
	PG_END_TRY();
}
