/*-------------------------------------------------------------------------
 *
 * ddb_audit.c
 *	  Recording backup and restore actions (see ddb_audit.h).
 *
 * The resource of a call is found in its request, as IAM finds it: the
 * BackupArn member, else the table named by TableName (a name is turned
 * into the table's ARN), else SourceTableArn or TargetTableName, else "*"
 * (ListBackups cannot be scoped to a resource).
 *
 * IDENTIFICATION
 *	  src/ddb_audit.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "ddb_audit.h"
#include "ddb_catalog.h"

/* The audited operations. */
static const char *const audited_operations[] = {
	"CreateBackup",
	"DescribeBackup",
	"ListBackups",
	"DeleteBackup",
	"RestoreTableFromBackup",
	"RestoreTableToPointInTime",
	"UpdateContinuousBackups",
	"DescribeContinuousBackups",
	NULL
};

/* The backup ARN noted by the running call, in TopMemoryContext. */
static char *noted_backup_arn = NULL;

/* One audit record on its way to the catalog. */
typedef struct AuditRow
{
	TimestampTz time;
	const char *role;
	const char *session_role;
	const char *operation;
	const char *resource;
	const char *backup_arn;
	Jsonb	   *request;
	const char *outcome;
	const char *message;
} AuditRow;

static char *RequestString(Jsonb *request, const char *member);
static char *ResourceOf(Jsonb *request);
static void InsertAuditRowAsOwner(void *arg);

/* Whether the operation is audited. */
bool
DdbAuditedOperation(const char *operation)
{
	for (int i = 0; audited_operations[i] != NULL; i++)
		if (strcmp(audited_operations[i], operation) == 0)
			return true;
	return false;
}

/* Forget the previous call's backup ARN. */
void
DdbAuditBegin(void)
{
	if (noted_backup_arn != NULL)
		pfree(noted_backup_arn);
	noted_backup_arn = NULL;
}

/* Name the backup the running call created or acted on. */
void
DdbAuditNoteBackupArn(const char *backup_arn)
{
	DdbAuditBegin();
	if (backup_arn != NULL)
		noted_backup_arn = MemoryContextStrdup(TopMemoryContext, backup_arn);
}

/* A string member of the request object, or NULL. */
static char *
RequestString(Jsonb *request, const char *member)
{
	JsonbValue *v;

	if (request == NULL || !JB_ROOT_IS_OBJECT(request))
		return NULL;
	v = getKeyJsonValueFromContainer(&request->root, member, strlen(member), NULL);
	if (v == NULL || v->type != jbvString)
		return NULL;
	return pnstrdup(v->val.string.val, v->val.string.len);
}

/* The resource ARN of a call, from its request. */
static char *
ResourceOf(Jsonb *request)
{
	char	   *value;
	char	   *name;

	if ((value = RequestString(request, "BackupArn")) != NULL)
		return value;
	if ((value = RequestString(request, "TableName")) != NULL ||
		(value = RequestString(request, "SourceTableArn")) != NULL ||
		(value = RequestString(request, "TargetTableName")) != NULL)
	{
		if (DdbParseTableArn(value, &name))
			return value;
		return DdbTableArn(value);
	}
	return pstrdup("*");
}

/* Insert the audit row (as the extension's owner). */
static void
InsertAuditRowAsOwner(void *arg)
{
	AuditRow   *row = arg;
	Oid			types[9] = {TIMESTAMPTZOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID,
	TEXTOID, JSONBOID, TEXTOID, TEXTOID};
	Datum		values[9];
	char		nulls[9] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
	int			rc;

	values[0] = TimestampTzGetDatum(row->time);
	values[1] = CStringGetTextDatum(row->role);
	values[2] = CStringGetTextDatum(row->session_role);
	values[3] = CStringGetTextDatum(row->operation);
	values[4] = CStringGetTextDatum(row->resource);
	if (row->backup_arn != NULL)
		values[5] = CStringGetTextDatum(row->backup_arn);
	else
		nulls[5] = 'n';
	values[6] = JsonbPGetDatum(row->request);
	values[7] = CStringGetTextDatum(row->outcome);
	if (row->message != NULL)
		values[8] = CStringGetTextDatum(row->message);
	else
		nulls[8] = 'n';

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	rc = SPI_execute_with_args("INSERT INTO ddb_catalog.audit_log (event_time, role_name, "
							   "session_role, operation, resource_arn, backup_arn, request, "
							   "outcome, message) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
							   9, types, values, nulls, false, 0);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "could not write the audit log: %s", SPI_result_code_string(rc));
	SPI_finish();
}

/* Record one call in the server log and (write_row) in the audit log. */
void
DdbAuditRecord(const char *operation, Jsonb *request, const char *outcome,
			   const char *message, bool write_row)
{
	AuditRow	row;
	StringInfoData line;

	row.time = GetCurrentTimestamp();
	row.role = GetUserNameFromId(GetUserId(), false);
	row.session_role = GetUserNameFromId(GetSessionUserId(), false);
	row.operation = operation;
	row.resource = ResourceOf(request);
	row.backup_arn = noted_backup_arn;
	row.request = request;
	row.outcome = outcome;
	row.message = (message != NULL && message[0] != '\0') ? message : NULL;

	/* one JSON object, its members in a fixed order for people and tools */
	initStringInfo(&line);
	appendStringInfoString(&line, "{\"time\": ");
	escape_json(&line, timestamptz_to_str(row.time));
	appendStringInfoString(&line, ", \"role\": ");
	escape_json(&line, row.role);
	appendStringInfoString(&line, ", \"session_role\": ");
	escape_json(&line, row.session_role);
	appendStringInfoString(&line, ", \"operation\": ");
	escape_json(&line, row.operation);
	appendStringInfoString(&line, ", \"resource\": ");
	escape_json(&line, row.resource);
	if (row.backup_arn != NULL)
	{
		appendStringInfoString(&line, ", \"backup_arn\": ");
		escape_json(&line, row.backup_arn);
	}
	appendStringInfoString(&line, ", \"outcome\": ");
	escape_json(&line, row.outcome);
	if (row.message != NULL)
	{
		appendStringInfoString(&line, ", \"message\": ");
		escape_json(&line, row.message);
	}
	if (request != NULL)
		appendStringInfo(&line, ", \"request\": %s",
						 JsonbToCString(NULL, &request->root, VARSIZE(request)));
	appendStringInfoChar(&line, '}');
	ereport(LOG_SERVER_ONLY,
			errmsg_internal(DDB_AUDIT_LOG_PREFIX "%s", line.data),
			errhidestmt(true),
			errhidecontext(true));

	/* the row: not in a read-only transaction (a standby, for one) */
	if (write_row && !XactReadOnly && request != NULL)
		DdbRunAsExtensionOwner(InsertAuditRowAsOwner, &row);
}
