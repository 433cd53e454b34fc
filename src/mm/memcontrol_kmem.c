// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel memory accounting through obj_cgroup (the objcg parts of
 * mm/memcontrol.c, 6.12).
 *
 * Kernel objects are charged in bytes to an obj_cgroup.  Whole pages are
 * charged to the objcg's memcg (and counted as MEMCG_KMEM); the sub-page
 * rest lives in the per-CPU obj stock, whose leftovers return to the objcg
 * when the stock changes hands.  When a memcg goes offline its objcgs are
 * pointed at the parent, so the objects it leaves behind neither pin it nor
 * get lost: their frees uncharge the parent.
 *
 * Which objcg pays for an allocation of the running task (task->objcg and
 * the designs of seed 003) is memcontrol_task.c's.
 *
 * Differences: slab statistics batched in the stock are flushed exactly
 * as in 6.12.
 *
 * Policy memcg.offline_kmem=drain (seed 001, v15 of "kmemcg shrinkers"):
 * on offline neither the list_lrus nor the objcg move to the parent; the
 * dead memcg's objects are shrunk in a loop instead, and the objcg keeps
 * the memcg (its ID and css) alive until the last charged object is gone.
 */
#include "memcontrol.h"

#include <errno.h>
#include <stdlib.h>

#include "include/machine.h"
#include "include/bug.h"
#include "include/rcupdate.h"
#include "include/memory_model.h"
#include "include/sched.h"
#include "mm/list_lru.h"
#include "include/mm_types.h"
#include "mm/shrinker.h"
#include "mm/slab.h"
#include "mm/vmstat.h"

/* ---- objcg lifetime ---- */

static struct obj_cgroup *obj_cgroup_alloc(struct machine *m)
{
	struct obj_cgroup *objcg = calloc(1, sizeof(*objcg));

	if (!objcg)
		return NULL;
	objcg->machine = m;
	objcg->refcnt = 1;
	INIT_LIST_HEAD(&objcg->list);
	return objcg;
}

static void obj_cgroup_free_rcu(struct rcu_head *head)
{
	free(container_of(head, struct obj_cgroup, rcu));
}

static void obj_cgroup_uncharge_pages(struct obj_cgroup *objcg,
				      unsigned int nr_pages);

/*
 * Drain policy: the dead memcg's last charged object is gone.  Its lists
 * (empty, or holding uncharged stragglers) go to the parent before its ID
 * can be reused, then the ID, and with it the css, is let go.
 */
static void memcg_drain_release(struct mem_cgroup *memcg)
{
	struct mem_cgroup *parent = parent_mem_cgroup(memcg);

	memcg_reparent_list_lrus(memcg, parent ? parent
				 : memcg->machine->root_mem_cgroup);
	mem_cgroup_id_put_many(memcg, 1);
}

/*
 * The last reference is gone: the bytes left charged add up to whole
 * pages (every object was freed), which go back to the current owner.
 */
static void obj_cgroup_release(struct obj_cgroup *objcg)
{
	unsigned long nr_bytes = objcg->nr_charged_bytes;

	MODEL_BUG_ON(objcg->machine, nr_bytes & (PAGE_SIZE - 1),
		     "objcg released with %lu stray bytes",
		     nr_bytes & (PAGE_SIZE - 1));
	if (nr_bytes >> PAGE_SHIFT)
		obj_cgroup_uncharge_pages(objcg, nr_bytes >> PAGE_SHIFT);
	list_del(&objcg->list);
	if (objcg->drain_pin)
		memcg_drain_release(objcg->memcg);
	call_rcu(objcg->machine, &objcg->rcu, obj_cgroup_free_rcu);
}

void obj_cgroup_get(struct obj_cgroup *objcg)
{
	objcg->machine->objcg_refops++;
	objcg->refcnt++;
}

static bool obj_cgroup_tryget(struct obj_cgroup *objcg)
{
	objcg->machine->objcg_refops++;
	if (objcg->ref_killed && !objcg->refcnt)
		return false;
	objcg->refcnt++;
	return true;
}

void obj_cgroup_put(struct obj_cgroup *objcg)
{
	objcg->machine->objcg_refops++;
	if (MODEL_BUG_ON(objcg->machine, objcg->refcnt <= 0,
			 "objcg %p: put of %ld references", objcg, objcg->refcnt))
		return;
	if (--objcg->refcnt)
		return;
	obj_cgroup_release(objcg);
}

