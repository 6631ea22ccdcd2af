/*-------------------------------------------------------------------------
 *
 * ddb_backup_worker.c
 *	  The backup worker: copies the items of one snapshot into chunks.
 *
 * One dynamic background worker per backup (BGW_NEVER_RESTART, started
 * after recovery, no shared_preload_libraries needed).  It connects to the
 * database as the bootstrap superuser -- in PostgreSQL 15 a background
 * worker cannot log in as a NOLOGIN role, and the requesting role may be
 * one -- and reads the table as the requesting role, under
 * SECURITY_RESTRICTED_OPERATION.  Its life, in one transaction:
 *
 *	1. Attach the hand-off segment, adopt the requester's snapshot
 *	   (RestoreTransactionSnapshot with the requester's PGPROC, which must
 *	   still hold the snapshot's xmin: it does, since it waits for us) and
 *	   register it, take the backup's advisory lock (the liveness signal,
 *	   ddb_backup_catalog.c) and an ACCESS SHARE lock on the item relation
 *	   (which conflicts only with DROP, TRUNCATE and ALTER); then tell the
 *	   requester.  If the relation lock is not free at once, the requester
 *	   is told anyway and the worker waits for the lock afterwards, so that
 *	   a queued DROP can never deadlock against a requester that waits for
 *	   the worker on its latch.  The transaction itself runs in READ
 *	   COMMITTED: the catalog work below must see the requester's row once
 *	   it is committed, while the copy reads through the registered
 *	   snapshot.
 *
 *	2. Lower its scheduling priority (ddbtable.backup_worker_nice), so
 *	   that the table's readers and writers come first, and scan the item
 *	   relation with that snapshot (table-AM sequential scan,
 *	   bulk-read buffer strategy, no synchronised scan so progress is
 *	   monotonic), append each row's stored column values to the current
 *	   chunk, which streams them through zstd (no detoasting but of values
 *	   that are toasted, no text formatting), and when the chunk reaches
 *	   its size, end its zstd frame and insert it.  Memory: the chunk
 *	   writer's fixed buffers and one
 *	   per-item context, reset after each item; nothing grows with the
 *	   table.  Progress goes to the segment after every chunk and every
 *	   thousand items.  After each chunk the worker looks whether the
 *	   request's (sub)transaction has aborted, and if so stops early.
 *
 *	3. Wait for the requesting transaction to end (XactLockTableWait).  If
 *	   the backup row is not there (the request rolled back), abort: no
 *	   chunk survives.  Otherwise mark the row AVAILABLE with the item
 *	   count, the source table's exact ItemCount and TableSizeBytes and the
 *	   backup size, and commit chunks and status together: a backup is
 *	   AVAILABLE exactly when all its chunks are durable.
 *
 * An ERROR before the hand-off is reported to the requester, whose request
 * fails; after it, the transaction is aborted and, once the requesting
 * transaction has ended, the row is marked FAILED with the error message.
 * A FATAL exit (SIGTERM) or a crash leaves the row CREATING with the
 * advisory lock free: it is reported and recorded FAILED by the next
 * backup operation (ddb_backup_catalog.c).
 *
 * IDENTIFICATION
 *	  src/ddb_backup_worker.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <malloc.h>
#include <sys/resource.h>

#include "access/heapam.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "storage/dsm.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/lmgr.h"
#include "storage/proc.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/wait_event.h"

#include "ddb_backup.h"
#include "ddb_chunk.h"
#include "ddb_storage.h"

/* Progress is published at least every this many items. */
#define PROGRESS_INTERVAL 1000

/* The state of one backup run. */
typedef struct BackupRun
{
	DdbBackupShared *shared;
	int64		backup_id;
	Snapshot	snapshot;
	bool		handed_off;
	DdbChunkWriter *writer;
	uint32		next_seq;
	int64		items;
	int64		item_bytes;
	int64		stored_bytes;
	MemoryContext chunk_context;	/* reset after each chunk is stored */
} BackupRun;

static void AdoptSnapshot(BackupRun *run);
static void HandOff(BackupRun *run, uint32 state, const char *error);
static void CopyItems(BackupRun *run);
static void StoreChunk(BackupRun *run);
static void PublishProgress(BackupRun *run, TableScanDesc scan, bool is_heap);
static bool RequestAborted(BackupRun *run);
static void Pause(int ms);
static void FinishBackup(BackupRun *run);
static void RecordFailure(BackupRun *run, const char *message);

