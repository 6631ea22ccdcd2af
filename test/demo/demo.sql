-- ddbtable walk-through, run by test/demo/run.
\pset pager off
\pset format unaligned
\pset tuples_only on
\set QUIET on

\echo '== 1. Install the extension'
CREATE EXTENSION ddbtable;

\echo '== 2. The wire protocol: ddb_execute(operation, request) answers as DynamoDB does'
SELECT jsonb_pretty(ddb_execute('DescribeLimits', '{}'));

\echo '== 3. Errors come back as DynamoDB error bodies, and change nothing'
SELECT ddb_execute('NoSuchOperation', '{}');
SELECT ddb_execute('DescribeLimits', '[]');

\echo '== 4. The error contract: each exception has its own SQLSTATE'
\pset tuples_only off
\pset format aligned
SELECT exception, sqlstate, type FROM ddb_exceptions() ORDER BY sqlstate LIMIT 5;
