/*-------------------------------------------------------------------------
 *
 * ddb_catalog.c
 *	  The table registry: reading and writing ddb_catalog.tables and
 *	  ddb_catalog.indexes, and DynamoDB's TableDescription.
 *
 * The catalog is private to the extension's owner.  Every function here
 * does its SPI work through DdbRunAsExtensionOwner, which switches the user
 * id to the owner (SECURITY_LOCAL_USERID_CHANGE) and pins search_path to
 * pg_catalog, so that no object of the caller's can be picked up by the
 * catalog queries while they run with the owner's rights.  The calling
 * operation has checked the caller's own permissions before (ddb_acl.h).
 *
 * A definition is loaded into the caller's memory context; its relids are
 * resolved from the relnames at load time, since OIDs are never stored.
 *
 * IDENTIFICATION
 *	  src/ddb_catalog.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/uuid.h"

#include "ddb_catalog.h"
#include "ddb_core.h"
#include "ddb_json.h"
#include "ddb_storage.h"
#include "ddbtable.h"

#define DDB_EXTENSION_NAME "ddbtable"

/* The columns of ddb_catalog.tables, in the order the INSERT uses. */
#define TABLE_COLUMNS \
	"table_id, table_name, table_arn, relname, created_by, table_status, " \
	"creation_time, hash_key_name, hash_key_type, range_key_name, " \
	"range_key_type, attribute_definitions, billing_mode, " \
	"billing_mode_changed, read_capacity, write_capacity, last_increase, " \
	"last_decrease, decreases_today, stream_enabled, stream_view_type, " \
	"stream_label, sse_description, table_class, table_class_changed, " \
	"deletion_protection, on_demand_throughput, warm_throughput, " \
	"ttl_attribute, ttl_status, ttl_changed, pitr_enabled, " \
	"pitr_period_days, pitr_enabled_time, tags, restore_summary"
#define TABLE_COLUMN_COUNT 36

/* The columns of ddb_catalog.indexes, in the order the INSERT uses. */
#define INDEX_COLUMNS \
	"table_id, index_name, is_global, position, relname, hash_key_name, " \
	"hash_key_type, range_key_name, range_key_type, projection_type, " \
	"non_key_attributes, index_status, backfilling, added_later, " \
	"read_capacity, write_capacity, last_increase, last_decrease, " \
	"decreases_today, on_demand_throughput, warm_throughput"
#define INDEX_COLUMN_COUNT 21

#define MAX_PARAMS 40

/* Parameters of one SPI statement. */
typedef struct SpiParams
{
	int			count;
	Oid			types[MAX_PARAMS];
	Datum		values[MAX_PARAMS];
	char		nulls[MAX_PARAMS];
} SpiParams;

/* Arguments of the catalog steps run as the extension owner. */
typedef struct LoadArgs
{
	const char *key;			/* table name or ARN */
	bool		by_arn;
	bool		for_update;
	MemoryContext mcxt;			/* where the definition goes */
	DdbTableDef *result;
} LoadArgs;

typedef struct ListArgs
{
	const char *start_after;
	int			limit;
	Oid			userid;			/* whose privileges filter the list */
	MemoryContext mcxt;
	List	   *result;
} ListArgs;

static Oid	ExtensionOwner(void);
static void ParamAdd(SpiParams *p, Oid type, Datum value, bool isnull);
static void ParamText(SpiParams *p, const char *value);
static void ParamUuid(SpiParams *p, const char *value);
static void ParamInt8(SpiParams *p, int64 value);
static void ParamInt4(SpiParams *p, int32 value);
static void ParamBool(SpiParams *p, bool value);
static void ParamTimestamp(SpiParams *p, TimestampTz value);
static void ParamJsonb(SpiParams *p, Jsonb *value);
static void ParamTextArray(SpiParams *p, List *values);
static void ParamKeyAttr(SpiParams *p, const DdbKeyAttr *key);
static Datum RowValue(HeapTuple tuple, TupleDesc desc, const char *column, bool *isnull);
static char *RowText(HeapTuple tuple, TupleDesc desc, const char *column);
static int64 RowInt8(HeapTuple tuple, TupleDesc desc, const char *column);
static int32 RowInt4(HeapTuple tuple, TupleDesc desc, const char *column);
static bool RowBool(HeapTuple tuple, TupleDesc desc, const char *column);
static TimestampTz RowTimestamp(HeapTuple tuple, TupleDesc desc, const char *column);
static Jsonb *RowJsonb(HeapTuple tuple, TupleDesc desc, const char *column);
static List *RowTextArray(HeapTuple tuple, TupleDesc desc, const char *column);
static void RowKeyAttr(HeapTuple tuple, TupleDesc desc, const char *name_column,
					   const char *type_column, DdbKeyAttr *key);
static DdbTableDef *TableFromRow(HeapTuple tuple, TupleDesc desc);
static DdbIndexDef *IndexFromRow(HeapTuple tuple, TupleDesc desc);
static void TableParams(SpiParams *p, DdbTableDef *table);
static void IndexParams(SpiParams *p, DdbTableDef *table, DdbIndexDef *index);
static void ExecuteOrFail(const char *query, SpiParams *p, int expected);
static void InsertIndexRows(DdbTableDef *table);
static void LoadTableAsOwner(void *arg);
static void InsertTableAsOwner(void *arg);
static void SaveTableAsOwner(void *arg);
static void DeleteTableRowAsOwner(void *arg);
static void ListTableNamesAsOwner(void *arg);
static void ResolveRelids(DdbTableDef *table);
static void PutKeySchema(DdbJson *js, const char *key, const DdbKeyAttr *hash,
						 const DdbKeyAttr *range);
