-- BatchWriteItem (items.md §12.2): every serialization and validation
-- message in DynamoDB's order, the 25-request limit at its boundary,
-- duplicates, puts and deletes across two tables with their GSI and LSI
-- entries kept in step, all-or-nothing behaviour, ConsumedCapacity,
-- ItemCollectionMetrics and the friendly overload.
CREATE EXTENSION ddbtable;

SELECT ddb_execute('CreateTable', $${"TableName": "Things", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
		{"AttributeName": "sk", "AttributeType": "N"}, {"AttributeName": "color", "AttributeType": "S"},
		{"AttributeName": "owner", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
	"LocalSecondaryIndexes": [{"IndexName": "ByColor",
		"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "color", "KeyType": "RANGE"}],
		"Projection": {"ProjectionType": "ALL"}}],
	"GlobalSecondaryIndexes": [{"IndexName": "ByOwner",
		"KeySchema": [{"AttributeName": "owner", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "KEYS_ONLY"}}]}$$) -> 'TableDescription' ->> 'TableName' AS created;
SELECT ddb_execute('CreateTable', $${"TableName": "Plain", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}$$) -> 'TableDescription' ->> 'TableName' AS created;

-- The entries of an index, as stored in its relation.
CREATE FUNCTION pg_temp.index_entries(table_name text, index_name text)
RETURNS SETOF jsonb LANGUAGE plpgsql AS $$
DECLARE
	rel text;
BEGIN
	SELECT i.relname INTO rel FROM ddb_catalog.indexes i JOIN ddb_catalog.tables t USING (table_id)
	WHERE t.table_name = index_entries.table_name AND i.index_name = index_entries.index_name;
	RETURN QUERY EXECUTE format('SELECT item FROM ddb_data.%I ORDER BY item::text', rel);
END
$$;

-- Run a statement and report its error, without the request it prints.
CREATE FUNCTION pg_temp.try(sql text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE sql;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || regexp_replace(SQLERRM, 'Value ''[[{].*[]}]'' at', 'Value ''...'' at');
END
$$;

-- n put requests for the hash-only table Plain (keys p1, p2, ...).
CREATE FUNCTION pg_temp.puts(n int, prefix text DEFAULT 'p') RETURNS jsonb LANGUAGE sql AS $$
	SELECT coalesce(jsonb_agg(jsonb_build_object('PutRequest', jsonb_build_object('Item',
		jsonb_build_object('id', jsonb_build_object('S', prefix || i)))) ORDER BY i), '[]')
	FROM generate_series(1, n) i
$$;

--
-- Serialization: JSON types, before anything else.
--
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": 5}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": []}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": 5}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": {}}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [5]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [[]]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [{"DeleteRequest": 5}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [{"DeleteRequest": {"Key": 5}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [{"DeleteRequest": {"Key": {"a": 5}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [{"PutRequest": []}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [{"PutRequest": {"Item": []}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [{"PutRequest": {"Item": {"a": {"S": 5}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"ReturnConsumedCapacity": 5, "RequestItems": {}}');
SELECT ddb_execute('BatchWriteItem', '{"ReturnItemCollectionMetrics": true, "RequestItems": {}}');
-- a shape error anywhere wins over a value error earlier in the request
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"abc": [{"PutRequest": {"Item": {"a": {"N": "x"}}}},
	{"PutRequest": {"Item": {"a": {"S": 5}}}}]}}$$);

--
-- Model constraints, all reported together.
--
SELECT ddb_execute('BatchWriteItem', '{}');
SELECT ddb_execute('BatchWriteItem', '{"ReturnConsumedCapacity": "hi", "ReturnItemCollectionMetrics": "hi"}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"a": []}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"a": null}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"a": []}, "ReturnConsumedCapacity": "hi", "ReturnItemCollectionMetrics": "hi"}');
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"aa;": [{"PutRequest": {}, "DeleteRequest": {}}]},
	"ReturnConsumedCapacity": "hi", "ReturnItemCollectionMetrics": "hi"}$$);
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"a": [{"PutRequest": {"Item": {"a": {"S": "a"}}}}]}}');
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"abc": [{"PutRequest": {"Item": null}},
	{"DeleteRequest": {"Key": {"a": {"S": "a"}}}}, {"DeleteRequest": {}}]}}$$);
-- table ARNs are accepted as keys; other keys must be table names
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {
	"arn:aws:dynamodb:us-east-1:000000000000:table/abc": [{"PutRequest": {"Item": {"a": {"S": "a"}}}}],
	"ab": [{"PutRequest": {"Item": {"a": {"S": "a"}}}}]}}$$);
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {
	"arn:aws:dynamodb:us-east-1:000000000000:table/abc": [{"PutRequest": {"Item": {"a": {"S": "a"}}}}]}}$$);

