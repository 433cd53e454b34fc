// SPDX-License-Identifier: GPL-2.0
/*
 * The memory controller's statistics and events (the vmstats and
 * memory.events parts of mm/memcontrol.c): per-memcg and per-lruvec
 * counters that memory.stat, memory.numa_stat and memory.events show.
 *
 * Differences from 6.12: counts are exact instead of per-CPU deltas
 * flushed by rstat: a change goes to the memcg's own count and to the
 * subtree count of the memcg and each ancestor, so that a hierarchical
 * read costs the same with 1000 cgroups as with one.  A node item is
 * counted per lruvec only; a memcg's count of it is the sum over nodes.  A freed memcg's own
 * counts are folded into its parent's, as the kernel's flush leaves them
 * (the ancestors' subtree counts have them already).
 */
#include "memcontrol.h"

#include "mm/vmstat.h"

static const char *const memory_event_names[MEMCG_NR_MEMORY_EVENTS] = {
	"low", "high", "max", "oom", "oom_kill", "oom_group_kill",
	"swap_high", "swap_max", "swap_fail",
};

/*
 * The local count goes to @memcg alone; the hierarchical count to @memcg
 * and every ancestor below the root (or to @memcg alone with the
 * memory_localevents mount option).
 */
void memcg_memory_event(struct mem_cgroup *memcg, enum memcg_memory_event event)
{
	struct machine *m = memcg->machine;
	bool swap_event = event == MEMCG_SWAP_HIGH || event == MEMCG_SWAP_MAX ||
			  event == MEMCG_SWAP_FAIL;

	memcg_trace(memcg, "event", "%s", memory_event_names[event]);
	memcg->memory_events_local[event]++;
	if (!swap_event && m->cgrp_opts.memory_localevents) {
		memcg->memory_events[event]++;
		return;
	}
	do {
		memcg->memory_events[event]++;
		memcg = parent_mem_cgroup(memcg);
	} while (memcg && !mem_cgroup_is_root(memcg));
}

void mod_memcg_state(struct mem_cgroup *memcg, int idx, long val)
{
	memcg->vmstats_local[idx] += val;
	for (; memcg; memcg = parent_mem_cgroup(memcg))
		memcg->vmstats_tree[idx] += val;
}

/*
 * A node item is counted per lruvec only: the memcg's count of it is the
 * sum over its nodes (memcg_node_stat()), so an update walks the
 * ancestors once, through their per-node parts.
 */
void mod_memcg_lruvec_state(struct lruvec *lruvec, int idx, long val)
{
	struct mem_cgroup_per_node *pn;

	pn = container_of(lruvec, struct mem_cgroup_per_node, lruvec);
	pn->lruvec_stat_local[idx] += val;
	for (; pn; pn = pn->parent)
		pn->lruvec_stat_tree[idx] += val;
}

void mod_lruvec_state(struct lruvec *lruvec, enum node_stat_item idx, long val)
{
	mod_node_page_state(lruvec->pgdat, idx, val);
	mod_memcg_lruvec_state(lruvec, idx, val);
}

void lruvec_stat_mod_folio(struct machine *m, struct folio *folio,
			   enum node_stat_item idx, long val)
{
	mod_lruvec_state(folio_lruvec(m, folio), idx, val);
}

void count_memcg_events(struct mem_cgroup *memcg, enum vm_event_item idx,
			unsigned long count)
{
	memcg->vmevents_local[idx] += count;
}

void count_memcg_folio_events(struct machine *m, struct folio *folio,
			      enum vm_event_item idx, unsigned long nr)
{
	struct mem_cgroup *memcg = folio_memcg(folio);

	count_memcg_events(memcg ? memcg : m->root_mem_cgroup, idx, nr);
}

/* A node item of @memcg: its per-node counts (@tree: the subtree's), summed. */
static long memcg_node_stat(struct mem_cgroup *memcg, int idx, bool tree)
{
	long sum = 0;
	int nid;

	for (nid = 0; nid < memcg->machine->nr_nodes; nid++) {
		struct mem_cgroup_per_node *pn = memcg->nodeinfo[nid];

		sum += tree ? pn->lruvec_stat_tree[idx] : pn->lruvec_stat_local[idx];
	}
	return sum;
}

long memcg_page_state_local(struct mem_cgroup *memcg, int idx)
{
	if (idx < NR_VM_NODE_STAT_ITEMS)
		return memcg_node_stat(memcg, idx, false);
	return memcg->vmstats_local[idx];
}

