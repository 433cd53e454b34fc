/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A sweep's grid and its jobs: the axes (--set and --policy values,
 * seeds), one `memcglab run --json` command per point, run here with one
 * process per point, or written out for GNU parallel (jobs.txt) and for a
 * Slurm array (sweep.sbatch).  Every job writes OUT/point-NNNN.json, and
 * the table is always made from those files (report/sweep.h).
 */
#ifndef MEMCGLAB_CLI_SWEEP_GRID_H
#define MEMCGLAB_CLI_SWEEP_GRID_H

#include "cli/cli.h"

#define SWEEP_MAX_POINTS	100000
#define SWEEP_JOBS_FILE		"jobs.txt"
#define SWEEP_SLURM_FILE	"sweep.sbatch"

enum grid_axis_kind { GRID_SET, GRID_POLICY, GRID_SEED };

struct grid_axis {
	enum grid_axis_kind kind;
	char *name;		/* TARGET, NAME, or "seed" */
	char **values;
	size_t nvalues;
};

struct grid {
	char *self;		/* the memcglab executable, absolute */
	char *scenario;		/* absolute */
	char *out;		/* the results' directory, absolute */
	struct grid_axis *axes;
	size_t naxes;
	size_t npoints;
	bool verify;
};

/* Add an axis from "NAME=V1,V2,..." (--set, --policy); a message if bad. */
int grid_add_axis(struct grid *g, const char *cmd, enum grid_axis_kind kind,
		  const char *arg);
int grid_add_seeds(struct grid *g, const char *cmd, const char *arg);
/* Fix the grid: resolve paths, count the points; a message if bad. */
int grid_finish(struct grid *g, const char *cmd, const char *scenario,
		const char *out);
void grid_release(struct grid *g);

/* The results file of point @i: OUT/point-NNNN.json. */
char *grid_result_path(const struct grid *g, size_t i);
/* Point @i's command: argv, NULL-terminated; free with grid_free_argv. */
char **grid_argv(const struct grid *g, size_t i);
void grid_free_argv(char **argv);

/* OUT/jobs.txt: one shell command a line, for GNU parallel. */
int grid_write_jobs(const struct grid *g, struct strbuf *err);
/* OUT/sweep.sbatch: a Slurm array job running line N+1 of jobs.txt. */
int grid_write_slurm(const struct grid *g, struct strbuf *err);
/* Run every point here, at most @jobs at a time; the points that failed
 * to produce results are counted in the return value. */
int grid_run_local(const struct grid *g, long jobs);

/* The points of OUT/jobs.txt that have no results file: reported. */
int grid_check_missing(const char *dir);
/* rm -r of a directory this sweep made. */
void grid_remove_dir(const char *dir);

#endif
