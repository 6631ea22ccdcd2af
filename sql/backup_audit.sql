-- The audit trail of backup and restore actions (DynamoDB's CloudTrail):
-- the view ddb_audit_log, what each kind of call leaves in it, and the
-- shapes of the views ddb_backups and ddb_progress.  (The server log line
-- "ddbtable audit: {...}" written for every call is checked by the TAP
-- test t/012_backup_crash.pl.)
CREATE EXTENSION ddbtable;

SELECT ddb_create_table('{"TableName": "Audited", "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}') IS NOT NULL AS created;

-- Calls through ddb_execute are recorded, allowed or refused: the request
-- is rolled back, the record is kept.
SELECT ddb_execute('CreateBackup', '{"TableName": "Audited", "BackupName": "first"}') -> 'BackupDetails' ->> 'BackupStatus' AS status;
SELECT ddb_execute('CreateBackup', '{"TableName": "Audited"}') ->> '__type' AS refused;
SELECT ddb_execute('CreateBackup', '{"TableName": "Missing", "BackupName": "first"}') ->> '__type' AS refused;
SELECT backup_arn AS arn FROM ddb_backups WHERE backup_name = 'first' \gset
SELECT ddb_wait_for_backup(:'arn') IS NOT NULL AS available;
SELECT ddb_execute('DescribeBackup', jsonb_build_object('BackupArn', :'arn')) ? 'BackupDescription' AS described;
SELECT ddb_execute('ListBackups', '{"TableName": "Audited"}') ? 'BackupSummaries' AS listed;
SELECT ddb_execute('DescribeContinuousBackups', '{"TableName": "Audited"}') ? 'ContinuousBackupsDescription' AS pitr_described;
SELECT ddb_execute('UpdateContinuousBackups', '{"TableName": "Audited", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}}') ? 'ContinuousBackupsDescription' AS pitr_enabled;
-- other operations are not audited
SELECT ddb_execute('DescribeTable', '{"TableName": "Audited"}') ? 'Table' AS not_audited;
SELECT ddb_execute('NoSuchOperation', '{}') ->> '__type' AS not_audited;

-- A refused call of a raising function rolls its transaction back, and its
-- record with it (only the server log keeps it); a successful one is kept.
SELECT ddb_describe_backup('arn:aws:dynamodb:us-east-1:000000000000:table/Audited/backup/01700000000000-00000000');
SELECT ddb_describe_backup(:'arn') ? 'BackupDescription' AS described;

-- A read-only transaction answers, and writes no record.
BEGIN TRANSACTION READ ONLY;
SELECT ddb_execute('ListBackups', '{}') ? 'BackupSummaries' AS read_only_listed;
SELECT ddb_describe_backup(:'arn') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus' AS read_only_described;
COMMIT;

SELECT audit_id, role_name = current_user AS me, session_role = session_user AS my_session,
	operation, regexp_replace(resource_arn, '/backup/[0-9]{14}-[0-9a-f]{8}', '/backup/<id>') AS resource,
	regexp_replace(backup_arn, '/backup/[0-9]{14}-[0-9a-f]{8}', '/backup/<id>') AS backup_arn,
	regexp_replace(request::text, '/backup/[0-9]{14}-[0-9a-f]{8}', '/backup/<id>') AS request,
	outcome, message, event_time <= now() AS in_time
FROM ddb_audit_log ORDER BY audit_id;

-- The record of CreateBackup names the backup it made.
SELECT count(*) AS names_the_backup FROM ddb_audit_log
WHERE operation = 'CreateBackup' AND outcome = 'Success' AND backup_arn = :'arn';

-- The view's columns.
\d ddb_audit_log
\d ddb_backups
\d ddb_progress

-- ddb_progress while a backup runs: here slowed down after each chunk of
-- 64 kB, so that it shows the first chunk done (the table's rows are laid
-- out alike in every run: the figures are the same).
DO $$
BEGIN
	EXECUTE format($q$INSERT INTO %s SELECT 'k' || i, jsonb_build_object('k', jsonb_build_object('S', 'k' || i),
		'v', jsonb_build_object('S', repeat('v', 40))), 45 FROM generate_series(1, 1000) AS i$q$,
		ddb_table_relation('Audited'));
END
$$;
SET ddbtable.backup_chunk_delay = '2s';
SET ddbtable.backup_chunk_size = '64kB';
SELECT ddb_create_backup('Audited', 'slow') ->> 'BackupArn' AS slow \gset
RESET ddbtable.backup_chunk_delay;
RESET ddbtable.backup_chunk_size;
-- wait for the first chunk (the worker then pauses for two seconds)
DO $$
BEGIN
	FOR i IN 1 .. 6000 LOOP
		EXIT WHEN EXISTS (SELECT 1 FROM ddb_progress WHERE chunks_done >= 1);
		PERFORM pg_sleep(0.01);
	END LOOP;
END
$$;
SELECT operation, regexp_replace(arn, '/backup/[0-9]{14}-[0-9a-f]{8}', '/backup/<id>') AS arn,
	table_name, role_name = current_user AS mine, pid > 0 AS has_pid, phase, started IS NOT NULL AS started,
	items_done, bytes_done, items_total >= items_done AS total_covers_done,
	percent > 0 AND percent < 100 AS percent_in_range, chunks_done, stored_bytes > 0 AS stored
FROM ddb_progress;
SELECT ddb_wait_for_backup(:'slow') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus' AS status;
SELECT count(*) AS in_progress FROM ddb_progress;

DROP EXTENSION ddbtable;
