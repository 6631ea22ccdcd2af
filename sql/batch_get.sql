-- BatchGetItem (items.md §12.1): every serialization and validation
-- message in DynamoDB's order, the 100-key limit at its boundary,
-- duplicates, key schemas, projections (ProjectionExpression and the
-- legacy AttributesToGet), table ARNs, ConsumedCapacity and the friendly
-- overload.  The 16 MB response limit is in batch_limits.
CREATE EXTENSION ddbtable;

SELECT ddb_execute('CreateTable', $${"TableName": "Hash", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}$$) -> 'TableDescription' ->> 'TableName' AS created;
SELECT ddb_execute('CreateTable', $${"TableName": "Range", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]}$$)
	-> 'TableDescription' ->> 'TableName' AS created;

-- n keys of the hash-only tables (k1, k2, ...).
CREATE FUNCTION pg_temp.keys(n int, prefix text DEFAULT 'k') RETURNS jsonb LANGUAGE sql AS $$
	SELECT coalesce(jsonb_agg(jsonb_build_object('pk', jsonb_build_object('S', prefix || i)) ORDER BY i), '[]')
	FROM generate_series(1, n) i
$$;

-- Messages that print a whole map or list, shortened.
CREATE FUNCTION pg_temp.short(response jsonb) RETURNS text LANGUAGE sql AS $$
	SELECT regexp_replace(response ->> 'message', 'Value ''[[{].*?[]}]'' at', 'Value ''...'' at', 'g')
$$;
CREATE FUNCTION pg_temp.try(sql text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE sql;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || regexp_replace(SQLERRM, 'Value ''[[{].*?[]}]'' at', 'Value ''...'' at', 'g');
END
$$;

--
-- Serialization: JSON types, before anything else.
--
SELECT ddb_execute('BatchGetItem', '{"RequestItems": 5}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": []}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": 5}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": []}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": {}}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": 5}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [5]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [[]]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": 5}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {"S": true}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {"S": "a"}}], "AttributesToGet": "a"}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {"S": "a"}}], "AttributesToGet": [5]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {"S": "a"}}], "ConsistentRead": 5}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {"S": "a"}}], "ProjectionExpression": ["a"]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {"S": "a"}}], "ExpressionAttributeNames": {"#a": 5}}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {}, "ReturnConsumedCapacity": 5}');
-- a shape error anywhere wins over a value error earlier in the request
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {"N": "x"}}, {"a": {"S": 5}}]}}}');

--
-- Model constraints, all reported together.
--
SELECT ddb_execute('BatchGetItem', '{}');
SELECT ddb_execute('BatchGetItem', '{"ReturnConsumedCapacity": "hi", "ReturnItemCollectionMetrics": "hi"}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"a": {}}, "ReturnConsumedCapacity": "hi", "ReturnItemCollectionMetrics": "hi"}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"a": null}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"a": {"Keys": []}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"aa;": {}}, "ReturnConsumedCapacity": "hi"}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"a": {"Keys": [{"a": {"S": "a"}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {"S": "a"}}], "AttributesToGet": []}}}');
-- 100 keys for one table is the limit (the table is missing), 101 break
-- the model's constraint
SELECT ddb_execute('BatchGetItem', jsonb_build_object('RequestItems', jsonb_build_object('abc',
	jsonb_build_object('Keys', pg_temp.keys(100)))));
SELECT pg_temp.short(ddb_execute('BatchGetItem', jsonb_build_object('RequestItems', jsonb_build_object('abc',
	jsonb_build_object('Keys', pg_temp.keys(101))))));
-- 100 in total over several tables is the limit, 101 are too many
SELECT ddb_execute('BatchGetItem', jsonb_build_object('RequestItems', jsonb_build_object(
	'abc', jsonb_build_object('Keys', pg_temp.keys(99)), 'abd', jsonb_build_object('Keys', pg_temp.keys(1)))));
SELECT ddb_execute('BatchGetItem', jsonb_build_object('RequestItems', jsonb_build_object(
	'abc', jsonb_build_object('Keys', pg_temp.keys(100)), 'abd', jsonb_build_object('Keys', pg_temp.keys(1)))));
SELECT ddb_execute('BatchGetItem', jsonb_build_object('RequestItems', jsonb_build_object(
	'Hash', jsonb_build_object('Keys', pg_temp.keys(50)), 'Range', jsonb_build_object('Keys', pg_temp.keys(51)))));
