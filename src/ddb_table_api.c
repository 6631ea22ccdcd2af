/*-------------------------------------------------------------------------
 *
 * ddb_table_api.c
 *	  CreateTable, DescribeTable, DeleteTable and ListTables, and the SQL
 *	  helpers ddb_list_tables(), ddb_items() and ddb_table_relation().
 *
 * CreateTable checks its request in DynamoDB's three stages (tables.md
 * §3.2): the JSON types of every member as it is read (SerializationException),
 * then the model's constraints, collected into one ValidationException in
 * the order of the service's shape (AttributeDefinitions, TableName,
 * BillingMode, ProvisionedThroughput, KeySchema, LocalSecondaryIndexes,
 * GlobalSecondaryIndexes, then the newer members), then the semantic
 * checks one at a time, in the service's order.  The request is first
 * parsed into a CreateTableRequest so that the later stages can walk it in
 * that order.
 *
 * A new table is stored ACTIVE: it becomes visible, and usable, when the
 * creating transaction commits.  The response still says CREATING, as
 * DynamoDB's does.  DeleteTable drops the storage in the same transaction
 * and answers DELETING.
 *
 * IDENTIFICATION
 *	  src/ddb_table_api.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "ddb_acl.h"
#include "ddb_backup.h"
#include "ddb_catalog.h"
#include "ddb_core.h"
#include "ddb_json.h"
#include "ddb_operations.h"
#include "ddb_request.h"
#include "ddb_restore.h"
#include "ddb_storage.h"
#include "ddb_table_api.h"
#include "ddb_table_settings.h"
#include "ddbtable.h"

#define INVALID_PREFIX "One or more parameter values were invalid: "
#define MAX_CAPACITY_UNITS INT64CONST(1000000000000)
#define MAX_LSIS 5
#define MAX_GSIS 20
#define MAX_PROJECTED_ATTRIBUTES 100
#define MAX_TAGS 50
#define LIST_TABLES_MAX_LIMIT 100

/* A list member as read: its container and whether it was there. */
typedef struct ReqList
{
	bool		present;
	JsonbContainer *array;
	int			count;
} ReqList;

typedef struct ReqAttrDef
{
	bool		is_null;		/* the list element was JSON null */
	char	   *name;
	char	   *type;
} ReqAttrDef;

typedef struct ReqKeyElement
{
	bool		is_null;
	char	   *name;
	char	   *key_type;
} ReqKeyElement;

typedef struct ReqKeySchema
{
	ReqList		list;
	ReqKeyElement *elems;
} ReqKeySchema;

typedef struct ReqProjection
{
	bool		present;
	char	   *type;
	ReqList		non_key;
	char	  **non_key_names;	/* NULL entries for JSON nulls */
	int		   *non_key_lens;
} ReqProjection;

typedef struct ReqIndex
{
	bool		is_null;
	char	   *name;
	ReqKeySchema keys;
	ReqProjection projection;
	DdbCapacity throughput;		/* GSIs */
	DdbCapacity on_demand;		/* GSIs */
	DdbCapacity warm;			/* GSIs */
} ReqIndex;

typedef struct ReqIndexList
{
	ReqList		list;
	ReqIndex   *elems;
} ReqIndexList;

typedef struct ReqTag
{
	bool		is_null;
	char	   *key;
	int			key_len;
	char	   *value;
	int			value_len;
} ReqTag;

/* A CreateTable request, as read in the serialization stage. */
typedef struct CreateTableRequest
{
	ReqList		attr_list;
	ReqAttrDef *attrs;
	char	   *table_name;		/* as given (name or ARN) */
	char	   *name;			/* the table name (the ARN's, for an ARN) */
	char	   *billing_mode;
	DdbCapacity throughput;
	ReqKeySchema keys;
	ReqIndexList lsis;
	ReqIndexList gsis;
	DdbStreamSpec stream;
	DdbSseSpec	sse;
	ReqList		tag_list;
	ReqTag	   *tags;
	char	   *table_class;
	bool		deletion_protection;
	DdbCapacity on_demand;
	DdbCapacity warm;
} CreateTableRequest;

static bool ReadList(JsonbContainer *obj, const char *member, ReqList *list);
static JsonbContainer *ListObject(ReqList *list, int i, bool *is_null);
static void ReadKeySchema(JsonbContainer *obj, ReqKeySchema *ks);
static void ReadIndexes(JsonbContainer *root, const char *member, bool global,
						ReqIndexList *indexes);
static void ReadCreateTableRequest(JsonbContainer *root, CreateTableRequest *req);
static char *FormatList(JsonbContainer *array);
static char *FormatInt64(int64 value);
static int	CharLength(const char *s, int len);
static void CheckKeySchemaConstraints(DdbViolations *v, ReqKeySchema *ks, const char *path);
static void CheckIndexConstraints(DdbViolations *v, ReqIndexList *indexes, bool global,
								  const char *path);
static void CheckCreateTableConstraints(JsonbContainer *root, CreateTableRequest *req);
static ReqAttrDef *FindAttrDef(CreateTableRequest *req, const char *name);
static List *AttrNames(CreateTableRequest *req);
static void CheckKeySchemaShape(CreateTableRequest *req, ReqKeySchema *ks);
static void CheckProjection(ReqProjection *projection);
static void CheckIndexNameUnique(List **names, const char *name);
static bool TagTextValid(const char *s, int len);
static void CheckCreateTableSemantics(CreateTableRequest *req);
static char *NewUuid(void);
static void SetKeyAttr(CreateTableRequest *req, ReqKeyElement *elem, DdbKeyAttr *key);
static DdbIndexDef *BuildIndexDef(CreateTableRequest *req, ReqIndex *ri, bool global,
								  int position, bool on_demand);
