/*-------------------------------------------------------------------------
 *
 * ddb_attrval_jsonb.c
 *	  Converting DynamoDB attribute values between jsonb and DdbValue.
 *
 * Reading walks the jsonb in place: each container is visited with one
 * JsonbIterator in skipNested mode, nested containers are handed down as
 * jbvBinary pointers, and S values and attribute names point straight into
 * the jsonb (nothing is copied or re-parsed).  Only numbers (canonical
 * text) and binary values (decoded bytes) get new memory.
 *
 * The JSON shape of every member is checked the way the service's Java
 * unmarshaller does it, with its SerializationException texts (errors.md
 * section 4 and dynalite's recorded texts per expected shape: String,
 * Blob, Boolean, List, Map<AttributeValue>, AttributeValue structure).
 * Those are raised as soon as they are seen.  Value problems (items.md
 * section 1.1: empty AttributeValue, several types, NULL not true, numbers,
 * empty or duplicate sets, nesting) are ValidationException; the first one
 * found is remembered and reported after the whole value was read, so a
 * shape error anywhere takes precedence, as in the service.
 *
 * Inside one AttributeValue the members are converted in the order of the
 * service's converter (S, SS, N, NS, B, BS, M, L, BOOL, NULL), then the
 * member count is checked, so {"S": "a", "N": "x"} reports the bad number
 * and {"S": "a", "N": "1"} reports "more than one datatypes".  Unknown
 * members and members whose value is JSON null are ignored (errors.md:
 * null values are treated as absent).
 *
 * Nesting follows the service's converter: the item map is level 0, a
 * top-level attribute's M or L is level 1, and a container at level 32 or
 * deeper is refused; a standalone AttributeValue starts at level 0.  The
 * contents of a refused container are not read, so the recursion is
 * bounded whatever the input's depth (a shape error hidden below the
 * limit is then not reported; the nesting error is).
 *
 * IDENTIFICATION
 *	  src/ddb_attrval_jsonb.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "ddb_attrval_jsonb.h"

/* The first ValidationException found while reading a value. */
typedef struct ConvertState
{
	const char *error;
} ConvertState;

/* Member conversion order of the service's converter. */
static const DdbValueType member_order[] = {
	DDB_TYPE_S, DDB_TYPE_SS, DDB_TYPE_N, DDB_TYPE_NS, DDB_TYPE_B,
	DDB_TYPE_BS, DDB_TYPE_M, DDB_TYPE_L, DDB_TYPE_BOOL, DDB_TYPE_NULL
};

#define NUM_MEMBER_TYPES lengthof(member_order)

static const char msg_empty_value[] =
"Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
static const char msg_multiple_types[] =
"Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes";
static const char msg_null_false[] =
"One or more parameter values were invalid: Null attribute value types must have the value of true";
static const char msg_structure[] =
"Start of structure or map found where not expected";
static const char msg_map_collection[] =
"Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>";

/*
 * A scalar where an item map that is a list element (BatchGetItem's
 * Keys.N) is expected: the service answers with a Java class-cast message
 * (as recorded by dynalite's tests).  A member such as Item or Key gets
 * "Unexpected field type" instead.
 */
static const char msg_list_item_scalar[] =
"class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in module java.base of loader 'bootstrap')";

static void RecordError(ConvertState *st, const char *message);
static bool IsArray(const JsonbValue *v);
static bool IsObject(const JsonbValue *v);
static JsonbValue *ToBinary(JsonbValue *v, JsonbValue *tmp);
static const char *TokenName(const JsonbValue *v);
static void ExpectString(const JsonbValue *v);
static void ExpectBlob(const JsonbValue *v);
static bool ExpectBoolean(const JsonbValue *v);
static JsonbContainer *ExpectList(const JsonbValue *v);
static JsonbContainer *ExpectMap(const JsonbValue *v);
static DdbValue *ConvertBinary(const JsonbValue *v);
static DdbValue *ConvertSet(DdbValueType type, const JsonbValue *v, ConvertState *st);
static DdbValue *ConvertList(const JsonbValue *v, int level, ConvertState *st);
static DdbValue *ConvertMapContainer(JsonbContainer *c, int child_level, ConvertState *st);
static DdbValue *ConvertMember(DdbValueType type, const JsonbValue *v, int level,
							   ConvertState *st);
