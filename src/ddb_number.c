/*-------------------------------------------------------------------------
 *
 * ddb_number.c
 *	  DynamoDB numbers: parsing with the service's rules and messages,
 *	  the canonical text form, comparison and exact addition.
 *
 * A DynamoDB number is a decimal with at most 38 significant digits whose
 * magnitude lies in 1E-130 .. 9.99..9E+125 (or is zero).  Internally a
 * number is a DdbDecimal: a sign, its significant digits (no leading or
 * trailing zeros) and the power of ten of the first digit ("scientific
 * exponent"), so 123.45 is digits 12345 with exponent 2 and 0.001 is digit
 * 1 with exponent -3.  Zero has no digits.
 *
 * N values (DdbValue of type N) hold the canonical text: plain decimal
 * notation without exponent, no leading zeros, no trailing fractional
 * zeros, no trailing '.', and "0" for zero (also for "-0").  Since every
 * number has exactly one canonical text, equal numbers have equal texts.
 *
 * Accepted input syntax (what dynalite's big.js accepts, plus a leading
 * '+', which the real service accepts too):
 *
 *		[+-]? ( digits ( '.' digits? )? | '.' digits ) ( [eE] [+-]? digits )?
 *
 * No whitespace, no NaN/Infinity, no hex.  The checks run in dynalite's
 * order: syntax, then overflow (exponent > 125), underflow (exponent <
 * -130), then precision (more than 38 significant digits).
 *
 * Addition and subtraction are exact.  A result that cannot be stored
 * exactly in 38 digits is refused rather than rounded; the real service
 * reports that case with its overflow message (observed by the ScyllaDB
 * Alternator tests against DynamoDB: 1e50 + 1 fails with "Number
 * overflow"), so we do too.
 *
 * Only the C library and ddb_core.h are used here (see ddb_core.h).
 *
 * IDENTIFICATION
 *	  src/ddb_number.c
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <string.h>

#include "ddb_attrval.h"

#define DDB_MAX_EXPONENT	125
#define DDB_MIN_EXPONENT	(-130)

/* Saturation bound for exponents while parsing; far beyond any valid one. */
#define EXPONENT_CLAMP		((int64_t) 1000000000000)

/*
 * Longest canonical text: "-0." + 129 zeros + 38 digits, or '-' + 126
 * digits; round up generously.
 */
#define CANONICAL_MAX_LEN	200

/*
 * Width of the digit accumulator used by addition: positions from the
 * lowest possible digit (-130 - 37) to one above the highest (125 + 1).
 */
#define ADD_LOW_POSITION	(DDB_MIN_EXPONENT - DDB_MAX_NUMBER_DIGITS + 1)
#define ADD_WIDTH			(DDB_MAX_EXPONENT + 2 - ADD_LOW_POSITION + 1)

typedef struct DdbDecimal
{
	bool		negative;
	int			ndigits;		/* significant digits; 0 means zero */
	int			exponent;		/* power of ten of digits[0] */
	uint8_t		digits[DDB_MAX_NUMBER_DIGITS];	/* 0..9, first and last
												 * non-zero */
} DdbDecimal;

typedef enum NumberStatus
{
	NUMBER_OK,
	NUMBER_EMPTY,
	NUMBER_SYNTAX,
	NUMBER_OVERFLOW,
	NUMBER_UNDERFLOW,
	NUMBER_PRECISION
} NumberStatus;

static const char msg_empty[] =
"The parameter cannot be converted to a numeric value";
static const char msg_overflow[] =
"Number overflow. Attempting to store a number with magnitude larger than supported range";
static const char msg_underflow[] =
"Number underflow. Attempting to store a number with magnitude smaller than supported range";
static const char msg_precision[] =
"Attempting to store more than 38 significant digits in a Number";

static NumberStatus DecimalParse(const char *text, size_t len, DdbDecimal *dec);
static const char *StatusMessage(NumberStatus status, const char *text, size_t len);
static void DecimalFromValue(const DdbValue *value, DdbDecimal *dec);
static size_t DecimalFormat(const DdbDecimal *dec, char *buf);
static DdbValue *DecimalToValue(const DdbDecimal *dec);
static int	DecimalCompareMagnitude(const DdbDecimal *a, const DdbDecimal *b);
static int	DecimalCompare(const DdbDecimal *a, const DdbDecimal *b);
static DdbValue *DecimalAdd(const DdbDecimal *a, const DdbDecimal *b, bool negate_b);

/* Whether c is an ASCII digit. */
static inline bool
IsDigit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Parse and range-check number text into dec.  On anything but NUMBER_OK
 * the contents of dec are unspecified.
 */
