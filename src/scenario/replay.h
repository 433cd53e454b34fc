/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The trace file of `replay TRACEFILE` (docs/scenario.md), read by the
 * runtime for every backend: one access per line, `TIME OP REGION
 * PAGE[+N]`.  TIME is the offset from the start of the replay (a
 * duration: 0ms, 15us), OP is r or w, REGION a region of the process,
 * PAGE the page index in it and +N a run of N pages.  '#' starts a
 * comment.  Times never go backwards.
 */
#ifndef MEMCGLAB_SCENARIO_REPLAY_H
#define MEMCGLAB_SCENARIO_REPLAY_H

#include "scenario/runtime.h"

struct scn_trace_op {
	u64 when;		/* ns from the start of the replay */
	bool write;
	const char *region;	/* one of the trace's names */
	unsigned long page;
	unsigned long count;	/* >= 1 */
};

struct scn_trace {
	struct scn_trace_op *ops;
	size_t n, alloc;
	char **names;		/* the distinct region names */
	size_t nnames;
};

#define SCN_TRACE_LINE_MAX	511	/* bytes of a line, its newline aside */

/*
 * Read the trace @path as written in the running statement (relative to
 * the scenario's directory when not absolute).  0, or a runtime error at
 * the statement (FILE:LINE, and the trace's own line) and a negative errno.
 */
int scn_trace_load(struct scn_rt *rt, const char *path, struct scn_trace *t);
/*
 * The reader itself: the trace in @f, named @path in messages, with at
 * most @limit page accesses.  0, or a negative errno with "PATH:LINE:
 * what is wrong" in @err (the trace is then released by the caller).
 */
int scn_trace_read(FILE *f, const char *path, u64 limit, struct scn_trace *t,
		   struct strbuf *err);
void scn_trace_release(struct scn_trace *t);

#endif
