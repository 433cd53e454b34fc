// SPDX-License-Identifier: GPL-2.0
/*
 * Recorded series to panels of SVG plots (see plots.h).  The classes follow
 * the files' units in Linux 6.12: memory.stat's sizes are bytes and its
 * event counts are counts (memcg_stat_items and memcg_vm_event_stat in
 * mm/memcontrol.c), /proc/meminfo is in kB, /proc/vmstat's nr_* are pages,
 * PSI's avg fields are percentages and total is microseconds.
 */
#define _GNU_SOURCE		/* asprintf */
#include "plots.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- classes ---- */

static const struct {
	const char *file;
	enum col_kind kind;
} files[] = {
	{ "memory.current", COL_USAGE },
	{ "memory.peak", COL_USAGE },
	{ "memory.max", COL_LIMIT },
	{ "memory.high", COL_LIMIT },
	{ "memory.low", COL_LIMIT },
	{ "memory.min", COL_LIMIT },
	{ "memory.swap.current", COL_SWAP },
	{ "memory.swap.peak", COL_SWAP },
	{ "memory.zswap.current", COL_SWAP },
	{ "memory.swap.max", COL_SWAP_LIMIT },
	{ "memory.swap.high", COL_SWAP_LIMIT },
	{ "memory.zswap.max", COL_SWAP_LIMIT },
	{ "memory.events", COL_EVENT },
	{ "memory.events.local", COL_EVENT },
	{ "memory.swap.events", COL_EVENT },
};

/* memory.stat keys that are sizes in bytes (the rest count events) */
static const char *const stat_bytes[] = {
	"anon", "file", "kernel", "kernel_stack", "pagetables",
	"sec_pagetables", "percpu", "sock", "vmalloc", "shmem", "file_mapped",
	"file_dirty", "file_writeback", "anon_thp", "file_thp", "shmem_thp",
	"inactive_anon", "active_anon", "inactive_file", "active_file",
	"unevictable", "slab_reclaimable", "slab_unreclaimable", "slab",
};
static const char *const stat_swap[] = { "zswap", "zswapped", "swapcached" };

static bool in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

static void classify_stat(const char *key, struct col_class *c)
{
	if (in_list(key, stat_swap, ARRAY_SIZE(stat_swap)))
		c->kind = COL_SWAP;
	else if (in_list(key, stat_bytes, ARRAY_SIZE(stat_bytes)))
		c->kind = COL_USAGE;
}

static void classify_system(const char *file, const char *key,
			    struct col_class *c)
{
	snprintf(c->group, sizeof(c->group), "system");
	if (!strcmp(file, "/proc/meminfo") && key) {
		c->factor = 1024;
		c->kind = strncmp(key, "Swap", 4) ? COL_USAGE : COL_SWAP;
	} else if (!strcmp(file, "/proc/vmstat") && key &&
		   !strncmp(key, "nr_", 3)) {
		c->factor = 4096;
		c->kind = COL_USAGE;
	} else if (!strcmp(file, "/sys/kernel/debug/zswap/stored_pages")) {
		c->factor = 4096;
		c->kind = COL_SWAP;
	} else if (!strcmp(file, "/sys/kernel/debug/zswap/pool_total_size")) {
		c->kind = COL_SWAP;
	}
}

static void classify_psi(const char *key, struct col_class *c)
{
	const char *field = key ? strchr(key, '.') : NULL;

	if (field && !strncmp(field + 1, "avg", 3))
		c->kind = COL_PSI_AVG;
	else if (field && !strcmp(field + 1, "total"))
		c->kind = COL_PSI_TOTAL;
}

