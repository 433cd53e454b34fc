// SPDX-License-Identifier: GPL-2.0
/*
 * A slab allocator (mm/slub.c, mm/slab_common.c, the memcg hooks of
 * mm/memcontrol.c), 6.12 semantics for what memcg can see.
 *
 * Objects live in real page frames: a slab is one frame cut into objects
 * of the cache's size, free objects are linked through their first word.
 * A slab page is counted whole in the node's NR_SLAB_{RECLAIMABLE,
 * UNRECLAIMABLE}_B (bytes); an accounted object (SLAB_ACCOUNT cache or
 * __GFP_ACCOUNT) is charged cache->size + sizeof(pointer) bytes to the
 * current objcg after it was allocated, holds a reference on that objcg
 * in the slab's obj_exts vector, and counts in its memcg's slab statistics
 * through mod_objcg_state(), batched in the per-CPU obj stock as in 6.12.
 *
 * Differences: every slab is one frame (order 0; kmalloc stops at 4 KiB,
 * SLUB would use order-1..3 slabs for the bigger caches), no per-CPU slabs
 * or per-CPU partial lists, so allocation takes the first partial slab of
 * the local node; empty slabs are kept per node up to min_partial as SLUB
 * does, never shrunk by kmem_cache_shrink.  The obj_exts vectors and the
 * struct slab descriptors are host memory, not slab objects.
 */
#include "slab.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/bug.h"
#include "include/fault-inject.h"
#include "include/kernfs.h"
#include "include/memory_model.h"
#include "mm/list_lru.h"
#include "mm/memcontrol.h"
#include "mm/page_alloc.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

static const unsigned int kmalloc_sizes[NR_KMALLOC_SIZES] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096,
};

/* ---- addresses to slabs ---- */

struct slab *virt_to_slab(struct machine *m, const void *obj)
{
	struct folio *folio = virt_to_folio(m, obj);

	if (!folio || !folio_test(folio, PG_slab))
		return NULL;
	return (struct slab *)folio->private;
}

static unsigned int obj_to_index(const struct kmem_cache *s,
				 const struct slab *slab, const void *obj)
{
	return ((const u8 *)obj - (const u8 *)slab->addr) / s->size;
}

static struct pglist_data *slab_pgdat(struct machine *m, struct slab *slab)
{
	return folio_pgdat(m, slab->folio);
}

struct obj_cgroup *slab_obj_objcg(struct machine *m, const void *obj)
{
	struct slab *slab = virt_to_slab(m, obj);

	if (!slab || !slab->obj_exts)
		return NULL;
	return slab->obj_exts[obj_to_index(slab->slab_cache, slab, obj)];
}

struct mem_cgroup *mem_cgroup_from_slab_obj(struct machine *m, const void *obj)
{
	struct obj_cgroup *objcg = slab_obj_objcg(m, obj);

	return objcg ? objcg->memcg : NULL;
}

/* ---- caches ---- */

/* SLUB's set_min_partial(): ilog2(size) / 2, clamped to 5..10 */
static unsigned int min_partial_of(unsigned int size)
{
	unsigned int log = 0;

	while ((2U << log) <= size)
		log++;
	return clamp(log / 2, 5U, 10U);
}

struct kmem_cache *kmem_cache_create(struct machine *m, const char *name,
				     unsigned int size, unsigned int flags)
{
	struct kmem_cache *s;
	int nid;

	if (!size || ALIGN(size, sizeof(void *)) > PAGE_SIZE)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->name = strdup(name);
	if (!s->name) {
		free(s);
		return NULL;
	}
	s->machine = m;
	s->object_size = size;
	s->size = ALIGN(size, sizeof(void *));
	s->objects = PAGE_SIZE / s->size;
	s->min_partial = min_partial_of(s->size);
	s->flags = flags;
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		INIT_LIST_HEAD(&s->node[nid].partial);
		INIT_LIST_HEAD(&s->node[nid].full);
	}
	/* /proc/slabinfo lists the newest cache first, as slab_caches does */
	list_add(&s->list, &m->slab->caches);
	return s;
}

static void discard_slab(struct kmem_cache *s, struct slab *slab);

void kmem_cache_destroy(struct kmem_cache *s)
{
	struct machine *m;
	int nid;

	if (!s)
		return;
	m = s->machine;
	for (nid = 0; nid < m->nr_nodes; nid++) {
		struct kmem_cache_node *n = &s->node[nid];
		struct slab *slab, *tmp;

		MODEL_BUG_ON(m, n->nr_inuse, "kmem_cache_destroy %s: %lu objects remain",
			     s->name, n->nr_inuse);
		list_splice_tail_init(&n->full, &n->partial);
		list_for_each_entry_safe(slab, tmp, &n->partial, slab_list)
			discard_slab(s, slab);
	}
	list_del(&s->list);
	free(s->name);
	free(s);
}