-- 25 requests for one table is the limit, 26 break the model's constraint
SELECT ddb_execute('BatchWriteItem', jsonb_build_object('RequestItems', jsonb_build_object('abc', pg_temp.puts(25))));
SELECT regexp_replace(ddb_execute('BatchWriteItem',
	jsonb_build_object('RequestItems', jsonb_build_object('abc', pg_temp.puts(26)))) ->> 'message',
	'Value ''\{.*\}'' at', 'Value ''{...}'' at') AS message;
-- 25 in total over several tables is the limit, 26 are too many
SELECT ddb_execute('BatchWriteItem', jsonb_build_object('RequestItems',
	jsonb_build_object('abc', pg_temp.puts(13), 'abd', pg_temp.puts(12))));
SELECT ddb_execute('BatchWriteItem', jsonb_build_object('RequestItems',
	jsonb_build_object('abc', pg_temp.puts(13), 'abd', pg_temp.puts(13))));
-- at most 25 tables
SELECT regexp_replace(ddb_execute('BatchWriteItem', jsonb_build_object('RequestItems',
	(SELECT jsonb_object_agg('table' || i, pg_temp.puts(1)) FROM generate_series(1, 26) i))) ->> 'message',
	'Value ''\{.*\}'' at', 'Value ''{...}'' at') AS message;

--
-- Requests that need no table: one of PutRequest and DeleteRequest,
-- attribute values, item sizes.
--
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [{}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [null]}}');
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"abc": [{"PutRequest": {"Item": {"a": {"S": "a"}}},
	"DeleteRequest": {"Key": {"a": {"S": "a"}}}}]}}$$);
