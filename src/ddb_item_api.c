/*-------------------------------------------------------------------------
 *
 * ddb_item_api.c
 *	  PutItem, GetItem, UpdateItem and DeleteItem (items.md sections 5-9).
 *
 * Each handler checks its request in DynamoDB's stages (expressions.md
 * section 9; the member order is that of the service model as dynalite
 * records it) and stops at the first failure:
 *
 *	1. JSON types of the members, in model order (SerializationException);
 *	2. model constraints, collected into one "N validation errors detected"
 *	   ValidationException (TableName, enums, required members);
 *	3. expressions against legacy members, placeholder maps given without
 *	   expressions; the AttributeValues of Item/Key; the operation's
 *	   ReturnValues rule; PutItem's item size;
 *	4. the placeholder maps, every expression (UpdateExpression,
 *	   ConditionExpression, ProjectionExpression), unused placeholders;
 *	5. the table (ResourceNotFoundException), the caller's privileges
 *	   (AccessDeniedException), the key against the schema, index key
 *	   types, key attributes named by an update;
 *	6. the write itself, through DdbWriteItem: the condition is evaluated
 *	   on the locked current item (ConditionalCheckFailedException, with
 *	   the item when ReturnValuesOnConditionCheckFailure is ALL_OLD), then
 *	   the update is applied and checked (400 KB, index key types).
 *
 * The legacy parameters (Expected, ConditionalOperator, AttributeUpdates,
 * AttributesToGet on writes) are not implemented, except AttributesToGet
 * on GetItem: mixed with expressions they get DynamoDB's message, alone
 * they are refused with a ValidationException naming the expression to
 * use instead.
 *
 * IDENTIFICATION
 *	  src/ddb_item_api.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "ddb_attrval_jsonb.h"
#include "ddb_core.h"
#include "ddb_data.h"
#include "ddb_errors.h"
#include "ddb_expr.h"
#include "ddb_json.h"
#include "ddb_operations.h"
#include "ddb_request.h"

/* The members every write shares, once read. */
typedef struct WriteRequest
{
	char	   *table_name;
	DdbReturnCapacity return_capacity;
	bool		return_metrics;
	DdbReturnValues return_values;
	bool		return_old_on_failure;
	char	   *condition_text;
	int			condition_len;
	DdbExprParams params;
	DdbCondition *condition;
} WriteRequest;

/* What the decision functions need and report. */
typedef struct DecideArgs
{
	WriteRequest *req;
	DdbDataTable *table;
	const DdbItemKey *key;
	const DdbValue *item;		/* PutItem: the new item */
	DdbUpdate  *update;			/* UpdateItem: the actions, or NULL */
	DdbUpdateResult *applied;	/* UpdateItem: the result */
} DecideArgs;

static void RefuseLegacy(JsonbContainer *root, const char *member, const char *instead);
static void ReadWriteMembers(WriteRequest *req, JsonbContainer *root);
static void CheckCondition(DecideArgs *args, DdbStoredItem *current);
static DdbWriteAction DecidePut(void *arg, DdbStoredItem *current, const DdbValue **new_item);
static DdbWriteAction DecideDelete(void *arg, DdbStoredItem *current,
								   const DdbValue **new_item);
static DdbWriteAction DecideUpdate(void *arg, DdbStoredItem *current,
								   const DdbValue **new_item);
static void CheckUpdateIndexLiterals(DdbDataTable *table, const DdbUpdate *update);
static void PutAttributesIfAny(DdbJson *js, const DdbValue *map);
static Jsonb *FinishWrite(WriteRequest *req, DdbDataTable *table, const DdbItemKey *key,
						  DdbConsumed *consumed, DdbJson *js);

/*
 * Legacy members alone: ddbtable does not implement them, and ignoring a
 * condition would be wrong, so they are refused.
 */
static void
RefuseLegacy(JsonbContainer *root, const char *member, const char *instead)
{
	if (DdbGetMember(root, member) != NULL)
		DdbRaise(DDB_EXC_ValidationException,
				 "The legacy parameter %s is not supported by ddbtable; use %s instead",
				 member, instead);
}

