// SPDX-License-Identifier: GPL-2.0
/*
 * Results from JSON (docs/json.md), for `memcglab report` and `sweep
 * --collect`.  Jansson parses and checks each object's fields and their
 * types; a document of another format or a newer format_version is
 * refused, and keys this version does not know are ignored.
 */
#define _GNU_SOURCE		/* strerrorname_np, vasprintf */
#include "json.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	const char *name;
	struct strbuf *err;
	json_error_t je;
};

__attribute__((format(printf, 2, 3)))
static int fail(struct reader *rd, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		abort();
	va_end(ap);
	sb_printf(rd->err, "%s: %s\n", rd->name, msg);
	free(msg);
	return -EINVAL;
}

/* A string or null (NULL) at @j; -EINVAL if it is something else. */
static int opt_str(struct reader *rd, json_t *j, char **out,
		   const char *where, size_t i, const char *key)
{
	*out = NULL;
	if (json_is_null(j))
		return 0;
	if (!json_is_string(j))
		return fail(rd, "%s[%zu].%s is not a string or null", where, i, key);
	*out = rs_strdup(json_string_value(j));
	return 0;
}

static int read_value(struct reader *rd, json_t *j, struct rs_value *v,
		      const char *where, size_t i)
{
	v->kind = RS_NONE;
	v->n = 0;
	if (json_is_integer(j)) {
		v->kind = RS_NUM;
		v->n = json_integer_value(j);
	} else if (json_is_string(j) && !strcmp(json_string_value(j), "max")) {
		v->kind = RS_MAX;
	} else if (!json_is_null(j)) {
		return fail(rd, "%s[%zu]: a value is an integer, \"max\" or null",
			    where, i);
	}
	return 0;
}

static int read_pairs(struct reader *rd, json_t *o, struct rs_pair **v,
		      size_t *n, const char *where)
{
	const char *key;
	json_t *val;

	if (!json_is_object(o))
		return fail(rd, "%s is not an object", where);
	json_object_foreach(o, key, val) {
		if (!json_is_string(val))
			return fail(rd, "%s.%s is not a string", where, key);
		rs_pair_add(v, n, key, json_string_value(val));
	}
	return 0;
}

static int read_seed(struct reader *rd, json_t *j, u64 *seed)
{
	char *end;

	if (json_is_integer(j) && json_integer_value(j) >= 0) {
		*seed = (u64)json_integer_value(j);
		return 0;
	}
	if (json_is_string(j)) {
		errno = 0;
		*seed = strtoull(json_string_value(j), &end, 10);
		if (!errno && !*end && *json_string_value(j))
			return 0;
	}
	return fail(rd, "header.seed is not an unsigned 64-bit number");
}

static int read_header(struct reader *rd, json_t *h, struct rs_header *hdr)
{
	const char *version, *model, *scenario, *backend;
	json_t *seed, *pol, *set;

	if (json_unpack_ex(h, &rd->je, 0, "{s:s, s:s, s:s, s:s, s:o, s:o, s:o}",
			   "memcglab", &version, "model_of", &model,
			   "scenario", &scenario, "backend", &backend,
			   "seed", &seed, "policies", &pol, "set", &set))
		return fail(rd, "header: %s", rd->je.text);
	hdr->version = rs_strdup(version);
	hdr->model_of = rs_strdup(model);
	hdr->scenario = rs_strdup(scenario);
	hdr->backend = rs_strdup(backend);
	if (read_seed(rd, seed, &hdr->seed))
		return -EINVAL;
	if (read_pairs(rd, pol, &hdr->policies, &hdr->npolicies, "header.policies"))
		return -EINVAL;
	return read_pairs(rd, set, &hdr->set, &hdr->nset, "header.set");
}

static int read_result(struct reader *rd, json_t *o, struct results *r)
{
	json_int_t end;
	json_t *error;

	if (json_unpack_ex(o, &rd->je, 0, "{s:i, s:i, s:i, s:i, s:i, s:o, s:I}",
			   "exit", &r->exit_code, "tests", &r->tests,
			   "passed", &r->passed, "failed", &r->failed,
			   "todo", &r->todo, "error", &error, "end_ns", &end))
		return fail(rd, "result: %s", rd->je.text);
	r->end_ns = (u64)end;
	return opt_str(rd, error, &r->error, "result", 0, "error");
}

