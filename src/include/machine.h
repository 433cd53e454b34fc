/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct machine: one simulated computer and everything its kernel knows.
 * There are no globals anywhere in the model; every object reaches its
 * machine through its owner, so several machines can run in one process.
 *
 * This header is the root of the object graph: it embeds the hardware's
 * state (sim/) and points at every subsystem's, which stay opaque here.
 */
#ifndef MEMCGLAB_INCLUDE_MACHINE_H
#define MEMCGLAB_INCLUDE_MACHINE_H

#include <stdio.h>
#include <sys/types.h>

#include "lib/compiler.h"
#include "lib/list.h"
#include "lib/rng.h"
#include "lib/xarray.h"
#include "sim/clock.h"
#include "sim/physmem.h"
#include "sim/rcu.h"
#include "include/backing-dev-defs.h"
#include "include/mmzone.h"
#include "include/vm_event_item.h"

struct mem_cgroup;
struct memcg_stock_pcp;
struct cpu_fbatches;
struct cgroup;
struct task_struct;
struct vfs;
struct folio;
struct swap_info_struct;
struct zswap;
struct slab_state;
struct super_block;
struct kernfs_root;
struct shmem_sb_info;

/*
 * What the model can boot, in one place (machine_config_check()).  RAM
 * and its memory map (a 64-byte struct folio per 4K frame) are reserved
 * host address space, backed only where a scenario uses them, so boot
 * costs nothing per GiB; RAM is bounded by what the reservations leave of
 * a 47-bit user address space (128T: 64T of RAM and its 1T memory map,
 * with room for the rest).  Swap keeps host memory reserved for a few
 * bytes per slot, touched only when used.  Below 1M a node cannot hold
 * what the kernel allocates at boot.
 */
#define MACHINE_MAX_MEMORY	(64ULL << 40)
#define MACHINE_MIN_NODE_MEMORY	(1ULL << 20)
#define MACHINE_MAX_SWAP	(1ULL << 40)

/* What the swap device is (machine swapdev=). */
enum swapdev_kind {
	SWAPDEV_DISK,	/* rotational, asynchronous: the kernel backend's vda */
	SWAPDEV_SSD,	/* non-rotational, asynchronous */
	SWAPDEV_ZRAM,	/* synchronous (SWP_SYNCHRONOUS_IO), like zram */
};

struct machine_config {
	u64 memory_bytes;
	int nr_cpus;
	int nr_nodes;
	u64 swap_bytes;		/* 0: no swap device */
	int swapdev;		/* enum swapdev_kind */
	u64 disk_bytes;
	u64 seed;
	/*
	 * content=model: user pages hold descriptors of their bytes, not the
	 * bytes (sim/frame.h); every number a scenario reads is the same
	 */
	bool content_model;
};

/* /proc/sys/vm knobs the model honours. */
struct vm_sysctl {
	int swappiness;
	int min_free_kbytes;
	int watermark_scale_factor;
	int overcommit_memory;
	int panic_on_oom;
	int oom_kill_allocating_task;
	int dirty_ratio;		/* % of dirtyable memory: throttle */
	int dirty_background_ratio;	/* % of dirtyable memory: flush */
	unsigned long dirty_bytes;	/* instead of dirty_ratio when set */
	unsigned long dirty_background_bytes;
	int dirty_expire_centisecs;	/* dirty_expire_interval */
	int dirty_writeback_centisecs;	/* dirty_writeback_interval */
	int page_cluster;		/* log2 of the swap readahead window */
};

/* cgroup2 mount options. */
struct cgroup_mount_opts {
	bool nsdelegate;
	bool memory_localevents;
	bool memory_recursiveprot;
	bool memory_hugetlb_accounting;
	bool favordynmods;
	/* model only (seed 003): tasks enter a cgroup at fork, never move */
	bool nomigrate;
};

/* objcg.task_cache (seed 003): where a task's obj_cgroup comes from */
enum objcg_task_cache {
	OBJCG_TASK_CACHE_LAZY,	/* 6.12: cached, looked up again lazily */
	OBJCG_TASK_CACHE_OFF,	/* before 6.7: a lookup per allocation */
	OBJCG_TASK_CACHE_FORK,	/* cached, inherited at fork (proposal) */
};

