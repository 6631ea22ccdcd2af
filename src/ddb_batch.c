/*-------------------------------------------------------------------------
 *
 * ddb_batch.c
 *	  BatchGetItem and BatchWriteItem.
 *
 * Both operations take RequestItems, a map of table name (or table ARN) to
 * that table's part of the request, and are checked in DynamoDB's order
 * before anything is read or written:
 *
 *	1. JSON types (SerializationException), for the whole request;
 *	2. the model's constraints (ReturnConsumedCapacity and friends, the
 *	   RequestItems map, its keys and values, each entry's members), all
 *	   collected into one "N validation errors detected" message;
 *	3. per entry, the checks that need no table: expressions (BatchGetItem),
 *	   attribute values, item sizes, "Provided list of item keys contains
 *	   duplicates" (BatchGetItem, on the keys as given), the totals ("Too
 *	   many items requested for the BatchGetItem call" past 100 keys,
 *	   "... BatchWriteItem call" past 25 requests);
 *	4. per entry, the table (ResourceNotFoundException), the caller's
 *	   privileges (AccessDeniedException), the keys against the key schema
 *	   and, for BatchWriteItem, duplicates by table key.
 *
 * Only then does BatchGetItem read and BatchWriteItem write, so a request
 * that fails anywhere reads or writes nothing.
 *
 * RequestItems is a jsonb object, whose keys come back sorted (shorter
 * first, then bytewise), not in the order of the request text: entries are
 * checked, read, written and answered in that order.  Items within one
 * table keep the order of the request.
 *
 * BatchGetItem answers at most 16 MB of items (DynamoDB's size of each
 * item returned, after projection): the first item that would pass the
 * limit, and every key after it, is returned in UnprocessedKeys in the
 * request's shape (with the entry's ConsistentRead, ProjectionExpression,
 * ExpressionAttributeNames and AttributesToGet), and is not charged.
 *
 * BatchWriteItem is atomic in ddbtable: it runs in one transaction (the
 * caller's, or ddb_execute's subtransaction), either every put and delete
 * is applied or, on any error, none is.  DynamoDB promises less (each
 * write is atomic, the batch is not); UnprocessedItems is therefore always
 * {}.  Puts need INSERT and UPDATE on the table, deletes DELETE, as
 * PutItem and DeleteItem do; a refusal names dynamodb:BatchWriteItem.
 *
 * IDENTIFICATION
 *	  src/ddb_batch.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/jsonb.h"

#include "ddb_acl.h"
#include "ddb_attrval_jsonb.h"
#include "ddb_core.h"
#include "ddb_data.h"
#include "ddb_operations.h"
#include "ddb_request.h"

/* Limits of the operations (items.md section 12). */
#define BATCH_GET_MAX_KEYS			100 /* keys in one request */
#define BATCH_GET_MAX_TABLES		100 /* entries of RequestItems */
#define BATCH_GET_MAX_ATTRIBUTES	255 /* AttributesToGet */
#define BATCH_GET_MAX_RESPONSE		(16 * 1024 * 1024)	/* bytes of items */
#define BATCH_WRITE_MAX_REQUESTS	25	/* requests in one request */
#define BATCH_WRITE_MAX_TABLES		25	/* entries of RequestItems */
#define TABLE_ARN_MAX_LENGTH		1024

static const char msg_duplicates[] = "Provided list of item keys contains duplicates";
static const char msg_key_schema[] = "The provided key element does not match the schema";
static const char msg_write_request[] =
"Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes";

/* One entry of BatchGetItem's RequestItems: a table and its keys. */
typedef struct GetEntry
{
	char	   *name;			/* the table name or ARN, as given */
	JsonbContainer *obj;		/* KeysAndAttributes, or NULL for null */
	JsonbContainer *keys_list;	/* Keys, or NULL when absent */
	int			nkeys;
	JsonbValue **raw_keys;		/* Keys' elements, as given */
	DdbValue  **keys;			/* converted (NULL when invalid) */
	const char **key_errors;	/* pending ValidationException, or NULL */
	bool		consistent;		/* ConsistentRead */
	char	   *projection_text;	/* ProjectionExpression, or NULL */
	int			projection_len;
	JsonbContainer *attributes_list;	/* AttributesToGet, or NULL */
	int			nattributes;
	char	  **attributes;
	int		   *attribute_lens;
	DdbExprParams params;		/* ExpressionAttributeNames */
	DdbProjection *projection;	/* from either member, or NULL */
	DdbDataTable *table;
	DdbItemKey *item_keys;		/* per key, once checked against the table */
	int			first_unprocessed;	/* nkeys when every key was read */
	DdbConsumed consumed;
} GetEntry;

