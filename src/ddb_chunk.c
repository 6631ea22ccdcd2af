/*-------------------------------------------------------------------------
 *
 * ddb_chunk.c
 *	  Writing and reading backup chunks (format: see ddb_chunk.h).
 *
 * This is the only file that uses zstd.  A writer stages records in a
 * small buffer and feeds them to zstd's streaming compressor, one frame per
 * chunk; it keeps that buffer, one output buffer and one zstd compression
 * context for its whole life, so a backup's memory use does not grow with
 * the table.  Staging in a buffer that fits in the CPU cache, rather than
 * building the whole chunk first, keeps the copy fast.  The zstd context
 * comes from malloc(), not palloc(): a reset callback on the writer's
 * memory context frees it, so it is released however the context goes
 * away (DdbChunkWriterFree, the end of the transaction, an ERROR).
 * Decompression uses a zstd context that lives only inside one
 * ZSTD_decompressDCtx() call, freed in PG_FINALLY.
 *
 * IDENTIFICATION
 *	  src/ddb_chunk.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <zstd.h>

#include "port/pg_crc32c.h"
#include "utils/memutils.h"

#include "ddb_chunk.h"

/* Records are staged here, then handed to zstd's streaming compressor. */
#define STAGING_SIZE (256 * 1024)

/* The state of a writer; everything lives in its own memory context. */
struct DdbChunkWriter
{
	MemoryContext context;
	MemoryContextCallback free_zstd;
	ZSTD_CCtx  *cctx;
	uint8		flags;
	bool		has_range_key;
	uint32		target;			/* a chunk is full at this many raw bytes */
	char	   *staging;		/* records not yet given to zstd */
	uint32		staging_len;
	uint32		staging_cap;
	uint64		raw_len;		/* raw bytes of the current chunk */
	uint32		item_count;
	bytea	   *out;			/* header and compressed payload */
	size_t		out_len;		/* payload bytes produced so far */
	size_t		out_cap;		/* payload bytes available */
};

static void FreeCompressionContext(void *arg);
static void PutU32(char *p, uint32 v);
static void PutU16(char *p, uint16 v);
static uint32 GetU32(const char *p);
static uint16 GetU16(const char *p);
static void Reserve(DdbChunkWriter *writer, uint32 more);
static void Compress(DdbChunkWriter *writer, ZSTD_EndDirective mode);
static void AppendU32(DdbChunkWriter *writer, uint32 v);
static void AppendBytes(DdbChunkWriter *writer, const char *bytes, uint32 len);
static char KeyTypeFromCode(uint8 code);
static uint32 HeaderCrc(const char *header);
static bool ReadU32(DdbChunkReader *reader, uint32 *v);
static bool ReadBytes(DdbChunkReader *reader, uint32 len, const char **bytes);

/* The memory-context reset callback that frees a writer's zstd context. */
static void
FreeCompressionContext(void *arg)
{
	DdbChunkWriter *writer = arg;

	if (writer->cctx != NULL)
		ZSTD_freeCCtx(writer->cctx);
	writer->cctx = NULL;
}

/* Store a 32-bit integer little-endian. */
static void
PutU32(char *p, uint32 v)
{
	unsigned char *u = (unsigned char *) p;

	u[0] = v & 0xff;
	u[1] = (v >> 8) & 0xff;
	u[2] = (v >> 16) & 0xff;
	u[3] = (v >> 24) & 0xff;
}

/* Store a 16-bit integer little-endian. */
static void
PutU16(char *p, uint16 v)
{
	unsigned char *u = (unsigned char *) p;

	u[0] = v & 0xff;
	u[1] = (v >> 8) & 0xff;
}

/* Load a little-endian 32-bit integer. */
static uint32
GetU32(const char *p)
{
	const unsigned char *u = (const unsigned char *) p;

	return (uint32) u[0] | ((uint32) u[1] << 8) | ((uint32) u[2] << 16) |
		((uint32) u[3] << 24);
}

/* Load a little-endian 16-bit integer. */
static uint16
GetU16(const char *p)
{
	const unsigned char *u = (const unsigned char *) p;

	return (uint16) (u[0] | (u[1] << 8));
}

