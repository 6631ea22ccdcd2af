/*-------------------------------------------------------------------------
 *
 * ddb_attrval.c
 *	  DynamoDB attribute values: type names, constructors, sets and their
 *	  validation, ordering, equality, sizes, base64 and key checks.
 *
 * Numbers live in ddb_number.c; the jsonb conversion in
 * ddb_attrval_jsonb.c.  This file uses only the C library and ddb_core.h:
 * every allocation goes through DdbAlloc and every error through DdbRaise,
 * so it runs unchanged inside the server and in the standalone tests.
 *
 * Validation messages are DynamoDB's own texts as recorded in items.md
 * section 1.1 and 3 and errors.md section 4, oddities included ("An string
 * set  may not be empty", "...]of type BS contains duplicates.", "limit
 * of2048 bytes", "dectected").
 *
 * Sets are checked for duplicates by sorting a copy of the element
 * pointers (O(n log n)).  N elements are compared by their canonical text,
 * which is unique per number (see ddb_number.c), so "1" and "1.0" clash
 * once both have been through DdbNumberParse.
 *
 * IDENTIFICATION
 *	  src/ddb_attrval.c
 *
 *-------------------------------------------------------------------------
 */
#include <stdlib.h>
#include <string.h>

#include "ddb_attrval.h"

/* Maps with more entries than this are compared by sorting, not scanning. */
#define MAP_SCAN_LIMIT 8

static const char *const type_names[] = {
	[DDB_TYPE_S] = "S",
	[DDB_TYPE_N] = "N",
	[DDB_TYPE_B] = "B",
	[DDB_TYPE_BOOL] = "BOOL",
	[DDB_TYPE_NULL] = "NULL",
	[DDB_TYPE_M] = "M",
	[DDB_TYPE_L] = "L",
	[DDB_TYPE_SS] = "SS",
	[DDB_TYPE_NS] = "NS",
	[DDB_TYPE_BS] = "BS"
};

#define DDB_TYPE_COUNT ((int) (sizeof(type_names) / sizeof(type_names[0])))

static const char base64_alphabet[] =
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int	CompareBytes(const char *a, size_t alen, const char *b, size_t blen);
static int	CompareElementBytes(const void *a, const void *b);
static int	CompareEntryNames(const void *a, const void *b);
static DdbValue *NewValue(DdbValueType type);
static const char *DuplicatesMessage(DdbValueType set_type, DdbValue **elems, size_t count);
static bool SetEquals(const DdbValue *a, const DdbValue *b);
static bool MapEquals(const DdbValue *a, const DdbValue *b);
static inline int Base64Value(unsigned char c);
static size_t Utf16Length(const char *text, size_t len);

/* The wire name of a type. */
const char *
DdbTypeName(DdbValueType type)
{
	if ((int) type < 0 || (int) type >= DDB_TYPE_COUNT)
		return "?";
	return type_names[type];
}

/* Parse a wire type name; false if it is not one of the ten. */
bool
DdbTypeFromName(const char *name, size_t len, DdbValueType *type)
{
	int			i;

	if (len == 0 || len > 4)
		return false;
	for (i = 0; i < DDB_TYPE_COUNT; i++)
	{
		if (strlen(type_names[i]) == len && memcmp(type_names[i], name, len) == 0)
		{
			*type = (DdbValueType) i;
			return true;
		}
	}
	return false;
}

/* A zeroed value of the given type. */
static DdbValue *
NewValue(DdbValueType type)
{
	DdbValue   *value = DdbAlloc(sizeof(DdbValue));

	value->type = type;
	return value;
}

/* An S value over len bytes of data (not copied). */
DdbValue *
DdbMakeString(const char *data, size_t len)
{
	DdbValue   *value = NewValue(DDB_TYPE_S);

	value->u.str.data = data;
	value->u.str.len = len;
	return value;
}

/* A B value over len raw bytes (not copied). */
DdbValue *
DdbMakeBinary(const char *data, size_t len)
{
	DdbValue   *value = NewValue(DDB_TYPE_B);

	value->u.str.data = data;
	value->u.str.len = len;
	return value;
}

