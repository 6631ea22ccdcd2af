# Installing, upgrading-in-place, dropping and dumping the extension on a
# real cluster.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('main');
$node->init;
$node->start;

$node->safe_psql('postgres', 'CREATE EXTENSION ddbtable');
is($node->safe_psql('postgres',
	"SELECT extversion FROM pg_extension WHERE extname = 'ddbtable'"),
	'0.1.0', 'extension version is 0.1.0');

my $limits = $node->safe_psql('postgres',
	"SELECT ddb_execute('DescribeLimits') ->> 'TableMaxReadCapacityUnits'");
is($limits, '40000', 'DescribeLimits answers through ddb_execute');

# The library needs no shared_preload_libraries and survives a restart.
$node->restart;
is($node->safe_psql('postgres',
	"SELECT ddb_execute('NoSuch') ->> '__type'"),
	'com.amazon.coral.service#UnknownOperationException',
	'unknown operations answer UnknownOperationException after restart');

# pg_dump and restore into a new database keep the extension.
my $dump = $node->basedir . '/ext.dump';
$node->command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', $node->connstr('postgres') ],
	'pg_dump of a database with the extension');
$node->safe_psql('postgres', 'CREATE DATABASE restored');
$node->command_ok([ 'pg_restore', '-d', $node->connstr('restored'), $dump ],
	'pg_restore of that dump');
is($node->safe_psql('restored',
	"SELECT ddb_execute('DescribeLimits') ->> 'AccountMaxWriteCapacityUnits'"),
	'80000', 'the restored database answers requests');

$node->safe_psql('postgres', 'DROP EXTENSION ddbtable');
is($node->safe_psql('postgres',
	"SELECT count(*) FROM pg_proc WHERE proname LIKE 'ddb\\_%'"),
	'0', 'DROP EXTENSION removes every function');

$node->stop;
done_testing();
