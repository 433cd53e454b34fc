// SPDX-License-Identifier: GPL-2.0
/*
 * madvise(2) advice the scenarios use (mm/madvise.c): MADV_DONTNEED,
 * MADV_COLD, MADV_PAGEOUT and MADV_WILLNEED.
 *
 * Pageout and cold skip folios mapped by more than one process, as 6.12
 * does for shared anonymous memory; pageout reclaims the folios it
 * isolated regardless of their references.  Willneed reads file and shmem
 * pages into the page cache; on anonymous memory it does nothing here
 * (the kernel starts swap readahead, which the model does not have).
 */
#include "mm.h"

#include "include/memory_model.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/swap.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"

int madvise_dontneed(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
	lru_add_drain(vma->vm_mm->machine);
	zap_page_range(vma, start, end);
	return 0;
}

/* folio_deactivate(): to the head of the inactive list, references gone */
static void folio_deactivate(struct machine *m, struct folio *folio)
{
	struct lruvec *lruvec;

	if (!folio_test(folio, PG_lru) || folio_test(folio, PG_unevictable))
		return;
	lruvec = folio_lruvec(m, folio);
	lruvec_del_folio(lruvec, folio);
	if (folio_test_clear(folio, PG_active)) {
		count_vm_event(m, PGDEACTIVATE);
		count_memcg_folio_events(m, folio, PGDEACTIVATE, 1);
	}
	folio_clear(folio, PG_referenced);
	lruvec_add_folio(lruvec, folio);
}

static int cold_or_pageout(struct vm_area_struct *vma, unsigned long start,
			   unsigned long end, bool pageout)
{
	struct machine *m = vma->vm_mm->machine;
	struct list_head folio_list;
	unsigned long addr;

	INIT_LIST_HEAD(&folio_list);
	lru_add_drain(m);
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		struct folio *folio = vm_normal_folio(vma, addr);
		pte_t *pte;

		if (!folio || folio_mapcount(folio) != 1)
			continue;
		pte = pte_lookup(vma->vm_mm, addr);
		*pte &= ~_PAGE_ACCESSED;
		folio_clear(folio, PG_referenced);
		if (!pageout) {
			folio_deactivate(m, folio);
			continue;
		}
		if (!folio_isolate_lru(m, folio))
			continue;
		list_add_tail(&folio->lru, &folio_list);
	}
	if (pageout)
		reclaim_pages(m, &folio_list);
	return 0;
}

int madvise_cold(struct vm_area_struct *vma, unsigned long start,
		 unsigned long end)
{
	return cold_or_pageout(vma, start, end, false);
}

int madvise_pageout(struct vm_area_struct *vma, unsigned long start,
		    unsigned long end)
{
	return cold_or_pageout(vma, start, end, true);
}

/*
 * Willneed reads a disk file's pages into the page cache; on shmem it
 * reads swapped pages into the swap cache only (shmem_swapin_range), and
 * on anonymous memory it does nothing here (no swap readahead).
 */
int madvise_willneed(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
	struct machine *m = vma->vm_mm->machine;
	unsigned long addr;

	if (!vma->vm_file)
		return 0;
	if (vma->vm_file->kind == INODE_SHMEM) {
		shmem_swapin_range(m, &vma->vm_file->i_data,
				   linear_page_index(vma, start),
				   linear_page_index(vma, end));
		lru_add_drain(m);
		return 0;
	}
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		unsigned int fault = 0;
		struct folio *folio;
		int err = filemap_fault_get(m, vma->vm_file,
					    linear_page_index(vma, addr),
					    vma->vm_mm, &folio, &fault);

		if (err)
			return err;
		folio_put(m, folio);
	}
	return 0;
}