/* A BOOL value. */
DdbValue *
DdbMakeBool(bool b)
{
	DdbValue   *value = NewValue(DDB_TYPE_BOOL);

	value->u.boolean = b;
	return value;
}

/* A NULL value. */
DdbValue *
DdbMakeNull(void)
{
	return NewValue(DDB_TYPE_NULL);
}

/* An L value over elems (the array is not copied). */
DdbValue *
DdbMakeList(DdbValue **elems, size_t count)
{
	DdbValue   *value = NewValue(DDB_TYPE_L);

	value->u.list.elems = elems;
	value->u.list.count = count;
	return value;
}

/* An M value over entries (not copied; names must be unique). */
DdbValue *
DdbMakeMap(DdbMapEntry *entries, size_t count)
{
	DdbValue   *value = NewValue(DDB_TYPE_M);

	value->u.map.entries = entries;
	value->u.map.count = count;
	return value;
}

/* Unsigned bytewise comparison; a proper prefix sorts first. */
static int
CompareBytes(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t		n = alen < blen ? alen : blen;
	int			cmp = n > 0 ? memcmp(a, b, n) : 0;

	if (cmp != 0)
		return cmp;
	return (alen > blen) - (alen < blen);
}

/* qsort comparator over DdbValue pointers holding str (S, N text, B). */
static int
CompareElementBytes(const void *a, const void *b)
{
	const DdbValue *va = *(const DdbValue *const *) a;
	const DdbValue *vb = *(const DdbValue *const *) b;

	return CompareBytes(va->u.str.data, va->u.str.len,
						vb->u.str.data, vb->u.str.len);
}

/* qsort comparator over map entries, by name. */
static int
CompareEntryNames(const void *a, const void *b)
{
	const DdbMapEntry *ea = a;
	const DdbMapEntry *eb = b;

	return CompareBytes(ea->name, ea->name_len, eb->name, eb->name_len);
}

/* The duplicates message of a set, listing the input collection. */
static const char *
DuplicatesMessage(DdbValueType set_type, DdbValue **elems, size_t count)
{
	DdbBuf		buf;
	size_t		i;

	if (set_type == DDB_TYPE_NS)
		return "Input collection contains duplicates";

	DdbBufInit(&buf);
	DdbBufAppendStr(&buf, "One or more parameter values were invalid: Input collection [");
	for (i = 0; i < count; i++)
	{
		if (i > 0)
			DdbBufAppendStr(&buf, ", ");
		if (set_type == DDB_TYPE_BS)
		{
			size_t		len;
			char	   *text = DdbBase64Encode(elems[i]->u.str.data,
											   elems[i]->u.str.len, &len);

			DdbBufAppend(&buf, text, len);
		}
		else
			DdbBufAppend(&buf, elems[i]->u.str.data, elems[i]->u.str.len);
	}
	if (set_type == DDB_TYPE_BS)
		DdbBufAppendStr(&buf, "]of type BS contains duplicates.");
	else
		DdbBufAppendStr(&buf, "] contains duplicates.");
	return buf.data;
}

/*
 * Build a set after checking it is not empty and has no duplicates.  On a
 * violation returns NULL with *error set to the ValidationException message
 * (nothing is raised).  Elements must already have the element type.
 */
