// SPDX-License-Identifier: GPL-2.0
/*
 * zswap (mm/zswap.c) as Linux 6.12 has it, after "zswap: make shrinking
 * memcg-aware" (seed 000): pages on their way to swap are compressed with
 * a real lzo, lz4 or zstd into a zsmalloc pool; the compressed bytes are
 * charged to the page's memcg through its obj_cgroup; entries sit on a
 * memcg-aware list_lru, so that a memcg over memory.zswap.max, the shrink
 * worker (pool limit) and the shrinker (memory pressure) write back the
 * right memcg's coldest entries to the real swap device.
 *
 * 6.12 specifics kept: zero-filled pages never reach zswap (the swap
 * zeromap takes them); a page that does not compress below PAGE_SIZE is
 * rejected (no as-is storage); loads into the swap cache are exclusive;
 * shrink_memcg() writes back at most one entry per node; the LRU gives
 * every entry a second chance (6.11).
 *
 * The zswap.lru=global policy replays the design the seed replaced: one
 * LRU for the whole pool, so a memcg over its limit writes back whatever is
 * oldest machine-wide.
 *
 * Differences: one swap device, one tree (6.12 splits it per 64 MiB); one
 * zsmalloc pool per compressor (6.12 has 32 zpools in a pool); compression
 * and writeback are synchronous.
 */
#include "zswap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "include/fault-inject.h"
#include "lib/compress.h"
#include "include/bug.h"
#include "include/memory_model.h"
#include "sim/frame.h"
#include "include/sched.h"
#include "mm/memcontrol.h"
#include "mm/shrinker.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "mm/vmstat.h"
#include "mm/zsmalloc.h"

/* ---- pools ---- */

static struct zswap_pool *zswap_pool_create(struct machine *m, const char *name)
{
	struct zswap *z = m->zswap;
	struct zswap_pool *pool = calloc(1, sizeof(*pool));
	char pname[32];

	if (!pool)
		return NULL;
	snprintf(pname, sizeof(pname), "zswap%x", z->pool_id++);
	if (zcomp_create(&pool->zcomp, name)) {
		free(pool);
		return NULL;
	}
	pool->zs_pool = zs_create_pool(m, pname);
	if (frame_model(&m->phys))
		pool->sizes = calloc(ZSWAP_SIZE_CACHE, sizeof(*pool->sizes));
	if (!pool->zs_pool || (frame_model(&m->phys) && !pool->sizes)) {
		if (pool->zs_pool)
			zs_destroy_pool(pool->zs_pool);
		zcomp_destroy(pool->zcomp);
		free(pool->sizes);
		free(pool);
		return NULL;
	}
	snprintf(pool->tfm_name, sizeof(pool->tfm_name), "%s", name);
	pool->refcnt = 1;
	list_add(&pool->list, &z->pools);
	return pool;
}

static void zswap_pool_destroy(struct zswap_pool *pool)
{
	list_del(&pool->list);
	zs_destroy_pool(pool->zs_pool);
	zcomp_destroy(pool->zcomp);
	free(pool->sizes);
	free(pool);
}

static void zswap_pool_put(struct machine *m, struct zswap_pool *pool)
{
	if (MODEL_BUG_ON(m, pool->refcnt <= 0, "zswap pool %s: put of %ld references",
			 pool->tfm_name, pool->refcnt))
		return;
	if (--pool->refcnt)
		return;
	zswap_pool_destroy(pool);
}

static struct zswap_pool *zswap_pool_current(struct zswap *z)
{
	if (list_empty(&z->pools))
		return NULL;
	return list_first_entry(&z->pools, struct zswap_pool, list);
}

/* A new compressor: a new current pool; the old goes with its last entry. */
int zswap_switch_pool(struct machine *m, const char *name)
{
	struct zswap_pool *old = zswap_pool_current(m->zswap), *pool;

	if (old && !strcmp(old->tfm_name, name))
		return 0;
	pool = zswap_pool_create(m, name);
	if (!pool)
		return -ENOMEM;
	if (old) {
		old->killed = true;
		zswap_pool_put(m, old);
	}
	return 0;
}

