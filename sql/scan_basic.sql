-- Scan (items.md §11): every item in primary key order, Limit and
-- ExclusiveStartKey paging, filters (which may use key attributes),
-- projections, Select, the 1 MB rule, ConsumedCapacity, the request checks
-- in DynamoDB's order with Scan's own wording, and the friendly
-- ddb_scan(table_name) that reads every page.
CREATE EXTENSION ddbtable;

-- Store an item; true when PutItem answers {}.
CREATE FUNCTION pg_temp.put(tab text, item jsonb) RETURNS boolean LANGUAGE sql AS $$
	SELECT ddb_put_item(jsonb_build_object('TableName', tab, 'Item', item)) = '{}'
$$;

-- Every page of a Scan: the keys read, the counts and LastEvaluatedKey.
CREATE FUNCTION pg_temp.pages(request jsonb)
RETURNS TABLE (page int, keys text, count int, scanned int, last_key text, units numeric)
LANGUAGE plpgsql AS $$
DECLARE
	response jsonb;
BEGIN
	page := 0;
	LOOP
		page := page + 1;
		response := ddb_scan(request || '{"ReturnConsumedCapacity": "TOTAL"}');
		SELECT string_agg(concat_ws('/', i -> 'pk' ->> 'S', i -> 'pk' ->> 'N', i -> 'sk' ->> 'S'), ' ' ORDER BY n)
		INTO keys FROM jsonb_array_elements(response -> 'Items') WITH ORDINALITY AS e(i, n);
		count := response -> 'Count';
		scanned := response -> 'ScannedCount';
		last_key := response ->> 'LastEvaluatedKey';
		units := response -> 'ConsumedCapacity' -> 'CapacityUnits';
		RETURN NEXT;
		EXIT WHEN NOT response ? 'LastEvaluatedKey' OR page >= 20;
		request := request || jsonb_build_object('ExclusiveStartKey', response -> 'LastEvaluatedKey');
	END LOOP;
END
$$;

