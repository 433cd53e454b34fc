// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for interface-file writes.  Each input boots a small
 * machine (32M, 2 CPUs, 1 node, 16M swap) with a fixed cgroup tree
 *
 *	/ (+memory)  A (+memory)  A/B  [A/C  A/C/D  E: created on demand]
 *
 * and a task in A/B that owns anonymous memory and page cache, then runs the
 * input as a program of operations: writes of arbitrary (or canned) bytes to
 * every writable file of the model, reads of every readable file, memory
 * touches that charge, virtual time, mkdir/rmdir, and files held open across
 * all of that.  After every operation that can change state (all but
 * reads) the model must keep its invariants (mm_verify() == 0, no
 * MODEL_BUG()); writes must return the byte count or a negative errno,
 * never succeed on a read-only file; reads must return 0 or a negative
 * errno, and printable text that ends in a newline.  A fresh machine per
 * input keeps every crash reproducible from its input alone, and lets
 * LeakSanitizer see what machine_destroy() forgets.
 *
 *   make fuzz && mkdir -p build-fuzz/kernfs &&
 *   build-fuzz/fuzz_kernfs -max_total_time=300 -max_len=1024 -timeout=20 \
 *	build-fuzz/kernfs tests/fuzz/corpus/kernfs
 *
 * (new inputs go to the first directory; the seeds stay as they are).
 *
 * Input format: a sequence of operations, each one opcode byte followed by
 * its operands (see run_op()); a truncated operation is ignored.  Run one
 * input with FUZZ_KERNFS_TRACE=1 in the environment to see what it does.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/entry-common.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "include/sched.h"
#include "include/kernfs.h"
#include "include/fs.h"
#include "mm/mm.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/debug.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ANON_PAGES	1024	/* 4M region; the first touches charge */
#define FILE_BYTES	(2u << 20)
#define NR_HELD		4

/* Cgroup directories the operations name; the last three come and go. */
static const char *const dirs[] = { "", "A", "A/B", "A/C", "A/C/D", "E" };
#define NR_DIRS		ARRAY_SIZE(dirs)
#define FIRST_DYNAMIC	3

enum { F_CG, F_SYS, F_PID };	/* in each cgroup; absolute or vm/; /proc/PID */
static const struct {
	const char *name;
	int where;
	bool writable;
} files[] = {
	/* writes pick from the whole table; a missing file is -ENOENT */
	/* writable files first */
	{ "memory.max", F_CG, true },
	{ "memory.high", F_CG, true },
	{ "memory.low", F_CG, true },
	{ "memory.min", F_CG, true },
	{ "memory.swap.max", F_CG, true },
	{ "memory.swap.high", F_CG, true },
	{ "memory.zswap.max", F_CG, true },
	{ "memory.zswap.writeback", F_CG, true },
	{ "memory.oom.group", F_CG, true },
	{ "memory.reclaim", F_CG, true },
	{ "memory.peak", F_CG, true },
	{ "memory.swap.peak", F_CG, true },
	{ "cgroup.subtree_control", F_CG, true },
	{ "cgroup.procs", F_CG, true },
	{ "cgroup.max.descendants", F_CG, true },
	{ "cgroup.max.depth", F_CG, true },
	{ "cgroup.kill", F_CG, true },
	{ "cgroup.type", F_CG, true },
	{ "swappiness", F_SYS, true },
	{ "min_free_kbytes", F_SYS, true },
	{ "watermark_scale_factor", F_SYS, true },
	{ "overcommit_memory", F_SYS, true },
	{ "panic_on_oom", F_SYS, true },
	{ "oom_kill_allocating_task", F_SYS, true },
	{ "drop_caches", F_SYS, true },
	{ "oom_score_adj", F_PID, true },
	/* read-only: a write must fail */
	{ "memory.current", F_CG, false },
	{ "memory.events", F_CG, false },
	{ "memory.events.local", F_CG, false },
	{ "memory.stat", F_CG, false },
	{ "memory.numa_stat", F_CG, false },
	{ "memory.swap.current", F_CG, false },
	{ "memory.swap.events", F_CG, false },
	{ "memory.zswap.current", F_CG, false },
	{ "memory.pressure", F_CG, false },
	{ "cgroup.controllers", F_CG, false },
	{ "cgroup.events", F_CG, false },
	{ "cgroup.stat", F_CG, false },
	{ "oom_score", F_PID, false },
	{ "/proc/meminfo", F_SYS, false },
	{ "/proc/vmstat", F_SYS, false },
	/* added later: appended, so that saved inputs keep their meaning */
	{ "/sys/module/zswap/parameters/enabled", F_SYS, true },
	{ "/sys/module/zswap/parameters/compressor", F_SYS, true },
	{ "/sys/module/zswap/parameters/max_pool_percent", F_SYS, true },
	{ "/sys/module/zswap/parameters/accept_threshold_percent", F_SYS,
	  true },
	{ "/sys/module/zswap/parameters/shrinker_enabled", F_SYS, true },
	{ "/sys/module/zswap/parameters/zpool", F_SYS, true },
	{ "/proc/slabinfo", F_SYS, false },
	{ "/sys/kernel/debug/memcglab/kmem", F_SYS, false },
	{ "/sys/kernel/debug/zswap/pool_total_size", F_SYS, false },
	{ "/sys/kernel/debug/zswap/stored_pages", F_SYS, false },
	{ "/sys/kernel/debug/zswap/pool_limit_hit", F_SYS, false },
	{ "/sys/kernel/debug/zswap/reject_reclaim_fail", F_SYS, false },
	{ "/sys/kernel/debug/zswap/reject_alloc_fail", F_SYS, false },
	{ "/sys/kernel/debug/zswap/reject_compress_poor", F_SYS, false },
	{ "/sys/kernel/debug/zswap/written_back_pages", F_SYS, false },
};
#define NR_FILES	ARRAY_SIZE(files)

