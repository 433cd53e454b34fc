// SPDX-License-Identifier: GPL-2.0
/*
 * The model backend's processes: spawn, fork, kill, exit, their state, and
 * running an action as one of them.
 *
 * A process runs as the kernel's current task while it acts, and goes back
 * to user mode after each action (and after each page a workload touches):
 * the memory.high work of resume_user_mode_work() and a pending SIGKILL.
 * scn_model_enter_task() and scn_model_exit_task() are the one place in
 * scenario/ that does this, until kernel/ has an entry and exit of its own.
 */
#include "scenario/model/internal.h"

#include <errno.h>

#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "mm/memcontrol.h"

/* ---- running as a task ---- */

/* Make @t current; returns the task that was. */
struct task_struct *scn_model_enter_task(struct machine *m,
					 struct task_struct *t)
{
	struct task_struct *prev = m->current;

	m->current = t;
	return prev;
}

/* Back from @t to @prev, doing the return-to-user @work on the way. */
void scn_model_exit_task(struct machine *m, struct task_struct *t,
			 struct task_struct *prev, unsigned int work)
{
	if ((work & SCN_MODEL_USER_WORK) && t->life == TASK_ALIVE &&
	    t->memcg_nr_pages_over_high)
		mem_cgroup_handle_over_high(m, GFP_KERNEL);
	if (work & SCN_MODEL_SIGNALS)
		task_handle_signals(t);
	m->current = prev;
}

int scn_model_enter(struct scn_rt *rt, struct scn_proc *p)
{
	struct task_struct *t = scn_model_task(p);

	if (t->life != TASK_ALIVE)
		return -ESRCH;
	scn_model_enter_task(scn_model_m(rt), t);
	return 0;
}

void scn_model_leave(struct scn_rt *rt, struct scn_proc *p)
{
	scn_model_exit_task(scn_model_m(rt), scn_model_task(p), NULL,
			    SCN_MODEL_USER_WORK | SCN_MODEL_SIGNALS);
}

/* ---- processes ---- */

int scn_model_spawn(struct scn_rt *rt, const struct scn_stmt *s, void **task)
{
	struct machine *m = scn_model_m(rt);
	struct cgroup *cgrp;
	struct task_struct *t;
	int err = -ENOENT;

	if (s->spawn.cpu >= m->nr_cpus)
		return -EINVAL;
	cgrp = cgroup_lookup(m, s->spawn.cgroup);
	t = cgrp ? task_spawn(m, s->spawn.name, cgrp, &err) : NULL;
	if (!t)
		return err;
	t->oom_score_adj = s->spawn.oom_score_adj;
	if (s->spawn.cpu >= 0)
		t->cpu = s->spawn.cpu;
	*task = t;
	return 0;
}

/* The threads' kernel stacks are charged as the process creates them. */
int scn_model_threads(struct scn_rt *rt, struct scn_proc *p, unsigned int nr)
{
	struct machine *m = scn_model_m(rt);
	struct task_struct *t = scn_model_task(p);
	struct task_struct *prev = scn_model_enter_task(m, t);
	int err = task_set_threads(t, nr);

	scn_model_exit_task(m, t, prev, 0);
	return err;
}

int scn_model_fork(struct scn_rt *rt, struct scn_proc *parent,
		   const char *child, void **task)
{
	int err = 0;

	*task = task_fork(scn_model_task(parent), child, &err);
	return *task ? 0 : err;
}

void scn_model_kill(struct scn_rt *rt, struct scn_proc *p)
{
	task_send_sigkill(scn_model_task(p));
}

int scn_model_pid(struct scn_rt *rt, struct scn_proc *p)
{
	return scn_model_task(p)->pid;
}

enum scn_proc_state scn_model_state(struct scn_rt *rt, struct scn_proc *p)
{
	switch (scn_model_task(p)->life) {
	case TASK_ALIVE:
		return SCN_PROC_ALIVE;
	case TASK_EXITED:
		return SCN_PROC_EXITED;
	case TASK_KILLED:
		break;
	}
	return SCN_PROC_KILLED;
}

int scn_model_exit(struct scn_rt *rt, struct scn_proc *p,
		   const struct scn_action *a)
{
	task_exit(scn_model_task(p));
	return 0;
}
