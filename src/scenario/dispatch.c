// SPDX-License-Identifier: GPL-2.0
/*
 * The dispatcher: each statement kind to the runtime helpers and backend
 * operations that carry it out, and each process action to its backend
 * operation.  It knows no machine: the same statements run on the model
 * or on a real kernel, whichever backend scn_run() is given.
 */
#include "scenario/run.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

/* ---- setup ---- */

static void unknown_knob(struct scn_rt *rt, const struct scn_stmt *s,
			 const char *key, const char *path)
{
	if (s->kind == SCN_STMT_SYSCTL)
		scn_rt_error(rt, "unknown sysctl '%s' (the %s has %s)", key,
			     rt->ops->name, rt->ops->sysctls ?: "no others");
	else
		scn_rt_error(rt, "unknown module parameter '%s' (%s does not exist in the %s)",
			     key, path, rt->ops->name);
}

/* sysctl and param: a write of each value to the knob's file. */
static void run_knobs(struct scn_rt *rt, const struct scn_stmt *s)
{
	size_t i;

	for (i = 0; i < s->set.n; i++) {
		const struct scn_kv *kv = &s->set.kv[i];
		struct strbuf path = STRBUF_INIT;
		int err = 0;

		if (s->kind == SCN_STMT_SYSCTL)
			scn_sysctl_path(kv->key, &path);
		else
			err = scn_param_path(kv->key, &path);
		if (!err)
			err = scn_rt_write_path(rt, path.buf, kv->value);
		if (err == -ENOENT)
			unknown_knob(rt, s, kv->key, path.buf);
		else if (err)
			scn_rt_error(rt, "%s %s=%s: %s", scn_stmt_kind_name(s->kind),
				     kv->key, kv->value, scn_rt_errname(err));
		sb_release(&path);
	}
}

static void run_policy(struct scn_rt *rt, const struct scn_stmt *s)
{
	size_t i;

	for (i = 0; i < s->set.n; i++)
		scn_rt_policy(rt, s->set.kv[i].key, s->set.kv[i].value);
}

/* ---- cgroups and files ---- */

static void run_dirs(struct scn_rt *rt, const struct scn_stmt *s, bool mk)
{
	size_t i;

	for (i = 0; i < s->dirs.n; i++)
		scn_rt_result(rt, mk ? rt->ops->mkdir(rt, s->dirs.paths[i])
				     : rt->ops->rmdir(rt, s->dirs.paths[i]));
}

/* What a `read` printed, or its error, for the observer. */
static void observe_read(struct scn_rt *rt, const struct scn_stmt *s,
			 const char *text, size_t len, int err)
{
	const struct scn_observer *o = rt->opts->observer;

	if (o && o->read)
		o->read(o->arg, s, rt->ops->now(rt), err ? NULL : text ?: "",
			err ? 0 : len, err);
}

static void run_read_key(struct scn_rt *rt, const struct scn_stmt *s)
{
	const struct scn_target *t = &s->read.target;
	struct strbuf val = STRBUF_INIT;
	bool is_max;
	s64 v;
	int err = scn_rt_number(rt, t, &v, &is_max);

	scn_rt_result(rt, err);
	if (!err && is_max)
		sb_puts(&val, "max");
	else if (!err)
		sb_printf(&val, "%lld", (long long)v);
	observe_read(rt, s, val.buf, val.len, err);
	if (!err && !s->expect_errno)
		fprintf(rt->out, "%s: %s\n", t->text, val.buf);
	sb_release(&val);
}

/* read /proc/NAME/pagemap REGION ...: one line a page (or the bytes). */
static void run_read_pages(struct scn_rt *rt, const struct scn_stmt *s)
{
	struct strbuf sb = STRBUF_INIT;
	int err = scn_rt_read_pages(rt, s, &sb);

	scn_rt_result(rt, err);
	observe_read(rt, s, sb.buf, sb.len, err);
	if (!err && !s->expect_errno)
		fprintf(rt->out, "%s %s:%s%s", s->read.target.text,
			s->read.pages.region, s->read.pages.raw ? " " : "\n",
			sb.buf ?: "");
	sb_release(&sb);
}

