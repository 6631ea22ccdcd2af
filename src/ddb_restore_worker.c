/*-------------------------------------------------------------------------
 *
 * ddb_restore_worker.c
 *	  The restore worker: loads a backup's items into the target table,
 *	  builds its indexes and makes it ACTIVE.
 *
 * One dynamic background worker per restore (BGW_NEVER_RESTART, started
 * after recovery, no shared_preload_libraries needed).  It connects as the
 * bootstrap superuser -- a PostgreSQL 15 background worker cannot log in
 * as a NOLOGIN role -- and writes its audit records as the requesting
 * role.  It takes the restore's liveness lock first (ddb_restore_catalog.c)
 * and leaves at once if another worker of the same restore holds it; then
 * it waits for the request's transaction to end, and does nothing if the
 * request rolled back (no restore row).
 *
 * Phase 1, one transaction, ending with the table ACTIVE:
 *
 *	- For the item relation and each LSI relation, create a transient heap
 *	  like it (make_new_heap, as CLUSTER and REFRESH MATERIALIZED VIEW do),
 *	  without indexes, holding an EXCLUSIVE lock on the real relation: it
 *	  blocks writes but not DescribeTable, ListTables or plain SELECTs,
 *	  which see the table CREATING and empty.
 *	- Read the backup's chunks in order (index scan of backup_chunks); for
 *	  each, check the header and its CRC, check it against its catalog row,
 *	  check the payload CRC and decompress (ddb_chunk.h); turn each record
 *	  into an item-relation tuple straight from its binary datums, and into
 *	  the entry of each LSI (DdbBuildIndexEntry); bulk-load them the way
 *	  COPY does: table_multi_insert with a BulkInsertState, in batches of at
 *	  most LOAD_BATCH_TUPLES tuples or LOAD_BATCH_BYTES bytes, each batch
 *	  in its own memory context.  The tuples are inserted frozen and the
 *	  free space map is skipped, as COPY FREEZE into a table created in the
 *	  same transaction does; with wal_level=minimal PostgreSQL then writes
 *	  no WAL for them (the heap is synced at commit).
 *	- Check the counts against the backup's row, lock the real relations
 *	  ACCESS EXCLUSIVE (briefly: the swap and the key builds), swap each
 *	  transient heap into its relation and build its indexes -- the primary
 *	  key, the LSIs' keys -- from the loaded heap (finish_heap_swap, which
 *	  reindexes, as COPY followed by CREATE INDEX would); set the table
 *	  ACTIVE with RestoreInProgress false; record the restore as
 *	  BUILDING_INDEXES (or COMPLETED without GSIs).  Commit.
 *
 * Phase 2, one transaction, only with GSIs: lock the catalog row, take a
 * SHARE lock on the item relation (writes wait until the GSIs are built;
 * reads go on), scan the items with a snapshot taken after the lock, fill
 * a transient heap per GSI, swap and index them as above, set every GSI
 * ACTIVE and record COMPLETED.
 *
 * Progress: while it loads, the worker reports as COPY FROM into the item
 * relation does (pg_stat_progress_copy: items and DynamoDB bytes loaded,
 * against the backup's TableSizeBytes); its pg_stat_activity query text
 * names the table, the backup and the chunk.
 *
 * Memory: the current chunk (compressed and raw), one batch per target
 * relation and one record's datums; nothing grows with the table.  The
 * index builds sort with ddbtable.restore_work_mem (the worker's
 * maintenance_work_mem), a fixed budget rather than one that grows with
 * the table up to maintenance_work_mem.  The peak of the worker's memory
 * contexts outside the index builds is recorded
 * (ddb_restores.peak_memory_bytes).
 *
 * Failures.  A crash, SIGKILL or SIGTERM (or shutdown) aborts the running
 * transaction: nothing of the phase survives but uncommitted storage, and
 * the restore stays LOADING or BUILDING_INDEXES for the next look to
 * resume (ddb_restore.h).  A deadlock or serialization failure is retried
 * up to three times.  Any other error -- a damaged or missing chunk, a
 * deleted backup, a cancel request (pg_cancel_backend) -- fails the
 * restore: in phase 1 the target table is removed; in phase 2 the GSIs
 * that could not be built are removed from the table, which stays ACTIVE;
 * the restore is recorded FAILED with a reason naming the backup (and the
 * chunk), which ddb_restores and ddb_wait_for_restore() report.  A restore
 * interrupted DDB_RESTORE_MAX_ATTEMPTS times is failed likewise.
 *
 * IDENTIFICATION
 *	  src/ddb_restore_worker.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/multixact.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/cluster.h"
#include "commands/progress.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/lmgr.h"
#include "storage/proc.h"
#include "tcop/tcopprot.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/wait_event.h"

#include "ddb_audit.h"
#include "ddb_backup.h"
#include "ddb_catalog.h"
#include "ddb_chunk.h"
#include "ddb_json.h"
#include "ddb_restore.h"
#include "ddb_storage.h"

/* A batch is inserted at this many tuples or bytes, as COPY does. */
#define LOAD_BATCH_TUPLES	1000
#define LOAD_BATCH_BYTES	(1024 * 1024)

