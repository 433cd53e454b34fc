// SPDX-License-Identifier: GPL-2.0
/*
 * A sweep's table (report/sweep*.c) from four runs: axes found where the
 * runs differ and only there, the rows, the summary per axis value, the
 * CSV and JSON forms, and the same table again from the runs' JSON files
 * in a directory (the path every sweep's jobs take).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/json.h"
#include "report/sweep.h"
#include "tap.h"

#define MiB	(1024LL * 1024)

static struct results *run(const char *max, const char *lru, s64 cur,
			   s64 swap, bool fail)
{
	struct results *r = results_new();
	const char *cols[] = { "A/memory.current" };
	struct rs_value v = { RS_NUM, 0 };
	struct rs_series *s;
	char text[32];
	int i;

	r->hdr.version = rs_strdup("0.1");
	r->hdr.model_of = rs_strdup("Linux 6.12, classic LRU");
	r->hdr.scenario = rs_strdup("sizing.scn");
	r->hdr.backend = rs_strdup("model");
	r->hdr.seed = 1;
	rs_pair_add(&r->hdr.policies, &r->hdr.npolicies, "zswap.lru", lru);
	rs_pair_add(&r->hdr.policies, &r->hdr.npolicies, "smemcg", "owner");
	rs_pair_add(&r->hdr.set, &r->hdr.nset, "A/memory.max", max);
	snprintf(text, sizeof(text), "%lld\n", (long long)cur);
	results_add_read(r, 10, 0, "A/memory.current", text, strlen(text), 0);
	snprintf(text, sizeof(text), "%lld\n", (long long)swap);
	results_add_read(r, 11, 0, "A/memory.swap.current", text, strlen(text), 0);
	results_add_read(r, 12, 0, "A/memory.stat", "anon 1\nfile 2\n", 14, 0);
	results_add_expect(r, 13, 0, "expect A/memory.current <= 1G", true, false);
	results_add_expect(r, 14, 0, "expect A/memory.swap.current == 0", !fail,
			   false);
	r->tests = 2;
	r->passed = fail ? 1 : 2;
	r->failed = fail;
	r->exit_code = fail;
	s = results_add_series(r, 5, "out.csv", 1000000, 1, cols);
	for (i = 0; i <= 10; i++) {
		v.n = cur * i / 10;
		series_add_row(s, i * 1000000ULL, &v);
	}
	r->end_ns = 10000000;
	return r;
}

static struct results *runs[4];

static void make_runs(void)
{
	runs[0] = run("64M", "memcg", 64 * MiB, 36 * MiB, true);
	runs[1] = run("64M", "global", 64 * MiB, 40 * MiB, true);
	runs[2] = run("128M", "memcg", 100 * MiB, 0, false);
	runs[3] = run("128M", "global", 100 * MiB, 0, false);
}

/*
 * Axes: A/memory.max and zswap.lru differ, smemcg and the seed do not.
 * Shown: the two numeric reads (memory.stat is no single number).
 * Summary for 64M: runs 0 and 1, current 67108864 both, swap 36M and 40M
 * (mean 38M = 39845888).
 */
static const char want_text[] =
	"point  A/memory.max  zswap.lru  result    failed lines  A/memory.current  A/memory.swap.current\n"
	"0      64M           memcg      FAIL 1/2  14            67108864          37748736\n"
	"1      64M           global     FAIL 1/2  14            67108864          41943040\n"
	"2      128M          memcg      ok 2/2                  104857600         0\n"
	"3      128M          global     ok 2/2                  104857600         0\n"
	"\n"
	"by A/memory.max:\n"
	"  64M: 2 runs, 0 ok, 2 failed\n"
	"    A/memory.current: mean 67108864, min 67108864, max 67108864\n"
	"    A/memory.swap.current: mean 39845888, min 37748736, max 41943040\n"
	"  128M: 2 runs, 2 ok, 0 failed\n"
	"    A/memory.current: mean 104857600, min 104857600, max 104857600\n"
	"    A/memory.swap.current: mean 0, min 0, max 0\n"
	"\n"
	"by zswap.lru:\n"
	"  memcg: 2 runs, 1 ok, 1 failed\n"
	"    A/memory.current: mean 85983232, min 67108864, max 104857600\n"
	"    A/memory.swap.current: mean 18874368, min 0, max 37748736\n"
	"  global: 2 runs, 1 ok, 1 failed\n"
	"    A/memory.current: mean 85983232, min 67108864, max 104857600\n"
	"    A/memory.swap.current: mean 20971520, min 0, max 41943040\n";

static void check_table(void)
{
	struct sweep_table t;
	struct strbuf sb = STRBUF_INIT;

	sweep_table_build(&t, runs, 4, NULL, 0);
	is_long(t.naxes, 2, "two axes");
	ok(t.naxes == 2 && t.axes[0].kind == AXIS_SET &&
	   t.axes[1].kind == AXIS_POLICY, "--set first, then the policy");
	is_long(t.nshown, 2, "two reads shown: the numeric ones");
	sweep_print_text(&t, &sb);
	is_str(sb.buf, want_text, "the table and the summary per axis");
	sb_reset(&sb);
	sweep_print_csv(&t, &sb);
	{
		const char *want = "point,A/memory.max,zswap.lru,result,failed lines,"
			"A/memory.current,A/memory.swap.current\r\n"
			"0,64M,memcg,FAIL 1/2,14,67108864,37748736\r\n";

		ok(!strncmp(sb.buf, want, strlen(want)),
		   "CSV: the same cells, RFC 4180");
	}
	sweep_table_release(&t);
	sb_release(&sb);
}

