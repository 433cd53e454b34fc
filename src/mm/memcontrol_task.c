// SPDX-License-Identifier: GPL-2.0
/*
 * The task side of the memory controller (mm/memcontrol.c, 6.12): which
 * obj_cgroup pays for a task's kernel allocations, cached in task->objcg
 * with bit 0 meaning "look it up again", and the fork, migration and exit
 * hooks that keep the cache right.
 *
 * Seed 003's designs are policies.  Each charges every object to the memcg
 * 6.12 charges, except in the window between css_set_move_task() and
 * ->attach() of a migration; they differ in cost.
 *  - objcg.task_cache=lazy (6.12): fork and ->attach() set the update bit;
 *    the task's next accounted allocation looks the objcg up (a tryget of
 *    its memcg's objcg or of an ancestor's) and keeps that reference; each
 *    object takes one reference of its own.
 *  - off (before 6.7): every allocation looks the objcg up, holds that
 *    reference while it charges and drops it: three reference operations
 *    per slab object instead of one.
 *  - fork (Johannes Weiner's suggestion): the child keeps the pointer
 *    dup_task_struct() copied from its parent and takes a reference in a
 *    fork_locked callback under css_set_lock; so that it never copies a
 *    pointer a migration has made stale, attach_locked sets the update bit
 *    in css_set_move_task()'s critical section instead of in ->attach().
 *  - memcg.task_cache=on (Roman Gushchin's aside): an objcg lookup starts
 *    from a lazily updated memcg pointer in the task (holding a css
 *    reference) instead of the walk through the css_set.  It serves the
 *    objcg lookups only; page-cache and mm->owner charging keep the walk.
 *    A removed cgroup stays dying until its last task that cached it
 *    allocates again or exits.
 *  - the cgroup2 mount option nomigrate (Roman's larger idea, enforced in
 *    kernel/cgroup.c): tasks never move, so nothing sets the update bit
 *    behind a task's back: the cached pointers are plain stores, and the
 *    fork design needs no lock.
 *
 * The kernel design's costs are counted per memcg (the task's, at the
 * time; the model has neither locks nor per-CPU reference counters):
 * reference operations, objcg lookups, css_set walks, atomics, RCU read
 * sections, css_set_lock acquisitions on the fork, exit and migration
 * paths, the design's work done under that lock, and their virtual time
 * from the cost table (counted, not stalled for: nanoseconds that would
 * only shift every scenario's timing).  /sys/kernel/debug/memcglab/
 * task_cache shows them, a line per cgroup.
 *
 * Differences: no interrupt context (no int_active_memcg); the scenario
 * itself (mkdir) runs with no task and set_active_memcg() then uses a
 * machine-wide slot.
 */
#include "memcontrol.h"

#include "include/kernfs.h"
#include "include/machine.h"
#include "include/sched.h"
#include "mm/smemcg.h"
#include "lib/strbuf.h"

/* ---- what the designs cost ---- */

static u64 tc_op_ns(const struct cost_table *c, enum tc_op op)
{
	switch (op) {
	case TC_REFOP:		return c->ref_ns;
	case TC_LOOKUP:		return c->lookup_ns;
	case TC_CSET_WALK:	return c->cset_walk_ns;
	case TC_ATOMIC:		return c->atomic_ns;
	case TC_RCU:		return c->rcu_ns;
	case TC_LOCK:		return c->lock_ns;
	default:		return 0;	/* TC_LOCKED: its op is counted */
	}
}

/* Counted for the task's memcg; a task not (or no longer) in a cgroup
 * does nothing the designs differ in. */
static void tc_count(struct task_struct *t, enum tc_phase ph, enum tc_op op,
		     unsigned long n)
{
	struct task_cache_stat *st;

	if (!t->cgroup)
		return;
	st = &mem_cgroup_from_task(t)->tc_stat;
	st->ops[ph][op] += n;
	st->vtime_ns[ph] += n * tc_op_ns(&t->machine->cost, op);
}

static bool objcg_policy(struct machine *m, enum objcg_task_cache v)
{
	return m->policy.objcg_task_cache == v;
}

/*
 * A store to a cached pointer of the task that ->attach() may race with
 * (xchg, cmpxchg): an atomic, unless no task ever migrates (nomigrate).
 */
static void tc_store(struct task_struct *t)
{
	if (!t->machine->cgrp_opts.nomigrate)
		tc_count(t, TC_ALLOC, TC_ATOMIC, 1);
}

static void tc_get(struct task_struct *t, enum tc_phase ph,
		   struct obj_cgroup *objcg)
{
	obj_cgroup_get(objcg);
	tc_count(t, ph, TC_REFOP, 1);
}

