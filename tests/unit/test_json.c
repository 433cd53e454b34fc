// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON results (report/json_*.c) against their schema, docs/json.md:
 * a document is parsed back with jansson itself and every field the
 * schema names is checked for its type and value; strings that are not
 * UTF-8, or hold quotes, newlines and NUL bytes, stay valid JSON; the
 * reader gives back what was written, and refuses what is not results.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report/json.h"
#include "tap.h"

static struct results *sample(void)
{
	struct results *r = results_new();
	const char *cols[] = { "A/memory.current", "A/memory.max",
			       "a,b/memory.events:oom_kill" };
	struct rs_value row1[] = { { RS_NUM, 4096 }, { RS_MAX, 0 }, { RS_NONE, 0 } };
	struct rs_value row2[] = { { RS_NUM, 8192 }, { RS_NUM, 31457280 },
				   { RS_NUM, 1 } };
	struct rs_series *s;
	struct rs_expect *e;
	struct rs_event *ev;

	r->hdr.version = rs_strdup("0.1");
	r->hdr.model_of = rs_strdup("Linux 6.12, classic LRU");
	r->hdr.scenario = rs_strdup("examples/demo.scn");
	r->hdr.backend = rs_strdup("model");
	r->hdr.seed = 42;
	rs_pair_add(&r->hdr.policies, &r->hdr.npolicies, "zswap.lru", "memcg");
	rs_pair_add(&r->hdr.policies, &r->hdr.npolicies, "smemcg", "owner");
	rs_pair_add(&r->hdr.set, &r->hdr.nset, "A/memory.max", "64M");
	results_add_read(r, 7, 1000, "A/memory.current", "4096\n", 5, 0);
	results_add_read(r, 8, 2000, "A/memory.max", "max\n", 4, 0);
	results_add_read(r, 9, 3000, "quote\"d/memory.stat",
			 "anon 1\nfile \"2\"\n\xff\xfe tail\0nul", 26, 0);
	results_add_read(r, 10, 3000, "B/memory.current", NULL, 0, -2);
	e = results_add_expect(r, 12, 5000, "expect A/memory.current <= 30M",
			       true, false);
	e = results_add_expect(r, 13, 5000, "expect A/memory.current ~ 1M 3%",
			       false, false);
	e->detail = rs_strdup("got 41943040");
	e = results_add_expect(r, 14, 6000, "expect x == 0 xfail \"slow\"",
			       false, true);
	e->reason = rs_strdup("slow");
	ev = results_add_event(r, 11, 4500, "oom_kill");
	ev->process = rs_strdup("p1");
	ev->cgroup = rs_strdup("A");
	ev = results_add_event(r, 15, 7000, "echo");
	ev->text = rs_strdup("phase 2");
	s = results_add_series(r, 5, "out.csv", 100000000, 3, cols);
	series_add_row(s, 0, row1);
	series_add_row(s, 100000000, row2);
	r->exit_code = 1;
	r->tests = 3;
	r->passed = 1;
	r->failed = 1;
	r->todo = 1;
	r->end_ns = 7000;
	return r;
}

static json_t *write_and_parse(const struct results *r, struct strbuf *sb)
{
	json_error_t je;
	json_t *doc;

	results_to_json(r, sb);
	doc = json_loadb(sb->buf, sb->len, JSON_ALLOW_NUL, &je);
	ok(doc != NULL, "the document parses with jansson%s%s",
	   doc ? "" : ": ", doc ? "" : je.text);
	ok(sb->len && sb->buf[sb->len - 1] == '\n' &&
	   !memchr(sb->buf, '\n', sb->len - 1), "one line, ending in a newline");
	return doc;
}

static void check_header(json_t *doc)
{
	json_t *h = json_object_get(doc, "header");
	json_t *pol = json_object_get(h, "policies");
	const char *k;
	json_t *v;
	int i = 0;

	is_str(json_string_value(json_object_get(doc, "format")),
	       "memcglab-results", "format");
	is_long(json_integer_value(json_object_get(doc, "format_version")), 1,
		"format_version 1");
	is_str(json_string_value(json_object_get(h, "memcglab")), "0.1",
	       "header.memcglab");
	is_str(json_string_value(json_object_get(h, "model_of")),
	       "Linux 6.12, classic LRU", "header.model_of");
	is_str(json_string_value(json_object_get(h, "scenario")),
	       "examples/demo.scn", "header.scenario");
	is_str(json_string_value(json_object_get(h, "backend")), "model",
	       "header.backend");
	ok(json_is_integer(json_object_get(h, "seed")) &&
	   json_integer_value(json_object_get(h, "seed")) == 42,
	   "header.seed is the integer 42");
	/* the policies keep the order they were given in */
	json_object_foreach(pol, k, v) {
		is_str(k, i ? "smemcg" : "zswap.lru", "policy %d's name", i);
		is_str(json_string_value(v), i ? "owner" : "memcg",
		       "policy %d's value", i);
		i++;
	}
	is_long(i, 2, "two policies");
	is_str(json_string_value(json_object_get(json_object_get(h, "set"),
						 "A/memory.max")),
	       "64M", "header.set holds the sweep point's value");
}

