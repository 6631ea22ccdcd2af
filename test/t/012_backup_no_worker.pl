# No free background worker slot: CreateBackup fails at once with
# LimitExceededException and a hint naming max_worker_processes, and
# leaves nothing behind (no backup row, no chunk, no worker).  Here the
# only slot is taken by a first, slowed-down backup; once it is done, the
# next request succeeds.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('backup_no_worker');
$node->init;
$node->append_conf('postgresql.conf', qq{
max_worker_processes = 1
max_logical_replication_workers = 0
max_parallel_workers = 0
});
$node->start;

$node->safe_psql('postgres', q{
	CREATE EXTENSION ddbtable;
	SELECT ddb_create_table('{"TableName": "Busy",
		"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
		"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
		"BillingMode": "PAY_PER_REQUEST"}');
});
my $rel = $node->safe_psql('postgres', q{SELECT ddb_table_relation('Busy')});
$node->safe_psql('postgres', qq{
	INSERT INTO $rel SELECT 'k' || i, jsonb_build_object('k', jsonb_build_object('S', 'k' || i)), 10
	FROM generate_series(1, 100) AS i;
});

# The first backup takes the only slot for two seconds.
my $first = $node->safe_psql('postgres', q{
	SET ddbtable.backup_chunk_delay = '2s';
	SELECT ddb_create_backup('Busy', 'first') ->> 'BackupArn'});
ok($first ne '', 'the first backup starts');

# The second finds no slot.
my ($ret, $stdout, $stderr) = $node->psql('postgres',
	q{SELECT ddb_create_backup('Busy', 'second')});
isnt($ret, 0, 'the second CreateBackup fails');
like($stderr, qr/ERROR:  Too many operations for a given subscriber\./,
	'with LimitExceededException\'s message');
like($stderr, qr/DETAIL:  LimitExceededException/, 'and its name');
like($stderr, qr/HINT:  No background worker slot is free for the backup: raise max_worker_processes \(now 1\)/,
	'and a hint naming max_worker_processes');
is($node->safe_psql('postgres',
	q{SELECT ddb_execute('CreateBackup', '{"TableName": "Busy", "BackupName": "second"}')}),
	'{"__type": "com.amazonaws.dynamodb.v20120810#LimitExceededException", "message": "Too many operations for a given subscriber."}',
	'ddb_execute answers DynamoDB\'s error body');

# Nothing is left behind.
is($node->safe_psql('postgres', q{SELECT string_agg(backup_name, ',') FROM ddb_catalog.backups}),
	'first', 'no backup row is left by the refused requests');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'ddbtable backup'}),
	'1', 'only the first worker runs');
is($node->safe_psql('postgres', q{SELECT count(*) FROM ddb_audit_log WHERE outcome = 'LimitExceededException'}),
	'1', 'the refusal through ddb_execute is in the audit log');

# Once the slot is free again, backups work.
is($node->safe_psql('postgres',
	"SELECT ddb_wait_for_backup('$first') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus'"),
	'AVAILABLE', 'the first backup completes');
$node->poll_query_until('postgres',
	q{SELECT count(*) = 0 FROM pg_stat_activity WHERE backend_type = 'ddbtable backup'})
  or die 'the first worker did not exit';
my $third = $node->safe_psql('postgres', q{SELECT ddb_create_backup('Busy', 'third') ->> 'BackupArn'});
is($node->safe_psql('postgres',
	"SELECT ddb_wait_for_backup('$third') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus'"),
	'AVAILABLE', 'a later backup gets the slot');
is($node->safe_psql('postgres', q{SELECT count(*) FROM ddb_catalog.backup_chunks}),
	'2', 'the two backups have one chunk each, the refused ones none');

$node->stop;
done_testing();
