# Restores that are interrupted, and backups that are damaged, on a real
# cluster.  The test-only setting ddbtable.restore_chunk_delay slows the
# restore worker down (a pause after each chunk and before the GSIs), so
# that it can be caught mid-load.
#
#  - SIGKILL of the worker mid-load (the postmaster then restarts every
#    backend, as after a crash): the target is never ACTIVE with partial
#    data; after the restart the next look (DescribeTable) resumes the
#    restore, which completes with exactly the backup's items.
#  - Immediate shutdown mid-load, then a restart: the same.
#  - SIGKILL while the GSIs are built (the table ACTIVE): the GSI phase is
#    resumed.
#  - SIGTERM (pg_terminate_backend) of the worker: the next look resumes.
#  - A cancel request (pg_cancel_backend) aborts the restore: the target
#    is removed and the reason recorded.
#  - One flipped byte in a stored chunk: the restore fails with an error
#    naming the backup and the chunk; no table is ever ACTIVE, the target
#    is removed, and DescribeTable, ListTables and ddb_restores tell so.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(usleep);

my $node = PostgreSQL::Test::Cluster->new('restore_crash');
$node->init;
$node->append_conf('postgresql.conf', qq{
max_worker_processes = 16
restart_after_crash = on
});
$node->start;

$node->safe_psql('postgres', q{
	CREATE EXTENSION ddbtable;
	SELECT ddb_create_table($${"TableName": "Source",
		"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
		                         {"AttributeName": "lsi", "AttributeType": "N"}, {"AttributeName": "gsi", "AttributeType": "S"}],
		"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
		"BillingMode": "PAY_PER_REQUEST",
		"LocalSecondaryIndexes": [{"IndexName": "ByLsi",
			"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "lsi", "KeyType": "RANGE"}],
			"Projection": {"ProjectionType": "KEYS_ONLY"}}],
		"GlobalSecondaryIndexes": [{"IndexName": "ByGsi",
			"KeySchema": [{"AttributeName": "gsi", "KeyType": "HASH"}],
			"Projection": {"ProjectionType": "ALL"}}]}$$);
});
my $rel = $node->safe_psql('postgres', q{SELECT ddb_table_relation('Source')});
$node->safe_psql('postgres', qq{
	INSERT INTO $rel
	SELECT 'p' || (i % 20), i, jsonb_build_object('pk', jsonb_build_object('S', 'p' || (i % 20)),
		'sk', jsonb_build_object('N', i::text), 'lsi', jsonb_build_object('N', (i % 7)::text),
		'gsi', jsonb_build_object('S', 'g' || (i % 11)),
		'pad', jsonb_build_object('S', (SELECT string_agg(md5((i * 100 + j)::text), '') FROM generate_series(1, 30) j))), 1000
	FROM generate_series(1, 400) AS i;
});

# A backup in small chunks, so that a restore has several to load.
my $arn = $node->safe_psql('postgres', q{
	SET ddbtable.backup_chunk_size = '64kB';
	SELECT ddb_create_backup('Source', 'crashy') ->> 'BackupArn'});
$node->safe_psql('postgres', "SELECT ddb_wait_for_backup('$arn')");
my $chunks = $node->safe_psql('postgres', "SELECT chunk_count FROM ddb_backups WHERE backup_arn = '$arn'");
cmp_ok($chunks, '>=', 5, "the backup has several chunks ($chunks)");
my $items_digest = $node->safe_psql('postgres',
	"SELECT count(*) || ':' || md5(string_agg(i::text, ',' ORDER BY i::text)) FROM ddb_backup_items('$arn') i");

# The same in one chunk.
my $arn_one = $node->safe_psql('postgres', q{SELECT ddb_create_backup('Source', 'whole') ->> 'BackupArn'});
$node->safe_psql('postgres', "SELECT ddb_wait_for_backup('$arn_one')");

# Start a slowed-down restore (of the backup in several chunks, or of
# another one).
sub start_restore
{
	my ($target, $delay, $backup) = @_;
	$backup //= $arn;
	$node->safe_psql('postgres', qq{
		SET ddbtable.restore_chunk_delay = '$delay';
		SELECT ddb_restore_table('$backup', '$target');
	});
}

# The restore worker's pid once it has loaded at least $n chunks.
sub worker_mid_load
{
	my ($n) = @_;
	my $pattern = "chunk ($n|" . join('|', ($n + 1) .. $chunks) . ") of";
	$node->poll_query_until('postgres', qq{
		SELECT count(*) = 1 FROM pg_stat_activity
		WHERE backend_type = 'ddbtable restore' AND query ~ '$pattern'})
	  or die "the restore worker did not reach chunk $n";
	return $node->safe_psql('postgres',
		q{SELECT pid FROM pg_stat_activity WHERE backend_type = 'ddbtable restore'});
}

