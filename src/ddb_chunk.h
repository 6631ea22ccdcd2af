/*-------------------------------------------------------------------------
 *
 * ddb_chunk.h
 *	  The on-disk format of backup chunks: zstd-compressed runs of items.
 *
 * A backup's items are stored in ddb_catalog.backup_chunks, one row per
 * chunk; the payload column of a row holds one chunk exactly as described
 * here.  ddb_chunk.c is the only file that knows zstd; the backup worker
 * writes chunks with a DdbChunkWriter and whatever reads a backup (restore,
 * ddb_backup_items()) uses DdbChunkParseHeader, DdbChunkDecompress and a
 * DdbChunkReader.  Nothing in a chunk needs text parsing to be restored.
 *
 * Chunk layout (format version 1).  Every integer in the header and in the
 * record framing is little-endian, whatever the platform.
 *
 *	offset size	field
 *	 0		4	magic: the bytes "DDBK" (DDB_CHUNK_MAGIC read little-endian)
 *	 4		2	format version, 1
 *	 6		1	codec: 1 = zstd (one zstd frame follows the header)
 *	 7		1	flags:
 *					bits 0-1  type of the partition key: 1 S, 2 N, 3 B
 *					bits 2-3  type of the sort key: 0 none, 1 S, 2 N, 3 B
 *					bit 7     datums were written on a big-endian machine
 *	 8		4	sequence number of the chunk in its backup (0, 1, 2, ...)
 *	12		4	number of items in the chunk (at least 1)
 *	16		4	raw length: bytes of the decompressed record stream
 *	20		4	compressed length: bytes of payload after the header
 *	24		4	CRC-32C (PostgreSQL's pg_crc32c: INIT_CRC32C, COMP_CRC32C,
 *				FIN_CRC32C) of the compressed payload
 *	28		4	CRC-32C of header bytes 0-27
 *	32		-	the compressed payload: one zstd frame whose content is
 *				the record stream
 *
 * The record stream is the chunk's items back to back, without padding.
 * Each record is one row of the table's item relation (ddb_storage.h),
 * its column values in PostgreSQL's own binary form:
 *
 *	u32		length of the partition key bytes, then the bytes
 *	u32		length of the sort key bytes, then the bytes  (only when the
 *			flags name a sort key type)
 *	i32		item_size: DynamoDB's size of the item (the item_size column)
 *	u32		length of the item bytes, then the bytes
 *
 * Key bytes: S is the UTF-8 text of the key (the text column's data); B the
 * binary value; N the data of PostgreSQL's numeric varlena (its internal
 * base-10000 form, without the varlena length word).  Item bytes are the
 * data of the jsonb varlena (the JsonbContainer, without the varlena length
 * word), the item in DynamoDB JSON as stored in the item column.  Each is
 * turned back into a datum by DdbChunkVarlenaDatum (a 4-byte varlena header
 * followed by the bytes), with no parsing.  The numeric and jsonb forms are
 * PostgreSQL's on-disk forms, which are in the machine's byte order: a
 * reader refuses a chunk whose big-endian flag differs from its own.  The
 * record pointers a DdbChunkReader returns point into the decompressed
 * buffer and are not aligned: copy the bytes before use.
 *
 * Items come in the item relation's physical order; nothing depends on
 * the order.  A backup's chunks are numbered from 0 without gaps; the sum
 * of their item counts is the backup's item count.
 *
 * IDENTIFICATION
 *	  src/ddb_chunk.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_CHUNK_H
#define DDB_CHUNK_H

#include "postgres.h"

#define DDB_CHUNK_MAGIC			0x4B424444	/* "DDBK" */
#define DDB_CHUNK_VERSION		1
#define DDB_CHUNK_CODEC_ZSTD	1
#define DDB_CHUNK_HEADER_SIZE	32

#define DDB_CHUNK_FLAG_BIG_ENDIAN 0x80

/* Key type codes in the flags: 0 none, 1 S, 2 N, 3 B. */
#define DDB_CHUNK_KEY_NONE		0
#define DDB_CHUNK_KEY_S			1
#define DDB_CHUNK_KEY_N			2
#define DDB_CHUNK_KEY_B			3

