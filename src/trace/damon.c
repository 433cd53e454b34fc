// SPDX-License-Identifier: GPL-2.0
/*
 * DAMON snapshots to `replay` lines (see damon.h for the mapping).
 *
 * The regions DAMON reports split and merge from one interval to the
 * next, but always within the address ranges it monitors.  Those ranges,
 * the union of every region of the target, become the trace's regions
 * (PREFIX0, PREFIX1, ... in address order), to be mapped by the replaying
 * process; a DAMON region is then a run of pages in one of them.
 */
#include "damon_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* A run of pages [lo, hi). */
struct range {
	u64 lo, hi;
};

/* A trace region: an address range, and the pages touched so far. */
struct area {
	u64 start, end;		/* bytes, page aligned */
	struct range *touched;	/* sorted, disjoint, not adjacent */
	size_t ntouched;
};

struct writer {
	const struct damon_opts *opts;
	struct strbuf *out;
	struct area *areas;
	size_t nareas;
	u64 base;		/* ns of the trace's time 0 */
};

static int cmp_region(const void *a, const void *b)
{
	const struct damon_region *p = a, *q = b;

	return p->start < q->start ? -1 : p->start > q->start;
}

/* The union of the target's regions, page aligned. */
static void build_areas(struct writer *w, const struct damon_record *rec,
			u64 target)
{
	struct damon_region *all = calloc(rec->nregions + 1, sizeof(*all));
	size_t i, j, n = 0;

	if (!all)
		abort();
	for (i = 0; i < rec->nsnaps; i++)
		for (j = 0; rec->snaps[i].target == target && j < rec->snaps[i].n; j++)
			all[n++] = rec->regions[rec->snaps[i].first + j];
	qsort(all, n, sizeof(*all), cmp_region);
	w->areas = calloc(n + 1, sizeof(*w->areas));
	if (!w->areas)
		abort();
	for (i = 0; i < n; i++) {
		struct area *a = w->nareas ? &w->areas[w->nareas - 1] : NULL;
		u64 lo = all[i].start & PAGE_MASK;
		u64 hi = ALIGN(all[i].end, PAGE_SIZE);

		if (a && lo <= a->end)
			a->end = hi > a->end ? hi : a->end;
		else
			w->areas[w->nareas++] = (struct area){ .start = lo, .end = hi };
	}
	free(all);
}

static void put_time(struct strbuf *out, u64 ns)
{
	if (ns % NSEC_PER_MSEC == 0)
		sb_printf(out, "%" PRIu64 "ms", (u64)(ns / NSEC_PER_MSEC));
	else if (ns % NSEC_PER_USEC == 0)
		sb_printf(out, "%" PRIu64 "us", (u64)(ns / NSEC_PER_USEC));
	else
		sb_printf(out, "%" PRIu64 "ns", ns);
}

static void put_op(struct writer *w, u64 t, bool write, size_t area,
		   u64 lo, u64 hi)
{
	put_time(w->out, t - w->base);
	sb_printf(w->out, " %c %s%zu %" PRIu64, write ? 'w' : 'r',
		  w->opts->prefix, area, lo);
	if (hi - lo > 1)
		sb_printf(w->out, "+%" PRIu64, hi - lo);
	sb_puts(w->out, "\n");
}

/* Mark [lo, hi) touched: merge it into the sorted set. */
static void mark_touched(struct area *a, u64 lo, u64 hi)
{
	size_t i = 0, j;

	while (i < a->ntouched && a->touched[i].hi < lo)
		i++;
	for (j = i; j < a->ntouched && a->touched[j].lo <= hi; j++) {
		lo = lo < a->touched[j].lo ? lo : a->touched[j].lo;
		hi = hi > a->touched[j].hi ? hi : a->touched[j].hi;
	}
	if (j == i) {		/* no overlap: insert */
		a->touched = realloc(a->touched, (a->ntouched + 1) * sizeof(*a->touched));
		if (!a->touched)
			abort();
		memmove(&a->touched[i + 1], &a->touched[i],
			(a->ntouched - i) * sizeof(*a->touched));
		a->ntouched++;
	} else {		/* replace touched[i..j) by one */
		memmove(&a->touched[i + 1], &a->touched[j],
			(a->ntouched - j) * sizeof(*a->touched));
		a->ntouched -= j - i - 1;
	}
	a->touched[i] = (struct range){ lo, hi };
}

/* Pages [lo, hi) of area @ai at @t: stores where new, loads where not. */
static void access_run(struct writer *w, u64 t, size_t ai, u64 lo, u64 hi)
{
	struct area *a = &w->areas[ai];
	u64 p = lo;
	size_t i;

	for (i = 0; i < a->ntouched && p < hi; i++) {
		const struct range *r = &a->touched[i];

		if (r->hi <= p)
			continue;
		if (r->lo >= hi)
			break;
		if (r->lo > p)
			put_op(w, t, true, ai, p, r->lo);
		put_op(w, t, false, ai, r->lo > p ? r->lo : p,
		       r->hi < hi ? r->hi : hi);
		p = r->hi;
	}
	if (p < hi)
		put_op(w, t, true, ai, p, hi);
	mark_touched(a, lo, hi);
}

