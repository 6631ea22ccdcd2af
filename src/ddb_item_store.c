/*-------------------------------------------------------------------------
 *
 * ddb_item_store.c
 *	  Keys, reads and writes of items, with secondary-index maintenance.
 *
 * Reads and writes go straight to the table access method and to the
 * B-trees of the item and index relations, the way logical replication's
 * apply worker does (execReplication.c), without SQL: an item request is
 * a handful of index probes and one heap change.
 *
 * Reading: an index scan of the item relation's primary key with a fresh
 * MVCC snapshot (GetTransactionSnapshot: the latest committed state in
 * READ COMMITTED, the transaction's snapshot otherwise).
 *
 * Writing (DdbWriteItem) follows the protocol of the header:
 *
 *	1. Look the key up with a dirty snapshot, waiting for any transaction
 *	   that is inserting, updating or deleting that row, and lock the row
 *	   found (LockTupleExclusive, waiting); when the row changed meanwhile,
 *	   look again.  This is what UPDATE ... WHERE pk = ... does in READ
 *	   COMMITTED, at every isolation level.
 *	2. When there is no row, lock the key itself (a short advisory-style
 *	   lock on database, relation and key hash) and look again: a session
 *	   that inserted the key meanwhile is then seen (and waited for), and
 *	   no two sessions can both decide on an absent item.  The key lock is
 *	   released as soon as the new row is in the primary key, since from
 *	   then on step 1 finds the row and waits for its transaction.
 *	3. Ask the caller's decision function, with the locked item.
 *	4. Insert, update (HOT when possible) or delete the item row, insert
 *	   the index tuples a non-HOT change needs (into every index of the
 *	   relation, user-made ones included), then bring each secondary index
 *	   relation in step: its row for this item (keyed by the table key) is
 *	   inserted, updated or deleted as the new item's index entry requires.
 *	   Index rows are only ever changed under the item's row lock or key
 *	   lock, so they need no locks of their own.
 *	5. Advance the command counter.
 *
 * Capacity: the table's write units are ceil(max(old, new) / 1 KB), at
 * least 1; each index whose entry changes is charged ceil(size / 1 KB)
 * per entry written or deleted (a key change: both), items.md section 14.
 *
 * IDENTIFICATION
 *	  src/ddb_item_store.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/genam.h"
#include "access/heapam.h"
#include "access/relation.h"
#include "access/skey.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/index.h"
#include "catalog/pg_collation.h"
#include "common/hashfn.h"
#include "executor/executor.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "storage/lock.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgroids.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "ddb_attrval_jsonb.h"
#include "ddb_data_int.h"
#include "ddb_errors.h"
#include "ddb_json.h"
#include "ddb_storage.h"

#define INVALID_PREFIX "One or more parameter values were invalid: "

/* advisory lock "class" of item key locks (user advisory locks use 1, 2) */
#define KEY_LOCK_CLASS 0x4444

/* One secondary index entry built from an item. */
typedef struct EntryData
{
	bool		present;
	Datum		index_hash;
	Datum		index_range;
	Jsonb	   *item;
	int32		size;
} EntryData;

static Oid	EqualProc(DdbValueType type);
static const char *KeyName(const DdbKeyAttr *attr);
static DdbValueType DeclaredType(char type);
static void RaiseKeyMismatch(void) pg_attribute_noreturn();
static void CheckIndexKeyValue(const DdbValue *v, const char *name, bool is_sort,
							   const char *index_name, bool for_update);
static int	InitKeyScan(ScanKey skeys, DdbDataTable *table, const DdbItemKey *key);
static bool FindRow(Relation rel, Relation pkey, ScanKey skeys, int nkeys,
					TupleTableSlot *slot, bool lock);
static void StoredFromSlot(DdbRelInfo *ri, TupleTableSlot *slot, DdbStoredItem *out);
static void LockKey(DdbDataTable *table, const DdbItemKey *key, LOCKTAG *tag);
static void InsertIndexTuples(DdbRelInfo *ri, Relation rel, TupleTableSlot *slot,
							  bool update, bool indexes_unchanged);
static void FillItemSlot(DdbRelInfo *ri, TupleTableSlot *slot, TupleTableSlot *old,
						 DdbDataTable *table, const DdbItemKey *key, Jsonb *item,
						 int32 size);
static bool BuildEntry(DdbDataTable *table, DdbDataIndex *index, const DdbValue *item,
					   Jsonb *item_jsonb, int32 item_size, EntryData *entry);
static bool HasIndexKeys(DdbDataIndex *index, Jsonb *item);
static void MaintainIndex(DdbDataTable *table, int i, const DdbItemKey *key,
						  bool old_found, Jsonb *old_item, const DdbValue *new_item,
						  Jsonb *new_jsonb, int32 new_size, DdbConsumed *consumed);
static bool DatumsEqual(Datum a, Datum b);
static int64 CollectionBytes(Oid relid, Oid pkey_oid, AttrNumber att_size,
							 DdbValueType hash_type, Datum hash);

/*-------------------------------------------------------------------------
 * Keys
 *-------------------------------------------------------------------------
 */

