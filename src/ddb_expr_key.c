/*-------------------------------------------------------------------------
 *
 * ddb_expr_key.c
 *	  Query key conditions, and the rule that Query filters may not read
 *	  key attributes.
 *
 * A KeyConditionExpression is parsed with the condition grammar (so its
 * syntax and placeholder errors are the condition's), then checked in two
 * steps, as the service does:
 *
 *	- DdbKeyConditionTerms, before the table is looked up: only AND of
 *	  simple conditions of one top-level attribute against values (=, <,
 *	  <=, >, >=, BETWEEN, begins_with), at most one per attribute and two
 *	  in all.  Conditions written value-first (":v < sk") are turned around.
 *	- DdbKeyConditionResolve, against the key schema of the table or index:
 *	  the partition key must be compared with "=", the other condition must
 *	  be on the sort key, and the values must have the keys' types.
 *
 * IDENTIFICATION
 *	  src/ddb_expr_key.c
 *
 *-------------------------------------------------------------------------
 */
#include <string.h>

#include "ddb_expr_int.h"

#define MSG_TYPE_MISMATCH "One or more parameter values were invalid: Condition parameter type does not match schema type"

typedef struct TermList
{
	DdbKeyTerm *terms;
	int			count;
	int			cap;
} TermList;

static void CollectTerms(const DdbCondition *c, TermList *list);
static DdbKeyTerm *AddTerm(TermList *list);
static bool TermIs(const DdbKeyTerm *t, const char *name);
static void CheckTermTypes(const DdbKeyTerm *t, DdbValueType type);
static void FindNonKeyPath(const DdbOperand *op, const char *hash_name,
						   const char *range_name);
static void FindNonKeyCondition(const DdbCondition *c, const char *hash_name,
								const char *range_name);

/* A new zeroed term at the end of list. */
static DdbKeyTerm *
AddTerm(TermList *list)
{
	DdbKeyTerm *t;

	if (list->count == list->cap)
	{
		int			newcap = list->cap ? list->cap * 2 : 4;

		list->terms = DdbRealloc(list->terms,
								 sizeof(DdbKeyTerm) * (size_t) list->cap,
								 sizeof(DdbKeyTerm) * (size_t) newcap);
		list->cap = newcap;
	}
	t = &list->terms[list->count++];
	memset(t, 0, sizeof(DdbKeyTerm));
	return t;
}

