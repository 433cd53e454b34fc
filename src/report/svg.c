// SPDX-License-Identifier: GPL-2.0
/*
 * Line plots as SVG (see svg.h).  Values below zero are drawn at zero
 * (every series the model records is a size, a count or a time); a line
 * with more samples than the plot has pixels keeps, per pixel column, its
 * first, lowest, highest and last value, so spikes stay visible.
 */
#include "svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lib/utf8.h"

#define DEF_WIDTH	760
#define DEF_HEIGHT	280
#define MARGIN_LEFT	64
#define MARGIN_RIGHT	210
#define MARGIN_TOP	28
#define MARGIN_BOTTOM	36
#define LEGEND_ROW	16
#define LABEL_MAX	30	/* legend characters before an ellipsis */

/* ---- text ---- */

static const char *entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	}
	return NULL;
}

void xml_escape(struct strbuf *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n = utf8_len((const unsigned char *)s + i, len - i);

		if (entity(c))
			sb_puts(out, entity(c));
		else if (!n || (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
			sb_puts(out, UTF8_REPLACEMENT);
		else
			sb_add(out, s + i, n);
		i += n ? n : 1;
	}
}

void xml_puts(struct strbuf *out, const char *s)
{
	xml_escape(out, s, strlen(s));
}

/* ---- scales and labels ---- */

/* The unit's scale for values up to @hi: 1, K, M, ... */
static double unit_scale(double hi, enum svg_unit unit)
{
	double base = unit == SVG_BYTES ? 1024 : 1000, s = 1;
	int k;

	if (unit == SVG_PERCENT)
		return 1;
	for (k = 0; k < 4 && hi >= s * base; k++)
		s *= base;
	return s;
}

/* 1, 2 or 5 times a power of ten, at least @x. */
static double nice(double x)
{
	double m = pow(10, floor(log10(x))), f = x / m;

	if (f <= 1)
		return m;
	if (f <= 2)
		return 2 * m;
	if (f <= 5)
		return 5 * m;
	return 10 * m;
}

int svg_ticks(double hi, enum svg_unit unit, int max, double *ticks)
{
	double scale, step;
	int n = 0;

	if (!(hi > 0))
		hi = 1;
	scale = unit_scale(hi, unit);
	step = nice(hi / scale / max) * scale;
	do {
		ticks[n] = n * step;
	} while (ticks[n++] < hi * (1 - 1e-12) && n <= max);
	return n;
}

/* @v / @scale with at most two decimals, trailing zeros dropped. */
static void scaled(double v, double scale, const char *suffix, char *buf,
		   size_t size)
{
	char *dot;

	snprintf(buf, size, "%.2f", v / scale);
	dot = strchr(buf, '.');
	if (dot) {
		char *end = buf + strlen(buf);

		while (end > dot + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == dot + 1)
			*dot = '\0';
	}
	strncat(buf, suffix, size - strlen(buf) - 1);
}

void svg_format(double v, enum svg_unit unit, char *buf, size_t size)
{
	static const char *const bytes[] = { "", "K", "M", "G", "T" };
	static const char *const count[] = { "", "K", "M", "G", "T" };
	double base = unit == SVG_BYTES ? 1024 : 1000, s = 1;
	int k = 0;

	if (unit == SVG_PERCENT) {
		scaled(v, 1, "%", buf, size);
		return;
	}
	if (unit == SVG_USEC) {
		svg_format_time(v * 1000, buf, size);
		return;
	}
	while (k < 4 && fabs(v) >= s * base) {
		s *= base;
		k++;
	}
	scaled(v, s, unit == SVG_BYTES ? bytes[k] : count[k], buf, size);
}

void svg_format_time(double ns, char *buf, size_t size)
{
	if (ns == 0)
		snprintf(buf, size, "0");
	else if (ns < 1e3)
		scaled(ns, 1, "ns", buf, size);
	else if (ns < 1e6)
		scaled(ns, 1e3, "us", buf, size);
	else if (ns < 1e9)
		scaled(ns, 1e6, "ms", buf, size);
	else
		scaled(ns, 1e9, "s", buf, size);
}

/* ---- geometry ---- */

struct frame {
	double x0, y0, w, h;	/* the plot area, pixels */
	double x_end, y_max;	/* the data ranges it shows */
};

static double px(const struct frame *f, double x)
{
	return f->x0 + (f->x_end > 0 ? x / f->x_end : 0) * f->w;
}

static double py(const struct frame *f, double y)
{
	if (y < 0)
		y = 0;
	return f->y0 + f->h - y / f->y_max * f->h;
}

static double data_max(const struct svg_plot *p)
{
	double hi = 0;
	size_t l, i;

	for (l = 0; l < p->nlines; l++)
		for (i = 0; i < p->lines[l].n; i++)
			if (!isnan(p->lines[l].y[i]) && p->lines[l].y[i] > hi)
				hi = p->lines[l].y[i];
	return hi;
}

/* ---- drawing ---- */

static void axes(const struct svg_plot *p, const struct frame *f,
		 struct strbuf *out)
{
	double ticks[16];
	char label[32];
	int n, i;

	n = svg_ticks(f->y_max, p->unit, 5, ticks);
	for (i = 0; i < n; i++) {
		double y = py(f, ticks[i]);

		svg_format(ticks[i], p->unit, label, sizeof(label));
		sb_printf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
			  "<text class=\"yl\" x=\"%.1f\" y=\"%.1f\">%s</text>\n",
			  f->x0, y, f->x0 + f->w, y, f->x0 - 6, y + 4, label);
	}
	n = svg_ticks(f->x_end, SVG_COUNT, 6, ticks);
	for (i = 0; i < n; i++) {
		double x = px(f, ticks[i]);

		svg_format_time(ticks[i], label, sizeof(label));
		sb_printf(out, "<line class=\"tick\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
			  "<text class=\"xl\" x=\"%.1f\" y=\"%.1f\">%s</text>\n",
			  x, f->y0 + f->h, x, f->y0 + f->h + 4, x,
			  f->y0 + f->h + 16, label);
	}
	sb_printf(out, "<rect class=\"frame\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
		  f->x0, f->y0, f->w, f->h);
	sb_printf(out, "<text class=\"xl\" x=\"%.1f\" y=\"%.1f\">virtual time</text>\n",
		  f->x0 + f->w / 2, f->y0 + f->h + 31);
}

