-- CreateTable: the examples of tables.md, every validation message in
-- DynamoDB's order, the catalog and storage it creates, and CREATE/DROP
-- EXTENSION in a database that has tables.
CREATE EXTENSION ddbtable;

-- Replace what changes from run to run (ids, times, stream labels).
CREATE FUNCTION pg_temp.mask(j jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
SELECT regexp_replace(regexp_replace(regexp_replace(j::text,
	'"TableId": "[0-9a-f-]{36}"', '"TableId": "<uuid>"', 'g'),
	'"(CreationDateTime|LastUpdateDateTime|LastIncreaseDateTime|LastDecreaseDateTime|LastUpdateToPayPerRequestDateTime)": [0-9.]+',
	'"\1": "<time>"', 'g'),
	'[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}', '<label>', 'g')::jsonb
$$;

-- The tables in ddb_data, for checks that failed requests create none.
CREATE FUNCTION pg_temp.data_relations() RETURNS bigint
LANGUAGE sql AS $$
SELECT count(*) FROM pg_class WHERE relnamespace = 'ddb_data'::regnamespace AND relkind = 'r'
$$;

-- Names of 256 characters, shortened to keep the output readable.
CREATE FUNCTION pg_temp.short(j jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
SELECT regexp_replace(regexp_replace(j::text, 'a{128}a{128}', '<256 x a>', 'g'), 'n{128}n{128}', '<256 x n>', 'g')
$$;

--
-- The provisioned example of tables.md §3.3.
--
SELECT jsonb_pretty(pg_temp.mask(ddb_execute('CreateTable', $${
	"TableName": "Orders",
	"AttributeDefinitions": [{"AttributeName": "OrderId", "AttributeType": "S"},
	                         {"AttributeName": "LineNo", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "OrderId", "KeyType": "HASH"},
	              {"AttributeName": "LineNo", "KeyType": "RANGE"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 10, "WriteCapacityUnits": 5}}$$)));

-- Stored ACTIVE: DescribeTable shows it so at once.
SELECT ddb_describe_table('Orders') -> 'Table' ->> 'TableStatus' AS status;

-- The creation time is the request's, in epoch seconds with a fraction.
SELECT (ddb_describe_table('Orders') -> 'Table' ->> 'CreationDateTime')::numeric
	BETWEEN extract(epoch FROM now()) - 60 AND extract(epoch FROM clock_timestamp())
	AS creation_time_is_now;

-- The TableId is a UUID, the same in every description.
SELECT (ddb_describe_table('Orders') -> 'Table' ->> 'TableId')::uuid IS NOT NULL AS table_id_is_uuid;

-- An existing name, in any spelling of the request.
SELECT ddb_execute('CreateTable', $${
	"TableName": "Orders",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_create_table($${
	"TableName": "Orders",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
	"BillingMode": "PAY_PER_REQUEST"}$$);

-- Names are case-sensitive: "orders" is another table.
SELECT ddb_execute('CreateTable', $${
	"TableName": "orders",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "B"}],
	"KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
	"BillingMode": "PAY_PER_REQUEST"}$$) -> 'TableDescription' ->> 'TableName' AS created;

--
-- On-demand, with every optional member: GSIs (one INCLUDE), LSIs, a stream,
-- encryption, table class, deletion protection, tags, on-demand maximums.
--
SELECT jsonb_pretty(pg_temp.mask(ddb_execute('CreateTable', $${
	"TableName": "Music.Catalog-2",
	"AttributeDefinitions": [{"AttributeName": "Artist", "AttributeType": "S"},
	                         {"AttributeName": "Song", "AttributeType": "S"},
	                         {"AttributeName": "Year", "AttributeType": "N"},
	                         {"AttributeName": "Genre", "AttributeType": "S"},
	                         {"AttributeName": "Cover", "AttributeType": "B"}],
	"KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
	              {"AttributeName": "Song", "KeyType": "RANGE"}],
	"BillingMode": "PAY_PER_REQUEST",
	"LocalSecondaryIndexes": [
		{"IndexName": "ByYear",
		 "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
		               {"AttributeName": "Year", "KeyType": "RANGE"}],
		 "Projection": {"ProjectionType": "KEYS_ONLY"}}],
	"GlobalSecondaryIndexes": [
		{"IndexName": "ByGenre",
		 "KeySchema": [{"AttributeName": "Genre", "KeyType": "HASH"},
		               {"AttributeName": "Year", "KeyType": "RANGE"}],
		 "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["Album", "Price"]},
		 "OnDemandThroughput": {"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 50}},
		{"IndexName": "ByCover",
		 "KeySchema": [{"AttributeName": "Cover", "KeyType": "HASH"}],
		 "Projection": {"ProjectionType": "ALL"}}],
	"StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"},
	"SSESpecification": {"Enabled": true, "SSEType": "KMS", "KMSMasterKeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"},
	"TableClass": "STANDARD_INFREQUENT_ACCESS",
	"DeletionProtectionEnabled": true,
	"Tags": [{"Key": "team", "Value": "audio"}, {"Key": "cost-center", "Value": ""}],
	"OnDemandThroughput": {"MaxReadRequestUnits": 200, "MaxWriteRequestUnits": -1},
	"WarmThroughput": {"ReadUnitsPerSecond": 12000, "WriteUnitsPerSecond": 4000}}$$)));

-- The stream label and ARN are derived from the creation time.
SELECT d ->> 'LatestStreamArn' = (d ->> 'TableArn') || '/stream/' || (d ->> 'LatestStreamLabel')
	AS stream_arn_matches,
	(d ->> 'LatestStreamLabel')::timestamp =
	date_trunc('milliseconds', to_timestamp((d ->> 'CreationDateTime')::numeric) AT TIME ZONE 'UTC')
	AS label_is_creation_time
FROM (SELECT ddb_describe_table('Music.Catalog-2') -> 'Table' AS d) s;

-- A GSI with a provisioned table: its own capacity; SSE with an alias.
SELECT jsonb_pretty(pg_temp.mask(ddb_execute('CreateTable', $${
	"TableName": "Sessions",
	"AttributeDefinitions": [{"AttributeName": "Id", "AttributeType": "B"},
	                         {"AttributeName": "User", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "Id", "KeyType": "HASH"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1000000000000},
	"GlobalSecondaryIndexes": [
		{"IndexName": "ByUser",
		 "KeySchema": [{"AttributeName": "User", "KeyType": "HASH"}],
		 "Projection": {"ProjectionType": "KEYS_ONLY"},
		 "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 4}}],
	"SSESpecification": {"Enabled": true},
	"StreamSpecification": {"StreamEnabled": false},
	"DeletionProtectionEnabled": false}$$)));

-- Unknown members are ignored; JSON nulls count as absent.
SELECT ddb_execute('CreateTable', $${
	"TableName": "Ignored",
	"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "N", "Extra": 1}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
	"BillingMode": "PAY_PER_REQUEST",
	"ProvisionedThroughput": null,
	"ResourcePolicy": "{}",
	"Whatever": [1, 2]}$$) -> 'TableDescription' -> 'AttributeDefinitions' AS definitions;

-- The catalog rows and the relations (typed key columns, primary key).
SELECT table_name, table_status, hash_key_name, hash_key_type, range_key_name,
	range_key_type, billing_mode, read_capacity, write_capacity, stream_enabled,
	stream_view_type, table_class, deletion_protection, ttl_status, pitr_enabled,
	tags, created_by, relname = 't_' || replace(table_id::text, '-', '') AS relname_ok
FROM ddb_catalog.tables ORDER BY table_name;
SELECT t.table_name, i.index_name, i.is_global, i.position, i.hash_key_name,
	i.hash_key_type, i.range_key_name, i.range_key_type, i.projection_type,
	i.non_key_attributes, i.index_status, i.read_capacity, i.write_capacity,
	i.relname = t.relname || '_i' || i.position AS relname_ok
FROM ddb_catalog.indexes i JOIN ddb_catalog.tables t USING (table_id)
ORDER BY t.table_name, i.position;
SELECT t.table_name, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
	a.attcollation::regcollation AS collation, a.attnotnull
FROM ddb_catalog.tables t
JOIN pg_attribute a ON a.attrelid = ('ddb_data.' || t.relname)::regclass
WHERE a.attnum > 0 AND t.table_name IN ('Orders', 'Sessions')
ORDER BY t.table_name, a.attnum;
SELECT t.table_name, i.index_name, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
	a.attcollation::regcollation AS collation
FROM ddb_catalog.indexes i JOIN ddb_catalog.tables t USING (table_id)
JOIN pg_attribute a ON a.attrelid = ('ddb_data.' || i.relname)::regclass
WHERE a.attnum > 0 AND t.table_name = 'Music.Catalog-2'
ORDER BY i.position, a.attnum;
SELECT t.table_name, replace(pg_get_indexdef(x.indexrelid), t.relname, '<rel>') AS index
FROM ddb_catalog.tables t
JOIN pg_index x ON x.indrelid = ('ddb_data.' || t.relname)::regclass
WHERE t.table_name IN ('Orders', 'Sessions')
ORDER BY 1, 2;
SELECT i.index_name, replace(pg_get_indexdef(x.indexrelid), t.relname, '<rel>') AS index
FROM ddb_catalog.indexes i JOIN ddb_catalog.tables t USING (table_id)
JOIN pg_index x ON x.indrelid = ('ddb_data.' || i.relname)::regclass
WHERE t.table_name = 'Music.Catalog-2'
ORDER BY 1, 2;

-- Every relation depends automatically on the extension.
SELECT count(*) AS relations,
	count(*) FILTER (WHERE EXISTS (
		SELECT FROM pg_depend d
		WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
		  AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'a'
		  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ddbtable'))) AS tied
FROM pg_class c WHERE c.relnamespace = 'ddb_data'::regnamespace AND c.relkind = 'r';

--
-- Table names (tables.md §1).
--
SELECT ddb_execute('CreateTable', '{}');
SELECT ddb_execute('CreateTable', '{"TableName": ""}');
SELECT ddb_execute('CreateTable', '{"TableName": "a;"}');
SELECT pg_temp.short(ddb_execute('CreateTable', jsonb_build_object('TableName', repeat('a', 256))));
SELECT ddb_execute('CreateTable', '{"TableName": "abc;"}');
-- 255 characters is the longest name
SELECT ddb_execute('CreateTable', jsonb_build_object('TableName', repeat('x', 255),
	'AttributeDefinitions', '[{"AttributeName": "a", "AttributeType": "S"}]'::jsonb,
	'KeySchema', '[{"AttributeName": "a", "KeyType": "HASH"}]'::jsonb,
	'BillingMode', 'PAY_PER_REQUEST')) -> 'TableDescription' ->> 'TableStatus' AS status;
-- a name may be given as an ARN of this region and account
SELECT ddb_execute('CreateTable', $${
	"TableName": "arn:aws:dynamodb:us-east-1:000000000000:table/ByArn",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
	"BillingMode": "PAY_PER_REQUEST"}$$) -> 'TableDescription' ->> 'TableName' AS created;
SELECT ddb_execute('CreateTable', $${
	"TableName": "arn:aws:dynamodb:eu-west-1:000000000000:table/Elsewhere",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
-- the name in an ARN follows the name rules; an ARN has at most 1024 characters
SELECT ddb_execute('CreateTable', $${
	"TableName": "arn:aws:dynamodb:us-east-1:000000000000:table/ab",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${
	"TableName": "arn:aws:dynamodb:us-east-1:000000000000:table/a;b",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT pg_temp.short(ddb_execute('CreateTable', jsonb_build_object(
	'TableName', 'arn:aws:dynamodb:' || repeat('n', 1024) || ':000000000000:table/TooLong',
	'AttributeDefinitions', '[{"AttributeName": "a", "AttributeType": "S"}]'::jsonb,
	'KeySchema', '[{"AttributeName": "a", "KeyType": "HASH"}]'::jsonb,
	'BillingMode', 'PAY_PER_REQUEST')));

--
-- Serialization errors come first.
--
SELECT ddb_execute('CreateTable', '{"TableName": 5}');
SELECT ddb_execute('CreateTable', '{"TableName": "abc", "KeySchema": {"a": 1}}');
SELECT ddb_execute('CreateTable', '{"TableName": "abc", "KeySchema": "HASH"}');
SELECT ddb_execute('CreateTable', '{"TableName": "abc", "KeySchema": [[1]]}');
-- a list where a structure is expected, and a scalar
SELECT ddb_execute('CreateTable', '{"TableName": "abc", "ProvisionedThroughput": [1, 2]}');
SELECT ddb_execute('CreateTable', '{"TableName": "abc", "StreamSpecification": "on"}');
SELECT ddb_execute('CreateTable', '{"TableName": "abc", "AttributeDefinitions": [{"AttributeName": true}]}');
SELECT ddb_execute('CreateTable', '{"TableName": "abc", "ProvisionedThroughput": {"ReadCapacityUnits": "5"}}');
SELECT ddb_execute('CreateTable', '{"TableName": "abc", "ProvisionedThroughput": {"ReadCapacityUnits": 1.5}}');
SELECT ddb_execute('CreateTable', '{"TableName": "abc", "DeletionProtectionEnabled": "maybe"}');
SELECT ddb_execute('CreateTable', '{"TableName": "abc", "StreamSpecification": {"StreamEnabled": 1}}');
SELECT ddb_execute('CreateTable', '{"TableName": "abc", "GlobalSecondaryIndexes": [{"Projection": {"NonKeyAttributes": [1]}}]}');

--
-- Constraint violations, collected in the service's order (at most ten).
--
SELECT ddb_execute('CreateTable', '{"TableName": "abc", "AttributeDefinitions": []}');
SELECT ddb_execute('CreateTable', $${"TableName": "abc", "AttributeDefinitions": [],
	"ProvisionedThroughput": {}, "BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc", "AttributeDefinitions": [], "KeySchema": [],
	"ProvisionedThroughput": {"ReadCapacityUnits": -1, "WriteCapacityUnits": -1}, "BillingMode": "A"}$$);
-- > 2 key elements; the value of a list of structures is printed as JSON
SELECT ddb_execute('CreateTable', $${"TableName": "abc", "AttributeDefinitions": [],
	"KeySchema": [{"KeyType": "HASH"}, {"AttributeName": "a"}, {"KeyType": "Woop", "AttributeName": "a"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 1000000000001, "WriteCapacityUnits": 1000000000001}}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc", "AttributeDefinitions": [],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 1000000000001, "WriteCapacityUnits": -1}}$$);
-- capacity < 1 (tables.md §3.2)
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 0, "WriteCapacityUnits": 1}}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{}, null],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "HASH", "AttributeName": "a"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}$$);
-- bad type letter (tables.md §2)
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "b", "AttributeType": "SS"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "HASH", "AttributeName": "a"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}$$);
-- attribute names are 1..255 bytes
SELECT pg_temp.short(ddb_execute('CreateTable', jsonb_build_object('TableName', 'abc',
	'AttributeDefinitions', jsonb_build_array(jsonb_build_object('AttributeName', '', 'AttributeType', 'S'),
		jsonb_build_object('AttributeName', repeat('n', 256), 'AttributeType', 'S')),
	'KeySchema', '[{"KeyType": "HASH", "AttributeName": ""}]'::jsonb,
	'BillingMode', 'PAY_PER_REQUEST')));
-- nine empty LSIs: ten of their errors are reported
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"LocalSecondaryIndexes": [{}, {}, {}, {}, {}, {}, {}, {}, {}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}$$);
SELECT pg_temp.short(ddb_execute('CreateTable', jsonb_build_object('TableName', 'abc',
	'AttributeDefinitions', '[{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}]'::jsonb,
	'KeySchema', '[{"KeyType": "HASH", "AttributeName": "a"}]'::jsonb,
	'LocalSecondaryIndexes', jsonb_build_array(
		'{"IndexName": "h;", "KeySchema": [], "Projection": {}}'::jsonb,
		jsonb_build_object('IndexName', repeat('a', 256), 'KeySchema', '[{"AttributeName": "a", "KeyType": "HASH"}]'::jsonb,
			'Projection', '{}'::jsonb)),
	'ProvisionedThroughput', '{"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}'::jsonb)));
SELECT pg_temp.short(ddb_execute('CreateTable', jsonb_build_object('TableName', 'abc',
	'AttributeDefinitions', '[{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}]'::jsonb,
	'KeySchema', '[{"KeyType": "HASH", "AttributeName": "a"}]'::jsonb,
	'GlobalSecondaryIndexes', jsonb_build_array(
		'{"IndexName": "h;", "KeySchema": [], "Projection": {}, "ProvisionedThroughput": {"ReadCapacityUnits": 0, "WriteCapacityUnits": 0}}'::jsonb,
		jsonb_build_object('IndexName', repeat('a', 256), 'KeySchema', '[{"AttributeName": "a", "KeyType": "HASH"}]'::jsonb,
			'Projection', '{}'::jsonb, 'ProvisionedThroughput', '{}'::jsonb)),
	'ProvisionedThroughput', '{"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}'::jsonb)));
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"GlobalSecondaryIndexes": [{"IndexName": "abc",
		"KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}],
		"Projection": {"NonKeyAttributes": [], "ProjectionType": "abc"},
		"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}$$);
-- at most 20 NonKeyAttributes per index, each 1..255 bytes
SELECT ddb_execute('CreateTable', jsonb_build_object('TableName', 'abc',
	'AttributeDefinitions', '[{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}]'::jsonb,
	'KeySchema', '[{"KeyType": "HASH", "AttributeName": "a"}]'::jsonb,
	'BillingMode', 'PAY_PER_REQUEST',
	'GlobalSecondaryIndexes', jsonb_build_array(jsonb_build_object('IndexName', 'idx',
		'KeySchema', '[{"AttributeName": "b", "KeyType": "HASH"}]'::jsonb,
		'Projection', jsonb_build_object('ProjectionType', 'INCLUDE',
			'NonKeyAttributes', (SELECT jsonb_agg('n' || i) FROM generate_series(1, 21) i)
				|| jsonb_build_array('', null))))));
-- stream, encryption and tags
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"BillingMode": "PAY_PER_REQUEST",
	"StreamSpecification": {"StreamViewType": "ALL"},
	"SSESpecification": {"SSEType": "DES"},
	"Tags": [{}, {"Key": "", "Value": "v"}, null]}$$);

--
-- Semantic checks, in the service's order (tables.md §2 and §3.2).
--
-- PAY_PER_REQUEST with ProvisionedThroughput (before the key schema is looked at)
SELECT ddb_execute('CreateTable', $${"TableName": "abc", "AttributeDefinitions": [],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "HASH", "AttributeName": "a"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
	"BillingMode": "PAY_PER_REQUEST"}$$);
-- PROVISIONED without throughput
SELECT ddb_execute('CreateTable', $${"TableName": "abc", "AttributeDefinitions": [],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}]}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc", "AttributeDefinitions": [],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PROVISIONED"}$$);
-- capacity above 1,000,000,000,000
SELECT ddb_execute('CreateTable', $${"TableName": "abc", "AttributeDefinitions": [],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 1000000000001, "WriteCapacityUnits": 1000000000001}}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc", "AttributeDefinitions": [],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 1000000000000, "WriteCapacityUnits": 1000000000001}}$$);
-- more key elements than definitions
SELECT ddb_execute('CreateTable', $${"TableName": "abc", "AttributeDefinitions": [],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
-- key attribute not defined
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "c"}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
-- the same attribute as HASH and RANGE
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "HASH", "AttributeName": "a"}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
-- first element not HASH, second not RANGE
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "RANGE", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "HASH", "AttributeName": "b"}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
-- the same attribute defined twice
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "a", "AttributeType": "N"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST"}$$);
-- unused definitions without indexes
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "c", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
-- ... and with indexes
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "my-string", "AttributeType": "S"}, {"AttributeName": "my-int", "AttributeType": "N"}, {"AttributeName": "my-hash", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "my-hash"}],
	"GlobalSecondaryIndexes": [{"IndexName": "gsi",
		"KeySchema": [{"AttributeName": "my-string", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "ALL"}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
-- LSIs: empty list, table without sort key, index without sort key,
-- another hash key, projection without type, NonKeyAttributes with ALL or
-- KEYS_ONLY, INCLUDE without NonKeyAttributes, duplicates, more than five
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"LocalSecondaryIndexes": [], "BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"LocalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "c", "KeyType": "RANGE"}], "Projection": {}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"LocalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "c", "KeyType": "RANGE"}, {"AttributeName": "d", "KeyType": "RANGE"}], "Projection": {}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"LocalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "a", "KeyType": "RANGE"}], "Projection": {}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"LocalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "a", "KeyType": "RANGE"}], "Projection": {}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"LocalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "HASH"}], "Projection": {}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"LocalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}], "Projection": {}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"LocalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}, {"AttributeName": "a", "KeyType": "RANGE"}], "Projection": {}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"LocalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}], "Projection": {"NonKeyAttributes": ["a"]}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"LocalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL", "NonKeyAttributes": ["a"]}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"LocalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "KEYS_ONLY", "NonKeyAttributes": ["a"]}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"LocalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "INCLUDE"}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"LocalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x", "y", "x"]}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"LocalSecondaryIndexes": [
		{"IndexName": "abc", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}},
		{"IndexName": "abc", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', jsonb_build_object('TableName', 'abc',
	'AttributeDefinitions', '[{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}]'::jsonb,
	'KeySchema', '[{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}]'::jsonb,
	'BillingMode', 'PAY_PER_REQUEST',
	'LocalSecondaryIndexes', (SELECT jsonb_agg(jsonb_build_object('IndexName', 'lsi' || i,
		'KeySchema', '[{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}]'::jsonb,
		'Projection', '{"ProjectionType": "ALL"}'::jsonb)) FROM generate_series(1, 6) i)));