static size_t area_of(const struct writer *w, u64 addr)
{
	size_t i;

	for (i = 0; i + 1 < w->nareas && w->areas[i].end <= addr; i++)
		;
	return i;
}

/* The accessed regions, one after another across the interval. */
static void write_snapshot(struct writer *w, const struct damon_record *rec,
			   const struct damon_snapshot *s)
{
	u64 span = s->t_end - s->t_start;
	size_t i, k = 0, accessed = 0;

	for (i = 0; i < s->n; i++)
		accessed += rec->regions[s->first + i].nr_accesses > 0;
	for (i = 0; i < s->n; i++) {
		const struct damon_region *r = &rec->regions[s->first + i];
		size_t ai = area_of(w, r->start);
		u64 base = w->areas[ai].start;

		if (!r->nr_accesses)
			continue;
		access_run(w, s->t_start + span * k++ / accessed, ai,
			   (r->start - base) >> PAGE_SHIFT,
			   (ALIGN(r->end, PAGE_SIZE) - base) >> PAGE_SHIFT);
	}
}

static void write_header(struct writer *w, const struct damon_record *rec,
			 u64 target, size_t nsnaps)
{
	size_t i;

	sb_printf(w->out, "# A replay trace (docs/scenario.md), converted by "
		  "`memcglab trace damon` from\n# DAMON's records in %s: target "
		  "%" PRIu64 ", %zu aggregation intervals.\n# The replaying "
		  "process maps these regions first:\n", rec->name, target,
		  nsnaps);
	for (i = 0; i < w->nareas; i++)
		sb_printf(w->out, "#   mmap %s%zu anon %" PRIu64 "K\t# 0x%" PRIx64
			  "-0x%" PRIx64 "\n", w->opts->prefix, i,
			  (w->areas[i].end - w->areas[i].start) / 1024,
			  w->areas[i].start, w->areas[i].end);
}

static void write_trace(struct writer *w, const struct damon_record *rec,
			u64 target)
{
	size_t i, n = 0;

	w->base = UINT64_MAX;
	for (i = 0; i < rec->nsnaps; i++) {
		if (rec->snaps[i].target != target)
			continue;
		n++;
		if (rec->snaps[i].t_start < w->base)
			w->base = rec->snaps[i].t_start;
	}
	build_areas(w, rec, target);
	write_header(w, rec, target, n);
	for (i = 0; i < rec->nsnaps; i++)
		if (rec->snaps[i].target == target)
			write_snapshot(w, rec, &rec->snaps[i]);
}

/* Snapshots must follow each other in time for a replay. */
static int check_order(struct damon_record *rec, u64 target)
{
	u64 last = 0;
	size_t i;

	for (i = 0; i < rec->nsnaps; i++) {
		const struct damon_snapshot *s = &rec->snaps[i];

		if (s->target != target)
			continue;
		if (s->t_start < last || s->t_end < s->t_start)
			return damon_error(rec, s->line, "this snapshot begins before "
					   "the one before it ends");
		last = s->t_end;
	}
	return 0;
}

static int pick_target(struct damon_record *rec, const struct damon_opts *o,
		       u64 *target)
{
	size_t i;

	*target = rec->snaps[0].target;
	if (!o->have_target)
		return 0;
	for (i = 0; i < rec->nsnaps; i++)
		if (rec->snaps[i].target == o->target) {
			*target = o->target;
			return 0;
		}
	return damon_error(rec, 0, "no target %" PRIu64 " in it", o->target);
}

int damon_to_trace(const char *text, size_t len, const char *name,
		   const struct damon_opts *opts, struct strbuf *out,
		   struct strbuf *err)
{
	struct damon_record rec = { .name = name, .err = err };
	struct writer w = { .opts = opts, .out = out };
	char *copy = malloc(len + 1);
	u64 target;
	size_t i;
	int ret;

	if (!copy)
		abort();
	memcpy(copy, text, len);
	copy[len] = '\0';
	if (memchr(text, '\0', len))
		ret = damon_error(&rec, 0, "a NUL byte: not a text file");
	else
		ret = damon_parse(&rec, copy);
	if (!ret)
		ret = pick_target(&rec, opts, &target);
	if (!ret)
		ret = check_order(&rec, target);
	if (!ret)
		write_trace(&w, &rec, target);
	for (i = 0; i < w.nareas; i++)
		free(w.areas[i].touched);
	free(w.areas);
	damon_record_release(&rec);
	free(copy);
	return ret;
}
