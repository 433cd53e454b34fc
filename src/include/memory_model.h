/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Frames, their struct folio and their bytes (include/asm-generic/
 * memory_model.h, the address helpers of include/linux/mm.h).  Each node's
 * struct folio array (node_mem_map, set up by mm/mm_init.c) covers its pfn
 * range; every frame's bytes sit in the machine's RAM at pfn * PAGE_SIZE,
 * as the kernel's direct map places them.
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
	struct pglist_data *pgdat = folio_pgdat(m, f);

	return pgdat->node_start_pfn + (unsigned long)(f - pgdat->node_mem_map);
}

static inline struct pglist_data *pfn_pgdat(struct machine *m, unsigned long pfn)
{
	struct pglist_data *pgdat = m->node_data[0];
	int nid = 0;

	/* node 0 first: a one-node machine decides with one comparison */
	while (pfn - pgdat->node_start_pfn >= pgdat->node_present_pages) {
		if (++nid == m->nr_nodes)
			return NULL;
		pgdat = m->node_data[nid];
	}
	return pgdat;
}

static inline struct folio *pfn_folio(struct machine *m, unsigned long pfn)
{
	struct pglist_data *pgdat = pfn_pgdat(m, pfn);

	return pgdat ? &pgdat->node_mem_map[pfn - pgdat->node_start_pfn] : NULL;
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
