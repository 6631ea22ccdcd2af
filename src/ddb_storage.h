/*-------------------------------------------------------------------------
 *
 * ddb_storage.h
 *	  The relations that hold a DynamoDB table's items and index entries.
 *
 * Every DynamoDB table has an item relation ddb_data.t_<table id in hex>:
 *
 *		hash_key	the partition key: text COLLATE "C" (S), numeric (N) or
 *					bytea (B), as declared in AttributeDefinitions
 *		range_key	the sort key, likewise (only when the table has one)
 *		item		jsonb NOT NULL, the whole item in DynamoDB JSON
 *					({"attr": {"S": "..."}, ...})
 *		item_size	integer NOT NULL, DynamoDB's size of the item
 *		PRIMARY KEY (hash_key[, range_key])
 *
 * and every secondary index an index relation ddb_data.<item
 * relation>_i<position>:
 *
 *		index_hash, index_range		the index's keys (index_range only when
 *									the index has a sort key)
 *		hash_key, range_key			the table's keys, as above
 *		item, item_size				the projected attributes and their size
 *		PRIMARY KEY (hash_key[, range_key])		one entry per item
 *		B-tree <relname>_key on (index_hash[, index_range], hash_key[,
 *		range_key]): index-key order, ties in table-key order
 *
 * GSIs and LSIs are sparse: an item that lacks an index key attribute, or
 * whose index key has another type than declared, is empty, or is longer
 * than a key may be, has no entry.
 *
 * The item relation is owned by the role that created the table: the
 * privileges granted on it are the table's privileges (ddb_acl.h).  Index
 * relations have the same owner and carry no grants; they are read and
 * maintained as that owner after the caller's privileges on the item
 * relation have been checked.  Every relation in ddb_data depends
 * automatically on the extension, so a plain DROP EXTENSION drops them.
 *
 * IDENTIFICATION
 *	  src/ddb_storage.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_STORAGE_H
#define DDB_STORAGE_H

#include "postgres.h"

#include "utils/jsonb.h"

#include "ddb_catalog.h"

/*
 * Item and index relations leave this much of each page free for new
 * versions of the rows on it: items are rewritten in place (PutItem over
 * an existing item, UpdateItem), and a new version on the same page is a
 * HOT update that needs no new index entries.
 */
#define DDB_RELATION_FILLFACTOR 80

/* Column names of item and index relations. */
#define DDB_COL_HASH_KEY	"hash_key"
#define DDB_COL_RANGE_KEY	"range_key"
#define DDB_COL_INDEX_HASH	"index_hash"
#define DDB_COL_INDEX_RANGE "index_range"
#define DDB_COL_ITEM		"item"
#define DDB_COL_ITEM_SIZE	"item_size"

/* One index entry built from an item (see DdbBuildIndexEntry). */
typedef struct DdbIndexEntry
{
	Datum		index_hash;
	Datum		index_range;	/* when the index has a sort key */
	Datum		hash_key;
	Datum		range_key;		/* when the table has a sort key */
	Jsonb	   *item;			/* the projected attributes */
	int32		item_size;		/* their DynamoDB size */
} DdbIndexEntry;

/* The OID of schema ddb_data. */
extern Oid	DdbDataNamespace(void);

/*
 * Name the relations of a new table: t_<table id in hex> for its items,
 * <that>_i<position> for each index whose relname is not set yet.
 */
extern void DdbAssignRelnames(DdbTableDef *table);

/*
 * Create the item relation and the index relations of a new table as the
 * calling role, set the relnames and relids in the definition, and make
 * the relations depend on the extension.  The caller has checked the
 * CREATE privilege on ddb_data.
 */
extern void DdbCreateTableStorage(DdbTableDef *table);

/*
 * Create the relation of one index (added to table->indexes, with its
 * position set to one no other index of the table has) as the owner of
 * the table's item relation; sets index->relname and index->relid.  The
 * relation is empty: see DdbBackfillIndex.
 */
extern void DdbCreateIndexStorage(DdbTableDef *table, DdbIndexDef *index);

/* Drop the item relation and every index relation of a table. */
extern void DdbDropTableStorage(DdbTableDef *table);

/* Drop the relation of one index. */
extern void DdbDropIndexStorage(DdbTableDef *table, DdbIndexDef *index);

/*
 * Fill an index relation from the table's items, as the table's owner.
 * Takes a SHARE lock on the item relation, which blocks writes to the
 * table until the calling transaction ends, so no write can miss the new
 * index.  Items without a valid index key are left out.
 */
extern void DdbBackfillIndex(DdbTableDef *table, DdbIndexDef *index);

/*
 * Build the index entry of an item (DynamoDB JSON).  Returns false, and
 * builds nothing, when the item has no entry in the index: an index key
 * attribute is missing, has another type than declared, or holds an empty
 * or too long value (a partition key has at most 2048 bytes, a sort key
 * 1024).  The item's own table keys are assumed valid.
 */
extern bool DdbBuildIndexEntry(DdbTableDef *table, DdbIndexDef *index,
							   Jsonb *item, DdbIndexEntry *entry);

/*
 * The column value of one key attribute of an item: false when the item
 * lacks it or it is not a valid key of that type (empty, too long for a
 * partition key (is_range false) or sort key, or not a number).
 */
extern bool DdbItemKeyDatum(Jsonb *item, const DdbKeyAttr *key, bool is_range,
							Datum *value);

/* DynamoDB's size of an item in DynamoDB JSON (items.md §4). */
extern int32 DdbItemJsonbSize(Jsonb *item);

/*
 * Fill item_count and size_bytes of the table and of each index from
 * their relations (exact, one scan of each), and store the figures in
 * ddb_catalog.statistics (DdbSaveTableStatistics).  Call it after bulk
 * changes such as a restore, so that DescribeTable is exact at once.
 */
extern void DdbRefreshTableStatistics(DdbTableDef *table);

/* Fill item_count and size_bytes by counting (no storing). */
extern void DdbCountTableStatistics(DdbTableDef *table);

/*
 * Fill item_count and size_bytes from the stored figures when they are
 * younger than ddbtable.statistics_interval seconds, else count them again
 * (DdbRefreshTableStatistics).  Small tables (at most
 * DDB_STATISTICS_EXACT_PAGES pages in all) are always counted.  This is
 * what DescribeTable shows: figures that lag behind writes by at most the
 * interval (ddb_statistics.c).
 */
extern void DdbLoadTableStatistics(DdbTableDef *table);

/* Store the figures of a table (best effort, see ddb_statistics.c). */
extern void DdbSaveTableStatistics(DdbTableDef *table);

/* Tables of at most this many pages (item and index relations) are counted */
#define DDB_STATISTICS_EXACT_PAGES 128

/* ddbtable.statistics_interval: seconds the stored figures stay valid */
extern int	ddb_statistics_interval;

/*
 * Record that a relation depends automatically on the extension (once).
 */
extern void DdbRecordExtensionDependency(Oid relid);

#endif							/* DDB_STORAGE_H */
