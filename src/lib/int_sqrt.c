// SPDX-License-Identifier: GPL-2.0
/*
 * int_sqrt() (lib/math/int_sqrt.c): the integer square root, rounded
 * down, computed one result bit at a time as the kernel does.
 */
#include "int_sqrt.h"

unsigned long int_sqrt(unsigned long x)
{
	unsigned long b, m, y = 0;

	if (x <= 1)
		return x;
	m = 1UL << ((63 - __builtin_clzl(x)) & ~1UL);
	while (m != 0) {
		b = y + m;
		y >>= 1;
		if (x >= b) {
			x -= b;
			y += m;
		}
		m >>= 2;
	}
	return y;
}
