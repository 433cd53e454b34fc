// SPDX-License-Identifier: GPL-2.0
/*
 * bench_scale: issue 17's scale, whole scenarios run as `memcglab run`
 * runs them, each in a child process of its own so that its host RSS is
 * its own:
 *
 *   16g, 16g-zswap   a 16 GiB machine whose cgroup touches 8 GiB of text
 *                    under memory.max 4G with 8 GiB of swap, then reads
 *                    it back; without and with zswap
 *   1000cg           1000 cgroups on the same machine, each touching 8 MiB
 *                    of text under memory.max 4M, then reading it back
 *   boot-1t          `machine memory=1T`, one read of MemTotal
 *
 * each with content=real and content=model (-c).  For each: wall and CPU
 * time (user + sys), the time to boot the machine, page events (faults,
 * swap-outs to the device or zswap, swap-ins from either: the counters of
 * /proc/vmstat), events per CPU second, the peak host RSS and RSS per
 * GiB the scenario touched.  The child reads its own CPU times and peak
 * RSS (/proc/self/stat, VmHWM) when its run ends.  One run of each;
 * numbers are reported, never asserted (bench/README.md).
 *
 *   bench_scale [-d scenario-dir] [-c real,model] [-w 16g,16g-zswap,...]
 *               [-s 2g]   (the 2 GiB variants of 16g and 16g-zswap)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BENCH_NAME "bench_scale"
#include "bench.h"
#include "lib/strbuf.h"
#include "mm/vmstat.h"
#include "scenario/model/model.h"
#include "scenario/parser.h"
#include "scenario/run.h"

struct workload {
	const char *name;
	const char *file;	/* under the scenario directory */
	double touched_gib;	/* what the scenario writes, for RSS/GiB */
};

static const struct workload workloads[] = {
	{ "16g", "scale-16g.scn", 8 },
	{ "16g-zswap", "scale-16g-zswap.scn", 8 },
	{ "1000cg", "scale-1000cg.scn", 8 },
	{ "boot-1t", "scale-boot-1t.scn", 0 },
	/* -s 2g */
	{ "2g", "scale-2g.scn", 1 },
	{ "2g-zswap", "scale-2g-zswap.scn", 1 },
};

/* What the child reports through its pipe. */
struct child_result {
	int ret;		/* the run's exit status */
	double boot_s;		/* scn_model_create(): the machine's boot */
	u64 faults, swpout, swpin;
	double user, sys;	/* CPU seconds */
	long maxrss_kib;	/* VmHWM */
};

struct result {
	struct child_result c;
	double wall;
};

static const char *only(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while (p && *p) {
		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
			return p;
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	return NULL;
}

/* In the child: the events of the machine @be ran on. */
static void count_events(struct scn_backend *be, struct child_result *c)
{
	const unsigned long *ev = scn_model_machine(be)->vm_events;

	c->faults = ev[PGFAULT];
	c->swpout = ev[PSWPOUT] + ev[ZSWPOUT];
	c->swpin = ev[PSWPIN] + ev[ZSWPIN];
}

/* In the child: its CPU times (utime and stime of /proc/self/stat). */
static void own_cpu(struct child_result *c)
{
	unsigned long long ut = 0, st = 0;
	char buf[1024], *p = NULL;
	FILE *f = fopen("/proc/self/stat", "r");

	if (f && fgets(buf, sizeof(buf), f))
		p = strrchr(buf, ')');	/* after the command's name */
	if (p)
		sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
		       "%llu %llu", &ut, &st);
	if (f)
		fclose(f);
	c->user = (double)ut / sysconf(_SC_CLK_TCK);
	c->sys = (double)st / sysconf(_SC_CLK_TCK);
}

/* In the child: its peak RSS, VmHWM of /proc/self/status. */
static long own_peak_rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = 0;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
			break;
	if (f)
		fclose(f);
	return kib;
}

