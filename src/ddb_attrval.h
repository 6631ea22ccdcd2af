/*-------------------------------------------------------------------------
 *
 * ddb_attrval.h
 *	  DynamoDB attribute values: the typed value model, validation,
 *	  numbers, ordering, equality and DynamoDB's size rules.
 *
 * This module has no PostgreSQL dependencies (see ddb_core.h); the
 * conversion between jsonb and DdbValue lives in ddb_attrval_jsonb.c.
 *
 * Representation:
 *	- S: str holds the UTF-8 bytes (not NUL-terminated in general).
 *	- N: str holds the canonical decimal text (DdbNumberParse's output).
 *	- B: str holds the raw (decoded) bytes.
 *	- BOOL: boolean.  NULL: no payload (always "true" on the wire).
 *	- L: list.elems in order.
 *	- SS/NS/BS: list.elems are S/N/B values, unique, in input order.
 *	- M: map.entries; names are unique.  An item, a key and
 *	  ExpressionAttributeValues' values are all M or maps of M.
 *
 * Values are immutable once built; every function that "changes" a value
 * returns a new one (sharing unchanged subtrees), so callers may keep
 * pointers to old values.
 *
 * IDENTIFICATION
 *	  src/ddb_attrval.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_ATTRVAL_H
#define DDB_ATTRVAL_H

#include "ddb_core.h"

typedef enum DdbValueType
{
	DDB_TYPE_S,
	DDB_TYPE_N,
	DDB_TYPE_B,
	DDB_TYPE_BOOL,
	DDB_TYPE_NULL,
	DDB_TYPE_M,
	DDB_TYPE_L,
	DDB_TYPE_SS,
	DDB_TYPE_NS,
	DDB_TYPE_BS
} DdbValueType;

typedef struct DdbValue DdbValue;

typedef struct DdbMapEntry
{
	const char *name;			/* UTF-8, not NUL-terminated in general */
	size_t		name_len;
	DdbValue   *value;
} DdbMapEntry;

struct DdbValue
{
	DdbValueType type;
	union
	{
		struct
		{
			const char *data;
			size_t		len;
		}			str;		/* S, N, B */
		bool		boolean;	/* BOOL */
		struct
		{
			DdbValue  **elems;
			size_t		count;
		}			list;		/* L, SS, NS, BS */
		struct
		{
			DdbMapEntry *entries;
			size_t		count;
		}			map;		/* M */
	}			u;
};

/* Limits from items.md */
#define DDB_MAX_ITEM_SIZE			409600
#define DDB_MAX_HASH_KEY_SIZE		2048
#define DDB_MAX_RANGE_KEY_SIZE		1024
#define DDB_MAX_NESTING_DEPTH		32
#define DDB_MAX_NUMBER_DIGITS		38

/* The wire name of a type: "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", ... */
extern const char *DdbTypeName(DdbValueType type);

/* Parse a wire type name; returns false if it is not one of the ten. */
extern bool DdbTypeFromName(const char *name, size_t len, DdbValueType *type);

/* Constructors.  Scalars copy nothing: data must outlive the value. */
extern DdbValue *DdbMakeString(const char *data, size_t len);
extern DdbValue *DdbMakeBinary(const char *data, size_t len);
extern DdbValue *DdbMakeBool(bool b);
extern DdbValue *DdbMakeNull(void);
extern DdbValue *DdbMakeList(DdbValue **elems, size_t count);
extern DdbValue *DdbMakeMap(DdbMapEntry *entries, size_t count);

/*
 * Numbers.  DdbNumberParse validates text with DynamoDB's rules and
 * messages (ValidationException) and returns an N value holding the
 * canonical text: plain decimal, no exponent, no leading zeros, no trailing
 * fractional zeros, "0" for zero.
 */
extern DdbValue *DdbNumberParse(const char *text, size_t len);
extern int	DdbNumberCompare(const DdbValue *a, const DdbValue *b);
extern DdbValue *DdbNumberAdd(const DdbValue *a, const DdbValue *b);
extern DdbValue *DdbNumberSubtract(const DdbValue *a, const DdbValue *b);

/*
 * Sets: validates non-emptiness and uniqueness (with DynamoDB's messages)
 * of elements that already have the element type (S, N or B).
 */
extern DdbValue *DdbMakeSet(DdbValueType set_type, DdbValue **elems, size_t count);

/* Map lookup by attribute name; NULL when absent. */
extern DdbValue *DdbMapGet(const DdbValue *map, const char *name, size_t name_len);

/*
 * Ordering of two scalars of the same type (S bytewise unsigned, N numeric,
 * B bytewise unsigned).  Returns <0, 0, >0.
 */
extern int	DdbScalarCompare(const DdbValue *a, const DdbValue *b);

/* Deep equality as DynamoDB defines it (sets compare as sets). */
extern bool DdbValueEquals(const DdbValue *a, const DdbValue *b);

/* DynamoDB's size of a value, and of an item (names + values). */
extern size_t DdbValueSize(const DdbValue *value);
extern size_t DdbItemSize(const DdbValue *item);

#endif							/* DDB_ATTRVAL_H */
