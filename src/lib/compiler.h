/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers from include/linux/{compiler,minmax,kernel}.h and the fixed
 * page geometry of the model: 4 KiB pages on a 64-bit machine, as x86_64.
 */
#ifndef MEMCGLAB_LIB_COMPILER_H
#define MEMCGLAB_LIB_COMPILER_H

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <limits.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

/* The host's cache line, for prefetch hints (not a model quantity). */
#define SMP_CACHE_BYTES	64
/* A hint to the host's cache that *x is about to be written. */
#define prefetchw(x)	__builtin_prefetch(x, 1)

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))
#define min3(a, b, c)	min(min(a, b), c)
#define clamp(v, lo, hi) min(max(v, lo), hi)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define ALIGN(x, a)	(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))

#define BIT(n)		(1UL << (n))

#define NSEC_PER_USEC	1000ULL
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_SEC	1000000000ULL

/* The model's kernel runs at HZ=250, as Debian's 6.12 config (CONFIG_HZ_250). */
#define HZ		250
#define NSEC_PER_JIFFY	(NSEC_PER_SEC / HZ)

#endif
