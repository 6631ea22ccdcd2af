/*-------------------------------------------------------------------------
 *
 * ddb_expr.h
 *	  DynamoDB's expression language: condition and filter expressions,
 *	  key condition expressions, projection expressions and update
 *	  expressions (shared/spec/expressions.md).
 *
 * This module has no PostgreSQL dependencies (see ddb_core.h): it is
 * unit-tested in test/unit/test_expr.c and fuzzed by test/fuzz/fuzz_expr.c.
 * All memory comes from DdbAlloc and every error is raised with DdbRaise,
 * always as DDB_EXC_ValidationException with DynamoDB's exact message.
 *
 * How a request uses it:
 *
 *	1. Build one DdbExprContext from ExpressionAttributeNames and
 *	   ExpressionAttributeValues (DdbExprContextAddName/AddValue).  The
 *	   request layer checks the maps first, in DynamoDB's order (names
 *	   empty, names keys, values empty, values keys, values' contents); the
 *	   key validators DdbExprCheckNameKey/DdbExprCheckValueKey are here.
 *	2. Parse every expression of the request with that context, in the
 *	   order UpdateExpression, ConditionExpression, KeyConditionExpression,
 *	   FilterExpression, ProjectionExpression.  Each parse raises its first
 *	   error in DynamoDB's priority order (expressions.md section 9) and marks
 *	   the placeholders it uses.
 *	3. DdbExprCheckUnused: unused names, then unused values.
 *	4. For a Query: DdbKeyConditionTerms (shape checks that need no table),
 *	   then, after the table lookup, DdbKeyConditionResolve against the key
 *	   schema of the table or index, and DdbConditionCheckNonKey for the
 *	   filter.  For an UpdateItem: DdbUpdateCheckKeys.
 *	5. At run time: DdbEvalCondition, DdbProjectItem, DdbUpdateApply.
 *
 * Parse order inside one expression: the text is checked for emptiness and
 * for the 4 KB limit, tokenized, and parsed; syntax errors and the hard
 * limits (operators, IN operands, path depth, parenthesis nesting) are
 * raised at once.  The other errors are collected while parsing and
 * raised afterwards by category priority, as the service does.
 *
 * The AST below is public so that other modules can inspect it (for
 * example to list the attributes a filter reads), but it must be treated
 * as read-only.
 *
 * IDENTIFICATION
 *	  src/ddb_expr.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_EXPR_H
#define DDB_EXPR_H

#include "ddb_attrval.h"

/* Limits (expressions.md section 8) */
#define DDB_EXPR_MAX_LENGTH				4096	/* bytes of one expression */
#define DDB_EXPR_MAX_OPERATORS			300 /* operators + functions */
#define DDB_EXPR_MAX_IN_OPERANDS		100 /* operands after IN */
#define DDB_EXPR_MAX_PATH_DEREFERENCES	32	/* "." and "[n]" in one path */
#define DDB_EXPR_MAX_NESTING			300 /* nested parentheses */
#define DDB_EXPR_MAX_PLACEHOLDER_LENGTH 255 /* bytes of "#name" or ":value" */

/*-------------------------------------------------------------------------
 * Placeholders: ExpressionAttributeNames and ExpressionAttributeValues
 *-------------------------------------------------------------------------
 */
typedef struct DdbExprContext DdbExprContext;

/* An empty context (no names, no values). */
extern DdbExprContext *DdbExprContextCreate(void);

/*
 * Add "#key" -> attribute name.  The key is validated with
 * DdbExprCheckNameKey; a repeated key replaces the earlier entry.  The name
 * is not copied and may contain any bytes.
 */
extern void DdbExprContextAddName(DdbExprContext *ctx,
								  const char *key, size_t key_len,
								  const char *name, size_t name_len);

/* Add ":key" -> value (validated with DdbExprCheckValueKey). */
extern void DdbExprContextAddValue(DdbExprContext *ctx,
								   const char *key, size_t key_len,
								   const DdbValue *value);

