/*-------------------------------------------------------------------------
 *
 * ddb_table_settings.h
 *	  Helpers shared by the control-plane operations: CreateTable and the
 *	  other table operations, UpdateTable, and the table-settings
 *	  operations (tags, Time to Live, continuous backups).
 *
 * What these operations check or build in the same way lives here once:
 * reading the TableName member (a table name or a table ARN), the
 * request members and model constraints CreateTable and UpdateTable have
 * in common, the semantic checks they share (encryption, table class,
 * on-demand maximums, key schemas, projections), refusing a change to a
 * table that is not ACTIVE, the stored capacity objects, and stream labels.
 *
 * IDENTIFICATION
 *	  src/ddb_table_settings.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_TABLE_SETTINGS_H
#define DDB_TABLE_SETTINGS_H

#include "postgres.h"

#include "utils/jsonb.h"

#include "ddb_catalog.h"
#include "ddb_request.h"

/* TableName (tables.md §1) */

/*
 * Read the TableName member (a table name, or a table ARN) of any
 * operation: raises when it is missing or of bad length, records a bad
 * pattern or an over-long ARN in v.  Returns the member as given and sets
 * *table_name (when not NULL) to the table's name, the ARN's for an ARN;
 * check_arn_name applies the name rules to an ARN's name too (CreateTable).
 */
extern char *DdbReadTableNameMember(JsonbContainer *root, DdbViolations *v,
									bool check_arn_name, char **table_name);

/*
 * The same for a request with no other member to check: raises
 * ValidationException for any problem with TableName.
 */
extern char *DdbRequestTableName(JsonbContainer *root);


/* Request members CreateTable and UpdateTable share */

/* A StreamSpecification as read from a request. */
typedef struct DdbStreamSpec
{
	bool		present;
	bool		has_enabled;	/* StreamEnabled was given */
	bool		enabled;
	char	   *view_type;		/* or NULL */
} DdbStreamSpec;

/* An SSESpecification as read from a request. */
typedef struct DdbSseSpec
{
	bool		present;
	bool		has_enabled;	/* Enabled was given */
	bool		enabled;
	char	   *type;			/* SSEType, or NULL */
	char	   *kms_key_id;		/* KMSMasterKeyId, or NULL */
} DdbSseSpec;

/*
 * Read StreamSpecification or SSESpecification (SerializationException for
 * a bad JSON type); false, and all zero, when absent.
 */
extern bool DdbGetStreamSpecification(JsonbContainer *root, DdbStreamSpec *spec);
extern bool DdbGetSseSpecification(JsonbContainer *root, DdbSseSpec *spec);


/* Model constraints (collected in a DdbViolations) */

/*
 * Model constraints shared by CreateTable and UpdateTable, recorded in v
 * with the service's paths: StreamEnabled required and StreamViewType's
 * enum; SSEType's enum; an AttributeDefinition or KeySchemaElement at path
 * (name 1..255, type required and in its enum); BillingMode's enum; a
 * ProjectionType at path.
 */
extern void DdbCheckStreamSpecificationConstraints(DdbViolations *v,
												   const DdbStreamSpec *spec);
extern void DdbCheckSseSpecificationConstraints(DdbViolations *v, const DdbSseSpec *spec);
extern void DdbCheckAttributeDefinitionConstraints(DdbViolations *v, const char *name,
												   const char *type, const char *path);
extern void DdbCheckKeySchemaElementConstraints(DdbViolations *v, const char *name,
												const char *key_type, const char *path);
extern void DdbCheckBillingModeConstraint(DdbViolations *v, const char *billing_mode);
extern void DdbCheckProjectionTypeConstraint(DdbViolations *v, const char *projection_type,
											 const char *path);


/* Semantic checks: each raises at the first failure */

/*
 * Raise ResourceInUseException ("Attempt to change a resource which is
 * still in use: ...") unless the table's status allows a change.
 */
extern void DdbCheckTableChangeable(DdbTableDef *table);

/*
 * Raise the ValidationException for an SSESpecification that is wrong
 * whatever the table (SSEType or KMSMasterKeyId while disabling, AES256,
 * a key without SSEType KMS).  disabling: it turns encryption off.
 */
extern void DdbCheckSseSpecification(bool disabling, const char *sse_type,
									 const char *kms_key_id);

/* Raise ValidationException unless TableClass (NULL: not given) is valid. */
extern void DdbCheckTableClass(const char *table_class);

/*
 * Raise ValidationException for OnDemandThroughput of the table
 * (index_name NULL) or of a GSI when the table is not PAY_PER_REQUEST.
 */
extern void DdbCheckOnDemandAllowed(const DdbCapacity *cap, bool pay_per_request,
									const char *index_name);

/*
 * Raise ValidationException ("... is outside of valid range") unless each
 * on-demand maximum given is at least 1, or -1.
 */
extern void DdbCheckOnDemandRange(const DdbCapacity *cap, const char *index_name);

/*
 * Raise ValidationException unless a key schema (parallel lists of names
 * and key types, one or two of each) uses only attributes of def_names,
 * two distinct ones, HASH then RANGE.
 */
extern void DdbCheckKeySchema(List *key_names, List *key_types, List *def_names);

/*
 * Raise ValidationException unless a Projection has a type, and
 * NonKeyAttributes (has_non_key) exactly with INCLUDE, without repeats.
 */
extern void DdbCheckProjection(const char *projection_type, bool has_non_key,
							   List *non_key_attributes);


/* Stored OnDemandThroughput and WarmThroughput */

/* Flags of DdbCapacityJsonb */
#define DDB_CAPACITY_MINUS_ONE_REMOVES	0x01	/* -1 removes a member */
#define DDB_CAPACITY_WITH_STATUS		0x02	/* add "Status": "ACTIVE" */
#define DDB_CAPACITY_KEEP_EMPTY			0x04	/* {} when given without members */

/*
 * The stored OnDemandThroughput or WarmThroughput object: current (or
 * NULL) with the members cap gives; NULL when it would be empty (unless
 * DDB_CAPACITY_KEEP_EMPTY).
 */
extern Jsonb *DdbCapacityJsonb(Jsonb *current, const DdbCapacity *cap, int flags);


/* Lists of names and stream labels */

/* Whether a list of C strings (NULL entries allowed) holds str. */
extern bool DdbStringListMember(List *list, const char *str);

/* "a, b": a list of C strings joined as in the service's messages. */
extern char *DdbJoinStrings(List *strings);

/* Format a timestamp as DynamoDB's stream labels do: 2023-11-14T22:13:20.123 */
extern char *DdbIsoTimestamp(TimestampTz ts);

#endif							/* DDB_TABLE_SETTINGS_H */
