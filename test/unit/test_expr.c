/*-------------------------------------------------------------------------
 *
 * test_expr.c
 *	  Unit tests of the expression module (src/ddb_expr*.c), built without
 *	  PostgreSQL against test/unit/ddb_core_standalone.c.
 *
 * Values are written in DynamoDB's JSON with single quotes, e.g.
 * "{'a':{'N':'1'},'l':{'L':[{'S':'x'}]}}"; a tiny reader and writer for
 * that notation live at the top of this file.  Every case compares an
 * exact string: the error message, or the result written back in the same
 * notation (map members in order, sets in order).
 *
 * Coverage: the mistakes of expressions.md section 10 that this module
 * reports (the others, #8, #9, #12-#15 and #40, are request-level checks
 * made before any expression is parsed), the check order of section 9,
 * every operator and function, update semantics, projections and key
 * conditions, and the limits of section 8.
 *
 * The program prints one line per failure and ends with
 * "N passed, N failed"; it exits non-zero if any case failed.
 *
 * IDENTIFICATION
 *	  test/unit/test_expr.c
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb_core_standalone.h"
#include "ddb_expr.h"

static int	passed = 0;
static int	failed = 0;

/*-------------------------------------------------------------------------
 * A small reader for single-quoted DynamoDB JSON
 *-------------------------------------------------------------------------
 */
typedef struct JNode JNode;

struct JNode
{
	char		type;			/* 'o' object, 'a' array, 's' string, 't', 'f' */
	char	   *str;
	size_t		len;
	char	  **keys;
	size_t	   *key_lens;
	JNode	  **kids;
	int			n;
};

static const char *jp;

static void JSkip(void);
static JNode *JParse(void);
static char *JString(size_t *len);
static DdbValue *JValue(const JNode *node);
static DdbValue *Val(const char *text);
static void Fail(const char *what);
static void Serialize(DdbBuf *buf, const DdbValue *v);
static char *Ser(const DdbValue *v);

/* Abort the test program on malformed test notation. */
static void
Fail(const char *what)
{
	fprintf(stderr, "bad test notation (%s) at: %s\n", what, jp);
	exit(2);
}

/* Skip whitespace. */
static void
JSkip(void)
{
	while (*jp == ' ' || *jp == '\n' || *jp == '\t')
		jp++;
}

/* A quoted string ('...' or "..."), with backslash escapes. */
static char *
JString(size_t *len)
{
	char		quote = *jp++;
	DdbBuf		buf;

	DdbBufInit(&buf);
	while (*jp != quote)
	{
		if (*jp == '\0')
			Fail("unterminated string");
		if (*jp == '\\' && jp[1] != '\0')
			jp++;
		DdbBufAppendChar(&buf, *jp++);
	}
	jp++;
	*len = buf.len;
	return buf.data;
}

/* Parse one JSON value. */
static JNode *
JParse(void)
{
	JNode	   *node = DdbAlloc(sizeof(JNode));
	int			cap = 0;

	JSkip();
	if (*jp == '{' || *jp == '[')
	{
		char		close = (*jp == '{') ? '}' : ']';

		node->type = (*jp == '{') ? 'o' : 'a';
		jp++;
		JSkip();
		while (*jp != close)
		{
			if (node->n == cap)
			{
				int			newcap = cap ? cap * 2 : 4;

				node->kids = DdbRealloc(node->kids, sizeof(JNode *) * cap, sizeof(JNode *) * newcap);
				node->keys = DdbRealloc(node->keys, sizeof(char *) * cap, sizeof(char *) * newcap);
				node->key_lens = DdbRealloc(node->key_lens, sizeof(size_t) * cap, sizeof(size_t) * newcap);
				cap = newcap;
			}
			if (node->type == 'o')
			{
				JSkip();
				if (*jp != '\'' && *jp != '"')
					Fail("key");
				node->keys[node->n] = JString(&node->key_lens[node->n]);
				JSkip();
				if (*jp++ != ':')
					Fail("colon");
			}
			node->kids[node->n++] = JParse();
			JSkip();
			if (*jp == ',')
				jp++;
			JSkip();
		}
		jp++;
	}
	else if (*jp == '\'' || *jp == '"')
	{
		node->type = 's';
		node->str = JString(&node->len);
	}
	else if (strncmp(jp, "true", 4) == 0)
	{
		node->type = 't';
		jp += 4;
	}
	else if (strncmp(jp, "false", 5) == 0)
	{
		node->type = 'f';
		jp += 5;
	}
	else
		Fail("value");
	return node;
}

/* Decode base64 (test data only). */
static char *
Base64Decode(const char *s, size_t len, size_t *out_len)
{
	char	   *out = DdbAlloc(len + 1);
	size_t		n = 0;
	unsigned int acc = 0;
	int			bits = 0;
	size_t		i;

	for (i = 0; i < len; i++)
	{
		const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		const char *p = strchr(alphabet, s[i]);

		if (s[i] == '=' || p == NULL)
			break;
		acc = (acc << 6) | (unsigned int) (p - alphabet);
		bits += 6;
		if (bits >= 8)
		{
			bits -= 8;
			out[n++] = (char) ((acc >> bits) & 0xFF);
		}
	}
	*out_len = n;
	return out;
}

/* An AttributeValue from a parsed {"T": ...} object. */
static DdbValue *
JValue(const JNode *node)
{
	const char *t;
	const JNode *x;
	int			i;

	if (node->type != 'o' || node->n != 1)
		Fail("attribute value");
	t = node->keys[0];
	x = node->kids[0];
	if (strcmp(t, "S") == 0)
		return DdbMakeString(x->str, x->len);
	if (strcmp(t, "N") == 0)
		return DdbNumberParse(x->str, x->len);
	if (strcmp(t, "B") == 0)
	{
		size_t		n;
		char	   *bytes = Base64Decode(x->str, x->len, &n);

		return DdbMakeBinary(bytes, n);
	}
	if (strcmp(t, "BOOL") == 0)
		return DdbMakeBool(x->type == 't');
	if (strcmp(t, "NULL") == 0)
		return DdbMakeNull();
	if (strcmp(t, "M") == 0)
	{
		DdbMapEntry *entries = DdbAlloc(sizeof(DdbMapEntry) * (x->n + 1));

		for (i = 0; i < x->n; i++)
		{
			entries[i].name = x->keys[i];
			entries[i].name_len = x->key_lens[i];
			entries[i].value = JValue(x->kids[i]);
		}
		return DdbMakeMap(entries, x->n);
	}
	if (strcmp(t, "L") == 0)
	{
		DdbValue  **elems = DdbAlloc(sizeof(DdbValue *) * (x->n + 1));

		for (i = 0; i < x->n; i++)
			elems[i] = JValue(x->kids[i]);
		return DdbMakeList(elems, x->n);
	}
	if (strcmp(t, "SS") == 0 || strcmp(t, "NS") == 0 || strcmp(t, "BS") == 0)
	{
		DdbValue  **elems = DdbAlloc(sizeof(DdbValue *) * (x->n + 1));
		DdbValueType st = (t[0] == 'S') ? DDB_TYPE_SS : (t[0] == 'N') ? DDB_TYPE_NS : DDB_TYPE_BS;

		for (i = 0; i < x->n; i++)
		{
			const JNode *e = x->kids[i];

			if (t[0] == 'S')
				elems[i] = DdbMakeString(e->str, e->len);
			else if (t[0] == 'N')
				elems[i] = DdbNumberParse(e->str, e->len);
			else
			{
				size_t		n;
				char	   *bytes = Base64Decode(e->str, e->len, &n);

				elems[i] = DdbMakeBinary(bytes, n);
			}
		}
		return DdbMakeSet(st, elems, x->n);
	}
	Fail("type");
	return NULL;
}

/* A value from notation: "{'S':'x'}", or an item "{'a':{'N':'1'}}" with Item(). */
static DdbValue *
Val(const char *text)
{
	jp = text;
	return JValue(JParse());
}

/* An item (a map of attribute values) from notation; NULL stays NULL. */
static DdbValue *
Item(const char *text)
{
	JNode	   *node;
	DdbMapEntry *entries;
	int			i;

	if (text == NULL)
		return NULL;
	jp = text;
	node = JParse();
	if (node->type != 'o')
		Fail("item");
	entries = DdbAlloc(sizeof(DdbMapEntry) * (node->n + 1));
	for (i = 0; i < node->n; i++)
	{
		entries[i].name = node->keys[i];
		entries[i].name_len = node->key_lens[i];
		entries[i].value = JValue(node->kids[i]);
	}
	return DdbMakeMap(entries, node->n);
}

/* A context from names "{'#a':'a'}" and values "{':v':{'N':'1'}}" (either NULL). */
static DdbExprContext *
Ctx(const char *names, const char *values)
{
	DdbExprContext *ctx = DdbExprContextCreate();
	JNode	   *node;
	int			i;

	if (names != NULL)
	{
		jp = names;
		node = JParse();
		for (i = 0; i < node->n; i++)
			DdbExprContextAddName(ctx, node->keys[i], node->key_lens[i],
								  node->kids[i]->str, node->kids[i]->len);
	}
	if (values != NULL)
	{
		jp = values;
		node = JParse();
		for (i = 0; i < node->n; i++)
			DdbExprContextAddValue(ctx, node->keys[i], node->key_lens[i],
								   JValue(node->kids[i]));
	}
	return ctx;
}

/* Write a value back in the notation. */
static void
Serialize(DdbBuf *buf, const DdbValue *v)
{
	size_t		i;

	switch (v->type)
	{
		case DDB_TYPE_S:
			DdbBufAppendStr(buf, "{'S':'");
			DdbBufAppend(buf, v->u.str.data, v->u.str.len);
			DdbBufAppendStr(buf, "'}");
			break;
		case DDB_TYPE_N:
			DdbBufAppendStr(buf, "{'N':'");
			DdbBufAppend(buf, v->u.str.data, v->u.str.len);
			DdbBufAppendStr(buf, "'}");
			break;
		case DDB_TYPE_B:
			DdbBufAppendStr(buf, "{'B':'");
			for (i = 0; i < v->u.str.len; i++)
				DdbBufAppendf(buf, "%02x", (unsigned char) v->u.str.data[i]);
			DdbBufAppendStr(buf, "'}");
			break;
		case DDB_TYPE_BOOL:
			DdbBufAppendStr(buf, v->u.boolean ? "{'BOOL':true}" : "{'BOOL':false}");
			break;
		case DDB_TYPE_NULL:
			DdbBufAppendStr(buf, "{'NULL':true}");
			break;
		case DDB_TYPE_M:
			DdbBufAppendStr(buf, "{'M':");
			DdbBufAppendChar(buf, '{');
			for (i = 0; i < v->u.map.count; i++)
			{
				if (i > 0)
					DdbBufAppendChar(buf, ',');
				DdbBufAppendChar(buf, '\'');
				DdbBufAppend(buf, v->u.map.entries[i].name, v->u.map.entries[i].name_len);
				DdbBufAppendStr(buf, "':");
				Serialize(buf, v->u.map.entries[i].value);
			}
			DdbBufAppendStr(buf, "}}");
			break;
		case DDB_TYPE_L:
		case DDB_TYPE_SS:
		case DDB_TYPE_NS:
		case DDB_TYPE_BS:
			DdbBufAppendf(buf, "{'%s':[", DdbTypeName(v->type));
			for (i = 0; i < v->u.list.count; i++)
			{
				const DdbValue *e = v->u.list.elems[i];

				if (i > 0)
					DdbBufAppendChar(buf, ',');
				if (v->type == DDB_TYPE_L)
					Serialize(buf, e);
				else if (v->type == DDB_TYPE_BS)
				{
					size_t		k;

					DdbBufAppendChar(buf, '\'');
					for (k = 0; k < e->u.str.len; k++)
						DdbBufAppendf(buf, "%02x", (unsigned char) e->u.str.data[k]);
					DdbBufAppendChar(buf, '\'');
				}
				else
				{
					DdbBufAppendChar(buf, '\'');
					DdbBufAppend(buf, e->u.str.data, e->u.str.len);
					DdbBufAppendChar(buf, '\'');
				}
			}
			DdbBufAppendStr(buf, "]}");
			break;
	}
}

