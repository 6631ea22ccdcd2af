-- Table settings: TagResource, UntagResource, ListTagsOfResource,
-- UpdateTimeToLive, DescribeTimeToLive, UpdateContinuousBackups and
-- DescribeContinuousBackups, through ddb_execute (DynamoDB's JSON error
-- bodies) and the raising ddb_<operation> forms.
CREATE EXTENSION ddbtable;
\pset format unaligned

SELECT ddb_execute('CreateTable', '{"TableName": "Settings",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' ->> 'TableArn' AS arn;
\set arn arn:aws:dynamodb:us-east-1:000000000000:table/Settings

--
-- Tags: validation of ResourceArn
--
-- no ResourceArn at all
SELECT ddb_execute('TagResource', '{"Tags": [{"Key": "k", "Value": "v"}]}');
SELECT ddb_execute('UntagResource', '{}');
SELECT ddb_execute('ListTagsOfResource', '{}');
-- text that is not ARN-shaped is an unauthorised resource ("*" when empty)
SELECT ddb_execute('ListTagsOfResource', '{"ResourceArn": ""}');
SELECT ddb_execute('ListTagsOfResource', '{"ResourceArn": "abcd"}');
SELECT ddb_execute('TagResource', '{"ResourceArn": "a:b:c:d:e:f", "Tags": [{"Key": "k", "Value": "v"}]}');
SELECT ddb_execute('UntagResource', '{"ResourceArn": "a:b:c:d:e/f", "TagKeys": ["k"]}');
-- ARN-shaped text that is not a table ARN of this region
SELECT ddb_execute('ListTagsOfResource', '{"ResourceArn": "a:b:c:d:e:f/g"}');
SELECT ddb_execute('ListTagsOfResource', '{"ResourceArn": "arn:aws:dynamodb:us-east-1:000000000000:table/ab"}');
SELECT ddb_execute('ListTagsOfResource', '{"ResourceArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Settings/index/gsi"}');
SELECT ddb_execute('ListTagsOfResource', '{"ResourceArn": "arn:aws:dynamodb:eu-west-1:000000000000:table/Settings"}');
SELECT ddb_execute('ListTagsOfResource', '{"ResourceArn": "arn:aws:s3:us-east-1:000000000000:table/Settings"}');
-- a table ARN naming no table (or another account's table)
SELECT ddb_execute('ListTagsOfResource', '{"ResourceArn": "arn:aws:dynamodb:us-east-1:000000000000:table/NoSuchTable"}');
SELECT ddb_execute('TagResource', '{"ResourceArn": "arn:aws:dynamodb:us-east-1:111122223333:table/Settings", "Tags": [{"Key": "k", "Value": "v"}]}');
-- JSON types are checked first
SELECT ddb_execute('ListTagsOfResource', '{"ResourceArn": 12}');
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', 'k'));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[["k"]]'::jsonb));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[{"Key": 1, "Value": "v"}]'::jsonb));
SELECT ddb_execute('UntagResource', jsonb_build_object('ResourceArn', :'arn', 'TagKeys', '[true]'::jsonb));

--
-- Tags: validation of the tags
--
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn'));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[]'::jsonb));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[{"Value": "v"}]'::jsonb));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[{"Key": "", "Value": "v"}]'::jsonb));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn',
       'Tags', jsonb_build_array(jsonb_build_object('Key', repeat('k', 129), 'Value', 'v'))));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[{"Key": "k"}]'::jsonb));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn',
       'Tags', jsonb_build_array(jsonb_build_object('Key', 'k', 'Value', repeat('v', 257)))));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[{"Key": "hi!", "Value": "v"}]'::jsonb));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[{"Key": "k", "Value": "100%"}]'::jsonb));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[{"Key": "k", "Value": "a,b"}]'::jsonb));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[{"Key": "key", "Value": "🔑"}]'::jsonb));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[{"Key": "aws:created", "Value": "v"}]'::jsonb));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[{"Key": "AWS:x", "Value": "v"}]'::jsonb));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn',
       'Tags', '[{"Key": "dup", "Value": "1"}, {"Key": "dup", "Value": "2"}]'::jsonb));
