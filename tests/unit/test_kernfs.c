// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for the interface files (fs/kernfs.c routing, the cftype rows
 * of mm/memcontrol_files.c, kernel/cgroup_files.c, fs/proc): every accepted
 * and rejected input form, the exact text of fresh files, which files the
 * root has, per-fd memory.peak, and the errnos of bad reads and writes.
 *
 * References: memcg-core.md §9.1 (tunable parsing), §9.3, §12 items 1-7, 24,
 * 36; docs/kernel-6.12-formats.md §1-§5 and §11.1 (6.12 specifics: six
 * memory.events lines, 65 memory.stat keys, no swappiness=max).  Where the
 * two disagree, the 6.12 document wins.
 *
 * Kernel facts used beyond those documents (kernel source):
 *  - cgroup_file_write() returns 0 for a zero-length write without calling
 *    the handler ([BOOT] in formats §11.1: write("") -> 0, value unchanged);
 *  - memory.oom.group, memory.zswap.writeback and /proc/PID/oom_score_adj
 *    return kstrtoint()'s own error, so an out-of-int number is ERANGE;
 *  - sysctl integers are parsed with base 0 (proc_get_long ->
 *    strtoul_lenient(.., 0, ..)): "0x10" is 16 and "010" is 8;
 *  - a write to a /proc file without a write handler (meminfo, vmstat) is
 *    EIO (fs/proc/inode.c pde_write); a cgroup file without one is EINVAL;
 *  - reading the 0200 sysctl drop_caches fails with EACCES (sysctl_perm);
 *  - memory.reclaim's swappiness=%d goes through match_token, whose %d uses
 *    simple_strtol: "+5" is no number there.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/rcupdate.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "include/kernfs.h"
#include "include/fs.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/mm.h"
#include "fixture.h"
#include "tap.h"

static long rdfd(struct kernfs_open_file *of)
{
	struct strbuf sb = STRBUF_INIT;
	long v = -1;

	if (kernfs_read(of, &sb) >= 0 && sb.buf)
		v = strtol(sb.buf, NULL, 10);
	sb_release(&sb);
	return v;
}

/* @t touches @pages new anon pages, returns memory.current of @cg at the
 * top, then unmaps them again. */
static long touch_and_free(struct machine *m, struct task_struct *t,
			   const char *cg, unsigned long pages)
{
	char path[128];
	struct vm_area_struct *vma;
	unsigned long i;
	long top;
	u8 *page;

	snprintf(path, sizeof(path), "%s/memory.current", cg);
	m->current = t;
	if (do_mmap(t->mm, "tmp", VMA_ANON, NULL, pages * PAGE_SIZE, false, &vma))
		return -1;
	for (i = 0; i < pages; i++)
		user_access(vma, vma->vm_start + i * PAGE_SIZE, true, &page);
	m->current = NULL;
	top = num(m, path);
	m->current = t;
	do_munmap(t->mm, vma);
	m->current = NULL;
	return top;
}

/* ---- the exact text of fresh files ---- */

static const char *const stat_keys[] = {
	"anon", "file", "kernel", "kernel_stack", "pagetables",
	"sec_pagetables", "percpu", "sock", "vmalloc", "shmem", "zswap",
	"zswapped", "file_mapped", "file_dirty", "file_writeback",
	"swapcached", "anon_thp", "file_thp", "shmem_thp", "inactive_anon",
	"active_anon", "inactive_file", "active_file", "unevictable",
	"slab_reclaimable", "slab_unreclaimable", "slab",
	"workingset_refault_anon", "workingset_refault_file",
	"workingset_activate_anon", "workingset_activate_file",
	"workingset_restore_anon", "workingset_restore_file",
	"workingset_nodereclaim", "pgdemote_kswapd", "pgdemote_direct",
	"pgdemote_khugepaged", "pgpromote_success", "pgscan", "pgsteal",
	"pgscan_kswapd", "pgscan_direct", "pgscan_khugepaged",
	"pgsteal_kswapd", "pgsteal_direct", "pgsteal_khugepaged", "pgfault",
	"pgmajfault", "pgrefill", "pgactivate", "pgdeactivate", "pglazyfree",
	"pglazyfreed", "swpin_zero", "swpout_zero", "zswpin", "zswpout",
	"zswpwb", "thp_fault_alloc", "thp_collapse_alloc", "thp_swpout",
	"thp_swpout_fallback", "numa_pages_migrated", "numa_pte_updates",
	"numa_hint_faults",
};

