/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memory controller (include/linux/memcontrol.h).
 *
 * Statistics are exact: every update lands in the memcg's local counters
 * and in the subtree counters of it and its ancestors at once, where the
 * kernel batches per-CPU deltas through rstat (and so may lag by up to 64
 * pages per CPU for up to 2 s).  Events are counted hierarchically at once, as in the kernel.
 */
#ifndef MEMCGLAB_MM_MEMCONTROL_H
#define MEMCGLAB_MM_MEMCONTROL_H

#include "include/cgroup-defs.h"
#include "kernel/cgroup.h"
#include "mm/page_counter.h"
#include "include/mmzone.h"
#include "include/vm_event_item.h"
#include "include/gfp.h"
#include "include/pgtable.h"
#include "sim/clock.h"

struct folio;
struct mm_struct;
struct task_struct;

#define MEMCG_CHARGE_BATCH	64U

/* folio->memcg_data: a memcg pointer, or an obj_cgroup pointer | KMEM */
#define MEMCG_DATA_KMEM		0x2UL
#define MEMCG_DATA_FLAGS_MASK	0x3UL
#define MAX_RECLAIM_RETRIES	16
#define MEM_CGROUP_ID_MAX	65535

/* Statistic items that exist only per memcg, numbered after the node items. */
enum memcg_stat_item {
	MEMCG_SWAP = NR_VM_NODE_STAT_ITEMS,
	MEMCG_SOCK,
	MEMCG_PERCPU_B,
	MEMCG_VMALLOC,
	MEMCG_KMEM,
	MEMCG_ZSWAP_B,
	MEMCG_ZSWAPPED,
	MEMCG_NR_STAT,
};

enum memcg_memory_event {
	MEMCG_LOW,
	MEMCG_HIGH,
	MEMCG_MAX,
	MEMCG_OOM,
	MEMCG_OOM_KILL,
	MEMCG_OOM_GROUP_KILL,
	MEMCG_SWAP_HIGH,
	MEMCG_SWAP_MAX,
	MEMCG_SWAP_FAIL,
	MEMCG_NR_MEMORY_EVENTS,
};

struct mem_cgroup_reclaim_iter {
	struct mem_cgroup *position;	/* no reference held */
	unsigned int generation;
};

struct shrinker_info;

/*
 * What seed 003's task-cache designs cost (model only, memcontrol_task.c),
 * counted for the memcg of the task that does it.
 */
enum tc_phase {
	TC_FORK,	/* fork and exit: the task's cached pointers' lifetime */
	TC_ALLOC,	/* accounted allocations: lookups, object references */
	TC_ATTACH,	/* migrations */
	NR_TC_PHASES,
};

enum tc_op {
	TC_REFOP,	/* objcg get/tryget/put; css get/put of the cached memcg */
	TC_LOOKUP,	/* memcg -> objcg walks */
	TC_CSET_WALK,	/* task -> css_set -> memcg */
	TC_ATOMIC,	/* xchg, cmpxchg, set_bit on a task's cached pointer */
	TC_RCU,		/* RCU read sections around lookups */
	TC_LOCK,	/* css_set_lock taken by fork, exit and migration */
	TC_LOCKED,	/* the design's operations done under css_set_lock */
	NR_TC_OPS,
};

struct task_cache_stat {
	unsigned long forks, allocs, migrations;
	unsigned long charged;	/* allocations charged here, by anyone */
	unsigned long foreign;	/* ... by a task of another memcg */
	unsigned long ops[NR_TC_PHASES][NR_TC_OPS];
	u64 vtime_ns[NR_TC_PHASES];
};

struct mem_cgroup_per_node {
	struct lruvec lruvec;
	long lruvec_stat_local[NR_VM_NODE_STAT_ITEMS];
	long lruvec_stat_dead[NR_VM_NODE_STAT_ITEMS];	/* freed children's */
	/* the subtree's: local and dead, here and in every descendant */
	long lruvec_stat_tree[NR_VM_NODE_STAT_ITEMS];
	struct mem_cgroup_reclaim_iter iter;
	struct shrinker_info *shrinker_info;	/* shrinker.c */
	void *lruvec_stats;	/* the accounted slab object 6.12 allocates */
	struct mem_cgroup *memcg;
	struct mem_cgroup_per_node *parent;	/* the parent memcg's, same node */
};