/* Split "A/B/memory.stat:anon" into group "A/B", file and key. */
static void split_target(const char *target, struct col_class *c, char *file,
			 size_t size, const char **key)
{
	const char *t = target, *slash, *colon;

	if (!strncmp(t, "/sys/fs/cgroup/", 15))
		t += 15;
	slash = strrchr(t, '/');
	colon = strchr(slash ? slash : t, ':');
	*key = colon ? colon + 1 : NULL;
	snprintf(file, size, "%.*s", (int)(colon ? colon - t : (int)strlen(t)), t);
	if (!slash)
		snprintf(c->group, sizeof(c->group), "/");
	else
		snprintf(c->group, sizeof(c->group), "%.*s", (int)(slash - t), t);
	c->name = slash ? slash + 1 : t;
}

void plot_classify(const char *target, struct col_class *c)
{
	const char *key, *base;
	char file[256];
	size_t i;

	c->kind = COL_COUNT;
	c->factor = 1;
	split_target(target, c, file, sizeof(file), &key);
	if (target[0] == '/' && strncmp(target, "/sys/fs/cgroup/", 15)) {
		classify_system(file, key, c);
		c->name = target;
		return;
	}
	base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	if (!strcmp(base, "memory.stat") && key)
		classify_stat(key, c);
	else if (!strcmp(base, "memory.pressure"))
		classify_psi(key, c);
	for (i = 0; i < ARRAY_SIZE(files); i++)
		if (!strcmp(base, files[i].file))
			c->kind = files[i].kind;
}

/* ---- panels ---- */

enum panel_kind { P_MEMORY, P_SWAP, P_PSI_AVG, P_PSI_TOTAL, P_COUNT };

static const struct {
	const char *title;
	enum svg_unit unit;
} panel_info[] = {
	[P_MEMORY] = { "memory", SVG_BYTES },
	[P_SWAP] = { "swap and zswap", SVG_BYTES },
	[P_PSI_AVG] = { "memory pressure (PSI averages)", SVG_PERCENT },
	[P_PSI_TOTAL] = { "memory pressure (PSI stall time)", SVG_USEC },
	[P_COUNT] = { "counters", SVG_COUNT },
};

static enum panel_kind panel_of(enum col_kind k)
{
	switch (k) {
	case COL_USAGE:
	case COL_LIMIT:
		return P_MEMORY;
	case COL_SWAP:
	case COL_SWAP_LIMIT:
		return P_SWAP;
	case COL_PSI_AVG:
		return P_PSI_AVG;
	case COL_PSI_TOTAL:
		return P_PSI_TOTAL;
	default:
		return P_COUNT;
	}
}

enum svg_unit plot_unit(enum col_kind kind)
{
	return panel_info[panel_of(kind)].unit;
}

static const char *const palette[] = {
	"#1f77b4", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
	"#17becf", "#2ca02c", "#ff7f0e", "#d62728",
};

/* Limits keep one colour each, whatever panel they are on. */
static const char *limit_color(const char *name)
{
	if (strstr(name, "zswap"))
		return "#9467bd";
	if (strstr(name, ".max"))
		return "#d62728";
	if (strstr(name, ".high"))
		return "#ff7f0e";
	if (strstr(name, ".low"))
		return "#2ca02c";
	return "#17becf";
}

struct panel {
	char group[256];
	size_t gidx;		/* the group's order of appearance */
	enum panel_kind kind;
	struct svg_line *lines;
	size_t nlines;
};

struct marker {
	struct svg_marker m;
	char group[256];	/* "" for every panel */
};

struct builder {
	struct panel *panels;
	size_t npanels;
	struct marker *markers;
	size_t nmarkers;
	char (*groups)[256];
	size_t ngroups;
	void **owned;		/* freed with the builder */
	size_t nowned;
};

static void *own(struct builder *b, void *p)
{
	if (!p)
		abort();
	b->owned = realloc(b->owned, (b->nowned + 1) * sizeof(void *));
	if (!b->owned)
		abort();
	b->owned[b->nowned++] = p;
	return p;
}