/* pagemap.shmem_swap: Linux 6.12, Peter Xu's RFC, Tiberiu Georgescu's patch */
enum {
	PAGEMAP_SHMEM_SWAP_NONE,
	PAGEMAP_SHMEM_SWAP_MARKER,
	PAGEMAP_SHMEM_SWAP_LOOKUP,
};

/* The design switches of DESIGN.md; all zero is Linux 6.12. */
struct mm_policy {
	bool zswap_lru_global;		/* zswap.lru=global */
	bool offline_kmem_drain;	/* memcg.offline_kmem=drain */
	int smemcg;			/* 0 off, 1 charge, 2 borrow */
	int objcg_task_cache;		/* enum objcg_task_cache */
	bool memcg_task_cache;		/* memcg.task_cache=on */
	int pagemap_shmem_swap;		/* 0 none, 1 marker, 2 lookup */
	int pins;			/* 0 off, 1 cgroup, 2 smemcg */
};

/* What model costs, in virtual ns: where stalls take their time from. */
struct cost_table {
	u64 fault_ns;			/* a minor fault that allocates */
	u64 zero_page_ns;		/* clearing 4 KiB */
	u64 fill_page_ns;		/* a program writing 4 KiB of content */
	u64 copy_page_ns;		/* copy-on-write copy */
	u64 access_ns;			/* touching a present page */
	u64 disk_read_ns;		/* one page from the disk */
	u64 disk_write_ns;		/* a write request's latency */
	u64 disk_page_ns;		/* the disk's transfer time per page */
	/* the swap disk, the same way: request latency, transfer per page */
	u64 swap_read_ns;
	u64 swap_write_ns;
	u64 swap_page_ns;
	u64 slab_scan_ns;		/* a shrinker looking at one object */
	u64 lru_scan_ns;		/* reclaim looking at one LRU folio */
	u64 pagemap_read_ns;		/* one read(2) of /proc/PID/pagemap */
	u64 pagemap_entry_ns;		/* each entry it produces */
	u64 pagecache_lookup_ns;	/* a page-cache slot looked up */
	u64 pte_marker_ns;		/* writing or consuming a PTE marker */
	/* what the task-cache designs of seed 003 are made of (counted in
	 * virtual time, not stalled for: mm/memcontrol_task.c) */
	u64 ref_ns;			/* a per-CPU reference get or put */
	u64 atomic_ns;			/* a locked RMW: xchg, cmpxchg, set_bit */
	u64 rcu_ns;			/* rcu_read_lock() + rcu_read_unlock() */
	u64 cset_walk_ns;		/* task -> css_set -> css -> memcg */
	u64 lookup_ns;			/* memcg -> objcg, one level of the walk */
	u64 lock_ns;			/* an uncontended spin_lock_irq + unlock */
};

struct machine {
	struct machine_config cfg;
	struct sim_clock clock;
	struct rcu_state rcu;
	struct rng rng;

	struct physmem phys;		/* RAM and topology */

	/* memory */
	struct folio *mem_map;		/* every frame's struct folio, by pfn */
	struct pglist_data *node_data[MAX_NUMNODES];
	int nr_nodes;
	unsigned long totalram_pages;
	/* bumped whenever a VMA is linked or unlinked in any mm: callers
	 * that cache a lookup of one check it (the scenario's jobs) */
	unsigned long vma_seq;
	unsigned long zero_pfn;		/* the shared zero page */
	struct vm_sysctl vm;
	unsigned long vm_events[NR_VM_EVENT_ITEMS];
	/* read faults map this many pages around (mm/memory.c, debugfs) */
	unsigned long fault_around_pages;
	unsigned long zone_events[NR_ZONE_EVENTS][MAX_NR_ZONES];

	/* per-CPU state, indexed by CPU id */
	int nr_cpus;
	struct memcg_stock_pcp *memcg_stock;
	struct cpu_fbatches *cpu_fbatches;

	/* the memory controller */
	struct mem_cgroup *root_mem_cgroup;
	struct xarray memcg_ids;	/* id -> struct mem_cgroup * */

