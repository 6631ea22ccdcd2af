/*-------------------------------------------------------------------------
 *
 * ddb_expr_update.c
 *	  Applying a parsed UpdateExpression to an item.
 *
 * DynamoDB computes every right-hand side from the item as it was before
 * the update, then applies the actions; list indexes in all actions refer
 * to the lists as they were ("REMOVE a[1] SET a[3] = :v" on [2,3,4,5,6,7]
 * gives [2,4,:v,6,7]).  To get this without ordering tricks, the target
 * paths are first arranged in a tree (the parser has already rejected
 * overlapping and conflicting paths, so every node's children are all map
 * members or all list indexes, and no target is the prefix of another).
 * The new item is then built in one walk over that tree and the old item:
 * each map or list on the way is copied once, with its targeted members
 * replaced, removed or appended; untouched subtrees are shared with the
 * old item, which is never modified.
 *
 * Rules (expressions.md section 7.2 and a service-verified test suite):
 *	- SET, ADD and DELETE need every container on the path to exist and be
 *	  a map (for ".name") or a list (for "[n]"); so does REMOVE, except that
 *	  on an item that does not exist yet REMOVE of anything is a no-op.
 *	- SET or ADD to a list index at or past the end appends; several
 *	  appends to one list are placed in index order.  REMOVE and DELETE of
 *	  a missing element or member do nothing.
 *	- ADD of a number to a missing attribute starts from zero; ADD of a set
 *	  to a missing attribute creates it.  DELETE that empties a set removes
 *	  the attribute.
 *
 * IDENTIFICATION
 *	  src/ddb_expr_update.c
 *
 *-------------------------------------------------------------------------
 */
#include <stdlib.h>
#include <string.h>

#include "ddb_expr_int.h"

#define MSG_INVALID_PATH "The document path provided in the update expression is invalid for update"
#define MSG_BAD_TYPE "An operand in the update expression has an incorrect data type"
#define MSG_MISSING_ATTR "The provided expression refers to an attribute that does not exist in the item"

typedef struct UNode UNode;

/* A targeted path step: an inner node or an action's target */
typedef struct UChild
{
	const DdbPathElem *elem;
	UNode	   *node;			/* inner node, or NULL for a target */
	int			action;			/* target: the action's index */
} UChild;

struct UNode
{
	bool		is_list;		/* children are list indexes */
	bool		has_non_remove; /* some action below is not a REMOVE */
	UChild	   *children;
	int			count;
	int			cap;
};

typedef struct ApplyState
{
	const DdbUpdate *update;
	const DdbValue **set_values;	/* per action: the computed SET value */
	const DdbValue **new_values;	/* per action: the value afterwards */
	bool		item_existed;
} ApplyState;

static const DdbValue *EvalUpdateOperand(const DdbOperand *op,
										 const DdbValue *item);
static UNode *BuildTree(const DdbUpdate *update);
static UChild *FindChild(UNode *node, const DdbPathElem *e);
static const DdbValue *ApplyContainer(ApplyState *st, const DdbValue *cur,
									  const UNode *node);
static const DdbValue *ApplyMap(ApplyState *st, const DdbValue *old,
								const UNode *node);
static const DdbValue *ApplyList(ApplyState *st, const DdbValue *old,
								 const UNode *node);
static const DdbValue *ApplyTarget(ApplyState *st, const DdbValue *cur,
								   int action);
static int	CompareChildren(const void *a, const void *b);
static int	CompareScalars(const void *a, const void *b);
static DdbValue **SortedCopy(const DdbValue *set);
static bool SortedContains(DdbValue **sorted, size_t n, const DdbValue *v);
static const DdbValue *SetUnion(const DdbValue *a, const DdbValue *b);
static const DdbValue *SetDifference(const DdbValue *a, const DdbValue *b);
static bool NameIs(const DdbPathElem *e, const char *name);

/*-------------------------------------------------------------------------
 * Right-hand sides
 *-------------------------------------------------------------------------
 */

