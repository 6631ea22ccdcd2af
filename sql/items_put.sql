-- PutItem (items.md §6): every serialization, validation and runtime
-- message in DynamoDB's order of checks, conditions with and without
-- ReturnValuesOnConditionCheckFailure, ReturnValues, ConsumedCapacity
-- (TOTAL and INDEXES), ItemCollectionMetrics, number normalisation, the
-- 400 KB limit and the friendly overload.
CREATE EXTENSION ddbtable;

SELECT ddb_execute('CreateTable', $${"TableName": "Music", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "Artist", "AttributeType": "S"},
		{"AttributeName": "SongTitle", "AttributeType": "S"},
		{"AttributeName": "Genre", "AttributeType": "S"},
		{"AttributeName": "Year", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
		{"AttributeName": "SongTitle", "KeyType": "RANGE"}],
	"LocalSecondaryIndexes": [{"IndexName": "ByYear",
		"KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
			{"AttributeName": "Year", "KeyType": "RANGE"}],
		"Projection": {"ProjectionType": "KEYS_ONLY"}}],
	"GlobalSecondaryIndexes": [{"IndexName": "ByGenre",
		"KeySchema": [{"AttributeName": "Genre", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "ALL"}}]}$$) -> 'TableDescription' ->> 'TableName' AS created;
SELECT ddb_execute('CreateTable', $${"TableName": "Numbers", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "n", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}]}$$) -> 'TableDescription' ->> 'TableName' AS created;
SELECT ddb_execute('CreateTable', $${"TableName": "Blobs", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "b", "AttributeType": "B"}],
	"KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}]}$$) -> 'TableDescription' ->> 'TableName' AS created;

--
-- Stage 1: JSON types (SerializationException), in the model's order.
--
SELECT ddb_execute('PutItem', '[]');
SELECT ddb_execute('PutItem', '{"TableName": 5}');
SELECT ddb_execute('PutItem', '{"TableName": "Music", "Item": []}');
SELECT ddb_execute('PutItem', '{"TableName": "Music", "Item": {"a": 5}}');
SELECT ddb_execute('PutItem', '{"TableName": "Music", "Item": {"a": {"S": 5}}}');
SELECT ddb_execute('PutItem', '{"TableName": "Music", "Item": {"a": {"B": "abc"}}}');
SELECT ddb_execute('PutItem', '{"TableName": "Music", "Item": {"a": {"S": "x"}}, "ReturnValues": true}');
SELECT ddb_execute('PutItem', '{"TableName": "Music", "Item": {"a": {"S": "x"}}, "ConditionExpression": 1}');
SELECT ddb_execute('PutItem', '{"TableName": "Music", "Item": {"a": {"S": "x"}}, "ExpressionAttributeValues": {":a": 1}}');
SELECT ddb_execute('PutItem', '{"TableName": "Music", "Item": {"a": {"S": "x"}}, "ExpressionAttributeNames": {"#a": 1}}');
SELECT ddb_execute('PutItem', '{"TableName": "Music", "Item": {"a": {"S": "x"}}, "ExpressionAttributeNames": []}');
-- a type error wins over an earlier value error
SELECT ddb_execute('PutItem', '{"TableName": "Music", "Item": {"a": {}, "b": {"N": 1}}}');

--
-- Stage 2: model constraints, all reported together.
--
SELECT ddb_execute('PutItem', '{}');
SELECT ddb_execute('PutItem', '{"TableName": "a;", "ReturnConsumedCapacity": "SOME",
	"ReturnValues": "SOME", "ReturnItemCollectionMetrics": "SOME",
	"ReturnValuesOnConditionCheckFailure": "SOME"}');
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {}, "ReturnValues": "ALL_NEW"}$$);
SELECT ddb_execute('PutItem', format('{"TableName": "%s", "Item": {}}', repeat('a', 256))::jsonb) ->> 'message';
-- a table ARN may be longer than a name
SELECT ddb_execute('PutItem', '{"TableName": "arn:aws:dynamodb:us-east-1:000000000000:table/Nope", "Item": {"a": {"S": "x"}}}');
-- null members are absent
SELECT ddb_execute('PutItem', '{"TableName": "Music", "Item": null}');

