/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest executor (docs/kernel-backend.md, "The executor"): the
 * scenario runtime and dispatcher (scenario/run.h) on a second backend,
 * a real Linux kernel.  Interface files are real files, cgroups real
 * directories, a process of the scenario a real process (a worker) born
 * into its cgroup and driven over a socket, time real time.
 *
 *	main.c		arguments, the script, the run
 *	files.c		files, cgroups, design switches, the operations table
 *	proc.c		workers: spawn, fork, kill, state, the channel
 *	time.c		now, sleep, wait until, timers
 *	act.c		the executor's half of each action: regions, commands
 *	act_mm.c	its half of mprotect, clear_refs, setrlimit, shmctl
 *	worker.c	the worker's command loop and its actions
 *	worker_mm.c	the worker's mprotect, clear_refs, setrlimit, sysv
 *	refuse.c	what a kernel cannot run (refuse.h; also the host's)
 *
 * Everything hangs off struct gexec (the backend); a worker's state off
 * struct worker on its own stack.  No globals.
 */
#ifndef MEMCGLAB_GUEST_EXEC_EXEC_H
#define MEMCGLAB_GUEST_EXEC_EXEC_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "scenario/runtime.h"

/* The worker's end of its channel: fd 3, everything else closed. */
#define WORKER_FD		3
/* A reply to a foreground command must come within this (seconds). */
#define GEXEC_ACTION_TIMEOUT_S	600
/* A killed or exiting process must be gone within this. */
#define GEXEC_DEATH_TIMEOUT_S	60

/* ---- commands: one SOCK_SEQPACKET message each way ---- */

enum gcmd_op {
	GCMD_THREADS,		/* a: threads in all */
	GCMD_EXIT,
	GCMD_MMAP,		/* a: kind, len; path; flags: SHARED;
				   reply id: a sysv mapping's shmid */
	GCMD_MUNMAP,		/* addr, len */
	GCMD_TOUCH,		/* addr, len; a: fill, d: ratio, key */
	GCMD_WRITE,		/* path; a: size, b: offset */
	GCMD_READ,		/* path; a: offset, b: length; WHOLE */
	GCMD_TRUNCATE,		/* path; a: size */
	GCMD_MLOCK,		/* addr, len; flags: SHARED when populating */
	GCMD_MUNLOCK,		/* addr, len */
	GCMD_MADVISE,		/* addr, len; a: advice */
	GCMD_DENTRIES,		/* a: count; flags: POSITIVE */
	GCMD_ACCESS,		/* addr, len; a: ops, b: rate, c: pattern,
				   d: write fraction, key: seed; fd: Zipf cdf */
	GCMD_REPLAY,		/* a: ops; key: seed; fd: struct gtrace_op[] */
	GCMD_FORK,		/* fd: the child's channel; reply val: pid */
	GCMD_WAIT,		/* reply when the background jobs are done */
	GCMD_MPROTECT,		/* addr, len; a: SCN_PROT_* bits */
	GCMD_CLEAR_REFS,	/* a: the value (an s64) */
	GCMD_SETRLIMIT,		/* a: RLIMIT_MEMLOCK bytes, U64_MAX none */
	GCMD_SHMCTL,		/* a: shmid; b: 1 SHM_LOCK, 0 SHM_UNLOCK */
};

#define GCMD_BACKGROUND	(1u << 0)	/* reply at once, run on */
#define GCMD_WRITE_MODE	(1u << 1)	/* touch: store, not load */
#define GCMD_SHARED	(1u << 2)	/* MAP_SHARED */
#define GCMD_WHOLE	(1u << 3)	/* read: the whole file */
#define GCMD_POSITIVE	(1u << 4)	/* dentries: create files */

/* mmap kinds (enum scn_mmap_kind) and fills (enum scn_fill) as sent. */
struct gcmd {
	uint32_t op;
	uint32_t flags;
	uint64_t addr, len;	/* a mapping's range in the worker */
	uint64_t a, b, c;
	uint64_t key;		/* touch: the first page's fill key */
	double d;
	char path[512];		/* under the executor's root */
};

struct greply {
	int32_t err;		/* 0 or a negative errno */
	int32_t id;		/* mmap: a sysv segment's shmid, else -1 */
	uint64_t val;		/* mmap: the address; fork: the pid */
};

/* One access of a replay, as the worker reads it (addresses resolved). */
struct gtrace_op {
	uint64_t when;		/* ns from the start */
	uint64_t addr;		/* the first page */
	uint64_t page;		/* its index in the region */
	uint64_t count;		/* pages */
	uint64_t write;
};

/* ---- the executor ---- */

struct gregion {
	char *name;
	uint64_t addr, len;	/* in the worker */
	uint64_t model_start;	/* where the model would map it: fill keys */
	int shmid;		/* a sysv mapping's segment, else -1 */
	bool shared;
	struct gregion *next;
};

struct gproc {
	const char *name;
	pid_t pid;
	int pidfd;		/* -1 once reaped */
	int sock;		/* -1 once dead */
	bool child;		/* the executor's own child (spawned) */
	bool exiting;		/* `exit` was acknowledged */
	bool dead;
	bool hello_pending;	/* born frozen: its first reply is unread */
	bool jobs;		/* background work may be running */
	unsigned int njobs;	/* background actions started, for seeds */
	struct gregion *regions;
	struct gproc *next;
};

struct gtimer {
	uint64_t interval, due;
	scn_timer_fn *fn;
	void *arg;
	bool stopped;		/* by its own callback: freed after the run */
	struct gtimer *next;
};

struct gexec {
	struct scn_backend be;
	const char *root;	/* "" in the guest, a scratch tree in tests */
	char cgroot[4096];	/* root + /sys/fs/cgroup */
	uint64_t start_ns;	/* CLOCK_MONOTONIC at the start */
	uint64_t seed;
	int action_timeout_s;
	struct gproc *procs;
	struct gtimer *timers;
	bool in_timers;		/* gexec_timers_run() is calling back */
};

static inline struct gexec *gexec_of(struct scn_rt *rt)
{
	return (struct gexec *)rt->be;
}

static inline struct gproc *gproc_of(const struct scn_proc *p)
{
	return p->task;
}

/* files.c */
struct scn_backend *gexec_create(const char *root, uint64_t seed,
				 int action_timeout_s);
void gexec_destroy(struct scn_backend *be);
/* @path (absolute, in the scenario's terms) under the root: malloc'd. */
char *gexec_path(struct gexec *ge, const char *path);

/* proc.c */
int gexec_spawn(struct scn_rt *rt, const struct scn_stmt *s, void **task);
int gexec_threads(struct scn_rt *rt, struct scn_proc *p, unsigned int nr);
int gexec_fork(struct scn_rt *rt, struct scn_proc *parent, const char *child,
	       void **task);
void gexec_kill(struct scn_rt *rt, struct scn_proc *p);
int gexec_pid(struct scn_rt *rt, struct scn_proc *p);
enum scn_proc_state gexec_state(struct scn_rt *rt, struct scn_proc *p);
bool gexec_frozen(struct scn_rt *rt, struct scn_proc *p);
int gexec_enter(struct scn_rt *rt, struct scn_proc *p);
void gexec_leave(struct scn_rt *rt, struct scn_proc *p);
int gexec_pagemap(struct scn_rt *rt, struct scn_proc *p, const char *region,
		  enum scn_pagemap_flag flag, u64 *pages);
/*
 * Send @cmd (and @fd, or -1) to @gp and wait for its reply, firing timers
 * meanwhile; -ESRCH when it died first, -ETIMEDOUT after the action bound
 * (a runtime error says so).
 */
int gexec_call(struct scn_rt *rt, struct gproc *gp, const struct gcmd *cmd,
	       int fd, struct greply *reply);
/* Is @gp gone?  Notices a death (and reaps) when it happens. */
bool gexec_dead(struct gexec *ge, struct gproc *gp);
void gexec_procs_release(struct gexec *ge);
/* Send @fd over @sock with @buf; receive one with a message. */
int chan_send(int sock, const void *buf, size_t len, int fd);
ssize_t chan_recv(int sock, void *buf, size_t len, int *fd);

/* time.c */
uint64_t gexec_clock(void);
u64 gexec_now(struct scn_rt *rt);
void gexec_sleep(struct scn_rt *rt, u64 ns);
void gexec_step(struct scn_rt *rt, u64 deadline);
void gexec_wait(struct scn_rt *rt, struct scn_proc *p);
int gexec_timer_start(struct scn_rt *rt, u64 interval_ns, scn_timer_fn *fn,
		      void *arg, void **timer);
void gexec_timer_stop(struct scn_rt *rt, void *timer);
/* Fire the timers that are due; the time (ns, from the start) of the next. */
uint64_t gexec_timers_run(struct gexec *ge);
void gexec_timers_release(struct gexec *ge);

/* act.c: the backend's actions */
scn_action_fn gexec_act_exit, gexec_act_mmap, gexec_act_munmap;
scn_action_fn gexec_act_touch, gexec_act_file, gexec_act_mlock;
scn_action_fn gexec_act_madvise, gexec_act_pin, gexec_act_dentries;
scn_action_fn gexec_act_access, gexec_act_replay;
/* act_mm.c */
scn_action_fn gexec_act_mprotect, gexec_act_clear_refs, gexec_act_setrlimit;
scn_action_fn gexec_act_shmctl;
/* Send @cmd to @p's worker (act.c); a background one marks it busy. */
int gexec_act_call(struct scn_rt *rt, struct scn_proc *p, struct gcmd *cmd,
		   int fd, struct greply *reply);
struct gregion *gexec_region(struct gproc *gp, const char *name);
/* A copy of @from's regions for a forked child. */
struct gregion *gexec_regions_dup(const struct gregion *from);
void gexec_regions_free(struct gregion *r);

/* worker_mm.c: the worker's memory commands other than mappings */
int worker_mm_cmd(const struct gcmd *c);
/* A sysv mapping of @len bytes: its address, its segment in *@shmid. */
int worker_sysv_map(uint64_t len, uint64_t *addr, int *shmid);

/* worker.c: the worker's life, in the child; never returns. */
void worker_main(const char *root, int oom_score_adj, int cpu)
	__attribute__((noreturn));

#endif
