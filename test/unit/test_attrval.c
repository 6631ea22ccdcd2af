/*-------------------------------------------------------------------------
 *
 * test_attrval.c
 *	  Standalone unit tests of the attribute-value module (ddb_attrval.c,
 *	  ddb_number.c): number normalisation, limits and messages, exact
 *	  addition, ordering, equality, sets, sizes, base64 and key checks.
 *
 * Every check compares an exact string: a result, or "<Exception>:
 * <message>" when the call raised.  The expected texts come from
 * /work/shared/spec/items.md and errors.md.  One line is printed per
 * failed check, then "<n> passed, <n> failed"; the exit status is non-zero
 * when anything failed.
 *
 * IDENTIFICATION
 *	  test/unit/test_attrval.c
 *
 *-------------------------------------------------------------------------
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb_attrval.h"
#include "ddb_core_standalone.h"

#define V "ValidationException: "
#define SER "SerializationException: "

static int	passed = 0;
static int	failed = 0;
static char result_buf[16384];

/* Record one check; print a line when it failed. */
static void
Check(int line, const char *what, const char *got, const char *expected)
{
	if (strcmp(got, expected) == 0)
	{
		passed++;
		return;
	}
	failed++;
	printf("FAIL test_attrval.c:%d: %s: expected \"%s\", got \"%s\"\n",
		   line, what, expected, got);
}

#define CHECK(what, got, expected) Check(__LINE__, (what), (got), (expected))

/* Put the pending exception into result_buf as "<name>: <message>". */
static const char *
ErrorResult(void)
{
	snprintf(result_buf, sizeof(result_buf), "%s: %s",
			 DdbExceptionName(ddb_last_exception), ddb_last_message);
	return result_buf;
}

/* Copy a value's text (S, N, B bytes) into result_buf. */
static const char *
TextResult(const DdbValue *v)
{
	snprintf(result_buf, sizeof(result_buf), "%.*s",
			 (int) v->u.str.len, v->u.str.data);
	return result_buf;
}

/* A string of n copies of c (static storage, one at a time per slot). */
static const char *
Repeat(char *buf, char c, size_t n, const char *prefix, const char *suffix)
{
	size_t		p = strlen(prefix);

	memcpy(buf, prefix, p);
	memset(buf + p, c, n);
	strcpy(buf + p + n, suffix);
	return buf;
}

/* ---------------------------------------------------------------- builders */

/* An N value (aborts on invalid text: test inputs are valid). */
static DdbValue *
N(const char *text)
{
	return DdbNumberParse(text, strlen(text));
}

/* An S value. */
static DdbValue *
S(const char *text)
{
	return DdbMakeString(text, strlen(text));
}

/* A B value over the bytes of a C string. */
static DdbValue *
B(const char *bytes, size_t len)
{
	return DdbMakeBinary(bytes, len);
}

/* An N value with arbitrary (possibly non-canonical) text. */
static DdbValue *
RawN(const char *text)
{
	DdbValue   *v = DdbAlloc(sizeof(DdbValue));

	v->type = DDB_TYPE_N;
	v->u.str.data = text;
	v->u.str.len = strlen(text);
	return v;
}

/* An L value of n elements. */
static DdbValue *
L(int n,...)
{
	DdbValue  **elems = DdbAlloc((n > 0 ? n : 1) * sizeof(DdbValue *));
	va_list		ap;
	int			i;

	va_start(ap, n);
	for (i = 0; i < n; i++)
		elems[i] = va_arg(ap, DdbValue *);
	va_end(ap);
	return DdbMakeList(elems, n);
}

/* An M value of n (name, value) pairs. */
static DdbValue *
M(int n,...)
{
	DdbMapEntry *entries = DdbAlloc((n > 0 ? n : 1) * sizeof(DdbMapEntry));
	va_list		ap;
	int			i;

	va_start(ap, n);
	for (i = 0; i < n; i++)
	{
		entries[i].name = va_arg(ap, const char *);
		entries[i].name_len = strlen(entries[i].name);
		entries[i].value = va_arg(ap, DdbValue *);
	}
	va_end(ap);
	return DdbMakeMap(entries, n);
}

/*
 * A set of n elements given as text: SS strings, NS number text, BS base64
 * (decoded here).  Raises what DdbMakeSet raises.
 */
static DdbValue *
Set(DdbValueType type, int n,...)
{
	DdbValue  **elems = DdbAlloc((n > 0 ? n : 1) * sizeof(DdbValue *));
	va_list		ap;
	int			i;

	va_start(ap, n);
	for (i = 0; i < n; i++)
	{
		const char *t = va_arg(ap, const char *);

		if (type == DDB_TYPE_SS)
			elems[i] = S(t);
		else if (type == DDB_TYPE_NS)
			elems[i] = N(t);
		else
		{
			size_t		len;
			char	   *bytes = DdbBase64Decode(t, strlen(t), &len);

			elems[i] = B(bytes, len);
		}
	}
	va_end(ap);
	return DdbMakeSet(type, elems, n);
}

/* -------------------------------------------------------------- operations */

/* DdbNumberParse: canonical text or the error. */
static const char *
Parse(const char *text)
{
	bool		ok;

	DDB_TRY(ok)
	{
		TextResult(DdbNumberParse(text, strlen(text)));
	}
	if (!ok)
		ErrorResult();
	DdbArenaReset();
	return result_buf;
}

/* DdbNumberTryParse: canonical text, or the message it hands back. */
static const char *
TryParse(const char *text)
{
	const char *error;
	DdbValue   *v = DdbNumberTryParse(text, strlen(text), &error);

	if (v != NULL)
		TextResult(v);
	else
		snprintf(result_buf, sizeof(result_buf), "%s", error);
	DdbArenaReset();
	return result_buf;
}