-- GSIs: empty list, keys not defined, same names, wrong key types,
-- projection, throughput with on-demand, no throughput with provisioned,
-- duplicates (with an LSI too), more than twenty
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"GlobalSecondaryIndexes": [], "BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"GlobalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "c", "KeyType": "RANGE"}], "Projection": {}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"GlobalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}], "Projection": {}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"GlobalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "b", "KeyType": "RANGE"}], "Projection": {}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"GlobalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}, {"AttributeName": "a", "KeyType": "HASH"}], "Projection": {}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"GlobalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}], "Projection": {}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"GlobalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}], "Projection": {"ProjectionType": "KEYS_ONLY", "NonKeyAttributes": ["x"]}}],
	"BillingMode": "PAY_PER_REQUEST"}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST",
	"GlobalSecondaryIndexes": [
		{"IndexName": "abc", "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}},
		{"IndexName": "abd", "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"},
		 "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}]}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
	"GlobalSecondaryIndexes": [
		{"IndexName": "abc", "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}]}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
	"GlobalSecondaryIndexes": [
		{"IndexName": "abc", "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"},
		 "ProvisionedThroughput": {"ReadCapacityUnits": 1000000000001, "WriteCapacityUnits": 1}}]}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}, {"KeyType": "RANGE", "AttributeName": "b"}],
	"BillingMode": "PAY_PER_REQUEST",
	"LocalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}],
	"GlobalSecondaryIndexes": [{"IndexName": "abc", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}]}$$);
