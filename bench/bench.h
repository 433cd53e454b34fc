/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the benchmarks share: a host clock, a wall+CPU stopwatch, and the
 * usual rig, a machine with one task in the memory-enabled cgroup "bench".
 * Each benchmark is one C file; define BENCH_NAME before including this.
 */
#ifndef MEMCGLAB_BENCH_H
#define MEMCGLAB_BENCH_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "host_rusage.h"
#include "include/machine.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "include/kernfs.h"
#include "mm/memcontrol.h"
#include "include/mmzone.h"

#ifndef BENCH_NAME
#error "define BENCH_NAME before including bench.h"
#endif

static inline double clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct stopwatch {
	double wall, cpu;
};

static inline void sw_start(struct stopwatch *sw)
{
	sw->wall = clock_s(CLOCK_MONOTONIC);
	sw->cpu = clock_s(CLOCK_THREAD_CPUTIME_ID);
}

/* Turn @sw into the elapsed wall and CPU seconds since sw_start(). */
static inline void sw_stop(struct stopwatch *sw)
{
	sw->wall = clock_s(CLOCK_MONOTONIC) - sw->wall;
	sw->cpu = clock_s(CLOCK_THREAD_CPUTIME_ID) - sw->cpu;
}

static inline void __attribute__((noreturn)) fail(const char *what, int err)
{
	fprintf(stderr, BENCH_NAME ": %s%s%s\n", what, err ? ": " : "",
		err ? strerror(-err) : "");
	exit(1);
}

/* 2 CPUs, one node, a 64 MiB disk, seed 1. */
static inline struct machine *bench_machine(u64 memory, u64 swap)
{
	struct machine_config cfg = {
		.memory_bytes = memory,
		.nr_cpus = 2,
		.nr_nodes = 1,
		.swap_bytes = swap,
		.disk_bytes = 64ull << 20,
		.seed = 1,
	};
	struct machine *m = machine_create(&cfg);

	if (!m)
		fail("machine_create", -ENOMEM);
	return m;
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/*
 * Back every frame of @m with host memory now, so that no timed step pays
 * the host's first-touch fault (frames the model hands out for the first
 * time, e.g. zspages, would otherwise cost a host page clear each).
 */
static inline void bench_populate(struct machine *m)
{
	if (madvise(m->phys.base, m->phys.nr_pages << PAGE_SHIFT,
		    MADV_POPULATE_WRITE))
		fail("madvise(MADV_POPULATE_WRITE)", -errno);
}

struct rig {
	struct machine *m;
	struct task_struct *t;
	struct mem_cgroup *memcg;
};

/*
 * Enable the memory controller on @m, make "bench", spawn a task in it and
 * run as that task.  Set policies on @m before: the task takes its objcg
 * cache at spawn.
 */
static inline void rig_enter(struct rig *r, struct machine *m)
{
	int err;

	r->m = m;
	if (kernfs_write_path(m, "/cgroup.subtree_control", "+memory", 7) != 7)
		fail("enabling the memory controller", 0);
	err = cgroup_mkdir(m, "bench");
	if (err)
		fail("mkdir bench", err);
	r->t = task_spawn(m, "bench", cgroup_lookup(m, "bench"), &err);
	if (!r->t)
		fail("task_spawn", err);
	r->memcg = mem_cgroup_from_task(r->t);
	m->current = r->t;
}

static inline void rig_destroy(struct rig *r)
{
	r->m->current = NULL;
	machine_destroy(r->m);
}

#endif