static DdbTableDef *BuildTableDef(CreateTableRequest *req);

/*
 * A list member: false when absent.  SerializationException when it is not
 * a JSON array.
 */
static bool
ReadList(JsonbContainer *obj, const char *member, ReqList *list)
{
	memset(list, 0, sizeof(ReqList));
	if (!DdbGetArray(obj, member, &list->array))
		return false;
	list->present = true;
	list->count = DdbArraySize(list->array);
	return true;
}

/* Element i of a list of structures; NULL with *is_null for a JSON null. */
static JsonbContainer *
ListObject(ReqList *list, int i, bool *is_null)
{
	JsonbValue *v = DdbArrayElement(list->array, i);

	*is_null = (v == NULL || v->type == jbvNull);
	if (*is_null)
		return NULL;
	return DdbValueAsObject(v);
}

/* A KeySchema member of obj. */
static void
ReadKeySchema(JsonbContainer *obj, ReqKeySchema *ks)
{
	ks->elems = NULL;
	if (!ReadList(obj, "KeySchema", &ks->list))
		return;
	ks->elems = palloc0(sizeof(ReqKeyElement) * Max(ks->list.count, 1));
	for (int i = 0; i < ks->list.count; i++)
	{
		ReqKeyElement *e = &ks->elems[i];
		JsonbContainer *c = ListObject(&ks->list, i, &e->is_null);

		if (c == NULL)
			continue;
		DdbGetString(c, "AttributeName", &e->name, NULL);
		DdbGetString(c, "KeyType", &e->key_type, NULL);
	}
}

/* LocalSecondaryIndexes or GlobalSecondaryIndexes. */
static void
ReadIndexes(JsonbContainer *root, const char *member, bool global, ReqIndexList *indexes)
{
	indexes->elems = NULL;
	if (!ReadList(root, member, &indexes->list))
		return;
	indexes->elems = palloc0(sizeof(ReqIndex) * Max(indexes->list.count, 1));
	for (int i = 0; i < indexes->list.count; i++)
	{
		ReqIndex   *ri = &indexes->elems[i];
		JsonbContainer *c = ListObject(&indexes->list, i, &ri->is_null);
		JsonbContainer *pc;

		if (c == NULL)
			continue;
		DdbGetString(c, "IndexName", &ri->name, NULL);
		ReadKeySchema(c, &ri->keys);
		if (DdbGetObject(c, "Projection", &pc))
		{
			ReqProjection *p = &ri->projection;

			p->present = true;
			DdbGetString(pc, "ProjectionType", &p->type, NULL);
			if (ReadList(pc, "NonKeyAttributes", &p->non_key))
			{
				p->non_key_names = palloc0(sizeof(char *) * Max(p->non_key.count, 1));
				p->non_key_lens = palloc0(sizeof(int) * Max(p->non_key.count, 1));
				for (int j = 0; j < p->non_key.count; j++)
				{
					JsonbValue *v = DdbArrayElement(p->non_key.array, j);

					if (v != NULL && v->type != jbvNull)
						p->non_key_names[j] = DdbValueAsString(v, &p->non_key_lens[j]);
				}
			}
		}
		if (global)
		{
			/* CreateTable reads the write member of each first */
			(void) DdbGetCapacity(c, DDB_PROVISIONED_THROUGHPUT, true, &ri->throughput);
			(void) DdbGetCapacity(c, DDB_ON_DEMAND_THROUGHPUT, true, &ri->on_demand);
			(void) DdbGetCapacity(c, DDB_WARM_THROUGHPUT, true, &ri->warm);
		}
	}
}

/* Stage 1: read every member, raising SerializationException on a bad type. */
static void
ReadCreateTableRequest(JsonbContainer *root, CreateTableRequest *req)
{
	memset(req, 0, sizeof(CreateTableRequest));

	if (ReadList(root, "AttributeDefinitions", &req->attr_list))
	{
		req->attrs = palloc0(sizeof(ReqAttrDef) * Max(req->attr_list.count, 1));
		for (int i = 0; i < req->attr_list.count; i++)
		{
			ReqAttrDef *a = &req->attrs[i];
			JsonbContainer *ac = ListObject(&req->attr_list, i, &a->is_null);

			if (ac == NULL)
				continue;
			DdbGetString(ac, "AttributeName", &a->name, NULL);
			DdbGetString(ac, "AttributeType", &a->type, NULL);
		}
	}
	DdbGetString(root, "TableName", &req->table_name, NULL);
	DdbGetString(root, "BillingMode", &req->billing_mode, NULL);
	(void) DdbGetCapacity(root, DDB_PROVISIONED_THROUGHPUT, true, &req->throughput);
	ReadKeySchema(root, &req->keys);
	ReadIndexes(root, "LocalSecondaryIndexes", false, &req->lsis);
	ReadIndexes(root, "GlobalSecondaryIndexes", true, &req->gsis);

	(void) DdbGetStreamSpecification(root, &req->stream);
	(void) DdbGetSseSpecification(root, &req->sse);
	if (ReadList(root, "Tags", &req->tag_list))
	{
		req->tags = palloc0(sizeof(ReqTag) * Max(req->tag_list.count, 1));
		for (int i = 0; i < req->tag_list.count; i++)
		{
			ReqTag	   *t = &req->tags[i];
			JsonbContainer *tc = ListObject(&req->tag_list, i, &t->is_null);

			if (tc == NULL)
				continue;
			DdbGetString(tc, "Key", &t->key, &t->key_len);
			DdbGetString(tc, "Value", &t->value, &t->value_len);
		}
	}
	DdbGetString(root, "TableClass", &req->table_class, NULL);
	DdbGetBool(root, "DeletionProtectionEnabled", &req->deletion_protection);
	(void) DdbGetCapacity(root, DDB_ON_DEMAND_THROUGHPUT, true, &req->on_demand);
	(void) DdbGetCapacity(root, DDB_WARM_THROUGHPUT, true, &req->warm);
}