static void check_show(void)
{
	const char *show[] = { "A/memory.swap.current", "B/memory.current" };
	struct sweep_table t;
	struct strbuf sb = STRBUF_INIT;

	sweep_table_build(&t, runs, 4, show, 2);
	sweep_print_text(&t, &sb);
	ok(strstr(sb.buf, "A/memory.swap.current  B/memory.current\n") &&
	   strstr(sb.buf, "37748736               -\n"),
	   "--show picks the columns; a file never read shows -");
	sweep_table_release(&t);
	sb_release(&sb);
}

static void check_json(void)
{
	struct sweep_table t;
	struct strbuf sb = STRBUF_INIT;
	json_t *doc, *p1, *sum0;
	json_error_t je;

	sweep_table_build(&t, runs, 4, NULL, 0);
	sweep_print_json(&t, &sb);
	doc = json_loads(sb.buf, 0, &je);
	ok(doc != NULL, "the sweep's JSON parses");
	p1 = json_array_get(json_object_get(doc, "points"), 1);
	sum0 = json_array_get(json_object_get(doc, "summary"), 0);
	is_str(json_string_value(json_object_get(doc, "format")), "memcglab-sweep",
	       "format memcglab-sweep");
	is_long(json_array_size(json_object_get(doc, "points")), 4, "four points");
	is_str(json_string_value(json_object_get(json_object_get(p1, "axes"),
						 "zswap.lru")), "global",
	       "points[1].axes");
	is_long(json_integer_value(json_array_get(json_object_get(p1, "failed_lines"), 0)),
		14, "points[1].failed_lines");
	is_long(json_integer_value(json_object_get(json_object_get(p1, "reads"),
						   "A/memory.swap.current")),
		40 * MiB, "points[1].reads");
	ok(json_real_value(json_object_get(json_object_get(json_object_get(sum0, "reads"),
							   "A/memory.swap.current"),
					   "mean")) == 39845888.0,
	   "summary[0]: the 64M runs' mean swap");
	json_decref(doc);
	sweep_table_release(&t);
	sb_release(&sb);
}

/* The runs as JSON files in a directory, loaded back: the same table. */
static void check_dir(void)
{
	char dir[] = "/tmp/test_sweep.XXXXXX";
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, err = STRBUF_INIT;
	struct results **loaded = NULL;
	struct sweep_table t;
	int i, n;

	ok(mkdtemp(dir) != NULL, "a temporary directory");
	for (i = 3; i >= 0; i--) {	/* written out of order */
		struct strbuf doc = STRBUF_INIT, path = STRBUF_INIT;
		FILE *f;

		sb_printf(&path, "%s/point-%04d.json", dir, i);
		results_to_json(runs[i], &doc);
		f = fopen(path.buf, "w");
		fwrite(doc.buf, 1, doc.len, f);
		fclose(f);
		sb_release(&doc);
		sb_release(&path);
	}
	n = sweep_load_dir(dir, &loaded, &err);
	is_long(n, 4, "four results loaded%s%s", err.buf ? ": " : "",
		err.buf ? err.buf : "");
	sweep_table_build(&t, runs, 4, NULL, 0);
	sweep_print_text(&t, &a);
	sweep_table_release(&t);
	sweep_table_build(&t, loaded, n > 0 ? n : 0, NULL, 0);
	sweep_print_text(&t, &b);
	sweep_table_release(&t);
	is_str(b.buf, a.buf, "the same table from the files, in point order");
	for (i = 0; i < n; i++) {
		char path[64];

		snprintf(path, sizeof(path), "%s/point-%04d.json", dir, i);
		unlink(path);
		results_free(loaded[i]);
	}
	free(loaded);
	rmdir(dir);
	sb_reset(&err);
	ok(sweep_load_dir(dir, &loaded, &err) < 0 && strstr(err.buf, dir),
	   "a missing directory is an error that names it");
	sb_release(&a);
	sb_release(&b);
	sb_release(&err);
}

static void check_html(const char *path)
{
	struct sweep_table t;
	struct strbuf sb = STRBUF_INIT;

	sweep_table_build(&t, runs, 4, NULL, 0);
	sweep_html_report(&t, &sb);
	is_long(count_str(sb.buf, "<svg "), 1, "one overlay plot: A/memory.current");
	is_long(count_str(sb.buf, "<polyline"), 4, "a line per run");
	ok(strstr(sb.buf, ">64M memcg</text>") != NULL, "lines named by their point");
	is_long(count_str(sb.buf, "<tr class=\"fail\">"), 2 + 1 + 2,
		"failed runs marked: 2 rows, the 64M summary, both lru values");
	ok(strstr(sb.buf, "<td>64M (64M, 64M)</td>") &&
	   strstr(sb.buf, "<td>38M (36M, 40M)</td>"),
	   "the summary in bytes: mean (min, max)");
	if (path) {
		FILE *f = fopen(path, "w");

		ok(f && fwrite(sb.buf, 1, sb.len, f) == sb.len && !fclose(f),
		   "written to %s", path);
	}
	sweep_table_release(&t);
	sb_release(&sb);
}

int main(int argc, char **argv)
{
	int i;

	make_runs();
	check_table();
	check_show();
	check_json();
	check_dir();
	check_html(argc > 1 ? argv[1] : NULL);
	for (i = 0; i < 4; i++)
		results_free(runs[i]);
	return done_testing();
}
