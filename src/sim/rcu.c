// SPDX-License-Identifier: GPL-2.0
/*
 * call_rcu() queue (kernel/rcu/tree.c, as far as its users can tell): each
 * callback becomes ready one grace period after it was queued; one event per
 * RCU state runs the ready ones.  There are no readers to wait for, so the
 * grace period is a fixed span of virtual time.
 */
#include "rcu.h"

static void rcu_arm(struct rcu_state *rcu)
{
	struct rcu_head *first;

	if (list_empty(&rcu->cbs)) {
		sim_event_cancel(rcu->clock, &rcu->gp_event);
		return;
	}
	first = list_first_entry(&rcu->cbs, struct rcu_head, node);
	if (!sim_event_pending(&rcu->gp_event) ||
	    rcu->gp_event.when != first->ready)
		sim_event_schedule(rcu->clock, &rcu->gp_event, first->ready);
}

static void rcu_gp_end(struct sim_event *ev)
{
	struct rcu_state *rcu = container_of(ev, struct rcu_state, gp_event);

	while (!list_empty(&rcu->cbs)) {
		struct rcu_head *head = list_first_entry(&rcu->cbs,
							 struct rcu_head, node);

		if (head->ready > rcu->clock->now)
			break;
		list_del(&head->node);
		rcu->nr_pending--;
		head->func(head);
	}
	rcu_arm(rcu);
}

void rcu_init(struct rcu_state *rcu, struct sim_clock *clock)
{
	rcu->clock = clock;
	INIT_LIST_HEAD(&rcu->cbs);
	rcu->nr_pending = 0;
	sim_event_init(&rcu->gp_event, rcu_gp_end);
}

void rcu_queue(struct rcu_state *rcu, struct rcu_head *head,
	       rcu_callback_t func)
{
	head->func = func;
	head->ready = rcu->clock->now + RCU_GRACE_PERIOD_NS;
	list_add_tail(&head->node, &rcu->cbs);
	rcu->nr_pending++;
	rcu_arm(rcu);
}

u64 rcu_last_ready(const struct rcu_state *rcu)
{
	if (!rcu->nr_pending)
		return 0;
	return list_last_entry(&rcu->cbs, struct rcu_head, node)->ready;
}
