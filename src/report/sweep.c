// SPDX-License-Identifier: GPL-2.0
/*
 * A sweep's table from its runs' results (see sweep.h).
 */
#define _GNU_SOURCE		/* strerrorname_np */
#include "sweep.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/csv.h"
#include "report/json.h"
#include "report/json_util.h"

/* ---- axes ---- */

const char *sweep_axis_value(const struct sweep_axis *a,
			     const struct results *r, char *buf, size_t size)
{
	const char *v = NULL;

	if (a->kind == AXIS_SEED) {
		snprintf(buf, size, "%llu", (unsigned long long)r->hdr.seed);
		return buf;
	}
	if (a->kind == AXIS_SET)
		v = rs_pair_get(r->hdr.set, r->hdr.nset, a->name);
	else
		v = rs_pair_get(r->hdr.policies, r->hdr.npolicies, a->name);
	return v ? v : "-";
}

/* Append a copy of @s to the list @v of *@n strings unless it is there. */
static char **add_unique(char **v, size_t *n, const char *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp(v[i], s))
			return v;
	v = realloc(v, (*n + 1) * sizeof(char *));
	if (!v)
		abort();
	v[(*n)++] = rs_strdup(s);
	return v;
}

/* Make @name an axis of @t if the runs do not all agree on it. */
static void try_axis(struct sweep_table *t, enum sweep_axis_kind kind,
		     const char *name)
{
	struct sweep_axis a = { .kind = kind, .name = (char *)name };
	char buf[32];
	size_t i;

	for (i = 0; i < t->naxes; i++)
		if (t->axes[i].kind == kind && !strcmp(t->axes[i].name, name))
			return;
	for (i = 0; i < t->nruns; i++)
		a.values = add_unique(a.values, &a.nvalues,
				      sweep_axis_value(&a, t->runs[i], buf, sizeof(buf)));
	if (a.nvalues < 2) {
		for (i = 0; i < a.nvalues; i++)
			free(a.values[i]);
		free(a.values);
		return;
	}
	a.name = rs_strdup(name);
	t->axes = realloc(t->axes, (t->naxes + 1) * sizeof(*t->axes));
	if (!t->axes)
		abort();
	t->axes[t->naxes++] = a;
}

static void find_axes(struct sweep_table *t)
{
	size_t i, j;

	for (i = 0; i < t->nruns; i++)
		for (j = 0; j < t->runs[i]->hdr.nset; j++)
			try_axis(t, AXIS_SET, t->runs[i]->hdr.set[j].name);
	for (i = 0; i < t->nruns; i++)
		for (j = 0; j < t->runs[i]->hdr.npolicies; j++)
			try_axis(t, AXIS_POLICY, t->runs[i]->hdr.policies[j].name);
	try_axis(t, AXIS_SEED, "seed");
}

/* ---- shown reads ---- */

static void add_shown(struct sweep_table *t, const char *target)
{
	t->shown = add_unique(t->shown, &t->nshown, target);
}

void sweep_table_build(struct sweep_table *t, struct results **runs,
		       size_t nruns, const char *const *show, size_t nshow)
{
	size_t i, j;

	memset(t, 0, sizeof(*t));
	t->runs = runs;
	t->nruns = nruns;
	find_axes(t);
	for (i = 0; i < nshow; i++)
		add_shown(t, show[i]);
	for (i = 0; !show && i < nruns; i++)
		for (j = 0; j < runs[i]->nreads; j++) {
			const char *target = runs[i]->reads[j].target;

			if (results_last_read(runs[i], target)->value.kind != RS_NONE)
				add_shown(t, target);
		}
}

void sweep_table_release(struct sweep_table *t)
{
	size_t i, j;

	for (i = 0; i < t->naxes; i++) {
		for (j = 0; j < t->axes[i].nvalues; j++)
			free(t->axes[i].values[j]);
		free(t->axes[i].values);
		free(t->axes[i].name);
	}
	free(t->axes);
	for (i = 0; i < t->nshown; i++)
		free(t->shown[i]);
	free(t->shown);
	memset(t, 0, sizeof(*t));
}

/* ---- cells ---- */

void sweep_read_cell(const struct results *r, const char *target,
		     char *buf, size_t size)
{
	const struct rs_read *rd = results_last_read(r, target);

	if (!rd)
		snprintf(buf, size, "-");
	else if (rd->err)
		snprintf(buf, size, "%s", strerrorname_np(-rd->err) ?
			 strerrorname_np(-rd->err) : "error");
	else if (rd->value.kind == RS_NUM)
		snprintf(buf, size, "%lld", (long long)rd->value.n);
	else if (rd->value.kind == RS_MAX)
		snprintf(buf, size, "max");
	else
		snprintf(buf, size, "%.*s", (int)strcspn(rd->text, "\n"), rd->text);
}

