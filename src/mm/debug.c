// SPDX-License-Identifier: GPL-2.0
/*
 * mm_verify(): the accounting invariants of the model, checked by walking
 * every frame.  What must hold after every step:
 *
 *  - every charged folio points at a memcg that still exists (maybe dying,
 *    never released), and is counted once: a memcg's usage is its own user
 *    folios, plus its kernel pages (MEMCG_KMEM, which after reparenting
 *    may be uncharged at an ancestor), plus the pages in CPU stocks, plus
 *    its children's usage;
 *  - the root's counter is the sum of its children's, plus its kernel
 *    pages and its stock pages: its own folios are never charged, but
 *    objcgs reparented to it are, and their uncharges go through its
 *    stock (obj_cgroup_uncharge_pages() -> refill_stock());
 *  - each LRU list's size is the number of folios on it, and equals the
 *    memcg's LRU statistic;
 *  - each node's NR_MLOCK is its number of PG_mlocked frames;
 *  - the free-page count matches the free lists; no reference count or
 *    statistic is negative;
 *  - a memcg's swap usage is the slots recorded for it plus its children's;
 *  - slab pages are counted once in their node's slab bytes, and the
 *    memcgs' slab statistics (with what the obj stocks hold back) add up
 *    to the accounted objects (slab.c);
 *  - each list_lru sublist's count is its length, and a node's count is
 *    the sum of its sublists' (list_lru.c);
 *  - the page tables map only inside VMAs, mapcounts and rss counters are
 *    what the tables hold, and no exited process maps anything
 *    (page_table_check.c).
 */
#include "debug.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/memory_model.h"
#include "mm/list_lru.h"
#include "mm/memcontrol.h"
#include "mm/slab.h"
#include "mm/smemcg.h"
#include "include/mm_types.h"
#include "mm/swap.h"
#include "mm/swapfile.h"

struct memcg_tally {
	struct mem_cgroup *memcg;
	long local;			/* user folios */
	long stock;			/* pages in the CPUs' stocks */
	long swap_local;		/* swap slots recorded for it */
	unsigned long lru[MAX_NUMNODES][NR_LRU_LISTS];
};

struct verify {
	struct machine *m;
	struct verify_log log;
	struct memcg_tally *t;
	size_t n;
};

void verify_fail(struct verify_log *log, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	if (log->errors++ >= VERIFY_MAX_REPORTS)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (log->why->len)
		sb_puts(log->why, "; ");
	sb_puts(log->why, buf);
}

#define fail(v, ...)	verify_fail(&(v)->log, __VA_ARGS__)

static int cmp_tally(const void *a, const void *b)
{
	const struct memcg_tally *x = a, *y = b;

	return x->memcg < y->memcg ? -1 : x->memcg > y->memcg;
}

static struct memcg_tally *tally_of(struct verify *v, struct mem_cgroup *memcg)
{
	struct memcg_tally key = { .memcg = memcg };

	return bsearch(&key, v->t, v->n, sizeof(*v->t), cmp_tally);
}

static void collect_memcgs(struct verify *v)
{
	struct mem_cgroup *iter;
	size_t alloc = 16;

	v->t = calloc(alloc, sizeof(*v->t));
	for_each_mem_cgroup_tree(iter, v->m->root_mem_cgroup) {
		if (v->n == alloc) {
			alloc *= 2;
			v->t = realloc(v->t, alloc * sizeof(*v->t));
		}
		memset(&v->t[v->n], 0, sizeof(v->t[0]));
		v->t[v->n++].memcg = iter;
	}
	qsort(v->t, v->n, sizeof(*v->t), cmp_tally);
}

static void check_folio(struct verify *v, struct folio *folio)
{
	struct mem_cgroup *memcg = folio_memcg(folio);
	struct memcg_tally *t = NULL;

	if (folio->_refcount <= 0)
		fail(v, "pfn %lu: in use with refcount %d",
		     folio_pfn(v->m, folio), folio->_refcount);
	if (memcg) {
		t = tally_of(v, memcg);
		if (!t) {
			fail(v, "pfn %lu: charged to a freed memcg", folio_pfn(v->m, folio));
			return;
		}
		/* kernel pages are counted through MEMCG_KMEM below; an
		 * smemcg's pages by its own counter (smemcg_verify()) */
		if (folio_smemcg(folio))
			folio_smemcg(folio)->nr_verify++;
		else if (!(folio->memcg_data & MEMCG_DATA_KMEM))
			t->local++;
	}
	if (folio_test(folio, PG_lru)) {
		if (!t)
			t = tally_of(v, v->m->root_mem_cgroup);
		t->lru[folio_nid(folio)][folio_lru_list(folio)]++;
	}
}

