// SPDX-License-Identifier: GPL-2.0
/*
 * Process creation (kernel/fork.c).  A spawned process is what a shell's
 * fork+exec leaves: a fresh address space whose page-table root is charged
 * to the new process's own cgroup (clone3 with CLONE_INTO_CGROUP).  A fork
 * copies the parent's address space copy-on-write, charging the copied
 * page tables to the parent's memcg, as the parent is the one running.
 */
#include "task.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "include/machine.h"
#include "include/file.h"
#include "include/entry-common.h"
#include "kernel/cgroup.h"
#include "mm/mm.h"
#include "mm/memcontrol.h"
#include "mm/page_alloc.h"
#include "mm/swap.h"

struct task_struct *find_task_by_pid(struct machine *m, pid_t pid)
{
	return pid > 0 ? xa_load(&m->pids, pid) : NULL;
}

/* The CPU with the fewest live tasks, lowest id first: a fair scheduler's
 * placement without the wakeup heuristics. */
static int select_task_cpu(struct machine *m)
{
	int load[MACHINE_MAX_CPUS] = { 0 };
	struct task_struct *t;
	int cpu, best = 0;

	list_for_each_entry(t, &m->tasks, tasks)
		if (t->life == TASK_ALIVE)
			load[t->cpu]++;
	for (cpu = 1; cpu < m->nr_cpus; cpu++)
		if (load[cpu] < load[best])
			best = cpu;
	return best;
}

static struct task_struct *task_alloc(struct machine *m, const char *name,
				      struct task_struct *parent)
{
	struct task_struct *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->pid = m->next_pid++;
	t->comm = strdup(name);
	t->machine = m;
	t->parent = parent;
	t->nr_threads = 1;
	t->cpu = select_task_cpu(m);
	t->nr_dirtied_pause = 128 >> (PAGE_SHIFT - 10);	/* as copy_process */
	t->life = TASK_NEW;
	/* init's RLIMIT_MEMLOCK for a spawn; a fork inherits its parent's */
	t->rlim_memlock = parent ? parent->rlim_memlock :
			  (struct rlimit){ MLOCK_LIMIT, MLOCK_LIMIT };
	INIT_LIST_HEAD(&t->cg_list);
	INIT_LIST_HEAD(&t->freezer_waits);
	list_add_tail(&t->tasks, &m->tasks);
	xa_store(&m->pids, t->pid, t);
	return t;
}

/*
 * A spawn or fork that failed half-way: give back the stacks it charged,
 * the task's objcg reference and its cgroup, then the task itself.
 */
static void task_free_unborn(struct task_struct *t)
{
	task_set_threads(t, 0);
	mem_cgroup_exit_task(t);
	cgroup_exit(t);
	free(t->stacks);
	xa_erase(&t->machine->pids, t->pid);
	list_del(&t->tasks);
	free(t->comm);
	free(t);
}

/*
 * alloc_thread_stack_node() + memcg_charge_kernel_stack(): the pages of a
 * vmalloc'ed stack are kernel pages of the current task's memcg, counted
 * in kernel_stack (KiB) on the memcg and node of each page.
 */
static int alloc_thread_stack(struct task_struct *t, struct folio **pages)
{
	struct machine *m = t->machine;
	int i;

	for (i = 0; i < THREAD_SIZE / PAGE_SIZE; i++) {
		pages[i] = folio_alloc(m, GFP_KERNEL, -1);
		if (!pages[i] || memcg_kmem_charge_page(m, pages[i], GFP_KERNEL))
			goto fail;
		lruvec_stat_mod_folio(m, pages[i], NR_KERNEL_STACK_KB,
				      PAGE_SIZE / 1024);
	}
	return 0;
fail:
	if (pages[i])
		folio_put(m, pages[i]);
	while (i--) {
		lruvec_stat_mod_folio(m, pages[i], NR_KERNEL_STACK_KB,
				      -(long)(PAGE_SIZE / 1024));
		folio_put(m, pages[i]);
	}
	return -ENOMEM;
}

