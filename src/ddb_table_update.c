/*-------------------------------------------------------------------------
 *
 * ddb_table_update.c
 *	  UpdateTable: capacities, billing mode, GSIs, streams, table class.
 *
 * UpdateTable checks a request in DynamoDB's stages and stops at the first
 * failure: the JSON types of its members (SerializationException), the
 * model's constraints (one "N validation errors detected" message), the
 * rules that need no table (at least one change, bounds, the shape of
 * GlobalSecondaryIndexUpdates, which changes may share one request), and
 * then, with the table loaded and locked, the rules that depend on its
 * state.  Only then is anything changed.
 *
 * DynamoDB applies an UpdateTable asynchronously: the response shows
 * TableStatus UPDATING and the table becomes ACTIVE again later.  ddbtable
 * applies the whole change in the caller's transaction, so the table is
 * ACTIVE again as soon as that transaction commits; the catalog never
 * stores UPDATING and the response alone shows it (with IndexStatus
 * UPDATING for GSIs whose throughput changes).
 *
 * A GSI added by UpdateTable is likewise built synchronously: its storage
 * is created and filled from the table's items (DdbBackfillIndex) in the
 * same transaction.  The response shows it as DynamoDB does while it
 * backfills (IndexStatus CREATING, Backfilling true, ItemCount 0); once
 * the transaction commits, DescribeTable shows it ACTIVE with its items.
 *
 * One logical change per request, as the service enforces it: SSE, table
 * class, deletion protection and warm throughput must each be alone;
 * on-demand maximums combine only with BillingMode; stream changes do not
 * combine with capacity changes or index creation; index creation and
 * deletion (one per request) do not combine with table capacity changes.
 * BillingMode combines with table and GSI capacities (switching to
 * PROVISIONED needs both) and, when switching to PAY_PER_REQUEST, with a
 * stream change.
 *
 * IDENTIFICATION
 *	  src/ddb_table_update.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "ddb_acl.h"
#include "ddb_catalog.h"
#include "ddb_core.h"
#include "ddb_json.h"
#include "ddb_operations.h"
#include "ddb_request.h"
#include "ddb_storage.h"
#include "ddb_table_settings.h"

#define DDB_CAPACITY_MAX INT64CONST(1000000000000)
#define DDB_MAX_GSIS 20
#define DDB_MAX_NON_KEY_ATTRIBUTES 100
#define DDB_MAX_NON_KEY_ATTRIBUTES_PER_INDEX 20
#define DDB_FREE_DECREASES_PER_DAY 4

#define INVALID_PREFIX "One or more parameter values were invalid: "

/* One element of GlobalSecondaryIndexUpdates. */
typedef struct GsiAction
{
	int			position;		/* 1-based, as in violation paths */
	bool		has_update;
	bool		has_create;
	bool		has_delete;
	char	   *update_name;
	DdbCapacity update_throughput;
	DdbCapacity update_on_demand;
	DdbCapacity update_warm;
	char	   *delete_name;
	char	   *create_name;
	bool		has_projection;
	char	   *projection_type;
	bool		has_non_key_attributes;
	List	   *non_key_attributes; /* of char * */
	JsonbContainer *key_schema; /* or NULL */
	List	   *key_names;		/* of char *, NULL when absent */
	List	   *key_types;		/* of char *, NULL when absent */
	DdbCapacity create_throughput;
	DdbCapacity create_on_demand;
	DdbCapacity create_warm;
} GsiAction;

/* An UpdateTable request, read with its JSON types checked. */
typedef struct UpdateRequest
{
	char	   *table_name;
	JsonbContainer *attribute_definitions;	/* or NULL */
	List	   *def_names;		/* of char *, NULL when absent */
	List	   *def_types;		/* of char *, NULL when absent */
	char	   *billing_mode;
	DdbCapacity throughput;
	JsonbContainer *gsi_updates;	/* or NULL */
	List	   *gsi_actions;	/* of GsiAction * */
	DdbStreamSpec stream;
	DdbSseSpec	sse;
	char	   *table_class;
	bool		has_deletion_protection;
	bool		deletion_protection;
	DdbCapacity on_demand;
	DdbCapacity warm;
	bool		has_replica_updates;
	bool		has_multi_region_consistency;
	bool		has_witness_updates;
} UpdateRequest;

/* A GSI's throughput change decided by the checks, applied afterwards. */
typedef struct IndexChange
{
	DdbIndexDef *index;
	GsiAction  *action;
} IndexChange;


static void ReadNameTypeList(JsonbContainer *list, const char *type_member, List **names,
							 List **types);
static void ReadGsiCapacities(JsonbContainer *obj, DdbCapacity *throughput,
							  DdbCapacity *on_demand, DdbCapacity *warm);
static void ReadGsiAction(JsonbValue *elem, int position, GsiAction *action);
static void ReadRequest(JsonbContainer *root, UpdateRequest *req);
static void CheckGsiActionConstraints(DdbViolations *v, GsiAction *action);
static void CheckConstraints(JsonbContainer *root, UpdateRequest *req);
static const char *GsiActionIndexName(GsiAction *action);
static void CheckRequestRules(UpdateRequest *req);
static bool HasCreateOrDelete(UpdateRequest *req);
static bool HasGsiUpdate(UpdateRequest *req);
static void CheckCombinations(UpdateRequest *req);
static char *ExistingAttributeType(DdbTableDef *table, const char *name);
static char *KeySchemaText(DdbKeyAttr *hash, DdbKeyAttr *range);
static char *ExistingSchemaText(DdbTableDef *table, const char *attribute);
static int	CountNonKeyAttributes(DdbTableDef *table);
static DdbIndexDef *CheckCreate(UpdateRequest *req, DdbTableDef *table, GsiAction *action,
								bool pay_per_request);
static DdbIndexDef *FindGsiForChange(DdbTableDef *table, const char *name, const char *verb);
static void CheckIndexChangeable(DdbTableDef *table, DdbIndexDef *index, bool deleting);
static char *HumanUtcTime(TimestampTz ts);
static void CheckThroughputChange(DdbThroughput *tp, int64 read, int64 write,
								  const char *index_name, TimestampTz now);