unsigned long zswap_total_pages(struct machine *m)
{
	struct zswap_pool *pool;
	unsigned long total = 0;

	if (!m->zswap)
		return 0;
	list_for_each_entry(pool, &m->zswap->pools, list)
		total += zs_get_total_pages(pool->zs_pool);
	return total;
}

unsigned long zswap_stored_pages(struct machine *m)
{
	return m->zswap ? m->zswap->stored_pages : 0;
}

static unsigned long zswap_max_pages(struct machine *m)
{
	return m->totalram_pages * m->zswap->max_pool_percent / 100;
}

static unsigned long zswap_accept_thr_pages(struct machine *m)
{
	return zswap_max_pages(m) * m->zswap->accept_thr_percent / 100;
}

/* Hysteresis: once full, refuse stores until back under the threshold. */
static bool zswap_check_limits(struct machine *m)
{
	struct zswap *z = m->zswap;
	unsigned long cur = zswap_total_pages(m);

	if (cur >= zswap_max_pages(m)) {
		z->pool_limit_hit++;
		z->pool_reached_full = true;
	} else if (z->pool_reached_full && cur <= zswap_accept_thr_pages(m)) {
		z->pool_reached_full = false;
	}
	return z->pool_reached_full;
}

static void count_objcg_event(struct obj_cgroup *objcg, enum vm_event_item idx)
{
	if (objcg)
		count_memcg_events(objcg->memcg, idx, 1);
}

/* ---- the LRU ---- */

static struct mem_cgroup *entry_memcg(struct zswap_entry *entry)
{
	return entry->objcg ? entry->objcg->memcg : NULL;
}

/* The node of the entry's slab: the stored folio's, as it was allocated. */
static int entry_to_nid(struct machine *m, struct zswap_entry *entry)
{
	return folio_nid(virt_to_folio(m, entry));
}

static void zswap_lru_add(struct machine *m, struct zswap_entry *entry)
{
	list_lru_add(&m->zswap->list_lru, &entry->lru, entry_to_nid(m, entry),
		     entry_memcg(entry));
}

static void zswap_lru_del(struct machine *m, struct zswap_entry *entry)
{
	list_lru_del(&m->zswap->list_lru, &entry->lru, entry_to_nid(m, entry),
		     entry_memcg(entry));
}

static void zswap_entry_free(struct machine *m, struct zswap_entry *entry)
{
	struct zswap *z = m->zswap;

	zswap_lru_del(m, entry);
	zs_free(entry->pool->zs_pool, entry->handle);
	zswap_pool_put(m, entry->pool);
	if (entry->objcg) {
		obj_cgroup_uncharge_zswap(entry->objcg, entry->length);
		obj_cgroup_put(entry->objcg);
	}
	kmem_cache_free(z->entry_cache, entry);
	z->stored_pages--;
}

/* ---- compression ---- */

/*
 * A descriptor's place in the size cache: text, one of TEXT_VARIANTS
 * pages, has a slot per variant and never misses twice; the others share
 * the rest of the slots by hash.
 */
static unsigned int zswap_size_slot(const struct page_desc *d)
{
	if (d->kind == PD_TEXT)
		return d->key;
	return TEXT_VARIANTS + desc_tag(d) % (ZSWAP_SIZE_CACHE - TEXT_VARIANTS);
}

/*
 * content=model: what the compressor makes of the page @d describes, as
 * zcomp_compress() answers (*dlen, or -ENOSPC past the page): the real
 * library on the page's bytes, made once per descriptor and pool.
 */
