// SPDX-License-Identifier: GPL-2.0
/*
 * Shrinkers (mm/shrinker.c, 6.12) and shrink_slab().
 *
 * A shrinker reports how many objects it could free (count_objects) and
 * frees some on request (scan_objects).  How many it is asked for comes
 * from do_shrink_slab(): (freeable >> priority) * 4 / seeks new work plus
 * the work deferred by earlier calls (nr_deferred >> priority), capped at
 * twice the freeable count, handed out in batches; what is not done is
 * deferred again.  Memcg-aware shrinkers keep their deferred counts per
 * (memcg, node) and have an id: a memcg's per-node bitmap says which of
 * them may have objects there (set by list_lru_add on a sublist's first
 * item), and memcg reclaim calls only those.
 *
 * Differences: flat bitmaps instead of 64-id units, no refcount/RCU dance
 * (one thread), no debugfs; a task that scans objects spends virtual time
 * on it (cost.slab_scan_ns each), so RCU frees can land during reclaim.
 *
 * Policy memcg.offline_kmem=drain (seed 001): dead memcgs keep their
 * objects on their own lists, so shrink_slab does not skip offline memcgs
 * under that policy.
 */
#include "shrinker.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bitops.h"
#include "include/bug.h"
#include "include/machine.h"
#include "mm/memcontrol.h"
#include "mm/vmstat.h"


void shrinker_init(struct machine *m)
{
	INIT_LIST_HEAD(&m->shrinker_list);
	xa_init(&m->shrinker_idr);
	m->shrinker_nr_max = 0;
}

void shrinker_release(struct machine *m)
{
	xa_destroy(&m->shrinker_idr);
}

/* ---- per-memcg shrinker_info ---- */

static struct shrinker_info *shrinker_info_of(struct mem_cgroup *memcg, int nid)
{
	return memcg->nodeinfo[nid]->shrinker_info;
}

static struct shrinker_info *shrinker_info_alloc(int nr_max)
{
	struct shrinker_info *info = calloc(1, sizeof(*info));

	if (!info)
		return NULL;
	info->map_nr_max = nr_max;
	info->map = calloc(BITS_TO_LONGS(nr_max) + 1, sizeof(unsigned long));
	info->nr_deferred = calloc(nr_max + 1, sizeof(long));
	if (!info->map || !info->nr_deferred) {
		free(info->map);
		free(info->nr_deferred);
		free(info);
		return NULL;
	}
	return info;
}

static void shrinker_info_free(struct shrinker_info *info)
{
	if (!info)
		return;
	free(info->map);
	free(info->nr_deferred);
	free(info);
}

void free_shrinker_info(struct mem_cgroup *memcg)
{
	int nid;

	for (nid = 0; nid < memcg->machine->nr_nodes; nid++) {
		shrinker_info_free(memcg->nodeinfo[nid]->shrinker_info);
		memcg->nodeinfo[nid]->shrinker_info = NULL;
	}
}

int alloc_shrinker_info(struct mem_cgroup *memcg)
{
	int nid;

	for (nid = 0; nid < memcg->machine->nr_nodes; nid++) {
		struct shrinker_info *info;

		info = shrinker_info_alloc(memcg->machine->shrinker_nr_max);
		if (!info) {
			free_shrinker_info(memcg);
			return -ENOMEM;
		}
		memcg->nodeinfo[nid]->shrinker_info = info;
	}
	return 0;
}

/* Bits and deferred counts are carried over; the new ids start clear. */
static int expand_one_shrinker_info(struct mem_cgroup *memcg, int new_nr_max)
{
	int nid;

	for (nid = 0; nid < memcg->machine->nr_nodes; nid++) {
		struct shrinker_info *old = shrinker_info_of(memcg, nid), *new;

		if (!old)
			return 0;	/* not online yet: it allocates the new size */
		if (new_nr_max <= old->map_nr_max)
			continue;
		new = shrinker_info_alloc(new_nr_max);
		if (!new)
			return -ENOMEM;
		memcpy(new->map, old->map,
		       BITS_TO_LONGS(old->map_nr_max) * sizeof(unsigned long));
		memcpy(new->nr_deferred, old->nr_deferred,
		       old->map_nr_max * sizeof(long));
		memcg->nodeinfo[nid]->shrinker_info = new;
		shrinker_info_free(old);
	}
	return 0;
}

static int expand_shrinker_info(struct machine *m, int new_id)
{
	int new_nr_max = ALIGN(new_id + 1, BITS_PER_LONG);
	struct mem_cgroup *memcg;
	int err;

	if (m->root_mem_cgroup) {
		for_each_mem_cgroup_tree(memcg, m->root_mem_cgroup) {
			err = expand_one_shrinker_info(memcg, new_nr_max);
			if (err)
				return err;
		}
	}
	m->shrinker_nr_max = new_nr_max;
	return 0;
}