static void ApplyThroughput(DdbThroughput *tp, int64 read, int64 write, TimestampTz now);
static char *CurrentKmsKeyArn(DdbTableDef *table);
static char *NewStreamLabel(DdbTableDef *table, TimestampTz now);
static Jsonb *AttributeDefinitionsJsonb(List *names, List *types);
static void ReadAttributeDefinitions(Jsonb *defs, List **names, List **types);
static bool AttributeUsedByKeys(DdbTableDef *table, const char *name);
static char *StringListText(List *list);


/* ----------------------------------------------------------------------
 * Reading the request
 * ----------------------------------------------------------------------
 */

/*
 * Read a list of {AttributeName, <type_member>} structures (KeySchema,
 * AttributeDefinitions) into two parallel lists of C strings; NULL for a
 * missing member or a JSON null element.
 */
static void
ReadNameTypeList(JsonbContainer *list, const char *type_member, List **names, List **types)
{
	for (int i = 0; i < DdbArraySize(list); i++)
	{
		JsonbValue *elem = DdbArrayElement(list, i);
		char	   *name = NULL;
		char	   *type = NULL;

		if (elem->type != jbvNull)
		{
			JsonbContainer *obj = DdbValueAsObject(elem);

			(void) DdbGetString(obj, "AttributeName", &name, NULL);
			(void) DdbGetString(obj, type_member, &type, NULL);
		}
		*names = lappend(*names, name);
		*types = lappend(*types, type);
	}
}

/* ProvisionedThroughput, OnDemandThroughput and WarmThroughput of a GSI. */
static void
ReadGsiCapacities(JsonbContainer *obj, DdbCapacity *throughput, DdbCapacity *on_demand,
				  DdbCapacity *warm)
{
	(void) DdbGetCapacity(obj, DDB_PROVISIONED_THROUGHPUT, false, throughput);
	(void) DdbGetCapacity(obj, DDB_ON_DEMAND_THROUGHPUT, false, on_demand);
	(void) DdbGetCapacity(obj, DDB_WARM_THROUGHPUT, false, warm);
}

/* Read one element of GlobalSecondaryIndexUpdates. */
static void
ReadGsiAction(JsonbValue *elem, int position, GsiAction *action)
{
	JsonbContainer *obj;
	JsonbContainer *update;
	JsonbContainer *create;
	JsonbContainer *delete;

	memset(action, 0, sizeof(GsiAction));
	action->position = position;
	if (elem->type == jbvNull)
		return;
	obj = DdbValueAsObject(elem);

	action->has_update = DdbGetObject(obj, "Update", &update);
	if (action->has_update)
	{
		(void) DdbGetString(update, "IndexName", &action->update_name, NULL);
		ReadGsiCapacities(update, &action->update_throughput, &action->update_on_demand,
						  &action->update_warm);
	}

	action->has_create = DdbGetObject(obj, "Create", &create);
	if (action->has_create)
	{
		JsonbContainer *projection;
		JsonbContainer *list;

		(void) DdbGetString(create, "IndexName", &action->create_name, NULL);
		action->has_projection = DdbGetObject(create, "Projection", &projection);
		if (action->has_projection)
		{
			(void) DdbGetString(projection, "ProjectionType", &action->projection_type, NULL);
			action->has_non_key_attributes = DdbGetArray(projection, "NonKeyAttributes", &list);
			if (action->has_non_key_attributes)
			{
				for (int i = 0; i < DdbArraySize(list); i++)
					action->non_key_attributes =
						lappend(action->non_key_attributes,
								DdbValueAsString(DdbArrayElement(list, i), NULL));
			}
		}
		if (DdbGetArray(create, "KeySchema", &list))
		{
			action->key_schema = list;
			ReadNameTypeList(list, "KeyType", &action->key_names, &action->key_types);
		}
		ReadGsiCapacities(create, &action->create_throughput, &action->create_on_demand,
						  &action->create_warm);
	}

	action->has_delete = DdbGetObject(obj, "Delete", &delete);
	if (action->has_delete)
		(void) DdbGetString(delete, "IndexName", &action->delete_name, NULL);
}

/* Read every member UpdateTable knows, checking JSON types as we go. */
static void
ReadRequest(JsonbContainer *root, UpdateRequest *req)
{
	memset(req, 0, sizeof(UpdateRequest));

	if (DdbGetArray(root, "AttributeDefinitions", &req->attribute_definitions))
		ReadNameTypeList(req->attribute_definitions, "AttributeType", &req->def_names,
						 &req->def_types);
	(void) DdbGetString(root, "BillingMode", &req->billing_mode, NULL);
	(void) DdbGetCapacity(root, DDB_PROVISIONED_THROUGHPUT, false, &req->throughput);
	if (DdbGetArray(root, "GlobalSecondaryIndexUpdates", &req->gsi_updates))
	{
		for (int i = 0; i < DdbArraySize(req->gsi_updates); i++)
		{
			GsiAction  *action = palloc(sizeof(GsiAction));

			ReadGsiAction(DdbArrayElement(req->gsi_updates, i), i + 1, action);
			req->gsi_actions = lappend(req->gsi_actions, action);
		}
	}
	(void) DdbGetStreamSpecification(root, &req->stream);
	(void) DdbGetSseSpecification(root, &req->sse);
	(void) DdbGetString(root, "TableClass", &req->table_class, NULL);
	req->has_deletion_protection = DdbGetBool(root, "DeletionProtectionEnabled",
											  &req->deletion_protection);
	(void) DdbGetCapacity(root, DDB_ON_DEMAND_THROUGHPUT, false, &req->on_demand);
	(void) DdbGetCapacity(root, DDB_WARM_THROUGHPUT, false, &req->warm);
	/* the service drops an empty {} of these two when anything else is sent */
	if (req->on_demand.present && !req->on_demand.has_read && !req->on_demand.has_write)
		req->on_demand.present = false;
	if (req->warm.present && !req->warm.has_read && !req->warm.has_write)
		req->warm.present = false;
	req->has_replica_updates = DdbGetMember(root, "ReplicaUpdates") != NULL;
	req->has_multi_region_consistency = DdbGetMember(root, "MultiRegionConsistency") != NULL;
	req->has_witness_updates = DdbGetMember(root, "GlobalTableWitnessUpdates") != NULL;
}


/* ----------------------------------------------------------------------
 * Model constraints (one collected ValidationException)
 * ----------------------------------------------------------------------
 */