/*
 * A list as the service prints it in a constraint message: [a, b], with
 * structures as JSON.
 */
static char *
FormatList(JsonbContainer *array)
{
	StringInfoData buf;
	int			n = DdbArraySize(array);

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (int i = 0; i < n; i++)
	{
		JsonbValue *v = DdbArrayElement(array, i);

		if (i > 0)
			appendStringInfoString(&buf, ", ");
		if (v->type == jbvString)
			appendBinaryStringInfo(&buf, v->val.string.val, v->val.string.len);
		else if (v->type == jbvBinary)
			appendStringInfoString(&buf, JsonbToCString(NULL, v->val.binary.data,
														v->val.binary.len));
		else
			appendStringInfoString(&buf, JsonbToCString(NULL, &JsonbValueToJsonb(v)->root, 0));
	}
	appendStringInfoChar(&buf, ']');
	return buf.data;
}

/* A long as printed in a message. */
static char *
FormatInt64(int64 value)
{
	return psprintf(INT64_FORMAT, value);
}

/* Length in characters of a string in the database encoding. */
static int
CharLength(const char *s, int len)
{
	return pg_mbstrlen_with_len(s, len);
}

/* KeySchema: required, 1..2 elements, each with a name and a key type. */
static void
CheckKeySchemaConstraints(DdbViolations *v, ReqKeySchema *ks, const char *path)
{
	if (!ks->list.present)
	{
		DdbViolationAdd(v, NULL, path, "Member must not be null");
		return;
	}
	if (ks->list.count < 1)
		DdbViolationAdd(v, FormatList(ks->list.array), path,
						"Member must have length greater than or equal to 1");
	if (ks->list.count > 2)
		DdbViolationAdd(v, FormatList(ks->list.array), path,
						"Member must have length less than or equal to 2");
	for (int i = 0; i < ks->list.count; i++)
	{
		ReqKeyElement *e = &ks->elems[i];
		char	   *elem = psprintf("%s.%d.member", path, i + 1);

		if (e->is_null)
		{
			DdbViolationAdd(v, NULL, elem, "Member must not be null");
			continue;
		}
		DdbCheckKeySchemaElementConstraints(v, e->name, e->key_type, elem);
	}
}

/* The constraints of each LSI or GSI. */
static void
CheckIndexConstraints(DdbViolations *v, ReqIndexList *indexes, bool global, const char *path)
{
	for (int i = 0; i < indexes->list.count; i++)
	{
		ReqIndex   *ri = &indexes->elems[i];
		ReqProjection *p = &ri->projection;
		char	   *elem = psprintf("%s.%d.member", path, i + 1);

		if (ri->is_null)
		{
			DdbViolationAdd(v, NULL, elem, "Member must not be null");
			continue;
		}
		DdbCheckNameConstraints(v, ri->name, 3, 255, psprintf("%s.indexName", elem));
		CheckKeySchemaConstraints(v, &ri->keys, psprintf("%s.keySchema", elem));
		if (!p->present)
			DdbViolationAdd(v, NULL, psprintf("%s.projection", elem), "Member must not be null");
		else
		{
			char	   *nka = psprintf("%s.projection.nonKeyAttributes", elem);

			DdbCheckProjectionTypeConstraint(v, p->type,
											 psprintf("%s.projection.projectionType", elem));
			if (p->non_key.present)
			{
				if (p->non_key.count < 1)
					DdbViolationAdd(v, FormatList(p->non_key.array), nka,
									"Member must have length greater than or equal to 1");
				if (p->non_key.count > 20)
					DdbViolationAdd(v, FormatList(p->non_key.array), nka,
									"Member must have length less than or equal to 20");
				for (int j = 0; j < p->non_key.count; j++)
				{
					char	   *npath = psprintf("%s.%d.member", nka, j + 1);

					if (p->non_key_names[j] == NULL)
						DdbViolationAdd(v, NULL, npath, "Member must not be null");
					else
						DdbCheckLength(v, p->non_key_names[j], p->non_key_lens[j], 1, 255,
									   npath);
				}
			}
		}
		if (global)
			DdbCheckThroughputConstraints(v, &ri->throughput,
										  psprintf("%s.provisionedThroughput", elem));
	}
}

/*
 * Stage 2: the model's constraints, collected.  Reads TableName (and sets
 * req->name) in its place: a missing name or one of bad length raises here.
 */
