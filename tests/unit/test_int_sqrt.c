// SPDX-License-Identifier: GPL-2.0
/*
 * lib/int_sqrt.c: int_sqrt(x) is the largest r with r * r <= x, for every
 * x up to 2^20, around each perfect square up to 2^32, and at ULONG_MAX.
 */
#include <limits.h>
#include <stdbool.h>

#include "lib/int_sqrt.h"
#include "tap.h"

static bool is_floor_sqrt(unsigned long x, unsigned long r)
{
	/* r^2 <= x < (r+1)^2, without overflowing at the top */
	return r * r <= x && (r + 1 > x / (r + 1) ||
			      (r + 1) * (r + 1) > x);
}

int main(void)
{
	unsigned long x, r, bad = 0;

	for (x = 0; x <= 1UL << 20; x++)
		bad += !is_floor_sqrt(x, int_sqrt(x));
	is_long(bad, 0, "int_sqrt(x) for x up to 2^20");
	bad = 0;
	for (r = 1; r <= 1UL << 16; r++) {
		unsigned long sq = r * r;

		bad += int_sqrt(sq) != r || int_sqrt(sq - 1) != r - 1 ||
		       int_sqrt(sq + 1) != r;
	}
	for (r = (1UL << 32) - 1000; r < (1UL << 32); r++)
		bad += int_sqrt(r * r) != r || int_sqrt(r * r - 1) != r - 1;
	is_long(bad, 0, "int_sqrt at and around perfect squares");
	is_long(int_sqrt(ULONG_MAX), 4294967295UL, "int_sqrt(ULONG_MAX)");
	is_long(int_sqrt(10 * 16), 12, "int_sqrt(160): inactive_ratio of 16 GiB");
	return done_testing();
}
