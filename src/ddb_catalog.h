/*-------------------------------------------------------------------------
 *
 * ddb_catalog.h
 *	  The table registry: DynamoDB tables and their secondary indexes.
 *
 * The catalog lives in the internal schema ddb_catalog (tables "tables"
 * and "indexes", see the install script), marked for pg_dump, unreadable
 * by PUBLIC.  It is read and written only by this module, through SPI, as
 * the extension's owner (after the calling operation has made its own
 * permission checks).
 *
 * A DdbTableDef is one catalog row plus its indexes, loaded into the
 * caller's memory context.  Operations load a definition, check and change
 * it, then save it; the row lock taken by DdbLoadTable(..., for_update)
 * serialises concurrent control-plane changes of one table.
 *
 * Storage: each table's items live in ddb_data.<relname> (see
 * ddb_storage.h), each secondary index in its own ddb_data.<relname>.
 *
 * IDENTIFICATION
 *	  src/ddb_catalog.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_CATALOG_H
#define DDB_CATALOG_H

#include "postgres.h"

#include "nodes/pg_list.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#define DDB_CATALOG_SCHEMA "ddb_catalog"
#define DDB_DATA_SCHEMA "ddb_data"

/* A key attribute: name and declared type 'S', 'N' or 'B'. */
typedef struct DdbKeyAttr
{
	char	   *name;			/* NULL when the key has no such element */
	char		type;
} DdbKeyAttr;

/* Provisioned throughput with DynamoDB's bookkeeping of changes. */
typedef struct DdbThroughput
{
	int64		read_capacity;
	int64		write_capacity;
	TimestampTz last_increase;	/* 0 when never */
	TimestampTz last_decrease;	/* 0 when never */
	int32		decreases_today;
} DdbThroughput;

/* One GSI or LSI. */
typedef struct DdbIndexDef
{
	char	   *index_name;
	bool		is_global;
	int32		position;		/* creation order among the table's indexes */
	char	   *relname;		/* storage relation in ddb_data */
	Oid			relid;			/* resolved at load time */
	DdbKeyAttr	hash_key;
	DdbKeyAttr	range_key;
	char	   *projection_type;	/* ALL, KEYS_ONLY, INCLUDE */
	List	   *non_key_attributes; /* of char *, INCLUDE only */
	char	   *index_status;	/* CREATING, UPDATING, DELETING, ACTIVE */
	bool		backfilling;	/* meaningful for GSIs added by UpdateTable */
	bool		added_later;	/* added by UpdateTable (shows Backfilling) */
	DdbThroughput throughput;	/* GSIs; 0/0 in PAY_PER_REQUEST */
	Jsonb	   *on_demand_throughput;	/* or NULL */
	Jsonb	   *warm_throughput;	/* or NULL */
	int64		item_count;		/* not stored: see DdbRefreshTableStatistics */
	int64		size_bytes;		/* not stored: see DdbRefreshTableStatistics */
} DdbIndexDef;

/* One DynamoDB table: a row of ddb_catalog.tables and its indexes. */
typedef struct DdbTableDef
{
	char	   *table_id;		/* UUID text */
	char	   *table_name;
	char	   *table_arn;
	char	   *relname;		/* item relation in ddb_data */
	Oid			relid;			/* resolved at load time */
	char	   *created_by;		/* name of the role that created it */
	char	   *table_status;	/* CREATING, ACTIVE, UPDATING, DELETING */
	TimestampTz creation_time;
	DdbKeyAttr	hash_key;
	DdbKeyAttr	range_key;
	Jsonb	   *attribute_definitions;	/* [{AttributeName, AttributeType}] */
	char	   *billing_mode;	/* PROVISIONED, PAY_PER_REQUEST */
	TimestampTz billing_mode_changed;	/* 0 when never switched */
	DdbThroughput throughput;
	bool		stream_enabled;
	char	   *stream_view_type;	/* or NULL */
	char	   *stream_label;	/* ISO 8601 label of the latest stream, or NULL */
	Jsonb	   *sse_description;	/* SSEDescription, or NULL */
	char	   *table_class;	/* STANDARD, STANDARD_INFREQUENT_ACCESS */
	TimestampTz table_class_changed;	/* 0 when never set */
	bool		deletion_protection;
	Jsonb	   *on_demand_throughput;	/* or NULL */
	Jsonb	   *warm_throughput;	/* or NULL */
	char	   *ttl_attribute;	/* or NULL */
	char	   *ttl_status;		/* ENABLING, ENABLED, DISABLING, DISABLED */
	TimestampTz ttl_changed;	/* 0 when never */
	bool		pitr_enabled;
	int32		pitr_period_days;
	TimestampTz pitr_enabled_time;	/* 0 when disabled */
	Jsonb	   *tags;			/* [{Key, Value}] in insertion order */
	Jsonb	   *restore_summary;	/* RestoreSummary, or NULL */
	int64		item_count;		/* not stored: see DdbRefreshTableStatistics */
	int64		size_bytes;		/* not stored: see DdbRefreshTableStatistics */
	List	   *indexes;		/* of DdbIndexDef *, by position */
} DdbTableDef;

