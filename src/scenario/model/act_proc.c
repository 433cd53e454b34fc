// SPDX-License-Identifier: GPL-2.0
/*
 * The model backend's processes: spawn, fork, kill, exit, their state, and
 * running an action as one of them: between the kernel's entry and its
 * return to user mode (include/entry-common.h), which handles a pending
 * SIGKILL and memory.high on the way out.
 */
#include "scenario/model/internal.h"

#include <errno.h>

#include "include/entry-common.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"

/* ---- running an action as a task ---- */

int scn_model_enter(struct scn_rt *rt, struct scn_proc *p)
{
	struct scn_model *md = scn_model(rt);
	struct task_struct *t = scn_model_task(p);

	if (t->life != TASK_ALIVE)
		return -ESRCH;
	md->prev = enter_task(md->m, t);
	return 0;
}

void scn_model_leave(struct scn_rt *rt, struct scn_proc *p)
{
	struct scn_model *md = scn_model(rt);

	exit_to_user_mode(md->m);
	leave_task(md->m, md->prev);
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
	t->uid = s->spawn.uid;
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
	struct task_struct *prev = enter_task(m, t);
	int err = task_set_threads(t, nr);

	leave_task(m, prev);
	return err;
}

/*
 * fork(2) by the parent: on its way back to user mode it takes a SIGKILL
 * it got during the fork (an OOM kill), as it would after any syscall.
 */
int scn_model_fork(struct scn_rt *rt, struct scn_proc *parent,
		   const char *child, void **task)
{
	struct machine *m = scn_model_m(rt);
	struct task_struct *prev = enter_task(m, scn_model_task(parent));
	int err = 0;

	*task = task_fork(scn_model_task(parent), child, &err);
	exit_to_user_mode(m);
	leave_task(m, prev);
	return *task ? 0 : err;
}

/*
 * A migration stopped at its commit point: the process is in CGROUP's
 * css_set and the controllers' ->attach() waits for the second step.  The
 * kernel holds cgroup_mutex and cgroup_threadgroup_rwsem over both, so no
 * rmdir, fork or exit runs in between; the model lets the scenario run
 * anything there, to show what each design's cached pointers do in that
 * window.
 */
int scn_model_move_step(struct scn_rt *rt, struct scn_proc *p,
			const char *cgroup)
{
	struct task_struct *t = scn_model_task(p);
	struct cgroup *cgrp;

	if (t->life != TASK_ALIVE)
		return -ESRCH;
	if (!cgroup) {
		cgroup_attach_task_finish(t);
		return 0;
	}
	cgrp = cgroup_lookup(scn_model_m(rt), cgroup);
	return cgrp ? cgroup_attach_task_begin(cgrp, t) : -ENOENT;
}

void scn_model_kill(struct scn_rt *rt, struct scn_proc *p)
{
	task_send_sigkill(scn_model_task(p));
}

int scn_model_pid(struct scn_rt *rt, struct scn_proc *p)
{
	return scn_model_task(p)->pid;
}

bool scn_model_frozen(struct scn_rt *rt, struct scn_proc *p)
{
	struct task_struct *t = scn_model_task(p);

	return t->life == TASK_ALIVE && t->frozen;
}

enum scn_proc_state scn_model_state(struct scn_rt *rt, struct scn_proc *p)
{
	switch (scn_model_task(p)->life) {
	case TASK_ALIVE:
		return SCN_PROC_ALIVE;
	case TASK_EXITED:
		return SCN_PROC_EXITED;
	case TASK_KILLED:
	case TASK_NEW:		/* never seen: fork and spawn finish it */
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