/* What one WriteRequest asks for. */
typedef enum WriteKind
{
	WRITE_NONE,					/* neither PutRequest nor DeleteRequest */
	WRITE_PUT,
	WRITE_DELETE,
	WRITE_BOTH					/* both: refused like none */
} WriteKind;

/* One WriteRequest. */
typedef struct WriteRequest
{
	WriteKind	kind;
	bool		member_missing; /* PutRequest without Item, ... without Key */
	DdbValue   *value;			/* the Item or the Key (NULL when invalid) */
	const char *error;			/* its pending ValidationException, or NULL */
	DdbItemKey	key;			/* once checked against the table */
} WriteRequest;

/* One entry of BatchWriteItem's RequestItems. */
typedef struct WriteEntry
{
	char	   *name;			/* the table name or ARN, as given */
	JsonbContainer *list;		/* the list of WriteRequests, or NULL */
	int			nrequests;
	WriteRequest *requests;
	bool		has_put;
	bool		has_delete;
	DdbDataTable *table;
	DdbConsumed consumed;
} WriteEntry;

/* RequestItems, read. */
typedef struct BatchRequest
{
	JsonbContainer *items;		/* RequestItems, or NULL when absent */
	int			nentries;
	GetEntry   *gets;			/* BatchGetItem */
	WriteEntry *writes;			/* BatchWriteItem */
} BatchRequest;

static JsonbContainer *ReadRequestItems(JsonbContainer *root, const char *java_type);
static char **RequestItemsKeys(JsonbContainer *items, JsonbValue ***values);
static JsonbContainer *ValueAsList(JsonbValue *v);
static char *FormatContainer(JsonbContainer *c);
static bool TableNameKeyValid(const char *name);
static void CheckRequestItemsConstraints(DdbViolations *v, BatchRequest *req, int max_tables);
static void PutRaw(DdbJson *js, const char *key, JsonbValue *value);

static void ReadGetEntry(GetEntry *e, char *name, JsonbValue *value);
static void CheckGetConstraints(DdbViolations *v, GetEntry *e);
static void CheckGetEntry(GetEntry *e, int *total_keys);
static DdbProjection *AttributesProjection(GetEntry *e);
static void ResolveGetEntry(GetEntry *e);
static void ReadGetEntryItems(GetEntry *e, DdbJson *js, int64 *response_bytes, bool *cut);
static void PutUnprocessedKeys(DdbJson *js, GetEntry *e);

static void ReadWriteEntry(WriteEntry *e, char *name, JsonbValue *value);
static void CheckWriteConstraints(DdbViolations *v, WriteEntry *e);
static void CheckWriteEntry(WriteEntry *e, int *total_requests);
static void CheckPutRequestKey(DdbDataTable *table, const DdbValue *item);
static void ResolveWriteEntry(WriteEntry *e, BatchRequest *req, int index);
static void PutCollectionMetrics(DdbJson *js, WriteEntry *e);

/*-------------------------------------------------------------------------
 * Shared request reading
 *-------------------------------------------------------------------------
 */

/*
 * RequestItems: a JSON object, or NULL when absent.  java_type is the
 * service's name of the map's value type, used in the message for a JSON
 * array.
 */
static JsonbContainer *
ReadRequestItems(JsonbContainer *root, const char *java_type)
{
	JsonbValue *v = DdbGetMember(root, "RequestItems");

	if (v == NULL)
		return NULL;
	if (v->type == jbvBinary && JsonContainerIsObject(v->val.binary.data))
		return v->val.binary.data;
	if (v->type == jbvBinary && JsonContainerIsArray(v->val.binary.data))
		DdbRaise(DDB_EXC_SerializationException,
				 "Unrecognized collection type java.util.Map<java.lang.String, %s>",
				 java_type);
	DdbRaise(DDB_EXC_SerializationException, "Unexpected field type");
}

/*
 * The keys of an object (NUL-terminated copies), in jsonb order, and their
 * values in *values.
 */
static char **
RequestItemsKeys(JsonbContainer *items, JsonbValue ***values)
{
	int			n = JsonContainerSize(items);
	char	  **keys = palloc0(sizeof(char *) * Max(n, 1));
	JsonbIterator *it = JsonbIteratorInit(items);
	JsonbValue	v;
	JsonbIteratorToken tok;
	int			i = 0;

	*values = palloc0(sizeof(JsonbValue *) * Max(n, 1));
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			keys[i] = pnstrdup(v.val.string.val, v.val.string.len);
		else if (tok == WJB_VALUE)
		{
			(*values)[i] = palloc(sizeof(JsonbValue));
			*(*values)[i] = v;
			i++;
		}
	}
	return keys;
}

