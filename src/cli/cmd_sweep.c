// SPDX-License-Identifier: GPL-2.0
/*
 * memcglab sweep and compare-policies: a scenario over a grid of --set
 * values, policy values and seeds, one table of the results.  Locally the
 * points run as processes, as many at a time as there are CPUs; --emit
 * writes the same jobs for GNU parallel or a Slurm array instead, and
 * --collect makes the table from their results.  Every path makes the
 * table from the results files, so every path gives the same table.
 */
#define _GNU_SOURCE		/* asprintf */
#include "cli/sweep_grid.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/sweep.h"

static const char sweep_usage[] =
	"usage: memcglab sweep FILE [--set TARGET=V1,V2,...]... [--policy NAME=V1,V2,...]...\n"
	"                      [--seeds A..B|S1,S2,...] [OPTIONS]\n"
	"       memcglab sweep --collect DIR [--show TARGET]... [--csv|--json] [--report DIR]\n"
	"Run FILE at every point of the grid (the last axis changes fastest) and print\n"
	"one table: a row per run with its axis values, outcome, failed expectation\n"
	"lines and the last value of each file it read, then a summary per axis.\n"
	"Exit status: 0 every run passed, 1 one failed, 2 an error.\n"
	"\n"
	"  -S, --set TARGET=V1,...    values written to TARGET (as run --set)\n"
	"  -p, --policy NAME=V1,...   values of a design switch\n"
	"  -s, --seeds A..B|S1,...    seeds\n"
	"      --show TARGET          show this read (repeatable; default: every\n"
	"                             file read as one number)\n"
	"  -j, --jobs N               processes at a time (default: the CPUs)\n"
	"  -o, --out DIR              keep the results there (DIR/point-NNNNNN.json)\n"
	"  -r, --report DIR           write DIR/index.html, the results in DIR/runs\n"
	"  -e, --emit parallel|slurm  write the jobs to --out DIR instead of running:\n"
	"                             DIR/jobs.txt for GNU parallel, DIR/sweep.sbatch\n"
	"                             for a Slurm array; then sweep --collect DIR\n"
	"  -c, --collect DIR          the table of the results in DIR\n"
	"      --csv                  the table as CSV (RFC 4180)\n"
	"      --json                 the table as JSON (format memcglab-sweep)\n"
	"  -v, --verify               run with the model's invariant checks\n"
	"  -h, --help                 this help\n";

enum { OPT_SHOW = 256, OPT_CSV, OPT_JSON };

static const struct option sweep_options[] = {
	{ "set", required_argument, NULL, 'S' },
	{ "policy", required_argument, NULL, 'p' },
	{ "seeds", required_argument, NULL, 's' },
	{ "show", required_argument, NULL, OPT_SHOW },
	{ "jobs", required_argument, NULL, 'j' },
	{ "out", required_argument, NULL, 'o' },
	{ "report", required_argument, NULL, 'r' },
	{ "emit", required_argument, NULL, 'e' },
	{ "collect", required_argument, NULL, 'c' },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "verify", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct sweep_args {
	const char *cmd;
	const char *usage;
	const char *file;	/* the scenario */
	struct grid grid;
	const char **show;
	size_t nshow;
	long jobs;
	const char *out, *report, *emit, *collect;
	bool csv, json, failures;
};

/* ---- the table ---- */

static int write_sweep_report(const struct sweep_table *t, const char *dir)
{
	struct strbuf html = STRBUF_INIT, err = STRBUF_INIT;
	char *path;
	int ret = cli_mkdirs(dir);

	if (asprintf(&path, "%s/index.html", dir) < 0)
		abort();
	sweep_html_report(t, &html);
	ret = ret ? ret : cli_write(path, html.buf, html.len, &err);
	if (ret)
		fprintf(stderr, "memcglab sweep: %s: cannot write it\n", path);
	else
		fprintf(stderr, "memcglab sweep: wrote %s\n", path);
	free(path);
	sb_release(&html);
	sb_release(&err);
	return ret;
}

/* Load @dir's results, print the table; the exit status. */
static int table(const struct sweep_args *a, const char *dir)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct results **runs = NULL;
	struct sweep_table t;
	int n = sweep_load_dir(dir, &runs, &err), i, status = 0;

	if (n < 0) {
		fprintf(stderr, "memcglab %s: %s", a->cmd, err.buf);
		sb_release(&err);
		return 2;
	}
	sweep_table_build(&t, runs, n, a->show, a->nshow);
	if (a->csv)
		sweep_print_csv(&t, &out);
	else if (a->json)
		sweep_print_json(&t, &out);
	else if (a->failures)
		sweep_print_table(&t, &out);
	else
		sweep_print_text(&t, &out);
	fputs(out.buf ? out.buf : "", stdout);
	sb_reset(&out);
	if (a->failures)
		sweep_print_failures(&t, &out);
	if (out.len)
		printf("\nfailures:\n%s", out.buf);
	if (a->report && write_sweep_report(&t, a->report))
		status = 2;
	for (i = 0; i < n; i++) {
		status = status ? status : runs[i]->exit_code ? 1 : 0;
		results_free(runs[i]);
	}
	sweep_table_release(&t);
	free(runs);
	sb_release(&out);
	sb_release(&err);
	return status;
}