/* Inserts into a heap created in the same transaction, as COPY FREEZE. */
#define LOAD_INSERT_OPTIONS (TABLE_INSERT_SKIP_FSM | TABLE_INSERT_FROZEN)

/* How often a deadlock or serialization failure is retried. */
#define MAX_TRANSIENT_RETRIES 3

/* How long to try for the swap lock without queueing (10 ms steps). */
#define SWAP_LOCK_TRIES 500

/* Bulk loading into the transient heap of one relation. */
typedef struct Loader
{
	Oid			old_relid;		/* the relation being restored */
	Oid			new_relid;		/* its transient heap */
	char		relpersistence;
	Relation	rel;			/* the transient heap */
	TupleDesc	desc;
	Datum	   *values;
	bool	   *nulls;
	TupleTableSlot **slots;
	int			used;
	Size		bytes;
	BulkInsertState bistate;
	CommandId	cid;
	MemoryContext batch_context;	/* the formed tuples of the batch */
	AttrNumber	att_index_hash;
	AttrNumber	att_index_range;
	AttrNumber	att_hash;
	AttrNumber	att_range;
	AttrNumber	att_item;
	AttrNumber	att_size;
	DdbIndexDef *index;			/* NULL for the item relation */
} Loader;

/* The state of one worker run. */
typedef struct RestoreRun
{
	int64		restore_id;
	MemoryContext run_context;	/* lives for the whole run */
	DdbRestoreDef *restore;		/* in run_context */
	Oid			role_id;
	int64		items;
	int64		item_bytes;
	int32		chunk_count;
	int32		current_chunk;	/* -1 outside the chunk loop */
	Size		peak_memory;
	bool		attempt_counted;
} RestoreRun;

static void NoteMemory(RestoreRun *run);
static void Pause(int ms);
static void StartLoader(Loader *l, Oid old_relid, DdbIndexDef *index, MemoryContext mcxt);
static void LoaderAddTuple(Loader *l);
static void LoaderFlush(Loader *l);
static void LoaderFinish(Loader *l);
static void LoaderAddEntry(Loader *l, DdbIndexEntry *entry, bool table_range);
static void LockForSwap(Oid relid);
static void SwapIn(Loader *l);
static Jsonb *SummaryDone(Jsonb *summary);
static DdbTableDef *LoadTarget(RestoreRun *run, bool for_update);
static void LoadChunks(RestoreRun *run, DdbTableDef *table, DdbBackupDef *backup,
					   Loader *items, List *lsi_loaders);
static bool LoadPhase(RestoreRun *run);
static void IndexPhase(RestoreRun *run);
static bool RunRestore(RestoreRun *run);
static char *FailureReason(RestoreRun *run, ErrorData *edata);
static void FailRestore(RestoreRun *run, const char *reason);
static void Audit(RestoreRun *run, const char *outcome, const char *message);

/* Keep the peak of the worker's memory contexts. */
static void
NoteMemory(RestoreRun *run)
{
	Size		now = MemoryContextMemAllocated(TopMemoryContext, true);

	if (now > run->peak_memory)
		run->peak_memory = now;
}

/* Sleep (ddbtable.restore_chunk_delay), waking for interrupts. */
static void
Pause(int ms)
{
	(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
					 ms, PG_WAIT_EXTENSION);
	ResetLatch(MyLatch);
	CHECK_FOR_INTERRUPTS();
}

/*
 * Create the transient heap of a relation (holding EXCLUSIVE on the
 * relation) and get ready to load it.  index is NULL for the item
 * relation.
 */
static void
StartLoader(Loader *l, Oid old_relid, DdbIndexDef *index, MemoryContext mcxt)
{
	Relation	old;
	Oid			tablespace;
	Oid			am;
	MemoryContext saved = MemoryContextSwitchTo(mcxt);

	memset(l, 0, sizeof(Loader));
	l->old_relid = old_relid;
	l->index = index;
	old = table_open(old_relid, ExclusiveLock);
	tablespace = old->rd_rel->reltablespace;
	am = old->rd_rel->relam;
	l->relpersistence = old->rd_rel->relpersistence;
	table_close(old, NoLock);

	l->new_relid = make_new_heap(old_relid, tablespace, am, l->relpersistence, ExclusiveLock);
	l->rel = table_open(l->new_relid, AccessExclusiveLock);
	l->desc = RelationGetDescr(l->rel);
	l->values = palloc0(sizeof(Datum) * l->desc->natts);
	l->nulls = palloc0(sizeof(bool) * l->desc->natts);
	l->slots = palloc0(sizeof(TupleTableSlot *) * LOAD_BATCH_TUPLES);
	for (int i = 0; i < LOAD_BATCH_TUPLES; i++)
		l->slots[i] = MakeSingleTupleTableSlot(l->desc, &TTSOpsHeapTuple);
	l->bistate = GetBulkInsertState();
	l->cid = GetCurrentCommandId(true);
	l->batch_context = AllocSetContextCreate(mcxt, "ddbtable restore batch",
											 ALLOCSET_DEFAULT_SIZES);
	l->att_hash = get_attnum(l->new_relid, DDB_COL_HASH_KEY);
	l->att_range = get_attnum(l->new_relid, DDB_COL_RANGE_KEY);
	l->att_item = get_attnum(l->new_relid, DDB_COL_ITEM);
	l->att_size = get_attnum(l->new_relid, DDB_COL_ITEM_SIZE);
	if (index != NULL)
	{
		l->att_index_hash = get_attnum(l->new_relid, DDB_COL_INDEX_HASH);
		l->att_index_range = get_attnum(l->new_relid, DDB_COL_INDEX_RANGE);
		if (l->att_index_hash == InvalidAttrNumber ||
			(index->range_key.name != NULL && l->att_index_range == InvalidAttrNumber))
			elog(ERROR, "index relation \"%s\" lacks a key column", get_rel_name(old_relid));
	}
	if (l->att_hash == InvalidAttrNumber || l->att_item == InvalidAttrNumber ||
		l->att_size == InvalidAttrNumber)
		elog(ERROR, "relation \"%s\" lacks a column", get_rel_name(old_relid));
	for (int i = 0; i < l->desc->natts; i++)
		l->nulls[i] = true;
	MemoryContextSwitchTo(saved);
}