/* The flag code of a key type. */
uint8
DdbChunkKeyCode(char type)
{
	switch (type)
	{
		case 'S':
			return DDB_CHUNK_KEY_S;
		case 'N':
			return DDB_CHUNK_KEY_N;
		case 'B':
			return DDB_CHUNK_KEY_B;
		case '\0':
			return DDB_CHUNK_KEY_NONE;
	}
	elog(ERROR, "invalid key attribute type \"%c\"", type);
	pg_unreachable();
}

/* The key type of a flag code ('\0' for none, '?' for an invalid code). */
static char
KeyTypeFromCode(uint8 code)
{
	switch (code)
	{
		case DDB_CHUNK_KEY_S:
			return 'S';
		case DDB_CHUNK_KEY_N:
			return 'N';
		case DDB_CHUNK_KEY_B:
			return 'B';
		case DDB_CHUNK_KEY_NONE:
			return '\0';
	}
	return '?';
}

/* The CRC-32C of the first 28 bytes of a header. */
static uint32
HeaderCrc(const char *header)
{
	pg_crc32c	crc;

	INIT_CRC32C(crc);
	COMP_CRC32C(crc, header, 28);
	FIN_CRC32C(crc);
	return (uint32) crc;
}

/* Create a writer (see ddb_chunk.h). */
DdbChunkWriter *
DdbChunkWriterCreate(char hash_type, char range_type, int target_raw_bytes, int level)
{
	MemoryContext context;
	DdbChunkWriter *writer;
	size_t		rc;

	Assert(target_raw_bytes > 0);
	context = AllocSetContextCreate(CurrentMemoryContext, "ddbtable chunk writer",
									ALLOCSET_DEFAULT_SIZES);
	writer = MemoryContextAllocZero(context, sizeof(DdbChunkWriter));
	writer->context = context;
	writer->flags = DdbChunkKeyCode(hash_type) | (DdbChunkKeyCode(range_type) << 2);
#ifdef WORDS_BIGENDIAN
	writer->flags |= DDB_CHUNK_FLAG_BIG_ENDIAN;
#endif
	writer->has_range_key = (range_type != '\0');
	writer->target = (uint32) target_raw_bytes;

	/* register the callback first, so the zstd context can never leak */
	writer->free_zstd.func = FreeCompressionContext;
	writer->free_zstd.arg = writer;
	MemoryContextRegisterResetCallback(context, &writer->free_zstd);
	writer->cctx = ZSTD_createCCtx();
	if (writer->cctx == NULL)
		ereport(ERROR,
				errcode(ERRCODE_OUT_OF_MEMORY),
				errmsg("out of memory"),
				errdetail("Could not create a zstd compression context."));
	rc = ZSTD_CCtx_setParameter(writer->cctx, ZSTD_c_compressionLevel, level);
	if (ZSTD_isError(rc))
		elog(ERROR, "could not set zstd compression level %d: %s", level,
			 ZSTD_getErrorName(rc));

	writer->staging_cap = STAGING_SIZE;
	writer->staging = MemoryContextAlloc(context, writer->staging_cap);
	writer->out_cap = ZSTD_compressBound(writer->target) / 2 + 64 * 1024;
	writer->out = MemoryContextAllocHuge(context, VARHDRSZ + DDB_CHUNK_HEADER_SIZE +
										 writer->out_cap);
	return writer;
}

/*
 * Hand the staged records to zstd (ZSTD_e_continue), or end the frame
 * (ZSTD_e_end).  The output buffer grows when the payload outgrows it.
 */
static void
Compress(DdbChunkWriter *writer, ZSTD_EndDirective mode)
{
	ZSTD_inBuffer in = {writer->staging, writer->staging_len, 0};

	if (writer->cctx == NULL)
		elog(ERROR, "chunk writer used after it was freed");
	for (;;)
	{
		ZSTD_outBuffer out;
		size_t		remaining;

		if (writer->out_cap - writer->out_len < 64 * 1024)
		{
			writer->out_cap *= 2;
			writer->out = repalloc_huge(writer->out, VARHDRSZ + DDB_CHUNK_HEADER_SIZE +
										writer->out_cap);
		}
		out.dst = VARDATA(writer->out) + DDB_CHUNK_HEADER_SIZE;
		out.size = writer->out_cap;
		out.pos = writer->out_len;
		remaining = ZSTD_compressStream2(writer->cctx, &out, &in, mode);
		writer->out_len = out.pos;
		if (ZSTD_isError(remaining))
			elog(ERROR, "could not compress a backup chunk: %s",
				 ZSTD_getErrorName(remaining));
		if (in.pos == in.size && (mode == ZSTD_e_continue || remaining == 0))
			break;
	}
	writer->staging_len = 0;
}