static int zswap_desc_size(struct machine *m, struct zswap_pool *pool,
			   const struct page_desc *d, size_t *dlen)
{
	struct zswap *z = m->zswap;
	struct zswap_size *c = &pool->sizes[zswap_size_slot(d)];

	if (!c->valid || !desc_equal(&c->desc, d)) {
		size_t len = PAGE_SIZE;

		desc_materialise(d, z->src, m->phys.text);
		c->ret = zcomp_compress(pool->zcomp, z->src, PAGE_SIZE, z->dst,
					&len);
		c->len = len;
		c->desc = *d;
		c->valid = true;
	}
	*dlen = c->len;
	return c->ret;
}

static bool zswap_compress(struct machine *m, struct folio *folio,
			   struct zswap_entry *entry)
{
	struct zswap *z = m->zswap;
	struct zs_pool *zs = entry->pool->zs_pool;
	u8 *src = folio_address(m, folio);
	const struct page_desc *d = frame_desc(&m->phys, src);
	size_t dlen = PAGE_SIZE;	/* zswap offers one page of room */
	unsigned long handle;
	int comp_ret, alloc_ret = 0;

	/* an injected compressor error (fail_zswap_compress, model only) */
	if (m->fault_inject &&
	    should_fail(m, &m->fault_inject->fail_zswap_compress, PAGE_SIZE))
		comp_ret = -EINVAL;
	else if (d)
		comp_ret = zswap_desc_size(m, entry->pool, d, &dlen);
	else
		comp_ret = zcomp_compress(entry->pool->zcomp, src, PAGE_SIZE,
					  z->dst, &dlen);
	if (comp_ret)
		goto out;
	handle = zs_malloc(zs, dlen, __GFP_NORETRY | __GFP_NOWARN |
			   __GFP_KSWAPD_RECLAIM);
	if (zs_handle_is_err(handle)) {
		alloc_ret = zs_handle_err(handle);
		goto out;
	}
	if (!d)
		zs_obj_write(zs, handle, z->dst, dlen);
	if (z->desc)	/* the object has the bytes, or only their length */
		z->desc[swp_offset(folio_swap_entry(folio))] =
			d ? *d : (struct page_desc){ .kind = PD_RAW };
	entry->handle = handle;
	entry->length = dlen;
out:
	if (comp_ret == -ENOSPC || alloc_ret == -ENOSPC)
		z->reject_compress_poor++;
	else if (comp_ret)
		z->reject_compress_fail++;
	else if (alloc_ret)
		z->reject_alloc_fail++;
	return !comp_ret && !alloc_ret;
}

static void zswap_decompress(struct machine *m, struct zswap_entry *entry,
			     struct folio *folio)
{
	struct zswap *z = m->zswap;
	const struct page_desc *d = z->desc ?
		&z->desc[swp_offset(entry->swpentry)] : NULL;
	const void *src;
	size_t dlen = PAGE_SIZE;

	if (d)
		frame_set_desc(&m->phys, folio_address(m, folio), d);
	if (d && d->kind != PD_RAW)
		return;		/* described: nothing to decompress */
	src = zs_obj_read_begin(entry->pool->zs_pool, entry->handle, z->dst);
	MODEL_BUG_ON(m, !src || zcomp_decompress(entry->pool->zcomp, src,
						 entry->length,
						 folio_address(m, folio),
						 &dlen) || dlen != PAGE_SIZE,
		     "zswap: the entry of slot %lu does not decompress",
		     swp_offset(entry->swpentry));
}

/* ---- writeback ---- */

/*
 * Decompress an entry into a new swap-cache folio and write it to the
 * swap device.  -EEXIST: the page is in the swap cache already (it was
 * just swapped in: hot, leave it); -ENOMEM: the slot was invalidated.
 */
static int zswap_writeback_entry(struct machine *m, struct zswap_entry *entry,
				 swp_entry_t swpentry)
{
	struct zswap *z = m->zswap;
	struct folio *folio;
	int err;

	folio = swap_cache_alloc_folio(m, swpentry, &err);
	if (!folio)
		return err;
	if (xa_load(&z->tree, swp_offset(swpentry)) != entry) {
		delete_from_swap_cache(m, folio, NULL);
		folio_put(m, folio);
		return -ENOMEM;
	}
	xa_erase(&z->tree, swp_offset(swpentry));
	zswap_decompress(m, entry, folio);
	count_vm_event(m, ZSWPWB);
	count_objcg_event(entry->objcg, ZSWPWB);
	zswap_entry_free(m, entry);
	folio_set(folio, PG_uptodate);
	folio_set(folio, PG_reclaim);
	__swap_writepage(m, folio);
	folio_put(m, folio);
	return 0;
}

