// SPDX-License-Identifier: GPL-2.0
/*
 * bench_zswap: zswap store and load throughput per compressor, next to the
 * raw library's throughput on the same pages, and the compression ratio
 * zswap achieves on each content pattern (issue 5).
 *
 * For each pattern (text, random, ratio=0.3 from sim/content.c) and each
 * compressor (lzo, the 6.12 default, lz4, zstd), a fresh machine with a
 * large swap device, zswap enabled with that compressor and a task in a
 * memory-enabled cgroup (memory.zswap.max is max):
 *
 *   1. the task fills N pages of an anonymous mapping with the pattern;
 *      the bytes are copied aside for the library's turn;
 *   2. zswap alone, the target's measure, next to the library: every
 *      folio is given a swap slot and put in the swap cache
 *      (add_to_swap(), not timed).  Then, in turns of 2048 pages (8 MiB)
 *      so that both see the same host weather (which of the two goes
 *      first alternates from turn to turn), the library compresses
 *      the copied bytes as zswap calls it (PAGE_SIZE of declared room in
 *      a two-page slot of a buffer as large as the working set), and
 *      zswap_store() stores the folios; the frames are poisoned (not
 *      timed), and the library decompresses its slots while zswap_load()
 *      fills the folios, again in turns.  Both round trips are compared
 *      with the copy.  zswap's time is its own work: the limit checks, the
 *      entry (a slab object), compression, zs_malloc and the copy into the
 *      zspage, the tree, the objcg charge, the list_lru; on load the tree,
 *      decompression out of the zspage and the entry's release.  Random
 *      pages do not compress below a page: zswap rejects every one, so
 *      store is compress + reject and there is nothing to load;
 *   3. the whole swap path around it, for scale: MADV_PAGEOUT over the
 *      mapping (unmap, swap_writepage() with the model's page check,
 *      zswap_store(), the swap cache; rejected pages go to the device),
 *      then the task reads every page back (a swap fault, a new folio and
 *      its charge, zswap_load() or a device read, the page check).
 *
 * It prints MB/s of page data (N * 4096 bytes / time, rejected pages
 * included) for the model and the library, model / raw, and the
 * compression ratio zswap achieved: stored pages * 4096 / pool_total_size
 * (the zsmalloc frames, as debugfs shows it).  The target (issues 5 and
 * 17) is zswap store and load each >= 90% of the raw compressor's
 * throughput in every cell.
 * For scale it also times page_checksum(), which the model runs on every
 * swap-out and swap-in of the whole path (its data integrity check; not a
 * kernel cost).
 *
 * Times are this thread's CPU time (wall clock shown where it differs:
 * these hosts are shared).  Numbers are reported, never asserted.
 *
 * Step 2 runs -r times (5), each on a fresh machine.  Every pair of turns
 * is one sample of zswap / raw, taken within milliseconds on the same
 * pages; for each cell the table gives the median and the minimum of all
 * of them (-r x N / 2048 samples) and the median time per page zswap
 * adds.  MB/s columns, and the whole-path table, are the fastest run.
 *
 *   bench_zswap [-s MiB per run] [-c lzo,lz4,zstd] [-r repetitions]
 *               [-p text,random,ratio0.3]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BENCH_NAME "bench_zswap"
#include "bench.h"
#include "lib/compress.h"
#include "lib/strbuf.h"
#include "sim/content.h"
#include "include/machine.h"
#include "include/memory_model.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "include/kernfs.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "mm/zswap.h"
#include "patterns.h"

#define TARGET_RATIO	0.90

/* Buffers shared by every run, touched once before any timing. */
struct bufs {
	unsigned long pages;
	u8 *src;		/* the pages' bytes, copied out of the model */
	u8 *comp;		/* one ZCOMP_DST_BUF_SIZE slot per page */
	size_t *clen;		/* compressed length; PAGE_SIZE: rejected */
	u8 *out;		/* decompression targets, one page per page */
	struct folio **folios;	/* the mapping's folios, for step 2 */
	bool *stored;		/* which of them zswap_store() took */
};

