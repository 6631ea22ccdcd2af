/*-------------------------------------------------------------------------
 *
 * ddb_restore.h
 *	  RestoreTableFromBackup: the restore catalog, the request/worker
 *	  hand-off and the restore worker.
 *
 * A restore is one row of ddb_catalog.restores, plus the target table it
 * creates.  The request (ddb_restore.c) validates, creates the target in
 * status CREATING with a RestoreSummary (RestoreInProgress true), records
 * the restore with status LOADING and starts a dynamic background worker
 * (ddb_restore_worker.c).  The worker loads the items, builds the primary
 * key and the LSIs and makes the table ACTIVE in one transaction (status
 * BUILDING_INDEXES when the table has GSIs, else COMPLETED); then it builds
 * the GSIs in a second transaction (CREATING -> ACTIVE) and records
 * COMPLETED.  A restore that cannot be done is FAILED: its target is
 * removed and the reason recorded.
 *
 * Crash story: "resume".  A restore whose worker is gone (killed,
 * terminated, or the server crashed or restarted) is still LOADING or
 * BUILDING_INDEXES; its worker holds no liveness lock.  The next "look" --
 * RestoreTableFromBackup, DescribeTable, ListTables, ddb_wait_for_restore()
 * or the view ddb_restores -- starts a new worker for it
 * (DdbResumeInterruptedRestores), which starts the interrupted phase over:
 * since each phase is one transaction, nothing of the interrupted attempt
 * is left but dead storage that was never committed.
 *
 * IDENTIFICATION
 *	  src/ddb_restore.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_RESTORE_H
#define DDB_RESTORE_H

#include "postgres.h"

#include "nodes/pg_list.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

/* Settings (registered by DdbRestoreDefineSettings). */
extern int	ddb_max_concurrent_restores;	/* ddbtable.max_concurrent_restores */
extern int	ddb_restore_chunk_delay_ms; /* ddbtable.restore_chunk_delay (tests) */
extern int	ddb_restore_work_mem_kb;	/* ddbtable.restore_work_mem */

/* Statuses of a restore (ddb_catalog.restores.restore_status). */
#define DDB_RESTORE_LOADING			"LOADING"
#define DDB_RESTORE_BUILDING_INDEXES "BUILDING_INDEXES"
#define DDB_RESTORE_COMPLETED		"COMPLETED"
#define DDB_RESTORE_FAILED			"FAILED"

/* A worker gives up after this many interrupted attempts of one restore. */
#define DDB_RESTORE_MAX_ATTEMPTS	5

/* One row of ddb_catalog.restores. */
typedef struct DdbRestoreDef
{
	int64		restore_id;
	char	   *table_id;		/* the target's TableId */
	char	   *table_name;
	char	   *table_arn;
	int64		backup_id;
	char	   *backup_arn;
	char	   *source_table_arn;
	char	   *status;			/* LOADING, BUILDING_INDEXES, COMPLETED, FAILED */
	char	   *requested_by;	/* role name */
	TimestampTz request_time;
	TimestampTz active_time;	/* 0 until the table is ACTIVE */
	TimestampTz completion_time;	/* 0 until COMPLETED or FAILED */
	int32		attempts;		/* worker runs started */
	bool		has_counts;		/* the next three are set (ACTIVE) */
	int64		item_count;
	int64		table_size_bytes;
	int64		peak_memory_bytes;
	int32		chunk_delay_ms; /* ddbtable.restore_chunk_delay of the request */
	char	   *failure_reason;
	TransactionId row_xmin;		/* the inserting transaction */
} DdbRestoreDef;

/* ---- ddb_restore.c ---- */

/* Define the ddbtable.* settings of restores (from _PG_init). */
extern void DdbRestoreDefineSettings(void);

/*
 * Start a worker for every restore in progress whose worker is gone (at
 * most once per second per session).  Does nothing in a read-only
 * transaction or during recovery.
 */
extern void DdbResumeInterruptedRestores(void);

/*
 * What a restore worker is started with (bgw_extra): no shared memory is
 * needed, everything else is in the restore's row.
 */
typedef struct DdbRestoreWorkerArgs
{
	Oid			database_id;
	TransactionId requester_xid;	/* InvalidTransactionId when resumed */
	int64		restore_id;
} DdbRestoreWorkerArgs;

/*
 * Start a restore worker.  requester_xid is the top-level transaction of
 * the request (the worker waits for it to end), or InvalidTransactionId
 * for a resumed restore.  Returns false if no background worker slot is
 * free.
 */
extern bool DdbLaunchRestoreWorker(int64 restore_id, TransactionId requester_xid);

/* ---- ddb_restore_catalog.c ---- */

/* Insert a new restore row (status LOADING); sets r->restore_id. */
extern void DdbInsertRestore(DdbRestoreDef *r);

/* The restore with this id (the statement's snapshot), or NULL. */
extern DdbRestoreDef *DdbLoadRestore(int64 restore_id, bool for_update);

/*
 * The latest restore to a target of this name that the current user may
 * see (read with a fresh snapshot), or NULL.
 */
extern DdbRestoreDef *DdbLoadLatestRestore(const char *table_name);

/*
 * Restores read with a fresh snapshot: in progress only, or all; only
 * those the current user may see, or all.  Ordered by restore id.
 */
extern List *DdbListRestores(bool in_progress_only, bool visible_only);

/* Number of restores in progress (fresh snapshot). */
extern int64 DdbCountRestoresInProgress(void);

/* Whether a restore from this backup is in progress (fresh snapshot). */
extern bool DdbBackupHasRestoreInProgress(int64 backup_id);

/*
 * Lock a backup row FOR KEY SHARE (it cannot be deleted until the end of
 * the transaction) and return its stored status, or NULL if it is gone.
 */
extern char *DdbLockBackupForRestore(int64 backup_id);

/* Worker steps. */
extern void DdbRestoreBeginAttempt(int64 restore_id);
extern void DdbRestoreMarkActive(int64 restore_id, bool indexes_pending, int64 item_count,
								 int64 table_size_bytes, int64 peak_memory_bytes);
extern void DdbRestoreMarkCompleted(int64 restore_id, int64 peak_memory_bytes);
extern void DdbRestoreMarkFailed(int64 restore_id, const char *reason);

/*
 * Worker liveness: a running restore worker holds a session-level advisory
 * lock on its restore id (field4 DDB_RESTORE_LOCK_FIELD4 tells it from the
 * backups' and from user advisory locks).
 */
#define DDB_RESTORE_LOCK_FIELD4 0x4452
extern bool DdbRestoreLockAsWorker(int64 restore_id);
extern bool DdbRestoreWorkerAlive(int64 restore_id);

/* Whether the current user may see the restore (its requester's rights). */
extern bool DdbRestoreVisible(DdbRestoreDef *r);

/* ---- ddb_restore_worker.c ---- */

extern PGDLLEXPORT void DdbRestoreWorkerMain(Datum main_arg);

#endif							/* DDB_RESTORE_H */
