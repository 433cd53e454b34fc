// SPDX-License-Identifier: GPL-2.0
/*
 * The memory controller's swap and zswap accounting (the swap and zswap
 * parts of mm/memcontrol.c, kept in a file of their own so that
 * memcontrol.c stays readable).
 *
 * A swap slot is charged to memory.swap.current of the folio's memcg, or
 * of its nearest ancestor whose ID can still be pinned, and the slot
 * records that memcg's ID (mm/swap_cgroup.c) until it is freed.  zswap's
 * compressed bytes are kernel memory of the entry's obj_cgroup, bounded
 * by memory.zswap.max, and memory.zswap.writeback gates writeback.
 */
#include "memcontrol.h"

#include <errno.h>

#include "mm/swapfile.h"

/* ---- swap ---- */

/* The first memcg from @memcg up whose ID can still be pinned (online,
 * or offline but already holding swap). */
static struct mem_cgroup *mem_cgroup_id_get_online(struct mem_cgroup *memcg)
{
	while (!memcg->id_ref) {
		memcg = parent_mem_cgroup(memcg);
		if (!memcg)
			return NULL;
	}
	return memcg;
}

int mem_cgroup_try_charge_swap(struct machine *m, struct folio *folio,
			       swp_entry_t entry)
{
	struct mem_cgroup *memcg = folio_memcg(folio);

	if (!memcg)
		return 0;
	if (!entry.val) {
		memcg_memory_event(memcg, MEMCG_SWAP_FAIL);
		return 0;
	}
	memcg = mem_cgroup_id_get_online(memcg);
	if (!memcg)
		memcg = m->root_mem_cgroup;
	if (!mem_cgroup_is_root(memcg)) {
		struct page_counter *counter;

		if (!page_counter_try_charge(&memcg->swap, 1, &counter)) {
			memcg_memory_event(memcg, MEMCG_SWAP_MAX);
			memcg_memory_event(memcg, MEMCG_SWAP_FAIL);
			return -ENOMEM;
		}
	}
	mem_cgroup_id_get_many(memcg, 1);
	mod_memcg_state(memcg, MEMCG_SWAP, 1);
	swap_cgroup_record(m, entry, memcg->id);
	return 0;
}

void mem_cgroup_uncharge_swap(struct machine *m, swp_entry_t entry)
{
	unsigned short id = lookup_swap_cgroup_id(m, entry);
	struct mem_cgroup *memcg;

	swap_cgroup_record(m, entry, 0);
	memcg = id ? mem_cgroup_from_id(m, id) : NULL;
	if (!memcg)
		return;
	if (!mem_cgroup_is_root(memcg))
		memcg_counter_uncharge(memcg, &memcg->swap, 1);
	mod_memcg_state(memcg, MEMCG_SWAP, -1);
	mem_cgroup_id_put_many(memcg, 1);
}

long mem_cgroup_get_nr_swap_pages(struct mem_cgroup *memcg)
{
	long nr = get_nr_swap_pages(memcg->machine);

	for (; !mem_cgroup_is_root(memcg); memcg = parent_mem_cgroup(memcg))
		nr = min(nr, (long)memcg->swap.max -
			     (long)page_counter_read(&memcg->swap));
	return nr;
}

/* Free swap eagerly on swap-in when it is scarce, globally or in a memcg. */
bool mem_cgroup_swap_full(struct machine *m, struct folio *folio)
{
	struct mem_cgroup *memcg = folio_memcg(folio);

	if (get_nr_swap_pages(m) * 2 < (long)total_swap_pages(m))
		return true;
	for (; memcg && !mem_cgroup_is_root(memcg); memcg = parent_mem_cgroup(memcg)) {
		unsigned long usage = page_counter_read(&memcg->swap);

		if (usage * 2 >= memcg->swap.high || usage * 2 >= memcg->swap.max)
			return true;
	}
	return false;
}

/* ---- zswap ---- */

bool mem_cgroup_zswap_writeback_enabled(struct mem_cgroup *memcg)
{
	for (; memcg; memcg = parent_mem_cgroup(memcg))
		if (!memcg->zswap_writeback)
			return false;
	return true;
}

/* memory.zswap.max of the memcg and its ancestors, checked before a store */
bool obj_cgroup_may_zswap(struct obj_cgroup *objcg)
{
	struct mem_cgroup *memcg = objcg->memcg;

	for (; !mem_cgroup_is_root(memcg); memcg = parent_mem_cgroup(memcg)) {
		unsigned long max = memcg->zswap_max;

		if (max == PAGE_COUNTER_MAX)
			continue;
		if (!max)
			return false;
		if (memcg_page_state(memcg, MEMCG_ZSWAP_B) / PAGE_SIZE >= max)
			return false;
	}
	return true;
}

/* The compressed bytes count in memory.current, as kernel memory. */
void obj_cgroup_charge_zswap(struct obj_cgroup *objcg, size_t size)
{
	obj_cgroup_charge(objcg, GFP_KERNEL | __GFP_NOFAIL, size);
	mod_memcg_state(objcg->memcg, MEMCG_ZSWAP_B, size);
	mod_memcg_state(objcg->memcg, MEMCG_ZSWAPPED, 1);
}

void obj_cgroup_uncharge_zswap(struct obj_cgroup *objcg, size_t size)
{
	obj_cgroup_uncharge(objcg, size);
	mod_memcg_state(objcg->memcg, MEMCG_ZSWAP_B, -(long)size);
	mod_memcg_state(objcg->memcg, MEMCG_ZSWAPPED, -1);
}