/* Make room for more bytes of staged records. */
static void
Reserve(DdbChunkWriter *writer, uint32 more)
{
	if ((uint64) writer->staging_len + more <= writer->staging_cap)
		return;
	if (writer->staging_len > 0)
		Compress(writer, ZSTD_e_continue);
	if (more > writer->staging_cap)
	{
		/* a record larger than the staging buffer */
		writer->staging_cap = more;
		writer->staging = repalloc(writer->staging, writer->staging_cap);
	}
}

/* Append a little-endian 32-bit integer to the records. */
static void
AppendU32(DdbChunkWriter *writer, uint32 v)
{
	PutU32(writer->staging + writer->staging_len, v);
	writer->staging_len += 4;
}

/* Append bytes to the records. */
static void
AppendBytes(DdbChunkWriter *writer, const char *bytes, uint32 len)
{
	if (len > 0)
		memcpy(writer->staging + writer->staging_len, bytes, len);
	writer->staging_len += len;
}

/* Append one record to the current chunk. */
void
DdbChunkWriterAdd(DdbChunkWriter *writer, const DdbChunkRecord *record)
{
	uint64		size = 4 + (uint64) record->hash_key_len + 4 + 4 + record->item_len;

	if (writer->has_range_key)
		size += 4 + (uint64) record->range_key_len;
	if (size > MaxAllocSize / 2)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("item too large for a backup chunk"));
	Reserve(writer, (uint32) size);

	AppendU32(writer, record->hash_key_len);
	AppendBytes(writer, record->hash_key, record->hash_key_len);
	if (writer->has_range_key)
	{
		AppendU32(writer, record->range_key_len);
		AppendBytes(writer, record->range_key, record->range_key_len);
	}
	AppendU32(writer, (uint32) record->item_size);
	AppendU32(writer, record->item_len);
	AppendBytes(writer, record->item, record->item_len);
	writer->raw_len += size;
	writer->item_count++;
}

/* Whether the current chunk has reached its target size. */
bool
DdbChunkWriterFull(DdbChunkWriter *writer)
{
	return writer->raw_len >= writer->target;
}

/* Number of records in the current chunk. */
uint32
DdbChunkWriterItemCount(DdbChunkWriter *writer)
{
	return writer->item_count;
}

/* End the current chunk, return it, and start the next one. */
bytea *
DdbChunkWriterFlush(DdbChunkWriter *writer, uint32 seq, DdbChunkInfo *info)
{
	char	   *header;
	char	   *payload;
	pg_crc32c	crc;

	if (writer->raw_len > PG_UINT32_MAX)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("backup chunk would exceed the maximum size"));
	Compress(writer, ZSTD_e_end);
	header = VARDATA(writer->out);
	payload = header + DDB_CHUNK_HEADER_SIZE;

	INIT_CRC32C(crc);
	COMP_CRC32C(crc, payload, writer->out_len);
	FIN_CRC32C(crc);

	memset(header, 0, DDB_CHUNK_HEADER_SIZE);
	PutU32(header + 0, DDB_CHUNK_MAGIC);
	PutU16(header + 4, DDB_CHUNK_VERSION);
	header[6] = DDB_CHUNK_CODEC_ZSTD;
	header[7] = (char) writer->flags;
	PutU32(header + 8, seq);
	PutU32(header + 12, writer->item_count);
	PutU32(header + 16, (uint32) writer->raw_len);
	PutU32(header + 20, (uint32) writer->out_len);
	PutU32(header + 24, (uint32) crc);
	PutU32(header + 28, HeaderCrc(header));
	SET_VARSIZE(writer->out, VARHDRSZ + DDB_CHUNK_HEADER_SIZE + writer->out_len);

	if (info != NULL)
	{
		info->version = DDB_CHUNK_VERSION;
		info->codec = DDB_CHUNK_CODEC_ZSTD;
		info->flags = writer->flags;
		info->hash_type = KeyTypeFromCode(writer->flags & 3);
		info->range_type = KeyTypeFromCode((writer->flags >> 2) & 3);
		info->seq = seq;
		info->item_count = writer->item_count;
		info->raw_length = (uint32) writer->raw_len;
		info->compressed_length = (uint32) writer->out_len;
		info->payload_crc = (uint32) crc;
	}

	writer->raw_len = 0;
	writer->item_count = 0;
	writer->out_len = 0;
	return writer->out;
}

