/*-------------------------------------------------------------------------
 *
 * ddb_data.h
 *	  The data plane: what every item operation (PutItem, GetItem,
 *	  UpdateItem, DeleteItem, Query, Scan, BatchGetItem, BatchWriteItem,
 *	  and later the transactions) shares.
 *
 * A request handler typically does, in DynamoDB's order of checks
 * (expressions.md section 9):
 *
 *	1. Read its members: the JSON types first (SerializationException,
 *	   raised by the getters of ddb_request.h and by DdbExprParamsRead),
 *	   then the model constraints, collected in one DdbViolations with
 *	   DdbReadDataTableName, DdbReadReturnConsumedCapacity, ... and raised
 *	   together with DdbViolationsRaise.
 *	2. DdbExprParamsCheckUsage: expressions mixed with legacy members,
 *	   ExpressionAttributeNames/Values given without an expression.
 *	3. Convert Item/Key (DdbJsonbToItem) and check item sizes.
 *	4. DdbExprParamsContext: the placeholder maps' own checks; then parse
 *	   every expression (ddb_expr.h) with the context it returns, then
 *	   DdbExprCheckUnused.
 *	5. DdbOpenDataTable: the table (ResourceNotFoundException), the
 *	   caller's privilege (AccessDeniedException), the lock.
 *	6. Key checks against the schema (DdbKeyFromKeyParam, DdbKeyFromItem,
 *	   DdbCheckIndexKeyTypes).
 *	7. Read (DdbFetchItem) or write (DdbWriteItem), and answer with
 *	   DdbJsonPutConsumedCapacity and DdbJsonPutItemCollectionMetrics.
 *
 * Storage: items live in the table's item relation, one row per item;
 * each GSI/LSI has its own relation of projected entries (ddb_storage.h).
 * The functions here read and write those relations directly through the
 * table access method and the relations' B-trees (no SQL, no SPI), check
 * no privileges (DdbOpenDataTable did), and keep every secondary index in
 * step with the item relation in the same transaction, so that a reader
 * never sees an index out of step with its table.  They never fire
 * triggers on these relations.
 *
 * Concurrency: a write locks the item's row (like SELECT ... FOR UPDATE,
 * waiting for a transaction that holds it) before deciding what to write,
 * so the decision always sees the latest committed version; a write to a
 * key that has no item yet takes a
 * short-lived lock on the key itself, so that two sessions racing to create
 * one item are serialised (the second sees the first's item once that
 * commits).  Every single-item write is therefore atomic and
 * serialisable per item, as DynamoDB's are: a write always applies to the
 * latest committed version of its item (at every isolation level, as
 * DynamoDB's writes do), and its condition is evaluated against that
 * version.  Reads use a fresh snapshot in READ COMMITTED and the
 * transaction's snapshot in REPEATABLE READ and SERIALIZABLE.
 *
 * Memory: everything returned is allocated in the caller's memory context
 * unless stated otherwise; a DdbDataTable belongs to a backend-local cache
 * and must not be changed or kept beyond the current request.
 *
 * Errors: every function may raise (DdbRaise) with relations, buffers and
 * locks still held; they are released by the (sub)transaction's abort.  A
 * caller that catches an error to go on (a batch or transaction handler)
 * must run the failing part in a subtransaction and roll it back, as
 * ddb_execute does for a whole request.
 *
 * IDENTIFICATION
 *	  src/ddb_data.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_DATA_H
#define DDB_DATA_H

#include "postgres.h"

#include "storage/itemptr.h"
#include "utils/jsonb.h"

#include "ddb_attrval.h"
#include "ddb_catalog.h"
#include "ddb_expr.h"
#include "ddb_json.h"
#include "ddb_request.h"

/*-------------------------------------------------------------------------
 * Tables
 *-------------------------------------------------------------------------
 */

/* One secondary index of an open table. */
typedef struct DdbDataIndex
{
	DdbIndexDef *def;			/* the catalog definition */
	Oid			relid;			/* its relation ddb_data.<table rel>_i<n> */
	Oid			pkey_oid;		/* B-tree on the table key (one entry per item) */
	Oid			key_oid;		/* B-tree on (index key, table key) */
	DdbValueType hash_type;		/* DDB_TYPE_S, _N or _B */
	DdbValueType range_type;	/* meaningful when def->range_key.name */
	bool		has_range;
} DdbDataIndex;