/* The constraints of one GlobalSecondaryIndexUpdates element. */
static void
CheckGsiActionConstraints(DdbViolations *v, GsiAction *action)
{
	char	   *base = psprintf("globalSecondaryIndexUpdates.%d.member", action->position);

	if (action->has_update)
	{
		DdbCheckNameConstraints(v, action->update_name, 3, 255,
								psprintf("%s.update.indexName", base));
		DdbCheckThroughputConstraints(v, &action->update_throughput,
									  psprintf("%s.update.provisionedThroughput", base));
	}
	if (action->has_create)
	{
		char	   *create = psprintf("%s.create", base);

		if (!action->has_projection)
			DdbViolationAdd(v, NULL, psprintf("%s.projection", create),
							"Member must not be null");
		else
		{
			DdbCheckProjectionTypeConstraint(v, action->projection_type,
											 psprintf("%s.projection.projectionType", create));
			if (action->has_non_key_attributes)
			{
				int			n = list_length(action->non_key_attributes);
				char	   *path = psprintf("%s.projection.nonKeyAttributes", create);

				if (n > DDB_MAX_NON_KEY_ATTRIBUTES_PER_INDEX)
					DdbViolationAdd(v, StringListText(action->non_key_attributes), path,
									"Member must have length less than or equal to %d",
									DDB_MAX_NON_KEY_ATTRIBUTES_PER_INDEX);
				else if (n < 1)
					DdbViolationAdd(v, "[]", path,
									"Member must have length greater than or equal to 1");
			}
		}
		DdbCheckNameConstraints(v, action->create_name, 3, 255,
								psprintf("%s.indexName", create));
		DdbCheckThroughputConstraints(v, &action->create_throughput,
									  psprintf("%s.provisionedThroughput", create));
		if (action->key_schema == NULL)
			DdbViolationAdd(v, NULL, psprintf("%s.keySchema", create), "Member must not be null");
		else
		{
			int			n = list_length(action->key_names);
			char	   *path = psprintf("%s.keySchema", create);

			if (n > 2)
				DdbViolationAdd(v, JsonbToCString(NULL, action->key_schema, 0), path,
								"Member must have length less than or equal to 2");
			else if (n < 1)
				DdbViolationAdd(v, "[]", path,
								"Member must have length greater than or equal to 1");
			for (int i = 0; i < n; i++)
			{
				DdbCheckKeySchemaElementConstraints(v, list_nth(action->key_names, i),
													list_nth(action->key_types, i),
													psprintf("%s.%d.member", path, i + 1));
			}
		}
	}
	if (action->has_delete)
		DdbCheckNameConstraints(v, action->delete_name, 3, 255,
								psprintf("%s.delete.indexName", base));
}

/*
 * Every model constraint, in the order the service reports them; reads
 * TableName too.
 */
static void
CheckConstraints(JsonbContainer *root, UpdateRequest *req)
{
	DdbViolations v;
	ListCell   *lc;

	DdbViolationsInit(&v);
	for (int i = 0; i < list_length(req->def_names); i++)
		DdbCheckAttributeDefinitionConstraints(&v, list_nth(req->def_names, i),
											   list_nth(req->def_types, i),
											   psprintf("attributeDefinitions.%d.member",
														i + 1));
	req->table_name = DdbReadTableNameMember(root, &v, false, NULL);
	DdbCheckBillingModeConstraint(&v, req->billing_mode);
	DdbCheckThroughputConstraints(&v, &req->throughput, "provisionedThroughput");
	foreach(lc, req->gsi_actions)
		CheckGsiActionConstraints(&v, lfirst(lc));
	DdbCheckStreamSpecificationConstraints(&v, &req->stream);
	DdbCheckSseSpecificationConstraints(&v, &req->sse);
	DdbViolationsRaise(&v);
}


/* ----------------------------------------------------------------------
 * Rules that need no table
 * ----------------------------------------------------------------------
 */

/* The index an element of GlobalSecondaryIndexUpdates names. */
static const char *
GsiActionIndexName(GsiAction *action)
{
	if (action->has_update && action->update_name)
		return action->update_name;
	if (action->has_create && action->create_name)
		return action->create_name;
	if (action->has_delete && action->delete_name)
		return action->delete_name;
	return "null";
}

/* Whether the request creates or deletes a GSI. */
static bool
HasCreateOrDelete(UpdateRequest *req)
{
	ListCell   *lc;

	foreach(lc, req->gsi_actions)
	{
		GsiAction  *action = lfirst(lc);

		if (action->has_create || action->has_delete)
			return true;
	}
	return false;
}

/* Whether the request updates a GSI. */
static bool
HasGsiUpdate(UpdateRequest *req)
{
	ListCell   *lc;

	foreach(lc, req->gsi_actions)
	{
		if (((GsiAction *) lfirst(lc))->has_update)
			return true;
	}
	return false;
}

/*
 * The rules that the request alone decides: something to change, capacity
 * bounds, the shape of GlobalSecondaryIndexUpdates, stream and encryption
 * specifications, the table class, and which changes may be combined.
 */
