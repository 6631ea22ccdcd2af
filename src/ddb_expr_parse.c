/*-------------------------------------------------------------------------
 *
 * ddb_expr_parse.c
 *	  Recursive-descent parsers for condition (and filter and key
 *	  condition), update and projection expressions, and the semantic
 *	  checks that follow them.
 *
 * Error order.  DynamoDB reports at most one error per expression, and
 * which one wins follows fixed priorities (expressions.md section 9), not
 * the position in the text.  The parsers therefore work in two phases:
 *
 *	- Phase 1 is the parse itself.  Syntax errors and the hard limits (text
 *	  length, operator count, IN operands, path depth, nesting) are raised
 *	  at once.  The "structural" errors are only recorded, the first of each
 *	  category: redundant parentheses, unknown function, misused function,
 *	  reserved word, repeated update section.  After a complete parse the
 *	  recorded one of highest priority is raised.
 *
 *	- Phase 2 walks the tree.  Placeholders are resolved here (marking them
 *	  used in the context) and the operand checks run: undefined name or
 *	  value, operand count, distinct operands, operand types, BETWEEN
 *	  bounds.  For conditions these are judged per simple condition ("leaf")
 *	  in text order, as the service does: the first leaf with any error
 *	  reports its error of highest priority.  For updates and projections
 *	  the categories are global: undefined names, undefined values,
 *	  overlapping paths, conflicting paths, ADD/DELETE operand types,
 *	  function operands.
 *
 * Grammar of conditions.  A parenthesis at the start of a condition may
 * open either a nested condition "(a = b)" or an operand "(a) = b", so the
 * condition parser works on nodes that are either a condition or a bare
 * operand; a bare operand becomes a condition only when it is a function
 * call (attribute_exists(a), or a misused size(a)), otherwise the token
 * after it is a syntax error (the service's "token: <EOF>" for a bare
 * attribute).  "((x))" around the same thing is recorded as redundant.
 *
 * Recursion is bounded: parentheses nest at most DDB_EXPR_MAX_NESTING
 * deep and function calls count against the 300-operator limit, so hostile
 * input cannot exhaust the stack.
 *
 * IDENTIFICATION
 *	  src/ddb_expr_parse.c
 *
 *-------------------------------------------------------------------------
 */
#include <string.h>

#include "ddb_expr_int.h"

typedef enum ExprKind
{
	KIND_CONDITION,
	KIND_UPDATE,
	KIND_PROJECTION
} ExprKind;

typedef struct Parser
{
	DdbTokenList tl;
	int			pos;
	const char *member;			/* "ConditionExpression", ... */
	DdbExprContext *ctx;
	ExprKind	kind;
	int			operators;
	int			depth;
	/* phase 1: the first error of each category */
	char	   *err_parens;
	char	   *err_unknown_function;
	char	   *err_misused_function;
	char	   *err_reserved;
	char	   *err_section;
} Parser;

/* A condition-level parse result: a condition or a bare operand. */
typedef struct PNode
{
	DdbCondition *cond;
	DdbOperand *operand;
} PNode;

/* Phase 2: the first error of each category */
typedef struct CheckErrors
{
	bool		split_values;	/* values have their own category */
	char	   *attr;			/* undefined name (and value if not split) */
	char	   *attr_value;		/* undefined value */
	char	   *operand;		/* operand count */
	char	   *distinct;		/* non-distinct operands */
	char	   *function;		/* operand types, BETWEEN bounds */
} CheckErrors;

static void InitParser(Parser *p, const char *text, size_t len,
					   const char *member, DdbExprContext *ctx, ExprKind kind);
static const DdbToken *Tok(const Parser *p);
static void Advance(Parser *p);
static void Expect(Parser *p, DdbTokenType type);
static bool IsWord(const Parser *p, const char *word);
static bool IsKeyword(const Parser *p, int i);
static void CountOperator(Parser *p);
static void EnterNesting(Parser *p);
static void Record(char **slot, char *msg);
static void ParsePath(Parser *p, DdbPath *path);
static DdbOperand *NewOperand(Parser *p, DdbOperandKind kind);
static DdbOperand *ParseOperand(Parser *p);
static DdbOperand *ParseFunctionCall(Parser *p);
static DdbExprFunction LookupFunction(const Parser *p, const char *name,
									  size_t len);
static void CheckMisusedArgs(Parser *p, DdbOperand **args, int nargs,
							 DdbExprFunction outer);
static DdbCondition *NewCondition(Parser *p, DdbConditionKind kind);
static PNode ParseOrNode(Parser *p);
static PNode ParseAndNode(Parser *p);
static PNode ParseNotNode(Parser *p);
static PNode ParseComparison(Parser *p);
static PNode ParseTerm(Parser *p);
static DdbCondition *ToCondition(Parser *p, PNode n);
static DdbOperand *ParseSetValue(Parser *p);
static void RaisePhase1(Parser *p);
static void ResolvePath(Parser *p, DdbPath *path, CheckErrors *errs);
static void VisitOperand(Parser *p, DdbOperand *op, CheckErrors *errs);
static const char *OperandType(const DdbOperand *op);
static void CheckDistinct(CheckErrors *errs, const char *opname,
						  const DdbOperand *a, const DdbOperand *b);
static void CheckConditionFunction(DdbExprFunction func, DdbOperand **args,
								   int nargs, DdbValueType *type_arg,
								   CheckErrors *errs);
static void CheckUpdateFunction(DdbOperand *op, CheckErrors *errs);
static void CheckBetweenBounds(const DdbOperand *lo, const DdbOperand *hi,
							   CheckErrors *errs);
static void CheckLeaf(Parser *p, DdbCondition *c);
static void CheckConditionTree(Parser *p, DdbCondition *c);
static void CheckPathOverlaps(Parser *p, const DdbPath *const *paths, int n);
static const char *CompareOpName(DdbCompareOp op);

