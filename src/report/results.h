/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The results of one run of a scenario, as data: the run's header (version,
 * scenario, seed, policies), every file read with the text it showed, every
 * TAP line (expectations and `=> ERRNO` checks), the run's events (processes
 * killed or exiting, `echo` markers) and every `record`ed series.  The JSON
 * writer and reader (json.c), the HTML report (html.c) and the sweep tables
 * all work from this one structure; docs/json.md is its schema.
 */
#ifndef MEMCGLAB_REPORT_RESULTS_H
#define MEMCGLAB_REPORT_RESULTS_H

#include <stddef.h>

#include "lib/compiler.h"

/* A number as an interface file shows it. */
enum rs_kind {
	RS_NONE,		/* unreadable, or not a number */
	RS_NUM,
	RS_MAX,			/* "max": above every number */
};

struct rs_value {
	enum rs_kind kind;
	s64 n;
};

struct rs_pair {
	char *name;
	char *value;
};

struct rs_header {
	char *version;		/* memcglab's */
	char *model_of;
	char *scenario;		/* the file as given on the command line */
	char *backend;		/* "model" */
	u64 seed;
	struct rs_pair *policies;	/* name=value, in the table's order */
	size_t npolicies;
	/* a sweep's point: the --set values it substituted (else none) */
	struct rs_pair *set;
	size_t nset;
};

struct rs_read {
	unsigned int line;
	u64 time_ns;
	char *target;		/* as written: A/memory.stat:anon */
	char *text;		/* what the read printed, NULL if it failed */
	size_t len;
	int err;		/* negative errno of a failed read, else 0 */
	struct rs_value value;	/* the text as one number, if it is one */
};

struct rs_expect {
	unsigned int line;
	u64 time_ns;
	char *source;		/* the statement's text */
	bool ok, todo;
	char *reason;		/* xfail's reason, or NULL */
	char *detail;		/* "got 41943040", or NULL */
};

struct rs_event {
	unsigned int line;	/* the statement running, 0 if none */
	u64 time_ns;
	char *kind;		/* oom_kill, killed, exited, echo */
	char *process;		/* or NULL */
	char *cgroup;		/* or NULL */
	char *text;		/* or NULL */
};

struct rs_series {
	unsigned int line;	/* the `record` statement */
	char *file;		/* its CSV file */
	u64 interval_ns;
	size_t ncols;
	char **targets;		/* ncols column names */
	size_t nrows, alloc;
	u64 *time_ns;		/* nrows */
	struct rs_value *values;	/* nrows * ncols, row-major */
};

struct results {
	struct rs_header hdr;
	struct rs_read *reads;
	size_t nreads, reads_alloc;
	struct rs_expect *expects;
	size_t nexpects, expects_alloc;
	struct rs_event *events;
	size_t nevents, events_alloc;
	struct rs_series **series;
	size_t nseries;
	/* the outcome: scenario_run()'s exit status and the TAP counts */
	int exit_code;
	int tests, passed, failed, todo;
	char *error;		/* the message that stopped the run, or NULL */
	u64 end_ns;		/* virtual time at the end */
	/* a sweep's point, from its file's name point-N.json; -1 if none */
	long point;
};

struct results *results_new(void);
void results_free(struct results *r);

/* strdup that never returns NULL for a non-NULL @s (aborts on ENOMEM). */
char *rs_strdup(const char *s);
/*
 * Grow the array @p of *@alloc items of @size bytes to hold @n + 1; new
 * items are zeroed.  Returns the array.
 */
void *rs_grow(void *p, size_t *alloc, size_t n, size_t size);

void rs_pair_add(struct rs_pair **v, size_t *n, const char *name,
		 const char *value);
const char *rs_pair_get(const struct rs_pair *v, size_t n, const char *name);

/* Parse a file's text as one number ("max", "123", "123\n"); RS_NONE if not. */
struct rs_value rs_value_parse(const char *text, size_t len);

struct rs_read *results_add_read(struct results *r, unsigned int line,
				 u64 time_ns, const char *target,
				 const char *text, size_t len, int err);
struct rs_expect *results_add_expect(struct results *r, unsigned int line,
				     u64 time_ns, const char *source, bool ok,
				     bool todo);
struct rs_event *results_add_event(struct results *r, unsigned int line,
				   u64 time_ns, const char *kind);
struct rs_series *results_add_series(struct results *r, unsigned int line,
				     const char *file, u64 interval_ns,
				     size_t ncols, const char *const *targets);
void series_add_row(struct rs_series *s, u64 time_ns,
		    const struct rs_value *values);
static inline struct rs_value *series_at(const struct rs_series *s,
					 size_t row, size_t col)
{
	return &s->values[row * s->ncols + col];
}

/* The last read of @target, or NULL. */
const struct rs_read *results_last_read(const struct results *r,
					const char *target);

#endif
