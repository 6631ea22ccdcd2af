/*-------------------------------------------------------------------------
 *
 * ddb_request.h
 *	  Reading DynamoDB request members from jsonb, with DynamoDB's errors.
 *
 * DynamoDB checks a request in stages: first the JSON types of its members
 * (SerializationException, e.g. "NUMBER_VALUE cannot be converted to
 * String"), then the model's constraints, all collected into one
 * ValidationException ("2 validation errors detected: Value ... at
 * 'tableName' failed to satisfy constraint: ..."), then the operation's own
 * semantic checks.  The getters here perform the first stage as they read;
 * DdbViolations collects the second.
 *
 * A member that is absent or JSON null is "absent" (errors.md §4: null
 * values are treated as absent).  Unknown members are ignored.
 *
 * IDENTIFICATION
 *	  src/ddb_request.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_REQUEST_H
#define DDB_REQUEST_H

#include "postgres.h"

#include "lib/stringinfo.h"
#include "utils/jsonb.h"

/* Raise SerializationException unless the request is a JSON object. */
extern JsonbContainer *DdbRequestRoot(Jsonb *request);

/* A member of an object, or NULL if absent or null. */
extern JsonbValue *DdbGetMember(JsonbContainer *obj, const char *name);

/*
 * Typed getters: return false when the member is absent; raise
 * SerializationException with DynamoDB's text when its JSON type is wrong.
 * Strings come back NUL-terminated in *out with the byte length in *len
 * (len may be NULL).
 */
extern bool DdbGetString(JsonbContainer *obj, const char *name, char **out, int *len);
extern bool DdbGetLong(JsonbContainer *obj, const char *name, int64 *out);
extern bool DdbGetInteger(JsonbContainer *obj, const char *name, int32 *out);
extern bool DdbGetBool(JsonbContainer *obj, const char *name, bool *out);
extern bool DdbGetObject(JsonbContainer *obj, const char *name, JsonbContainer **out);
extern bool DdbGetArray(JsonbContainer *obj, const char *name, JsonbContainer **out);

/* The structures of two long members (a "read" and a "write" one). */
typedef enum DdbCapacityKind
{
	DDB_PROVISIONED_THROUGHPUT, /* ProvisionedThroughput {ReadCapacityUnits,
								 * WriteCapacityUnits} */
	DDB_ON_DEMAND_THROUGHPUT,	/* OnDemandThroughput {MaxReadRequestUnits,
								 * MaxWriteRequestUnits} */
	DDB_WARM_THROUGHPUT			/* WarmThroughput {ReadUnitsPerSecond,
								 * WriteUnitsPerSecond} */
} DdbCapacityKind;

/* One such structure of a request. */
typedef struct DdbCapacity
{
	const char *read_member;	/* the names of its members */
	const char *write_member;
	bool		present;		/* the member is there (perhaps {}) */
	bool		has_read;
	bool		has_write;
	int64		read;
	int64		write;
} DdbCapacity;

/*
 * Read the structure of that kind, a member of obj (all zero but the
 * member names when absent); returns cap->present.  write_first reads the
 * write member before the read one, which decides the SerializationException
 * when both have a bad JSON type.
 */
extern bool DdbGetCapacity(JsonbContainer *obj, DdbCapacityKind kind, bool write_first,
						   DdbCapacity *cap);

/* The same checks applied to a value already in hand (list elements). */
extern char *DdbValueAsString(JsonbValue *v, int *len);
extern JsonbContainer *DdbValueAsObject(JsonbValue *v);

/* Number of elements of an array container. */
extern int	DdbArraySize(JsonbContainer *array);

/* Element i (0-based) of an array container. */
extern JsonbValue *DdbArrayElement(JsonbContainer *array, int i);

/*
 * Constraint violations, reported together as DynamoDB does: at most ten,
 * "<n> validation error[s] detected: <v1>; <v2>".
 */
typedef struct DdbViolations
{
	int			count;
	StringInfoData text;
} DdbViolations;

extern void DdbViolationsInit(DdbViolations *v);

/*
 * Record "Value <value> at '<path>' failed to satisfy constraint: <what>".
 * value is the already formatted value: NULL prints null, anything else is
 * printed in single quotes.
 */
extern void DdbViolationAdd(DdbViolations *v, const char *value, const char *path,
							const char *constraint_fmt,...) pg_attribute_printf(4, 5);

/* Raise ValidationException if any violation was recorded. */
extern void DdbViolationsRaise(DdbViolations *v);

/* Common constraint checks that record a violation when broken. */
extern void DdbCheckRequired(DdbViolations *v, JsonbContainer *obj, const char *member,
							 const char *path);
extern void DdbCheckLength(DdbViolations *v, const char *value, int len,
						   int min, int max, const char *path);
extern void DdbCheckNamePattern(DdbViolations *v, const char *value, const char *path);

/*
 * A table or index name at path: required, then the pattern, then min..max
 * characters.
 */
extern void DdbCheckNameConstraints(DdbViolations *v, const char *value, int min, int max,
									const char *path);
extern void DdbCheckEnum(DdbViolations *v, const char *value, const char *path,
						 const char *const *allowed, const char *printed_set);

/*
 * A ProvisionedThroughput at path, when present: writeCapacityUnits, then
 * readCapacityUnits, each required and at least 1.
 */
extern void DdbCheckThroughputConstraints(DdbViolations *v, const DdbCapacity *cap,
										  const char *path);

#endif							/* DDB_REQUEST_H */