/* Growable array of pointers, for argument lists. */
typedef struct PtrArray
{
	void	  **items;
	int			count;
	int			cap;
} PtrArray;

static void PtrArrayAdd(PtrArray *a, void *item);

/* Append an item to a PtrArray. */
static void
PtrArrayAdd(PtrArray *a, void *item)
{
	if (a->count == a->cap)
	{
		int			newcap = a->cap ? a->cap * 2 : 4;

		a->items = DdbRealloc(a->items, sizeof(void *) * (size_t) a->cap,
							  sizeof(void *) * (size_t) newcap);
		a->cap = newcap;
	}
	a->items[a->count++] = item;
}

/*-------------------------------------------------------------------------
 * Parser plumbing
 *-------------------------------------------------------------------------
 */

/* Check the text's length and tokenize it. */
static void
InitParser(Parser *p, const char *text, size_t len, const char *member,
		   DdbExprContext *ctx, ExprKind kind)
{
	memset(p, 0, sizeof(Parser));
	p->member = member;
	p->ctx = ctx ? ctx : DdbExprContextCreate();
	p->kind = kind;
	if (len == 0)
		DdbExprRaise(member, "The expression can not be empty;");
	if (len > DDB_EXPR_MAX_LENGTH)
		DdbExprRaise(member,
					 "Expression size has exceeded the maximum allowed size; expression size: %zu",
					 len);
	DdbExprTokenize(text, (int) len, &p->tl);
}

/* The current token. */
static const DdbToken *
Tok(const Parser *p)
{
	return &p->tl.tokens[p->pos];
}

/* Move to the next token (never past EOF). */
static void
Advance(Parser *p)
{
	if (p->tl.tokens[p->pos].type != DDB_TOK_EOF)
		p->pos++;
}

/* Consume a token of the given type, or raise a syntax error on it. */
static void
Expect(Parser *p, DdbTokenType type)
{
	if (Tok(p)->type != type)
		DdbExprSyntaxError(&p->tl, p->pos, p->member);
	Advance(p);
}

/* Whether the current token is the keyword word (case-insensitive). */
static bool
IsWord(const Parser *p, const char *word)
{
	return DdbExprTokenIsWord(&p->tl, p->pos, word);
}

/*
 * Whether token i is a keyword of this expression kind, which can be
 * neither an attribute name nor a function name.
 */
static bool
IsKeyword(const Parser *p, int i)
{
	static const char *const condition_words[] = {"AND", "OR", "NOT", "BETWEEN", "IN"};
	static const char *const update_words[] = {"SET", "REMOVE", "ADD", "DELETE"};
	const char *const *words;
	int			n;
	int			k;

	if (p->tl.tokens[i].type != DDB_TOK_IDENT)
		return false;
	if (p->kind == KIND_CONDITION)
	{
		words = condition_words;
		n = 5;
	}
	else if (p->kind == KIND_UPDATE)
	{
		words = update_words;
		n = 4;
	}
	else
		return false;
	for (k = 0; k < n; k++)
		if (DdbExprTokenIsWord(&p->tl, i, words[k]))
			return true;
	return false;
}

/* Count one operator or function; more than 300 is an error. */
static void
CountOperator(Parser *p)
{
	if (++p->operators > DDB_EXPR_MAX_OPERATORS)
		DdbExprRaise(p->member,
					 "The expression contains too many operators; operator count: %d",
					 p->operators);
}

/*
 * Enter one more level of parentheses.  Within the 300-operator limit a
 * deeper nesting can only come from redundant parentheses.
 */
static void
EnterNesting(Parser *p)
{
	if (++p->depth > DDB_EXPR_MAX_NESTING)
		DdbExprRaise(p->member, "The expression has redundant parentheses;");
}

/* Keep the first message of a category. */
static void
Record(char **slot, char *msg)
{
	if (*slot == NULL)
		*slot = msg;
}

/*-------------------------------------------------------------------------
 * Paths and operands
 *-------------------------------------------------------------------------
 */

/*
 * path := element { "." element | "[" digits "]" }, element := name | #name.
 * Plain names are checked against the reserved words; placeholders are
 * resolved in phase 2.
 */
static void
ParsePath(Parser *p, DdbPath *path)
{
	int			cap = 4;

	path->elems = DdbAlloc(sizeof(DdbPathElem) * (size_t) cap);
	path->count = 0;
	for (;;)
	{
		const DdbToken *tok = Tok(p);
		DdbPathElem *e;

		if (path->count == cap)
		{
			path->elems = DdbRealloc(path->elems,
									 sizeof(DdbPathElem) * (size_t) cap,
									 sizeof(DdbPathElem) * (size_t) cap * 2);
			cap *= 2;
		}
		e = &path->elems[path->count];
		memset(e, 0, sizeof(DdbPathElem));

		if (path->count > 0 && tok->type == DDB_TOK_LBRACKET)
		{
			const DdbToken *num;
			uint64_t	index = 0;
			int			k;

			Advance(p);
			num = Tok(p);
			if (num->type != DDB_TOK_NUMBER)
				DdbExprSyntaxError(&p->tl, p->pos, p->member);
			for (k = 0; k < num->len; k++)
			{
				index = index * 10 + (uint64_t) (p->tl.text[num->start + k] - '0');
				if (index > INT32_MAX)
					DdbExprSyntaxError(&p->tl, p->pos, p->member);
			}
			Advance(p);
			Expect(p, DDB_TOK_RBRACKET);
			e->is_index = true;
			e->index = (uint32_t) index;
		}
		else
		{
			if (path->count > 0)
			{
				if (tok->type != DDB_TOK_DOT)
					break;
				Advance(p);
				tok = Tok(p);
			}
			if (tok->type == DDB_TOK_NAME)
			{
				e->placeholder = p->tl.text + tok->start;
				e->placeholder_len = (size_t) tok->len;
			}
			else if (tok->type == DDB_TOK_IDENT && !IsKeyword(p, p->pos))
			{
				e->name = p->tl.text + tok->start;
				e->name_len = (size_t) tok->len;
				if (DdbExprIsReserved(e->name, e->name_len))
					Record(&p->err_reserved,
						   DdbExprFormat("Attribute name is a reserved keyword; reserved keyword: %.*s",
										 tok->len, e->name));
			}
			else
				DdbExprSyntaxError(&p->tl, p->pos, p->member);
			Advance(p);
		}
		path->count++;
		if (path->count - 1 > DDB_EXPR_MAX_PATH_DEREFERENCES)
			DdbExprRaise(p->member,
						 "The document path has too many nesting levels; nesting levels: %d, maximum allowed: %d",
						 path->count - 1, DDB_EXPR_MAX_PATH_DEREFERENCES);
		if (Tok(p)->type != DDB_TOK_DOT && Tok(p)->type != DDB_TOK_LBRACKET)
			break;
	}
}

