-- UpdateItem (items.md §8, expressions.md §7): upserts, every ReturnValues
-- variant, the four sections, key and index-key rules, run-time errors,
-- the 400 KB limit, conditions, capacity and the friendly overload.
CREATE EXTENSION ddbtable;

SELECT ddb_execute('CreateTable', $${"TableName": "Counters", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
		{"AttributeName": "sk", "AttributeType": "N"},
		{"AttributeName": "owner", "AttributeType": "S"},
		{"AttributeName": "rank", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
	"LocalSecondaryIndexes": [{"IndexName": "ByRank",
		"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "rank", "KeyType": "RANGE"}],
		"Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["label"]}}],
	"GlobalSecondaryIndexes": [{"IndexName": "ByOwner",
		"KeySchema": [{"AttributeName": "owner", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "KEYS_ONLY"}}]}$$) -> 'TableDescription' ->> 'TableName' AS created;

--
-- Request checks, in order.
--
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {}, "UpdateExpression": 5}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {}, "ReturnValues": "ALL"}');
SELECT ddb_execute('UpdateItem', '{"Key": {}, "ReturnValues": "ALL", "ReturnItemCollectionMetrics": "ALL",
	"ReturnConsumedCapacity": "ALL", "ReturnValuesOnConditionCheckFailure": "ALL_NEW"}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters"}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {}, "ExpressionAttributeValues": {":a": {"S": "a"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {}, "ExpressionAttributeNames": {"#a": "a"}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {}, "UpdateExpression": "SET a = :a",
	"AttributeUpdates": {}, "Expected": {}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {}, "AttributeUpdates": {"a": {"Action": "DELETE"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {"a": {"S": "x", "N": "1"}}, "UpdateExpression": "SET a = :a"}');
-- UpdateExpression is parsed before ConditionExpression
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {}, "UpdateExpression": "SET a = :a",
	"ConditionExpression": "b = :b"}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {}, "UpdateExpression": "SET a = :a",
	"ConditionExpression": "b = :b", "ExpressionAttributeValues": {":a": {"S": "a"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {}, "UpdateExpression": "SET a = :a SET b = :a",
	"ExpressionAttributeValues": {":a": {"S": "a"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {}, "UpdateExpression": "SET a = :a REMOVE a",
	"ExpressionAttributeValues": {":a": {"S": "a"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {}, "UpdateExpression": "ADD a :a",
	"ExpressionAttributeValues": {":a": {"S": "a"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {}, "UpdateExpression": "SET a = if_not_exist(a, :a)",
	"ExpressionAttributeValues": {":a": {"S": "a"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {}, "UpdateExpression": "SET a = :a",
	"ExpressionAttributeValues": {":a": {"S": "a"}, ":b": {"S": "b"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Nowhere", "Key": {}, "UpdateExpression": "SET a = :a",
	"ExpressionAttributeValues": {":a": {"S": "a"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {"pk": {"S": "a"}}, "UpdateExpression": "SET a = :a",
	"ExpressionAttributeValues": {":a": {"S": "a"}}}');
-- key attributes cannot be updated; index keys only as whole scalars of their type
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}},
	"UpdateExpression": "SET a = :a, sk = :a", "ExpressionAttributeValues": {":a": {"N": "1"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}},
	"UpdateExpression": "REMOVE pk"}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}},
	"UpdateExpression": "SET pk.x = :a", "ExpressionAttributeValues": {":a": {"N": "1"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}},
	"UpdateExpression": "SET #o[0] = :a", "ExpressionAttributeNames": {"#o": "owner"}, "ExpressionAttributeValues": {":a": {"N": "1"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}},
	"UpdateExpression": "SET #o = :a", "ExpressionAttributeNames": {"#o": "owner"}, "ExpressionAttributeValues": {":a": {"N": "1"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}},
	"UpdateExpression": "SET #r = :a", "ExpressionAttributeNames": {"#r": "rank"}, "ExpressionAttributeValues": {":a": {"S": "1"}}}');
SELECT count(*) AS items_after_errors FROM ddb_items('Counters');

--
-- Upserts and ReturnValues.
--
-- no UpdateExpression: a missing item is created with just its key
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "0"}},
	"ReturnValues": "ALL_NEW"}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "0"}},
	"ReturnValues": "ALL_OLD"}');
-- ALL_OLD on a new item: nothing; ALL_NEW: everything
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "1"}},
	"UpdateExpression": "SET label = :l, tags = :t, info = :m ADD hits :one",
	"ExpressionAttributeValues": {":l": {"S": "first"}, ":t": {"SS": ["x", "y"]},
		":m": {"M": {"a": {"L": [{"N": "1"}, {"N": "2"}]}}}, ":one": {"N": "1"}},
	"ReturnValues": "ALL_OLD"}$$);
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "1"}},
	"UpdateExpression": "ADD hits :one", "ExpressionAttributeValues": {":one": {"N": "1"}},
	"ReturnValues": "ALL_NEW"}$$);