static struct mem_cgroup *get_mem_cgroup_from_objcg(struct obj_cgroup *objcg)
{
	struct mem_cgroup *memcg = objcg->memcg;

	css_get(&memcg->css);
	return memcg;
}

/* ---- memcg online/offline ---- */

int memcg_online_kmem(struct mem_cgroup *memcg)
{
	struct obj_cgroup *objcg;

	if (mem_cgroup_is_root(memcg))
		return 0;
	objcg = obj_cgroup_alloc(memcg->machine);
	if (!objcg)
		return -ENOMEM;
	objcg->memcg = memcg;
	memcg->objcg = objcg;
	obj_cgroup_get(objcg);		/* orig_objcg, dropped at free */
	memcg->orig_objcg = objcg;
	memcg->kmemcg_id = memcg->id;
	return 0;
}

/* The list_lru items still charged to @memcg, over every node. */
static unsigned long memcg_nr_lru_items(struct mem_cgroup *memcg)
{
	struct machine *m = memcg->machine;
	unsigned long nr = 0;
	struct list_lru *lru;
	int nid;

	list_for_each_entry(lru, &m->memcg_list_lrus, list)
		for (nid = 0; nid < m->nr_nodes; nid++)
			nr += list_lru_count_one(lru, nid, memcg);
	return nr;
}

/*
 * Seed 001's v15: shrink the dead memcg's objects at full pressure
 * until only a few (10) are left or nothing more can be freed.  The
 * objcg stays with the memcg and, with the base and original references
 * gone, lives exactly as long as charged objects do; it holds the ID,
 * which holds the css, so the memcg stays dying until then.
 */
static void memcg_drain_offline_kmem(struct mem_cgroup *memcg)
{
	struct machine *m = memcg->machine;
	struct obj_cgroup *objcg = memcg->objcg;
	unsigned long freed;
	int nid;

	do {
		freed = 0;
		for (nid = 0; nid < m->nr_nodes; nid++)
			freed += shrink_slab(m, GFP_KERNEL, nid, memcg, 0);
	} while (freed && memcg_nr_lru_items(memcg) > 10);

	memcg->objcg = NULL;
	mem_cgroup_id_get_many(memcg, 1);
	objcg->drain_pin = true;
	objcg->ref_killed = true;
	memcg->orig_objcg = NULL;
	obj_cgroup_put(objcg);		/* orig_objcg */
	obj_cgroup_put(objcg);		/* the base reference */
}

/*
 * memcg_reparent_objcgs(): the active objcg and every objcg inherited from
 * dead children now belong to the parent; the active one is killed, so it
 * goes away with its last object.
 */
void memcg_offline_kmem(struct mem_cgroup *memcg)
{
	struct mem_cgroup *parent = parent_mem_cgroup(memcg);
	struct obj_cgroup *objcg = memcg->objcg, *iter;

	if (mem_cgroup_is_root(memcg) || !objcg)
		return;
	if (memcg->machine->policy.offline_kmem_drain) {
		memcg_drain_offline_kmem(memcg);
		return;
	}
	if (!parent)
		parent = memcg->machine->root_mem_cgroup;
	/* lists first: list_lru helpers must not see the parent's objcg on
	 * objects while the child's lists still hold them */
	memcg_reparent_list_lrus(memcg, parent);
	memcg->objcg = NULL;
	list_add(&objcg->list, &memcg->objcg_list);
	list_for_each_entry(iter, &memcg->objcg_list, list)
		iter->memcg = parent;
	list_splice_tail_init(&memcg->objcg_list, &parent->objcg_list);
	objcg->ref_killed = true;
	obj_cgroup_put(objcg);		/* the base reference */
}

void memcg_free_kmem(struct mem_cgroup *memcg)
{
	if (memcg->orig_objcg)
		obj_cgroup_put(memcg->orig_objcg);
	memcg->orig_objcg = NULL;
}

/* ---- which objcg pays ---- */

/* From @memcg towards the root: the first objcg whose tryget succeeds. */
struct obj_cgroup *__get_obj_cgroup_from_memcg(struct mem_cgroup *memcg)
{
	for (; !mem_cgroup_is_root(memcg); memcg = parent_mem_cgroup(memcg)) {
		struct obj_cgroup *objcg = memcg->objcg;

		if (objcg && obj_cgroup_tryget(objcg))
			return objcg;
	}
	return NULL;
}

/* A referenced objcg for pages charged to @memcg (zswap, folio owners). */
struct obj_cgroup *get_obj_cgroup_from_memcg(struct mem_cgroup *memcg)
{
	return __get_obj_cgroup_from_memcg(memcg);
}

