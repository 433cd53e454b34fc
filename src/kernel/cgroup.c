// SPDX-License-Identifier: GPL-2.0
/*
 * The cgroup v2 hierarchy (kernel/cgroup/cgroup.c): directories, css
 * lifetimes and the dying state that a removed cgroup keeps while anything
 * references its csses, and task membership.  Controller enablement
 * through cgroup.subtree_control is in cgroup_control.c.
 *
 * Differences: only the memory controller exists (the kernel also has cpu,
 * io, pids, ...); a css_set is reduced to the task's cgroup; the work items
 * that the kernel runs after a css is killed or released run after one RCU
 * grace period of virtual time.
 */
#include "cgroup.h"
#include "cgroup-internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "include/bug.h"
#include "include/machine.h"
#include "include/rcupdate.h"
#include "include/sched.h"
#include "include/kernfs.h"
#include "kernel/psi.h"

struct cgroup_subsys *const cgroup_subsys[CGROUP_SUBSYS_COUNT] = {
	[memory_cgrp_id] = &memory_cgrp_subsys,
	[pins_cgrp_id] = &pins_cgrp_subsys,
};

/* ---- css reference counting ---- */

static void css_release(struct cgroup_subsys_state *css);

void css_get_many(struct cgroup_subsys_state *css, unsigned int n)
{
	css->refcnt += n;
}

void css_get(struct cgroup_subsys_state *css)
{
	css_get_many(css, 1);
}

void css_put_many(struct cgroup_subsys_state *css, unsigned int n)
{
	if (MODEL_BUG_ON(css->cgroup->machine, css->refcnt < (long)n,
			 "css of %s%s: put %u of %ld references",
			 css->cgroup->name, css->ss ? " (memory)" : "",
			 n, css->refcnt))
		return;
	css->refcnt -= n;
	if (!css->refcnt)
		css_release(css);
}

void css_put(struct cgroup_subsys_state *css)
{
	css_put_many(css, 1);
}

bool css_tryget(struct cgroup_subsys_state *css)
{
	if (!css->refcnt)
		return false;
	css->refcnt++;
	return true;
}

bool css_tryget_online(struct cgroup_subsys_state *css)
{
	if (css->ref_killed || !css->refcnt)
		return false;
	css->refcnt++;
	return true;
}

struct cgroup_subsys_state *css_next_descendant_pre(struct cgroup_subsys_state *pos,
						    struct cgroup_subsys_state *root)
{
	struct cgroup_subsys_state *next;

	if (!list_empty(&pos->children))
		return list_first_entry(&pos->children,
					struct cgroup_subsys_state, sibling);
	while (pos != root) {
		next = list_next_entry(pos, sibling);
		if (&next->sibling != &pos->parent->children)
			return next;
		pos = pos->parent;
	}
	return NULL;
}

/* ---- css lifetime ---- */

static void css_free_rcu(struct rcu_head *head)
{
	struct cgroup_subsys_state *css =
		container_of(head, struct cgroup_subsys_state, rcu_head);
	struct cgroup_subsys_state *parent = css->parent;
	struct cgroup *cgrp = css->cgroup;

	if (css->ss) {
		css->ss->css_free(css);
		css_put(&cgrp->self);
		if (parent)
			css_put(parent);
		return;
	}
	free(cgrp->name);
	free(cgrp);
	if (parent)
		css_put(parent);
}

static void css_release(struct cgroup_subsys_state *css)
{
	struct cgroup *cgrp = css->cgroup;
	struct machine *m = cgrp->machine;
	struct cgroup *tcgrp;

	css->flags |= CSS_RELEASED;
	list_del_init(&css->sibling);
	if (css->ss) {
		for (tcgrp = cgrp; tcgrp; tcgrp = cgroup_parent(tcgrp))
			tcgrp->nr_dying_subsys[css->ss->id]--;
		if (css->ss->css_released)
			css->ss->css_released(css);
	} else {
		for (tcgrp = cgroup_parent(cgrp); tcgrp; tcgrp = cgroup_parent(tcgrp))
			tcgrp->nr_dying_descendants--;
	}
	call_rcu(m, &css->rcu_head, css_free_rcu);
}

