// SPDX-License-Identifier: GPL-2.0
/*
 * bench_pagemap: seed 004's two costs, under each pagemap.shmem_swap
 * design (none: 6.12; marker: Peter Xu's PAGEOUT markers; lookup: Tiberiu
 * Georgescu's page-cache lookup), on a shmem region of -s MiB (default
 * 1024) mapped MAP_SHARED by one task and written whole:
 *
 *   a. reading the region's /proc/PID/pagemap, all in RAM, then with
 *      its first half paged out (MADV_PAGEOUT), then all of it (for the
 *      thread's 16 GiB area in a 4 GiB cgroup), in reads of one entry
 *      (the thread's dd bs=8) and of 1024 entries (8 KiB: its batched
 *      reads); the thread measured ~4x (3.6-3.8x) for lookup with 8-byte
 *      reads and 2x with batched ones;
 *   b. swapping the first half in again by read faults, with and
 *      without markers; the RFC measured 0.8% more under marker.
 *
 * Reported per design: the host time per entry (or per page swapped in),
 * best of -r rounds (the three machines live side by side and take turns
 * in every round), its ratio to none, and what
 * the model counts for the kernel design: page-cache lookups, markers,
 * and their virtual time from the cost table (init/main.c derives its
 * constants from the thread's numbers).  Virtual time of a swap-in is the
 * cost table's fault (fault_ns) plus the marker's pte_marker_ns; the
 * model charges no time for the swap device itself.  bench/README.md
 * compares the ratios with the thread's.
 *
 *   bench_pagemap [-s MiB] [-r rounds]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BENCH_NAME "bench_pagemap"
#include "bench.h"
#include "fs/proc.h"
#include "include/fs.h"
#include "include/shmem_fs.h"
#include "mm/mm.h"
#include "mm/swap.h"

static const char *const designs[] = { "none", "marker", "lookup" };
#define NR_DESIGNS	3
#define BATCH		1024	/* entries per batched read */

/* One timed step: host seconds (best round), its count, virtual ns. */
struct step {
	double s;
	unsigned long n;
	u64 vns;
	unsigned long lookups, markers;
};

/* [0] all in RAM, [1] half paged out, [2] all; [x][0] 8-byte, [x][1] batched */
#define NR_STATES	3
struct result {
	struct step read[NR_STATES][2];
	struct step swapin;
};

struct bench {
	struct rig r;
	struct vm_area_struct *vma;
	unsigned long pages;
	u64 *buf;
};

static void setup(struct bench *b, int design, unsigned long mib)
{
	u64 size = (u64)mib << 20;
	struct inode *inode;
	unsigned long i;
	u8 *page;
	int err = 0;

	b->pages = size >> PAGE_SHIFT;
	rig_enter(&b->r, bench_machine(size + (512ull << 20),
				       size + (64ull << 20)));
	bench_populate(b->r.m);
	b->r.m->policy.pagemap_shmem_swap = design;
	inode = shmem_file_setup(b->r.m, size, SHMEM_F_NORESERVE, &err);
	if (!inode)
		fail("shmem_file_setup", err);
	err = do_mmap(b->r.t->mm, "shm", VMA_SHMEM, inode, size, true, &b->vma);
	iput(b->r.m, inode);
	if (err)
		fail("do_mmap", err);
	for (i = 0; i < b->pages; i++)
		if (user_access(b->vma, b->vma->vm_start + (i << PAGE_SHIFT),
				true, &page))
			fail("touch", -EFAULT);
	lru_add_drain(b->r.m);
	b->buf = malloc(BATCH * sizeof(u64));
	if (!b->buf)
		fail("malloc", -ENOMEM);
}

static void teardown(struct bench *b)
{
	free(b->buf);
	rig_destroy(&b->r);
}

static void keep_best(struct step *best, const struct step *s)
{
	if (!best->n || s->s < best->s)
		*best = *s;
}

/* The whole region's pagemap in reads of @entries entries. */
static void read_pagemap(struct bench *b, unsigned long entries,
			 struct step *best)
{
	struct machine *m = b->r.m;
	u64 pos = (b->vma->vm_start >> PAGE_SHIFT) * sizeof(u64);
	u64 vns = m->pagemap_stats[PMS_PAGEMAP_NS];
	u64 lookups = m->pagemap_stats[PMS_LOOKUPS];
	struct stopwatch sw;
	struct step s = { .n = b->pages };
	unsigned long i;

	sw_start(&sw);
	for (i = 0; i < b->pages; i += entries)
		if (pagemap_read(m, b->r.t->mm, pos + i * sizeof(u64), b->buf,
				 entries * sizeof(u64), true) < 0)
			fail("pagemap_read", -EINVAL);
	sw_stop(&sw);
	s.s = sw.cpu;
	s.vns = m->pagemap_stats[PMS_PAGEMAP_NS] - vns;
	s.lookups = m->pagemap_stats[PMS_LOOKUPS] - lookups;
	keep_best(best, &s);
}