static void tc_put(struct task_struct *t, enum tc_phase ph,
		   struct obj_cgroup *objcg)
{
	obj_cgroup_put(objcg);
	tc_count(t, ph, TC_REFOP, 1);
}

/* ---- the memcg an objcg lookup starts from ---- */

static void task_memcg_drop(struct task_struct *t, enum tc_phase ph)
{
	struct mem_cgroup *old;

	old = (void *)(t->cached_memcg & ~CURRENT_OBJCG_UPDATE_FLAG);
	t->cached_memcg = 0;
	if (!old)
		return;
	css_put(&old->css);
	tc_count(t, ph, TC_REFOP, 1);
}

/*
 * mem_cgroup_from_task(current), through the css_set; with
 * memcg.task_cache=on the task's cached pointer, looked up again after
 * fork and migration the way current_objcg_update() does the objcg.
 */
static struct mem_cgroup *task_memcg_lookup(struct task_struct *t)
{
	struct mem_cgroup *memcg;

	if (t->machine->policy.memcg_task_cache && t->cached_memcg &&
	    !(t->cached_memcg & CURRENT_OBJCG_UPDATE_FLAG))
		return (void *)t->cached_memcg;
	memcg = mem_cgroup_from_task(t);
	tc_count(t, TC_ALLOC, TC_CSET_WALK, 1);
	if (!t->machine->policy.memcg_task_cache)
		return memcg;
	tc_store(t);
	task_memcg_drop(t, TC_ALLOC);
	css_get(&memcg->css);
	tc_count(t, TC_ALLOC, TC_REFOP, 1);
	t->cached_memcg = (unsigned long)memcg;
	tc_store(t);
	return memcg;
}

/* Under rcu_read_lock(): the first objcg from @memcg up whose tryget works. */
static struct obj_cgroup *task_objcg_lookup(struct task_struct *t,
					    struct mem_cgroup *memcg)
{
	struct machine *m = t->machine;
	unsigned long refops = m->objcg_refops;
	struct obj_cgroup *objcg = __get_obj_cgroup_from_memcg(memcg);

	tc_count(t, TC_ALLOC, TC_LOOKUP, 1);
	tc_count(t, TC_ALLOC, TC_REFOP, m->objcg_refops - refops);
	return objcg;
}

/* ---- which objcg pays ---- */

/* Drop the bit and the old reference, then look the objcg up again. */
static struct obj_cgroup *current_objcg_update(struct task_struct *t)
{
	struct obj_cgroup *old, *objcg;

	old = (void *)(t->objcg & ~CURRENT_OBJCG_UPDATE_FLAG);
	t->objcg = 0;
	tc_store(t);
	if (old)
		tc_put(t, TC_ALLOC, old);
	/* kernel threads charge nothing (the kernel tests !current->mm; a
	 * model task has an address space even while it is being built) */
	if (t->flags & PF_KTHREAD)
		return NULL;
	tc_count(t, TC_ALLOC, TC_RCU, 1);
	objcg = task_objcg_lookup(t, task_memcg_lookup(t));
	t->objcg = (unsigned long)objcg;
	tc_store(t);
	return objcg;
}

/* The objcg of the active memcg (set_active_memcg()) or an ancestor's. */
static struct obj_cgroup *active_memcg_objcg(struct mem_cgroup *memcg)
{
	for (; !mem_cgroup_is_root(memcg); memcg = parent_mem_cgroup(memcg))
		if (memcg->objcg)
			return memcg->objcg;
	return NULL;
}

/* The objcg a kernel allocation by the running context is charged to. */
struct obj_cgroup *current_obj_cgroup(struct machine *m)
{
	struct task_struct *t = m->current;
	struct mem_cgroup *memcg = t ? t->active_memcg : m->active_memcg;

	if (memcg)
		return active_memcg_objcg(memcg);
	if (!t)
		return NULL;
	if (t->objcg & CURRENT_OBJCG_UPDATE_FLAG)
		return current_objcg_update(t);
	return (void *)t->objcg;
}

/* objcg.task_cache=off, before 6.7: a referenced objcg per allocation. */
static struct obj_cgroup *get_obj_cgroup_from_current(struct machine *m)
{
	struct task_struct *t = m->current;
	struct mem_cgroup *memcg = t ? t->active_memcg : m->active_memcg;

	if (!t)
		return memcg ? __get_obj_cgroup_from_memcg(memcg) : NULL;
	if (!memcg && (t->flags & PF_KTHREAD))
		return NULL;
	tc_count(t, TC_ALLOC, TC_RCU, 1);
	return task_objcg_lookup(t, memcg ?: task_memcg_lookup(t));
}