/* Pages per turn when zswap and the library alternate: 8 MiB. */
#define TURN		2048UL
#define MAX_TURNS	4096

/* Every turn of one timed phase over all repetitions: CPU seconds. */
struct turns {
	unsigned long n;
	double raw[MAX_TURNS], model[MAX_TURNS];
	unsigned long pages[MAX_TURNS];
};

/* zswap / raw over the turns: the median, the minimum; +us per page */
struct spread {
	double med, min, us;
};

struct result {
	/* zswap alone: the fastest repetition, and every turn */
	struct stopwatch zstore, zload;
	struct turns store_turns, load_turns;
	unsigned long zstored;
	/* the whole swap path */
	struct stopwatch store, load;
	unsigned long zswpout, pswpout, zswpin, pswpin, rejects;
	unsigned long long pool_bytes, zswap_current;
	long stored;
	/* raw library */
	struct stopwatch comp, decomp;
	unsigned long fit;
	u64 raw_bytes;		/* compressed bytes of the pages that fit */
};

static u64 debug_value(struct machine *m, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	u64 v = 0;

	if (kernfs_read_path(m, path, &sb) >= 0 && sb.len)
		v = strtoull(sb.buf, NULL, 0);
	sb_release(&sb);
	return v;
}

static void write_file(struct machine *m, const char *path, const char *val)
{
	long ret = kernfs_write_path(m, path, val, strlen(val));

	if (ret != (long)strlen(val))
		fail(path, ret < 0 ? (int)ret : -EIO);
}

static u64 zswap_rejects(struct machine *m)
{
	return debug_value(m, "/sys/kernel/debug/zswap/reject_compress_poor") +
	       debug_value(m, "/sys/kernel/debug/zswap/reject_compress_fail");
}

/* Step 1: fill the mapping, or with !@fill write the kept copy back. */
static void fill_mapping(struct bufs *b, const struct pattern *p,
			 struct vm_area_struct *vma, bool fill)
{
	unsigned long i;

	for (i = 0; i < b->pages; i++) {
		unsigned long addr = vma->vm_start + (i << PAGE_SHIFT);
		u8 *page;

		if (user_access(vma, addr, true, &page))
			fail("filling the mapping", -ENOMEM);
		b->folios[i] = virt_to_folio(vma->vm_mm->machine, page);
		if (fill) {
			fill_page(&p->fill, page, addr >> PAGE_SHIFT);
			memcpy(b->src + (i << PAGE_SHIFT), page, PAGE_SIZE);
		} else {
			memcpy(page, b->src + (i << PAGE_SHIFT), PAGE_SIZE);
		}
	}
}

/* Not timed: every page holds the bytes it was filled with. */
static void check_pages(struct machine *m, struct bufs *b, const char *what)
{
	unsigned long i;

	if (m->nr_bugs)
		fail("the model found a bug (data read back differs?)", 0);
	for (i = 0; i < b->pages; i++)
		if (memcmp(folio_address(m, b->folios[i]),
			   b->src + (i << PAGE_SHIFT), PAGE_SIZE))
			fail(what, 0);
}

static void lap_add(struct stopwatch *sum, const struct stopwatch *lap)
{
	sum->wall += lap->wall;
	sum->cpu += lap->cpu;
}

/* The library alone, as zswap calls it: pages [i, j) into their slots. */
static void raw_compress(struct bufs *b, struct zcomp *zc, unsigned long i,
			 unsigned long j)
{
	for (; i < j; i++) {
		size_t len = PAGE_SIZE;

		if (zcomp_compress(zc, b->src + (i << PAGE_SHIFT), PAGE_SIZE,
				   b->comp + i * ZCOMP_DST_BUF_SIZE, &len) ||
		    len >= PAGE_SIZE)
			len = PAGE_SIZE;	/* zswap would reject it */
		b->clen[i] = len;
	}
}

