// SPDX-License-Identifier: GPL-2.0
/*
 * Integer parsing (lib/kstrtox.c): kstrtoull(), kstrtouint(), kstrtoll(),
 * kstrtoint() and
 * simple_strtoull() (lib/vsprintf.c, on kstrtox's digit loop), written
 * from their documented behaviour, and kstrtobool().
 *
 * Differences from the kernel: simple_strtoull() has no field-width limit
 * because nothing in the model parses with sscanf widths.
 */
#include "kstrtox.h"

#include <errno.h>

static bool kisxdigit(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* Digit value in bases up to 16, or 16 for "not a digit". */
static unsigned int digit_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return 16;
}

/*
 * Base 0 means C conventions.  "0x" only selects hex when a hex digit
 * follows, so "0xg" is octal 0 followed by junk "xg".  An explicit base 16
 * swallows a "0x" prefix unconditionally.
 */
static const char *fixup_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] != '0')
			*base = 10;
		else if ((s[1] | 0x20) == 'x' && kisxdigit(s[2]))
			*base = 16;
		else
			*base = 8;
	}
	if (*base == 16 && s[0] == '0' && (s[1] | 0x20) == 'x')
		s += 2;
	return s;
}

/*
 * Accumulate digits of @base from @s.  Returns the number of digits used;
 * *overflow tells whether the true value exceeded 64 bits (the result then
 * holds the wrapped value, which simple_strtoull() callers accept).
 */
static size_t parse_digits(const char *s, unsigned int base,
			   unsigned long long *res, bool *overflow)
{
	unsigned long long v = 0;
	size_t n = 0;
	unsigned int d;

	*overflow = false;
	for (; (d = digit_value(s[n])) < base; n++) {
		if (v > (ULLONG_MAX - d) / base)
			*overflow = true;
		v = v * base + d;
	}
	*res = v;
	return n;
}

unsigned long long simple_strtoull(const char *cp, char **endp,
				   unsigned int base)
{
	unsigned long long res;
	bool overflow;

	cp = fixup_radix(cp, &base);
	cp += parse_digits(cp, base, &res, &overflow);
	if (endp)
		*endp = (char *)cp;
	return res;
}

/* kstrtox core: no sign, digits required, then at most one '\n'. */
static int kstrtoull_nosign(const char *s, unsigned int base,
			    unsigned long long *res)
{
	unsigned long long v;
	bool overflow;
	size_t n;

	s = fixup_radix(s, &base);
	n = parse_digits(s, base, &v, &overflow);
	if (overflow)
		return -ERANGE;
	if (!n)
		return -EINVAL;
	s += n;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (*s == '+')
		s++;
	return kstrtoull_nosign(s, base, res);
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v > UINT_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long v;
	int err;

	if (*s != '-') {
		err = kstrtoull(s, base, &v);
		if (err)
			return err;
		if (v > LLONG_MAX)
			return -ERANGE;
		*res = (long long)v;
		return 0;
	}
	err = kstrtoull_nosign(s + 1, base, &v);
	if (err)
		return err;
	/* LLONG_MIN's magnitude is one more than LLONG_MAX */
	if (v > (unsigned long long)LLONG_MAX + 1)
		return -ERANGE;
	*res = v ? -(long long)(v - 1) - 1 : 0;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long v;
	int err;

	err = kstrtoll(s, base, &v);
	if (err)
		return err;
	if (v < INT_MIN || v > INT_MAX)
		return -ERANGE;
	*res = (int)v;
	return 0;
}

/*
 * kstrtobool(): the first character decides: y, Y, t, T, 1 (true) or n, N,
 * f, F, 0 (false); "o" or "O" takes the second, n/N (on) or f/F (off).
 * Whatever follows is not looked at.
 */
int kstrtobool(const char *s, bool *res)
{
	switch (s[0]) {
	case 'y': case 'Y': case 't': case 'T': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case 'f': case 'F': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		switch (s[1]) {
		case 'n': case 'N':
			*res = true;
			return 0;
		case 'f': case 'F':
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}