/* read pagemap NAME REGION BIT (...): a count, shown as a number */
static void run_read_count(struct scn_rt *rt, const struct scn_stmt *s)
{
	struct strbuf why = STRBUF_INIT, val = STRBUF_INIT;
	u64 n;
	int err = scn_rt_count_pages(rt, s->read.count, &n, &why);

	scn_rt_result(rt, err);
	if (!err)
		sb_printf(&val, "%llu\n", (unsigned long long)n);
	observe_read(rt, s, val.buf, val.len, err);
	if (!err && !s->expect_errno)
		fprintf(rt->out, "%s: %s", s->read.target.text, val.buf);
	sb_release(&why);
	sb_release(&val);
}

static void run_read(struct scn_rt *rt, const struct scn_stmt *s)
{
	const struct scn_target *t = &s->read.target;
	struct strbuf sb = STRBUF_INIT;
	int err;

	if (s->read.count) {
		run_read_count(rt, s);
		return;
	}
	if (s->read.pages.proc) {
		run_read_pages(rt, s);
		return;
	}
	if (t->key) {
		run_read_key(rt, s);
		return;
	}
	err = scn_rt_read(rt, t, &sb);
	scn_rt_result(rt, err);
	observe_read(rt, s, sb.buf, sb.len, err);
	if (err || s->expect_errno)
		goto out;
	/* one-line files on the same line, longer ones below their name */
	if (memchr(sb.buf ?: "", '\n', sb.len ? sb.len - 1 : 0))
		fprintf(rt->out, "%s:\n%s", t->text, sb.buf);
	else
		fprintf(rt->out, "%s: %s", t->text, sb.buf ?: "");
	if (!sb.len || sb.buf[sb.len - 1] != '\n')
		fputc('\n', rt->out);
out:
	sb_release(&sb);
}

/*
 * A statement expected to fail declares nothing (docs/scenario.md).  When
 * it succeeds all the same (a failing TAP line), what it made would be out
 * of the scenario's reach for the rest of the run, a process charging its
 * cgroup that nothing can kill, a region a later mmap would map twice
 * under one name: these undo it.
 */
static bool undo_unexpected(struct scn_rt *rt, int err)
{
	return !err && rt->stmt->expect_errno;
}

/*
 * A name declared twice: the parser refuses it in the text, but a name
 * built from variables ($NAME) is only known when it runs.
 */
static bool redeclared(struct scn_rt *rt, const char *name, bool fd)
{
	if (fd ? !scn_rt_fd(rt, name) : !scn_rt_proc(rt, name))
		return false;
	scn_rt_error(rt, fd ? "'%s' is already open" :
		     "process '%s' already exists", name);
	return true;
}

static void run_open(struct scn_rt *rt, const struct scn_stmt *s)
{
	void *file;
	int err;

	if (redeclared(rt, s->open.name, true))
		return;
	err = scn_rt_open(rt, &s->open.target,
			  s->open.nonblock ? SCN_O_NONBLOCK : 0, &file);

	scn_rt_result(rt, err);
	if (undo_unexpected(rt, err))
		rt->ops->close(rt, file);
	else if (!err)
		scn_rt_fd_add(rt, s->open.name, file);
}

/* ---- processes ---- */

/* A process made by a statement expected to fail: SIGKILL, unnamed. */
static void kill_unexpected(struct scn_rt *rt, void *task, const char *cg)
{
	struct scn_proc p = { .name = "", .task = task, .cgroup = cg };

	rt->ops->kill(rt, &p);
}

/*
 * A frozen process runs nothing until thawed (cgroup.freeze): a statement
 * that waits for it to act would wait for a later statement of this same
 * scenario.  Refuse it, as every wait has a bound.
 */
static bool refuse_frozen(struct scn_rt *rt, struct scn_proc *p,
			  const char *what)
{
	if (!p || !rt->ops->frozen ||
	    rt->ops->state(rt, p) != SCN_PROC_ALIVE || !rt->ops->frozen(rt, p))
		return false;
	scn_rt_error(rt, "%s is frozen (cgroup.freeze of %s or of an ancestor is 1): it cannot %s until its cgroup is thawed",
		     p->name, p->cgroup, what);
	return true;
}

