/*-------------------------------------------------------------------------
 *
 * ddb_data_int.h
 *	  Internals of the data plane shared by ddb_table_cache.c and
 *	  ddb_item_store.c: what the table cache keeps about each relation so
 *	  that a read or write needs no catalog lookup.
 *
 * Every relation the data plane writes (a table's item relation and its
 * index relations) is described once per backend by a DdbRelInfo: the
 * attribute numbers of its columns and every B-tree (or other index) on
 * it, with the IndexInfo the index access methods want.  Indexes a user
 * added to these relations are maintained as well (with an executor state
 * when they have expressions or predicates), so direct writes never leave
 * an index of PostgreSQL's out of step.
 *
 * IDENTIFICATION
 *	  src/ddb_data_int.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_DATA_INT_H
#define DDB_DATA_INT_H

#include "postgres.h"

#include "access/attnum.h"
#include "nodes/execnodes.h"

#include "ddb_data.h"

/* One relation the data plane reads and writes. */
typedef struct DdbRelInfo
{
	Oid			relid;
	char	   *relname;
	int			natts;			/* columns of the relation */
	AttrNumber	att_index_hash; /* index relations only, else 0 */
	AttrNumber	att_index_range;	/* index relations with a sort key */
	AttrNumber	att_hash;
	AttrNumber	att_range;		/* 0 without a sort key */
	AttrNumber	att_item;
	AttrNumber	att_size;
	Oid			pkey_oid;		/* B-tree on (hash_key[, range_key]) */
	int			nidx;			/* every index of the relation */
	Oid		   *idx_oids;
	IndexInfo **idx_infos;		/* built in the cache's memory */
	bool		needs_estate;	/* an index has expressions or a predicate */
} DdbRelInfo;

/* What DdbDataTable.priv points to. */
typedef struct DdbDataPrivate
{
	DdbRelInfo	items;			/* the item relation */
	DdbRelInfo *indexes;		/* per DdbDataTable index */
} DdbDataPrivate;

/* The private part of an open table. */
#define DdbTablePrivate(t) ((DdbDataPrivate *) (t)->priv)

/* Whether an action of ddb_acl.h only reads items. */
extern bool DdbActionIsRead(const char *action);

#endif							/* DDB_DATA_INT_H */
