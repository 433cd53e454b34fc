// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/PID/status (fs/proc/array.c, proc_pid_status()): the task's name
 * and ids, the memory lines of its address space (task_mmu.c's
 * task_mem()) and its thread count, in 6.12's order and format.
 *
 * Differences: only those lines; no state, credentials, signal masks,
 * capabilities, seccomp or CPU lists.  A task is a process whose threads
 * are a count, so Tgid is its pid.
 */
#include "fs/proc/internal.h"

#include "lib/strbuf.h"
#include "include/kernfs.h"
#include "include/mm_types.h"
#include "include/sched.h"

int proc_pid_status(struct kernfs_open_file *of, struct strbuf *sb)
{
	struct task_struct *t = of->data;

	sb_printf(sb, "Name:\t%.15s\n", t->comm);
	sb_printf(sb, "Tgid:\t%d\nPid:\t%d\nPPid:\t%d\n", t->pid, t->pid,
		  t->parent ? t->parent->pid : 0);
	if (t->mm)
		task_mem(sb, t->mm);
	sb_printf(sb, "Threads:\t%d\n", t->nr_threads);
	return 0;
}
