// SPDX-License-Identifier: GPL-2.0
/*
 * mprotect(2) of a whole VMA (mm/mprotect.c): the VMA's read and write
 * permissions change, and so do its present PTEs.  Taking write away makes
 * every PTE read-only; giving it (back) makes a PTE writable at once only
 * where no later fault would have work to do (can_change_pte_writable():
 * not where soft-dirty or uffd-wp tracking needs the write fault, not a
 * shared or COW page of a private mapping, not a clean page of a shared
 * mapping), as 6.12 does when vma_wants_manual_pte_write_upgrade().
 *
 * Differences: whole VMAs only (no split); no PROT_EXEC, no pkeys; the
 * overcommit charge of a private mapping becoming writable is not taken;
 * PROT_NONE PTEs stay present without a protnone bit (pagemap shows them
 * present, as the kernel does, and the access check is the VMA's).
 */
#include "mm/mm.h"

#include <errno.h>

#include "include/memory_model.h"
#include "include/userfaultfd_k.h"
#include "mm/pagewalk.h"

bool can_change_pte_writable(struct vm_area_struct *vma, pte_t pte)
{
	struct machine *m = vma->vm_mm->machine;
	struct folio *folio;

	if (!(vma->vm_flags & VM_WRITE) || pte_needs_soft_dirty_wp(vma, pte) ||
	    userfaultfd_pte_wp(vma, pte))
		return false;
	if (!(vma->vm_flags & VM_SHARED)) {
		if (pte_pfn(pte) == m->zero_pfn)
			return false;
		folio = pfn_folio(m, pte_pfn(pte));
		return folio_test_anon(folio) &&
		       folio_test(folio, PG_anon_exclusive);
	}
	return pte_dirty(pte);
}

/*
 * vma_wants_manual_pte_write_upgrade(): private writable mappings, and
 * shared ones that want write notification (soft-dirty tracking, or a
 * filesystem that must see the first write: not shmem).
 */
static bool wants_write_upgrade(const struct vm_area_struct *vma)
{
	if (!(vma->vm_flags & VM_SHARED))
		return vma->vm_flags & VM_WRITE;
	return vma_soft_dirty_enabled(vma) ||
	       (vma->kind == VMA_FILE && (vma->vm_flags & VM_WRITE));
}

static int change_pte(pte_t *pte, unsigned long addr, struct mm_walk *walk)
{
	struct vm_area_struct *vma = walk->vma;

	if (!pte_present(*pte))
		return 0;
	*pte &= ~_PAGE_RW;
	if (walk->private && can_change_pte_writable(vma, *pte))
		*pte |= _PAGE_RW;
	return 0;
}

int mprotect_vma(struct vm_area_struct *vma, unsigned long prot)
{
	static const struct mm_walk_ops ops = { .pte_entry = change_pte };
	unsigned long newflags;

	if (prot & ~(VM_READ | VM_WRITE))
		return -EINVAL;
	if ((prot & VM_WRITE) && !(vma->vm_flags & VM_MAYWRITE))
		return -EACCES;
	/* PROT_WRITE implies PROT_READ on x86 */
	if (prot & VM_WRITE)
		prot |= VM_READ;
	newflags = (vma->vm_flags & ~(VM_READ | VM_WRITE)) | prot;
	if (newflags == vma->vm_flags)
		return 0;
	vma->vm_flags = newflags;
	return walk_page_range_vma(vma, vma->vm_start, vma->vm_end, &ops,
				   wants_write_upgrade(vma) ? vma : NULL);
}