/* What the LRU walk's callback needs: the machine, and for the shrinker
 * a flag to stop at pages found in the swap cache (hot). */
struct shrink_arg {
	struct machine *machine;
	bool *encountered_page_in_swapcache;
	unsigned long nr_written;
};

static enum lru_status shrink_memcg_cb(struct list_head *item,
				       struct list_lru_one *l, void *arg)
{
	struct zswap_entry *entry = container_of(item, struct zswap_entry, lru);
	struct shrink_arg *sa = arg;
	bool *encountered_page_in_swapcache = sa->encountered_page_in_swapcache;
	struct machine *m = sa->machine;
	struct zswap *z = m->zswap;
	swp_entry_t swpentry;
	int ret;

	/* second chance: referenced entries are rotated once */
	if (entry->referenced) {
		entry->referenced = false;
		return LRU_ROTATE;
	}
	/* rotate before writeback: if it fails, the entry is where it should be */
	list_move_tail(item, &l->list);
	swpentry = entry->swpentry;
	ret = zswap_writeback_entry(m, entry, swpentry);
	if (!ret) {
		/*
		 * The kernel returns LRU_REMOVED_RETRY here, and its walker
		 * then takes the entry off the node's item count a second
		 * time (zswap_entry_free's list_lru_del already did), so its
		 * list_lru_count_node() drifts low.  LRU_RETRY restarts the
		 * walk the same way and keeps the counts exact; the callers
		 * count what was written back themselves.
		 */
		z->written_back_pages++;
		sa->nr_written++;
		return LRU_RETRY;
	}
	z->reject_reclaim_fail++;
	if (ret == -EEXIST && encountered_page_in_swapcache) {
		*encountered_page_in_swapcache = true;
		return LRU_STOP;
	}
	return LRU_RETRY;
}

/*
 * Write back up to one entry per node from @memcg's LRU (6.12's budget).
 * -ENOENT: nothing to do there; -EAGAIN: tried and failed.
 */
static int shrink_memcg(struct machine *m, struct mem_cgroup *memcg)
{
	struct zswap *z = m->zswap;
	struct shrink_arg sa = { .machine = m };
	unsigned long nr_written = 0, nr_scanned = 0;
	int nid;

	if (!mem_cgroup_zswap_writeback_enabled(memcg))
		return -ENOENT;
	if (memcg && !mem_cgroup_online(memcg))
		return -ENOENT;
	for (nid = 0; nid < m->nr_nodes; nid++) {
		unsigned long budget = 1;

		if (m->policy.zswap_lru_global)
			list_lru_walk_node(&z->list_lru, nid, shrink_memcg_cb,
					   &sa, &budget);
		else
			list_lru_walk_one(&z->list_lru, nid, memcg,
					  shrink_memcg_cb, &sa, &budget);
		nr_scanned += 1 - budget;
	}
	nr_written = sa.nr_written;
	if (!nr_scanned)
		return -ENOENT;
	return nr_written ? 0 : -EAGAIN;
}

/*
 * The pool is full: write back round-robin over the online memcgs until
 * the pool is under the accept threshold, or 16 rounds fail.
 */