/* Tell the requester how the hand-off went. */
static void
HandOff(BackupRun *run, uint32 state, const char *error)
{
	DdbBackupShared *shared = run->shared;
	PGPROC	   *requester = &ProcGlobal->allProcs[shared->requester_pgprocno];

	if (error != NULL)
		strlcpy(shared->error, error, sizeof(shared->error));
	pg_write_barrier();
	pg_atomic_write_u32(&shared->handoff, state);
	SetLatch(&requester->procLatch);
	run->handed_off = true;
}

/*
 * Adopt the requester's snapshot, take the liveness lock and the relation
 * lock, and hand off (step 1).
 */
static void
AdoptSnapshot(BackupRun *run)
{
	DdbBackupShared *shared = run->shared;
	PGPROC	   *requester = &ProcGlobal->allProcs[shared->requester_pgprocno];
	Snapshot	snapshot;
	bool		locked;

	snapshot = RestoreSnapshot(shared->snapshot);
	RestoreTransactionSnapshot(snapshot, requester);
	run->snapshot = RegisterSnapshot(snapshot);

	DdbBackupLockAsWorker(run->backup_id);
	locked = ConditionalLockRelationOid(shared->relid, AccessShareLock);
	if (locked && !SearchSysCacheExists1(RELOID, ObjectIdGetDatum(shared->relid)))
		elog(ERROR, "the item relation of the table was dropped");

	HandOff(run, DDB_HANDOFF_READY, NULL);
	if (!locked)
	{
		LockRelationOid(shared->relid, AccessShareLock);
		if (!SearchSysCacheExists1(RELOID, ObjectIdGetDatum(shared->relid)))
			elog(ERROR, "the item relation of the table was dropped");
	}
}

/* Sleep for ms milliseconds (ddbtable.backup_chunk_delay), interruptibly. */
static void
Pause(int ms)
{
	TimestampTz until = TimestampTzPlusMilliseconds(GetCurrentTimestamp(), ms);

	for (;;)
	{
		long		left = TimestampDifferenceMilliseconds(GetCurrentTimestamp(), until);

		if (left <= 0)
			break;
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 left, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}
}

/* Whether the (sub)transaction that inserted the backup row has aborted. */
static bool
RequestAborted(BackupRun *run)
{
	return TransactionIdDidAbort(run->shared->insert_xid);
}

/* Publish the progress counters. */
static void
PublishProgress(BackupRun *run, TableScanDesc scan, bool is_heap)
{
	DdbBackupShared *shared = run->shared;

	pg_atomic_write_u64(&shared->items_done, run->items);
	pg_atomic_write_u64(&shared->bytes_done, run->item_bytes);
	pg_atomic_write_u64(&shared->stored_bytes, run->stored_bytes);
	pg_atomic_write_u64(&shared->chunks_done, run->next_seq);
	if (is_heap && scan != NULL)
	{
		HeapScanDesc hscan = (HeapScanDesc) scan;

		if (BlockNumberIsValid(hscan->rs_cblock))
			pg_atomic_write_u64(&shared->blocks_done, hscan->rs_cblock + 1);
	}
}

/* Compress the current chunk and insert it. */
static void
StoreChunk(BackupRun *run)
{
	DdbChunkInfo info;
	bytea	   *chunk;
	MemoryContext old;

	if (DdbChunkWriterItemCount(run->writer) == 0)
		return;
	old = MemoryContextSwitchTo(run->chunk_context);
	chunk = DdbChunkWriterFlush(run->writer, run->next_seq, &info);
	DdbInsertBackupChunk(run->backup_id, &info, chunk);
	run->stored_bytes += VARSIZE(chunk) - VARHDRSZ;
	run->next_seq++;
	MemoryContextSwitchTo(old);
	MemoryContextReset(run->chunk_context);
}

/* The bytes of a varlena column value, detoasted if it had to be. */
static const char *
ValueBytes(Datum value, uint32 *len)
{
	struct varlena *v = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(value));

	*len = VARSIZE_ANY_EXHDR(v);
	return VARDATA_ANY(v);
}

