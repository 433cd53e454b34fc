// SPDX-License-Identifier: GPL-2.0
/*
 * The scenario runtime: a run's state, its TAP output and its errors, the
 * tables of the scenario's processes and open files, file targets, design
 * switches and the statement loop.  Statements reach the machine only
 * through the backend (backend.h), the same doors a shell would use on a
 * real kernel (cgroupfs writes, cgroup.procs, the process's own system
 * calls), so errors come back as the kernel's errnos.
 *
 * Output is TAP: one line per expectation and per `=> ERRNO`, and a failing
 * line for any operation that failed unexpectedly.  The run ends with the
 * plan and "N passed, N failed".
 */
#include "scenario/runtime.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/parser.h"
#include "scenario/policy.h"

/* ---- reporting ---- */

/* A '#' in a TAP description would start a directive: escape it. */
static void tap_puts_escaped(FILE *out, const char *text)
{
	for (; *text; text++) {
		if (*text == '#')
			fputc('\\', out);
		fputc(*text, out);
	}
}

void scn_rt_tap(struct scn_rt *rt, bool ok, bool todo, const char *reason,
		const char *fmt, ...)
{
	const struct scn_stmt *s = rt->stmt;
	va_list ap;

	rt->tests++;
	fprintf(rt->out, "%sok %d - line %d: ", ok ? "" : "not ", rt->tests,
		s->line);
	tap_puts_escaped(rt->out, s->text);
	if (todo)
		fprintf(rt->out, " # TODO %s",
			reason && *reason ? reason : "known failure");
	if (fmt && *fmt) {
		fputs(todo ? "; " : " # ", rt->out);
		va_start(ap, fmt);
		vfprintf(rt->out, fmt, ap);
		va_end(ap);
	}
	fputc('\n', rt->out);
	if (ok)
		rt->passed++;
	else if (todo)
		rt->todo++;
	else
		rt->failed++;
}

void scn_rt_error(struct scn_rt *rt, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: ", rt->stmt->file, rt->stmt->line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	rt->fatal = 1;
}

const char *scn_rt_errname(int err)
{
	const char *name = scn_errno_name(err < 0 ? -err : err);

	return name ? name : "an unknown error";
}

/*
 * Expected failures and successes are TAP lines; an unexpected failure is
 * a failing line too, so no error passes silently.
 */
void scn_rt_result(struct scn_rt *rt, int err)
{
	const struct scn_stmt *s = rt->stmt;

	if (s->expect_errno) {
		if (err == -s->expect_errno)
			scn_rt_tap(rt, true, false, NULL, NULL);
		else if (err)
			scn_rt_tap(rt, false, false, NULL, "failed with %s",
				   scn_rt_errname(err));
		else
			scn_rt_tap(rt, false, false, NULL, "succeeded");
		return;
	}
	if (err)
		scn_rt_tap(rt, false, false, NULL, "failed with %s",
			   scn_rt_errname(err));
}

/* ---- processes and open files ---- */

struct scn_proc *scn_rt_proc(struct scn_rt *rt, const char *name)
{
	struct scn_proc *p;

	for (p = rt->procs; p; p = p->next)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

struct scn_proc *scn_rt_proc_add(struct scn_rt *rt, const char *name,
				 void *task)
{
	struct scn_proc *p = calloc(1, sizeof(*p));

	if (!p)
		abort();
	p->name = name;
	p->task = task;
	p->next = rt->procs;
	rt->procs = p;
	return p;
}

struct scn_fd *scn_rt_fd(struct scn_rt *rt, const char *name)
{
	struct scn_fd *f;

	for (f = rt->fds; f; f = f->next)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

void scn_rt_fd_add(struct scn_rt *rt, const char *name, void *file)
{
	struct scn_fd *f = calloc(1, sizeof(*f));

	if (!f)
		abort();
	f->name = name;
	f->file = file;
	f->next = rt->fds;
	rt->fds = f;
}

int scn_rt_fd_close(struct scn_rt *rt, const char *name)
{
	struct scn_fd **pp, *f;

	for (pp = &rt->fds; (f = *pp); pp = &f->next) {
		if (strcmp(f->name, name))
			continue;
		*pp = f->next;
		rt->ops->close(rt, f->file);
		free(f);
		return 0;
	}
	return -EBADF;
}

/* ---- file targets ---- */

int scn_rt_open(struct scn_rt *rt, const struct scn_target *t,
		unsigned int flags, void **file)
{
	return rt->ops->open(rt, t->path, flags, file);
}

int scn_rt_read(struct scn_rt *rt, const struct scn_target *t,
		struct strbuf *sb)
{
	struct scn_fd *f;
	void *file;
	int err;

