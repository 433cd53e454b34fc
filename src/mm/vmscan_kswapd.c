// SPDX-License-Identifier: GPL-2.0
/*
 * kswapd (the node-balancing half of mm/vmscan.c, MGLRU off).
 *
 * kswapd is a kernel thread that runs beside the tasks.  Here it is an
 * event that does one step of balance_pgdat() at a time (one shrink_node()
 * at one priority) and comes back when that step's work is done: each
 * folio it scanned costs lru_scan_ns of its time.  So it reclaims at a
 * rate, and tasks that allocate faster fall through to direct reclaim, as
 * on a real machine.  A step that met folios under writeback marked for
 * immediate reclaim throttles it (reclaim_throttle(WRITEBACK)) until
 * SWAP_CLUSTER_MAX of them completed or 100 ms passed.  After
 * MAX_RECLAIM_RETRIES runs that reclaimed nothing kswapd leaves the node
 * to direct reclaim until that makes progress (kswapd_failures).
 *
 * Differences: no watermark boosting, no high-order balancing, no
 * short sleep before the full one (kswapd_try_to_sleep); kswapd's own CPU
 * is not taken from the tasks.
 */
#include "internal.h"

#include "include/machine.h"
#include "include/memory_model.h"
#include "include/sched.h"
#include "kernel/psi.h"
#include "mm/memcontrol.h"
#include "mm/page_alloc.h"
#include "mm/vmstat.h"

#define WRITEBACK_THROTTLE_NS	(NSEC_PER_SEC / 10)	/* HZ/10 */
/* what kswapd balances for: user memory's highest zone */
#define KSWAPD_CLASSZONE	ZONE_MOVABLE

/*
 * pgdat_balanced() for order 0: some zone that an allocation of kswapd's
 * classzone (Movable: user memory) may use has free pages above its high
 * watermark and its reserve for that class.  So the DMA zone alone, with
 * its lowmem_reserve, can keep kswapd asleep, as on the kernel.
 */
bool pgdat_balanced(struct pglist_data *pgdat)
{
	bool managed = false;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!managed_zone(zone))
			continue;
		managed = true;
		if (zone->nr_free > (long)(zone->watermark[WMARK_HIGH] +
					   zone->lowmem_reserve[KSWAPD_CLASSZONE]))
			return true;
	}
	return !managed;
}

/* The high watermarks of the node's zones (kswapd_shrink_node()'s goal). */
unsigned long pgdat_high_wmark_pages(struct pglist_data *pgdat, bool atleast)
{
	unsigned long sum = 0;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (managed_zone(zone))
			sum += atleast ? max(zone->watermark[WMARK_HIGH],
					     SWAP_CLUSTER_MAX)
				       : zone->watermark[WMARK_HIGH];
	}
	return sum;
}

/* clear_pgdat_congested(): the node is balanced again */
static void clear_pgdat_congested(struct pglist_data *pgdat)
{
	pgdat->flags &= ~(PGDAT_DIRTY | PGDAT_WRITEBACK);
}

/* kswapd_shrink_node(): true if it scanned enough not to raise priority */
static bool kswapd_shrink_node(struct pglist_data *pgdat,
			       struct scan_control *sc)
{
	sc->nr_to_reclaim = pgdat_high_wmark_pages(pgdat, true);
	shrink_node(pgdat, sc);
	return sc->nr_scanned >= sc->nr_to_reclaim;
}

/* The run is over: balanced (true), or through every priority. */
static void balance_pgdat_end(struct pglist_data *pgdat, bool balanced)
{
	struct scan_control sc = { .machine = pgdat->machine };

	if (balanced)
		clear_pgdat_congested(pgdat);
	else if (!pgdat->kswapd_reclaimed)
		pgdat->kswapd_failures++;
	snapshot_refaults(&sc);
	pgdat->kswapd_priority = 0;
}

/*
 * reclaim_throttle(VMSCAN_THROTTLE_WRITEBACK) for kswapd: it sleeps, among
 * the throttled, until SWAP_CLUSTER_MAX more folios finished their
 * writeback (acct_reclaim_writeback() wakes it) or HZ/10 passed.
 */
static u64 kswapd_throttle(struct pglist_data *pgdat)
{
	pgdat->nr_reclaim_start = pgdat->vm_stat[NR_THROTTLED_WRITTEN];
	pgdat->nr_writeback_throttled++;
	pgdat->kswapd_throttled = true;
	return WRITEBACK_THROTTLE_NS;
}

/*
 * One step of balance_pgdat(): returns the virtual time it took, after
 * which kswapd runs again, or 0 when it goes to sleep.
 */
static u64 balance_pgdat_step(struct pglist_data *pgdat)
{
	struct machine *m = pgdat->machine;
	struct scan_control sc = {
		.machine = m,
		.gfp_mask = GFP_KERNEL,
		.may_writepage = 1,
		.may_unmap = 1,
		.may_swap = 1,
		.kswapd = 1,
	};
	bool raise_priority = true;
	u64 cost;

	if (!pgdat->kswapd_priority) {
		if (pgdat_balanced(pgdat) ||
		    pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES)
			return 0;
		count_vm_event(m, PAGEOUTRUN);
		pgdat->kswapd_priority = DEF_PRIORITY;
		pgdat->kswapd_reclaimed = 0;
	}
	if (pgdat_balanced(pgdat)) {
		balance_pgdat_end(pgdat, true);
		return 0;
	}
	sc.priority = pgdat->kswapd_priority;
	if (kswapd_shrink_node(pgdat, &sc))
		raise_priority = false;
	pgdat->kswapd_reclaimed += sc.nr_reclaimed;
	cost = max(sc.nr_scanned, 1UL) * m->cost.lru_scan_ns;
	if (sc.nr_immediate)
		cost = max(cost, kswapd_throttle(pgdat));
	if (raise_priority || !sc.nr_reclaimed)
		pgdat->kswapd_priority--;
	if (pgdat->kswapd_priority < 1)
		balance_pgdat_end(pgdat, false);
	return cost;
}

static void kswapd_work(struct sim_event *ev)
{
	struct pglist_data *pgdat = container_of(ev, struct pglist_data, kswapd);
	struct machine *m = pgdat->machine;
	unsigned int noreclaim;
	u64 cost;

	if (pgdat->kswapd_throttled) {
		pgdat->kswapd_throttled = false;
		pgdat->nr_writeback_throttled--;
	}
	/* kswapd runs PF_MEMALLOC: what it charges never reclaims in turn */
	noreclaim = memalloc_noreclaim_save(m);
	psi_memstall_enter(m);
	cost = balance_pgdat_step(pgdat);
	psi_memstall_leave(m);
	memalloc_noreclaim_restore(m, noreclaim);
	if (cost)
		sim_event_schedule(&m->clock, ev, m->clock.now + cost);
}

void kswapd_init(struct machine *m)
{
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++)
		sim_event_init(&m->node_data[nid]->kswapd, kswapd_work);
}

/*
 * An allocation found the node below its low watermark.  A hopeless node
 * (kswapd failed MAX_RECLAIM_RETRIES times) is left to direct reclaim.
 */
void wakeup_kswapd(struct pglist_data *pgdat)
{
	struct machine *m = pgdat->machine;

	if (sim_event_pending(&pgdat->kswapd) || pgdat_balanced(pgdat) ||
	    pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES)
		return;
	sim_event_schedule(&m->clock, &pgdat->kswapd, m->clock.now);
}
