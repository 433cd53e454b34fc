// SPDX-License-Identifier: GPL-2.0
/*
 * Reclaim from one lruvec (the list half of mm/vmscan.c, MGLRU off):
 * get_scan_count() splits the scan between anon and file by swappiness
 * and recent reclaim cost; shrink_lruvec() scans in SWAP_CLUSTER_MAX
 * batches; the inactive lists are reclaimed by shrink_folio_list(), whose
 * references come from the PTE accessed bits through the reverse map; the
 * active lists are aged into the inactive ones.  vmscan.c decides which
 * lruvecs to scan and how hard.
 */
#include "internal.h"

#include <string.h>

#include "lib/int_sqrt.h"
#include "include/writeback.h"
#include "include/machine.h"
#include "include/memory_model.h"
#include "include/sched.h"
#include "mm/filemap.h"
#include "include/shmem_fs.h"
#include "mm/memcontrol.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "kernel/psi.h"
#include "mm/rmap.h"
#include "mm/shrinker.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "mm/vmstat.h"
#include "mm/workingset.h"

enum scan_balance {
	SCAN_EQUAL,
	SCAN_FRACT,
	SCAN_ANON,
	SCAN_FILE,
};

enum folio_references {
	FOLIOREF_RECLAIM,
	FOLIOREF_RECLAIM_CLEAN,
	FOLIOREF_KEEP,
	FOLIOREF_ACTIVATE,
};

static int reclaimer_offset(const struct scan_control *sc)
{
	return sc->kswapd ? 0 : PGSCAN_DIRECT - PGSCAN_KSWAPD;
}

/* memory.reclaim's swappiness= overrides vm.swappiness (v2 has no per-memcg) */
static int sc_swappiness(const struct scan_control *sc)
{
	if (sc->proactive && sc->proactive_swappiness)
		return *sc->proactive_swappiness;
	return sc->machine->vm.swappiness;
}

static bool can_reclaim_anon_pages(struct mem_cgroup *memcg)
{
	return mem_cgroup_get_nr_swap_pages(memcg) > 0;
}

static unsigned long lruvec_lru_size(struct lruvec *lruvec, enum lru_list lru)
{
	return lruvec->nr_pages[lru];
}

/*
 * Scanning takes the reclaiming task's time, during which writes reclaim
 * started complete (and RCU grace periods end), as the charge retries on
 * a real machine.  kswapd pays for its own scanning (vmscan_kswapd.c).
 */
static void reclaim_stall(struct machine *m, unsigned long nr_scanned)
{
	if (current_may_stall(m) && nr_scanned)
		machine_stall(m, nr_scanned * m->cost.lru_scan_ns);
}

/* ---- isolation ---- */

static unsigned long isolate_lru_folios(unsigned long nr_to_scan,
					struct lruvec *lruvec,
					struct list_head *dst,
					unsigned long *nr_scanned,
					enum lru_list lru)
{
	struct list_head *src = &lruvec->lists[lru];
	unsigned long nr_taken = 0, scan = 0;

	while (scan < nr_to_scan && !list_empty(src)) {
		struct folio *folio = list_last_entry(src, struct folio, lru);

		/* the next one's metadata is cold: fetch it meanwhile (host) */
		prefetchw(folio->lru.prev);
		scan++;
		folio_clear(folio, PG_lru);
		folio_get(folio);
		list_move(&folio->lru, dst);
		nr_taken++;
	}
	/* the list's size and statistics once for the batch, as 6.12 */
	if (nr_taken)
		update_lru_size(lruvec, lru, -(long)nr_taken);
	*nr_scanned = scan;
	return nr_taken;
}

/* Put isolated folios back, dropping the isolation reference. */
static unsigned int move_folios_to_lru(struct machine *m, struct lruvec *lruvec,
				       struct list_head *list)
{
	unsigned int nr_moved = 0;

