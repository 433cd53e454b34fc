// SPDX-License-Identifier: GPL-2.0
/*
 * The swap cache (mm/swap_state.c).
 *
 * A folio being swapped out sits in the swap cache (indexed by slot) with
 * PG_swapcache and folio->private = the entry; when reclaim frees it, a
 * workingset shadow takes its place there.  Swap-in charges the memcg that
 * owns the slot if it is still online, otherwise the faulting task's.
 * Swap-in reads ahead: the neighbours in the page table on solid state
 * (VMA readahead), the aligned cluster of slots on a rotational disk, as
 * 6.12 picks; vm.page-cluster sizes the window.
 * A folio stays here while its write is in flight (PG_writeback), and
 * after it, until reclaim finds it clean and unmapped.
 */
#include "swapfile.h"

#include <errno.h>
#include <string.h>

#include "include/memory_model.h"
#include "include/sched.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/page_alloc.h"
#include "mm/mm.h"
#include "mm/swap.h"
#include "mm/vmstat.h"
#include "mm/workingset.h"

struct folio *swap_cache_get_folio(struct machine *m, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(m, entry);
	void *e;

	if (!si)
		return NULL;
	e = xa_load(&si->cache, swp_offset(entry));
	return e && !xa_is_value(e) ? e : NULL;
}

/* Insert @folio; returns the shadow entry it replaced, if any. */
void *add_to_swap_cache(struct machine *m, struct folio *folio,
			       swp_entry_t entry)
{
	struct swap_info_struct *si = m->swap_info;
	void *old;

	folio_get(folio);
	folio_set(folio, PG_swapcache);
	folio->private = entry.val;
	old = xa_store(&si->cache, swp_offset(entry), folio);
	/* the node's file pages count the swap cache, the memcg's do not */
	mod_node_page_state(folio_pgdat(m, folio), NR_FILE_PAGES, 1);
	lruvec_stat_mod_folio(m, folio, NR_SWAPCACHE, 1);
	return old && xa_is_value(old) ? old : NULL;
}

bool add_to_swap(struct machine *m, struct folio *folio)
{
	swp_entry_t entry = folio_alloc_swap(m, folio);

	if (!entry.val)
		return false;
	add_to_swap_cache(m, folio, entry);
	folio_set(folio, PG_dirty);	/* must be written before it is freed */
	return true;
}

void delete_from_swap_cache(struct machine *m, struct folio *folio,
			    void *shadow)
{
	struct swap_info_struct *si = m->swap_info;
	swp_entry_t entry = folio_swap_entry(folio);

	xa_store(&si->cache, swp_offset(entry), shadow);
	folio_clear(folio, PG_swapcache);
	folio->private = 0;
	mod_node_page_state(folio_pgdat(m, folio), NR_FILE_PAGES, -1);
	lruvec_stat_mod_folio(m, folio, NR_SWAPCACHE, -1);
	swapcache_clear(m, entry);
	folio_put(m, folio);
}

/*
 * A new folio in the swap cache for @entry, charged to the memcg that owns
 * the slot if it is still online, else to the one of @mm (or the current
 * task): what __read_swap_cache_async() does for swap-in and writeback.
 */
static struct folio *swapin_alloc_folio(struct machine *m, swp_entry_t entry,
					struct mm_struct *mm, int *err)
{
	struct mem_cgroup *memcg;
	struct folio *folio;

	folio = folio_alloc(m, GFP_HIGHUSER_MOVABLE, -1);
	if (!folio) {
		*err = -ENOMEM;
		return NULL;
	}
	memcg = mem_cgroup_from_id(m, lookup_swap_cgroup_id(m, entry));
	if (!memcg || !css_tryget_online(&memcg->css))
		memcg = mm ? get_mem_cgroup_from_mm(mm)
			   : get_mem_cgroup_from_current(m);
	*err = mem_cgroup_charge_memcg(folio, memcg, GFP_KERNEL);
	css_put(&memcg->css);
	if (*err) {
		folio_put(m, folio);
		return NULL;
	}
	folio_set(folio, PG_swapbacked);
	return folio;
}

/* The slot's workingset shadow, if the swap cache holds one. */
static void *swap_cache_shadow(struct machine *m, swp_entry_t entry)
{
	void *e = xa_load(&m->swap_info->cache, swp_offset(entry));

	return e && xa_is_value(e) ? e : NULL;
}