static DdbValue *ConvertAttributeValue(const JsonbValue *v, int level, ConvertState *st);
static DdbValue *Finish(DdbValue *result, ConvertState *st, const char **error);
static DdbValue *ItemFromJsonb(JsonbValue *v, const char **error, const char *scalar_message);
static void DocumentValue(Jsonb *jb, JsonbValue *v);
static void PushString(JsonbParseState **state, JsonbIteratorToken tok,
					   const char *data, size_t len);
static void PushBase64(JsonbParseState **state, JsonbIteratorToken tok,
					   const DdbValue *value);
static void SetString(JsonbValue *jv, const char *data, size_t len);
static void SetBase64(JsonbValue *jv, const DdbValue *value);
static int	ComparePairs(const void *a, const void *b);
static void BuildValueTree(const DdbValue *value, JsonbValue *jv);
static void BuildItemTree(const DdbValue *item, JsonbValue *jv);

/* Remember a ValidationException message unless one is already pending. */
static void
RecordError(ConvertState *st, const char *message)
{
	if (st->error == NULL)
		st->error = message;
}

/* Whether v is a JSON array (a binary container). */
static bool
IsArray(const JsonbValue *v)
{
	return v->type == jbvBinary && JsonContainerIsArray(v->val.binary.data);
}

/* Whether v is a JSON object (a binary container). */
static bool
IsObject(const JsonbValue *v)
{
	return v->type == jbvBinary && JsonContainerIsObject(v->val.binary.data);
}

/*
 * Containers built in memory (jbvArray/jbvObject) are serialised once so
 * that the rest of the code only deals with binary containers.
 */
static JsonbValue *
ToBinary(JsonbValue *v, JsonbValue *tmp)
{
	Jsonb	   *jb;

	if (v->type != jbvArray && v->type != jbvObject)
		return v;
	jb = JsonbValueToJsonb(v);
	DocumentValue(jb, tmp);
	return tmp;
}

/* The unmarshaller's name for the JSON scalar found instead. */
static const char *
TokenName(const JsonbValue *v)
{
	switch (v->type)
	{
		case jbvString:
			return "STRING_VALUE";
		case jbvNumeric:
			{
				char	   *text = DatumGetCString(DirectFunctionCall1(numeric_out,
																	   NumericGetDatum(v->val.numeric)));

				return strpbrk(text, ".eE") != NULL ? "DECIMAL_VALUE" : "NUMBER_VALUE";
			}
		case jbvBool:
			return v->val.boolean ? "TRUE_VALUE" : "FALSE_VALUE";
		default:
			return "VALUE";
	}
}

/* Raise the unmarshaller's error unless v is a JSON string (java String). */
static void
ExpectString(const JsonbValue *v)
{
	if (v->type == jbvString)
		return;
	if (IsArray(v))
		DdbRaise(DDB_EXC_SerializationException,
				 "Unrecognized collection type class java.lang.String");
	if (IsObject(v))
		DdbRaise(DDB_EXC_SerializationException, "%s", msg_structure);
	DdbRaise(DDB_EXC_SerializationException,
			 "%s cannot be converted to String", TokenName(v));
}

/* Raise the unmarshaller's error unless v is a JSON string (a Blob). */
static void
ExpectBlob(const JsonbValue *v)
{
	if (v->type == jbvString)
		return;
	if (IsArray(v))
		DdbRaise(DDB_EXC_SerializationException,
				 "Unrecognized collection type class java.nio.ByteBuffer");
	if (IsObject(v))
		DdbRaise(DDB_EXC_SerializationException, "%s", msg_structure);
	DdbRaise(DDB_EXC_SerializationException,
			 "only base-64-encoded strings are convertible to bytes");
}

/*
 * A java Boolean: a JSON boolean, or one of the strings the unmarshaller
 * tolerates ("true", "1", "yes" / "false", "0", "no").
 */