void sweep_outcome(const struct results *r, char *buf, size_t size)
{
	if (r->exit_code > 1 || r->error)
		snprintf(buf, size, "ERROR");
	else
		snprintf(buf, size, "%s %d/%d", r->exit_code ? "FAIL" : "ok",
			 r->passed, r->tests - r->todo);
}

void sweep_failed_lines(const struct results *r, struct strbuf *out)
{
	size_t i;
	bool first = true;

	for (i = 0; i < r->nexpects; i++) {
		if (r->expects[i].ok || r->expects[i].todo)
			continue;
		sb_printf(out, "%s%u", first ? "" : ",", r->expects[i].line);
		first = false;
	}
	if (!out->buf)
		sb_puts(out, "");
}

/* ---- cells of the whole table, as text ---- */

static void grid_set(struct sweep_grid *g, size_t row, size_t col, const char *s)
{
	g->cell[row][col] = rs_strdup(s);
}

void sweep_grid_build(const struct sweep_table *t, struct sweep_grid *g)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[256];
	size_t r, c, i;

	g->rows = t->nruns + 1;
	g->cols = 1 + t->naxes + 2 + t->nshown;
	g->cell = calloc(g->rows, sizeof(char **));
	for (r = 0; g->cell && r < g->rows; r++)
		if (!(g->cell[r] = calloc(g->cols, sizeof(char *))))
			abort();
	if (!g->cell)
		abort();
	grid_set(g, 0, 0, "point");
	for (i = 0; i < t->naxes; i++)
		grid_set(g, 0, 1 + i, t->axes[i].name);
	grid_set(g, 0, 1 + t->naxes, "result");
	grid_set(g, 0, 2 + t->naxes, "failed lines");
	for (i = 0; i < t->nshown; i++)
		grid_set(g, 0, 3 + t->naxes + i, t->shown[i]);
	for (r = 0; r < t->nruns; r++) {
		const struct results *run = t->runs[r];

		snprintf(buf, sizeof(buf), "%ld", run->point >= 0 ? run->point : (long)r);
		grid_set(g, r + 1, 0, buf);
		for (i = 0; i < t->naxes; i++)
			grid_set(g, r + 1, 1 + i,
				 sweep_axis_value(&t->axes[i], run, buf, sizeof(buf)));
		sweep_outcome(run, buf, sizeof(buf));
		grid_set(g, r + 1, 1 + t->naxes, buf);
		sb_reset(&sb);
		sweep_failed_lines(run, &sb);
		grid_set(g, r + 1, 2 + t->naxes, sb.buf);
		for (c = 0; c < t->nshown; c++) {
			sweep_read_cell(run, t->shown[c], buf, sizeof(buf));
			grid_set(g, r + 1, 3 + t->naxes + c, buf);
		}
	}
	sb_release(&sb);
}

void sweep_grid_release(struct sweep_grid *g)
{
	size_t r, c;

	for (r = 0; r < g->rows; r++) {
		for (c = 0; c < g->cols; c++)
			free(g->cell[r][c]);
		free(g->cell[r]);
	}
	free(g->cell);
}

static void grid_text(const struct sweep_grid *g, struct strbuf *out)
{
	size_t *w = calloc(g->cols + 1, sizeof(size_t)), r, c;

	if (!w)
		abort();
	for (r = 0; r < g->rows; r++)
		for (c = 0; c < g->cols; c++)
			if (strlen(g->cell[r][c]) > w[c])
				w[c] = strlen(g->cell[r][c]);
	for (r = 0; r < g->rows; r++) {
		for (c = 0; c + 1 < g->cols; c++)
			sb_printf(out, "%-*s  ", (int)w[c], g->cell[r][c]);
		sb_puts(out, g->cell[r][c]);
		sb_puts(out, "\n");
	}
	free(w);
}

/* ---- summaries per axis value ---- */

static void acc_add(struct stat_acc *a, double v)
{
	if (!a->n || v < a->lo)
		a->lo = v;
	if (!a->n || v > a->hi)
		a->hi = v;
	a->sum += v;
	a->n++;
}

void sweep_summarize(const struct sweep_table *t, const struct sweep_axis *a,
		     const char *v, size_t *n, size_t *ok, struct stat_acc *acc)
{
	char buf[32];
	size_t r, c;

	*n = *ok = 0;
	memset(acc, 0, t->nshown * sizeof(*acc));
	for (r = 0; r < t->nruns; r++) {
		if (strcmp(sweep_axis_value(a, t->runs[r], buf, sizeof(buf)), v))
			continue;
		(*n)++;
		*ok += t->runs[r]->exit_code == 0;
		for (c = 0; c < t->nshown; c++) {
			const struct rs_read *rd = results_last_read(t->runs[r],
								     t->shown[c]);

			if (rd && rd->value.kind == RS_NUM)
				acc_add(&acc[c], (double)rd->value.n);
		}
	}
}