/* ---- running it ---- */

static int emit(struct sweep_args *a)
{
	struct strbuf err = STRBUF_INIT;
	int ret = grid_write_jobs(&a->grid, &err);

	if (!ret && !strcmp(a->emit, "slurm"))
		ret = grid_write_slurm(&a->grid, &err);
	if (ret) {
		fputs(err.buf ? err.buf : "", stderr);
		sb_release(&err);
		return 2;
	}
	if (!strcmp(a->emit, "slurm"))
		printf("sbatch %s/" SWEEP_SLURM_FILE "\n", a->grid.out);
	else
		printf("parallel < %s/" SWEEP_JOBS_FILE "\n", a->grid.out);
	printf("memcglab sweep --collect %s\n", a->grid.out);
	return 0;
}

/* Run the grid here into a results directory, then print its table. */
static int run_here(struct sweep_args *a)
{
	char tmp[] = "/tmp/memcglab-sweep.XXXXXX";
	struct strbuf err = STRBUF_INIT, runs = STRBUF_INIT;
	const char *dir = a->out;
	int ret, missing;

	if (!dir && a->report) {
		sb_printf(&runs, "%s/runs", a->report);
		dir = runs.buf;
	}
	if (!dir && !(dir = mkdtemp(tmp))) {
		perror("mkdtemp");
		return 2;
	}
	ret = grid_finish(&a->grid, a->cmd, a->file, dir);
	if (!ret && a->emit)
		ret = emit(a);
	else if (!ret) {
		ret = grid_write_jobs(&a->grid, &err);
		missing = ret ? 0 : grid_run_local(&a->grid, a->jobs);
		ret = table(a, a->grid.out);
		ret = missing ? 2 : ret;
	}
	if (dir == tmp)
		grid_remove_dir(tmp);
	sb_release(&runs);
	sb_release(&err);
	return ret;
}

static int collect(struct sweep_args *a)
{
	int missing = grid_check_missing(a->collect);
	int ret = table(a, a->collect);

	return missing ? 2 : ret;
}

/* ---- options ---- */

static int sweep_option(struct sweep_args *a, int c)
{
	switch (c) {
	case 'S':
		return grid_add_axis(&a->grid, a->cmd, GRID_SET, optarg);
	case 'p':
		return grid_add_axis(&a->grid, a->cmd, GRID_POLICY, optarg);
	case 's':
		return grid_add_seeds(&a->grid, a->cmd, optarg);
	case OPT_SHOW:
		a->show = realloc(a->show, (a->nshow + 1) * sizeof(char *));
		if (!a->show)
			abort();
		a->show[a->nshow++] = optarg;
		return 0;
	case 'j':
		a->jobs = strtol(optarg, NULL, 10);
		return a->jobs > 0 && a->jobs <= 4096 &&
		       strspn(optarg, "0123456789") == strlen(optarg) ? 0 :
		       cli_usage_error(a->cmd, "--jobs '%s': from 1 to 4096", optarg);
	case 'o': a->out = optarg; return 0;
	case 'r': a->report = optarg; return 0;
	case 'e': a->emit = optarg; return 0;
	case 'c': a->collect = optarg; return 0;
	case OPT_CSV: a->csv = true; return 0;
	case OPT_JSON: a->json = true; return 0;
	case 'v': a->grid.verify = true; return 0;
	case 'h':
		fputs(a->usage, stdout);
		putchar('\n');
		cli_print_policies(stdout);
		return CLI_HELP;
	}
	return EXIT_USAGE;
}

