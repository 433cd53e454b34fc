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

#include "lib/list.h"
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
	const struct scn_observer *o = rt->opts->observer;
	const struct scn_stmt *s = rt->stmt;
	struct strbuf detail = STRBUF_INIT, where = STRBUF_INIT;
	va_list ap;

	rt->tests++;
	scn_rt_where(rt, s, &where);
	fprintf(rt->out, "%sok %d - %s: ", ok ? "" : "not ", rt->tests,
		where.buf);
	sb_release(&where);
	tap_puts_escaped(rt->out, s->text);
	if (todo)
		fprintf(rt->out, " # TODO %s",
			reason && *reason ? reason : "known failure");
	if (fmt && *fmt) {
		va_start(ap, fmt);
		sb_vprintf(&detail, fmt, ap);
		va_end(ap);
		fprintf(rt->out, "%s%s", todo ? "; " : " # ", detail.buf ?: "");
	}
	fputc('\n', rt->out);
	if (o && o->tap)
		o->tap(o->arg, s, rt->ops->now(rt), ok, todo,
		       todo ? reason : NULL, detail.len ? detail.buf : NULL);
	sb_release(&detail);
	if (ok)
		rt->passed++;
	else if (todo)
		rt->todo++;
	else
		rt->failed++;
}

void scn_rt_error(struct scn_rt *rt, const char *fmt, ...)
{
	const struct scn_observer *o = rt->opts->observer;
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	sb_printf(&msg, "%s:%d: ", rt->stmt->file, rt->stmt->line);
	va_start(ap, fmt);
	sb_vprintf(&msg, fmt, ap);
	va_end(ap);
	/* in a loop: which pass */
	scn_rt_frames(rt, &msg);
	fprintf(rt->opts->err ?: stderr, "%s\n", msg.buf);
	if (o && o->error && !rt->fatal)
		o->error(o->arg, msg.buf);
	sb_release(&msg);
	if (!rt->fatal)
		rt->fatal_stmt = rt->stmt;
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

/* ---- limits and progress ---- */

struct scn_limits scn_rt_limits(const struct scn_rt *rt)
{
	struct scn_limits l = rt->opts->limits;

	if (!l.ops)
		l.ops = SCN_LIMIT_OPS;
	if (!l.samples)
		l.samples = SCN_LIMIT_SAMPLES;
	return l;
}

int scn_rt_check_ops(struct scn_rt *rt, u64 n, const char *what)
{
	u64 limit = scn_rt_limits(rt).ops;

	if (n <= limit)
		return 0;
	scn_rt_error(rt, "%llu %s in one action, over the limit of %llu "
		     "(memcglab run --limit ops=N)", (unsigned long long)n,
		     what, (unsigned long long)limit);
	return -E2BIG;
}

void scn_rt_progress(struct scn_rt *rt)
{
	if (rt->opts->progress)
		rt->opts->progress(rt->opts->progress_arg, rt);
}

/* ---- background actions ---- */

static struct scn_bg *bg_new(const struct scn_stmt *s, int err,
			     struct scn_bg *next)
{
	struct scn_bg *b = calloc(1, sizeof(*b));

	if (!b)
		abort();
	b->stmt = s;
	b->err = err;
	b->next = next;
	return b;
}

void scn_rt_bg_started(struct scn_rt *rt)
{
	struct scn_bg *b;

	/* it may have ended already: time passes on the way back to user */
	for (b = rt->bg_done; b; b = b->next)
		if (b->stmt == rt->stmt)
			return;
	rt->bg_running = bg_new(rt->stmt, 0, rt->bg_running);
}

void scn_rt_bg_done(struct scn_rt *rt, const struct scn_action *a, int err)
{
	const struct scn_stmt *s = container_of(a, struct scn_stmt, action);
	struct scn_bg **pp, *b;

	for (pp = &rt->bg_running; (b = *pp); pp = &b->next)
		if (b->stmt == s)
			break;
	if (b)
		*pp = b->next;
	else
		b = bg_new(s, 0, NULL);	/* ended before it was noted */
	b->err = err;
	b->next = NULL;
	/* keep the order they ended in */
	for (pp = &rt->bg_done; *pp; pp = &(*pp)->next)
		;
	*pp = b;
}

/*
 * The ended background actions' lines, each under its own statement: a
 * failure, or the result against its `=> ERRNO`.  As in the foreground,
 * a process killed in the middle of its action is not a failure.
 */
static void bg_report(struct scn_rt *rt)
{
	const struct scn_stmt *saved = rt->stmt;
	struct scn_bg *b;

	while ((b = rt->bg_done)) {
		struct scn_proc *p = scn_rt_proc(rt, b->stmt->action.proc);

		rt->bg_done = b->next;
		rt->stmt = b->stmt;
		if (b->err && !b->stmt->expect_errno && p &&
		    rt->ops->state(rt, p) == SCN_PROC_KILLED)
			b->err = 0;
		scn_rt_result(rt, b->err);
		free(b);
	}
	rt->stmt = saved;
}

/* At the end: an expected errno whose action never said how it ended. */
static void bg_never_ended(struct scn_rt *rt)
{
	const struct scn_stmt *saved = rt->stmt;
	struct scn_bg *b;

	while ((b = rt->bg_running)) {
		rt->bg_running = b->next;
		rt->stmt = b->stmt;
		if (b->stmt->expect_errno && !rt->fatal)
			scn_rt_tap(rt, false, false, NULL,
				   "the background action never ended");
		free(b);
	}
	rt->stmt = saved;
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
				 void *task, const char *cgroup)
{
	struct scn_proc *p = calloc(1, sizeof(*p));

	if (!p)
		abort();
	p->name = name;
	p->task = task;
	p->cgroup = cgroup;
	p->seen = SCN_PROC_ALIVE;
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

/* /proc/NAME/FILE as the path it has now: /proc/PID/FILE. */
static int proc_path(struct scn_rt *rt, const struct scn_target *t,
		     struct strbuf *path)
{
	struct scn_proc *p = scn_rt_proc(rt, t->proc);

	if (!p)
		return -ENOENT;		/* its spawn failed: no such pid */
	sb_printf(path, "/proc/%d/%s", rt->ops->pid(rt, p), t->path);
	return 0;
}

int scn_rt_open(struct scn_rt *rt, const struct scn_target *t,
		unsigned int flags, void **file)
{
	struct strbuf path = STRBUF_INIT;
	int err;

	if (t->kind != SCN_TARGET_PROC)
		return rt->ops->open(rt, t->path, flags, file);
	err = proc_path(rt, t, &path);
	if (!err)
		err = rt->ops->open(rt, path.buf, flags, file);
	sb_release(&path);
	return err;
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
	err = scn_rt_open(rt, t, 0, &file);
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
	struct strbuf path = STRBUF_INIT;
	struct scn_fd *f;
	int err;

	if (t->kind == SCN_TARGET_FD) {
		f = scn_rt_fd(rt, t->fd);
		return f ? write_line(rt, f->file, value) : -EBADF;
	}
	if (t->kind != SCN_TARGET_PROC)
		return scn_rt_write_path(rt, t->path, value);
	err = proc_path(rt, t, &path);
	if (!err)
		err = scn_rt_write_path(rt, path.buf, value);
	sb_release(&path);
	return err;
}

void scn_sysctl_path(const char *key, struct strbuf *path)
{
	size_t start = path->len + strlen("/proc/sys/");
	char *p;

	sb_printf(path, "/proc/sys/%s", key);
	for (p = path->buf + start; *p; p++)
		if (*p == '.')
			*p = '/';
}

int scn_param_path(const char *key, struct strbuf *path)
{
	const char *dot = strchr(key, '.');

	sb_printf(path, "/sys/module/%.*s/parameters/%s",
		  dot ? (int)(dot - key) : 0, key, dot ? dot + 1 : key);
	return dot ? 0 : -ENOENT;
}

/* ---- the scenario's own files ---- */

char *scn_rt_file_path(struct scn_rt *rt, const char *path)
{
	const char *file = rt->stmt ? rt->stmt->file : rt->script->file;
	const char *slash = strrchr(file, '/');
	struct strbuf sb = STRBUF_INIT;

	if (path[0] == '/' || !slash)
		sb_puts(&sb, path);
	else
		sb_printf(&sb, "%.*s/%s", (int)(slash - file), file, path);
	return sb_detach(&sb);
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
	if (!err && rt->opts->observer && rt->opts->observer->policy)
		rt->opts->observer->policy(rt->opts->observer->arg, pol->name,
					   pol->values[k]);
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

/*
 * Processes that died since last looked at, as events.  Only the OOM
 * killer and `kill` send signals in a scenario, so a kill that no `kill`
 * statement made is an OOM kill.
 */
static void notice_deaths(struct scn_rt *rt)
{
	const struct scn_observer *o = rt->opts->observer;
	const struct scn_stmt *s = rt->stmt;
	struct scn_proc *p;

	if (!o || !o->event)
		return;
	for (p = rt->procs; p; p = p->next) {
		enum scn_proc_state st;
		const char *kind = "exited";

		if (p->seen != SCN_PROC_ALIVE)
			continue;
		st = rt->ops->state(rt, p);
		if (st == SCN_PROC_ALIVE)
			continue;
		p->seen = st;
		if (st == SCN_PROC_KILLED)
			kind = s->kind == SCN_STMT_KILL &&
			       !strcmp(s->kill.proc, p->name) ? "killed" : "oom_kill";
		o->event(o->arg, s, rt->ops->now(rt), kind, p, NULL);
	}
}

static bool is_setup(const struct scn_stmt *s)
{
	return s->kind == SCN_STMT_MACHINE || s->kind == SCN_STMT_MOUNT ||
	       s->kind == SCN_STMT_SYSCTL || s->kind == SCN_STMT_PARAM ||
	       s->kind == SCN_STMT_POLICY;
}

void scn_rt_run_stmt(struct scn_rt *rt, const struct scn_stmt *s)
{
	struct strbuf why = STRBUF_INIT;

	rt->stmt = s;
	rt->exec(rt, s);
	rt->stmts_done++;
	scn_rt_progress(rt);
	if (!rt->fatal)
		scn_rt_sets_after(rt, s);
	bg_report(rt);
	notice_deaths(rt);
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
			rt->fatal_stmt->file, rt->fatal_stmt->line);
	fprintf(rt->out, "%d passed, %d failed\n", rt->passed, rt->failed);
	return rt->fatal ? 2 : rt->failed ? 1 : 0;
}

static int end(struct scn_rt *rt, int status)
{
	const struct scn_observer *o = rt->opts->observer;

	if (o && o->end)
		o->end(o->arg, rt->ops->now(rt), rt, status);
	return status;
}

int scn_rt_run(struct scn_rt *rt)
{
	const struct scn_script *sc = rt->script;
	/* --policy errors point at the script's first statement */
	struct scn_stmt cli = {
		.kind = SCN_STMT_POLICY, .file = sc->file, .text = "",
		.line = sc->nstmts ? sc->stmts[0].line : 1,
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
	if (!rt->fatal && rt->opts->nsets)
		scn_rt_sets_plan(rt);
	/* the setup statements (an include's too), then the --set values due
	 * at boot: before the first other statement */
	for (i = 0; i < sc->nstmts && (is_setup(&sc->stmts[i]) ||
				       sc->stmts[i].kind == SCN_STMT_INCLUDE); i++)
		;
	scn_rt_exec(rt, 0, i);
	if (!rt->fatal && i < sc->nstmts) {
		rt->stmt = &sc->stmts[i];
		scn_rt_sets_after(rt, NULL);
	}
	scn_rt_exec(rt, i, sc->nstmts);
	if (!rt->fatal)
		rt->ops->wait(rt, NULL);
	bg_report(rt);
	bg_never_ended(rt);
	notice_deaths(rt);
	scn_rt_record_finish(rt);
	return end(rt, summary(rt));
}

void scn_rt_release(struct scn_rt *rt)
{
	struct scn_proc *p, *pn;
	struct scn_bg *b;

	while ((b = rt->bg_done) || (b = rt->bg_running)) {
		if (b == rt->bg_done)
			rt->bg_done = b->next;
		else
			rt->bg_running = b->next;
		free(b);
	}

	free(rt->set_plans);
	rt->set_plans = NULL;
	while (rt->fds)
		scn_rt_fd_close(rt, rt->fds->name);
	for (p = rt->procs; p; p = pn) {
		pn = p->next;
		free(p->scan.vec);
		free(p);
	}
	rt->procs = NULL;
	scn_rt_vars_release(rt);
}
