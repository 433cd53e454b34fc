// SPDX-License-Identifier: GPL-2.0
/*
 * The swap cache and swap entries in page tables and in shmem (mm/swap_state.c,
 * do_swap_page() of mm/memory.c, the swap paths of mm/shmem.c).
 *
 * A folio being swapped out sits in the swap cache (indexed by slot) with
 * PG_swapcache and folio->private = the entry; when reclaim frees it, a
 * workingset shadow takes its place there.  Swap-in charges the memcg that
 * owns the slot if it is still online, otherwise the faulting task's.
 * Readahead is not modelled; synchronous-device shortcuts are not taken.
 */
#include "mm.h"

#include <errno.h>
#include <string.h>

#include "include/memory_model.h"
#include "include/sched.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/page_alloc.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "mm/vmstat.h"
#include "mm/workingset.h"

static swp_entry_t folio_swap_entry(const struct folio *folio)
{
	return (swp_entry_t){ folio->private };
}

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
static void *add_to_swap_cache(struct machine *m, struct folio *folio,
			       swp_entry_t entry)
{
	struct swap_info_struct *si = m->swap_info;
	void *old;

	folio_get(folio);
	folio_set(folio, PG_swapcache);
	folio->private = entry.val;
	old = xa_store(&si->cache, swp_offset(entry), folio);
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
	lruvec_stat_mod_folio(m, folio, NR_SWAPCACHE, -1);
	swapcache_clear(m, entry);
	folio_put(m, folio);
}

