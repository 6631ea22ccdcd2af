/*-------------------------------------------------------------------------
 *
 * ddb_expr_eval.c
 *	  Evaluation of document paths, condition and filter expressions, and
 *	  projections.
 *
 * Conditions never raise errors at run time: a missing attribute, or an
 * operand of an unsuitable type, simply makes the comparison or function
 * false (expressions.md section 3.3).  Operands evaluate to a value, to
 * "missing" (a path that does not exist: "a <> b" is then true), or to
 * "invalid" (size() of a missing attribute or of a number, boolean or
 * null: every comparison involving it is false).
 *
 * Projections and the UPDATED_OLD/UPDATED_NEW results of updates share a
 * builder that turns (path, value) pairs back into nested values: map
 * members keep their names, selected list elements are collected in index
 * order into a compacted list.
 *
 * IDENTIFICATION
 *	  src/ddb_expr_eval.c
 *
 *-------------------------------------------------------------------------
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE				/* memmem */
#endif

#include <stdlib.h>
#include <string.h>

#include "ddb_expr_int.h"

/* Result of evaluating an operand */
typedef enum EvalState
{
	EVAL_VALUE,
	EVAL_MISSING,
	EVAL_INVALID
} EvalState;

typedef struct EvalResult
{
	EvalState	state;
	const DdbValue *value;
} EvalResult;

/* A node of the path builder: a map or a list under construction */
typedef struct BuildNode BuildNode;

typedef struct BuildChild
{
	const char *name;			/* map member */
	size_t		name_len;
	uint32_t	index;			/* list element */
	BuildNode  *node;			/* inner node, or NULL for a leaf */
	const DdbValue *leaf;
} BuildChild;

struct BuildNode
{
	bool		is_list;
	BuildChild *children;
	int			count;
	int			cap;
};

struct DdbPathBuilder
{
	BuildNode	root;
};

static EvalResult EvalOperand(const DdbOperand *op, const DdbValue *item);
static bool EvalCompare(DdbCompareOp op, EvalResult a, EvalResult b);
static bool IsOrderable(const DdbValue *v);
static bool EvalFunction(const DdbCondition *c, const DdbValue *item);
static bool Contains(const DdbValue *container, const DdbValue *v);
static bool BeginsWith(const DdbValue *v, const DdbValue *prefix);
static size_t Utf16Length(const char *s, size_t len);
static BuildChild *BuildFind(BuildNode *node, const DdbPathElem *e,
							 bool create);
static DdbValue *BuildValue(const BuildNode *node);
static int	CompareChildIndex(const void *a, const void *b);

/*-------------------------------------------------------------------------
 * Paths
 *-------------------------------------------------------------------------
 */

/* The value at path inside item; NULL when any step is missing. */
const DdbValue *
DdbPathGet(const DdbValue *item, const DdbPath *path)
{
	const DdbValue *v = item;
	int			i;

	for (i = 0; i < path->count && v != NULL; i++)
	{
		const DdbPathElem *e = &path->elems[i];

		if (e->is_index)
		{
			if (v->type != DDB_TYPE_L || e->index >= v->u.list.count)
				return NULL;
			v = v->u.list.elems[e->index];
		}
		else
		{
			if (v->type != DDB_TYPE_M || e->name == NULL)
				return NULL;
			v = DdbMapGet(v, e->name, e->name_len);
		}
	}
	return v;
}

/* "[a, b, [1], c]" */
char *
DdbPathFormat(const DdbPath *path)
{
	DdbBuf		buf;
	int			i;

	DdbBufInit(&buf);
	DdbBufAppendChar(&buf, '[');
	for (i = 0; i < path->count; i++)
	{
		const DdbPathElem *e = &path->elems[i];

		if (i > 0)
			DdbBufAppendStr(&buf, ", ");
		if (e->is_index)
			DdbBufAppendf(&buf, "[%u]", (unsigned int) e->index);
		else if (e->name != NULL)
			DdbBufAppend(&buf, e->name, e->name_len);
		else
			DdbBufAppend(&buf, e->placeholder, e->placeholder_len);
	}
	DdbBufAppendChar(&buf, ']');
	return buf.data;
}