	/* cgroup core */
	struct cgroup *cgrp_root;
	struct cgroup_mount_opts cgrp_opts;
	bool cgroup_mounted;
	u64 css_serial_nr;
	u64 kernfs_last_id;		/* cgroup.kn_id of the last mkdir */

	/* processes */
	struct list_head tasks;		/* every task ever spawned, by pid */
	struct xarray pids;
	pid_t next_pid;
	struct task_struct *current;	/* the task whose action runs now */
	struct list_head users;		/* user_structs, by uid (kernel/user.c) */
	unsigned int nontask_flags;	/* PF_* while current is NULL */
	int in_events;			/* events running (kernel/timer.c) */

	/* swap: one device or none, and zswap in front of it */
	struct swap_info_struct *swap_info;
	struct zswap *zswap;

	/* shmem: the mount behind memfds and shared anonymous memory, and
	 * the inodes with pages in swap (shmem_swaplist) */
	struct shmem_sb_info *shm_mnt;
	struct list_head shmem_swaplist;
	/* smemcg=charge|borrow: the tmpfs mounts' smemcgs (mm/smemcg.c) */
	struct list_head smemcgs;

	/* files */
	struct vfs *vfs;
	struct list_head open_files;	/* kernfs_open_file.list */
	struct kernfs_root *kernfs;	/* registered interface files */
	struct bdi_writeback wb;	/* the disk's flusher */

	struct cost_table cost;
	struct mm_policy policy;
	u64 pagemap_stats[NR_PAGEMAP_STATS];
	/* obj_cgroup reference operations (gets, tryget, puts): the cost the
	 * objcg.task_cache debate is about */
	unsigned long objcg_refops;

	/* kernel objects: slab caches, list_lrus, shrinkers, the dcache */
	struct slab_state *slab;
	struct list_head memcg_list_lrus;	/* memcg-aware list_lrus */
	struct list_head shrinker_list;		/* registered shrinkers */
	struct xarray shrinker_idr;		/* id -> memcg-aware shrinker */
	int shrinker_nr_max;			/* ids the memcg maps hold */
	struct super_block *root_sb;		/* "/": the dentry cache's sb */
	/* set_active_memcg() when no task runs (mkdir from the scenario) */
	struct mem_cgroup *active_memcg;

	/* fault injection: failslab, fail_page_alloc, ... (fault-inject.h) */
	struct fault_inject *fault_inject;

	/* --trace: every charge, uncharge and event, with its memcg */
	FILE *trace;
	/* run mm_verify() after every step */
	bool verify;
	/* model bugs found at run time (include/bug.h): the run fails */
	unsigned long nr_bugs;
};

/*
 * Boot and teardown (init/main.c).  machine_config_check() returns 0 if
 * the model can boot @cfg, else -EINVAL with what is wrong and what is
 * supported in @why (if not NULL).  machine_boot() returns NULL if @cfg
 * fails that check or the boot fails, with the reason in @why (if not
 * NULL): the host out of memory, or a machine too small for what its
 * kernel reserves at boot (the memmap, per-CPU areas, the kernel image)
 * and its first slabs; machine_create() is machine_boot() without the
 * reason.  machine_destroy() returns the number of model bugs reported
 * over the machine's life, its teardown included.
 */
struct strbuf;
int machine_config_check(const struct machine_config *cfg,
			 struct strbuf *why);
struct machine *machine_boot(const struct machine_config *cfg,
			     struct strbuf *why);
struct machine *machine_create(const struct machine_config *cfg);
unsigned long machine_destroy(struct machine *m);
/*
 * Time (kernel/timer.c): run every event due at or before @when with no
 * current task, then set the clock to @when.
 */
void machine_run_until(struct machine *m, u64 when);
/* Advance time by @ns on behalf of the current task (a stall). */
void machine_stall(struct machine *m, u64 ns);
/*
 * io_schedule_timeout(): the current task sleeps @ns waiting for I/O
 * (in_iowait), an I/O stall for PSI.
 */
void io_schedule_timeout(struct machine *m, u64 ns);

#endif
