// SPDX-License-Identifier: GPL-2.0
/*
 * Memory-management boot (mm/mm_init.c): the memory map of struct folio
 * over the machine's RAM and a pglist_data for each node, split into zones
 * as on QEMU's pc machine (free_area_init), the frames the kernel does not
 * keep given to the page allocator (memblock.c), the watermarks of a Debian
 * 6.12 boot, then the core allocators in start_kernel()'s order
 * (mm_core_init).  The model keeps the memory map in host memory of its
 * own, not in RAM (the RAM the kernel's would take is held back all the
 * same, memblock.c), and initialises it a section at a time as the
 * allocator reaches it, as the kernel's deferred struct page init does
 * during boot.
 */
#include "page_alloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "include/memory_model.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/vmscan.h"

/*
 * The memory map (SPARSEMEM_VMEMMAP, mm/sparse.c): one virtually contiguous
 * array of struct folio indexed by pfn, reserved and never filled at boot.
 * The host backs a part of it only when its folios are first initialised,
 * so a machine costs host memory for the metadata of the sections it uses.
 * 64-byte aligned (the mapping is page aligned): one host cache line per
 * frame's metadata, never two.
 */
static int sparse_init(struct machine *m)
{
	size_t bytes = m->phys.nr_pages * sizeof(struct folio);
	void *map = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (map == MAP_FAILED)
		return -ENOMEM;
	m->mem_map = map;
	return 0;
}

/*
 * __init_single_page(): a frame of @nid, reserved until the allocator
 * hands it out (rmqueue_unused()) or frees it into a zone.
 */
static void init_single_folio(struct folio *f, int nid)
{
	f->flags = (unsigned long)nid << FOLIO_NID_SHIFT | BIT(PG_reserved);
	f->_refcount = 1;
	f->_mapcount = -1;
	INIT_LIST_HEAD(&f->lru);
}

/*
 * deferred_grow_zone(): initialise the memory map of the zone's next
 * section, when the allocator reaches it.  The kernel defers only the
 * highest zone of a node, grows it so during boot and initialises the rest
 * in kthreads before init runs; the model never needs the rest, in any
 * zone, so boot costs nothing per GiB and a zone's first frame costs one
 * section of metadata, not that of the zones below it.
 */
void deferred_grow_zone(struct zone *zone)
{
	struct machine *m = zone->zone_pgdat->machine;
	unsigned long pfn = zone->first_deferred_pfn;
	unsigned long end = min(SECTION_ALIGN_UP(pfn + 1),
				zone->zone_start_pfn + zone->spanned_pages);

	for (; pfn < end; pfn++)
		init_single_folio(&m->mem_map[pfn], zone->zone_pgdat->node_id);
	zone->first_deferred_pfn = end;
}

/*
 * QEMU's pc machine puts RAM below 4 GiB up to 3.5 GiB of it, else 3 GiB
 * and the rest above 4 GiB: the end of DMA32, in the model's pfns.
 */
static unsigned long below_4g_pages(struct machine *m)
{
	u64 ram = m->cfg.memory_bytes;

	return (ram >= (3584ULL << 20) ? 3ULL << 30 : ram) >> PAGE_SHIFT;
}

/* zone_sizes_init(): the node's share of DMA, DMA32 and Normal */
static void zone_sizes_init(struct machine *m, struct pglist_data *pgdat)
{
	unsigned long bounds[MAX_NR_ZONES + 1] = {
		0, 16UL << (20 - PAGE_SHIFT), below_4g_pages(m), ULONG_MAX,
		ULONG_MAX,
	};
	unsigned long start = pgdat->node_start_pfn, end = pgdat_end_pfn(pgdat);
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		unsigned long lo = clamp(bounds[z], start, end);
		unsigned long hi = clamp(bounds[z + 1], start, end);

		zone->zone_pgdat = pgdat;
		zone->idx = z;
		zone->zone_start_pfn = lo;
		zone->spanned_pages = z == ZONE_MOVABLE ? 0 : hi - lo;
		zone->first_unused_pfn = zone->unused_end = lo;
		zone->first_deferred_pfn = lo;
		INIT_LIST_HEAD(&zone->free_list);
	}
}

static int free_area_init_node(struct machine *m, int nid)
{
	struct pglist_data *pgdat = calloc(1, sizeof(*pgdat));

	if (!pgdat)
		return -ENOMEM;
	m->node_data[nid] = pgdat;
	pgdat->node_id = nid;
	pgdat->machine = m;
	pgdat->node_start_pfn = m->phys.node_start_pfn[nid];
	pgdat->node_present_pages = m->phys.node_pages[nid];
	pgdat->node_mem_map = m->mem_map + pgdat->node_start_pfn;
	zone_sizes_init(m, pgdat);
	return 0;
}

static int free_area_init(struct machine *m)
{
	int nid, err;

	m->nr_nodes = m->phys.nr_nodes;
	err = sparse_init(m);
	for (nid = 0; !err && nid < m->nr_nodes; nid++)
		err = free_area_init_node(m, nid);
	return err;
}

/*
 * The page allocator's boot: the frames memblock does not keep, the
 * watermarks of init (and khugepaged's), the init memory given back, and
 * THP switched off, as on the kernel backend's guest.  A machine too small
 * for the kernel's own reservations fails to boot.
 */
static int page_alloc_init(struct machine *m)
{
	memblock_free_all(m, below_4g_pages(m));
	if (m->totalram_pages < (4UL << (20 - PAGE_SHIFT)))
		return -ENOMEM;
	init_per_zone_wmark_min(m);
	free_initmem(m);
	thp_disabled_wmarks(m);
	return 0;
}

/* One frame that every read of untouched anonymous memory maps. */
static int zero_page_init(struct machine *m)
{
	struct folio *folio = folio_alloc(m, __GFP_ZERO, 0);

	if (!folio)
		return -ENOMEM;
	folio_set(folio, PG_reserved);
	m->zero_pfn = folio_pfn(m, folio);
	return 0;
}

int mm_core_init(struct machine *m)
{
	int err;

	err = free_area_init(m);
	if (!err)
		err = page_alloc_init(m);
	if (!err)
		kswapd_init(m);
	if (!err)
		err = zero_page_init(m);
	if (!err)
		err = lru_init(m);
	if (!err)
		err = kmem_cache_init(m);
	return err;
}

void free_area_release(struct machine *m)
{
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		struct pglist_data *pgdat = m->node_data[nid];

		if (!pgdat)
			continue;
		/* kswapd_stop(): a kswapd woken at the end still waits */
		sim_event_cancel(&m->clock, &pgdat->kswapd);
		free(pgdat);
		m->node_data[nid] = NULL;
	}
	if (m->mem_map)
		munmap(m->mem_map, m->phys.nr_pages * sizeof(struct folio));
	m->mem_map = NULL;
}