static void free_thread_stack(struct machine *m, struct folio **pages)
{
	int i;

	for (i = 0; i < THREAD_SIZE / PAGE_SIZE; i++) {
		lruvec_stat_mod_folio(m, pages[i], NR_KERNEL_STACK_KB,
				      -(long)(PAGE_SIZE / 1024));
		folio_put(m, pages[i]);
	}
}

#define STACK_PAGES	(THREAD_SIZE / PAGE_SIZE)

int task_set_threads(struct task_struct *t, int nr_threads)
{
	struct machine *m = t->machine;
	struct folio **stacks;

	while (t->nr_threads > nr_threads) {
		t->nr_threads--;
		free_thread_stack(m, &t->stacks[t->nr_threads * STACK_PAGES]);
	}
	if (t->nr_threads == nr_threads)
		return 0;
	stacks = realloc(t->stacks, nr_threads * STACK_PAGES * sizeof(*stacks));
	if (!stacks)
		return -ENOMEM;
	t->stacks = stacks;
	while (t->nr_threads < nr_threads) {
		int err = alloc_thread_stack(t, &stacks[t->nr_threads * STACK_PAGES]);

		if (err)
			return err;
		t->nr_threads++;
	}
	return 0;
}

struct task_struct *task_spawn(struct machine *m, const char *name,
			       struct cgroup *cgrp, int *err)
{
	struct task_struct *t, *prev;

	if (cgroup_is_dead(cgrp) || (cgrp->parent && cgrp->subtree_control)) {
		*err = cgroup_is_dead(cgrp) ? -ENOENT : -EBUSY;
		return NULL;
	}
	t = task_alloc(m, name, NULL);
	if (!t) {
		*err = -ENOMEM;
		return NULL;
	}
	cgroup_post_fork(cgrp, t);
	/* the first stack is allocated by the spawner, before the child runs */
	t->nr_threads = 0;
	if (task_set_threads(t, 1)) {
		task_free_unborn(t);
		*err = -ENOMEM;
		return NULL;
	}
	prev = enter_task(m, t);
	t->mm = mm_alloc(m, t);
	leave_task(m, prev);
	if (!t->mm) {
		task_free_unborn(t);
		*err = -ENOMEM;
		return NULL;
	}
	*err = 0;
	t->life = TASK_ALIVE;	/* wake_up_new_task() */
	return t;
}

struct task_struct *task_fork(struct task_struct *parent, const char *name,
			      int *err)
{
	struct machine *m = parent->machine;
	struct task_struct *t, *prev;

	t = task_alloc(m, name, parent);
	if (!t) {
		*err = -ENOMEM;
		return NULL;
	}
	t->oom_score_adj = parent->oom_score_adj;
	t->uid = parent->uid;		/* credentials are inherited */
	cgroup_post_fork(parent->cgroup, t);
	/* the parent runs the fork: its memcg pays for the child's stack */
	prev = enter_task(m, parent);
	t->nr_threads = 0;
	*err = task_set_threads(t, 1);
	if (!*err) {
		t->mm = mm_alloc(m, t);
		*err = t->mm ? dup_mmap(t->mm, parent->mm) : -ENOMEM;
	}
	if (!*err)
		*err = dup_fd(t, parent);	/* copy_files() */
	/* copy_process(): a fatal signal meanwhile (an OOM kill of the
	 * parent) cancels the fork; the parent dies on its way out */
	if (!*err && fatal_signal_pending(parent))
		*err = -EINTR;
	leave_task(m, prev);
	if (*err) {
		exit_files(t);
		if (t->mm)
			mmput(t->mm);
		t->mm = NULL;
		task_free_unborn(t);
		return NULL;
	}
	t->life = TASK_ALIVE;	/* wake_up_new_task() */
	return t;
}
