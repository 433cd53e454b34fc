// SPDX-License-Identifier: GPL-2.0
/*
 * Booting a simulated machine and tearing it down (init/main.c): the
 * hardware first (clock, RCU, RAM), then each subsystem's init in
 * start_kernel()'s order: memory management, the memory controller and
 * the cgroup core, filesystems, swap and zswap, the flusher.  Teardown
 * undoes it in reverse, after the processes and cgroups are gone.
 */
#include "include/writeback.h"
#include "include/machine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "include/fault-inject.h"
#include "include/rcupdate.h"
#include "lib/strbuf.h"
#include "kernel/cgroup.h"
#include "kernel/psi.h"
#include "kernel/task.h"
#include "fs/dcache.h"
#include "fs/proc.h"
#include "include/kernfs.h"
#include "include/fs.h"
#include "include/shmem_fs.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/shrinker.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"
#include "mm/zswap.h"

static void cost_table_init(struct cost_table *c)
{
	c->fault_ns = 500;
	c->zero_page_ns = 250;
	c->fill_page_ns = 1000;
	c->copy_page_ns = 400;
	c->access_ns = 5;
	c->disk_read_ns = 100 * NSEC_PER_USEC;
	c->disk_write_ns = 100 * NSEC_PER_USEC;
	/* 512 MB/s: a SATA SSD's sequential writes (pages are batched) */
	c->disk_page_ns = 8 * NSEC_PER_USEC;
	/*
	 * The swap disk is never the bottleneck, as the kernel backend's
	 * virtio disk is not to its emulated CPUs: 200 us a request, and a
	 * transfer rate beyond what the model's tasks ask of it.
	 */
	c->swap_read_ns = 200 * NSEC_PER_USEC;
	c->swap_write_ns = 200 * NSEC_PER_USEC;
	c->swap_page_ns = 100;
	c->slab_scan_ns = 100;
	/* isolation, the rmap walk and unmapping, the swap slot: about a
	 * microsecond a folio on a 6.12 x86-64 */
	c->lru_scan_ns = 500;
	/*
	 * pagemap's costs, from the thread of seed 004 (Tiberiu Georgescu,
	 * 2021-07-30: 16 GiB of shmem, 4 Mi entries): one-entry reads took
	 * 10.2 s, so a read(2) costs 2.4 us; 1024-entry reads 0.10 s, so an
	 * entry 24 ns; the page-cache lookup doubled that, 24 ns more.  Peter
	 * Xu's RFC measured 0.82% on a 1.98 us shmem swap-in: 16 ns a marker.
	 */
	c->pagemap_read_ns = 2400;
	c->pagemap_entry_ns = 24;
	c->pagecache_lookup_ns = 24;
	c->pte_marker_ns = 16;
	/*
	 * Seed 003's designs, per operation on one uncontended x86-64 core
	 * at about 3 GHz, all data in L1: orders of magnitude, not
	 * measurements.  A lock-prefixed read-modify-write takes about 20
	 * cycles; a per-CPU reference is a plain per-CPU add; an RCU read
	 * section of a non-preemptible kernel is two compiler barriers; the
	 * css_set walk is two dependent loads; an uncontended spin_lock_irq
	 * and its unlock are an atomic, a store and the irq flag.
	 */
	c->ref_ns = 1;
	c->atomic_ns = 6;
	c->rcu_ns = 1;
	c->cset_walk_ns = 2;
	c->lookup_ns = 1;
	c->lock_ns = 20;
}

static void vm_sysctl_init(struct vm_sysctl *vm)
{
	vm->swappiness = 60;
	vm->watermark_scale_factor = 10;
	vm->overcommit_memory = 0;
	vm->dirty_ratio = 20;
	vm->dirty_background_ratio = 10;
	vm->dirty_expire_centisecs = 3000;
	vm->dirty_writeback_centisecs = 500;
	vm->page_cluster = 3;		/* swap_setup(): 2 below 16 MiB */
}

/* @v bytes in the largest unit that divides it: "256G", "4K", "1000". */
static const char *size_str(char buf[24], u64 v)
{
	int u = 0;

	while (u < 4 && v && !(v & 1023)) {
		v >>= 10;
		u++;
	}
	snprintf(buf, 24, "%llu%.*s", (unsigned long long)v, u ? 1 : 0,
		 &"KMGT"[u ? u - 1 : 0]);
	return buf;
}

#define config_error(why, ...)						\
	((why) ? sb_printf(why, __VA_ARGS__) : (void)0, -EINVAL)