/* Copy every item of the snapshot into chunks (step 2). */
static void
CopyItems(BackupRun *run)
{
	DdbBackupShared *shared = run->shared;
	Relation	rel;
	TableScanDesc scan;
	TupleTableSlot *slot;
	AttrNumber	hash_att;
	AttrNumber	range_att = InvalidAttrNumber;
	AttrNumber	item_att;
	AttrNumber	size_att;
	MemoryContext item_context;
	bool		is_heap;
	Oid			save_userid;
	int			save_sec_context;

	rel = table_open(shared->relid, NoLock);
	hash_att = get_attnum(shared->relid, DDB_COL_HASH_KEY);
	if (shared->range_type != '\0')
		range_att = get_attnum(shared->relid, DDB_COL_RANGE_KEY);
	item_att = get_attnum(shared->relid, DDB_COL_ITEM);
	size_att = get_attnum(shared->relid, DDB_COL_ITEM_SIZE);
	if (hash_att == InvalidAttrNumber || item_att == InvalidAttrNumber ||
		size_att == InvalidAttrNumber ||
		(shared->range_type != '\0' && range_att == InvalidAttrNumber))
		elog(ERROR, "the item relation \"%s\" lacks a column", RelationGetRelationName(rel));

	run->writer = DdbChunkWriterCreate(shared->hash_type, shared->range_type,
									   shared->chunk_size, shared->compression_level);
	run->chunk_context = AllocSetContextCreate(CurrentMemoryContext, "ddbtable backup chunk",
											   ALLOCSET_DEFAULT_SIZES);
	item_context = AllocSetContextCreate(CurrentMemoryContext, "ddbtable backup item",
										 ALLOCSET_DEFAULT_SIZES);
	pg_atomic_write_u32(&shared->phase, DDB_PHASE_COPYING);

	/* read as the requesting role */
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(shared->role_id,
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);

	scan = table_beginscan_strat(rel, run->snapshot, 0, NULL, true, false);
	is_heap = (rel->rd_tableam == GetHeapamTableAmRoutine());
	if (is_heap)
		pg_atomic_write_u64(&shared->blocks_total, ((HeapScanDesc) scan)->rs_nblocks);
	slot = table_slot_create(rel, NULL);

	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		DdbChunkRecord record;
		MemoryContext old;
		bool		isnull;
		Datum		value;

		CHECK_FOR_INTERRUPTS();
		old = MemoryContextSwitchTo(item_context);
		slot_getallattrs(slot);
		memset(&record, 0, sizeof(record));
		value = slot_getattr(slot, hash_att, &isnull);
		record.hash_key = ValueBytes(value, &record.hash_key_len);
		if (range_att != InvalidAttrNumber)
		{
			value = slot_getattr(slot, range_att, &isnull);
			record.range_key = ValueBytes(value, &record.range_key_len);
		}
		record.item_size = DatumGetInt32(slot_getattr(slot, size_att, &isnull));
		value = slot_getattr(slot, item_att, &isnull);
		record.item = ValueBytes(value, &record.item_len);
		DdbChunkWriterAdd(run->writer, &record);
		MemoryContextSwitchTo(old);
		MemoryContextReset(item_context);

		run->items++;
		run->item_bytes += record.item_size;

		if (DdbChunkWriterFull(run->writer))
		{
			SetUserIdAndSecContext(save_userid, save_sec_context);
			StoreChunk(run);
			PublishProgress(run, scan, is_heap);
			if (RequestAborted(run))
				break;
			if (shared->chunk_delay_ms > 0)
				Pause(shared->chunk_delay_ms);
			SetUserIdAndSecContext(shared->role_id,
								   save_sec_context | SECURITY_LOCAL_USERID_CHANGE |
								   SECURITY_RESTRICTED_OPERATION);
		}
		else if (run->items % PROGRESS_INTERVAL == 0)
			PublishProgress(run, scan, is_heap);
	}

	ExecDropSingleTupleTableSlot(slot);
	table_endscan(scan);
	SetUserIdAndSecContext(save_userid, save_sec_context);
	UnregisterSnapshot(run->snapshot);
	run->snapshot = NULL;

	if (!RequestAborted(run))
	{
		StoreChunk(run);
		if (is_heap)
			pg_atomic_write_u64(&shared->blocks_done,
								pg_atomic_read_u64(&shared->blocks_total));
		PublishProgress(run, NULL, is_heap);
		/* every item is copied: what is left is the commit */
		pg_atomic_write_u32(&shared->phase, DDB_PHASE_WAITING);
		if (shared->chunk_delay_ms > 0)
			Pause(shared->chunk_delay_ms);
	}
	DdbChunkWriterFree(run->writer);
	run->writer = NULL;
	MemoryContextDelete(item_context);
	table_close(rel, NoLock);
}

/*
 * Wait for the requesting transaction and commit the backup, or nothing
 * if the request rolled back (step 3).
 */
