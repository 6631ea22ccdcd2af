/*-------------------------------------------------------------------------
 *
 * ddb_data_request.c
 *	  Request members common to the data-plane operations: TableName,
 *	  ReturnConsumedCapacity, ReturnItemCollectionMetrics, ReturnValues,
 *	  ReturnValuesOnConditionCheckFailure, ExpressionAttributeNames and
 *	  ExpressionAttributeValues.
 *
 * The texts and the order of the checks are the service's as recorded by
 * dynalite's tests (expressions.md sections 4 and 9, errors.md section 3).
 *
 * IDENTIFICATION
 *	  src/ddb_data_request.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"

#include "ddb_attrval_jsonb.h"
#include "ddb_catalog.h"
#include "ddb_data.h"

static char *ReadEnum(JsonbContainer *obj, const char *member, const char *path,
					  const char *const *allowed, const char *printed,
					  DdbViolations *v);

/* TableName (a name or a table ARN) with its model constraints. */
char *
DdbReadDataTableName(JsonbContainer *obj, const char *member, const char *path,
					 DdbViolations *v)
{
	char	   *value;
	char	   *name;
	int			len;
	int			chars;

	if (!DdbGetString(obj, member, &value, &len))
	{
		DdbViolationAdd(v, NULL, path, "Member must not be null");
		return NULL;
	}
	chars = pg_mbstrlen_with_len(value, len);
	if (DdbParseTableArn(value, &name))
	{
		DdbCheckLength(v, value, chars, 1, 1024, path);
		return value;
	}
	DdbCheckNamePattern(v, value, path);
	DdbCheckLength(v, value, chars, 3, 255, path);
	return value;
}

/* An enum member: NULL when absent; a violation when not in the set. */
static char *
ReadEnum(JsonbContainer *obj, const char *member, const char *path,
		 const char *const *allowed, const char *printed, DdbViolations *v)
{
	char	   *value;

	if (!DdbGetString(obj, member, &value, NULL))
		return NULL;
	for (const char *const *a = allowed; *a; a++)
		if (strcmp(*a, value) == 0)
			return value;
	DdbViolationAdd(v, value, path, "Member must satisfy enum value set: %s", printed);
	return NULL;
}

/* ReturnConsumedCapacity */
DdbReturnCapacity
DdbReadReturnConsumedCapacity(JsonbContainer *root, DdbViolations *v)
{
	static const char *const allowed[] = {"INDEXES", "TOTAL", "NONE", NULL};
	char	   *value = ReadEnum(root, "ReturnConsumedCapacity", "returnConsumedCapacity",
								 allowed, "[INDEXES, TOTAL, NONE]", v);

	if (value == NULL || strcmp(value, "NONE") == 0)
		return DDB_CAPACITY_NONE;
	return strcmp(value, "TOTAL") == 0 ? DDB_CAPACITY_TOTAL : DDB_CAPACITY_INDEXES;
}

/* ReturnItemCollectionMetrics */
bool
DdbReadReturnItemCollectionMetrics(JsonbContainer *root, DdbViolations *v)
{
	static const char *const allowed[] = {"SIZE", "NONE", NULL};
	char	   *value = ReadEnum(root, "ReturnItemCollectionMetrics",
								 "returnItemCollectionMetrics", allowed, "[SIZE, NONE]", v);

	return value != NULL && strcmp(value, "SIZE") == 0;
}

/* ReturnValues */
DdbReturnValues
DdbReadReturnValues(JsonbContainer *root, DdbViolations *v)
{
	static const char *const allowed[] = {"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE",
	"UPDATED_NEW", NULL};
	char	   *value = ReadEnum(root, "ReturnValues", "returnValues", allowed,
								 "[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]", v);

	if (value == NULL || strcmp(value, "NONE") == 0)
		return DDB_RETURN_NONE;
	if (strcmp(value, "ALL_OLD") == 0)
		return DDB_RETURN_ALL_OLD;
	if (strcmp(value, "UPDATED_OLD") == 0)
		return DDB_RETURN_UPDATED_OLD;
	if (strcmp(value, "ALL_NEW") == 0)
		return DDB_RETURN_ALL_NEW;
	return DDB_RETURN_UPDATED_NEW;
}

/* ReturnValuesOnConditionCheckFailure */
bool
DdbReadReturnValuesOnConditionCheckFailure(JsonbContainer *obj, const char *path,
										   DdbViolations *v)
{
	static const char *const allowed[] = {"ALL_OLD", "NONE", NULL};
	char	   *value = ReadEnum(obj, "ReturnValuesOnConditionCheckFailure", path,
								 allowed, "[ALL_OLD, NONE]", v);

	return value != NULL && strcmp(value, "ALL_OLD") == 0;
}

