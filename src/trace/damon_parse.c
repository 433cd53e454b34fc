// SPDX-License-Identifier: GPL-2.0
/*
 * The two text forms of DAMON's records (see damon.h) into snapshots.
 *
 * perf script: each aggregation interval, kdamond_reset_aggregated() in
 * mm/damon/core.c traces every region of every target in address order,
 * "target_id=%lu nr_regions=%u %lu-%lu: %u %u" (target index, regions of
 * the target, start-end in bytes, nr_accesses, age).  So a snapshot is
 * nr_regions consecutive lines of one target, and it covers the interval
 * since the target's previous snapshot.
 *
 * damo's raw form: "monitoring_start:" and "monitoring_end:" open a block
 * of snapshots (durations such as "104.599 ms" or "1 m 2.5 s"), each
 * "target_id:" and "nr_regions:" and then lines "START-END( SIZE): N" with
 * the addresses in hex.
 */
#include "damon_internal.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int damon_error(struct damon_record *rec, unsigned int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line)
		sb_printf(rec->err, "%s:%u: %s\n", rec->name, line, msg);
	else
		sb_printf(rec->err, "%s: %s\n", rec->name, msg);
	return -EINVAL;
}

void damon_record_release(struct damon_record *rec)
{
	free(rec->regions);
	free(rec->snaps);
	rec->regions = NULL;
	rec->snaps = NULL;
	rec->nregions = rec->nsnaps = rec->ralloc = rec->salloc = 0;
}

static void add_region(struct damon_record *rec, u64 start, u64 end,
		       unsigned int nr)
{
	if (rec->nregions == rec->ralloc) {
		rec->ralloc = rec->ralloc ? 2 * rec->ralloc : 256;
		rec->regions = realloc(rec->regions,
				       rec->ralloc * sizeof(*rec->regions));
		if (!rec->regions)
			abort();
	}
	rec->regions[rec->nregions++] = (struct damon_region){ start, end, nr };
	rec->snaps[rec->nsnaps - 1].n++;
}

static struct damon_snapshot *add_snapshot(struct damon_record *rec,
					   u64 target, unsigned int line)
{
	struct damon_snapshot *s;

	if (rec->nsnaps == rec->salloc) {
		rec->salloc = rec->salloc ? 2 * rec->salloc : 64;
		rec->snaps = realloc(rec->snaps, rec->salloc * sizeof(*rec->snaps));
		if (!rec->snaps)
			abort();
	}
	s = &rec->snaps[rec->nsnaps++];
	memset(s, 0, sizeof(*s));
	s->target = target;
	s->line = line;
	s->first = rec->nregions;
	return s;
}

/* The last snapshot holds all the regions it announced. */
static int check_complete(struct damon_record *rec)
{
	struct damon_snapshot *s;

	if (!rec->nsnaps)
		return 0;
	s = &rec->snaps[rec->nsnaps - 1];
	if (s->n == s->nr_regions)
		return 0;
	return damon_error(rec, s->line,
			   "target %" PRIu64 " announces %u regions but %zu follow",
			   s->target, s->nr_regions, s->n);
}

/*
 * A decimal with up to 9 fraction digits, times @unit_ns: "79357.842179"
 * seconds or "104.599" ms, exactly.  Returns the end, NULL if none or if
 * the nanoseconds do not fit in 64 bits (never a wrapped time).
 */
static const char *decimal_ns(const char *s, u64 unit_ns, u64 *ns)
{
	u64 whole = 0, frac = 0, scale = 1, part;
	bool over = false;
	int digits = 0;

	if (!isdigit((unsigned char)*s))
		return NULL;
	for (; isdigit((unsigned char)*s); s++)
		over |= __builtin_mul_overflow(whole, 10, &whole) ||
			__builtin_add_overflow(whole, (u64)(*s - '0'), &whole);
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++)
			if (digits++ < 9) {
				frac = frac * 10 + (u64)(*s - '0');
				scale *= 10;
			}
	/* frac / scale < 1, so the fraction's part is below unit_ns */
	part = (u64)((unsigned __int128)frac * unit_ns / scale);
	over |= __builtin_mul_overflow(whole, unit_ns, ns) ||
		__builtin_add_overflow(*ns, part, ns);
	return over ? NULL : s;
}

/* ---- perf script ---- */

#define PERF_EVENT	"damon:damon_aggregated:"

