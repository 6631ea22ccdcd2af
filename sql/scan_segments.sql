-- Parallel Scan (items.md §11): Segment and TotalSegments go together and
-- are checked with DynamoDB's messages; for any TotalSegments the segments
-- partition the table exactly (every item in exactly one segment, all the
-- items of a partition key in the same one), for S, N and B partition keys
-- and for indexes; paging within a segment; an ExclusiveStartKey must come
-- from the segment scanned.
CREATE EXTENSION ddbtable;

-- Every item of one Scan request, following LastEvaluatedKey.
CREATE FUNCTION pg_temp.scan_all(request jsonb) RETURNS SETOF jsonb LANGUAGE plpgsql AS $$
DECLARE
	response jsonb;
BEGIN
	LOOP
		response := ddb_scan(request);
		RETURN QUERY SELECT e FROM jsonb_array_elements(response -> 'Items') AS e;
		EXIT WHEN NOT response ? 'LastEvaluatedKey';
		request := request || jsonb_build_object('ExclusiveStartKey', response -> 'LastEvaluatedKey');
	END LOOP;
END
$$;

-- For TotalSegments = total: the items each segment returns (in pages of
-- at most page_size), checked against the whole table.
CREATE FUNCTION pg_temp.partition(tab text, total int, page_size int DEFAULT 7, index_name text DEFAULT NULL)
RETURNS TABLE (total_segments int, items bigint, distinct_items bigint, table_items bigint,
			   empty_segments bigint, split_partitions bigint)
LANGUAGE sql AS $$
	WITH seg AS (
		SELECT s, i
		FROM generate_series(0, total - 1) s,
			 pg_temp.scan_all(jsonb_build_object('TableName', tab, 'IndexName', index_name,
				'Segment', s, 'TotalSegments', total, 'Limit', page_size)) AS i),
	everything AS (
		SELECT i FROM pg_temp.scan_all(jsonb_build_object('TableName', tab, 'IndexName', index_name)) AS i)
	SELECT total,
		(SELECT count(*) FROM seg),
		(SELECT count(DISTINCT i) FROM seg),
		(SELECT count(*) FROM everything),
		(SELECT total - count(DISTINCT s) FROM seg),
		(SELECT count(*) FROM (SELECT i -> 'pk' FROM seg GROUP BY 1 HAVING count(DISTINCT s) > 1) AS x)
	WHERE (SELECT count(*) FROM (SELECT i FROM seg EXCEPT SELECT i FROM everything) AS y) = 0
	  AND (SELECT count(*) FROM (SELECT i FROM everything EXCEPT SELECT i FROM seg) AS z) = 0
$$;

