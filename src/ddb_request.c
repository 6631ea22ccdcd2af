/*-------------------------------------------------------------------------
 *
 * ddb_request.c
 *	  Typed access to request members and DynamoDB's constraint messages.
 *
 * The SerializationException texts follow the service's Java unmarshaller
 * as recorded in errors.md §4; where errors.md lists no text for a
 * mismatch, the nearest recorded one is used (see README, "Error
 * contract").
 *
 * IDENTIFICATION
 *	  src/ddb_request.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <limits.h>

#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "ddb_core.h"
#include "ddb_request.h"

/* Raise SerializationException unless the request is a JSON object. */
JsonbContainer *
DdbRequestRoot(Jsonb *request)
{
	if (!JB_ROOT_IS_OBJECT(request))
	{
		if (JB_ROOT_IS_SCALAR(request))
			DdbRaise(DDB_EXC_SerializationException, "Unexpected field type");
		DdbRaise(DDB_EXC_SerializationException,
				 "Start of list found where not expected");
	}
	return &request->root;
}

/* A member of an object, or NULL if absent or null. */
JsonbValue *
DdbGetMember(JsonbContainer *obj, const char *name)
{
	JsonbValue *v;

	if (obj == NULL)
		return NULL;
	v = getKeyJsonValueFromContainer(obj, name, strlen(name), NULL);
	if (v == NULL || v->type == jbvNull)
		return NULL;
	return v;
}

/* Whether a numeric value has a fractional part or an exponent. */
static bool
NumericLooksDecimal(Numeric num)
{
	char	   *text = DatumGetCString(DirectFunctionCall1(numeric_out,
														   NumericGetDatum(num)));

	return strpbrk(text, ".eE") != NULL;
}

/* The unmarshaller's name for the JSON token that was found instead. */
static const char *
TokenName(JsonbValue *v)
{
	switch (v->type)
	{
		case jbvString:
			return "STRING_VALUE";
		case jbvNumeric:
			return NumericLooksDecimal(v->val.numeric) ? "DECIMAL_VALUE" : "NUMBER_VALUE";
		case jbvBool:
			return v->val.boolean ? "TRUE_VALUE" : "FALSE_VALUE";
		default:
			return "VALUE";
	}
}

/* Whether v is an array or object (stored as a binary container). */
static bool
IsContainer(JsonbValue *v, bool *is_array)
{
	if (v->type == jbvBinary)
	{
		*is_array = JsonContainerIsArray(v->val.binary.data);
		return true;
	}
	if (v->type == jbvArray || v->type == jbvObject)
	{
		*is_array = (v->type == jbvArray);
		return true;
	}
	return false;
}

/* Raise the error for a container where a scalar of java_type was expected. */
static void
RejectContainerForScalar(JsonbValue *v, const char *java_type)
{
	bool		is_array;

	if (IsContainer(v, &is_array))
	{
		if (is_array)
			DdbRaise(DDB_EXC_SerializationException,
					 "Unrecognized collection type class java.lang.%s", java_type);
		DdbRaise(DDB_EXC_SerializationException,
				 "Start of structure or map found where not expected");
	}
}

/* The same checks as DdbGetString applied to a value in hand. */
char *
DdbValueAsString(JsonbValue *v, int *len)
{
	RejectContainerForScalar(v, "String");
	if (v->type != jbvString)
		DdbRaise(DDB_EXC_SerializationException,
				 "%s cannot be converted to String", TokenName(v));
	if (len)
		*len = v->val.string.len;
	return pnstrdup(v->val.string.val, v->val.string.len);
}

/* A string member; SerializationException for any other JSON type. */
bool
DdbGetString(JsonbContainer *obj, const char *name, char **out, int *len)
{
	JsonbValue *v = DdbGetMember(obj, name);

	if (v == NULL)
		return false;
	*out = DdbValueAsString(v, len);
	return true;
}

/* Read an integral JSON number into an int64 within [min, max]. */
static int64
NumberToInt64(JsonbValue *v, const char *java_type, int64 min, int64 max)
{
	char	   *text;
	char	   *end;
	long long	value;

	RejectContainerForScalar(v, java_type);
	if (v->type != jbvNumeric || NumericLooksDecimal(v->val.numeric))
		DdbRaise(DDB_EXC_SerializationException,
				 "%s cannot be converted to %s", TokenName(v), java_type);
	text = DatumGetCString(DirectFunctionCall1(numeric_out,
											   NumericGetDatum(v->val.numeric)));
	errno = 0;
	value = strtoll(text, &end, 10);
	if (errno != 0 || *end != '\0' || value < min || value > max)
		DdbRaise(DDB_EXC_SerializationException,
				 "NUMBER_VALUE cannot be converted to %s", java_type);
	return (int64) value;
}