/* Values a person would write; "@PID" is replaced by the task's pid. */
static const char *const canned[] = {
	"max", "max\n", "0", "0\n", "1", "1\n", "2", "-1", "4096", "1M", "2M",
	"4M", "8M", "16M", "32M", "64M", "1G", "100", "200", "1000", "-1000",
	"+memory", "-memory", "+memory -memory", "-memory +memory", "+cpu",
	"threaded", "domain", "@PID", "@PID\n", "0x10", "010", " 8M ", "8m",
	"1K swappiness=0", "1M swappiness=200", "16M swappiness=max", "reset",
	"3", "4", "60", "2147483647", "18446744073709551615",
	"9223372036854775808", "4294967296", "max max", "\n", "",
	"1M swappiness=",
	"Y", "N", "y\n", "lz4", "lzo", "zstd", "lz4hc", "deflate", "zsmalloc",
	"zbud", "90", "101",
};
#define NR_CANNED	ARRAY_SIZE(canned)

struct fuzz {
	struct machine *m;
	struct task_struct *task;
	struct vm_area_struct *anon;
	struct inode *file;
	unsigned long touched;		/* next anon page to touch */
	struct kernfs_open_file *held[NR_HELD];
	const uint8_t *start, *p, *end;
	int spawns;
	bool trace;			/* FUZZ_KERNFS_TRACE=1: print each op */
};

#define TRACE(f, ...)						\
	do {							\
		if ((f)->trace)					\
			fprintf(stderr, __VA_ARGS__);		\
	} while (0)

static void die(struct fuzz *f, const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_kernfs: %s%s%s\n", what, detail ? ": " : "",
		detail ? detail : "");
	abort();
}

static bool take(struct fuzz *f, uint8_t *b)
{
	if (f->p >= f->end)
		return false;
	*b = *f->p++;
	return true;
}

static void check(struct fuzz *f, const char *after)
{
	struct strbuf why = STRBUF_INIT;

	if (mm_verify(f->m, &why)) {
		fprintf(stderr, "fuzz_kernfs: after %s: %s\n", after, why.buf);
		abort();
	}
	sb_release(&why);
	if (f->m->nr_bugs)
		die(f, "a model bug was reported", after);
}

/* ---- the task and its memory ---- */

static bool task_alive(struct fuzz *f)
{
	return f->task && f->task->life == TASK_ALIVE;
}

/* The task's charges: anon first touches, then a page-cache write/read. */
static void run_as_task(struct fuzz *f, unsigned int anon_pages, bool file)
{
	struct machine *m = f->m;
	struct task_struct *t = f->task;
	struct fill fill = { .kind = FILL_SPARSE, .ratio = 0 };
	unsigned int i;
	u8 *page;

	enter_task(m, t);
	for (i = 0; f->anon && i < anon_pages && t->life == TASK_ALIVE; i++) {
		unsigned long addr = f->anon->vm_start +
			((f->touched++ % ANON_PAGES) << PAGE_SHIFT);
		unsigned int ret = user_access(f->anon, addr, true, &page);

		if (!(ret & VM_FAULT_ERROR))
			page[i % PAGE_SIZE] = (u8)i;
		exit_to_user_mode(m);
		/*
		 * The kernel retries such a fault forever; the model gives up,
		 * and so does the program (as workload.c does): each failed
		 * charge costs 16 reclaim passes.
		 */
		if (ret & VM_FAULT_ERROR)
			break;
	}
	if (file && t->life == TASK_ALIVE) {
		u64 pos = (f->touched * PAGE_SIZE) % FILE_BYTES;

		filemap_write(m, f->file, pos, 64 * PAGE_SIZE, &fill);
		filemap_read(m, f->file, NULL, 0, FILE_BYTES / 2);
		exit_to_user_mode(m);
	}
	leave_task(m, NULL);
}