static int start_kernel(struct machine *m, struct strbuf *why)
{
	char size[24];
	int err;

	err = physmem_init(&m->phys, m->cfg.memory_bytes, m->cfg.nr_nodes,
			   m->cfg.nr_cpus, m->cfg.content_model);
	if (err)
		return config_error(why, "cannot boot the machine: out of host "
				    "memory");
	err = fault_inject_init(m);
	if (!err)
		err = mm_core_init(m);
	if (err == -ENOMEM)
		return config_error(why, "machine memory=%s cpus=%d nodes=%d: "
				    "too small to boot: what the kernel "
				    "reserves at boot leaves too little for "
				    "its first allocations",
				    size_str(size, m->cfg.memory_bytes),
				    m->cfg.nr_cpus, m->cfg.nr_nodes);
	if (!err)
		err = mem_cgroup_init(m);
	if (!err)
		err = cgroup_init(m);
	if (!err)
		err = vfs_init(m);
	if (!err)
		err = shmem_init(m);
	if (!err)
		err = proc_root_init(m);
	if (!err)
		err = psi_proc_init(m);
	if (!err)
		err = init_mm_internals(m);
	if (!err)
		err = dcache_init(m);
	if (!err)
		err = swap_init(m);
	if (!err)
		err = zswap_init(m);
	if (!err)
		writeback_init(m);
	if (!err)
		err = fault_around_debugfs(m);
	/* late_initcall()s: the fault-injection capabilities' files */
	if (!err)
		err = failslab_init(m);
	if (!err)
		err = fail_page_alloc_init(m);
	return err;
}

int machine_config_check(const struct machine_config *cfg, struct strbuf *why)
{
	char got[24], max[24];

	if (cfg->nr_cpus < 1 || cfg->nr_cpus > MACHINE_MAX_CPUS)
		return config_error(why, "machine cpus=%d: the model has 1 to "
				    "%d CPUs", cfg->nr_cpus, MACHINE_MAX_CPUS);
	if (cfg->nr_nodes < 1 || cfg->nr_nodes > MAX_NUMNODES)
		return config_error(why, "machine nodes=%d: the model has 1 to "
				    "%d NUMA nodes", cfg->nr_nodes, MAX_NUMNODES);
	size_str(got, cfg->memory_bytes);
	if (cfg->memory_bytes > MACHINE_MAX_MEMORY)
		return config_error(why, "machine memory=%s: the model boots at "
				    "most %s of RAM (the host's address space "
				    "holds its RAM and memory map)", got,
				    size_str(max, MACHINE_MAX_MEMORY));
	if (cfg->memory_bytes / cfg->nr_nodes < MACHINE_MIN_NODE_MEMORY)
		return config_error(why, "machine memory=%s: the model needs at "
				    "least %s of RAM per node", got,
				    size_str(max, MACHINE_MIN_NODE_MEMORY));
	if (cfg->swap_bytes > MACHINE_MAX_SWAP)
		return config_error(why, "machine swap=%s: the model has at most "
				    "%s of swap", size_str(got, cfg->swap_bytes),
				    size_str(max, MACHINE_MAX_SWAP));
	return 0;
}

struct machine *machine_boot(const struct machine_config *cfg,
			     struct strbuf *why)
{
	struct machine *m;

	if (machine_config_check(cfg, why))
		return NULL;
	m = calloc(1, sizeof(*m));
	if (!m) {
		(void)config_error(why, "cannot boot the machine: out of host "
				   "memory");
		return NULL;
	}
	m->cfg = *cfg;
	m->nr_cpus = cfg->nr_cpus;
	clock_init(&m->clock);
	rcu_init(&m->rcu, &m->clock);
	rng_seed(&m->rng, cfg->seed);
	INIT_LIST_HEAD(&m->tasks);
	INIT_LIST_HEAD(&m->users);
	INIT_LIST_HEAD(&m->open_files);
	INIT_LIST_HEAD(&m->memcg_list_lrus);
	INIT_LIST_HEAD(&m->smemcgs);
	shrinker_init(m);
	xa_init(&m->pids);
	m->next_pid = 100;
	vm_sysctl_init(&m->vm);
	cost_table_init(&m->cost);
	if (start_kernel(m, why)) {
		if (why && !why->len)
			sb_printf(why, "cannot boot the machine: out of host "
				  "memory or temporary file space");
		machine_destroy(m);
		return NULL;
	}
	return m;
}

struct machine *machine_create(const struct machine_config *cfg)
{
	return machine_boot(cfg, NULL);
}

unsigned long machine_destroy(struct machine *m)
{
	unsigned long bugs;

	if (!m)
		return 0;
	kernfs_release_all(m);
	if (m->cgrp_root) {
		tasks_release(m);
		users_release(m);
		lru_add_drain_all(m);
		wb_shutdown(m);
		/* writes it completed rotated folios through the CPUs' batches */
		lru_add_drain_all(m);
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
	free_area_release(m);
	physmem_release(&m->phys);
	fault_inject_release(m);
	clock_release(&m->clock);
	bugs = m->nr_bugs;
	free(m);
	return bugs;
}
