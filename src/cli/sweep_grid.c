// SPDX-License-Identifier: GPL-2.0
/*
 * A sweep's grid and its jobs (see sweep_grid.h).  Points are numbered in
 * row-major order of the axes as given (the last axis changes fastest),
 * and each job is a plain `memcglab run --json` with absolute paths, so the
 * same command runs here, under GNU parallel on other hosts that share the
 * directory, or as a Slurm array task.
 */
#define _GNU_SOURCE		/* asprintf, nftw */
#include "cli/sweep_grid.h"

#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- the axes ---- */

static int add(struct grid *g, enum grid_axis_kind kind, const char *name,
	       char **values, size_t n)
{
	struct grid_axis *a;

	g->axes = realloc(g->axes, (g->naxes + 1) * sizeof(*g->axes));
	if (!g->axes)
		abort();
	a = &g->axes[g->naxes++];
	a->kind = kind;
	a->name = strdup(name);
	a->values = values;
	a->nvalues = n;
	if (!a->name)
		abort();
	return 0;
}

/* Each value checked as --policy or --set would check it. */
static int check_values(const char *cmd, enum grid_axis_kind kind,
			const char *name, char **values, size_t n)
{
	struct strbuf arg = STRBUF_INIT;
	size_t i;
	int ret = 0;

	for (i = 0; i < n && !ret; i++) {
		if (kind == GRID_POLICY) {
			ret = cli_check_policy(cmd, name, values[i]);
			continue;
		}
		sb_reset(&arg);
		sb_printf(&arg, "%s=%s", name, values[i]);
		ret = cli_check_set(cmd, arg.buf);
	}
	sb_release(&arg);
	return ret;
}

int grid_add_axis(struct grid *g, const char *cmd, enum grid_axis_kind kind,
		  const char *arg)
{
	const char *eq = strchr(arg, '=');
	const char *opt = kind == GRID_SET ? "--set" : "--policy";
	char *name, **values;
	size_t n, i;

	if (!eq || eq == arg || !eq[1])
		return cli_usage_error(cmd, "%s %s: expected NAME=V1,V2,...", opt, arg);
	name = strndup(arg, eq - arg);
	values = cli_split(eq + 1, &n);
	for (i = 0; i < g->naxes; i++)
		if (!strcmp(g->axes[i].name, name))
			break;
	if (i < g->naxes || check_values(cmd, kind, name, values, n)) {
		if (i < g->naxes)
			cli_usage_error(cmd, "%s %s: %s is swept twice", opt, arg, name);
		free(name);
		cli_free_list(values, n);
		return EXIT_USAGE;
	}
	add(g, kind, name, values, n);
	free(name);
	return 0;
}

int grid_add_seeds(struct grid *g, const char *cmd, const char *arg)
{
	char **values;
	u64 *seeds;
	size_t n, i;

	if (cli_parse_seeds(cmd, arg, &seeds, &n))
		return EXIT_USAGE;
	values = calloc(n + 1, sizeof(char *));
	for (i = 0; values && i < n; i++)
		if (asprintf(&values[i], "%llu", (unsigned long long)seeds[i]) < 0)
			abort();
	free(seeds);
	if (!values)
		abort();
	return add(g, GRID_SEED, "seed", values, n);
}

int grid_finish(struct grid *g, const char *cmd, const char *scenario,
		const char *out)
{
	size_t i;

	g->npoints = 1;
	for (i = 0; i < g->naxes; i++) {
		if (g->npoints * g->axes[i].nvalues > SWEEP_MAX_POINTS)
			return cli_usage_error(cmd, "more than %d points", SWEEP_MAX_POINTS);
		g->npoints *= g->axes[i].nvalues;
	}
	g->self = cli_self();
	g->scenario = realpath(scenario, NULL);
	if (!g->scenario)
		return cli_usage_error(cmd, "%s: %s", scenario, strerror(errno));
	if (cli_mkdirs(out))
		return cli_usage_error(cmd, "%s: %s", out, strerror(errno));
	g->out = realpath(out, NULL);
	if (!g->self || !g->out)
		return cli_usage_error(cmd, "%s: %s", out, strerror(errno));
	return 0;
}

