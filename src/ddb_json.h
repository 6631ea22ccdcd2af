/*-------------------------------------------------------------------------
 *
 * ddb_json.h
 *	  Building DynamoDB's JSON responses as jsonb.
 *
 * Thin wrappers over pushJsonbValue.  Every "put" takes the member name
 * (key) for use inside an object, or NULL for an array element.
 *
 * IDENTIFICATION
 *	  src/ddb_json.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_JSON_H
#define DDB_JSON_H

#include "postgres.h"

#include "utils/jsonb.h"
#include "utils/timestamp.h"

typedef struct DdbJson
{
	JsonbParseState *state;
	JsonbValue *result;
} DdbJson;

extern void DdbJsonInit(DdbJson *js);
extern void DdbJsonBeginObject(DdbJson *js, const char *key);
extern void DdbJsonEndObject(DdbJson *js);
extern void DdbJsonBeginArray(DdbJson *js, const char *key);
extern void DdbJsonEndArray(DdbJson *js);
extern void DdbJsonPutString(DdbJson *js, const char *key, const char *value);
extern void DdbJsonPutStringLen(DdbJson *js, const char *key, const char *value, int len);
extern void DdbJsonPutInt64(DdbJson *js, const char *key, int64 value);
extern void DdbJsonPutNumeric(DdbJson *js, const char *key, Numeric value);
extern void DdbJsonPutBool(DdbJson *js, const char *key, bool value);

/* A timestamp as DynamoDB sends it: epoch seconds, with a fraction. */
extern void DdbJsonPutTimestamp(DdbJson *js, const char *key, TimestampTz ts);

/* Embed a whole jsonb value (object, array or scalar). */
extern void DdbJsonPutJsonb(DdbJson *js, const char *key, Jsonb *value);

/* The object {"<key>": value}, as a whole response of one member. */
extern Jsonb *DdbJsonWrap(const char *key, Jsonb *value);

/* The finished value, once the outermost container has been closed. */
extern Jsonb *DdbJsonFinish(DdbJson *js);

/* Epoch seconds (with fraction) of a timestamp, as a numeric. */
extern Numeric DdbTimestampToEpoch(TimestampTz ts);

#endif							/* DDB_JSON_H */
