// SPDX-License-Identifier: GPL-2.0
/*
 * Memory pressure stall accounting (kernel/sched/psi.c, memory only).
 *
 * The model runs one task at a time, and a task that waits on memory is
 * the only one that wants the CPU at that moment, so every memory stall
 * counts as both "some" and "full" in the task's cgroup and all its
 * ancestors.  The running averages follow the kernel's: sampled every
 * 2 s (PSI_FREQ) and decayed with the 10 s, 60 s and 300 s factors; idle
 * periods are caught up at read time instead of by a periodic timer.
 */
#include "psi.h"

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
		for (s = 0; s < 2; s++) {
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

void psi_account(struct machine *m, u64 ns)
{
	struct task_struct *t = m->current;
	struct cgroup *cgrp;

	if (!t || !t->in_memstall || !t->cgroup)
		return;
	t->memstall_ns += ns;
	for (cgrp = t->cgroup; cgrp; cgrp = cgroup_parent(cgrp)) {
		psi_update_averages(&cgrp->psi, m->clock.now - ns);
		cgrp->psi.total[0] += ns;
		cgrp->psi.total[1] += ns;
	}
}

/* When @g's averages change next on their own: UINT64_MAX when settled. */
static u64 psi_group_next_change(const struct psi_group *g, u64 now)
{
	int s, i;

	for (s = 0; s < 2; s++) {
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

static void show_line(struct strbuf *sb, const char *name,
		      struct psi_group *g, int s)
{
	unsigned long a[3];
	int i;

	for (i = 0; i < 3; i++)
		a[i] = g->avg[s][i];
	sb_printf(sb, "%s avg10=%lu.%02lu avg60=%lu.%02lu avg300=%lu.%02lu total=%llu\n",
		  name,
		  a[0] >> FSHIFT, (a[0] & (FIXED_1 - 1)) * 100 >> FSHIFT,
		  a[1] >> FSHIFT, (a[1] & (FIXED_1 - 1)) * 100 >> FSHIFT,
		  a[2] >> FSHIFT, (a[2] & (FIXED_1 - 1)) * 100 >> FSHIFT,
		  (unsigned long long)(g->total[s] / NSEC_PER_USEC));
}

static int memory_pressure_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	struct psi_group *g = &of->cgrp->psi;

	psi_update_averages(g, of->machine->clock.now);
	show_line(sb, "some", g, 0);
	show_line(sb, "full", g, 1);
	return 0;
}

const struct cftype cgroup_psi_files[] = {
	{ .name = "memory.pressure", .seq_show = memory_pressure_show },
	{ }	/* terminate */
};