/* The equality function of a key column type. */
static Oid
EqualProc(DdbValueType type)
{
	switch (type)
	{
		case DDB_TYPE_S:
			return F_TEXTEQ;
		case DDB_TYPE_N:
			return F_NUMERIC_EQ;
		case DDB_TYPE_B:
			return F_BYTEAEQ;
		default:
			elog(ERROR, "invalid key type %d", (int) type);
	}
	pg_unreachable();
}

/* The name of a key attribute. */
static const char *
KeyName(const DdbKeyAttr *attr)
{
	return attr->name;
}

/* DdbValueType of a declared key type. */
static DdbValueType
DeclaredType(char type)
{
	return type == 'S' ? DDB_TYPE_S : type == 'N' ? DDB_TYPE_N : DDB_TYPE_B;
}

/* The column Datum of a key value. */
Datum
DdbKeyValueDatum(const DdbValue *value)
{
	switch (value->type)
	{
		case DDB_TYPE_S:
			return PointerGetDatum(cstring_to_text_with_len(value->u.str.data,
															(int) value->u.str.len));
		case DDB_TYPE_B:
			{
				bytea	   *b = palloc(VARHDRSZ + value->u.str.len);

				SET_VARSIZE(b, VARHDRSZ + value->u.str.len);
				memcpy(VARDATA(b), value->u.str.data, value->u.str.len);
				return PointerGetDatum(b);
			}
		case DDB_TYPE_N:
			return DirectFunctionCall3(numeric_in,
									   CStringGetDatum(pnstrdup(value->u.str.data,
																value->u.str.len)),
									   ObjectIdGetDatum(InvalidOid),
									   Int32GetDatum(-1));
		default:
			elog(ERROR, "a %s value cannot be a key", DdbTypeName(value->type));
	}
	pg_unreachable();
}

/* The key value of a key column Datum. */
DdbValue *
DdbKeyDatumValue(DdbValueType type, Datum datum)
{
	switch (type)
	{
		case DDB_TYPE_S:
			{
				text	   *t = DatumGetTextPP(datum);

				return DdbMakeString(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
			}
		case DDB_TYPE_B:
			{
				bytea	   *b = DatumGetByteaPP(datum);

				return DdbMakeBinary(VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
			}
		case DDB_TYPE_N:
			{
				char	   *text = DatumGetCString(DirectFunctionCall1(numeric_out, datum));

				return DdbNumberParse(text, strlen(text));
			}
		default:
			elog(ERROR, "invalid key type %d", (int) type);
	}
	pg_unreachable();
}

/* The Key parameter's one error. */
static void
RaiseKeyMismatch(void)
{
	DdbRaise(DDB_EXC_ValidationException,
			 "The provided key element does not match the schema");
}

/* The key of a Key parameter: exactly the key schema. */
void
DdbKeyFromKeyParam(DdbDataTable *table, const DdbValue *key, DdbItemKey *out)
{
	const DdbKeyAttr *attrs[2] = {&table->def->hash_key, &table->def->range_key};
	const DdbValue *values[2] = {NULL, NULL};

	memset(out, 0, sizeof(DdbItemKey));
	if (key == NULL || key->type != DDB_TYPE_M ||
		key->u.map.count != (size_t) table->ntable_keys)
		RaiseKeyMismatch();
	for (int i = 0; i < table->ntable_keys; i++)
	{
		const char *name = KeyName(attrs[i]);
		const DdbValue *v = DdbMapGet(key, name, strlen(name));

		if (v == NULL || v->type != DeclaredType(attrs[i]->type))
			RaiseKeyMismatch();
		DdbCheckKeyValue(v, name, strlen(name), i == 1, false);
		values[i] = v;
	}
	out->hash = values[0];
	out->hash_datum = DdbKeyValueDatum(values[0]);
	if (table->has_range)
	{
		out->range = values[1];
		out->range_datum = DdbKeyValueDatum(values[1]);
	}
}

/* The key of an Item: every key attribute present, with its type. */
void
DdbKeyFromItem(DdbDataTable *table, const DdbValue *item, DdbItemKey *out)
{
	const DdbKeyAttr *attrs[2] = {&table->def->hash_key, &table->def->range_key};
	const DdbValue *values[2] = {NULL, NULL};

	memset(out, 0, sizeof(DdbItemKey));
	for (int i = 0; i < table->ntable_keys; i++)
	{
		const char *name = KeyName(attrs[i]);
		DdbValueType type = DeclaredType(attrs[i]->type);
		const DdbValue *v = DdbMapGet(item, name, strlen(name));

		if (v == NULL)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "Missing the key %s in the item", name);
		if (v->type != type)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "Type mismatch for key %s expected: %s actual: %s",
					 name, DdbTypeName(type), DdbTypeName(v->type));
		DdbCheckKeyValue(v, name, strlen(name), i == 1, true);
		values[i] = v;
	}
	out->hash = values[0];
	out->hash_datum = DdbKeyValueDatum(values[0]);
	if (table->has_range)
	{
		out->range = values[1];
		out->range_datum = DdbKeyValueDatum(values[1]);
	}
}