/* The header of a chunk, decoded. */
typedef struct DdbChunkInfo
{
	uint16		version;
	uint8		codec;
	uint8		flags;
	char		hash_type;		/* 'S', 'N' or 'B' */
	char		range_type;		/* 'S', 'N', 'B', or '\0' without a sort key */
	uint32		seq;
	uint32		item_count;
	uint32		raw_length;
	uint32		compressed_length;
	uint32		payload_crc;
} DdbChunkInfo;

/* One record of a chunk; the pointers point into the decompressed buffer. */
typedef struct DdbChunkRecord
{
	const char *hash_key;
	uint32		hash_key_len;
	const char *range_key;		/* NULL without a sort key */
	uint32		range_key_len;
	int32		item_size;
	const char *item;
	uint32		item_len;
} DdbChunkRecord;

/* Builds chunks from records (see DdbChunkWriterCreate). */
typedef struct DdbChunkWriter DdbChunkWriter;

/* Walks the records of a decompressed chunk. */
typedef struct DdbChunkReader
{
	const char *data;
	uint32		length;
	uint32		pos;
	uint32		items_left;
	uint32		seq;
	bool		has_range_key;
} DdbChunkReader;

/*
 * A writer for the records of one backup.  hash_type and range_type are
 * 'S', 'N' or 'B' (range_type '\0' without a sort key); a chunk is
 * considered full at target_raw_bytes of records; level is the zstd level.
 * Everything it allocates, the zstd context included, lives in a memory
 * context under CurrentMemoryContext and is freed with it (or by
 * DdbChunkWriterFree); its memory use does not depend on the number of
 * records written.
 */
extern DdbChunkWriter *DdbChunkWriterCreate(char hash_type, char range_type,
											int target_raw_bytes, int level);

/* Append one record to the current chunk. */
extern void DdbChunkWriterAdd(DdbChunkWriter *writer, const DdbChunkRecord *record);

/* Whether the current chunk has reached its target size. */
extern bool DdbChunkWriterFull(DdbChunkWriter *writer);

/* Number of records in the current chunk. */
extern uint32 DdbChunkWriterItemCount(DdbChunkWriter *writer);

/*
 * Compress the current chunk as chunk number seq and start a new one.
 * Returns the whole chunk (header and payload) as a bytea owned by the
 * writer, valid until the next call; *info describes it.
 */
extern bytea *DdbChunkWriterFlush(DdbChunkWriter *writer, uint32 seq, DdbChunkInfo *info);

/* Free the writer and its zstd context. */
extern void DdbChunkWriterFree(DdbChunkWriter *writer);

/*
 * Decode and check a chunk's header: magic, version, codec, flags, byte
 * order, lengths against len and the header CRC.  Raises ERROR
 * (ERRCODE_DATA_CORRUPTED) naming the expected chunk number otherwise.
 */
extern void DdbChunkParseHeader(const char *data, Size len, uint32 expected_seq,
								DdbChunkInfo *info);

/*
 * Check the payload CRC and decompress a chunk whose header was parsed;
 * returns a palloc'd buffer of info->raw_length bytes.
 */
extern char *DdbChunkDecompress(const char *data, Size len, const DdbChunkInfo *info);

/* Start reading the records of a decompressed chunk. */
extern void DdbChunkReaderInit(DdbChunkReader *reader, const char *raw,
							   const DdbChunkInfo *info);

/*
 * The next record, or false after the last.  A record that overruns the
 * buffer, or a count of records that disagrees with the header, raises
 * ERROR (ERRCODE_DATA_CORRUPTED).
 */
extern bool DdbChunkReaderNext(DdbChunkReader *reader, DdbChunkRecord *record);

/* A varlena datum (4-byte header) holding a copy of len bytes. */
extern Datum DdbChunkVarlenaDatum(const char *bytes, uint32 len);

/* The chunk flag code of a key type 'S', 'N', 'B' or '\0'. */
extern uint8 DdbChunkKeyCode(char type);

#endif							/* DDB_CHUNK_H */
