// SPDX-License-Identifier: GPL-2.0
/*
 * The cgroup v2 freezer (kernel/cgroup/freezer.c) and cgroup.freeze.
 *
 * Writing 1 to a cgroup's cgroup.freeze freezes it and every descendant:
 * each counts the frozen ancestors it has (e_freeze, itself included),
 * and is frozen while that count is positive.  A new cgroup under a
 * frozen one starts frozen; a process born in or moved into a frozen
 * cgroup is frozen, one moved out is thawed.  SIGKILL still kills a
 * frozen process (cgroup.kill, kill, the OOM killer).
 *
 * What a frozen process does not do: the kernel parks its tasks at
 * their next return to user mode (do_freezer_trap()), so no user code
 * and no new system call runs until the thaw.  In the model a process
 * runs only its scenario actions, so:
 *  - its background actions (`&`) stop at the next step (one access or
 *    page of the workload; the step under way finishes, as a system call
 *    under way finishes) and go on where they stopped at the thaw;
 *  - a foreground action, `fork` or `wait` for it would wait for a thaw
 *    that only a later statement of the same scenario could bring: the
 *    runtime refuses it with FILE:LINE (scenario/dispatch.c);
 *  - the kernel's reclaim and writeback of its memory go on.
 *
 * Where it differs: the model's tasks freeze at once, so "frozen" in
 * cgroup.events is 1 as soon as cgroup.freeze (or an ancestor's) is 1;
 * on 6.12 it becomes 1 when the last task has trapped, a moment later
 * (immediately for a cgroup without tasks).
 */
#include "kernel/cgroup.h"

#include <errno.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/sched.h"
#include "include/kernfs.h"

bool cgroup_frozen(const struct cgroup *cgrp)
{
	return cgrp->flags & CGRP_FREEZE;
}

/* Wake what waits for @t's thaw or death: it runs at the current time. */
static void freezer_wake(struct task_struct *t)
{
	struct machine *m = t->machine;
	struct freezer_wait *w, *n;

	list_for_each_entry_safe(w, n, &t->freezer_waits, list) {
		list_del_init(&w->list);
		sim_event_schedule(&m->clock, w->ev, m->clock.now);
	}
}

static void cgroup_freeze_task(struct task_struct *t, bool freeze)
{
	t->frozen = freeze;
	if (!freeze)
		freezer_wake(t);
}

/* cgroup_do_freeze(): @cgrp's state and its tasks' follow @freeze. */
static void cgroup_do_freeze(struct cgroup *cgrp, bool freeze)
{
	struct task_struct *t;

	if (freeze)
		cgrp->flags |= CGRP_FREEZE;
	else
		cgrp->flags &= ~CGRP_FREEZE;
	list_for_each_entry(t, &cgrp->tasks, cg_list)
		cgroup_freeze_task(t, freeze);
}

/* cgroup_freeze(): a write to @cgrp's cgroup.freeze. */
static void cgroup_freeze(struct cgroup *cgrp, bool freeze)
{
	struct cgroup_subsys_state *pos;

	if (cgrp->freezer.freeze == freeze)
		return;
	cgrp->freezer.freeze = freeze;
	for (pos = &cgrp->self; pos;
	     pos = css_next_descendant_pre(pos, &cgrp->self)) {
		struct cgroup *dsct = container_of(pos, struct cgroup, self);

		if (cgroup_is_dead(dsct))
			continue;
		dsct->freezer.e_freeze += freeze ? 1 : -1;
		/* already frozen by an ancestor, or still frozen by one */
		if (dsct->freezer.e_freeze != (freeze ? 1 : 0))
			continue;
		cgroup_do_freeze(dsct, freeze);
	}
}

/* cgroup_create(): a child of a frozen cgroup is born frozen. */
void cgroup_freezer_init(struct cgroup *cgrp)
{
	struct cgroup *parent = cgroup_parent(cgrp);

	if (!parent)
		return;
	cgrp->freezer.e_freeze = parent->freezer.e_freeze;
	if (cgrp->freezer.e_freeze)
		cgrp->flags |= CGRP_FREEZE;
}

/* cgroup_post_fork(): a task born in a frozen cgroup is frozen. */
void cgroup_freezer_fork(struct task_struct *t)
{
	t->frozen = cgroup_frozen(t->cgroup);
}

/* cgroup_freezer_migrate_task(): the task takes @dst's state. */
void cgroup_freezer_migrate_task(struct task_struct *t, struct cgroup *dst)
{
	if (t->frozen != cgroup_frozen(dst))
		cgroup_freeze_task(t, cgroup_frozen(dst));
}

/* The task is gone: what waited for it runs and finds it dead. */
void cgroup_freezer_exit(struct task_struct *t)
{
	t->frozen = false;
	freezer_wake(t);
}

bool cgroup_freezer_park(struct task_struct *t, struct freezer_wait *w)
{
	if (!t->frozen || t->life != TASK_ALIVE)
		return false;
	list_add_tail(&w->list, &t->freezer_waits);
	return true;
}

static int cgroup_freeze_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%d\n", of->cgrp->freezer.freeze);
	return 0;
}

static long cgroup_freeze_write(struct kernfs_open_file *of, char *buf,
				size_t nbytes)
{
	int freeze, err = cgroup_write_01(buf, &freeze);

	if (err)
		return err;
	cgroup_freeze(of->cgrp, freeze);
	return nbytes;
}

const struct cftype cgroup_freezer_files[] = {
	{
		.name = "cgroup.freeze",
		.flags = CFTYPE_NOT_ON_ROOT,
		.seq_show = cgroup_freeze_show,
		.write = cgroup_freeze_write,
	},
	{ }	/* terminate */
};
