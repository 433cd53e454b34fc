// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the runtime: scenarios that parse and RUN.  The
 * input is not scenario text but a sequence of choices in a grammar of
 * the language (gen_*() below): a small machine, then up to MAX_STMTS
 * statements over a small cgroup tree, four processes with four regions
 * each, files on the disk and on tmpfs, open cgroup files, recordings,
 * waits and background actions, each with values drawn from short lists
 * that include the edges (0, a page, more than the machine, junk).  The
 * generator tracks what the parser tracks (declared processes, mapped
 * regions, open files), so nearly every input parses and runs.  Values
 * (let, $v), loops, if/else and the fill patterns come in too, around
 * statements that declare nothing; and on one machine in four a fault-
 * injection capability fails allocations, swap I/O or zswap's compressor.
 *
 * Each scenario runs on the model with --verify and small limits, and one
 * in four runs twice: any invariant mm_verify() finds broken, any model
 * bug (include/bug.h), any sanitizer report or a difference between the
 * two runs' output is a finding.  Failed expectations and refused writes are not: they are the
 * scenario's business.
 *
 *   make fuzz && mkdir -p build-fuzz/run &&
 *   build-fuzz/fuzz_run -max_total_time=1800 -timeout=60 -max_len=512 \
 *	build-fuzz/run tests/fuzz/corpus/run
 *
 * FUZZ_RUN_TRACE=1 in the environment prints each generated scenario and
 * its output, to see what an input does.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "scenario/model/model.h"
#include "scenario/parser.h"
#include "scenario/run.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_STMTS	48
#define NPROC		4
#define NREG		4
#define NFD		2

struct gen {
	const uint8_t *p;
	size_t n;
	struct strbuf sb;
	bool declared[NPROC];		/* names are declared once, for ever */
	unsigned int regions[NPROC];	/* bit r: region rN mapped */
	u64 size[NPROC][NREG];		/* its size */
	unsigned int fds;		/* bit f: fdN open */
	bool zswap;
	bool have_v;			/* `let v` has come */
};

/* The next choice among @n (0 when the input is used up). */
static unsigned int pick(struct gen *g, unsigned int n)
{
	unsigned int v;

	if (!g->n || n <= 1)
		return 0;
	v = *g->p++;
	g->n--;
	return v % n;
}

#define ONE_OF(g, arr)	((arr)[pick(g, ARRAY_SIZE(arr))])

static const char *const cgroups[] = { "A", "B", "A/B", "A/C", "A/B/C" };
static const char *const sizes[] = {
	"4K", "8K", "64K", "1M", "2M", "4M", "12M", "40M",
};
static const u64 size_bytes[] = {
	4096, 8192, 65536, 1 << 20, 2 << 20, 4 << 20, 12 << 20, 40 << 20,
};
static const char *const values[] = {
	"0", "1", "4096", "1M", "4M", "8M", "16M", "max", "100G", "-1", "x",
	"\"\"", "\" 2M \"", "18446744073709551615", "1.5M",
};
static const char *const limit_files[] = {
	"memory.max", "memory.high", "memory.low", "memory.min",
	"memory.swap.max", "memory.swap.high", "memory.zswap.max",
	"memory.reclaim", "memory.oom.group", "memory.zswap.writeback",
	"cgroup.max.depth", "cgroup.max.descendants", "memory.peak",
	"memory.swap.peak",
};
static const char *const read_files[] = {
	"memory.current", "memory.stat", "memory.events", "memory.swap.current",
	"memory.zswap.current", "memory.pressure", "cgroup.procs",
	"cgroup.events", "cgroup.stat", "memory.numa_stat", "memory.peak",
	"memory.events.local", "memory.swap.events", "cgroup.controllers",
};
static const char *const abs_files[] = {
	"/proc/meminfo", "/proc/vmstat", "/proc/slabinfo",
	"/sys/kernel/debug/zswap/stored_pages",
	"/sys/kernel/debug/zswap/pool_total_size",
	"/proc/sys/vm/swappiness", "/sys/kernel/debug/memcglab/kmem",
};
static const char *const durations[] = {
	"0ms", "1ms", "4ms", "10ms", "100ms", "1s", "5s",
};

