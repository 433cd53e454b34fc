/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memcglab command: one function per subcommand (cmd_*.c), option
 * helpers shared by them (opts.c) and the bridge from a run to its results
 * (observe.c).  Every subcommand parses its options with getopt_long,
 * answers -h/--help with its usage on standard output (exit 0), and names
 * a bad option or value in its error (exit 2).
 */
#ifndef MEMCGLAB_CLI_H
#define MEMCGLAB_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "lib/strbuf.h"
#include "report/results.h"
#include "scenario/runtime.h"

#define MEMCGLAB_VERSION	"0.1"
#define MODEL_OF		"Linux 6.12, classic LRU"

/* Exit statuses: as the runs' (0 all held, 1 one failed), 2 for errors. */
#define EXIT_USAGE	2
/* An option parser's answer to --help: the usage is out, exit 0. */
#define CLI_HELP	(-1)

/* ---- opts.c ---- */

/*
 * getopt_long over argv[0..argc) of subcommand @cmd, with its messages:
 * returns the option, -1 at the end, or '?' after printing "memcglab CMD:
 * unknown option '--x'" or "... needs a value".  @shortopts must start
 * with ':'.
 */
int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
	       const struct option *longopts);
/* "memcglab CMD: message" on stderr, and the way to the usage; EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A seed: decimal digits, 0 to 2^64-1. */
int cli_parse_seed(const char *cmd, const char *s, u64 *seed);
/* "1..5" or "1,3,7": the seeds, in order. */
int cli_parse_seeds(const char *cmd, const char *s, u64 **seeds, size_t *n);
/* Split "a,b,c" into @n new strings. */
char **cli_split(const char *s, size_t *n);
void cli_free_list(char **v, size_t n);
/* Check NAME=VALUE against the policy table; a message if not. */
int cli_check_policy(const char *cmd, const char *name, const char *value);
/* Check TARGET=VALUE as --set will take it; a message if not. */
int cli_check_set(const char *cmd, const char *arg);
/* --limit NAME=N: ops or samples, N a positive count (1M, 1000). */
int cli_parse_limit(const char *cmd, const char *arg, struct scn_limits *l);
/* The policies and their values, for --help. */
void cli_print_policies(FILE *f);
/* A whole file, or standard input for "-"; NULL with a message in @err. */
char *cli_slurp(const char *path, size_t *len, struct strbuf *err);
/*
 * Write @len bytes to @path: "-" is standard output; a file is written
 * whole or not at all (a temporary file renamed over it).
 */
int cli_write(const char *path, const char *buf, size_t len, struct strbuf *err);
/* mkdir -p of one directory and its parents. */
int cli_mkdirs(const char *path);
/* The running executable, for the jobs of a sweep. */
char *cli_self(void);

/* ---- observe.c: a run's results, through the runtime's observer ---- */

struct cli_results {
	struct results *r;
	struct scn_observer obs;
};

/* Results of running @file with @opts: the header filled, callbacks set. */
void cli_results_init(struct cli_results *cr, const char *file,
		      const struct scn_script *script,
		      const struct scn_run_options *opts,
		      const char *const *sets, int nsets);

/* ---- progress.c: a long run's progress on a terminal ---- */

struct cli_progress {
	const char *file;
	u64 next;		/* host ns of the next line */
	bool drawn;
};

/* Report @file's progress through @opts if standard error is a terminal. */
void cli_progress_init(struct cli_progress *p, const char *file,
		       struct scn_run_options *opts);
/* Clear the line before the run's own messages and results. */
void cli_progress_end(struct cli_progress *p);

/* ---- cmd_run.c ---- */

struct cli_run {
	const char *file;		/* a path, or "-" */
	struct scn_run_options opts;
	const char **sets;		/* --set as given */
	int nsets;
	bool json;			/* results as JSON, no TAP */
	const char *output;		/* the JSON's file, "-" stdout */
	const char *report;		/* a directory for the HTML report */
	bool observe;			/* the observation lines among the TAP */
};

/* Run one scenario as @run asks; the run's exit status. */
int cli_run_file(struct cli_run *run);

int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_policies(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_trace(int argc, char **argv);

#endif