	while (!list_empty(list)) {
		struct folio *folio = list_last_entry(list, struct folio, lru);

		list_del_init(&folio->lru);
		if (!folio_evictable(folio)) {
			/*
			 * mlocked, or its mapping SHM_LOCKed, while isolated:
			 * back through the add batch, which culls it
			 */
			folio_putback_lru(m, folio);
			continue;
		}
		if (folio->_refcount == 1) {
			/* everyone else let go while it was isolated */
			folio_put(m, folio);
			continue;
		}
		folio_set(folio, PG_lru);
		lruvec_add_folio(folio_lruvec(m, folio), folio);
		folio_put(m, folio);
		if (folio_test(folio, PG_active))
			nr_moved++;
	}
	return nr_moved;
}

/* ---- the active list ---- */

static void shrink_active_list(unsigned long nr_to_scan, struct lruvec *lruvec,
			       struct scan_control *sc, enum lru_list lru)
{
	struct machine *m = sc->machine;
	struct list_head l_hold, l_active, l_inactive;
	unsigned long nr_taken, nr_scanned, nr_rotated = 0;
	unsigned int nr_deactivate;
	bool file = is_file_lru(lru);

	INIT_LIST_HEAD(&l_hold);
	INIT_LIST_HEAD(&l_active);
	INIT_LIST_HEAD(&l_inactive);
	lru_add_drain(m);
	nr_taken = isolate_lru_folios(nr_to_scan, lruvec, &l_hold, &nr_scanned,
				      lru);
	mod_node_page_state(lruvec->pgdat, NR_ISOLATED_ANON + file, nr_taken);
	if (!cgroup_reclaim(sc))
		count_vm_events(m, PGREFILL, nr_scanned);
	count_memcg_events(lruvec->memcg, PGREFILL, nr_scanned);

	while (!list_empty(&l_hold)) {
		struct folio *folio = list_last_entry(&l_hold, struct folio, lru);
		unsigned long vm_flags = 0;

		list_del(&folio->lru);
		if (!folio_evictable(folio)) {
			folio_putback_lru(m, folio);
			continue;
		}
		if (folio_referenced(m, folio, sc->target_mem_cgroup, &vm_flags) &&
		    (vm_flags & VM_EXEC) && folio_is_file_lru(folio)) {
			/* executable file pages get another trip */
			nr_rotated++;
			list_add(&folio->lru, &l_active);
			continue;
		}
		folio_clear(folio, PG_active);
		folio_set(folio, PG_workingset);
		list_add(&folio->lru, &l_inactive);
	}
	move_folios_to_lru(m, lruvec, &l_active);
	nr_deactivate = 0;
	{
		struct folio *folio;

		list_for_each_entry(folio, &l_inactive, lru)
			nr_deactivate++;
	}
	move_folios_to_lru(m, lruvec, &l_inactive);
	count_vm_events(m, PGDEACTIVATE, nr_deactivate);
	count_memcg_events(lruvec->memcg, PGDEACTIVATE, nr_deactivate);
	mod_node_page_state(lruvec->pgdat, NR_ISOLATED_ANON + file, -nr_taken);
	lru_note_cost(lruvec, file, 0, nr_rotated);
}

/* ---- the inactive list ---- */

static enum folio_references folio_check_references(struct machine *m,
						    struct folio *folio,
						    struct scan_control *sc)
{
	unsigned long vm_flags = 0;
	int referenced_ptes = folio_referenced(m, folio, sc->target_mem_cgroup,
					       &vm_flags);
	bool referenced_folio = folio_test_clear(folio, PG_referenced);

	if (vm_flags & VM_LOCKED)
		return FOLIOREF_ACTIVATE;
	if (referenced_ptes) {
		/* one reference is the instantiating fault: look twice */
		folio_set(folio, PG_referenced);
		if (referenced_folio || referenced_ptes > 1)
			return FOLIOREF_ACTIVATE;
		if ((vm_flags & VM_EXEC) && folio_is_file_lru(folio))
			return FOLIOREF_ACTIVATE;
		return FOLIOREF_KEEP;
	}
	if (referenced_folio && folio_is_file_lru(folio))
		return FOLIOREF_RECLAIM_CLEAN;
	return FOLIOREF_RECLAIM;
}