/* Add the tuple of l->values and l->nulls to the batch. */
static void
LoaderAddTuple(Loader *l)
{
	MemoryContext saved = MemoryContextSwitchTo(l->batch_context);
	HeapTuple	tuple = heap_form_tuple(l->desc, l->values, l->nulls);

	MemoryContextSwitchTo(saved);
	/* the slot owns the tuple: table_multi_insert then needs no copy of it */
	ExecStoreHeapTuple(tuple, l->slots[l->used++], true);
	l->bytes += tuple->t_len;
	if (l->used >= LOAD_BATCH_TUPLES || l->bytes >= LOAD_BATCH_BYTES)
		LoaderFlush(l);
}

/* Insert the batch (table_multi_insert) and start a new one. */
static void
LoaderFlush(Loader *l)
{
	MemoryContext saved;

	if (l->used == 0)
		return;
	saved = MemoryContextSwitchTo(l->batch_context);
	table_multi_insert(l->rel, l->slots, l->used, l->cid, LOAD_INSERT_OPTIONS, l->bistate);
	MemoryContextSwitchTo(saved);
	/* free the tuples (they are in batch_context) before it is reset */
	for (int i = 0; i < l->used; i++)
		ExecClearTuple(l->slots[i]);
	l->used = 0;
	l->bytes = 0;
	MemoryContextReset(l->batch_context);
}

/* Insert what is left and end the bulk load (the heap stays open). */
static void
LoaderFinish(Loader *l)
{
	LoaderFlush(l);
	table_finish_bulk_insert(l->rel, LOAD_INSERT_OPTIONS);
	FreeBulkInsertState(l->bistate);
	l->bistate = NULL;
	for (int i = 0; i < LOAD_BATCH_TUPLES; i++)
		ExecDropSingleTupleTableSlot(l->slots[i]);
	table_close(l->rel, NoLock);
	l->rel = NULL;
	MemoryContextDelete(l->batch_context);
}

/* Add one index entry to an index relation's batch. */
static void
LoaderAddEntry(Loader *l, DdbIndexEntry *entry, bool table_range)
{
	l->values[l->att_index_hash - 1] = entry->index_hash;
	l->nulls[l->att_index_hash - 1] = false;
	if (l->index->range_key.name != NULL)
	{
		l->values[l->att_index_range - 1] = entry->index_range;
		l->nulls[l->att_index_range - 1] = false;
	}
	l->values[l->att_hash - 1] = entry->hash_key;
	l->nulls[l->att_hash - 1] = false;
	if (table_range)
	{
		l->values[l->att_range - 1] = entry->range_key;
		l->nulls[l->att_range - 1] = false;
	}
	l->values[l->att_item - 1] = JsonbPGetDatum(entry->item);
	l->nulls[l->att_item - 1] = false;
	l->values[l->att_size - 1] = Int32GetDatum(entry->item_size);
	l->nulls[l->att_size - 1] = false;
	LoaderAddTuple(l);
}

/*
 * Take ACCESS EXCLUSIVE on a relation for the swap.  Try without queueing
 * first, so that DescribeTable calls are not held up behind a wait for a
 * long-running reader; queue after a few seconds.
 */
static void
LockForSwap(Oid relid)
{
	for (int i = 0; i < SWAP_LOCK_TRIES; i++)
	{
		if (ConditionalLockRelationOid(relid, AccessExclusiveLock))
			return;
		Pause(10);
	}
	LockRelationOid(relid, AccessExclusiveLock);
}

/*
 * Swap the loaded transient heap into its relation and build the
 * relation's indexes from it; the transient heap is dropped.
 */
static void
SwapIn(Loader *l)
{
	LockForSwap(l->old_relid);
	finish_heap_swap(l->old_relid, l->new_relid, false, false, false, true,
					 RecentXmin, ReadNextMultiXactId(), l->relpersistence);
}