DdbValue *
DdbTryMakeSet(DdbValueType set_type, DdbValue **elems, size_t count,
			  const char **error)
{
	DdbValueType elem_type;
	DdbValue  **sorted;
	DdbValue   *value;
	size_t		i;

	switch (set_type)
	{
		case DDB_TYPE_SS:
			elem_type = DDB_TYPE_S;
			break;
		case DDB_TYPE_NS:
			elem_type = DDB_TYPE_N;
			break;
		case DDB_TYPE_BS:
			elem_type = DDB_TYPE_B;
			break;
		default:
			DdbRaise(DDB_EXC_InternalServerError,
					 "internal error: %s is not a set type", DdbTypeName(set_type));
	}
	for (i = 0; i < count; i++)
	{
		if (elems[i] == NULL || elems[i]->type != elem_type)
			DdbRaise(DDB_EXC_InternalServerError,
					 "internal error: element of a %s is not of type %s",
					 DdbTypeName(set_type), DdbTypeName(elem_type));
	}

	if (count == 0)
	{
		if (set_type == DDB_TYPE_SS)
			*error = "One or more parameter values were invalid: An string set  may not be empty";
		else if (set_type == DDB_TYPE_NS)
			*error = "One or more parameter values were invalid: An number set  may not be empty";
		else
			*error = "One or more parameter values were invalid: Binary sets should not be empty";
		return NULL;
	}

	if (count > 1)
	{
		sorted = DdbAlloc(count * sizeof(DdbValue *));
		memcpy(sorted, elems, count * sizeof(DdbValue *));
		qsort(sorted, count, sizeof(DdbValue *), CompareElementBytes);
		for (i = 1; i < count; i++)
		{
			if (CompareElementBytes(&sorted[i - 1], &sorted[i]) == 0)
			{
				*error = DuplicatesMessage(set_type, elems, count);
				return NULL;
			}
		}
	}

	*error = NULL;
	value = NewValue(set_type);
	value->u.list.elems = elems;
	value->u.list.count = count;
	return value;
}

/* Build a set; raises ValidationException if it is empty or has duplicates. */
DdbValue *
DdbMakeSet(DdbValueType set_type, DdbValue **elems, size_t count)
{
	const char *error;
	DdbValue   *value = DdbTryMakeSet(set_type, elems, count, &error);

	if (value == NULL)
		DdbRaise(DDB_EXC_ValidationException, "%s", error);
	return value;
}

/* Map lookup by attribute name; NULL when absent. */
DdbValue *
DdbMapGet(const DdbValue *map, const char *name, size_t name_len)
{
	size_t		i;

	if (map == NULL || map->type != DDB_TYPE_M)
		return NULL;
	for (i = 0; i < map->u.map.count; i++)
	{
		const DdbMapEntry *e = &map->u.map.entries[i];

		if (e->name_len == name_len && memcmp(e->name, name, name_len) == 0)
			return e->value;
	}
	return NULL;
}

/*
 * Order two scalars: S and B bytewise unsigned (prefix first), N
 * numerically, BOOL false < true.  Values of different types are ordered
 * by type, which callers comparing DynamoDB operands never rely on.
 */
int
DdbScalarCompare(const DdbValue *a, const DdbValue *b)
{
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	switch (a->type)
	{
		case DDB_TYPE_S:
		case DDB_TYPE_B:
			return CompareBytes(a->u.str.data, a->u.str.len,
								b->u.str.data, b->u.str.len);
		case DDB_TYPE_N:
			return DdbNumberCompare(a, b);
		case DDB_TYPE_BOOL:
			return (int) a->u.boolean - (int) b->u.boolean;
		case DDB_TYPE_NULL:
			return 0;
		default:
			DdbRaise(DDB_EXC_InternalServerError,
					 "internal error: cannot order values of type %s",
					 DdbTypeName(a->type));
	}
}

/* Set equality regardless of element order (elements are unique). */
static bool
SetEquals(const DdbValue *a, const DdbValue *b)
{
	size_t		n = a->u.list.count;
	DdbValue  **sa;
	DdbValue  **sb;
	size_t		i;

	if (n != b->u.list.count)
		return false;
	if (n == 0)
		return true;
	sa = DdbAlloc(n * sizeof(DdbValue *));
	sb = DdbAlloc(n * sizeof(DdbValue *));
	memcpy(sa, a->u.list.elems, n * sizeof(DdbValue *));
	memcpy(sb, b->u.list.elems, n * sizeof(DdbValue *));
	qsort(sa, n, sizeof(DdbValue *), CompareElementBytes);
	qsort(sb, n, sizeof(DdbValue *), CompareElementBytes);
	for (i = 0; i < n; i++)
	{
		if (CompareElementBytes(&sa[i], &sb[i]) != 0)
			return false;
	}
	return true;
}