struct reclaim_stat {
	unsigned int nr_dirty;
	unsigned int nr_unqueued_dirty;
	unsigned int nr_congested;
	unsigned int nr_writeback;
	unsigned int nr_immediate;
	unsigned int nr_pageout;
	unsigned int nr_activate[2];
};

/* Remove a clean, unmapped folio from its cache, leaving a shadow entry. */
static bool __remove_mapping(struct machine *m, struct folio *folio,
			     struct scan_control *sc)
{
	/* page cache or swap cache, plus our isolation reference */
	if (folio->_refcount != 2 || folio_test(folio, PG_dirty))
		return false;
	if (folio_test(folio, PG_swapcache)) {
		void *shadow = workingset_eviction(m, folio, sc->target_mem_cgroup);

		delete_from_swap_cache(m, folio, shadow);
		return true;
	}
	/* a clean shmem page is zeroes: it just goes, leaving a hole */
	filemap_remove_folio_shadow(m, folio, !folio_is_file_lru(folio) ? NULL :
				    workingset_eviction(m, folio,
							sc->target_mem_cgroup));
	return true;
}

/*
 * pageout() of a swap-backed folio: cleaned, marked PG_reclaim so that its
 * write's completion rotates it to the tail of its inactive list, and
 * written (to the swap cache first, for shmem).  A disk write is still in
 * flight when this returns; zswap, the zeromap and zram are done.
 * Returns 0, or nonzero when the folio must be activated instead.
 */
static int pageout_swap(struct machine *m, struct folio *folio)
{
	int res;

	folio_clear_dirty_for_io(m, folio);
	folio_set(folio, PG_reclaim);
	if (folio_test(folio, PG_swapcache))
		res = swap_writepage(m, folio);
	else
		res = shmem_writeout(m, folio);
	if (res) {
		/* SWAP_WRITEPAGE_ACTIVATE, or no slot for a shmem folio */
		folio_clear(folio, PG_reclaim);
		if (res < 0)
			folio_set(folio, PG_dirty);
		return res;
	}
	if (!folio_test(folio, PG_writeback))
		folio_clear(folio, PG_reclaim);	/* done already */
	mod_node_page_state(folio_pgdat(m, folio), NR_VMSCAN_WRITE, 1);
	return 0;
}

/* Start writing a dirty page-cache folio to the disk (pageout). */
static bool pageout_file(struct machine *m, struct folio *folio)
{
	folio_set(folio, PG_reclaim);	/* reclaim it when written */
	if (writeback_folio(m, folio)) {
		folio_clear(folio, PG_reclaim);
		return false;
	}
	mod_node_page_state(folio_pgdat(m, folio), NR_VMSCAN_WRITE, 1);
	return true;
}

/*
 * folio_check_dirty_writeback() and the writeback cases of
 * shrink_folio_list(): true if the folio is under writeback and goes back
 * to the active list, marked to be reclaimed once written (cgroup2's
 * writeback throttling is "sane": reclaim never waits on one folio).
 * Only file folios count as dirty; a swap write is a writeback like any.
 * kswapd that met nothing but folios in flight (PGDAT_WRITEBACK) counts
 * the ones it marked before as immediate.
 */
static bool folio_check_writeback(struct machine *m, struct folio *folio,
				  struct scan_control *sc,
				  struct reclaim_stat *stat)
{
	bool dirty = folio_test(folio, PG_dirty);
	bool writeback = folio_test(folio, PG_writeback);

	if (folio_is_file_lru(folio)) {
		if (dirty || writeback)
			stat->nr_dirty++;
		if (dirty && !writeback)
			stat->nr_unqueued_dirty++;
		if (writeback && folio_test(folio, PG_reclaim))
			stat->nr_congested++;
	}
	if (!writeback)
		return false;
	if (sc->kswapd && folio_test(folio, PG_reclaim) &&
	    (!folio_test_anon(folio) ||
	     (folio_pgdat(m, folio)->flags & PGDAT_WRITEBACK)))
		stat->nr_immediate++;
	else
		stat->nr_writeback++;
	folio_set(folio, PG_reclaim);
	return true;
}