/* Stage 1: the JSON types of both placeholder maps. */
void
DdbExprParamsRead(JsonbContainer *obj, bool values_member, DdbExprParams *params)
{
	memset(params, 0, sizeof(DdbExprParams));

	if (DdbGetObject(obj, "ExpressionAttributeNames", &params->names))
	{
		JsonbIterator *it = JsonbIteratorInit(params->names);
		JsonbValue	v;
		JsonbIteratorToken tok;

		while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
			if (tok == WJB_VALUE && v.type != jbvNull)
				(void) DdbValueAsString(&v, NULL);
	}

	if (values_member && DdbGetObject(obj, "ExpressionAttributeValues", &params->values))
	{
		int			n = JsonContainerSize(params->values);
		JsonbIterator *it = JsonbIteratorInit(params->values);
		JsonbValue	v;
		JsonbIteratorToken tok;
		int			i = -1;

		params->value_keys = palloc0(sizeof(char *) * Max(n, 1));
		params->value_key_lens = palloc0(sizeof(int) * Max(n, 1));
		params->value_values = palloc0(sizeof(DdbValue *) * Max(n, 1));
		params->value_errors = palloc0(sizeof(char *) * Max(n, 1));
		while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		{
			if (tok == WJB_KEY)
			{
				i++;
				params->value_keys[i] = pnstrdup(v.val.string.val, v.val.string.len);
				params->value_key_lens[i] = v.val.string.len;
			}
			else if (tok == WJB_VALUE)
			{
				const char *error = NULL;

				params->value_values[i] = DdbJsonbToValue(&v, &error);
				params->value_errors[i] = error;
			}
		}
		params->nvalues = i + 1;
	}
}

/* Stage 2: expressions versus legacy members; maps without expressions. */
void
DdbExprParamsCheckUsage(DdbExprParams *params, JsonbContainer *obj,
						const char *const *expr_members, int nexpr,
						const char *const *legacy_members, int nlegacy)
{
	StringInfoData present;
	StringInfoData legacy;
	StringInfoData value_exprs;
	int			npresent = 0;
	int			nlegacy_present = 0;
	int			nvalue_exprs = 0;
	bool		any_value_expr = false;
	bool		has_key_condition = false;

	initStringInfo(&present);
	initStringInfo(&legacy);
	initStringInfo(&value_exprs);
	for (int i = 0; i < nexpr; i++)
	{
		bool		is_present = DdbGetMember(obj, expr_members[i]) != NULL;

		if (is_present)
		{
			appendStringInfo(&present, "%s%s", npresent++ ? ", " : "", expr_members[i]);
			if (strcmp(expr_members[i], "KeyConditionExpression") == 0)
				has_key_condition = true;
		}
		if (strcmp(expr_members[i], "ProjectionExpression") != 0)
		{
			appendStringInfo(&value_exprs, "%s%s", nvalue_exprs++ ? " and " : "",
							 expr_members[i]);
			if (is_present)
				any_value_expr = true;
		}
	}

	if (npresent > 0)
	{
		for (int i = 0; i < nlegacy; i++)
		{
			/* KeyConditions alone goes with the other expressions (dynalite) */
			if (strcmp(legacy_members[i], "KeyConditions") == 0 && !has_key_condition)
				continue;
			if (DdbGetMember(obj, legacy_members[i]) != NULL)
				appendStringInfo(&legacy, "%s%s", nlegacy_present++ ? ", " : "",
								 legacy_members[i]);
		}
		if (nlegacy_present > 0)
			DdbRaise(DDB_EXC_ValidationException,
					 "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {%s} Expression parameters: {%s}",
					 legacy.data, present.data);
	}

	if (params->names != NULL && npresent == 0)
		DdbRaise(DDB_EXC_ValidationException,
				 "ExpressionAttributeNames can only be specified when using expressions");
	if (params->values != NULL && nvalue_exprs > 0 && !any_value_expr)
		DdbRaise(DDB_EXC_ValidationException,
				 "ExpressionAttributeValues can only be specified when using expressions: %s %s null",
				 value_exprs.data, nvalue_exprs > 1 ? "are" : "is");
}

/* Stage 4: the maps' own checks, and the context. */
DdbExprContext *
DdbExprParamsContext(DdbExprParams *params)
{
	DdbExprContext *ctx = DdbExprContextCreate();

	if (params->names != NULL)
	{
		JsonbIterator *it;
		JsonbValue	v;
		JsonbIteratorToken tok;
		char	   *key = NULL;
		int			key_len = 0;

		if (JsonContainerSize(params->names) == 0)
			DdbRaise(DDB_EXC_ValidationException,
					 "ExpressionAttributeNames must not be empty");
		it = JsonbIteratorInit(params->names);
		while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		{
			if (tok == WJB_KEY)
			{
				key = v.val.string.val;
				key_len = v.val.string.len;
				DdbExprCheckNameKey(key, key_len);
			}
			else if (tok == WJB_VALUE && v.type == jbvString)
				DdbExprContextAddName(ctx, key, key_len, v.val.string.val,
									  v.val.string.len);
		}
	}

	if (params->values != NULL)
	{
		if (params->nvalues == 0)
			DdbRaise(DDB_EXC_ValidationException,
					 "ExpressionAttributeValues must not be empty");
		for (int i = 0; i < params->nvalues; i++)
			DdbExprCheckValueKey(params->value_keys[i], params->value_key_lens[i]);
		for (int i = 0; i < params->nvalues; i++)
			if (params->value_values[i] == NULL)
				DdbRaise(DDB_EXC_ValidationException,
						 "ExpressionAttributeValues contains invalid value: %s for key %s",
						 params->value_errors[i] ? params->value_errors[i]
						 : "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
						 params->value_keys[i]);
		for (int i = 0; i < params->nvalues; i++)
			DdbExprContextAddValue(ctx, params->value_keys[i], params->value_key_lens[i],
								   params->value_values[i]);
	}
	return ctx;
}