-- the empty request is found before a bad value of an earlier element
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [{"PutRequest": {"Item": {"a": {"N": "x"}}}}, {}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [{"PutRequest": {"Item": {"a": {}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [{"PutRequest": {"Item": {"a": {"S": "a", "N": "1"}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [{"PutRequest": {"Item": {"a": {"NULL": false}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [{"PutRequest": {"Item": {"a": {"SS": ["a", "a"]}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [{"PutRequest": {"Item": {"a": {"N": "b"}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"abc": [{"DeleteRequest": {"Key": {"a": {"N": "1e126"}}}}]}}');
-- an item of 400 KB passes (the table is missing), one byte more does not
SELECT ddb_execute('BatchWriteItem', jsonb_build_object('RequestItems', jsonb_build_object('abc',
	jsonb_build_array(jsonb_build_object('PutRequest', jsonb_build_object('Item', jsonb_build_object(
		'a', jsonb_build_object('S', 'x'), 'b', jsonb_build_object('S', repeat('b', 409600 - 3)))))))));
SELECT ddb_execute('BatchWriteItem', jsonb_build_object('RequestItems', jsonb_build_object('abc',
	jsonb_build_array(jsonb_build_object('PutRequest', jsonb_build_object('Item', jsonb_build_object(
		'a', jsonb_build_object('S', 'x'), 'b', jsonb_build_object('S', repeat('b', 409600 - 2)))))))));
-- a bad value in the first table is found before a missing table
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"abc": [{"PutRequest": {"Item": {"a": {"S": "a"}}}}],
	"abcd": [{"PutRequest": {"Item": {"a": {"N": ""}}}}]}}$$);

--
-- Requests checked against the table.
--
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"NoSuchTable": [{"PutRequest": {"Item": {}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Plain": [{"PutRequest": {"Item": {}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Plain": [{"PutRequest": {"Item": {"b": {"S": "a"}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Plain": [{"PutRequest": {"Item": {"id": {"B": "abcd"}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Plain": [{"PutRequest": {"Item": {"id": {"SS": ["a"]}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Things": [{"PutRequest": {"Item": {"pk": {"S": "a"}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Plain": [{"PutRequest": {"Item": {"id": {"S": ""}}}}]}}');
SELECT ddb_execute('BatchWriteItem', jsonb_build_object('RequestItems', jsonb_build_object('Plain',
	jsonb_build_array(jsonb_build_object('PutRequest', jsonb_build_object('Item',
		jsonb_build_object('id', jsonb_build_object('S', repeat('h', 2049)))))))));
SELECT ddb_execute('BatchWriteItem', jsonb_build_object('RequestItems', jsonb_build_object('Plain',
	jsonb_build_array(jsonb_build_object('PutRequest', jsonb_build_object('Item',
		jsonb_build_object('id', jsonb_build_object('S', repeat('h', 2048)))))))))
	AS longest_hash_key;
SELECT ddb_execute('BatchWriteItem', jsonb_build_object('RequestItems', jsonb_build_object('Plain',
	jsonb_build_array(jsonb_build_object('DeleteRequest', jsonb_build_object('Key',
		jsonb_build_object('id', jsonb_build_object('S', repeat('h', 2048)))))))))
	AS longest_hash_key_deleted;
SELECT ddb_execute('BatchWriteItem', jsonb_build_object('RequestItems', jsonb_build_object('Things',
	jsonb_build_array(jsonb_build_object('PutRequest', jsonb_build_object('Item',
		jsonb_build_object('pk', jsonb_build_object('S', 'a'), 'sk', jsonb_build_object('N', '1'),
			'color', jsonb_build_object('S', repeat('c', 1025)))))))));
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"Things": [{"PutRequest": {"Item":
	{"pk": {"S": "a"}, "sk": {"N": "1"}, "owner": {"N": "1"}}}}]}}$$);
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"Things": [{"PutRequest": {"Item":
	{"pk": {"S": "a"}, "sk": {"N": "1"}, "color": {"S": ""}}}}]}}$$);
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Plain": [{"DeleteRequest": {"Key": {}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Plain": [{"DeleteRequest": {"Key": {"id": {"S": "a"}, "x": {"S": "a"}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Plain": [{"DeleteRequest": {"Key": {"id": {"N": "1"}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Things": [{"DeleteRequest": {"Key": {"pk": {"S": "a"}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Plain": [{"DeleteRequest": {"Key": {"id": {"S": ""}}}}]}}');

-- Two requests on one item: put and delete either way, two puts, two
-- deletes, equal numbers written differently, and one table named once by
-- name and once by ARN.
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"Plain": [{"PutRequest": {"Item": {"id": {"S": "d"}, "x": {"S": "1"}}}},
	{"DeleteRequest": {"Key": {"id": {"S": "d"}}}}]}}$$);
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"Plain": [{"DeleteRequest": {"Key": {"id": {"S": "d"}}}},
	{"PutRequest": {"Item": {"id": {"S": "d"}}}}]}}$$);
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"Plain": [{"PutRequest": {"Item": {"id": {"S": "d"}}}},
	{"PutRequest": {"Item": {"id": {"S": "e"}}}}, {"PutRequest": {"Item": {"id": {"S": "d"}, "y": {"S": "2"}}}}]}}$$);
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"Plain": [{"DeleteRequest": {"Key": {"id": {"S": "d"}}}},
	{"DeleteRequest": {"Key": {"id": {"S": "d"}}}}]}}$$);
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"Things": [{"PutRequest": {"Item": {"pk": {"S": "d"}, "sk": {"N": "1"}}}},
	{"DeleteRequest": {"Key": {"pk": {"S": "d"}, "sk": {"N": "1.00"}}}}]}}$$);
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"Plain": [{"PutRequest": {"Item": {"id": {"S": "d"}}}}],
	"arn:aws:dynamodb:us-east-1:000000000000:table/Plain": [{"DeleteRequest": {"Key": {"id": {"S": "d"}}}}]}}$$);
-- the same partition key with other sort keys are different items
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"Things": [{"PutRequest": {"Item": {"pk": {"S": "d"}, "sk": {"N": "1"}}}},
	{"DeleteRequest": {"Key": {"pk": {"S": "d"}, "sk": {"N": "2"}}}}]}}$$);
SELECT count(*) AS nothing_written_yet FROM ddb_items('Plain');

--
-- Writing: one put in each table, then a mix of puts and deletes in both,
-- with the indexes following.
--
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {
	"Plain": [{"PutRequest": {"Item": {"id": {"S": "one"}, "n": {"N": "1"}}}}],
	"Things": [{"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"N": "1"}, "color": {"S": "red"}, "owner": {"S": "ann"}}}}]}}$$);
SELECT * FROM ddb_items('Plain');
SELECT * FROM ddb_items('Things');
SELECT * FROM pg_temp.index_entries('Things', 'ByColor');
SELECT * FROM pg_temp.index_entries('Things', 'ByOwner');

SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {
	"Plain": [{"DeleteRequest": {"Key": {"id": {"S": "one"}}}}, {"PutRequest": {"Item": {"id": {"S": "two"}}}},
		{"DeleteRequest": {"Key": {"id": {"S": "never-there"}}}}],
	"Things": [{"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"N": "1"}, "color": {"S": "blue"}}}},
		{"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"N": "2.50"}, "owner": {"S": "bob"}}}},
		{"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": "-1"}, "color": {"S": "red"}, "owner": {"S": "ann"}}}}]}}$$);
SELECT * FROM ddb_items('Plain');
SELECT * FROM ddb_items('Things');
SELECT * FROM pg_temp.index_entries('Things', 'ByColor');
SELECT * FROM pg_temp.index_entries('Things', 'ByOwner');

SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {
	"Things": [{"DeleteRequest": {"Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}}},
		{"DeleteRequest": {"Key": {"pk": {"S": "b"}, "sk": {"N": "-1.0"}}}}]}}$$);
SELECT * FROM ddb_items('Things');
SELECT * FROM pg_temp.index_entries('Things', 'ByColor');
SELECT * FROM pg_temp.index_entries('Things', 'ByOwner');

-- A bad request anywhere writes nothing: a key error in the last table,
-- a duplicate at the end, a missing table.
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {
	"Plain": [{"PutRequest": {"Item": {"id": {"S": "three"}}}}, {"DeleteRequest": {"Key": {"id": {"S": "two"}}}}],
	"Things": [{"PutRequest": {"Item": {"pk": {"S": "c"}, "sk": {"N": "3"}}}},
		{"PutRequest": {"Item": {"pk": {"S": "c"}, "sk": {"S": "3"}}}}]}}$$);
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {
	"Plain": [{"PutRequest": {"Item": {"id": {"S": "three"}}}}, {"DeleteRequest": {"Key": {"id": {"S": "two"}}}},
		{"PutRequest": {"Item": {"id": {"S": "two"}}}}]}}$$);
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {
	"Plain": [{"PutRequest": {"Item": {"id": {"S": "three"}}}}],
	"Zzz_missing": [{"PutRequest": {"Item": {"id": {"S": "three"}}}}]}}$$);