# What DescribeTable says: status, RestoreInProgress, ItemCount.
sub described
{
	my ($target) = @_;
	return $node->safe_psql('postgres', qq{
		SELECT coalesce(t -> 'Table' ->> 'TableStatus', t ->> '__type') || ' ' ||
			coalesce(t -> 'Table' -> 'RestoreSummary' ->> 'RestoreInProgress', '-') || ' ' ||
			coalesce(t -> 'Table' ->> 'ItemCount', '-')
		FROM (SELECT ddb_execute('DescribeTable', '{"TableName": "$target"}') AS t) d});
}

# The items of a restored table, and what the restore row says.
sub check_complete
{
	my ($target, $what) = @_;
	is($node->safe_psql('postgres', "SELECT ddb_wait_for_restore('$target') -> 'Table' ->> 'TableStatus'"),
		'ACTIVE', "$what: the restore completes");
	is($node->safe_psql('postgres',
		"SELECT count(*) || ':' || md5(string_agg(i::text, ',' ORDER BY i::text)) FROM ddb_items('$target') i"),
		$items_digest, "$what: the table holds exactly the backup's items");
	is($node->safe_psql('postgres', qq{
		SELECT string_agg(i ->> 'IndexName' || '=' || (i ->> 'ItemCount'), ',' ORDER BY i ->> 'IndexName')
		FROM (SELECT jsonb_array_elements(t -> 'LocalSecondaryIndexes') i FROM (SELECT ddb_describe_table('$target') -> 'Table' t) d
			UNION ALL SELECT jsonb_array_elements(t -> 'GlobalSecondaryIndexes') FROM (SELECT ddb_describe_table('$target') -> 'Table' t) d) x}),
		'ByGsi=400,ByLsi=400', "$what: both indexes are complete");
}

# No transient heap of an interrupted attempt is left in ddb_data.
sub no_leftovers
{
	my ($what) = @_;
	is($node->safe_psql('postgres', q{
		SELECT count(*) FROM pg_class WHERE relnamespace = 'ddb_data'::regnamespace
		AND relname !~ '^t_[0-9a-f]{32}(_i[0-9]+)?(_pkey|_key)?$'}),
		'0', "$what: no transient relation is left");
}

#
# 1. SIGKILL of the worker mid-load.
#
start_restore('Killed', '1s');
my $pid = worker_mid_load(2);
is(described('Killed'), 'CREATING true 0', 'mid-load the table is CREATING, RestoreInProgress, and empty');
my $item_rel = $node->safe_psql('postgres', q{SELECT ddb_table_relation('Killed')});
is($node->safe_psql('postgres', qq{
	SELECT command || ' ' || (relid = '$item_rel'::regclass) || ' ' || (tuples_processed > 0) || ' ' ||
		(bytes_processed < bytes_total)
	FROM pg_stat_progress_copy WHERE pid = $pid}),
	'COPY FROM true true true', 'pg_stat_progress_copy shows the load into the item relation');
is($node->safe_psql('postgres', "SELECT count(*) FROM $item_rel"), '0',
	'mid-load not even plain SQL sees a loaded item');
kill 'KILL', $pid;
$node->poll_query_until('postgres', 'SELECT true') or die 'the server did not come back';
ok($node->log_contains('terminated by signal 9'), 'the worker was killed and the server restarted');
is($node->safe_psql('postgres', qq{
	SELECT table_status || ' ' || (restore_summary ->> 'RestoreInProgress') || ' ' || (SELECT count(*) FROM $item_rel)
	FROM ddb_catalog.tables WHERE table_name = 'Killed'}),
	'CREATING true 0', 'after the restart, before anything looks, the table is CREATING and empty');
like(described('Killed'), qr/^(CREATING true 0|ACTIVE false 400)$/,
	'DescribeTable (the look that resumes it) never shows partial data');
check_complete('Killed', 'after SIGKILL');
is($node->safe_psql('postgres', q{SELECT attempts || ' ' || status FROM ddb_restores WHERE table_name = 'Killed'}),
	'2 COMPLETED', 'the restore was resumed once, by the next look');
ok($node->log_contains('resuming the restore of table "Killed"'), 'the resumption is logged');
no_leftovers('after SIGKILL');

#
# 2. Immediate shutdown mid-load, then a restart.
#
start_restore('Shutdown', '1s');
worker_mid_load(2);
$node->stop('immediate');
$node->start;
is($node->safe_psql('postgres', q{
	SELECT table_status || ' ' || (restore_summary ->> 'RestoreInProgress')
	FROM ddb_catalog.tables WHERE table_name = 'Shutdown'}),
	'CREATING true', 'after the restart, before anything looks, the table is CREATING');
is($node->safe_psql('postgres', q{SELECT ddb_execute('ListTables') -> 'TableNames' ? 'Shutdown'}), 't',
	'after the restart ListTables lists the table being restored');
like(described('Shutdown'), qr/^(CREATING true 0|ACTIVE false 400)$/,
	'and DescribeTable shows it CREATING and empty, or ACTIVE and complete, never partial');
check_complete('Shutdown', 'after an immediate shutdown');
is($node->safe_psql('postgres', q{SELECT attempts FROM ddb_restores WHERE table_name = 'Shutdown'}),
	'2', 'the restore was resumed after the restart');
no_leftovers('after an immediate shutdown');

