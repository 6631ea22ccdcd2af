-- What a restored table gets (backups.md §4.5): the capacities recorded
-- when the backup was requested, its LSIs and GSIs, its encryption --
-- unless the overrides say otherwise -- and none of the settings that are
-- not carried over (stream, TTL, PITR, tags, deletion protection, table
-- class, privileges).  Every override and its errors.
CREATE EXTENSION ddbtable;

-- Run a statement (whose text names relations that change per run).
CREATE FUNCTION pg_temp.exec(sql text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE sql;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.exec(text) TO PUBLIC;

CREATE FUNCTION pg_temp.mask(j jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
SELECT regexp_replace(regexp_replace(regexp_replace(j::text,
	'/backup/[0-9]{14}-[0-9a-f]{8}', '/backup/<id>', 'g'),
	'"(TableId)": "[0-9a-f-]{36}"', '"\1": "<uuid>"', 'g'),
	'"(CreationDateTime|RestoreDateTime|LastIncreaseDateTime|LastDecreaseDateTime)": [0-9.]+',
	'"\1": "<time>"', 'g')::jsonb
$$;

CREATE FUNCTION pg_temp.put(rel regclass, rows text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('INSERT INTO %s VALUES %s', rel, rows);
END
$$;

-- The parts of a table's description that the overrides decide.
CREATE FUNCTION pg_temp.shape(name text) RETURNS jsonb
LANGUAGE sql AS $$
SELECT pg_temp.mask(jsonb_strip_nulls(jsonb_build_object(
	'TableStatus', t -> 'TableStatus',
	'BillingMode', t -> 'BillingModeSummary' -> 'BillingMode',
	'ProvisionedThroughput', t -> 'ProvisionedThroughput',
	'OnDemandThroughput', t -> 'OnDemandThroughput',
	'AttributeDefinitions', t -> 'AttributeDefinitions',
	'LSIs', (SELECT jsonb_agg(jsonb_build_object('IndexName', i -> 'IndexName',
			'Projection', i -> 'Projection', 'ItemCount', i -> 'ItemCount'))
		FROM jsonb_array_elements(t -> 'LocalSecondaryIndexes') i),
	'GSIs', (SELECT jsonb_agg(jsonb_build_object('IndexName', i -> 'IndexName',
			'IndexStatus', i -> 'IndexStatus', 'Projection', i -> 'Projection',
			'ProvisionedThroughput', i -> 'ProvisionedThroughput',
			'OnDemandThroughput', i -> 'OnDemandThroughput', 'ItemCount', i -> 'ItemCount'))
		FROM jsonb_array_elements(t -> 'GlobalSecondaryIndexes') i),
	'SSEDescription', t -> 'SSEDescription',
	'StreamSpecification', t -> 'StreamSpecification',
	'TableClassSummary', t -> 'TableClassSummary',
	'DeletionProtectionEnabled', t -> 'DeletionProtectionEnabled',
	'RestoreInProgress', t -> 'RestoreSummary' -> 'RestoreInProgress')))
FROM (SELECT ddb_describe_table(name) -> 'Table' AS t) d
$$;

-- The projected attributes stored in an index relation.
CREATE FUNCTION pg_temp.entries(relname text) RETURNS SETOF jsonb
LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format('SELECT item FROM ddb_data.%I', relname);
END
$$;

-- Restore with the given overrides (the answer, or the error).
CREATE FUNCTION pg_temp.restore(target text, arn text, overrides jsonb DEFAULT '{}') RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
	response jsonb;
BEGIN
	response := ddb_execute('RestoreTableFromBackup', overrides ||
		jsonb_build_object('TargetTableName', target, 'BackupArn', arn));
	IF response ? '__type' THEN
		RETURN pg_temp.mask(response);
	END IF;
	RETURN jsonb_build_object('answered', response -> 'TableDescription' -> 'TableStatus');
END
$$;

-- Wait until a restore is complete; the shape of the table.
CREATE FUNCTION pg_temp.finish(target text) RETURNS jsonb
LANGUAGE sql AS $$
SELECT ddb_wait_for_restore(target) IS NOT NULL;
SELECT pg_temp.shape(target);
$$;

--
-- The source: provisioned, with an LSI, two GSIs, a stream, KMS
-- encryption, tags, TTL, PITR, deletion protection and a table class
--
SELECT ddb_create_table($${
	"TableName": "Music",
	"AttributeDefinitions": [{"AttributeName": "Artist", "AttributeType": "S"},
	                         {"AttributeName": "Song", "AttributeType": "S"},
	                         {"AttributeName": "Year", "AttributeType": "N"},
	                         {"AttributeName": "Genre", "AttributeType": "S"},
	                         {"AttributeName": "Album", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
	              {"AttributeName": "Song", "KeyType": "RANGE"}],
	"ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 3},
	"LocalSecondaryIndexes": [{"IndexName": "ByYear",
		"KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
		              {"AttributeName": "Year", "KeyType": "RANGE"}],
		"Projection": {"ProjectionType": "KEYS_ONLY"}}],
	"GlobalSecondaryIndexes": [{"IndexName": "ByGenre",
		"KeySchema": [{"AttributeName": "Genre", "KeyType": "HASH"},
		              {"AttributeName": "Year", "KeyType": "RANGE"}],
		"Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["Album", "Label"]},
		"ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 1}},
		{"IndexName": "ByAlbum",
		"KeySchema": [{"AttributeName": "Album", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "KEYS_ONLY"},
		"ProvisionedThroughput": {"ReadCapacityUnits": 4, "WriteCapacityUnits": 4}}],
	"StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"},
	"SSESpecification": {"Enabled": true, "SSEType": "KMS", "KMSMasterKeyId": "alias/music"},
	"Tags": [{"Key": "team", "Value": "audio"}],
	"TableClass": "STANDARD_INFREQUENT_ACCESS",
	"DeletionProtectionEnabled": true}$$) -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT ddb_update_time_to_live('Music', 'Expires') -> 'TimeToLiveSpecification' AS ttl;
SELECT ddb_update_continuous_backups('Music', true) -> 'ContinuousBackupsDescription'
	-> 'PointInTimeRecoveryDescription' ->> 'PointInTimeRecoveryStatus' AS pitr;
CREATE ROLE regress_restore_listener;
SELECT pg_temp.exec(format('GRANT SELECT ON %s TO regress_restore_listener', ddb_table_relation('Music')));
SELECT pg_temp.put(ddb_table_relation('Music'), string_agg(format(
	$r$(%L, %L, %L, 80)$r$, 'artist' || i % 4, 'song' || i,
	jsonb_build_object('Artist', jsonb_build_object('S', 'artist' || i % 4),
		'Song', jsonb_build_object('S', 'song' || i),
		'Year', jsonb_build_object('N', (1960 + i)::text),
		'Genre', jsonb_build_object('S', CASE WHEN i % 3 = 0 THEN 'rock' ELSE 'pop' END),
		'Album', jsonb_build_object('S', 'album' || i % 5),
		'Label', jsonb_build_object('S', 'label' || i % 2),
		'Expires', jsonb_build_object('N', '1700000000')) -
		CASE WHEN i % 7 = 0 THEN 'Album' ELSE '' END), ', '))
FROM generate_series(1, 40) AS i;

SELECT ddb_create_backup('Music', 'before') ->> 'BackupArn' AS arn \gset
SELECT ddb_wait_for_backup(:'arn') IS NOT NULL AS available;

-- Then the source changes: capacities, GSI capacities, items.
SELECT ddb_update_table('Music', '{"ProvisionedThroughput": {"ReadCapacityUnits": 50, "WriteCapacityUnits": 30}}')
	-> 'TableDescription' ->> 'TableStatus' AS status;
SELECT ddb_update_table('Music', $${"GlobalSecondaryIndexUpdates": [{"Update": {"IndexName": "ByGenre",
	"ProvisionedThroughput": {"ReadCapacityUnits": 20, "WriteCapacityUnits": 10}}}]}$$)
	-> 'TableDescription' ->> 'TableStatus' AS status;
SELECT pg_temp.exec(format('DELETE FROM %s WHERE range_key IN (''song1'', ''song2'')', ddb_table_relation('Music')));
SELECT pg_temp.put(ddb_table_relation('Music'),
	$$('artist9', 'new', '{"Artist": {"S": "artist9"}, "Song": {"S": "new"}}', 20)$$);

--
-- No override: the backup's capacities, both kinds of index, the recorded
-- encryption; no stream, TTL, PITR, tags, deletion protection, table
-- class or grants
--
SELECT pg_temp.restore('Plain', :'arn');
SELECT jsonb_pretty(pg_temp.finish('Plain'));
SELECT ddb_describe_time_to_live('{"TableName": "Plain"}') AS ttl;
SELECT ddb_describe_continuous_backups('{"TableName": "Plain"}') -> 'ContinuousBackupsDescription'
	-> 'PointInTimeRecoveryDescription' AS pitr;
SELECT count(*) AS tags FROM ddb_list_tags('Plain');
SELECT c.relacl IS NULL AS no_grants, pg_get_userbyid(c.relowner) AS owner
FROM pg_class c WHERE c.oid = ddb_table_relation('Plain');
-- exactly the items of the moment of the backup
SELECT count(*) AS items,
	count(*) FILTER (WHERE i -> 'Song' ->> 'S' IN ('song1', 'song2')) AS deleted_later,
	count(*) FILTER (WHERE i -> 'Song' ->> 'S' = 'new') AS added_later
FROM ddb_items('Plain') i;
SELECT (SELECT array_agg(i ORDER BY i::text) FROM ddb_backup_items(:'arn') i) =
	(SELECT array_agg(i ORDER BY i::text) FROM ddb_items('Plain') i) AS same_as_backup;
-- the index relations hold the entries of those items: the LSI's keys
-- only, the GSIs' projections, sparse where a key is missing
SELECT x.index_name, (SELECT count(*) FROM pg_temp.entries(x.relname)) AS entries,
	(SELECT array_agg(DISTINCT k ORDER BY k) FROM pg_temp.entries(x.relname) e,
		jsonb_object_keys(e) k) AS attributes
FROM ddb_catalog.indexes x JOIN ddb_catalog.tables t USING (table_id)
WHERE t.table_name = 'Plain' ORDER BY 1;
-- the source is protected against deletion, the restored table is not
SELECT ddb_execute('DeleteTable', '{"TableName": "Music"}') ->> '__type' AS source;
SELECT ddb_execute('DeleteTable', '{"TableName": "Plain"}') -> 'TableDescription' ->> 'TableStatus' AS restored;

--
-- BillingModeOverride and the capacity overrides
--
SELECT pg_temp.restore('OnDemand', :'arn', '{"BillingModeOverride": "PAY_PER_REQUEST"}');
SELECT jsonb_pretty(pg_temp.finish('OnDemand'));
SELECT pg_temp.restore('Bigger', :'arn', $${"ProvisionedThroughputOverride":
	{"ReadCapacityUnits": 70, "WriteCapacityUnits": 60},
	"GlobalSecondaryIndexOverride": [{"IndexName": "ByAlbum",
		"KeySchema": [{"AttributeName": "Album", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "KEYS_ONLY"},
		"ProvisionedThroughput": {"ReadCapacityUnits": 8, "WriteCapacityUnits": 9}}]}$$);
SELECT jsonb_pretty(pg_temp.finish('Bigger'));
SELECT pg_temp.restore('Bad', :'arn', '{"BillingModeOverride": "PAY_PER_REQUEST",
	"ProvisionedThroughputOverride": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}');
SELECT pg_temp.restore('Bad', :'arn', '{"ProvisionedThroughputOverride":
	{"ReadCapacityUnits": 1000000000001, "WriteCapacityUnits": 1}}');
SELECT pg_temp.restore('Bad', :'arn', '{"OnDemandThroughputOverride": {"MaxReadRequestUnits": 10}}');
SELECT pg_temp.restore('Bad', :'arn', $${"BillingModeOverride": "PAY_PER_REQUEST",
	"GlobalSecondaryIndexOverride": [{"IndexName": "ByAlbum",
		"KeySchema": [{"AttributeName": "Album", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "KEYS_ONLY"},
		"ProvisionedThroughput": {"ReadCapacityUnits": 8, "WriteCapacityUnits": 9}}]}$$);

--
-- Index overrides: a subset of the recorded indexes, or none
--
SELECT pg_temp.restore('NoIndexes', :'arn',
	'{"GlobalSecondaryIndexOverride": [], "LocalSecondaryIndexOverride": []}');
SELECT jsonb_pretty(pg_temp.finish('NoIndexes'));
-- the order of NonKeyAttributes does not matter
SELECT pg_temp.restore('OneGsi', :'arn', $${"GlobalSecondaryIndexOverride": [{"IndexName": "ByGenre",
	"KeySchema": [{"AttributeName": "Genre", "KeyType": "HASH"}, {"AttributeName": "Year", "KeyType": "RANGE"}],
	"Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["Label", "Album"]}}]}$$);
SELECT jsonb_pretty(pg_temp.finish('OneGsi'));
SELECT pg_temp.restore('Bad', :'arn', $${"GlobalSecondaryIndexOverride": [{"IndexName": "ByArtist",
	"KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}]}$$);
SELECT pg_temp.restore('Bad', :'arn', $${"GlobalSecondaryIndexOverride": [{"IndexName": "ByGenre",
	"KeySchema": [{"AttributeName": "Genre", "KeyType": "HASH"}],
	"Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["Album", "Label"]}}]}$$);
SELECT pg_temp.restore('Bad', :'arn', $${"GlobalSecondaryIndexOverride": [{"IndexName": "ByGenre",
	"KeySchema": [{"AttributeName": "Genre", "KeyType": "HASH"}, {"AttributeName": "Year", "KeyType": "RANGE"}],
	"Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["Album"]}}]}$$);
SELECT pg_temp.restore('Bad', :'arn', $${"GlobalSecondaryIndexOverride": [{"IndexName": "ByAlbum",
	"KeySchema": [{"AttributeName": "Album", "KeyType": "HASH"}], "Projection": {"ProjectionType": "KEYS_ONLY"}},
	{"IndexName": "ByAlbum",
	"KeySchema": [{"AttributeName": "Album", "KeyType": "HASH"}], "Projection": {"ProjectionType": "KEYS_ONLY"}}]}$$);
SELECT pg_temp.restore('Bad', :'arn', $${"LocalSecondaryIndexOverride": [{"IndexName": "ByYear",
	"KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"}, {"AttributeName": "Year", "KeyType": "RANGE"}],
	"Projection": {"ProjectionType": "ALL"}}]}$$);
SELECT pg_temp.restore('Bad', :'arn', $${"LocalSecondaryIndexOverride": [{"IndexName": "ByGenre",
	"KeySchema": [{"AttributeName": "Genre", "KeyType": "HASH"}, {"AttributeName": "Year", "KeyType": "RANGE"}],
	"Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["Album", "Label"]}}]}$$);

--
-- SSESpecificationOverride
--
SELECT pg_temp.restore('OwnedKey', :'arn', '{"SSESpecificationOverride": {"Enabled": false},
	"GlobalSecondaryIndexOverride": [], "LocalSecondaryIndexOverride": []}');
SELECT pg_temp.finish('OwnedKey') -> 'SSEDescription' AS sse;
SELECT pg_temp.restore('OtherKey', :'arn', '{"SSESpecificationOverride": {"Enabled": true,
	"SSEType": "KMS", "KMSMasterKeyId": "alias/other"},
	"GlobalSecondaryIndexOverride": [], "LocalSecondaryIndexOverride": []}');
SELECT pg_temp.finish('OtherKey') -> 'SSEDescription' AS sse;
SELECT pg_temp.restore('Bad', :'arn', '{"SSESpecificationOverride": {"Enabled": true, "SSEType": "AES256"}}');
SELECT pg_temp.restore('Bad', :'arn', '{"SSESpecificationOverride": {"Enabled": false, "SSEType": "KMS"}}');

--
-- A backup of an on-demand table: switching to PROVISIONED needs the
-- capacities, of the table and of every kept GSI
--
SELECT ddb_create_table($${"TableName": "Counters",
	"AttributeDefinitions": [{"AttributeName": "Id", "AttributeType": "N"}, {"AttributeName": "Kind", "AttributeType": "S"}],
	"KeySchema": [{"AttributeName": "Id", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST",
	"OnDemandThroughput": {"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 50},
	"GlobalSecondaryIndexes": [{"IndexName": "ByKind", "KeySchema": [{"AttributeName": "Kind", "KeyType": "HASH"}],
		"Projection": {"ProjectionType": "ALL"}}]}$$) -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT pg_temp.put(ddb_table_relation('Counters'), string_agg(format(
	$r$(%s, '{"Id": {"N": "%s"}, "Kind": {"S": "k%s"}}', 20)$r$, i, i, i % 2), ', '))
FROM generate_series(1, 10) AS i;
SELECT ddb_create_backup('Counters', 'counters') ->> 'BackupArn' AS carn \gset
SELECT ddb_wait_for_backup(:'carn') IS NOT NULL AS available;
SELECT pg_temp.restore('CountersCopy', :'carn');
SELECT jsonb_pretty(pg_temp.finish('CountersCopy'));
SELECT pg_temp.restore('Bad', :'carn', '{"BillingModeOverride": "PROVISIONED"}');
SELECT pg_temp.restore('Bad', :'carn', '{"BillingModeOverride": "PROVISIONED",
	"ProvisionedThroughputOverride": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 3}}');
SELECT pg_temp.restore('Provisioned', :'carn', $${"BillingModeOverride": "PROVISIONED",
	"ProvisionedThroughputOverride": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 3},
	"GlobalSecondaryIndexOverride": [{"IndexName": "ByKind",
		"KeySchema": [{"AttributeName": "Kind", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"},
		"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 2}}]}$$);
SELECT jsonb_pretty(pg_temp.finish('Provisioned'));
SELECT pg_temp.restore('Limited', :'carn', '{"OnDemandThroughputOverride":
	{"MaxReadRequestUnits": 7, "MaxWriteRequestUnits": 8}, "GlobalSecondaryIndexOverride": []}');
SELECT pg_temp.finish('Limited') -> 'OnDemandThroughput' AS on_demand;
SELECT pg_temp.restore('Bad', :'carn', '{"LocalSecondaryIndexOverride": [{"IndexName": "ByNothing",
	"KeySchema": [{"AttributeName": "Id", "KeyType": "HASH"}, {"AttributeName": "Kind", "KeyType": "RANGE"}],
	"Projection": {"ProjectionType": "ALL"}}]}');

-- nothing was left behind by the refused requests
SELECT count(*) AS bad_tables FROM ddb_catalog.tables WHERE table_name = 'Bad';
SELECT table_name, status, failure_reason FROM ddb_restores ORDER BY table_name;

DROP EXTENSION ddbtable;
DROP ROLE regress_restore_listener;
