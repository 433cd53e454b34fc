// SPDX-License-Identifier: GPL-2.0
/*
 * Page reclaim with the classic two-list LRU (mm/vmscan.c, MGLRU off).
 *
 * The structure is 6.12's: do_try_to_free_pages lowers the priority from 12
 * to 0 over every node; shrink_node walks the target's memcg subtree with
 * the effective-protection checks and reclaims from each lruvec
 * (vmscan_lru.c: get_scan_count, shrink_lruvec, the LRU lists); kswapd
 * (vmscan_kswapd.c) balances a node against its high watermark.
 *
 * Slab objects are shrunk per memcg after its LRU lists (shrink_slab), and
 * drop_slab() shrinks every memcg's at full pressure (drop_caches).
 *
 * Differences: no demotion; slab pages freed by shrinkers are not added to
 * nr_reclaimed (6.12 adds them for global reclaim through reclaim_state,
 * but the model's shrinkers free through RCU, after reclaim returns, where
 * the kernel would count nothing either).  Dirty file folios are never
 * written by direct or memcg reclaim (as in the kernel); kswapd writes
 * them back.
 */
#include "internal.h"

#include <string.h>

#include "include/writeback.h"
#include "include/machine.h"
#include "include/memory_model.h"
#include "include/sched.h"
#include "mm/filemap.h"
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

/* ---- the memcg walk ---- */

static void shrink_node_memcgs(struct pglist_data *pgdat,
			       struct scan_control *sc)
{
	struct mem_cgroup *target = sc->target_mem_cgroup ?:
				    sc->machine->root_mem_cgroup;
	struct mem_cgroup_reclaim_cookie cookie = { .nid = pgdat->node_id };
	struct mem_cgroup_reclaim_cookie *partial = &cookie;
	struct mem_cgroup *memcg;

	/* kswapd and retries after a fruitless pass walk the whole tree */
	if (sc->kswapd || sc->memcg_full_walk)
		partial = NULL;
	memcg = mem_cgroup_iter(target, NULL, partial);
	do {
		mem_cgroup_calculate_protection(sc->target_mem_cgroup, memcg);
		if (mem_cgroup_below_min(sc->target_mem_cgroup, memcg))
			continue;
		if (mem_cgroup_below_low(sc->target_mem_cgroup, memcg)) {
			if (!sc->memcg_low_reclaim) {
				sc->memcg_low_skipped = 1;
				continue;
			}
			memcg_memory_event(memcg, MEMCG_LOW);
		}
		shrink_lruvec(mem_cgroup_lruvec(memcg, pgdat->node_id), sc);
		shrink_slab(sc->machine, sc->gfp_mask, pgdat->node_id, memcg,
				sc->priority);
		if (partial && sc->nr_reclaimed >= sc->nr_to_reclaim) {
			mem_cgroup_iter_break(target, memcg);
			break;
		}
	} while ((memcg = mem_cgroup_iter(target, memcg, partial)));
}

static void prepare_scan_control(struct pglist_data *pgdat,
				 struct scan_control *sc)
{
	struct mem_cgroup *target = sc->target_mem_cgroup ?:
				    sc->machine->root_mem_cgroup;
	struct lruvec *target_lruvec = mem_cgroup_lruvec(target, pgdat->node_id);
	unsigned long refaults;

	sc->anon_cost = target_lruvec->anon_cost;
	sc->file_cost = target_lruvec->file_cost;

	/* deactivate a type whose working set is being refaulted in */
	refaults = lruvec_page_state(target_lruvec, WORKINGSET_ACTIVATE_ANON);
	if (refaults != target_lruvec->refaults[0] ||
	    inactive_is_low(target_lruvec, LRU_INACTIVE_ANON))
		sc->may_deactivate |= 1;
	else
		sc->may_deactivate &= ~1;
	refaults = lruvec_page_state(target_lruvec, WORKINGSET_ACTIVATE_FILE);
	if (refaults != target_lruvec->refaults[1] ||
	    inactive_is_low(target_lruvec, LRU_INACTIVE_FILE))
		sc->may_deactivate |= 2;
	else
		sc->may_deactivate &= ~2;
	if (sc->force_deactivate)
		sc->may_deactivate = 3;

