// SPDX-License-Identifier: GPL-2.0
/*
 * Seed 003's designs (mm/memcontrol_task.c), operation by operation: what
 * one child's life and one migration cost in each, as counted for its
 * memcg.  The expected counts follow from each design's steps, spelled out
 * at each case:
 *
 *   the child's life: a task of cgroup A forks a child (the parent runs the
 *   fork: 4 kernel-stack pages and the child's page-table root, 5 kmem
 *   pages through the parent's cached objcg, one get each), the child looks
 *   up one missing name (a dentry and its external name: 2 slab objects)
 *   and exits.  6.12 (lazy): the child's first allocation drops the update
 *   bit (xchg) and looks the objcg up (an RCU section, the css_set walk,
 *   one lookup and its tryget) and installs it (cmpxchg); each object takes
 *   a get; the exit puts the cached objcg.  Fork and exit each take
 *   css_set_lock once.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"
#include "fixture.h"
#include "include/entry-common.h"
#include "include/machine.h"
#include "fs/dcache.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "mm/memcontrol.h"

struct design {
	const char *name;
	enum objcg_task_cache objcg;
	bool memcg, nomigrate;
};

/* The counts of one case, as expected. */
struct want {
	unsigned long refops_fork, refops_alloc, lookups, cset_walks;
	unsigned long atomics, rcu, locks, locked;
};

static struct machine *setup(const struct design *d, struct task_struct **p)
{
	struct machine *m = boot_machine(256ULL << 20, 1);

	m->policy.objcg_task_cache = d->objcg;
	m->policy.memcg_task_cache = d->memcg;
	m->cgrp_opts.nomigrate = d->nomigrate;
	wr(m, "/cgroup.subtree_control", "+memory");
	if (cgroup_mkdir(m, "A") || cgroup_mkdir(m, "B")) {
		printf("Bail out! mkdir\n");
		exit(1);
	}
	*p = spawn(m, "p", "A");
	return m;
}

static unsigned long ops(const struct task_cache_stat *st, enum tc_op op)
{
	return st->ops[TC_FORK][op] + st->ops[TC_ALLOC][op] +
	       st->ops[TC_ATTACH][op];
}

/* The counts in @b minus @a, against @w. */
static void check(const char *what, const struct design *d,
		  const struct task_cache_stat *a,
		  const struct task_cache_stat *b, const struct want *w,
		  const struct cost_table *c)
{
	unsigned long refops = ops(b, TC_REFOP) - ops(a, TC_REFOP);
	u64 vns = 0;
	int ph;

	is_long(b->ops[TC_FORK][TC_REFOP] - a->ops[TC_FORK][TC_REFOP],
		w->refops_fork, "%s, %s: reference operations at fork and exit",
		d->name, what);
	is_long(b->ops[TC_ALLOC][TC_REFOP] - a->ops[TC_ALLOC][TC_REFOP],
		w->refops_alloc, "%s, %s: ... for the allocations", d->name, what);
	is_long(ops(b, TC_LOOKUP) - ops(a, TC_LOOKUP), w->lookups,
		"%s, %s: objcg lookups", d->name, what);
	is_long(ops(b, TC_CSET_WALK) - ops(a, TC_CSET_WALK), w->cset_walks,
		"%s, %s: css_set walks", d->name, what);
	is_long(ops(b, TC_ATOMIC) - ops(a, TC_ATOMIC), w->atomics,
		"%s, %s: atomics", d->name, what);
	is_long(ops(b, TC_RCU) - ops(a, TC_RCU), w->rcu,
		"%s, %s: RCU sections", d->name, what);
	is_long(ops(b, TC_LOCK) - ops(a, TC_LOCK), w->locks,
		"%s, %s: css_set_lock acquisitions", d->name, what);
	is_long(ops(b, TC_LOCKED) - ops(a, TC_LOCKED), w->locked,
		"%s, %s: the design's operations under css_set_lock",
		d->name, what);
	for (ph = 0; ph < NR_TC_PHASES; ph++)
		vns += b->vtime_ns[ph] - a->vtime_ns[ph];
	is_long(vns, refops * c->ref_ns + w->lookups * c->lookup_ns +
		w->cset_walks * c->cset_walk_ns + w->atomics * c->atomic_ns +
		w->rcu * c->rcu_ns + w->locks * c->lock_ns,
		"%s, %s: virtual time, each operation at the cost table's price",
		d->name, what);
}

