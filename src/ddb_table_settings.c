/*-------------------------------------------------------------------------
 *
 * ddb_table_settings.c
 *	  Tags, Time to Live and continuous-backup (PITR) settings, and the
 *	  helpers every control-plane operation shares (ddb_table_settings.h).
 *
 * TagResource, UntagResource and ListTagsOfResource address a table by its
 * ARN; the other operations here take a TableName that may be a name or an
 * ARN.  Every operation loads the table's catalog row (locking it when it
 * changes the table), checks the caller's privileges on the table's item
 * relation, changes the definition and saves it, all in the caller's
 * transaction: a change is visible to others exactly when it commits.
 *
 * Where the DynamoDB documentation is silent, the texts follow what the
 * service answers today (see the README's error contract):
 *
 *	- Tags.  Keys are 1..128 and values 0..256 characters of letters, digits,
 *	  white space and "+ - = . _ : / @"; "aws:" keys are reserved.  A bad
 *	  tag refuses the whole request with "The Tag Key provided is invalid,
 *	  Key: <k>" / "The Tag Value provided is invalid, Value: <v>"; more than
 *	  50 tags after merging is a ValidationException ("Number of Tags exceed
 *	  the current limit for the provided ResourceArn"), not a
 *	  LimitExceededException.  ListTagsOfResource returns every tag in one
 *	  page (at most 50 exist), as the service does; NextToken is honoured
 *	  as a position in the table's tag list.
 *	- Time to Live.  A change takes effect when the transaction commits, so
 *	  DescribeTimeToLive shows ENABLED or DISABLED, never ENABLING or
 *	  DISABLING.  At most one change per table per hour.
 *	- Continuous backups are always ENABLED for an ACTIVE table.  The
 *	  restorable window of point-in-time recovery runs from the later of
 *	  the time PITR was enabled and now minus RecoveryPeriodInDays, to now.
 *
 * IDENTIFICATION
 *	  src/ddb_table_settings.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "ddb_acl.h"
#include "ddb_backup.h"
#include "ddb_catalog.h"
#include "ddb_core.h"
#include "ddb_json.h"
#include "ddb_operations.h"
#include "ddb_request.h"
#include "ddb_table_settings.h"
#include "ddbtable.h"

#define DDB_MAX_TAGS 50
#define DDB_TAG_KEY_MAX_CHARS 128
#define DDB_TAG_VALUE_MAX_CHARS 256
/* every tag fits in one page, as in the service */
#define DDB_TAGS_PAGE_SIZE DDB_MAX_TAGS

#define DDB_TTL_CHANGE_INTERVAL USECS_PER_HOUR
#define DDB_TTL_ATTRIBUTE_MAX 255

#define DDB_PITR_DEFAULT_DAYS 35
#define DDB_PITR_MIN_DAYS 1
#define DDB_PITR_MAX_DAYS 35

/* One tag of a table. */
typedef struct DdbTag
{
	char	   *key;
	char	   *value;
} DdbTag;

static void CheckTableNameText(DdbViolations *v, const char *name, int len);
static void CheckNameAndEnum(DdbViolations *v, const char *name, const char *value,
							 const char *path, const char *value_member,
							 const char *const *allowed, const char *printed_set);
static bool IsArnShaped(const char *arn);
static bool ParseTableArnText(const char *arn, char **name, char **region);
static char *ReadResourceArn(JsonbContainer *root, const char *action, char **name);
static DdbTableDef *LoadTableByArn(const char *arn, const char *action, bool for_change);
static bool TagCodepointAllowed(pg_wchar c);
static bool TagTextAllowed(const char *text, int len);
static void CheckTagKey(const char *key, int len);
static void CheckTagValue(const char *value, int len);
static List *TagsFromJsonb(Jsonb *tags);
static void PutTags(DdbJson *js, const char *key, List *tags, int start, int end);
static Jsonb *TagsToJsonb(List *tags);
static DdbTag *FindTag(List *tags, const char *key);
static Jsonb *EmptyResponse(void);
static bool TtlIsOn(DdbTableDef *table);
static Jsonb *ContinuousBackupsResponse(DdbTableDef *table, TimestampTz now);


/* ----------------------------------------------------------------------
 * Helpers shared by the control-plane operations (ddb_table_settings.h)
 * ----------------------------------------------------------------------
 */

/*
 * A table name as TableName gives it (tables.md §1): one of bad length
 * raises at once, as the service does before its constraint checks; a bad
 * pattern is recorded in v.  len is the length in bytes.
 */
static void
CheckTableNameText(DdbViolations *v, const char *name, int len)
{
	int			chars = pg_mbstrlen_with_len(name, len);

	if (chars < 3 || chars > 255)
		DdbRaise(DDB_EXC_ValidationException,
				 "TableName must be at least 3 characters long and at most 255 characters long");
	DdbCheckNamePattern(v, name, "tableName");
}

/*
 * Read TableName, a table name or a table ARN (tables.md §1), for every
 * operation that takes one.  A missing member raises at once ("The
 * parameter 'TableName' is required but was not present in the request"),
 * as does a name of bad length; a bad name pattern, or an ARN longer than
 * 1024 characters, is recorded in v.  Returns the member as given; sets
 * *table_name, when not NULL, to the table's name (the ARN's, for an ARN).
 * With check_arn_name, the name in an ARN must be a valid table name too
 * (CreateTable, which gives a new table that name).
 */
char *
DdbReadTableNameMember(JsonbContainer *root, DdbViolations *v, bool check_arn_name,
					   char **table_name)
{
	char	   *value;
	char	   *name;
	int			len;

	if (!DdbGetString(root, "TableName", &value, &len))
		DdbRaise(DDB_EXC_ValidationException,
				 "The parameter 'TableName' is required but was not present in the request");
	if (!DdbParseTableArn(value, &name))
	{
		CheckTableNameText(v, value, len);
		name = value;
	}
	else
	{
		DdbCheckLength(v, value, pg_mbstrlen_with_len(value, len), 1, 1024, "tableName");
		if (check_arn_name)
			CheckTableNameText(v, name, strlen(name));
	}
	if (table_name != NULL)
		*table_name = name;
	return value;
}

