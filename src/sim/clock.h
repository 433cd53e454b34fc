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

struct sim_event;

/*
 * An event's handler finds its owner with container_of(), as a timer or
 * work item handler does: the event is embedded in what it works on.
 */
typedef void (*sim_event_fn)(struct sim_event *ev);

struct sim_event {
	u64 when;		/* virtual ns */
	u64 seq;		/* tie-breaker: queue order */
	sim_event_fn fn;
	/*
	 * 1 + its index in the heap; 0 when not queued, so that a zeroed
	 * event is idle and cancelling one never initialised (teardown
	 * after a boot that failed half way) does nothing.
	 */
	int heap_pos;
};

struct sim_clock {
	u64 now;		/* virtual ns since boot */
	u64 next_seq;
	struct sim_event **heap;
	int nr, alloc;
};

void clock_init(struct sim_clock *c);
void clock_release(struct sim_clock *c);

static inline void sim_event_init(struct sim_event *ev, sim_event_fn fn)
{
	ev->fn = fn;
	ev->heap_pos = 0;
	ev->when = 0;
	ev->seq = 0;
}

static inline bool sim_event_pending(const struct sim_event *ev)
{
	return ev->heap_pos > 0;
}

/* Queue (or requeue) @ev to run at absolute time @when. */
void sim_event_schedule(struct sim_clock *c, struct sim_event *ev, u64 when);
void sim_event_cancel(struct sim_clock *c, struct sim_event *ev);
/* Earliest queued event, or NULL. */
struct sim_event *clock_peek(struct sim_clock *c);
struct sim_event *clock_pop(struct sim_clock *c);
/*
 * Run every event due at or before @when in deadline order, then set the
 * clock to @when.  Whose context the handlers run in is the caller's
 * business (kernel/timer.c runs them as kernel threads).
 */
void clock_run_until(struct sim_clock *c, u64 when);

#endif