static void run_spawn(struct scn_rt *rt, const struct scn_stmt *s)
{
	struct scn_proc *p;
	void *task;
	int err;

	if (redeclared(rt, s->spawn.name, false))
		return;
	err = rt->ops->spawn(rt, s, &task);

	scn_rt_result(rt, err);
	if (undo_unexpected(rt, err))
		kill_unexpected(rt, task, s->spawn.cgroup);
	if (err || s->expect_errno)
		return;
	p = scn_rt_proc_add(rt, s->spawn.name, task, s->spawn.cgroup);
	/* the other threads are created by the process itself, which a
	 * frozen cgroup holds from its birth */
	if (s->spawn.threads > 1 && refuse_frozen(rt, p, "create its threads"))
		return;
	err = rt->ops->threads(rt, p, s->spawn.threads);
	if (err)
		scn_rt_tap(rt, false, false, NULL, "threads: %s",
			   scn_rt_errname(err));
}

static struct scn_proc *live_proc(struct scn_rt *rt, const char *name)
{
	struct scn_proc *p = scn_rt_proc(rt, name);

	return p && rt->ops->state(rt, p) == SCN_PROC_ALIVE ? p : NULL;
}

static void run_fork(struct scn_rt *rt, const struct scn_stmt *s)
{
	struct scn_proc *parent = live_proc(rt, s->fork.parent);
	void *task;
	int err = -ESRCH;

	if (redeclared(rt, s->fork.child, false) ||
	    refuse_frozen(rt, parent, "fork"))
		return;
	if (parent)
		err = rt->ops->fork(rt, parent, s->fork.child, &task);
	/* a parent killed during the fork (an OOM kill) is not an error */
	if (err && parent && !s->expect_errno &&
	    rt->ops->state(rt, parent) == SCN_PROC_KILLED)
		err = 0;
	else
		scn_rt_result(rt, err);
	if (undo_unexpected(rt, err))
		kill_unexpected(rt, task, parent->cgroup);
	else if (!err && rt->ops->state(rt, parent) == SCN_PROC_ALIVE)
		scn_rt_proc_add(rt, s->fork.child, task, parent->cgroup);
}

/* One of a migration's two steps, where the backend can stop half-way. */
static void run_move_step(struct scn_rt *rt, const struct scn_stmt *s,
			  struct scn_proc *p)
{
	if (!rt->ops->move_step) {
		scn_rt_error(rt, "a migration stopped between css_set_move_task() and ->attach() is model-only: the %s cannot run '%s'",
			     rt->ops->name, s->text);
		return;
	}
	scn_rt_result(rt, rt->ops->move_step(rt, p, s->move.cgroup));
}

/* A write of the pid to CGROUP/cgroup.procs. */
static void run_move(struct scn_rt *rt, const struct scn_stmt *s)
{
	struct scn_proc *p = scn_rt_proc(rt, s->move.proc);
	struct strbuf path = STRBUF_INIT, pid = STRBUF_INIT;
	int err;

	if (!p) {
		scn_rt_result(rt, -ESRCH);	/* its spawn failed */
		return;
	}
	if (s->move.step != SCN_MOVE_WHOLE) {
		run_move_step(rt, s, p);
		return;
	}
	/* a cgroup file's path is relative to the root: the root's has no '/' */
	if (strcmp(s->move.cgroup, "/"))
		sb_printf(&path, "%s/", s->move.cgroup);
	sb_puts(&path, "cgroup.procs");
	sb_printf(&pid, "%d", rt->ops->pid(rt, p));
	err = scn_rt_write_path(rt, path.buf, pid.buf);
	scn_rt_result(rt, err);
	if (!err)
		p->cgroup = s->move.cgroup;
	sb_release(&path);
	sb_release(&pid);
}

static void run_kill(struct scn_rt *rt, const struct scn_stmt *s)
{
	struct scn_proc *p = live_proc(rt, s->kill.proc);

	scn_rt_result(rt, p ? 0 : -ESRCH);
	if (p)
		rt->ops->kill(rt, p);
}

