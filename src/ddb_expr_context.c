/*-------------------------------------------------------------------------
 *
 * ddb_expr_context.c
 *	  ExpressionAttributeNames and ExpressionAttributeValues of one request:
 *	  placeholder lookup, use tracking, and the "unused" errors.
 *
 * One context serves every expression of a request (an UpdateItem's
 * UpdateExpression and ConditionExpression share it), because DynamoDB
 * judges "unused" across all of them.  Entries are kept in insertion order
 * for the messages and indexed by an open-addressing hash table, so that
 * lookups stay cheap with the thousands of placeholders the 2 MB limit
 * allows.
 *
 * IDENTIFICATION
 *	  src/ddb_expr_context.c
 *
 *-------------------------------------------------------------------------
 */
#include <string.h>

#include "ddb_expr_int.h"

typedef struct ExprEntry
{
	const char *key;
	size_t		key_len;
	const char *name;			/* names */
	size_t		name_len;
	const DdbValue *value;		/* values */
	bool		used;
} ExprEntry;

typedef struct EntryTable
{
	ExprEntry  *entries;		/* insertion order */
	int			count;
	int			cap;
	int		   *slots;			/* entry index + 1, 0 = empty */
	int			nslots;			/* a power of two */
} EntryTable;

struct DdbExprContext
{
	EntryTable	names;
	EntryTable	values;
};

static uint32_t HashKey(const char *key, size_t len);
static int	TableFind(const EntryTable *table, const char *key, size_t len);
static ExprEntry *TableInsert(EntryTable *table, const char *key, size_t len);
static void CheckKey(const char *key, size_t len, char lead, const char *map);
static void ReportUnused(const EntryTable *table, const char *map);

/* An empty context. */
DdbExprContext *
DdbExprContextCreate(void)
{
	return DdbAlloc(sizeof(DdbExprContext));
}

/* FNV-1a hash of a placeholder key. */
static uint32_t
HashKey(const char *key, size_t len)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (i = 0; i < len; i++)
	{
		h ^= (unsigned char) key[i];
		h *= 16777619u;
	}
	return h;
}

/* Index of the entry with this key, or -1. */
static int
TableFind(const EntryTable *table, const char *key, size_t len)
{
	uint32_t	i;

	if (table->nslots == 0)
		return -1;
	for (i = HashKey(key, len) & (uint32_t) (table->nslots - 1);;
		 i = (i + 1) & (uint32_t) (table->nslots - 1))
	{
		int			slot = table->slots[i];
		const ExprEntry *e;

		if (slot == 0)
			return -1;
		e = &table->entries[slot - 1];
		if (e->key_len == len && memcmp(e->key, key, len) == 0)
			return slot - 1;
	}
}

/* The entry for key, created (zeroed) if absent. */
static ExprEntry *
TableInsert(EntryTable *table, const char *key, size_t len)
{
	int			found = TableFind(table, key, len);
	ExprEntry  *e;
	uint32_t	i;

	if (found >= 0)
		return &table->entries[found];

	if (table->count == table->cap)
	{
		int			newcap = table->cap ? table->cap * 2 : 8;

		table->entries = DdbRealloc(table->entries,
									sizeof(ExprEntry) * (size_t) table->cap,
									sizeof(ExprEntry) * (size_t) newcap);
		table->cap = newcap;
	}
	/* keep the hash table at most half full */
	if ((table->count + 1) * 2 > table->nslots)
	{
		int			n = table->nslots ? table->nslots * 2 : 16;
		int			k;

		table->slots = DdbAlloc(sizeof(int) * (size_t) n);
		table->nslots = n;
		for (k = 0; k < table->count; k++)
		{
			for (i = HashKey(table->entries[k].key, table->entries[k].key_len) &
				 (uint32_t) (n - 1);
				 table->slots[i] != 0;
				 i = (i + 1) & (uint32_t) (n - 1))
				;
			table->slots[i] = k + 1;
		}
	}
	e = &table->entries[table->count];
	memset(e, 0, sizeof(ExprEntry));
	e->key = key;
	e->key_len = len;
	for (i = HashKey(key, len) & (uint32_t) (table->nslots - 1);
		 table->slots[i] != 0;
		 i = (i + 1) & (uint32_t) (table->nslots - 1))
		;
	table->slots[i] = ++table->count;
	return e;
}