/*
 * A handle for charging kernel objects (mm/memcontrol.c).  Objects point at
 * their obj_cgroup, not at a memcg, so when the memcg goes away the handle
 * is simply moved to the parent and later frees uncharge there.
 */
struct obj_cgroup {
	struct machine *machine;
	long refcnt;			/* percpu_ref, base reference included */
	bool ref_killed;
	struct mem_cgroup *memcg;	/* the owner: moves up on reparenting */
	unsigned long nr_charged_bytes;	/* sub-page leftovers, charged */
	struct list_head list;		/* memcg->objcg_list */
	struct rcu_head rcu;
	/* memcg.offline_kmem=drain: not reparented, it holds an ID (hence
	 * css) reference on its dead memcg until its last object is freed */
	bool drain_pin;
};

/* One per open memory.peak / memory.swap.peak that was written to. */
struct cgroup_of_peak {
	unsigned long value;
	struct list_head list;
};

struct mem_cgroup {
	struct cgroup_subsys_state css;
	struct machine *machine;

	unsigned short id;		/* 1..65535; 0 until online */
	int id_ref;			/* the ID outlives the css while swap uses it */

	struct page_counter memory;
	struct page_counter swap;
	unsigned long zswap_max;
	bool zswap_writeback;
	bool oom_group;

	long memory_events[MEMCG_NR_MEMORY_EVENTS];
	long memory_events_local[MEMCG_NR_MEMORY_EVENTS];

	/* this memcg's own counts, and the subtree's (kept up to date); the
	 * node items are kept per node only (nodeinfo), these stay 0 there */
	long vmstats_local[MEMCG_NR_STAT];
	long vmstats_tree[MEMCG_NR_STAT];
	unsigned long vmevents_local[NR_VM_EVENT_ITEMS];
	/* what freed descendants had counted, so cumulative totals persist */
	long vmstats_dead[MEMCG_NR_STAT];
	unsigned long vmevents_dead[NR_VM_EVENT_ITEMS];

	struct list_head memory_peaks;	/* struct cgroup_of_peak.list */
	struct list_head swap_peaks;

	struct sim_event high_work;

	/* mem_cgroup_wb_stats() as of the last periodic rstat flush */
	struct {
		u64 epoch;		/* which FLUSH_TIME period, plus one */
		unsigned long dirty, writeback, filepages;
	} wb_stats;

	/* kernel memory */
	struct obj_cgroup *objcg;	/* NULL once offline; none for root */
	struct obj_cgroup *orig_objcg;	/* kept until the memcg is freed */
	struct list_head objcg_list;	/* inherited objcgs of dead children */
	struct obj_cgroup *percpu_objcg;	/* who paid for our percpu data */
	unsigned long percpu_bytes;
	void *vmstats;		/* the accounted slab object 6.12 allocates */
	int kmemcg_id;		/* list_lru index; the parent's once offline */

	struct mem_cgroup_per_node *nodeinfo[MAX_NUMNODES];

	struct task_cache_stat tc_stat;	/* seed 003's costs (model only) */
	u64 pagemap_stats[NR_PAGEMAP_STATS];	/* seed 004's (model only) */
};

/*
 * The per-CPU charge stock of 6.12: one cached memcg with pre-charged
 * pages, and in the same structure the byte stock of one obj_cgroup with
 * its batched slab statistics.
 */
struct memcg_stock_pcp {
	struct mem_cgroup *cached;	/* holds a css reference */
	unsigned int nr_pages;

	struct obj_cgroup *cached_objcg;	/* holds an objcg reference */
	struct pglist_data *cached_pgdat;
	unsigned int nr_bytes;
	int nr_slab_reclaimable_b;
	int nr_slab_unreclaimable_b;
};

extern const struct cftype memory_files[];

