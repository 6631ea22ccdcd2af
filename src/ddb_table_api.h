/*-------------------------------------------------------------------------
 *
 * ddb_table_api.h
 *	  What other operations reuse of CreateTable's request checks.
 *
 * RestoreTableFromBackup creates a table too: its index and throughput
 * overrides have the shapes of CreateTable's members and are checked by
 * the same code, with their own member paths in the constraint messages;
 * the table it creates is then checked and built exactly as a CreateTable
 * request for it would be.
 *
 * IDENTIFICATION
 *	  src/ddb_table_api.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_TABLE_API_H
#define DDB_TABLE_API_H

#include "postgres.h"

#include "utils/jsonb.h"

#include "ddb_catalog.h"
#include "ddb_request.h"

/*
 * Read the list member of obj holding LocalSecondaryIndex (global false)
 * or GlobalSecondaryIndex structures, raising SerializationException for
 * a member of the wrong JSON type, and record the model's constraint
 * violations in v under path (for example "globalSecondaryIndexOverride",
 * giving "globalSecondaryIndexOverride.1.member.indexName").
 */
extern void DdbCheckIndexListConstraints(DdbViolations *v, JsonbContainer *obj,
										 const char *member, bool global,
										 const char *path);

/* The same for a ProvisionedThroughput structure. */
extern void DdbCheckThroughputMemberConstraints(DdbViolations *v, JsonbContainer *obj,
												const char *member, const char *path);

/*
 * Check a CreateTable request as CreateTable does (all three stages; its
 * TableName must be a plain name) and build the definition of the table it
 * asks for, with a new TableId and status ACTIVE.  Nothing is looked up,
 * stored or permission-checked.
 */
extern DdbTableDef *DdbTableDefFromRequest(Jsonb *request);

#endif							/* DDB_TABLE_API_H */
