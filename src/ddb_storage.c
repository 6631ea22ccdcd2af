/*-------------------------------------------------------------------------
 *
 * ddb_storage.c
 *	  Item and index relations: creating, dropping, backfilling, sizing.
 *
 * The relations are created with ordinary SQL through SPI, as the role
 * that will own them, so that PostgreSQL's own rules (CREATE on ddb_data,
 * ownership, event triggers) apply; they are dropped with
 * performMultipleDeletions after the operation has checked ownership.
 * Statistics and backfills read the relations with table-AM scans, which
 * check no privileges: the operation has checked them.
 *
 * Every relation in ddb_data gets an automatic (DEPENDENCY_AUTO)
 * dependency on the extension: dropping the extension then drops it even
 * without CASCADE, while pg_dump still dumps it as a table of its own (only
 * extension members, DEPENDENCY_EXTENSION, are left to CREATE EXTENSION).
 * pg_restore recreates the relations with plain CREATE TABLE; the event
 * trigger ddb_data_ddl_command_end records the dependency again.
 *
 * IDENTIFICATION
 *	  src/ddb_storage.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/relation.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_depend.h"
#include "catalog/pg_extension.h"
#include "commands/event_trigger.h"
#include "common/base64.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "ddb_attrval_jsonb.h"
#include "ddb_catalog.h"
#include "ddb_storage.h"

#define DDB_MAX_HASH_KEY_BYTES	2048
#define DDB_MAX_RANGE_KEY_BYTES 1024

/* What CreateRelationsAsRole creates. */
typedef struct CreateArgs
{
	DdbTableDef *table;
	DdbIndexDef *index;			/* NULL: the table and all its indexes */
} CreateArgs;

/* What BackfillAsOwner fills. */
typedef struct BackfillArgs
{
	DdbTableDef *table;
	DdbIndexDef *index;
	uint64		entries;
} BackfillArgs;

static const char *KeyColumnType(char type);
static Oid	KeyColumnTypeOid(char type);
static void ExecuteDdl(const char *sql);
static void CreateItemRelation(DdbTableDef *table);
static void CreateIndexRelation(DdbTableDef *table, DdbIndexDef *index);
static void CreateRelationsAsRole(void *arg);
static Oid	RelationOwner(Oid relid);
static void ScanStatistics(Oid relid, int64 *count, int64 *bytes);
static void BackfillAsOwner(void *arg);
static bool ValidNumberText(const char *s, int len);
static bool NameInList(const char *name, int len, List *names);

/* The OID of schema ddb_data. */
Oid
DdbDataNamespace(void)
{
	return get_namespace_oid(DDB_DATA_SCHEMA, false);
}

/* The column type of a key of type S, N or B. */
static const char *
KeyColumnType(char type)
{
	switch (type)
	{
		case 'S':
			return "pg_catalog.text COLLATE pg_catalog.\"C\"";
		case 'N':
			return "pg_catalog.numeric";
		case 'B':
			return "pg_catalog.bytea";
	}
	elog(ERROR, "invalid key attribute type \"%c\"", type);
	pg_unreachable();
}

/* The type OID of a key column. */
static Oid
KeyColumnTypeOid(char type)
{
	switch (type)
	{
		case 'S':
			return TEXTOID;
		case 'N':
			return NUMERICOID;
		case 'B':
			return BYTEAOID;
	}
	elog(ERROR, "invalid key attribute type \"%c\"", type);
	pg_unreachable();
}

/* Run one utility statement through SPI. */
static void
ExecuteDdl(const char *sql)
{
	int			rc = SPI_execute(sql, false, 0);

	if (rc < 0)
		elog(ERROR, "could not run \"%s\": %s", sql, SPI_result_code_string(rc));
}

