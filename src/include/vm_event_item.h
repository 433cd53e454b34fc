/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Event counters (include/linux/vm_event_item.h), the subset the model
 * counts.  /proc/vmstat names them in mm/vmstat.c's order; memory.stat shows
 * the memcg_vm_event_stat subset.
 */
#ifndef MEMCGLAB_INCLUDE_VM_EVENT_ITEM_H
#define MEMCGLAB_INCLUDE_VM_EVENT_ITEM_H

enum vm_event_item {
	PGPGIN,
	PGPGOUT,
	PSWPIN,
	PSWPOUT,
	PGFREE,
	PGACTIVATE,
	PGDEACTIVATE,
	PGLAZYFREE,
	PGFAULT,
	PGMAJFAULT,
	PGLAZYFREED,
	PGREFILL,
	PGREUSE,
	PGSTEAL_KSWAPD,
	PGSTEAL_DIRECT,
	PGSTEAL_KHUGEPAGED,
	PGSCAN_KSWAPD,
	PGSCAN_DIRECT,
	PGSCAN_KHUGEPAGED,
	PGSCAN_DIRECT_THROTTLE,
	PGSCAN_ANON,
	PGSCAN_FILE,
	PGSTEAL_ANON,
	PGSTEAL_FILE,
	PGINODESTEAL,
	SLABS_SCANNED,
	KSWAPD_INODESTEAL,
	KSWAPD_LOW_WMARK_HIT_QUICKLY,
	KSWAPD_HIGH_WMARK_HIT_QUICKLY,
	PAGEOUTRUN,
	PGROTATED,
	DROP_PAGECACHE,
	DROP_SLAB,
	OOM_KILL,
	UNEVICTABLE_PGCULLED,
	UNEVICTABLE_PGSCANNED,
	UNEVICTABLE_PGRESCUED,
	UNEVICTABLE_PGMLOCKED,
	UNEVICTABLE_PGMUNLOCKED,
	UNEVICTABLE_PGCLEARED,
	UNEVICTABLE_PGSTRANDED,
	THP_FAULT_ALLOC,
	THP_COLLAPSE_ALLOC,
	THP_SWPOUT,
	THP_SWPOUT_FALLBACK,
	SWAP_RA,
	SWAP_RA_HIT,
	SWPIN_ZERO,
	SWPOUT_ZERO,
	ZSWPIN,
	ZSWPOUT,
	ZSWPWB,
	NUMA_PAGE_MIGRATE,
	NUMA_PTE_UPDATES,
	NUMA_HINT_FAULTS,
	/* numa_stat_item in the kernel; events here, the model has no zones */
	NUMA_HIT,
	NUMA_MISS,
	NUMA_FOREIGN,
	NUMA_INTERLEAVE_HIT,
	NUMA_LOCAL,
	NUMA_OTHER,
	NR_VM_EVENT_ITEMS
};

/*
 * What the pagemap.shmem_swap designs cost (seed 004): pagemap work, and
 * the PAGEOUT markers' life; the machine's, and each memcg's (mm/memcontrol.h:
 * pagemap_stat_add()).  Shown in /sys/kernel/debug/memcglab/pagemap.
 */
enum pagemap_stat_item {
	PMS_READS,		/* pagemap read(2) calls */
	PMS_ENTRIES,		/* entries they produced */
	PMS_LOOKUPS,		/* page-cache lookups for none entries (lookup) */
	PMS_PAGEMAP_NS,		/* virtual time the reads cost */
	PMS_MARKERS_INSTALLED,	/* PAGEOUT markers reclaim wrote (marker) */
	PMS_MARKERS_CONSUMED,	/* ... a fault found and replaced */
	PMS_MARKERS_ZAPPED,	/* ... an unmap dropped */
	PMS_MARKER_NS,		/* virtual time installing and consuming them */
	PMS_FORK_PTES,		/* PTEs fork walked to copy */
	NR_PAGEMAP_STATS
};

/* Per-zone events: pgalloc_* and allocstall_* (struct machine's
 * zone_events[item][zone]). */
enum zone_event_item {
	ZONE_PGALLOC,
	ZONE_ALLOCSTALL,
	NR_ZONE_EVENTS
};

#endif