static inline struct mem_cgroup *mem_cgroup_from_css(struct cgroup_subsys_state *css)
{
	return css ? container_of(css, struct mem_cgroup, css) : NULL;
}

static inline struct mem_cgroup *parent_mem_cgroup(struct mem_cgroup *memcg)
{
	return mem_cgroup_from_css(memcg->css.parent);
}

bool mem_cgroup_is_root(const struct mem_cgroup *memcg);
bool mem_cgroup_online(const struct mem_cgroup *memcg);
/* The inode of the memcg @folio is charged to (or its nearest online
 * ancestor), 0 for none: /proc/kpagecgroup. */
u64 page_cgroup_ino(struct folio *folio);
bool mem_cgroup_is_descendant(struct mem_cgroup *memcg, struct mem_cgroup *root);

static inline struct lruvec *mem_cgroup_lruvec(struct mem_cgroup *memcg,
					       int nid)
{
	return &memcg->nodeinfo[nid]->lruvec;
}

/* ---- lifecycle (memcontrol.c) ---- */
int mem_cgroup_init(struct machine *m);
void mem_cgroup_exit(struct machine *m);	/* drain the stocks */
void mem_cgroup_release(struct machine *m);
struct mem_cgroup *mem_cgroup_from_id(struct machine *m, unsigned short id);
void mem_cgroup_id_get_many(struct mem_cgroup *memcg, unsigned int n);
void mem_cgroup_id_put_many(struct mem_cgroup *memcg, unsigned int n);

/* ---- charging (memcontrol.c) ---- */
struct mem_cgroup *get_mem_cgroup_from_mm(struct mm_struct *mm);
struct mem_cgroup *get_mem_cgroup_from_current(struct machine *m);
struct mem_cgroup *mem_cgroup_from_task(struct task_struct *t);
int try_charge_memcg(struct mem_cgroup *memcg, gfp_t gfp, unsigned int nr_pages);
int mem_cgroup_charge(struct folio *folio, struct mm_struct *mm, gfp_t gfp);
int mem_cgroup_charge_memcg(struct folio *folio, struct mem_cgroup *memcg,
			    gfp_t gfp);
void mem_cgroup_uncharge(struct folio *folio);
void refill_stock(struct mem_cgroup *memcg, unsigned int nr_pages);
void drain_all_stock(struct mem_cgroup *root_memcg);
void memcg_uncharge(struct mem_cgroup *memcg, unsigned int nr_pages);
/*
 * --trace: one line of what happened to @memcg's charges, and why.  The
 * test is inline: the charge path calls it for every page.
 */
__attribute__((format(printf, 3, 4)))
void __memcg_trace(struct mem_cgroup *memcg, const char *what,
		   const char *fmt, ...);
#define memcg_trace(memcg, what, ...)					\
	do {								\
		struct mem_cgroup *__memcg = (memcg);			\
									\
		if (unlikely(__memcg->machine->trace))			\
			__memcg_trace(__memcg, what, __VA_ARGS__);	\
	} while (0)
void memcg_counter_uncharge(struct mem_cgroup *memcg,
			    struct page_counter *counter,
			    unsigned long nr_pages);
int memcg_kmem_charge_page(struct machine *m, struct folio *folio, gfp_t gfp);
void memcg_kmem_uncharge_page(struct folio *folio);
unsigned long mem_cgroup_margin(struct mem_cgroup *memcg);
struct mem_cgroup *folio_memcg(const struct folio *folio);

/*
 * Count @n of @item of the pagemap.shmem_swap costs for @memcg (the root
 * when NULL) and for the machine: of the memcg of @mm's owner, of the
 * running task's.
 */
void pagemap_stat_add(struct machine *m, struct mem_cgroup *memcg,
		      enum pagemap_stat_item item, u64 n);
void pagemap_stat_add_mm(struct mm_struct *mm, enum pagemap_stat_item item,
			 u64 n);
void pagemap_stat_add_current(struct machine *m, enum pagemap_stat_item item,
			      u64 n);
struct lruvec *folio_lruvec(struct machine *m, struct folio *folio);