-- UPDATED_OLD / UPDATED_NEW: just the paths the actions name
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "1"}},
	"UpdateExpression": "SET info.a[1] = :two, label = :l REMOVE nothing DELETE tags :x ADD hits :one",
	"ExpressionAttributeValues": {":two": {"N": "22"}, ":l": {"S": "second"}, ":x": {"SS": ["x"]}, ":one": {"N": "1"}},
	"ReturnValues": "UPDATED_OLD"}$$);
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "1"}},
	"UpdateExpression": "SET info.a[1] = :two, label = :l REMOVE nothing DELETE tags :x ADD hits :one",
	"ExpressionAttributeValues": {":two": {"N": "23"}, ":l": {"S": "third"}, ":x": {"SS": ["y"]}, ":one": {"N": "1"}},
	"ReturnValues": "UPDATED_NEW"}$$);
-- nothing updated existed before: no Attributes
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "1"}},
	"UpdateExpression": "SET fresh = :v", "ExpressionAttributeValues": {":v": {"BOOL": true}},
	"ReturnValues": "UPDATED_OLD"}$$);
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "1"}},
	"UpdateExpression": "REMOVE fresh", "ReturnValues": "UPDATED_NEW"}$$);
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "1"}},
	"UpdateExpression": "SET fresh = :v", "ExpressionAttributeValues": {":v": {"BOOL": true}},
	"ReturnValues": "NONE"}$$);
SELECT * FROM ddb_items('Counters');
-- SET arithmetic, if_not_exists, list_append
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "2"}},
	"UpdateExpression": "SET n = if_not_exists(n, :zero) + :inc, l = list_append(if_not_exists(l, :empty), :items)",
	"ExpressionAttributeValues": {":zero": {"N": "0"}, ":inc": {"N": "1.5"}, ":empty": {"L": []},
		":items": {"L": [{"S": "a"}]}}, "ReturnValues": "UPDATED_NEW"}$$);
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "2"}},
	"UpdateExpression": "SET n = if_not_exists(n, :zero) - :inc, l = list_append(:items, l)",
	"ExpressionAttributeValues": {":zero": {"N": "0"}, ":inc": {"N": "0.25"}, ":items": {"L": [{"S": "b"}]}},
	"ReturnValues": "UPDATED_NEW"}$$);

--
-- Run-time errors leave the item unchanged.
--
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "2"}},
	"UpdateExpression": "SET x = y + :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}$$);
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "2"}},
	"UpdateExpression": "SET x = l + :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}$$);
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "2"}},
	"UpdateExpression": "SET nope.x = :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}$$);
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "2"}},
	"UpdateExpression": "ADD l :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}$$);
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "2"}},
	"UpdateExpression": "DELETE n :s", "ExpressionAttributeValues": {":s": {"SS": ["a"]}}}$$);
-- an index key set from another attribute of the wrong type
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "2"}},
	"UpdateExpression": "SET #r = l", "ExpressionAttributeNames": {"#r": "rank"}}$$);
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "2"}},
	"UpdateExpression": "SET #o = :e", "ExpressionAttributeNames": {"#o": "owner"},
	"ExpressionAttributeValues": {":e": {"S": ""}}}$$);
-- 400 KB after the update
SELECT ddb_execute('UpdateItem', jsonb_build_object('TableName', 'Counters',
	'Key', '{"pk": {"S": "k"}, "sk": {"N": "2"}}'::jsonb, 'UpdateExpression', 'SET big = :b',
	'ExpressionAttributeValues', jsonb_build_object(':b', jsonb_build_object('S', repeat('b', 409600)))));
SELECT ddb_execute('GetItem', '{"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "2"}}}');

