-- Query and Scan on secondary indexes (tables.md §4, items.md §10): GSIs
-- and LSIs with KEYS_ONLY, INCLUDE and ALL projections, sparse indexes,
-- index key order with ties in table key order, LastEvaluatedKey with the
-- index and table keys, Select and ProjectionExpression on what an index
-- projects (a GSI refuses the rest, an LSI fetches it from the table),
-- filters, ConsistentRead, ExclusiveStartKey checks, a GSI being built,
-- ConsumedCapacity per index, and reading an index with only SELECT on
-- the table.
CREATE EXTENSION ddbtable;

SELECT ddb_execute('CreateTable', $${"TableName": "Music", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [
		{"AttributeName": "Artist", "AttributeType": "S"}, {"AttributeName": "Title", "AttributeType": "S"},
		{"AttributeName": "Year", "AttributeType": "N"}, {"AttributeName": "Album", "AttributeType": "S"},
		{"AttributeName": "Genre", "AttributeType": "S"}, {"AttributeName": "Plays", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"}, {"AttributeName": "Title", "KeyType": "RANGE"}],
	"LocalSecondaryIndexes": [
		{"IndexName": "ByYear", "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
			{"AttributeName": "Year", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "KEYS_ONLY"}},
		{"IndexName": "ByAlbum", "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
			{"AttributeName": "Album", "KeyType": "RANGE"}],
			"Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["Plays"]}}],
	"GlobalSecondaryIndexes": [
		{"IndexName": "ByGenre", "KeySchema": [{"AttributeName": "Genre", "KeyType": "HASH"},
			{"AttributeName": "Year", "KeyType": "RANGE"}],
			"Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["Album"]}},
		{"IndexName": "GenreOnly", "KeySchema": [{"AttributeName": "Genre", "KeyType": "HASH"}],
			"Projection": {"ProjectionType": "KEYS_ONLY"}},
		{"IndexName": "ByPlays", "KeySchema": [{"AttributeName": "Plays", "KeyType": "HASH"}],
			"Projection": {"ProjectionType": "ALL"}}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;

SELECT bool_and(ddb_put_item(jsonb_build_object('TableName', 'Music', 'Item', item)) = '{}') AS stored
FROM jsonb_array_elements($$[
	{"Artist": {"S": "Acme"}, "Title": {"S": "Alpha"}, "Year": {"N": "1999"}, "Album": {"S": "First"},
	 "Genre": {"S": "Rock"}, "Plays": {"N": "10"}, "Notes": {"S": "demo"}},
	{"Artist": {"S": "Acme"}, "Title": {"S": "Beta"}, "Year": {"N": "2001"}, "Album": {"S": "Second"},
	 "Genre": {"S": "Rock"}, "Plays": {"N": "20"}},
	{"Artist": {"S": "Acme"}, "Title": {"S": "Gamma"}, "Year": {"N": "1999"}, "Album": {"S": "First"},
	 "Genre": {"S": "Jazz"}, "Plays": {"N": "10"}, "Notes": {"S": "live"}},
	{"Artist": {"S": "Acme"}, "Title": {"S": "Delta"}, "Album": {"S": "Third"}, "Plays": {"N": "5"}},
	{"Artist": {"S": "Acme"}, "Title": {"S": "Omega"}, "Notes": {"S": "no album, no year"}},
	{"Artist": {"S": "Bolt"}, "Title": {"S": "Alpha"}, "Year": {"N": "1999"}, "Album": {"S": "Zed"},
	 "Genre": {"S": "Rock"}, "Plays": {"N": "30"}},
	{"Artist": {"S": "Bolt"}, "Title": {"S": "Zulu"}, "Year": {"N": "2010"}, "Genre": {"S": "Rock"}},
	{"Artist": {"S": "Crow"}, "Title": {"S": "Echo"}, "Year": {"N": "1985"}, "Genre": {"S": "Rock"},
	 "Plays": {"N": "10"}}
]$$) AS item;

-- The items of one page, one per row, and the page's other members.
CREATE FUNCTION pg_temp.page(request jsonb)
RETURNS TABLE (n bigint, item text) LANGUAGE sql AS $$
	WITH r AS (SELECT ddb_execute('Query', request) AS r)
	SELECT e.n, e.i::text FROM r, jsonb_array_elements(r.r -> 'Items') WITH ORDINALITY AS e(i, n)
	UNION ALL
	SELECT NULL, (r.r - 'Items')::text FROM r
	ORDER BY 1 NULLS LAST
$$;
-- Every page of a Query, one row per page: the items' table keys.
CREATE FUNCTION pg_temp.pages(request jsonb)
RETURNS TABLE (page int, items text, last_key text) LANGUAGE plpgsql AS $$
DECLARE
	response jsonb;
BEGIN
	page := 0;
	LOOP
		page := page + 1;
		response := ddb_query(request);
		SELECT string_agg((i -> 'Artist' ->> 'S') || '/' || (i -> 'Title' ->> 'S'), ' ' ORDER BY n) INTO items
		FROM jsonb_array_elements(response -> 'Items') WITH ORDINALITY AS e(i, n);
		last_key := response ->> 'LastEvaluatedKey';
		RETURN NEXT;
		EXIT WHEN NOT response ? 'LastEvaluatedKey' OR page >= 20;
		request := request || jsonb_build_object('ExclusiveStartKey', response -> 'LastEvaluatedKey');
	END LOOP;
END
$$;

--
-- A GSI with a sort key, projecting its keys, the table's and Album.
-- Items without Genre or Year are not in it; equal index keys come in
-- table key order.
--
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Rock"}},
	"ReturnConsumedCapacity": "INDEXES"}');
SELECT * FROM pg_temp.pages('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Rock"}}, "Limit": 2}');
SELECT * FROM pg_temp.pages('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g AND #y <= :y", "ExpressionAttributeNames": {"#y": "Year"},
	"ExpressionAttributeValues": {":g": {"S": "Rock"}, ":y": {"N": "2001"}}, "Limit": 1, "ScanIndexForward": false}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Pop"}}}');
-- projections: only what the index holds; Select ALL_ATTRIBUTES is refused
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Jazz"}},
	"ProjectionExpression": "Album, Title, Artist"}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Jazz"}},
	"ProjectionExpression": "Notes, Album, Plays, Artist"}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Jazz"}},
	"Select": "ALL_ATTRIBUTES"}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Jazz"}},
	"Select": "ALL_PROJECTED_ATTRIBUTES"}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Rock"}},
	"Select": "COUNT"}');
-- a filter sees the index entry: attributes it does not project are missing
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "FilterExpression": "attribute_exists(Notes) OR Album = :a",
	"ExpressionAttributeValues": {":g": {"S": "Rock"}, ":a": {"S": "Zed"}}}');