/* ---- process actions ---- */

static scn_action_fn *action_op(const struct scn_backend_ops *ops,
				enum scn_action_kind kind)
{
	switch (kind) {
	case SCN_ACT_EXIT:	return ops->act.exit;
	case SCN_ACT_MMAP:	return ops->act.mmap;
	case SCN_ACT_TOUCH:	return ops->act.touch;
	case SCN_ACT_WRITE:	return ops->act.write;
	case SCN_ACT_READ:	return ops->act.read;
	case SCN_ACT_TRUNCATE:	return ops->act.truncate;
	case SCN_ACT_MLOCK:	return ops->act.mlock;
	case SCN_ACT_MUNLOCK:	return ops->act.munlock;
	case SCN_ACT_MADVISE:	return ops->act.madvise;
	case SCN_ACT_MUNMAP:	return ops->act.munmap;
	case SCN_ACT_PIN:	return ops->act.pin;
	case SCN_ACT_UNPIN:	return ops->act.unpin;
	case SCN_ACT_DENTRIES:	return ops->act.dentries;
	case SCN_ACT_ACCESS:	return ops->act.access;
	case SCN_ACT_REPLAY:	return ops->act.replay;
	case SCN_ACT_SHMCTL:	return ops->act.shmctl;
	case SCN_ACT_CLEAR_REFS: return ops->act.clear_refs;
	case SCN_ACT_MPROTECT:	return ops->act.mprotect;
	case SCN_ACT_UFFD:	return ops->act.uffd;
	case SCN_ACT_PAGEMAP_SCAN: return ops->act.pagemap_scan;
	case SCN_ACT_CLOSE:	return ops->act.close;
	case SCN_ACT_SETRLIMIT:	return ops->act.setrlimit;
	case SCN_ACT_NR_KINDS:	break;
	}
	return NULL;
}

/* The operations an action states in itself, within the limits. */
static int check_counts(struct scn_rt *rt, const struct scn_action *a)
{
	if (a->kind == SCN_ACT_ACCESS)
		return scn_rt_check_ops(rt, a->access.ops, "accesses");
	if (a->kind == SCN_ACT_DENTRIES)
		return scn_rt_check_ops(rt, a->dentries.count, "lookups");
	return 0;
}

/* A region mapped by an mmap expected to fail: unmapped again. */
static void unmap_unexpected(struct scn_rt *rt, struct scn_proc *p,
			     const struct scn_action *mmap)
{
	struct scn_action a = {
		.kind = SCN_ACT_MUNMAP, .proc = mmap->proc,
		.munmap.region = mmap->mmap.region,
	};

	if (rt->ops->state(rt, p) != SCN_PROC_ALIVE ||
	    rt->ops->enter(rt, p))
		return;
	rt->ops->act.munmap(rt, p, &a);
	rt->ops->leave(rt, p);
}

static void run_action(struct scn_rt *rt, const struct scn_stmt *s)
{
	const struct scn_action *a = &s->action;
	scn_action_fn *fn = action_op(rt->ops, a->kind);
	struct scn_proc *p = scn_rt_proc(rt, a->proc);
	int err;

	if (refuse_frozen(rt, p, "run an action"))
		return;
	err = p ? rt->ops->enter(rt, p) : -ESRCH;
	if (err) {
		scn_rt_result(rt, err);
		return;
	}
	err = check_counts(rt, a);
	if (!fn) {
		rt->ops->leave(rt, p);
		scn_rt_error(rt, "%s: the %s backend cannot run it yet",
			     scn_action_name(a->kind), rt->ops->name);
		return;
	}
	if (!err)
		err = fn(rt, p, a);
	rt->ops->leave(rt, p);
	if (rt->fatal)
		return;		/* a limit, or a trace that cannot be read */
	if (!err && a->background) {
		/* its result comes when it ends: scn_rt_bg_done() */
		scn_rt_bg_started(rt);
		return;
	}
	/* a process killed in the middle of an action is not an error */
	if (rt->ops->state(rt, p) == SCN_PROC_KILLED && !s->expect_errno)
		err = 0;
	scn_rt_result(rt, err);
	if (undo_unexpected(rt, err) && a->kind == SCN_ACT_MMAP)
		unmap_unexpected(rt, p, a);
}

