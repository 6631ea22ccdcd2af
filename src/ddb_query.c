/*-------------------------------------------------------------------------
 *
 * ddb_query.c
 *	  Query: the items of one partition of a table or secondary index,
 *	  in sort key order, one page at a time (items.md section 10).
 *
 * The request is checked in DynamoDB's order (expressions.md section 9;
 * the order among the table-dependent checks follows the service as
 * recorded by dynalite's tests):
 *
 *	1. JSON types; the model's constraints, reported together: Select,
 *	   IndexName, ReturnConsumedCapacity, TableName, ConditionalOperator,
 *	   AttributesToGet, Limit, then the Select rules that need no table (which the service
 *	   reports in the same "1 validation error detected: ..." form).
 *	2. Expressions mixed with legacy members; placeholder maps without
 *	   expressions; AttributesToGet duplicates.
 *	3. ExclusiveStartKey's values; a key condition is required; the legacy
 *	   KeyConditions, QueryFilter and ConditionalOperator, which ddbtable
 *	   does not implement, are refused.
 *	4. The placeholder maps, KeyConditionExpression, FilterExpression,
 *	   ProjectionExpression, the unused placeholders, the shape of the key
 *	   condition.
 *	5. The table (ResourceNotFoundException, AccessDeniedException); the
 *	   index (IndexName, ConsistentRead on a GSI, a GSI being built).
 *	6. ExclusiveStartKey against the key schema, interleaved with the key
 *	   condition's resolution as the service does: the attribute count, the
 *	   partition key, the key condition, the sort key, the table's own keys,
 *	   then the start key against the condition.
 *	7. Nested key paths in the projection, key attributes in the filter,
 *	   Select ALL_ATTRIBUTES on a GSI, attributes a GSI does not project,
 *	   nested key paths in the filter.
 *
 * Then one page is read (ddb_read_path.c).
 *
 * IDENTIFICATION
 *	  src/ddb_query.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "ddb_core.h"
#include "ddb_data.h"
#include "ddb_operations.h"
#include "ddb_read_path.h"
#include "ddb_request.h"

static void CheckStartKey(DdbReadPlan *plan, DdbReadMembers *m, const DdbKeyTerms *terms,
						  DdbKeyRange **range);

/*
 * ExclusiveStartKey against the key schema read, interleaved with the
 * resolution of the key condition (sets *range).
 */
static void
CheckStartKey(DdbReadPlan *plan, DdbReadMembers *m, const DdbKeyTerms *terms,
			  DdbKeyRange **range)
{
	DdbDataTable *table = plan->table;
	const char *hash_name;
	const char *range_name;
	DdbValueType hash_type;
	DdbValueType range_type;
	const DdbValue *start_hash = NULL;
	const DdbValue *start_range = NULL;
	const DdbValue *esk = m->start_key;

	if (plan->index != NULL)
	{
		hash_name = plan->index->def->hash_key.name;
		hash_type = plan->index->hash_type;
		range_name = plan->index->has_range ? plan->index->def->range_key.name : NULL;
		range_type = plan->index->range_type;
	}
	else
	{
		hash_name = table->def->hash_key.name;
		hash_type = table->hash_type;
		range_name = table->has_range ? table->def->range_key.name : NULL;
		range_type = table->range_type;
	}

	if (esk != NULL)
	{
		if ((int) esk->u.map.count != DdbReadStartKeySize(plan))
			DdbRaise(DDB_EXC_ValidationException, "The provided starting key is invalid");
		start_hash = DdbReadStartKeyPiece(esk, hash_name, hash_type, false, false);
	}

	*range = DdbKeyConditionResolve(terms, hash_name, hash_type, range_name, range_type);

	if (esk == NULL)
		return;
	if (range_name != NULL)
		start_range = DdbReadStartKeyPiece(esk, range_name, range_type, true, false);
	DdbReadCheckStartTableKey(plan, esk);

	/* the start key against the key condition */
	if (!(*range)->has_range)
	{
		if (!DdbValueEquals(start_hash, (*range)->hash_value))
			DdbRaise(DDB_EXC_ValidationException,
					 "The provided starting key is outside query boundaries based on provided conditions");
	}
	else
	{
		if (!DdbKeyRangeMatches(*range, start_range))
			DdbRaise(DDB_EXC_ValidationException,
					 "The provided starting key does not match the range key predicate");
		if (!DdbValueEquals(start_hash, (*range)->hash_value))
			DdbRaise(DDB_EXC_ValidationException,
					 "The query can return at most one row and cannot be restarted");
	}

	/* the start position: the order columns after the partition key */
	plan->has_start = true;
	plan->nstart = 0;
	if (plan->index != NULL && plan->index->has_range)
		plan->start[plan->nstart++] = start_range;
	if (plan->index != NULL)
		plan->start[plan->nstart++] = DdbMapGet(esk, table->def->hash_key.name,
												strlen(table->def->hash_key.name));
	if (table->has_range)
		plan->start[plan->nstart++] = DdbMapGet(esk, table->def->range_key.name,
												strlen(table->def->range_key.name));
}