-- the table's keys may be filtered on, not the index's
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "FilterExpression": "Artist <> :a",
	"ExpressionAttributeValues": {":g": {"S": "Rock"}, ":a": {"S": "Bolt"}}}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "FilterExpression": "#y > :y", "ExpressionAttributeNames": {"#y": "Year"},
	"ExpressionAttributeValues": {":g": {"S": "Rock"}, ":y": {"N": "2000"}}}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Artist = :a", "ExpressionAttributeValues": {":a": {"S": "Acme"}}}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Rock"}},
	"ConsistentRead": true}');

-- A GSI without sort key: entries in table key order.
SELECT * FROM pg_temp.pages('{"TableName": "Music", "IndexName": "GenreOnly",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Rock"}}, "Limit": 3}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "GenreOnly",
	"KeyConditionExpression": "Genre = :g AND Artist = :a",
	"ExpressionAttributeValues": {":g": {"S": "Rock"}, ":a": {"S": "Acme"}}}');
-- A GSI on a number, projecting everything.
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByPlays",
	"KeyConditionExpression": "Plays = :p", "ExpressionAttributeValues": {":p": {"N": "10"}},
	"Select": "ALL_ATTRIBUTES", "ProjectionExpression": null, "ReturnConsumedCapacity": "INDEXES"}');

--
-- ExclusiveStartKey on a GSI: the index keys and the table keys.
--
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Rock"}},
	"ExclusiveStartKey": {"Genre": {"S": "Rock"}, "Year": {"N": "1999"}, "Artist": {"S": "Acme"}, "Title": {"S": "Alpha"}}}');
