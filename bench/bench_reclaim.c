// SPDX-License-Identifier: GPL-2.0
/*
 * bench_reclaim: reclaim throughput of the model, and the run time of the
 * whole test_memcontrol.c port (issue 3).
 *
 *   a. clean file pages: a task in a memory-enabled cgroup reads a file
 *      (a hole: no disk I/O) into the page cache; reclaiming all of it
 *      again is timed two ways:
 *        - one write of the file's size to memory.reclaim (proactive
 *          reclaim: batches of a quarter of what is left),
 *        - try_to_free_mem_cgroup_pages() in SWAP_CLUSTER_MAX batches, as
 *          memory.high and memory.max reclaim on a charge;
 *   b. anonymous pages to the swap device (zswap off): the task fills an
 *      anonymous mapping with random bytes, and reclaim writes each page,
 *      uncompressed, to the swap device (an unlinked host file, a pwrite
 *      per page).  Three rounds on fresh mappings: memory.reclaim while
 *      the device's host file still grows, memory.reclaim again (its
 *      blocks exist), SWAP_CLUSTER_MAX batches; then read faults bring a
 *      round back in.  For scale the same number of pages is pwritten to
 *      a host temporary file, growing and then overwriting: the I/O floor;
 *   c. the suite: every .scn under tests/scenarios/memcontrol, parsed and
 *      run by the interpreter linked in (output to /dev/null), one after
 *      another in this process: as `memcglab run` runs it, then with
 *      mm_verify() after every statement, as `memcglab check` does.
 *
 * Rates are pages per second of this thread's CPU time (the wall clock is
 * shown next to it: these hosts are shared); the suite's figure is wall
 * time, as a user waits for it.  Numbers are reported, never asserted.
 *
 *   bench_reclaim [-f file-MiB] [-a anon-MiB] [-d scenario-dir]
 *                 [-p file|anon|suite|all]
 */
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BENCH_NAME "bench_reclaim"
#include "bench.h"
#include "lib/strbuf.h"
#include "sim/content.h"
#include "include/machine.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "include/kernfs.h"
#include "include/fs.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/mm.h"
#include "mm/swap.h"
#include "mm/vmscan.h"
#include "scenario/model/model.h"
#include "scenario/parser.h"
#include "scenario/run.h"

#define TARGET_FILE_PAGES_PER_S	2e6
#define TARGET_SUITE_S		2.0

/* One reclaim measurement: pages taken off the LRU and the time it took. */
struct reclaim_run {
	unsigned long pages;
	struct stopwatch sw;
	unsigned long calls;
};

/* Everything @r's cgroup holds, by one write to memory.reclaim. */
static void reclaim_by_write(struct rig *r, unsigned long pages, int steal,
			     struct reclaim_run *run)
{
	unsigned long steal0 = r->m->vm_events[steal];
	char buf[32];
	int len = snprintf(buf, sizeof(buf), "%lu\n", pages << PAGE_SHIFT);
	long ret;

	sw_start(&run->sw);
	ret = kernfs_write_path(r->m, "bench/memory.reclaim", buf, len);
	sw_stop(&run->sw);
	/* -EAGAIN: a few pages (the page tables' frames...) stay behind */
	if (ret != len && ret != -EAGAIN)
		fail("memory.reclaim", (int)ret);
	run->pages = r->m->vm_events[steal] - steal0;
	run->calls = 1;
}

/* The same in SWAP_CLUSTER_MAX batches, until a batch finds nothing. */
static void reclaim_by_batches(struct rig *r, unsigned int options, int steal,
			       struct reclaim_run *run)
{
	unsigned long steal0 = r->m->vm_events[steal];

	run->calls = 0;
	sw_start(&run->sw);
	for (;;) {
		run->calls++;
		if (!try_to_free_mem_cgroup_pages(r->memcg, SWAP_CLUSTER_MAX,
						  GFP_KERNEL, options, NULL))
			break;
	}
	sw_stop(&run->sw);
	run->pages = r->m->vm_events[steal] - steal0;
}

static void print_run(const char *what, const struct reclaim_run *run,
		      double target)
{
	printf("  %-38s %8lu pages %9.3f M/s", what, run->pages,
	       run->pages / run->sw.cpu / 1e6);
	if (target)
		printf("  %5.2fx target", run->pages / run->sw.cpu / target);
	printf("   (%.1f ms CPU, %.1f ms wall, %lu call%s)\n",
	       run->sw.cpu * 1e3, run->sw.wall * 1e3, run->calls,
	       run->calls == 1 ? "" : "s");
}