SELECT ddb_execute('CreateTable', jsonb_build_object('TableName', 'abc',
	'AttributeDefinitions', '[{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}]'::jsonb,
	'KeySchema', '[{"KeyType": "HASH", "AttributeName": "a"}]'::jsonb,
	'BillingMode', 'PAY_PER_REQUEST',
	'GlobalSecondaryIndexes', (SELECT jsonb_agg(jsonb_build_object('IndexName', 'gsi' || i,
		'KeySchema', '[{"AttributeName": "b", "KeyType": "HASH"}]'::jsonb,
		'Projection', '{"ProjectionType": "ALL"}'::jsonb)) FROM generate_series(1, 21) i)));
-- at most 100 projected non-key attributes over all indexes (ALL does not count)
SELECT ddb_execute('CreateTable', jsonb_build_object('TableName', 'abc',
	'AttributeDefinitions', '[{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}]'::jsonb,
	'KeySchema', '[{"KeyType": "HASH", "AttributeName": "a"}]'::jsonb,
	'BillingMode', 'PAY_PER_REQUEST',
	'GlobalSecondaryIndexes', (SELECT jsonb_agg(jsonb_build_object('IndexName', 'gsi' || i,
		'KeySchema', '[{"AttributeName": "b", "KeyType": "HASH"}]'::jsonb,
		'Projection', jsonb_build_object('ProjectionType', 'INCLUDE',
			'NonKeyAttributes', (SELECT jsonb_agg('n' || j) FROM generate_series(1, 20) j))))
		FROM generate_series(1, 6) i)));
