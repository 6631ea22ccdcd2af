-- GetItem (items.md §7) and DeleteItem (§9): their messages in DynamoDB's
-- order of checks, the Key parameter's exact schema match, projections,
-- AttributesToGet, ConsistentRead in the capacity arithmetic, ReturnValues,
-- conditions, idempotent deletes and the friendly overloads.
CREATE EXTENSION ddbtable;

SELECT ddb_execute('CreateTable', $${"TableName": "Products", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "Id", "AttributeType": "N"},
		{"AttributeName": "Sku", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "Id", "KeyType": "HASH"}, {"AttributeName": "Sku", "KeyType": "RANGE"}]}$$)
	-> 'TableDescription' ->> 'TableName' AS created;
SELECT ddb_execute('CreateTable', $${"TableName": "Blobs", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "b", "AttributeType": "B"}],
	"KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}]}$$) -> 'TableDescription' ->> 'TableName' AS created;
SELECT ddb_execute('PutItem', $${"TableName": "Products", "Item": {"Id": {"N": "123"}, "Sku": {"S": "a-1"},
	"Title": {"S": "Bicycle 123"}, "Price": {"N": "500"}, "Colors": {"SS": ["Red", "Black"]},
	"RelatedItems": {"L": [{"N": "341"}, {"N": "472"}, {"N": "649"}]},
	"Pictures": {"M": {"FrontView": {"S": "http://example.com/123_front.jpg"},
		"SideView": {"S": "http://example.com/123_side.jpg"}}},
	"ProductReviews": {"M": {"FiveStar": {"L": [{"S": "Excellent!"}, {"S": "Great."}]},
		"OneStar": {"L": [{"S": "Terrible"}]}}},
	"Safety.Warning": {"S": "Always wear a helmet"}}}$$);

--
-- GetItem: JSON types, then constraints, then the rest.
--
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": 1}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {}, "ConsistentRead": 1}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {}, "ConsistentRead": "maybe"}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {}, "AttributesToGet": [1]}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {}, "ProjectionExpression": ["a"]}');
SELECT ddb_execute('GetItem', '{}');
SELECT ddb_execute('GetItem', '{"TableName": "P", "AttributesToGet": [], "ReturnConsumedCapacity": "ALL"}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "x"}}}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}}, "AttributesToGet": ["a", "b", "a"]}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}}, "AttributesToGet": ["a"],
	"ProjectionExpression": "a"}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}}, "ExpressionAttributeNames": {"#a": "a"}}');
-- GetItem has no ExpressionAttributeValues: the member is ignored
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "123"}, "Sku": {"S": "a-1"}},
	"ExpressionAttributeValues": {":a": {"S": "a"}}, "ProjectionExpression": "Price"}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}}, "ProjectionExpression": ""}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}}, "ProjectionExpression": "a, :b"}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}}, "ProjectionExpression": "Name"}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}}, "ProjectionExpression": "#n"}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}}, "ProjectionExpression": "a, a.b"}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}}, "ProjectionExpression": "a.b, a[1]"}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}}, "ProjectionExpression": "a",
	"ExpressionAttributeNames": {"#a": "a"}}');
SELECT ddb_execute('GetItem', '{"TableName": "Nowhere", "Key": {"Id": {"N": "1"}}}');
-- the Key parameter must match the key schema exactly
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {}}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}}}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}, "Sku": {"S": "a"}, "x": {"S": "a"}}}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"S": "1"}, "Sku": {"S": "a"}}}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}, "Other": {"S": "a"}}}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}, "Sku": {"L": []}}}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}, "Sku": {"S": ""}}}');
SELECT ddb_execute('GetItem', '{"TableName": "Blobs", "Key": {"b": {"B": ""}}}');
SELECT ddb_execute('GetItem', jsonb_build_object('TableName', 'Products', 'Key', jsonb_build_object(
	'Id', '{"N": "1"}'::jsonb, 'Sku', jsonb_build_object('S', repeat('s', 1025)))));

