// SPDX-License-Identifier: GPL-2.0
/*
 * mincore(2) (mm/mincore.c): one byte per page, 1 if the page is in
 * memory so that touching it needs no I/O.
 *
 * A present PTE is resident.  A none PTE (or a PTE marker) asks the page
 * cache of a file or shmem mapping, where a shmem page in swap counts as
 * resident while its folio is still in the swap cache; anonymous memory
 * without a PTE is not resident.  A swap PTE asks the swap cache; other
 * non-swap entries (migration, hwpoison) are resident.  A shared file the
 * caller could not open for writing reads as all resident, so as not to
 * tell what others cached (can_do_mincore).
 */
#include "mm.h"

#include <errno.h>
#include <string.h>

#include "include/fs.h"
#include "include/shmem_fs.h"
#include "include/swapops.h"
#include "mm/filemap.h"
#include "mm/pagewalk.h"
#include "mm/swapfile.h"

/* filemap_get_incore_folio(): the page cache, or shmem's swap cache */
static unsigned char mincore_page(struct machine *m,
				  struct address_space *mapping,
				  unsigned long index)
{
	void *entry = xa_load(&mapping->i_pages, index);
	struct folio *folio = entry;
	swp_entry_t swap;

	if (!entry)
		return 0;
	if (xa_is_value(entry)) {
		swap = radix_to_swp_entry(entry);
		if (!shmem_mapping(mapping) || non_swap_entry(swap))
			return 0;
		folio = swap_cache_get_folio(m, swap);
	}
	return folio && folio_test(folio, PG_uptodate);
}

static unsigned char mincore_unmapped(struct vm_area_struct *vma,
				      unsigned long addr)
{
	if (!vma->vm_file)
		return 0;
	return mincore_page(vma->vm_mm->machine, &vma->vm_file->i_data,
			    linear_page_index(vma, addr));
}

static int mincore_hole(unsigned long start, unsigned long end,
			struct mm_walk *walk)
{
	unsigned char **vec = walk->private;

	for (; start < end; start += PAGE_SIZE)
		*(*vec)++ = mincore_unmapped(walk->vma, start);
	return 0;
}

static int mincore_pte_entry(pte_t *pte, unsigned long addr,
			     struct mm_walk *walk)
{
	struct machine *m = walk->vma->vm_mm->machine;
	unsigned char **vec = walk->private;
	swp_entry_t entry;

	if (pte_none_mostly(*pte)) {
		**vec = mincore_unmapped(walk->vma, addr);
	} else if (pte_present(*pte)) {
		**vec = 1;
	} else {
		entry = pte_to_swp_entry(*pte);
		**vec = non_swap_entry(entry) ? 1 :
			swap_cache_get_folio(m, entry) != NULL;
	}
	(*vec)++;
	return 0;
}

static bool can_do_mincore(struct vm_area_struct *vma)
{
	struct machine *m = vma->vm_mm->machine;

	if (vma->kind == VMA_ANON)
		return true;
	return inode_owner_or_capable(m, vma->vm_file) ||
	       inode_permission(m, vma->vm_file, MAY_WRITE) == 0;
}

long do_mincore(struct vm_area_struct *vma, unsigned long start,
		unsigned long end, unsigned char *vec)
{
	static const struct mm_walk_ops ops = {
		.pte_entry = mincore_pte_entry,
		.pte_hole = mincore_hole,
	};
	unsigned long pages = (end - start) >> PAGE_SHIFT;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!can_do_mincore(vma)) {
		memset(vec, 1, pages);
		return 0;
	}
	walk_page_range_vma(vma, start, end, &ops, &vec);
	return 0;
}
