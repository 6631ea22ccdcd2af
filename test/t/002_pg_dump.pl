# pg_dump and pg_restore of a database with DynamoDB tables: the catalog
# rows (marked with pg_extension_config_dump), the item and index
# relations, their owner and grants all come back; DescribeTable and the
# items are identical afterwards; and a plain DROP EXTENSION (without
# CASCADE) still drops every table in the restored database, because the
# event trigger ties the relations pg_restore recreates to the extension.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('dump');
$node->init;
$node->start;

$node->safe_psql('postgres', q{
	CREATE DATABASE src;
	CREATE ROLE regress_dump_owner;
	CREATE ROLE regress_dump_reader;
});
$node->safe_psql('src', q{
	CREATE EXTENSION ddbtable;
	GRANT CREATE ON SCHEMA ddb_data TO regress_dump_owner;
});

# Tables created by an ordinary role: one with a GSI and an LSI, one with a
# number key, one with a binary key and a stream and tags.
$node->safe_psql('src', q{
	SET ROLE regress_dump_owner;
	SELECT ddb_create_table($${
		"TableName": "Music",
		"AttributeDefinitions": [{"AttributeName": "Artist", "AttributeType": "S"},
		                         {"AttributeName": "Song", "AttributeType": "S"},
		                         {"AttributeName": "Year", "AttributeType": "N"},
		                         {"AttributeName": "Genre", "AttributeType": "S"}],
		"KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
		              {"AttributeName": "Song", "KeyType": "RANGE"}],
		"ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 3},
		"LocalSecondaryIndexes": [{"IndexName": "ByYear",
			"KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
			              {"AttributeName": "Year", "KeyType": "RANGE"}],
			"Projection": {"ProjectionType": "KEYS_ONLY"}}],
		"GlobalSecondaryIndexes": [{"IndexName": "ByGenre",
			"KeySchema": [{"AttributeName": "Genre", "KeyType": "HASH"}],
			"Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["Album"]},
			"ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 1}}]}$$);
	SELECT ddb_create_table($${
		"TableName": "Counters",
		"AttributeDefinitions": [{"AttributeName": "Id", "AttributeType": "N"}],
		"KeySchema": [{"AttributeName": "Id", "KeyType": "HASH"}],
		"BillingMode": "PAY_PER_REQUEST",
		"DeletionProtectionEnabled": true}$$);
	SELECT ddb_create_table($${
		"TableName": "Blobs",
		"AttributeDefinitions": [{"AttributeName": "Hash", "AttributeType": "B"}],
		"KeySchema": [{"AttributeName": "Hash", "KeyType": "HASH"}],
		"BillingMode": "PAY_PER_REQUEST",
		"StreamSpecification": {"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"},
		"Tags": [{"Key": "env", "Value": "test"}]}$$);
});

# Items, written straight into the relations as a superuser (PutItem comes
# later): into the item relations and the index relations.
$node->safe_psql('src', q{
	CREATE FUNCTION pg_temp.put(rel text, rows text) RETURNS void
	LANGUAGE plpgsql AS $$ BEGIN EXECUTE format('INSERT INTO ddb_data.%I VALUES %s', rel, rows); END $$;
	SELECT pg_temp.put(relname, $$
		('Abba', 'Waterloo', '{"Artist": {"S": "Abba"}, "Song": {"S": "Waterloo"}, "Year": {"N": "1974"}, "Genre": {"S": "Pop"}, "Album": {"S": "Waterloo"}}', 54),
		('Abba', 'SOS', '{"Artist": {"S": "Abba"}, "Song": {"S": "SOS"}, "Year": {"N": "1975"}}', 25),
		('Queen', 'Bohemian Rhapsody', '{"Artist": {"S": "Queen"}, "Song": {"S": "Bohemian Rhapsody"}, "Genre": {"S": "Rock"}}', 48)$$)
	FROM ddb_catalog.tables WHERE table_name = 'Music';
	SELECT pg_temp.put(i.relname, $$
		('Abba', 1974, 'Abba', 'Waterloo', '{"Artist": {"S": "Abba"}, "Song": {"S": "Waterloo"}, "Year": {"N": "1974"}}', 29),
		('Abba', 1975, 'Abba', 'SOS', '{"Artist": {"S": "Abba"}, "Song": {"S": "SOS"}, "Year": {"N": "1975"}}', 24)$$)
	FROM ddb_catalog.indexes i WHERE i.index_name = 'ByYear';
	SELECT pg_temp.put(i.relname, $$
		('Pop', 'Abba', 'Waterloo', '{"Artist": {"S": "Abba"}, "Song": {"S": "Waterloo"}, "Genre": {"S": "Pop"}, "Album": {"S": "Waterloo"}}', 44),
		('Rock', 'Queen', 'Bohemian Rhapsody', '{"Artist": {"S": "Queen"}, "Song": {"S": "Bohemian Rhapsody"}, "Genre": {"S": "Rock"}}', 48)$$)
	FROM ddb_catalog.indexes i WHERE i.index_name = 'ByGenre';
	SELECT pg_temp.put(relname, $$
		(1, '{"Id": {"N": "1"}, "Hits": {"N": "10"}}', 8),
		(2.5, '{"Id": {"N": "2.5"}}', 4)$$)
	FROM ddb_catalog.tables WHERE table_name = 'Counters';
	SELECT pg_temp.put(relname, $$
		('\x0102', '{"Hash": {"B": "AQI="}}', 6)$$)
	FROM ddb_catalog.tables WHERE table_name = 'Blobs';
});
$node->safe_psql('src', q{
	SET ROLE regress_dump_owner;
	DO $$ BEGIN
		EXECUTE format('GRANT SELECT ON %s TO regress_dump_reader', ddb_table_relation('Music'));
	END $$;
});

# What must survive: every description, every item, every index entry.
my $snapshot_sql = q{
	SELECT string_agg(format('%s: %s', t, ddb_describe_table(t)), E'\n' ORDER BY t)
	FROM ddb_list_tables() t
	UNION ALL
	SELECT string_agg(i::text, E'\n' ORDER BY t, i::text)
	FROM ddb_list_tables() t, ddb_items(t) i
	UNION ALL
	SELECT string_agg(format('%s.%s %s', t.table_name, i.index_name, x), E'\n'
		ORDER BY t.table_name, i.index_name)
	FROM ddb_catalog.indexes i JOIN ddb_catalog.tables t USING (table_id),
	LATERAL (SELECT string_agg(e::text, ' ' ORDER BY e::text) AS x
			 FROM jsonb_array_elements(
				(SELECT jsonb_agg(r.item) FROM pg_temp.rows(i.relname) r)) e) s;
};
my $rows_function = q{
	CREATE FUNCTION pg_temp.rows(rel text) RETURNS TABLE (item jsonb)
	LANGUAGE plpgsql AS $$ BEGIN RETURN QUERY EXECUTE format('SELECT item FROM ddb_data.%I', rel); END $$;
};
my $before = $node->safe_psql('src', $rows_function . $snapshot_sql);
like($before, qr/"TableName": "Music"/, 'the source describes its tables');
like($before, qr/"ItemCount": 3/, 'the source counts the items it holds');

my $reader_before = $node->safe_psql('src', q{
	SET ROLE regress_dump_reader;
	SELECT ddb_execute('ListTables');
});
is($reader_before, '{"TableNames": ["Music"]}', 'the reader sees the table granted to it');

# Dump and restore into a new database.
my $dump = $node->basedir . '/tables.dump';
$node->command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', $node->connstr('src') ],
	'pg_dump of a database with DynamoDB tables');
$node->safe_psql('postgres', 'CREATE DATABASE restored');
$node->command_ok([ 'pg_restore', '--exit-on-error', '-d', $node->connstr('restored'), $dump ],
	'pg_restore of that dump');

my $after = $node->safe_psql('restored', $rows_function . $snapshot_sql);
is($after, $before, 'descriptions, items and index entries are identical after the restore');

is($node->safe_psql('restored', q{
	SELECT string_agg(format('%s %s', c.relname LIKE '%\_i%', pg_get_userbyid(c.relowner)), ', '
		ORDER BY c.relname LIKE '%\_i%', pg_get_userbyid(c.relowner))
	FROM pg_class c WHERE c.relnamespace = 'ddb_data'::regnamespace AND c.relkind = 'r'
}), 'f regress_dump_owner, f regress_dump_owner, f regress_dump_owner, t regress_dump_owner, t regress_dump_owner',
	'the relations keep their owner');

my $reader_after = $node->safe_psql('restored', q{
	SET ROLE regress_dump_reader;
	SELECT ddb_execute('ListTables');
});
is($reader_after, $reader_before, 'grants on the tables are restored');

is($node->safe_psql('restored', q{
	SELECT count(*) FILTER (WHERE EXISTS (
		SELECT FROM pg_depend d
		WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
		  AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'a'
		  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ddbtable')))
		|| '/' || count(*)
	FROM pg_class c WHERE c.relnamespace = 'ddb_data'::regnamespace AND c.relkind = 'r'
}), '5/5', 'every restored relation depends on the extension again');

# The restored database works: the owner may delete, the protection holds,
# and new tables can be created.
is($node->safe_psql('restored', q{
	SELECT ddb_execute('DeleteTable', '{"TableName": "Counters"}') ->> 'message'
}), 'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
	'deletion protection is restored');
is($node->safe_psql('restored', q{
	SET ROLE regress_dump_owner;
	SELECT ddb_delete_table('Blobs') -> 'TableDescription' ->> 'TableStatus';
}), 'DELETING', 'the owner deletes a restored table');
is($node->safe_psql('restored', q{
	SELECT ddb_create_table('{"TableName": "Fresh",
		"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
		"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
		"BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' ->> 'TableStatus';
	SELECT string_agg(t, ',') FROM ddb_list_tables() t;
}), "CREATING\nCounters,Fresh,Music", 'tables can be created in the restored database');

# A plain DROP EXTENSION drops everything, in both databases.
$node->safe_psql('restored', 'DROP EXTENSION ddbtable');
is($node->safe_psql('restored', q{
	SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname IN ('ddb_data', 'ddb_catalog')
}), '0', 'DROP EXTENSION without CASCADE drops the restored tables');
is($node->safe_psql('restored',
	"SELECT count(*) FROM pg_namespace WHERE nspname IN ('ddb_data', 'ddb_catalog')"),
	'0', 'and the schemas');
$node->safe_psql('src', 'DROP EXTENSION ddbtable');
is($node->safe_psql('src',
	"SELECT count(*) FROM pg_class WHERE relname LIKE 't\\_%' AND relkind = 'r'"),
	'0', 'DROP EXTENSION without CASCADE drops the original tables');

$node->safe_psql('postgres', 'DROP ROLE regress_dump_owner, regress_dump_reader');
$node->stop;
done_testing();