static void
CheckRequestRules(UpdateRequest *req)
{
	bool		has_gsi_updates = list_length(req->gsi_actions) > 0;
	int			creates_and_deletes = 0;
	ListCell   *lc;

	if (req->throughput.present == false && req->billing_mode == NULL &&
		!req->stream.present && !has_gsi_updates && !req->sse.present &&
		!req->has_replica_updates && !req->has_deletion_protection &&
		!req->on_demand.present && !req->warm.present && req->table_class == NULL)
		DdbRaise(DDB_EXC_ValidationException,
				 "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
				 "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, "
				 "MultiAccountReplicaReady, ReplicaTransitRoleArn, %s"
				 "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass "
				 "is required",
				 req->has_multi_region_consistency ? "" : "MultiRegionConsistency, ");

	if (req->has_replica_updates || req->has_multi_region_consistency ||
		req->has_witness_updates)
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "Global tables are not supported: ReplicaUpdates, "
				 "GlobalTableWitnessUpdates and MultiRegionConsistency cannot be specified");

	if (req->throughput.present)
	{
		if (req->throughput.read > DDB_CAPACITY_MAX)
			DdbRaise(DDB_EXC_ValidationException,
					 "Given value " INT64_FORMAT " for ReadCapacityUnits is out of bounds",
					 req->throughput.read);
		if (req->throughput.write > DDB_CAPACITY_MAX)
			DdbRaise(DDB_EXC_ValidationException,
					 "Given value " INT64_FORMAT " for WriteCapacityUnits is out of bounds",
					 req->throughput.write);
	}

	foreach(lc, req->gsi_actions)
	{
		GsiAction  *action = lfirst(lc);
		int			nactions = action->has_update + action->has_create + action->has_delete;
		const char *name;
		DdbCapacity *tp = NULL;

		if (nactions == 0)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "One of GlobalSecondaryIndexUpdate.Update, "
					 "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete "
					 "must not be null");
		if (nactions > 1)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "Only one global secondary index action is allowed per "
					 "GlobalSecondaryIndexUpdate object");
		name = GsiActionIndexName(action);
		for (ListCell *earlier = list_head(req->gsi_actions); lfirst(earlier) != action;
			 earlier = lnext(req->gsi_actions, earlier))
		{
			if (strcmp(GsiActionIndexName(lfirst(earlier)), name) == 0)
				DdbRaise(DDB_EXC_ValidationException,
						 INVALID_PREFIX "Only one global secondary index update per index is "
						 "allowed simultaneously. Index: %s", name);
		}
		if (action->has_update)
			tp = &action->update_throughput;
		else if (action->has_create)
			tp = &action->create_throughput;
		if (tp != NULL && tp->present &&
			(tp->read > DDB_CAPACITY_MAX || tp->write > DDB_CAPACITY_MAX))
			DdbRaise(DDB_EXC_ValidationException,
					 "This operation cannot be performed with given input values. Please "
					 "contact DynamoDB service team for more info: Action Blocked: IndexUpdate");
		if (action->has_create || action->has_delete)
			creates_and_deletes++;
	}
	if (creates_and_deletes > 1)
		DdbRaise(DDB_EXC_LimitExceededException,
				 "Subscriber limit exceeded: Only 1 online index can be created or deleted "
				 "simultaneously per table");

	if (req->stream.present)
	{
		if (req->stream.enabled && req->stream.view_type == NULL)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "If stream is being enabled then UpdateViewType is required");
		if (!req->stream.enabled && req->stream.view_type != NULL)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "If stream is being disabled, then UpdateViewType must not "
					 "be specified");
	}

	/* encryption: only an explicit Enabled false turns it off */
	if (req->sse.present)
		DdbCheckSseSpecification(req->sse.has_enabled && !req->sse.enabled,
								 req->sse.type, req->sse.kms_key_id);

	DdbCheckTableClass(req->table_class);

	CheckCombinations(req);
}

/* Which changes may share one request (see the file header). */
static void
CheckCombinations(UpdateRequest *req)
{
	bool		throughput = req->throughput.present;
	bool		gsi = list_length(req->gsi_actions) > 0;
	bool		create_delete = HasCreateOrDelete(req);
	int			concerns;

	concerns = throughput + (req->billing_mode != NULL) + gsi + req->stream.present +
		req->sse.present + (req->table_class != NULL) + req->has_deletion_protection +
		req->warm.present + req->on_demand.present;

	if (concerns > 1)
	{
		if (req->sse.present)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "Server-Side Encryption modification must be the only "
					 "operation in the request");
		if (req->table_class != NULL)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "TableClass modification must be the only operation in "
					 "the request");
		if (req->has_deletion_protection)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "DeletionProtection modification must be the only "
					 "operation in the request");
		if (req->warm.present)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "WarmThroughput must be the only operation in the request");
	}
	if (req->on_demand.present && (throughput || req->stream.present || gsi))
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "OnDemandThroughput can only be combined with BillingMode in an "
				 "UpdateTable request");
	if (req->stream.present && create_delete)
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "You cannot create or delete index while changing stream status");
	if (req->stream.present &&
		(throughput || HasGsiUpdate(req) ||
		 (req->billing_mode != NULL && strcmp(req->billing_mode, "PROVISIONED") == 0)))
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "You cannot modify stream status while updating table IOPS");
	if (create_delete && throughput)
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "You cannot create or delete index while updating table IOPS");
}


/* ----------------------------------------------------------------------
 * Rules that depend on the table
 * ----------------------------------------------------------------------
 */

/* The type the table's AttributeDefinitions give an attribute, or NULL. */
static char *
ExistingAttributeType(DdbTableDef *table, const char *name)
{
	List	   *names;
	List	   *types;

	ReadAttributeDefinitions(table->attribute_definitions, &names, &types);
	for (int i = 0; i < list_length(names); i++)
		if (strcmp(list_nth(names, i), name) == 0)
			return list_nth(types, i);
	return NULL;
}

/* A key schema as the service prints it in "Attributes cannot be redefined". */
static char *
KeySchemaText(DdbKeyAttr *hash, DdbKeyAttr *range)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "Schema:[SchemaElement: key{%s:%c:HASH}", hash->name, hash->type);
	if (range->name != NULL)
		appendStringInfo(&buf, ", SchemaElement: key{%s:%c:RANGE}", range->name, range->type);
	appendStringInfoChar(&buf, ']');
	return buf.data;
}

/* The key schema (of the table or an index) that already uses an attribute. */
static char *
ExistingSchemaText(DdbTableDef *table, const char *attribute)
{
	ListCell   *lc;

	if ((table->hash_key.name && strcmp(table->hash_key.name, attribute) == 0) ||
		(table->range_key.name && strcmp(table->range_key.name, attribute) == 0))
		return KeySchemaText(&table->hash_key, &table->range_key);
	foreach(lc, table->indexes)
	{
		DdbIndexDef *index = lfirst(lc);

		if ((index->hash_key.name && strcmp(index->hash_key.name, attribute) == 0) ||
			(index->range_key.name && strcmp(index->range_key.name, attribute) == 0))
			return KeySchemaText(&index->hash_key, &index->range_key);
	}
	return "Schema:[]";
}

/* NonKeyAttributes summed over the table's indexes. */
static int
CountNonKeyAttributes(DdbTableDef *table)
{
	int			n = 0;
	ListCell   *lc;

	foreach(lc, table->indexes)
		n += list_length(((DdbIndexDef *) lfirst(lc))->non_key_attributes);
	return n;
}

