# Makefile for ddbtable (PGXS)

EXTENSION = ddbtable
EXTVERSION = 0.1.0
MODULE_big = ddbtable

OBJS = \
	src/ddbtable.o \
	src/ddb_core.o \
	src/ddb_core_backend.o \
	src/ddb_attrval.o \
	src/ddb_number.o \
	src/ddb_attrval_jsonb.o \
	src/ddb_expr_lex.o \
	src/ddb_expr_context.o \
	src/ddb_expr_parse.o \
	src/ddb_expr_eval.o \
	src/ddb_expr_update.o \
	src/ddb_expr_key.o \
	src/ddb_errors.o \
	src/ddb_dispatch.o \
	src/ddb_request.o \
	src/ddb_json.o \
	src/ddb_describe_limits.o \
	src/ddb_catalog.o \
	src/ddb_storage.o \
	src/ddb_acl.o \
	src/ddb_table_api.o \
	src/ddb_table_update.o \
	src/ddb_table_settings.o \
	src/ddb_item_api.o \
	src/ddb_table_cache.o \
	src/ddb_item_store.o \
	src/ddb_capacity.o \
	src/ddb_data_request.o \
	src/ddb_statistics.o \
	src/ddb_query.o \
	src/ddb_scan.o \
	src/ddb_read_path.o \
	src/ddb_batch.o \
	src/ddb_audit.o \
	src/ddb_chunk.o \
	src/ddb_backup.o \
	src/ddb_backup_api.o \
	src/ddb_backup_catalog.o \
	src/ddb_backup_worker.o \
	src/ddb_restore.o \
	src/ddb_restore_catalog.o \
	src/ddb_restore_worker.o

DATA = sql/ddbtable--$(EXTVERSION).sql

# pg_regress inputs live beside the install script in sql/, outputs in expected/
REGRESS = $(patsubst sql/%.sql,%,$(filter-out sql/ddbtable--%,$(sort $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --outputdir=test/regress_output

ISOLATION = $(patsubst test/isolation/specs/%.spec,%,$(sort $(wildcard test/isolation/specs/*.spec)))
ISOLATION_OPTS = --inputdir=test/isolation --outputdir=test/isolation/output_iso

TAP_TESTS = 1
PROVE_TESTS = test/t/*.pl

PG_CPPFLAGS = -I$(srcdir)/src
PG_CFLAGS = -Wall -Wextra -Werror -Wno-unused-parameter
SHLIB_LINK += -lzstd

EXTRA_CLEAN = test/regress_output test/isolation/output_iso tmp_check

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)