/*
 * The frames of a zone below its never-used range that have a folio: the
 * handed out, the freed and the reserved ones.  Those in the range are
 * free by construction (their folios are not necessarily initialised),
 * so only their number is checked; above it lie reserved frames only.
 */
static unsigned long walk_zone(struct verify *v, struct zone *zone,
			       unsigned long *nr_mlocked)
{
	unsigned long end = min(zone->first_unused_pfn, zone->first_deferred_pfn);
	unsigned long pfn, nr_free = zone->unused_end - zone->first_unused_pfn;

	for (pfn = zone->zone_start_pfn; pfn < end; pfn++) {
		struct folio *folio = &v->m->mem_map[pfn];

		if (folio_test(folio, PG_buddy)) {
			nr_free++;
			continue;
		}
		*nr_mlocked += folio_test(folio, PG_mlocked);
		if (!folio_test(folio, PG_reserved))
			check_folio(v, folio);
	}
	return nr_free;
}

static void walk_frames(struct verify *v)
{
	int nid, z;

	for (nid = 0; nid < v->m->nr_nodes; nid++) {
		struct pglist_data *pgdat = v->m->node_data[nid];
		unsigned long nr_free = 0, nr_mlocked = 0;

		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];
			unsigned long n = walk_zone(v, zone, &nr_mlocked);

			if ((long)n != zone->nr_free)
				fail(v, "node %d zone %d: %lu free frames, "
				     "nr_free %ld", nid, z, n, zone->nr_free);
			nr_free += n;
		}
		if ((long)nr_free != pgdat->zone_stat[NR_FREE_PAGES])
			fail(v, "node %d: %lu free frames, nr_free_pages %ld", nid,
			     nr_free, pgdat->zone_stat[NR_FREE_PAGES]);
		if ((long)nr_mlocked != pgdat->zone_stat[NR_MLOCK])
			fail(v, "node %d: %lu mlocked frames, nr_mlock %ld", nid,
			     nr_mlocked, pgdat->zone_stat[NR_MLOCK]);
	}
}

static void add_stocks_and_swap(struct verify *v)
{
	struct machine *m = v->m;
	struct swap_info_struct *si = m->swap_info;
	unsigned long off;
	int cpu;

	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		struct memcg_stock_pcp *stock = &m->memcg_stock[cpu];
		struct memcg_tally *t;

		if (!stock->cached)
			continue;
		t = tally_of(v, stock->cached);
		if (!t)
			fail(v, "cpu %d: stock caches a freed memcg", cpu);
		else
			t->stock += stock->nr_pages;
	}
	for (off = 1; si && off < si->max; off++) {
		struct mem_cgroup *memcg;
		struct memcg_tally *t;

		if (!si->swap_cgroup[off])
			continue;
		memcg = mem_cgroup_from_id(m, si->swap_cgroup[off]);
		t = memcg ? tally_of(v, memcg) : NULL;
		if (!t)
			fail(v, "swap slot %lu: charged to a freed memcg id %u", off,
			     si->swap_cgroup[off]);
		else
			t->swap_local++;
	}
}

static long children_usage(struct mem_cgroup *memcg, bool swap)
{
	struct cgroup_subsys_state *pos;
	long sum = 0;

	list_for_each_entry(pos, &memcg->css.children, sibling) {
		struct mem_cgroup *child = mem_cgroup_from_css(pos);

		sum += swap ? child->swap.usage : child->memory.usage;
	}
	return sum;
}

/* The subtree counts are the sums of the own and dead counts below. */
static void check_subtree_stats(struct verify *v, struct mem_cgroup *memcg)
{
	long sum[MEMCG_NR_STAT] = { 0 }, node[NR_VM_NODE_STAT_ITEMS];
	struct mem_cgroup *iter;
	int i, nid;

	for_each_mem_cgroup_tree(iter, memcg)
		for (i = 0; i < MEMCG_NR_STAT; i++)
			sum[i] += iter->vmstats_local[i] + iter->vmstats_dead[i];
	for (i = 0; i < MEMCG_NR_STAT; i++)
		if (memcg->vmstats_tree[i] != sum[i])
			fail(v, "memcg id %u: stat %d of the subtree %ld, summed %ld",
			     memcg->id, i, memcg->vmstats_tree[i], sum[i]);
	for (nid = 0; nid < v->m->nr_nodes; nid++) {
		memset(node, 0, sizeof(node));
		for_each_mem_cgroup_tree(iter, memcg)
			for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
				node[i] += iter->nodeinfo[nid]->lruvec_stat_local[i] +
					   iter->nodeinfo[nid]->lruvec_stat_dead[i];
		for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
			if (memcg->nodeinfo[nid]->lruvec_stat_tree[i] != node[i])
				fail(v, "memcg id %u node %d: lruvec stat %d of the "
				     "subtree %ld, summed %ld", memcg->id, nid, i,
				     memcg->nodeinfo[nid]->lruvec_stat_tree[i], node[i]);
	}
}