static int errno_of(json_t *j)
{
	const char *name;
	int e;

	if (json_is_integer(j))
		return -(int)json_integer_value(j);
	if (!json_is_string(j))
		return 0;
	name = json_string_value(j);
	for (e = 1; e < 4096; e++) {
		const char *n = strerrorname_np(e);

		if (n && !strcmp(n, name))
			return -e;
	}
	return -EINVAL;
}

static int read_reads(struct reader *rd, json_t *a, struct results *r)
{
	size_t i;
	json_t *o;

	json_array_foreach(a, i, o) {
		const char *target;
		json_int_t line, t;
		json_t *text, *err;

		if (json_unpack_ex(o, &rd->je, 0, "{s:I, s:I, s:s, s:o, s:o}",
				   "line", &line, "time_ns", &t,
				   "target", &target, "text", &text,
				   "errno", &err))
			return fail(rd, "reads[%zu]: %s", i, rd->je.text);
		if (!json_is_null(text) && !json_is_string(text))
			return fail(rd, "reads[%zu].text is not a string or null", i);
		results_add_read(r, (unsigned int)line, (u64)t, target,
				 json_string_value(text), json_string_length(text),
				 errno_of(err));
	}
	return 0;
}

static int read_expects(struct reader *rd, json_t *a, struct results *r)
{
	size_t i;
	json_t *o;

	json_array_foreach(a, i, o) {
		const char *source;
		json_int_t line, t;
		json_t *reason, *detail;
		int ok, todo;
		struct rs_expect *e;

		if (json_unpack_ex(o, &rd->je, 0, "{s:I, s:I, s:s, s:b, s:b, s:o, s:o}",
				   "line", &line, "time_ns", &t,
				   "source", &source, "ok", &ok, "todo", &todo,
				   "reason", &reason, "detail", &detail))
			return fail(rd, "expects[%zu]: %s", i, rd->je.text);
		e = results_add_expect(r, (unsigned int)line, (u64)t, source,
				       ok, todo);
		if (opt_str(rd, reason, &e->reason, "expects", i, "reason") ||
		    opt_str(rd, detail, &e->detail, "expects", i, "detail"))
			return -EINVAL;
	}
	return 0;
}

static int read_events(struct reader *rd, json_t *a, struct results *r)
{
	size_t i;
	json_t *o;

	json_array_foreach(a, i, o) {
		const char *kind;
		json_int_t line, t;
		json_t *process, *cgroup, *text;
		struct rs_event *ev;

		if (json_unpack_ex(o, &rd->je, 0, "{s:I, s:I, s:s, s:o, s:o, s:o}",
				   "line", &line, "time_ns", &t, "kind", &kind,
				   "process", &process, "cgroup", &cgroup,
				   "text", &text))
			return fail(rd, "events[%zu]: %s", i, rd->je.text);
		ev = results_add_event(r, (unsigned int)line, (u64)t, kind);
		if (opt_str(rd, process, &ev->process, "events", i, "process") ||
		    opt_str(rd, cgroup, &ev->cgroup, "events", i, "cgroup") ||
		    opt_str(rd, text, &ev->text, "events", i, "text"))
			return -EINVAL;
	}
	return 0;
}

/* The columns' targets, checked: each has as many values as times. */
static int series_targets(struct reader *rd, json_t *cols, size_t nrows,
			  size_t idx, const char **targets)
{
	size_t c;
	json_t *col, *vals;

	json_array_foreach(cols, c, col) {
		if (json_unpack_ex(col, &rd->je, 0, "{s:s, s:o}", "target",
				   &targets[c], "values", &vals))
			return fail(rd, "series[%zu].columns[%zu]: %s", idx, c,
				    rd->je.text);
		if (!json_is_array(vals) || json_array_size(vals) != nrows)
			return fail(rd, "series[%zu].columns[%zu] has not one value per time",
				    idx, c);
	}
	return 0;
}

static int series_rows(struct reader *rd, json_t *times, json_t *cols,
		       struct rs_series *s, size_t idx)
{
	struct rs_value *row = calloc(s->ncols ? s->ncols : 1, sizeof(*row));
	size_t i, c;
	int ret = 0;

