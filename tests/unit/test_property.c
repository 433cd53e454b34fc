// SPDX-License-Identifier: GPL-2.0
/*
 * A property test of whole sequences (issue 15): random sequences of
 * spawn, fork, mmap, touch (stores and loads), munmap, madvise (pageout,
 * cold, dontneed), mlock and munlock, move, kill, exit, limit writes,
 * mkdir and rmdir, memory.reclaim and time passing, over a small cgroup
 * tree, with swap and zswap on.  After every step mm_verify() must pass
 * and no model bug be reported; every page a load reads must hold what the
 * last store to it left there, by a shadow the test keeps itself (private
 * anonymous pages per process, copied at fork; memfd pages shared by all
 * who map them; a page never written reads zero); and at the end, with
 * every process gone, nothing may be left: no anon or shmem page, no swap
 * slot, no zswap entry, no charge of a live cgroup but kernel pages.
 *
 * With fault injection on (the second half), failslab, fail_page_alloc,
 * fail_make_request on the swap device and zswap's compressor fail at
 * random, with no filter: operations may fail (ENOMEM, a load or store
 * that gets SIGBUS on a failed swap read), but nothing may be lost: every
 * page read is still right and nothing stays charged.
 *
 *   build/tests/test_property                 a few thousand operations
 *   PROPERTY_SEEDS=200 PROPERTY_OPS=5000 build/tests/test_property
 *                                             a long run; prints the total
 *   PROPERTY_FIRST=N                          starting at seed N
 *   PROPERTY_TRACE=N                          --trace output from step N
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/rng.h"
#include "lib/strbuf.h"
#include "include/entry-common.h"
#include "include/fault-inject.h"
#include "include/fs.h"
#include "include/shmem_fs.h"
#include "include/machine.h"
#include "include/memory_model.h"
#include "include/sched.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "mm/debug.h"
#include "mm/mm.h"
#include "mm/swapfile.h"
#include "fixture.h"
#include "tap.h"

#define NPROC		6
#define NREG		4
#define MAX_PAGES	128

static const char *const cgroups[] = { "A/B", "A/C", "D", "A" };
#define NLEAF	3		/* processes live in the first three */

/* What a region's pages must hold: tags, shared by a memfd's mappers. */
struct obj {
	int refs;
	unsigned int npages;
	u64 tag[MAX_PAGES];		/* 0: never written (zero) */
};

struct region {
	struct obj *obj;		/* NULL: not mapped */
	bool shared;			/* a memfd: the obj is shared */
};

struct proc {
	struct task_struct *t;		/* NULL: none, or gone */
	struct region reg[NREG];
};

struct prop {
	struct machine *m;
	struct rng rng;
	struct proc procs[NPROC];
	u64 next_tag;
	int next_name;
	bool faults;
	const char *failed;		/* the first broken property */
	char what[96];			/* the step running, for messages */
	unsigned long trace_from;	/* PROPERTY_TRACE: --trace from step N */
	unsigned long ops, loads, errors;
};

static unsigned int pick(struct prop *p, unsigned int n)
{
	return rng_below(&p->rng, n);
}

__attribute__((format(printf, 2, 3)))
static void note(struct prop *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->what, sizeof(p->what), fmt, ap);
	va_end(ap);
}

/* ---- the shadow ---- */

static void obj_put(struct obj *o)
{
	if (o && !--o->refs)
		free(o);
}

static struct obj *obj_new(unsigned int npages)
{
	struct obj *o = calloc(1, sizeof(*o));

	if (!o)
		abort();
	o->refs = 1;
	o->npages = npages;
	return o;
}

static void forget_proc(struct proc *pr)
{
	int r;

	for (r = 0; r < NREG; r++) {
		obj_put(pr->reg[r].obj);
		pr->reg[r].obj = NULL;
	}
	pr->t = NULL;
}

/* Processes that died (OOM kills) since the last step leave the shadow. */
static void reap(struct prop *p)
{
	int i;

	for (i = 0; i < NPROC; i++)
		if (p->procs[i].t && p->procs[i].t->life != TASK_ALIVE)
			forget_proc(&p->procs[i]);
}