struct pen {
	struct strbuf *out;
	const struct svg_line *line;
	bool open;		/* a <polyline> is being written */
	double last_y;		/* for steps */
};

static void pen_point(struct pen *pen, double x, double y)
{
	if (!pen->open) {
		sb_printf(pen->out, "<polyline class=\"line%s\" stroke=\"%s\" points=\"",
			  pen->line->dashed ? " limit" : "", pen->line->color);
		pen->open = true;
	} else if (pen->line->step && y != pen->last_y) {
		sb_printf(pen->out, "%.1f,%.1f ", x, pen->last_y);
	}
	sb_printf(pen->out, "%.1f,%.1f ", x, y);
	pen->last_y = y;
}

static void pen_lift(struct pen *pen)
{
	if (pen->open)
		sb_puts(pen->out, "\"/>\n");
	pen->open = false;
}

/* One pixel column's samples: first, lowest, highest, last. */
struct column {
	double x, first, lo, hi, last;
	bool any;
};

static void column_flush(struct pen *pen, struct column *c)
{
	if (!c->any)
		return;
	pen_point(pen, c->x, c->first);
	if (c->lo != c->first)
		pen_point(pen, c->x, c->lo);
	if (c->hi != c->lo)
		pen_point(pen, c->x, c->hi);
	if (c->last != c->hi)
		pen_point(pen, c->x, c->last);
	c->any = false;
}

static void draw_line(const struct svg_line *l, const struct frame *f,
		      struct strbuf *out)
{
	struct pen pen = { .out = out, .line = l };
	struct column c = { .any = false };
	size_t i;

	for (i = 0; i < l->n; i++) {
		double x = round(px(f, l->x[i])), y;	/* a pixel column */

		if (isnan(l->y[i])) {
			column_flush(&pen, &c);
			pen_lift(&pen);
			continue;
		}
		y = py(f, l->y[i]);
		if (c.any && x != c.x)
			column_flush(&pen, &c);
		if (!c.any) {
			c = (struct column){ x, y, y, y, y, true };
			continue;
		}
		c.lo = y > c.lo ? y : c.lo;	/* pixels grow downwards */
		c.hi = y < c.hi ? y : c.hi;
		c.last = y;
	}
	column_flush(&pen, &c);
	pen_lift(&pen);
}

static void draw_markers(const struct svg_plot *p, const struct frame *f,
			 struct strbuf *out)
{
	size_t i;