static int create_kmalloc_caches(struct machine *m)
{
	static const char *const prefix[NR_KMALLOC_TYPES] = {
		"kmalloc-", "kmalloc-rcl-", "kmalloc-cg-",
	};
	static const unsigned int flags[NR_KMALLOC_TYPES] = {
		0, SLAB_RECLAIM_ACCOUNT, SLAB_ACCOUNT,
	};
	int type, i;

	for (type = 0; type < NR_KMALLOC_TYPES; type++) {
		for (i = 0; i < NR_KMALLOC_SIZES; i++) {
			unsigned int size = kmalloc_sizes[i];
			char name[32];

			if (size >= 1024)
				snprintf(name, sizeof(name), "%s%uk", prefix[type],
					 size >> 10);
			else
				snprintf(name, sizeof(name), "%s%u", prefix[type],
					 size);
			m->slab->kmalloc_caches[type][i] =
				kmem_cache_create(m, name, size, flags[type]);
			if (!m->slab->kmalloc_caches[type][i])
				return -ENOMEM;
		}
	}
	return 0;
}

static int slab_proc_init(struct machine *m);

int kmem_cache_init(struct machine *m)
{
	int err;

	m->slab = calloc(1, sizeof(*m->slab));
	if (!m->slab)
		return -ENOMEM;
	INIT_LIST_HEAD(&m->slab->caches);
	err = create_kmalloc_caches(m);
	return err ? err : slab_proc_init(m);
}

void kmem_cache_release(struct machine *m)
{
	if (!m->slab)
		return;
	while (!list_empty(&m->slab->caches))
		kmem_cache_destroy(list_first_entry(&m->slab->caches,
						    struct kmem_cache, list));
	free(m->slab);
	m->slab = NULL;
}

/* ---- slab pages ---- */

static struct slab *new_slab(struct kmem_cache *s, gfp_t gfp, int nid)
{
	struct machine *m = s->machine;
	struct kmem_cache_node *n;
	struct folio *folio;
	struct slab *slab;
	unsigned int i;
	u8 *p;

	slab = calloc(1, sizeof(*slab));
	if (!slab)
		return NULL;
	folio = folio_alloc(m, gfp & ~(__GFP_ZERO | __GFP_ACCOUNT), nid);
	if (!folio) {
		free(slab);
		return NULL;
	}
	slab->slab_cache = s;
	slab->folio = folio;
	slab->addr = folio_address(m, folio);
	folio_set(folio, PG_slab);
	folio->private = (unsigned long)slab;
	/* the freelist runs through the objects in address order */
	p = slab->addr;
	for (i = 0; i < s->objects; i++, p += s->size)
		*(void **)p = i + 1 < s->objects ? p + s->size : NULL;
	slab->freelist = slab->addr;
	mod_node_page_state(folio_pgdat(m, folio), cache_vmstat_idx(s),
			    PAGE_SIZE);
	n = &s->node[folio_nid(folio)];
	n->nr_slabs++;
	n->nr_partial++;
	list_add(&slab->slab_list, &n->partial);
	return slab;
}

/* The slab is empty or the cache goes: its frame returns to the allocator. */
static void discard_slab(struct kmem_cache *s, struct slab *slab)
{
	struct machine *m = s->machine;
	struct folio *folio = slab->folio;
	struct kmem_cache_node *n = &s->node[folio_nid(folio)];

	list_del(&slab->slab_list);
	if (slab->inuse < s->objects)
		n->nr_partial--;
	n->nr_slabs--;
	mod_node_page_state(folio_pgdat(m, folio), cache_vmstat_idx(s),
			    -(long)PAGE_SIZE);
	folio_clear(folio, PG_slab);
	folio->private = 0;
	free(slab->obj_exts);
	free(slab);
	folio_put(m, folio);
}

static void *slab_take_object(struct kmem_cache *s, struct slab *slab)
{
	struct kmem_cache_node *n = &s->node[folio_nid(slab->folio)];
	void *obj = slab->freelist;

	slab->freelist = *(void **)obj;
	slab->inuse++;
	n->nr_inuse++;
	if (slab->inuse == s->objects) {
		list_move(&slab->slab_list, &n->full);
		n->nr_partial--;
	}
	return obj;
}