static void PutThroughput(DdbJson *js, const char *key, const DdbThroughput *tp,
						  TimestampTz now);
static void PutProjection(DdbJson *js, DdbIndexDef *index);
static void PutIndexDescription(DdbJson *js, DdbTableDef *table, DdbIndexDef *index,
								TimestampTz now);

/* The OID of the extension. */
Oid
DdbExtensionOid(void)
{
	return get_extension_oid(DDB_EXTENSION_NAME, false);
}

/* The role that owns the extension (pg_extension.extowner). */
static Oid
ExtensionOwner(void)
{
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tuple;
	Oid			owner;

	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_extension_extname, BTEqualStrategyNumber,
				F_NAMEEQ, CStringGetDatum(DDB_EXTENSION_NAME));
	scan = systable_beginscan(rel, ExtensionNameIndexId, true, NULL, 1, &key);
	tuple = systable_getnext(scan);
	if (!HeapTupleIsValid(tuple))
		ereport(ERROR,
				errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("extension \"%s\" is not installed", DDB_EXTENSION_NAME));
	owner = ((Form_pg_extension) GETSTRUCT(tuple))->extowner;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return owner;
}

/*
 * Run fn(arg) as a role with a fixed search_path; restore the caller's
 * user id, security context and settings afterwards, also when fn raises.
 */
void
DdbRunAsRole(Oid roleid, bool restricted, void (*fn) (void *arg), void *arg)
{
	Oid			save_userid;
	int			save_sec_context;
	int			save_nestlevel;
	int			sec_context;

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	sec_context = save_sec_context | SECURITY_LOCAL_USERID_CHANGE;
	if (restricted)
		sec_context |= SECURITY_RESTRICTED_OPERATION;
	SetUserIdAndSecContext(roleid, sec_context);
	save_nestlevel = NewGUCNestLevel();
	PG_TRY();
	{
		(void) set_config_option("search_path", "pg_catalog, pg_temp",
								 PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_SAVE, true, 0, false);
		fn(arg);
	}
	PG_FINALLY();
	{
		AtEOXact_GUC(false, save_nestlevel);
		SetUserIdAndSecContext(save_userid, save_sec_context);
	}
	PG_END_TRY();
}

/* Run fn(arg) as the extension's owner (see DdbRunAsRole). */
void
DdbRunAsExtensionOwner(void (*fn) (void *arg), void *arg)
{
	DdbRunAsRole(ExtensionOwner(), false, fn, arg);
}

/*
 * Tell every backend's data-plane table cache (ddb_table_cache.c) that the
 * registry changed: a relcache invalidation of ddb_catalog.tables, sent
 * when the calling transaction commits (and applied locally at its next
 * command boundary, or undone state discarded at abort).
 */
void
DdbCatalogChanged(void)
{
	Oid			nsp = get_namespace_oid(DDB_CATALOG_SCHEMA, true);
	Oid			relid = OidIsValid(nsp) ? get_relname_relid("tables", nsp) : InvalidOid;

	if (OidIsValid(relid))
		CacheInvalidateRelcacheByRelid(relid);
}

/* Append one parameter. */
static void
ParamAdd(SpiParams *p, Oid type, Datum value, bool isnull)
{
	if (p->count >= MAX_PARAMS)
		elog(ERROR, "too many SPI parameters");
	p->types[p->count] = type;
	p->values[p->count] = isnull ? (Datum) 0 : value;
	p->nulls[p->count] = isnull ? 'n' : ' ';
	p->count++;
}

/* A text parameter; NULL for a NULL string. */
static void
ParamText(SpiParams *p, const char *value)
{
	ParamAdd(p, TEXTOID, value ? CStringGetTextDatum(value) : (Datum) 0, value == NULL);
}

/* A uuid parameter from its text form. */
static void
ParamUuid(SpiParams *p, const char *value)
{
	ParamAdd(p, UUIDOID, DirectFunctionCall1(uuid_in, CStringGetDatum(value)), false);
}

/* A bigint parameter. */
static void
ParamInt8(SpiParams *p, int64 value)
{
	ParamAdd(p, INT8OID, Int64GetDatum(value), false);
}

/* An integer parameter. */
static void
ParamInt4(SpiParams *p, int32 value)
{
	ParamAdd(p, INT4OID, Int32GetDatum(value), false);
}

/* A boolean parameter. */
static void
ParamBool(SpiParams *p, bool value)
{
	ParamAdd(p, BOOLOID, BoolGetDatum(value), false);
}

/* A timestamptz parameter; 0 ("never") is NULL. */
static void
ParamTimestamp(SpiParams *p, TimestampTz value)
{
	ParamAdd(p, TIMESTAMPTZOID, TimestampTzGetDatum(value), value == 0);
}

/* A jsonb parameter; NULL for NULL. */
static void
ParamJsonb(SpiParams *p, Jsonb *value)
{
	ParamAdd(p, JSONBOID, value ? JsonbPGetDatum(value) : (Datum) 0, value == NULL);
}

/* A text[] parameter; NIL is NULL. */
static void
ParamTextArray(SpiParams *p, List *values)
{
	Datum	   *elems;
	int			n = list_length(values);
	int			i = 0;
	ListCell   *lc;

	if (values == NIL)
	{
		ParamAdd(p, TEXTARRAYOID, (Datum) 0, true);
		return;
	}
	elems = palloc(sizeof(Datum) * n);
	foreach(lc, values)
		elems[i++] = CStringGetTextDatum((char *) lfirst(lc));
	ParamAdd(p, TEXTARRAYOID,
			 PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT)),
			 false);
}