/* Emptiness and size of an index key value of the right type. */
static void
CheckIndexKeyValue(const DdbValue *v, const char *name, bool is_sort,
				   const char *index_name, bool for_update)
{
	size_t		max = is_sort ? DDB_MAX_RANGE_KEY_SIZE : DDB_MAX_HASH_KEY_SIZE;

	if (v->type == DDB_TYPE_N)
		return;
	if (v->u.str.len == 0)
		DdbRaise(DDB_EXC_ValidationException,
				 "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty %s value. IndexName: %s, IndexKey: %s",
				 v->type == DDB_TYPE_S ? "string" : "binary", index_name, name);
	if (v->u.str.len > max)
	{
		if (for_update)
			DdbRaise(DDB_EXC_ValidationException,
					 "The update expression attempted to update the secondary index key beyond allowed size limits");
		if (is_sort)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "Size of hashkey has exceeded the maximum size limit of2048 bytes");
	}
}

/*
 * Index key attributes in an item: declared type, not empty, not too
 * long.  GSIs are checked before LSIs, each in reverse creation order, as
 * dynalite (after the service) reports them.
 */
void
DdbCheckIndexKeyTypes(DdbDataTable *table, const DdbValue *item, bool for_update)
{
	for (int pass = 0; pass < 2; pass++)
	{
		for (int i = table->nindexes - 1; i >= 0; i--)
		{
			DdbDataIndex *ix = &table->indexes[i];
			const DdbKeyAttr *attrs[2] = {&ix->def->hash_key, &ix->def->range_key};

			if (ix->def->is_global != (pass == 0))
				continue;
			for (int k = 0; k < 2; k++)
			{
				const char *name = attrs[k]->name;
				DdbValueType type;
				const DdbValue *v;

				if (name == NULL)
					continue;
				v = DdbMapGet(item, name, strlen(name));
				if (v == NULL)
					continue;
				type = DeclaredType(attrs[k]->type);
				if (v->type != type)
				{
					if (for_update)
						DdbRaise(DDB_EXC_ValidationException,
								 "The update expression attempted to update the secondary index key to unsupported type");
					DdbRaise(DDB_EXC_ValidationException,
							 INVALID_PREFIX "Type mismatch for Index Key %s Expected: %s Actual: %s IndexName: %s",
							 name, DdbTypeName(type), DdbTypeName(v->type),
							 ix->def->index_name);
				}
				CheckIndexKeyValue(v, name, k == 1, ix->def->index_name, for_update);
			}
		}
	}
}

/* The key as an item. */
DdbValue *
DdbKeyToItem(DdbDataTable *table, const DdbItemKey *key)
{
	DdbMapEntry *entries = palloc0(sizeof(DdbMapEntry) * 2);
	int			n = 0;

	entries[n].name = table->def->hash_key.name;
	entries[n].name_len = strlen(table->def->hash_key.name);
	entries[n++].value = (DdbValue *) key->hash;
	if (table->has_range)
	{
		entries[n].name = table->def->range_key.name;
		entries[n].name_len = strlen(table->def->range_key.name);
		entries[n++].value = (DdbValue *) key->range;
	}
	return DdbMakeMap(entries, n);
}

/* Whether two keys are equal. */
bool
DdbItemKeyEquals(const DdbItemKey *a, const DdbItemKey *b)
{
	if (!DdbValueEquals(a->hash, b->hash))
		return false;
	if ((a->range == NULL) != (b->range == NULL))
		return false;
	return a->range == NULL || DdbValueEquals(a->range, b->range);
}

/*-------------------------------------------------------------------------
 * Reading
 *-------------------------------------------------------------------------
 */

/* Scan keys on (hash_key[, range_key]) of a primary key B-tree. */
static int
InitKeyScan(ScanKey skeys, DdbDataTable *table, const DdbItemKey *key)
{
	ScanKeyInit(&skeys[0], 1, BTEqualStrategyNumber, EqualProc(table->hash_type),
				key->hash_datum);
	if (!table->has_range)
		return 1;
	ScanKeyInit(&skeys[1], 2, BTEqualStrategyNumber, EqualProc(table->range_type),
				key->range_datum);
	return 2;
}

/* Fill a DdbStoredItem from the row in a slot. */
static void
StoredFromSlot(DdbRelInfo *ri, TupleTableSlot *slot, DdbStoredItem *out)
{
	bool		isnull;
	Datum		item = slot_getattr(slot, ri->att_item, &isnull);
	Datum		size;

	if (isnull)
		elog(ERROR, "an item of relation \"%s\" is null", ri->relname);
	out->found = true;
	out->item = (Jsonb *) PG_DETOAST_DATUM_COPY(item);
	size = slot_getattr(slot, ri->att_size, &isnull);
	out->size = isnull ? 0 : DatumGetInt32(size);
	out->value = NULL;
	out->tid = slot->tts_tid;
}

