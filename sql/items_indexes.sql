-- Secondary-index maintenance by the item writes: GSIs are sparse, each
-- projection (ALL, KEYS_ONLY, INCLUDE) holds what it should, index keys
-- that change move the entry, and an index added later by UpdateTable is
-- backfilled and then kept in step.  Also DescribeTable's ItemCount and
-- sizes for the table and its indexes, and the data plane's table cache
-- across CreateTable, UpdateTable and DeleteTable.
CREATE EXTENSION ddbtable;

-- The entries of an index, as stored in its relation (keys and projection).
CREATE FUNCTION pg_temp.entries(table_name text, index_name text)
RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	rel text;
BEGIN
	SELECT i.relname INTO rel FROM ddb_catalog.indexes i JOIN ddb_catalog.tables t USING (table_id)
	WHERE t.table_name = entries.table_name AND i.index_name = entries.index_name;
	RETURN QUERY EXECUTE format('SELECT (to_jsonb(r) - ''item'' - ''item_size'')::text || '' '' || r.item::text '
		'|| '' '' || r.item_size FROM ddb_data.%I r ORDER BY 1', rel);
END
$$;

SELECT ddb_execute('CreateTable', $${"TableName": "Orders", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "customer", "AttributeType": "S"},
		{"AttributeName": "order", "AttributeType": "N"},
		{"AttributeName": "status", "AttributeType": "S"},
		{"AttributeName": "placed", "AttributeType": "S"},
		{"AttributeName": "total", "AttributeType": "N"},
		{"AttributeName": "blob", "AttributeType": "B"}],
	"KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"}, {"AttributeName": "order", "KeyType": "RANGE"}],
	"LocalSecondaryIndexes": [{"IndexName": "ByTotal",
		"KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"}, {"AttributeName": "total", "KeyType": "RANGE"}],
		"Projection": {"ProjectionType": "ALL"}}],
	"GlobalSecondaryIndexes": [
		{"IndexName": "ByStatus", "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
			{"AttributeName": "placed", "KeyType": "RANGE"}],
		 "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["total", "note"]}},
		{"IndexName": "ByBlob", "KeySchema": [{"AttributeName": "blob", "KeyType": "HASH"}],
		 "Projection": {"ProjectionType": "KEYS_ONLY"}}]}$$) -> 'TableDescription' ->> 'TableName' AS created;

-- in every index, none, and some
SELECT ddb_put_item('Orders', $${"customer": {"S": "ann"}, "order": {"N": "1"}, "status": {"S": "OPEN"},
	"placed": {"S": "2024-01-01"}, "total": {"N": "10.50"}, "blob": {"B": "AQI="}, "note": {"S": "gift"},
	"other": {"S": "not projected"}}$$);
SELECT ddb_put_item('Orders', $${"customer": {"S": "ann"}, "order": {"N": "2"}, "other": {"S": "x"}}$$);
SELECT ddb_put_item('Orders', $${"customer": {"S": "bob"}, "order": {"N": "-1.5"}, "status": {"S": "OPEN"},
	"total": {"N": "99"}}$$);
SELECT pg_temp.entries('Orders', 'ByTotal');
SELECT pg_temp.entries('Orders', 'ByStatus');
SELECT pg_temp.entries('Orders', 'ByBlob');

-- the GSI's sort key arrives: the item enters ByStatus
SELECT ddb_update_item('Orders', '{"customer": {"S": "bob"}, "order": {"N": "-1.5"}}',
	'SET placed = :p', '{":p": {"S": "2024-02-02"}}') IS NOT NULL AS updated;
-- index keys change: the entries move
SELECT ddb_update_item('Orders', '{"customer": {"S": "ann"}, "order": {"N": "1"}}',
	'SET #s = :s, #t = #t + :one REMOVE note', '{":s": {"S": "SHIPPED"}, ":one": {"N": "1"}}',
	'{"#s": "status", "#t": "total"}') IS NOT NULL AS updated;
SELECT pg_temp.entries('Orders', 'ByTotal');
SELECT pg_temp.entries('Orders', 'ByStatus');
-- a put without the index keys removes the entries; a delete removes all
SELECT ddb_put_item('Orders', $${"customer": {"S": "ann"}, "order": {"N": "1"}, "status": {"S": "SHIPPED"}}$$) IS NOT NULL AS replaced;
SELECT ddb_delete_item('Orders', '{"customer": {"S": "bob"}, "order": {"N": "-1.5"}}') IS NOT NULL AS deleted;
SELECT pg_temp.entries('Orders', 'ByTotal');
SELECT pg_temp.entries('Orders', 'ByStatus');
SELECT pg_temp.entries('Orders', 'ByBlob');
-- failed writes leave every index as it was
SELECT ddb_execute('PutItem', $${"TableName": "Orders", "Item": {"customer": {"S": "ann"}, "order": {"N": "2"},
	"status": {"S": "X"}, "placed": {"S": "p"}}, "ConditionExpression": "attribute_not_exists(customer)"}$$);
