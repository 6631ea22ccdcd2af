/*-------------------------------------------------------------------------
 *
 * ddb_restore_catalog.c
 *	  Reading and writing ddb_catalog.restores, and the liveness lock of
 *	  restore workers.
 *
 * As for the other catalogs, every statement runs through SPI as the
 * extension's owner with a pinned search_path (DdbRunAsExtensionOwner);
 * the calling operation has checked the caller's rights first.
 *
 * Reads that decide whether to act -- counting restores in progress,
 * finding interrupted ones, refusing to delete a backup being restored --
 * use a fresh snapshot, so that they see rows committed after the
 * transaction's snapshot was taken (REPEATABLE READ callers included).
 *
 * A running restore worker holds a session-level advisory lock on its
 * restore id from its start to its exit; a restore in progress whose lock
 * is free has no worker (see ddb_restore.h on resuming it).
 *
 * IDENTIFICATION
 *	  src/ddb_restore_catalog.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/lock.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/snapmgr.h"
#include "utils/uuid.h"

#include "ddb_catalog.h"
#include "ddb_restore.h"

#define RESTORE_COLUMNS \
	"r.restore_id, r.table_id, r.table_name, r.table_arn, r.backup_id, " \
	"r.backup_arn, r.source_table_arn, r.restore_status, r.requested_by, " \
	"r.request_time, r.active_time, r.completion_time, r.attempts, " \
	"r.item_count, r.table_size_bytes, r.peak_memory_bytes, r.chunk_delay_ms, " \
	"r.failure_reason, r.xmin AS row_xmin"

#define IN_PROGRESS "r.restore_status IN ('LOADING', 'BUILDING_INDEXES')"

#define MAX_PARAMS 12

/* Parameters of one SPI statement. */
typedef struct Params
{
	int			count;
	Oid			types[MAX_PARAMS];
	Datum		values[MAX_PARAMS];
	char		nulls[MAX_PARAMS];
} Params;

typedef void (*RowCallback) (HeapTuple tuple, TupleDesc desc, void *arg);

/* One statement run as the extension's owner. */
typedef struct CatalogQuery
{
	const char *sql;
	Params	   *params;
	bool		latest;			/* with a fresh snapshot */
	RowCallback row_fn;
	void	   *row_arg;
	MemoryContext mcxt;			/* where row_fn allocates */
	uint64		processed;
} CatalogQuery;

static void Add(Params *p, Oid type, Datum value, bool isnull);
static void AddText(Params *p, const char *value);
static void AddInt8(Params *p, int64 value);
static void RunQueryAsOwner(void *arg);
static uint64 RunQuery(const char *sql, Params *p, bool latest, RowCallback row_fn,
					   void *row_arg);
static Datum Column(HeapTuple tuple, TupleDesc desc, const char *name, bool *isnull);
static char *ColumnText(HeapTuple tuple, TupleDesc desc, const char *name);
static int64 ColumnInt(HeapTuple tuple, TupleDesc desc, const char *name, bool *isnull);
static TimestampTz ColumnTimestamp(HeapTuple tuple, TupleDesc desc, const char *name);
static void CollectRestore(HeapTuple tuple, TupleDesc desc, void *arg);
static void CollectFirstInt8(HeapTuple tuple, TupleDesc desc, void *arg);
static void CollectFirstText(HeapTuple tuple, TupleDesc desc, void *arg);
static void WorkerLockTag(LOCKTAG *tag, int64 restore_id);

/* Append one parameter. */
static void
Add(Params *p, Oid type, Datum value, bool isnull)
{
	if (p->count >= MAX_PARAMS)
		elog(ERROR, "too many SPI parameters");
	p->types[p->count] = type;
	p->values[p->count] = isnull ? (Datum) 0 : value;
	p->nulls[p->count] = isnull ? 'n' : ' ';
	p->count++;
}

/* A text parameter (NULL for NULL). */
static void
AddText(Params *p, const char *value)
{
	Add(p, TEXTOID, value ? CStringGetTextDatum(value) : (Datum) 0, value == NULL);
}

/* A bigint parameter. */
static void
AddInt8(Params *p, int64 value)
{
	Add(p, INT8OID, Int64GetDatum(value), false);
}