/* Map equality regardless of entry order (names are unique). */
static bool
MapEquals(const DdbValue *a, const DdbValue *b)
{
	size_t		n = a->u.map.count;
	size_t		i;

	if (n != b->u.map.count)
		return false;
	if (n <= MAP_SCAN_LIMIT)
	{
		for (i = 0; i < n; i++)
		{
			const DdbMapEntry *e = &a->u.map.entries[i];
			const DdbValue *other = DdbMapGet(b, e->name, e->name_len);

			if (other == NULL || !DdbValueEquals(e->value, other))
				return false;
		}
		return true;
	}
	else
	{
		DdbMapEntry *ea = DdbAlloc(n * sizeof(DdbMapEntry));
		DdbMapEntry *eb = DdbAlloc(n * sizeof(DdbMapEntry));

		memcpy(ea, a->u.map.entries, n * sizeof(DdbMapEntry));
		memcpy(eb, b->u.map.entries, n * sizeof(DdbMapEntry));
		qsort(ea, n, sizeof(DdbMapEntry), CompareEntryNames);
		qsort(eb, n, sizeof(DdbMapEntry), CompareEntryNames);
		for (i = 0; i < n; i++)
		{
			if (CompareEntryNames(&ea[i], &eb[i]) != 0 ||
				!DdbValueEquals(ea[i].value, eb[i].value))
				return false;
		}
		return true;
	}
}

/*
 * Deep equality as DynamoDB defines it: same type and value; numbers by
 * value, lists in order, maps and sets regardless of order.
 */
bool
DdbValueEquals(const DdbValue *a, const DdbValue *b)
{
	size_t		i;

	if (a == b)
		return true;
	if (a->type != b->type)
		return false;
	switch (a->type)
	{
		case DDB_TYPE_S:
		case DDB_TYPE_B:
			return a->u.str.len == b->u.str.len &&
				(a->u.str.len == 0 ||
				 memcmp(a->u.str.data, b->u.str.data, a->u.str.len) == 0);
		case DDB_TYPE_N:
			return DdbNumberCompare(a, b) == 0;
		case DDB_TYPE_BOOL:
			return a->u.boolean == b->u.boolean;
		case DDB_TYPE_NULL:
			return true;
		case DDB_TYPE_L:
			if (a->u.list.count != b->u.list.count)
				return false;
			for (i = 0; i < a->u.list.count; i++)
			{
				if (!DdbValueEquals(a->u.list.elems[i], b->u.list.elems[i]))
					return false;
			}
			return true;
		case DDB_TYPE_M:
			return MapEquals(a, b);
		case DDB_TYPE_SS:
		case DDB_TYPE_NS:
		case DDB_TYPE_BS:
			return SetEquals(a, b);
	}
	return false;
}

/*
 * DynamoDB's size of a value (items.md section 4): S and B their byte
 * length, N see DdbNumberSize, BOOL and NULL 1, sets the sum of their
 * elements, M and L 3 plus, per element, 1 + its size (+ name length in M).
 */
size_t
DdbValueSize(const DdbValue *value)
{
	size_t		size = 0;
	size_t		i;

	switch (value->type)
	{
		case DDB_TYPE_S:
		case DDB_TYPE_B:
			return value->u.str.len;
		case DDB_TYPE_N:
			return DdbNumberSize(value);
		case DDB_TYPE_BOOL:
		case DDB_TYPE_NULL:
			return 1;
		case DDB_TYPE_SS:
		case DDB_TYPE_NS:
		case DDB_TYPE_BS:
			for (i = 0; i < value->u.list.count; i++)
				size += DdbValueSize(value->u.list.elems[i]);
			return size;
		case DDB_TYPE_L:
			size = 3;
			for (i = 0; i < value->u.list.count; i++)
				size += 1 + DdbValueSize(value->u.list.elems[i]);
			return size;
		case DDB_TYPE_M:
			size = 3;
			for (i = 0; i < value->u.map.count; i++)
			{
				const DdbMapEntry *e = &value->u.map.entries[i];

				size += 1 + e->name_len + DdbValueSize(e->value);
			}
			return size;
	}
	return 0;
}