/* a + b (op '+') or a - b (op '-'): canonical text or the error. */
static const char *
Arith(const char *a, char op, const char *b)
{
	bool		ok;

	DDB_TRY(ok)
	{
		DdbValue   *va = N(a);
		DdbValue   *vb = N(b);

		TextResult(op == '+' ? DdbNumberAdd(va, vb) : DdbNumberSubtract(va, vb));
	}
	if (!ok)
		ErrorResult();
	DdbArenaReset();
	return result_buf;
}

/* The sign of a comparison as "<", "=" or ">". */
static const char *
Sign(int cmp)
{
	return cmp < 0 ? "<" : cmp > 0 ? ">" : "=";
}

/* DdbNumberCompare of two numbers. */
static const char *
NumCmp(const char *a, const char *b)
{
	const char *r = Sign(DdbNumberCompare(N(a), N(b)));

	DdbArenaReset();
	return r;
}

/* DdbScalarCompare of two S values. */
static const char *
StrCmp(const char *a, const char *b)
{
	const char *r = Sign(DdbScalarCompare(S(a), S(b)));

	DdbArenaReset();
	return r;
}

/* DdbScalarCompare of two B values. */
static const char *
BinCmp(const char *a, size_t alen, const char *b, size_t blen)
{
	const char *r = Sign(DdbScalarCompare(B(a, alen), B(b, blen)));

	DdbArenaReset();
	return r;
}

/* A size as text. */
static const char *
SizeText(size_t size)
{
	snprintf(result_buf, sizeof(result_buf), "%zu", size);
	return result_buf;
}

/* DdbValueSize of a number. */
static const char *
NumSize(const char *text)
{
	SizeText(DdbValueSize(N(text)));
	DdbArenaReset();
	return result_buf;
}

/* "equal" or "different". */
static const char *
Eq(const DdbValue *a, const DdbValue *b)
{
	const char *r = DdbValueEquals(a, b) ? "equal" : "different";

	/* equality must be symmetric */
	if (DdbValueEquals(b, a) != DdbValueEquals(a, b))
		r = "asymmetric";
	return r;
}

/* Base64 encoding of len bytes. */
static const char *
Enc(const char *bytes, size_t len)
{
	size_t		n;
	char	   *text = DdbBase64Encode(bytes, len, &n);

	snprintf(result_buf, sizeof(result_buf), "%s|%zu", text, n);
	DdbArenaReset();
	return result_buf;
}

/* Base64 decoding as hex bytes, or the error. */
static const char *
Dec(const char *text, size_t len)
{
	bool		ok;

	DDB_TRY(ok)
	{
		size_t		n;
		char	   *bytes = DdbBase64Decode(text, len, &n);
		size_t		i;
		size_t		p = 0;

		result_buf[0] = '\0';
		for (i = 0; i < n && p + 3 < sizeof(result_buf); i++)
			p += snprintf(result_buf + p, sizeof(result_buf) - p, "%02x",
						  (unsigned char) bytes[i]);
		if (bytes[n] != '\0')
			snprintf(result_buf, sizeof(result_buf), "not NUL-terminated");
	}
	if (!ok)
		ErrorResult();
	DdbArenaReset();
	return result_buf;
}

/* DdbCheckKeyValue: "ok" or the error. */
static const char *
KeyCheck(const DdbValue *v, bool is_sort_key, bool in_item)
{
	bool		ok;

	DDB_TRY(ok)
	{
		DdbCheckKeyValue(v, "a", 1, is_sort_key, in_item);
		snprintf(result_buf, sizeof(result_buf), "ok");
	}
	if (!ok)
		ErrorResult();
	return result_buf;
}

/* A set construction to run under DDB_TRY. */
typedef DdbValue *(*Builder) (void);

/* Run a set construction: "ok:<type>:<count>" or the error. */
static const char *
Build(Builder fn)
{
	bool		ok;

	DDB_TRY(ok)
	{
		DdbValue   *v = fn();

		snprintf(result_buf, sizeof(result_buf), "ok:%s:%zu",
				 DdbTypeName(v->type), v->u.list.count);
	}
	if (!ok)
		ErrorResult();
	DdbArenaReset();
	return result_buf;
}

/* An empty SS. */
static DdbValue *
EmptySS(void)
{
	return Set(DDB_TYPE_SS, 0);
}

/* An empty NS. */
static DdbValue *
EmptyNS(void)
{
	return Set(DDB_TYPE_NS, 0);
}

/* An empty BS. */
static DdbValue *
EmptyBS(void)
{
	return Set(DDB_TYPE_BS, 0);
}

/* An SS with a duplicate. */
static DdbValue *
DupSS(void)
{
	return Set(DDB_TYPE_SS, 2, "a", "a");
}

/* An SS with a duplicate, not adjacent. */
static DdbValue *
DupSS3(void)
{
	return Set(DDB_TYPE_SS, 3, "b", "a", "b");
}

/* An NS whose elements are equal after normalisation. */
static DdbValue *
DupNS(void)
{
	return Set(DDB_TYPE_NS, 2, "1", "1.0");
}

/* An NS with 100 and 1e2. */
static DdbValue *
DupNSExp(void)
{
	return Set(DDB_TYPE_NS, 3, "100", "5", "1e2");
}

/* A BS with a duplicate. */
static DdbValue *
DupBS(void)
{
	return Set(DDB_TYPE_BS, 2, "Yg==", "Yg==");
}

/* A valid SS, with an empty string. */
static DdbValue *
GoodSS(void)
{
	return Set(DDB_TYPE_SS, 3, "a", "", "A");
}