/*
 * A task in the first cgroup that takes one, with the anon region.  It can
 * legitimately fail: a huge min_free_kbytes leaves no page for a pgd.
 */
static void spawn(struct fuzz *f)
{
	static const char *const homes[] = { "A/B", "A/C", "E", "" };
	struct machine *m = f->m;
	struct task_struct *t = NULL;
	size_t i;
	int err = -ENOENT;	/* no home cgroup left */

	f->spawns++;
	for (i = 0; i < ARRAY_SIZE(homes) && !t; i++) {
		struct cgroup *cgrp = cgroup_lookup(m, homes[i]);

		if (cgrp)
			t = task_spawn(m, "victim", cgrp, &err);
	}
	TRACE(f, "spawn: %d\n", t ? t->pid : err);
	if (!t)
		return;
	f->task = t;
	f->anon = NULL;
	f->touched = 0;
	m->current = t;
	err = do_mmap(t->mm, "anon", VMA_ANON, NULL,
		      (u64)ANON_PAGES << PAGE_SHIFT, false, &f->anon);
	m->current = NULL;
	if (err && err != -ENOMEM)
		die(f, "do_mmap failed", strerror(-err));
	if (err)
		f->anon = NULL;
}

static void respawn_if_dead(struct fuzz *f)
{
	/* the spawn limit keeps the task list small when every task dies */
	if (!task_alive(f) && f->spawns < 64) {
		spawn(f);
		if (task_alive(f))
			run_as_task(f, 64, false);
		check(f, "respawn");
	}
}

/* ---- building a path and a value ---- */

static void file_path(struct fuzz *f, unsigned int fi, unsigned int di,
		      char *path, size_t n)
{
	switch (files[fi].where) {
	case F_CG:
		snprintf(path, n, "%s%s%s", dirs[di], *dirs[di] ? "/" : "",
			 files[fi].name);
		break;
	case F_SYS:
		if (files[fi].name[0] == '/')
			snprintf(path, n, "%s", files[fi].name);
		else
			snprintf(path, n, "/proc/sys/vm/%s", files[fi].name);
		break;
	default:
		/* a dead task's pid: its /proc directory is gone */
		snprintf(path, n, "/proc/%d/%s", f->task ? f->task->pid : 1,
			 files[fi].name);
		break;
	}
}

/*
 * The bytes to write: L < 0x80 takes L % 64 raw input bytes; otherwise a
 * canned value, with "@PID" expanded.
 */
static bool value(struct fuzz *f, char *buf, size_t *len)
{
	uint8_t l;

	if (!take(f, &l))
		return false;
	if (l < 0x80) {
		size_t n = l % 64;

		if ((size_t)(f->end - f->p) < n)
			n = f->end - f->p;
		memcpy(buf, f->p, n);
		f->p += n;
		*len = n;
		return true;
	}
	{
		const char *v = canned[(l & 0x7f) % NR_CANNED];

		if (!strncmp(v, "@PID", 4))
			*len = snprintf(buf, 64, "%d%s",
					f->task ? f->task->pid : 0, v + 4);
		else
			*len = snprintf(buf, 64, "%s", v);
	}
	return true;
}

static void check_read(struct fuzz *f, const char *path, int err,
		       const struct strbuf *sb)
{
	size_t i;

	if (err > 0 || err < -4095)
		die(f, "read returned neither 0 nor -errno", path);
	if (err)
		return;
	for (i = 0; i < sb->len; i++) {
		unsigned char c = sb->buf[i];

		if (c != '\n' && (c < ' ' || c > '~'))
			die(f, "read returned a non-printable byte", path);
	}
	if (sb->len && sb->buf[sb->len - 1] != '\n')
		die(f, "read does not end with a newline", path);
}

/* ---- operations ---- */

