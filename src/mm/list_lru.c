// SPDX-License-Identifier: GPL-2.0
/*
 * list_lru (mm/list_lru.c), as in Linux 6.12.
 *
 * Each node has a root list; a memcg-aware lru also has, per memcg that
 * ever put an object on it, a struct list_lru_memcg found in an xarray by
 * the memcg's kmemcg_id.  Sublists are allocated lazily, ancestors first,
 * when an object is allocated for the lru (memcg_list_lru_alloc), so a
 * child's items always have a parent list to go to.  On memcg offline the
 * kmemcg_id of the memcg and of all its descendants becomes the parent's
 * and the lists are spliced to the front of the parent's, so adds and
 * deletes aimed at the dead memcg land on the parent and reclaim walks
 * the orphaned (oldest) items first.
 *
 * 6.12, not 6.13: one lock per node, no per-sublist locks and no
 * LONG_MIN "dead sublist" marker (spec/lru-shrinker-zswap.md §1.6 describes
 * the 6.13 rework); the 6.12 indirection through kmemcg_id has the same
 * effect for adds racing with offline.  As in 6.12, list_lru_add() sets
 * the shrinker bit on the memcg it was given, even when the item went to
 * the parent's list.  The model runs on one thread: isolate callbacks get
 * no lock argument, and the statuses that say "the lock was dropped" only
 * restart the walk.
 */
#include "list_lru.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/bug.h"
#include "include/rcupdate.h"
#include "mm/memcontrol.h"
#include "include/mm_types.h"
#include "mm/shrinker.h"
#include "mm/slab.h"
#include "include/memory_model.h"

int memcg_kmem_id(const struct mem_cgroup *memcg)
{
	return memcg ? memcg->kmemcg_id : -1;
}

static struct list_lru_one *list_lru_from_memcg_idx(struct list_lru *lru,
						    int nid, int idx)
{
	struct list_lru_memcg *mlru;

	if (!lru->memcg_aware || idx < 0)
		return &lru->node[nid].lru;
	mlru = xa_load(&lru->xa, idx);
	return mlru ? &mlru->node[nid] : NULL;
}

static void init_one_lru(struct list_lru_one *l)
{
	INIT_LIST_HEAD(&l->list);
	l->nr_items = 0;
}

int __list_lru_init(struct machine *m, struct list_lru *lru, bool memcg_aware,
		    struct shrinker *shrinker)
{
	int nid;

	lru->machine = m;
	lru->shrinker_id = shrinker ? shrinker->id : -1;
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		init_one_lru(&lru->node[nid].lru);
		lru->node[nid].nr_items = 0;
	}
	lru->memcg_aware = memcg_aware;
	INIT_LIST_HEAD(&lru->list);
	if (!memcg_aware)
		return 0;
	xa_init(&lru->xa);
	list_add(&lru->list, &m->memcg_list_lrus);
	return 0;
}

void list_lru_destroy(struct list_lru *lru)
{
	struct list_lru_memcg *mlru;
	unsigned long index;

	if (!lru->memcg_aware)
		return;
	list_del_init(&lru->list);
	xa_for_each(&lru->xa, index, mlru)
		free(mlru);
	xa_destroy(&lru->xa);
	lru->shrinker_id = -1;
}

/* ---- add, del, isolate, count ---- */

bool list_lru_add(struct list_lru *lru, struct list_head *item, int nid,
		  struct mem_cgroup *memcg)
{
	struct list_lru_one *l;

	if (!list_empty(item))
		return false;
	l = list_lru_from_memcg_idx(lru, nid, memcg_kmem_id(memcg));
	list_add_tail(item, &l->list);
	if (!l->nr_items++)
		set_shrinker_bit(memcg, nid, lru->shrinker_id);
	lru->node[nid].nr_items++;
	return true;
}

bool list_lru_del(struct list_lru *lru, struct list_head *item, int nid,
		  struct mem_cgroup *memcg)
{
	struct list_lru_one *l;

