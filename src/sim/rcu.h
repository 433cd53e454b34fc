/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RCU as the model needs it: readers are free (one thread), and call_rcu()
 * callbacks run after a grace period of virtual time, so objects freed
 * "after RCU" (css_free, list_lru memcg lists) stay visible until time moves.
 */
#ifndef MEMCGLAB_SIM_RCU_H
#define MEMCGLAB_SIM_RCU_H

#include "lib/list.h"
#include "clock.h"

/* One grace period: a few ticks at HZ=250, as a quiet real system needs. */
#define RCU_GRACE_PERIOD_NS	(3 * NSEC_PER_JIFFY)

struct machine;
struct rcu_head;
typedef void (*rcu_callback_t)(struct machine *m, struct rcu_head *head);

struct rcu_head {
	struct list_head node;
	rcu_callback_t func;
	u64 ready;		/* virtual time when the grace period ends */
};

struct rcu_state {
	struct list_head cbs;	/* in call order, hence in ready order */
	struct sim_event gp_event;
	unsigned long nr_pending;
};

void rcu_init(struct machine *m);
void call_rcu(struct machine *m, struct rcu_head *head, rcu_callback_t func);
/* Wait for all queued callbacks to run (rcu_barrier), advancing time. */
void rcu_barrier(struct machine *m);

#define rcu_read_lock()		do { } while (0)
#define rcu_read_unlock()	do { } while (0)

#endif