--
-- Stage 3: expression parameters, item values, ReturnValues, size.
--
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ConditionExpression": "attribute_exists(a)", "Expected": {"a": {"Exists": true}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ExpressionAttributeNames": {"#a": "a"}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ExpressionAttributeValues": {":a": {"S": "a"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x", "N": "1"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"NULL": false}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"N": "1e126"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"SS": []}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"SS": ["x", "x"]}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}}, "ReturnValues": "ALL_NEW"}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}}, "ReturnValues": "UPDATED_OLD"}$$);
-- 409,600 bytes is the largest item; one more byte is too many
SELECT ddb_execute('PutItem', jsonb_build_object('TableName', 'Numbers', 'Item',
	jsonb_build_object('n', '{"N": "1"}'::jsonb, 'data', jsonb_build_object('S', repeat('x', 409600 - 1 - 2 - 4)))));
SELECT ddb_execute('PutItem', jsonb_build_object('TableName', 'Numbers', 'Item',
	jsonb_build_object('n', '{"N": "2"}'::jsonb, 'data', jsonb_build_object('S', repeat('x', 409600 - 1 - 2 - 4 + 1)))));
-- the size check comes before the placeholder maps
SELECT ddb_execute('PutItem', jsonb_build_object('TableName', 'Numbers', 'Item',
	jsonb_build_object('n', '{"N": "2"}'::jsonb, 'data', jsonb_build_object('S', repeat('x', 409600))),
	'ConditionExpression', 'a = :a', 'ExpressionAttributeValues', '{}'::jsonb));
-- the legacy Expected alone is not implemented
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}}, "Expected": {"a": {"Exists": false}}}$$);

--
-- Stage 4: placeholder maps (names empty, names keys, values empty, values
-- keys, values' contents), then the expression, then unused placeholders.
--
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ConditionExpression": "a = :a", "ExpressionAttributeNames": {}, "ExpressionAttributeValues": {}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ConditionExpression": "a = :a", "ExpressionAttributeNames": {"a": "b"}, "ExpressionAttributeValues": {}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ConditionExpression": "a = :a", "ExpressionAttributeValues": {}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ConditionExpression": "a = :a", "ExpressionAttributeValues": {"a": {"S": "x"}, ":b": {}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ConditionExpression": "a = :a", "ExpressionAttributeValues": {":a": {"S": "x"}, ":b": {"S": "a", "N": "1"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ConditionExpression": ""}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ConditionExpression": "a > "}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ConditionExpression": "Year = :y"}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ConditionExpression": "#y = :y", "ExpressionAttributeValues": {":y": {"N": "1"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ConditionExpression": "a = :y", "ExpressionAttributeNames": {"#y": "Year"}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ConditionExpression": "a = :a", "ExpressionAttributeNames": {"#b": "b", "#c": "c"},
	"ExpressionAttributeValues": {":a": {"S": "x"}, ":c": {"S": "c"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"a": {"S": "x"}},
	"ConditionExpression": "a = :a",
	"ExpressionAttributeValues": {":a": {"S": "x"}, ":c": {"S": "c"}, ":d": {"S": "d"}}}$$);

--
-- Stage 5: the table, then the item against the key schema and indexes.
--
SELECT ddb_execute('PutItem', $${"TableName": "Missing", "Item": {"a": {"S": "x"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "arn:aws:dynamodb:us-east-1:000000000000:table/Missing", "Item": {"a": {"S": "x"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"SongTitle": {"S": "x"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "x"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"N": "1"}, "SongTitle": {"S": "x"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "x"}, "SongTitle": {"SS": ["x"]}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": ""}, "SongTitle": {"S": "x"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "x"}, "SongTitle": {"S": ""}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Blobs", "Item": {"b": {"B": ""}}}$$);
SELECT ddb_execute('PutItem', jsonb_build_object('TableName', 'Music', 'Item', jsonb_build_object(
	'Artist', jsonb_build_object('S', repeat('a', 2049)), 'SongTitle', '{"S": "x"}'::jsonb)));
SELECT ddb_execute('PutItem', jsonb_build_object('TableName', 'Music', 'Item', jsonb_build_object(
	'Artist', '{"S": "x"}'::jsonb, 'SongTitle', jsonb_build_object('S', repeat('a', 1025)))));
-- at the limits exactly: accepted
SELECT ddb_execute('PutItem', jsonb_build_object('TableName', 'Music', 'Item', jsonb_build_object(
	'Artist', jsonb_build_object('S', repeat('a', 2048)), 'SongTitle', jsonb_build_object('S', repeat('b', 1024)))));
SELECT ddb_execute('DeleteItem', jsonb_build_object('TableName', 'Music', 'Key', jsonb_build_object(
	'Artist', jsonb_build_object('S', repeat('a', 2048)), 'SongTitle', jsonb_build_object('S', repeat('b', 1024)))));
-- index keys: optional, but of the declared type, not empty, not too long
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "x"}, "SongTitle": {"S": "y"},
	"Genre": {"N": "1"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "x"}, "SongTitle": {"S": "y"},
	"Year": {"S": "1999"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "x"}, "SongTitle": {"S": "y"},
	"Year": {"S": "1999"}, "Genre": {"B": "AA=="}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "x"}, "SongTitle": {"S": "y"},
	"Genre": {"S": ""}}}$$);
