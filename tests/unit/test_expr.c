// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of the scenario language's expressions (src/scenario/
 * parse_expr.c, expr.c): precedence and associativity, C's division,
 * min() and max(), comparisons as values, 64-bit overflow and division by
 * zero as errors (at parse time with FILE:LINE for a constant, when
 * evaluated otherwise), `max` in sums, and the canonical dump.  Then the
 * fill patterns: each named one equals the byte expression that defines it
 * in docs/scenario.md (test_content.c checks their bytes one by one), and
 * fill=bytes= itself.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "parse_util.h"
#include "scenario/expr.h"
#include "scenario/parser.h"
#include "sim/content.h"

/* The value of `let x = @text`, or the error's message in @err. */
static int value_of(const char *text, s64 *v, struct strbuf *err)
{
	struct strbuf src = STRBUF_INIT, why = STRBUF_INIT;
	struct scn_eval ev = { 0 };
	struct scn_script *sc;
	struct scn_value val;
	int ret;

	sb_printf(&src, "let x = %s\n", text);
	sc = parse(src.buf, err);
	sb_release(&src);
	if (!sc)
		return -EINVAL;
	ret = scn_expr_eval(sc->stmts[0].let.expr, &ev, &val, &why);
	if (ret)
		sb_puts(err, why.buf ?: "");
	*v = val.n;
	sb_release(&why);
	scn_script_free(sc);
	return ret;
}

static void is_value(const char *text, long long want)
{
	struct strbuf err = STRBUF_INIT;
	s64 v = 0;
	int ret = value_of(text, &v, &err);

	if (ret)
		printf("# %s", err.buf ?: "");
	is_long(ret ? LLONG_MIN : v, want, "%s = %lld", text, want);
	sb_release(&err);
}

/* A constant that cannot be computed: a parse error with FILE:LINE. */
static void is_error(const char *text, const char *msg)
{
	struct strbuf err = STRBUF_INIT;
	s64 v;

	value_of(text, &v, &err);
	is_str(err.buf, msg, "%s: an error", text);
	sb_release(&err);
}

static void test_precedence(void)
{
	is_value("1 + 2 * 3", 7);
	is_value("(1 + 2) * 3", 9);
	is_value("1+2*3", 7);
	is_value("10 - 4 - 3", 3);		/* left to right */
	is_value("100 / 10 / 5", 2);
	is_value("2 * 3 % 4", 2);		/* (2 * 3) % 4 */
	is_value("-2 * 3", -6);
	is_value("2 * -3", -6);
	is_value("- (1 + 2)", -3);
	is_value("--5", 5);
	is_value("1 - -1", 2);
	is_value("+7", 7);
	is_value("-7 / 2", -3);			/* C truncates toward zero */
	is_value("-7 % 2", -1);			/* the sign of the dividend */
	is_value("7 % -2", 1);
	is_value("50M / 4K", 12800);		/* sizes are bytes */
	is_value("1.5G - 1G", 512 << 20);
	is_value("12p", 12 * 4096);
	is_value("min(5, 2, 9)", 2);
	is_value("max(1M, 4K)", 1 << 20);
	is_value("min(3)", 3);
	is_value("max(2 * 3, 10 / 2) + 1", 7);
	is_value("1 + 2 < 4", 1);		/* comparisons bind loosest */
	is_value("(3 == 3) + (3 != 3)", 1);
	is_value("(2 <= 1) * 5 + (2 >= 2)", 1);
	is_value("9223372036854775807", INT64_MAX);
	is_value("-9223372036854775807 - 1", INT64_MIN);
}