/* CREATE TABLE ddb_data.t_<id>: the item relation (under SPI). */
static void
CreateItemRelation(DdbTableDef *table)
{
	StringInfoData sql;

	initStringInfo(&sql);
	appendStringInfo(&sql, "CREATE TABLE %s.%s (" DDB_COL_HASH_KEY " %s NOT NULL, ",
					 DDB_DATA_SCHEMA, quote_identifier(table->relname),
					 KeyColumnType(table->hash_key.type));
	if (table->range_key.name != NULL)
		appendStringInfo(&sql, DDB_COL_RANGE_KEY " %s NOT NULL, ",
						 KeyColumnType(table->range_key.type));
	appendStringInfo(&sql, DDB_COL_ITEM " pg_catalog.jsonb NOT NULL, "
					 DDB_COL_ITEM_SIZE " pg_catalog.int4 NOT NULL, "
					 "PRIMARY KEY (" DDB_COL_HASH_KEY "%s)) "
					 "WITH (fillfactor = " CppAsString2(DDB_RELATION_FILLFACTOR) ")",
					 table->range_key.name != NULL ? ", " DDB_COL_RANGE_KEY : "");
	ExecuteDdl(sql.data);

	resetStringInfo(&sql);
	appendStringInfo(&sql, "COMMENT ON TABLE %s.%s IS %s", DDB_DATA_SCHEMA,
					 quote_identifier(table->relname),
					 quote_literal_cstr(psprintf("Items of DynamoDB table %s",
												 table->table_name)));
	ExecuteDdl(sql.data);

	table->relid = get_relname_relid(table->relname, DdbDataNamespace());
	if (!OidIsValid(table->relid))
		elog(ERROR, "item relation \"%s\" was not created", table->relname);
	DdbRecordExtensionDependency(table->relid);
}

/* CREATE TABLE ddb_data.t_<id>_i<position>: an index relation (under SPI). */
static void
CreateIndexRelation(DdbTableDef *table, DdbIndexDef *index)
{
	StringInfoData sql;
	const char *relname;
	bool		index_range = index->range_key.name != NULL;
	bool		table_range = table->range_key.name != NULL;

	if (index->relname == NULL)
		DdbAssignRelnames(table);
	relname = quote_identifier(index->relname);

	initStringInfo(&sql);
	appendStringInfo(&sql, "CREATE TABLE %s.%s (" DDB_COL_INDEX_HASH " %s NOT NULL, ",
					 DDB_DATA_SCHEMA, relname, KeyColumnType(index->hash_key.type));
	if (index_range)
		appendStringInfo(&sql, DDB_COL_INDEX_RANGE " %s NOT NULL, ",
						 KeyColumnType(index->range_key.type));
	appendStringInfo(&sql, DDB_COL_HASH_KEY " %s NOT NULL, ",
					 KeyColumnType(table->hash_key.type));
	if (table_range)
		appendStringInfo(&sql, DDB_COL_RANGE_KEY " %s NOT NULL, ",
						 KeyColumnType(table->range_key.type));
	appendStringInfo(&sql, DDB_COL_ITEM " pg_catalog.jsonb NOT NULL, "
					 DDB_COL_ITEM_SIZE " pg_catalog.int4 NOT NULL, "
					 "PRIMARY KEY (" DDB_COL_HASH_KEY "%s)) "
					 "WITH (fillfactor = " CppAsString2(DDB_RELATION_FILLFACTOR) ")",
					 table_range ? ", " DDB_COL_RANGE_KEY : "");
	ExecuteDdl(sql.data);

	resetStringInfo(&sql);
	appendStringInfo(&sql, "CREATE INDEX %s ON %s.%s (" DDB_COL_INDEX_HASH "%s, "
					 DDB_COL_HASH_KEY "%s)",
					 quote_identifier(psprintf("%s_key", index->relname)),
					 DDB_DATA_SCHEMA, relname,
					 index_range ? ", " DDB_COL_INDEX_RANGE : "",
					 table_range ? ", " DDB_COL_RANGE_KEY : "");
	ExecuteDdl(sql.data);

	resetStringInfo(&sql);
	appendStringInfo(&sql, "COMMENT ON TABLE %s.%s IS %s", DDB_DATA_SCHEMA, relname,
					 quote_literal_cstr(psprintf("Entries of %s index %s of DynamoDB table %s",
												 index->is_global ? "global" : "local",
												 index->index_name, table->table_name)));
	ExecuteDdl(sql.data);

	index->relid = get_relname_relid(index->relname, DdbDataNamespace());
	if (!OidIsValid(index->relid))
		elog(ERROR, "index relation \"%s\" was not created", index->relname);
	DdbRecordExtensionDependency(index->relid);
}

