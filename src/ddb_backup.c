/*-------------------------------------------------------------------------
 *
 * ddb_backup.c
 *	  CreateBackup: recording the request, handing the caller's snapshot
 *	  to a background worker, and DynamoDB's backup shapes.
 *
 * The protocol (DESIGN.md, "Backup protocol"):
 *
 *	1. In the caller's transaction: validate the request, lock the table's
 *	   catalog row (FOR UPDATE, as UpdateTable and DeleteTable do, so they
 *	   wait for this transaction and then see the backup) and its item
 *	   relation (ACCESS SHARE), check that the caller may read the table,
 *	   and insert the backup row: status CREATING, the time marker, the
 *	   source table's details and features as of now.
 *
 *	2. Serialise the caller's snapshot into a dynamic shared memory
 *	   segment and start a dynamic background worker with the segment's
 *	   handle.  PostgreSQL's exported snapshots (ExportSnapshot) cannot be
 *	   taken inside a subtransaction, and ddb_execute() runs every request
 *	   in one, so the snapshot travels as parallel query's does
 *	   (SerializeSnapshot, RestoreTransactionSnapshot).  Like
 *	   ExportSnapshot, the serialised copy lists the caller's own top-level
 *	   XID as running -- GetSnapshotData never lists one's own -- and marks
 *	   the subtransaction list overflowed when the caller has
 *	   subtransactions, so the worker resolves their XIDs through
 *	   pg_subtrans: tuples the caller wrote earlier in its transaction are
 *	   invisible to the worker, never mistaken for aborted ones.
 *
 *	3. Wait, on the latch, only until the worker has adopted the snapshot,
 *	   taken its advisory lock and locked the item relation; then answer
 *	   CREATING.  Nothing here depends on the size of the table: no scan,
 *	   no statistics.  ItemCount and TableSizeBytes of SourceTableDetails
 *	   are filled in by the worker, exactly, from the snapshot.
 *
 * No free background worker slot is LimitExceededException with a hint
 * naming max_worker_processes; the error rolls the row back and the
 * segment is released with the transaction's resources.
 *
 * The backup holds the items committed as of the caller's snapshot: the
 * statement's snapshot in READ COMMITTED, the transaction's in REPEATABLE
 * READ and SERIALIZABLE.  Changes made earlier in the requesting
 * transaction itself are not in it (each DynamoDB write is a transaction
 * of its own, committed before the next request).
 *
 * IDENTIFICATION
 *	  src/ddb_backup.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "storage/dsm.h"
#include "storage/latch.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/snapmgr.h"
#include "utils/wait_event.h"

#include "ddb_acl.h"
#include "ddb_audit.h"
#include "ddb_backup.h"
#include "ddb_catalog.h"
#include "ddb_core.h"
#include "ddb_errors.h"
#include "ddb_json.h"
#include "ddb_operations.h"
#include "ddb_request.h"

/* Microseconds between the Unix epoch and PostgreSQL's. */
#define UNIX_TO_POSTGRES_USECS \
	((int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY * USECS_PER_SEC)

static TimestampTz RequestTime(void);
static char *BackupId(TimestampTz created);
static void PutKeySchema(DdbJson *js, const char *key, const DdbKeyAttr *hash,
						 const DdbKeyAttr *range);
static void PutProjection(DdbJson *js, DdbIndexDef *ix);
static void PutCapacity(DdbJson *js, const char *key, const DdbThroughput *tp);
static Jsonb *SourceTableDetails(DdbTableDef *table);
static Jsonb *SourceTableFeatures(DdbTableDef *table);
static Jsonb *TableDefinition(DdbTableDef *table);
static Snapshot RequestSnapshot(void);
static void StartWorker(DdbBackupDef *b, DdbTableDef *table);
static void WaitForHandoff(BackgroundWorkerHandle *handle, DdbBackupShared *shared);

/* Now, in whole milliseconds (the precision of a backup's id). */
static TimestampTz
RequestTime(void)
{
	TimestampTz now = GetCurrentTimestamp();

	return now - ((now + UNIX_TO_POSTGRES_USECS) % 1000);
}

/* A BackupId: creation time in epoch milliseconds (14 digits), '-', 8 hex. */
static char *
BackupId(TimestampTz created)
{
	uint32		random;

	if (!pg_strong_random(&random, sizeof(random)))
		ereport(ERROR,
				errcode(ERRCODE_INTERNAL_ERROR),
				errmsg("could not generate random values"));
	return psprintf("%014lld-%08x",
					(long long) ((created + UNIX_TO_POSTGRES_USECS) / 1000), random);
}

/*
 * Whether text is a backup ARN:
 * arn:aws:dynamodb:<region>:<account>:table/<name>/backup/<14 digits>-<8 hex>
 * (name a valid table name); sets *created from the id.
 */
bool
DdbParseBackupArn(const char *arn, TimestampTz *created)
{
	const char *marker;
	const char *id;
	char	   *table_arn;
	char	   *name;
	long long	ms;

	marker = strstr(arn, "/backup/");
	if (marker == NULL)
		return false;
	table_arn = pnstrdup(arn, marker - arn);
	if (!DdbParseTableArn(table_arn, &name))
		return false;
	if (strlen(name) < 3 || strlen(name) > 255 ||
		strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != strlen(name))
		return false;
	id = marker + strlen("/backup/");
	if (strlen(id) != 23 || strspn(id, "0123456789") != 14 || id[14] != '-' ||
		strspn(id + 15, "0123456789abcdef") != 8)
		return false;
	ms = strtoll(pnstrdup(id, 14), NULL, 10);
	*created = (TimestampTz) ms * 1000 - UNIX_TO_POSTGRES_USECS;
	return true;
}

/* [{"AttributeName": h, "KeyType": "HASH"}, {... "RANGE"}] */
static void
PutKeySchema(DdbJson *js, const char *key, const DdbKeyAttr *hash, const DdbKeyAttr *range)
{
	DdbJsonBeginArray(js, key);
	DdbJsonBeginObject(js, NULL);
	DdbJsonPutString(js, "AttributeName", hash->name);
	DdbJsonPutString(js, "KeyType", "HASH");
	DdbJsonEndObject(js);
	if (range->name != NULL)
	{
		DdbJsonBeginObject(js, NULL);
		DdbJsonPutString(js, "AttributeName", range->name);
		DdbJsonPutString(js, "KeyType", "RANGE");
		DdbJsonEndObject(js);
	}
	DdbJsonEndArray(js);
}

/* {"ProjectionType": ..., "NonKeyAttributes": [...]} */
static void
PutProjection(DdbJson *js, DdbIndexDef *ix)
{
	ListCell   *lc;

	DdbJsonBeginObject(js, "Projection");
	DdbJsonPutString(js, "ProjectionType", ix->projection_type);
	if (ix->non_key_attributes != NIL)
	{
		DdbJsonBeginArray(js, "NonKeyAttributes");
		foreach(lc, ix->non_key_attributes)
			DdbJsonPutString(js, NULL, (char *) lfirst(lc));
		DdbJsonEndArray(js);
	}
	DdbJsonEndObject(js);
}

/* {"ReadCapacityUnits": r, "WriteCapacityUnits": w} */
static void
PutCapacity(DdbJson *js, const char *key, const DdbThroughput *tp)
{
	DdbJsonBeginObject(js, key);
	DdbJsonPutInt64(js, "ReadCapacityUnits", tp->read_capacity);
	DdbJsonPutInt64(js, "WriteCapacityUnits", tp->write_capacity);
	DdbJsonEndObject(js);
}

/*
 * SourceTableDetails as of the request.  ItemCount and TableSizeBytes are
 * added by the worker when the backup is complete (they are those of the
 * snapshot, exact).
 */
static Jsonb *
SourceTableDetails(DdbTableDef *table)
{
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutString(&js, "TableName", table->table_name);
	DdbJsonPutString(&js, "TableId", table->table_id);
	DdbJsonPutString(&js, "TableArn", table->table_arn);
	PutKeySchema(&js, "KeySchema", &table->hash_key, &table->range_key);
	DdbJsonPutTimestamp(&js, "TableCreationDateTime", table->creation_time);
	PutCapacity(&js, "ProvisionedThroughput", &table->throughput);
	if (table->on_demand_throughput != NULL)
		DdbJsonPutJsonb(&js, "OnDemandThroughput", table->on_demand_throughput);
	DdbJsonPutString(&js, "BillingMode", table->billing_mode);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/* SourceTableFeatureDetails as of the request (members only for features). */
static Jsonb *
SourceTableFeatures(DdbTableDef *table)
{
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	for (int pass = 0; pass < 2; pass++)
	{
		bool		global = (pass == 1);
		bool		any = false;
		ListCell   *lc;

		foreach(lc, table->indexes)
		{
			DdbIndexDef *ix = lfirst(lc);

			if (ix->is_global != global)
				continue;
			if (!any)
				DdbJsonBeginArray(&js, global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
			any = true;
			DdbJsonBeginObject(&js, NULL);
			DdbJsonPutString(&js, "IndexName", ix->index_name);
			PutKeySchema(&js, "KeySchema", &ix->hash_key, &ix->range_key);
			PutProjection(&js, ix);
			if (global)
			{
				PutCapacity(&js, "ProvisionedThroughput", &ix->throughput);
				if (ix->on_demand_throughput != NULL)
					DdbJsonPutJsonb(&js, "OnDemandThroughput", ix->on_demand_throughput);
			}
			DdbJsonEndObject(&js);
		}
		if (any)
			DdbJsonEndArray(&js);
	}
	if (table->stream_enabled)
	{
		DdbJsonBeginObject(&js, "StreamDescription");
		DdbJsonPutBool(&js, "StreamEnabled", true);
		if (table->stream_view_type != NULL)
			DdbJsonPutString(&js, "StreamViewType", table->stream_view_type);
		DdbJsonEndObject(&js);
	}
	if (table->ttl_status != NULL && strcmp(table->ttl_status, "DISABLED") != 0)
	{
		DdbJsonBeginObject(&js, "TimeToLiveDescription");
		DdbJsonPutString(&js, "TimeToLiveStatus", table->ttl_status);
		if (table->ttl_attribute != NULL)
			DdbJsonPutString(&js, "AttributeName", table->ttl_attribute);
		DdbJsonEndObject(&js);
	}
	if (table->sse_description != NULL)
		DdbJsonPutJsonb(&js, "SSEDescription", table->sse_description);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/*
 * What a restore needs to recreate the table: a CreateTable request for it
 * without TableName (AttributeDefinitions, KeySchema, BillingMode,
 * ProvisionedThroughput, OnDemandThroughput, WarmThroughput, the indexes
 * with their capacities, TableClass), plus the SSEDescription, stream,
 * TTL and tag settings as they were (a restore does not carry these over,
 * but they are recorded).
 */
static Jsonb *
TableDefinition(DdbTableDef *table)
{
	DdbJson		js;
	bool		provisioned = strcmp(table->billing_mode, "PROVISIONED") == 0;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutJsonb(&js, "AttributeDefinitions", table->attribute_definitions);
	PutKeySchema(&js, "KeySchema", &table->hash_key, &table->range_key);
	DdbJsonPutString(&js, "BillingMode", table->billing_mode);
	if (provisioned)
		PutCapacity(&js, "ProvisionedThroughput", &table->throughput);
	if (table->on_demand_throughput != NULL)
		DdbJsonPutJsonb(&js, "OnDemandThroughput", table->on_demand_throughput);
	if (table->warm_throughput != NULL)
		DdbJsonPutJsonb(&js, "WarmThroughput", table->warm_throughput);
	for (int pass = 0; pass < 2; pass++)
	{
		bool		global = (pass == 1);
		bool		any = false;
		ListCell   *lc;

		foreach(lc, table->indexes)
		{
			DdbIndexDef *ix = lfirst(lc);

			if (ix->is_global != global)
				continue;
			if (!any)
				DdbJsonBeginArray(&js, global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
			any = true;
			DdbJsonBeginObject(&js, NULL);
			DdbJsonPutString(&js, "IndexName", ix->index_name);
			PutKeySchema(&js, "KeySchema", &ix->hash_key, &ix->range_key);
			PutProjection(&js, ix);
			if (global && provisioned)
				PutCapacity(&js, "ProvisionedThroughput", &ix->throughput);
			if (global && ix->on_demand_throughput != NULL)
				DdbJsonPutJsonb(&js, "OnDemandThroughput", ix->on_demand_throughput);
			if (global && ix->warm_throughput != NULL)
				DdbJsonPutJsonb(&js, "WarmThroughput", ix->warm_throughput);
			DdbJsonEndObject(&js);
		}
		if (any)
			DdbJsonEndArray(&js);
	}
	DdbJsonPutString(&js, "TableClass", table->table_class ? table->table_class : "STANDARD");
	DdbJsonPutBool(&js, "DeletionProtectionEnabled", table->deletion_protection);
	if (table->sse_description != NULL)
		DdbJsonPutJsonb(&js, "SSEDescription", table->sse_description);
	if (table->stream_enabled)
	{
		DdbJsonBeginObject(&js, "StreamSpecification");
		DdbJsonPutBool(&js, "StreamEnabled", true);
		if (table->stream_view_type != NULL)
			DdbJsonPutString(&js, "StreamViewType", table->stream_view_type);
		DdbJsonEndObject(&js);
	}
	if (table->ttl_attribute != NULL)
	{
		DdbJsonBeginObject(&js, "TimeToLiveSpecification");
		DdbJsonPutString(&js, "AttributeName", table->ttl_attribute);
		DdbJsonPutBool(&js, "Enabled", table->ttl_status != NULL &&
					   strcmp(table->ttl_status, "ENABLED") == 0);
		DdbJsonEndObject(&js);
	}
	if (table->tags != NULL)
		DdbJsonPutJsonb(&js, "Tags", table->tags);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/* The status DynamoDB shows for a backup. */
const char *
DdbBackupShownStatus(DdbBackupDef *b)
{
	if (strcmp(b->status, DDB_BACKUP_FAILED) == 0)
		return "DELETED";
	return b->status;
}

/* BackupDetails. */
Jsonb *
DdbBackupDetails(DdbBackupDef *b, const char *shown_status)
{
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutString(&js, "BackupArn", b->backup_arn);
	DdbJsonPutString(&js, "BackupName", b->backup_name);
	if (b->has_counts)
		DdbJsonPutInt64(&js, "BackupSizeBytes", b->backup_size_bytes);
	DdbJsonPutString(&js, "BackupStatus", shown_status ? shown_status : DdbBackupShownStatus(b));
	DdbJsonPutString(&js, "BackupType", b->backup_type);
	DdbJsonPutTimestamp(&js, "BackupCreationDateTime", b->creation_time);
	if (b->expiry_time != 0)
		DdbJsonPutTimestamp(&js, "BackupExpiryDateTime", b->expiry_time);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/* BackupDescription. */
Jsonb *
DdbBackupDescription(DdbBackupDef *b, const char *shown_status)
{
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutJsonb(&js, "BackupDetails", DdbBackupDetails(b, shown_status));
	if (b->source_table_details != NULL)
		DdbJsonPutJsonb(&js, "SourceTableDetails", b->source_table_details);
	if (b->source_table_features != NULL)
		DdbJsonPutJsonb(&js, "SourceTableFeatureDetails", b->source_table_features);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/*
 * A copy of the caller's snapshot that an importer can use: the caller's
 * own top-level XID listed as running, subtransactions resolved through
 * pg_subtrans (see the file header).
 */
static Snapshot
RequestSnapshot(void)
{
	Snapshot	source = ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot();
	Snapshot	snap = palloc(sizeof(SnapshotData));
	TransactionId top = GetTopTransactionIdIfAny();
	TransactionId *children;

	*snap = *source;
	snap->xip = palloc((source->xcnt + 1) * sizeof(TransactionId));
	if (source->xcnt > 0)
		memcpy(snap->xip, source->xip, source->xcnt * sizeof(TransactionId));
	if (TransactionIdIsValid(top) && TransactionIdPrecedes(top, source->xmax))
	{
		snap->xip[snap->xcnt++] = top;
		if (GetCurrentTransactionNestLevel() > 1 || xactGetCommittedChildren(&children) > 0)
			snap->suboverflowed = true;
	}
	return snap;
}

/* Wait until the worker has adopted the snapshot (or failed to). */
static void
WaitForHandoff(BackgroundWorkerHandle *handle, DdbBackupShared *shared)
{
	for (;;)
	{
		uint32		state = pg_atomic_read_u32(&shared->handoff);
		pid_t		pid;
		BgwHandleStatus status;

		if (state == DDB_HANDOFF_READY)
			return;
		if (state == DDB_HANDOFF_FAILED)
			DdbRaise(DDB_EXC_InternalServerError,
					 "Internal server error: the backup could not be started: %s",
					 shared->error);
		status = GetBackgroundWorkerPid(handle, &pid);
		if (status == BGWH_STOPPED &&
			pg_atomic_read_u32(&shared->handoff) == DDB_HANDOFF_STARTING)
			DdbRaise(DDB_EXC_InternalServerError,
					 "Internal server error: the backup worker stopped before it started the backup");
		if (status == BGWH_POSTMASTER_DIED)
			ereport(FATAL,
					errcode(ERRCODE_ADMIN_SHUTDOWN),
					errmsg("postmaster exited during a backup request"));

		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 100L, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}
}

/*
 * Create the hand-off segment, insert the backup row, start the worker and
 * wait for it to adopt the snapshot.
 */
static void
StartWorker(DdbBackupDef *b, DdbTableDef *table)
{
	Snapshot	snap;
	Size		snap_size;
	dsm_segment *seg;
	DdbBackupShared *shared;
	BackgroundWorker worker;
	BackgroundWorkerHandle *handle;
	DdbBackupWorkerExtra extra;

	/*
	 * The row will be inserted by the current (sub)transaction: give it its
	 * XIDs now, so that the snapshot lists the top-level one as running.
	 */
	TransactionId requester_xid = GetTopTransactionId();
	TransactionId insert_xid = GetCurrentTransactionId();

	/* the segment first: its handle goes into the row */
	snap = RequestSnapshot();
	snap_size = EstimateSnapshotSpace(snap);
	seg = dsm_create(offsetof(DdbBackupShared, snapshot) + snap_size, 0);
	shared = dsm_segment_address(seg);
	memset(shared, 0, offsetof(DdbBackupShared, snapshot));
	shared->magic = DDB_BACKUP_SHARED_MAGIC;
	shared->database_id = MyDatabaseId;
	shared->role_id = GetUserId();
	shared->relid = table->relid;
	shared->requester_pgprocno = MyProc->pgprocno;
	shared->requester_xid = requester_xid;
	shared->insert_xid = insert_xid;
	shared->hash_type = table->hash_key.type;
	shared->range_type = table->range_key.name != NULL ? table->range_key.type : '\0';
	shared->chunk_size = (int32) Min((int64) ddb_backup_chunk_size_kb * 1024, PG_INT32_MAX / 4);
	shared->chunk_delay_ms = ddb_backup_chunk_delay_ms;
	shared->compression_level = ddb_backup_compression_level;
	shared->worker_nice = ddb_backup_worker_nice;
	shared->requested = b->creation_time;
	strlcpy(shared->backup_arn, b->backup_arn, sizeof(shared->backup_arn));
	shared->snapshot_size = snap_size;
	SerializeSnapshot(snap, shared->snapshot);
	pg_atomic_init_u32(&shared->handoff, DDB_HANDOFF_STARTING);
	pg_atomic_init_u32(&shared->phase, DDB_PHASE_STARTING);
	pg_atomic_init_u32(&shared->worker_pid, 0);
	pg_atomic_init_u64(&shared->items_done, 0);
	pg_atomic_init_u64(&shared->bytes_done, 0);
	pg_atomic_init_u64(&shared->chunks_done, 0);
	pg_atomic_init_u64(&shared->stored_bytes, 0);
	pg_atomic_init_u64(&shared->blocks_done, 0);
	pg_atomic_init_u64(&shared->blocks_total, 0);

	b->progress_handle = dsm_segment_handle(seg);
	DdbInsertBackup(b);
	shared->backup_id = b->backup_id;
	if (GetCurrentTransactionId() != insert_xid)
		elog(ERROR, "the backup row was inserted by an unexpected transaction");

	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
	worker.bgw_restart_time = BGW_NEVER_RESTART;
	snprintf(worker.bgw_library_name, BGW_MAXLEN, "ddbtable");
	snprintf(worker.bgw_function_name, BGW_MAXLEN, "DdbBackupWorkerMain");
	snprintf(worker.bgw_name, BGW_MAXLEN, "ddbtable backup %lld", (long long) b->backup_id);
	snprintf(worker.bgw_type, BGW_MAXLEN, "ddbtable backup");
	worker.bgw_main_arg = UInt32GetDatum(dsm_segment_handle(seg));
	extra.database_id = MyDatabaseId;
	extra.role_id = GetUserId();
	extra.backup_id = b->backup_id;
	StaticAssertStmt(sizeof(DdbBackupWorkerExtra) <= BGW_EXTRALEN, "bgw_extra too small");
	memcpy(worker.bgw_extra, &extra, sizeof(extra));
	worker.bgw_notify_pid = MyProcPid;

	if (!RegisterDynamicBackgroundWorker(&worker, &handle))
		ereport(ERROR,
				errcode(DdbExceptionSqlstate(DDB_EXC_LimitExceededException)),
				errmsg_internal("Too many operations for a given subscriber."),
				errdetail_internal("%s", DdbExceptionName(DDB_EXC_LimitExceededException)),
				errhint("No background worker slot is free for the backup: raise max_worker_processes (now %d), or retry when running backups and restores have finished.",
						max_worker_processes));

	PG_TRY();
	{
		WaitForHandoff(handle, shared);
	}
	PG_CATCH();
	{
		/* the request fails: the worker must not go on */
		TerminateBackgroundWorker(handle);
		PG_RE_THROW();
	}
	PG_END_TRY();

	/* the worker keeps the segment mapped while it runs */
	dsm_detach(seg);
}

/*
 * CreateBackup: record a backup of the table and start copying it.
 * Answers BackupDetails with status CREATING.  Needs SELECT on the table.
 */
Jsonb *
DdbCreateBackup(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	DdbViolations v;
	char	   *name = NULL;
	int			name_len = 0;
	char	   *backup_name = NULL;
	int			backup_name_len = 0;
	DdbTableDef *table;
	DdbBackupDef b;
	DdbJson		js;

	/*
	 * TableName has the model type TableArn: 1..1024 characters, a name or
	 * an ARN, no pattern (a name no table can have is simply not found).
	 */
	DdbViolationsInit(&v);
	if (!DdbGetString(root, "TableName", &name, &name_len))
		DdbViolationAdd(&v, NULL, "tableName", "Member must not be null");
	else
		DdbCheckLength(&v, name, pg_mbstrlen_with_len(name, name_len), 1, 1024, "tableName");
	if (!DdbGetString(root, "BackupName", &backup_name, &backup_name_len))
		DdbViolationAdd(&v, NULL, "backupName", "Member must not be null");
	else
	{
		DdbCheckNamePattern(&v, backup_name, "backupName");
		DdbCheckLength(&v, backup_name, pg_mbstrlen_with_len(backup_name, backup_name_len),
					   3, 255, "backupName");
	}
	DdbViolationsRaise(&v);

	table = DdbLoadTable(name, true, true);
	if (table == NULL)
	{
		char	   *plain;

		DdbRaise(DDB_EXC_TableNotFoundException, "Table not found: %s",
				 DdbParseTableArn(name, &plain) ? plain : name);
	}
	DdbCheckTableAccess(table, "CreateBackup");

	/*
	 * A table created by this very transaction is CREATING to everyone
	 * else: its relation cannot be read by a worker until it commits.
	 */
	if (strcmp(table->table_status, "CREATING") == 0 ||
		DdbTableCreatedByThisTransaction(table->table_id))
		DdbRaise(DDB_EXC_ContinuousBackupsUnavailableException,
				 "Backups are being enabled for the table: %s. Please retry later",
				 table->table_name);
	if (strcmp(table->table_status, "DELETING") == 0)
		DdbRaise(DDB_EXC_TableInUseException, "Table is being deleted: %s",
				 table->table_name);
	if (!OidIsValid(table->relid))
		elog(ERROR, "the item relation of table \"%s\" is missing", table->table_name);

	memset(&b, 0, sizeof(b));
	b.backup_name = backup_name;
	b.backup_type = "USER";
	b.creation_time = RequestTime();
	b.backup_arn = psprintf("%s/backup/%s", table->table_arn, BackupId(b.creation_time));
	b.table_id = table->table_id;
	b.table_name = table->table_name;
	b.table_arn = table->table_arn;
	b.source_table_details = SourceTableDetails(table);
	b.source_table_features = SourceTableFeatures(table);
	b.table_definition = TableDefinition(table);
	b.owner_role = GetUserNameFromId(GetUserId(), false);

	StartWorker(&b, table);
	DdbAuditNoteBackupArn(b.backup_arn);

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutJsonb(&js, "BackupDetails", DdbBackupDetails(&b, NULL));
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}
