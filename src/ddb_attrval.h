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
 * pointers to old values.  Constructors do not copy: string data, element
 * arrays and entry arrays must outlive the value.
 *
 * Errors: ValidationException and SerializationException are raised with
 * DynamoDB's exact texts (items.md, errors.md).  The Try variants return
 * the ValidationException message instead of raising it, so that callers
 * can collect it (the jsonb conversion reports validation problems only
 * after the whole value has been read, as the service does).
 *
 * The functions are implemented in ddb_attrval.c and ddb_number.c.
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
 * DdbNumberParse without raising: returns NULL and sets *error to the
 * ValidationException message when the text is not a valid number; *error
 * is NULL on success.  A leading '+' is accepted (as the service does).
 */
extern DdbValue *DdbNumberTryParse(const char *text, size_t len, const char **error);

/* An N value for an integer. */
extern DdbValue *DdbMakeNumberInt(int64_t n);

/* DynamoDB's stored size of an N value (items.md section 4). */
extern size_t DdbNumberSize(const DdbValue *value);

/*
 * Sets: validates non-emptiness and uniqueness (with DynamoDB's messages)
 * of elements that already have the element type (S, N or B).
 */
extern DdbValue *DdbMakeSet(DdbValueType set_type, DdbValue **elems, size_t count);

/* DdbMakeSet without raising: NULL and *error set on a violation. */
extern DdbValue *DdbTryMakeSet(DdbValueType set_type, DdbValue **elems, size_t count,
							   const char **error);

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

/*
 * Raise "Item size has exceeded the maximum allowed size" (or, with
 * for_update, "Item size to update has exceeded the maximum allowed size")
 * when DdbItemSize(item) > 400 KB.
 */
extern void DdbCheckItemSize(const DdbValue *item, bool for_update);

/*
 * Nesting depth: 0 for scalars and sets, 1 + the deepest element for M/L.
 * DynamoDB rejects a document whose M/L containers nest 32 or more levels
 * below the item (the item map is level 0, a top-level attribute's M/L is
 * level 1), i.e. an attribute value's depth must be at most 31; a value
 * standing alone (ExpressionAttributeValues) may have depth 32.
 */
extern int	DdbValueDepth(const DdbValue *value);

#define DDB_NESTING_MESSAGE \
	"Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"

/*
 * Key attribute checks for a value that already has the declared key type
 * (S, N or B): an empty S or B is rejected, with the wording for an Item
 * (in_item: PutItem, PutRequest, Put) or for a Key parameter; S/B longer
 * than 2048 bytes (partition key) or 1024 bytes (sort key) is rejected.
 * N values are not checked (any valid number is a valid key).  name is the
 * attribute name, name_len bytes, used in the message.
 */
extern void DdbCheckKeyValue(const DdbValue *value, const char *name, size_t name_len,
							 bool is_sort_key, bool in_item);

/*
 * Base64 (standard alphabet, '=' padding).  Encode returns NUL-terminated
 * text of *out_len (may be NULL) characters.  Decode raises
 * SerializationException with the service's texts ("Base64 encoded length
 * is expected a multiple of 4 bytes but found: <n>", "Invalid last non-pad
 * Base64 character dectected") and returns the bytes, NUL-terminated, with
 * their count in *out_len (may be NULL).
 */
extern char *DdbBase64Encode(const char *data, size_t len, size_t *out_len);
extern char *DdbBase64Decode(const char *text, size_t len, size_t *out_len);

#endif							/* DDB_ATTRVAL_H */