/* An item written as "{'a':{...},...}" (the M wrapper left out). */
static char *
Ser(const DdbValue *v)
{
	DdbBuf		buf;
	size_t		i;

	DdbBufInit(&buf);
	if (v == NULL)
		return "(null)";
	if (v->type != DDB_TYPE_M)
	{
		Serialize(&buf, v);
		return buf.data;
	}
	DdbBufAppendChar(&buf, '{');
	for (i = 0; i < v->u.map.count; i++)
	{
		if (i > 0)
			DdbBufAppendChar(&buf, ',');
		DdbBufAppendChar(&buf, '\'');
		DdbBufAppend(&buf, v->u.map.entries[i].name, v->u.map.entries[i].name_len);
		DdbBufAppendStr(&buf, "':");
		Serialize(&buf, v->u.map.entries[i].value);
	}
	DdbBufAppendChar(&buf, '}');
	return buf.data;
}

/*-------------------------------------------------------------------------
 * The harness
 *-------------------------------------------------------------------------
 */

/* Compare a result with the expectation and count it. */
static void
Check(const char *label, const char *got, const char *expected)
{
	if (strcmp(got, expected) == 0)
		passed++;
	else
	{
		failed++;
		printf("FAIL: %.200s\n  expected: %.2000s\n  got:      %.2000s\n",
			   label, expected, got);
	}
}

/* The text of the exception just raised, as a result string. */
static void
ErrorText(char *out, size_t size)
{
	if (ddb_last_exception == DDB_EXC_ValidationException)
		snprintf(out, size, "%s", ddb_last_message);
	else
		snprintf(out, size, "%s: %s", DdbExceptionName(ddb_last_exception),
				 ddb_last_message);
}

#define RESULT_SIZE 16384

/*
 * Parse a condition (member: "ConditionExpression", ...), check unused
 * placeholders, evaluate on item: "true", "false" or the error message.
 */
static void
TestCondM(const char *member, const char *expr, const char *names,
		  const char *values, const char *item, const char *expected)
{
	static char result[RESULT_SIZE];
	bool		ok;

	DDB_TRY(ok)
	{
		DdbExprContext *ctx = Ctx(names, values);
		DdbCondition *c = DdbParseCondition(expr, strlen(expr), member, ctx);

		DdbExprCheckUnused(ctx);
		snprintf(result, sizeof(result), "%s",
				 DdbEvalCondition(c, Item(item)) ? "true" : "false");
	}
	if (!ok)
		ErrorText(result, sizeof(result));
	Check(expr, result, expected);
	DdbArenaReset();
}

/* TestCondM for a ConditionExpression. */
static void
TestCond(const char *expr, const char *names, const char *values,
		 const char *item, const char *expected)
{
	TestCondM("ConditionExpression", expr, names, values, item, expected);
}

/*
 * Parse and apply an update to item (NULL: no item, key as the start):
 * the new item, or the error.  With return_values also the UPDATED_OLD,
 * UPDATED_NEW and touched attributes.
 */
static void
TestUpdateFull(const char *expr, const char *names, const char *values,
			   const char *item, const char *key, bool return_values,
			   const char *expected)
{
	static char result[RESULT_SIZE];
	bool		ok;

	DDB_TRY(ok)
	{
		DdbExprContext *ctx = Ctx(names, values);
		DdbUpdate  *u = DdbParseUpdate(expr, strlen(expr), ctx);
		DdbUpdateResult *r;

		DdbExprCheckUnused(ctx);
		r = DdbUpdateApply(u, Item(item), Item(key));
		if (return_values)
		{
			DdbBuf		buf;
			int			i;

			DdbBufInit(&buf);
			DdbBufAppendf(&buf, "old=%s new=%s touched=", Ser(r->updated_old),
						  Ser(r->updated_new));
			for (i = 0; i < r->ntouched; i++)
				DdbBufAppendf(&buf, "%s%.*s", i ? "," : "",
							  (int) r->touched_lens[i], r->touched[i]);
			snprintf(result, sizeof(result), "%s", buf.data);
		}
		else
			snprintf(result, sizeof(result), "%s", Ser(r->item));
	}
	if (!ok)
		ErrorText(result, sizeof(result));
	Check(expr, result, expected);
	DdbArenaReset();
}

/* An update on an existing item (or none): the new item or the error. */
static void
TestUpdate(const char *expr, const char *names, const char *values,
		   const char *item, const char *expected)
{
	TestUpdateFull(expr, names, values, item, NULL, false, expected);
}

/* Parse an update and check its key attributes (pk, sk; index key gk). */
static void
TestUpdateKeys(const char *expr, const char *names, const char *values,
			   const char *expected)
{
	static char result[RESULT_SIZE];
	static const char *const table_keys[] = {"pk", "sk"};
	static const char *const index_keys[] = {"gk"};
	bool		ok;

	DDB_TRY(ok)
	{
		DdbExprContext *ctx = Ctx(names, values);
		DdbUpdate  *u = DdbParseUpdate(expr, strlen(expr), ctx);

		DdbUpdateCheckKeys(u, table_keys, 2, index_keys, 1);
		snprintf(result, sizeof(result), "ok");
	}
	if (!ok)
		ErrorText(result, sizeof(result));
	Check(expr, result, expected);
	DdbArenaReset();
}

/* Parse a projection and apply it: the projected item or the error. */
static void
TestProj(const char *expr, const char *names, const char *item,
		 const char *expected)
{
	static char result[RESULT_SIZE];
	bool		ok;

	DDB_TRY(ok)
	{
		DdbExprContext *ctx = Ctx(names, NULL);
		DdbProjection *p = DdbParseProjection(expr, strlen(expr), ctx);

		DdbExprCheckUnused(ctx);
		snprintf(result, sizeof(result), "%s", Ser(DdbProjectItem(p, Item(item))));
	}
	if (!ok)
		ErrorText(result, sizeof(result));
	Check(expr, result, expected);
	DdbArenaReset();
}

/* The spelling of a key operator in results. */
static const char *
KeyOpName(DdbKeyOp op)
{
	static const char *const names[] = {"=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"};

	return names[op];
}

/*
 * Parse a key condition for the schema pk (S) [, sk (sk_type)] and
 * describe what it selects, or the error.  range NULL: hash-only schema.
 */
static void
TestKey(const char *expr, const char *names, const char *values,
		const char *range, DdbValueType range_type, const char *expected)
{
	static char result[RESULT_SIZE];
	bool		ok;

	DDB_TRY(ok)
	{
		DdbExprContext *ctx = Ctx(names, values);
		DdbCondition *c = DdbParseKeyCondition(expr, strlen(expr), ctx);
		DdbKeyTerms *terms;
		DdbKeyRange *r;
		DdbBuf		buf;

		DdbExprCheckUnused(ctx);
		terms = DdbKeyConditionTerms(c);
		r = DdbKeyConditionResolve(terms, "pk", DDB_TYPE_S, range, range_type);
		DdbBufInit(&buf);
		DdbBufAppendf(&buf, "pk = %s", Ser(r->hash_value));
		if (r->has_range)
		{
			DdbBufAppendf(&buf, "; %s %s %s", range, KeyOpName(r->range_op),
						  Ser(r->range_values[0]));
			if (r->range_op == DDB_KEY_BETWEEN)
				DdbBufAppendf(&buf, " %s", Ser(r->range_values[1]));
		}
		snprintf(result, sizeof(result), "%s", buf.data);
	}
	if (!ok)
		ErrorText(result, sizeof(result));
	Check(expr, result, expected);
	DdbArenaReset();
}

/* Whether a key condition on pk/sk (S) accepts the sort key value sk. */
static void
TestKeyMatch(const char *expr, const char *values, const char *sk,
			 const char *expected)
{
	static char result[RESULT_SIZE];
	bool		ok;

	DDB_TRY(ok)
	{
		DdbExprContext *ctx = Ctx(NULL, values);
		DdbCondition *c = DdbParseKeyCondition(expr, strlen(expr), ctx);
		DdbKeyRange *r = DdbKeyConditionResolve(DdbKeyConditionTerms(c), "pk",
												DDB_TYPE_S, "sk", DDB_TYPE_S);

		snprintf(result, sizeof(result), "%s",
				 DdbKeyRangeMatches(r, Val(sk)) ? "true" : "false");
	}
	if (!ok)
		ErrorText(result, sizeof(result));
	Check(expr, result, expected);
	DdbArenaReset();
}

/* A Query filter on a table keyed pk/sk: "ok" or the error. */
static void
TestFilterKeys(const char *expr, const char *names, const char *values,
			   const char *expected)
{
	static char result[RESULT_SIZE];
	bool		ok;

	DDB_TRY(ok)
	{
		DdbExprContext *ctx = Ctx(names, values);
		DdbCondition *c = DdbParseCondition(expr, strlen(expr), "FilterExpression", ctx);

		DdbConditionCheckNonKey(c, "pk", "sk");
		snprintf(result, sizeof(result), "ok");
	}
	if (!ok)
		ErrorText(result, sizeof(result));
	Check(expr, result, expected);
	DdbArenaReset();
}

/* Validate a placeholder key: "ok" or the error. */
static void
TestPlaceholderKey(bool is_name, const char *key, const char *expected)
{
	static char result[RESULT_SIZE];
	bool		ok;

	DDB_TRY(ok)
	{
		if (is_name)
			DdbExprCheckNameKey(key, strlen(key));
		else
			DdbExprCheckValueKey(key, strlen(key));
		snprintf(result, sizeof(result), "ok");
	}
	if (!ok)
		ErrorText(result, sizeof(result));
	Check(key, result, expected);
	DdbArenaReset();
}

/* Two expressions sharing one context, then the unused check. */
static void
TestShared(const char *update, const char *cond, const char *names,
		   const char *values, const char *expected)
{
	static char result[RESULT_SIZE];
	bool		ok;

	DDB_TRY(ok)
	{
		DdbExprContext *ctx = Ctx(names, values);

		DdbParseUpdate(update, strlen(update), ctx);
		DdbParseCondition(cond, strlen(cond), "ConditionExpression", ctx);
		DdbExprCheckUnused(ctx);
		snprintf(result, sizeof(result), "ok");
	}
	if (!ok)
		ErrorText(result, sizeof(result));
	Check(update, result, expected);
	DdbArenaReset();
}

/* A string of n copies of piece, followed by tail (malloc'd). */
static char *
Repeat(const char *head, const char *piece, int n, const char *tail)
{
	size_t		len = strlen(head) + strlen(piece) * n + strlen(tail) + 1;
	char	   *s = malloc(len);
	int			i;

	strcpy(s, head);
	for (i = 0; i < n; i++)
		strcat(s, piece);
	strcat(s, tail);
	return s;
}

/* "SET a0=:o+:o,a1=:o+:o,..." with n additions (malloc'd). */
static char *
ManyActions(int n)
{
	char	   *s = malloc((size_t) n * 24 + 8);
	int			i;

	strcpy(s, "SET ");
	for (i = 0; i < n; i++)
		sprintf(s + strlen(s), "%sa%d=:o+:o", i ? "," : "", i);
	return s;
}