/* Create the relations named in CreateArgs (run as their future owner). */
static void
CreateRelationsAsRole(void *arg)
{
	CreateArgs *args = arg;
	ListCell   *lc;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (args->index != NULL)
		CreateIndexRelation(args->table, args->index);
	else
	{
		CreateItemRelation(args->table);
		foreach(lc, args->table->indexes)
			CreateIndexRelation(args->table, (DdbIndexDef *) lfirst(lc));
	}
	SPI_finish();
}

/* Name a new table's relations. */
void
DdbAssignRelnames(DdbTableDef *table)
{
	ListCell   *lc;

	if (table->relname == NULL)
	{
		/* t_ and the table id without dashes */
		char	   *hex = palloc(strlen(table->table_id) + 1);
		char	   *p = hex;

		for (const char *c = table->table_id; *c; c++)
			if (*c != '-')
				*p++ = *c;
		*p = '\0';
		table->relname = psprintf("t_%s", hex);
	}
	foreach(lc, table->indexes)
	{
		DdbIndexDef *ix = lfirst(lc);

		if (ix->relname == NULL)
			ix->relname = psprintf("%s_i%d", table->relname, ix->position);
	}
}

/* Create a new table's relations as the calling role. */
void
DdbCreateTableStorage(DdbTableDef *table)
{
	CreateArgs	args = {table, NULL};

	DdbAssignRelnames(table);
	DdbRunAsRole(GetUserId(), false, CreateRelationsAsRole, &args);
}

/* The owner of a relation. */
static Oid
RelationOwner(Oid relid)
{
	HeapTuple	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tuple))->relowner;
	ReleaseSysCache(tuple);
	return owner;
}

/* Create one index relation as the owner of the table's item relation. */
void
DdbCreateIndexStorage(DdbTableDef *table, DdbIndexDef *index)
{
	CreateArgs	args = {table, index};

	if (!OidIsValid(table->relid))
		elog(ERROR, "the item relation of table \"%s\" is missing", table->table_name);
	DdbRunAsRole(RelationOwner(table->relid), true, CreateRelationsAsRole, &args);
}

/* Drop the item relation and every index relation of a table. */
void
DdbDropTableStorage(DdbTableDef *table)
{
	ObjectAddresses *objects = new_object_addresses();
	ObjectAddress address;
	ListCell   *lc;

	foreach(lc, table->indexes)
	{
		DdbIndexDef *ix = lfirst(lc);

		if (OidIsValid(ix->relid))
		{
			ObjectAddressSet(address, RelationRelationId, ix->relid);
			add_exact_object_address(&address, objects);
		}
	}
	if (OidIsValid(table->relid))
	{
		ObjectAddressSet(address, RelationRelationId, table->relid);
		add_exact_object_address(&address, objects);
	}
	performMultipleDeletions(objects, DROP_RESTRICT, 0);
	free_object_addresses(objects);
	CommandCounterIncrement();
}

/* Drop the relation of one index. */
void
DdbDropIndexStorage(DdbTableDef *table, DdbIndexDef *index)
{
	ObjectAddress address;

	if (!OidIsValid(index->relid))
		return;
	ObjectAddressSet(address, RelationRelationId, index->relid);
	performDeletion(&address, DROP_RESTRICT, 0);
	CommandCounterIncrement();
}