void grid_release(struct grid *g)
{
	size_t i;

	for (i = 0; i < g->naxes; i++) {
		cli_free_list(g->axes[i].values, g->axes[i].nvalues);
		free(g->axes[i].name);
	}
	free(g->axes);
	free(g->self);
	free(g->scenario);
	free(g->out);
	memset(g, 0, sizeof(*g));
}

/* ---- a point's command ---- */

char *grid_result_path(const struct grid *g, size_t i)
{
	char *p;

	if (asprintf(&p, "%s/point-%06zu.json", g->out, i) < 0)
		abort();
	return p;
}

static void push(char ***v, size_t *n, char *s)
{
	*v = realloc(*v, (*n + 2) * sizeof(char *));
	if (!*v || !s)
		abort();
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

static char *joined(const char *a, const char *b)
{
	char *s;

	if (asprintf(&s, "%s=%s", a, b) < 0)
		abort();
	return s;
}

char **grid_argv(const struct grid *g, size_t i)
{
	static const char *const opt[] = { "--set", "--policy", "--seed" };
	char **v = NULL, *rec;
	size_t n = 0, stride = g->npoints, k;

	push(&v, &n, strdup(g->self));
	push(&v, &n, strdup("run"));
	push(&v, &n, strdup("--json"));
	push(&v, &n, strdup("--output"));
	push(&v, &n, grid_result_path(g, i));
	rec = strdup(v[n - 1]);
	rec[strlen(rec) - 5] = '\0';	/* OUT/point-NNNNNN: its record files */
	push(&v, &n, strdup("--record-dir"));
	push(&v, &n, rec);
	if (g->verify)
		push(&v, &n, strdup("--verify"));
	for (k = 0; k < g->naxes; k++) {
		const struct grid_axis *a = &g->axes[k];
		const char *val;

		stride /= a->nvalues;
		val = a->values[(i / stride) % a->nvalues];
		push(&v, &n, strdup(opt[a->kind]));
		push(&v, &n, a->kind == GRID_SEED ? strdup(val) : joined(a->name, val));
	}
	push(&v, &n, strdup(g->scenario));
	return v;
}

void grid_free_argv(char **argv)
{
	char **p;

	for (p = argv; *p; p++)
		free(*p);
	free(argv);
}

/* ---- jobs for elsewhere ---- */

/* 'word', a quote inside as '\'' */
static void shell_quote(struct strbuf *sb, const char *s)
{
	sb_puts(sb, "'");
	for (; *s; s++) {
		if (*s == '\'')
			sb_puts(sb, "'\\''");
		else
			sb_add(sb, s, 1);
	}
	sb_puts(sb, "'");
}

static int write_in_out(const struct grid *g, const char *name,
			const struct strbuf *text, struct strbuf *err)
{
	char *path;
	int ret;

	if (asprintf(&path, "%s/%s", g->out, name) < 0)
		abort();
	ret = cli_write(path, text->buf ? text->buf : "", text->len, err);
	free(path);
	return ret;
}

int grid_write_jobs(const struct grid *g, struct strbuf *err)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	char **v, **p;
	int ret;

	for (i = 0; i < g->npoints; i++) {
		v = grid_argv(g, i);
		for (p = v; *p; p++) {
			if (p != v)
				sb_puts(&sb, " ");
			shell_quote(&sb, *p);
		}
		sb_puts(&sb, "\n");
		grid_free_argv(v);
	}
	ret = write_in_out(g, SWEEP_JOBS_FILE, &sb, err);
	sb_release(&sb);
	return ret;
}