/* ---- time and checks ---- */

static void run_wait_until(struct scn_rt *rt, const struct scn_stmt *s)
{
	u64 deadline = rt->ops->now(rt) + s->wait_until.timeout_ns;
	struct strbuf why = STRBUF_INIT;

	if (deadline < s->wait_until.timeout_ns)
		deadline = UINT64_MAX;	/* beyond the end of time */
	while (!scn_rt_cond(rt, &s->wait_until.cond, &why) &&
	       rt->ops->now(rt) < deadline) {
		rt->ops->step(rt, deadline);
		scn_rt_progress(rt);
		sb_reset(&why);
	}
	sb_release(&why);
}

static void run_expect(struct scn_rt *rt, const struct scn_stmt *s)
{
	struct strbuf why = STRBUF_INIT;
	bool ok = scn_rt_cond(rt, &s->expect.cond, &why);

	scn_rt_tap(rt, ok, !ok && s->expect.xfail, s->expect.xfail_reason,
		   ok ? NULL : "%s", why.buf ?: "");
	sb_release(&why);
}

/* A cgroup file as a target: "memory.current" of @cg ("/" the root). */
static void cgroup_file(struct scn_target *t, struct strbuf *path,
			const char *cg, const char *file)
{
	memset(t, 0, sizeof(*t));
	sb_printf(path, "%s/%s", strcmp(cg, "/") ? cg : "", file);
	t->kind = SCN_TARGET_CGROUP;
	t->path = t->text = path->buf;
}

/* The selftests' reclaim_until(memcg, goal): one step; NULL when done. */
static const char *reclaim_step(struct scn_rt *rt, const struct scn_target *cur,
				const struct scn_target *rec, s64 goal,
				s64 *current, bool *reclaimed, bool *done)
{
	char buf[32];
	bool is_max;
	int err;

	if (scn_rt_number(rt, cur, current, &is_max))
		return "memory.current unreadable";
	if (*current < goal || scn_values_close(*current, goal, 3)) {
		*done = true;
		return NULL;
	}
	if (*reclaimed)
		return "memory.reclaim succeeded but usage stayed above the goal";
	snprintf(buf, sizeof(buf), "%lld", (long long)(*current - goal));
	err = scn_rt_write(rt, rec, buf);
	if (!err)
		*reclaimed = true;
	else if (err != -EAGAIN)
		return scn_rt_errname(err);
	return NULL;
}

static void run_reclaim_until(struct scn_rt *rt, const struct scn_stmt *s)
{
	struct strbuf cur_path = STRBUF_INIT, rec_path = STRBUF_INIT;
	const char *why = NULL;
	struct scn_target cur, rec;
	bool reclaimed = false, done = false;
	s64 current = 0;
	int retries;

	cgroup_file(&cur, &cur_path, s->reclaim_until.cgroup, "memory.current");
	cgroup_file(&rec, &rec_path, s->reclaim_until.cgroup, "memory.reclaim");
	for (retries = 5; retries > 0 && !why && !done; retries--)
		why = reclaim_step(rt, &cur, &rec, s->reclaim_until.goal,
				   &current, &reclaimed, &done);
	if (!why && !reclaimed)
		why = "no write to memory.reclaim succeeded";
	if (!why)
		scn_rt_tap(rt, true, false, NULL, NULL);
	else
		scn_rt_tap(rt, false, false, NULL, "%s; memory.current %lld",
			   why, (long long)current);
	sb_release(&cur_path);
	sb_release(&rec_path);
}

static void run_record(struct scn_rt *rt, const struct scn_stmt *s)
{
	int err = scn_rt_record(rt, s);

	if (err && !rt->fatal)
		scn_rt_error(rt, "record: %s", scn_rt_errname(err));
}

static void run_mkdir(struct scn_rt *rt, const struct scn_stmt *s)
{
	run_dirs(rt, s, true);
}