SELECT ddb_execute('UpdateItem', jsonb_build_object('TableName', 'Orders',
	'Key', '{"customer": {"S": "ann"}, "order": {"N": "2"}}'::jsonb,
	'UpdateExpression', 'SET #s = :s, placed = :p, #t = :t, big = :b',
	'ExpressionAttributeNames', '{"#s": "status", "#t": "total"}'::jsonb,
	'ExpressionAttributeValues', jsonb_build_object(':s', '{"S": "X"}'::jsonb, ':p', '{"S": "p"}'::jsonb,
		':t', '{"N": "1"}'::jsonb, ':b', jsonb_build_object('S', repeat('b', 409600))))) ->> 'message' AS message;
SELECT pg_temp.entries('Orders', 'ByStatus');

--
-- ItemCount and sizes: DescribeTable counts small tables exactly.
--
SELECT d -> 'Table' -> 'ItemCount' AS items, d -> 'Table' -> 'TableSizeBytes' AS bytes,
	(SELECT jsonb_object_agg(g ->> 'IndexName', jsonb_build_array(g -> 'ItemCount', g -> 'IndexSizeBytes'))
	 FROM jsonb_array_elements(d -> 'Table' -> 'GlobalSecondaryIndexes') g) AS gsis,
	(SELECT jsonb_object_agg(l ->> 'IndexName', jsonb_build_array(l -> 'ItemCount', l -> 'IndexSizeBytes'))
	 FROM jsonb_array_elements(d -> 'Table' -> 'LocalSecondaryIndexes') l) AS lsis
FROM ddb_describe_table('Orders') d;
CREATE FUNCTION pg_temp.stored_bytes(table_name text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
BEGIN
	EXECUTE format('SELECT sum(item_size) FROM %s', ddb_table_relation(table_name)) INTO n;
	RETURN n;
END
$$;
SELECT pg_temp.stored_bytes('Orders');

--
-- A GSI added later is backfilled, then maintained; one dropped is no
-- longer written.  The table cache notices each change.
--
SELECT ddb_put_item('Orders', $${"customer": {"S": "cat"}, "order": {"N": "7"}, "region": {"S": "EU"}}$$);
SELECT ddb_execute('UpdateTable', $${"TableName": "Orders",
	"AttributeDefinitions": [{"AttributeName": "region", "AttributeType": "S"}],
	"GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "ByRegion",
		"KeySchema": [{"AttributeName": "region", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "KEYS_ONLY"}}}]}$$) -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT pg_temp.entries('Orders', 'ByRegion');
SELECT ddb_put_item('Orders', $${"customer": {"S": "dan"}, "order": {"N": "8"}, "region": {"S": "US"}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Orders", "Item": {"customer": {"S": "dan"}, "order": {"N": "9"},
	"region": {"N": "1"}}}$$);
SELECT pg_temp.entries('Orders', 'ByRegion');
SELECT ddb_execute('UpdateTable', $${"TableName": "Orders",
	"GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "ByBlob"}}]}$$) -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT ddb_put_item('Orders', $${"customer": {"S": "dan"}, "order": {"N": "10"}, "blob": {"N": "1"}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Orders", "Item": {"customer": {"S": "dan"}, "order": {"N": "11"},
	"region": {"B": "AA=="}}, "ReturnConsumedCapacity": "INDEXES"}$$);

-- DeleteTable, then a table of the same name with another key schema
SELECT ddb_execute('DeleteTable', '{"TableName": "Orders"}') -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT ddb_execute('GetItem', '{"TableName": "Orders", "Key": {"customer": {"S": "ann"}, "order": {"N": "2"}}}');
SELECT ddb_execute('CreateTable', $${"TableName": "Orders", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}$$) -> 'TableDescription' ->> 'TableName' AS created;
SELECT ddb_execute('GetItem', '{"TableName": "Orders", "Key": {"customer": {"S": "ann"}, "order": {"N": "2"}}}');
SELECT ddb_put_item('Orders', '{"id": {"N": "1"}}');
SELECT * FROM ddb_items('Orders');

-- inside one transaction: created, written, rolled back, gone
BEGIN;
SELECT ddb_execute('CreateTable', $${"TableName": "Brief", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}$$) -> 'TableDescription' ->> 'TableName' AS created;
SELECT ddb_put_item('Brief', '{"id": {"S": "a"}}');
SELECT ddb_get_item('Brief', '{"id": {"S": "a"}}');
ROLLBACK;
SELECT ddb_execute('GetItem', '{"TableName": "Brief", "Key": {"id": {"S": "a"}}}');
DROP EXTENSION ddbtable;