static const char *region_name(int r)
{
	static const char *const names[NREG] = { "r0", "r1", "r2", "r3" };

	return names[r];
}

/* ---- running as a process ---- */

static struct proc *some_proc(struct prop *p)
{
	int i = pick(p, NPROC), k;

	for (k = 0; k < NPROC; k++, i = (i + 1) % NPROC)
		if (p->procs[i].t)
			return &p->procs[i];
	return NULL;
}

static struct proc *free_slot(struct prop *p)
{
	int i;

	for (i = 0; i < NPROC; i++)
		if (!p->procs[i].t)
			return &p->procs[i];
	return NULL;
}

/* Store (@write) or load page @i of region @r, as the process's CPU. */
static bool access_one(struct prop *p, struct proc *pr, int r,
		       struct vm_area_struct *vma, unsigned int i, bool write)
{
	struct region *rg = &pr->reg[r];
	unsigned long addr = vma->vm_start + ((unsigned long)i << PAGE_SHIFT);
	u8 *page;
	u64 got;

	if (user_access(vma, addr, write, &page) & VM_FAULT_ERROR)
		return false;	/* ENOMEM, or SIGBUS from a failed read */
	if (write) {
		u64 tag = ++p->next_tag;

		memcpy(page, &tag, 8);
		memcpy(page + PAGE_SIZE - 8, &tag, 8);
		rg->obj->tag[i] = tag;
		return true;
	}
	memcpy(&got, page, 8);
	p->loads++;
	if (got != rg->obj->tag[i] ||
	    memcmp(page + PAGE_SIZE - 8, &got, 8))
		p->failed = "a page read back is not what was stored";
	return true;
}

/* touch: a run of pages of a region, one access each, until one fails */
static void op_touch(struct prop *p, struct proc *pr, int r,
		     struct vm_area_struct *vma)
{
	unsigned int n = vma_pages(vma), first = pick(p, n);
	unsigned int len = 1 + pick(p, n - first), i;
	bool write = pick(p, 2);

	note(p, "%s: %s %s pages %u+%u", pr->t->comm, write ? "store" : "load",
	     region_name(r), first, len);
	for (i = first; i < first + len; i++) {
		struct task_struct *prev = enter_task(p->m, pr->t);
		bool done = access_one(p, pr, r, vma, i, write);

		exit_to_user_mode(p->m);
		leave_task(p->m, prev);
		if (!done || pr->t->life != TASK_ALIVE)
			break;
	}
}

static void op_mmap(struct prop *p, struct proc *pr, int r)
{
	unsigned int npages = 1 + pick(p, MAX_PAGES);
	bool memfd = pick(p, 3) == 0;
	struct inode *inode = NULL;
	struct vm_area_struct *vma;
	int err;

	note(p, "%s: mmap %s %s %u pages", pr->t->comm, region_name(r),
	     memfd ? "memfd" : "anon", npages);
	if (memfd) {
		inode = shmem_file_setup(p->m, (u64)npages << PAGE_SHIFT,
					 SHMEM_F_NORESERVE, &err);
		if (!inode)
			return;
	}
	err = do_mmap(pr->t->mm, region_name(r), memfd ? VMA_SHMEM : VMA_ANON,
		      inode, (u64)npages << PAGE_SHIFT, memfd, &vma);
	if (inode)
		iput(p->m, inode);	/* the mapping holds it now */
	if (err)
		return;
	pr->reg[r].obj = obj_new(npages);
	pr->reg[r].shared = memfd;
}

static void op_madvise(struct prop *p, struct proc *pr, int r,
		       struct vm_area_struct *vma)
{
	unsigned int i, advice = pick(p, 3);

	note(p, "%s: madvise %s %s", pr->t->comm, region_name(r),
	     (const char *[]){ "pageout", "cold", "dontneed" }[advice]);
	switch (advice) {
	case 0:
		madvise_pageout(vma, vma->vm_start, vma->vm_end);
		break;
	case 1:
		madvise_cold(vma, vma->vm_start, vma->vm_end);
		break;
	default:
		madvise_dontneed(vma, vma->vm_start, vma->vm_end);
		/* private anon: gone, reads zero; a memfd keeps its pages */
		for (i = 0; !pr->reg[r].shared && i < vma_pages(vma); i++)
			pr->reg[r].obj->tag[i] = 0;
		break;
	}
}

