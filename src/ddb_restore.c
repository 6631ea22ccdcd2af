/*-------------------------------------------------------------------------
 *
 * ddb_restore.c
 *	  RestoreTableFromBackup: checking the request, creating the target
 *	  table in status CREATING, starting the restore worker; resuming
 *	  interrupted restores; the SQL helpers ddb_wait_for_restore() and the
 *	  view ddb_restores; the guard that keeps a backup being restored from
 *	  being deleted.
 *
 * The protocol (DESIGN.md, "Restore protocol"), in the caller's
 * transaction:
 *
 *	1. Check the request in DynamoDB's stages: JSON types
 *	   (SerializationException), the model's constraints (one
 *	   ValidationException listing them), then the semantic checks.  The
 *	   index and throughput overrides are checked by CreateTable's own code
 *	   (ddb_table_api.h).
 *
 *	2. Find the backup: BackupNotFoundException if it is unknown, deleted
 *	   or failed; AccessDeniedException if the caller may not restore it;
 *	   BackupInUseException while it is being created.  Lock its row FOR
 *	   KEY SHARE, so that a concurrent DeleteBackup waits for this request
 *	   (and then finds the restore, see the guard below).
 *
 *	3. Check that the caller may create tables, that no table has the
 *	   target name (TableAlreadyExistsException, also for a name a
 *	   concurrent request has just taken), and that fewer than
 *	   ddbtable.max_concurrent_restores restores are in progress
 *	   (LimitExceededException).  Requests are serialised on a
 *	   transaction-level advisory lock for this count.
 *
 *	4. Build the target's definition as a CreateTable request: the key
 *	   schema and attribute definitions recorded in the backup, the billing
 *	   mode and capacities recorded when the backup was requested (or the
 *	   overrides), the recorded LSIs and GSIs (or the subset the overrides
 *	   keep, with their throughput), the recorded encryption (or the
 *	   override); checked and built by CreateTable's code.  Not carried
 *	   over: stream, TTL, PITR, tags, deletion protection, auto scaling,
 *	   warm throughput, privileges; the table class is STANDARD.
 *
 *	5. Store it with TableStatus CREATING, its GSIs CREATING and a
 *	   RestoreSummary with RestoreInProgress true; create its (empty)
 *	   relations, owned by the caller; record the restore (LOADING); start
 *	   the worker with the request's transaction id, and answer the
 *	   TableDescription at once.  The worker waits for this transaction: if
 *	   it rolls back, there is no restore row and the worker does nothing.
 *
 * Access model.  Restoring needs the right to the backup -- being its
 * owner, a member of the owning role (GRANT owner TO other), or a superuser
 * -- and the right to create tables (CREATE on schema ddb_data).  The
 * restored table belongs to the restoring role; no privilege granted on
 * the source table comes with it.  A role that cannot read a table cannot
 * back it up (CreateBackup needs SELECT), so it cannot read the table's
 * items through a restore of its own; a backup made by another role is
 * not its to restore.
 *
 * Choices where DynamoDB's documentation is silent:
 *	- An override entry naming an index the backup does not have, or with
 *	  another key schema or projection, is a ValidationException; the order
 *	  of NonKeyAttributes does not matter.
 *	- AttributeDefinitions keep only the attributes that the table key and
 *	  the kept indexes use.
 *	- Without BillingModeOverride the recorded mode stays; switching a
 *	  backup of an on-demand table to PROVISIONED needs
 *	  ProvisionedThroughputOverride (and a ProvisionedThroughput in every
 *	  kept GSI), as CreateTable would.
 *	- A target name in use, by a table in any status, is
 *	  TableAlreadyExistsException ("Table already exists: <name>");
 *	  TableInUseException is not used, since a deleted table is gone at
 *	  once.
 *
 * IDENTIFICATION
 *	  src/ddb_restore.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "access/xlog.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "postmaster/bgworker.h"
#include "storage/latch.h"
#include "storage/lock.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "utils/wait_event.h"

#include "ddb_acl.h"
#include "ddb_audit.h"
#include "ddb_backup.h"
#include "ddb_catalog.h"
#include "ddb_core.h"
#include "ddb_errors.h"
#include "ddb_json.h"
#include "ddb_operations.h"
#include "ddb_request.h"
#include "ddb_restore.h"
#include "ddb_storage.h"
#include "ddb_table_api.h"

#define INVALID_PREFIX "One or more parameter values were invalid: "

#define BACKUP_IN_USE_MESSAGE \
	"There is another ongoing conflicting backup control plane operation on the table. " \
	"The backup is either being created, deleted or restored to a table."

/* The advisory lock that serialises the count of restores in progress. */
#define RESTORE_LIMIT_LOCK_FIELD4 0x4453

/* How often a session looks for interrupted restores, at most. */
#define RESUME_INTERVAL_MS 1000

int			ddb_max_concurrent_restores = 4;
int			ddb_restore_chunk_delay_ms = 0;
int			ddb_restore_work_mem_kb = 8192;