/* ---- kernel memory through obj_cgroup (memcontrol_kmem.c) ---- */
#define CURRENT_OBJCG_UPDATE_FLAG	0x1UL

int memcg_online_kmem(struct mem_cgroup *memcg);
void memcg_offline_kmem(struct mem_cgroup *memcg);
void memcg_free_kmem(struct mem_cgroup *memcg);
struct obj_cgroup *__get_obj_cgroup_from_memcg(struct mem_cgroup *memcg);
struct obj_cgroup *get_obj_cgroup_from_memcg(struct mem_cgroup *memcg);
void obj_cgroup_get(struct obj_cgroup *objcg);
void obj_cgroup_put(struct obj_cgroup *objcg);
int obj_cgroup_charge(struct obj_cgroup *objcg, gfp_t gfp, size_t size);
void obj_cgroup_uncharge(struct obj_cgroup *objcg, size_t size);
void mod_objcg_state(struct obj_cgroup *objcg, struct pglist_data *pgdat,
		     enum node_stat_item idx, int nr);
void drain_obj_stocks(struct machine *m);
void drain_obj_stock_of(struct memcg_stock_pcp *stock, struct mem_cgroup *root);
void memcg_charge_percpu(struct mem_cgroup *memcg, struct mem_cgroup *parent);
void memcg_uncharge_percpu(struct mem_cgroup *memcg);
int memcg_alloc_stats(struct mem_cgroup *memcg, struct mem_cgroup *parent);
void memcg_free_stats(struct mem_cgroup *memcg);
void mod_memcg_lruvec_state(struct lruvec *lruvec, int idx, long val);

/* ---- the task side: task->objcg, fork, migration, exit (memcontrol_task.c) ---- */
struct obj_cgroup *current_obj_cgroup(struct machine *m);
/*
 * The objcg an accounted allocation of the running context is charged to
 * (NULL: none), per objcg.task_cache.  *held: the lookup's reference is
 * the caller's, to give to its object or drop with objcg_alloc_put();
 * otherwise the object takes its own with objcg_alloc_get().
 */
struct obj_cgroup *objcg_alloc_begin(struct machine *m, bool *held);
void objcg_alloc_get(struct machine *m, struct obj_cgroup *objcg);
void objcg_alloc_put(struct machine *m, struct obj_cgroup *objcg);
struct mem_cgroup *set_active_memcg(struct machine *m, struct mem_cgroup *memcg);
/* cgroup_subsys callbacks (fork_locked, attach_locked: seed 003's) */
void mem_cgroup_fork_locked(struct task_struct *t);
void mem_cgroup_fork(struct task_struct *t);
void mem_cgroup_attach_locked(struct cgroup_subsys_state *css,
			      struct task_struct *t);
void mem_cgroup_attach(struct cgroup_subsys_state *css, struct task_struct *t);
void mem_cgroup_exit_task(struct task_struct *t);
/* /sys/kernel/debug/memcglab/task_cache, the costs below (model only) */
int mem_cgroup_task_debugfs_init(struct machine *m);

/* ---- swap and zswap (memcontrol_swap.c) ---- */
/* Charge @entry's slot to @folio's memcg; -ENOMEM over memory.swap.max. */
int mem_cgroup_try_charge_swap(struct machine *m, struct folio *folio,
			       swp_entry_t entry);
void mem_cgroup_uncharge_swap(struct machine *m, swp_entry_t entry);
long mem_cgroup_get_nr_swap_pages(struct mem_cgroup *memcg);
/* Free swap eagerly on swap-in when it is scarce, globally or in a memcg. */
bool mem_cgroup_swap_full(struct machine *m, struct folio *folio);
/* memory.zswap.max of the memcg and its ancestors allows another store */
bool obj_cgroup_may_zswap(struct obj_cgroup *objcg);
void obj_cgroup_charge_zswap(struct obj_cgroup *objcg, size_t size);
void obj_cgroup_uncharge_zswap(struct obj_cgroup *objcg, size_t size);
bool mem_cgroup_zswap_writeback_enabled(struct mem_cgroup *memcg);