SELECT ddb_execute('CreateTable', jsonb_build_object('TableName', 'Projected100',
	'AttributeDefinitions', '[{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}]'::jsonb,
	'KeySchema', '[{"KeyType": "HASH", "AttributeName": "a"}]'::jsonb,
	'BillingMode', 'PAY_PER_REQUEST',
	'GlobalSecondaryIndexes', (SELECT jsonb_agg(jsonb_build_object('IndexName', 'gsi' || i,
		'KeySchema', '[{"AttributeName": "b", "KeyType": "HASH"}]'::jsonb,
		'Projection', CASE WHEN i = 6 THEN '{"ProjectionType": "ALL"}'::jsonb
			ELSE jsonb_build_object('ProjectionType', 'INCLUDE',
				'NonKeyAttributes', (SELECT jsonb_agg('n' || j) FROM generate_series(1, 20) j)) END))
		FROM generate_series(1, 6) i))) -> 'TableDescription' ->> 'TableStatus' AS status;
-- streams
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST",
	"StreamSpecification": {"StreamEnabled": true}}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST",
	"StreamSpecification": {"StreamEnabled": false, "StreamViewType": "KEYS_ONLY"}}$$);
-- encryption
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST",
	"SSESpecification": {"Enabled": false, "SSEType": "KMS"}}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST",
	"SSESpecification": {"KMSMasterKeyId": "k1"}}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST",
	"SSESpecification": {"Enabled": true, "SSEType": "AES256"}}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST",
	"SSESpecification": {"Enabled": true, "KMSMasterKeyId": "k1"}}$$);