static void init_css(struct cgroup_subsys_state *css, struct cgroup_subsys *ss,
		     struct cgroup *cgrp, struct cgroup_subsys_state *parent)
{
	css->cgroup = cgrp;
	css->ss = ss;
	css->parent = parent;
	css->refcnt = 1;
	css->ref_killed = false;
	css->flags = 0;
	css->serial_nr = cgrp->machine->css_serial_nr++;
	INIT_LIST_HEAD(&css->children);
	INIT_LIST_HEAD(&css->sibling);
	if (parent) {
		css_get(parent);
		list_add_tail(&css->sibling, &parent->children);
	}
	if (ss)
		css_get(&cgrp->self);
}

int css_create(struct cgroup *cgrp, struct cgroup_subsys *ss)
{
	struct cgroup *parent = cgroup_parent(cgrp);
	struct cgroup_subsys_state *parent_css = NULL, *css;
	int err;

	if (parent)
		parent_css = cgroup_e_css(parent, ss->id);
	err = ss->css_alloc(cgrp->machine, parent_css, &css);
	if (err)
		return err;
	init_css(css, ss, cgrp, parent_css);
	cgrp->subsys[ss->id] = css;
	err = ss->css_online ? ss->css_online(css) : 0;
	if (err)
		return err;
	css->flags |= CSS_ONLINE;
	return 0;
}

static void css_killed_rcu(struct rcu_head *head)
{
	struct cgroup_subsys_state *css =
		container_of(head, struct cgroup_subsys_state, rcu_head);

	if (css->flags & CSS_ONLINE) {
		if (css->ss->css_offline)
			css->ss->css_offline(css);
		css->flags &= ~CSS_ONLINE;
	}
	css_put(css);		/* the base reference */
}

/*
 * Kill a controller's css: tryget_online fails from now on; offline runs
 * once the kill is confirmed (one grace period), then the base reference
 * goes, and the css is released when the last user lets go.
 */
void kill_css(struct cgroup_subsys_state *css)
{
	struct cgroup *cgrp = css->cgroup;
	struct cgroup *tcgrp;

	if (css->flags & CSS_DYING)
		return;
	css->flags |= CSS_DYING;
	/* css_clear_dir(): the controller's files go, open ones with them */
	kernfs_node_removed(cgrp->machine, css);
	css->ref_killed = true;
	cgrp->subsys[css->ss->id] = NULL;
	for (tcgrp = cgrp; tcgrp; tcgrp = cgroup_parent(tcgrp))
		tcgrp->nr_dying_subsys[css->ss->id]++;
	call_rcu(cgrp->machine, &css->rcu_head, css_killed_rcu);
}

/* ---- lookup and paths ---- */

static struct cgroup *cgroup_child(struct cgroup *parent, const char *name,
				   size_t len)
{
	struct cgroup_subsys_state *pos;

	list_for_each_entry(pos, &parent->self.children, sibling) {
		struct cgroup *child = css_cgroup_of_self(pos);

		if (cgroup_is_dead(child))
			continue;
		if (strlen(child->name) == len && !memcmp(child->name, name, len))
			return child;
	}
	return NULL;
}

struct cgroup *cgroup_lookup(struct machine *m, const char *path)
{
	struct cgroup *cgrp = m->cgrp_root;

	while (cgrp && *path) {
		size_t len;

		while (*path == '/')
			path++;
		len = strcspn(path, "/");
		if (!len)
			break;
		if ((len == 1 && path[0] == '.'))
			goto next;
		cgrp = cgroup_child(cgrp, path, len);
next:
		path += len;
	}
	return cgrp;
}

void cgroup_path(const struct cgroup *cgrp, struct strbuf *sb)
{
	if (!cgrp->parent) {
		sb_puts(sb, "/");
		return;
	}
	if (cgrp->parent->parent)
		cgroup_path(cgrp->parent, sb);
	sb_printf(sb, "/%s", cgrp->name);
}

struct cgroup_subsys_state *cgroup_e_css(struct cgroup *cgrp, int ssid)
{
	for (; cgrp; cgrp = cgroup_parent(cgrp))
		if (cgrp->subsys[ssid])
			return cgrp->subsys[ssid];
	return NULL;
}

struct cgroup_subsys_state *task_css(struct task_struct *t, int ssid)
{
	return cgroup_e_css(t->cgroup, ssid);
}

/*
 * Controllers available to @cgrp (cgroup.controllers): everything at the
 * root, else what the parent enabled.
 */
