/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A sweep's table, built from its runs' results alone: the axes are the
 * --set targets, policies and the seed whose values differ between runs;
 * each row is one run (a point of the grid) with its axis values, outcome,
 * failed expectations and the last value of each chosen read; a summary
 * per axis value follows.  Local runs, GNU parallel and Slurm jobs all end
 * as JSON files read by sweep_load_dir(), so every path gives the same
 * table.
 */
#ifndef MEMCGLAB_REPORT_SWEEP_H
#define MEMCGLAB_REPORT_SWEEP_H

#include "lib/strbuf.h"
#include "report/results.h"

enum sweep_axis_kind { AXIS_SET, AXIS_POLICY, AXIS_SEED };

struct sweep_axis {
	enum sweep_axis_kind kind;
	char *name;		/* A/memory.max, zswap.lru, seed */
	char **values;		/* distinct, in the order the runs show them */
	size_t nvalues;
};

struct sweep_table {
	struct results **runs;	/* in point order; not owned */
	size_t nruns;
	struct sweep_axis *axes;
	size_t naxes;
	char **shown;		/* the reads shown, by target */
	size_t nshown;
};

/*
 * Build the table of @runs; @show lists the reads to show (NULL: every
 * target that some run read as one number, in the order first read).
 */
void sweep_table_build(struct sweep_table *t, struct results **runs,
		       size_t nruns, const char *const *show, size_t nshow);
void sweep_table_release(struct sweep_table *t);

/* A run's value on an axis (the policy's, the --set value, the seed). */
const char *sweep_axis_value(const struct sweep_axis *a,
			     const struct results *r, char *buf, size_t size);
/* The cell of a shown read: its last value, "-" if never read. */
void sweep_read_cell(const struct results *r, const char *target,
		     char *buf, size_t size);
/* "ok 3/3", "FAIL 2/3", "ERROR" */
void sweep_outcome(const struct results *r, char *buf, size_t size);
/* The lines of the run's failed expectations: "12,15", or "". */
void sweep_failed_lines(const struct results *r, struct strbuf *out);

/*
 * The table's cells as text: a header row, then one row per run: point,
 * the axes' values, outcome, failed lines, the shown reads.
 */
struct sweep_grid {
	char ***cell;		/* rows x cols */
	size_t rows, cols;
};

void sweep_grid_build(const struct sweep_table *t, struct sweep_grid *g);
void sweep_grid_release(struct sweep_grid *g);

/* The shown reads over some runs: how many had a number, their statistics. */
struct stat_acc {
	size_t n;
	double sum, lo, hi;
};

/*
 * The runs at value @v of axis @a: how many (*@n), how many passed (*@ok),
 * and each shown read's statistics in @acc (t->nshown of them).
 */
void sweep_summarize(const struct sweep_table *t, const struct sweep_axis *a,
		     const char *v, size_t *n, size_t *ok, struct stat_acc *acc);

/* The table as aligned text, then the summary per axis. */
void sweep_print_text(const struct sweep_table *t, struct strbuf *out);
/* The table alone. */
void sweep_print_table(const struct sweep_table *t, struct strbuf *out);
/* Each failed expectation and error, a line each, by point. */
void sweep_print_failures(const struct sweep_table *t, struct strbuf *out);
/* One CSV row per run (RFC 4180). */
void sweep_print_csv(const struct sweep_table *t, struct strbuf *out);
/* The table as one JSON document (format memcglab-sweep). */
void sweep_print_json(const struct sweep_table *t, struct strbuf *out);

/*
 * Read every *.json in @dir, sorted by name, into *@runs.  Returns the
 * count, or -errno with a message in @err.
 */
int sweep_load_dir(const char *dir, struct results ***runs, struct strbuf *err);

/* sweep_html.c: the table, the summaries and overlaid plots, as a page. */
void sweep_html_report(const struct sweep_table *t, struct strbuf *out);

#endif
