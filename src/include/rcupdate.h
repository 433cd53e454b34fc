/* SPDX-License-Identifier: GPL-2.0 */
/*
 * call_rcu() and rcu_barrier() on a machine (include/linux/rcupdate.h).
 * The grace periods are sim/rcu.c's; waiting for them lets time pass,
 * which only kernel/timer.c does, so rcu_barrier() is defined there.
 */
#ifndef MEMCGLAB_INCLUDE_RCUPDATE_H
#define MEMCGLAB_INCLUDE_RCUPDATE_H

#include "include/machine.h"
#include "sim/rcu.h"

static inline void call_rcu(struct machine *m, struct rcu_head *head,
			    rcu_callback_t func)
{
	rcu_queue(&m->rcu, head, func);
}

/* Wait for every queued callback to run, advancing time (kernel/timer.c). */
void rcu_barrier(struct machine *m);

#endif