/* The name and type columns of a key attribute (both NULL when absent). */
static void
ParamKeyAttr(SpiParams *p, const DdbKeyAttr *key)
{
	char		type[2] = {key->type, '\0'};

	ParamText(p, key->name);
	ParamText(p, key->name ? type : NULL);
}

/* A column of an SPI result row by name. */
static Datum
RowValue(HeapTuple tuple, TupleDesc desc, const char *column, bool *isnull)
{
	int			fnumber = SPI_fnumber(desc, column);

	if (fnumber <= 0)
		elog(ERROR, "catalog column \"%s\" is missing", column);
	return SPI_getbinval(tuple, desc, fnumber, isnull);
}

/* A text column as a C string (NULL for SQL NULL). */
static char *
RowText(HeapTuple tuple, TupleDesc desc, const char *column)
{
	bool		isnull;
	Datum		value = RowValue(tuple, desc, column, &isnull);

	return isnull ? NULL : TextDatumGetCString(value);
}

/* A bigint column (0 for NULL). */
static int64
RowInt8(HeapTuple tuple, TupleDesc desc, const char *column)
{
	bool		isnull;
	Datum		value = RowValue(tuple, desc, column, &isnull);

	return isnull ? 0 : DatumGetInt64(value);
}

/* An integer column (0 for NULL). */
static int32
RowInt4(HeapTuple tuple, TupleDesc desc, const char *column)
{
	bool		isnull;
	Datum		value = RowValue(tuple, desc, column, &isnull);

	return isnull ? 0 : DatumGetInt32(value);
}

/* A boolean column (false for NULL). */
static bool
RowBool(HeapTuple tuple, TupleDesc desc, const char *column)
{
	bool		isnull;
	Datum		value = RowValue(tuple, desc, column, &isnull);

	return isnull ? false : DatumGetBool(value);
}

/* A timestamptz column (0, "never", for NULL). */
static TimestampTz
RowTimestamp(HeapTuple tuple, TupleDesc desc, const char *column)
{
	bool		isnull;
	Datum		value = RowValue(tuple, desc, column, &isnull);

	return isnull ? 0 : DatumGetTimestampTz(value);
}

/* A jsonb column, copied (NULL for SQL NULL). */
static Jsonb *
RowJsonb(HeapTuple tuple, TupleDesc desc, const char *column)
{
	bool		isnull;
	Datum		value = RowValue(tuple, desc, column, &isnull);

	return isnull ? NULL : DatumGetJsonbPCopy(value);
}

/* A text[] column as a List of C strings (NIL for NULL). */
static List *
RowTextArray(HeapTuple tuple, TupleDesc desc, const char *column)
{
	bool		isnull;
	Datum		value = RowValue(tuple, desc, column, &isnull);
	Datum	   *elems;
	bool	   *elem_nulls;
	int			n;
	List	   *result = NIL;

	if (isnull)
		return NIL;
	deconstruct_array(DatumGetArrayTypeP(value), TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &elem_nulls, &n);
	for (int i = 0; i < n; i++)
		if (!elem_nulls[i])
			result = lappend(result, TextDatumGetCString(elems[i]));
	return result;
}

/* A key attribute from its name and type columns. */
static void
RowKeyAttr(HeapTuple tuple, TupleDesc desc, const char *name_column,
		   const char *type_column, DdbKeyAttr *key)
{
	char	   *type = RowText(tuple, desc, type_column);

	key->name = RowText(tuple, desc, name_column);
	key->type = (key->name != NULL && type != NULL) ? type[0] : '\0';
}

/* A table definition (without indexes) from a row of ddb_catalog.tables. */
static DdbTableDef *
TableFromRow(HeapTuple tuple, TupleDesc desc)
{
	DdbTableDef *t = palloc0(sizeof(DdbTableDef));
	bool		isnull;
	Datum		id = RowValue(tuple, desc, "table_id", &isnull);

	t->table_id = DatumGetCString(DirectFunctionCall1(uuid_out, id));
	t->table_name = RowText(tuple, desc, "table_name");
	t->table_arn = RowText(tuple, desc, "table_arn");
	t->relname = RowText(tuple, desc, "relname");
	t->created_by = RowText(tuple, desc, "created_by");
	t->table_status = RowText(tuple, desc, "table_status");
	t->creation_time = RowTimestamp(tuple, desc, "creation_time");
	RowKeyAttr(tuple, desc, "hash_key_name", "hash_key_type", &t->hash_key);
	RowKeyAttr(tuple, desc, "range_key_name", "range_key_type", &t->range_key);
	t->attribute_definitions = RowJsonb(tuple, desc, "attribute_definitions");
	t->billing_mode = RowText(tuple, desc, "billing_mode");
	t->billing_mode_changed = RowTimestamp(tuple, desc, "billing_mode_changed");
	t->throughput.read_capacity = RowInt8(tuple, desc, "read_capacity");
	t->throughput.write_capacity = RowInt8(tuple, desc, "write_capacity");
	t->throughput.last_increase = RowTimestamp(tuple, desc, "last_increase");
	t->throughput.last_decrease = RowTimestamp(tuple, desc, "last_decrease");
	t->throughput.decreases_today = RowInt4(tuple, desc, "decreases_today");
	t->stream_enabled = RowBool(tuple, desc, "stream_enabled");
	t->stream_view_type = RowText(tuple, desc, "stream_view_type");
	t->stream_label = RowText(tuple, desc, "stream_label");
	t->sse_description = RowJsonb(tuple, desc, "sse_description");
	t->table_class = RowText(tuple, desc, "table_class");
	t->table_class_changed = RowTimestamp(tuple, desc, "table_class_changed");
	t->deletion_protection = RowBool(tuple, desc, "deletion_protection");
	t->on_demand_throughput = RowJsonb(tuple, desc, "on_demand_throughput");
	t->warm_throughput = RowJsonb(tuple, desc, "warm_throughput");
	t->ttl_attribute = RowText(tuple, desc, "ttl_attribute");
	t->ttl_status = RowText(tuple, desc, "ttl_status");
	t->ttl_changed = RowTimestamp(tuple, desc, "ttl_changed");
	t->pitr_enabled = RowBool(tuple, desc, "pitr_enabled");
	t->pitr_period_days = RowInt4(tuple, desc, "pitr_period_days");
	t->pitr_enabled_time = RowTimestamp(tuple, desc, "pitr_enabled_time");
	t->tags = RowJsonb(tuple, desc, "tags");
	t->restore_summary = RowJsonb(tuple, desc, "restore_summary");
	t->relid = InvalidOid;
	t->indexes = NIL;
	return t;
}