/* A copy of a RestoreSummary with RestoreInProgress false. */
static Jsonb *
SummaryDone(Jsonb *summary)
{
	DdbJson		js;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	char	   *key = NULL;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	if (summary != NULL && JB_ROOT_IS_OBJECT(summary))
	{
		it = JsonbIteratorInit(&summary->root);
		while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		{
			if (tok == WJB_KEY)
				key = pnstrdup(v.val.string.val, v.val.string.len);
			else if (tok == WJB_VALUE && strcmp(key, "RestoreInProgress") != 0)
			{
				if (v.type == jbvString)
					DdbJsonPutStringLen(&js, key, v.val.string.val, v.val.string.len);
				else if (v.type == jbvNumeric)
					DdbJsonPutNumeric(&js, key, v.val.numeric);
				else if (v.type == jbvBool)
					DdbJsonPutBool(&js, key, v.val.boolean);
				else if (v.type == jbvBinary)
					DdbJsonPutJsonb(&js, key, JsonbValueToJsonb(&v));
			}
		}
	}
	DdbJsonPutBool(&js, "RestoreInProgress", false);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/*
 * The target table of the restore, or an ERROR if it is gone or is
 * another table of the same name.
 */
static DdbTableDef *
LoadTarget(RestoreRun *run, bool for_update)
{
	DdbTableDef *table = DdbLoadTable(run->restore->table_name, for_update, true);

	if (table == NULL || strcmp(table->table_id, run->restore->table_id) != 0)
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_TABLE),
				errmsg("the target table \"%s\" of the restore no longer exists",
					   run->restore->table_name));
	if (!OidIsValid(table->relid))
		elog(ERROR, "the item relation of table \"%s\" is missing", table->table_name);
	return table;
}

/*
 * Read every chunk of the backup in order and load its items into the
 * item relation and its LSI entries into the LSI relations.
 */
static void
LoadChunks(RestoreRun *run, DdbTableDef *table, DdbBackupDef *backup, Loader *items,
		   List *lsi_loaders)
{
	Oid			chunks_relid;
	Relation	chunks;
	TupleDesc	desc;
	AttrNumber	att_seq,
				att_count,
				att_raw,
				att_checksum,
				att_payload;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tuple;
	MemoryContext chunk_context;
	MemoryContext record_context;
	MemoryContext saved;
	char		range_type = table->range_key.name != NULL ? table->range_key.type : '\0';
	bool		table_range = table->range_key.name != NULL;
	uint32		expected = 0;

	chunks_relid = get_relname_relid("backup_chunks", get_namespace_oid(DDB_CATALOG_SCHEMA, false));
	if (!OidIsValid(chunks_relid))
		elog(ERROR, "the backup chunk catalog is missing");
	chunks = table_open(chunks_relid, AccessShareLock);
	desc = RelationGetDescr(chunks);
	att_seq = get_attnum(chunks_relid, "seq");
	att_count = get_attnum(chunks_relid, "item_count");
	att_raw = get_attnum(chunks_relid, "raw_length");
	att_checksum = get_attnum(chunks_relid, "checksum");
	att_payload = get_attnum(chunks_relid, "payload");

	chunk_context = AllocSetContextCreate(CurrentMemoryContext, "ddbtable restore chunk",
										  ALLOCSET_DEFAULT_SIZES);
	record_context = AllocSetContextCreate(CurrentMemoryContext, "ddbtable restore item",
										   ALLOCSET_DEFAULT_SIZES);

	/* progress, as COPY FROM reports it: pg_stat_progress_copy */
	pgstat_progress_start_command(PROGRESS_COMMAND_COPY, table->relid);
	{
		const int	index[] = {PROGRESS_COPY_COMMAND, PROGRESS_COPY_TYPE,
		PROGRESS_COPY_BYTES_TOTAL};
		const int64 value[] = {PROGRESS_COPY_COMMAND_FROM, PROGRESS_COPY_TYPE_CALLBACK,
		backup->table_size_bytes};

		pgstat_progress_update_multi_param(3, index, value);
	}

	/* the primary key (backup_id, seq) gives the chunks in order */
	ScanKeyInit(&key, 1, BTEqualStrategyNumber, F_INT8EQ, Int64GetDatum(backup->backup_id));
	scan = systable_beginscan(chunks, RelationGetPrimaryKeyIndex(chunks), true,
							  GetActiveSnapshot(), 1, &key);
	while (HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		bool		isnull;
		uint32		seq;
		bytea	   *payload;
		DdbChunkInfo info;
		char	   *raw;
		DdbChunkReader reader;
		DdbChunkRecord record;

		run->current_chunk = (int32) expected;
		pgstat_report_activity(STATE_RUNNING,
							   psprintf("restoring table %s from backup %s: chunk %u of %d",
										table->table_name, backup->backup_arn, expected,
										backup->chunk_count));
		saved = MemoryContextSwitchTo(chunk_context);
		seq = (uint32) DatumGetInt32(heap_getattr(tuple, att_seq, desc, &isnull));
		if (seq != expected)
			ereport(ERROR,
					errcode(ERRCODE_DATA_CORRUPTED),
					errmsg("backup chunk %u is missing", expected),
					errdetail("The next chunk stored is chunk %u.", seq));
		payload = DatumGetByteaPP(heap_getattr(tuple, att_payload, desc, &isnull));
		DdbChunkParseHeader(VARDATA_ANY(payload), VARSIZE_ANY_EXHDR(payload), seq, &info);
		if (info.item_count != (uint32) DatumGetInt32(heap_getattr(tuple, att_count, desc, &isnull)) ||
			info.raw_length != (uint32) DatumGetInt32(heap_getattr(tuple, att_raw, desc, &isnull)) ||
			info.payload_crc != (uint32) DatumGetInt64(heap_getattr(tuple, att_checksum, desc, &isnull)))
			ereport(ERROR,
					errcode(ERRCODE_DATA_CORRUPTED),
					errmsg("backup chunk %u is corrupted", seq),
					errdetail("Its header disagrees with its catalog row."));
		if (info.hash_type != table->hash_key.type || info.range_type != range_type)
			ereport(ERROR,
					errcode(ERRCODE_DATA_CORRUPTED),
					errmsg("backup chunk %u is corrupted", seq),
					errdetail("Its key types disagree with the table's key schema."));
		raw = DdbChunkDecompress(VARDATA_ANY(payload), VARSIZE_ANY_EXHDR(payload), &info);
		DdbChunkReaderInit(&reader, raw, &info);

		while (DdbChunkReaderNext(&reader, &record))
		{
			Datum		item;
			ListCell   *lc;

			CHECK_FOR_INTERRUPTS();
			MemoryContextSwitchTo(record_context);

			/* the item relation's row, from the record's binary datums */
			items->values[items->att_hash - 1] =
				DdbChunkVarlenaDatum(record.hash_key, record.hash_key_len);
			items->nulls[items->att_hash - 1] = false;
			if (table_range)
			{
				items->values[items->att_range - 1] =
					DdbChunkVarlenaDatum(record.range_key, record.range_key_len);
				items->nulls[items->att_range - 1] = false;
			}
			item = DdbChunkVarlenaDatum(record.item, record.item_len);
			items->values[items->att_item - 1] = item;
			items->nulls[items->att_item - 1] = false;
			items->values[items->att_size - 1] = Int32GetDatum(record.item_size);
			items->nulls[items->att_size - 1] = false;
			LoaderAddTuple(items);

			/* its LSI entries */
			foreach(lc, lsi_loaders)
			{
				Loader	   *l = lfirst(lc);
				DdbIndexEntry entry;

				if (DdbBuildIndexEntry(table, l->index, DatumGetJsonbP(item), &entry))
					LoaderAddEntry(l, &entry, table_range);
			}

			run->items++;
			run->item_bytes += record.item_size;
			MemoryContextSwitchTo(chunk_context);
			MemoryContextReset(record_context);
		}
		NoteMemory(run);
		{
			const int	index[] = {PROGRESS_COPY_TUPLES_PROCESSED, PROGRESS_COPY_BYTES_PROCESSED};
			const int64 value[] = {run->items, run->item_bytes};

			pgstat_progress_update_multi_param(2, index, value);
		}
		MemoryContextSwitchTo(saved);
		MemoryContextReset(chunk_context);
		expected++;
		if (run->restore->chunk_delay_ms > 0)
			Pause(run->restore->chunk_delay_ms);
	}
	systable_endscan(scan);
	table_close(chunks, AccessShareLock);
	MemoryContextDelete(record_context);
	MemoryContextDelete(chunk_context);
	run->current_chunk = -1;
	/* before the key builds, which report progress of their own */
	pgstat_progress_end_command();

	if ((int32) expected != backup->chunk_count || run->items != backup->item_count)
		ereport(ERROR,
				errcode(ERRCODE_DATA_CORRUPTED),
				errmsg("backup \"%s\" is incomplete", backup->backup_arn),
				errdetail("It has %u chunks and %lld items; its catalog row says %d and %lld.",
						  expected, (long long) run->items, backup->chunk_count,
						  (long long) backup->item_count));
}

