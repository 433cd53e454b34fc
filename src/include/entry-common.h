/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entering the kernel as a task and going back to user mode
 * (include/linux/entry-common.h), implemented in kernel/entry.c.  Every
 * action a task of the scenario makes runs between the two:
 *
 *	prev = enter_task(m, t);
 *	... the system call, fault or access ...
 *	exit_to_user_mode(m);
 *	leave_task(m, prev);
 *
 * Kernel code that works on behalf of another task (fork, exit) uses
 * enter_task()/leave_task() alone: it does not return to user mode.
 */
#ifndef MEMCGLAB_INCLUDE_ENTRY_COMMON_H
#define MEMCGLAB_INCLUDE_ENTRY_COMMON_H

#include "lib/compiler.h"

struct machine;
struct task_struct;

/* Run as @t (NULL: no task, as a kernel thread); returns the task it replaces. */
struct task_struct *enter_task(struct machine *m, struct task_struct *t);
/* Run as @prev again, the value enter_task() returned. */
void leave_task(struct machine *m, struct task_struct *prev);

/*
 * The work before the current task returns to user mode, in the order of
 * exit_to_user_mode_loop(): a pending SIGKILL ends the task; otherwise
 * memory.high throttling (resume_user_mode_work), after which a SIGKILL
 * it brought ends the task too.  Returns false if the task died, true if
 * it lives on (or no task runs).
 */
bool exit_to_user_mode(struct machine *m);

#endif
