/*-------------------------------------------------------------------------
 *
 * ddb_errors.c
 *	  Mapping between DynamoDB exceptions, SQLSTATEs and JSON error bodies.
 *
 * A DynamoDB error travels through the server as an ordinary ERROR (so
 * that PostgreSQL's transaction machinery undoes whatever the request had
 * done) and is turned back into DynamoDB's JSON error body by ddb_execute.
 * Members of the body other than the message are held in a backend-local
 * jsonb while the error propagates, because ErrorData has no place for
 * them.
 *
 * IDENTIFICATION
 *	  src/ddb_errors.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "ddb_errors.h"
#include "ddb_json.h"

static const int exception_sqlstate[DDB_EXC_COUNT] = {
#define DDB_EXC_SQLSTATE(name, ns, http, c1, c2, c3, capital) DDB_ERRCODE(c1, c2, c3),
	DDB_EXCEPTION_LIST(DDB_EXC_SQLSTATE)
#undef DDB_EXC_SQLSTATE
};

/* Extra members of the error being raised, in TopMemoryContext. */
static Jsonb *pending_error_members = NULL;

/* The SQLSTATE of an exception. */
int
DdbExceptionSqlstate(DdbException exc)
{
	Assert(exc >= 0 && exc < DDB_EXC_COUNT);
	return exception_sqlstate[exc];
}

/* Find the exception with this SQLSTATE, if it is one of ours. */
bool
DdbExceptionFromSqlstate(int sqlerrcode, DdbException *exc)
{
	if (ERRCODE_TO_CATEGORY(sqlerrcode) !=
		ERRCODE_TO_CATEGORY(DDB_ERRCODE('0', '0', '0')))
		return false;
	for (int i = 0; i < DDB_EXC_COUNT; i++)
	{
		if (exception_sqlstate[i] == sqlerrcode)
		{
			*exc = (DdbException) i;
			return true;
		}
	}
	return false;
}

/* Forget the extra members of an earlier error. */
void
DdbClearErrorMembers(void)
{
	if (pending_error_members != NULL)
		pfree(pending_error_members);
	pending_error_members = NULL;
}

/* Hand the extra members of the error being handled to the caller. */
Jsonb *
DdbTakeErrorMembers(void)
{
	Jsonb	   *copy;

	if (pending_error_members == NULL)
		return NULL;
	copy = palloc(VARSIZE(pending_error_members));
	memcpy(copy, pending_error_members, VARSIZE(pending_error_members));
	DdbClearErrorMembers();
	return copy;
}

/*
 * Raise exc as an ERROR: the exception's SQLSTATE, DynamoDB's message as
 * the primary message and the exception name as DETAIL.
 */
void
DdbRaiseWithMembersV(DdbException exc, Jsonb *members, const char *fmt, va_list args)
{
	StringInfoData message;

	initStringInfo(&message);
	for (;;)
	{
		va_list		copy;
		int			needed;

		va_copy(copy, args);
		needed = appendStringInfoVA(&message, fmt, copy);
		va_end(copy);
		if (needed == 0)
			break;
		enlargeStringInfo(&message, needed);
	}

	DdbClearErrorMembers();
	if (members != NULL)
	{
		pending_error_members = MemoryContextAlloc(TopMemoryContext,
												   VARSIZE(members));
		memcpy(pending_error_members, members, VARSIZE(members));
	}

	ereport(ERROR,
			errcode(DdbExceptionSqlstate(exc)),
			errmsg_internal("%s", message.data),
			errdetail_internal("%s", DdbExceptionName(exc)));
	pg_unreachable();
}

/* The same with the arguments in line. */
void
DdbRaiseWithMembers(DdbException exc, Jsonb *members, const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	DdbRaiseWithMembersV(exc, members, fmt, args);
	va_end(args);
}

/*
 * Build DynamoDB's error body.  The message member is "message" or
 * "Message" as the service spells it for this exception, and is left out
 * when the message is empty (as for UnknownOperationException).
 */
Jsonb *
DdbErrorBody(DdbException exc, const char *message, Jsonb *members)
{
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutString(&js, "__type",
					 psprintf("%s#%s", DdbExceptionNamespace(exc), DdbExceptionName(exc)));
	if (message != NULL && message[0] != '\0')
		DdbJsonPutString(&js, DdbExceptionCapitalMessage(exc) ? "Message" : "message",
						 message);
	if (members != NULL)
	{
		JsonbIterator *it = JsonbIteratorInit(&members->root);
		JsonbValue	v;
		JsonbIteratorToken tok;

		/* Copy every top-level member of the members object. */
		while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		{
			if (tok == WJB_KEY || tok == WJB_VALUE)
				pushJsonbValue(&js.state, tok, &v);
		}
	}
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}
