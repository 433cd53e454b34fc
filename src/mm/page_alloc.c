// SPDX-License-Identifier: GPL-2.0
/*
 * Order-0 page allocation (mm/page_alloc.c).
 *
 * Each node has x86_64's zones, each a LIFO free list of order-0 frames
 * and, after it, the frames never handed out (lowest pfn first, their
 * memory map initialised when first reached, so boot touches nothing per
 * frame); the buddy system, per-CPU page lists, migrate types and higher
 * orders are not modelled.  An allocation walks the zonelist (the local node's
 * zones from the highest down, then the other nodes' in distance order)
 * and takes a frame from the first zone whose free pages stay above the
 * watermark plus the zone's lowmem_reserve for the allocation's highest
 * zone: so the DMA zone keeps its reserve from ordinary allocations.  The
 * watermarks and min_free_kbytes follow 6.12's boot on Debian (page
 * allocator init, khugepaged's recommendation when THP is on, and THP
 * switched off afterwards, as the kernel backend's guest does).
 *
 * There is no DMA or DMA32-only gfp: kernel allocations may use every zone
 * up to Normal, user and page-cache ones up to the (empty) Movable zone.
 */
#include "page_alloc.h"

#include <errno.h>
#include <string.h>

#include "lib/int_sqrt.h"
#include "include/fault-inject.h"
#include "include/memory_model.h"
#include "include/mm_types.h"
#include "mm/vmstat.h"
#include "include/sched.h"
#include "mm/memcontrol.h"
#include "mm/oom.h"
#include "mm/vmscan.h"

/* 2 MiB pageblocks (pageblock_order = PMD order) and the three migrate
 * types with per-CPU lists; only set_recommended_min_free_kbytes() needs
 * them, as the model has no buddy allocator. */
#define pageblock_nr_pages	(PMD_SIZE >> PAGE_SHIFT)
#define MIGRATE_PCPTYPES	3

/* sysctl_lowmem_reserve_ratio[] for DMA, DMA32, Normal (Movable: none) */
static const int lowmem_reserve_ratio[MAX_NR_ZONES] = { 256, 256, 32, 0 };


struct zone *page_zone(struct machine *m, const struct folio *folio)
{
	struct pglist_data *pgdat = folio_pgdat(m, folio);
	unsigned long pfn = folio_pfn(m, folio);
	int z;

	for (z = MAX_NR_ZONES - 1; z > 0; z--)
		if (pfn >= pgdat->node_zones[z].zone_start_pfn &&
		    pgdat->node_zones[z].spanned_pages)
			break;
	return &pgdat->node_zones[z];
}

/* ---- watermarks ---- */

/*
 * nr_free_buffer_pages(): the managed pages above the high watermark of
 * every zone up to Normal.
 */
static unsigned long nr_free_buffer_pages(struct machine *m)
{
	unsigned long sum = 0;
	int nid, z;

	for (nid = 0; nid < m->nr_nodes; nid++)
		for (z = 0; z <= ZONE_NORMAL; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (zone->managed_pages > zone->watermark[WMARK_HIGH])
				sum += zone->managed_pages -
				       zone->watermark[WMARK_HIGH];
		}
	return sum;
}

/* calculate_min_free_kbytes(): sqrt(16 * lowmem KiB) in [128 KiB, 256 MiB] */
int calculate_min_free_kbytes(struct machine *m)
{
	unsigned long lowmem_kbytes = nr_free_buffer_pages(m) * (PAGE_SIZE >> 10);

	return clamp(int_sqrt(lowmem_kbytes * 16), 128UL, 262144UL);
}

/* calculate_totalreserve_pages(): what MemAvailable and dirtying skip */
static void calculate_totalreserve_pages(struct machine *m)
{
	int nid, i, j;

	for (nid = 0; nid < m->nr_nodes; nid++) {
		struct pglist_data *pgdat = m->node_data[nid];

		pgdat->totalreserve_pages = 0;
		for (i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			unsigned long max = 0;

			for (j = i; j < MAX_NR_ZONES; j++)
				max = max(max, zone->lowmem_reserve[j]);
			max += zone->watermark[WMARK_HIGH];
			pgdat->totalreserve_pages += min(max, zone->managed_pages);
		}
	}
}