	if (list_empty(item))
		return false;
	l = list_lru_from_memcg_idx(lru, nid, memcg_kmem_id(memcg));
	list_del_init(item);
	l->nr_items--;
	lru->node[nid].nr_items--;
	return true;
}

static void obj_nid_memcg(struct list_lru *lru, struct list_head *item,
			  int *nid, struct mem_cgroup **memcg)
{
	struct folio *folio = virt_to_folio(lru->machine, item);

	*nid = folio ? folio_nid(folio) : 0;
	*memcg = lru->memcg_aware ? mem_cgroup_from_slab_obj(lru->machine, item)
				  : NULL;
}

bool list_lru_add_obj(struct list_lru *lru, struct list_head *item)
{
	struct mem_cgroup *memcg;
	int nid;

	obj_nid_memcg(lru, item, &nid, &memcg);
	return list_lru_add(lru, item, nid, memcg);
}

bool list_lru_del_obj(struct list_lru *lru, struct list_head *item)
{
	struct mem_cgroup *memcg;
	int nid;

	obj_nid_memcg(lru, item, &nid, &memcg);
	return list_lru_del(lru, item, nid, memcg);
}

void list_lru_isolate(struct list_lru_one *list, struct list_head *item)
{
	list_del_init(item);
	list->nr_items--;
}

void list_lru_isolate_move(struct list_lru_one *list, struct list_head *item,
			   struct list_head *head)
{
	list_move(item, head);
	list->nr_items--;
}

unsigned long list_lru_count_one(struct list_lru *lru, int nid,
				 struct mem_cgroup *memcg)
{
	struct list_lru_one *l;

	l = list_lru_from_memcg_idx(lru, nid, memcg_kmem_id(memcg));
	if (!l || l->nr_items < 0)
		return 0;
	return l->nr_items;
}

unsigned long list_lru_count_node(struct list_lru *lru, int nid)
{
	return lru->node[nid].nr_items;
}

unsigned long list_lru_count(struct list_lru *lru)
{
	unsigned long count = 0;
	int nid;

	for (nid = 0; nid < lru->machine->nr_nodes; nid++)
		count += list_lru_count_node(lru, nid);
	return count;
}

unsigned long list_lru_shrink_count(struct list_lru *lru,
				    struct shrink_control *sc)
{
	return list_lru_count_one(lru, sc->nid, sc->memcg);
}

/* ---- walking ---- */

static unsigned long __list_lru_walk_one(struct list_lru *lru, int nid,
					 int memcg_idx,
					 list_lru_walk_cb isolate, void *cb_arg,
					 unsigned long *nr_to_walk)
{
	struct list_head *item, *n;
	unsigned long isolated = 0;
	struct list_lru_one *l;

restart:
	l = list_lru_from_memcg_idx(lru, nid, memcg_idx);
	if (!l)
		return isolated;
	list_for_each_safe(item, n, &l->list) {
		enum lru_status ret;

		/* the budget goes first, or RETRY items could loop forever */
		if (!*nr_to_walk)
			break;
		--*nr_to_walk;
		ret = isolate(item, l, cb_arg);
		switch (ret) {
		case LRU_REMOVED_RETRY:
		case LRU_REMOVED:
			isolated++;
			lru->node[nid].nr_items--;
			if (ret == LRU_REMOVED_RETRY)
				goto restart;
			break;
		case LRU_ROTATE:
			list_move_tail(item, &l->list);
			break;
		case LRU_SKIP:
			break;
		case LRU_RETRY:
			goto restart;
		case LRU_STOP:
			return isolated;
		default:
			MODEL_BUG(lru->machine, "list_lru walk: bad status %d",
				  ret);
			return isolated;
		}
	}
	return isolated;
}

unsigned long list_lru_walk_one(struct list_lru *lru, int nid,
				struct mem_cgroup *memcg,
				list_lru_walk_cb isolate, void *cb_arg,
				unsigned long *nr_to_walk)
{
	return __list_lru_walk_one(lru, nid, memcg_kmem_id(memcg), isolate,
				   cb_arg, nr_to_walk);
}