static struct folio *swap_cache_new_folio(struct machine *m, swp_entry_t entry,
					  struct mm_struct *mm, int *err)
{
	struct swap_info_struct *si = m->swap_info;
	struct folio *folio = swapin_alloc_folio(m, entry, mm, err);
	void *shadow;

	if (!folio)
		return NULL;
	/*
	 * swapcache_prepare(): the allocation may have slept, and another
	 * task swapped the page in meanwhile (its folio is in the swap
	 * cache) or freed the slot.  -EEXIST: the caller looks again.
	 */
	if (swap_cache_get_folio(m, entry) || !swp_swapcount(m, entry)) {
		folio_put(m, folio);
		*err = -EEXIST;
		return NULL;
	}
	shadow = add_to_swap_cache(m, folio, entry);
	si->swap_map[swp_offset(entry)] |= SWAP_HAS_CACHE;
	if (shadow)
		workingset_refault(m, folio, shadow);
	folio_add_lru(m, folio);
	return folio;
}

/*
 * do_swap_page()'s way around the swap cache on a SWP_SYNCHRONOUS_IO
 * device when only this page table refers to the slot: a private folio,
 * read at once.  The slot stays pinned (SWAP_HAS_CACHE) until the caller
 * has mapped the page and calls swapcache_clear().
 */
int swapin_skip_swapcache(struct machine *m, swp_entry_t entry,
			  struct mm_struct *mm, struct folio **foliop)
{
	struct swap_info_struct *si = m->swap_info;
	struct folio *folio;
	void *shadow;
	u64 done_at;
	int err;

	folio = swapin_alloc_folio(m, entry, mm, &err);
	if (!folio)
		return err;
	/* swapcache_prepare(): another task's swap-in got there first */
	if ((si->swap_map[swp_offset(entry)] & SWAP_HAS_CACHE) ||
	    !swp_swapcount(m, entry)) {
		folio_put(m, folio);
		return -EEXIST;
	}
	si->swap_map[swp_offset(entry)] |= SWAP_HAS_CACHE;
	shadow = swap_cache_shadow(m, entry);
	if (shadow)
		workingset_refault(m, folio, shadow);
	folio_add_lru(m, folio);
	folio->private = entry.val;	/* where swap_read_folio() reads */
	err = swap_read_folio(m, folio, &done_at);
	folio->private = 0;
	*foliop = folio;
	return err;
}

struct folio *swap_cache_alloc_folio(struct machine *m, swp_entry_t entry,
				     int *err)
{
	struct swap_info_struct *si = swp_swap_info(m, entry);

	if (!si) {
		*err = -EEXIST;		/* swapoff: get_swap_device() failed */
		return NULL;
	}
	if (swap_cache_get_folio(m, entry)) {
		*err = -EEXIST;
		return NULL;
	}
	if (!swp_swapcount(m, entry)) {
		*err = -ENOMEM;		/* freed behind our back */
		return NULL;
	}
	return swap_cache_new_folio(m, entry, NULL, err);
}

/*
 * __read_swap_cache_async(): the swap cache's folio for @entry with a
 * reference, or a new one (*allocated) charged and inserted but not read
 * yet; NULL if the slot is free or there is no memory for it.
 */
static struct folio *read_swap_cache_async(struct machine *m, swp_entry_t entry,
					   struct mm_struct *mm, bool *allocated)
{
	struct folio *folio = swap_cache_get_folio(m, entry);
	int err;

	*allocated = false;
	if (folio) {
		folio_get(folio);
		return folio;
	}
	if (!swp_swapcount(m, entry))
		return NULL;	/* skip readahead of an unused slot */
	folio = swap_cache_new_folio(m, entry, mm, &err);
	*allocated = folio != NULL;
	if (!folio && err == -EEXIST) {
		/* raced: the other task's folio, if it is still cached */
		folio = swap_cache_get_folio(m, entry);
		if (folio)
			folio_get(folio);
	}
	return folio;
}

/* Read a new swap-cache folio; the faulting task waits for @target's. */
static int swap_read_new(struct machine *m, struct folio *folio, bool target)
{
	u64 done_at;
	int err = swap_read_folio(m, folio, &done_at);

	if (target)
		task_io_wait(m, done_at);
	return err;
}