/* The running task, if it is one whose costs are counted. */
static struct task_struct *tc_task(struct machine *m)
{
	return m->current && m->current->cgroup ? m->current : NULL;
}

/*
 * The objcg an accounted allocation of the running context is charged to,
 * or NULL.  *@held: the lookup's reference is the caller's (off), to hand
 * to its object or to drop with objcg_alloc_put(); otherwise the object
 * takes its own with objcg_alloc_get().
 */
struct obj_cgroup *objcg_alloc_begin(struct machine *m, bool *held)
{
	struct task_struct *t = tc_task(m);
	struct obj_cgroup *objcg;
	struct task_cache_stat *st;

	*held = objcg_policy(m, OBJCG_TASK_CACHE_OFF);
	objcg = *held ? get_obj_cgroup_from_current(m) : current_obj_cgroup(m);
	if (!objcg || !t)
		return objcg;
	mem_cgroup_from_task(t)->tc_stat.allocs++;
	st = &objcg->memcg->tc_stat;
	st->charged++;
	if (!t->active_memcg && objcg->memcg != mem_cgroup_from_task(t))
		st->foreign++;
	return objcg;
}

void objcg_alloc_get(struct machine *m, struct obj_cgroup *objcg)
{
	struct task_struct *t = tc_task(m);

	if (t)
		tc_get(t, TC_ALLOC, objcg);
	else
		obj_cgroup_get(objcg);
}

void objcg_alloc_put(struct machine *m, struct obj_cgroup *objcg)
{
	struct task_struct *t = tc_task(m);

	if (t)
		tc_put(t, TC_ALLOC, objcg);
	else
		obj_cgroup_put(objcg);
}

struct mem_cgroup *set_active_memcg(struct machine *m, struct mem_cgroup *memcg)
{
	struct mem_cgroup *old;

	if (!m->current) {
		old = m->active_memcg;
		m->active_memcg = memcg;
		return old;
	}
	old = m->current->active_memcg;
	m->current->active_memcg = memcg;
	return old;
}

/* ---- fork, migration, exit ---- */

/*
 * The fork design: the child keeps its parent's pointer, as
 * dup_task_struct() copied it, and a reference of its own, if the pointer
 * was valid and the child joined its parent's css_set; otherwise it looks
 * the objcg up lazily, as 6.12 does.
 */
static void mem_cgroup_inherit_objcg(struct task_struct *t, bool locked)
{
	unsigned long p = t->parent ? t->parent->objcg : 0;

	t->objcg = CURRENT_OBJCG_UPDATE_FLAG;
	if (!t->parent || (p & CURRENT_OBJCG_UPDATE_FLAG) ||
	    t->parent->cgroup != t->cgroup)
		return;
	t->objcg = p;
	if (!p)
		return;		/* the root's: nothing to pay, nothing to hold */
	tc_get(t, TC_FORK, (void *)p);
	if (locked)
		tc_count(t, TC_FORK, TC_LOCKED, 1);
}

/* fork_locked (seed 003's proposal): under cgroup_post_fork()'s lock. */
void mem_cgroup_fork_locked(struct task_struct *t)
{
	struct machine *m = t->machine;

	mem_cgroup_from_task(t)->tc_stat.forks++;
	tc_count(t, TC_FORK, TC_LOCK, 1);
	if (objcg_policy(m, OBJCG_TASK_CACHE_FORK) && !m->cgrp_opts.nomigrate)
		mem_cgroup_inherit_objcg(t, true);
}

/*
 * ->fork() (6.12's mem_cgroup_fork()): the objcg is looked up on the
 * child's first accounted allocation; under nomigrate the fork design
 * inherits it here, with no lock to take.
 */
void mem_cgroup_fork(struct task_struct *t)
{
	struct machine *m = t->machine;

	if (objcg_policy(m, OBJCG_TASK_CACHE_LAZY))
		t->objcg = CURRENT_OBJCG_UPDATE_FLAG;
	else if (objcg_policy(m, OBJCG_TASK_CACHE_FORK) &&
		 m->cgrp_opts.nomigrate)
		mem_cgroup_inherit_objcg(t, false);
	if (m->policy.memcg_task_cache)
		t->cached_memcg = CURRENT_OBJCG_UPDATE_FLAG;
}

/* Set the update bit of the task's cached pointers (set_bit()). */
static void task_cache_invalidate(struct task_struct *t, bool locked)
{
	struct machine *m = t->machine;
	unsigned int n = 0;

	if (!objcg_policy(m, OBJCG_TASK_CACHE_OFF)) {
		t->objcg |= CURRENT_OBJCG_UPDATE_FLAG;
		n++;
	}
	if (m->policy.memcg_task_cache) {
		t->cached_memcg |= CURRENT_OBJCG_UPDATE_FLAG;
		n++;
	}
	tc_count(t, TC_ATTACH, TC_ATOMIC, n);
	if (locked)
		tc_count(t, TC_ATTACH, TC_LOCKED, n);
}