static void op_write(struct fuzz *f, uint8_t op)
{
	char path[128], buf[64];
	uint8_t fi, di;
	size_t len;
	long ret;

	if (!take(f, &fi) || !take(f, &di) || !value(f, buf, &len))
		return;
	fi %= NR_FILES;
	di %= NR_DIRS;
	file_path(f, fi, di, path, sizeof(path));
	/* bit 3: the task writes (cgroup.procs "0" moves it) */
	if (op & 8 && task_alive(f))
		f->m->current = f->task;
	ret = kernfs_write_path(f->m, path, buf, len);
	f->m->current = NULL;
	TRACE(f, "write %s%s \"%.*s\" = %ld\n", path,
	      op & 8 ? " (as task)" : "", (int)len, buf, ret);
	if (ret != (long)len && (ret >= 0 || ret < -4095))
		die(f, "write returned neither its length nor -errno", path);
	if (!files[fi].writable && ret >= 0)
		die(f, "a write to a read-only file succeeded", path);
	check(f, path);
}

static void op_read(struct fuzz *f)
{
	struct strbuf sb = STRBUF_INIT;
	char path[128];
	uint8_t fi, di;
	int err;

	if (!take(f, &fi) || !take(f, &di))
		return;
	fi %= NR_FILES;
	di %= NR_DIRS;
	file_path(f, fi, di, path, sizeof(path));
	err = kernfs_read_path(f->m, path, &sb);
	TRACE(f, "read %s = %d: %.*s", path, err, (int)sb.len,
	      sb.buf ? sb.buf : "");
	if (err || !sb.len)
		TRACE(f, "\n");
	/* write-only files: -EINVAL */
	check_read(f, path, err, &sb);
	sb_release(&sb);
}

/* Every readable file of every directory, and the listings. */
static void op_read_all(struct fuzz *f)
{
	struct strbuf sb = STRBUF_INIT;
	char path[128];
	size_t fi, di;
	int err;

	for (di = 0; di < NR_DIRS; di++) {
		for (fi = 0; fi < NR_FILES; fi++) {
			if (files[fi].where != F_CG && di)
				continue;
			file_path(f, fi, di, path, sizeof(path));
			sb_reset(&sb);
			err = kernfs_read_path(f->m, path, &sb);
			check_read(f, path, err, &sb);
		}
		sb_reset(&sb);
		kernfs_list(f->m, dirs[di], &sb);
	}
	sb_release(&sb);
}

static void op_touch(struct fuzz *f)
{
	uint8_t n;

	if (!take(f, &n))
		return;
	respawn_if_dead(f);
	if (task_alive(f))
		run_as_task(f, (n & 0x3f) * 16u, n & 0x40);
	TRACE(f, "touch %u pages%s: task %d %s, oom kills %lu\n",
	      (n & 0x3f) * 16u, n & 0x40 ? " and the file" : "",
	      f->task ? f->task->pid : 0,
	      task_alive(f) ? "alive" : "dead", f->m->vm_events[OOM_KILL]);
	check(f, "touch");
}

static void op_time(struct fuzz *f)
{
	uint8_t n;

	if (!take(f, &n))
		return;
	/* up to ~2.5 s: RCU, the flusher, delayed work */
	machine_run_until(f->m, f->m->clock.now + (u64)n * 10 * 1000 * 1000);
	TRACE(f, "time += %u ms\n", n * 10u);
	check(f, "time");
}

static void op_dir(struct fuzz *f)
{
	const char *d;
	uint8_t n;
	int err;

	if (!take(f, &n))
		return;
	d = dirs[FIRST_DYNAMIC + n % (NR_DIRS - FIRST_DYNAMIC)];
	if (cgroup_lookup(f->m, d))
		err = cgroup_rmdir(f->m, d);
	else
		err = cgroup_mkdir(f->m, d);
	TRACE(f, "mkdir/rmdir %s = %d\n", d, err);
	if (err > 0)
		die(f, "mkdir/rmdir returned a positive value", d);
	check(f, d);
}

