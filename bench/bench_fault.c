// SPDX-License-Identifier: GPL-2.0
/*
 * bench_fault: the anonymous fault path and the page-table access path on
 * a 1 GiB working set, on one core of the host.
 *
 * A 2 GiB machine with one task in a memory-enabled cgroup maps 1 GiB of
 * anonymous memory and
 *
 *   1. touches every page once for writing: a fault that allocates a frame,
 *      charges it to the memcg, zeroes it and adds it to the LRU.  The
 *      frames' bytes are fresh host memory, so each model fault also takes
 *      a host page fault; hence
 *   1b. unmaps the region, maps it again and touches it again: the same
 *      faults on frames the host has already backed (the page allocator
 *      hands the freed frames out again), the model's own cost;
 *   2. makes N random read accesses (xorshift over page indices) to the
 *      now-present pages: a four-level page-table walk and the accessed bit;
 *   3. makes sequential read accesses over the whole region, repeatedly.
 *
 * Steps 2 and 3 time the model's access path only: the loop keeps the
 * page's address, not its bytes, so host cache misses on the data do not
 * count (those on the page tables, which are frames of the arena, do).
 *
 * For scale, the same run times the physical floor of step 1: a memset of
 * 4 KiB into fresh host memory (which also takes the host's page fault, as
 * the model's arena does) and into memory already touched.
 *
 * Host time is fine here: numbers are reported, never asserted.  Rates
 * are per second of this thread's CPU time (see struct stopwatch).  The
 * targets (issue "bench/: a first benchmark") are printed next to the
 * numbers.  bench/README.md has the numbers of our machines and a profile.
 *
 *   bench_fault [-s MiB] [-n accesses] [-p fault|access|all] [-H]
 *
 * -s is the working set (default 1024 MiB; the machine is twice as big),
 * -n the number of random accesses (default 50M).
 * -p fault stops after steps 1 and 1b (to profile the fault path alone);
 *    access and all (the default) run everything.
 * -H is an experiment, not the model as it is: it asks the host for huge
 *    pages (MADV_HUGEPAGE) on the machine's arena and on the floor's
 *    buffer, to measure what that change to sim/physmem.c would gain.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "host_rusage.h"
#include "lib/strbuf.h"
#include "include/machine.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "include/kernfs.h"
#include "mm/mm.h"
#include "mm/debug.h"

#define TARGET_FAULTS_PER_S	5e6
#define TARGET_ACCESSES_PER_S	20e6
#define TARGET_FOLIO_BYTES	64

static double clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/*
 * Each phase is timed twice: by the wall clock (CLOCK_MONOTONIC) and by
 * this thread's CPU time, which includes the host kernel's page faults but
 * not the time other processes held the core.  Rates use the CPU time, so
 * that a busy host (these machines are shared) does not halve them; the
 * report shows how much the wall clock differed.
 */
struct stopwatch {
	double wall, cpu;
};

static double total_wall, total_cpu;

static void sw_start(struct stopwatch *sw)
{
	sw->wall = clock_s(CLOCK_MONOTONIC);
	sw->cpu = clock_s(CLOCK_THREAD_CPUTIME_ID);
}

/* CPU seconds since sw_start(). */
static double sw_stop(struct stopwatch *sw)
{
	double cpu = clock_s(CLOCK_THREAD_CPUTIME_ID) - sw->cpu;

	total_wall += clock_s(CLOCK_MONOTONIC) - sw->wall;
	total_cpu += cpu;
	return cpu;
}

/* VmRSS of this process, in bytes; 0 if /proc is not there. */
static unsigned long long vm_rss(void)
{
	char line[256];
	unsigned long long kb = 0;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %llu kB", &kb) == 1)
			break;
	fclose(f);
	return kb << 10;
}

static void __attribute__((noreturn)) fail(const char *what, int err)
{
	fprintf(stderr, "bench_fault: %s%s%s\n", what, err ? ": " : "",
		err ? strerror(-err) : "");
	exit(1);
}

static long host_minflt(void)
{
	struct host_rusage ru;

	host_rusage(&ru);
	return ru.minflt;
}

/* Write-touch every page of @vma once; returns the seconds it took. */
static double first_touch(struct machine *m, struct vm_area_struct *vma,
			  unsigned long pages)
{
	unsigned long faults0 = m->vm_events[PGFAULT], i;
	struct stopwatch sw;
	double t;

	sw_start(&sw);
	for (i = 0; i < pages; i++) {
		u8 *page;

		if (user_access(vma, vma->vm_start + (i << PAGE_SHIFT), true,
				&page))
			fail("first-touch fault failed", -ENOMEM);
		page[i & (PAGE_SIZE - 1)] = 1;
	}
	t = sw_stop(&sw);
	if (m->vm_events[PGFAULT] - faults0 != pages)
		fail("not one fault per page", 0);
	return t;
}

