/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-cgroup pressure state (include/linux/psi_types.h), reduced to
 * the memory resource the model accounts.
 */
#ifndef MEMCGLAB_INCLUDE_PSI_TYPES_H
#define MEMCGLAB_INCLUDE_PSI_TYPES_H

#include "lib/compiler.h"

/* Per-cgroup memory pressure state. */
struct psi_group {
	u64 total[2];		/* some, full: ns stalled */
	u64 avg_total[2];	/* total at the last averaging period */
	u64 avg_last;		/* start of the current averaging period */
	unsigned long avg[2][3];	/* fixed point (FIXED_1 = 2048) */
};

#endif
