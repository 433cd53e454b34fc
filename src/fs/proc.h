/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The /proc and /sys files of the model, as cftype tables (fs/proc).
 */
#ifndef MEMCGLAB_FS_PROC_H
#define MEMCGLAB_FS_PROC_H

#include "include/cgroup-defs.h"
#include "lib/compiler.h"

extern const struct cftype proc_root_files[];	/* /proc/meminfo, vmstat */
extern const struct cftype vm_sysctl_files[];	/* /proc/sys/vm/ */
extern const struct cftype proc_pid_files[];	/* /proc/PID/ */

/* pagemap entry bits (Documentation/admin-guide/mm/pagemap.rst) */
#define PM_PFRAME_MASK		((1ULL << 55) - 1)
#define PM_SOFT_DIRTY		(1ULL << 55)
#define PM_MMAP_EXCLUSIVE	(1ULL << 56)
#define PM_UFFD_WP		(1ULL << 57)
#define PM_FILE			(1ULL << 61)
#define PM_SWAP			(1ULL << 62)
#define PM_PRESENT		(1ULL << 63)

struct vm_area_struct;
/* The 64-bit /proc/PID/pagemap entry of one page of @vma. */
u64 pagemap_pte_entry(struct vm_area_struct *vma, unsigned long addr);

#endif