/* A valid NS. */
static DdbValue *
GoodNS(void)
{
	return Set(DDB_TYPE_NS, 3, "1", "-1", "1.5");
}

/* A valid BS, with an empty binary. */
static DdbValue *
GoodBS(void)
{
	return Set(DDB_TYPE_BS, 3, "Yg==", "", "YWI=");
}

/* DdbTryMakeSet of an empty NS: the message it hands back. */
static const char *
TrySetMessage(void)
{
	const char *error = "none";
	DdbValue   *v = DdbTryMakeSet(DDB_TYPE_SS, NULL, 0, &error);

	return v == NULL ? error : "built";
}

/* DdbCheckItemSize of an item with one attribute of the given total size. */
static const char *
ItemSizeCheck(size_t total, bool for_update)
{
	bool		ok;
	char	   *data = malloc(total);

	memset(data, 'x', total);
	DDB_TRY(ok)
	{
		/* name "a" (1 byte) + S of total - 1 bytes */
		DdbValue   *item = M(1, "a", DdbMakeString(data, total - 1));

		DdbCheckItemSize(item, for_update);
		snprintf(result_buf, sizeof(result_buf), "ok:%zu", DdbItemSize(item));
	}
	if (!ok)
		ErrorResult();
	free(data);
	DdbArenaReset();
	return result_buf;
}

/* ------------------------------------------------------------------ tests */

/* items.md section 2: normalisation table and accepted syntax. */
static void
TestNormalisation(void)
{
	char		b1[300];
	char		b2[300];

	CHECK("normalise leading zeros",
		  Parse("0000012345678901234567890123456789012345678"),
		  "12345678901234567890123456789012345678");
	CHECK("normalise negative fraction",
		  Parse("-00001.23456789012345678901234567890123456780000"),
		  "-1.2345678901234567890123456789012345678");
	CHECK("normalise max with exponent",
		  Parse("0009.99999999999999999999999999999999999990000e125"),
		  Repeat(b1, '0', 88, "99999999999999999999999999999999999999", ""));
	CHECK("normalise min with exponent",
		  Parse("0001.000e-130"), Repeat(b2, '0', 129, "0.", "1"));
	CHECK("normalise 1e2", Parse("1e2"), "100");
	CHECK("normalise -0", Parse("-0"), "0");

	CHECK("syntax 12.", Parse("12."), "12");
	CHECK("syntax .5", Parse(".5"), "0.5");
	CHECK("syntax -.5", Parse("-.5"), "-0.5");
	CHECK("syntax +3", Parse("+3"), "3");
	CHECK("syntax 1e+5", Parse("1e+5"), "100000");
	CHECK("syntax 1E5", Parse("1E5"), "100000");
	CHECK("syntax 0e1000", Parse("0e1000"), "0");
	CHECK("syntax -0.000e-99999999999999999999", Parse("-0.000e-99999999999999999999"), "0");
	CHECK("syntax 0001.23", Parse("0001.23"), "1.23");
	CHECK("syntax 1.50", Parse("1.50"), "1.5");
	CHECK("syntax 100", Parse("100"), "100");
	CHECK("syntax 0.000", Parse("0.000"), "0");
	CHECK("syntax 123.456e1", Parse("123.456e1"), "1234.56");
	CHECK("syntax 123.456e3", Parse("123.456e3"), "123456");
	CHECK("syntax 123.456e-5", Parse("123.456e-5"), "0.00123456");
	CHECK("syntax -17e5", Parse("-17e5"), "-1700000");
	CHECK("syntax -7.1234", Parse("-7.1234"), "-7.1234");
	CHECK("syntax 0.10e1", Parse("0.10e1"), "1");
	CHECK("syntax 10.", Parse("10."), "10");
	CHECK("syntax 5e-1", Parse("5e-1"), "0.5");
	CHECK("syntax -17.4E37", Parse("-17.4E37"),
		  Repeat(b1, '0', 36, "-174", ""));
}

