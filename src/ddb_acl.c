/*-------------------------------------------------------------------------
 *
 * ddb_acl.c
 *	  DynamoDB's IAM authorisation, in PostgreSQL privileges.
 *
 * Each DynamoDB action maps to the privileges it needs on the table's item
 * relation (see ddb_acl.h for the model).  The checks use the current user
 * (GetUserId), so a SECURITY DEFINER function that calls ddbtable acts
 * with its owner's rights, as it would on any table.
 *
 * IDENTIFICATION
 *	  src/ddb_acl.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/lsyscache.h"

#include "ddb_acl.h"
#include "ddb_core.h"
#include "ddb_storage.h"
#include "ddbtable.h"

/* What an action needs on the item relation. */
typedef enum DdbAccessKind
{
	DDB_ACCESS_PRIVILEGES,		/* every privilege in the mask */
	DDB_ACCESS_ANY,				/* at least one privilege */
	DDB_ACCESS_OWNER			/* ownership */
} DdbAccessKind;

typedef struct DdbActionRule
{
	const char *action;
	DdbAccessKind kind;
	AclMode		privileges;
} DdbActionRule;

static const DdbActionRule action_rules[] = {
	{"GetItem", DDB_ACCESS_PRIVILEGES, ACL_SELECT},
	{"BatchGetItem", DDB_ACCESS_PRIVILEGES, ACL_SELECT},
	{"Query", DDB_ACCESS_PRIVILEGES, ACL_SELECT},
	{"Scan", DDB_ACCESS_PRIVILEGES, ACL_SELECT},
	{"TransactGetItems", DDB_ACCESS_PRIVILEGES, ACL_SELECT},
	{"ConditionCheckItem", DDB_ACCESS_PRIVILEGES, ACL_SELECT},
	{"CreateBackup", DDB_ACCESS_PRIVILEGES, ACL_SELECT},
	{"PutItem", DDB_ACCESS_PRIVILEGES, ACL_INSERT | ACL_UPDATE},
	{"UpdateItem", DDB_ACCESS_PRIVILEGES, ACL_INSERT | ACL_UPDATE},
	{"DeleteItem", DDB_ACCESS_PRIVILEGES, ACL_DELETE},
	/* BatchWriteItem then checks PutItem's and DeleteItem's per request kind */
	{"BatchWriteItem", DDB_ACCESS_ANY, 0},
	{"DescribeTable", DDB_ACCESS_ANY, 0},
	{"ListTagsOfResource", DDB_ACCESS_ANY, 0},
	{"DescribeTimeToLive", DDB_ACCESS_ANY, 0},
	{"DescribeContinuousBackups", DDB_ACCESS_ANY, 0},
	{"UpdateTable", DDB_ACCESS_OWNER, 0},
	{"DeleteTable", DDB_ACCESS_OWNER, 0},
	{"TagResource", DDB_ACCESS_OWNER, 0},
	{"UntagResource", DDB_ACCESS_OWNER, 0},
	{"UpdateTimeToLive", DDB_ACCESS_OWNER, 0},
	{"UpdateContinuousBackups", DDB_ACCESS_OWNER, 0},
};

/* The rule of an action; an unknown action is a programming error. */
static const DdbActionRule *
LookupActionRule(const char *action)
{
	for (size_t i = 0; i < lengthof(action_rules); i++)
		if (strcmp(action_rules[i].action, action) == 0)
			return &action_rules[i];
	elog(ERROR, "unknown DynamoDB action \"%s\"", action);
	pg_unreachable();
}

/* Raise AccessDeniedException with DynamoDB's message. */
void
DdbRaiseAccessDenied(const char *action, const char *resource_arn)
{
	char	   *role = GetUserNameFromId(GetUserId(), false);

	DdbRaise(DDB_EXC_AccessDeniedException,
			 "User: arn:aws:iam::%s:user/%s is not authorized to perform: dynamodb:%s on resource: %s",
			 ddb_account_id, role, action, resource_arn);
}

/* Whether the current user may perform the action on the table. */
bool
DdbTableAccessAllowed(DdbTableDef *table, const char *action)
{
	const DdbActionRule *rule = LookupActionRule(action);
	Oid			userid = GetUserId();

	if (superuser())
		return true;
	/* a table whose relation is gone is nobody's but a superuser's */
	if (!OidIsValid(table->relid))
		return false;

	switch (rule->kind)
	{
		case DDB_ACCESS_PRIVILEGES:
			return pg_class_aclmask(table->relid, userid, rule->privileges,
									ACLMASK_ALL) == rule->privileges;
		case DDB_ACCESS_ANY:
			return pg_class_aclmask(table->relid, userid, ACL_ALL_RIGHTS_RELATION,
									ACLMASK_ANY) != 0;
		case DDB_ACCESS_OWNER:
			return pg_class_ownercheck(table->relid, userid);
	}
	return false;
}

/* Raise AccessDeniedException unless the action is allowed. */
void
DdbCheckTableAccess(DdbTableDef *table, const char *action)
{
	if (!DdbTableAccessAllowed(table, action))
		DdbRaiseAccessDenied(action, table->table_arn);
}

/* CreateTable needs CREATE on ddb_data. */
void
DdbCheckCreateTable(const char *table_arn)
{
	if (pg_namespace_aclcheck(DdbDataNamespace(), GetUserId(), ACL_CREATE) != ACLCHECK_OK)
		DdbRaiseAccessDenied("CreateTable", table_arn);
}