SELECT ddb_execute('PutItem', jsonb_build_object('TableName', 'Music', 'Item', jsonb_build_object(
	'Artist', '{"S": "x"}'::jsonb, 'SongTitle', '{"S": "y"}'::jsonb, 'Genre', jsonb_build_object('S', repeat('g', 2049)))));
SELECT count(*) AS items_after_errors FROM ddb_items('Music');

--
-- Writes that succeed.
--
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "No One You Know"},
	"SongTitle": {"S": "Call Me Today"}, "AlbumTitle": {"S": "Somewhat Famous"}, "Year": {"N": "2015"},
	"Genre": {"S": "Country"}}}$$);
-- replacing: ALL_OLD returns the item replaced; the whole item is replaced, not merged
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "No One You Know"},
	"SongTitle": {"S": "Call Me Today"}, "Genre": {"S": "Pop"}}, "ReturnValues": "ALL_OLD"}$$);
SELECT ddb_execute('GetItem', $${"TableName": "Music", "Key": {"Artist": {"S": "No One You Know"},
	"SongTitle": {"S": "Call Me Today"}}}$$);
-- no Attributes when nothing was replaced
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Acme Band"},
	"SongTitle": {"S": "Happy Day"}, "Year": {"N": "2020"}}, "ReturnValues": "ALL_OLD"}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Acme Band"},
	"SongTitle": {"S": "Happy Day"}, "Year": {"N": "2020"}}, "ReturnValues": "NONE"}$$);
-- by ARN
SELECT ddb_execute('PutItem', $${"TableName": "arn:aws:dynamodb:us-east-1:000000000000:table/Music",
	"Item": {"Artist": {"S": "Arn"}, "SongTitle": {"S": "Song"}}, "ReturnConsumedCapacity": "TOTAL"}$$);

-- numbers are stored and returned in canonical form; sets keep their order
SELECT ddb_execute('PutItem', $${"TableName": "Numbers", "Item": {"n": {"N": "0001.500e1"},
	"list": {"L": [{"N": "-0.0"}, {"N": "1E2"}, {"NS": ["3", "1.0"]}]}, "bytes": {"B": "AAEC"},
	"nested": {"M": {"a": {"NULL": true}, "b": {"BOOL": false}, "c": {"SS": ["z", "a"]}}}}}$$);
SELECT ddb_execute('GetItem', $${"TableName": "Numbers", "Key": {"n": {"N": "15"}}}$$);
SELECT ddb_execute('GetItem', $${"TableName": "Numbers", "Key": {"n": {"N": "1.5e1"}}}$$) -> 'Item' -> 'n';
SELECT ddb_execute('PutItem', $${"TableName": "Blobs", "Item": {"b": {"B": "3q2+7w=="}}}$$);
SELECT * FROM ddb_items('Blobs');

--
-- Conditions: evaluated against the stored item (none: every path missing).
--
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Acme Band"},
	"SongTitle": {"S": "New Song"}, "Plays": {"N": "0"}}, "ConditionExpression": "attribute_not_exists(Artist)"}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Acme Band"},
	"SongTitle": {"S": "New Song"}}, "ConditionExpression": "attribute_not_exists(Artist)"}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Acme Band"},
	"SongTitle": {"S": "New Song"}}, "ConditionExpression": "attribute_not_exists(Artist)",
	"ReturnValuesOnConditionCheckFailure": "NONE"}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Acme Band"},
	"SongTitle": {"S": "New Song"}}, "ConditionExpression": "attribute_not_exists(Artist)",
	"ReturnValuesOnConditionCheckFailure": "ALL_OLD"}$$);
-- a failed condition on a missing item has no Item to return
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Acme Band"},
	"SongTitle": {"S": "Nothing"}}, "ConditionExpression": "attribute_exists(Artist)",
	"ReturnValuesOnConditionCheckFailure": "ALL_OLD"}$$);
