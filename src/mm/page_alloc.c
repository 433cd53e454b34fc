// SPDX-License-Identifier: GPL-2.0
/*
 * Order-0 page allocation (mm/page_alloc.c).
 *
 * Each node has one zone and one LIFO free list; the buddy system, per-CPU
 * page lists, migrate types and higher orders are not modelled.  The
 * watermarks are computed as the kernel computes them from
 * vm.min_free_kbytes and vm.watermark_scale_factor, and an allocation that
 * would take a node below its min watermark falls back to other nodes in
 * distance order, then fails.
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

/* Populated x86_64 zones up to Normal: DMA below 16 MiB, DMA32 below 4 GiB
 * (RAM above the 3 GiB PCI hole is remapped above 4 GiB, into Normal). */
static int nr_populated_zones(struct machine *m)
{
	u64 mem = m->cfg.memory_bytes, per_node = mem / m->nr_nodes;
	const u64 dma = 16ULL << 20, dma32 = 3ULL << 30;
	int nid, zones = 0;

	for (nid = 0; nid < m->nr_nodes; nid++) {
		u64 start = nid * per_node;
		u64 end = nid == m->nr_nodes - 1 ? mem : start + per_node;

		zones += start < dma;
		zones += start < dma32 && end > dma;
		zones += end > dma32;
	}
	return zones;
}

/*
 * init_per_zone_wmark_min(): sqrt(16 * lowmem KiB) clamped to [128 KiB,
 * 256 MiB].  Then, as on Debian's 6.12 (THP "always", khugepaged running
 * on machines of 512 MiB or more), set_recommended_min_free_kbytes()
 * raises it to 2 + MIGRATE_PCPTYPES^2 pageblocks (5632 pages) per
 * populated zone, at most 5% of lowmem
 * (docs/kernel-6.12-formats.md §8).  The model has no THP, but keeps the
 * watermarks a real machine of that size would have.
 */
int calculate_min_free_kbytes(struct machine *m)
{
	unsigned long lowmem_kbytes = m->totalram_pages * (PAGE_SIZE >> 10);
	unsigned long v = clamp(int_sqrt(lowmem_kbytes * 16), 128UL, 262144UL);
	unsigned long recommended;

	if (m->totalram_pages < (512UL << (20 - PAGE_SHIFT)))
		return v;
	recommended = pageblock_nr_pages * nr_populated_zones(m) *
		      (2 + MIGRATE_PCPTYPES * MIGRATE_PCPTYPES);
	recommended = min(recommended, m->totalram_pages / 20);
	return max(v, recommended << (PAGE_SHIFT - 10));
}

void setup_per_zone_wmarks(struct machine *m)
{
	unsigned long pages_min = (unsigned long)m->vm.min_free_kbytes >>
				  (PAGE_SHIFT - 10);
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++) {
		struct pglist_data *pgdat = m->node_data[nid];
		unsigned long managed = pgdat->managed_pages;
		unsigned long min = pages_min * managed / m->totalram_pages;
		unsigned long gap = max(min / 4, managed *
					(unsigned long)m->vm.watermark_scale_factor /
					10000);

		pgdat->watermark[WMARK_MIN] = min;
		pgdat->watermark[WMARK_LOW] = min + gap;
		pgdat->watermark[WMARK_HIGH] = min + 2 * gap;
	}
}

static void free_list_add(struct pglist_data *pgdat, struct folio *folio)
{
	folio->flags = (unsigned long)pgdat->node_id << FOLIO_NID_SHIFT;
	folio_set(folio, PG_buddy);
	folio->mapping = NULL;
	folio->index = 0;
	folio->private = 0;
	folio->_mapcount = -1;
	folio->_refcount = 0;
	folio->memcg_data = 0;
	list_add(&folio->lru, &pgdat->free_list);
	pgdat->zone_stat[NR_FREE_PAGES]++;
}

/*
 * Every frame starts free, never used: counted, but on no list (rmqueue()
 * hands them out after the freed ones, lowest pfn first), and with no
 * struct folio initialised, so that boot touches nothing per frame.
 */
