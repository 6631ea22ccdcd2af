/*
 * ddbtable--0.1.0.sql
 *	  Install script of ddbtable 0.1.0: DynamoDB's API as SQL functions.
 *
 * Every DynamoDB operation is available twice: through ddb_execute(), which
 * answers exactly as the DynamoDB wire protocol does (errors included, as
 * JSON), and as ddb_<operation>(jsonb), which raises DynamoDB errors as
 * PostgreSQL errors with the exception's SQLSTATE.
 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION ddbtable" to load this file. \quit

--
-- The wire protocol
--
CREATE FUNCTION ddb_execute(operation text, request jsonb DEFAULT '{}')
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_execute'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

COMMENT ON FUNCTION ddb_execute(text, jsonb) IS
'Run a DynamoDB operation; returns the response, or DynamoDB''s error body with the request rolled back';

CREATE FUNCTION ddb_exceptions(
	OUT exception text,
	OUT sqlstate text,
	OUT http_status integer,
	OUT type text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'ddb_exceptions'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ddb_exceptions() IS
'Every DynamoDB exception with its SQLSTATE, HTTP status and __type';


--
-- One function per operation: ddb_<operation>(request jsonb), raising
-- DynamoDB errors as PostgreSQL errors.
--
CREATE FUNCTION ddb_create_table(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_create_table'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_create_table(jsonb) IS 'DynamoDB CreateTable';

CREATE FUNCTION ddb_describe_table(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_describe_table'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_describe_table(jsonb) IS 'DynamoDB DescribeTable';

CREATE FUNCTION ddb_delete_table(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_delete_table'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_delete_table(jsonb) IS 'DynamoDB DeleteTable';

CREATE FUNCTION ddb_list_tables(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_list_tables'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_list_tables(jsonb) IS 'DynamoDB ListTables';

CREATE FUNCTION ddb_update_table(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_update_table'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_update_table(jsonb) IS 'DynamoDB UpdateTable';

CREATE FUNCTION ddb_tag_resource(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_tag_resource'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_tag_resource(jsonb) IS 'DynamoDB TagResource';

CREATE FUNCTION ddb_untag_resource(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_untag_resource'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_untag_resource(jsonb) IS 'DynamoDB UntagResource';

CREATE FUNCTION ddb_list_tags_of_resource(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_list_tags_of_resource'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_list_tags_of_resource(jsonb) IS 'DynamoDB ListTagsOfResource';

CREATE FUNCTION ddb_update_time_to_live(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_update_time_to_live'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_update_time_to_live(jsonb) IS 'DynamoDB UpdateTimeToLive';

CREATE FUNCTION ddb_describe_time_to_live(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_describe_time_to_live'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_describe_time_to_live(jsonb) IS 'DynamoDB DescribeTimeToLive';

CREATE FUNCTION ddb_update_continuous_backups(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_update_continuous_backups'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_update_continuous_backups(jsonb) IS 'DynamoDB UpdateContinuousBackups';

CREATE FUNCTION ddb_describe_continuous_backups(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_describe_continuous_backups'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_describe_continuous_backups(jsonb) IS 'DynamoDB DescribeContinuousBackups';

--
-- DescribeLimits
--
CREATE FUNCTION ddb_describe_limits(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_describe_limits'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;

CREATE FUNCTION ddb_describe_limits()
RETURNS jsonb
LANGUAGE sql VOLATILE PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_describe_limits('{}'::jsonb);
END;

COMMENT ON FUNCTION ddb_describe_limits(jsonb) IS 'DynamoDB DescribeLimits';
COMMENT ON FUNCTION ddb_describe_limits() IS 'DynamoDB DescribeLimits';

--
-- The catalog (ddb_catalog) and the storage schema (ddb_data).
-- [section owned by the table-core work: catalog tables, pg_dump marks,
--  privileges, event trigger]
--

--
-- Friendly overloads of the table operations for psql users.
-- [section owned by the table-core work]
--

--
-- Friendly overloads of the table settings operations.
-- [section owned by the table-settings work]
--
