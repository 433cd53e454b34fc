// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for lib/memparse.c and page_counter_memparse(): every accepted
 * and rejected form of a memory.max/min/low/high write (memcg-core §9.1,
 * §12 items 3-5), plus the kstrto*() and strstrip() helpers of
 * lib/kstrtox.c and lib/memparse.c.
 */
#include <errno.h>
#include <stdlib.h>

#include "lib/kstrtox.h"
#include "lib/memparse.h"
#include "mm/page_counter.h"
#include "tap.h"

#define KiB	1024ULL
#define MiB	(1024 * KiB)
#define GiB	(1024 * MiB)

/* Test names are single TAP lines, so control bytes are shown escaped. */
struct shown {
	char s[96];
};

static struct shown esc(const char *s)
{
	struct shown out;
	size_t n = 0;

	for (; *s && n + 5 < sizeof(out.s); s++) {
		unsigned char c = *s;

		if (c >= 0x20 && c < 0x7f && c != '\\')
			n += snprintf(out.s + n, 5, "%c", c);
		else
			n += snprintf(out.s + n, 5, "\\x%02x", c);
	}
	out.s[n] = '\0';
	return out;
}

/* memparse() value and how many characters it consumed */
static void check_memparse(const char *s, unsigned long long want,
			   long want_used)
{
	char *end = NULL;
	unsigned long long got = memparse(s, &end);

	is_long(got, want, "memparse(\"%s\") = %llu", esc(s).s, want);
	is_long(end - s, want_used, "memparse(\"%s\") uses %ld chars", esc(s).s,
		want_used);
}

/* page_counter_memparse() accepting @s as @want pages */
static void check_pages(const char *s, unsigned long want)
{
	unsigned long pages = 12345;
	int err = page_counter_memparse(s, "max", &pages);

	is_long(err, 0, "page_counter_memparse(\"%s\") accepted", esc(s).s);
	is_long(pages, want, "page_counter_memparse(\"%s\") = %lu pages",
		esc(s).s, want);
}

/* page_counter_memparse() rejecting @s without touching the result */
static void check_einval(const char *s)
{
	unsigned long pages = 12345;
	int err = page_counter_memparse(s, "max", &pages);

	is_long(err, -EINVAL, "page_counter_memparse(\"%s\") -> -EINVAL",
		esc(s).s);
	is_long(pages, 12345, "page_counter_memparse(\"%s\") leaves result",
		esc(s).s);
}

static void test_memparse(void)
{
	check_memparse("0", 0, 1);
	check_memparse("4097", 4097, 4);
	check_memparse("1k", 1024, 2);
	check_memparse("1K", 1024, 2);
	check_memparse("2m", 2 * MiB, 2);
	check_memparse("3G", 3 * GiB, 2);
	check_memparse("1t", 1ULL << 40, 2);
	check_memparse("1P", 1ULL << 50, 2);
	check_memparse("1e", 1ULL << 60, 2);
	check_memparse("0x2000", 0x2000, 6);
	check_memparse("0X1f", 0x1f, 4);
	check_memparse("0x10k", 16 * KiB, 5);
	check_memparse("010", 8, 3);
	check_memparse("08", 0, 1);		/* 8 is not octal */
	check_memparse("0xg", 0, 1);		/* "0x" + non-hex: just "0" */
	check_memparse("0x", 0, 1);
	check_memparse("", 0, 0);
	check_memparse("abc", 0, 0);
	check_memparse("-1", 0, 0);		/* no sign */
	check_memparse("+1", 0, 0);
	check_memparse(" 1", 0, 0);		/* no leading blanks skipped */
	check_memparse("1KB", 1024, 2);		/* one suffix only */
	check_memparse("1.5G", 1, 1);
	check_memparse("1 G", 1, 1);
	check_memparse("K", 0, 1);		/* suffix alone: kernel takes it */
	check_memparse("16E", 0, 3);		/* shift wraps, unchecked */
	check_memparse("18446744073709551615", ULLONG_MAX, 20);
	check_memparse("18446744073709551616", 0, 20);	/* digits wrap */
	ok(memparse("5M", NULL) == 5 * MiB, "memparse() with NULL retptr");
}

static void test_simple_strtoull(void)
{
	char *end;
	const char *s;

	s = "0x1fz";
	is_long(simple_strtoull(s, &end, 0), 0x1f, "simple_strtoull hex");
	is_long(end - s, 4, "simple_strtoull stops at junk");
	s = "0x";
	is_long(simple_strtoull(s, &end, 16), 0, "base 16 \"0x\" value");
	is_long(end - s, 2, "base 16 swallows a bare 0x prefix");
	s = "777";
	is_long(simple_strtoull(s, &end, 8), 0777, "explicit base 8");
	s = "ff";
	is_long(simple_strtoull(s, &end, 16), 0xff, "explicit base 16");
	s = "ff";
	is_long(simple_strtoull(s, &end, 10), 0, "hex digits in base 10");
	is_long(end - s, 0, "nothing used");
	is_long(simple_strtoull("12", NULL, 10), 12, "NULL endp");
}