/* A table opened for the data plane (see DdbOpenDataTable). */
typedef struct DdbDataTable
{
	DdbTableDef *def;			/* the catalog definition; read only */
	Oid			relid;			/* the item relation */
	Oid			pkey_oid;		/* its primary key B-tree */
	DdbValueType hash_type;		/* DDB_TYPE_S, _N or _B */
	DdbValueType range_type;	/* meaningful when has_range */
	bool		has_range;
	int			nindexes;
	DdbDataIndex *indexes;		/* in def->indexes order (by position) */
	bool		has_lsi;		/* ItemCollectionMetrics apply */

	/* NUL-terminated attribute names, as DdbUpdateCheckKeys wants them */
	const char *const *table_key_names; /* hash key, then range key */
	int			ntable_keys;
	const char *const *index_key_names; /* distinct, excluding table keys */
	int			nindex_keys;

	struct DdbDataPrivate *priv;	/* private to the data-plane modules */
} DdbDataTable;

/*
 * Find a table by name or ARN for a data-plane action ("GetItem",
 * "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem",
 * "BatchWriteItem", "ConditionCheckItem", ...: the names of ddb_acl.h).
 *
 *	- A table that does not exist, or whose status is not ACTIVE or
 *	  UPDATING (CREATING, DELETING), is ResourceNotFoundException
 *	  "Requested resource not found" (the data plane's text, without the
 *	  control plane's ": Table: <name> not found").
 *	- Then the privilege check of ddb_acl.h for the action
 *	  (AccessDeniedException).
 *	- The item relation and every index relation are locked until the end
 *	  of the transaction: AccessShareLock for reads, RowExclusiveLock for
 *	  writes (the action tells which), so the table cannot be dropped or
 *	  altered under the request.
 *
 * Definitions are cached per backend, keyed by the name or ARN as given;
 * an entry is dropped when a relcache invalidation arrives for
 * ddb_catalog.tables (the catalog's writers send one, see ddb_catalog.c)
 * or for one of the table's relations, and the lookup is repeated after
 * the locks are taken, so a concurrent UpdateTable/DeleteTable that
 * committed meanwhile is always seen.  The result is valid until the end
 * of the current request; do not keep it across transactions.
 */
extern DdbDataTable *DdbOpenDataTable(const char *name_or_arn, const char *action);

/* The index of that name, or NULL. */
extern DdbDataIndex *DdbFindDataIndex(DdbDataTable *table, const char *index_name);

/*-------------------------------------------------------------------------
 * Request members
 *-------------------------------------------------------------------------
 */

/* ReturnConsumedCapacity */
typedef enum DdbReturnCapacity
{
	DDB_CAPACITY_NONE,
	DDB_CAPACITY_TOTAL,
	DDB_CAPACITY_INDEXES
} DdbReturnCapacity;

/* ReturnValues */
typedef enum DdbReturnValues
{
	DDB_RETURN_NONE,
	DDB_RETURN_ALL_OLD,
	DDB_RETURN_UPDATED_OLD,
	DDB_RETURN_ALL_NEW,
	DDB_RETURN_UPDATED_NEW
} DdbReturnValues;

/*
 * TableName of a data-plane request (a name or a table ARN), with the
 * model's constraints recorded in v as DynamoDB words them: missing is
 * "Value null at 'tableName' failed to satisfy constraint: Member must
 * not be null"; a name is checked against the pattern [a-zA-Z0-9_.-]+ and
 * the length 3..255, an ARN against the length 1..1024.  Returns NULL when
 * missing.  path is the member path in messages ("tableName", or
 * "transactItems.1.member.put.tableName" and the like).
 */
extern char *DdbReadDataTableName(JsonbContainer *obj, const char *member,
								  const char *path, DdbViolations *v);

/*
 * ReturnConsumedCapacity: absent is NONE; a value outside the enum records
 * "Value '<x>' at 'returnConsumedCapacity' failed to satisfy constraint:
 * Member must satisfy enum value set: [INDEXES, TOTAL, NONE]".
 */
extern DdbReturnCapacity DdbReadReturnConsumedCapacity(JsonbContainer *root,
													   DdbViolations *v);