/* Whether two path elements name the same step (after substitution). */
bool
DdbPathElemEquals(const DdbPathElem *a, const DdbPathElem *b)
{
	if (a->is_index != b->is_index)
		return false;
	if (a->is_index)
		return a->index == b->index;
	if (a->name == NULL || b->name == NULL)
	{
		/* an undefined placeholder: compare as written */
		return a->name == NULL && b->name == NULL &&
			a->placeholder_len == b->placeholder_len &&
			memcmp(a->placeholder, b->placeholder, a->placeholder_len) == 0;
	}
	return a->name_len == b->name_len &&
		memcmp(a->name, b->name, a->name_len) == 0;
}

/*-------------------------------------------------------------------------
 * Conditions
 *-------------------------------------------------------------------------
 */

/* Evaluate an operand of a condition against an item. */
static EvalResult
EvalOperand(const DdbOperand *op, const DdbValue *item)
{
	EvalResult	r;
	EvalResult	arg;
	const DdbValue *v;
	size_t		n;

	r.state = EVAL_MISSING;
	r.value = NULL;
	switch (op->kind)
	{
		case DDB_OPERAND_PATH:
			r.value = DdbPathGet(item, &op->path);
			if (r.value != NULL)
				r.state = EVAL_VALUE;
			return r;
		case DDB_OPERAND_VALUE:
			r.value = op->value;
			r.state = (r.value != NULL) ? EVAL_VALUE : EVAL_MISSING;
			return r;
		case DDB_OPERAND_FUNCTION:
			if (op->func != DDB_FUNC_SIZE || op->nargs != 1)
				break;
			arg = EvalOperand(op->args[0], item);
			r.state = EVAL_INVALID;
			if (arg.state != EVAL_VALUE)
				return r;
			v = arg.value;
			switch (v->type)
			{
				case DDB_TYPE_S:
					n = Utf16Length(v->u.str.data, v->u.str.len);
					break;
				case DDB_TYPE_B:
					n = v->u.str.len;
					break;
				case DDB_TYPE_SS:
				case DDB_TYPE_NS:
				case DDB_TYPE_BS:
				case DDB_TYPE_L:
					n = v->u.list.count;
					break;
				case DDB_TYPE_M:
					n = v->u.map.count;
					break;
				default:
					return r;
			}
			r.value = DdbMakeNumberInt((int64_t) n);
			r.state = EVAL_VALUE;
			return r;
		default:
			break;
	}
	r.state = EVAL_INVALID;
	return r;
}

/* Length of UTF-8 text in UTF-16 code units (4-byte sequences count 2). */
static size_t
Utf16Length(const char *s, size_t len)
{
	size_t		n = 0;
	size_t		i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if ((c & 0xC0) == 0x80)
			continue;			/* continuation byte */
		n += (c >= 0xF0) ? 2 : 1;
	}
	return n;
}

/* S, N and B are the types with an order. */
static bool
IsOrderable(const DdbValue *v)
{
	return v->type == DDB_TYPE_S || v->type == DDB_TYPE_N ||
		v->type == DDB_TYPE_B;
}

/* a op b with DynamoDB's rules for missing operands and type mismatches. */
static bool
EvalCompare(DdbCompareOp op, EvalResult a, EvalResult b)
{
	int			cmp;

	if (a.state == EVAL_INVALID || b.state == EVAL_INVALID)
		return false;
	if (op == DDB_CMP_EQ || op == DDB_CMP_NE)
	{
		bool		eq = a.state == EVAL_VALUE && b.state == EVAL_VALUE &&
			DdbValueEquals(a.value, b.value);

		return (op == DDB_CMP_EQ) ? eq : !eq;
	}
	if (a.state != EVAL_VALUE || b.state != EVAL_VALUE ||
		a.value->type != b.value->type || !IsOrderable(a.value))
		return false;
	cmp = DdbScalarCompare(a.value, b.value);
	switch (op)
	{
		case DDB_CMP_LT:
			return cmp < 0;
		case DDB_CMP_LE:
			return cmp <= 0;
		case DDB_CMP_GT:
			return cmp > 0;
		case DDB_CMP_GE:
			return cmp >= 0;
		default:
			return false;
	}
}