/* Free the folio's slot if no page table or shmem slot refers to it. */
bool folio_free_swap(struct machine *m, struct folio *folio)
{
	if (!folio_test(folio, PG_swapcache))
		return false;
	if (swp_swapcount(m, folio_swap_entry(folio)))
		return false;
	delete_from_swap_cache(m, folio, NULL);
	folio_set(folio, PG_dirty);	/* the only copy is in memory now */
	return true;
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
	memcg = mem_cgroup_from_id(m, si->swap_cgroup[swp_offset(entry)]);
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

/* Bring the page of @entry into the swap cache, read it and check it. */
static int swapin_folio(struct machine *m, swp_entry_t entry,
			struct mm_struct *mm, struct folio **foliop,
			unsigned int *fault)
{
	bool major = false;
	struct folio *folio;
	int err;

	folio = swap_cache_new_folio(m, entry, mm, &err);
	if (!folio)
		return err;
	err = swap_read_folio(m, folio, &major);
	if (major)
		*fault |= VM_FAULT_MAJOR;
	*foliop = folio;	/* the allocation reference is the caller's */
	return err;
}

static bool should_try_to_free_swap(struct machine *m, struct folio *folio,
				    struct vm_area_struct *vma,
				    unsigned int flags)
{
	if (!folio_test(folio, PG_swapcache))
		return false;
	if (mem_cgroup_swap_full(m, folio) || (vma->vm_flags & VM_LOCKED) ||
	    folio_test(folio, PG_mlocked))
		return true;
	/* a write fault on the only user: the swap copy is stale anyway */
	return (flags & FAULT_FLAG_WRITE) && folio->_refcount == 3;
}

unsigned int do_swap_page(struct vm_area_struct *vma, unsigned long addr,
			  pte_t *pte, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct machine *m = mm->machine;
	swp_entry_t entry = pte_to_swp_entry(*pte);
	bool exclusive = *pte & _PAGE_SWP_EXCLUSIVE;
	unsigned int ret = 0;
	struct folio *folio;
	int err;

	if (!swp_swap_info(m, entry))
		return VM_FAULT_SIGBUS;
	folio = swap_cache_get_folio(m, entry);
	if (folio) {
		folio_get(folio);
	} else {
		err = swapin_folio(m, entry, mm, &folio, &ret);
		if (err == -ENOMEM)
			return VM_FAULT_OOM;
		if (err)
			return VM_FAULT_SIGBUS;
	}
	if (anon_vma_prepare(vma)) {
		folio_put(m, folio);
		return VM_FAULT_OOM;
	}
	folio_add_anon_rmap_pte(m, folio, vma, addr);
	if (exclusive)
		folio_set(folio, PG_anon_exclusive);
	mm->rss_stat[MM_SWAPENTS]--;
	mm->rss_stat[MM_ANONPAGES]++;
	swap_free(m, entry);
	*pte = pfn_pte(folio_pfn(m, folio), 0);
	if ((flags & FAULT_FLAG_WRITE) && folio_test(folio, PG_anon_exclusive))
		*pte |= _PAGE_RW | _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
	if (should_try_to_free_swap(m, folio, vma, flags))
		folio_free_swap(m, folio);
	if (vma->vm_flags & VM_LOCKED)
		folio_mlock(m, folio);
	/* the reference we hold becomes the mapping's */
	return ret;
}

/*
 * Drop a page table's reference to @entry.  When it was the last one, a
 * swap cache folio that no one maps (or that holds swap its memcg is short
 * of) would only be reclaimed later for nothing: free it and the slot now,
 * with TTRS_UNMAPPED | TTRS_FULL as the kernel's function of this name.
 */
static void free_swap_and_cache(struct machine *m, swp_entry_t entry)
{
	struct folio *folio;

	swap_free(m, entry);
	folio = swap_cache_get_folio(m, entry);
	if (!folio || swp_swapcount(m, entry))
		return;
	if (folio_mapped(folio) && !mem_cgroup_swap_full(m, folio))
		return;
	folio_free_swap(m, folio);
}

void zap_swap_pte(struct vm_area_struct *vma, pte_t *pte)
{
	struct machine *m = vma->vm_mm->machine;
	swp_entry_t entry = pte_to_swp_entry(*pte);

	*pte = 0;
	if (!swp_swap_info(m, entry))
		return;		/* a marker: nothing behind it */
	vma->vm_mm->rss_stat[MM_SWAPENTS]--;
	free_swap_and_cache(m, entry);
}

int copy_swap_pte(struct vm_area_struct *dst, struct vm_area_struct *src,
		  pte_t *dpte, pte_t *spte)
{
	struct machine *m = src->vm_mm->machine;
	swp_entry_t entry = pte_to_swp_entry(*spte);

	if (swp_swap_info(m, entry)) {
		if (swap_duplicate(m, entry))
			return -ENOMEM;
		dst->vm_mm->rss_stat[MM_SWAPENTS]++;
		/* both sides may map it later: no longer exclusive */
		*spte &= ~_PAGE_SWP_EXCLUSIVE;
	}
	*dpte = *spte;
	return 0;
}

/* ---- shmem ---- */

/*
 * shmem_writepage(): the folio leaves the page cache for the swap cache;
 * its page-cache slot now holds the swap entry.
 */
int shmem_writeout(struct machine *m, struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);
	unsigned long index = folio->index;
	swp_entry_t entry = folio_alloc_swap(m, folio);

	if (!entry.val)
		return -ENOMEM;
	add_to_swap_cache(m, folio, entry);
	swap_duplicate(m, entry);	/* the page-cache slot's reference */
	folio_set(folio, PG_dirty);
	/* filemap_remove_folio() without the shmem-dirty bookkeeping */
	xa_store(&mapping->i_pages, index, xa_mk_value(entry.val));
	mapping->nrpages--;
	lruvec_stat_mod_folio(m, folio, NR_FILE_PAGES, -1);
	lruvec_stat_mod_folio(m, folio, NR_SHMEM, -1);
	folio->mapping = NULL;
	folio_put(m, folio);
	return swap_writepage(m, folio);
}

int shmem_swapin_folio(struct machine *m, struct inode *inode,
		       unsigned long index, void *value,
		       struct folio **foliop, unsigned int *fault)
{
	struct address_space *mapping = &inode->i_data;
	swp_entry_t entry = { xa_to_value(value) };
	struct folio *folio = swap_cache_get_folio(m, entry);
	int err;

	if (folio) {
		folio_get(folio);
	} else {
		err = swapin_folio(m, entry, NULL, &folio, fault);
		if (err)
			return err;
	}
	/* back into the page cache; the slot's reference goes */
	delete_from_swap_cache(m, folio, NULL);
	folio->mapping = mapping;
	folio->index = index;
	folio_get(folio);
	xa_store(&mapping->i_pages, index, folio);
	mapping->nrpages++;
	lruvec_stat_mod_folio(m, folio, NR_FILE_PAGES, 1);
	lruvec_stat_mod_folio(m, folio, NR_SHMEM, 1);
	folio_set(folio, PG_dirty);
	swap_free(m, entry);
	*foliop = folio;
	return 0;
}

void shmem_free_swap(struct machine *m, struct address_space *mapping,
		     unsigned long index, void *value)
{
	xa_erase(&mapping->i_pages, index);
	swap_free(m, (swp_entry_t){ xa_to_value(value) });
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
