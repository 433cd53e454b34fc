// SPDX-License-Identifier: GPL-2.0
/*
 * The way into the kernel and back out (kernel/entry/common.c).  The
 * model has no user mode: a task "enters" when an action of the scenario
 * runs as it (current = the task) and "returns to user mode" when the
 * action is done, or after each system call of a loop of them.  The exit
 * work is what 6.12 does for memcg on that path: signals first (a SIGKILL
 * never returns to user space), then mem_cgroup_handle_over_high() from
 * resume_user_mode_work().
 */
#include "include/entry-common.h"

#include "include/machine.h"
#include "include/gfp.h"
#include "include/sched.h"
#include "kernel/task.h"
#include "mm/memcontrol.h"

struct task_struct *enter_task(struct machine *m, struct task_struct *t)
{
	struct task_struct *prev = m->current;

	m->current = t;
	return prev;
}

void leave_task(struct machine *m, struct task_struct *prev)
{
	m->current = prev;
}

bool exit_to_user_mode(struct machine *m)
{
	struct task_struct *t = m->current;

	if (!t)
		return true;
	if (task_handle_signals(t) || t->life != TASK_ALIVE)
		return false;
	if (t->memcg_nr_pages_over_high)
		mem_cgroup_handle_over_high(m, GFP_KERNEL);
	return !task_handle_signals(t);
}
