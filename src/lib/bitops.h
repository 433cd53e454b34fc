/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bitmaps of unsigned longs (include/linux/bitops.h, the non-atomic
 * __set_bit()/__clear_bit() and test_bit(): the model has one thread).
 */
#ifndef MEMCGLAB_LIB_BITOPS_H
#define MEMCGLAB_LIB_BITOPS_H

#include "compiler.h"

#define BITS_PER_LONG		(8 * (int)sizeof(unsigned long))
#define BITS_TO_LONGS(nr)	DIV_ROUND_UP(nr, BITS_PER_LONG)

static inline void __set_bit(unsigned long nr, unsigned long *map)
{
	map[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}

static inline void __clear_bit(unsigned long nr, unsigned long *map)
{
	map[nr / BITS_PER_LONG] &= ~(1UL << (nr % BITS_PER_LONG));
}

static inline bool test_bit(unsigned long nr, const unsigned long *map)
{
	return map[nr / BITS_PER_LONG] & (1UL << (nr % BITS_PER_LONG));
}

/* The first set bit at or after @off, or @size if none below @size. */
static inline unsigned long find_next_bit(const unsigned long *map,
					  unsigned long size, unsigned long off)
{
	while (off < size) {
		unsigned long word = map[off / BITS_PER_LONG] >>
				     (off % BITS_PER_LONG);

		if (word) {
			off += __builtin_ctzl(word);
			return off < size ? off : size;
		}
		off = ALIGN_DOWN(off, BITS_PER_LONG) + BITS_PER_LONG;
	}
	return size;
}

/* floor(log2(n)) for n > 0 (include/linux/log2.h) */
static inline int ilog2(unsigned long n)
{
	return BITS_PER_LONG - 1 - __builtin_clzl(n | 1);
}

static inline unsigned long roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1 : 1UL << (ilog2(n - 1) + 1);
}

/* The largest power of two not above @n; @n > 0. */
static inline unsigned long rounddown_pow_of_two(unsigned long n)
{
	return 1UL << ilog2(n);
}

#endif
