/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shrinkers (include/linux/shrinker.h): callbacks that free reclaimable
 * kernel objects when reclaim asks, scaled by the reclaim priority.
 */
#ifndef MEMCGLAB_MM_SHRINKER_H
#define MEMCGLAB_MM_SHRINKER_H

#include "lib/compiler.h"
#include "lib/list.h"
#include "include/gfp.h"

struct machine;
struct mem_cgroup;

/* scan_objects: no progress possible now (e.g. a lock would deadlock) */
#define SHRINK_STOP	(~0UL)
/* count_objects: nothing at all, the memcg's bit may be cleared */
#define SHRINK_EMPTY	(~0UL - 1)

#define DEFAULT_SEEKS	2
#define SHRINK_BATCH	128

#define SHRINKER_REGISTERED	BIT(0)
#define SHRINKER_ALLOCATED	BIT(1)
#define SHRINKER_NUMA_AWARE	BIT(2)
#define SHRINKER_MEMCG_AWARE	BIT(3)
#define SHRINKER_NONSLAB	BIT(4)

struct shrink_control {
	gfp_t gfp_mask;
	int nid;			/* 0 for shrinkers that are not NUMA-aware */
	/* set before each scan_objects call; the callee may lower nr_scanned
	 * to what it really looked at */
	unsigned long nr_to_scan;
	unsigned long nr_scanned;
	struct mem_cgroup *memcg;	/* NULL or root: the global lists */
};

struct shrinker {
	unsigned long (*count_objects)(struct shrinker *s,
				       struct shrink_control *sc);
	unsigned long (*scan_objects)(struct shrinker *s,
				      struct shrink_control *sc);
	long batch;			/* objects per scan call; 0: 128 */
	int seeks;			/* cost to recreate an object */
	unsigned int flags;
	void *private_data;

	struct machine *machine;
	char *name;
	int refcount;
	struct list_head list;		/* machine->shrinker_list */
	int id;				/* memcg-aware: bit in the memcg maps */
	long *nr_deferred;		/* not memcg-aware: per node or one */
};

/* Per (memcg, node): which shrinkers have objects, and deferred work. */
struct shrinker_info {
	int map_nr_max;
	unsigned long *map;
	long *nr_deferred;
};

struct shrinker *shrinker_alloc(struct machine *m, unsigned int flags,
				const char *name);
void shrinker_register(struct shrinker *shrinker);
void shrinker_free(struct shrinker *shrinker);

void set_shrinker_bit(struct mem_cgroup *memcg, int nid, int shrinker_id);
bool shrinker_bit_test(struct mem_cgroup *memcg, int nid, int shrinker_id);
int alloc_shrinker_info(struct mem_cgroup *memcg);
void free_shrinker_info(struct mem_cgroup *memcg);
void reparent_shrinker_deferred(struct mem_cgroup *memcg);
/* The deferred scan count of @shrinker for (@memcg, @nid); for tests. */
long shrinker_nr_deferred(struct shrinker *shrinker, struct mem_cgroup *memcg,
			  int nid);

/* One shrinker, one (node, memcg): the scan-count math of the kernel. */
unsigned long do_shrink_slab(struct shrink_control *sc,
			     struct shrinker *shrinker, int priority);
/*
 * Shrink the slab objects of @memcg on @nid: for a non-root memcg only the
 * memcg-aware shrinkers whose bit is set, otherwise every shrinker.
 * Returns the number of objects freed.
 */
unsigned long shrink_slab(struct machine *m, gfp_t gfp, int nid,
			  struct mem_cgroup *memcg, int priority);

void shrinker_init(struct machine *m);
void shrinker_release(struct machine *m);

#endif