	/* plenty of inactive cache: trim it before touching anon */
	sc->cache_trim_mode = (lruvec_page_state(target_lruvec, NR_INACTIVE_FILE) >>
			       sc->priority) && !(sc->may_deactivate & 2);
	sc->file_is_tiny = 0;
	if (!cgroup_reclaim(sc)) {
		unsigned long file = lruvec_page_state(target_lruvec, NR_ACTIVE_FILE) +
				     lruvec_page_state(target_lruvec, NR_INACTIVE_FILE);
		unsigned long free = pgdat->zone_stat[NR_FREE_PAGES];
		unsigned long anon = lruvec_page_state(target_lruvec, NR_INACTIVE_ANON);

		sc->file_is_tiny = file + free <= pgdat_high_wmark_pages(pgdat, false) &&
				   !(sc->may_deactivate & 1) &&
				   anon >> sc->priority;
	}
}

/*
 * skip_throttle_noprogress(): no point waiting when little of what is
 * reclaimable waits for writeback (or kswapd has given up on the node).
 */
static bool skip_throttle_noprogress(struct pglist_data *pgdat)
{
	unsigned long reclaimable = pgdat->vm_stat[NR_ACTIVE_FILE] +
				    pgdat->vm_stat[NR_INACTIVE_FILE];

	if (get_nr_swap_pages(pgdat->machine) > 0)
		reclaimable += pgdat->vm_stat[NR_ACTIVE_ANON] +
			       pgdat->vm_stat[NR_INACTIVE_ANON];
	return 2 * pgdat->zone_stat[NR_ZONE_WRITE_PENDING] <= reclaimable;
}

/*
 * reclaim_throttle(): the reclaiming task sleeps until writeback makes
 * progress (SWAP_CLUSTER_MAX pages per throttled task written) or the
 * timeout passes, in virtual time while the disk and the flusher run.
 * kswapd, an event of the model, throttles by rescheduling itself
 * (vmscan_kswapd.c).
 */
void reclaim_throttle(struct pglist_data *pgdat, enum vmscan_throttle_state reason)
{
	struct machine *m = pgdat->machine;
	u64 timeout = reason == VMSCAN_THROTTLE_WRITEBACK ? HZ / 10 : 1;
	u64 deadline = m->clock.now + timeout * NSEC_PER_JIFFY, start;

	if (!m->current)
		return;
	if (reason == VMSCAN_THROTTLE_CONGESTED &&
	    skip_throttle_noprogress(pgdat))
		return;
	start = m->clock.now;
	pgdat->nr_reclaim_start = pgdat->vm_stat[NR_THROTTLED_WRITTEN];
	pgdat->nr_writeback_throttled++;
	while (m->clock.now < deadline && pgdat->nr_writeback_throttled) {
		struct sim_event *ev = clock_peek(&m->clock);

		machine_run_until(m, ev && ev->when < deadline ? ev->when :
				  deadline);
		if (pgdat->reclaim_woken)
			break;
	}
	pgdat->reclaim_woken = false;
	pgdat->nr_writeback_throttled--;
	/* direct reclaim sleeps here inside its psi_memstall_enter() */
	psi_account(m, m->clock.now - start);
}

/* __acct_reclaim_writeback(): a written folio may wake a throttled task */
void acct_reclaim_writeback(struct machine *m, struct folio *folio)
{
	struct pglist_data *pgdat = folio_pgdat(m, folio);
	unsigned long written;

	if (!pgdat->nr_writeback_throttled)
		return;
	mod_node_page_state(pgdat, NR_THROTTLED_WRITTEN, 1);
	written = pgdat->vm_stat[NR_THROTTLED_WRITTEN] - pgdat->nr_reclaim_start;
	if (written > SWAP_CLUSTER_MAX * pgdat->nr_writeback_throttled) {
		pgdat->reclaim_woken = true;
		if (pgdat->kswapd_throttled)
			sim_event_schedule(&m->clock, &pgdat->kswapd,
					   m->clock.now);
	}
}