static void shrink_worker(struct sim_event *ev)
{
	struct zswap *z = container_of(ev, struct zswap, shrink_work);
	struct machine *m = z->machine;
	unsigned long thr = zswap_accept_thr_pages(m);
	int ret, failures = 0, attempts = 0;
	struct mem_cgroup *memcg;

	do {
		do {
			memcg = mem_cgroup_iter(m->root_mem_cgroup, z->next_shrink,
						NULL);
			z->next_shrink = memcg;
		} while (memcg && !css_tryget_online(&memcg->css));
		if (!memcg) {
			/* a whole pass of the tree: count it if it found no one */
			if (!attempts && ++failures == MAX_RECLAIM_RETRIES)
				break;
			attempts = 0;
			continue;
		}
		ret = shrink_memcg(m, memcg);
		css_put(&memcg->css);
		if (ret == -ENOENT)
			continue;
		++attempts;
		if (ret && ++failures == MAX_RECLAIM_RETRIES)
			break;
	} while (zswap_total_pages(m) > thr);
}

/* The cursor must not rest on a memcg that goes offline. */
void zswap_memcg_offline_cleanup(struct mem_cgroup *memcg)
{
	struct zswap *z = memcg->machine->zswap;

	if (!z || z->next_shrink != memcg)
		return;
	do {
		z->next_shrink = mem_cgroup_iter(memcg->machine->root_mem_cgroup,
						 z->next_shrink, NULL);
	} while (z->next_shrink && !mem_cgroup_online(z->next_shrink));
}

/* ---- the memory-pressure shrinker (shrinker_enabled) ---- */

static unsigned long zswap_shrinker_count(struct shrinker *s,
					  struct shrink_control *sc)
{
	struct machine *m = s->machine;
	struct zswap *z = m->zswap;
	struct mem_cgroup *memcg = sc->memcg ?: m->root_mem_cgroup;
	struct lruvec *lruvec = mem_cgroup_lruvec(memcg, sc->nid);
	unsigned long nr_backing, nr_stored, nr_freeable, disk;

	if (!z->shrinker_enabled || !mem_cgroup_zswap_writeback_enabled(memcg) ||
	    !(sc->gfp_mask & __GFP_IO) || !(sc->gfp_mask & __GFP_FS))
		return 0;
	nr_backing = memcg_page_state(memcg, MEMCG_ZSWAP_B) >> PAGE_SHIFT;
	nr_stored = memcg_page_state(memcg, MEMCG_ZSWAPPED);
	if (!nr_stored)
		return 0;
	nr_freeable = list_lru_shrink_count(&z->list_lru, sc);
	if (!nr_freeable)
		return 0;
	/* pages that came back from the disk protect as many entries */
	disk = lruvec->zswap_nr_disk_swapins;
	lruvec->zswap_nr_disk_swapins = disk > nr_freeable ? disk - nr_freeable : 0;
	nr_freeable -= min(disk, nr_freeable);
	if (!nr_freeable)
		return 0;
	/* scaled by the compression ratio: what writing back would free */
	return nr_freeable * nr_backing / nr_stored;
}

static unsigned long zswap_shrinker_scan(struct shrinker *s,
					 struct shrink_control *sc)
{
	struct machine *m = s->machine;
	struct zswap *z = m->zswap;
	bool encountered = false;
	struct shrink_arg sa = { m, &encountered, 0 };

	if (!z->shrinker_enabled ||
	    !mem_cgroup_zswap_writeback_enabled(sc->memcg)) {
		sc->nr_scanned = 0;
		return SHRINK_STOP;
	}
	list_lru_shrink_walk(&z->list_lru, sc, shrink_memcg_cb, &sa);
	if (encountered)
		return SHRINK_STOP;
	return sa.nr_written ? sa.nr_written : SHRINK_STOP;
}

void zswap_folio_swapin(struct machine *m, struct folio *folio)
{
	if (!m->zswap || !m->zswap->setup_done)
		return;
	folio_lruvec(m, folio)->zswap_nr_disk_swapins++;
}

/* ---- store, load, invalidate ---- */

/* Drop a stale copy: a page rewritten since must not be written back. */
static void zswap_erase_stale(struct machine *m, unsigned long offset)
{
	struct zswap_entry *entry = xa_erase(&m->zswap->tree, offset);

	if (entry)
		zswap_entry_free(m, entry);
}

