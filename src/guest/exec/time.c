// SPDX-License-Identifier: GPL-2.0
/*
 * Time in the guest executor is real time: CLOCK_MONOTONIC from the start
 * of the run.  `sleep` sleeps, one step of `wait until` is STEP_NS (the
 * runtime bounds the wait by its timeout), `wait` asks the processes'
 * workers to report when their background work is done.  Timers
 * (`record`) fire whenever the executor waits: sleeping, stepping, or
 * waiting for a worker's reply.
 */
#include "guest/exec/exec.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

/* One step of `wait until`: a few jiffies, short against any test. */
#define STEP_NS		(10 * 1000 * 1000ULL)

uint64_t gexec_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

u64 gexec_now(struct scn_rt *rt)
{
	return gexec_clock() - gexec_of(rt)->start_ns;
}

/* Sleep until @until (ns from the start), firing timers on the way. */
static void sleep_until(struct gexec *ge, uint64_t until)
{
	for (;;) {
		uint64_t next = gexec_timers_run(ge), now, end;
		struct timespec ts;

		now = gexec_clock() - ge->start_ns;
		if (now >= until)
			return;
		end = next < until ? next : until;
		if (end <= now)
			continue;
		ts.tv_sec = (end - now) / 1000000000ULL;
		ts.tv_nsec = (end - now) % 1000000000ULL;
		nanosleep(&ts, NULL);
	}
}

void gexec_sleep(struct scn_rt *rt, u64 ns)
{
	sleep_until(gexec_of(rt), gexec_now(rt) + ns);
}

void gexec_step(struct scn_rt *rt, u64 deadline)
{
	u64 next = gexec_now(rt) + STEP_NS;

	sleep_until(gexec_of(rt), next < deadline ? next : deadline);
}

static void wait_one(struct scn_rt *rt, struct gproc *gp)
{
	struct gcmd cmd = { .op = GCMD_WAIT };
	struct greply reply;

	if (!gp->jobs || gexec_dead(gexec_of(rt), gp))
		return;
	if (!gexec_call(rt, gp, &cmd, -1, &reply))
		gp->jobs = false;
}

void gexec_wait(struct scn_rt *rt, struct scn_proc *p)
{
	struct gexec *ge = gexec_of(rt);
	struct gproc *gp;

	if (p) {
		wait_one(rt, gproc_of(p));
		return;
	}
	/* everyone's (the end of the run): a frozen process would not
	 * answer, and its background actions end only at a thaw */
	for (gp = ge->procs; gp && !rt->fatal; gp = gp->next) {
		struct scn_proc *q = scn_rt_proc(rt, gp->name);

		if (!q || !gexec_frozen(rt, q))
			wait_one(rt, gp);
	}
}

/* ---- timers ---- */

int gexec_timer_start(struct scn_rt *rt, u64 interval_ns, scn_timer_fn *fn,
		      void *arg, void **timer)
{
	struct gexec *ge = gexec_of(rt);
	struct gtimer *t = calloc(1, sizeof(*t));

	if (!t)
		return -ENOMEM;
	t->interval = interval_ns ? interval_ns : 1;
	t->due = gexec_now(rt);
	t->fn = fn;
	t->arg = arg;
	t->next = ge->timers;
	ge->timers = t;
	*timer = t;
	return 0;
}

/* Unlink and free the stopped timers. */
static void sweep(struct gexec *ge)
{
	struct gtimer **pp = &ge->timers, *t;

	while ((t = *pp)) {
		if (t->stopped) {
			*pp = t->next;
			free(t);
		} else {
			pp = &t->next;
		}
	}
}

/* A callback may stop its own timer: then it is freed after the run. */
void gexec_timer_stop(struct scn_rt *rt, void *timer)
{
	struct gexec *ge = gexec_of(rt);

	((struct gtimer *)timer)->stopped = true;
	if (!ge->in_timers)
		sweep(ge);
}

uint64_t gexec_timers_run(struct gexec *ge)
{
	uint64_t next = UINT64_MAX, now = gexec_clock() - ge->start_ns;
	struct gtimer *t;

	if (ge->in_timers)
		return next;
	ge->in_timers = true;
	for (t = ge->timers; t; t = t->next) {
		if (!t->stopped && t->due <= now) {
			t->fn(t->arg);
			/* a late sample is not made up for: the next is due */
			while (t->due <= now)
				t->due += t->interval;
		}
		if (!t->stopped && t->due < next)
			next = t->due;
	}
	ge->in_timers = false;
	sweep(ge);
	return next;
}

void gexec_timers_release(struct gexec *ge)
{
	struct gtimer *t, *n;

	for (t = ge->timers; t; t = n) {
		n = t->next;
		free(t);
	}
	ge->timers = NULL;
}