/* An index definition from a row of ddb_catalog.indexes. */
static DdbIndexDef *
IndexFromRow(HeapTuple tuple, TupleDesc desc)
{
	DdbIndexDef *ix = palloc0(sizeof(DdbIndexDef));

	ix->index_name = RowText(tuple, desc, "index_name");
	ix->is_global = RowBool(tuple, desc, "is_global");
	ix->position = RowInt4(tuple, desc, "position");
	ix->relname = RowText(tuple, desc, "relname");
	RowKeyAttr(tuple, desc, "hash_key_name", "hash_key_type", &ix->hash_key);
	RowKeyAttr(tuple, desc, "range_key_name", "range_key_type", &ix->range_key);
	ix->projection_type = RowText(tuple, desc, "projection_type");
	ix->non_key_attributes = RowTextArray(tuple, desc, "non_key_attributes");
	ix->index_status = RowText(tuple, desc, "index_status");
	ix->backfilling = RowBool(tuple, desc, "backfilling");
	ix->added_later = RowBool(tuple, desc, "added_later");
	ix->throughput.read_capacity = RowInt8(tuple, desc, "read_capacity");
	ix->throughput.write_capacity = RowInt8(tuple, desc, "write_capacity");
	ix->throughput.last_increase = RowTimestamp(tuple, desc, "last_increase");
	ix->throughput.last_decrease = RowTimestamp(tuple, desc, "last_decrease");
	ix->throughput.decreases_today = RowInt4(tuple, desc, "decreases_today");
	ix->on_demand_throughput = RowJsonb(tuple, desc, "on_demand_throughput");
	ix->warm_throughput = RowJsonb(tuple, desc, "warm_throughput");
	ix->relid = InvalidOid;
	return ix;
}

/* The parameters of a table row, in TABLE_COLUMNS order. */
static void
TableParams(SpiParams *p, DdbTableDef *t)
{
	p->count = 0;
	ParamUuid(p, t->table_id);
	ParamText(p, t->table_name);
	ParamText(p, t->table_arn);
	ParamText(p, t->relname);
	ParamText(p, t->created_by);
	ParamText(p, t->table_status);
	ParamTimestamp(p, t->creation_time);
	ParamKeyAttr(p, &t->hash_key);
	ParamKeyAttr(p, &t->range_key);
	ParamJsonb(p, t->attribute_definitions);
	ParamText(p, t->billing_mode);
	ParamTimestamp(p, t->billing_mode_changed);
	ParamInt8(p, t->throughput.read_capacity);
	ParamInt8(p, t->throughput.write_capacity);
	ParamTimestamp(p, t->throughput.last_increase);
	ParamTimestamp(p, t->throughput.last_decrease);
	ParamInt4(p, t->throughput.decreases_today);
	ParamBool(p, t->stream_enabled);
	ParamText(p, t->stream_view_type);
	ParamText(p, t->stream_label);
	ParamJsonb(p, t->sse_description);
	ParamText(p, t->table_class ? t->table_class : "STANDARD");
	ParamTimestamp(p, t->table_class_changed);
	ParamBool(p, t->deletion_protection);
	ParamJsonb(p, t->on_demand_throughput);
	ParamJsonb(p, t->warm_throughput);
	ParamText(p, t->ttl_attribute);
	ParamText(p, t->ttl_status ? t->ttl_status : "DISABLED");
	ParamTimestamp(p, t->ttl_changed);
	ParamBool(p, t->pitr_enabled);
	ParamInt4(p, t->pitr_period_days);
	ParamTimestamp(p, t->pitr_enabled_time);
	if (t->tags != NULL)
		ParamJsonb(p, t->tags);
	else
		ParamAdd(p, JSONBOID, DirectFunctionCall1(jsonb_in, CStringGetDatum("[]")), false);
	ParamJsonb(p, t->restore_summary);
	Assert(p->count == TABLE_COLUMN_COUNT);
}