/* contains(container, v): substring, set membership or list element. */
static bool
Contains(const DdbValue *container, const DdbValue *v)
{
	size_t		i;

	switch (container->type)
	{
		case DDB_TYPE_S:
		case DDB_TYPE_B:
			{
				size_t		hl;
				size_t		nl;

				if (v->type != container->type)
					return false;
				hl = container->u.str.len;
				nl = v->u.str.len;
				if (nl == 0)
					return true;
				/* memmem is linear; a naive scan is quadratic on 400 KB values */
				return memmem(container->u.str.data, hl, v->u.str.data, nl) != NULL;
			}
		case DDB_TYPE_SS:
		case DDB_TYPE_NS:
		case DDB_TYPE_BS:
			if ((container->type == DDB_TYPE_SS && v->type != DDB_TYPE_S) ||
				(container->type == DDB_TYPE_NS && v->type != DDB_TYPE_N) ||
				(container->type == DDB_TYPE_BS && v->type != DDB_TYPE_B))
				return false;
			for (i = 0; i < container->u.list.count; i++)
				if (DdbScalarCompare(container->u.list.elems[i], v) == 0)
					return true;
			return false;
		case DDB_TYPE_L:
			for (i = 0; i < container->u.list.count; i++)
				if (DdbValueEquals(container->u.list.elems[i], v))
					return true;
			return false;
		default:
			return false;
	}
}

/* begins_with: both S (UTF-8 prefix) or both B (byte prefix). */
static bool
BeginsWith(const DdbValue *v, const DdbValue *prefix)
{
	if (v->type != prefix->type ||
		(v->type != DDB_TYPE_S && v->type != DDB_TYPE_B))
		return false;
	return prefix->u.str.len <= v->u.str.len &&
		memcmp(v->u.str.data, prefix->u.str.data, prefix->u.str.len) == 0;
}

/* A boolean function. */
static bool
EvalFunction(const DdbCondition *c, const DdbValue *item)
{
	EvalResult	a;
	EvalResult	b;

	if (c->nargs < 1)
		return false;
	a = EvalOperand(c->args[0], item);
	switch (c->func)
	{
		case DDB_FUNC_ATTRIBUTE_EXISTS:
			return a.state == EVAL_VALUE;
		case DDB_FUNC_ATTRIBUTE_NOT_EXISTS:
			return a.state == EVAL_MISSING;
		case DDB_FUNC_ATTRIBUTE_TYPE:
			return a.state == EVAL_VALUE && a.value->type == c->type_arg;
		case DDB_FUNC_BEGINS_WITH:
		case DDB_FUNC_CONTAINS:
			if (c->nargs != 2)
				return false;
			b = EvalOperand(c->args[1], item);
			if (a.state != EVAL_VALUE || b.state != EVAL_VALUE)
				return false;
			if (c->func == DDB_FUNC_BEGINS_WITH)
				return BeginsWith(a.value, b.value);
			return Contains(a.value, b.value);
		default:
			return false;
	}
}

/* Evaluate a condition against an item (NULL: no item). */
bool
DdbEvalCondition(const DdbCondition *cond, const DdbValue *item)
{
	EvalResult	a;
	EvalResult	lo;
	EvalResult	hi;
	int			i;

	if (item != NULL && item->type != DDB_TYPE_M)
		item = NULL;
	switch (cond->kind)
	{
		case DDB_COND_OR:
			return DdbEvalCondition(cond->left, item) ||
				DdbEvalCondition(cond->right, item);
		case DDB_COND_AND:
			return DdbEvalCondition(cond->left, item) &&
				DdbEvalCondition(cond->right, item);
		case DDB_COND_NOT:
			return !DdbEvalCondition(cond->left, item);
		case DDB_COND_COMPARE:
			return EvalCompare(cond->op, EvalOperand(cond->args[0], item),
							   EvalOperand(cond->args[1], item));
		case DDB_COND_BETWEEN:
			a = EvalOperand(cond->args[0], item);
			lo = EvalOperand(cond->args[1], item);
			hi = EvalOperand(cond->args[2], item);
			return EvalCompare(DDB_CMP_LE, lo, a) && EvalCompare(DDB_CMP_LE, a, hi);
		case DDB_COND_IN:
			a = EvalOperand(cond->args[0], item);
			if (a.state != EVAL_VALUE)
				return false;
			for (i = 1; i < cond->nargs; i++)
				if (EvalCompare(DDB_CMP_EQ, a, EvalOperand(cond->args[i], item)))
					return true;
			return false;
		case DDB_COND_FUNCTION:
			return EvalFunction(cond, item);
	}
	return false;
}

/*-------------------------------------------------------------------------
 * Building nested values from (path, value) pairs
 *-------------------------------------------------------------------------
 */

/* An empty builder; its root is a map. */
DdbPathBuilder *
DdbPathBuilderCreate(void)
{
	return DdbAlloc(sizeof(DdbPathBuilder));
}