/* Record relid -> extension (DEPENDENCY_AUTO) unless it is there already. */
void
DdbRecordExtensionDependency(Oid relid)
{
	Oid			extoid = DdbExtensionOid();
	Relation	depend;
	ScanKeyData key[3];
	SysScanDesc scan;
	HeapTuple	tuple;
	bool		found = false;
	ObjectAddress dependent;
	ObjectAddress referenced;

	depend = table_open(DependRelationId, AccessShareLock);
	ScanKeyInit(&key[0], Anum_pg_depend_classid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(RelationRelationId));
	ScanKeyInit(&key[1], Anum_pg_depend_objid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(relid));
	ScanKeyInit(&key[2], Anum_pg_depend_objsubid, BTEqualStrategyNumber, F_INT4EQ,
				Int32GetDatum(0));
	scan = systable_beginscan(depend, DependDependerIndexId, true, NULL, 3, key);
	while (HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		Form_pg_depend dep = (Form_pg_depend) GETSTRUCT(tuple);

		if (dep->refclassid == ExtensionRelationId && dep->refobjid == extoid)
		{
			found = true;
			break;
		}
	}
	systable_endscan(scan);
	table_close(depend, AccessShareLock);
	if (found)
		return;

	ObjectAddressSet(dependent, RelationRelationId, relid);
	ObjectAddressSet(referenced, ExtensionRelationId, extoid);
	recordDependencyOn(&dependent, &referenced, DEPENDENCY_AUTO);
	CommandCounterIncrement();
}

/*
 * ddb_data_ddl_command_end() RETURNS event_trigger
 *
 * Fired at the end of every CREATE TABLE: ties each relation created in
 * ddb_data whose name has the shape of ddbtable's (t_<32 hex digits>,
 * optionally _i<position>) to the extension, as CreateTable does.  This is
 * what makes DROP EXTENSION work in a database restored by pg_restore,
 * which recreates the relations with plain CREATE TABLE.
 */
PG_FUNCTION_INFO_V1(ddb_data_ddl_command_end);
Datum
ddb_data_ddl_command_end(PG_FUNCTION_ARGS)
{
	int			rc;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("function \"%s\" was not called by the event trigger manager",
					   "ddb_data_ddl_command_end"));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* not read-only: the snapshot must see the relations just created */
	rc = SPI_execute("SELECT c.oid FROM pg_catalog.pg_event_trigger_ddl_commands() d "
					 "JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) d.objid "
					 "WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass "
					 "AND c.relnamespace OPERATOR(pg_catalog.=) '" DDB_DATA_SCHEMA "'::pg_catalog.regnamespace "
					 "AND c.relkind OPERATOR(pg_catalog.=) 'r' "
					 "AND c.relname OPERATOR(pg_catalog.~) '^t_[0-9a-f]{32}(_i[0-9]+)?$'",
					 false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not read the DDL commands: %s", SPI_result_code_string(rc));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		Datum		relid = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc,
										  1, &isnull);

		if (!isnull)
			DdbRecordExtensionDependency(DatumGetObjectId(relid));
	}
	SPI_finish();
	PG_RETURN_VOID();
}

/*
 * Whether s is a decimal number as DynamoDB writes them: optional '-',
 * digits with an optional fraction, optional exponent of at most four
 * digits.
 */
static bool
ValidNumberText(const char *s, int len)
{
	int			i = 0;
	int			digits = 0;
	int			exp_digits = 0;

	if (i < len && s[i] == '-')
		i++;
	while (i < len && isdigit((unsigned char) s[i]))
		i++, digits++;
	if (i < len && s[i] == '.')
	{
		i++;
		while (i < len && isdigit((unsigned char) s[i]))
			i++, digits++;
	}
	if (digits == 0)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E'))
	{
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		while (i < len && isdigit((unsigned char) s[i]))
			i++, exp_digits++;
		if (exp_digits == 0 || exp_digits > 4)
			return false;
	}
	return i == len;
}

