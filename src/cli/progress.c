// SPDX-License-Identifier: GPL-2.0
/*
 * Progress of a long run on standard error, when standard error is a
 * terminal (never in a pipe or a file, so never in test output): one line,
 * rewritten at most twice a second once the run has taken a second,
 * with the virtual time and the statements done, and cleared at the end.
 * The host clock decides only when to draw; what the run computes never
 * depends on it.
 */
#include "cli/cli.h"

#include <time.h>
#include <unistd.h>

#define PROGRESS_FIRST_NS	1000000000ULL	/* quiet for short runs */
#define PROGRESS_EVERY_NS	500000000ULL

static u64 host_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void progress(void *arg, const struct scn_rt *rt)
{
	struct cli_progress *p = arg;
	u64 now = host_ns(), vt;

	if (now < p->next)
		return;
	p->next = now + PROGRESS_EVERY_NS;
	p->drawn = true;
	vt = rt->ops->now((struct scn_rt *)rt);
	/* the cursor goes back to the start: messages overwrite the line */
	/* loops run statements again: a count, not a place in the file */
	fprintf(stderr, "\033[K%s: %llu.%03llu s of virtual time, %zu "
		"statements run, at line %d\r", p->file,
		(unsigned long long)(vt / 1000000000ULL),
		(unsigned long long)(vt / 1000000ULL % 1000),
		rt->stmts_done, rt->stmt ? rt->stmt->line : 0);
}

void cli_progress_init(struct cli_progress *p, const char *file,
		       struct scn_run_options *opts)
{
	p->file = file;
	p->drawn = false;
	p->next = host_ns() + PROGRESS_FIRST_NS;
	if (!isatty(STDERR_FILENO))
		return;
	opts->progress = progress;
	opts->progress_arg = p;
}

void cli_progress_end(struct cli_progress *p)
{
	if (p->drawn)
		fputs("\r\033[K", stderr);
	p->drawn = false;
}