static void summary_text(const struct sweep_table *t, struct strbuf *out)
{
	struct stat_acc *acc = calloc(t->nshown + 1, sizeof(*acc));
	size_t i, j, c, n, ok;

	if (!acc)
		abort();
	for (i = 0; i < t->naxes; i++) {
		sb_printf(out, "\nby %s:\n", t->axes[i].name);
		for (j = 0; j < t->axes[i].nvalues; j++) {
			const char *v = t->axes[i].values[j];

			sweep_summarize(t, &t->axes[i], v, &n, &ok, acc);
			sb_printf(out, "  %s: %zu runs, %zu ok, %zu failed\n", v, n,
				  ok, n - ok);
			for (c = 0; c < t->nshown; c++)
				if (acc[c].n)
					sb_printf(out, "    %s: mean %.0f, min %.0f, max %.0f\n",
						  t->shown[c], acc[c].sum / acc[c].n,
						  acc[c].lo, acc[c].hi);
		}
	}
	free(acc);
}

void sweep_print_table(const struct sweep_table *t, struct strbuf *out)
{
	struct sweep_grid g;

	sweep_grid_build(t, &g);
	grid_text(&g, out);
	sweep_grid_release(&g);
}

void sweep_print_text(const struct sweep_table *t, struct strbuf *out)
{
	sweep_print_table(t, out);
	summary_text(t, out);
}

void sweep_print_failures(const struct sweep_table *t, struct strbuf *out)
{
	char buf[64];
	size_t r, i, k;

	for (r = 0; r < t->nruns; r++) {
		const struct results *run = t->runs[r];

		for (i = 0; i < run->nexpects + (run->error != NULL); i++) {
			const struct rs_expect *e = i < run->nexpects ?
						    &run->expects[i] : NULL;

			if (e && (e->ok || e->todo))
				continue;
			sb_printf(out, "point %ld (", run->point >= 0 ? run->point :
				  (long)r);
			for (k = 0; k < t->naxes; k++)
				sb_printf(out, "%s%s=%s", k ? " " : "", t->axes[k].name,
					  sweep_axis_value(&t->axes[k], run, buf,
							   sizeof(buf)));
			if (e)
				sb_printf(out, "): line %u: %s%s%s\n", e->line, e->source,
					  e->detail ? " # " : "",
					  e->detail ? e->detail : "");
			else
				sb_printf(out, "): %.*s\n",
					  (int)strcspn(run->error, "\n"), run->error);
		}
	}
}

void sweep_print_csv(const struct sweep_table *t, struct strbuf *out)
{
	struct csv csv = CSV_INIT(out);
	struct sweep_grid g;
	size_t r, c;

	sweep_grid_build(t, &g);
	for (r = 0; r < g.rows; r++) {
		for (c = 0; c < g.cols; c++)
			csv_str(&csv, g.cell[r][c]);
		csv_end_row(&csv);
	}
	sweep_grid_release(&g);
}

/* ---- JSON ---- */

