/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Process lifetime (kernel/fork.c, kernel/exit.c, kernel/signal.c).
 */
#ifndef MEMCGLAB_KERNEL_TASK_H
#define MEMCGLAB_KERNEL_TASK_H

#include "include/sched.h"

struct cgroup;

struct task_struct *find_task_by_pid(struct machine *m, pid_t pid);

/*
 * A new process with an empty address space (fork + exec by a shell),
 * born into @cgrp (clone3 with CLONE_INTO_CGROUP).  NULL with *err set.
 */
struct task_struct *task_spawn(struct machine *m, const char *name,
			       struct cgroup *cgrp, int *err);
/* fork(2): same cgroup, copy-on-write copy of the address space. */
struct task_struct *task_fork(struct task_struct *parent, const char *name,
			      int *err);

/* The task exits by itself (exit(2)). */
void task_exit(struct task_struct *t);
/*
 * SIGKILL.  A task that is not running exits at once; the running task
 * (m->current) dies when its current action notices the signal.
 */
void task_send_sigkill(struct task_struct *t);
/* Called by the running task's action loop: die if a SIGKILL is pending. */
bool task_handle_signals(struct task_struct *t);

/*
 * Give @t @nr_threads threads in all (more or fewer); each thread has a
 * kernel stack charged to the memcg of the task that runs at the time.
 */
int task_set_threads(struct task_struct *t, int nr_threads);

void tasks_release(struct machine *m);

/* kernel/user.c: a uid's user_struct (created on first use) */
struct user_struct {
	struct list_head list;		/* machine->users */
	unsigned int uid;
	unsigned long locked_vm;	/* pages, io_uring's buffers */
};
struct user_struct *find_user(struct machine *m, unsigned int uid);
unsigned long user_locked_vm(struct machine *m, unsigned int uid);
void users_release(struct machine *m);

/* kernel/sys.c: setrlimit(RLIMIT_MEMLOCK) */
int do_prlimit_memlock(struct task_struct *t, const struct rlimit *new);

#endif
