-- ddbtable walk-through, run by test/demo/run.
\pset pager off
\pset format unaligned
\pset tuples_only on
\set QUIET on

\echo '== 1. Install the extension'
CREATE EXTENSION ddbtable;

\echo '== 2. The wire protocol: ddb_execute(operation, request) answers as DynamoDB does'
SELECT jsonb_pretty(ddb_execute('DescribeLimits', '{}'));

\echo '== 3. Errors come back as DynamoDB error bodies, and change nothing'
SELECT ddb_execute('NoSuchOperation', '{}');
SELECT ddb_execute('DescribeLimits', '[]');

\echo '== 4. The error contract: each exception has its own SQLSTATE'
\pset tuples_only off
\pset format aligned
SELECT exception, sqlstate, type FROM ddb_exceptions() ORDER BY sqlstate LIMIT 5;

\echo '== 5. Create a DynamoDB table (the response says CREATING; it is ACTIVE once committed)'
\pset tuples_only on
\pset format unaligned
SELECT jsonb_pretty(ddb_create_table($${
	"TableName": "Orders",
	"AttributeDefinitions": [{"AttributeName": "OrderId", "AttributeType": "S"},
	                         {"AttributeName": "LineNo", "AttributeType": "N"},
	                         {"AttributeName": "Customer", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "OrderId", "KeyType": "HASH"},
	              {"AttributeName": "LineNo", "KeyType": "RANGE"}],
	"BillingMode": "PAY_PER_REQUEST",
	"GlobalSecondaryIndexes": [{"IndexName": "ByCustomer",
		"KeySchema": [{"AttributeName": "Customer", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "KEYS_ONLY"}}]}$$)
	-> 'TableDescription' -> 'TableStatus');

\echo '== 6. Describe it, by name (or by ARN)'
SELECT jsonb_pretty(ddb_wait_for_table('Orders'));

\echo '== 7. List tables; a second CreateTable of the same name is refused'
SELECT ddb_execute('ListTables', '{}');
SELECT ddb_execute('CreateTable', $${"TableName": "Orders",
	"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
	"BillingMode": "PAY_PER_REQUEST"}$$);

\echo '== 8. Its items live in an ordinary relation; ddb_items() reads them with SQL'
SELECT ddb_table_relation('Orders');
SELECT count(*) FROM ddb_items('Orders');
