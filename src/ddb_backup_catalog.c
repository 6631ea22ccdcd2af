/*-------------------------------------------------------------------------
 *
 * ddb_backup_catalog.c
 *	  Reading and writing ddb_catalog.backups and ddb_catalog.backup_chunks.
 *
 * As for the table registry (ddb_catalog.c), every statement runs through
 * SPI as the extension's owner with a pinned search_path; the calling
 * operation has checked the caller's rights first.
 *
 * Stale backups.  A row stays CREATING from the request until its worker
 * commits AVAILABLE (or FAILED).  A worker holds a session-level advisory
 * lock on its backup id from before the request returns until it exits,
 * so a CREATING row whose lock is free belongs to a worker that is gone: it
 * was killed, failed with FATAL, or the server crashed or restarted.  Such
 * a row is reported FAILED ("the backup worker stopped ...") and, when the
 * transaction can write, recorded so (DdbReapStaleBackups, and every load
 * of a backup).  A worker commits its chunks in the same transaction as
 * the status AVAILABLE, so a failed backup never has committed chunks; the
 * chunks of a stale row are deleted all the same.  Since a worker commits
 * before it releases its lock, a row found CREATING with a free lock is
 * read again with a fresh snapshot before it is judged.
 *
 * IDENTIFICATION
 *	  src/ddb_backup_catalog.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "access/xlog.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/lock.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/snapmgr.h"
#include "utils/uuid.h"

#include "ddb_backup.h"
#include "ddb_catalog.h"

/* Every column but the big jsonb ones. */
#define LIGHT_COLUMNS \
	"b.backup_id, b.backup_arn, b.backup_name, b.backup_type, b.backup_status, " \
	"b.creation_time, b.expiry_time, b.completion_time, b.table_id, b.table_name, " \
	"b.table_arn, b.owner_role, b.item_count, b.table_size_bytes, " \
	"b.backup_size_bytes, b.chunk_count, b.failure_reason, b.progress_handle, " \
	"b.xmin AS row_xmin"

#define ALL_COLUMNS LIGHT_COLUMNS ", b.source_table_details, " \
	"b.source_table_features, b.table_definition"

#define MAX_PARAMS 16

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
	RowCallback row_fn;			/* called for every result row */
	void	   *row_arg;
	MemoryContext mcxt;			/* where row_fn allocates */
	uint64		processed;
} CatalogQuery;

static void Add(Params *p, Oid type, Datum value, bool isnull);
static void AddText(Params *p, const char *value);
static void AddInt8(Params *p, int64 value);
static void AddTimestamp(Params *p, TimestampTz value, bool isnull);
static void AddBool(Params *p, bool value);
static void RunQueryAsOwner(void *arg);
static uint64 RunQuery(const char *sql, Params *p, bool latest, RowCallback row_fn,
					   void *row_arg);
static Datum Column(HeapTuple tuple, TupleDesc desc, const char *name, bool *isnull);
static char *ColumnText(HeapTuple tuple, TupleDesc desc, const char *name);
static int64 ColumnInt8(HeapTuple tuple, TupleDesc desc, const char *name, bool *isnull);
static TimestampTz ColumnTimestamp(HeapTuple tuple, TupleDesc desc, const char *name);
static Jsonb *ColumnJsonb(HeapTuple tuple, TupleDesc desc, const char *name);
static void CollectBackup(HeapTuple tuple, TupleDesc desc, void *arg);
static DdbBackupDef *LoadOne(const char *where, Params *p, bool for_update, bool latest);
static void ResolveStale(DdbBackupDef *b);
static void RecordFailed(int64 backup_id, const char *reason);
static void CollectId(HeapTuple tuple, TupleDesc desc, void *arg);
static void CollectXid(HeapTuple tuple, TupleDesc desc, void *arg);

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

/* A timestamptz parameter. */
static void
AddTimestamp(Params *p, TimestampTz value, bool isnull)
{
	Add(p, TIMESTAMPTZOID, TimestampTzGetDatum(value), isnull);
}

