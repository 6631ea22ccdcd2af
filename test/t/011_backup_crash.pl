# A backup interrupted mid-copy, every way it can be: its worker killed
# with SIGKILL (the postmaster then restarts every process, as after a
# crash), the server stopped with "pg_ctl stop -m immediate", the worker
# terminated (SIGTERM) or its copy cancelled.  Afterwards no partial backup
# is AVAILABLE: DescribeBackup shows it DELETED, ListBackups does not list
# it, ddb_backups says FAILED and why, no chunk of it is left, and the
# source table is intact and writable -- and can be backed up again.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('backup_crash');
$node->init;
$node->append_conf('postgresql.conf', 'restart_after_crash = on');
$node->start;

$node->safe_psql('postgres', q{
	CREATE EXTENSION ddbtable;
	SELECT ddb_create_table('{"TableName": "Victim",
		"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
		"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
		"BillingMode": "PAY_PER_REQUEST"}');
});
my $rel = $node->safe_psql('postgres', q{SELECT ddb_table_relation('Victim')});
$node->safe_psql('postgres', qq{
	INSERT INTO $rel SELECT 'k' || i, jsonb_build_object('k', jsonb_build_object('S', 'k' || i),
		'v', jsonb_build_object('S', md5(i::text))), 40 FROM generate_series(1, 20000) AS i;
});
my $digest_sql = "SELECT count(*) || ':' || md5(string_agg(item::text, ',' ORDER BY hash_key)) FROM $rel";
my $digest = $node->safe_psql('postgres', $digest_sql);

# Start a slowed-down backup and wait until its worker has stored a chunk;
# returns the backup's ARN and the worker's pid.
sub start_backup
{
	my ($name) = @_;
	my $arn = $node->safe_psql('postgres', qq{
		SET ddbtable.backup_chunk_size = '64kB';
		SET ddbtable.backup_chunk_delay = '300ms';
		SELECT ddb_create_backup('Victim', '$name') ->> 'BackupArn'});
	$node->poll_query_until('postgres',
		"SELECT chunks_done >= 2 FROM ddb_progress WHERE arn = '$arn'")
	  or die "backup $name made no progress";
	my $pid = $node->safe_psql('postgres', "SELECT pid FROM ddb_progress WHERE arn = '$arn'");
	return ($arn, $pid);
}

# What is left of an interrupted backup, checked after the fact.
sub check_aftermath
{
	my ($arn, $how, $reason) = @_;
	is($node->safe_psql('postgres',
		"SELECT ddb_describe_backup('$arn') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus'"),
		'DELETED', "$how: DescribeBackup shows the backup DELETED");
	is($node->safe_psql('postgres',
		"SELECT count(*) FROM ddb_list_backups() AS s WHERE s ->> 'BackupArn' = '$arn'"),
		'0', "$how: ListBackups does not list it");
	like($node->safe_psql('postgres', "SELECT status || ': ' || failure_reason FROM ddb_backups WHERE backup_arn = '$arn'"),
		$reason, "$how: ddb_backups says it FAILED, and why");
	is($node->safe_psql('postgres', qq{SELECT count(*) FROM ddb_catalog.backup_chunks c
		JOIN ddb_catalog.backups b USING (backup_id) WHERE b.backup_arn = '$arn'}),
		'0', "$how: no chunk of it is left");
	is($node->safe_psql('postgres', q{SELECT count(*) FROM ddb_catalog.backups WHERE backup_status = 'AVAILABLE'}),
		'0', "$how: no backup is AVAILABLE");
	is($node->safe_psql('postgres', $digest_sql), $digest, "$how: the table is intact");
	is($node->safe_psql('postgres', "SELECT count(*) FROM ddb_progress"), '0',
		"$how: nothing is in progress");
}

#
# 1. SIGKILL of the worker mid-copy: the postmaster resets every process.
#
my ($arn, $pid) = start_backup('killed');
my $log_offset = -s $node->logfile;
kill 'KILL', $pid;
$node->wait_for_log(qr/all server processes terminated; reinitializing/, $log_offset);
$node->poll_query_until('postgres', 'SELECT true') or die 'the server did not come back';
check_aftermath($arn, 'SIGKILL', qr/^FAILED: The backup worker stopped before the backup was complete/);

#
# 2. Immediate shutdown mid-copy, then a restart.
#
($arn, $pid) = start_backup('crashed');
$node->stop('immediate');
$node->start;
check_aftermath($arn, 'immediate shutdown', qr/^FAILED: The backup worker stopped before the backup was complete/);

#
# 3. The worker terminated (SIGTERM): no crash, the same outcome.
#
($arn, $pid) = start_backup('terminated');
$node->safe_psql('postgres', "SELECT pg_terminate_backend($pid)");
$node->poll_query_until('postgres', "SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = $pid")
  or die 'the worker did not stop';
check_aftermath($arn, 'SIGTERM', qr/^FAILED: The backup worker stopped before the backup was complete/);

#
# 4. The copy cancelled (an ERROR in the worker): it records the failure.
#
($arn, $pid) = start_backup('cancelled');
$node->safe_psql('postgres', "SELECT pg_cancel_backend($pid)");
$node->poll_query_until('postgres', "SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = $pid")
  or die 'the worker did not stop';
check_aftermath($arn, 'cancel', qr/^FAILED: canceling statement due to user request/);
ok($node->log_contains(qr/LOG:  backup "arn:aws:dynamodb:[^"]+\/backup\/[^"]+" failed: canceling statement due to user request/),
	'the worker logs why the backup failed');

#
# The table is writable, can be deleted from, and backs up again; the
# failed backups go with DeleteBackup.
#
$node->safe_psql('postgres', "INSERT INTO $rel VALUES ('after', '{\"k\": {\"S\": \"after\"}}', 10)");
$node->safe_psql('postgres', "DELETE FROM $rel WHERE hash_key = 'k1'");
$arn = $node->safe_psql('postgres', q{SELECT ddb_create_backup('Victim', 'again') ->> 'BackupArn'});
is($node->safe_psql('postgres',
	"SELECT ddb_wait_for_backup('$arn') -> 'BackupDescription' -> 'SourceTableDetails' ->> 'ItemCount'"),
	'20000', 'the table backs up again afterwards');
is($node->safe_psql('postgres', q{SELECT count(ddb_delete_backup(backup_arn)) FROM ddb_backups WHERE status = 'FAILED'}),
	'4', 'DeleteBackup removes the failed backups');
is($node->safe_psql('postgres', q{SELECT string_agg(backup_name || '=' || status, ',') FROM ddb_backups}),
	'again=AVAILABLE', 'only the good backup is left');
is($node->safe_psql('postgres', "SELECT ddb_execute('DeleteTable', '{\"TableName\": \"Victim\"}') -> 'TableDescription' ->> 'TableStatus'"),
	'DELETING', 'and the table can be deleted');

$node->stop;
done_testing();