/*
 * One machine in four injects faults the kernel's way, the choice drawn
 * from its seed so that inputs found before this came still make the same
 * scenarios: one capability, unfiltered, failing now and then or always,
 * for ever or a few times.  Failed statements are the scenario's
 * business; a lost page or charge is a finding as ever.
 */
static void faults(struct gen *g, unsigned int seed)
{
	static const char *const cap[] = {
		"failslab", "fail_page_alloc", "fail_make_request",
		"memcglab/fail_zswap_compress",
	};
	static const unsigned int prob[] = { 1, 5, 20, 100 };
	const char *c = cap[(seed >> 2) & 3];

	if ((seed & 3) != 3)
		return;
	if (!strcmp(c, "fail_make_request"))
		sb_puts(&g->sb, "write /sys/block/vda/make-it-fail 1\n");
	else if (strcmp(c, "memcglab/fail_zswap_compress"))
		sb_printf(&g->sb, "write /sys/kernel/debug/%s/ignore-gfp-wait N\n",
			  c);
	if (!strcmp(c, "fail_page_alloc"))
		sb_puts(&g->sb, "write /sys/kernel/debug/fail_page_alloc/"
			"ignore-gfp-highmem N\n"
			"write /sys/kernel/debug/fail_page_alloc/min-order 0\n");
	sb_printf(&g->sb, "write /sys/kernel/debug/%s/probability %u\n"
		  "write /sys/kernel/debug/%s/times %d\n", c,
		  prob[(seed >> 4) & 3], c, seed & 64 ? -1 : 3);
}

static void machine(struct gen *g)
{
	static const char *const mem[] = { "16M", "32M", "64M" };
	static const char *const swap[] = { "none", "8M", "32M", "64M" };
	static const char *const comp[] = { "lzo", "lz4", "zstd" };

	unsigned int seed;

	sb_printf(&g->sb, "machine memory=%s swap=%s cpus=%u nodes=%u ",
		  ONE_OF(g, mem), ONE_OF(g, swap), 1 + pick(g, 4),
		  1 + pick(g, 2));
	seed = pick(g, 256);
	sb_printf(&g->sb, "seed=%u\n", seed);
	faults(g, seed);
	if (pick(g, 2)) {
		g->zswap = true;
		sb_printf(&g->sb, "param zswap.enabled=Y zswap.compressor=%s "
			  "zswap.max_pool_percent=%u\n", ONE_OF(g, comp),
			  1 + pick(g, 50));
	}
	if (pick(g, 2))
		sb_printf(&g->sb, "sysctl vm.swappiness=%u vm.overcommit_memory=%u\n",
			  pick(g, 201), pick(g, 3));
	if (pick(g, 4) == 0)
		sb_puts(&g->sb, "policy zswap.lru=global\n");
	if (pick(g, 3) == 0)
		sb_puts(&g->sb, "mount cgroup2 memory_recursiveprot\n");
	sb_puts(&g->sb, "write cgroup.subtree_control +memory\nmkdir A B\n"
		"write A/cgroup.subtree_control +memory\nmkdir A/B A/C\n");
}

static const char *cgroup(struct gen *g)
{
	return ONE_OF(g, cgroups);
}

/* A live-or-dead declared process, or -1. */
static int some_proc(struct gen *g)
{
	int i = pick(g, NPROC), k;

	for (k = 0; k < NPROC; k++, i = (i + 1) % NPROC)
		if (g->declared[i])
			return i;
	return -1;
}

static int free_proc(struct gen *g)
{
	int i = pick(g, NPROC), k;

	for (k = 0; k < NPROC; k++, i = (i + 1) % NPROC)
		if (!g->declared[i])
			return i;
	return -1;
}

/* A region @p has mapped (mapped is true) or not, or -1. */
static int some_region(struct gen *g, int p, bool mapped)
{
	int r = pick(g, NREG), k;

	for (k = 0; k < NREG; k++, r = (r + 1) % NREG)
		if (!!(g->regions[p] & (1u << r)) == mapped)
			return r;
	return -1;
}

/* " OFFSET LENGTH" inside a region of @size bytes, or nothing. */
static void range(struct gen *g, u64 size)
{
	u64 pages = size / 4096, first, len;

	if (pick(g, 2) || pages < 2)
		return;
	first = pick(g, pages);
	len = 1 + pick(g, pages - first);
	sb_printf(&g->sb, " %lluK %lluK", (unsigned long long)first * 4,
		  (unsigned long long)len * 4);
}