/*
 * Phase 1: load the items and the LSIs, build the keys, make the table
 * ACTIVE.  Returns whether GSIs remain to be built.
 */
static bool
LoadPhase(RestoreRun *run)
{
	DdbTableDef *table;
	DdbBackupDef *backup;
	Loader		items;
	List	   *lsi_loaders = NIL;
	ListCell   *lc;
	bool		gsis = false;
	TimestampTz started = GetCurrentTimestamp();
	TimestampTz loaded;
	long		secs;
	int			usecs;

	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	PushActiveSnapshot(GetTransactionSnapshot());
	run->items = 0;
	run->item_bytes = 0;

	backup = DdbLoadBackupById(run->restore->backup_id, false);
	if (backup == NULL || strcmp(backup->status, DDB_BACKUP_AVAILABLE) != 0)
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_OBJECT),
				errmsg("backup \"%s\" is no longer available", run->restore->backup_arn));
	run->chunk_count = backup->chunk_count;
	table = LoadTarget(run, false);
	if (strcmp(table->table_status, "CREATING") != 0)
		elog(ERROR, "the target table \"%s\" is %s, not CREATING",
			 table->table_name, table->table_status);

	/* transient heaps for the item relation and the LSI relations */
	StartLoader(&items, table->relid, NULL, CurrentMemoryContext);
	foreach(lc, table->indexes)
	{
		DdbIndexDef *ix = lfirst(lc);

		if (ix->is_global)
		{
			gsis = true;
			continue;
		}
		if (!OidIsValid(ix->relid))
			elog(ERROR, "the relation of index \"%s\" is missing", ix->index_name);
		lsi_loaders = lappend(lsi_loaders, palloc(sizeof(Loader)));
		StartLoader(llast(lsi_loaders), ix->relid, ix, CurrentMemoryContext);
	}

	LoadChunks(run, table, backup, &items, lsi_loaders);
	LoaderFinish(&items);
	foreach(lc, lsi_loaders)
		LoaderFinish((Loader *) lfirst(lc));
	loaded = GetCurrentTimestamp();

	/* swap in and build the keys; then the table is ACTIVE */
	pgstat_report_activity(STATE_RUNNING,
						   psprintf("restoring table %s: building the primary key and the LSIs",
									table->table_name));
	table = LoadTarget(run, true);
	SwapIn(&items);
	foreach(lc, lsi_loaders)
		SwapIn((Loader *) lfirst(lc));
	table->table_status = "ACTIVE";
	table->restore_summary = SummaryDone(table->restore_summary);
	DdbSaveTable(table);
	DdbRestoreMarkActive(run->restore_id, gsis, run->items, run->item_bytes,
						 (int64) run->peak_memory);
	if (!gsis)
		Audit(run, "RestoreCompleted", NULL);

	TimestampDifference(started, GetCurrentTimestamp(), &secs, &usecs);
	ereport(LOG,
			errmsg("restore of table \"%s\" from backup \"%s\": %lld items loaded and ACTIVE in %ld.%03d s (keys built in %.3f s), peak memory %zu kB",
				   table->table_name, backup->backup_arn, (long long) run->items,
				   secs, usecs / 1000,
				   (double) (GetCurrentTimestamp() - loaded) / 1000000.0,
				   run->peak_memory / 1024));
	PopActiveSnapshot();
	CommitTransactionCommand();
	return gsis;
}