/* In the child: parse and run @path; never returns. */
static void __attribute__((noreturn)) child(const char *path, int content,
					   int fd)
{
	struct scn_run_options opts = { .content = content };
	struct child_result c = { .ret = 2 };
	struct strbuf err = STRBUF_INIT;
	struct scn_script *script;
	struct stopwatch sw;

	opts.out = fopen("/dev/null", "w");
	if (opts.out && !scn_parse_file(path, &script, &err)) {
		struct scn_backend *be;

		sw_start(&sw);
		be = scn_model_create(script, &opts);
		sw_stop(&sw);
		c.boot_s = sw.wall;
		if (be) {
			c.ret = scn_run(script, be, &opts);
			count_events(be, &c);
			c.maxrss_kib = own_peak_rss_kib();
			if (scn_model_destroy(be) && !c.ret)
				c.ret = 1;
			own_cpu(&c);
		}
	} else {
		fprintf(stderr, "%s", err.buf ? err.buf : "");
	}
	if (write(fd, &c, sizeof(c)) != sizeof(c))
		_exit(3);
	_exit(0);
}

static int run_one(const char *path, int content, struct result *r)
{
	int fds[2], status;
	double t0;
	pid_t pid;

	if (pipe(fds))
		fail("pipe", -errno);
	fflush(NULL);
	t0 = clock_s(CLOCK_MONOTONIC);
	pid = fork();
	if (pid < 0)
		fail("fork", -errno);
	if (!pid) {
		close(fds[0]);
		child(path, content, fds[1]);
	}
	close(fds[1]);
	memset(r, 0, sizeof(*r));
	r->c.ret = 2;
	if (read(fds[0], &r->c, sizeof(r->c)) != sizeof(r->c))
		r->c.ret = 2;
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid)
		fail("waitpid", -errno);
	r->wall = clock_s(CLOCK_MONOTONIC) - t0;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? r->c.ret : 2;
}

static void report(const struct workload *w, const char *mode,
		   const struct result *r, int ret)
{
	u64 ev = r->c.faults + r->c.swpout + r->c.swpin;
	double cpu = r->c.user + r->c.sys;
	double rss_gib = r->c.maxrss_kib / 1048576.0;

	printf("%-10s %-6s %7.2f %7.2f %6.2f %6.2f %7.3f %9llu %8.2f %8.0f %7.3f%s\n",
	       w->name, mode, r->wall, cpu, r->c.user, r->c.sys, r->c.boot_s,
	       (unsigned long long)ev, cpu > 0 ? ev / cpu / 1e6 : 0,
	       r->c.maxrss_kib / 1024.0,
	       w->touched_gib ? rss_gib / w->touched_gib : 0,
	       ret ? "  (the run failed)" : "");
	printf("#          faults %llu, swap-outs %llu, swap-ins %llu\n",
	       (unsigned long long)r->c.faults,
	       (unsigned long long)r->c.swpout,
	       (unsigned long long)r->c.swpin);
}

int main(int argc, char **argv)
{
	const char *dir = "bench/scenarios", *contents = "real,model";
	const char *which = "16g,16g-zswap,1000cg,boot-1t";
	static const char *const modes[] = { "real", "model" };
	int opt, failed = 0;
	size_t i, k;

	while ((opt = getopt(argc, argv, "d:c:w:s:")) != -1) {
		if (opt == 'd')
			dir = optarg;
		else if (opt == 'c')
			contents = optarg;
		else if (opt == 'w')
			which = optarg;
		else if (opt == 's' && !strcmp(optarg, "2g"))
			which = "2g,2g-zswap";
		else {
			fprintf(stderr, "usage: bench_scale [-d dir] [-c real,model]"
				" [-w 16g,16g-zswap,1000cg,boot-1t] [-s 2g]\n");
			return 2;
		}
	}
	printf("one run each, in a child process; CPU = user + sys seconds; "
	       "events = faults + swap-outs + swap-ins\n");
	printf("%-10s %-6s %7s %7s %6s %6s %7s %9s %8s %8s %7s\n", "workload",
	       "content", "wall_s", "cpu_s", "user", "sys", "boot_s",
	       "events", "M/cpu_s", "rss_MiB", "rss/GiB");
	for (i = 0; i < ARRAY_SIZE(workloads); i++) {
		const struct workload *w = &workloads[i];
		char path[4096];

		if (!only(which, w->name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, w->file);
		for (k = 0; k < ARRAY_SIZE(modes); k++) {
			struct result r;
			int ret;

			if (!only(contents, modes[k]))
				continue;
			ret = run_one(path, k ? SCN_CONTENT_MODEL :
					      SCN_CONTENT_REAL, &r);
			report(w, modes[k], &r, ret);
			failed |= ret;
		}
	}
	printf("rss/GiB: peak host RSS per GiB the scenario touched\n");
	return failed ? 1 : 0;
}