/*
 * Check a GSI Create against the request and the table, and build the new
 * index's definition.
 */
static DdbIndexDef *
CheckCreate(UpdateRequest *req, DdbTableDef *table, GsiAction *action, bool pay_per_request)
{
	const char *name = action->create_name;
	int			nkeys = list_length(action->key_names);
	DdbIndexDef *index;
	int			gsis = 0;
	ListCell   *lc;

	if (req->attribute_definitions == NULL)
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "AttributeDefinitions is not specified for index: %s", name);

	/* the key schema and the projection, as CreateTable checks them */
	DdbCheckKeySchema(action->key_names, action->key_types, req->def_names);
	DdbCheckProjection(action->projection_type, action->has_non_key_attributes,
					   action->non_key_attributes);

	/* build the definition (the key types come from the request) */
	index = palloc0(sizeof(DdbIndexDef));
	index->index_name = pstrdup(name);
	index->is_global = true;
	index->relid = InvalidOid;
	for (int i = 0; i < nkeys; i++)
	{
		char	   *key = list_nth(action->key_names, i);
		DdbKeyAttr *attr = (i == 0) ? &index->hash_key : &index->range_key;

		attr->name = key;
		for (int j = 0; j < list_length(req->def_names); j++)
			if (strcmp(list_nth(req->def_names, j), key) == 0)
				attr->type = ((char *) list_nth(req->def_types, j))[0];
	}

	/* a key attribute keeps the type it already has in the table */
	for (int i = 0; i < nkeys; i++)
	{
		DdbKeyAttr *attr = (i == 0) ? &index->hash_key : &index->range_key;
		char	   *existing = ExistingAttributeType(table, attr->name);

		if (existing != NULL && existing[0] != attr->type)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "Attributes cannot be redefined. Please check that your "
					 "attribute has the same type as previously defined. Existing schema: %s "
					 "New schema: %s",
					 ExistingSchemaText(table, attr->name),
					 KeySchemaText(&index->hash_key, &index->range_key));
	}

	if (pay_per_request && action->create_throughput.present)
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "Neither ReadCapacityUnits nor WriteCapacityUnits can be "
				 "specified for index: %s when BillingMode is PAY_PER_REQUEST", name);
	if (!pay_per_request && !action->create_throughput.present)
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "ProvisionedThroughput must be specified for index: %s", name);
	DdbCheckOnDemandAllowed(&action->create_on_demand, pay_per_request, name);
	DdbCheckOnDemandRange(&action->create_on_demand, name);

	if (DdbFindIndex(table, name) != NULL)
		DdbRaise(DDB_EXC_ValidationException, "Attempting to create an index which already exists");

	foreach(lc, table->indexes)
	{
		if (((DdbIndexDef *) lfirst(lc))->is_global)
			gsis++;
	}
	if (gsis + 1 > DDB_MAX_GSIS)
		DdbRaise(DDB_EXC_LimitExceededException,
				 "Subscriber limit exceeded: Number of global secondary indexes exceeds per-table "
				 "limit of %d", DDB_MAX_GSIS);
	if (CountNonKeyAttributes(table) + list_length(action->non_key_attributes) >
		DDB_MAX_NON_KEY_ATTRIBUTES)
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "The number of NonKeyAttributes in all secondary indexes of the "
				 "table exceeds the per-table limit of %d", DDB_MAX_NON_KEY_ATTRIBUTES);

	index->projection_type = action->projection_type;
	index->non_key_attributes = action->non_key_attributes;
	if (action->create_throughput.present)
	{
		index->throughput.read_capacity = action->create_throughput.read;
		index->throughput.write_capacity = action->create_throughput.write;
	}
	index->on_demand_throughput = DdbCapacityJsonb(NULL, &action->create_on_demand,
												   DDB_CAPACITY_MINUS_ONE_REMOVES);
	index->warm_throughput = DdbCapacityJsonb(NULL, &action->create_warm, 0);
	index->added_later = true;
	return index;
}

/*
 * The GSI an Update or Delete names: ResourceNotFoundException when there
 * is no such index, ValidationException when it is an LSI.
 */
static DdbIndexDef *
FindGsiForChange(DdbTableDef *table, const char *name, const char *verb)
{
	DdbIndexDef *index = DdbFindIndex(table, name);

	if (index == NULL)
		DdbRaise(DDB_EXC_ResourceNotFoundException,
				 "Requested resource not found: Index %s for table %s", name, table->table_name);
	if (!index->is_global)
		DdbRaise(DDB_EXC_ValidationException,
				 "Cannot %s an index that is not a GlobalSecondaryIndex: %s", verb, name);
	return index;
}

/* Refuse to change an index that is busy (only ACTIVE ones may change). */
static void
CheckIndexChangeable(DdbTableDef *table, DdbIndexDef *index, bool deleting)
{
	const char *status = index->index_status;

	if (strcmp(status, "ACTIVE") == 0)
		return;
	if (strcmp(status, "CREATING") == 0)
	{
		if (deleting && index->backfilling)
			return;
		if (deleting)
			DdbRaise(DDB_EXC_ResourceInUseException,
					 "Attempt to change a resource which is still in use: Index creation is in "
					 "resource allocation phase. Retry deletion during backfilling phase or when "
					 "the index is active. Table: %s Index: %s",
					 table->table_name, index->index_name);
		DdbRaise(DDB_EXC_ResourceInUseException,
				 "Attempt to change a resource which is still in use: Index is being created. "
				 "Table: %s Index: %s", table->table_name, index->index_name);
	}
	DdbRaise(DDB_EXC_ResourceInUseException,
			 "Attempt to change a resource which is still in use: Index is being %s. "
			 "Table: %s Index: %s",
			 strcmp(status, "DELETING") == 0 ? "deleted" : "updated",
			 table->table_name, index->index_name);
}

