// SPDX-License-Identifier: GPL-2.0
/*
 * Results to JSON with jansson (schema: docs/json.md).  Jansson checks that
 * every string is UTF-8 and escapes it; a file that shows bytes that are
 * not UTF-8 has them replaced by U+FFFD here, so the document stays valid
 * JSON whatever a scenario names its cgroups or writes to its files.
 */
#define _GNU_SOURCE		/* strerrorname_np, vasprintf */
#include "json.h"
#include "json_util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "lib/utf8.h"

json_t *rs_jstrn(const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j;
	size_t i = 0;

	if (!s)
		return json_null();
	j = json_stringn(s, len);
	if (j)
		return j;
	while (i < len) {
		size_t n = utf8_len((const unsigned char *)s + i, len - i);

		if (n)
			sb_add(&sb, s + i, n);
		else
			sb_puts(&sb, UTF8_REPLACEMENT);
		i += n ? n : 1;
	}
	j = json_stringn(sb.buf ? sb.buf : "", sb.len);
	sb_release(&sb);
	return j;
}

json_t *rs_jstr(const char *s)
{
	return rs_jstrn(s, s ? strlen(s) : 0);
}

void rs_jset(json_t *o, const char *key, json_t *value)
{
	json_t *k = rs_jstr(key);	/* keys must be UTF-8 too */

	json_object_set_new(o, json_string_value(k), value);
	json_decref(k);
}

static json_t *jint(u64 v)
{
	return json_integer((json_int_t)v);
}

json_t *rs_jvalue(const struct rs_value *v)
{
	if (v->kind == RS_NUM)
		return json_integer(v->n);
	if (v->kind == RS_MAX)
		return json_string("max");
	return json_null();
}

static json_t *jpairs(const struct rs_pair *v, size_t n)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < n; i++)
		rs_jset(o, v[i].name, rs_jstr(v[i].value));
	return o;
}

/* Seeds above 2^63-1 do not fit a JSON integer most readers hold: text. */
static json_t *jseed(u64 seed)
{
	char buf[24];

	if (seed <= INT64_MAX)
		return jint(seed);
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)seed);
	return json_string(buf);
}

static json_t *header(const struct rs_header *h)
{
	json_t *o = json_object();

	json_object_set_new(o, "memcglab", rs_jstr(h->version));
	json_object_set_new(o, "model_of", rs_jstr(h->model_of));
	json_object_set_new(o, "scenario", rs_jstr(h->scenario));
	json_object_set_new(o, "backend", rs_jstr(h->backend));
	json_object_set_new(o, "seed", jseed(h->seed));
	json_object_set_new(o, "policies", jpairs(h->policies, h->npolicies));
	json_object_set_new(o, "set", jpairs(h->set, h->nset));
	return o;
}

static json_t *jerrno(int err)
{
	const char *name = err ? strerrorname_np(-err) : NULL;

	if (!err)
		return json_null();
	if (name)
		return json_string(name);
	return json_integer(-err);
}

static json_t *reads(const struct results *r)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < r->nreads; i++) {
		const struct rs_read *rd = &r->reads[i];
		json_t *o = json_object();

		json_object_set_new(o, "line", jint(rd->line));
		json_object_set_new(o, "time_ns", jint(rd->time_ns));
		json_object_set_new(o, "target", rs_jstr(rd->target));
		json_object_set_new(o, "text", rs_jstrn(rd->text, rd->len));
		json_object_set_new(o, "errno", jerrno(rd->err));
		json_object_set_new(o, "value", rs_jvalue(&rd->value));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *expects(const struct results *r)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < r->nexpects; i++) {
		const struct rs_expect *e = &r->expects[i];
		json_t *o = json_object();

		json_object_set_new(o, "line", jint(e->line));
		json_object_set_new(o, "time_ns", jint(e->time_ns));
		json_object_set_new(o, "source", rs_jstr(e->source));
		json_object_set_new(o, "ok", json_boolean(e->ok));
		json_object_set_new(o, "todo", json_boolean(e->todo));
		json_object_set_new(o, "reason", rs_jstr(e->reason));
		json_object_set_new(o, "detail", rs_jstr(e->detail));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *events(const struct results *r)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < r->nevents; i++) {
		const struct rs_event *ev = &r->events[i];
		json_t *o = json_object();

		json_object_set_new(o, "line", jint(ev->line));
		json_object_set_new(o, "time_ns", jint(ev->time_ns));
		json_object_set_new(o, "kind", rs_jstr(ev->kind));
		json_object_set_new(o, "process", rs_jstr(ev->process));
		json_object_set_new(o, "cgroup", rs_jstr(ev->cgroup));
		json_object_set_new(o, "text", rs_jstr(ev->text));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *one_series(const struct rs_series *s)
{
	json_t *o = json_object(), *times = json_array(), *cols = json_array();
	size_t row, col;

	for (row = 0; row < s->nrows; row++)
		json_array_append_new(times, jint(s->time_ns[row]));
	for (col = 0; col < s->ncols; col++) {
		json_t *c = json_object(), *vals = json_array();

		for (row = 0; row < s->nrows; row++)
			json_array_append_new(vals, rs_jvalue(series_at(s, row, col)));
		json_object_set_new(c, "target", rs_jstr(s->targets[col]));
		json_object_set_new(c, "values", vals);
		json_array_append_new(cols, c);
	}
	json_object_set_new(o, "line", jint(s->line));
	json_object_set_new(o, "file", rs_jstr(s->file));
	json_object_set_new(o, "interval_ns", jint(s->interval_ns));
	json_object_set_new(o, "time_ns", times);
	json_object_set_new(o, "columns", cols);
	return o;
}

void rs_jdump(json_t *doc, struct strbuf *out)
{
	char *text = json_dumps(doc, JSON_COMPACT);

	if (!text)
		abort();
	sb_puts(out, text);
	sb_puts(out, "\n");
	free(text);
	json_decref(doc);
}

void rs_jcounts(json_t *o, const struct results *r)
{
	json_object_set_new(o, "exit", json_integer(r->exit_code));
	json_object_set_new(o, "tests", json_integer(r->tests));
	json_object_set_new(o, "passed", json_integer(r->passed));
	json_object_set_new(o, "failed", json_integer(r->failed));
	json_object_set_new(o, "todo", json_integer(r->todo));
	json_object_set_new(o, "error", rs_jstr(r->error));
}

static json_t *result(const struct results *r)
{
	json_t *o = json_object();

	rs_jcounts(o, r);
	json_object_set_new(o, "end_ns", jint(r->end_ns));
	return o;
}

void results_to_json(const struct results *r, struct strbuf *out)
{
	json_t *doc = json_object(), *series = json_array();
	size_t i;

	for (i = 0; i < r->nseries; i++)
		json_array_append_new(series, one_series(r->series[i]));
	json_object_set_new(doc, "format", json_string(RESULTS_FORMAT));
	json_object_set_new(doc, "format_version",
			    json_integer(RESULTS_FORMAT_VERSION));
	json_object_set_new(doc, "header", header(&r->hdr));
	json_object_set_new(doc, "result", result(r));
	json_object_set_new(doc, "reads", reads(r));
	json_object_set_new(doc, "expects", expects(r));
	json_object_set_new(doc, "events", events(r));
	json_object_set_new(doc, "series", series);
	rs_jdump(doc, out);
}
