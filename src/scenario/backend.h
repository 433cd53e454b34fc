/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boundary between the scenario runtime and what runs a scenario: the
 * model (scenario/model/), or a guest executor on a real Linux kernel that
 * does the same with real files, processes and system calls.  The runtime
 * (runtime.h), the dispatcher (run.h) and the evaluation of conditions
 * (expect.c) only ever call these operations; they know no machine.
 *
 * Everything is per statement or per action, never per page: a backend
 * runs a whole `touch` by itself, in its own loop.
 *
 * Files and processes are opaque handles (void *) that the backend hands
 * out and the runtime keeps in its tables by the scenario's names.  Every
 * operation returns 0 or a negative errno, the one the kernel would give.
 */
#ifndef MEMCGLAB_SCENARIO_BACKEND_H
#define MEMCGLAB_SCENARIO_BACKEND_H

#include <stddef.h>

#include "lib/compiler.h"
#include "lib/strbuf.h"
#include "scenario/ast.h"

struct scn_rt;
struct scn_proc;
struct scn_policy;

/*
 * A `write` or `read` action is made of system calls of at most this many
 * bytes, each ending on a multiple of it, on every backend: the guest
 * executor's pwrite/pread loop and the model's, so that what happens on
 * the way back to user mode (memory.high throttling) happens as often.
 */
#define SCN_IO_CHUNK	4096

/* scn_backend_ops.open() flags */
#define SCN_O_NONBLOCK	BIT(0)

/*
 * What a process's last `pagemap_scan` returned (PAGEMAP_SCAN ioctl), for
 * scan(NAME.FIELD): the backend fills it in the process's scn_proc.
 */
struct scn_scan_region {
	u64 start;		/* bytes from the start of the scanned range */
	u64 pages;
	u64 cats;		/* PAGE_IS_* bits */
};

struct scn_scan_result {
	bool done;		/* a scan ran */
	s64 ret;		/* regions filled in, or a negative errno */
	u64 walk_end;		/* bytes from the start of the scanned range */
	size_t n;		/* entries of vec[] (ret when it is >= 0) */
	struct scn_scan_region *vec;
};

/* An action of a process: `NAME: ACTION ...`. */
typedef int scn_action_fn(struct scn_rt *rt, struct scn_proc *p,
			  const struct scn_action *a);
/* A periodic callback (record). */
typedef void scn_timer_fn(void *arg);

struct scn_backend_ops {
	/* What runs the scenario, in messages: "model", "kernel". */
	const char *name;
	/* The sysctls it has, for "unknown sysctl" messages; may be NULL. */
	const char *sysctls;

	/* ---- interface files (cgroupfs, /proc, /sys) and cgroups ---- */
	/* Open the file at @path (a cgroup path is relative to the root). */
	int (*open)(struct scn_rt *rt, const char *path, unsigned int flags,
		    void **file);
	void (*close)(struct scn_rt *rt, void *file);
	/* The whole file, as pread(fd, ..., 0) of an open file. */
	int (*read)(struct scn_rt *rt, void *file, struct strbuf *sb);
	/* One write(2); the bytes taken or a negative errno. */
	long (*write)(struct scn_rt *rt, void *file, const char *buf,
		      size_t len);
	int (*mkdir)(struct scn_rt *rt, const char *cgroup);
	int (*rmdir)(struct scn_rt *rt, const char *cgroup);
	/* A design switch; -ENOSYS: not modelled, -EOPNOTSUPP: model-only. */
	int (*policy)(struct scn_rt *rt, const struct scn_policy *pol,
		      unsigned int value);

