/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cgroup v2 core (kernel/cgroup/cgroup.c): the hierarchy, controller
 * enablement, process membership and css lifetimes.
 */
#ifndef MEMCGLAB_KERNEL_CGROUP_H
#define MEMCGLAB_KERNEL_CGROUP_H

#include "include/cgroup-defs.h"

struct strbuf;
struct task_struct;
struct freezer_wait;

int cgroup_init(struct machine *m);
void cgroup_release_all(struct machine *m);

/* Resolve a path relative to the cgroup root ("", "/", "A/B"); NULL if none. */
struct cgroup *cgroup_lookup(struct machine *m, const char *path);
int cgroup_mkdir(struct machine *m, const char *path);
int cgroup_rmdir(struct machine *m, const char *path);
void cgroup_path(const struct cgroup *cgrp, struct strbuf *sb);

static inline struct cgroup *cgroup_parent(const struct cgroup *cgrp)
{
	return cgrp->parent;
}

static inline bool cgroup_is_dead(const struct cgroup *cgrp)
{
	return cgrp->flags & CGRP_DEAD;
}

bool cgroup_is_populated(const struct cgroup *cgrp);

/* The css a task's charges go to: the nearest ancestor with the controller. */
struct cgroup_subsys_state *cgroup_e_css(struct cgroup *cgrp, int ssid);
struct cgroup_subsys_state *task_css(struct task_struct *t, int ssid);

/* Membership: cgroup.procs writes, fork and exit. */
int cgroup_attach_task(struct cgroup *dst, struct task_struct *t);
/*
 * The same in two steps, with the window between css_set_move_task() and
 * ->attach() open in between (a scenario's `move NAME to CGROUP window`).
 */
int cgroup_attach_task_begin(struct cgroup *dst, struct task_struct *t);
void cgroup_attach_task_finish(struct task_struct *t);
void cgroup_post_fork(struct cgroup *cgrp, struct task_struct *t);
void cgroup_exit(struct task_struct *t);

/* css reference counting (include/linux/cgroup.h) */
void css_get(struct cgroup_subsys_state *css);
void css_get_many(struct cgroup_subsys_state *css, unsigned int n);
void css_put(struct cgroup_subsys_state *css);
void css_put_many(struct cgroup_subsys_state *css, unsigned int n);
bool css_tryget(struct cgroup_subsys_state *css);
bool css_tryget_online(struct cgroup_subsys_state *css);

/* Next css in pre-order below @root (css_next_descendant_pre). */
struct cgroup_subsys_state *css_next_descendant_pre(struct cgroup_subsys_state *pos,
						    struct cgroup_subsys_state *root);

extern const struct cftype cgroup_psi_files[];	/* psi.c: {io,memory,cpu}.pressure */
extern const struct cftype cgroup_pressure_files[];	/* psi.c: cgroup.pressure */
extern const struct cftype cgroup_freezer_files[];	/* cgroup_freezer.c */
extern const struct cftype cgroup_rstat_files[];	/* cgroup_rstat.c */

/* The freezer (cgroup_freezer.c). */
bool cgroup_frozen(const struct cgroup *cgrp);
void cgroup_freezer_init(struct cgroup *cgrp);
void cgroup_freezer_fork(struct task_struct *t);
void cgroup_freezer_migrate_task(struct task_struct *t, struct cgroup *dst);
void cgroup_freezer_exit(struct task_struct *t);
/*
 * If @t is frozen, queue @w until it thaws or dies (its event then runs)
 * and return true; false if @t may run.
 */
bool cgroup_freezer_park(struct task_struct *t, struct freezer_wait *w);

/*
 * CPU time (cgroup_rstat.c): @ns of @t's time ran on a CPU, in user mode
 * (@user) or in the kernel; cpu.stat of its cgroup and every ancestor.
 */
void cgroup_account_cputime(struct task_struct *t, u64 ns, bool user);

/*
 * A switch file's write (cgroup.freeze, cgroup.pressure): a number
 * (kstrtoint: -EINVAL, -ERANGE), then 0 or 1 (-ERANGE).
 */
int cgroup_write_01(char *buf, int *v);

/* The hierarchy's files in kernfs (cgroup_files.c), set up by cgroup_init. */
int cgroup_files_init(struct machine *m);
/* @ss's files appear in every cgroup where @ss is enabled. */
int cgroup_add_dfl_cftypes(struct machine *m, struct cgroup_subsys *ss,
			   const struct cftype *cfts);



int cgroup_subtree_control_write(struct cgroup *cgrp, char *buf);
u16 cgroup_controllers_mask(const struct cgroup *cgrp);
u16 cgroup_enabled_mask(struct machine *m);
const char *cgroup_subsys_name(int ssid);
#endif