#
# 3. SIGKILL while the GSIs are built: the table is ACTIVE, complete with
# its LSI; the GSI phase is resumed.
#
start_restore('GsiKilled', '1500ms', $arn_one);
$node->poll_query_until('postgres', q{SELECT status = 'BUILDING_INDEXES' FROM ddb_restores WHERE table_name = 'GsiKilled'})
  or die 'the restore did not reach its GSI phase';
is($node->safe_psql('postgres', q{
	SELECT (t ->> 'TableStatus') || ' ' || (t ->> 'ItemCount') || ' ' ||
		(t -> 'GlobalSecondaryIndexes' -> 0 ->> 'IndexStatus')
	FROM (SELECT ddb_describe_table('GsiKilled') -> 'Table' t) d}),
	'ACTIVE 400 CREATING', 'the table is ACTIVE with every item while its GSI is CREATING');
$pid = $node->safe_psql('postgres', q{SELECT pid FROM pg_stat_activity WHERE backend_type = 'ddbtable restore'});
kill 'KILL', $pid;
$node->poll_query_until('postgres', 'SELECT true') or die 'the server did not come back';
check_complete('GsiKilled', 'after SIGKILL in the GSI phase');
no_leftovers('after SIGKILL in the GSI phase');

#
# 4. SIGTERM: the worker stops; the next look resumes the restore.
#
start_restore('Terminated', '1s');
$pid = worker_mid_load(2);
$node->safe_psql('postgres', "SELECT pg_terminate_backend($pid)");
$node->poll_query_until('postgres',
	q{SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_type = 'ddbtable restore')})
  or die 'the terminated worker did not exit';
is($node->safe_psql('postgres', q{SELECT restore_status FROM ddb_catalog.restores WHERE table_name = 'Terminated'}),
	'LOADING', 'a terminated worker leaves its restore LOADING');
check_complete('Terminated', 'after SIGTERM');
is($node->safe_psql('postgres', q{SELECT attempts FROM ddb_restores WHERE table_name = 'Terminated'}),
	'2', 'the terminated restore was resumed');

#
# 5. A cancel request aborts the restore: no table, the reason recorded.
#
start_restore('Canceled', '1s');
$pid = worker_mid_load(2);
$node->safe_psql('postgres', "SELECT pg_cancel_backend($pid)");
my ($ret, $stdout, $stderr) = $node->psql('postgres', q{SELECT ddb_wait_for_restore('Canceled')});
like($stderr, qr/the restore of table "Canceled" from backup ".*" failed.*\n.*DETAIL:  Restoring backup ".*" was canceled\./,
	'a canceled restore fails, and says so');
like(described('Canceled'), qr/ResourceNotFoundException/, 'the canceled restore leaves no table');
no_leftovers('after a cancel');

#
# 6. One flipped byte in a stored chunk.
#
my $bad_chunk = 2;
$node->safe_psql('postgres', qq{
	UPDATE ddb_catalog.backup_chunks c SET payload = set_byte(payload, 200, get_byte(payload, 200) # 1)
	FROM ddb_catalog.backups b
	WHERE c.backup_id = b.backup_id AND b.backup_arn = '$arn' AND c.seq = $bad_chunk;
});
start_restore('Damaged', '500ms');
my %seen;
for (1 .. 200)
{
	my $status = described('Damaged');
	$seen{$status} = 1;
	last if $status =~ /ResourceNotFoundException/;
	usleep(20_000);
}
ok($seen{'CREATING true 0'}, 'the table restored from a damaged backup is CREATING and empty while it loads');
ok(!grep(/^ACTIVE/, keys %seen), 'and never ACTIVE');
($ret, $stdout, $stderr) = $node->psql('postgres', q{SELECT ddb_wait_for_restore('Damaged')});
like($stderr,
	qr/DETAIL:  Restoring backup "\Q$arn\E" failed at chunk $bad_chunk of $chunks: backup chunk $bad_chunk is corrupted\. The checksum of the payload does not match\./,
	'the error names the backup and the chunk');
like(described('Damaged'), qr/ResourceNotFoundException/, 'DescribeTable: the target was removed');
is($node->safe_psql('postgres', q{SELECT ddb_execute('ListTables') -> 'TableNames' ? 'Damaged'}), 'f',
	'ListTables does not list it');
like($node->safe_psql('postgres', q{SELECT status || ': ' || failure_reason FROM ddb_restores WHERE table_name = 'Damaged'}),
	qr/^FAILED: Restoring backup "\Q$arn\E" failed at chunk $bad_chunk of $chunks: backup chunk $bad_chunk is corrupted/,
	'ddb_restores explains the outcome');
ok($node->log_contains("restore of table \"Damaged\" failed"), 'the failure is in the server log');
is($node->safe_psql('postgres', q{
	SELECT outcome FROM ddb_audit_log WHERE operation = 'RestoreTableFromBackup'
	AND request ->> 'TargetTableName' = 'Damaged' ORDER BY audit_id DESC LIMIT 1}),
	'RestoreFailed', 'and in the audit log');
no_leftovers('after a damaged chunk');

$node->stop;
done_testing();
