// SPDX-License-Identifier: GPL-2.0
/*
 * The cgroup core's interface files (cgroup_base_files[] in
 * kernel/cgroup/cgroup.c): cgroup.procs, cgroup.threads,
 * cgroup.controllers, cgroup.subtree_control, cgroup.events, cgroup.stat,
 * cgroup.max.*, cgroup.type and cgroup.kill; cgroup.freeze, cpu.stat and
 * the pressure files come from cgroup_freezer.c, cgroup_rstat.c and
 * psi.c.  Threaded cgroups are not modelled: every cgroup is a domain,
 * and a process is one thread (cgroup.threads lists its pid once, even
 * with threads=N, whose threads are kernel stacks only).
 *
 * Also the hierarchy's side of kernfs (cgroup_kf_ops and css_populate_dir()
 * in kernel/cgroup/cgroup.c): every cgroup is a directory, the core's files
 * are in each, a controller's where the controller is enabled.
 */
#include <errno.h>
#include <string.h>

#include "lib/kstrtox.h"
#include "lib/memparse.h"
#include "lib/strbuf.h"
#include "include/machine.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "include/sched.h"
#include "include/kernfs.h"

static void print_ss_mask(struct strbuf *sb, u16 mask)
{
	bool printed = false;
	int ssid;

	for (ssid = 0; ssid < CGROUP_SUBSYS_COUNT; ssid++) {
		if (!(mask & BIT(ssid)))
			continue;
		if (printed)
			sb_puts(sb, " ");
		sb_puts(sb, cgroup_subsys_name(ssid));
		printed = true;
	}
	if (printed)
		sb_puts(sb, "\n");
}

static int cgroup_controllers_show(struct kernfs_open_file *of,
				   struct strbuf *sb)
{
	print_ss_mask(sb, cgroup_controllers_mask(of->cgrp));
	return 0;
}

static int cgroup_subtree_control_show(struct kernfs_open_file *of,
				       struct strbuf *sb)
{
	print_ss_mask(sb, of->cgrp->subtree_control);
	return 0;
}

static long cgroup_subtree_control_fwrite(struct kernfs_open_file *of,
					  char *buf, size_t nbytes)
{
	int err = cgroup_subtree_control_write(of->cgrp, strstrip(buf));

	return err ? err : (long)nbytes;
}

static int cgroup_procs_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	struct task_struct *t;

	list_for_each_entry(t, &of->cgrp->tasks, cg_list)
		sb_printf(sb, "%d\n", t->pid);
	return 0;
}

static long cgroup_procs_write(struct kernfs_open_file *of, char *buf,
			       size_t nbytes)
{
	struct machine *m = of->machine;
	struct task_struct *t;
	int pid, err;

	if (kstrtoint(strstrip(buf), 0, &pid) || pid < 0)
		return -EINVAL;
	t = pid ? find_task_by_pid(m, pid) : m->current;
	if (!t || t->life != TASK_ALIVE)
		return -ESRCH;
	err = cgroup_attach_task(of->cgrp, t);
	return err ? err : (long)nbytes;
}

/*
 * cgroup.threads of a domain cgroup: a thread may "move" only where its
 * process is (nothing happens); anywhere else is -EOPNOTSUPP, as
 * cgroup_attach_permissions() says of a single thread outside a threaded
 * subtree.
 */
static long cgroup_threads_write(struct kernfs_open_file *of, char *buf,
				 size_t nbytes)
{
	struct machine *m = of->machine;
	struct task_struct *t;
	int tid;

	if (kstrtoint(strstrip(buf), 0, &tid) || tid < 0)
		return -EINVAL;
	t = tid ? find_task_by_pid(m, tid) : m->current;
	if (!t || t->life != TASK_ALIVE)
		return -ESRCH;
	if (t->cgroup != of->cgrp)
		return -EOPNOTSUPP;
	return nbytes;
}

int cgroup_write_01(char *buf, int *v)
{
	int err = kstrtoint(strstrip(buf), 0, v);

	if (err)
		return err;
	return *v < 0 || *v > 1 ? -ERANGE : 0;
}

static int cgroup_events_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "populated %d\n", cgroup_is_populated(of->cgrp));
	sb_printf(sb, "frozen %d\n", cgroup_frozen(of->cgrp));
	return 0;
}