/* The folio stays, on the active list unless mlocked (activate_locked). */
static unsigned int activate_locked(struct machine *m, struct folio *folio,
				    struct reclaim_stat *stat)
{
	if (folio_test(folio, PG_swapcache) &&
	    (mem_cgroup_swap_full(m, folio) || folio_test(folio, PG_mlocked)))
		folio_free_swap(m, folio);
	if (!folio_test(folio, PG_mlocked)) {
		int type = folio_is_file_lru(folio);

		folio_set(folio, PG_active);
		stat->nr_activate[type]++;
		count_memcg_folio_events(m, folio, PGACTIVATE, 1);
	}
	return 0;
}

static unsigned int shrink_folio_one(struct machine *m, struct folio *folio,
				     struct scan_control *sc,
				     struct reclaim_stat *stat)
{
	enum folio_references references = FOLIOREF_RECLAIM;

	if (!folio_evictable(folio))
		return activate_locked(m, folio, stat);
	if (folio_check_writeback(m, folio, sc, stat))
		return activate_locked(m, folio, stat);
	if (!sc->ignore_references)
		references = folio_check_references(m, folio, sc);
	if (references == FOLIOREF_ACTIVATE)
		return activate_locked(m, folio, stat);
	if (references == FOLIOREF_KEEP)
		return 0;

	if (folio_test_anon(folio) && folio_test(folio, PG_swapbacked) &&
	    !folio_test(folio, PG_swapcache)) {
		/* a pinned anon folio gets no swap: it stays where it is */
		if (folio_maybe_dma_pinned(folio))
			return 0;
		if (!add_to_swap(m, folio))
			return activate_locked(m, folio, stat);
	}
	if (folio_mapped(folio)) {
		try_to_unmap(m, folio);
		if (folio_mapped(folio))
			return activate_locked(m, folio, stat);
	}
	/* unmapped, it can be pinned no more; if it is, it stays */
	if (folio_maybe_dma_pinned(folio))
		return activate_locked(m, folio, stat);
	if (folio_test(folio, PG_dirty)) {
		if (folio_is_file_lru(folio) &&
		    (!sc->kswapd || !folio_test(folio, PG_reclaim))) {
			/* leave it to the flushers; reclaim it once clean */
			mod_node_page_state(folio_pgdat(m, folio),
					    NR_VMSCAN_IMMEDIATE, 1);
			folio_set(folio, PG_reclaim);
			return activate_locked(m, folio, stat);
		}
		if (references == FOLIOREF_RECLAIM_CLEAN)
			return 0;
		if (folio_test(folio, PG_swapbacked)) {
			if (pageout_swap(m, folio))
				return activate_locked(m, folio, stat);
		} else if (!pageout_file(m, folio)) {
			return activate_locked(m, folio, stat);
		}
		stat->nr_pageout++;
		/* an asynchronous write: reclaimed when it completes */
		if (folio_test(folio, PG_writeback) || folio_test(folio, PG_dirty))
			return 0;
	}
	if (!__remove_mapping(m, folio, sc))
		return 0;
	return 1;
}

static unsigned long shrink_folio_list(struct machine *m, struct list_head *list,
				       struct scan_control *sc,
				       struct reclaim_stat *stat)
{
	struct list_head ret;
	unsigned long nr_reclaimed = 0;

	INIT_LIST_HEAD(&ret);
	while (!list_empty(list)) {
		/* from the tail: the first isolated, as lru_to_folio() */
		struct folio *folio = list_last_entry(list, struct folio, lru);

		list_del_init(&folio->lru);
		sc->nr_scanned++;
		if (shrink_folio_one(m, folio, sc, stat)) {
			nr_reclaimed++;
			folio_put(m, folio);	/* the isolation reference */
			continue;
		}
		list_add(&folio->lru, &ret);
	}
	list_splice_init(&ret, list);
	count_vm_events(m, PGACTIVATE, stat->nr_activate[0] + stat->nr_activate[1]);
	return nr_reclaimed;
}

