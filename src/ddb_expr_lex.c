/*-------------------------------------------------------------------------
 *
 * ddb_expr_lex.c
 *	  The lexical layer shared by all expression kinds: the tokenizer, the
 *	  reserved-word list, and the helpers that format DynamoDB's messages.
 *
 * The tokenizer splits the whole text up front into an array, so that a
 * syntax error can quote the offending token together with its neighbours
 * ("near"), as the service does: the text from the start of the previous
 * token to the end of the next one ("a-b" for the "-" in "a-b").  Keywords
 * are not separate token types; the parsers compare identifiers with the
 * keywords of their expression kind, case-insensitively.
 *
 * IDENTIFICATION
 *	  src/ddb_expr_lex.c
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb_expr_int.h"

/*
 * Whether a plain attribute name may start with '_'.  expressions.md admits
 * it (observed through dynalite); a test suite run against the service
 * (ScyllaDB's Alternator tests) reports a syntax error on the "_" token.
 */
#define DDB_EXPR_IDENT_MAY_START_WITH_UNDERSCORE 1

/* DynamoDB's reserved words (expressions.md section 11), sorted, upper case */
static const char *const reserved_words[] = {
	"ABORT", "ABSOLUTE", "ACTION", "ADD", "AFTER", "AGENT", "AGGREGATE",
	"ALL", "ALLOCATE", "ALTER", "ANALYZE", "AND", "ANY", "ARCHIVE", "ARE",
	"ARRAY", "AS", "ASC", "ASCII", "ASENSITIVE", "ASSERTION", "ASYMMETRIC",
	"AT", "ATOMIC", "ATTACH", "ATTRIBUTE", "AUTH", "AUTHORIZATION",
	"AUTHORIZE", "AUTO", "AVG", "BACK", "BACKUP", "BASE", "BATCH", "BEFORE",
	"BEGIN", "BETWEEN", "BIGINT", "BINARY", "BIT", "BLOB", "BLOCK", "BOOLEAN",
	"BOTH", "BREADTH", "BUCKET", "BULK", "BY", "BYTE", "CALL", "CALLED",
	"CALLING", "CAPACITY", "CASCADE", "CASCADED", "CASE", "CAST", "CATALOG",
	"CHAR", "CHARACTER", "CHECK", "CLASS", "CLOB", "CLOSE", "CLUSTER",
	"CLUSTERED", "CLUSTERING", "CLUSTERS", "COALESCE", "COLLATE", "COLLATION",
	"COLLECTION", "COLUMN", "COLUMNS", "COMBINE", "COMMENT", "COMMIT",
	"COMPACT", "COMPILE", "COMPRESS", "CONDITION", "CONFLICT", "CONNECT",
	"CONNECTION", "CONSISTENCY", "CONSISTENT", "CONSTRAINT", "CONSTRAINTS",
	"CONSTRUCTOR", "CONSUMED", "CONTINUE", "CONVERT", "COPY", "CORRESPONDING",
	"COUNT", "COUNTER", "CREATE", "CROSS", "CUBE", "CURRENT", "CURSOR",
	"CYCLE", "DATA", "DATABASE", "DATE", "DATETIME", "DAY", "DEALLOCATE",
	"DEC", "DECIMAL", "DECLARE", "DEFAULT", "DEFERRABLE", "DEFERRED",
	"DEFINE", "DEFINED", "DEFINITION", "DELETE", "DELIMITED", "DEPTH",
	"DEREF", "DESC", "DESCRIBE", "DESCRIPTOR", "DETACH", "DETERMINISTIC",
	"DIAGNOSTICS", "DIRECTORIES", "DISABLE", "DISCONNECT", "DISTINCT",
	"DISTRIBUTE", "DO", "DOMAIN", "DOUBLE", "DROP", "DUMP", "DURATION",
	"DYNAMIC", "EACH", "ELEMENT", "ELSE", "ELSEIF", "EMPTY", "ENABLE", "END",
	"EQUAL", "EQUALS", "ERROR", "ESCAPE", "ESCAPED", "EVAL", "EVALUATE",
	"EXCEEDED", "EXCEPT", "EXCEPTION", "EXCEPTIONS", "EXCLUSIVE", "EXEC",
	"EXECUTE", "EXISTS", "EXIT", "EXPLAIN", "EXPLODE", "EXPORT", "EXPRESSION",
	"EXTENDED", "EXTERNAL", "EXTRACT", "FAIL", "FALSE", "FAMILY", "FETCH",
	"FIELDS", "FILE", "FILTER", "FILTERING", "FINAL", "FINISH", "FIRST",
	"FIXED", "FLATTERN", "FLOAT", "FOR", "FORCE", "FOREIGN", "FORMAT",
	"FORWARD", "FOUND", "FREE", "FROM", "FULL", "FUNCTION", "FUNCTIONS",
	"GENERAL", "GENERATE", "GET", "GLOB", "GLOBAL", "GO", "GOTO", "GRANT",
	"GREATER", "GROUP", "GROUPING", "HANDLER", "HASH", "HAVE", "HAVING",
	"HEAP", "HIDDEN", "HOLD", "HOUR", "IDENTIFIED", "IDENTITY", "IF",
	"IGNORE", "IMMEDIATE", "IMPORT", "IN", "INCLUDING", "INCLUSIVE",
	"INCREMENT", "INCREMENTAL", "INDEX", "INDEXED", "INDEXES", "INDICATOR",
	"INFINITE", "INITIALLY", "INLINE", "INNER", "INNTER", "INOUT", "INPUT",
	"INSENSITIVE", "INSERT", "INSTEAD", "INT", "INTEGER", "INTERSECT",
	"INTERVAL", "INTO", "INVALIDATE", "IS", "ISOLATION", "ITEM", "ITEMS",
	"ITERATE", "JOIN", "KEY", "KEYS", "LAG", "LANGUAGE", "LARGE", "LAST",
	"LATERAL", "LEAD", "LEADING", "LEAVE", "LEFT", "LENGTH", "LESS", "LEVEL",
	"LIKE", "LIMIT", "LIMITED", "LINES", "LIST", "LOAD", "LOCAL", "LOCALTIME",
	"LOCALTIMESTAMP", "LOCATION", "LOCATOR", "LOCK", "LOCKS", "LOG", "LOGED",
	"LONG", "LOOP", "LOWER", "MAP", "MATCH", "MATERIALIZED", "MAX", "MAXLEN",
	"MEMBER", "MERGE", "METHOD", "METRICS", "MIN", "MINUS", "MINUTE",
	"MISSING", "MOD", "MODE", "MODIFIES", "MODIFY", "MODULE", "MONTH",
	"MULTI", "MULTISET", "NAME", "NAMES", "NATIONAL", "NATURAL", "NCHAR",
	"NCLOB", "NEW", "NEXT", "NO", "NONE", "NOT", "NULL", "NULLIF", "NUMBER",
	"NUMERIC", "OBJECT", "OF", "OFFLINE", "OFFSET", "OLD", "ON", "ONLINE",
	"ONLY", "OPAQUE", "OPEN", "OPERATOR", "OPTION", "OR", "ORDER",
	"ORDINALITY", "OTHER", "OTHERS", "OUT", "OUTER", "OUTPUT", "OVER",
	"OVERLAPS", "OVERRIDE", "OWNER", "PAD", "PARALLEL", "PARAMETER",
	"PARAMETERS", "PARTIAL", "PARTITION", "PARTITIONED", "PARTITIONS", "PATH",
	"PERCENT", "PERCENTILE", "PERMISSION", "PERMISSIONS", "PIPE", "PIPELINED",
	"PLAN", "POOL", "POSITION", "PRECISION", "PREPARE", "PRESERVE", "PRIMARY",
	"PRIOR", "PRIVATE", "PRIVILEGES", "PROCEDURE", "PROCESSED", "PROJECT",
	"PROJECTION", "PROPERTY", "PROVISIONING", "PUBLIC", "PUT", "QUERY",
	"QUIT", "QUORUM", "RAISE", "RANDOM", "RANGE", "RANK", "RAW", "READ",
	"READS", "REAL", "REBUILD", "RECORD", "RECURSIVE", "REDUCE", "REF",
	"REFERENCE", "REFERENCES", "REFERENCING", "REGEXP", "REGION", "REINDEX",
	"RELATIVE", "RELEASE", "REMAINDER", "RENAME", "REPEAT", "REPLACE",
	"REQUEST", "RESET", "RESIGNAL", "RESOURCE", "RESPONSE", "RESTORE",
	"RESTRICT", "RESULT", "RETURN", "RETURNING", "RETURNS", "REVERSE",
	"REVOKE", "RIGHT", "ROLE", "ROLES", "ROLLBACK", "ROLLUP", "ROUTINE",
	"ROW", "ROWS", "RULE", "RULES", "SAMPLE", "SATISFIES", "SAVE",
	"SAVEPOINT", "SCAN", "SCHEMA", "SCOPE", "SCROLL", "SEARCH", "SECOND",
	"SECTION", "SEGMENT", "SEGMENTS", "SELECT", "SELF", "SEMI", "SENSITIVE",
	"SEPARATE", "SEQUENCE", "SERIALIZABLE", "SESSION", "SET", "SETS", "SHARD",
	"SHARE", "SHARED", "SHORT", "SHOW", "SIGNAL", "SIMILAR", "SIZE", "SKEWED",
	"SMALLINT", "SNAPSHOT", "SOME", "SOURCE", "SPACE", "SPACES", "SPARSE",
	"SPECIFIC", "SPECIFICTYPE", "SPLIT", "SQL", "SQLCODE", "SQLERROR",
	"SQLEXCEPTION", "SQLSTATE", "SQLWARNING", "START", "STATE", "STATIC",
	"STATUS", "STORAGE", "STORE", "STORED", "STREAM", "STRING", "STRUCT",
	"STYLE", "SUB", "SUBMULTISET", "SUBPARTITION", "SUBSTRING", "SUBTYPE",
	"SUM", "SUPER", "SYMMETRIC", "SYNONYM", "SYSTEM", "TABLE", "TABLESAMPLE",
	"TEMP", "TEMPORARY", "TERMINATED", "TEXT", "THAN", "THEN", "THROUGHPUT",
	"TIME", "TIMESTAMP", "TIMEZONE", "TINYINT", "TO", "TOKEN", "TOTAL",
	"TOUCH", "TRAILING", "TRANSACTION", "TRANSFORM", "TRANSLATE",
	"TRANSLATION", "TREAT", "TRIGGER", "TRIM", "TRUE", "TRUNCATE", "TTL",
	"TUPLE", "TYPE", "UNDER", "UNDO", "UNION", "UNIQUE", "UNIT", "UNKNOWN",
	"UNLOGGED", "UNNEST", "UNPROCESSED", "UNSIGNED", "UNTIL", "UPDATE",
	"UPPER", "URL", "USAGE", "USE", "USER", "USERS", "USING", "UUID",
	"VACUUM", "VALUE", "VALUED", "VALUES", "VARCHAR", "VARIABLE", "VARIANCE",
	"VARINT", "VARYING", "VIEW", "VIEWS", "VIRTUAL", "VOID", "WAIT", "WHEN",
	"WHENEVER", "WHERE", "WHILE", "WINDOW", "WITH", "WITHIN", "WITHOUT",
	"WORK", "WRAPPED", "WRITE", "YEAR", "ZONE"
};

