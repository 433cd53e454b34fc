/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtual time and the event queue.  Time advances only when the machine
 * runs events (sleep, stalls, background work); the host clock is never read.
 * Events with equal deadlines run in the order they were queued, so a run is
 * a pure function of the scenario and the seed.
 */
#ifndef MEMCGLAB_SIM_CLOCK_H
#define MEMCGLAB_SIM_CLOCK_H

#include "lib/compiler.h"

struct machine;
struct sim_event;

typedef void (*sim_event_fn)(struct machine *m, struct sim_event *ev);

struct sim_event {
	u64 when;		/* virtual ns */
	u64 seq;		/* tie-breaker: queue order */
	sim_event_fn fn;
	void *data;
	int heap_index;		/* -1 when not queued */
};

struct sim_clock {
	u64 now;		/* virtual ns since boot */
	u64 next_seq;
	struct sim_event **heap;
	int nr, alloc;
};

void clock_init(struct sim_clock *c);
void clock_release(struct sim_clock *c);

static inline void sim_event_init(struct sim_event *ev, sim_event_fn fn,
				  void *data)
{
	ev->fn = fn;
	ev->data = data;
	ev->heap_index = -1;
	ev->when = 0;
	ev->seq = 0;
}

static inline bool sim_event_pending(const struct sim_event *ev)
{
	return ev->heap_index >= 0;
}

/* Queue (or requeue) @ev to run at absolute time @when. */
void sim_event_schedule(struct sim_clock *c, struct sim_event *ev, u64 when);
void sim_event_cancel(struct sim_clock *c, struct sim_event *ev);
/* Earliest queued event, or NULL. */
struct sim_event *clock_peek(struct sim_clock *c);
struct sim_event *clock_pop(struct sim_clock *c);

static inline unsigned long jiffies_of(u64 ns)
{
	return ns / NSEC_PER_JIFFY;
}

#endif
