// SPDX-License-Identifier: GPL-2.0
/*
 * The DAMON converter (trace/damon*.c) on two small records written to the
 * formats' documentation: tests/data/damon/perf-script.txt follows the
 * damon:damon_aggregated lines of Linux 6.12's
 * Documentation/admin-guide/mm/damon/usage.rst ("Tracepoints for
 * Monitoring Results"), damo-raw.txt the raw form of damo's USAGE.md
 * (`damo report access --raw_form`).  The expected traces are derived by
 * hand in the comments from the mapping damon.h states; then every error
 * a malformed record can have.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace/damon.h"
#include "tap.h"

static char *slurp(const char *path, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return sb_detach(&sb);
}

static const struct damon_opts opts = { .prefix = "damon" };

/* The trace's lines without its comments. */
static void check_file(const char *path, const char *want_header,
		       const char *want_ops)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT, ops = STRBUF_INIT;
	size_t len = 0;
	char *text = slurp(path, &len), *line;
	int ret;

	ok(text != NULL, "%s is there", path);
	if (!text)
		return;
	ret = damon_to_trace(text, len, path, &opts, &out, &err);
	is_long(ret, 0, "%s converts%s%s", path, err.buf ? ": " : "",
		err.buf ? err.buf : "");
	for (line = out.buf; line && *line; line = strchr(line, '\n') + 1) {
		if (*line != '#')
			sb_add(&ops, line, strcspn(line, "\n") + 1);
		if (!strchr(line, '\n'))
			break;
	}
	ok(out.buf && strstr(out.buf, want_header), "%s: the regions to map", path);
	if (!out.buf || !strstr(out.buf, want_header))
		printf("# got:\n%s", out.buf ? out.buf : "");
	is_str(ops.buf, want_ops, "%s: the accesses", path);
	sb_release(&out);
	sb_release(&err);
	sb_release(&ops);
	free(text);
}

/*
 * perf-script.txt: target 0, two snapshots of three regions, ending at
 * 99.9s and 100.0s.  The first began one interval (100ms) before its end,
 * at 99.8s: time 0.  Regions: [4096000, 4177920) is damon0 (20 pages, 80K)
 * and [140737482129408, +16K) = [0x7fffffa10000, +16K) is damon1 (4 pages).
 *  - 99.8s: accessed are damon0 pages 0-9 and damon1 pages 0-3, the two
 *    spread over the interval: at 0ms and 50ms, all new: stores.
 *  - 99.9s: damon0 pages 0-4 at 100ms (touched: loads) and pages 5-19
 *    at 150ms: 5-9 touched (loads), 10-19 new (stores).
 */
static void check_perf_script(void)
{
	check_file("tests/data/damon/perf-script.txt",
		   "#   mmap damon0 anon 80K\t# 0x3e8000-0x3fc000\n"
		   "#   mmap damon1 anon 16K\t# 0x7fffffa10000-0x7fffffa14000\n",
		   "0ms w damon0 0+10\n"
		   "50ms w damon1 0+4\n"
		   "100ms r damon0 0+5\n"
		   "150ms r damon0 5+5\n"
		   "150ms w damon0 10+10\n");
}

/*
 * damo-raw.txt: target 0; [0x55aa00000000, +128K) is damon0 (32 pages),
 * [0x7ffd00000000, +8K) is damon1 (2 pages).
 *  - [0, 100ms): only damon0 pages 0-15 accessed: at 0ms, stores.
 *  - [100ms, 200.5ms): damon0 pages 8-31 at 100ms (8-15 touched, 16-31
 *    new) and damon1 pages 0-1 half the interval later, at 150.25ms.
 */
static void check_damo_raw(void)
{
	check_file("tests/data/damon/damo-raw.txt",
		   "#   mmap damon0 anon 128K\t# 0x55aa00000000-0x55aa00020000\n"
		   "#   mmap damon1 anon 8K\t# 0x7ffd00000000-0x7ffd00002000\n",
		   "0ms w damon0 0+16\n"
		   "100ms r damon0 8+8\n"
		   "100ms w damon0 16+16\n"
		   "150250us w damon1 0+2\n");
}

static void check_error(const char *text, const char *want)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int ret = damon_to_trace(text, strlen(text), "in.txt", &opts, &out, &err);

	ok(ret == -EINVAL && err.buf && strstr(err.buf, want),
	   "refused with '%s'", want);
	if (!err.buf || !strstr(err.buf, want))
		printf("#   got: %s", err.buf ? err.buf : "(nothing)\n");
	sb_release(&out);
	sb_release(&err);
}

#define PERF(t, r) "k 1 [0] " t ": damon:damon_aggregated: target_id=0 " r "\n"

static void check_errors(void)
{
	check_error("", "in.txt: no DAMON snapshot");
	check_error("hello world\n", "in.txt:1: expected `KEY: VALUE`");
	check_error(PERF("1.0", "nr_regions=2 0-4096: 1 0"),
		    "in.txt:1: target 0 announces 2 regions but 1 follow");
	check_error(PERF("1.0", "nr_regions=1 0-4096: 1 x"),
		    "in.txt:1: expected `TIME: damon:damon_aggregated:");
	check_error(PERF("1.0", "nr_regions=1 8192-4096: 1 0"),
		    "in.txt:1: region 8192-4096 is empty");
	check_error(PERF("2.0", "nr_regions=1 0-4096: 1 0")
		    PERF("1.0", "nr_regions=1 0-4096: 1 0"),
		    "in.txt:2: this snapshot begins before the one before it ends");
	check_error("monitoring_start: 0 ns\nmonitoring_end: 5 parsecs\n",
		    "in.txt:2: expected a duration");
	/* times past 2^64 ns are refused, never wrapped (fuzz_trace) */
	check_error(PERF("18446744073.709551616", "nr_regions=1 0-4096: 1 0"),
		    "in.txt:1: expected `TIME: damon:damon_aggregated:");
	check_error("monitoring_start: 0 ns\n"
		    "monitoring_end: 213503 d 23 h 34 m 33.709551616 s\n",
		    "in.txt:2: expected a duration");
	check_error("target_id: 0\n", "in.txt:1: a target before");
	check_error("monitoring_start: 0 ns\nmonitoring_end: 1 ms\n"
		    "target_id: 0\nnr_regions: 1\n1000-2000(4 KiB): 1\n"
		    "1000-2000(4 KiB): 1\n",
		    "in.txt:6: a region that no `target_id:`");
	check_error("monitoring_start: 0 ns\ncolour: blue\n",
		    "in.txt:2: unknown key 'colour'");
}

static void check_target(void)
{
	const char *text = PERF("1.0", "nr_regions=1 0-4096: 1 0");
	struct damon_opts o = { .prefix = "r", .have_target = true, .target = 7 };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int ret = damon_to_trace(text, strlen(text), "in.txt", &o, &out, &err);

	ok(ret == -EINVAL && err.buf && strstr(err.buf, "no target 7"),
	   "a target that is not in the record is refused");
	sb_reset(&err);
	o.target = 0;
	ret = damon_to_trace(text, strlen(text), "in.txt", &o, &out, &err);
	ok(!ret && strstr(out.buf, "\n0ms w r0 0\n"),
	   "--target 0 and prefix r: one page, no +1; the interval defaults to 100ms");
	sb_release(&out);
	sb_release(&err);
}

int main(void)
{
	check_perf_script();
	check_damo_raw();
	check_errors();
	check_target();
	return done_testing();
}
