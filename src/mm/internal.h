/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What mm/ shares inside itself and nowhere else (mm/internal.h): the
 * reclaim state that vmscan.c (who reclaims, from which nodes and memcgs)
 * hands to vmscan_lru.c (reclaim from one lruvec's lists).
 */
#ifndef MEMCGLAB_MM_INTERNAL_H
#define MEMCGLAB_MM_INTERNAL_H

#include "include/mmzone.h"
#include "mm/vmscan.h"

struct scan_control {
	struct machine *machine;
	unsigned long nr_to_reclaim;
	struct mem_cgroup *target_mem_cgroup;	/* NULL: global reclaim */
	int *proactive_swappiness;
	unsigned long anon_cost, file_cost;
	unsigned int may_deactivate:2;
	unsigned int force_deactivate:1;
	unsigned int skipped_deactivate:1;
	unsigned int may_writepage:1;
	unsigned int may_unmap:1;
	unsigned int may_swap:1;
	unsigned int proactive:1;
	unsigned int memcg_low_reclaim:1;
	unsigned int memcg_low_skipped:1;
	unsigned int memcg_full_walk:1;
	unsigned int cache_trim_mode:1;
	unsigned int file_is_tiny:1;
	unsigned int kswapd:1;
	unsigned int ignore_references:1;
	unsigned int woke_flusher:1;
	int priority;
	gfp_t gfp_mask;
	unsigned long nr_scanned;
	unsigned long nr_reclaimed;
	unsigned long nr_dirty;
	unsigned long nr_unqueued_dirty;
	unsigned long nr_congested;	/* under writeback, met a second time */
	unsigned long nr_writeback;
	unsigned long nr_immediate;
	unsigned long nr_taken;
	unsigned long nr_file_taken;
};

static inline bool cgroup_reclaim(const struct scan_control *sc)
{
	return sc->target_mem_cgroup != NULL;
}

/* vmscan.c: reclaim from every memcg's lruvec on @pgdat. */
void shrink_node(struct pglist_data *pgdat, struct scan_control *sc);
/* Remember the refault counters of the target, for the next reclaim. */
void snapshot_refaults(struct scan_control *sc);
/* vmscan_kswapd.c: free memory is above the node's high watermark */
bool pgdat_balanced(struct pglist_data *pgdat);
/* The sum of the node's zones' high watermarks (each at least
 * SWAP_CLUSTER_MAX with @atleast). */
unsigned long pgdat_high_wmark_pages(struct pglist_data *pgdat, bool atleast);

/* vmscan_lru.c: scan @lruvec's lists as get_scan_count() splits the work. */
void shrink_lruvec(struct lruvec *lruvec, struct scan_control *sc);
/* The inactive list is short of its share (inactive_ratio of 6.12). */
bool inactive_is_low(struct lruvec *lruvec, enum lru_list inactive_lru);

#endif