int page_alloc_init(struct machine *m)
{
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++) {
		struct pglist_data *pgdat = m->node_data[nid];

		pgdat->zone_stat[NR_FREE_PAGES] = pgdat->node_present_pages;
		pgdat->managed_pages = pgdat->node_present_pages;
	}
	m->vm.min_free_kbytes = calculate_min_free_kbytes(m);
	setup_per_zone_wmarks(m);
	return 0;
}

int cpu_to_node(struct machine *m, int cpu)
{
	return m->phys.cpu_node[cpu];
}

int numa_node_id(struct machine *m)
{
	return m->current ? cpu_to_node(m, m->current->cpu) : 0;
}

/* The next frame never handed out, its section's memory map made first. */
static struct folio *rmqueue_unused(struct pglist_data *pgdat)
{
	unsigned long pfn = pgdat->first_unused_pfn++;

	if (pfn >= pgdat->first_deferred_pfn)
		deferred_grow_zone(pgdat);
	return &pgdat->machine->mem_map[pfn];
}

/* Freed frames first (LIFO), then those never used. */
static struct folio *rmqueue(struct pglist_data *pgdat, unsigned long mark)
{
	struct folio *folio;

	if (pgdat->zone_stat[NR_FREE_PAGES] <= (long)mark)
		return NULL;
	if (list_empty(&pgdat->free_list)) {
		folio = rmqueue_unused(pgdat);
	} else {
		folio = list_first_entry(&pgdat->free_list, struct folio, lru);
		list_del_init(&folio->lru);
	}
	folio_clear(folio, PG_buddy);
	folio->_refcount = 1;
	pgdat->zone_stat[NR_FREE_PAGES]--;
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

/* Try every node, nearest first, against one watermark. */
static struct folio *get_page_from_freelist(struct machine *m, int nid,
					    int wmark, bool high)
{
	int i;

	for (i = 0; i < m->nr_nodes; i++) {
		struct pglist_data *pgdat = m->node_data[(nid + i) % m->nr_nodes];
		unsigned long mark = pgdat->watermark[wmark];
		struct folio *folio;

		/* __GFP_HIGH may use half of the min reserve (ALLOC_MIN_RESERVE) */
		if (high)
			mark -= mark / 2;
		folio = rmqueue(pgdat, mark);
		if (folio) {
			count_numa_events(m, nid, pgdat->node_id);
			return folio;
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
 * progress, and when it cannot, the OOM killer makes room.
 */
static struct folio *alloc_slowpath(struct machine *m, gfp_t gfp, int nid)
{
	struct task_struct *t = m->current;
	int no_progress = 0;
	struct folio *folio;

	wake_all_kswapds(m);
	for (;;) {
		folio = get_page_from_freelist(m, nid, WMARK_MIN, gfp & __GFP_HIGH);
		if (folio)
			return folio;
		if (!gfpflags_allow_blocking(gfp) || current_is_memalloc(m))
			return NULL;
		if (try_to_free_pages(m, gfp))
			no_progress = 0;
		else if (++no_progress > MAX_RECLAIM_RETRIES)
			break;
		if (fatal_signal_pending(t))
			return NULL;
	}
	if (out_of_memory(m, gfp, 0) && !fatal_signal_pending(t))
		return get_page_from_freelist(m, nid, WMARK_MIN, gfp & __GFP_HIGH);
	return NULL;
}

struct folio *folio_alloc(struct machine *m, gfp_t gfp, int nid)
{
	struct folio *folio;

	if (should_fail_alloc_page(m, gfp, 0))	/* prepare_alloc_pages() */
		return NULL;
	if (nid < 0)
		nid = numa_node_id(m);
	folio = get_page_from_freelist(m, nid, WMARK_LOW, false);
	if (!folio)
		folio = alloc_slowpath(m, gfp, nid);
	if (!folio)
		return NULL;
	m->vm_events[PGALLOC]++;
	if (gfp & __GFP_ZERO)
		memset(folio_address(m, folio), 0, PAGE_SIZE);
	return folio;
}

void free_unref_folio(struct machine *m, struct folio *folio)
{
	m->vm_events[PGFREE]++;
	free_list_add(folio_pgdat(m, folio), folio);
}

unsigned long global_free_pages(struct machine *m)
{
	unsigned long sum = 0;
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++)
		sum += m->node_data[nid]->zone_stat[NR_FREE_PAGES];
	return sum;
}