/* ---- memory.high (memcontrol_high.c) ---- */
void mem_cgroup_handle_over_high(struct machine *m, gfp_t gfp);
unsigned long reclaim_high(struct mem_cgroup *memcg, unsigned int nr_pages,
			   gfp_t gfp);

/* ---- protection (memory.min, memory.low) in reclaim ---- */
/*
 * The effective memory.min/low of @memcg under reclaim of @root's subtree
 * (NULL: global), into memcg->memory.emin and .elow.
 */
void mem_cgroup_calculate_protection(struct mem_cgroup *root,
				     struct mem_cgroup *memcg);

/* The target of reclaim and the root have no protection from it. */
static inline bool mem_cgroup_unprotected(struct mem_cgroup *target,
					  struct mem_cgroup *memcg)
{
	return mem_cgroup_is_root(memcg) || memcg == target;
}

static inline bool mem_cgroup_below_min(struct mem_cgroup *target,
					struct mem_cgroup *memcg)
{
	if (mem_cgroup_unprotected(target, memcg))
		return false;
	return memcg->memory.emin >= page_counter_read(&memcg->memory);
}

static inline bool mem_cgroup_below_low(struct mem_cgroup *target,
					struct mem_cgroup *memcg)
{
	if (mem_cgroup_unprotected(target, memcg))
		return false;
	return memcg->memory.elow >= page_counter_read(&memcg->memory);
}

/* ---- reclaim iterators (vmscan.c / memcontrol.c) ---- */
/* A reclaimer's place in the walk shared by all reclaimers of a node. */
struct mem_cgroup_reclaim_cookie {
	int nid;
	unsigned int generation;
};

struct mem_cgroup *mem_cgroup_iter(struct mem_cgroup *root,
				   struct mem_cgroup *prev,
				   struct mem_cgroup_reclaim_cookie *reclaim);
void mem_cgroup_iter_break(struct mem_cgroup *root, struct mem_cgroup *prev);
void invalidate_reclaim_iterators(struct mem_cgroup *dead);

/* ---- statistics (memcontrol_stat.c) ---- */
/* A freed memcg's cumulative counts go to its parent's totals. */
void memcg_fold_stats(struct mem_cgroup *memcg);
void memcg_memory_event(struct mem_cgroup *memcg, enum memcg_memory_event event);
void mod_memcg_state(struct mem_cgroup *memcg, int idx, long val);
void mod_lruvec_state(struct lruvec *lruvec, enum node_stat_item idx, long val);
void lruvec_stat_mod_folio(struct machine *m, struct folio *folio,
			   enum node_stat_item idx, long val);
void count_memcg_events(struct mem_cgroup *memcg, enum vm_event_item idx,
			unsigned long count);
void count_memcg_folio_events(struct machine *m, struct folio *folio,
			      enum vm_event_item idx, unsigned long nr);
long memcg_page_state(struct mem_cgroup *memcg, int idx);
/*
 * The subtree's count as it is, not clamped at zero as readers see it:
 * mm_verify's, since the per-CPU stocks may hold back bytes of either
 * sign, leaving the counters below zero for a while.
 */
long memcg_page_state_raw(struct mem_cgroup *memcg, int idx);
/* What a memcg writeback domain sees: file pages, headroom, dirty, writeback. */
void mem_cgroup_wb_stats(struct mem_cgroup *memcg, unsigned long *pfilepages,
			 unsigned long *pheadroom, unsigned long *pdirty,
			 unsigned long *pwriteback);
long memcg_page_state_local(struct mem_cgroup *memcg, int idx);
unsigned long memcg_events(struct mem_cgroup *memcg, enum vm_event_item idx);
long lruvec_page_state(struct lruvec *lruvec, enum node_stat_item idx);

/* pre-order walk of @root's subtree, @root first (css_for_each_descendant_pre) */
struct mem_cgroup *memcg_next_descendant_pre(struct mem_cgroup *pos,
					     struct mem_cgroup *root);
#define for_each_mem_cgroup_tree(iter, root)			\
	for (iter = (root); iter; iter = memcg_next_descendant_pre(iter, root))

#endif
