-- DynamoDB's IAM as PostgreSQL privileges (ddb_acl.h): CREATE on ddb_data
-- to create tables; privileges on a table's item relation to use it;
-- ownership to change or delete it.  A role without rights gets
-- AccessDeniedException and never any data or catalog row.
CREATE EXTENSION ddbtable;

CREATE ROLE regress_ddb_owner;
CREATE ROLE regress_ddb_member IN ROLE regress_ddb_owner;
CREATE ROLE regress_ddb_reader;
CREATE ROLE regress_ddb_writer;
CREATE ROLE regress_ddb_nobody;
GRANT CREATE ON SCHEMA ddb_data TO regress_ddb_owner;

-- Run a statement and report its error without names that change per run.
CREATE FUNCTION pg_temp.try(sql text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE sql;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || regexp_replace(SQLERRM, 't_[0-9a-f]{32}', 't_<id>', 'g');
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.try(text) TO PUBLIC;

--
-- CreateTable needs CREATE on ddb_data.
--
SET ROLE regress_ddb_nobody;
SELECT ddb_execute('CreateTable', $${"TableName": "Secret",
	"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_create_table($${"TableName": "Secret",
	"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}$$);
-- nor can it create relations there by hand
SELECT pg_temp.try('CREATE TABLE ddb_data.mine (a int)');
RESET ROLE;

-- Validation comes before authorisation, as in the service.
SET ROLE regress_ddb_nobody;
SELECT ddb_execute('CreateTable', '{"TableName": "ab"}');
RESET ROLE;

SET ROLE regress_ddb_owner;
SELECT ddb_execute('CreateTable', $${"TableName": "Secret",
	"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}, {"AttributeName": "g", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST",
	"GlobalSecondaryIndexes": [{"IndexName": "ByG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "ALL"}}]}$$) -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT ddb_describe_table('Secret') -> 'Table' ->> 'TableStatus' AS status;
SELECT ddb_execute('ListTables') AS owner_sees;
RESET ROLE;

-- The creating role owns the relations; the catalog records its name.
SELECT c.relname LIKE 't\_%' AS item_or_index, pg_get_userbyid(c.relowner) AS owner,
	c.relacl IS NULL AS no_grants
FROM pg_class c WHERE c.relnamespace = 'ddb_data'::regnamespace AND c.relkind = 'r'
ORDER BY c.relname;
SELECT table_name, created_by FROM ddb_catalog.tables;

-- Some items, written as a superuser (PutItem comes later).
DO $$
BEGIN
	EXECUTE format($q$INSERT INTO %s VALUES ('a', '{"k": {"S": "a"}, "secret": {"S": "42"}}', 16)$q$,
		ddb_table_relation('Secret'));
END
$$;

--
-- A role without any privilege: AccessDeniedException everywhere, and
-- the table is not listed.
--
SET ROLE regress_ddb_nobody;
SELECT ddb_execute('DescribeTable', '{"TableName": "Secret"}');
SELECT ddb_execute('DescribeTable', '{"TableName": "arn:aws:dynamodb:us-east-1:000000000000:table/Secret"}');
SELECT ddb_execute('DeleteTable', '{"TableName": "Secret"}');
SELECT ddb_execute('ListTables');
SELECT count(*) AS listed FROM ddb_list_tables();
SELECT ddb_describe_table('Secret');
SELECT * FROM ddb_items('Secret');
SELECT ddb_table_relation('Secret');
SELECT ddb_wait_for_table('Secret', '1 s');
-- a table that does not exist is not found, for anyone
SELECT ddb_execute('DescribeTable', '{"TableName": "Missing"}');
-- no way around: the catalog and the relations themselves are closed
SELECT pg_temp.try('SELECT * FROM ddb_catalog.tables');
SELECT pg_temp.try('SELECT * FROM ddb_catalog.indexes');
SELECT pg_temp.try(format('SELECT * FROM ddb_data.%I', (SELECT relname FROM pg_class
	WHERE relnamespace = 'ddb_data'::regnamespace AND relkind = 'r' AND relname NOT LIKE '%\_i%')));
SELECT pg_temp.try(format('SELECT * FROM ddb_data.%I', (SELECT relname FROM pg_class
	WHERE relnamespace = 'ddb_data'::regnamespace AND relkind = 'r' AND relname LIKE '%\_i%')));
-- the account named in the message follows ddbtable.account_id
RESET ROLE;
SET ddbtable.account_id = '123456789012';
SET ROLE regress_ddb_nobody;
SELECT ddb_execute('DescribeTable', '{"TableName": "Secret"}') ->> 'Message' AS message;
RESET ROLE;
RESET ddbtable.account_id;

--
-- The owner grants SELECT: the reader may describe, list and read the
-- table, but not delete it.
--
SET ROLE regress_ddb_owner;
DO $$
BEGIN
	EXECUTE format('GRANT SELECT ON %s TO regress_ddb_reader', ddb_table_relation('Secret'));
	EXECUTE format('GRANT INSERT ON %s TO regress_ddb_writer', ddb_table_relation('Secret'));
END
$$;
RESET ROLE;
SET ROLE regress_ddb_reader;
SELECT ddb_describe_table('Secret') -> 'Table' -> 'ItemCount' AS item_count;
SELECT ddb_execute('ListTables') AS reader_sees;
SELECT * FROM ddb_items('Secret');
SELECT ddb_table_relation('Secret') = (SELECT c.oid FROM pg_class c
	WHERE c.relnamespace = 'ddb_data'::regnamespace AND c.relkind = 'r' AND c.relname NOT LIKE '%\_i%') AS relation;
SELECT ddb_execute('DeleteTable', '{"TableName": "Secret"}');
-- SELECT on the item relation does not open the index relations
SELECT pg_temp.try(format('SELECT count(*) FROM ddb_data.%I', (SELECT relname FROM pg_class
	WHERE relnamespace = 'ddb_data'::regnamespace AND relkind = 'r' AND relname LIKE '%\_i%')));
-- nor does it allow creating tables
SELECT ddb_execute('CreateTable', $${"TableName": "Other",
	"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}$$) ->> 'Message' AS message;
RESET ROLE;

-- A role with INSERT only may describe the table (any privilege) but not
-- read its items.
SET ROLE regress_ddb_writer;
SELECT ddb_describe_table('Secret') -> 'Table' ->> 'TableName' AS described;
SELECT ddb_execute('ListTables') AS writer_sees;
SELECT * FROM ddb_items('Secret');
RESET ROLE;

-- Revoking takes effect at once.
SET ROLE regress_ddb_owner;
DO $$
BEGIN
	EXECUTE format('REVOKE SELECT ON %s FROM regress_ddb_reader', ddb_table_relation('Secret'));
END
$$;
RESET ROLE;
SET ROLE regress_ddb_reader;
SELECT ddb_execute('DescribeTable', '{"TableName": "Secret"}') ->> '__type' AS type;
SELECT ddb_execute('ListTables') AS reader_sees;
RESET ROLE;

-- A superuser may do everything and sees every table.
SELECT ddb_execute('ListTables') AS superuser_sees;
SELECT count(*) AS items FROM ddb_items('Secret');

--
-- Deleting needs ownership; members of the owning role have it.
--
SET ROLE regress_ddb_reader;
SELECT ddb_execute('DeleteTable', '{"TableName": "Secret"}') ->> '__type' AS type;
RESET ROLE;
SET ROLE regress_ddb_member;
SELECT ddb_describe_table('Secret') -> 'Table' ->> 'TableName' AS described;
SELECT ddb_delete_table('Secret') -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT ddb_execute('ListTables') AS member_sees;
RESET ROLE;
SELECT count(*) AS relations_left FROM pg_class WHERE relnamespace = 'ddb_data'::regnamespace;

-- An owner's table can be deleted by a superuser too.
SET ROLE regress_ddb_owner;
SELECT ddb_create_table($${"TableName": "Owned",
	"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}$$)
	-> 'TableDescription' ->> 'TableName' AS created;
RESET ROLE;
SELECT ddb_delete_table('Owned') -> 'TableDescription' ->> 'TableStatus' AS status;

-- A SECURITY DEFINER function acts with its owner's rights, as on any table.
SET ROLE regress_ddb_owner;
SELECT ddb_create_table($${"TableName": "Shared",
	"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}$$)
	-> 'TableDescription' ->> 'TableName' AS created;
RESET ROLE;
CREATE FUNCTION regress_describe_shared() RETURNS text
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT ddb_describe_table('Shared') -> 'Table' ->> 'TableStatus' $$;
ALTER FUNCTION regress_describe_shared() OWNER TO regress_ddb_owner;
SET ROLE regress_ddb_nobody;
SELECT regress_describe_shared() AS through_definer;
SELECT ddb_execute('DescribeTable', '{"TableName": "Shared"}') ->> '__type' AS directly;
RESET ROLE;
DROP FUNCTION regress_describe_shared();

-- The owner's tables go with DROP EXTENSION; then the roles can go.
DROP EXTENSION ddbtable;
DROP ROLE regress_ddb_member, regress_ddb_owner, regress_ddb_reader, regress_ddb_writer,
	regress_ddb_nobody;