static void child_life(const struct design *d, const struct want *w)
{
	struct task_struct *p, *c, *prev;
	struct machine *m = setup(d, &p);
	struct mem_cgroup *memcg = memcg_of(m, "A");
	struct task_cache_stat before = memcg->tc_stat;
	int err;

	c = task_fork(p, "c", &err);
	if (!c) {
		printf("Bail out! task_fork: %d\n", err);
		exit(1);
	}
	prev = enter_task(m, c);
	dentries_lookup_missing(m, 1);
	leave_task(m, prev);
	task_exit(c);
	is_long(memcg->tc_stat.forks - before.forks, 1, "%s: one fork", d->name);
	is_long(memcg->tc_stat.allocs - before.allocs, 7,
		"%s: 7 accounted allocations (5 pages, 2 objects)", d->name);
	is_long(memcg->tc_stat.foreign, 0, "%s: all charged to A", d->name);
	check("a child's life", d, &before, &memcg->tc_stat, w, &m->cost);
	destroy_machine(m);
}

static void migration(const struct design *d, const struct want *w)
{
	struct task_struct *p;
	struct machine *m = setup(d, &p);
	struct mem_cgroup *memcg = memcg_of(m, "B");
	struct task_cache_stat before = memcg->tc_stat;

	is_long(cgroup_attach_task(cgroup_lookup(m, "B"), p),
		d->nomigrate ? -EOPNOTSUPP : 0, "%s: move to B", d->name);
	check("a migration", d, &before, &memcg->tc_stat, w, &m->cost);
	destroy_machine(m);
}

int main(void)
{
	static const struct design
		lazy = { "lazy", OBJCG_TASK_CACHE_LAZY, false, false },
		off = { "off", OBJCG_TASK_CACHE_OFF, false, false },
		fork = { "fork", OBJCG_TASK_CACHE_FORK, false, false },
		lazy_memcg = { "lazy+memcg", OBJCG_TASK_CACHE_LAZY, true, false },
		off_memcg = { "off+memcg", OBJCG_TASK_CACHE_OFF, true, false },
		lazy_nm = { "lazy nomigrate", OBJCG_TASK_CACHE_LAZY, false, true },
		fork_nm = { "fork nomigrate", OBJCG_TASK_CACHE_FORK, false, true };

	/* 6.12, as in the header: 1 put at exit; 5 + 1 tryget + 2 gets */
	child_life(&lazy, &(struct want){ 1, 8, 1, 1, 2, 1, 2, 0 });
	/* no cache: each allocation an RCU section, a walk, a lookup with
	 * its tryget; a page keeps that reference, an object gets its own
	 * and the lookup's is put: 5 * 1 + 2 * 3 */
	child_life(&off, &(struct want){ 0, 11, 7, 7, 0, 7, 2, 0 });
	/* inherited: a get under the fork's lock, no lookup at all */
	child_life(&fork, &(struct want){ 2, 7, 0, 0, 0, 0, 2, 1 });
	/* lazy, and the cached memcg looked up once too (xchg, cmpxchg, a
	 * css get in the allocation, its put at exit) */
	child_life(&lazy_memcg, &(struct want){ 2, 9, 1, 1, 4, 1, 2, 0 });
	/* no cache, but the memcg cached: one walk instead of seven */
	child_life(&off_memcg, &(struct want){ 1, 12, 7, 1, 2, 7, 2, 0 });
	/* nothing migrates: the cached pointer's stores are plain */
	child_life(&lazy_nm, &(struct want){ 1, 8, 1, 1, 0, 1, 2, 0 });
	/* ... and the fork design needs no lock for its get */
	child_life(&fork_nm, &(struct want){ 2, 7, 0, 0, 0, 0, 2, 0 });

	/* ->attach() sets the update bit (set_bit) after the lock */
	migration(&lazy, &(struct want){ 0, 0, 0, 0, 1, 0, 1, 0 });
	/* nothing cached, nothing to mark */
	migration(&off, &(struct want){ 0, 0, 0, 0, 0, 0, 1, 0 });
	/* attach_locked marks it under the lock */
	migration(&fork, &(struct want){ 0, 0, 0, 0, 1, 0, 1, 1 });
	/* both cached pointers are marked */
	migration(&lazy_memcg, &(struct want){ 0, 0, 0, 0, 2, 0, 1, 0 });
	/* refused: nothing happens */
	migration(&lazy_nm, &(struct want){ 0, 0, 0, 0, 0, 0, 0, 0 });
	return done_testing();
}