/* A zeroed operand at the current token. */
static DdbOperand *
NewOperand(Parser *p, DdbOperandKind kind)
{
	DdbOperand *op = DdbAlloc(sizeof(DdbOperand));

	op->kind = kind;
	op->offset = Tok(p)->start;
	return op;
}

/*
 * operand := "(" operand ")" | :value | path | function "(" operand {","
 * operand} ")"
 */
static DdbOperand *
ParseOperand(Parser *p)
{
	const DdbToken *tok = Tok(p);
	DdbOperand *op;

	if (tok->type == DDB_TOK_LPAREN)
	{
		EnterNesting(p);
		Advance(p);
		op = ParseOperand(p);
		Expect(p, DDB_TOK_RPAREN);
		p->depth--;
		if (op->parens > 0 && p->kind == KIND_CONDITION)
			Record(&p->err_parens, "The expression has redundant parentheses;");
		op->parens++;
		return op;
	}
	if (tok->type == DDB_TOK_VALUE)
	{
		op = NewOperand(p, DDB_OPERAND_VALUE);
		op->placeholder = p->tl.text + tok->start;
		op->placeholder_len = (size_t) tok->len;
		Advance(p);
		return op;
	}
	if (tok->type == DDB_TOK_IDENT && !IsKeyword(p, p->pos) &&
		p->tl.tokens[p->pos + 1].type == DDB_TOK_LPAREN)
		return ParseFunctionCall(p);
	if (tok->type == DDB_TOK_NAME ||
		(tok->type == DDB_TOK_IDENT && !IsKeyword(p, p->pos)))
	{
		op = NewOperand(p, DDB_OPERAND_PATH);
		ParsePath(p, &op->path);
		return op;
	}
	DdbExprSyntaxError(&p->tl, p->pos, p->member);
}

/* The function with this (case-sensitive) name for the expression kind. */
static DdbExprFunction
LookupFunction(const Parser *p, const char *name, size_t len)
{
	static const struct
	{
		const char *name;
		DdbExprFunction func;
		bool		update;
	}			functions[] = {
		{"attribute_exists", DDB_FUNC_ATTRIBUTE_EXISTS, false},
		{"attribute_not_exists", DDB_FUNC_ATTRIBUTE_NOT_EXISTS, false},
		{"attribute_type", DDB_FUNC_ATTRIBUTE_TYPE, false},
		{"begins_with", DDB_FUNC_BEGINS_WITH, false},
		{"contains", DDB_FUNC_CONTAINS, false},
		{"size", DDB_FUNC_SIZE, false},
		{"if_not_exists", DDB_FUNC_IF_NOT_EXISTS, true},
		{"list_append", DDB_FUNC_LIST_APPEND, true},
	};
	size_t		i;

	for (i = 0; i < sizeof(functions) / sizeof(functions[0]); i++)
	{
		if (functions[i].update != (p->kind == KIND_UPDATE))
			continue;
		if (strlen(functions[i].name) == len &&
			memcmp(functions[i].name, name, len) == 0)
			return functions[i].func;
	}
	return DDB_FUNC_UNKNOWN;
}

/* name "(" operand {"," operand} ")": any name parses; unknown ones are recorded. */
static DdbOperand *
ParseFunctionCall(Parser *p)
{
	const DdbToken *tok = Tok(p);
	DdbOperand *op = NewOperand(p, DDB_OPERAND_FUNCTION);
	PtrArray	args = {0};

	op->func_name = p->tl.text + tok->start;
	op->func_name_len = (size_t) tok->len;
	op->func = LookupFunction(p, op->func_name, op->func_name_len);
	CountOperator(p);
	Advance(p);
	Expect(p, DDB_TOK_LPAREN);
	for (;;)
	{
		PtrArrayAdd(&args, ParseOperand(p));
		if (Tok(p)->type != DDB_TOK_COMMA)
			break;
		Advance(p);
	}
	Expect(p, DDB_TOK_RPAREN);
	op->args = (DdbOperand **) args.items;
	op->nargs = args.count;

	if (op->func == DDB_FUNC_UNKNOWN)
		Record(&p->err_unknown_function,
			   DdbExprFormat("Invalid function name; function: %.*s",
							 (int) op->func_name_len, op->func_name));
	CheckMisusedArgs(p, op->args, op->nargs, op->func);
	return op;
}

/*
 * Record a function used where an operand is needed.  In conditions only
 * size() yields a value; in updates list_append() cannot take the result of
 * another list_append() (observed on the service).
 */
static void
CheckMisusedArgs(Parser *p, DdbOperand **args, int nargs,
				 DdbExprFunction outer)
{
	int			i;

	for (i = 0; i < nargs; i++)
	{
		const DdbOperand *a = args[i];
		bool		misused;

		if (a->kind != DDB_OPERAND_FUNCTION)
			continue;
		if (p->kind == KIND_CONDITION)
			misused = (a->func != DDB_FUNC_SIZE);
		else
			misused = (outer == DDB_FUNC_LIST_APPEND &&
					   a->func == DDB_FUNC_LIST_APPEND);
		if (misused)
		{
			Record(&p->err_misused_function,
				   DdbExprFormat("The function is not allowed to be used this way in an expression; function: %.*s",
								 (int) a->func_name_len, a->func_name));
			return;
		}
	}
}

