/*-------------------------------------------------------------------------
 *
 * ddb_scan.c
 *	  Scan: every item of a table or secondary index, one page at a time,
 *	  optionally one segment of a parallel scan (items.md section 11).
 *
 * The request is checked in DynamoDB's order (expressions.md section 9,
 * and dynalite's recorded tests for the table-dependent checks):
 *
 *	1. JSON types; the model's constraints, reported together: Select,
 *	   IndexName, TotalSegments, ReturnConsumedCapacity, TableName,
 *	   ConditionalOperator, AttributesToGet, Segment, Limit.
 *	2. Expressions mixed with legacy members; placeholder maps without
 *	   expressions; AttributesToGet duplicates.
 *	3. ExclusiveStartKey's values; Segment and TotalSegments together and
 *	   in range; the Select rules that need no table (reported on their
 *	   own by Scan, unlike Query); the legacy ScanFilter and
 *	   ConditionalOperator, which ddbtable does not implement, are refused.
 *	4. The placeholder maps, FilterExpression, ProjectionExpression, the
 *	   unused placeholders.
 *	5. The table; the index (IndexName, ConsistentRead on a GSI, a GSI
 *	   being built).
 *	6. ExclusiveStartKey against the key schema; Select ALL_ATTRIBUTES on a
 *	   GSI; the table's own keys in ExclusiveStartKey; the start key's
 *	   segment.
 *	7. Nested key paths in the projection and the filter; attributes a GSI
 *	   does not project.
 *
 * A Scan filter may read key attributes.  Items come in the order of the
 * relation read: table key order for a table, index key then table key
 * order for an index.
 *
 * IDENTIFICATION
 *	  src/ddb_scan.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "ddb_core.h"
#include "ddb_data.h"
#include "ddb_operations.h"
#include "ddb_read_path.h"
#include "ddb_request.h"

#define MAX_TOTAL_SEGMENTS 1000000

static void CheckStartKey(DdbReadPlan *plan, DdbReadMembers *m, bool has_segments);

/*
 * ExclusiveStartKey against the key schema of the table or index read,
 * and its segment; sets the start position.
 */
static void
CheckStartKey(DdbReadPlan *plan, DdbReadMembers *m, bool has_segments)
{
	DdbDataTable *table = plan->table;
	DdbDataIndex *index = plan->index;
	const DdbValue *esk = m->start_key;
	const DdbValue *segment_key;

	if (esk == NULL)
	{
		DdbReadCheckGsiAllAttributes(plan, m);
		return;
	}
	if ((int) esk->u.map.count != DdbReadStartKeySize(plan))
	{
		if (index != NULL)
			DdbRaise(DDB_EXC_ValidationException, "The provided starting key is invalid");
		DdbRaise(DDB_EXC_ValidationException,
				 "The provided starting key is invalid: The provided key element does not match the schema");
	}
	if (index != NULL)
	{
		(void) DdbReadStartKeyPiece(esk, index->def->hash_key.name, index->hash_type,
									false, false);
		if (index->has_range)
			(void) DdbReadStartKeyPiece(esk, index->def->range_key.name, index->range_type,
										true, false);
	}
	DdbReadCheckGsiAllAttributes(plan, m);
	DdbReadCheckStartTableKey(plan, esk);

	segment_key = index != NULL
		? DdbMapGet(esk, index->def->hash_key.name, strlen(index->def->hash_key.name))
		: DdbMapGet(esk, table->def->hash_key.name, strlen(table->def->hash_key.name));
	if (has_segments && plan->total_segments > 1 &&
		DdbReadSegmentOf(segment_key, plan->total_segments) != plan->segment)
		DdbRaise(DDB_EXC_ValidationException,
				 "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: %d Segment: %d",
				 plan->total_segments, plan->segment);

	/* the start position: every key column of the relation */
	plan->has_start = true;
	plan->nstart = 0;
	if (index != NULL)
	{
		plan->start[plan->nstart++] = segment_key;
		if (index->has_range)
			plan->start[plan->nstart++] = DdbMapGet(esk, index->def->range_key.name,
													strlen(index->def->range_key.name));
	}
	plan->start[plan->nstart++] = DdbMapGet(esk, table->def->hash_key.name,
											strlen(table->def->hash_key.name));
	if (table->has_range)
		plan->start[plan->nstart++] = DdbMapGet(esk, table->def->range_key.name,
												strlen(table->def->range_key.name));
}

