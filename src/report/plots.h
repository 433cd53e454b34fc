/* SPDX-License-Identifier: GPL-2.0 */
/*
 * From recorded series to plots: each column of every `record` is
 * classified by the file it samples (usage, limit, swap and zswap, PSI,
 * event counter, other counter) and the cgroup it belongs to; each cgroup
 * gets a panel per kind, limits drawn dashed against the usage they bound,
 * event counters as markers where they grew, and the run's events (OOM
 * kills, `echo`) as markers on every panel.
 */
#ifndef MEMCGLAB_REPORT_PLOTS_H
#define MEMCGLAB_REPORT_PLOTS_H

#include "lib/strbuf.h"
#include "report/results.h"
#include "report/svg.h"

enum col_kind {
	COL_USAGE,
	COL_LIMIT,
	COL_SWAP,
	COL_SWAP_LIMIT,
	COL_PSI_AVG,
	COL_PSI_TOTAL,
	COL_EVENT,
	COL_COUNT,
};

struct col_class {
	enum col_kind kind;
	double factor;		/* to bytes (kB: 1024, pages: 4096), else 1 */
	char group[256];	/* "A/B", "/" for the root, "system" */
	const char *name;	/* the target without its group: memory.current */
};

/* Classify @target ("A/memory.stat:anon", "/proc/meminfo:MemFree"). */
void plot_classify(const char *target, struct col_class *c);

/* The unit a column of this class is plotted in. */
enum svg_unit plot_unit(enum col_kind kind);

/* Append one <svg> per panel of @r's series; returns how many. */
int plots_render(const struct results *r, struct strbuf *out);

#endif
