/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the unit tests that need a whole machine share: boot one, read and
 * write its interface files by path, and find cgroups, memcgs and tasks.
 * Failures to set up the fixture end the test with "Bail out!", as TAP
 * wants; failures of the code under test are returned, never hidden.
 */
#ifndef MEMCGLAB_TESTS_FIXTURE_H
#define MEMCGLAB_TESTS_FIXTURE_H

#include "lib/compiler.h"

struct machine;
struct mem_cgroup;
struct task_struct;
struct vm_area_struct;

/* 2 CPUs, no swap, a 256 MiB disk, seed 1. */
struct machine *boot_machine(u64 memory_bytes, int nr_nodes);
/* The same with a swap device of @swap_bytes. */
struct machine *boot_machine_swap(u64 memory_bytes, int nr_nodes,
				  u64 swap_bytes);
/* ... on a device of that kind (enum swapdev_kind: SWAPDEV_ZRAM's writes
 * complete in the caller). */
struct machine *boot_machine_swapdev(u64 memory_bytes, int nr_nodes,
				     u64 swap_bytes, int swapdev);

/*
 * machine_destroy() as a test: it fails if a model bug (include/bug.h) was
 * reported over the machine's life, its teardown included.  A test that
 * provokes bugs on purpose subtracts them from m->nr_bugs first.
 */
#define destroy_machine(m)						\
	is_long(machine_destroy(m), 0, "no model bug reported")

long wr(struct machine *m, const char *path, const char *s);
/* The file's content, or "ERR <errno>"; valid until the 8th next call. */
const char *rd(struct machine *m, const char *path);
/* A single-number file; -1 if unreadable. */
long num(struct machine *m, const char *path);
/* The value of a "name value" line; -1 if absent or unreadable. */
long key(struct machine *m, const char *path, const char *name);
/* key() of @cg's memory.stat / cgroup.stat; "" is the root. */
long memstat(struct machine *m, const char *cg, const char *name);
long cgstat(struct machine *m, const char *cg, const char *name);

struct task_struct *spawn(struct machine *m, const char *name, const char *cg);
/* The memcg of @cg (NULL if it has none), not referenced. */
struct mem_cgroup *memcg_of(struct machine *m, const char *cg);
/* The same, referenced, so that it survives an rmdir in the test. */
struct mem_cgroup *memcg_get(struct machine *m, const char *cg);

/* @t maps @pages of the tmpfs file @path (made that long), shared; NULL. */
struct vm_area_struct *map_shmem(struct machine *m, struct task_struct *t,
				 const char *path, unsigned long pages);
/* @t reads (writes) page @i of @vma as its CPU would: false if it failed. */
bool task_access(struct machine *m, struct task_struct *t,
		 struct vm_area_struct *vma, unsigned long i, bool write);

#endif