static void test_errors(void)
{
	is_error("9223372036854775807 + 1",
		 "t.scn:1: overflow: 9223372036854775807 + 1 does not fit in 64 bits\n");
	is_error("-9223372036854775807 - 2",
		 "t.scn:1: overflow: -9223372036854775807 - 2 does not fit in 64 bits\n");
	is_error("4G * 4G",
		 "t.scn:1: overflow: 4294967296 * 4294967296 does not fit in 64 bits\n");
	is_error("(-9223372036854775807 - 1) / -1",
		 "t.scn:1: overflow: -9223372036854775808 / -1 does not fit in 64 bits\n");
	is_error("-(-9223372036854775807 - 1)",
		 "t.scn:1: overflow: -(-9223372036854775808) does not fit in 64 bits\n");
	is_error("1 / 0", "t.scn:1: division by zero: 1 / 0\n");
	is_error("5 % (2 - 2)", "t.scn:1: division by zero: 5 % 0\n");
	is_error("9223372036854775808", "t.scn:1: number '9223372036854775808' is too large\n");
	is_error("2 +", "t.scn:1: missing value after '+'\n");
	is_error("(1 + 2", "t.scn:1: missing ')'\n");
	is_error("1 + 2)", "t.scn:1: unmatched ')'\n");
	is_error("1 2", "t.scn:1: expected '+' or '-' instead of '2'\n");
	is_error("1 < 2 < 3", "t.scn:1: comparisons do not chain: use parentheses\n");
	is_error("max + 1", "t.scn:1: 'max' cannot be part of a sum\n");
	is_error("max", "t.scn:1: 'max' is not a number here\n");
	is_error("\"a\"", "t.scn:1: a quoted string is not a number\n");
	is_error("sqrt(4)", "t.scn:1: unknown function 'sqrt' (expected read, scan, min or max)\n");
	is_error("min 4", "t.scn:1: 'min' is neither a file path nor an open file name\n");
	is_error("5X", "t.scn:1: invalid number '5X' (expected an integer or a size like 50M)\n");
	is_error("1 ~ 2", "t.scn:1: '~' compares only a whole side of a condition, with a tolerance: A ~ B 10%\n");
	is_error("read(A/memory.current", "t.scn:1: missing ')' after 'read(' (write read(FILE) in one word)\n");
	is_error("$y + 1", "t.scn:1: unknown variable '$y' (declare it with let, repeat ... as or for)\n");
	is_error("off", "t.scn:1: 'off' is neither a file path nor an open file name\n");
}

/* A file in a sum: max makes the sum max; a division by it is an error. */
static int read_max(void *arg, const struct scn_target *t,
		    struct scn_value *v, struct strbuf *why)
{
	v->max = !strcmp(t->file, "memory.max");
	v->n = v->max ? 0 : 1000;
	return 0;
}

static void test_reads(void)
{
	static const struct {
		const char *text;
		int ret;
		bool max;
		long long n;
	} cases[] = {
		{ "A/memory.current + read(A/memory.current) * 2", 0, false, 3000 },
		{ "A/memory.max + 1", 0, true, 0 },
		{ "A/memory.max - A/memory.current", 0, true, 0 },
		{ "min(A/memory.max, 5)", 0, false, 5 },
		{ "max(A/memory.max, 5)", 0, true, 0 },
		{ "A/memory.max / 2", -EINVAL, false, 0 },
		{ "A/memory.current / (A/memory.current - 1000)", -EDOM, false, 0 },
	};
	struct strbuf err = STRBUF_INIT, why = STRBUF_INIT, src = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct scn_eval ev = { .read = read_max };
		struct scn_script *sc;
		struct scn_value v = { 0 };
		int ret = -1;

		sb_reset(&src);
		sb_printf(&src, "let x = %s\n", cases[i].text);
		sc = parse(src.buf, &err);
		if (sc)
			ret = scn_expr_eval(sc->stmts[0].let.expr, &ev, &v, &why);
		ok(ret == cases[i].ret && (ret || (v.max == cases[i].max &&
						   v.n == cases[i].n)),
		   "%s", cases[i].text);
		ok(!ret || ev.arith, "%s: an error of the arithmetic", cases[i].text);
		scn_script_free(sc);
		sb_reset(&why);
	}
	sb_release(&err);
	sb_release(&why);
	sb_release(&src);
}

