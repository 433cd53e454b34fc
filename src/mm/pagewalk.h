/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page-table walks (include/linux/pagewalk.h): see mm/pagewalk.c.
 */
#ifndef MEMCGLAB_MM_PAGEWALK_H
#define MEMCGLAB_MM_PAGEWALK_H

#include "include/mm_types.h"

struct mm_walk;

struct mm_walk_ops {
	/* Each PTE of a table that exists; non-zero stops the walk. */
	int (*pte_entry)(pte_t *pte, unsigned long addr, struct mm_walk *walk);
	/* [@start, @end) has no PTE table; may be NULL. */
	int (*pte_hole)(unsigned long start, unsigned long end,
			struct mm_walk *walk);
};

struct mm_walk {
	const struct mm_walk_ops *ops;
	struct vm_area_struct *vma;
	void *private;
};

/*
 * Walk [@start, @end) of @vma (page-aligned, inside it).  Returns the
 * first non-zero callback result, or 0.
 */
int walk_page_range_vma(struct vm_area_struct *vma, unsigned long start,
			unsigned long end, const struct mm_walk_ops *ops,
			void *private);

#endif
