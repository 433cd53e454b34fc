// SPDX-License-Identifier: GPL-2.0
/*
 * cgroup.subtree_control (kernel/cgroup/cgroup.c): enabling a controller
 * for a cgroup's children creates its css in each of them and moves their
 * tasks to it; disabling kills those csses.  The kernel's refusals: a
 * controller the parent does not offer (ENOENT), disabling one a child
 * still enables below (EBUSY), enabling with tasks in a non-root cgroup
 * (EBUSY, no internal processes), an unknown or unavailable name (EINVAL).
 *
 * Differences: no css_set migration; the tasks below move at once, and
 * the model-only mount option nomigrate refuses such a move (EOPNOTSUPP).
 */
#include "cgroup-internal.h"

#include <errno.h>
#include <string.h>

#include "include/machine.h"
#include "include/sched.h"

/*
 * cgroup_update_dfl_csses(): the tasks below a cgroup whose controllers
 * changed move to their new effective css, and the controller is told.
 */
static void reattach_tasks(struct cgroup *cgrp, u16 mask)
{
	struct cgroup_subsys_state *pos;
	struct cgroup_subsys *ss;
	struct task_struct *t;
	int ssid;

	list_for_each_entry(t, &cgrp->tasks, cg_list) {
		for_each_subsys(ss, ssid)
			if ((mask & BIT(ssid)) && ss->attach_locked)
				ss->attach_locked(cgroup_e_css(cgrp, ssid), t);
		for_each_subsys(ss, ssid)
			if ((mask & BIT(ssid)) && ss->attach)
				ss->attach(cgroup_e_css(cgrp, ssid), t);
	}
	list_for_each_entry(pos, &cgrp->self.children, sibling)
		reattach_tasks(css_cgroup_of_self(pos), mask);
}

static void reattach_subtree(struct cgroup *cgrp, u16 mask)
{
	struct cgroup_subsys_state *pos;

	list_for_each_entry(pos, &cgrp->self.children, sibling)
		reattach_tasks(css_cgroup_of_self(pos), mask);
}

static int cgroup_apply_control(struct cgroup *cgrp, u16 enable, u16 disable)
{
	struct cgroup_subsys_state *pos, *n;
	struct cgroup_subsys *ss;
	int ssid, err;

	for_each_subsys(ss, ssid) {
		if (!((enable | disable) & BIT(ssid)))
			continue;
		list_for_each_entry_safe(pos, n, &cgrp->self.children, sibling) {
			struct cgroup *child = css_cgroup_of_self(pos);

			if (cgroup_is_dead(child))
				continue;
			if (enable & BIT(ssid)) {
				err = css_create(child, ss);
				if (err)
					return err;
			} else if (child->subsys[ssid]) {
				kill_css(child->subsys[ssid]);
			}
		}
	}
	cgrp->subtree_control = (cgrp->subtree_control | enable) & ~disable;
	cgrp->subtree_ss_mask = cgrp->subtree_control;
	reattach_subtree(cgrp, enable | disable);
	return 0;
}

static int subtree_control_parse(char *buf, u16 *enable, u16 *disable)
{
	char *tok;

	*enable = *disable = 0;
	while ((tok = strsep(&buf, " "))) {
		struct cgroup_subsys *ss;
		int ssid;

		if (!*tok)
			continue;
		for_each_subsys(ss, ssid) {
			if (strcmp(tok + 1, ss->name))
				continue;
			if (*tok == '+') {
				*enable |= BIT(ssid);
				*disable &= ~BIT(ssid);
			} else if (*tok == '-') {
				*disable |= BIT(ssid);
				*enable &= ~BIT(ssid);
			} else {
				return -EINVAL;
			}
			break;
		}
		if (ssid == CGROUP_SUBSYS_COUNT)
			return -EINVAL;
	}
	return 0;
}

static int cgroup_subtree_control_check(struct cgroup *cgrp, u16 *enable,
					u16 *disable)
{
	struct cgroup_subsys_state *pos;
	int ssid;

	*enable &= ~cgrp->subtree_control;
	*disable &= cgrp->subtree_control;
	for (ssid = 0; ssid < CGROUP_SUBSYS_COUNT; ssid++) {
		if ((*enable & BIT(ssid)) && !(cgroup_control(cgrp) & BIT(ssid)))
			return -ENOENT;
		if (!(*disable & BIT(ssid)))
			continue;
		list_for_each_entry(pos, &cgrp->self.children, sibling) {
			struct cgroup *child = css_cgroup_of_self(pos);

			if (!cgroup_is_dead(child) &&
			    (child->subtree_control & BIT(ssid)))
				return -EBUSY;
		}
	}
	if (*enable && cgrp->parent && cgroup_has_tasks(cgrp))
		return -EBUSY;
	/* nomigrate: a task below would move to another css (a migration) */
	if ((*enable | *disable) && cgrp->nr_populated_children &&
	    cgrp->machine->cgrp_opts.nomigrate)
		return -EOPNOTSUPP;
	return 0;
}

int cgroup_subtree_control_write(struct cgroup *cgrp, char *buf)
{
	u16 enable, disable;
	int err;

	err = subtree_control_parse(buf, &enable, &disable);
	if (err)
		return err;
	/* a controller not offered is no controller at all */
	if ((enable | disable) & ~cgroup_enabled_mask(cgrp->machine))
		return -EINVAL;
	err = cgroup_subtree_control_check(cgrp, &enable, &disable);
	if (err)
		return err;
	return cgroup_apply_control(cgrp, enable, disable);
}
