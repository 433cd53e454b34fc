// SPDX-License-Identifier: GPL-2.0
/*
 * tmpfs and shared anonymous memory: pages and swap (mm/shmem.c).
 *
 * A shmem folio lives in its inode's page cache, is swap-backed (so it sits
 * on the anon LRU lists and counts as both file and shmem in memory.stat),
 * and is charged to the process that faults it in, or to the task whose
 * write(2) or read(2) brought it (on a mount with the model-only smemcg
 * option, to the mount's smemcg: mm/smemcg.c); a fault past i_size is SIGBUS (do_fault
 * checks it, as shmem_fault's -EINVAL does).  Reclaim writes a dirty shmem folio out
 * by moving it to the swap cache and leaving its swap entry, as an xarray
 * value entry, in its page-cache slot (shmem_writepage); a fault or a
 * read(2) brings it back (shmem_swapin_folio) and frees the slot.  A clean
 * one (read-faulted from a hole, never written) is simply dropped, as its
 * content is zeroes.  Each inode counts its pages in memory or in swap
 * (alloced) and in swap (swapped); an inode with swap sits on the
 * machine's shmem_swaplist.  A slot that cannot be read back becomes a
 * poisoned marker in the page cache: the page reads as -EIO (SIGBUS).
 *
 * Differences: no large folios, no fallocate, no userfaultfd minor faults
 * (mm/userfaultfd.c handles the missing and wp modes); a clean page that
 * reclaim dropped is given back to the mount at once, where the kernel
 * notices at the next shmem_recalc_inode().
 */
#include "include/shmem_fs.h"

#include <errno.h>
#include <string.h>

#include "lib/strbuf.h"
#include "include/bug.h"
#include "include/fs.h"
#include "include/highmem.h"
#include "include/memory_model.h"
#include "include/swapops.h"
#include "mm/debug.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/mm.h"
#include "mm/smemcg.h"
#include "mm/page_alloc.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"

/* shmem_get_folio() starts again at most this often after a race */
#define SHMEM_RACE_RETRIES	64

/* ---- blocks of the mount, pages of the inode ---- */

static int shmem_inode_acct_blocks(struct inode *inode, long pages)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode);

	if (sbinfo->max_blocks && sbinfo->used_blocks + pages > sbinfo->max_blocks)
		return -ENOSPC;
	sbinfo->used_blocks += pages;
	return 0;
}

static void shmem_inode_unacct_blocks(struct machine *m, struct inode *inode,
				      long pages)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode);

	if (MODEL_BUG_ON(m, sbinfo->used_blocks < (unsigned long)pages,
			 "tmpfs %s: unaccounting %ld of %lu blocks",
			 sbinfo->path, pages, sbinfo->used_blocks))
		pages = sbinfo->used_blocks;
	sbinfo->used_blocks -= pages;
}

/*
 * Apply the changes to alloced and swapped, then give back to the mount
 * whatever alloced holds beyond nrpages + swapped: pages that left the
 * page cache without going to swap.  writepage raises swapped before
 * nrpages falls, so a positive @swapped is not counted as freed.
 */
static void shmem_recalc_inode(struct machine *m, struct inode *inode,
			       long alloced, long swapped)
{
	struct shmem_inode_info *info = SHMEM_I(inode);
	long freed;

	info->alloced += alloced;
	info->swapped += swapped;
	freed = info->alloced - info->swapped - (long)inode->i_data.nrpages;
	if (swapped > 0)
		freed += swapped;
	if (freed > 0) {
		info->alloced -= freed;
		shmem_inode_unacct_blocks(m, inode, freed);
	}
}

/* A page left the page cache behind shmem's back (reclaim, truncation). */
void shmem_uncharge(struct machine *m, struct inode *inode)
{
	shmem_recalc_inode(m, inode, 0, 0);
}

/* ---- the page cache ---- */

/*
 * -EEXIST if the slot no longer holds @expected: while this task
 * allocated or read, another faulted the page in (or reclaim moved it),
 * and the caller starts again, as shmem_get_folio_gfp() does.
 */
