// SPDX-License-Identifier: GPL-2.0
/*
 * The swap cache (mm/swap_state.c).
 *
 * A folio being swapped out sits in the swap cache (indexed by slot) with
 * PG_swapcache and folio->private = the entry; when reclaim frees it, a
 * workingset shadow takes its place there.  Swap-in charges the memcg that
 * owns the slot if it is still online, otherwise the faulting task's.
 * Readahead is not modelled; synchronous-device shortcuts are not taken.
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
static struct folio *swap_cache_new_folio(struct machine *m, swp_entry_t entry,
					  struct mm_struct *mm, int *err)
{
	struct swap_info_struct *si = m->swap_info;
	struct mem_cgroup *memcg;
	struct folio *folio;
	void *shadow;

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
	shadow = add_to_swap_cache(m, folio, entry);
	si->swap_map[swp_offset(entry)] |= SWAP_HAS_CACHE;
	if (shadow)
		workingset_refault(m, folio, shadow);
	folio_add_lru(m, folio);
	return folio;
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
 * Bring the page of @entry into the swap cache, read it and check it.  A
 * swap-in that had to read the page (from the device, zswap or the
 * zeromap) is a major fault, as do_swap_page() counts it.
 */
int swapin_folio(struct machine *m, swp_entry_t entry,
		 struct mm_struct *mm, struct folio **foliop,
		 unsigned int *fault)
{
	bool io = false;
	struct folio *folio;
	int err;

	folio = swap_cache_new_folio(m, entry, mm, &err);
	if (!folio)
		return err;
	err = swap_read_folio(m, folio, &io);
	*fault |= VM_FAULT_MAJOR;
	*foliop = folio;	/* the allocation reference is the caller's */
	return err;
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
	lru_add_drain_all(m);
	while ((entry = xa_find(&si->cache, &index))) {
		if (xa_is_value(entry))
			xa_erase(&si->cache, index);
		else
			delete_from_swap_cache(m, entry, NULL);
		index++;
	}
}