/* setup_per_zone_lowmem_reserve(): a share of the zones above, by ratio */
void setup_per_zone_lowmem_reserve(struct machine *m)
{
	int nid, i, j;

	for (nid = 0; nid < m->nr_nodes; nid++) {
		struct zone *zones = m->node_data[nid]->node_zones;

		for (i = 0; i < MAX_NR_ZONES - 1; i++) {
			int ratio = lowmem_reserve_ratio[i];
			bool clear = !ratio || !zones[i].managed_pages;
			unsigned long upper = 0;

			for (j = i + 1; j < MAX_NR_ZONES; j++) {
				upper += zones[j].managed_pages;
				zones[i].lowmem_reserve[j] = clear ? 0 : upper / ratio;
			}
		}
	}
	calculate_totalreserve_pages(m);
}

/* The zones below Movable: where min_free_kbytes is spread. */
static unsigned long lowmem_pages(struct machine *m)
{
	unsigned long sum = 0;
	int nid, z;

	for (nid = 0; nid < m->nr_nodes; nid++)
		for (z = 0; z < ZONE_MOVABLE; z++)
			sum += m->node_data[nid]->node_zones[z].managed_pages;
	return sum;
}

static void setup_zone_wmarks(struct machine *m, struct zone *zone,
			      unsigned long pages_min, unsigned long lowmem)
{
	unsigned long tmp = lowmem ? pages_min * zone->managed_pages / lowmem : 0;
	unsigned long gap = max(tmp >> 2, zone->managed_pages *
			       (unsigned long)m->vm.watermark_scale_factor / 10000);

	if (zone->idx == ZONE_MOVABLE)
		zone->watermark[WMARK_MIN] = clamp(zone->managed_pages / 1024,
						   SWAP_CLUSTER_MAX, 128UL);
	else
		zone->watermark[WMARK_MIN] = tmp;
	zone->watermark[WMARK_LOW] = zone->watermark[WMARK_MIN] + gap;
	zone->watermark[WMARK_HIGH] = zone->watermark[WMARK_LOW] + gap;
}