/* ReturnItemCollectionMetrics: true for SIZE; enum [SIZE, NONE]. */
extern bool DdbReadReturnItemCollectionMetrics(JsonbContainer *root, DdbViolations *v);

/*
 * ReturnValues: enum [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW].
 * Which values an operation accepts is the operation's own later check
 * (PutItem/DeleteItem: "ReturnValues can only be ALL_OLD or NONE").
 */
extern DdbReturnValues DdbReadReturnValues(JsonbContainer *root, DdbViolations *v);

/*
 * ReturnValuesOnConditionCheckFailure: true for ALL_OLD; enum
 * [ALL_OLD, NONE].  path as for DdbReadDataTableName.
 */
extern bool DdbReadReturnValuesOnConditionCheckFailure(JsonbContainer *obj,
													   const char *path,
													   DdbViolations *v);

/*
 * ExpressionAttributeNames and ExpressionAttributeValues of one request
 * (or of one element of a batch or transaction).  Reading them is split in
 * the stages where DynamoDB checks them:
 *
 *	DdbExprParamsRead			stage 1: JSON types (SerializationException):
 *								names must map to strings, values to
 *								AttributeValue objects (their contents are
 *								converted here, their ValidationExceptions
 *								kept for stage 4).
 *	DdbExprParamsCheckUsage		stage 2: "Can not use both expression and
 *								non-expression parameters ...",
 *								"ExpressionAttributeNames can only be
 *								specified when using expressions",
 *								"ExpressionAttributeValues can only be
 *								specified when using expressions: <X> is
 *								null" / "<X> and <Y> are null".
 *	DdbExprParamsContext		stage 4: "... must not be empty", "...
 *								contains invalid key: Syntax error; key:
 *								"<k>"", "ExpressionAttributeValues contains
 *								invalid value: <message> for key <k>", in
 *								that order (names before values); returns
 *								the context to parse every expression with.
 *
 * Then parse the expressions (ddb_expr.h) and call DdbExprCheckUnused.
 */
typedef struct DdbExprParams
{
	JsonbContainer *names;		/* ExpressionAttributeNames, or NULL */
	JsonbContainer *values;		/* ExpressionAttributeValues, or NULL */
	int			nvalues;
	char	  **value_keys;		/* in the map's order */
	int		   *value_key_lens;
	DdbValue  **value_values;	/* converted, or NULL when invalid */
	const char **value_errors;	/* the pending ValidationException, or NULL */
} DdbExprParams;

/*
 * Stage 1.  values_member false for requests that have no
 * ExpressionAttributeValues member (GetItem, BatchGetItem's
 * KeysAndAttributes, TransactGetItems' Get): then it is ignored like any
 * unknown member.
 */
extern void DdbExprParamsRead(JsonbContainer *obj, bool values_member,
							  DdbExprParams *params);

/*
 * Stage 2.  expr_members lists the operation's expression members in
 * DynamoDB's order, e.g. {"UpdateExpression", "ConditionExpression"}, or
 * for a Query {"KeyConditionExpression", "FilterExpression",
 * "ProjectionExpression"} (ProjectionExpression does not use values);
 * legacy_members its non-expression counterparts, e.g. {"AttributeUpdates",
 * "Expected"} (only those present are named in the message).
 */
extern void DdbExprParamsCheckUsage(DdbExprParams *params, JsonbContainer *obj,
									const char *const *expr_members, int nexpr,
									const char *const *legacy_members, int nlegacy);

/* Stage 4: the placeholder maps' checks; returns a new context. */
extern DdbExprContext *DdbExprParamsContext(DdbExprParams *params);

/*-------------------------------------------------------------------------
 * Keys
 *-------------------------------------------------------------------------
 */

/* The primary key of one item, as values and as column Datums. */
typedef struct DdbItemKey
{
	const DdbValue *hash;		/* an S, N or B value */
	const DdbValue *range;		/* the sort key's, or NULL */
	Datum		hash_datum;		/* text (COLLATE "C"), numeric or bytea */
	Datum		range_datum;	/* when range is set */
} DdbItemKey;

/*
 * A Key parameter (GetItem, UpdateItem, DeleteItem, BatchGetItem's Keys,
 * DeleteRequest, ...), an M value: it must hold exactly the table's key
 * attributes with their declared types, otherwise "The provided key
 * element does not match the schema"; then each value's emptiness and
 * size ("One or more parameter values were invalid: The AttributeValue
 * for a key attribute cannot contain an empty string value. Key: <a>",
 * "... Size of hashkey has exceeded ...").  Checked key by key, partition
 * key first.
 */
