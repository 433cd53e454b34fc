/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct task_struct: a process of the scenario (include/linux/sched.h).
 * Threads are a count, not separate tasks: the model runs one action of a
 * process at a time, so a thread group behaves as one task that owns
 * nr_threads kernel stacks.
 */
#ifndef MEMCGLAB_INCLUDE_SCHED_H
#define MEMCGLAB_INCLUDE_SCHED_H

#include "lib/compiler.h"
#include "lib/list.h"
#include "include/machine.h"
#include "include/resource.h"

struct machine;
struct cgroup;
struct mm_struct;
struct mem_cgroup;

typedef int pid_t;

#define PF_EXITING	0x00000004u
#define PF_MEMALLOC	0x00000800u
#define PF_KTHREAD	0x00200000u

/* x86_64 kernel stacks: 16 KiB, vmalloc'ed from order-0 pages */
#define THREAD_SIZE		(16 * 1024)

#define OOM_SCORE_ADJ_MIN	(-1000)
#define OOM_SCORE_ADJ_MAX	1000

enum task_life {
	TASK_ALIVE,
	TASK_EXITED,		/* exited by itself */
	TASK_KILLED,		/* died of SIGKILL (OOM killer or kill) */
	/*
	 * Being made by fork or spawn (TASK_NEW until wake_up_new_task()):
	 * not yet a task the OOM killer or a signal can pick.
	 */
	TASK_NEW,
};

struct userfaultfd_ctx;
struct sim_event;

/*
 * Something that waits for a frozen task's thaw (a background action
 * stopped at a step): its event runs when the task thaws or dies.
 */
struct freezer_wait {
	struct list_head list;		/* task->freezer_waits */
	struct sim_event *ev;
};

struct task_struct {
	pid_t pid;
	char *comm;			/* the scenario's name for it */
	struct machine *machine;
	struct task_struct *parent;

	struct cgroup *cgroup;		/* the css_set, reduced to one cgroup */
	struct list_head cg_list;	/* cgroup->tasks */
	struct list_head tasks;		/* machine->tasks, in creation order */

	struct mm_struct *mm;
	unsigned int uid;		/* its credentials: 0 has every capability */
	int nr_threads;
	struct folio **stacks;		/* THREAD_SIZE / PAGE_SIZE frames per thread */
	int oom_score_adj;
	/* the userfaultfd it opened: a scenario's process has at most one,
	 * and a child forked does not share it */
	struct userfaultfd_ctx *uffd;
	/* descriptors of the driver files it opened (include/file.h) */
	struct files_struct *files;
	/* signal->rlim[RLIMIT_MEMLOCK] (include/resource.h) */
	struct rlimit rlim_memlock;
	int cpu;
	unsigned int flags;
	enum task_life life;
	bool sigkill_pending;
	bool oom_victim;
	/* the cgroup freezer: it runs no user code until thawed */
	bool frozen;
	struct list_head freezer_waits;

	/* memcg state of the task */
	unsigned long memcg_nr_pages_over_high;
	/* balance_dirty_pages(): pages dirtied since the last check */
	int nr_dirtied;
	int nr_dirtied_pause;
	u64 dirty_paused_when;
	struct mem_cgroup *active_memcg;
	unsigned long objcg;		/* struct obj_cgroup *, bit 0: update */
	/* memcg.task_cache=on (seed 003): struct mem_cgroup * holding a css
	 * reference, bit 0: update */
	unsigned long cached_memcg;
	/* moved by css_set_move_task(), ->attach() not yet run (a scenario's
	 * `move ... window`) */
	bool attach_pending;

	/* fault injection: /proc/PID/make-it-fail and fail-nth */
	bool make_it_fail;
	unsigned int fail_nth;

	/* the completion of the last read the task waits for (a swap-in):
	 * its action's time runs on to it (scenario/model/act_workload.c) */
	u64 io_wait_until;

	/* memory stalls: nesting depth, and virtual time spent stalled */
	int in_memstall;
	u64 memstall_ns;
};

/*
 * capable() (kernel/capability.c): root has every capability, any other
 * uid none, as a process that setuid()s away from root.  Work that no
 * task does (the scenario's shell) runs as root.
 */
static inline bool capable(struct machine *m)
{
	return !m->current || !m->current->uid;
}

/* task_rlimit() and rlimit(): a task's (the current one's) soft limit, in
 * bytes; only RLIMIT_MEMLOCK is kept (include/resource.h). */
static inline unsigned long task_rlimit(const struct task_struct *t,
					unsigned int limit)
{
	if (limit != RLIMIT_MEMLOCK)
		return RLIM_INFINITY;
	return t ? t->rlim_memlock.rlim_cur : MLOCK_LIMIT;
}

static inline unsigned long rlimit(struct machine *m, unsigned int limit)
{
	return task_rlimit(m->current, limit);
}

static inline unsigned int current_fsuid(struct machine *m)
{
	return m->current ? m->current->uid : 0;
}

/* The CPU the running code is on: the current task's, or 0 for the rest. */
static inline int smp_processor_id(const struct machine *m)
{
	return m->current ? m->current->cpu : 0;
}

static inline bool fatal_signal_pending(const struct task_struct *t)
{
	return t && t->sigkill_pending;
}

static inline bool task_is_dying(const struct task_struct *t)
{
	return t && (t->oom_victim || t->sigkill_pending ||
		     (t->flags & PF_EXITING));
}

/*
 * current->flags.  What no task of the scenario does (the shell's writes,
 * kswapd, the flusher) runs with m->current NULL; that context has flags
 * too, kept in the machine, so that a reclaimer there is PF_MEMALLOC as
 * well and its own charges (zswap's, for one) do not recurse.
 */
static inline unsigned int *current_flags(struct machine *m)
{
	return m->current ? &m->current->flags : &m->nontask_flags;
}

static inline unsigned int memalloc_noreclaim_save(struct machine *m)
{
	unsigned int *flags = current_flags(m);
	unsigned int old = *flags & PF_MEMALLOC;

	*flags |= PF_MEMALLOC;
	return old;
}

static inline void memalloc_noreclaim_restore(struct machine *m,
					      unsigned int old)
{
	unsigned int *flags = current_flags(m);

	*flags = (*flags & ~PF_MEMALLOC) | old;
}

/*
 * May the work in progress let virtual time pass (machine_stall)?  A task
 * may, and so may the scenario's own process, whose statements run with no
 * current task outside any event; kernel threads (events) may not.
 */
static inline bool current_may_stall(const struct machine *m)
{
	return m->current || !m->in_events;
}

static inline bool current_is_memalloc(struct machine *m)
{
	return *current_flags(m) & PF_MEMALLOC;
}

#endif
