/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DAMON's access records to a `replay` trace (docs/scenario.md, "Replay
 * traces").  Two text forms are read:
 *
 *  - `perf script` of the damon:damon_aggregated tracepoint, as Linux
 *    6.12's Documentation/admin-guide/mm/damon/usage.rst shows it (what
 *    `damo record` records through perf):
 *      kdamond.0 46568 [027] 79357.842179: damon:damon_aggregated: \
 *          target_id=0 nr_regions=11 122509119488-135708762112: 0 864
 *  - damo's raw report (`damo report raw`, `damo report access
 *    --raw_form`), as damo's USAGE.md shows it: monitoring_start/end
 *    blocks of `target_id:`, `nr_regions:` and `START-END( SIZE): N` lines.
 *
 * A snapshot is one aggregation interval of one target: its regions and
 * how many of the interval's samples found each accessed.  DAMON samples
 * one page a region, so it says which regions were used in the interval,
 * not which pages or how often each: the trace touches every page of every
 * region DAMON saw accessed, once per interval, the regions one after
 * another across the interval.  DAMON does not tell loads from stores: a
 * page's first access is a store (what a program's memory gets before it
 * is read; a load of never-written anonymous memory would only map the
 * zero page), later ones are loads.
 */
#ifndef MEMCGLAB_TRACE_DAMON_H
#define MEMCGLAB_TRACE_DAMON_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/compiler.h"
#include "lib/strbuf.h"

struct damon_opts {
	const char *prefix;	/* region names: PREFIX0, PREFIX1, ... */
	bool have_target;	/* else the first target in the input */
	u64 target;
};

/*
 * Convert @text (@len bytes, named @name in messages) to trace lines in
 * @out, the regions to map listed in its leading comments.  Returns 0, or
 * -EINVAL with "NAME:LINE: what is wrong" in @err.
 */
int damon_to_trace(const char *text, size_t len, const char *name,
		   const struct damon_opts *opts, struct strbuf *out,
		   struct strbuf *err);

#endif