/* Validate a placeholder key: lead character, then [A-Za-z0-9_]+. */
static void
CheckKey(const char *key, size_t len, char lead, const char *map)
{
	size_t		i;
	bool		ok = (len >= 2 && key[0] == lead);

	for (i = 1; ok && i < len; i++)
	{
		char		c = key[i];

		ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			(c >= '0' && c <= '9') || c == '_';
	}
	if (!ok)
		DdbRaise(DDB_EXC_ValidationException,
				 "%s contains invalid key: Syntax error; key: \"%.*s\"",
				 map, (int) len, key);
	if (len > DDB_EXPR_MAX_PLACEHOLDER_LENGTH)
		DdbRaise(DDB_EXC_ValidationException,
				 "%s contains invalid key: The key length exceeds the maximum of %d bytes; key: \"%.*s\"",
				 map, DDB_EXPR_MAX_PLACEHOLDER_LENGTH, (int) len, key);
}

/* Raise unless key is a valid ExpressionAttributeNames key ("#x"). */
void
DdbExprCheckNameKey(const char *key, size_t key_len)
{
	CheckKey(key, key_len, '#', "ExpressionAttributeNames");
}

/* Raise unless key is a valid ExpressionAttributeValues key (":x"). */
void
DdbExprCheckValueKey(const char *key, size_t key_len)
{
	CheckKey(key, key_len, ':', "ExpressionAttributeValues");
}

/* Add (or replace) a name placeholder. */
void
DdbExprContextAddName(DdbExprContext *ctx, const char *key, size_t key_len,
					  const char *name, size_t name_len)
{
	ExprEntry  *e;

	DdbExprCheckNameKey(key, key_len);
	e = TableInsert(&ctx->names, key, key_len);
	e->name = name;
	e->name_len = name_len;
}

/* Add (or replace) a value placeholder. */
void
DdbExprContextAddValue(DdbExprContext *ctx, const char *key, size_t key_len,
					   const DdbValue *value)
{
	ExprEntry  *e;

	DdbExprCheckValueKey(key, key_len);
	e = TableInsert(&ctx->values, key, key_len);
	e->value = value;
}

/* Number of name placeholders. */
int
DdbExprContextNameCount(const DdbExprContext *ctx)
{
	return ctx->names.count;
}

/* Number of value placeholders. */
int
DdbExprContextValueCount(const DdbExprContext *ctx)
{
	return ctx->values.count;
}

/* The attribute name for "#key" (marking it used), or NULL if undefined. */
const char *
DdbExprLookupName(DdbExprContext *ctx, const char *key, size_t key_len,
				  size_t *name_len)
{
	int			i = TableFind(&ctx->names, key, key_len);

	if (i < 0)
		return NULL;
	ctx->names.entries[i].used = true;
	*name_len = ctx->names.entries[i].name_len;
	return ctx->names.entries[i].name;
}

/* The value for ":key" (marking it used), or NULL if undefined. */
const DdbValue *
DdbExprLookupValue(DdbExprContext *ctx, const char *key, size_t key_len)
{
	int			i = TableFind(&ctx->values, key, key_len);

	if (i < 0)
		return NULL;
	ctx->values.entries[i].used = true;
	return ctx->values.entries[i].value;
}

/* Raise the "unused" error for one map if any of its entries is unused. */
static void
ReportUnused(const EntryTable *table, const char *map)
{
	DdbBuf		buf;
	int			i;
	bool		any = false;

	DdbBufInit(&buf);
	for (i = 0; i < table->count; i++)
	{
		const ExprEntry *e = &table->entries[i];

		if (e->used)
			continue;
		if (any)
			DdbBufAppendStr(&buf, ", ");
		DdbBufAppend(&buf, e->key, e->key_len);
		any = true;
	}
	if (any)
		DdbRaise(DDB_EXC_ValidationException,
				 "Value provided in %s unused in expressions: keys: {%s}",
				 map, buf.data);
}

/* Unused names first, then unused values (expressions.md section 9). */
void
DdbExprCheckUnused(const DdbExprContext *ctx)
{
	ReportUnused(&ctx->names, "ExpressionAttributeNames");
	ReportUnused(&ctx->values, "ExpressionAttributeValues");
}
