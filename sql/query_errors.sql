-- Query's request checks in DynamoDB's order (expressions.md §9, §10;
-- items.md §10; errors.md §3-§4): JSON types, the model's constraints
-- reported together, the Select rules, expressions mixed with legacy
-- members, ExclusiveStartKey's values, the placeholder maps and every
-- kind of key condition error, then the table, the filter and projection
-- rules, privileges, and the raising ddb_query(jsonb).
CREATE EXTENSION ddbtable;

SELECT ddb_execute('CreateTable', $${"TableName": "Orders", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
		{"AttributeName": "g", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
	"GlobalSecondaryIndexes": [{"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "KEYS_ONLY"}}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
SELECT ddb_put_item('{"TableName": "Orders", "Item": {"pk": {"S": "p"}, "sk": {"N": "1"}, "g": {"S": "x"}, "a": {"M": {"b": {"S": "c"}}}}}');

-- The messages of a batch of requests (the members given in each row).
CREATE FUNCTION pg_temp.q(members jsonb) RETURNS text LANGUAGE sql AS $$
	SELECT coalesce(r ->> 'message', r::text)
	FROM ddb_execute('Query', '{"TableName": "Orders", "KeyConditionExpression": "pk = :p",
		"ExpressionAttributeValues": {":p": {"S": "p"}}}'::jsonb || members) r
$$;

--
-- JSON types: SerializationException, before anything else.
--
SELECT pg_temp.q('{"TableName": 5}');
SELECT pg_temp.q('{"IndexName": true}');
SELECT pg_temp.q('{"Select": ["COUNT"]}');
SELECT pg_temp.q('{"Limit": "5"}');
SELECT pg_temp.q('{"Limit": 1.5}');
SELECT pg_temp.q('{"ConsistentRead": 1}');
SELECT pg_temp.q('{"ScanIndexForward": "sometimes"}');
SELECT pg_temp.q('{"KeyConditionExpression": {}}');
SELECT pg_temp.q('{"FilterExpression": 1}');
SELECT pg_temp.q('{"ProjectionExpression": []}');
SELECT pg_temp.q('{"ExclusiveStartKey": []}');
SELECT pg_temp.q('{"ExclusiveStartKey": {"pk": "p"}}');
SELECT pg_temp.q('{"ExpressionAttributeValues": {":p": 5}}');
SELECT pg_temp.q('{"ExpressionAttributeNames": {"#p": 5}}');
SELECT pg_temp.q('{"AttributesToGet": "pk"}');
SELECT pg_temp.q('{"ReturnConsumedCapacity": 1}');
SELECT pg_temp.q('{"QueryFilter": []}');
SELECT pg_temp.q('{"KeyConditions": 5}');
SELECT pg_temp.q('{"ConditionalOperator": 5}');
-- a shape error wins over an earlier constraint or value error
SELECT pg_temp.q('{"Limit": 0, "ExclusiveStartKey": {"pk": {"N": "x"}, "sk": {"S": 5}}}');
SELECT ddb_execute('Query', '[]');

--
-- Model constraints, all reported together in the service's order.
--
SELECT ddb_execute('Query', '{}');
SELECT ddb_execute('Query', '{"TableName": "a;", "IndexName": "b;", "Select": "hi",
	"ReturnConsumedCapacity": "hi", "AttributesToGet": [], "Limit": 0}');
SELECT pg_temp.q(jsonb_build_object('TableName', repeat('a', 256)));
SELECT pg_temp.q(jsonb_build_object('IndexName', repeat('i', 256)));
SELECT pg_temp.q('{"Select": "count"}');
SELECT pg_temp.q('{"Limit": -1}');
SELECT pg_temp.q('{"ReturnConsumedCapacity": "ALL"}');
SELECT pg_temp.q('{"ConditionalOperator": "XOR", "TableName": "ab", "Limit": 0}');

--
-- Select with ProjectionExpression, AttributesToGet and IndexName, which
-- Query reports like the constraints.
--
SELECT pg_temp.q('{"Select": "COUNT", "ProjectionExpression": "a"}');
SELECT pg_temp.q('{"Select": "ALL_ATTRIBUTES", "ProjectionExpression": "a"}');
SELECT pg_temp.q('{"Select": "ALL_PROJECTED_ATTRIBUTES", "ProjectionExpression": "a"}');
SELECT pg_temp.q('{"Select": "ALL_PROJECTED_ATTRIBUTES"}');
SELECT pg_temp.q('{"Select": "SPECIFIC_ATTRIBUTES"}');
SELECT pg_temp.q('{"Select": "COUNT", "AttributesToGet": ["a"], "ProjectionExpression": null}');
SELECT pg_temp.q('{"Select": "SPECIFIC_ATTRIBUTES", "ProjectionExpression": "a"}');
SELECT pg_temp.q('{"Select": "ALL_ATTRIBUTES"}');

--
-- Expressions and legacy members.
--
SELECT pg_temp.q('{"QueryFilter": {}, "ConditionalOperator": "AND", "AttributesToGet": ["a"],
	"FilterExpression": "a = :p", "ProjectionExpression": "a"}');
SELECT pg_temp.q('{"KeyConditions": {}}');
SELECT ddb_execute('Query', '{"TableName": "Orders", "KeyConditions": {}, "QueryFilter": {},
	"FilterExpression": "a = :p", "ExpressionAttributeValues": {":p": {"S": "p"}}}');
SELECT ddb_execute('Query', '{"TableName": "Orders", "KeyConditions": {}, "ExpressionAttributeNames": {}}');
SELECT ddb_execute('Query', '{"TableName": "Orders", "KeyConditions": {}, "ExpressionAttributeValues": {}}');
SELECT ddb_execute('Query', '{"TableName": "Orders", "KeyConditions": {"pk": {"ComparisonOperator": "EQ"}}}');
SELECT ddb_execute('Query', '{"TableName": "Orders"}');
SELECT ddb_execute('Query', '{"TableName": "Orders", "FilterExpression": "a = :a",
	"ExpressionAttributeValues": {":a": {"S": "p"}}}');
SELECT ddb_execute('Query', '{"TableName": "Orders", "KeyConditions": {}, "AttributesToGet": ["a", "b", "a"]}');

--
-- ExclusiveStartKey's values, with or without the "starting key" prefix as
-- the service words them.
--
SELECT pg_temp.q('{"ExclusiveStartKey": {"pk": {}}}');
SELECT pg_temp.q('{"ExclusiveStartKey": {"pk": {"S": "a", "N": "1"}}}');
SELECT pg_temp.q('{"ExclusiveStartKey": {"pk": {"NULL": false}}}');
SELECT pg_temp.q('{"ExclusiveStartKey": {"pk": {"SS": []}}}');
SELECT pg_temp.q('{"ExclusiveStartKey": {"pk": {"NS": []}}}');
SELECT pg_temp.q('{"ExclusiveStartKey": {"pk": {"SS": ["a", "a"]}}}');
SELECT pg_temp.q('{"ExclusiveStartKey": {"pk": {"N": "b"}}}');
SELECT pg_temp.q('{"ExclusiveStartKey": {"pk": {"N": "1e126"}}}');
-- before the key condition is required, and before the table exists
SELECT ddb_execute('Query', '{"TableName": "Orders", "ExclusiveStartKey": {"pk": {}}}');
SELECT ddb_execute('Query', '{"TableName": "Nope", "KeyConditionExpression": "z = :a",
	"ExpressionAttributeValues": {":a": {"N": "1"}}, "ExclusiveStartKey": {"b": {"S": "a"}}}');

--
-- The placeholder maps, then the expressions in the order
-- KeyConditionExpression, FilterExpression, ProjectionExpression.
--
SELECT pg_temp.q('{"ExpressionAttributeNames": {}}');
SELECT pg_temp.q('{"ExpressionAttributeNames": {"a": "b"}}');
SELECT pg_temp.q('{"ExpressionAttributeValues": {}}');
SELECT pg_temp.q('{"ExpressionAttributeValues": {"p": {"S": "p"}}}');
SELECT pg_temp.q('{"ExpressionAttributeValues": {":p": {"S": "p", "N": "1"}}}');
SELECT pg_temp.q('{"KeyConditionExpression": ""}');
SELECT pg_temp.q('{"KeyConditionExpression": "pk = :p", "FilterExpression": ""}');
SELECT pg_temp.q('{"KeyConditionExpression": "pk = :p", "ProjectionExpression": ""}');
SELECT pg_temp.q('{"KeyConditionExpression": "pk = :p AND", "FilterExpression": ""}');
SELECT pg_temp.q('{"KeyConditionExpression": "#k = :p"}');
SELECT pg_temp.q('{"KeyConditionExpression": "pk = :q"}');
SELECT pg_temp.q('{"FilterExpression": "a = :v"}');
SELECT pg_temp.q('{"ProjectionExpression": "#a"}');
SELECT pg_temp.q('{"ProjectionExpression": "a, a.b"}');
SELECT pg_temp.q('{"ProjectionExpression": "name"}');
SELECT pg_temp.q('{"ExpressionAttributeNames": {"#n": "a"}}');
SELECT pg_temp.q('{"ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"S": "v"}}}');
-- the shape of the key condition
SELECT pg_temp.q('{"KeyConditionExpression": "pk = :p OR sk = :p"}');
SELECT pg_temp.q('{"KeyConditionExpression": "NOT pk = :p"}');
SELECT pg_temp.q('{"KeyConditionExpression": "pk IN (:p)"}');
SELECT pg_temp.q('{"KeyConditionExpression": "pk <> :p"}');
SELECT ddb_execute('Query', '{"TableName": "Orders", "KeyConditionExpression": "attribute_exists(pk)"}');
SELECT pg_temp.q('{"KeyConditionExpression": "pk = :p AND contains(sk, :p)"}');
SELECT pg_temp.q('{"KeyConditionExpression": "size(pk) = :p"}');
SELECT pg_temp.q('{"KeyConditionExpression": "pk = :p AND :p BETWEEN sk AND sk"}');
SELECT pg_temp.q('{"KeyConditionExpression": "pk = :p AND begins_with(:p, sk)"}');
SELECT ddb_execute('Query', '{"TableName": "Orders", "KeyConditionExpression": "pk = sk"}');
SELECT pg_temp.q('{"KeyConditionExpression": ":p = :p"}');
SELECT pg_temp.q('{"KeyConditionExpression": "pk.a = :p"}');
SELECT pg_temp.q('{"KeyConditionExpression": "pk = :p AND pk = :p"}');
SELECT pg_temp.q('{"KeyConditionExpression": "pk = :p AND sk = :p AND g = :p"}');
SELECT pg_temp.q('{"KeyConditionExpression": "((pk = :p))"}');

--
-- Against the table.
--
SELECT ddb_execute('Query', '{"TableName": "Nope", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}}');
SELECT pg_temp.q('{"IndexName": "nope"}');
SELECT pg_temp.q('{"IndexName": "byG", "KeyConditionExpression": "g = :p", "ConsistentRead": true}');
-- the filter may not read the keys of the table or index queried
SELECT pg_temp.q('{"FilterExpression": "pk = :p"}');
SELECT pg_temp.q('{"FilterExpression": "attribute_exists(a) AND sk.x = :p"}');
SELECT pg_temp.q('{"FilterExpression": "a = :p OR size(sk) > :p"}');
SELECT pg_temp.q('{"IndexName": "byG", "KeyConditionExpression": "g = :p", "FilterExpression": "g = :p"}');
SELECT pg_temp.q('{"IndexName": "byG", "KeyConditionExpression": "g = :g", "FilterExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":g": {"S": "x"}}}');
-- nested paths below a key attribute
SELECT pg_temp.q('{"ProjectionExpression": "a, pk.x"}');
SELECT pg_temp.q('{"ProjectionExpression": "sk[1]"}');
SELECT pg_temp.q('{"ProjectionExpression": "g.x"}');
SELECT pg_temp.q('{"FilterExpression": "g.x = :p"}');
SELECT pg_temp.q('{"FilterExpression": "a.b <> :p", "ProjectionExpression": "a.b"}');

--
-- Privileges: Query needs SELECT on the table.
--
CREATE ROLE regress_query_reader;
SET ROLE regress_query_reader;
SELECT pg_temp.q('{}');
SELECT pg_temp.q('{"TableName": "Nope"}');
RESET ROLE;
DO $$ BEGIN EXECUTE format('GRANT SELECT ON %s TO regress_query_reader', ddb_table_relation('Orders')); END $$;
SET ROLE regress_query_reader;
SELECT pg_temp.q('{"ProjectionExpression": "sk"}');
SELECT pg_temp.q('{"IndexName": "byG", "KeyConditionExpression": "g = :p",
	"ExpressionAttributeValues": {":p": {"S": "x"}}}');
RESET ROLE;

--
-- ddb_query(jsonb) raises the same errors as PostgreSQL errors.
--
\set VERBOSITY verbose
SELECT ddb_query('{"TableName": "Orders"}');
SELECT ddb_query('{"TableName": "Nope", "KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\set VERBOSITY default
SELECT ddb_query('{"TableName": "Orders", "KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "p"}}}');
-- the friendly overload raises too
SELECT * FROM ddb_query('Orders', 'pk = :p');
SELECT * FROM ddb_query('Orders', 'g = :p', '{":p": {"S": "x"}}', 'byG');
SELECT * FROM ddb_query('Orders', '#k = :p', '{":p": {"S": "p"}}', names => '{"#k": "pk"}');

SELECT ddb_execute('DeleteTable', '{"TableName": "Orders"}') -> 'TableDescription' ->> 'TableStatus' AS status;
DROP ROLE regress_query_reader;
DROP EXTENSION ddbtable;