/* items.md section 1.1 number messages and section 2 limits. */
static void
TestNumberErrors(void)
{
	static const char *const bad[] = {
		"b", "NaN", "Infinity", "-Infinity", " 1", "1 ", "1e", "e5", ".",
		"-", "+", "1.2.3", "0x10", "--1", "+-1", "1e5.5", "1e+", "1e-",
		"..1", "1,5", "١", "1_000"
	};
	char		b1[300];
	char		b2[300];
	size_t		i;

	CHECK("empty number", Parse(""),
		  V "The parameter cannot be converted to a numeric value");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		char		expected[256];

		snprintf(expected, sizeof(expected),
				 V "The parameter cannot be converted to a numeric value: %s", bad[i]);
		CHECK(bad[i], Parse(bad[i]), expected);
	}

	/* precision: 38 significant digits accepted, 39 refused */
	CHECK("38 digits", Parse("12345678901234567890123456789012345678"),
		  "12345678901234567890123456789012345678");
	CHECK("39 digits", Parse("123456789012345678901234567890123456789"),
		  V "Attempting to store more than 38 significant digits in a Number");
	CHECK("39 digits negative fraction",
		  Parse("-1.23456789012345678901234567890123456789"),
		  V "Attempting to store more than 38 significant digits in a Number");
	CHECK("39 digits with trailing zero is 38 significant",
		  Parse("123456789012345678901234567890123456780"),
		  "123456789012345678901234567890123456780");
	CHECK("leading fraction zeros do not count",
		  Parse("0.00012345678901234567890123456789012345678"),
		  "0.00012345678901234567890123456789012345678");
	CHECK("39 digits with inner zero",
		  Parse("1.00000000000000000000000000000000000001"),
		  V "Attempting to store more than 38 significant digits in a Number");

	/* magnitude limits at their exact boundaries */
	CHECK("max positive",
		  Parse("9.9999999999999999999999999999999999999E+125"),
		  Repeat(b1, '0', 88, "99999999999999999999999999999999999999", ""));
	CHECK("max negative",
		  Parse("-9.9999999999999999999999999999999999999E+125"),
		  Repeat(b2, '0', 88, "-99999999999999999999999999999999999999", ""));
	CHECK("1e125", Parse("1e125"), Repeat(b1, '0', 125, "1", ""));
	CHECK("1e126", Parse("1e126"),
		  V "Number overflow. Attempting to store a number with magnitude larger than supported range");
	CHECK("-1e126", Parse("-1e126"),
		  V "Number overflow. Attempting to store a number with magnitude larger than supported range");
	CHECK("11e125", Parse("11e125"),
		  V "Number overflow. Attempting to store a number with magnitude larger than supported range");
	CHECK("126 digit integer", Parse(Repeat(b1, '0', 125, "1", "")),
		  Repeat(b2, '0', 125, "1", ""));
	CHECK("127 digit integer", Parse(Repeat(b1, '0', 126, "1", "")),
		  V "Number overflow. Attempting to store a number with magnitude larger than supported range");
	CHECK("1e-130", Parse("1e-130"), Repeat(b1, '0', 129, "0.", "1"));
	CHECK("-1E-130", Parse("-1E-130"), Repeat(b1, '0', 129, "-0.", "1"));
	CHECK("1e-131", Parse("1e-131"),
		  V "Number underflow. Attempting to store a number with magnitude smaller than supported range");
	CHECK("-1e-131", Parse("-1e-131"),
		  V "Number underflow. Attempting to store a number with magnitude smaller than supported range");
	CHECK("0.9e-130", Parse("0.9e-130"),
		  V "Number underflow. Attempting to store a number with magnitude smaller than supported range");
	CHECK("min with 38 digits",
		  Parse("1.0000000000000000000000000000000000001e-130"),
		  Repeat(b1, '0', 129, "0.", "10000000000000000000000000000000000001"));
	CHECK("huge exponent", Parse("1e99999999999999999999999"),
		  V "Number overflow. Attempting to store a number with magnitude larger than supported range");
	CHECK("huge negative exponent", Parse("1e-99999999999999999999999"),
		  V "Number underflow. Attempting to store a number with magnitude smaller than supported range");

	/* dynalite's check order: overflow, underflow, then precision */
	CHECK("39 digits and overflow",
		  Parse("123456789012345678901234567890123456789e100"),
		  V "Number overflow. Attempting to store a number with magnitude larger than supported range");
	CHECK("39 digits and underflow",
		  Parse("1.23456789012345678901234567890123456789e-131"),
		  V "Number underflow. Attempting to store a number with magnitude smaller than supported range");

	/* the non-raising variant hands back the same texts */
	CHECK("try parse ok", TryParse("-1.50"), "-1.5");
	CHECK("try parse empty", TryParse(""),
		  "The parameter cannot be converted to a numeric value");
	CHECK("try parse bad", TryParse("1x"),
		  "The parameter cannot be converted to a numeric value: 1x");
	CHECK("try parse precision", TryParse("1234567890123456789012345678901234567891"),
		  "Attempting to store more than 38 significant digits in a Number");

	/* integers */
	CHECK("int -42", TextResult(DdbMakeNumberInt(-42)), "-42");
	CHECK("int 0", TextResult(DdbMakeNumberInt(0)), "0");
	CHECK("int min", TextResult(DdbMakeNumberInt(INT64_MIN)), "-9223372036854775808");
	DdbArenaReset();
}

