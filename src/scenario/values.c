// SPDX-License-Identifier: GPL-2.0
/*
 * The numbers of the scenario language: sizes, counts, durations and
 * fractions (docs/scenario.md, "Values").  Decimal only, parsed by hand: no
 * locale, exact results.  Used by the parser, and by the runtime for the
 * numbers of a replayed trace.
 */
#include "parser_internal.h"

#include <errno.h>
#include <string.h>

bool scn_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static u64 pow10u(unsigned int n)
{
	u64 v = 1;

	while (n--)
		v *= 10;
	return v;
}

/* Append the digits at *p to d->mant; -ERANGE on overflow. */
static int decimal_digits(const char **p, struct scn_decimal *d, bool frac)
{
	int ret = 0;

	for (; scn_is_digit(**p); (*p)++, d->frac += frac)
		if (__builtin_mul_overflow(d->mant, 10, &d->mant) ||
		    __builtin_add_overflow(d->mant, **p - '0', &d->mant))
			ret = -ERANGE;
	return ret;
}

/* DIGITS[.DIGITS] at s; *end is set after it.  No sign. */
int scn_parse_decimal(const char *s, const char **end, struct scn_decimal *d)
{
	const char *p = s;
	int ret;

	d->mant = 0;
	d->frac = 0;
	if (!scn_is_digit(*p))
		return -EINVAL;
	ret = decimal_digits(&p, d, false);
	if (*p == '.') {
		if (!scn_is_digit(*++p))
			return -EINVAL;
		ret = decimal_digits(&p, d, true) ?: ret;
		if (d->frac > SCN_MAX_DECIMALS)
			return -EINVAL;
	}
	*end = p;
	return ret;
}

/* d * mult, which must be a whole number. */
static int decimal_scale(const struct scn_decimal *d, u64 mult, u64 *out)
{
	unsigned __int128 x = (unsigned __int128)d->mant * mult;
	u64 div = pow10u(d->frac);

	if (x % div)
		return -EINVAL;
	x /= div;
	if (x > UINT64_MAX)
		return -ERANGE;
	*out = (u64)x;
	return 0;
}

double scn_decimal_double(const struct scn_decimal *d)
{
	return (double)d->mant / (double)pow10u(d->frac);
}

/* A unit a number may end with, and what it multiplies by. */
struct unit {
	const char *suffix;
	u64 mult;
	bool whole;		/* no decimals before it (1.5p is an error) */
};

#define UNIT(s, m)	{ .suffix = (s), .mult = (m) }
#define END_UNITS	{ .suffix = NULL }

/* 1024 powers, p = 4096-byte pages. */
static const struct unit size_units[] = {
	UNIT("", 1),
	UNIT("k", 1ULL << 10), UNIT("K", 1ULL << 10),
	UNIT("m", 1ULL << 20), UNIT("M", 1ULL << 20),
	UNIT("g", 1ULL << 30), UNIT("G", 1ULL << 30),
	UNIT("t", 1ULL << 40), UNIT("T", 1ULL << 40),
	{ .suffix = "p", .mult = PAGE_SIZE, .whole = true },
	END_UNITS,
};

/* 1000 powers: ops=1M is a million operations. */
static const struct unit count_units[] = {
	UNIT("", 1),
	UNIT("k", 1000ULL), UNIT("K", 1000ULL),
	UNIT("m", 1000000ULL), UNIT("M", 1000000ULL),
	UNIT("g", 1000000000ULL), UNIT("G", 1000000000ULL),
	UNIT("t", 1000000000000ULL), UNIT("T", 1000000000000ULL),
	END_UNITS,
};

/* The unit is required. */
static const struct unit duration_units[] = {
	UNIT("ns", 1), UNIT("us", NSEC_PER_USEC), UNIT("ms", NSEC_PER_MSEC),
	UNIT("s", NSEC_PER_SEC),
	END_UNITS,
};

/* NUMBER followed by one of @units: the whole string. */
static int parse_with_unit(const char *s, const struct unit *units, u64 *out)
{
	const struct unit *u;
	struct scn_decimal d;
	const char *p;
	int ret;

	ret = scn_parse_decimal(s, &p, &d);
	if (ret == -EINVAL)
		return ret;
	for (u = units; u->suffix && strcmp(p, u->suffix); u++)
		;
	if (!u->suffix || (u->whole && d.frac))
		return -EINVAL;
	if (ret)
		return ret;
	return decimal_scale(&d, u->mult, out);
}

int scn_parse_size(const char *s, u64 *bytes)
{
	return parse_with_unit(s, size_units, bytes);
}

int scn_parse_count(const char *s, u64 *count)
{
	return parse_with_unit(s, count_units, count);
}

int scn_parse_duration(const char *s, u64 *ns)
{
	return parse_with_unit(s, duration_units, ns);
}

int scn_parse_fraction(const char *s, double *frac)
{
	struct scn_decimal d;
	const char *p;
	double v;
	int ret;

	ret = scn_parse_decimal(s, &p, &d);
	if (ret)
		return ret;
	v = scn_decimal_double(&d);
	if (*p == '%') {
		p++;
		v /= 100;
	}
	if (*p)
		return -EINVAL;
	if (v > 1)
		return -ERANGE;
	*frac = v;
	return 0;
}

/* Plain decimal digits, no suffix.  *out is 0 on error. */
int scn_parse_uint(const char *s, u64 *out)
{
	struct scn_decimal d;
	const char *p;
	int ret;

	*out = 0;
	ret = scn_parse_decimal(s, &p, &d);
	if (ret == -EINVAL || d.frac || *p)
		return -EINVAL;
	if (ret)
		return ret;
	*out = d.mant;
	return 0;
}

/* [-]DIGITS within [lo, hi]. */
int scn_parse_int_range(const char *s, long lo, long hi, int *out)
{
	bool neg = *s == '-';
	u64 v;

	if (scn_parse_uint(s + neg, &v) || v > (u64)(neg ? -lo : hi))
		return -EINVAL;
	*out = neg ? -(int)v : (int)v;
	return *out >= lo && *out <= hi ? 0 : -EINVAL;
}
