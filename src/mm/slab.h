/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The slab allocator (include/linux/slab.h, mm/slab.h): kmem caches of
 * fixed-size objects carved out of the machine's page frames, kmalloc size
 * classes, and the per-object obj_cgroup of accounted objects.
 */
#ifndef MEMCGLAB_MM_SLAB_H
#define MEMCGLAB_MM_SLAB_H

#include "lib/compiler.h"
#include "include/cgroup-defs.h"
#include "lib/list.h"
#include "include/gfp.h"
#include "include/mmzone.h"

struct machine;
struct folio;
struct list_lru;
struct mem_cgroup;
struct obj_cgroup;
struct strbuf;

/* kmem_cache_create() flags */
#define SLAB_ACCOUNT		BIT(0)	/* charge every object to its memcg */
#define SLAB_RECLAIM_ACCOUNT	BIT(1)	/* counted as slab_reclaimable */

/* The model's slabs are single frames, so kmalloc stops at one page. */
#define KMALLOC_MAX_CACHE_SIZE	PAGE_SIZE
#define NR_KMALLOC_SIZES	12

enum kmalloc_cache_type {
	KMALLOC_NORMAL,
	KMALLOC_RECLAIM,		/* kmalloc-rcl-*: __GFP_RECLAIMABLE */
	KMALLOC_CGROUP,			/* kmalloc-cg-*: __GFP_ACCOUNT */
	NR_KMALLOC_TYPES
};

struct kmem_cache_node {
	struct list_head partial;	/* slabs with free and used objects */
	struct list_head full;		/* slabs with no free object */
	unsigned long nr_partial;
	unsigned long nr_slabs;
	unsigned long nr_inuse;		/* allocated objects */
};

struct kmem_cache {
	struct machine *machine;
	char *name;
	unsigned int object_size;	/* what the user asked for */
	unsigned int size;		/* the stride of objects in a slab */
	unsigned int objects;		/* objects per slab */
	unsigned int min_partial;	/* empty slabs kept per node */
	unsigned int flags;
	struct list_head list;		/* slab_state.caches */
	struct kmem_cache_node node[MAX_NUMNODES];
};

/* One slab: a page frame full of objects of one cache. */
struct slab {
	struct kmem_cache *slab_cache;
	struct folio *folio;
	void *addr;			/* the frame's bytes */
	void *freelist;			/* linked through the free objects */
	unsigned int inuse;
	struct list_head slab_list;	/* the node's partial or full list */
	struct obj_cgroup **obj_exts;	/* per object; NULL until accounted */
};

/* The allocator's state, hung off struct machine. */
struct slab_state {
	struct list_head caches;
	struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][NR_KMALLOC_SIZES];
	unsigned long accounted_allocs;	/* objects charged through an objcg */
};

int kmem_cache_init(struct machine *m);
/* Every object must have been freed: the caches and their slabs go. */
void kmem_cache_release(struct machine *m);

struct kmem_cache *kmem_cache_create(struct machine *m, const char *name,
				     unsigned int size, unsigned int flags);
void kmem_cache_destroy(struct kmem_cache *s);

/*
 * An object of @s, or NULL.  @lru: the memcg-aware list_lru the object
 * will be put on, so its memcg's sublists exist before it is charged.
 */
void *kmem_cache_alloc_lru(struct kmem_cache *s, struct list_lru *lru,
			   gfp_t gfp);
static inline void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc_lru(s, NULL, gfp);
}
/* An object from a slab on node @nid (< 0: this CPU's node) if it has one. */
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfp, int nid);
void kmem_cache_free(struct kmem_cache *s, void *obj);

void *kmalloc(struct machine *m, size_t size, gfp_t gfp);
static inline void *kzalloc(struct machine *m, size_t size, gfp_t gfp)
{
	return kmalloc(m, size, gfp | __GFP_ZERO);
}
void kfree(struct machine *m, const void *obj);
/* The kmalloc cache that serves @size with @gfp; NULL beyond a page. */
struct kmem_cache *kmalloc_slab(struct machine *m, size_t size, gfp_t gfp);

/* The slab holding @obj, or NULL if @obj is not in a slab page. */
struct slab *virt_to_slab(struct machine *m, const void *obj);
/* The memcg an object is charged to (through its objcg), or NULL. */
struct mem_cgroup *mem_cgroup_from_slab_obj(struct machine *m, const void *obj);
struct obj_cgroup *slab_obj_objcg(struct machine *m, const void *obj);

/* What an accounted object costs its memcg: the object and its objcg slot. */
static inline size_t obj_full_size(const struct kmem_cache *s)
{
	return s->size + sizeof(struct obj_cgroup *);
}

static inline enum node_stat_item cache_vmstat_idx(const struct kmem_cache *s)
{
	return (s->flags & SLAB_RECLAIM_ACCOUNT) ? NR_SLAB_RECLAIMABLE_B
						 : NR_SLAB_UNRECLAIMABLE_B;
}

/* mm_verify(): slab lists, node statistics and memcg charges agree. */
int slab_verify(struct machine *m, struct strbuf *why);

#endif