static int shmem_add_to_page_cache(struct machine *m, struct folio *folio,
				   struct address_space *mapping,
				   unsigned long index, void *expected)
{
	if (xa_load(&mapping->i_pages, index) != expected)
		return -EEXIST;
	folio_get(folio);
	folio->mapping = mapping;
	folio->index = index;
	xa_store(&mapping->i_pages, index, folio);
	mapping->nrpages++;
	lruvec_stat_mod_folio(m, folio, NR_FILE_PAGES, 1);
	lruvec_stat_mod_folio(m, folio, NR_SHMEM, 1);
	return 0;
}

/* The folio's slot takes @radswap; the page cache's reference goes. */
static void shmem_delete_from_page_cache(struct machine *m, struct folio *folio,
					 void *radswap)
{
	struct address_space *mapping = folio_mapping(folio);

	xa_store(&mapping->i_pages, folio->index, radswap);
	folio->mapping = NULL;
	mapping->nrpages--;
	lruvec_stat_mod_folio(m, folio, NR_FILE_PAGES, -1);
	lruvec_stat_mod_folio(m, folio, NR_SHMEM, -1);
	folio_put(m, folio);
}

static int shmem_charge_folio(struct machine *m, struct inode *inode,
			      struct folio *folio, struct mm_struct *mm)
{
	struct mem_cgroup *memcg;
	int err;

	/* smemcg=charge|borrow: a page of an smemcg mount is its own */
	if (SHMEM_SB(inode)->smemcg)
		return smemcg_charge_folio(SHMEM_SB(inode)->smemcg, folio);
	memcg = mm ? get_mem_cgroup_from_mm(mm) : get_mem_cgroup_from_current(m);
	err = mem_cgroup_charge_memcg(folio, memcg, GFP_KERNEL);

	css_put(&memcg->css);
	return err;
}

/* A new zeroed page at @index, charged to @mm's memcg (or current's). */
static int shmem_alloc_and_add_folio(struct machine *m, struct inode *inode,
				     unsigned long index, struct mm_struct *mm,
				     struct folio **foliop)
{
	struct folio *folio = folio_alloc(m, GFP_HIGHUSER_MOVABLE, -1);
	int err;

	if (!folio)
		return -ENOMEM;
	clear_highpage(m, folio);	/* shmem_get_folio_gfp(): !uptodate */
	folio_set(folio, PG_swapbacked);
	folio_set(folio, PG_uptodate);
	err = shmem_charge_folio(m, inode, folio, mm);
	if (err) {
		folio_put(m, folio);
		return err;
	}
	err = shmem_add_to_page_cache(m, folio, &inode->i_data, index, NULL);
	if (err) {
		folio_put(m, folio);
		return err;
	}
	err = shmem_inode_acct_blocks(inode, 1);
	if (err) {
		shmem_delete_from_page_cache(m, folio, NULL);
		folio_put(m, folio);
		return err;
	}
	shmem_recalc_inode(m, inode, 1, 0);
	folio_add_lru(m, folio);
	*foliop = folio;	/* the allocation's reference is the caller's */
	return 0;
}

/* ---- swap ---- */

/*
 * The slot at @index could not be read back: it becomes a poisoned
 * marker, and the page no longer counts as alloced or swapped.
 */
static void shmem_set_folio_swapin_error(struct machine *m, struct inode *inode,
					 unsigned long index,
					 struct folio *folio, swp_entry_t swap)
{
	struct address_space *mapping = &inode->i_data;

	xa_store(&mapping->i_pages, index,
		 swp_to_radix_entry(make_poisoned_swp_entry()));
	if (folio_test(folio, PG_swapcache))
		delete_from_swap_cache(m, folio, NULL);
	shmem_recalc_inode(m, inode, -1, -1);
	swap_free(m, swap);
}

static int shmem_swapin_folio(struct machine *m, struct inode *inode,
			      unsigned long index, void *radswap,
			      enum sgp_type sgp, struct mm_struct *mm,
			      struct folio **foliop, unsigned int *fault)
{
	swp_entry_t swap = radix_to_swp_entry(radswap);
	unsigned int major = 0;
	struct folio *folio;
	int err;

