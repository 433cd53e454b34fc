// SPDX-License-Identifier: GPL-2.0
/*
 * madvise(2) advice the scenarios use (mm/madvise.c): MADV_DONTNEED,
 * MADV_COLD, MADV_PAGEOUT, MADV_WILLNEED and MADV_REMOVE.  All five are
 * valid advice (madvise_behavior_valid()); all but willneed refuse a
 * VM_LOCKED VMA with EINVAL, as can_madv_lru_vma(),
 * madvise_dontneed_free_valid_vma() and madvise_remove() do (the
 * VM_PFNMAP and hugetlb cases do not arise), while willneed takes any.
 * MADV_REMOVE also wants a file (EINVAL) mapped shared and writable
 * (EACCES).  A range always lies in one mapped VMA here, so the ENOMEM
 * of an unmapped hole cannot arise, nor mseal's EPERM; an empty range
 * is 0 before any check (the caller's, as do_madvise()).
 *
 * Pageout and cold skip folios mapped by more than one PTE (mapcount
 * differs from the folio's pages: another process maps it), as 6.12 does
 * for shmem, shared files and anonymous memory shared since fork; pageout
 * of page cache needs write access to the file (can_do_file_pageout), and
 * reclaims the folios it isolated regardless of their references.
 * Willneed reads a disk file's range ahead (io_pages at most) and swapped
 * shmem into the swap cache; on anonymous memory it does nothing here
 * (the kernel starts swap readahead, which the model does not have).
 */
#include "mm.h"

#include <errno.h>

#include "include/fs.h"
#include "include/sched.h"
#include "include/shmem_fs.h"
#include "include/memory_model.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/swap.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"

int madvise_dontneed(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
	if (vma->vm_flags & VM_LOCKED)
		return -EINVAL;
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

/*
 * Pageout of page-cache pages only for files the caller could open for
 * writing (or owns): else pages of shared files it merely reads would
 * show whether someone else had them cached.  Without that right only
 * its private (COW) copies are paged out.
 */
static bool can_do_file_pageout(struct vm_area_struct *vma)
{
	struct machine *m = vma->vm_mm->machine;

	if (!vma->vm_file)
		return false;
	return inode_owner_or_capable(m, vma->vm_file) ||
	       inode_permission(m, vma->vm_file, MAY_WRITE) == 0;
}

/*
 * One PTE of madvise_cold_or_pageout_pte_range(): a folio mapped by
 * anyone else (mapcount != its pages) is left alone.  Cold takes the
 * young bit and deactivates; pageout isolates it for reclaim_pages().
 */
static void cold_or_pageout_one(struct vm_area_struct *vma, unsigned long addr,
				bool pageout, bool anon_only,
				struct list_head *folio_list)
{
	struct machine *m = vma->vm_mm->machine;
	struct folio *folio = vm_normal_folio(vma, addr);

	if (!folio || !folio_test(folio, PG_lru) || folio_mapcount(folio) != 1)
		return;
	if (anon_only && !folio_test_anon(folio))
		return;
	if (!pageout)
		*pte_lookup(vma->vm_mm, addr) &= ~_PAGE_ACCESSED;
	folio_clear(folio, PG_referenced);
	if (folio_test(folio, PG_active))
		folio_set(folio, PG_workingset);
	if (!pageout) {
		folio_deactivate(m, folio);
		return;
	}
	if (!folio_isolate_lru(m, folio))
		return;
	if (folio_test(folio, PG_unevictable))
		folio_putback_lru(m, folio);
	else
		list_add(&folio->lru, folio_list);
}

static bool can_madv_lru_vma(const struct vm_area_struct *vma)
{
	return !(vma->vm_flags & VM_LOCKED);
}

static int cold_or_pageout(struct vm_area_struct *vma, unsigned long start,
			   unsigned long end, bool pageout)
{
	struct machine *m = vma->vm_mm->machine;
	bool anon_only = pageout && vma->kind != VMA_ANON &&
			 !can_do_file_pageout(vma);
	struct list_head folio_list;
	unsigned long addr = start;

	if (!can_madv_lru_vma(vma))
		return -EINVAL;
	lru_add_drain(m);
	while (addr < end) {
		/* a PMD's worth at a time, as the kernel's pte_range walk */
		unsigned long next = min(end, (addr | (PMD_SIZE - 1)) + 1);

		if (fatal_signal_pending(m->current))
			return -EINTR;
		INIT_LIST_HEAD(&folio_list);
		for (; addr < next; addr += PAGE_SIZE)
			cold_or_pageout_one(vma, addr, pageout, anon_only,
					    &folio_list);
		if (pageout)
			reclaim_pages(m, &folio_list);
	}
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
 * Willneed on a disk file forces readahead of the range, as fadvise's
 * POSIX_FADV_WILLNEED (at most io_pages: 1280 KiB on the kernel backend's
 * disk, measured), and its errors go unreported: 0 whatever was read.
 * On shmem it reads swapped pages into the swap cache only
 * (shmem_swapin_range); on anonymous memory it does nothing here (no
 * swap readahead).
 */
int madvise_willneed(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
	struct machine *m = vma->vm_mm->machine;
	struct inode *inode = vma->vm_file;

	if (!inode)
		return 0;
	if (inode->kind == INODE_SHMEM) {
		shmem_swapin_range(m, &inode->i_data,
				   linear_page_index(vma, start),
				   linear_page_index(vma, end));
		lru_add_drain(m);
		return 0;
	}
	force_page_cache_ra(m, inode, &vma->vm_ra,
			    linear_page_index(vma, start),
			    (end - start) >> PAGE_SHIFT);
	return 0;
}

/*
 * MADV_REMOVE punches a hole in the file behind a shared writable mapping
 * (madvise_remove(), vfs_fallocate()): EINVAL on a locked VMA or one
 * without a file, EACCES on a mapping that may not write it.  tmpfs and
 * the disk filesystem (ext4) both punch holes.
 */
int madvise_remove(struct vm_area_struct *vma, unsigned long start,
		   unsigned long end)
{
	struct inode *inode = vma->vm_file;

	if ((vma->vm_flags & VM_LOCKED) || !inode)
		return -EINVAL;
	if ((vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) !=
	    (VM_SHARED | VM_MAYWRITE))
		return -EACCES;
	return vfs_punch_hole(vma->vm_mm->machine, inode,
			      start - vma->vm_start +
			      ((u64)vma->vm_pgoff << PAGE_SHIFT),
			      end - start);
}