/* Read one item with a fresh MVCC snapshot. */
bool
DdbFetchItem(DdbDataTable *table, const DdbItemKey *key, DdbStoredItem *out)
{
	DdbDataPrivate *priv = DdbTablePrivate(table);
	Relation	rel = table_open(table->relid, NoLock);
	Relation	pkey = index_open(table->pkey_oid, AccessShareLock);
	Snapshot	snapshot = RegisterSnapshot(GetTransactionSnapshot());
	ScanKeyData skeys[2];
	int			nkeys = InitKeyScan(skeys, table, key);
	IndexScanDesc scan;
	TupleTableSlot *slot = table_slot_create(rel, NULL);

	memset(out, 0, sizeof(DdbStoredItem));
	scan = index_beginscan(rel, pkey, snapshot, nkeys, 0);
	index_rescan(scan, skeys, nkeys, NULL, 0);
	if (index_getnext_slot(scan, ForwardScanDirection, slot))
		StoredFromSlot(&priv->items, slot, out);
	index_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	UnregisterSnapshot(snapshot);
	index_close(pkey, NoLock);
	table_close(rel, NoLock);
	return out->found;
}

/* The stored item as a DdbValue, converted once. */
DdbValue *
DdbStoredItemValue(DdbStoredItem *item)
{
	const char *error = NULL;

	if (!item->found)
		return NULL;
	if (item->value == NULL)
	{
		item->value = DdbJsonbDocumentToItem(item->item, &error);
		if (item->value == NULL)
			elog(ERROR, "a stored item is not valid: %s", error ? error : "not an item");
	}
	return item->value;
}

/*-------------------------------------------------------------------------
 * Writing
 *-------------------------------------------------------------------------
 */

/*
 * Find the row with the scan keys on a unique index, waiting for the
 * transactions changing it, and lock it when asked (see the file header).
 * The row is left in slot.
 */
static bool
FindRow(Relation rel, Relation pkey, ScanKey skeys, int nkeys,
		TupleTableSlot *slot, bool lock)
{
	SnapshotData dirty;
	IndexScanDesc scan;
	bool		found;

	InitDirtySnapshot(dirty);
	scan = index_beginscan(rel, pkey, &dirty, nkeys, 0);

retry:
	found = false;
	index_rescan(scan, skeys, nkeys, NULL, 0);
	if (index_getnext_slot(scan, ForwardScanDirection, slot))
	{
		TransactionId xwait;

		ExecMaterializeSlot(slot);
		xwait = TransactionIdIsValid(dirty.xmin) ? dirty.xmin : dirty.xmax;
		if (TransactionIdIsValid(xwait))
		{
			XactLockTableWait(xwait, NULL, NULL, XLTW_None);
			goto retry;
		}
		found = true;
	}

	if (found && lock)
	{
		TM_FailureData tmfd;
		TM_Result	res;

		PushActiveSnapshot(GetLatestSnapshot());
		res = table_tuple_lock(rel, &slot->tts_tid, GetLatestSnapshot(), slot,
							   GetCurrentCommandId(false), LockTupleExclusive,
							   LockWaitBlock, 0, &tmfd);
		PopActiveSnapshot();
		switch (res)
		{
			case TM_Ok:
				break;
			case TM_Updated:
			case TM_Deleted:
				/* changed since we looked: look again */
				goto retry;
			case TM_SelfModified:
				elog(ERROR, "an item was changed twice in one command");
				break;
			default:
				elog(ERROR, "unexpected table_tuple_lock status: %u", res);
		}
	}
	index_endscan(scan);
	return found;
}

/*
 * Lock an absent key (see the file header): an advisory-class lock on
 * (database, item relation, hash of the key), released by the caller.
 */
static void
LockKey(DdbDataTable *table, const DdbItemKey *key, LOCKTAG *tag)
{
	uint32		h;

	h = hash_bytes((const unsigned char *) key->hash->u.str.data,
				   (int) key->hash->u.str.len);
	if (key->range != NULL)
		h = hash_combine(h, hash_bytes((const unsigned char *) key->range->u.str.data,
									   (int) key->range->u.str.len));
	SET_LOCKTAG_ADVISORY(*tag, MyDatabaseId, table->relid, h, KEY_LOCK_CLASS);
	(void) LockAcquire(tag, ExclusiveLock, false, false);
}

/*
 * Insert the index tuples of a new row version into every index of the
 * relation that accepts inserts.
 */
static void
InsertIndexTuples(DdbRelInfo *ri, Relation rel, TupleTableSlot *slot,
				  bool update, bool indexes_unchanged)
{
	EState	   *estate = NULL;
	ExprContext *econtext = NULL;

	if (ri->needs_estate)
	{
		estate = CreateExecutorState();
		econtext = GetPerTupleExprContext(estate);
		econtext->ecxt_scantuple = slot;
	}
	for (int i = 0; i < ri->nidx; i++)
	{
		IndexInfo  *ii = ri->idx_infos[i];
		Relation	irel;
		Datum		values[INDEX_MAX_KEYS];
		bool		isnull[INDEX_MAX_KEYS];

		if (!ii->ii_ReadyForInserts)
			continue;
		irel = index_open(ri->idx_oids[i], RowExclusiveLock);
		if (estate != NULL)
		{
			/* expressions and predicates: a private IndexInfo per use */
			ii = BuildIndexInfo(irel);
			if (ii->ii_Predicate != NIL)
			{
				ExprState  *pred = ExecPrepareQual(ii->ii_Predicate, estate);

				if (!ExecQual(pred, econtext))
				{
					index_close(irel, NoLock);
					continue;
				}
			}
		}
		FormIndexDatum(ii, slot, estate, values, isnull);
		index_insert(irel, values, isnull, &slot->tts_tid, rel,
					 ii->ii_Unique ? UNIQUE_CHECK_YES : UNIQUE_CHECK_NO,
					 update && indexes_unchanged && ri->idx_oids[i] == ri->pkey_oid, ii);
		index_close(irel, NoLock);
	}
	if (estate != NULL)
		FreeExecutorState(estate);
}

