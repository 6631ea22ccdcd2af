-- Query key conditions (expressions.md §5, items.md §3 and §10): every
-- sort key operator on N, S and B sort keys in DynamoDB's orders (numeric
-- for N, unsigned UTF-8 bytes for S, unsigned bytes for B), begins_with,
-- BETWEEN, ScanIndexForward, conditions written value-first, name
-- placeholders, hash-only tables and ConsumedCapacity.
CREATE EXTENSION ddbtable;

-- Store an item; true when PutItem answers {}.
CREATE FUNCTION pg_temp.put(tab text, item jsonb) RETURNS boolean LANGUAGE sql AS $$
	SELECT ddb_put_item(jsonb_build_object('TableName', tab, 'Item', item)) = '{}'
$$;

-- The sort keys of every item a Query returns, in order (B as hex).
CREATE FUNCTION pg_temp.sks(tab text, cond text, vals jsonb, forward boolean DEFAULT true,
							names jsonb DEFAULT NULL) RETURNS text LANGUAGE sql AS $$
	SELECT coalesce(string_agg(coalesce(i -> 'sk' ->> 'N', i -> 'sk' ->> 'S',
								encode(decode(i -> 'sk' ->> 'B', 'base64'), 'hex')), ' ' ORDER BY n), '(none)')
	FROM jsonb_array_elements(ddb_query(jsonb_build_object(
		'TableName', tab, 'KeyConditionExpression', cond, 'ExpressionAttributeValues', vals,
		'ExpressionAttributeNames', names, 'ScanIndexForward', forward)) -> 'Items')
		WITH ORDINALITY AS e(i, n)
$$;

--
-- N sort keys: numeric order, whatever the spelling of the numbers.
--
SELECT ddb_execute('CreateTable', $${"TableName": "NumSort", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
SELECT bool_and(pg_temp.put('NumSort', jsonb_build_object('pk', '{"S": "p"}'::jsonb, 'sk', jsonb_build_object('N', n)))) AS stored
FROM unnest(ARRAY['100', '-10', '2', '0.25', '-1.5', '1e3', '0', '10', '-0.5', '1', '99.999']) n;
-- another partition, never returned by the queries on "p"
SELECT pg_temp.put('NumSort', '{"pk": {"S": "q"}, "sk": {"N": "5"}}') AS stored;

SELECT pg_temp.sks('NumSort', 'pk = :p', '{":p": {"S": "p"}}');
SELECT pg_temp.sks('NumSort', 'pk = :p', '{":p": {"S": "p"}}', false);
SELECT pg_temp.sks('NumSort', 'pk = :p AND sk = :v', '{":p": {"S": "p"}, ":v": {"N": "1.000"}}');
SELECT pg_temp.sks('NumSort', 'pk = :p AND sk = :v', '{":p": {"S": "p"}, ":v": {"N": "3"}}');
SELECT pg_temp.sks('NumSort', 'pk = :p AND sk < :v', '{":p": {"S": "p"}, ":v": {"N": "1"}}');
SELECT pg_temp.sks('NumSort', 'pk = :p AND sk <= :v', '{":p": {"S": "p"}, ":v": {"N": "1"}}');
SELECT pg_temp.sks('NumSort', 'pk = :p AND sk > :v', '{":p": {"S": "p"}, ":v": {"N": "2"}}');
SELECT pg_temp.sks('NumSort', 'pk = :p AND sk >= :v', '{":p": {"S": "p"}, ":v": {"N": "2"}}');
SELECT pg_temp.sks('NumSort', 'pk = :p AND sk >= :v', '{":p": {"S": "p"}, ":v": {"N": "2"}}', false);
SELECT pg_temp.sks('NumSort', 'pk = :p AND sk BETWEEN :a AND :b', '{":p": {"S": "p"}, ":a": {"N": "-1.5"}, ":b": {"N": "1e1"}}');
SELECT pg_temp.sks('NumSort', 'pk = :p AND sk BETWEEN :a AND :b', '{":p": {"S": "p"}, ":a": {"N": "-1.5"}, ":b": {"N": "1e1"}}', false);
SELECT pg_temp.sks('NumSort', 'pk = :p AND sk BETWEEN :a AND :a', '{":p": {"S": "p"}, ":a": {"N": "0"}}');
-- conditions written value-first, in either order, with parentheses
SELECT pg_temp.sks('NumSort', ':v > sk AND :p = pk', '{":p": {"S": "p"}, ":v": {"N": "0"}}');
SELECT pg_temp.sks('NumSort', '(:v <= sk) AND (pk = :p)', '{":p": {"S": "p"}, ":v": {"N": "99.999"}}');
-- name placeholders for the key attributes
SELECT pg_temp.sks('NumSort', '#h = :p AND #r < :v', '{":p": {"S": "p"}, ":v": {"N": "-1"}}', true,
				   '{"#h": "pk", "#r": "sk"}');
-- a partition without items
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "none"}}}');
SELECT pg_temp.sks('NumSort', 'pk = :p', '{":p": {"S": "q"}}');