static void check_result(json_t *doc)
{
	json_t *res = json_object_get(doc, "result");

	is_long(json_integer_value(json_object_get(res, "exit")), 1, "result.exit");
	is_long(json_integer_value(json_object_get(res, "tests")), 3, "result.tests");
	is_long(json_integer_value(json_object_get(res, "passed")), 1, "result.passed");
	is_long(json_integer_value(json_object_get(res, "failed")), 1, "result.failed");
	is_long(json_integer_value(json_object_get(res, "todo")), 1, "result.todo");
	ok(json_is_null(json_object_get(res, "error")), "result.error is null");
	is_long(json_integer_value(json_object_get(res, "end_ns")), 7000,
		"result.end_ns");
}

static void check_reads(json_t *doc)
{
	json_t *reads = json_object_get(doc, "reads");
	json_t *r0 = json_array_get(reads, 0), *r1 = json_array_get(reads, 1);
	json_t *r2 = json_array_get(reads, 2), *r3 = json_array_get(reads, 3);
	const char *text = json_string_value(json_object_get(r2, "text"));
	size_t len = json_string_length(json_object_get(r2, "text"));

	is_long(json_array_size(reads), 4, "four reads");
	is_long(json_integer_value(json_object_get(r0, "line")), 7, "reads[0].line");
	is_long(json_integer_value(json_object_get(r0, "time_ns")), 1000,
		"reads[0].time_ns");
	is_str(json_string_value(json_object_get(r0, "target")),
	       "A/memory.current", "reads[0].target");
	is_str(json_string_value(json_object_get(r0, "text")), "4096\n",
	       "reads[0].text is the file as shown");
	is_long(json_integer_value(json_object_get(r0, "value")), 4096,
		"reads[0].value is its number");
	ok(json_is_null(json_object_get(r0, "errno")), "reads[0].errno is null");
	is_str(json_string_value(json_object_get(r1, "value")), "max",
	       "reads[1].value is \"max\"");
	is_str(json_string_value(json_object_get(r2, "target")),
	       "quote\"d/memory.stat", "a quote in a target survives");
	/* 0xff 0xfe are not UTF-8: each became U+FFFD; the NUL is kept */
	is_long(len, 30, "reads[2].text: 26 bytes, two of them now 3-byte U+FFFD");
	ok(text && !memcmp(text, "anon 1\nfile \"2\"\n\xef\xbf\xbd\xef\xbf\xbd tail\0nul",
			   30), "reads[2].text: newlines, quotes, U+FFFD and NUL");
	ok(json_is_null(json_object_get(r2, "value")),
	   "reads[2].value is null: not one number");
	ok(json_is_null(json_object_get(r3, "text")), "a failed read has null text");
	is_str(json_string_value(json_object_get(r3, "errno")), "ENOENT",
	       "and its errno by name");
}

static void check_expects_events(json_t *doc)
{
	json_t *ex = json_object_get(doc, "expects");
	json_t *e1 = json_array_get(ex, 1), *e2 = json_array_get(ex, 2);
	json_t *ev = json_object_get(doc, "events");
	json_t *ev0 = json_array_get(ev, 0), *ev1 = json_array_get(ev, 1);

	is_long(json_array_size(ex), 3, "three expects");
	ok(json_is_true(json_object_get(json_array_get(ex, 0), "ok")),
	   "expects[0].ok is true");
	ok(json_is_false(json_object_get(e1, "ok")), "expects[1].ok is false");
	is_str(json_string_value(json_object_get(e1, "detail")), "got 41943040",
	       "expects[1].detail");
	is_str(json_string_value(json_object_get(e1, "source")),
	       "expect A/memory.current ~ 1M 3%", "expects[1].source");
	ok(json_is_true(json_object_get(e2, "todo")), "expects[2].todo");
	is_str(json_string_value(json_object_get(e2, "reason")), "slow",
	       "expects[2].reason");
	is_long(json_array_size(ev), 2, "two events");
	is_str(json_string_value(json_object_get(ev0, "kind")), "oom_kill",
	       "events[0].kind");
	is_str(json_string_value(json_object_get(ev0, "process")), "p1",
	       "events[0].process");
	is_str(json_string_value(json_object_get(ev0, "cgroup")), "A",
	       "events[0].cgroup");
	is_long(json_integer_value(json_object_get(ev0, "time_ns")), 4500,
		"events[0].time_ns");
	is_str(json_string_value(json_object_get(ev1, "text")), "phase 2",
	       "events[1].text");
	ok(json_is_null(json_object_get(ev1, "process")),
	   "events[1].process is null");
}