-- table class
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST",
	"TableClass": "GLACIER"}$$);
-- tags
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST",
	"Tags": [{"Key": "a#b", "Value": "v"}]}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST",
	"Tags": [{"Key": "k", "Value": "v!"}]}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST",
	"Tags": [{"Key": "aws:owner", "Value": "v"}]}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST",
	"Tags": [{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]}$$);
SELECT ddb_execute('CreateTable', jsonb_build_object('TableName', 'abc',
	'AttributeDefinitions', '[{"AttributeName": "a", "AttributeType": "S"}]'::jsonb,
	'KeySchema', '[{"KeyType": "HASH", "AttributeName": "a"}]'::jsonb,
	'BillingMode', 'PAY_PER_REQUEST',
	'Tags', (SELECT jsonb_agg(jsonb_build_object('Key', 'k' || i, 'Value', 'v')) FROM generate_series(1, 51) i)));
SELECT ddb_execute('CreateTable', jsonb_build_object('TableName', 'Tagged50',
	'AttributeDefinitions', '[{"AttributeName": "a", "AttributeType": "S"}]'::jsonb,
	'KeySchema', '[{"KeyType": "HASH", "AttributeName": "a"}]'::jsonb,
	'BillingMode', 'PAY_PER_REQUEST',
	'Tags', (SELECT jsonb_agg(jsonb_build_object('Key', 'k ' || i || ' +-=._:/@é', 'Value', 'v')) FROM generate_series(1, 50) i)))
	-> 'TableDescription' ->> 'TableStatus' AS status;
