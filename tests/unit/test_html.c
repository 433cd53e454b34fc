// SPDX-License-Identifier: GPL-2.0
/*
 * The HTML report (report/html.c, plots.c): columns classified by the
 * unit of the file they sample, one panel per cgroup and kind, limits
 * dashed on the usage panel, event counters as markers, names escaped,
 * and a page that fetches nothing.  With an argument it also writes the
 * page there, for the browser test (tests/browser/report.sh).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"
#include "report/plots.h"
#include "tap.h"

#define MiB	(1024LL * 1024)
#define MS	1000000ULL

static void check_class(const char *target, enum col_kind kind,
			const char *group, double factor)
{
	struct col_class c;

	plot_classify(target, &c);
	ok(c.kind == kind && !strcmp(c.group, group) && c.factor == factor,
	   "%s: kind %d, group %s, factor %g (got %d, %s, %g)", target, kind,
	   group, factor, c.kind, c.group, c.factor);
}

static void check_classes(void)
{
	check_class("A/memory.current", COL_USAGE, "A", 1);
	check_class("A/B/memory.max", COL_LIMIT, "A/B", 1);
	check_class("/sys/fs/cgroup/A/memory.high", COL_LIMIT, "A", 1);
	check_class("memory.stat:anon", COL_USAGE, "/", 1);
	check_class("A/memory.stat:zswapped", COL_SWAP, "A", 1);
	check_class("A/memory.stat:pgfault", COL_COUNT, "A", 1);
	check_class("A/memory.swap.current", COL_SWAP, "A", 1);
	check_class("A/memory.zswap.max", COL_SWAP_LIMIT, "A", 1);
	check_class("A/memory.events:oom_kill", COL_EVENT, "A", 1);
	check_class("A/memory.pressure:some.avg10", COL_PSI_AVG, "A", 1);
	check_class("A/memory.pressure:full.total", COL_PSI_TOTAL, "A", 1);
	check_class("/proc/meminfo:MemFree", COL_USAGE, "system", 1024);
	check_class("/proc/meminfo:SwapFree", COL_SWAP, "system", 1024);
	check_class("/proc/vmstat:nr_anon_pages", COL_USAGE, "system", 4096);
	check_class("/proc/vmstat:pgscan_kswapd", COL_COUNT, "system", 1);
	check_class("fd1", COL_COUNT, "/", 1);
}

static struct rs_value num(s64 n)
{
	return (struct rs_value){ RS_NUM, n };
}

/* 2s of a cgroup filling to its limit and swapping, sampled every 20ms. */
static void add_sawtooth(struct results *r)
{
	const char *cols[] = {
		"A/memory.current", "A/memory.high", "A/memory.max",
		"A/memory.swap.current", "A/memory.zswap.current",
		"A/memory.pressure:some.avg10", "A/memory.events:max",
		"<b>&/memory.current",
	};
	struct rs_series *s = results_add_series(r, 6, "out.csv", 20 * MS,
						 ARRAY_SIZE(cols), cols);
	struct rs_value row[ARRAY_SIZE(cols)];
	s64 cur, swap = 0, events = 0;
	int i;

	for (i = 0; i <= 100; i++) {
		cur = i < 32 ? i * 2 * MiB : 64 * MiB - (i % 7) * MiB;
		if (i >= 40) {
			swap += 3 * MiB / 2;
			events += i % 7 == 0;
		}
		row[0] = num(cur);
		row[1] = i < 50 ? (struct rs_value){ RS_MAX, 0 } : num(48 * MiB);
		row[2] = num(64 * MiB);
		row[3] = num(swap);
		row[4] = num(swap / 3);
		row[5] = num(i < 40 ? 0 : 20 + i % 10);
		row[6] = num(events);
		row[7] = num(i * MiB / 4);
		series_add_row(s, i * 20 * MS, row);
	}
}