--
-- Conditions see the item before the update.
--
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "2"}},
	"UpdateExpression": "SET n = n + :one", "ConditionExpression": "n < :max",
	"ExpressionAttributeValues": {":one": {"N": "1"}, ":max": {"N": "1"}}}$$);
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "2"}},
	"UpdateExpression": "SET n = n + :one", "ConditionExpression": "n < :max",
	"ExpressionAttributeValues": {":one": {"N": "1"}, ":max": {"N": "1"}},
	"ReturnValuesOnConditionCheckFailure": "ALL_OLD"}$$);
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "2"}},
	"UpdateExpression": "SET n = n + :one", "ConditionExpression": "n < :max",
	"ExpressionAttributeValues": {":one": {"N": "1"}, ":max": {"N": "2"}}, "ReturnValues": "UPDATED_NEW"}$$);
-- a condition on a missing item: an upsert only when it holds
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "3"}},
	"UpdateExpression": "SET v = :v", "ConditionExpression": "attribute_exists(pk)",
	"ExpressionAttributeValues": {":v": {"N": "1"}}, "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}$$);
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "3"}},
	"ConditionExpression": "attribute_not_exists(pk)", "ReturnValues": "ALL_NEW"}$$);

--
-- Index entries follow the updates; capacity counts them.
--
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "4"}},
	"UpdateExpression": "SET #o = :o, #r = :r, label = :l",
	"ExpressionAttributeNames": {"#o": "owner", "#r": "rank"},
	"ExpressionAttributeValues": {":o": {"S": "ann"}, ":r": {"N": "10"}, ":l": {"S": "ten"}},
	"ReturnConsumedCapacity": "INDEXES", "ReturnItemCollectionMetrics": "SIZE"}$$);
-- a non-projected attribute: no index write
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "4"}},
	"UpdateExpression": "SET extra = :x", "ExpressionAttributeValues": {":x": {"S": "x"}},
	"ReturnConsumedCapacity": "INDEXES"}$$);
-- a projected one: the LSI entry is rewritten
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "4"}},
	"UpdateExpression": "SET label = :x", "ExpressionAttributeValues": {":x": {"S": "TEN"}},
	"ReturnConsumedCapacity": "INDEXES"}$$);
-- index keys changed and removed
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "4"}},
	"UpdateExpression": "SET #o = :o REMOVE #r", "ExpressionAttributeNames": {"#o": "owner", "#r": "rank"},
	"ExpressionAttributeValues": {":o": {"S": "bob"}}, "ReturnConsumedCapacity": "INDEXES"}$$);
SELECT ddb_execute('UpdateItem', jsonb_build_object('TableName', 'Counters',
	'Key', '{"pk": {"S": "k"}, "sk": {"N": "4"}}'::jsonb, 'UpdateExpression', 'SET big = :b',
	'ExpressionAttributeValues', jsonb_build_object(':b', jsonb_build_object('S', repeat('b', 2000))),
	'ReturnConsumedCapacity', 'TOTAL'));
SELECT ddb_execute('UpdateItem', $${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "4"}},
	"UpdateExpression": "REMOVE big", "ReturnConsumedCapacity": "TOTAL"}$$);
--
-- ddb_update_item(jsonb) raises; the friendly overload returns the new item.
--
SELECT ddb_update_item($${"TableName": "Counters", "Key": {"pk": {"S": "k"}, "sk": {"N": "2"}},
	"UpdateExpression": "SET n = n + :one", "ConditionExpression": "n < :max",
	"ExpressionAttributeValues": {":one": {"N": "1"}, ":max": {"N": "1"}}}$$);
SELECT ddb_update_item('Counters', '{"pk": {"S": "f"}, "sk": {"N": "1"}}', 'ADD visits :one',
	'{":one": {"N": "1"}}');
SELECT ddb_update_item('Counters', '{"pk": {"S": "f"}, "sk": {"N": "1"}}', 'ADD #v :one',
	'{":one": {"N": "2"}}', '{"#v": "visits"}');
SELECT ddb_update_item('Counters', '{"pk": {"S": "f"}, "sk": {"N": "2"}}', NULL);
SELECT ddb_update_item('Counters', '{"pk": {"S": "f"}, "sk": {"N": "1"}}', 'REMOVE visits');
SELECT ddb_update_item('Counters', '{"pk": {"S": "f"}}', 'SET a = :a', '{":a": {"S": "a"}}');

SELECT * FROM ddb_items('Counters');
DROP EXTENSION ddbtable;