/*
 * A list member value (BatchWriteItem's per-table list): NULL for JSON
 * null; the texts of DdbGetArray for other JSON types.
 */
static JsonbContainer *
ValueAsList(JsonbValue *v)
{
	if (v == NULL || v->type == jbvNull)
		return NULL;
	if (v->type != jbvBinary)
		DdbRaise(DDB_EXC_SerializationException, "Unexpected field type");
	if (!JsonContainerIsArray(v->val.binary.data))
		DdbRaise(DDB_EXC_SerializationException,
				 "Start of structure or map found where not expected");
	return v->val.binary.data;
}

/* A map or list as printed in a constraint message: its JSON text. */
static char *
FormatContainer(JsonbContainer *c)
{
	return JsonbToCString(NULL, c, 64);
}

/*
 * Whether a RequestItems key satisfies the model: a table name of 3 to
 * 255 characters matching [a-zA-Z0-9_.-]+, or a table ARN of at most 1024
 * characters.
 */
static bool
TableNameKeyValid(const char *name)
{
	char	   *table_name;
	int			len = pg_mbstrlen(name);

	if (DdbParseTableArn(name, &table_name))
		return len <= TABLE_ARN_MAX_LENGTH;
	if (len < 3 || len > 255)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			  (*p >= '0' && *p <= '9') || *p == '_' || *p == '.' || *p == '-'))
			return false;
	return true;
}

/*
 * The constraints on RequestItems itself: present, 1..max_tables entries,
 * keys that are table names (one violation for all of them, as DynamoDB
 * reports map constraints).
 */
static void
CheckRequestItemsConstraints(DdbViolations *v, BatchRequest *req, int max_tables)
{
	bool		keys_ok = true;

	if (req->items == NULL)
	{
		DdbViolationAdd(v, NULL, "requestItems", "Member must not be null");
		return;
	}
	if (req->nentries < 1)
		DdbViolationAdd(v, FormatContainer(req->items), "requestItems",
						"Member must have length greater than or equal to 1");
	if (req->nentries > max_tables)
		DdbViolationAdd(v, FormatContainer(req->items), "requestItems",
						"Member must have length less than or equal to %d", max_tables);
	for (int i = 0; i < req->nentries; i++)
	{
		const char *name = req->gets ? req->gets[i].name : req->writes[i].name;

		if (!TableNameKeyValid(name))
			keys_ok = false;
	}
	if (!keys_ok)
		DdbViolationAdd(v, FormatContainer(req->items), "requestItems",
						"Map keys must satisfy constraint: "
						"[Member must have length less than or equal to 255, "
						"Member must have length greater than or equal to 3, "
						"Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]");
}

/*
 * Push a value taken from the request (a scalar or a jbvBinary container)
 * as a member (key) or an array element (key NULL).
 */
static void
PutRaw(DdbJson *js, const char *key, JsonbValue *value)
{
	if (key != NULL)
	{
		JsonbValue	k;

		k.type = jbvString;
		k.val.string.val = (char *) key;
		k.val.string.len = strlen(key);
		pushJsonbValue(&js->state, WJB_KEY, &k);
	}
	js->result = pushJsonbValue(&js->state, key != NULL ? WJB_VALUE : WJB_ELEM, value);
}

/*-------------------------------------------------------------------------
 * BatchGetItem
 *-------------------------------------------------------------------------
 */

/*
 * Read one KeysAndAttributes (stage 1: JSON types).  Key values are
 * converted with their ValidationExceptions kept for later.
 */