/* Query (see the file header for the order of checks). */
Jsonb *
DdbQuery(Jsonb *request)
{
	static const char *const expr_members[] = {"ProjectionExpression", "FilterExpression",
	"KeyConditionExpression"};
	const char *legacy_members[4];
	int			nlegacy = 0;
	JsonbContainer *root = DdbRequestRoot(request);
	DdbReadMembers m = {0};
	DdbReadPlan plan = {0};
	DdbViolations v;
	char	   *key_text = NULL;
	int			key_len = 0;
	bool		forward = true;
	DdbCondition *key_condition = NULL;
	const DdbKeyTerms *terms;
	DdbKeyRange *range;

	/* 1. types and constraints */
	m.is_query = true;
	DdbViolationsInit(&v);
	DdbReadSelectMember(root, &m, &v);
	DdbReadIndexNameMember(root, &m, &v);
	m.rcc = DdbReadReturnConsumedCapacity(root, &v);
	m.table_name = DdbReadDataTableName(root, "TableName", "tableName", &v);
	DdbReadLegacyMembers(root, "QueryFilter", true, &v);
	DdbReadAttributesToGetMember(root, &m, &v);
	DdbReadLimitMember(root, &m, &v);
	(void) DdbGetBool(root, "ScanIndexForward", &forward);
	(void) DdbGetString(root, "KeyConditionExpression", &key_text, &key_len);
	DdbReadPlainMembers(root, &m);
	if (v.count == 0)
		DdbReadCheckSelect(&m, &v);
	DdbViolationsRaise(&v);

	/* 2. expressions and legacy members */
	legacy_members[nlegacy++] = "AttributesToGet";
	legacy_members[nlegacy++] = "QueryFilter";
	legacy_members[nlegacy++] = "ConditionalOperator";
	/* KeyConditions alone is not reported as mixed with the other expressions */
	if (key_text != NULL)
		legacy_members[nlegacy++] = "KeyConditions";
	DdbExprParamsCheckUsage(&m.params, root, expr_members, lengthof(expr_members),
							legacy_members, nlegacy);
	DdbReadCheckAttributesToGet(&m);

	/* 3. values */
	DdbReadConvertStartKey(&m);
	if (key_text == NULL && DdbGetMember(root, "KeyConditions") == NULL)
		DdbRaise(DDB_EXC_ValidationException,
				 "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
	DdbReadRefuseLegacyMembers(root, "QueryFilter", true);

	/* 4. expressions */
	DdbReadParseExpressions(&m, key_text, key_len, &key_condition);
	terms = DdbKeyConditionTerms(key_condition);

	/* 5. the table and the index */
	plan.is_query = true;
	plan.table = DdbOpenDataTable(m.table_name, "Query");
	plan.table_name = m.table_name;
	DdbReadResolveIndex(&plan, &m);

	/* 6. the key condition and the start key */
	CheckStartKey(&plan, &m, terms, &range);
	plan.hash_value = range->hash_value;
	plan.has_range = range->has_range;
	plan.range_op = range->range_op;
	plan.range_values[0] = range->range_values[0];
	plan.range_values[1] = range->range_values[1];
	plan.forward = forward;

	/* 7. projection and filter */
	DdbReadCheckNestedKeyPaths(&plan, m.projection, NULL);
	if (m.filter != NULL)
	{
		if (plan.index != NULL)
			DdbConditionCheckNonKey(m.filter, plan.index->def->hash_key.name,
									plan.index->has_range ? plan.index->def->range_key.name : NULL);
		else
			DdbConditionCheckNonKey(m.filter, plan.table->def->hash_key.name,
									plan.table->has_range ? plan.table->def->range_key.name : NULL);
	}
	DdbReadCheckGsiAllAttributes(&plan, &m);
	DdbReadDecideProjection(&plan, &m);
	DdbReadCheckNestedKeyPaths(&plan, NULL, m.filter);

	plan.limit = m.has_limit ? m.limit : 0;
	plan.consistent = m.consistent;
	plan.rcc = m.rcc;
	return DdbReadPage(&plan);
}