static bool
ExpectBoolean(const JsonbValue *v)
{
	if (v->type == jbvBool)
		return v->val.boolean;
	if (v->type == jbvString)
	{
		const char *s = v->val.string.val;
		int			len = v->val.string.len;

#define STRING_IS(lit) (len == (int) strlen(lit) && memcmp(s, lit, len) == 0)
		if (STRING_IS("true") || STRING_IS("1") || STRING_IS("yes"))
			return true;
		if (STRING_IS("false") || STRING_IS("0") || STRING_IS("no"))
			return false;
#undef STRING_IS
		DdbRaise(DDB_EXC_SerializationException,
				 "Unexpected token received from parser");
	}
	if (IsArray(v))
		DdbRaise(DDB_EXC_SerializationException,
				 "Unrecognized collection type class java.lang.Boolean");
	if (IsObject(v))
		DdbRaise(DDB_EXC_SerializationException, "%s", msg_structure);
	DdbRaise(DDB_EXC_SerializationException,
			 "%s cannot be converted to Boolean", TokenName(v));
}

/* The array container of a List member (L, SS, NS, BS). */
static JsonbContainer *
ExpectList(const JsonbValue *v)
{
	if (IsArray(v))
		return v->val.binary.data;
	if (IsObject(v))
		DdbRaise(DDB_EXC_SerializationException, "%s", msg_structure);
	DdbRaise(DDB_EXC_SerializationException, "Unexpected field type");
}

/* The object container of a Map<String, AttributeValue> member (M). */
static JsonbContainer *
ExpectMap(const JsonbValue *v)
{
	if (IsObject(v))
		return v->val.binary.data;
	if (IsArray(v))
		DdbRaise(DDB_EXC_SerializationException, "%s", msg_map_collection);
	DdbRaise(DDB_EXC_SerializationException, "Unexpected field type");
}

/* A B value (or BS element) from its base64 text. */
static DdbValue *
ConvertBinary(const JsonbValue *v)
{
	size_t		len;
	char	   *bytes;

	ExpectBlob(v);
	bytes = DdbBase64Decode(v->val.string.val, v->val.string.len, &len);
	return DdbMakeBinary(bytes, len);
}

/* An SS, NS or BS member. */
static DdbValue *
ConvertSet(DdbValueType type, const JsonbValue *v, ConvertState *st)
{
	JsonbContainer *c = ExpectList(v);
	int			n = JsonContainerSize(c);
	DdbValue  **elems = DdbAlloc(Max(n, 1) * sizeof(DdbValue *));
	JsonbIterator *it = JsonbIteratorInit(c);
	JsonbIteratorToken tok;
	JsonbValue	elem;
	bool		bad = false;
	int			count = 0;

	while ((tok = JsonbIteratorNext(&it, &elem, true)) != WJB_DONE)
	{
		DdbValue   *e = NULL;

		if (tok != WJB_ELEM)
			continue;
		if (elem.type == jbvNull)
		{
			if (type == DDB_TYPE_SS)
				RecordError(st, "One or more parameter values were invalid: An string set may not have a null string as a member");
			else if (type == DDB_TYPE_NS)
				RecordError(st, "The parameter cannot be converted to a numeric value");
			else
				RecordError(st, "One or more parameter values were invalid: Binary sets may not contain null or empty values");
		}
		else if (type == DDB_TYPE_SS)
		{
			ExpectString(&elem);
			e = DdbMakeString(elem.val.string.val, elem.val.string.len);
		}
		else if (type == DDB_TYPE_NS)
		{
			const char *error;

			ExpectString(&elem);
			e = DdbNumberTryParse(elem.val.string.val, elem.val.string.len, &error);
			if (e == NULL)
				RecordError(st, error);
		}
		else
			e = ConvertBinary(&elem);

		if (e == NULL)
			bad = true;
		else
			elems[count++] = e;
	}

	/* only the first problem is reported: skip the set check after one */
	if (!bad && st->error == NULL)
	{
		const char *error;
		DdbValue   *set = DdbTryMakeSet(type, elems, count, &error);

		if (set != NULL)
			return set;
		RecordError(st, error);
	}
	return DdbMakeNull();		/* placeholder, never returned to callers */
}

