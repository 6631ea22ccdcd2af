-- BatchGetItem's 16 MB response limit: with 41 items of 400 KB, 40 fit
-- (16,384,000 bytes) and the 41st, which would pass 16,777,216 bytes, is
-- returned in UnprocessedKeys, in the request's shape, and not charged.
-- Projected items count with their projected size.
CREATE EXTENSION ddbtable;

SELECT ddb_execute('CreateTable', $${"TableName": "Big", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}$$) -> 'TableDescription' ->> 'TableName' AS created;
SELECT ddb_execute('CreateTable', $${"TableName": "Small", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}$$) -> 'TableDescription' ->> 'TableName' AS created;

-- Item k01..k41 of exactly 409,600 bytes: "pk" 2 + "k01" 3 + "data" 4 + 409,591.
CREATE FUNCTION pg_temp.big_item(i int) RETURNS jsonb LANGUAGE sql AS $$
	SELECT jsonb_build_object('pk', jsonb_build_object('S', 'k' || lpad(i::text, 2, '0')),
		'data', jsonb_build_object('S', repeat(chr(97 + i % 26), 409591)))
$$;
CREATE FUNCTION pg_temp.big_keys(n int) RETURNS jsonb LANGUAGE sql AS $$
	SELECT jsonb_agg(jsonb_build_object('pk', jsonb_build_object('S', 'k' || lpad(i::text, 2, '0'))) ORDER BY i)
	FROM generate_series(1, n) i
$$;

SELECT ddb_batch_write_item('Big', (SELECT jsonb_agg(pg_temp.big_item(i) ORDER BY i) FROM generate_series(1, 25) i));
SELECT ddb_batch_write_item('Big', (SELECT jsonb_agg(pg_temp.big_item(i) ORDER BY i) FROM generate_series(26, 41) i));
SELECT count(*) AS items, min((item -> 'pk' ->> 'S')) AS first, max((item -> 'pk' ->> 'S')) AS last,
	sum(length(item -> 'data' ->> 'S')) AS data_bytes FROM ddb_items('Big') AS item;
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Small": [{"PutRequest": {"Item": {"pk": {"S": "s1"}}}}]}}');

-- 40 items fit, the 41st key is unprocessed.
CREATE TEMP TABLE response AS
SELECT ddb_execute('BatchGetItem', jsonb_build_object('ReturnConsumedCapacity', 'TOTAL',
	'RequestItems', jsonb_build_object('Big', jsonb_build_object('Keys', pg_temp.big_keys(41),
		'ConsistentRead', true)))) AS r;
SELECT jsonb_array_length(r -> 'Responses' -> 'Big') AS returned,
	(SELECT string_agg(i -> 'pk' ->> 'S', ',') FROM jsonb_array_elements(r -> 'Responses' -> 'Big') i
	 WHERE i -> 'pk' ->> 'S' IN ('k01', 'k40', 'k41')) AS among_them,
	r -> 'UnprocessedKeys' AS unprocessed, r -> 'ConsumedCapacity' AS capacity
FROM response;
DROP TABLE response;

-- Every key after the cut is unprocessed, also in later tables ("Small"
-- sorts after "Big"), and the members of the request come back with them.
CREATE TEMP TABLE response AS
SELECT ddb_execute('BatchGetItem', jsonb_build_object('ReturnConsumedCapacity', 'INDEXES',
	'RequestItems', jsonb_build_object(
		'Big', jsonb_build_object('Keys', pg_temp.big_keys(41) || '[{"pk": {"S": "absent"}}]',
			'ProjectionExpression', '#p, #d', 'ExpressionAttributeNames', '{"#p": "pk", "#d": "data"}'::jsonb),
		'Small', jsonb_build_object('Keys', '[{"pk": {"S": "s1"}}]'::jsonb, 'ConsistentRead', false,
			'AttributesToGet', '["pk"]'::jsonb)))) AS r;
SELECT jsonb_array_length(r -> 'Responses' -> 'Big') AS returned,
	jsonb_array_length(r -> 'Responses' -> 'Small') AS returned_small,
	jsonb_pretty(r -> 'UnprocessedKeys') AS unprocessed, r -> 'ConsumedCapacity' AS capacity
FROM response;
-- The unprocessed keys can be sent again as they are.
SELECT (SELECT string_agg(i -> 'pk' ->> 'S', ',') FROM jsonb_array_elements(r2 -> 'Responses' -> 'Big') i) AS big,
	r2 -> 'Responses' -> 'Small' AS small, r2 -> 'UnprocessedKeys' AS unprocessed
FROM (SELECT ddb_execute('BatchGetItem', jsonb_build_object('RequestItems', r -> 'UnprocessedKeys')) AS r2
	  FROM response) s;
DROP TABLE response;

-- With a projection the items are small: everything fits.
SELECT jsonb_array_length(r -> 'Responses' -> 'Big') AS returned, r -> 'UnprocessedKeys' AS unprocessed,
	r -> 'ConsumedCapacity' AS capacity
FROM (SELECT ddb_execute('BatchGetItem', jsonb_build_object('ReturnConsumedCapacity', 'TOTAL',
	'RequestItems', jsonb_build_object('Big', jsonb_build_object('Keys', pg_temp.big_keys(41),
		'ProjectionExpression', 'pk')))) AS r) s;

-- The friendly overload follows UnprocessedKeys: all 41 items.
SELECT count(*) AS items, count(DISTINCT item -> 'pk') AS distinct_items
FROM ddb_batch_get_item('Big', pg_temp.big_keys(41)) AS item;

DROP EXTENSION ddbtable;