static NumberStatus
DecimalParse(const char *text, size_t len, DdbDecimal *dec)
{
	size_t		i = 0;
	size_t		mantissa_start;
	size_t		mantissa_end;
	int64_t		ndigits = 0;	/* mantissa digits seen */
	int64_t		int_digits = -1;	/* digits before '.', -1 while no '.' */
	int64_t		first_nz = -1;	/* digit index of first non-zero digit */
	int64_t		last_nz = -1;	/* digit index of last non-zero digit */
	int64_t		exp = 0;
	int64_t		sci_exp;
	int64_t		sig;
	int64_t		k;

	memset(dec, 0, sizeof(*dec));
	if (len == 0)
		return NUMBER_EMPTY;

	if (text[i] == '-' || text[i] == '+')
	{
		dec->negative = (text[i] == '-');
		i++;
	}

	/* mantissa: digits with at most one '.', at least one digit */
	mantissa_start = i;
	for (; i < len; i++)
	{
		char		c = text[i];

		if (IsDigit(c))
		{
			if (c != '0')
			{
				if (first_nz < 0)
					first_nz = ndigits;
				last_nz = ndigits;
			}
			ndigits++;
		}
		else if (c == '.' && int_digits < 0)
			int_digits = ndigits;
		else
			break;
	}
	mantissa_end = i;
	if (ndigits == 0)
		return NUMBER_SYNTAX;
	if (int_digits < 0)
		int_digits = ndigits;

	/* optional exponent: [eE] [+-]? digits */
	if (i < len)
	{
		bool		exp_negative = false;
		size_t		exp_start;

		if (text[i] != 'e' && text[i] != 'E')
			return NUMBER_SYNTAX;
		i++;
		if (i < len && (text[i] == '+' || text[i] == '-'))
		{
			exp_negative = (text[i] == '-');
			i++;
		}
		exp_start = i;
		for (; i < len && IsDigit(text[i]); i++)
		{
			if (exp < EXPONENT_CLAMP)
				exp = exp * 10 + (text[i] - '0');
		}
		if (i == exp_start || i != len)
			return NUMBER_SYNTAX;
		if (exp_negative)
			exp = -exp;
	}

	/* zero, whatever its exponent ("0e1000" is accepted) */
	if (first_nz < 0)
	{
		dec->negative = false;
		return NUMBER_OK;
	}

	sci_exp = int_digits - 1 - first_nz + exp;
	sig = last_nz - first_nz + 1;
	if (sci_exp > DDB_MAX_EXPONENT)
		return NUMBER_OVERFLOW;
	if (sci_exp < DDB_MIN_EXPONENT)
		return NUMBER_UNDERFLOW;
	if (sig > DDB_MAX_NUMBER_DIGITS)
		return NUMBER_PRECISION;

	/* second pass: copy the significant digits */
	k = 0;
	for (i = mantissa_start; i < mantissa_end; i++)
	{
		if (!IsDigit(text[i]))
			continue;
		if (k >= first_nz && k <= last_nz)
			dec->digits[k - first_nz] = (uint8_t) (text[i] - '0');
		k++;
	}
	dec->ndigits = (int) sig;
	dec->exponent = (int) sci_exp;
	return NUMBER_OK;
}

/* The ValidationException message for a failed parse. */
static const char *
StatusMessage(NumberStatus status, const char *text, size_t len)
{
	DdbBuf		buf;

	switch (status)
	{
		case NUMBER_OK:
			return NULL;
		case NUMBER_EMPTY:
			return msg_empty;
		case NUMBER_SYNTAX:
			DdbBufInit(&buf);
			DdbBufAppendStr(&buf, msg_empty);
			DdbBufAppendStr(&buf, ": ");
			DdbBufAppend(&buf, text, len);
			return buf.data;
		case NUMBER_OVERFLOW:
			return msg_overflow;
		case NUMBER_UNDERFLOW:
			return msg_underflow;
		case NUMBER_PRECISION:
			return msg_precision;
	}
	return msg_empty;
}

/*
 * Decode an N value's text; values built by DdbNumberParse always decode,
 * anything else raises the parse error.
 */
static void
DecimalFromValue(const DdbValue *value, DdbDecimal *dec)
{
	NumberStatus status;

	if (value->type != DDB_TYPE_N)
		DdbRaise(DDB_EXC_InternalServerError,
				 "internal error: number operation on a %s value",
				 DdbTypeName(value->type));
	status = DecimalParse(value->u.str.data, value->u.str.len, dec);
	if (status != NUMBER_OK)
		DdbRaise(DDB_EXC_ValidationException, "%s",
				 StatusMessage(status, value->u.str.data, value->u.str.len));
}

/*
 * Write the canonical text of dec into buf (at least CANONICAL_MAX_LEN
 * bytes); returns its length.  No NUL is written.
 */