/* The value of a SET operand, computed from the item before the update. */
static const DdbValue *
EvalUpdateOperand(const DdbOperand *op, const DdbValue *item)
{
	const DdbValue *a;
	const DdbValue *b;
	const DdbValue *v;
	DdbValue  **elems;

	switch (op->kind)
	{
		case DDB_OPERAND_PATH:
			v = DdbPathGet(item, &op->path);
			if (v == NULL)
				DdbRaise(DDB_EXC_ValidationException, MSG_MISSING_ATTR);
			return v;
		case DDB_OPERAND_VALUE:
			return op->value;
		case DDB_OPERAND_PLUS:
		case DDB_OPERAND_MINUS:
			a = EvalUpdateOperand(op->args[0], item);
			b = EvalUpdateOperand(op->args[1], item);
			if (a->type != DDB_TYPE_N || b->type != DDB_TYPE_N)
				DdbRaise(DDB_EXC_ValidationException, MSG_BAD_TYPE);
			return (op->kind == DDB_OPERAND_PLUS) ?
				DdbNumberAdd(a, b) : DdbNumberSubtract(a, b);
		case DDB_OPERAND_FUNCTION:
			if (op->func == DDB_FUNC_IF_NOT_EXISTS && op->nargs == 2)
			{
				v = DdbPathGet(item, &op->args[0]->path);
				return v ? v : EvalUpdateOperand(op->args[1], item);
			}
			if (op->func == DDB_FUNC_LIST_APPEND && op->nargs == 2)
			{
				a = EvalUpdateOperand(op->args[0], item);
				b = EvalUpdateOperand(op->args[1], item);
				if (a->type != DDB_TYPE_L || b->type != DDB_TYPE_L)
					DdbRaise(DDB_EXC_ValidationException, MSG_BAD_TYPE);
				elems = DdbAlloc(sizeof(DdbValue *) *
								 (a->u.list.count + b->u.list.count + 1));
				if (a->u.list.count > 0)
					memcpy(elems, a->u.list.elems,
						   sizeof(DdbValue *) * a->u.list.count);
				if (b->u.list.count > 0)
					memcpy(elems + a->u.list.count, b->u.list.elems,
						   sizeof(DdbValue *) * b->u.list.count);
				return DdbMakeList(elems, a->u.list.count + b->u.list.count);
			}
			break;
	}
	DdbRaise(DDB_EXC_ValidationException, MSG_BAD_TYPE);
}

/*-------------------------------------------------------------------------
 * The tree of targets
 *-------------------------------------------------------------------------
 */

/* The child of node for step e, created if absent. */
static UChild *
FindChild(UNode *node, const DdbPathElem *e)
{
	UChild	   *c;
	int			i;

	for (i = 0; i < node->count; i++)
		if (DdbPathElemEquals(node->children[i].elem, e))
			return &node->children[i];
	if (node->count > 0 && node->is_list != e->is_index)
		DdbRaise(DDB_EXC_ValidationException, MSG_INVALID_PATH);
	node->is_list = e->is_index;
	if (node->count == node->cap)
	{
		int			newcap = node->cap ? node->cap * 2 : 4;

		node->children = DdbRealloc(node->children,
									sizeof(UChild) * (size_t) node->cap,
									sizeof(UChild) * (size_t) newcap);
		node->cap = newcap;
	}
	c = &node->children[node->count++];
	c->elem = e;
	c->node = NULL;
	c->action = -1;
	return c;
}

/* Arrange the actions' target paths in a tree rooted at the item. */
static UNode *
BuildTree(const DdbUpdate *update)
{
	UNode	   *root = DdbAlloc(sizeof(UNode));
	int			a;

	for (a = 0; a < update->count; a++)
	{
		const DdbUpdateAction *action = &update->actions[a];
		UNode	   *node = root;
		int			k;

		for (k = 0; k < action->path.count; k++)
		{
			UChild	   *c = FindChild(node, &action->path.elems[k]);

			if (action->kind != DDB_UPDATE_REMOVE)
				node->has_non_remove = true;
			if (k == action->path.count - 1)
			{
				/* overlapping targets are rejected by the parser */
				if (c->node != NULL || c->action >= 0)
					DdbRaise(DDB_EXC_ValidationException, MSG_INVALID_PATH);
				c->action = a;
				break;
			}
			if (c->action >= 0)
				DdbRaise(DDB_EXC_ValidationException, MSG_INVALID_PATH);
			if (c->node == NULL)
				c->node = DdbAlloc(sizeof(UNode));
			node = c->node;
		}
	}
	return root;
}

