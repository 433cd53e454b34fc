// SPDX-License-Identifier: GPL-2.0
/*
 * `record every DURATION TARGET... to FILE`: sample interface files over
 * time into a CSV file (RFC 4180: a header row time_ns,TARGET..., a row
 * per sample, `max` for an unlimited value, an empty field for a file
 * that could not be read), from the statement to the end of the run.  The
 * backend calls back at every interval (virtual time on the model); the
 * samples are read like any other target, and handed to the run's
 * observer too.
 */
#include "scenario/runtime.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/csv.h"

struct scn_recorder {
	struct scn_rt *rt;
	const struct scn_stmt *stmt;
	FILE *f;
	void *timer;
	void *series;		/* the observer's */
	struct scn_sample *values;
	struct scn_recorder *next;
};

static void write_row(struct scn_recorder *r, u64 now)
{
	struct strbuf sb = STRBUF_INIT;
	struct csv csv = CSV_INIT(&sb);
	size_t i;

	csv_printf(&csv, "%llu", (unsigned long long)now);
	for (i = 0; i < r->stmt->record.n; i++) {
		const struct scn_sample *v = &r->values[i];

		if (v->kind == SCN_SAMPLE_NONE)
			csv_empty(&csv);
		else if (v->kind == SCN_SAMPLE_MAX)
			csv_str(&csv, "max");
		else
			csv_printf(&csv, "%lld", (long long)v->n);
	}
	csv_end_row(&csv);
	fwrite(sb.buf, 1, sb.len, r->f);
	sb_release(&sb);
}

static void sample(void *arg)
{
	struct scn_recorder *r = arg;
	const struct scn_stmt *s = r->stmt;
	const struct scn_observer *o = r->rt->opts->observer;
	u64 now = r->rt->ops->now(r->rt);
	size_t i;

	for (i = 0; i < s->record.n; i++) {
		struct scn_sample *v = &r->values[i];
		bool is_max;

		if (scn_rt_number(r->rt, &s->record.targets[i], &v->n, &is_max))
			v->kind = SCN_SAMPLE_NONE;
		else
			v->kind = is_max ? SCN_SAMPLE_MAX : SCN_SAMPLE_NUM;
	}
	write_row(r, now);
	if (o && o->sample)
		o->sample(o->arg, r->series, now, r->values);
}

/* FILE, or under --record-dir when it is relative (made if missing). */
static FILE *open_record(struct scn_rt *rt, const char *file)
{
	const char *dir = rt->opts->record_dir;
	struct strbuf path = STRBUF_INIT;
	FILE *f;

	if (!dir || file[0] == '/')
		return fopen(file, "w");
	if (mkdir(dir, 0777) && errno != EEXIST)
		return NULL;
	sb_printf(&path, "%s/%s", dir, file);
	f = fopen(path.buf, "w");
	sb_release(&path);
	return f;
}

static void write_header(struct scn_recorder *r)
{
	struct strbuf sb = STRBUF_INIT;
	struct csv csv = CSV_INIT(&sb);
	size_t i;

	csv_str(&csv, "time_ns");
	for (i = 0; i < r->stmt->record.n; i++)
		csv_str(&csv, r->stmt->record.targets[i].text);
	csv_end_row(&csv);
	fwrite(sb.buf, 1, sb.len, r->f);
	sb_release(&sb);
}

int scn_rt_record(struct scn_rt *rt, const struct scn_stmt *s)
{
	const struct scn_observer *o = rt->opts->observer;
	struct scn_recorder *r = calloc(1, sizeof(*r));

	if (!r)
		return -ENOMEM;
	r->f = open_record(rt, s->record.file);
	r->values = calloc(s->record.n + 1, sizeof(*r->values));
	if (!r->f || !r->values) {
		if (r->f)
			fclose(r->f);
		free(r->values);
		free(r);
		return -errno;
	}
	r->rt = rt;
	r->stmt = s;
	write_header(r);
	if (o && o->series)
		r->series = o->series(o->arg, s);
	r->next = rt->recorders;
	rt->recorders = r;
	return rt->ops->timer_start(rt, s->record.interval_ns, sample, r,
				    &r->timer);
}

void scn_rt_record_release(struct scn_rt *rt)
{
	struct scn_recorder *r, *n;

	for (r = rt->recorders; r; r = n) {
		n = r->next;
		if (r->timer)
			rt->ops->timer_stop(rt, r->timer);
		fclose(r->f);
		free(r->values);
		free(r);
	}
	rt->recorders = NULL;
}
