// SPDX-License-Identifier: GPL-2.0
/*
 * `memcglab run --json` on tests/data/json/run.scn, parsed with jansson
 * and checked against docs/json.md field by field: the header (the
 * scenario's seed and policy), the outcome, every read (a number, a file,
 * a failed read by errno name), every TAP line (held, failed with its
 * detail, xfail with its reason), the events (echo, the OOM kill of p in
 * cgroup c) and the recorded series; and the record's own CSV file, whose
 * cgroup named "a,b" must be quoted.  $MEMCGLAB names the binary.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define SCN	"tests/data/json/run.scn"

static json_t *run_json(const char *bin, const char *dir)
{
	char cmd[512];
	json_error_t je;
	json_t *doc;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "%s run --json --record-dir %s " SCN, bin, dir);
	p = popen(cmd, "r");
	if (!p)
		return NULL;
	doc = json_loadf(p, 0, &je);
	is_long(WEXITSTATUS(pclose(p)), 1, "the run exits 1: one expectation failed");
	ok(doc != NULL, "its output is JSON%s%s", doc ? "" : ": ", doc ? "" : je.text);
	return doc;
}

static json_t *at(json_t *doc, const char *arr, size_t i)
{
	return json_array_get(json_object_get(doc, arr), i);
}

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static void check_header(json_t *doc)
{
	json_t *h = json_object_get(doc, "header"), *res = json_object_get(doc, "result");

	is_str(str(doc, "format"), "memcglab-results", "format");
	is_long(num(doc, "format_version"), 1, "format_version");
	is_str(str(h, "scenario"), SCN, "header.scenario");
	is_str(str(h, "backend"), "model", "header.backend");
	is_long(num(h, "seed"), 7, "header.seed: the machine statement's");
	is_str(str(json_object_get(h, "policies"), "zswap.lru"), "global",
	       "header.policies: the scenario's policy");
	is_str(str(json_object_get(h, "policies"), "objcg.task_cache"), "lazy",
	       "header.policies: every other switch at Linux 6.12's value");
	is_long(json_object_size(json_object_get(h, "set")), 0, "header.set is empty");
	is_long(num(res, "exit"), 1, "result.exit");
	is_long(num(res, "tests"), 5, "result.tests");
	is_long(num(res, "passed"), 3, "result.passed");
	is_long(num(res, "failed"), 1, "result.failed");
	is_long(num(res, "todo"), 1, "result.todo");
	ok(json_is_null(json_object_get(res, "error")), "result.error is null");
}

static void check_reads(json_t *doc)
{
	json_t *r0 = at(doc, "reads", 0), *r1 = at(doc, "reads", 1);
	json_t *r2 = at(doc, "reads", 2);

	is_long(json_array_size(json_object_get(doc, "reads")), 3, "three reads");
	is_str(str(r0, "target"), "c/memory.events:oom_kill", "reads[0].target");
	is_long(num(r0, "line"), 16, "reads[0].line");
	is_long(num(r0, "value"), 1, "reads[0].value: one OOM kill");
	is_str(str(r1, "target"), "a,b/memory.max", "reads[1].target, comma and all");
	is_str(str(r1, "text"), "8388608\n", "reads[1].text: the file as it shows");
	is_long(num(r1, "value"), 8 << 20, "reads[1].value: 8M");
	ok(json_is_null(json_object_get(r2, "text")), "reads[2] failed: no text");
	is_str(str(r2, "errno"), "ENOENT", "reads[2].errno");
	ok(num(r0, "time_ns") >= 20000000, "reads[0].time_ns: after the 20ms sleep");
}

static void check_expects(json_t *doc)
{
	json_t *e0 = at(doc, "expects", 0), *e3 = at(doc, "expects", 3);
	json_t *e4 = at(doc, "expects", 4);

	is_long(json_array_size(json_object_get(doc, "expects")), 5,
		"five TAP lines: the => ENOENT read and four expects");
	is_str(str(e0, "source"), "read /proc/sys/vm/no_such_knob => ENOENT",
	       "expects[0]: the read's errno check");
	ok(json_is_true(json_object_get(e0, "ok")), "expects[0].ok");
	ok(json_is_false(json_object_get(e3, "ok")) &&
	   json_is_true(json_object_get(e3, "todo")), "expects[3]: xfail, a TODO");
	is_str(str(e3, "reason"), "a known failure", "expects[3].reason");
	ok(json_is_false(json_object_get(e4, "ok")) &&
	   json_is_false(json_object_get(e4, "todo")), "expects[4] failed");
	is_str(str(e4, "detail"), "got 8388608", "expects[4].detail");
	is_long(num(e4, "line"), 22, "expects[4].line");
}

static void check_events(json_t *doc)
{
	json_t *ev0 = at(doc, "events", 0), *ev1 = at(doc, "events", 1);

	is_long(json_array_size(json_object_get(doc, "events")), 2, "two events");
	is_str(str(ev0, "kind"), "echo", "events[0]: the echo");
	is_str(str(ev0, "text"), "phase one", "events[0].text");
	is_str(str(ev1, "kind"), "oom_kill", "events[1]: an OOM kill");
	is_str(str(ev1, "process"), "p", "events[1].process");
	is_str(str(ev1, "cgroup"), "c", "events[1].cgroup");
	is_long(num(ev1, "line"), 14, "events[1].line: during the touch");
}

static void check_series(json_t *doc)
{
	json_t *s = at(doc, "series", 0), *times = json_object_get(s, "time_ns");
	json_t *cols = json_object_get(s, "columns");
	json_t *kills = json_object_get(json_array_get(cols, 2), "values");
	size_t i, n = json_array_size(times);
	bool steps = n >= 3;

	is_long(json_array_size(json_object_get(doc, "series")), 1, "one series");
	is_str(str(s, "file"), "run.csv", "series[0].file");
	is_long(num(s, "interval_ns"), 10000000, "series[0].interval_ns");
	for (i = 0; i < n; i++)
		steps = steps && json_integer_value(json_array_get(times, i)) ==
				 (json_int_t)i * 10000000;
	ok(steps, "samples every 10ms from 0 (%zu of them)", n);
	is_str(str(json_array_get(cols, 1), "target"), "a,b/memory.max",
	       "columns[1].target");
	is_long(json_integer_value(json_array_get(kills, n - 1)), 1,
		"the last oom_kill sample counts the kill");
	is_long(json_array_size(kills), n, "a value per sample time");
}

static void check_csv(const char *dir)
{
	const char *want = "time_ns,c/memory.current,\"a,b/memory.max\","
			   "c/memory.events:oom_kill\r\n0,";
	char path[256], buf[256] = "";
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/run.csv", dir);
	f = fopen(path, "r");
	ok(f != NULL, "--record-dir holds the record's file");
	if (!f)
		return;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	ok(!strncmp(buf, want, strlen(want)),
	   "its header quotes \"a,b/memory.max\", records end in CRLF");
	unlink(path);
}

int main(void)
{
	const char *bin = getenv("MEMCGLAB") ? getenv("MEMCGLAB") : "./memcglab";
	char dir[] = "/tmp/test_run_json.XXXXXX";
	json_t *doc;

	if (!mkdtemp(dir))
		return 1;
	doc = run_json(bin, dir);
	if (doc) {
		check_header(doc);
		check_reads(doc);
		check_expects(doc);
		check_events(doc);
		check_series(doc);
		json_decref(doc);
	}
	check_csv(dir);
	rmdir(dir);
	return done_testing();
}