	if (is_poisoned_swp_entry(swap))
		return -EIO;
	if (!swp_swap_info(m, swap))
		return -EINVAL;
	folio = swap_cache_get_folio(m, swap);
	if (folio && !folio_test(folio, PG_uptodate)) {
		/* a read of it failed before: EIO, as 6.12's check does */
		folio_get(folio);
		shmem_set_folio_swapin_error(m, inode, index, folio, swap);
		folio_put(m, folio);
		return -EIO;
	}
	if (folio) {
		folio_get(folio);
	} else {
		folio = NULL;
		err = swapin_folio(m, swap, mm, &folio, &major);
		if (!folio)
			return err ? err : -ENOMEM;
		/* a fault that had to read it is major (read(2) is not) */
		if (mm)
			*fault |= VM_FAULT_MAJOR;
		if (err) {
			shmem_set_folio_swapin_error(m, inode, index, folio, swap);
			folio_put(m, folio);
			return -EIO;
		}
	}
	/* shmem_confirm_swap(): still this slot's page, in the swap cache */
	if (!folio_test(folio, PG_swapcache) ||
	    folio_swap_entry(folio).val != swap.val ||
	    shmem_add_to_page_cache(m, folio, &inode->i_data, index, radswap)) {
		folio_put(m, folio);
		return -EEXIST;
	}
	if (SHMEM_SB(inode)->smemcg)
		smemcg_claim_folio(SHMEM_SB(inode)->smemcg, folio);
	shmem_recalc_inode(m, inode, 0, -1);
	if (sgp == SGP_WRITE)
		folio_mark_accessed(m, folio);
	delete_from_swap_cache(m, folio, NULL);
	folio_mark_dirty(m, folio);	/* the only copy is in memory now */
	swap_free(m, swap);
	*foliop = folio;
	return 0;
}

int shmem_get_folio(struct machine *m, struct inode *inode,
		    unsigned long index, enum sgp_type sgp,
		    struct mm_struct *mm, struct folio **foliop,
		    unsigned int *fault)
{
	int retries = 0;
	void *entry;
	int err;

	*foliop = NULL;
	if (sgp != SGP_WRITE && ((u64)index << PAGE_SHIFT) >= inode->i_size)
		return -EINVAL;
repeat:
	entry = xa_load(&inode->i_data.i_pages, index);
	if (entry && xa_is_value(entry)) {
		err = shmem_swapin_folio(m, inode, index, entry, sgp, mm,
					 foliop, fault);
		goto raced;
	}
	if (entry) {
		folio_get(entry);
		if (sgp == SGP_WRITE)
			folio_mark_accessed(m, entry);
		*foliop = entry;
		return 0;
	}
	if (sgp == SGP_READ)
		return 0;	/* a hole: the reader copies zeroes */
	err = shmem_alloc_and_add_folio(m, inode, index, mm, foliop);
	if (!err && sgp == SGP_WRITE)
		folio_set(*foliop, PG_referenced);
raced:
	/*
	 * Each retry follows another task's change of the slot, which
	 * needs virtual time to pass; the bound only keeps a model bug
	 * from looping for ever.
	 */
	if (err == -EEXIST && !MODEL_BUG_ON(m, ++retries > SHMEM_RACE_RETRIES,
					    "shmem inode %lu index %lu: "
					    "%d races", inode->i_ino, index,
					    retries))
		goto repeat;
	return err;
}

/*
 * shmem_writepage(): reclaim moves a dirty shmem folio to the swap cache
 * and writes it; the page-cache slot keeps its swap entry.  Returns 0, or
 * SWAP_WRITEPAGE_ACTIVATE with the folio redirtied when it must stay.
 */
int shmem_writeout(struct machine *m, struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);
	struct inode *inode = mapping->host;
	struct shmem_inode_info *info = SHMEM_I(inode);
	swp_entry_t swap;

	/* SHM_LOCK and noswap make the folio unevictable: never here */
	if (MODEL_BUG_ON(m, (info->flags & SHMEM_F_LOCKED) ||
			 info->sbinfo->noswap, "shmem inode %lu written out",
			 inode->i_ino) || !total_swap_pages(m))
		goto redirty;
	swap = folio_alloc_swap(m, folio);
	if (!swap.val)
		goto redirty;
	if (list_empty(&info->swaplist))
		list_add(&info->swaplist, &m->shmem_swaplist);
	add_to_swap_cache(m, folio, swap);
	shmem_recalc_inode(m, inode, 0, 1);
	swap_shmem_alloc(m, swap);
	shmem_delete_from_page_cache(m, folio, swp_to_radix_entry(swap));
	return swap_writepage(m, folio);
