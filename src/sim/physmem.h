/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Physical memory: per-node frames and their bytes (arch/x86/mm/init.c and
 * the memory model of include/asm-generic/memory_model.h).  Each node owns a
 * contiguous pfn range, an array of struct folio and an mmap'd arena that
 * holds the frames' real bytes.
 */
#ifndef MEMCGLAB_SIM_PHYSMEM_H
#define MEMCGLAB_SIM_PHYSMEM_H

#include "include/machine.h"
#include "include/mm_types.h"

int physmem_init(struct machine *m);
void physmem_release(struct machine *m);

static inline struct pglist_data *NODE_DATA(struct machine *m, int nid)
{
	return m->node_data[nid];
}

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

static inline void *folio_address(struct machine *m, const struct folio *f)
{
	struct pglist_data *pgdat = folio_pgdat(m, f);

	return pgdat->arena +
	       ((size_t)(f - pgdat->node_mem_map) << PAGE_SHIFT);
}

static inline void *pfn_address(struct machine *m, unsigned long pfn)
{
	struct pglist_data *pgdat = pfn_pgdat(m, pfn);

	return pgdat->arena + ((pfn - pgdat->node_start_pfn) << PAGE_SHIFT);
}

#endif
