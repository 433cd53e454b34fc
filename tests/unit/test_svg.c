// SPDX-License-Identifier: GPL-2.0
/*
 * The SVG plot writer (report/svg.c): round ticks, tick labels, escaping,
 * gaps, steps, and the per-pixel reduction that keeps a one-sample spike
 * among 100000 samples.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/svg.h"
#include "tap.h"

#define MiB	(1024.0 * 1024)

static void check_ticks(double hi, enum svg_unit unit, int max,
			const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	double t[16];
	char label[32];
	int n = svg_ticks(hi, unit, max, t), i;

	for (i = 0; i < n; i++) {
		svg_format(t[i], unit, label, sizeof(label));
		sb_printf(&sb, "%s%s", i ? " " : "", label);
	}
	is_str(sb.buf, want, "ticks up to %g (unit %d)", hi, unit);
	sb_release(&sb);
}

static void check_format(double v, enum svg_unit unit, const char *want)
{
	char buf[32];

	svg_format(v, unit, buf, sizeof(buf));
	is_str(buf, want, "%g shown as %s", v, want);
}

static void check_time(double ns, const char *want)
{
	char buf[32];

	svg_format_time(ns, buf, sizeof(buf));
	is_str(buf, want, "%g ns shown as %s", ns, want);
}

static void check_labels(void)
{
	/* 300M / 5 = 60M a step: the next 1-2-5 value is 100M */
	check_ticks(300 * MiB, SVG_BYTES, 5, "0 100M 200M 300M");
	/* 30M: step 10M; the axis ends at the first tick above */
	check_ticks(31 * MiB, SVG_BYTES, 5, "0 10M 20M 30M 40M");
	check_ticks(1.5 * 1024 * MiB, SVG_BYTES, 5, "0 512M 1G 1.5G");
	check_ticks(0, SVG_COUNT, 5, "0 0.2 0.4 0.6 0.8 1");
	/* 2500 / 5 = 500 a step: at most max + 1 = 6 ticks */
	check_ticks(2500, SVG_COUNT, 5, "0 500 1K 1.5K 2K 2.5K");
	check_ticks(7, SVG_PERCENT, 5, "0% 2% 4% 6% 8%");
	check_format(64 * MiB, SVG_BYTES, "64M");
	check_format(1536 * MiB, SVG_BYTES, "1.5G");
	check_format(4096, SVG_BYTES, "4K");
	check_format(1000, SVG_BYTES, "1000");
	check_format(1234567, SVG_COUNT, "1.23M");
	check_format(12.5, SVG_PERCENT, "12.5%");
	check_format(2500, SVG_USEC, "2.5ms");
	check_time(0, "0");
	check_time(500, "500ns");
	check_time(250e3, "250us");
	check_time(1.5e6, "1.5ms");
	check_time(2e9, "2s");
}

static void check_escape(void)
{
	struct strbuf sb = STRBUF_INIT;

	const char *in = "<a & \"b\" 'c'>\x01\xff\n\xc3\xa9";

	xml_escape(&sb, in, strlen(in));
	is_str(sb.buf, "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;"
		       "\xef\xbf\xbd\xef\xbf\xbd\n\xc3\xa9",
	       "markup escaped, control bytes and non-UTF-8 replaced, é kept");
	sb_release(&sb);
}

/* The points of the first polyline, as numbers. */
static int polyline_points(const char *svg, double *ys, int max)
{
	const char *p = strstr(svg, "points=\"");
	int n = 0;

	if (!p)
		return 0;
	for (p += 8; *p && *p != '"' && n < max;) {
		double x, y;
		int used;

		if (sscanf(p, "%lf,%lf %n", &x, &y, &used) != 2)
			break;
		ys[n++] = y;
		p += used;
	}
	return n;
}

