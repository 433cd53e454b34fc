// SPDX-License-Identifier: GPL-2.0
/*
 * `record every DURATION TARGET... to FILE`: sample interface files over
 * virtual time into a CSV file, one row per sample, from the statement to
 * the end of the run.
 */
#include "interp.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "include/machine.h"

struct recorder {
	struct interp *in;
	const struct scn_stmt *stmt;
	FILE *f;
	struct sim_event ev;
	struct recorder *next;
};

static void sample(struct recorder *r)
{
	const struct scn_stmt *s = r->stmt;
	size_t i;

	fprintf(r->f, "%llu", (unsigned long long)r->in->m->clock.now);
	for (i = 0; i < s->record.n; i++) {
		bool is_max;
		s64 v;

		if (target_number(r->in, &s->record.targets[i], &v, &is_max))
			fputs(",", r->f);		/* unreadable: empty cell */
		else if (is_max)
			fputs(",max", r->f);
		else
			fprintf(r->f, ",%lld", (long long)v);
	}
	fputc('\n', r->f);
}

static void record_event(struct sim_event *ev)
{
	struct recorder *r = container_of(ev, struct recorder, ev);
	struct machine *m = r->in->m;

	sample(r);
	sim_event_schedule(&m->clock, &r->ev,
			   m->clock.now + r->stmt->record.interval_ns);
}

int record_start(struct interp *in, const struct scn_stmt *s)
{
	struct recorder *r = calloc(1, sizeof(*r));
	size_t i;

	if (!r)
		return -ENOMEM;
	r->f = fopen(s->record.file, "w");
	if (!r->f) {
		free(r);
		return -errno;
	}
	r->in = in;
	r->stmt = s;
	fputs("time_ns", r->f);
	for (i = 0; i < s->record.n; i++)
		fprintf(r->f, ",%s", s->record.targets[i].text);
	fputc('\n', r->f);
	sim_event_init(&r->ev, record_event);
	sim_event_schedule(&in->m->clock, &r->ev, in->m->clock.now);
	r->next = in->recorders;
	in->recorders = r;
	return 0;
}

void recorders_release(struct interp *in)
{
	struct recorder *r, *n;

	for (r = in->recorders; r; r = n) {
		n = r->next;
		sim_event_cancel(&in->m->clock, &r->ev);
		fclose(r->f);
		free(r);
	}
	in->recorders = NULL;
}
