-- The error contract: exception names, SQLSTATEs and ddb_execute's JSON
-- error bodies.
CREATE EXTENSION ddbtable;

-- Every exception has its own SQLSTATE in class YD, and a __type.
SELECT count(*) AS exceptions,
       count(DISTINCT sqlstate) AS distinct_sqlstates,
       bool_and(sqlstate LIKE 'YD%') AS all_in_class_yd
FROM ddb_exceptions();
SELECT exception, sqlstate, http_status, type
FROM ddb_exceptions()
WHERE exception IN ('ValidationException', 'SerializationException',
                    'ResourceNotFoundException', 'ConditionalCheckFailedException',
                    'ThrottlingException', 'InternalServerError',
                    'ReplicatedWriteConflictException', 'UnknownOperationException')
ORDER BY sqlstate;

-- An unknown operation answers UnknownOperationException, without a message,
-- and does not raise.
SELECT ddb_execute('NoSuchOperation', '{}');
SELECT ddb_execute('describelimits', '{}');
SELECT ddb_execute(NULL, '{}');

-- Operation names with and without the X-Amz-Target prefix.
SELECT ddb_execute('DescribeLimits', '{}');
SELECT ddb_execute('DynamoDB_20120810.DescribeLimits', '{}') = ddb_execute('DescribeLimits')
       AS prefix_accepted;
SELECT ddb_execute('DescribeLimits', NULL) = ddb_execute('DescribeLimits') AS null_is_empty;

-- A request that is not a JSON object is a SerializationException.
SELECT ddb_execute('DescribeLimits', '[1, 2]');
SELECT ddb_execute('DescribeLimits', '"text"');

-- The per-operation function raises DynamoDB errors with the exception's
-- SQLSTATE, DynamoDB's message, and the exception name in DETAIL.
DO $$
DECLARE
	state text;
	msg text;
	detail text;
BEGIN
	PERFORM ddb_describe_limits('[]');
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
		detail = PG_EXCEPTION_DETAIL;
	RAISE NOTICE 'sqlstate=% message=% detail=%', state, msg, detail;
END
$$;
SELECT ddb_describe_limits('[]');
SELECT ddb_describe_limits();

-- ddb_execute's error leaves the caller's transaction usable.
BEGIN;
CREATE TABLE regress_errors_probe (n int);
INSERT INTO regress_errors_probe VALUES (1);
SELECT ddb_execute('DescribeLimits', '[]') ->> '__type' AS type;
INSERT INTO regress_errors_probe VALUES (2);
COMMIT;
SELECT n FROM regress_errors_probe ORDER BY n;
DROP TABLE regress_errors_probe;

-- Errors that are not DynamoDB's (here a statement timeout, which almost
-- always strikes inside ddb_execute) propagate, and leave the session usable.
SET statement_timeout = '100ms';
SELECT count(ddb_execute('DescribeLimits')) FROM generate_series(1, 100000000);
RESET statement_timeout;
ROLLBACK;
BEGIN;
SET LOCAL statement_timeout = '100ms';
SELECT count(ddb_execute('DescribeLimits')) FROM generate_series(1, 100000000);
ROLLBACK;
SELECT ddb_execute('DescribeLimits') ->> 'TableMaxReadCapacityUnits' AS still_usable;

-- Settings used in ARNs: validated.
SHOW ddbtable.region;
SHOW ddbtable.account_id;
SET ddbtable.region = 'EU WEST';
SET ddbtable.account_id = '12345';
SET ddbtable.account_id = '123456789012';
SHOW ddbtable.account_id;
RESET ddbtable.account_id;
SET ddbtable.no_such_setting = 1;

DROP EXTENSION ddbtable;