/* The timestamp is the word before the event, "79357.842179:". */
static int perf_time(const char *line, const char *event, u64 *ns)
{
	const char *p = event;

	while (p > line && p[-1] == ' ')
		p--;
	if (p == line || p[-1] != ':')
		return -EINVAL;
	p--;
	while (p > line && (isdigit((unsigned char)p[-1]) || p[-1] == '.'))
		p--;
	return decimal_ns(p, NSEC_PER_SEC, ns) ? 0 : -EINVAL;
}

static int perf_line(struct damon_record *rec, char *line, unsigned int ln)
{
	char *ev = strstr(line, PERF_EVENT);
	struct damon_snapshot *s;
	unsigned int nr, acc, age;
	uint64_t target, start, end;
	u64 t;
	int used = 0;

	if (!ev)
		return strstr(line, "damon:") ? 0 : -EINVAL;	/* other events */
	if (perf_time(line, ev, &t) ||
	    sscanf(ev + strlen(PERF_EVENT), " target_id=%" SCNu64 " nr_regions=%u %"
		   SCNu64 "-%" SCNu64 ": %u %u %n", &target, &nr, &start, &end,
		   &acc, &age, &used) != 6 || ev[strlen(PERF_EVENT) + used])
		return damon_error(rec, ln, "expected `TIME: " PERF_EVENT
				   " target_id=N nr_regions=N START-END: NR_ACCESSES AGE`");
	s = rec->nsnaps ? &rec->snaps[rec->nsnaps - 1] : NULL;
	if (!s || s->n == s->nr_regions) {
		s = add_snapshot(rec, target, ln);
		s->nr_regions = nr;
		s->t_end = t;
	} else if (s->target != target || s->nr_regions != nr) {
		return check_complete(rec);
	}
	if (end <= start)
		return damon_error(rec, ln, "region %" PRIu64 "-%" PRIu64 " is empty",
				   start, end);
	add_region(rec, start, end, acc);
	return 0;
}

/* Each perf snapshot began where the target's previous one ended. */
static void perf_starts(struct damon_record *rec)
{
	size_t i, j;

	for (i = 0; i < rec->nsnaps; i++) {
		struct damon_snapshot *s = &rec->snaps[i], *next = NULL;

		for (j = i; j-- > 0;)
			if (rec->snaps[j].target == s->target)
				break;
		if (j != (size_t)-1 && rec->snaps[j].t_end <= s->t_end) {
			s->t_start = rec->snaps[j].t_end;
			continue;
		}
		for (j = i + 1; j < rec->nsnaps && !next; j++)
			if (rec->snaps[j].target == s->target)
				next = &rec->snaps[j];
		/* the first: as long as the next interval, else the default */
		if (next && next->t_end > s->t_end &&
		    next->t_end - s->t_end <= s->t_end)
			s->t_start = s->t_end - (next->t_end - s->t_end);
		else
			s->t_start = s->t_end > DAMON_DEFAULT_AGGR_NS ?
				     s->t_end - DAMON_DEFAULT_AGGR_NS : 0;
	}
}

/* ---- damo's raw form ---- */

/* "8 m 59.809 s", "104.599 ms", "0 ns": pairs of a number and a unit. */
static int damo_time(const char *s, u64 *ns)
{
	static const struct { const char *unit; u64 ns; } units[] = {
		{ "ns", 1 }, { "us", NSEC_PER_USEC }, { "ms", NSEC_PER_MSEC },
		{ "s", NSEC_PER_SEC }, { "m", 60 * NSEC_PER_SEC },
		{ "h", 3600 * NSEC_PER_SEC }, { "d", 86400 * NSEC_PER_SEC },
	};
	int pairs = 0;

	*ns = 0;
	for (;;) {
		char unit[4];
		const char *num;
		size_t i;
		u64 v;
		int used = 0;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			return pairs ? 0 : -EINVAL;
		num = s;
		s = decimal_ns(num, 1, &v);
		if (!s || sscanf(s, " %3[a-z]%n", unit, &used) != 1)
			return -EINVAL;
		s += used;
		for (i = 0; i < ARRAY_SIZE(units) && strcmp(unit, units[i].unit); i++)
			;
		if (i == ARRAY_SIZE(units))
			return -EINVAL;
		if (!decimal_ns(num, units[i].ns, &v) ||
		    __builtin_add_overflow(*ns, v, ns))
			return -EINVAL;
		pairs++;
	}
}

struct damo_state {
	u64 start, end;
	bool have_start, have_end;
};

