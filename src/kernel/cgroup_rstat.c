// SPDX-License-Identifier: GPL-2.0
/*
 * The cgroup core's CPU time (kernel/cgroup/rstat.c): cpu.stat and
 * cpu.stat.local.
 *
 * A task's CPU time is the virtual time the model charges for its
 * actions' steps: an access to a present page is user time, a fault (with
 * the page clearing or copying it does) and the copy of a read or write
 * system call are system time.  Time a task sleeps (memory.high and dirty
 * throttling, reclaim_throttle()) is not CPU time, and neither is the
 * model's cost of reclaim, which has no CPU time of its own; work no task
 * does (kswapd, the flusher) is nobody's.  The kernel samples user and
 * system time at the tick and scales them to the exact runtime
 * (cputime_adjust()); the model's are exact, so usage is their sum.  No
 * process is niced: nice_usec is 0.
 *
 * The model's time is added to the cgroup and every ancestor when it is
 * spent, where the kernel flushes per-CPU deltas up the tree on read; a
 * removed cgroup's time stays in its ancestors, as on 6.12.  The root's
 * cpu.stat is the whole machine's (root_cgroup_cputime(): every CPU's
 * kcpustat) and, since 6.12 always has the root's cpu controller, its
 * CFS bandwidth lines: the root has no quota, so they are always 0.
 * The cpu controller is not modelled, so a child's cpu.stat has only
 * the core's lines and its cpu.stat.local is empty, as on 6.12 for a
 * cgroup whose parent did not enable +cpu.
 */
#include "kernel/cgroup.h"

#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/sched.h"
#include "include/kernfs.h"

void cgroup_account_cputime(struct task_struct *t, u64 ns, bool user)
{
	struct cgroup *cgrp;

	for (cgrp = t->cgroup; cgrp; cgrp = cgroup_parent(cgrp)) {
		cgrp->bstat.sum_exec_runtime += ns;
		if (user)
			cgrp->bstat.utime += ns;
		else
			cgrp->bstat.stime += ns;
	}
}

/* cgroup_base_stat_cputime_show() */
static int cpu_stat_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	const struct cgroup_base_stat *b = &of->cgrp->bstat;

	sb_printf(sb, "usage_usec %llu\nuser_usec %llu\nsystem_usec %llu\n"
		  "nice_usec %llu\n",
		  (unsigned long long)(b->sum_exec_runtime / NSEC_PER_USEC),
		  (unsigned long long)(b->utime / NSEC_PER_USEC),
		  (unsigned long long)(b->stime / NSEC_PER_USEC), 0ULL);
	/* the root's cpu css: cpu_extra_stat_show() of a group without quota */
	if (!cgroup_parent(of->cgrp))
		sb_puts(sb, "nr_periods 0\nnr_throttled 0\nthrottled_usec 0\n"
			"nr_bursts 0\nburst_usec 0\n");
	return 0;
}

/* cpu_local_stat_show() of the root's cpu css; nothing elsewhere */
static int cpu_local_stat_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	if (!cgroup_parent(of->cgrp))
		sb_puts(sb, "throttled_usec 0\n");
	return 0;
}

const struct cftype cgroup_rstat_files[] = {
	{
		.name = "cpu.stat",
		.seq_show = cpu_stat_show,
	},
	{
		.name = "cpu.stat.local",
		.seq_show = cpu_local_stat_show,
	},
	{ }	/* terminate */
};