extern void DdbKeyFromKeyParam(DdbDataTable *table, const DdbValue *key,
							   DdbItemKey *out);

/*
 * The key of an Item (PutItem, PutRequest, Put): "One or more parameter
 * values were invalid: Missing the key <a> in the item", "... Type
 * mismatch for key <a> expected: <T> actual: <U>", then emptiness ("One
 * or more parameter values are not valid. The AttributeValue for a key
 * attribute cannot contain an empty string value. Key: <a>") and size.
 */
extern void DdbKeyFromItem(DdbDataTable *table, const DdbValue *item, DdbItemKey *out);

/*
 * Index key attributes present in an item must have their declared type:
 * "One or more parameter values were invalid: Type mismatch for Index Key
 * <a> Expected: <T> Actual: <U> IndexName: <idx>"; an empty or too long
 * S/B index key value is refused as well ("One or more parameter values
 * are not valid. A value specified for a secondary index key is not
 * supported. The AttributeValue for a key attribute cannot contain an
 * empty string value. IndexName: <idx>, IndexKey: <a>").  for_update
 * selects UpdateItem's wording for a wrong type ("The update expression
 * attempted to update the secondary index key to unsupported type").
 */
extern void DdbCheckIndexKeyTypes(DdbDataTable *table, const DdbValue *item,
								  bool for_update);

/* The key as an item (an M of the key attributes), e.g. for upserts. */
extern DdbValue *DdbKeyToItem(DdbDataTable *table, const DdbItemKey *key);

/* Whether two keys of the same table are equal. */
extern bool DdbItemKeyEquals(const DdbItemKey *a, const DdbItemKey *b);

/* The column Datum of a key value (S -> text, N -> numeric, B -> bytea). */
extern Datum DdbKeyValueDatum(const DdbValue *value);

/* The key value of a column Datum of a key of the given type. */
extern DdbValue *DdbKeyDatumValue(DdbValueType type, Datum datum);

/*-------------------------------------------------------------------------
 * Reading items
 *-------------------------------------------------------------------------
 */

/* An item as stored, possibly absent. */
typedef struct DdbStoredItem
{
	bool		found;
	Jsonb	   *item;			/* the stored DynamoDB JSON, when found */
	int32		size;			/* its DynamoDB size (items.md section 4) */
	DdbValue   *value;			/* see DdbStoredItemValue; NULL until asked */
	ItemPointerData tid;		/* private: the row read */
} DdbStoredItem;

/*
 * Read one item by key with a fresh snapshot (the latest committed state
 * plus the transaction's own writes: a strongly consistent read).  Takes
 * no row lock.  Returns out->found.
 */
extern bool DdbFetchItem(DdbDataTable *table, const DdbItemKey *key, DdbStoredItem *out);

/*
 * The stored item as a DdbValue (an M), converted once and cached in the
 * DdbStoredItem; NULL when the item was not found.
 */
extern DdbValue *DdbStoredItemValue(DdbStoredItem *item);

/*-------------------------------------------------------------------------
 * Writing items
 *-------------------------------------------------------------------------
 */

/* Capacity consumed by one request on one table (items.md section 14). */
typedef struct DdbConsumed
{
	double		table;			/* units charged to the table itself */
	double	   *indexes;		/* per DdbDataTable index, same order */
	bool	   *touched;		/* whether the index appears in INDEXES */
	int			nindexes;
	double		read_units;		/* of the total, reads */
	double		write_units;	/* of the total, writes */
} DdbConsumed;

/* What DdbWriteItem's decision function wants done. */
typedef enum DdbWriteAction
{
	DDB_WRITE_NOTHING,			/* leave the item as it is (or absent) */
	DDB_WRITE_PUT,				/* store *new_item under the key */
	DDB_WRITE_DELETE			/* remove the item (nothing if absent) */
} DdbWriteAction;

/*
 * Decide a write from the current item (found false when there is none),
 * which is locked (or, when absent, its key is) while this runs.  May
 * raise, e.g. ConditionalCheckFailedException with
 * DdbRaiseConditionalCheckFailed.  For DDB_WRITE_PUT set *new_item to the
 * whole new item (an M holding the key attributes unchanged; checked for
 * size and index key types by the caller).  It may run more than once for
 * one write (when the item changed while being locked): it must depend
 * only on its arguments.
 */
