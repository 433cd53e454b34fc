/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RCU as the model needs it: readers are free (one thread), and callbacks
 * run after a grace period of virtual time, so objects freed "after RCU"
 * (css_free, list_lru memcg lists) stay visible until time moves.  The
 * state keeps a pointer to the clock whose events end its grace periods;
 * include/rcupdate.h offers call_rcu() and rcu_barrier() on a machine.
 */
#ifndef MEMCGLAB_SIM_RCU_H
#define MEMCGLAB_SIM_RCU_H

#include "lib/list.h"
#include "clock.h"

/* One grace period: a few ticks at HZ=250, as a quiet real system needs. */
#define RCU_GRACE_PERIOD_NS	(3 * NSEC_PER_JIFFY)

struct rcu_head;
/* The callback finds the object around @head with container_of(). */
typedef void (*rcu_callback_t)(struct rcu_head *head);

struct rcu_head {
	struct list_head node;
	rcu_callback_t func;
	u64 ready;		/* virtual time when the grace period ends */
};

struct rcu_state {
	struct sim_clock *clock;
	struct list_head cbs;	/* in call order, hence in ready order */
	struct sim_event gp_event;
	unsigned long nr_pending;
};

void rcu_init(struct rcu_state *rcu, struct sim_clock *clock);
/* Queue @func to run on @head one grace period from now. */
void rcu_queue(struct rcu_state *rcu, struct rcu_head *head,
	       rcu_callback_t func);
/* When the last queued callback becomes ready; 0 if none is queued. */
u64 rcu_last_ready(const struct rcu_state *rcu);

#define rcu_read_lock()		do { } while (0)
#define rcu_read_unlock()	do { } while (0)

#endif