/* The column value of one key attribute of an item. */
bool
DdbItemKeyDatum(Jsonb *item, const DdbKeyAttr *key, bool is_range, Datum *value)
{
	JsonbValue *attr;
	JsonbValue *payload;
	JsonbContainer *typed;
	char		type_name[2] = {key->type, '\0'};
	int			max_bytes = is_range ? DDB_MAX_RANGE_KEY_BYTES : DDB_MAX_HASH_KEY_BYTES;
	const char *s;
	int			len;

	if (key->name == NULL || !JB_ROOT_IS_OBJECT(item))
		return false;
	attr = getKeyJsonValueFromContainer(&item->root, key->name, strlen(key->name), NULL);
	if (attr == NULL || attr->type != jbvBinary ||
		!JsonContainerIsObject(attr->val.binary.data))
		return false;
	typed = attr->val.binary.data;
	if (JsonContainerSize(typed) != 1)
		return false;
	payload = getKeyJsonValueFromContainer(typed, type_name, 1, NULL);
	if (payload == NULL || payload->type != jbvString)
		return false;
	s = payload->val.string.val;
	len = payload->val.string.len;

	switch (key->type)
	{
		case 'S':
			if (len == 0 || len > max_bytes)
				return false;
			*value = PointerGetDatum(cstring_to_text_with_len(s, len));
			return true;
		case 'B':
			{
				int			max_len = pg_b64_dec_len(len);
				bytea	   *bytes;
				int			n;

				if (len == 0 || len % 4 != 0)
					return false;
				bytes = palloc(VARHDRSZ + max_len);
				n = pg_b64_decode(s, len, VARDATA(bytes), max_len);
				if (n <= 0 || n > max_bytes)
					return false;
				SET_VARSIZE(bytes, VARHDRSZ + n);
				*value = PointerGetDatum(bytes);
				return true;
			}
		case 'N':
			if (!ValidNumberText(s, len))
				return false;
			*value = DirectFunctionCall3(numeric_in,
										 CStringGetDatum(pnstrdup(s, len)),
										 ObjectIdGetDatum(InvalidOid),
										 Int32GetDatum(-1));
			return true;
	}
	return false;
}

/* Whether name (len bytes) is one of the C strings in names. */
static bool
NameInList(const char *name, int len, List *names)
{
	ListCell   *lc;

	foreach(lc, names)
	{
		const char *candidate = lfirst(lc);

		if ((int) strlen(candidate) == len && memcmp(candidate, name, len) == 0)
			return true;
	}
	return false;
}

/* Build the index entry of an item, or return false (sparse index). */
bool
DdbBuildIndexEntry(DdbTableDef *table, DdbIndexDef *index, Jsonb *item,
				   DdbIndexEntry *entry)
{
	List	   *projected = NIL;
	JsonbParseState *state = NULL;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	JsonbValue *result = NULL;
	bool		take = false;

	memset(entry, 0, sizeof(DdbIndexEntry));
	if (!DdbItemKeyDatum(item, &index->hash_key, false, &entry->index_hash))
		return false;
	if (index->range_key.name != NULL &&
		!DdbItemKeyDatum(item, &index->range_key, true, &entry->index_range))
		return false;
	if (!DdbItemKeyDatum(item, &table->hash_key, false, &entry->hash_key))
		return false;
	if (table->range_key.name != NULL &&
		!DdbItemKeyDatum(item, &table->range_key, true, &entry->range_key))
		return false;

	if (strcmp(index->projection_type, "ALL") == 0)
	{
		entry->item = item;
		entry->item_size = DdbItemJsonbSize(item);
		return true;
	}

	/* KEYS_ONLY and INCLUDE: the keys, and the listed attributes */
	projected = list_make2(table->hash_key.name, index->hash_key.name);
	if (table->range_key.name != NULL)
		projected = lappend(projected, table->range_key.name);
	if (index->range_key.name != NULL)
		projected = lappend(projected, index->range_key.name);
	if (strcmp(index->projection_type, "INCLUDE") == 0)
		projected = list_concat(projected, index->non_key_attributes);

	it = JsonbIteratorInit(&item->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		switch (tok)
		{
			case WJB_BEGIN_OBJECT:
			case WJB_END_OBJECT:
				result = pushJsonbValue(&state, tok, NULL);
				break;
			case WJB_KEY:
				take = NameInList(v.val.string.val, v.val.string.len, projected);
				if (take)
					pushJsonbValue(&state, WJB_KEY, &v);
				break;
			case WJB_VALUE:
				if (take)
					pushJsonbValue(&state, WJB_VALUE, &v);
				break;
			default:
				elog(ERROR, "unexpected jsonb token %d in an item", (int) tok);
		}
	}
	entry->item = JsonbValueToJsonb(result);
	entry->item_size = DdbItemJsonbSize(entry->item);
	return true;
}