static unsigned long shrink_inactive_list(unsigned long nr_to_scan,
					  struct lruvec *lruvec,
					  struct scan_control *sc,
					  enum lru_list lru)
{
	struct machine *m = sc->machine;
	struct reclaim_stat stat = { 0 };
	struct list_head folio_list;
	unsigned long nr_scanned, nr_taken, nr_reclaimed;
	bool file = is_file_lru(lru);
	int item;

	INIT_LIST_HEAD(&folio_list);
	lru_add_drain(m);
	nr_taken = isolate_lru_folios(nr_to_scan, lruvec, &folio_list,
				      &nr_scanned, lru);
	mod_node_page_state(lruvec->pgdat, NR_ISOLATED_ANON + file, nr_taken);
	item = PGSCAN_KSWAPD + reclaimer_offset(sc);
	if (!cgroup_reclaim(sc))
		count_vm_events(m, item, nr_scanned);
	count_memcg_events(lruvec->memcg, item, nr_scanned);
	count_vm_events(m, PGSCAN_ANON + file, nr_scanned);
	if (!nr_taken)
		return 0;

	nr_reclaimed = shrink_folio_list(m, &folio_list, sc, &stat);
	/* writes that complete while the folios are still isolated find
	 * them off the LRU, and do not rotate them */
	reclaim_stall(m, nr_taken);
	move_folios_to_lru(m, lruvec, &folio_list);
	mod_node_page_state(lruvec->pgdat, NR_ISOLATED_ANON + file, -nr_taken);
	item = PGSTEAL_KSWAPD + reclaimer_offset(sc);
	if (!cgroup_reclaim(sc))
		count_vm_events(m, item, nr_reclaimed);
	count_memcg_events(lruvec->memcg, item, nr_reclaimed);
	count_vm_events(m, PGSTEAL_ANON + file, nr_reclaimed);
	lru_note_cost(lruvec, file, stat.nr_pageout, nr_scanned - nr_reclaimed);
	/* only dirty pages the flusher has not queued: wake it */
	if (stat.nr_unqueued_dirty == nr_taken) {
		wakeup_flusher_threads(m);
		sc->woke_flusher = 1;
	}
	sc->nr_dirty += stat.nr_dirty;
	sc->nr_unqueued_dirty += stat.nr_unqueued_dirty;
	sc->nr_congested += stat.nr_congested;
	sc->nr_writeback += stat.nr_writeback;
	sc->nr_immediate += stat.nr_immediate;
	sc->nr_taken += nr_taken;
	sc->nr_file_taken += file ? nr_taken : 0;
	return nr_reclaimed;
}

static unsigned long shrink_list(enum lru_list lru, unsigned long nr_to_scan,
				 struct lruvec *lruvec, struct scan_control *sc)
{
	if (is_active_lru(lru)) {
		if (sc->may_deactivate & (1 << is_file_lru(lru)))
			shrink_active_list(nr_to_scan, lruvec, sc, lru);
		else
			sc->skipped_deactivate = 1;
		return 0;
	}
	return shrink_inactive_list(nr_to_scan, lruvec, sc, lru);
}

/* ---- how much to scan of each list ---- */

static enum scan_balance scan_balance_of(struct lruvec *lruvec,
					 struct scan_control *sc,
					 u64 fraction[2], u64 *denominator)
{
	int swappiness = sc_swappiness(sc);
	unsigned long anon_cost, file_cost, total_cost, ap, fp;

	if (!sc->may_swap || !can_reclaim_anon_pages(lruvec->memcg))
		return SCAN_FILE;
	if (cgroup_reclaim(sc) && !swappiness)
		return SCAN_FILE;
	if (!sc->priority && swappiness)
		return SCAN_EQUAL;
	if (sc->file_is_tiny)
		return SCAN_ANON;
	if (sc->cache_trim_mode)
		return SCAN_FILE;

	total_cost = sc->anon_cost + sc->file_cost;
	anon_cost = total_cost + sc->anon_cost;
	file_cost = total_cost + sc->file_cost;
	total_cost = anon_cost + file_cost;
	ap = swappiness * (total_cost + 1) / (anon_cost + 1);
	fp = (MAX_SWAPPINESS - swappiness) * (total_cost + 1) / (file_cost + 1);
	fraction[0] = ap;
	fraction[1] = fp;
	*denominator = ap + fp;
	return SCAN_FRACT;
}