void set_shrinker_bit(struct mem_cgroup *memcg, int nid, int shrinker_id)
{
	struct shrinker_info *info;

	if (shrinker_id < 0 || !memcg || mem_cgroup_is_root(memcg))
		return;
	info = shrinker_info_of(memcg, nid);
	if (MODEL_BUG_ON(memcg->machine, !info || shrinker_id >= info->map_nr_max,
			 "shrinker id %d beyond the map", shrinker_id))
		return;
	__set_bit(shrinker_id, info->map);
}

bool shrinker_bit_test(struct mem_cgroup *memcg, int nid, int shrinker_id)
{
	struct shrinker_info *info = shrinker_info_of(memcg, nid);

	return info && shrinker_id >= 0 && shrinker_id < info->map_nr_max &&
	       test_bit(shrinker_id, info->map);
}

/* The child's deferred work is added to the parent's (not cleared). */
void reparent_shrinker_deferred(struct mem_cgroup *memcg)
{
	struct mem_cgroup *parent = parent_mem_cgroup(memcg);
	int nid, i;

	if (!parent)
		return;		/* the root is never offlined for real */
	for (nid = 0; nid < memcg->machine->nr_nodes; nid++) {
		struct shrinker_info *child = shrinker_info_of(memcg, nid);
		struct shrinker_info *pinfo = shrinker_info_of(parent, nid);

		if (!child || !pinfo)
			continue;
		for (i = 0; i < child->map_nr_max && i < pinfo->map_nr_max; i++)
			pinfo->nr_deferred[i] += child->nr_deferred[i];
	}
}

/* ---- registration ---- */

static int shrinker_idr_alloc(struct machine *m, struct shrinker *shrinker)
{
	int id = 0;

	while (xa_load(&m->shrinker_idr, id))
		id++;
	if (id >= m->shrinker_nr_max && expand_shrinker_info(m, id))
		return -ENOMEM;
	xa_store(&m->shrinker_idr, id, shrinker);
	shrinker->id = id;
	return 0;
}

struct shrinker *shrinker_alloc(struct machine *m, unsigned int flags,
				const char *name)
{
	struct shrinker *shrinker = calloc(1, sizeof(*shrinker));
	int nr_slots = (flags & SHRINKER_NUMA_AWARE) ? MAX_NUMNODES : 1;

	if (!shrinker)
		return NULL;
	shrinker->machine = m;
	shrinker->flags = flags | SHRINKER_ALLOCATED;
	shrinker->seeks = DEFAULT_SEEKS;
	shrinker->id = -1;
	INIT_LIST_HEAD(&shrinker->list);
	shrinker->name = strdup(name ? name : "");
	/* the kernel leaves nr_deferred NULL for memcg-aware shrinkers; the
	 * model keeps it for callers that pass no memcg at all */
	shrinker->nr_deferred = calloc(nr_slots, sizeof(long));
	if (!shrinker->name || !shrinker->nr_deferred)
		goto fail;
	if ((flags & SHRINKER_MEMCG_AWARE) && shrinker_idr_alloc(m, shrinker))
		goto fail;
	return shrinker;
fail:
	free(shrinker->nr_deferred);
	free(shrinker->name);
	free(shrinker);
	return NULL;
}

void shrinker_register(struct shrinker *shrinker)
{
	list_add_tail(&shrinker->list, &shrinker->machine->shrinker_list);
	shrinker->flags |= SHRINKER_REGISTERED;
	shrinker->refcount = 1;
}

void shrinker_free(struct shrinker *shrinker)
{
	if (!shrinker)
		return;
	if (shrinker->flags & SHRINKER_REGISTERED) {
		list_del(&shrinker->list);
		shrinker->flags &= ~SHRINKER_REGISTERED;
	}
	if (shrinker->id >= 0)
		xa_erase(&shrinker->machine->shrinker_idr, shrinker->id);
	free(shrinker->nr_deferred);
	free(shrinker->name);
	free(shrinker);
}

/* ---- the scan math ---- */

/*
 * Scanning takes the reclaiming task's time, during which RCU grace
 * periods end: objects freed through RCU (dentries, inodes) are
 * uncharged while a charge is still retrying, as on a real machine.
 * Kernel threads' time is not modelled.
 */
static void shrink_stall(struct machine *m, unsigned long nr_scanned)
{
	if (m->current)
		machine_stall(m, nr_scanned * m->cost.slab_scan_ns);
}

static long *nr_deferred_slot(struct shrinker *shrinker,
			      struct shrink_control *sc)
{
	int nid = (shrinker->flags & SHRINKER_NUMA_AWARE) ? sc->nid : 0;