static void check_plot(void)
{
	enum { N = 100000 };
	double *x = malloc(N * sizeof(double)), *y = malloc(N * sizeof(double));
	double lim_x[] = { 0, 5e8 }, lim_y[] = { 50 * MiB, 80 * MiB };
	double *ys = malloc(4 * N * sizeof(double)), lowest = 1e9;
	struct svg_line lines[2] = {
		{ .label = "memory.current", .color = "#1f77b4", .n = N, .x = x, .y = y },
		{ .label = "memory.max", .color = "#d62728", .dashed = true,
		  .step = true, .n = 2, .x = lim_x, .y = lim_y },
	};
	struct svg_marker mk = { .x = 3e8, .label = "oom_kill <p1>", .color = "red" };
	struct svg_plot p = { .title = "A: memory", .unit = SVG_BYTES,
			      .x_end = 1e9, .lines = lines, .nlines = 2,
			      .markers = &mk, .nmarkers = 1 };
	struct strbuf sb = STRBUF_INIT;
	int i, n;

	for (i = 0; i < N; i++) {
		x[i] = i * 1e4;
		y[i] = i == 77777 ? 60 * MiB : 10 * MiB;	/* one spike */
	}
	y[500] = NAN;			/* a gap splits the line */
	svg_plot(&p, &sb);
	ok(!strncmp(sb.buf, "<svg ", 5) && strstr(sb.buf, "</svg>\n"),
	   "one <svg> element");
	is_long(count_str(sb.buf, "<polyline"), 3, "three polylines: a gap splits the line");
	n = polyline_points(strstr(sb.buf, "points=\"") + 1, ys, 4 * N);
	ok(n > 0 && n <= 4 * 486, "the second piece has at most 4 points a pixel (%d)", n);
	for (i = 0; i < n; i++)
		lowest = ys[i] < lowest ? ys[i] : lowest;
	ok(lowest < 170, "the one-sample spike is kept (top y %.1f)", lowest);
	ok(strstr(sb.buf, "class=\"line limit\"") != NULL, "the limit is dashed");
	ok(strstr(sb.buf, "oom_kill &lt;p1&gt;") != NULL, "the marker's label, escaped");
	ok(strstr(sb.buf, ">80M<") != NULL, "the y axis reaches the limit's 80M");
	ok(strstr(sb.buf, ">1s<") != NULL, "the x axis ends at 1s");
	sb_release(&sb);
	free(x);
	free(y);
	free(ys);
}

/* A step line holds each value until the next sample. */
static void check_step(void)
{
	double x[] = { 0, 5e8 }, y[] = { 10, 20 }, ys[8];
	struct svg_line l = { .label = "l", .color = "red", .step = true,
			      .n = 2, .x = x, .y = y };
	struct svg_plot p = { .title = "t", .unit = SVG_COUNT, .x_end = 1e9,
			      .lines = &l, .nlines = 1 };
	struct strbuf sb = STRBUF_INIT;
	int n;

	svg_plot(&p, &sb);
	n = polyline_points(sb.buf, ys, 8);
	is_long(n, 3, "a step from 10 to 20 is three points");
	ok(n == 3 && ys[0] == ys[1] && ys[2] < ys[1], "flat, then up");
	sb_release(&sb);
}

/* Long legend labels: a file keeps its tail, an event's text its start. */
static void check_legend(void)
{
	double x[] = { 0, 1e9 }, y[] = { 1, 2 };
	struct svg_line l = { .label = "A/very/deep/cgroup/path/memory.current",
			      .color = "red", .n = 2, .x = x, .y = y };
	struct svg_marker m = { .x = 5e8, .color = "blue",
				.label = "echo the service warms up; requests follow" };
	struct svg_plot p = { .title = "t", .unit = SVG_COUNT, .x_end = 1e9,
			      .lines = &l, .nlines = 1, .markers = &m, .nmarkers = 1 };
	struct strbuf sb = STRBUF_INIT;

	svg_plot(&p, &sb);
	ok(strstr(sb.buf, ">\xe2\x80\xa6" "ep/cgroup/path/memory.current<") != NULL,
	   "a long file name keeps its last 29 characters");
	ok(strstr(sb.buf, ">echo the service warms up; re\xe2\x80\xa6<") != NULL,
	   "a long event text keeps its first 29");
	sb_release(&sb);
}

int main(void)
{
	check_labels();
	check_escape();
	check_plot();
	check_step();
	check_legend();
	return done_testing();
}