static void get_scan_count(struct lruvec *lruvec, struct scan_control *sc,
			   unsigned long *nr)
{
	struct mem_cgroup *memcg = lruvec->memcg;
	u64 fraction[2] = { 0 }, denominator = 1;
	enum scan_balance balance = scan_balance_of(lruvec, sc, fraction,
						    &denominator);
	unsigned long min = 0, low = 0;
	int lru;

	if (sc->target_mem_cgroup != memcg && !mem_cgroup_is_root(memcg)) {
		min = memcg->memory.emin;
		low = memcg->memory.elow;
	}
	for (lru = 0; lru < NR_EVICTABLE_LRU_LISTS; lru++) {
		bool file = is_file_lru(lru);
		unsigned long size = lruvec_lru_size(lruvec, lru), scan;

		if (min || low) {
			unsigned long cgroup_size = page_counter_read(&memcg->memory);
			unsigned long protection;

			if (!sc->memcg_low_reclaim && low > min) {
				protection = low;
				sc->memcg_low_skipped = 1;
			} else {
				protection = min;
			}
			cgroup_size = max(cgroup_size, protection);
			scan = size - size * protection / (cgroup_size + 1);
			scan = max(scan, SWAP_CLUSTER_MAX);
		} else {
			scan = size;
		}
		scan >>= sc->priority;
		/* scrape out what a deleted cgroup left behind */
		if (!scan && !mem_cgroup_online(memcg))
			scan = min(size, SWAP_CLUSTER_MAX);
		switch (balance) {
		case SCAN_EQUAL:
			break;
		case SCAN_FRACT:
			scan = mem_cgroup_online(memcg) ?
			       scan * fraction[file] / denominator :
			       DIV_ROUND_UP(scan * fraction[file], denominator);
			break;
		case SCAN_FILE:
		case SCAN_ANON:
			if ((balance == SCAN_FILE) != file)
				scan = 0;
			break;
		}
		nr[lru] = scan;
	}
}

bool inactive_is_low(struct lruvec *lruvec, enum lru_list inactive_lru)
{
	unsigned long inactive = lruvec_page_state(lruvec, NR_LRU_BASE + inactive_lru);
	unsigned long active = lruvec_page_state(lruvec,
						 NR_LRU_BASE + inactive_lru + LRU_ACTIVE);
	unsigned long gb = (inactive + active) >> (30 - PAGE_SHIFT);
	unsigned long ratio = gb ? int_sqrt(10 * gb) : 1;

	return inactive * ratio < active;
}

