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