	/* ---- processes ---- */
	/* A process born in the statement's cgroup, with its options. */
	int (*spawn)(struct scn_rt *rt, const struct scn_stmt *s, void **task);
	/* Give it @nr threads in all (the process creates them itself). */
	int (*threads)(struct scn_rt *rt, struct scn_proc *p, unsigned int nr);
	int (*fork)(struct scn_rt *rt, struct scn_proc *parent,
		    const char *child, void **task);
	/*
	 * A migration in two steps (`move ... window`, `move NAME attach`):
	 * with @cgroup, up to its commit point (the process is in CGROUP's
	 * css_set, the controllers' ->attach() has not run); with @cgroup
	 * NULL, the ->attach() that ends it.  NULL where a migration cannot
	 * be stopped half-way (a real kernel).
	 */
	int (*move_step)(struct scn_rt *rt, struct scn_proc *p,
			 const char *cgroup);
	/* SIGKILL. */
	void (*kill)(struct scn_rt *rt, struct scn_proc *p);
	int (*pid)(struct scn_rt *rt, struct scn_proc *p);
	enum scn_proc_state (*state)(struct scn_rt *rt, struct scn_proc *p);
	/*
	 * Whether the cgroup freezer holds @p (its cgroup.freeze or an
	 * ancestor's is 1): it runs no action until thawed.  Optional (NULL:
	 * never frozen).
	 */
	bool (*frozen)(struct scn_rt *rt, struct scn_proc *p);
	/*
	 * Pages of @region whose /proc/PID/pagemap entry has @flag: what a
	 * backend without pages() below counts `expect pagemap` with.
	 */
	int (*pagemap)(struct scn_rt *rt, struct scn_proc *p,
		       const char *region, enum scn_pagemap_flag flag,
		       u64 *pages);
	/*
	 * Per page of [@off, @off + @len) of @region (bytes, whole pages;
	 * @len 0: to the region's end), into *@out (malloc'd, *@n words): for SCN_PAGES_PAGEMAP @p's pagemap entry as @p reads
	 * it itself, for the kpage* sources the word of /proc/kpage* of the
	 * frame the entry shows (read as root; 0 where it shows none), for
	 * SCN_PAGES_MINCORE its mincore() byte.  NULL: `pagemap` only.
	 */
	int (*pages)(struct scn_rt *rt, struct scn_proc *p, const char *region,
		     enum scn_page_src src, u64 off, u64 len, u64 **out,
		     size_t *n);
	/*
	 * One pread(2) of @p's own /proc/self/pagemap, by @p, of @count
	 * bytes at @pos bytes from the entry of @region's first page: the
	 * bytes read into @buf, or a negative errno.
	 */
	long (*pagemap_pread)(struct scn_rt *rt, struct scn_proc *p,
			      const char *region, s64 pos, size_t count,
			      void *buf);
	/* The inode number of @cgroup's directory (what kpagecgroup shows). */
	int (*cgroup_ino)(struct scn_rt *rt, const char *cgroup, u64 *ino);
	/* lseek(open(@path), @offset, SEEK_DATA or SEEK_HOLE), as root. */
	s64 (*lseek)(struct scn_rt *rt, const char *path, bool data,
		     u64 offset);
	/* mount -t tmpfs -o @options tmpfs @path ("" no options). */
	int (*mount_tmpfs)(struct scn_rt *rt, const char *path,
			   const char *options);

	/*
	 * Around every action: enter runs as the process (-ESRCH if it is
	 * dead), leave returns to user mode (memory.high work, a pending
	 * SIGKILL).  A backend whose processes run by themselves only
	 * checks that the process is alive.
	 */
	int (*enter)(struct scn_rt *rt, struct scn_proc *p);
	void (*leave)(struct scn_rt *rt, struct scn_proc *p);

	/*
	 * ---- process actions: one per action of the language ----
	 * touch, mlock, access and replay may run in the background
	 * (a->background): they return at once, and wait() waits for them.
	 */
	struct {
		scn_action_fn *exit;
		scn_action_fn *mmap;
		scn_action_fn *touch;
		scn_action_fn *write;		/* write(2) to a file */
		scn_action_fn *read;		/* read(2) of a file */
		scn_action_fn *truncate;
		scn_action_fn *mlock;
		scn_action_fn *munlock;
		scn_action_fn *madvise;
		scn_action_fn *munmap;
		scn_action_fn *pin;
		scn_action_fn *unpin;
		scn_action_fn *dentries;
		scn_action_fn *access;
		scn_action_fn *replay;
		/* issue 11: NULL where a backend does not have them yet */
		scn_action_fn *shmctl;
		scn_action_fn *clear_refs;	/* write to /proc/self/clear_refs */
		scn_action_fn *mprotect;
		scn_action_fn *uffd;
		scn_action_fn *pagemap_scan;	/* fills p's scn_scan_result */
		/* issue 12: a pin's descriptor, RLIMIT_MEMLOCK */
		scn_action_fn *close;
		scn_action_fn *setrlimit;
	} act;

	/* ---- time ---- */
	u64 (*now)(struct scn_rt *rt);
	/* Let @ns pass; background work runs meanwhile. */
	void (*sleep)(struct scn_rt *rt, u64 ns);
	/*
	 * Let time pass until something may have changed (the next event,
	 * at most one tick), never beyond @deadline: one step of `wait until`.
	 */
	void (*step)(struct scn_rt *rt, u64 deadline);
	/* Until @p's background actions end (everyone's if @p is NULL). */
	void (*wait)(struct scn_rt *rt, struct scn_proc *p);
	/*
	 * Call @fn(@arg) as time passes: at the current time, then every
	 * @interval_ns, until timer_stop(), which @fn may call itself.
	 */
	int (*timer_start)(struct scn_rt *rt, u64 interval_ns, scn_timer_fn *fn,
			   void *arg, void **timer);
	void (*timer_stop)(struct scn_rt *rt, void *timer);

	/*
	 * After every statement: whatever the backend checks of itself (the
	 * model's invariants).  Non-zero with the reason in @why if broken.
	 */
	int (*check)(struct scn_rt *rt, struct strbuf *why);
};

/* A backend instance; its own state embeds this. */
struct scn_backend {
	const struct scn_backend_ops *ops;
};

#endif