SELECT ddb_execute('CreateTable', $${"TableName": "Things", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
SELECT ddb_execute('CreateTable', $${"TableName": "Pairs", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "N"}, {"AttributeName": "sk", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;

-- An empty table.
SELECT ddb_execute('Scan', '{"TableName": "Things", "ReturnConsumedCapacity": "TOTAL"}');
SELECT count(*) FROM ddb_scan('Things');

SELECT bool_and(pg_temp.put('Things', jsonb_build_object('pk', jsonb_build_object('S', s),
	'n', jsonb_build_object('N', length(s)::text)))) AS stored
FROM unnest(ARRAY['b', 'a', 'é', 'B', 'ab', 'z', 'A']) s;
SELECT bool_and(pg_temp.put('Pairs', jsonb_build_object('pk', jsonb_build_object('N', p::text),
	'sk', jsonb_build_object('S', s), 'tag', jsonb_build_object('S', p || s)))) AS stored
FROM unnest(ARRAY[10, -1, 2]) p, unnest(ARRAY['y', 'x']) s;

--
-- Primary key order: S bytewise, N numeric, then the sort key.
--
SELECT * FROM pg_temp.pages('{"TableName": "Things"}');
SELECT * FROM pg_temp.pages('{"TableName": "Pairs"}');
SELECT * FROM pg_temp.pages('{"TableName": "Things", "Limit": 3}');
SELECT * FROM pg_temp.pages('{"TableName": "Pairs", "Limit": 2}');
SELECT * FROM pg_temp.pages('{"TableName": "Pairs", "Limit": 6}');
SELECT * FROM ddb_scan('Pairs');

--
-- Filters (key attributes allowed), projections and Select.
--
SELECT * FROM pg_temp.pages('{"TableName": "Things", "FilterExpression": "begins_with(pk, :a) OR n > :one",
	"ExpressionAttributeValues": {":a": {"S": "a"}, ":one": {"N": "1"}}}');
SELECT * FROM pg_temp.pages('{"TableName": "Pairs", "FilterExpression": "pk > :z AND sk = :x",
	"ExpressionAttributeValues": {":z": {"N": "0"}, ":x": {"S": "x"}}, "Limit": 3}');
SELECT ddb_execute('Scan', '{"TableName": "Pairs", "ProjectionExpression": "tag, sk", "Limit": 2}');
SELECT ddb_execute('Scan', '{"TableName": "Pairs", "AttributesToGet": ["tag", "nothing"], "Limit": 2}');
SELECT ddb_execute('Scan', '{"TableName": "Pairs", "Select": "SPECIFIC_ATTRIBUTES",
	"ProjectionExpression": "#t", "ExpressionAttributeNames": {"#t": "tag"}, "Limit": 1}');
SELECT ddb_execute('Scan', '{"TableName": "Pairs", "Select": "COUNT", "FilterExpression": "contains(tag, :x)",
	"ExpressionAttributeValues": {":x": {"S": "x"}}}');
SELECT ddb_execute('Scan', '{"TableName": "Pairs", "Select": "ALL_ATTRIBUTES", "Limit": 1}');

--
-- ExclusiveStartKey: exactly the table's key, continuing after it.
--
SELECT ddb_execute('Scan', '{"TableName": "Pairs", "ExclusiveStartKey": {"pk": {"N": "2"}, "sk": {"S": "x"}}}');
SELECT ddb_execute('Scan', '{"TableName": "Pairs", "ExclusiveStartKey": {"pk": {"N": "2.5"}, "sk": {"S": "a"}}, "Select": "COUNT"}');
SELECT ddb_execute('Scan', '{"TableName": "Pairs", "ExclusiveStartKey": {"pk": {"N": "10"}, "sk": {"S": "y"}}}');
SELECT ddb_execute('Scan', '{"TableName": "Pairs", "ExclusiveStartKey": {}}');
SELECT ddb_execute('Scan', '{"TableName": "Pairs", "ExclusiveStartKey": {"pk": {"N": "2"}}}');
SELECT ddb_execute('Scan', '{"TableName": "Pairs", "ExclusiveStartKey": {"pk": {"N": "2"}, "x": {"S": "x"}}}');
SELECT ddb_execute('Scan', '{"TableName": "Pairs", "ExclusiveStartKey": {"pk": {"S": "2"}, "sk": {"S": "x"}}}');
SELECT ddb_execute('Scan', '{"TableName": "Pairs", "ExclusiveStartKey": {"pk": {"N": "2"}, "sk": {"S": ""}}}');
SELECT ddb_execute('Scan', jsonb_build_object('TableName', 'Things',
	'ExclusiveStartKey', jsonb_build_object('pk', jsonb_build_object('S', repeat('k', 2049)))));
SELECT ddb_execute('Scan', '{"TableName": "Things", "ExclusiveStartKey": {"pk": {"BOOL": true}}}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "ExclusiveStartKey": {"pk": {"BOOL": 5}}}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "ExclusiveStartKey": {"pk": {"NS": ["1", "1.0"]}}}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "ExclusiveStartKey": {"pk": {"L": [{}]}}}');

--
-- The 1 MB rule: a page ends after the item that brings the sizes read
-- to 1 MB; the filter does not change it.
--
SELECT ddb_execute('CreateTable', $${"TableName": "Large", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
-- 7 items of 2 + 2 + 1 + 350,000 bytes
SELECT bool_and(pg_temp.put('Large', jsonb_build_object('pk', jsonb_build_object('S', 'k' || i),
	'v', jsonb_build_object('S', repeat('v', 350000))))) AS stored
FROM generate_series(1, 7) i;
SELECT * FROM pg_temp.pages('{"TableName": "Large", "ProjectionExpression": "pk"}');
SELECT * FROM pg_temp.pages('{"TableName": "Large", "FilterExpression": "pk = :k",
	"ExpressionAttributeValues": {":k": {"S": "k5"}}, "ConsistentRead": true}');
SELECT count(*), sum(length(i -> 'v' ->> 'S')) FROM ddb_scan('Large') AS i;

--
-- JSON types.
--
SELECT ddb_execute('Scan', '{"TableName": "Things", "Segment": "1"}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "TotalSegments": true}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "Limit": []}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "ScanFilter": []}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "ExclusiveStartKey": "pk"}');
--
-- Model constraints, in the service's order for Scan.
--
SELECT ddb_execute('Scan', '{}');
SELECT ddb_execute('Scan', '{"TableName": "a;", "IndexName": "b", "Select": "x", "TotalSegments": 0,
	"ReturnConsumedCapacity": "x", "AttributesToGet": [], "Segment": -1, "Limit": 0}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "TotalSegments": 1000001, "Segment": 1000000}');
--
-- Expressions and legacy members; ExclusiveStartKey's values; segments;
-- Select (reported without the "validation error" prefix by Scan).
--
SELECT ddb_execute('Scan', '{"TableName": "Things", "ScanFilter": {}, "FilterExpression": "n > :a",
	"ExpressionAttributeValues": {":a": {"N": "1"}}}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "ConditionalOperator": "OR", "ProjectionExpression": "n"}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "ExpressionAttributeValues": {":a": {"N": "1"}},
	"ProjectionExpression": "n"}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "ExpressionAttributeNames": {"#n": "n"}}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "ExpressionAttributeNames": {"#n": "n"}, "ProjectionExpression": "#n",
	"Limit": 1}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "AttributesToGet": ["n", "n"]}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "ScanFilter": {"n": {"ComparisonOperator": "NULL"}}}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "ExclusiveStartKey": {"pk": {}}, "Segment": 1}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "Select": "COUNT", "ProjectionExpression": "n"}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "Select": "ALL_ATTRIBUTES", "AttributesToGet": ["n"]}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "Select": "ALL_PROJECTED_ATTRIBUTES", "ProjectionExpression": "n"}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "Select": "ALL_PROJECTED_ATTRIBUTES"}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "Select": "SPECIFIC_ATTRIBUTES"}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "FilterExpression": ""}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "FilterExpression": "n = :a"}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "ProjectionExpression": "n, n[0]"}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "FilterExpression": "attribute_exists(n)",
	"ExpressionAttributeValues": {":a": {"N": "1"}}}');