/*-------------------------------------------------------------------------
 * Conditions
 *-------------------------------------------------------------------------
 */

/* A zeroed condition node at the current token. */
static DdbCondition *
NewCondition(Parser *p, DdbConditionKind kind)
{
	DdbCondition *c = DdbAlloc(sizeof(DdbCondition));

	c->kind = kind;
	c->offset = Tok(p)->start;
	return c;
}

/* condition := disjunct { OR disjunct } */
static PNode
ParseOrNode(Parser *p)
{
	PNode		n = ParseAndNode(p);

	while (IsWord(p, "OR"))
	{
		DdbCondition *c = NewCondition(p, DDB_COND_OR);

		c->left = ToCondition(p, n);
		CountOperator(p);
		Advance(p);
		c->right = ToCondition(p, ParseAndNode(p));
		n.cond = c;
		n.operand = NULL;
	}
	return n;
}

/* disjunct := conjunct { AND conjunct } */
static PNode
ParseAndNode(Parser *p)
{
	PNode		n = ParseNotNode(p);

	while (IsWord(p, "AND"))
	{
		DdbCondition *c = NewCondition(p, DDB_COND_AND);

		c->left = ToCondition(p, n);
		CountOperator(p);
		Advance(p);
		c->right = ToCondition(p, ParseNotNode(p));
		n.cond = c;
		n.operand = NULL;
	}
	return n;
}

/* conjunct := NOT conjunct-primary | conjunct-primary (NOT NOT is an error) */
static PNode
ParseNotNode(Parser *p)
{
	if (IsWord(p, "NOT"))
	{
		DdbCondition *c = NewCondition(p, DDB_COND_NOT);
		PNode		n;

		CountOperator(p);
		Advance(p);
		c->left = ToCondition(p, ParseComparison(p));
		n.cond = c;
		n.operand = NULL;
		return n;
	}
	return ParseComparison(p);
}

/*
 * conjunct-primary without the leading NOT: a parenthesized condition, a
 * comparison, BETWEEN, IN, or a bare operand (a function call becomes a
 * condition in ToCondition).
 */
static PNode
ParseComparison(Parser *p)
{
	PNode		left = ParseTerm(p);
	const DdbToken *tok = Tok(p);
	DdbCondition *c;
	PtrArray	args = {0};

	if (left.cond != NULL)
		return left;

	switch (tok->type)
	{
		case DDB_TOK_EQ:
		case DDB_TOK_NE:
		case DDB_TOK_LT:
		case DDB_TOK_LE:
		case DDB_TOK_GT:
		case DDB_TOK_GE:
			c = NewCondition(p, DDB_COND_COMPARE);
			c->op = (tok->type == DDB_TOK_EQ) ? DDB_CMP_EQ :
				(tok->type == DDB_TOK_NE) ? DDB_CMP_NE :
				(tok->type == DDB_TOK_LT) ? DDB_CMP_LT :
				(tok->type == DDB_TOK_LE) ? DDB_CMP_LE :
				(tok->type == DDB_TOK_GT) ? DDB_CMP_GT : DDB_CMP_GE;
			CountOperator(p);
			Advance(p);
			PtrArrayAdd(&args, left.operand);
			PtrArrayAdd(&args, ParseOperand(p));
			break;
		default:
			if (IsWord(p, "BETWEEN"))
			{
				c = NewCondition(p, DDB_COND_BETWEEN);
				CountOperator(p);
				Advance(p);
				PtrArrayAdd(&args, left.operand);
				PtrArrayAdd(&args, ParseOperand(p));
				if (!IsWord(p, "AND"))
					DdbExprSyntaxError(&p->tl, p->pos, p->member);
				Advance(p);
				PtrArrayAdd(&args, ParseOperand(p));
			}
			else if (IsWord(p, "IN"))
			{
				c = NewCondition(p, DDB_COND_IN);
				CountOperator(p);
				Advance(p);
				Expect(p, DDB_TOK_LPAREN);
				PtrArrayAdd(&args, left.operand);
				for (;;)
				{
					PtrArrayAdd(&args, ParseOperand(p));
					if (Tok(p)->type != DDB_TOK_COMMA)
						break;
					Advance(p);
				}
				Expect(p, DDB_TOK_RPAREN);
				if (args.count - 1 > DDB_EXPR_MAX_IN_OPERANDS)
					DdbExprRaise(p->member,
								 "The IN operator is provided with too many operands; number of operands: %d",
								 args.count - 1);
			}
			else
				return left;
			break;
	}
	c->offset = left.operand->offset;
	c->args = (DdbOperand **) args.items;
	c->nargs = args.count;
	CheckMisusedArgs(p, c->args, c->nargs, DDB_FUNC_UNKNOWN);
	left.cond = c;
	left.operand = NULL;
	return left;
}

/* "(" condition-or-operand ")" | operand */
static PNode
ParseTerm(Parser *p)
{
	PNode		n;

	if (Tok(p)->type == DDB_TOK_LPAREN)
	{
		int		   *parens;

		EnterNesting(p);
		Advance(p);
		n = ParseOrNode(p);
		Expect(p, DDB_TOK_RPAREN);
		p->depth--;
		parens = n.cond ? &n.cond->parens : &n.operand->parens;
		if (*parens > 0)
			Record(&p->err_parens, "The expression has redundant parentheses;");
		(*parens)++;
		return n;
	}
	n.cond = NULL;
	n.operand = ParseOperand(p);
	return n;
}