static const char *const numa_keys[] = {
	"anon", "file", "kernel_stack", "pagetables", "sec_pagetables",
	"shmem", "file_mapped", "file_dirty", "file_writeback", "swapcached",
	"anon_thp", "file_thp", "shmem_thp", "inactive_anon", "active_anon",
	"inactive_file", "active_file", "unevictable", "slab_reclaimable",
	"slab_unreclaimable", "workingset_refault_anon",
	"workingset_refault_file", "workingset_activate_anon",
	"workingset_activate_file", "workingset_restore_anon",
	"workingset_restore_file", "workingset_nodereclaim", "pgdemote_kswapd",
	"pgdemote_direct", "pgdemote_khugepaged", "pgpromote_success",
};

static void test_fresh(struct machine *m)
{
	static const struct { const char *file, *text; } fresh[] = {
		{ "memory.current", "0\n" },
		{ "memory.peak", "0\n" },
		{ "memory.min", "0\n" },
		{ "memory.low", "0\n" },
		{ "memory.high", "max\n" },
		{ "memory.max", "max\n" },
		{ "memory.oom.group", "0\n" },
		{ "memory.swap.current", "0\n" },
		{ "memory.swap.high", "max\n" },
		{ "memory.swap.max", "max\n" },
		{ "memory.swap.peak", "0\n" },
		{ "memory.zswap.current", "0\n" },
		{ "memory.zswap.max", "max\n" },
		{ "memory.zswap.writeback", "1\n" },
		{ "memory.events",
		  "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n" },
		{ "memory.events.local",
		  "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n" },
		{ "memory.swap.events", "high 0\nmax 0\nfail 0\n" },
		{ "cgroup.events", "populated 0\nfrozen 0\n" },
		{ "cgroup.type", "domain\n" },
		{ "cgroup.procs", "" },
		{ "cgroup.subtree_control", "" },
		{ "cgroup.controllers", "memory\n" },	/* the root enabled it */
	};
	struct strbuf want = STRBUF_INIT;
	char path[128];
	size_t i;

	cgroup_mkdir(m, "fresh");
	for (i = 0; i < ARRAY_SIZE(fresh); i++) {
		snprintf(path, sizeof(path), "fresh/%s", fresh[i].file);
		is_str(rd(m, path), fresh[i].text, "fresh %s", fresh[i].file);
	}
	for (i = 0; i < ARRAY_SIZE(stat_keys); i++)
		sb_printf(&want, "%s 0\n", stat_keys[i]);
	is_str(rd(m, "fresh/memory.stat"), want.buf,
	       "fresh memory.stat: 65 keys in 6.12 order, all 0");
	sb_reset(&want);
	for (i = 0; i < ARRAY_SIZE(numa_keys); i++)
		sb_printf(&want, "%s N0=0\n", numa_keys[i]);
	is_str(rd(m, "fresh/memory.numa_stat"), want.buf,
	       "fresh memory.numa_stat: 31 node items, one node");
	sb_release(&want);
	cgroup_rmdir(m, "fresh");
}

static int count_prefixed(const char *list, const char *prefix)
{
	int n = 0;
	const char *s;

	for (s = list; s && *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL)
		if (!strncmp(s, prefix, strlen(prefix)))
			n++;
	return n;
}