/* An L member at nesting level "level". */
static DdbValue *
ConvertList(const JsonbValue *v, int level, ConvertState *st)
{
	JsonbContainer *c = ExpectList(v);
	int			n = JsonContainerSize(c);
	DdbValue  **elems = DdbAlloc(Max(n, 1) * sizeof(DdbValue *));
	JsonbIterator *it;
	JsonbIteratorToken tok;
	JsonbValue	elem;
	int			count = 0;

	if (level >= DDB_MAX_NESTING_DEPTH)
	{
		/* too deep: the error is certain, do not descend any further */
		RecordError(st, DDB_NESTING_MESSAGE);
		return DdbMakeNull();	/* placeholder */
	}
	it = JsonbIteratorInit(c);
	while ((tok = JsonbIteratorNext(&it, &elem, true)) != WJB_DONE)
	{
		if (tok == WJB_ELEM && count < n)
			elems[count++] = ConvertAttributeValue(&elem, level + 1, st);
	}
	return DdbMakeList(elems, count);
}

/*
 * The entries of a JSON object of name -> AttributeValue, as an M value;
 * the values are at nesting level child_level.
 */
static DdbValue *
ConvertMapContainer(JsonbContainer *c, int child_level, ConvertState *st)
{
	int			n = JsonContainerSize(c);
	DdbMapEntry *entries = DdbAlloc(Max(n, 1) * sizeof(DdbMapEntry));
	JsonbIterator *it = JsonbIteratorInit(c);
	JsonbIteratorToken tok;
	JsonbValue	val;
	int			count = 0;

	while ((tok = JsonbIteratorNext(&it, &val, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY && count < n)
		{
			entries[count].name = val.val.string.val;
			entries[count].name_len = val.val.string.len;
		}
		else if (tok == WJB_VALUE && count < n)
		{
			entries[count].value = ConvertAttributeValue(&val, child_level, st);
			count++;
		}
	}
	return DdbMakeMap(entries, count);
}

/* Convert the member named by type of an AttributeValue at level "level". */
static DdbValue *
ConvertMember(DdbValueType type, const JsonbValue *v, int level, ConvertState *st)
{
	switch (type)
	{
		case DDB_TYPE_S:
			ExpectString(v);
			return DdbMakeString(v->val.string.val, v->val.string.len);
		case DDB_TYPE_N:
			{
				const char *error;
				DdbValue   *num;

				ExpectString(v);
				num = DdbNumberTryParse(v->val.string.val, v->val.string.len, &error);
				if (num != NULL)
					return num;
				RecordError(st, error);
				return DdbMakeNull();	/* placeholder */
			}
		case DDB_TYPE_B:
			return ConvertBinary(v);
		case DDB_TYPE_BOOL:
			return DdbMakeBool(ExpectBoolean(v));
		case DDB_TYPE_NULL:
			if (!ExpectBoolean(v))
				RecordError(st, msg_null_false);
			return DdbMakeNull();
		case DDB_TYPE_SS:
		case DDB_TYPE_NS:
		case DDB_TYPE_BS:
			return ConvertSet(type, v, st);
		case DDB_TYPE_L:
			return ConvertList(v, level, st);
		case DDB_TYPE_M:
			{
				JsonbContainer *c = ExpectMap(v);

				if (level >= DDB_MAX_NESTING_DEPTH)
				{
					/* too deep: the error is certain, do not descend */
					RecordError(st, DDB_NESTING_MESSAGE);
					return DdbMakeNull();	/* placeholder */
				}
				return ConvertMapContainer(c, level + 1, st);
			}
	}
	return DdbMakeNull();
}

/*
 * Convert an AttributeValue (a JSON object with one type member) whose M
 * or L would sit at nesting level "level".
 */
static DdbValue *
ConvertAttributeValue(const JsonbValue *v, int level, ConvertState *st)
{
	JsonbValue	members[DDB_TYPE_BS + 1];
	bool		present[DDB_TYPE_BS + 1] = {false};
	JsonbIterator *it;
	JsonbIteratorToken tok;
	JsonbValue	val;
	DdbValueType type = DDB_TYPE_NULL;
	bool		have_key = false;
	int			count = 0;
	DdbValue   *result = NULL;
	int			i;

	check_stack_depth();

	if (v->type == jbvNull)
	{
		RecordError(st, msg_empty_value);
		return DdbMakeNull();
	}
	if (IsArray(v))
		DdbRaise(DDB_EXC_SerializationException,
				 "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue");
	if (!IsObject(v))
		DdbRaise(DDB_EXC_SerializationException, "Unexpected value type in payload");

	/* collect the known, non-null members */
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &val, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			have_key = DdbTypeFromName(val.val.string.val, val.val.string.len, &type);
		else if (tok == WJB_VALUE && have_key && val.type != jbvNull)
		{
			members[type] = val;
			present[type] = true;
			count++;
		}
	}

	for (i = 0; i < (int) NUM_MEMBER_TYPES; i++)
	{
		DdbValueType t = member_order[i];

		if (present[t])
		{
			DdbValue   *r = ConvertMember(t, &members[t], level, st);

			if (result == NULL)
				result = r;
		}
	}

	if (count == 0)
		RecordError(st, msg_empty_value);
	else if (count > 1)
		RecordError(st, msg_multiple_types);
	if (count != 1)
		return DdbMakeNull();	/* placeholder */
	return result;
}

