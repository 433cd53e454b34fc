/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct cgroup and struct cgroup_subsys_state (include/linux/cgroup-defs.h).
 *
 * Only the memory controller is modelled, so a cgroup has at most one
 * subsystem state.  A css is reference counted like the kernel's percpu_ref:
 * "killed" when its cgroup is removed (tryget_online fails from then on),
 * released when the count reaches zero, freed one RCU grace period later.
 */
#ifndef MEMCGLAB_INCLUDE_CGROUP_DEFS_H
#define MEMCGLAB_INCLUDE_CGROUP_DEFS_H

#include "lib/compiler.h"
#include "lib/list.h"
#include "sim/rcu.h"
#include "include/psi_types.h"

struct machine;
struct cgroup;
struct cgroup_subsys;
struct kernfs_open_file;
struct task_struct;

enum cgroup_subsys_id {
	memory_cgrp_id,
	pins_cgrp_id,		/* model only: pins=cgroup (kernel/pins.c) */
	CGROUP_SUBSYS_COUNT,
};

/* css->flags */
#define CSS_ONLINE	BIT(1)
#define CSS_RELEASED	BIT(2)
#define CSS_DYING	BIT(4)

struct cgroup_subsys_state {
	struct cgroup *cgroup;
	struct cgroup_subsys *ss;
	struct cgroup_subsys_state *parent;
	struct list_head sibling;
	struct list_head children;	/* in creation order */
	long refcnt;			/* percpu_ref count, base ref included */
	bool ref_killed;		/* percpu_ref_kill() done */
	unsigned int flags;
	u64 serial_nr;
	struct rcu_head rcu_head;
};

/* cgroup->flags */
#define CGRP_DEAD	BIT(0)		/* removed by rmdir, not yet freed */
#define CGRP_FREEZE	BIT(1)		/* frozen: itself or an ancestor */

/* struct cgroup_freezer_state (kernel/cgroup/freezer.c) */
struct cgroup_freezer_state {
	bool freeze;			/* cgroup.freeze */
	int e_freeze;			/* frozen ancestors, itself included */
};

/* struct cgroup_base_stat (kernel/cgroup/rstat.c): CPU time, ns */
struct cgroup_base_stat {
	u64 sum_exec_runtime;
	u64 utime;
	u64 stime;
};

struct cgroup {
	struct cgroup_subsys_state self;	/* the cgroup's own lifetime */
	struct machine *machine;
	char *name;
	struct cgroup *parent;
	int level;
	unsigned int flags;
	/*
	 * The id of its kernfs directory, also its inode number (cgroup_ino(),
	 * what /proc/kpagecgroup reports).  The model numbers directories
	 * only, from 1 for the root; the kernel's files take numbers too.
	 */
	u64 kn_id;

	u16 subtree_control;		/* controllers enabled for children */
	u16 subtree_ss_mask;		/* ... and the ones implied by them */
	struct cgroup_subsys_state *subsys[CGROUP_SUBSYS_COUNT];

	struct list_head tasks;		/* task_struct.cg_list, live processes */
	int nr_populated_csets;		/* live processes here */
	int nr_populated_children;	/* children with populated subtrees */

	int nr_descendants;
	int nr_dying_descendants;
	int max_descendants;
	int max_depth;
	int nr_dying_subsys[CGROUP_SUBSYS_COUNT];

	struct psi_group psi;		/* {io,memory,cpu}.pressure */
	struct cgroup_freezer_state freezer;
	struct cgroup_base_stat bstat;	/* cpu.stat: its subtree's tasks */
};

/* A table row describing one interface file (struct cftype). */
#define CFTYPE_ONLY_ON_ROOT	BIT(0)
#define CFTYPE_NOT_ON_ROOT	BIT(1)

struct strbuf;

struct cftype {
	const char *name;
	unsigned int flags;
	int (*seq_show)(struct kernfs_open_file *of, struct strbuf *sb);
	/* a binary file's pread(): bytes read or a negative errno */
	long (*read)(struct kernfs_open_file *of, void *buf, size_t count,
		     u64 pos);
	/* returns bytes consumed or a negative errno */
	long (*write)(struct kernfs_open_file *of, char *buf, size_t nbytes);
	int (*open)(struct kernfs_open_file *of);
	void (*release)(struct kernfs_open_file *of);
	unsigned long private;
};

struct cgroup_subsys {
	const char *name;
	int id;
	/* offered at all (cgroup_ssid_enabled()); NULL: always */
	bool (*enabled)(struct machine *m);
	/* allocate a css below @parent (NULL: the root); negative errno */
	int (*css_alloc)(struct machine *m, struct cgroup_subsys_state *parent,
			 struct cgroup_subsys_state **cssp);
	int (*css_online)(struct cgroup_subsys_state *css);
	void (*css_offline)(struct cgroup_subsys_state *css);
	void (*css_released)(struct cgroup_subsys_state *css);
	void (*css_free)(struct cgroup_subsys_state *css);
	void (*css_reset)(struct cgroup_subsys_state *css);
	/*
	 * A new task @t joined its css_set (cgroup_post_fork()): fork_locked
	 * runs under css_set_lock, right after the task is linked, as seed
	 * 003 proposed (6.12 has no such callback); fork runs once the lock
	 * is dropped (cgroup_subsys.fork).
	 */
	void (*fork_locked)(struct task_struct *t);
	void (*fork)(struct task_struct *t);
	/*
	 * Task @t moved into @css's cgroup: attach_locked under css_set_lock
	 * right after css_set_move_task() (seed 003's proposal), attach once
	 * the migration has committed (cgroup_subsys.attach).
	 */
	void (*attach_locked)(struct cgroup_subsys_state *css,
			      struct task_struct *t);
	void (*attach)(struct cgroup_subsys_state *css, struct task_struct *t);
	const struct cftype *dfl_cftypes;
};

/* The controllers (include/linux/cgroup_subsys.h); each defines its own. */
extern struct cgroup_subsys memory_cgrp_subsys;	/* mm/memcontrol.c */
extern struct cgroup_subsys pins_cgrp_subsys;	/* kernel/pins.c */

#endif
