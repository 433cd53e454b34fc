// SPDX-License-Identifier: GPL-2.0
/*
 * memcglab compare's output (compare.h): the table, one row a value,
 * model and kernel side by side with their difference, tolerance and
 * verdict, then the agreement summary; or the same as one JSON document
 * (--json), written in cmp_print_json() alone with jansson and the
 * results writer's helpers (report/json_util.h).
 */
#include "cli/compare.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/json_util.h"

#define WHAT_WIDTH	46
#define VALUE_WIDTH	16

const char *cmp_verdict_name(enum cmp_verdict v)
{
	switch (v) {
	case CMP_AGREE:		return "agree";
	case CMP_DIFFER:	return "DIFFER";
	case CMP_MODEL_ONLY:	return "model only";
	case CMP_KERNEL_ONLY:	return "kernel only";
	case CMP_NOT_RUN:	return "-";
	}
	return "?";
}

static const char *kind_name(enum cmp_kind k)
{
	static const char *const names[] = {
		[CMP_READ] = "read", [CMP_EXPECT] = "expect",
		[CMP_CHECK] = "check", [CMP_EVENT] = "event",
	};

	return names[k];
}

/* What the row is: a read's target[:KEY], else the statement. */
static void row_what(const struct cmp_row *r, char *buf, size_t n)
{
	if (r->kind == CMP_READ)
		snprintf(buf, n, "%s", r->key);
	else if (r->kind == CMP_EVENT)
		snprintf(buf, n, "%s (%s)", r->key, r->source);
	else
		snprintf(buf, n, "%s", r->source);
	if (strlen(buf) > WHAT_WIDTH)
		strcpy(buf + WHAT_WIDTH - 3, "...");
}

static void value_text(const struct cmp_row *r, const struct cmp_val *v,
		       char *buf, size_t n)
{
	const char *ok = r->kind == CMP_EXPECT || r->kind == CMP_CHECK ?
			 (v->ok ? " ok" : " NOT") : "";

	if (!v->seen)
		snprintf(buf, n, "-");
	else if (v->kind == CV_NUM)
		snprintf(buf, n, "%lld%s", (long long)v->n, ok);
	else if (v->kind == CV_MAX)
		snprintf(buf, n, "max%s", ok);
	else if (v->kind == CV_TEXT)
		snprintf(buf, n, "%.*s%s", VALUE_WIDTH - 4, v->text, ok);
	else
		snprintf(buf, n, "%s", *ok ? ok + 1 : "yes");
}

static bool numeric(const struct cmp_row *r, const struct cmp_val **k)
{
	*k = r->best >= 0 ? &r->kernel[r->best] : NULL;
	return r->model.seen && *k && (*k)->seen && r->model.kind == CV_NUM &&
	       (*k)->kind == CV_NUM;
}

static void diff_text(const struct cmp_row *r, char *buf, size_t n)
{
	const struct cmp_val *k;
	s64 d;

	buf[0] = '\0';
	if (!numeric(r, &k))
		return;
	d = k->n - r->model.n;
	if (r->model.n)
		snprintf(buf, n, "%+.1f%%", 100.0 * d / llabs(r->model.n));
	else
		snprintf(buf, n, "%+lld", (long long)d);
}

/* min..max of a numeric row over the kernel runs. */
static void range_text(const struct cmp_table *t, const struct cmp_row *r,
		       char *buf, size_t n)
{
	s64 lo = 0, hi = 0;
	bool any = false;
	int i;

	for (i = 0; i < t->runs; i++) {
		const struct cmp_val *k = &r->kernel[i];

		if (!k->seen || k->kind != CV_NUM)
			continue;
		lo = !any || k->n < lo ? k->n : lo;
		hi = !any || k->n > hi ? k->n : hi;
		any = true;
	}
	if (any)
		snprintf(buf, n, "%lld..%lld", (long long)lo, (long long)hi);
	else
		snprintf(buf, n, "-");
}

