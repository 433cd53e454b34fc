/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The OOM killer (mm/oom_kill.c, include/linux/oom.h).
 */
#ifndef MEMCGLAB_MM_OOM_H
#define MEMCGLAB_MM_OOM_H

#include "lib/compiler.h"
#include "include/gfp.h"

struct machine;
struct mem_cgroup;
struct task_struct;

/*
 * Memcg OOM from the charge path: raise MEMCG_OOM and kill a task of
 * @memcg's subtree.  false if nothing could be done (order > 3, nothing
 * killable): the charge then fails.
 */
bool mem_cgroup_oom(struct mem_cgroup *memcg, gfp_t gfp_mask, int order);
/* The OOM round of a memory.max write (mem_cgroup_out_of_memory). */
bool mem_cgroup_out_of_memory(struct mem_cgroup *memcg, gfp_t gfp_mask,
			      int order);
/* Global OOM: the machine is out of memory and swap. */
bool out_of_memory(struct machine *m, gfp_t gfp_mask, int order);

#endif