#define NUM_RESERVED_WORDS (sizeof(reserved_words) / sizeof(reserved_words[0]))

static bool IsIdentStart(unsigned char c);
static bool IsIdentPart(unsigned char c);
static int	CompareUpper(const char *word, size_t len, const char *upper);
static void AppendBrief(DdbBuf *buf, const DdbValue *value, int depth);
static char *VFormat(const char *fmt, va_list args) DDB_PRINTF(1, 0);

/* Characters that may start a plain attribute name or a function name. */
static bool
IsIdentStart(unsigned char c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
		return true;
	return DDB_EXPR_IDENT_MAY_START_WITH_UNDERSCORE && c == '_';
}

/* Characters that may continue a name, or follow '#' or ':'. */
static bool
IsIdentPart(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9') || c == '_';
}

/*
 * Split text into tokens.  Whitespace (space, tab, CR, LF) separates tokens
 * and is dropped; any character that starts no token becomes a one-character
 * DDB_TOK_OTHER (a whole UTF-8 sequence), which no grammar accepts.
 */
void
DdbExprTokenize(const char *text, int len, DdbTokenList *out)
{
	const unsigned char *s = (const unsigned char *) text;
	int			pos = 0;
	int			n = 0;

	out->text = text;
	out->text_len = len;
	out->tokens = DdbAlloc(sizeof(DdbToken) * ((size_t) len + 1));

	while (pos < len)
	{
		unsigned char c = s[pos];
		DdbToken   *tok = &out->tokens[n];
		int			end = pos + 1;

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
		{
			pos++;
			continue;
		}
		tok->start = pos;
		if (IsIdentStart(c))
		{
			while (end < len && IsIdentPart(s[end]))
				end++;
			tok->type = DDB_TOK_IDENT;
		}
		else if ((c == '#' || c == ':') && end < len && IsIdentPart(s[end]))
		{
			while (end < len && IsIdentPart(s[end]))
				end++;
			tok->type = (c == '#') ? DDB_TOK_NAME : DDB_TOK_VALUE;
		}
		else if (c >= '0' && c <= '9')
		{
			while (end < len && s[end] >= '0' && s[end] <= '9')
				end++;
			tok->type = DDB_TOK_NUMBER;
		}
		else if (c == '<' && end < len && s[end] == '>')
		{
			end++;
			tok->type = DDB_TOK_NE;
		}
		else if (c == '<' && end < len && s[end] == '=')
		{
			end++;
			tok->type = DDB_TOK_LE;
		}
		else if (c == '>' && end < len && s[end] == '=')
		{
			end++;
			tok->type = DDB_TOK_GE;
		}
		else
		{
			switch (c)
			{
				case '=':
					tok->type = DDB_TOK_EQ;
					break;
				case '<':
					tok->type = DDB_TOK_LT;
					break;
				case '>':
					tok->type = DDB_TOK_GT;
					break;
				case '(':
					tok->type = DDB_TOK_LPAREN;
					break;
				case ')':
					tok->type = DDB_TOK_RPAREN;
					break;
				case '[':
					tok->type = DDB_TOK_LBRACKET;
					break;
				case ']':
					tok->type = DDB_TOK_RBRACKET;
					break;
				case ',':
					tok->type = DDB_TOK_COMMA;
					break;
				case '.':
					tok->type = DDB_TOK_DOT;
					break;
				case '+':
					tok->type = DDB_TOK_PLUS;
					break;
				case '-':
					tok->type = DDB_TOK_MINUS;
					break;
				default:
					tok->type = DDB_TOK_OTHER;
					/* keep a multi-byte UTF-8 character in one token */
					if (c >= 0xC0)
					{
						int			more = (c >= 0xF0) ? 3 : (c >= 0xE0) ? 2 : 1;

						while (more-- > 0 && end < len &&
							   (s[end] & 0xC0) == 0x80)
							end++;
					}
					break;
			}
		}
		tok->len = end - pos;
		pos = end;
		n++;
	}
	out->tokens[n].type = DDB_TOK_EOF;
	out->tokens[n].start = len;
	out->tokens[n].len = 0;
	out->count = n + 1;
}

