// SPDX-License-Identifier: GPL-2.0
/*
 * Memory-management boot (mm/mm_init.c): a pglist_data and a mem_map of
 * struct folio for each node of the machine's RAM (free_area_init), then
 * the core allocators in start_kernel()'s order (mm_core_init).  The model
 * keeps every node's mem_map in host memory of its own, not in RAM.
 */
#include "page_alloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "include/memory_model.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/vmscan.h"

/* One host cache line per frame's metadata, never two. */
static struct folio *alloc_node_mem_map(unsigned long nr)
{
	void *map;

	if (posix_memalign(&map, SMP_CACHE_BYTES, nr * sizeof(struct folio)))
		return NULL;
	return memset(map, 0, nr * sizeof(struct folio));
}

static int free_area_init_node(struct machine *m, int nid)
{
	struct pglist_data *pgdat = calloc(1, sizeof(*pgdat));
	unsigned long i, nr = m->phys.node_pages[nid];

	if (!pgdat)
		return -ENOMEM;
	m->node_data[nid] = pgdat;
	pgdat->node_id = nid;
	pgdat->machine = m;
	pgdat->node_start_pfn = m->phys.node_start_pfn[nid];
	pgdat->node_present_pages = nr;
	INIT_LIST_HEAD(&pgdat->free_list);
	pgdat->node_mem_map = alloc_node_mem_map(nr);
	if (!pgdat->node_mem_map)
		return -ENOMEM;
	for (i = 0; i < nr; i++) {
		struct folio *f = &pgdat->node_mem_map[i];

		f->flags = (unsigned long)nid << FOLIO_NID_SHIFT;
		f->_mapcount = -1;
		INIT_LIST_HEAD(&f->lru);
	}
	return 0;
}

static int free_area_init(struct machine *m)
{
	int nid, err;

	m->nr_nodes = m->phys.nr_nodes;
	for (nid = 0; nid < m->nr_nodes; nid++) {
		err = free_area_init_node(m, nid);
		if (err)
			return err;
	}
	m->totalram_pages = m->phys.nr_pages;
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
		free(pgdat->node_mem_map);
		free(pgdat);
		m->node_data[nid] = NULL;
	}
}