/* Walk the condition in text order, checking each node and collecting terms. */
static void
CollectTerms(const DdbCondition *c, TermList *list)
{
	const DdbPathElem *attr = NULL;
	int			attr_index = 0;
	DdbKeyTerm *t;
	int			i;
	int			k;

	switch (c->kind)
	{
		case DDB_COND_OR:
			DdbRaise(DDB_EXC_ValidationException,
					 "Invalid operator used in KeyConditionExpression: OR");
		case DDB_COND_NOT:
			DdbRaise(DDB_EXC_ValidationException,
					 "Invalid operator used in KeyConditionExpression: NOT");
		case DDB_COND_IN:
			DdbRaise(DDB_EXC_ValidationException,
					 "Invalid operator used in KeyConditionExpression: IN");
		case DDB_COND_AND:
			CollectTerms(c->left, list);
			CollectTerms(c->right, list);
			return;
		case DDB_COND_COMPARE:
			if (c->op == DDB_CMP_NE)
				DdbRaise(DDB_EXC_ValidationException,
						 "Invalid operator used in KeyConditionExpression: <>");
			break;
		case DDB_COND_FUNCTION:
			if (c->func == DDB_FUNC_SIZE)
				DdbRaise(DDB_EXC_ValidationException,
						 "KeyConditionExpressions cannot contain nested operations");
			if (c->func != DDB_FUNC_BEGINS_WITH)
				DdbRaise(DDB_EXC_ValidationException,
						 "Invalid operator used in KeyConditionExpression: %.*s",
						 (int) c->func_name_len, c->func_name);
			if (c->args[0]->kind != DDB_OPERAND_PATH)
				DdbRaise(DDB_EXC_ValidationException,
						 "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand");
			break;
		case DDB_COND_BETWEEN:
			if (c->args[0]->kind != DDB_OPERAND_PATH)
				DdbRaise(DDB_EXC_ValidationException,
						 "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand");
			break;
	}

	/* a simple condition: exactly one attribute, the rest values */
	for (i = 0; i < c->nargs; i++)
	{
		const DdbOperand *op = c->args[i];

		if (op->kind == DDB_OPERAND_PATH)
		{
			if (attr != NULL)
				DdbRaise(DDB_EXC_ValidationException,
						 "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
			if (op->path.count > 1)
				DdbRaise(DDB_EXC_ValidationException,
						 "KeyConditionExpressions cannot have conditions on nested attributes");
			attr = &op->path.elems[0];
			attr_index = i;
		}
		else if (op->kind == DDB_OPERAND_FUNCTION)
			DdbRaise(DDB_EXC_ValidationException,
					 "KeyConditionExpressions cannot contain nested operations");
	}
	if (attr == NULL)
		DdbRaise(DDB_EXC_ValidationException,
				 "Invalid condition in KeyConditionExpression: No key attribute specified");
	for (k = 0; k < list->count; k++)
		if (list->terms[k].name_len == attr->name_len &&
			memcmp(list->terms[k].name, attr->name, attr->name_len) == 0)
			DdbRaise(DDB_EXC_ValidationException,
					 "KeyConditionExpressions must only contain one condition per key");

	t = AddTerm(list);
	t->name = attr->name;
	t->name_len = attr->name_len;
	if (c->kind == DDB_COND_COMPARE)
	{
		bool		flip = (attr_index != 0);

		switch (c->op)
		{
			case DDB_CMP_LT:
				t->op = flip ? DDB_KEY_GT : DDB_KEY_LT;
				break;
			case DDB_CMP_LE:
				t->op = flip ? DDB_KEY_GE : DDB_KEY_LE;
				break;
			case DDB_CMP_GT:
				t->op = flip ? DDB_KEY_LT : DDB_KEY_GT;
				break;
			case DDB_CMP_GE:
				t->op = flip ? DDB_KEY_LE : DDB_KEY_GE;
				break;
			default:
				t->op = DDB_KEY_EQ;
				break;
		}
		t->values[0] = c->args[1 - attr_index]->value;
		t->nvalues = 1;
	}
	else if (c->kind == DDB_COND_BETWEEN)
	{
		t->op = DDB_KEY_BETWEEN;
		t->values[0] = c->args[1]->value;
		t->values[1] = c->args[2]->value;
		t->nvalues = 2;
	}
	else
	{
		t->op = DDB_KEY_BEGINS_WITH;
		t->values[0] = c->args[1]->value;
		t->nvalues = 1;
	}
}

/* Check the shape of a key condition (see ddb_expr.h). */
DdbKeyTerms *
DdbKeyConditionTerms(const DdbCondition *cond)
{
	TermList	list = {0};
	DdbKeyTerms *terms = DdbAlloc(sizeof(DdbKeyTerms));

	CollectTerms(cond, &list);
	if (list.count > 2)
		DdbRaise(DDB_EXC_ValidationException,
				 "Conditions can be of length 1 or 2 only");
	terms->terms = list.terms;
	terms->count = list.count;
	return terms;
}

/* Whether the term is on the attribute name (NUL-terminated). */
static bool
TermIs(const DdbKeyTerm *t, const char *name)
{
	return name != NULL && t->name_len == strlen(name) &&
		memcmp(t->name, name, t->name_len) == 0;
}

/* The term's values must have the key's declared type. */
static void
CheckTermTypes(const DdbKeyTerm *t, DdbValueType type)
{
	int			i;

	for (i = 0; i < t->nvalues; i++)
		if (t->values[i] == NULL || t->values[i]->type != type)
			DdbRaise(DDB_EXC_ValidationException, MSG_TYPE_MISMATCH);
}

/* Match the terms with a key schema (see ddb_expr.h). */
DdbKeyRange *
DdbKeyConditionResolve(const DdbKeyTerms *terms, const char *hash_name,
					   DdbValueType hash_type, const char *range_name,
					   DdbValueType range_type)
{
	DdbKeyRange *range = DdbAlloc(sizeof(DdbKeyRange));
	const DdbKeyTerm *hash = NULL;
	const DdbKeyTerm *other = NULL;
	int			i;

	for (i = 0; i < terms->count; i++)
	{
		if (hash == NULL && TermIs(&terms->terms[i], hash_name))
			hash = &terms->terms[i];
		else
			other = &terms->terms[i];
	}
	if (hash == NULL)
		DdbRaise(DDB_EXC_ValidationException,
				 "Query condition missed key schema element: %s", hash_name);
	if (other != NULL && !TermIs(other, range_name))
	{
		if (range_name != NULL)
			DdbRaise(DDB_EXC_ValidationException,
					 "Query condition missed key schema element: %s", range_name);
		DdbRaise(DDB_EXC_ValidationException,
				 "Query key condition not supported");
	}
	if (hash->op != DDB_KEY_EQ)
		DdbRaise(DDB_EXC_ValidationException,
				 "Query key condition not supported");
	CheckTermTypes(hash, hash_type);
	if (other != NULL)
		CheckTermTypes(other, range_type);

	range->hash_value = hash->values[0];
	if (other != NULL)
	{
		range->has_range = true;
		range->range_op = other->op;
		range->range_values[0] = other->values[0];
		range->range_values[1] = other->values[1];
	}
	return range;
}

/* Whether a sort key value satisfies the range condition. */
bool
DdbKeyRangeMatches(const DdbKeyRange *range, const DdbValue *v)
{
	const DdbValue *a = range->range_values[0];
	int			cmp;

	if (!range->has_range)
		return true;
	if (v == NULL || a == NULL || v->type != a->type)
		return false;
	if (range->range_op == DDB_KEY_BEGINS_WITH)
		return (v->type == DDB_TYPE_S || v->type == DDB_TYPE_B) &&
			a->u.str.len <= v->u.str.len &&
			memcmp(v->u.str.data, a->u.str.data, a->u.str.len) == 0;
	cmp = DdbScalarCompare(v, a);
	switch (range->range_op)
	{
		case DDB_KEY_EQ:
			return cmp == 0;
		case DDB_KEY_LT:
			return cmp < 0;
		case DDB_KEY_LE:
			return cmp <= 0;
		case DDB_KEY_GT:
			return cmp > 0;
		case DDB_KEY_GE:
			return cmp >= 0;
		case DDB_KEY_BETWEEN:
			return cmp >= 0 && range->range_values[1] != NULL &&
				range->range_values[1]->type == v->type &&
				DdbScalarCompare(v, range->range_values[1]) <= 0;
		default:
			return false;
	}
}

/*-------------------------------------------------------------------------
 * Query filters
 *-------------------------------------------------------------------------
 */

/* Raise if an operand reads a key attribute. */
static void
FindNonKeyPath(const DdbOperand *op, const char *hash_name,
			   const char *range_name)
{
	int			i;

	if (op->kind == DDB_OPERAND_PATH)
	{
		const DdbPathElem *top = &op->path.elems[0];
		const char *names[2];

		names[0] = hash_name;
		names[1] = range_name;
		for (i = 0; i < 2; i++)
		{
			if (names[i] != NULL && top->name != NULL &&
				top->name_len == strlen(names[i]) &&
				memcmp(top->name, names[i], top->name_len) == 0)
				DdbRaise(DDB_EXC_ValidationException,
						 "Filter Expression can only contain non-primary key attributes: Primary key attribute: %s",
						 names[i]);
		}
		return;
	}
	for (i = 0; i < op->nargs; i++)
		FindNonKeyPath(op->args[i], hash_name, range_name);
}

/* Walk a condition in text order looking for key attributes. */
static void
FindNonKeyCondition(const DdbCondition *c, const char *hash_name,
					const char *range_name)
{
	int			i;

	switch (c->kind)
	{
		case DDB_COND_OR:
		case DDB_COND_AND:
			FindNonKeyCondition(c->left, hash_name, range_name);
			FindNonKeyCondition(c->right, hash_name, range_name);
			break;
		case DDB_COND_NOT:
			FindNonKeyCondition(c->left, hash_name, range_name);
			break;
		default:
			for (i = 0; i < c->nargs; i++)
				FindNonKeyPath(c->args[i], hash_name, range_name);
			break;
	}
}

/* Query filters may not read the queried key attributes (see ddb_expr.h). */
void
DdbConditionCheckNonKey(const DdbCondition *filter, const char *hash_name,
						const char *range_name)
{
	FindNonKeyCondition(filter, hash_name, range_name);
}