static void
ReadGetEntry(GetEntry *e, char *name, JsonbValue *value)
{
	JsonbContainer *obj = NULL;

	e->name = name;
	if (value != NULL && value->type != jbvNull)
		obj = DdbValueAsObject(value);
	e->obj = obj;

	if (DdbGetArray(obj, "Keys", &e->keys_list))
	{
		e->nkeys = DdbArraySize(e->keys_list);
		e->raw_keys = palloc0(sizeof(JsonbValue *) * Max(e->nkeys, 1));
		e->keys = palloc0(sizeof(DdbValue *) * Max(e->nkeys, 1));
		e->key_errors = palloc0(sizeof(char *) * Max(e->nkeys, 1));
		for (int i = 0; i < e->nkeys; i++)
		{
			e->raw_keys[i] = DdbArrayElement(e->keys_list, i);
			e->keys[i] = DdbJsonbToItemElement(e->raw_keys[i], &e->key_errors[i]);
			/* a null element is an empty key */
			if (e->keys[i] == NULL && e->key_errors[i] == NULL)
				e->keys[i] = DdbMakeMap(NULL, 0);
		}
	}

	if (DdbGetArray(obj, "AttributesToGet", &e->attributes_list))
	{
		e->nattributes = DdbArraySize(e->attributes_list);
		e->attributes = palloc0(sizeof(char *) * Max(e->nattributes, 1));
		e->attribute_lens = palloc0(sizeof(int) * Max(e->nattributes, 1));
		for (int i = 0; i < e->nattributes; i++)
			e->attributes[i] = DdbValueAsString(DdbArrayElement(e->attributes_list, i),
												&e->attribute_lens[i]);
	}

	(void) DdbGetBool(obj, "ConsistentRead", &e->consistent);
	(void) DdbGetString(obj, "ProjectionExpression", &e->projection_text,
						&e->projection_len);
	DdbExprParamsRead(obj, false, &e->params);
	e->first_unprocessed = e->nkeys;
}

/* The model constraints on one entry (stage 2). */
static void
CheckGetConstraints(DdbViolations *v, GetEntry *e)
{
	char	   *path = psprintf("requestItems.%s.member.keys", e->name);

	if (e->keys_list == NULL)
		DdbViolationAdd(v, NULL, path, "Member must not be null");
	else if (e->nkeys < 1)
		DdbViolationAdd(v, FormatContainer(e->keys_list), path,
						"Member must have length greater than or equal to 1");
	else if (e->nkeys > BATCH_GET_MAX_KEYS)
		DdbViolationAdd(v, FormatContainer(e->keys_list), path,
						"Member must have length less than or equal to %d",
						BATCH_GET_MAX_KEYS);

	if (e->attributes_list != NULL &&
		(e->nattributes < 1 || e->nattributes > BATCH_GET_MAX_ATTRIBUTES))
		DdbViolationAdd(v, FormatContainer(e->attributes_list),
						psprintf("requestItems.%s.member.attributesToGet", e->name),
						e->nattributes < 1 ?
						"Member must have length greater than or equal to 1" :
						"Member must have length less than or equal to 255");
}

/*
 * AttributesToGet as a projection of top-level attributes, refusing
 * duplicates with DynamoDB's message.
 */
static DdbProjection *
AttributesProjection(GetEntry *e)
{
	DdbProjection *proj = palloc0(sizeof(DdbProjection));

	proj->paths = palloc0(sizeof(DdbPath) * e->nattributes);
	proj->count = e->nattributes;
	for (int i = 0; i < e->nattributes; i++)
	{
		DdbPathElem *elem = palloc0(sizeof(DdbPathElem));

		for (int j = 0; j < i; j++)
			if (e->attribute_lens[j] == e->attribute_lens[i] &&
				memcmp(e->attributes[j], e->attributes[i], e->attribute_lens[i]) == 0)
				DdbRaise(DDB_EXC_ValidationException,
						 "One or more parameter values were invalid: Duplicate value in attribute name: %s",
						 e->attributes[i]);
		elem->name = e->attributes[i];
		elem->name_len = e->attribute_lens[i];
		proj->paths[i].elems = elem;
		proj->paths[i].count = 1;
	}
	return proj;
}

/*
 * The checks of one entry that need no table (stage 3): expressions and
 * legacy members, key values, duplicate keys as given, the total number
 * of keys.
 */
static void
CheckGetEntry(GetEntry *e, int *total_keys)
{
	static const char *const expr_members[] = {"ProjectionExpression"};
	static const char *const legacy_members[] = {"AttributesToGet"};

	DdbExprParamsCheckUsage(&e->params, e->obj, expr_members, 1, legacy_members, 1);
	if (e->attributes_list != NULL)
		e->projection = AttributesProjection(e);
	if (e->projection_text != NULL)
	{
		DdbExprContext *ctx = DdbExprParamsContext(&e->params);

		e->projection = DdbParseProjection(e->projection_text, e->projection_len, ctx);
		DdbExprCheckUnused(ctx);
	}

	for (int i = 0; i < e->nkeys; i++)
	{
		if (e->key_errors[i] != NULL)
			DdbRaise(DDB_EXC_ValidationException, "%s", e->key_errors[i]);
		for (int j = 0; j < i; j++)
			if (DdbValueEquals(e->keys[j], e->keys[i]))
				DdbRaise(DDB_EXC_ValidationException, "%s", msg_duplicates);
		if (++(*total_keys) > BATCH_GET_MAX_KEYS)
			DdbRaise(DDB_EXC_ValidationException,
					 "Too many items requested for the BatchGetItem call");
	}
}