unsigned long list_lru_shrink_walk(struct list_lru *lru,
				   struct shrink_control *sc,
				   list_lru_walk_cb isolate, void *cb_arg)
{
	return list_lru_walk_one(lru, sc->nid, sc->memcg, isolate, cb_arg,
				 &sc->nr_to_scan);
}

unsigned long list_lru_walk_node(struct list_lru *lru, int nid,
				 list_lru_walk_cb isolate, void *cb_arg,
				 unsigned long *nr_to_walk)
{
	unsigned long isolated, index;
	struct list_lru_memcg *mlru;

	isolated = list_lru_walk_one(lru, nid, NULL, isolate, cb_arg, nr_to_walk);
	if (!*nr_to_walk || !lru->memcg_aware)
		return isolated;
	xa_for_each(&lru->xa, index, mlru) {
		isolated += __list_lru_walk_one(lru, nid, index, isolate, cb_arg,
						nr_to_walk);
		if (!*nr_to_walk)
			break;
	}
	return isolated;
}

unsigned long list_lru_walk(struct list_lru *lru, list_lru_walk_cb isolate,
			    void *cb_arg, unsigned long nr_to_walk)
{
	unsigned long isolated = 0;
	int nid;

	for (nid = 0; nid < lru->machine->nr_nodes; nid++) {
		isolated += list_lru_walk_node(lru, nid, isolate, cb_arg,
					       &nr_to_walk);
		if (!nr_to_walk)
			break;
	}
	return isolated;
}

/* ---- per-memcg sublists ---- */

static struct list_lru_memcg *memcg_init_list_lru_one(void)
{
	struct list_lru_memcg *mlru = calloc(1, sizeof(*mlru));
	int nid;

	if (!mlru)
		return NULL;
	for (nid = 0; nid < MAX_NUMNODES; nid++)
		init_one_lru(&mlru->node[nid]);
	return mlru;
}

static bool memcg_list_lru_allocated(struct mem_cgroup *memcg,
				     struct list_lru *lru)
{
	int idx = memcg->kmemcg_id;

	return idx < 0 || xa_load(&lru->xa, idx);
}

struct mlru_table {
	struct mem_cgroup *memcg;
	struct list_lru_memcg *mlru;
};

/* Publish top-down; an ancestor reparented meanwhile keeps no list. */
static void memcg_list_lru_publish(struct list_lru *lru,
				   struct mlru_table *table, int nr)
{
	while (nr--) {
		int index = table[nr].memcg->kmemcg_id;

		if (index < 0 || xa_load(&lru->xa, index))
			free(table[nr].mlru);
		else
			xa_store(&lru->xa, index, table[nr].mlru);
	}
}

int memcg_list_lru_alloc(struct mem_cgroup *memcg, struct list_lru *lru,
			 gfp_t gfp)
{
	struct mlru_table *table;
	struct mem_cgroup *pos;
	int i, depth = 0;

	if (!lru->memcg_aware || memcg_list_lru_allocated(memcg, lru))
		return 0;
	for (pos = memcg; pos; pos = parent_mem_cgroup(pos))
		depth++;
	table = calloc(depth, sizeof(*table));
	if (!table)
		return -ENOMEM;
	for (i = 0; memcg; memcg = parent_mem_cgroup(memcg), i++) {
		if (memcg_list_lru_allocated(memcg, lru))
			break;
		table[i].memcg = memcg;
		table[i].mlru = memcg_init_list_lru_one();
		if (!table[i].mlru)
			goto nomem;
	}
	memcg_list_lru_publish(lru, table, i);
	free(table);
	return 0;
nomem:
	while (i--)
		free(table[i].mlru);
	free(table);
	return -ENOMEM;
}

static void mlru_free_rcu(struct rcu_head *head)
{
	free(container_of(head, struct list_lru_memcg, rcu));
}

