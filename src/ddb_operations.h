/*-------------------------------------------------------------------------
 *
 * ddb_operations.h
 *	  The registry of DynamoDB operations ddbtable implements.
 *
 * Each operation is a handler that takes the request (a jsonb object in
 * DynamoDB's shape) and returns the response (likewise), raising DynamoDB
 * errors through DdbRaise.  ddb_dispatch.c builds from this list both the
 * name lookup used by ddb_execute() and one SQL-callable function per
 * operation, named after the operation in snake case (CreateTable ->
 * ddb_create_table).  Adding an operation means adding a line here, its
 * handler, and its SQL declaration in the install script.
 *
 * IDENTIFICATION
 *	  src/ddb_operations.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_OPERATIONS_H
#define DDB_OPERATIONS_H

#include "postgres.h"

#include "utils/jsonb.h"

typedef Jsonb *(*DdbOperationHandler) (Jsonb *request);

/* X(OperationName, sql_function_name, HandlerFunction) */
#define DDB_OPERATION_LIST(X) \
	X(CreateTable, ddb_create_table, DdbCreateTable) \
	X(DescribeTable, ddb_describe_table, DdbDescribeTable) \
	X(DeleteTable, ddb_delete_table, DdbDeleteTable) \
	X(ListTables, ddb_list_tables, DdbListTables) \
	X(UpdateTable, ddb_update_table, DdbUpdateTable) \
	X(TagResource, ddb_tag_resource, DdbTagResource) \
	X(UntagResource, ddb_untag_resource, DdbUntagResource) \
	X(ListTagsOfResource, ddb_list_tags_of_resource, DdbListTagsOfResource) \
	X(UpdateTimeToLive, ddb_update_time_to_live, DdbUpdateTimeToLive) \
	X(DescribeTimeToLive, ddb_describe_time_to_live, DdbDescribeTimeToLive) \
	X(UpdateContinuousBackups, ddb_update_continuous_backups, DdbUpdateContinuousBackups) \
	X(DescribeContinuousBackups, ddb_describe_continuous_backups, DdbDescribeContinuousBackups) \
	X(PutItem, ddb_put_item, DdbPutItem) \
	X(GetItem, ddb_get_item, DdbGetItem) \
	X(UpdateItem, ddb_update_item, DdbUpdateItem) \
	X(DeleteItem, ddb_delete_item, DdbDeleteItem) \
	X(Query, ddb_query, DdbQuery) \
	X(Scan, ddb_scan, DdbScan) \
	X(BatchGetItem, ddb_batch_get_item, DdbBatchGetItem) \
	X(BatchWriteItem, ddb_batch_write_item, DdbBatchWriteItem) \
	X(DescribeLimits, ddb_describe_limits, DdbDescribeLimits) \
	X(CreateBackup, ddb_create_backup, DdbCreateBackup) \
	X(DescribeBackup, ddb_describe_backup, DdbDescribeBackup) \
	X(ListBackups, ddb_list_backups, DdbListBackups) \
	X(DeleteBackup, ddb_delete_backup, DdbDeleteBackup) \
	X(RestoreTableFromBackup, ddb_restore_table_from_backup, DdbRestoreTableFromBackup)

#define DDB_DECLARE_HANDLER(op, sqlname, handler) extern Jsonb *handler(Jsonb *request);
DDB_OPERATION_LIST(DDB_DECLARE_HANDLER)
#undef DDB_DECLARE_HANDLER

#endif							/* DDB_OPERATIONS_H */
