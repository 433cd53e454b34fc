// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/PID/clear_refs (fs/proc/task_mmu.c).  /proc/PID/pagemap is in
 * task_mmu_pagemap.c.
 *
 * clear_refs takes 1 to 5 (anything else is EINVAL, as kstrtoint() and the
 * range check give it): 1 clears the young bits and the folios' referenced
 * flags everywhere, 2 only in anonymous VMAs, 3 only in file-backed ones;
 * 4 resets soft-dirty: every VMA loses VM_SOFTDIRTY, every present PTE is
 * write-protected and loses its soft-dirty bit (so the next write faults
 * and sets it again), every swap PTE loses its swap soft-dirty bit, except
 * a writable PTE of a private mapping whose page may be pinned for DMA;
 * 5 resets the peak RSS to the current one.
 */
#include "fs/proc/internal.h"

#include <errno.h>

#include "lib/kstrtox.h"
#include "lib/memparse.h"
#include "include/kernfs.h"
#include "include/sched.h"
#include "mm/mm.h"
#include "mm/pagewalk.h"

enum clear_refs_types {
	CLEAR_REFS_ALL = 1,
	CLEAR_REFS_ANON,
	CLEAR_REFS_MAPPED,
	CLEAR_REFS_SOFT_DIRTY,
	CLEAR_REFS_MM_HIWATER_RSS,
	CLEAR_REFS_LAST,
};

static bool is_cow_mapping(unsigned long flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* A writable private page that a DMA pin may be writing to stays as is. */
static bool pte_is_pinned(struct vm_area_struct *vma, unsigned long addr,
			  pte_t pte)
{
	struct folio *folio;

	if (!pte_write(pte) || !is_cow_mapping(vma->vm_flags))
		return false;
	if (!(vma->vm_mm->flags & MMF_HAS_PINNED))
		return false;
	folio = vm_normal_folio(vma, addr);
	return folio && folio_maybe_dma_pinned(folio);
}

static void clear_soft_dirty(struct vm_area_struct *vma, unsigned long addr,
			     pte_t *pte)
{
	if (pte_present(*pte)) {
		if (pte_is_pinned(vma, addr, *pte))
			return;
		*pte &= ~(_PAGE_RW | _PAGE_SOFT_DIRTY);
	} else if (is_swap_pte(*pte)) {
		*pte &= ~_PAGE_SWP_SOFT_DIRTY;
	}
}

static int clear_refs_pte_entry(pte_t *pte, unsigned long addr,
				struct mm_walk *walk)
{
	enum clear_refs_types *type = walk->private;
	struct folio *folio;

	if (*type == CLEAR_REFS_SOFT_DIRTY) {
		clear_soft_dirty(walk->vma, addr, pte);
		return 0;
	}
	if (!pte_present(*pte))
		return 0;
	folio = vm_normal_folio(walk->vma, addr);
	if (!folio)
		return 0;
	*pte &= ~_PAGE_ACCESSED;
	folio_clear(folio, PG_referenced);
	return 0;
}

static const struct mm_walk_ops clear_refs_walk_ops = {
	.pte_entry = clear_refs_pte_entry,
};

static void clear_refs_mm(struct mm_struct *mm, enum clear_refs_types type)
{
	struct vm_area_struct *vma;

	if (type == CLEAR_REFS_MM_HIWATER_RSS) {
		reset_mm_hiwater_rss(mm);
		return;
	}
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if ((type == CLEAR_REFS_ANON && vma->vm_file) ||
		    (type == CLEAR_REFS_MAPPED && !vma->vm_file))
			continue;
		if (type == CLEAR_REFS_SOFT_DIRTY)
			vma->vm_flags &= ~VM_SOFTDIRTY;
		walk_page_range_vma(vma, vma->vm_start, vma->vm_end,
				    &clear_refs_walk_ops, &type);
	}
}

long clear_refs_write(struct kernfs_open_file *of, char *buf, size_t nbytes)
{
	struct task_struct *t = of->data;
	int itype, err;

	/* the kernel reads at most PROC_NUMBUF - 1 bytes of it */
	if (nbytes > 12)
		buf[12] = '\0';
	err = kstrtoint(strstrip(buf), 10, &itype);
	if (err)
		return err;
	if (itype < CLEAR_REFS_ALL || itype >= CLEAR_REFS_LAST)
		return -EINVAL;
	if (t->mm)
		clear_refs_mm(t->mm, itype);
	return nbytes;
}
