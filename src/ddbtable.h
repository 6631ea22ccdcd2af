/*-------------------------------------------------------------------------
 *
 * ddbtable.h
 *	  Settings shared across ddbtable's backend modules.
 *
 * IDENTIFICATION
 *	  src/ddbtable.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDBTABLE_H
#define DDBTABLE_H

/* ddbtable.region: the region in new ARNs */
extern char *ddb_region;

/* ddbtable.account_id: the account in new ARNs */
extern char *ddb_account_id;

extern void _PG_init(void);

#endif							/* DDBTABLE_H */
