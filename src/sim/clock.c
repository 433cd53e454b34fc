// SPDX-License-Identifier: GPL-2.0
/*
 * The event queue: a binary min-heap ordered by (deadline, queue order).
 * Stands in for timers, workqueues and the scheduler's notion of "later";
 * the model has no preemption, so an event runs to completion.
 */
#include "clock.h"

#include <stdlib.h>

void clock_init(struct sim_clock *c)
{
	c->now = 0;
	c->next_seq = 0;
	c->heap = NULL;
	c->nr = 0;
	c->alloc = 0;
}

void clock_release(struct sim_clock *c)
{
	int i;

	for (i = 0; i < c->nr; i++)
		c->heap[i]->heap_pos = 0;
	free(c->heap);
	clock_init(c);
}

static bool ev_before(const struct sim_event *a, const struct sim_event *b)
{
	if (a->when != b->when)
		return a->when < b->when;
	return a->seq < b->seq;
}

static void heap_set(struct sim_clock *c, int i, struct sim_event *ev)
{
	c->heap[i] = ev;
	ev->heap_pos = i + 1;
}

static void sift_up(struct sim_clock *c, int i)
{
	struct sim_event *ev = c->heap[i];

	while (i > 0) {
		int parent = (i - 1) / 2;

		if (!ev_before(ev, c->heap[parent]))
			break;
		heap_set(c, i, c->heap[parent]);
		i = parent;
	}
	heap_set(c, i, ev);
}

static void sift_down(struct sim_clock *c, int i)
{
	struct sim_event *ev = c->heap[i];

	for (;;) {
		int child = 2 * i + 1;

		if (child >= c->nr)
			break;
		if (child + 1 < c->nr && ev_before(c->heap[child + 1], c->heap[child]))
			child++;
		if (!ev_before(c->heap[child], ev))
			break;
		heap_set(c, i, c->heap[child]);
		i = child;
	}
	heap_set(c, i, ev);
}

static void heap_remove(struct sim_clock *c, int i)
{
	struct sim_event *last = c->heap[--c->nr];

	c->heap[i]->heap_pos = 0;
	if (i == c->nr)
		return;
	heap_set(c, i, last);
	sift_down(c, i);
	sift_up(c, last->heap_pos - 1);
}

void sim_event_schedule(struct sim_clock *c, struct sim_event *ev, u64 when)
{
	if (sim_event_pending(ev))
		heap_remove(c, ev->heap_pos - 1);
	if (when < c->now)
		when = c->now;
	ev->when = when;
	ev->seq = c->next_seq++;
	if (c->nr == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 16;
		c->heap = realloc(c->heap, c->alloc * sizeof(*c->heap));
		if (!c->heap)
			abort();
	}
	heap_set(c, c->nr++, ev);
	sift_up(c, c->nr - 1);
}

void sim_event_cancel(struct sim_clock *c, struct sim_event *ev)
{
	if (sim_event_pending(ev))
		heap_remove(c, ev->heap_pos - 1);
}

struct sim_event *clock_peek(struct sim_clock *c)
{
	return c->nr ? c->heap[0] : NULL;
}

struct sim_event *clock_pop(struct sim_clock *c)
{
	struct sim_event *ev = clock_peek(c);

	if (ev)
		heap_remove(c, 0);
	return ev;
}

void clock_run_until(struct sim_clock *c, u64 when)
{
	struct sim_event *ev;

	while ((ev = clock_peek(c)) && ev->when <= when) {
		clock_pop(c);
		c->now = ev->when;
		ev->fn(ev);
	}
	if (c->now < when)
		c->now = when;
}
