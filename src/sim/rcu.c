// SPDX-License-Identifier: GPL-2.0
/*
 * call_rcu() queue (kernel/rcu/tree.c, as far as its users can tell): each
 * callback becomes ready one grace period after it was queued; one event per
 * machine runs the ready ones.  There are no readers to wait for, so the
 * grace period is a fixed span of virtual time.
 */
#include "rcu.h"
#include "include/machine.h"

static void rcu_arm(struct machine *m)
{
	struct rcu_head *first;

	if (list_empty(&m->rcu.cbs)) {
		sim_event_cancel(&m->clock, &m->rcu.gp_event);
		return;
	}
	first = list_first_entry(&m->rcu.cbs, struct rcu_head, node);
	if (!sim_event_pending(&m->rcu.gp_event) ||
	    m->rcu.gp_event.when != first->ready)
		sim_event_schedule(&m->clock, &m->rcu.gp_event, first->ready);
}

static void rcu_gp_end(struct machine *m, struct sim_event *ev)
{
	while (!list_empty(&m->rcu.cbs)) {
		struct rcu_head *head = list_first_entry(&m->rcu.cbs,
							 struct rcu_head, node);

		if (head->ready > m->clock.now)
			break;
		list_del(&head->node);
		m->rcu.nr_pending--;
		head->func(m, head);
	}
	rcu_arm(m);
}

void rcu_init(struct machine *m)
{
	INIT_LIST_HEAD(&m->rcu.cbs);
	m->rcu.nr_pending = 0;
	sim_event_init(&m->rcu.gp_event, rcu_gp_end, NULL);
}

void call_rcu(struct machine *m, struct rcu_head *head, rcu_callback_t func)
{
	head->func = func;
	head->ready = m->clock.now + RCU_GRACE_PERIOD_NS;
	list_add_tail(&head->node, &m->rcu.cbs);
	m->rcu.nr_pending++;
	rcu_arm(m);
}

void rcu_barrier(struct machine *m)
{
	while (m->rcu.nr_pending) {
		struct rcu_head *last = list_last_entry(&m->rcu.cbs,
							struct rcu_head, node);

		machine_run_until(m, last->ready);
	}
}
