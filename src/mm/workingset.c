// SPDX-License-Identifier: GPL-2.0
/*
 * Workingset detection (mm/workingset.c), classic LRU flavour.
 *
 * Each lruvec keeps a clock (nonresident_age) that ticks on evictions and
 * activations, at that lruvec and all its ancestors.  An evicted page
 * leaves a shadow with the clock reading of the reclaim target's lruvec; on
 * refault, the distance the clock moved since is compared with the size of
 * the working set that could have held the page.  The shadow packs the
 * memcg ID, node, workingset bit and the clock into an xarray value entry,
 * as the kernel does (bucket_order is 0 at the model's memory sizes).
 */
#include "workingset.h"

#include "include/memory_model.h"
#include "mm/memcontrol.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "lib/xarray.h"

#define WORKINGSET_SHIFT	1
#define NODES_SHIFT		6
#define MEMCG_ID_SHIFT		16
#define EVICTION_SHIFT		(WORKINGSET_SHIFT + NODES_SHIFT + MEMCG_ID_SHIFT)
#define EVICTION_MASK		(~0UL >> (EVICTION_SHIFT + 1))

static void *pack_shadow(unsigned short memcgid, int nid,
			 unsigned long eviction, bool workingset)
{
	eviction &= EVICTION_MASK;
	eviction = (eviction << MEMCG_ID_SHIFT) | memcgid;
	eviction = (eviction << NODES_SHIFT) | nid;
	eviction = (eviction << WORKINGSET_SHIFT) | workingset;
	return xa_mk_value(eviction);
}

static void unpack_shadow(void *shadow, unsigned short *memcgid, int *nid,
			  unsigned long *eviction, bool *workingset)
{
	unsigned long entry = xa_to_value(shadow);

	*workingset = entry & 1;
	entry >>= WORKINGSET_SHIFT;
	*nid = entry & ((1UL << NODES_SHIFT) - 1);
	entry >>= NODES_SHIFT;
	*memcgid = entry & ((1UL << MEMCG_ID_SHIFT) - 1);
	*eviction = entry >> MEMCG_ID_SHIFT;
}

static struct lruvec *parent_lruvec(struct lruvec *lruvec)
{
	struct mem_cgroup *parent = parent_mem_cgroup(lruvec->memcg);

	return parent ? mem_cgroup_lruvec(parent, lruvec->pgdat->node_id) : NULL;
}

void workingset_age_nonresident(struct lruvec *lruvec, unsigned long nr)
{
	do {
		lruvec->nonresident_age += nr;
	} while ((lruvec = parent_lruvec(lruvec)));
}

void *workingset_eviction(struct machine *m, struct folio *folio,
			  struct mem_cgroup *target_memcg)
{
	struct mem_cgroup *memcg = target_memcg ?: m->root_mem_cgroup;
	struct lruvec *lruvec = mem_cgroup_lruvec(memcg, folio_nid(folio));
	unsigned long eviction = lruvec->nonresident_age;

	workingset_age_nonresident(lruvec, 1);
	return pack_shadow(memcg->id, folio_nid(folio), eviction,
			   folio_test(folio, PG_workingset));
}

/* Was the page evicted recently enough that it would have stayed? */
static bool workingset_test_recent(struct machine *m, void *shadow, bool file,
				   bool *workingset)
{
	struct mem_cgroup *eviction_memcg;
	struct lruvec *eviction_lruvec;
	unsigned long eviction, refault_distance, workingset_size;
	unsigned short memcgid;
	int nid;

	unpack_shadow(shadow, &memcgid, &nid, &eviction, workingset);
	eviction_memcg = memcgid ? mem_cgroup_from_id(m, memcgid)
				 : m->root_mem_cgroup;
	if (!eviction_memcg || nid >= m->nr_nodes)
		return false;
	eviction_lruvec = mem_cgroup_lruvec(eviction_memcg, nid);
	refault_distance = (eviction_lruvec->nonresident_age - eviction) &
			   EVICTION_MASK;
	workingset_size = lruvec_page_state(eviction_lruvec, NR_ACTIVE_FILE);
	if (!file)
		workingset_size += lruvec_page_state(eviction_lruvec,
						     NR_INACTIVE_FILE);
	if (mem_cgroup_get_nr_swap_pages(eviction_memcg) > 0) {
		workingset_size += lruvec_page_state(eviction_lruvec,
						     NR_ACTIVE_ANON);
		if (file)
			workingset_size += lruvec_page_state(eviction_lruvec,
							     NR_INACTIVE_ANON);
	}
	return refault_distance <= workingset_size;
}

void workingset_refault(struct machine *m, struct folio *folio, void *shadow)
{
	bool file = folio_is_file_lru(folio);
	struct lruvec *lruvec = folio_lruvec(m, folio);
	bool workingset;

	mod_lruvec_state(lruvec, WORKINGSET_REFAULT_BASE + file, 1);
	if (!workingset_test_recent(m, shadow, file, &workingset))
		return;
	folio_set(folio, PG_active);
	workingset_age_nonresident(lruvec, 1);
	mod_lruvec_state(lruvec, WORKINGSET_ACTIVATE_BASE + file, 1);
	if (workingset) {
		folio_set(folio, PG_workingset);
		lru_note_cost_refault(lruvec, file, 1);
		mod_lruvec_state(lruvec, WORKINGSET_RESTORE_BASE + file, 1);
	}
}

void workingset_activation(struct machine *m, struct folio *folio)
{
	if (!folio_memcg(folio))
		return;
	workingset_age_nonresident(folio_lruvec(m, folio), 1);
}
