/* SPDX-License-Identifier: GPL-2.0 */
/*
 * procfs (fs/proc): its setup, and the pagemap entry format that
 * /proc/PID/pagemap readers decode.
 */
#ifndef MEMCGLAB_FS_PROC_H
#define MEMCGLAB_FS_PROC_H

#include "lib/compiler.h"

struct machine;

/* Register procfs's own files: /proc/PID, meminfo, /proc/sys/vm. */
int proc_root_init(struct machine *m);

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
