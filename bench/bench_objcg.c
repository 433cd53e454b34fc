// SPDX-License-Identifier: GPL-2.0
/*
 * bench_objcg: seed 003's designs ("direct objcg pointer in task_struct"
 * and every alternative its thread raised), each on the same two
 * workloads, in one run:
 *
 *   allocation-heavy: a task in a cgroup stat()s N missing names (a
 *   dentry and an external name each: two accounted slab allocations);
 *   fork-heavy: the task forks F children one after the other, each
 *   looks up one missing name (two allocations) and exits.
 *
 * Reported per design: the host run time per accounted allocation and per
 * fork (CLOCK_MONOTONIC, best of a few rounds, the designs interleaved),
 * with its ratio to 6.12's (lazy), and next to it what the kernel design
 * would do, counted by the model (mm/memcontrol_task.c): reference
 * operations per allocation, per fork (the child's allocations included)
 * and the virtual time the cost table gives them.  The model does the
 * kernel's atomics and per-CPU references as plain increments and a fork
 * costs it microseconds, so the host ratios say little about the kernel;
 * the counts are exact.
 *
 *   bench_objcg [-n names] [-f forks] [-r rounds]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BENCH_NAME "bench_objcg"
#include "bench.h"
#include "include/entry-common.h"
#include "fs/dcache.h"

struct design {
	const char *name;
	enum objcg_task_cache objcg;
	bool memcg, nomigrate;
};

static const struct design designs[] = {
	{ "lazy (6.12)", OBJCG_TASK_CACHE_LAZY, false, false },
	{ "off", OBJCG_TASK_CACHE_OFF, false, false },
	{ "fork", OBJCG_TASK_CACHE_FORK, false, false },
	{ "lazy+memcg", OBJCG_TASK_CACHE_LAZY, true, false },
	{ "off+memcg", OBJCG_TASK_CACHE_OFF, true, false },
	{ "fork+memcg", OBJCG_TASK_CACHE_FORK, true, false },
	{ "lazy nomigrate", OBJCG_TASK_CACHE_LAZY, false, true },
	{ "fork nomigrate", OBJCG_TASK_CACHE_FORK, false, true },
};

#define NR_DESIGNS	ARRAY_SIZE(designs)

struct phase {
	double s;		/* host seconds, best round */
	unsigned long n;	/* allocations or forks */
	unsigned long refops;
	u64 vns;		/* the design's virtual ns */
};

struct result {
	struct phase alloc, fork;
};

static void setup(const struct design *d, struct rig *rig)
{
	struct machine *m = bench_machine(256ULL << 20, 0);

	bench_populate(m);	/* no host first-touch faults in the timing */
	m->policy.objcg_task_cache = d->objcg;
	m->policy.memcg_task_cache = d->memcg;
	m->cgrp_opts.nomigrate = d->nomigrate;
	rig_enter(rig, m);
}

static unsigned long refops(const struct task_cache_stat *st)
{
	return st->ops[TC_FORK][TC_REFOP] + st->ops[TC_ALLOC][TC_REFOP];
}

static u64 vns(const struct task_cache_stat *st)
{
	return st->vtime_ns[TC_FORK] + st->vtime_ns[TC_ALLOC];
}

static void measure(struct phase *p, const struct task_cache_stat *before,
		    const struct task_cache_stat *after, double s,
		    unsigned long n)
{
	p->s = s;
	p->n = n;
	p->refops = refops(after) - refops(before);
	p->vns = vns(after) - vns(before);
}

/* @forks children of the rig's task, each one name, then exit. */
static void fork_children(struct rig *rig, unsigned long forks)
{
	struct machine *m = rig->m;
	unsigned long i;
	int err;

	for (i = 0; i < forks; i++) {
		struct task_struct *c = task_fork(rig->t, "child", &err);
		struct task_struct *prev;

		if (!c)
			fail("task_fork", err);
		prev = enter_task(m, c);
		dentries_lookup_missing(m, 1);
		leave_task(m, prev);
		task_exit(c);
	}
}

static void run_once(const struct design *d, unsigned long names,
		     unsigned long forks, struct result *r)
{
	struct task_cache_stat st0, st1;
	struct rig rig;
	double t0, t1;

	setup(d, &rig);
	st0 = rig.memcg->tc_stat;
	t0 = clock_s(CLOCK_MONOTONIC);
	dentries_lookup_missing(rig.m, names);
	t1 = clock_s(CLOCK_MONOTONIC);
	st1 = rig.memcg->tc_stat;
	measure(&r->alloc, &st0, &st1, t1 - t0, st1.allocs - st0.allocs);
	t0 = clock_s(CLOCK_MONOTONIC);
	fork_children(&rig, forks);
	t1 = clock_s(CLOCK_MONOTONIC);
	st0 = rig.memcg->tc_stat;
	measure(&r->fork, &st1, &st0, t1 - t0, st0.forks - st1.forks);
	rig_destroy(&rig);
}

static void keep_best(struct result *best, const struct result *r, bool first)
{
	double alloc_s = first ? r->alloc.s : min(best->alloc.s, r->alloc.s);
	double fork_s = first ? r->fork.s : min(best->fork.s, r->fork.s);

	*best = *r;
	best->alloc.s = alloc_s;
	best->fork.s = fork_s;
}

static void report(const struct design *d, const struct result *r,
		   const struct result *base)
{
	const struct phase *a = &r->alloc, *f = &r->fork;

	printf("%-15s %7.3f %8.1f %6.2f %7.3f   %7.3f %8.2f %6.2f %8.3f\n",
	       d->name, (double)a->refops / a->n, a->s * 1e9 / a->n,
	       a->s / base->alloc.s, (double)a->vns / a->n,
	       (double)f->refops / f->n, f->s * 1e6 / f->n,
	       f->s / base->fork.s, (double)f->vns / f->n);
}

int main(int argc, char **argv)
{
	unsigned long names = 100000, forks = 5000;
	struct result best[NR_DESIGNS], r;
	int rounds = 5, i, opt;
	size_t k;

	while ((opt = getopt(argc, argv, "n:f:r:")) != -1) {
		if (opt == 'n')
			names = strtoul(optarg, NULL, 0);
		else if (opt == 'f')
			forks = strtoul(optarg, NULL, 0);
		else if (opt == 'r')
			rounds = atoi(optarg);
		else
			return fprintf(stderr, "usage: %s [-n names] [-f forks] [-r rounds]\n",
				       argv[0]), 2;
	}
	if (!names || !forks || rounds < 1)
		return fprintf(stderr, "%s: -n, -f and -r must be positive\n",
			       argv[0]), 2;
	for (i = 0; i < rounds; i++)
		for (k = 0; k < NR_DESIGNS; k++) {
			run_once(&designs[k], names, forks, &r);
			keep_best(&best[k], &r, !i);
		}
	printf("bench_objcg: %lu missing names (2 accounted allocations each), "
	       "then %lu forks of a child that looks up one name and exits; "
	       "best of %d rounds\n", names, forks, rounds);
	printf("%-15s %7s %8s %6s %7s   %7s %8s %6s %8s\n", "design",
	       "ref/al", "ns/al", "x6.12", "vns/al", "ref/fk", "us/fk",
	       "x6.12", "vns/fk");
	for (k = 0; k < NR_DESIGNS; k++)
		report(&designs[k], &best[k], &best[0]);
	printf("ns/al, us/fk: host time per allocation, per fork (the child's "
	       "allocations and exit included); x6.12: its ratio to lazy's in "
	       "this run;\nref/al, ref/fk: the design's reference operations; "
	       "vns: its virtual time from the cost table\n");
	return 0;
}
