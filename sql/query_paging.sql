-- Query pages (items.md §10.2): Limit counts the items read before the
-- filter, ExclusiveStartKey continues after a key in either direction,
-- LastEvaluatedKey is the key of the last item read (also when no item
-- follows), the 1 MB rule counts the sizes of the items read before the
-- filter and stops after the item that reaches 1 MB, Count/ScannedCount,
-- Select COUNT, the checks of ExclusiveStartKey, and the friendly
-- ddb_query() that follows every page.
CREATE EXTENSION ddbtable;

-- Store an item; true when PutItem answers {}.
CREATE FUNCTION pg_temp.put(tab text, item jsonb) RETURNS boolean LANGUAGE sql AS $$
	SELECT ddb_put_item(jsonb_build_object('TableName', tab, 'Item', item)) = '{}'
$$;

-- The rows of a table's item relation (read as the superuser).
CREATE FUNCTION pg_temp.stored(tab text)
RETURNS TABLE (hash_key text, range_key numeric, item_size int) LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format('SELECT r.hash_key::text, r.range_key, r.item_size FROM %s r',
								ddb_table_relation(tab));
END
$$;

-- Every page of a Query: the sort keys read and returned, the counts, the
-- LastEvaluatedKey and the capacity of each page.
CREATE FUNCTION pg_temp.pages(request jsonb)
RETURNS TABLE (page int, sort_keys text, count int, scanned int, last_key text, units numeric)
LANGUAGE plpgsql AS $$
DECLARE
	response jsonb;
BEGIN
	page := 0;
	LOOP
		page := page + 1;
		response := ddb_query(request || '{"ReturnConsumedCapacity": "TOTAL"}');
		SELECT string_agg(i -> 'sk' ->> 'N', ' ' ORDER BY n) INTO sort_keys
		FROM jsonb_array_elements(response -> 'Items') WITH ORDINALITY AS e(i, n);
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

SELECT ddb_execute('CreateTable', $${"TableName": "Pages", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
SELECT bool_and(pg_temp.put('Pages', jsonb_build_object('pk', '{"S": "p"}'::jsonb,
	'sk', jsonb_build_object('N', i::text), 'even', jsonb_build_object('BOOL', i % 2 = 0)))) AS stored
FROM generate_series(1, 10) i;
SELECT pg_temp.put('Pages', '{"pk": {"S": "q"}, "sk": {"N": "1"}}') AS stored;

--
-- Limit and ExclusiveStartKey.
--
SELECT * FROM pg_temp.pages('{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 3}');
-- a Limit that ends exactly on the last item still gives a LastEvaluatedKey
SELECT * FROM pg_temp.pages('{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 5}');
SELECT * FROM pg_temp.pages('{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 11}');
-- backwards, inside a sort key range
SELECT * FROM pg_temp.pages('{"TableName": "Pages", "KeyConditionExpression": "pk = :p AND sk BETWEEN :a AND :b",
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":a": {"N": "3"}, ":b": {"N": "8"}},
	"ScanIndexForward": false, "Limit": 4}');
-- the start key need not be an item's
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 2, "Select": "COUNT",
	"ExclusiveStartKey": {"sk": {"N": "4.5"}, "pk": {"S": "p"}}}');
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "ProjectionExpression": "sk",
	"ExclusiveStartKey": {"sk": {"N": "4.5"}, "pk": {"S": "p"}}, "ScanIndexForward": false}');

--
-- The filter applies after Limit: Count counts what it keeps, ScannedCount
-- what was read; the LastEvaluatedKey is the last item read, even when the
-- filter dropped it.
--
SELECT * FROM pg_temp.pages('{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"FilterExpression": "#e = :t", "ExpressionAttributeNames": {"#e": "even"},
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":t": {"BOOL": true}}, "Limit": 3}');
SELECT * FROM pg_temp.pages('{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"FilterExpression": "#e = :t", "ExpressionAttributeNames": {"#e": "even"},
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":t": {"BOOL": true}}, "Limit": 4, "Select": "COUNT"}');
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"FilterExpression": "attribute_not_exists(even)", "ExpressionAttributeValues": {":p": {"S": "p"}}}');

--
-- ExclusiveStartKey against the key schema and the key condition.
--
-- the attributes: exactly the table's key
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "ExclusiveStartKey": {}}');
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "ExclusiveStartKey": {"pk": {"S": "p"}}}');
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "ExclusiveStartKey": {"pk": {"S": "p"}, "x": {"N": "1"}}}');
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}},
	"ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"N": "1"}, "x": {"N": "1"}}}');
-- their types and values
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "ExclusiveStartKey": {"pk": {"N": "1"}, "sk": {"N": "1"}}}');
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"S": "1"}}}');
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "ExclusiveStartKey": {"pk": {"S": ""}, "sk": {"N": "1"}}}');
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"NS": ["1"]}}}');
-- the partition key condition
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "ExclusiveStartKey": {"pk": {"S": "q"}, "sk": {"N": "1"}}}');
-- the sort key condition, and then the partition key
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p AND sk > :v",
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "5"}},
	"ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"N": "5"}}}');
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p AND sk > :v",
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "5"}},
	"ExclusiveStartKey": {"pk": {"S": "q"}, "sk": {"N": "6"}}}');
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p AND sk = :v",
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "5"}},
	"ExclusiveStartKey": {"pk": {"S": "q"}, "sk": {"N": "5"}}}');
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p AND sk = :v",
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "5"}},
	"ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"N": "5"}}}');