/*
 * Bring the page of @entry into the swap cache, read it and check it.  A
 * swap-in that had to read the page (from the device, zswap or the
 * zeromap) is a major fault, as do_swap_page() counts it.
 */
int swapin_folio(struct machine *m, swp_entry_t entry,
		 struct mm_struct *mm, struct folio **foliop,
		 unsigned int *fault)
{
	struct folio *folio;
	int err;

	folio = swap_cache_new_folio(m, entry, mm, &err);
	if (!folio)
		return err;
	err = swap_read_new(m, folio, true);
	*fault |= VM_FAULT_MAJOR;
	*foliop = folio;	/* the allocation reference is the caller's */
	return err;
}

/* ---- readahead ---- */

/*
 * __swapin_nr_pages(): how many pages to read around @offset.  Readahead
 * hits since the last fault widen the window (rounded up to a power of
 * two, from 4); with none, only a fault next to the previous one reads
 * ahead; and the window shrinks by at most half at a time.
 */
static unsigned int swapin_nr_pages_of(unsigned long prev_offset,
				       unsigned long offset, unsigned int hits,
				       unsigned int max_pages,
				       unsigned int prev_win)
{
	unsigned int pages = hits + 2, roundup = 4;

	if (pages == 2) {
		if (offset != prev_offset + 1 && offset != prev_offset - 1)
			pages = 1;
	} else {
		while (roundup < pages)
			roundup <<= 1;
		pages = roundup;
	}
	pages = min(pages, max_pages);
	return max(pages, prev_win / 2);
}

/*
 * One page of a readahead window: read in if it is not cached yet.  The
 * faulting page (@target) keeps its reference for the caller in *targetp;
 * the others, read for later faults, are marked and counted (SWAP_RA).
 */
static void swap_ra_one(struct machine *m, swp_entry_t entry,
			struct mm_struct *mm, bool target,
			struct folio **targetp)
{
	bool allocated;
	struct folio *folio = read_swap_cache_async(m, entry, mm, &allocated);

	if (!folio)
		return;
	if (target) {
		*targetp = folio;
		if (allocated)
			swap_read_new(m, folio, true);
		return;
	}
	if (allocated) {
		swap_read_new(m, folio, false);
		folio_set(folio, PG_readahead);
		count_vm_event(m, SWAP_RA);
	}
	folio_put(m, folio);
}

/*
 * swap_cluster_readahead(): the aligned block of 2^page-cluster slots
 * around the faulting one, on a rotational device, whose window follows
 * the device-wide hits (swapin_nr_pages()).
 */
static void swap_cluster_readahead(struct machine *m, swp_entry_t entry,
				   struct mm_struct *mm, struct folio **targetp)
{
	struct swap_info_struct *si = m->swap_info;
	unsigned long offset = swp_offset(entry), start, end, mask;
	unsigned int max_pages = 1U << m->vm.page_cluster, hits;

	if (max_pages <= 1)
		return;
	hits = si->ra_hits;
	si->ra_hits = 0;
	si->ra_last_pages = swapin_nr_pages_of(si->ra_prev_offset, offset, hits,
					       max_pages, si->ra_last_pages);
	if (!hits)
		si->ra_prev_offset = offset;
	mask = si->ra_last_pages - 1;
	if (!mask)
		return;
	start = max(offset & ~mask, 1UL);	/* slot 0 is the header */
	end = min(offset | mask, si->max - 1);
	for (; start <= end; start++)
		swap_ra_one(m, swp_entry(0, start), mm, start == offset,
			    targetp);
	lru_add_drain(m);
}

/*
 * swap_vma_ra_win(): the window of virtual addresses to read around the
 * fault at @addr, from the VMA's readahead history; 1: none.
 */
