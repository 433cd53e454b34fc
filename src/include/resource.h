/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Resource limits (include/linux/resource.h, asm-generic/resource.h).
 * The model keeps only RLIMIT_MEMLOCK, per task (task_struct's
 * rlim_memlock, read with rlimit() and task_rlimit() of include/sched.h):
 * mlock(2) checks it, and the pinning drivers charge against it.  Its
 * default is the init task's, MLOCK_LIMIT, as the kernel backend's
 * workers have it (their init sets none); `setrlimit memlock` changes it
 * (kernel/sys.c) and a fork inherits it.
 */
#ifndef MEMCGLAB_INCLUDE_RESOURCE_H
#define MEMCGLAB_INCLUDE_RESOURCE_H

#define RLIMIT_MEMLOCK		8	/* max locked-in-memory address space */
#define RLIM_INFINITY		(~0UL)

/* The init task's RLIMIT_MEMLOCK, soft and hard: 8 MiB since 5.16. */
#define MLOCK_LIMIT		(8UL * 1024 * 1024)

struct rlimit {
	unsigned long rlim_cur;		/* bytes, or RLIM_INFINITY */
	unsigned long rlim_max;
};

#endif