static void test_root_files(struct machine *m)
{
	static const char *const absent[] = {
		"memory.current", "memory.peak", "memory.min", "memory.low",
		"memory.high", "memory.max", "memory.events",
		"memory.events.local", "memory.oom.group", "memory.swap.current",
		"memory.swap.high", "memory.swap.max", "memory.swap.peak",
		"memory.swap.events", "memory.zswap.current", "memory.zswap.max",
		"cgroup.events", "cgroup.type", "cgroup.kill",
	};
	struct kernfs_open_file *of;
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	bool all = true;

	for (i = 0; i < ARRAY_SIZE(absent); i++) {
		int err = kernfs_open(m, absent[i], 0, &of);

		if (err != -ENOENT) {
			printf("# root/%s: open returned %d\n", absent[i], err);
			all = false;
			if (!err)
				kernfs_close(of);
		}
	}
	ok(all, "NOT_ON_ROOT files are absent on the root (ENOENT)");
	is_long(wr(m, "memory.max", "1G"), -ENOENT, "root memory.max write -> ENOENT");
	ok(strncmp(rd(m, "memory.stat"), "anon ", 5) == 0, "root has memory.stat");
	ok(strncmp(rd(m, "memory.numa_stat"), "anon N0=", 8) == 0, "root has memory.numa_stat");
	ok(strncmp(rd(m, "memory.pressure"), "some ", 5) == 0, "root has memory.pressure");
	is_str(rd(m, "memory.zswap.writeback"), "1\n", "root has memory.zswap.writeback");
	is_long(kernfs_open(m, "memory.reclaim", 0, &of), 0, "root has memory.reclaim");
	kernfs_close(of);
	is_long(kernfs_list(m, "", &sb), 0, "list the root");
	is_long(count_prefixed(sb.buf, "memory."), 5,
		"root has exactly 5 memory.* files (numa_stat pressure reclaim stat zswap.writeback)");
	sb_reset(&sb);
	cgroup_mkdir(m, "L");
	is_long(kernfs_list(m, "L", &sb), 0, "list a child");
	is_long(count_prefixed(sb.buf, "memory."), 21,
		"a memory-enabled child has 21 memory.* files (20 memcg + pressure)");
	sb_release(&sb);
	cgroup_rmdir(m, "L");

	is_long(kernfs_open(m, "nope", 0, &of), -ENOENT, "missing file -> ENOENT");
	is_long(kernfs_open(m, "nope/memory.max", 0, &of), -ENOENT, "missing dir -> ENOENT");
	cgroup_mkdir(m, "D");
	is_long(kernfs_open(m, "D", 0, &of), -EISDIR, "opening a cgroup directory -> EISDIR");
	cgroup_rmdir(m, "D");
}

/* ---- tunable parsing (memcg-core.md §9.1, §12 items 3-5) ---- */

struct parse_case {
	const char *in;
	long ret;		/* 0: accepted (returns the length) */
	const char *reads;	/* NULL: unchanged */
};

static const struct parse_case limit_cases[] = {
	{ "4097",		0, "4096\n" },
	{ "100",		0, "0\n" },
	{ "4096",		0, "4096\n" },
	{ "1k",			0, "0\n" },	/* 1024 bytes: less than a page */
	{ "1K",			0, "0\n" },
	{ "4k",			0, "4096\n" },
	{ "0x2000",		0, "8192\n" },
	{ "0X2000",		0, "8192\n" },
	{ "010",		0, "0\n" },
	{ "020000",		0, "8192\n" },
	{ "8M",			0, "8388608\n" },
	{ "8m",			0, "8388608\n" },
	{ " 8M ",		0, "8388608\n" },
	{ "\t8M\t",		0, "8388608\n" },
	{ "1G",			0, "1073741824\n" },
	{ "1g",			0, "1073741824\n" },
	{ "1T",			0, "1099511627776\n" },
	{ "1e",			0, "1152921504606846976\n" },
	{ "4E",			0, "4611686018427387904\n" },
	{ "8E",			0, "max\n" },
	{ "16E",		0, "0\n" },
	{ "k",			0, "0\n" },
	{ "max",		0, "max\n" },
	{ "  max  ",		0, "max\n" },
	{ "9223372036854775807", 0, "max\n" },
	{ "18446744073709551615", 0, "max\n" },
	{ "18446744073709551616", 0, "0\n" },
	{ "   ",		0, "0\n" },
	{ "1KB",		-EINVAL, NULL },
	{ "1.5G",		-EINVAL, NULL },
	{ "-1",			-EINVAL, NULL },
	{ "+1",			-EINVAL, NULL },
	{ "MAX",		-EINVAL, NULL },
	{ "Max",		-EINVAL, NULL },
	{ "1 G",		-EINVAL, NULL },
	{ "max1",		-EINVAL, NULL },
	{ "max max",		-EINVAL, NULL },
	{ "0x",			-EINVAL, NULL },
	{ "0xg",		-EINVAL, NULL },
	{ "abc",		-EINVAL, NULL },
	{ "1b",			-EINVAL, NULL },
	{ "1k2",		-EINVAL, NULL },
	{ "12 34",		-EINVAL, NULL },
};