static struct results *sample(void)
{
	struct results *r = results_new();
	struct rs_event *ev;

	r->hdr.version = rs_strdup("0.1");
	r->hdr.model_of = rs_strdup("Linux 6.12, classic LRU");
	r->hdr.scenario = rs_strdup("examples/<sizing>.scn");
	r->hdr.backend = rs_strdup("model");
	r->hdr.seed = 1;
	rs_pair_add(&r->hdr.policies, &r->hdr.npolicies, "zswap.lru", "memcg");
	add_sawtooth(r);
	results_add_read(r, 20, 2000 * MS, "A/memory.current", "60817408\n", 9, 0);
	results_add_read(r, 21, 2000 * MS, "A/memory.current", "61865984\n", 9, 0);
	results_add_read(r, 22, 2000 * MS, "A/memory.stat",
			 "anon 61865984\nfile 0\n", 22, 0);
	results_add_expect(r, 23, 2000 * MS, "expect A/memory.current <= 64M",
			   true, false);
	results_add_expect(r, 24, 2000 * MS, "expect A/memory.swap.current == 0",
			   false, false)->detail = rs_strdup("got 94371840");
	ev = results_add_event(r, 12, 900 * MS, "echo");
	ev->text = rs_strdup("phase 2");
	ev = results_add_event(r, 14, 1500 * MS, "oom_kill");
	ev->process = rs_strdup("p2");
	ev->cgroup = rs_strdup("A");
	r->exit_code = 1;
	r->tests = 2;
	r->passed = 1;
	r->failed = 1;
	r->end_ns = 2000 * MS;
	return r;
}

static void check_page(const char *html)
{
	ok(!strncmp(html, "<!DOCTYPE html>\n", 16), "an HTML5 document");
	/* A: memory, swap, PSI; <b>&: memory */
	is_long(count_str(html, "<svg "), 4, "four panels");
	ok(strstr(html, "A: memory<") && strstr(html, "A: swap and zswap<") &&
	   strstr(html, "A: memory pressure (PSI averages)<"),
	   "panels titled by cgroup and kind");
	ok(strstr(html, "&lt;b&gt;&amp;: memory<") != NULL,
	   "a cgroup named <b>& is escaped");
	ok(!strstr(html, "<b>&"), "and never raw");
	is_long(count_str(html, "class=\"line limit\" stroke=\"#d62728\" points"), 1,
		"memory.max drawn once, dashed");
	ok(strstr(html, "memory.events:max</title>") != NULL,
	   "memory.events:max grew: markers");
	ok(strstr(html, "oom_kill p2</title>") && strstr(html, "echo phase 2</title>"),
	   "the run's events are markers");
	ok(!strstr(html, "<script") && !strstr(html, "src=") &&
	   !strstr(html, "https:") && !strstr(html, "url("),
	   "no script and nothing fetched");
	is_long(count_str(html, "http://"), 4,
		"http:// only in the four SVG namespace names");
	ok(strstr(html, "<td class=\"fail\">FAIL</td>") &&
	   strstr(html, "got 94371840"), "the failed expectation and its detail");
	is_long(count_str(html, "<code>A/memory.current</code>"), 1,
		"a file read twice shows once");
	ok(strstr(html, "<pre>61865984</pre>") != NULL, "with its last value");
	ok(strstr(html, "<details><summary><code>anon 61865984</code>") != NULL,
	   "a multi-line file folds under its first line");
}

int main(int argc, char **argv)
{
	struct results *r = sample();
	struct strbuf sb = STRBUF_INIT;

	check_classes();
	html_run_report(r, &sb);
	check_page(sb.buf);
	if (argc > 1) {
		FILE *f = fopen(argv[1], "w");

		ok(f && fwrite(sb.buf, 1, sb.len, f) == sb.len && !fclose(f),
		   "written to %s", argv[1]);
	}
	sb_release(&sb);
	results_free(r);
	return done_testing();
}