static void
CheckCreateTableConstraints(JsonbContainer *root, CreateTableRequest *req)
{
	DdbViolations v;

	DdbViolationsInit(&v);

	if (!req->attr_list.present)
		DdbViolationAdd(&v, NULL, "attributeDefinitions", "Member must not be null");
	for (int i = 0; i < req->attr_list.count; i++)
	{
		ReqAttrDef *a = &req->attrs[i];
		char	   *elem = psprintf("attributeDefinitions.%d.member", i + 1);

		if (a->is_null)
		{
			DdbViolationAdd(&v, NULL, elem, "Member must not be null");
			continue;
		}
		DdbCheckAttributeDefinitionConstraints(&v, a->name, a->type, elem);
	}

	req->table_name = DdbReadTableNameMember(root, &v, true, &req->name);
	DdbCheckBillingModeConstraint(&v, req->billing_mode);
	DdbCheckThroughputConstraints(&v, &req->throughput, "provisionedThroughput");
	CheckKeySchemaConstraints(&v, &req->keys, "keySchema");
	CheckIndexConstraints(&v, &req->lsis, false, "localSecondaryIndexes");
	CheckIndexConstraints(&v, &req->gsis, true, "globalSecondaryIndexes");

	DdbCheckStreamSpecificationConstraints(&v, &req->stream);
	DdbCheckSseSpecificationConstraints(&v, &req->sse);
	for (int i = 0; i < req->tag_list.count; i++)
	{
		ReqTag	   *t = &req->tags[i];
		char	   *elem = psprintf("tags.%d.member", i + 1);

		if (t->is_null)
		{
			DdbViolationAdd(&v, NULL, elem, "Member must not be null");
			continue;
		}
		if (t->key == NULL)
			DdbViolationAdd(&v, NULL, psprintf("%s.key", elem), "Member must not be null");
		else
			DdbCheckLength(&v, t->key, CharLength(t->key, t->key_len), 1, 128,
						   psprintf("%s.key", elem));
		if (t->value == NULL)
			DdbViolationAdd(&v, NULL, psprintf("%s.value", elem), "Member must not be null");
		else
			DdbCheckLength(&v, t->value, CharLength(t->value, t->value_len), 0, 256,
						   psprintf("%s.value", elem));
	}

	DdbViolationsRaise(&v);
}

/* The definition of an attribute, or NULL. */
static ReqAttrDef *
FindAttrDef(CreateTableRequest *req, const char *name)
{
	for (int i = 0; i < req->attr_list.count; i++)
		if (strcmp(req->attrs[i].name, name) == 0)
			return &req->attrs[i];
	return NULL;
}

/* The names in AttributeDefinitions, as a list of C strings. */
static List *
AttrNames(CreateTableRequest *req)
{
	List	   *names = NIL;

	for (int i = 0; i < req->attr_list.count; i++)
		names = lappend(names, req->attrs[i].name);
	return names;
}

/*
 * The shape of a table or index key schema: defined attributes, distinct
 * names, HASH then RANGE (DdbCheckKeySchema).
 */
static void
CheckKeySchemaShape(CreateTableRequest *req, ReqKeySchema *ks)
{
	List	   *names = NIL;
	List	   *types = NIL;

	for (int i = 0; i < ks->list.count; i++)
	{
		names = lappend(names, ks->elems[i].name);
		types = lappend(types, ks->elems[i].key_type);
	}
	DdbCheckKeySchema(names, types, AttrNames(req));
}

/* The projection of one index (DdbCheckProjection). */
static void
CheckProjection(ReqProjection *p)
{
	List	   *non_key = NIL;

	for (int i = 0; i < p->non_key.count; i++)
		non_key = lappend(non_key, p->non_key_names[i]);
	DdbCheckProjection(p->type, p->non_key.present, non_key);
}

/* Index names are unique among all indexes of the table. */
static void
CheckIndexNameUnique(List **names, const char *name)
{
	ListCell   *lc;

	foreach(lc, *names)
		if (strcmp((char *) lfirst(lc), name) == 0)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "Duplicate index name: %s", name);
	*names = lappend(*names, (char *) name);
}

/*
 * Tag keys and values: letters, digits, white space and + - = . _ : / @
 * (any non-ASCII character is taken as a letter).
 */
static bool
TagTextValid(const char *s, int len)
{
	for (int i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= 0x80 || isalnum(c) || isspace(c) || strchr("+-=._:/@", c) != NULL)
			continue;
		return false;
	}
	return true;
}