int grid_write_slurm(const struct grid *g, struct strbuf *err)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (strpbrk(g->out, " \t\n'\"\\"))
		return cli_usage_error("sweep", "--emit slurm: %s has a blank or quote, "
				       "which #SBATCH lines cannot hold", g->out);
	sb_printf(&sb, "#!/bin/bash\n"
		  "# A Slurm array job for a memcglab sweep of %s:\n"
		  "# %zu points, one task each.  Submit it, then merge the results:\n"
		  "#   sbatch %s/" SWEEP_SLURM_FILE "\n"
		  "#   memcglab sweep --collect %s\n"
		  "# Task N runs line N+1 of " SWEEP_JOBS_FILE ".\n"
		  "#SBATCH --job-name=memcglab-sweep\n"
		  "#SBATCH --array=0-%zu\n"
		  "#SBATCH --ntasks=1\n"
		  "#SBATCH --cpus-per-task=1\n"
		  "#SBATCH --output=%s/slurm-%%A_%%a.out\n"
		  "set -eu\n"
		  "jobs=%s/" SWEEP_JOBS_FILE "\n"
		  "task=${SLURM_ARRAY_TASK_ID:?not a Slurm array task: set SLURM_ARRAY_TASK_ID}\n"
		  "line=$(sed -n \"$((task + 1))p\" \"$jobs\")\n"
		  "[ -n \"$line\" ] || { echo \"no point $task in $jobs\" >&2; exit 2; }\n"
		  "exec bash -c \"$line\"\n",
		  g->scenario, g->npoints, g->out, g->out, g->npoints - 1, g->out,
		  g->out);
	ret = write_in_out(g, SWEEP_SLURM_FILE, &sb, err);
	if (!ret) {
		char *path;

		if (asprintf(&path, "%s/" SWEEP_SLURM_FILE, g->out) < 0)
			abort();
		chmod(path, 0755);
		free(path);
	}
	sb_release(&sb);
	return ret;
}

/* ---- here ---- */

static pid_t start(const struct grid *g, size_t i)
{
	char **argv = grid_argv(g, i);
	pid_t pid = fork();

	if (!pid) {
		execv(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	grid_free_argv(argv);
	return pid;
}

static bool has_results(const struct grid *g, size_t i)
{
	char *path = grid_result_path(g, i);
	bool ok = !access(path, R_OK);

	free(path);
	return ok;
}

int grid_run_local(const struct grid *g, long jobs)
{
	size_t next = 0, i;
	long running = 0;
	int missing = 0, status;

	while (next < g->npoints || running > 0) {
		while (running < jobs && next < g->npoints)
			running += start(g, next++) > 0;
		if (running && waitpid(-1, &status, 0) > 0)
			running--;
		else if (running)
			break;		/* no child left to wait for */
	}
	for (i = 0; i < g->npoints; i++)
		if (!has_results(g, i)) {
			fprintf(stderr, "memcglab sweep: point %zu wrote no results\n", i);
			missing++;
		}
	return missing;
}

int grid_check_missing(const char *dir)
{
	struct strbuf err = STRBUF_INIT;
	char *path, *jobs;
	size_t len, i, n = 0;
	int missing = 0;

	if (asprintf(&path, "%s/" SWEEP_JOBS_FILE, dir) < 0)
		abort();
	jobs = cli_slurp(path, &len, &err);
	free(path);
	for (i = 0; jobs && i < len; i++)
		n += jobs[i] == '\n';
	for (i = 0; jobs && i < n; i++) {
		if (asprintf(&path, "%s/point-%06zu.json", dir, i) < 0)
			abort();
		if (access(path, R_OK)) {
			fprintf(stderr, "memcglab sweep: no results for point %zu "
				"(line %zu of %s/" SWEEP_JOBS_FILE "): %s\n", i, i + 1,
				dir, "not run yet, or it failed before writing them");
			missing++;
		}
		free(path);
	}
	free(jobs);
	sb_release(&err);
	return missing;
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	return remove(path) && errno != ENOENT ? -1 : 0;
}

void grid_remove_dir(const char *dir)
{
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}