static const char *const limit_files[] = {
	"memory.max", "memory.high", "memory.low", "memory.min",
	"memory.swap.max", "memory.swap.high", "memory.zswap.max",
};

static void test_limit_parsing(struct machine *m)
{
	char path[128], input[64];
	size_t f, c;
	int echo;

	cgroup_mkdir(m, "T");
	for (f = 0; f < ARRAY_SIZE(limit_files); f++) {
		int bad = 0, total = 0;

		snprintf(path, sizeof(path), "T/%s", limit_files[f]);
		for (c = 0; c < ARRAY_SIZE(limit_cases); c++) {
			const struct parse_case *pc = &limit_cases[c];
			const char *want = pc->reads;

			for (echo = 0; echo < 2; echo++) {
				long ret, want_ret;
				const char *got;

				snprintf(input, sizeof(input), "%s%s", pc->in,
					 echo ? "\n" : "");
				wr(m, path, "12288");	/* a known previous value */
				ret = wr(m, path, input);
				want_ret = pc->ret ? pc->ret : (long)strlen(input);
				got = rd(m, path);
				total++;
				if (ret != want_ret || strcmp(got, want ? want : "12288\n")) {
					printf("# %s <- '%s%s': ret %ld (want %ld), reads '%.*s'"
					       " (want '%.*s')\n", path, pc->in,
					       echo ? "\\n" : "", ret, want_ret,
					       (int)strcspn(got, "\n"), got,
					       (int)strcspn(want ? want : "12288", "\n"),
					       want ? want : "12288");
					bad++;
				}
			}
		}
		ok(!bad, "%s: %d writes parsed as the kernel does (%d wrong)",
		   limit_files[f], total, bad);

		/* echo > file: a lone newline is the empty string, i.e. 0 */
		wr(m, path, "max");
		is_long(wr(m, path, "\n"), 1, "%s: echo > (\"\\n\") accepted", limit_files[f]);
		is_str(rd(m, path), "0\n", "%s: echo > sets 0", limit_files[f]);

		/* a zero-length write(2) never reaches the handler */
		wr(m, path, "max");
		is_long(kernfs_write_path(m, path, "", 0), 0,
			"%s: zero-length write returns 0", limit_files[f]);
		is_str(rd(m, path), "max\n",
			    "%s: zero-length write leaves the value alone", limit_files[f]);
		wr(m, path, limit_files[f][7] == 'm' && limit_files[f][8] == 'i' ? "0" : "max");
	}
	cgroup_rmdir(m, "T");
}

/* memory.max / memory.high below usage: accepted, reclaim does the rest */
static void test_limit_below_usage(struct machine *m)
{
	struct task_struct *t;
	struct inode *inode;
	int err;

	cgroup_mkdir(m, "U");
	t = spawn(m, "reader", "U");
	inode = vfs_open(m, "/data/u", true, &err);
	vfs_truncate(m, inode, 200 * PAGE_SIZE);
	m->current = t;
	filemap_read(m, inode, NULL, 0, inode->i_size);
	m->current = NULL;
	task_exit(t);
	is_long(key(m, "U/memory.stat", "file"), 200 * PAGE_SIZE, "U holds 200 pages of cache");
	is_long(wr(m, "U/memory.high", "100K"), 4, "memory.high below usage: accepted");
	ok(num(m, "U/memory.current") <= 100 * 1024,
	   "memory.high write reclaimed down to the new high (%ld)", num(m, "U/memory.current"));
	is_long(key(m, "U/memory.events", "oom"), 0, "memory.high never OOMs");
	is_long(wr(m, "U/memory.max", "0\n"), 2, "memory.max 0 below usage: accepted, no EBUSY");
	is_long(num(m, "U/memory.current"), 0, "memory.max write reclaimed everything");
	is_long(key(m, "U/memory.events", "oom_kill"), 0, "no OOM kill was needed");
	iput(m, inode);
	wr(m, "/proc/sys/vm/drop_caches", "1");
	cgroup_rmdir(m, "U");
}

/* ---- 0/1 switches ---- */