/*-------------------------------------------------------------------------
 * Applying the tree
 *-------------------------------------------------------------------------
 */

/*
 * Apply the targets below node to the container cur.  Returns the new
 * container, or cur itself when a REMOVE-only subtree is skipped on an
 * item that does not exist.
 */
static const DdbValue *
ApplyContainer(ApplyState *st, const DdbValue *cur, const UNode *node)
{
	if (cur != NULL && node->is_list && cur->type == DDB_TYPE_L)
		return ApplyList(st, cur, node);
	if (cur != NULL && !node->is_list && cur->type == DDB_TYPE_M)
		return ApplyMap(st, cur, node);
	if (!st->item_existed && !node->has_non_remove)
		return cur;
	DdbRaise(DDB_EXC_ValidationException, MSG_INVALID_PATH);
}

/* A copy of map old (NULL: empty) with the targets below node applied. */
static const DdbValue *
ApplyMap(ApplyState *st, const DdbValue *old, const UNode *node)
{
	size_t		n = old ? old->u.map.count : 0;
	DdbMapEntry *entries = DdbAlloc(sizeof(DdbMapEntry) * (n + (size_t) node->count + 1));
	size_t		count = n;
	size_t		i;
	size_t		out;
	int			k;

	if (n > 0)
		memcpy(entries, old->u.map.entries, sizeof(DdbMapEntry) * n);
	for (k = 0; k < node->count; k++)
	{
		const UChild *c = &node->children[k];
		const DdbPathElem *e = c->elem;
		const DdbValue *cur = NULL;
		const DdbValue *nv;
		size_t		idx;

		for (idx = 0; idx < count; idx++)
			if (entries[idx].value != NULL &&
				entries[idx].name_len == e->name_len &&
				memcmp(entries[idx].name, e->name, e->name_len) == 0)
				break;
		if (idx < count)
			cur = entries[idx].value;
		nv = c->node ? ApplyContainer(st, cur, c->node) : ApplyTarget(st, cur, c->action);
		if (idx < count)
			entries[idx].value = (DdbValue *) nv;
		else if (nv != NULL)
		{
			entries[count].name = e->name;
			entries[count].name_len = e->name_len;
			entries[count].value = (DdbValue *) nv;
			count++;
		}
	}
	/* drop removed members */
	for (i = 0, out = 0; i < count; i++)
		if (entries[i].value != NULL)
			entries[out++] = entries[i];
	return DdbMakeMap(entries, out);
}

/* Order targets of one list by index. */
static int
CompareChildren(const void *a, const void *b)
{
	uint32_t	x = ((const UChild *) a)->elem->index;
	uint32_t	y = ((const UChild *) b)->elem->index;

	return (x < y) ? -1 : (x > y) ? 1 : 0;
}

/*
 * A copy of list old with the targets below node applied: indexes refer to
 * old; targets past its end append (SET, ADD) or do nothing.
 */
static const DdbValue *
ApplyList(ApplyState *st, const DdbValue *old, const UNode *node)
{
	size_t		n = old->u.list.count;
	DdbValue  **elems = DdbAlloc(sizeof(DdbValue *) * (n + (size_t) node->count + 1));
	UChild	   *sorted = DdbAlloc(sizeof(UChild) * (size_t) (node->count + 1));
	size_t		out = 0;
	size_t		i;
	int			k = 0;

	memcpy(sorted, node->children, sizeof(UChild) * (size_t) node->count);
	qsort(sorted, (size_t) node->count, sizeof(UChild), CompareChildren);
	for (i = 0; i < n; i++)
	{
		const DdbValue *nv = old->u.list.elems[i];

		if (k < node->count && sorted[k].elem->index == i)
		{
			const UChild *c = &sorted[k++];

			nv = c->node ? ApplyContainer(st, nv, c->node) : ApplyTarget(st, nv, c->action);
		}
		if (nv != NULL)
			elems[out++] = (DdbValue *) nv;
	}
	for (; k < node->count; k++)
	{
		const UChild *c = &sorted[k];
		const DdbValue *nv;

		nv = c->node ? ApplyContainer(st, NULL, c->node) : ApplyTarget(st, NULL, c->action);
		if (nv != NULL)
			elems[out++] = (DdbValue *) nv;
	}
	return DdbMakeList(elems, out);
}