static void test_kstrtoint(void)
{
	int v = 77;

	is_long(kstrtoint("42", 0, &v), 0, "kstrtoint 42");
	is_long(v, 42, "kstrtoint 42 value");
	is_long(kstrtoint("42\n", 0, &v), 0, "kstrtoint one trailing newline");
	is_long(kstrtoint("-7", 0, &v), 0, "kstrtoint -7");
	is_long(v, -7, "kstrtoint -7 value");
	is_long(kstrtoint("+7", 0, &v), 0, "kstrtoint +7");
	is_long(v, 7, "kstrtoint +7 value");
	is_long(kstrtoint("0x10", 0, &v), 0, "kstrtoint hex");
	is_long(v, 16, "kstrtoint hex value");
	is_long(kstrtoint("010", 0, &v), 0, "kstrtoint octal");
	is_long(v, 8, "kstrtoint octal value");
	is_long(kstrtoint("010", 10, &v), 0, "kstrtoint explicit base 10");
	is_long(v, 10, "kstrtoint base 10 ignores leading 0");
	is_long(kstrtoint("2147483647", 0, &v), 0, "kstrtoint INT_MAX");
	is_long(v, INT_MAX, "kstrtoint INT_MAX value");
	is_long(kstrtoint("-2147483648", 0, &v), 0, "kstrtoint INT_MIN");
	is_long(v, INT_MIN, "kstrtoint INT_MIN value");
	v = 77;
	is_long(kstrtoint("2147483648", 0, &v), -ERANGE, "kstrtoint > INT_MAX");
	is_long(kstrtoint("-2147483649", 0, &v), -ERANGE, "kstrtoint < INT_MIN");
	is_long(kstrtoint("99999999999999999999", 0, &v), -ERANGE,
		"kstrtoint 64-bit overflow");
	is_long(kstrtoint("99999999999999999999x", 0, &v), -ERANGE,
		"overflow is reported before junk");
	is_long(kstrtoint("", 0, &v), -EINVAL, "kstrtoint empty");
	is_long(kstrtoint("\n", 0, &v), -EINVAL, "kstrtoint newline only");
	is_long(kstrtoint("1\n\n", 0, &v), -EINVAL, "kstrtoint two newlines");
	is_long(kstrtoint(" 1", 0, &v), -EINVAL, "kstrtoint leading blank");
	is_long(kstrtoint("1 ", 0, &v), -EINVAL, "kstrtoint trailing blank");
	is_long(kstrtoint("1k", 0, &v), -EINVAL, "kstrtoint suffix");
	is_long(kstrtoint("-", 0, &v), -EINVAL, "kstrtoint bare sign");
	is_long(kstrtoint("+-1", 0, &v), -EINVAL, "kstrtoint +-");
	is_long(kstrtoint("-+1", 0, &v), -EINVAL, "kstrtoint -+");
	is_long(kstrtoint("0x", 0, &v), -EINVAL, "kstrtoint bare 0x");
	is_long(v, 77, "kstrtoint leaves result on error");
}

static void test_kstrtoull(void)
{
	unsigned long long v = 77;

	is_long(kstrtoull("+5", 0, &v), 0, "kstrtoull accepts '+'");
	is_long(v, 5, "kstrtoull +5 value");
	is_long(kstrtoull("-5", 0, &v), -EINVAL, "kstrtoull rejects '-'");
	ok(kstrtoull("18446744073709551615", 0, &v) == 0 && v == ULLONG_MAX,
	   "kstrtoull ULLONG_MAX");
	is_long(kstrtoull("18446744073709551616", 0, &v), -ERANGE,
		"kstrtoull overflow");
	is_long(kstrtoull("0xffffffffffffffff\n", 0, &v), 0, "kstrtoull hex");
	ok(v == ULLONG_MAX, "kstrtoull hex value");
	is_long(kstrtoull("0x10000000000000000", 0, &v), -ERANGE,
		"kstrtoull hex overflow");
	is_long(kstrtoull("0x1g", 0, &v), -EINVAL, "kstrtoull junk");
}

static void test_kstrtouint(void)
{
	unsigned int v = 77;

	is_long(kstrtouint("4294967295\n", 0, &v), 0, "kstrtouint UINT_MAX");
	ok(v == UINT_MAX, "kstrtouint UINT_MAX value");
	is_long(kstrtouint("4294967296", 0, &v), -ERANGE, "kstrtouint overflow");
	is_long(kstrtouint("-1", 0, &v), -EINVAL, "kstrtouint rejects '-'");
	is_long(kstrtouint(" 1", 0, &v), -EINVAL, "kstrtouint leading blank");
	ok(v == UINT_MAX, "kstrtouint leaves result on error");
}