/*
 * The JSON types of the members that come last in every write's model
 * order: ConditionExpression, ExpressionAttributeValues and
 * ExpressionAttributeNames (the handlers read the others before).
 */
static void
ReadWriteMembers(WriteRequest *req, JsonbContainer *root)
{
	(void) DdbGetString(root, "ConditionExpression", &req->condition_text,
						&req->condition_len);
	DdbExprParamsRead(root, true, &req->params);
}

/* Evaluate the ConditionExpression against the current item. */
static void
CheckCondition(DecideArgs *args, DdbStoredItem *current)
{
	WriteRequest *req = args->req;

	if (req->condition == NULL)
		return;
	if (!DdbEvalCondition(req->condition, DdbStoredItemValue(current)))
		DdbRaiseConditionalCheckFailed(current, req->return_old_on_failure);
}

/* PutItem: condition, then replace the whole item. */
static DdbWriteAction
DecidePut(void *arg, DdbStoredItem *current, const DdbValue **new_item)
{
	DecideArgs *args = arg;

	CheckCondition(args, current);
	*new_item = args->item;
	return DDB_WRITE_PUT;
}

/* DeleteItem: condition, then remove. */
static DdbWriteAction
DecideDelete(void *arg, DdbStoredItem *current, const DdbValue **new_item)
{
	CheckCondition((DecideArgs *) arg, current);
	return DDB_WRITE_DELETE;
}

/* UpdateItem: condition, apply the actions, check the result. */
static DdbWriteAction
DecideUpdate(void *arg, DdbStoredItem *current, const DdbValue **new_item)
{
	DecideArgs *args = arg;
	const DdbValue *old = DdbStoredItemValue(current);
	const DdbValue *key_item = DdbKeyToItem(args->table, args->key);

	CheckCondition(args, current);
	if (args->update == NULL)
	{
		/* no UpdateExpression: an absent item is created with its key */
		args->applied = NULL;
		if (old != NULL)
			return DDB_WRITE_NOTHING;
		*new_item = key_item;
		return DDB_WRITE_PUT;
	}
	args->applied = DdbUpdateApply(args->update, old, key_item);
	DdbCheckIndexKeyTypes(args->table, args->applied->item, true);
	*new_item = args->applied->item;
	return DDB_WRITE_PUT;
}

/*
 * SET of a whole index key attribute to a literal of another type: "Type
 * mismatch for Index Key" before anything is read (as dynalite checks it).
 */
static void
CheckUpdateIndexLiterals(DdbDataTable *table, const DdbUpdate *update)
{
	for (int i = table->nindexes - 1; i >= 0; i--)
	{
		DdbIndexDef *def = table->indexes[i].def;
		const DdbKeyAttr *attrs[2] = {&def->hash_key, &def->range_key};

		for (int k = 0; k < 2; k++)
		{
			DdbValueType type;

			if (attrs[k]->name == NULL)
				continue;
			type = attrs[k]->type == 'S' ? DDB_TYPE_S :
				attrs[k]->type == 'N' ? DDB_TYPE_N : DDB_TYPE_B;
			for (int a = 0; a < update->count; a++)
			{
				const DdbUpdateAction *action = &update->actions[a];
				const DdbPathElem *e = &action->path.elems[0];

				if (action->kind != DDB_UPDATE_SET || action->path.count != 1 ||
					action->value == NULL || action->value->kind != DDB_OPERAND_VALUE ||
					action->value->value == NULL ||
					e->name_len != strlen(attrs[k]->name) ||
					memcmp(e->name, attrs[k]->name, e->name_len) != 0)
					continue;
				if (action->value->value->type != type)
					DdbRaise(DDB_EXC_ValidationException,
							 "One or more parameter values were invalid: Type mismatch for Index Key %s Expected: %s Actual: %s IndexName: %s",
							 attrs[k]->name, DdbTypeName(type),
							 DdbTypeName(action->value->value->type), def->index_name);
				break;
			}
		}
	}
}

