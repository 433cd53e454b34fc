// SPDX-License-Identifier: GPL-2.0
/*
 * A sweep as one self-contained page: what was swept, the table (a row
 * per run, failures marked), the summary per axis value, and each recorded
 * file over virtual time with one line per run.
 */
#include "sweep.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"
#include "report/plots.h"
#include "report/svg.h"

#define MAX_OVERLAY	12	/* lines a plot can tell apart */

static void html_cell(struct strbuf *out, const char *tag, const char *text)
{
	sb_printf(out, "<%s>", tag);
	xml_puts(out, text);
	sb_printf(out, "</%s>", tag);
}

static void params(const struct sweep_table *t, struct strbuf *out)
{
	const struct results *r0 = t->runs[0];
	size_t i, j, ok = 0;

	for (i = 0; i < t->nruns; i++)
		ok += t->runs[i]->exit_code == 0;
	sb_printf(out, "<p class=\"summary\"><span class=\"%s\">%s</span>: %zu runs, "
		  "%zu ok, %zu failed.</p>\n", ok == t->nruns ? "pass" : "fail",
		  ok == t->nruns ? "PASS" : "FAIL", t->nruns, ok, t->nruns - ok);
	sb_puts(out, "<table class=\"header\">\n<tr><th>scenario</th><td>");
	xml_puts(out, r0->hdr.scenario ? r0->hdr.scenario : "");
	sb_puts(out, "</td></tr>\n");
	for (i = 0; i < t->naxes; i++) {
		sb_puts(out, "<tr><th>");
		xml_puts(out, t->axes[i].name);
		sb_puts(out, "</th><td>");
		for (j = 0; j < t->axes[i].nvalues; j++) {
			sb_puts(out, j ? ", <code>" : "<code>");
			xml_puts(out, t->axes[i].values[j]);
			sb_puts(out, "</code>");
		}
		sb_puts(out, "</td></tr>\n");
	}
	sb_puts(out, "</table>\n");
}

static void table(const struct sweep_table *t, struct strbuf *out)
{
	struct sweep_grid g;
	size_t r, c;

	sweep_grid_build(t, &g);
	sb_puts(out, "<h2 id=\"table\">Runs</h2>\n<table>\n<tr>");
	for (c = 0; c < g.cols; c++)
		html_cell(out, "th", g.cell[0][c]);
	sb_puts(out, "</tr>\n");
	for (r = 1; r < g.rows; r++) {
		sb_puts(out, t->runs[r - 1]->exit_code ? "<tr class=\"fail\">" : "<tr>");
		for (c = 0; c < g.cols; c++)
			html_cell(out, "td", g.cell[r][c]);
		sb_puts(out, "</tr>\n");
	}
	sb_puts(out, "</table>\n");
	sweep_grid_release(&g);
}

/* A read's statistic in its unit: "64M" for bytes, the number otherwise. */
static void stat_text(const char *target, double v, char *buf, size_t size)
{
	struct col_class c;

	plot_classify(target, &c);
	if (plot_unit(c.kind) == SVG_BYTES && c.factor == 1)
		svg_format(v, SVG_BYTES, buf, size);
	else
		snprintf(buf, size, "%.0f", v);
}

static void stat_cell(struct strbuf *out, const char *target,
		      const struct stat_acc *a)
{
	char mean[32], lo[32], hi[32], cell[128];

	if (!a->n) {
		html_cell(out, "td", "-");
		return;
	}
	stat_text(target, a->sum / a->n, mean, sizeof(mean));
	stat_text(target, a->lo, lo, sizeof(lo));
	stat_text(target, a->hi, hi, sizeof(hi));
	snprintf(cell, sizeof(cell), "%s (%s, %s)", mean, lo, hi);
	html_cell(out, "td", cell);
}

static void summary_axis(const struct sweep_table *t, const struct sweep_axis *a,
			 struct stat_acc *acc, struct strbuf *out)
{
	size_t j, c, n, ok;

