-- DescribeTable, DeleteTable and ListTables (tables.md §5, §7, §9, §10),
-- the counts and sizes in descriptions, index backfills, and the SQL
-- helpers ddb_items(), ddb_table_relation(), ddb_list_tables() and
-- ddb_wait_for_table().
CREATE EXTENSION ddbtable;

-- Replace what changes from run to run (ids, times, stream labels).
CREATE FUNCTION pg_temp.mask(j jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
SELECT regexp_replace(regexp_replace(regexp_replace(j::text,
	'"TableId": "[0-9a-f-]{36}"', '"TableId": "<uuid>"', 'g'),
	'"(CreationDateTime|LastUpdateDateTime|LastIncreaseDateTime|LastDecreaseDateTime|LastUpdateToPayPerRequestDateTime)": [0-9.]+',
	'"\1": "<time>"', 'g'),
	'[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}', '<label>', 'g')::jsonb
$$;

-- Insert rows straight into a relation (PutItem is not there yet).
CREATE FUNCTION pg_temp.put(rel regclass, rows text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('INSERT INTO %s VALUES %s', rel, rows);
END
$$;

SELECT ddb_create_table($${
	"TableName": "Orders",
	"AttributeDefinitions": [{"AttributeName": "OrderId", "AttributeType": "S"},
	                         {"AttributeName": "LineNo", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "OrderId", "KeyType": "HASH"},
	              {"AttributeName": "LineNo", "KeyType": "RANGE"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 10, "WriteCapacityUnits": 5}}$$) IS NOT NULL AS created;
SELECT ddb_create_table($${
	"TableName": "Catalog",
	"AttributeDefinitions": [{"AttributeName": "Pk", "AttributeType": "S"},
	                         {"AttributeName": "Sk", "AttributeType": "S"},
	                         {"AttributeName": "Price", "AttributeType": "N"},
	                         {"AttributeName": "Brand", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "Pk", "KeyType": "HASH"}, {"AttributeName": "Sk", "KeyType": "RANGE"}],
	"BillingMode": "PAY_PER_REQUEST",
	"LocalSecondaryIndexes": [{"IndexName": "ByPrice",
		"KeySchema": [{"AttributeName": "Pk", "KeyType": "HASH"}, {"AttributeName": "Price", "KeyType": "RANGE"}],
		"Projection": {"ProjectionType": "ALL"}}],
	"GlobalSecondaryIndexes": [{"IndexName": "ByBrand",
		"KeySchema": [{"AttributeName": "Brand", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "KEYS_ONLY"}}]}$$) IS NOT NULL AS created;

--
-- DescribeTable (tables.md §7)
--
SELECT jsonb_pretty(pg_temp.mask(ddb_execute('DescribeTable', '{"TableName": "Orders"}')));
SELECT jsonb_pretty(pg_temp.mask(ddb_execute('DescribeTable', '{"TableName": "Catalog"}')));
-- by ARN, and through the text overload: the same answer
SELECT ddb_execute('DescribeTable', '{"TableName": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders"}')
	= ddb_execute('DescribeTable', '{"TableName": "Orders"}') AS same_by_arn,
	ddb_describe_table('Orders') = ddb_describe_table('{"TableName": "Orders"}'::jsonb) AS same_by_text,
	ddb_describe_table('arn:aws:dynamodb:us-east-1:000000000000:table/Orders')
	= ddb_describe_table('Orders') AS same_by_text_arn;
-- errors
SELECT ddb_execute('DescribeTable', '{}');
SELECT ddb_execute('DescribeTable', '{"TableName": "ab"}');
SELECT ddb_execute('DescribeTable', '{"TableName": "abc;"}');
SELECT ddb_execute('DescribeTable', '{"TableName": "Nope"}');
SELECT ddb_execute('DescribeTable', '{"TableName": "orders"}');
SELECT ddb_execute('DescribeTable', '{"TableName": "arn:aws:dynamodb:us-east-1:000000000000:table/Nope"}');
SELECT ddb_execute('DescribeTable', '{"TableName": "arn:aws:dynamodb:us-east-1:999999999999:table/Orders"}');
SELECT ddb_execute('DescribeTable', '{"TableName": ["Orders"]}');
SELECT ddb_execute('DescribeTable', '[]');
SELECT ddb_describe_table('{"TableName": "Nope"}'::jsonb);
SELECT ddb_describe_table('Nope');

--
-- Counts and sizes come from the relations: exact at each description.
--
SELECT pg_temp.put(ddb_table_relation('Orders'), $$
	('o-1', 1, '{"OrderId": {"S": "o-1"}, "LineNo": {"N": "1"}, "Qty": {"N": "3"}}', 21),
	('o-1', 2, '{"OrderId": {"S": "o-1"}, "LineNo": {"N": "2"}}', 14),
	('o-2', 10, '{"OrderId": {"S": "o-2"}, "LineNo": {"N": "10"}}', 14)$$);
SELECT d -> 'Table' -> 'ItemCount' AS item_count, d -> 'Table' -> 'TableSizeBytes' AS size_bytes
FROM ddb_describe_table('Orders') d;

-- ddb_items(): every item in primary-key order (numbers as numbers)
SELECT * FROM ddb_items('Orders');
SELECT count(*) FROM ddb_items('arn:aws:dynamodb:us-east-1:000000000000:table/Orders');
SELECT * FROM ddb_items('Nope');
-- ddb_table_relation(): the item relation, to query or grant on
SELECT ddb_table_relation('Orders')::text LIKE 'ddb_data.t\_%' AS in_ddb_data;
SELECT ddb_table_relation('Nope');

--
-- Index entries: backfilled from the items when UpdateTable adds a GSI.
-- Items without the key attribute, with another type, or with an empty
-- value are left out (sparse indexes); KEYS_ONLY and INCLUDE keep only
-- their attributes.
--
SELECT pg_temp.put(ddb_table_relation('Catalog'), $$
	('p1', 'a', '{"Pk": {"S": "p1"}, "Sk": {"S": "a"}, "Color": {"S": "red"}, "Size": {"N": "10"}, "Note": {"S": "x"}}', 30),
	('p1', 'b', '{"Pk": {"S": "p1"}, "Sk": {"S": "b"}, "Color": {"N": "5"}}', 20),
	('p2', 'a', '{"Pk": {"S": "p2"}, "Sk": {"S": "a"}, "Color": {"S": ""}}', 20),
	('p3', 'a', '{"Pk": {"S": "p3"}, "Sk": {"S": "a"}}', 10),
	('p4', 'z', '{"Pk": {"S": "p4"}, "Sk": {"S": "z"}, "Color": {"S": "blue"}, "Size": {"N": "-1.5e3"}}', 30),
	('p5', 'a', '{"Pk": {"S": "p5"}, "Sk": {"S": "a"}, "Color": {"S": "blue"}, "Size": {"S": "L"}}', 30)$$);
SELECT ddb_execute('UpdateTable', $${"TableName": "Catalog",
	"AttributeDefinitions": [{"AttributeName": "Color", "AttributeType": "S"}, {"AttributeName": "Size", "AttributeType": "N"}],
	"GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "ByColorSize",
		"KeySchema": [{"AttributeName": "Color", "KeyType": "HASH"}, {"AttributeName": "Size", "KeyType": "RANGE"}],
		"Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["Note"]}}}]}$$) ? 'TableDescription' AS updated;
SELECT ddb_execute('UpdateTable', $${"TableName": "Catalog",
	"AttributeDefinitions": [{"AttributeName": "Color", "AttributeType": "S"}],
	"GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "ByColor",
		"KeySchema": [{"AttributeName": "Color", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "ALL"}}}]}$$) ? 'TableDescription' AS updated;
-- the relation of each index, in index-key order
CREATE FUNCTION pg_temp.entries(table_name text, index_name text)
RETURNS TABLE (index_hash text, index_range text, hash_key text, range_key text, item jsonb, item_size integer)
LANGUAGE plpgsql AS $$
DECLARE
	rel text;
	has_range boolean;
BEGIN
	SELECT i.relname, i.range_key_name IS NOT NULL INTO rel, has_range
	FROM ddb_catalog.indexes i JOIN ddb_catalog.tables t USING (table_id)
	WHERE t.table_name = entries.table_name AND i.index_name = entries.index_name;
	RETURN QUERY EXECUTE format('SELECT index_hash::text, %s, hash_key::text, range_key::text, item, item_size '
		'FROM ddb_data.%I ORDER BY 1, 2, 3, 4', CASE WHEN has_range THEN 'index_range::text' ELSE 'NULL' END, rel);
END
$$;
SELECT * FROM pg_temp.entries('Catalog', 'ByColorSize');
SELECT * FROM pg_temp.entries('Catalog', 'ByColor');
SELECT * FROM pg_temp.entries('Catalog', 'ByBrand');
SELECT i -> 'IndexName' AS index_name, i -> 'ItemCount' AS item_count,
	i -> 'IndexSizeBytes' AS size_bytes, i -> 'IndexStatus' AS status, i -> 'Backfilling' AS backfilling
FROM jsonb_array_elements(ddb_describe_table('Catalog') -> 'Table' -> 'GlobalSecondaryIndexes') i;
SELECT d -> 'ItemCount' AS item_count, d -> 'TableSizeBytes' AS size_bytes,
	d -> 'LocalSecondaryIndexes' -> 0 -> 'ItemCount' AS lsi_item_count
FROM (SELECT ddb_describe_table('Catalog') -> 'Table' AS d) s;

--
-- DeleteTable (tables.md §9)
--
SELECT jsonb_pretty(pg_temp.mask(ddb_execute('DeleteTable', '{"TableName": "Orders"}')));
SELECT ddb_execute('DescribeTable', '{"TableName": "Orders"}');
SELECT ddb_execute('DeleteTable', '{"TableName": "Orders"}');
-- LSIs are not shown while the table is being deleted
SELECT pg_temp.mask(ddb_delete_table('Catalog')) -> 'TableDescription' ?| '{LocalSecondaryIndexes}' AS shows_lsis,
	jsonb_array_length(ddb_execute('ListTables') -> 'TableNames') AS tables_left;
-- the relations went with the tables
SELECT count(*) AS relations FROM pg_class WHERE relnamespace = 'ddb_data'::regnamespace;
SELECT count(*) AS catalog_rows FROM ddb_catalog.tables;
SELECT count(*) AS index_rows FROM ddb_catalog.indexes;

-- A DeleteTable rolled back changes nothing.
SELECT ddb_create_table($${"TableName": "Keep",
	"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}$$) IS NOT NULL AS created;
SELECT pg_temp.put(ddb_table_relation('Keep'), $$(1, '{"k": {"N": "1"}}', 2)$$);
BEGIN;
SELECT ddb_delete_table('Keep') -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT ddb_execute('DescribeTable', '{"TableName": "Keep"}') ->> 'message' AS message;
ROLLBACK;
SELECT ddb_describe_table('Keep') -> 'Table' ->> 'TableStatus' AS status, (SELECT count(*) FROM ddb_items('Keep')) AS items;

-- Deletion protection.
SELECT ddb_create_table($${"TableName": "Guarded",
	"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST",
	"DeletionProtectionEnabled": true}$$) IS NOT NULL AS created;
SELECT ddb_execute('DeleteTable', '{"TableName": "Guarded"}');
SELECT ddb_delete_table('Guarded');
SELECT ddb_describe_table('Guarded') -> 'Table' ->> 'TableStatus' AS status;

-- Tables being created, updated or deleted (a restore in progress, an
-- UpdateTable of the future; set by hand here).
UPDATE ddb_catalog.tables SET table_status = 'CREATING' WHERE table_name = 'Keep';
SELECT ddb_execute('DeleteTable', '{"TableName": "Keep"}');
UPDATE ddb_catalog.tables SET table_status = 'UPDATING' WHERE table_name = 'Keep';
SELECT ddb_execute('DeleteTable', '{"TableName": "Keep"}');
UPDATE ddb_catalog.tables SET table_status = 'DELETING' WHERE table_name = 'Keep';
SELECT ddb_execute('DeleteTable', '{"TableName": "Keep"}') -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT ddb_describe_table('Keep') -> 'Table' ->> 'TableStatus' AS still_there;
UPDATE ddb_catalog.tables SET table_status = 'ACTIVE' WHERE table_name = 'Keep';
SELECT ddb_execute('DeleteTable', '{"TableName": "arn:aws:dynamodb:us-east-1:000000000000:table/Keep"}')
	-> 'TableDescription' ->> 'TableStatus' AS deleted_by_arn;

-- errors
SELECT ddb_execute('DeleteTable', '{}');
SELECT ddb_execute('DeleteTable', '{"TableName": ""}');
SELECT ddb_execute('DeleteTable', '{"TableName": "a b c"}');
SELECT ddb_execute('DeleteTable', '{"TableName": true}');
SELECT ddb_delete_table('Nope');

--
-- ListTables (tables.md §10): ascending byte order, pages.
--
DO $$
DECLARE
	name text;
BEGIN
	FOREACH name IN ARRAY ARRAY['abc', 'ab.', 'ab-', 'Abc', 'ABC', '_ab', '0ab', 'z.9', 'Z_9', 'abcd'] LOOP
		PERFORM ddb_create_table(jsonb_build_object('TableName', name,
			'AttributeDefinitions', '[{"AttributeName": "k", "AttributeType": "S"}]'::jsonb,
			'KeySchema', '[{"AttributeName": "k", "KeyType": "HASH"}]'::jsonb,
			'BillingMode', 'PAY_PER_REQUEST'));
	END LOOP;
END
$$;
SELECT ddb_execute('ListTables');
SELECT ddb_execute('ListTables', '{}') = ddb_list_tables('{}') AS same;
SELECT ddb_execute('ListTables', '{"Limit": 4}');
SELECT ddb_execute('ListTables', '{"Limit": 4, "ExclusiveStartTableName": "Z_9"}');
SELECT ddb_execute('ListTables', '{"Limit": 4, "ExclusiveStartTableName": "abc"}');
-- exactly the last names: no LastEvaluatedTableName
SELECT ddb_execute('ListTables', '{"Limit": 3, "ExclusiveStartTableName": "abc"}');
-- the start name need not exist
SELECT ddb_execute('ListTables', '{"ExclusiveStartTableName": "aa_"}');
SELECT ddb_execute('ListTables', '{"ExclusiveStartTableName": "zzz"}');
SELECT ddb_execute('ListTables', '{"Limit": 1, "ExclusiveStartTableName": null}');
SELECT * FROM ddb_list_tables();
-- errors
SELECT ddb_execute('ListTables', '{"Limit": 0}');
SELECT ddb_execute('ListTables', '{"Limit": 101}');
SELECT ddb_execute('ListTables', '{"Limit": -5, "ExclusiveStartTableName": "a;"}');
SELECT ddb_execute('ListTables', '{"ExclusiveStartTableName": "abc;"}');
SELECT ddb_execute('ListTables', '{"Limit": "5"}');
SELECT ddb_execute('ListTables', '{"Limit": 2.5}');
SELECT ddb_execute('ListTables', '{"Limit": 10000000000}');
SELECT ddb_execute('ListTables', '{"ExclusiveStartTableName": 5}');
SELECT ddb_list_tables('{"Limit": 0}');

-- More than one page: ddb_list_tables() reads them all.
DO $$
BEGIN
	FOR i IN 1..205 LOOP
		PERFORM ddb_create_table(jsonb_build_object('TableName', format('bulk%s', lpad(i::text, 3, '0')),
			'AttributeDefinitions', '[{"AttributeName": "k", "AttributeType": "S"}]'::jsonb,
			'KeySchema', '[{"AttributeName": "k", "KeyType": "HASH"}]'::jsonb,
			'BillingMode', 'PAY_PER_REQUEST'));
	END LOOP;
END
$$;
SELECT jsonb_array_length(r -> 'TableNames') AS names, r -> 'LastEvaluatedTableName' AS last
FROM ddb_execute('ListTables') r;
SELECT count(*), min(n), max(n), bool_and(n > prev) AS ascending
FROM (SELECT n, lag(n, 1, '') OVER (ORDER BY o) AS prev
	  FROM ddb_list_tables() WITH ORDINALITY AS t(n, o)) s;

--
-- ddb_wait_for_table
--
SELECT ddb_wait_for_table('Guarded') -> 'Table' ->> 'TableStatus' AS status;
SELECT ddb_wait_for_table('Nope', '0.2 s');
UPDATE ddb_catalog.tables SET table_status = 'UPDATING' WHERE table_name = 'Guarded';
SELECT ddb_wait_for_table('Guarded', '0.2 s');
UPDATE ddb_catalog.tables SET table_status = 'ACTIVE' WHERE table_name = 'Guarded';
SELECT ddb_wait_for_table('abc;', '1 s');

DROP EXTENSION ddbtable;