/* setup_per_zone_wmarks(): min_free_kbytes spread by managed size */
void setup_per_zone_wmarks(struct machine *m)
{
	unsigned long pages_min = (unsigned long)m->vm.min_free_kbytes >>
				  (PAGE_SHIFT - 10);
	unsigned long lowmem = lowmem_pages(m);
	int nid, z;

	for (nid = 0; nid < m->nr_nodes; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			setup_zone_wmarks(m, &m->node_data[nid]->node_zones[z],
					  pages_min, lowmem);
	calculate_totalreserve_pages(m);
}

/*
 * set_recommended_min_free_kbytes() with THP on: 2 + MIGRATE_PCPTYPES^2
 * pageblocks per populated zone up to Normal, at most 5% of lowmem.
 */
static void set_recommended_min_free_kbytes(struct machine *m)
{
	unsigned long recommended, nr_zones = 0;
	int nid, z;

	for (nid = 0; nid < m->nr_nodes; nid++)
		for (z = 0; z <= ZONE_NORMAL; z++)
			nr_zones += managed_zone(&m->node_data[nid]->node_zones[z]);
	recommended = pageblock_nr_pages * nr_zones *
		      (2 + MIGRATE_PCPTYPES * MIGRATE_PCPTYPES);
	recommended = min(recommended, nr_free_buffer_pages(m) / 20);
	recommended <<= PAGE_SHIFT - 10;
	if (recommended > (unsigned long)m->vm.min_free_kbytes)
		m->vm.min_free_kbytes = recommended;
	setup_per_zone_wmarks(m);
}

/*
 * The watermarks of boot, as Debian's 6.12 sets them up: at the page
 * allocator's init (init_per_zone_wmark_min), then khugepaged's raise
 * (THP "always", on machines with 512 MiB or more at that time).
 */
void init_per_zone_wmark_min(struct machine *m)
{
	m->vm.min_free_kbytes = calculate_min_free_kbytes(m);
	setup_per_zone_wmarks(m);
	setup_per_zone_lowmem_reserve(m);
	if (m->totalram_pages >= (512UL << (20 - PAGE_SHIFT)))
		set_recommended_min_free_kbytes(m);
}

/*
 * THP switched off after boot (the model has none, and the kernel
 * backend's guest writes "never"): min_free_kbytes is recalculated from
 * the memory above the high watermarks then in force.  lowmem_reserve
 * keeps its boot values, as in the kernel.
 */
void thp_disabled_wmarks(struct machine *m)
{
	m->vm.min_free_kbytes = calculate_min_free_kbytes(m);
	setup_per_zone_wmarks(m);
}

/* ---- free lists ---- */

static void free_list_add(struct zone *zone, struct folio *folio)
{
	struct pglist_data *pgdat = zone->zone_pgdat;

	folio->flags = (unsigned long)pgdat->node_id << FOLIO_NID_SHIFT;
	folio_set(folio, PG_buddy);
	folio->mapping = NULL;
	folio->index = 0;
	folio->private = 0;
	folio->_mapcount = -1;
	folio->_refcount = 0;
	folio->memcg_data = 0;
	list_add(&folio->lru, &zone->free_list);
	zone->nr_free++;
	pgdat->zone_stat[NR_FREE_PAGES]++;
}

/*
 * The frames of [@start, @end) join the zone's allocator as never used:
 * counted free and managed, but on no list (memblock_free_all()).
 */
void zone_add_unused(struct zone *zone, unsigned long start, unsigned long end)
{
	struct pglist_data *pgdat = zone->zone_pgdat;
	unsigned long nr = end - start;

	zone->first_unused_pfn = start;
	zone->unused_end = end;
	zone->nr_free += nr;
	zone->managed_pages += nr;
	pgdat->zone_stat[NR_FREE_PAGES] += nr;
	pgdat->managed_pages += nr;
	pgdat->machine->totalram_pages += nr;
}

/*
 * A frame reserved at boot joins the allocator, counted as managed
 * (free_initmem() gives the init sections and the initramfs back).
 */
void free_reserved_folio(struct machine *m, struct folio *folio)
{
	struct zone *zone = page_zone(m, folio);

	zone->managed_pages++;
	zone->zone_pgdat->managed_pages++;
	m->totalram_pages++;
	free_list_add(zone, folio);
}

int cpu_to_node(struct machine *m, int cpu)
{
	return m->phys.cpu_node[cpu];
}

int numa_node_id(struct machine *m)
{
	return m->current ? cpu_to_node(m, m->current->cpu) : 0;
}

/* The zone's next frame never handed out, its memory map made first. */
static struct folio *rmqueue_unused(struct zone *zone)
{
	struct pglist_data *pgdat = zone->zone_pgdat;
	unsigned long pfn = zone->first_unused_pfn++;
	struct folio *folio;

	while (pfn >= zone->first_deferred_pfn)
		deferred_grow_zone(zone);
	folio = &pgdat->machine->mem_map[pfn];
	folio->flags = (unsigned long)pgdat->node_id << FOLIO_NID_SHIFT;
	return folio;
}

/* Freed frames first (LIFO), then those never used, lowest pfn first. */
static struct folio *rmqueue(struct zone *zone)
{
	struct folio *folio;

	if (list_empty(&zone->free_list)) {
		folio = rmqueue_unused(zone);
	} else {
		folio = list_first_entry(&zone->free_list, struct folio, lru);
		list_del_init(&folio->lru);
	}
	folio_clear(folio, PG_buddy);
	folio->_refcount = 1;
	zone->nr_free--;
	zone->zone_pgdat->zone_stat[NR_FREE_PAGES]--;
	return folio;
}

/* numa_hit/miss/foreign and local/other, as zone_statistics() counts */
static void count_numa_events(struct machine *m, int preferred, int nid)
{
	m->vm_events[nid == preferred ? NUMA_HIT : NUMA_MISS]++;
	if (nid != preferred)
		m->vm_events[NUMA_FOREIGN]++;
	m->vm_events[nid == numa_node_id(m) ? NUMA_LOCAL : NUMA_OTHER]++;
}

/* Index past the three watermarks: no watermark (PF_MEMALLOC). */
#define ALLOC_NO_WATERMARKS	NR_WMARK

/* zone_watermark_ok(): free pages stay above the mark and the reserve */
static bool zone_watermark_ok(struct zone *zone, int wmark, bool high,
			      enum zone_type highest)
{
	long mark;

	if (wmark == ALLOC_NO_WATERMARKS)
		return zone->nr_free > 0;
	mark = zone->watermark[wmark];
	/* __GFP_HIGH may use half of the min reserve (ALLOC_MIN_RESERVE) */
	if (high)
		mark -= mark / 2;
	return zone->nr_free > mark + (long)zone->lowmem_reserve[highest];
}

/* The zonelist: the local node's zones, highest first, then the others'. */
static struct folio *get_page_from_freelist(struct machine *m, gfp_t gfp,
					    int nid, int wmark)
{
	enum zone_type highest = gfp_zone(gfp);
	bool high = gfp & __GFP_HIGH;
	int i, z;

	for (i = 0; i < m->nr_nodes; i++) {
		struct pglist_data *pgdat = m->node_data[(nid + i) % m->nr_nodes];

		for (z = highest; z >= 0; z--) {
			struct zone *zone = &pgdat->node_zones[z];

			if (!managed_zone(zone) ||
			    !zone_watermark_ok(zone, wmark, high, highest))
				continue;
			count_numa_events(m, nid, pgdat->node_id);
			m->zone_events[ZONE_PGALLOC][z]++;
			return rmqueue(zone);
		}
	}
	return NULL;
}

static void wake_all_kswapds(struct machine *m)
{
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++)
		wakeup_kswapd(m->node_data[nid]);
}