/* The child of node for path element e, created if asked. */
static BuildChild *
BuildFind(BuildNode *node, const DdbPathElem *e, bool create)
{
	BuildChild *c;
	int			i;

	for (i = 0; i < node->count; i++)
	{
		c = &node->children[i];
		if (e->is_index ? (c->index == e->index) :
			(c->name_len == e->name_len && memcmp(c->name, e->name, e->name_len) == 0))
			return c;
	}
	if (!create)
		return NULL;
	if (node->count == node->cap)
	{
		int			newcap = node->cap ? node->cap * 2 : 4;

		node->children = DdbRealloc(node->children,
									sizeof(BuildChild) * (size_t) node->cap,
									sizeof(BuildChild) * (size_t) newcap);
		node->cap = newcap;
	}
	c = &node->children[node->count++];
	memset(c, 0, sizeof(BuildChild));
	c->name = e->name;
	c->name_len = e->name_len;
	c->index = e->index;
	return c;
}

/*
 * Place value at path.  Paths that disagree with what is already placed
 * (one a prefix of another, or a step used both as a name and an index)
 * cannot come from a checked expression; they are ignored.
 */
void
DdbPathBuilderAdd(DdbPathBuilder *builder, const DdbPath *path,
				  const DdbValue *value)
{
	BuildNode  *node = &builder->root;
	int			i;

	if (path->count == 0 || path->elems[0].is_index || value == NULL)
		return;
	for (i = 0; i < path->count; i++)
	{
		const DdbPathElem *e = &path->elems[i];
		bool		last = (i == path->count - 1);
		BuildChild *c;

		if (e->is_index != node->is_list)
		{
			if (node->count > 0)
				return;
			node->is_list = e->is_index;
		}
		if (!e->is_index && e->name == NULL)
			return;
		c = BuildFind(node, e, true);
		if (last)
		{
			if (c->node != NULL)
				return;
			c->leaf = value;
			return;
		}
		if (c->leaf != NULL)
			return;
		if (c->node == NULL)
			c->node = DdbAlloc(sizeof(BuildNode));
		node = c->node;
	}
}

/* Order list children by index. */
static int
CompareChildIndex(const void *a, const void *b)
{
	uint32_t	x = ((const BuildChild *) a)->index;
	uint32_t	y = ((const BuildChild *) b)->index;

	return (x < y) ? -1 : (x > y) ? 1 : 0;
}

/* The value a builder node stands for. */
static DdbValue *
BuildValue(const BuildNode *node)
{
	int			i;

	if (node->is_list)
	{
		DdbValue  **elems = DdbAlloc(sizeof(DdbValue *) * (size_t) (node->count + 1));

		qsort(node->children, (size_t) node->count, sizeof(BuildChild),
			  CompareChildIndex);
		for (i = 0; i < node->count; i++)
		{
			const BuildChild *c = &node->children[i];

			elems[i] = c->node ? BuildValue(c->node) : (DdbValue *) c->leaf;
		}
		return DdbMakeList(elems, (size_t) node->count);
	}
	else
	{
		DdbMapEntry *entries = DdbAlloc(sizeof(DdbMapEntry) * (size_t) (node->count + 1));

		for (i = 0; i < node->count; i++)
		{
			const BuildChild *c = &node->children[i];

			entries[i].name = c->name;
			entries[i].name_len = c->name_len;
			entries[i].value = c->node ? BuildValue(c->node) : (DdbValue *) c->leaf;
		}
		return DdbMakeMap(entries, (size_t) node->count);
	}
}

/* The map holding everything placed so far. */
DdbValue *
DdbPathBuilderFinish(DdbPathBuilder *builder)
{
	builder->root.is_list = false;
	return BuildValue(&builder->root);
}

/*-------------------------------------------------------------------------
 * Projections
 *-------------------------------------------------------------------------
 */

/* The item reduced to the projected paths that exist. */
DdbValue *
DdbProjectItem(const DdbProjection *proj, const DdbValue *item)
{
	DdbPathBuilder *builder = DdbPathBuilderCreate();
	int			i;

	if (item != NULL && item->type == DDB_TYPE_M)
	{
		for (i = 0; i < proj->count; i++)
		{
			const DdbValue *v = DdbPathGet(item, &proj->paths[i]);

			if (v != NULL)
				DdbPathBuilderAdd(builder, &proj->paths[i], v);
		}
	}
	return DdbPathBuilderFinish(builder);
}