static void test_switch(struct machine *m, const char *path, const char *dflt)
{
	static const struct parse_case cases[] = {
		{ "1",		0, "1\n" },
		{ "0",		0, "0\n" },
		{ " 1 ",	0, "1\n" },
		{ "0x1",	0, "1\n" },
		{ "01",		0, "1\n" },
		{ "+1",		0, "1\n" },
		{ "-0",		0, "0\n" },
		{ "2",		-EINVAL, NULL },
		{ "-1",		-EINVAL, NULL },
		{ "abc",	-EINVAL, NULL },
		{ "1 1",	-EINVAL, NULL },
		{ "1.0",	-EINVAL, NULL },
		{ "true",	-EINVAL, NULL },
		{ "",		-EINVAL, NULL },	/* "\n" after strip */
	};
	const char *prev = !strcmp(dflt, "1\n") ? "0" : "1";
	char input[32];
	size_t c;
	int bad = 0;

	is_str(rd(m, path), dflt, "%s: default %.1s", path, dflt);
	for (c = 0; c < ARRAY_SIZE(cases); c++) {
		long ret, want_ret;
		const char *got, *want;

		snprintf(input, sizeof(input), "%s\n", cases[c].in);
		wr(m, path, prev);
		ret = wr(m, path, input);
		want_ret = cases[c].ret ? cases[c].ret : (long)strlen(input);
		want = cases[c].reads ? cases[c].reads : !strcmp(prev, "1") ? "1\n" : "0\n";
		got = rd(m, path);
		if (ret != want_ret || strcmp(got, want)) {
			printf("# %s <- '%s': ret %ld (want %ld), reads '%.1s'\n",
			       path, cases[c].in, ret, want_ret, got);
			bad++;
		}
	}
	ok(!bad, "%s: 0/1 parsing (%d wrong)", path, bad);
	is_long(wr(m, path, "4294967297"), -ERANGE,
		     "%s: a number beyond int -> ERANGE (kstrtoint's error)", path);
	wr(m, path, dflt);
}

/* ---- memory.reclaim (formats §11.1: 6.12 rules) ---- */

static void test_reclaim(struct machine *m)
{
	static const struct parse_case cases[] = {
		{ "1M swappiness=max",	-EINVAL, NULL },
		{ "1M swappiness=60",	-EAGAIN, NULL },
		{ "1M swappiness=201",	-EINVAL, NULL },
		{ "1M swappiness=-1",	-EINVAL, NULL },
		{ "1M swappiness=",	-EINVAL, NULL },
		{ "1M swappiness=abc",	-EINVAL, NULL },
		{ "1M swappiness=60x",	-EINVAL, NULL },
		{ "1M swappiness= 60",	-EINVAL, NULL },
		{ "1M  swappiness=0",	-EAGAIN, NULL },
		{ "1M swappiness=0x10",	-EAGAIN, NULL },
		{ "1M swappiness=200",	-EAGAIN, NULL },
		{ "1M foo=1",		-EINVAL, NULL },
		{ "1M 1M",		-EINVAL, NULL },
		{ "1Gx",		-EINVAL, NULL },
		{ "max",		-EINVAL, NULL },
		{ "abc",		-EINVAL, NULL },
		{ "-1",			-EINVAL, NULL },
		{ "\n",			-EINVAL, NULL },
		{ "0",			0, NULL },
		{ "0\n",		0, NULL },
		{ "0 swappiness=100",	0, NULL },
		{ "1M",			-EAGAIN, NULL },
		{ "  1M  \n",		-EAGAIN, NULL },
		{ "4096",		-EAGAIN, NULL },
		{ "100",		0, NULL },	/* less than a page: nothing to do */
	};
	struct task_struct *t;
	struct inode *inode;
	size_t c;
	int bad = 0, err;

	cgroup_mkdir(m, "R");
	for (c = 0; c < ARRAY_SIZE(cases); c++) {
		long ret = wr(m, "R/memory.reclaim", cases[c].in);
		long want = cases[c].ret ? cases[c].ret : (long)strlen(cases[c].in);

		if (ret != want) {
			printf("# memory.reclaim <- '%s': %ld, want %ld\n",
			       cases[c].in, ret, want);
			bad++;
		}
	}
	ok(!bad, "memory.reclaim on an empty cgroup: %zu inputs, %d wrong",
	   ARRAY_SIZE(cases), bad);
	is_long(wr(m, "R/memory.reclaim", "1M swappiness=+5"), -EINVAL,
		     "memory.reclaim 'swappiness=+5' -> EINVAL (match_token's %%d)");
	is_long(wr(m, "memory.reclaim", "1M"), -EAGAIN,
		"root memory.reclaim 1M with nothing reclaimable -> EAGAIN");
	is_long(kernfs_write_path(m, "R/memory.reclaim", "", 0), 0,
		     "memory.reclaim zero-length write -> 0 ([BOOT] write(\"\") -> 0)");

	/* with page cache to reclaim */
	t = spawn(m, "reader", "R");
	inode = vfs_open(m, "/data/r", true, &err);
	vfs_truncate(m, inode, 100 * PAGE_SIZE);
	m->current = t;
	filemap_read(m, inode, NULL, 0, inode->i_size);
	m->current = NULL;
	is_long(key(m, "R/memory.stat", "file"), 100 * PAGE_SIZE, "R holds 100 pages of cache");
	is_long(wr(m, "R/memory.reclaim", "40K"), 3, "memory.reclaim 40K succeeds");
	ok(key(m, "R/memory.stat", "file") <= 90 * PAGE_SIZE,
	   "... and reclaimed at least 10 pages (file now %ld)",
	   key(m, "R/memory.stat", "file"));
	ok(key(m, "R/memory.stat", "pgsteal_direct") >= 10,
	   "6.12 counts proactive reclaim as pgsteal_direct");
	is_long(wr(m, "R/memory.reclaim", "1M swappiness=0"), -EAGAIN,
		"asking for more than is reclaimable -> EAGAIN");
	is_long(key(m, "R/memory.stat", "file"), 0, "... after reclaiming all of it");
	task_exit(t);
	iput(m, inode);
	cgroup_rmdir(m, "R");
}