/*
 * The slow path (__alloc_pages_slowpath): below the low watermark kswapd
 * is woken; below min the task reclaims itself, retrying while that makes
 * progress, and when it cannot, the OOM killer makes room.  Reclaim
 * itself (PF_MEMALLOC) may take the last free pages.
 */
static struct folio *alloc_slowpath(struct machine *m, gfp_t gfp, int nid)
{
	struct task_struct *t = m->current;
	int no_progress = 0;
	struct folio *folio;

	wake_all_kswapds(m);
	for (;;) {
		folio = get_page_from_freelist(m, gfp, nid, WMARK_MIN);
		if (folio)
			return folio;
		if (current_is_memalloc(m) && !(gfp & __GFP_NOMEMALLOC))
			return get_page_from_freelist(m, gfp & ~__GFP_HIGH, nid,
						      ALLOC_NO_WATERMARKS);
		if (!gfpflags_allow_blocking(gfp))
			return NULL;
		if (try_to_free_pages(m, gfp))
			no_progress = 0;
		else if (++no_progress > MAX_RECLAIM_RETRIES)
			break;
		if (fatal_signal_pending(t))
			return NULL;
	}
	if (out_of_memory(m, gfp, 0) && !fatal_signal_pending(t))
		return get_page_from_freelist(m, gfp, nid, WMARK_MIN);
	return NULL;
}

struct folio *folio_alloc(struct machine *m, gfp_t gfp, int nid)
{
	struct folio *folio;

	if (should_fail_alloc_page(m, gfp, 0))	/* prepare_alloc_pages() */
		return NULL;
	if (nid < 0)
		nid = numa_node_id(m);
	folio = get_page_from_freelist(m, gfp & ~__GFP_HIGH, nid, WMARK_LOW);
	if (!folio)
		folio = alloc_slowpath(m, gfp, nid);
	if (!folio)
		return NULL;
	if (gfp & __GFP_ZERO)
		memset(folio_address(m, folio), 0, PAGE_SIZE);
	return folio;
}

void free_unref_folio(struct machine *m, struct folio *folio)
{
	m->vm_events[PGFREE]++;
	free_list_add(page_zone(m, folio), folio);
}

unsigned long totalreserve_pages(struct machine *m)
{
	unsigned long sum = 0;
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++)
		sum += m->node_data[nid]->totalreserve_pages;
	return sum;
}

unsigned long global_free_pages(struct machine *m)
{
	unsigned long sum = 0;
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++)
		sum += m->node_data[nid]->zone_stat[NR_FREE_PAGES];
	return sum;
}