/*
 * The TableName of a request that has no other member to check (the
 * Describe operations, DeleteTable): every problem with it raises.
 */
char *
DdbRequestTableName(JsonbContainer *root)
{
	DdbViolations v;
	char	   *name;

	DdbViolationsInit(&v);
	name = DdbReadTableNameMember(root, &v, false, NULL);
	DdbViolationsRaise(&v);
	return name;
}

/* StreamSpecification {StreamEnabled, StreamViewType}; false when absent. */
bool
DdbGetStreamSpecification(JsonbContainer *root, DdbStreamSpec *spec)
{
	JsonbContainer *obj;

	memset(spec, 0, sizeof(DdbStreamSpec));
	if (!DdbGetObject(root, "StreamSpecification", &obj))
		return false;
	spec->present = true;
	spec->has_enabled = DdbGetBool(obj, "StreamEnabled", &spec->enabled);
	(void) DdbGetString(obj, "StreamViewType", &spec->view_type, NULL);
	return true;
}

/* SSESpecification {Enabled, SSEType, KMSMasterKeyId}; false when absent. */
bool
DdbGetSseSpecification(JsonbContainer *root, DdbSseSpec *spec)
{
	JsonbContainer *obj;

	memset(spec, 0, sizeof(DdbSseSpec));
	if (!DdbGetObject(root, "SSESpecification", &obj))
		return false;
	spec->present = true;
	spec->has_enabled = DdbGetBool(obj, "Enabled", &spec->enabled);
	(void) DdbGetString(obj, "SSEType", &spec->type, NULL);
	(void) DdbGetString(obj, "KMSMasterKeyId", &spec->kms_key_id, NULL);
	return true;
}

/* The model constraints of a StreamSpecification, when present. */
void
DdbCheckStreamSpecificationConstraints(DdbViolations *v, const DdbStreamSpec *spec)
{
	static const char *const view_types[] =
	{"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY", NULL};

	if (!spec->present)
		return;
	if (!spec->has_enabled)
		DdbViolationAdd(v, NULL, "streamSpecification.streamEnabled",
						"Member must not be null");
	DdbCheckEnum(v, spec->view_type, "streamSpecification.streamViewType", view_types,
				 "[NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]");
}

/* The model constraints of an SSESpecification, when present. */
void
DdbCheckSseSpecificationConstraints(DdbViolations *v, const DdbSseSpec *spec)
{
	static const char *const sse_types[] = {"AES256", "KMS", NULL};

	if (spec->present)
		DdbCheckEnum(v, spec->type, "sSESpecification.sSEType", sse_types, "[AES256, KMS]");
}

/*
 * A structure of a name (<path>.attributeName, 1..255) and an enum member
 * (<path>.<value_member>): each required.
 */
static void
CheckNameAndEnum(DdbViolations *v, const char *name, const char *value, const char *path,
				 const char *value_member, const char *const *allowed,
				 const char *printed_set)
{
	if (name == NULL)
		DdbViolationAdd(v, NULL, psprintf("%s.attributeName", path),
						"Member must not be null");
	else
		DdbCheckLength(v, name, strlen(name), 1, 255, psprintf("%s.attributeName", path));
	if (value == NULL)
		DdbViolationAdd(v, NULL, psprintf("%s.%s", path, value_member),
						"Member must not be null");
	else
		DdbCheckEnum(v, value, psprintf("%s.%s", path, value_member), allowed, printed_set);
}

/* An AttributeDefinition at path: AttributeName and AttributeType (B, N, S). */
void
DdbCheckAttributeDefinitionConstraints(DdbViolations *v, const char *name, const char *type,
									   const char *path)
{
	static const char *const attribute_types[] = {"B", "N", "S", NULL};

	CheckNameAndEnum(v, name, type, path, "attributeType", attribute_types, "[B, N, S]");
}

/* A KeySchemaElement at path: AttributeName and KeyType (HASH, RANGE). */
void
DdbCheckKeySchemaElementConstraints(DdbViolations *v, const char *name, const char *key_type,
									const char *path)
{
	static const char *const key_types[] = {"HASH", "RANGE", NULL};

	CheckNameAndEnum(v, name, key_type, path, "keyType", key_types, "[HASH, RANGE]");
}

/* BillingMode, when given: PROVISIONED or PAY_PER_REQUEST. */
void
DdbCheckBillingModeConstraint(DdbViolations *v, const char *billing_mode)
{
	static const char *const billing_modes[] = {"PROVISIONED", "PAY_PER_REQUEST", NULL};

	DdbCheckEnum(v, billing_mode, "billingMode", billing_modes,
				 "[PROVISIONED, PAY_PER_REQUEST]");
}

/* A ProjectionType at path, when given: ALL, INCLUDE or KEYS_ONLY. */
void
DdbCheckProjectionTypeConstraint(DdbViolations *v, const char *projection_type,
								 const char *path)
{
	static const char *const projection_types[] = {"ALL", "INCLUDE", "KEYS_ONLY", NULL};

	DdbCheckEnum(v, projection_type, path, projection_types, "[ALL, INCLUDE, KEYS_ONLY]");
}

/* Refuse a change of a table that is being created, updated or deleted. */
void
DdbCheckTableChangeable(DdbTableDef *table)
{
	const char *status = table->table_status;

	if (strcmp(status, "CREATING") == 0)
		DdbRaise(DDB_EXC_ResourceInUseException,
				 "Attempt to change a resource which is still in use: Table is being created: %s",
				 table->table_name);
	if (strcmp(status, "DELETING") == 0)
		DdbRaise(DDB_EXC_ResourceInUseException,
				 "Attempt to change a resource which is still in use: Table is being deleted: %s",
				 table->table_name);
	if (strcmp(status, "UPDATING") == 0)
		DdbRaise(DDB_EXC_ResourceInUseException,
				 "Attempt to change a resource which is still in use: Table: %s is in the process of being updated.",
				 table->table_name);
}

/*
 * The rules of an SSESpecification that need no table, in the service's
 * order (CreateTable and UpdateTable).  disabling: the specification turns
 * encryption off.
 */