-- found, missing
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "123"}, "Sku": {"S": "a-1"}}}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "123.0"}, "Sku": {"S": "a-1"}}}') ? 'Item' AS numeric_key_matches;
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "124"}, "Sku": {"S": "a-1"}}}');
-- projections keep the enclosing structure; missing paths are left out
SELECT ddb_execute('GetItem', $${"TableName": "Products", "Key": {"Id": {"N": "123"}, "Sku": {"S": "a-1"}},
	"ProjectionExpression": "Title, Price, Pictures.FrontView, RelatedItems[2], RelatedItems[0], #r.FiveStar[1], Absent, #sw",
	"ExpressionAttributeNames": {"#r": "ProductReviews", "#sw": "Safety.Warning"}}$$);
SELECT ddb_execute('GetItem', $${"TableName": "Products", "Key": {"Id": {"N": "123"}, "Sku": {"S": "a-1"}},
	"ProjectionExpression": "Nothing, Title.x, Pictures[0]"}$$);
SELECT ddb_execute('GetItem', $${"TableName": "Products", "Key": {"Id": {"N": "123"}, "Sku": {"S": "a-1"}},
	"AttributesToGet": ["Price", "Absent", "Colors"]}$$);
-- capacity: 4 KB units, halved unless ConsistentRead; a missing item costs the minimum
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "123"}, "Sku": {"S": "a-1"}},
	"ReturnConsumedCapacity": "TOTAL", "ProjectionExpression": "Price"}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "123"}, "Sku": {"S": "a-1"}},
	"ReturnConsumedCapacity": "INDEXES", "ProjectionExpression": "Price", "ConsistentRead": true}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "9"}, "Sku": {"S": "a-1"}},
	"ReturnConsumedCapacity": "TOTAL", "ConsistentRead": false}');
SELECT ddb_execute('PutItem', jsonb_build_object('TableName', 'Products', 'Item', jsonb_build_object(
	'Id', '{"N": "1"}'::jsonb, 'Sku', '{"S": "big"}'::jsonb, 'Data', jsonb_build_object('S', repeat('d', 9000)))));
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}, "Sku": {"S": "big"}},
	"ReturnConsumedCapacity": "TOTAL", "ProjectionExpression": "Id"}');
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}, "Sku": {"S": "big"}},
	"ReturnConsumedCapacity": "TOTAL", "ProjectionExpression": "Id", "ConsistentRead": true}');
SELECT ddb_get_item('{"TableName": "Products", "Key": {"Id": {"N": "1"}}}');
SELECT ddb_get_item('Products', '{"Id": {"N": "123"}, "Sku": {"S": "a-1"}}') -> 'Price' AS price;
SELECT ddb_get_item('Products', '{"Id": {"N": "5"}, "Sku": {"S": "a-1"}}') IS NULL AS missing;
SELECT ddb_get_item('Products', '{"Id": {"N": "5"}}');

--
-- DeleteItem
--
SELECT ddb_execute('DeleteItem', '{"TableName": "Products", "Key": []}');
SELECT ddb_execute('DeleteItem', '{"TableName": "Products", "ReturnValues": 1}');
SELECT ddb_execute('DeleteItem', '{}');
SELECT ddb_execute('DeleteItem', '{"TableName": "Products", "Key": {}, "ReturnValues": "ALL_NEW", "ReturnItemCollectionMetrics": "ALL"}');
SELECT ddb_execute('DeleteItem', '{"TableName": "Products", "Key": {"Id": {"N": "123"}, "Sku": {"S": "a-1"}},
	"ReturnValues": "ALL_NEW"}');
SELECT ddb_execute('DeleteItem', '{"TableName": "Products", "Key": {"Id": {"N": "123"}, "Sku": {"S": "a-1"}},
	"ReturnValues": "UPDATED_NEW"}');
SELECT ddb_execute('DeleteItem', '{"TableName": "Products", "Key": {"Id": {}}, "ReturnValues": "UPDATED_NEW"}');
SELECT ddb_execute('DeleteItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}},
	"ExpressionAttributeValues": {":a": {"S": "a"}}}');