/* What the options may not mean together. */
static int sweep_check(struct sweep_args *a, int nfiles)
{
	if (a->csv && a->json)
		return cli_usage_error(a->cmd, "--csv or --json, not both");
	if (a->emit && strcmp(a->emit, "parallel") && strcmp(a->emit, "slurm"))
		return cli_usage_error(a->cmd, "--emit '%s': parallel or slurm", a->emit);
	if (a->emit && !a->out)
		return cli_usage_error(a->cmd, "--emit needs --out DIR for the jobs");
	if (a->collect && (nfiles || a->grid.naxes || a->emit || a->out))
		return cli_usage_error(a->cmd, "--collect DIR takes no scenario and no grid");
	if (!a->collect && nfiles != 1)
		return cli_usage_error(a->cmd, "one scenario file (or --collect DIR)");
	return 0;
}

static int sweep_args(struct sweep_args *a, int argc, char **argv,
		      const char *shortopts)
{
	int c, ret = 0;

	a->jobs = sysconf(_SC_NPROCESSORS_ONLN);
	if (a->jobs < 1)
		a->jobs = 1;
	while (!ret && (c = cli_getopt(a->cmd, argc, argv, shortopts,
				       sweep_options)) != -1)
		ret = sweep_option(a, c);
	return ret;
}

static void sweep_free(struct sweep_args *a)
{
	grid_release(&a->grid);
	free(a->show);
}

int cmd_sweep(int argc, char **argv)
{
	struct sweep_args a = { .cmd = "sweep", .usage = sweep_usage };
	int ret = sweep_args(&a, argc, argv, ":S:p:s:j:o:r:e:c:vh");

	if (!ret)
		ret = sweep_check(&a, argc - optind);
	if (!ret && a.collect) {
		ret = collect(&a);
	} else if (!ret) {
		a.file = argv[optind];
		ret = run_here(&a);
	}
	sweep_free(&a);
	return ret == CLI_HELP ? 0 : ret;
}

/* ---- compare-policies ---- */

static const char compare_usage[] =
	"usage: memcglab compare-policies FILE NAME=V1,V2,... [NAME=V1,...]... [OPTIONS]\n"
	"Run FILE under every combination of the policy values and print one\n"
	"table, then every failed expectation.  Exit status 1 if any run failed.\n"
	"\n"
	"  -s, --seeds A..B|S1,...    seeds (default: the scenario's)\n"
	"      --show TARGET          show this read (repeatable)\n"
	"  -j, --jobs N               processes at a time (default: the CPUs)\n"
	"  -r, --report DIR           also write DIR/index.html\n"
	"      --csv, --json          the table as CSV or JSON\n"
	"  -h, --help                 this help\n";

int cmd_compare(int argc, char **argv)
{
	struct sweep_args a = { .cmd = "compare-policies", .usage = compare_usage,
				.failures = true };
	int ret = sweep_args(&a, argc, argv, ":s:j:r:h");
	int i;

	if (!ret && argc - optind < 2)
		ret = cli_usage_error(a.cmd, "a scenario and at least one NAME=V1,V2,...");
	for (i = optind + 1; !ret && i < argc; i++)
		ret = grid_add_axis(&a.grid, a.cmd, GRID_POLICY, argv[i]);
	if (!ret && (a.out || a.emit || a.collect || a.grid.verify))
		ret = cli_usage_error(a.cmd, "--out, --emit, --collect and --verify "
				      "are sweep's");
	if (!ret) {
		a.file = argv[optind];
		ret = run_here(&a);
	}
	sweep_free(&a);
	return ret == CLI_HELP ? 0 : ret;
}