static void test_dump(void)
{
	is_dump("let x = 1+2*3\n", "let x = 1 + 2 * 3");
	is_dump("let x = (1+2)*3\n", "let x = (1 + 2) * 3");
	is_dump("let x = 10-(4-3)\n", "let x = 10 - (4 - 3)");
	is_dump("let x = (10-4)-3\n", "let x = 10 - 4 - 3");
	is_dump("let x = -(1+2)\n", "let x = -(1 + 2)");
	is_dump("let x = 2 * -3\n", "let x = 2 * -3");
	is_dump("let x = min(1,max(2,3))\n", "let x = min(1, max(2, 3))");
	is_dump("let x = read(A/memory.stat:anon)/2\n", "let x = read(A/memory.stat:anon) / 2");
	is_dump("let x = 1 < 2\n", "let x = 1 < 2");
	is_dump("let x = (1 < 2) * 4K\n", "let x = (1 < 2) * 4096");
	is_dump("expect (A/x > 1) == 1\n", "expect (A/x > 1) == 1");
	is_dump("let a = 1\nlet b = $a+1\n", "let b = $a+1");
	is_dump("let a = 1\nlet b = ${a}1\n", "let b = ${a}1");
	is_dump("let a = 1\nlet b = ${a} + $a\n", "let b = $a + $a");
}

/* ---- fill patterns ---- */

static u8 got[PAGE_SIZE], want[PAGE_SIZE];

/* fill=bytes=@text on the page of @key of a region starting at @origin. */
static int bytes_page(const char *text, u64 origin, u64 key)
{
	struct strbuf err = STRBUF_INIT, why = STRBUF_INIT, src = STRBUF_INIT;
	struct scn_script *sc;
	int ret = -EINVAL;

	sb_printf(&src, "spawn p in A\np: mmap r anon 1M\np: touch r \"fill=bytes=%s\"\n",
		  text);
	sc = parse(src.buf, &err);
	if (sc)
		ret = scn_expr_fill_page(sc->stmts[2].action.touch.bytes, want,
					 (key - origin) * PAGE_SIZE, &why);
	if (ret)
		printf("# %s%s\n", err.buf ?: "", why.buf ?: "");
	scn_script_free(sc);
	sb_release(&err);
	sb_release(&why);
	sb_release(&src);
	return ret;
}

/* The named patterns are the byte expressions that define them. */
static void test_half_ascending(void)
{
	struct fill f = { .kind = FILL_HALF_ASCENDING };

	memset(got, 0xee, sizeof(got));
	fill_page(&f, got, 107);
	ok(!bytes_page("(off % 4096 < 2048) * (off % 256)", 100, 107) &&
	   !memcmp(got, want, PAGE_SIZE),
	   "half_ascending is bytes=(off %% 4096 < 2048) * (off %% 256)");
}

static void test_stride(void)
{
	struct fill f = { .kind = FILL_STRIDE, .origin = 1000, .step = 4095,
			  .byte = 'a' };
	bool same = true;
	u64 key;

	for (key = 1000; key < 1000 + 4100; key += 97) {
		memset(got, 0xee, sizeof(got));
		fill_page(&f, got, key);
		same &= !bytes_page("(off % 4095 == 0) * 97", 1000, key) &&
			!memcmp(got, want, PAGE_SIZE);
	}
	ok(same, "stride=4095:97 is bytes=(off %% 4095 == 0) * 97");
}

static void test_bytes(void)
{
	bool wraps = true;
	size_t i;

	ok(!bytes_page("off", 0, 3), "bytes=off");
	for (i = 0; i < PAGE_SIZE; i++)
		wraps &= want[i] == (u8)(3 * PAGE_SIZE + i);
	ok(wraps, "a byte is the value's low 8 bits");
	ok(!bytes_page("-1", 0, 0) && want[0] == 0xff, "-1 is 0xff");
	ok(bytes_page("1000 / (off % 4096 - 5)", 0, 0) == -EDOM,
	   "a division by zero on one byte fails the page");
}

int main(void)
{
	test_precedence();
	test_errors();
	test_reads();
	test_dump();
	test_half_ascending();
	test_stride();
	test_bytes();
	return done_testing();
}
