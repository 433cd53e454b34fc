/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Nodes, LRU lists and the node/zone statistic items (include/linux/mmzone.h).
 * Each node has x86_64's zones (DMA below 16 MiB, DMA32 below 4 GiB, Normal,
 * and an empty Movable), each with its own free list, watermarks and
 * lowmem_reserve.  The other zone statistics (LRU sizes, mlock, zspages)
 * are kept per node in zone_stat[], which also sums the zones' free pages.
 */
#ifndef MEMCGLAB_INCLUDE_MMZONE_H
#define MEMCGLAB_INCLUDE_MMZONE_H

#include "lib/compiler.h"
#include "lib/list.h"
#include "sim/clock.h"
#include "sim/physmem.h"		/* MAX_NUMNODES */

enum zone_stat_item {
	NR_FREE_PAGES,
	NR_ZONE_INACTIVE_ANON,
	NR_ZONE_ACTIVE_ANON,
	NR_ZONE_INACTIVE_FILE,
	NR_ZONE_ACTIVE_FILE,
	NR_ZONE_UNEVICTABLE,
	NR_ZONE_WRITE_PENDING,
	NR_MLOCK,
	NR_BOUNCE,
	NR_ZSPAGES,
	NR_FREE_CMA_PAGES,
	NR_VM_ZONE_STAT_ITEMS
};

enum node_stat_item {
	NR_LRU_BASE,
	NR_INACTIVE_ANON = NR_LRU_BASE,
	NR_ACTIVE_ANON,
	NR_INACTIVE_FILE,
	NR_ACTIVE_FILE,
	NR_UNEVICTABLE,
	NR_SLAB_RECLAIMABLE_B,
	NR_SLAB_UNRECLAIMABLE_B,
	NR_ISOLATED_ANON,
	NR_ISOLATED_FILE,
	WORKINGSET_NODES,
	WORKINGSET_REFAULT_BASE,
	WORKINGSET_REFAULT_ANON = WORKINGSET_REFAULT_BASE,
	WORKINGSET_REFAULT_FILE,
	WORKINGSET_ACTIVATE_BASE,
	WORKINGSET_ACTIVATE_ANON = WORKINGSET_ACTIVATE_BASE,
	WORKINGSET_ACTIVATE_FILE,
	WORKINGSET_RESTORE_BASE,
	WORKINGSET_RESTORE_ANON = WORKINGSET_RESTORE_BASE,
	WORKINGSET_RESTORE_FILE,
	WORKINGSET_NODERECLAIM,
	NR_ANON_MAPPED,
	NR_FILE_MAPPED,
	NR_FILE_PAGES,
	NR_FILE_DIRTY,
	NR_WRITEBACK,
	NR_WRITEBACK_TEMP,
	NR_SHMEM,
	NR_SHMEM_THPS,
	NR_SHMEM_PMDMAPPED,
	NR_FILE_THPS,
	NR_FILE_PMDMAPPED,
	NR_ANON_THPS,
	NR_VMSCAN_WRITE,
	NR_VMSCAN_IMMEDIATE,
	NR_DIRTIED,
	NR_WRITTEN,
	NR_THROTTLED_WRITTEN,
	NR_KERNEL_MISC_RECLAIMABLE,
	NR_FOLL_PIN_ACQUIRED,
	NR_FOLL_PIN_RELEASED,
	NR_KERNEL_STACK_KB,
	NR_PAGETABLE,
	NR_SECONDARY_PAGETABLE,
	NR_IOMMU_PAGES,
	NR_SWAPCACHE,
	PGPROMOTE_SUCCESS,
	PGPROMOTE_CANDIDATE,
	PGDEMOTE_KSWAPD,
	PGDEMOTE_DIRECT,
	PGDEMOTE_KHUGEPAGED,
	NR_MEMMAP,
	NR_MEMMAP_BOOT,
	NR_VM_NODE_STAT_ITEMS
};

/* Byte-valued items are kept in bytes; everything else in pages or counts. */
static inline bool vmstat_item_in_bytes(int idx)
{
	return idx == NR_SLAB_RECLAIMABLE_B || idx == NR_SLAB_UNRECLAIMABLE_B;
}

#define LRU_BASE	0
#define LRU_ACTIVE	1
#define LRU_FILE	2