/*
 * Find a table by name or ARN.  Returns NULL when there is none and
 * missing_ok; otherwise raises ResourceNotFoundException with DynamoDB's
 * control-plane text ("Requested resource not found: Table: <name> not
 * found").  for_update locks the catalog row until the end of the
 * transaction.  Either way the item relation is locked in ACCESS SHARE
 * mode until the end of the transaction, so the table cannot be dropped
 * under the caller; a table whose deletion commits while this waits for
 * that lock is reported as missing.  No permission is checked here: see
 * ddb_acl.h.
 */
extern DdbTableDef *DdbLoadTable(const char *name_or_arn, bool for_update,
								 bool missing_ok);

/*
 * Insert a new table's row and its indexes' rows (created_by defaults to
 * the current user).  A table of that name committed meanwhile by another
 * session is ResourceInUseException ("Table already exists: <name>").
 */
extern void DdbInsertTable(DdbTableDef *table);

/* Rewrite a table's row and its index rows from the definition. */
extern void DdbSaveTable(DdbTableDef *table);

/* Remove a table's row and its index rows. */
extern void DdbDeleteTableRow(DdbTableDef *table);

/*
 * Invalidate every backend's cached table definitions once the calling
 * transaction commits (DdbInsertTable, DdbSaveTable and DdbDeleteTableRow
 * call it; so must any other writer of the registry).
 */
extern void DdbCatalogChanged(void);

/*
 * At most limit table names (char *) in ascending byte order, after
 * start_after (or from the start when NULL); only tables on whose item
 * relation the current user holds some privilege (ListTables' view).
 */
extern List *DdbListTableNames(const char *start_after, int limit);

/* The index of that name, or NULL. */
extern DdbIndexDef *DdbFindIndex(DdbTableDef *table, const char *index_name);

/* The ARN of a table of this name, with the ddbtable.region/account_id. */
extern char *DdbTableArn(const char *table_name);

/*
 * Whether the text has the shape of a table ARN,
 * arn:aws:dynamodb:<region>:<account>:table/<name> (any region and
 * account); sets *name to its name.
 */
extern bool DdbParseTableArn(const char *arn, char **name);

/* The ARN of an index of a table: <table-arn>/index/<name>. */
extern char *DdbIndexArn(DdbTableDef *table, DdbIndexDef *index);

/* The ARN of a table's latest stream: <table-arn>/stream/<label>, or NULL. */
extern char *DdbStreamArn(DdbTableDef *table);

/*
 * The ARN of a KMS key given by id (arn:aws:kms:<region>:<account>:key/<id>),
 * alias/<name> or ARN (kept as it is); NULL means the AWS managed key,
 * alias/aws/dynamodb.
 */
extern char *DdbKmsKeyArn(const char *kms_key_id);

/*
 * The SSEDescription of a table encrypted with a KMS key given by id,
 * alias/<name> or ARN (NULL: the AWS managed key, alias/aws/dynamodb):
 * {"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": ...}.
 */
extern Jsonb *DdbSseDescription(const char *kms_key_id);

/*
 * The number of decreases of a provisioned throughput made on now's UTC
 * day (DynamoDB's NumberOfDecreasesToday): decreases_today when the last
 * decrease was on that day, else 0.
 */
extern int32 DdbDecreasesToday(const DdbThroughput *tp, TimestampTz now);

/*
 * The TableDescription of a table (tables.md §5), with the given
 * TableStatus shown (NULL: the stored one).  The item counts and sizes
 * come from DdbLoadTableStatistics (they lag behind writes by at most
 * ddbtable.statistics_interval seconds).
 */
extern Jsonb *DdbTableDescription(DdbTableDef *table, const char *shown_status);

/*
 * Run fn(arg) as the extension's owner, with search_path set to
 * pg_catalog, pg_temp; the caller's user id, security context and
 * search_path are restored afterwards, also on error.  Callers check the
 * caller's permissions before.
 */
extern void DdbRunAsExtensionOwner(void (*fn) (void *arg), void *arg);

/*
 * Run fn(arg) as the given role in the same way; restricted adds
 * SECURITY_RESTRICTED_OPERATION (used when acting as a table's owner on
 * behalf of another role).
 */
extern void DdbRunAsRole(Oid roleid, bool restricted, void (*fn) (void *arg), void *arg);

/* The OID of the ddbtable extension. */
extern Oid	DdbExtensionOid(void);

#endif							/* DDB_CATALOG_H */