/* Free the writer; the reset callback frees the zstd context. */
void
DdbChunkWriterFree(DdbChunkWriter *writer)
{
	MemoryContextDelete(writer->context);
}

/* Raise the error for a damaged chunk. */
#define CHUNK_CORRUPTED(seq, ...) \
	ereport(ERROR, \
			errcode(ERRCODE_DATA_CORRUPTED), \
			errmsg("backup chunk %u is corrupted", (seq)), \
			errdetail(__VA_ARGS__))

/* Decode and check a chunk header. */
void
DdbChunkParseHeader(const char *data, Size len, uint32 expected_seq, DdbChunkInfo *info)
{
	uint8		own_order = 0;

	if (len < DDB_CHUNK_HEADER_SIZE)
		CHUNK_CORRUPTED(expected_seq, "The chunk has %zu bytes, fewer than its header.", len);
	if (GetU32(data) != DDB_CHUNK_MAGIC)
		CHUNK_CORRUPTED(expected_seq, "The chunk does not start with the magic number.");
	if (GetU32(data + 28) != HeaderCrc(data))
		CHUNK_CORRUPTED(expected_seq, "The checksum of the chunk header does not match.");

	info->version = GetU16(data + 4);
	info->codec = (uint8) data[6];
	info->flags = (uint8) data[7];
	info->seq = GetU32(data + 8);
	info->item_count = GetU32(data + 12);
	info->raw_length = GetU32(data + 16);
	info->compressed_length = GetU32(data + 20);
	info->payload_crc = GetU32(data + 24);
	info->hash_type = KeyTypeFromCode(info->flags & 3);
	info->range_type = KeyTypeFromCode((info->flags >> 2) & 3);

	if (info->version != DDB_CHUNK_VERSION)
		ereport(ERROR,
				errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				errmsg("backup chunk %u has format version %u, which this version of ddbtable cannot read",
					   expected_seq, info->version));
	if (info->codec != DDB_CHUNK_CODEC_ZSTD)
		CHUNK_CORRUPTED(expected_seq, "Unknown codec %u.", info->codec);
	if (info->hash_type == '\0' || info->hash_type == '?' || info->range_type == '?' ||
		(info->flags & 0x70) != 0)
		CHUNK_CORRUPTED(expected_seq, "Invalid flags 0x%02x.", info->flags);
#ifdef WORDS_BIGENDIAN
	own_order = DDB_CHUNK_FLAG_BIG_ENDIAN;
#endif
	if ((info->flags & DDB_CHUNK_FLAG_BIG_ENDIAN) != own_order)
		ereport(ERROR,
				errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				errmsg("backup chunk %u was written on a machine of another byte order",
					   expected_seq));
	if (info->seq != expected_seq)
		CHUNK_CORRUPTED(expected_seq, "The header names chunk %u.", info->seq);
	if (info->item_count == 0)
		CHUNK_CORRUPTED(expected_seq, "The chunk holds no items.");
	if ((uint64) info->compressed_length + DDB_CHUNK_HEADER_SIZE != len)
		CHUNK_CORRUPTED(expected_seq, "The header gives %u compressed bytes, the chunk has %zu.",
						info->compressed_length, len - DDB_CHUNK_HEADER_SIZE);
}

