/*-------------------------------------------------------------------------
 *
 * ddb_backup.h
 *	  On-demand backups: the backup catalog, the request/worker hand-off
 *	  and the interface other operations use.
 *
 * A backup is one row of ddb_catalog.backups plus its chunks in
 * ddb_catalog.backup_chunks (format: ddb_chunk.h).  CreateBackup
 * (ddb_backup.c) records the row with status CREATING in the caller's
 * transaction, serialises the caller's snapshot into a dynamic shared
 * memory segment and starts a dynamic background worker
 * (ddb_backup_worker.c), and returns as soon as the worker has adopted the
 * snapshot.  The worker copies every item visible to that snapshot into
 * chunks, waits for the requesting transaction to end, and in one
 * transaction of its own commits the chunks and the status AVAILABLE -- or,
 * if the request rolled back, nothing.
 *
 * Stored statuses are CREATING, AVAILABLE and FAILED.  DynamoDB's API knows
 * only CREATING, AVAILABLE and DELETED: a FAILED backup is shown as
 * DELETED by DescribeBackup and is not listed by ListBackups; the view
 * ddb_backups shows FAILED and the reason.  A CREATING row whose worker is
 * gone (killed, or the server crashed or restarted) is FAILED: every
 * running worker holds an advisory lock on its backup id (see
 * DdbBackupWorkerAlive), and the next backup operation that finds the lock
 * free marks the row FAILED, as pg_cron's MarkPendingRunsAsFailed does.
 *
 * IDENTIFICATION
 *	  src/ddb_backup.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_BACKUP_H
#define DDB_BACKUP_H

#include "postgres.h"

#include "port/atomics.h"
#include "storage/dsm.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "ddb_chunk.h"

/* Settings (ddbtable.c registers them). */
extern int	ddb_backup_chunk_size_kb;	/* ddbtable.backup_chunk_size */
extern int	ddb_backup_compression_level;	/* ddbtable.backup_compression_level */
extern int	ddb_backup_chunk_delay_ms;	/* ddbtable.backup_chunk_delay (tests) */
extern int	ddb_backup_worker_nice; /* ddbtable.backup_worker_nice */

/* Stored statuses of a backup. */
#define DDB_BACKUP_CREATING "CREATING"
#define DDB_BACKUP_AVAILABLE "AVAILABLE"
#define DDB_BACKUP_FAILED	"FAILED"

/* Why a CREATING backup whose worker disappeared is FAILED. */
#define DDB_BACKUP_WORKER_GONE \
	"The backup worker stopped before the backup was complete (it was terminated, or the server crashed or restarted)."

/* One row of ddb_catalog.backups. */
typedef struct DdbBackupDef
{
	int64		backup_id;
	char	   *backup_arn;
	char	   *backup_name;
	char	   *backup_type;	/* USER, SYSTEM, AWS_BACKUP */
	char	   *status;			/* CREATING, AVAILABLE, FAILED (see above) */
	TimestampTz creation_time;	/* the time marker, in whole milliseconds */
	TimestampTz expiry_time;	/* 0 when none */
	TimestampTz completion_time;	/* 0 until AVAILABLE or FAILED */
	char	   *table_id;
	char	   *table_name;
	char	   *table_arn;
	Jsonb	   *source_table_details;	/* SourceTableDetails at request time */
	Jsonb	   *source_table_features;	/* SourceTableFeatureDetails */
	Jsonb	   *table_definition;	/* what a restore needs (see ddb_backup.c) */
	char	   *owner_role;
	bool		has_counts;		/* the next four are set (AVAILABLE) */
	int64		item_count;
	int64		table_size_bytes;
	int64		backup_size_bytes;
	int32		chunk_count;
	char	   *failure_reason;
	dsm_handle	progress_handle;	/* while CREATING, else 0 */
	TransactionId row_xmin;		/* the inserting transaction */
} DdbBackupDef;

/* Filters of DdbListBackupRows (ListBackups). */
typedef struct DdbBackupFilter
{
	const char *table_name;		/* source table name, or NULL */
	const char *table_arn;		/* or source table ARN, or NULL */
	TimestampTz lower;			/* creation_time >= lower, when has_lower */
	bool		has_lower;
	TimestampTz upper;			/* creation_time < upper, when has_upper */
	bool		has_upper;
	const char *backup_type;	/* USER, SYSTEM, AWS_BACKUP or NULL for all */
	bool		after_set;		/* start after (after_time, after_arn) */
	TimestampTz after_time;
	const char *after_arn;
	bool		visible_only;	/* only backups the current user may see */
	bool		listable_only;	/* only CREATING and AVAILABLE */
	bool		creating_only;	/* only CREATING */
	int			limit;			/* at most this many rows */
} DdbBackupFilter;

/*
 * The hand-off between the requesting backend and the backup worker, in a
 * dynamic shared memory segment created by the requester.  Its handle is
 * passed in bgw_main_arg and recorded in the backup's row, where the
 * progress view finds it.  The serialised snapshot follows the struct.
 */
#define DDB_BACKUP_SHARED_MAGIC 0x4444424B

typedef enum DdbBackupHandoff
{
	DDB_HANDOFF_STARTING = 0,	/* the worker has not adopted the snapshot */
	DDB_HANDOFF_READY,			/* snapshot adopted, backup locked */
	DDB_HANDOFF_FAILED			/* the worker could not start the backup */
} DdbBackupHandoff;