u16 cgroup_control(const struct cgroup *cgrp)
{
	if (!cgrp->parent)
		return cgroup_enabled_mask(cgrp->machine);
	return cgrp->parent->subtree_control;
}

/* The controllers offered (cgroup_ssid_enabled() of each). */
u16 cgroup_enabled_mask(struct machine *m)
{
	struct cgroup_subsys *ss;
	u16 mask = 0;
	int ssid;

	for_each_subsys(ss, ssid)
		if (!ss->enabled || ss->enabled(m))
			mask |= BIT(ssid);
	return mask;
}

u16 cgroup_controllers_mask(const struct cgroup *cgrp)
{
	return cgroup_control(cgrp);
}

const char *cgroup_subsys_name(int ssid)
{
	return cgroup_subsys[ssid]->name;
}

/* ---- mkdir / rmdir ---- */

static bool cgroup_limits_allow(struct cgroup *parent)
{
	struct cgroup *cgrp;
	int level = parent->level + 1;

	for (cgrp = parent; cgrp; cgrp = cgroup_parent(cgrp)) {
		if (cgrp->nr_descendants >= cgrp->max_descendants)
			return false;
		if (level - cgrp->level > cgrp->max_depth)
			return false;
	}
	return true;
}

static struct cgroup *cgroup_alloc(struct machine *m, struct cgroup *parent,
				   const char *name, size_t len)
{
	struct cgroup *cgrp = calloc(1, sizeof(*cgrp));

	if (!cgrp)
		return NULL;
	cgrp->machine = m;
	cgrp->name = strndup(name, len);
	cgrp->parent = parent;
	cgrp->level = parent ? parent->level + 1 : 0;
	/* its kernfs node: the directory's inode number, the root's is 1 */
	cgrp->kn_id = ++m->kernfs_last_id;
	cgrp->max_descendants = INT_MAX;
	cgrp->max_depth = INT_MAX;
	INIT_LIST_HEAD(&cgrp->tasks);
	psi_cgroup_alloc(cgrp);
	cgroup_freezer_init(cgrp);
	init_css(&cgrp->self, NULL, cgrp, parent ? &parent->self : NULL);
	cgrp->self.flags |= CSS_ONLINE;
	return cgrp;
}

/* Split "A/B/C" into the parent "A/B" and the name "C". */
static struct cgroup *lookup_parent(struct machine *m, const char *path,
				    const char **name, size_t *len)
{
	char *dir = strdup(path);
	char *slash;
	struct cgroup *parent;
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	slash = strrchr(dir, '/');
	*name = path + (slash ? slash - dir + 1 : 0);
	*len = strlen(dir) - (*name - path);
	if (slash)
		*slash = '\0';
	parent = cgroup_lookup(m, slash ? dir : "");
	free(dir);
	return parent;
}

int cgroup_mkdir(struct machine *m, const char *path)
{
	struct cgroup *parent, *cgrp, *tcgrp;
	struct cgroup_subsys *ss;
	const char *name;
	size_t len;
	int ssid, err;

	parent = lookup_parent(m, path, &name, &len);
	if (!parent)
		return -ENOENT;
	if (!len || (len == 1 && name[0] == '.'))
		return -EEXIST;
	if (memchr(name, '\n', len))
		return -EINVAL;
	/* the name may be taken by a directory or by an interface file */
	if (cgroup_child(parent, name, len) || kernfs_file_exists(m, path))
		return -EEXIST;
	if (!cgroup_limits_allow(parent))
		return -EAGAIN;
	cgrp = cgroup_alloc(m, parent, name, len);
	if (!cgrp)
		return -ENOMEM;
	for (tcgrp = parent; tcgrp; tcgrp = cgroup_parent(tcgrp))
		tcgrp->nr_descendants++;
	for_each_subsys(ss, ssid) {
		if (!(parent->subtree_control & BIT(ssid)))
			continue;
		err = css_create(cgrp, ss);
		if (err)
			goto fail;
	}
	return 0;
fail:
	cgroup_rmdir(m, path);
	return err;
}

static bool css_has_online_children(struct cgroup_subsys_state *css)
{
	struct cgroup_subsys_state *child;

	list_for_each_entry(child, &css->children, sibling)
		if (child->flags & CSS_ONLINE)
			return true;
	return false;
}