static u64 xorshift64(u64 *s)
{
	u64 x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

/* A sink the compiler cannot see through. */
static volatile u64 sink;

struct floor {
	double cold_s, warm_s;		/* per 4 KiB page */
};

/* memset of 4 KiB pages: into fresh host memory, then again. */
static struct floor memset_floor(unsigned long pages, bool huge)
{
	size_t len = (size_t)pages << PAGE_SHIFT;
	struct stopwatch sw;
	struct floor fl;
	unsigned long i;
	u8 *buf;

	buf = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (buf == MAP_FAILED)
		fail("mmap of the floor buffer", -errno);
	if (huge)
		madvise(buf, len, MADV_HUGEPAGE);
	sw_start(&sw);
	for (i = 0; i < pages; i++)
		memset(buf + (i << PAGE_SHIFT), 0, PAGE_SIZE);
	fl.cold_s = sw_stop(&sw) / pages;
	sink += buf[(pages / 2) << PAGE_SHIFT];
	sw_start(&sw);
	for (i = 0; i < pages; i++)
		memset(buf + (i << PAGE_SHIFT), (int)i, PAGE_SIZE);
	fl.warm_s = sw_stop(&sw) / pages;
	sink += buf[(pages / 2) << PAGE_SHIFT];
	munmap(buf, len);
	return fl;
}

static void usage(void)
{
	fprintf(stderr, "usage: bench_fault [-s MiB] [-n accesses] "
		"[-p fault|access|all] [-H]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long long size_mib = 1024, nr_random = 50000000;
	const char *phase = "all";
	struct machine_config cfg = {
		.nr_cpus = 2,
		.nr_nodes = 1,
		.disk_bytes = 64ull << 20,
		.seed = 1,
	};
	struct strbuf sb = STRBUF_INIT, why = STRBUF_INIT;
	struct vm_area_struct *vma;
	struct task_struct *t;
	struct machine *m;
	unsigned long pages, i, faults0, nr_seq = 0;
	unsigned long long rss0, rss;
	long flt0, flt1, flt2, flt3;
	double fault_s, refault_s, rand_s = 0, seq_s = 0;
	struct stopwatch sw;
	struct floor fl;
	u64 seed = 0x9e3779b97f4a7c15ull, sum = 0;
	bool huge = false;
	int opt, err;

	while ((opt = getopt(argc, argv, "s:n:p:H")) != -1) {
		switch (opt) {
		case 'H':
			huge = true;
			break;
		case 's':
			size_mib = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			nr_random = strtoull(optarg, NULL, 0);
			break;
		case 'p':
			phase = optarg;
			break;
		default:
			usage();
		}
	}
	if (!size_mib || !nr_random ||
	    (strcmp(phase, "fault") && strcmp(phase, "access") &&
	     strcmp(phase, "all")))
		usage();
	pages = (unsigned long)(size_mib << 20) >> PAGE_SHIFT;
	/* room for the working set, its page tables and the watermarks */
	cfg.memory_bytes = 2 * (size_mib << 20);
	if (cfg.memory_bytes < (256ull << 20))
		cfg.memory_bytes = 256ull << 20;

	/*
	 * The floor first: its buffer goes back to the host before the
	 * machine boots, so both sides start from the same kind of memory.
	 */
	fl = memset_floor(pages, huge);
	rss0 = vm_rss();
	m = machine_create(&cfg);
	if (!m)
		fail("machine_create", -ENOMEM);
	if (huge)
		madvise(m->phys.base, m->phys.nr_pages << PAGE_SHIFT,
			MADV_HUGEPAGE);
	if (kernfs_write_path(m, "/cgroup.subtree_control", "+memory", 7) != 7)
		fail("enabling the memory controller", 0);
	err = cgroup_mkdir(m, "bench");
	if (err)
		fail("mkdir bench", err);
	t = task_spawn(m, "bench", cgroup_lookup(m, "bench"), &err);
	if (!t)
		fail("task_spawn", err);
	m->current = t;
	err = do_mmap(t->mm, "ws", VMA_ANON, NULL, (u64)pages << PAGE_SHIFT,
		      false, &vma);
	if (err)
		fail("do_mmap", err);

	/* 1. first touch: fault + charge + zero + LRU add */
	flt0 = host_minflt();
	fault_s = first_touch(m, vma, pages);
	flt1 = host_minflt();
	rss = vm_rss();

	/* 1b. the same on frames the host has backed already */
	err = do_munmap(t->mm, vma);
	if (!err)
		err = do_mmap(t->mm, "ws", VMA_ANON, NULL,
			      (u64)pages << PAGE_SHIFT, false, &vma);
	if (err)
		fail("munmap and mmap again", err);
	flt2 = host_minflt();
	refault_s = first_touch(m, vma, pages);
	flt3 = host_minflt();
	faults0 = m->vm_events[PGFAULT];

	if (strcmp(phase, "fault")) {
		/* 2. random reads of present pages */
		sw_start(&sw);
		for (i = 0; i < nr_random; i++) {
			/* multiply-shift: no division in the loop */
			u64 idx = ((xorshift64(&seed) >> 32) * pages) >> 32;
			u8 *page;

			if (user_access(vma, vma->vm_start +
					(idx << PAGE_SHIFT), false, &page))
				fail("access to a present page faulted", 0);
			sum += (uintptr_t)page;
		}
		rand_s = sw_stop(&sw);

		/* 3. sequential reads, whole passes, about as many */
		sw_start(&sw);
		do {
			unsigned long addr = vma->vm_start;

			for (i = 0; i < pages; i++, addr += PAGE_SIZE) {
				u8 *page;

				if (user_access(vma, addr, false, &page))
					fail("access to a present page faulted",
					     0);
				sum += (uintptr_t)page;
			}
			nr_seq += pages;
		} while (nr_seq < nr_random);
		seq_s = sw_stop(&sw);
		if (m->vm_events[PGFAULT] != faults0)
			fail("accesses to present pages faulted", 0);
		sink += sum;
	}

	/* accounting sanity (not timed) */
	kernfs_read_path(m, "bench/memory.current", &sb);
	if (mm_verify(m, &why)) {
		fprintf(stderr, "bench_fault: mm_verify: %s\n", why.buf);
		exit(1);
	}
	m->current = NULL;

	printf("bench_fault: %llu MiB anonymous working set (%lu pages), "
	       "one core%s\n", size_mib, pages,
	       huge ? ", host huge pages (-H experiment)" : "");
	printf("  %-34s %14s %14s\n", "", "measured", "target");
	printf("  %-34s %12.2f M %12.2f M\n", "faults+charges / s",
	       pages / fault_s / 1e6, TARGET_FAULTS_PER_S / 1e6);
	printf("  %-34s %12.0f ns %9.2f host faults\n", "  per fault",
	       fault_s / pages * 1e9, (double)(flt1 - flt0) / pages);
	printf("  %-34s %12.2f M %12.2f M\n", "  again, host memory backed",
	       pages / refault_s / 1e6, TARGET_FAULTS_PER_S / 1e6);
	printf("  %-34s %12.0f ns %9.2f host faults\n", "  per fault",
	       refault_s / pages * 1e9, (double)(flt3 - flt2) / pages);
	if (strcmp(phase, "fault")) {
		printf("  %-34s %12.2f M %12.2f M\n",
		       "random accesses / s", nr_random / rand_s / 1e6,
		       TARGET_ACCESSES_PER_S / 1e6);
		printf("  %-34s %12.2f M %12.2f M\n",
		       "sequential accesses / s", nr_seq / seq_s / 1e6,
		       TARGET_ACCESSES_PER_S / 1e6);
	}
	printf("  %-34s %12zu B %12d B\n", "sizeof(struct folio)",
	       sizeof(struct folio), TARGET_FOLIO_BYTES);
	printf("  %-34s %12.1f B\n", "host RSS per touched page",
	       (double)(rss - rss0) / pages);
	printf("  %-34s %12.1f B\n", "  beyond the page's 4096 bytes",
	       (double)(rss - rss0) / pages - PAGE_SIZE);
	printf("  %-34s %12.0f ns\n", "memset 4 KiB, fresh host memory",
	       fl.cold_s * 1e9);
	printf("  %-34s %12.0f ns\n", "memset 4 KiB, touched memory",
	       fl.warm_s * 1e9);
	printf("  %-34s %12.1f x\n", "fault / memset (fresh)",
	       fault_s / pages / fl.cold_s);
	printf("  %-34s %12.1f x\n", "fault again / memset (touched)",
	       refault_s / pages / fl.warm_s);
	printf("  %-34s %14s\n", "memory.current",
	       sb.len ? strtok(sb.buf, "\n") : "?");
	printf("  %-34s %12.2f\n", "CPU time / wall time (1: idle host)",
	       total_cpu / total_wall);
	printf("bench_fault: %.2fM faults+charges/s (%.2fM on backed memory), "
	       "%.2fM random and %.2fM sequential accesses/s, %zu B/folio, "
	       "fault = %.1fx memset\n",
	       pages / fault_s / 1e6, pages / refault_s / 1e6,
	       rand_s ? nr_random / rand_s / 1e6 : 0.0,
	       seq_s ? nr_seq / seq_s / 1e6 : 0.0, sizeof(struct folio),
	       fault_s / pages / fl.cold_s);
	sb_release(&sb);
	machine_destroy(m);
	return 0;
}
