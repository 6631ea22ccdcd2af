/*-------------------------------------------------------------------------
 *
 * ddb_audit.h
 *	  The audit trail of backup and restore actions (DynamoDB's CloudTrail).
 *
 * Every call of an audited operation -- CreateBackup, DescribeBackup,
 * ListBackups, DeleteBackup, RestoreTableFromBackup,
 * RestoreTableToPointInTime, UpdateContinuousBackups,
 * DescribeContinuousBackups -- allowed or refused, is recorded twice:
 *
 *	- as a row of ddb_catalog.audit_log (read through the view
 *	  ddb_audit_log): time, role, session role, operation, resource ARN,
 *	  the backup ARN a call created, the request, the outcome ("Success" or
 *	  the DynamoDB exception name, "InternalError" for any other error) and
 *	  the error message.  The row is written in the caller's transaction: a
 *	  call through ddb_execute() keeps its row even when it is refused (the
 *	  request's subtransaction is rolled back first), but a refused call of
 *	  a raising ddb_<operation>() function rolls its transaction back and
 *	  the row with it; a read-only transaction writes no row;
 *
 *	- as one line of the server log, never sent to the client:
 *	  "ddbtable audit: " followed by a JSON object with the members time,
 *	  role, session_role, operation, resource, backup_arn (when a backup
 *	  was created), outcome, message (when there is one) and request, in
 *	  that order.  The line is written whatever becomes of the
 *	  transaction.
 *
 * The dispatcher (ddb_dispatch.c) calls these functions around the
 * operation's handler, so an operation added to the list in ddb_audit.c
 * is audited with no code of its own.  A handler may name the backup it
 * created with DdbAuditNoteBackupArn.
 *
 * IDENTIFICATION
 *	  src/ddb_audit.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_AUDIT_H
#define DDB_AUDIT_H

#include "postgres.h"

#include "utils/jsonb.h"

#include "ddb_core.h"

/* The audit log line prefix. */
#define DDB_AUDIT_LOG_PREFIX "ddbtable audit: "

/* Outcome of a call that succeeded. */
#define DDB_AUDIT_SUCCESS "Success"

/* Whether calls of this operation are audited. */
extern bool DdbAuditedOperation(const char *operation);

/* Forget the backup ARN noted by the previous call (at the start of one). */
extern void DdbAuditBegin(void);

/* Name the backup a call created or acted on (kept until the next call). */
extern void DdbAuditNoteBackupArn(const char *backup_arn);

/*
 * Record one call: outcome is DDB_AUDIT_SUCCESS, an exception name, or
 * "InternalError"; message may be NULL.  write_row false writes only the
 * log line (the transaction is about to be rolled back).
 */
extern void DdbAuditRecord(const char *operation, Jsonb *request, const char *outcome,
						   const char *message, bool write_row);

#endif							/* DDB_AUDIT_H */
