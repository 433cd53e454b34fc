/* SPDX-License-Identifier: GPL-2.0 */
/*
 * list_lru (include/linux/list_lru.h): LRU lists of reclaimable kernel
 * objects, one per node, and for memcg-aware lists one per (memcg, node).
 */
#ifndef MEMCGLAB_MM_LIST_LRU_H
#define MEMCGLAB_MM_LIST_LRU_H

#include "lib/compiler.h"
#include "lib/list.h"
#include "lib/xarray.h"
#include "include/gfp.h"
#include "include/mmzone.h"
#include "sim/rcu.h"

struct machine;
struct mem_cgroup;
struct shrinker;
struct shrink_control;

/* What an isolate callback did with the item it was shown. */
enum lru_status {
	LRU_REMOVED,		/* taken off the list (list_lru_isolate*) */
	LRU_REMOVED_RETRY,	/* taken off, lock dropped: walk restarts */
	LRU_ROTATE,		/* keep it: moved to the tail */
	LRU_SKIP,		/* leave it where it is */
	LRU_RETRY,		/* not freeable, lock dropped: walk restarts */
	LRU_STOP,		/* end the walk here */
};

struct list_lru_one {
	struct list_head list;
	long nr_items;
};

/* One memcg's sublists, one per node. */
struct list_lru_memcg {
	struct rcu_head rcu;
	struct list_lru_one node[MAX_NUMNODES];
};

struct list_lru_node {
	struct list_lru_one lru;	/* the root memcg's (and NULL's) items */
	long nr_items;			/* all memcgs on this node */
};

struct list_lru {
	struct machine *machine;
	struct list_lru_node node[MAX_NUMNODES];
	struct list_head list;		/* machine->memcg_list_lrus */
	int shrinker_id;
	bool memcg_aware;
	struct xarray xa;		/* kmemcg_id -> struct list_lru_memcg */
};

typedef enum lru_status (*list_lru_walk_cb)(struct list_head *item,
					     struct list_lru_one *list,
					     void *cb_arg);

int __list_lru_init(struct machine *m, struct list_lru *lru, bool memcg_aware,
		    struct shrinker *shrinker);
static inline int list_lru_init(struct machine *m, struct list_lru *lru)
{
	return __list_lru_init(m, lru, false, NULL);
}
static inline int list_lru_init_memcg(struct machine *m, struct list_lru *lru,
				      struct shrinker *shrinker)
{
	return __list_lru_init(m, lru, true, shrinker);
}
void list_lru_destroy(struct list_lru *lru);

/* The sublist index of @memcg: its kmemcg_id, -1 for root or none. */
int memcg_kmem_id(const struct mem_cgroup *memcg);

/*
 * Add @item (an empty list_head) at the tail of (@nid, @memcg)'s list;
 * false if it is on a list already.  The first item of a sublist sets the
 * memcg's shrinker bit.  The _obj variants take the node of the memory
 * holding @item and the memcg its slab object is charged to.
 */
bool list_lru_add(struct list_lru *lru, struct list_head *item, int nid,
		  struct mem_cgroup *memcg);
bool list_lru_add_obj(struct list_lru *lru, struct list_head *item);
bool list_lru_del(struct list_lru *lru, struct list_head *item, int nid,
		  struct mem_cgroup *memcg);
bool list_lru_del_obj(struct list_lru *lru, struct list_head *item);

/* For isolate callbacks: take @item off @list (the walker fixes the node). */
void list_lru_isolate(struct list_lru_one *list, struct list_head *item);
void list_lru_isolate_move(struct list_lru_one *list, struct list_head *item,
			   struct list_head *head);

unsigned long list_lru_count_one(struct list_lru *lru, int nid,
				 struct mem_cgroup *memcg);
unsigned long list_lru_count_node(struct list_lru *lru, int nid);
unsigned long list_lru_count(struct list_lru *lru);
unsigned long list_lru_shrink_count(struct list_lru *lru,
				    struct shrink_control *sc);

/*
 * Show the items of one sublist to @isolate, oldest first, until
 * *@nr_to_walk visits are spent; returns the items removed.
 */
unsigned long list_lru_walk_one(struct list_lru *lru, int nid,
				struct mem_cgroup *memcg,
				list_lru_walk_cb isolate, void *cb_arg,
				unsigned long *nr_to_walk);
unsigned long list_lru_shrink_walk(struct list_lru *lru,
				   struct shrink_control *sc,
				   list_lru_walk_cb isolate, void *cb_arg);
/* The root list, then every memcg's, in kmemcg_id order. */
unsigned long list_lru_walk_node(struct list_lru *lru, int nid,
				 list_lru_walk_cb isolate, void *cb_arg,
				 unsigned long *nr_to_walk);
unsigned long list_lru_walk(struct list_lru *lru, list_lru_walk_cb isolate,
			    void *cb_arg, unsigned long nr_to_walk);

/* Make sure @memcg and its ancestors have sublists in @lru. */
int memcg_list_lru_alloc(struct mem_cgroup *memcg, struct list_lru *lru,
			 gfp_t gfp);
/* memcg offline: move @memcg's items to @parent, redirect its kmemcg_id. */
void memcg_reparent_list_lrus(struct mem_cgroup *memcg,
			      struct mem_cgroup *parent);

struct strbuf;
/* mm_verify(): counts match the lists.  Returns the number of errors. */
int list_lrus_verify(struct machine *m, struct strbuf *why);

#endif