enum lru_list {
	LRU_INACTIVE_ANON = LRU_BASE,
	LRU_ACTIVE_ANON = LRU_BASE + LRU_ACTIVE,
	LRU_INACTIVE_FILE = LRU_BASE + LRU_FILE,
	LRU_ACTIVE_FILE = LRU_BASE + LRU_FILE + LRU_ACTIVE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

#define NR_EVICTABLE_LRU_LISTS	LRU_UNEVICTABLE

static inline bool is_file_lru(enum lru_list lru)
{
	return lru == LRU_INACTIVE_FILE || lru == LRU_ACTIVE_FILE;
}

static inline bool is_active_lru(enum lru_list lru)
{
	return lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE;
}

enum { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

enum zone_type {
	ZONE_DMA,		/* the first 16 MiB */
	ZONE_DMA32,		/* up to 4 GiB */
	ZONE_NORMAL,
	ZONE_MOVABLE,		/* always empty: no movablecore= */
	MAX_NR_ZONES
};

struct machine;
struct mem_cgroup;
struct pglist_data;

/* One set of LRU lists per (memcg, node). */
struct lruvec {
	struct list_head lists[NR_LRU_LISTS];
	unsigned long nr_pages[NR_LRU_LISTS];
	/* reclaim cost of each type, for get_scan_count's balance */
	unsigned long anon_cost;
	unsigned long file_cost;
	/* workingset clock: evictions and activations so far */
	unsigned long nonresident_age;
	unsigned long refaults[2];
	/* swap-ins that had to go to the disk: they protect zswap entries */
	unsigned long zswap_nr_disk_swapins;
	struct pglist_data *pgdat;
	struct mem_cgroup *memcg;
	/* LRUVEC_CGROUP_CONGESTED, LRUVEC_NODE_CONGESTED */
	bool cgroup_congested, node_congested;
};

/*
 * Memory sections (include/linux/mmzone.h, arch/x86's sparsemem.h): the
 * unit in which the memory map is initialised, 128 MiB on x86_64.
 */
#define SECTION_SIZE_BITS	27
#define PFN_SECTION_SHIFT	(SECTION_SIZE_BITS - PAGE_SHIFT)
#define PAGES_PER_SECTION	(1UL << PFN_SECTION_SHIFT)
#define SECTION_ALIGN_UP(pfn)	(((pfn) + PAGES_PER_SECTION - 1) & \
				 ~(PAGES_PER_SECTION - 1))

struct folio;

struct zone {
	struct pglist_data *zone_pgdat;
	enum zone_type idx;
	unsigned long zone_start_pfn;	/* [start, start + spanned) */
	unsigned long spanned_pages;
	unsigned long managed_pages;	/* frames the buddy allocator has */
	unsigned long watermark[NR_WMARK];
	/* what an allocation that may use zone j must leave free here */
	unsigned long lowmem_reserve[MAX_NR_ZONES];
	/*
	 * The free frames: those freed, LIFO (no buddy orders), and after
	 * them the ones never handed out, [first_unused_pfn, unused_end),
	 * lowest pfn first, as if they sat at the list's tail where boot
	 * would have put them.  nr_free counts both.
	 */
	struct list_head free_list;
	unsigned long first_unused_pfn, unused_end;
	long nr_free;
	/*
	 * The zone's memory map is initialised a section at a time, when the
	 * allocator first needs a frame of it (deferred_grow_zone()): the
	 * folios from here to the zone's end are not initialised yet.  Per
	 * zone, so that the first frame of ZONE_NORMAL does not set up the
	 * memory map of all of DMA32 below it.
	 */
	unsigned long first_deferred_pfn;
};

typedef struct pglist_data {
	int node_id;
	struct machine *machine;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long managed_pages;
	struct folio *node_mem_map;	/* the node's part of m->mem_map */

	struct zone node_zones[MAX_NR_ZONES];
	/* high watermarks and the largest lowmem_reserve of each zone */
	unsigned long totalreserve_pages;

	long vm_stat[NR_VM_NODE_STAT_ITEMS];
	long zone_stat[NR_VM_ZONE_STAT_ITEMS];

	struct sim_event kswapd;	/* the node's kswapd, when woken */
	unsigned long flags;		/* PGDAT_* */
	int kswapd_failures;		/* runs that reclaimed nothing */
	/* the balance_pgdat() run in progress (priority 0: none) */
	int kswapd_priority;
	unsigned long kswapd_reclaimed;
	bool kswapd_throttled;		/* on writeback, counted below */

	/* reclaim_throttle() on writeback: the tasks (and kswapd) waiting,
	 * and since when */
	int nr_writeback_throttled;
	unsigned long nr_reclaim_start;	/* NR_THROTTLED_WRITTEN then */
	bool reclaim_woken;
} pg_data_t;

/* pglist_data.flags */
#define PGDAT_DIRTY	BIT(0)	/* kswapd met dirty file folios at the tail */
#define PGDAT_WRITEBACK	BIT(1)	/* kswapd met only folios under writeback */

static inline unsigned long pgdat_end_pfn(const pg_data_t *pgdat)
{
	return pgdat->node_start_pfn + pgdat->node_present_pages;
}

static inline bool managed_zone(const struct zone *zone)
{
	return zone->managed_pages;
}

#endif