/* Phase 2: build the GSIs and make them ACTIVE. */
static void
IndexPhase(RestoreRun *run)
{
	DdbTableDef *table;
	List	   *loaders = NIL;
	ListCell   *lc;
	Relation	rel;
	TableScanDesc scan;
	TupleTableSlot *slot;
	AttrNumber	att_item;
	MemoryContext record_context;
	MemoryContext saved;
	bool		table_range;
	int64		scanned = 0;

	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	PushActiveSnapshot(GetTransactionSnapshot());
	pgstat_report_activity(STATE_RUNNING,
						   psprintf("restoring table %s: building the global secondary indexes",
									run->restore->table_name));

	/* the catalog row first, then the relations (DeleteTable's order) */
	table = LoadTarget(run, true);
	table_range = table->range_key.name != NULL;
	LockRelationOid(table->relid, ShareLock);
	/* a snapshot that sees every write committed before the lock */
	PopActiveSnapshot();
	PushActiveSnapshot(GetTransactionSnapshot());

	foreach(lc, table->indexes)
	{
		DdbIndexDef *ix = lfirst(lc);

		if (!ix->is_global || strcmp(ix->index_status, "CREATING") != 0)
			continue;
		if (!OidIsValid(ix->relid))
			elog(ERROR, "the relation of index \"%s\" is missing", ix->index_name);
		loaders = lappend(loaders, palloc(sizeof(Loader)));
		StartLoader(llast(loaders), ix->relid, ix, CurrentMemoryContext);
	}

	if (loaders != NIL)
	{
		rel = table_open(table->relid, NoLock);
		att_item = get_attnum(table->relid, DDB_COL_ITEM);
		record_context = AllocSetContextCreate(CurrentMemoryContext, "ddbtable restore item",
											   ALLOCSET_DEFAULT_SIZES);
		scan = table_beginscan(rel, GetActiveSnapshot(), 0, NULL);
		slot = table_slot_create(rel, NULL);
		while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
		{
			bool		isnull;
			Datum		item;

			CHECK_FOR_INTERRUPTS();
			saved = MemoryContextSwitchTo(record_context);
			item = slot_getattr(slot, att_item, &isnull);
			if (!isnull)
			{
				Jsonb	   *jb = DatumGetJsonbP(item);

				foreach(lc, loaders)
				{
					Loader	   *l = lfirst(lc);
					DdbIndexEntry entry;

					if (DdbBuildIndexEntry(table, l->index, jb, &entry))
						LoaderAddEntry(l, &entry, table_range);
				}
			}
			MemoryContextSwitchTo(saved);
			MemoryContextReset(record_context);
			if (++scanned % 10000 == 0)
				NoteMemory(run);
		}
		NoteMemory(run);
		ExecDropSingleTupleTableSlot(slot);
		table_endscan(scan);
		table_close(rel, NoLock);
		MemoryContextDelete(record_context);

		foreach(lc, loaders)
		{
			Loader	   *l = lfirst(lc);

			LoaderFinish(l);
			SwapIn(l);
			l->index->index_status = "ACTIVE";
		}
		DdbSaveTable(table);
	}
	DdbRestoreMarkCompleted(run->restore_id, (int64) run->peak_memory);
	Audit(run, "RestoreCompleted", NULL);
	ereport(LOG,
			errmsg("restore of table \"%s\" from backup \"%s\": global secondary indexes ACTIVE",
				   table->table_name, run->restore->backup_arn));
	PopActiveSnapshot();
	CommitTransactionCommand();
}

/*
 * One attempt at the restore, from wherever it stands.  Returns false if
 * there was nothing to do.
 */