/* Open the entry's table and check its keys against the schema (stage 4). */
static void
ResolveGetEntry(GetEntry *e)
{
	e->table = DdbOpenDataTable(e->name, "BatchGetItem");
	e->item_keys = palloc0(sizeof(DdbItemKey) * Max(e->nkeys, 1));
	for (int i = 0; i < e->nkeys; i++)
		DdbKeyFromKeyParam(e->table, e->keys[i], &e->item_keys[i]);
	DdbConsumedInit(&e->consumed, e->table);
}

/*
 * Read the entry's items into the Responses array under construction, as
 * long as the response stays within 16 MB.  *cut is set (and stays set)
 * once an item did not fit: that key and all later keys are unprocessed.
 */
static void
ReadGetEntryItems(GetEntry *e, DdbJson *js, int64 *response_bytes, bool *cut)
{
	DdbJsonBeginArray(js, e->name);
	for (int i = 0; i < e->nkeys && !*cut; i++)
	{
		DdbStoredItem stored;
		DdbValue   *projected = NULL;
		int64		size;

		CHECK_FOR_INTERRUPTS();
		if (!DdbFetchItem(e->table, &e->item_keys[i], &stored))
		{
			/* a missing item still costs the minimum read */
			DdbConsumedAddRead(&e->consumed, -1, DdbReadUnits(0, e->consistent));
			continue;
		}
		if (e->projection != NULL)
		{
			projected = DdbProjectItem(e->projection, DdbStoredItemValue(&stored));
			size = DdbItemSize(projected);
		}
		else
			size = stored.size;

		if (*response_bytes + size > BATCH_GET_MAX_RESPONSE)
		{
			*cut = true;
			e->first_unprocessed = i;
			break;
		}
		*response_bytes += size;
		DdbConsumedAddRead(&e->consumed, -1, DdbReadUnits(stored.size, e->consistent));
		if (projected != NULL)
			DdbJsonPutItem(js, NULL, projected);
		else
			DdbJsonPutJsonb(js, NULL, stored.item);
	}
	if (*cut && e->first_unprocessed == e->nkeys)
		e->first_unprocessed = 0;	/* cut in an earlier entry */
	DdbJsonEndArray(js);
}

/*
 * The entry's unprocessed keys in the request's shape, with the members
 * that shape how they are read.
 */
static void
PutUnprocessedKeys(DdbJson *js, GetEntry *e)
{
	JsonbValue *v;

	DdbJsonBeginObject(js, e->name);
	DdbJsonBeginArray(js, "Keys");
	for (int i = e->first_unprocessed; i < e->nkeys; i++)
		PutRaw(js, NULL, e->raw_keys[i]);
	DdbJsonEndArray(js);
	if ((v = DdbGetMember(e->obj, "AttributesToGet")) != NULL)
		PutRaw(js, "AttributesToGet", v);
	if (DdbGetMember(e->obj, "ConsistentRead") != NULL)
		DdbJsonPutBool(js, "ConsistentRead", e->consistent);
	if ((v = DdbGetMember(e->obj, "ExpressionAttributeNames")) != NULL)
		PutRaw(js, "ExpressionAttributeNames", v);
	if ((v = DdbGetMember(e->obj, "ProjectionExpression")) != NULL)
		PutRaw(js, "ProjectionExpression", v);
	DdbJsonEndObject(js);
}

/*
 * BatchGetItem: {"Responses": {table: [item, ...]}, "UnprocessedKeys":
 * {...}, "ConsumedCapacity": [...]} (the last with ReturnConsumedCapacity
 * only).  Every table of the request has a (possibly empty) list in
 * Responses, under its name or ARN as given; missing items are simply
 * absent.  Needs SELECT on every table.
 */
