// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/PID/pagemap entries (fs/proc/task_mmu.c, pte_to_pagemap_entry).
 *
 * Bits as 6.12 reports them: PM_PRESENT and the pfn for mapped pages,
 * PM_SWAP (with type and offset) for every non-present entry, markers
 * included; PM_FILE for page-cache and shmem pages; PM_MMAP_EXCLUSIVE when
 * one PTE maps the page; PM_SOFT_DIRTY from the PTE or from a VMA that is
 * still VM_SOFTDIRTY; PM_UFFD_WP from the PTE.  A shmem page that was
 * swapped out behind an empty PTE reports nothing (mainline; the
 * PM_SWAP-for-shmem proposals are policy switches).
 */
#include "fs/proc.h"

#include "include/memory_model.h"
#include "mm/mm.h"

u64 pagemap_pte_entry(struct vm_area_struct *vma, unsigned long addr)
{
	struct machine *m = vma->vm_mm->machine;
	pte_t *ptep = pte_lookup(vma->vm_mm, addr);
	pte_t pte = ptep ? *ptep : 0;
	u64 frame = 0, flags = 0;
	struct folio *folio = NULL;

	if (vma->vm_flags & VM_SOFTDIRTY)
		flags |= PM_SOFT_DIRTY;
	if (pte_present(pte)) {
		frame = pte_pfn(pte);
		flags |= PM_PRESENT;
		if (pte & _PAGE_SOFT_DIRTY)
			flags |= PM_SOFT_DIRTY;
		if (pte & _PAGE_UFFD_WP)
			flags |= PM_UFFD_WP;
		if (frame != m->zero_pfn)
			folio = pfn_folio(m, frame);
	} else if (is_swap_pte(pte)) {
		swp_entry_t entry = pte_to_swp_entry(pte);

		if (pte & _PAGE_SWP_SOFT_DIRTY)
			flags |= PM_SOFT_DIRTY;
		if (pte & _PAGE_SWP_UFFD_WP)
			flags |= PM_UFFD_WP;
		frame = swp_type(entry) | (swp_offset(entry) << MAX_SWAPFILES_SHIFT);
		flags |= PM_SWAP;
	}
	if (folio && !folio_test_anon(folio))
		flags |= PM_FILE;
	if (folio && folio_mapcount(folio) == 1)
		flags |= PM_MMAP_EXCLUSIVE;
	return (frame & PM_PFRAME_MASK) | flags;
}
