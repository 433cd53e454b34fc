// SPDX-License-Identifier: GPL-2.0
/*
 * Process exit and SIGKILL (kernel/exit.c, kernel/signal.c).  An exiting
 * process gives its address space back at once and is reaped at once; the
 * model keeps the task_struct so a scenario can ask how it died.
 */
#include "task.h"

#include <stdlib.h>

#include "include/machine.h"
#include "include/file.h"
#include "include/entry-common.h"
#include "include/userfaultfd_k.h"
#include "kernel/cgroup.h"
#include "mm/mm.h"
#include "mm/memcontrol.h"

static void do_exit(struct task_struct *t, enum task_life how)
{
	struct machine *m = t->machine;
	struct task_struct *prev;

	if (t->life != TASK_ALIVE)
		return;
	t->flags |= PF_EXITING;
	prev = enter_task(m, t);
	/* its files close (exit_files(); before exit_mm(), as the context
	 * holds the mm): the userfaultfd's registrations go */
	if (t->uffd) {
		userfaultfd_release(t->uffd);
		t->uffd = NULL;
	}
	exit_files(t);		/* a driver file another holder keeps stays */
	if (t->mm) {
		mmput(t->mm);
		t->mm = NULL;
	}
	task_set_threads(t, 0);
	mem_cgroup_exit_task(t);
	/* a task that ran and exited runs no more: nothing is current */
	leave_task(m, prev == t ? NULL : prev);
	cgroup_exit(t);
	t->life = how;
}

void task_exit(struct task_struct *t)
{
	do_exit(t, TASK_EXITED);
}

void task_send_sigkill(struct task_struct *t)
{
	if (t->life != TASK_ALIVE)
		return;
	t->sigkill_pending = true;
	if (t != t->machine->current)
		do_exit(t, TASK_KILLED);
}

bool task_handle_signals(struct task_struct *t)
{
	if (!t || !t->sigkill_pending || t->life != TASK_ALIVE)
		return false;
	do_exit(t, TASK_KILLED);
	return true;
}

void tasks_release(struct machine *m)
{
	struct task_struct *t, *n;

	list_for_each_entry_safe(t, n, &m->tasks, tasks) {
		do_exit(t, TASK_EXITED);
		list_del(&t->tasks);
		free(t->stacks);
		free(t->comm);
		free(t);
	}
	xa_destroy(&m->pids);
}