/* An operation on region @r of @pr, mapping it first if need be. */
static void op_region(struct prop *p, struct proc *pr)
{
	int r = pick(p, NREG);
	struct vm_area_struct *vma;
	struct task_struct *prev;

	prev = enter_task(p->m, pr->t);
	vma = find_vma_by_name(pr->t->mm, region_name(r));
	if (!vma || !pr->reg[r].obj) {
		op_mmap(p, pr, r);
		goto out;
	}
	switch (pick(p, 8)) {
	case 0:
	case 1:
	case 2:
		leave_task(p->m, prev);
		op_touch(p, pr, r, vma);
		return;
	case 3:
		note(p, "%s: munmap %s", pr->t->comm, region_name(r));
		do_munmap(pr->t->mm, vma);
		obj_put(pr->reg[r].obj);
		pr->reg[r].obj = NULL;
		break;
	case 4:
		note(p, "%s: mlock/munlock %s", pr->t->comm, region_name(r));
		if (pick(p, 2))
			do_mlock(vma, vma->vm_start, vma->vm_end);
		else
			do_munlock(vma, vma->vm_start, vma->vm_end);
		break;
	default:
		op_madvise(p, pr, r, vma);
		break;
	}
out:
	exit_to_user_mode(p->m);
	leave_task(p->m, prev);
}

/* ---- processes ---- */

static void op_spawn(struct prop *p)
{
	struct proc *pr = free_slot(p);
	struct cgroup *cgrp = cgroup_lookup(p->m, cgroups[pick(p, NLEAF)]);
	char name[16];
	int err;

	if (!pr || !cgrp)
		return;
	snprintf(name, sizeof(name), "p%d", p->next_name++);
	note(p, "spawn %s in %s", name, cgrp->name);
	pr->t = task_spawn(p->m, name, cgrp, &err);
}

static void op_fork(struct prop *p, struct proc *parent)
{
	struct proc *pr = free_slot(p);
	struct task_struct *prev;
	char name[16];
	int err, r;

	if (!pr)
		return;
	snprintf(name, sizeof(name), "p%d", p->next_name++);
	note(p, "fork %s as %s", parent->t->comm, name);
	prev = enter_task(p->m, parent->t);	/* fork(2) by the parent */
	pr->t = task_fork(parent->t, name, &err);
	exit_to_user_mode(p->m);
	leave_task(p->m, prev);
	if (!pr->t)
		return;
	for (r = 0; r < NREG; r++) {
		struct region *from = &parent->reg[r], *to = &pr->reg[r];

		if (!from->obj)
			continue;
		to->shared = from->shared;
		if (from->shared) {
			to->obj = from->obj;
			to->obj->refs++;
		} else {
			to->obj = obj_new(from->obj->npages);
			memcpy(to->obj->tag, from->obj->tag,
			       sizeof(to->obj->tag));
		}
	}
}

static void op_proc(struct prop *p, struct proc *pr)
{
	char path[64], pid[16];

	switch (pick(p, 6)) {
	case 0:
		op_fork(p, pr);
		break;
	case 1:
		snprintf(path, sizeof(path), "%s/cgroup.procs",
			 cgroups[pick(p, NLEAF)]);
		snprintf(pid, sizeof(pid), "%d", pr->t->pid);
		note(p, "move %s to %s", pr->t->comm, path);
		wr(p->m, path, pid);
		break;
	case 2:
		note(p, "kill %s", pr->t->comm);
		task_send_sigkill(pr->t);
		break;
	case 3:
		note(p, "exit %s", pr->t->comm);
		task_exit(pr->t);
		break;
	default:
		op_region(p, pr);
		break;
	}
}

/* ---- the cgroup tree and the machine ---- */