/* Files held open across other operations (memory.peak keeps state). */
static void op_held(struct fuzz *f)
{
	struct kernfs_open_file **of;
	struct strbuf sb = STRBUF_INIT;
	char path[128], buf[64];
	uint8_t a, fi, di;
	bool wrote = false;
	size_t len;
	long ret;

	if (!take(f, &a))
		return;
	of = &f->held[a % NR_HELD];
	switch ((a >> 2) % 4) {
	case 0:			/* open */
		if (!take(f, &fi) || !take(f, &di))
			return;
		if (*of)
			kernfs_close(*of);
		*of = NULL;
		file_path(f, fi % NR_FILES, di % NR_DIRS, path, sizeof(path));
		ret = kernfs_open(f->m, path, a & 0x40 ? KF_O_NONBLOCK : 0,
				  of);
		TRACE(f, "fd%d = open %s = %ld\n", a % NR_HELD, path, ret);
		if (ret)
			*of = NULL;
		break;
	case 1:			/* write */
		if (!value(f, buf, &len) || !*of)
			return;
		ret = kernfs_write(*of, buf, len);
		TRACE(f, "fd%d write \"%.*s\" = %ld\n", a % NR_HELD,
		      (int)len, buf, ret);
		if (ret != (long)len && (ret >= 0 || ret < -4095))
			die(f, "held write returned neither length nor -errno",
			    (*of)->cft->name);
		wrote = true;
		break;
	case 2:			/* read */
		if (!*of)
			return;
		ret = kernfs_read(*of, &sb);
		TRACE(f, "fd%d read = %ld: %.*s%s", a % NR_HELD, ret,
		      (int)sb.len, sb.buf ? sb.buf : "",
		      ret || !sb.len ? "\n" : "");
		check_read(f, (*of)->cft->name, ret, &sb);
		break;
	default:		/* close */
		if (*of)
			kernfs_close(*of);
		*of = NULL;
		break;
	}
	sb_release(&sb);
	if (wrote)
		check(f, "held file write");
}

/*
 * One operation: OP % 12 picks it, the bytes after it are its operands.
 *
 *   0-4   write  FILE DIR VALUE	files[FILE % NR_FILES] in
 *			dirs[DIR % NR_DIRS] (OP & 8: written by the task
 *			itself); VALUE is a byte L < 0x80 then L % 64 raw
 *			bytes, or canned[(L & 0x7f) % NR_CANNED]
 *   5     read   FILE DIR
 *   6     read every file of every directory, and list the directories
 *   7-8   touch  N	the task (re-spawned if dead) writes (N & 0x3f) * 16
 *			anon pages; N & 0x40: and writes and reads its file
 *   9     time   N	N * 10 ms of virtual time
 *   10    dir    N	rmdir or mkdir of A/C, A/C/D or E (N % 3)
 *   11    held   A ...	file slot A % 4; (A >> 2) % 4: open FILE DIR,
 *			write VALUE, read, close
 */
static void run_op(struct fuzz *f, uint8_t op)
{
	TRACE(f, "[op %u at %zu]\n", op % 12, (size_t)(f->p - f->start) - 1);
	switch (op % 12) {
	case 0: case 1: case 2: case 3: case 4:
		op_write(f, op);
		break;
	case 5:
		op_read(f);
		break;
	case 6:
		op_read_all(f);
		break;
	case 7: case 8:
		op_touch(f);
		break;
	case 9:
		op_time(f);
		break;
	case 10:
		op_dir(f);
		break;
	default:
		op_held(f);
		break;
	}
}

/* ---- one input ---- */

static void setup(struct fuzz *f)
{
	static const struct machine_config cfg = {
		.memory_bytes = 32ull << 20,
		.nr_cpus = 2,
		.nr_nodes = 1,
		.swap_bytes = 16ull << 20,
		.disk_bytes = 64ull << 20,
		.seed = 1,
	};
	struct machine *m = machine_create(&cfg);
	int err;

	if (!m)
		die(f, "machine_create failed", NULL);
	f->m = m;
	m->verify = true;
	if (kernfs_write_path(m, "cgroup.subtree_control", "+memory", 7) != 7 ||
	    cgroup_mkdir(m, "A") || cgroup_mkdir(m, "A/B") ||
	    kernfs_write_path(m, "A/cgroup.subtree_control", "+memory", 7) != 7)
		die(f, "cannot build the cgroup tree", NULL);
	f->file = vfs_open(m, "/data/file", true, &err);
	if (!f->file)
		die(f, "vfs_open failed", strerror(-err));
	spawn(f);
	if (!task_alive(f))
		die(f, "cannot spawn the first task", NULL);
	run_as_task(f, 256, true);
	check(f, "setup");
}

static void teardown(struct fuzz *f)
{
	size_t i;

	for (i = 0; i < NR_HELD; i++)
		if (f->held[i])
			kernfs_close(f->held[i]);
	iput(f->m, f->file);
	machine_destroy(f->m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz f = { .start = data, .p = data, .end = data + size };
	const char *tr = getenv("FUZZ_KERNFS_TRACE");
	uint8_t op;

	f.trace = tr && *tr == '1';
	if (size > 1024)
		return -1;	/* long programs add time, not coverage */
	setup(&f);
	while (take(&f, &op))
		run_op(&f, op);
	op_read_all(&f);
	check(&f, "the end");
	teardown(&f);
	return 0;
}