/*
 * Raise "ExpressionAttributeNames contains invalid key: Syntax error; key:
 * "<key>"" unless key is '#' followed by [A-Za-z0-9_]+ (at most 255 bytes).
 */
extern void DdbExprCheckNameKey(const char *key, size_t key_len);

/* Same for ExpressionAttributeValues keys (':' instead of '#'). */
extern void DdbExprCheckValueKey(const char *key, size_t key_len);

/* Number of names/values added. */
extern int	DdbExprContextNameCount(const DdbExprContext *ctx);
extern int	DdbExprContextValueCount(const DdbExprContext *ctx);

/*
 * After all expressions of the request are parsed: raise "Value provided in
 * ExpressionAttributeNames unused in expressions: keys: {#a, #b}" for names
 * no expression used, then the same for values.  Keys are listed in the
 * order they were added.
 */
extern void DdbExprCheckUnused(const DdbExprContext *ctx);

/*-------------------------------------------------------------------------
 * Document paths
 *-------------------------------------------------------------------------
 */
typedef struct DdbPathElem
{
	bool		is_index;		/* "[index]" rather than a name */
	uint32_t	index;
	const char *name;			/* resolved attribute name (map key) */
	size_t		name_len;
	const char *placeholder;	/* "#x" as written, or NULL for a plain name */
	size_t		placeholder_len;
} DdbPathElem;

typedef struct DdbPath
{
	DdbPathElem *elems;			/* elems[0] is always a name */
	int			count;
} DdbPath;

/* The value at path inside item (an M, or NULL); NULL when missing. */
extern const DdbValue *DdbPathGet(const DdbValue *item, const DdbPath *path);

/* DynamoDB's display of a path in messages: "[a, b, [1], c]". */
extern char *DdbPathFormat(const DdbPath *path);

/*-------------------------------------------------------------------------
 * Operands and functions
 *-------------------------------------------------------------------------
 */
typedef enum DdbExprFunction
{
	DDB_FUNC_UNKNOWN,
	DDB_FUNC_ATTRIBUTE_EXISTS,
	DDB_FUNC_ATTRIBUTE_NOT_EXISTS,
	DDB_FUNC_ATTRIBUTE_TYPE,
	DDB_FUNC_BEGINS_WITH,
	DDB_FUNC_CONTAINS,
	DDB_FUNC_SIZE,
	DDB_FUNC_IF_NOT_EXISTS,
	DDB_FUNC_LIST_APPEND
} DdbExprFunction;

typedef enum DdbOperandKind
{
	DDB_OPERAND_PATH,			/* a document path */
	DDB_OPERAND_VALUE,			/* a ":value" placeholder */
	DDB_OPERAND_FUNCTION,		/* size(), if_not_exists(), list_append() */
	DDB_OPERAND_PLUS,			/* update SET only: args[0] + args[1] */
	DDB_OPERAND_MINUS			/* update SET only: args[0] - args[1] */
} DdbOperandKind;

typedef struct DdbOperand DdbOperand;

struct DdbOperand
{
	DdbOperandKind kind;
	int			offset;			/* byte offset in the expression text */
	int			parens;			/* parse-time: parentheses around it */
	DdbPath		path;			/* PATH */
	const char *placeholder;	/* VALUE: ":v" as written */
	size_t		placeholder_len;
	const DdbValue *value;		/* VALUE: its value */
	DdbExprFunction func;		/* FUNCTION */
	const char *func_name;		/* FUNCTION: name as written */
	size_t		func_name_len;
	DdbOperand **args;			/* FUNCTION, PLUS, MINUS */
	int			nargs;
};

/*-------------------------------------------------------------------------
 * Condition and filter expressions (also the parse of key conditions)
 *-------------------------------------------------------------------------
 */
typedef enum DdbConditionKind
{
	DDB_COND_OR,				/* left OR right */
	DDB_COND_AND,				/* left AND right */
	DDB_COND_NOT,				/* NOT left */
	DDB_COND_COMPARE,			/* args[0] op args[1] */
	DDB_COND_BETWEEN,			/* args[0] BETWEEN args[1] AND args[2] */
	DDB_COND_IN,				/* args[0] IN (args[1], ...) */
	DDB_COND_FUNCTION			/* a boolean function of args */
} DdbConditionKind;

