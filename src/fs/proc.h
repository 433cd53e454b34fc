/* SPDX-License-Identifier: GPL-2.0 */
/*
 * procfs (fs/proc): its setup, and the pagemap entry format that
 * /proc/PID/pagemap readers decode.
 */
#ifndef MEMCGLAB_FS_PROC_H
#define MEMCGLAB_FS_PROC_H

#include "lib/compiler.h"
#include "include/pgtable.h"

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
struct mm_struct;

/* The pagemap entry of the page at @addr of @vma, whose PTE is @pte. */
u64 pte_to_pagemap_entry(struct machine *m, struct vm_area_struct *vma,
			 unsigned long addr, pte_t pte, bool show_pfn);
/*
 * pread(2) of @mm's /proc/PID/pagemap: @count bytes at @pos into @buf, the
 * frame bits only if @show_pfn (the reader has CAP_SYS_ADMIN).  Returns
 * the bytes read, or -EINVAL when @pos or @count is not a multiple of 8.
 * Counts its work, and what it costs, in m->pagemap_stats.
 */
long pagemap_read(struct machine *m, struct mm_struct *mm, u64 pos,
		  u64 *buf, size_t count, bool show_pfn);

/* page.c: the /proc/kpagecount and kpageflags entry of @pfn */
u64 kpagecount_of(struct machine *m, unsigned long pfn);
u64 stable_page_flags(struct machine *m, unsigned long pfn);

#endif