typedef enum DdbBackupPhase
{
	DDB_PHASE_STARTING = 0,
	DDB_PHASE_COPYING,
	DDB_PHASE_WAITING,			/* for the requesting transaction to end */
	DDB_PHASE_FINISHING,
	DDB_PHASE_DONE
} DdbBackupPhase;

/* What a worker is told besides the segment's handle (in bgw_extra). */
typedef struct DdbBackupWorkerExtra
{
	Oid			database_id;
	Oid			role_id;
	int64		backup_id;
} DdbBackupWorkerExtra;

typedef struct DdbBackupShared
{
	uint32		magic;
	int64		backup_id;

	/* set by the requester before the worker starts */
	Oid			database_id;
	Oid			role_id;		/* the requesting role: the scan runs as it */
	Oid			relid;			/* the item relation */
	int			requester_pgprocno;
	TransactionId requester_xid;	/* top-level transaction of the request */
	TransactionId insert_xid;	/* (sub)transaction that inserted the row */
	char		hash_type;
	char		range_type;		/* '\0' without a sort key */
	int32		chunk_size;		/* bytes of records per chunk */
	int32		chunk_delay_ms;
	int32		compression_level;
	int32		worker_nice;
	TimestampTz requested;
	char		backup_arn[1100];	/* for the worker's messages */
	Size		snapshot_size;

	/* hand-off */
	pg_atomic_uint32 handoff;	/* DdbBackupHandoff */
	char		error[256];		/* why DDB_HANDOFF_FAILED */

	/* progress, written by the worker only */
	pg_atomic_uint32 phase;		/* DdbBackupPhase */
	pg_atomic_uint32 worker_pid;
	pg_atomic_uint64 items_done;
	pg_atomic_uint64 bytes_done;	/* DynamoDB item sizes */
	pg_atomic_uint64 chunks_done;
	pg_atomic_uint64 stored_bytes;	/* bytes of chunks written */
	pg_atomic_uint64 blocks_done;
	pg_atomic_uint64 blocks_total;

	char		snapshot[FLEXIBLE_ARRAY_MEMBER];	/* SerializeSnapshot() */
} DdbBackupShared;

/* ---- ddb_backup_catalog.c ---- */

/* Insert a new backup row (status CREATING); sets b->backup_id. */
extern void DdbInsertBackup(DdbBackupDef *b);

/*
 * The backup with this ARN, or NULL.  for_update locks the row.  A
 * CREATING row whose worker is gone is returned as FAILED (and recorded
 * so, when the transaction can write).
 */
extern DdbBackupDef *DdbLoadBackup(const char *arn, bool for_update);

/* The backup with this id read with a fresh snapshot (worker), or NULL. */
extern DdbBackupDef *DdbLoadBackupById(int64 backup_id, bool for_update);

/* Rows matching the filter, ordered by creation time then ARN. */
extern List *DdbListBackupRows(const DdbBackupFilter *filter);

/* Delete a backup's row and its chunks. */
extern void DdbDeleteBackupRow(int64 backup_id);

/* Mark CREATING backups whose worker is gone FAILED, remove their chunks. */
extern void DdbReapStaleBackups(void);

/* Whether the table's catalog row was inserted by this transaction. */
extern bool DdbTableCreatedByThisTransaction(const char *table_id);

/* Whether a backup of the table (by table id) is being created. */
extern bool DdbTableHasBackupInProgress(const char *table_id);

/* Whether the current user may see (describe, list, read) the backup. */
extern bool DdbBackupVisible(DdbBackupDef *b);

/* Whether the current user owns the backup (or is a member of its owner). */
extern bool DdbBackupOwned(DdbBackupDef *b);

/*
 * Worker liveness: a running worker holds a session-level advisory lock
 * on its backup id (field4 DDB_BACKUP_LOCK_FIELD4 tells it from user
 * advisory locks).
 */
#define DDB_BACKUP_LOCK_FIELD4 0x4442
extern void DdbBackupLockAsWorker(int64 backup_id);
extern bool DdbBackupWorkerAlive(int64 backup_id);

/* Worker steps, all in the worker's transaction. */
extern void DdbInsertBackupChunk(int64 backup_id, const DdbChunkInfo *info, bytea *chunk);
extern void DdbCompleteBackup(int64 backup_id, int64 item_count, int64 table_size_bytes,
							  int64 backup_size_bytes, int32 chunk_count);
extern void DdbFailBackup(int64 backup_id, const char *reason);

/* ---- ddb_backup.c ---- */

/* The BackupDetails object of a backup (status as DynamoDB shows it). */
extern Jsonb *DdbBackupDetails(DdbBackupDef *b, const char *shown_status);

/* The BackupDescription object of a backup. */
extern Jsonb *DdbBackupDescription(DdbBackupDef *b, const char *shown_status);

/* The status DynamoDB shows: CREATING, AVAILABLE, or DELETED for FAILED. */
extern const char *DdbBackupShownStatus(DdbBackupDef *b);

/* Whether text has the shape of a backup ARN (see ddb_backup.c). */
extern bool DdbParseBackupArn(const char *arn, TimestampTz *created);

/* ---- ddb_backup_worker.c ---- */

extern PGDLLEXPORT void DdbBackupWorkerMain(Datum main_arg);

#endif							/* DDB_BACKUP_H */