/* A time as the service writes it: Monday, February 13, 2023 at 10:25:39 AM ... */
static char *
HumanUtcTime(TimestampTz ts)
{
	static const char *const days[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
	"Thursday", "Friday", "Saturday"};
	static const char *const months[] = {"January", "February", "March", "April", "May",
		"June", "July", "August", "September", "October", "November", "December"};
	struct pg_tm tm;
	fsec_t		fsec;
	int			hour12;

	if (timestamp2tm(ts, NULL, &tm, &fsec, NULL, NULL) != 0)
		elog(ERROR, "timestamp out of range");
	hour12 = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;
	return psprintf("%s, %s %d, %d at %d:%02d:%02d %s Coordinated Universal Time",
					days[j2day(date2j(tm.tm_year, tm.tm_mon, tm.tm_mday))],
					months[tm.tm_mon - 1], tm.tm_mday, tm.tm_year,
					hour12, tm.tm_min, tm.tm_sec, tm.tm_hour < 12 ? "AM" : "PM");
}

/*
 * A provisioned-throughput change of the table (index_name NULL) or of a
 * GSI: it must change something, and decreases are rationed: four per UTC
 * day, then one more whenever there was none in the past hour.
 */
static void
CheckThroughputChange(DdbThroughput *tp, int64 read, int64 write, const char *index_name,
					  TimestampTz now)
{
	int			today;

	if (read == tp->read_capacity && write == tp->write_capacity)
	{
		const char *what = index_name ? "index" : "table";

		DdbRaise(DDB_EXC_ValidationException,
				 "The provisioned throughput for the %s%s%s will not change. The requested value "
				 "equals the current value. Current ReadCapacityUnits provisioned for the %s: "
				 INT64_FORMAT ". Requested ReadCapacityUnits: " INT64_FORMAT ". Current "
				 "WriteCapacityUnits provisioned for the %s: " INT64_FORMAT ". Requested "
				 "WriteCapacityUnits: " INT64_FORMAT ". Refer to the Amazon DynamoDB Developer "
				 "Guide for current limits and how to request higher limits.",
				 what, index_name ? " " : "", index_name ? index_name : "",
				 what, tp->read_capacity, read, what, tp->write_capacity, write);
	}
	if (read >= tp->read_capacity && write >= tp->write_capacity)
		return;
	today = DdbDecreasesToday(tp, now);
	if (today >= DDB_FREE_DECREASES_PER_DAY && now - tp->last_decrease < USECS_PER_HOUR)
		DdbRaise(DDB_EXC_LimitExceededException,
				 "Subscriber limit exceeded: Provisioned throughput decreases are limited within "
				 "a given UTC day. After the first 4 decreases, each subsequent decrease in the "
				 "same UTC day can be performed at most once every 3600 seconds. Number of "
				 "decreases today: %d. Last decrease at %s. Next decrease can be made at %s",
				 today, HumanUtcTime(tp->last_decrease),
				 HumanUtcTime(tp->last_decrease + USECS_PER_HOUR));
}

/* Record a throughput change with DynamoDB's bookkeeping. */
static void
ApplyThroughput(DdbThroughput *tp, int64 read, int64 write, TimestampTz now)
{
	if (read > tp->read_capacity || write > tp->write_capacity)
		tp->last_increase = now;
	if (read < tp->read_capacity || write < tp->write_capacity)
	{
		tp->decreases_today = DdbDecreasesToday(tp, now) + 1;
		tp->last_decrease = now;
	}
	tp->read_capacity = read;
	tp->write_capacity = write;
}

/* The KMS key of a table encrypted with KMS, or NULL (AWS owned key). */
static char *
CurrentKmsKeyArn(DdbTableDef *table)
{
	char	   *arn;

	if (table->sse_description == NULL ||
		!DdbGetString(&table->sse_description->root, "KMSMasterKeyArn", &arn, NULL))
		return NULL;
	return arn;
}

/* A label for a new stream, different from the table's previous one. */
static char *
NewStreamLabel(DdbTableDef *table, TimestampTz now)
{
	char	   *label = DdbIsoTimestamp(now);

	while (table->stream_label != NULL && strcmp(label, table->stream_label) <= 0)
	{
		now += 1000;
		label = DdbIsoTimestamp(now);
	}
	return label;
}

/* AttributeDefinitions as stored: [{AttributeName, AttributeType}]. */
static Jsonb *
AttributeDefinitionsJsonb(List *names, List *types)
{
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginArray(&js, NULL);
	for (int i = 0; i < list_length(names); i++)
	{
		DdbJsonBeginObject(&js, NULL);
		DdbJsonPutString(&js, "AttributeName", list_nth(names, i));
		DdbJsonPutString(&js, "AttributeType", list_nth(types, i));
		DdbJsonEndObject(&js);
	}
	DdbJsonEndArray(&js);
	return DdbJsonFinish(&js);
}

/* The stored AttributeDefinitions as two parallel lists. */
static void
ReadAttributeDefinitions(Jsonb *defs, List **names, List **types)
{
	*names = NIL;
	*types = NIL;
	if (defs == NULL || !JB_ROOT_IS_ARRAY(defs))
		return;
	for (int i = 0; i < DdbArraySize(&defs->root); i++)
	{
		JsonbContainer *def = DdbValueAsObject(DdbArrayElement(&defs->root, i));
		char	   *name;
		char	   *type;

		if (!DdbGetString(def, "AttributeName", &name, NULL) ||
			!DdbGetString(def, "AttributeType", &type, NULL))
			elog(ERROR, "malformed attribute definition in the catalog");
		*names = lappend(*names, name);
		*types = lappend(*types, type);
	}
}

/* A list of C strings as the service prints it in violations: [a, b]. */
static char *
StringListText(List *list)
{
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	foreach(lc, list)
		appendStringInfo(&buf, "%s%s", foreach_current_index(lc) > 0 ? ", " : "",
						 (char *) lfirst(lc));
	appendStringInfoChar(&buf, ']');
	return buf.data;
}

/* Whether a key of the table or of one of its indexes uses the attribute. */
static bool
AttributeUsedByKeys(DdbTableDef *table, const char *name)
{
	ListCell   *lc;

	if ((table->hash_key.name && strcmp(table->hash_key.name, name) == 0) ||
		(table->range_key.name && strcmp(table->range_key.name, name) == 0))
		return true;
	foreach(lc, table->indexes)
	{
		DdbIndexDef *index = lfirst(lc);

		if ((index->hash_key.name && strcmp(index->hash_key.name, name) == 0) ||
			(index->range_key.name && strcmp(index->range_key.name, name) == 0))
			return true;
	}
	return false;
}


/* ----------------------------------------------------------------------
 * The operation
 * ----------------------------------------------------------------------
 */