/*
 * The new row of the item relation: key columns, item, size; other
 * columns keep their old values (old may be NULL: then they are null).
 */
static void
FillItemSlot(DdbRelInfo *ri, TupleTableSlot *slot, TupleTableSlot *old,
			 DdbDataTable *table, const DdbItemKey *key, Jsonb *item, int32 size)
{
	ExecClearTuple(slot);
	if (old != NULL)
	{
		slot_getallattrs(old);
		memcpy(slot->tts_values, old->tts_values, sizeof(Datum) * ri->natts);
		memcpy(slot->tts_isnull, old->tts_isnull, sizeof(bool) * ri->natts);
	}
	else
	{
		memset(slot->tts_values, 0, sizeof(Datum) * ri->natts);
		memset(slot->tts_isnull, true, sizeof(bool) * ri->natts);
	}
	slot->tts_values[ri->att_hash - 1] = key->hash_datum;
	slot->tts_isnull[ri->att_hash - 1] = false;
	if (table->has_range)
	{
		slot->tts_values[ri->att_range - 1] = key->range_datum;
		slot->tts_isnull[ri->att_range - 1] = false;
	}
	slot->tts_values[ri->att_item - 1] = JsonbPGetDatum(item);
	slot->tts_isnull[ri->att_item - 1] = false;
	slot->tts_values[ri->att_size - 1] = Int32GetDatum(size);
	slot->tts_isnull[ri->att_size - 1] = false;
	ExecStoreVirtualTuple(slot);
}

/*
 * The entry of an item in an index: false (sparse) when an index key
 * attribute is missing or not a valid key of the declared type.
 */
static bool
BuildEntry(DdbDataTable *table, DdbDataIndex *index, const DdbValue *item,
		   Jsonb *item_jsonb, int32 item_size, EntryData *entry)
{
	DdbIndexDef *def = index->def;
	const DdbValue *hv;
	const DdbValue *rv = NULL;
	DdbMapEntry *entries;
	size_t		n = 0;

	memset(entry, 0, sizeof(EntryData));
	if (item == NULL)
		return false;
	hv = DdbMapGet(item, def->hash_key.name, strlen(def->hash_key.name));
	if (hv == NULL || hv->type != index->hash_type)
		return false;
	if (hv->type != DDB_TYPE_N &&
		(hv->u.str.len == 0 || hv->u.str.len > DDB_MAX_HASH_KEY_SIZE))
		return false;
	if (index->has_range)
	{
		rv = DdbMapGet(item, def->range_key.name, strlen(def->range_key.name));
		if (rv == NULL || rv->type != index->range_type)
			return false;
		if (rv->type != DDB_TYPE_N &&
			(rv->u.str.len == 0 || rv->u.str.len > DDB_MAX_RANGE_KEY_SIZE))
			return false;
	}
	entry->present = true;
	entry->index_hash = DdbKeyValueDatum(hv);
	if (rv != NULL)
		entry->index_range = DdbKeyValueDatum(rv);

	if (strcmp(def->projection_type, "ALL") == 0)
	{
		entry->item = item_jsonb;
		entry->size = item_size;
		return true;
	}

	/* KEYS_ONLY and INCLUDE: the table and index keys, and the listed ones */
	entries = palloc0(sizeof(DdbMapEntry) * Max(item->u.map.count, 1));
	for (size_t i = 0; i < item->u.map.count; i++)
	{
		const DdbMapEntry *e = &item->u.map.entries[i];
		bool		take = false;
		const char *keys[4] = {table->def->hash_key.name, table->def->range_key.name,
		def->hash_key.name, def->range_key.name};
		ListCell   *lc;

		for (int k = 0; k < 4 && !take; k++)
			take = keys[k] != NULL && strlen(keys[k]) == e->name_len &&
				memcmp(keys[k], e->name, e->name_len) == 0;
		if (!take && strcmp(def->projection_type, "INCLUDE") == 0)
		{
			foreach(lc, def->non_key_attributes)
			{
				const char *a = lfirst(lc);

				if (strlen(a) == e->name_len && memcmp(a, e->name, e->name_len) == 0)
				{
					take = true;
					break;
				}
			}
		}
		if (take)
			entries[n++] = *e;
	}
	{
		DdbValue   *projected = DdbMakeMap(entries, n);

		entry->item = DdbItemToJsonb(projected);
		entry->size = (int32) DdbItemSize(projected);
	}
	return true;
}

