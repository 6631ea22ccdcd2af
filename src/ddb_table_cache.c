/*-------------------------------------------------------------------------
 *
 * ddb_table_cache.c
 *	  DdbOpenDataTable: the per-backend cache of table definitions that the
 *	  data plane works from.
 *
 * Loading a table's definition costs two catalog queries through SPI
 * (DdbLoadTable) plus a look at each of its relations; an item request
 * must not pay that.  The first request naming a table (by name or ARN,
 * each spelling its own entry) loads the definition into a memory context
 * of its own under CacheMemoryContext, together with what the direct
 * reads and writes need (ddb_data_int.h): attribute numbers, the OIDs of
 * every index on every relation and their IndexInfos.
 *
 * Invalidation: the catalog's writers (DdbInsertTable, DdbSaveTable,
 * DdbDeleteTableRow) register a relcache invalidation of
 * ddb_catalog.tables, which PostgreSQL delivers to every backend once the
 * change commits (and to the writing backend at its next command
 * boundary, or at abort).  A relcache callback then marks the entries
 * stale: all of them for the catalog or a cache reset, the one using a
 * relation for an invalidation of that relation (DDL, CREATE INDEX on it,
 * DROP).  DdbOpenDataTable takes its locks before trusting an entry:
 * acquiring a lock processes pending invalidations, so when the entry is
 * still valid after the locks are held, no committed change was missed.
 * A change that commits later needs a conflicting lock on one of the
 * relations (DeleteTable drops them; UpdateTable's backfill locks the item
 * relation in SHARE mode; dropping an index relation locks it), so it
 * waits for the request's transaction.
 *
 * Stale entries are not freed at once: a request may still hold a pointer
 * into them (a batch opens several tables, and lock waits inside a request
 * process invalidations).  They are retired and freed when a later
 * transaction opens a table.
 *
 * IDENTIFICATION
 *	  src/ddb_table_cache.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/relation.h"
#include "access/table.h"
#include "catalog/index.h"
#include "catalog/namespace.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "storage/proc.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "ddb_acl.h"
#include "ddb_core.h"
#include "ddb_data_int.h"
#include "ddb_storage.h"

/* Longest table name or ARN cached (ARNs have at most 1024 characters). */
#define CACHE_KEY_SIZE	4200

/* Entries beyond this many make the cache start over. */
#define CACHE_MAX_ENTRIES	1000

typedef struct CacheEntry
{
	char		key[CACHE_KEY_SIZE];	/* name or ARN as requested */
	bool		valid;
	MemoryContext mcxt;
	DdbDataTable *table;
} CacheEntry;

static HTAB *table_cache = NULL;
static Oid	catalog_tables_relid = InvalidOid;
static List *retired_contexts = NIL;	/* in TopMemoryContext */
static LocalTransactionId retired_lxid = InvalidLocalTransactionId;

static void InitCache(void);
static void InvalidateCallback(Datum arg, Oid relid);
static bool EntryUsesRelation(CacheEntry *entry, Oid relid);
static void RetireContext(MemoryContext mcxt);
static void FreeRetired(void);
static DdbValueType KeyType(char type);
static void BuildRelInfo(DdbRelInfo *info, Oid relid, bool is_index);
static DdbDataTable *BuildDataTable(DdbTableDef *def);
static DdbDataTable *LoadTable(const char *name, MemoryContext *mcxt);
static void LockTableRelations(DdbDataTable *table, LOCKMODE mode);
static void RaiseNotFound(void) pg_attribute_noreturn();

/* Actions that only read items: they lock in ACCESS SHARE mode. */
bool
DdbActionIsRead(const char *action)
{
	static const char *const reads[] = {
		"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems",
	};

	for (size_t i = 0; i < lengthof(reads); i++)
		if (strcmp(reads[i], action) == 0)
			return true;
	return false;
}