SELECT * FROM ddb_items('Plain');
SELECT * FROM ddb_items('Things');
-- The raising form rolls back with the caller's statement too.
SELECT ddb_batch_write_item($${"RequestItems": {
	"Plain": [{"PutRequest": {"Item": {"id": {"S": "three"}}}}, {"PutRequest": {"Item": {"id": {"S": ""}}}}]}}$$);
SELECT * FROM ddb_items('Plain');

-- A put replaces the whole item.
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"Plain": [{"PutRequest": {"Item": {"id": {"S": "two"}, "v": {"L": [{"N": "1"}]}}}}]}}$$);
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"Plain": [{"PutRequest": {"Item": {"id": {"S": "two"}, "w": {"BOOL": true}}}}]}}$$);
SELECT * FROM ddb_items('Plain');

--
-- ConsumedCapacity (one entry per table, under the name as given) and
-- ItemCollectionMetrics (tables with LSIs only).
--
SELECT ddb_execute('BatchWriteItem', jsonb_build_object('ReturnConsumedCapacity', 'TOTAL', 'RequestItems', jsonb_build_object(
	'Plain', jsonb_build_array(
		jsonb_build_object('PutRequest', jsonb_build_object('Item', jsonb_build_object(
			'id', jsonb_build_object('S', 'big'), 'b', jsonb_build_object('S', repeat('b', 1500))))),
		jsonb_build_object('PutRequest', jsonb_build_object('Item', jsonb_build_object(
			'id', jsonb_build_object('S', 'small'))))),
	'arn:aws:dynamodb:us-east-1:000000000000:table/Things', jsonb_build_array(
		jsonb_build_object('PutRequest', jsonb_build_object('Item', jsonb_build_object(
			'pk', jsonb_build_object('S', 'm'), 'sk', jsonb_build_object('N', '1'),
			'owner', jsonb_build_object('S', 'ann'))))))));