static const char *const billing_modes[] = {"PROVISIONED", "PAY_PER_REQUEST", NULL};
static const char *const sse_types[] = {"AES256", "KMS", NULL};

/* The override members of a request, as read. */
typedef struct RestoreOverrides
{
	char	   *billing_mode;	/* or NULL */
	JsonbValue *gsis;			/* list, or NULL when absent */
	JsonbValue *lsis;
	JsonbValue *throughput;		/* object, or NULL */
	JsonbValue *on_demand;
	JsonbValue *sse;
} RestoreOverrides;

static char *StringOf(JsonbContainer *obj, const char *member);
static JsonbContainer *ContainerOf(JsonbValue *v);
static JsonbValue *RecordedIndex(JsonbValue *recorded, const char *name);
static bool KeySchemaEqual(JsonbContainer *a, JsonbContainer *b);
static bool NameListEqual(JsonbContainer *a, JsonbContainer *b);
static bool ProjectionEqual(JsonbContainer *a, JsonbContainer *b);
static void AddKeyNames(List **names, JsonbContainer *key_schema);
static void CheckOverrideEntry(JsonbContainer *entry, JsonbValue *recorded, bool global,
							   char **name);
static List *KeptIndexes(JsonbValue *override, JsonbValue *recorded, bool global,
						 List **key_names);
static Jsonb *TargetRequest(DdbBackupDef *backup, const char *target,
							RestoreOverrides *o);
static DdbTableDef *BuildTarget(DdbBackupDef *backup, const char *target,
								RestoreOverrides *o);
static Jsonb *RestoreSummary(DdbBackupDef *backup, bool in_progress);
static void ReadOverrides(JsonbContainer *root, DdbViolations *v, RestoreOverrides *o);
static void CheckRestoreLimit(void);
static void InsertTarget(DdbTableDef *table);