/* Create the hash table and register the invalidation callback (once). */
static void
InitCache(void)
{
	HASHCTL		ctl;

	if (table_cache != NULL)
		return;
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = CACHE_KEY_SIZE;
	ctl.entrysize = sizeof(CacheEntry);
	ctl.hcxt = CacheMemoryContext;
	table_cache = hash_create("ddbtable table cache", 64, &ctl,
							  HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	CacheRegisterRelcacheCallback(InvalidateCallback, (Datum) 0);
}

/* Whether a cached table stores its items or index entries in relid. */
static bool
EntryUsesRelation(CacheEntry *entry, Oid relid)
{
	DdbDataTable *t = entry->table;

	if (t == NULL)
		return false;
	if (t->relid == relid)
		return true;
	for (int i = 0; i < t->nindexes; i++)
		if (t->indexes[i].relid == relid)
			return true;
	return false;
}

/*
 * Relcache invalidation: mark the entries that may be stale.  Runs inside
 * invalidation processing, so it only flips flags.
 */
static void
InvalidateCallback(Datum arg, Oid relid)
{
	HASH_SEQ_STATUS status;
	CacheEntry *entry;
	bool		all;

	if (table_cache == NULL)
		return;
	all = !OidIsValid(relid) || relid == catalog_tables_relid;
	if (all)
		catalog_tables_relid = InvalidOid;
	hash_seq_init(&status, table_cache);
	while ((entry = hash_seq_search(&status)) != NULL)
		if (all || EntryUsesRelation(entry, relid))
			entry->valid = false;
}

/* Keep a stale entry's memory until no request can use it any more. */
static void
RetireContext(MemoryContext mcxt)
{
	MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

	retired_contexts = lappend(retired_contexts, mcxt);
	MemoryContextSwitchTo(old);
	retired_lxid = MyProc->lxid;
}

/* Free retired entries once a new transaction runs. */
static void
FreeRetired(void)
{
	ListCell   *lc;

	if (retired_contexts == NIL || MyProc->lxid == retired_lxid)
		return;
	foreach(lc, retired_contexts)
		MemoryContextDelete((MemoryContext) lfirst(lc));
	list_free(retired_contexts);
	retired_contexts = NIL;
}

/* DdbValueType of a key attribute's declared type. */
static DdbValueType
KeyType(char type)
{
	switch (type)
	{
		case 'S':
			return DDB_TYPE_S;
		case 'N':
			return DDB_TYPE_N;
		case 'B':
			return DDB_TYPE_B;
	}
	elog(ERROR, "invalid key attribute type \"%c\"", type);
	pg_unreachable();
}

/*
 * Describe one relation: its columns and every index on it, with the
 * IndexInfos built in the current (the entry's) memory context.
 */
static void
BuildRelInfo(DdbRelInfo *info, Oid relid, bool is_index)
{
	Relation	rel;
	TupleDesc	desc;
	List	   *indexes;
	ListCell   *lc;
	int			i = 0;

	memset(info, 0, sizeof(DdbRelInfo));
	info->relid = relid;
	rel = table_open(relid, AccessShareLock);
	desc = RelationGetDescr(rel);
	info->relname = pstrdup(RelationGetRelationName(rel));
	info->natts = desc->natts;
	for (int a = 0; a < desc->natts; a++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, a);
		const char *name = NameStr(att->attname);

		if (att->attisdropped)
			continue;
		if (strcmp(name, DDB_COL_HASH_KEY) == 0)
			info->att_hash = att->attnum;
		else if (strcmp(name, DDB_COL_RANGE_KEY) == 0)
			info->att_range = att->attnum;
		else if (strcmp(name, DDB_COL_ITEM) == 0)
			info->att_item = att->attnum;
		else if (strcmp(name, DDB_COL_ITEM_SIZE) == 0)
			info->att_size = att->attnum;
		else if (strcmp(name, DDB_COL_INDEX_HASH) == 0)
			info->att_index_hash = att->attnum;
		else if (strcmp(name, DDB_COL_INDEX_RANGE) == 0)
			info->att_index_range = att->attnum;
	}
	if (info->att_hash == 0 || info->att_item == 0 || info->att_size == 0 ||
		(is_index && info->att_index_hash == 0))
		elog(ERROR, "relation \"%s\" does not have the columns of a ddbtable relation",
			 info->relname);

	info->pkey_oid = RelationGetPrimaryKeyIndex(rel);
	if (!OidIsValid(info->pkey_oid))
		elog(ERROR, "relation \"%s\" has no primary key", info->relname);

	indexes = RelationGetIndexList(rel);
	info->nidx = list_length(indexes);
	info->idx_oids = palloc0(sizeof(Oid) * Max(info->nidx, 1));
	info->idx_infos = palloc0(sizeof(IndexInfo *) * Max(info->nidx, 1));
	foreach(lc, indexes)
	{
		Oid			indexoid = lfirst_oid(lc);
		Relation	irel = index_open(indexoid, AccessShareLock);
		IndexInfo  *ii = BuildIndexInfo(irel);

		info->idx_oids[i] = indexoid;
		info->idx_infos[i] = ii;
		if (ii->ii_Expressions != NIL || ii->ii_Predicate != NIL)
			info->needs_estate = true;
		index_close(irel, AccessShareLock);
		i++;
	}
	list_free(indexes);
	table_close(rel, AccessShareLock);
}