/* A boolean parameter. */
static void
AddBool(Params *p, bool value)
{
	Add(p, BOOLOID, BoolGetDatum(value), false);
}

/* Run a CatalogQuery (as the extension's owner, see RunQuery). */
static void
RunQueryAsOwner(void *arg)
{
	CatalogQuery *q = arg;
	int			rc;
	Params		none = {0};
	Params	   *p = q->params ? q->params : &none;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (q->latest)
	{
		SPIPlanPtr	plan = SPI_prepare(q->sql, p->count, p->types);

		if (plan == NULL)
			elog(ERROR, "could not prepare a backup catalog statement: %s",
				 SPI_result_code_string(SPI_result));
		rc = SPI_execute_snapshot(plan, p->values, p->nulls, GetLatestSnapshot(),
								  InvalidSnapshot, false, false, 0);
	}
	else
		rc = SPI_execute_with_args(q->sql, p->count, p->types, p->values, p->nulls,
								   false, 0);
	if (rc < 0)
		elog(ERROR, "backup catalog statement failed: %s", SPI_result_code_string(rc));
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
 * Run one statement on the backup catalog as the extension's owner; latest
 * runs it with a fresh snapshot rather than the transaction's.  Returns
 * the number of rows processed; row_fn sees each result row, allocating in
 * the caller's memory context.
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
		elog(ERROR, "backup catalog column \"%s\" is missing", name);
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

/* A bigint or integer column (0 for NULL). */
static int64
ColumnInt8(HeapTuple tuple, TupleDesc desc, const char *name, bool *isnull)
{
	int			fnumber = SPI_fnumber(desc, name);
	bool		null;
	Datum		d = Column(tuple, desc, name, &null);

	if (isnull)
		*isnull = null;
	if (null)
		return 0;
	if (SPI_gettypeid(desc, fnumber) == INT4OID)
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

/* A jsonb column, copied (NULL for NULL). */
static Jsonb *
ColumnJsonb(HeapTuple tuple, TupleDesc desc, const char *name)
{
	bool		isnull;
	Datum		d = Column(tuple, desc, name, &isnull);

	return isnull ? NULL : DatumGetJsonbPCopy(d);
}

/* Build a DdbBackupDef from a result row and append it to a List. */
static void
CollectBackup(HeapTuple tuple, TupleDesc desc, void *arg)
{
	List	  **list = arg;
	DdbBackupDef *b = palloc0(sizeof(DdbBackupDef));
	bool		isnull;
	Datum		d;

	b->backup_id = ColumnInt8(tuple, desc, "backup_id", NULL);
	b->backup_arn = ColumnText(tuple, desc, "backup_arn");
	b->backup_name = ColumnText(tuple, desc, "backup_name");
	b->backup_type = ColumnText(tuple, desc, "backup_type");
	b->status = ColumnText(tuple, desc, "backup_status");
	b->creation_time = ColumnTimestamp(tuple, desc, "creation_time");
	b->expiry_time = ColumnTimestamp(tuple, desc, "expiry_time");
	b->completion_time = ColumnTimestamp(tuple, desc, "completion_time");
	d = Column(tuple, desc, "table_id", &isnull);
	b->table_id = DatumGetCString(DirectFunctionCall1(uuid_out, d));
	b->table_name = ColumnText(tuple, desc, "table_name");
	b->table_arn = ColumnText(tuple, desc, "table_arn");
	b->owner_role = ColumnText(tuple, desc, "owner_role");
	b->item_count = ColumnInt8(tuple, desc, "item_count", &isnull);
	b->has_counts = !isnull;
	b->table_size_bytes = ColumnInt8(tuple, desc, "table_size_bytes", NULL);
	b->backup_size_bytes = ColumnInt8(tuple, desc, "backup_size_bytes", NULL);
	b->chunk_count = (int32) ColumnInt8(tuple, desc, "chunk_count", NULL);
	b->failure_reason = ColumnText(tuple, desc, "failure_reason");
	b->progress_handle = (dsm_handle) ColumnInt8(tuple, desc, "progress_handle", NULL);
	d = Column(tuple, desc, "row_xmin", &isnull);
	b->row_xmin = isnull ? InvalidTransactionId : DatumGetTransactionId(d);
	if (SPI_fnumber(desc, "source_table_details") > 0)
	{
		b->source_table_details = ColumnJsonb(tuple, desc, "source_table_details");
		b->source_table_features = ColumnJsonb(tuple, desc, "source_table_features");
		b->table_definition = ColumnJsonb(tuple, desc, "table_definition");
	}
	*list = lappend(*list, b);
}

/* Insert a new backup row. */
void
DdbInsertBackup(DdbBackupDef *b)
{
	Params		p = {0};
	List	   *ids = NIL;

	AddText(&p, b->backup_arn);
	AddText(&p, b->backup_name);
	AddText(&p, b->backup_type);
	AddTimestamp(&p, b->creation_time, false);
	AddTimestamp(&p, b->expiry_time, b->expiry_time == 0);
	Add(&p, UUIDOID, DirectFunctionCall1(uuid_in, CStringGetDatum(b->table_id)), false);
	AddText(&p, b->table_name);
	AddText(&p, b->table_arn);
	Add(&p, JSONBOID, JsonbPGetDatum(b->source_table_details), false);
	Add(&p, JSONBOID, JsonbPGetDatum(b->source_table_features), false);
	Add(&p, JSONBOID, JsonbPGetDatum(b->table_definition), false);
	AddText(&p, b->owner_role);
	Add(&p, INT8OID, Int64GetDatum((int64) b->progress_handle), b->progress_handle == 0);
	if (RunQuery("INSERT INTO ddb_catalog.backups (backup_arn, backup_name, backup_type, "
				 "backup_status, creation_time, expiry_time, table_id, table_name, "
				 "table_arn, source_table_details, source_table_features, "
				 "table_definition, owner_role, progress_handle) VALUES ($1, $2, $3, "
				 "'CREATING', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
				 "RETURNING backup_id",
				 &p, false, CollectId, &ids) != 1)
		elog(ERROR, "could not insert the backup row");
	b->backup_id = *(int64 *) linitial(ids);
	b->status = DDB_BACKUP_CREATING;
}

/* Collect the first column (a bigint) of every row. */
static void
CollectId(HeapTuple tuple, TupleDesc desc, void *arg)
{
	List	  **list = arg;
	bool		isnull;
	int64	   *id = palloc(sizeof(int64));

	*id = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
	*list = lappend(*list, id);
}

/* Load at most one row matching the condition, and judge it if stale. */
static DdbBackupDef *
LoadOne(const char *where, Params *p, bool for_update, bool latest)
{
	List	   *rows = NIL;
	char	   *sql;
	DdbBackupDef *b;

	sql = psprintf("SELECT " ALL_COLUMNS " FROM ddb_catalog.backups b WHERE %s%s",
				   where, for_update ? " FOR UPDATE" : "");
	RunQuery(sql, p, latest, CollectBackup, &rows);
	if (rows == NIL)
		return NULL;
	b = linitial(rows);
	ResolveStale(b);
	return b;
}

/*
 * If b is CREATING but its worker is gone, read it again with a fresh
 * snapshot (the worker may just have finished); if it is still CREATING,
 * it failed: show it so and record it when possible.  A standby cannot
 * tell (the workers run on the primary): it shows what is recorded.
 */
static void
ResolveStale(DdbBackupDef *b)
{
	Params		p = {0};
	List	   *rows = NIL;
	DdbBackupDef *fresh;

	if (strcmp(b->status, DDB_BACKUP_CREATING) != 0 || RecoveryInProgress() ||
		DdbBackupWorkerAlive(b->backup_id))
		return;

	AddInt8(&p, b->backup_id);
	RunQuery("SELECT " ALL_COLUMNS " FROM ddb_catalog.backups b WHERE b.backup_id = $1",
			 &p, true, CollectBackup, &rows);
	fresh = rows != NIL ? linitial(rows) : NULL;
	if (fresh != NULL && strcmp(fresh->status, DDB_BACKUP_CREATING) != 0)
	{
		*b = *fresh;
		return;
	}
	b->status = DDB_BACKUP_FAILED;
	b->failure_reason = DDB_BACKUP_WORKER_GONE;
	b->progress_handle = 0;
	if (!XactReadOnly && !IsolationUsesXactSnapshot())
		RecordFailed(b->backup_id, DDB_BACKUP_WORKER_GONE);
}

/* Record a CREATING backup as FAILED and delete its chunks. */
static void
RecordFailed(int64 backup_id, const char *reason)
{
	Params		p = {0};

	AddInt8(&p, backup_id);
	AddText(&p, reason);
	if (RunQuery("UPDATE ddb_catalog.backups SET backup_status = 'FAILED', "
				 "failure_reason = $2, completion_time = pg_catalog.now(), "
				 "progress_handle = NULL "
				 "WHERE backup_id = $1 AND backup_status = 'CREATING'",
				 &p, false, NULL, NULL) == 0)
		return;
	p.count = 1;
	RunQuery("DELETE FROM ddb_catalog.backup_chunks WHERE backup_id = $1",
			 &p, false, NULL, NULL);
}

/* The backup with this ARN, or NULL. */
DdbBackupDef *
DdbLoadBackup(const char *arn, bool for_update)
{
	Params		p = {0};

	AddText(&p, arn);
	return LoadOne("b.backup_arn = $1", &p, for_update, false);
}

/* The backup with this id, with the statement's own snapshot, or NULL. */
DdbBackupDef *
DdbLoadBackupById(int64 backup_id, bool for_update)
{
	Params		p = {0};
	List	   *rows = NIL;

	AddInt8(&p, backup_id);
	RunQuery(psprintf("SELECT " ALL_COLUMNS " FROM ddb_catalog.backups b "
					  "WHERE b.backup_id = $1%s", for_update ? " FOR UPDATE" : ""),
			 &p, false, CollectBackup, &rows);
	return rows != NIL ? linitial(rows) : NULL;
}

/* Rows of the filter, in (creation_time, backup_arn) order. */
List *
DdbListBackupRows(const DdbBackupFilter *f)
{
	Params		p = {0};
	List	   *rows = NIL;
	List	   *result = NIL;
	ListCell   *lc;

	AddText(&p, f->table_name);
	AddText(&p, f->table_arn);
	AddTimestamp(&p, f->lower, !f->has_lower);
	AddTimestamp(&p, f->upper, !f->has_upper);
	AddText(&p, f->backup_type);
	AddTimestamp(&p, f->after_time, !f->after_set);
	AddText(&p, f->after_set ? f->after_arn : NULL);
	AddBool(&p, f->visible_only && !superuser());
	Add(&p, OIDOID, ObjectIdGetDatum(GetUserId()), false);
	AddBool(&p, f->listable_only);
	AddInt8(&p, f->limit);
	AddBool(&p, f->creating_only);
	RunQuery("SELECT " LIGHT_COLUMNS " FROM ddb_catalog.backups b "
			 "WHERE ($1::text IS NULL OR b.table_name = $1) "
			 "AND ($2::text IS NULL OR b.table_arn = $2) "
			 "AND ($3::timestamptz IS NULL OR b.creation_time >= $3) "
			 "AND ($4::timestamptz IS NULL OR b.creation_time < $4) "
			 "AND ($5::text IS NULL OR b.backup_type = $5) "
			 "AND ($6::timestamptz IS NULL OR (b.creation_time, b.backup_arn) > ($6, $7::text)) "
			 "AND (NOT $8 OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles r "
			 "WHERE r.rolname = b.owner_role AND pg_catalog.pg_has_role($9, r.oid, 'USAGE'))) "
			 "AND (NOT $10 OR b.backup_status IN ('CREATING', 'AVAILABLE')) "
			 "AND (NOT $12 OR b.backup_status = 'CREATING') "
			 "ORDER BY b.creation_time, b.backup_arn LIMIT $11",
			 &p, false, CollectBackup, &rows);

	foreach(lc, rows)
	{
		DdbBackupDef *b = lfirst(lc);

		ResolveStale(b);
		if (f->creating_only && strcmp(b->status, DDB_BACKUP_CREATING) != 0)
			continue;
		if (f->listable_only && strcmp(b->status, DDB_BACKUP_FAILED) == 0)
			continue;
		result = lappend(result, b);
	}
	return result;
}

/* Delete a backup's row and its chunks. */
void
DdbDeleteBackupRow(int64 backup_id)
{
	Params		p = {0};

	AddInt8(&p, backup_id);
	RunQuery("DELETE FROM ddb_catalog.backup_chunks WHERE backup_id = $1", &p, false,
			 NULL, NULL);
	RunQuery("DELETE FROM ddb_catalog.backups WHERE backup_id = $1", &p, false, NULL, NULL);
}

/* Mark every CREATING backup whose worker is gone FAILED. */
void
DdbReapStaleBackups(void)
{
	List	   *rows = NIL;
	ListCell   *lc;

	if (XactReadOnly || IsolationUsesXactSnapshot())
		return;
	RunQuery("SELECT " LIGHT_COLUMNS " FROM ddb_catalog.backups b "
			 "WHERE b.backup_status = 'CREATING'", NULL, false, CollectBackup, &rows);
	foreach(lc, rows)
		ResolveStale((DdbBackupDef *) lfirst(lc));
}

/* Collect the first column (an xid) of every row. */
static void
CollectXid(HeapTuple tuple, TupleDesc desc, void *arg)
{
	List	  **list = arg;
	bool		isnull;
	Datum		d = SPI_getbinval(tuple, desc, 1, &isnull);

	if (!isnull)
	{
		TransactionId *xid = palloc(sizeof(TransactionId));

		*xid = DatumGetTransactionId(d);
		*list = lappend(*list, xid);
	}
}

/* Whether the table's catalog row was inserted by this transaction. */
bool
DdbTableCreatedByThisTransaction(const char *table_id)
{
	Params		p = {0};
	List	   *xids = NIL;

	Add(&p, UUIDOID, DirectFunctionCall1(uuid_in, CStringGetDatum(table_id)), false);
	RunQuery("SELECT t.xmin FROM ddb_catalog.tables t WHERE t.table_id = $1",
			 &p, false, CollectXid, &xids);
	return xids != NIL &&
		TransactionIdIsCurrentTransactionId(*(TransactionId *) linitial(xids));
}

/* Whether a backup of the table is being created (its worker is alive). */
bool
DdbTableHasBackupInProgress(const char *table_id)
{
	Params		p = {0};
	List	   *rows = NIL;
	ListCell   *lc;
	bool		found = false;

	Add(&p, UUIDOID, DirectFunctionCall1(uuid_in, CStringGetDatum(table_id)), false);
	RunQuery("SELECT " LIGHT_COLUMNS " FROM ddb_catalog.backups b "
			 "WHERE b.table_id = $1 AND b.backup_status = 'CREATING'",
			 &p, true, CollectBackup, &rows);
	foreach(lc, rows)
	{
		DdbBackupDef *b = lfirst(lc);

		ResolveStale(b);
		if (strcmp(b->status, DDB_BACKUP_CREATING) == 0)
			found = true;
	}
	return found;
}

/* Whether the current user owns the backup. */
bool
DdbBackupOwned(DdbBackupDef *b)
{
	Oid			owner;

	if (superuser())
		return true;
	owner = get_role_oid(b->owner_role, true);
	return OidIsValid(owner) && has_privs_of_role(GetUserId(), owner);
}

/* Whether the current user may see the backup. */
bool
DdbBackupVisible(DdbBackupDef *b)
{
	return DdbBackupOwned(b);
}

/* The advisory lock tag of a backup's worker. */
static void
WorkerLockTag(LOCKTAG *tag, int64 backup_id)
{
	SET_LOCKTAG_ADVISORY(*tag, MyDatabaseId, (uint32) ((uint64) backup_id >> 32),
						 (uint32) backup_id, DDB_BACKUP_LOCK_FIELD4);
}

/* Take the worker's lock (session level: held until the worker exits). */
void
DdbBackupLockAsWorker(int64 backup_id)
{
	LOCKTAG		tag;

	WorkerLockTag(&tag, backup_id);
	(void) LockAcquire(&tag, ExclusiveLock, true, false);
}

/* Whether the worker of a backup holds its lock. */
bool
DdbBackupWorkerAlive(int64 backup_id)
{
	LOCKTAG		tag;
	LockAcquireResult res;

	WorkerLockTag(&tag, backup_id);
	res = LockAcquire(&tag, ExclusiveLock, false, true);
	if (res == LOCKACQUIRE_NOT_AVAIL)
		return true;
	LockRelease(&tag, ExclusiveLock, false);
	return false;
}

/*
 * Insert one chunk (the worker).  The row goes straight into the heap and
 * its primary key (CatalogTupleInsert does exactly that for any relation
 * without expression or partial indexes): no SQL, no plan, no copy of the
 * chunk into a parameter.  The table has no trigger, rule or policy to
 * honour, and the worker acts for the extension here.
 */
void
DdbInsertBackupChunk(int64 backup_id, const DdbChunkInfo *info, bytea *chunk)
{
	static Oid	chunks_relid = InvalidOid;
	Relation	rel;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};
	HeapTuple	tuple;

	if (!OidIsValid(chunks_relid))
		chunks_relid = get_relname_relid("backup_chunks",
										 get_namespace_oid(DDB_CATALOG_SCHEMA, false));
	rel = table_open(chunks_relid, RowExclusiveLock);
	values[0] = Int64GetDatum(backup_id);
	values[1] = Int32GetDatum((int32) info->seq);
	values[2] = Int32GetDatum((int32) info->item_count);
	values[3] = Int32GetDatum((int32) info->raw_length);
	values[4] = Int64GetDatum((int64) info->payload_crc);
	values[5] = PointerGetDatum(chunk);
	tuple = heap_form_tuple(RelationGetDescr(rel), values, nulls);
	CatalogTupleInsert(rel, tuple);
	heap_freetuple(tuple);
	table_close(rel, NoLock);
}

/* Mark a backup AVAILABLE with its figures (the worker). */
void
DdbCompleteBackup(int64 backup_id, int64 item_count, int64 table_size_bytes,
				  int64 backup_size_bytes, int32 chunk_count)
{
	Params		p = {0};

	AddInt8(&p, backup_id);
	AddInt8(&p, item_count);
	AddInt8(&p, table_size_bytes);
	AddInt8(&p, backup_size_bytes);
	Add(&p, INT4OID, Int32GetDatum(chunk_count), false);
	if (RunQuery("UPDATE ddb_catalog.backups SET backup_status = 'AVAILABLE', "
				 "completion_time = pg_catalog.clock_timestamp(), item_count = $2, "
				 "table_size_bytes = $3, backup_size_bytes = $4, chunk_count = $5, "
				 "progress_handle = NULL, source_table_details = source_table_details "
				 "|| pg_catalog.jsonb_build_object('ItemCount', $2, 'TableSizeBytes', $3) "
				 "WHERE backup_id = $1 AND backup_status = 'CREATING'",
				 &p, false, NULL, NULL) != 1)
		elog(ERROR, "backup %lld is no longer being created", (long long) backup_id);
}

/* Mark a backup FAILED with a reason (the worker). */
void
DdbFailBackup(int64 backup_id, const char *reason)
{
	RecordFailed(backup_id, reason);
}
