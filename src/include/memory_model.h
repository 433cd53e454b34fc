/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Frames, their struct folio and their bytes (include/asm-generic/
 * memory_model.h, the address helpers of include/linux/mm.h).  The memory
 * map (m->mem_map, set up by mm/mm_init.c) is one array of struct folio by
 * pfn, as SPARSEMEM_VMEMMAP's; every frame's bytes sit in the machine's RAM
 * at pfn * PAGE_SIZE, as the kernel's direct map places them.
 */
#ifndef MEMCGLAB_INCLUDE_MEMORY_MODEL_H
#define MEMCGLAB_INCLUDE_MEMORY_MODEL_H

#include "include/machine.h"
#include "include/mm_types.h"

static inline struct pglist_data *folio_pgdat(struct machine *m,
					      const struct folio *f)
{
	return m->node_data[folio_nid(f)];
}

static inline unsigned long folio_pfn(struct machine *m, const struct folio *f)
{
	return (unsigned long)(f - m->mem_map);
}

/*
 * The frame's struct folio, or NULL past the end of RAM.  A frame the
 * allocator has never reached (in its zone's [first_unused_pfn,
 * unused_end)) is free; its folio may not be initialised yet:
 * pfn_folio_used() says whether it is safe to look at.
 */
static inline struct folio *pfn_folio(struct machine *m, unsigned long pfn)
{
	return pfn < m->phys.nr_pages ? &m->mem_map[pfn] : NULL;
}

static inline struct pglist_data *pfn_pgdat(struct machine *m, unsigned long pfn)
{
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++)
		if (pfn - m->node_data[nid]->node_start_pfn <
		    m->node_data[nid]->node_present_pages)
			return m->node_data[nid];
	return NULL;
}

/* Is frame @pfn's folio initialised and not among those never used? */
static inline bool pfn_folio_used(struct machine *m, unsigned long pfn)
{
	struct pglist_data *pgdat = pfn_pgdat(m, pfn);
	int z;

	for (z = 0; pgdat && z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (pfn - zone->zone_start_pfn < zone->spanned_pages)
			return pfn < zone->first_deferred_pfn &&
			       (pfn < zone->first_unused_pfn ||
				pfn >= zone->unused_end);
	}
	return false;
}

static inline void *pfn_address(struct machine *m, unsigned long pfn)
{
	return m->phys.base + (pfn << PAGE_SHIFT);
}

static inline void *folio_address(struct machine *m, const struct folio *f)
{
	return pfn_address(m, folio_pfn(m, f));
}

/* The frame that holds @addr, or NULL if @addr is not in the machine's RAM. */
static inline struct folio *virt_to_folio(struct machine *m, const void *addr)
{
	const u8 *p = addr;

	if (p < m->phys.base || (unsigned long)(p - m->phys.base) >=
				m->phys.nr_pages << PAGE_SHIFT)
		return NULL;
	return pfn_folio(m, (p - m->phys.base) >> PAGE_SHIFT);
}

#endif