/* attach_locked (proposal): right after css_set_move_task(), locked. */
void mem_cgroup_attach_locked(struct cgroup_subsys_state *css,
			      struct task_struct *t)
{
	mem_cgroup_from_task(t)->tc_stat.migrations++;
	tc_count(t, TC_ATTACH, TC_LOCK, 1);
	if (objcg_policy(t->machine, OBJCG_TASK_CACHE_FORK))
		task_cache_invalidate(t, true);
}

/* ->attach() (mem_cgroup_kmem_attach()): look up again when next needed. */
void mem_cgroup_attach(struct cgroup_subsys_state *css, struct task_struct *t)
{
	if (!objcg_policy(t->machine, OBJCG_TASK_CACHE_FORK))
		task_cache_invalidate(t, false);
	smemcg_task_attach(t);
}

/* ->exit(): drop the cached objcg and memcg (under cgroup_exit()'s lock). */
void mem_cgroup_exit_task(struct task_struct *t)
{
	struct obj_cgroup *objcg;

	objcg = (void *)(t->objcg & ~CURRENT_OBJCG_UPDATE_FLAG);
	t->objcg = 0;
	tc_count(t, TC_FORK, TC_LOCK, 1);
	if (objcg)
		tc_put(t, TC_FORK, objcg);
	task_memcg_drop(t, TC_FORK);
}

/* ---- /sys/kernel/debug/memcglab/task_cache (model only) ---- */

static unsigned long tc_ops(const struct task_cache_stat *st, enum tc_op op)
{
	unsigned long n = 0;
	int ph;

	for (ph = 0; ph < NR_TC_PHASES; ph++)
		n += st->ops[ph][op];
	return n;
}

static unsigned long per_1k(unsigned long n, unsigned long d)
{
	return d ? n * 1000 / d : 0;
}

static void task_cache_line(struct strbuf *sb, struct mem_cgroup *memcg)
{
	const struct task_cache_stat *st = &memcg->tc_stat;
	struct strbuf path = STRBUF_INIT;

	cgroup_path(memcg->css.cgroup, &path);
	sb_printf(sb, "%s forks=%lu allocs=%lu migrations=%lu charged=%lu "
		  "foreign=%lu", path.len > 1 ? path.buf + 1 : path.buf,
		  st->forks, st->allocs, st->migrations, st->charged,
		  st->foreign);
	sb_printf(sb, " refops_fork=%lu refops_alloc=%lu refops_attach=%lu"
		  " refops_per_1k_forks=%lu refops_per_1k_allocs=%lu",
		  st->ops[TC_FORK][TC_REFOP], st->ops[TC_ALLOC][TC_REFOP],
		  st->ops[TC_ATTACH][TC_REFOP],
		  per_1k(st->ops[TC_FORK][TC_REFOP], st->forks),
		  per_1k(st->ops[TC_ALLOC][TC_REFOP], st->allocs));
	sb_printf(sb, " lookups=%lu cset_walks=%lu atomics=%lu rcu=%lu"
		  " css_set_lock=%lu locked=%lu",
		  tc_ops(st, TC_LOOKUP), tc_ops(st, TC_CSET_WALK),
		  tc_ops(st, TC_ATOMIC), tc_ops(st, TC_RCU),
		  tc_ops(st, TC_LOCK), tc_ops(st, TC_LOCKED));
	sb_printf(sb, " vtime_fork_ns=%llu vtime_alloc_ns=%llu"
		  " vtime_attach_ns=%llu\n",
		  (unsigned long long)st->vtime_ns[TC_FORK],
		  (unsigned long long)st->vtime_ns[TC_ALLOC],
		  (unsigned long long)st->vtime_ns[TC_ATTACH]);
	sb_release(&path);
}

/* A line per online memcg, keyed by its cgroup's path ("/" the root). */
static int task_cache_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	struct mem_cgroup *root = of->machine->root_mem_cgroup;
	struct cgroup_subsys_state *css;

	for (css = &root->css; css; css = css_next_descendant_pre(css, &root->css))
		if (mem_cgroup_online(mem_cgroup_from_css(css)))
			task_cache_line(sb, mem_cgroup_from_css(css));
	return 0;
}

static const struct cftype task_cache_debug_files[] = {
	{ .name = "task_cache", .seq_show = task_cache_show },
	{ }	/* terminate */
};

int mem_cgroup_task_debugfs_init(struct machine *m)
{
	return debugfs_create_files(m, "memcglab", task_cache_debug_files);
}