static void run_rmdir(struct scn_rt *rt, const struct scn_stmt *s)
{
	run_dirs(rt, s, false);
}

static void run_write(struct scn_rt *rt, const struct scn_stmt *s)
{
	scn_rt_result(rt, scn_rt_write(rt, &s->write.target, s->write.value));
}

static void run_close(struct scn_rt *rt, const struct scn_stmt *s)
{
	scn_rt_result(rt, scn_rt_fd_close(rt, s->close.name));
}

static void run_echo(struct scn_rt *rt, const struct scn_stmt *s)
{
	const struct scn_observer *o = rt->opts->observer;

	fprintf(rt->out, "%s\n", s->echo.text);
	if (o && o->event)
		o->event(o->arg, s, rt->ops->now(rt), "echo", NULL, s->echo.text);
}

static void run_sleep(struct scn_rt *rt, const struct scn_stmt *s)
{
	rt->ops->sleep(rt, s->sleep.ns);
}

/* `wait`: a frozen process's background actions cannot end. */
static void run_wait(struct scn_rt *rt, const struct scn_stmt *s)
{
	struct scn_proc *p = scn_rt_proc(rt, s->wait.proc);
	struct scn_bg *b;

	for (b = rt->bg_running; b; b = b->next) {
		struct scn_proc *q = scn_rt_proc(rt, b->stmt->action.proc);

		if ((!p || q == p) &&
		    refuse_frozen(rt, q, "finish its background actions"))
			return;
	}
	rt->ops->wait(rt, p);
}

static void run_tmpfs(struct scn_rt *rt, const struct scn_stmt *s)
{
	if (!rt->ops->mount_tmpfs) {
		scn_rt_error(rt, "mount tmpfs: the %s backend cannot run it yet",
			     rt->ops->name);
		return;
	}
	scn_rt_result(rt, rt->ops->mount_tmpfs(rt, s->tmpfs.path,
					       s->tmpfs.options));
}

/* ---- the statement table ---- */

/* machine and mount have none: the backend applied them when created. */
static scn_exec_fn *const stmt_handlers[SCN_STMT_NR_KINDS] = {
	[SCN_STMT_SYSCTL] = run_knobs,
	[SCN_STMT_PARAM] = run_knobs,
	[SCN_STMT_POLICY] = run_policy,
	[SCN_STMT_MKDIR] = run_mkdir,
	[SCN_STMT_RMDIR] = run_rmdir,
	[SCN_STMT_WRITE] = run_write,
	[SCN_STMT_READ] = run_read,
	[SCN_STMT_OPEN] = run_open,
	[SCN_STMT_CLOSE] = run_close,
	[SCN_STMT_ECHO] = run_echo,
	[SCN_STMT_SPAWN] = run_spawn,
	[SCN_STMT_FORK] = run_fork,
	[SCN_STMT_MOVE] = run_move,
	[SCN_STMT_KILL] = run_kill,
	[SCN_STMT_ACTION] = run_action,
	[SCN_STMT_SLEEP] = run_sleep,
	[SCN_STMT_WAIT] = run_wait,
	[SCN_STMT_WAIT_UNTIL] = run_wait_until,
	[SCN_STMT_EXPECT] = run_expect,
	[SCN_STMT_RECORD] = run_record,
	[SCN_STMT_RECLAIM_UNTIL] = run_reclaim_until,
	[SCN_STMT_TMPFS] = run_tmpfs,
};

static void dispatch(struct scn_rt *rt, const struct scn_stmt *s)
{
	if ((size_t)s->kind < ARRAY_SIZE(stmt_handlers) &&
	    stmt_handlers[s->kind])
		stmt_handlers[s->kind](rt, s);
}

int scn_run(const struct scn_script *script, struct scn_backend *be,
	    const struct scn_run_options *opts)
{
	struct scn_rt rt;
	int ret;

	scn_rt_init(&rt, script, be, opts, dispatch);
	ret = scn_rt_run(&rt);
	scn_rt_record_release(&rt);
	scn_rt_release(&rt);
	return ret;
}