/* Report or return the pending ValidationException, or the result. */
static DdbValue *
Finish(DdbValue *result, ConvertState *st, const char **error)
{
	if (st->error != NULL)
	{
		if (error == NULL)
			DdbRaise(DDB_EXC_ValidationException, "%s", st->error);
		*error = st->error;
		return NULL;
	}
	if (error != NULL)
		*error = NULL;
	return result;
}

/* One standalone AttributeValue. */
DdbValue *
DdbJsonbToValue(JsonbValue *v, const char **error)
{
	ConvertState st = {NULL};
	JsonbValue	tmp;
	DdbValue   *result;

	v = ToBinary(v, &tmp);
	result = ConvertAttributeValue(v, 0, &st);
	return Finish(result, &st, error);
}

/*
 * An item map: attribute name -> AttributeValue, as an M value;
 * scalar_message is the SerializationException text for a JSON scalar.
 */
static DdbValue *
ItemFromJsonb(JsonbValue *v, const char **error, const char *scalar_message)
{
	ConvertState st = {NULL};
	JsonbValue	tmp;
	DdbValue   *result;

	if (error != NULL)
		*error = NULL;
	if (v == NULL || v->type == jbvNull)
		return NULL;
	v = ToBinary(v, &tmp);
	if (!IsObject(v))
	{
		if (IsArray(v))
			DdbRaise(DDB_EXC_SerializationException, "%s", msg_map_collection);
		DdbRaise(DDB_EXC_SerializationException, "%s", scalar_message);
	}
	result = ConvertMapContainer(v->val.binary.data, 1, &st);
	return Finish(result, &st, error);
}

/* An item map given as a request member (Item, Key, ExclusiveStartKey). */
DdbValue *
DdbJsonbToItem(JsonbValue *v, const char **error)
{
	return ItemFromJsonb(v, error, "Unexpected field type");
}

/* An item map that is an element of a list (BatchGetItem's Keys). */
DdbValue *
DdbJsonbToItemElement(JsonbValue *v, const char **error)
{
	return ItemFromJsonb(v, error, msg_list_item_scalar);
}

/* The root of a jsonb document as a JsonbValue (scalar or binary). */
static void
DocumentValue(Jsonb *jb, JsonbValue *v)
{
	if (JB_ROOT_IS_SCALAR(jb))
	{
		JsonbExtractScalar(&jb->root, v);
		return;
	}
	v->type = jbvBinary;
	v->val.binary.data = &jb->root;
	v->val.binary.len = VARSIZE(jb) - VARHDRSZ;
}

/* DdbJsonbToValue for a whole document. */
DdbValue *
DdbJsonbDocumentToValue(Jsonb *jb, const char **error)
{
	JsonbValue	v;

	DocumentValue(jb, &v);
	return DdbJsonbToValue(&v, error);
}

/* DdbJsonbToItem for a whole document. */
DdbValue *
DdbJsonbDocumentToItem(Jsonb *jb, const char **error)
{
	JsonbValue	v;

	DocumentValue(jb, &v);
	return DdbJsonbToItem(&v, error);
}

/* Push a string as a key, member value or array element. */
static void
PushString(JsonbParseState **state, JsonbIteratorToken tok,
		   const char *data, size_t len)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) data;
	v.val.string.len = (int) len;
	pushJsonbValue(state, tok, &v);
}

/* Push binary data as its base64 text. */
static void
PushBase64(JsonbParseState **state, JsonbIteratorToken tok, const DdbValue *value)
{
	size_t		len;
	char	   *text = DdbBase64Encode(value->u.str.data, value->u.str.len, &len);

	PushString(state, tok, text, len);
}