/* @nid < 0: the current CPU's node. */
static void *slab_alloc_node(struct kmem_cache *s, gfp_t gfp, int nid)
{
	struct kmem_cache_node *n;
	struct slab *slab;

	if (nid < 0)
		nid = numa_node_id(s->machine);
	n = &s->node[nid];
	if (!list_empty(&n->partial))
		slab = list_first_entry(&n->partial, struct slab, slab_list);
	else
		slab = new_slab(s, gfp, nid);
	if (!slab)
		return NULL;
	return slab_take_object(s, slab);
}

static void slab_put_object(struct kmem_cache *s, struct slab *slab, void *obj)
{
	struct kmem_cache_node *n = &s->node[folio_nid(slab->folio)];

	*(void **)obj = slab->freelist;
	slab->freelist = obj;
	n->nr_inuse--;
	if (slab->inuse-- == s->objects) {
		list_move_tail(&slab->slab_list, &n->partial);
		n->nr_partial++;
	}
	if (!slab->inuse && n->nr_partial >= s->min_partial)
		discard_slab(s, slab);
}

/* ---- memcg accounting of objects ---- */

static int alloc_slab_obj_exts(struct slab *slab)
{
	slab->obj_exts = calloc(slab->slab_cache->objects,
				sizeof(*slab->obj_exts));
	return slab->obj_exts ? 0 : -ENOMEM;
}

/* Charge after the allocation, as 6.10+ do; false: give the object back. */
static bool memcg_slab_post_alloc_hook(struct kmem_cache *s,
				       struct list_lru *lru, gfp_t gfp,
				       void *obj)
{
	struct machine *m = s->machine;
	size_t size = obj_full_size(s);
	struct obj_cgroup *objcg;
	struct slab *slab;
	bool held;
	bool ret = false;

	if (!(gfp & __GFP_ACCOUNT) && !(s->flags & SLAB_ACCOUNT))
		return true;
	/*
	 * With the task's cached objcg (6.12) the task's reference keeps it
	 * alive and only the object's is taken; a lookup per allocation
	 * (objcg.task_cache=off) holds one more until the end (seed 003).
	 */
	objcg = objcg_alloc_begin(m, &held);
	if (!objcg)
		return true;
	if (lru && memcg_list_lru_alloc(objcg->memcg, lru, gfp))
		goto out;
	if (obj_cgroup_charge(objcg, gfp, size))
		goto out;
	ret = true;
	slab = virt_to_slab(m, obj);
	if (!slab->obj_exts && alloc_slab_obj_exts(slab)) {
		obj_cgroup_uncharge(objcg, size);
		goto out;
	}
	objcg_alloc_get(m, objcg);
	slab->obj_exts[obj_to_index(s, slab, obj)] = objcg;
	mod_objcg_state(objcg, slab_pgdat(m, slab), cache_vmstat_idx(s),
			(int)size);
	m->slab->accounted_allocs++;
out:
	if (held)
		objcg_alloc_put(m, objcg);
	return ret;
}

static void memcg_slab_free_hook(struct kmem_cache *s, struct slab *slab,
				 void *obj)
{
	struct machine *m = s->machine;
	unsigned int idx = obj_to_index(s, slab, obj);
	size_t size = obj_full_size(s);
	struct obj_cgroup *objcg;

	if (!slab->obj_exts || !slab->obj_exts[idx])
		return;
	objcg = slab->obj_exts[idx];
	slab->obj_exts[idx] = NULL;
	obj_cgroup_uncharge(objcg, size);
	mod_objcg_state(objcg, slab_pgdat(m, slab), cache_vmstat_idx(s),
			-(int)size);
	obj_cgroup_put(objcg);
}

/* ---- the API ---- */

static void *slab_alloc(struct kmem_cache *s, struct list_lru *lru,
			gfp_t gfp, int nid)
{
	void *obj;

	if (should_failslab(s, gfp))	/* slab_pre_alloc_hook() */
		return NULL;
	obj = slab_alloc_node(s, gfp, nid);
	if (!obj)
		return NULL;
	if (gfp & __GFP_ZERO)
		memset(obj, 0, s->object_size);
	if (!memcg_slab_post_alloc_hook(s, lru, gfp, obj)) {
		slab_put_object(s, virt_to_slab(s->machine, obj), obj);
		return NULL;
	}
	return obj;
}

void *kmem_cache_alloc_lru(struct kmem_cache *s, struct list_lru *lru,
			   gfp_t gfp)
{
	return slab_alloc(s, lru, gfp, -1);
}