/* Stage 3: the semantic checks, in the service's order; the first fails. */
static void
CheckCreateTableSemantics(CreateTableRequest *req)
{
	bool		on_demand = req->billing_mode != NULL &&
		strcmp(req->billing_mode, "PAY_PER_REQUEST") == 0;
	ReqKeySchema *ks = &req->keys;
	List	   *index_names = NIL;
	List	   *used = NIL;
	int			projected = 0;

	/* capacity and billing mode */
	if (on_demand)
	{
		if (req->throughput.present)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
	}
	else
	{
		if (!req->throughput.present)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
		if (req->throughput.read > MAX_CAPACITY_UNITS)
			DdbRaise(DDB_EXC_ValidationException,
					 "Given value " INT64_FORMAT " for ReadCapacityUnits is out of bounds",
					 req->throughput.read);
		if (req->throughput.write > MAX_CAPACITY_UNITS)
			DdbRaise(DDB_EXC_ValidationException,
					 "Given value " INT64_FORMAT " for WriteCapacityUnits is out of bounds",
					 req->throughput.write);
	}

	/* the table's key schema */
	if (ks->list.count > req->attr_list.count)
		DdbRaise(DDB_EXC_ValidationException,
				 "Invalid KeySchema: Some index key attribute have no definition");
	CheckKeySchemaShape(req, ks);
	for (int i = 0; i < req->attr_list.count; i++)
		for (int j = 0; j < i; j++)
			if (strcmp(req->attrs[i].name, req->attrs[j].name) == 0)
				DdbRaise(DDB_EXC_ValidationException,
						 "Attribute Name is duplicated: %s", req->attrs[i].name);
	if (!req->lsis.list.present && !req->gsis.list.present &&
		ks->list.count != req->attr_list.count)
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");

	/* local secondary indexes */
	if (req->lsis.list.present)
	{
		if (req->lsis.list.count == 0)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "List of LocalSecondaryIndexes is empty");
		if (ks->list.count != 2)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
		for (int i = 0; i < req->lsis.list.count; i++)
		{
			ReqIndex   *ri = &req->lsis.elems[i];

			CheckKeySchemaShape(req, &ri->keys);
			if (ri->keys.list.count != 2)
				DdbRaise(DDB_EXC_ValidationException,
						 INVALID_PREFIX "Index KeySchema does not have a range key for index: %s",
						 ri->name);
			if (strcmp(ri->keys.elems[0].name, ks->elems[0].name) != 0)
				DdbRaise(DDB_EXC_ValidationException,
						 INVALID_PREFIX "Index KeySchema does not have the same leading hash key as table KeySchema for index: %s. index hash key: %s, table hash key: %s",
						 ri->name, ri->keys.elems[0].name, ks->elems[0].name);
			CheckProjection(&ri->projection);
			CheckIndexNameUnique(&index_names, ri->name);
		}
		if (req->lsis.list.count > MAX_LSIS)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "Number of LocalSecondaryIndexes exceeds per-table limit of %d",
					 MAX_LSIS);
	}

	/* global secondary indexes */
	if (req->gsis.list.present)
	{
		if (req->gsis.list.count == 0)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "List of GlobalSecondaryIndexes is empty");
		for (int i = 0; i < req->gsis.list.count; i++)
		{
			ReqIndex   *ri = &req->gsis.elems[i];

			CheckKeySchemaShape(req, &ri->keys);
			CheckProjection(&ri->projection);
			if (on_demand && ri->throughput.present)
				DdbRaise(DDB_EXC_ValidationException,
						 INVALID_PREFIX "ProvisionedThroughput should not be specified for index: %s when BillingMode is PAY_PER_REQUEST",
						 ri->name);
			if (!on_demand && !ri->throughput.present)
				DdbRaise(DDB_EXC_ValidationException,
						 INVALID_PREFIX "ProvisionedThroughput is not specified for index: %s",
						 ri->name);
			if (ri->throughput.read > MAX_CAPACITY_UNITS)
				DdbRaise(DDB_EXC_ValidationException,
						 "Given value " INT64_FORMAT " for ReadCapacityUnits is out of bounds for index %s",
						 ri->throughput.read, ri->name);
			if (ri->throughput.write > MAX_CAPACITY_UNITS)
				DdbRaise(DDB_EXC_ValidationException,
						 "Given value " INT64_FORMAT " for WriteCapacityUnits is out of bounds for index %s",
						 ri->throughput.write, ri->name);
			CheckIndexNameUnique(&index_names, ri->name);
		}
		if (req->gsis.list.count > MAX_GSIS)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "GlobalSecondaryIndex count exceeds the per-table limit of %d",
					 MAX_GSIS);
	}

	/* with indexes: every definition must still be used by some key */
	if (req->lsis.list.present || req->gsis.list.present)
	{
		for (int pass = 0; pass < 3; pass++)
		{
			ReqIndexList *list = pass == 1 ? &req->lsis : &req->gsis;
			int			n = pass == 0 ? 1 : list->list.count;

			for (int i = 0; i < n; i++)
			{
				ReqKeySchema *iks = pass == 0 ? ks : &list->elems[i].keys;

				for (int k = 0; k < iks->list.count; k++)
					if (!DdbStringListMember(used, iks->elems[k].name))
						used = lappend(used, iks->elems[k].name);
			}
		}
		if (list_length(used) != req->attr_list.count)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "Some AttributeDefinitions are not used. AttributeDefinitions: [%s], keys used: [%s]",
					 DdbJoinStrings(AttrNames(req)), DdbJoinStrings(used));
	}

	/* projected non-key attributes, summed over all indexes */
	for (int i = 0; i < req->lsis.list.count; i++)
		projected += req->lsis.elems[i].projection.non_key.count;
	for (int i = 0; i < req->gsis.list.count; i++)
		projected += req->gsis.elems[i].projection.non_key.count;
	if (projected > MAX_PROJECTED_ATTRIBUTES)
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "Number of projected attributes in all indexes exceeds limit of %d",
				 MAX_PROJECTED_ATTRIBUTES);

	/* streams */
	if (req->stream.present && req->stream.enabled && req->stream.view_type == NULL)
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "Table is being created with a stream enabled, UpdateViewType is required");
	if (req->stream.present && !req->stream.enabled && req->stream.view_type != NULL)
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "Table is being created with a stream disabled, UpdateViewType should not be specified");

	/* server-side encryption: anything but Enabled true turns it off */
	if (req->sse.present)
		DdbCheckSseSpecification(!req->sse.enabled, req->sse.type, req->sse.kms_key_id);

	/* table class */
	DdbCheckTableClass(req->table_class);

	/* tags */
	for (int i = 0; i < req->tag_list.count; i++)
	{
		ReqTag	   *t = &req->tags[i];

		if (!TagTextValid(t->key, t->key_len))
			DdbRaise(DDB_EXC_ValidationException,
					 "The Tag Key provided is invalid, Key: %s", t->key);
		if (!TagTextValid(t->value, t->value_len))
			DdbRaise(DDB_EXC_ValidationException,
					 "The Tag Value provided is invalid, Value: %s", t->value);
		if (strncmp(t->key, "aws:", 4) == 0)
			DdbRaise(DDB_EXC_ValidationException,
					 "Tag Key cannot be prefixed with aws:, Key: %s", t->key);
		for (int j = 0; j < i; j++)
			if (strcmp(req->tags[j].key, t->key) == 0)
				DdbRaise(DDB_EXC_ValidationException,
						 "Duplicate Tag Keys provided as input: Duplicate Tag Key found %s",
						 t->key);
	}
	if (req->tag_list.count > MAX_TAGS)
		DdbRaise(DDB_EXC_ValidationException,
				 "Number of Tags exceed the current limit for the provided ResourceArn");

	/* on-demand maximums */
	DdbCheckOnDemandAllowed(&req->on_demand, on_demand, NULL);
	DdbCheckOnDemandRange(&req->on_demand, NULL);
	for (int i = 0; i < req->gsis.list.count; i++)
	{
		ReqIndex   *ri = &req->gsis.elems[i];

		DdbCheckOnDemandAllowed(&ri->on_demand, on_demand, ri->name);
		DdbCheckOnDemandRange(&ri->on_demand, ri->name);
	}
}