static void raw_decompress(struct bufs *b, struct zcomp *zc, unsigned long i,
			   unsigned long j)
{
	for (; i < j; i++) {
		size_t len = PAGE_SIZE;

		if (b->clen[i] >= PAGE_SIZE)
			continue;
		if (zcomp_decompress(zc, b->comp + i * ZCOMP_DST_BUF_SIZE,
				     b->clen[i], b->out + (i << PAGE_SHIFT),
				     &len) || len != PAGE_SIZE)
			fail("raw decompression", -EIO);
	}
}

static void zswap_store_range(struct machine *m, struct bufs *b,
			      unsigned long i, unsigned long j)
{
	for (; i < j; i++)
		b->stored[i] = zswap_store(m, b->folios[i]);
}

static void zswap_load_range(struct machine *m, struct bufs *b,
			     unsigned long i, unsigned long j)
{
	for (; i < j; i++)
		if (b->stored[i] && !zswap_load(m, b->folios[i]))
			fail("zswap_load of a stored page", -ENOENT);
}

typedef void raw_fn(struct bufs *, struct zcomp *, unsigned long,
		    unsigned long);
typedef void model_fn(struct machine *, struct bufs *, unsigned long,
		      unsigned long);

/*
 * One timed phase: the library's @raw and zswap's @model take turns of
 * TURN pages, so that both see the same host weather; which goes first
 * alternates, so that neither always finds the caches as the other left
 * them.  Each pair of turns is one sample in @t.
 */
static void take_turns(struct machine *m, struct bufs *b, struct zcomp *zc,
		       raw_fn *raw, model_fn *model, struct stopwatch *raw_sw,
		       struct stopwatch *model_sw, struct turns *t)
{
	struct stopwatch rlap, mlap = { 0, 0 };
	unsigned long i, j;

