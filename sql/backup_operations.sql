-- On-demand backups (backups.md §4.1-4.4): CreateBackup, DescribeBackup,
-- ListBackups and DeleteBackup through ddb_execute (DynamoDB's JSON error
-- bodies) and the raising ddb_<operation> forms, every validation, the
-- rules while a backup is being created, the friendly functions, and the
-- items a backup holds (ddb_backup_items).
CREATE EXTENSION ddbtable;

-- Replace what changes from run to run (backup ids, times, table ids).
CREATE FUNCTION pg_temp.mask(j jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
SELECT regexp_replace(regexp_replace(regexp_replace(j::text,
	'/backup/[0-9]{14}-[0-9a-f]{8}', '/backup/<id>', 'g'),
	'"(TableId)": "[0-9a-f-]{36}"', '"\1": "<uuid>"', 'g'),
	'"(BackupCreationDateTime|TableCreationDateTime|EarliestRestorableDateTime|LatestRestorableDateTime)": [0-9.]+',
	'"\1": "<time>"', 'g')::jsonb
$$;

-- Insert rows straight into a table's item relation (PutItem comes later).
CREATE FUNCTION pg_temp.put(rel regclass, rows text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('INSERT INTO %s VALUES %s', rel, rows);
END
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

SELECT ddb_create_table($${
	"TableName": "Orders",
	"AttributeDefinitions": [{"AttributeName": "OrderId", "AttributeType": "S"},
	                         {"AttributeName": "LineNo", "AttributeType": "N"},
	                         {"AttributeName": "Customer", "AttributeType": "S"},
	                         {"AttributeName": "Placed", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "OrderId", "KeyType": "HASH"},
	              {"AttributeName": "LineNo", "KeyType": "RANGE"}],
	"LocalSecondaryIndexes": [{"IndexName": "ByPlaced",
		"KeySchema": [{"AttributeName": "OrderId", "KeyType": "HASH"},
		              {"AttributeName": "Placed", "KeyType": "RANGE"}],
		"Projection": {"ProjectionType": "KEYS_ONLY"}}],
	"GlobalSecondaryIndexes": [{"IndexName": "ByCustomer",
		"KeySchema": [{"AttributeName": "Customer", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["Total"]},
		"ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 1}}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 3},
	"StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"},
	"SSESpecification": {"Enabled": true, "SSEType": "KMS"}}$$) -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT ddb_update_time_to_live('Orders', 'Expires') -> 'TimeToLiveSpecification' AS ttl;
SELECT pg_temp.put(ddb_table_relation('Orders'), string_agg(format(
	$r$('order%s', %s, '{"OrderId": {"S": "order%s"}, "LineNo": {"N": "%s"}, "Customer": {"S": "c%s"}, "Total": {"N": "%s.5"}}', 60)$r$,
	i / 3, i % 3, i / 3, i % 3, i % 4, i), ', '))
FROM generate_series(1, 30) AS i;

--
-- CreateBackup: validation (every constraint violation together).
-- TableName is of the model type TableArn: 1..1024 characters, a name or
-- an ARN, no pattern; a name no table can have is not found.
--
SELECT ddb_execute('CreateBackup', '{}');
SELECT ddb_execute('CreateBackup', '{"BackupName": "nightly"}');
SELECT ddb_execute('CreateBackup', '{"TableName": "Orders"}');
SELECT ddb_execute('CreateBackup', '{"TableName": "", "BackupName": "nightly"}');
SELECT ddb_execute('CreateBackup', jsonb_build_object('TableName', repeat('t', 1025), 'BackupName', 'nightly')) ->> 'message'
	LIKE '1 validation error detected: Value ''ttt%'' at ''tableName'' failed to satisfy constraint: Member must have length less than or equal to 1024' AS too_long;
SELECT ddb_execute('CreateBackup', '{"TableName": "ab", "BackupName": "nightly"}');
SELECT ddb_execute('CreateBackup', '{"TableName": "Orders", "BackupName": "a;"}');
SELECT ddb_execute('CreateBackup', '{"TableName": "Ord ers", "BackupName": "ni"}');
SELECT ddb_execute('CreateBackup', jsonb_build_object('TableName', 'Orders', 'BackupName', repeat('b', 256)));
SELECT ddb_execute('CreateBackup', '{"TableName": "Orders", "BackupName": 12}');
SELECT ddb_execute('CreateBackup', '{"TableName": ["Orders"], "BackupName": "nightly"}');
SELECT ddb_execute('CreateBackup', '[]');
-- a missing source table is TableNotFoundException, by name or by ARN
SELECT ddb_execute('CreateBackup', '{"TableName": "NoSuchTable", "BackupName": "nightly"}');
SELECT ddb_execute('CreateBackup', '{"TableName": "arn:aws:dynamodb:us-east-1:000000000000:table/NoSuchTable", "BackupName": "nightly"}');
SELECT ddb_create_backup('{"TableName": "NoSuchTable", "BackupName": "nightly"}'::jsonb);
-- a table being created (in this very transaction) has no backups yet
BEGIN;
SELECT ddb_create_table('{"TableName": "Fresh", "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}') IS NOT NULL AS created;
SELECT ddb_execute('CreateBackup', '{"TableName": "Fresh", "BackupName": "too-early"}');
ROLLBACK;

--
-- CreateBackup answers at once with CREATING; the copy becomes AVAILABLE
-- when the request has committed and every chunk is stored.
--
SELECT pg_temp.mask(ddb_execute('CreateBackup', '{"TableName": "Orders", "BackupName": "nightly"}'));
SELECT backup_arn AS arn1 FROM ddb_backups WHERE backup_name = 'nightly' \gset
SELECT pg_temp.mask(ddb_wait_for_backup(:'arn1'));
-- the ARN: <table ARN>/backup/<creation time in epoch ms, 14 digits>-<8 hex>
SELECT :'arn1' ~ '^arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/[0-9]{14}-[0-9a-f]{8}$' AS arn_shape,
	(ddb_describe_backup(:'arn1') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupCreationDateTime')::numeric * 1000
		= substr(split_part(:'arn1', '/backup/', 2), 1, 14)::numeric AS id_is_creation_time;
-- the same by ARN, and the friendly form (which returns the BackupDetails)
SELECT pg_temp.mask(ddb_create_backup('{"TableName": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders", "BackupName": "by-arn"}'::jsonb));
SELECT pg_temp.mask(ddb_create_backup('Orders', 'friendly'));
SELECT backup_arn AS arn2 FROM ddb_backups WHERE backup_name = 'by-arn' \gset
SELECT backup_arn AS arn3 FROM ddb_backups WHERE backup_name = 'friendly' \gset
SELECT ddb_wait_for_backup(:'arn2') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus' AS status2,
	ddb_wait_for_backup(:'arn3') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus' AS status3;
-- backup names need not be unique
SELECT ddb_create_backup('Orders', 'nightly') ->> 'BackupStatus' AS same_name_again;
SELECT backup_arn AS arn4 FROM ddb_backups WHERE backup_name = 'nightly' AND backup_arn <> :'arn1' \gset
SELECT ddb_wait_for_backup(:'arn4') IS NOT NULL AS done;

-- What a backup holds: every item, byte for byte.
SELECT count(*) AS items,
	(SELECT array_agg(i ORDER BY i::text) FROM ddb_backup_items(:'arn1') AS i)
	= (SELECT array_agg(i ORDER BY i::text) FROM ddb_items('Orders') AS i) AS same_items
FROM ddb_backup_items(:'arn1');
SELECT backup_name, status, item_count, table_size_bytes, chunk_count, backup_size_bytes > 0 AS has_size,
	owner, failure_reason
FROM ddb_backups WHERE backup_arn = :'arn1';
-- the chunk format: magic, version, sequence, CRC-32C recorded beside it
SELECT c.seq, substr(c.payload, 1, 4) AS magic, get_byte(c.payload, 4) AS version,
	get_byte(c.payload, 6) AS codec, c.item_count, c.raw_length > 0 AS has_raw,
	c.checksum = get_byte(c.payload, 24) + (get_byte(c.payload, 25) << 8) +
		(get_byte(c.payload, 26) << 16) + get_byte(c.payload, 27)::bigint * 16777216 AS crc_in_header
FROM ddb_catalog.backup_chunks c JOIN ddb_catalog.backups b USING (backup_id)
WHERE b.backup_arn = :'arn1';

--
-- DescribeBackup
--
SELECT pg_temp.mask(ddb_execute('DescribeBackup', jsonb_build_object('BackupArn', :'arn1')));
SELECT ddb_execute('DescribeBackup', '{}');
SELECT ddb_execute('DescribeBackup', '{"BackupArn": "arn:aws:dynamodb:us-east-1:0"}');
SELECT ddb_execute('DescribeBackup', jsonb_build_object('BackupArn', repeat('a', 1025)));
SELECT ddb_execute('DescribeBackup', '{"BackupArn": 7}');
SELECT ddb_execute('DescribeBackup', '{"BackupArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/123"}');
SELECT ddb_execute('DescribeBackup', '{"BackupArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/index/01700000000000-00000000"}');
SELECT ddb_execute('DescribeBackup', '{"BackupArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/01700000000000-0000000g"}');
SELECT ddb_execute('DescribeBackup', '{"BackupArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/01700000000000-00000000"}');
SELECT ddb_describe_backup('{"BackupArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/01700000000000-00000000"}'::jsonb);
SELECT ddb_describe_backup('arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/01700000000000-00000000');

--
-- ListBackups: only CREATING and AVAILABLE, ascending creation time then
-- ARN, USER backups unless BackupType says otherwise
--
SELECT jsonb_array_length(ddb_execute('ListBackups', '{}') -> 'BackupSummaries') AS listed;
SELECT pg_temp.mask(s) FROM jsonb_array_elements(ddb_execute('ListBackups', '{"TableName": "Orders", "Limit": 1}') -> 'BackupSummaries') AS s;
SELECT ddb_execute('ListBackups', '{"TableName": "Orders", "Limit": 1}') ->> 'LastEvaluatedBackupArn' = :'arn1' AS last_is_first;
-- paging: every page's LastEvaluatedBackupArn leads to the next; the order is stable
WITH RECURSIVE pages(n, page) AS (
	SELECT 1, ddb_execute('ListBackups', '{"Limit": 2}')
	UNION ALL
	SELECT n + 1, ddb_execute('ListBackups', jsonb_build_object('Limit', 2,
		'ExclusiveStartBackupArn', page ->> 'LastEvaluatedBackupArn'))
	FROM pages WHERE page ? 'LastEvaluatedBackupArn'
)
SELECT n, jsonb_array_length(page -> 'BackupSummaries') AS summaries,
	page ? 'LastEvaluatedBackupArn' AS more
FROM pages ORDER BY n;
SELECT array_agg(s ->> 'BackupArn' ORDER BY ord) = array_agg(s ->> 'BackupArn' ORDER BY s ->> 'BackupCreationDateTime', s ->> 'BackupArn') AS ordered
FROM jsonb_array_elements(ddb_execute('ListBackups', '{}') -> 'BackupSummaries') WITH ORDINALITY AS t(s, ord);
-- an ExclusiveStartBackupArn is a position: it need not exist any more
SELECT jsonb_array_length(ddb_execute('ListBackups', '{"ExclusiveStartBackupArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/00000000000000-00000000"}') -> 'BackupSummaries') AS after_the_beginning,
	jsonb_array_length(ddb_execute('ListBackups', '{"ExclusiveStartBackupArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/99999999999999-ffffffff"}') -> 'BackupSummaries') AS after_the_end;
-- by source table: name or ARN; other tables, or a deleted table, list nothing
SELECT jsonb_array_length(ddb_execute('ListBackups', '{"TableName": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders"}') -> 'BackupSummaries') AS by_arn,
	jsonb_array_length(ddb_execute('ListBackups', '{"TableName": "Other"}') -> 'BackupSummaries') AS other;
-- by backup type
SELECT jsonb_array_length(ddb_execute('ListBackups', '{"BackupType": "ALL"}') -> 'BackupSummaries') AS all_types,
	jsonb_array_length(ddb_execute('ListBackups', '{"BackupType": "USER"}') -> 'BackupSummaries') AS user_type,
	jsonb_array_length(ddb_execute('ListBackups', '{"BackupType": "SYSTEM"}') -> 'BackupSummaries') AS system_type,
	jsonb_array_length(ddb_execute('ListBackups', '{"BackupType": "AWS_BACKUP"}') -> 'BackupSummaries') AS aws_backup_type;
-- by creation time: the lower bound is inclusive, the upper bound exclusive
SELECT (ddb_describe_backup(:'arn2') -> 'BackupDescription' -> 'BackupDetails' -> 'BackupCreationDateTime') AS t2 \gset
SELECT jsonb_array_length(ddb_execute('ListBackups', jsonb_build_object('TimeRangeLowerBound', :t2)) -> 'BackupSummaries') AS from_t2,
	jsonb_array_length(ddb_execute('ListBackups', jsonb_build_object('TimeRangeUpperBound', :t2)) -> 'BackupSummaries') AS before_t2,
	jsonb_array_length(ddb_execute('ListBackups', jsonb_build_object('TimeRangeLowerBound', :t2, 'TimeRangeUpperBound', :t2)) -> 'BackupSummaries') AS empty_range,
	jsonb_array_length(ddb_execute('ListBackups', '{"TimeRangeLowerBound": 0, "TimeRangeUpperBound": 99999999999999}') -> 'BackupSummaries') AS everything;
-- validation
SELECT ddb_execute('ListBackups', '{"Limit": 0}');
SELECT ddb_execute('ListBackups', '{"Limit": 101, "BackupType": "MINE"}');
SELECT ddb_execute('ListBackups', '{"Limit": "1"}');
-- TableName is a TableArn here: 1..1024 characters, no pattern
SELECT ddb_execute('ListBackups', '{"TableName": ""}');
SELECT ddb_execute('ListBackups', jsonb_build_object('TableName', repeat('t', 1025))) ->> 'message' LIKE '1 validation error detected: Value ''ttt%''tableName'' failed to satisfy constraint: Member must have length less than or equal to 1024' AS too_long;
SELECT ddb_execute('ListBackups', '{"TableName": "a;b"}');
SELECT ddb_execute('ListBackups', '{"TimeRangeLowerBound": "yesterday"}');
SELECT ddb_execute('ListBackups', '{"TimeRangeUpperBound": true}');
SELECT ddb_execute('ListBackups', '{"TimeRangeUpperBound": {"a": 1}}');
SELECT ddb_execute('ListBackups', '{"ExclusiveStartBackupArn": "short"}');
SELECT ddb_execute('ListBackups', '{"ExclusiveStartBackupArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders"}');
-- the friendly form: every summary, every page, every type
SELECT count(*) AS all_summaries, count(*) FILTER (WHERE s ->> 'TableName' = 'Orders') AS of_orders
FROM ddb_list_backups() AS s;
SELECT count(*) AS of_orders FROM ddb_list_backups('Orders');
SELECT count(*) AS of_nothing FROM ddb_list_backups('Nothing');

--
-- DeleteBackup
--
SELECT ddb_execute('DeleteBackup', '{}');
SELECT ddb_execute('DeleteBackup', '{"BackupArn": "not-an-arn-but-long-enough-to-pass-the-length"}');
SELECT ddb_execute('DeleteBackup', '{"BackupArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/01700000000000-00000000"}');
SELECT pg_temp.mask(ddb_execute('DeleteBackup', jsonb_build_object('BackupArn', :'arn4')));
SELECT pg_temp.try(format('SELECT ddb_delete_backup(%L)', :'arn4')) AS deleted_again;
SELECT pg_temp.try(format('SELECT ddb_describe_backup(%L)', :'arn4')) AS described_after;
SELECT count(*) AS chunks_left FROM ddb_catalog.backup_chunks c
WHERE NOT EXISTS (SELECT 1 FROM ddb_catalog.backups b WHERE b.backup_id = c.backup_id);
SELECT pg_temp.mask(ddb_delete_backup(:'arn3')) -> 'BackupDescription' -> 'BackupDetails' AS friendly_delete;

--
-- While a backup is being created (the worker is slowed down here) it
-- cannot be deleted or cancelled, its table cannot be deleted and PITR
-- cannot be turned off on it; reads, writes and other changes go on.
--
SELECT ddb_update_continuous_backups('Orders', true) -> 'ContinuousBackupsDescription' ->> 'ContinuousBackupsStatus' AS pitr;
SET ddbtable.backup_chunk_delay = '4s';
SELECT ddb_create_backup('Orders', 'slow') ->> 'BackupArn' AS slow \gset
RESET ddbtable.backup_chunk_delay;
SELECT pg_temp.mask(ddb_describe_backup(:'slow')) -> 'BackupDescription' -> 'BackupDetails' AS creating;
SELECT ddb_execute('DeleteBackup', jsonb_build_object('BackupArn', :'slow'));
SELECT ddb_execute('DeleteTable', '{"TableName": "Orders"}');
SELECT ddb_execute('UpdateContinuousBackups', '{"TableName": "Orders", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": false}}');
SELECT ddb_execute('UpdateContinuousBackups', '{"TableName": "Orders", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true, "RecoveryPeriodInDays": 7}}')
	-> 'ContinuousBackupsDescription' -> 'PointInTimeRecoveryDescription' -> 'RecoveryPeriodInDays' AS still_changeable;
SELECT pg_temp.put(ddb_table_relation('Orders'),
	$r$('order99', 1, '{"OrderId": {"S": "order99"}, "LineNo": {"N": "1"}}', 20)$r$) AS written;
SELECT count(*) AS readable FROM ddb_items('Orders');
SELECT count(*) AS listed_creating FROM ddb_list_backups('Orders') AS s WHERE s ->> 'BackupStatus' = 'CREATING';
-- ddb_wait_for_backup gives up after its timeout
SELECT pg_temp.try(format('SELECT ddb_wait_for_backup(%L, %L)', :'slow', '10ms')) AS timeout;
SELECT ddb_wait_for_backup(:'slow') -> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus' AS finally;
-- the item written meanwhile is not in the backup: it holds the request's snapshot
SELECT count(*) AS items_in_slow FROM ddb_backup_items(:'slow');
SELECT ddb_update_continuous_backups('Orders', false) -> 'ContinuousBackupsDescription' -> 'PointInTimeRecoveryDescription' AS pitr_off;

--
-- A request that rolls back leaves no backup and no chunks; waiting in the
-- requesting transaction is refused at once.
--
BEGIN;
SELECT ddb_create_backup('Orders', 'rolled-back') ->> 'BackupStatus' AS status;
SELECT count(*) AS seen_inside FROM ddb_backups WHERE backup_name = 'rolled-back';
SELECT pg_temp.try(format('SELECT ddb_wait_for_backup(%L)',
	(SELECT backup_arn FROM ddb_backups WHERE backup_name = 'rolled-back'))) AS wait_inside;
ROLLBACK;
SELECT count(*) AS seen_after FROM ddb_backups WHERE backup_name = 'rolled-back';
BEGIN;
SAVEPOINT s;
SELECT ddb_execute('CreateBackup', '{"TableName": "Orders", "BackupName": "in-savepoint"}') -> 'BackupDetails' ->> 'BackupStatus' AS status;
ROLLBACK TO SAVEPOINT s;
COMMIT;
SELECT count(*) AS seen_after_savepoint FROM ddb_backups WHERE backup_name = 'in-savepoint';
SELECT count(*) AS orphan_chunks FROM ddb_catalog.backup_chunks c
WHERE NOT EXISTS (SELECT 1 FROM ddb_catalog.backups b WHERE b.backup_id = c.backup_id);

--
-- A backup whose worker is gone (killed, or the server crashed) is shown
-- DELETED by DescribeBackup, is not listed, is FAILED with the reason in
-- ddb_backups, and DeleteBackup removes it.  (Here a CREATING row without
-- any worker stands for one.)
--
INSERT INTO ddb_catalog.backups (backup_arn, backup_name, backup_type, backup_status,
	creation_time, table_id, table_name, table_arn, source_table_details,
	source_table_features, table_definition, owner_role)
SELECT 'arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/01700000000000-0000dead',
	'orphan', 'USER', 'CREATING', 'epoch'::timestamptz + interval '1700000000 seconds', table_id,
	table_name, table_arn, '{"TableName": "Orders"}', '{}', '{}', current_user
FROM ddb_catalog.tables WHERE table_name = 'Orders';
SELECT ddb_describe_backup('arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/01700000000000-0000dead')
	-> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus' AS shown;
SELECT backup_name, status, failure_reason FROM ddb_backups WHERE backup_name = 'orphan';
SELECT backup_status, completion_time IS NOT NULL AS recorded FROM ddb_catalog.backups WHERE backup_name = 'orphan';
SELECT count(*) AS listed FROM ddb_list_backups() AS s WHERE s ->> 'BackupName' = 'orphan';
SELECT pg_temp.try('SELECT * FROM ddb_backup_items(''arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/01700000000000-0000dead'')') AS read_failed;
SELECT pg_temp.try('SELECT ddb_wait_for_backup(''arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/01700000000000-0000dead'')') AS wait_failed;
SELECT ddb_delete_backup('arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/01700000000000-0000dead')
	-> 'BackupDescription' -> 'BackupDetails' ->> 'BackupStatus' AS deleted;

--
-- Every key type, an empty table, items with toasted values.
--
SELECT ddb_create_table('{"TableName": "Numbers", "AttributeDefinitions": [{"AttributeName": "n", "AttributeType": "N"}],
	"KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}') IS NOT NULL AS created;
SELECT ddb_create_table('{"TableName": "Blobs", "AttributeDefinitions": [{"AttributeName": "b", "AttributeType": "B"}, {"AttributeName": "s", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}, {"AttributeName": "s", "KeyType": "RANGE"}], "BillingMode": "PAY_PER_REQUEST"}') IS NOT NULL AS created;
SELECT ddb_create_table('{"TableName": "Empty", "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}') IS NOT NULL AS created;
SELECT pg_temp.put(ddb_table_relation('Numbers'),
	$r$(-12.5, '{"n": {"N": "-12.5"}}', 6), (1e30, '{"n": {"N": "1E+30"}}', 6), (0, '{"n": {"N": "0"}}', 2)$r$);
SELECT pg_temp.put(ddb_table_relation('Blobs'), format(
	$r$('\x00ff', 'x', '{"b": {"B": "AP8="}, "s": {"S": "x"}}', 4), ('\x01', 'long', '{"b": {"B": "AQ=="}, "s": {"S": "long"}, "big": {"S": "%s"}}', 20005)$r$,
	repeat(md5('x'), 625)));
SELECT ddb_create_backup('Numbers', 'numbers') ->> 'BackupArn' AS numbers \gset
SELECT ddb_create_backup('Blobs', 'blobs') ->> 'BackupArn' AS blobs \gset
SELECT ddb_create_backup('Empty', 'empty') ->> 'BackupArn' AS empty \gset
SELECT ddb_wait_for_backup(:'numbers') IS NOT NULL AND ddb_wait_for_backup(:'blobs') IS NOT NULL
	AND ddb_wait_for_backup(:'empty') IS NOT NULL AS all_available;
SELECT i FROM ddb_backup_items(:'numbers') AS i ORDER BY i::text;
SELECT i -> 'b', i -> 's', length(i -> 'big' ->> 'S') FROM ddb_backup_items(:'blobs') AS i ORDER BY i::text;
SELECT count(*) AS empty_items FROM ddb_backup_items(:'empty');
SELECT backup_name, item_count, table_size_bytes, chunk_count FROM ddb_backups
WHERE backup_name IN ('numbers', 'blobs', 'empty') ORDER BY backup_name;
SELECT pg_temp.mask(ddb_describe_backup(:'empty')) -> 'BackupDescription' AS empty_description;

-- A damaged chunk is detected by its checksums and never decoded.
CREATE FUNCTION pg_temp.read_error(arn text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	detail text;
BEGIN
	PERFORM count(*) FROM ddb_backup_items(arn);
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || regexp_replace(SQLERRM, '/backup/[0-9]{14}-[0-9a-f]{8}', '/backup/<id>', 'g')
		|| coalesce(' (' || detail || ')', '');
END
$$;
CREATE FUNCTION pg_temp.flip(arn text, pos int) RETURNS void
LANGUAGE sql AS $$
UPDATE ddb_catalog.backup_chunks c
SET payload = set_byte(c.payload, pos, get_byte(c.payload, pos) # 1)
FROM ddb_catalog.backups b WHERE b.backup_id = c.backup_id AND b.backup_arn = arn AND c.seq = 0
$$;
SELECT pg_temp.flip(:'blobs', 40);
SELECT pg_temp.read_error(:'blobs') AS payload_damaged;
SELECT pg_temp.flip(:'blobs', 40);
SELECT pg_temp.read_error(:'blobs') AS repaired;
SELECT pg_temp.flip(:'blobs', 12);
SELECT pg_temp.read_error(:'blobs') AS header_damaged;
SELECT pg_temp.flip(:'blobs', 0);
SELECT pg_temp.read_error(:'blobs') AS magic_damaged;
DELETE FROM ddb_catalog.backup_chunks c USING ddb_catalog.backups b
WHERE b.backup_id = c.backup_id AND b.backup_arn = :'blobs';
SELECT pg_temp.read_error(:'blobs') AS chunk_missing;

-- Backups outlive their table, and are still listed by its name.
SELECT ddb_delete_table('Numbers') -> 'TableDescription' ->> 'TableStatus' AS deleted;
SELECT count(*) AS still_listed FROM ddb_list_backups('Numbers');
SELECT count(*) AS still_readable FROM ddb_backup_items(:'numbers');

-- pg_dump keeps AVAILABLE and FAILED backups, not those in progress.
SELECT c.relname, x.cond
FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(oid, cond)
JOIN pg_class c ON c.oid = x.oid
WHERE e.extname = 'ddbtable' AND c.relname LIKE 'backup%' ORDER BY c.relname;

-- Nothing runs any more; then the extension can go.
SELECT count(*) AS running FROM ddb_progress;
DROP EXTENSION ddbtable;