redirty:
	folio_mark_dirty(m, folio);
	return SWAP_WRITEPAGE_ACTIVATE;
}

void shmem_swapin_range(struct machine *m, struct address_space *mapping,
			unsigned long start, unsigned long end)
{
	unsigned long index = start;
	void *entry;

	while (index < end && (entry = xa_find(&mapping->i_pages, &index)) &&
	       index < end) {
		swp_entry_t swap = radix_to_swp_entry(entry);
		unsigned int fault = 0;
		struct folio *folio;
		int err;

		if (xa_is_value(entry) && !non_swap_entry(swap) &&
		    !swap_cache_get_folio(m, swap)) {
			folio = NULL;
			err = swapin_folio(m, swap, NULL, &folio, &fault);
			if (folio)
				folio_put(m, folio);
			if (err == -ENOMEM)
				return;
		}
		index++;
	}
}

/* ---- truncation and hole punching ---- */

static long shmem_free_swap(struct machine *m, struct address_space *mapping,
			    unsigned long index, void *radswap)
{
	xa_erase(&mapping->i_pages, index);
	free_swap_and_cache(m, radix_to_swp_entry(radswap));
	/* a poisoned slot counts too, as 6.12's shmem_free_swap() has it */
	return 1;
}

/* Zero the bytes of the page at @index from @from to @to (in the page). */
static void shmem_zero_partial(struct machine *m, struct inode *inode,
			       unsigned long index, unsigned int from,
			       unsigned int to)
{
	void *entry = xa_load(&inode->i_data.i_pages, index);
	struct folio *folio = NULL;
	unsigned int fault = 0;

	if (entry && xa_is_value(entry))
		shmem_swapin_folio(m, inode, index, entry, SGP_READ, NULL,
				   &folio, &fault);
	else if (entry)
		folio = entry, folio_get(folio);
	if (!folio)
		return;
	folio_zero_range(m, folio, from, to - from);
	folio_mark_dirty(m, folio);
	folio_put(m, folio);
}

/* shmem_undo_range() for truncate and hole punch */
void shmem_truncate_range(struct machine *m, struct inode *inode, u64 lstart,
			  u64 lend)
{
	struct address_space *mapping = &inode->i_data;
	unsigned long start = DIV_ROUND_UP(lstart, PAGE_SIZE);
	unsigned long end = lend == (u64)-1 ? ULONG_MAX : (lend + 1) >> PAGE_SHIFT;
	unsigned long index = start;
	long nr_swaps_freed = 0;
	void *entry;

	while (index < end && (entry = xa_find(&mapping->i_pages, &index)) &&
	       index < end) {
		if (xa_is_value(entry))
			nr_swaps_freed += shmem_free_swap(m, mapping, index, entry);
		else
			truncate_inode_folio(m, mapping, entry);
		index++;
	}
	if (lstart & ~PAGE_MASK) {
		unsigned int to = (lstart >> PAGE_SHIFT) == (lend >> PAGE_SHIFT) ?
				  (lend & ~PAGE_MASK) + 1 : PAGE_SIZE;

		shmem_zero_partial(m, inode, lstart >> PAGE_SHIFT,
				   lstart & ~PAGE_MASK, to);
	}
	if (lend != (u64)-1 && ((lend + 1) & ~PAGE_MASK) &&
	    (lstart >> PAGE_SHIFT) != (lend >> PAGE_SHIFT))
		shmem_zero_partial(m, inode, lend >> PAGE_SHIFT, 0,
				   (lend + 1) & ~PAGE_MASK);
	shmem_recalc_inode(m, inode, 0, -nr_swaps_freed);
}