/* ---- a. clean file pages ---- */

static double bench_file(unsigned long mib)
{
	unsigned long pages = mib << (20 - PAGE_SHIFT);
	u64 size = (u64)pages << PAGE_SHIFT;
	struct reclaim_run run[2];
	struct stopwatch rd[2];
	struct inode *inode;
	struct rig r;
	int err, i;

	rig_enter(&r, bench_machine(2 * size + (256ull << 20), 0));
	inode = vfs_open(r.m, "/bench.dat", true, &err);
	if (!inode)
		fail("vfs_open", err);
	for (i = 0; i < 2; i++) {
		long ret;

		/* a fresh page cache: no shadow entries, no refaults */
		vfs_truncate(r.m, inode, 0);
		vfs_truncate(r.m, inode, size);
		sw_start(&rd[i]);
		ret = filemap_read(r.m, inode, NULL, 0, size);
		sw_stop(&rd[i]);
		if (ret != (long)size)
			fail("filemap_read", ret < 0 ? (int)ret : -EIO);
		if (i == 0)
			reclaim_by_write(&r, pages, PGSTEAL_FILE, &run[i]);
		else
			reclaim_by_batches(&r, MEMCG_RECLAIM_MAY_SWAP,
					   PGSTEAL_FILE, &run[i]);
	}
	iput(r.m, inode);
	rig_destroy(&r);

	printf("a. clean file pages reclaimed, %lu MiB file (%lu pages) "
	       "in page cache\n", mib, pages);
	printf("  %-38s %8lu pages %9.3f M/s   (fresh host memory)\n",
	       "filemap_read into the page cache", pages,
	       pages / rd[0].cpu / 1e6);
	printf("  %-38s %8lu pages %9.3f M/s   (frames host-backed)\n",
	       "  again", pages, pages / rd[1].cpu / 1e6);
	print_run("memory.reclaim (one write)", &run[0],
		  TARGET_FILE_PAGES_PER_S);
	print_run("try_to_free_mem_cgroup_pages(32)", &run[1],
		  TARGET_FILE_PAGES_PER_S);
	printf("  target: >= %.1f M clean file pages reclaimed / s\n",
	       TARGET_FILE_PAGES_PER_S / 1e6);
	return run[0].pages / run[0].sw.cpu;
}

/* ---- b. anonymous pages to the swap device ---- */

static void fill_region(struct vm_area_struct *vma, unsigned long pages)
{
	static const struct fill random_fill = { .kind = FILL_RANDOM, .ratio = 0 };
	unsigned long i;

	for (i = 0; i < pages; i++) {
		unsigned long addr = vma->vm_start + (i << PAGE_SHIFT);
		u8 *page;

		if (user_access(vma, addr, true, &page))
			fail("touching the anonymous region", -ENOMEM);
		fill_page(&random_fill, page, addr >> PAGE_SHIFT);
	}
}

/*
 * pwrite of the same kind of pages to an unlinked host file: CPU seconds
 * per page when the file grows, and (*again) when the blocks exist.
 */