static struct obj_cgroup *get_obj_cgroup_from_folio(struct folio *folio)
{
	struct mem_cgroup *memcg = folio_memcg(folio);

	return memcg ? get_obj_cgroup_from_memcg(memcg) : NULL;
}

static bool zswap_store_entry(struct machine *m, struct folio *folio,
			      struct obj_cgroup *objcg)
{
	struct zswap *z = m->zswap;
	unsigned long offset = swp_offset(folio_swap_entry(folio));
	struct zswap_entry *entry, *old;

	/* every field is set below before the entry is published */
	entry = kmem_cache_alloc_node(z->entry_cache, GFP_KERNEL,
				      folio_nid(folio));
	if (!entry) {
		z->reject_kmemcache_fail++;
		return false;
	}
	entry->pool = zswap_pool_current(z);
	if (!entry->pool)
		goto free;
	entry->pool->refcnt++;
	if (objcg && memcg_list_lru_alloc(objcg->memcg, &z->list_lru, GFP_KERNEL))
		goto put_pool;
	if (!zswap_compress(m, folio, entry))
		goto put_pool;
	entry->swpentry = folio_swap_entry(folio);
	entry->objcg = objcg;
	entry->referenced = true;
	/* a stale copy of a page rewritten since must not be written back */
	old = xa_store(&z->tree, offset, entry);
	if (old)
		zswap_entry_free(m, old);
	if (objcg) {
		obj_cgroup_charge_zswap(objcg, entry->length);
		count_objcg_event(objcg, ZSWPOUT);
	}
	z->stored_pages++;
	INIT_LIST_HEAD(&entry->lru);
	zswap_lru_add(m, entry);
	count_vm_event(m, ZSWPOUT);
	return true;
put_pool:
	zswap_pool_put(m, entry->pool);
free:
	kmem_cache_free(z->entry_cache, entry);
	return false;
}

bool zswap_store(struct machine *m, struct folio *folio)
{
	struct zswap *z = m->zswap;
	unsigned long offset = swp_offset(folio_swap_entry(folio));
	struct obj_cgroup *objcg = NULL;

	if (!z->enabled)
		goto check_old;
	objcg = get_obj_cgroup_from_folio(folio);
	/* over memory.zswap.max: make room in this memcg, then store anyway */
	if (objcg && !obj_cgroup_may_zswap(objcg) &&
	    shrink_memcg(m, objcg->memcg))
		goto reject;
	if (zswap_check_limits(m))
		goto reject;
	if (zswap_store_entry(m, folio, objcg))
		return true;	/* the entry keeps the objcg reference */
reject:
	if (objcg)
		obj_cgroup_put(objcg);
	if (z->pool_reached_full && !sim_event_pending(&z->shrink_work))
		sim_event_schedule(&m->clock, &z->shrink_work, m->clock.now);
check_old:
	zswap_erase_stale(m, offset);
	return false;
}

/* Loads into the swap cache are exclusive: the entry goes. */
bool zswap_load(struct machine *m, struct folio *folio)
{
	struct zswap *z = m->zswap;
	unsigned long offset = swp_offset(folio_swap_entry(folio));
	struct zswap_entry *entry;

	if (!z->setup_done)
		return false;	/* zswap_never_enabled() */
	entry = xa_erase(&z->tree, offset);
	if (!entry)
		return false;
	zswap_decompress(m, entry, folio);
	count_vm_event(m, ZSWPIN);
	count_objcg_event(entry->objcg, ZSWPIN);
	zswap_entry_free(m, entry);
	folio_set(folio, PG_dirty);
	folio_set(folio, PG_uptodate);
	return true;
}

void zswap_invalidate(struct machine *m, swp_entry_t swp)
{
	if (m->zswap && m->zswap->tree.nr)
		zswap_erase_stale(m, swp_offset(swp));
}

/* ---- setup ---- */

/*
 * __zswap_pool_create_fallback(): names written before the first enable
 * were taken as they were; a compressor or zpool that does not exist
 * falls back to Debian's defaults now.
 */