SELECT ddb_execute('BatchWriteItem', $${"ReturnConsumedCapacity": "INDEXES", "ReturnItemCollectionMetrics": "SIZE",
	"RequestItems": {
	"Plain": [{"DeleteRequest": {"Key": {"id": {"S": "big"}}}}, {"DeleteRequest": {"Key": {"id": {"S": "small"}}}}],
	"Things": [{"PutRequest": {"Item": {"pk": {"S": "m"}, "sk": {"N": "1"}, "color": {"S": "red"}, "owner": {"S": "bob"}}}},
		{"PutRequest": {"Item": {"pk": {"S": "m"}, "sk": {"N": "2"}}}},
		{"DeleteRequest": {"Key": {"pk": {"S": "n"}, "sk": {"N": "1"}}}}]}}$$);
SELECT ddb_execute('BatchWriteItem', $${"ReturnConsumedCapacity": "NONE", "ReturnItemCollectionMetrics": "SIZE",
	"RequestItems": {"Plain": [{"PutRequest": {"Item": {"id": {"S": "small"}}}}]}}$$);

--
-- The friendly overload: puts, and deletes, on one table.
--
SELECT ddb_batch_write_item('Plain', '[{"id": {"S": "f1"}}, {"id": {"S": "f2"}, "x": {"N": "0.50"}}]');
SELECT ddb_batch_write_item('Plain', '[{"id": {"S": "f3"}}]', '[{"id": {"S": "f1"}}, {"id": {"S": "small"}}]');
SELECT ddb_batch_write_item('Plain', '[]', '[{"id": {"S": "f3"}}]');
SELECT * FROM ddb_items('Plain');
SELECT ddb_batch_write_item('Plain', '[]');
SELECT ddb_batch_write_item('Plain', '[{"id": {"S": "f1"}}]', '[{"id": {"S": "f1"}}]');
SELECT pg_temp.try($$SELECT ddb_batch_write_item('Plain', (SELECT jsonb_agg(jsonb_build_object('id',
	jsonb_build_object('S', 'g' || i))) FROM generate_series(1, 26) i))$$);
SELECT ddb_batch_write_item('Plain', (SELECT jsonb_agg(jsonb_build_object('id', jsonb_build_object('S', 'g' || i)))
	FROM generate_series(1, 25) i));
SELECT count(*) AS items FROM ddb_items('Plain');

DROP EXTENSION ddbtable;