/* Build the data-plane view of a loaded definition (current context). */
static DdbDataTable *
BuildDataTable(DdbTableDef *def)
{
	DdbDataTable *t = palloc0(sizeof(DdbDataTable));
	DdbDataPrivate *priv = palloc0(sizeof(DdbDataPrivate));
	const char **table_keys = palloc0(sizeof(char *) * 2);
	const char **index_keys;
	int			nindex_keys = 0;
	ListCell   *lc;
	int			i = 0;

	t->def = def;
	t->priv = priv;
	t->relid = def->relid;
	if (!OidIsValid(t->relid))
		elog(ERROR, "the item relation of table \"%s\" is missing", def->table_name);
	t->hash_type = KeyType(def->hash_key.type);
	t->has_range = def->range_key.name != NULL;
	if (t->has_range)
		t->range_type = KeyType(def->range_key.type);
	table_keys[t->ntable_keys++] = def->hash_key.name;
	if (t->has_range)
		table_keys[t->ntable_keys++] = def->range_key.name;
	t->table_key_names = table_keys;

	BuildRelInfo(&priv->items, t->relid, false);
	t->pkey_oid = priv->items.pkey_oid;

	t->nindexes = list_length(def->indexes);
	t->indexes = palloc0(sizeof(DdbDataIndex) * Max(t->nindexes, 1));
	priv->indexes = palloc0(sizeof(DdbRelInfo) * Max(t->nindexes, 1));
	index_keys = palloc0(sizeof(char *) * Max(2 * t->nindexes, 1));
	foreach(lc, def->indexes)
	{
		DdbIndexDef *ix = lfirst(lc);
		DdbDataIndex *di = &t->indexes[i];
		DdbRelInfo *ri = &priv->indexes[i];
		const char *names[2] = {ix->hash_key.name, ix->range_key.name};
		char	   *key_name;

		di->def = ix;
		di->relid = ix->relid;
		if (!OidIsValid(di->relid))
			elog(ERROR, "the relation of index \"%s\" of table \"%s\" is missing",
				 ix->index_name, def->table_name);
		di->hash_type = KeyType(ix->hash_key.type);
		di->has_range = ix->range_key.name != NULL;
		if (di->has_range)
			di->range_type = KeyType(ix->range_key.type);
		if (!ix->is_global)
			t->has_lsi = true;

		BuildRelInfo(ri, di->relid, true);
		di->pkey_oid = ri->pkey_oid;
		key_name = psprintf("%s_key", ri->relname);
		di->key_oid = get_relname_relid(key_name, get_rel_namespace(di->relid));

		for (int k = 0; k < 2; k++)
		{
			bool		seen = false;

			if (names[k] == NULL)
				continue;
			for (int j = 0; j < t->ntable_keys && !seen; j++)
				seen = strcmp(table_keys[j], names[k]) == 0;
			for (int j = 0; j < nindex_keys && !seen; j++)
				seen = strcmp(index_keys[j], names[k]) == 0;
			if (!seen)
				index_keys[nindex_keys++] = names[k];
		}
		i++;
	}
	t->index_key_names = index_keys;
	t->nindex_keys = nindex_keys;
	return t;
}

/*
 * Load a table into a new memory context (returned in *mcxt); NULL when
 * there is no such table (the context is then deleted).
 */
