-- DynamoDB's IAM for backups, in PostgreSQL privileges (README, "Access
-- control"): CreateBackup needs SELECT on the table; a backup belongs to
-- the role that created it, and only that role (its members, superusers)
-- may describe, list, read or delete it; the catalog and the chunks are
-- closed to everyone else.  A role without SELECT on a table can neither
-- back it up nor read its data through a backup.
CREATE EXTENSION ddbtable;

CREATE ROLE regress_bk_owner;
CREATE ROLE regress_bk_reader;
CREATE ROLE regress_bk_member IN ROLE regress_bk_reader;
CREATE ROLE regress_bk_nobody;
GRANT CREATE ON SCHEMA ddb_data TO regress_bk_owner;

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
GRANT EXECUTE ON FUNCTION pg_temp.try(text) TO PUBLIC;

-- The owner creates a table with a secret; the reader may SELECT it.
SET ROLE regress_bk_owner;
SELECT ddb_create_table('{"TableName": "Secrets", "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}') IS NOT NULL AS created;
SELECT format('GRANT SELECT ON %s TO regress_bk_reader', ddb_table_relation('Secrets')) AS grant_sql \gset
:grant_sql;
RESET ROLE;
DO $$
BEGIN
	EXECUTE format($q$INSERT INTO %s VALUES ('a', '{"k": {"S": "a"}, "secret": {"S": "42"}}', 9),
		('b', '{"k": {"S": "b"}, "secret": {"S": "43"}}', 9)$q$, ddb_table_relation('Secrets'));
END
$$;

--
-- No SELECT on the table: no backup.
--
SET ROLE regress_bk_nobody;
SELECT ddb_execute('CreateBackup', '{"TableName": "Secrets", "BackupName": "stolen"}');
SELECT ddb_create_backup('Secrets', 'stolen');
-- validation comes first, a missing table is TableNotFoundException for everyone
SELECT ddb_execute('CreateBackup', '{"TableName": "Secrets", "BackupName": "x"}') ->> '__type' AS validation;
SELECT ddb_execute('CreateBackup', '{"TableName": "NoSuchTable", "BackupName": "stolen"}') ->> '__type' AS missing;
-- the catalog and the chunks are closed
SELECT pg_temp.try('SELECT count(*) FROM ddb_catalog.backups') AS backups;
SELECT pg_temp.try('SELECT count(*) FROM ddb_catalog.backup_chunks') AS chunks;
SELECT pg_temp.try('SELECT count(*) FROM ddb_catalog.audit_log') AS audit_table;
SELECT pg_temp.try('DELETE FROM ddb_catalog.backup_chunks') AS delete_chunks;
RESET ROLE;
SELECT count(*) AS no_backup FROM ddb_catalog.backups;
SELECT has_table_privilege('regress_bk_reader', 'ddb_catalog.backup_chunks', 'SELECT') AS reader_reads_chunks,
	has_schema_privilege('regress_bk_reader', 'ddb_catalog', 'USAGE') AS reader_uses_catalog;

--
-- SELECT on the table: the reader backs it up; the worker reads the
-- table as the reader (a role that cannot log in).
--
SET ROLE regress_bk_reader;
SELECT ddb_create_backup('Secrets', 'readers-copy') ->> 'BackupStatus' AS status;
SELECT backup_arn AS arn FROM ddb_backups WHERE backup_name = 'readers-copy' \gset
SELECT ddb_wait_for_backup(:'arn') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus' AS status;
SELECT backup_name, status, owner, item_count FROM ddb_backups;
SELECT i -> 'k' ->> 'S' AS k, i -> 'secret' ->> 'S' AS secret FROM ddb_backup_items(:'arn') AS i ORDER BY 1;
SELECT jsonb_array_length(ddb_execute('ListBackups', '{}') -> 'BackupSummaries') AS reader_lists;
-- but not delete or alter the table (that needs ownership)
SELECT ddb_execute('DeleteTable', '{"TableName": "Secrets"}') ->> '__type' AS delete_table;
RESET ROLE;