/* Define the settings of restores. */
void
DdbRestoreDefineSettings(void)
{
	DefineCustomIntVariable("ddbtable.max_concurrent_restores",
							"Restores that may be in progress at once.",
							"A RestoreTableFromBackup request beyond this is refused with LimitExceededException.",
							&ddb_max_concurrent_restores,
							4, 1, 1000,
							PGC_SUSET,
							0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("ddbtable.restore_work_mem",
							"Memory a restore worker uses to sort the keys of each index it builds.",
							"It is the worker's maintenance_work_mem: a fixed budget, so that a restore's memory does not grow with the table.",
							&ddb_restore_work_mem_kb,
							8192, 1024, MAX_KILOBYTES,
							PGC_SIGHUP,
							GUC_UNIT_KB,
							NULL, NULL, NULL);

	DefineCustomIntVariable("ddbtable.restore_chunk_delay",
							"For tests only: pause of the restore worker after each chunk it loads, and before it builds the GSIs.",
							"Slows restores down so that tests can act while one runs; recorded with each restore at its request, and applied to its first attempt only.",
							&ddb_restore_chunk_delay_ms,
							0, 0, 600000,
							PGC_SUSET,
							GUC_UNIT_MS | GUC_NOT_IN_SAMPLE,
							NULL, NULL, NULL);
}

/* Start a restore worker (see ddb_restore.h). */
bool
DdbLaunchRestoreWorker(int64 restore_id, TransactionId requester_xid)
{
	BackgroundWorker worker;
	BackgroundWorkerHandle *handle;
	DdbRestoreWorkerArgs args;

	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
	worker.bgw_restart_time = BGW_NEVER_RESTART;
	snprintf(worker.bgw_library_name, BGW_MAXLEN, "ddbtable");
	snprintf(worker.bgw_function_name, BGW_MAXLEN, "DdbRestoreWorkerMain");
	snprintf(worker.bgw_name, BGW_MAXLEN, "ddbtable restore %lld", (long long) restore_id);
	snprintf(worker.bgw_type, BGW_MAXLEN, "ddbtable restore");
	worker.bgw_main_arg = (Datum) 0;
	memset(&args, 0, sizeof(args));
	args.database_id = MyDatabaseId;
	args.requester_xid = requester_xid;
	args.restore_id = restore_id;
	StaticAssertStmt(sizeof(DdbRestoreWorkerArgs) <= BGW_EXTRALEN, "bgw_extra too small");
	memcpy(worker.bgw_extra, &args, sizeof(args));
	worker.bgw_notify_pid = 0;

	return RegisterDynamicBackgroundWorker(&worker, &handle);
}

/* Start a worker for every restore in progress that has none. */
void
DdbResumeInterruptedRestores(void)
{
	static TimestampTz last_look = 0;
	TimestampTz now = GetCurrentTimestamp();
	List	   *restores;
	ListCell   *lc;

	if (RecoveryInProgress() || XactReadOnly)
		return;
	if (last_look != 0 && !TimestampDifferenceExceeds(last_look, now, RESUME_INTERVAL_MS))
		return;
	last_look = now;

	restores = DdbListRestores(true, false);
	foreach(lc, restores)
	{
		DdbRestoreDef *r = lfirst(lc);

		if (DdbRestoreWorkerAlive(r->restore_id))
			continue;
		if (DdbLaunchRestoreWorker(r->restore_id, InvalidTransactionId))
			ereport(LOG,
					errmsg("resuming the restore of table \"%s\" from backup \"%s\"",
						   r->table_name, r->backup_arn),
					errdetail("Its worker stopped before the restore was complete."));
		else
			ereport(LOG,
					errmsg("could not resume the restore of table \"%s\": no background worker slot is free",
						   r->table_name),
					errhint("Raise max_worker_processes (now %d).", max_worker_processes));
	}
	list_free_deep(restores);
}

/* A string member of a recorded object, or NULL. */
static char *
StringOf(JsonbContainer *obj, const char *member)
{
	JsonbValue *v;

	if (obj == NULL)
		return NULL;
	v = getKeyJsonValueFromContainer(obj, member, strlen(member), NULL);
	if (v == NULL || v->type != jbvString)
		return NULL;
	return pnstrdup(v->val.string.val, v->val.string.len);
}

/* The container of an object or array value, or NULL. */
static JsonbContainer *
ContainerOf(JsonbValue *v)
{
	if (v == NULL || v->type != jbvBinary)
		return NULL;
	return v->val.binary.data;
}

/* The recorded index (an element of a recorded list) of that name, or NULL. */
static JsonbValue *
RecordedIndex(JsonbValue *recorded, const char *name)
{
	JsonbContainer *list = ContainerOf(recorded);

	if (list == NULL)
		return NULL;
	for (int i = 0; i < DdbArraySize(list); i++)
	{
		JsonbValue *ix = DdbArrayElement(list, i);
		char	   *ix_name = StringOf(ContainerOf(ix), "IndexName");

		if (ix_name != NULL && strcmp(ix_name, name) == 0)
			return ix;
	}
	return NULL;
}

/* Whether two KeySchema lists name the same attributes and key types. */
static bool
KeySchemaEqual(JsonbContainer *a, JsonbContainer *b)
{
	if (a == NULL || b == NULL || DdbArraySize(a) != DdbArraySize(b))
		return false;
	for (int i = 0; i < DdbArraySize(a); i++)
	{
		JsonbContainer *ea = ContainerOf(DdbArrayElement(a, i));
		JsonbContainer *eb = ContainerOf(DdbArrayElement(b, i));
		char	   *na = StringOf(ea, "AttributeName");
		char	   *nb = StringOf(eb, "AttributeName");
		char	   *ta = StringOf(ea, "KeyType");
		char	   *tb = StringOf(eb, "KeyType");

		if (na == NULL || nb == NULL || ta == NULL || tb == NULL ||
			strcmp(na, nb) != 0 || strcmp(ta, tb) != 0)
			return false;
	}
	return true;
}

/* Whether two lists of names (or absent lists) hold the same names. */
static bool
NameListEqual(JsonbContainer *a, JsonbContainer *b)
{
	int			na = a ? DdbArraySize(a) : 0;
	int			nb = b ? DdbArraySize(b) : 0;

	if (na != nb)
		return false;
	for (int i = 0; i < na; i++)
	{
		JsonbValue *x = DdbArrayElement(a, i);
		bool		found = false;

		for (int j = 0; j < nb && !found; j++)
		{
			JsonbValue *y = DdbArrayElement(b, j);

			found = x->type == jbvString && y->type == jbvString &&
				x->val.string.len == y->val.string.len &&
				memcmp(x->val.string.val, y->val.string.val, x->val.string.len) == 0;
		}
		if (!found)
			return false;
	}
	return true;
}

/* Whether two Projection objects are the same projection. */
static bool
ProjectionEqual(JsonbContainer *a, JsonbContainer *b)
{
	char	   *ta = StringOf(a, "ProjectionType");
	char	   *tb = StringOf(b, "ProjectionType");

	if (ta == NULL || tb == NULL || strcmp(ta, tb) != 0)
		return false;
	return NameListEqual(ContainerOf(DdbGetMember(a, "NonKeyAttributes")),
						 ContainerOf(DdbGetMember(b, "NonKeyAttributes")));
}

/* Add the attribute names of a KeySchema to a list (once each). */
static void
AddKeyNames(List **names, JsonbContainer *key_schema)
{
	if (key_schema == NULL)
		return;
	for (int i = 0; i < DdbArraySize(key_schema); i++)
	{
		char	   *name = StringOf(ContainerOf(DdbArrayElement(key_schema, i)),
									"AttributeName");
		ListCell   *lc;
		bool		seen = false;

		if (name == NULL)
			continue;
		foreach(lc, *names)
			if (strcmp((char *) lfirst(lc), name) == 0)
				seen = true;
		if (!seen)
			*names = lappend(*names, name);
	}
}

/*
 * An entry of an index override must name an index of the backup, with
 * the same key schema and projection.
 */
static void
CheckOverrideEntry(JsonbContainer *entry, JsonbValue *recorded, bool global, char **name)
{
	const char *member = global ? "GlobalSecondaryIndexOverride" : "LocalSecondaryIndexOverride";
	JsonbValue *rec;

	*name = StringOf(entry, "IndexName");
	rec = RecordedIndex(recorded, *name);
	if (rec == NULL)
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "%s names an index that is not in the backup: %s",
				 member, *name);
	if (!KeySchemaEqual(ContainerOf(DdbGetMember(entry, "KeySchema")),
						ContainerOf(DdbGetMember(ContainerOf(rec), "KeySchema"))))
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "The KeySchema of index %s in %s does not match the backup",
				 *name, member);
	if (!ProjectionEqual(ContainerOf(DdbGetMember(entry, "Projection")),
						 ContainerOf(DdbGetMember(ContainerOf(rec), "Projection"))))
		DdbRaise(DDB_EXC_ValidationException,
				 INVALID_PREFIX "The Projection of index %s in %s does not match the backup",
				 *name, member);
}

