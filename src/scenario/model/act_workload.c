// SPDX-License-Identifier: GPL-2.0
/*
 * Actions that touch memory page by page: `touch`, the `access` generators
 * (uniform, sequential, Zipf) and `replay` of a trace.  In the foreground
 * they run to completion, virtual time advancing by the cost of each access
 * (a fault costs more than a hit); with `&` they run as a background job
 * whose accesses are interleaved with everything else in virtual time.
 *
 * The trace format of `replay` is scenario/replay.h's; its pages and the
 * Zipf ranks (lib/zipf.h) are the same for the guest executor on a kernel.
 *
 * The model backend's hot path: every access is a direct call into mm/,
 * and the action's whole loop runs here, behind one backend operation.
 */
#include "scenario/model/internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "include/entry-common.h"
#include "kernel/cgroup.h"
#include "lib/rng.h"
#include "lib/zipf.h"
#include "mm/swap.h"
#include "mm/vmstat.h"
#include "scenario/expr.h"
#include "scenario/replay.h"
#include "sim/frame.h"

/* A background job runs at most this much virtual time per event. */
#define JOB_SLICE_NS	(20 * NSEC_PER_USEC)

struct scn_model_job {
	struct scn_rt *rt;
	struct machine *m;
	struct scn_model *md;
	struct task_struct *task;
	const struct scn_action *action;
	u64 done, total;	/* operations */
	u64 t;			/* the job's own clock */
	u64 start;
	struct rng rng;
	double *zipf_cdf;	/* ranks' cumulative probabilities */
	unsigned long zipf_n;	/* over this many pages */
	struct scn_trace trace;
	struct sim_event ev;
	struct freezer_wait thaw;	/* stopped while its task is frozen */
	/* the last region looked up: valid while m->vma_seq is unchanged */
	struct {
		const char *name;
		struct mm_struct *mm;
		unsigned long seq;
		struct vm_area_struct *vma;
	} region;
	bool finished;
	struct scn_model_job *next;
};

/* ---- one access ---- */

/*
 * A fault that read from a disk (a swap-in) lasts until the read's
 * completion, if that is later than the fault's own @cost.
 */
static u64 io_wait(struct scn_model_job *j, u64 cost)
{
	struct task_struct *t = j->task;
	u64 now = j->action->background ? max(j->t, j->m->clock.now)
					: j->m->clock.now;

	if (t->io_wait_until > now + cost)
		cost = t->io_wait_until - now;
	t->io_wait_until = 0;
	return cost;
}

/*
 * Access page @index of region @name as the process's CPU would, writing
 * @fill when @write.  Returns the virtual time it took, or 0 if the
 * process died or the access failed (*err set).
 */
static u64 access_page(struct scn_model_job *j, struct vm_area_struct *vma,
		       unsigned long index, bool write, const struct fill *fill,
		       int *err)
{
	struct machine *m = j->m;
	struct task_struct *t = j->task, *prev;
	unsigned long faults = m->vm_events[PGFAULT];
	u64 cost;
	unsigned long addr = vma->vm_start + (index << PAGE_SHIFT);
	unsigned int ret;
	u8 *page;

	prev = enter_task(m, t);
	ret = user_access(vma, addr, write, &page);
	if (!(ret & VM_FAULT_ERROR)) {
		if (write && fill) {
			/* only fill=bytes= fails, having said why */
			if (frame_fill(&m->phys, page, fill, addr >> PAGE_SHIFT))
				*err = -EINVAL;
		} else if (write) {
			frame_store(&m->phys, page, (index % 512) * 8, &j->done, 8);
		} else {
			frame_load(&m->phys, page);
		}
	} else if (!fatal_signal_pending(t)) {
		/* the kernel retries such a fault forever; the model gives up */
		*err = ret & VM_FAULT_OOM ? -ENOMEM : -EFAULT;
	}
	exit_to_user_mode(m);
	leave_task(m, prev);
	if (t->life != TASK_ALIVE || *err)
		return 0;
	/* a program writing its content spends user time on it */
	cost = write && fill && fill->kind != FILL_ZERO ? m->cost.fill_page_ns
						       : 0;
	if (m->vm_events[PGFAULT] != faults) {
		u64 ns = m->cost.fault_ns + (write ? m->cost.zero_page_ns : 0);

		cgroup_account_cputime(t, ns, false);	/* in the kernel */
		if (cost)
			cgroup_account_cputime(t, cost, true);
		return io_wait(j, cost + ns);
	}
	cgroup_account_cputime(t, cost + m->cost.access_ns, true);
	return cost + m->cost.access_ns;
}