typedef enum DdbCompareOp
{
	DDB_CMP_EQ,
	DDB_CMP_NE,
	DDB_CMP_LT,
	DDB_CMP_LE,
	DDB_CMP_GT,
	DDB_CMP_GE
} DdbCompareOp;

typedef struct DdbCondition DdbCondition;

struct DdbCondition
{
	DdbConditionKind kind;
	int			offset;			/* byte offset in the expression text */
	int			parens;			/* parse-time: parentheses around it */
	DdbCondition *left;			/* OR, AND, NOT */
	DdbCondition *right;		/* OR, AND */
	DdbCompareOp op;			/* COMPARE */
	DdbExprFunction func;		/* FUNCTION */
	const char *func_name;		/* FUNCTION: name as written */
	size_t		func_name_len;
	DdbValueType type_arg;		/* FUNCTION attribute_type: the type */
	DdbOperand **args;			/* COMPARE, BETWEEN, IN, FUNCTION */
	int			nargs;
};

/*
 * Parse a ConditionExpression or FilterExpression; member names the request
 * member for messages ("ConditionExpression", "FilterExpression").  text
 * need not be NUL-terminated.
 */
extern DdbCondition *DdbParseCondition(const char *text, size_t len,
									   const char *member,
									   DdbExprContext *ctx);

/*
 * Evaluate a condition against an item (an M value, or NULL when there is
 * no item: then every path is missing).
 */
extern bool DdbEvalCondition(const DdbCondition *cond, const DdbValue *item);

/*
 * Query filters may not read the key attributes of the table or index
 * queried: raise "Filter Expression can only contain non-primary key
 * attributes: Primary key attribute: <a>" for the first path (in text
 * order) whose top-level attribute is hash_name or range_name (either may
 * be NULL).
 */
extern void DdbConditionCheckNonKey(const DdbCondition *filter,
									const char *hash_name,
									const char *range_name);

/*-------------------------------------------------------------------------
 * Key condition expressions (Query)
 *-------------------------------------------------------------------------
 */
typedef enum DdbKeyOp
{
	DDB_KEY_EQ,
	DDB_KEY_LT,
	DDB_KEY_LE,
	DDB_KEY_GT,
	DDB_KEY_GE,
	DDB_KEY_BETWEEN,
	DDB_KEY_BEGINS_WITH
} DdbKeyOp;

/* One simple condition on one key attribute, written attribute-first. */
typedef struct DdbKeyTerm
{
	const char *name;			/* the key attribute */
	size_t		name_len;
	DdbKeyOp	op;
	const DdbValue *values[2];	/* BETWEEN: low, high; otherwise values[0] */
	int			nvalues;
} DdbKeyTerm;

typedef struct DdbKeyTerms
{
	DdbKeyTerm *terms;			/* one or two, in text order */
	int			count;
} DdbKeyTerms;

/* What a key condition selects, resolved against a key schema. */
typedef struct DdbKeyRange
{
	const DdbValue *hash_value; /* partition key = hash_value */
	bool		has_range;		/* a sort key condition is present */
	DdbKeyOp	range_op;
	const DdbValue *range_values[2];
} DdbKeyRange;

/* Parse a KeyConditionExpression (the condition grammar). */
extern DdbCondition *DdbParseKeyCondition(const char *text, size_t len,
										  DdbExprContext *ctx);

/*
 * Check the shape of a parsed key condition (no table needed): AND of one
 * or two simple conditions, each naming one top-level attribute; raises
 * "Invalid operator used in KeyConditionExpression: OR" and the other
 * messages of expressions.md section 5.  Called after DdbExprCheckUnused.
 */
extern DdbKeyTerms *DdbKeyConditionTerms(const DdbCondition *cond);