	memset(raw_sw, 0, sizeof(*raw_sw));
	memset(model_sw, 0, sizeof(*model_sw));
	for (i = 0; i < b->pages; i = j, t->n++) {
		j = min(i + TURN, b->pages);
		if (t->n % 2) {
			sw_start(&mlap);
			model(m, b, i, j);
			sw_stop(&mlap);
		}
		sw_start(&rlap);
		raw(b, zc, i, j);
		sw_stop(&rlap);
		if (!(t->n % 2)) {
			sw_start(&mlap);
			model(m, b, i, j);
			sw_stop(&mlap);
		}
		lap_add(raw_sw, &rlap);
		lap_add(model_sw, &mlap);
		t->raw[t->n] = rlap.cpu;
		t->model[t->n] = mlap.cpu;
		t->pages[t->n] = j - i;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, unsigned long n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* zswap's speed over the library's, turn by turn. */
static struct spread turn_spread(const struct turns *t)
{
	static double x[MAX_TURNS], us[MAX_TURNS];
	struct spread s = { 0, 0, 0 };
	unsigned long i;

	if (!t->n)
		return s;
	for (i = 0; i < t->n; i++) {
		x[i] = t->model[i] > 0 ? t->raw[i] / t->model[i] : 0;
		us[i] = (t->model[i] - t->raw[i]) / t->pages[i] * 1e6;
	}
	s.med = median(x, t->n);
	s.min = x[0];
	s.us = median(us, t->n);
	return s;
}

/* Not timed: the library's round trip, and what fitted. */
static void check_raw(struct bufs *b, struct result *r)
{
	unsigned long i;

	r->fit = 0;
	r->raw_bytes = 0;
	for (i = 0; i < b->pages; i++) {
		if (b->clen[i] >= PAGE_SIZE)
			continue;
		r->fit++;
		r->raw_bytes += b->clen[i];
		if (memcmp(b->out + (i << PAGE_SHIFT),
			   b->src + (i << PAGE_SHIFT), PAGE_SIZE))
			fail("raw round trip differs", 0);
	}
}

/*
 * Steps 2 and 4: zswap_store() and zswap_load() alone, next to the library.
 * The folios stay mapped; in the swap cache with a slot each they are what
 * swap_writepage() hands zswap, and loading into them is what a swap-in
 * into the swap cache does.
 */
static void run_zswap(struct machine *m, struct bufs *b, const char *alg,
		      struct result *r)
{
	struct zcomp *zc;
	unsigned long i;
	int err;

	err = zcomp_create(&zc, alg);
	if (err)
		fail("zcomp_create", err);
	for (i = 0; i < b->pages; i++)
		if (!add_to_swap(m, b->folios[i]))
			fail("add_to_swap", -ENOSPC);
	take_turns(m, b, zc, raw_compress, zswap_store_range, &r->comp,
		   &r->zstore, &r->store_turns);
	r->zstored = 0;
	for (i = 0; i < b->pages; i++) {
		if (!b->stored[i])
			continue;
		r->zstored++;
		memset(folio_address(m, b->folios[i]), 0x5a, PAGE_SIZE);
	}
	take_turns(m, b, zc, raw_decompress, zswap_load_range, &r->decomp,
		   &r->zload, &r->load_turns);
	check_raw(b, r);
	check_pages(m, b, "zswap_load brought back different bytes");
	zcomp_destroy(zc);
}

/*
 * Step 3: the folios, in the swap cache and dirty since step 2, go out
 * through reclaim and come back by read faults.
 */
static void run_swap_path(struct machine *m, struct bufs *b,
			  struct vm_area_struct *vma, struct result *r)
{
	unsigned long i, ev[4];
	int err;

	ev[0] = m->vm_events[ZSWPOUT];
	ev[1] = m->vm_events[PSWPOUT];
	r->rejects = zswap_rejects(m);
	sw_start(&r->store);
	err = madvise_pageout(vma, vma->vm_start, vma->vm_end);
	sw_stop(&r->store);
	if (err)
		fail("madvise_pageout", err);
	r->zswpout = m->vm_events[ZSWPOUT] - ev[0];
	r->pswpout = m->vm_events[PSWPOUT] - ev[1];
	r->rejects = zswap_rejects(m) - r->rejects;
	if (r->zswpout + r->pswpout != b->pages)
		fail("not every page left memory", 0);
	r->pool_bytes = debug_value(m,
				    "/sys/kernel/debug/zswap/pool_total_size");
	r->stored = debug_value(m, "/sys/kernel/debug/zswap/stored_pages");
	r->zswap_current = debug_value(m, "bench/memory.zswap.current");

	ev[2] = m->vm_events[ZSWPIN];
	ev[3] = m->vm_events[PSWPIN];
	sw_start(&r->load);
	for (i = 0; i < b->pages; i++) {
		u8 *page;

		if (user_access(vma, vma->vm_start + (i << PAGE_SHIFT), false,
				&page))
			fail("reading the pages back", -EIO);
		b->folios[i] = virt_to_folio(m, page);
	}
	sw_stop(&r->load);
	r->zswpin = m->vm_events[ZSWPIN] - ev[2];
	r->pswpin = m->vm_events[PSWPIN] - ev[3];
	check_pages(m, b, "a page came back different");
}

/* Steps 1-3 on a fresh machine (and the library's turns in step 2). */
static void run_model(struct bufs *b, const struct pattern *p,
		      const char *alg, bool fill, struct result *r)
{
	u64 size = (u64)b->pages << PAGE_SHIFT;
	struct vm_area_struct *vma;
	struct machine *m;
	struct rig rig;
	int err;

	m = bench_machine(4 * size + (256ull << 20), 2 * size + (64ull << 20));
	bench_populate(m);
	write_file(m, "/sys/module/zswap/parameters/compressor", alg);
	write_file(m, "/sys/module/zswap/parameters/enabled", "Y\n");
	rig_enter(&rig, m);
	err = do_mmap(rig.t->mm, "ws", VMA_ANON, NULL, size, false, &vma);
	if (err)
		fail("do_mmap", err);
	fill_mapping(b, p, vma, fill);
	lru_add_drain(m);
	run_zswap(m, b, alg, r);
	run_swap_path(m, b, vma, r);
	rig_destroy(&rig);
}

/* A sink the compiler cannot see through. */
static volatile u64 sink;

/* page_checksum() over the same bytes: seconds. */
static double checksum_time(struct bufs *b)
{
	struct stopwatch sw;
	unsigned long i;
	u64 sum = 0;

	sw_start(&sw);
	for (i = 0; i < b->pages; i++)
		sum += page_checksum(b->src + (i << PAGE_SHIFT));
	sw_stop(&sw);
	sink = sum;
	return sw.cpu;
}

/* Keep the faster of two measurements of the same thing. */
static void keep_min(struct stopwatch *best, const struct stopwatch *sw)
{
	if (!best->cpu || sw->cpu < best->cpu)
		*best = *sw;
}

/*
 * Steps 1-3, @reps times each (a fresh machine every time), keeping the
 * fastest of every timed step: the host is shared, and the slowest runs
 * measure its other tenants.
 */
static void run_best(struct bufs *b, const struct pattern *p, const char *alg,
		     int reps, bool fill, struct result *best)
{
	struct stopwatch zs = { 0 }, zl = { 0 }, st = { 0 }, ld = { 0 };
	struct stopwatch co = { 0 }, de = { 0 };
	int i;

	for (i = 0; i < reps; i++) {
		run_model(b, p, alg, fill && !i, best);
		keep_min(&zs, &best->zstore);
		keep_min(&zl, &best->zload);
		keep_min(&st, &best->store);
		keep_min(&ld, &best->load);
		keep_min(&co, &best->comp);
		keep_min(&de, &best->decomp);
	}
	best->zstore = zs;
	best->zload = zl;
	best->store = st;
	best->load = ld;
	best->comp = co;
	best->decomp = de;
}

static double mbs(const struct bufs *b, double s)
{
	return s > 0 ? (double)b->pages * PAGE_SIZE / s / 1e6 : 0;
}

/* The lowest model/raw ratio seen, and where. */
struct worst {
	double ratio;
	char what[64];
};

static void note_worst(struct worst *w, double ratio, const char *pattern,
		       const char *alg)
{
	if (w->what[0] && ratio >= w->ratio)
		return;
	w->ratio = ratio;
	snprintf(w->what, sizeof(w->what), "%s %s", pattern, alg);
}

/* Microseconds per page the model spends beyond the library. */
static double extra_us(const struct bufs *b, double model_s, double raw_s)
{
	return (model_s - raw_s) / b->pages * 1e6;
}

/* "MB/s raw x +us" of one timed step against the library's. */
static void print_vs_raw(const struct bufs *b, const struct stopwatch *model,
			 const struct stopwatch *raw)
{
	double mine = mbs(b, model->cpu), lib = mbs(b, raw->cpu);

	printf(" %7.0f %7.0f %5.2f %5.2f", mine, lib, mine / lib,
	       extra_us(b, model->cpu, raw->cpu));
}

static void print_busy(const char *what, const struct stopwatch *a,
		       const struct stopwatch *b)
{
	if (a->wall > 1.5 * a->cpu || b->wall > 1.5 * b->cpu)
		printf("  (busy host: wall %.0f / %.0f ms for %s)\n",
		       a->wall * 1e3, b->wall * 1e3, what);
}

/* "MB/s raw x-median x-min +us" of one phase of zswap alone */
static struct spread print_turns(const struct bufs *b,
				 const struct stopwatch *model,
				 const struct stopwatch *raw,
				 const struct turns *t)
{
	struct spread s = turn_spread(t);

	printf(" %7.0f %7.0f %5.2f %5.2f %5.2f", mbs(b, model->cpu),
	       mbs(b, raw->cpu), s.med, s.min, s.us);
	return s;
}

/* One line of the zswap table: the target's measure. */
static void print_zswap(const struct bufs *b, const char *pattern,
			const char *alg, const struct result *r,
			struct worst *worst)
{
	struct spread s;

	printf("%-8s %-5s", pattern, alg);
	s = print_turns(b, &r->zstore, &r->comp, &r->store_turns);
	note_worst(&worst[0], s.med, pattern, alg);
	note_worst(&worst[1], s.min, pattern, alg);
	if (!r->zstored) {
		printf(" %7s %7s %5s %5s %5s %5s %5s  0/%lu: every page "
		       "rejected (compress + reject), nothing to load\n", "-",
		       "-", "-", "-", "-", "-", "-", b->pages);
		print_busy("zswap_store / compress", &r->zstore, &r->comp);
		return;
	}
	s = print_turns(b, &r->zload, &r->decomp, &r->load_turns);
	note_worst(&worst[2], s.med, pattern, alg);
	note_worst(&worst[3], s.min, pattern, alg);
	printf(" %5.2f %5.2f  %lu/%lu\n",
	       r->pool_bytes ?
	       (double)r->stored * PAGE_SIZE / r->pool_bytes : 0,
	       r->raw_bytes ? (double)r->fit * PAGE_SIZE / r->raw_bytes : 0,
	       r->zstored, b->pages - r->zstored);
	print_busy("zswap_store / zswap_load", &r->zstore, &r->zload);
}

/* One line of the whole-path table, for scale. */
static void print_path(const struct bufs *b, const char *pattern,
		       const char *alg, const struct result *r)
{
	printf("%-8s %-5s", pattern, alg);
	print_vs_raw(b, &r->store, &r->comp);
	if (!r->zswpout) {
		printf(" %7.0f %7s %5s %5s  pageout = compress + reject + "
		       "device write (%lu), faults = device reads (%lu)\n",
		       mbs(b, r->load.cpu), "-", "-", "-", r->pswpout,
		       r->pswpin);
	} else {
		print_vs_raw(b, &r->load, &r->decomp);
		printf("  zswpout %lu, zswpin %lu\n", r->zswpout, r->zswpin);
	}
	print_busy("pageout / faults", &r->store, &r->load);
}

static void print_worst(const struct worst *w)
{
	if (!w[0].what[0])
		return;
	printf("\nbench_zswap: zswap_store/raw per turn: worst median %.2f "
	       "(%s), worst minimum %.2f (%s)\n", w[0].ratio, w[0].what,
	       w[1].ratio, w[1].what);
	if (w[2].what[0])
		printf("bench_zswap: zswap_load/raw per turn: worst median "
		       "%.2f (%s), worst minimum %.2f (%s)\n", w[2].ratio,
		       w[2].what, w[3].ratio, w[3].what);
	printf("bench_zswap: target >= %.2f in every cell\n", TARGET_RATIO);
}

static void bufs_init(struct bufs *b)
{
	b->src = malloc(b->pages << PAGE_SHIFT);
	b->comp = malloc(b->pages * ZCOMP_DST_BUF_SIZE);
	b->clen = calloc(b->pages, sizeof(*b->clen));
	b->out = malloc(b->pages << PAGE_SHIFT);
	b->folios = calloc(b->pages, sizeof(*b->folios));
	b->stored = calloc(b->pages, sizeof(*b->stored));
	if (!b->src || !b->comp || !b->clen || !b->out || !b->folios ||
	    !b->stored)
		fail("buffers", -ENOMEM);
	/*
	 * Back them with host memory now, outside every timed step; not with
	 * zeroes, or the compiler makes malloc + memset a calloc that touches
	 * nothing.
	 */
	memset(b->src, 0xa5, b->pages << PAGE_SHIFT);
	memset(b->comp, 0xa5, b->pages * ZCOMP_DST_BUF_SIZE);
	memset(b->out, 0xa5, b->pages << PAGE_SHIFT);
}

static void bufs_release(struct bufs *b)
{
	free(b->src);
	free(b->comp);
	free(b->clen);
	free(b->out);
	free(b->folios);
	free(b->stored);
}

static void usage(void)
{
	fprintf(stderr, "usage: bench_zswap [-s MiB] [-c lzo,lz4,zstd] "
		"[-r reps] [-p text,random,ratio0.3]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long mib = 32;
	const char *only = NULL;
	int reps = 5;
	char algbuf[128] = "lzo,lz4,zstd", *algs[8], *save = NULL, *tok;
	double csum_s[ARRAY_SIZE(patterns)] = { 0 };
	struct result *results;
	struct worst worst[4];
	int nalgs = 0, opt, a;
	struct bufs b;
	size_t p;

	while ((opt = getopt(argc, argv, "s:c:r:p:")) != -1) {
		switch (opt) {
		case 'p':
			only = optarg;
			break;
		case 'r':
			reps = atoi(optarg);
			break;
		case 's':
			mib = strtoul(optarg, NULL, 0);
			break;
		case 'c':
			snprintf(algbuf, sizeof(algbuf), "%s", optarg);
			break;
		default:
			usage();
		}
	}
	for (tok = strtok_r(algbuf, ",", &save); tok && nalgs < 8;
	     tok = strtok_r(NULL, ",", &save))
		algs[nalgs++] = tok;
	if (!mib || mib > 1024 || !nalgs || reps < 1 ||
	    reps * DIV_ROUND_UP(mib << (20 - PAGE_SHIFT), TURN) > MAX_TURNS)
		usage();
	for (a = 0; a < nalgs; a++)
		if (zcomp_available(algs[a]))
			fail(algs[a], -ENOENT);
	b.pages = mib << (20 - PAGE_SHIFT);
	bufs_init(&b);
	memset(worst, 0, sizeof(worst));

	results = calloc(ARRAY_SIZE(patterns) * nalgs, sizeof(*results));
	if (!results)
		fail("results", -ENOMEM);
	for (p = 0; p < ARRAY_SIZE(patterns); p++) {
		if (only && !strstr(only, patterns[p].name))
			continue;
		for (a = 0; a < nalgs; a++)
			run_best(&b, &patterns[p], algs[a], reps, !a,
				 &results[p * nalgs + a]);
		csum_s[p] = checksum_time(&b);
	}

	printf("zswap_store() and zswap_load() vs the raw library, %lu MiB = "
	       "%lu distinct pages per run, %d runs, turns of %lu pages\n",
	       mib, b.pages, reps, TURN);
	printf("MB/s of page data, the fastest run; x = zswap/raw per turn "
	       "(%lu turns): median, minimum;\ntarget >= %.2f; +us: median "
	       "time per page beyond the library's\n",
	       reps * DIV_ROUND_UP(b.pages, TURN), TARGET_RATIO);
	printf("%-8s %-5s %7s %7s %5s %5s %5s %7s %7s %5s %5s %5s %5s %5s\n",
	       "", "", "store", "raw", "x", "x", "", "load", "raw", "x", "x",
	       "", "ratio", "ratio");
	printf("%-8s %-5s %7s %7s %5s %5s %5s %7s %7s %5s %5s %5s %5s %5s  "
	       "%s\n", "pattern", "alg", "MB/s", "comp", "med", "min", "+us",
	       "MB/s", "decomp", "med", "min", "+us", "zswap", "raw",
	       "stored/rejected");
	for (p = 0; p < ARRAY_SIZE(patterns); p++)
		for (a = 0; a < nalgs; a++)
			if (!only || strstr(only, patterns[p].name))
				print_zswap(&b, patterns[p].name, algs[a],
					    &results[p * nalgs + a], worst);
	printf("ratio zswap: stored pages * 4096 / pool_total_size; raw: "
	       "pages that fit / their compressed bytes\n\n");

	printf("for scale, the whole swap path: MADV_PAGEOUT and read faults, "
	       "with the model's page check\n");
	printf("%-8s %-5s %7s %7s %5s %5s %7s %7s %5s %5s\n", "pattern", "alg",
	       "pgout", "comp", "x", "+us", "faults", "decomp", "x", "+us");
	for (p = 0; p < ARRAY_SIZE(patterns); p++) {
		if (only && !strstr(only, patterns[p].name))
			continue;
		for (a = 0; a < nalgs; a++)
			print_path(&b, patterns[p].name, algs[a],
				   &results[p * nalgs + a]);
		printf("%-8s %-5s %7.0f MB/s, %.2f us/page: page_checksum(), "
		       "run on every swap-out and swap-in of this path\n",
		       patterns[p].name, "", mbs(&b, csum_s[p]),
		       csum_s[p] / b.pages * 1e6);
	}
	print_worst(worst);
	free(results);
	bufs_release(&b);
	return 0;
}