/* Exact addition and subtraction. */
static void
TestArithmetic(void)
{
	char		b1[300];
	char		b2[300];

	CHECK("1 + 1e22", Arith("1", '+', "10000000000000000000000"),
		  "10000000000000000000001");
	CHECK("1e22 - 1", Arith("10000000000000000000000", '-', "1"),
		  "9999999999999999999999");
	CHECK("carry 9.5 + 0.5", Arith("9.5", '+', "0.5"), "10");
	CHECK("carry 999 + 1", Arith("999", '+', "1"), "1000");
	CHECK("carry 0.999 + 0.001", Arith("0.999", '+', "0.001"), "1");
	CHECK("0.1 + 0.2", Arith("0.1", '+', "0.2"), "0.3");
	CHECK("borrow 1000 - 0.001", Arith("1000", '-', "0.001"), "999.999");
	CHECK("negative 5 - 7", Arith("5", '-', "7"), "-2");
	CHECK("negative -5 + 3", Arith("-5", '+', "3"), "-2");
	CHECK("negative -5 - 3", Arith("-5", '-', "3"), "-8");
	CHECK("-5 - -7", Arith("-5", '-', "-7"), "2");
	CHECK("-5 - -5", Arith("-5", '-', "-5"), "0");
	CHECK("1.5 - 1.50", Arith("1.5", '-', "1.50"), "0");
	CHECK("0 + -3", Arith("0", '+', "-3"), "-3");
	CHECK("0 - 3", Arith("0", '-', "3"), "-3");
	CHECK("0 - -3", Arith("0", '-', "-3"), "3");
	CHECK("3 - 0", Arith("3", '-', "0"), "3");
	CHECK("-0.1 + 0.01", Arith("-0.1", '+', "0.01"), "-0.09");
	CHECK("38 digits + 1",
		  Arith("12345678901234567890123456789012345678", '+', "1"),
		  "12345678901234567890123456789012345679");
	CHECK("38 digit fraction carry",
		  Arith("1234567890123456789012345678901234567.8", '+', "0.2"),
		  "1234567890123456789012345678901234568");
	CHECK("38 nines + 1",
		  Arith("99999999999999999999999999999999999999", '+', "1"),
		  Repeat(b1, '0', 38, "1", ""));
	CHECK("small numbers",
		  Arith("1e-130", '+', "1e-130"), Repeat(b1, '0', 129, "0.", "2"));

	/* results DynamoDB cannot store */
	CHECK("imprecise 1e50 + 1", Arith("1e50", '+', "1"),
		  V "Number overflow. Attempting to store a number with magnitude larger than supported range");
	CHECK("imprecise 1e50 - 1", Arith("1e50", '-', "1"),
		  V "Number overflow. Attempting to store a number with magnitude larger than supported range");
	CHECK("imprecise 1e125 + 1e-130", Arith("1e125", '+', "1e-130"),
		  V "Number overflow. Attempting to store a number with magnitude larger than supported range");
	CHECK("overflow 9e125 + 9e125", Arith("9e125", '+', "9e125"),
		  V "Number overflow. Attempting to store a number with magnitude larger than supported range");
	CHECK("overflow 9e125 - -9e125", Arith("9e125", '-', "-9e125"),
		  V "Number overflow. Attempting to store a number with magnitude larger than supported range");
	CHECK("overflow -9e125 - 9e125", Arith("-9e125", '-', "9e125"),
		  V "Number overflow. Attempting to store a number with magnitude larger than supported range");
	CHECK("overflow at the boundary",
		  Arith("9.9999999999999999999999999999999999999e125", '+', "1e88"),
		  V "Number overflow. Attempting to store a number with magnitude larger than supported range");
	CHECK("max minus its last digit",
		  Arith("9.9999999999999999999999999999999999999e125", '-', "9e88"),
		  Repeat(b2, '0', 89, "9999999999999999999999999999999999999", ""));
	CHECK("underflow 2e-130 - 1.5e-130", Arith("2e-130", '-', "1.5e-130"),
		  V "Number underflow. Attempting to store a number with magnitude smaller than supported range");
	CHECK("cancel to zero at the limit", Arith("1e-130", '-', "1e-130"), "0");
}

/* Numeric comparison and the orderings of items.md section 3. */
static void
TestOrdering(void)
{
	CHECK("1 = 1.0", NumCmp("1", "1.0"), "=");
	CHECK("1 = 1e0", NumCmp("1", "1e0"), "=");
	CHECK("-1 < 0", NumCmp("-1", "0"), "<");
	CHECK("0 < 0.001", NumCmp("0", "0.001"), "<");
	CHECK("10 > 9", NumCmp("10", "9"), ">");
	CHECK("-10 < -9", NumCmp("-10", "-9"), "<");
	CHECK("0.001 < 0.01", NumCmp("0.001", "0.01"), "<");
	CHECK("1.5 > 1.25", NumCmp("1.5", "1.25"), ">");
	CHECK("1.25 < 1.3", NumCmp("1.25", "1.3"), "<");
	CHECK("1.25 > 1.2 (common prefix)", NumCmp("1.25", "1.2"), ">");
	CHECK("-1.2 > -1.25 (common prefix)", NumCmp("-1.2", "-1.25"), ">");
	CHECK("120 = 1.2e2", NumCmp("120", "1.2e2"), "=");
	CHECK("1e-130 > 0", NumCmp("1e-130", "0"), ">");
	CHECK("-1e-130 < 0", NumCmp("-1e-130", "0"), "<");
	CHECK("-0 = 0", NumCmp("-0", "0"), "=");
	CHECK("1e125 > 9.99e124", NumCmp("1e125", "9.99e124"), ">");
	CHECK("-1e125 < -9.99e124", NumCmp("-1e125", "-9.99e124"), "<");
	CHECK("raw non-canonical N compare",
		  Sign(DdbNumberCompare(RawN("01.50"), RawN("1.5e0"))), "=");
	DdbArenaReset();

	/* S: bytewise on UTF-8, unsigned */
	CHECK("A < a", StrCmp("A", "a"), "<");
	CHECK("a < z", StrCmp("a", "z"), "<");
	CHECK("z < inverted question mark", StrCmp("z", "\xC2\xBF"), "<");
	CHECK("a < ab (prefix first)", StrCmp("a", "ab"), "<");
	CHECK("empty < a", StrCmp("", "a"), "<");
	CHECK("ab > a", StrCmp("ab", "a"), ">");
	CHECK("equal strings", StrCmp("abc", "abc"), "=");
	CHECK("10 < 9 as strings", StrCmp("10", "9"), "<");

	/* B: bytewise unsigned */
	CHECK("01 < 80", BinCmp("\x01", 1, "\x80", 1), "<");
	CHECK("7f < ff", BinCmp("\x7f", 1, "\xff", 1), "<");
	CHECK("00 < 0000", BinCmp("\0", 1, "\0\0", 2), "<");
	CHECK("ff00 > fe", BinCmp("\xff\0", 2, "\xfe", 1), ">");
	CHECK("empty = empty", BinCmp("", 0, "", 0), "=");
}