-- at most 100 tables
SELECT pg_temp.short(ddb_execute('BatchGetItem', jsonb_build_object('RequestItems',
	(SELECT jsonb_object_agg('table' || i, jsonb_build_object('Keys', pg_temp.keys(1)))
	 FROM generate_series(1, 101) i))));

--
-- Checks that need no table, per table: expressions and legacy members,
-- values, duplicates, the total.
--
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {"a": ""}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {"S": "a", "N": "1"}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {"NULL": false}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {"NS": ["1", "1.0"]}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {"N": "b"}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"a": {"N": "-1e-131"}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{}], "AttributesToGet": ["a", "b", "a"]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{}], "AttributesToGet": ["a"], "ProjectionExpression": "a"}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{}], "ExpressionAttributeNames": {"#a": "a"}}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{}], "ExpressionAttributeNames": {}, "ProjectionExpression": "a"}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{}], "ExpressionAttributeNames": {"a": "a"}, "ProjectionExpression": "a"}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{}], "ExpressionAttributeNames": {"#a": "a", "#b": "b"}, "ProjectionExpression": "#a"}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{}], "ProjectionExpression": "a, a.b"}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{}], "ProjectionExpression": "name"}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{}], "ProjectionExpression": ""}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{}], "ProjectionExpression": "#x"}}}');
-- duplicates, also in a missing table and with numbers written differently
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Hash": {"Keys": [{"pk": {"S": "a"}}, {"pk": {"S": "a"}}, {"pk": {"S": "a"}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Hash": {"Keys": [{"pk": {"S": "a"}}, {"pk": {"S": "b"}}, {"pk": {"S": "a"}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"abc": {"Keys": [{"pk": {"S": "a"}}, {"pk": {"S": "a"}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Range": {"Keys": [{"pk": {"S": "a"}, "sk": {"N": "1"}}, {"sk": {"N": "1.0"}, "pk": {"S": "a"}}]}}}');
-- not duplicates: the same key in two tables
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Hash": {"Keys": [{"pk": {"S": "a"}}]}, "abc": {"Keys": [{"pk": {"S": "a"}}]}}}');

--
-- Checks against the table.
--
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"NoSuchTable": {"Keys": [{}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Hash": {"Keys": [{}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Hash": {"Keys": [{"b": {"S": "a"}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Hash": {"Keys": [{"pk": {"S": "a"}, "b": {"S": "a"}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Hash": {"Keys": [{"pk": {"B": "abcd"}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Hash": {"Keys": [{"pk": {"SS": ["a"]}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Range": {"Keys": [{"pk": {"S": "a"}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Hash": {"Keys": [{"pk": {"S": ""}}]}}}');
SELECT ddb_execute('BatchGetItem', jsonb_build_object('RequestItems', jsonb_build_object('Hash',
	jsonb_build_object('Keys', jsonb_build_array(jsonb_build_object('pk', jsonb_build_object('S', repeat('a', 2049))))))));
-- Tables are checked in the order of RequestItems as jsonb keeps it
-- (shorter names first, then bytewise): Hash before Nope.
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Hash": {"Keys": [{"pk": {"N": "1"}}]}, "Nope": {"Keys": [{"pk": {"S": "a"}}]}}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Hash": {"Keys": [{"pk": {"S": "a"}}]}, "Nope": {"Keys": [{"pk": {"S": "a"}}]}}}');

--
-- Reading.
--
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {
	"Hash": [{"PutRequest": {"Item": {"pk": {"S": "a"}, "n": {"N": "1"}, "m": {"M": {"x": {"S": "X"}, "y": {"L": [{"S": "y0"}, {"S": "y1"}]}}}}}},
		{"PutRequest": {"Item": {"pk": {"S": "b"}, "n": {"N": "2"}, "s": {"SS": ["p", "q"]}}}},
		{"PutRequest": {"Item": {"pk": {"S": "c"}}}}],
	"Range": [{"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "a1"}}}},
		{"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"N": "2"}, "v": {"S": "a2"}}}}]}}$$);

-- Missing items are left out; each table has its list, possibly empty.
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Hash": {"Keys": [{"pk": {"S": "zz"}}]}, "Range": {"Keys": [{"pk": {"S": "zz"}, "sk": {"N": "1"}}]}}}');
-- Items come back in the order of the keys.
SELECT ddb_execute('BatchGetItem', $${"RequestItems": {
	"Hash": {"Keys": [{"pk": {"S": "c"}}, {"pk": {"S": "nope"}}, {"pk": {"S": "a"}}, {"pk": {"S": "b"}}]},
	"Range": {"Keys": [{"pk": {"S": "a"}, "sk": {"N": "2.0"}}, {"pk": {"S": "a"}, "sk": {"N": "3"}}, {"pk": {"S": "a"}, "sk": {"N": "1"}}],
		"ConsistentRead": true}}}$$);
-- Projections: paths that exist, nested ones with their structure; an
-- item without any is {}.
SELECT ddb_execute('BatchGetItem', $${"RequestItems": {
	"Hash": {"Keys": [{"pk": {"S": "a"}}, {"pk": {"S": "b"}}, {"pk": {"S": "c"}}],
		"ProjectionExpression": "#n, m.y[1], s", "ExpressionAttributeNames": {"#n": "n"}}}}$$);
SELECT ddb_execute('BatchGetItem', $${"RequestItems": {
	"Hash": {"Keys": [{"pk": {"S": "a"}}, {"pk": {"S": "b"}}, {"pk": {"S": "c"}}], "AttributesToGet": ["n", "s"]},
	"Range": {"Keys": [{"pk": {"S": "a"}, "sk": {"N": "1"}}], "AttributesToGet": ["sk"]}}}$$);
-- A table named by ARN answers under the ARN; one table may appear under
-- both its name and its ARN.
SELECT ddb_execute('BatchGetItem', $${"ReturnConsumedCapacity": "TOTAL", "RequestItems": {
	"arn:aws:dynamodb:us-east-1:000000000000:table/Hash": {"Keys": [{"pk": {"S": "b"}}], "ProjectionExpression": "pk"},
	"Hash": {"Keys": [{"pk": {"S": "b"}}], "ProjectionExpression": "n"}}}$$);

-- ConsumedCapacity: each item rounded up to 4 KB, halved for eventually
-- consistent reads; a missing item costs the minimum.
SELECT ddb_execute('BatchWriteItem', jsonb_build_object('RequestItems', jsonb_build_object('Hash', jsonb_build_array(
	jsonb_build_object('PutRequest', jsonb_build_object('Item', jsonb_build_object(
		'pk', jsonb_build_object('S', 'big'), 'b', jsonb_build_object('S', repeat('b', 5000)))))))));
SELECT ddb_execute('BatchGetItem', $${"ReturnConsumedCapacity": "TOTAL", "RequestItems": {
	"Hash": {"Keys": [{"pk": {"S": "big"}}, {"pk": {"S": "a"}}, {"pk": {"S": "nope"}}], "ProjectionExpression": "pk"},
	"Range": {"Keys": [{"pk": {"S": "nope"}, "sk": {"N": "1"}}]}}}$$);
SELECT ddb_execute('BatchGetItem', $${"ReturnConsumedCapacity": "INDEXES", "RequestItems": {
	"Hash": {"Keys": [{"pk": {"S": "big"}}, {"pk": {"S": "a"}}, {"pk": {"S": "nope"}}], "ConsistentRead": true,
		"ProjectionExpression": "pk"},
	"Range": {"Keys": [{"pk": {"S": "nope"}, "sk": {"N": "1"}}], "ConsistentRead": true}}}$$);
SELECT ddb_execute('BatchGetItem', $${"ReturnConsumedCapacity": "NONE", "RequestItems": {
	"Hash": {"Keys": [{"pk": {"S": "c"}}]}}}$$);

-- The raising form.
SELECT ddb_batch_get_item('{"RequestItems": {"Hash": {"Keys": [{"pk": {"S": "c"}}]}}}');
SELECT ddb_batch_get_item('{"RequestItems": {"Nope": {"Keys": [{"pk": {"S": "c"}}]}}}');

--
-- The friendly overload: the items found, one row each, in key order.
--
SELECT * FROM ddb_batch_get_item('Hash', '[{"pk": {"S": "b"}}, {"pk": {"S": "nope"}}, {"pk": {"S": "c"}}]');
SELECT * FROM ddb_batch_get_item('Range', '[{"pk": {"S": "a"}, "sk": {"N": "2"}}]', true);
SELECT * FROM ddb_batch_get_item('arn:aws:dynamodb:us-east-1:000000000000:table/Range', '[{"pk": {"S": "a"}, "sk": {"N": "1"}}]');
SELECT count(*) FROM ddb_batch_get_item('Hash', pg_temp.keys(100));
SELECT pg_temp.try($$SELECT * FROM ddb_batch_get_item('Hash', pg_temp.keys(101))$$);
SELECT * FROM ddb_batch_get_item('Hash', '[]');
SELECT * FROM ddb_batch_get_item('Nope', '[{"pk": {"S": "b"}}]');

DROP EXTENSION ddbtable;
