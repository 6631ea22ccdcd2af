# On-demand backups on a real cluster: a backup is the exact image of the
# requesting transaction's snapshot (changes committed after it are not in
# it, even though they commit before the copy is made); a request that
# rolls back leaves no backup and no chunk, even after its worker wrote
# some; writes to the table go on, unblocked, while a backup is copied; an
# AVAILABLE backup survives pg_dump and pg_restore; every call is written
# to the server log.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);

my $node = PostgreSQL::Test::Cluster->new('backup_snapshot');
$node->init;
$node->start;

$node->safe_psql('postgres', q{
	CREATE EXTENSION ddbtable;
	SELECT ddb_create_table('{"TableName": "Snap",
		"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
		"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
		"BillingMode": "PAY_PER_REQUEST"}');
});
my $rel = $node->safe_psql('postgres', q{SELECT ddb_table_relation('Snap')});
$node->safe_psql('postgres', qq{
	INSERT INTO $rel
	SELECT 'p' || (i % 50), i, jsonb_build_object('pk', jsonb_build_object('S', 'p' || (i % 50)),
		'sk', jsonb_build_object('N', i::text), 'v', jsonb_build_object('S', md5(i::text))), 40
	FROM generate_series(1, 5000) AS i;
});

# The digest of a set of items.
my $digest_sql = q{SELECT count(*) || ':' || md5(coalesce(string_agg(i::text, ',' ORDER BY i::text), ''))};

#
# 1. The exact snapshot.  A REPEATABLE READ transaction takes its
# snapshot, other sessions then insert, delete and update items and commit,
# and the transaction asks for a backup: the backup holds what the
# transaction sees, not what is committed.
#
my $a = $node->background_psql('postgres');
$a->query_safe('BEGIN ISOLATION LEVEL REPEATABLE READ');
$a->query_safe("SELECT count(*) FROM $rel");
$node->safe_psql('postgres', qq{
	INSERT INTO $rel SELECT 'late', i, jsonb_build_object('pk', jsonb_build_object('S', 'late'),
		'sk', jsonb_build_object('N', i::text)), 10 FROM generate_series(1, 100) AS i;
	DELETE FROM $rel WHERE range_key <= 50;
	UPDATE $rel SET item = item || '{"changed": {"BOOL": true}}' WHERE range_key BETWEEN 51 AND 100;
});
my $arn = $a->query_safe(q{SELECT ddb_create_backup('Snap', 'exact') ->> 'BackupArn'});
my $seen = $a->query_safe("$digest_sql FROM $rel AS t(hash_key, range_key, i)");
$a->query_safe('COMMIT');
$a->quit;
like($arn, qr{^arn:aws:dynamodb:us-east-1:000000000000:table/Snap/backup/\d{14}-[0-9a-f]{8}$},
	'CreateBackup answers a backup ARN');
is($node->safe_psql('postgres',
	"SELECT ddb_wait_for_backup('$arn') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus'"),
	'AVAILABLE', 'the backup becomes AVAILABLE once the request commits');
my $in_backup = $node->safe_psql('postgres', "$digest_sql FROM ddb_backup_items('$arn') AS i");
is($in_backup, $seen, 'the backup holds exactly the items of the requesting snapshot');
my $now = $node->safe_psql('postgres', "$digest_sql FROM $rel AS t(hash_key, range_key, i)");
isnt($in_backup, $now, 'and not the items committed after it');
is($node->safe_psql('postgres', "SELECT ddb_describe_backup('$arn') -> 'BackupDescription' -> 'SourceTableDetails' ->> 'ItemCount'"),
	'5000', 'ItemCount is that of the snapshot');

# The same in READ COMMITTED: the statement's snapshot.
$arn = $node->safe_psql('postgres', q{SELECT ddb_create_backup('Snap', 'committed') ->> 'BackupArn'});
$node->safe_psql('postgres', "SELECT ddb_wait_for_backup('$arn')");
is($node->safe_psql('postgres', "$digest_sql FROM ddb_backup_items('$arn') AS i"), $now,
	'a READ COMMITTED request backs up what its statement sees');

#
# 2. A request that rolls back.  The worker is slowed down and writes a few
# chunks before the rollback; none survives.
#
$a = $node->background_psql('postgres');
$a->query_safe(q{SET ddbtable.backup_chunk_size = '64kB'; SET ddbtable.backup_chunk_delay = '200ms'});
$a->query_safe('BEGIN');
my $doomed = $a->query_safe(q{SELECT ddb_create_backup('Snap', 'doomed') ->> 'BackupArn'});
$node->poll_query_until('postgres',
	q{SELECT count(*) > 0 FROM pg_stat_activity WHERE backend_type = 'ddbtable backup'})
  or die 'the backup worker did not start';
sleep(1);
$a->query_safe('ROLLBACK');
$a->quit;
$node->poll_query_until('postgres',
	q{SELECT count(*) = 0 FROM pg_stat_activity WHERE backend_type = 'ddbtable backup'})
  or die 'the backup worker did not stop';