	if (!row)
		abort();
	for (i = 0; i < json_array_size(times) && !ret; i++) {
		json_t *t = json_array_get(times, i);

		if (!json_is_integer(t)) {
			ret = fail(rd, "series[%zu].time_ns[%zu] is not an integer",
				   idx, i);
			break;
		}
		for (c = 0; c < s->ncols && !ret; c++) {
			json_t *vals = json_object_get(json_array_get(cols, c), "values");

			ret = read_value(rd, json_array_get(vals, i), &row[c],
					 "series values", i);
		}
		if (!ret)
			series_add_row(s, (u64)json_integer_value(t), row);
	}
	free(row);
	return ret;
}

static int read_one_series(struct reader *rd, json_t *o, size_t idx,
			   struct results *r)
{
	const char *file, **targets;
	json_int_t line, interval;
	json_t *times, *cols;
	struct rs_series *s;
	int ret;

	if (json_unpack_ex(o, &rd->je, 0, "{s:I, s:s, s:I, s:o, s:o}",
			   "line", &line, "file", &file, "interval_ns", &interval,
			   "time_ns", &times, "columns", &cols))
		return fail(rd, "series[%zu]: %s", idx, rd->je.text);
	if (!json_is_array(times) || !json_is_array(cols))
		return fail(rd, "series[%zu]: time_ns and columns are arrays", idx);
	targets = calloc(json_array_size(cols) + 1, sizeof(char *));
	if (!targets)
		abort();
	ret = series_targets(rd, cols, json_array_size(times), idx, targets);
	if (!ret) {
		s = results_add_series(r, (unsigned int)line, file, (u64)interval,
				       json_array_size(cols), targets);
		ret = series_rows(rd, times, cols, s, idx);
	}
	free(targets);
	return ret;
}

static int read_body(struct reader *rd, json_t *doc, struct results *r)
{
	const char *format;
	json_t *hdr, *res, *reads, *expects, *events, *series, *o;
	int version;
	size_t i;

	if (json_unpack_ex(doc, &rd->je, 0, "{s:s, s:i}", "format", &format,
			   "format_version", &version))
		return fail(rd, "not memcglab results: %s", rd->je.text);
	if (strcmp(format, RESULTS_FORMAT) || version > RESULTS_FORMAT_VERSION)
		return fail(rd, "format %s version %d; this memcglab reads %s up to version %d",
			    format, version, RESULTS_FORMAT, RESULTS_FORMAT_VERSION);
	if (json_unpack_ex(doc, &rd->je, 0, "{s:o, s:o, s:o, s:o, s:o, s:o}",
			   "header", &hdr, "result", &res, "reads", &reads,
			   "expects", &expects, "events", &events,
			   "series", &series))
		return fail(rd, "%s", rd->je.text);
	if (!json_is_array(reads) || !json_is_array(expects) ||
	    !json_is_array(events) || !json_is_array(series))
		return fail(rd, "reads, expects, events and series are arrays");
	if (read_header(rd, hdr, &r->hdr) || read_result(rd, res, r) ||
	    read_reads(rd, reads, r) || read_expects(rd, expects, r) ||
	    read_events(rd, events, r))
		return -EINVAL;
	json_array_foreach(series, i, o)
		if (read_one_series(rd, o, i, r))
			return -EINVAL;
	return 0;
}

int results_from_json(const char *text, size_t len, const char *name,
		      struct results **out, struct strbuf *err)
{
	struct reader rd = { .name = name, .err = err };
	struct results *r;
	json_t *doc;
	int ret;

	*out = NULL;
	doc = json_loadb(text, len, JSON_ALLOW_NUL, &rd.je);
	if (!doc) {
		sb_printf(err, "%s:%d:%d: %s\n", name, rd.je.line, rd.je.column,
			  rd.je.text);
		return -EINVAL;
	}
	r = results_new();
	ret = read_body(&rd, doc, r);
	json_decref(doc);
	if (ret) {
		results_free(r);
		return ret;
	}
	*out = r;
	return 0;
}

int results_load(const char *path, struct results **out, struct strbuf *err)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	size_t n;
	int ret;

	*out = NULL;
	if (!f) {
		sb_printf(err, "%s: %s\n", path, strerror(errno));
		return -errno;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&sb, buf, n);
	ret = ferror(f) ? -EIO : 0;
	if (f != stdin)
		fclose(f);
	if (ret)
		sb_printf(err, "%s: read error\n", path);
	else
		ret = results_from_json(sb.buf ? sb.buf : "", sb.len, path, out,
					err);
	sb_release(&sb);
	return ret;
}
