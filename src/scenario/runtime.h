/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The scenario runtime: the state of a run, its TAP output and errors
 * (FILE:LINE), the tables of the scenario's processes and open files, file
 * targets, conditions (expect.c), recording (record.c) and the statement
 * loop.  It runs on any backend (backend.h) and includes nothing of the
 * model, so that a guest executor on a real kernel shares all of it.
 *
 * Tiers, bottom to top: this runtime; the backends' actions
 * (scenario/model/ for the model); the dispatcher (run.h), which maps
 * each statement to runtime helpers and backend operations.
 */
#ifndef MEMCGLAB_SCENARIO_RUNTIME_H
#define MEMCGLAB_SCENARIO_RUNTIME_H

#include <stdio.h>

#include "lib/strbuf.h"
#include "scenario/ast.h"
#include "scenario/backend.h"

struct scn_recorder;
struct scn_observer;
struct scn_rt;
struct scn_proc;

/* --set TARGET=VALUE (set.c) */
struct scn_set {
	const char *arg;		/* as given: "A/memory.max=64M" */
	struct scn_script *script;	/* one statement: write TARGET VALUE */
};

/* Where a --set takes effect (set.c). */
struct scn_set_plan {
	const struct scn_stmt *write;	/* its target's path and value */
	bool after_writes;		/* after each write of the target */
	const struct scn_stmt *after;	/* else after this one (mkdir) */
};

/*
 * The bounds of a run (docs/scenario.md, "Limits"), so that no input makes
 * it run for hours: the pages or operations one action may access, and
 * the samples one `record` may write.  Reaching one is a runtime error
 * that names it; a zero field takes its default, and `memcglab run --limit
 * NAME=N` sets one.  (Loops of the language have bounds of their own.)
 */
struct scn_limits {
	u64 ops;
	u64 samples;
};
#define SCN_LIMIT_OPS		100000000ULL	/* 1e8: about 30 s of host time */
#define SCN_LIMIT_SAMPLES	1000000ULL

#define SCN_CONTENT_SCENARIO	0	/* the machine statement's content= */
#define SCN_CONTENT_REAL	1
#define SCN_CONTENT_MODEL	2

struct scn_run_options {
	bool verify;		/* check invariants after every statement */
	bool seed_set;
	u64 seed;		/* overrides the machine statement's */
	/* --content, over the machine statement's: SCN_CONTENT_* */
	int content;
	FILE *trace;		/* --trace output, or NULL */
	const char **policies;	/* --policy NAME=VALUE, after the script's */
	int npolicies;
	const struct scn_set *sets;	/* --set, parsed by scn_sets_parse() */
	int nsets;
	const char *record_dir;	/* relative record files go here, or NULL */
	FILE *out;		/* TAP and read output */
	FILE *err;		/* runtime errors; NULL: stderr */
	const struct scn_observer *observer;	/* or NULL */
	struct scn_limits limits;
	/*
	 * Called now and then in a long run: after every statement, in waits,
	 * and every SCN_PROGRESS_OPS operations of an action, for a progress
	 * line on a terminal (cli/).  It must not write to the run's output.
	 * NULL: none.
	 */
	void (*progress)(void *arg, const struct scn_rt *rt);
	void *progress_arg;
};
#define SCN_PROGRESS_OPS	65536

/* A number as a file shows it, for recorded samples. */
struct scn_sample {
	enum { SCN_SAMPLE_NONE, SCN_SAMPLE_NUM, SCN_SAMPLE_MAX } kind;
	s64 n;
};

/*
 * What a run reports besides its TAP text, for machine-readable results
 * (`memcglab run --json`, `--report`).  Every callback is optional; @now
 * is the backend's time, @s the statement running.
 */
struct scn_observer {
	void *arg;
	/* a `read`: what it printed (@text, @len), or its error */
	void (*read)(void *arg, const struct scn_stmt *s, u64 now,
		     const char *text, size_t len, int err);
	/*
	 * An `expect` compared these, before its TAP line: its two sides
	 * (a pagemap count and its bound), SCN_SAMPLE_NONE when a side
	 * could not be read (`memcglab compare`)
	 */
	void (*values)(void *arg, const struct scn_stmt *s,
		       const struct scn_sample *lhs,
		       const struct scn_sample *rhs);
	/* each TAP line; @detail is what follows its '#' (or NULL) */
	void (*tap)(void *arg, const struct scn_stmt *s, u64 now, bool ok,
		    bool todo, const char *reason, const char *detail);
	/* the error that stops the run, as printed: "FILE:LINE: message" */
	void (*error)(void *arg, const char *msg);
	/* oom_kill, killed, exited (a process) or echo (@text) */
	void (*event)(void *arg, const struct scn_stmt *s, u64 now,
		      const char *kind, const struct scn_proc *p,
		      const char *text);
	/* a design switch took effect */
	void (*policy)(void *arg, const char *name, const char *value);
	/* `record`: a new series (its handle), then each of its samples */
	void *(*series)(void *arg, const struct scn_stmt *s);
	void (*sample)(void *arg, void *series, u64 now,
		       const struct scn_sample *values);
	/* the run is over: the TAP counts and the exit status */
	void (*end)(void *arg, u64 now, const struct scn_rt *rt, int status);
};