static void print_row(const struct cmp_table *t, const struct cmp_row *r,
		      FILE *f)
{
	char what[WHAT_WIDTH + 64], m[64], k[64], d[32], tol[16], range[64];

	row_what(r, what, sizeof(what));
	value_text(r, &r->model, m, sizeof(m));
	if (r->best >= 0)
		value_text(r, &r->kernel[r->best], k, sizeof(k));
	else
		snprintf(k, sizeof(k), "-");
	diff_text(r, d, sizeof(d));
	if (r->model.kind == CV_NUM || r->model.kind == CV_MAX)
		snprintf(tol, sizeof(tol), "%u%%", r->tol);
	else
		snprintf(tol, sizeof(tol), "-");
	fprintf(f, "%5u  %-*s %-*s %-*s %-8s %4s  %s", r->line, WHAT_WIDTH,
		what, VALUE_WIDTH, m, VALUE_WIDTH, k, d, tol,
		cmp_verdict_name(r->verdict));
	if (t->runs > 1 && r->kind == CMP_READ) {
		range_text(t, r, range, sizeof(range));
		fprintf(f, "  [%s]", range);
	}
	fputc('\n', f);
}

static void print_header(const struct cmp_table *t, FILE *f)
{
	fprintf(f, "# memcglab compare: %s\n", t->file);
	fprintf(f, "# model:  memcglab %s, a model of %s, seed %llu\n",
		MEMCGLAB_VERSION, MODEL_OF, t->seed);
	if (t->refused)
		fprintf(f, "# kernel: not run, the model only: %s\n", t->refused);
	else if (t->from)
		fprintf(f, "# kernel: %d run%s from saved executor output (%s%s)\n",
			t->runs, t->runs == 1 ? "" : "s", t->from,
			t->runs == 1 ? "" : ", ...");
	else
		fprintf(f, "# kernel: Linux %s under qemu with %s, %d run%s%s\n",
			t->kernel[0] ? t->kernel : "?", t->kvm ? "KVM" : "TCG",
			t->runs, t->runs == 1 ? "" : "s",
			t->runs > 1 ? " ([min..max] of a read over the runs)" : "");
	fprintf(f, "# tolerance: an expect's own (~ N%%), else "
		"values_close(model, kernel, %d)\n", t->tolerance);
	if (t->model_error)
		fprintf(f, "# the model stopped: %s\n", t->model_error);
	if (t->kernel_error)
		fprintf(f, "# the kernel stopped: %s\n", t->kernel_error);
	fprintf(f, "%5s  %-*s %-*s %-*s %-8s %4s  %s\n", "line", WHAT_WIDTH,
		"value", VALUE_WIDTH, "model", VALUE_WIDTH, "kernel", "diff",
		"tol", "verdict");
}

/* "model: 12 of 12 expectations held; kernel: 11 of 12" */
static void print_expectations(const struct cmp_table *t, FILE *f)
{
	int m = 0, k = 0, n = 0, mk = 0;
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct cmp_row *r = &t->rows[i];

		if (r->kind != CMP_EXPECT)
			continue;
		n++;
		m += r->model.seen && r->model.ok;
		mk += r->best >= 0 && r->kernel[r->best].seen;
		k += r->best >= 0 && r->kernel[r->best].seen &&
		     r->kernel[r->best].ok;
	}
	fprintf(f, "# expectations: the model held %d of %d", m, n);
	if (!t->refused)
		fprintf(f, ", the kernel %d of %d", k, mk);
	fputc('\n', f);
}

void cmp_print_table(const struct cmp_table *t, FILE *f)
{
	int count[CMP_NOT_RUN + 1] = { 0 };
	size_t i;

	print_header(t, f);
	for (i = 0; i < t->n; i++) {
		print_row(t, &t->rows[i], f);
		count[t->rows[i].verdict]++;
	}
	if (t->refused) {
		fprintf(f, "# %zu values on the model; the kernel cannot run "
			"this scenario\n", t->n);
	} else {
		fprintf(f, "# agreement: %d of %zu values agree (%.0f%%)",
			count[CMP_AGREE], t->n,
			t->n ? 100.0 * count[CMP_AGREE] / t->n : 100.0);
		if (t->n - count[CMP_AGREE])
			fprintf(f, "; %d differ beyond tolerance, %d model "
				"only, %d kernel only", count[CMP_DIFFER],
				count[CMP_MODEL_ONLY], count[CMP_KERNEL_ONLY]);
		fputc('\n', f);
	}
	print_expectations(t, f);
}

/* ---- JSON ---- */

static json_t *jval(const struct cmp_val *v)
{
	if (!v->seen || v->kind == CV_NONE)
		return json_null();
	if (v->kind == CV_NUM)
		return json_integer(v->n);
	if (v->kind == CV_MAX)
		return json_string("max");
	return rs_jstr(v->text);
}

