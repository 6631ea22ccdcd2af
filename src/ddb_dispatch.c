/*-------------------------------------------------------------------------
 *
 * ddb_dispatch.c
 *	  ddb_execute() and the per-operation SQL functions.
 *
 * ddb_execute(operation, request) is DynamoDB's wire protocol as a SQL
 * function: it never raises for a DynamoDB-level error.  The operation
 * runs inside a subtransaction; if it raises an error whose SQLSTATE is
 * one of ddbtable's (class YD), the subtransaction is rolled back, so the
 * request changes nothing, and the JSON error body is returned instead.
 * Any other error (out of memory, query cancel, shutdown) propagates.
 *
 * ddb_<operation>(request) runs the same handler without the
 * subtransaction, so DynamoDB errors surface as PostgreSQL ERRORs with the
 * exception's SQLSTATE, and roll back the caller's transaction (or
 * savepoint) as any error does.
 *
 * Calls of the backup and restore operations are audited here (see
 * ddb_audit.h): after the call, in the caller's transaction, and for a
 * call that fails in a raising ddb_<operation>() function, in the server
 * log only, since the transaction is about to roll back.
 *
 * IDENTIFICATION
 *	  src/ddb_dispatch.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/resowner.h"

#include "ddb_audit.h"
#include "ddb_errors.h"
#include "ddb_operations.h"
#include "ddb_request.h"

#define DDB_TARGET_PREFIX "DynamoDB_20120810."

typedef struct DdbOperation
{
	const char *name;
	DdbOperationHandler handler;
} DdbOperation;

static const DdbOperation operations[] = {
#define DDB_OPERATION_ENTRY(op, sqlname, handler) {#op, handler},
	DDB_OPERATION_LIST(DDB_OPERATION_ENTRY)
#undef DDB_OPERATION_ENTRY
};

/*
 * Find an operation by name; the "DynamoDB_20120810." prefix of the
 * X-Amz-Target header is accepted too.  Names are case-sensitive, as in
 * the service.
 */
static const DdbOperation *
LookupOperation(const char *name)
{
	if (strncmp(name, DDB_TARGET_PREFIX, strlen(DDB_TARGET_PREFIX)) == 0)
		name += strlen(DDB_TARGET_PREFIX);
	for (size_t i = 0; i < lengthof(operations); i++)
		if (strcmp(operations[i].name, name) == 0)
			return &operations[i];
	return NULL;
}

/* Run a handler after checking that the request is a JSON object. */
static Jsonb *
RunOperation(const DdbOperation *operation, Jsonb *request)
{
	DdbClearErrorMembers();
	DdbAuditBegin();
	(void) DdbRequestRoot(request);
	return operation->handler(request);
}

/* The audit outcome of an error: the exception name, or InternalError. */
static const char *
ErrorOutcome(ErrorData *edata)
{
	DdbException exc;

	if (DdbExceptionFromSqlstate(edata->sqlerrcode, &exc))
		return DdbExceptionName(exc);
	return "InternalError";
}

/*
 * Run a handler for a raising ddb_<operation>() function; audited
 * operations are recorded, a failed one in the server log only.
 */
static Jsonb *
RunRaisingOperation(const DdbOperation *operation, Jsonb *request)
{
	MemoryContext caller_context = CurrentMemoryContext;
	Jsonb	   *volatile result;

	if (!DdbAuditedOperation(operation->name))
		return RunOperation(operation, request);

	PG_TRY();
	{
		result = RunOperation(operation, request);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(caller_context);
		edata = CopyErrorData();
		FlushErrorState();
		DdbAuditRecord(operation->name, request, ErrorOutcome(edata), edata->message, false);
		ReThrowError(edata);
	}
	PG_END_TRY();
	DdbAuditRecord(operation->name, request, DDB_AUDIT_SUCCESS, NULL, true);
	return result;
}

/* The empty request, {}. */
static Jsonb *
EmptyRequest(void)
{
	JsonbParseState *state = NULL;

	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	return JsonbValueToJsonb(pushJsonbValue(&state, WJB_END_OBJECT, NULL));
}