/*
 * fallocate(PUNCH_HOLE|KEEP_SIZE) and MADV_REMOVE (shmem_fallocate()): the
 * whole pages of the hole leave every shared mapping (private COW copies
 * stay), then the hole's pages and swap are freed, partial pages zeroed.
 */
void shmem_punch_hole(struct machine *m, struct inode *inode, u64 offset,
		      u64 len)
{
	u64 unmap_start = ALIGN(offset, PAGE_SIZE);
	u64 unmap_end = ((offset + len) & PAGE_MASK);

	if (!len)
		return;
	if (unmap_end > unmap_start)
		unmap_mapping_range(&inode->i_data, unmap_start >> PAGE_SHIFT,
				    (unmap_end - unmap_start) >> PAGE_SHIFT,
				    false);
	shmem_truncate_range(m, inode, offset, offset + len - 1);
}

/* ---- SHM_LOCK ---- */

/* The folios of an unlocked mapping go back to the evictable lists. */
static void shmem_unlock_mapping(struct machine *m,
				 struct address_space *mapping)
{
	unsigned long index = 0;
	void *entry;

	lru_add_drain(m);
	while ((entry = xa_find(&mapping->i_pages, &index))) {
		if (!xa_is_value(entry))
			check_move_unevictable_folio(m, entry);
		index++;
	}
}

void shmem_lock(struct machine *m, struct inode *inode, bool lock)
{
	struct shmem_inode_info *info = SHMEM_I(inode);

	if (lock && !(info->flags & SHMEM_F_LOCKED)) {
		info->flags |= SHMEM_F_LOCKED;
		mapping_set_unevictable(&inode->i_data);
	} else if (!lock && (info->flags & SHMEM_F_LOCKED)) {
		info->flags &= ~SHMEM_F_LOCKED;
		if (!info->sbinfo->noswap)
			mapping_clear_unevictable(&inode->i_data);
		shmem_unlock_mapping(m, &inode->i_data);
	}
}

/* ---- swap usage, for smaps ---- */

unsigned long shmem_partial_swap_usage(struct address_space *mapping,
				       unsigned long start, unsigned long end)
{
	unsigned long index = start, swapped = 0;
	void *entry;

	while (index < end && (entry = xa_find(&mapping->i_pages, &index)) &&
	       index < end) {
		if (xa_is_value(entry) &&
		    !non_swap_entry(radix_to_swp_entry(entry)))
			swapped++;
		index++;
	}
	return swapped << PAGE_SHIFT;
}

/*
 * The whole object's swap when the mapping covers all of it, else the
 * value entries in the range it maps (shmem_swap_usage()).
 */
unsigned long shmem_swap_usage(struct vm_area_struct *vma)
{
	struct inode *inode = vma->vm_file;
	struct shmem_inode_info *info = SHMEM_I(inode);
	unsigned long swapped = info->swapped;

	if (!swapped)
		return 0;
	if (!vma->vm_pgoff && vma->vm_end - vma->vm_start >= inode->i_size)
		return swapped << PAGE_SHIFT;
	return shmem_partial_swap_usage(&inode->i_data, vma->vm_pgoff,
					vma->vm_pgoff + vma_pages(vma));
}

/* ---- the invariant ---- */

/*
 * Each inode's alloced is its pages in the page cache plus those in swap,
 * and an inode with swap is on the swaplist.
 */
int shmem_verify(struct machine *m, struct strbuf *why)
{
	struct verify_log log = { .why = why };
	struct inode *inode;

	list_for_each_entry(inode, &m->vfs->inodes, i_sb_list) {
		struct shmem_inode_info *info;

		if (inode->kind != INODE_SHMEM)
			continue;
		info = SHMEM_I(inode);
		if (info->swapped + (long)inode->i_data.nrpages != info->alloced)
			verify_fail(&log, "shmem inode %lu: swapped %ld + nrpages %lu != alloced %ld",
				    inode->i_ino, info->swapped,
				    inode->i_data.nrpages, info->alloced);
		if (info->swapped > 0 && list_empty(&info->swaplist))
			verify_fail(&log, "shmem inode %lu: %ld pages in swap, not on the swaplist",
				    inode->i_ino, info->swapped);
	}
	return log.errors;
}
