-- Privileges of the batch operations (ddb_acl.h): BatchGetItem needs SELECT
-- on every table; BatchWriteItem needs INSERT and UPDATE on a table it puts
-- into and DELETE on a table it deletes from.  A refusal on any table
-- fails the whole request, which then reads or writes nothing; validation
-- comes first.
CREATE EXTENSION ddbtable;

CREATE ROLE regress_batch_reader;
CREATE ROLE regress_batch_writer;
CREATE ROLE regress_batch_deleter;
CREATE ROLE regress_batch_nobody;

SELECT ddb_execute('CreateTable', $${"TableName": "Open", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}, {"AttributeName": "g", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
	"GlobalSecondaryIndexes": [{"IndexName": "ByG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "ALL"}}]}$$) -> 'TableDescription' ->> 'TableName' AS created;
SELECT ddb_execute('CreateTable', $${"TableName": "Closed", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}]}$$) -> 'TableDescription' ->> 'TableName' AS created;
SELECT ddb_batch_write_item('Open', '[{"k": {"S": "o1"}, "g": {"S": "x"}}, {"k": {"S": "o2"}}]');
SELECT ddb_batch_write_item('Closed', '[{"k": {"S": "c1"}}]');

DO $$
BEGIN
	EXECUTE format('GRANT SELECT ON %s TO regress_batch_reader', ddb_table_relation('Open'));
	EXECUTE format('GRANT INSERT, UPDATE ON %s TO regress_batch_writer', ddb_table_relation('Open'));
	EXECUTE format('GRANT DELETE ON %s TO regress_batch_deleter', ddb_table_relation('Open'));
END
$$;

--
-- No privilege at all.
--
SET ROLE regress_batch_nobody;
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Open": {"Keys": [{"k": {"S": "o1"}}]}}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Open": [{"PutRequest": {"Item": {"k": {"S": "n1"}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Open": [{"DeleteRequest": {"Key": {"k": {"S": "o1"}}}}]}}');
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"arn:aws:dynamodb:us-east-1:000000000000:table/Open": {"Keys": [{"k": {"S": "o1"}}]}}}');
-- validation, and unknown tables, come first
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Open": {"Keys": [{"k": {"S": "o1"}}, {"k": {"S": "o1"}}]}}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Open": [{}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Nope": [{"PutRequest": {"Item": {"k": {"S": "n1"}}}}]}}');
SELECT * FROM ddb_batch_get_item('Open', '[{"k": {"S": "o1"}}]');
RESET ROLE;

--
-- SELECT: reading only.
--
SET ROLE regress_batch_reader;
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Open": {"Keys": [{"k": {"S": "o1"}}, {"k": {"S": "o2"}}]}}}');
SELECT * FROM ddb_batch_get_item('Open', '[{"k": {"S": "o2"}}]');
-- one table without the privilege refuses the whole request
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Open": {"Keys": [{"k": {"S": "o1"}}]}, "Closed": {"Keys": [{"k": {"S": "c1"}}]}}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Open": [{"PutRequest": {"Item": {"k": {"S": "r1"}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Open": [{"DeleteRequest": {"Key": {"k": {"S": "o1"}}}}]}}');
RESET ROLE;

--
-- INSERT and UPDATE: puts only.
--
SET ROLE regress_batch_writer;
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Open": [{"PutRequest": {"Item": {"k": {"S": "w1"}, "g": {"S": "y"}}}}]}}');
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"Open": [{"PutRequest": {"Item": {"k": {"S": "w2"}}}},
	{"DeleteRequest": {"Key": {"k": {"S": "o1"}}}}]}}$$);
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"Open": [{"PutRequest": {"Item": {"k": {"S": "w3"}}}}],
	"Closed": [{"PutRequest": {"Item": {"k": {"S": "w3"}}}}]}}$$);
SELECT ddb_execute('BatchGetItem', '{"RequestItems": {"Open": {"Keys": [{"k": {"S": "o1"}}]}}}');
SELECT ddb_batch_write_item('Open', '[{"k": {"S": "w4"}}]');
SELECT ddb_batch_write_item('Open', '[]', '[{"k": {"S": "w4"}}]');
RESET ROLE;

--
-- DELETE: deletes only.
--
SET ROLE regress_batch_deleter;
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Open": [{"DeleteRequest": {"Key": {"k": {"S": "o2"}}}}]}}');
SELECT ddb_execute('BatchWriteItem', '{"RequestItems": {"Open": [{"PutRequest": {"Item": {"k": {"S": "o2"}}}}]}}');
SELECT ddb_execute('BatchWriteItem', $${"RequestItems": {"Open": [{"DeleteRequest": {"Key": {"k": {"S": "w1"}}}}],
	"Closed": [{"DeleteRequest": {"Key": {"k": {"S": "c1"}}}}]}}$$);
RESET ROLE;

-- What the roles did, and the GSI in step with it.
SELECT * FROM ddb_items('Open');
SELECT * FROM ddb_items('Closed');
CREATE FUNCTION pg_temp.index_entries(table_name text, index_name text)
RETURNS SETOF jsonb LANGUAGE plpgsql AS $$
DECLARE
	rel text;
BEGIN
	SELECT i.relname INTO rel FROM ddb_catalog.indexes i JOIN ddb_catalog.tables t USING (table_id)
	WHERE t.table_name = index_entries.table_name AND i.index_name = index_entries.index_name;
	RETURN QUERY EXECUTE format('SELECT item FROM ddb_data.%I ORDER BY item::text', rel);
END
$$;
SELECT * FROM pg_temp.index_entries('Open', 'ByG');

DROP EXTENSION ddbtable;
DROP ROLE regress_batch_reader, regress_batch_writer, regress_batch_deleter, regress_batch_nobody;