/* A random (version 4) UUID in its text form. */
static char *
NewUuid(void)
{
	unsigned char b[16];

	if (!pg_strong_random(b, sizeof(b)))
		ereport(ERROR,
				errcode(ERRCODE_INTERNAL_ERROR),
				errmsg("could not generate a random table id"));
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	return psprintf("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
					b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
					b[10], b[11], b[12], b[13], b[14], b[15]);
}

/* A key attribute with its declared type. */
static void
SetKeyAttr(CreateTableRequest *req, ReqKeyElement *elem, DdbKeyAttr *key)
{
	if (elem == NULL)
	{
		key->name = NULL;
		key->type = '\0';
		return;
	}
	key->name = elem->name;
	key->type = FindAttrDef(req, elem->name)->type[0];
}

/* The definition of one index of a new table. */
static DdbIndexDef *
BuildIndexDef(CreateTableRequest *req, ReqIndex *ri, bool global, int position,
			  bool on_demand)
{
	DdbIndexDef *ix = palloc0(sizeof(DdbIndexDef));

	ix->index_name = ri->name;
	ix->is_global = global;
	ix->position = position;
	SetKeyAttr(req, &ri->keys.elems[0], &ix->hash_key);
	SetKeyAttr(req, ri->keys.list.count == 2 ? &ri->keys.elems[1] : NULL, &ix->range_key);
	ix->projection_type = ri->projection.type;
	for (int i = 0; i < ri->projection.non_key.count; i++)
		ix->non_key_attributes = lappend(ix->non_key_attributes,
										 ri->projection.non_key_names[i]);
	ix->index_status = "ACTIVE";
	if (global && !on_demand)
	{
		ix->throughput.read_capacity = ri->throughput.read;
		ix->throughput.write_capacity = ri->throughput.write;
	}
	ix->on_demand_throughput = DdbCapacityJsonb(NULL, &ri->on_demand, DDB_CAPACITY_KEEP_EMPTY);
	ix->warm_throughput = DdbCapacityJsonb(NULL, &ri->warm,
										   DDB_CAPACITY_KEEP_EMPTY | DDB_CAPACITY_WITH_STATUS);
	return ix;
}

/* The definition of the new table, as it will be stored (ACTIVE). */
static DdbTableDef *
BuildTableDef(CreateTableRequest *req)
{
	DdbTableDef *t = palloc0(sizeof(DdbTableDef));
	bool		on_demand = req->billing_mode != NULL &&
		strcmp(req->billing_mode, "PAY_PER_REQUEST") == 0;
	DdbJson		js;
	int			position = 0;

	t->table_id = NewUuid();
	t->table_name = req->name;
	t->table_arn = DdbTableArn(req->name);
	t->created_by = GetUserNameFromId(GetUserId(), false);
	t->table_status = "ACTIVE";
	t->creation_time = GetCurrentTimestamp();
	SetKeyAttr(req, &req->keys.elems[0], &t->hash_key);
	SetKeyAttr(req, req->keys.list.count == 2 ? &req->keys.elems[1] : NULL, &t->range_key);

	DdbJsonInit(&js);
	DdbJsonBeginArray(&js, NULL);
	for (int i = 0; i < req->attr_list.count; i++)
	{
		DdbJsonBeginObject(&js, NULL);
		DdbJsonPutString(&js, "AttributeName", req->attrs[i].name);
		DdbJsonPutString(&js, "AttributeType", req->attrs[i].type);
		DdbJsonEndObject(&js);
	}
	DdbJsonEndArray(&js);
	t->attribute_definitions = DdbJsonFinish(&js);

	t->billing_mode = on_demand ? "PAY_PER_REQUEST" : "PROVISIONED";
	if (!on_demand)
	{
		t->throughput.read_capacity = req->throughput.read;
		t->throughput.write_capacity = req->throughput.write;
	}

	if (req->stream.present && req->stream.enabled)
	{
		t->stream_enabled = true;
		t->stream_view_type = req->stream.view_type;
		t->stream_label = DdbIsoTimestamp(t->creation_time);
	}

	if (req->sse.present && req->sse.enabled)
		t->sse_description = DdbSseDescription(req->sse.kms_key_id);

	t->table_class = req->table_class ? req->table_class : "STANDARD";
	if (req->table_class != NULL)
		t->table_class_changed = t->creation_time;
	t->deletion_protection = req->deletion_protection;
	t->on_demand_throughput = DdbCapacityJsonb(NULL, &req->on_demand, DDB_CAPACITY_KEEP_EMPTY);
	t->warm_throughput = DdbCapacityJsonb(NULL, &req->warm,
										  DDB_CAPACITY_KEEP_EMPTY | DDB_CAPACITY_WITH_STATUS);
	t->ttl_status = "DISABLED";
	t->pitr_period_days = 35;

	DdbJsonInit(&js);
	DdbJsonBeginArray(&js, NULL);
	for (int i = 0; i < req->tag_list.count; i++)
	{
		DdbJsonBeginObject(&js, NULL);
		DdbJsonPutStringLen(&js, "Key", req->tags[i].key, req->tags[i].key_len);
		DdbJsonPutStringLen(&js, "Value", req->tags[i].value, req->tags[i].value_len);
		DdbJsonEndObject(&js);
	}
	DdbJsonEndArray(&js);
	t->tags = DdbJsonFinish(&js);

	for (int i = 0; i < req->lsis.list.count; i++)
		t->indexes = lappend(t->indexes, BuildIndexDef(req, &req->lsis.elems[i], false,
													   ++position, on_demand));
	for (int i = 0; i < req->gsis.list.count; i++)
		t->indexes = lappend(t->indexes, BuildIndexDef(req, &req->gsis.elems[i], true,
													   ++position, on_demand));
	return t;
}