/* Sets: items.md section 1.1 messages, and equality as sets. */
static void
TestSets(void)
{
	CHECK("empty SS", Build(EmptySS),
		  V "One or more parameter values were invalid: An string set  may not be empty");
	CHECK("empty NS", Build(EmptyNS),
		  V "One or more parameter values were invalid: An number set  may not be empty");
	CHECK("empty BS", Build(EmptyBS),
		  V "One or more parameter values were invalid: Binary sets should not be empty");
	CHECK("duplicate SS", Build(DupSS),
		  V "One or more parameter values were invalid: Input collection [a, a] contains duplicates.");
	CHECK("duplicate SS, input order kept", Build(DupSS3),
		  V "One or more parameter values were invalid: Input collection [b, a, b] contains duplicates.");
	CHECK("duplicate NS after normalisation", Build(DupNS),
		  V "Input collection contains duplicates");
	CHECK("duplicate NS 100 and 1e2", Build(DupNSExp),
		  V "Input collection contains duplicates");
	CHECK("duplicate BS", Build(DupBS),
		  V "One or more parameter values were invalid: Input collection [Yg==, Yg==]of type BS contains duplicates.");
	CHECK("good SS (empty string allowed)", Build(GoodSS), "ok:SS:3");
	CHECK("good NS", Build(GoodNS), "ok:NS:3");
	CHECK("good BS (empty binary allowed)", Build(GoodBS), "ok:BS:3");
	CHECK("try make set", TrySetMessage(),
		  "One or more parameter values were invalid: An string set  may not be empty");

	CHECK("SS equal regardless of order",
		  Eq(Set(DDB_TYPE_SS, 3, "a", "b", "c"), Set(DDB_TYPE_SS, 3, "c", "a", "b")),
		  "equal");
	CHECK("SS subset differs",
		  Eq(Set(DDB_TYPE_SS, 3, "a", "b", "c"), Set(DDB_TYPE_SS, 2, "a", "b")),
		  "different");
	CHECK("SS different element",
		  Eq(Set(DDB_TYPE_SS, 3, "a", "b", "c"), Set(DDB_TYPE_SS, 3, "a", "b", "d")),
		  "different");
	CHECK("NS equal regardless of order and form",
		  Eq(Set(DDB_TYPE_NS, 2, "1", "2.5"), Set(DDB_TYPE_NS, 2, "2.50", "1.0")),
		  "equal");
	CHECK("NS different",
		  Eq(Set(DDB_TYPE_NS, 2, "1", "2.5"), Set(DDB_TYPE_NS, 2, "1", "2.4")),
		  "different");
	CHECK("BS equal regardless of order",
		  Eq(Set(DDB_TYPE_BS, 2, "Yg==", "YWI="), Set(DDB_TYPE_BS, 2, "YWI=", "Yg==")),
		  "equal");
	CHECK("SS vs NS", Eq(Set(DDB_TYPE_SS, 1, "1"), Set(DDB_TYPE_NS, 1, "1")),
		  "different");
	DdbArenaReset();
}

/* Deep equality of scalars, lists and maps. */
static void
TestEquality(void)
{
	DdbValue   *big1;
	DdbValue   *big2;
	DdbValue   *big3;

	CHECK("N 1 = 1.0", Eq(N("1"), N("1.0")), "equal");
	CHECK("raw N 1e0 = 1", Eq(RawN("1e0"), RawN("1")), "equal");
	CHECK("N 1 != 2", Eq(N("1"), N("2")), "different");
	CHECK("S equal", Eq(S("x"), S("x")), "equal");
	CHECK("S differ", Eq(S("x"), S("xy")), "different");
	CHECK("S vs B", Eq(S(""), B("", 0)), "different");
	CHECK("S vs N", Eq(S("1"), N("1")), "different");
	CHECK("BOOL", Eq(DdbMakeBool(true), DdbMakeBool(false)), "different");
	CHECK("BOOL same", Eq(DdbMakeBool(true), DdbMakeBool(true)), "equal");
	CHECK("NULL", Eq(DdbMakeNull(), DdbMakeNull()), "equal");
	CHECK("L order matters", Eq(L(2, N("1"), N("2")), L(2, N("2"), N("1"))),
		  "different");
	CHECK("L equal", Eq(L(2, N("1"), S("a")), L(2, N("1.0"), S("a"))), "equal");
	CHECK("L length", Eq(L(1, N("1")), L(2, N("1"), N("1"))), "different");
	CHECK("empty L vs empty M", Eq(L(0), M(0)), "different");
	CHECK("M order does not matter",
		  Eq(M(2, "a", N("1"), "b", S("x")), M(2, "b", S("x"), "a", N("1"))),
		  "equal");
	CHECK("M different names",
		  Eq(M(2, "a", N("1"), "b", S("x")), M(2, "a", N("1"), "c", S("x"))),
		  "different");
	CHECK("M different value",
		  Eq(M(1, "a", N("1")), M(1, "a", N("2"))), "different");
	CHECK("nested sets inside maps and lists",
		  Eq(M(1, "a", L(1, Set(DDB_TYPE_SS, 2, "x", "y"))),
			 M(1, "a", L(1, Set(DDB_TYPE_SS, 2, "y", "x")))),
		  "equal");

	big1 = M(10, "a", N("1"), "b", N("2"), "c", N("3"), "d", N("4"), "e", N("5"),
			 "f", N("6"), "g", N("7"), "h", N("8"), "i", N("9"), "j", N("10"));
	big2 = M(10, "j", N("10"), "i", N("9"), "h", N("8"), "g", N("7"), "f", N("6"),
			 "e", N("5"), "d", N("4"), "c", N("3"), "b", N("2"), "a", N("1"));
	big3 = M(10, "j", N("10"), "i", N("9"), "h", N("8"), "g", N("7"), "f", N("6"),
			 "e", N("5"), "d", N("4"), "c", N("3"), "b", N("2"), "a", N("0"));
	CHECK("large M order does not matter", Eq(big1, big2), "equal");
	CHECK("large M one value differs", Eq(big1, big3), "different");
	DdbArenaReset();
}

