/*-------------------------------------------------------------------------
 *
 * ddb_backup_api.c
 *	  DescribeBackup, ListBackups, DeleteBackup, and the SQL helpers of
 *	  backups: ddb_list_backups(text), ddb_wait_for_backup(),
 *	  ddb_backup_items() and the views ddb_backups and ddb_progress.
 *
 * Access control (see the README): a backup belongs to the role that
 * created it.  Its owner -- and members of that role, and superusers --
 * may describe, list, read and delete it; to anyone else DescribeBackup
 * and DeleteBackup answer AccessDeniedException and ListBackups does not
 * show it.  A missing backup is BackupNotFoundException for everyone.
 *
 * Choices where DynamoDB's documentation is silent:
 *	- BackupNotFoundException's text is "Backup not found: <arn>", as the
 *	  service answers; text that is not a backup ARN is a
 *	  ValidationException "Invalid BackupArn: <arn>".
 *	- A backup that failed (its worker stopped, or an error) is described
 *	  with BackupStatus DELETED, is not listed, and is removed by
 *	  DeleteBackup; ddb_backups shows it as FAILED with the reason.
 *	- ListBackups orders by BackupCreationDateTime, then BackupArn.  An
 *	  ExclusiveStartBackupArn is a position, taken from the ARN itself (its
 *	  id holds the creation time), so paging goes on even if that backup
 *	  was deleted meanwhile.  Without Limit a page holds at most 1 MB of
 *	  summaries.
 *	- BackupSizeBytes is the size of the stored (compressed) chunks, known
 *	  once the backup is AVAILABLE; SourceTableDetails' ItemCount and
 *	  TableSizeBytes are exact for the snapshot and also appear then.
 *
 * IDENTIFICATION
 *	  src/ddb_backup_api.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "storage/dsm.h"
#include "storage/latch.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/wait_event.h"

#include "ddb_acl.h"
#include "ddb_audit.h"
#include "ddb_backup.h"
#include "ddb_catalog.h"
#include "ddb_chunk.h"
#include "ddb_core.h"
#include "ddb_errors.h"
#include "ddb_json.h"
#include "ddb_operations.h"
#include "ddb_request.h"

#define LIST_BACKUPS_MAX_LIMIT 100
#define LIST_BACKUPS_PAGE_BYTES (1024 * 1024)
#define LIST_BACKUPS_UNLIMITED_ROWS 10000

/* Epoch seconds beyond which a time bound is clamped (about year 5100). */
#define MAX_EPOCH_SECONDS INT64CONST(100000000000)

#define BACKUP_IN_USE_MESSAGE \
	"There is another ongoing conflicting backup control plane operation on the table. " \
	"The backup is either being created, deleted or restored to a table."

static char *ReadBackupArnMember(JsonbContainer *root, const char *member, const char *path,
								 bool required, DdbViolations *v);
static bool ReadTimestamp(JsonbContainer *root, const char *member, TimestampTz *out);
static DdbBackupDef *LoadVisibleBackup(const char *arn, bool for_update, const char *action);
static Jsonb *BackupSummary(DdbBackupDef *b);
static Jsonb *WrapDescription(DdbBackupDef *b, const char *shown_status);

/*
 * Read a BackupArn-typed member: length 37..1024 (a violation otherwise),
 * and then the shape of a backup ARN (ValidationException otherwise,
 * raised by the caller after the violations).
 */
static char *
ReadBackupArnMember(JsonbContainer *root, const char *member, const char *path,
					bool required, DdbViolations *v)
{
	char	   *arn;
	int			len;

	if (!DdbGetString(root, member, &arn, &len))
	{
		if (required)
			DdbViolationAdd(v, NULL, path, "Member must not be null");
		return NULL;
	}
	DdbCheckLength(v, arn, pg_mbstrlen_with_len(arn, len), 37, 1024, path);
	return arn;
}

/*
 * A timestamp member: epoch seconds as a JSON number (with a fraction or
 * not).  Other JSON types are SerializationExceptions, as the service's
 * unmarshaller answers them.
 */