static size_t
DecimalFormat(const DdbDecimal *dec, char *buf)
{
	size_t		n = 0;
	int			i;

	if (dec->ndigits == 0)
	{
		buf[0] = '0';
		return 1;
	}
	if (dec->negative)
		buf[n++] = '-';
	if (dec->exponent < 0)
	{
		/* 0.000ddd */
		buf[n++] = '0';
		buf[n++] = '.';
		for (i = 0; i < -dec->exponent - 1; i++)
			buf[n++] = '0';
		for (i = 0; i < dec->ndigits; i++)
			buf[n++] = (char) ('0' + dec->digits[i]);
	}
	else if (dec->exponent >= dec->ndigits - 1)
	{
		/* ddd000 */
		for (i = 0; i < dec->ndigits; i++)
			buf[n++] = (char) ('0' + dec->digits[i]);
		for (i = 0; i < dec->exponent - (dec->ndigits - 1); i++)
			buf[n++] = '0';
	}
	else
	{
		/* dd.ddd */
		for (i = 0; i < dec->ndigits; i++)
		{
			if (i == dec->exponent + 1)
				buf[n++] = '.';
			buf[n++] = (char) ('0' + dec->digits[i]);
		}
	}
	return n;
}

/* An N value holding the canonical text of dec. */
static DdbValue *
DecimalToValue(const DdbDecimal *dec)
{
	char		buf[CANONICAL_MAX_LEN];
	size_t		len = DecimalFormat(dec, buf);
	char	   *text = DdbAlloc(len + 1);
	DdbValue   *value = DdbAlloc(sizeof(DdbValue));

	memcpy(text, buf, len);
	value->type = DDB_TYPE_N;
	value->u.str.data = text;
	value->u.str.len = len;
	return value;
}

/* Parse number text; NULL and *error set (not raised) when it is invalid. */
DdbValue *
DdbNumberTryParse(const char *text, size_t len, const char **error)
{
	DdbDecimal	dec;
	NumberStatus status = DecimalParse(text, len, &dec);

	if (status != NUMBER_OK)
	{
		*error = StatusMessage(status, text, len);
		return NULL;
	}
	*error = NULL;
	return DecimalToValue(&dec);
}

/* Parse number text; raises ValidationException when it is invalid. */
DdbValue *
DdbNumberParse(const char *text, size_t len)
{
	const char *error;
	DdbValue   *value = DdbNumberTryParse(text, len, &error);

	if (value == NULL)
		DdbRaise(DDB_EXC_ValidationException, "%s", error);
	return value;
}

/* An N value for an integer (always in range). */
DdbValue *
DdbMakeNumberInt(int64_t n)
{
	char		buf[32];
	int			len = snprintf(buf, sizeof(buf), "%lld", (long long) n);
	char	   *text = DdbAlloc((size_t) len + 1);
	DdbValue   *value = DdbAlloc(sizeof(DdbValue));

	memcpy(text, buf, (size_t) len);
	value->type = DDB_TYPE_N;
	value->u.str.data = text;
	value->u.str.len = (size_t) len;
	return value;
}

/* Compare absolute values: <0, 0, >0. */
static int
DecimalCompareMagnitude(const DdbDecimal *a, const DdbDecimal *b)
{
	int			n;
	int			i;

	if (a->ndigits == 0 || b->ndigits == 0)
		return (a->ndigits != 0) - (b->ndigits != 0);
	if (a->exponent != b->exponent)
		return a->exponent < b->exponent ? -1 : 1;
	n = a->ndigits < b->ndigits ? a->ndigits : b->ndigits;
	for (i = 0; i < n; i++)
	{
		if (a->digits[i] != b->digits[i])
			return a->digits[i] < b->digits[i] ? -1 : 1;
	}
	/* equal prefix: the one with more (non-zero) digits is larger */
	return (a->ndigits > b->ndigits) - (a->ndigits < b->ndigits);
}

/* Compare signed values: <0, 0, >0. */
static int
DecimalCompare(const DdbDecimal *a, const DdbDecimal *b)
{
	int			sign_a = a->ndigits == 0 ? 0 : (a->negative ? -1 : 1);
	int			sign_b = b->ndigits == 0 ? 0 : (b->negative ? -1 : 1);
	int			cmp;

	if (sign_a != sign_b)
		return sign_a < sign_b ? -1 : 1;
	if (sign_a == 0)
		return 0;
	cmp = DecimalCompareMagnitude(a, b);
	return sign_a < 0 ? -cmp : cmp;
}

/* Numeric comparison of two N values: <0, 0, >0. */
int
DdbNumberCompare(const DdbValue *a, const DdbValue *b)
{
	DdbDecimal	da;
	DdbDecimal	db;

	DecimalFromValue(a, &da);
	DecimalFromValue(b, &db);
	return DecimalCompare(&da, &db);
}