/*
 * DynamoDB's size of an item in DynamoDB JSON: the one size rule of
 * ddb_attrval.c (DdbItemSize), applied to the item read back as values.
 */
int32
DdbItemJsonbSize(Jsonb *item)
{
	const char *error = NULL;
	DdbValue   *value;

	if (!JB_ROOT_IS_OBJECT(item))
		return 0;
	value = DdbJsonbDocumentToItem(item, &error);
	if (value == NULL)
		elog(ERROR, "a stored item is not valid: %s", error ? error : "not an item");
	return (int32) Min(DdbItemSize(value), (size_t) PG_INT32_MAX);
}

/* Count the rows of a relation and add up their item_size. */
static void
ScanStatistics(Oid relid, int64 *count, int64 *bytes)
{
	Relation	rel;
	AttrNumber	attnum;
	Snapshot	snapshot;
	TableScanDesc scan;
	TupleTableSlot *slot;

	*count = 0;
	*bytes = 0;
	if (!OidIsValid(relid))
		return;
	rel = try_relation_open(relid, AccessShareLock);
	if (rel == NULL)
		return;
	attnum = get_attnum(relid, DDB_COL_ITEM_SIZE);
	snapshot = RegisterSnapshot(GetTransactionSnapshot());
	scan = table_beginscan(rel, snapshot, 0, NULL);
	slot = table_slot_create(rel, NULL);
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		isnull = true;
		Datum		size = (Datum) 0;

		CHECK_FOR_INTERRUPTS();
		if (attnum != InvalidAttrNumber)
			size = slot_getattr(slot, attnum, &isnull);
		(*count)++;
		if (!isnull)
			*bytes += DatumGetInt32(size);
	}
	ExecDropSingleTupleTableSlot(slot);
	table_endscan(scan);
	UnregisterSnapshot(snapshot);
	relation_close(rel, AccessShareLock);
}

/* Count the items and sizes of a table and its indexes. */
void
DdbCountTableStatistics(DdbTableDef *table)
{
	ListCell   *lc;

	ScanStatistics(table->relid, &table->item_count, &table->size_bytes);
	foreach(lc, table->indexes)
	{
		DdbIndexDef *ix = lfirst(lc);

		ScanStatistics(ix->relid, &ix->item_count, &ix->size_bytes);
	}
}

/* Count the items and sizes of a table and its indexes, and store them. */
void
DdbRefreshTableStatistics(DdbTableDef *table)
{
	DdbCountTableStatistics(table);
	DdbSaveTableStatistics(table);
}

