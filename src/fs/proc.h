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

/*
 * pread(2) of @mm's /proc/PID/pagemap: @count bytes at @pos into @buf, the
 * frame bits only if @show_pfn (the reader has CAP_SYS_ADMIN).  Returns
 * the bytes read, or -EINVAL when @pos or @count is not a multiple of 8.
 * Counts its work, and what it costs, for the reader's memcg.
 */
long pagemap_read(struct machine *m, struct mm_struct *mm, u64 pos,
		  u64 *buf, size_t count, bool show_pfn);

/* PAGEMAP_SCAN (include/uapi/linux/fs.h) */
#define PAGE_IS_WPALLOWED	BIT(0)
#define PAGE_IS_WRITTEN		BIT(1)
#define PAGE_IS_FILE		BIT(2)
#define PAGE_IS_PRESENT		BIT(3)
#define PAGE_IS_SWAPPED		BIT(4)
#define PAGE_IS_PFNZERO		BIT(5)
#define PAGE_IS_HUGE		BIT(6)
#define PAGE_IS_SOFT_DIRTY	BIT(7)
#define PM_SCAN_CATEGORIES	(BIT(8) - 1)
#define PM_SCAN_WP_MATCHING	BIT(0)	/* write-protect what matched */
#define PM_SCAN_CHECK_WPASYNC	BIT(1)	/* EPERM on a VMA without async wp */
#define PM_SCAN_FLAGS		(PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC)

struct page_region {
	u64 start, end;		/* addresses */
	u64 categories;
};

/* struct pm_scan_arg, less its size field; @vec says a vector was given. */
struct pm_scan_arg {
	u64 flags;
	u64 start, end, walk_end;
	bool vec;
	u64 vec_len, max_pages;
	u64 category_inverted, category_mask, category_anyof_mask;
	u64 return_mask;
};

/*
 * ioctl(PAGEMAP_SCAN) on @mm's pagemap: the regions found into @vec
 * (room for arg->vec_len), their number or a negative errno; arg->walk_end
 * is where the walk stopped.
 */
long do_pagemap_scan(struct machine *m, struct mm_struct *mm,
		     struct pm_scan_arg *arg, struct page_region *vec);

/* page.c: the /proc/kpagecount, kpageflags and kpagecgroup entry of @pfn */
u64 kpagecount_of(struct machine *m, unsigned long pfn);
u64 stable_page_flags(struct machine *m, unsigned long pfn);
u64 kpagecgroup_of(struct machine *m, unsigned long pfn);

#endif
