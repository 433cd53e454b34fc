// SPDX-License-Identifier: GPL-2.0
/*
 * Booting and running a simulated machine: the order of subsystem setup
 * follows start_kernel() loosely (memory, then the allocator, per-CPU
 * state, cgroups, filesystems, swap).  Time only moves through
 * machine_run_until(); background work runs with no current task, as
 * kernel threads do.
 */
#include "include/machine.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

#include "sim/physmem.h"
#include "kernel/cgroup.h"
#include "kernel/psi.h"
#include "kernel/task.h"
#include "fs/dcache.h"
#include "include/kernfs.h"
#include "include/fs.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/page_alloc.h"
#include "mm/shrinker.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "mm/vmscan.h"
#include "mm/zswap.h"

static void cost_table_init(struct cost_table *c)
{
	c->fault_ns = 500;
	c->zero_page_ns = 250;
	c->copy_page_ns = 400;
	c->access_ns = 5;
	c->disk_read_ns = 100 * NSEC_PER_USEC;
	c->disk_write_ns = 100 * NSEC_PER_USEC;
	c->slab_scan_ns = 100;
}

static void vm_sysctl_init(struct vm_sysctl *vm)
{
	vm->swappiness = 60;
	vm->watermark_scale_factor = 10;
	vm->overcommit_memory = 0;
}

/* One frame that every read of untouched anonymous memory maps. */
static int zero_page_init(struct machine *m)
{
	struct folio *folio = folio_alloc(m, __GFP_ZERO, 0);

	if (!folio)
		return -ENOMEM;
	folio_set(folio, PG_reserved);
	m->zero_pfn = folio_pfn(m, folio);
	return 0;
}

static int machine_boot(struct machine *m)
{
	int err;

	err = physmem_init(m);
	if (!err)
		err = page_alloc_init(m);
	if (!err)
		kswapd_init(m);
	if (!err)
		err = zero_page_init(m);
	if (!err)
		err = lru_init(m);
	if (!err)
		err = kmem_cache_init(m);
	if (!err)
		err = mem_cgroup_init(m);
	if (!err)
		err = cgroup_init(m);
	if (!err)
		err = vfs_init(m);
	if (!err)
		err = dcache_init(m);
	if (!err)
		err = swap_init(m);
	if (!err)
		err = zswap_init(m);
	if (!err)
		writeback_init(m);
	return err;
}

struct machine *machine_create(const struct machine_config *cfg)
{
	struct machine *m;

	if (cfg->nr_cpus < 1 || cfg->nr_cpus > MACHINE_MAX_CPUS ||
	    cfg->nr_nodes < 1 || cfg->nr_nodes > MAX_NUMNODES)
		return NULL;
	m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->cfg = *cfg;
	m->nr_cpus = cfg->nr_cpus;
	clock_init(&m->clock);
	rcu_init(m);
	rng_seed(&m->rng, cfg->seed);
	INIT_LIST_HEAD(&m->tasks);
	INIT_LIST_HEAD(&m->open_files);
	INIT_LIST_HEAD(&m->memcg_list_lrus);
	shrinker_init(m);
	xa_init(&m->pids);
	m->next_pid = 100;
	vm_sysctl_init(&m->vm);
	cost_table_init(&m->cost);
	if (machine_boot(m)) {
		machine_destroy(m);
		return NULL;
	}
	return m;
}

void machine_destroy(struct machine *m)
{
	if (!m)
		return;
	kernfs_release_all(m);
	if (m->cgrp_root) {
		tasks_release(m);
		lru_add_drain_all(m);
		wb_shutdown(m);
		vfs_release(m);
		zswap_release(m);
		swap_cache_release(m);
		dcache_release(m);
		mem_cgroup_exit(m);
		cgroup_release_all(m);
	}
	dcache_release(m);
	wb_shutdown(m);
	vfs_release(m);
	zswap_release(m);
	swap_release(m);
	kmem_cache_release(m);
	shrinker_release(m);
	mem_cgroup_release(m);
	lru_release(m);
	physmem_release(m);
	clock_release(&m->clock);
	free(m);
}

void machine_run_until(struct machine *m, u64 when)
{
	struct task_struct *saved = m->current;
	struct sim_event *ev;

	m->current = NULL;
	while ((ev = clock_peek(&m->clock)) && ev->when <= when) {
		clock_pop(&m->clock);
		m->clock.now = ev->when;
		ev->fn(m, ev);
	}
	if (m->clock.now < when)
		m->clock.now = when;
	m->current = saved;
}

void machine_stall(struct machine *m, u64 ns)
{
	machine_run_until(m, m->clock.now + ns);
	psi_account(m, ns);
}

void machine_bug(struct machine *m, const char *fmt, ...)
{
	va_list ap;

	m->nr_bugs++;
	fprintf(stderr, "memcglab: BUG: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