static double pwrite_floor(unsigned long pages, double *again)
{
	static const struct fill random_fill = { .kind = FILL_RANDOM, .ratio = 0 };
	const char *dir = getenv("TMPDIR");
	char path[4096];
	struct stopwatch sw[2];
	unsigned long i;
	int fd, pass;
	u8 *buf;

	snprintf(path, sizeof(path), "%s/bench_reclaim-XXXXXX",
		 dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	buf = malloc(PAGE_SIZE * 64);
	if (fd < 0 || !buf)
		fail("temporary file for the pwrite floor", -errno);
	unlink(path);
	for (i = 0; i < 64; i++)
		fill_page(&random_fill, buf + i * PAGE_SIZE, i);
	for (pass = 0; pass < 2; pass++) {
		sw_start(&sw[pass]);
		for (i = 0; i < pages; i++)
			if (pwrite(fd, buf + (i & 63) * PAGE_SIZE, PAGE_SIZE,
				   (off_t)i << PAGE_SHIFT) != PAGE_SIZE)
				fail("pwrite", -errno);
		sw_stop(&sw[pass]);
	}
	close(fd);
	free(buf);
	*again = sw[1].cpu / pages;
	return sw[0].cpu / pages;
}

static void bench_anon(unsigned long mib)
{
	static const char *const what[] = {
		"memory.reclaim, first device writes",
		"memory.reclaim (one write)",
		"try_to_free_mem_cgroup_pages(32)",
	};
	unsigned long pages = mib << (20 - PAGE_SHIFT);
	u64 size = (u64)pages << PAGE_SHIFT;
	struct reclaim_run run[3];
	struct stopwatch swapin;
	struct vm_area_struct *vma;
	double floor_s[2];
	struct rig r;
	int err, i;

	floor_s[0] = pwrite_floor(pages, &floor_s[1]);
	rig_enter(&r, bench_machine(2 * size + (256ull << 20),
				    size + (64ull << 20)));
	for (i = 0; i < 3; i++) {
		unsigned long writes0 = r.m->vm_events[PSWPOUT];

		err = do_mmap(r.t->mm, "anon", VMA_ANON, NULL, size, false, &vma);
		if (err)
			fail("do_mmap", err);
		fill_region(vma, pages);
		lru_add_drain(r.m);
		if (i < 2)
			reclaim_by_write(&r, pages, PGSTEAL_ANON, &run[i]);
		else
			reclaim_by_batches(&r, MEMCG_RECLAIM_MAY_SWAP,
					   PGSTEAL_ANON, &run[i]);
		/* the swap device is a disk: the last pages written may still
		 * be in flight, in the swap cache, when reclaim stops */
		if (r.m->vm_events[PSWPOUT] - writes0 < run[i].pages)
			fail("a page reclaimed without its swap write", 0);
		if (i == 1) {
			/* read it all back: swap-ins from the device */
			unsigned long j;

			sw_start(&swapin);
			for (j = 0; j < pages; j++) {
				u8 *page;

				if (user_access(vma, vma->vm_start +
						(j << PAGE_SHIFT), false, &page))
					fail("swap-in", -EIO);
			}
			sw_stop(&swapin);
		}
		err = do_munmap(r.t->mm, vma);
		if (err)
			fail("do_munmap", err);
	}
	if (r.m->nr_bugs)
		fail("the model reported a bug (swap data corrupted?)", 0);
	rig_destroy(&r);

	printf("b. anonymous pages (random bytes) reclaimed to the swap device, "
	       "zswap off, %lu MiB (%lu pages)\n", mib, pages);
	for (i = 0; i < 3; i++)
		print_run(what[i], &run[i], 0);
	printf("  %-38s %8lu pages %9.3f M/s   (%.1f ms CPU, %.1f ms wall)\n",
	       "swap-in by read faults", pages, pages / swapin.cpu / 1e6,
	       swapin.cpu * 1e3, swapin.wall * 1e3);
	printf("  %-38s %8lu pages %9.3f M/s\n",
	       "floor: pwrite 4 KiB, new host file", pages,
	       1 / floor_s[0] / 1e6);
	printf("  %-38s %8lu pages %9.3f M/s   model = %.2fx the floor's time\n",
	       "floor: pwrite 4 KiB, overwriting", pages, 1 / floor_s[1] / 1e6,
	       run[1].sw.cpu / run[1].pages / floor_s[1]);
}

/* ---- c. the memcontrol suite ---- */

/* Parse and run one scenario; its wall and CPU time.  0 if it passed. */
static int run_scenario(const char *path, const struct scn_run_options *opts,
			struct stopwatch *sw)
{
	struct strbuf err = STRBUF_INIT;
	struct scn_script *script;
	int ret;

	sw_start(sw);
	ret = scn_parse_file(path, &script, &err);
	if (!ret) {
		struct scn_backend *be = scn_model_create(script, opts);

		ret = be ? scn_run(script, be, opts) : 2;
		if (be && scn_model_destroy(be) && !ret)
			ret = 1;
		scn_script_free(script);
	}
	sw_stop(sw);
	sb_release(&err);
	return ret;
}

static double ru_ms(const struct timeval *a, const struct timeval *b)
{
	return (b->tv_sec - a->tv_sec) * 1e3 + (b->tv_usec - a->tv_usec) * 1e-3;
}

/*
 * Every scenario twice: as `memcglab run` runs it, then with mm_verify()
 * after every statement, as `memcglab check` (and so `make check`) does.
 * Returns the total wall time of the first way.
 */
static double bench_suite(const char *dir)
{
	struct scn_run_options opts[2] = { { 0 }, { .verify = true } };
	double wall[2] = { 0, 0 }, cpu[2] = { 0, 0 }, user = 0, sys = 0;
	long minflt = 0;
	char pattern[4096];
	int failed = 0, v;
	glob_t g;
	size_t i;

	snprintf(pattern, sizeof(pattern), "%s/*.scn", dir);
	if (glob(pattern, 0, NULL, &g) || !g.gl_pathc) {
		printf("c. memcontrol suite: no scenarios under %s (skipped)\n",
		       dir);
		return 0;
	}
	opts[0].out = opts[1].out = fopen("/dev/null", "w");
	if (!opts[0].out)
		fail("/dev/null", -errno);
	printf("c. the test_memcontrol.c port: %zu scenarios under %s, "
	       "parsed and run in this process\n", g.gl_pathc, dir);
	printf("  %-30s %21s %21s\n", "", "run: wall / CPU ms",
	       "--verify: wall / CPU");
	for (i = 0; i < g.gl_pathc; i++) {
		struct stopwatch sw[2];
		int ret = 0;

		for (v = 0; v < 2; v++) {
			struct host_rusage r0, r1;

			host_rusage(&r0);
			ret |= run_scenario(g.gl_pathv[i], &opts[v], &sw[v]);
			host_rusage(&r1);
			wall[v] += sw[v].wall;
			cpu[v] += sw[v].cpu;
			if (!v) {
				user += ru_ms(&r0.utime, &r1.utime);
				sys += ru_ms(&r0.stime, &r1.stime);
				minflt += r1.minflt - r0.minflt;
			}
		}
		if (ret)
			failed++;
		printf("  %-30s %9.1f / %9.1f %9.1f / %9.1f%s\n",
		       strrchr(g.gl_pathv[i], '/') + 1, sw[0].wall * 1e3,
		       sw[0].cpu * 1e3, sw[1].wall * 1e3, sw[1].cpu * 1e3,
		       ret ? "   (did not pass)" : "");
	}
	printf("  %-30s %9.1f / %9.1f %9.1f / %9.1f\n", "total",
	       wall[0] * 1e3, cpu[0] * 1e3, wall[1] * 1e3, cpu[1] * 1e3);
	printf("  %-30s %9.2fx %21.2fx   (target: under %.1f s)\n",
	       "  of the target", wall[0] / TARGET_SUITE_S,
	       wall[1] / TARGET_SUITE_S, TARGET_SUITE_S);
	printf("  plain runs: %.1f ms user, %.1f ms sys (the host's page "
	       "faults on fresh frames: %ld)\n",
	       user, sys, minflt);
	if (failed)
		printf("  %d scenario%s did not pass\n", failed,
		       failed == 1 ? "" : "s");
	fclose(opts[0].out);
	globfree(&g);
	return wall[0];
}

static void usage(void)
{
	fprintf(stderr, "usage: bench_reclaim [-f file-MiB] [-a anon-MiB] "
		"[-d scenario-dir] [-p file|anon|suite|all]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long file_mib = 1024, anon_mib = 256;
	const char *dir = "tests/scenarios/memcontrol", *part = "all";
	double file_rate = 0, suite_s = 0;
	bool all;
	int opt;

	while ((opt = getopt(argc, argv, "f:a:d:p:")) != -1) {
		switch (opt) {
		case 'f':
			file_mib = strtoul(optarg, NULL, 0);
			break;
		case 'a':
			anon_mib = strtoul(optarg, NULL, 0);
			break;
		case 'd':
			dir = optarg;
			break;
		case 'p':
			part = optarg;
			break;
		default:
			usage();
		}
	}
	if (!file_mib || !anon_mib || (strcmp(part, "file") &&
	    strcmp(part, "anon") && strcmp(part, "suite") && strcmp(part, "all")))
		usage();
	all = !strcmp(part, "all");

	if (all || !strcmp(part, "file"))
		file_rate = bench_file(file_mib);
	if (all || !strcmp(part, "anon"))
		bench_anon(anon_mib);
	if (all || !strcmp(part, "suite"))
		suite_s = bench_suite(dir);
	if (all)
		printf("bench_reclaim: %.2fM clean file pages/s (%.2fx the "
		       "2M/s target), memcontrol suite %.2f s (%.2fx the "
		       "2 s budget)\n", file_rate / 1e6,
		       file_rate / TARGET_FILE_PAGES_PER_S, suite_s,
		       suite_s / TARGET_SUITE_S);
	return 0;
}