static void zswap_params_fallback(struct zswap *z)
{
	if (zcomp_available(z->compressor))
		snprintf(z->compressor, sizeof(z->compressor), "lzo");
	if (strcmp(z->zpool, "zsmalloc"))
		snprintf(z->zpool, sizeof(z->zpool), "zsmalloc");
}

/* zswap_setup(): on the first enable (the kernel runs it at boot if on). */
int zswap_setup(struct machine *m)
{
	struct zswap *z = m->zswap;
	int err = -ENOMEM;

	if (z->setup_done)
		return 0;
	z->entry_cache = kmem_cache_create(m, "zswap_entry",
					   sizeof(struct zswap_entry), 0);
	if (!z->entry_cache)
		return -ENOMEM;
	z->shrinker = shrinker_alloc(m, SHRINKER_NUMA_AWARE | SHRINKER_MEMCG_AWARE,
				     "mm-zswap");
	if (!z->shrinker)
		goto destroy_cache;
	z->shrinker->count_objects = zswap_shrinker_count;
	z->shrinker->scan_objects = zswap_shrinker_scan;
	z->shrinker->seeks = DEFAULT_SEEKS;
	err = m->policy.zswap_lru_global ? list_lru_init(m, &z->list_lru)
					 : list_lru_init_memcg(m, &z->list_lru,
							       z->shrinker);
	if (err)
		goto free_shrinker;
	shrinker_register(z->shrinker);
	zswap_params_fallback(z);
	err = zswap_switch_pool(m, z->compressor);
	if (err) {
		err = -ENODEV;
		goto destroy_lru;
	}
	z->setup_done = true;
	/* /sys/kernel/debug/zswap appears now; like the kernel, a failure
	 * there does not fail the setup */
	zswap_debugfs_init(m);
	return 0;
destroy_lru:
	list_lru_destroy(&z->list_lru);
free_shrinker:
	shrinker_free(z->shrinker);
	z->shrinker = NULL;
destroy_cache:
	kmem_cache_destroy(z->entry_cache);
	z->entry_cache = NULL;
	return err;
}

int zswap_init(struct machine *m)
{
	struct zswap *z = calloc(1, sizeof(*z));

	if (!z)
		return -ENOMEM;
	/* Debian 6.12: off at boot, lzo, 20% of RAM, hysteresis at 90% */
	snprintf(z->compressor, sizeof(z->compressor), "lzo");
	snprintf(z->zpool, sizeof(z->zpool), "zsmalloc");
	z->max_pool_percent = 20;
	z->accept_thr_percent = 90;
	INIT_LIST_HEAD(&z->pools);
	xa_init(&z->tree);
	sim_event_init(&z->shrink_work, shrink_worker);
	z->machine = m;
	m->zswap = z;
	if (frame_model(&m->phys) && m->swap_info) {
		/* calloc: backed as slots are used */
		z->desc = calloc(m->swap_info->max, sizeof(*z->desc));
		z->src = malloc(PAGE_SIZE);
		if (!z->desc || !z->src)
			return -ENOMEM;
	}
	return zswap_params_init(m);
}

void zswap_release(struct machine *m)
{
	struct zswap *z = m->zswap;
	struct zswap_pool *pool, *n;
	unsigned long index;
	struct zswap_entry *entry;

	if (!z)
		return;
	xa_for_each(&z->tree, index, entry)
		zswap_entry_free(m, entry);
	xa_destroy(&z->tree);
	if (z->next_shrink)
		mem_cgroup_iter_break(m->root_mem_cgroup, z->next_shrink);
	sim_event_cancel(&m->clock, &z->shrink_work);
	list_for_each_entry_safe(pool, n, &z->pools, list)
		zswap_pool_destroy(pool);
	if (z->setup_done) {
		list_lru_destroy(&z->list_lru);
		shrinker_free(z->shrinker);
		kmem_cache_destroy(z->entry_cache);
	}
	free(z->desc);
	free(z->src);
	free(z);
	m->zswap = NULL;
}