void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfp, int nid)
{
	return slab_alloc(s, NULL, gfp, nid);
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct slab *slab = virt_to_slab(s->machine, obj);

	if (MODEL_BUG_ON(s->machine, !slab || slab->slab_cache != s,
			 "kmem_cache_free(%s): %p is not its object",
			 s->name, obj))
		return;
	memcg_slab_free_hook(s, slab, obj);
	slab_put_object(s, slab, obj);
}

/* kmalloc_type(): DMA aside, __GFP_RECLAIMABLE wins over __GFP_ACCOUNT */
static enum kmalloc_cache_type kmalloc_type(gfp_t gfp)
{
	if (gfp & __GFP_RECLAIMABLE)
		return KMALLOC_RECLAIM;
	return (gfp & __GFP_ACCOUNT) ? KMALLOC_CGROUP : KMALLOC_NORMAL;
}

struct kmem_cache *kmalloc_slab(struct machine *m, size_t size, gfp_t gfp)
{
	int i;

	for (i = 0; i < NR_KMALLOC_SIZES; i++)
		if (size <= kmalloc_sizes[i])
			return m->slab->kmalloc_caches[kmalloc_type(gfp)][i];
	return NULL;
}

void *kmalloc(struct machine *m, size_t size, gfp_t gfp)
{
	struct kmem_cache *s = kmalloc_slab(m, size ? size : 1, gfp);

	return s ? kmem_cache_alloc_lru(s, NULL, gfp) : NULL;
}

void kfree(struct machine *m, const void *obj)
{
	struct slab *slab;

	if (!obj)
		return;
	slab = virt_to_slab(m, obj);
	if (MODEL_BUG_ON(m, !slab, "kfree(%p): not a slab object", obj))
		return;
	kmem_cache_free(slab->slab_cache, (void *)obj);
}

/* ---- invariants (mm_verify) ---- */

struct slab_verify {
	struct machine *m;
	struct strbuf *why;
	int errors;
	long node_bytes[MAX_NUMNODES][2];	/* reclaimable, unreclaimable */
	long objcg_bytes;			/* accounted objects' charges */
};

__attribute__((format(printf, 2, 3)))
static void slab_fail(struct slab_verify *v, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	if (v->errors++ >= 5)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (v->why->len)
		sb_puts(v->why, "; ");
	sb_puts(v->why, buf);
}

static unsigned int verify_slab(struct slab_verify *v, struct kmem_cache *s,
				struct slab *slab)
{
	unsigned int i, free = 0;
	void *p;

	if (!folio_test(slab->folio, PG_slab) ||
	    slab->folio->private != (unsigned long)slab)
		slab_fail(v, "%s: slab frame lost its slab", s->name);
	for (p = slab->freelist; p && free <= s->objects; p = *(void **)p)
		free++;
	if (free + slab->inuse != s->objects)
		slab_fail(v, "%s: slab with %u in use and %u free of %u",
			  s->name, slab->inuse, free, s->objects);
	for (i = 0; slab->obj_exts && i < s->objects; i++)
		if (slab->obj_exts[i])
			v->objcg_bytes += obj_full_size(s);
	v->node_bytes[folio_nid(slab->folio)]
		     [cache_vmstat_idx(s) == NR_SLAB_UNRECLAIMABLE_B] += PAGE_SIZE;
	return slab->inuse;
}

static void verify_cache_node(struct slab_verify *v, struct kmem_cache *s,
			      int nid)
{
	struct kmem_cache_node *n = &s->node[nid];
	unsigned long slabs = 0, partial = 0, inuse = 0;
	struct slab *slab;

	list_for_each_entry(slab, &n->partial, slab_list) {
		inuse += verify_slab(v, s, slab);
		partial++;
		slabs++;
	}
	list_for_each_entry(slab, &n->full, slab_list) {
		inuse += verify_slab(v, s, slab);
		if (slab->inuse != s->objects)
			slab_fail(v, "%s: a slab on the full list has room", s->name);
		slabs++;
	}
	if (slabs != n->nr_slabs || partial != n->nr_partial ||
	    inuse != n->nr_inuse)
		slab_fail(v, "%s node %d: %lu slabs (%lu partial), %lu objects; "
			  "counted %lu (%lu), %lu", s->name, nid, slabs, partial,
			  inuse, n->nr_slabs, n->nr_partial, n->nr_inuse);
}