static int damo_region(struct damon_record *rec, const char *line,
		       unsigned int ln)
{
	uint64_t start, end;
	unsigned int acc;
	int used = 0;

	if (sscanf(line, "%" SCNx64 "-%" SCNx64 "(%*[^)]): %u %n", &start, &end,
		   &acc, &used) != 3 || line[used])
		return damon_error(rec, ln, "expected `START-END( SIZE): NR_ACCESSES`");
	if (!rec->nsnaps || rec->snaps[rec->nsnaps - 1].n ==
	    rec->snaps[rec->nsnaps - 1].nr_regions)
		return damon_error(rec, ln, "a region that no `target_id:` and "
				   "`nr_regions:` announce");
	if (end <= start)
		return damon_error(rec, ln, "region %" PRIx64 "-%" PRIx64 " is empty",
				   start, end);
	add_region(rec, start, end, acc);
	return 0;
}

static int damo_target(struct damon_record *rec, struct damo_state *st,
		       const char *value, unsigned int ln)
{
	struct damon_snapshot *s;
	uint64_t target;
	int used = 0;

	if (sscanf(value, "%" SCNu64 " %n", &target, &used) != 1 || value[used])
		return damon_error(rec, ln, "expected `target_id: NUMBER`");
	if (!st->have_start || !st->have_end || st->end < st->start)
		return damon_error(rec, ln, "a target before `monitoring_start:` "
				   "and `monitoring_end:`");
	if (check_complete(rec))
		return -EINVAL;
	s = add_snapshot(rec, target, ln);
	s->t_start = st->start;
	s->t_end = st->end;
	s->have_start = true;
	s->nr_regions = 0;
	return 0;
}

static int damo_nr_regions(struct damon_record *rec, const char *value,
			   unsigned int ln)
{
	struct damon_snapshot *s = rec->nsnaps ? &rec->snaps[rec->nsnaps - 1] : NULL;
	unsigned int nr;
	int used = 0;

	if (!s || s->n || s->nr_regions)
		return damon_error(rec, ln, "`nr_regions:` not right after `target_id:`");
	if (sscanf(value, " %u %n", &nr, &used) != 1 || value[used])
		return damon_error(rec, ln, "expected `nr_regions: NUMBER`");
	s->nr_regions = nr;
	return 0;
}

static int damo_line(struct damon_record *rec, struct damo_state *st,
		     char *line, unsigned int ln)
{
	char *colon = strchr(line, ':'), *value;
	bool end;

	if (isxdigit((unsigned char)line[0]) && strchr(line, '-') &&
	    strchr(line, '(') && (!colon || strchr(line, '(') < colon))
		return damo_region(rec, line, ln);
	if (!colon)
		return damon_error(rec, ln, "expected `KEY: VALUE` or a region");
	*colon = '\0';
	value = colon + 1;
	if (!strcmp(line, "monitoring_start") || !strcmp(line, "monitoring_end")) {
		end = line[strlen("monitoring_")] == 'e';
		if (damo_time(value, end ? &st->end : &st->start))
			return damon_error(rec, ln, "expected a duration such as `104.599 ms`");
		*(end ? &st->have_end : &st->have_start) = true;
		return 0;
	}
	if (!strcmp(line, "target_id"))
		return damo_target(rec, st, value, ln);
	if (!strcmp(line, "nr_regions"))
		return damo_nr_regions(rec, value, ln);
	if (!strcmp(line, "base_time_absolute") ||
	    !strcmp(line, "monitoring_duration"))
		return 0;
	return damon_error(rec, ln, "unknown key '%s'", line);
}

/* ---- either ---- */

static bool is_blank(const char *line)
{
	return line[strspn(line, " \t\r")] == '\0';
}

int damon_parse(struct damon_record *rec, char *text)
{
	struct damo_state st = { 0 };
	char *line = text, *next;
	unsigned int ln = 0;
	int form = 0;		/* 1 perf script, 2 damo raw */
	int ret = 0;

	for (; line && !ret; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		ln++;
		line[strcspn(line, "\r")] = '\0';
		if (is_blank(line) || line[0] == '#')
			continue;
		if (!form)
			form = strstr(line, "damon:") ? 1 : 2;
		ret = form == 1 ? perf_line(rec, line, ln) :
		      damo_line(rec, &st, line + strspn(line, " \t"), ln);
		if (ret == -EINVAL && !rec->err->len)
			ret = damon_error(rec, ln, "not DAMON's perf script or damo's raw form");
	}
	if (!ret)
		ret = check_complete(rec);
	if (!ret && !rec->nsnaps)
		ret = damon_error(rec, 0, "no DAMON snapshot in it");
	if (!ret && form == 1)
		perf_starts(rec);
	return ret;
}