static void memcg_reparent_list_lru_node(struct list_lru *lru, int nid,
					 int src_idx, struct mem_cgroup *dst_memcg)
{
	struct list_lru_one *src, *dst;

	src = list_lru_from_memcg_idx(lru, nid, src_idx);
	if (!src)
		return;
	dst = list_lru_from_memcg_idx(lru, nid, dst_memcg->kmemcg_id);
	/* the orphans go in front: they are the oldest, walked first */
	list_splice_init(&src->list, &dst->list);
	if (src->nr_items) {
		dst->nr_items += src->nr_items;
		set_shrinker_bit(dst_memcg, nid, lru->shrinker_id);
		src->nr_items = 0;
	}
}

static void memcg_reparent_list_lru(struct list_lru *lru, int src_idx,
				    struct mem_cgroup *dst_memcg)
{
	struct list_lru_memcg *mlru;
	int nid;

	for (nid = 0; nid < lru->machine->nr_nodes; nid++)
		memcg_reparent_list_lru_node(lru, nid, src_idx, dst_memcg);
	/* walkers may still hold the sublist: it goes after a grace period */
	mlru = xa_erase(&lru->xa, src_idx);
	if (mlru)
		call_rcu(lru->machine, &mlru->rcu, mlru_free_rcu);
}

void memcg_reparent_list_lrus(struct mem_cgroup *memcg,
			      struct mem_cgroup *parent)
{
	struct machine *m = memcg->machine;
	int src_idx = memcg->kmemcg_id;
	struct mem_cgroup *iter;
	struct list_lru *lru;

	if (src_idx < 0)
		return;
	/* from now on every lookup for the subtree finds the parent's lists,
	 * and memcg_list_lru_alloc() sees them allocated.  Descendants were
	 * reparented to @memcg before; under the drain policy a dying one
	 * may still own its lists, and keeps them. */
	for_each_mem_cgroup_tree(iter, memcg)
		if (iter->kmemcg_id == src_idx)
			iter->kmemcg_id = parent->kmemcg_id;
	list_for_each_entry(lru, &m->memcg_list_lrus, list)
		memcg_reparent_list_lru(lru, src_idx, parent);
}

/* ---- invariants ---- */

__attribute__((format(printf, 3, 4)))
static int lru_fail(int errors, struct strbuf *why, const char *fmt, ...)
{
	va_list ap;
	char buf[256];

	if (errors >= 5)
		return 1;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (why->len)
		sb_puts(why, "; ");
	sb_puts(why, buf);
	return 1;
}

static long list_length(const struct list_head *head)
{
	const struct list_head *pos;
	long n = 0;

	for (pos = head->next; pos != head; pos = pos->next)
		n++;
	return n;
}

static int verify_one(struct list_lru_one *l, const char *what, int idx,
		      int nid, int errors, struct strbuf *why)
{
	long len = list_length(&l->list);

	if (len == l->nr_items)
		return 0;
	return lru_fail(errors, why, "list_lru %s sublist %d node %d: "
			"nr_items %ld, %ld on the list", what, idx, nid,
			l->nr_items, len);
}

static int verify_lru(struct machine *m, struct list_lru *lru, int errors,
		      struct strbuf *why)
{
	int nid, err = 0;

	for (nid = 0; nid < m->nr_nodes; nid++) {
		struct list_lru_memcg *mlru;
		unsigned long index;
		long sum = lru->node[nid].lru.nr_items;

		err += verify_one(&lru->node[nid].lru, "root", -1, nid,
				  errors + err, why);
		xa_for_each(&lru->xa, index, mlru) {
			sum += mlru->node[nid].nr_items;
			err += verify_one(&mlru->node[nid], "memcg", index, nid,
					  errors + err, why);
		}
		if (sum != lru->node[nid].nr_items)
			err += lru_fail(errors + err, why, "list_lru node %d: "
					"nr_items %ld, sublists hold %ld", nid,
					lru->node[nid].nr_items, sum);
	}
	return err;
}

int list_lrus_verify(struct machine *m, struct strbuf *why)
{
	struct list_lru *lru;
	int errors = 0;

	list_for_each_entry(lru, &m->memcg_list_lrus, list)
		errors += verify_lru(m, lru, errors, why);
	return errors;
}
