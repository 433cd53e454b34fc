/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny TAP producer for the unit tests (kselftest's ksft_* in spirit).
 * Each unit test is one executable run under prove.
 */
#ifndef MEMCGLAB_TESTS_TAP_H
#define MEMCGLAB_TESTS_TAP_H

#include <stdio.h>
#include <string.h>
#include <stdarg.h>

static int tap_count;
static int tap_failed;

__attribute__((format(printf, 2, 3), unused))
static int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		tap_failed++;
	return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __VA_ARGS__)

/* Compare two integers and print both on failure. */
#define is_long(got, want, ...)						\
	do {								\
		long long __g = (long long)(got), __w = (long long)(want); \
		if (!ok(__g == __w, __VA_ARGS__))			\
			printf("#   got %lld, want %lld\n", __g, __w);	\
	} while (0)

#define is_str(got, want, ...)						\
	do {								\
		const char *__g = (got), *__w = (want);			\
		if (!ok(__g && __w && !strcmp(__g, __w), __VA_ARGS__))	\
			printf("#   got '%s'\n#  want '%s'\n",		\
			       __g ? __g : "(null)", __w ? __w : "(null)"); \
	} while (0)

/*
 * A known failure of the model: TAP TODO, so it shows but does not fail
 * the run.  Say why in @reason; remove the marker when the model is fixed.
 */
__attribute__((format(printf, 3, 4), unused))
static int todo_ok(int cond, const char *reason, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # TODO %s\n", reason);
	return cond;
}

/* How many times @needle occurs in @hay, without overlaps. */
static inline int count_str(const char *hay, const char *needle)
{
	int n = 0;

	for (; (hay = strstr(hay, needle)); hay += strlen(needle))
		n++;
	return n;
}

static inline int done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