/* What the obj stocks hold back: slab bytes not yet in a memcg's stats. */
static long stock_pending_slab(struct machine *m)
{
	long sum = 0;
	int cpu;

	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		sum += m->memcg_stock[cpu].nr_slab_reclaimable_b +
		       m->memcg_stock[cpu].nr_slab_unreclaimable_b;
	return sum;
}

/*
 * Every slab page is counted once in its node's slab bytes, the lists and
 * counters agree, and the memcgs' slab statistics (with what the stocks
 * hold back) add up to the accounted objects.
 */
int slab_verify(struct machine *m, struct strbuf *why)
{
	struct slab_verify v = { .m = m, .why = why };
	struct mem_cgroup *root = m->root_mem_cgroup;
	struct kmem_cache *s;
	long memcg_bytes;
	int nid;

	list_for_each_entry(s, &m->slab->caches, list)
		for (nid = 0; nid < m->nr_nodes; nid++)
			verify_cache_node(&v, s, nid);
	for (nid = 0; nid < m->nr_nodes; nid++) {
		long *stat = m->node_data[nid]->vm_stat;

		if (stat[NR_SLAB_RECLAIMABLE_B] != v.node_bytes[nid][0] ||
		    stat[NR_SLAB_UNRECLAIMABLE_B] != v.node_bytes[nid][1])
			slab_fail(&v, "node %d: slab stats %ld+%ld bytes, slab "
				  "pages hold %ld+%ld", nid,
				  stat[NR_SLAB_RECLAIMABLE_B],
				  stat[NR_SLAB_UNRECLAIMABLE_B],
				  v.node_bytes[nid][0], v.node_bytes[nid][1]);
	}
	if (!root)
		return v.errors;
	memcg_bytes = memcg_page_state_raw(root, NR_SLAB_RECLAIMABLE_B) +
		      memcg_page_state_raw(root, NR_SLAB_UNRECLAIMABLE_B) +
		      stock_pending_slab(m);
	if (memcg_bytes != v.objcg_bytes)
		slab_fail(&v, "memcg slab stats %ld bytes, accounted objects %ld",
			  memcg_bytes, v.objcg_bytes);
	return v.errors;
}

/* ---- /proc/slabinfo (slabinfo 2.1, as SLUB prints it) ---- */

static int slabinfo_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	struct machine *m = of->machine;
	struct kmem_cache *s;

	sb_puts(sb, "slabinfo - version: 2.1\n");
	sb_puts(sb, "# name            <active_objs> <num_objs> <objsize> "
		"<objperslab> <pagesperslab> : tunables <limit> <batchcount> "
		"<sharedfactor> : slabdata <active_slabs> <num_slabs> "
		"<sharedavail>\n");
	list_for_each_entry(s, &m->slab->caches, list) {
		unsigned long slabs = 0, inuse = 0;
		int nid;

		for (nid = 0; nid < m->nr_nodes; nid++) {
			slabs += s->node[nid].nr_slabs;
			inuse += s->node[nid].nr_inuse;
		}
		sb_printf(sb, "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u"
			  " : slabdata %6lu %6lu %6lu\n", s->name, inuse,
			  slabs * s->objects, s->size, s->objects, 1, 0, 0, 0,
			  slabs, slabs, 0UL);
	}
	return 0;
}

static const struct cftype slab_proc_files[] = {
	{ .name = "slabinfo", .seq_show = slabinfo_show },
	{ }	/* terminate */
};

/*
 * /sys/kernel/debug/memcglab/kmem (model only): the cost the objcg task
 * cache debate (seed 003) is about, reference operations on obj_cgroups
 * per accounted slab allocation.
 */
static int kmem_debug_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	struct machine *m = of->machine;
	unsigned long allocs = m->slab->accounted_allocs;
	unsigned long per_1k = allocs ? m->objcg_refops * 1000 / allocs : 0;

	sb_printf(sb, "objcg_refops %lu\n", m->objcg_refops);
	sb_printf(sb, "accounted_allocs %lu\n", allocs);
	sb_printf(sb, "objcg_refops_per_1k_allocs %lu\n", per_1k);
	return 0;
}

static const struct cftype kmem_debug_files[] = {
	{ .name = "kmem", .seq_show = kmem_debug_show },
	{ }	/* terminate */
};

/* slab_proc_init(): /proc/slabinfo, and the model's debugfs counters */
static int slab_proc_init(struct machine *m)
{
	int err = proc_create_files(m, slab_proc_files);

	return err ? err : debugfs_create_files(m, "memcglab", kmem_debug_files);
}