/* Check the payload CRC and decompress a chunk. */
char *
DdbChunkDecompress(const char *data, Size len, const DdbChunkInfo *info)
{
	const char *payload = data + DDB_CHUNK_HEADER_SIZE;
	char	   *raw;
	pg_crc32c	crc;
	unsigned long long content_size;
	ZSTD_DCtx  *volatile dctx = NULL;
	volatile size_t got = 0;

	INIT_CRC32C(crc);
	COMP_CRC32C(crc, payload, info->compressed_length);
	FIN_CRC32C(crc);
	if ((uint32) crc != info->payload_crc)
		CHUNK_CORRUPTED(info->seq, "The checksum of the payload does not match.");

	content_size = ZSTD_getFrameContentSize(payload, info->compressed_length);
	if (content_size == ZSTD_CONTENTSIZE_ERROR ||
		(content_size != ZSTD_CONTENTSIZE_UNKNOWN && content_size != info->raw_length))
		CHUNK_CORRUPTED(info->seq, "The zstd frame does not hold %u bytes.", info->raw_length);

	raw = palloc_extended(Max(info->raw_length, 1), MCXT_ALLOC_HUGE);
	PG_TRY();
	{
		dctx = ZSTD_createDCtx();
		if (dctx == NULL)
			ereport(ERROR,
					errcode(ERRCODE_OUT_OF_MEMORY),
					errmsg("out of memory"),
					errdetail("Could not create a zstd decompression context."));
		got = ZSTD_decompressDCtx(dctx, raw, info->raw_length, payload,
								  info->compressed_length);
	}
	PG_FINALLY();
	{
		if (dctx != NULL)
			ZSTD_freeDCtx(dctx);
	}
	PG_END_TRY();
	if (ZSTD_isError(got))
		CHUNK_CORRUPTED(info->seq, "zstd: %s.", ZSTD_getErrorName(got));
	if (got != info->raw_length)
		CHUNK_CORRUPTED(info->seq, "Decompressed %zu bytes instead of %u.", got, info->raw_length);
	return raw;
}

/* Start reading the records of a decompressed chunk. */
void
DdbChunkReaderInit(DdbChunkReader *reader, const char *raw, const DdbChunkInfo *info)
{
	reader->data = raw;
	reader->length = info->raw_length;
	reader->pos = 0;
	reader->items_left = info->item_count;
	reader->seq = info->seq;
	reader->has_range_key = (info->range_type != '\0');
}

/* Read a little-endian integer of the record stream, if there is room. */
static bool
ReadU32(DdbChunkReader *reader, uint32 *v)
{
	if (reader->length - reader->pos < 4)
		return false;
	*v = GetU32(reader->data + reader->pos);
	reader->pos += 4;
	return true;
}

/* Read bytes of the record stream, if there is room. */
static bool
ReadBytes(DdbChunkReader *reader, uint32 len, const char **bytes)
{
	if (reader->length - reader->pos < len)
		return false;
	*bytes = reader->data + reader->pos;
	reader->pos += len;
	return true;
}

/* The next record of the chunk, or false after the last one. */
bool
DdbChunkReaderNext(DdbChunkReader *reader, DdbChunkRecord *record)
{
	uint32		size;

	if (reader->pos == reader->length)
	{
		if (reader->items_left != 0)
			CHUNK_CORRUPTED(reader->seq, "The chunk ends %u items early.", reader->items_left);
		return false;
	}
	if (reader->items_left == 0)
		CHUNK_CORRUPTED(reader->seq, "The chunk holds more items than its header says.");

	memset(record, 0, sizeof(DdbChunkRecord));
	if (!ReadU32(reader, &record->hash_key_len) ||
		!ReadBytes(reader, record->hash_key_len, &record->hash_key))
		CHUNK_CORRUPTED(reader->seq, "A partition key overruns the chunk.");
	if (reader->has_range_key &&
		(!ReadU32(reader, &record->range_key_len) ||
		 !ReadBytes(reader, record->range_key_len, &record->range_key)))
		CHUNK_CORRUPTED(reader->seq, "A sort key overruns the chunk.");
	if (!ReadU32(reader, &size))
		CHUNK_CORRUPTED(reader->seq, "An item size overruns the chunk.");
	record->item_size = (int32) size;
	if (!ReadU32(reader, &record->item_len) ||
		!ReadBytes(reader, record->item_len, &record->item))
		CHUNK_CORRUPTED(reader->seq, "An item overruns the chunk.");
	if (record->item_len > MaxAllocSize - VARHDRSZ ||
		record->hash_key_len > MaxAllocSize - VARHDRSZ ||
		record->range_key_len > MaxAllocSize - VARHDRSZ)
		CHUNK_CORRUPTED(reader->seq, "A value is too large.");
	reader->items_left--;
	return true;
}

/* A varlena holding a copy of the bytes. */
Datum
DdbChunkVarlenaDatum(const char *bytes, uint32 len)
{
	struct varlena *v = palloc(VARHDRSZ + len);

	SET_VARSIZE(v, VARHDRSZ + len);
	if (len > 0)
		memcpy(VARDATA(v), bytes, len);
	return PointerGetDatum(v);
}
