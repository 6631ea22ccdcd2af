/*-------------------------------------------------------------------------
 *
 * ddb_read_path.h
 *	  What Query and Scan share: their common request members, the checks
 *	  they make against the table or index read, and the page reader.
 *
 * A Query or Scan request is handled in three steps:
 *
 *	1. ddb_query.c / ddb_scan.c read the members (with the helpers below
 *	   for the members both have), check them in DynamoDB's order, parse
 *	   the expressions, open the table (DdbOpenDataTable) and fill a
 *	   DdbReadPlan: which relation to read (the item relation or a
 *	   secondary index's), the key range (Query) or segment (Scan), where
 *	   to start (ExclusiveStartKey), what to return (Select, projection)
 *	   and how to filter.
 *	2. DdbReadPage reads one page with one SQL statement: a cursor over a
 *	   saved plan that walks the relation's B-tree in key order, fetched
 *	   in batches until Limit items or 1 MB have been read (see
 *	   ddb_read_path.c for the rules and the memory bound).
 *	3. It answers with DynamoDB's response: Items, Count, ScannedCount,
 *	   LastEvaluatedKey and ConsumedCapacity.
 *
 * IDENTIFICATION
 *	  src/ddb_read_path.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_READ_PATH_H
#define DDB_READ_PATH_H

#include "postgres.h"

#include "utils/jsonb.h"

#include "ddb_data.h"
#include "ddb_expr.h"
#include "ddb_request.h"

/* The 1 MB page rule: a page stops after the item that reaches this. */
#define DDB_READ_PAGE_BYTES		(1024 * 1024)

/* Select */
typedef enum DdbSelect
{
	DDB_SELECT_NONE,			/* absent */
	DDB_SELECT_ALL_ATTRIBUTES,
	DDB_SELECT_ALL_PROJECTED_ATTRIBUTES,
	DDB_SELECT_SPECIFIC_ATTRIBUTES,
	DDB_SELECT_COUNT
} DdbSelect;

/* The members Query and Scan have in common, as read from the request. */
typedef struct DdbReadMembers
{
	bool		is_query;
	char	   *table_name;		/* as given (name or ARN); NULL if missing */
	char	   *index_name;		/* or NULL */
	char	   *select_text;	/* Select as given, or NULL */
	DdbSelect	select;
	bool		has_limit;
	int32		limit;
	bool		consistent;
	DdbReturnCapacity rcc;
	char	   *filter_text;	/* FilterExpression, or NULL */
	int			filter_len;
	char	   *projection_text;	/* ProjectionExpression, or NULL */
	int			projection_len;
	JsonbContainer *attributes_to_get;	/* AttributesToGet, or NULL */
	JsonbValue *start_key_json; /* ExclusiveStartKey, or NULL */
	DdbValue   *start_key;		/* its value (an M), when valid */
	const char *start_key_error;	/* its pending ValidationException */
	DdbExprParams params;		/* ExpressionAttributeNames/Values */
	DdbExprContext *ctx;		/* after DdbExprParamsContext */
	DdbCondition *filter;		/* parsed FilterExpression, or NULL */
	DdbProjection *projection;	/* ProjectionExpression or AttributesToGet */
} DdbReadMembers;

/* What to read and return: filled by Query and Scan, read by DdbReadPage. */
typedef struct DdbReadPlan
{
	bool		is_query;
	DdbDataTable *table;
	const char *table_name;		/* as requested, for ConsumedCapacity */
	DdbDataIndex *index;		/* the index read, or NULL for the table */
	int			index_pos;		/* its position in table->indexes, or -1 */

	/* Query: partition key equality and the sort key condition */
	const DdbValue *hash_value;
	bool		has_range;
	DdbKeyOp	range_op;
	const DdbValue *range_values[2];
	bool		forward;		/* ScanIndexForward */

	/* Scan: parallel segment (total_segments 0: none) */
	int32		segment;
	int32		total_segments;

	/*
	 * ExclusiveStartKey: the values of the relation's order columns after
	 * those fixed by the key condition (Query) or all of them (Scan).
	 */
	bool		has_start;
	const DdbValue *start[4];
	int			nstart;

	/* What to return */
	DdbSelect	select;			/* effective: never DDB_SELECT_NONE */
	bool		fetch;			/* LSI: read the whole items from the table */
	DdbCondition *filter;
	DdbProjection *projection;	/* SPECIFIC_ATTRIBUTES */
	int32		limit;			/* 0: no Limit */
	bool		consistent;
	DdbReturnCapacity rcc;
} DdbReadPlan;

/*
 * Member reading (stage 1): each records its model-constraint violations
 * in v, in the order the operation calls them.
 */