/*
 * Make a condition of a node: a function call becomes a boolean function
 * (size() is recorded as misused); a path or value alone is a syntax error
 * on the token after it.
 */
static DdbCondition *
ToCondition(Parser *p, PNode n)
{
	DdbOperand *op = n.operand;
	DdbCondition *c;

	if (n.cond != NULL)
		return n.cond;
	if (op->kind != DDB_OPERAND_FUNCTION)
		DdbExprSyntaxError(&p->tl, p->pos, p->member);
	c = DdbAlloc(sizeof(DdbCondition));
	c->kind = DDB_COND_FUNCTION;
	c->offset = op->offset;
	c->parens = op->parens;
	c->func = op->func;
	c->func_name = op->func_name;
	c->func_name_len = op->func_name_len;
	c->args = op->args;
	c->nargs = op->nargs;
	if (op->func == DDB_FUNC_SIZE)
		Record(&p->err_misused_function,
			   "The function is not allowed to be used this way in an expression; function: size");
	return c;
}

/* Raise the recorded phase-1 error of highest priority, if any. */
static void
RaisePhase1(Parser *p)
{
	const char *order[5];
	int			n = 0;
	int			i;

	if (p->kind == KIND_CONDITION)
	{
		order[n++] = p->err_parens;
		order[n++] = p->err_unknown_function;
		order[n++] = p->err_misused_function;
		order[n++] = p->err_reserved;
	}
	else if (p->kind == KIND_UPDATE)
	{
		order[n++] = p->err_reserved;
		order[n++] = p->err_unknown_function;
		order[n++] = p->err_misused_function;
		order[n++] = p->err_section;
	}
	else
		order[n++] = p->err_reserved;
	for (i = 0; i < n; i++)
		if (order[i] != NULL)
			DdbExprRaise(p->member, "%s", order[i]);
}

/* Parse a condition or filter expression. */
DdbCondition *
DdbParseCondition(const char *text, size_t len, const char *member,
				  DdbExprContext *ctx)
{
	Parser		p;
	DdbCondition *cond;

	InitParser(&p, text, len, member, ctx, KIND_CONDITION);
	cond = ToCondition(&p, ParseOrNode(&p));
	if (Tok(&p)->type != DDB_TOK_EOF)
		DdbExprSyntaxError(&p.tl, p.pos, p.member);
	RaisePhase1(&p);
	CheckConditionTree(&p, cond);
	return cond;
}

/* Parse a KeyConditionExpression (checked further by DdbKeyConditionTerms). */
DdbCondition *
DdbParseKeyCondition(const char *text, size_t len, DdbExprContext *ctx)
{
	return DdbParseCondition(text, len, "KeyConditionExpression", ctx);
}

/*-------------------------------------------------------------------------
 * Phase 2: placeholders and operand checks
 *-------------------------------------------------------------------------
 */

/* Resolve the #placeholders of a path. */
static void
ResolvePath(Parser *p, DdbPath *path, CheckErrors *errs)
{
	int			i;

	for (i = 0; i < path->count; i++)
	{
		DdbPathElem *e = &path->elems[i];
		const char *name;
		size_t		name_len = 0;

		if (e->is_index || e->placeholder == NULL)
			continue;
		name = DdbExprLookupName(p->ctx, e->placeholder, e->placeholder_len,
								 &name_len);
		if (name == NULL)
			Record(&errs->attr,
				   DdbExprFormat("An expression attribute name used in the document path is not defined; attribute name: %.*s",
								 (int) e->placeholder_len, e->placeholder));
		else
		{
			e->name = name;
			e->name_len = name_len;
		}
	}
}

/* Resolve an operand's placeholders and check its functions (post-order). */
static void
VisitOperand(Parser *p, DdbOperand *op, CheckErrors *errs)
{
	int			i;

	switch (op->kind)
	{
		case DDB_OPERAND_PATH:
			ResolvePath(p, &op->path, errs);
			break;
		case DDB_OPERAND_VALUE:
			op->value = DdbExprLookupValue(p->ctx, op->placeholder,
										   op->placeholder_len);
			if (op->value == NULL)
				Record(errs->split_values ? &errs->attr_value : &errs->attr,
					   DdbExprFormat("An expression attribute value used in expression is not defined; attribute value: %.*s",
									 (int) op->placeholder_len, op->placeholder));
			break;
		case DDB_OPERAND_FUNCTION:
		case DDB_OPERAND_PLUS:
		case DDB_OPERAND_MINUS:
			for (i = 0; i < op->nargs; i++)
				VisitOperand(p, op->args[i], errs);
			if (p->kind == KIND_UPDATE)
				CheckUpdateFunction(op, errs);
			else
				CheckConditionFunction(op->func, op->args, op->nargs, NULL,
									   errs);
			break;
	}
}

/*
 * The type of an operand when known at parse time: a value's type, or the
 * result type of size() in conditions; NULL otherwise.
 */
static const char *
OperandType(const DdbOperand *op)
{
	if (op->kind == DDB_OPERAND_VALUE && op->value != NULL)
		return DdbTypeName(op->value->type);
	if (op->kind == DDB_OPERAND_FUNCTION && op->func == DDB_FUNC_SIZE)
		return "N";
	return NULL;
}

/* Two equal paths as first and second operand are an error. */
static void
CheckDistinct(CheckErrors *errs, const char *opname, const DdbOperand *a,
			  const DdbOperand *b)
{
	int			i;

	if (a->kind != DDB_OPERAND_PATH || b->kind != DDB_OPERAND_PATH ||
		a->path.count != b->path.count)
		return;
	for (i = 0; i < a->path.count; i++)
		if (!DdbPathElemEquals(&a->path.elems[i], &b->path.elems[i]))
			return;
	Record(&errs->distinct,
		   DdbExprFormat("The first operand must be distinct from the remaining operands for this operator or function; operator: %s, first operand: %s",
						 opname, DdbPathFormat(&a->path)));
}