	sb_puts(out, "<h3>By ");
	xml_puts(out, a->name);
	sb_puts(out, "</h3>\n<table>\n<tr><th>value</th><th>runs</th><th>ok</th>");
	for (c = 0; c < t->nshown; c++) {
		sb_puts(out, "<th>");
		xml_puts(out, t->shown[c]);
		sb_puts(out, "<br>mean (min, max)</th>");
	}
	sb_puts(out, "</tr>\n");
	for (j = 0; j < a->nvalues; j++) {
		sweep_summarize(t, a, a->values[j], &n, &ok, acc);
		sb_puts(out, ok < n ? "<tr class=\"fail\">" : "<tr>");
		html_cell(out, "td", a->values[j]);
		sb_printf(out, "<td class=\"num\">%zu</td><td class=\"num\">%zu</td>",
			  n, ok);
		for (c = 0; c < t->nshown; c++)
			stat_cell(out, t->shown[c], &acc[c]);
		sb_puts(out, "</tr>\n");
	}
	sb_puts(out, "</table>\n");
}

static void summaries(const struct sweep_table *t, struct strbuf *out)
{
	struct stat_acc *acc = calloc(t->nshown + 1, sizeof(*acc));
	size_t i;

	if (!acc)
		abort();
	if (t->naxes)
		sb_puts(out, "<h2 id=\"summary\">Summary per axis</h2>\n");
	for (i = 0; i < t->naxes; i++)
		summary_axis(t, &t->axes[i], acc, out);
	free(acc);
}

/* ---- overlaid plots ---- */

/*
 * The runs one plot draws: those whose first axis has value @first (all if
 * NULL), only the first seed's when they are many, at most MAX_OVERLAY.
 */
static size_t pick_runs(const struct sweep_table *t, const char *first,
			size_t *pick)
{
	const struct sweep_axis *seed = NULL;
	char buf[32];
	size_t i, n = 0, all = 0;

	for (i = 0; i < t->naxes; i++)
		if (t->axes[i].kind == AXIS_SEED)
			seed = &t->axes[i];
	for (i = 0; i < t->nruns; i++)
		all += !first || !strcmp(sweep_axis_value(&t->axes[0], t->runs[i],
							  buf, sizeof(buf)), first);
	for (i = 0; i < t->nruns && n < MAX_OVERLAY; i++) {
		if (first && strcmp(sweep_axis_value(&t->axes[0], t->runs[i], buf,
						     sizeof(buf)), first))
			continue;
		if (all > MAX_OVERLAY && seed &&
		    strcmp(sweep_axis_value(seed, t->runs[i], buf, sizeof(buf)),
			   seed->values[0]))
			continue;
		pick[n++] = i;
	}
	return n;
}

/* A run's line: its axis values, "64M 256M memcg". */
static char *run_label(const struct sweep_table *t, const struct results *r)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[32];
	size_t i;

	for (i = 0; i < t->naxes; i++)
		sb_printf(&sb, "%s%s", i ? " " : "",
			  sweep_axis_value(&t->axes[i], r, buf, sizeof(buf)));
	if (!sb.buf)
		sb_puts(&sb, "run");
	return sb_detach(&sb);
}

/* Column @target of the first series of @r that records it, as a line. */
static bool run_line(const struct results *r, const char *target, double factor,
		     struct svg_line *l, double *x_end)
{
	size_t i, c, row;

	for (i = 0; i < r->nseries; i++)
		for (c = 0; c < r->series[i]->ncols; c++) {
			const struct rs_series *s = r->series[i];
			double *x, *y;

			if (strcmp(s->targets[c], target))
				continue;
			x = calloc(s->nrows + 1, sizeof(double));
			y = calloc(s->nrows + 1, sizeof(double));
			if (!x || !y)
				abort();
			for (row = 0; row < s->nrows; row++) {
				const struct rs_value *v = series_at(s, row, c);

				x[row] = (double)s->time_ns[row];
				y[row] = v->kind == RS_NUM ? v->n * factor : NAN;
				if (x[row] > *x_end)
					*x_end = x[row];
			}
			l->n = s->nrows;
			l->x = x;
			l->y = y;
			return true;
		}
	return false;
}