static bool
ReadTimestamp(JsonbContainer *root, const char *member, TimestampTz *out)
{
	JsonbValue *v = DdbGetMember(root, member);
	Numeric		seconds;
	Numeric		limit;
	Numeric		usecs;

	if (v == NULL)
		return false;
	switch (v->type)
	{
		case jbvNumeric:
			break;
		case jbvString:
			DdbRaise(DDB_EXC_SerializationException, "STRING_VALUE cannot be converted to Date");
		case jbvBool:
			DdbRaise(DDB_EXC_SerializationException, "%s cannot be converted to Date",
					 v->val.boolean ? "TRUE_VALUE" : "FALSE_VALUE");
		case jbvBinary:
			if (JsonContainerIsArray(v->val.binary.data))
				DdbRaise(DDB_EXC_SerializationException,
						 "Unrecognized collection type class java.util.Date");
			DdbRaise(DDB_EXC_SerializationException,
					 "Start of structure or map found where not expected");
		default:
			DdbRaise(DDB_EXC_SerializationException, "Unexpected field type");
	}

	/* clamp to what a timestamp holds, then to microseconds */
	seconds = v->val.numeric;
	limit = int64_to_numeric(MAX_EPOCH_SECONDS);
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(seconds),
										  NumericGetDatum(limit))) > 0)
		seconds = limit;
	limit = int64_to_numeric(-MAX_EPOCH_SECONDS);
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(seconds),
										  NumericGetDatum(limit))) < 0)
		seconds = limit;
	usecs = numeric_mul_opt_error(seconds, int64_to_numeric(USECS_PER_SEC), NULL);
	*out = DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(usecs))) -
		((int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY * USECS_PER_SEC);
	return true;
}

/*
 * The backup of an ARN that the current user may see: BackupNotFound when
 * there is none, AccessDenied (for the action) when it is someone else's.
 */
static DdbBackupDef *
LoadVisibleBackup(const char *arn, bool for_update, const char *action)
{
	DdbBackupDef *b = DdbLoadBackup(arn, for_update);

	if (b == NULL)
		DdbRaise(DDB_EXC_BackupNotFoundException, "Backup not found: %s", arn);
	if (!DdbBackupVisible(b))
		DdbRaiseAccessDenied(action, arn);
	return b;
}

