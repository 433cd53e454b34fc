/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The scenario interpreter: runs a parsed script against a machine and
 * reports every expectation as a TAP line.
 */
#ifndef MEMCGLAB_SCENARIO_INTERP_H
#define MEMCGLAB_SCENARIO_INTERP_H

#include <stdio.h>

#include "lib/strbuf.h"
#include "scenario/ast.h"
#include "sim/content.h"

struct machine;
struct task_struct;
struct kernfs_open_file;
struct job;
struct recorder;

struct run_options {
	bool verify;		/* mm_verify() after every statement */
	bool seed_set;
	u64 seed;		/* overrides the machine statement's */
	FILE *trace;		/* --trace output, or NULL */
	const char **policies;	/* --policy NAME=VALUE, after the script's */
	int npolicies;
	FILE *out;		/* TAP and read output */
};

/* A process of the scenario, by name. */
struct proc {
	const char *name;
	struct task_struct *task;
	struct proc *next;
};

struct open_fd {
	const char *name;
	struct kernfs_open_file *of;
	struct open_fd *next;
};

struct interp {
	const struct scn_script *script;
	const struct run_options *opts;
	struct machine *m;
	FILE *out;
	struct proc *procs;
	struct open_fd *fds;
	struct job *jobs;		/* background actions */
	struct recorder *recorders;
	const struct scn_stmt *stmt;	/* the statement running */
	int tests, passed, failed, todo;
	int fatal;			/* a runtime error stopped the run */
};

/* Run @script; returns 0 if every expectation held, 1 if not, 2 on error. */
int scenario_run(const struct scn_script *script, const struct run_options *opts);

/* interp.c */
struct proc *interp_proc(struct interp *in, const char *name);
void interp_tap(struct interp *in, bool ok, bool todo, const char *reason,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void interp_error(struct interp *in, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Run the current task's return-to-user work (memory.high). */
void interp_return_to_user(struct interp *in, struct task_struct *t);
struct fill fill_of(enum scn_fill fill, double ratio);

/* expect.c */
int target_read(struct interp *in, const struct scn_target *t, struct strbuf *sb);
bool cond_eval(struct interp *in, const struct scn_cond *c, struct strbuf *why);
/* The number a target shows (its first word, or its key's value). */
int target_number(struct interp *in, const struct scn_target *t, s64 *n,
		  bool *is_max);

/* workload.c: process actions that touch memory, foreground or background */
int action_touch(struct interp *in, struct proc *p, const struct scn_action *a);
int action_access(struct interp *in, struct proc *p, const struct scn_action *a);
int action_replay(struct interp *in, struct proc *p, const struct scn_action *a);
int action_mlock_background(struct interp *in, struct proc *p,
			    const struct scn_action *a);
/* Advance time until @p's background jobs are done (all jobs if NULL). */
void jobs_wait(struct interp *in, struct proc *p);
void jobs_release(struct interp *in);

/* record.c */
int record_start(struct interp *in, const struct scn_stmt *s);
void recorders_release(struct interp *in);

#endif