/* A process of the scenario, by name: the backend's handle. */
struct scn_proc {
	const char *name;
	void *task;
	const char *cgroup;		/* where it was last put, "/" the root */
	enum scn_proc_state seen;	/* its state when last looked at */
	struct scn_scan_result scan;	/* its last pagemap_scan */
	struct scn_proc *next;
};

/* A file the scenario opened with `open ... as NAME`. */
struct scn_fd {
	const char *name;
	void *file;
	struct scn_fd *next;
};

/* A background action, started or ended (rt.c). */
struct scn_bg {
	const struct scn_stmt *stmt;
	int err;
	struct scn_bg *next;
};

/* A variable of the scenario (let, repeat ... as, for). */
struct scn_var {
	const char *name;
	s64 value;
};

/* A loop running, for messages: "(i=7)", or "(pass 3)" without a name. */
struct scn_frame {
	const char *var;	/* NULL: a loop without a variable */
	s64 value;		/* the variable's value in this pass */
	u64 pass;		/* from 1 */
};

struct scn_arena;
struct scn_value;
struct scn_rt;
/* Runs one statement; the dispatcher's. */
typedef void scn_exec_fn(struct scn_rt *rt, const struct scn_stmt *s);

struct scn_rt {
	const struct scn_script *script;
	const struct scn_run_options *opts;
	struct scn_backend *be;
	const struct scn_backend_ops *ops;	/* be->ops */
	scn_exec_fn *exec;
	FILE *out;
	struct scn_proc *procs;
	struct scn_fd *fds;
	struct scn_recorder *recorders;
	const struct scn_stmt *stmt;	/* the statement running */
	struct scn_set_plan *set_plans;	/* opts->nsets of them */
	int tests, passed, failed, todo;
	int fatal;			/* a runtime error stopped the run */
	size_t stmts_done;		/* statements run, for progress */
	/* background actions (`&`): ended, to report; started, to end */
	struct scn_bg *bg_done, *bg_running;
	const struct scn_stmt *fatal_stmt;	/* where */
	struct scn_var *vars;		/* every variable that has a value */
	size_t nvars, cvars;
	struct scn_frame frames[SCN_MAX_NESTING];	/* loops running */
	int nframes;
	/* the statements run with their variables' values, kept to the end
	 * (a background action or a recorder may point into them) */
	struct scn_arena *instances;
};

/* rt.c: state and reporting */
void scn_rt_init(struct scn_rt *rt, const struct scn_script *script,
		 struct scn_backend *be, const struct scn_run_options *opts,
		 scn_exec_fn *exec);
/*
 * Close the files the scenario left open and forget its processes (stop
 * its recorders first); the backend is its creator's to destroy.
 */
void scn_rt_release(struct scn_rt *rt);
/* Run the script: setup first, then every statement; the exit status. */
int scn_rt_run(struct scn_rt *rt);
/* Run one statement (no block), then the backend's check. */
void scn_rt_run_stmt(struct scn_rt *rt, const struct scn_stmt *s);