--
-- S sort keys: unsigned UTF-8 byte order ("A" < "Z" < "a" < "z" < "¿" <
-- "é"), a prefix before the longer strings.
--
SELECT ddb_execute('CreateTable', $${"TableName": "StrSort", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
SELECT bool_and(pg_temp.put('StrSort', jsonb_build_object('pk', '{"S": "p"}'::jsonb, 'sk', jsonb_build_object('S', s)))) AS stored
FROM unnest(ARRAY['z', 'é', 'a', 'A', 'abd', '¿', 'ab', 'Z', 'b', 'abc', 'a0', '¿x', 'ÿ']) s;

SELECT pg_temp.sks('StrSort', 'pk = :p', '{":p": {"S": "p"}}');
SELECT pg_temp.sks('StrSort', 'pk = :p', '{":p": {"S": "p"}}', false);
SELECT pg_temp.sks('StrSort', 'pk = :p AND sk = :v', '{":p": {"S": "p"}, ":v": {"S": "ab"}}');
SELECT pg_temp.sks('StrSort', 'pk = :p AND sk < :v', '{":p": {"S": "p"}, ":v": {"S": "a"}}');
SELECT pg_temp.sks('StrSort', 'pk = :p AND sk <= :v', '{":p": {"S": "p"}, ":v": {"S": "a"}}');
SELECT pg_temp.sks('StrSort', 'pk = :p AND sk > :v', '{":p": {"S": "p"}, ":v": {"S": "z"}}');
SELECT pg_temp.sks('StrSort', 'pk = :p AND sk >= :v', '{":p": {"S": "p"}, ":v": {"S": "abc"}}');
SELECT pg_temp.sks('StrSort', 'pk = :p AND sk BETWEEN :a AND :b', '{":p": {"S": "p"}, ":a": {"S": "Z"}, ":b": {"S": "ab"}}');
SELECT pg_temp.sks('StrSort', 'pk = :p AND begins_with(sk, :v)', '{":p": {"S": "p"}, ":v": {"S": "a"}}');
SELECT pg_temp.sks('StrSort', 'pk = :p AND begins_with(sk, :v)', '{":p": {"S": "p"}, ":v": {"S": "ab"}}', false);
SELECT pg_temp.sks('StrSort', 'pk = :p AND begins_with(sk, :v)', '{":p": {"S": "p"}, ":v": {"S": "abcd"}}');
-- "¿" is C2 BF: its successor C2 C0 is no character, yet bounds the range
SELECT pg_temp.sks('StrSort', 'pk = :p AND begins_with(sk, :v)', '{":p": {"S": "p"}, ":v": {"S": "¿"}}');
-- "ÿ" is C3 BF; "é" (C3 A9) sorts before it
SELECT pg_temp.sks('StrSort', 'pk = :p AND begins_with(sk, :v)', '{":p": {"S": "p"}, ":v": {"S": "ÿ"}}');
-- an empty prefix matches every item
SELECT pg_temp.sks('StrSort', 'pk = :p AND begins_with(sk, :v)', '{":p": {"S": "p"}, ":v": {"S": ""}}');

--
-- B sort keys: unsigned byte order, a prefix first.
--
SELECT ddb_execute('CreateTable', $${"TableName": "BinSort", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "B"}, {"AttributeName": "sk", "AttributeType": "B"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
SELECT bool_and(pg_temp.put('BinSort', jsonb_build_object('pk', '{"B": "cA=="}'::jsonb,
	'sk', jsonb_build_object('B', encode(decode(h, 'hex'), 'base64'))))) AS stored
FROM unnest(ARRAY['ff', '00', '7f', '0001', 'ffff', '80', '01', 'ff00', '01ff', '02']) h;

SELECT pg_temp.sks('BinSort', 'pk = :p', '{":p": {"B": "cA=="}}');
SELECT pg_temp.sks('BinSort', 'pk = :p', '{":p": {"B": "cA=="}}', false);
SELECT pg_temp.sks('BinSort', 'pk = :p AND sk = :v', '{":p": {"B": "cA=="}, ":v": {"B": "gA=="}}');
SELECT pg_temp.sks('BinSort', 'pk = :p AND sk < :v', '{":p": {"B": "cA=="}, ":v": {"B": "gA=="}}');
SELECT pg_temp.sks('BinSort', 'pk = :p AND sk <= :v', '{":p": {"B": "cA=="}, ":v": {"B": "gA=="}}');
SELECT pg_temp.sks('BinSort', 'pk = :p AND sk > :v', '{":p": {"B": "cA=="}, ":v": {"B": "/w=="}}');
SELECT pg_temp.sks('BinSort', 'pk = :p AND sk >= :v', '{":p": {"B": "cA=="}, ":v": {"B": "/w=="}}');
SELECT pg_temp.sks('BinSort', 'pk = :p AND sk BETWEEN :a AND :b', '{":p": {"B": "cA=="}, ":a": {"B": "AAE="}, ":b": {"B": "Af8="}}');
SELECT pg_temp.sks('BinSort', 'pk = :p AND begins_with(sk, :v)', '{":p": {"B": "cA=="}, ":v": {"B": "AA=="}}');
-- prefixes ending in FF: 01 FF is bounded by 02, FF has no upper bound
SELECT pg_temp.sks('BinSort', 'pk = :p AND begins_with(sk, :v)', '{":p": {"B": "cA=="}, ":v": {"B": "Af8="}}');
SELECT pg_temp.sks('BinSort', 'pk = :p AND begins_with(sk, :v)', '{":p": {"B": "cA=="}, ":v": {"B": "/w=="}}');
SELECT pg_temp.sks('BinSort', 'pk = :p AND begins_with(sk, :v)', '{":p": {"B": "cA=="}, ":v": {"B": "//8="}}', false);

--
-- Hash-only tables: the partition key alone, at most one item.
--
SELECT ddb_execute('CreateTable', $${"TableName": "HashOnly", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
SELECT bool_and(pg_temp.put('HashOnly', jsonb_build_object('id', jsonb_build_object('N', i::text),
	'v', jsonb_build_object('S', 'item ' || i)))) AS stored FROM generate_series(1, 3) i;
SELECT ddb_execute('Query', '{"TableName": "HashOnly", "KeyConditionExpression": "id = :v",
	"ExpressionAttributeValues": {":v": {"N": "2.0"}}}');
SELECT ddb_execute('Query', '{"TableName": "HashOnly", "KeyConditionExpression": "id = :v",
	"ExpressionAttributeValues": {":v": {"N": "4"}}}');
SELECT ddb_execute('Query', '{"TableName": "HashOnly", "KeyConditionExpression": "id > :v",
	"ExpressionAttributeValues": {":v": {"N": "1"}}}');
SELECT ddb_execute('Query', '{"TableName": "HashOnly", "KeyConditionExpression": "id = :v AND v = :v",
	"ExpressionAttributeValues": {":v": {"N": "1"}}}');

--
-- The key condition against the key schema.
--
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "sk = :v",
	"ExpressionAttributeValues": {":v": {"N": "1"}}}');
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "x = :v",
	"ExpressionAttributeValues": {":v": {"N": "1"}}}');
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "pk = :p AND x = :v",
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "1"}}}');
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "pk < :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}}');
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "pk = :p AND sk = :v",
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"S": "1"}}}');
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"N": "1"}}}');
-- begins_with: an N operand is refused when parsed, an S one on an N key by the schema
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "pk = :p AND begins_with(sk, :v)",
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "1"}}}');
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "pk = :p AND begins_with(sk, :v)",
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"S": "1"}}}');
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "pk = :p AND sk BETWEEN :b AND :a",
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":a": {"N": "1"}, ":b": {"N": "2"}}}');
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "pk = :p AND sk BETWEEN :a AND :b",
	"ExpressionAttributeValues": {":p": {"S": "p"}, ":a": {"N": "1"}, ":b": {"S": "2"}}}');