static const char *const colors[MAX_OVERLAY] = {
	"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
	"#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939",
};

static void overlay(const struct sweep_table *t, const char *target,
		    const char *first, struct strbuf *out)
{
	struct svg_line lines[MAX_OVERLAY];
	struct svg_plot p = { .title = target, .lines = lines };
	size_t pick[MAX_OVERLAY], npick = pick_runs(t, first, pick), i;
	struct strbuf title = STRBUF_INIT;
	struct col_class c;

	if (first) {
		sb_printf(&title, "%s, %s=%s", target, t->axes[0].name, first);
		p.title = title.buf;
	}
	plot_classify(target, &c);
	p.unit = plot_unit(c.kind);
	for (i = 0; i < npick; i++) {
		struct svg_line *l = &lines[p.nlines];

		memset(l, 0, sizeof(*l));
		if (!run_line(t->runs[pick[i]], target, c.factor, l, &p.x_end))
			continue;
		l->label = run_label(t, t->runs[pick[i]]);
		l->color = colors[p.nlines];
		p.nlines++;
	}
	for (i = 0; i < npick; i++)
		if (t->runs[pick[i]]->end_ns > p.x_end)
			p.x_end = (double)t->runs[pick[i]]->end_ns;
	if (p.nlines)
		svg_plot(&p, out);
	for (i = 0; i < p.nlines; i++) {
		free((char *)lines[i].label);
		free((double *)lines[i].x);
		free((double *)lines[i].y);
	}
	sb_release(&title);
}

/* One plot of @target, or one per value of the first axis when many. */
static void target_plots(const struct sweep_table *t, const char *target,
			 struct strbuf *out)
{
	size_t v;

	if (t->nruns <= MAX_OVERLAY || t->naxes < 2) {
		overlay(t, target, NULL, out);
		return;
	}
	for (v = 0; v < t->axes[0].nvalues; v++)
		overlay(t, target, t->axes[0].values[v], out);
}

/* Every recorded target but limits and event counters, in first order. */
static void plots(const struct sweep_table *t, struct strbuf *out)
{
	struct strbuf seen = STRBUF_INIT;
	struct col_class cls;
	size_t k, r, c;

	sb_puts(out, "<h2 id=\"plots\">Recorded series, one line per run</h2>\n");
	if (t->nruns > MAX_OVERLAY && t->naxes >= 2)
		sb_puts(out, "<p>One plot per value of the first axis.</p>\n");
	sb_puts(&seen, "\n");
	for (k = 0; k < t->nruns; k++) {
		const struct results *run = t->runs[k];

		for (r = 0; r < run->nseries; r++)
			for (c = 0; c < run->series[r]->ncols; c++) {
				const char *target = run->series[r]->targets[c];
				struct strbuf key = STRBUF_INIT;

				sb_printf(&key, "\n%s\n", target);
				plot_classify(target, &cls);
				if (!strstr(seen.buf, key.buf) && cls.kind != COL_LIMIT &&
				    cls.kind != COL_SWAP_LIMIT && cls.kind != COL_EVENT) {
					target_plots(t, target, out);
					sb_puts(&seen, key.buf + 1);
				}
				sb_release(&key);
			}
	}
	if (!strcmp(seen.buf, "\n"))
		sb_puts(out, "<p>The scenario records nothing: a <code>record</code> "
			"statement samples files for these plots.</p>\n");
	sb_release(&seen);
}

void sweep_html_report(const struct sweep_table *t, struct strbuf *out)
{
	struct strbuf title = STRBUF_INIT;
	const struct results *r0 = t->nruns ? t->runs[0] : NULL;

	sb_printf(&title, "memcglab sweep: %s",
		  r0 && r0->hdr.scenario ? r0->hdr.scenario : "");
	html_begin(out, title.buf);
	sb_release(&title);
	if (r0) {
		params(t, out);
		table(t, out);
		summaries(t, out);
		plots(t, out);
	}
	html_end(out, r0 ? r0->hdr.version : NULL);
}