/*
 * Operand count, distinctness and literal types of a condition function;
 * type_arg (if not NULL) receives attribute_type's type when valid.
 */
static void
CheckConditionFunction(DdbExprFunction func, DdbOperand **args, int nargs,
					   DdbValueType *type_arg, CheckErrors *errs)
{
	const char *name;
	int			expected;
	const char *t;
	int			i;

	switch (func)
	{
		case DDB_FUNC_ATTRIBUTE_EXISTS:
			name = "attribute_exists";
			expected = 1;
			break;
		case DDB_FUNC_ATTRIBUTE_NOT_EXISTS:
			name = "attribute_not_exists";
			expected = 1;
			break;
		case DDB_FUNC_ATTRIBUTE_TYPE:
			name = "attribute_type";
			expected = 2;
			break;
		case DDB_FUNC_BEGINS_WITH:
			name = "begins_with";
			expected = 2;
			break;
		case DDB_FUNC_CONTAINS:
			name = "contains";
			expected = 2;
			break;
		case DDB_FUNC_SIZE:
			name = "size";
			expected = 1;
			break;
		default:
			return;				/* unknown: reported in phase 1 */
	}
	if (nargs != expected)
	{
		Record(&errs->operand,
			   DdbExprFormat("Incorrect number of operands for operator or function; operator or function: %s, number of operands: %d",
							 name, nargs));
		return;
	}
	if (nargs == 2)
		CheckDistinct(errs, name, args[0], args[1]);

	switch (func)
	{
		case DDB_FUNC_ATTRIBUTE_EXISTS:
		case DDB_FUNC_ATTRIBUTE_NOT_EXISTS:
			if (args[0]->kind != DDB_OPERAND_PATH)
				Record(&errs->function,
					   DdbExprFormat("Operator or function requires a document path; operator or function: %s",
									 name));
			break;
		case DDB_FUNC_BEGINS_WITH:
			for (i = 0; i < nargs; i++)
			{
				t = OperandType(args[i]);
				if (t != NULL && strcmp(t, "S") != 0 && strcmp(t, "B") != 0)
				{
					Record(&errs->function,
						   DdbExprFormat("Incorrect operand type for operator or function; operator or function: %s, operand type: %s",
										 name, t));
					break;
				}
			}
			break;
		case DDB_FUNC_ATTRIBUTE_TYPE:
			t = OperandType(args[1]);
			if (t == NULL || strcmp(t, "S") != 0)
				Record(&errs->function,
					   DdbExprFormat("Incorrect operand type for operator or function; operator or function: %s, operand type: %s",
									 name, t ? t : "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"));
			else
			{
				const DdbValue *v = args[1]->value;
				DdbValueType type;

				if (!DdbTypeFromName(v->u.str.data, v->u.str.len, &type))
					Record(&errs->function,
						   DdbExprFormat("Invalid attribute type name found; type: %.*s, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
										 (int) v->u.str.len, v->u.str.data));
				else if (type_arg != NULL)
					*type_arg = type;
			}
			break;
		case DDB_FUNC_SIZE:
			t = OperandType(args[0]);
			if (t != NULL && (strcmp(t, "N") == 0 || strcmp(t, "BOOL") == 0 ||
							  strcmp(t, "NULL") == 0))
				Record(&errs->function,
					   DdbExprFormat("Incorrect operand type for operator or function; operator or function: %s, operand type: %s",
									 name, t));
			break;
		default:
			break;
	}
}

/* Operand count and literal types of an update function, +, or -. */
static void
CheckUpdateFunction(DdbOperand *op, CheckErrors *errs)
{
	const char *name;
	const char *required = NULL;
	int			i;

	switch (op->kind)
	{
		case DDB_OPERAND_PLUS:
			name = "+";
			required = "N";
			break;
		case DDB_OPERAND_MINUS:
			name = "-";
			required = "N";
			break;
		default:
			if (op->func == DDB_FUNC_IF_NOT_EXISTS)
				name = "if_not_exists";
			else if (op->func == DDB_FUNC_LIST_APPEND)
			{
				name = "list_append";
				required = "L";
			}
			else
				return;			/* unknown: reported in phase 1 */
			break;
	}
	if (op->nargs != 2)
	{
		Record(&errs->function,
			   DdbExprFormat("Incorrect number of operands for operator or function; operator or function: %s, number of operands: %d",
							 name, op->nargs));
		return;
	}
	if (op->kind == DDB_OPERAND_FUNCTION && op->func == DDB_FUNC_IF_NOT_EXISTS)
	{
		if (op->args[0]->kind != DDB_OPERAND_PATH)
			Record(&errs->function,
				   "Operator or function requires a document path; operator or function: if_not_exists");
		return;
	}
	for (i = 0; i < op->nargs; i++)
	{
		const DdbOperand *a = op->args[i];
		const char *t;

		if (a->kind != DDB_OPERAND_VALUE || a->value == NULL)
			continue;
		t = DdbTypeName(a->value->type);
		if (strcmp(t, required) != 0)
		{
			Record(&errs->function,
				   DdbExprFormat("Incorrect operand type for operator or function; operator or function: %s, operand type: %s",
								 name, t));
			return;
		}
	}
}

/* Literal BETWEEN bounds must have one type and be in order. */
static void
CheckBetweenBounds(const DdbOperand *lo, const DdbOperand *hi,
				   CheckErrors *errs)
{
	const DdbValue *a;
	const DdbValue *b;
	const char *problem;

	if (lo->kind != DDB_OPERAND_VALUE || hi->kind != DDB_OPERAND_VALUE ||
		lo->value == NULL || hi->value == NULL)
		return;
	a = lo->value;
	b = hi->value;
	if (a->type != b->type)
		problem = "requires same data type for lower and upper bounds";
	else if ((a->type == DDB_TYPE_S || a->type == DDB_TYPE_N ||
			  a->type == DDB_TYPE_B) && DdbScalarCompare(a, b) > 0)
		problem = "requires upper bound to be greater than or equal to lower bound";
	else
		return;
	Record(&errs->function,
		   DdbExprFormat("The BETWEEN operator %s; lower bound operand: AttributeValue: {%s:%s}, upper bound operand: AttributeValue: {%s:%s}",
						 problem, DdbTypeName(a->type), DdbExprValueBrief(a),
						 DdbTypeName(b->type), DdbExprValueBrief(b)));
}