static bool
RunRestore(RestoreRun *run)
{
	MemoryContext saved;
	DdbRestoreDef *r;
	bool		gsis;

	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	PushActiveSnapshot(GetTransactionSnapshot());
	saved = MemoryContextSwitchTo(run->run_context);
	r = DdbLoadRestore(run->restore_id, false);
	MemoryContextSwitchTo(saved);
	if (r == NULL || strcmp(r->status, DDB_RESTORE_COMPLETED) == 0 ||
		strcmp(r->status, DDB_RESTORE_FAILED) == 0)
	{
		/* the request rolled back, or another worker finished it */
		PopActiveSnapshot();
		CommitTransactionCommand();
		return false;
	}
	run->restore = r;
	run->role_id = get_role_oid(r->requested_by, true);
	if (!run->attempt_counted)
	{
		DdbRestoreBeginAttempt(run->restore_id);
		run->attempt_counted = true;
		r->attempts++;
	}
	PopActiveSnapshot();
	CommitTransactionCommand();

	if (r->attempts > DDB_RESTORE_MAX_ATTEMPTS)
		ereport(ERROR,
				errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("the restore was interrupted %d times", r->attempts - 1),
				errdetail("It is abandoned."));
	/* the test-only delay holds the first attempt; a resumed one runs at once */
	if (r->attempts > 1)
		r->chunk_delay_ms = 0;
	if (r->attempts > 1)
		ereport(LOG,
				errmsg("resuming the restore of table \"%s\" from backup \"%s\" (attempt %d, phase %s)",
					   r->table_name, r->backup_arn, r->attempts, r->status));

	if (strcmp(r->status, DDB_RESTORE_LOADING) == 0)
	{
		gsis = LoadPhase(run);
		/* tests only: let them see the table ACTIVE with its GSIs CREATING */
		if (gsis && r->chunk_delay_ms > 0)
			Pause(r->chunk_delay_ms);
	}
	else
		gsis = true;
	if (gsis)
		IndexPhase(run);
	return true;
}

/* The reason recorded for a failed restore: the backup, the chunk, the error. */
static char *
FailureReason(RestoreRun *run, ErrorData *edata)
{
	const char *arn = run->restore ? run->restore->backup_arn : "?";
	const char *detail = edata->detail ? edata->detail : "";
	const char *sep = edata->detail ? " " : "";

	if (edata->sqlerrcode == ERRCODE_QUERY_CANCELED)
		return psprintf("Restoring backup \"%s\" was canceled.", arn);
	if (run->current_chunk >= 0)
		return psprintf("Restoring backup \"%s\" failed at chunk %d of %d: %s.%s%s",
						arn, run->current_chunk, run->chunk_count, edata->message, sep, detail);
	return psprintf("Restoring backup \"%s\" failed: %s.%s%s", arn, edata->message, sep, detail);
}

/*
 * Record the failure; remove the target table when it is not ACTIVE yet,
 * or the GSIs that could not be built when it is.
 */
static void
FailRestore(RestoreRun *run, const char *reason)
{
	MemoryContext saved = CurrentMemoryContext;
	char	   *volatile recorded = pstrdup(reason);

	ereport(LOG,
			errmsg("restore of table \"%s\" failed",
				   run->restore ? run->restore->table_name : "?"),
			errdetail("%s", reason));
	PG_TRY();
	{
		DdbRestoreDef *r;

		SetCurrentStatementStartTimestamp();
		StartTransactionCommand();
		PushActiveSnapshot(GetTransactionSnapshot());
		r = DdbLoadRestore(run->restore_id, true);
		if (r != NULL && strcmp(r->status, DDB_RESTORE_LOADING) == 0)
		{
			DdbTableDef *table = DdbLoadTable(r->table_name, true, true);

			if (table != NULL && strcmp(table->table_id, r->table_id) == 0 &&
				strcmp(table->table_status, "CREATING") == 0)
			{
				DdbDropTableStorage(table);
				DdbDeleteTableRow(table);
			}
		}
		else if (r != NULL && strcmp(r->status, DDB_RESTORE_BUILDING_INDEXES) == 0)
		{
			DdbTableDef *table = DdbLoadTable(r->table_name, true, true);

			if (table != NULL && strcmp(table->table_id, r->table_id) == 0)
			{
				List	   *kept = NIL;
				ListCell   *lc;
				StringInfoData names;

				initStringInfo(&names);
				foreach(lc, table->indexes)
				{
					DdbIndexDef *ix = lfirst(lc);

					if (ix->is_global && strcmp(ix->index_status, "CREATING") == 0)
					{
						DdbDropIndexStorage(table, ix);
						appendStringInfo(&names, "%s%s", names.len > 0 ? ", " : "",
										 ix->index_name);
					}
					else
						kept = lappend(kept, ix);
				}
				table->indexes = kept;
				DdbSaveTable(table);
				recorded = psprintf("%s The global secondary indexes %s were removed from the table.",
									reason, names.data);
			}
		}
		if (r != NULL && strcmp(r->status, DDB_RESTORE_COMPLETED) != 0)
		{
			DdbRestoreMarkFailed(run->restore_id, recorded);
			Audit(run, "RestoreFailed", recorded);
		}
		PopActiveSnapshot();
		CommitTransactionCommand();
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(saved);
		edata = CopyErrorData();
		FlushErrorState();
		AbortOutOfAnyTransaction();
		ereport(LOG,
				errmsg("could not clean up after the failed restore of table \"%s\": %s",
					   run->restore ? run->restore->table_name : "?", edata->message));
		/* record the failure at least */
		SetCurrentStatementStartTimestamp();
		StartTransactionCommand();
		PushActiveSnapshot(GetTransactionSnapshot());
		recorded = psprintf("%s The target table could not be removed: %s",
							reason, edata->message);
		DdbRestoreMarkFailed(run->restore_id, recorded);
		Audit(run, "RestoreFailed", recorded);
		PopActiveSnapshot();
		CommitTransactionCommand();
	}
	PG_END_TRY();
}