/*
 * a + b (or a - b), exact.  Results outside the range, or needing more
 * than 38 digits, raise ValidationException (see the file header).
 */
static DdbValue *
DecimalAdd(const DdbDecimal *a, const DdbDecimal *b, bool negate_b)
{
	int8_t		acc[ADD_WIDTH];
	const DdbDecimal *big;
	const DdbDecimal *small;
	bool		b_negative = negate_b ? !b->negative : b->negative;
	bool		subtract;
	bool		negative;
	int			carry;
	int			hi;
	int			lo;
	int			i;
	DdbDecimal	result;

	if (b->ndigits == 0)
		return DecimalToValue(a);
	if (a->ndigits == 0)
	{
		result = *b;
		result.negative = b_negative;
		return DecimalToValue(&result);
	}

	/* big has the larger magnitude; the result takes its sign */
	if (DecimalCompareMagnitude(a, b) >= 0)
	{
		big = a;
		small = b;
		negative = a->negative;
	}
	else
	{
		big = b;
		small = a;
		negative = b_negative;
	}
	subtract = (a->negative != b_negative);

	memset(acc, 0, sizeof(acc));
	for (i = 0; i < big->ndigits; i++)
		acc[big->exponent - i - ADD_LOW_POSITION] = (int8_t) big->digits[i];
	carry = 0;
	if (!subtract)
	{
		for (i = small->ndigits - 1; i >= 0; i--)
			acc[small->exponent - i - ADD_LOW_POSITION] += (int8_t) small->digits[i];
		for (i = 0; i < ADD_WIDTH; i++)
		{
			int			d = acc[i] + carry;

			acc[i] = (int8_t) (d % 10);
			carry = d / 10;
		}
	}
	else
	{
		for (i = small->ndigits - 1; i >= 0; i--)
			acc[small->exponent - i - ADD_LOW_POSITION] -= (int8_t) small->digits[i];
		for (i = 0; i < ADD_WIDTH; i++)
		{
			int			d = acc[i] - carry;

			if (d < 0)
			{
				d += 10;
				carry = 1;
			}
			else
				carry = 0;
			acc[i] = (int8_t) d;
		}
	}

	/* find the highest and lowest non-zero positions */
	hi = ADD_WIDTH - 1;
	while (hi >= 0 && acc[hi] == 0)
		hi--;
	memset(&result, 0, sizeof(result));
	if (hi < 0)
		return DecimalToValue(&result); /* exact cancellation: zero */
	lo = 0;
	while (acc[lo] == 0)
		lo++;

	result.exponent = hi + ADD_LOW_POSITION;
	if (result.exponent > DDB_MAX_EXPONENT)
		DdbRaise(DDB_EXC_ValidationException, "%s", msg_overflow);
	if (result.exponent < DDB_MIN_EXPONENT)
		DdbRaise(DDB_EXC_ValidationException, "%s", msg_underflow);
	if (hi - lo + 1 > DDB_MAX_NUMBER_DIGITS)
		DdbRaise(DDB_EXC_ValidationException, "%s", msg_overflow);
	result.negative = negative;
	result.ndigits = hi - lo + 1;
	for (i = 0; i < result.ndigits; i++)
		result.digits[i] = (uint8_t) acc[hi - i];
	return DecimalToValue(&result);
}

/* a + b as a new N value. */
DdbValue *
DdbNumberAdd(const DdbValue *a, const DdbValue *b)
{
	DdbDecimal	da;
	DdbDecimal	db;

	DecimalFromValue(a, &da);
	DecimalFromValue(b, &db);
	return DecimalAdd(&da, &db, false);
}

/* a - b as a new N value. */
DdbValue *
DdbNumberSubtract(const DdbValue *a, const DdbValue *b)
{
	DdbDecimal	da;
	DdbDecimal	db;

	DecimalFromValue(a, &da);
	DecimalFromValue(b, &db);
	return DecimalAdd(&da, &db, true);
}

/*
 * DynamoDB's stored size of a number (items.md section 4, dynalite's rule):
 * zero is 1 byte; otherwise 1 + ceil(d / 2), plus 1 when both the digit
 * count d and the scientific exponent are even, plus 1 when negative.
 */
size_t
DdbNumberSize(const DdbValue *value)
{
	DdbDecimal	dec;
	size_t		size;

	DecimalFromValue(value, &dec);
	if (dec.ndigits == 0)
		return 1;
	size = 1 + (size_t) (dec.ndigits + 1) / 2;
	if (dec.ndigits % 2 == 0 && dec.exponent % 2 == 0)
		size++;
	if (dec.negative)
		size++;
	return size;
}