static DdbDataTable *
LoadTable(const char *name, MemoryContext *mcxt)
{
	MemoryContext cxt;
	MemoryContext old;
	DdbTableDef *def;
	DdbDataTable *table = NULL;

	cxt = AllocSetContextCreate(CacheMemoryContext, "ddbtable table",
								ALLOCSET_SMALL_SIZES);
	MemoryContextCopyAndSetIdentifier(cxt, name);
	old = MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		def = DdbLoadTable(name, false, true);
		if (def != NULL)
			table = BuildDataTable(def);
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(old);
		MemoryContextDelete(cxt);
		PG_RE_THROW();
	}
	PG_END_TRY();
	MemoryContextSwitchTo(old);
	if (table == NULL)
	{
		MemoryContextDelete(cxt);
		*mcxt = NULL;
		return NULL;
	}
	*mcxt = cxt;
	return table;
}

/* Lock the item relation and every index relation. */
static void
LockTableRelations(DdbDataTable *table, LOCKMODE mode)
{
	LockRelationOid(table->relid, mode);
	for (int i = 0; i < table->nindexes; i++)
		LockRelationOid(table->indexes[i].relid, mode);
}

/* The data plane's ResourceNotFoundException. */
static void
RaiseNotFound(void)
{
	DdbRaise(DDB_EXC_ResourceNotFoundException, "Requested resource not found");
}

/* Find, lock and check a table for a data-plane action. */
DdbDataTable *
DdbOpenDataTable(const char *name_or_arn, const char *action)
{
	LOCKMODE	mode = DdbActionIsRead(action) ? AccessShareLock : RowExclusiveLock;
	DdbDataTable *table;
	const char *status;

	InitCache();
	FreeRetired();
	if (!OidIsValid(catalog_tables_relid))
	{
		Oid			nsp = get_namespace_oid(DDB_CATALOG_SCHEMA, true);

		if (OidIsValid(nsp))
			catalog_tables_relid = get_relname_relid("tables", nsp);
	}

	for (int attempt = 0;; attempt++)
	{
		CacheEntry *entry = NULL;
		bool		found = false;

		if (strlen(name_or_arn) < CACHE_KEY_SIZE)
			entry = hash_search(table_cache, name_or_arn, HASH_FIND, &found);

		if (entry != NULL && entry->valid)
			table = entry->table;
		else
		{
			MemoryContext mcxt;

			if (entry != NULL)
			{
				RetireContext(entry->mcxt);
				hash_search(table_cache, name_or_arn, HASH_REMOVE, NULL);
				entry = NULL;
			}
			table = LoadTable(name_or_arn, &mcxt);
			if (table == NULL)
				RaiseNotFound();
			if (strlen(name_or_arn) < CACHE_KEY_SIZE)
			{
				if (hash_get_num_entries(table_cache) >= CACHE_MAX_ENTRIES)
				{
					HASH_SEQ_STATUS seq;
					CacheEntry *e;

					hash_seq_init(&seq, table_cache);
					while ((e = hash_seq_search(&seq)) != NULL)
					{
						RetireContext(e->mcxt);
						hash_search(table_cache, e->key, HASH_REMOVE, NULL);
					}
				}
				entry = hash_search(table_cache, name_or_arn, HASH_ENTER, &found);
				entry->mcxt = mcxt;
				entry->table = table;
				entry->valid = true;
			}
			else
				RetireContext(mcxt);
		}

		/*
		 * Taking the locks processes pending invalidations: if the entry is
		 * still valid afterwards, it reflects every committed change.
		 */
		LockTableRelations(table, mode);
		if (entry == NULL || entry->valid || attempt >= 10)
			break;
	}

	status = table->def->table_status;
	if (strcmp(status, "ACTIVE") != 0 && strcmp(status, "UPDATING") != 0)
		RaiseNotFound();
	DdbCheckTableAccess(table->def, action);
	return table;
}

/* The index of that name, or NULL. */
DdbDataIndex *
DdbFindDataIndex(DdbDataTable *table, const char *index_name)
{
	for (int i = 0; i < table->nindexes; i++)
		if (strcmp(table->indexes[i].def->index_name, index_name) == 0)
			return &table->indexes[i];
	return NULL;
}