typedef DdbWriteAction (*DdbWriteDecision) (void *arg, DdbStoredItem *current,
											const DdbValue **new_item);

/* The outcome of DdbWriteItem. */
typedef struct DdbWriteResult
{
	DdbWriteAction action;		/* what was done */
	DdbStoredItem old;			/* the item before the write */
	const DdbValue *new_item;	/* the item after it (NULL when absent) */
	int32		new_size;		/* its DynamoDB size */
} DdbWriteResult;

/*
 * The race-safe conditional write: lock the item (or its absent key), call
 * decide, carry out its answer on the item relation and every index
 * relation, and add the write units to consumed (may be NULL): items.md
 * section 14.2 (the table: ceil1k(max(old, new)), at least 1; each
 * touched index entry: 1 write per put or delete of ceil1k(entry size)).
 * The command counter is advanced, so later reads in the transaction see
 * the write.
 */
extern void DdbWriteItem(DdbDataTable *table, const DdbItemKey *key,
						 DdbWriteDecision decide, void *arg,
						 DdbWriteResult *result, DdbConsumed *consumed);

/*
 * Unconditional forms (BatchWriteItem's PutRequest and DeleteRequest):
 * store item (already checked: key, index key types, size) / remove the
 * item if any.  The result may be NULL.
 */
extern void DdbPutItemUnconditionally(DdbDataTable *table, const DdbItemKey *key,
									  const DdbValue *item, DdbWriteResult *result,
									  DdbConsumed *consumed);
extern void DdbDeleteItemUnconditionally(DdbDataTable *table, const DdbItemKey *key,
										 DdbWriteResult *result, DdbConsumed *consumed);

/*
 * Raise ConditionalCheckFailedException "The conditional request failed",
 * with the existing item as the error body's "Item" member when
 * return_old (ReturnValuesOnConditionCheckFailure ALL_OLD) and the item
 * exists.
 */
extern void DdbRaiseConditionalCheckFailed(DdbStoredItem *current, bool return_old)
			pg_attribute_noreturn();

/*-------------------------------------------------------------------------
 * Capacity and metrics in responses
 *-------------------------------------------------------------------------
 */

/* Start counting (all zero) for a table. */
extern void DdbConsumedInit(DdbConsumed *consumed, DdbDataTable *table);

/*
 * Read units for bytes read: ceil(bytes / 4 KB), at least 1, halved when
 * not consistent.  Query/Scan add up the item sizes first and round once.
 */
extern double DdbReadUnits(int64 bytes, bool consistent);

/* Write units for bytes written: ceil(bytes / 1 KB), at least 1. */
extern double DdbWriteUnits(int64 bytes);

/* Charge read units to the table, or to an index (index >= 0). */
extern void DdbConsumedAddRead(DdbConsumed *consumed, int index, double units);

/*
 * Put "ConsumedCapacity" (key; NULL inside an array, as batch responses
 * list one per table) unless mode is NONE:
 * {"TableName": <as requested>, "CapacityUnits": total} and, for INDEXES,
 * "Table": {"CapacityUnits": ...} and "LocalSecondaryIndexes" /
 * "GlobalSecondaryIndexes": {"<name>": {"CapacityUnits": ...}} for the
 * indexes touched.  Units are JSON numbers (1, 0.5, 12.5).
 */
extern void DdbJsonPutConsumedCapacity(DdbJson *js, const char *key,
									   DdbDataTable *table, const char *table_name,
									   const DdbConsumed *consumed,
									   DdbReturnCapacity mode);

/*
 * Put "ItemCollectionMetrics" (key; NULL inside an array) for a write to
 * a table with LSIs: {"ItemCollectionKey": {"<pk>": <value>},
 * "SizeEstimateRangeGB": [lower, upper]} where the range brackets the size
 * of every item with that partition key plus their LSI entries, in GB.
 * Does nothing for a table without LSIs.
 */
extern void DdbJsonPutItemCollectionMetrics(DdbJson *js, const char *key,
											DdbDataTable *table,
											const DdbItemKey *item_key);

#endif							/* DDB_DATA_H */