--
-- Someone else's backup: invisible in lists, AccessDeniedException when
-- named, no data.
--
SET ROLE regress_bk_nobody;
SELECT jsonb_array_length(ddb_execute('ListBackups', '{}') -> 'BackupSummaries') AS nobody_lists;
SELECT count(*) AS nobody_friendly_list FROM ddb_list_backups();
SELECT count(*) AS nobody_view FROM ddb_backups;
SELECT regexp_replace(ddb_execute('DescribeBackup', jsonb_build_object('BackupArn', :'arn'))::text,
	'/backup/[0-9]{14}-[0-9a-f]{8}', '/backup/<id>') AS describe;
SELECT regexp_replace(ddb_execute('DeleteBackup', jsonb_build_object('BackupArn', :'arn'))::text,
	'/backup/[0-9]{14}-[0-9a-f]{8}', '/backup/<id>') AS delete;
SELECT pg_temp.try(format('SELECT * FROM ddb_backup_items(%L)', :'arn')) AS read_items;
SELECT pg_temp.try(format('SELECT ddb_wait_for_backup(%L)', :'arn')) AS wait;
-- a backup ARN that does not exist is BackupNotFoundException for everyone
SELECT ddb_execute('DescribeBackup', '{"BackupArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Secrets/backup/01700000000000-00000000"}') ->> '__type' AS missing;
RESET ROLE;

-- The table's owner is not the backup's owner either.
SET ROLE regress_bk_owner;
SELECT ddb_execute('DescribeBackup', jsonb_build_object('BackupArn', :'arn')) ->> '__type' AS table_owner_describes;
SELECT count(*) AS table_owner_lists FROM ddb_list_backups();
RESET ROLE;

-- Members of the owning role act as the owner.
SET ROLE regress_bk_member;
SELECT ddb_describe_backup(:'arn') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupName' AS member_describes;
SELECT count(*) AS member_reads FROM ddb_backup_items(:'arn');
RESET ROLE;

-- Losing SELECT on the table stops new backups; a backup made while the
-- role could read stays its own (as a DynamoDB backup stays restorable).
SET ROLE regress_bk_owner;
SELECT format('REVOKE SELECT ON %s FROM regress_bk_reader', ddb_table_relation('Secrets')) AS revoke_sql \gset
:revoke_sql;
RESET ROLE;
SET ROLE regress_bk_reader;
SELECT ddb_execute('CreateBackup', '{"TableName": "Secrets", "BackupName": "again"}') ->> '__type' AS after_revoke;
SELECT count(*) AS still_readable FROM ddb_backup_items(:'arn');
RESET ROLE;

-- Superusers see and may do everything.
SELECT count(*) AS superuser_lists FROM ddb_list_backups();

-- Progress is shown only to those who may see the backup.
SET ddbtable.backup_chunk_delay = '2s';
SET ROLE regress_bk_owner;
SELECT ddb_create_backup('Secrets', 'owners-copy') ->> 'BackupStatus' AS status;
RESET ROLE;
RESET ddbtable.backup_chunk_delay;
SET ROLE regress_bk_nobody;
SELECT count(*) AS nobody_sees_progress FROM ddb_progress;
RESET ROLE;
SET ROLE regress_bk_owner;
SELECT operation, table_name, role_name FROM ddb_progress;
SELECT ddb_wait_for_backup(backup_arn) -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus' AS status
FROM ddb_backups WHERE backup_name = 'owners-copy';
RESET ROLE;

-- The owner of a backup deletes it.
SET ROLE regress_bk_reader;
SELECT ddb_delete_backup(:'arn') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus' AS deleted;
RESET ROLE;

-- The audit log: each role reads its own actions (members of
-- pg_read_all_stats read all), refused ones included.
SET ROLE regress_bk_nobody;
SELECT operation, outcome, count(*) FROM ddb_audit_log GROUP BY 1, 2 ORDER BY 1, 2;
SELECT count(*) AS others_rows FROM ddb_audit_log WHERE role_name <> 'regress_bk_nobody';
RESET ROLE;
SELECT role_name, operation, outcome, count(*) FROM ddb_audit_log
WHERE role_name LIKE 'regress_bk_%' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

DROP EXTENSION ddbtable;
DROP ROLE regress_bk_member, regress_bk_owner, regress_bk_reader, regress_bk_nobody;
