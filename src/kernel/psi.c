// SPDX-License-Identifier: GPL-2.0
/*
 * Pressure stall information (kernel/sched/psi.c): memory, io and cpu.
 *
 * The model runs one task at a time, and a task that stalls is the only
 * one that wants the CPU at that moment, so every stall counts as both
 * "some" and "full" in the task's cgroup and all its ancestors.  What is
 * a stall:
 *  - memory: time passing inside psi_memstall_enter()/leave() (reclaim's
 *    shrinker scans and reclaim_throttle() sleeps, memory.high
 *    throttling), as the kernel marks it;
 *  - io: time a task sleeps in io_schedule_timeout() (the dirty throttle
 *    of balance_dirty_pages()).  The model's reads from disk and swap
 *    take no time, so they are no io stall (on 6.12 they are);
 *  - cpu: never.  The model has no run queue: a task never waits for a
 *    CPU, so cpu.pressure stays at zero (on 6.12 a busy machine has cpu
 *    "some" time, and TCG makes every machine busy).
 * The root cgroup's group is the system's (/proc/pressure/), as 6.12's
 * cgroup_psi() returns psi_system there, where cpu "full" is undefined
 * and printed as zeros.  The running averages follow the kernel's:
 * sampled every 2 s (PSI_FREQ) and decayed with the 10 s, 60 s and 300 s
 * factors; idle periods are caught up at read time instead of by a
 * periodic timer.  Triggers (writes to the *.pressure files) are not
 * modelled.
 */
#include "psi.h"

#include <errno.h>
#include <stdint.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "kernel/cgroup.h"
#include "include/sched.h"
#include "include/kernfs.h"

#define PSI_FREQ_NS	(2 * NSEC_PER_SEC)
#define FSHIFT		11
#define FIXED_1		(1UL << FSHIFT)
/* 1/exp(2s/10s), 1/exp(2s/60s), 1/exp(2s/300s) in FIXED_1 units */
static const unsigned long psi_exp[3] = { 1677, 1981, 2034 };

void psi_memstall_enter(struct machine *m)
{
	if (m->current)
		m->current->in_memstall++;
}

void psi_memstall_leave(struct machine *m)
{
	if (m->current && m->current->in_memstall)
		m->current->in_memstall--;
}

void psi_cgroup_alloc(struct cgroup *cgrp)
{
	cgrp->psi.enabled = true;
}