SELECT ddb_execute('DeleteItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}},
	"ConditionExpression": "a = :a", "Expected": {}}');
SELECT ddb_execute('DeleteItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}},
	"ConditionExpression": "attribute_exists(#a)"}');
SELECT ddb_execute('DeleteItem', '{"TableName": "Nowhere", "Key": {"Id": {"N": "1"}}}');
SELECT ddb_execute('DeleteItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}}}');
-- a missing item: nothing to delete, still a success that costs 1 unit
SELECT ddb_execute('DeleteItem', '{"TableName": "Products", "Key": {"Id": {"N": "77"}, "Sku": {"S": "x"}},
	"ReturnValues": "ALL_OLD", "ReturnConsumedCapacity": "TOTAL"}');
-- conditions
SELECT ddb_execute('DeleteItem', $${"TableName": "Products", "Key": {"Id": {"N": "123"}, "Sku": {"S": "a-1"}},
	"ConditionExpression": "Price > :limit", "ExpressionAttributeValues": {":limit": {"N": "500"}}}$$);
SELECT ddb_execute('DeleteItem', $${"TableName": "Products", "Key": {"Id": {"N": "123"}, "Sku": {"S": "a-1"}},
	"ConditionExpression": "Price > :limit", "ExpressionAttributeValues": {":limit": {"N": "500"}},
	"ReturnValuesOnConditionCheckFailure": "ALL_OLD"}$$) -> 'Item' -> 'Title' AS failed_item_title;
SELECT ddb_execute('DeleteItem', $${"TableName": "Products", "Key": {"Id": {"N": "77"}, "Sku": {"S": "x"}},
	"ConditionExpression": "attribute_exists(Id)", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}$$);
SELECT ddb_execute('DeleteItem', $${"TableName": "Products", "Key": {"Id": {"N": "123"}, "Sku": {"S": "a-1"}},
	"ConditionExpression": "contains(Colors, :c) AND RelatedItems[1] = :r",
	"ExpressionAttributeValues": {":c": {"S": "Red"}, ":r": {"N": "472"}},
	"ReturnValues": "ALL_OLD", "ReturnConsumedCapacity": "INDEXES"}$$) -> 'ConsumedCapacity' AS consumed;
SELECT ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "123"}, "Sku": {"S": "a-1"}}}');
-- ALL_OLD returns the deleted item; a big one costs ceil1k of its size
SELECT ddb_execute('DeleteItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}, "Sku": {"S": "big"}},
	"ReturnValues": "ALL_OLD", "ReturnConsumedCapacity": "TOTAL"}') - 'Attributes' AS response,
	ddb_execute('GetItem', '{"TableName": "Products", "Key": {"Id": {"N": "1"}, "Sku": {"S": "big"}}}') AS after;
SELECT ddb_execute('PutItem', '{"TableName": "Products", "Item": {"Id": {"N": "2"}, "Sku": {"S": "b"}, "x": {"BOOL": true}}}');
SELECT ddb_execute('DeleteItem', '{"TableName": "Products", "Key": {"Id": {"N": "2"}, "Sku": {"S": "b"}},
	"ReturnValues": "ALL_OLD"}');
SELECT ddb_delete_item('{"TableName": "Products", "Key": {"Id": {"N": "1"}}}');
-- the friendly overload returns the deleted item, or NULL
SELECT ddb_execute('PutItem', '{"TableName": "Products", "Item": {"Id": {"N": "3"}, "Sku": {"S": "c"}}}');
SELECT ddb_delete_item('Products', '{"Id": {"N": "3"}, "Sku": {"S": "c"}}') AS deleted;
SELECT ddb_delete_item('Products', '{"Id": {"N": "3"}, "Sku": {"S": "c"}}') IS NULL AS nothing_left;
SELECT count(*) AS items FROM ddb_items('Products');
DROP EXTENSION ddbtable;
