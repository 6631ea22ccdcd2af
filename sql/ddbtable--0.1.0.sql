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
--
-- ddb_catalog holds the table registry.  Only the extension's owner reads
-- and writes it; the C code switches to that role for catalog work, after
-- its own permission checks.  Roles are stored by name, never by OID, so
-- that the rows survive pg_dump and restore into another cluster; both
-- tables are marked for pg_dump.
--
-- ddb_data holds one relation per DynamoDB table (its items) and one per
-- secondary index, created by and owned by the role that created the
-- DynamoDB table.  PUBLIC may use the schema (so that roles granted
-- privileges on a table's relation can reach it) but not create in it:
-- CREATE on ddb_data is the privilege to run CreateTable.
--
CREATE SCHEMA ddb_catalog;
REVOKE ALL ON SCHEMA ddb_catalog FROM PUBLIC;
COMMENT ON SCHEMA ddb_catalog IS 'ddbtable''s registry of DynamoDB tables (internal)';

CREATE SCHEMA ddb_data;
REVOKE ALL ON SCHEMA ddb_data FROM PUBLIC;
GRANT USAGE ON SCHEMA ddb_data TO PUBLIC;
COMMENT ON SCHEMA ddb_data IS 'Item and index relations of ddbtable''s DynamoDB tables; CREATE here allows CreateTable';

CREATE TABLE ddb_catalog.tables (
	table_id uuid PRIMARY KEY,
	table_name text COLLATE "C" NOT NULL UNIQUE
		CHECK (table_name OPERATOR(pg_catalog.~) '^[a-zA-Z0-9_.-]{3,255}$'),
	table_arn text COLLATE "C" NOT NULL UNIQUE,
	relname text COLLATE "C" NOT NULL UNIQUE,
	created_by text NOT NULL,
	table_status text NOT NULL
		CHECK (table_status IN ('CREATING', 'ACTIVE', 'UPDATING', 'DELETING')),
	creation_time timestamptz NOT NULL,
	hash_key_name text NOT NULL,
	hash_key_type text NOT NULL CHECK (hash_key_type IN ('S', 'N', 'B')),
	range_key_name text,
	range_key_type text CHECK (range_key_type IN ('S', 'N', 'B')),
	attribute_definitions jsonb NOT NULL,
	billing_mode text NOT NULL CHECK (billing_mode IN ('PROVISIONED', 'PAY_PER_REQUEST')),
	billing_mode_changed timestamptz,
	read_capacity bigint NOT NULL,
	write_capacity bigint NOT NULL,
	last_increase timestamptz,
	last_decrease timestamptz,
	decreases_today integer NOT NULL DEFAULT 0,
	stream_enabled boolean NOT NULL DEFAULT false,
	stream_view_type text,
	stream_label text,
	sse_description jsonb,
	table_class text NOT NULL DEFAULT 'STANDARD',
	table_class_changed timestamptz,
	deletion_protection boolean NOT NULL DEFAULT false,
	on_demand_throughput jsonb,
	warm_throughput jsonb,
	ttl_attribute text,
	ttl_status text NOT NULL DEFAULT 'DISABLED'
		CHECK (ttl_status IN ('ENABLING', 'ENABLED', 'DISABLING', 'DISABLED')),
	ttl_changed timestamptz,
	pitr_enabled boolean NOT NULL DEFAULT false,
	pitr_period_days integer NOT NULL DEFAULT 35,
	pitr_enabled_time timestamptz,
	tags jsonb NOT NULL DEFAULT '[]',
	restore_summary jsonb,
	CHECK ((range_key_name IS NULL) = (range_key_type IS NULL))
);
COMMENT ON TABLE ddb_catalog.tables IS 'One row per DynamoDB table (ddbtable''s registry)';

CREATE TABLE ddb_catalog.indexes (
	table_id uuid NOT NULL REFERENCES ddb_catalog.tables ON DELETE CASCADE,
	index_name text COLLATE "C" NOT NULL,
	is_global boolean NOT NULL,
	position integer NOT NULL,
	relname text COLLATE "C" NOT NULL UNIQUE,
	hash_key_name text NOT NULL,
	hash_key_type text NOT NULL CHECK (hash_key_type IN ('S', 'N', 'B')),
	range_key_name text,
	range_key_type text CHECK (range_key_type IN ('S', 'N', 'B')),
	projection_type text NOT NULL CHECK (projection_type IN ('ALL', 'KEYS_ONLY', 'INCLUDE')),
	non_key_attributes text[],
	index_status text NOT NULL
		CHECK (index_status IN ('CREATING', 'UPDATING', 'DELETING', 'ACTIVE')),
	backfilling boolean NOT NULL DEFAULT false,
	added_later boolean NOT NULL DEFAULT false,
	read_capacity bigint NOT NULL DEFAULT 0,
	write_capacity bigint NOT NULL DEFAULT 0,
	last_increase timestamptz,
	last_decrease timestamptz,
	decreases_today integer NOT NULL DEFAULT 0,
	on_demand_throughput jsonb,
	warm_throughput jsonb,
	PRIMARY KEY (table_id, index_name),
	UNIQUE (table_id, position),
	CHECK ((range_key_name IS NULL) = (range_key_type IS NULL))
);
COMMENT ON TABLE ddb_catalog.indexes IS 'One row per secondary index of a DynamoDB table (ddbtable''s registry)';

REVOKE ALL ON ddb_catalog.tables, ddb_catalog.indexes FROM PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('ddb_catalog.tables', '');
SELECT pg_catalog.pg_extension_config_dump('ddb_catalog.indexes', '');

--
-- Relations created in ddb_data by pg_restore (or by anything other than
-- CreateTable) get the same automatic dependency on the extension that
-- CreateTable records, so that a plain DROP EXTENSION also drops them in a
-- restored database.
--
CREATE FUNCTION ddb_data_ddl_command_end()
RETURNS event_trigger
AS 'MODULE_PATHNAME', 'ddb_data_ddl_command_end'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_data_ddl_command_end() IS
'Event trigger: ties relations created in ddb_data to the extension (internal)';
REVOKE ALL ON FUNCTION ddb_data_ddl_command_end() FROM PUBLIC;

CREATE EVENT TRIGGER ddb_data_ddl_command_end ON ddl_command_end
	WHEN TAG IN ('CREATE TABLE')
	EXECUTE FUNCTION ddb_data_ddl_command_end();

--
-- Friendly overloads of the table operations for psql users.  They return
-- what the jsonb forms return: DynamoDB's response object.
--
CREATE FUNCTION ddb_describe_table(table_name text)
RETURNS jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_describe_table(pg_catalog.jsonb_build_object('TableName', table_name));
END;
COMMENT ON FUNCTION ddb_describe_table(text) IS
'DynamoDB DescribeTable of the table of this name (or ARN)';

CREATE FUNCTION ddb_delete_table(table_name text)
RETURNS jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_delete_table(pg_catalog.jsonb_build_object('TableName', table_name));
END;
COMMENT ON FUNCTION ddb_delete_table(text) IS
'DynamoDB DeleteTable of the table of this name (or ARN)';

CREATE FUNCTION ddb_list_tables()
RETURNS SETOF text
AS 'MODULE_PATHNAME', 'ddb_list_all_tables'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_list_tables() IS
'Names of every DynamoDB table the current role has a privilege on, in ascending byte order (all ListTables pages)';

CREATE FUNCTION ddb_wait_for_table(table_name text, timeout interval DEFAULT '60s')
RETURNS jsonb
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	deadline timestamptz := clock_timestamp() + timeout;
	response jsonb;
	last_status text;
BEGIN
	LOOP
		BEGIN
			response := @extschema@.ddb_describe_table(jsonb_build_object('TableName', table_name));
			last_status := response -> 'Table' ->> 'TableStatus';
			IF last_status = 'ACTIVE' THEN
				RETURN response;
			END IF;
		EXCEPTION WHEN SQLSTATE 'YD003' THEN
			-- ResourceNotFoundException: not created (or not committed) yet
			last_status := NULL;
		END;
		IF clock_timestamp() >= deadline THEN
			RAISE EXCEPTION 'table "%" did not become ACTIVE within %', table_name, timeout
				USING ERRCODE = 'object_not_in_prerequisite_state',
					DETAIL = CASE WHEN last_status IS NULL
						THEN 'The table does not exist, or its creation has not been committed.'
						ELSE format('Its status is %s.', last_status) END,
					HINT = 'Pass a longer timeout.';
		END IF;
		PERFORM pg_sleep(least(0.1, greatest(extract(epoch FROM deadline - clock_timestamp()), 0)));
	END LOOP;
END
$$;
COMMENT ON FUNCTION ddb_wait_for_table(text, interval) IS
'Wait until the table is ACTIVE and return its DescribeTable response; raises after the timeout';

CREATE FUNCTION ddb_items(table_name text)
RETURNS SETOF jsonb
AS 'MODULE_PATHNAME', 'ddb_items'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE ROWS 1000;
COMMENT ON FUNCTION ddb_items(text) IS
'Every item of a DynamoDB table in DynamoDB JSON, in primary-key order, for plain-SQL reads (needs SELECT on the table)';

CREATE FUNCTION ddb_table_relation(table_name text)
RETURNS regclass
AS 'MODULE_PATHNAME', 'ddb_table_relation'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_table_relation(text) IS
'The item relation in ddb_data of a DynamoDB table, to GRANT privileges on or to read with SQL';

--
-- Friendly overloads of the table settings operations.  They take a table
-- name (or ARN) and return what the jsonb forms return.  Single-argument
-- text overloads are avoided on purpose: with both f(jsonb) and f(text), an
-- untyped literal such as f('{"TableName": "t"}') would resolve to f(text).
--
CREATE FUNCTION ddb_table_arn(table_name text)
RETURNS text
AS 'MODULE_PATHNAME', 'ddb_table_arn'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_table_arn(text) IS
'The ARN of the table of this name (or ARN), as TagResource and friends want it (needs some privilege on the table)';

CREATE FUNCTION ddb_update_table(table_name text, changes jsonb)
RETURNS jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_update_table(changes OPERATOR(pg_catalog.||)
		pg_catalog.jsonb_build_object('TableName', table_name));
END;
COMMENT ON FUNCTION ddb_update_table(text, jsonb) IS
'DynamoDB UpdateTable of the table of this name (or ARN) with the given request members';

CREATE FUNCTION ddb_list_tags(table_name text)
RETURNS TABLE (key text, value text)
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT t.tag OPERATOR(pg_catalog.->>) 'Key', t.tag OPERATOR(pg_catalog.->>) 'Value'
	FROM pg_catalog.jsonb_array_elements(
		ddb_list_tags_of_resource(pg_catalog.jsonb_build_object('ResourceArn',
			ddb_table_arn(table_name)))
		OPERATOR(pg_catalog.->) 'Tags') WITH ORDINALITY AS t(tag, n)
	ORDER BY t.n;
END;
COMMENT ON FUNCTION ddb_list_tags(text) IS
'The tags of the table of this name (or ARN), in the order they were first set (ListTagsOfResource)';

CREATE FUNCTION ddb_tag_resource(table_name text, tags jsonb)
RETURNS jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_tag_resource(pg_catalog.jsonb_build_object(
		'ResourceArn', ddb_table_arn(table_name),
		'Tags', (SELECT COALESCE(pg_catalog.jsonb_agg(
					pg_catalog.jsonb_build_object('Key', e.key, 'Value', e.value)), '[]'::jsonb)
				 FROM pg_catalog.jsonb_each_text(tags) AS e)));
END;
COMMENT ON FUNCTION ddb_tag_resource(text, jsonb) IS
'DynamoDB TagResource of the table of this name (or ARN); tags is an object {"key": "value", ...}';

CREATE FUNCTION ddb_untag_resource(table_name text, tag_keys text[])
RETURNS jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_untag_resource(pg_catalog.jsonb_build_object(
		'ResourceArn', ddb_table_arn(table_name),
		'TagKeys', pg_catalog.to_jsonb(tag_keys)));
END;
COMMENT ON FUNCTION ddb_untag_resource(text, text[]) IS
'DynamoDB UntagResource of the table of this name (or ARN)';

CREATE FUNCTION ddb_update_time_to_live(table_name text, attribute_name text,
										enabled boolean DEFAULT true)
RETURNS jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_update_time_to_live(pg_catalog.jsonb_build_object(
		'TableName', table_name,
		'TimeToLiveSpecification', pg_catalog.jsonb_build_object(
			'AttributeName', attribute_name, 'Enabled', enabled)));
END;
COMMENT ON FUNCTION ddb_update_time_to_live(text, text, boolean) IS
'DynamoDB UpdateTimeToLive: enable (or disable) expiry on the attribute of the table of this name (or ARN)';

CREATE FUNCTION ddb_update_continuous_backups(table_name text, enabled boolean,
											  recovery_period_in_days integer DEFAULT NULL)
RETURNS jsonb
LANGUAGE sql VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_update_continuous_backups(pg_catalog.jsonb_build_object(
		'TableName', table_name,
		'PointInTimeRecoverySpecification', pg_catalog.jsonb_build_object(
			'PointInTimeRecoveryEnabled', enabled,
			'RecoveryPeriodInDays', recovery_period_in_days)));
END;
COMMENT ON FUNCTION ddb_update_continuous_backups(text, boolean, integer) IS
'DynamoDB UpdateContinuousBackups: enable or disable point-in-time recovery of the table of this name (or ARN)';

--
-- Data-plane operations: ddb_<operation>(request jsonb).
--
CREATE FUNCTION ddb_put_item(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_put_item'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_put_item(jsonb) IS 'DynamoDB PutItem';

CREATE FUNCTION ddb_get_item(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_get_item'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_get_item(jsonb) IS 'DynamoDB GetItem';

CREATE FUNCTION ddb_update_item(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_update_item'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_update_item(jsonb) IS 'DynamoDB UpdateItem';

CREATE FUNCTION ddb_delete_item(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_delete_item'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_delete_item(jsonb) IS 'DynamoDB DeleteItem';

CREATE FUNCTION ddb_query(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_query'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_query(jsonb) IS 'DynamoDB Query';

CREATE FUNCTION ddb_scan(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_scan'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_scan(jsonb) IS 'DynamoDB Scan';

CREATE FUNCTION ddb_batch_get_item(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_batch_get_item'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_batch_get_item(jsonb) IS 'DynamoDB BatchGetItem';

CREATE FUNCTION ddb_batch_write_item(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_batch_write_item'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_batch_write_item(jsonb) IS 'DynamoDB BatchWriteItem';

--
-- Friendly overloads of the item operations, for psql users: a table name
-- (or ARN) and DynamoDB JSON items and keys.  Unlike the jsonb forms they
-- return an item (or NULL) rather than DynamoDB's response object.
--
CREATE FUNCTION ddb_put_item(table_name text, item jsonb)
RETURNS jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_put_item(pg_catalog.jsonb_build_object(
		'TableName', table_name, 'Item', item, 'ReturnValues', 'ALL_OLD'))
		OPERATOR(pg_catalog.->) 'Attributes';
END;
COMMENT ON FUNCTION ddb_put_item(text, jsonb) IS
'DynamoDB PutItem of one item (DynamoDB JSON) into the table of this name (or ARN); returns the item it replaced, or NULL';

CREATE FUNCTION ddb_get_item(table_name text, key jsonb)
RETURNS jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_get_item(pg_catalog.jsonb_build_object(
		'TableName', table_name, 'Key', key, 'ConsistentRead', true))
		OPERATOR(pg_catalog.->) 'Item';
END;
COMMENT ON FUNCTION ddb_get_item(text, jsonb) IS
'DynamoDB GetItem (strongly consistent) of the item with this key; returns the item, or NULL when there is none';

CREATE FUNCTION ddb_delete_item(table_name text, key jsonb)
RETURNS jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_delete_item(pg_catalog.jsonb_build_object(
		'TableName', table_name, 'Key', key, 'ReturnValues', 'ALL_OLD'))
		OPERATOR(pg_catalog.->) 'Attributes';
END;
COMMENT ON FUNCTION ddb_delete_item(text, jsonb) IS
'DynamoDB DeleteItem of the item with this key; returns the deleted item, or NULL when there was none';

CREATE FUNCTION ddb_update_item(table_name text, key jsonb, update_expression text,
								"values" jsonb DEFAULT NULL, names jsonb DEFAULT NULL)
RETURNS jsonb
LANGUAGE sql VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_update_item(pg_catalog.jsonb_build_object(
		'TableName', table_name, 'Key', key, 'UpdateExpression', update_expression,
		'ExpressionAttributeValues', "values", 'ExpressionAttributeNames', names,
		'ReturnValues', 'ALL_NEW'))
		OPERATOR(pg_catalog.->) 'Attributes';
END;
COMMENT ON FUNCTION ddb_update_item(text, jsonb, text, jsonb, jsonb) IS
'DynamoDB UpdateItem of the item with this key (created if missing); values and names are ExpressionAttributeValues and ExpressionAttributeNames; returns the item as updated';

--
-- Item counts and sizes, as DescribeTable shows them: the last exact count
-- of each table's relations (item relation and index relations), reused
-- for ddbtable.statistics_interval seconds.  Derived data, so it is not
-- dumped; it is counted again when missing.
--
CREATE TABLE ddb_catalog.statistics (
	table_id uuid PRIMARY KEY REFERENCES ddb_catalog.tables ON DELETE CASCADE,
	refreshed_at timestamptz NOT NULL,
	relations jsonb NOT NULL
);
COMMENT ON TABLE ddb_catalog.statistics IS
'Last exact item count and size of each DynamoDB table''s relations, {relname: [items, bytes]} (ddbtable''s cache)';
REVOKE ALL ON ddb_catalog.statistics FROM PUBLIC;

--
-- Friendly overloads of Query and Scan, for psql users: they read every
-- page (following LastEvaluatedKey) and return the items one per row, in
-- the order Query or Scan returns them.
--
CREATE FUNCTION ddb_query(table_name text, key_condition text, "values" jsonb DEFAULT NULL,
						  index_name text DEFAULT NULL, names jsonb DEFAULT NULL)
RETURNS SETOF jsonb
LANGUAGE plpgsql VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE ROWS 100
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	request jsonb := jsonb_build_object(
		'TableName', table_name, 'KeyConditionExpression', key_condition,
		'ExpressionAttributeValues', "values", 'IndexName', index_name,
		'ExpressionAttributeNames', names);
	response jsonb;
BEGIN
	LOOP
		response := @extschema@.ddb_query(request);
		RETURN QUERY SELECT e.item FROM jsonb_array_elements(response -> 'Items') AS e(item);
		EXIT WHEN NOT response ? 'LastEvaluatedKey';
		request := request || jsonb_build_object('ExclusiveStartKey', response -> 'LastEvaluatedKey');
	END LOOP;
END
$$;
COMMENT ON FUNCTION ddb_query(text, text, jsonb, text, jsonb) IS
'DynamoDB Query of the table of this name (or ARN), or of its index: every item of every page, in sort key order; values and names are ExpressionAttributeValues and ExpressionAttributeNames';

CREATE FUNCTION ddb_scan(table_name text)
RETURNS SETOF jsonb
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE ROWS 1000
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	request jsonb;
	response jsonb;
BEGIN
	-- ddb_scan('{"TableName": ...}') with an untyped literal lands here
	IF left(table_name, 1) = '{' THEN
		RAISE EXCEPTION 'ddb_scan(text) takes a table name, not a request'
			USING ERRCODE = 'invalid_parameter_value',
				HINT = 'Cast the request to jsonb to call ddb_scan(jsonb), which returns DynamoDB''s response.';
	END IF;
	request := jsonb_build_object('TableName', table_name);
	LOOP
		response := @extschema@.ddb_scan(request);
		RETURN QUERY SELECT e.item FROM jsonb_array_elements(response -> 'Items') AS e(item);
		EXIT WHEN NOT response ? 'LastEvaluatedKey';
		request := request || jsonb_build_object('ExclusiveStartKey', response -> 'LastEvaluatedKey');
	END LOOP;
END
$$;
COMMENT ON FUNCTION ddb_scan(text) IS
'DynamoDB Scan of the table of this name (or ARN): every item of every page, in primary key order';

--
-- Friendly overloads of the batch operations: one table, given by name (or
-- ARN), with its keys or items as a JSON array.  The limits of the
-- operations apply (100 keys, 25 writes per call) with DynamoDB's errors.
--
CREATE FUNCTION ddb_batch_get_item(table_name text, keys jsonb,
								   consistent_read boolean DEFAULT false)
RETURNS SETOF jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	WITH RECURSIVE calls(response) AS (
		SELECT ddb_batch_get_item(pg_catalog.jsonb_build_object(
			'RequestItems', pg_catalog.jsonb_build_object(table_name,
				pg_catalog.jsonb_build_object('Keys', keys,
											  'ConsistentRead', consistent_read))))
		UNION ALL
		SELECT ddb_batch_get_item(pg_catalog.jsonb_build_object(
			'RequestItems', response OPERATOR(pg_catalog.->) 'UnprocessedKeys'))
		FROM calls
		WHERE response OPERATOR(pg_catalog.->) 'UnprocessedKeys'
			OPERATOR(pg_catalog.<>) '{}'::jsonb
	)
	SELECT pg_catalog.jsonb_array_elements(response OPERATOR(pg_catalog.->) 'Responses'
										   OPERATOR(pg_catalog.->) table_name)
	FROM calls;
END;
COMMENT ON FUNCTION ddb_batch_get_item(text, jsonb, boolean) IS
'DynamoDB BatchGetItem of a JSON array of keys of one table: the items found, following UnprocessedKeys until every key is read';

CREATE FUNCTION ddb_batch_write_item(table_name text, items jsonb,
									 delete_keys jsonb DEFAULT '[]')
RETURNS jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_batch_write_item(pg_catalog.jsonb_build_object(
		'RequestItems', pg_catalog.jsonb_build_object(table_name,
			(SELECT COALESCE(pg_catalog.jsonb_agg(w.request ORDER BY w.kind, w.n),
							'[]'::jsonb)
			 FROM (SELECT 1, p.n, pg_catalog.jsonb_build_object('PutRequest',
						pg_catalog.jsonb_build_object('Item', p.item))
				   FROM pg_catalog.jsonb_array_elements(items) WITH ORDINALITY AS p(item, n)
				   UNION ALL
				   SELECT 2, d.n, pg_catalog.jsonb_build_object('DeleteRequest',
						pg_catalog.jsonb_build_object('Key', d.key))
				   FROM pg_catalog.jsonb_array_elements(delete_keys) WITH ORDINALITY AS d(key, n))
				  AS w(kind, n, request)))));
END;
COMMENT ON FUNCTION ddb_batch_write_item(text, jsonb, jsonb) IS
'DynamoDB BatchWriteItem on one table: put a JSON array of items and delete a JSON array of keys, all or nothing';

--
-- On-demand backups.
--
-- ddb_catalog.backups holds one row per backup: its ARN and name, its
-- status (CREATING, AVAILABLE, FAILED: DynamoDB shows FAILED as DELETED),
-- the time marker (BackupCreationDateTime, in whole milliseconds), the
-- source table's details and features as they were when the backup was
-- requested, what a restore needs to recreate the table, and the owner's
-- role by name.  ddb_catalog.backup_chunks holds the items, zstd-compressed
-- in chunks with a format header and a CRC-32C (src/ddb_chunk.h).  Both
-- are closed to everyone but the extension's owner and marked for pg_dump;
-- backups still being created are not dumped (their chunks are not
-- committed before they are AVAILABLE).
--
CREATE SEQUENCE ddb_catalog.backups_backup_id_seq;

CREATE TABLE ddb_catalog.backups (
	backup_id bigint PRIMARY KEY
		DEFAULT pg_catalog.nextval('ddb_catalog.backups_backup_id_seq'::pg_catalog.regclass),
	backup_arn text COLLATE "C" NOT NULL UNIQUE,
	backup_name text COLLATE "C" NOT NULL
		CHECK (backup_name OPERATOR(pg_catalog.~) '^[a-zA-Z0-9_.-]{3,255}$'),
	backup_type text NOT NULL CHECK (backup_type IN ('USER', 'SYSTEM', 'AWS_BACKUP')),
	backup_status text NOT NULL CHECK (backup_status IN ('CREATING', 'AVAILABLE', 'FAILED')),
	creation_time timestamptz NOT NULL,
	expiry_time timestamptz,
	completion_time timestamptz,
	table_id uuid NOT NULL,
	table_name text COLLATE "C" NOT NULL,
	table_arn text COLLATE "C" NOT NULL,
	source_table_details jsonb NOT NULL,
	source_table_features jsonb NOT NULL,
	table_definition jsonb NOT NULL,
	owner_role text NOT NULL,
	item_count bigint,
	table_size_bytes bigint,
	backup_size_bytes bigint,
	chunk_count integer,
	format_version integer NOT NULL DEFAULT 1,
	failure_reason text,
	progress_handle bigint
);
ALTER SEQUENCE ddb_catalog.backups_backup_id_seq OWNED BY ddb_catalog.backups.backup_id;
CREATE INDEX backups_creation_time_idx ON ddb_catalog.backups (creation_time, backup_arn);
CREATE INDEX backups_creating_idx ON ddb_catalog.backups (table_id)
	WHERE backup_status OPERATOR(pg_catalog.=) 'CREATING';
COMMENT ON TABLE ddb_catalog.backups IS 'One row per on-demand backup (ddbtable''s backup catalog)';

CREATE TABLE ddb_catalog.backup_chunks (
	backup_id bigint NOT NULL,
	seq integer NOT NULL,
	item_count integer NOT NULL,
	raw_length integer NOT NULL,
	checksum bigint NOT NULL,
	payload bytea NOT NULL,
	PRIMARY KEY (backup_id, seq)
);
-- the payload is compressed already: store it out of line, uncompressed
ALTER TABLE ddb_catalog.backup_chunks ALTER COLUMN payload SET STORAGE EXTERNAL;
COMMENT ON TABLE ddb_catalog.backup_chunks IS 'The items of each backup: zstd-compressed chunks (format: src/ddb_chunk.h)';

REVOKE ALL ON ddb_catalog.backups, ddb_catalog.backup_chunks,
	ddb_catalog.backups_backup_id_seq FROM PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('ddb_catalog.backups',
	'WHERE backup_status OPERATOR(pg_catalog.<>) ''CREATING''');
SELECT pg_catalog.pg_extension_config_dump('ddb_catalog.backups_backup_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ddb_catalog.backup_chunks', '');

--
-- The audit log of backup and restore actions (DynamoDB's CloudTrail):
-- every call, allowed or refused, with the role, the time, the operation,
-- the resource ARN, the request and the outcome.  A call refused by a
-- ddb_<operation>() function rolls its transaction back, and with it the
-- row; every call is therefore also written to the server log, as a line
-- starting with "ddbtable audit: ".
--
CREATE SEQUENCE ddb_catalog.audit_log_audit_id_seq;

CREATE TABLE ddb_catalog.audit_log (
	audit_id bigint PRIMARY KEY
		DEFAULT pg_catalog.nextval('ddb_catalog.audit_log_audit_id_seq'::pg_catalog.regclass),
	event_time timestamptz NOT NULL,
	role_name text NOT NULL,
	session_role text NOT NULL,
	operation text NOT NULL,
	resource_arn text NOT NULL,
	backup_arn text,
	request jsonb NOT NULL,
	outcome text NOT NULL,
	message text
);
ALTER SEQUENCE ddb_catalog.audit_log_audit_id_seq OWNED BY ddb_catalog.audit_log.audit_id;
COMMENT ON TABLE ddb_catalog.audit_log IS 'Backup and restore actions, allowed or refused (read it through ddb_audit_log)';
REVOKE ALL ON ddb_catalog.audit_log, ddb_catalog.audit_log_audit_id_seq FROM PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('ddb_catalog.audit_log', '');
SELECT pg_catalog.pg_extension_config_dump('ddb_catalog.audit_log_audit_id_seq', '');

CREATE VIEW ddb_audit_log WITH (security_barrier) AS
	SELECT a.audit_id, a.event_time, a.role_name, a.session_role, a.operation,
		a.resource_arn, a.backup_arn, a.request, a.outcome, a.message
	FROM ddb_catalog.audit_log a
	WHERE pg_catalog.pg_has_role('pg_read_all_stats', 'USAGE')
		OR a.role_name OPERATOR(pg_catalog.=) CURRENT_USER
		OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
				   WHERE r.rolname OPERATOR(pg_catalog.=) a.role_name
					 AND pg_catalog.pg_has_role(r.oid, 'USAGE'));
GRANT SELECT ON ddb_audit_log TO PUBLIC;
COMMENT ON VIEW ddb_audit_log IS
'Backup and restore actions, allowed or refused: a role sees its own (and those of roles whose privileges it has); members of pg_read_all_stats see all';

--
-- The backup operations: ddb_<operation>(request jsonb).
--
CREATE FUNCTION ddb_create_backup(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_create_backup'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_create_backup(jsonb) IS 'DynamoDB CreateBackup';

CREATE FUNCTION ddb_describe_backup(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_describe_backup'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_describe_backup(jsonb) IS 'DynamoDB DescribeBackup';

CREATE FUNCTION ddb_list_backups(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_list_backups'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_list_backups(jsonb) IS 'DynamoDB ListBackups';

CREATE FUNCTION ddb_delete_backup(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_delete_backup'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_delete_backup(jsonb) IS 'DynamoDB DeleteBackup';

--
-- Friendly forms of the backup operations for psql users.
--
CREATE FUNCTION ddb_create_backup(table_name text, backup_name text)
RETURNS jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_create_backup(pg_catalog.jsonb_build_object(
		'TableName', table_name, 'BackupName', backup_name))
		OPERATOR(pg_catalog.->) 'BackupDetails';
END;
COMMENT ON FUNCTION ddb_create_backup(text, text) IS
'DynamoDB CreateBackup of the table of this name (or ARN); returns the BackupDetails (status CREATING)';

CREATE FUNCTION ddb_describe_backup(backup_arn text)
RETURNS jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_describe_backup(pg_catalog.jsonb_build_object('BackupArn', backup_arn));
END;
COMMENT ON FUNCTION ddb_describe_backup(text) IS
'DynamoDB DescribeBackup of the backup of this ARN';

CREATE FUNCTION ddb_delete_backup(backup_arn text)
RETURNS jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_delete_backup(pg_catalog.jsonb_build_object('BackupArn', backup_arn));
END;
COMMENT ON FUNCTION ddb_delete_backup(text) IS
'DynamoDB DeleteBackup of the backup of this ARN';

CREATE FUNCTION ddb_list_backups(table_name text DEFAULT NULL)
RETURNS SETOF jsonb
AS 'MODULE_PATHNAME', 'ddb_list_all_backups'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE ROWS 100;
COMMENT ON FUNCTION ddb_list_backups(text) IS
'Every BackupSummary ListBackups shows the current role (all pages, every backup type), of one source table or of all';

CREATE FUNCTION ddb_wait_for_backup(backup_arn text, timeout interval DEFAULT '10min')
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_wait_for_backup'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_wait_for_backup(text, interval) IS
'Wait until the backup is AVAILABLE and return its DescribeBackup response; raises if it failed, or after the timeout';

CREATE FUNCTION ddb_backup_items(backup_arn text)
RETURNS SETOF jsonb
AS 'MODULE_PATHNAME', 'ddb_backup_items'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE ROWS 1000;
COMMENT ON FUNCTION ddb_backup_items(text) IS
'The items of an AVAILABLE backup in DynamoDB JSON, every chunk verified (needs ownership of the backup)';

CREATE FUNCTION ddb_get_backups(
	OUT backup_arn text,
	OUT backup_name text,
	OUT table_name text,
	OUT backup_type text,
	OUT status text,
	OUT created timestamptz,
	OUT completed timestamptz,
	OUT item_count bigint,
	OUT table_size_bytes bigint,
	OUT backup_size_bytes bigint,
	OUT chunk_count integer,
	OUT owner text,
	OUT failure_reason text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'ddb_get_backups'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_get_backups() IS
'The rows of the view ddb_backups';

CREATE VIEW ddb_backups AS SELECT * FROM ddb_get_backups();
GRANT SELECT ON ddb_backups TO PUBLIC;
COMMENT ON VIEW ddb_backups IS
'Every backup the current role may see, failed ones included (status FAILED, with the reason)';

CREATE FUNCTION ddb_get_progress(
	OUT operation text,
	OUT arn text,
	OUT table_name text,
	OUT role_name text,
	OUT pid integer,
	OUT phase text,
	OUT started timestamptz,
	OUT items_done bigint,
	OUT bytes_done bigint,
	OUT items_total bigint,
	OUT percent numeric,
	OUT chunks_done bigint,
	OUT stored_bytes bigint)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'ddb_get_progress'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_get_progress() IS
'The rows of the view ddb_progress';

CREATE VIEW ddb_progress AS SELECT * FROM ddb_get_progress();
GRANT SELECT ON ddb_progress TO PUBLIC;
COMMENT ON VIEW ddb_progress IS
'Backups and restores in progress that the current role may see, with items and bytes done, items total and percent';

--
-- Restores (RestoreTableFromBackup).
-- [section owned by the restore work]
--
-- ddb_catalog.restores holds one row per restore: the target table (by id
-- and name), the backup, who asked and when, the status -- LOADING (the
-- table is CREATING), BUILDING_INDEXES (the table is ACTIVE, its GSIs
-- CREATING), COMPLETED or FAILED (the target was removed; failure_reason
-- says why) -- the figures of the load, and how many workers it took.
-- A restore in progress whose worker is gone is resumed by the next look
-- (see src/ddb_restore.h).  Closed to everyone but the extension's owner;
-- read it through the view ddb_restores.
--
CREATE SEQUENCE ddb_catalog.restores_restore_id_seq;

CREATE TABLE ddb_catalog.restores (
	restore_id bigint PRIMARY KEY
		DEFAULT pg_catalog.nextval('ddb_catalog.restores_restore_id_seq'::pg_catalog.regclass),
	table_id uuid NOT NULL,
	table_name text COLLATE "C" NOT NULL,
	table_arn text COLLATE "C" NOT NULL,
	backup_id bigint NOT NULL,
	backup_arn text COLLATE "C" NOT NULL,
	source_table_arn text COLLATE "C" NOT NULL,
	restore_status text NOT NULL
		CHECK (restore_status IN ('LOADING', 'BUILDING_INDEXES', 'COMPLETED', 'FAILED')),
	requested_by text NOT NULL,
	request_time timestamptz NOT NULL,
	active_time timestamptz,
	completion_time timestamptz,
	attempts integer NOT NULL DEFAULT 0,
	item_count bigint,
	table_size_bytes bigint,
	peak_memory_bytes bigint,
	chunk_delay_ms integer NOT NULL DEFAULT 0,
	failure_reason text
);
ALTER SEQUENCE ddb_catalog.restores_restore_id_seq OWNED BY ddb_catalog.restores.restore_id;
CREATE INDEX restores_in_progress_idx ON ddb_catalog.restores (backup_id)
	WHERE restore_status IN ('LOADING', 'BUILDING_INDEXES');
CREATE INDEX restores_table_name_idx ON ddb_catalog.restores (table_name, restore_id);
COMMENT ON TABLE ddb_catalog.restores IS 'One row per restore of a backup (read it through ddb_restores)';
REVOKE ALL ON ddb_catalog.restores, ddb_catalog.restores_restore_id_seq FROM PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('ddb_catalog.restores', '');
SELECT pg_catalog.pg_extension_config_dump('ddb_catalog.restores_restore_id_seq', '');

-- A backup that a restore in progress reads cannot be deleted.
CREATE FUNCTION ddb_restore_backup_delete_guard()
RETURNS trigger
AS 'MODULE_PATHNAME', 'ddb_restore_backup_delete_guard'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_restore_backup_delete_guard() IS
'Trigger: refuses to delete a backup that a restore in progress reads, with BackupInUseException (internal)';
REVOKE ALL ON FUNCTION ddb_restore_backup_delete_guard() FROM PUBLIC;

CREATE TRIGGER backups_restore_guard BEFORE DELETE ON ddb_catalog.backups
	FOR EACH ROW EXECUTE FUNCTION ddb_restore_backup_delete_guard();

CREATE FUNCTION ddb_restore_table_from_backup(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_restore_table_from_backup'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_restore_table_from_backup(jsonb) IS 'DynamoDB RestoreTableFromBackup';

CREATE FUNCTION ddb_restore_table(backup_arn text, target_table_name text)
RETURNS jsonb
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	SELECT ddb_restore_table_from_backup(pg_catalog.jsonb_build_object(
		'BackupArn', backup_arn, 'TargetTableName', target_table_name))
		OPERATOR(pg_catalog.->) 'TableDescription';
END;
COMMENT ON FUNCTION ddb_restore_table(text, text) IS
'DynamoDB RestoreTableFromBackup of the backup of this ARN into a new table of this name; returns the TableDescription (status CREATING)';

CREATE FUNCTION ddb_wait_for_restore(table_name text, timeout interval DEFAULT '10min')
RETURNS jsonb
AS 'MODULE_PATHNAME', 'ddb_wait_for_restore'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_wait_for_restore(text, interval) IS
'Wait until the restore to the table of this name is complete (table and GSIs ACTIVE) and return its DescribeTable response; raises if it failed, or after the timeout';

CREATE FUNCTION ddb_get_restores(
	OUT table_name text,
	OUT table_arn text,
	OUT backup_arn text,
	OUT source_table_arn text,
	OUT status text,
	OUT requested_by text,
	OUT requested timestamptz,
	OUT active timestamptz,
	OUT completed timestamptz,
	OUT attempts integer,
	OUT worker_running boolean,
	OUT item_count bigint,
	OUT table_size_bytes bigint,
	OUT peak_memory_bytes bigint,
	OUT failure_reason text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'ddb_get_restores'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ddb_get_restores() IS
'The rows of the view ddb_restores';

CREATE VIEW ddb_restores AS SELECT * FROM ddb_get_restores();
GRANT SELECT ON ddb_restores TO PUBLIC;
COMMENT ON VIEW ddb_restores IS
'Every restore the current role may see: status (LOADING, BUILDING_INDEXES, COMPLETED, FAILED), times, figures and, for a failed one, the reason';
