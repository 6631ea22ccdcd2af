-- RestoreTableFromBackup (backups.md §4.5): every validation and every
-- DynamoDB error through ddb_execute (JSON error bodies) and the raising
-- forms, the asynchronous protocol (CREATING with RestoreInProgress, then
-- ACTIVE), the rules on names, backups being created or restored, the
-- concurrency limit, the audit trail and the friendly functions.
CREATE EXTENSION ddbtable;

-- Replace what changes from run to run (backup ids, times, table ids).
CREATE FUNCTION pg_temp.mask(j jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
SELECT regexp_replace(regexp_replace(regexp_replace(j::text,
	'/backup/[0-9]{14}-[0-9a-f]{8}', '/backup/<id>', 'g'),
	'"(TableId)": "[0-9a-f-]{36}"', '"\1": "<uuid>"', 'g'),
	'"(CreationDateTime|RestoreDateTime)": [0-9.]+', '"\1": "<time>"', 'g')::jsonb
$$;

-- Run a statement and report its error without what changes per run.
CREATE FUNCTION pg_temp.try(sql text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE sql;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || regexp_replace(SQLERRM, '/backup/[0-9]{14}-[0-9a-f]{8}', '/backup/<id>', 'g');
END
$$;

-- Insert rows straight into a table's item relation (PutItem comes later).
CREATE FUNCTION pg_temp.put(rel regclass, rows text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('INSERT INTO %s VALUES %s', rel, rows);
END
$$;

SELECT ddb_create_table($${
	"TableName": "Orders",
	"AttributeDefinitions": [{"AttributeName": "OrderId", "AttributeType": "S"},
	                         {"AttributeName": "LineNo", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "OrderId", "KeyType": "HASH"},
	              {"AttributeName": "LineNo", "KeyType": "RANGE"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 3}}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
SELECT pg_temp.put(ddb_table_relation('Orders'), string_agg(format(
	$r$('order%s', %s, '{"OrderId": {"S": "order%s"}, "LineNo": {"N": "%s"}, "Total": {"N": "%s.5"}}', 40)$r$,
	i / 3, i % 3, i / 3, i % 3, i), ', '))
FROM generate_series(1, 30) AS i;
SELECT ddb_create_backup('Orders', 'nightly') ->> 'BackupArn' AS arn \gset
SELECT ddb_wait_for_backup(:'arn') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus' AS status;

--
-- Validation: the JSON types first (SerializationException), then every
-- constraint violation together, in the order of the request's shape
--
SELECT ddb_execute('RestoreTableFromBackup', '{}');
SELECT ddb_execute('RestoreTableFromBackup', '[]');
SELECT ddb_execute('RestoreTableFromBackup', '{"TargetTableName": "Copy"}');
SELECT pg_temp.mask(ddb_execute('RestoreTableFromBackup', jsonb_build_object('BackupArn', :'arn')));
SELECT ddb_execute('RestoreTableFromBackup', '{"TargetTableName": "a;", "BackupArn": "short"}');
SELECT ddb_execute('RestoreTableFromBackup', jsonb_build_object('TargetTableName', repeat('t', 256),
	'BackupArn', repeat('a', 1025)));
-- a table ARN is not a target name
SELECT ddb_execute('RestoreTableFromBackup', jsonb_build_object(
	'TargetTableName', 'arn:aws:dynamodb:us-east-1:000000000000:table/Copy', 'BackupArn', :'arn'));
SELECT ddb_execute('RestoreTableFromBackup', '{"TargetTableName": 12, "BackupArn": "x"}');
SELECT ddb_execute('RestoreTableFromBackup', '{"TargetTableName": "Copy", "BackupArn": ["x"]}');
SELECT ddb_execute('RestoreTableFromBackup', jsonb_build_object('TargetTableName', 'Copy',
	'BackupArn', :'arn', 'BillingModeOverride', 'ON_DEMAND'));
SELECT ddb_execute('RestoreTableFromBackup', jsonb_build_object('TargetTableName', 'Copy',
	'BackupArn', :'arn', 'BillingModeOverride', true));
SELECT ddb_execute('RestoreTableFromBackup', jsonb_build_object('TargetTableName', 'Copy',
	'BackupArn', :'arn', 'ProvisionedThroughputOverride', '{"ReadCapacityUnits": 0}'::jsonb));
SELECT ddb_execute('RestoreTableFromBackup', jsonb_build_object('TargetTableName', 'Copy',
	'BackupArn', :'arn', 'ProvisionedThroughputOverride', '{"ReadCapacityUnits": "5", "WriteCapacityUnits": 1}'::jsonb));
SELECT ddb_execute('RestoreTableFromBackup', jsonb_build_object('TargetTableName', 'Copy',
	'BackupArn', :'arn', 'GlobalSecondaryIndexOverride', '{}'::jsonb));
SELECT ddb_execute('RestoreTableFromBackup', jsonb_build_object('TargetTableName', 'Copy',
	'BackupArn', :'arn', 'GlobalSecondaryIndexOverride',
	'[null, {"IndexName": "a;", "KeySchema": [{"AttributeName": "x", "KeyType": "SIDEWAYS"}]}]'::jsonb));
SELECT ddb_execute('RestoreTableFromBackup', jsonb_build_object('TargetTableName', 'Copy',
	'BackupArn', :'arn', 'LocalSecondaryIndexOverride',
	'[{"IndexName": "ByX", "KeySchema": [], "Projection": {"ProjectionType": "SOME"}}]'::jsonb));
SELECT ddb_execute('RestoreTableFromBackup', jsonb_build_object('TargetTableName', 'Copy',
	'BackupArn', :'arn', 'SSESpecificationOverride', '{"Enabled": true, "SSEType": "DES"}'::jsonb));
SELECT ddb_execute('RestoreTableFromBackup', jsonb_build_object('TargetTableName', 'Copy',
	'BackupArn', :'arn', 'SSESpecificationOverride', '{"Enabled": 3}'::jsonb));
SELECT ddb_execute('RestoreTableFromBackup', jsonb_build_object('TargetTableName', 'Copy',
	'BackupArn', :'arn', 'OnDemandThroughputOverride', '{"MaxReadRequestUnits": "many"}'::jsonb));
-- null members are absent; unknown members are ignored
SELECT ddb_execute('RestoreTableFromBackup', '{"TargetTableName": null, "BackupArn": null, "Whatever": 1}');
-- text that is not a backup ARN
SELECT ddb_execute('RestoreTableFromBackup',
	'{"TargetTableName": "Copy", "BackupArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders"}');

--
-- The backup: unknown or deleted is BackupNotFoundException; one still
-- being created is BackupInUseException
--
SELECT ddb_execute('RestoreTableFromBackup', '{"TargetTableName": "Copy",
	"BackupArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/01700003600250-5e0c1a9f"}');
SELECT pg_temp.try($$SELECT ddb_restore_table('arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/01700003600250-5e0c1a9f', 'Copy')$$);
SELECT ddb_create_backup('Orders', 'doomed') ->> 'BackupArn' AS doomed \gset
SELECT ddb_wait_for_backup(:'doomed') IS NOT NULL AS available;
SELECT ddb_delete_backup(:'doomed') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus' AS status;
SELECT pg_temp.mask(ddb_execute('RestoreTableFromBackup',
	jsonb_build_object('TargetTableName', 'Copy', 'BackupArn', :'doomed')));
BEGIN;
SELECT ddb_create_backup('Orders', 'fresh') ->> 'BackupArn' AS fresh \gset
SELECT pg_temp.mask(ddb_execute('RestoreTableFromBackup',
	jsonb_build_object('TargetTableName', 'Copy', 'BackupArn', :'fresh')));
ROLLBACK;

--
-- The target: only a new table
--
SELECT pg_temp.mask(ddb_execute('RestoreTableFromBackup',
	jsonb_build_object('TargetTableName', 'Orders', 'BackupArn', :'arn')));
SELECT pg_temp.try(format('SELECT ddb_restore_table(%L, %L)', :'arn', 'Orders'));

--
-- A restore: the answer says CREATING, with ItemCount 0 and a
-- RestoreSummary in progress; the request's transaction decides
--
BEGIN;
SELECT jsonb_pretty(pg_temp.mask(ddb_execute('RestoreTableFromBackup',
	jsonb_build_object('TargetTableName', 'Copy', 'BackupArn', :'arn'))));
-- in the requesting transaction the table is CREATING, and waiting is refused
SELECT ddb_describe_table('Copy') -> 'Table' ->> 'TableStatus' AS status;
SELECT pg_temp.try($$SELECT ddb_wait_for_restore('Copy')$$);
-- a second restore to the same name is refused
SELECT pg_temp.mask(ddb_execute('RestoreTableFromBackup',
	jsonb_build_object('TargetTableName', 'Copy', 'BackupArn', :'arn')));
-- and so is deleting the table or the backup meanwhile
SELECT ddb_execute('DeleteTable', '{"TableName": "Copy"}');
SELECT pg_temp.mask(ddb_execute('DeleteBackup', jsonb_build_object('BackupArn', :'arn')));
ROLLBACK;
-- rolled back: no table, no restore, the worker did nothing
SELECT pg_sleep(0.3);
SELECT ddb_execute('DescribeTable', '{"TableName": "Copy"}');
SELECT count(*) AS restores FROM ddb_restores;
SELECT count(*) AS leftover_relations FROM pg_class
WHERE relnamespace = 'ddb_data'::regnamespace AND relname NOT LIKE (
	SELECT relname || '%' FROM ddb_catalog.tables WHERE table_name = 'Orders');

SELECT pg_temp.mask(ddb_restore_table(:'arn', 'Copy')) ->> 'TableStatus' AS status;
SELECT jsonb_pretty(pg_temp.mask(ddb_wait_for_restore('Copy')));
SELECT (SELECT array_agg(i ORDER BY i::text) FROM ddb_items('Orders') i) =
	(SELECT array_agg(i ORDER BY i::text) FROM ddb_items('Copy') i) AS same_items;
SELECT table_name, status, requested_by, attempts, worker_running, item_count, table_size_bytes,
	active IS NOT NULL AS went_active, completed >= active AS completed_after, failure_reason
FROM ddb_restores;
-- the restored table is an ordinary table now: a backup of it restores too
SELECT ddb_create_backup('Copy', 'copy-of-copy') ->> 'BackupArn' AS arn2 \gset
SELECT ddb_wait_for_backup(:'arn2') IS NOT NULL AS available;
SELECT ddb_restore_table(:'arn2', 'CopyOfCopy') ->> 'TableStatus' AS status;
SELECT ddb_wait_for_restore('CopyOfCopy') -> 'Table' ->> 'ItemCount' AS items;
-- a restored table can be deleted, and its name restored into again
SELECT ddb_delete_table('CopyOfCopy') -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT ddb_restore_table(:'arn2', 'CopyOfCopy') ->> 'TableStatus' AS status;
SELECT ddb_wait_for_restore('CopyOfCopy') -> 'Table' ->> 'TableStatus' AS status;
-- deleting a backup does not touch tables restored from it
SELECT ddb_delete_backup(:'arn2') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus' AS status;
SELECT ddb_describe_table('CopyOfCopy') -> 'Table' ->> 'ItemCount' AS items;

--
-- ddbtable.max_concurrent_restores: more restores at once are
-- LimitExceededException
--
SHOW ddbtable.max_concurrent_restores;
SET ddbtable.max_concurrent_restores = 1;
BEGIN;
SELECT ddb_restore_table(:'arn', 'Limit1') ->> 'TableStatus' AS status;
SELECT ddb_execute('RestoreTableFromBackup', jsonb_build_object('TargetTableName', 'Limit2', 'BackupArn', :'arn'));
SELECT pg_temp.try(format('SELECT ddb_restore_table(%L, %L)', :'arn', 'Limit2'));
ROLLBACK;
RESET ddbtable.max_concurrent_restores;
SET ddbtable.max_concurrent_restores = 0;
SET ddbtable.restore_chunk_delay = -1;

-- ddb_wait_for_restore needs a restore to wait for
SELECT pg_temp.try($$SELECT ddb_wait_for_restore('Orders')$$);
SELECT pg_temp.try($$SELECT ddb_wait_for_restore('Nothing')$$);

--
-- Audited like backups: every call, allowed or refused, and the end of
-- each restore
--
SELECT operation, outcome, role_name, resource_arn LIKE '%/backup/%' AS on_backup,
	backup_arn IS NOT NULL AS names_backup, count(*)
FROM ddb_audit_log
WHERE operation = 'RestoreTableFromBackup'
GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5;

DROP EXTENSION ddbtable;
