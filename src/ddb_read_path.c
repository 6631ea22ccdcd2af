/*-------------------------------------------------------------------------
 *
 * ddb_read_path.c
 *	  The part of Query and Scan they share: common request members, the
 *	  checks against the table or index read, and the page reader.
 *
 * Reading a page
 * --------------
 * A page is read with one SQL statement over the relation that holds what
 * the request reads: the table's item relation, or a secondary index's
 * relation (ddb_storage.h).  The statement walks the relation's B-tree in
 * key order:
 *
 *	Query	WHERE <partition key> = $h [AND <sort key range>]
 *			[AND (<order columns>) > (<ExclusiveStartKey>)]
 *			ORDER BY <order columns> [DESC]
 *	Scan	[WHERE (<all key columns>) > (<ExclusiveStartKey>)]
 *			[AND <segment of the partition key> = $segment]
 *			ORDER BY <all key columns>
 *
 * where the order columns of an index relation are its sort key followed
 * by the table's key, so that items with equal index keys come in table
 * key order and a LastEvaluatedKey (index keys plus table keys) always
 * names one position.  begins_with becomes the range [prefix, successor of
 * the prefix), the successor being the prefix with its last byte that is
 * not 0xFF incremented and what follows dropped (S compares bytewise under
 * COLLATE "C", B as bytea).  A Query of an LSI that needs attributes the
 * index does not project joins the item relation on the table key.
 *
 * Statements are prepared once per backend and shape (relation, sort key
 * operator, direction, start key, segment, join) and kept with
 * SPI_keepplan, keyed by their text; a relcache invalidation of one of
 * their relations drops them.  The page is read through a cursor, fetched
 * in batches of growing size, and the cursor is closed as soon as Limit
 * items or 1 MB have been read; the statement has LIMIT $limit, so the
 * executor never reads past Limit either.  Items come back from SPI as
 * TOAST pointers when they are large, and each is detoasted, filtered and
 * projected in a per-item memory context, so memory holds at most one
 * batch of rows plus the items of the page being returned.
 *
 * The 1 MB rule counts the DynamoDB sizes (item_size) of the items read,
 * before the filter: the page ends after the item that brings the sum to
 * 1 MB or more.  Limit counts items read, before the filter too.  Either
 * cut yields a LastEvaluatedKey (the key of the last item read), even when
 * no item follows.
 *
 * The planner is told to use index scans, not sequential scans, sorts,
 * bitmap scans, hash or merge joins, for these statements (enable_* while
 * a page is read): the B-tree gives the order, and a sort of the rest of a table
 * for every page, which the planner may prefer on a freshly filled table
 * without statistics, would make a Scan quadratic.
 *
 * Index relations carry no privileges of their own: the page is read as
 * the owner of the table's relations, after DdbOpenDataTable has checked
 * the caller's SELECT privilege on the item relation.
 *
 * Parallel scan: an item belongs to segment
 *		(hash(partition key) & 0x7FFFFFFFFFFFFFFF) % TotalSegments
 * with PostgreSQL's extended hash functions (hashtextextended under
 * COLLATE "C" for S, hash_numeric_extended for N, hashtextextended of the
 * hex form for B), computed alike in SQL and in C (DdbReadSegmentOf), so
 * the segments of one TotalSegments partition the table exactly.
 *
 * IDENTIFICATION
 *	  src/ddb_read_path.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_class.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/memutils.h"
#include "utils/syscache.h"

#include "ddb_attrval_jsonb.h"
#include "ddb_catalog.h"
#include "ddb_core.h"
#include "ddb_read_path.h"
#include "ddb_storage.h"

#define MSG_START_KEY_INVALID "The provided starting key is invalid"
#define MSG_KEY_SCHEMA "The provided key element does not match the schema"
#define MAX_SQL_PARAMS 16
#define FIRST_BATCH 32
#define MAX_BATCH 1024

/* Parameters of a statement, collected while its text is built. */
typedef struct SqlParams
{
	int			count;
	Oid			types[MAX_SQL_PARAMS];
	Datum		values[MAX_SQL_PARAMS];
	char		nulls[MAX_SQL_PARAMS];
} SqlParams;

/* A key column of the relation read. */
typedef struct KeyColumn
{
	const char *name;			/* column name */
	const char *attr;			/* the DynamoDB attribute it holds */
	DdbValueType type;
} KeyColumn;

/* A saved statement. */
typedef struct PlanEntry
{
	uint64		key;			/* hash of sql (the hash table key) */
	char	   *sql;
	Oid			relids[2];		/* relations it reads */
	SPIPlanPtr	plan;
	bool		stale;			/* a relation changed: prepare again */
	int			in_use;
} PlanEntry;

/* What reading one page produces. */
typedef struct PageState
{
	DdbReadPlan *plan;
	MemoryContext out_cxt;		/* where the results go */
	List	   *items;			/* of Jsonb *, the items returned */
	int64		count;			/* items after the filter */
	int64		scanned;		/* items read */
	int64		bytes_read;		/* for the 1 MB rule */
	int64		index_bytes;	/* read from the index relation */
	int64		table_bytes;	/* read from the item relation (not fetched) */
	double		fetch_units;	/* units of the items fetched from the table */
	Jsonb	   *last_key;		/* LastEvaluatedKey, or NULL */
} PageState;

/* Planner settings while a page is read (see ReadPageAsOwner). */
static const char *const planner_settings[][2] = {
	{"enable_indexscan", "on"},
	{"enable_seqscan", "off"},
	{"enable_sort", "off"},
	{"enable_bitmapscan", "off"},
	{"enable_hashjoin", "off"},
	{"enable_mergejoin", "off"},
};

static HTAB *plan_cache = NULL;
static bool plan_cache_stale = false;

static void AddRawViolation(DdbViolations *v, const char *text);
static void CheckConditionMap(JsonbContainer *root, const char *member);
static char *FormatStringList(JsonbContainer *array);
static bool IsBareStartKeyMessage(const char *message);
static DdbProjection *ProjectionFromNames(JsonbContainer *array);
static const char *KeyValueProblem(const DdbValue *value, const char *name,
								   bool is_sort_key);
static void CollectNestedTops(DdbProjection *projection, DdbCondition *filter,
							  List **tops);
static void CollectOperandTops(const DdbOperand *op, bool nested_only, List **tops);
static void CollectConditionTops(const DdbCondition *c, bool nested_only, List **tops);
static bool NameInTops(List *tops, const char *name);
static bool IndexProjects(DdbDataTable *table, DdbDataIndex *index, const char *name,
						  size_t len);