/*
 * UpdateTable: change a table's capacities or billing mode, create, update
 * or delete a GSI, enable or disable its stream, and change its encryption,
 * table class, deletion protection and on-demand or warm throughput.
 * Needs ownership of the table.  Returns {"TableDescription": ...} with
 * TableStatus UPDATING; the table is ACTIVE again when the caller's
 * transaction commits.
 */
Jsonb *
DdbUpdateTable(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	UpdateRequest req;
	DdbTableDef *table;
	bool		was_pay_per_request;
	bool		pay_per_request;
	bool		switching;
	TimestampTz now;
	DdbIndexDef *created = NULL;
	DdbIndexDef *deleted = NULL;
	List	   *index_changes = NIL;
	List	   *updating = NIL;
	List	   *indexes_before = NIL;
	char	   *kms_arn = NULL;
	ListCell   *lc;

	ReadRequest(root, &req);
	CheckConstraints(root, &req);
	CheckRequestRules(&req);

	table = DdbLoadTable(req.table_name, true, false);
	DdbCheckTableAccess(table, "UpdateTable");
	DdbCheckTableChangeable(table);
	now = GetCurrentTimestamp();

	/* billing mode and the table's capacities */
	was_pay_per_request = strcmp(table->billing_mode, "PAY_PER_REQUEST") == 0;
	pay_per_request = req.billing_mode ? strcmp(req.billing_mode, "PAY_PER_REQUEST") == 0
		: was_pay_per_request;
	switching = pay_per_request != was_pay_per_request;
	if (pay_per_request && req.throughput.present)
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "Neither ReadCapacityUnits nor WriteCapacityUnits can be "
				 "specified when BillingMode is PAY_PER_REQUEST");
	if (switching && !pay_per_request)
	{
		StringInfoData missing;

		if (!req.throughput.present)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "ProvisionedThroughput must be specified when BillingMode "
					 "is PROVISIONED");
		initStringInfo(&missing);
		foreach(lc, table->indexes)
		{
			DdbIndexDef *index = lfirst(lc);
			bool		given = false;
			ListCell   *ac;

			if (!index->is_global)
				continue;
			foreach(ac, req.gsi_actions)
			{
				GsiAction  *action = lfirst(ac);

				/* an index deleted by this request needs no throughput */
				if ((action->has_update && strcmp(action->update_name, index->index_name) == 0 &&
					 action->update_throughput.present) ||
					(action->has_delete && strcmp(action->delete_name, index->index_name) == 0))
					given = true;
			}
			if (!given)
				appendStringInfo(&missing, "%s%s", missing.len > 0 ? "," : "", index->index_name);
		}
		if (missing.len > 0)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "ProvisionedThroughput must be specified for index: %s",
					 missing.data);
	}
	DdbCheckOnDemandAllowed(&req.on_demand, pay_per_request, NULL);
	DdbCheckOnDemandRange(&req.on_demand, NULL);

	/* GlobalSecondaryIndexUpdates, in request order */
	foreach(lc, req.gsi_actions)
	{
		GsiAction  *action = lfirst(lc);

		if (action->has_create)
			created = CheckCreate(&req, table, action, pay_per_request);
		else if (action->has_delete)
		{
			deleted = FindGsiForChange(table, action->delete_name, "delete");
			CheckIndexChangeable(table, deleted, true);
		}
		else
		{
			DdbIndexDef *index = FindGsiForChange(table, action->update_name, "update");
			IndexChange *change = palloc(sizeof(IndexChange));

			CheckIndexChangeable(table, index, false);
			if (pay_per_request)
			{
				if (action->update_throughput.present)
					DdbRaise(DDB_EXC_ValidationException,
							 INVALID_PREFIX "Neither ReadCapacityUnits nor WriteCapacityUnits can "
							 "be specified for index: %s when BillingMode is PAY_PER_REQUEST",
							 index->index_name);
				if (!action->update_on_demand.present && !action->update_warm.present)
					DdbRaise(DDB_EXC_ValidationException,
							 INVALID_PREFIX "The only Updates for index: %s when "
							 "TableThroughputMode is PAY_PER_REQUEST can be to "
							 "OnDemandThroughput, WarmThroughput", index->index_name);
			}
			else
			{
				DdbCheckOnDemandAllowed(&action->update_on_demand, false, index->index_name);
				if (!action->update_throughput.present && !action->update_warm.present)
					DdbRaise(DDB_EXC_ValidationException,
							 INVALID_PREFIX "Both ReadCapacityUnits and WriteCapacityUnits must "
							 "be specified for index: %s", index->index_name);
			}
			DdbCheckOnDemandRange(&action->update_on_demand, index->index_name);
			change->index = index;
			change->action = action;
			index_changes = lappend(index_changes, change);
		}
	}

	/* stream */
	if (req.stream.present)
	{
		if (req.stream.enabled && table->stream_enabled)
			DdbRaise(DDB_EXC_ValidationException,
					 "Table already has an enabled stream: TableName: %s", table->table_name);
		if (!req.stream.enabled && !table->stream_enabled)
			DdbRaise(DDB_EXC_ValidationException,
					 "Table has no stream to disable: TableName: %s", table->table_name);
	}

	/* encryption: Enabled true or SSEType KMS means a KMS key */
	if (req.sse.present)
	{
		bool		kms = (req.sse.has_enabled && req.sse.enabled) ||
			(req.sse.type != NULL && strcmp(req.sse.type, "KMS") == 0);
		char	   *current = CurrentKmsKeyArn(table);

		if (!kms && current == NULL)
			DdbRaise(DDB_EXC_ValidationException,
					 INVALID_PREFIX "Table is already encrypted by default");
		if (kms)
		{
			kms_arn = DdbKmsKeyArn(req.sse.kms_key_id);
			if (current != NULL && strcmp(current, kms_arn) == 0)
				DdbRaise(DDB_EXC_ValidationException,
						 INVALID_PREFIX "Table is already encrypted with given KMSMasterKeyId. "
						 "Use KMSMasterKeyId parameter if you want to change Master Key");
		}
	}

	/* provisioned capacities: something must change; decreases are rationed */
	if (req.throughput.present && !switching)
		CheckThroughputChange(&table->throughput, req.throughput.read, req.throughput.write,
							  NULL, now);
	foreach(lc, index_changes)
	{
		IndexChange *change = lfirst(lc);
		DdbCapacity *tp = &change->action->update_throughput;

		if (tp->present && !switching)
			CheckThroughputChange(&change->index->throughput, tp->read, tp->write,
								  change->index->index_name, now);
	}

	/* every check passed: apply the changes */
	if (switching)
	{
		table->billing_mode = pay_per_request ? "PAY_PER_REQUEST" : "PROVISIONED";
		table->billing_mode_changed = now;
		if (pay_per_request)
		{
			table->throughput.read_capacity = 0;
			table->throughput.write_capacity = 0;
			foreach(lc, table->indexes)
			{
				DdbIndexDef *index = lfirst(lc);

				if (index->is_global)
				{
					index->throughput.read_capacity = 0;
					index->throughput.write_capacity = 0;
				}
			}
		}
		else
		{
			table->throughput.read_capacity = req.throughput.read;
			table->throughput.write_capacity = req.throughput.write;
		}
	}
	else if (req.throughput.present)
		ApplyThroughput(&table->throughput, req.throughput.read, req.throughput.write, now);
	if (req.on_demand.present)
		table->on_demand_throughput = DdbCapacityJsonb(table->on_demand_throughput,
													   &req.on_demand,
													   DDB_CAPACITY_MINUS_ONE_REMOVES);
	if (req.warm.present)
		table->warm_throughput = DdbCapacityJsonb(table->warm_throughput, &req.warm, 0);

	foreach(lc, index_changes)
	{
		IndexChange *change = lfirst(lc);
		GsiAction  *action = change->action;
		DdbIndexDef *index = change->index;

		if (action->update_throughput.present)
		{
			if (switching)
			{
				index->throughput.read_capacity = action->update_throughput.read;
				index->throughput.write_capacity = action->update_throughput.write;
			}
			else
				ApplyThroughput(&index->throughput, action->update_throughput.read,
								action->update_throughput.write, now);
			updating = lappend(updating, index);
		}
		if (action->update_on_demand.present)
			index->on_demand_throughput = DdbCapacityJsonb(index->on_demand_throughput,
														   &action->update_on_demand,
														   DDB_CAPACITY_MINUS_ONE_REMOVES);
		if (action->update_warm.present)
			index->warm_throughput = DdbCapacityJsonb(index->warm_throughput,
													  &action->update_warm, 0);
	}

	if (deleted != NULL)
	{
		List	   *names;
		List	   *types;
		List	   *kept_names = NIL;
		List	   *kept_types = NIL;

		DdbDropIndexStorage(table, deleted);
		indexes_before = list_copy(table->indexes);
		table->indexes = list_delete_ptr(table->indexes, deleted);
		ReadAttributeDefinitions(table->attribute_definitions, &names, &types);
		for (int i = 0; i < list_length(names); i++)
		{
			if (AttributeUsedByKeys(table, list_nth(names, i)))
			{
				kept_names = lappend(kept_names, list_nth(names, i));
				kept_types = lappend(kept_types, list_nth(types, i));
			}
		}
		table->attribute_definitions = AttributeDefinitionsJsonb(kept_names, kept_types);
	}

	if (created != NULL)
	{
		List	   *names;
		List	   *types;
		int			position = 0;

		ReadAttributeDefinitions(table->attribute_definitions, &names, &types);
		for (int i = 0; i < 2; i++)
		{
			DdbKeyAttr *attr = (i == 0) ? &created->hash_key : &created->range_key;

			if (attr->name != NULL && !DdbStringListMember(names, attr->name))
			{
				names = lappend(names, attr->name);
				types = lappend(types, psprintf("%c", attr->type));
			}
		}
		table->attribute_definitions = AttributeDefinitionsJsonb(names, types);
		foreach(lc, table->indexes)
			position = Max(position, ((DdbIndexDef *) lfirst(lc))->position + 1);
		created->position = position;
		created->index_status = "ACTIVE";
		created->backfilling = false;
		table->indexes = lappend(table->indexes, created);
		DdbAssignRelnames(table);
		DdbCreateIndexStorage(table, created);
		DdbBackfillIndex(table, created);
	}

	if (req.stream.present)
	{
		table->stream_enabled = req.stream.enabled;
		if (req.stream.enabled)
		{
			table->stream_view_type = req.stream.view_type;
			table->stream_label = NewStreamLabel(table, now);
		}
		else
			table->stream_view_type = NULL;
	}
	if (req.sse.present)
		table->sse_description = kms_arn ? DdbSseDescription(req.sse.kms_key_id) : NULL;
	if (req.table_class != NULL)
	{
		table->table_class = req.table_class;
		table->table_class_changed = now;
	}
	if (req.has_deletion_protection)
		table->deletion_protection = req.deletion_protection;

	DdbSaveTable(table);

	/*
	 * The response shows the change in progress, as DynamoDB would: the new
	 * index backfilling, the deleted one DELETING (without items), the GSIs
	 * whose capacity changes UPDATING.
	 */
	if (deleted != NULL)
	{
		deleted->index_status = "DELETING";
		deleted->relid = InvalidOid;
		table->indexes = indexes_before;
	}
	if (created != NULL)
	{
		created->index_status = "CREATING";
		created->backfilling = true;
	}
	foreach(lc, updating)
		((DdbIndexDef *) lfirst(lc))->index_status = "UPDATING";

	return DdbJsonWrap("TableDescription", DdbTableDescription(table, "UPDATING"));
}

/*
 * ----------------------------------------------------------------------
 * NOTES FOR THE TABLE-CORE INTERFACES (ddb_catalog.h, ddb_storage.h)
 * ----------------------------------------------------------------------
 *
 * 1. DdbCreateIndexStorage() names a new index's relation by calling
 *	  DdbAssignRelnames() inside CreateRelationsAsRole(), i.e. under
 *	  SPI_connect: index->relname is then allocated in SPI's procedure
 *	  context and dangles after SPI_finish (DdbBackfillIndex saw an empty
 *	  name).  UpdateTable calls DdbAssignRelnames() itself before
 *	  DdbCreateIndexStorage(); the storage module should assign names in
 *	  the caller's context.
 *
 * 2. DdbTableDescription() refreshes item counts and sizes with a full
 *	  scan of the table and every index, so every UpdateTable response
 *	  costs a scan of the whole table.
 */
