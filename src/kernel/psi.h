/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pressure stall information for memory (kernel/sched/psi.c): time tasks
 * spend stalled in reclaim, throttling and refaults, per cgroup, shown in
 * memory.pressure.
 */
#ifndef MEMCGLAB_KERNEL_PSI_H
#define MEMCGLAB_KERNEL_PSI_H

#include "lib/compiler.h"

struct machine;
struct cgroup;

/* Per-cgroup memory pressure state. */
struct psi_group {
	u64 total[2];		/* some, full: ns stalled */
	u64 avg_total[2];	/* total at the last averaging period */
	u64 avg_last;		/* start of the current averaging period */
	unsigned long avg[2][3];	/* fixed point (FIXED_1 = 2048) */
};

/* Enter/leave a memory stall; nests.  Time passing inside is a stall. */
void psi_memstall_enter(struct machine *m);
void psi_memstall_leave(struct machine *m);
/* The clock moved by @ns while the current task ran: account stalls. */
void psi_account(struct machine *m, u64 ns);


#endif