/*
 * The indexes the target gets, as pairs (recorded index, override entry
 * or NULL) in a List of two-element Lists: the override's entries, or
 * every recorded index without an override.  Adds their key attributes to
 * key_names.
 */
static List *
KeptIndexes(JsonbValue *override, JsonbValue *recorded, bool global, List **key_names)
{
	List	   *kept = NIL;

	if (override != NULL)
	{
		JsonbContainer *list = ContainerOf(override);

		for (int i = 0; i < DdbArraySize(list); i++)
		{
			JsonbValue *entry = DdbArrayElement(list, i);
			char	   *name;
			JsonbValue *rec;

			CheckOverrideEntry(ContainerOf(entry), recorded, global, &name);
			rec = RecordedIndex(recorded, name);
			kept = lappend(kept, list_make2(rec, entry));
		}
	}
	else if (ContainerOf(recorded) != NULL)
	{
		JsonbContainer *list = ContainerOf(recorded);

		for (int i = 0; i < DdbArraySize(list); i++)
			kept = lappend(kept, list_make2(DdbArrayElement(list, i), NULL));
	}
	for (int i = 0; i < list_length(kept); i++)
	{
		JsonbValue *rec = linitial((List *) list_nth(kept, i));

		AddKeyNames(key_names, ContainerOf(DdbGetMember(ContainerOf(rec), "KeySchema")));
	}
	return kept;
}

/*
 * The CreateTable request for the target: what the backup recorded, with
 * the overrides applied.
 */
