/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small SVG line-plot writer for the HTML report: series over virtual
 * time with axes, ticks on round values, a legend, dashed step lines for
 * limits and vertical markers for events.  The output depends only on the
 * input (no fonts are measured, no clock is read), so a report is
 * byte-for-byte reproducible like every other output of memcglab.
 */
#ifndef MEMCGLAB_REPORT_SVG_H
#define MEMCGLAB_REPORT_SVG_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/strbuf.h"

/* How a y value is shown. */
enum svg_unit {
	SVG_BYTES,		/* 1024-based K, M, G, T */
	SVG_COUNT,		/* 1000-based K, M, G */
	SVG_PERCENT,
	SVG_USEC,		/* a duration in microseconds */
};

struct svg_line {
	const char *label;
	const char *color;	/* any CSS colour */
	bool dashed;		/* a limit */
	bool step;		/* holds its value until the next sample */
	size_t n;
	const double *x;	/* ns of virtual time, ascending */
	const double *y;	/* NAN: no value here (a gap) */
};

struct svg_marker {
	double x;		/* ns */
	const char *label;	/* shown on hover and in the legend */
	const char *color;
};

struct svg_plot {
	const char *title;
	enum svg_unit unit;
	int width, height;	/* pixels; 0: 760 x 280 */
	double x_end;		/* the x axis spans [0, x_end] ns */
	const struct svg_line *lines;
	size_t nlines;
	const struct svg_marker *markers;
	size_t nmarkers;
};

/* Append one <svg> element. */
void svg_plot(const struct svg_plot *p, struct strbuf *out);

/*
 * Ticks from 0 to the first at or above @hi, a step of 1, 2 or 5 times a
 * power of ten of the unit's scale (bytes: of K, M, G), at most @max + 1
 * of them (@max <= 14), written to @ticks.  Returns the count.
 */
int svg_ticks(double hi, enum svg_unit unit, int max, double *ticks);
/* A value as a tick label: "64M", "1.5G", "250", "12.5%"; time as "1.5s". */
void svg_format(double v, enum svg_unit unit, char *buf, size_t size);
void svg_format_time(double ns, char *buf, size_t size);

/*
 * Text for XML and HTML: & < > " ' escaped, control characters other
 * than tab and newline and bytes that are not UTF-8 shown as U+FFFD.
 */
void xml_escape(struct strbuf *out, const char *s, size_t len);
void xml_puts(struct strbuf *out, const char *s);

#endif
