// SPDX-License-Identifier: GPL-2.0
/*
 * `record every DURATION TARGET... to FILE`: sample interface files over
 * time into a CSV file, one row per sample, from the statement to the end
 * of the run.  The backend calls back at every interval (virtual time on
 * the model); the samples are read like any other target.
 */
#include "scenario/runtime.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct scn_recorder {
	struct scn_rt *rt;
	const struct scn_stmt *stmt;
	FILE *f;
	void *timer;
	struct scn_recorder *next;
};

static void sample(void *arg)
{
	struct scn_recorder *r = arg;
	const struct scn_stmt *s = r->stmt;
	size_t i;

	fprintf(r->f, "%llu", (unsigned long long)r->rt->ops->now(r->rt));
	for (i = 0; i < s->record.n; i++) {
		bool is_max;
		s64 v;

		if (scn_rt_number(r->rt, &s->record.targets[i], &v, &is_max))
			fputs(",", r->f);		/* unreadable: empty cell */
		else if (is_max)
			fputs(",max", r->f);
		else
			fprintf(r->f, ",%lld", (long long)v);
	}
	fputc('\n', r->f);
}

int scn_rt_record(struct scn_rt *rt, const struct scn_stmt *s)
{
	struct scn_recorder *r = calloc(1, sizeof(*r));
	size_t i;
	int err;

	if (!r)
		return -ENOMEM;
	r->f = fopen(s->record.file, "w");
	if (!r->f) {
		free(r);
		return -errno;
	}
	r->rt = rt;
	r->stmt = s;
	fputs("time_ns", r->f);
	for (i = 0; i < s->record.n; i++)
		fprintf(r->f, ",%s", s->record.targets[i].text);
	fputc('\n', r->f);
	r->next = rt->recorders;
	rt->recorders = r;
	err = rt->ops->timer_start(rt, s->record.interval_ns, sample, r,
				   &r->timer);
	return err;
}

void scn_rt_record_release(struct scn_rt *rt)
{
	struct scn_recorder *r, *n;

	for (r = rt->recorders; r; r = n) {
		n = r->next;
		if (r->timer)
			rt->ops->timer_stop(rt, r->timer);
		fclose(r->f);
		free(r);
	}
	rt->recorders = NULL;
}
