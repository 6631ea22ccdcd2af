/*-------------------------------------------------------------------------
 *
 * ddb_errors.h
 *	  DynamoDB exceptions as PostgreSQL errors.
 *
 * Every DynamoDB exception has its own SQLSTATE in class "YD" (see
 * ddb_exceptions.h for the list).  A DynamoDB error is raised as an
 * ERROR whose SQLSTATE is the exception's, whose primary message is
 * DynamoDB's message text, and whose DETAIL is the exception name, so
 * that ddb_<operation>() callers see an ordinary PostgreSQL error and
 * ddb_execute() can turn it back into DynamoDB's JSON error body.
 *
 * Some exceptions carry more than a message (the "Item" of a
 * ConditionalCheckFailedException, the "CancellationReasons" of a
 * TransactionCanceledException).  Those members are kept as a jsonb
 * object in backend-local memory while the error propagates: see
 * DdbRaiseWithMembers and DdbTakeErrorMembers.
 *
 * IDENTIFICATION
 *	  src/ddb_errors.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_ERRORS_H
#define DDB_ERRORS_H

#include "postgres.h"

#include "utils/elog.h"
#include "utils/jsonb.h"

#include "ddb_core.h"

#define DDB_SQLSTATE_CLASS_CHAR1 'Y'
#define DDB_SQLSTATE_CLASS_CHAR2 'D'

/* ERRCODE_DDB_ValidationException, ERRCODE_DDB_SerializationException, ... */
#define DDB_ERRCODE(c1, c2, c3) \
	MAKE_SQLSTATE(DDB_SQLSTATE_CLASS_CHAR1, DDB_SQLSTATE_CLASS_CHAR2, c1, c2, c3)

enum
{
#define DDB_ERRCODE_ENUM(name, ns, http, c1, c2, c3, capital) ERRCODE_DDB_##name = DDB_ERRCODE(c1, c2, c3),
	DDB_EXCEPTION_LIST(DDB_ERRCODE_ENUM)
#undef DDB_ERRCODE_ENUM
};

/* The SQLSTATE (as packed by MAKE_SQLSTATE) of an exception. */
extern int	DdbExceptionSqlstate(DdbException exc);

/* The exception whose SQLSTATE this is; false if it is not one of ours. */
extern bool DdbExceptionFromSqlstate(int sqlerrcode, DdbException *exc);

/*
 * Raise exc with a message and extra members of the JSON error body
 * (members is a jsonb object, or NULL).
 */
extern void DdbRaiseWithMembers(DdbException exc, Jsonb *members,
								const char *fmt,...) pg_attribute_noreturn() pg_attribute_printf(3, 4);

/* DdbRaiseWithMembers with a va_list. */
extern void DdbRaiseWithMembersV(DdbException exc, Jsonb *members,
								 const char *fmt, va_list args) pg_attribute_noreturn() pg_attribute_printf(3, 0);

/*
 * The extra members recorded by the most recent DdbRaiseWithMembers, or
 * NULL; the record is cleared.  Copied into the current memory context.
 */
extern Jsonb *DdbTakeErrorMembers(void);

/* Forget any recorded extra members (at the start of a request). */
extern void DdbClearErrorMembers(void);

/*
 * DynamoDB's JSON error body for an error raised by DdbRaise:
 * {"__type": "<namespace>#<Exception>", "message": "<text>", ...members}.
 */
extern Jsonb *DdbErrorBody(DdbException exc, const char *message, Jsonb *members);

#endif							/* DDB_ERRORS_H */