static void act_mmap(struct gen *g, int p)
{
	static const char *const kinds[] = { "anon", "file", "shmem", "memfd" };
	int r = some_region(g, p, false), k = pick(g, 4), s = pick(g, 8);

	if (r < 0)
		return;
	sb_printf(&g->sb, "p%d: mmap r%d %s", p, r, kinds[k]);
	if (k == 1)
		sb_printf(&g->sb, " /data/f%u", pick(g, 3));
	else if (k == 2)
		sb_printf(&g->sb, " /dev/shm/s%u", pick(g, 2));
	sb_printf(&g->sb, " %s", sizes[s]);
	if (k == 1 && pick(g, 2))
		sb_puts(&g->sb, " private");
	sb_puts(&g->sb, "\n");
	g->regions[p] |= 1u << r;
	g->size[p][r] = size_bytes[s];
}

static void act_region(struct gen *g, int p)
{
	static const char *const fills[] = {
		"", " fill=zero", " fill=sparse", " fill=text", " fill=random",
		" fill=ratio=0.3", " read",
	};
	static const char *const advice[] = {
		"pageout", "cold", "dontneed", "willneed",
	};
	static const char *const pattern[] = { "uniform", "seq", "zipf:0.9" };
	int r = some_region(g, p, true);

	if (r < 0)
		return act_mmap(g, p);
	switch (pick(g, 7)) {
	case 0:
	case 1:
		sb_printf(&g->sb, "p%d: touch r%d", p, r);
		range(g, g->size[p][r]);
		sb_printf(&g->sb, "%s%s\n", ONE_OF(g, fills),
			  pick(g, 4) ? "" : " &");
		break;
	case 2:
		sb_printf(&g->sb, "p%d: madvise r%d %s", p, r, ONE_OF(g, advice));
		range(g, g->size[p][r]);
		sb_puts(&g->sb, "\n");
		break;
	case 3:
		sb_printf(&g->sb, "p%d: %s r%d%s\n", p,
			  pick(g, 2) ? "mlock" : "munlock", r,
			  pick(g, 4) ? "" : " &");
		break;
	case 4:
		sb_printf(&g->sb, "p%d: munmap r%d\n", p, r);
		g->regions[p] &= ~(1u << r);
		break;
	case 5:
		sb_printf(&g->sb, "p%d: access r%d pattern=%s ops=%u write=0.%u%s\n",
			  p, r, ONE_OF(g, pattern), 1 + pick(g, 200) * 50,
			  pick(g, 10), pick(g, 3) ? "" : " &");
		break;
	default:
		sb_printf(&g->sb, "expect pagemap p%d r%d %s >= 0\n", p, r,
			  pick(g, 2) ? "present" : "swap");
		break;
	}
}

static void act_file(struct gen *g, int p)
{
	const char *dir = pick(g, 3) ? "/data/f" : "/dev/shm/s";
	unsigned int f = pick(g, 3);

	switch (pick(g, 4)) {
	case 0:
		sb_printf(&g->sb, "p%d: write %s%u %s\n", p, dir, f,
			  ONE_OF(g, sizes));
		break;
	case 1:
		sb_printf(&g->sb, "p%d: read %s%u\n", p, dir, f);
		break;
	case 2:
		sb_printf(&g->sb, "p%d: truncate %s%u %s\n", p, dir, f,
			  pick(g, 3) ? ONE_OF(g, sizes) : "0");
		break;
	default:
		sb_printf(&g->sb, "p%d: dentries %u%s\n", p, 1 + pick(g, 200),
			  pick(g, 2) ? " positive" : "");
		break;
	}
}