/* ---- charging pages and bytes ---- */

static struct memcg_stock_pcp *this_cpu_stock(struct machine *m)
{
	return &m->memcg_stock[m->current ? m->current->cpu : 0];
}

static int obj_cgroup_charge_pages(struct obj_cgroup *objcg, gfp_t gfp,
				   unsigned int nr_pages)
{
	struct mem_cgroup *memcg = get_mem_cgroup_from_objcg(objcg);
	int ret = try_charge_memcg(memcg, gfp, nr_pages);

	if (!ret)
		mod_memcg_state(memcg, MEMCG_KMEM, nr_pages);
	css_put(&memcg->css);
	return ret;
}

/* Whole pages go back through the page stock (6.12). */
static void obj_cgroup_uncharge_pages(struct obj_cgroup *objcg,
				      unsigned int nr_pages)
{
	struct mem_cgroup *memcg = get_mem_cgroup_from_objcg(objcg);

	mod_memcg_state(memcg, MEMCG_KMEM, -(long)nr_pages);
	refill_stock(memcg, nr_pages);
	css_put(&memcg->css);
}

static void mod_objcg_mlstate(struct obj_cgroup *objcg,
			      struct pglist_data *pgdat,
			      enum node_stat_item idx, int nr)
{
	mod_memcg_lruvec_state(mem_cgroup_lruvec(objcg->memcg, pgdat->node_id),
			       idx, nr);
}

static void flush_slab_stats(struct memcg_stock_pcp *stock,
			     struct obj_cgroup *objcg)
{
	if (stock->nr_slab_reclaimable_b)
		mod_objcg_mlstate(objcg, stock->cached_pgdat,
				  NR_SLAB_RECLAIMABLE_B,
				  stock->nr_slab_reclaimable_b);
	if (stock->nr_slab_unreclaimable_b)
		mod_objcg_mlstate(objcg, stock->cached_pgdat,
				  NR_SLAB_UNRECLAIMABLE_B,
				  stock->nr_slab_unreclaimable_b);
	stock->nr_slab_reclaimable_b = 0;
	stock->nr_slab_unreclaimable_b = 0;
}

/*
 * Empty the obj stock: whole pages are uncharged, the sub-page rest is
 * parked in the objcg, pending slab statistics are flushed.  Returns the
 * objcg whose reference the caller must drop.
 */
static struct obj_cgroup *drain_obj_stock(struct memcg_stock_pcp *stock)
{
	struct obj_cgroup *old = stock->cached_objcg;

	if (!old)
		return NULL;
	if (stock->nr_bytes) {
		unsigned int nr_pages = stock->nr_bytes >> PAGE_SHIFT;

		if (nr_pages)
			obj_cgroup_uncharge_pages(old, nr_pages);
		old->nr_charged_bytes += stock->nr_bytes & (PAGE_SIZE - 1);
		stock->nr_bytes = 0;
	}
	if (stock->cached_pgdat)
		flush_slab_stats(stock, old);
	stock->cached_pgdat = NULL;
	stock->cached_objcg = NULL;
	return old;
}

/* Make the stock serve @objcg, taking over its parked bytes. */
static struct obj_cgroup *stock_adopt(struct memcg_stock_pcp *stock,
				      struct obj_cgroup *objcg)
{
	struct obj_cgroup *old = drain_obj_stock(stock);

	obj_cgroup_get(objcg);
	stock->nr_bytes = objcg->nr_charged_bytes;
	objcg->nr_charged_bytes = 0;
	stock->cached_objcg = objcg;
	return old;
}

static bool consume_obj_stock(struct machine *m, struct obj_cgroup *objcg,
			      unsigned int nr_bytes)
{
	struct memcg_stock_pcp *stock = this_cpu_stock(m);

	if (stock->cached_objcg != objcg || stock->nr_bytes < nr_bytes)
		return false;
	stock->nr_bytes -= nr_bytes;
	return true;
}

static void refill_obj_stock(struct machine *m, struct obj_cgroup *objcg,
			     unsigned int nr_bytes, bool allow_uncharge)
{
	struct memcg_stock_pcp *stock = this_cpu_stock(m);
	struct obj_cgroup *old = NULL;
	unsigned int nr_pages = 0;

	if (stock->cached_objcg != objcg) {
		old = stock_adopt(stock, objcg);
		allow_uncharge = true;
	}
	stock->nr_bytes += nr_bytes;
	if (allow_uncharge && stock->nr_bytes > PAGE_SIZE) {
		nr_pages = stock->nr_bytes >> PAGE_SHIFT;
		stock->nr_bytes &= PAGE_SIZE - 1;
	}
	if (old)
		obj_cgroup_put(old);
	if (nr_pages)
		obj_cgroup_uncharge_pages(objcg, nr_pages);
}