/*-------------------------------------------------------------------------
 * The cases
 *-------------------------------------------------------------------------
 */

#define V_N1 "{':one':{'N':'1'}}"

/* Syntax errors and lexical rules (mistakes #1, #2). */
static void
TestSyntax(void)
{
	TestCond("", NULL, NULL, NULL,
			 "Invalid ConditionExpression: The expression can not be empty;");
	TestCondM("FilterExpression", "", NULL, NULL, NULL,
			  "Invalid FilterExpression: The expression can not be empty;");
	TestCond("a-b", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"-\", near: \"a-b\"");
	TestCond("#has_air_conditioner", "{'#has_air_conditioner':'ac'}", NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"#has_air_conditioner\"");
	TestCondM("KeyConditionExpression", "()", NULL, NULL, NULL,
			  "Invalid KeyConditionExpression: Syntax error; token: \")\", near: \"()\"");
	TestCond("a > 4", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"4\", near: \"> 4\"");
	TestCond("things are not gonna be ok", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"are\", near: \"things are not\"");
	TestCond("attribute_exists(Pictures-RearView)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"-\", near: \"Pictures-RearView\"");
	TestCond("attribute_exists(\"Pictures.RearView\")", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"\"\", near: \"(\"Pictures\"");
	TestCond("attribute_exists(Pictures..RearView)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \".\", near: \"..RearView\"");
	TestCond("attribute_exists(asdf[a])", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"a\", near: \"[a]\"");
	TestCond("a in b", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"b\", near: \"in b\"");
	TestCond("a in (b,c,)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \")\", near: \",)\"");
	TestCond("\xc3\xbc > a", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"\xc3\xbc\", near: \"\xc3\xbc >\"");
	TestCond("size(a).b > a", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \".\", near: \").b\"");
	TestCond("a[-1] = b", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"-\", near: \"[-1\"");
	TestCond("a[0.4] = b", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \".\", near: \"0.4\"");
	TestCond("a[:i] = b", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \":i\", near: \"[:i]\"");
	TestCond("a[#i] = b", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"#i\", near: \"[#i]\"");
	TestCond("a[99999999999] = b", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"99999999999\", near: \"[99999999999]\"");
	TestCond("   ", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"\"");
	TestCond("a", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"a\"");
	TestCond("(a)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \")\"");
	TestCond("a = :one AND", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
	TestCond("NOT NOT a = :one", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"NOT\", near: \"NOT NOT a\"");
	TestCond("a = :one b", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"b\", near: \":one b\"");
	TestCond("a == :one", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"== :one\"");
	TestCond("a = # ", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"#\", near: \"= #\"");
	TestCond("a = :", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \":\", near: \"= :\"");
	TestCond("a = (b = c)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"b = c\"");
	TestCond("(a = :one) = :one", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"=\", near: \") = :one\"");
	TestCond("size() > a", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \")\", near: \"() >\"");
	TestCond("a BETWEEN :one OR :one", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"OR\", near: \":one OR :one\"");
	TestCond("a = and", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"and\", near: \"= and\"");
	TestCond("a = :one\tand\r\nb = :one", NULL, V_N1, "{'a':{'N':'1'},'b':{'N':'1'}}", "true");
	TestCond("_a = :one", NULL, V_N1, "{'_a':{'N':'1'}}", "true");
	TestCond("a1_B = :one", NULL, V_N1, "{'a1_B':{'N':'1'}}", "true");
	TestCond("#1star = :one", "{'#1star':'x'}", V_N1, "{'x':{'N':'1'}}", "true");
	TestCond("#_ = :_", "{'#_':'x'}", "{':_':{'N':'1'}}", "{'x':{'N':'1'}}", "true");

	TestUpdate("set a = b + c + d", NULL, NULL, NULL,
			   "Invalid UpdateExpression: Syntax error; token: \"+\", near: \"c + d\"");
	TestUpdate("set a = b * c", NULL, NULL, NULL,
			   "Invalid UpdateExpression: Syntax error; token: \"*\", near: \"b * c\"");
	TestUpdate("set a[1] = \"eight\"", NULL, NULL, NULL,
			   "Invalid UpdateExpression: Syntax error; token: \"\"\", near: \"= \"eight\"");
	TestUpdate("add :a b", NULL, NULL, NULL,
			   "Invalid UpdateExpression: Syntax error; token: \":a\", near: \"add :a b\"");
	TestUpdate("SET if_not_exist(a, b) = a", NULL, NULL, NULL,
			   "Invalid UpdateExpression: Syntax error; token: \"(\", near: \"if_not_exist(a\"");
	TestUpdate("HELLO b = :one", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Syntax error; token: \"HELLO\", near: \"HELLO b\"");
	TestUpdate("SET a = :one,", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \",\"");
	TestUpdate("SET a = :one, REMOVE b", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Syntax error; token: \"REMOVE\", near: \", REMOVE b\"");
	TestUpdate("SET", NULL, NULL, NULL,
			   "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"SET\"");
	TestUpdate("SET :a = :one", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Syntax error; token: \":a\", near: \"SET :a =\"");
	TestUpdate("SET c = if_not_exists(c, :one+:one)", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Syntax error; token: \"+\", near: \":one+:one\"");
	TestUpdate("SET a = (:one + :one) + :one", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Syntax error; token: \"+\", near: \") + :one\"");
	TestUpdate("SET a = :one REMOVE", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"REMOVE\"");
	TestUpdate("", NULL, NULL, NULL,
			   "Invalid UpdateExpression: The expression can not be empty;");
	TestProj("a, :v", NULL, NULL,
			 "Invalid ProjectionExpression: Syntax error; token: \":v\", near: \", :v\"");
	TestProj("a b", NULL, NULL,
			 "Invalid ProjectionExpression: Syntax error; token: \"b\", near: \"a b\"");
	TestProj("", NULL, NULL,
			 "Invalid ProjectionExpression: The expression can not be empty;");
}

/* Reserved words, placeholders, unused entries (#3-#7, #10, #11). */
static void
TestPlaceholders(void)
{
	TestUpdate("SET name = :one", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name");
	TestCond("Name = :one", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Name");
	TestCond("a.comment = :one", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: comment");
	TestProj("a, b.zone", NULL, NULL,
			 "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: zone");
	TestProj("SET", NULL, NULL,
			 "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: SET");
	TestUpdate("SET a = :one, and = :one", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: and");
	TestCond("abort = :one", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: abort");
	TestCond("#n = :one", "{'#n':'name'}", V_N1, "{'name':{'N':'1'}}", "true");

	TestCond("#x = :one", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x");
	TestCond("a = :x", NULL, NULL, NULL,
			 "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x");
	TestUpdate("SET #a = :v", "{'#a':'a','#b':'b'}", "{':v':{'S':'x'}}", NULL,
			   "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
	TestUpdate("SET a = :a", "{'#a':'a','#b':'b'}", "{':a':{'S':'x'},':c':{'S':'y'}}", NULL,
			   "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}");
	TestUpdate("SET a = :a", NULL, "{':a':{'S':'x'},':c':{'S':'y'}}", NULL,
			   "Value provided in ExpressionAttributeValues unused in expressions: keys: {:c}");
	TestShared("SET a = :a", "#b = :c", "{'#b':'b'}", "{':a':{'S':'x'},':c':{'S':'y'}}", "ok");
	TestShared("SET a = :a", "b = :a", "{'#b':'b'}", "{':a':{'S':'x'},':c':{'S':'y'}}",
			   "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
	TestProj("#a", "{'#a':'a','#z':'z'}", "{'a':{'S':'x'}}",
			 "Value provided in ExpressionAttributeNames unused in expressions: keys: {#z}");

	TestPlaceholderKey(true, "a",
					   "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
	TestPlaceholderKey(false, "a",
					   "ExpressionAttributeValues contains invalid key: Syntax error; key: \"a\"");
	TestPlaceholderKey(true, "#", "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#\"");
	TestPlaceholderKey(true, "#a-b", "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"");
	TestPlaceholderKey(true, "#a_1", "ok");
	TestPlaceholderKey(false, ":1", "ok");
	TestPlaceholderKey(false, "#1", "ExpressionAttributeValues contains invalid key: Syntax error; key: \"#1\"");

	/* a dot inside a placeholder's value is part of the name */
	TestCond("#sw = :one", "{'#sw':'Safety.Warning'}", V_N1,
			 "{'Safety.Warning':{'N':'1'}}", "true");
	TestCond("#pr1star = :one", "{'#pr1star':'ProductReviews.OneStar'}", V_N1,
			 "{'ProductReviews':{'M':{'OneStar':{'N':'1'}}}}", "false");
	TestCond("#pr.#1star = :one", "{'#pr':'ProductReviews','#1star':'OneStar'}", V_N1,
			 "{'ProductReviews':{'M':{'OneStar':{'N':'1'}}}}", "true");
}

/* Function and operand errors (#16-#25). */
static void
TestFunctionErrors(void)
{
	TestUpdate("SET a = if_not_exist(a, :one)", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Invalid function name; function: if_not_exist");
	TestCond("Begins_with(a, :one)", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Invalid function name; function: Begins_with");
	TestUpdate("SET a = size(b)", NULL, NULL, NULL,
			   "Invalid UpdateExpression: Invalid function name; function: size");
	TestCond("if_not_exists(a, :one) = :one", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Invalid function name; function: if_not_exists");
	TestCond("begins_with(a)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1");
	TestCond("attribute_exists(a, b)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2");
	TestCond("size(a, b) > :one", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: size, number of operands: 2");
	TestUpdate("SET a = list_append(:l)", NULL, "{':l':{'L':[]}}", NULL,
			   "Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1");
	TestCond("attribute_exists(:one)", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists");
	TestCond("attribute_not_exists(size(:s))", NULL, "{':s':{'S':'x'}}", NULL,
			 "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_not_exists");
	TestUpdate("SET b = if_not_exists(:v, :w)", NULL, "{':v':{'N':'1'},':w':{'N':'2'}}", NULL,
			   "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists");
	TestUpdate("SET b = if_not_exists(:v, :w)", NULL, "{':w':{'N':'2'}}", NULL,
			   "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :v");
	TestCond("begins_with(a, :one)", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
	TestCond("begins_with(size(a), :s)", NULL, "{':s':{'S':'x'}}", NULL,
			 "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
	TestCond("begins_with(a, :b)", NULL, "{':b':{'B':'YQ=='}}", "{'a':{'B':'YWI='}}", "true");
	TestCond("size(:one) > a", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N");
	TestCond("size(:t) > a", NULL, "{':t':{'BOOL':true}}", NULL,
			 "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: BOOL");
	TestCond("size(size(a)) > a", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N");
	TestCond("attribute_exists(a) = :one", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists");
	TestCond("attribute_type(a, :t) > b", NULL, "{':t':{'S':'S'}}", NULL,
			 "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_type");
	TestCond("a in (b, attribute_exists(c))", NULL, NULL, NULL,
			 "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists");
	TestCond("size(a)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size");
	TestCond("a = :one AND NOT size(a)", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size");
	TestCond("attribute_exists(contains(a, b))", NULL, NULL, NULL,
			 "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: contains");
	TestUpdate("SET a = list_append(list_append(:l, :l), :l)", NULL, "{':l':{'L':[]}}", NULL,
			   "Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: list_append");
	TestCond("a = a", NULL, NULL, NULL,
			 "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]");
	TestCond("a.b[1] >= #a.b[1]", "{'#a':'a'}", NULL, NULL,
			 "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: >=, first operand: [a, b, [1]]");
	TestCond("contains(x.y, x.#y)", "{'#y':'y'}", NULL, NULL,
			 "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [x, y]");
	TestCond("#a = a", "{'#a':'a.b'}", NULL, "{'a.b':{'S':'x'},'a':{'S':'x'}}", "true");
	TestCond(":one > :one", NULL, V_N1, NULL, "false");
	TestCond(":one = :one", NULL, V_N1, NULL, "true");
	TestCond("((a = :one))", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: The expression has redundant parentheses;");
	TestCond("a > ((views))", NULL, NULL, NULL,
			 "Invalid ConditionExpression: The expression has redundant parentheses;");
	TestCond("NOT ((a = :one))", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: The expression has redundant parentheses;");
	TestCond("((a) = :one)", NULL, V_N1, "{'a':{'N':'1'}}", "true");
	TestCond("((a = :one) AND (a = :one))", NULL, V_N1, "{'a':{'N':'1'}}", "true");
	TestCond("a BETWEEN :one AND :s", NULL, "{':one':{'N':'1'},':s':{'S':'a'}}", NULL,
			 "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}");
	TestCond("a BETWEEN :two AND :one", NULL, "{':one':{'N':'1'},':two':{'N':'2'}}", NULL,
			 "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}");
	TestCond("a BETWEEN :b AND :a", NULL, "{':a':{'B':'YQ=='},':b':{'B':'Yg=='}}", NULL,
			 "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {B:Yg==}, upper bound operand: AttributeValue: {B:YQ==}");
	TestCond("attribute_type(a, :t)", NULL, "{':t':{'S':'X'}}", NULL,
			 "Invalid ConditionExpression: Invalid attribute type name found; type: X, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
	TestCond("attribute_type(a, :t)", NULL, "{':t':{'N':'1'}}", NULL,
			 "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N");
	TestCond("attribute_type(a, b)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}");

	/* update operand types (#29, #30) */
	TestUpdate("ADD a :s", NULL, "{':s':{'S':'x'}}", NULL,
			   "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING");
	TestUpdate("ADD a :v", NULL, "{':v':{'L':[]}}", NULL,
			   "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST");
	TestUpdate("ADD a :v", NULL, "{':v':{'M':{}}}", NULL,
			   "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: MAP");
	TestUpdate("ADD a :v", NULL, "{':v':{'BOOL':false}}", NULL,
			   "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: BOOLEAN");
	TestUpdate("ADD a :v", NULL, "{':v':{'NULL':true}}", NULL,
			   "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: NULL");
	TestUpdate("ADD a :v", NULL, "{':v':{'B':'YQ=='}}", NULL,
			   "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: BINARY");
	TestUpdate("DELETE a :one", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER");
	TestUpdate("SET a = :s + :one", NULL, "{':one':{'N':'1'},':s':{'S':'x'}}", NULL,
			   "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S");
	TestUpdate("SET a = :one - :l", NULL, "{':one':{'N':'1'},':l':{'L':[]}}", NULL,
			   "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: -, operand type: L");
	TestUpdate("SET a = list_append(:l, :s)", NULL, "{':l':{'L':[]},':s':{'S':'x'}}", NULL,
			   "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S");
	TestUpdate("SET a = :s", NULL, "{':s':{'S':'x'}}", NULL, "{'a':{'S':'x'}}");
}

/* Check order (expressions.md section 9). */
static void
TestOrder(void)
{
	/* condition: parens > unknown function > misused > reserved > leaf errors */
	TestCond("((a = foo(b)))", NULL, NULL, NULL,
			 "Invalid ConditionExpression: The expression has redundant parentheses;");
	TestCond("foo(a) = attribute_exists(b)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Invalid function name; function: foo");
	TestCond("name = attribute_exists(b)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists");
	TestCond("#x = a AND name = :one", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name");
	TestCond("begins_with(#x)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x");
	TestCond("begins_with(:x, #y)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x");
	TestCond("begins_with(a, a, a)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 3");
	TestCond("attribute_type(a, a)", NULL, NULL, NULL,
			 "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: attribute_type, first operand: [a]");
	TestCond("size(:one) = :x", NULL, V_N1, NULL,
			 "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x");
	/* leaf errors are judged in text order, leaf by leaf */
	TestCond("a = :x AND b = b", NULL, NULL, NULL,
			 "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x");
	TestCond("b = b AND a = :x", NULL, NULL, NULL,
			 "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [b]");
	TestCond("a BETWEEN :two AND :one OR b = #x", NULL, "{':one':{'N':'1'},':two':{'N':'2'}}", NULL,
			 "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}");
	/* syntax errors win over everything */
	TestCond("((a = #x)) AND", NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");

	/* update: reserved > unknown function > section > name > value > overlap > conflict > ADD type > function */
	TestUpdate("SET a = foo(b), name = :v", NULL, NULL, NULL,
			   "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name");
	TestUpdate("SET a = foo(b) SET c = :v", NULL, NULL, NULL,
			   "Invalid UpdateExpression: Invalid function name; function: foo");
	TestUpdate("SET a = :v SET #x = :w", NULL, NULL, NULL,
			   "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
	TestUpdate("REMOVE a SET b = :v remove c", NULL, NULL, NULL,
			   "Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an update expression;");
	TestUpdate("SET a = :y, #x = :one", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #x");
	TestUpdate("SET a = :y, a = :one", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :y");
	TestUpdate("SET a = :one REMOVE a", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
	TestUpdate("SET a = :one REMOVE a.b", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]");
	TestUpdate("SET c[1].a = :one, #c = :one", "{'#c':'c'}", V_N1, NULL,
			   "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [1], a], path two: [c]");
	TestUpdate("SET #a1 = :one, #a2 = :one", "{'#a1':'a','#a2':'a'}", V_N1, NULL,
			   "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
	TestUpdate("REMOVE a.#c SET a[1] = :one", "{'#c':'c'}", V_N1, NULL,
			   "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, c], path two: [a, [1]]");
	TestUpdate("SET a.b.c = :one, a.b[2] = :one", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b, c], path two: [a, b, [2]]");
	TestUpdate("SET x.a = :one, x[1] = :one, y = :one REMOVE y.z", NULL, V_N1, NULL,
			   "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [y], path two: [y, z]");
	TestUpdate("SET x.a = :s, x[1] = :s ADD b :s", NULL, "{':s':{'S':'x'}}", NULL,
			   "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [x, a], path two: [x, [1]]");
	TestUpdate("SET a = :s + :s ADD b :s", NULL, "{':s':{'S':'x'}}", NULL,
			   "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING");
	/* siblings neither overlap nor conflict; the item is missing, though */
	TestUpdate("SET a.b = :one, a.c = :one, b[1] = :one, b[2] = :one", NULL, V_N1, NULL,
			   "The document path provided in the update expression is invalid for update");

	/* projection: reserved > name > overlap > conflict */
	TestProj("#x, zone", NULL, NULL,
			 "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: zone");
	TestProj("a, a, #x", NULL, NULL,
			 "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #x");
	TestProj("a.b, a[1], a", NULL, NULL,
			 "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]");
	TestProj("a, a.b", NULL, NULL,
			 "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]");
	TestProj("c[3], c[3].d", NULL, NULL,
			 "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [3]], path two: [c, [3], d]");
	TestProj("a.b, a[1]", NULL, NULL,
			 "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]");
}

/* Evaluation of every operator and function. */
static void
TestEval(void)
{
	const char *item =
		"{'s':{'S':'abc'},'n':{'N':'10'},'b':{'B':'AQID'},'t':{'BOOL':true},"
		"'z':{'NULL':true},'ss':{'SS':['x','y']},'ns':{'NS':['1','2.5']},"
		"'bs':{'BS':['AQ==']},'l':{'L':[{'S':'p'},{'N':'1'},{'M':{'k':{'S':'v'}}}]},"
		"'m':{'M':{'a':{'M':{'b':{'S':'deep'}}},'lst':{'L':[{'L':[{'S':'q'}]}]}}},"
		"'u':{'S':'\xc3\xa9\xf0\x9d\x84\x9e'},'up':{'S':'A'},'lo':{'S':'a'}}";


	/* = and <> */
	TestCond("s = :s", NULL, "{':s':{'S':'abc'}}", item, "true");
	TestCond("n = :n2", NULL, "{':n2':{'N':'10.0'}}", item, "true");
	TestCond("n = :s", NULL, "{':s':{'S':'abc'}}", item, "false");
	TestCond("n <> :s", NULL, "{':s':{'S':'abc'}}", item, "true");
	TestCond("nope = :s", NULL, "{':s':{'S':'abc'}}", item, "false");
	TestCond("nope <> :s", NULL, "{':s':{'S':'abc'}}", item, "true");
	TestCond("ss = :ss", NULL, "{':ss':{'SS':['y','x']}}", item, "true");
	TestCond("l = :l", NULL, "{':l':{'L':[{'S':'p'},{'N':'1'},{'M':{'k':{'S':'v'}}}]}}", item, "true");
	TestCond("l[2] = :kv", NULL, "{':kv':{'M':{'k':{'S':'v'}}}}", item, "true");
	TestCond("t = :t", NULL, "{':t':{'BOOL':true}}", item, "true");
	TestCond("s = n", NULL, NULL, item, "false");
	/* ordering */
	TestCond("n > :big", NULL, "{':big':{'N':'9'}}", item, "true");
	TestCond("n < :big", NULL, "{':big':{'N':'9'}}", item, "false");
	TestCond("n >= :n2", NULL, "{':n2':{'N':'10.0'}}", item, "true");
	TestCond("n <= :n2", NULL, "{':n2':{'N':'10.0'}}", item, "true");
	TestCond("up < lo", NULL, NULL, item, "true");
	TestCond("s < :y", NULL, "{':y':{'S':'b'}}", item, "true");
	TestCond("s < :s", NULL, "{':s':{'S':'abcd'}}", item, "true");
	TestCond("b > :b1", NULL, "{':b1':{'B':'AQ=='}}", item, "true");
	TestCond("n < :s", NULL, "{':s':{'S':'abc'}}", item, "false");
	TestCond("n > :s", NULL, "{':s':{'S':'abc'}}", item, "false");
	TestCond("t < :t", NULL, "{':t':{'BOOL':true}}", item, "false");
	TestCond("t <= :t", NULL, "{':t':{'BOOL':true}}", item, "false");
	TestCond("ss <= :ss", NULL, "{':ss':{'SS':['y','x']}}", item, "false");
	TestCond("nope < :one", NULL, V_N1, item, "false");
	TestCond("\xc3\xa9 = :s", NULL, "{':s':{'S':'abc'}}", item,
			 "Invalid ConditionExpression: Syntax error; token: \"\xc3\xa9\", near: \"\xc3\xa9 =\"");
	/* BETWEEN, IN */
	TestCond("n BETWEEN :one AND :n", NULL, "{':one':{'N':'1'},':n':{'N':'10'}}", item, "true");
	TestCond("n BETWEEN :n AND :n", NULL, "{':n':{'N':'10'}}", item, "true");
	TestCond("n BETWEEN :one AND :three", NULL, "{':one':{'N':'1'},':three':{'N':'3'}}", item, "false");
	TestCond("s BETWEEN :one AND :three", NULL, "{':one':{'N':'1'},':three':{'N':'3'}}", item, "false");
	TestCond("s between :a and :c", NULL, "{':a':{'S':'a'},':c':{'S':'c'}}", item, "true");
	TestCond("n IN (:one, :n)", NULL, "{':one':{'N':'1'},':n':{'N':'10'}}", item, "true");
	TestCond("n IN (:one)", NULL, V_N1, item, "false");
	TestCond("nope IN (:one)", NULL, V_N1, item, "false");
	TestCond("ns IN (:ns, :one)", NULL, "{':ns':{'NS':['2.5','1']},':one':{'N':'1'}}", item, "true");
	TestCond(":one IN (n, l[1])", NULL, V_N1, item, "true");
	/* functions */
	TestCond("attribute_exists(z)", NULL, NULL, item, "true");
	TestCond("attribute_exists(nope)", NULL, NULL, item, "false");
	TestCond("attribute_not_exists(nope)", NULL, NULL, item, "true");
	TestCond("attribute_not_exists(s)", NULL, NULL, item, "false");
	TestCond("attribute_exists(m.a.b)", NULL, NULL, item, "true");
	TestCond("attribute_exists(m.a.c)", NULL, NULL, item, "false");
	TestCond("attribute_exists(m.lst[0][0])", NULL, NULL, item, "true");
	TestCond("attribute_exists(m.lst[0][1])", NULL, NULL, item, "false");
	TestCond("attribute_exists(l[3])", NULL, NULL, item, "false");
	TestCond("attribute_exists(m[0])", NULL, NULL, item, "false");
	TestCond("attribute_exists(l.a)", NULL, NULL, item, "false");
	TestCond("attribute_exists(s.a)", NULL, NULL, item, "false");
	TestCond("attribute_not_exists(s[0])", NULL, NULL, item, "true");
	TestCond("attribute_type(s, :t)", NULL, "{':t':{'S':'S'}}", item, "true");
	TestCond("attribute_type(ss, :t)", NULL, "{':t':{'S':'SS'}}", item, "true");
	TestCond("attribute_type(z, :t)", NULL, "{':t':{'S':'NULL'}}", item, "true");
	TestCond("attribute_type(l, :t)", NULL, "{':t':{'S':'M'}}", item, "false");
	TestCond("attribute_type(nope, :t)", NULL, "{':t':{'S':'S'}}", item, "false");
	TestCond("begins_with(s, :p)", NULL, "{':p':{'S':'ab'}}", item, "true");
	TestCond("begins_with(s, :p)", NULL, "{':p':{'S':'b'}}", item, "false");
	TestCond("begins_with(s, :e)", NULL, "{':e':{'S':''}}", item, "true");
	TestCond("begins_with(b, :b1)", NULL, "{':b1':{'B':'AQ=='}}", item, "true");
	TestCond("begins_with(s, :b1)", NULL, "{':b1':{'B':'YQ=='}}", item, "false");
	TestCond("begins_with(n, :p)", NULL, "{':p':{'S':'1'}}", item, "false");
	TestCond("begins_with(nope, :p)", NULL, "{':p':{'S':'1'}}", item, "false");
	TestCond("contains(s, :p)", NULL, "{':p':{'S':'bc'}}", item, "true");
	TestCond("contains(s, :p)", NULL, "{':p':{'S':'cb'}}", item, "false");
	TestCond("contains(ss, :x)", NULL, "{':x':{'S':'x'}}", item, "true");
	TestCond("contains(ss, :p)", NULL, "{':p':{'S':'xy'}}", item, "false");
	TestCond("contains(ns, :n)", NULL, "{':n':{'N':'2.50'}}", item, "true");
	TestCond("contains(ns, :n)", NULL, "{':n':{'S':'1'}}", item, "false");
	TestCond("contains(bs, :b1)", NULL, "{':b1':{'B':'AQ=='}}", item, "true");
	TestCond("contains(l, :one)", NULL, V_N1, item, "true");
	TestCond("contains(l, :kv)", NULL, "{':kv':{'M':{'k':{'S':'v'}}}}", item, "true");
	TestCond("contains(l, :p)", NULL, "{':p':{'S':'q'}}", item, "false");
	TestCond("contains(m, :p)", NULL, "{':p':{'S':'a'}}", item, "false");
	TestCond("contains(b, :b1)", NULL, "{':b1':{'B':'AgM='}}", item, "true");
	TestCond("contains(n, :one)", NULL, V_N1, item, "false");
	TestCond("contains(nope, :one)", NULL, V_N1, item, "false");
	TestCond("contains(:s, s)", NULL, "{':s':{'S':'xabcx'}}", item, "true");
	/* size */
	TestCond("size(s) = :three", NULL, "{':three':{'N':'3'}}", item, "true");
	TestCond("size(u) = :three", NULL, "{':three':{'N':'3'}}", item, "true");
	TestCond("size(b) = :three", NULL, "{':three':{'N':'3'}}", item, "true");
	TestCond("size(ss) = :two", NULL, "{':two':{'N':'2'}}", item, "true");
	TestCond("size(l) = :three", NULL, "{':three':{'N':'3'}}", item, "true");
	TestCond("size(m) = :two", NULL, "{':two':{'N':'2'}}", item, "true");
	TestCond("size(m.a) = :one", NULL, V_N1, item, "true");
	TestCond("size(l) > size(ss)", NULL, NULL, item, "true");
	TestCond("size(:s) = :three", NULL, "{':s':{'S':'xyz'},':three':{'N':'3'}}", item, "true");
	TestCond("size(nope) = :zero", NULL, "{':zero':{'N':'0'}}", item, "false");
	TestCond("size(nope) <> :zero", NULL, "{':zero':{'N':'0'}}", item, "false");
	TestCond("NOT size(nope) = :zero", NULL, "{':zero':{'N':'0'}}", item, "true");
	TestCond("size(n) = :two", NULL, "{':two':{'N':'2'}}", item, "false");
	TestCond("size(n) <> :two", NULL, "{':two':{'N':'2'}}", item, "false");
	TestCond("size(t) >= :zero", NULL, "{':zero':{'N':'0'}}", item, "false");
	/* AND, OR, NOT and precedence */
	TestCond("n = :n OR s = :n AND s = :s", NULL, "{':n':{'N':'10'},':s':{'S':'abc'}}", item, "true");
	TestCond("s = :n AND s = :s OR n = :n", NULL, "{':n':{'N':'10'},':s':{'S':'abc'}}", item, "true");
	TestCond("(n = :n OR s = :n) AND s = :n", NULL, "{':n':{'N':'10'}}", item, "false");
	TestCond("NOT n = :n", NULL, "{':n':{'N':'10'}}", item, "false");
	TestCond("NOT n = :n OR s = :s", NULL, "{':n':{'N':'10'},':s':{'S':'abc'}}", item, "true");
	TestCond("NOT (n = :n OR s = :s)", NULL, "{':n':{'N':'10'},':s':{'S':'abc'}}", item, "false");
	TestCond("n = :n and not s = :n", NULL, "{':n':{'N':'10'}}", item, "true");
	TestCond("NOT attribute_exists(nope) AND (s = :s)", NULL, "{':s':{'S':'abc'}}", item, "true");
	TestCond("(size(s)) = :three", NULL, "{':three':{'N':'3'}}", item, "true");
	TestCond("(n) BETWEEN (:one) AND :n", NULL, "{':one':{'N':'1'},':n':{'N':'10'}}", item, "true");
	/* no item at all */
	TestCond("attribute_not_exists(pk)", NULL, NULL, NULL, "true");
	TestCond("attribute_exists(pk)", NULL, NULL, NULL, "false");
	TestCond("ver = :one", NULL, V_N1, NULL, "false");
	TestCond("ver <> :one", NULL, V_N1, NULL, "true");
	TestCond("ver = :one", NULL, V_N1, "{}", "false");
	TestCond("#k = :s", "{'#k':'we ird.name!'}", "{':s':{'S':'x'}}", "{'we ird.name!':{'S':'x'}}", "true");
	TestCondM("FilterExpression", "n > :big", NULL, "{':big':{'N':'9'}}", item, "true");
}

/* Update semantics (#31-#34). */
static void
TestUpdates(void)
{
	/* SET */
	TestUpdate("SET b = :one", NULL, V_N1, "{'a':{'S':'hi'}}", "{'a':{'S':'hi'},'b':{'N':'1'}}");
	TestUpdate("SET a = :one", NULL, V_N1, "{'a':{'S':'hi'},'b':{'N':'2'}}", "{'a':{'N':'1'},'b':{'N':'2'}}");
	TestUpdate("set b = a", NULL, NULL, "{'a':{'S':'hi'}}", "{'a':{'S':'hi'},'b':{'S':'hi'}}");
	TestUpdate("SET c = z", NULL, NULL, "{'a':{'S':'hi'}}",
			   "The provided expression refers to an attribute that does not exist in the item");
	TestUpdate("SET c = z", NULL, NULL, NULL,
			   "The provided expression refers to an attribute that does not exist in the item");
	TestUpdate("SET x = :one, y = x", NULL, V_N1, "{'a':{'S':'hi'}}",
			   "The provided expression refers to an attribute that does not exist in the item");
	TestUpdate("REMOVE a SET b = a", NULL, NULL, "{'a':{'S':'hi'}}", "{'b':{'S':'hi'}}");
	TestUpdate("SET a.c = :one", NULL, V_N1, "{'a':{'M':{'b':{'N':'3'},'c':{'N':'4'}}},'d':{'N':'5'}}",
			   "{'a':{'M':{'b':{'N':'3'},'c':{'N':'1'}}},'d':{'N':'5'}}");
	TestUpdate("SET a.d = :one", NULL, V_N1, "{'a':{'M':{'b':{'N':'3'}}}}",
			   "{'a':{'M':{'b':{'N':'3'},'d':{'N':'1'}}}}");
	TestUpdate("SET a.c = :one", NULL, V_N1, "{'a':{'S':'hello'}}",
			   "The document path provided in the update expression is invalid for update");
	TestUpdate("SET b.c = :one", NULL, V_N1, "{'b':{'L':[{'S':'hi'}]}}",
			   "The document path provided in the update expression is invalid for update");
	TestUpdate("SET c.c = :one", NULL, V_N1, "{'a':{'S':'hello'}}",
			   "The document path provided in the update expression is invalid for update");
	TestUpdate("SET c.c = :one", NULL, V_N1, NULL,
			   "The document path provided in the update expression is invalid for update");
	TestUpdate("SET a[0] = :one", NULL, V_N1, "{'a':{'S':'hello'}}",
			   "The document path provided in the update expression is invalid for update");
	TestUpdate("SET a[1] = :v", NULL, "{':v':{'S':'hello'}}", "{'a':{'L':[{'S':'one'},{'S':'two'},{'S':'three'}]}}",
			   "{'a':{'L':[{'S':'one'},{'S':'hello'},{'S':'three'}]}}");
	TestUpdate("SET a[7] = :v", NULL, "{':v':{'S':'hello'}}", "{'a':{'L':[{'S':'one'},{'S':'two'},{'S':'three'}]}}",
			   "{'a':{'L':[{'S':'one'},{'S':'two'},{'S':'three'},{'S':'hello'}]}}");
	TestUpdate("SET a[84] = :a1, a[37] = :a2, a[17] = :a3, a[50] = :a4", NULL,
			   "{':a1':{'S':'a1'},':a2':{'S':'a2'},':a3':{'S':'a3'},':a4':{'S':'a4'}}",
			   "{'a':{'L':[{'S':'one'}]}}",
			   "{'a':{'L':[{'S':'one'},{'S':'a3'},{'S':'a2'},{'S':'a4'},{'S':'a1'}]}}");
	TestUpdate("SET a.c[1].#name.y[1] = :v", "{'#name':'x'}", "{':v':{'N':'9'}}",
			   "{'a':{'M':{'b':{'N':'3'},'c':{'L':[{'S':'hi'},{'M':{'x':{'M':{'y':{'L':[{'N':'3'},{'N':'5'},{'N':'7'}]}}}}}]}}}}",
			   "{'a':{'M':{'b':{'N':'3'},'c':{'L':[{'S':'hi'},{'M':{'x':{'M':{'y':{'L':[{'N':'3'},{'N':'9'},{'N':'7'}]}}}}}]}}}}");
	TestUpdate("SET z = a.c[1].x.y[2]", NULL, NULL,
			   "{'a':{'M':{'c':{'L':[{'S':'hi'},{'M':{'x':{'M':{'y':{'L':[{'N':'3'},{'N':'5'},{'N':'7'}]}}}}}]}}}}",
			   "{'a':{'M':{'c':{'L':[{'S':'hi'},{'M':{'x':{'M':{'y':{'L':[{'N':'3'},{'N':'5'},{'N':'7'}]}}}}}]}}},'z':{'N':'7'}}");
	TestUpdate("SET a.b = :v, a.c.d = :w, b.x = :x REMOVE a.x, b.y", NULL,
			   "{':v':{'N':'10'},':w':{'S':'dog'},':x':{'N':'17'}}",
			   "{'a':{'M':{'x':{'N':'3'},'y':{'N':'4'},'c':{'M':{'y':{'N':'3'}}}}},'b':{'M':{'x':{'N':'1'},'y':{'N':'2'}}}}",
			   "{'a':{'M':{'y':{'N':'4'},'c':{'M':{'y':{'N':'3'},'d':{'S':'dog'}}},'b':{'N':'10'}}},'b':{'M':{'x':{'N':'17'}}}}");
	TestUpdate("SET #a = :one", "{'#a':'a.b'}", V_N1, NULL, "{'a.b':{'N':'1'}}");
	TestUpdate("SET a = (:one)", NULL, V_N1, NULL, "{'a':{'N':'1'}}");
	TestUpdate("SET a = ((:one) + (:one))", NULL, V_N1, NULL, "{'a':{'N':'2'}}");
	TestUpdate("sEt a = :one", NULL, V_N1, NULL, "{'a':{'N':'1'}}");
	TestUpdate("  set   b=:one  ", NULL, V_N1, NULL, "{'b':{'N':'1'}}");
	/* + and - */
	TestUpdate("SET a = a + :three", NULL, "{':three':{'N':'3'}}", "{'a':{'N':'2'}}", "{'a':{'N':'5'}}");
	TestUpdate("SET a = :three - a", NULL, "{':three':{'N':'3'}}", "{'a':{'N':'2'}}", "{'a':{'N':'1'}}");
	TestUpdate("SET b = a - :three", NULL, "{':three':{'N':'3.5'}}", "{'a':{'N':'2'}}", "{'a':{'N':'2'},'b':{'N':'-1.5'}}");
	TestUpdate("SET a = b + a", NULL, NULL, "{'a':{'N':'2'},'b':{'N':'7'}}", "{'a':{'N':'9'},'b':{'N':'7'}}");
	TestUpdate("SET a = b + :one", NULL, V_N1, "{'a':{'N':'2'}}",
			   "The provided expression refers to an attribute that does not exist in the item");
	TestUpdate("SET a = s + :one", NULL, V_N1, "{'s':{'S':'x'}}",
			   "An operand in the update expression has an incorrect data type");
	TestUpdate("SET b = if_not_exists(b, :one) + :three", NULL, "{':one':{'N':'1'},':three':{'N':'3'}}", NULL,
			   "{'b':{'N':'4'}}");
	/* list_append */
	TestUpdate("SET a = list_append(:l1, :l2)", NULL,
			   "{':l1':{'L':[{'N':'4'},{'S':'hello'}]},':l2':{'L':[{'S':'hi'},{'N':'7'}]}}", NULL,
			   "{'a':{'L':[{'N':'4'},{'S':'hello'},{'S':'hi'},{'N':'7'}]}}");
	TestUpdate("SET a = list_append(a, :l)", NULL, "{':l':{'L':[{'S':'x'}]}}", "{'a':{'L':[{'S':'hi'}]}}",
			   "{'a':{'L':[{'S':'hi'},{'S':'x'}]}}");
	TestUpdate("SET a = list_append(:l, a)", NULL, "{':l':{'L':[{'S':'x'}]}}", "{'a':{'L':[{'S':'hi'}]}}",
			   "{'a':{'L':[{'S':'x'},{'S':'hi'}]}}");
	TestUpdate("SET a = list_append(b, :l)", NULL, "{':l':{'L':[]}}", "{'a':{'L':[]}}",
			   "The provided expression refers to an attribute that does not exist in the item");
	TestUpdate("SET a = list_append(b, :l)", NULL, "{':l':{'L':[]}}", "{'b':{'SS':['x']}}",
			   "An operand in the update expression has an incorrect data type");
	TestUpdate("SET a = list_append(if_not_exists(a, :e), :l)", NULL,
			   "{':l':{'L':[{'S':'x'}]},':e':{'L':[]}}", NULL, "{'a':{'L':[{'S':'x'}]}}");
	/* if_not_exists */
	TestUpdate("SET a = if_not_exists(a, :one)", NULL, V_N1, NULL, "{'a':{'N':'1'}}");
	TestUpdate("SET a = if_not_exists(a, :one)", NULL, V_N1, "{'a':{'N':'2'}}", "{'a':{'N':'2'}}");
	TestUpdate("SET b = if_not_exists(a, :one)", NULL, V_N1, "{'a':{'N':'2'}}", "{'a':{'N':'2'},'b':{'N':'2'}}");
	TestUpdate("SET b = if_not_exists(c, if_not_exists(a, :one))", NULL, V_N1, "{'a':{'N':'2'}}",
			   "{'a':{'N':'2'},'b':{'N':'2'}}");
	/* REMOVE */
	TestUpdate("REMOVE a", NULL, NULL, "{'a':{'S':'hi'},'b':{'S':'x'}}", "{'b':{'S':'x'}}");
	TestUpdate("REMOVE c", NULL, NULL, "{'a':{'S':'hi'}}", "{'a':{'S':'hi'}}");
	TestUpdate("REMOVE a.c[1].x.y[1], a.c[1].q", NULL, NULL,
			   "{'a':{'M':{'b':{'N':'3'},'c':{'L':[{'S':'hi'},{'M':{'x':{'M':{'y':{'L':[{'N':'3'},{'N':'5'},{'N':'7'}]}}},'q':{'N':'2'}}}]}}}}",
			   "{'a':{'M':{'b':{'N':'3'},'c':{'L':[{'S':'hi'},{'M':{'x':{'M':{'y':{'L':[{'N':'3'},{'N':'7'}]}}}}}]}}}}");
	TestUpdate("REMOVE a[17]", NULL, NULL, "{'a':{'L':[{'N':'4'}]}}", "{'a':{'L':[{'N':'4'}]}}");
	TestUpdate("REMOVE a[1] SET a[3] = :v", NULL, "{':v':{'N':'17'}}",
			   "{'a':{'L':[{'N':'2'},{'N':'3'},{'N':'4'},{'N':'5'},{'N':'6'},{'N':'7'}]}}",
			   "{'a':{'L':[{'N':'2'},{'N':'4'},{'N':'17'},{'N':'6'},{'N':'7'}]}}");
	TestUpdate("SET a[3] = :v REMOVE a[1]", NULL, "{':v':{'N':'17'}}",
			   "{'a':{'L':[{'N':'2'},{'N':'3'},{'N':'4'},{'N':'5'},{'N':'6'},{'N':'7'}]}}",
			   "{'a':{'L':[{'N':'2'},{'N':'4'},{'N':'17'},{'N':'6'},{'N':'7'}]}}");
	TestUpdate("REMOVE a[3], a[0], a[1]", NULL, NULL,
			   "{'a':{'L':[{'N':'0'},{'N':'1'},{'N':'2'},{'N':'3'},{'N':'4'}]}}",
			   "{'a':{'L':[{'N':'2'},{'N':'4'}]}}");
	TestUpdate("REMOVE a.y, b[7]", NULL, NULL, "{'a':{'M':{'x':{'N':'3'}}},'b':{'L':[{'S':'hi'}]}}",
			   "{'a':{'M':{'x':{'N':'3'}}},'b':{'L':[{'S':'hi'}]}}");
	TestUpdate("REMOVE a.b", NULL, NULL, "{'a':{'M':{'b':{'N':'1'}}}}", "{'a':{'M':{}}}");
	TestUpdate("REMOVE a[0]", NULL, NULL, "{'a':{'L':[{'N':'1'}]}}", "{'a':{'L':[]}}");
	TestUpdate("REMOVE a.c", NULL, NULL, "{'a':{'S':'hello'}}",
			   "The document path provided in the update expression is invalid for update");
	TestUpdate("REMOVE c.c", NULL, NULL, "{'a':{'S':'hello'}}",
			   "The document path provided in the update expression is invalid for update");
	TestUpdate("REMOVE b[0]", NULL, NULL, "{'a':{'S':'hello'}}",
			   "The document path provided in the update expression is invalid for update");
	TestUpdate("REMOVE a[5].b", NULL, NULL, "{'a':{'L':[]}}",
			   "The document path provided in the update expression is invalid for update");
	TestUpdate("REMOVE x.y, x[0].z", NULL, NULL, NULL,
			   "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [x, y], path two: [x, [0], z]");
	TestUpdate("REMOVE x.y, z[0]", NULL, NULL, NULL, "{}");
	TestUpdateFull("REMOVE x.y", NULL, NULL, NULL, "{'pk':{'S':'k'}}", false, "{'pk':{'S':'k'}}");
	/* ADD */
	TestUpdate("ADD a :v", NULL, "{':v':{'N':'4'}}", "{'a':{'N':'3'}}", "{'a':{'N':'7'}}");
	TestUpdate("ADD a :v", NULL, "{':v':{'N':'-4'}}", "{'a':{'N':'3'}}", "{'a':{'N':'-1'}}");
	TestUpdate("ADD b :v", NULL, "{':v':{'N':'7'}}", "{'a':{'S':'x'}}", "{'a':{'S':'x'},'b':{'N':'7'}}");
	TestUpdate("ADD b :v", NULL, "{':v':{'N':'7'}}", "{'b':{'S':'x'}}",
			   "An operand in the update expression has an incorrect data type");
	TestUpdate("ADD a :v", NULL, "{':v':{'SS':['pig']}}", "{'a':{'SS':['dog','cat']}}",
			   "{'a':{'SS':['dog','cat','pig']}}");
	TestUpdate("ADD a :v", NULL, "{':v':{'SS':['coati','beaver','badger']}}",
			   "{'a':{'SS':['beaver','lynx','coati']}}",
			   "{'a':{'SS':['beaver','lynx','coati','badger']}}");
	TestUpdate("ADD a :v", NULL, "{':v':{'NS':['1.0','3']}}", "{'a':{'NS':['1','2']}}",
			   "{'a':{'NS':['1','2','3']}}");
	TestUpdate("ADD a :v", NULL, "{':v':{'BS':['AQ==','Ag==']}}", "{'a':{'BS':['Ag==']}}",
			   "{'a':{'BS':['02','01']}}");
	TestUpdate("ADD b :v", NULL, "{':v':{'SS':['dog']}}", NULL, "{'b':{'SS':['dog']}}");
	TestUpdate("ADD a :v", NULL, "{':v':{'NS':['1']}}", "{'a':{'SS':['1']}}",
			   "An operand in the update expression has an incorrect data type");
	TestUpdate("ADD a :v", NULL, "{':v':{'NS':['1']}}", "{'a':{'L':[{'N':'1'}]}}",
			   "An operand in the update expression has an incorrect data type");
	TestUpdate("ADD a :v", NULL, "{':v':{'SS':['x']}}", "{'a':{'N':'1'}}",
			   "An operand in the update expression has an incorrect data type");
	TestUpdate("ADD a.b :v", NULL, "{':v':{'N':'1'}}", "{'a':{'M':{}}}", "{'a':{'M':{'b':{'N':'1'}}}}");
	TestUpdate("ADD a.b :v", NULL, "{':v':{'N':'1'}}", "{'x':{'M':{}}}",
			   "The document path provided in the update expression is invalid for update");
	TestUpdate("ADD l[0] :v, l[5] :v", NULL, "{':v':{'N':'1'}}", "{'l':{'L':[{'N':'1'}]}}",
			   "{'l':{'L':[{'N':'2'},{'N':'1'}]}}");
	/* DELETE */
	TestUpdate("DELETE a :v", NULL, "{':v':{'SS':['cat','mouse']}}", "{'a':{'SS':['dog','cat','mouse']},'b':{'S':'hi'}}",
			   "{'a':{'SS':['dog']},'b':{'S':'hi'}}");
	TestUpdate("DELETE a :v", NULL, "{':v':{'SS':['pig']}}", "{'a':{'SS':['dog']}}", "{'a':{'SS':['dog']}}");
	TestUpdate("DELETE a :v", NULL, "{':v':{'SS':['dog']}}", "{'a':{'SS':['dog']},'b':{'S':'hi'}}",
			   "{'b':{'S':'hi'}}");
	TestUpdate("DELETE a :v", NULL, "{':v':{'SS':['dog']}}", "{'b':{'S':'hi'}}", "{'b':{'S':'hi'}}");
	TestUpdate("DELETE a :v", NULL, "{':v':{'NS':['2.0']}}", "{'a':{'NS':['1','2']}}", "{'a':{'NS':['1']}}");
	TestUpdate("DELETE a :v", NULL, "{':v':{'NS':['1']}}", "{'a':{'SS':['1']}}",
			   "An operand in the update expression has an incorrect data type");
	TestUpdate("DELETE a :v", NULL, "{':v':{'SS':['1']}}", "{'a':{'S':'1'}}",
			   "An operand in the update expression has an incorrect data type");
	TestUpdate("DELETE l[0] :v", NULL, "{':v':{'SS':['x']}}", "{'l':{'L':[{'SS':['x']},{'N':'1'}]}}",
			   "{'l':{'L':[{'N':'1'}]}}");
	/* several sections, any order */
	TestUpdate("REMOVE a SET b = :v ADD c :n DELETE d :s", NULL,
			   "{':v':{'S':'x'},':n':{'N':'1'},':s':{'SS':['q']}}",
			   "{'a':{'N':'1'},'d':{'SS':['p','q']}}",
			   "{'d':{'SS':['p']},'b':{'S':'x'},'c':{'N':'1'}}");
	/* a new item starts from its key */
	TestUpdateFull("SET a = :one", NULL, V_N1, NULL, "{'pk':{'S':'k'}}", false,
				   "{'pk':{'S':'k'},'a':{'N':'1'}}");
	TestUpdateFull("SET a = pk", NULL, NULL, NULL, "{'pk':{'S':'k'}}", false,
				   "{'pk':{'S':'k'},'a':{'S':'k'}}");
	/* UPDATED_OLD / UPDATED_NEW */
	TestUpdateFull("SET a.b = :one", NULL, V_N1, "{'a':{'M':{'b':{'N':'5'},'c':{'N':'6'}}},'x':{'S':'y'}}", NULL, true,
				   "old={'a':{'M':{'b':{'N':'5'}}}} new={'a':{'M':{'b':{'N':'1'}}}} touched=a");
	TestUpdateFull("REMOVE x ADD n :one SET l[1] = :one, l[9] = :one", NULL, V_N1,
				   "{'x':{'S':'y'},'l':{'L':[{'S':'a'},{'S':'b'}]}}", NULL, true,
				   "old={'x':{'S':'y'},'l':{'L':[{'S':'b'}]}} new={'n':{'N':'1'},'l':{'L':[{'N':'1'},{'N':'1'}]}} touched=x,n,l");
	TestUpdateFull("DELETE s :s", NULL, "{':s':{'SS':['a']}}", "{'s':{'SS':['a']}}", NULL, true,
				   "old={'s':{'SS':['a']}} new={} touched=s");
	TestUpdateFull("SET a = :one", NULL, V_N1, NULL, "{'pk':{'S':'k'}}", true,
				   "old={} new={'a':{'N':'1'}} touched=a");
	/* key attributes */
	TestUpdateKeys("SET pk = :one", NULL, V_N1,
				   "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key");
	TestUpdateKeys("SET a = :one REMOVE sk", NULL, V_N1,
				   "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key");
	TestUpdateKeys("ADD #k :one", "{'#k':'pk'}", V_N1,
				   "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key");
	TestUpdateKeys("SET pk.x = :one", NULL, V_N1,
				   "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk");
	TestUpdateKeys("SET sk[0] = :one", NULL, V_N1,
				   "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: sk");
	TestUpdateKeys("SET gk.x = :one", NULL, V_N1,
				   "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: gk");
	TestUpdateKeys("SET gk = :one, pkx = :one, a.pk = :one", NULL, V_N1, "ok");
}

/* Projections (section 6). */
static void
TestProjections(void)
{
	const char *item =
		"{'a':{'S':'x'},'b':{'M':{'c':{'N':'1'},'d':{'N':'2'}}},"
		"'l':{'L':[{'S':'l0'},{'M':{'x':{'S':'l1x'},'y':{'S':'l1y'}}},{'S':'l2'},{'L':[{'S':'l30'},{'S':'l31'}]}]},"
		"'dot.name':{'S':'dn'}}";

	TestProj("a", NULL, item, "{'a':{'S':'x'}}");
	TestProj("b.c, a", NULL, item, "{'b':{'M':{'c':{'N':'1'}}},'a':{'S':'x'}}");
	TestProj("b.d, b.c", NULL, item, "{'b':{'M':{'d':{'N':'2'},'c':{'N':'1'}}}}");
	TestProj("l[2], l[0]", NULL, item, "{'l':{'L':[{'S':'l0'},{'S':'l2'}]}}");
	TestProj("l[1].y, l[3][1], l[9]", NULL, item,
			 "{'l':{'L':[{'M':{'y':{'S':'l1y'}}},{'L':[{'S':'l31'}]}]}}");
	TestProj("nope, b.zz, a.b, l[0].x", NULL, item, "{}");
	TestProj("#d", "{'#d':'dot.name'}", item, "{'dot.name':{'S':'dn'}}");
	TestProj("dot.nam", NULL, item, "{}");
	TestProj("a,b", NULL, "{}", "{}");
	TestProj("a", NULL, NULL, "{}");
	TestProj(" a , b . c ", NULL, item, "{'a':{'S':'x'},'b':{'M':{'c':{'N':'1'}}}}");
}

/* Key conditions (section 5, #35-#39). */
static void
TestKeyConditions(void)
{
	const char *v = "{':pk':{'S':'p'},':a':{'S':'a'},':b':{'S':'b'},':n':{'N':'1'}}";

	TestKey("pk = :pk", NULL, "{':pk':{'S':'p'}}", "sk", DDB_TYPE_S, "pk = {'S':'p'}");
	TestKey(":pk = pk", NULL, "{':pk':{'S':'p'}}", NULL, DDB_TYPE_S, "pk = {'S':'p'}");
	TestKey("pk = :pk AND sk > :a", NULL, "{':pk':{'S':'p'},':a':{'S':'a'}}", "sk", DDB_TYPE_S,
			"pk = {'S':'p'}; sk > {'S':'a'}");
	TestKey(":a < sk AND pk = :pk", NULL, "{':pk':{'S':'p'},':a':{'S':'a'}}", "sk", DDB_TYPE_S,
			"pk = {'S':'p'}; sk > {'S':'a'}");
	TestKey("pk = :pk AND :a >= sk", NULL, "{':pk':{'S':'p'},':a':{'S':'a'}}", "sk", DDB_TYPE_S,
			"pk = {'S':'p'}; sk <= {'S':'a'}");
	TestKey("(pk = :pk) AND (sk BETWEEN :a AND :b)", NULL, "{':pk':{'S':'p'},':a':{'S':'a'},':b':{'S':'b'}}",
			"sk", DDB_TYPE_S, "pk = {'S':'p'}; sk BETWEEN {'S':'a'} {'S':'b'}");
	TestKey("begins_with(#s, :a) and #p = :pk", "{'#s':'sk','#p':'pk'}", "{':pk':{'S':'p'},':a':{'S':'a'}}",
			"sk", DDB_TYPE_S, "pk = {'S':'p'}; sk begins_with {'S':'a'}");
	TestKey("pk = :pk AND sk = :n", NULL, "{':pk':{'S':'p'},':n':{'N':'1'}}", "sk", DDB_TYPE_N,
			"pk = {'S':'p'}; sk = {'N':'1'}");

	TestKey("pk = :pk OR sk = :a", NULL, v, "sk", DDB_TYPE_S,
			"Value provided in ExpressionAttributeValues unused in expressions: keys: {:b, :n}");
	TestKey("pk = :pk OR sk = :a", NULL, "{':pk':{'S':'p'},':a':{'S':'a'}}", "sk", DDB_TYPE_S,
			"Invalid operator used in KeyConditionExpression: OR");
	TestKey("NOT pk = :pk", NULL, "{':pk':{'S':'p'}}", "sk", DDB_TYPE_S,
			"Invalid operator used in KeyConditionExpression: NOT");
	TestKey("pk = :pk AND sk IN (:a)", NULL, "{':pk':{'S':'p'},':a':{'S':'a'}}", "sk", DDB_TYPE_S,
			"Invalid operator used in KeyConditionExpression: IN");
	TestKey("pk <> :pk", NULL, "{':pk':{'S':'p'}}", "sk", DDB_TYPE_S,
			"Invalid operator used in KeyConditionExpression: <>");
	TestKey("pk = :pk AND attribute_exists(sk)", NULL, "{':pk':{'S':'p'}}", "sk", DDB_TYPE_S,
			"Invalid operator used in KeyConditionExpression: attribute_exists");
	TestKey("pk = :pk AND contains(sk, :a)", NULL, "{':pk':{'S':'p'},':a':{'S':'a'}}", "sk", DDB_TYPE_S,
			"Invalid operator used in KeyConditionExpression: contains");
	TestKey("size(b) > :a AND a.b > b AND b > c", NULL, "{':a':{'S':'a'}}", "sk", DDB_TYPE_S,
			"KeyConditionExpressions cannot contain nested operations");
	TestKey("a > size(b.d)", NULL, NULL, "sk", DDB_TYPE_S,
			"KeyConditionExpressions cannot contain nested operations");
	TestKey(":a BETWEEN sk AND :b", NULL, "{':a':{'S':'a'},':b':{'S':'b'}}", "sk", DDB_TYPE_S,
			"Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand");
	TestKey("begins_with(:a, sk)", NULL, "{':a':{'S':'a'}}", "sk", DDB_TYPE_S,
			"Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand");
	TestKey("b > a.b", NULL, NULL, "sk", DDB_TYPE_S,
			"Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
	TestKey("b between c[1] and d", NULL, NULL, "sk", DDB_TYPE_S,
			"Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
	TestKey("begins_with(a, b)", NULL, NULL, "sk", DDB_TYPE_S,
			"Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
	TestKey("b.d > :a AND c.d > e.f", NULL, "{':a':{'S':'a'}}", "sk", DDB_TYPE_S,
			"KeyConditionExpressions cannot have conditions on nested attributes");
	TestKey("b[0] > :a", NULL, "{':a':{'S':'a'}}", "sk", DDB_TYPE_S,
			"KeyConditionExpressions cannot have conditions on nested attributes");
	TestKey(":b > :a AND a < :b", NULL, "{':a':{'S':'a'},':b':{'S':'b'}}", "sk", DDB_TYPE_S,
			"Invalid condition in KeyConditionExpression: No key attribute specified");
	TestKey("sk > :a AND sk < :b", NULL, "{':a':{'S':'a'},':b':{'S':'b'}}", "sk", DDB_TYPE_S,
			"KeyConditionExpressions must only contain one condition per key");
	TestKey("pk = :pk AND sk > :a AND x = :b", NULL, "{':pk':{'S':'p'},':a':{'S':'a'},':b':{'S':'b'}}", "sk", DDB_TYPE_S,
			"Conditions can be of length 1 or 2 only");
	TestKey("sk = :a", NULL, "{':a':{'S':'a'}}", "sk", DDB_TYPE_S,
			"Query condition missed key schema element: pk");
	TestKey("pk = :pk AND x = :a", NULL, "{':pk':{'S':'p'},':a':{'S':'a'}}", "sk", DDB_TYPE_S,
			"Query condition missed key schema element: sk");
	TestKey("pk = :pk AND sk = :a", NULL, "{':pk':{'S':'p'},':a':{'S':'a'}}", NULL, DDB_TYPE_S,
			"Query key condition not supported");
	TestKey("pk > :pk", NULL, "{':pk':{'S':'p'}}", "sk", DDB_TYPE_S,
			"Query key condition not supported");
	TestKey("begins_with(pk, :pk)", NULL, "{':pk':{'S':'p'}}", NULL, DDB_TYPE_S,
			"Query key condition not supported");
	TestKey("pk = :n", NULL, "{':n':{'N':'1'}}", "sk", DDB_TYPE_S,
			"One or more parameter values were invalid: Condition parameter type does not match schema type");
	TestKey("pk = :pk AND begins_with(sk, :a)", NULL, "{':pk':{'S':'p'},':a':{'S':'a'}}", "sk", DDB_TYPE_N,
			"One or more parameter values were invalid: Condition parameter type does not match schema type");
	TestKey("pk = :pk AND begins_with(sk, :n)", NULL, "{':pk':{'S':'p'},':n':{'N':'1'}}", "sk", DDB_TYPE_N,
			"Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
	TestKey("pk = :pk AND sk BETWEEN :b AND :a", NULL, "{':pk':{'S':'p'},':a':{'S':'a'},':b':{'S':'b'}}", "sk", DDB_TYPE_S,
			"Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}");
	TestKey("pk = :pk AND #x > :a", NULL, "{':pk':{'S':'p'},':a':{'S':'a'}}", "sk", DDB_TYPE_S,
			"Invalid KeyConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x");

	TestKeyMatch("pk = :pk", "{':pk':{'S':'p'}}", "{'S':'anything'}", "true");
	TestKeyMatch("pk = :pk AND sk BETWEEN :a AND :b", "{':pk':{'S':'p'},':a':{'S':'b'},':b':{'S':'d'}}", "{'S':'c'}", "true");
	TestKeyMatch("pk = :pk AND sk BETWEEN :a AND :b", "{':pk':{'S':'p'},':a':{'S':'b'},':b':{'S':'d'}}", "{'S':'d'}", "true");
	TestKeyMatch("pk = :pk AND sk BETWEEN :a AND :b", "{':pk':{'S':'p'},':a':{'S':'b'},':b':{'S':'d'}}", "{'S':'da'}", "false");
	TestKeyMatch("pk = :pk AND begins_with(sk, :a)", "{':pk':{'S':'p'},':a':{'S':'ab'}}", "{'S':'abc'}", "true");
	TestKeyMatch("pk = :pk AND begins_with(sk, :a)", "{':pk':{'S':'p'},':a':{'S':'ab'}}", "{'S':'a'}", "false");
	TestKeyMatch("pk = :pk AND sk < :a", "{':pk':{'S':'p'},':a':{'S':'b'}}", "{'S':'a'}", "true");
	TestKeyMatch("pk = :pk AND sk >= :a", "{':pk':{'S':'p'},':a':{'S':'b'}}", "{'S':'a'}", "false");

	TestFilterKeys("sk = :v", NULL, "{':v':{'S':'x'}}",
				   "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
	TestFilterKeys("a = :v OR size(#p) > :v", "{'#p':'pk'}", "{':v':{'S':'x'}}",
				   "Filter Expression can only contain non-primary key attributes: Primary key attribute: pk");
	TestFilterKeys("a = :v AND pkx = sk2", NULL, "{':v':{'S':'x'}}", "ok");
}

/* SET abc = a string of len bytes: "ok" or the error (item size limit). */
static void
TestItemSize(size_t len, const char *expected)
{
	static char result[RESULT_SIZE];
	char	   *big = malloc(len);
	bool		ok;

	memset(big, 'x', len);
	DDB_TRY(ok)
	{
		DdbExprContext *ctx = DdbExprContextCreate();
		DdbUpdate  *u;
		DdbUpdateResult *r;

		DdbExprContextAddValue(ctx, ":v", 2, DdbMakeString(big, len));
		u = DdbParseUpdate("SET abc = :v", 12, ctx);
		r = DdbUpdateApply(u, NULL, NULL);
		snprintf(result, sizeof(result), "%s",
				 DdbItemSize(r->item) == len + 3 ? "ok" : "wrong size");
	}
	if (!ok)
		ErrorText(result, sizeof(result));
	Check("item size", result, expected);
	DdbArenaReset();
	free(big);
}

/* SET from a value of lists nested depth deep, on {'m':{'M':{}}}. */
static void
TestNesting(int depth, const char *expr, const char *expected)
{
	static char result[RESULT_SIZE];
	char	   *values = malloc((size_t) depth * 16 + 64);
	int			i;
	bool		ok;

	strcpy(values, "{':v':");
	for (i = 0; i < depth; i++)
		strcat(values, "{'L':[");
	strcat(values, "{'S':'x'}");
	for (i = 0; i < depth; i++)
		strcat(values, "]}");
	strcat(values, "}");
	DDB_TRY(ok)
	{
		DdbExprContext *ctx = Ctx(NULL, values);
		DdbUpdate  *u = DdbParseUpdate(expr, strlen(expr), ctx);

		(void) DdbUpdateApply(u, Item("{'m':{'M':{}}}"), NULL);
		snprintf(result, sizeof(result), "ok");
	}
	if (!ok)
		ErrorText(result, sizeof(result));
	Check(expr, result, expected);
	DdbArenaReset();
	free(values);
}

/* Context bookkeeping and path display. */
static void
TestContext(void)
{
	static char result[RESULT_SIZE];
	bool		ok;

	DDB_TRY(ok)
	{
		DdbExprContext *ctx = Ctx("{'#a':'a','#b':'b','#a':'c'}", "{':v':{'N':'1'}}");
		DdbProjection *p;

		p = DdbParseProjection("#a.x[3][0].#b, y", 16, ctx);
		snprintf(result, sizeof(result), "%d %d %s %s",
				 DdbExprContextNameCount(ctx), DdbExprContextValueCount(ctx),
				 DdbPathFormat(&p->paths[0]), DdbPathFormat(&p->paths[1]));
	}
	if (!ok)
		ErrorText(result, sizeof(result));
	Check("context", result, "2 1 [c, x, [3], [0], b] [y]");
	DdbArenaReset();
}

/* Limits (section 8) and hostile input. */
static void
TestLimits(void)
{
	char	   *s;

	/* 4096 bytes pass, 4097 do not */
	s = Repeat("a = :one", " ", 4096 - 8, "");
	TestCond(s, NULL, V_N1, "{'a':{'N':'1'}}", "true");
	free(s);
	s = Repeat("a = :one", " ", 4097 - 8, "");
	TestCond(s, NULL, V_N1, "{'a':{'N':'1'}}",
			 "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097");
	free(s);
	s = Repeat("a", ",a", 2000, "");
	TestProj(s, NULL, NULL,
			 "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
	free(s);

	/* 300 operators pass, 301 do not */
	s = Repeat("a = :one", " OR a = :one", 149, "");	/* 149 OR + 150 = */
	TestCond(s, NULL, V_N1, "{'a':{'N':'2'}}", "false");
	free(s);
	s = Repeat("a = :one", " OR a = :one", 150, "");
	TestCond(s, NULL, V_N1, "{'a':{'N':'2'}}",
			 "Invalid ConditionExpression: The expression contains too many operators; operator count: 301");
	free(s);
	s = ManyActions(300);
	{
		char	   *expected = malloc(300 * 24 + 8);
		int			i;

		strcpy(expected, "{");
		for (i = 0; i < 300; i++)
			sprintf(expected + strlen(expected), "%s'a%d':{'N':'2'}", i ? "," : "", i);
		strcat(expected, "}");
		TestUpdate(s, NULL, "{':o':{'N':'1'}}", NULL, expected);
		free(expected);
	}
	free(s);
	s = ManyActions(301);
	TestUpdate(s, NULL, "{':o':{'N':'1'}}", NULL,
			   "Invalid UpdateExpression: The expression contains too many operators; operator count: 301");
	free(s);
	s = Repeat("size(", "size(", 400, "a");
	TestCond(s, NULL, NULL, NULL,
			 "Invalid ConditionExpression: The expression contains too many operators; operator count: 301");
	free(s);

	/* IN takes at most 100 operands */
	s = Repeat("a IN (:one", ",:one", 99, ")");
	TestCond(s, NULL, V_N1, "{'a':{'N':'1'}}", "true");
	free(s);
	s = Repeat("a IN (:one", ",:one", 100, ")");
	TestCond(s, NULL, V_N1, "{'a':{'N':'1'}}",
			 "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101");
	free(s);

	/* paths: 32 dereferences pass, 33 do not */
	s = Repeat("attribute_exists(a", ".a", 32, ")");
	TestCond(s, NULL, NULL, NULL, "false");
	free(s);
	s = Repeat("attribute_exists(a", "[0]", 33, ")");
	TestCond(s, NULL, NULL, NULL,
			 "Invalid ConditionExpression: The document path has too many nesting levels; nesting levels: 33, maximum allowed: 32");
	free(s);

	/* hostile nesting is refused without deep recursion */
	s = Repeat("", "(", 4000, "a");
	TestCond(s, NULL, NULL, NULL,
			 "Invalid ConditionExpression: The expression has redundant parentheses;");
	free(s);
	s = Repeat("", "NOT (", 299, "a = b");
	TestCond(s, NULL, NULL, NULL,
			 "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"b\"");
	free(s);
	s = Repeat("SET a = ", "(", 4000, ":one");
	TestUpdate(s, NULL, V_N1, NULL,
			   "Invalid UpdateExpression: The expression has redundant parentheses;");
	free(s);
	s = Repeat("a = :one", " AND a = :one", 140, "");
	TestCond(s, NULL, V_N1, "{'a':{'N':'1'}}", "true");
	free(s);

	/* an update result may nest at most 32 levels below the item */
	TestNesting(31, "SET a = :v", "ok");
	TestNesting(32, "SET a = :v",
				"Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit");
	TestNesting(31, "SET m.b = :v",
				"Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit");
	TestNesting(30, "SET m.b = :v", "ok");

	/* a 400 KB update result is refused */
	TestItemSize(409600 - 3, "ok");
	TestItemSize(409600 - 2, "Item size to update has exceeded the maximum allowed size");
}

/* Run every group and report. */
int
main(void)
{
	TestSyntax();
	TestPlaceholders();
	TestFunctionErrors();
	TestOrder();
	TestEval();
	TestUpdates();
	TestProjections();
	TestKeyConditions();
	TestLimits();
	TestContext();
	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