-- a request with one bad tag changes nothing
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn',
       'Tags', jsonb_build_array(jsonb_build_object('Key', 'good', 'Value', 'v'),
                                 jsonb_build_object('Key', repeat('x', 129), 'Value', 'v'))));
SELECT ddb_execute('ListTagsOfResource', jsonb_build_object('ResourceArn', :'arn'));

--
-- Tags: behaviour
--
-- the longest key and value, letters of any script, white space, the
-- allowed punctuation and an empty value are accepted
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn',
       'Tags', jsonb_build_array(
         jsonb_build_object('Key', 'Owner', 'Value', 'blueTeam'),
         jsonb_build_object('Key', 'ключ café 表', 'Value', 'a+b-c=d.e_f:g/h@i'),
         jsonb_build_object('Key', repeat('k', 128), 'Value', repeat('ж', 256)),
         jsonb_build_object('Key', 'empty', 'Value', ''))));
SELECT t ->> 'Key' AS key, length(t ->> 'Value') AS value_length, left(t ->> 'Value', 20) AS value
FROM jsonb_array_elements(ddb_execute('ListTagsOfResource', jsonb_build_object('ResourceArn', :'arn')) -> 'Tags') t;
-- tagging an existing key replaces its value and keeps its place
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn',
       'Tags', '[{"Key": "Owner", "Value": "redTeam"}, {"Key": "Stage", "Value": "test"}]'::jsonb));
-- untagging an absent key is not an error; keys are case-sensitive
SELECT ddb_execute('UntagResource', jsonb_build_object('ResourceArn', :'arn',
       'TagKeys', jsonb_build_array(repeat('k', 128), 'empty', 'owner', 'no-such-key')));
SELECT ddb_execute('ListTagsOfResource', jsonb_build_object('ResourceArn', :'arn'));
-- UntagResource's own checks
SELECT ddb_execute('UntagResource', jsonb_build_object('ResourceArn', :'arn'));
SELECT ddb_execute('UntagResource', jsonb_build_object('ResourceArn', :'arn', 'TagKeys', '[]'::jsonb));
SELECT ddb_execute('UntagResource', jsonb_build_object('ResourceArn', :'arn', 'TagKeys', jsonb_build_array(repeat('k', 129))));
SELECT ddb_execute('UntagResource', jsonb_build_object('ResourceArn', :'arn', 'TagKeys', '[null]'::jsonb));
SELECT ddb_execute('UntagResource', jsonb_build_object('ResourceArn', :'arn',
       'TagKeys', (SELECT jsonb_agg('k' || i) FROM generate_series(1, 51) i)));
SELECT ddb_execute('UntagResource', '{"ResourceArn": "arn:aws:dynamodb:us-east-1:000000000000:table/NoSuchTable", "TagKeys": ["k"]}');

-- at most 50 tags after merging: 3 + 47 fit, one more does not, but
-- replacing values at 50 tags does
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn',
       'Tags', (SELECT jsonb_agg(jsonb_build_object('Key', 'k' || i, 'Value', 'v' || i)) FROM generate_series(1, 47) i)));
SELECT jsonb_array_length(ddb_execute('ListTagsOfResource', jsonb_build_object('ResourceArn', :'arn')) -> 'Tags') AS tags;
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[{"Key": "k48", "Value": "v"}]'::jsonb));
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn',
       'Tags', '[{"Key": "k1", "Value": "new"}, {"Key": "k2", "Value": "new"}]'::jsonb));
-- all 50 in one page, no NextToken
SELECT jsonb_array_length(r -> 'Tags') AS tags, r ? 'NextToken' AS has_next_token,
       r -> 'Tags' -> 3 AS fourth