/* Whether two varlena key Datums (text, numeric, bytea) are equal. */
static bool
DatumsEqual(Datum a, Datum b)
{
	struct varlena *va = PG_DETOAST_DATUM_PACKED(a);
	struct varlena *vb = PG_DETOAST_DATUM_PACKED(b);

	return VARSIZE_ANY_EXHDR(va) == VARSIZE_ANY_EXHDR(vb) &&
		memcmp(VARDATA_ANY(va), VARDATA_ANY(vb), VARSIZE_ANY_EXHDR(va)) == 0;
}

/*
 * Whether a stored item has the attributes of the index's keys (when it
 * does not, it has no entry in the index and none needs looking up).
 */
static bool
HasIndexKeys(DdbDataIndex *index, Jsonb *item)
{
	const char *names[2] = {index->def->hash_key.name, index->def->range_key.name};

	if (item == NULL || !JB_ROOT_IS_OBJECT(item))
		return false;
	for (int k = 0; k < 2; k++)
		if (names[k] != NULL &&
			getKeyJsonValueFromContainer(&item->root, names[k], strlen(names[k]), NULL) == NULL)
			return false;
	return true;
}

/*
 * Bring index i in step with the item's new state (new_item NULL: the
 * item is gone).  old_found tells whether the item existed, i.e. whether
 * an index row may exist.
 */
static void
MaintainIndex(DdbDataTable *table, int i, const DdbItemKey *key, bool old_found,
			  Jsonb *old_item, const DdbValue *new_item, Jsonb *new_jsonb,
			  int32 new_size, DdbConsumed *consumed)
{
	DdbDataIndex *ix = &table->indexes[i];
	DdbRelInfo *ri = &DdbTablePrivate(table)->indexes[i];
	EntryData	entry;
	Relation	rel;
	Relation	pkey;
	TupleTableSlot *old = NULL;
	TupleTableSlot *slot;
	bool		have_old = false;
	double		units = 0;

	BuildEntry(table, ix, new_item, new_jsonb, new_size, &entry);
	/* the old item had an entry only if it had the index key attributes */
	if (old_found && !HasIndexKeys(ix, old_item))
		old_found = false;
	if (!old_found && !entry.present)
		return;

	rel = table_open(ix->relid, NoLock);
	pkey = index_open(ix->pkey_oid, RowExclusiveLock);
	if (old_found)
	{
		ScanKeyData skeys[2];
		int			nkeys = InitKeyScan(skeys, table, key);

		old = table_slot_create(rel, NULL);
		have_old = FindRow(rel, pkey, skeys, nkeys, old, false);
	}

	if (have_old && entry.present)
	{
		bool		isnull;
		Datum		oh = slot_getattr(old, ri->att_index_hash, &isnull);
		Datum		oi = slot_getattr(old, ri->att_item, &isnull);
		Jsonb	   *old_item = DatumGetJsonbP(oi);
		bool		same_keys = DatumsEqual(oh, entry.index_hash);
		bool		update_indexes;

		if (same_keys && ix->has_range)
			same_keys = DatumsEqual(slot_getattr(old, ri->att_index_range, &isnull),
									entry.index_range);
		if (same_keys && VARSIZE(old_item) == VARSIZE(entry.item) &&
			memcmp(old_item, entry.item, VARSIZE(old_item)) == 0)
			goto done;			/* nothing projected changed */

		slot = table_slot_create(rel, NULL);
		slot_getallattrs(old);
		ExecClearTuple(slot);
		memcpy(slot->tts_values, old->tts_values, sizeof(Datum) * ri->natts);
		memcpy(slot->tts_isnull, old->tts_isnull, sizeof(bool) * ri->natts);
		slot->tts_values[ri->att_index_hash - 1] = entry.index_hash;
		if (ix->has_range)
			slot->tts_values[ri->att_index_range - 1] = entry.index_range;
		slot->tts_values[ri->att_item - 1] = JsonbPGetDatum(entry.item);
		slot->tts_values[ri->att_size - 1] = Int32GetDatum(entry.size);
		ExecStoreVirtualTuple(slot);
		simple_table_tuple_update(rel, &old->tts_tid, slot, GetLatestSnapshot(),
								  &update_indexes);
		if (update_indexes)
			InsertIndexTuples(ri, rel, slot, true, same_keys);
		ExecDropSingleTupleTableSlot(slot);
		units = DdbWriteUnits(entry.size);
		if (!same_keys)
		{
			bool		isnull2;
			Datum		osize = slot_getattr(old, ri->att_size, &isnull2);

			units += DdbWriteUnits(isnull2 ? 0 : DatumGetInt32(osize));
		}
	}
	else if (have_old)
	{
		bool		isnull;
		Datum		osize = slot_getattr(old, ri->att_size, &isnull);

		simple_table_tuple_delete(rel, &old->tts_tid, GetLatestSnapshot());
		units = DdbWriteUnits(isnull ? 0 : DatumGetInt32(osize));
	}
	else if (entry.present)
	{
		slot = table_slot_create(rel, NULL);
		ExecClearTuple(slot);
		memset(slot->tts_values, 0, sizeof(Datum) * ri->natts);
		memset(slot->tts_isnull, true, sizeof(bool) * ri->natts);
		slot->tts_values[ri->att_index_hash - 1] = entry.index_hash;
		slot->tts_isnull[ri->att_index_hash - 1] = false;
		if (ix->has_range)
		{
			slot->tts_values[ri->att_index_range - 1] = entry.index_range;
			slot->tts_isnull[ri->att_index_range - 1] = false;
		}
		slot->tts_values[ri->att_hash - 1] = key->hash_datum;
		slot->tts_isnull[ri->att_hash - 1] = false;
		if (table->has_range)
		{
			slot->tts_values[ri->att_range - 1] = key->range_datum;
			slot->tts_isnull[ri->att_range - 1] = false;
		}
		slot->tts_values[ri->att_item - 1] = JsonbPGetDatum(entry.item);
		slot->tts_isnull[ri->att_item - 1] = false;
		slot->tts_values[ri->att_size - 1] = Int32GetDatum(entry.size);
		slot->tts_isnull[ri->att_size - 1] = false;
		ExecStoreVirtualTuple(slot);
		simple_table_tuple_insert(rel, slot);
		InsertIndexTuples(ri, rel, slot, false, false);
		ExecDropSingleTupleTableSlot(slot);
		units = DdbWriteUnits(entry.size);
	}

done:
	if (consumed != NULL && units > 0)
	{
		consumed->indexes[i] += units;
		consumed->touched[i] = true;
		consumed->write_units += units;
	}
	if (old != NULL)
		ExecDropSingleTupleTableSlot(old);
	index_close(pkey, NoLock);
	table_close(rel, NoLock);
}