/* ---- memory.peak per fd (formats §4.1, §12 item 24) ---- */

static void test_peak(struct machine *m)
{
	struct kernfs_open_file *a, *b, *c, *d;
	struct task_struct *t;
	long t1, t2, t3, u1, u2;

	cgroup_mkdir(m, "K");
	t = spawn(m, "toucher", "K");
	kernfs_open(m, "K/memory.peak", 0, &a);
	kernfs_open(m, "K/memory.peak", 0, &b);
	kernfs_open(m, "K/memory.peak", 0, &c);
	is_long(rdfd(a), num(m, "K/memory.current"),
		"peak: a never-written fd shows the all-time peak (= current so far)");

	t1 = touch_and_free(m, t, "K", 2000);
	ok(t1 >= 2000 * PAGE_SIZE, "peak: touched 2000 pages (top %ld)", t1);
	ok(num(m, "K/memory.current") < t1, "peak: usage fell after munmap");
	is_long(rdfd(a), t1, "peak: fd A (unset) = global watermark");
	is_long(kernfs_write(a, "reset", 5), 5, "peak: write on A returns its length");
	u1 = num(m, "K/memory.current");
	is_long(rdfd(a), u1, "peak: A after its write = usage at the write");
	is_long(rdfd(c), t1, "peak: C never written = global watermark");

	t2 = touch_and_free(m, t, "K", 1000);
	ok(t2 < t1, "peak: second, smaller burst (top %ld)", t2);
	is_long(rdfd(a), t2, "peak: A = peak since its write");
	is_long(rdfd(b), t1, "peak: B (unset) = global watermark");
	is_long(kernfs_write(b, "x", 1), 1, "peak: write on B");
	u2 = num(m, "K/memory.current");
	is_long(rdfd(b), u2, "peak: B = usage at its write");
	/* B's write reset the shared local watermark and raised A's value to
	 * the usage at B's write if that was higher than A's own */
	is_long(rdfd(a), u1 > u2 ? u1 : u2,
		"peak: A forgets its burst: max(usage at A's write, usage at B's write)");
	ok(t2 > (u1 > u2 ? u1 : u2), "peak: (the forgotten burst was higher)");
	is_long(rdfd(c), t1, "peak: C still the global watermark");

	t3 = touch_and_free(m, t, "K", 500);
	is_long(rdfd(a), t3, "peak: A sees the third burst");
	is_long(rdfd(b), t3, "peak: B sees the third burst");
	is_long(rdfd(c), t1, "peak: C global");
	kernfs_open(m, "K/memory.peak", 0, &d);
	is_long(rdfd(d), t1, "peak: a new fd shows the global watermark");
	is_long(num(m, "K/memory.peak"), t1, "peak: cat memory.peak = global watermark");
	kernfs_close(a);
	is_long(kernfs_write(b, "y", 1), 1, "peak: write on B after A was closed");
	is_long(rdfd(b), num(m, "K/memory.current"), "peak: B = usage at its new write");
	kernfs_close(b);
	kernfs_close(c);
	kernfs_close(d);

	kernfs_open(m, "K/memory.swap.peak", 0, &a);
	is_long(rdfd(a), 0, "swap.peak: 0 without swap");
	is_long(kernfs_write(a, "reset\n", 6), 6, "swap.peak: write returns its length");
	is_long(rdfd(a), 0, "swap.peak: 0 after a reset");
	kernfs_close(a);
	task_exit(t);
	cgroup_rmdir(m, "K");
}

