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
	char *path;		/* as opened, for messages */
	void *timer;
	void *series;		/* the observer's */
	struct scn_sample *values;
	u64 nsamples;
	bool failed;		/* stopped by an error, reported */
	struct scn_recorder *next;
};

/* A runtime error of the recording @r, at its record statement. */
static void record_error(struct scn_recorder *r, const char *what)
{
	struct scn_rt *rt = r->rt;
	const struct scn_stmt *saved = rt->stmt;

	r->failed = true;
	rt->stmt = r->stmt;
	scn_rt_error(rt, "record to %s: %s", r->path, what);
	rt->stmt = saved;
}

/* Stop sampling (the backend lets a timer stop itself). */
static void record_stop(struct scn_recorder *r)
{
	if (r->timer)
		r->rt->ops->timer_stop(r->rt, r->timer);
	r->timer = NULL;
}

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
	if (fwrite(sb.buf, 1, sb.len, r->f) != sb.len || ferror(r->f)) {
		record_error(r, strerror(errno));
		record_stop(r);
	}
	sb_release(&sb);
}

static void sample(void *arg)
{
	struct scn_recorder *r = arg;
	const struct scn_stmt *s = r->stmt;
	const struct scn_observer *o = r->rt->opts->observer;
	u64 now = r->rt->ops->now(r->rt);
	u64 limit = scn_rt_limits(r->rt).samples;
	char msg[128];
	size_t i;

	if (r->nsamples++ == limit) {
		snprintf(msg, sizeof(msg), "stopped after %llu samples, the "
			 "limit of one recording (memcglab run --limit "
			 "samples=N)", (unsigned long long)limit);
		record_error(r, msg);
		record_stop(r);
		return;
	}

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

/* The same file as the scenario's own (by inode: any name, any link). */
static bool is_scenario(struct scn_rt *rt, const char *path)
{
	size_t n = strlen(path);
	struct stat a, b;

	if (n >= 4 && !strcmp(path + n - 4, ".scn"))
		return true;
	return !stat(path, &a) && !stat(rt->script->file, &b) &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* FILE, or under --record-dir when it is relative (made if missing). */
static int open_record(struct scn_rt *rt, struct scn_recorder *r,
		       const char *file)
{
	const char *dir = rt->opts->record_dir;
	struct strbuf path = STRBUF_INIT;

	if (dir && file[0] != '/') {
		if (mkdir(dir, 0777) && errno != EEXIST) {
			scn_rt_error(rt, "record: cannot make %s: %s", dir,
				     strerror(errno));
			return -errno;
		}
		sb_printf(&path, "%s/%s", dir, file);
	} else {
		sb_puts(&path, file);
	}
	r->path = sb_detach(&path);
	if (is_scenario(rt, r->path)) {
		scn_rt_error(rt, "record to %s would overwrite a scenario",
			     r->path);
		return -EEXIST;
	}
	r->f = fopen(r->path, "w");
	if (!r->f) {
		scn_rt_error(rt, "cannot write %s: %s", r->path,
			     strerror(errno));
		return -errno;
	}
	return 0;
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

static void recorder_free(struct scn_recorder *r)
{
	if (r->f)
		fclose(r->f);
	free(r->path);
	free(r->values);
	free(r);
}

int scn_rt_record(struct scn_rt *rt, const struct scn_stmt *s)
{
	const struct scn_observer *o = rt->opts->observer;
	struct scn_recorder *r = calloc(1, sizeof(*r));
	int err;

	if (!r)
		abort();
	r->values = calloc(s->record.n + 1, sizeof(*r->values));
	if (!r->values)
		abort();
	err = open_record(rt, r, s->record.file);
	if (err) {
		recorder_free(r);
		return err;
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

void scn_rt_record_finish(struct scn_rt *rt)
{
	struct scn_recorder *r;

	for (r = rt->recorders; r; r = r->next) {
		record_stop(r);
		if (r->failed || !r->f)
			continue;
		if (fclose(r->f))
			record_error(r, strerror(errno));
		r->f = NULL;
	}
}

void scn_rt_record_release(struct scn_rt *rt)
{
	struct scn_recorder *r, *n;

	for (r = rt->recorders; r; r = n) {
		n = r->next;
		record_stop(r);
		recorder_free(r);
	}
	rt->recorders = NULL;
}
