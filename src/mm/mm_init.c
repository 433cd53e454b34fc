// SPDX-License-Identifier: GPL-2.0
/*
 * Memory-management boot (mm/mm_init.c): the memory map of struct folio
 * over the machine's RAM and a pglist_data for each node (free_area_init),
 * then the core allocators in start_kernel()'s order (mm_core_init).  The
 * model keeps the memory map in host memory of its own, not in RAM, and
 * initialises it a section at a time as the allocator reaches it, as the
 * kernel's deferred struct page init does during boot.
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

/* __init_single_page(): a frame that is free and belongs to @nid. */
static void init_single_folio(struct folio *f, int nid)
{
	f->flags = (unsigned long)nid << FOLIO_NID_SHIFT | BIT(PG_buddy);
	f->_mapcount = -1;
	INIT_LIST_HEAD(&f->lru);
}

/*
 * deferred_grow_zone(): initialise the memory map of the next section of
 * the node, when the allocator reaches it.  The kernel does this during
 * boot only and initialises the rest in kthreads before init runs; the
 * model never needs the rest, so boot costs nothing per GiB.
 */
void deferred_grow_zone(struct pglist_data *pgdat)
{
	struct machine *m = pgdat->machine;
	unsigned long pfn = pgdat->first_deferred_pfn;
	unsigned long end = min(SECTION_ALIGN_UP(pfn + 1), pgdat_end_pfn(pgdat));

	for (; pfn < end; pfn++)
		init_single_folio(&m->mem_map[pfn], pgdat->node_id);
	pgdat->first_deferred_pfn = end;
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
	pgdat->first_deferred_pfn = pgdat->node_start_pfn;
	pgdat->first_unused_pfn = pgdat->node_start_pfn;
	INIT_LIST_HEAD(&pgdat->free_list);
	return 0;
}

static int free_area_init(struct machine *m)
{
	int nid, err;

	m->nr_nodes = m->phys.nr_nodes;
	err = sparse_init(m);
	for (nid = 0; !err && nid < m->nr_nodes; nid++)
		err = free_area_init_node(m, nid);
	m->totalram_pages = m->phys.nr_pages;
	return err;
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
		free(pgdat);
		m->node_data[nid] = NULL;
	}
	if (m->mem_map)
		munmap(m->mem_map, m->phys.nr_pages * sizeof(struct folio));
	m->mem_map = NULL;
}