static size_t group_index(struct builder *b, const char *group)
{
	size_t i;

	for (i = 0; i < b->ngroups; i++)
		if (!strcmp(b->groups[i], group))
			return i;
	b->groups = realloc(b->groups, (b->ngroups + 1) * sizeof(*b->groups));
	if (!b->groups)
		abort();
	snprintf(b->groups[b->ngroups], sizeof(b->groups[0]), "%s", group);
	return b->ngroups++;
}

static struct panel *panel_get(struct builder *b, const char *group,
			       enum panel_kind kind, bool create)
{
	struct panel *p;
	size_t i;

	for (i = 0; i < b->npanels; i++)
		if (b->panels[i].kind == kind && !strcmp(b->panels[i].group, group))
			return &b->panels[i];
	if (!create)
		return NULL;
	b->panels = realloc(b->panels, (b->npanels + 1) * sizeof(*b->panels));
	if (!b->panels)
		abort();
	p = &b->panels[b->npanels++];
	memset(p, 0, sizeof(*p));
	snprintf(p->group, sizeof(p->group), "%s", group);
	p->gidx = group_index(b, group);
	p->kind = kind;
	return p;
}

static bool group_has_panel(struct builder *b, const char *group)
{
	size_t i;

	for (i = 0; i < b->npanels; i++)
		if (!strcmp(b->panels[i].group, group))
			return true;
	return false;
}

static double *series_x(struct builder *b, const struct rs_series *s)
{
	double *x = own(b, calloc(s->nrows + 1, sizeof(double)));
	size_t i;

	for (i = 0; i < s->nrows; i++)
		x[i] = (double)s->time_ns[i];
	return x;
}

static double value_of(const struct rs_value *v, double factor)
{
	return v->kind == RS_NUM ? (double)v->n * factor : NAN;
}

static void add_line(struct builder *b, const struct rs_series *s, size_t col,
		     const struct col_class *c, const double *x)
{
	struct panel *p = panel_get(b, c->group, panel_of(c->kind), true);
	double *y = own(b, calloc(s->nrows + 1, sizeof(double)));
	bool limit = c->kind == COL_LIMIT || c->kind == COL_SWAP_LIMIT;
	struct svg_line *l;
	size_t i;

	for (i = 0; i < s->nrows; i++)
		y[i] = value_of(series_at(s, i, col), c->factor);
	p->lines = realloc(p->lines, (p->nlines + 1) * sizeof(*p->lines));
	if (!p->lines)
		abort();
	l = &p->lines[p->nlines];
	*l = (struct svg_line){
		.label = c->name,
		.color = limit ? limit_color(c->name) :
			 palette[p->nlines % ARRAY_SIZE(palette)],
		.dashed = limit, .step = limit,
		.n = s->nrows, .x = x, .y = y,
	};
	p->nlines++;
}

static void add_marker(struct builder *b, double x, const char *label,
		       const char *color, const char *group)
{
	struct marker *m;

	b->markers = realloc(b->markers, (b->nmarkers + 1) * sizeof(*b->markers));
	if (!b->markers)
		abort();
	m = &b->markers[b->nmarkers++];
	m->m = (struct svg_marker){ .x = x, .label = label, .color = color };
	snprintf(m->group, sizeof(m->group), "%s", group);
}

#define MARKERS_PER_COLUMN	200

/* An event counter: a marker wherever it grew (from 0 before the first). */
static void add_counter_markers(struct builder *b, const struct rs_series *s,
				size_t col, const struct col_class *c)
{
	const char *color = strstr(c->name, "oom") ? "#d62728" :
			    strstr(c->name, ":max") ? "#ff7f0e" : "#8c564b";
	s64 prev = 0;
	size_t i, n = 0;

	for (i = 0; i < s->nrows && n < MARKERS_PER_COLUMN; i++) {
		const struct rs_value *v = series_at(s, i, col);

		if (v->kind != RS_NUM)
			continue;
		if (v->n > prev) {
			add_marker(b, (double)s->time_ns[i], c->name, color,
				   c->group);
			n++;
		}
		prev = v->n;
	}
}

