// SPDX-License-Identifier: GPL-2.0
/*
 * The pins cgroup controller (policy pins=cgroup): a model of Alistair
 * Popple's "mm: Introduce a cgroup to limit the amount of locked and
 * pinned memory" (v1, 2023-02-06; mm/pins_cgroup.c there, never merged;
 * spec C2, C3, seed 002).  Not in Linux 6.12: with pins=off the
 * controller is not offered (cgroup.controllers does not list it).
 *
 * Each cgroup below the root has pins.current (pages charged at this
 * level and below), pins.max ("max" or a page count) and pins.events
 * ("max N").  A charge adds to every level below the root and fails with
 * ENOMEM, undoing every level done, if one would pass its pins.max
 * (reaching it is allowed); the root is never charged.  Pinning drivers
 * charge through a vm_account (mm/util.c) that keeps the cgroup of the
 * pinning task, so the unpin uncharges that cgroup whoever does it;
 * mlock charges the cgroup of the task at the time, and a task that
 * moves takes its locked_vm along (the series' can_attach()).
 *
 * Differences from the posted code: pins.events counts "max" at the
 * level that refused (the posted code never incremented it); the charge
 * returns 0/-ENOMEM (the posted one a bool; a later branch -EAGAIN,
 * which userspace never saw: mlock and the ioctls return ENOMEM); the
 * model is single-threaded, so no reader sees a charge above max before
 * its rollback.
 */
#include "kernel/pins.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/kstrtox.h"
#include "lib/memparse.h"
#include "lib/strbuf.h"
#include "include/bug.h"
#include "include/kernfs.h"
#include "include/machine.h"
#include "include/sched.h"
#include "kernel/cgroup.h"

static struct pins_cgroup *css_pins(struct cgroup_subsys_state *css)
{
	return css ? container_of(css, struct pins_cgroup, css) : NULL;
}

static struct pins_cgroup *parent_pins(struct pins_cgroup *pins)
{
	return css_pins(pins->css.parent);
}

/* pins=cgroup, and pins=smemcg, which adds the borrows to it */
bool pins_cgroup_enabled(struct machine *m)
{
	return m->policy.pins >= 1;
}

struct pins_cgroup *pins_cg_get(struct task_struct *t)
{
	struct cgroup_subsys_state *css;

	if (!pins_cgroup_enabled(t->machine))
		return NULL;
	css = task_css(t, pins_cgrp_id);
	css_get(css);
	return css_pins(css);
}

void pins_cg_put(struct pins_cgroup *pins)
{
	if (pins)
		css_put(&pins->css);
}

/* Every level below the root, ignoring pins.max (attach's force). */
static void pins_charge_force(struct pins_cgroup *pins, long n)
{
	for (; pins && parent_pins(pins); pins = parent_pins(pins))
		pins->counter += n;
}

void pins_uncharge(struct pins_cgroup *pins, long n)
{
	for (; pins && parent_pins(pins); pins = parent_pins(pins)) {
		MODEL_BUG_ON(pins->css.cgroup->machine, pins->counter < n,
			     "pins.current %ld: uncharge of %ld",
			     pins->counter, n);
		pins->counter -= n;
	}
}

int pins_try_charge(struct pins_cgroup *pins, long n)
{
	struct pins_cgroup *p, *q;

	for (p = pins; p && parent_pins(p); p = parent_pins(p)) {
		if (p->limit != PINS_MAX && p->counter + n > p->limit) {
			p->events_max++;
			for (q = pins; q != p; q = parent_pins(q))
				q->counter -= n;
			return -ENOMEM;
		}
		p->counter += n;
	}
	return 0;
}

/* ---- mlock's locked_vm ---- */

int mm_pins_charge_locked(struct mm_struct *mm, long n)
{
	struct pins_cgroup *pins;
	int err;

	if (!mm->owner || !pins_cgroup_enabled(mm->machine) || n <= 0)
		return 0;
	if (!mm->pins_css) {
		pins = pins_cg_get(mm->owner);
		mm->pins_css = &pins->css;
	}
	err = pins_try_charge(css_pins(mm->pins_css), n);
	if (err && !mm->locked_vm) {
		pins_cg_put(css_pins(mm->pins_css));
		mm->pins_css = NULL;
	}
	return err;
}

/* After mm->locked_vm went down by @n: the last page lets the css go. */
void mm_pins_uncharge_locked(struct mm_struct *mm, long n)
{
	if (!mm->pins_css || n <= 0)
		return;
	pins_uncharge(css_pins(mm->pins_css), n);
	if (!mm->locked_vm) {
		pins_cg_put(css_pins(mm->pins_css));
		mm->pins_css = NULL;
	}
}

/* can_attach(): the task's locked_vm leaves for its new cgroup. */
static void pins_attach_locked(struct cgroup_subsys_state *css,
			       struct task_struct *t)
{
	struct mm_struct *mm = t->mm;

	if (!mm || !mm->pins_css || mm->pins_css == css)
		return;
	pins_charge_force(css_pins(css), mm->locked_vm);
	pins_uncharge(css_pins(mm->pins_css), mm->locked_vm);
	css_get(css);
	pins_cg_put(css_pins(mm->pins_css));
	mm->pins_css = css;
}

/* ---- the controller ---- */

static int pins_css_alloc(struct machine *m, struct cgroup_subsys_state *parent,
			  struct cgroup_subsys_state **cssp)
{
	struct pins_cgroup *pins = calloc(1, sizeof(*pins));

	if (!pins)
		return -ENOMEM;
	pins->limit = PINS_MAX;
	*cssp = &pins->css;
	return 0;
}

static void pins_css_free(struct cgroup_subsys_state *css)
{
	free(css_pins(css));
}

static struct pins_cgroup *of_pins(struct kernfs_open_file *of)
{
	return css_pins(of_css(of));
}

static int pins_max_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	long limit = of_pins(of)->limit;

	if (limit == PINS_MAX)
		sb_puts(sb, "max\n");
	else
		sb_printf(sb, "%ld\n", limit);
	return 0;
}

static long pins_max_write(struct kernfs_open_file *of, char *buf,
			   size_t nbytes)
{
	char *s = strstrip(buf);
	unsigned long long v;

	if (!strcmp(s, "max")) {
		of_pins(of)->limit = PINS_MAX;
		return nbytes;
	}
	if (kstrtoull(s, 0, &v) || v >= PINS_MAX)
		return -EINVAL;
	of_pins(of)->limit = v;
	return nbytes;
}

static int pins_current_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%ld\n", of_pins(of)->counter);
	return 0;
}

static int pins_events_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "max %ld\n", of_pins(of)->events_max);
	return 0;
}

static const struct cftype pins_files[] = {
	{ .name = "pins.max", .flags = CFTYPE_NOT_ON_ROOT,
	  .seq_show = pins_max_show, .write = pins_max_write },
	{ .name = "pins.current", .flags = CFTYPE_NOT_ON_ROOT,
	  .seq_show = pins_current_show },
	{ .name = "pins.events", .flags = CFTYPE_NOT_ON_ROOT,
	  .seq_show = pins_events_show },
	{ }	/* terminate */
};

struct cgroup_subsys pins_cgrp_subsys = {
	.name		= "pins",
	.id		= pins_cgrp_id,
	.enabled	= pins_cgroup_enabled,
	.css_alloc	= pins_css_alloc,
	.css_free	= pins_css_free,
	.attach_locked	= pins_attach_locked,
	.dfl_cftypes	= pins_files,
};
