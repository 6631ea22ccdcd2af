/*-------------------------------------------------------------------------
 *
 * fuzz_expr.c
 *	  libFuzzer target for the expression module (src/ddb_expr*.c).
 *
 * Input format (text, so that seeds are readable):
 *
 *	line 1        the expression kind: C (condition), F (filter), U (update),
 *	              P (projection) or K (key condition); any other first
 *	              byte picks a kind from its value
 *	#key=name     an ExpressionAttributeNames entry (any number of lines)
 *	:key=T text   an ExpressionAttributeValues entry: T is S, N, B, BOOL,
 *	              NULL, SS, NS, BS (elements separated by ','), L or M
 *	              (fixed small documents), e.g. ":v=N 12.5", ":s=SS a,b"
 *	---           separator; everything after it is the expression text
 *
 * Without a "---" line everything after line 1 is the expression.  Each
 * iteration parses the expression, checks unused placeholders, and runs
 * every later stage that applies to its kind (evaluation against a fixed
 * item and against no item, key checks, update application, projection,
 * key condition resolution), each under its own DDB_TRY, since any stage
 * may legitimately raise a ValidationException.  DdbArenaReset frees all
 * memory at the end of the iteration, so LeakSanitizer sees no leaks.
 * A DdbRaise outside a DDB_TRY aborts, which the fuzzer reports.
 *
 * IDENTIFICATION
 *	  test/fuzz/fuzz_expr.c
 *
 *-------------------------------------------------------------------------
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ddb_core_standalone.h"
#include "ddb_expr.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct FuzzInput
{
	char		kind;
	DdbExprContext *ctx;
	const char *expr;
	size_t		expr_len;
	DdbValue   *item;
} FuzzInput;

static DdbValue *Str(const char *s);
static DdbValue *Num(const char *s);
static DdbValue *FixedItem(void);
static DdbValue *FixedList(void);
static DdbValue *FixedMap(void);
static DdbValue *ParseValue(const char *text, size_t len);
static bool ReadInput(const char *data, size_t size, FuzzInput *in);
static void *StageParse(FuzzInput *in);
static void StageCondition(const DdbCondition *cond, const DdbValue *item);
static void StageUpdate(const DdbUpdate *update, const DdbValue *item);
static void StageProjection(const DdbProjection *proj, const DdbValue *item);
static void StageKey(const DdbCondition *cond);

/* An S value over a C string literal. */
static DdbValue *
Str(const char *s)
{
	return DdbMakeString(s, strlen(s));
}

/* An N value from a valid literal. */
static DdbValue *
Num(const char *s)
{
	return DdbNumberParse(s, strlen(s));
}

/* [ "p", 1, {"k": "v"}, ["q"] ] */
static DdbValue *
FixedList(void)
{
	DdbValue  **elems = DdbAlloc(sizeof(DdbValue *) * 4);
	DdbValue  **inner = DdbAlloc(sizeof(DdbValue *));
	DdbMapEntry *kv = DdbAlloc(sizeof(DdbMapEntry));

	kv[0].name = "k";
	kv[0].name_len = 1;
	kv[0].value = Str("v");
	inner[0] = Str("q");
	elems[0] = Str("p");
	elems[1] = Num("1");
	elems[2] = DdbMakeMap(kv, 1);
	elems[3] = DdbMakeList(inner, 1);
	return DdbMakeList(elems, 4);
}

/* {"a": {"b": "deep"}, "lst": [...]} */
static DdbValue *
FixedMap(void)
{
	DdbMapEntry *inner = DdbAlloc(sizeof(DdbMapEntry));
	DdbMapEntry *entries = DdbAlloc(sizeof(DdbMapEntry) * 2);

	inner[0].name = "b";
	inner[0].name_len = 1;
	inner[0].value = Str("deep");
	entries[0].name = "a";
	entries[0].name_len = 1;
	entries[0].value = DdbMakeMap(inner, 1);
	entries[1].name = "lst";
	entries[1].name_len = 3;
	entries[1].value = FixedList();
	return DdbMakeMap(entries, 2);
}