static void proc_stmt(struct gen *g)
{
	int p = some_proc(g), q;

	if (p < 0 || pick(g, 8) == 0) {
		q = free_proc(g);
		if (q < 0)
			return;
		sb_printf(&g->sb, "spawn p%d in %s", q, cgroup(g));
		if (pick(g, 3) == 0)
			sb_printf(&g->sb, " threads=%u", 1 + pick(g, 64));
		if (pick(g, 3) == 0)
			sb_printf(&g->sb, " oom_score_adj=%d",
				  (int)pick(g, 2001) - 1000);
		sb_puts(&g->sb, "\n");
		g->declared[q] = true;
		return;
	}
	switch (pick(g, 10)) {
	case 0:
		q = free_proc(g);
		if (q < 0)
			break;
		sb_printf(&g->sb, "fork p%d as p%d\n", p, q);
		g->declared[q] = true;
		g->regions[q] = g->regions[p];
		memcpy(g->size[q], g->size[p], sizeof(g->size[q]));
		break;
	case 1:
		sb_printf(&g->sb, "move p%d to %s\n", p, cgroup(g));
		break;
	case 2:
		sb_printf(&g->sb, pick(g, 2) ? "kill p%d\n" : "p%d: exit\n", p);
		break;
	case 3:
		sb_printf(&g->sb, "wait p%d\n", p);
		break;
	case 4:
		act_file(g, p);
		break;
	default:
		act_region(g, p);
		break;
	}
}

static void file_stmt(struct gen *g)
{
	int f = pick(g, NFD);

	switch (pick(g, 8)) {
	case 0:
		sb_printf(&g->sb, "read %s/%s\n", cgroup(g), ONE_OF(g, read_files));
		break;
	case 1:
		sb_printf(&g->sb, "read %s\n", ONE_OF(g, abs_files));
		break;
	case 2:
		sb_printf(&g->sb, "expect %s/memory.current <= %s\n", cgroup(g),
			  ONE_OF(g, sizes));
		break;
	case 3:
		if ((g->fds & (1u << f)) && pick(g, 2)) {
			sb_printf(&g->sb, "close fd%d\n", f);
			g->fds &= ~(1u << f);
		} else if (g->fds & (1u << f)) {
			sb_printf(&g->sb, "write fd%d reset\n", f);
		} else {
			sb_printf(&g->sb, "open %s/memory.%speak as fd%d\n",
				  cgroup(g), pick(g, 2) ? "" : "swap.", f);
			g->fds |= 1u << f;
		}
		break;
	case 4:
		if (g->fds & (1u << f))
			sb_printf(&g->sb, "expect fd%d >= 0\n", f);
		break;
	case 5:
		sb_printf(&g->sb, "record every %s %s/memory.current "
			  "/proc/meminfo:MemFree to /dev/null\n",
			  pick(g, 2) ? "1ms" : "10ms", cgroup(g));
		break;
	default:
		sb_printf(&g->sb, "write %s/%s %s\n", cgroup(g),
			  ONE_OF(g, limit_files), ONE_OF(g, values));
		break;
	}
}

static void tree_stmt(struct gen *g)
{
	switch (pick(g, 7)) {
	case 0:
		sb_printf(&g->sb, "mkdir %s\n", cgroup(g));
		break;
	case 1:
		sb_printf(&g->sb, "rmdir %s\n", cgroup(g));
		break;
	case 2:
		sb_printf(&g->sb, "write %s/cgroup.subtree_control %cmemory\n",
			  cgroup(g), pick(g, 2) ? '+' : '-');
		break;
	case 3:
		sb_printf(&g->sb, "sleep %s\n", ONE_OF(g, durations));
		break;
	case 4:
		sb_printf(&g->sb, "wait until %s/memory.current <= %s timeout=%s\n",
			  cgroup(g), ONE_OF(g, sizes),
			  durations[1 + pick(g, ARRAY_SIZE(durations) - 1)]);
		break;
	case 5:
		sb_printf(&g->sb, "reclaim_until %s %s\n", cgroup(g),
			  ONE_OF(g, sizes));
		break;
	default:
		sb_printf(&g->sb, "write /proc/sys/vm/drop_caches %u\n",
			  1 + pick(g, 3));
		break;
	}
}

static const char *const ops[] = { "+", "-", "*", "/", "%" };

/*
 * Values and control flow, around statements that declare nothing (so the
 * names the generator tracks stay right): let, a write of $v, repeat,
 * for, if/else and while with their bounds, and the fill patterns.
 */