-- the wrong attributes
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Rock"}},
	"ExclusiveStartKey": {"Genre": {"S": "Rock"}, "Artist": {"S": "Acme"}, "Title": {"S": "Alpha"}}}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Rock"}},
	"ExclusiveStartKey": {"Genre": {"S": "Rock"}, "Plays": {"N": "1999"}, "Artist": {"S": "Acme"}, "Title": {"S": "Alpha"}}}');
-- an index key of the wrong type, then a table key of the wrong type
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Rock"}},
	"ExclusiveStartKey": {"Genre": {"S": "Rock"}, "Year": {"S": "1999"}, "Artist": {"S": "Acme"}, "Title": {"S": "Alpha"}}}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Rock"}},
	"ExclusiveStartKey": {"Genre": {"S": "Rock"}, "Year": {"N": "1999"}, "Artist": {"N": "1"}, "Title": {"S": "Alpha"}}}');
-- outside the key condition
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Rock"}},
	"ExclusiveStartKey": {"Genre": {"S": "Jazz"}, "Year": {"N": "1999"}, "Artist": {"S": "Acme"}, "Title": {"S": "Alpha"}}}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByGenre",
	"KeyConditionExpression": "Genre = :g AND #y > :y", "ExpressionAttributeNames": {"#y": "Year"},
	"ExpressionAttributeValues": {":g": {"S": "Rock"}, ":y": {"N": "2000"}},
	"ExclusiveStartKey": {"Genre": {"S": "Rock"}, "Year": {"N": "1999"}, "Artist": {"S": "Acme"}, "Title": {"S": "Alpha"}}}');

--
-- LSIs: the table's partition key, another sort key.  A KEYS_ONLY LSI
-- returns the keys; what it does not project is fetched from the table
-- (and charged to the table).
--
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByYear",
	"KeyConditionExpression": "Artist = :a", "ExpressionAttributeValues": {":a": {"S": "Acme"}},
	"ReturnConsumedCapacity": "INDEXES"}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByYear",
	"KeyConditionExpression": "Artist = :a", "ExpressionAttributeValues": {":a": {"S": "Acme"}},
	"Select": "ALL_ATTRIBUTES", "ReturnConsumedCapacity": "INDEXES"}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByYear",
	"KeyConditionExpression": "Artist = :a AND #y = :y", "ExpressionAttributeNames": {"#y": "Year"},
	"ExpressionAttributeValues": {":a": {"S": "Acme"}, ":y": {"N": "1999"}},
	"ProjectionExpression": "Title, Notes", "ReturnConsumedCapacity": "INDEXES", "ConsistentRead": true}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByYear",
	"KeyConditionExpression": "Artist = :a", "ExpressionAttributeValues": {":a": {"S": "Acme"}},
	"ProjectionExpression": "Title", "ReturnConsumedCapacity": "INDEXES"}');
-- a filter on an attribute the LSI does not project reads the items, and
-- still returns what the index projects
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByYear",
	"KeyConditionExpression": "Artist = :a", "FilterExpression": "attribute_exists(Notes)",
	"ExpressionAttributeValues": {":a": {"S": "Acme"}}, "ReturnConsumedCapacity": "TOTAL"}');
-- the filter may use the table's sort key, not the index's
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByYear",
	"KeyConditionExpression": "Artist = :a", "FilterExpression": "Title > :t",
	"ExpressionAttributeValues": {":a": {"S": "Acme"}, ":t": {"S": "Beta"}}}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByYear",
	"KeyConditionExpression": "Artist = :a", "FilterExpression": "#y > :y", "ExpressionAttributeNames": {"#y": "Year"},
	"ExpressionAttributeValues": {":a": {"S": "Acme"}, ":y": {"N": "1"}}}');
-- an INCLUDE LSI; paging through it (items without Album are not in it)
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByAlbum",
	"KeyConditionExpression": "Artist = :a AND begins_with(Album, :b)",
	"ExpressionAttributeValues": {":a": {"S": "Acme"}, ":b": {"S": "F"}}}');
SELECT * FROM pg_temp.pages('{"TableName": "Music", "IndexName": "ByAlbum",
	"KeyConditionExpression": "Artist = :a", "ExpressionAttributeValues": {":a": {"S": "Acme"}},
	"Limit": 2, "ScanIndexForward": false}');