/* The service's spelling of a comparator. */
static const char *
CompareOpName(DdbCompareOp op)
{
	switch (op)
	{
		case DDB_CMP_EQ:
			return "=";
		case DDB_CMP_NE:
			return "<>";
		case DDB_CMP_LT:
			return "<";
		case DDB_CMP_LE:
			return "<=";
		case DDB_CMP_GT:
			return ">";
		case DDB_CMP_GE:
			return ">=";
	}
	return "=";
}

/*
 * Check one simple condition: resolve its operands, then judge its errors
 * by priority (undefined placeholder, operand count, distinct operands,
 * operand types and BETWEEN bounds).
 */
static void
CheckLeaf(Parser *p, DdbCondition *c)
{
	CheckErrors errs;
	int			i;

	memset(&errs, 0, sizeof(errs));
	for (i = 0; i < c->nargs; i++)
		VisitOperand(p, c->args[i], &errs);
	switch (c->kind)
	{
		case DDB_COND_COMPARE:
			CheckDistinct(&errs, CompareOpName(c->op), c->args[0], c->args[1]);
			break;
		case DDB_COND_BETWEEN:
			CheckBetweenBounds(c->args[1], c->args[2], &errs);
			break;
		case DDB_COND_FUNCTION:
			CheckConditionFunction(c->func, c->args, c->nargs, &c->type_arg,
								   &errs);
			break;
		default:
			break;
	}
	if (errs.attr)
		DdbExprRaise(p->member, "%s", errs.attr);
	if (errs.operand)
		DdbExprRaise(p->member, "%s", errs.operand);
	if (errs.distinct)
		DdbExprRaise(p->member, "%s", errs.distinct);
	if (errs.function)
		DdbExprRaise(p->member, "%s", errs.function);
}

/* Check every simple condition in text order. */
static void
CheckConditionTree(Parser *p, DdbCondition *c)
{
	switch (c->kind)
	{
		case DDB_COND_OR:
		case DDB_COND_AND:
			CheckConditionTree(p, c->left);
			CheckConditionTree(p, c->right);
			break;
		case DDB_COND_NOT:
			CheckConditionTree(p, c->left);
			break;
		default:
			CheckLeaf(p, c);
			break;
	}
}

/*
 * Update and projection paths may neither overlap (one a prefix of the
 * other) nor conflict (a prefix used both as a map and as a list).  The
 * first overlap wins over any conflict.
 */
static void
CheckPathOverlaps(Parser *p, const DdbPath *const *paths, int n)
{
	const char *conflict = NULL;
	int			i;
	int			j;

	for (j = 1; j < n; j++)
	{
		for (i = 0; i < j; i++)
		{
			const DdbPath *a = paths[i];
			const DdbPath *b = paths[j];
			int			len = (a->count < b->count) ? a->count : b->count;
			int			k;
			bool		differ = false;

			for (k = 0; k < len && !differ; k++)
			{
				if (a->elems[k].is_index != b->elems[k].is_index)
				{
					if (conflict == NULL)
						conflict = DdbExprFormat("Two document paths conflict with each other; must remove or rewrite one of these paths; path one: %s, path two: %s",
												 DdbPathFormat(a), DdbPathFormat(b));
					differ = true;
				}
				else if (!DdbPathElemEquals(&a->elems[k], &b->elems[k]))
					differ = true;
			}
			if (!differ)
				DdbExprRaise(p->member,
							 "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: %s, path two: %s",
							 DdbPathFormat(a), DdbPathFormat(b));
		}
	}
	if (conflict != NULL)
		DdbExprRaise(p->member, "%s", conflict);
}

/*-------------------------------------------------------------------------
 * Update expressions
 *-------------------------------------------------------------------------
 */

/*
 * set-value := operand [ ("+" | "-") operand ] | "(" set-value ")".
 * A parenthesized operand may still be followed by "+" or "-".
 */
static DdbOperand *
ParseSetValue(Parser *p)
{
	DdbOperand *left;
	DdbOperand *op;
	const DdbToken *tok;

	if (Tok(p)->type == DDB_TOK_LPAREN)
	{
		EnterNesting(p);
		Advance(p);
		left = ParseSetValue(p);
		Expect(p, DDB_TOK_RPAREN);
		p->depth--;
		left->parens++;
		if (left->kind == DDB_OPERAND_PLUS || left->kind == DDB_OPERAND_MINUS)
			return left;
	}
	else
		left = ParseOperand(p);

	tok = Tok(p);
	if (tok->type != DDB_TOK_PLUS && tok->type != DDB_TOK_MINUS)
		return left;
	op = NewOperand(p, tok->type == DDB_TOK_PLUS ? DDB_OPERAND_PLUS : DDB_OPERAND_MINUS);
	op->offset = left->offset;
	CountOperator(p);
	Advance(p);
	op->args = DdbAlloc(sizeof(DdbOperand *) * 2);
	op->args[0] = left;
	op->args[1] = ParseOperand(p);
	op->nargs = 2;
	return op;
}