FROM ddb_execute('ListTagsOfResource', jsonb_build_object('ResourceArn', :'arn')) r;
-- NextToken is a position in the list
SELECT jsonb_array_length(r -> 'Tags') AS tags, r -> 'Tags' -> 0 AS first
FROM ddb_execute('ListTagsOfResource', jsonb_build_object('ResourceArn', :'arn', 'NextToken', '48')) r;
SELECT ddb_execute('ListTagsOfResource', jsonb_build_object('ResourceArn', :'arn', 'NextToken', '50'));
SELECT ddb_execute('ListTagsOfResource', jsonb_build_object('ResourceArn', :'arn', 'NextToken', '51'));
SELECT ddb_execute('ListTagsOfResource', jsonb_build_object('ResourceArn', :'arn', 'NextToken', 'abc'));
SELECT ddb_execute('ListTagsOfResource', jsonb_build_object('ResourceArn', :'arn', 'NextToken', '-1'));
SELECT ddb_execute('UntagResource', jsonb_build_object('ResourceArn', :'arn',
       'TagKeys', (SELECT jsonb_agg('k' || i) FROM generate_series(1, 47) i)));

-- the raising forms and the friendly overloads
SELECT ddb_tag_resource(jsonb_build_object('ResourceArn', :'arn', 'Tags', '[{"Key": "Env", "Value": "dev"}]'::jsonb));
SELECT ddb_tag_resource('Settings', '{"Team": "db", "Env": "prod"}');
SELECT * FROM ddb_list_tags('Settings');
SELECT ddb_untag_resource('Settings', ARRAY['Env', 'Stage']);
SELECT ddb_list_tags_of_resource(jsonb_build_object('ResourceArn', :'arn'));
SELECT ddb_table_arn('Settings'), ddb_table_arn(:'arn');
SELECT ddb_tag_resource('Settings', '{"bad#key": "v"}');
SELECT * FROM ddb_list_tags('NoSuchTable');

--
-- Time to Live
--
SELECT ddb_execute('DescribeTimeToLive', '{"TableName": "Settings"}');
SELECT ddb_execute('DescribeTimeToLive', '{}');
SELECT ddb_execute('DescribeTimeToLive', '{"TableName": "NoSuchTable"}');
SELECT ddb_execute('DescribeTimeToLive', jsonb_build_object('TableName', :'arn'));
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "Settings"}');
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "ab", "TimeToLiveSpecification": {}}');
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "a;b", "TimeToLiveSpecification": {}}');
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "Settings", "TimeToLiveSpecification": {"AttributeName": "", "Enabled": true}}');
SELECT ddb_execute('UpdateTimeToLive', jsonb_build_object('TableName', 'Settings',
       'TimeToLiveSpecification', jsonb_build_object('AttributeName', repeat('a', 256), 'Enabled', true)));
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "Settings", "TimeToLiveSpecification": {"AttributeName": "exp", "Enabled": "maybe"}}');
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "Settings", "TimeToLiveSpecification": {"AttributeName": 3, "Enabled": true}}');
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "NoSuchTable", "TimeToLiveSpecification": {"AttributeName": "exp", "Enabled": true}}');
-- disabling when disabled
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "Settings", "TimeToLiveSpecification": {"AttributeName": "expires", "Enabled": false}}');
-- enabling: the response echoes the specification
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "Settings", "TimeToLiveSpecification": {"AttributeName": "expires", "Enabled": true}}');
SELECT ddb_execute('DescribeTimeToLive', '{"TableName": "Settings"}');
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "Settings", "TimeToLiveSpecification": {"AttributeName": "expires", "Enabled": true}}');
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "Settings", "TimeToLiveSpecification": {"AttributeName": "ttl", "Enabled": true}}');
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "Settings", "TimeToLiveSpecification": {"AttributeName": "ttl", "Enabled": false}}');
-- a second change within the hour is refused
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "Settings", "TimeToLiveSpecification": {"AttributeName": "expires", "Enabled": false}}');
-- an hour later it is allowed
UPDATE ddb_catalog.tables SET ttl_changed = ttl_changed - interval '61 minutes' WHERE table_name = 'Settings';
SELECT ddb_update_time_to_live('{"TableName": "Settings", "TimeToLiveSpecification": {"AttributeName": "expires", "Enabled": false}}');
SELECT ddb_describe_time_to_live('{"TableName": "Settings"}');
UPDATE ddb_catalog.tables SET ttl_changed = ttl_changed - interval '61 minutes' WHERE table_name = 'Settings';
SELECT ddb_update_time_to_live('Settings', 'ttl');
SELECT ddb_describe_time_to_live(jsonb_build_object('TableName', :'arn'));
SELECT ddb_update_time_to_live('Settings', 'ttl', false);
-- a failed change changes nothing
BEGIN;
UPDATE ddb_catalog.tables SET ttl_changed = NULL WHERE table_name = 'Settings';
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "Settings", "TimeToLiveSpecification": {"AttributeName": "other", "Enabled": false}}');
SELECT ttl_status, ttl_attribute FROM ddb_catalog.tables WHERE table_name = 'Settings';
ROLLBACK;