static void flow_stmt(struct gen *g)
{
	const char *cg = cgroup(g);
	int p = some_proc(g), r = pick(g, NREG);

	switch (pick(g, 6)) {
	case 0:
		/* a cgroup that is not there would stop the run: test first */
		sb_printf(&g->sb, "let v = %s\nif %s/memory.current readable\n"
			  "  let v = read(%s/memory.current) %s %s\nend\n",
			  ONE_OF(g, sizes), cg, cg, ONE_OF(g, ops), ONE_OF(g, sizes));
		g->have_v = true;
		break;
	case 1:
		sb_printf(&g->sb, "repeat %u as i\n  write %s/%s ${i}M\n"
			  "  expect %s/memory.current >= $i\nend\n",
			  pick(g, 4), cg, ONE_OF(g, limit_files), cg);
		break;
	case 2:
		sb_printf(&g->sb, "if %s/memory.current > %s and not %s/cgroup.procs empty\n"
			  "  write %s/memory.high %s\nelse\n  sleep 1ms\nend\n",
			  cg, ONE_OF(g, sizes), cg, cg, ONE_OF(g, values));
		break;
	case 3:
		sb_printf(&g->sb, "while %s/memory.current > %s max=%u\n"
			  "  write %s/memory.reclaim 1M\n  sleep 1ms\nend\n",
			  cg, ONE_OF(g, sizes), 1 + pick(g, 4), cg);
		break;
	case 4:
		if (g->have_v)
			sb_printf(&g->sb, "for k in 0..2\n  write %s/%s $v\nend\n",
				  cg, ONE_OF(g, limit_files));
		break;
	default:
		if (p >= 0 && (g->regions[p] & (1u << r)))
			sb_printf(&g->sb, "p%d: touch r%d fill=%s\n", p, r,
				  pick(g, 2) ? "half_ascending" : "stride=4095:97");
		break;
	}
}

static void generate(struct gen *g)
{
	int i;

	machine(g);
	for (i = 0; i < MAX_STMTS && g->n; i++) {
		switch (pick(g, 7)) {
		case 0:
			tree_stmt(g);
			break;
		case 6:
			flow_stmt(g);
			break;
		case 1:
			file_stmt(g);
			break;
		default:
			proc_stmt(g);
			break;
		}
	}
}

/* What must never happen: a finding, whatever the scenario expected. */
static void on_tap(void *arg, const struct scn_stmt *s, u64 now, bool ok,
		   bool todo, const char *reason, const char *detail)
{
	if (!ok && detail && (strstr(detail, "invariant broken") ||
			      strstr(detail, "model bug reported"))) {
		fprintf(stderr, "line %d: %s: %s\n", s->line, s->text, detail);
		abort();
	}
}

static const struct scn_observer observer = { .tap = on_tap };

/* Run @sc once; its whole output (malloc'd) in *@out. */
static int run_once(const struct scn_script *sc, char **out, size_t *len)
{
	struct scn_run_options opts = {
		.verify = true,
		.observer = &observer,
		.limits = { .ops = 20000, .samples = 2000 },
	};
	struct scn_backend *be;
	int ret = 2;

	opts.out = open_memstream(out, len);
	if (!opts.out)
		abort();
	be = scn_model_create(sc, &opts);
	if (be) {
		ret = scn_run(sc, be, &opts);
		if (scn_model_destroy(be)) {
			fprintf(stderr, "model bug in teardown\n");
			abort();
		}
	}
	fclose(opts.out);
	return ret;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gen g = { .p = data, .n = size, .sb = STRBUF_INIT };
	struct strbuf err = STRBUF_INIT;
	bool trace = getenv("FUZZ_RUN_TRACE");
	struct scn_script *sc = NULL;
	char *out1 = NULL, *out2 = NULL;
	size_t len1 = 0, len2 = 0;

	generate(&g);
	if (trace)
		fprintf(stderr, "---- scenario\n%s", g.sb.buf);
	if (scn_parse_string("fuzz.scn", g.sb.buf, g.sb.len, &sc, &err)) {
		if (trace)
			fprintf(stderr, "---- does not parse\n%s", err.buf);
		goto out;
	}
	run_once(sc, &out1, &len1);
	if (trace)
		fprintf(stderr, "---- output\n%s", out1);
	/* the same again, byte for byte: for one input in four (its length) */
	if (size % 4)
		goto out;
	run_once(sc, &out2, &len2);
	if (len1 != len2 || memcmp(out1, out2, len1)) {
		fprintf(stderr, "two runs differ:\n%s---\n%s", out1, out2);
		abort();
	}
out:
	free(out1);
	free(out2);
	scn_script_free(sc);
	sb_release(&err);
	sb_release(&g.sb);
	return 0;
}