/* A long member (Java Long): a JSON number without fraction. */
bool
DdbGetLong(JsonbContainer *obj, const char *name, int64 *out)
{
	JsonbValue *v = DdbGetMember(obj, name);

	if (v == NULL)
		return false;
	*out = NumberToInt64(v, "Long", PG_INT64_MIN, PG_INT64_MAX);
	return true;
}

/* An integer member (Java Integer): a JSON number without fraction. */
bool
DdbGetInteger(JsonbContainer *obj, const char *name, int32 *out)
{
	JsonbValue *v = DdbGetMember(obj, name);

	if (v == NULL)
		return false;
	*out = (int32) NumberToInt64(v, "Integer", PG_INT32_MIN, PG_INT32_MAX);
	return true;
}

/*
 * A boolean member.  Like the service's unmarshaller, the strings "true",
 * "false", "1", "0", "yes" and "no" are tolerated.
 */
bool
DdbGetBool(JsonbContainer *obj, const char *name, bool *out)
{
	JsonbValue *v = DdbGetMember(obj, name);

	if (v == NULL)
		return false;
	RejectContainerForScalar(v, "Boolean");
	if (v->type == jbvBool)
	{
		*out = v->val.boolean;
		return true;
	}
	if (v->type == jbvString)
	{
		char	   *s = pnstrdup(v->val.string.val, v->val.string.len);

		if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0 || strcmp(s, "yes") == 0)
			*out = true;
		else if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0 || strcmp(s, "no") == 0)
			*out = false;
		else
			DdbRaise(DDB_EXC_SerializationException,
					 "Unexpected token received from parser");
		return true;
	}
	DdbRaise(DDB_EXC_SerializationException,
			 "%s cannot be converted to Boolean", TokenName(v));
}

/*
 * The container of a value that must be a JSON object (a structure).  An
 * array is "Start of list found where not expected", as the request root
 * is (DdbRequestRoot); a scalar is "Unexpected field type".
 */
JsonbContainer *
DdbValueAsObject(JsonbValue *v)
{
	bool		is_array;

	if (IsContainer(v, &is_array) && is_array)
		DdbRaise(DDB_EXC_SerializationException,
				 "Start of list found where not expected");
	if (v->type != jbvBinary)
		DdbRaise(DDB_EXC_SerializationException, "Unexpected field type");
	return v->val.binary.data;
}

/* A structure member. */
bool
DdbGetObject(JsonbContainer *obj, const char *name, JsonbContainer **out)
{
	JsonbValue *v = DdbGetMember(obj, name);

	if (v == NULL)
		return false;
	*out = DdbValueAsObject(v);
	return true;
}

/* A structure of two long members (throughputs); see ddb_request.h. */
bool
DdbGetCapacity(JsonbContainer *obj, DdbCapacityKind kind, bool write_first, DdbCapacity *cap)
{
	static const char *const members[][3] = {
		[DDB_PROVISIONED_THROUGHPUT] =
		{"ProvisionedThroughput", "ReadCapacityUnits", "WriteCapacityUnits"},
		[DDB_ON_DEMAND_THROUGHPUT] =
		{"OnDemandThroughput", "MaxReadRequestUnits", "MaxWriteRequestUnits"},
		[DDB_WARM_THROUGHPUT] =
		{"WarmThroughput", "ReadUnitsPerSecond", "WriteUnitsPerSecond"},
	};
	const char *read_member = members[kind][1];
	const char *write_member = members[kind][2];
	JsonbContainer *c;

	memset(cap, 0, sizeof(DdbCapacity));
	cap->read_member = read_member;
	cap->write_member = write_member;
	if (!DdbGetObject(obj, members[kind][0], &c))
		return false;
	cap->present = true;
	if (write_first)
		cap->has_write = DdbGetLong(c, write_member, &cap->write);
	cap->has_read = DdbGetLong(c, read_member, &cap->read);
	if (!write_first)
		cap->has_write = DdbGetLong(c, write_member, &cap->write);
	return true;
}

/* A list member. */
bool
DdbGetArray(JsonbContainer *obj, const char *name, JsonbContainer **out)
{
	JsonbValue *v = DdbGetMember(obj, name);
	bool		is_array;

	if (v == NULL)
		return false;
	if (!IsContainer(v, &is_array) || v->type != jbvBinary)
		DdbRaise(DDB_EXC_SerializationException, "Unexpected field type");
	if (!is_array)
		DdbRaise(DDB_EXC_SerializationException,
				 "Start of structure or map found where not expected");
	*out = v->val.binary.data;
	return true;
}

