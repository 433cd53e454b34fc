/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pins cgroup controller (pins=cgroup, kernel/pins.c): a proposal,
 * Alistair Popple's 2023 series, never merged.
 */
#ifndef MEMCGLAB_KERNEL_PINS_H
#define MEMCGLAB_KERNEL_PINS_H

#include "include/cgroup-defs.h"
#include "include/mm_types.h"

struct task_struct;

#define PINS_MAX	LONG_MAX	/* "max" */

struct pins_cgroup {
	struct cgroup_subsys_state css;
	long counter;			/* pages, this cgroup and below */
	long limit;			/* pages, PINS_MAX for "max" */
	long events_max;		/* charges refused at this level */
};

/* Is the controller there at all (policy pins=cgroup)? */
bool pins_cgroup_enabled(struct machine *m);
/* @t's pins cgroup, referenced (css_get); NULL when not enabled. */
struct pins_cgroup *pins_cg_get(struct task_struct *t);
void pins_cg_put(struct pins_cgroup *pins);
/*
 * Charge @n pages to @pins and every ancestor below the root: 0, or
 * -ENOMEM with every level as it was when one would pass its pins.max.
 * NULL or the root charge nothing.
 */
int pins_try_charge(struct pins_cgroup *pins, long n);
void pins_uncharge(struct pins_cgroup *pins, long n);

/*
 * mlock's pages (mm->locked_vm) charged to the pins cgroup of the mm's
 * task at the time (the series' __account_locked_vm()); task migration
 * moves them.  No-ops when the controller is off.
 */
int mm_pins_charge_locked(struct mm_struct *mm, long n);
void mm_pins_uncharge_locked(struct mm_struct *mm, long n);

#endif