static void check_memcg(struct verify *v, struct memcg_tally *t)
{
	struct mem_cgroup *memcg = t->memcg;
	bool root = mem_cgroup_is_root(memcg);
	/* kmem charged through objcgs may have been uncharged at an ancestor
	 * after reparenting, so it is tracked by MEMCG_KMEM, level by level;
	 * what freed children charged stays in this counter.  The root's own
	 * folios are never charged, but its stock is: a child's objcg
	 * reparented to the root charges and uncharges it through the stock,
	 * as 6.12's obj_cgroup_{charge,uncharge}_pages() do */
	long want = children_usage(memcg, false) + (root ? 0 : t->local) +
		    t->stock + memcg->vmstats_local[MEMCG_KMEM] +
		    memcg->vmstats_dead[MEMCG_KMEM] + smemcg_memcg_charged(memcg);
	long want_swap = children_usage(memcg, true) + (root ? 0 : t->swap_local);
	int nid, lru;

	if (memcg->memory.usage != want)
		fail(v, "memcg id %u: usage %ld pages, charged folios+stock+children %ld",
		     memcg->id, memcg->memory.usage, want);
	if (memcg->swap.usage != want_swap)
		fail(v, "memcg id %u: swap usage %ld, slots+children %ld",
		     memcg->id, memcg->swap.usage, want_swap);
	for (nid = 0; nid < v->m->nr_nodes; nid++) {
		struct mem_cgroup_per_node *pn = memcg->nodeinfo[nid];

		for (lru = 0; lru < NR_LRU_LISTS; lru++) {
			if (pn->lruvec.nr_pages[lru] != t->lru[nid][lru])
				fail(v, "memcg id %u node %d lru %d: size %lu, %lu folios",
				     memcg->id, nid, lru, pn->lruvec.nr_pages[lru],
				     t->lru[nid][lru]);
			if (pn->lruvec_stat_local[NR_LRU_BASE + lru] !=
			    (long)pn->lruvec.nr_pages[lru])
				fail(v, "memcg id %u node %d lru %d: stat %ld, size %lu",
				     memcg->id, nid, lru,
				     pn->lruvec_stat_local[NR_LRU_BASE + lru],
				     pn->lruvec.nr_pages[lru]);
		}
	}
	/* unclamped; slab bytes alone may dip while the CPUs' obj stocks
	 * hold back frees of one memcg and allocations on another CPU */
	for (lru = 0; lru < MEMCG_NR_STAT; lru++)
		if (memcg_page_state_raw(memcg, lru) < 0 &&
		    lru != NR_SLAB_RECLAIMABLE_B && lru != NR_SLAB_UNRECLAIMABLE_B)
			fail(v, "memcg id %u: stat %d negative: %ld", memcg->id,
			     lru, memcg_page_state_raw(memcg, lru));
	check_subtree_stats(v, memcg);
}

int mm_verify(struct machine *m, struct strbuf *why)
{
	struct verify v = { .m = m, .log = { .why = why } };
	size_t i;

	collect_memcgs(&v);
	walk_frames(&v);
	add_stocks_and_swap(&v);
	for (i = 0; i < v.n; i++)
		check_memcg(&v, &v.t[i]);
	free(v.t);
	smemcg_verify(m, &v.log);
	v.log.errors += slab_verify(m, why);
	v.log.errors += list_lrus_verify(m, why);
	v.log.errors += swap_verify(m, why);
	v.log.errors += shmem_verify(m, why);
	v.log.errors += page_table_verify(m, why);
	if (v.log.errors > VERIFY_MAX_REPORTS)
		sb_printf(why, "; and %d more",
			  v.log.errors - VERIFY_MAX_REPORTS);
	return v.log.errors;
}