static unsigned int swap_vma_ra_win(struct machine *m, struct vm_area_struct *vma,
				    unsigned long addr, unsigned long *start,
				    unsigned long *end)
{
	unsigned int max_win = 1U << min(m->vm.page_cluster, SWAP_RA_ORDER_CEILING);
	unsigned long prev = vma->swap_ra_addr, left;
	unsigned int win;

	if (max_win == 1)
		return 1;
	win = swapin_nr_pages_of(prev >> PAGE_SHIFT, addr >> PAGE_SHIFT,
				 vma->swap_ra_hits, max_win, vma->swap_ra_win);
	vma->swap_ra_addr = addr;
	vma->swap_ra_win = win;
	vma->swap_ra_hits = 0;
	if (win == 1)
		return 1;
	if (addr == prev + PAGE_SIZE)
		left = addr;
	else if (prev == addr + PAGE_SIZE)
		left = addr - ((unsigned long)win << PAGE_SHIFT) + PAGE_SIZE;
	else
		left = addr - ((unsigned long)((win - 1) / 2) << PAGE_SHIFT);
	if ((long)left < 0)
		left = 0;
	*start = max(max(left, vma->vm_start), addr & ~(PMD_SIZE - 1));
	*end = min(min(left + ((unsigned long)win << PAGE_SHIFT), vma->vm_end),
		   (addr & ~(PMD_SIZE - 1)) + PMD_SIZE);
	return win;
}

/* swap_vma_readahead(): the swapped-out neighbours in the page table. */
static void swap_vma_readahead(struct machine *m, struct vm_area_struct *vma,
			       unsigned long fault_addr, struct folio **targetp)
{
	unsigned long start, end, addr;

	if (swap_vma_ra_win(m, vma, fault_addr, &start, &end) == 1)
		return;
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = pte_lookup(vma->vm_mm, addr);
		swp_entry_t entry;

		if (!pte || !is_swap_pte(*pte))
			continue;
		entry = pte_to_swp_entry(*pte);
		if (!swp_swap_info(m, entry))
			continue;	/* a marker */
		swap_ra_one(m, entry, vma->vm_mm, addr == fault_addr, targetp);
	}
	lru_add_drain(m);
}

/*
 * swapin_readahead(): read around the fault, the faulting page among the
 * others, in order; *foliop holds its reference.  VMA readahead when no
 * rotational device is in use (6.12's nr_rotate_swap), else by slots.
 */
int swapin_readahead(struct machine *m, swp_entry_t entry,
		     struct vm_area_struct *vma, unsigned long addr,
		     struct folio **foliop)
{
	*foliop = NULL;
	if (m->swap_info->flags & SWP_SOLIDSTATE)
		swap_vma_readahead(m, vma, addr, foliop);
	else
		swap_cluster_readahead(m, entry, vma->vm_mm, foliop);
	if (!*foliop)	/* no readahead: the page alone */
		swap_ra_one(m, entry, vma->vm_mm, true, foliop);
	if (!*foliop)
		return -ENOMEM;
	return folio_test(*foliop, PG_uptodate) ? 0 : -EIO;
}

/*
 * swap_cache_get_folio() of a fault: the cached folio with a reference,
 * and a readahead hit counted for the VMA's (or the device's) window.
 */
struct folio *swap_cache_get_folio_vma(struct machine *m, swp_entry_t entry,
				       struct vm_area_struct *vma,
				       unsigned long addr)
{
	struct folio *folio = swap_cache_get_folio(m, entry);
	bool readahead;

	if (!folio)
		return NULL;
	folio_get(folio);
	readahead = folio_test_clear(folio, PG_readahead);
	if (m->swap_info->flags & SWP_SOLIDSTATE) {
		if (readahead)
			vma->swap_ra_hits = min(vma->swap_ra_hits + 1,
						SWAP_RA_HITS_MAX);
		vma->swap_ra_addr = addr;
	} else if (readahead) {
		m->swap_info->ra_hits++;
	}
	if (readahead)
		count_vm_event(m, SWAP_RA_HIT);
	return folio;
}

void task_io_wait(struct machine *m, u64 done_at)
{
	struct task_struct *t = m->current;

	if (t && done_at > t->io_wait_until)
		t->io_wait_until = done_at;
}

/*
 * Machine teardown: folios left in the swap cache (written back by zswap,
 * or swapped in and unmapped) hold charges; let go of them.
 */
void swap_cache_release(struct machine *m)
{
	struct swap_info_struct *si = m->swap_info;
	unsigned long index = 0;
	void *entry;

	if (!si)
		return;
	blockdev_drain(&si->bdev);
	lru_add_drain_all(m);
	while ((entry = xa_find(&si->cache, &index))) {
		if (xa_is_value(entry))
			xa_erase(&si->cache, index);
		else
			delete_from_swap_cache(m, entry, NULL);
		index++;
	}
	drain_swap_slots_cache(m);
}
