/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DAMON records as data, between the parsers (damon_parse.c) and the trace
 * writer (damon.c).
 */
#ifndef MEMCGLAB_TRACE_DAMON_INTERNAL_H
#define MEMCGLAB_TRACE_DAMON_INTERNAL_H

#include "trace/damon.h"

/* DAMON's default aggregation interval, for a record of one snapshot. */
#define DAMON_DEFAULT_AGGR_NS	(100 * NSEC_PER_MSEC)

struct damon_region {
	u64 start, end;		/* bytes, [start, end) */
	unsigned int nr_accesses;
};

struct damon_snapshot {
	u64 target;
	u64 t_start, t_end;	/* ns; t_start unknown (0) until finished */
	bool have_start;
	unsigned int nr_regions;	/* as the record announces */
	unsigned int line;	/* where it starts, for messages */
	size_t first, n;	/* its regions in damon_record.regions */
};

struct damon_record {
	struct damon_region *regions;
	size_t nregions, ralloc;
	struct damon_snapshot *snaps;
	size_t nsnaps, salloc;
	const char *name;	/* the input, for messages */
	struct strbuf *err;
};

/* Parse either text form into @rec; -EINVAL with a message in rec->err. */
int damon_parse(struct damon_record *rec, char *text);
void damon_record_release(struct damon_record *rec);

int damon_error(struct damon_record *rec, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
