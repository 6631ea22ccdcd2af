/*-------------------------------------------------------------------------
 *
 * ddb_expr_int.h
 *	  Declarations shared by the files of the expression module only:
 *	  tokens, the placeholder context, message helpers and the builder that
 *	  turns (path, value) pairs back into nested maps and lists.
 *
 * Nothing outside src/ddb_expr_*.c includes this header; the public API is
 * ddb_expr.h.
 *
 * IDENTIFICATION
 *	  src/ddb_expr_int.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_EXPR_INT_H
#define DDB_EXPR_INT_H

#include "ddb_expr.h"

/* Token types produced by DdbExprTokenize */
typedef enum DdbTokenType
{
	DDB_TOK_EOF,
	DDB_TOK_IDENT,				/* [A-Za-z_][A-Za-z0-9_]* (keywords too) */
	DDB_TOK_NAME,				/* #[A-Za-z0-9_]+ */
	DDB_TOK_VALUE,				/* :[A-Za-z0-9_]+ */
	DDB_TOK_NUMBER,				/* [0-9]+ */
	DDB_TOK_EQ,
	DDB_TOK_NE,
	DDB_TOK_LT,
	DDB_TOK_LE,
	DDB_TOK_GT,
	DDB_TOK_GE,
	DDB_TOK_LPAREN,
	DDB_TOK_RPAREN,
	DDB_TOK_LBRACKET,
	DDB_TOK_RBRACKET,
	DDB_TOK_COMMA,
	DDB_TOK_DOT,
	DDB_TOK_PLUS,
	DDB_TOK_MINUS,
	DDB_TOK_OTHER				/* any other character (one UTF-8 sequence) */
} DdbTokenType;

typedef struct DdbToken
{
	DdbTokenType type;
	int			start;			/* byte offset */
	int			len;
} DdbToken;

typedef struct DdbTokenList
{
	const char *text;
	int			text_len;
	DdbToken   *tokens;			/* the last one is DDB_TOK_EOF */
	int			count;
} DdbTokenList;

/* ddb_expr_lex.c */
extern void DdbExprTokenize(const char *text, int len, DdbTokenList *out);
extern bool DdbExprIsReserved(const char *word, size_t len);
extern bool DdbExprTokenIsWord(const DdbTokenList *tl, int i, const char *word);
extern void DdbExprSyntaxError(const DdbTokenList *tl, int i,
							   const char *member) DDB_NORETURN;
extern void DdbExprRaise(const char *member, const char *fmt,...)
			DDB_NORETURN DDB_PRINTF(2, 3);
extern char *DdbExprFormat(const char *fmt,...) DDB_PRINTF(1, 2);
extern char *DdbExprValueBrief(const DdbValue *value);

/* ddb_expr_context.c */
extern const char *DdbExprLookupName(DdbExprContext *ctx, const char *key,
									 size_t key_len, size_t *name_len);
extern const DdbValue *DdbExprLookupValue(DdbExprContext *ctx,
										  const char *key, size_t key_len);

/* ddb_expr_eval.c: building nested values from (path, value) pairs */
typedef struct DdbPathBuilder DdbPathBuilder;

extern DdbPathBuilder *DdbPathBuilderCreate(void);
extern void DdbPathBuilderAdd(DdbPathBuilder *builder, const DdbPath *path,
							  const DdbValue *value);
extern DdbValue *DdbPathBuilderFinish(DdbPathBuilder *builder);

/* Shared helpers */
extern bool DdbPathElemEquals(const DdbPathElem *a, const DdbPathElem *b);

#endif							/* DDB_EXPR_INT_H */