--
-- Continuous backups and point-in-time recovery
--
SELECT ddb_execute('DescribeContinuousBackups', '{"TableName": "Settings"}');
SELECT ddb_execute('DescribeContinuousBackups', '{"TableName": "NoSuchTable"}');
SELECT ddb_execute('DescribeContinuousBackups', '{"TableName": "a;"}');
SELECT ddb_execute('DescribeContinuousBackups', '{"TableName": "a;b"}');
SELECT ddb_execute('UpdateContinuousBackups', '{"TableName": "NoSuchTable", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}}');
SELECT ddb_execute('UpdateContinuousBackups', '{"TableName": "Settings"}');
SELECT ddb_execute('UpdateContinuousBackups', '{"TableName": "Settings", "PointInTimeRecoverySpecification": {}}');
SELECT ddb_execute('UpdateContinuousBackups', '{"TableName": "Settings", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true, "RecoveryPeriodInDays": 0}}');
SELECT ddb_execute('UpdateContinuousBackups', '{"TableName": "Settings", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true, "RecoveryPeriodInDays": 36}}');
SELECT ddb_execute('UpdateContinuousBackups', '{"TableName": "Settings", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true, "RecoveryPeriodInDays": "7"}}');
SELECT ddb_execute('UpdateContinuousBackups', '{"TableName": "Settings", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": false, "RecoveryPeriodInDays": 7}}');
-- enabling: the window is empty at first (earliest = latest = now)
SELECT d -> 'ContinuousBackupsStatus' AS continuous_backups,
       d -> 'PointInTimeRecoveryDescription' -> 'PointInTimeRecoveryStatus' AS pitr,
       d -> 'PointInTimeRecoveryDescription' -> 'RecoveryPeriodInDays' AS days,
       d -> 'PointInTimeRecoveryDescription' -> 'EarliestRestorableDateTime' =
       d -> 'PointInTimeRecoveryDescription' -> 'LatestRestorableDateTime' AS empty_window,
       abs((d -> 'PointInTimeRecoveryDescription' ->> 'LatestRestorableDateTime')::numeric
           - extract(epoch FROM clock_timestamp())) < 60 AS latest_is_now
FROM (SELECT ddb_execute('UpdateContinuousBackups', '{"TableName": "Settings", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}}')
     -> 'ContinuousBackupsDescription' AS d) AS s;
-- it starts at the time PITR was enabled and ends now
UPDATE ddb_catalog.tables SET pitr_enabled_time = pitr_enabled_time - interval '2 days' WHERE table_name = 'Settings';
SELECT (p ->> 'EarliestRestorableDateTime')::numeric =
       (SELECT extract(epoch FROM pitr_enabled_time) FROM ddb_catalog.tables WHERE table_name = 'Settings') AS earliest_is_enable_time,
       (p ->> 'LatestRestorableDateTime')::numeric - (p ->> 'EarliestRestorableDateTime')::numeric > 2 * 86400 - 60 AS two_days,
       jsonb_object_keys(p) AS members
FROM (SELECT ddb_execute('DescribeContinuousBackups', '{"TableName": "Settings"}') -> 'ContinuousBackupsDescription' -> 'PointInTimeRecoveryDescription' AS p) AS s
ORDER BY members;
-- a recovery period shorter than that limits the window
SELECT d -> 'PointInTimeRecoveryDescription' -> 'RecoveryPeriodInDays' AS days,
       round(((d -> 'PointInTimeRecoveryDescription' ->> 'LatestRestorableDateTime')::numeric
              - (d -> 'PointInTimeRecoveryDescription' ->> 'EarliestRestorableDateTime')::numeric) / 86400, 3) AS window_days