/* Fill an index relation from the items (run as the table's owner). */
static void
BackfillAsOwner(void *arg)
{
	BackfillArgs *args = arg;
	DdbTableDef *table = args->table;
	DdbIndexDef *index = args->index;
	bool		index_range = index->range_key.name != NULL;
	bool		table_range = table->range_key.name != NULL;
	Oid			types[6];
	Datum		values[6];
	int			nargs = 0;
	StringInfoData sql;
	SPIPlanPtr	plan;
	Relation	rel;
	AttrNumber	item_attnum;
	Snapshot	snapshot;
	TableScanDesc scan;
	TupleTableSlot *slot;
	MemoryContext per_item;
	MemoryContext old;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	initStringInfo(&sql);
	/* parameters: index_hash, hash_key, item, item_size[, index_range][, range_key] */
	appendStringInfo(&sql, "INSERT INTO %s.%s (" DDB_COL_INDEX_HASH ", " DDB_COL_HASH_KEY
					 ", " DDB_COL_ITEM ", " DDB_COL_ITEM_SIZE,
					 DDB_DATA_SCHEMA, quote_identifier(index->relname));
	types[nargs++] = KeyColumnTypeOid(index->hash_key.type);
	types[nargs++] = KeyColumnTypeOid(table->hash_key.type);
	types[nargs++] = JSONBOID;
	types[nargs++] = INT4OID;
	if (index_range)
	{
		appendStringInfoString(&sql, ", " DDB_COL_INDEX_RANGE);
		types[nargs++] = KeyColumnTypeOid(index->range_key.type);
	}
	if (table_range)
	{
		appendStringInfoString(&sql, ", " DDB_COL_RANGE_KEY);
		types[nargs++] = KeyColumnTypeOid(table->range_key.type);
	}
	appendStringInfoString(&sql, ") VALUES ($1");
	for (int i = 2; i <= nargs; i++)
		appendStringInfo(&sql, ", $%d", i);
	appendStringInfoChar(&sql, ')');
	plan = SPI_prepare(sql.data, nargs, types);
	if (plan == NULL)
		elog(ERROR, "could not prepare \"%s\": %s", sql.data,
			 SPI_result_code_string(SPI_result));

	rel = table_open(table->relid, ShareLock);
	item_attnum = get_attnum(table->relid, DDB_COL_ITEM);
	if (item_attnum == InvalidAttrNumber)
		elog(ERROR, "item relation \"%s\" has no item column", table->relname);
	per_item = AllocSetContextCreate(CurrentMemoryContext, "ddbtable backfill",
									 ALLOCSET_DEFAULT_SIZES);
	snapshot = RegisterSnapshot(GetTransactionSnapshot());
	scan = table_beginscan(rel, snapshot, 0, NULL);
	slot = table_slot_create(rel, NULL);
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		Datum		item_datum;
		DdbIndexEntry entry;
		int			rc;

		CHECK_FOR_INTERRUPTS();
		item_datum = slot_getattr(slot, item_attnum, &isnull);
		if (isnull)
			continue;
		old = MemoryContextSwitchTo(per_item);
		if (DdbBuildIndexEntry(table, index, DatumGetJsonbP(item_datum), &entry))
		{
			nargs = 0;
			values[nargs++] = entry.index_hash;
			values[nargs++] = entry.hash_key;
			values[nargs++] = JsonbPGetDatum(entry.item);
			values[nargs++] = Int32GetDatum(entry.item_size);
			if (index_range)
				values[nargs++] = entry.index_range;
			if (table_range)
				values[nargs++] = entry.range_key;
			rc = SPI_execute_plan(plan, values, NULL, false, 0);
			if (rc != SPI_OK_INSERT)
				elog(ERROR, "could not insert an index entry: %s",
					 SPI_result_code_string(rc));
			args->entries++;
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(per_item);
	}
	ExecDropSingleTupleTableSlot(slot);
	table_endscan(scan);
	UnregisterSnapshot(snapshot);
	MemoryContextDelete(per_item);
	/* keep the SHARE lock until the end of the transaction */
	table_close(rel, NoLock);
	SPI_finish();
}

/* Fill an index relation from the table's items, as the table's owner. */
void
DdbBackfillIndex(DdbTableDef *table, DdbIndexDef *index)
{
	BackfillArgs args = {table, index, 0};

	if (!OidIsValid(table->relid) || !OidIsValid(index->relid))
		elog(ERROR, "the storage of table \"%s\" is incomplete", table->table_name);
	DdbRunAsRole(RelationOwner(table->relid), true, BackfillAsOwner, &args);
}
