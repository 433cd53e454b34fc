/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Resource limits (include/linux/resource.h, asm-generic/resource.h).
 *
 * Differences: no setrlimit() or prlimit(); every task keeps the init
 * task's limits, as the kernel backend's workers do (their init sets
 * none).  Only RLIMIT_MEMLOCK is read: mlock(2) checks it.
 */
#ifndef MEMCGLAB_INCLUDE_RESOURCE_H
#define MEMCGLAB_INCLUDE_RESOURCE_H

#define RLIMIT_MEMLOCK		8	/* max locked-in-memory address space */
#define RLIM_INFINITY		(~0UL)

/* The init task's RLIMIT_MEMLOCK, soft and hard: 8 MiB since 5.16. */
#define MLOCK_LIMIT		(8UL * 1024 * 1024)

/* rlimit(): the current task's soft limit @limit, in bytes. */
static inline unsigned long rlimit(unsigned int limit)
{
	return limit == RLIMIT_MEMLOCK ? MLOCK_LIMIT : RLIM_INFINITY;
}

#endif
