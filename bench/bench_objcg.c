// SPDX-License-Identifier: GPL-2.0
/*
 * bench_objcg: the cost seed 003 ("direct objcg pointer in task_struct")
 * is about.  The same allocation-heavy workload runs with
 * objcg.task_cache=on (6.12: the task's cached objcg, one reference per
 * object) and off (before 6.7: look the objcg up from the task's memcg
 * and take and drop a reference around every allocation):
 *
 *   a task in a cgroup stat()s N missing names (a dentry and an external
 *   name each: two accounted slab allocations), then drop_caches frees
 *   them all.
 *
 * Reported, per policy: obj_cgroup reference operations (get, tryget,
 * put) per accounted allocation, in the allocation phase and for the
 * whole round trip, and the host run time (CLOCK_MONOTONIC, best of a
 * few rounds, the policies interleaved), with the ratio off/on measured
 * in this one run.  In the model a reference operation is a plain
 * increment, where the kernel's is a per-CPU atomic, so the time ratio
 * says little about the kernel; the operation counts are exact.
 *
 *   bench_objcg [-n names] [-r rounds]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BENCH_NAME "bench_objcg"
#include "bench.h"
#include "include/machine.h"
#include "include/rcupdate.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "fs/dcache.h"
#include "include/kernfs.h"
#include "mm/slab.h"
#include "mm/vmscan.h"

struct result {
	double alloc_s, total_s;
	unsigned long allocs, alloc_refops, total_refops;
};

static struct machine *setup(bool task_cache, struct task_struct **tp)
{
	struct machine *m = bench_machine(1ULL << 30, 0);
	struct rig rig;

	m->policy.objcg_no_task_cache = !task_cache;
	rig_enter(&rig, m);
	*tp = rig.t;
	return m;
}

static int run_once(bool task_cache, unsigned long names, struct result *r)
{
	struct task_struct *t;
	struct machine *m = setup(task_cache, &t);
	unsigned long refops, allocs;
	double t0, t1, t2;

	if (!m)
		return -1;
	m->current = t;
	refops = m->objcg_refops;
	allocs = m->slab->accounted_allocs;
	t0 = clock_s(CLOCK_MONOTONIC);
	dentries_lookup_missing(m, names);
	t1 = clock_s(CLOCK_MONOTONIC);
	r->allocs = m->slab->accounted_allocs - allocs;
	r->alloc_refops = m->objcg_refops - refops;
	m->current = NULL;
	drop_slab(m);
	rcu_barrier(m);
	t2 = clock_s(CLOCK_MONOTONIC);
	r->total_refops = m->objcg_refops - refops;
	r->alloc_s = t1 - t0;
	r->total_s = t2 - t0;
	machine_destroy(m);
	return 0;
}

static void keep_best(struct result *best, const struct result *r, bool first)
{
	if (first || r->alloc_s < best->alloc_s)
		best->alloc_s = r->alloc_s;
	if (first || r->total_s < best->total_s)
		best->total_s = r->total_s;
	best->allocs = r->allocs;
	best->alloc_refops = r->alloc_refops;
	best->total_refops = r->total_refops;
}

static void report(const char *name, const struct result *r)
{
	printf("%-16s %10lu %12.3f %12.3f %10.1f %10.1f\n", name, r->allocs,
	       (double)r->alloc_refops / r->allocs,
	       (double)r->total_refops / r->allocs,
	       r->alloc_s * 1e9 / r->allocs, r->total_s * 1e9 / r->allocs);
}

int main(int argc, char **argv)
{
	unsigned long names = 200000;
	struct result on, off, r;
	int rounds = 5, i, opt;

	while ((opt = getopt(argc, argv, "n:r:")) != -1) {
		if (opt == 'n')
			names = strtoul(optarg, NULL, 0);
		else if (opt == 'r')
			rounds = atoi(optarg);
		else
			return fprintf(stderr, "usage: %s [-n names] [-r rounds]\n",
				       argv[0]), 2;
	}
	for (i = 0; i < rounds; i++) {
		if (run_once(true, names, &r))
			return 1;
		keep_best(&on, &r, !i);
		if (run_once(false, names, &r))
			return 1;
		keep_best(&off, &r, !i);
	}
	printf("bench_objcg: %lu negative dentries (2 accounted allocations "
	       "each), best of %d rounds\n", names, rounds);
	printf("%-16s %10s %12s %12s %10s %10s\n", "objcg.task_cache",
	       "allocs", "refops/alloc", "+free/alloc", "ns/alloc", "+free ns");
	report("on (6.12)", &on);
	report("off", &off);
	printf("ratio off/on: refops/alloc %.2f, run time %.3f (alloc phase), "
	       "%.3f (alloc + free)\n",
	       ((double)off.alloc_refops / off.allocs) /
	       ((double)on.alloc_refops / on.allocs),
	       off.alloc_s / on.alloc_s, off.total_s / on.total_s);
	return 0;
}