	if (sc->memcg && (shrinker->flags & SHRINKER_MEMCG_AWARE))
		return &shrinker_info_of(sc->memcg, nid)->nr_deferred[shrinker->id];
	return &shrinker->nr_deferred[nid];
}

long shrinker_nr_deferred(struct shrinker *shrinker, struct mem_cgroup *memcg,
			  int nid)
{
	struct shrink_control sc = { .nid = nid, .memcg = memcg };

	return *nr_deferred_slot(shrinker, &sc);
}

unsigned long do_shrink_slab(struct shrink_control *sc,
			     struct shrinker *shrinker, int priority)
{
	long batch = shrinker->batch ? shrinker->batch : SHRINK_BATCH;
	unsigned long freed = 0, count;
	long freeable, nr, total_scan, scanned = 0, next;
	long long delta;
	long *slot;

	count = shrinker->count_objects(shrinker, sc);
	if (count == 0 || count == SHRINK_EMPTY)
		return count;
	freeable = count;
	/* take the deferred work, so concurrent callers do not repeat it */
	slot = nr_deferred_slot(shrinker, sc);
	nr = *slot;
	*slot = 0;
	if (shrinker->seeks)
		delta = (long long)(freeable >> priority) * 4 / shrinker->seeks;
	else
		delta = freeable / 2;	/* no I/O to recreate: trim hard */
	total_scan = min((nr >> priority) + delta, 2LL * freeable);

	/* batches, except that a small cache under heavy pressure is
	 * scanned whole rather than not at all */
	while (total_scan >= batch || total_scan >= freeable) {
		unsigned long ret;

		sc->nr_to_scan = min(batch, total_scan);
		sc->nr_scanned = sc->nr_to_scan;
		ret = shrinker->scan_objects(shrinker, sc);
		if (ret == SHRINK_STOP)
			break;
		freed += ret;
		count_vm_events(shrinker->machine, SLABS_SCANNED, sc->nr_scanned);
		shrink_stall(shrinker->machine, sc->nr_scanned);
		total_scan -= sc->nr_scanned;
		scanned += sc->nr_scanned;
	}
	next = max(nr + delta - scanned, 0LL);
	*slot += min(next, 2L * freeable);
	return freed;
}

static unsigned long shrink_slab_memcg(struct machine *m, gfp_t gfp, int nid,
				       struct mem_cgroup *memcg, int priority)
{
	struct shrinker_info *info;
	unsigned long ret, freed = 0;
	int id;

	if (!mem_cgroup_online(memcg) && !m->policy.offline_kmem_drain)
		return 0;
	info = shrinker_info_of(memcg, nid);
	if (!info)
		return 0;
	/* the set bits only, as 6.12's for_each_set_bit() */
	for (id = find_next_bit(info->map, info->map_nr_max, 0);
	     id < info->map_nr_max;
	     id = find_next_bit(info->map, info->map_nr_max, id + 1)) {
		struct shrink_control sc = {
			.gfp_mask = gfp, .nid = nid, .memcg = memcg,
		};
		struct shrinker *shrinker;

		shrinker = xa_load(&m->shrinker_idr, id);
		if (!shrinker || !(shrinker->flags & SHRINKER_REGISTERED)) {
			__clear_bit(id, info->map);
			continue;
		}
		ret = do_shrink_slab(&sc, shrinker, priority);
		if (ret == SHRINK_EMPTY) {
			/* an add may have raced with the empty count: look
			 * once more after clearing, and keep the bit if so */
			__clear_bit(id, info->map);
			ret = do_shrink_slab(&sc, shrinker, priority);
			if (ret == SHRINK_EMPTY)
				ret = 0;
			else
				set_shrinker_bit(memcg, nid, id);
		}
		freed += ret;
		/* the callbacks may have grown the map */
		info = shrinker_info_of(memcg, nid);
	}
	return freed;
}

unsigned long shrink_slab(struct machine *m, gfp_t gfp, int nid,
			  struct mem_cgroup *memcg, int priority)
{
	struct shrinker *shrinker, *next;
	unsigned long ret, freed = 0;

	if (memcg && !mem_cgroup_is_root(memcg))
		return shrink_slab_memcg(m, gfp, nid, memcg, priority);
	list_for_each_entry_safe(shrinker, next, &m->shrinker_list, list) {
		struct shrink_control sc = {
			.gfp_mask = gfp, .nid = nid, .memcg = memcg,
		};

		ret = do_shrink_slab(&sc, shrinker, priority);
		if (ret == SHRINK_EMPTY)
			ret = 0;
		freed += ret;
	}
	return freed;
}
