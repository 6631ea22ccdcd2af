-- Item operations inside SQL transactions commit or roll back with them;
-- a failed ddb_execute request changes nothing and leaves the transaction
-- usable; a failed ddb_<operation>() aborts it like any error.  And the
-- privileges each operation needs (ddb_acl.h): a role without them gets
-- AccessDeniedException, after the request's own validation.
CREATE EXTENSION ddbtable;

SELECT ddb_execute('CreateTable', $${"TableName": "Ledger", "BillingMode": "PAY_PER_REQUEST",
	"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "g", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
	"GlobalSecondaryIndexes": [{"IndexName": "ByG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "ALL"}}]}$$) -> 'TableDescription' ->> 'TableName' AS created;

-- The index relation of ByG, counted.
CREATE FUNCTION pg_temp.index_rows() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	rel text;
	n bigint;
BEGIN
	SELECT i.relname INTO rel FROM ddb_catalog.indexes i WHERE i.index_name = 'ByG';
	EXECUTE format('SELECT count(*) FROM ddb_data.%I', rel) INTO n;
	RETURN n;
END
$$;

BEGIN;
SELECT ddb_put_item('Ledger', '{"id": {"S": "a"}, "g": {"S": "x"}}');
SELECT ddb_update_item('Ledger', '{"id": {"S": "b"}}', 'SET g = :g', '{":g": {"S": "y"}}');
SELECT count(*) AS items_inside, pg_temp.index_rows() AS entries_inside FROM ddb_items('Ledger');
ROLLBACK;
SELECT count(*) AS items_after_rollback, pg_temp.index_rows() AS entries_after_rollback FROM ddb_items('Ledger');

BEGIN;
SELECT ddb_put_item('Ledger', '{"id": {"S": "a"}, "g": {"S": "x"}}');
-- a DynamoDB error through ddb_execute: the request is undone, the transaction goes on
SELECT ddb_execute('PutItem', '{"TableName": "Ledger", "Item": {"id": {"S": "a"}, "g": {"S": "z"}},
	"ConditionExpression": "attribute_not_exists(id)"}') ->> '__type' AS error;
SELECT ddb_execute('UpdateItem', $${"TableName": "Ledger", "Key": {"id": {"S": "a"}},
	"UpdateExpression": "SET g = :g, v = v + :one", "ExpressionAttributeValues": {":g": {"S": "w"}, ":one": {"N": "1"}}}$$) ->> 'message' AS error;
SAVEPOINT s;
SELECT ddb_put_item('Ledger', '{"id": {"S": "c"}, "g": {"S": "x"}}');
ROLLBACK TO SAVEPOINT s;
COMMIT;
SELECT * FROM ddb_items('Ledger');
SELECT pg_temp.index_rows() AS entries;

-- ddb_<operation>() errors abort the transaction, with all its writes
BEGIN;
SELECT ddb_put_item('Ledger', '{"id": {"S": "d"}}');
SELECT ddb_put_item('{"TableName": "Ledger", "Item": {"id": {"S": "a"}}, "ConditionExpression": "attribute_not_exists(id)"}');
SELECT 1;
ROLLBACK;
SELECT count(*) AS items FROM ddb_items('Ledger');

-- the transaction's own writes are visible to its later reads
BEGIN;
SELECT ddb_update_item('Ledger', '{"id": {"S": "a"}}', 'ADD n :one', '{":one": {"N": "1"}}') -> 'n' AS n;
SELECT ddb_update_item('Ledger', '{"id": {"S": "a"}}', 'ADD n :one', '{":one": {"N": "1"}}') -> 'n' AS n;
SELECT ddb_get_item('Ledger', '{"id": {"S": "a"}}') -> 'n' AS n;
SELECT ddb_delete_item('Ledger', '{"id": {"S": "a"}}') -> 'n' AS deleted_n;
SELECT ddb_get_item('Ledger', '{"id": {"S": "a"}}') AS gone;
ROLLBACK;
-- several writes in one statement
SELECT count(ddb_put_item('Ledger', jsonb_build_object('id', jsonb_build_object('S', 'k' || i),
	'g', jsonb_build_object('S', 'grp')))) AS replaced FROM generate_series(1, 50) i;
SELECT count(*) AS items, pg_temp.index_rows() AS entries FROM ddb_items('Ledger');
SELECT count(ddb_delete_item('Ledger', jsonb_build_object('id', jsonb_build_object('S', 'k' || i)))) AS deleted
FROM generate_series(1, 50) i;
SELECT count(*) AS items, pg_temp.index_rows() AS entries FROM ddb_items('Ledger');

--
-- Privileges: SELECT to read, INSERT and UPDATE to put or update, DELETE to delete.
--
CREATE ROLE regress_items_reader;
CREATE ROLE regress_items_writer;
CREATE ROLE regress_items_nobody;
DO $$ BEGIN EXECUTE format('GRANT SELECT ON %s TO regress_items_reader', ddb_table_relation('Ledger')); END $$;
DO $$ BEGIN EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %s TO regress_items_writer', ddb_table_relation('Ledger')); END $$;

SET ROLE regress_items_nobody;
SELECT ddb_execute('GetItem', '{"TableName": "Ledger", "Key": {"id": {"S": "a"}}}');
SELECT ddb_execute('PutItem', '{"TableName": "Ledger", "Item": {"id": {"S": "n"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Ledger", "Key": {"id": {"S": "n"}}}');
SELECT ddb_execute('DeleteItem', '{"TableName": "Ledger", "Key": {"id": {"S": "a"}}}');
-- validation comes first; a missing table is not found for anyone
SELECT ddb_execute('PutItem', '{"TableName": "Ledger", "Item": {"id": {"S": ""}}, "ReturnValues": "ALL_NEW"}');
SELECT ddb_execute('PutItem', '{"TableName": "Nowhere", "Item": {"id": {"S": "n"}}}');
-- nor can the role reach the index relations directly
SELECT count(*) FROM ddb_catalog.indexes;
RESET ROLE;

SET ROLE regress_items_reader;
SELECT ddb_execute('GetItem', '{"TableName": "Ledger", "Key": {"id": {"S": "a"}}, "ConsistentRead": true}');
SELECT ddb_get_item('Ledger', '{"id": {"S": "a"}}');
SELECT ddb_execute('PutItem', '{"TableName": "Ledger", "Item": {"id": {"S": "r"}}}');
SELECT ddb_put_item('Ledger', '{"id": {"S": "r"}}');
RESET ROLE;

SET ROLE regress_items_writer;
-- writes maintain the index relations, which the writer has no privilege on
SELECT ddb_execute('PutItem', '{"TableName": "Ledger", "Item": {"id": {"S": "w"}, "g": {"S": "from-writer"}}}');
SELECT ddb_execute('UpdateItem', '{"TableName": "Ledger", "Key": {"id": {"S": "w"}}, "UpdateExpression": "SET g = :g",
	"ExpressionAttributeValues": {":g": {"S": "again"}}, "ReturnValues": "UPDATED_OLD"}');
SELECT ddb_execute('GetItem', '{"TableName": "Ledger", "Key": {"id": {"S": "w"}}}');
SELECT ddb_execute('DeleteItem', '{"TableName": "Ledger", "Key": {"id": {"S": "w"}}, "ReturnValues": "ALL_OLD"}');
RESET ROLE;
SELECT * FROM ddb_items('Ledger');
SELECT pg_temp.index_rows() AS entries;

-- privileges granted later take effect at once (they are not cached)
DO $$ BEGIN EXECUTE format('GRANT SELECT ON %s TO regress_items_nobody', ddb_table_relation('Ledger')); END $$;
SET ROLE regress_items_nobody;
SELECT ddb_execute('GetItem', '{"TableName": "Ledger", "Key": {"id": {"S": "a"}}, "ProjectionExpression": "id"}');
RESET ROLE;
DO $$ BEGIN EXECUTE format('REVOKE SELECT ON %s FROM regress_items_nobody', ddb_table_relation('Ledger')); END $$;
SET ROLE regress_items_nobody;
SELECT ddb_execute('GetItem', '{"TableName": "Ledger", "Key": {"id": {"S": "a"}}}') ->> '__type' AS revoked;
RESET ROLE;

DROP EXTENSION ddbtable;
DROP ROLE regress_items_reader;
DROP ROLE regress_items_writer;
DROP ROLE regress_items_nobody;