/* DynamoDB's size of an item (an M): sum of name lengths and value sizes. */
size_t
DdbItemSize(const DdbValue *item)
{
	size_t		size = 0;
	size_t		i;

	for (i = 0; i < item->u.map.count; i++)
	{
		const DdbMapEntry *e = &item->u.map.entries[i];

		size += e->name_len + DdbValueSize(e->value);
	}
	return size;
}

/* Raise the 400 KB error if the item is larger than DynamoDB allows. */
void
DdbCheckItemSize(const DdbValue *item, bool for_update)
{
	if (DdbItemSize(item) <= DDB_MAX_ITEM_SIZE)
		return;
	if (for_update)
		DdbRaise(DDB_EXC_ValidationException,
				 "Item size to update has exceeded the maximum allowed size");
	DdbRaise(DDB_EXC_ValidationException,
			 "Item size has exceeded the maximum allowed size");
}

/*
 * Nesting depth of a value: 0 for scalars and sets, 1 + the deepest
 * element for M and L.
 */
int
DdbValueDepth(const DdbValue *value)
{
	int			deepest = 0;
	size_t		i;

	if (value->type == DDB_TYPE_L)
	{
		for (i = 0; i < value->u.list.count; i++)
		{
			int			d = DdbValueDepth(value->u.list.elems[i]);

			if (d > deepest)
				deepest = d;
		}
		return deepest + 1;
	}
	if (value->type == DDB_TYPE_M)
	{
		for (i = 0; i < value->u.map.count; i++)
		{
			int			d = DdbValueDepth(value->u.map.entries[i].value);

			if (d > deepest)
				deepest = d;
		}
		return deepest + 1;
	}
	return 0;
}

/*
 * Check a key attribute's value, which already has its declared type (S, N
 * or B): no empty S/B, at most 2048 bytes for a partition key and 1024 for
 * a sort key.  in_item selects the wording DynamoDB uses for an empty value
 * in an Item (PutItem, PutRequest, Put) rather than in a Key parameter.
 * name is the attribute name (name_len bytes, not NUL-terminated).
 */
void
DdbCheckKeyValue(const DdbValue *value, const char *name, size_t name_len,
				 bool is_sort_key, bool in_item)
{
	const char *what;

	if (value->type != DDB_TYPE_S && value->type != DDB_TYPE_B)
		return;					/* N: any valid number */
	what = value->type == DDB_TYPE_S ? "string" : "binary";
	if (value->u.str.len == 0)
	{
		if (in_item)
			DdbRaise(DDB_EXC_ValidationException,
					 "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty %s value. Key: %.*s",
					 what, (int) name_len, name);
		DdbRaise(DDB_EXC_ValidationException,
				 "One or more parameter values were invalid: The AttributeValue for a key attribute cannot contain an empty %s value. Key: %.*s",
				 what, (int) name_len, name);
	}
	if (!is_sort_key && value->u.str.len > DDB_MAX_HASH_KEY_SIZE)
		DdbRaise(DDB_EXC_ValidationException,
				 "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of%d bytes",
				 DDB_MAX_HASH_KEY_SIZE);
	if (is_sort_key && value->u.str.len > DDB_MAX_RANGE_KEY_SIZE)
		DdbRaise(DDB_EXC_ValidationException,
				 "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of %d bytes",
				 DDB_MAX_RANGE_KEY_SIZE);
}

/* Standard base64 of len bytes, '='-padded and NUL-terminated. */
char *
DdbBase64Encode(const char *data, size_t len, size_t *out_len)
{
	const unsigned char *in = (const unsigned char *) data;
	size_t		n = (len + 2) / 3 * 4;
	char	   *out = DdbAlloc(n + 1);
	char	   *p = out;
	size_t		i;

	for (i = 0; i + 3 <= len; i += 3)
	{
		uint32_t	w = ((uint32_t) in[i] << 16) | ((uint32_t) in[i + 1] << 8) | in[i + 2];

		*p++ = base64_alphabet[(w >> 18) & 0x3F];
		*p++ = base64_alphabet[(w >> 12) & 0x3F];
		*p++ = base64_alphabet[(w >> 6) & 0x3F];
		*p++ = base64_alphabet[w & 0x3F];
	}
	if (len - i == 1)
	{
		uint32_t	w = (uint32_t) in[i] << 16;

		*p++ = base64_alphabet[(w >> 18) & 0x3F];
		*p++ = base64_alphabet[(w >> 12) & 0x3F];
		*p++ = '=';
		*p++ = '=';
	}
	else if (len - i == 2)
	{
		uint32_t	w = ((uint32_t) in[i] << 16) | ((uint32_t) in[i + 1] << 8);

		*p++ = base64_alphabet[(w >> 18) & 0x3F];
		*p++ = base64_alphabet[(w >> 12) & 0x3F];
		*p++ = base64_alphabet[(w >> 6) & 0x3F];
		*p++ = '=';
	}
	*p = '\0';
	if (out_len)
		*out_len = n;
	return out;
}