FROM (SELECT ddb_update_continuous_backups('Settings', true, 1) -> 'ContinuousBackupsDescription' AS d) AS s;
SELECT ddb_update_continuous_backups('Settings', false);
SELECT ddb_describe_continuous_backups(jsonb_build_object('TableName', :'arn'));
SELECT ddb_update_continuous_backups('NoSuchTable', true);

--
-- Privileges: describe-style calls need some privilege on the table's item
-- relation, changes need ownership
--
CREATE ROLE regress_settings_reader;
CREATE ROLE regress_settings_stranger;
DO $$ BEGIN EXECUTE format('GRANT SELECT ON %s TO regress_settings_reader', ddb_table_relation('Settings')); END $$;
SET ROLE regress_settings_reader;
SELECT ddb_execute('ListTagsOfResource', jsonb_build_object('ResourceArn', :'arn'));
SELECT * FROM ddb_list_tags('Settings');
SELECT ddb_execute('DescribeTimeToLive', '{"TableName": "Settings"}');
SELECT ddb_execute('DescribeContinuousBackups', '{"TableName": "Settings"}') -> 'ContinuousBackupsDescription' -> 'ContinuousBackupsStatus' AS status;
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[{"Key": "k", "Value": "v"}]'::jsonb));
SELECT ddb_execute('UntagResource', jsonb_build_object('ResourceArn', :'arn', 'TagKeys', '["Team"]'::jsonb));
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "Settings", "TimeToLiveSpecification": {"AttributeName": "exp", "Enabled": true}}');
SELECT ddb_execute('UpdateContinuousBackups', '{"TableName": "Settings", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}}');
-- validation comes before the privilege check
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[]'::jsonb));
SET ROLE regress_settings_stranger;
SELECT ddb_execute('ListTagsOfResource', jsonb_build_object('ResourceArn', :'arn'));
SELECT ddb_execute('DescribeTimeToLive', '{"TableName": "Settings"}');
SELECT ddb_execute('DescribeContinuousBackups', '{"TableName": "Settings"}');
SELECT * FROM ddb_list_tags('Settings');
RESET ROLE;

--
-- A table that is not ACTIVE
--
UPDATE ddb_catalog.tables SET table_status = 'CREATING' WHERE table_name = 'Settings';
SELECT ddb_execute('TagResource', jsonb_build_object('ResourceArn', :'arn', 'Tags', '[{"Key": "k", "Value": "v"}]'::jsonb));
SELECT ddb_execute('UntagResource', jsonb_build_object('ResourceArn', :'arn', 'TagKeys', '["Team"]'::jsonb));
SELECT ddb_execute('ListTagsOfResource', jsonb_build_object('ResourceArn', :'arn'));
SELECT ddb_execute('UpdateTimeToLive', '{"TableName": "Settings", "TimeToLiveSpecification": {"AttributeName": "exp", "Enabled": true}}');
SELECT ddb_execute('DescribeTimeToLive', '{"TableName": "Settings"}');
SELECT ddb_execute('UpdateContinuousBackups', '{"TableName": "Settings", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}}');
SELECT ddb_execute('DescribeContinuousBackups', '{"TableName": "Settings"}');
UPDATE ddb_catalog.tables SET table_status = 'ACTIVE' WHERE table_name = 'Settings';

-- the raising form reports the exception's SQLSTATE, message and name
DO $$
DECLARE
	state text;
	msg text;
	detail text;
BEGIN
	PERFORM ddb_update_continuous_backups('{"TableName": "NoSuchTable", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}}');
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
		detail = PG_EXCEPTION_DETAIL;
	RAISE NOTICE 'sqlstate=% message=% detail=%', state, msg, detail;
END
$$;

SELECT ddb_execute('DeleteTable', '{"TableName": "Settings"}') -> 'TableDescription' ->> 'TableStatus' AS status;
DROP ROLE regress_settings_reader;
DROP ROLE regress_settings_stranger;
DROP EXTENSION ddbtable;