/* kswapd's flags of the node, from what a shrink_node() pass met */
static void kswapd_note_pass(struct pglist_data *pgdat, struct scan_control *sc)
{
	/* nothing but folios in flight: count those marked as immediate */
	if (sc->nr_writeback && sc->nr_writeback == sc->nr_taken)
		pgdat->flags |= PGDAT_WRITEBACK;
	if (sc->nr_unqueued_dirty && sc->nr_unqueued_dirty == sc->nr_file_taken)
		pgdat->flags |= PGDAT_DIRTY;
}

void shrink_node(struct pglist_data *pgdat, struct scan_control *sc)
{
	struct mem_cgroup *target = sc->target_mem_cgroup ?:
				    sc->machine->root_mem_cgroup;
	struct lruvec *target_lruvec = mem_cgroup_lruvec(target, pgdat->node_id);
	unsigned long nr_reclaimed = sc->nr_reclaimed;

	sc->nr_dirty = sc->nr_congested = sc->nr_immediate = 0;
	sc->nr_unqueued_dirty = sc->nr_writeback = 0;
	sc->nr_taken = sc->nr_file_taken = 0;
	prepare_scan_control(pgdat, sc);
	shrink_node_memcgs(pgdat, sc);
	/* progress revives a kswapd that gave up on the node */
	if (sc->nr_reclaimed > nr_reclaimed)
		pgdat->kswapd_failures = 0;
	if (sc->kswapd)
		kswapd_note_pass(pgdat, sc);
	/*
	 * The flusher runs on another CPU in the kernel: by the next pass it
	 * has queued the pages.  A task's reclaim lets it run now (no time
	 * passes); kswapd, itself an event, leaves it to the next event.
	 */
	if (sc->woke_flusher && sc->machine->current) {
		sc->woke_flusher = 0;
		machine_run_until(sc->machine, sc->machine->clock.now);
	}
	/* every dirty page met was under writeback and met before */
	if (sc->nr_dirty && sc->nr_dirty == sc->nr_congested) {
		if (cgroup_reclaim(sc))
			target_lruvec->cgroup_congested = true;
		if (sc->kswapd)
			target_lruvec->node_congested = true;
	}
	/* stall direct and memcg reclaim for the I/O to complete */
	if (!sc->kswapd && (target_lruvec->cgroup_congested ||
			    target_lruvec->node_congested))
		reclaim_throttle(pgdat, VMSCAN_THROTTLE_CONGESTED);
}

/* Remember the refault counters, to see next time if reclaim thrashes. */
void snapshot_refaults(struct scan_control *sc)
{
	struct mem_cgroup *target = sc->target_mem_cgroup ?:
				    sc->machine->root_mem_cgroup;
	int nid;

	for (nid = 0; nid < sc->machine->nr_nodes; nid++) {
		struct lruvec *lruvec = mem_cgroup_lruvec(target, nid);

		lruvec->refaults[0] = lruvec_page_state(lruvec, WORKINGSET_ACTIVATE_ANON);
		lruvec->refaults[1] = lruvec_page_state(lruvec, WORKINGSET_ACTIVATE_FILE);
	}
}

