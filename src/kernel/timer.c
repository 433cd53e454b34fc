// SPDX-License-Identifier: GPL-2.0
/*
 * Time passing (kernel/time/timer.c): the machine's timers, work items and
 * kernel threads are events of its clock, and they run when time moves
 * past their deadline, as run_timers() and the workqueues run them, with
 * no current task.  A task that waits (schedule_timeout, or the model's
 * cost of a slow step) lets time move on its behalf, and PSI counts the
 * span when the task is in a memory stall, or waits for I/O.  Time moves only here; that is
 * why rcu_barrier(), which waits for RCU callbacks by letting time pass,
 * is here too.
 */
#include "include/machine.h"
#include "include/rcupdate.h"
#include "include/sched.h"
#include "kernel/psi.h"

void machine_run_until(struct machine *m, u64 when)
{
	struct task_struct *saved = m->current;

	m->current = NULL;
	m->in_events++;
	clock_run_until(&m->clock, when);
	m->in_events--;
	m->current = saved;
}

/* rcu_barrier() (kernel/rcu/tree.c): time passes until every callback ran */
void rcu_barrier(struct machine *m)
{
	u64 last;

	/* a callback may queue another: wait until none is left */
	while ((last = rcu_last_ready(&m->rcu)))
		machine_run_until(m, last);
}

void machine_stall(struct machine *m, u64 ns)
{
	machine_run_until(m, m->clock.now + ns);
	psi_account(m, ns);
}

/* kernel/sched/core.c's: the sleep is an I/O wait, PSI's io stall */
void io_schedule_timeout(struct machine *m, u64 ns)
{
	machine_run_until(m, m->clock.now + ns);
	psi_account_iowait(m, ns);
}
