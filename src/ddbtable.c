/*-------------------------------------------------------------------------
 *
 * ddbtable.c
 *	  Module entry point: the library's magic block and its settings.
 *
 * ddbtable needs no shared_preload_libraries entry: it registers its
 * settings when the library is first loaded, which happens on the first
 * call of any of its SQL functions in a session.  Backups and restores use
 * dynamic background workers, started on demand; the backup settings are
 * read by the requesting backend and handed to the worker.
 *
 * IDENTIFICATION
 *	  src/ddbtable.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

#include "ddb_storage.h"
#include "ddb_backup.h"
#include "ddb_restore.h"
#include "ddbtable.h"

PG_MODULE_MAGIC;

char	   *ddb_region = NULL;
char	   *ddb_account_id = NULL;
int			ddb_backup_chunk_size_kb = 4096;
int			ddb_backup_compression_level = 1;
int			ddb_backup_chunk_delay_ms = 0;
int			ddb_backup_worker_nice = 10;

/* Accept region names as AWS spells them: lower-case letters, digits, '-'. */
static bool
CheckRegion(char **newval, void **extra, GucSource source)
{
	const char *p = *newval;

	if (p == NULL || *p == '\0' || strlen(p) > 64)
	{
		GUC_check_errdetail("A region name must have 1 to 64 characters.");
		return false;
	}
	for (; *p; p++)
	{
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
		{
			GUC_check_errdetail("A region name may contain only lower-case letters, digits and \"-\".");
			return false;
		}
	}
	return true;
}

/* Accept account ids as AWS spells them: exactly twelve digits. */
static bool
CheckAccountId(char **newval, void **extra, GucSource source)
{
	const char *p = *newval;

	if (p == NULL || strlen(p) != 12 || strspn(p, "0123456789") != 12)
	{
		GUC_check_errdetail("An account id must be exactly twelve digits.");
		return false;
	}
	return true;
}

/* Register the ddbtable.* settings. */
void
_PG_init(void)
{
	DefineCustomStringVariable("ddbtable.region",
							   "AWS region named in the ARNs of new tables and backups.",
							   NULL,
							   &ddb_region,
							   "us-east-1",
							   PGC_SUSET,
							   0,
							   CheckRegion, NULL, NULL);

	DefineCustomStringVariable("ddbtable.account_id",
							   "AWS account id named in the ARNs of new tables and backups.",
							   NULL,
							   &ddb_account_id,
							   "000000000000",
							   PGC_SUSET,
							   0,
							   CheckAccountId, NULL, NULL);

	DefineCustomIntVariable("ddbtable.statistics_interval",
							"Seconds for which DescribeTable reuses the stored ItemCount and sizes of a table.",
							"After this long, the next DescribeTable counts the items again; 0 counts on every call.",
							&ddb_statistics_interval,
							600, 0, 7 * 24 * 3600,
							PGC_USERSET,
							GUC_UNIT_S,
							NULL, NULL, NULL);

	DefineCustomIntVariable("ddbtable.backup_chunk_size",
							"Bytes of items in each chunk of a backup, before compression.",
							"Larger chunks compress better and need more memory in the backup worker.",
							&ddb_backup_chunk_size_kb,
							4096, 64, 262144,
							PGC_SUSET,
							GUC_UNIT_KB,
							NULL, NULL, NULL);

	DefineCustomIntVariable("ddbtable.backup_compression_level",
							"zstd compression level of backup chunks.",
							NULL,
							&ddb_backup_compression_level,
							1, -7, 19,
							PGC_SUSET,
							0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("ddbtable.backup_worker_nice",
							"Scheduling priority (nice value) the backup worker gives itself.",
							"A positive value leaves the CPU to the table's readers and writers first.",
							&ddb_backup_worker_nice,
							10, 0, 19,
							PGC_SUSET,
							0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("ddbtable.backup_chunk_delay",
							"For tests only: pause of the backup worker after each chunk.",
							"Slows backups down so that tests can act while one runs.",
							&ddb_backup_chunk_delay_ms,
							0, 0, 600000,
							PGC_SUSET,
							GUC_UNIT_MS | GUC_NOT_IN_SAMPLE,
							NULL, NULL, NULL);

	DdbRestoreDefineSettings();

	MarkGUCPrefixReserved("ddbtable");
}