/* items.md section 4: sizes. */
static void
TestSizes(void)
{
	DdbValue   *item;

	item = M(2, "shirt-color", S("R"), "shirt-size", S("M"));
	CHECK("23-byte example", SizeText(DdbItemSize(item)), "23");
	DdbArenaReset();

	CHECK("N 0", NumSize("0"), "1");
	CHECK("N -0", NumSize("-0"), "1");
	CHECK("N 1", NumSize("1"), "2");
	CHECK("N -1", NumSize("-1"), "3");
	CHECK("N 10", NumSize("10"), "2");
	CHECK("N 12 (d even, e odd)", NumSize("12"), "2");
	CHECK("N 1.2 (d even, e even)", NumSize("1.2"), "3");
	CHECK("N -1.2", NumSize("-1.2"), "4");
	CHECK("N 123", NumSize("123"), "3");
	CHECK("N 1234", NumSize("1234"), "3");
	CHECK("N 1.234", NumSize("1.234"), "4");
	CHECK("N 0.1234 (e -1)", NumSize("0.1234"), "3");
	CHECK("N 0.012 (e -2)", NumSize("0.012"), "3");
	CHECK("N 0.0012 (e -3)", NumSize("0.0012"), "2");
	CHECK("N 1e125", NumSize("1e125"), "2");
	CHECK("N 38 digits, e 37",
		  NumSize("12345678901234567890123456789012345678"), "20");
	CHECK("N 38 digits, e 0",
		  NumSize("1.2345678901234567890123456789012345678"), "21");
	CHECK("N -38 digits, e 0",
		  NumSize("-1.2345678901234567890123456789012345678"), "22");

	CHECK("S bytes", SizeText(DdbValueSize(S("\xC2\xBF" "a"))), "3");
	CHECK("empty S", SizeText(DdbValueSize(S(""))), "0");
	CHECK("B", SizeText(DdbValueSize(B("\0\1\2", 3))), "3");
	CHECK("BOOL", SizeText(DdbValueSize(DdbMakeBool(false))), "1");
	CHECK("NULL", SizeText(DdbValueSize(DdbMakeNull())), "1");
	CHECK("empty M", SizeText(DdbValueSize(M(0))), "3");
	CHECK("empty L", SizeText(DdbValueSize(L(0))), "3");
	CHECK("L of S ab and N 1", SizeText(DdbValueSize(L(2, S("ab"), N("1")))), "9");
	CHECK("M k: BOOL", SizeText(DdbValueSize(M(1, "k", DdbMakeBool(true)))), "6");
	CHECK("SS a, bc", SizeText(DdbValueSize(Set(DDB_TYPE_SS, 2, "a", "bc"))), "3");
	CHECK("NS 1, -1.2", SizeText(DdbValueSize(Set(DDB_TYPE_NS, 2, "1", "-1.2"))), "6");
	CHECK("BS 3 bytes", SizeText(DdbValueSize(Set(DDB_TYPE_BS, 1, "YWJj"))), "3");
	CHECK("nested M in item",
		  SizeText(DdbItemSize(M(1, "m", M(1, "ab", L(1, S("x")))))),
		  "12");
	DdbArenaReset();

	CHECK("item of exactly 400 KB", ItemSizeCheck(409600, false), "ok:409600");
	CHECK("item one byte over", ItemSizeCheck(409601, false),
		  V "Item size has exceeded the maximum allowed size");
	CHECK("update one byte over", ItemSizeCheck(409601, true),
		  V "Item size to update has exceeded the maximum allowed size");
}

/* Base64 encoding and decoding, with errors.md section 4 messages. */
static void
TestBase64(void)
{
	char		all[256];
	size_t		n;
	size_t		back_len;
	char	   *text;
	char	   *back;
	int			i;

	CHECK("encode empty", Enc("", 0), "|0");
	CHECK("encode f", Enc("f", 1), "Zg==|4");
	CHECK("encode fo", Enc("fo", 2), "Zm8=|4");
	CHECK("encode foo", Enc("foo", 3), "Zm9v|4");
	CHECK("encode foobar", Enc("foobar", 6), "Zm9vYmFy|8");
	CHECK("encode high bytes", Enc("\xfb\xff\xbf", 3), "+/+/|4");

	CHECK("decode empty", Dec("", 0), "");
	CHECK("decode Zg==", Dec("Zg==", 4), "66");
	CHECK("decode Zm8=", Dec("Zm8=", 4), "666f");
	CHECK("decode Zm9vYmFy", Dec("Zm9vYmFy", 8), "666f6f626172");
	CHECK("decode +/+/", Dec("+/+/", 4), "fbffbf");
	CHECK("decode dGhpcyB0ZXh0", Dec("dGhpcyB0ZXh0", 12), "746869732074657874");

	CHECK("length 5", Dec("23456", 5),
		  SER "Base64 encoded length is expected a multiple of 4 bytes but found: 5");
	CHECK("length 1", Dec("A", 1),
		  SER "Base64 encoded length is expected a multiple of 4 bytes but found: 1");
	CHECK("length counts characters, not bytes", Dec("\xC3\xA9\xC3\xA9", 4),
		  SER "Base64 encoded length is expected a multiple of 4 bytes but found: 2");
	CHECK("length counts UTF-16 units",
		  Dec("ab\xF0\x9F\x98\x80", 6),
		  SER "Invalid last non-pad Base64 character dectected");
	CHECK("=+/=", Dec("=+/=", 4),
		  SER "Invalid last non-pad Base64 character dectected");
	CHECK("+/+=", Dec("+/+=", 4),
		  SER "Invalid last non-pad Base64 character dectected");
	CHECK("Zh== has stray bits", Dec("Zh==", 4),
		  SER "Invalid last non-pad Base64 character dectected");
	CHECK("Zm9= has stray bits", Dec("Zm9=", 4),
		  SER "Invalid last non-pad Base64 character dectected");
	CHECK("Zg=a", Dec("Zg=a", 4),
		  SER "Invalid last non-pad Base64 character dectected");
	CHECK("Z===", Dec("Z===", 4),
		  SER "Invalid last non-pad Base64 character dectected");
	CHECK("padding in the middle", Dec("Zg==Zg==", 8),
		  SER "Invalid last non-pad Base64 character dectected");
	CHECK("space", Dec("ab c", 4),
		  SER "Invalid last non-pad Base64 character dectected");
	CHECK("url alphabet", Dec("ab-_", 4),
		  SER "Invalid last non-pad Base64 character dectected");
	CHECK("NUL byte", Dec("ab\0c", 4),
		  SER "Invalid last non-pad Base64 character dectected");

	/* round trip of every byte value at every length mod 3 */
	for (i = 0; i < 256; i++)
		all[i] = (char) i;
	for (i = 253; i <= 256; i++)
	{
		char		what[64];
		const char *got = "round trip ok";

		text = DdbBase64Encode(all, (size_t) i, &n);
		back = DdbBase64Decode(text, n, &back_len);
		if (back_len != (size_t) i || memcmp(back, all, (size_t) i) != 0)
			got = "round trip broken";
		snprintf(what, sizeof(what), "round trip of %d bytes", i);
		CHECK(what, got, "round trip ok");
		DdbArenaReset();
	}
}