int obj_cgroup_charge(struct obj_cgroup *objcg, gfp_t gfp, size_t size)
{
	struct machine *m = objcg->machine;
	unsigned int nr_pages = size >> PAGE_SHIFT;
	unsigned int nr_bytes = size & (PAGE_SIZE - 1);
	int ret;

	if (consume_obj_stock(m, objcg, size))
		return 0;
	/* charge whole pages; the unused tail of the last one is stocked */
	if (nr_bytes)
		nr_pages++;
	ret = obj_cgroup_charge_pages(objcg, gfp, nr_pages);
	if (!ret && nr_bytes)
		refill_obj_stock(m, objcg, PAGE_SIZE - nr_bytes, false);
	return ret;
}

void obj_cgroup_uncharge(struct obj_cgroup *objcg, size_t size)
{
	refill_obj_stock(objcg->machine, objcg, size, true);
}

/*
 * Slab statistics of a memcg are the bytes of its objects, batched per CPU
 * in the stock and flushed once they exceed a page.
 */
void mod_objcg_state(struct obj_cgroup *objcg, struct pglist_data *pgdat,
		     enum node_stat_item idx, int nr)
{
	struct memcg_stock_pcp *stock = this_cpu_stock(objcg->machine);
	struct obj_cgroup *old = NULL;
	int *bytes;

	if (stock->cached_objcg != objcg) {
		old = stock_adopt(stock, objcg);
		stock->cached_pgdat = pgdat;
	} else if (stock->cached_pgdat != pgdat) {
		flush_slab_stats(stock, objcg);
		stock->cached_pgdat = pgdat;
	}
	bytes = idx == NR_SLAB_RECLAIMABLE_B ? &stock->nr_slab_reclaimable_b
					     : &stock->nr_slab_unreclaimable_b;
	if (!*bytes) {
		*bytes = nr;
		nr = 0;
	} else {
		*bytes += nr;
		if (abs(*bytes) > (int)PAGE_SIZE) {
			nr = *bytes;
			*bytes = 0;
		} else {
			nr = 0;
		}
	}
	if (nr)
		mod_objcg_mlstate(objcg, pgdat, idx, nr);
	if (old)
		obj_cgroup_put(old);
}

/* drain_all_stock()'s part: a stock holding @root's subtree's bytes */
void drain_obj_stock_of(struct memcg_stock_pcp *stock, struct mem_cgroup *root)
{
	struct obj_cgroup *old;

	if (!stock->cached_objcg ||
	    !mem_cgroup_is_descendant(stock->cached_objcg->memcg, root))
		return;
	old = drain_obj_stock(stock);
	if (old)
		obj_cgroup_put(old);
}

/*
 * A new memcg's per-CPU statistics are allocated with the parent as the
 * active memcg, so the parent pays for them: one memcg_vmstats_percpu
 * (1088 bytes: 38 states and 25 events twice, and three pointers, rounded
 * up to the cache line it is aligned to) and one lruvec_stats_percpu per
 * node (31 states twice, 496 bytes), sizes as Debian's 6.12 config makes
 * them (MEMCG_V1 off, NUMA_BALANCING, THP and ZSWAP on).
 */
#define MEMCG_VMSTATS_PERCPU_BYTES	1088
#define LRUVEC_STATS_PERCPU_BYTES	496
#define PCPU_MIN_ALLOC_SIZE		4

/*
 * pcpu_obj_full_size(): a copy per possible CPU, and the chunk's objcg
 * pointer for every PCPU_MIN_ALLOC_SIZE bytes of it.
 */
static unsigned long pcpu_obj_full_size(struct machine *m, unsigned long size)
{
	return size * m->nr_cpus +
	       size / PCPU_MIN_ALLOC_SIZE * sizeof(struct obj_cgroup *);
}