static json_t *jrow(const struct cmp_table *t, const struct cmp_row *r)
{
	json_t *o = json_object(), *k = json_array(), *ok = json_array();
	const struct cmp_val *best;
	bool outcome = r->kind == CMP_EXPECT || r->kind == CMP_CHECK;
	int i;

	rs_jset(o, "line", json_integer(r->line));
	rs_jset(o, "kind", json_string(kind_name(r->kind)));
	rs_jset(o, "what", rs_jstr(r->kind == CMP_READ ? r->key : r->source));
	if (r->kind == CMP_EVENT)
		rs_jset(o, "event", rs_jstr(r->key));
	rs_jset(o, "model", jval(&r->model));
	for (i = 0; i < t->runs; i++) {
		json_array_append_new(k, jval(&r->kernel[i]));
		json_array_append_new(ok, r->kernel[i].seen ?
				      json_boolean(r->kernel[i].ok) :
				      json_null());
	}
	rs_jset(o, "kernel", k);
	if (outcome) {
		rs_jset(o, "model_ok", r->model.seen ?
			json_boolean(r->model.ok) : json_null());
		rs_jset(o, "kernel_ok", ok);
	} else {
		json_decref(ok);
	}
	if (numeric(r, &best)) {
		rs_jset(o, "diff", json_integer(best->n - r->model.n));
		rs_jset(o, "nearest_run", json_integer(r->best + 1));
	}
	if (r->model.kind == CV_NUM || r->model.kind == CV_MAX)
		rs_jset(o, "tolerance", json_integer(r->tol));
	rs_jset(o, "verdict", json_string(r->verdict == CMP_NOT_RUN ?
					  "not-run" :
					  r->verdict == CMP_AGREE ? "agree" :
					  r->verdict == CMP_DIFFER ? "differ" :
					  r->verdict == CMP_MODEL_ONLY ?
					  "model-only" : "kernel-only"));
	return o;
}

static json_t *jsummary(const struct cmp_table *t)
{
	json_t *o = json_object(), *lines = json_array();
	int agree = 0;
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (t->rows[i].verdict == CMP_AGREE)
			agree++;
		else if (t->rows[i].verdict != CMP_NOT_RUN)
			json_array_append_new(lines,
					      json_integer(t->rows[i].line));
	}
	rs_jset(o, "values", json_integer(t->n));
	rs_jset(o, "agree", json_integer(agree));
	rs_jset(o, "disagree_lines", lines);
	return o;
}

void cmp_print_json(const struct cmp_table *t, FILE *f)
{
	json_t *o = json_object(), *kernel = json_object(), *rows = json_array();
	json_t *status = json_array();
	size_t i;
	int k;
	char *text;

	rs_jset(o, "format", json_string("memcglab-compare"));
	rs_jset(o, "version", json_integer(1));
	rs_jset(o, "scenario", rs_jstr(t->file));
	rs_jset(o, "model_of", json_string(MODEL_OF));
	rs_jset(o, "memcglab", json_string(MEMCGLAB_VERSION));
	rs_jset(o, "seed", json_integer((json_int_t)t->seed));
	rs_jset(o, "model_status", json_integer(t->model_status));
	rs_jset(o, "model_error", rs_jstr(t->model_error));
	rs_jset(kernel, "release", rs_jstr(t->kernel[0] ? t->kernel : NULL));
	rs_jset(kernel, "from", rs_jstr(t->from));
	rs_jset(kernel, "accel", json_string(t->kvm ? "kvm" : "tcg"));
	rs_jset(kernel, "runs", json_integer(t->runs));
	for (k = 0; k < t->runs; k++)
		json_array_append_new(status, json_integer(t->kernel_status[k]));
	rs_jset(kernel, "status", status);
	rs_jset(kernel, "refused", rs_jstr(t->refused));
	rs_jset(kernel, "error", rs_jstr(t->kernel_error));
	rs_jset(o, "kernel", kernel);
	rs_jset(o, "tolerance", json_integer(t->tolerance));
	for (i = 0; i < t->n; i++)
		json_array_append_new(rows, jrow(t, &t->rows[i]));
	rs_jset(o, "rows", rows);
	rs_jset(o, "summary", jsummary(t));
	text = json_dumps(o, JSON_COMPACT);
	fprintf(f, "%s\n", text ?: "null");
	free(text);
	json_decref(o);
}