/* The parameters of an index row, in INDEX_COLUMNS order. */
static void
IndexParams(SpiParams *p, DdbTableDef *t, DdbIndexDef *ix)
{
	p->count = 0;
	ParamUuid(p, t->table_id);
	ParamText(p, ix->index_name);
	ParamBool(p, ix->is_global);
	ParamInt4(p, ix->position);
	ParamText(p, ix->relname);
	ParamKeyAttr(p, &ix->hash_key);
	ParamKeyAttr(p, &ix->range_key);
	ParamText(p, ix->projection_type);
	ParamTextArray(p, ix->non_key_attributes);
	ParamText(p, ix->index_status);
	ParamBool(p, ix->backfilling);
	ParamBool(p, ix->added_later);
	ParamInt8(p, ix->throughput.read_capacity);
	ParamInt8(p, ix->throughput.write_capacity);
	ParamTimestamp(p, ix->throughput.last_increase);
	ParamTimestamp(p, ix->throughput.last_decrease);
	ParamInt4(p, ix->throughput.decreases_today);
	ParamJsonb(p, ix->on_demand_throughput);
	ParamJsonb(p, ix->warm_throughput);
	Assert(p->count == INDEX_COLUMN_COUNT);
}

/* Run a modifying statement; expected >= 0 is the row count it must touch. */
static void
ExecuteOrFail(const char *query, SpiParams *p, int expected)
{
	int			rc;

	rc = SPI_execute_with_args(query, p->count, p->types, p->values, p->nulls,
							   false, 0);
	if (rc < 0)
		elog(ERROR, "catalog statement failed: %s", SPI_result_code_string(rc));
	if (expected >= 0 && SPI_processed != (uint64) expected)
		elog(ERROR, "catalog statement changed " UINT64_FORMAT " rows instead of %d",
			 SPI_processed, expected);
}

/* Insert the rows of every index of the table. */
static void
InsertIndexRows(DdbTableDef *table)
{
	ListCell   *lc;
	SpiParams	p;

	foreach(lc, table->indexes)
	{
		IndexParams(&p, table, (DdbIndexDef *) lfirst(lc));
		ExecuteOrFail("INSERT INTO ddb_catalog.indexes (" INDEX_COLUMNS ") VALUES "
					  "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
					  "$15, $16, $17, $18, $19, $20, $21)", &p, 1);
	}
}