/* Live csses of @ssid at and below @cgrp. */
static int nr_subsys(struct cgroup *cgrp, int ssid)
{
	struct cgroup_subsys_state *pos;
	int nr = cgrp->subsys[ssid] ? 1 : 0;

	list_for_each_entry(pos, &cgrp->self.children, sibling) {
		struct cgroup *child = container_of(pos, struct cgroup, self);

		if (!cgroup_is_dead(child))
			nr += nr_subsys(child, ssid);
	}
	return nr;
}

static int cgroup_stat_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	struct cgroup *cgrp = of->cgrp;
	int ssid;

	u16 on = cgroup_enabled_mask(of->machine);

	sb_printf(sb, "nr_descendants %d\n", cgrp->nr_descendants);
	for (ssid = 0; ssid < CGROUP_SUBSYS_COUNT; ssid++)
		if (on & BIT(ssid))
			sb_printf(sb, "nr_subsys_%s %d\n",
				  cgroup_subsys_name(ssid),
				  nr_subsys(cgrp, ssid));
	sb_printf(sb, "nr_dying_descendants %d\n", cgrp->nr_dying_descendants);
	for (ssid = 0; ssid < CGROUP_SUBSYS_COUNT; ssid++)
		if (on & BIT(ssid))
			sb_printf(sb, "nr_dying_subsys_%s %d\n",
				  cgroup_subsys_name(ssid),
				  cgrp->nr_dying_subsys[ssid]);
	return 0;
}

static void show_limit(struct strbuf *sb, int v)
{
	if (v == INT_MAX)
		sb_puts(sb, "max\n");
	else
		sb_printf(sb, "%d\n", v);
}

static int parse_limit(char *buf, int *v)
{
	int err;

	buf = strstrip(buf);
	if (!strcmp(buf, "max")) {
		*v = INT_MAX;
		return 0;
	}
	err = kstrtoint(buf, 0, v);
	if (err)
		return err;
	return *v < 0 ? -ERANGE : 0;
}

static int max_descendants_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	show_limit(sb, of->cgrp->max_descendants);
	return 0;
}

static long max_descendants_write(struct kernfs_open_file *of, char *buf,
				  size_t nbytes)
{
	int v, err = parse_limit(buf, &v);

	if (err)
		return err;
	of->cgrp->max_descendants = v;
	return nbytes;
}

static int max_depth_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	show_limit(sb, of->cgrp->max_depth);
	return 0;
}

static long max_depth_write(struct kernfs_open_file *of, char *buf,
			    size_t nbytes)
{
	int v, err = parse_limit(buf, &v);

	if (err)
		return err;
	of->cgrp->max_depth = v;
	return nbytes;
}

static int cgroup_type_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_puts(sb, "domain\n");
	return 0;
}

/* Only "threaded" is a valid write; threaded cgroups are not modelled. */
static long cgroup_type_write(struct kernfs_open_file *of, char *buf,
			      size_t nbytes)
{
	if (strcmp(strstrip(buf), "threaded"))
		return -EINVAL;
	return -EOPNOTSUPP;
}

static void kill_subtree(struct cgroup *cgrp)
{
	struct cgroup_subsys_state *pos;
	struct task_struct *t, *n;

	list_for_each_entry_safe(t, n, &cgrp->tasks, cg_list)
		task_send_sigkill(t);
	list_for_each_entry(pos, &cgrp->self.children, sibling)
		kill_subtree(container_of(pos, struct cgroup, self));
}

static long cgroup_kill_write(struct kernfs_open_file *of, char *buf,
			      size_t nbytes)
{
	int v;

	if (kstrtoint(strstrip(buf), 0, &v))
		return -EINVAL;
	if (v != 1)
		return -ERANGE;
	kill_subtree(of->cgrp);
	return nbytes;
}