/* {"BackupDescription": ...} */
static Jsonb *
WrapDescription(DdbBackupDef *b, const char *shown_status)
{
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutJsonb(&js, "BackupDescription", DdbBackupDescription(b, shown_status));
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/* A BackupSummary (ListBackups). */
static Jsonb *
BackupSummary(DdbBackupDef *b)
{
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutString(&js, "TableName", b->table_name);
	DdbJsonPutString(&js, "TableId", b->table_id);
	DdbJsonPutString(&js, "TableArn", b->table_arn);
	DdbJsonPutString(&js, "BackupArn", b->backup_arn);
	DdbJsonPutString(&js, "BackupName", b->backup_name);
	DdbJsonPutTimestamp(&js, "BackupCreationDateTime", b->creation_time);
	if (b->expiry_time != 0)
		DdbJsonPutTimestamp(&js, "BackupExpiryDateTime", b->expiry_time);
	DdbJsonPutString(&js, "BackupStatus", DdbBackupShownStatus(b));
	DdbJsonPutString(&js, "BackupType", b->backup_type);
	if (b->has_counts)
		DdbJsonPutInt64(&js, "BackupSizeBytes", b->backup_size_bytes);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/*
 * DescribeBackup: {"BackupDescription": ...}.  Needs to be the backup's
 * owner (or a member of its role).
 */
Jsonb *
DdbDescribeBackup(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	DdbViolations v;
	char	   *arn;
	TimestampTz created;
	DdbBackupDef *b;

	DdbViolationsInit(&v);
	arn = ReadBackupArnMember(root, "BackupArn", "backupArn", true, &v);
	DdbViolationsRaise(&v);
	if (!DdbParseBackupArn(arn, &created))
		DdbRaise(DDB_EXC_ValidationException, "Invalid BackupArn: %s", arn);

	b = LoadVisibleBackup(arn, false, "DescribeBackup");
	return WrapDescription(b, NULL);
}

/*
 * DeleteBackup: removes an AVAILABLE (or failed) backup and its chunks;
 * answers its description with BackupStatus DELETED.  A backup being
 * created is BackupInUseException.  Needs ownership of the backup.
 */
Jsonb *
DdbDeleteBackup(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	DdbViolations v;
	char	   *arn;
	TimestampTz created;
	DdbBackupDef *b;
	Jsonb	   *response;

	DdbViolationsInit(&v);
	arn = ReadBackupArnMember(root, "BackupArn", "backupArn", true, &v);
	DdbViolationsRaise(&v);
	if (!DdbParseBackupArn(arn, &created))
		DdbRaise(DDB_EXC_ValidationException, "Invalid BackupArn: %s", arn);

	b = DdbLoadBackup(arn, true);
	if (b == NULL)
		DdbRaise(DDB_EXC_BackupNotFoundException, "Backup not found: %s", arn);
	if (!DdbBackupOwned(b))
		DdbRaiseAccessDenied("DeleteBackup", arn);
	if (strcmp(b->status, DDB_BACKUP_CREATING) == 0)
		DdbRaise(DDB_EXC_BackupInUseException, BACKUP_IN_USE_MESSAGE);

	response = WrapDescription(b, "DELETED");
	DdbDeleteBackupRow(b->backup_id);
	return response;
}

/*
 * ListBackups: the backups the caller may see, CREATING and AVAILABLE, of
 * a source table (by the name or ARN recorded in the backup, so that the
 * backups of a deleted table are found too) or of all, within a creation time range,
 * of a type (USER by default, ALL for every type), in pages of Limit
 * (1..100) summaries, or of at most 1 MB without Limit.
 */
Jsonb *
DdbListBackups(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	static const char *const backup_types[] = {"USER", "SYSTEM", "AWS_BACKUP", "ALL", NULL};
	DdbViolations v;
	DdbBackupFilter filter;
	char	   *table = NULL;
	int			table_len = 0;
	char	   *table_name = NULL;
	char	   *start;
	char	   *type = NULL;
	int32		limit = 0;
	bool		has_limit;
	List	   *rows;
	ListCell   *lc;
	DdbJson		js;
	int			count = 0;
	Size		bytes = 0;
	const char *last = NULL;
	bool		more = false;

	memset(&filter, 0, sizeof(filter));
	DdbViolationsInit(&v);
	if (DdbGetString(root, "TableName", &table, &table_len))
	{
		int			chars = pg_mbstrlen_with_len(table, table_len);

		/* the model's type is TableArn: 1..1024 characters, a name or an ARN */
		DdbCheckLength(&v, table, chars, 1, 1024, "tableName");
		if (DdbParseTableArn(table, &table_name))
			filter.table_arn = table;
		else
			filter.table_name = table;
	}
	has_limit = DdbGetInteger(root, "Limit", &limit);
	if (has_limit && limit < 1)
		DdbViolationAdd(&v, psprintf("%d", limit), "limit",
						"Member must have value greater than or equal to 1");
	if (has_limit && limit > LIST_BACKUPS_MAX_LIMIT)
		DdbViolationAdd(&v, psprintf("%d", limit), "limit",
						"Member must have value less than or equal to %d",
						LIST_BACKUPS_MAX_LIMIT);
	filter.has_lower = ReadTimestamp(root, "TimeRangeLowerBound", &filter.lower);
	filter.has_upper = ReadTimestamp(root, "TimeRangeUpperBound", &filter.upper);
	start = ReadBackupArnMember(root, "ExclusiveStartBackupArn", "exclusiveStartBackupArn",
								false, &v);
	if (DdbGetString(root, "BackupType", &type, NULL))
		DdbCheckEnum(&v, type, "backupType", backup_types, "[USER, SYSTEM, AWS_BACKUP, ALL]");
	DdbViolationsRaise(&v);

	if (start != NULL)
	{
		if (!DdbParseBackupArn(start, &filter.after_time))
			DdbRaise(DDB_EXC_ValidationException, "Invalid ExclusiveStartBackupArn: %s", start);
		filter.after_set = true;
		filter.after_arn = start;
	}
	filter.backup_type = (type == NULL) ? "USER" : (strcmp(type, "ALL") == 0 ? NULL : type);
	filter.visible_only = true;
	filter.listable_only = true;
	filter.limit = (has_limit ? limit : LIST_BACKUPS_UNLIMITED_ROWS) + 1;

	DdbReapStaleBackups();
	rows = DdbListBackupRows(&filter);

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonBeginArray(&js, "BackupSummaries");
	foreach(lc, rows)
	{
		DdbBackupDef *b = lfirst(lc);
		Jsonb	   *summary;

		if ((has_limit && count >= limit) || count >= LIST_BACKUPS_UNLIMITED_ROWS ||
			bytes >= LIST_BACKUPS_PAGE_BYTES)
		{
			more = true;
			break;
		}
		summary = BackupSummary(b);
		DdbJsonPutJsonb(&js, NULL, summary);
		bytes += VARSIZE(summary);
		last = b->backup_arn;
		count++;
	}
	DdbJsonEndArray(&js);
	if (more && last != NULL)
		DdbJsonPutString(&js, "LastEvaluatedBackupArn", last);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/*
 * ddb_list_backups(table_name text DEFAULT NULL) RETURNS SETOF jsonb
 *
 * Every BackupSummary ListBackups shows the current role, over all pages
 * and every backup type, of one source table (name or ARN) or of all.
 * Audited as one ListBackups call.
 */
PG_FUNCTION_INFO_V1(ddb_list_all_backups);
Datum
ddb_list_all_backups(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext caller_context = CurrentMemoryContext;
	char	   *volatile start = NULL;
	Jsonb	   *volatile first_request = NULL;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	DdbAuditBegin();
	PG_TRY();
	{
		for (;;)
		{
			DdbJson		js;
			Jsonb	   *request;
			Jsonb	   *page;
			JsonbValue *summaries;
			JsonbValue *last;

			DdbJsonInit(&js);
			DdbJsonBeginObject(&js, NULL);
			if (!PG_ARGISNULL(0))
				DdbJsonPutString(&js, "TableName", text_to_cstring(PG_GETARG_TEXT_PP(0)));
			DdbJsonPutString(&js, "BackupType", "ALL");
			DdbJsonPutInt64(&js, "Limit", LIST_BACKUPS_MAX_LIMIT);
			if (start != NULL)
				DdbJsonPutString(&js, "ExclusiveStartBackupArn", start);
			DdbJsonEndObject(&js);
			request = DdbJsonFinish(&js);
			if (first_request == NULL)
				first_request = request;

			page = DdbListBackups(request);
			summaries = getKeyJsonValueFromContainer(&page->root, "BackupSummaries",
													 strlen("BackupSummaries"), NULL);
			if (summaries != NULL && summaries->type == jbvBinary)
			{
				JsonbContainer *array = summaries->val.binary.data;

				for (int i = 0; i < DdbArraySize(array); i++)
				{
					JsonbValue *elem = DdbArrayElement(array, i);
					Datum		value = JsonbPGetDatum(JsonbValueToJsonb(elem));
					bool		isnull = false;

					tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
				}
			}
			last = getKeyJsonValueFromContainer(&page->root, "LastEvaluatedBackupArn",
												strlen("LastEvaluatedBackupArn"), NULL);
			if (last == NULL || last->type != jbvString)
				break;
			start = pnstrdup(last->val.string.val, last->val.string.len);
		}
	}
	PG_CATCH();
	{
		ErrorData  *edata;
		DdbException exc;

		MemoryContextSwitchTo(caller_context);
		edata = CopyErrorData();
		FlushErrorState();
		DdbAuditRecord("ListBackups", first_request,
					   DdbExceptionFromSqlstate(edata->sqlerrcode, &exc) ?
					   DdbExceptionName(exc) : "InternalError",
					   edata->message, false);
		ReThrowError(edata);
	}
	PG_END_TRY();
	DdbAuditRecord("ListBackups", first_request, DDB_AUDIT_SUCCESS, NULL, true);
	return (Datum) 0;
}

/* Raise the wait error for a backup that failed. */
static void
RaiseBackupFailed(DdbBackupDef *b)
{
	ereport(ERROR,
			errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			errmsg("backup \"%s\" failed", b->backup_arn),
			b->failure_reason ? errdetail("%s", b->failure_reason) : 0,
			errhint("Create a new backup."));
}

/*
 * ddb_wait_for_backup(backup_arn text, timeout interval DEFAULT '10min')
 * RETURNS jsonb
 *
 * Waits until the backup is AVAILABLE and returns its DescribeBackup
 * response.  Raises if the backup failed, after the timeout (SQLSTATE
 * 55000), and at once when waiting cannot succeed: the backup was
 * requested by the current transaction (it is copied only once that
 * commits), or the transaction's snapshot cannot see it change
 * (REPEATABLE READ, SERIALIZABLE).  Audited as one DescribeBackup call.
 */
PG_FUNCTION_INFO_V1(ddb_wait_for_backup);
Datum
ddb_wait_for_backup(PG_FUNCTION_ARGS)
{
	char	   *arn = text_to_cstring(PG_GETARG_TEXT_PP(0));
	Interval   *timeout = PG_GETARG_INTERVAL_P(1);
	MemoryContext caller_context = CurrentMemoryContext;
	TimestampTz deadline;
	Jsonb	   *request;
	Jsonb	   *volatile result = NULL;
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutString(&js, "BackupArn", arn);
	DdbJsonEndObject(&js);
	request = DdbJsonFinish(&js);
	deadline = DatumGetTimestampTz(DirectFunctionCall2(timestamptz_pl_interval,
													   TimestampTzGetDatum(GetCurrentTimestamp()),
													   IntervalPGetDatum(timeout)));
	DdbAuditBegin();
	PG_TRY();
	{
		for (;;)
		{
			DdbBackupDef *b;
			MemoryContext loop_context;
			MemoryContext old;

			loop_context = AllocSetContextCreate(CurrentMemoryContext, "ddbtable wait",
												 ALLOCSET_SMALL_SIZES);
			old = MemoryContextSwitchTo(loop_context);
			b = LoadVisibleBackup(arn, false, "DescribeBackup");
			MemoryContextSwitchTo(old);
			if (strcmp(b->status, DDB_BACKUP_AVAILABLE) == 0)
			{
				result = WrapDescription(b, NULL);
				break;
			}
			if (strcmp(b->status, DDB_BACKUP_FAILED) == 0)
				RaiseBackupFailed(b);
			if (TransactionIdIsCurrentTransactionId(b->row_xmin))
				ereport(ERROR,
						errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						errmsg("cannot wait for backup \"%s\" in the transaction that requested it", arn),
						errdetail("The backup is copied only once its request has committed."),
						errhint("Commit the transaction, then wait."));
			if (IsolationUsesXactSnapshot())
				ereport(ERROR,
						errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						errmsg("cannot wait for backup \"%s\" in a transaction whose snapshot does not change", arn),
						errdetail("Its status is CREATING in the snapshot of this REPEATABLE READ or SERIALIZABLE transaction."),
						errhint("Wait in a READ COMMITTED transaction."));
			if (GetCurrentTimestamp() >= deadline)
				ereport(ERROR,
						errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						errmsg("backup \"%s\" did not become AVAILABLE within %s", arn,
							   DatumGetCString(DirectFunctionCall1(interval_out,
																   IntervalPGetDatum(timeout)))),
						errdetail("Its status is CREATING."),
						errhint("Pass a longer timeout."));
			MemoryContextDelete(loop_context);
			(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
							 20L, PG_WAIT_EXTENSION);
			ResetLatch(MyLatch);
			CHECK_FOR_INTERRUPTS();
		}
	}
	PG_CATCH();
	{
		ErrorData  *edata;
		DdbException exc;

		MemoryContextSwitchTo(caller_context);
		edata = CopyErrorData();
		FlushErrorState();
		DdbAuditRecord("DescribeBackup", request,
					   DdbExceptionFromSqlstate(edata->sqlerrcode, &exc) ?
					   DdbExceptionName(exc) : "InternalError",
					   edata->message, false);
		ReThrowError(edata);
	}
	PG_END_TRY();
	DdbAuditRecord("DescribeBackup", request, DDB_AUDIT_SUCCESS, NULL, true);
	PG_RETURN_JSONB_P(result);
}

/* What ReadItemsAsOwner reads, and where it puts the items. */
typedef struct ReadItemsArgs
{
	DdbBackupDef *backup;
	Tuplestorestate *store;
	TupleDesc	desc;
	int64		items;
	int32		chunks;
} ReadItemsArgs;

/*
 * Decode every chunk of a backup into the tuplestore (as the owner).  The
 * cursor takes a snapshot of its own (not read-only), taken after the row
 * was found AVAILABLE, so it sees the chunks even when the backup was
 * completed after the calling statement began.
 */
static void
ReadItemsAsOwner(void *arg)
{
	ReadItemsArgs *args = arg;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	Portal		portal;
	MemoryContext chunk_context;
	MemoryContext old;

	values[0] = Int64GetDatum(args->backup->backup_id);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	portal = SPI_cursor_open_with_args(NULL,
									   "SELECT seq, item_count, raw_length, checksum, payload "
									   "FROM ddb_catalog.backup_chunks WHERE backup_id = $1 "
									   "ORDER BY seq",
									   1, types, values, NULL, false, 0);
	chunk_context = AllocSetContextCreate(TopTransactionContext, "ddbtable backup chunk",
										  ALLOCSET_DEFAULT_SIZES);
	for (;;)
	{
		HeapTuple	tuple;
		TupleDesc	desc;
		bool		isnull;
		bytea	   *payload;
		DdbChunkInfo info;
		char	   *raw;
		DdbChunkReader reader;
		DdbChunkRecord record;
		uint32		seq;

		SPI_cursor_fetch(portal, true, 1);
		if (SPI_processed == 0)
			break;
		tuple = SPI_tuptable->vals[0];
		desc = SPI_tuptable->tupdesc;
		old = MemoryContextSwitchTo(chunk_context);
		seq = (uint32) DatumGetInt32(SPI_getbinval(tuple, desc, 1, &isnull));
		if (seq != (uint32) args->chunks)
			ereport(ERROR,
					errcode(ERRCODE_DATA_CORRUPTED),
					errmsg("backup \"%s\" lacks chunk %d", args->backup->backup_arn, args->chunks));
		payload = DatumGetByteaPP(SPI_getbinval(tuple, desc, 5, &isnull));
		DdbChunkParseHeader(VARDATA_ANY(payload), VARSIZE_ANY_EXHDR(payload), seq, &info);
		if (info.item_count != (uint32) DatumGetInt32(SPI_getbinval(tuple, desc, 2, &isnull)) ||
			info.raw_length != (uint32) DatumGetInt32(SPI_getbinval(tuple, desc, 3, &isnull)) ||
			info.payload_crc != (uint32) DatumGetInt64(SPI_getbinval(tuple, desc, 4, &isnull)))
			ereport(ERROR,
					errcode(ERRCODE_DATA_CORRUPTED),
					errmsg("backup chunk %u is corrupted", seq),
					errdetail("Its header disagrees with its catalog row."));
		raw = DdbChunkDecompress(VARDATA_ANY(payload), VARSIZE_ANY_EXHDR(payload), &info);
		DdbChunkReaderInit(&reader, raw, &info);
		while (DdbChunkReaderNext(&reader, &record))
		{
			Datum		item = DdbChunkVarlenaDatum(record.item, record.item_len);
			bool		null = false;

			tuplestore_putvalues(args->store, args->desc, &item, &null);
			args->items++;
			pfree(DatumGetPointer(item));
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(chunk_context);
		args->chunks++;
	}
	SPI_cursor_close(portal);
	MemoryContextDelete(chunk_context);
	SPI_finish();
}

/*
 * ddb_backup_items(backup_arn text) RETURNS SETOF jsonb
 *
 * The items of an AVAILABLE backup in DynamoDB JSON, in the order they
 * were stored, every chunk's header, checksum and item count verified.
 * Needs ownership of the backup (as a restore does); a backup being
 * created is BackupInUseException.  Audited.
 */
PG_FUNCTION_INFO_V1(ddb_backup_items);
Datum
ddb_backup_items(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *arn = text_to_cstring(PG_GETARG_TEXT_PP(0));
	MemoryContext caller_context = CurrentMemoryContext;
	Jsonb	   *request;
	DdbJson		js;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutString(&js, "BackupArn", arn);
	DdbJsonEndObject(&js);
	request = DdbJsonFinish(&js);
	DdbAuditBegin();
	PG_TRY();
	{
		DdbBackupDef *b = DdbLoadBackup(arn, false);
		ReadItemsArgs args;

		if (b == NULL || strcmp(b->status, DDB_BACKUP_FAILED) == 0)
			DdbRaise(DDB_EXC_BackupNotFoundException, "Backup not found: %s", arn);
		if (!DdbBackupOwned(b))
			DdbRaiseAccessDenied("RestoreTableFromBackup", arn);
		if (strcmp(b->status, DDB_BACKUP_AVAILABLE) != 0)
			DdbRaise(DDB_EXC_BackupInUseException, BACKUP_IN_USE_MESSAGE);

		args.backup = b;
		args.store = rsinfo->setResult;
		args.desc = rsinfo->setDesc;
		args.items = 0;
		args.chunks = 0;
		DdbRunAsExtensionOwner(ReadItemsAsOwner, &args);
		if (args.chunks != b->chunk_count || args.items != b->item_count)
			ereport(ERROR,
					errcode(ERRCODE_DATA_CORRUPTED),
					errmsg("backup \"%s\" is incomplete", arn),
					errdetail("It has %d chunks and %lld items; its catalog row says %d and %lld.",
							  args.chunks, (long long) args.items, b->chunk_count,
							  (long long) b->item_count));
	}
	PG_CATCH();
	{
		ErrorData  *edata;
		DdbException exc;

		MemoryContextSwitchTo(caller_context);
		edata = CopyErrorData();
		FlushErrorState();
		DdbAuditRecord("ReadBackupItems", request,
					   DdbExceptionFromSqlstate(edata->sqlerrcode, &exc) ?
					   DdbExceptionName(exc) : "InternalError",
					   edata->message, false);
		ReThrowError(edata);
	}
	PG_END_TRY();
	DdbAuditRecord("ReadBackupItems", request, DDB_AUDIT_SUCCESS, NULL, true);
	return (Datum) 0;
}

/*
 * ddb_get_backups() RETURNS SETOF record -- the rows of the view
 * ddb_backups: every backup the current user may see, with its stored
 * status (CREATING, AVAILABLE, FAILED) and, for a failed one, the reason.
 */
PG_FUNCTION_INFO_V1(ddb_get_backups);
Datum
ddb_get_backups(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	DdbBackupFilter filter;
	List	   *rows;
	ListCell   *lc;

	InitMaterializedSRF(fcinfo, 0);
	memset(&filter, 0, sizeof(filter));
	filter.visible_only = true;
	filter.limit = PG_INT32_MAX;
	rows = DdbListBackupRows(&filter);
	foreach(lc, rows)
	{
		DdbBackupDef *b = lfirst(lc);
		Datum		values[13];
		bool		nulls[13];

		memset(nulls, 0, sizeof(nulls));
		values[0] = CStringGetTextDatum(b->backup_arn);
		values[1] = CStringGetTextDatum(b->backup_name);
		values[2] = CStringGetTextDatum(b->table_name);
		values[3] = CStringGetTextDatum(b->backup_type);
		values[4] = CStringGetTextDatum(b->status);
		values[5] = TimestampTzGetDatum(b->creation_time);
		values[6] = TimestampTzGetDatum(b->completion_time);
		nulls[6] = (b->completion_time == 0);
		values[7] = Int64GetDatum(b->item_count);
		values[8] = Int64GetDatum(b->table_size_bytes);
		values[9] = Int64GetDatum(b->backup_size_bytes);
		values[10] = Int32GetDatum(b->chunk_count);
		nulls[7] = nulls[8] = nulls[9] = nulls[10] = !b->has_counts;
		values[11] = CStringGetTextDatum(b->owner_role);
		if (b->failure_reason != NULL)
			values[12] = CStringGetTextDatum(b->failure_reason);
		else
			nulls[12] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* The name of a backup phase. */
static const char *
PhaseName(uint32 phase)
{
	switch (phase)
	{
		case DDB_PHASE_STARTING:
			return "starting";
		case DDB_PHASE_COPYING:
			return "copying";
		case DDB_PHASE_WAITING:
			return "waiting for the request to commit";
		case DDB_PHASE_FINISHING:
			return "finishing";
		case DDB_PHASE_DONE:
			return "done";
	}
	return "unknown";
}

/* The planner's estimate of a relation's rows, or -1. */
static double
EstimatedRows(Oid relid)
{
	HeapTuple	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	double		rows = -1;

	if (HeapTupleIsValid(tuple))
	{
		rows = ((Form_pg_class) GETSTRUCT(tuple))->reltuples;
		ReleaseSysCache(tuple);
	}
	return rows;
}

/*
 * ddb_get_progress() RETURNS SETOF record -- the rows of the view
 * ddb_progress: the backups in progress the current user may see, read
 * from their workers' shared memory.  items_total is exact once the copy
 * is done; before, it is extrapolated from the share of the table's
 * blocks scanned (or the planner's estimate before the first block), and
 * percent is that share.
 */
PG_FUNCTION_INFO_V1(ddb_get_progress);
Datum
ddb_get_progress(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	DdbBackupFilter filter;
	List	   *rows;
	ListCell   *lc;

	InitMaterializedSRF(fcinfo, 0);
	memset(&filter, 0, sizeof(filter));
	filter.visible_only = true;
	filter.creating_only = true;
	filter.limit = PG_INT32_MAX;
	rows = DdbListBackupRows(&filter);
	foreach(lc, rows)
	{
		DdbBackupDef *b = lfirst(lc);
		Datum		values[13];
		bool		nulls[13];
		dsm_segment *seg;
		DdbBackupShared *shared;
		uint32		phase;
		uint64		items;
		uint64		blocks;
		uint64		blocks_total;
		double		total = -1;
		double		percent;

		if (b->progress_handle == 0)
			continue;
		seg = dsm_attach(b->progress_handle);
		if (seg == NULL)
			continue;
		shared = dsm_segment_address(seg);
		if (dsm_segment_map_length(seg) < sizeof(DdbBackupShared) ||
			shared->magic != DDB_BACKUP_SHARED_MAGIC || shared->backup_id != b->backup_id)
		{
			dsm_detach(seg);
			continue;
		}
		pg_read_barrier();
		phase = pg_atomic_read_u32(&shared->phase);
		items = pg_atomic_read_u64(&shared->items_done);
		blocks = pg_atomic_read_u64(&shared->blocks_done);
		blocks_total = pg_atomic_read_u64(&shared->blocks_total);

		memset(nulls, 0, sizeof(nulls));
		values[0] = CStringGetTextDatum("CreateBackup");
		values[1] = CStringGetTextDatum(b->backup_arn);
		values[2] = CStringGetTextDatum(b->table_name);
		values[3] = CStringGetTextDatum(b->owner_role);
		values[4] = Int32GetDatum((int32) pg_atomic_read_u32(&shared->worker_pid));
		values[5] = CStringGetTextDatum(PhaseName(phase));
		values[6] = TimestampTzGetDatum(b->creation_time);
		values[7] = Int64GetDatum((int64) items);
		values[8] = Int64GetDatum((int64) pg_atomic_read_u64(&shared->bytes_done));
		if (phase >= DDB_PHASE_WAITING)
		{
			total = (double) items;
			percent = 100.0;
		}
		else
		{
			if (blocks_total == 0)
				percent = (phase == DDB_PHASE_COPYING) ? 100.0 : 0.0;
			else
				percent = Min(100.0, 100.0 * (double) blocks / (double) blocks_total);
			if (blocks > 0 && blocks_total > 0)
				total = Max((double) items, (double) items * blocks_total / blocks);
			else if (EstimatedRows(shared->relid) >= 0)
				total = Max((double) items, EstimatedRows(shared->relid));
		}
		values[9] = Int64GetDatum((int64) (total + 0.5));
		nulls[9] = (total < 0);
		values[10] = DirectFunctionCall2(numeric_round,
										 DirectFunctionCall1(float8_numeric,
															 Float8GetDatum(percent)),
										 Int32GetDatum(1));
		values[11] = Int64GetDatum((int64) pg_atomic_read_u64(&shared->chunks_done));
		values[12] = Int64GetDatum((int64) pg_atomic_read_u64(&shared->stored_bytes));
		dsm_detach(seg);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