/* Page out the first (@second: the second) half of the region. */
static void page_out_half(struct bench *b, bool second)
{
	unsigned long start = b->vma->vm_start;
	unsigned long swapped = SHMEM_I(b->vma->vm_file)->swapped;

	if (second)
		start += b->pages / 2 << PAGE_SHIFT;
	madvise_pageout(b->vma, start, start + (b->pages / 2 << PAGE_SHIFT));
	if (SHMEM_I(b->vma->vm_file)->swapped - swapped != b->pages / 2)
		fail("MADV_PAGEOUT did not swap out half the region", 0);
}

/* Read faults on the paged-out half: swap-ins, markers consumed or not. */
static void swap_in_half(struct bench *b, struct step *best)
{
	struct machine *m = b->r.m;
	u64 mns = m->pagemap_stats[PMS_MARKER_NS];
	u64 consumed = m->pagemap_stats[PMS_MARKERS_CONSUMED];
	struct step s = { .n = b->pages / 2 };
	struct stopwatch sw;
	unsigned long i;
	u8 *page;

	sw_start(&sw);
	for (i = 0; i < b->pages / 2; i++)
		if (user_access(b->vma, b->vma->vm_start + (i << PAGE_SHIFT),
				false, &page))
			fail("swap-in", -EIO);
	sw_stop(&sw);
	s.s = sw.cpu;
	s.markers = m->pagemap_stats[PMS_MARKERS_CONSUMED] - consumed;
	s.vns = s.n * m->cost.fault_ns +
		(m->pagemap_stats[PMS_MARKER_NS] - mns);
	keep_best(best, &s);
}

/*
 * All designs side by side, interleaved in every round: the reads with
 * nothing out, half out and all out; then swap-ins of the first half,
 * paged out again before each round.
 */
static void run_all(struct bench *b, int rounds, struct result *res)
{
	int d, k, st;

	for (st = 0; st < NR_STATES; st++) {
		for (d = 0; st && d < NR_DESIGNS; d++)
			page_out_half(&b[d], st == 2);
		for (k = 0; k < rounds; k++)
			for (d = 0; d < NR_DESIGNS; d++) {
				read_pagemap(&b[d], 1, &res[d].read[st][0]);
				read_pagemap(&b[d], BATCH, &res[d].read[st][1]);
			}
	}
	for (k = 0; k < rounds; k++)
		for (d = 0; d < NR_DESIGNS; d++) {
			if (k)
				page_out_half(&b[d], false);
			swap_in_half(&b[d], &res[d].swapin);
		}
	for (d = 0; d < NR_DESIGNS; d++)
		if (b[d].r.m->nr_bugs)
			fail("the model reported a bug", 0);
}

static void print_step(const char *what, const struct step *s,
		       const struct step *none)
{
	printf("  %-8s %-26s %8.1f ns %6.2fx %10.1f ns %6.2fx %10lu\n", "",
	       what, s->s / s->n * 1e9, s->s / none->s,
	       (double)s->vns / s->n, (double)s->vns / none->vns,
	       s->lookups + s->markers);
}

int main(int argc, char **argv)
{
	static const char *const reads[NR_STATES][2] = {
		{ "all in RAM, 8-byte reads", "all in RAM, 8 KiB reads" },
		{ "half out, 8-byte reads", "half out, 8 KiB reads" },
		{ "all out, 8-byte reads", "all out, 8 KiB reads" },
	};
	struct result res[NR_DESIGNS];
	struct bench b[NR_DESIGNS];
	unsigned long mib = 1024;
	int rounds = 3, opt, d, h, k;

	while ((opt = getopt(argc, argv, "s:r:")) != -1) {
		if (opt == 's')
			mib = strtoul(optarg, NULL, 0);
		else if (opt == 'r')
			rounds = atoi(optarg);
		else
			fail("usage: bench_pagemap [-s MiB] [-r rounds]", 0);
	}
	if (!mib || rounds < 1)
		fail("usage: bench_pagemap [-s MiB] [-r rounds]", 0);
	memset(res, 0, sizeof(res));
	for (d = 0; d < NR_DESIGNS; d++)
		setup(&b[d], d, mib);
	run_all(b, rounds, res);
	for (d = 0; d < NR_DESIGNS; d++)
		teardown(&b[d]);

	printf("bench_pagemap: %lu MiB of shmem (%lu pages), best of %d rounds\n",
	       mib, mib << (20 - PAGE_SHIFT), rounds);
	printf("  %-8s %-26s %11s %7s %13s %7s %10s\n", "design", "step",
	       "host/entry", "ratio", "virtual/entry", "ratio",
	       "lookups|markers");
	for (d = 0; d < NR_DESIGNS; d++) {
		printf("  %s\n", designs[d]);
		for (h = 0; h < NR_STATES; h++)
			for (k = 0; k < 2; k++)
				print_step(reads[h][k], &res[d].read[h][k],
					   &res[0].read[h][k]);
		print_step("swap-in of the half out", &res[d].swapin,
			   &res[0].swapin);
	}
	return 0;
}
