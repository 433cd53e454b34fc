// SPDX-License-Identifier: GPL-2.0
/*
 * Walking the page tables of a range (mm/pagewalk.c): a callback for each
 * PTE of a present PTE table, another for each stretch with no table, in
 * address order, stopping at the first non-zero return.  What /proc/PID's
 * pagemap, smaps and clear_refs, PAGEMAP_SCAN and the model's own checks
 * walk with.
 *
 * Differences: only PTE tables are visited (no THP, so no PMD entries),
 * and a stretch without a table is reported to pte_hole one PMD at a
 * time, merged into one call when they are adjacent.
 */
#include "mm/pagewalk.h"

#include "mm/mm.h"

static int walk_hole(unsigned long start, unsigned long end,
		     struct mm_walk *walk)
{
	return walk->ops->pte_hole ? walk->ops->pte_hole(start, end, walk) : 0;
}

int walk_page_range_vma(struct vm_area_struct *vma, unsigned long start,
			unsigned long end, const struct mm_walk_ops *ops,
			void *private)
{
	struct mm_walk walk = { .ops = ops, .vma = vma, .private = private };
	unsigned long addr = start, hole = 0;
	bool in_hole = false;
	int err = 0;

	while (addr < end && !err) {
		unsigned long next = min(end, (addr | (PMD_SIZE - 1)) + 1);
		pte_t *pte = pte_lookup(vma->vm_mm, addr);

		if (!pte) {
			if (!in_hole)
				hole = addr, in_hole = true;
			addr = next;
			continue;
		}
		if (in_hole) {
			err = walk_hole(hole, addr, &walk);
			in_hole = false;
		}
		for (; addr < next && !err; addr += PAGE_SIZE, pte++)
			err = ops->pte_entry(pte, addr, &walk);
	}
	if (in_hole && !err)
		err = walk_hole(hole, end, &walk);
	return err;
}
