/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pressure stall information (kernel/sched/psi.c): time tasks spend
 * stalled on memory (reclaim, throttling) and on I/O, per cgroup, shown
 * in {memory,io,cpu}.pressure and /proc/pressure/.
 */
#ifndef MEMCGLAB_KERNEL_PSI_H
#define MEMCGLAB_KERNEL_PSI_H

#include "lib/compiler.h"
#include "include/psi_types.h"

struct machine;
struct cgroup;

/* Enter/leave a memory stall; nests.  Time passing inside is a stall. */
void psi_memstall_enter(struct machine *m);
void psi_memstall_leave(struct machine *m);
/* The clock moved by @ns while the current task ran: account stalls. */
void psi_account(struct machine *m, u64 ns);
/* The current task slept @ns waiting for I/O. */
void psi_account_iowait(struct machine *m, u64 ns);
/* A new cgroup's group: enabled, nothing stalled yet. */
void psi_cgroup_alloc(struct cgroup *cgrp);
/*
 * The next time a cgroup's pressure averages change with time alone
 * (they are folded in every 2 s, at read time), or UINT64_MAX when every
 * average has settled at zero: `wait until` need not look before.
 */
u64 psi_next_change(struct machine *m);
/* /proc/pressure/ (psi_proc_init). */
int psi_proc_init(struct machine *m);

#endif