/* Number of elements of an array container. */
int
DdbArraySize(JsonbContainer *array)
{
	return JsonContainerSize(array);
}

/* Element i (0-based) of an array container. */
JsonbValue *
DdbArrayElement(JsonbContainer *array, int i)
{
	return getIthJsonbValueFromContainer(array, i);
}

/* Start collecting violations. */
void
DdbViolationsInit(DdbViolations *v)
{
	v->count = 0;
	initStringInfo(&v->text);
}

/* Record one violation; only the first ten are printed, as DynamoDB does. */
void
DdbViolationAdd(DdbViolations *v, const char *value, const char *path,
				const char *constraint_fmt,...)
{
	if (v->count < 10)
	{
		if (v->count > 0)
			appendStringInfoString(&v->text, "; ");
		if (value == NULL)
			appendStringInfo(&v->text, "Value null at '%s' failed to satisfy constraint: ",
							 path);
		else
			appendStringInfo(&v->text, "Value '%s' at '%s' failed to satisfy constraint: ",
							 value, path);
		for (;;)
		{
			va_list		args;
			int			needed;

			va_start(args, constraint_fmt);
			needed = appendStringInfoVA(&v->text, constraint_fmt, args);
			va_end(args);
			if (needed == 0)
				break;
			enlargeStringInfo(&v->text, needed);
		}
	}
	v->count++;
}

/* Raise ValidationException listing the violations, if there are any. */
void
DdbViolationsRaise(DdbViolations *v)
{
	int			shown = Min(v->count, 10);

	if (v->count == 0)
		return;
	DdbRaise(DDB_EXC_ValidationException, "%d validation error%s detected: %s",
			 shown, shown == 1 ? "" : "s", v->text.data);
}

/* "Member must not be null" when the member is absent. */
void
DdbCheckRequired(DdbViolations *v, JsonbContainer *obj, const char *member,
				 const char *path)
{
	if (DdbGetMember(obj, member) == NULL)
		DdbViolationAdd(v, NULL, path, "Member must not be null");
}

/* Length limits of a string member (in characters, as the model counts). */
void
DdbCheckLength(DdbViolations *v, const char *value, int len, int min, int max,
			   const char *path)
{
	if (value == NULL)
		return;
	if (len > max)
		DdbViolationAdd(v, value, path,
						"Member must have length less than or equal to %d", max);
	if (len < min)
		DdbViolationAdd(v, value, path,
						"Member must have length greater than or equal to %d", min);
}

/* The table and index name pattern [a-zA-Z0-9_.-]+. */
void
DdbCheckNamePattern(DdbViolations *v, const char *value, const char *path)
{
	const char *p;

	if (value == NULL)
		return;
	if (*value == '\0')
	{
		DdbViolationAdd(v, value, path,
						"Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
		return;
	}
	for (p = value; *p; p++)
	{
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			  (*p >= '0' && *p <= '9') || *p == '_' || *p == '.' || *p == '-'))
		{
			DdbViolationAdd(v, value, path,
							"Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
			return;
		}
	}
}

/* A name member: required, the pattern, then the length in characters. */
void
DdbCheckNameConstraints(DdbViolations *v, const char *value, int min, int max,
						const char *path)
{
	if (value == NULL)
	{
		DdbViolationAdd(v, NULL, path, "Member must not be null");
		return;
	}
	DdbCheckNamePattern(v, value, path);
	DdbCheckLength(v, value, pg_mbstrlen_with_len(value, strlen(value)), min, max, path);
}

/* An enum member: value must be one of allowed (NULL-terminated list). */
void
DdbCheckEnum(DdbViolations *v, const char *value, const char *path,
			 const char *const *allowed, const char *printed_set)
{
	if (value == NULL)
		return;
	for (; *allowed; allowed++)
		if (strcmp(value, *allowed) == 0)
			return;
	DdbViolationAdd(v, value, path, "Member must satisfy enum value set: %s",
					printed_set);
}

/* ProvisionedThroughput: both members required, each at least 1. */
void
DdbCheckThroughputConstraints(DdbViolations *v, const DdbCapacity *cap, const char *path)
{
	const char *names[2] = {"writeCapacityUnits", "readCapacityUnits"};
	bool		has[2] = {cap->has_write, cap->has_read};
	int64		values[2] = {cap->write, cap->read};

	if (!cap->present)
		return;
	for (int i = 0; i < 2; i++)
	{
		char	   *member_path = psprintf("%s.%s", path, names[i]);

		if (!has[i])
			DdbViolationAdd(v, NULL, member_path, "Member must not be null");
		else if (values[i] < 1)
			DdbViolationAdd(v, psprintf(INT64_FORMAT, values[i]), member_path,
							"Member must have value greater than or equal to 1");
	}
}