-- against the table
SELECT ddb_execute('Scan', '{"TableName": "Nothing", "ExclusiveStartKey": {"x": {"S": "a"}, "y": {"S": "b"}}}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "IndexName": "whatever"}');
SELECT ddb_execute('Scan', '{"TableName": "Things", "FilterExpression": "attribute_exists(pk.x)"}');
SELECT ddb_execute('Scan', '{"TableName": "Pairs", "ProjectionExpression": "sk[0]"}');

--
-- Privileges, and the raising forms.
--
CREATE ROLE regress_scan_reader;
SET ROLE regress_scan_reader;
SELECT ddb_execute('Scan', '{"TableName": "Things", "Select": "COUNT"}');
SELECT count(*) FROM ddb_scan('Things');
RESET ROLE;
DO $$ BEGIN EXECUTE format('GRANT SELECT ON %s TO regress_scan_reader', ddb_table_relation('Things')); END $$;
SET ROLE regress_scan_reader;
SELECT count(*) FROM ddb_scan('Things');
RESET ROLE;
SELECT ddb_scan('{"TableName": "Things", "Select": "COUNT"}'::jsonb);
SELECT ddb_scan('{"TableName": "Nothing"}'::jsonb);
-- an untyped request literal resolves to ddb_scan(text), which says so
SELECT ddb_scan('{"TableName": "Things"}');
SELECT * FROM ddb_scan('Nothing');
SELECT * FROM ddb_scan(NULL);

SELECT ddb_execute('DeleteTable', jsonb_build_object('TableName', t)) -> 'TableDescription' ->> 'TableStatus' AS status
FROM unnest(ARRAY['Things', 'Pairs', 'Large']) t;
DROP ROLE regress_scan_reader;
DROP EXTENSION ddbtable;