/* Push value as an AttributeValue object. */
JsonbValue *
DdbPushValue(JsonbParseState **state, const DdbValue *value)
{
	const char *tname = DdbTypeName(value->type);
	JsonbValue	b;
	size_t		i;

	check_stack_depth();

	pushJsonbValue(state, WJB_BEGIN_OBJECT, NULL);
	PushString(state, WJB_KEY, tname, strlen(tname));
	switch (value->type)
	{
		case DDB_TYPE_S:
		case DDB_TYPE_N:
			PushString(state, WJB_VALUE, value->u.str.data, value->u.str.len);
			break;
		case DDB_TYPE_B:
			PushBase64(state, WJB_VALUE, value);
			break;
		case DDB_TYPE_BOOL:
		case DDB_TYPE_NULL:
			b.type = jbvBool;
			b.val.boolean = (value->type == DDB_TYPE_NULL) || value->u.boolean;
			pushJsonbValue(state, WJB_VALUE, &b);
			break;
		case DDB_TYPE_SS:
		case DDB_TYPE_NS:
		case DDB_TYPE_BS:
			pushJsonbValue(state, WJB_BEGIN_ARRAY, NULL);
			for (i = 0; i < value->u.list.count; i++)
			{
				const DdbValue *e = value->u.list.elems[i];

				if (value->type == DDB_TYPE_BS)
					PushBase64(state, WJB_ELEM, e);
				else
					PushString(state, WJB_ELEM, e->u.str.data, e->u.str.len);
			}
			pushJsonbValue(state, WJB_END_ARRAY, NULL);
			break;
		case DDB_TYPE_L:
			pushJsonbValue(state, WJB_BEGIN_ARRAY, NULL);
			for (i = 0; i < value->u.list.count; i++)
				DdbPushValue(state, value->u.list.elems[i]);
			pushJsonbValue(state, WJB_END_ARRAY, NULL);
			break;
		case DDB_TYPE_M:
			DdbPushItem(state, value);
			break;
	}
	return pushJsonbValue(state, WJB_END_OBJECT, NULL);
}

/* Push an M value as an object of name -> AttributeValue. */
JsonbValue *
DdbPushItem(JsonbParseState **state, const DdbValue *item)
{
	size_t		i;

	pushJsonbValue(state, WJB_BEGIN_OBJECT, NULL);
	for (i = 0; i < item->u.map.count; i++)
	{
		const DdbMapEntry *e = &item->u.map.entries[i];

		PushString(state, WJB_KEY, e->name, e->name_len);
		DdbPushValue(state, e->value);
	}
	return pushJsonbValue(state, WJB_END_OBJECT, NULL);
}

/*
 * Standalone documents are built as a JsonbValue tree with one allocation
 * per container (pushJsonbValue allocates a parse-state frame and a pair
 * array for every object, several times more memory for items made of
 * many small AttributeValue objects), then serialised by
 * JsonbValueToJsonb.  Object pairs must then be put in jsonb's key order
 * (length first, then bytes) and be unique, which ComparePairs and
 * BuildItemTree do the way pushJsonbValue would (the last duplicate wins).
 */

/* Make jv a JSON string over len bytes of data. */
static void
SetString(JsonbValue *jv, const char *data, size_t len)
{
	jv->type = jbvString;
	jv->val.string.val = (char *) data;
	jv->val.string.len = (int) len;
}

/* Make jv the base64 text of a B value. */
static void
SetBase64(JsonbValue *jv, const DdbValue *value)
{
	size_t		len;
	char	   *text = DdbBase64Encode(value->u.str.data, value->u.str.len, &len);

	SetString(jv, text, len);
}

/* qsort comparator: jsonb key order, later pairs first among equal keys. */
static int
ComparePairs(const void *a, const void *b)
{
	const JsonbPair *pa = a;
	const JsonbPair *pb = b;
	int			la = pa->key.val.string.len;
	int			lb = pb->key.val.string.len;
	int			cmp;

	if (la != lb)
		return la < lb ? -1 : 1;
	cmp = la > 0 ? memcmp(pa->key.val.string.val, pb->key.val.string.val, la) : 0;
	if (cmp != 0)
		return cmp;
	return (pa->order > pb->order) ? -1 : (pa->order < pb->order);
}