/* Read a table's row and its index rows (as the extension owner). */
static void
LoadTableAsOwner(void *arg)
{
	LoadArgs   *args = arg;
	SpiParams	p = {0};
	char	   *query;
	int			rc;
	MemoryContext old;
	DdbTableDef *table;

	args->result = NULL;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	query = psprintf("SELECT " TABLE_COLUMNS " FROM ddb_catalog.tables WHERE %s = $1%s",
					 args->by_arn ? "table_arn" : "table_name",
					 args->for_update ? " FOR UPDATE" : "");
	ParamText(&p, args->key);
	rc = SPI_execute_with_args(query, p.count, p.types, p.values, p.nulls, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not read the table catalog: %s", SPI_result_code_string(rc));
	if (SPI_processed == 0)
	{
		SPI_finish();
		return;
	}

	old = MemoryContextSwitchTo(args->mcxt);
	table = TableFromRow(SPI_tuptable->vals[0], SPI_tuptable->tupdesc);
	MemoryContextSwitchTo(old);

	p.count = 0;
	ParamUuid(&p, table->table_id);
	rc = SPI_execute_with_args("SELECT " INDEX_COLUMNS " FROM ddb_catalog.indexes "
							   "WHERE table_id = $1 ORDER BY position",
							   p.count, p.types, p.values, p.nulls, false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not read the index catalog: %s", SPI_result_code_string(rc));
	old = MemoryContextSwitchTo(args->mcxt);
	for (uint64 i = 0; i < SPI_processed; i++)
		table->indexes = lappend(table->indexes,
								 IndexFromRow(SPI_tuptable->vals[i], SPI_tuptable->tupdesc));
	MemoryContextSwitchTo(old);

	SPI_finish();
	args->result = table;
}

/* Look up the relids of the table's relations (InvalidOid when missing). */
static void
ResolveRelids(DdbTableDef *table)
{
	Oid			nsp = DdbDataNamespace();
	ListCell   *lc;

	table->relid = get_relname_relid(table->relname, nsp);
	foreach(lc, table->indexes)
	{
		DdbIndexDef *ix = lfirst(lc);

		ix->relid = get_relname_relid(ix->relname, nsp);
	}
}

/* Find a table by name or ARN, locking its item relation. */
DdbTableDef *
DdbLoadTable(const char *name_or_arn, bool for_update, bool missing_ok)
{
	LoadArgs	args;
	char	   *name = NULL;

	args.by_arn = DdbParseTableArn(name_or_arn, &name);
	if (!args.by_arn)
		name = pstrdup(name_or_arn);
	args.key = name_or_arn;
	args.for_update = for_update;
	args.mcxt = CurrentMemoryContext;

	for (int attempt = 0;; attempt++)
	{
		DdbRunAsExtensionOwner(LoadTableAsOwner, &args);
		if (args.result == NULL)
			break;
		ResolveRelids(args.result);
		if (!OidIsValid(args.result->relid) || attempt > 0)
			break;
		if (ConditionalLockRelationOid(args.result->relid, AccessShareLock))
			break;

		/*
		 * Another transaction changes the table's storage (DeleteTable,
		 * typically).  Wait for it, then read the row again: the table may
		 * be gone by then.
		 */
		LockRelationOid(args.result->relid, AccessShareLock);
	}

	if (args.result == NULL && !missing_ok)
		DdbRaise(DDB_EXC_ResourceNotFoundException,
				 "Requested resource not found: Table: %s not found", name);
	return args.result;
}

/* Insert a table's row and its index rows (as the extension owner). */
static void
InsertTableAsOwner(void *arg)
{
	DdbTableDef *table = arg;
	SpiParams	p;
	MemoryContext spi_context;
	ResourceOwner owner = CurrentResourceOwner;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	spi_context = CurrentMemoryContext;

	/*
	 * A concurrent CreateTable of the same name that committed after our
	 * existence check makes the INSERT fail with a unique violation (after
	 * waiting for that transaction): answer as DynamoDB does.
	 */
	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(spi_context);
	PG_TRY();
	{
		TableParams(&p, table);
		ExecuteOrFail("INSERT INTO ddb_catalog.tables (" TABLE_COLUMNS ") VALUES "
					  "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
					  "$15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, "
					  "$27, $28, $29, $30, $31, $32, $33, $34, $35, $36)", &p, 1);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(spi_context);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(spi_context);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(spi_context);
		CurrentResourceOwner = owner;

		if (edata->sqlerrcode == ERRCODE_UNIQUE_VIOLATION &&
			edata->constraint_name != NULL &&
			(strcmp(edata->constraint_name, "tables_table_name_key") == 0 ||
			 strcmp(edata->constraint_name, "tables_table_arn_key") == 0))
			DdbRaise(DDB_EXC_ResourceInUseException, "Table already exists: %s",
					 table->table_name);
		ReThrowError(edata);
	}
	PG_END_TRY();

	InsertIndexRows(table);
	SPI_finish();
}

/* Insert a new table's row and its indexes' rows. */
void
DdbInsertTable(DdbTableDef *table)
{
	if (table->created_by == NULL)
		table->created_by = GetUserNameFromId(GetUserId(), false);
	DdbRunAsExtensionOwner(InsertTableAsOwner, table);
	DdbCatalogChanged();
}

/* Rewrite a table's row and index rows (as the extension owner). */
static void
SaveTableAsOwner(void *arg)
{
	DdbTableDef *table = arg;
	SpiParams	p;
	StringInfoData query;
	char	   *columns = pstrdup(TABLE_COLUMNS);
	char	   *column;
	char	   *saveptr = NULL;
	int			n = 0;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	/* UPDATE ... SET (every column but table_id) = ($2, ...) WHERE table_id = $1 */
	initStringInfo(&query);
	appendStringInfoString(&query, "UPDATE ddb_catalog.tables SET ");
	for (column = strtok_r(columns, ", ", &saveptr); column != NULL;
		 column = strtok_r(NULL, ", ", &saveptr))
	{
		n++;
		if (n == 1)
			continue;
		appendStringInfo(&query, "%s%s = $%d", n > 2 ? ", " : "", column, n);
	}
	appendStringInfoString(&query, " WHERE table_id = $1");
	TableParams(&p, table);
	ExecuteOrFail(query.data, &p, 1);

	p.count = 0;
	ParamUuid(&p, table->table_id);
	ExecuteOrFail("DELETE FROM ddb_catalog.indexes WHERE table_id = $1", &p, -1);
	InsertIndexRows(table);
	SPI_finish();
}

/* Rewrite a table's row and its index rows from the definition. */
void
DdbSaveTable(DdbTableDef *table)
{
	DdbRunAsExtensionOwner(SaveTableAsOwner, table);
	DdbCatalogChanged();
}

/* Delete a table's rows (as the extension owner). */
static void
DeleteTableRowAsOwner(void *arg)
{
	DdbTableDef *table = arg;
	SpiParams	p = {0};

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ParamUuid(&p, table->table_id);
	ExecuteOrFail("DELETE FROM ddb_catalog.indexes WHERE table_id = $1", &p, -1);
	ExecuteOrFail("DELETE FROM ddb_catalog.tables WHERE table_id = $1", &p, 1);
	SPI_finish();
}

/* Remove a table's row and its index rows. */
void
DdbDeleteTableRow(DdbTableDef *table)
{
	DdbRunAsExtensionOwner(DeleteTableRowAsOwner, table);
	DdbCatalogChanged();
}

/* Read one page of table names (as the extension owner). */
static void
ListTableNamesAsOwner(void *arg)
{
	ListArgs   *args = arg;
	SpiParams	p = {0};
	int			rc;
	MemoryContext old;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ParamText(&p, args->start_after);
	ParamAdd(&p, OIDOID, ObjectIdGetDatum(args->userid), false);
	ParamInt4(&p, args->limit);
	rc = SPI_execute_with_args("SELECT t.table_name FROM ddb_catalog.tables t "
							   "JOIN pg_class c ON c.relname = t.relname "
							   "AND c.relnamespace = 'ddb_data'::regnamespace "
							   "WHERE ($1 IS NULL OR t.table_name > $1) "
							   "AND has_table_privilege($2, c.oid, "
							   "'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') "
							   "ORDER BY t.table_name LIMIT $3",
							   p.count, p.types, p.values, p.nulls, false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not list tables: %s", SPI_result_code_string(rc));
	old = MemoryContextSwitchTo(args->mcxt);
	for (uint64 i = 0; i < SPI_processed; i++)
		args->result = lappend(args->result,
							   SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
	MemoryContextSwitchTo(old);
	SPI_finish();
}

/* Table names in ascending byte order, visible to the current user. */
List *
DdbListTableNames(const char *start_after, int limit)
{
	ListArgs	args;

	args.start_after = start_after;
	args.limit = limit;
	args.userid = GetUserId();
	args.mcxt = CurrentMemoryContext;
	args.result = NIL;
	DdbRunAsExtensionOwner(ListTableNamesAsOwner, &args);
	return args.result;
}

/* The index of that name, or NULL. */
DdbIndexDef *
DdbFindIndex(DdbTableDef *table, const char *index_name)
{
	ListCell   *lc;

	foreach(lc, table->indexes)
	{
		DdbIndexDef *ix = lfirst(lc);

		if (strcmp(ix->index_name, index_name) == 0)
			return ix;
	}
	return NULL;
}

/* The ARN of a table of this name in the configured region and account. */
char *
DdbTableArn(const char *table_name)
{
	return psprintf("arn:aws:dynamodb:%s:%s:table/%s",
					ddb_region, ddb_account_id, table_name);
}

/* Parse arn:aws:dynamodb:<region>:<account>:table/<name>. */
bool
DdbParseTableArn(const char *arn, char **name)
{
	static const char prefix[] = "arn:aws:dynamodb:";
	const char *p;
	const char *colon;

	if (strncmp(arn, prefix, strlen(prefix)) != 0)
		return false;
	p = arn + strlen(prefix);
	/* region */
	colon = strchr(p, ':');
	if (colon == NULL || colon == p)
		return false;
	p = colon + 1;
	/* account */
	colon = strchr(p, ':');
	if (colon == NULL || colon == p)
		return false;
	p = colon + 1;
	if (strncmp(p, "table/", 6) != 0)
		return false;
	p += 6;
	if (*p == '\0' || strchr(p, '/') != NULL)
		return false;
	*name = pstrdup(p);
	return true;
}

/* <table-arn>/index/<name> */
char *
DdbIndexArn(DdbTableDef *table, DdbIndexDef *index)
{
	return psprintf("%s/index/%s", table->table_arn, index->index_name);
}

/* <table-arn>/stream/<label>, or NULL without a stream. */
char *
DdbStreamArn(DdbTableDef *table)
{
	if (table->stream_label == NULL)
		return NULL;
	return psprintf("%s/stream/%s", table->table_arn, table->stream_label);
}

/* The ARN of a KMS key given by id, alias or ARN (NULL: the AWS managed key). */
char *
DdbKmsKeyArn(const char *kms_key_id)
{
	if (kms_key_id == NULL)
		return psprintf("arn:aws:kms:%s:%s:alias/aws/dynamodb", ddb_region, ddb_account_id);
	if (strncmp(kms_key_id, "arn:", 4) == 0)
		return pstrdup(kms_key_id);
	if (strncmp(kms_key_id, "alias/", 6) == 0)
		return psprintf("arn:aws:kms:%s:%s:%s", ddb_region, ddb_account_id, kms_key_id);
	return psprintf("arn:aws:kms:%s:%s:key/%s", ddb_region, ddb_account_id, kms_key_id);
}

/* SSEDescription for a KMS key given by id, alias or ARN (or NULL). */
Jsonb *
DdbSseDescription(const char *kms_key_id)
{
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutString(&js, "Status", "ENABLED");
	DdbJsonPutString(&js, "SSEType", "KMS");
	DdbJsonPutString(&js, "KMSMasterKeyArn", DdbKmsKeyArn(kms_key_id));
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/* [{"AttributeName": h, "KeyType": "HASH"}, {... "RANGE"}] */
static void
PutKeySchema(DdbJson *js, const char *key, const DdbKeyAttr *hash,
			 const DdbKeyAttr *range)
{
	DdbJsonBeginArray(js, key);
	DdbJsonBeginObject(js, NULL);
	DdbJsonPutString(js, "AttributeName", hash->name);
	DdbJsonPutString(js, "KeyType", "HASH");
	DdbJsonEndObject(js);
	if (range->name != NULL)
	{
		DdbJsonBeginObject(js, NULL);
		DdbJsonPutString(js, "AttributeName", range->name);
		DdbJsonPutString(js, "KeyType", "RANGE");
		DdbJsonEndObject(js);
	}
	DdbJsonEndArray(js);
}

/*
 * The decreases of a provisioned throughput made on now's UTC day: the
 * stored count is that of the day of the last decrease, so it is 0 when
 * that day is over.
 */
int32
DdbDecreasesToday(const DdbThroughput *tp, TimestampTz now)
{
	if (tp->last_decrease == 0 ||
		tp->last_decrease / USECS_PER_DAY != now / USECS_PER_DAY)
		return 0;
	return tp->decreases_today;
}

/* A ProvisionedThroughputDescription as of now. */
static void
PutThroughput(DdbJson *js, const char *key, const DdbThroughput *tp, TimestampTz now)
{
	DdbJsonBeginObject(js, key);
	if (tp->last_increase != 0)
		DdbJsonPutTimestamp(js, "LastIncreaseDateTime", tp->last_increase);
	if (tp->last_decrease != 0)
		DdbJsonPutTimestamp(js, "LastDecreaseDateTime", tp->last_decrease);
	DdbJsonPutInt64(js, "NumberOfDecreasesToday", DdbDecreasesToday(tp, now));
	DdbJsonPutInt64(js, "ReadCapacityUnits", tp->read_capacity);
	DdbJsonPutInt64(js, "WriteCapacityUnits", tp->write_capacity);
	DdbJsonEndObject(js);
}

/* {"ProjectionType": ..., "NonKeyAttributes": [...]} */
static void
PutProjection(DdbJson *js, DdbIndexDef *index)
{
	ListCell   *lc;

	DdbJsonBeginObject(js, "Projection");
	DdbJsonPutString(js, "ProjectionType", index->projection_type);
	if (index->non_key_attributes != NIL)
	{
		DdbJsonBeginArray(js, "NonKeyAttributes");
		foreach(lc, index->non_key_attributes)
			DdbJsonPutString(js, NULL, (char *) lfirst(lc));
		DdbJsonEndArray(js);
	}
	DdbJsonEndObject(js);
}

/* A LocalSecondaryIndexDescription or GlobalSecondaryIndexDescription. */
static void
PutIndexDescription(DdbJson *js, DdbTableDef *table, DdbIndexDef *index, TimestampTz now)
{
	DdbJsonBeginObject(js, NULL);
	DdbJsonPutString(js, "IndexName", index->index_name);
	PutKeySchema(js, "KeySchema", &index->hash_key, &index->range_key);
	PutProjection(js, index);
	if (index->is_global)
	{
		DdbJsonPutString(js, "IndexStatus", index->index_status);
		if (index->added_later)
			DdbJsonPutBool(js, "Backfilling", index->backfilling);
		PutThroughput(js, "ProvisionedThroughput", &index->throughput, now);
	}
	DdbJsonPutInt64(js, "IndexSizeBytes", index->size_bytes);
	DdbJsonPutInt64(js, "ItemCount", index->item_count);
	DdbJsonPutString(js, "IndexArn", DdbIndexArn(table, index));
	if (index->is_global && index->on_demand_throughput != NULL)
		DdbJsonPutJsonb(js, "OnDemandThroughput", index->on_demand_throughput);
	if (index->is_global && index->warm_throughput != NULL)
		DdbJsonPutJsonb(js, "WarmThroughput", index->warm_throughput);
	DdbJsonEndObject(js);
}

/* DynamoDB's TableDescription (tables.md §5). */
Jsonb *
DdbTableDescription(DdbTableDef *table, const char *shown_status)
{
	DdbJson		js;
	const char *status = shown_status ? shown_status : table->table_status;
	bool		on_demand = strcmp(table->billing_mode, "PAY_PER_REQUEST") == 0;
	TimestampTz now = GetCurrentTimestamp();

	DdbLoadTableStatistics(table);

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutJsonb(&js, "AttributeDefinitions", table->attribute_definitions);
	DdbJsonPutString(&js, "TableName", table->table_name);
	PutKeySchema(&js, "KeySchema", &table->hash_key, &table->range_key);
	DdbJsonPutString(&js, "TableStatus", status);
	DdbJsonPutTimestamp(&js, "CreationDateTime", table->creation_time);
	PutThroughput(&js, "ProvisionedThroughput", &table->throughput, now);
	DdbJsonPutInt64(&js, "TableSizeBytes", table->size_bytes);
	DdbJsonPutInt64(&js, "ItemCount", table->item_count);
	DdbJsonPutString(&js, "TableArn", table->table_arn);
	DdbJsonPutString(&js, "TableId", table->table_id);

	if (on_demand || table->billing_mode_changed != 0)
	{
		DdbJsonBeginObject(&js, "BillingModeSummary");
		DdbJsonPutString(&js, "BillingMode", table->billing_mode);
		if (on_demand && table->billing_mode_changed != 0)
			DdbJsonPutTimestamp(&js, "LastUpdateToPayPerRequestDateTime",
								table->billing_mode_changed);
		DdbJsonEndObject(&js);
	}

	for (int pass = 0; pass < 2; pass++)
	{
		bool		global = (pass == 1);
		bool		any = false;
		ListCell   *lc;

		/* LSIs are not shown while the table is being deleted */
		if (!global && strcmp(status, "DELETING") == 0)
			continue;
		foreach(lc, table->indexes)
		{
			DdbIndexDef *ix = lfirst(lc);

			if (ix->is_global != global)
				continue;
			if (!any)
				DdbJsonBeginArray(&js, global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
			any = true;
			PutIndexDescription(&js, table, ix, now);
		}
		if (any)
			DdbJsonEndArray(&js);
	}

	if (table->stream_enabled)
	{
		DdbJsonBeginObject(&js, "StreamSpecification");
		DdbJsonPutBool(&js, "StreamEnabled", true);
		if (table->stream_view_type != NULL)
			DdbJsonPutString(&js, "StreamViewType", table->stream_view_type);
		DdbJsonEndObject(&js);
		if (table->stream_label != NULL)
		{
			DdbJsonPutString(&js, "LatestStreamLabel", table->stream_label);
			DdbJsonPutString(&js, "LatestStreamArn", DdbStreamArn(table));
		}
	}
	if (table->sse_description != NULL)
		DdbJsonPutJsonb(&js, "SSEDescription", table->sse_description);
	if (table->table_class_changed != 0)
	{
		DdbJsonBeginObject(&js, "TableClassSummary");
		DdbJsonPutString(&js, "TableClass", table->table_class);
		DdbJsonPutTimestamp(&js, "LastUpdateDateTime", table->table_class_changed);
		DdbJsonEndObject(&js);
	}
	DdbJsonPutBool(&js, "DeletionProtectionEnabled", table->deletion_protection);
	if (table->on_demand_throughput != NULL)
		DdbJsonPutJsonb(&js, "OnDemandThroughput", table->on_demand_throughput);
	if (table->warm_throughput != NULL)
		DdbJsonPutJsonb(&js, "WarmThroughput", table->warm_throughput);
	if (table->restore_summary != NULL)
		DdbJsonPutJsonb(&js, "RestoreSummary", table->restore_summary);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}