/* The race-safe conditional write. */
void
DdbWriteItem(DdbDataTable *table, const DdbItemKey *key, DdbWriteDecision decide,
			 void *arg, DdbWriteResult *result, DdbConsumed *consumed)
{
	DdbDataPrivate *priv = DdbTablePrivate(table);
	DdbRelInfo *ri = &priv->items;
	DdbWriteResult local;
	Relation	rel;
	Relation	pkey;
	ScanKeyData skeys[2];
	int			nkeys;
	TupleTableSlot *oldslot;
	TupleTableSlot *newslot = NULL;
	LOCKTAG		keytag;
	bool		key_locked = false;
	bool		found;
	const DdbValue *new_item = NULL;
	DdbWriteAction action;
	Jsonb	   *new_jsonb = NULL;
	int32		new_size = 0;
	double		units;

	if (result == NULL)
		result = &local;
	memset(result, 0, sizeof(DdbWriteResult));

	rel = table_open(table->relid, NoLock);
	pkey = index_open(table->pkey_oid, RowExclusiveLock);
	nkeys = InitKeyScan(skeys, table, key);
	oldslot = table_slot_create(rel, NULL);

	for (;;)
	{
		found = FindRow(rel, pkey, skeys, nkeys, oldslot, true);
		if (found || key_locked)
			break;
		LockKey(table, key, &keytag);
		key_locked = true;
	}

	if (found)
		StoredFromSlot(ri, oldslot, &result->old);
	action = decide(arg, &result->old, &new_item);

	if (action == DDB_WRITE_PUT)
	{
		new_jsonb = DdbItemToJsonb(new_item);
		new_size = (int32) DdbItemSize(new_item);
		newslot = table_slot_create(rel, NULL);
		FillItemSlot(ri, newslot, found ? oldslot : NULL, table, key, new_jsonb, new_size);
		if (found)
		{
			bool		update_indexes;

			simple_table_tuple_update(rel, &oldslot->tts_tid, newslot,
									  GetLatestSnapshot(), &update_indexes);
			if (update_indexes)
				InsertIndexTuples(ri, rel, newslot, true, true);
		}
		else
		{
			simple_table_tuple_insert(rel, newslot);
			InsertIndexTuples(ri, rel, newslot, false, false);
		}
		result->new_item = new_item;
		result->new_size = new_size;
	}
	else if (action == DDB_WRITE_DELETE && found)
		simple_table_tuple_delete(rel, &oldslot->tts_tid, GetLatestSnapshot());
	else if (action != DDB_WRITE_DELETE)
	{
		/* nothing: the item stays as it is */
		result->new_item = found ? DdbStoredItemValue(&result->old) : NULL;
		result->new_size = found ? result->old.size : 0;
	}
	result->action = action;

	/* the row is in the primary key now (or stays absent): free the key */
	if (key_locked)
		LockRelease(&keytag, ExclusiveLock, false);

	if (action != DDB_WRITE_NOTHING)
		for (int i = 0; i < table->nindexes; i++)
			MaintainIndex(table, i, key, found, found ? result->old.item : NULL,
						  action == DDB_WRITE_PUT ? new_item : NULL,
						  new_jsonb, new_size, consumed);

	if (newslot != NULL)
		ExecDropSingleTupleTableSlot(newslot);
	ExecDropSingleTupleTableSlot(oldslot);
	index_close(pkey, NoLock);
	table_close(rel, NoLock);

	if (action != DDB_WRITE_NOTHING)
		CommandCounterIncrement();

	units = DdbWriteUnits(Max(found ? result->old.size : 0,
							  action == DDB_WRITE_PUT ? new_size : 0));
	if (consumed != NULL)
	{
		consumed->table += units;
		consumed->write_units += units;
	}
}

