# Backup and restore round trip on a real cluster.  Tables holding every
# attribute type -- binary, the three kinds of set, maps and lists nested
# in each other, 38-digit numbers, empty strings and binaries outside
# keys, BOOL and NULL, 400 KB items -- and keys of every type are backed
# up and restored; every item comes back identical (column by column,
# item_size included), every index relation answers the same key queries
# as the source's, read through its rebuilt B-trees, and amcheck finds
# every restored B-tree sound and holding every heap tuple.  Also: the
# table is ACTIVE with its LSIs before its GSIs (which go CREATING ->
# ACTIVE), and the restore of a table with an LSI and a GSI is complete.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('restore_roundtrip');
$node->init;
$node->append_conf('postgresql.conf', "max_worker_processes = 16\n");
$node->start;

$node->safe_psql('postgres', q{
	CREATE EXTENSION ddbtable;
	CREATE EXTENSION amcheck;
	-- a source table: S hash key, N sort key, an LSI on a B attribute,
	-- GSIs added later (so that UpdateTable's backfill fills them)
	SELECT ddb_create_table($${"TableName": "Every",
		"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
		                         {"AttributeName": "sk", "AttributeType": "N"},
		                         {"AttributeName": "blob", "AttributeType": "B"}],
		"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
		"BillingMode": "PAY_PER_REQUEST",
		"LocalSecondaryIndexes": [{"IndexName": "ByBlob",
			"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "blob", "KeyType": "RANGE"}],
			"Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["tags", "nested"]}}]}$$);
	-- B hash key, no sort key
	SELECT ddb_create_table($${"TableName": "Blobs",
		"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "B"}],
		"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}$$);
	-- N hash key, B sort key
	SELECT ddb_create_table($${"TableName": "Nums",
		"AttributeDefinitions": [{"AttributeName": "n", "AttributeType": "N"}, {"AttributeName": "b", "AttributeType": "B"}],
		"KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}],
		"ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 2}}$$);
});

my $every = $node->safe_psql('postgres', q{SELECT ddb_table_relation('Every')});
my $blobs = $node->safe_psql('postgres', q{SELECT ddb_table_relation('Blobs')});
my $nums = $node->safe_psql('postgres', q{SELECT ddb_table_relation('Nums')});

# Numbers as DynamoDB allows them: 38 significant digits, tiny and huge
# magnitudes, negatives, fractions, exponents.
my @numbers = ('12345678901234567890123456789012345678', '-12345678901234567890123456789012345678',
	'0.00000000000000000000000000000000000001', '-1E-130', '9.9999999999999999999999999999999999999E+125',
	'1E-130', '0', '-0.5', '3.14159265358979323846264338327950288', '42', '1e3', '100');
my $numbers_sql = join(', ', map { "'$_'" } @numbers);

# Items of every attribute type.  item_size is whatever the writer
# recorded; the restore must carry it over unchanged.
$node->safe_psql('postgres', qq{
	WITH nums(i, num) AS (SELECT row_number() OVER (), n FROM unnest(ARRAY[$numbers_sql]) AS n),
	items AS (
		SELECT 'p' || (i % 37) AS pk, i AS sk,
			jsonb_build_object(
				'pk', jsonb_build_object('S', 'p' || (i % 37)),
				'sk', jsonb_build_object('N', i::text),
				'str', jsonb_build_object('S', 'Grüße, 世界 ' || md5(i::text)),
				'empty', jsonb_build_object('S', ''),
				'emptybin', jsonb_build_object('B', ''),
				'num', jsonb_build_object('N', (SELECT num FROM nums WHERE nums.i = 1 + g.i % 12)),
				'bin', jsonb_build_object('B', encode(sha256(i::text::bytea), 'base64')),
				'ss', jsonb_build_object('SS', jsonb_build_array('a' || i, 'b', '')),
				'ns', jsonb_build_object('NS', jsonb_build_array('1', '-2.5', (SELECT num FROM nums WHERE nums.i = 1 + (g.i + 5) % 12))),
				'bs', jsonb_build_object('BS', jsonb_build_array('AAEC', encode(int4send(i), 'base64'))),
				'bool', jsonb_build_object('BOOL', i % 2 = 0),
				'null', jsonb_build_object('NULL', true),
				'tags', jsonb_build_object('L', jsonb_build_array(jsonb_build_object('S', 't' || i % 5),
					jsonb_build_object('N', i::text), jsonb_build_object('L', '[]'::jsonb))),
				'nested', jsonb_build_object('M', jsonb_build_object(
					'level1', jsonb_build_object('M', jsonb_build_object(
						'list', jsonb_build_object('L', jsonb_build_array(
							jsonb_build_object('M', jsonb_build_object('deep', jsonb_build_object('S', 'x' || i))),
							jsonb_build_object('NULL', true), jsonb_build_object('BOOL', false))),
						'emptymap', jsonb_build_object('M', '{}'::jsonb))),
					'n', jsonb_build_object('N', '-0.000001'))))
			|| CASE WHEN i % 4 <> 0 THEN jsonb_build_object('blob',
				jsonb_build_object('B', encode(substr(sha256(i::text::bytea), 1, 1 + i % 20), 'base64')))
				ELSE '{}' END
			|| CASE WHEN i % 3 = 0 THEN jsonb_build_object('score',
				jsonb_build_object('N', (SELECT num FROM nums WHERE nums.i = 1 + g.i % 12)))
				ELSE '{}' END
			|| CASE WHEN i % 5 <> 0 THEN jsonb_build_object('kind', jsonb_build_object('S', 'k' || i % 7))
				ELSE '{}' END AS item
		FROM generate_series(1, 3000) AS g(i))
	INSERT INTO $every SELECT pk, sk, item, length(item::text) FROM items;

	-- three items of 400 KB (and a kind key, so that GSIs carry them)
	INSERT INTO $every
	SELECT 'big', i, jsonb_build_object('pk', jsonb_build_object('S', 'big'), 'sk', jsonb_build_object('N', i::text),
		'kind', jsonb_build_object('S', 'huge'),
		'payload', jsonb_build_object('S', (SELECT string_agg(md5((i * 100000 + j)::text), '') FROM generate_series(1, 12700) AS j))),
		409000
	FROM generate_series(1, 3) AS i;

	INSERT INTO $blobs
	SELECT sha256(i::text::bytea), jsonb_build_object('id', jsonb_build_object('B', encode(sha256(i::text::bytea), 'base64')),
		'n', jsonb_build_object('N', (i % 10)::text), 'e', jsonb_build_object('S', '')), 70
	FROM generate_series(1, 500) AS i;

	INSERT INTO $nums
	SELECT n::numeric, decode(b, 'base64'), jsonb_build_object('n', jsonb_build_object('N', n), 'b', jsonb_build_object('B', b)), 30
	FROM unnest(ARRAY[$numbers_sql]) AS n, unnest(ARRAY['AA==', 'AAA=', '/w==', 'AQID', 'gICA']) AS b;
});

# GSIs with N, S and B keys, filled by UpdateTable's backfill.
$node->safe_psql('postgres', q{
	SELECT ddb_update_table('Every', $${"AttributeDefinitions": [{"AttributeName": "score", "AttributeType": "N"},
		{"AttributeName": "kind", "AttributeType": "S"}],
		"GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "ByScore",
			"KeySchema": [{"AttributeName": "score", "KeyType": "HASH"}, {"AttributeName": "kind", "KeyType": "RANGE"}],
			"Projection": {"ProjectionType": "ALL"}}}]}$$);
	SELECT ddb_update_table('Every', $${"AttributeDefinitions": [{"AttributeName": "kind", "AttributeType": "S"}],
		"GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "ByKind",
			"KeySchema": [{"AttributeName": "kind", "KeyType": "HASH"}],
			"Projection": {"ProjectionType": "KEYS_ONLY"}}}]}$$);
	SELECT ddb_update_table('Blobs', $${"AttributeDefinitions": [{"AttributeName": "n", "AttributeType": "N"},
		{"AttributeName": "id", "AttributeType": "B"}],
		"GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "ByN",
			"KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}, {"AttributeName": "id", "KeyType": "RANGE"}],
			"Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["e"]}}}]}$$);
	SELECT ddb_update_table('Nums', $${"AttributeDefinitions": [{"AttributeName": "b", "AttributeType": "B"}],
		"GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "ByB",
			"KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}],
			"Projection": {"ProjectionType": "ALL"},
			"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}}]}$$);
});

# The source's LSI entries, as the item path writes them: the keys, and
# the projected attributes that the item has.
$node->safe_psql('postgres', qq{
	INSERT INTO ${every}_i1
	SELECT hash_key, decode(item -> 'blob' ->> 'B', 'base64'), hash_key, range_key,
		(SELECT jsonb_object_agg(key, value) FROM jsonb_each(item)
		 WHERE key IN ('pk', 'sk', 'blob', 'tags', 'nested')), 0
	FROM $every WHERE item ? 'blob';
});

# Back the tables up, then change them: the restores must not see that.
my %arn;
for my $t ('Every', 'Blobs', 'Nums')
{
	$arn{$t} = $node->safe_psql('postgres', "SELECT ddb_create_backup('$t', 'roundtrip') ->> 'BackupArn'");
	$node->safe_psql('postgres', "SELECT ddb_wait_for_backup('$arn{$t}')");
}

# Digests of relations, before the sources change.
sub rows_digest
{
	my ($rel, $columns, $order) = @_;
	return $node->safe_psql('postgres',
		"SELECT count(*) || ':' || md5(coalesce(string_agg(r::text, E'\\n' ORDER BY $order), '')) "
		  . "FROM (SELECT $columns FROM $rel) AS r");
}
my %source_items = (
	Every => rows_digest($every, 'hash_key, range_key, item, item_size', 'hash_key, range_key'),
	Blobs => rows_digest($blobs, 'hash_key, item, item_size', 'hash_key'),
	Nums => rows_digest($nums, 'hash_key, range_key, item, item_size', 'hash_key, range_key'));

# Index relations, by table and index name.
sub index_relations
{
	my ($table) = @_;
	my %rels = map { split /\|/ } split /\n/, $node->safe_psql('postgres', qq{
		SELECT i.index_name, i.relname FROM ddb_catalog.indexes i
		JOIN ddb_catalog.tables t USING (table_id) WHERE t.table_name = '$table'});
	return \%rels;
}

# The answers of key queries on an index relation, read through its key
# B-tree: for each partition key value, all its entries and (with a sort
# key) those past the smallest sort key, each in index order; the answers
# are chained into one digest.  item_size is left out: the source's LSI
# entries were written by this test.
$node->safe_psql('postgres', q{
	CREATE FUNCTION index_answers(rel text, has_range boolean, table_range boolean) RETURNS text
	LANGUAGE plpgsql AS $$
	DECLARE
		keys text := 'index_hash' || CASE WHEN has_range THEN ', index_range' ELSE '' END ||
			', hash_key' || CASE WHEN table_range THEN ', range_key' ELSE '' END;
		h record;
		r record;
		digest text := '';
		n bigint := 0;
	BEGIN
		PERFORM set_config('enable_seqscan', 'off', true);
		PERFORM set_config('enable_bitmapscan', 'off', true);
		FOR h IN EXECUTE format('SELECT DISTINCT index_hash AS v FROM ddb_data.%I ORDER BY 1', rel) LOOP
			FOR r IN EXECUTE format('SELECT %s, item FROM ddb_data.%I WHERE index_hash = $1 ORDER BY %s',
				keys, rel, keys) USING h.v LOOP
				digest := md5(digest || r::text);
				n := n + 1;
			END LOOP;
			IF has_range THEN
				FOR r IN EXECUTE format('SELECT %s, item FROM ddb_data.%I WHERE index_hash = $1 AND index_range > '
					'(SELECT index_range FROM ddb_data.%I WHERE index_hash = $1 ORDER BY index_range LIMIT 1) ORDER BY %s',
					keys, rel, rel, keys) USING h.v LOOP
					digest := md5(digest || r::text);
					n := n + 1;
				END LOOP;
			END IF;
		END LOOP;
		RETURN n || ':' || digest;
	END
	$$;
});
sub index_answers
{
	my ($rel, $has_range, $table_range) = @_;
	my $r = $has_range ? 'true' : 'false';
	my $t = $table_range ? 'true' : 'false';
	return $node->safe_psql('postgres', "SELECT index_answers('$rel', $r, $t)");
}

my %index_spec = (
	Every => { ByBlob => 1, ByScore => 1, ByKind => 0 },
	Blobs => { ByN => 1 },
	Nums => { ByB => 0 });
my %table_range = (Every => 1, Blobs => 0, Nums => 1);
my $source_gsi_counts = $node->safe_psql('postgres', q{
	SELECT string_agg(i ->> 'IndexName' || '=' || (i ->> 'ItemCount'), ',' ORDER BY i ->> 'IndexName')
	FROM jsonb_array_elements(ddb_describe_table('Every') -> 'Table' -> 'GlobalSecondaryIndexes') i});
my %source_answers;
for my $t (keys %index_spec)
{
	my $rels = index_relations($t);
	for my $ix (keys %{ $index_spec{$t} })
	{
		$source_answers{"$t.$ix"} = index_answers($rels->{$ix}, $index_spec{$t}{$ix}, $table_range{$t});
		like($source_answers{"$t.$ix"}, qr/^[1-9]\d*:/, "the key queries on $t.$ix find entries");
	}
}

$node->safe_psql('postgres', qq{
	DELETE FROM $every WHERE range_key < 100;
	UPDATE $blobs SET item = item || '{"late": {"BOOL": true}}';
	INSERT INTO $nums VALUES (7, '\\x07', '{"n": {"N": "7"}, "b": {"B": "Bw=="}}', 20);
});

# Restore.  Each restore becomes ACTIVE, then complete.
for my $t ('Every', 'Blobs', 'Nums')
{
	my $status = $node->safe_psql('postgres', "SELECT ddb_restore_table('$arn{$t}', '${t}Copy') ->> 'TableStatus'");
	is($status, 'CREATING', "restoring $t answers CREATING");
}
for my $t ('Every', 'Blobs', 'Nums')
{
	is($node->safe_psql('postgres', "SELECT ddb_wait_for_restore('${t}Copy') -> 'Table' ->> 'TableStatus'"),
		'ACTIVE', "${t}Copy is ACTIVE");
}

my $every_copy = $node->safe_psql('postgres', q{SELECT ddb_table_relation('EveryCopy')});
my $blobs_copy = $node->safe_psql('postgres', q{SELECT ddb_table_relation('BlobsCopy')});
my $nums_copy = $node->safe_psql('postgres', q{SELECT ddb_table_relation('NumsCopy')});
is(rows_digest($every_copy, 'hash_key, range_key, item, item_size', 'hash_key, range_key'), $source_items{Every},
	'every item of Every comes back identical, 400 KB items included');
is(rows_digest($blobs_copy, 'hash_key, item, item_size', 'hash_key'), $source_items{Blobs},
	'every item of Blobs (binary hash key) comes back identical');
is(rows_digest($nums_copy, 'hash_key, range_key, item, item_size', 'hash_key, range_key'), $source_items{Nums},
	'every item of Nums (number hash key, binary sort key) comes back identical');
is($node->safe_psql('postgres', qq{SELECT count(*) FROM $every_copy WHERE length(item::text) > 400000}),
	'3', 'the 400 KB items are there');

for my $t (keys %index_spec)
{
	my $rels = index_relations("${t}Copy");
	for my $ix (sort keys %{ $index_spec{$t} })
	{
		is(index_answers($rels->{$ix}, $index_spec{$t}{$ix}, $table_range{$t}), $source_answers{"$t.$ix"},
			"index $ix of ${t}Copy answers every key query as the source's did");
	}
}

# The GSIs' entries are exactly those the backfill computes (item_size too).
my $src = index_relations('Every');
my $dst = index_relations('EveryCopy');
for my $ix ('ByScore', 'ByKind')
{
	my $cols = 'index_hash, ' . ($ix eq 'ByScore' ? 'index_range, ' : '') . 'hash_key, range_key, item, item_size';
	my $before = $node->safe_psql('postgres', "SELECT md5(string_agg(r::text, ',' ORDER BY r::text)) FROM (SELECT $cols FROM ddb_data.$src->{$ix} WHERE range_key >= 100) r");
	my $after = $node->safe_psql('postgres', "SELECT md5(string_agg(r::text, ',' ORDER BY r::text)) FROM (SELECT $cols FROM ddb_data.$dst->{$ix} WHERE range_key >= 100) r");
	is($after, $before, "GSI $ix entries, item sizes included, equal the backfill's");
}

# Every restored B-tree is sound and indexes every heap tuple.
my $bad = $node->safe_psql('postgres', q{
	SELECT count(*) FROM (
		SELECT bt_index_parent_check(i.indexrelid, true, true)
		FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
		JOIN pg_class h ON h.oid = i.indrelid
		JOIN ddb_catalog.tables t ON h.relname LIKE t.relname || '%'
		WHERE t.table_name LIKE '%Copy' AND h.relnamespace = 'ddb_data'::regnamespace) x});
is($bad, $node->safe_psql('postgres', q{
	SELECT count(*) FROM pg_index i JOIN pg_class h ON h.oid = i.indrelid
	JOIN ddb_catalog.tables t ON h.relname LIKE t.relname || '%'
	WHERE t.table_name LIKE '%Copy' AND h.relnamespace = 'ddb_data'::regnamespace}),
	'amcheck verifies every restored B-tree, with every heap tuple indexed');

# The descriptions agree with the source's as of the backup.
is($node->safe_psql('postgres', q{
	SELECT (ddb_describe_table('EveryCopy') -> 'Table' ->> 'ItemCount') || '/' ||
		(ddb_describe_backup(backup_arn) -> 'BackupDescription' -> 'SourceTableDetails' ->> 'ItemCount')
	FROM ddb_backups WHERE table_name = 'Every'}), '3003/3003', 'ItemCount is that of the backup');
is($node->safe_psql('postgres', q{
	SELECT (ddb_describe_table('EveryCopy') -> 'Table' ->> 'TableSizeBytes') =
		(ddb_describe_backup(backup_arn) -> 'BackupDescription' -> 'SourceTableDetails' ->> 'TableSizeBytes')
	FROM ddb_backups WHERE table_name = 'Every'}), 't', 'TableSizeBytes is that of the backup');
is($node->safe_psql('postgres', q{
	SELECT string_agg(i ->> 'IndexName' || '=' || (i ->> 'ItemCount'), ',' ORDER BY i ->> 'IndexName')
	FROM jsonb_array_elements(ddb_describe_table('EveryCopy') -> 'Table' -> 'GlobalSecondaryIndexes') i}),
	$source_gsi_counts, 'the GSIs hold the entries of the items that have their keys');

#
# The table is ACTIVE with its LSI before its GSIs are: GSIs go CREATING ->
# ACTIVE.  The test-only delay also holds the worker between the two
# phases.
#
$node->safe_psql('postgres', qq{
	SET ddbtable.restore_chunk_delay = '2s';
	SELECT ddb_restore_table('$arn{Nums}', 'Staged');
});
$node->poll_query_until('postgres',
	q{SELECT ddb_describe_table('Staged') -> 'Table' ->> 'TableStatus' = 'ACTIVE'})
  or die 'Staged did not become ACTIVE';
is($node->safe_psql('postgres', q{
	SELECT (t ->> 'TableStatus') || ' ' || (t -> 'RestoreSummary' ->> 'RestoreInProgress') || ' ' ||
		(t ->> 'ItemCount') || ' ' ||
		(SELECT string_agg(i ->> 'IndexStatus', ',') FROM jsonb_array_elements(t -> 'GlobalSecondaryIndexes') i)
	FROM (SELECT ddb_describe_table('Staged') -> 'Table' AS t) d}),
	'ACTIVE false 60 CREATING',
	'the restored table is ACTIVE with all its items, RestoreInProgress false, while its GSI is CREATING');
is($node->safe_psql('postgres', q{
	SELECT status FROM ddb_restores WHERE table_name = 'Staged'}), 'BUILDING_INDEXES',
	'ddb_restores shows the GSIs being built');
is($node->safe_psql('postgres', q{
	SELECT string_agg(i ->> 'IndexStatus', ',')
	FROM jsonb_array_elements(ddb_wait_for_restore('Staged') -> 'Table' -> 'GlobalSecondaryIndexes') i}),
	'ACTIVE', 'then the GSI becomes ACTIVE');

$node->stop;
done_testing();