static void check_series(json_t *doc)
{
	json_t *s = json_array_get(json_object_get(doc, "series"), 0);
	json_t *cols = json_object_get(s, "columns");
	json_t *times = json_object_get(s, "time_ns");
	json_t *c1 = json_array_get(cols, 1), *c2 = json_array_get(cols, 2);

	is_long(json_integer_value(json_object_get(s, "line")), 5, "series[0].line");
	is_str(json_string_value(json_object_get(s, "file")), "out.csv",
	       "series[0].file");
	is_long(json_integer_value(json_object_get(s, "interval_ns")), 100000000,
		"series[0].interval_ns");
	is_long(json_array_size(times), 2, "two sample times");
	is_long(json_integer_value(json_array_get(times, 1)), 100000000,
		"time_ns[1]");
	is_long(json_array_size(cols), 3, "three columns");
	is_str(json_string_value(json_object_get(c2, "target")),
	       "a,b/memory.events:oom_kill", "a column's target");
	is_str(json_string_value(json_array_get(json_object_get(c1, "values"), 0)),
	       "max", "a \"max\" sample");
	is_long(json_integer_value(json_array_get(json_object_get(c1, "values"), 1)),
		31457280, "a number sample");
	ok(json_is_null(json_array_get(json_object_get(c2, "values"), 0)),
	   "an unreadable sample is null");
}

/* The reader gives back the same results: written again, the same bytes. */
static void check_round_trip(const struct strbuf *first)
{
	struct strbuf err = STRBUF_INIT, again = STRBUF_INIT;
	struct results *r = NULL;
	int ret = results_from_json(first->buf, first->len, "doc", &r, &err);

	is_long(ret, 0, "results_from_json() reads it%s%s", err.buf ? ": " : "",
		err.buf ? err.buf : "");
	if (r)
		results_to_json(r, &again);
	ok(again.buf && again.len == first->len &&
	   !memcmp(again.buf, first->buf, first->len),
	   "written again it is byte for byte the same");
	results_free(r);
	sb_release(&err);
	sb_release(&again);
}

static void check_refused(const char *doc, const char *want, const char *what)
{
	struct strbuf err = STRBUF_INIT;
	struct results *r = NULL;
	int ret = results_from_json(doc, strlen(doc), "x.json", &r, &err);

	ok(ret < 0 && !r, "refused: %s", what);
	ok(err.buf && strstr(err.buf, want), "the message says '%s'", want);
	if (!err.buf || !strstr(err.buf, want))
		printf("#   got: %s", err.buf ? err.buf : "(none)\n");
	results_free(r);
	sb_release(&err);
}

static void check_errors(const struct strbuf *good)
{
	struct strbuf sb = STRBUF_INIT;
	char *p;

	check_refused("{\"format\": \"memcglab-results\",\n \"format_version\": }",
		      "x.json:2:", "bad JSON, with its line");
	check_refused("{\"format\": \"other\", \"format_version\": 1}",
		      "format other", "another format");
	check_refused("{\"format\": \"memcglab-results\", \"format_version\": 99}",
		      "version 99", "a newer format version");
	p = strstr(good->buf, "\"passed\":1");
	sb_add(&sb, good->buf, p - good->buf);
	sb_puts(&sb, "\"passed\":\"1\"");
	sb_puts(&sb, p + strlen("\"passed\":1"));
	check_refused(sb.buf, "result:", "a field of the wrong type");
	sb_release(&sb);
}

int main(void)
{
	struct results *r = sample();
	struct strbuf sb = STRBUF_INIT;
	json_t *doc = write_and_parse(r, &sb);

	if (doc) {
		check_header(doc);
		check_result(doc);
		check_reads(doc);
		check_expects_events(doc);
		check_series(doc);
		json_decref(doc);
	}
	check_round_trip(&sb);
	check_errors(&sb);
	/* seeds above 2^63-1 are written as text, and read back */
	r->hdr.seed = 18446744073709551615ULL;
	sb_reset(&sb);
	results_to_json(r, &sb);
	ok(strstr(sb.buf, "\"seed\":\"18446744073709551615\"") != NULL,
	   "a seed above 2^63-1 is a decimal string");
	check_round_trip(&sb);
	sb_release(&sb);
	results_free(r);
	return done_testing();
}
