/*-------------------------------------------------------------------------
 *
 * ddb_attrval_jsonb.h
 *	  Converting DynamoDB attribute values between jsonb and DdbValue.
 *
 * Input: a jsonb AttributeValue ({"S": "x"}, {"M": {...}}, ...) or an item
 * map (attribute name -> AttributeValue) becomes a DdbValue, with the
 * service's checks and messages: JSON shape errors raise
 * SerializationException at once (errors.md section 4); value errors
 * (items.md section 1.1, number rules, nesting) are ValidationException and
 * are reported only after the whole value has been read, so that a shape
 * error anywhere wins over a value error, as in the service, which
 * unmarshals the whole request before validating it.
 *
 * The DdbValues returned share memory with the jsonb (S values and names
 * point into it), so the jsonb must stay allocated while they are used.
 *
 * Output: DdbValue back to jsonb in DynamoDB's typed form, numbers as their
 * canonical text and binary as base64.
 *
 * IDENTIFICATION
 *	  src/ddb_attrval_jsonb.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_ATTRVAL_JSONB_H
#define DDB_ATTRVAL_JSONB_H

#include "postgres.h"

#include "utils/jsonb.h"

#include "ddb_attrval.h"
#include "ddb_json.h"

/*
 * One AttributeValue standing alone (an ExpressionAttributeValues entry, a
 * legacy AttributeValueList element).  v is the member as returned by
 * DdbGetMember or a jsonb iterator; JSON null counts as an empty
 * AttributeValue.  A validation problem is raised as ValidationException
 * when error is NULL; otherwise NULL is returned with *error set to the
 * message (the caller may wrap it, e.g. "ExpressionAttributeValues
 * contains invalid value: <message> for key :v").  *error is NULL on
 * success.
 */
extern DdbValue *DdbJsonbToValue(JsonbValue *v, const char **error);

/*
 * An item map (Item, Key, ExclusiveStartKey, ...): a JSON object of
 * attribute name -> AttributeValue, returned as an M value.  Returns NULL
 * (and *error NULL) when v is NULL or JSON null, i.e. the member is absent.
 * Errors as for DdbJsonbToValue.
 */
extern DdbValue *DdbJsonbToItem(JsonbValue *v, const char **error);

/*
 * The same for an item map that is an element of a list (BatchGetItem's
 * RequestItems.<table>.Keys): only the SerializationException for a JSON
 * scalar differs (the service's Java class-cast text).
 */
extern DdbValue *DdbJsonbToItemElement(JsonbValue *v, const char **error);

/* The same for a whole jsonb document. */
extern DdbValue *DdbJsonbDocumentToValue(Jsonb *jb, const char **error);
extern DdbValue *DdbJsonbDocumentToItem(Jsonb *jb, const char **error);

/*
 * Push a value as an AttributeValue object, or an item (M value) as an
 * attribute map, at the current position of a pushJsonbValue build (after
 * a WJB_KEY, inside an array, or as the root).  Returns what the closing
 * pushJsonbValue returned: the finished JsonbValue when it was the root.
 */
extern JsonbValue *DdbPushValue(JsonbParseState **state, const DdbValue *value);
extern JsonbValue *DdbPushItem(JsonbParseState **state, const DdbValue *item);

/* Standalone jsonb documents. */
extern Jsonb *DdbValueToJsonb(const DdbValue *value);
extern Jsonb *DdbItemToJsonb(const DdbValue *item);

/*
 * ddb_json.h builders: put a value or an item under member key (NULL for
 * an array element).
 */
extern void DdbJsonPutValue(DdbJson *js, const char *key, const DdbValue *value);
extern void DdbJsonPutItem(DdbJson *js, const char *key, const DdbValue *item);

#endif							/* DDB_ATTRVAL_JSONB_H */
