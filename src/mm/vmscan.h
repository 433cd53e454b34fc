/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page reclaim (mm/vmscan.c) entry points used by the memory controller.
 */
#ifndef MEMCGLAB_MM_VMSCAN_H
#define MEMCGLAB_MM_VMSCAN_H

#include "include/gfp.h"
#include "lib/compiler.h"

struct mem_cgroup;
struct machine;
struct lruvec;

#define SWAP_CLUSTER_MAX	32UL
#define DEF_PRIORITY		12

#define MEMCG_RECLAIM_MAY_SWAP	BIT(1)
#define MEMCG_RECLAIM_PROACTIVE	BIT(2)

#define MIN_SWAPPINESS		0
#define MAX_SWAPPINESS		200

struct list_head;
struct folio;
unsigned long reclaim_pages(struct machine *m, struct list_head *folio_list);
bool folio_isolate_lru(struct machine *m, struct folio *folio);
/* Back to the evictable lists if it no longer belongs on the unevictable. */
void check_move_unevictable_folio(struct machine *m, struct folio *folio);

/* global reclaim */
struct pglist_data;
void kswapd_init(struct machine *m);
void wakeup_kswapd(struct pglist_data *pgdat);
unsigned long try_to_free_pages(struct machine *m, gfp_t gfp_mask);
/* Why reclaim waits (include/linux/mmzone.h's vmscan_throttle_state). */
enum vmscan_throttle_state {
	VMSCAN_THROTTLE_WRITEBACK,
	VMSCAN_THROTTLE_ISOLATED,
	VMSCAN_THROTTLE_NOPROGRESS,
	VMSCAN_THROTTLE_CONGESTED,
};
void reclaim_throttle(struct pglist_data *pgdat,
		      enum vmscan_throttle_state reason);
/* folio_end_writeback(): count a written folio for throttled reclaimers
 * (tasks and kswapd). */
void acct_reclaim_writeback(struct machine *m, struct folio *folio);
/* echo 2 > /proc/sys/vm/drop_caches: shrink every memcg's slab objects */
void drop_slab(struct machine *m);

/*
 * Reclaim at least @nr_pages (at least SWAP_CLUSTER_MAX) from @memcg's
 * subtree.  @swappiness overrides vm.swappiness when not NULL (memory.reclaim).
 * Returns the number of pages reclaimed.
 */
unsigned long try_to_free_mem_cgroup_pages(struct mem_cgroup *memcg,
					   unsigned long nr_pages,
					   gfp_t gfp_mask,
					   unsigned int reclaim_options,
					   int *swappiness);

#endif