static unsigned long calc_load(unsigned long load, unsigned long exp,
			       unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

/* Fold whole 2 s periods that ended by @now into the running averages. */
static void psi_update_averages(struct psi_group *g, u64 now)
{
	int s, i;

	while (now >= g->avg_last + PSI_FREQ_NS) {
		for (s = 0; s < NR_PSI_STATES; s++) {
			u64 delta = g->total[s] - g->avg_total[s];
			unsigned long pct;

			if (delta > PSI_FREQ_NS)
				delta = PSI_FREQ_NS;
			g->avg_total[s] += delta;
			pct = delta * 100 * FIXED_1 / PSI_FREQ_NS;
			for (i = 0; i < 3; i++)
				g->avg[s][i] = calc_load(g->avg[s][i], psi_exp[i], pct);
		}
		g->avg_last += PSI_FREQ_NS;
	}
}

/* @ns of the current task's time was a stall on @res. */
static void psi_stall(struct machine *m, enum psi_res res, u64 ns)
{
	struct task_struct *t = m->current;
	struct cgroup *cgrp;

	for (cgrp = t->cgroup; cgrp; cgrp = cgroup_parent(cgrp)) {
		struct psi_group *g = &cgrp->psi;

		if (!g->enabled)
			continue;
		psi_update_averages(g, m->clock.now - ns);
		g->total[res * 2] += ns;
		g->total[res * 2 + 1] += ns;
	}
}

void psi_account(struct machine *m, u64 ns)
{
	struct task_struct *t = m->current;

	if (!t || !t->in_memstall || !t->cgroup)
		return;
	t->memstall_ns += ns;
	psi_stall(m, PSI_MEM, ns);
}

void psi_account_iowait(struct machine *m, u64 ns)
{
	if (m->current && m->current->cgroup)
		psi_stall(m, PSI_IO, ns);
}

/* When @g's averages change next on their own: UINT64_MAX when settled. */
static u64 psi_group_next_change(const struct psi_group *g, u64 now)
{
	int s, i;

	for (s = 0; s < NR_PSI_STATES; s++) {
		if (g->total[s] != g->avg_total[s])
			goto busy;
		for (i = 0; i < 3; i++)
			if (g->avg[s][i])
				goto busy;
	}
	return UINT64_MAX;
busy:
	if (now < g->avg_last + PSI_FREQ_NS)
		return g->avg_last + PSI_FREQ_NS;
	return now - (now - g->avg_last) % PSI_FREQ_NS + PSI_FREQ_NS;
}

u64 psi_next_change(struct machine *m)
{
	struct cgroup_subsys_state *root, *pos;
	u64 next = UINT64_MAX;

	if (!m->cgrp_root)
		return next;
	root = &m->cgrp_root->self;
	for (pos = root; pos; pos = css_next_descendant_pre(pos, root)) {
		struct cgroup *cgrp = container_of(pos, struct cgroup, self);

		next = min(next, psi_group_next_change(&cgrp->psi,
						       m->clock.now));
	}
	return next;
}

static void show_avg(struct strbuf *sb, unsigned long a)
{
	sb_printf(sb, "%lu.%02lu", a >> FSHIFT,
		  (a & (FIXED_1 - 1)) * 100 >> FSHIFT);
}

/* psi_show(): @system is psi_system, where cpu "full" is all zeros. */
static void psi_show(struct machine *m, struct strbuf *sb,
		     struct psi_group *g, enum psi_res res, bool system)
{
	static const char *const name[] = { "some", "full" };
	static const int period[3] = { 10, 60, 300 };
	int full, i;

	psi_update_averages(g, m->clock.now);
	for (full = 0; full < 2; full++) {
		bool undefined = system && res == PSI_CPU && full;
		int s = res * 2 + full;

		sb_printf(sb, "%s", name[full]);
		for (i = 0; i < 3; i++) {
			sb_printf(sb, " avg%d=", period[i]);
			show_avg(sb, undefined ? 0 : g->avg[s][i]);
		}
		sb_printf(sb, " total=%llu\n", undefined ? 0ULL :
			  (unsigned long long)(g->total[s] / NSEC_PER_USEC));
	}
}

static int cgroup_pressure_show_res(struct kernfs_open_file *of,
				    struct strbuf *sb)
{
	struct cgroup *cgrp = of->cgrp;

	psi_show(of->machine, sb, &cgrp->psi, of->cft->private,
		 !cgroup_parent(cgrp));
	return 0;
}

const struct cftype cgroup_psi_files[] = {
	{
		.name = "io.pressure",
		.seq_show = cgroup_pressure_show_res,
		.private = PSI_IO,
	},
	{
		.name = "memory.pressure",
		.seq_show = cgroup_pressure_show_res,
		.private = PSI_MEM,
	},
	{
		.name = "cpu.pressure",
		.seq_show = cgroup_pressure_show_res,
		.private = PSI_CPU,
	},
	{ }	/* terminate */
};

/* cgroup.pressure (kernel/cgroup/cgroup.c): 1 while PSI accounts here */
static int cgroup_pressure_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%d\n", of->cgrp->psi.enabled);
	return 0;
}

/*
 * 0 stops the accounting here (ancestors go on) and hides the three
 * files, whose open descriptors fail with ENODEV from then on (kernfs
 * drains them); 1 brings them back with the totals they had.
 */
static long cgroup_pressure_write(struct kernfs_open_file *of, char *buf,
				  size_t nbytes)
{
	struct psi_group *g = &of->cgrp->psi;
	int enable, err = cgroup_write_01(buf, &enable);

	if (err)
		return err;
	if (g->enabled && !enable)
		kernfs_node_removed(of->machine, g);
	g->enabled = enable;
	return nbytes;
}

const struct cftype cgroup_pressure_files[] = {
	{
		.name = "cgroup.pressure",
		.seq_show = cgroup_pressure_show,
		.write = cgroup_pressure_write,
	},
	{ }	/* terminate */
};

/* /proc/pressure/{io,memory,cpu}: psi_system, the root cgroup's group */
static int psi_proc_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	struct machine *m = of->machine;

	psi_show(m, sb, &m->cgrp_root->psi, of->cft->private, true);
	return 0;
}

static const struct cftype psi_proc_files[] = {
	{ .name = "io", .seq_show = psi_proc_show, .private = PSI_IO },
	{ .name = "memory", .seq_show = psi_proc_show, .private = PSI_MEM },
	{ .name = "cpu", .seq_show = psi_proc_show, .private = PSI_CPU },
	{ }	/* terminate */
};

int psi_proc_init(struct machine *m)
{
	return kernfs_create_files(m, "/proc/pressure", KF_PROC,
				   psi_proc_files);
}