void
DdbCheckSseSpecification(bool disabling, const char *sse_type, const char *kms_key_id)
{
	if (disabling && sse_type != NULL)
		DdbRaise(DDB_EXC_ValidationException,
				 "One or more parameter values were invalid: SSEType can not be specified if Enabled is false");
	if (disabling && kms_key_id != NULL)
		DdbRaise(DDB_EXC_ValidationException,
				 "One or more parameter values were invalid: KMSMasterKeyId can not be specified if Enabled is false");
	if (sse_type != NULL && strcmp(sse_type, "AES256") == 0)
		DdbRaise(DDB_EXC_ValidationException,
				 "One or more parameter values were invalid: SSEType AES256 is not supported");
	if (kms_key_id != NULL && sse_type == NULL)
		DdbRaise(DDB_EXC_ValidationException,
				 "One or more parameter values were invalid: SSEType KMS is required if KMSMasterKeyId is specified");
}

/* TableClass, when given: STANDARD or STANDARD_INFREQUENT_ACCESS. */
void
DdbCheckTableClass(const char *table_class)
{
	if (table_class != NULL &&
		strcmp(table_class, "STANDARD") != 0 &&
		strcmp(table_class, "STANDARD_INFREQUENT_ACCESS") != 0)
		DdbRaise(DDB_EXC_ValidationException,
				 "Invalid table-class parameter provided. Please try again with a valid table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS].");
}

/*
 * On-demand maximums (OnDemandThroughput) of the table (index_name NULL)
 * or of a GSI exist only in PAY_PER_REQUEST mode.
 */
void
DdbCheckOnDemandAllowed(const DdbCapacity *cap, bool pay_per_request, const char *index_name)
{
	if (!cap->present || pay_per_request)
		return;
	DdbRaise(DDB_EXC_ValidationException,
			 "One or more parameter values were invalid: %s for OnDemandThroughput %scannot be specified when the table BillingMode is PROVISIONED",
			 cap->has_read ? "MaxReadRequestUnits" : "MaxWriteRequestUnits",
			 index_name ? psprintf("for index : %s ", index_name) : "");
}

/* On-demand maximums: at least 1, or -1 for no maximum. */
void
DdbCheckOnDemandRange(const DdbCapacity *cap, const char *index_name)
{
	const char *what = index_name ? psprintf("index : %s", index_name) : "table";

	if (cap->has_read && (cap->read == 0 || cap->read < -1))
		DdbRaise(DDB_EXC_ValidationException,
				 "One or more parameter values were invalid: Requested MaxReadRequestUnits for OnDemandThroughput for %s is outside of valid range",
				 what);
	if (cap->has_write && (cap->write == 0 || cap->write < -1))
		DdbRaise(DDB_EXC_ValidationException,
				 "One or more parameter values were invalid: Requested MaxWriteRequestUnits for OnDemandThroughput for %s is outside of valid range",
				 what);
}

/*
 * The stored form of a pair of long members (OnDemandThroughput,
 * WarmThroughput): the members of current (NULL for none) overridden by
 * those cap gives.  Flags: DDB_CAPACITY_MINUS_ONE_REMOVES drops a member
 * given as -1; DDB_CAPACITY_WITH_STATUS adds "Status": "ACTIVE";
 * DDB_CAPACITY_KEEP_EMPTY keeps an object without members when cap is
 * present.  Returns NULL otherwise when no member is left.
 */