	for (i = 0; i < p->nmarkers; i++) {
		const struct svg_marker *m = &p->markers[i];
		double x = px(f, m->x);
		char t[32];

		svg_format_time(m->x, t, sizeof(t));
		sb_printf(out, "<g class=\"marker\"><title>%s: ", t);
		xml_puts(out, m->label);
		sb_printf(out, "</title><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
			  "<path d=\"M%.1f,%.1f l-4,-7 h8 z\" fill=\"%s\"/></g>\n",
			  x, f->y0, x, f->y0 + f->h, m->color, x, f->y0, m->color);
	}
}

/* The bytes of at most @max whole UTF-8 characters at the start of @s. */
static size_t utf8_prefix(const char *s, size_t max)
{
	size_t i = 0, n;

	while (s[i] && max--) {
		n = utf8_len((const unsigned char *)s + i, strlen(s + i));
		i += n ? n : 1;
	}
	return i;
}

static void legend_entry(struct strbuf *out, double x, double y,
			 const char *label, const char *color, bool dashed,
			 bool marker)
{
	size_t len = strlen(label);

	sb_printf(out, "<g class=\"key\"><title>");
	xml_puts(out, label);
	if (marker)
		sb_printf(out, "</title><path d=\"M%.1f,%.1f l-4,-7 h8 z\" fill=\"%s\"/>",
			  x + 9, y + 3, color);
	else
		sb_printf(out, "</title><line class=\"line%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
			  dashed ? " limit" : "", x, y, x + 18, y, color);
	sb_printf(out, "<text x=\"%.1f\" y=\"%.1f\">", x + 24, y + 4);
	if (len <= LABEL_MAX) {
		xml_puts(out, label);
	} else if (marker) {	/* an event's text: its start */
		xml_escape(out, label, utf8_prefix(label, LABEL_MAX - 1));
		sb_puts(out, "\xe2\x80\xa6");
	} else {		/* a file's name: its tail */
		sb_puts(out, "\xe2\x80\xa6");
		xml_escape(out, label + len - (LABEL_MAX - 1), LABEL_MAX - 1);
	}
	sb_puts(out, "</text></g>\n");
}

static bool marker_seen(const struct svg_plot *p, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (!strcmp(p->markers[j].label, p->markers[i].label))
			return true;
	return false;
}

static int legend(const struct svg_plot *p, const struct frame *f,
		  struct strbuf *out)
{
	double x = f->x0 + f->w + 14, y = f->y0 + 6;
	size_t i;
	int rows = 0;

	for (i = 0; i < p->nlines; i++, rows++)
		legend_entry(out, x, y + rows * LEGEND_ROW, p->lines[i].label,
			     p->lines[i].color, p->lines[i].dashed, false);
	for (i = 0; i < p->nmarkers; i++) {
		if (marker_seen(p, i))
			continue;
		legend_entry(out, x, y + rows * LEGEND_ROW, p->markers[i].label,
			     p->markers[i].color, false, true);
		rows++;
	}
	return rows;
}

static size_t legend_rows(const struct svg_plot *p)
{
	size_t i, rows = p->nlines;

	for (i = 0; i < p->nmarkers; i++)
		rows += !marker_seen(p, i);
	return rows;
}

void svg_plot(const struct svg_plot *p, struct strbuf *out)
{
	int width = p->width ? p->width : DEF_WIDTH;
	int height = p->height ? p->height : DEF_HEIGHT;
	double ticks[16];
	struct frame f;
	size_t i;

	if (MARGIN_TOP + 12 + legend_rows(p) * LEGEND_ROW > (size_t)height)
		height = MARGIN_TOP + 12 + legend_rows(p) * LEGEND_ROW;
	f.x0 = MARGIN_LEFT;
	f.y0 = MARGIN_TOP;
	f.w = width - MARGIN_LEFT - MARGIN_RIGHT;
	f.h = height - MARGIN_TOP - MARGIN_BOTTOM;
	f.x_end = p->x_end > 0 ? p->x_end : 1;
	/* both axes end on a tick */
	f.x_end = ticks[svg_ticks(f.x_end, SVG_COUNT, 6, ticks) - 1];
	f.y_max = ticks[svg_ticks(data_max(p), p->unit, 5, ticks) - 1];
	sb_printf(out, "<svg class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n<text class=\"title\" x=\"%d\" y=\"18\">",
		  width, height, width, height, MARGIN_LEFT);
	xml_puts(out, p->title);
	sb_puts(out, "</text>\n");
	axes(p, &f, out);
	for (i = 0; i < p->nlines; i++)
		draw_line(&p->lines[i], &f, out);
	draw_markers(p, &f, out);
	legend(p, &f, out);
	sb_puts(out, "</svg>\n");
}