/* Fill jv with the AttributeValue object of value. */
static void
BuildValueTree(const DdbValue *value, JsonbValue *jv)
{
	const char *tname = DdbTypeName(value->type);
	JsonbPair  *pair = palloc(sizeof(JsonbPair));
	JsonbValue *v = &pair->value;
	JsonbValue *elems;
	size_t		n;
	size_t		i;

	check_stack_depth();

	SetString(&pair->key, tname, strlen(tname));
	pair->order = 0;
	jv->type = jbvObject;
	jv->val.object.nPairs = 1;
	jv->val.object.pairs = pair;

	switch (value->type)
	{
		case DDB_TYPE_S:
		case DDB_TYPE_N:
			SetString(v, value->u.str.data, value->u.str.len);
			break;
		case DDB_TYPE_B:
			SetBase64(v, value);
			break;
		case DDB_TYPE_BOOL:
		case DDB_TYPE_NULL:
			v->type = jbvBool;
			v->val.boolean = (value->type == DDB_TYPE_NULL) || value->u.boolean;
			break;
		case DDB_TYPE_SS:
		case DDB_TYPE_NS:
		case DDB_TYPE_BS:
		case DDB_TYPE_L:
			n = value->u.list.count;
			elems = palloc(Max(n, 1) * sizeof(JsonbValue));
			for (i = 0; i < n; i++)
			{
				const DdbValue *e = value->u.list.elems[i];

				if (value->type == DDB_TYPE_L)
					BuildValueTree(e, &elems[i]);
				else if (value->type == DDB_TYPE_BS)
					SetBase64(&elems[i], e);
				else
					SetString(&elems[i], e->u.str.data, e->u.str.len);
			}
			v->type = jbvArray;
			v->val.array.nElems = (int) n;
			v->val.array.elems = elems;
			v->val.array.rawScalar = false;
			break;
		case DDB_TYPE_M:
			BuildItemTree(value, v);
			break;
	}
}

/* Fill jv with the object of name -> AttributeValue of an M value. */
static void
BuildItemTree(const DdbValue *item, JsonbValue *jv)
{
	size_t		n = item->u.map.count;
	JsonbPair  *pairs = palloc(Max(n, 1) * sizeof(JsonbPair));
	size_t		kept;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		const DdbMapEntry *e = &item->u.map.entries[i];

		SetString(&pairs[i].key, e->name, e->name_len);
		pairs[i].order = (uint32) i;
		BuildValueTree(e->value, &pairs[i].value);
	}
	kept = n;
	if (n > 1)
	{
		qsort(pairs, n, sizeof(JsonbPair), ComparePairs);
		/* drop duplicate names, keeping the first of each run (the last set) */
		kept = 1;
		for (i = 1; i < n; i++)
		{
			JsonbPair  *prev = &pairs[kept - 1];

			if (pairs[i].key.val.string.len == prev->key.val.string.len &&
				memcmp(pairs[i].key.val.string.val, prev->key.val.string.val,
					   prev->key.val.string.len) == 0)
				continue;
			pairs[kept++] = pairs[i];
		}
	}
	jv->type = jbvObject;
	jv->val.object.nPairs = (int) kept;
	jv->val.object.pairs = pairs;
}

/* A value as a standalone jsonb AttributeValue. */
Jsonb *
DdbValueToJsonb(const DdbValue *value)
{
	JsonbValue	root;

	BuildValueTree(value, &root);
	return JsonbValueToJsonb(&root);
}

/* An item (M value) as a standalone jsonb attribute map. */
Jsonb *
DdbItemToJsonb(const DdbValue *item)
{
	JsonbValue	root;

	BuildItemTree(item, &root);
	return JsonbValueToJsonb(&root);
}

/* Put a value under member key (NULL: as an array element). */
void
DdbJsonPutValue(DdbJson *js, const char *key, const DdbValue *value)
{
	if (key != NULL)
		PushString(&js->state, WJB_KEY, key, strlen(key));
	js->result = DdbPushValue(&js->state, value);
}

/* Put an item under member key (NULL: as an array element). */
void
DdbJsonPutItem(DdbJson *js, const char *key, const DdbValue *item)
{
	if (key != NULL)
		PushString(&js->state, WJB_KEY, key, strlen(key));
	js->result = DdbPushItem(&js->state, item);
}