/* Decision of an unconditional put. */
static DdbWriteAction
DecidePut(void *arg, DdbStoredItem *current, const DdbValue **new_item)
{
	*new_item = arg;
	return DDB_WRITE_PUT;
}

/* Decision of an unconditional delete. */
static DdbWriteAction
DecideDelete(void *arg, DdbStoredItem *current, const DdbValue **new_item)
{
	return DDB_WRITE_DELETE;
}

/* Store an item, whatever is there. */
void
DdbPutItemUnconditionally(DdbDataTable *table, const DdbItemKey *key,
						  const DdbValue *item, DdbWriteResult *result,
						  DdbConsumed *consumed)
{
	DdbWriteItem(table, key, DecidePut, (void *) item, result, consumed);
}

/* Remove an item, if there is one. */
void
DdbDeleteItemUnconditionally(DdbDataTable *table, const DdbItemKey *key,
							 DdbWriteResult *result, DdbConsumed *consumed)
{
	DdbWriteItem(table, key, DecideDelete, NULL, result, consumed);
}

/* ConditionalCheckFailedException, with the item when asked. */
void
DdbRaiseConditionalCheckFailed(DdbStoredItem *current, bool return_old)
{
	Jsonb	   *members = NULL;

	if (return_old && current != NULL && current->found)
	{
		DdbJson		js;

		DdbJsonInit(&js);
		DdbJsonBeginObject(&js, NULL);
		DdbJsonPutJsonb(&js, "Item", current->item);
		DdbJsonEndObject(&js);
		members = DdbJsonFinish(&js);
	}
	DdbRaiseWithMembers(DDB_EXC_ConditionalCheckFailedException, members,
						"The conditional request failed");
}

/*-------------------------------------------------------------------------
 * Item collections
 *-------------------------------------------------------------------------
 */

/* Total item_size of the rows of a relation with this partition key. */
static int64
CollectionBytes(Oid relid, Oid pkey_oid, AttrNumber att_size, DdbValueType hash_type,
				Datum hash)
{
	Relation	rel = table_open(relid, NoLock);
	Relation	pkey = index_open(pkey_oid, AccessShareLock);
	Snapshot	snapshot = RegisterSnapshot(GetTransactionSnapshot());
	ScanKeyData skey;
	IndexScanDesc scan;
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	int64		bytes = 0;

	ScanKeyInit(&skey, 1, BTEqualStrategyNumber, EqualProc(hash_type), hash);
	scan = index_beginscan(rel, pkey, snapshot, 1, 0);
	index_rescan(scan, &skey, 1, NULL, 0);
	while (index_getnext_slot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		Datum		size = slot_getattr(slot, att_size, &isnull);

		CHECK_FOR_INTERRUPTS();
		if (!isnull)
			bytes += DatumGetInt32(size);
	}
	index_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	UnregisterSnapshot(snapshot);
	index_close(pkey, NoLock);
	table_close(rel, NoLock);
	return bytes;
}

/* ItemCollectionMetrics of a write to a table with LSIs. */
void
DdbJsonPutItemCollectionMetrics(DdbJson *js, const char *key, DdbDataTable *table,
								const DdbItemKey *item_key)
{
	DdbDataPrivate *priv = DdbTablePrivate(table);
	int64		bytes;
	double		gb;
	double		lower;
	DdbMapEntry entry;

	if (!table->has_lsi)
		return;
	bytes = CollectionBytes(table->relid, table->pkey_oid, priv->items.att_size,
							table->hash_type, item_key->hash_datum);
	for (int i = 0; i < table->nindexes; i++)
		if (!table->indexes[i].def->is_global)
			bytes += CollectionBytes(table->indexes[i].relid, table->indexes[i].pkey_oid,
									 priv->indexes[i].att_size, table->hash_type,
									 item_key->hash_datum);
	gb = (double) bytes / (1024.0 * 1024.0 * 1024.0);
	lower = floor(gb);

	DdbJsonBeginObject(js, key);
	entry.name = table->def->hash_key.name;
	entry.name_len = strlen(entry.name);
	entry.value = (DdbValue *) item_key->hash;
	DdbJsonPutItem(js, "ItemCollectionKey", DdbMakeMap(&entry, 1));
	DdbJsonBeginArray(js, "SizeEstimateRangeGB");
	DdbJsonPutNumeric(js, NULL, DatumGetNumeric(DirectFunctionCall3(numeric_in,
																	CStringGetDatum(psprintf("%.1f", lower)),
																	ObjectIdGetDatum(InvalidOid),
																	Int32GetDatum(-1))));
	DdbJsonPutNumeric(js, NULL, DatumGetNumeric(DirectFunctionCall3(numeric_in,
																	CStringGetDatum(psprintf("%.1f", lower + 1.0)),
																	ObjectIdGetDatum(InvalidOid),
																	Int32GetDatum(-1))));
	DdbJsonEndArray(js);
	DdbJsonEndObject(js);
}