/* Run a CatalogQuery (as the extension's owner, see RunQuery). */
static void
RunQueryAsOwner(void *arg)
{
	CatalogQuery *q = arg;
	Params		none = {0};
	Params	   *p = q->params ? q->params : &none;
	int			rc;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (q->latest)
	{
		SPIPlanPtr	plan = SPI_prepare(q->sql, p->count, p->types);

		if (plan == NULL)
			elog(ERROR, "could not prepare a restore catalog statement: %s",
				 SPI_result_code_string(SPI_result));
		rc = SPI_execute_snapshot(plan, p->values, p->nulls, GetLatestSnapshot(),
								  InvalidSnapshot, false, false, 0);
	}
	else
		rc = SPI_execute_with_args(q->sql, p->count, p->types, p->values, p->nulls,
								   false, 0);
	if (rc < 0)
		elog(ERROR, "restore catalog statement failed: %s", SPI_result_code_string(rc));
	q->processed = SPI_processed;
	if (q->row_fn != NULL && SPI_tuptable != NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(q->mcxt);

		for (uint64 i = 0; i < SPI_processed; i++)
			q->row_fn(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, q->row_arg);
		MemoryContextSwitchTo(old);
	}
	SPI_finish();
}

/*
 * Run one statement on the restore catalog as the extension's owner;
 * latest runs it with a fresh snapshot.  Returns the number of rows
 * processed; row_fn sees each result row and allocates in the caller's
 * memory context.
 */
static uint64
RunQuery(const char *sql, Params *p, bool latest, RowCallback row_fn, void *row_arg)
{
	CatalogQuery q;

	q.sql = sql;
	q.params = p;
	q.latest = latest;
	q.row_fn = row_fn;
	q.row_arg = row_arg;
	q.mcxt = CurrentMemoryContext;
	q.processed = 0;
	DdbRunAsExtensionOwner(RunQueryAsOwner, &q);
	return q.processed;
}

/* A column of a result row by name. */
static Datum
Column(HeapTuple tuple, TupleDesc desc, const char *name, bool *isnull)
{
	int			fnumber = SPI_fnumber(desc, name);

	if (fnumber <= 0)
		elog(ERROR, "restore catalog column \"%s\" is missing", name);
	return SPI_getbinval(tuple, desc, fnumber, isnull);
}