static Oid	KeyTypeOid(DdbValueType type);
static Datum KeyBytesDatum(DdbValueType type, const char *data, size_t len);
static int	AddParam(SqlParams *p, Oid type, Datum value, bool isnull);
static int	AddKeyParam(SqlParams *p, DdbValueType type, const DdbValue *value);
static int	RelationColumns(DdbReadPlan *plan, KeyColumn *cols);
static void AppendSegmentExpr(StringInfo sql, const KeyColumn *col);
static char *BuildStatement(DdbReadPlan *plan, SqlParams *params, Oid *relids);
static void PlanCacheInvalidate(Datum arg, Oid relid);
static void PlanCacheSweep(void);
static PlanEntry *PlanCacheLookup(const char *sql, SqlParams *params, Oid *relids);
static Jsonb *BuildLastKey(DdbReadPlan *plan, Jsonb *entry);
static Jsonb *CopyJsonb(Jsonb *jb, MemoryContext cxt);
static void FetchRows(PageState *st, Portal portal, MemoryContext row_cxt);
static bool ProcessRow(PageState *st, HeapTuple tuple, TupleDesc desc,
					   MemoryContext row_cxt);
static void ReadPageAsOwner(void *arg);
static Oid	RelationOwnerOf(Oid relid);

/*-------------------------------------------------------------------------
 * Request members
 *-------------------------------------------------------------------------
 */

/* Append a violation whose text is not of the "Value ... at ..." form. */
static void
AddRawViolation(DdbViolations *v, const char *text)
{
	if (v->count < 10)
	{
		if (v->count > 0)
			appendStringInfoString(&v->text, "; ");
		appendStringInfoString(&v->text, text);
	}
	v->count++;
}