void memcg_charge_percpu(struct mem_cgroup *memcg, struct mem_cgroup *parent)
{
	struct machine *m = memcg->machine;
	unsigned long size = pcpu_obj_full_size(m, MEMCG_VMSTATS_PERCPU_BYTES) +
			     pcpu_obj_full_size(m, LRUVEC_STATS_PERCPU_BYTES) *
			     m->nr_nodes;
	struct obj_cgroup *objcg;

	if (!parent)
		return;
	objcg = __get_obj_cgroup_from_memcg(parent);
	if (!objcg)
		return;		/* the root pays for nothing */
	if (obj_cgroup_charge(objcg, GFP_KERNEL | __GFP_NOFAIL, size)) {
		obj_cgroup_put(objcg);
		return;
	}
	mod_memcg_state(objcg->memcg, MEMCG_PERCPU_B, size);
	memcg->percpu_objcg = objcg;
	memcg->percpu_bytes = size;
}

void memcg_uncharge_percpu(struct mem_cgroup *memcg)
{
	struct obj_cgroup *objcg = memcg->percpu_objcg;

	if (!objcg)
		return;
	mod_memcg_state(objcg->memcg, MEMCG_PERCPU_B, -(long)memcg->percpu_bytes);
	obj_cgroup_uncharge(objcg, memcg->percpu_bytes);
	obj_cgroup_put(objcg);
	memcg->percpu_objcg = NULL;
}

/*
 * The rest of what 6.12's mem_cgroup_alloc() charges to the parent (the
 * active memcg during css_alloc): struct memcg_vmstats, about 1.5 KiB on
 * x86_64 (three arrays of ~38 states and ~25 events, longs), from
 * kmalloc-cg-2k, and one struct lruvec_stats per node, three arrays of ~31
 * longs, from kmalloc-cg-1k.  struct mem_cgroup and mem_cgroup_per_node
 * themselves are GFP_KERNEL, not accounted.  The model keeps its counters
 * elsewhere: these objects only carry the charge and the slab bytes.
 */
#define MEMCG_VMSTATS_BYTES	1520
#define LRUVEC_STATS_BYTES	744

int memcg_alloc_stats(struct mem_cgroup *memcg, struct mem_cgroup *parent)
{
	struct machine *m = memcg->machine;
	struct mem_cgroup *old = set_active_memcg(m, parent);
	int nid, err = 0;

	memcg->vmstats = kzalloc(m, MEMCG_VMSTATS_BYTES, GFP_KERNEL_ACCOUNT);
	if (!memcg->vmstats)
		err = -ENOMEM;
	for (nid = 0; nid < m->nr_nodes && !err; nid++) {
		struct mem_cgroup_per_node *pn = memcg->nodeinfo[nid];

		pn->lruvec_stats = kzalloc(m, LRUVEC_STATS_BYTES,
					   GFP_KERNEL_ACCOUNT);
		if (!pn->lruvec_stats)
			err = -ENOMEM;
	}
	set_active_memcg(m, old);
	return err;
}

void memcg_free_stats(struct mem_cgroup *memcg)
{
	struct machine *m = memcg->machine;
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++) {
		if (!memcg->nodeinfo[nid])
			continue;
		kfree(m, memcg->nodeinfo[nid]->lruvec_stats);
		memcg->nodeinfo[nid]->lruvec_stats = NULL;
	}
	kfree(m, memcg->vmstats);
	memcg->vmstats = NULL;
}

/*
 * Kernel pages (page tables, stacks): whole pages through the current
 * objcg.  The page holds one reference: its own (6.12), or the one the
 * lookup took (before 6.7, objcg.task_cache=off).
 */
int memcg_kmem_charge_page(struct machine *m, struct folio *folio, gfp_t gfp)
{
	bool held;
	struct obj_cgroup *objcg = objcg_alloc_begin(m, &held);
	int ret;

	if (!objcg)
		return 0;
	ret = obj_cgroup_charge_pages(objcg, gfp, 1);
	if (ret) {
		if (held)
			objcg_alloc_put(m, objcg);
		return ret;
	}
	if (!held)
		objcg_alloc_get(m, objcg);
	folio->memcg_data = (unsigned long)objcg | MEMCG_DATA_KMEM;
	return 0;
}

void memcg_kmem_uncharge_page(struct folio *folio)
{
	struct obj_cgroup *objcg = (void *)(folio->memcg_data & ~MEMCG_DATA_FLAGS_MASK);

	obj_cgroup_uncharge_pages(objcg, 1);
	folio->memcg_data = 0;
	obj_cgroup_put(objcg);
}

void drain_obj_stocks(struct machine *m)
{
	int cpu;

	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		struct obj_cgroup *old = drain_obj_stock(&m->memcg_stock[cpu]);

		if (old)
			obj_cgroup_put(old);
	}
}