static void op_cgroup(struct prop *p)
{
	static const char *const files[] = {
		"memory.max", "memory.high", "memory.low", "memory.min",
		"memory.swap.max", "memory.zswap.max", "memory.reclaim",
	};
	static const char *const values[] = {
		"max", "max", "1M", "2M", "4M", "8M", "16M", "0",
	};
	const char *cg = cgroups[pick(p, ARRAY_SIZE(cgroups))];
	const char *value;
	char path[64];

	switch (pick(p, 6)) {
	case 0:
		note(p, "mkdir %s", cg);
		cgroup_mkdir(p->m, cg);
		break;
	case 1:
		note(p, "rmdir %s", cg);
		cgroup_rmdir(p->m, cg);	/* EBUSY while populated */
		break;
	case 2:
		note(p, "sleep");
		machine_run_until(p->m, p->m->clock.now +
				  (1 + pick(p, 100)) * NSEC_PER_MSEC);
		break;
	default:
		snprintf(path, sizeof(path), "%s/%s", cg,
			 files[pick(p, ARRAY_SIZE(files))]);
		value = values[pick(p, ARRAY_SIZE(values))];
		note(p, "write %s %s", path, value);
		wr(p->m, path, value);
		break;
	}
}

static void step(struct prop *p)
{
	struct proc *pr = some_proc(p);
	struct strbuf why = STRBUF_INIT;
	unsigned long bugs = p->m->nr_bugs;

	if (p->ops + 1 == p->trace_from)
		p->m->trace = stderr;
	if (!pr || pick(p, 10) == 0)
		op_spawn(p);
	else if (pick(p, 8) == 0)
		op_cgroup(p);
	else
		op_proc(p, pr);
	if (p->m->trace)
		fprintf(p->m->trace, "---- step %lu: %s\n", p->ops + 1, p->what);
	/* each step takes a little time: kswapd, RCU, the flusher run */
	machine_run_until(p->m, p->m->clock.now + NSEC_PER_MSEC);
	reap(p);
	p->ops++;
	if (mm_verify(p->m, &why) && !p->failed) {
		fprintf(stderr, "mm_verify after step %lu (%s): %s\n", p->ops,
			p->what, why.buf);
		p->failed = "mm_verify found an invariant broken";
	}
	if (p->m->nr_bugs != bugs && !p->failed) {
		fprintf(stderr, "model bug at step %lu (%s)\n", p->ops, p->what);
		p->failed = "a model bug was reported";
	}
	sb_release(&why);
}

/* Random faults everywhere, with no filter, at @pct percent. */
static void inject_faults(struct machine *m, const char *pct)
{
	static const char *const dirs[] = {
		"failslab", "fail_page_alloc", "fail_make_request",
		"memcglab/fail_zswap_compress",
	};
	char path[96];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		snprintf(path, sizeof(path), "/sys/kernel/debug/%s/times",
			 dirs[i]);
		wr(m, path, "-1");
		snprintf(path, sizeof(path), "/sys/kernel/debug/%s/probability",
			 dirs[i]);
		wr(m, path, pct);
	}
	wr(m, "/sys/kernel/debug/failslab/ignore-gfp-wait", "N");
	wr(m, "/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait", "N");
	wr(m, "/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem", "N");
	wr(m, "/sys/kernel/debug/fail_page_alloc/min-order", "0");
	wr(m, "/sys/block/vda/make-it-fail", "1");
}

static struct machine *boot(bool faults, u64 seed)
{
	struct machine *m = boot_machine_swap(32ULL << 20, 1, 32ULL << 20);

	rng_seed(&m->rng, seed);
	wr(m, "/sys/module/zswap/parameters/enabled", "Y");
	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "A");
	cgroup_mkdir(m, "D");
	wr(m, "A/cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "A/B");
	cgroup_mkdir(m, "A/C");
	if (faults)
		inject_faults(m, "2");
	return m;
}

/* ---- the end: everything back to zero ---- */