-- on-demand maximums
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
	"OnDemandThroughput": {"MaxWriteRequestUnits": 5}}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST",
	"OnDemandThroughput": {"MaxReadRequestUnits": 0}}$$);
SELECT ddb_execute('CreateTable', $${"TableName": "abc",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST",
	"GlobalSecondaryIndexes": [{"IndexName": "idx", "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "ALL"}, "OnDemandThroughput": {"MaxWriteRequestUnits": -2}}]}$$);

-- The per-operation function raises the same errors as PostgreSQL errors.
SELECT ddb_create_table('{"TableName": "x"}');
SELECT ddb_create_table('{"TableName": 1}');
SELECT ddb_create_table('{"TableName": "abc", "AttributeDefinitions": []}');
DO $$
BEGIN
	PERFORM ddb_create_table('{"TableName": "abc", "AttributeDefinitions": [], "KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}]}');
EXCEPTION WHEN SQLSTATE 'YD001' THEN
	RAISE NOTICE 'ValidationException: %', SQLERRM;
END
$$;

-- None of the failed requests left a relation or a catalog row behind:
-- there is one relation per table and per index that was created.
SELECT pg_temp.data_relations() AS data_relations,
	(SELECT count(*) FROM ddb_catalog.tables) AS tables,
	(SELECT count(*) FROM ddb_catalog.indexes) AS indexes,
	(SELECT string_agg(table_name, ', ' ORDER BY table_name) FROM ddb_catalog.tables
	 WHERE length(table_name) < 20) AS short_names;

-- A CreateTable rolled back with its transaction leaves nothing either.
BEGIN;
SELECT ddb_create_table($${"TableName": "RolledBack",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST"}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
ROLLBACK;
SELECT ddb_execute('DescribeTable', '{"TableName": "RolledBack"}') ->> 'message' AS message;
SELECT pg_temp.data_relations() AS data_relations;

--
-- DROP EXTENSION (without CASCADE) drops every table's relations; the
-- extension can be created again, and dropped again with tables.
--
DROP EXTENSION ddbtable;
SELECT count(*) AS leftover_relations FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ('ddb_data', 'ddb_catalog');
SELECT count(*) AS leftover_schemas FROM pg_namespace WHERE nspname IN ('ddb_data', 'ddb_catalog');
CREATE EXTENSION ddbtable;
SELECT ddb_execute('ListTables') AS empty;
SELECT ddb_create_table($${"TableName": "Again",
	"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
	"KeySchema": [{"KeyType": "HASH", "AttributeName": "a"}], "BillingMode": "PAY_PER_REQUEST"}$$)
	-> 'TableDescription' ->> 'TableName' AS created;
DROP EXTENSION ddbtable;
SELECT count(*) AS leftover_relations FROM pg_class WHERE relname LIKE 't\_%' AND relkind = 'r';