/* items.md section 3: key value checks. */
static void
TestKeys(void)
{
	static char big[2100];

	memset(big, 'k', sizeof(big));

	CHECK("empty S key in item", KeyCheck(S(""), false, true),
		  V "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: a");
	CHECK("empty B key in item", KeyCheck(B("", 0), true, true),
		  V "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: a");
	CHECK("empty S in Key parameter", KeyCheck(S(""), false, false),
		  V "One or more parameter values were invalid: The AttributeValue for a key attribute cannot contain an empty string value. Key: a");
	CHECK("empty B in Key parameter", KeyCheck(B("", 0), false, false),
		  V "One or more parameter values were invalid: The AttributeValue for a key attribute cannot contain an empty binary value. Key: a");
	CHECK("1-byte key", KeyCheck(S("x"), true, true), "ok");
	CHECK("2048-byte partition key",
		  KeyCheck(DdbMakeString(big, 2048), false, true), "ok");
	CHECK("2049-byte partition key",
		  KeyCheck(DdbMakeString(big, 2049), false, true),
		  V "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
	CHECK("2049-byte binary partition key",
		  KeyCheck(DdbMakeBinary(big, 2049), false, false),
		  V "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
	CHECK("1024-byte sort key",
		  KeyCheck(DdbMakeString(big, 1024), true, true), "ok");
	CHECK("1025-byte sort key",
		  KeyCheck(DdbMakeString(big, 1025), true, true),
		  V "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
	CHECK("2048-byte sort key",
		  KeyCheck(DdbMakeBinary(big, 2048), true, false),
		  V "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
	CHECK("N key", KeyCheck(N("-1e-130"), true, true), "ok");
	DdbArenaReset();
}

/* Type names, map lookup and nesting depth. */
static void
TestMisc(void)
{
	static const char *const names[] = {
		"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"
	};
	DdbValue   *m;
	DdbValue   *deep;
	DdbValueType t;
	size_t		i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
	{
		const char *got = "unknown";

		if (DdbTypeFromName(names[i], strlen(names[i]), &t))
			got = DdbTypeName(t);
		CHECK("type name round trip", got, names[i]);
	}
	CHECK("BOOLX is not a type",
		  DdbTypeFromName("BOOLX", 5, &t) ? "type" : "not a type", "not a type");
	CHECK("s is not a type",
		  DdbTypeFromName("s", 1, &t) ? "type" : "not a type", "not a type");
	CHECK("BOO prefix is not a type",
		  DdbTypeFromName("BOOL", 3, &t) ? "type" : "not a type", "not a type");

	m = M(3, "a", S("1"), "ab", S("2"), "", S("3"));
	CHECK("map get a", TextResult(DdbMapGet(m, "a", 1)), "1");
	CHECK("map get ab", TextResult(DdbMapGet(m, "abc", 2)), "2");
	CHECK("map get empty name", TextResult(DdbMapGet(m, "", 0)), "3");
	CHECK("map get absent", DdbMapGet(m, "b", 1) == NULL ? "absent" : "present",
		  "absent");
	CHECK("map get on a list", DdbMapGet(L(0), "a", 1) == NULL ? "absent" : "present",
		  "absent");

	deep = L(1, M(1, "x", L(0)));
	CHECK("depth of scalar", SizeText((size_t) DdbValueDepth(S("x"))), "0");
	CHECK("depth of set", SizeText((size_t) DdbValueDepth(Set(DDB_TYPE_SS, 1, "x"))), "0");
	CHECK("depth of L[M{L[]}]", SizeText((size_t) DdbValueDepth(deep)), "3");
	DdbArenaReset();
}

/* Run every test; exit status reflects the result. */
int
main(void)
{
	TestNormalisation();
	TestNumberErrors();
	TestArithmetic();
	TestOrdering();
	TestSets();
	TestEquality();
	TestSizes();
	TestBase64();
	TestKeys();
	TestMisc();
	DdbArenaReset();

	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