/*
 * CreateTable: validate (tables.md §1-§3), check CREATE on ddb_data, refuse
 * an existing name, record the table and create its relations.  Answers
 * {"TableDescription": ...} with TableStatus CREATING (and IndexStatus
 * CREATING for GSIs); the table is ACTIVE once the transaction commits.
 */
Jsonb *
DdbCreateTable(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	CreateTableRequest req;
	DdbTableDef *table;
	ListCell   *lc;

	ReadCreateTableRequest(root, &req);
	CheckCreateTableConstraints(root, &req);
	CheckCreateTableSemantics(&req);

	/* an ARN must name a table of this region and account */
	if (strcmp(req.table_name, req.name) != 0 &&
		strcmp(req.table_name, DdbTableArn(req.name)) != 0)
		DdbRaiseAccessDenied("CreateTable", req.table_name);
	DdbCheckCreateTable(DdbTableArn(req.name));

	if (DdbLoadTable(req.name, false, true) != NULL)
		DdbRaise(DDB_EXC_ResourceInUseException, "Table already exists: %s", req.name);

	table = BuildTableDef(&req);
	DdbAssignRelnames(table);
	DdbInsertTable(table);
	DdbCreateTableStorage(table);

	/* the response shows the table and its GSIs as being created */
	foreach(lc, table->indexes)
	{
		DdbIndexDef *ix = lfirst(lc);

		if (ix->is_global)
			ix->index_status = "CREATING";
	}
	return DdbJsonWrap("TableDescription", DdbTableDescription(table, "CREATING"));
}

/* DescribeTable: {"Table": TableDescription}; needs any privilege. */
Jsonb *
DdbDescribeTable(Jsonb *request)
{
	char	   *name = DdbRequestTableName(DdbRequestRoot(request));
	DdbTableDef *table;

	/* restart any interrupted restore first (ddb_restore.h) */
	DdbResumeInterruptedRestores();
	table = DdbLoadTable(name, false, false);
	DdbCheckTableAccess(table, "DescribeTable");
	return DdbJsonWrap("Table", DdbTableDescription(table, NULL));
}

/*
 * DeleteTable: needs ownership.  Refuses tables being created or updated
 * and deletion-protected ones; drops the relations and the catalog rows in
 * the caller's transaction.  Answers {"TableDescription": ...} with
 * TableStatus DELETING.
 */
