-- Who may restore (backups.md §8, src/ddb_restore.c): the right to the
-- backup -- its owner, members of the owning role, superusers -- and the
-- right to create tables (CREATE on ddb_data).  A role that cannot read a
-- table cannot read its items by restoring a backup of it; privileges
-- granted on the source are not carried over to the restored table.
CREATE EXTENSION ddbtable;

CREATE ROLE regress_restore_owner;
CREATE ROLE regress_restore_member IN ROLE regress_restore_owner;
CREATE ROLE regress_restore_thief;
CREATE ROLE regress_restore_reader;
GRANT CREATE ON SCHEMA ddb_data TO regress_restore_owner, regress_restore_thief;

-- Run a statement (whose text names relations that change per run).
CREATE FUNCTION pg_temp.exec(sql text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE sql;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.exec(text) TO PUBLIC;

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

CREATE FUNCTION pg_temp.mask(j jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
SELECT regexp_replace(j::text, '/backup/[0-9]{14}-[0-9a-f]{8}', '/backup/<id>', 'g')::jsonb
$$;
GRANT EXECUTE ON FUNCTION pg_temp.mask(jsonb) TO PUBLIC;

-- The owner's table, with a secret in it, readable by one other role.
SET ROLE regress_restore_owner;
SELECT ddb_create_table($${"TableName": "Secret",
	"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
SELECT pg_temp.exec(format('GRANT SELECT ON %s TO regress_restore_reader', ddb_table_relation('Secret')));
RESET ROLE;
SELECT pg_temp.exec(format($$INSERT INTO %s VALUES ('a', '{"k": {"S": "a"}, "password": {"S": "hunter2"}}', 17)$$,
	ddb_table_relation('Secret')));
SET ROLE regress_restore_owner;
SELECT ddb_create_backup('Secret', 'secret-backup') ->> 'BackupArn' AS arn \gset
SELECT ddb_wait_for_backup(:'arn') IS NOT NULL AS available;
RESET ROLE;
GRANT EXECUTE ON FUNCTION pg_temp.try(text) TO PUBLIC;

--
-- A role that cannot read the table can neither read it, nor back it up,
-- nor restore the owner's backup of it
--
SET ROLE regress_restore_thief;
SELECT pg_temp.try($$SELECT count(*) FROM ddb_items('Secret')$$);
SELECT ddb_execute('CreateBackup', '{"TableName": "Secret", "BackupName": "stolen"}') ->> '__type' AS backup;
SELECT pg_temp.mask(ddb_execute('RestoreTableFromBackup',
	jsonb_build_object('TargetTableName', 'Stolen', 'BackupArn', :'arn')));
SELECT pg_temp.try(format('SELECT ddb_restore_table(%L, %L)', :'arn', 'Stolen'));
-- validation comes first, as in the service; a missing backup is
-- BackupNotFoundException for everyone
SELECT ddb_execute('RestoreTableFromBackup', jsonb_build_object('TargetTableName', 'x', 'BackupArn', :'arn')) ->> '__type' AS invalid;
SELECT ddb_execute('RestoreTableFromBackup', '{"TargetTableName": "Stolen",
	"BackupArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Secret/backup/01700003600250-5e0c1a9f"}') ->> '__type' AS missing;
-- nothing was created, and the thief sees no restore
SELECT ddb_execute('ListTables') AS tables;
SELECT count(*) AS restores_seen FROM ddb_restores;
RESET ROLE;
SELECT count(*) AS stolen_tables FROM ddb_catalog.tables WHERE table_name = 'Stolen';

--
-- The owner may restore; the restored table is the owner's, without the
-- grants of the source
--
SET ROLE regress_restore_owner;
SELECT ddb_restore_table(:'arn', 'SecretCopy') ->> 'TableStatus' AS status;
SELECT ddb_wait_for_restore('SecretCopy') -> 'Table' ->> 'ItemCount' AS items;
SELECT count(*) AS restores_seen FROM ddb_restores;
RESET ROLE;
SELECT pg_get_userbyid(relowner) AS owner, relacl IS NULL AS no_grants
FROM pg_class WHERE oid = ddb_table_relation('SecretCopy');
SET ROLE regress_restore_reader;
SELECT count(*) AS reader_reads_source FROM ddb_items('Secret');
SELECT pg_temp.try($$SELECT count(*) FROM ddb_items('SecretCopy')$$);
SELECT ddb_execute('ListTables') AS reader_lists;
SELECT count(*) AS restores_seen FROM ddb_restores;
SELECT pg_temp.try($$SELECT ddb_wait_for_restore('SecretCopy')$$);
RESET ROLE;
SET ROLE regress_restore_thief;
SELECT pg_temp.try($$SELECT count(*) FROM ddb_items('SecretCopy')$$);
SELECT ddb_execute('DescribeTable', '{"TableName": "SecretCopy"}') ->> '__type' AS describe;
RESET ROLE;

--
-- A member of the owning role may restore it too (the documented grant),
-- and owns what it restores
--
SET ROLE regress_restore_member;
SELECT ddb_restore_table(:'arn', 'MemberCopy') ->> 'TableStatus' AS status;
SELECT ddb_wait_for_restore('MemberCopy') -> 'Table' ->> 'ItemCount' AS items;
RESET ROLE;
SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = ddb_table_relation('MemberCopy');

--
-- Without CREATE on ddb_data even the owner cannot restore
--
REVOKE CREATE ON SCHEMA ddb_data FROM regress_restore_owner;
SET ROLE regress_restore_owner;
SELECT pg_temp.mask(ddb_execute('RestoreTableFromBackup',
	jsonb_build_object('TargetTableName', 'NoRight', 'BackupArn', :'arn')));
RESET ROLE;
GRANT CREATE ON SCHEMA ddb_data TO regress_restore_owner;

-- A superuser may restore any backup.
SELECT ddb_restore_table(:'arn', 'AdminCopy') ->> 'TableStatus' AS status;
SELECT ddb_wait_for_restore('AdminCopy') -> 'Table' ->> 'ItemCount' AS items;

-- Every refusal is in the audit log, with the role that was refused.
SELECT role_name, outcome, count(*)
FROM ddb_audit_log WHERE operation = 'RestoreTableFromBackup'
GROUP BY 1, 2 ORDER BY 1, 2;

DROP EXTENSION ddbtable;
DROP ROLE regress_restore_member, regress_restore_owner, regress_restore_thief,
	regress_restore_reader;