static struct fill fill_of(enum scn_fill fill, double ratio)
{
	struct fill f = { .kind = FILL_ZERO, .ratio = 0 };

	switch (fill) {
	case SCN_FILL_SPARSE:
		f.kind = FILL_SPARSE;
		break;
	case SCN_FILL_ZERO:
		f.kind = FILL_ZERO;
		break;
	case SCN_FILL_TEXT:
		f.kind = FILL_TEXT;
		break;
	case SCN_FILL_RANDOM:
		f.kind = FILL_RANDOM;
		break;
	case SCN_FILL_RATIO:
		f.kind = FILL_RATIO;
		f.ratio = ratio;
		break;
	case SCN_FILL_HALF_ASCENDING:
		f.kind = FILL_HALF_ASCENDING;
		break;
	case SCN_FILL_STRIDE:
		f.kind = FILL_STRIDE;
		break;
	case SCN_FILL_BYTES:
		f.kind = FILL_BYTES;
		break;
	}
	return f;
}

/* fill=bytes=: the runtime's expression, byte by byte. */
static int fill_bytes(const void *arg, u8 *page, u64 off)
{
	const struct scn_model_job *j = arg;
	struct strbuf why = STRBUF_INIT;
	int err = scn_expr_fill_page(j->action->touch.bytes, page, off, &why);

	if (err)
		scn_rt_error(j->rt, "fill=bytes=: %s", why.buf ?: "invalid");
	sb_release(&why);
	return err;
}

/* What a touch of @vma writes: the patterns of the region's offsets start
 * at its first page. */
static struct fill touch_fill(const struct scn_model_job *j,
			      const struct vm_area_struct *vma)
{
	const struct scn_action *a = j->action;
	struct fill f = fill_of(a->touch.fill, a->touch.ratio);

	f.origin = vma->vm_start >> PAGE_SHIFT;
	f.step = a->touch.stride.step;
	f.byte = a->touch.stride.byte;
	f.bytes = fill_bytes;
	f.arg = j;
	f.text = j->m->phys.text;
	return f;
}

/* ---- generators ---- */

/*
 * The ranks' table over @n pages.  The job finds its region by name at
 * every step: when the region was unmapped and mapped again at another
 * size while the job ran, the table is made again for the new size.
 */
static int zipf_init(struct scn_model_job *j, unsigned long n, double theta)
{
	double *cdf = realloc(j->zipf_cdf, n * sizeof(double));

	if (!cdf)
		return -ENOMEM;
	j->zipf_cdf = cdf;
	j->zipf_n = n;
	zipf_fill(cdf, n, theta);
	return 0;
}

static unsigned long next_page(struct scn_model_job *j, unsigned long n)
{
	switch (j->action->access.pattern) {
	case SCN_PATTERN_SEQ:
		return j->done % n;
	case SCN_PATTERN_ZIPF:
		if (n != j->zipf_n && zipf_init(j, n, j->action->access.theta))
			abort();	/* out of host memory */
		return zipf_pick(j->zipf_cdf, n, rng_double(&j->rng));
	case SCN_PATTERN_UNIFORM:
		break;
	}
	return rng_below(&j->rng, n);
}

/* ---- stepping a job ---- */

/*
 * The job's region, by name at every step (it may have been unmapped, or
 * mapped again at another size, while the job ran); the lookup is redone
 * only when a VMA came or went somewhere since the last one.
 */
static struct vm_area_struct *job_region(struct scn_model_job *j,
					 const char *name)
{
	struct mm_struct *mm = j->task->mm;

	if (name != j->region.name || mm != j->region.mm ||
	    j->m->vma_seq != j->region.seq) {
		j->region.vma = scn_model_region(j->task, name);
		j->region.name = name;
		j->region.mm = mm;
		j->region.seq = j->m->vma_seq;
	}
	return j->region.vma;
}

/* One line of a replayed trace: its pages, then the gap to the next. */
static u64 replay_step(struct scn_model_job *j, int *err)
{
	struct scn_trace_op *op = &j->trace.ops[j->done];
	struct vm_area_struct *vma = job_region(j, op->region);
	unsigned long n;
	u64 cost = 0;

	/* as two comparisons: page + count may wrap around */
	if (!vma || op->page >= vma_pages(vma) ||
	    op->count > vma_pages(vma) - op->page) {
		*err = -EFAULT;
		return 0;
	}
	for (n = 0; n < op->count; n++) {
		u64 c = access_page(j, vma, op->page + n, op->write, NULL, err);

		if (!c)
			return 0;
		cost += c;
	}
	if (j->done + 1 < j->total) {
		u64 gap = j->trace.ops[j->done + 1].when - op->when;

		cost = max(cost, gap);
	}
	return cost;
}