static void add_series(struct builder *b, const struct rs_series *s, bool events)
{
	const double *x = series_x(b, s);
	struct col_class c;
	size_t col;

	for (col = 0; col < s->ncols; col++) {
		plot_classify(s->targets[col], &c);
		if ((c.kind == COL_EVENT) != events)
			continue;
		if (!events)
			add_line(b, s, col, &c, x);
		else if (group_has_panel(b, c.group))
			add_counter_markers(b, s, col, &c);
		else
			add_line(b, s, col, &c, x);	/* plotted as a count */
	}
}

static const char *event_color(const char *kind)
{
	if (!strcmp(kind, "oom_kill"))
		return "#d62728";
	if (!strcmp(kind, "killed"))
		return "#8b0000";
	if (!strcmp(kind, "echo"))
		return "#1f77b4";
	return "#555555";
}

static void add_run_events(struct builder *b, const struct results *r)
{
	size_t i;

	for (i = 0; i < r->nevents; i++) {
		const struct rs_event *ev = &r->events[i];
		char *label;

		if (asprintf(&label, "%s%s%s", ev->kind,
			     ev->process || ev->text ? " " : "",
			     ev->process ? ev->process : ev->text ? ev->text : "") < 0)
			abort();
		add_marker(b, (double)ev->time_ns, own(b, label),
			   event_color(ev->kind), "");
	}
}

/* ---- rendering ---- */

static int cmp_panel(const void *a, const void *b)
{
	const struct panel *p = a, *q = b;

	if (p->gidx != q->gidx)
		return p->gidx < q->gidx ? -1 : 1;
	return (int)p->kind - (int)q->kind;
}

static double end_time(const struct results *r)
{
	double end = (double)r->end_ns;
	size_t i;

	for (i = 0; i < r->nseries; i++) {
		const struct rs_series *s = r->series[i];

		if (s->nrows && (double)s->time_ns[s->nrows - 1] > end)
			end = (double)s->time_ns[s->nrows - 1];
	}
	return end;
}

static void render_panel(struct builder *b, const struct panel *p,
			 double x_end, struct strbuf *out)
{
	struct svg_marker *m = calloc(b->nmarkers + 1, sizeof(*m));
	struct svg_plot plot = {
		.unit = panel_info[p->kind].unit, .x_end = x_end,
		.lines = p->lines, .nlines = p->nlines, .markers = m,
	};
	char *title;
	size_t i;

	if (!m)
		abort();
	for (i = 0; i < b->nmarkers; i++)
		if (!b->markers[i].group[0] ||
		    !strcmp(b->markers[i].group, p->group))
			m[plot.nmarkers++] = b->markers[i].m;
	if (asprintf(&title, "%s: %s", !strcmp(p->group, "/") ? "root cgroup" :
		     p->group, panel_info[p->kind].title) < 0)
		abort();
	plot.title = title;
	svg_plot(&plot, out);
	free(title);
	free(m);
}

static void builder_free(struct builder *b)
{
	size_t i;

	for (i = 0; i < b->npanels; i++)
		free(b->panels[i].lines);
	free(b->panels);
	free(b->markers);
	free(b->groups);
	for (i = 0; i < b->nowned; i++)
		free(b->owned[i]);
	free(b->owned);
}

int plots_render(const struct results *r, struct strbuf *out)
{
	struct builder b = { .npanels = 0 };
	double x_end = end_time(r);
	size_t i;
	int n;

	for (i = 0; i < r->nseries; i++)
		add_series(&b, r->series[i], false);
	for (i = 0; i < r->nseries; i++)
		add_series(&b, r->series[i], true);
	add_run_events(&b, r);
	if (b.npanels)	/* qsort() may not be given NULL, even for none */
		qsort(b.panels, b.npanels, sizeof(*b.panels), cmp_panel);
	for (i = 0; i < b.npanels; i++)
		render_panel(&b, &b.panels[i], x_end, out);
	n = (int)b.npanels;
	builder_free(&b);
	return n;
}