static const struct cftype cgroup_base_files[] = {
	{
		.name = "cgroup.type",
		.flags = CFTYPE_NOT_ON_ROOT,
		.seq_show = cgroup_type_show,
		.write = cgroup_type_write,
	},
	{
		.name = "cgroup.procs",
		.seq_show = cgroup_procs_show,
		.write = cgroup_procs_write,
	},
	{
		.name = "cgroup.threads",
		.seq_show = cgroup_procs_show,
		.write = cgroup_threads_write,
	},
	{
		.name = "cgroup.controllers",
		.seq_show = cgroup_controllers_show,
	},
	{
		.name = "cgroup.subtree_control",
		.seq_show = cgroup_subtree_control_show,
		.write = cgroup_subtree_control_fwrite,
	},
	{
		.name = "cgroup.events",
		.flags = CFTYPE_NOT_ON_ROOT,
		.seq_show = cgroup_events_show,
	},
	{
		.name = "cgroup.max.descendants",
		.seq_show = max_descendants_show,
		.write = max_descendants_write,
	},
	{
		.name = "cgroup.max.depth",
		.seq_show = max_depth_show,
		.write = max_depth_write,
	},
	{
		.name = "cgroup.stat",
		.seq_show = cgroup_stat_show,
	},
	{
		.name = "cgroup.kill",
		.flags = CFTYPE_NOT_ON_ROOT,
		.write = cgroup_kill_write,
	},
	{ }	/* terminate */
};

/* ---- the hierarchy in kernfs ---- */

#define CGROUP_CORE_FILES	(-1)	/* the tag of the core's tables */
#define CGROUP_PSI_FILES	(-2)	/* {io,memory,cpu}.pressure */

static void *cgroup_kn_lookup(struct machine *m, const char *path)
{
	return cgroup_lookup(m, path);
}

static bool cgroup_kn_is_root(void *node)
{
	return !cgroup_parent(node);
}

/* css_populate_dir(): the core's files, and a controller's with its css */
static bool cgroup_kn_shows(void *node, int tag, void **ctx)
{
	struct cgroup *cgrp = node;

	if (tag == CGROUP_CORE_FILES)
		return true;
	/* cgroup.pressure 0 hides them (cgroup_file_show()); their open
	 * files have the group as context, to be drained then */
	if (tag == CGROUP_PSI_FILES) {
		*ctx = &cgrp->psi;
		return cgrp->psi.enabled;
	}
	*ctx = cgrp->subsys[tag];
	return *ctx;
}

/* The css an open file was opened with: a controller's, not the PSI group */
static struct cgroup_subsys_state *of_ctx_css(struct kernfs_open_file *of)
{
	struct cgroup *cgrp = of->data;

	return of->ctx == (void *)&cgrp->psi ? NULL : of->ctx;
}

/* An open file pins its cgroup and css until it is closed or removed. */
static void cgroup_kn_open(struct kernfs_open_file *of)
{
	of->cgrp = of->data;
	css_get(&of->cgrp->self);
	if (of_ctx_css(of))
		css_get(of->ctx);
}

static void cgroup_kn_release(struct kernfs_open_file *of)
{
	if (of_ctx_css(of))
		css_put(of->ctx);
	if (of->cgrp)
		css_put(&of->cgrp->self);
	of->ctx = NULL;
	of->cgrp = NULL;
}

static void cgroup_kn_list(void *node, struct strbuf *sb)
{
	struct cgroup *cgrp = node;
	struct cgroup_subsys_state *pos;

	list_for_each_entry(pos, &cgrp->self.children, sibling) {
		struct cgroup *child = container_of(pos, struct cgroup, self);

		if (!cgroup_is_dead(child))
			sb_printf(sb, "%s/\n", child->name);
	}
}

static const struct kernfs_dir_ops cgroup_kf_ops = {
	.lookup		= cgroup_kn_lookup,
	.is_root	= cgroup_kn_is_root,
	.shows		= cgroup_kn_shows,
	.open		= cgroup_kn_open,
	.release	= cgroup_kn_release,
	.list		= cgroup_kn_list,
};

/* Mount the hierarchy and add the core's files (cgroup_init()). */
int cgroup_files_init(struct machine *m)
{
	static const struct cftype *const core[] = {
		cgroup_base_files, cgroup_freezer_files, cgroup_rstat_files,
		cgroup_pressure_files,
	};
	int err = kernfs_mount(m, "", KF_CGROUP, &cgroup_kf_ops);
	size_t i;

	for (i = 0; !err && i < ARRAY_SIZE(core); i++)
		err = kernfs_mount_add_files(m, &cgroup_kf_ops,
					     CGROUP_CORE_FILES, core[i]);
	if (!err)
		err = kernfs_mount_add_files(m, &cgroup_kf_ops,
					     CGROUP_PSI_FILES,
					     cgroup_psi_files);
	return err;
}

int cgroup_add_dfl_cftypes(struct machine *m, struct cgroup_subsys *ss,
			   const struct cftype *cfts)
{
	return kernfs_mount_add_files(m, &cgroup_kf_ops, ss->id, cfts);
}