/* Run one operation of @j; returns its cost, 0 when the job must stop. */
static u64 job_step(struct scn_model_job *j, int *err)
{
	const struct scn_action *a = j->action;
	struct vm_area_struct *vma;
	struct fill fill;
	unsigned long first;
	u64 cost;

	switch (a->kind) {
	case SCN_ACT_MLOCK:
		/* populate() of an mlocked VMA: each page faults in locked */
		vma = job_region(j, a->mlock.region);
		if (!vma)
			return 0;
		return access_page(j, vma, j->done, !(vma->vm_flags & VM_SHARED),
				   NULL, err);
	case SCN_ACT_TOUCH:
		vma = job_region(j, a->touch.region);
		if (!vma)
			return 0;
		first = a->touch.range.whole ? 0 : a->touch.range.offset >> PAGE_SHIFT;
		fill = touch_fill(j, vma);
		return access_page(j, vma, first + j->done,
				   a->touch.mode == SCN_TOUCH_WRITE, &fill, err);
	case SCN_ACT_ACCESS:
		vma = job_region(j, a->access.region);
		if (!vma)
			return 0;
		cost = access_page(j, vma, next_page(j, vma_pages(vma)),
				   rng_double(&j->rng) < a->access.write_fraction,
				   NULL, err);
		if (cost && a->access.rate)
			cost = max(cost, NSEC_PER_SEC / a->access.rate);
		return cost;
	default:
		return replay_step(j, err);
	}
}

/*
 * The CPUs are shared: with more actions running than the machine has
 * CPUs, each gets its share of them, so its work takes longer.
 */
static u64 cpu_share(struct scn_model_job *j, u64 cost)
{
	unsigned int running = j->md->nr_running, cpus = j->m->nr_cpus;

	return running > cpus ? cost * running / cpus : cost;
}

/* A background job ended, with @err: the runtime reports it. */
static void job_finish(struct scn_model_job *j, int err)
{
	struct task_struct *prev;

	if (!j->finished)
		j->md->nr_running--;
	j->finished = true;
	sim_event_cancel(&j->m->clock, &j->ev);
	if (j->action->kind == SCN_ACT_MLOCK && j->task->life == TASK_ALIVE) {
		/* the end of mlock's populate drains its CPU's batches */
		prev = enter_task(j->m, j->task);
		lru_add_drain(j->m);
		leave_task(j->m, prev);
	}
	scn_rt_bg_done(j->rt, j->action, err);
}

/* Background: run the operations due in this slice, then sleep. */
static void job_event(struct sim_event *ev)
{
	struct scn_model_job *j = container_of(ev, struct scn_model_job, ev);
	struct machine *m = j->m;
	u64 slice_end = m->clock.now + JOB_SLICE_NS;
	int err = 0;

	/* a frozen task's job stops here and goes on at the thaw */
	if (cgroup_freezer_park(j->task, &j->thaw))
		return;
	if (j->t < m->clock.now)
		j->t = m->clock.now;
	while (j->done < j->total && j->t <= slice_end) {
		u64 cost = job_step(j, &err);

		if (!cost) {
			job_finish(j, err);
			return;
		}
		j->t += cpu_share(j, cost);
		j->done++;
	}
	if (j->done >= j->total)
		job_finish(j, 0);
	else
		sim_event_schedule(&m->clock, &j->ev, j->t);
}

/* Foreground: the whole action now, time advancing access by access. */
static int job_run(struct scn_model_job *j)
{
	struct machine *m = j->m;
	int err = 0;

	while (j->done < j->total) {
		u64 cost = job_step(j, &err);

		if (!cost)
			break;
		j->done++;
		machine_run_until(m, m->clock.now + cpu_share(j, cost));
		if (!(j->done % SCN_PROGRESS_OPS))
			scn_rt_progress(j->rt);
	}
	j->md->nr_running--;
	j->finished = true;
	return err;
}