/* "Attributes": map, unless it is NULL or empty. */
static void
PutAttributesIfAny(DdbJson *js, const DdbValue *map)
{
	if (map != NULL && map->u.map.count > 0)
		DdbJsonPutItem(js, "Attributes", map);
}

/* ConsumedCapacity and ItemCollectionMetrics, then the response. */
static Jsonb *
FinishWrite(WriteRequest *req, DdbDataTable *table, const DdbItemKey *key,
			DdbConsumed *consumed, DdbJson *js)
{
	DdbJsonPutConsumedCapacity(js, "ConsumedCapacity", table, req->table_name,
							   consumed, req->return_capacity);
	if (req->return_metrics)
		DdbJsonPutItemCollectionMetrics(js, "ItemCollectionMetrics", table, key);
	DdbJsonEndObject(js);
	return DdbJsonFinish(js);
}

/*
 * PutItem
 *
 * Replaces the whole item; see items.md section 6.
 */
Jsonb *
DdbPutItem(Jsonb *request)
{
	static const char *const exprs[] = {"ConditionExpression"};
	static const char *const legacy[] = {"Expected"};
	JsonbContainer *root = DdbRequestRoot(request);
	WriteRequest req;
	DdbViolations v;
	JsonbValue *item_member;
	DdbValue   *item;
	const char *item_error = NULL;
	DdbExprContext *ctx;
	DdbDataTable *table;
	DdbItemKey	key;
	DecideArgs	args;
	DdbWriteResult result;
	DdbConsumed consumed;
	DdbJson		js;

	/* 1-2: JSON types and model constraints, in the model's order */
	memset(&req, 0, sizeof(req));
	DdbViolationsInit(&v);
	req.return_capacity = DdbReadReturnConsumedCapacity(root, &v);
	req.table_name = DdbReadDataTableName(root, "TableName", "tableName", &v);
	item_member = DdbGetMember(root, "Item");
	item = DdbJsonbToItem(item_member, &item_error);
	if (item_member == NULL)
		DdbViolationAdd(&v, NULL, "item", "Member must not be null");
	req.return_values = DdbReadReturnValues(root, &v);
	req.return_metrics = DdbReadReturnItemCollectionMetrics(root, &v);
	ReadWriteMembers(&req, root);
	req.return_old_on_failure =
		DdbReadReturnValuesOnConditionCheckFailure(root, "returnValuesOnConditionCheckFailure",
												   &v);
	DdbViolationsRaise(&v);

	/* 3: usage, values, ReturnValues, size */
	DdbExprParamsCheckUsage(&req.params, root, exprs, 1, legacy, 1);
	if (item_error != NULL)
		DdbRaise(DDB_EXC_ValidationException, "%s", item_error);
	if (req.return_values != DDB_RETURN_NONE && req.return_values != DDB_RETURN_ALL_OLD)
		DdbRaise(DDB_EXC_ValidationException, "ReturnValues can only be ALL_OLD or NONE");
	DdbCheckItemSize(item, false);
	RefuseLegacy(root, "Expected", "ConditionExpression");

	/* 4: placeholders and expressions */
	ctx = DdbExprParamsContext(&req.params);
	if (req.condition_text != NULL)
		req.condition = DdbParseCondition(req.condition_text, req.condition_len,
										  "ConditionExpression", ctx);
	DdbExprCheckUnused(ctx);

	/* 5: the table and the item against its schema */
	table = DdbOpenDataTable(req.table_name, "PutItem");
	DdbKeyFromItem(table, item, &key);
	DdbCheckIndexKeyTypes(table, item, false);

	/* 6: the write */
	memset(&args, 0, sizeof(args));
	args.req = &req;
	args.table = table;
	args.key = &key;
	args.item = item;
	DdbConsumedInit(&consumed, table);
	DdbWriteItem(table, &key, DecidePut, &args, &result, &consumed);

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	if (req.return_values == DDB_RETURN_ALL_OLD && result.old.found)
		DdbJsonPutJsonb(&js, "Attributes", result.old.item);
	return FinishWrite(&req, table, &key, &consumed, &js);
}