is($node->safe_psql('postgres', q{SELECT count(*) FROM ddb_catalog.backups WHERE backup_name = 'doomed'}),
	'0', 'a rolled-back request leaves no backup');
is($node->safe_psql('postgres', q{SELECT count(*) FROM ddb_catalog.backup_chunks c
	WHERE NOT EXISTS (SELECT 1 FROM ddb_catalog.backups b WHERE b.backup_id = c.backup_id)}),
	'0', 'and no chunk');
is($node->safe_psql('postgres', "SELECT ddb_execute('DescribeBackup', jsonb_build_object('BackupArn', '$doomed')) ->> '__type'"),
	'com.amazonaws.dynamodb.v20120810#BackupNotFoundException', 'DescribeBackup does not know it');

#
# 3. Writes go on while a backup is copied: a burst of single-item writes
# during a slowed-down backup, each one timed.  None waits for the backup;
# the backup, still CREATING at the end of the burst, holds none of them.
#
my $w = $node->background_psql('postgres');
my $base = time();
for my $i (1 .. 50)
{
	$w->query_safe("INSERT INTO $rel VALUES ('base', $i, '{}', 2)");
	$w->query_safe("UPDATE $rel SET item_size = item_size + 1 WHERE hash_key = 'p7' AND range_key = 7");
}
my $baseline = (time() - $base) / 50;

$arn = $node->safe_psql('postgres', q{
	SET ddbtable.backup_chunk_size = '64kB';
	SET ddbtable.backup_chunk_delay = '300ms';
	SELECT ddb_create_backup('Snap', 'busy') ->> 'BackupArn'});
my $before = $node->safe_psql('postgres', "SELECT count(*) FROM $rel");
my ($worst, $total, $writes) = (0, 0, 0);
my $start = time();
while (time() - $start < 1.5)
{
	my $t0 = time();
	$w->query_safe("INSERT INTO $rel VALUES ('busy', $writes, '{}', 2)");
	$w->query_safe("UPDATE $rel SET item_size = item_size + 1 WHERE hash_key = 'p7' AND range_key = 7");
	my $took = time() - $t0;
	$worst = $took if $took > $worst;
	$total += $took;
	$writes++;
}
$w->quit;
my $status = $node->safe_psql('postgres',
	"SELECT ddb_describe_backup('$arn') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus'");
is($status, 'CREATING', 'the backup was being copied during the whole burst');
cmp_ok($writes, '>=', 20, "writes went on during the backup ($writes insert+update pairs in 1.5 s)");
cmp_ok($worst, '<', 1.0, sprintf('no write waited for the backup (slowest pair %.0f ms)', $worst * 1000));
note(sprintf('insert+update pair without a backup: %.1f ms; during it: %.1f ms on average',
	$baseline * 1000, $total / $writes * 1000));
$node->safe_psql('postgres', "SELECT ddb_wait_for_backup('$arn')");
is($node->safe_psql('postgres', "SELECT count(*) FROM ddb_backup_items('$arn')"), $before,
	'the backup holds the items of its request, none written during the copy');

#
# 4. pg_dump and pg_restore keep the AVAILABLE backups and their chunks.
#
my $dump = $node->basedir . '/backups.dump';
$node->command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', $node->connstr('postgres') ],
	'pg_dump of a database with backups');
$node->safe_psql('postgres', 'CREATE DATABASE restored');
$node->command_ok([ 'pg_restore', '-d', $node->connstr('restored'), $dump ],
	'pg_restore of that dump');
is($node->safe_psql('restored', q{SELECT string_agg(backup_name || '=' || status, ',' ORDER BY backup_name) FROM ddb_backups}),
	'busy=AVAILABLE,committed=AVAILABLE,exact=AVAILABLE', 'the backups are restored');
is($node->safe_psql('restored', "$digest_sql FROM ddb_backup_items((SELECT backup_arn FROM ddb_backups WHERE backup_name = 'exact')) AS i"),
	$seen, 'with their items');

#
# 5. Every call is in the server log, refused ones too.
#
$node->psql('postgres', q{SELECT ddb_describe_backup('arn:aws:dynamodb:us-east-1:000000000000:table/Snap/backup/01700000000000-00000000')});
ok($node->log_contains(qr/LOG:  ddbtable audit: \{"time": "[^"]+", "role": "\w+", "session_role": "\w+", "operation": "CreateBackup", "resource": "arn:aws:dynamodb:us-east-1:000000000000:table\/Snap", "backup_arn": "[^"]+", "outcome": "Success", "request": \{"TableName": "Snap", "BackupName": "exact"\}\}/),
	'the server log records CreateBackup');
ok($node->log_contains(qr/LOG:  ddbtable audit: \{.*"operation": "DescribeBackup".*"outcome": "BackupNotFoundException", "message": "Backup not found: /),
	'and a refused DescribeBackup whose transaction rolled back');

$node->stop;
done_testing();