/* A text column (NULL for NULL). */
static char *
ColumnText(HeapTuple tuple, TupleDesc desc, const char *name)
{
	bool		isnull;
	Datum		d = Column(tuple, desc, name, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

/* An integer or bigint column (0 for NULL). */
static int64
ColumnInt(HeapTuple tuple, TupleDesc desc, const char *name, bool *isnull)
{
	bool		null;
	Datum		d = Column(tuple, desc, name, &null);

	if (isnull)
		*isnull = null;
	if (null)
		return 0;
	if (SPI_gettypeid(desc, SPI_fnumber(desc, name)) == INT4OID)
		return DatumGetInt32(d);
	return DatumGetInt64(d);
}

/* A timestamptz column (0 for NULL). */
static TimestampTz
ColumnTimestamp(HeapTuple tuple, TupleDesc desc, const char *name)
{
	bool		isnull;
	Datum		d = Column(tuple, desc, name, &isnull);

	return isnull ? 0 : DatumGetTimestampTz(d);
}

/* Build a DdbRestoreDef from a result row and append it to a List. */
static void
CollectRestore(HeapTuple tuple, TupleDesc desc, void *arg)
{
	List	  **list = arg;
	DdbRestoreDef *r = palloc0(sizeof(DdbRestoreDef));
	bool		isnull;
	Datum		d;

	r->restore_id = ColumnInt(tuple, desc, "restore_id", NULL);
	d = Column(tuple, desc, "table_id", &isnull);
	r->table_id = DatumGetCString(DirectFunctionCall1(uuid_out, d));
	r->table_name = ColumnText(tuple, desc, "table_name");
	r->table_arn = ColumnText(tuple, desc, "table_arn");
	r->backup_id = ColumnInt(tuple, desc, "backup_id", NULL);
	r->backup_arn = ColumnText(tuple, desc, "backup_arn");
	r->source_table_arn = ColumnText(tuple, desc, "source_table_arn");
	r->status = ColumnText(tuple, desc, "restore_status");
	r->requested_by = ColumnText(tuple, desc, "requested_by");
	r->request_time = ColumnTimestamp(tuple, desc, "request_time");
	r->active_time = ColumnTimestamp(tuple, desc, "active_time");
	r->completion_time = ColumnTimestamp(tuple, desc, "completion_time");
	r->attempts = (int32) ColumnInt(tuple, desc, "attempts", NULL);
	r->item_count = ColumnInt(tuple, desc, "item_count", &isnull);
	r->has_counts = !isnull;
	r->table_size_bytes = ColumnInt(tuple, desc, "table_size_bytes", NULL);
	r->peak_memory_bytes = ColumnInt(tuple, desc, "peak_memory_bytes", NULL);
	r->chunk_delay_ms = (int32) ColumnInt(tuple, desc, "chunk_delay_ms", NULL);
	r->failure_reason = ColumnText(tuple, desc, "failure_reason");
	d = Column(tuple, desc, "row_xmin", &isnull);
	r->row_xmin = isnull ? InvalidTransactionId : DatumGetTransactionId(d);
	*list = lappend(*list, r);
}

/* Collect the first column (a bigint) of every row. */
static void
CollectFirstInt8(HeapTuple tuple, TupleDesc desc, void *arg)
{
	List	  **list = arg;
	bool		isnull;
	int64	   *value = palloc(sizeof(int64));

	*value = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
	*list = lappend(*list, value);
}

/* Collect the first column (text) of every row. */
static void
CollectFirstText(HeapTuple tuple, TupleDesc desc, void *arg)
{
	List	  **list = arg;

	*list = lappend(*list, SPI_getvalue(tuple, desc, 1));
}

/* Insert a new restore row. */
void
DdbInsertRestore(DdbRestoreDef *r)
{
	Params		p = {0};
	List	   *ids = NIL;

	Add(&p, UUIDOID, DirectFunctionCall1(uuid_in, CStringGetDatum(r->table_id)), false);
	AddText(&p, r->table_name);
	AddText(&p, r->table_arn);
	AddInt8(&p, r->backup_id);
	AddText(&p, r->backup_arn);
	AddText(&p, r->source_table_arn);
	AddText(&p, r->requested_by);
	Add(&p, TIMESTAMPTZOID, TimestampTzGetDatum(r->request_time), false);
	Add(&p, INT4OID, Int32GetDatum(r->chunk_delay_ms), false);
	if (RunQuery("INSERT INTO ddb_catalog.restores (table_id, table_name, table_arn, "
				 "backup_id, backup_arn, source_table_arn, restore_status, requested_by, "
				 "request_time, chunk_delay_ms) VALUES ($1, $2, $3, $4, $5, $6, "
				 "'LOADING', $7, $8, $9) RETURNING restore_id",
				 &p, false, CollectFirstInt8, &ids) != 1)
		elog(ERROR, "could not insert the restore row");
	r->restore_id = *(int64 *) linitial(ids);
	r->status = DDB_RESTORE_LOADING;
}

/* The restore with this id, or NULL. */
DdbRestoreDef *
DdbLoadRestore(int64 restore_id, bool for_update)
{
	Params		p = {0};
	List	   *rows = NIL;

	AddInt8(&p, restore_id);
	RunQuery(psprintf("SELECT " RESTORE_COLUMNS " FROM ddb_catalog.restores r "
					  "WHERE r.restore_id = $1%s", for_update ? " FOR UPDATE" : ""),
			 &p, false, CollectRestore, &rows);
	return rows != NIL ? linitial(rows) : NULL;
}

/* The latest restore to this target name the current user may see. */
DdbRestoreDef *
DdbLoadLatestRestore(const char *table_name)
{
	Params		p = {0};
	List	   *rows = NIL;
	ListCell   *lc;

	AddText(&p, table_name);
	RunQuery("SELECT " RESTORE_COLUMNS " FROM ddb_catalog.restores r "
			 "WHERE r.table_name = $1 ORDER BY r.restore_id DESC",
			 &p, true, CollectRestore, &rows);
	foreach(lc, rows)
	{
		DdbRestoreDef *r = lfirst(lc);

		if (DdbRestoreVisible(r))
			return r;
	}
	return NULL;
}

/* Restores, with a fresh snapshot. */
List *
DdbListRestores(bool in_progress_only, bool visible_only)
{
	List	   *rows = NIL;
	List	   *result = NIL;
	ListCell   *lc;

	RunQuery(in_progress_only ?
			 "SELECT " RESTORE_COLUMNS " FROM ddb_catalog.restores r WHERE "
			 IN_PROGRESS " ORDER BY r.restore_id" :
			 "SELECT " RESTORE_COLUMNS " FROM ddb_catalog.restores r ORDER BY r.restore_id",
			 NULL, true, CollectRestore, &rows);
	if (!visible_only)
		return rows;
	foreach(lc, rows)
	{
		DdbRestoreDef *r = lfirst(lc);

		if (DdbRestoreVisible(r))
			result = lappend(result, r);
	}
	return result;
}

/* Number of restores in progress. */
int64
DdbCountRestoresInProgress(void)
{
	List	   *counts = NIL;

	RunQuery("SELECT pg_catalog.count(*) FROM ddb_catalog.restores r WHERE " IN_PROGRESS,
			 NULL, true, CollectFirstInt8, &counts);
	return *(int64 *) linitial(counts);
}

/* Whether a restore from the backup is in progress. */
bool
DdbBackupHasRestoreInProgress(int64 backup_id)
{
	Params		p = {0};

	AddInt8(&p, backup_id);
	return RunQuery("SELECT 1 FROM ddb_catalog.restores r WHERE r.backup_id = $1 AND "
					IN_PROGRESS, &p, true, NULL, NULL) > 0;
}

/* Lock a backup row FOR KEY SHARE; its status, or NULL when it is gone. */
char *
DdbLockBackupForRestore(int64 backup_id)
{
	Params		p = {0};
	List	   *rows = NIL;

	AddInt8(&p, backup_id);
	RunQuery("SELECT b.backup_status FROM ddb_catalog.backups b WHERE b.backup_id = $1 "
			 "FOR KEY SHARE", &p, false, CollectFirstText, &rows);
	return rows != NIL ? (char *) linitial(rows) : NULL;
}

/* A worker starts (again): count the attempt. */
void
DdbRestoreBeginAttempt(int64 restore_id)
{
	Params		p = {0};

	AddInt8(&p, restore_id);
	RunQuery("UPDATE ddb_catalog.restores SET attempts = attempts + 1 WHERE restore_id = $1",
			 &p, false, NULL, NULL);
}

/* The table is ACTIVE: record the figures and the next status. */
void
DdbRestoreMarkActive(int64 restore_id, bool indexes_pending, int64 item_count,
					 int64 table_size_bytes, int64 peak_memory_bytes)
{
	Params		p = {0};

	AddInt8(&p, restore_id);
	AddText(&p, indexes_pending ? DDB_RESTORE_BUILDING_INDEXES : DDB_RESTORE_COMPLETED);
	AddInt8(&p, item_count);
	AddInt8(&p, table_size_bytes);
	AddInt8(&p, peak_memory_bytes);
	if (RunQuery("UPDATE ddb_catalog.restores SET restore_status = $2, "
				 "active_time = pg_catalog.clock_timestamp(), "
				 "completion_time = CASE WHEN $2 = 'COMPLETED' "
				 "THEN pg_catalog.clock_timestamp() END, "
				 "item_count = $3, table_size_bytes = $4, peak_memory_bytes = $5 "
				 "WHERE restore_id = $1 AND restore_status = 'LOADING'",
				 &p, false, NULL, NULL) != 1)
		elog(ERROR, "restore %lld is no longer loading", (long long) restore_id);
}

/* The GSIs are ACTIVE too. */
void
DdbRestoreMarkCompleted(int64 restore_id, int64 peak_memory_bytes)
{
	Params		p = {0};

	AddInt8(&p, restore_id);
	AddInt8(&p, peak_memory_bytes);
	if (RunQuery("UPDATE ddb_catalog.restores SET restore_status = 'COMPLETED', "
				 "completion_time = pg_catalog.clock_timestamp(), "
				 "peak_memory_bytes = GREATEST(peak_memory_bytes, $2) "
				 "WHERE restore_id = $1 AND restore_status = 'BUILDING_INDEXES'",
				 &p, false, NULL, NULL) != 1)
		elog(ERROR, "restore %lld is no longer building indexes", (long long) restore_id);
}

/* The restore failed, for the given reason. */
void
DdbRestoreMarkFailed(int64 restore_id, const char *reason)
{
	Params		p = {0};

	AddInt8(&p, restore_id);
	AddText(&p, reason);
	RunQuery("UPDATE ddb_catalog.restores SET restore_status = 'FAILED', "
			 "completion_time = pg_catalog.clock_timestamp(), failure_reason = $2 "
			 "WHERE restore_id = $1", &p, false, NULL, NULL);
}

/* Whether the current user may see the restore. */
bool
DdbRestoreVisible(DdbRestoreDef *r)
{
	Oid			requester;

	if (superuser())
		return true;
	requester = get_role_oid(r->requested_by, true);
	return OidIsValid(requester) && has_privs_of_role(GetUserId(), requester);
}

/* The advisory lock tag of a restore's worker. */
static void
WorkerLockTag(LOCKTAG *tag, int64 restore_id)
{
	SET_LOCKTAG_ADVISORY(*tag, MyDatabaseId, (uint32) ((uint64) restore_id >> 32),
						 (uint32) restore_id, DDB_RESTORE_LOCK_FIELD4);
}

/*
 * Take the worker's lock (session level: held until the worker exits);
 * false if another worker of the same restore holds it.
 */
bool
DdbRestoreLockAsWorker(int64 restore_id)
{
	LOCKTAG		tag;

	WorkerLockTag(&tag, restore_id);
	return LockAcquire(&tag, ExclusiveLock, true, true) != LOCKACQUIRE_NOT_AVAIL;
}

/* Whether a worker of the restore holds its lock. */
bool
DdbRestoreWorkerAlive(int64 restore_id)
{
	LOCKTAG		tag;

	WorkerLockTag(&tag, restore_id);
	if (LockAcquire(&tag, ExclusiveLock, false, true) == LOCKACQUIRE_NOT_AVAIL)
		return true;
	LockRelease(&tag, ExclusiveLock, false);
	return false;
}