static struct scn_model_job *job_new(struct scn_rt *rt, struct scn_proc *p,
				     const struct scn_action *a, u64 total)
{
	struct scn_model *md = scn_model(rt);
	struct scn_model_job *j = calloc(1, sizeof(*j));

	if (!j)
		abort();
	j->rt = rt;
	j->m = md->m;
	j->md = md;
	j->task = scn_model_task(p);
	j->action = a;
	j->total = total;
	j->t = j->start = md->m->clock.now;
	/* each job draws its own stream, seeded from the machine's */
	rng_seed(&j->rng, rng_next(&md->m->rng));
	sim_event_init(&j->ev, job_event);
	INIT_LIST_HEAD(&j->thaw.list);
	j->thaw.ev = &j->ev;
	j->next = md->jobs;
	md->jobs = j;
	return j;
}

static int job_start(struct scn_model_job *j)
{
	j->md->nr_running++;
	if (!j->action->background)
		return job_run(j);
	sim_event_schedule(&j->m->clock, &j->ev, j->m->clock.now);
	return 0;
}

/* ---- the actions ---- */

int scn_model_touch(struct scn_rt *rt, struct scn_proc *p,
		    const struct scn_action *a)
{
	struct vm_area_struct *vma = find_vma_by_name(scn_model_task(p)->mm,
						      a->touch.region);
	unsigned long first, last;

	if (!vma)
		return -EFAULT;
	first = a->touch.range.whole ? 0 : a->touch.range.offset >> PAGE_SHIFT;
	last = a->touch.range.whole ? vma_pages(vma) :
	       DIV_ROUND_UP(a->touch.range.offset + a->touch.range.length, PAGE_SIZE);
	if (last > vma_pages(vma))
		return -EFAULT;
	if (scn_rt_check_ops(rt, last - first, "pages"))
		return -E2BIG;
	return job_start(job_new(rt, p, a, last - first));
}

/* mlock(2) of a whole region, run in the background (`mlock r &`). */
int scn_model_mlock_bg(struct scn_rt *rt, struct scn_proc *p,
		       const struct scn_action *a)
{
	struct vm_area_struct *vma = find_vma_by_name(scn_model_task(p)->mm,
						      a->mlock.region);
	int err;

	if (!vma)
		return -ENOMEM;
	if (!a->mlock.range.whole && (a->mlock.range.offset ||
	    a->mlock.range.length != vma->vm_end - vma->vm_start))
		return -EINVAL;
	if (scn_rt_check_ops(rt, vma_pages(vma), "pages"))
		return -E2BIG;
	err = mlock_lock_range(vma, vma->vm_start, vma->vm_end);
	return err ? err : job_start(job_new(rt, p, a, vma_pages(vma)));
}

int scn_model_access(struct scn_rt *rt, struct scn_proc *p,
		     const struct scn_action *a)
{
	struct vm_area_struct *vma = find_vma_by_name(scn_model_task(p)->mm,
						      a->access.region);
	struct scn_model_job *j;

	if (!vma)
		return -EFAULT;
	j = job_new(rt, p, a, a->access.ops);
	if (a->access.pattern == SCN_PATTERN_ZIPF &&
	    zipf_init(j, vma_pages(vma), a->access.theta))
		return -ENOMEM;
	return job_start(j);
}

int scn_model_replay(struct scn_rt *rt, struct scn_proc *p,
		     const struct scn_action *a)
{
	struct scn_model_job *j = job_new(rt, p, a, 0);

	if (scn_trace_load(rt, a->replay.path, &j->trace)) {
		j->finished = true;
		return 0;
	}
	j->total = j->trace.n;
	return job_start(j);
}

/* ---- waiting and cleanup ---- */

static bool jobs_pending(struct scn_model *md, struct task_struct *t)
{
	struct scn_model_job *j;

	/* a job stopped by the freezer waits for a thaw, not for time */
	for (j = md->jobs; j; j = j->next)
		if (!j->finished && (!t || j->task == t) &&
		    list_empty(&j->thaw.list))
			return true;
	return false;
}

void scn_model_wait(struct scn_rt *rt, struct scn_proc *p)
{
	struct scn_model *md = scn_model(rt);
	struct task_struct *t = p ? scn_model_task(p) : NULL;

	while (jobs_pending(md, t)) {
		struct sim_event *ev = clock_peek(&md->m->clock);

		if (!ev)
			break;
		machine_run_until(md->m, ev->when);
		scn_rt_progress(rt);
	}
}

void scn_model_jobs_release(struct scn_model *md)
{
	struct scn_model_job *j, *n;

	for (j = md->jobs; j; j = n) {
		n = j->next;
		list_del_init(&j->thaw.list);
		sim_event_cancel(&md->m->clock, &j->ev);
		scn_trace_release(&j->trace);
		free(j->zipf_cdf);
		free(j);
	}
	md->jobs = NULL;
}