-- optimistic locking with names and values
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Acme Band"},
	"SongTitle": {"S": "New Song"}, "Plays": {"N": "1"}}, "ConditionExpression": "#p = :old",
	"ExpressionAttributeNames": {"#p": "Plays"}, "ExpressionAttributeValues": {":old": {"N": "0"}},
	"ReturnValues": "ALL_OLD"}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Acme Band"},
	"SongTitle": {"S": "New Song"}, "Plays": {"N": "2"}}, "ConditionExpression": "#p = :old",
	"ExpressionAttributeNames": {"#p": "Plays"}, "ExpressionAttributeValues": {":old": {"N": "0"}}}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Acme Band"},
	"SongTitle": {"S": "New Song"}, "Plays": {"N": "2"}},
	"ConditionExpression": "Plays BETWEEN :lo AND :hi AND begins_with(SongTitle, :p) AND size(SongTitle) = :n",
	"ExpressionAttributeValues": {":lo": {"N": "0"}, ":hi": {"N": "1.0"}, ":p": {"S": "New"}, ":n": {"N": "8"}}}$$);
-- the failed request changed nothing
SELECT * FROM ddb_items('Music') i WHERE i -> 'SongTitle' ->> 'S' = 'New Song';

--
-- ConsumedCapacity: ceil1k(max(old, new)) for the table; each index entry
-- written or deleted costs ceil1k(entry) (a key change: both).
--
SELECT ddb_execute('PutItem', $${"TableName": "Numbers", "Item": {"n": {"N": "100"}},
	"ReturnConsumedCapacity": "TOTAL"}$$);
SELECT ddb_execute('PutItem', jsonb_build_object('TableName', 'Numbers', 'ReturnConsumedCapacity', 'TOTAL',
	'Item', jsonb_build_object('n', '{"N": "100"}'::jsonb, 'd', jsonb_build_object('S', repeat('x', 1020)))));
SELECT ddb_execute('PutItem', jsonb_build_object('TableName', 'Numbers', 'ReturnConsumedCapacity', 'INDEXES',
	'Item', jsonb_build_object('n', '{"N": "100"}'::jsonb, 'd', jsonb_build_object('S', repeat('x', 3000)))));
-- the old item is larger: it decides
SELECT ddb_execute('PutItem', $${"TableName": "Numbers", "Item": {"n": {"N": "100"}},
	"ReturnConsumedCapacity": "INDEXES"}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Numbers", "Item": {"n": {"N": "100"}},
	"ReturnConsumedCapacity": "NONE"}$$);
-- indexes: new entries in both, then a GSI key change (delete + put), then
-- the LSI entry removed
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Cap"},
	"SongTitle": {"S": "Units"}, "Genre": {"S": "Rock"}, "Year": {"N": "1999"}}, "ReturnConsumedCapacity": "INDEXES"}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Cap"},
	"SongTitle": {"S": "Units"}, "Genre": {"S": "Jazz"}, "Year": {"N": "1999"}}, "ReturnConsumedCapacity": "INDEXES"}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Cap"},
	"SongTitle": {"S": "Units"}, "Genre": {"S": "Jazz"}}, "ReturnConsumedCapacity": "INDEXES"}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Cap"},
	"SongTitle": {"S": "Units"}, "Genre": {"S": "Jazz"}}, "ReturnConsumedCapacity": "TOTAL"}$$);

--
-- ItemCollectionMetrics: only for tables with LSIs, and only when asked.
--
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Cap"},
	"SongTitle": {"S": "Metrics"}}, "ReturnItemCollectionMetrics": "SIZE"}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Music", "Item": {"Artist": {"S": "Cap"},
	"SongTitle": {"S": "Metrics"}}, "ReturnItemCollectionMetrics": "NONE"}$$);
SELECT ddb_execute('PutItem', $${"TableName": "Numbers", "Item": {"n": {"N": "7"}},
	"ReturnItemCollectionMetrics": "SIZE"}$$);

--
-- ddb_put_item(jsonb) raises DynamoDB errors as PostgreSQL errors.
--
SELECT ddb_put_item($${"TableName": "Music", "Item": {"Artist": {"S": "Acme Band"},
	"SongTitle": {"S": "New Song"}}, "ConditionExpression": "attribute_not_exists(Artist)"}$$);
SELECT ddb_put_item($${"TableName": "Missing", "Item": {"Artist": {"S": "Acme Band"}}}$$);

--
-- The friendly overload: returns the item it replaced, or NULL.
--
SELECT ddb_put_item('Music', '{"Artist": {"S": "Friendly"}, "SongTitle": {"S": "One"}, "v": {"N": "1"}}') AS replaced;
SELECT ddb_put_item('Music', '{"Artist": {"S": "Friendly"}, "SongTitle": {"S": "One"}, "v": {"N": "2"}}') AS replaced;
SELECT ddb_put_item('Music', '{"Artist": {"S": "Friendly"}}');
SELECT ddb_put_item('Music', NULL) IS NULL AS strict;

SELECT * FROM ddb_items('Music');
DROP EXTENSION ddbtable;