void shrink_lruvec(struct lruvec *lruvec, struct scan_control *sc)
{
	unsigned long nr[NR_LRU_LISTS], targets[NR_LRU_LISTS];
	unsigned long nr_reclaimed = 0, nr_to_reclaim = sc->nr_to_reclaim;
	bool proportional_reclaim;
	int lru;

	get_scan_count(lruvec, sc, nr);
	memcpy(targets, nr, sizeof(nr));
	proportional_reclaim = !cgroup_reclaim(sc) && !sc->kswapd &&
			       sc->priority == DEF_PRIORITY;

	while (nr[LRU_INACTIVE_ANON] || nr[LRU_ACTIVE_FILE] ||
	       nr[LRU_INACTIVE_FILE]) {
		unsigned long nr_anon, nr_file, percentage, nr_scanned;

		for (lru = 0; lru < NR_EVICTABLE_LRU_LISTS; lru++) {
			if (nr[lru]) {
				unsigned long n = min(nr[lru], SWAP_CLUSTER_MAX);

				nr[lru] -= n;
				nr_reclaimed += shrink_list(lru, n, lruvec, sc);
			}
		}
		if (nr_reclaimed < nr_to_reclaim || proportional_reclaim)
			continue;
		/*
		 * Enough was reclaimed: stop the smaller type and trim the
		 * other to the same fraction of its original target.
		 */
		nr_file = nr[LRU_INACTIVE_FILE] + nr[LRU_ACTIVE_FILE];
		nr_anon = nr[LRU_INACTIVE_ANON] + nr[LRU_ACTIVE_ANON];
		if (!nr_file || !nr_anon)
			break;
		if (nr_file > nr_anon) {
			lru = LRU_BASE;
			percentage = nr_anon * 100 /
				     (targets[LRU_INACTIVE_ANON] + targets[LRU_ACTIVE_ANON] + 1);
		} else {
			lru = LRU_FILE;
			percentage = nr_file * 100 /
				     (targets[LRU_INACTIVE_FILE] + targets[LRU_ACTIVE_FILE] + 1);
		}
		nr[lru] = 0;
		nr[lru + LRU_ACTIVE] = 0;
		lru = lru == LRU_FILE ? LRU_BASE : LRU_FILE;
		nr_scanned = targets[lru] - nr[lru];
		nr[lru] = targets[lru] * (100 - percentage) / 100;
		nr[lru] -= min(nr[lru], nr_scanned);
		lru += LRU_ACTIVE;
		nr_scanned = targets[lru] - nr[lru];
		nr[lru] = targets[lru] * (100 - percentage) / 100;
		nr[lru] -= min(nr[lru], nr_scanned);
	}
	sc->nr_reclaimed += nr_reclaimed;
	if (can_reclaim_anon_pages(lruvec->memcg) &&
	    inactive_is_low(lruvec, LRU_INACTIVE_ANON))
		shrink_active_list(SWAP_CLUSTER_MAX, lruvec, sc, LRU_ACTIVE_ANON);
}

/*
 * Reclaim exactly these isolated folios, whatever their references
 * (MADV_PAGEOUT); the ones that stay go back to their LRU lists.
 */
unsigned long reclaim_pages(struct machine *m, struct list_head *folio_list)
{
	struct scan_control sc = {
		.machine = m,
		.gfp_mask = GFP_KERNEL,
		.may_writepage = 1,
		.may_unmap = 1,
		.may_swap = 1,
		.ignore_references = 1,
	};
	struct reclaim_stat stat = { 0 };
	unsigned int noreclaim;
	unsigned long nr_reclaimed;

	/* what writing these out allocates (zswap entries) must not recurse */
	noreclaim = memalloc_noreclaim_save(m);
	nr_reclaimed = shrink_folio_list(m, folio_list, &sc, &stat);
	memalloc_noreclaim_restore(m, noreclaim);
	reclaim_stall(m, sc.nr_scanned);
	move_folios_to_lru(m, NULL, folio_list);
	return nr_reclaimed;
}

/*
 * A folio on the unevictable list whose mapping is no longer unevictable
 * (SHM_UNLOCK) goes back to the evictable lists
 * (check_move_unevictable_folios, for one folio).
 */
void check_move_unevictable_folio(struct machine *m, struct folio *folio)
{
	struct lruvec *lruvec;

	count_vm_event(m, UNEVICTABLE_PGSCANNED);
	if (!folio_test(folio, PG_lru) || !folio_test(folio, PG_unevictable) ||
	    !folio_evictable(folio))
		return;
	lruvec = folio_lruvec(m, folio);
	lruvec_del_folio(lruvec, folio);
	folio_clear(folio, PG_unevictable);
	lruvec_add_folio(lruvec, folio);
	count_vm_event(m, UNEVICTABLE_PGRESCUED);
}

/* Take @folio off its LRU list with a reference (folio_isolate_lru). */
bool folio_isolate_lru(struct machine *m, struct folio *folio)
{
	if (!folio_test(folio, PG_lru))
		return false;
	lruvec_del_folio(folio_lruvec(m, folio), folio);
	folio_clear(folio, PG_lru);
	folio_get(folio);
	return true;
}