SELECT ddb_execute('Query', '{"TableName": "Pages", "KeyConditionExpression": "pk = :p AND begins_with(sk, :v)",
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"S": "5"}},
	"ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"N": "5"}}}');
-- a hash-only table: nothing after the only item
SELECT ddb_execute('CreateTable', $${"TableName": "HashOnly", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
SELECT pg_temp.put('HashOnly', '{"id": {"S": "a"}}') AS stored;
SELECT ddb_execute('Query', '{"TableName": "HashOnly", "KeyConditionExpression": "id = :v",
	"ExpressionAttributeValues": {":v": {"S": "a"}}, "Limit": 1}');
SELECT ddb_execute('Query', '{"TableName": "HashOnly", "KeyConditionExpression": "id = :v",
	"ExpressionAttributeValues": {":v": {"S": "a"}}, "ExclusiveStartKey": {"id": {"S": "a"}}}');
SELECT ddb_execute('Query', '{"TableName": "HashOnly", "KeyConditionExpression": "id = :v",
	"ExpressionAttributeValues": {":v": {"S": "a"}}, "ExclusiveStartKey": {"id": {"S": "b"}}}');

--
-- The 1 MB rule, with items of about 400 KB: a page ends after the item
-- that brings the sizes read to 1,048,576 bytes or more.
--
SELECT ddb_execute('CreateTable', $${"TableName": "Large", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
-- 10 items of 8 + 400,000 bytes (pk 2 + 1, sk 2 + 2, v 1 + 400,000)
SELECT bool_and(pg_temp.put('Large', jsonb_build_object('pk', '{"S": "p"}'::jsonb,
	'sk', jsonb_build_object('N', i::text), 'v', jsonb_build_object('S', repeat(chr(64 + i), 400000))))) AS stored
FROM generate_series(1, 9) i;
SELECT pg_temp.put('Large', jsonb_build_object('pk', '{"S": "p"}'::jsonb,
	'sk', '{"N": "10"}'::jsonb, 'v', jsonb_build_object('S', repeat('J', 399999)))) AS stored;
SELECT sum(item_size) AS bytes, count(*) AS items, min(item_size), max(item_size)
FROM pg_temp.stored('Large');
-- 3 items per page (1,200,024 bytes: 293 units of 4 KB, halved)
SELECT * FROM pg_temp.pages('{"TableName": "Large", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "ProjectionExpression": "sk"}');
-- the same when the filter keeps nothing: the sizes read count
SELECT * FROM pg_temp.pages('{"TableName": "Large", "KeyConditionExpression": "pk = :p",
	"FilterExpression": "attribute_not_exists(v)",
	"ExpressionAttributeValues": {":p": {"S": "p"}}}');
-- Limit first when it is smaller; strongly consistent reads cost twice
SELECT * FROM pg_temp.pages('{"TableName": "Large", "KeyConditionExpression": "pk = :p AND sk >= :v",
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "6"}}, "Limit": 2,
	"ConsistentRead": true, "Select": "COUNT"}');
-- the friendly form follows every page
SELECT i -> 'sk' ->> 'N' AS sk, length(i -> 'v' ->> 'S') AS v_length
FROM ddb_query('Large', 'pk = :p', '{":p": {"S": "p"}}') AS i;

-- Exactly 1 MB after three items ends the page; one byte less does not
-- (items of 12 + n bytes: pk 2 + 5, sk 2 + 2, v 1 + n).
SELECT bool_and(pg_temp.put('Large', jsonb_build_object('pk', jsonb_build_object('S', pk),
	'sk', jsonb_build_object('N', i::text),
	'v', jsonb_build_object('S', repeat('x', CASE WHEN i = 4 THEN 1 WHEN i = 3 THEN last ELSE 349513 END)))))
	AS stored
FROM (VALUES ('exact', 349514), ('under', 349513)) AS p(pk, last), generate_series(1, 4) i;
SELECT hash_key AS pk, sum(item_size) FILTER (WHERE range_key <= 3) AS first_three, count(*) AS items
FROM pg_temp.stored('Large') WHERE hash_key IN ('exact', 'under') GROUP BY 1 ORDER BY 1;
SELECT * FROM pg_temp.pages('{"TableName": "Large", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "exact"}}, "Select": "COUNT"}');
SELECT * FROM pg_temp.pages('{"TableName": "Large", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "under"}}, "Select": "COUNT"}');

SELECT ddb_execute('DeleteTable', jsonb_build_object('TableName', t)) -> 'TableDescription' ->> 'TableStatus' AS status
FROM unnest(ARRAY['Pages', 'HashOnly', 'Large']) t;
DROP EXTENSION ddbtable;