/* The item every expression is evaluated and applied against. */
static DdbValue *
FixedItem(void)
{
	static const char *const names[] = {
		"pk", "sk", "a", "n", "b", "t", "z", "ss", "ns", "bs", "l", "m", "u"
	};
	DdbMapEntry *e = DdbAlloc(sizeof(DdbMapEntry) * 13);
	DdbValue  **ss = DdbAlloc(sizeof(DdbValue *) * 2);
	DdbValue  **ns = DdbAlloc(sizeof(DdbValue *) * 2);
	DdbValue  **bs = DdbAlloc(sizeof(DdbValue *) * 1);
	int			i;

	ss[0] = Str("x");
	ss[1] = Str("y");
	ns[0] = Num("1");
	ns[1] = Num("2.5");
	bs[0] = DdbMakeBinary("\x01", 1);
	for (i = 0; i < 13; i++)
	{
		e[i].name = names[i];
		e[i].name_len = strlen(names[i]);
	}
	e[0].value = Str("key");
	e[1].value = Num("5");
	e[2].value = Str("abc");
	e[3].value = Num("10");
	e[4].value = DdbMakeBinary("\x01\x02\x03", 3);
	e[5].value = DdbMakeBool(true);
	e[6].value = DdbMakeNull();
	e[7].value = DdbMakeSet(DDB_TYPE_SS, ss, 2);
	e[8].value = DdbMakeSet(DDB_TYPE_NS, ns, 2);
	e[9].value = DdbMakeSet(DDB_TYPE_BS, bs, 1);
	e[10].value = FixedList();
	e[11].value = FixedMap();
	e[12].value = Str("\xc3\xa9\xf0\x9d\x84\x9e");
	return DdbMakeMap(e, 13);
}

/* A value from "T payload" (may raise on invalid numbers or sets). */
static DdbValue *
ParseValue(const char *text, size_t len)
{
	size_t		tlen = 0;
	const char *payload;
	size_t		plen;
	DdbValueType type;

	while (tlen < len && text[tlen] != ' ')
		tlen++;
	payload = text + tlen + (tlen < len ? 1 : 0);
	plen = len - (size_t) (payload - text);
	if (!DdbTypeFromName(text, tlen, &type))
		return Str("default");
	switch (type)
	{
		case DDB_TYPE_S:
			return DdbMakeString(payload, plen);
		case DDB_TYPE_N:
			return DdbNumberParse(payload, plen);
		case DDB_TYPE_B:
			return DdbMakeBinary(payload, plen);
		case DDB_TYPE_BOOL:
			return DdbMakeBool(plen > 0 && payload[0] == 't');
		case DDB_TYPE_NULL:
			return DdbMakeNull();
		case DDB_TYPE_L:
			return plen > 0 ? FixedList() : DdbMakeList(NULL, 0);
		case DDB_TYPE_M:
			return plen > 0 ? FixedMap() : DdbMakeMap(NULL, 0);
		case DDB_TYPE_SS:
		case DDB_TYPE_NS:
		case DDB_TYPE_BS:
			{
				DdbValue  **elems = DdbAlloc(sizeof(DdbValue *) * (plen + 1));
				size_t		n = 0;
				size_t		start = 0;
				size_t		i;

				for (i = 0; i <= plen; i++)
				{
					if (i < plen && payload[i] != ',')
						continue;
					if (type == DDB_TYPE_SS)
						elems[n++] = DdbMakeString(payload + start, i - start);
					else if (type == DDB_TYPE_NS)
						elems[n++] = DdbNumberParse(payload + start, i - start);
					else
						elems[n++] = DdbMakeBinary(payload + start, i - start);
					start = i + 1;
				}
				return DdbMakeSet(type, elems, n);
			}
	}
	return Str("default");
}

/*
 * Split the input into kind, placeholders and expression.  Returns false
 * when building a placeholder raised (an invalid key, number or set).
 */
static bool
ReadInput(const char *data, size_t size, FuzzInput *in)
{
	volatile bool good = true;
	bool		ok;

	in->item = NULL;
	DDB_TRY(ok)
	{
		const char *end = data + size;
		const char *p = memchr(data, '\n', size);
		const char *sep = NULL;
		const char *q;

		in->ctx = DdbExprContextCreate();
		in->item = FixedItem();
		switch (size > 0 ? data[0] : 'C')
		{
			case 'C':
			case 'F':
			case 'U':
			case 'P':
			case 'K':
				in->kind = data[0];
				break;
			default:
				in->kind = "CFUPK"[(unsigned char) data[0] % 5];
				break;
		}
		p = p ? p + 1 : end;

		/* find a "---" line */
		for (q = p; q < end;)
		{
			const char *nl = memchr(q, '\n', (size_t) (end - q));
			const char *line_end = nl ? nl : end;

			if (line_end - q == 3 && memcmp(q, "---", 3) == 0)
			{
				sep = q;
				break;
			}
			q = nl ? nl + 1 : end;
		}
		if (sep == NULL)
		{
			in->expr = p;
			in->expr_len = (size_t) (end - p);
		}
		else
		{
			const char *after = sep + 3;

			if (after < end)
				after++;		/* the newline */
			in->expr = after;
			in->expr_len = (size_t) (end - after);
			/* placeholder lines between line 1 and the separator */
			for (q = p; q < sep;)
			{
				const char *nl = memchr(q, '\n', (size_t) (sep - q));
				const char *line_end = nl ? nl : sep;
				const char *eq = memchr(q, '=', (size_t) (line_end - q));

				if (eq != NULL && (q[0] == '#' || q[0] == ':'))
				{
					if (q[0] == '#')
						DdbExprContextAddName(in->ctx, q, (size_t) (eq - q), eq + 1,
											  (size_t) (line_end - eq - 1));
					else
						DdbExprContextAddValue(in->ctx, q, (size_t) (eq - q),
											   ParseValue(eq + 1, (size_t) (line_end - eq - 1)));
				}
				q = nl ? nl + 1 : sep;
			}
		}
	}
	if (!ok)
		good = false;
	return good;
}