	if (t->kind == SCN_TARGET_FD) {
		f = scn_rt_fd(rt, t->fd);
		return f ? rt->ops->read(rt, f->file, sb) : -EBADF;
	}
	err = rt->ops->open(rt, t->path, 0, &file);
	if (err)
		return err;
	err = rt->ops->read(rt, file, sb);
	rt->ops->close(rt, file);
	return err;
}

/* One write of @value and a newline to @file. */
static int write_line(struct scn_rt *rt, void *file, const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	long ret;

	sb_printf(&sb, "%s\n", value);
	ret = rt->ops->write(rt, file, sb.buf, sb.len);
	sb_release(&sb);
	return ret < 0 ? (int)ret : 0;
}

int scn_rt_write_path(struct scn_rt *rt, const char *path, const char *value)
{
	void *file;
	int err = rt->ops->open(rt, path, 0, &file);

	if (err)
		return err;
	err = write_line(rt, file, value);
	rt->ops->close(rt, file);
	return err;
}

int scn_rt_write(struct scn_rt *rt, const struct scn_target *t,
		 const char *value)
{
	struct scn_fd *f;

	if (t->kind != SCN_TARGET_FD)
		return scn_rt_write_path(rt, t->path, value);
	f = scn_rt_fd(rt, t->fd);
	return f ? write_line(rt, f->file, value) : -EBADF;
}

/* ---- design switches ---- */

void scn_rt_policy(struct scn_rt *rt, const char *name, const char *value)
{
	const struct scn_policy *pol = scn_policy_find(name);
	int k, err;

	if (!pol) {
		scn_rt_error(rt, "unknown policy '%s'", name);
		return;
	}
	k = scn_policy_value(pol, value);
	if (k < 0) {
		scn_rt_error(rt, "policy %s has no value '%s'", name, value);
		return;
	}
	err = rt->ops->policy(rt, pol, k);
	if (err == -ENOSYS)
		scn_rt_error(rt, "policy %s=%s is not modelled yet; only the "
			     "Linux 6.12 behaviour (%s) is", name, value,
			     pol->values[0]);
	else if (err)
		scn_rt_error(rt, "policy %s=%s: the %s cannot run it (%s)", name,
			     value, rt->ops->name, scn_rt_errname(err));
}

/* --policy NAME=VALUE from the command line, over the script's own. */
static void cli_policies(struct scn_rt *rt)
{
	int i;

	for (i = 0; i < rt->opts->npolicies; i++) {
		char *dup = strdup(rt->opts->policies[i]);
		char *eq = strchr(dup, '=');

		if (eq)
			*eq = '\0';
		scn_rt_policy(rt, dup, eq ? eq + 1 : "");
		free(dup);
	}
}

/* ---- the run ---- */

void scn_rt_init(struct scn_rt *rt, const struct scn_script *script,
		 struct scn_backend *be, const struct scn_run_options *opts,
		 scn_exec_fn *exec)
{
	memset(rt, 0, sizeof(*rt));
	rt->script = script;
	rt->opts = opts;
	rt->be = be;
	rt->ops = be->ops;
	rt->exec = exec;
	rt->out = opts->out;
}

static void run_stmt(struct scn_rt *rt, const struct scn_stmt *s)
{
	struct strbuf why = STRBUF_INIT;

	rt->stmt = s;
	rt->exec(rt, s);
	if (rt->ops->check(rt, &why))
		scn_rt_tap(rt, false, false, NULL, "%s", why.buf ?: "");
	sb_release(&why);
}

static int summary(struct scn_rt *rt)
{
	fprintf(rt->out, "1..%d\n", rt->tests);
	if (rt->todo)
		fprintf(rt->out, "# %d known failure%s (xfail)\n", rt->todo,
			rt->todo == 1 ? "" : "s");
	if (rt->fatal)
		fprintf(rt->out, "# stopped by an error at %s:%d\n",
			rt->stmt->file, rt->stmt->line);
	fprintf(rt->out, "%d passed, %d failed\n", rt->passed, rt->failed);
	return rt->fatal ? 2 : rt->failed ? 1 : 0;
}

int scn_rt_run(struct scn_rt *rt)
{
	const struct scn_script *sc = rt->script;
	/* --policy errors point at the script's first statement */
	struct scn_stmt cli = {
		.kind = SCN_STMT_POLICY, .file = sc->file, .text = "",
		.line = sc->nstmts ? sc->stmts[0].line : 0,
	};
	size_t i;

	/* design switches decide how subsystems are set up: apply them first */
	for (i = 0; i < sc->nstmts && !rt->fatal; i++) {
		if (sc->stmts[i].kind != SCN_STMT_POLICY)
			continue;
		rt->stmt = &sc->stmts[i];
		rt->exec(rt, rt->stmt);
	}
	if (!rt->fatal && rt->opts->npolicies) {
		rt->stmt = &cli;
		cli_policies(rt);
	}
	for (i = 0; i < sc->nstmts && !rt->fatal; i++)
		if (sc->stmts[i].kind != SCN_STMT_POLICY)
			run_stmt(rt, &sc->stmts[i]);
	if (!rt->fatal)
		rt->ops->wait(rt, NULL);
	return summary(rt);
}

void scn_rt_release(struct scn_rt *rt)
{
	struct scn_proc *p, *pn;

	while (rt->fds)
		scn_rt_fd_close(rt, rt->fds->name);
	for (p = rt->procs; p; p = pn) {
		pn = p->next;
		free(p);
	}
	rt->procs = NULL;
}