/* Scan (see the file header for the order of checks). */
Jsonb *
DdbScan(Jsonb *request)
{
	static const char *const expr_members[] = {"ProjectionExpression", "FilterExpression"};
	static const char *const legacy_members[] = {"AttributesToGet", "ScanFilter",
	"ConditionalOperator"};
	JsonbContainer *root = DdbRequestRoot(request);
	DdbReadMembers m = {0};
	DdbReadPlan plan = {0};
	DdbViolations v;
	int32		segment = 0;
	int32		total_segments = 0;
	bool		has_segment;
	bool		has_total;

	/* 1. types and constraints */
	m.is_query = false;
	DdbViolationsInit(&v);
	DdbReadSelectMember(root, &m, &v);
	DdbReadIndexNameMember(root, &m, &v);
	has_total = DdbGetInteger(root, "TotalSegments", &total_segments);
	if (has_total && total_segments < 1)
		DdbViolationAdd(&v, psprintf("%d", total_segments), "totalSegments",
						"Member must have value greater than or equal to 1");
	if (has_total && total_segments > MAX_TOTAL_SEGMENTS)
		DdbViolationAdd(&v, psprintf("%d", total_segments), "totalSegments",
						"Member must have value less than or equal to %d", MAX_TOTAL_SEGMENTS);
	m.rcc = DdbReadReturnConsumedCapacity(root, &v);
	m.table_name = DdbReadDataTableName(root, "TableName", "tableName", &v);
	DdbReadLegacyMembers(root, "ScanFilter", false, &v);
	DdbReadAttributesToGetMember(root, &m, &v);
	has_segment = DdbGetInteger(root, "Segment", &segment);
	if (has_segment && segment < 0)
		DdbViolationAdd(&v, psprintf("%d", segment), "segment",
						"Member must have value greater than or equal to 0");
	if (has_segment && segment > MAX_TOTAL_SEGMENTS - 1)
		DdbViolationAdd(&v, psprintf("%d", segment), "segment",
						"Member must have value less than or equal to %d", MAX_TOTAL_SEGMENTS - 1);
	DdbReadLimitMember(root, &m, &v);
	DdbReadPlainMembers(root, &m);
	DdbViolationsRaise(&v);

	/* 2. expressions and legacy members */
	DdbExprParamsCheckUsage(&m.params, root, expr_members, lengthof(expr_members),
							legacy_members, lengthof(legacy_members));
	DdbReadCheckAttributesToGet(&m);

	/* 3. values, segments, Select */
	DdbReadConvertStartKey(&m);
	if (has_segment && !has_total)
		DdbRaise(DDB_EXC_ValidationException,
				 "The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
	if (has_total && !has_segment)
		DdbRaise(DDB_EXC_ValidationException,
				 "The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
	if (has_total && segment >= total_segments)
		DdbRaise(DDB_EXC_ValidationException,
				 "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: %d is not less than TotalSegments: %d",
				 segment, total_segments);
	DdbReadCheckSelect(&m, NULL);
	DdbReadRefuseLegacyMembers(root, "ScanFilter", false);

	/* 4. expressions */
	DdbReadParseExpressions(&m, NULL, 0, NULL);

	/* 5. the table and the index */
	plan.is_query = false;
	plan.table = DdbOpenDataTable(m.table_name, "Scan");
	plan.table_name = m.table_name;
	plan.forward = true;
	plan.segment = segment;
	plan.total_segments = has_total ? total_segments : 0;
	DdbReadResolveIndex(&plan, &m);

	/* 6. the start key */
	CheckStartKey(&plan, &m, has_total);

	/* 7. projection and filter */
	DdbReadCheckNestedKeyPaths(&plan, m.projection, NULL);
	DdbReadCheckNestedKeyPaths(&plan, NULL, m.filter);
	DdbReadDecideProjection(&plan, &m);

	plan.limit = m.has_limit ? m.limit : 0;
	plan.consistent = m.consistent;
	plan.rcc = m.rcc;
	return DdbReadPage(&plan);
}