/* Parse the expression and check unused placeholders; NULL on error. */
static void *
StageParse(FuzzInput *in)
{
	void	   *volatile result = NULL;
	bool		ok;

	DDB_TRY(ok)
	{
		switch (in->kind)
		{
			case 'C':
				result = DdbParseCondition(in->expr, in->expr_len, "ConditionExpression", in->ctx);
				break;
			case 'F':
				result = DdbParseCondition(in->expr, in->expr_len, "FilterExpression", in->ctx);
				break;
			case 'U':
				result = DdbParseUpdate(in->expr, in->expr_len, in->ctx);
				break;
			case 'P':
				result = DdbParseProjection(in->expr, in->expr_len, in->ctx);
				break;
			default:
				result = DdbParseKeyCondition(in->expr, in->expr_len, in->ctx);
				break;
		}
		DdbExprCheckUnused(in->ctx);
	}
	if (!ok)
		return NULL;
	return result;
}

/* Evaluate a condition; check a filter against key attributes. */
static void
StageCondition(const DdbCondition *cond, const DdbValue *item)
{
	bool		ok;

	DDB_TRY(ok)
	{
		(void) DdbEvalCondition(cond, item);
		(void) DdbEvalCondition(cond, NULL);
		DdbConditionCheckNonKey(cond, "pk", "sk");
	}
	(void) ok;
}

/* Check keys and apply an update to the item, to no item, and again. */
static void
StageUpdate(const DdbUpdate *update, const DdbValue *item)
{
	static const char *const table_keys[] = {"pk", "sk"};
	static const char *const index_keys[] = {"gk"};
	bool		ok;

	DDB_TRY(ok)
	{
		DdbUpdateResult *r;

		r = DdbUpdateApply(update, NULL, NULL);
		(void) DdbUpdateApply(update, r->item, NULL);
		DdbUpdateCheckKeys(update, table_keys, 2, index_keys, 1);
		r = DdbUpdateApply(update, item, NULL);
		(void) DdbUpdateApply(update, r->item, item);
	}
	(void) ok;
}

/* Project the item. */
static void
StageProjection(const DdbProjection *proj, const DdbValue *item)
{
	bool		ok;

	DDB_TRY(ok)
	{
		(void) DdbProjectItem(proj, item);
		(void) DdbProjectItem(proj, NULL);
	}
	(void) ok;
}

/* Check and resolve a key condition against two schemas. */
static void
StageKey(const DdbCondition *cond)
{
	bool		ok;

	DDB_TRY(ok)
	{
		DdbKeyTerms *terms = DdbKeyConditionTerms(cond);
		DdbKeyRange *r;

		r = DdbKeyConditionResolve(terms, "pk", DDB_TYPE_S, "sk", DDB_TYPE_N);
		(void) DdbKeyRangeMatches(r, DdbNumberParse("5", 1));
		(void) DdbKeyRangeMatches(r, DdbMakeString("5", 1));
		r = DdbKeyConditionResolve(terms, "pk", DDB_TYPE_S, NULL, DDB_TYPE_S);
		(void) DdbKeyRangeMatches(r, NULL);
	}
	(void) ok;
}

/* libFuzzer entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FuzzInput	in;

	memset(&in, 0, sizeof(in));
	if (ReadInput((const char *) data, size, &in))
	{
		void	   *parsed = StageParse(&in);

		if (parsed != NULL)
		{
			switch (in.kind)
			{
				case 'C':
				case 'F':
					StageCondition(parsed, in.item);
					break;
				case 'U':
					StageUpdate(parsed, in.item);
					break;
				case 'P':
					StageProjection(parsed, in.item);
					break;
				default:
					StageCondition(parsed, in.item);
					StageKey(parsed);
					break;
			}
		}
	}
	DdbArenaReset();
	return 0;
}