/*
 * ddb_execute(operation text, request jsonb) RETURNS jsonb
 *
 * Runs one DynamoDB operation.  Returns the response, or DynamoDB's error
 * body {"__type": ..., "message": ...} with every effect of the request
 * rolled back.  A NULL request is taken as {}.
 */
PG_FUNCTION_INFO_V1(ddb_execute);
Datum
ddb_execute(PG_FUNCTION_ARGS)
{
	const DdbOperation *volatile operation = NULL;
	Jsonb	   *request;
	Jsonb	   *volatile result;
	volatile bool audit_success = false;
	MemoryContext caller_context = CurrentMemoryContext;
	ResourceOwner caller_owner = CurrentResourceOwner;

	if (!PG_ARGISNULL(0))
		operation = LookupOperation(text_to_cstring(PG_GETARG_TEXT_PP(0)));
	request = PG_ARGISNULL(1) ? EmptyRequest() : PG_GETARG_JSONB_P(1);

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(caller_context);

	PG_TRY();
	{
		if (operation == NULL)
			DdbRaise(DDB_EXC_UnknownOperationException, "%s", "");
		result = RunOperation(operation, request);

		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(caller_context);
		CurrentResourceOwner = caller_owner;
		audit_success = true;
	}
	PG_CATCH();
	{
		ErrorData  *edata;
		DdbException exc;

		MemoryContextSwitchTo(caller_context);
		edata = CopyErrorData();
		FlushErrorState();

		/* Undo the request, whatever the error, as PL/pgSQL does. */
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(caller_context);
		CurrentResourceOwner = caller_owner;

		/* Errors that are not DynamoDB's propagate unchanged. */
		if (!DdbExceptionFromSqlstate(edata->sqlerrcode, &exc))
		{
			DdbClearErrorMembers();
			if (operation != NULL && DdbAuditedOperation(operation->name))
				DdbAuditRecord(operation->name, request, ErrorOutcome(edata),
							   edata->message, false);
			ReThrowError(edata);
		}

		result = DdbErrorBody(exc, edata->message, DdbTakeErrorMembers());
		/* the request is undone; its audit record belongs to the caller */
		if (operation != NULL && DdbAuditedOperation(operation->name))
			DdbAuditRecord(operation->name, request, DdbExceptionName(exc),
						   edata->message, true);
		FreeErrorData(edata);
	}
	PG_END_TRY();

	if (audit_success && DdbAuditedOperation(operation->name))
		DdbAuditRecord(operation->name, request, DDB_AUDIT_SUCCESS, NULL, true);

	PG_RETURN_JSONB_P(result);
}

/*
 * One SQL function per operation: ddb_<operation>(request jsonb) RETURNS
 * jsonb, raising DynamoDB errors as PostgreSQL ERRORs.
 */
#define DDB_OPERATION_SQL_FUNCTION(op, sqlname, handler) \
PG_FUNCTION_INFO_V1(sqlname); \
Datum \
sqlname(PG_FUNCTION_ARGS) \
{ \
	static const DdbOperation operation = {#op, handler}; \
	PG_RETURN_JSONB_P(RunRaisingOperation(&operation, PG_GETARG_JSONB_P(0))); \
}
DDB_OPERATION_LIST(DDB_OPERATION_SQL_FUNCTION)
#undef DDB_OPERATION_SQL_FUNCTION

/*
 * ddb_exceptions() RETURNS TABLE(exception, sqlstate, http_status, type)
 *
 * The error contract: every DynamoDB exception ddbtable knows, with its
 * SQLSTATE, the HTTP status the service uses and the "__type" string.
 */
PG_FUNCTION_INFO_V1(ddb_exceptions);
Datum
ddb_exceptions(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < DDB_EXC_COUNT; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = CStringGetTextDatum(DdbExceptionName(i));
		values[1] = CStringGetTextDatum(unpack_sql_state(DdbExceptionSqlstate(i)));
		values[2] = Int32GetDatum(DdbExceptionHttpStatus(i));
		values[3] = CStringGetTextDatum(psprintf("%s#%s", DdbExceptionNamespace(i),
												 DdbExceptionName(i)));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