/*
 * GetItem
 *
 * One item by key, optionally projected; items.md section 7.
 */
Jsonb *
DdbGetItem(Jsonb *request)
{
	static const char *const exprs[] = {"ProjectionExpression"};
	static const char *const legacy[] = {"AttributesToGet"};
	JsonbContainer *root = DdbRequestRoot(request);
	DdbViolations v;
	DdbReturnCapacity return_capacity;
	JsonbContainer *attributes_to_get = NULL;
	int			nattributes = 0;
	char	   *table_name;
	JsonbValue *key_member;
	DdbValue   *key_value;
	const char *key_error = NULL;
	bool		consistent = false;
	char	   *projection_text = NULL;
	int			projection_len = 0;
	DdbExprParams params;
	DdbExprContext *ctx;
	DdbProjection *projection = NULL;
	DdbDataTable *table;
	DdbItemKey	key;
	DdbStoredItem stored;
	DdbConsumed consumed;
	DdbJson		js;

	/* 1-2: JSON types and model constraints, in the model's order */
	DdbViolationsInit(&v);
	return_capacity = DdbReadReturnConsumedCapacity(root, &v);
	if (DdbGetArray(root, "AttributesToGet", &attributes_to_get))
	{
		nattributes = DdbArraySize(attributes_to_get);
		for (int i = 0; i < nattributes; i++)
			(void) DdbValueAsString(DdbArrayElement(attributes_to_get, i), NULL);
		if (nattributes < 1)
			DdbViolationAdd(&v, "[]", "attributesToGet",
							"Member must have length greater than or equal to 1");
		if (nattributes > 255)
			DdbViolationAdd(&v, "[...]", "attributesToGet",
							"Member must have length less than or equal to 255");
	}
	table_name = DdbReadDataTableName(root, "TableName", "tableName", &v);
	key_member = DdbGetMember(root, "Key");
	key_value = DdbJsonbToItem(key_member, &key_error);
	if (key_member == NULL)
		DdbViolationAdd(&v, NULL, "key", "Member must not be null");
	(void) DdbGetBool(root, "ConsistentRead", &consistent);
	(void) DdbGetString(root, "ProjectionExpression", &projection_text, &projection_len);
	DdbExprParamsRead(root, false, &params);
	DdbViolationsRaise(&v);

	/* 3 */
	DdbExprParamsCheckUsage(&params, root, exprs, 1, legacy, 1);
	if (key_error != NULL)
		DdbRaise(DDB_EXC_ValidationException, "%s", key_error);
	for (int i = 0; i < nattributes; i++)
	{
		JsonbValue *a = DdbArrayElement(attributes_to_get, i);

		for (int j = 0; j < i; j++)
		{
			JsonbValue *b = DdbArrayElement(attributes_to_get, j);

			if (a->val.string.len == b->val.string.len &&
				memcmp(a->val.string.val, b->val.string.val, a->val.string.len) == 0)
				DdbRaise(DDB_EXC_ValidationException,
						 "One or more parameter values were invalid: Duplicate value in attribute name: %.*s",
						 a->val.string.len, a->val.string.val);
		}
	}

	/* 4 */
	ctx = DdbExprParamsContext(&params);
	if (projection_text != NULL)
		projection = DdbParseProjection(projection_text, projection_len, ctx);
	DdbExprCheckUnused(ctx);

	/* 5-6 */
	table = DdbOpenDataTable(table_name, "GetItem");
	DdbKeyFromKeyParam(table, key_value, &key);
	DdbFetchItem(table, &key, &stored);

	DdbConsumedInit(&consumed, table);
	DdbConsumedAddRead(&consumed, -1,
					   DdbReadUnits(stored.found ? stored.size : 0, consistent));

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	if (stored.found)
	{
		if (projection != NULL)
			DdbJsonPutItem(&js, "Item", DdbProjectItem(projection,
													   DdbStoredItemValue(&stored)));
		else if (attributes_to_get != NULL)
		{
			DdbValue   *item = DdbStoredItemValue(&stored);
			DdbMapEntry *entries = palloc0(sizeof(DdbMapEntry) * Max(nattributes, 1));
			int			n = 0;

			for (int i = 0; i < nattributes; i++)
			{
				JsonbValue *a = DdbArrayElement(attributes_to_get, i);
				DdbValue   *value = DdbMapGet(item, a->val.string.val, a->val.string.len);

				if (value == NULL)
					continue;
				entries[n].name = a->val.string.val;
				entries[n].name_len = a->val.string.len;
				entries[n++].value = value;
			}
			DdbJsonPutItem(&js, "Item", DdbMakeMap(entries, n));
		}
		else
			DdbJsonPutJsonb(&js, "Item", stored.item);
	}
	DdbJsonPutConsumedCapacity(&js, "ConsumedCapacity", table, table_name, &consumed,
							   return_capacity);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/*
 * UpdateItem
 *
 * An upsert applying an UpdateExpression; items.md section 8 and
 * expressions.md section 7.
 */
Jsonb *
DdbUpdateItem(Jsonb *request)
{
	static const char *const exprs[] = {"UpdateExpression", "ConditionExpression"};
	static const char *const legacy[] = {"AttributeUpdates", "Expected"};
	JsonbContainer *root = DdbRequestRoot(request);
	WriteRequest req;
	DdbViolations v;
	JsonbValue *key_member;
	DdbValue   *key_value;
	const char *key_error = NULL;
	char	   *update_text = NULL;
	int			update_len = 0;
	DdbExprContext *ctx;
	DdbUpdate  *update = NULL;
	DdbDataTable *table;
	DdbItemKey	key;
	DecideArgs	args;
	DdbWriteResult result;
	DdbConsumed consumed;
	DdbJson		js;

	/* 1-2: JSON types and model constraints, in the model's order */
	memset(&req, 0, sizeof(req));
	DdbViolationsInit(&v);
	req.return_capacity = DdbReadReturnConsumedCapacity(root, &v);
	req.table_name = DdbReadDataTableName(root, "TableName", "tableName", &v);
	req.return_metrics = DdbReadReturnItemCollectionMetrics(root, &v);
	req.return_values = DdbReadReturnValues(root, &v);
	key_member = DdbGetMember(root, "Key");
	key_value = DdbJsonbToItem(key_member, &key_error);
	if (key_member == NULL)
		DdbViolationAdd(&v, NULL, "key", "Member must not be null");
	ReadWriteMembers(&req, root);
	(void) DdbGetString(root, "UpdateExpression", &update_text, &update_len);
	req.return_old_on_failure =
		DdbReadReturnValuesOnConditionCheckFailure(root, "returnValuesOnConditionCheckFailure",
												   &v);
	DdbViolationsRaise(&v);

	/* 3 */
	DdbExprParamsCheckUsage(&req.params, root, exprs, 2, legacy, 2);
	if (key_error != NULL)
		DdbRaise(DDB_EXC_ValidationException, "%s", key_error);
	RefuseLegacy(root, "AttributeUpdates", "UpdateExpression");
	RefuseLegacy(root, "Expected", "ConditionExpression");

	/* 4 */
	ctx = DdbExprParamsContext(&req.params);
	if (update_text != NULL)
		update = DdbParseUpdate(update_text, update_len, ctx);
	if (req.condition_text != NULL)
		req.condition = DdbParseCondition(req.condition_text, req.condition_len,
										  "ConditionExpression", ctx);
	DdbExprCheckUnused(ctx);

	/* 5 */
	table = DdbOpenDataTable(req.table_name, "UpdateItem");
	DdbKeyFromKeyParam(table, key_value, &key);
	if (update != NULL)
	{
		DdbUpdateCheckKeys(update, table->table_key_names, table->ntable_keys,
						   table->index_key_names, table->nindex_keys);
		CheckUpdateIndexLiterals(table, update);
	}

	/* 6 */
	memset(&args, 0, sizeof(args));
	args.req = &req;
	args.table = table;
	args.key = &key;
	args.update = update;
	DdbConsumedInit(&consumed, table);
	DdbWriteItem(table, &key, DecideUpdate, &args, &result, &consumed);

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	switch (req.return_values)
	{
		case DDB_RETURN_NONE:
			break;
		case DDB_RETURN_ALL_OLD:
			if (result.old.found)
				DdbJsonPutJsonb(&js, "Attributes", result.old.item);
			break;
		case DDB_RETURN_ALL_NEW:
			PutAttributesIfAny(&js, result.new_item);
			break;
		case DDB_RETURN_UPDATED_OLD:
			if (args.applied != NULL)
				PutAttributesIfAny(&js, args.applied->updated_old);
			break;
		case DDB_RETURN_UPDATED_NEW:
			if (args.applied != NULL)
				PutAttributesIfAny(&js, args.applied->updated_new);
			break;
	}
	return FinishWrite(&req, table, &key, &consumed, &js);
}

/*
 * DeleteItem
 *
 * Removes one item by key (idempotent without a condition); items.md
 * section 9.
 */
Jsonb *
DdbDeleteItem(Jsonb *request)
{
	static const char *const exprs[] = {"ConditionExpression"};
	static const char *const legacy[] = {"Expected"};
	JsonbContainer *root = DdbRequestRoot(request);
	WriteRequest req;
	DdbViolations v;
	JsonbValue *key_member;
	DdbValue   *key_value;
	const char *key_error = NULL;
	DdbExprContext *ctx;
	DdbDataTable *table;
	DdbItemKey	key;
	DecideArgs	args;
	DdbWriteResult result;
	DdbConsumed consumed;
	DdbJson		js;

	/* 1-2: JSON types and model constraints, in the model's order */
	memset(&req, 0, sizeof(req));
	DdbViolationsInit(&v);
	req.return_capacity = DdbReadReturnConsumedCapacity(root, &v);
	req.table_name = DdbReadDataTableName(root, "TableName", "tableName", &v);
	req.return_values = DdbReadReturnValues(root, &v);
	req.return_metrics = DdbReadReturnItemCollectionMetrics(root, &v);
	key_member = DdbGetMember(root, "Key");
	key_value = DdbJsonbToItem(key_member, &key_error);
	if (key_member == NULL)
		DdbViolationAdd(&v, NULL, "key", "Member must not be null");
	ReadWriteMembers(&req, root);
	req.return_old_on_failure =
		DdbReadReturnValuesOnConditionCheckFailure(root, "returnValuesOnConditionCheckFailure",
												   &v);
	DdbViolationsRaise(&v);

	/* 3 */
	DdbExprParamsCheckUsage(&req.params, root, exprs, 1, legacy, 1);
	if (key_error != NULL)
		DdbRaise(DDB_EXC_ValidationException, "%s", key_error);
	if (req.return_values != DDB_RETURN_NONE && req.return_values != DDB_RETURN_ALL_OLD)
		DdbRaise(DDB_EXC_ValidationException, "ReturnValues can only be ALL_OLD or NONE");
	RefuseLegacy(root, "Expected", "ConditionExpression");

	/* 4 */
	ctx = DdbExprParamsContext(&req.params);
	if (req.condition_text != NULL)
		req.condition = DdbParseCondition(req.condition_text, req.condition_len,
										  "ConditionExpression", ctx);
	DdbExprCheckUnused(ctx);

	/* 5-6 */
	table = DdbOpenDataTable(req.table_name, "DeleteItem");
	DdbKeyFromKeyParam(table, key_value, &key);
	memset(&args, 0, sizeof(args));
	args.req = &req;
	args.table = table;
	args.key = &key;
	DdbConsumedInit(&consumed, table);
	DdbWriteItem(table, &key, DecideDelete, &args, &result, &consumed);

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	if (req.return_values == DDB_RETURN_ALL_OLD && result.old.found)
		DdbJsonPutJsonb(&js, "Attributes", result.old.item);
	return FinishWrite(&req, table, &key, &consumed, &js);
}
