/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the cgroup core's files share among themselves and with nobody
 * else (kernel/cgroup/cgroup-internal.h): the controllers' table, css
 * creation and killing, and the questions cgroup.subtree_control asks of
 * a cgroup.
 */
#ifndef MEMCGLAB_KERNEL_CGROUP_INTERNAL_H
#define MEMCGLAB_KERNEL_CGROUP_INTERNAL_H

#include "kernel/cgroup.h"

extern struct cgroup_subsys *const cgroup_subsys[CGROUP_SUBSYS_COUNT];

#define for_each_subsys(ss, ssid)					\
	for ((ssid) = 0; (ssid) < CGROUP_SUBSYS_COUNT &&		\
	     (((ss) = cgroup_subsys[ssid]) || true); (ssid)++)

static inline struct cgroup *css_cgroup_of_self(struct cgroup_subsys_state *css)
{
	return container_of(css, struct cgroup, self);
}

int css_create(struct cgroup *cgrp, struct cgroup_subsys *ss);
void kill_css(struct cgroup_subsys_state *css);
/* the controllers the parent offers (the root: every enabled one) */
u16 cgroup_control(const struct cgroup *cgrp);
bool cgroup_has_tasks(const struct cgroup *cgrp);

#endif
