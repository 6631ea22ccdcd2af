/*-------------------------------------------------------------------------
 *
 * ddb_json.c
 *	  Building DynamoDB's JSON responses as jsonb.
 *
 * IDENTIFICATION
 *	  src/ddb_json.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/numeric.h"

#include "ddb_json.h"

/* Start building. */
void
DdbJsonInit(DdbJson *js)
{
	js->state = NULL;
	js->result = NULL;
}

/* Emit the member name when inside an object. */
static void
PutKey(DdbJson *js, const char *key)
{
	JsonbValue	k;

	if (key == NULL)
		return;
	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	pushJsonbValue(&js->state, WJB_KEY, &k);
}

/* Emit a scalar as a member value or an array element. */
static void
PutScalar(DdbJson *js, const char *key, JsonbValue *v)
{
	PutKey(js, key);
	js->result = pushJsonbValue(&js->state, key != NULL ? WJB_VALUE : WJB_ELEM, v);
}

/* Open an object (the root when js is empty). */
void
DdbJsonBeginObject(DdbJson *js, const char *key)
{
	PutKey(js, key);
	pushJsonbValue(&js->state, WJB_BEGIN_OBJECT, NULL);
}

/* Close the innermost object. */
void
DdbJsonEndObject(DdbJson *js)
{
	js->result = pushJsonbValue(&js->state, WJB_END_OBJECT, NULL);
}

/* Open an array. */
void
DdbJsonBeginArray(DdbJson *js, const char *key)
{
	PutKey(js, key);
	pushJsonbValue(&js->state, WJB_BEGIN_ARRAY, NULL);
}

/* Close the innermost array. */
void
DdbJsonEndArray(DdbJson *js)
{
	js->result = pushJsonbValue(&js->state, WJB_END_ARRAY, NULL);
}

/* A string of len bytes. */
void
DdbJsonPutStringLen(DdbJson *js, const char *key, const char *value, int len)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) value;
	v.val.string.len = len;
	PutScalar(js, key, &v);
}

/* A NUL-terminated string. */
void
DdbJsonPutString(DdbJson *js, const char *key, const char *value)
{
	DdbJsonPutStringLen(js, key, value, strlen(value));
}

/* A number. */
void
DdbJsonPutNumeric(DdbJson *js, const char *key, Numeric value)
{
	JsonbValue	v;

	v.type = jbvNumeric;
	v.val.numeric = value;
	PutScalar(js, key, &v);
}

/* An integral number. */
void
DdbJsonPutInt64(DdbJson *js, const char *key, int64 value)
{
	DdbJsonPutNumeric(js, key, int64_to_numeric(value));
}

/* A boolean. */
void
DdbJsonPutBool(DdbJson *js, const char *key, bool value)
{
	JsonbValue	v;

	v.type = jbvBool;
	v.val.boolean = value;
	PutScalar(js, key, &v);
}

/* Epoch seconds of a timestamp, keeping the microseconds as a fraction. */
Numeric
DdbTimestampToEpoch(TimestampTz ts)
{
	int64		usecs = ts + (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * USECS_PER_DAY;

	return int64_div_fast_to_numeric(usecs, 6);
}

/* A timestamp as epoch seconds. */
void
DdbJsonPutTimestamp(DdbJson *js, const char *key, TimestampTz ts)
{
	DdbJsonPutNumeric(js, key, DdbTimestampToEpoch(ts));
}

/* Embed a whole jsonb value. */
void
DdbJsonPutJsonb(DdbJson *js, const char *key, Jsonb *value)
{
	JsonbValue	v;

	if (JB_ROOT_IS_SCALAR(value))
	{
		JsonbExtractScalar(&value->root, &v);
		PutScalar(js, key, &v);
		return;
	}
	v.type = jbvBinary;
	v.val.binary.data = &value->root;
	v.val.binary.len = VARSIZE(value) - VARHDRSZ;
	PutScalar(js, key, &v);
}

/* {"<key>": value} */
Jsonb *
DdbJsonWrap(const char *key, Jsonb *value)
{
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutJsonb(&js, key, value);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/* The finished document. */
Jsonb *
DdbJsonFinish(DdbJson *js)
{
	Assert(js->result != NULL);
	return JsonbValueToJsonb(js->result);
}