/*
 * Match the terms with a key schema (range_name NULL for a hash-only
 * schema; the types are S, N or B): raises "Query condition missed key
 * schema element: <a>", "Query key condition not supported" and "One or
 * more parameter values were invalid: Condition parameter type does not
 * match schema type".
 */
extern DdbKeyRange *DdbKeyConditionResolve(const DdbKeyTerms *terms,
										   const char *hash_name,
										   DdbValueType hash_type,
										   const char *range_name,
										   DdbValueType range_type);

/* Whether a sort key value satisfies the range condition (true if none). */
extern bool DdbKeyRangeMatches(const DdbKeyRange *range,
							   const DdbValue *range_value);

/*-------------------------------------------------------------------------
 * Projection expressions
 *-------------------------------------------------------------------------
 */
typedef struct DdbProjection
{
	DdbPath    *paths;
	int			count;
} DdbProjection;

extern DdbProjection *DdbParseProjection(const char *text, size_t len,
										 DdbExprContext *ctx);

/*
 * The item reduced to the projected paths that exist (an M, possibly
 * empty; item may be NULL).  Nested selections keep their enclosing maps
 * and lists; selected list elements are kept in index order, compacted.
 */
extern DdbValue *DdbProjectItem(const DdbProjection *proj,
								const DdbValue *item);

/*-------------------------------------------------------------------------
 * Update expressions
 *-------------------------------------------------------------------------
 */
typedef enum DdbUpdateActionKind
{
	DDB_UPDATE_SET,
	DDB_UPDATE_REMOVE,
	DDB_UPDATE_ADD,
	DDB_UPDATE_DELETE
} DdbUpdateActionKind;

typedef struct DdbUpdateAction
{
	DdbUpdateActionKind kind;
	DdbPath		path;			/* the target */
	DdbOperand *value;			/* SET: the value; ADD, DELETE: a VALUE */
} DdbUpdateAction;

typedef struct DdbUpdate
{
	DdbUpdateAction *actions;	/* in text order */
	int			count;
} DdbUpdate;

extern DdbUpdate *DdbParseUpdate(const char *text, size_t len,
								 DdbExprContext *ctx);

/*
 * Refuse actions on key attributes (both arrays of NUL-terminated names,
 * either may be empty): a table key attribute as target raises "One or more
 * parameter values were invalid: Cannot update attribute <a>. This
 * attribute is part of the key"; a nested path below a table key or an
 * index key raises "Key attributes must be scalars; list random access
 * '[]' and map lookup '.' are not allowed: Key: <a>" (IndexKey: for index
 * keys).  Actions are checked in text order.
 */
extern void DdbUpdateCheckKeys(const DdbUpdate *update,
							   const char *const *table_keys, int ntable_keys,
							   const char *const *index_keys, int nindex_keys);

typedef struct DdbUpdateResult
{
	DdbValue   *item;			/* the item after the update (an M) */
	DdbValue   *updated_old;	/* ReturnValues UPDATED_OLD (an M) */
	DdbValue   *updated_new;	/* ReturnValues UPDATED_NEW (an M) */
	const char **touched;		/* distinct top-level attributes targeted */
	size_t	   *touched_lens;
	int			ntouched;
} DdbUpdateResult;

/*
 * Apply an update.  old_item is the stored item (an M) or NULL when there
 * is none; then the update starts from key_item (the request's Key, may
 * be NULL).  Right-hand sides are all computed from the item before the
 * update, then the actions are applied; list indexes refer to the lists as
 * they were.  Raises DynamoDB's run-time errors ("The document path
 * provided in the update expression is invalid for update", "An operand in
 * the update expression has an incorrect data type", "The provided
 * expression refers to an attribute that does not exist in the item",
 * the attribute-value module's nesting error for results nested 32 levels
 * deep, "Item size to update has exceeded the maximum allowed size").
 * updated_old holds the targeted paths that existed before, with their old
 * values; updated_new the targeted paths that exist afterwards.
 */
extern DdbUpdateResult *DdbUpdateApply(const DdbUpdate *update,
									   const DdbValue *old_item,
									   const DdbValue *key_item);

#endif							/* DDB_EXPR_H */