static unsigned long do_try_to_free_pages(struct scan_control *sc)
{
	struct machine *m = sc->machine;
	int initial_priority = sc->priority;
	int nid, start;

retry:
	do {
		sc->nr_scanned = 0;
		/* the zonelist: the local node first */
		start = numa_node_id(m);
		for (nid = 0; nid < m->nr_nodes; nid++)
			shrink_node(m->node_data[(start + nid) % m->nr_nodes], sc);
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
	} while (--sc->priority >= 0);

	if (cgroup_reclaim(sc)) {
		for (nid = 0; nid < m->nr_nodes; nid++)
			mem_cgroup_lruvec(sc->target_mem_cgroup,
					  nid)->cgroup_congested = false;
	}
	if (sc->nr_reclaimed) {
		snapshot_refaults(sc);
		return sc->nr_reclaimed;
	}
	/* Nothing at all: retry once per reason something was held back. */
	if (!sc->memcg_full_walk) {
		sc->priority = initial_priority;
		sc->memcg_full_walk = 1;
		goto retry;
	}
	if (sc->skipped_deactivate) {
		sc->priority = initial_priority;
		sc->force_deactivate = 1;
		sc->skipped_deactivate = 0;
		goto retry;
	}
	if (sc->memcg_low_skipped) {
		sc->priority = initial_priority;
		sc->force_deactivate = 0;
		sc->memcg_low_reclaim = 1;
		sc->memcg_low_skipped = 0;
		goto retry;
	}
	return 0;
}

unsigned long try_to_free_mem_cgroup_pages(struct mem_cgroup *memcg,
					   unsigned long nr_pages,
					   gfp_t gfp_mask,
					   unsigned int reclaim_options,
					   int *swappiness)
{
	struct machine *m = memcg->machine;
	struct scan_control sc = {
		.machine = m,
		.nr_to_reclaim = max(nr_pages, SWAP_CLUSTER_MAX),
		.proactive_swappiness = swappiness,
		.gfp_mask = gfp_mask,
		.target_mem_cgroup = memcg,
		.priority = DEF_PRIORITY,
		.may_writepage = 1,
		.may_unmap = 1,
		.may_swap = !!(reclaim_options & MEMCG_RECLAIM_MAY_SWAP),
		.proactive = !!(reclaim_options & MEMCG_RECLAIM_PROACTIVE),
	};
	unsigned long nr_reclaimed;
	unsigned int noreclaim;

	/* reclaimers charge without limits and never recurse into reclaim */
	noreclaim = memalloc_noreclaim_save(m);
	psi_memstall_enter(m);
	nr_reclaimed = do_try_to_free_pages(&sc);
	psi_memstall_leave(m);
	memalloc_noreclaim_restore(m, noreclaim);
	return nr_reclaimed;
}

/* ---- drop_caches ---- */

static unsigned long drop_slab_node(struct machine *m, int nid)
{
	struct mem_cgroup *memcg = mem_cgroup_iter(m->root_mem_cgroup, NULL, NULL);
	unsigned long freed = 0;

	do {
		freed += shrink_slab(m, GFP_KERNEL, nid, memcg, 0);
	} while ((memcg = mem_cgroup_iter(m->root_mem_cgroup, memcg, NULL)));
	return freed;
}

/* Every memcg on every node at priority 0, again while it pays: the
 * rounds need 2, 4, 8, ... objects freed to go on. */
void drop_slab(struct machine *m)
{
	unsigned long freed;
	int nid, shift = 0;

	do {
		freed = 0;
		for (nid = 0; nid < m->nr_nodes; nid++) {
			if (fatal_signal_pending(m->current))
				return;
			freed += drop_slab_node(m, nid);
		}
	} while ((freed >> shift++) > 1);
}

/* ---- direct reclaim (kswapd: vmscan_kswapd.c) ---- */

/* Direct reclaim by an allocating task (try_to_free_pages). */
unsigned long try_to_free_pages(struct machine *m, gfp_t gfp_mask)
{
	struct scan_control sc = {
		.machine = m,
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = gfp_mask,
		.priority = DEF_PRIORITY,
		.may_writepage = 1,
		.may_unmap = 1,
		.may_swap = 1,
	};
	unsigned long nr_reclaimed;
	unsigned int noreclaim;

	noreclaim = memalloc_noreclaim_save(m);
	m->zone_events[ZONE_ALLOCSTALL][gfp_zone(gfp_mask)]++;
	psi_memstall_enter(m);
	nr_reclaimed = do_try_to_free_pages(&sc);
	psi_memstall_leave(m);
	memalloc_noreclaim_restore(m, noreclaim);
	return nr_reclaimed;
}