static void finish(struct prop *p)
{
	struct machine *m = p->m;
	size_t i;
	int k;

	inject_faults(m, "0");
	for (k = 0; k < NPROC; k++)
		if (p->procs[k].t) {
			task_exit(p->procs[k].t);
			forget_proc(&p->procs[k]);
		}
	machine_run_until(m, m->clock.now + NSEC_PER_SEC);
	/*
	 * A folio whose swap write was in flight when its last reference
	 * went stays in the swap cache, its slot held (6.12's
	 * free_swap_and_cache() cannot free a folio under writeback), until
	 * reclaim finds it clean and unmapped: reclaim each cgroup (its own
	 * memory.min and low do not protect it from its own reclaim), then
	 * the whole machine for the dead ones, as memory pressure would.
	 * Nothing else may be left after that.
	 */
	for (i = 0; i < ARRAY_SIZE(cgroups); i++) {
		char path[64];

		snprintf(path, sizeof(path), "%s/memory.reclaim", cgroups[i]);
		if (cgroup_lookup(m, cgroups[i]))
			wr(m, path, "1G");
	}
	wr(m, "memory.reclaim", "1G");
	/* freed slots wait in the CPUs' slot caches: give them back, as
	 * swapoff would */
	if (m->swap_info)
		drain_swap_slots_cache(m);
	if (get_nr_swap_pages(m) != (long)total_swap_pages(m))
		p->failed = "swap slots still in use with every process gone";
	if (num(m, "/sys/kernel/debug/zswap/stored_pages") != 0)
		p->failed = "zswap entries left with every process gone";
	for (i = 0; i < ARRAY_SIZE(cgroups); i++) {
		char path[64];

		if (!cgroup_lookup(m, cgroups[i]))
			continue;
		snprintf(path, sizeof(path), "%s/memory.swap.current",
			 cgroups[i]);
		/* -1: no memory controller there (A made again without it) */
		if (memstat(m, cgroups[i], "anon") > 0 ||
		    memstat(m, cgroups[i], "shmem") > 0 ||
		    memstat(m, cgroups[i], "swapcached") > 0 ||
		    memstat(m, cgroups[i], "zswap") > 0 || num(m, path) > 0) {
			fprintf(stderr, "%s: anon %ld shmem %ld swapcached %ld "
				"zswap %ld swap %ld\n", cgroups[i],
				memstat(m, cgroups[i], "anon"),
				memstat(m, cgroups[i], "shmem"),
				memstat(m, cgroups[i], "swapcached"),
				memstat(m, cgroups[i], "zswap"), num(m, path));
			p->failed = "pages left charged with every process gone";
		}
	}
}

static unsigned long env(const char *name, unsigned long dflt)
{
	const char *v = getenv(name);

	return v && *v ? strtoul(v, NULL, 10) : dflt;
}

/* One sequence of @nops steps from @seed; the first property broken. */
static const char *run(u64 seed, unsigned long nops, bool faults,
		       unsigned long *ops, unsigned long *loads)
{
	struct prop p = { .faults = faults };
	int k;

	p.m = boot(faults, seed);
	p.trace_from = faults ? env("PROPERTY_TRACE", 0) : 0;
	rng_seed(&p.rng, seed * 7919 + faults);
	while (p.ops < nops && !p.failed)
		step(&p);
	if (!p.failed)
		finish(&p);
	*ops += p.ops;
	*loads += p.loads;
	for (k = 0; k < NPROC; k++)
		forget_proc(&p.procs[k]);
	if (machine_destroy(p.m) && !p.failed)
		p.failed = "a model bug at teardown (a kmem cache not empty?)";
	return p.failed;
}

int main(void)
{
	unsigned long first = env("PROPERTY_FIRST", 1);
	unsigned long seeds = env("PROPERTY_SEEDS", 2);
	unsigned long nops = env("PROPERTY_OPS", 800);
	unsigned long ops = 0, loads = 0, s;
	int mode;

	for (mode = 0; mode < 2; mode++) {
		const char *what = mode ? "with faults injected" : "";

		for (s = first; s < first + seeds; s++) {
			const char *failed = run(s, nops, mode, &ops, &loads);

			ok(!failed, "seed %lu %s: %lu steps hold%s%s", s, what,
			   nops, failed ? ": " : "", failed ? failed : "");
		}
	}
	printf("# %lu operations, %lu pages read back and checked\n", ops,
	       loads);
	return done_testing();
}