SELECT ddb_execute('CreateTable', $${"TableName": "Par", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
		{"AttributeName": "g", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
	"GlobalSecondaryIndexes": [{"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "KEYS_ONLY"}}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
-- 60 partition keys with 1 to 3 items each; g set on two items in three
SELECT bool_and(ddb_put_item(jsonb_build_object('TableName', 'Par', 'Item',
	jsonb_build_object('pk', jsonb_build_object('S', 'key' || p), 'sk', jsonb_build_object('N', s::text))
	|| CASE WHEN (p + s) % 3 <> 0 THEN jsonb_build_object('g', jsonb_build_object('N', ((p + s) % 11)::text))
			ELSE '{}' END)) = '{}') AS stored
FROM generate_series(1, 60) p, generate_series(1, 3) s WHERE s <= 1 + p % 3;

SELECT * FROM pg_temp.partition('Par', 1);
SELECT * FROM pg_temp.partition('Par', 2);
SELECT * FROM pg_temp.partition('Par', 3, 100);
SELECT * FROM pg_temp.partition('Par', 4);
SELECT * FROM pg_temp.partition('Par', 7, 1);
SELECT * FROM pg_temp.partition('Par', 16);
-- far more segments than partition keys: most segments are empty
SELECT total_segments, items, distinct_items, table_items, empty_segments > 900 AS mostly_empty,
	split_partitions
FROM pg_temp.partition('Par', 1000);
-- an index is partitioned by its own partition key
SELECT t.total_segments, t.items, t.distinct_items, t.table_items
FROM generate_series(1, 5) n, pg_temp.partition('Par', n, 3, 'byG') t;
SELECT ddb_execute('Scan', '{"TableName": "Par", "IndexName": "byG", "Segment": 0, "TotalSegments": 1,
	"Select": "COUNT"}');

-- N and B partition keys.
SELECT ddb_execute('CreateTable', $${"TableName": "ParN", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
SELECT bool_and(ddb_put_item(jsonb_build_object('TableName', 'ParN', 'Item',
	jsonb_build_object('pk', jsonb_build_object('N', (i * 1.5)::text)))) = '{}') AS stored
FROM generate_series(-20, 20) i;
SELECT ddb_execute('CreateTable', $${"TableName": "ParB", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "B"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
SELECT bool_and(ddb_put_item(jsonb_build_object('TableName', 'ParB', 'Item',
	jsonb_build_object('pk', jsonb_build_object('B', encode(sha256(i::text::bytea), 'base64'))))) = '{}') AS stored
FROM generate_series(1, 40) i;
SELECT * FROM pg_temp.partition('ParN', 3);
SELECT * FROM pg_temp.partition('ParN', 5, 2);
SELECT * FROM pg_temp.partition('ParB', 3);
SELECT * FROM pg_temp.partition('ParB', 6, 4);
-- a number's segment does not depend on how it is written
SELECT count(DISTINCT r) AS answers, count(*) AS requests
FROM unnest(ARRAY['"3"', '"3.0"', '"0.3e1"', '"30E-1"']) n,
	ddb_execute('Scan', format('{"TableName": "ParN", "Segment": 1, "TotalSegments": 3, "Select": "COUNT",
		"ExclusiveStartKey": {"pk": {"N": %s}}}', n)::jsonb) r;

--
-- ExclusiveStartKey must belong to the segment scanned.
--
SELECT r -> 'LastEvaluatedKey' AS first_page_key
FROM ddb_scan('{"TableName": "Par", "Segment": 1, "TotalSegments": 2, "Limit": 1}'::jsonb) r \gset
SELECT ddb_execute('Scan', jsonb_build_object('TableName', 'Par', 'Segment', 1, 'TotalSegments', 2,
	'Limit', 1, 'ExclusiveStartKey', :'first_page_key'::jsonb)) ? 'Items' AS continues;
SELECT ddb_execute('Scan', jsonb_build_object('TableName', 'Par', 'Segment', 0, 'TotalSegments', 2,
	'ExclusiveStartKey', :'first_page_key'::jsonb));
SELECT ddb_execute('Scan', jsonb_build_object('TableName', 'Par', 'Segment', 0, 'TotalSegments', 1,
	'Limit', 1, 'ExclusiveStartKey', :'first_page_key'::jsonb)) ? 'Items' AS continues;
SELECT r -> 'LastEvaluatedKey' AS index_key
FROM ddb_scan('{"TableName": "Par", "IndexName": "byG", "Segment": 2, "TotalSegments": 3, "Limit": 1}'::jsonb) r \gset
SELECT ddb_execute('Scan', jsonb_build_object('TableName', 'Par', 'IndexName', 'byG', 'Segment', 0,
	'TotalSegments', 3, 'ExclusiveStartKey', :'index_key'::jsonb));
SELECT ddb_execute('Scan', jsonb_build_object('TableName', 'Par', 'IndexName', 'byG', 'Segment', 2,
	'TotalSegments', 3, 'ExclusiveStartKey', :'index_key'::jsonb)) ? 'Items' AS continues;

--
-- Segment and TotalSegments.
--
SELECT ddb_execute('Scan', '{"TableName": "Par", "Segment": 0}');
SELECT ddb_execute('Scan', '{"TableName": "Par", "Segment": 3}');
SELECT ddb_execute('Scan', '{"TableName": "Par", "TotalSegments": 2}');
SELECT ddb_execute('Scan', '{"TableName": "Par", "Segment": 1, "TotalSegments": 1}');
SELECT ddb_execute('Scan', '{"TableName": "Par", "Segment": 5, "TotalSegments": 3}');
SELECT ddb_execute('Scan', '{"TableName": "Par", "Segment": -1, "TotalSegments": 0}');
SELECT ddb_execute('Scan', '{"TableName": "Par", "Segment": 1000000, "TotalSegments": 1000001}');
SELECT ddb_execute('Scan', '{"TableName": "Par", "Segment": 999999, "TotalSegments": 1000000, "Select": "COUNT"}')
	- 'Count' - 'ScannedCount' AS without_counts;
SELECT ddb_execute('Scan', '{"TableName": "Par", "Segment": "0", "TotalSegments": 2}');
-- checked before the table is looked up, after ExclusiveStartKey's values
SELECT ddb_execute('Scan', '{"TableName": "Nothing", "Segment": 2, "TotalSegments": 2}');
SELECT ddb_execute('Scan', '{"TableName": "Nothing", "Segment": 2, "ExclusiveStartKey": {"pk": {}}}');

SELECT ddb_execute('DeleteTable', jsonb_build_object('TableName', t)) -> 'TableDescription' ->> 'TableStatus' AS status
FROM unnest(ARRAY['Par', 'ParN', 'ParB']) t;
DROP EXTENSION ddbtable;