long memcg_page_state_raw(struct mem_cgroup *memcg, int idx)
{
	if (idx < NR_VM_NODE_STAT_ITEMS)
		return memcg_node_stat(memcg, idx, true);
	return memcg->vmstats_tree[idx];
}

long memcg_page_state(struct mem_cgroup *memcg, int idx)
{
	long sum = memcg_page_state_raw(memcg, idx);

	return sum < 0 ? 0 : sum;
}

/*
 * mem_cgroup_wb_stats(): the counts come from the memcg's statistics as
 * the periodic rstat flush (every FLUSH_TIME, 2 s) left them: 6.12 reads
 * them through mem_cgroup_flush_stats_ratelimited(), which flushes only
 * when that worker is late.  The headroom is exact: the smallest room
 * under memory.max and memory.high on the way to the root.
 */
#define FLUSH_TIME_NS	(2 * NSEC_PER_SEC)

void mem_cgroup_wb_stats(struct mem_cgroup *memcg, unsigned long *pfilepages,
			 unsigned long *pheadroom, unsigned long *pdirty,
			 unsigned long *pwriteback)
{
	u64 epoch = memcg->machine->clock.now / FLUSH_TIME_NS + 1;
	struct mem_cgroup *parent;

	if (memcg->wb_stats.epoch != epoch) {
		memcg->wb_stats.epoch = epoch;
		memcg->wb_stats.dirty = memcg_page_state(memcg, NR_FILE_DIRTY);
		memcg->wb_stats.writeback = memcg_page_state(memcg, NR_WRITEBACK);
		memcg->wb_stats.filepages =
			memcg_page_state(memcg, NR_INACTIVE_FILE) +
			memcg_page_state(memcg, NR_ACTIVE_FILE);
	}
	*pdirty = memcg->wb_stats.dirty;
	*pwriteback = memcg->wb_stats.writeback;
	*pfilepages = memcg->wb_stats.filepages;
	*pheadroom = PAGE_COUNTER_MAX;
	for (; (parent = parent_mem_cgroup(memcg)); memcg = parent) {
		unsigned long ceiling = min(memcg->memory.max, memcg->memory.high);
		unsigned long used = page_counter_read(&memcg->memory);

		*pheadroom = min(*pheadroom, ceiling - min(ceiling, used));
	}
}

unsigned long memcg_events(struct mem_cgroup *memcg, enum vm_event_item idx)
{
	struct mem_cgroup *iter;
	unsigned long sum = 0;

	for_each_mem_cgroup_tree(iter, memcg)
		sum += iter->vmevents_local[idx] + iter->vmevents_dead[idx];
	return sum;
}

long lruvec_page_state(struct lruvec *lruvec, enum node_stat_item idx)
{
	long sum = container_of(lruvec, struct mem_cgroup_per_node,
				lruvec)->lruvec_stat_tree[idx];

	return sum < 0 ? 0 : sum;
}

/* A freed memcg's cumulative counts live on in its parent's totals. */
void memcg_fold_stats(struct mem_cgroup *memcg)
{
	struct mem_cgroup *parent = parent_mem_cgroup(memcg);
	int i, nid;

	if (!parent)
		return;
	for (i = 0; i < MEMCG_NR_STAT; i++)
		parent->vmstats_dead[i] += memcg->vmstats_local[i] +
					   memcg->vmstats_dead[i];
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		parent->vmevents_dead[i] += memcg->vmevents_local[i] +
					    memcg->vmevents_dead[i];
	for (nid = 0; nid < memcg->machine->nr_nodes; nid++)
		for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
			parent->nodeinfo[nid]->lruvec_stat_dead[i] +=
				memcg->nodeinfo[nid]->lruvec_stat_local[i] +
				memcg->nodeinfo[nid]->lruvec_stat_dead[i];
}


/* ---- seed 004: the pagemap.shmem_swap designs' work (model only) ---- */

void pagemap_stat_add(struct machine *m, struct mem_cgroup *memcg,
		      enum pagemap_stat_item item, u64 n)
{
	m->pagemap_stats[item] += n;
	(memcg ?: m->root_mem_cgroup)->pagemap_stats[item] += n;
}

void pagemap_stat_add_mm(struct mm_struct *mm, enum pagemap_stat_item item,
			 u64 n)
{
	pagemap_stat_add(mm->machine,
			 mm->owner ? mem_cgroup_from_task(mm->owner) : NULL,
			 item, n);
}

void pagemap_stat_add_current(struct machine *m, enum pagemap_stat_item item,
			      u64 n)
{
	pagemap_stat_add(m, m->current ? mem_cgroup_from_task(m->current) : NULL,
			 item, n);
}
