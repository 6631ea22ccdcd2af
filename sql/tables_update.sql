-- UpdateTable: every validation stage and message, capacity and billing-mode
-- changes, GSI creation (with backfill), update and deletion, streams,
-- encryption, table class, deletion protection and on-demand throughput.
CREATE EXTENSION ddbtable;
\pset format unaligned

-- Volatile members (times, ids, stream labels) shown as "<volatile>".
CREATE FUNCTION regress_mask(j jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	k text;
	v jsonb;
	result jsonb := '{}';
BEGIN
	IF jsonb_typeof(j) = 'array' THEN
		RETURN (SELECT coalesce(jsonb_agg(regress_mask(e) ORDER BY n), '[]')
				FROM jsonb_array_elements(j) WITH ORDINALITY AS a(e, n));
	ELSIF jsonb_typeof(j) <> 'object' THEN
		RETURN j;
	END IF;
	FOR k, v IN SELECT * FROM jsonb_each(j) LOOP
		IF k IN ('CreationDateTime', 'TableId', 'LastIncreaseDateTime',
				 'LastDecreaseDateTime', 'LastUpdateToPayPerRequestDateTime',
				 'LatestStreamLabel', 'LatestStreamArn', 'LastUpdateDateTime') THEN
			result := result || jsonb_build_object(k, '<volatile>');
		ELSE
			result := result || jsonb_build_object(k, regress_mask(v));
		END IF;
	END LOOP;
	RETURN result;
END
$$;

-- A provisioned table with a GSI, an on-demand table with two GSIs, and a
-- table with an LSI.
SELECT ddb_execute('CreateTable', '{"TableName": "Prov",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                           {"AttributeName": "g", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
  "GlobalSecondaryIndexes": [{"IndexName": "gsi1",
    "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "KEYS_ONLY"},
    "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}]}') ? 'TableDescription' AS created;
SELECT ddb_execute('CreateTable', '{"TableName": "OnDemand",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                           {"AttributeName": "a", "AttributeType": "S"},
                           {"AttributeName": "b", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST",
  "GlobalSecondaryIndexes": [
    {"IndexName": "index3", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
     "Projection": {"ProjectionType": "ALL"}},
    {"IndexName": "index4", "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}],
     "Projection": {"ProjectionType": "ALL"}}]}') ? 'TableDescription' AS created;
SELECT ddb_execute('CreateTable', '{"TableName": "WithLsi",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                           {"AttributeName": "sk", "AttributeType": "S"},
                           {"AttributeName": "l", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST",
  "LocalSecondaryIndexes": [{"IndexName": "lsi1",
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                  {"AttributeName": "l", "KeyType": "RANGE"}],
    "Projection": {"ProjectionType": "KEYS_ONLY"}}]}') ? 'TableDescription' AS created;

--
-- JSON types (SerializationException)
--
SELECT ddb_execute('UpdateTable', '{"TableName": 7}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "ProvisionedThroughput": "lots"}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "ProvisionedThroughput": [5, 5]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "ProvisionedThroughput": {"ReadCapacityUnits": "1", "WriteCapacityUnits": 1}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "GlobalSecondaryIndexUpdates": {"Update": {}}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "DeletionProtectionEnabled": 1}');

--
-- Model constraints, collected into one message
--
SELECT ddb_execute('UpdateTable', '{}');
SELECT ddb_execute('UpdateTable', '{"TableName": "ab", "DeletionProtectionEnabled": true}');
SELECT ddb_execute('UpdateTable', '{"TableName": "a;b", "BillingMode": "FREE",
  "ProvisionedThroughput": {"ReadCapacityUnits": 0, "WriteCapacityUnits": -1}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "ProvisionedThroughput": {}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "SS"}, {}],
  "GlobalSecondaryIndexUpdates": [
    {"Update": {"IndexName": "g!", "ProvisionedThroughput": {"ReadCapacityUnits": 0}}},
    {"Create": {"IndexName": "ab",
                "KeySchema": [{"AttributeName": "x", "KeyType": "PRIMARY"},
                              {"AttributeName": "y"}, {"KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "SOME", "NonKeyAttributes": []}}},
    {"Create": {"IndexName": "idx"}},
    {"Delete": {}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "StreamSpecification": {"StreamViewType": "ALL"},
  "SSESpecification": {"SSEType": "DES"}}');
-- a name longer than 255, and an ARN
SELECT ddb_execute('UpdateTable', jsonb_build_object('TableName', repeat('t', 256), 'DeletionProtectionEnabled', false));
SELECT ddb_execute('UpdateTable', '{"TableName": "arn:aws:dynamodb:us-east-1:000000000000:table/NoSuchTable", "DeletionProtectionEnabled": false}');

--
-- Rules that need no table
--
-- at least one change (an empty GlobalSecondaryIndexUpdates, AttributeDefinitions
-- and empty OnDemandThroughput / WarmThroughput do not count)
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov"}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "GlobalSecondaryIndexUpdates": [],
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
  "OnDemandThroughput": {}, "WarmThroughput": {}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "MultiRegionConsistency": "STRONG"}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "ReplicaUpdates": [{"Create": {"RegionName": "eu-west-1"}}]}');
-- capacity bounds
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "ProvisionedThroughput": {"ReadCapacityUnits": 1000000000001, "WriteCapacityUnits": 1000000000001}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "ProvisionedThroughput": {"ReadCapacityUnits": 1000000000000, "WriteCapacityUnits": 1000000000001}}');
-- the shape of GlobalSecondaryIndexUpdates
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "GlobalSecondaryIndexUpdates": [{}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "GlobalSecondaryIndexUpdates": [null]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "GlobalSecondaryIndexUpdates": [{"Dog": {"IndexName": "gsi1"}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "GlobalSecondaryIndexUpdates": [
  {"Delete": {"IndexName": "gsi1"},
   "Update": {"IndexName": "gsi1", "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "GlobalSecondaryIndexUpdates": [
  {"Update": {"IndexName": "gsi1", "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}},
  {"Delete": {"IndexName": "gsi1"}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "GlobalSecondaryIndexUpdates": [
  {"Update": {"IndexName": "gsi1", "ProvisionedThroughput": {"ReadCapacityUnits": 1000000000001, "WriteCapacityUnits": 1}}}]}');
-- index names as CreateTable checks them: pattern, then 3..255 characters
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": ""}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "éé"}}]}');
-- one index creation or deletion per request (before looking the names up)
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "N"}],
  "GlobalSecondaryIndexUpdates": [
    {"Create": {"IndexName": "ind1", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"}}},
    {"Create": {"IndexName": "ind2", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "GlobalSecondaryIndexUpdates": [
  {"Delete": {"IndexName": "ind1"}}, {"Delete": {"IndexName": "ind2"}}]}');
-- stream and encryption specifications
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "StreamSpecification": {"StreamEnabled": true}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "StreamSpecification": {"StreamEnabled": false, "StreamViewType": "KEYS_ONLY"}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "SSESpecification": {"Enabled": false, "SSEType": "KMS"}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "SSESpecification": {"Enabled": false, "KMSMasterKeyId": "key"}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "SSESpecification": {"Enabled": true, "SSEType": "AES256"}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "SSESpecification": {"Enabled": true, "KMSMasterKeyId": "key"}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "TableClass": "GLACIER"}');
-- one logical change per request
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "SSESpecification": {"Enabled": true}, "DeletionProtectionEnabled": true}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "TableClass": "STANDARD", "DeletionProtectionEnabled": true}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "DeletionProtectionEnabled": true, "BillingMode": "PAY_PER_REQUEST"}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "WarmThroughput": {"ReadUnitsPerSecond": 15000},
  "ProvisionedThroughput": {"ReadCapacityUnits": 6, "WriteCapacityUnits": 6}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "OnDemandThroughput": {"MaxReadRequestUnits": 10},
  "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"},
  "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "gsi1"}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"},
  "ProvisionedThroughput": {"ReadCapacityUnits": 6, "WriteCapacityUnits": 6}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"},
  "BillingMode": "PROVISIONED"}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "ProvisionedThroughput": {"ReadCapacityUnits": 6, "WriteCapacityUnits": 6},
  "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "gsi1"}}]}');

--
-- The table: missing, busy
--
SELECT ddb_execute('UpdateTable', '{"TableName": "NoSuchTable", "DeletionProtectionEnabled": true}');
UPDATE ddb_catalog.tables SET table_status = 'CREATING' WHERE table_name = 'Prov';
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "DeletionProtectionEnabled": true}');
UPDATE ddb_catalog.tables SET table_status = 'DELETING' WHERE table_name = 'Prov';
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "DeletionProtectionEnabled": true}');
UPDATE ddb_catalog.tables SET table_status = 'UPDATING' WHERE table_name = 'Prov';
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "DeletionProtectionEnabled": true}');
UPDATE ddb_catalog.tables SET table_status = 'ACTIVE' WHERE table_name = 'Prov';

--
-- Provisioned throughput of the table
--
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "BillingMode": "PAY_PER_REQUEST",
  "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}');
-- an increase: the response shows UPDATING, the table is ACTIVE again once
-- the transaction commits
SELECT jsonb_pretty(regress_mask(ddb_execute('UpdateTable', '{"TableName": "Prov",
  "ProvisionedThroughput": {"ReadCapacityUnits": 10, "WriteCapacityUnits": 5}}')));
SELECT d -> 'TableStatus' AS status, regress_mask(d -> 'ProvisionedThroughput') AS throughput
FROM (SELECT ddb_describe_table('{"TableName": "Prov"}'::jsonb) -> 'Table' AS d) AS s;
-- a rolled-back change leaves nothing behind
BEGIN;
SELECT ddb_update_table('{"TableName": "Prov", "ProvisionedThroughput": {"ReadCapacityUnits": 20, "WriteCapacityUnits": 20}}') -> 'TableDescription' -> 'ProvisionedThroughput' -> 'ReadCapacityUnits' AS read;
ROLLBACK;
SELECT d -> 'ProvisionedThroughput' -> 'ReadCapacityUnits' AS read
FROM (SELECT ddb_describe_table('{"TableName": "Prov"}'::jsonb) -> 'Table' AS d) AS s;
-- decreases: four per UTC day, then one per hour
SELECT i AS decrease, ddb_execute('UpdateTable', jsonb_build_object('TableName', 'Prov',
         'ProvisionedThroughput', jsonb_build_object('ReadCapacityUnits', 10 - i, 'WriteCapacityUnits', 5)))
         -> 'TableDescription' -> 'ProvisionedThroughput' -> 'NumberOfDecreasesToday' AS decreases_today
FROM generate_series(1, 4) i;
SELECT regexp_replace(ddb_execute('UpdateTable', '{"TableName": "Prov",
  "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 4}}')::text,
  'at [A-Z][a-z]+day, [A-Z][a-z]+ \d+, \d{4} at \d+:\d\d:\d\d [AP]M Coordinated Universal Time', 'at <time>', 'g') AS response;
-- the service's way of writing those times
SELECT to_char(last_decrease AT TIME ZONE 'UTC', 'FMDay, FMMonth FMDD, YYYY "at" FMHH12:MI:SS AM') || ' Coordinated Universal Time'
       = substring(ddb_execute('UpdateTable', '{"TableName": "Prov",
  "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 4}}') ->> 'message'
       FROM 'Last decrease at (.*)\. Next') AS same_time_format
FROM ddb_catalog.tables WHERE table_name = 'Prov';
UPDATE ddb_catalog.tables SET last_decrease = last_decrease - interval '61 minutes' WHERE table_name = 'Prov';
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov",
  "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 4}}') -> 'TableDescription' -> 'ProvisionedThroughput' -> 'WriteCapacityUnits' AS write;
-- the count is per UTC day: after a decrease on an earlier day it shows 0
UPDATE ddb_catalog.tables SET last_decrease = last_decrease - interval '1 day' WHERE table_name = 'Prov';
SELECT t.decreases_today AS stored,
       ddb_describe_table('Prov') -> 'Table' -> 'ProvisionedThroughput' -> 'NumberOfDecreasesToday' AS shown
FROM ddb_catalog.tables t WHERE t.table_name = 'Prov';

--
-- Billing mode
--
-- switching to PROVISIONED needs the table's and every GSI's throughput
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "BillingMode": "PROVISIONED"}');
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "BillingMode": "PROVISIONED",
  "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 3}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "BillingMode": "PROVISIONED",
  "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 3},
  "GlobalSecondaryIndexUpdates": [{"Update": {"IndexName": "index3",
    "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 2}}}]}');
SELECT jsonb_pretty(regress_mask((ddb_execute('UpdateTable', '{"TableName": "OnDemand", "BillingMode": "PROVISIONED",
  "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 3},
  "GlobalSecondaryIndexUpdates": [
    {"Update": {"IndexName": "index3", "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 2}}},
    {"Update": {"IndexName": "index4", "ProvisionedThroughput": {"ReadCapacityUnits": 4, "WriteCapacityUnits": 4}}}]}')
  -> 'TableDescription') - 'AttributeDefinitions' - 'KeySchema'));
SELECT d -> 'TableStatus' AS status, d -> 'BillingModeSummary' ->> 'BillingMode' AS billing,
       g ->> 'IndexName' AS index, g ->> 'IndexStatus' AS index_status,
       g -> 'ProvisionedThroughput' -> 'ReadCapacityUnits' AS read
FROM (SELECT ddb_describe_table('{"TableName": "OnDemand"}'::jsonb) -> 'Table' AS d) AS s,
     jsonb_array_elements(d -> 'GlobalSecondaryIndexes') g;
-- GSI throughput: unchanged value, unknown index, an LSI
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "GlobalSecondaryIndexUpdates": [
  {"Update": {"IndexName": "index4", "ProvisionedThroughput": {"ReadCapacityUnits": 4, "WriteCapacityUnits": 4}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "GlobalSecondaryIndexUpdates": [
  {"Update": {"IndexName": "index4"}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "GlobalSecondaryIndexUpdates": [
  {"Update": {"IndexName": "ghost", "ProvisionedThroughput": {"ReadCapacityUnits": 4, "WriteCapacityUnits": 4}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "WithLsi", "GlobalSecondaryIndexUpdates": [
  {"Update": {"IndexName": "lsi1", "OnDemandThroughput": {"MaxReadRequestUnits": 5}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "GlobalSecondaryIndexUpdates": [
  {"Update": {"IndexName": "index4", "OnDemandThroughput": {"MaxReadRequestUnits": 5}}}]}');
-- an index's decreases are counted separately from the table's
SELECT regress_mask(g -> 'ProvisionedThroughput') AS throughput
FROM jsonb_array_elements(ddb_execute('UpdateTable', '{"TableName": "OnDemand", "GlobalSecondaryIndexUpdates": [
  {"Update": {"IndexName": "index4", "ProvisionedThroughput": {"ReadCapacityUnits": 8, "WriteCapacityUnits": 1}}}]}')
  -> 'TableDescription' -> 'GlobalSecondaryIndexes') g
WHERE g ->> 'IndexName' = 'index4';
-- back to PAY_PER_REQUEST: no capacities allowed; a switch resets them to 0
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "BillingMode": "PAY_PER_REQUEST",
  "GlobalSecondaryIndexUpdates": [{"Update": {"IndexName": "index3",
    "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 2}}}]}');
SELECT d -> 'BillingModeSummary' ->> 'BillingMode' AS billing,
       d -> 'BillingModeSummary' ? 'LastUpdateToPayPerRequestDateTime' AS switch_time,
       d -> 'ProvisionedThroughput' -> 'ReadCapacityUnits' AS read,
       d -> 'GlobalSecondaryIndexes' -> 1 -> 'ProvisionedThroughput' -> 'ReadCapacityUnits' AS index4_read
FROM (SELECT ddb_update_table('OnDemand', '{"BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' AS d) AS s;
-- resending the current mode is allowed
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "GlobalSecondaryIndexUpdates": [
  {"Update": {"IndexName": "index3", "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 2}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "GlobalSecondaryIndexUpdates": [
  {"Update": {"IndexName": "index3"}}]}');

--
-- On-demand maximums
--
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "OnDemandThroughput": {"MaxReadRequestUnits": 100}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "OnDemandThroughput": {"MaxWriteRequestUnits": 100}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "OnDemandThroughput": {"MaxReadRequestUnits": 0}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "OnDemandThroughput": {"MaxWriteRequestUnits": -2}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "OnDemandThroughput": {"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 50}}')
  -> 'TableDescription' -> 'OnDemandThroughput' AS on_demand;
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "BillingMode": "PAY_PER_REQUEST", "OnDemandThroughput": {"MaxReadRequestUnits": -1}}')
  -> 'TableDescription' -> 'OnDemandThroughput' AS on_demand;
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "OnDemandThroughput": {"MaxWriteRequestUnits": -1}}')
  -> 'TableDescription' ? 'OnDemandThroughput' AS has_on_demand;
SELECT g ->> 'IndexName' AS index, g -> 'OnDemandThroughput' AS on_demand
FROM jsonb_array_elements(ddb_execute('UpdateTable', '{"TableName": "OnDemand", "GlobalSecondaryIndexUpdates": [
  {"Update": {"IndexName": "index3", "OnDemandThroughput": {"MaxReadRequestUnits": 7}}}]}')
  -> 'TableDescription' -> 'GlobalSecondaryIndexes') g;
SELECT ddb_execute('UpdateTable', '{"TableName": "OnDemand", "GlobalSecondaryIndexUpdates": [
  {"Update": {"IndexName": "index3", "OnDemandThroughput": {"MaxReadRequestUnits": 0}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "GlobalSecondaryIndexUpdates": [
  {"Update": {"IndexName": "gsi1", "OnDemandThroughput": {"MaxReadRequestUnits": 7}}}]}');

--
-- Creating a GSI on a table that has items: the index is filled in the same
-- transaction
--
SELECT ddb_execute('CreateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') ? 'TableDescription' AS created;
-- (PutItem comes later: write the items into the item relation directly)
DO $$
BEGIN
	EXECUTE format($q$INSERT INTO %s (hash_key, item, item_size) VALUES
	  ('p1', '{"pk": {"S": "p1"}, "x": {"S": "red"}, "n": {"N": "1"}}', 10),
	  ('p2', '{"pk": {"S": "p2"}, "x": {"S": "blue"}, "n": {"N": "2"}}', 11),
	  ('p3', '{"pk": {"S": "p3"}, "x": {"S": "red"}}', 8),
	  ('p4', '{"pk": {"S": "p4"}, "n": {"N": "4"}}', 4),
	  ('p5', '{"pk": {"S": "p5"}, "x": {"N": "5"}}', 4),
	  ('p6', '{"pk": {"S": "p6"}, "x": {"S": ""}}', 3)$q$, ddb_table_relation('Items'));
END
$$;
-- the rules of a new index
SELECT ddb_execute('UpdateTable', '{"TableName": "Items", "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "ALL"}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "y", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"},
                                                   {"AttributeName": "n", "KeyType": "RANGE"}],
              "Projection": {"ProjectionType": "ALL"}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"},
                                                   {"AttributeName": "x", "KeyType": "RANGE"}],
              "Projection": {"ProjectionType": "ALL"}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}, {"AttributeName": "n", "AttributeType": "N"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "x", "KeyType": "RANGE"},
                                                   {"AttributeName": "n", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "ALL"}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}, {"AttributeName": "n", "AttributeType": "N"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"},
                                                   {"AttributeName": "n", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "ALL"}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
              "Projection": {}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "KEYS_ONLY", "NonKeyAttributes": ["n"]}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "INCLUDE"}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["n", "m", "n"]}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "N"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byPk", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "ALL"}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "ALL"},
              "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "ALL"}}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "WithLsi",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "lsi1", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "ALL"}}}]}');
-- the new index: CREATING and backfilling in the response (unused
-- definitions, here y, are ignored as the service does) ...
SELECT jsonb_pretty(regress_mask(ddb_execute('UpdateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}, {"AttributeName": "y", "AttributeType": "B"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["n"]}}}]}')));
-- ... ACTIVE once committed, with the items that have a string x
SELECT regress_mask(g) AS index
FROM jsonb_array_elements(ddb_describe_table('{"TableName": "Items"}'::jsonb) -> 'Table' -> 'GlobalSecondaryIndexes') g;
DO $$
BEGIN
	EXECUTE (SELECT format('CREATE TEMP VIEW regress_by_color AS SELECT index_hash, hash_key, item FROM ddb_data.%I', relname)
			 FROM ddb_catalog.indexes WHERE index_name = 'byColor');
END
$$;
SELECT * FROM regress_by_color ORDER BY index_hash, hash_key;
DROP VIEW regress_by_color;
SELECT ddb_execute('UpdateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "ALL"}}}]}');
-- x keeps its type while an index uses it
SELECT ddb_execute('UpdateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "N"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byNumber", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "ALL"}}}]}');
-- a second index with a sort key on a number
SELECT g ->> 'IndexName' AS index, g -> 'KeySchema' AS key_schema, g ->> 'IndexStatus' AS status,
       g -> 'Backfilling' AS backfilling, g -> 'ItemCount' AS items
FROM jsonb_array_elements(ddb_update_table('Items', '{
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}, {"AttributeName": "n", "AttributeType": "N"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColorN", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"},
                                                    {"AttributeName": "n", "KeyType": "RANGE"}],
              "Projection": {"ProjectionType": "KEYS_ONLY"}}}]}') -> 'TableDescription' -> 'GlobalSecondaryIndexes') g;
SELECT ddb_describe_table('{"TableName": "Items"}'::jsonb) -> 'Table' -> 'AttributeDefinitions' AS definitions;
-- a rolled-back creation leaves no index and no relation behind
BEGIN;
SELECT ddb_update_table('Items', '{
  "AttributeDefinitions": [{"AttributeName": "n", "AttributeType": "N"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byN", "KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "ALL"}}}]}') ? 'TableDescription' AS updated;
ROLLBACK;
SELECT index_name FROM ddb_catalog.indexes i JOIN ddb_catalog.tables t USING (table_id)
WHERE t.table_name = 'Items' ORDER BY position;
SELECT count(*) AS relations FROM pg_class WHERE relnamespace = 'ddb_data'::regnamespace
  AND relkind = 'r' AND relname LIKE (SELECT relname FROM ddb_catalog.tables WHERE table_name = 'Items') || '%';

--
-- Deleting a GSI
--
SELECT ddb_execute('UpdateTable', '{"TableName": "Items", "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "ghost"}}]}');
SELECT ddb_execute('UpdateTable', '{"TableName": "WithLsi", "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "lsi1"}}]}');
UPDATE ddb_catalog.indexes SET index_status = 'CREATING', backfilling = false WHERE index_name = 'byColorN';
SELECT ddb_execute('UpdateTable', '{"TableName": "Items", "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "byColorN"}}]}');
UPDATE ddb_catalog.indexes SET index_status = 'UPDATING' WHERE index_name = 'byColorN';
SELECT ddb_execute('UpdateTable', '{"TableName": "Items", "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "byColorN"}}]}');
UPDATE ddb_catalog.indexes SET index_status = 'CREATING', backfilling = true WHERE index_name = 'byColorN';
-- (an index that is backfilling may be deleted)
SELECT g ->> 'IndexName' AS index, g ->> 'IndexStatus' AS status, g -> 'ItemCount' AS items
FROM jsonb_array_elements(ddb_execute('UpdateTable', '{"TableName": "Items",
  "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "byColorN"}}]}') -> 'TableDescription' -> 'GlobalSecondaryIndexes') g;
SELECT g ->> 'IndexName' AS index, g ->> 'IndexStatus' AS status
FROM jsonb_array_elements(ddb_update_table('Items', '{"GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "byColor"}}]}')
  -> 'TableDescription' -> 'GlobalSecondaryIndexes') g;
SELECT d ? 'GlobalSecondaryIndexes' AS has_gsis, d -> 'AttributeDefinitions' AS definitions
FROM (SELECT ddb_describe_table('{"TableName": "Items"}'::jsonb) -> 'Table' AS d) AS s;
SELECT count(*) AS relations FROM pg_class WHERE relnamespace = 'ddb_data'::regnamespace
  AND relkind = 'r' AND relname LIKE (SELECT relname FROM ddb_catalog.tables WHERE table_name = 'Items') || '%';
-- the name can be used again
SELECT g ->> 'IndexName' AS index, g -> 'ItemCount' AS items
FROM jsonb_array_elements(ddb_update_table('Items', '{
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "ALL"}}}]}') -> 'TableDescription' -> 'GlobalSecondaryIndexes') g;

-- at most 20 GSIs
SELECT ddb_execute('CreateTable', jsonb_build_object('TableName', 'Twenty',
  'AttributeDefinitions', (SELECT jsonb_agg(jsonb_build_object('AttributeName', 'a' || i, 'AttributeType', 'S')) FROM generate_series(0, 20) i),
  'KeySchema', '[{"AttributeName": "a0", "KeyType": "HASH"}]'::jsonb,
  'BillingMode', 'PAY_PER_REQUEST',
  'GlobalSecondaryIndexes', (SELECT jsonb_agg(jsonb_build_object('IndexName', 'gsi' || i,
      'KeySchema', jsonb_build_array(jsonb_build_object('AttributeName', 'a' || i, 'KeyType', 'HASH')),
      'Projection', '{"ProjectionType": "KEYS_ONLY"}'::jsonb)) FROM generate_series(1, 20) i)))
  -> 'TableDescription' -> 'GlobalSecondaryIndexes' ->> 19 IS NOT NULL AS twenty;
SELECT ddb_execute('UpdateTable', '{"TableName": "Twenty",
  "AttributeDefinitions": [{"AttributeName": "a21", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "gsi21", "KeySchema": [{"AttributeName": "a21", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "KEYS_ONLY"}}}]}');
-- at most 20 projected non-key attributes per index, 100 over all indexes
SELECT ddb_execute('UpdateTable', jsonb_build_object('TableName', 'Items',
  'AttributeDefinitions', '[{"AttributeName": "n", "AttributeType": "N"}]'::jsonb,
  'GlobalSecondaryIndexUpdates', jsonb_build_array(jsonb_build_object('Create', jsonb_build_object(
    'IndexName', 'wide', 'KeySchema', '[{"AttributeName": "n", "KeyType": "HASH"}]'::jsonb,
    'Projection', jsonb_build_object('ProjectionType', 'INCLUDE',
       'NonKeyAttributes', (SELECT jsonb_agg('p' || i) FROM generate_series(1, 21) i)))))));
BEGIN;
UPDATE ddb_catalog.indexes SET projection_type = 'INCLUDE',
  non_key_attributes = (SELECT array_agg('q' || i) FROM generate_series(1, 100) i)
WHERE index_name = 'byColor';
SELECT ddb_execute('UpdateTable', '{"TableName": "Items",
  "AttributeDefinitions": [{"AttributeName": "n", "AttributeType": "N"}],
  "GlobalSecondaryIndexUpdates": [
  {"Create": {"IndexName": "byN", "KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}],
              "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]}}}]}');
ROLLBACK;

--
-- Streams: enabling creates a new stream each time
--
SELECT d -> 'StreamSpecification' AS spec, d ->> 'LatestStreamArn' = (d ->> 'TableArn') || '/stream/' || (d ->> 'LatestStreamLabel') AS arn_ok,
       d ->> 'LatestStreamLabel' ~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$' AS label_ok
FROM (SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"}}') -> 'TableDescription' AS d) AS s;
SELECT stream_label AS first_label FROM ddb_catalog.tables WHERE table_name = 'Prov' \gset
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "StreamSpecification": {"StreamEnabled": false}}') -> 'TableDescription' ? 'StreamSpecification' AS has_stream;
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "StreamSpecification": {"StreamEnabled": false}}');
SELECT d -> 'StreamSpecification' AS spec, d ->> 'LatestStreamLabel' > :'first_label' AS new_label
FROM (SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"}}') -> 'TableDescription' AS d) AS s;
-- switching to PAY_PER_REQUEST may come with a stream change
SELECT d -> 'BillingModeSummary' ->> 'BillingMode' AS billing, d -> 'StreamSpecification' AS stream
FROM (SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "BillingMode": "PAY_PER_REQUEST", "StreamSpecification": {"StreamEnabled": false}}') -> 'TableDescription' AS d) AS s;

--
-- Encryption, table class, deletion protection, warm throughput
--
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "SSESpecification": {"Enabled": false}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "SSESpecification": {}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "SSESpecification": {"Enabled": true}}') -> 'TableDescription' -> 'SSEDescription' AS sse;
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "SSESpecification": {"Enabled": true, "SSEType": "KMS"}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "SSESpecification": {"SSEType": "KMS", "KMSMasterKeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"}}') -> 'TableDescription' -> 'SSEDescription' AS sse;
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "SSESpecification": {"SSEType": "KMS", "KMSMasterKeyId": "alias/mine"}}') -> 'TableDescription' -> 'SSEDescription' AS sse;
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "SSESpecification": {"SSEType": "KMS", "KMSMasterKeyId": "arn:aws:kms:us-east-1:000000000000:alias/mine"}}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "SSESpecification": {"Enabled": false}}') -> 'TableDescription' ? 'SSEDescription' AS has_sse;
SELECT regress_mask(ddb_execute('UpdateTable', '{"TableName": "Prov", "TableClass": "STANDARD_INFREQUENT_ACCESS"}') -> 'TableDescription' -> 'TableClassSummary') AS class;
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "DeletionProtectionEnabled": true}') -> 'TableDescription' -> 'DeletionProtectionEnabled' AS protected;
SELECT ddb_execute('DeleteTable', '{"TableName": "Prov"}');
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "DeletionProtectionEnabled": false}') -> 'TableDescription' -> 'DeletionProtectionEnabled' AS protected;
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "WarmThroughput": {"ReadUnitsPerSecond": 15000}}') -> 'TableDescription' -> 'WarmThroughput' AS warm;
SELECT ddb_execute('UpdateTable', '{"TableName": "Prov", "WarmThroughput": {"WriteUnitsPerSecond": 5000}}') -> 'TableDescription' -> 'WarmThroughput' AS warm;

--
-- Privileges: UpdateTable needs ownership of the table
--
CREATE ROLE regress_update_reader;
DO $$ BEGIN EXECUTE format('GRANT ALL ON %s TO regress_update_reader', ddb_table_relation('Items')); END $$;
SET ROLE regress_update_reader;
SELECT ddb_execute('UpdateTable', '{"TableName": "Items", "DeletionProtectionEnabled": true}');
-- validation and existence come first
SELECT ddb_execute('UpdateTable', '{"TableName": "Items"}');
SELECT ddb_execute('UpdateTable', '{"TableName": "NoSuchTable", "DeletionProtectionEnabled": true}');
RESET ROLE;

-- the raising form
SELECT ddb_update_table('{"TableName": "Items", "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}');
DO $$
DECLARE
	state text;
	msg text;
	detail text;
BEGIN
	PERFORM ddb_update_table('{"TableName": "Items", "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "aa1", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}}, {"Delete": {"IndexName": "byColor"}}]}');
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
		detail = PG_EXCEPTION_DETAIL;
	RAISE NOTICE 'sqlstate=% message=% detail=%', state, msg, detail;
END
$$;

SELECT ddb_execute('DeleteTable', jsonb_build_object('TableName', t)) -> 'TableDescription' ->> 'TableStatus' AS status
FROM unnest(ARRAY['Prov', 'OnDemand', 'WithLsi', 'Items', 'Twenty']) t;
DROP ROLE regress_update_reader;
DROP FUNCTION regress_mask(jsonb);
DROP EXTENSION ddbtable;