/* ---- bad reads and writes ---- */

static void test_wrong_direction(struct machine *m)
{
	static const char *const ro[] = {
		"W/memory.current", "W/memory.stat", "W/memory.events",
		"W/memory.events.local", "W/memory.numa_stat",
		"W/memory.swap.current", "W/memory.swap.events",
		"W/memory.zswap.current", "W/cgroup.events", "W/cgroup.stat",
		"W/cgroup.controllers", "cgroup.stat", "memory.stat",
	};
	size_t i;
	int bad = 0;

	cgroup_mkdir(m, "W");
	is_str(rd(m, "W/memory.reclaim"), "ERR 22", "reading memory.reclaim (0200) -> EINVAL");
	is_str(rd(m, "memory.reclaim"), "ERR 22", "reading the root's memory.reclaim -> EINVAL");
	is_str(rd(m, "W/cgroup.kill"), "ERR 22", "reading cgroup.kill (0200) -> EINVAL");
	for (i = 0; i < ARRAY_SIZE(ro); i++) {
		long ret = wr(m, ro[i], "0");

		if (ret != -EINVAL) {
			printf("# write to %s: %ld\n", ro[i], ret);
			bad++;
		}
	}
	ok(!bad, "writes to read-only cgroup files -> EINVAL");
	is_long(wr(m, "/proc/meminfo", "0"), -EIO,
		     "write to /proc/meminfo -> EIO (pde_write)");
	is_long(wr(m, "/proc/vmstat", "0"), -EIO,
		     "write to /proc/vmstat -> EIO (pde_write)");
	is_str(rd(m, "/proc/sys/vm/drop_caches"), "ERR 13",
		    "reading /proc/sys/vm/drop_caches (0200) -> EACCES");
	is_long(wr(m, "/proc/sys/vm/drop_caches", "5"), -EINVAL, "drop_caches 5 -> EINVAL");
	is_long(wr(m, "/proc/sys/vm/drop_caches", "0"), -EINVAL, "drop_caches 0 -> EINVAL");
	is_long(wr(m, "/proc/sys/vm/drop_caches", "3\n"), 2, "drop_caches 3");
	is_str(rd(m, "/proc/nope"), "ERR 2", "missing /proc file -> ENOENT");
	is_str(rd(m, "/proc/sys/vm/nope"), "ERR 2", "missing sysctl -> ENOENT");
	cgroup_rmdir(m, "W");
}

/* ---- /proc/sys/vm/swappiness ---- */

static void test_swappiness(struct machine *m)
{
	const char *p = "/proc/sys/vm/swappiness";

	is_str(rd(m, p), "60\n", "swappiness default 60");
	is_long(wr(m, p, "0"), 1, "swappiness 0");
	is_str(rd(m, p), "0\n", "reads 0");
	is_long(wr(m, p, "200\n"), 4, "swappiness 200 (MAX_SWAPPINESS)");
	is_str(rd(m, p), "200\n", "reads 200");
	is_long(wr(m, p, "201"), -EINVAL, "swappiness 201 -> EINVAL");
	is_long(wr(m, p, "-1"), -EINVAL, "swappiness -1 -> EINVAL");
	is_long(wr(m, p, "abc"), -EINVAL, "swappiness abc -> EINVAL");
	is_long(wr(m, p, "60x"), -EINVAL, "swappiness 60x -> EINVAL");
	is_str(rd(m, p), "200\n", "failed writes leave 200");
	is_long(wr(m, p, " 100 \n"), 6, "swappiness ' 100 ' (spaces allowed)");
	is_str(rd(m, p), "100\n", "reads 100");
	is_long(wr(m, p, "0x10"), 4,
		     "swappiness 0x10 accepted (proc_get_long uses base 0)");
	is_str(rd(m, p), "16\n",
		    "swappiness 0x10 reads 16");
	wr(m, p, "010");
	is_str(rd(m, p), "8\n",
		    "swappiness 010 is octal: reads 8");
	wr(m, p, "60");
}