/* One TAP line for the running statement. */
void scn_rt_tap(struct scn_rt *rt, bool ok, bool todo, const char *reason,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A runtime error at the statement's FILE:LINE: it stops the run. */
void scn_rt_error(struct scn_rt *rt, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * The limits of the run, defaults filled in; scn_rt_check_ops() is 0 if
 * an action of @n operations is within them, else a runtime error and
 * -E2BIG.  @what names the action's work in the message ("pages").
 */
struct scn_limits scn_rt_limits(const struct scn_rt *rt);
int scn_rt_check_ops(struct scn_rt *rt, u64 n, const char *what);
/*
 * A background action (`&`) the backend started has ended with @err (0
 * or a negative errno): its TAP line, if it has one (a failure, or an
 * expected errno), comes after the running statement, under its own line.
 */
void scn_rt_bg_done(struct scn_rt *rt, const struct scn_action *a, int err);
/* Progress of a long run (opts->progress), if anyone listens. */
void scn_rt_progress(struct scn_rt *rt);
/* An operation's result against the statement's `=> ERRNO`: TAP lines. */
void scn_rt_result(struct scn_rt *rt, int err);
/* The running statement, an action, was started in the background. */
void scn_rt_bg_started(struct scn_rt *rt);
/* "EBUSY" for -EBUSY. */
const char *scn_rt_errname(int err);

struct scn_proc *scn_rt_proc(struct scn_rt *rt, const char *name);
struct scn_proc *scn_rt_proc_add(struct scn_rt *rt, const char *name,
				 void *task, const char *cgroup);
struct scn_fd *scn_rt_fd(struct scn_rt *rt, const char *name);
void scn_rt_fd_add(struct scn_rt *rt, const char *name, void *file);
int scn_rt_fd_close(struct scn_rt *rt, const char *name);

/*
 * A file the scenario names (a replay trace): relative to the directory of
 * the file the running statement is in, unless absolute (malloc'd).
 */
char *scn_rt_file_path(struct scn_rt *rt, const char *path);

/* Apply `policy NAME=VALUE` (or --policy), with messages. */
void scn_rt_policy(struct scn_rt *rt, const char *name, const char *value);

/* Targets: cgroup files, absolute paths, open files, /proc/NAME/FILE. */
int scn_rt_read(struct scn_rt *rt, const struct scn_target *t,
		struct strbuf *sb);
/* Write @value and a newline, as `echo VALUE > TARGET`. */
int scn_rt_write(struct scn_rt *rt, const struct scn_target *t,
		 const char *value);
int scn_rt_write_path(struct scn_rt *rt, const char *path,
		      const char *value);
int scn_rt_open(struct scn_rt *rt, const struct scn_target *t,
		unsigned int flags, void **file);

/* expect.c: conditions of expect, wait until, if and while */
bool scn_rt_cond(struct scn_rt *rt, const struct scn_cond *c,
		 struct strbuf *why);
/*
 * The value of @e: 0, or a negative errno with the reason in @why.  An
 * error of the arithmetic (overflow, division by zero) is a runtime error
 * too: it stops the run.
 */
int scn_rt_eval(struct scn_rt *rt, const struct scn_expr *e,
		struct scn_value *v, struct strbuf *why);
/*
 * pages.c: `expect pagemap|kpage*|mincore ...` and `expect lseek ...`;
 * scan(NAME.FIELD) (an scn_scan_fn); `read /proc/NAME/pagemap REGION ...`
 * into @sb (0, or a negative errno).
 */
bool scn_rt_cond_pages(struct scn_rt *rt, const struct scn_cond *c,
		       struct strbuf *why);
/* What a pagemap (...) condition counts, without comparing it. */
int scn_rt_count_pages(struct scn_rt *rt, const struct scn_cond *c, u64 *got,
		       struct strbuf *why);
bool scn_rt_cond_lseek(struct scn_rt *rt, const struct scn_cond *c,
		       struct strbuf *why);
int scn_rt_scan_value(void *arg, const struct scn_expr *e,
		      struct scn_value *v, struct strbuf *why);
int scn_rt_read_pages(struct scn_rt *rt, const struct scn_stmt *s,
		      struct strbuf *sb);
/* An expect's two sides (or errors), for the observer; wait until's are not. */
void scn_rt_observe_values(struct scn_rt *rt, const struct scn_value *l,
			   int lerr, const struct scn_value *r, int rerr);
/* The number a target shows (its first word, or its key's value). */
int scn_rt_number(struct scn_rt *rt, const struct scn_target *t,
		  s64 *n, bool *is_max);

/*
 * record.c: start a recording (0, or a runtime error reported and a
 * negative errno); finish them all at the end of the run (stop sampling,
 * and write out what is buffered: a write error is a runtime error);
 * free them.
 */
/* flow.c: variables, control flow, statements with variables */
/* Run statements [from, to) of the script, blocks and all. */
void scn_rt_exec(struct scn_rt *rt, size_t from, size_t to);
/* "line 12 (i=7)", or "lib.scn:12" for a statement of an included file. */
void scn_rt_where(struct scn_rt *rt, const struct scn_stmt *s,
		  struct strbuf *sb);
/* " (i=7, j=2)" inside loops, else nothing. */
void scn_rt_frames(struct scn_rt *rt, struct strbuf *sb);
void scn_rt_vars_release(struct scn_rt *rt);

/* record.c */
int scn_rt_record(struct scn_rt *rt, const struct scn_stmt *s);
void scn_rt_record_finish(struct scn_rt *rt);
void scn_rt_record_release(struct scn_rt *rt);

/*
 * set.c: --set TARGET=VALUE over the scenario's own writes.  Parse each
 * of @args into @sets (n of them); -EINVAL with the message in @err.
 */
int scn_sets_parse(const char *const *args, int n, struct scn_set *sets,
		   struct strbuf *err);
void scn_sets_free(struct scn_set *sets, int n);
/* Plan where each --set takes effect; a runtime error if nowhere. */
void scn_rt_sets_plan(struct scn_rt *rt);
/* The --set writes due after statement @s; @s NULL: those due at boot. */
void scn_rt_sets_after(struct scn_rt *rt, const struct scn_stmt *s);
/* The file a `sysctl` or `param` assignment writes. */
void scn_sysctl_path(const char *key, struct strbuf *path);
int scn_param_path(const char *key, struct strbuf *path);

#endif