Jsonb *
DdbDeleteTable(Jsonb *request)
{
	char	   *name = DdbRequestTableName(DdbRequestRoot(request));
	DdbTableDef *table;
	Jsonb	   *description;

	table = DdbLoadTable(name, true, false);
	DdbCheckTableAccess(table, "DeleteTable");

	if (strcmp(table->table_status, "CREATING") == 0)
		DdbRaise(DDB_EXC_ResourceInUseException,
				 "Attempt to change a resource which is still in use: Table is being created: %s",
				 table->table_name);
	if (strcmp(table->table_status, "UPDATING") == 0)
		DdbRaise(DDB_EXC_ResourceInUseException,
				 "Attempt to change a resource which is still in use: Table is being updated: %s",
				 table->table_name);
	if (strcmp(table->table_status, "DELETING") == 0)
		return DdbJsonWrap("TableDescription", DdbTableDescription(table, NULL));
	if (table->deletion_protection)
		DdbRaise(DDB_EXC_ResourceInUseException,
				 "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
	/* the source table of a running backup cannot be deleted (backups.md 4.1) */
	if (DdbTableHasBackupInProgress(table->table_id))
		DdbRaise(DDB_EXC_ResourceInUseException,
				 "Attempt to change a resource which is still in use: Table is being backed up: %s",
				 table->table_name);

	description = DdbTableDescription(table, "DELETING");
	DdbDropTableStorage(table);
	DdbDeleteTableRow(table);
	return DdbJsonWrap("TableDescription", description);
}

/*
 * ListTables: names in ascending byte order, after ExclusiveStartTableName,
 * at most Limit (1..100, default 100); LastEvaluatedTableName when more
 * follow.  Only tables the caller has some privilege on are listed.
 */
Jsonb *
DdbListTables(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	DdbViolations v;
	int32		limit = LIST_TABLES_MAX_LIMIT;
	bool		has_limit;
	char	   *start = NULL;
	List	   *names;
	DdbJson		js;
	ListCell   *lc;

	has_limit = DdbGetInteger(root, "Limit", &limit);
	DdbGetString(root, "ExclusiveStartTableName", &start, NULL);

	DdbViolationsInit(&v);
	if (has_limit && limit < 1)
		DdbViolationAdd(&v, FormatInt64(limit), "limit",
						"Member must have value greater than or equal to 1");
	if (has_limit && limit > LIST_TABLES_MAX_LIMIT)
		DdbViolationAdd(&v, FormatInt64(limit), "limit",
						"Member must have value less than or equal to %d",
						LIST_TABLES_MAX_LIMIT);
	if (start != NULL)
		DdbCheckNameConstraints(&v, start, 3, 255, "exclusiveStartTableName");
	DdbViolationsRaise(&v);

	/* restart any interrupted restore first (ddb_restore.h) */
	DdbResumeInterruptedRestores();
	names = DdbListTableNames(start, limit + 1);

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonBeginArray(&js, "TableNames");
	foreach(lc, names)
	{
		if (foreach_current_index(lc) >= limit)
			break;
		DdbJsonPutString(&js, NULL, (char *) lfirst(lc));
	}
	DdbJsonEndArray(&js);
	if (list_length(names) > limit)
		DdbJsonPutString(&js, "LastEvaluatedTableName", (char *) list_nth(names, limit - 1));
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/*
 * ddb_list_tables() RETURNS SETOF text
 *
 * Every table name ListTables would list to the current role, over all
 * pages, in ascending byte order.
 */
PG_FUNCTION_INFO_V1(ddb_list_all_tables);
Datum
ddb_list_all_tables(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *start = NULL;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (;;)
	{
		List	   *names = DdbListTableNames(start, LIST_TABLES_MAX_LIMIT);
		ListCell   *lc;

		foreach(lc, names)
		{
			Datum		value = CStringGetTextDatum((char *) lfirst(lc));
			bool		isnull = false;

			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
		}
		if (list_length(names) < LIST_TABLES_MAX_LIMIT)
			break;
		start = llast(names);
	}
	return (Datum) 0;
}

/*
 * ddb_items(table_name text) RETURNS SETOF jsonb
 *
 * Every item of a table (named by name or ARN) in DynamoDB JSON, in
 * primary-key order: the plain-SQL way to read a table.  Needs SELECT on
 * the table (AccessDeniedException for dynamodb:Scan otherwise); reads as
 * the current role.
 */
PG_FUNCTION_INFO_V1(ddb_items);
Datum
ddb_items(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	DdbTableDef *table;
	char	   *query;
	Portal		portal;
	SPIPlanPtr	plan;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	table = DdbLoadTable(name, false, false);
	DdbCheckTableAccess(table, "Scan");
	if (!OidIsValid(table->relid))
		elog(ERROR, "the item relation of table \"%s\" is missing", table->table_name);

	query = psprintf("SELECT " DDB_COL_ITEM " FROM %s.%s ORDER BY " DDB_COL_HASH_KEY "%s",
					 DDB_DATA_SCHEMA, quote_identifier(table->relname),
					 table->range_key.name != NULL ? ", " DDB_COL_RANGE_KEY : "");
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	plan = SPI_prepare(query, 0, NULL);
	if (plan == NULL)
		elog(ERROR, "could not prepare \"%s\": %s", query, SPI_result_code_string(SPI_result));
	portal = SPI_cursor_open(NULL, plan, NULL, NULL, true);
	for (;;)
	{
		SPI_cursor_fetch(portal, true, 1000);
		if (SPI_processed == 0)
			break;
		for (uint64 i = 0; i < SPI_processed; i++)
		{
			bool		isnull;
			Datum		item = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc,
											 1, &isnull);

			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &item, &isnull);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	SPI_finish();
	return (Datum) 0;
}

/*
 * ddb_table_relation(table_name text) RETURNS regclass
 *
 * The item relation of a table (named by name or ARN), to grant privileges
 * on or to query with SQL.  Needs some privilege on the table, as
 * DescribeTable does.
 */
PG_FUNCTION_INFO_V1(ddb_table_relation);
Datum
ddb_table_relation(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	DdbTableDef *table = DdbLoadTable(name, false, false);

	DdbCheckTableAccess(table, "DescribeTable");
	if (!OidIsValid(table->relid))
		elog(ERROR, "the item relation of table \"%s\" is missing", table->table_name);
	PG_RETURN_OID(table->relid);
}

/*
 * What RestoreTableFromBackup reuses of CreateTable (ddb_table_api.h).
 */

/* The constraints of a list of index structures, under the given path. */
void
DdbCheckIndexListConstraints(DdbViolations *v, JsonbContainer *obj, const char *member,
							 bool global, const char *path)
{
	ReqIndexList indexes;

	ReadIndexes(obj, member, global, &indexes);
	CheckIndexConstraints(v, &indexes, global, path);
}

/*
 * The constraints of a ProvisionedThroughput-shaped member of another name
 * (ProvisionedThroughputOverride), under the path.
 */
void
DdbCheckThroughputMemberConstraints(DdbViolations *v, JsonbContainer *obj,
									const char *member, const char *path)
{
	JsonbContainer *c;
	DdbCapacity cap;

	memset(&cap, 0, sizeof(cap));
	cap.read_member = "ReadCapacityUnits";
	cap.write_member = "WriteCapacityUnits";
	if (!DdbGetObject(obj, member, &c))
		return;
	cap.present = true;
	cap.has_write = DdbGetLong(c, cap.write_member, &cap.write);
	cap.has_read = DdbGetLong(c, cap.read_member, &cap.read);
	DdbCheckThroughputConstraints(v, &cap, path);
}

/* Check a CreateTable request and build its table's definition. */
DdbTableDef *
DdbTableDefFromRequest(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	CreateTableRequest req;

	ReadCreateTableRequest(root, &req);
	CheckCreateTableConstraints(root, &req);
	CheckCreateTableSemantics(&req);
	return BuildTableDef(&req);
}