/* Value of a base64 character, -1 if it is not in the alphabet. */
static inline int
Base64Value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * Length of UTF-8 text in UTF-16 code units, which is how the service's
 * Java unmarshaller counts characters in its length message.
 */
static size_t
Utf16Length(const char *text, size_t len)
{
	size_t		n = 0;
	size_t		i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) text[i];

		if ((c & 0xC0) != 0x80)
			n += (c >= 0xF0) ? 2 : 1;
	}
	return n;
}

/*
 * Decode standard base64 ('='-padded).  Raises SerializationException with
 * the unmarshaller's texts: a length that is not a multiple of 4, and any
 * other malformation (a character outside the alphabet, misplaced padding,
 * or non-zero bits left over in the last character) as "Invalid last
 * non-pad Base64 character dectected" (sic).  The result is
 * NUL-terminated; *out_len gets its length.
 */
char *
DdbBase64Decode(const char *text, size_t len, size_t *out_len)
{
	const unsigned char *in = (const unsigned char *) text;
	size_t		chars;
	size_t		groups;
	size_t		n;
	char	   *out;
	char	   *p;
	size_t		g;

	if (len % 4 != 0)
		goto invalid;

	groups = len / 4;
	n = groups * 3;
	if (groups > 0 && in[len - 1] == '=')
		n -= (in[len - 2] == '=') ? 2 : 1;
	out = DdbAlloc(n + 1);
	p = out;
	for (g = 0; g < groups; g++)
	{
		const unsigned char *q = in + g * 4;
		bool		last = (g == groups - 1);
		int			v0 = Base64Value(q[0]);
		int			v1 = Base64Value(q[1]);
		int			v2 = Base64Value(q[2]);
		int			v3 = Base64Value(q[3]);

		if (v0 < 0 || v1 < 0)
			goto invalid;
		if (v2 >= 0 && v3 >= 0)
		{
			uint32_t	w = ((uint32_t) v0 << 18) | ((uint32_t) v1 << 12) |
				((uint32_t) v2 << 6) | (uint32_t) v3;

			*p++ = (char) (w >> 16);
			*p++ = (char) ((w >> 8) & 0xFF);
			*p++ = (char) (w & 0xFF);
		}
		else if (last && v2 >= 0 && q[3] == '=')
		{
			if ((v2 & 0x03) != 0)
				goto invalid;
			*p++ = (char) ((v0 << 2) | (v1 >> 4));
			*p++ = (char) (((v1 & 0x0F) << 4) | (v2 >> 2));
		}
		else if (last && q[2] == '=' && q[3] == '=')
		{
			if ((v1 & 0x0F) != 0)
				goto invalid;
			*p++ = (char) ((v0 << 2) | (v1 >> 4));
		}
		else
			goto invalid;
	}
	*p = '\0';
	if (out_len)
		*out_len = n;
	return out;

invalid:
	/* the length is checked first, in characters (non-ASCII is invalid) */
	chars = Utf16Length(text, len);
	if (chars % 4 != 0)
		DdbRaise(DDB_EXC_SerializationException,
				 "Base64 encoded length is expected a multiple of 4 bytes but found: %zu",
				 chars);
	DdbRaise(DDB_EXC_SerializationException,
			 "Invalid last non-pad Base64 character dectected");
}