/* Compare word (any case) with an upper-case NUL-terminated string. */
static int
CompareUpper(const char *word, size_t len, const char *upper)
{
	size_t		i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) word[i];
		unsigned char u = (unsigned char) upper[i];

		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (u == '\0')
			return 1;
		if (c != u)
			return (c < u) ? -1 : 1;
	}
	return (upper[len] == '\0') ? 0 : -1;
}

/* Whether word is one of DynamoDB's reserved words (in any letter case). */
bool
DdbExprIsReserved(const char *word, size_t len)
{
	size_t		lo = 0;
	size_t		hi = NUM_RESERVED_WORDS;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;
		int			cmp = CompareUpper(word, len, reserved_words[mid]);

		if (cmp == 0)
			return true;
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

/* Whether token i is an identifier equal to word (upper case) in any case. */
bool
DdbExprTokenIsWord(const DdbTokenList *tl, int i, const char *word)
{
	const DdbToken *tok = &tl->tokens[i];

	return tok->type == DDB_TOK_IDENT &&
		CompareUpper(tl->text + tok->start, (size_t) tok->len, word) == 0;
}

/*
 * Raise DynamoDB's syntax error for token i: the token's text ("<EOF>" at
 * the end) and the text from the previous token to the next one.
 */
void
DdbExprSyntaxError(const DdbTokenList *tl, int i, const char *member)
{
	const DdbToken *tok = &tl->tokens[i];
	int			near_start;
	int			near_end;

	near_start = (i > 0) ? tl->tokens[i - 1].start : tok->start;
	if (tok->type == DDB_TOK_EOF)
		near_end = (i > 0) ? tl->tokens[i - 1].start + tl->tokens[i - 1].len : 0;
	else if (i + 1 < tl->count && tl->tokens[i + 1].type != DDB_TOK_EOF)
		near_end = tl->tokens[i + 1].start + tl->tokens[i + 1].len;
	else
		near_end = tok->start + tok->len;
	if (near_end < near_start)
		near_end = near_start;

	if (tok->type == DDB_TOK_EOF)
		DdbRaise(DDB_EXC_ValidationException,
				 "Invalid %s: Syntax error; token: \"<EOF>\", near: \"%.*s\"",
				 member, near_end - near_start, tl->text + near_start);
	DdbRaise(DDB_EXC_ValidationException,
			 "Invalid %s: Syntax error; token: \"%.*s\", near: \"%.*s\"",
			 member, tok->len, tl->text + tok->start,
			 near_end - near_start, tl->text + near_start);
}

/* vprintf into memory from DdbAlloc. */
static char *
VFormat(const char *fmt, va_list args)
{
	char		small[256];
	va_list		again;
	int			n;
	char	   *out;

	if (fmt == NULL)
		fmt = "";				/* never; keeps gcc's -Wformat-truncation quiet */
	va_copy(again, args);
	n = vsnprintf(small, sizeof(small), fmt, args);
	if (n < 0)
		n = 0;
	out = DdbAlloc((size_t) n + 1);
	if ((size_t) n < sizeof(small))
		memcpy(out, small, (size_t) n + 1);
	else
		vsnprintf(out, (size_t) n + 1, fmt, again);
	va_end(again);
	return out;
}

/* printf into memory from DdbAlloc. */
char *
DdbExprFormat(const char *fmt,...)
{
	va_list		args;
	char	   *out;

	va_start(args, fmt);
	out = VFormat(fmt, args);
	va_end(args);
	return out;
}

/* Raise "Invalid <member>: <message>" as a ValidationException. */
void
DdbExprRaise(const char *member, const char *fmt,...)
{
	va_list		args;
	char	   *msg;

	va_start(args, fmt);
	msg = VFormat(fmt, args);
	va_end(args);
	DdbRaise(DDB_EXC_ValidationException, "Invalid %s: %s", member, msg);
}

/*
 * A value as the service prints it inside "AttributeValue: {N:1}": the
 * payload of a scalar (binary in base64), sets and lists as "[a, b]", maps
 * as "{k=v}".
 */
char *
DdbExprValueBrief(const DdbValue *value)
{
	DdbBuf		buf;

	DdbBufInit(&buf);
	AppendBrief(&buf, value, 0);
	return buf.data;
}

/* Append the brief form of value; nesting beyond 32 levels prints "...". */
static void
AppendBrief(DdbBuf *buf, const DdbValue *value, int depth)
{
	size_t		i;

	if (depth > DDB_MAX_NESTING_DEPTH)
	{
		DdbBufAppendStr(buf, "...");
		return;
	}
	switch (value->type)
	{
		case DDB_TYPE_S:
		case DDB_TYPE_N:
			DdbBufAppend(buf, value->u.str.data, value->u.str.len);
			break;
		case DDB_TYPE_B:
			DdbBufAppendStr(buf, DdbBase64Encode(value->u.str.data,
												 value->u.str.len, NULL));
			break;
		case DDB_TYPE_BOOL:
			DdbBufAppendStr(buf, value->u.boolean ? "true" : "false");
			break;
		case DDB_TYPE_NULL:
			DdbBufAppendStr(buf, "true");
			break;
		case DDB_TYPE_L:
		case DDB_TYPE_SS:
		case DDB_TYPE_NS:
		case DDB_TYPE_BS:
			DdbBufAppendChar(buf, '[');
			for (i = 0; i < value->u.list.count; i++)
			{
				if (i > 0)
					DdbBufAppendStr(buf, ", ");
				AppendBrief(buf, value->u.list.elems[i], depth + 1);
			}
			DdbBufAppendChar(buf, ']');
			break;
		case DDB_TYPE_M:
			DdbBufAppendChar(buf, '{');
			for (i = 0; i < value->u.map.count; i++)
			{
				if (i > 0)
					DdbBufAppendStr(buf, ", ");
				DdbBufAppend(buf, value->u.map.entries[i].name,
							 value->u.map.entries[i].name_len);
				DdbBufAppendChar(buf, '=');
				AppendBrief(buf, value->u.map.entries[i].value, depth + 1);
			}
			DdbBufAppendChar(buf, '}');
			break;
	}
}