/* kstrtobool()'s table, read from lib/kstrtox.c of 6.12 */
static void test_kstrtobool(void)
{
	static const struct {
		const char *s;
		int ret;
		bool v;
	} cases[] = {
		{ "y", 0, true }, { "Y", 0, true }, { "t", 0, true },
		{ "T", 0, true }, { "1", 0, true }, { "yes", 0, true },
		{ "true\n", 0, true }, { "on", 0, true }, { "ON", 0, true },
		{ "oN", 0, true }, { "onion", 0, true },
		{ "n", 0, false }, { "N", 0, false }, { "f", 0, false },
		{ "F", 0, false }, { "0", 0, false }, { "no", 0, false },
		{ "false", 0, false }, { "off", 0, false }, { "OFF", 0, false },
		{ "", -EINVAL, false }, { "o", -EINVAL, false }, { "ox", -EINVAL, false },
		{ " y", -EINVAL, false }, { "2", -EINVAL, false }, { "\ny", -EINVAL, false },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		bool v = !cases[i].v;
		int ret = kstrtobool(cases[i].s, &v);

		ok(ret == cases[i].ret && (ret || v == cases[i].v),
		   "kstrtobool(\"%s\") = %d, %s", esc(cases[i].s).s,
		   cases[i].ret, cases[i].ret ? "-" : cases[i].v ? "true" : "false");
	}
}

static void check_strip(const char *in, const char *want)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%s", in);
	is_str(strstrip(buf), want, "strstrip(\"%s\")", esc(in).s);
}

static void test_strstrip(void)
{
	char buf[16] = "  max \n";
	char *p = strstrip(buf);

	is_str(p, "max", "strstrip(\"  max \\n\")");
	ok(p == buf + 2, "strstrip returns a pointer into the buffer");
	check_strip("", "");
	check_strip(" \t\n\v\f\r", "");
	check_strip("1 G", "1 G");
	check_strip("\t100M\n", "100M");
	check_strip("\xa0max\xa0", "max");	/* kernel ctype: NBSP is space */
	check_strip("x", "x");
}

static void test_page_counter_memparse(void)
{
	unsigned long pages = 0;
	char buf[32];

	check_pages("4097", 1);			/* reads back 4096 */
	check_pages("4096", 1);
	check_pages("8191", 1);
	check_pages("100", 0);			/* reads back 0 */
	check_pages("1k", 0);
	check_pages("1K", 0);
	check_pages("4k", 1);
	check_pages("0x2000", 2);
	check_pages("010", 0);			/* 8 bytes */
	check_pages("100M", 25600);
	check_pages("1G", 262144);
	check_pages("", 0);			/* "echo > memory.max" */
	check_pages("0", 0);
	check_pages("max", PAGE_COUNTER_MAX);
	check_pages("9223372036854775807", PAGE_COUNTER_MAX);
	check_pages("9223372036854771712",
		    PAGE_COUNTER_MAX);		/* exactly the max in bytes */
	check_pages("9223372036854771711", PAGE_COUNTER_MAX - 1);
	check_pages("18446744073709551615", PAGE_COUNTER_MAX);
	check_pages("8E", PAGE_COUNTER_MAX);
	check_pages("16E", 0);			/* kernel wraps silently */
	check_pages("K", 0);
	check_einval("1KB");
	check_einval("1.5G");
	check_einval("-1");
	check_einval("MAX");
	check_einval("Max");
	check_einval("1 G");
	check_einval("max ");			/* callers strip first */
	check_einval("maximum");
	check_einval("abc");
	check_einval("0xg");
	check_einval("1\n");
	check_einval("+1");

	/* the memory.max write path: strip, then parse */
	snprintf(buf, sizeof(buf), "  max  \n");
	is_long(page_counter_memparse(strstrip(buf), "max", &pages), 0,
		"stripped \"  max  \\n\" accepted");
	is_long(pages, PAGE_COUNTER_MAX, "stripped \"  max  \\n\" is max");
	snprintf(buf, sizeof(buf), "\n");
	is_long(page_counter_memparse(strstrip(buf), "max", &pages), 0,
		"stripped empty write accepted");
	is_long(pages, 0, "stripped empty write is 0");
	snprintf(buf, sizeof(buf), "1 G\n");
	is_long(page_counter_memparse(strstrip(buf), "max", &pages), -EINVAL,
		"stripped \"1 G\" still rejected");
	/* the "max" keyword is the caller's, e.g. "-1" for v1 files */
	is_long(page_counter_memparse("-1", "-1", &pages), 0,
		"custom max keyword");
	is_long(pages, PAGE_COUNTER_MAX, "custom max keyword value");
	is_long(PAGE_COUNTER_MAX, 2251799813685247L, "PAGE_COUNTER_MAX value");
}

int main(void)
{
	test_memparse();
	test_simple_strtoull();
	test_kstrtoint();
	test_kstrtoull();
	test_kstrtouint();
	test_kstrtobool();
	test_strstrip();
	test_page_counter_memparse();
	return done_testing();
}
