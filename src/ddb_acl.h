/*-------------------------------------------------------------------------
 *
 * ddb_acl.h
 *	  DynamoDB's IAM authorisation, in PostgreSQL privileges.
 *
 * ddbtable stands PostgreSQL roles for IAM principals and the privileges
 * on a table's item relation (ddb_data.t_<id>) for IAM policies:
 *
 *	- reading items (GetItem, BatchGetItem, Query, Scan, TransactGetItems,
 *	  ConditionCheck) needs SELECT;
 *	- PutItem and UpdateItem need INSERT and UPDATE, DeleteItem needs
 *	  DELETE; BatchWriteItem needs what PutItem needs for its puts and
 *	  what DeleteItem needs for its deletes (its own rule here asks for
 *	  any privilege; ddb_batch.c checks the rest);
 *	- DescribeTable, ListTagsOfResource, DescribeTimeToLive and
 *	  DescribeContinuousBackups need any privilege on the relation;
 *	- UpdateTable, DeleteTable, TagResource, UntagResource,
 *	  UpdateTimeToLive and UpdateContinuousBackups need ownership (or
 *	  membership in the owning role);
 *	- CreateBackup needs SELECT;
 *	- CreateTable needs CREATE on schema ddb_data;
 *	- ListTables lists only tables the role has some privilege on.
 *
 * Superusers pass every check.  A refusal is DynamoDB's
 * AccessDeniedException: "User: arn:aws:iam::<account>:user/<role> is not
 * authorized to perform: dynamodb:<Action> on resource: <arn>".
 *
 * IDENTIFICATION
 *	  src/ddb_acl.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_ACL_H
#define DDB_ACL_H

#include "postgres.h"

#include "ddb_catalog.h"

/*
 * Raise AccessDeniedException unless the current user may perform the
 * DynamoDB action (an operation name such as "DescribeTable") on the
 * table.  An action this module does not know is an internal error.
 */
extern void DdbCheckTableAccess(DdbTableDef *table, const char *action);

/* Whether the current user may perform the action on the table. */
extern bool DdbTableAccessAllowed(DdbTableDef *table, const char *action);

/*
 * Raise AccessDeniedException unless the current user may create tables
 * (CREATE on ddb_data); table_arn names the resource in the message.
 */
extern void DdbCheckCreateTable(const char *table_arn);

/* Raise AccessDeniedException for the current user, action and resource. */
extern void DdbRaiseAccessDenied(const char *action, const char *resource_arn) pg_attribute_noreturn();

#endif							/* DDB_ACL_H */