/* ---- /proc/PID/oom_score_adj ---- */

static void test_oom_score_adj(struct machine *m)
{
	static const struct parse_case cases[] = {
		{ "-1000",	0, "-1000\n" },
		{ "1000",	0, "1000\n" },
		{ "0",		0, "0\n" },
		{ " 500\n",	0, "500\n" },
		{ "0x10",	0, "16\n" },
		{ "-0x10",	0, "-16\n" },
		{ "+7",		0, "7\n" },
		{ "1001",	-EINVAL, NULL },
		{ "-1001",	-EINVAL, NULL },
		{ "abc",	-EINVAL, NULL },
		{ "5 5",	-EINVAL, NULL },
		{ "",		-EINVAL, NULL },
	};
	struct kernfs_open_file *of;
	struct strbuf sb = STRBUF_INIT;
	struct task_struct *t = spawn(m, "adj", "");
	char path[64];
	size_t c;
	int bad = 0;

	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", t->pid);
	is_str(rd(m, path), "0\n", "oom_score_adj default 0");
	for (c = 0; c < ARRAY_SIZE(cases); c++) {
		long ret, want_ret = cases[c].ret ? cases[c].ret : (long)strlen(cases[c].in);
		const char *got, *want;

		wr(m, path, "3");
		ret = wr(m, path, cases[c].in);
		got = rd(m, path);
		want = cases[c].reads ? cases[c].reads : "3\n";
		if (ret != want_ret || strcmp(got, want)) {
			printf("# oom_score_adj <- '%s': %ld (want %ld), reads '%.*s'\n",
			       cases[c].in, ret, want_ret, (int)strcspn(got, "\n"), got);
			bad++;
		}
	}
	ok(!bad, "oom_score_adj: range -1000..1000, base 0 (%d wrong)", bad);
	is_long(t->oom_score_adj, 3, "the task's oom_score_adj field follows the file");
	is_long(wr(m, path, "99999999999"), -ERANGE,
		     "oom_score_adj beyond int -> ERANGE");
	is_long(wr(m, path + 0, "1000"), 4, "oom_score_adj 1000");
	snprintf(path, sizeof(path), "/proc/%d/oom_score", t->pid);
	is_long(wr(m, path, "1"), -EINVAL, "write to /proc/PID/oom_score (read-only) -> EINVAL");
	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", t->pid);
	is_long(kernfs_open(m, path, 0, &of), 0, "hold oom_score_adj open");
	task_exit(t);
	is_str(rd(m, path), "ERR 2", "after exit /proc/PID is gone (ENOENT)");
	is_long(kernfs_read(of, &sb), -ESRCH,
		     "reading an open oom_score_adj of an exited task -> ESRCH");
	is_long(kernfs_write(of, "1", 1), -ESRCH,
		     "writing an open oom_score_adj of an exited task -> ESRCH");
	kernfs_close(of);
	sb_release(&sb);
	is_str(rd(m, "/proc/abc/oom_score_adj"), "ERR 2", "/proc/abc -> ENOENT");
}

int main(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);

	wr(m, "cgroup.subtree_control", "+memory");
	test_fresh(m);
	test_root_files(m);
	test_limit_parsing(m);
	test_limit_below_usage(m);
	cgroup_mkdir(m, "S");
	test_switch(m, "S/memory.oom.group", "0\n");
	test_switch(m, "S/memory.zswap.writeback", "1\n");
	test_switch(m, "memory.zswap.writeback", "1\n");
	cgroup_rmdir(m, "S");
	test_reclaim(m);
	test_peak(m);
	test_wrong_direction(m);
	test_swappiness(m);
	test_oom_score_adj(m);
	destroy_machine(m);
	return done_testing();
}