extern void DdbReadSelectMember(JsonbContainer *root, DdbReadMembers *m, DdbViolations *v);
extern void DdbReadIndexNameMember(JsonbContainer *root, DdbReadMembers *m, DdbViolations *v);
extern void DdbReadLimitMember(JsonbContainer *root, DdbReadMembers *m, DdbViolations *v);
extern void DdbReadAttributesToGetMember(JsonbContainer *root, DdbReadMembers *m,
										 DdbViolations *v);

/*
 * The legacy condition members, which ddbtable does not implement: their
 * JSON types (filter_member is "QueryFilter" or "ScanFilter"; KeyConditions
 * for Query) and ConditionalOperator's enum [OR, AND].
 */
extern void DdbReadLegacyMembers(JsonbContainer *root, const char *filter_member,
								 bool key_conditions, DdbViolations *v);

/*
 * Refuse the legacy condition members once the request is otherwise
 * valid up to its expressions.
 */
extern void DdbReadRefuseLegacyMembers(JsonbContainer *root, const char *filter_member,
									   bool key_conditions);

/*
 * The members without constraints: ConsistentRead, FilterExpression,
 * ProjectionExpression, ExclusiveStartKey (its JSON shape only) and the
 * placeholder maps.
 */
extern void DdbReadPlainMembers(JsonbContainer *root, DdbReadMembers *m);

/*
 * The Select rules that need no table (ProjectionExpression or
 * AttributesToGet with another Select than SPECIFIC_ATTRIBUTES,
 * SPECIFIC_ATTRIBUTES without either, ALL_PROJECTED_ATTRIBUTES without
 * IndexName).  Query reports them among the constraint violations, Scan
 * on their own: pass v for Query, NULL for Scan.
 */
extern void DdbReadCheckSelect(DdbReadMembers *m, DdbViolations *v);

/* AttributesToGet must not repeat a name. */
extern void DdbReadCheckAttributesToGet(DdbReadMembers *m);

/*
 * ExclusiveStartKey's values (stage 3): "The provided starting key is
 * invalid: <message>" (or the bare message, for the kinds of error the
 * service reports so).
 */
extern void DdbReadConvertStartKey(DdbReadMembers *m);

/*
 * Stage 4 and 5: the placeholder maps, then FilterExpression and
 * ProjectionExpression (after key_condition, parsed by the caller with
 * the context this sets up when parse_key is given), then the unused
 * placeholders.  AttributesToGet becomes a projection.
 */
extern void DdbReadParseExpressions(DdbReadMembers *m, const char *key_text,
									int key_len, DdbCondition **key_condition);

/*
 * Against the table: the index named by IndexName ("The table does not
 * have the specified index: <name>"), ConsistentRead on a GSI, a GSI
 * still being built.  Sets plan->index and plan->index_pos.
 */
extern void DdbReadResolveIndex(DdbReadPlan *plan, DdbReadMembers *m);

/*
 * A key attribute of ExclusiveStartKey: its presence and type.  Missing:
 * "The provided starting key is invalid"; another type: "The provided
 * key element does not match the schema" (prefixed with "The provided
 * starting key is invalid: " when prefixed); then its emptiness and size.
 */
extern const DdbValue *DdbReadStartKeyPiece(const DdbValue *start_key, const char *name,
											DdbValueType type, bool is_sort_key,
											bool prefixed);

/* The table's own key attributes in ExclusiveStartKey (prefixed checks). */
extern void DdbReadCheckStartTableKey(DdbReadPlan *plan, const DdbValue *start_key);

/* The number of key attributes an ExclusiveStartKey must have. */
extern int	DdbReadStartKeySize(DdbReadPlan *plan);

/*
 * Nested paths below key attributes in the projection or the filter:
 * "Key attributes must be scalars; list random access '[]' and map
 * lookup '.' are not allowed: Key: <a>" (IndexKey: for index keys).
 */
extern void DdbReadCheckNestedKeyPaths(DdbReadPlan *plan, DdbProjection *projection,
									   DdbCondition *filter);

/*
 * Decide what is returned (plan->select, plan->projection, plan->fetch),
 * with the rules that need the index: Select ALL_ATTRIBUTES on a GSI whose
 * projection is not ALL, a projection naming attributes a GSI does not
 * project.  Called where each operation checks them.
 */
extern void DdbReadCheckGsiAllAttributes(DdbReadPlan *plan, DdbReadMembers *m);
extern void DdbReadDecideProjection(DdbReadPlan *plan, DdbReadMembers *m);

/* The segment (0 .. total - 1) of a partition key value. */
extern int32 DdbReadSegmentOf(const DdbValue *hash_value, int32 total_segments);

/* Read one page and build the response (see ddb_read_path.c). */
extern Jsonb *DdbReadPage(DdbReadPlan *plan);

#endif							/* DDB_READ_PATH_H */
