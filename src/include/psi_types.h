/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-cgroup pressure state (include/linux/psi_types.h): the three
 * resources of Debian's 6.12 (no IRQ_TIME_ACCOUNTING, so no irq.pressure)
 * and their "some" and "full" states, in the kernel's order.
 */
#ifndef MEMCGLAB_INCLUDE_PSI_TYPES_H
#define MEMCGLAB_INCLUDE_PSI_TYPES_H

#include "lib/compiler.h"

enum psi_res {
	PSI_IO,
	PSI_MEM,
	PSI_CPU,
	NR_PSI_RESOURCES,
};

/* a resource's "some" state is 2 * res, its "full" state 2 * res + 1 */
enum psi_states {
	PSI_IO_SOME,
	PSI_IO_FULL,
	PSI_MEM_SOME,
	PSI_MEM_FULL,
	PSI_CPU_SOME,
	PSI_CPU_FULL,
	NR_PSI_STATES,
};

struct psi_group {
	bool enabled;			/* cgroup.pressure */
	u64 total[NR_PSI_STATES];	/* ns stalled */
	u64 avg_total[NR_PSI_STATES];	/* total at the last averaging period */
	u64 avg_last;			/* start of the current averaging period */
	unsigned long avg[NR_PSI_STATES][3];	/* fixed point, FIXED_1 = 2048 */
};

#endif
