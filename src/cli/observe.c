// SPDX-License-Identifier: GPL-2.0
/*
 * A run's results (report/results.h) from the scenario runtime's observer:
 * the header from the command line and the script, then every read, TAP
 * line, event and recorded sample as the run makes them.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "scenario/policy.h"

static struct results *R(void *arg)
{
	return arg;
}

static void on_read(void *arg, const struct scn_stmt *s, u64 now,
		    const char *text, size_t len, int err)
{
	results_add_read(R(arg), s->line, now, s->read.target.text, text, len,
			 err);
}

static void on_tap(void *arg, const struct scn_stmt *s, u64 now, bool ok,
		   bool todo, const char *reason, const char *detail)
{
	struct rs_expect *e = results_add_expect(R(arg), s->line, now, s->text,
						 ok, todo);

	e->reason = todo && reason && *reason ? rs_strdup(reason) : NULL;
	e->detail = rs_strdup(detail);
}

static void on_error(void *arg, const char *msg)
{
	if (!R(arg)->error)
		R(arg)->error = rs_strdup(msg);
}

static void on_event(void *arg, const struct scn_stmt *s, u64 now,
		     const char *kind, const struct scn_proc *p,
		     const char *text)
{
	struct rs_event *ev = results_add_event(R(arg), s ? s->line : 0, now,
						kind);

	ev->process = p ? rs_strdup(p->name) : NULL;
	ev->cgroup = p ? rs_strdup(p->cgroup) : NULL;
	ev->text = rs_strdup(text);
}

static void on_policy(void *arg, const char *name, const char *value)
{
	struct rs_header *h = &R(arg)->hdr;
	size_t i;

	for (i = 0; i < h->npolicies; i++)
		if (!strcmp(h->policies[i].name, name)) {
			free(h->policies[i].value);
			h->policies[i].value = rs_strdup(value);
			return;
		}
	rs_pair_add(&h->policies, &h->npolicies, name, value);
}

static void *on_series(void *arg, const struct scn_stmt *s)
{
	const char **targets = calloc(s->record.n + 1, sizeof(char *));
	struct rs_series *series;
	size_t i;

	if (!targets)
		abort();
	for (i = 0; i < s->record.n; i++)
		targets[i] = s->record.targets[i].text;
	series = results_add_series(R(arg), s->line, s->record.file,
				    s->record.interval_ns, s->record.n, targets);
	free(targets);
	return series;
}

static void on_sample(void *arg, void *series, u64 now,
		      const struct scn_sample *v)
{
	struct rs_series *s = series;
	struct rs_value *row = calloc(s->ncols + 1, sizeof(*row));
	size_t i;

	if (!row)
		abort();
	for (i = 0; i < s->ncols; i++) {
		row[i].kind = v[i].kind == SCN_SAMPLE_NUM ? RS_NUM :
			      v[i].kind == SCN_SAMPLE_MAX ? RS_MAX : RS_NONE;
		row[i].n = v[i].kind == SCN_SAMPLE_NUM ? v[i].n : 0;
	}
	series_add_row(s, now, row);
	free(row);
}

static void on_end(void *arg, u64 now, const struct scn_rt *rt, int status)
{
	struct results *r = R(arg);

	r->end_ns = now;
	r->exit_code = status;
	r->tests = rt->tests;
	r->passed = rt->passed;
	r->failed = rt->failed;
	r->todo = rt->todo;
}

/* The seed the machine runs with: --seed, the machine statement's, or 1. */
static u64 run_seed(const struct scn_script *script,
		    const struct scn_run_options *opts)
{
	size_t i;

	if (opts->seed_set)
		return opts->seed;
	for (i = 0; script && i < script->nstmts; i++)
		if (script->stmts[i].kind == SCN_STMT_MACHINE)
			return script->stmts[i].machine.seed;
	return SCN_DEFAULT_SEED;
}

static void header(struct rs_header *h, const char *file,
		   const struct scn_script *script,
		   const struct scn_run_options *opts,
		   const char *const *sets, int nsets)
{
	size_t i;
	int k;

	h->version = rs_strdup(MEMCGLAB_VERSION);
	h->model_of = rs_strdup(MODEL_OF);
	h->scenario = rs_strdup(file);
	h->backend = rs_strdup("model");
	h->seed = run_seed(script, opts);
	/* every switch at Linux 6.12's value until the run sets it */
	for (i = 0; i < scn_nr_policies; i++)
		rs_pair_add(&h->policies, &h->npolicies, scn_policies[i].name,
			    scn_policies[i].values[0]);
	for (k = 0; k < nsets; k++) {
		const char *eq = strchr(sets[k], '=');
		char *target = strndup(sets[k], eq ? eq - sets[k] : 0);

		if (!target)
			abort();
		rs_pair_add(&h->set, &h->nset, target, eq ? eq + 1 : "");
		free(target);
	}
}

void cli_results_init(struct cli_results *cr, const char *file,
		      const struct scn_script *script,
		      const struct scn_run_options *opts,
		      const char *const *sets, int nsets)
{
	cr->r = results_new();
	header(&cr->r->hdr, file, script, opts, sets, nsets);
	cr->obs = (struct scn_observer){
		.arg = cr->r, .read = on_read, .tap = on_tap, .error = on_error,
		.event = on_event, .policy = on_policy, .series = on_series,
		.sample = on_sample, .end = on_end,
	};
}