Jsonb *
DdbBatchGetItem(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	BatchRequest req = {0};
	JsonbValue **values = NULL;
	char	  **names = NULL;
	DdbViolations v;
	DdbReturnCapacity capacity;
	int			total_keys = 0;
	int64		response_bytes = 0;
	bool		cut = false;
	DdbJson		js;

	/* 1. JSON types */
	req.items = ReadRequestItems(root, "com.amazonaws.dynamodb.v20120810.KeysAndAttributes");
	if (req.items != NULL)
	{
		req.nentries = JsonContainerSize(req.items);
		names = RequestItemsKeys(req.items, &values);
	}
	req.gets = palloc0(sizeof(GetEntry) * Max(req.nentries, 1));
	for (int i = 0; i < req.nentries; i++)
		ReadGetEntry(&req.gets[i], names[i], values[i]);

	/* 2. model constraints */
	DdbViolationsInit(&v);
	capacity = DdbReadReturnConsumedCapacity(root, &v);
	CheckRequestItemsConstraints(&v, &req, BATCH_GET_MAX_TABLES);
	for (int i = 0; i < req.nentries; i++)
		CheckGetConstraints(&v, &req.gets[i]);
	DdbViolationsRaise(&v);

	/* 3. checks without tables */
	for (int i = 0; i < req.nentries; i++)
		CheckGetEntry(&req.gets[i], &total_keys);

	/* 4. tables, privileges, key schemas */
	for (int i = 0; i < req.nentries; i++)
		ResolveGetEntry(&req.gets[i]);

	/* read, and answer */
	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonBeginObject(&js, "Responses");
	for (int i = 0; i < req.nentries; i++)
		ReadGetEntryItems(&req.gets[i], &js, &response_bytes, &cut);
	DdbJsonEndObject(&js);

	DdbJsonBeginObject(&js, "UnprocessedKeys");
	for (int i = 0; i < req.nentries; i++)
		if (req.gets[i].first_unprocessed < req.gets[i].nkeys)
			PutUnprocessedKeys(&js, &req.gets[i]);
	DdbJsonEndObject(&js);

	if (capacity != DDB_CAPACITY_NONE)
	{
		DdbJsonBeginArray(&js, "ConsumedCapacity");
		for (int i = 0; i < req.nentries; i++)
			DdbJsonPutConsumedCapacity(&js, NULL, req.gets[i].table, req.gets[i].name,
									   &req.gets[i].consumed, capacity);
		DdbJsonEndArray(&js);
	}
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/*-------------------------------------------------------------------------
 * BatchWriteItem
 *-------------------------------------------------------------------------
 */

/*
 * Read one table's list of WriteRequests (stage 1: JSON types).  Items and
 * keys are converted with their ValidationExceptions kept for later.
 */
static void
ReadWriteEntry(WriteEntry *e, char *name, JsonbValue *value)
{
	e->name = name;
	e->list = ValueAsList(value);
	e->nrequests = e->list ? DdbArraySize(e->list) : 0;
	e->requests = palloc0(sizeof(WriteRequest) * Max(e->nrequests, 1));
	for (int i = 0; i < e->nrequests; i++)
	{
		WriteRequest *r = &e->requests[i];
		JsonbValue *elem = DdbArrayElement(e->list, i);
		JsonbContainer *obj = NULL;
		JsonbContainer *put = NULL;
		JsonbContainer *del = NULL;
		bool		has_put;
		bool		has_del;

		/* a null element is an empty WriteRequest */
		if (elem->type != jbvNull)
			obj = DdbValueAsObject(elem);
		has_put = DdbGetObject(obj, "PutRequest", &put);
		has_del = DdbGetObject(obj, "DeleteRequest", &del);
		if (has_put && has_del)
			r->kind = WRITE_BOTH;
		else if (has_put)
			r->kind = WRITE_PUT;
		else if (has_del)
			r->kind = WRITE_DELETE;
		else
			r->kind = WRITE_NONE;

		/* both members are read (and type-checked) when both are present */
		if (has_del)
		{
			JsonbValue *key = DdbGetMember(del, "Key");

			if (key == NULL)
				r->member_missing = true;
			else
				r->value = DdbJsonbToItem(key, &r->error);
		}
		if (has_put)
		{
			JsonbValue *item = DdbGetMember(put, "Item");

			if (item == NULL)
				r->member_missing = true;
			else
				r->value = DdbJsonbToItem(item, &r->error);
		}
	}
}

/* The model constraints on one entry's WriteRequests (stage 2). */
static void
CheckWriteConstraints(DdbViolations *v, WriteEntry *e)
{
	for (int i = 0; i < e->nrequests; i++)
	{
		WriteRequest *r = &e->requests[i];
		JsonbValue *elem = DdbArrayElement(e->list, i);
		JsonbContainer *obj = elem->type == jbvNull ? NULL : elem->val.binary.data;
		JsonbContainer *put = NULL;
		JsonbContainer *del = NULL;

		if (!r->member_missing)
			continue;
		if (DdbGetObject(obj, "DeleteRequest", &del) && DdbGetMember(del, "Key") == NULL)
			DdbViolationAdd(v, NULL,
							psprintf("requestItems.%s.member.%d.member.deleteRequest.key",
									 e->name, i + 1),
							"Member must not be null");
		if (DdbGetObject(obj, "PutRequest", &put) && DdbGetMember(put, "Item") == NULL)
			DdbViolationAdd(v, NULL,
							psprintf("requestItems.%s.member.%d.member.putRequest.item",
									 e->name, i + 1),
							"Member must not be null");
	}
}

/*
 * The checks of one entry that need no table (stage 3): exactly one of
 * PutRequest and DeleteRequest in every element (all elements of the
 * table first, as the service does), then each Item's or Key's values and
 * each Item's size, then the total number of requests.
 */
static void
CheckWriteEntry(WriteEntry *e, int *total_requests)
{
	for (int i = 0; i < e->nrequests; i++)
		if (e->requests[i].kind == WRITE_NONE || e->requests[i].kind == WRITE_BOTH)
			DdbRaise(DDB_EXC_ValidationException, "%s", msg_write_request);

	for (int i = 0; i < e->nrequests; i++)
	{
		WriteRequest *r = &e->requests[i];

		if (r->error != NULL)
			DdbRaise(DDB_EXC_ValidationException, "%s", r->error);
		if (r->kind == WRITE_PUT)
		{
			DdbCheckItemSize(r->value, false);
			e->has_put = true;
		}
		else
			e->has_delete = true;
		if (++(*total_requests) > BATCH_WRITE_MAX_REQUESTS)
			DdbRaise(DDB_EXC_ValidationException,
					 "Too many items requested for the BatchWriteItem call");
	}
}

/*
 * A PutRequest's Item must hold every key attribute with its declared
 * type; the service words a violation like a Key parameter's (not like
 * PutItem's "Missing the key ...").
 */
static void
CheckPutRequestKey(DdbDataTable *table, const DdbValue *item)
{
	const DdbKeyAttr *attrs[2] = {&table->def->hash_key, &table->def->range_key};
	DdbValueType types[2] = {table->hash_type, table->range_type};

	for (int i = 0; i < (table->has_range ? 2 : 1); i++)
	{
		const DdbValue *value = DdbMapGet(item, attrs[i]->name, strlen(attrs[i]->name));

		if (value == NULL || value->type != types[i])
			DdbRaise(DDB_EXC_ValidationException, "%s", msg_key_schema);
	}
}

/*
 * Open the entry's table, check the privileges its requests need and
 * every key against the schema, and refuse a second request on an item of
 * the same table, also when the table is named once by name and once by
 * ARN (stage 4).  index is the entry's position in req.
 */
static void
ResolveWriteEntry(WriteEntry *e, BatchRequest *req, int index)
{
	DdbDataTable *table = DdbOpenDataTable(e->name, "BatchWriteItem");

	if ((e->has_put && !DdbTableAccessAllowed(table->def, "PutItem")) ||
		(e->has_delete && !DdbTableAccessAllowed(table->def, "DeleteItem")))
		DdbRaiseAccessDenied("BatchWriteItem", table->def->table_arn);
	e->table = table;

	for (int i = 0; i < e->nrequests; i++)
	{
		WriteRequest *r = &e->requests[i];

		if (r->kind == WRITE_PUT)
		{
			CheckPutRequestKey(table, r->value);
			DdbKeyFromItem(table, r->value, &r->key);
			DdbCheckIndexKeyTypes(table, r->value, false);
		}
		else
			DdbKeyFromKeyParam(table, r->value, &r->key);

		/* earlier requests of this entry, then of entries of the same table */
		for (int j = 0; j < i; j++)
			if (DdbItemKeyEquals(&e->requests[j].key, &r->key))
				DdbRaise(DDB_EXC_ValidationException, "%s", msg_duplicates);
		for (int k = 0; k < index; k++)
		{
			WriteEntry *other = &req->writes[k];

			if (strcmp(other->table->def->table_id, table->def->table_id) != 0)
				continue;
			for (int j = 0; j < other->nrequests; j++)
				if (DdbItemKeyEquals(&other->requests[j].key, &r->key))
					DdbRaise(DDB_EXC_ValidationException, "%s", msg_duplicates);
		}
	}
	DdbConsumedInit(&e->consumed, table);
}

/*
 * The entry's ItemCollectionMetrics (tables with LSIs only): one per item
 * collection written, i.e. per distinct partition key, in request order,
 * measured after every write of the request.
 */
static void
PutCollectionMetrics(DdbJson *js, WriteEntry *e)
{
	DdbJsonBeginArray(js, e->name);
	for (int i = 0; i < e->nrequests; i++)
	{
		bool		seen = false;

		for (int j = 0; j < i && !seen; j++)
			seen = DdbValueEquals(e->requests[j].key.hash, e->requests[i].key.hash);
		if (!seen)
			DdbJsonPutItemCollectionMetrics(js, NULL, e->table, &e->requests[i].key);
	}
	DdbJsonEndArray(js);
}

/*
 * BatchWriteItem: {"UnprocessedItems": {}} plus "ConsumedCapacity" (a list,
 * one per table, with ReturnConsumedCapacity) and "ItemCollectionMetrics"
 * (a map of table to list, for tables with LSIs, with
 * ReturnItemCollectionMetrics SIZE).  Every request is validated before
 * the first is written; all are written in one transaction.
 */
Jsonb *
DdbBatchWriteItem(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	BatchRequest req = {0};
	JsonbValue **values = NULL;
	char	  **names = NULL;
	DdbViolations v;
	DdbReturnCapacity capacity;
	bool		metrics;
	bool		any_lsi = false;
	bool		lists_ok = true;
	int			total_requests = 0;
	DdbJson		js;

	/* 1. JSON types */
	req.items = ReadRequestItems(root,
								 "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>");
	if (req.items != NULL)
	{
		req.nentries = JsonContainerSize(req.items);
		names = RequestItemsKeys(req.items, &values);
	}
	req.writes = palloc0(sizeof(WriteEntry) * Max(req.nentries, 1));
	for (int i = 0; i < req.nentries; i++)
		ReadWriteEntry(&req.writes[i], names[i], values[i]);

	/* 2. model constraints */
	DdbViolationsInit(&v);
	capacity = DdbReadReturnConsumedCapacity(root, &v);
	metrics = DdbReadReturnItemCollectionMetrics(root, &v);
	CheckRequestItemsConstraints(&v, &req, BATCH_WRITE_MAX_TABLES);
	for (int i = 0; i < req.nentries; i++)
		if (req.writes[i].nrequests < 1 ||
			req.writes[i].nrequests > BATCH_WRITE_MAX_REQUESTS)
			lists_ok = false;
	if (!lists_ok)
		DdbViolationAdd(&v, FormatContainer(req.items), "requestItems",
						"Map value must satisfy constraint: "
						"[Member must have length less than or equal to 25, "
						"Member must have length greater than or equal to 1]");
	for (int i = 0; i < req.nentries; i++)
		CheckWriteConstraints(&v, &req.writes[i]);
	DdbViolationsRaise(&v);

	/* 3. checks without tables */
	for (int i = 0; i < req.nentries; i++)
		CheckWriteEntry(&req.writes[i], &total_requests);

	/* 4. tables, privileges, key schemas, duplicates */
	for (int i = 0; i < req.nentries; i++)
		ResolveWriteEntry(&req.writes[i], &req, i);

	/* write */
	for (int i = 0; i < req.nentries; i++)
	{
		WriteEntry *e = &req.writes[i];

		for (int j = 0; j < e->nrequests; j++)
		{
			WriteRequest *r = &e->requests[j];

			CHECK_FOR_INTERRUPTS();
			if (r->kind == WRITE_PUT)
				DdbPutItemUnconditionally(e->table, &r->key, r->value, NULL, &e->consumed);
			else
				DdbDeleteItemUnconditionally(e->table, &r->key, NULL, &e->consumed);
		}
		any_lsi |= e->table->has_lsi;
	}

	/* answer */
	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonBeginObject(&js, "UnprocessedItems");
	DdbJsonEndObject(&js);
	if (capacity != DDB_CAPACITY_NONE)
	{
		DdbJsonBeginArray(&js, "ConsumedCapacity");
		for (int i = 0; i < req.nentries; i++)
			DdbJsonPutConsumedCapacity(&js, NULL, req.writes[i].table, req.writes[i].name,
									   &req.writes[i].consumed, capacity);
		DdbJsonEndArray(&js);
	}
	if (metrics && any_lsi)
	{
		DdbJsonBeginObject(&js, "ItemCollectionMetrics");
		for (int i = 0; i < req.nentries; i++)
			if (req.writes[i].table->has_lsi)
				PutCollectionMetrics(&js, &req.writes[i]);
		DdbJsonEndObject(&js);
	}
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}