/*
 * Record the end of a restore in the audit trail, as the requesting role
 * and in the transaction that records the restore's final status:
 * operation RestoreTableFromBackup, outcome RestoreCompleted or
 * RestoreFailed.
 */
static void
Audit(RestoreRun *run, const char *outcome, const char *message)
{
	Oid			save_userid;
	int			save_sec_context;
	DdbJson		js;

	if (run->restore == NULL)
		return;
	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutString(&js, "BackupArn", run->restore->backup_arn);
	DdbJsonPutString(&js, "TargetTableName", run->restore->table_name);
	DdbJsonEndObject(&js);
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	if (OidIsValid(run->role_id))
		SetUserIdAndSecContext(run->role_id, save_sec_context | SECURITY_LOCAL_USERID_CHANGE);
	PG_TRY();
	{
		DdbAuditNoteBackupArn(run->restore->backup_arn);
		DdbAuditRecord("RestoreTableFromBackup", DdbJsonFinish(&js), outcome, message, true);
	}
	PG_FINALLY();
	{
		SetUserIdAndSecContext(save_userid, save_sec_context);
	}
	PG_END_TRY();
}

/*
 * The entry point of the restore worker; bgw_extra holds a
 * DdbRestoreWorkerArgs.
 */
void
DdbRestoreWorkerMain(Datum main_arg)
{
	DdbRestoreWorkerArgs args;
	RestoreRun	run;
	MemoryContext worker_context;
	volatile int retries = 0;
	bool		locked;

	pqsignal(SIGTERM, die);
	pqsignal(SIGINT, StatementCancelHandler);
	BackgroundWorkerUnblockSignals();

	memcpy(&args, MyBgworkerEntry->bgw_extra, sizeof(args));
	BackgroundWorkerInitializeConnectionByOid(args.database_id, InvalidOid, 0);
	SetConfigOption("default_transaction_isolation", "read committed", PGC_SUSET,
					PGC_S_OVERRIDE);
	SetConfigOption("lock_timeout", "0", PGC_SUSET, PGC_S_OVERRIDE);
	/* the index builds' memory: a fixed budget, whatever the table's size */
	SetConfigOption("maintenance_work_mem", psprintf("%d", ddb_restore_work_mem_kb),
					PGC_SUSET, PGC_S_OVERRIDE);

	worker_context = AllocSetContextCreate(TopMemoryContext, "ddbtable restore worker",
										   ALLOCSET_DEFAULT_SIZES);
	memset(&run, 0, sizeof(run));
	run.restore_id = args.restore_id;
	run.run_context = worker_context;
	run.current_chunk = -1;

	/* one worker per restore */
	StartTransactionCommand();
	locked = DdbRestoreLockAsWorker(args.restore_id);
	CommitTransactionCommand();
	if (!locked)
		return;

	/* the request must have committed (or we do nothing) */
	if (TransactionIdIsValid(args.requester_xid))
	{
		pgstat_report_activity(STATE_RUNNING, "waiting for the restore request to commit");
		StartTransactionCommand();
		XactLockTableWait(args.requester_xid, NULL, NULL, XLTW_None);
		CommitTransactionCommand();
	}

	for (;;)
	{
		volatile bool retry = false;
		char	   *volatile reason = NULL;

		MemoryContextSwitchTo(worker_context);
		PG_TRY();
		{
			(void) RunRestore(&run);
		}
		PG_CATCH();
		{
			ErrorData  *edata;

			MemoryContextSwitchTo(worker_context);
			edata = CopyErrorData();
			FlushErrorState();
			AbortOutOfAnyTransaction();
			pgstat_progress_end_command();
			if ((edata->sqlerrcode == ERRCODE_T_R_DEADLOCK_DETECTED ||
				 edata->sqlerrcode == ERRCODE_T_R_SERIALIZATION_FAILURE ||
				 edata->sqlerrcode == ERRCODE_LOCK_NOT_AVAILABLE) &&
				++retries <= MAX_TRANSIENT_RETRIES)
			{
				ereport(LOG,
						errmsg("restore %lld: %s; retrying", (long long) run.restore_id,
							   edata->message));
				retry = true;
			}
			else
				reason = FailureReason(&run, edata);
		}
		PG_END_TRY();

		if (retry)
		{
			run.current_chunk = -1;
			Pause(100 * retries);
			continue;
		}
		if (reason != NULL)
			FailRestore(&run, reason);
		break;
	}
	pgstat_report_activity(STATE_IDLE, NULL);
}