/* Order set elements (S, N or B). */
static int
CompareScalars(const void *a, const void *b)
{
	return DdbScalarCompare(*(const DdbValue *const *) a,
							*(const DdbValue *const *) b);
}

/* The elements of a set, sorted. */
static DdbValue **
SortedCopy(const DdbValue *set)
{
	size_t		n = set->u.list.count;
	DdbValue  **sorted = DdbAlloc(sizeof(DdbValue *) * (n + 1));

	if (n > 0)
		memcpy(sorted, set->u.list.elems, sizeof(DdbValue *) * n);
	qsort(sorted, n, sizeof(DdbValue *), CompareScalars);
	return sorted;
}

/* Binary search in a sorted element array. */
static bool
SortedContains(DdbValue **sorted, size_t n, const DdbValue *v)
{
	size_t		lo = 0;
	size_t		hi = n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;
		int			cmp = DdbScalarCompare(sorted[mid], v);

		if (cmp == 0)
			return true;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* a's elements followed by b's elements that a lacks. */
static const DdbValue *
SetUnion(const DdbValue *a, const DdbValue *b)
{
	DdbValue  **sorted = SortedCopy(a);
	size_t		n = a->u.list.count;
	DdbValue  **elems = DdbAlloc(sizeof(DdbValue *) * (n + b->u.list.count + 1));
	size_t		out = n;
	size_t		i;

	if (n > 0)
		memcpy(elems, a->u.list.elems, sizeof(DdbValue *) * n);
	for (i = 0; i < b->u.list.count; i++)
		if (!SortedContains(sorted, n, b->u.list.elems[i]))
			elems[out++] = b->u.list.elems[i];
	return DdbMakeSet(a->type, elems, out);
}

/* a's elements that b lacks; NULL when none remain. */
static const DdbValue *
SetDifference(const DdbValue *a, const DdbValue *b)
{
	DdbValue  **sorted = SortedCopy(b);
	DdbValue  **elems = DdbAlloc(sizeof(DdbValue *) * (a->u.list.count + 1));
	size_t		out = 0;
	size_t		i;

	for (i = 0; i < a->u.list.count; i++)
		if (!SortedContains(sorted, b->u.list.count, a->u.list.elems[i]))
			elems[out++] = a->u.list.elems[i];
	if (out == 0)
		return NULL;
	return DdbMakeSet(a->type, elems, out);
}

/* Apply one action to its target's current value (NULL: missing). */
static const DdbValue *
ApplyTarget(ApplyState *st, const DdbValue *cur, int action)
{
	const DdbUpdateAction *a = &st->update->actions[action];
	const DdbValue *val = a->value ? a->value->value : NULL;
	const DdbValue *nv = NULL;

	switch (a->kind)
	{
		case DDB_UPDATE_SET:
			nv = st->set_values[action];
			break;
		case DDB_UPDATE_REMOVE:
			return NULL;
		case DDB_UPDATE_ADD:
			if (cur == NULL)
				nv = val;
			else if (val->type == DDB_TYPE_N && cur->type == DDB_TYPE_N)
				nv = DdbNumberAdd(cur, val);
			else if ((val->type == DDB_TYPE_SS || val->type == DDB_TYPE_NS ||
					  val->type == DDB_TYPE_BS) && cur->type == val->type)
				nv = SetUnion(cur, val);
			else
				DdbRaise(DDB_EXC_ValidationException, MSG_BAD_TYPE);
			break;
		case DDB_UPDATE_DELETE:
			if (cur == NULL)
				return NULL;
			if (cur->type != val->type)
				DdbRaise(DDB_EXC_ValidationException, MSG_BAD_TYPE);
			nv = SetDifference(cur, val);
			break;
	}
	st->new_values[action] = nv;
	return nv;
}

/* Apply an update to an item (see ddb_expr.h). */
DdbUpdateResult *
DdbUpdateApply(const DdbUpdate *update, const DdbValue *old_item,
			   const DdbValue *key_item)
{
	DdbUpdateResult *result = DdbAlloc(sizeof(DdbUpdateResult));
	ApplyState	st;
	const DdbValue *base;
	UNode	   *root;
	DdbPathBuilder *old_builder;
	DdbPathBuilder *new_builder;
	int			a;
	int			k;

	if (old_item != NULL && old_item->type != DDB_TYPE_M)
		old_item = NULL;
	if (key_item != NULL && key_item->type != DDB_TYPE_M)
		key_item = NULL;
	base = old_item ? old_item : key_item;

	st.update = update;
	st.item_existed = (old_item != NULL);
	st.set_values = DdbAlloc(sizeof(DdbValue *) * (size_t) (update->count + 1));
	st.new_values = DdbAlloc(sizeof(DdbValue *) * (size_t) (update->count + 1));

	/* all right-hand sides first, from the item before the update */
	for (a = 0; a < update->count; a++)
		if (update->actions[a].kind == DDB_UPDATE_SET)
			st.set_values[a] = EvalUpdateOperand(update->actions[a].value, base);

	root = BuildTree(update);
	result->item = (DdbValue *) ApplyMap(&st, base, root);

	/* UPDATED_OLD, UPDATED_NEW and the top-level attributes touched */
	old_builder = DdbPathBuilderCreate();
	new_builder = DdbPathBuilderCreate();
	result->touched = DdbAlloc(sizeof(char *) * (size_t) (update->count + 1));
	result->touched_lens = DdbAlloc(sizeof(size_t) * (size_t) (update->count + 1));
	for (a = 0; a < update->count; a++)
	{
		const DdbPath *path = &update->actions[a].path;
		const DdbPathElem *top = &path->elems[0];

		if (old_item != NULL)
			DdbPathBuilderAdd(old_builder, path, DdbPathGet(old_item, path));
		DdbPathBuilderAdd(new_builder, path, st.new_values[a]);
		for (k = 0; k < result->ntouched; k++)
			if (result->touched_lens[k] == top->name_len &&
				memcmp(result->touched[k], top->name, top->name_len) == 0)
				break;
		if (k == result->ntouched)
		{
			result->touched[k] = top->name;
			result->touched_lens[k] = top->name_len;
			result->ntouched++;
		}
	}

	/* the new item must still nest at most 32 levels and fit in 400 KB */
	for (k = 0; k < result->ntouched; k++)
	{
		const DdbValue *v = DdbMapGet(result->item, result->touched[k],
									  result->touched_lens[k]);

		if (v != NULL && DdbValueDepth(v) > DDB_MAX_NESTING_DEPTH - 1)
			DdbRaise(DDB_EXC_ValidationException, DDB_NESTING_MESSAGE);
	}
	DdbCheckItemSize(result->item, true);

	result->updated_old = DdbPathBuilderFinish(old_builder);
	result->updated_new = DdbPathBuilderFinish(new_builder);
	return result;
}

/*-------------------------------------------------------------------------
 * Key attributes
 *-------------------------------------------------------------------------
 */

/* Whether a path step is the attribute name (NUL-terminated). */
static bool
NameIs(const DdbPathElem *e, const char *name)
{
	size_t		len = strlen(name);

	return !e->is_index && e->name != NULL && e->name_len == len &&
		memcmp(e->name, name, len) == 0;
}

/* Refuse actions on key attributes (see ddb_expr.h). */
void
DdbUpdateCheckKeys(const DdbUpdate *update,
				   const char *const *table_keys, int ntable_keys,
				   const char *const *index_keys, int nindex_keys)
{
	int			a;
	int			k;

	for (a = 0; a < update->count; a++)
	{
		const DdbPath *path = &update->actions[a].path;

		for (k = 0; k < ntable_keys; k++)
		{
			if (!NameIs(&path->elems[0], table_keys[k]))
				continue;
			if (path->count == 1)
				DdbRaise(DDB_EXC_ValidationException,
						 "One or more parameter values were invalid: Cannot update attribute %s. This attribute is part of the key",
						 table_keys[k]);
			DdbRaise(DDB_EXC_ValidationException,
					 "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: %s",
					 table_keys[k]);
		}
		if (path->count == 1)
			continue;
		for (k = 0; k < nindex_keys; k++)
			if (NameIs(&path->elems[0], index_keys[k]))
				DdbRaise(DDB_EXC_ValidationException,
						 "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: %s",
						 index_keys[k]);
	}
}