static void
FinishBackup(BackupRun *run)
{
	DdbBackupShared *shared = run->shared;
	DdbBackupDef *row;

	pg_atomic_write_u32(&shared->phase, DDB_PHASE_WAITING);
	pgstat_report_activity(STATE_RUNNING, "waiting for the backup request to commit");
	XactLockTableWait(shared->requester_xid, NULL, NULL, XLTW_None);

	pg_atomic_write_u32(&shared->phase, DDB_PHASE_FINISHING);
	PushActiveSnapshot(GetTransactionSnapshot());
	row = RequestAborted(run) ? NULL : DdbLoadBackupById(run->backup_id, true);
	if (row == NULL || strcmp(row->status, DDB_BACKUP_CREATING) != 0)
	{
		/* the request rolled back (or the row was judged failed): keep nothing */
		PopActiveSnapshot();
		AbortCurrentTransaction();
		elog(DEBUG1, "backup \"%s\": the request was rolled back, nothing kept",
			 shared->backup_arn);
		return;
	}
	DdbCompleteBackup(run->backup_id, run->items, run->item_bytes, run->stored_bytes,
					  (int32) run->next_seq);
	PopActiveSnapshot();
	CommitTransactionCommand();
	pg_atomic_write_u32(&shared->phase, DDB_PHASE_DONE);
}

/*
 * After an ERROR past the hand-off: wait for the requesting transaction,
 * then record the failure if the backup row exists.
 */
static void
RecordFailure(BackupRun *run, const char *message)
{
	DdbBackupDef *row;

	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	XactLockTableWait(run->shared->requester_xid, NULL, NULL, XLTW_None);
	PushActiveSnapshot(GetTransactionSnapshot());
	row = DdbLoadBackupById(run->backup_id, true);
	if (row != NULL && strcmp(row->status, DDB_BACKUP_CREATING) == 0)
		DdbFailBackup(run->backup_id, message);
	PopActiveSnapshot();
	CommitTransactionCommand();
}

/*
 * The entry point of the backup worker.  main_arg is the handle of the
 * hand-off segment; bgw_extra holds the database and role OIDs and the
 * backup id.
 */
void
DdbBackupWorkerMain(Datum main_arg)
{
	dsm_segment *seg;
	BackupRun	run;
	MemoryContext worker_context;
	DdbBackupWorkerExtra extra;

	pqsignal(SIGTERM, die);
	pqsignal(SIGINT, StatementCancelHandler);
	BackgroundWorkerUnblockSignals();

	memcpy(&extra, MyBgworkerEntry->bgw_extra, sizeof(extra));
	BackgroundWorkerInitializeConnectionByOid(extra.database_id, InvalidOid, 0);

	seg = dsm_attach(DatumGetUInt32(main_arg));
	if (seg == NULL)
		return;					/* the request is gone already */
	memset(&run, 0, sizeof(run));
	run.shared = dsm_segment_address(seg);
	run.backup_id = extra.backup_id;
	if (run.shared->magic != DDB_BACKUP_SHARED_MAGIC ||
		run.shared->backup_id != extra.backup_id)
		elog(ERROR, "invalid hand-off segment for backup %lld", (long long) extra.backup_id);
	pg_atomic_write_u32(&run.shared->worker_pid, MyProcPid);

	/*
	 * Chunks are a few MB: keep glibc from returning every such block to
	 * the kernel and faulting it in again for the next chunk.  Memory use
	 * stays bounded by the largest chunk.
	 */
	(void) mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
	(void) mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);

	worker_context = AllocSetContextCreate(TopMemoryContext, "ddbtable backup worker",
										   ALLOCSET_DEFAULT_SIZES);
	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	pgstat_report_activity(STATE_RUNNING, psprintf("backing up to %s", run.shared->backup_arn));

	PG_TRY();
	{
		AdoptSnapshot(&run);

		/*
		 * The request has its answer: from now on, leave the CPU to the
		 * table's readers and writers first (ddbtable.backup_worker_nice).
		 */
		if (run.shared->worker_nice > 0)
			(void) setpriority(PRIO_PROCESS, 0, run.shared->worker_nice);
		CopyItems(&run);
		FinishBackup(&run);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(worker_context);
		edata = CopyErrorData();
		FlushErrorState();
		AbortOutOfAnyTransaction();
		if (!run.handed_off)
		{
			HandOff(&run, DDB_HANDOFF_FAILED, edata->message);
			ereport(LOG,
					errmsg("backup \"%s\" could not start: %s", run.shared->backup_arn,
						   edata->message));
		}
		else
		{
			ereport(LOG,
					errmsg("backup \"%s\" failed: %s", run.shared->backup_arn,
						   edata->message));
			RecordFailure(&run, edata->message);
		}
	}
	PG_END_TRY();

	pgstat_report_activity(STATE_IDLE, NULL);
	dsm_detach(seg);
}