/* Select: enum [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]. */
void
DdbReadSelectMember(JsonbContainer *root, DdbReadMembers *m, DdbViolations *v)
{
	static const char *const names[] = {"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES",
	"ALL_PROJECTED_ATTRIBUTES", NULL};
	char	   *s;

	m->select = DDB_SELECT_NONE;
	if (!DdbGetString(root, "Select", &s, NULL))
		return;
	m->select_text = s;
	DdbCheckEnum(v, s, "select", names,
				 "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
	if (strcmp(s, "SPECIFIC_ATTRIBUTES") == 0)
		m->select = DDB_SELECT_SPECIFIC_ATTRIBUTES;
	else if (strcmp(s, "COUNT") == 0)
		m->select = DDB_SELECT_COUNT;
	else if (strcmp(s, "ALL_ATTRIBUTES") == 0)
		m->select = DDB_SELECT_ALL_ATTRIBUTES;
	else if (strcmp(s, "ALL_PROJECTED_ATTRIBUTES") == 0)
		m->select = DDB_SELECT_ALL_PROJECTED_ATTRIBUTES;
}

/* IndexName: pattern [a-zA-Z0-9_.-]+, length 3..255. */
void
DdbReadIndexNameMember(JsonbContainer *root, DdbReadMembers *m, DdbViolations *v)
{
	char	   *s;
	int			len;

	if (!DdbGetString(root, "IndexName", &s, &len))
		return;
	m->index_name = s;
	DdbCheckNamePattern(v, s, "indexName");
	DdbCheckLength(v, s, pg_mbstrlen_with_len(s, len), 3, 255, "indexName");
}

/* Limit: an integer of at least 1. */
void
DdbReadLimitMember(JsonbContainer *root, DdbReadMembers *m, DdbViolations *v)
{
	int32		limit;

	if (!DdbGetInteger(root, "Limit", &limit))
		return;
	m->has_limit = true;
	m->limit = limit;
	if (limit < 1)
		DdbViolationAdd(v, psprintf("%d", limit), "limit",
						"Member must have value greater than or equal to 1");
}

/* "[a, b, c]": a list of strings as the service prints it in messages. */
static char *
FormatStringList(JsonbContainer *array)
{
	StringInfoData buf;
	int			n = DdbArraySize(array);

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (int i = 0; i < n; i++)
	{
		JsonbValue *e = DdbArrayElement(array, i);

		if (i > 0)
			appendStringInfoString(&buf, ", ");
		appendBinaryStringInfo(&buf, e->val.string.val, e->val.string.len);
	}
	appendStringInfoChar(&buf, ']');
	return buf.data;
}

/* AttributesToGet: a list of 1 to 255 strings. */
void
DdbReadAttributesToGetMember(JsonbContainer *root, DdbReadMembers *m, DdbViolations *v)
{
	JsonbContainer *array;
	int			n;

	if (!DdbGetArray(root, "AttributesToGet", &array))
		return;
	n = DdbArraySize(array);
	for (int i = 0; i < n; i++)
		(void) DdbValueAsString(DdbArrayElement(array, i), NULL);
	m->attributes_to_get = array;
	if (n < 1)
		DdbViolationAdd(v, FormatStringList(array), "attributesToGet",
						"Member must have length greater than or equal to 1");
	if (n > 255)
		DdbViolationAdd(v, FormatStringList(array), "attributesToGet",
						"Member must have length less than or equal to 255");
}

/* A legacy condition map: a JSON object. */
static void
CheckConditionMap(JsonbContainer *root, const char *member)
{
	JsonbValue *v = DdbGetMember(root, member);

	if (v == NULL)
		return;
	if (v->type == jbvBinary && JsonContainerIsArray(v->val.binary.data))
		DdbRaise(DDB_EXC_SerializationException,
				 "Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.Condition>");
	if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		DdbRaise(DDB_EXC_SerializationException, "Unexpected field type");
}

/* The legacy condition members' types and ConditionalOperator's enum. */
void
DdbReadLegacyMembers(JsonbContainer *root, const char *filter_member, bool key_conditions,
					 DdbViolations *v)
{
	static const char *const operators[] = {"OR", "AND", NULL};
	char	   *op;

	if (key_conditions)
		CheckConditionMap(root, "KeyConditions");
	CheckConditionMap(root, filter_member);
	if (DdbGetString(root, "ConditionalOperator", &op, NULL))
		DdbCheckEnum(v, op, "conditionalOperator", operators, "[OR, AND]");
}

/* Refuse the legacy condition members (not implemented). */
void
DdbReadRefuseLegacyMembers(JsonbContainer *root, const char *filter_member,
						   bool key_conditions)
{
	const char *members[3] = {key_conditions ? "KeyConditions" : NULL, filter_member,
	"ConditionalOperator"};

	for (int i = 0; i < 3; i++)
		if (members[i] != NULL && DdbGetMember(root, members[i]) != NULL)
			DdbRaise(DDB_EXC_ValidationException,
					 "The legacy parameter %s is not supported by ddbtable; use %s instead", members[i],
					 i == 0 ? "KeyConditionExpression" : "FilterExpression");
}

/* The members without model constraints. */
void
DdbReadPlainMembers(JsonbContainer *root, DdbReadMembers *m)
{
	const char *error = NULL;

	(void) DdbGetBool(root, "ConsistentRead", &m->consistent);
	(void) DdbGetString(root, "FilterExpression", &m->filter_text, &m->filter_len);
	(void) DdbGetString(root, "ProjectionExpression", &m->projection_text,
						&m->projection_len);
	m->start_key_json = DdbGetMember(root, "ExclusiveStartKey");
	if (m->start_key_json != NULL)
	{
		/* JSON shape errors are raised here; value errors wait (stage 3) */
		m->start_key = DdbJsonbToItem(m->start_key_json, &error);
		if (error != NULL)
		{
			m->start_key = NULL;
			m->start_key_error = error;
		}
	}
	DdbExprParamsRead(root, true, &m->params);
}

/* The Select rules that need no table. */
void
DdbReadCheckSelect(DdbReadMembers *m, DdbViolations *v)
{
	const char *member = NULL;
	const char *what = NULL;
	char	   *message = NULL;

	if (m->projection_text != NULL)
		member = "ProjectionExpression";
	else if (m->attributes_to_get != NULL)
		member = "AttributesToGet";

	switch (m->select)
	{
		case DDB_SELECT_ALL_ATTRIBUTES:
			what = "ALL_ATTRIBUTES";
			break;
		case DDB_SELECT_ALL_PROJECTED_ATTRIBUTES:
			what = "ALL_PROJECTED_ATTRIBUTES";
			break;
		case DDB_SELECT_COUNT:
			what = "only the Count";
			break;
		default:
			break;
	}

	if (member != NULL && what != NULL)
		message = psprintf("Cannot specify the %s when choosing to get %s", member, what);
	else if (member == NULL && m->select == DDB_SELECT_SPECIFIC_ATTRIBUTES)
		message = "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES";
	else if (m->select == DDB_SELECT_ALL_PROJECTED_ATTRIBUTES && m->index_name == NULL)
		message = "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName";

	if (message == NULL)
		return;
	if (v != NULL)
		AddRawViolation(v, message);
	else
		DdbRaise(DDB_EXC_ValidationException, "%s", message);
}

/* AttributesToGet must not name an attribute twice. */
void
DdbReadCheckAttributesToGet(DdbReadMembers *m)
{
	int			n;

	if (m->attributes_to_get == NULL)
		return;
	n = DdbArraySize(m->attributes_to_get);
	for (int i = 1; i < n; i++)
	{
		JsonbValue *a = DdbArrayElement(m->attributes_to_get, i);

		for (int j = 0; j < i; j++)
		{
			JsonbValue *b = DdbArrayElement(m->attributes_to_get, j);

			if (a->val.string.len == b->val.string.len &&
				memcmp(a->val.string.val, b->val.string.val, a->val.string.len) == 0)
				DdbRaise(DDB_EXC_ValidationException,
						 "One or more parameter values were invalid: Duplicate value in attribute name: %.*s",
						 a->val.string.len, a->val.string.val);
		}
	}
}

/*
 * The service reports some problems of ExclusiveStartKey's values without
 * the "The provided starting key is invalid: " prefix (as recorded by
 * dynalite): number errors, empty number sets and duplicate set elements.
 */
static bool
IsBareStartKeyMessage(const char *message)
{
	static const char *const bare[] = {
		"The parameter cannot be converted to a numeric value",
		"Attempting to store more than",
		"Number overflow.",
		"Number underflow.",
		"Input collection contains duplicates",
		"One or more parameter values were invalid: An number set",
		"One or more parameter values were invalid: Input collection",
	};

	for (size_t i = 0; i < lengthof(bare); i++)
		if (strncmp(message, bare[i], strlen(bare[i])) == 0)
			return true;
	return false;
}

/* Report ExclusiveStartKey's value errors (stage 3). */
void
DdbReadConvertStartKey(DdbReadMembers *m)
{
	if (m->start_key_error == NULL)
		return;
	if (IsBareStartKeyMessage(m->start_key_error))
		DdbRaise(DDB_EXC_ValidationException, "%s", m->start_key_error);
	DdbRaise(DDB_EXC_ValidationException, MSG_START_KEY_INVALID ": %s",
			 m->start_key_error);
}

/* AttributesToGet as a projection of top-level attributes. */
static DdbProjection *
ProjectionFromNames(JsonbContainer *array)
{
	DdbProjection *proj = palloc0(sizeof(DdbProjection));
	int			n = DdbArraySize(array);

	proj->paths = palloc0(sizeof(DdbPath) * Max(n, 1));
	proj->count = n;
	for (int i = 0; i < n; i++)
	{
		JsonbValue *e = DdbArrayElement(array, i);
		DdbPathElem *elem = palloc0(sizeof(DdbPathElem));

		elem->name = e->val.string.val;
		elem->name_len = e->val.string.len;
		proj->paths[i].elems = elem;
		proj->paths[i].count = 1;
	}
	return proj;
}

/* The placeholder maps, the expressions, the unused placeholders. */
void
DdbReadParseExpressions(DdbReadMembers *m, const char *key_text, int key_len,
						DdbCondition **key_condition)
{
	m->ctx = DdbExprParamsContext(&m->params);
	if (key_text != NULL)
		*key_condition = DdbParseKeyCondition(key_text, key_len, m->ctx);
	if (m->filter_text != NULL)
		m->filter = DdbParseCondition(m->filter_text, m->filter_len,
									  "FilterExpression", m->ctx);
	if (m->projection_text != NULL)
		m->projection = DdbParseProjection(m->projection_text, m->projection_len, m->ctx);
	DdbExprCheckUnused(m->ctx);
	if (m->projection == NULL && m->attributes_to_get != NULL)
		m->projection = ProjectionFromNames(m->attributes_to_get);
}

/*-------------------------------------------------------------------------
 * Checks against the table
 *-------------------------------------------------------------------------
 */

/* The index named by IndexName, and whether it may be read. */
void
DdbReadResolveIndex(DdbReadPlan *plan, DdbReadMembers *m)
{
	DdbDataIndex *index;

	plan->index = NULL;
	plan->index_pos = -1;
	if (m->index_name == NULL)
		return;
	index = DdbFindDataIndex(plan->table, m->index_name);
	if (index == NULL)
		DdbRaise(DDB_EXC_ValidationException,
				 "The table does not have the specified index: %s", m->index_name);
	if (index->def->is_global && m->consistent)
		DdbRaise(DDB_EXC_ValidationException,
				 "Consistent reads are not supported on global secondary indexes");
	if (index->def->is_global &&
		(strcmp(index->def->index_status, "CREATING") == 0 || index->def->backfilling))
		DdbRaise(DDB_EXC_ValidationException,
				 "Cannot read from backfilling global secondary index: %s",
				 index->def->index_name);
	plan->index = index;
	plan->index_pos = (int) (index - plan->table->indexes);
}

/* What is wrong with a key value (emptiness, size), or NULL. */
static const char *
KeyValueProblem(const DdbValue *value, const char *name, bool is_sort_key)
{
	if (value->type != DDB_TYPE_S && value->type != DDB_TYPE_B)
		return NULL;
	if (value->u.str.len == 0)
		return psprintf("One or more parameter values were invalid: The AttributeValue for a key attribute cannot contain an empty %s value. Key: %s",
						value->type == DDB_TYPE_S ? "string" : "binary", name);
	if (!is_sort_key && value->u.str.len > DDB_MAX_HASH_KEY_SIZE)
		return psprintf("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of%d bytes",
						DDB_MAX_HASH_KEY_SIZE);
	if (is_sort_key && value->u.str.len > DDB_MAX_RANGE_KEY_SIZE)
		return psprintf("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of %d bytes",
						DDB_MAX_RANGE_KEY_SIZE);
	return NULL;
}

/* One key attribute of ExclusiveStartKey. */
const DdbValue *
DdbReadStartKeyPiece(const DdbValue *start_key, const char *name, DdbValueType type,
					 bool is_sort_key, bool prefixed)
{
	const DdbValue *value = DdbMapGet(start_key, name, strlen(name));
	const char *problem;

	if (value == NULL)
		DdbRaise(DDB_EXC_ValidationException, MSG_START_KEY_INVALID);
	if (value->type != type)
		problem = MSG_KEY_SCHEMA;
	else
		problem = KeyValueProblem(value, name, is_sort_key);
	if (problem == NULL)
		return value;
	if (prefixed)
		DdbRaise(DDB_EXC_ValidationException, MSG_START_KEY_INVALID ": %s", problem);
	DdbRaise(DDB_EXC_ValidationException, "%s", problem);
}

/* The table key attributes of ExclusiveStartKey. */
void
DdbReadCheckStartTableKey(DdbReadPlan *plan, const DdbValue *start_key)
{
	DdbDataTable *table = plan->table;

	for (int i = 0; i < (table->has_range ? 2 : 1); i++)
	{
		const char *name = i == 0 ? table->def->hash_key.name : table->def->range_key.name;
		DdbValueType type = i == 0 ? table->hash_type : table->range_type;
		const DdbValue *value = DdbMapGet(start_key, name, strlen(name));
		const char *problem;

		if (value == NULL || value->type != type)
			problem = MSG_KEY_SCHEMA;
		else
			problem = KeyValueProblem(value, name, i == 1);
		if (problem != NULL)
			DdbRaise(DDB_EXC_ValidationException, MSG_START_KEY_INVALID ": %s", problem);
	}
}

/* The number of distinct key attributes of the table and the index read. */
int
DdbReadStartKeySize(DdbReadPlan *plan)
{
	DdbDataTable *table = plan->table;
	int			n = table->has_range ? 2 : 1;

	if (plan->index != NULL)
	{
		const char *names[2] = {plan->index->def->hash_key.name,
		plan->index->def->range_key.name};

		for (int i = 0; i < 2; i++)
		{
			if (names[i] == NULL)
				continue;
			if (strcmp(names[i], table->def->hash_key.name) == 0)
				continue;
			if (table->has_range && strcmp(names[i], table->def->range_key.name) == 0)
				continue;
			n++;
		}
	}
	return n;
}

/* Whether name is among the collected attribute names (char *). */
static bool
NameInTops(List *tops, const char *name)
{
	ListCell   *lc;

	foreach(lc, tops)
		if (strcmp((const char *) lfirst(lc), name) == 0)
			return true;
	return false;
}

/* The top-level attributes an operand reads (only via nested paths). */
static void
CollectOperandTops(const DdbOperand *op, bool nested_only, List **tops)
{
	if (op->kind == DDB_OPERAND_PATH)
	{
		if (!nested_only || op->path.count > 1)
			*tops = lappend(*tops, pnstrdup(op->path.elems[0].name,
											op->path.elems[0].name_len));
		return;
	}
	for (int i = 0; i < op->nargs; i++)
		CollectOperandTops(op->args[i], nested_only, tops);
}

/* The top-level attributes a condition reads (only via nested paths). */
static void
CollectConditionTops(const DdbCondition *c, bool nested_only, List **tops)
{
	switch (c->kind)
	{
		case DDB_COND_OR:
		case DDB_COND_AND:
			CollectConditionTops(c->left, nested_only, tops);
			CollectConditionTops(c->right, nested_only, tops);
			break;
		case DDB_COND_NOT:
			CollectConditionTops(c->left, nested_only, tops);
			break;
		default:
			for (int i = 0; i < c->nargs; i++)
				CollectOperandTops(c->args[i], nested_only, tops);
			break;
	}
}

/* The top-level names of nested paths in a projection and a filter. */
static void
CollectNestedTops(DdbProjection *projection, DdbCondition *filter, List **tops)
{
	if (projection != NULL)
		for (int i = 0; i < projection->count; i++)
			if (projection->paths[i].count > 1)
				*tops = lappend(*tops, pnstrdup(projection->paths[i].elems[0].name,
												projection->paths[i].elems[0].name_len));
	if (filter != NULL)
		CollectConditionTops(filter, true, tops);
}

/* Nested paths below key attributes (dynalite's order: table, GSIs, LSIs). */
void
DdbReadCheckNestedKeyPaths(DdbReadPlan *plan, DdbProjection *projection,
						   DdbCondition *filter)
{
	DdbDataTable *table = plan->table;
	List	   *tops = NIL;

	CollectNestedTops(projection, filter, &tops);
	if (tops == NIL)
		return;
	if (NameInTops(tops, table->def->hash_key.name))
		DdbRaise(DDB_EXC_ValidationException,
				 "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: %s",
				 table->def->hash_key.name);
	if (table->has_range && NameInTops(tops, table->def->range_key.name))
		DdbRaise(DDB_EXC_ValidationException,
				 "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: %s",
				 table->def->range_key.name);
	for (int pass = 0; pass < 2; pass++)
	{
		bool		global = (pass == 0);

		for (int i = table->nindexes - 1; i >= 0; i--)
		{
			DdbIndexDef *def = table->indexes[i].def;

			if (def->is_global != global)
				continue;
			/* an LSI's partition key is the table's */
			if (global && NameInTops(tops, def->hash_key.name))
				DdbRaise(DDB_EXC_ValidationException,
						 "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: %s",
						 def->hash_key.name);
			if (def->range_key.name != NULL && NameInTops(tops, def->range_key.name))
				DdbRaise(DDB_EXC_ValidationException,
						 "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: %s",
						 def->range_key.name);
		}
	}
}

/* Whether an index holds the attribute (keys are always projected). */
static bool
IndexProjects(DdbDataTable *table, DdbDataIndex *index, const char *name, size_t len)
{
	const char *keys[4] = {table->def->hash_key.name, table->def->range_key.name,
	index->def->hash_key.name, index->def->range_key.name};
	ListCell   *lc;

	if (strcmp(index->def->projection_type, "ALL") == 0)
		return true;
	for (int i = 0; i < 4; i++)
		if (keys[i] != NULL && strlen(keys[i]) == len && memcmp(keys[i], name, len) == 0)
			return true;
	if (strcmp(index->def->projection_type, "INCLUDE") == 0)
		foreach(lc, index->def->non_key_attributes)
		{
			const char *attr = lfirst(lc);

			if (strlen(attr) == len && memcmp(attr, name, len) == 0)
				return true;
		}
	return false;
}

/* Select ALL_ATTRIBUTES needs a GSI that projects everything. */
void
DdbReadCheckGsiAllAttributes(DdbReadPlan *plan, DdbReadMembers *m)
{
	DdbDataIndex *index = plan->index;

	if (index != NULL && index->def->is_global && m->select == DDB_SELECT_ALL_ATTRIBUTES &&
		strcmp(index->def->projection_type, "ALL") != 0)
		DdbRaise(DDB_EXC_ValidationException,
				 "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index %s because its projection type is not ALL",
				 index->def->index_name);
}

/* The effective Select and projection, and whether an LSI read fetches. */
void
DdbReadDecideProjection(DdbReadPlan *plan, DdbReadMembers *m)
{
	DdbDataIndex *index = plan->index;
	DdbSelect	select = m->select;

	if (select == DDB_SELECT_NONE)
	{
		if (m->projection != NULL)
			select = DDB_SELECT_SPECIFIC_ATTRIBUTES;
		else if (index != NULL)
			select = DDB_SELECT_ALL_PROJECTED_ATTRIBUTES;
		else
			select = DDB_SELECT_ALL_ATTRIBUTES;
	}
	plan->select = select;
	plan->projection = select == DDB_SELECT_SPECIFIC_ATTRIBUTES ? m->projection : NULL;
	plan->filter = m->filter;
	plan->fetch = false;
	if (index == NULL || strcmp(index->def->projection_type, "ALL") == 0)
		return;

	if (index->def->is_global)
	{
		/* a GSI returns only what it projects */
		StringInfoData missing;
		List	   *seen = NIL;

		if (plan->projection == NULL)
			return;
		initStringInfo(&missing);
		for (int i = 0; i < plan->projection->count; i++)
		{
			const DdbPathElem *top = &plan->projection->paths[i].elems[0];
			char	   *name = pnstrdup(top->name, top->name_len);

			if (IndexProjects(plan->table, index, top->name, top->name_len) ||
				NameInTops(seen, name))
				continue;
			seen = lappend(seen, name);
			if (missing.len > 0)
				appendStringInfoString(&missing, ", ");
			appendStringInfoString(&missing, name);
		}
		if (missing.len > 0)
			DdbRaise(DDB_EXC_ValidationException,
					 "One or more parameter values were invalid: Global secondary index %s does not project [%s]",
					 index->def->index_name, missing.data);
		return;
	}

	/* an LSI fetches what it does not project from the table */
	if (select == DDB_SELECT_ALL_ATTRIBUTES)
		plan->fetch = true;
	else
	{
		List	   *tops = NIL;
		ListCell   *lc;

		if (plan->projection != NULL)
			for (int i = 0; i < plan->projection->count; i++)
				tops = lappend(tops, pnstrdup(plan->projection->paths[i].elems[0].name,
											  plan->projection->paths[i].elems[0].name_len));
		if (plan->filter != NULL)
			CollectConditionTops(plan->filter, false, &tops);
		foreach(lc, tops)
		{
			const char *name = lfirst(lc);

			if (!IndexProjects(plan->table, index, name, strlen(name)))
			{
				plan->fetch = true;
				break;
			}
		}
	}
}

/*-------------------------------------------------------------------------
 * Segments
 *-------------------------------------------------------------------------
 */

/* The segment of a partition key value (see the file header). */
int32
DdbReadSegmentOf(const DdbValue *hash_value, int32 total_segments)
{
	Datum		h;

	switch (hash_value->type)
	{
		case DDB_TYPE_S:
			h = DirectFunctionCall2Coll(hashtextextended, C_COLLATION_OID,
										KeyBytesDatum(DDB_TYPE_S, hash_value->u.str.data,
													  hash_value->u.str.len),
										Int64GetDatum(0));
			break;
		case DDB_TYPE_N:
			h = DirectFunctionCall2(hash_numeric_extended,
									KeyBytesDatum(DDB_TYPE_N, hash_value->u.str.data,
												  hash_value->u.str.len),
									Int64GetDatum(0));
			break;
		case DDB_TYPE_B:
			{
				size_t		len = hash_value->u.str.len;
				char	   *hex = palloc(len * 2 + 1);

				hex_encode(hash_value->u.str.data, len, hex);
				hex[len * 2] = '\0';
				h = DirectFunctionCall2Coll(hashtextextended, C_COLLATION_OID,
											PointerGetDatum(cstring_to_text_with_len(hex, len * 2)),
											Int64GetDatum(0));
				break;
			}
		default:
			elog(ERROR, "a partition key cannot have type %s", DdbTypeName(hash_value->type));
	}
	return (int32) ((DatumGetInt64(h) & PG_INT64_MAX) % total_segments);
}

/* The SQL expression of the segment of a partition key column. */
static void
AppendSegmentExpr(StringInfo sql, const KeyColumn *col)
{
	switch (col->type)
	{
		case DDB_TYPE_S:
			appendStringInfo(sql, "pg_catalog.hashtextextended(r.%s, 0)", col->name);
			break;
		case DDB_TYPE_N:
			appendStringInfo(sql, "pg_catalog.hash_numeric_extended(r.%s, 0)", col->name);
			break;
		default:
			appendStringInfo(sql, "pg_catalog.hashtextextended(pg_catalog.encode(r.%s, 'hex') COLLATE pg_catalog.\"C\", 0)",
							 col->name);
			break;
	}
}

/*-------------------------------------------------------------------------
 * Statements
 *-------------------------------------------------------------------------
 */

/* The column type of a key type. */
static Oid
KeyTypeOid(DdbValueType type)
{
	switch (type)
	{
		case DDB_TYPE_S:
			return TEXTOID;
		case DDB_TYPE_N:
			return NUMERICOID;
		case DDB_TYPE_B:
			return BYTEAOID;
		default:
			elog(ERROR, "a key cannot have type %s", DdbTypeName(type));
	}
	pg_unreachable();
}

/* The column Datum of key bytes: S text, N canonical number text, B bytes. */
static Datum
KeyBytesDatum(DdbValueType type, const char *data, size_t len)
{
	switch (type)
	{
		case DDB_TYPE_S:
			return PointerGetDatum(cstring_to_text_with_len(data, len));
		case DDB_TYPE_N:
			return DirectFunctionCall3(numeric_in, CStringGetDatum(pnstrdup(data, len)),
									   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
		case DDB_TYPE_B:
			{
				bytea	   *b = palloc(VARHDRSZ + len);

				SET_VARSIZE(b, VARHDRSZ + len);
				memcpy(VARDATA(b), data, len);
				return PointerGetDatum(b);
			}
		default:
			elog(ERROR, "a key cannot have type %s", DdbTypeName(type));
	}
	pg_unreachable();
}

/* Add a parameter; returns its number ($n). */
static int
AddParam(SqlParams *p, Oid type, Datum value, bool isnull)
{
	if (p->count >= MAX_SQL_PARAMS)
		elog(ERROR, "too many statement parameters");
	p->types[p->count] = type;
	p->values[p->count] = isnull ? (Datum) 0 : value;
	p->nulls[p->count] = isnull ? 'n' : ' ';
	return ++p->count;
}

/* Add a key value parameter. */
static int
AddKeyParam(SqlParams *p, DdbValueType type, const DdbValue *value)
{
	return AddParam(p, KeyTypeOid(type),
					KeyBytesDatum(type, value->u.str.data, value->u.str.len), false);
}

/* The key columns of the relation read, in B-tree order. */
static int
RelationColumns(DdbReadPlan *plan, KeyColumn *cols)
{
	DdbDataTable *table = plan->table;
	int			n = 0;

	if (plan->index != NULL)
	{
		cols[n].name = DDB_COL_INDEX_HASH;
		cols[n].attr = plan->index->def->hash_key.name;
		cols[n++].type = plan->index->hash_type;
		if (plan->index->has_range)
		{
			cols[n].name = DDB_COL_INDEX_RANGE;
			cols[n].attr = plan->index->def->range_key.name;
			cols[n++].type = plan->index->range_type;
		}
	}
	cols[n].name = DDB_COL_HASH_KEY;
	cols[n].attr = table->def->hash_key.name;
	cols[n++].type = table->hash_type;
	if (table->has_range)
	{
		cols[n].name = DDB_COL_RANGE_KEY;
		cols[n].attr = table->def->range_key.name;
		cols[n++].type = table->range_type;
	}
	return n;
}

/*
 * The statement that reads a page, with its parameters.  The text depends
 * only on the shape of the request, never on its values, so it serves as
 * the plan cache's key.
 */
static char *
BuildStatement(DdbReadPlan *plan, SqlParams *params, Oid *relids)
{
	DdbDataTable *table = plan->table;
	KeyColumn	cols[4];
	int			ncols = RelationColumns(plan, cols);
	int			first = plan->is_query ? 1 : 0;	/* first order column */
	const char *dir = (plan->is_query && !plan->forward) ? " DESC" : "";
	const char *cmp = (plan->is_query && !plan->forward) ? "<" : ">";
	StringInfoData sql;
	int			lim;

	initStringInfo(&sql);
	lim = AddParam(params, INT8OID, Int64GetDatum((int64) plan->limit), plan->limit == 0);

	appendStringInfoString(&sql, "SELECT r." DDB_COL_ITEM ", r." DDB_COL_ITEM_SIZE);
	if (plan->fetch)
		appendStringInfoString(&sql, ", t." DDB_COL_ITEM ", t." DDB_COL_ITEM_SIZE);
	appendStringInfo(&sql, " FROM %s.%s r", DDB_DATA_SCHEMA,
					 quote_identifier(plan->index != NULL ? plan->index->def->relname
									  : table->def->relname));
	relids[0] = plan->index != NULL ? plan->index->relid : table->relid;
	relids[1] = InvalidOid;
	if (plan->fetch)
	{
		appendStringInfo(&sql, " LEFT JOIN %s.%s t ON t." DDB_COL_HASH_KEY " = r." DDB_COL_HASH_KEY,
						 DDB_DATA_SCHEMA, quote_identifier(table->def->relname));
		if (table->has_range)
			appendStringInfoString(&sql, " AND t." DDB_COL_RANGE_KEY " = r." DDB_COL_RANGE_KEY);
		relids[1] = table->relid;
	}
	appendStringInfoString(&sql, " WHERE true");

	if (plan->is_query)
	{
		appendStringInfo(&sql, " AND r.%s = $%d", cols[0].name,
						 AddKeyParam(params, cols[0].type, plan->hash_value));
		if (plan->has_range)
		{
			const KeyColumn *rc = &cols[1];
			const DdbValue *v0 = plan->range_values[0];
			const char *op = NULL;

			switch (plan->range_op)
			{
				case DDB_KEY_EQ:
					op = "=";
					break;
				case DDB_KEY_LT:
					op = "<";
					break;
				case DDB_KEY_LE:
					op = "<=";
					break;
				case DDB_KEY_GT:
					op = ">";
					break;
				case DDB_KEY_GE:
					op = ">=";
					break;
				case DDB_KEY_BETWEEN:
					{
						int			lo = AddKeyParam(params, rc->type, v0);
						int			hi = AddKeyParam(params, rc->type, plan->range_values[1]);

						appendStringInfo(&sql, " AND r.%s >= $%d AND r.%s <= $%d",
										 rc->name, lo, rc->name, hi);
						break;
					}
				case DDB_KEY_BEGINS_WITH:
					{
						/* [prefix, successor of the prefix) */
						size_t		len = v0->u.str.len;
						unsigned char *succ = palloc(len + 1);

						memcpy(succ, v0->u.str.data, len);
						while (len > 0 && succ[len - 1] == 0xFF)
							len--;
						appendStringInfo(&sql, " AND r.%s >= $%d", rc->name,
										 AddKeyParam(params, rc->type, v0));
						if (len > 0)
						{
							succ[len - 1]++;
							appendStringInfo(&sql, " AND r.%s < $%d", rc->name,
											 AddParam(params, KeyTypeOid(rc->type),
													  KeyBytesDatum(rc->type, (char *) succ, len),
													  false));
						}
						break;
					}
			}
			if (op != NULL)
				appendStringInfo(&sql, " AND r.%s %s $%d", rc->name, op,
								 AddKeyParam(params, rc->type, v0));
		}
	}

	if (plan->has_start)
	{
		if (ncols - first == 0)
		{
			/* a hash-only table's Query starting after its only item */
			appendStringInfoString(&sql, " AND false");
		}
		else
		{
			if (plan->nstart != ncols - first)
				elog(ERROR, "ExclusiveStartKey has %d values for %d columns",
					 plan->nstart, ncols - first);
			appendStringInfoString(&sql, " AND (");
			for (int i = first; i < ncols; i++)
				appendStringInfo(&sql, "%sr.%s", i > first ? ", " : "", cols[i].name);
			appendStringInfo(&sql, ") %s (", cmp);
			for (int i = first; i < ncols; i++)
				appendStringInfo(&sql, "%s$%d", i > first ? ", " : "",
								 AddKeyParam(params, cols[i].type, plan->start[i - first]));
			appendStringInfoChar(&sql, ')');
		}
	}

	if (!plan->is_query && plan->total_segments > 1)
	{
		int			total;
		int			seg;

		appendStringInfoString(&sql, " AND (");
		AppendSegmentExpr(&sql, &cols[0]);
		total = AddParam(params, INT8OID, Int64GetDatum(plan->total_segments), false);
		seg = AddParam(params, INT8OID, Int64GetDatum(plan->segment), false);
		appendStringInfo(&sql, " & 9223372036854775807) %% $%d = $%d", total, seg);
	}

	if (ncols - first > 0)
	{
		appendStringInfoString(&sql, " ORDER BY ");
		for (int i = first; i < ncols; i++)
			appendStringInfo(&sql, "%sr.%s%s", i > first ? ", " : "", cols[i].name, dir);
	}
	appendStringInfo(&sql, " LIMIT $%d", lim);
	return sql.data;
}

/* Relcache callback: statements reading relid must be prepared again. */
static void
PlanCacheInvalidate(Datum arg, Oid relid)
{
	HASH_SEQ_STATUS status;
	PlanEntry  *entry;

	if (plan_cache == NULL)
		return;
	hash_seq_init(&status, plan_cache);
	while ((entry = hash_seq_search(&status)) != NULL)
	{
		if (!OidIsValid(relid) || entry->relids[0] == relid || entry->relids[1] == relid)
		{
			entry->stale = true;
			plan_cache_stale = true;
		}
	}
}

/* Free the statements marked stale that no cursor uses. */
static void
PlanCacheSweep(void)
{
	HASH_SEQ_STATUS status;
	PlanEntry  *entry;
	bool		kept = false;

	hash_seq_init(&status, plan_cache);
	while ((entry = hash_seq_search(&status)) != NULL)
	{
		if (!entry->stale)
			continue;
		if (entry->in_use > 0)
		{
			kept = true;
			continue;
		}
		if (entry->plan != NULL)
			SPI_freeplan(entry->plan);
		if (entry->sql != NULL)
			pfree(entry->sql);
		(void) hash_search(plan_cache, &entry->key, HASH_REMOVE, NULL);
	}
	plan_cache_stale = kept;
}

/* The saved plan of a statement, prepared on first use (under SPI). */
static PlanEntry *
PlanCacheLookup(const char *sql, SqlParams *params, Oid *relids)
{
	uint64		key;
	bool		found;
	PlanEntry  *entry;
	SPIPlanPtr	plan;

	if (plan_cache == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(uint64);
		ctl.entrysize = sizeof(PlanEntry);
		ctl.hcxt = CacheMemoryContext;
		plan_cache = hash_create("ddbtable read statements", 64, &ctl,
								 HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
		CacheRegisterRelcacheCallback(PlanCacheInvalidate, (Datum) 0);
	}
	if (plan_cache_stale)
		PlanCacheSweep();

	key = hash_bytes_extended((const unsigned char *) sql, strlen(sql), 0);
	entry = hash_search(plan_cache, &key, HASH_ENTER, &found);
	if (found && !entry->stale && entry->in_use == 0 && entry->plan != NULL &&
		strcmp(entry->sql, sql) == 0)
		return entry;
	if (found && entry->in_use > 0)
		elog(ERROR, "ddbtable read statement is already in use");
	if (found)
	{
		/* stale, or another statement with the same hash: replace it */
		if (entry->plan != NULL)
			SPI_freeplan(entry->plan);
		if (entry->sql != NULL)
			pfree(entry->sql);
	}
	entry->plan = NULL;
	entry->sql = NULL;
	entry->stale = false;
	entry->in_use = 0;

	plan = SPI_prepare_cursor(sql, params->count, params->types,
							  CURSOR_OPT_NO_SCROLL | CURSOR_OPT_FAST_PLAN);
	if (plan == NULL || SPI_keepplan(plan) != 0)
	{
		(void) hash_search(plan_cache, &key, HASH_REMOVE, NULL);
		elog(ERROR, "could not prepare \"%s\": %s", sql,
			 SPI_result_code_string(SPI_result));
	}
	entry->plan = plan;
	entry->sql = MemoryContextStrdup(CacheMemoryContext, sql);
	entry->relids[0] = relids[0];
	entry->relids[1] = relids[1];
	return entry;
}

/*-------------------------------------------------------------------------
 * Reading
 *-------------------------------------------------------------------------
 */

/* LastEvaluatedKey: the key attributes of the index and the table. */
static Jsonb *
BuildLastKey(DdbReadPlan *plan, Jsonb *entry)
{
	const char *names[4];
	int			n = 0;
	JsonbParseState *state = NULL;
	JsonbValue *result;

	if (plan->index != NULL)
	{
		names[n++] = plan->index->def->hash_key.name;
		if (plan->index->has_range)
			names[n++] = plan->index->def->range_key.name;
	}
	names[n++] = plan->table->def->hash_key.name;
	if (plan->table->has_range)
		names[n++] = plan->table->def->range_key.name;

	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	for (int i = 0; i < n; i++)
	{
		JsonbValue	k;
		JsonbValue *v;
		bool		dup = false;

		for (int j = 0; j < i; j++)
			if (strcmp(names[i], names[j]) == 0)
				dup = true;
		if (dup)
			continue;
		v = getKeyJsonValueFromContainer(&entry->root, names[i], strlen(names[i]), NULL);
		if (v == NULL)
			elog(ERROR, "a stored item lacks its key attribute \"%s\"", names[i]);
		k.type = jbvString;
		k.val.string.val = (char *) names[i];
		k.val.string.len = strlen(names[i]);
		pushJsonbValue(&state, WJB_KEY, &k);
		pushJsonbValue(&state, WJB_VALUE, v);
	}
	result = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(result);
}

/* Copy a jsonb into a memory context. */
static Jsonb *
CopyJsonb(Jsonb *jb, MemoryContext cxt)
{
	Jsonb	   *copy = MemoryContextAlloc(cxt, VARSIZE(jb));

	memcpy(copy, jb, VARSIZE(jb));
	return copy;
}

/*
 * Count, filter and keep one row read; returns false when the page is
 * complete after it (Limit or 1 MB reached).
 */
static bool
ProcessRow(PageState *st, HeapTuple tuple, TupleDesc desc, MemoryContext row_cxt)
{
	DdbReadPlan *plan = st->plan;
	MemoryContext old = MemoryContextSwitchTo(row_cxt);
	bool		isnull;
	Datum		entry_datum;
	int32		entry_size;
	Jsonb	   *entry;
	Jsonb	   *read_item;
	int32		read_size;
	bool		keep = true;
	bool		more = true;

	entry_datum = SPI_getbinval(tuple, desc, 1, &isnull);
	if (isnull)
		elog(ERROR, "a stored item is null");
	entry_size = DatumGetInt32(SPI_getbinval(tuple, desc, 2, &isnull));
	entry = DatumGetJsonbP(entry_datum);
	read_item = entry;
	read_size = entry_size;

	if (plan->index != NULL)
		st->index_bytes += entry_size;
	else
		st->table_bytes += entry_size;
	if (plan->fetch)
	{
		Datum		fetched = SPI_getbinval(tuple, desc, 3, &isnull);

		if (!isnull)
		{
			read_item = DatumGetJsonbP(fetched);
			read_size = DatumGetInt32(SPI_getbinval(tuple, desc, 4, &isnull));
			st->fetch_units += DdbReadUnits(read_size, plan->consistent);
		}
	}
	st->scanned++;
	st->bytes_read += read_size;

	if (plan->filter != NULL || plan->select == DDB_SELECT_SPECIFIC_ATTRIBUTES)
	{
		const char *error = NULL;
		DdbValue   *value = DdbJsonbDocumentToItem(read_item, &error);

		if (error != NULL)
			elog(ERROR, "a stored item is not valid: %s", error);
		if (plan->filter != NULL)
			keep = DdbEvalCondition(plan->filter, value);
		if (keep && plan->select == DDB_SELECT_SPECIFIC_ATTRIBUTES)
			read_item = DdbItemToJsonb(DdbProjectItem(plan->projection, value));
	}
	if (keep)
	{
		st->count++;
		if (plan->select != DDB_SELECT_COUNT)
		{
			Jsonb	   *out = plan->select == DDB_SELECT_ALL_PROJECTED_ATTRIBUTES ? entry : read_item;

			MemoryContextSwitchTo(st->out_cxt);
			st->items = lappend(st->items, CopyJsonb(out, st->out_cxt));
			MemoryContextSwitchTo(row_cxt);
		}
	}

	if ((plan->limit > 0 && st->scanned >= plan->limit) ||
		st->bytes_read >= DDB_READ_PAGE_BYTES)
	{
		Jsonb	   *key = BuildLastKey(plan, entry);

		st->last_key = CopyJsonb(key, st->out_cxt);
		more = false;
	}
	MemoryContextSwitchTo(old);
	MemoryContextReset(row_cxt);
	return more;
}

/* Fetch and process rows in growing batches until the page is complete. */
static void
FetchRows(PageState *st, Portal portal, MemoryContext row_cxt)
{
	int64		batch = FIRST_BATCH;
	bool		more = true;

	while (more)
	{
		int64		want = batch;

		if (st->plan->limit > 0)
			want = Min(want, st->plan->limit - st->scanned);
		SPI_cursor_fetch(portal, true, want);
		for (uint64 i = 0; i < SPI_processed && more; i++)
			more = ProcessRow(st, SPI_tuptable->vals[i], SPI_tuptable->tupdesc, row_cxt);
		if (SPI_processed < (uint64) want)
			more = false;
		SPI_freetuptable(SPI_tuptable);
		CHECK_FOR_INTERRUPTS();
		batch = Min(batch * 2, MAX_BATCH);
	}
}

/* Read one page (run as the owner of the table's relations). */
static void
ReadPageAsOwner(void *arg)
{
	PageState  *st = arg;
	SqlParams	params = {0};
	Oid			relids[2];
	char	   *sql;
	PlanEntry  *entry;
	MemoryContext row_cxt;

	/*
	 * A page must be read in key order from the B-tree, whatever the
	 * statistics say: sorting the rest of a large table for every page, as
	 * the planner may choose for a freshly filled one, would make a Scan
	 * quadratic.  DdbRunAsRole restores these settings afterwards.
	 */
	for (size_t i = 0; i < lengthof(planner_settings); i++)
		(void) set_config_option(planner_settings[i][0], planner_settings[i][1],
								 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	sql = BuildStatement(st->plan, &params, relids);
	entry = PlanCacheLookup(sql, &params, relids);
	row_cxt = AllocSetContextCreate(st->out_cxt, "ddbtable read item",
									ALLOCSET_DEFAULT_SIZES);

	entry->in_use++;
	PG_TRY();
	{
		Portal		portal = SPI_cursor_open(NULL, entry->plan, params.values,
											 params.nulls, false);

		FetchRows(st, portal, row_cxt);
		SPI_cursor_close(portal);
	}
	PG_FINALLY();
	{
		entry->in_use--;
	}
	PG_END_TRY();
	MemoryContextDelete(row_cxt);
	SPI_finish();
}

/* The owner of a relation. */
static Oid
RelationOwnerOf(Oid relid)
{
	HeapTuple	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tuple))->relowner;
	ReleaseSysCache(tuple);
	return owner;
}

/* Read one page and answer with DynamoDB's response. */
Jsonb *
DdbReadPage(DdbReadPlan *plan)
{
	PageState	st = {0};
	DdbJson		js;
	ListCell   *lc;

	st.plan = plan;
	st.out_cxt = CurrentMemoryContext;
	DdbRunAsRole(RelationOwnerOf(plan->table->relid), true, ReadPageAsOwner, &st);

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	if (plan->select != DDB_SELECT_COUNT)
	{
		DdbJsonBeginArray(&js, "Items");
		foreach(lc, st.items)
			DdbJsonPutJsonb(&js, NULL, (Jsonb *) lfirst(lc));
		DdbJsonEndArray(&js);
	}
	DdbJsonPutInt64(&js, "Count", st.count);
	DdbJsonPutInt64(&js, "ScannedCount", st.scanned);
	if (st.last_key != NULL)
		DdbJsonPutJsonb(&js, "LastEvaluatedKey", st.last_key);
	if (plan->rcc != DDB_CAPACITY_NONE)
	{
		DdbConsumed consumed;

		DdbConsumedInit(&consumed, plan->table);
		if (plan->index != NULL)
			DdbConsumedAddRead(&consumed, plan->index_pos,
							   DdbReadUnits(st.index_bytes, plan->consistent));
		else
			DdbConsumedAddRead(&consumed, -1, DdbReadUnits(st.table_bytes, plan->consistent));
		if (st.fetch_units > 0)
			DdbConsumedAddRead(&consumed, -1, st.fetch_units);
		DdbJsonPutConsumedCapacity(&js, "ConsumedCapacity", plan->table, plan->table_name,
								   &consumed, plan->rcc);
	}
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}