static json_t *json_axes(const struct sweep_table *t)
{
	static const char *const kinds[] = { "set", "policy", "seed" };
	json_t *a = json_array();
	size_t i, j;

	for (i = 0; i < t->naxes; i++) {
		json_t *o = json_object(), *vals = json_array();

		for (j = 0; j < t->axes[i].nvalues; j++)
			json_array_append_new(vals, rs_jstr(t->axes[i].values[j]));
		json_object_set_new(o, "kind", json_string(kinds[t->axes[i].kind]));
		json_object_set_new(o, "name", rs_jstr(t->axes[i].name));
		json_object_set_new(o, "values", vals);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *json_point(const struct sweep_table *t, size_t r)
{
	const struct results *run = t->runs[r];
	json_t *o = json_object(), *axes = json_object(), *reads = json_object();
	json_t *failed = json_array();
	char buf[32];
	size_t i;

	for (i = 0; i < t->naxes; i++)
		rs_jset(axes, t->axes[i].name,
			rs_jstr(sweep_axis_value(&t->axes[i], run, buf, sizeof(buf))));
	for (i = 0; i < run->nexpects; i++)
		if (!run->expects[i].ok && !run->expects[i].todo)
			json_array_append_new(failed, json_integer(run->expects[i].line));
	for (i = 0; i < t->nshown; i++) {
		const struct rs_read *rd = results_last_read(run, t->shown[i]);

		rs_jset(reads, t->shown[i], rd ? rs_jvalue(&rd->value) : json_null());
	}
	json_object_set_new(o, "point", json_integer(run->point >= 0 ? run->point :
							    (json_int_t)r));
	json_object_set_new(o, "axes", axes);
	rs_jcounts(o, run);
	json_object_set_new(o, "failed_lines", failed);
	json_object_set_new(o, "reads", reads);
	return o;
}

static json_t *json_summary(const struct sweep_table *t)
{
	struct stat_acc *acc = calloc(t->nshown + 1, sizeof(*acc));
	json_t *a = json_array();
	size_t i, j, c, n, ok;

	if (!acc)
		abort();
	for (i = 0; i < t->naxes; i++)
		for (j = 0; j < t->axes[i].nvalues; j++) {
			json_t *o = json_object(), *reads = json_object();

			sweep_summarize(t, &t->axes[i], t->axes[i].values[j], &n, &ok, acc);
			for (c = 0; c < t->nshown; c++)
				if (acc[c].n)
					rs_jset(reads, t->shown[c],
						json_pack("{s:f, s:f, s:f}", "mean",
							  acc[c].sum / acc[c].n,
							  "min", acc[c].lo, "max", acc[c].hi));
			json_object_set_new(o, "axis", rs_jstr(t->axes[i].name));
			json_object_set_new(o, "value", rs_jstr(t->axes[i].values[j]));
			json_object_set_new(o, "runs", json_integer((json_int_t)n));
			json_object_set_new(o, "ok", json_integer((json_int_t)ok));
			json_object_set_new(o, "reads", reads);
			json_array_append_new(a, o);
		}
	free(acc);
	return a;
}

void sweep_print_json(const struct sweep_table *t, struct strbuf *out)
{
	json_t *doc = json_object(), *points = json_array(), *shown = json_array();
	size_t i;

	for (i = 0; i < t->nshown; i++)
		json_array_append_new(shown, rs_jstr(t->shown[i]));
	for (i = 0; i < t->nruns; i++)
		json_array_append_new(points, json_point(t, i));
	json_object_set_new(doc, "format", json_string("memcglab-sweep"));
	json_object_set_new(doc, "format_version", json_integer(1));
	json_object_set_new(doc, "scenario",
			    rs_jstr(t->nruns ? t->runs[0]->hdr.scenario : NULL));
	json_object_set_new(doc, "axes", json_axes(t));
	json_object_set_new(doc, "shown", shown);
	json_object_set_new(doc, "points", points);
	json_object_set_new(doc, "summary", json_summary(t));
	rs_jdump(doc, out);
}

/* ---- loading a directory of results ---- */

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_json(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 5 && !strcmp(name + n - 5, ".json");
}

/* N of "point-N.json", or -1. */
static long point_of(const char *name)
{
	char *end;
	long n;

	if (strncmp(name, "point-", 6) || name[6] < '0' || name[6] > '9')
		return -1;
	n = strtol(name + 6, &end, 10);
	return strcmp(end, ".json") ? -1 : n;
}

/* The *.json names in @dir, sorted. */
static int json_names(const char *dir, char ***names, size_t *n,
		      struct strbuf *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	*names = NULL;
	*n = 0;
	if (!d) {
		sb_printf(err, "%s: %s\n", dir, strerror(errno));
		return -errno;
	}
	while ((e = readdir(d))) {
		if (!is_json(e->d_name))
			continue;
		*names = realloc(*names, (*n + 1) * sizeof(char *));
		if (!*names)
			abort();
		(*names)[(*n)++] = rs_strdup(e->d_name);
	}
	closedir(d);
	if (*n)		/* qsort() may not be given NULL, even for none */
		qsort(*names, *n, sizeof(char *), cmp_name);
	return 0;
}

int sweep_load_dir(const char *dir, struct results ***runs, struct strbuf *err)
{
	char **names;
	size_t n, i, got = 0;
	int ret = json_names(dir, &names, &n, err);

	*runs = NULL;
	if (ret)
		return ret;
	*runs = calloc(n + 1, sizeof(**runs));
	if (!*runs)
		abort();
	for (i = 0; i < n && !ret; i++) {
		struct strbuf path = STRBUF_INIT;

		sb_printf(&path, "%s/%s", dir, names[i]);
		ret = results_load(path.buf, &(*runs)[got], err);
		if (!ret)
			(*runs)[got++]->point = point_of(names[i]);
		sb_release(&path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (!ret && !got) {
		sb_printf(err, "%s: no results (*.json) in it\n", dir);
		ret = -ENOENT;
	}
	if (ret) {
		for (i = 0; i < got; i++)
			results_free((*runs)[i]);
		free(*runs);
		*runs = NULL;
		return ret;
	}
	return (int)got;
}