Jsonb *
DdbCapacityJsonb(Jsonb *current, const DdbCapacity *cap, int flags)
{
	const char *names[2] = {cap->read_member, cap->write_member};
	bool		given[2] = {cap->has_read, cap->has_write};
	int64		given_values[2] = {cap->read, cap->write};
	bool		has[2] = {false, false};
	int64		values[2] = {0, 0};
	DdbJson		js;

	for (int i = 0; i < 2; i++)
	{
		if (current != NULL)
			has[i] = DdbGetLong(&current->root, names[i], &values[i]);
		if (cap->present && given[i])
		{
			has[i] = !((flags & DDB_CAPACITY_MINUS_ONE_REMOVES) && given_values[i] == -1);
			values[i] = given_values[i];
		}
	}
	if (!has[0] && !has[1] && !((flags & DDB_CAPACITY_KEEP_EMPTY) && cap->present))
		return NULL;
	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	for (int i = 0; i < 2; i++)
		if (has[i])
			DdbJsonPutInt64(&js, names[i], values[i]);
	if (flags & DDB_CAPACITY_WITH_STATUS)
		DdbJsonPutString(&js, "Status", "ACTIVE");
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/* Whether a list of C strings (perhaps with NULL entries) holds str. */
bool
DdbStringListMember(List *list, const char *str)
{
	ListCell   *lc;

	foreach(lc, list)
	{
		if (lfirst(lc) != NULL && strcmp(lfirst(lc), str) == 0)
			return true;
	}
	return false;
}

/* "a, b": a list of C strings as the service joins names in messages. */
char *
DdbJoinStrings(List *strings)
{
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	foreach(lc, strings)
		appendStringInfo(&buf, "%s%s", foreach_current_index(lc) > 0 ? ", " : "",
						 (char *) lfirst(lc));
	return buf.data;
}

/*
 * The shape of a table or index key schema once its constraints hold
 * (tables.md §2): every key attribute defined in def_names, two distinct
 * names, HASH then RANGE.  key_names and key_types are parallel lists of
 * one or two C strings.
 */
void
DdbCheckKeySchema(List *key_names, List *key_types, List *def_names)
{
	ListCell   *lc;

	foreach(lc, key_names)
	{
		if (!DdbStringListMember(def_names, lfirst(lc)))
			DdbRaise(DDB_EXC_ValidationException,
					 "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [%s], AttributeDefinitions: [%s]",
					 DdbJoinStrings(key_names), DdbJoinStrings(def_names));
	}
	if (list_length(key_names) == 2 &&
		strcmp(linitial(key_names), lsecond(key_names)) == 0)
		DdbRaise(DDB_EXC_ValidationException,
				 "Both the Hash Key and the Range Key element in the KeySchema have the same name");
	if (strcmp(linitial(key_types), "HASH") != 0)
		DdbRaise(DDB_EXC_ValidationException,
				 "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
	if (list_length(key_types) == 2 && strcmp(lsecond(key_types), "RANGE") != 0)
		DdbRaise(DDB_EXC_ValidationException,
				 "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
}

/*
 * The rules of an index's Projection once its constraints hold: a
 * ProjectionType, NonKeyAttributes given (has_non_key) with INCLUDE and
 * only then, no name in it twice.
 */
void
DdbCheckProjection(const char *projection_type, bool has_non_key, List *non_key_attributes)
{
	ListCell   *lc;

	if (projection_type == NULL)
		DdbRaise(DDB_EXC_ValidationException,
				 "One or more parameter values were invalid: Unknown ProjectionType: null");
	if (has_non_key && strcmp(projection_type, "INCLUDE") != 0)
		DdbRaise(DDB_EXC_ValidationException,
				 "One or more parameter values were invalid: ProjectionType is %s, but NonKeyAttributes is specified",
				 projection_type);
	if (!has_non_key && strcmp(projection_type, "INCLUDE") == 0)
		DdbRaise(DDB_EXC_ValidationException,
				 "One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
	foreach(lc, non_key_attributes)
	{
		char	   *attr = lfirst(lc);

		for (int j = 0; j < foreach_current_index(lc); j++)
			if (strcmp(list_nth(non_key_attributes, j), attr) == 0)
				DdbRaise(DDB_EXC_ValidationException,
						 "One or more parameter values were invalid: Duplicate element in NonKeyAttributes: %s",
						 attr);
	}
}

/* A timestamp in UTC as 2023-11-14T22:13:20.123 (a stream label). */
char *
DdbIsoTimestamp(TimestampTz ts)
{
	struct pg_tm tm;
	fsec_t		fsec;

	if (timestamp2tm(ts, NULL, &tm, &fsec, NULL, NULL) != 0)
		elog(ERROR, "timestamp out of range");
	return psprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03d",
					tm.tm_year, tm.tm_mon, tm.tm_mday,
					tm.tm_hour, tm.tm_min, tm.tm_sec, (int) (fsec / 1000));
}


/* ----------------------------------------------------------------------
 * Tags
 * ----------------------------------------------------------------------
 */

/*
 * Whether the text has the shape of any ARN with a resource path
 * ("a:b:c:d:e:f/g"); anything else is refused as an unauthorised resource,
 * as the service does.
 */
static bool
IsArnShaped(const char *arn)
{
	const char *p = arn;

	for (int i = 0; i < 5; i++)
	{
		p = strchr(p, ':');
		if (p == NULL)
			return false;
		p++;
	}
	return strchr(p, '/') != NULL;
}

/*
 * Parse arn:<partition>:dynamodb:<region>:<account>:table/<name>, where
 * name is a valid table name; sets *name and *region.
 */
static bool
ParseTableArnText(const char *arn, char **name, char **region)
{
	char	   *copy = pstrdup(arn);
	char	   *fields[5];
	char	   *p = copy;
	char	   *table_name;
	size_t		len;

	for (int i = 0; i < 5; i++)
	{
		char	   *colon = strchr(p, ':');

		if (colon == NULL)
			return false;
		*colon = '\0';
		fields[i] = p;
		p = colon + 1;
	}
	if (strcmp(fields[0], "arn") != 0 || fields[1][0] == '\0' ||
		strcmp(fields[2], "dynamodb") != 0 || fields[3][0] == '\0' ||
		fields[4][0] == '\0' || strncmp(p, "table/", 6) != 0)
		return false;
	table_name = p + 6;
	len = strlen(table_name);
	if (len < 3 || len > 255 ||
		strspn(table_name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != len)
		return false;
	*name = table_name;
	*region = fields[3];
	return true;
}

/*
 * Read and check ResourceArn: absent is "Invalid TableArn", text that is
 * not ARN-shaped is an AccessDeniedException, and an ARN that does not name
 * a table (index and stream ARNs included) or names another region is
 * "Invalid TableArn: Invalid ResourceArn provided as input <arn>".
 */
static char *
ReadResourceArn(JsonbContainer *root, const char *action, char **name)
{
	char	   *arn;
	char	   *region;

	if (!DdbGetString(root, "ResourceArn", &arn, NULL))
		DdbRaise(DDB_EXC_ValidationException, "Invalid TableArn");
	if (!IsArnShaped(arn))
		DdbRaiseAccessDenied(action, arn[0] != '\0' ? arn : "*");
	if (!ParseTableArnText(arn, name, &region) || strcmp(region, ddb_region) != 0)
		DdbRaise(DDB_EXC_ValidationException,
				 "Invalid TableArn: Invalid ResourceArn provided as input %s", arn);
	return arn;
}

/*
 * The table an ARN names, for the tag operation action: ResourceNotFound
 * unless it exists, then the caller's privileges.  for_change locks its
 * row and refuses a table being created or deleted.
 */
static DdbTableDef *
LoadTableByArn(const char *arn, const char *action, bool for_change)
{
	DdbTableDef *table = DdbLoadTable(arn, for_change, true);

	if (table == NULL)
		DdbRaise(DDB_EXC_ResourceNotFoundException,
				 "Requested resource not found: ResourcArn: %s not found", arn);
	DdbCheckTableAccess(table, action);
	if (for_change &&
		(strcmp(table->table_status, "CREATING") == 0 ||
		 strcmp(table->table_status, "DELETING") == 0))
		DdbCheckTableChangeable(table);
	return table;
}

/*
 * Whether a non-ASCII code point may appear in a tag: the service allows
 * Unicode letters, digits and separators.  PostgreSQL 15 has no Unicode
 * category table, so this refuses the ranges that hold only punctuation,
 * symbols, controls, private use and emoji, and accepts the rest.
 */
static bool
TagCodepointAllowed(pg_wchar c)
{
	static const pg_wchar refused[][2] = {
		{0x0080, 0x009F},		/* C1 controls */
		{0x00A1, 0x00A9},		/* Latin-1 punctuation and symbols */
		{0x00AB, 0x00B1},
		{0x00B4, 0x00B4},
		{0x00B6, 0x00B8},
		{0x00BB, 0x00BB},
		{0x00BF, 0x00BF},
		{0x00D7, 0x00D7},
		{0x00F7, 0x00F7},
		{0x200B, 0x2027},		/* format characters, dashes, quotes */
		{0x202A, 0x202E},
		{0x2030, 0x205E},
		{0x2060, 0x206F},
		{0x20A0, 0x20FF},		/* currency, combining symbol marks */
		{0x2190, 0x245F},		/* arrows, operators, technical */
		{0x249C, 0x24E9},		/* parenthesized and circled letters */
		{0x2500, 0x2775},		/* box drawing, shapes, symbols, dingbats */
		{0x2794, 0x2BFF},
		{0x2E00, 0x2E7F},		/* supplemental punctuation */
		{0x3001, 0x3004},		/* CJK punctuation and symbols */
		{0x3008, 0x3020},
		{0x3030, 0x3030},
		{0x3036, 0x3037},
		{0x303D, 0x303F},
		{0xD800, 0xF8FF},		/* surrogates, private use */
		{0xFE30, 0xFE6F},		/* CJK compatibility and small forms */
		{0xFF01, 0xFF0F},		/* fullwidth punctuation */
		{0xFF1A, 0xFF20},
		{0xFF3B, 0xFF40},
		{0xFF5B, 0xFF65},
		{0xFFE0, 0xFFFF},
		{0x1F000, 0x1FAFF},		/* emoji and pictographs */
		{0xE0000, 0x10FFFF},	/* tag characters, private use */
	};

	for (size_t i = 0; i < lengthof(refused); i++)
		if (c >= refused[i][0] && c <= refused[i][1])
			return false;
	return true;
}

/* Letters, digits, white space and + - = . _ : / @ only. */
static bool
TagTextAllowed(const char *text, int len)
{
	const unsigned char *p = (const unsigned char *) text;
	const unsigned char *end = p + len;
	bool		utf8 = (GetDatabaseEncoding() == PG_UTF8);

	while (p < end)
	{
		if (*p < 0x80)
		{
			if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
				  (*p >= '0' && *p <= '9') || *p == ' ' || *p == '+' ||
				  *p == '-' || *p == '=' || *p == '.' || *p == '_' ||
				  *p == ':' || *p == '/' || *p == '@'))
				return false;
			p++;
		}
		else
		{
			if (utf8 && !TagCodepointAllowed(utf8_to_unicode(p)))
				return false;
			p += pg_mblen((const char *) p);
		}
	}
	return true;
}

/* Check one tag key (NULL when the member is missing). */
static void
CheckTagKey(const char *key, int len)
{
	int			chars;

	if (key == NULL)
		DdbRaise(DDB_EXC_ValidationException, "The Tag Key provided is invalid, Key: null");
	chars = pg_mbstrlen_with_len(key, len);
	if (chars < 1 || chars > DDB_TAG_KEY_MAX_CHARS || !TagTextAllowed(key, len))
		DdbRaise(DDB_EXC_ValidationException, "The Tag Key provided is invalid, Key: %s", key);
}

/* Check one tag value (NULL when the member is missing). */
static void
CheckTagValue(const char *value, int len)
{
	if (value == NULL)
		DdbRaise(DDB_EXC_ValidationException, "The Tag Value provided is invalid, Value: null");
	if (pg_mbstrlen_with_len(value, len) > DDB_TAG_VALUE_MAX_CHARS ||
		!TagTextAllowed(value, len))
		DdbRaise(DDB_EXC_ValidationException,
				 "The Tag Value provided is invalid, Value: %s", value);
}

/* The tags of a catalog row ([{Key, Value}], or NULL) as a list of DdbTag. */
static List *
TagsFromJsonb(Jsonb *tags)
{
	List	   *result = NIL;

	if (tags == NULL || !JB_ROOT_IS_ARRAY(tags))
		return NIL;
	for (int i = 0; i < DdbArraySize(&tags->root); i++)
	{
		JsonbContainer *obj = DdbValueAsObject(DdbArrayElement(&tags->root, i));
		DdbTag	   *tag = palloc0(sizeof(DdbTag));

		if (!DdbGetString(obj, "Key", &tag->key, NULL) ||
			!DdbGetString(obj, "Value", &tag->value, NULL))
			elog(ERROR, "malformed tag in the catalog");
		result = lappend(result, tag);
	}
	return result;
}

/* Tags start..end-1 of a list of DdbTag as an array [{Key, Value}]. */
static void
PutTags(DdbJson *js, const char *key, List *tags, int start, int end)
{
	DdbJsonBeginArray(js, key);
	for (int i = start; i < end; i++)
	{
		DdbTag	   *tag = list_nth(tags, i);

		DdbJsonBeginObject(js, NULL);
		DdbJsonPutString(js, "Key", tag->key);
		DdbJsonPutString(js, "Value", tag->value);
		DdbJsonEndObject(js);
	}
	DdbJsonEndArray(js);
}

/* A list of DdbTag as the catalog's [{Key, Value}]. */
static Jsonb *
TagsToJsonb(List *tags)
{
	DdbJson		js;

	DdbJsonInit(&js);
	PutTags(&js, NULL, tags, 0, list_length(tags));
	return DdbJsonFinish(&js);
}

/* The tag with this key, or NULL. */
static DdbTag *
FindTag(List *tags, const char *key)
{
	ListCell   *lc;

	foreach(lc, tags)
	{
		DdbTag	   *tag = lfirst(lc);

		if (strcmp(tag->key, key) == 0)
			return tag;
	}
	return NULL;
}

/* The empty response {}. */
static Jsonb *
EmptyResponse(void)
{
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/*
 * TagResource: add tags to a table or replace the values of its existing
 * keys.  Every tag is checked before anything changes; the table may hold
 * at most 50 tags afterwards.  Needs ownership of the table.
 */
Jsonb *
DdbTagResource(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	JsonbContainer *tags_array = NULL;
	char	   *arn_text = NULL;
	char	   *arn;
	char	   *name;
	List	   *request_tags = NIL;
	List	   *tags;
	DdbTableDef *table;
	DdbViolations v;
	ListCell   *lc;

	/* JSON types first: ResourceArn, then Tags and each tag's members */
	(void) DdbGetString(root, "ResourceArn", &arn_text, NULL);
	if (DdbGetArray(root, "Tags", &tags_array))
	{
		for (int i = 0; i < DdbArraySize(tags_array); i++)
		{
			JsonbValue *elem = DdbArrayElement(tags_array, i);
			JsonbContainer *obj;
			DdbTag	   *tag = palloc0(sizeof(DdbTag));

			/* a null element is a tag without Key and Value */
			if (elem->type != jbvNull)
			{
				obj = DdbValueAsObject(elem);
				(void) DdbGetString(obj, "Key", &tag->key, NULL);
				(void) DdbGetString(obj, "Value", &tag->value, NULL);
			}
			request_tags = lappend(request_tags, tag);
		}
	}

	arn = ReadResourceArn(root, "TagResource", &name);

	DdbViolationsInit(&v);
	if (tags_array == NULL)
		DdbViolationAdd(&v, NULL, "tags", "Member must not be null");
	DdbViolationsRaise(&v);

	if (request_tags == NIL)
		DdbRaise(DDB_EXC_ValidationException, "Atleast one Tag needs to be provided as Input.");

	/* each tag in order, then duplicates */
	for (int i = 0; i < list_length(request_tags); i++)
	{
		DdbTag	   *tag = list_nth(request_tags, i);

		CheckTagKey(tag->key, tag->key ? strlen(tag->key) : 0);
		if (pg_strncasecmp(tag->key, "aws:", 4) == 0)
			DdbRaise(DDB_EXC_ValidationException,
					 "Tag Key cannot be prefixed with aws:, Key: %s", tag->key);
		CheckTagValue(tag->value, tag->value ? strlen(tag->value) : 0);
		for (int j = 0; j < i; j++)
		{
			DdbTag	   *earlier = list_nth(request_tags, j);

			if (strcmp(earlier->key, tag->key) == 0)
				DdbRaise(DDB_EXC_ValidationException,
						 "Duplicate Tag Keys provided as input: Duplicate Tag Key found %s",
						 tag->key);
		}
	}

	table = LoadTableByArn(arn, "TagResource", true);

	/* merge: a key that exists keeps its place and takes the new value */
	tags = TagsFromJsonb(table->tags);
	foreach(lc, request_tags)
	{
		DdbTag	   *tag = lfirst(lc);
		DdbTag	   *existing = FindTag(tags, tag->key);

		if (existing != NULL)
			existing->value = tag->value;
		else
			tags = lappend(tags, tag);
	}
	if (list_length(tags) > DDB_MAX_TAGS)
		DdbRaise(DDB_EXC_ValidationException,
				 "Number of Tags exceed the current limit for the provided ResourceArn");

	table->tags = TagsToJsonb(tags);
	DdbSaveTable(table);
	return EmptyResponse();
}

/*
 * UntagResource: remove tags by key; keys the table does not have are
 * ignored.  Needs ownership of the table.
 */
Jsonb *
DdbUntagResource(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	JsonbContainer *keys_array = NULL;
	char	   *arn_text = NULL;
	char	   *arn;
	char	   *name;
	List	   *keys = NIL;
	List	   *tags;
	List	   *kept = NIL;
	DdbTableDef *table;
	DdbViolations v;
	ListCell   *lc;

	(void) DdbGetString(root, "ResourceArn", &arn_text, NULL);
	if (DdbGetArray(root, "TagKeys", &keys_array))
	{
		for (int i = 0; i < DdbArraySize(keys_array); i++)
		{
			JsonbValue *elem = DdbArrayElement(keys_array, i);

			keys = lappend(keys, elem->type == jbvNull ? NULL : DdbValueAsString(elem, NULL));
		}
	}

	arn = ReadResourceArn(root, "UntagResource", &name);

	DdbViolationsInit(&v);
	if (keys_array == NULL)
		DdbViolationAdd(&v, NULL, "tagKeys", "Member must not be null");
	DdbViolationsRaise(&v);

	if (keys == NIL)
		DdbRaise(DDB_EXC_ValidationException,
				 "Atleast one Tag Key needs to be provided as Input.");
	foreach(lc, keys)
	{
		char	   *key = lfirst(lc);

		CheckTagKey(key, key ? strlen(key) : 0);
	}
	if (list_length(keys) > DDB_MAX_TAGS)
		DdbRaise(DDB_EXC_ValidationException,
				 "Number of Tags exceed the current limit for the provided ResourceArn");

	table = LoadTableByArn(arn, "UntagResource", true);

	tags = TagsFromJsonb(table->tags);
	foreach(lc, tags)
	{
		DdbTag	   *tag = lfirst(lc);
		bool		removed = false;
		ListCell   *kc;

		foreach(kc, keys)
		{
			if (strcmp((char *) lfirst(kc), tag->key) == 0)
				removed = true;
		}
		if (!removed)
			kept = lappend(kept, tag);
	}
	if (list_length(kept) != list_length(tags))
	{
		table->tags = TagsToJsonb(kept);
		DdbSaveTable(table);
	}
	return EmptyResponse();
}

/*
 * ListTagsOfResource: the table's tags in the order they were first set.
 * NextToken, when given, is a position in that list (it is never returned
 * while a table has at most 50 tags).  Needs any privilege on the table.
 */
Jsonb *
DdbListTagsOfResource(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	char	   *arn_text = NULL;
	char	   *token = NULL;
	char	   *arn;
	char	   *name;
	DdbTableDef *table;
	List	   *tags;
	int			start = 0;
	int			end;
	DdbJson		js;

	(void) DdbGetString(root, "ResourceArn", &arn_text, NULL);
	(void) DdbGetString(root, "NextToken", &token, NULL);

	arn = ReadResourceArn(root, "ListTagsOfResource", &name);

	table = LoadTableByArn(arn, "ListTagsOfResource", false);
	tags = TagsFromJsonb(table->tags);

	if (token != NULL)
	{
		char	   *endp;
		long		pos;

		errno = 0;
		pos = strtol(token, &endp, 10);
		if (token[0] < '0' || token[0] > '9' || *endp != '\0' || errno != 0 ||
			pos > list_length(tags))
			DdbRaise(DDB_EXC_ValidationException,
					 "One or more parameter values were invalid: Invalid NextToken: %s", token);
		start = (int) pos;
	}
	end = Min(list_length(tags), start + DDB_TAGS_PAGE_SIZE);

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	PutTags(&js, "Tags", tags, start, end);
	if (end < list_length(tags))
		DdbJsonPutString(&js, "NextToken", psprintf("%d", end));
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}


/* ----------------------------------------------------------------------
 * Time to Live
 * ----------------------------------------------------------------------
 */

/* Whether TTL is on (ENABLED, or ENABLING should that status be stored). */
static bool
TtlIsOn(DdbTableDef *table)
{
	return table->ttl_status != NULL &&
		(strcmp(table->ttl_status, "ENABLED") == 0 ||
		 strcmp(table->ttl_status, "ENABLING") == 0);
}

/*
 * UpdateTimeToLive: enable TTL on an attribute, or disable it.  Enabling
 * when enabled, or disabling when disabled, is an error, as is naming
 * another attribute than the enabled one; at most one change per hour.
 * Needs ownership of the table.
 */
Jsonb *
DdbUpdateTimeToLive(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	JsonbContainer *spec = NULL;
	char	   *name;
	char	   *attribute = NULL;
	int			attribute_len = 0;
	bool		enabled = false;
	bool		has_spec;
	bool		has_attribute = false;
	bool		has_enabled = false;
	DdbTableDef *table;
	DdbViolations v;
	TimestampTz now;
	DdbJson		js;

	DdbViolationsInit(&v);
	name = DdbReadTableNameMember(root, &v, false, NULL);
	has_spec = DdbGetObject(root, "TimeToLiveSpecification", &spec);
	if (has_spec)
	{
		has_attribute = DdbGetString(spec, "AttributeName", &attribute, &attribute_len);
		has_enabled = DdbGetBool(spec, "Enabled", &enabled);
	}
	if (!has_spec)
		DdbViolationAdd(&v, NULL, "timeToLiveSpecification", "Member must not be null");
	else
	{
		if (!has_attribute)
			DdbViolationAdd(&v, NULL, "timeToLiveSpecification.attributeName",
							"Member must not be null");
		else
			DdbCheckLength(&v, attribute, pg_mbstrlen_with_len(attribute, attribute_len),
						   1, DDB_TTL_ATTRIBUTE_MAX, "timeToLiveSpecification.attributeName");
		if (!has_enabled)
			DdbViolationAdd(&v, NULL, "timeToLiveSpecification.enabled",
							"Member must not be null");
	}
	DdbViolationsRaise(&v);

	table = DdbLoadTable(name, true, false);
	DdbCheckTableAccess(table, "UpdateTimeToLive");
	if (strcmp(table->table_status, "CREATING") == 0 ||
		strcmp(table->table_status, "DELETING") == 0)
		DdbRaise(DDB_EXC_ResourceInUseException,
				 "Attempt to change a resource which is still in use: Table %s is being %s",
				 table->table_name,
				 strcmp(table->table_status, "CREATING") == 0 ? "created" : "deleted");

	if (enabled)
	{
		if (TtlIsOn(table))
		{
			if (table->ttl_attribute == NULL || strcmp(table->ttl_attribute, attribute) == 0)
				DdbRaise(DDB_EXC_ValidationException, "TimeToLive is already enabled");
			DdbRaise(DDB_EXC_ValidationException,
					 "TimeToLive is active on a different AttributeName: current AttributeName is %s",
					 table->ttl_attribute);
		}
	}
	else
	{
		if (!TtlIsOn(table))
			DdbRaise(DDB_EXC_ValidationException, "TimeToLive is already disabled");
		if (table->ttl_attribute != NULL && strcmp(table->ttl_attribute, attribute) != 0)
			DdbRaise(DDB_EXC_ValidationException,
					 "TimeToLive is active on a different AttributeName: current AttributeName is %s",
					 table->ttl_attribute);
	}

	now = GetCurrentTimestamp();
	if (table->ttl_changed != 0 && now - table->ttl_changed < DDB_TTL_CHANGE_INTERVAL)
		DdbRaise(DDB_EXC_ValidationException,
				 "Time to live has been modified multiple times within a fixed interval");

	table->ttl_status = enabled ? "ENABLED" : "DISABLED";
	table->ttl_attribute = enabled ? attribute : NULL;
	table->ttl_changed = now;
	DdbSaveTable(table);

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonBeginObject(&js, "TimeToLiveSpecification");
	DdbJsonPutBool(&js, "Enabled", enabled);
	DdbJsonPutString(&js, "AttributeName", attribute);
	DdbJsonEndObject(&js);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/*
 * DescribeTimeToLive: TimeToLiveStatus, and AttributeName while TTL is on.
 * Needs any privilege on the table.
 */
Jsonb *
DdbDescribeTimeToLive(Jsonb *request)
{
	char	   *name = DdbRequestTableName(DdbRequestRoot(request));
	DdbTableDef *table;
	DdbJson		js;

	table = DdbLoadTable(name, false, false);
	DdbCheckTableAccess(table, "DescribeTimeToLive");
	if (strcmp(table->table_status, "CREATING") == 0 ||
		strcmp(table->table_status, "DELETING") == 0)
		DdbRaise(DDB_EXC_ValidationException,
				 "Cannot describe time to live while table is in %s state: Current table state is %s",
				 table->table_status, table->table_status);

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonBeginObject(&js, "TimeToLiveDescription");
	DdbJsonPutString(&js, "TimeToLiveStatus",
					 table->ttl_status != NULL ? table->ttl_status : "DISABLED");
	if (TtlIsOn(table) && table->ttl_attribute != NULL)
		DdbJsonPutString(&js, "AttributeName", table->ttl_attribute);
	DdbJsonEndObject(&js);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}


/* ----------------------------------------------------------------------
 * Continuous backups and point-in-time recovery
 * ----------------------------------------------------------------------
 */

/*
 * The response {"ContinuousBackupsDescription": ...} of both operations.
 * While PITR is enabled, the window runs from the later of its enabling
 * and now minus the recovery period, to now (earliest = latest right after
 * enabling).
 */
static Jsonb *
ContinuousBackupsResponse(DdbTableDef *table, TimestampTz now)
{
	DdbJson		js;

	DdbJsonInit(&js);
	DdbJsonBeginObject(&js, NULL);
	DdbJsonBeginObject(&js, "ContinuousBackupsDescription");
	DdbJsonPutString(&js, "ContinuousBackupsStatus",
					 strcmp(table->table_status, "CREATING") == 0 ? "DISABLED" : "ENABLED");
	DdbJsonBeginObject(&js, "PointInTimeRecoveryDescription");
	if (table->pitr_enabled)
	{
		TimestampTz earliest = Max(table->pitr_enabled_time,
								   now - (TimestampTz) table->pitr_period_days * USECS_PER_DAY);

		DdbJsonPutString(&js, "PointInTimeRecoveryStatus", "ENABLED");
		DdbJsonPutInt64(&js, "RecoveryPeriodInDays", table->pitr_period_days);
		DdbJsonPutTimestamp(&js, "EarliestRestorableDateTime", earliest);
		DdbJsonPutTimestamp(&js, "LatestRestorableDateTime", Max(now, earliest));
	}
	else
		DdbJsonPutString(&js, "PointInTimeRecoveryStatus", "DISABLED");
	DdbJsonEndObject(&js);
	DdbJsonEndObject(&js);
	DdbJsonEndObject(&js);
	return DdbJsonFinish(&js);
}

/*
 * UpdateContinuousBackups: enable or disable point-in-time recovery and set
 * its recovery period (1..35 days, default 35).  A missing table is a
 * TableNotFoundException here.  Needs ownership of the table.
 */
Jsonb *
DdbUpdateContinuousBackups(Jsonb *request)
{
	JsonbContainer *root = DdbRequestRoot(request);
	JsonbContainer *spec = NULL;
	char	   *name;
	bool		enabled = false;
	int32		days = 0;
	bool		has_spec;
	bool		has_enabled = false;
	bool		has_days = false;
	DdbTableDef *table;
	DdbViolations v;
	TimestampTz now;

	DdbViolationsInit(&v);
	name = DdbReadTableNameMember(root, &v, false, NULL);
	has_spec = DdbGetObject(root, "PointInTimeRecoverySpecification", &spec);
	if (has_spec)
	{
		has_enabled = DdbGetBool(spec, "PointInTimeRecoveryEnabled", &enabled);
		has_days = DdbGetInteger(spec, "RecoveryPeriodInDays", &days);
	}
	if (!has_spec)
		DdbViolationAdd(&v, NULL, "pointInTimeRecoverySpecification",
						"Member must not be null");
	else
	{
		if (!has_enabled)
			DdbViolationAdd(&v, NULL,
							"pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled",
							"Member must not be null");
		if (has_days && days > DDB_PITR_MAX_DAYS)
			DdbViolationAdd(&v, psprintf("%d", days),
							"pointInTimeRecoverySpecification.recoveryPeriodInDays",
							"Member must have value less than or equal to %d", DDB_PITR_MAX_DAYS);
		if (has_days && days < DDB_PITR_MIN_DAYS)
			DdbViolationAdd(&v, psprintf("%d", days),
							"pointInTimeRecoverySpecification.recoveryPeriodInDays",
							"Member must have value greater than or equal to %d", DDB_PITR_MIN_DAYS);
	}
	DdbViolationsRaise(&v);

	if (!enabled && has_days)
		DdbRaise(DDB_EXC_ValidationException,
				 "Invalid Request: Cannot specify RecoveryPeriodInDays when disabling point-in-time recovery.");

	table = DdbLoadTable(name, true, true);
	if (table == NULL)
		DdbRaise(DDB_EXC_TableNotFoundException, "Table not found: %s", name);
	DdbCheckTableAccess(table, "UpdateContinuousBackups");
	if (strcmp(table->table_status, "CREATING") == 0)
		DdbRaise(DDB_EXC_ContinuousBackupsUnavailableException,
				 "Backups are being enabled for the table: %s. Please retry later",
				 table->table_name);

	/* PITR cannot be turned off while a backup of the table runs (backups.md 4.1) */
	if (!enabled && table->pitr_enabled && DdbTableHasBackupInProgress(table->table_id))
		DdbRaise(DDB_EXC_ContinuousBackupsUnavailableException,
				 "Continuous backups cannot be disabled while a backup of the table is being created: %s. Please retry later",
				 table->table_name);

	now = GetCurrentTimestamp();
	if (enabled)
	{
		if (!table->pitr_enabled)
		{
			table->pitr_enabled = true;
			table->pitr_enabled_time = now;
			table->pitr_period_days = DDB_PITR_DEFAULT_DAYS;
		}
		if (has_days)
			table->pitr_period_days = days;
	}
	else
	{
		table->pitr_enabled = false;
		table->pitr_enabled_time = 0;
		table->pitr_period_days = DDB_PITR_DEFAULT_DAYS;
	}
	DdbSaveTable(table);
	return ContinuousBackupsResponse(table, now);
}

/*
 * DescribeContinuousBackups: the continuous-backup and PITR status of a
 * table.  Needs any privilege on the table.
 */
Jsonb *
DdbDescribeContinuousBackups(Jsonb *request)
{
	char	   *name = DdbRequestTableName(DdbRequestRoot(request));
	DdbTableDef *table;

	table = DdbLoadTable(name, false, true);
	if (table == NULL)
		DdbRaise(DDB_EXC_TableNotFoundException, "Table not found: %s", name);
	DdbCheckTableAccess(table, "DescribeContinuousBackups");
	return ContinuousBackupsResponse(table, GetCurrentTimestamp());
}


/* ----------------------------------------------------------------------
 * SQL helper for the friendly overloads
 * ----------------------------------------------------------------------
 */

/*
 * ddb_table_arn(table_name text) RETURNS text
 *
 * The ARN of the table of this name (or ARN), for the friendly overloads
 * of the tag operations, which address tables by ARN.  Needs some
 * privilege on the table, as DescribeTable does; raises DynamoDB's
 * ResourceNotFoundException or AccessDeniedException otherwise.
 */
PG_FUNCTION_INFO_V1(ddb_table_arn);
Datum
ddb_table_arn(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	DdbTableDef *table = DdbLoadTable(name, false, false);

	DdbCheckTableAccess(table, "DescribeTable");
	PG_RETURN_TEXT_P(cstring_to_text(table->table_arn));
}