static void cgroup_kill_files(struct cgroup *cgrp);

int cgroup_rmdir(struct machine *m, const char *path)
{
	struct cgroup *cgrp = cgroup_lookup(m, path);
	struct cgroup *tcgrp;
	int ssid;

	if (!cgrp)
		return -ENOENT;
	if (!cgrp->parent)
		return -EBUSY;
	if (cgroup_is_populated(cgrp))
		return -EBUSY;
	if (css_has_online_children(&cgrp->self))
		return -EBUSY;

	cgrp->flags |= CGRP_DEAD;
	cgrp->self.flags &= ~CSS_ONLINE;
	cgroup_kill_files(cgrp);
	for (ssid = 0; ssid < CGROUP_SUBSYS_COUNT; ssid++)
		if (cgrp->subsys[ssid])
			kill_css(cgrp->subsys[ssid]);
	for (tcgrp = cgroup_parent(cgrp); tcgrp; tcgrp = cgroup_parent(tcgrp)) {
		tcgrp->nr_descendants--;
		tcgrp->nr_dying_descendants++;
	}
	cgrp->self.ref_killed = true;
	css_put(&cgrp->self);
	return 0;
}

/* ---- populated state and membership ---- */

bool cgroup_is_populated(const struct cgroup *cgrp)
{
	return cgrp->nr_populated_csets + cgrp->nr_populated_children;
}

/*
 * One live process more or fewer directly in @cgrp; a change of populated
 * state propagates up for as long as it changes the parents' state.
 */
static void cgroup_update_populated(struct cgroup *cgrp, bool populated)
{
	int adj = populated ? 1 : -1;
	bool was = cgroup_is_populated(cgrp);

	cgrp->nr_populated_csets += adj;
	if (was == cgroup_is_populated(cgrp))
		return;
	for (cgrp = cgroup_parent(cgrp); cgrp; cgrp = cgroup_parent(cgrp)) {
		was = cgroup_is_populated(cgrp);
		cgrp->nr_populated_children += adj;
		if (was == cgroup_is_populated(cgrp))
			break;
	}
}

/*
 * Link the new task into its css_set under css_set_lock (and run the
 * controllers' fork_locked callbacks there), then their fork callbacks.
 */
void cgroup_post_fork(struct cgroup *cgrp, struct task_struct *t)
{
	struct cgroup_subsys *ss;
	int ssid;

	t->cgroup = cgrp;
	list_add_tail(&t->cg_list, &cgrp->tasks);
	css_get(&cgrp->self);
	cgroup_update_populated(cgrp, true);
	cgroup_freezer_fork(t);
	for_each_subsys(ss, ssid)
		if (ss->fork_locked)
			ss->fork_locked(t);
	for_each_subsys(ss, ssid)
		if (ss->fork)
			ss->fork(t);
}

void cgroup_exit(struct task_struct *t)
{
	struct cgroup *cgrp = t->cgroup;

	/* a migration left half-way ends with the task: no ->attach() */
	t->attach_pending = false;
	cgroup_freezer_exit(t);
	list_del_init(&t->cg_list);
	cgroup_update_populated(cgrp, false);
	/* the model reaps at once: the task lets go of its cgroup */
	t->cgroup = NULL;
	css_put(&cgrp->self);
}

bool cgroup_has_tasks(const struct cgroup *cgrp)
{
	return !list_empty(&cgrp->tasks);
}

/* The no-internal-process rule for domain controllers (memory). */
static int cgroup_may_attach(struct cgroup *dst)
{
	if (cgroup_is_dead(dst))
		return -ENODEV;
	if (dst->parent && dst->subtree_control)
		return -EBUSY;
	return 0;
}

/* The task leaves its css_set for @dst's (under css_set_lock). */
static void css_set_move_task(struct task_struct *t, struct cgroup *dst)
{
	struct cgroup *src = t->cgroup;

	list_move_tail(&t->cg_list, &dst->tasks);
	t->cgroup = dst;
	cgroup_freezer_migrate_task(t, dst);
	css_get(&dst->self);
	cgroup_update_populated(dst, true);
	cgroup_update_populated(src, false);
	css_put(&src->self);
}