/* Parse an UpdateExpression. */
DdbUpdate *
DdbParseUpdate(const char *text, size_t len, DdbExprContext *ctx)
{
	static const char *const sections[] = {"SET", "REMOVE", "ADD", "DELETE"};
	Parser		p;
	DdbUpdate  *update = DdbAlloc(sizeof(DdbUpdate));
	int			cap = 8;
	bool		seen[4] = {false, false, false, false};
	CheckErrors errs;
	const DdbPath **paths;
	int			i;

	InitParser(&p, text, len, "UpdateExpression", ctx, KIND_UPDATE);
	update->actions = DdbAlloc(sizeof(DdbUpdateAction) * (size_t) cap);

	if (Tok(&p)->type == DDB_TOK_EOF)
		DdbExprSyntaxError(&p.tl, p.pos, p.member);
	while (Tok(&p)->type != DDB_TOK_EOF)
	{
		int			s;

		for (s = 0; s < 4; s++)
			if (IsWord(&p, sections[s]))
				break;
		if (s == 4)
			DdbExprSyntaxError(&p.tl, p.pos, p.member);
		if (seen[s])
			Record(&p.err_section,
				   DdbExprFormat("The \"%s\" section can only be used once in an update expression;",
								 sections[s]));
		seen[s] = true;
		Advance(&p);

		for (;;)
		{
			DdbUpdateAction *a;

			if (update->count == cap)
			{
				update->actions = DdbRealloc(update->actions,
											 sizeof(DdbUpdateAction) * (size_t) cap,
											 sizeof(DdbUpdateAction) * (size_t) cap * 2);
				cap *= 2;
			}
			a = &update->actions[update->count++];
			memset(a, 0, sizeof(DdbUpdateAction));
			a->kind = (DdbUpdateActionKind) s;
			ParsePath(&p, &a->path);
			if (a->kind == DDB_UPDATE_SET)
			{
				Expect(&p, DDB_TOK_EQ);
				a->value = ParseSetValue(&p);
			}
			else if (a->kind != DDB_UPDATE_REMOVE)
			{
				if (Tok(&p)->type != DDB_TOK_VALUE)
					DdbExprSyntaxError(&p.tl, p.pos, p.member);
				a->value = ParseOperand(&p);
			}
			if (Tok(&p)->type != DDB_TOK_COMMA)
				break;
			Advance(&p);
		}
	}
	RaisePhase1(&p);

	/* phase 2: names, then values, over the whole expression */
	memset(&errs, 0, sizeof(errs));
	errs.split_values = true;
	for (i = 0; i < update->count; i++)
	{
		ResolvePath(&p, &update->actions[i].path, &errs);
		if (update->actions[i].value != NULL)
			VisitOperand(&p, update->actions[i].value, &errs);
	}
	if (errs.attr)
		DdbExprRaise(p.member, "%s", errs.attr);
	if (errs.attr_value)
		DdbExprRaise(p.member, "%s", errs.attr_value);

	paths = DdbAlloc(sizeof(DdbPath *) * (size_t) update->count);
	for (i = 0; i < update->count; i++)
		paths[i] = &update->actions[i].path;
	CheckPathOverlaps(&p, paths, update->count);

	/* ADD takes a number or a set, DELETE a set */
	for (i = 0; i < update->count; i++)
	{
		const DdbUpdateAction *a = &update->actions[i];
		const char *word = NULL;

		if (a->kind != DDB_UPDATE_ADD && a->kind != DDB_UPDATE_DELETE)
			continue;
		switch (a->value->value->type)
		{
			case DDB_TYPE_S:
				word = "STRING";
				break;
			case DDB_TYPE_N:
				word = (a->kind == DDB_UPDATE_ADD) ? NULL : "NUMBER";
				break;
			case DDB_TYPE_B:
				word = "BINARY";
				break;
			case DDB_TYPE_BOOL:
				word = "BOOLEAN";
				break;
			case DDB_TYPE_NULL:
				word = "NULL";
				break;
			case DDB_TYPE_L:
				word = "LIST";
				break;
			case DDB_TYPE_M:
				word = "MAP";
				break;
			default:
				break;
		}
		if (word != NULL)
			DdbExprRaise(p.member,
						 "Incorrect operand type for operator or function; operator: %s, operand type: %s",
						 a->kind == DDB_UPDATE_ADD ? "ADD" : "DELETE", word);
	}
	if (errs.function)
		DdbExprRaise(p.member, "%s", errs.function);
	return update;
}

/*-------------------------------------------------------------------------
 * Projection expressions
 *-------------------------------------------------------------------------
 */

/* Parse a ProjectionExpression: path { "," path }. */
DdbProjection *
DdbParseProjection(const char *text, size_t len, DdbExprContext *ctx)
{
	Parser		p;
	DdbProjection *proj = DdbAlloc(sizeof(DdbProjection));
	int			cap = 8;
	CheckErrors errs;
	const DdbPath **paths;
	int			i;

	InitParser(&p, text, len, "ProjectionExpression", ctx, KIND_PROJECTION);
	proj->paths = DdbAlloc(sizeof(DdbPath) * (size_t) cap);
	for (;;)
	{
		if (proj->count == cap)
		{
			proj->paths = DdbRealloc(proj->paths, sizeof(DdbPath) * (size_t) cap,
									 sizeof(DdbPath) * (size_t) cap * 2);
			cap *= 2;
		}
		ParsePath(&p, &proj->paths[proj->count++]);
		if (Tok(&p)->type != DDB_TOK_COMMA)
			break;
		Advance(&p);
	}
	if (Tok(&p)->type != DDB_TOK_EOF)
		DdbExprSyntaxError(&p.tl, p.pos, p.member);
	RaisePhase1(&p);

	memset(&errs, 0, sizeof(errs));
	for (i = 0; i < proj->count; i++)
		ResolvePath(&p, &proj->paths[i], &errs);
	if (errs.attr)
		DdbExprRaise(p.member, "%s", errs.attr);

	paths = DdbAlloc(sizeof(DdbPath *) * (size_t) proj->count);
	for (i = 0; i < proj->count; i++)
		paths[i] = &proj->paths[i];
	CheckPathOverlaps(&p, paths, proj->count);
	return proj;
}