static Jsonb *
TargetRequest(DdbBackupDef *backup, const char *target, RestoreOverrides *o)
{
	JsonbContainer *def = &backup->table_definition->root;
	char	   *recorded_mode = StringOf(def, "BillingMode");
	const char *mode = o->billing_mode ? o->billing_mode : recorded_mode;
	bool		provisioned = strcmp(mode, "PROVISIONED") == 0;
	JsonbValue *recorded_throughput = DdbGetMember(def, "ProvisionedThroughput");
	JsonbValue *recorded_on_demand = DdbGetMember(def, "OnDemandThroughput");
	List	   *key_names = NIL;
	List	   *lsis;
	List	   *gsis;
	ListCell   *lc;
	JsonbContainer *attrs;
	DdbJson		js;

	AddKeyNames(&key_names, ContainerOf(DdbGetMember(def, "KeySchema")));
	lsis = KeptIndexes(o->lsis, DdbGetMember(def, "LocalSecondaryIndexes"), false, &key_names);
	gsis = KeptIndexes(o->gsis, DdbGetMember(def, "GlobalSecondaryIndexes"), true, &key_names);

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutString(&js, "TableName", target);
	DdbJsonPutString(&js, "BillingMode", mode);
	DdbJsonPutJsonb(&js, "KeySchema", JsonbValueToJsonb(DdbGetMember(def, "KeySchema")));

	/* AttributeDefinitions: those the kept keys use, in the recorded order */
	attrs = ContainerOf(DdbGetMember(def, "AttributeDefinitions"));
	DdbJsonBeginArray(&js, "AttributeDefinitions");
	for (int i = 0; attrs != NULL && i < DdbArraySize(attrs); i++)
	{
		JsonbValue *attr = DdbArrayElement(attrs, i);
		char	   *name = StringOf(ContainerOf(attr), "AttributeName");
		bool		used = false;

		foreach(lc, key_names)
			if (name != NULL && strcmp((char *) lfirst(lc), name) == 0)
				used = true;
		if (used)
			DdbJsonPutJsonb(&js, NULL, JsonbValueToJsonb(attr));
	}
	DdbJsonEndArray(&js);

	/* capacities as recorded when the backup was requested, or overridden */
	if (o->throughput != NULL)
		DdbJsonPutJsonb(&js, "ProvisionedThroughput", JsonbValueToJsonb(o->throughput));
	else if (provisioned && recorded_throughput != NULL)
		DdbJsonPutJsonb(&js, "ProvisionedThroughput", JsonbValueToJsonb(recorded_throughput));
	if (o->on_demand != NULL)
		DdbJsonPutJsonb(&js, "OnDemandThroughput", JsonbValueToJsonb(o->on_demand));
	else if (!provisioned && recorded_on_demand != NULL)
		DdbJsonPutJsonb(&js, "OnDemandThroughput", JsonbValueToJsonb(recorded_on_demand));

	if (lsis != NIL)
	{
		DdbJsonBeginArray(&js, "LocalSecondaryIndexes");
		foreach(lc, lsis)
		{
			JsonbContainer *rec = ContainerOf(linitial((List *) lfirst(lc)));

			DdbJsonBeginObject(&js, NULL);
			DdbJsonPutJsonb(&js, "IndexName", JsonbValueToJsonb(DdbGetMember(rec, "IndexName")));
			DdbJsonPutJsonb(&js, "KeySchema", JsonbValueToJsonb(DdbGetMember(rec, "KeySchema")));
			DdbJsonPutJsonb(&js, "Projection", JsonbValueToJsonb(DdbGetMember(rec, "Projection")));
			DdbJsonEndObject(&js);
		}
		DdbJsonEndArray(&js);
	}
	if (gsis != NIL)
	{
		DdbJsonBeginArray(&js, "GlobalSecondaryIndexes");
		foreach(lc, gsis)
		{
			JsonbContainer *rec = ContainerOf(linitial((List *) lfirst(lc)));
			JsonbContainer *entry = ContainerOf(lsecond((List *) lfirst(lc)));
			JsonbValue *tp = entry ? DdbGetMember(entry, "ProvisionedThroughput") : NULL;
			JsonbValue *od = entry ? DdbGetMember(entry, "OnDemandThroughput") : NULL;

			if (tp == NULL && provisioned)
				tp = DdbGetMember(rec, "ProvisionedThroughput");
			if (od == NULL && !provisioned)
				od = DdbGetMember(rec, "OnDemandThroughput");
			DdbJsonBeginObject(&js, NULL);
			DdbJsonPutJsonb(&js, "IndexName", JsonbValueToJsonb(DdbGetMember(rec, "IndexName")));
			DdbJsonPutJsonb(&js, "KeySchema", JsonbValueToJsonb(DdbGetMember(rec, "KeySchema")));
			DdbJsonPutJsonb(&js, "Projection", JsonbValueToJsonb(DdbGetMember(rec, "Projection")));
			if (tp != NULL)
				DdbJsonPutJsonb(&js, "ProvisionedThroughput", JsonbValueToJsonb(tp));
			if (od != NULL)
				DdbJsonPutJsonb(&js, "OnDemandThroughput", JsonbValueToJsonb(od));
			DdbJsonEndObject(&js);
		}
		DdbJsonEndArray(&js);
	}
	if (o->sse != NULL)
		DdbJsonPutJsonb(&js, "SSESpecification", JsonbValueToJsonb(o->sse));
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/* RestoreSummary of a restore from the backup. */
static Jsonb *
RestoreSummary(DdbBackupDef *backup, bool in_progress)
{
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutString(&js, "SourceBackupArn", backup->backup_arn);
	DdbJsonPutString(&js, "SourceTableArn", backup->table_arn);
	DdbJsonPutTimestamp(&js, "RestoreDateTime", backup->creation_time);
	DdbJsonPutBool(&js, "RestoreInProgress", in_progress);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/* The definition of the target table, checked as CreateTable checks one. */
static DdbTableDef *
BuildTarget(DdbBackupDef *backup, const char *target, RestoreOverrides *o)
{
	DdbTableDef *table;
	JsonbValue *recorded_sse;
	ListCell   *lc;

	if (backup->table_definition == NULL ||
		StringOf(&backup->table_definition->root, "BillingMode") == NULL)
		elog(ERROR, "backup \"%s\" does not record its table's definition", backup->backup_arn);

	table = DdbTableDefFromRequest(TargetRequest(backup, target, o));
	table->table_status = "CREATING";
	foreach(lc, table->indexes)
	{
		DdbIndexDef *ix = lfirst(lc);

		if (ix->is_global)
			ix->index_status = "CREATING";
	}
	/* encryption as recorded, unless overridden */
	recorded_sse = DdbGetMember(&backup->table_definition->root, "SSEDescription");
	if (o->sse == NULL && recorded_sse != NULL && recorded_sse->type == jbvBinary)
		table->sse_description = JsonbValueToJsonb(recorded_sse);
	table->restore_summary = RestoreSummary(backup, true);
	return table;
}

/*
 * Read the override members (SerializationException for a wrong JSON type)
 * and record their constraint violations.
 */
static void
ReadOverrides(JsonbContainer *root, DdbViolations *v, RestoreOverrides *o)
{
	JsonbContainer *c;
	int64		ignored;

	memset(o, 0, sizeof(RestoreOverrides));
	if (DdbGetString(root, "BillingModeOverride", &o->billing_mode, NULL))
		DdbCheckEnum(v, o->billing_mode, "billingModeOverride", billing_modes,
					 "[PROVISIONED, PAY_PER_REQUEST]");

	DdbCheckIndexListConstraints(v, root, "GlobalSecondaryIndexOverride", true,
								 "globalSecondaryIndexOverride");
	o->gsis = DdbGetMember(root, "GlobalSecondaryIndexOverride");
	DdbCheckIndexListConstraints(v, root, "LocalSecondaryIndexOverride", false,
								 "localSecondaryIndexOverride");
	o->lsis = DdbGetMember(root, "LocalSecondaryIndexOverride");

	DdbCheckThroughputMemberConstraints(v, root, "ProvisionedThroughputOverride",
										"provisionedThroughputOverride");
	o->throughput = DdbGetMember(root, "ProvisionedThroughputOverride");

	if (DdbGetObject(root, "OnDemandThroughputOverride", &c))
	{
		DdbGetLong(c, "MaxWriteRequestUnits", &ignored);
		DdbGetLong(c, "MaxReadRequestUnits", &ignored);
		o->on_demand = DdbGetMember(root, "OnDemandThroughputOverride");
	}

	if (DdbGetObject(root, "SSESpecificationOverride", &c))
	{
		bool		enabled;
		char	   *sse_type = NULL;
		char	   *key_id;

		DdbGetBool(c, "Enabled", &enabled);
		if (DdbGetString(c, "SSEType", &sse_type, NULL))
			DdbCheckEnum(v, sse_type, "sSESpecificationOverride.sSEType", sse_types,
						 "[AES256, KMS]");
		DdbGetString(c, "KMSMasterKeyId", &key_id, NULL);
		o->sse = DdbGetMember(root, "SSESpecificationOverride");
	}
}

/*
 * LimitExceededException when ddbtable.max_concurrent_restores restores
 * are in progress.  The advisory lock keeps two requests from counting at
 * the same time; it is held until the end of the transaction, so the count
 * sees every committed request.
 */
static void
CheckRestoreLimit(void)
{
	LOCKTAG		tag;
	int64		running;

	SET_LOCKTAG_ADVISORY(tag, MyDatabaseId, 0, 0, RESTORE_LIMIT_LOCK_FIELD4);
	(void) LockAcquire(&tag, ExclusiveLock, false, false);
	running = DdbCountRestoresInProgress();
	if (running >= ddb_max_concurrent_restores)
		ereport(ERROR,
				errcode(DdbExceptionSqlstate(DDB_EXC_LimitExceededException)),
				errmsg_internal("Too many operations for a given subscriber."),
				errdetail_internal("%s", DdbExceptionName(DDB_EXC_LimitExceededException)),
				errhint("%lld restores are in progress, the most ddbtable.max_concurrent_restores allows.",
						(long long) running));
}

/*
 * Record the target table; a name a concurrent request took meanwhile is
 * TableAlreadyExistsException (DdbInsertTable says ResourceInUseException,
 * CreateTable's answer).
 */
static void
InsertTarget(DdbTableDef *table)
{
	MemoryContext caller_context = CurrentMemoryContext;

	PG_TRY();
	{
		DdbInsertTable(table);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(caller_context);
		edata = CopyErrorData();
		if (edata->sqlerrcode != DdbExceptionSqlstate(DDB_EXC_ResourceInUseException))
			PG_RE_THROW();
		FlushErrorState();
		DdbRaise(DDB_EXC_TableAlreadyExistsException, "Table already exists: %s",
				 table->table_name);
	}
	PG_END_TRY();
}

/*
 * RestoreTableFromBackup: create the target table from a backup, in status
 * CREATING, and start loading it.  Answers {"TableDescription": ...} with
 * TableStatus CREATING and RestoreSummary.RestoreInProgress true.
 */
Jsonb *
DdbRestoreTableFromBackup(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	DdbViolations v;
	char	   *target = NULL;
	int			target_len = 0;
	char	   *arn = NULL;
	int			arn_len = 0;
	RestoreOverrides o;
	TimestampTz created;
	DdbBackupDef *backup;
	char	   *status;
	DdbTableDef *table;
	DdbRestoreDef r;
	DdbJson		js;

	/* the JSON types and the model's constraints, in the shape's order */
	DdbViolationsInit(&v);
	if (!DdbGetString(root, "TargetTableName", &target, &target_len))
		DdbViolationAdd(&v, NULL, "targetTableName", "Member must not be null");
	else
	{
		DdbCheckNamePattern(&v, target, "targetTableName");
		DdbCheckLength(&v, target, pg_mbstrlen_with_len(target, target_len), 3, 255,
					   "targetTableName");
	}
	if (!DdbGetString(root, "BackupArn", &arn, &arn_len))
		DdbViolationAdd(&v, NULL, "backupArn", "Member must not be null");
	else
		DdbCheckLength(&v, arn, pg_mbstrlen_with_len(arn, arn_len), 37, 1024, "backupArn");
	ReadOverrides(root, &v, &o);
	DdbViolationsRaise(&v);

	if (!DdbParseBackupArn(arn, &created))
		DdbRaise(DDB_EXC_ValidationException, "Invalid BackupArn: %s", arn);
	DdbAuditNoteBackupArn(arn);
	DdbResumeInterruptedRestores();

	/* the backup */
	backup = DdbLoadBackup(arn, false);
	if (backup == NULL || strcmp(backup->status, DDB_BACKUP_FAILED) == 0)
		DdbRaise(DDB_EXC_BackupNotFoundException, "Backup not found: %s", arn);
	if (!DdbBackupOwned(backup))
		DdbRaiseAccessDenied("RestoreTableFromBackup", arn);
	status = DdbLockBackupForRestore(backup->backup_id);
	if (status == NULL || strcmp(status, DDB_BACKUP_FAILED) == 0)
		DdbRaise(DDB_EXC_BackupNotFoundException, "Backup not found: %s", arn);
	if (strcmp(status, DDB_BACKUP_AVAILABLE) != 0)
		DdbRaise(DDB_EXC_BackupInUseException, BACKUP_IN_USE_MESSAGE);

	/* the target */
	if (pg_namespace_aclcheck(DdbDataNamespace(), GetUserId(), ACL_CREATE) != ACLCHECK_OK)
		DdbRaiseAccessDenied("RestoreTableFromBackup", DdbTableArn(target));
	if (DdbLoadTable(target, false, true) != NULL)
		DdbRaise(DDB_EXC_TableAlreadyExistsException, "Table already exists: %s", target);
	table = BuildTarget(backup, target, &o);
	CheckRestoreLimit();

	DdbAssignRelnames(table);
	InsertTarget(table);
	DdbCreateTableStorage(table);

	memset(&r, 0, sizeof(r));
	r.table_id = table->table_id;
	r.table_name = table->table_name;
	r.table_arn = table->table_arn;
	r.backup_id = backup->backup_id;
	r.backup_arn = backup->backup_arn;
	r.source_table_arn = backup->table_arn;
	r.requested_by = GetUserNameFromId(GetUserId(), false);
	r.request_time = table->creation_time;
	r.chunk_delay_ms = ddb_restore_chunk_delay_ms;
	DdbInsertRestore(&r);

	if (!DdbLaunchRestoreWorker(r.restore_id, GetTopTransactionId()))
		ereport(ERROR,
				errcode(DdbExceptionSqlstate(DDB_EXC_LimitExceededException)),
				errmsg_internal("Too many operations for a given subscriber."),
				errdetail_internal("%s", DdbExceptionName(DDB_EXC_LimitExceededException)),
				errhint("No background worker slot is free for the restore: raise max_worker_processes (now %d), or retry when running backups and restores have finished.",
						max_worker_processes));

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutJsonb(&js, "TableDescription", DdbTableDescription(table, NULL));
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/*
 * ddb_wait_for_restore(table_name text, timeout interval DEFAULT '10min')
 * RETURNS jsonb
 *
 * Waits until the latest restore to the table of this name is complete --
 * the table ACTIVE and every GSI ACTIVE -- and returns its DescribeTable
 * response.  Raises if that restore failed (with the reason; its target
 * was removed), if the current role can see no restore to that name, after
 * the timeout (SQLSTATE 55000), and at once when waiting cannot succeed:
 * in the transaction that requested the restore, or in a REPEATABLE READ
 * or SERIALIZABLE transaction.  Interrupted restores are resumed first.
 */
PG_FUNCTION_INFO_V1(ddb_wait_for_restore);
Datum
ddb_wait_for_restore(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	Interval   *timeout = PG_GETARG_INTERVAL_P(1);
	TimestampTz deadline;
	DdbJson		js;

	deadline = DatumGetTimestampTz(DirectFunctionCall2(timestamptz_pl_interval,
													   TimestampTzGetDatum(GetCurrentTimestamp()),
													   IntervalPGetDatum(timeout)));
	if (IsolationUsesXactSnapshot())
		ereport(ERROR,
				errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("cannot wait for a restore in a transaction whose snapshot does not change"),
				errhint("Wait in a READ COMMITTED transaction."));
	for (;;)
	{
		MemoryContext loop_context;
		MemoryContext old;
		DdbRestoreDef *r;

		loop_context = AllocSetContextCreate(CurrentMemoryContext, "ddbtable wait",
											 ALLOCSET_SMALL_SIZES);
		old = MemoryContextSwitchTo(loop_context);
		DdbResumeInterruptedRestores();
		r = DdbLoadLatestRestore(name);
		MemoryContextSwitchTo(old);

		if (r == NULL)
			ereport(ERROR,
					errcode(ERRCODE_UNDEFINED_OBJECT),
					errmsg("no restore to a table named \"%s\" is visible", name),
					errhint("ddb_restores lists the restores the current role may see."));
		if (TransactionIdIsCurrentTransactionId(r->row_xmin))
			ereport(ERROR,
					errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					errmsg("cannot wait for the restore of table \"%s\" in the transaction that requested it",
						   name),
					errdetail("The restore starts only once its request has committed."),
					errhint("Commit the transaction, then wait."));
		if (strcmp(r->status, DDB_RESTORE_FAILED) == 0)
			ereport(ERROR,
					errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					errmsg("the restore of table \"%s\" from backup \"%s\" failed",
						   name, r->backup_arn),
					r->failure_reason ? errdetail("%s", r->failure_reason) : 0,
					errhint("The table was not created; restore the backup again, or another one."));
		if (strcmp(r->status, DDB_RESTORE_COMPLETED) == 0)
			break;
		if (GetCurrentTimestamp() >= deadline)
			ereport(ERROR,
					errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					errmsg("the restore of table \"%s\" did not complete within %s", name,
						   DatumGetCString(DirectFunctionCall1(interval_out,
															   IntervalPGetDatum(timeout)))),
					errdetail("Its status is %s.", r->status),
					errhint("Pass a longer timeout."));
		MemoryContextDelete(loop_context);
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 20L, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonPutString(&js, "TableName", name);
	DdbJsonEndObject(&js);
	PG_RETURN_JSONB_P(DdbDescribeTable(DdbJsonFinish(&js)));
}

/*
 * ddb_get_restores() RETURNS SETOF record -- the rows of the view
 * ddb_restores: every restore the current role may see (its own, those of
 * roles whose privileges it has; all for superusers), with its status,
 * times, figures and, for a failed one, the reason.  Interrupted restores
 * are resumed first.
 */
PG_FUNCTION_INFO_V1(ddb_get_restores);
Datum
ddb_get_restores(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	List	   *restores;
	ListCell   *lc;

	InitMaterializedSRF(fcinfo, 0);
	DdbResumeInterruptedRestores();
	restores = DdbListRestores(false, true);
	foreach(lc, restores)
	{
		DdbRestoreDef *r = lfirst(lc);
		Datum		values[15];
		bool		nulls[15];
		bool		in_progress = strcmp(r->status, DDB_RESTORE_LOADING) == 0 ||
			strcmp(r->status, DDB_RESTORE_BUILDING_INDEXES) == 0;

		memset(nulls, 0, sizeof(nulls));
		values[0] = CStringGetTextDatum(r->table_name);
		values[1] = CStringGetTextDatum(r->table_arn);
		values[2] = CStringGetTextDatum(r->backup_arn);
		values[3] = CStringGetTextDatum(r->source_table_arn);
		values[4] = CStringGetTextDatum(r->status);
		values[5] = CStringGetTextDatum(r->requested_by);
		values[6] = TimestampTzGetDatum(r->request_time);
		values[7] = TimestampTzGetDatum(r->active_time);
		nulls[7] = (r->active_time == 0);
		values[8] = TimestampTzGetDatum(r->completion_time);
		nulls[8] = (r->completion_time == 0);
		values[9] = Int32GetDatum(r->attempts);
		values[10] = BoolGetDatum(in_progress && DdbRestoreWorkerAlive(r->restore_id));
		values[11] = Int64GetDatum(r->item_count);
		values[12] = Int64GetDatum(r->table_size_bytes);
		values[13] = Int64GetDatum(r->peak_memory_bytes);
		nulls[11] = nulls[12] = nulls[13] = !r->has_counts;
		if (r->failure_reason != NULL)
			values[14] = CStringGetTextDatum(r->failure_reason);
		else
			nulls[14] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * ddb_restore_backup_delete_guard() RETURNS trigger
 *
 * BEFORE DELETE on ddb_catalog.backups: a backup that a restore in
 * progress reads cannot be deleted (DeleteBackup answers
 * BackupInUseException).  A restore request locks the backup's row until
 * it commits, so a concurrent deletion waits for it and then sees it here.
 */
PG_FUNCTION_INFO_V1(ddb_restore_backup_delete_guard);
Datum
ddb_restore_backup_delete_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	int			attnum;
	bool		isnull;
	Datum		backup_id;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_DELETE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("function \"%s\" must be fired BEFORE DELETE FOR EACH ROW",
					   "ddb_restore_backup_delete_guard"));

	desc = RelationGetDescr(trigdata->tg_relation);
	attnum = SPI_fnumber(desc, "backup_id");
	if (attnum <= 0)
		elog(ERROR, "relation \"%s\" has no column \"backup_id\"",
			 RelationGetRelationName(trigdata->tg_relation));
	backup_id = heap_getattr(trigdata->tg_trigtuple, attnum, desc, &isnull);
	if (!isnull && DdbBackupHasRestoreInProgress(DatumGetInt64(backup_id)))
		DdbRaise(DDB_EXC_BackupInUseException, BACKUP_IN_USE_MESSAGE);
	return PointerGetDatum(trigdata->tg_trigtuple);
}