--
-- ConsumedCapacity: the sizes of the items read, added up and rounded up
-- to 4 KB once, halved unless ConsistentRead; at least one unit (or half)
-- even when nothing is read.
--
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "Select": "COUNT", "ReturnConsumedCapacity": "TOTAL"}');
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "p"}}, "Select": "COUNT", "ReturnConsumedCapacity": "INDEXES",
	"ConsistentRead": true}');
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "none"}}, "ReturnConsumedCapacity": "TOTAL"}');
SELECT ddb_execute('Query', '{"TableName": "NumSort", "KeyConditionExpression": "pk = :p",
	"ExpressionAttributeValues": {":p": {"S": "none"}}, "ReturnConsumedCapacity": "NONE", "ConsistentRead": true}');
-- a table given by its ARN is named by its ARN
SELECT ddb_execute('Query', jsonb_build_object('TableName', ddb_table_arn('NumSort'),
	'KeyConditionExpression', 'pk = :p', 'ExpressionAttributeValues', '{":p": {"S": "q"}}'::jsonb,
	'ReturnConsumedCapacity', 'TOTAL')) -> 'ConsumedCapacity';

SELECT ddb_execute('DeleteTable', jsonb_build_object('TableName', t)) -> 'TableDescription' ->> 'TableStatus' AS status
FROM unnest(ARRAY['NumSort', 'StrSort', 'BinSort', 'HashOnly']) t;
DROP EXTENSION ddbtable;