SELECT * FROM pg_temp.page('{"TableName": "Music", "IndexName": "ByAlbum",
	"KeyConditionExpression": "Artist = :a", "ExpressionAttributeValues": {":a": {"S": "Acme"}},
	"ExclusiveStartKey": {"Artist": {"S": "Acme"}, "Title": {"S": "Alpha"}}}');

--
-- Scan of indexes: every entry, in index key then table key order.
--
SELECT ddb_scan('{"TableName": "Music", "IndexName": "GenreOnly", "ReturnConsumedCapacity": "INDEXES"}'::jsonb);
SELECT ddb_scan('{"TableName": "Music", "IndexName": "ByGenre", "Limit": 2, "ProjectionExpression": "Title"}'::jsonb);
SELECT ddb_scan('{"TableName": "Music", "IndexName": "ByGenre", "Limit": 2, "ProjectionExpression": "Title",
	"ExclusiveStartKey": {"Genre": {"S": "Jazz"}, "Year": {"N": "1999"}, "Artist": {"S": "Acme"}, "Title": {"S": "Gamma"}}}'::jsonb);
SELECT ddb_scan('{"TableName": "Music", "IndexName": "ByYear", "Select": "ALL_ATTRIBUTES",
	"FilterExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Jazz"}}, "ReturnConsumedCapacity": "INDEXES"}'::jsonb);
SELECT ddb_execute('Scan', '{"TableName": "Music", "IndexName": "ByGenre", "Select": "ALL_ATTRIBUTES"}');
SELECT ddb_execute('Scan', '{"TableName": "Music", "IndexName": "ByGenre", "ProjectionExpression": "Notes"}');
SELECT ddb_execute('Scan', '{"TableName": "Music", "IndexName": "ByGenre", "ConsistentRead": true}');
SELECT ddb_execute('Scan', '{"TableName": "Music", "IndexName": "ByYear", "ConsistentRead": true, "Select": "COUNT"}');
-- a Scan filter may use any key
SELECT ddb_execute('Scan', '{"TableName": "Music", "IndexName": "ByYear", "Select": "COUNT",
	"FilterExpression": "Artist = :a AND #y < :y", "ExpressionAttributeNames": {"#y": "Year"},
	"ExpressionAttributeValues": {":a": {"S": "Acme"}, ":y": {"N": "2000"}}}');

--
-- Reading an index needs SELECT on the table only.
--
CREATE ROLE regress_index_reader;
SET ROLE regress_index_reader;
SELECT ddb_execute('Scan', '{"TableName": "Music", "IndexName": "GenreOnly", "Select": "COUNT"}');
RESET ROLE;
DO $$ BEGIN EXECUTE format('GRANT SELECT ON %s TO regress_index_reader', ddb_table_relation('Music')); END $$;
SET ROLE regress_index_reader;
SELECT ddb_execute('Scan', '{"TableName": "Music", "IndexName": "GenreOnly", "Select": "COUNT"}');
SELECT count(*) FROM ddb_query('Music', 'Artist = :a', '{":a": {"S": "Acme"}}', 'ByAlbum');
RESET ROLE;

--
-- A GSI still being built cannot be read (the table definition is cached
-- per session: reconnect to see the catalog change).
--
UPDATE ddb_catalog.indexes SET index_status = 'CREATING', backfilling = true WHERE index_name = 'ByPlays';
\c
SELECT ddb_execute('Query', '{"TableName": "Music", "IndexName": "ByPlays",
	"KeyConditionExpression": "Plays = :p", "ExpressionAttributeValues": {":p": {"N": "10"}}}');
SELECT ddb_execute('Scan', '{"TableName": "Music", "IndexName": "ByPlays"}');
UPDATE ddb_catalog.indexes SET index_status = 'ACTIVE', backfilling = false WHERE index_name = 'ByPlays';
\c
SELECT ddb_execute('Scan', '{"TableName": "Music", "IndexName": "ByPlays", "Select": "COUNT"}');

SELECT ddb_execute('DeleteTable', '{"TableName": "Music"}') -> 'TableDescription' ->> 'TableStatus' AS status;
DROP ROLE regress_index_reader;
DROP EXTENSION ddbtable;