/*
 * The first half of a migration, up to its commit point: the checks, then,
 * as under css_set_lock, css_set_move_task() and the controllers'
 * attach_locked callbacks.  The task is then in @dst's css_set while the
 * controllers' ->attach() has not run (t->attach_pending) until
 * cgroup_attach_task_finish().  A task already in @dst needs nothing.
 *
 * With the nomigrate mount option (model only, seed 003) a task never
 * leaves the cgroup it was born in: -EOPNOTSUPP, the errno the kernel
 * gives for migrations the hierarchy's configuration does not allow
 * (cgroup_migrate_vet_dst()).
 */
int cgroup_attach_task_begin(struct cgroup *dst, struct task_struct *t)
{
	struct cgroup_subsys *ss;
	int ssid, err;

	if (t->attach_pending)
		return -EBUSY;	/* the kernel would wait for cgroup_mutex */
	err = cgroup_may_attach(dst);
	if (err || t->cgroup == dst)
		return err;
	if (dst->machine->cgrp_opts.nomigrate)
		return -EOPNOTSUPP;
	css_set_move_task(t, dst);
	for_each_subsys(ss, ssid)
		if (ss->attach_locked)
			ss->attach_locked(cgroup_e_css(dst, ssid), t);
	t->attach_pending = true;
	return 0;
}

/* The second half: the migration has committed, ->attach() runs. */
void cgroup_attach_task_finish(struct task_struct *t)
{
	struct cgroup_subsys *ss;
	int ssid;

	if (!t->attach_pending)
		return;
	t->attach_pending = false;
	for_each_subsys(ss, ssid)
		if (ss->attach)
			ss->attach(cgroup_e_css(t->cgroup, ssid), t);
}

int cgroup_attach_task(struct cgroup *dst, struct task_struct *t)
{
	int err = cgroup_attach_task_begin(dst, t);

	if (!err)
		cgroup_attach_task_finish(t);
	return err;
}

/* ---- boot ---- */

int cgroup_init(struct machine *m)
{
	struct cgroup *root = cgroup_alloc(m, NULL, "", 0);
	struct cgroup_subsys *ss;
	int ssid, err;

	if (!root)
		return -ENOMEM;
	m->cgrp_root = root;
	err = cgroup_files_init(m);
	if (err)
		return err;
	for_each_subsys(ss, ssid) {
		err = css_create(root, ss);
		if (!err && ss->dfl_cftypes)
			err = cgroup_add_dfl_cftypes(m, ss, ss->dfl_cftypes);
		if (err)
			return err;
	}
	return 0;
}

static void cgroup_kill_files(struct cgroup *cgrp)
{
	kernfs_node_removed(cgrp->machine, cgrp);
}

/* ---- teardown of a whole machine ---- */

static void destroy_subtree(struct cgroup *cgrp)
{
	struct cgroup_subsys_state *pos, *n;
	struct cgroup *tcgrp;
	int ssid;

	list_for_each_entry_safe(pos, n, &cgrp->self.children, sibling) {
		struct cgroup *child = css_cgroup_of_self(pos);

		if (!cgroup_is_dead(child))
			destroy_subtree(child);
	}
	if (!cgrp->parent)
		return;
	cgrp->flags |= CGRP_DEAD;
	cgroup_kill_files(cgrp);
	for (ssid = 0; ssid < CGROUP_SUBSYS_COUNT; ssid++)
		if (cgrp->subsys[ssid])
			kill_css(cgrp->subsys[ssid]);
	for (tcgrp = cgroup_parent(cgrp); tcgrp; tcgrp = cgroup_parent(tcgrp))
		tcgrp->nr_descendants--;
	css_put(&cgrp->self);
}

/*
 * Remove every cgroup as rmdir would, let the grace periods pass so the
 * csses are freed, then free the root's.  Callers have already let go of
 * every task, file and page that pinned a css.
 */
void cgroup_release_all(struct machine *m)
{
	struct cgroup *root = m->cgrp_root;
	int ssid;

	if (!root)
		return;
	destroy_subtree(root);
	rcu_barrier(m);
	for (ssid = 0; ssid < CGROUP_SUBSYS_COUNT; ssid++) {
		struct cgroup_subsys_state *css = root->subsys[ssid];

		if (css && css->ss->css_offline)
			css->ss->css_offline(css);
		rcu_barrier(m);
		if (css)
			css->ss->css_free(css);
	}
	free(root->name);
	free(root);
	m->cgrp_root = NULL;
}
