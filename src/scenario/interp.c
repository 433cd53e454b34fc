// SPDX-License-Identifier: GPL-2.0
/*
 * The scenario interpreter: boots the machine the script describes and runs
 * its statements in order.  Statements act through the same doors a shell
 * would use on a real kernel (cgroupfs writes, cgroup.procs, the process's
 * own system calls), so errors come back as the kernel's errnos.
 *
 * Output is TAP: one line per expectation and per `=> ERRNO`, and a failing
 * line for any operation that failed unexpectedly.  The run ends with the
 * plan and "N passed, N failed".
 */
#include "interp.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "include/machine.h"
#include "kernel/cgroup.h"
#include "include/sched.h"
#include "kernel/task.h"
#include "fs/dcache.h"
#include "include/kernfs.h"
#include "include/fs.h"
#include "mm/debug.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/mm.h"
#include "mm/swap.h"
#include "scenario/parser.h"

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

void interp_tap(struct interp *in, bool ok, bool todo, const char *reason,
		const char *fmt, ...)
{
	const struct scn_stmt *s = in->stmt;
	va_list ap;

	in->tests++;
	fprintf(in->out, "%sok %d - line %d: ", ok ? "" : "not ", in->tests,
		s->line);
	tap_puts_escaped(in->out, s->text);
	if (todo)
		fprintf(in->out, " # TODO %s", reason && *reason ? reason : "known failure");
	if (fmt && *fmt) {
		fputs(todo ? "; " : " # ", in->out);
		va_start(ap, fmt);
		vfprintf(in->out, fmt, ap);
		va_end(ap);
	}
	fputc('\n', in->out);
	if (ok)
		in->passed++;
	else if (todo)
		in->todo++;
	else
		in->failed++;
}

void interp_error(struct interp *in, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: ", in->stmt->file, in->stmt->line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	in->fatal = 1;
}

static const char *errname(int err)
{
	const char *name = scn_errno_name(err < 0 ? -err : err);

	return name ? name : "an unknown error";
}

/*
 * Check an operation's result against the statement's `=> ERRNO`.
 * Expected failures and successes are TAP lines; an unexpected failure is
 * a failing line too, so no error passes silently.
 */
static void check_result(struct interp *in, int err)
{
	const struct scn_stmt *s = in->stmt;

	if (s->expect_errno) {
		bool ok = err == -s->expect_errno;

		if (ok)
			interp_tap(in, true, false, NULL, NULL);
		else if (err)
			interp_tap(in, false, false, NULL, "failed with %s", errname(err));
		else
			interp_tap(in, false, false, NULL, "succeeded");
		return;
	}
	if (err)
		interp_tap(in, false, false, NULL, "failed with %s", errname(err));
}

struct proc *interp_proc(struct interp *in, const char *name)
{
	struct proc *p;

	for (p = in->procs; p; p = p->next)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

static struct proc *proc_add(struct interp *in, const char *name,
			     struct task_struct *t)
{
	struct proc *p = calloc(1, sizeof(*p));

	if (!p)
		abort();
	p->name = name;
	p->task = t;
	p->next = in->procs;
	in->procs = p;
	return p;
}

static struct open_fd *fd_find(struct interp *in, const char *name)
{
	struct open_fd *f;

	for (f = in->fds; f; f = f->next)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

/* ---- setup ---- */

static int write_knob(struct interp *in, const char *path, const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	long ret;

	sb_printf(&sb, "%s\n", value);
	ret = kernfs_write_path(in->m, path, sb.buf, sb.len);
	sb_release(&sb);
	return ret < 0 ? (int)ret : 0;
}

static void run_sysctl(struct interp *in, const struct scn_stmt *s)
{
	size_t i;

	for (i = 0; i < s->set.n; i++) {
		const struct scn_kv *kv = &s->set.kv[i];
		struct strbuf path = STRBUF_INIT;
		int err;
		char *p;

		sb_printf(&path, "/proc/sys/%s", kv->key);
		for (p = path.buf + 10; *p; p++)
			if (*p == '.')
				*p = '/';
		err = write_knob(in, path.buf, kv->value);
		if (err == -ENOENT)
			interp_error(in, "unknown sysctl '%s' (the model has %s)",
				     kv->key, "vm.swappiness, vm.min_free_kbytes, "
				     "vm.watermark_scale_factor, vm.overcommit_memory, "
				     "vm.panic_on_oom, vm.oom_kill_allocating_task, "
				     "vm.drop_caches");
		else if (err)
			interp_error(in, "sysctl %s=%s: %s", kv->key, kv->value,
				     errname(err));
		sb_release(&path);
	}
}

static void run_param(struct interp *in, const struct scn_stmt *s)
{
	size_t i;

	for (i = 0; i < s->set.n; i++) {
		const struct scn_kv *kv = &s->set.kv[i];
		const char *dot = strchr(kv->key, '.');
		struct strbuf path = STRBUF_INIT;
		int err;

		sb_printf(&path, "/sys/module/%.*s/parameters/%s",
			  dot ? (int)(dot - kv->key) : 0, kv->key,
			  dot ? dot + 1 : kv->key);
		err = dot ? write_knob(in, path.buf, kv->value) : -ENOENT;
		if (err == -ENOENT)
			interp_error(in, "unknown module parameter '%s' (%s does not exist in the model)",
				     kv->key, path.buf);
		else if (err)
			interp_error(in, "param %s=%s: %s", kv->key, kv->value,
				     errname(err));
		sb_release(&path);
	}
}

/* Design switches (DESIGN.md); the first value of each is Linux 6.12. */
static const struct {
	const char *name;
	const char *values[4];
} policy_switches[] = {
	{ "zswap.lru", { "memcg", "global" } },
	{ "memcg.offline_kmem", { "reparent", "drain" } },
	{ "smemcg", { "off", "charge", "borrow" } },
	{ "objcg.task_cache", { "on", "off" } },
	{ "pagemap.shmem_swap", { "none", "marker", "lookup" } },
};

/* Apply value @k of switch @j; -ENOSYS for what the model lacks yet. */
static int policy_set(struct mm_policy *p, size_t j, size_t k)
{
	switch (j) {
	case 0:		/* zswap.lru */
		p->zswap_lru_global = k == 1;
		return 0;
	case 1:		/* memcg.offline_kmem */
		p->offline_kmem_drain = k == 1;
		return 0;
	case 3:		/* objcg.task_cache */
		p->objcg_no_task_cache = k == 1;
		return 0;
	default:
		return k ? -ENOSYS : 0;
	}
}

static void apply_policy(struct interp *in, const struct scn_kv *kv)
{
	size_t j, k;

	for (j = 0; j < ARRAY_SIZE(policy_switches); j++)
		if (!strcmp(policy_switches[j].name, kv->key))
			break;
	if (j == ARRAY_SIZE(policy_switches)) {
		interp_error(in, "unknown policy '%s'", kv->key);
		return;
	}
	for (k = 0; k < 4 && policy_switches[j].values[k]; k++)
		if (!strcmp(policy_switches[j].values[k], kv->value))
			break;
	if (k == 4 || !policy_switches[j].values[k])
		interp_error(in, "policy %s has no value '%s'", kv->key, kv->value);
	else if (policy_set(&in->m->policy, j, k))
		interp_error(in, "policy %s=%s is not modelled yet; only the "
			     "Linux 6.12 behaviour (%s) is", kv->key,
			     kv->value, policy_switches[j].values[0]);
}

static void run_policy(struct interp *in, const struct scn_stmt *s)
{
	size_t i;

	for (i = 0; i < s->set.n; i++)
		apply_policy(in, &s->set.kv[i]);
}

/* --policy NAME=VALUE from the command line, over the script's own. */
static void apply_cli_policies(struct interp *in)
{
	int i;

	for (i = 0; i < in->opts->npolicies; i++) {
		char *dup = strdup(in->opts->policies[i]);
		char *eq = strchr(dup, '=');
		struct scn_kv kv = { dup, eq ? eq + 1 : "" };

		if (eq)
			*eq = '\0';
		apply_policy(in, &kv);
		free(dup);
	}
}

/* ---- cgroup files ---- */

static int target_open(struct interp *in, const struct scn_target *t,
		       unsigned int flags, struct kernfs_open_file **ofp,
		       bool *borrowed)
{
	*borrowed = false;
	if (t->kind == SCN_TARGET_FD) {
		*ofp = fd_find(in, t->fd)->of;
		*borrowed = true;
		return 0;
	}
	return kernfs_open(in->m, t->path, flags, ofp);
}

static int target_write(struct interp *in, const struct scn_target *t,
			const char *value)
{
	struct kernfs_open_file *of;
	struct strbuf sb = STRBUF_INIT;
	bool borrowed;
	long ret = target_open(in, t, 0, &of, &borrowed);

	if (ret)
		return ret;
	sb_printf(&sb, "%s\n", value);
	ret = kernfs_write(of, sb.buf, sb.len);
	sb_release(&sb);
	if (!borrowed)
		kernfs_close(of);
	return ret < 0 ? (int)ret : 0;
}

static void run_read(struct interp *in, const struct scn_stmt *s)
{
	const struct scn_target *t = &s->read.target;
	struct strbuf sb = STRBUF_INIT;
	bool is_max;
	s64 v;
	int err;

	if (t->key) {
		err = target_number(in, t, &v, &is_max);
		check_result(in, err);
		if (!err && !s->expect_errno)
			is_max ? fprintf(in->out, "%s: max\n", t->text)
			       : fprintf(in->out, "%s: %lld\n", t->text, (long long)v);
		return;
	}
	err = target_read(in, t, &sb);
	check_result(in, err);
	if (err || s->expect_errno)
		goto out;
	/* one-line files on the same line, longer ones below their name */
	if (memchr(sb.buf ?: "", '\n', sb.len ? sb.len - 1 : 0))
		fprintf(in->out, "%s:\n%s", t->text, sb.buf);
	else
		fprintf(in->out, "%s: %s", t->text, sb.buf ?: "");
	if (!sb.len || sb.buf[sb.len - 1] != '\n')
		fputc('\n', in->out);
out:
	sb_release(&sb);
}

static void run_open(struct interp *in, const struct scn_stmt *s)
{
	struct kernfs_open_file *of;
	struct open_fd *f;
	bool borrowed;
	int err = target_open(in, &s->open.target,
			      s->open.nonblock ? KF_O_NONBLOCK : 0, &of, &borrowed);

	check_result(in, err);
	if (err)
		return;
	f = calloc(1, sizeof(*f));
	if (!f)
		abort();
	f->name = s->open.name;
	f->of = of;
	f->next = in->fds;
	in->fds = f;
}

static void run_close(struct interp *in, const struct scn_stmt *s)
{
	struct open_fd **pp, *f;

	for (pp = &in->fds; (f = *pp); pp = &f->next) {
		if (strcmp(f->name, s->close.name))
			continue;
		*pp = f->next;
		kernfs_close(f->of);
		free(f);
		check_result(in, 0);
		return;
	}
	check_result(in, -EBADF);
}

static void run_dirs(struct interp *in, const struct scn_stmt *s, bool mk)
{
	size_t i;

	for (i = 0; i < s->dirs.n; i++)
		check_result(in, mk ? cgroup_mkdir(in->m, s->dirs.paths[i])
				    : cgroup_rmdir(in->m, s->dirs.paths[i]));
}

/* ---- processes ---- */

static void run_spawn(struct interp *in, const struct scn_stmt *s)
{
	struct cgroup *cgrp = cgroup_lookup(in->m, s->spawn.cgroup);
	struct task_struct *t;
	int err = -ENOENT;

	if (s->spawn.cpu >= in->m->nr_cpus) {
		check_result(in, -EINVAL);
		return;
	}
	t = cgrp ? task_spawn(in->m, s->spawn.name, cgrp, &err) : NULL;
	check_result(in, t ? 0 : err);
	if (!t)
		return;
	t->oom_score_adj = s->spawn.oom_score_adj;
	if (s->spawn.cpu >= 0)
		t->cpu = s->spawn.cpu;
	proc_add(in, s->spawn.name, t);
	/* the other threads are created by the process itself, in its cgroup */
	in->m->current = t;
	err = task_set_threads(t, s->spawn.threads);
	in->m->current = NULL;
	if (err)
		interp_tap(in, false, false, NULL, "threads: %s", errname(err));
}

static struct task_struct *live_task(struct interp *in, const char *name)
{
	struct proc *p = interp_proc(in, name);

	return p && p->task->life == TASK_ALIVE ? p->task : NULL;
}

static void run_fork(struct interp *in, const struct scn_stmt *s)
{
	struct task_struct *parent = live_task(in, s->fork.parent), *t;
	int err = -ESRCH;

	t = parent ? task_fork(parent, s->fork.child, &err) : NULL;
	check_result(in, t ? 0 : err);
	if (t)
		proc_add(in, s->fork.child, t);
}

static void run_move(struct interp *in, const struct scn_stmt *s)
{
	struct proc *p = interp_proc(in, s->move.proc);
	struct scn_target t = { .kind = SCN_TARGET_CGROUP };
	struct strbuf path = STRBUF_INIT, pid = STRBUF_INIT;

	sb_printf(&path, "%s/cgroup.procs",
		  strcmp(s->move.cgroup, "/") ? s->move.cgroup : "");
	sb_printf(&pid, "%d", p->task->pid);
	t.path = path.buf;
	check_result(in, target_write(in, &t, pid.buf));
	sb_release(&path);
	sb_release(&pid);
}

static void run_kill(struct interp *in, const struct scn_stmt *s)
{
	struct task_struct *t = live_task(in, s->kill.proc);

	check_result(in, t ? 0 : -ESRCH);
	if (t)
		task_send_sigkill(t);
}

/* ---- process actions ---- */

void interp_return_to_user(struct interp *in, struct task_struct *t)
{
	if (t->life == TASK_ALIVE && t->memcg_nr_pages_over_high)
		mem_cgroup_handle_over_high(in->m, GFP_KERNEL);
}

struct fill fill_of(enum scn_fill fill, double ratio)
{
	struct fill f = { FILL_ZERO, 0 };

	switch (fill) {
	case SCN_FILL_SPARSE:
		f.kind = FILL_SPARSE;
		break;
	case SCN_FILL_ZERO:
		f.kind = FILL_ZERO;
		break;
	case SCN_FILL_TEXT:
		f.kind = FILL_TEXT;
		break;
	case SCN_FILL_RANDOM:
		f.kind = FILL_RANDOM;
		break;
	case SCN_FILL_RATIO:
		f.kind = FILL_RATIO;
		f.ratio = ratio;
		break;
	}
	return f;
}

static struct vm_area_struct *region(struct task_struct *t, const char *name)
{
	return t->mm ? find_vma_by_name(t->mm, name) : NULL;
}

static void range_of(const struct vm_area_struct *vma,
		     const struct scn_range *r, unsigned long *start,
		     unsigned long *end)
{
	*start = vma->vm_start;
	*end = vma->vm_end;
	if (r->whole)
		return;
	*start = vma->vm_start + (r->offset & PAGE_MASK);
	*end = min(vma->vm_end, ALIGN(vma->vm_start + r->offset + r->length,
				       PAGE_SIZE));
}

static int act_mmap(struct interp *in, struct task_struct *t,
		    const struct scn_action *a)
{
	static const enum vma_kind kinds[] = {
		[SCN_MMAP_ANON] = VMA_ANON, [SCN_MMAP_FILE] = VMA_FILE,
		[SCN_MMAP_SHMEM] = VMA_SHMEM, [SCN_MMAP_MEMFD] = VMA_SHMEM,
	};
	struct inode *inode = NULL;
	struct vm_area_struct *vma;
	int err = 0;

	if (a->mmap.kind == SCN_MMAP_MEMFD)
		inode = shmem_file_setup(in->m, a->mmap.size);
	else if (a->mmap.path)
		inode = vfs_open(in->m, a->mmap.path, true, &err);
	if (a->mmap.kind != SCN_MMAP_ANON && !inode)
		return err ?: -ENOMEM;
	if (a->mmap.kind == SCN_MMAP_SHMEM && inode->kind != INODE_SHMEM)
		err = -EINVAL;	/* shmem paths live under /dev/shm */
	if (!err && inode && inode->i_size < a->mmap.size)
		vfs_truncate(in->m, inode, a->mmap.size);
	if (!err)
		err = do_mmap(t->mm, a->mmap.region,
			      inode && inode->kind == INODE_SHMEM ? VMA_SHMEM
								  : kinds[a->mmap.kind],
			      inode, a->mmap.size, a->mmap.shared, &vma);
	if (inode)
		iput(in->m, inode);
	return err;
}

static int act_file(struct interp *in, const struct scn_action *a)
{
	const char *path = a->kind == SCN_ACT_WRITE ? a->write.path :
			   a->kind == SCN_ACT_READ ? a->read.path : a->truncate.path;
	struct fill text = { FILL_TEXT, 0 };
	struct inode *inode;
	long ret = 0;
	int err;

	inode = vfs_open(in->m, path, a->kind != SCN_ACT_READ, &err);
	if (!inode)
		return err;
	switch (a->kind) {
	case SCN_ACT_WRITE:
		ret = filemap_write(in->m, inode, a->write.offset, a->write.size,
				    &text);
		break;
	case SCN_ACT_READ:
		ret = a->read.range.whole ?
		      filemap_read(in->m, inode, 0, inode->i_size) :
		      filemap_read(in->m, inode, a->read.range.offset,
				   a->read.range.length);
		break;
	default:
		ret = vfs_truncate(in->m, inode, a->truncate.size);
		break;
	}
	iput(in->m, inode);
	return ret < 0 ? (int)ret : 0;
}

static int act_madvise(struct task_struct *t, const struct scn_action *a)
{
	struct vm_area_struct *vma = region(t, a->madvise.region);
	unsigned long start, end;

	if (!vma)
		return -EINVAL;
	range_of(vma, &a->madvise.range, &start, &end);
	switch (a->madvise.advice) {
	case SCN_MADV_PAGEOUT:
		return madvise_pageout(vma, start, end);
	case SCN_MADV_COLD:
		return madvise_cold(vma, start, end);
	case SCN_MADV_DONTNEED:
		return madvise_dontneed(vma, start, end);
	case SCN_MADV_WILLNEED:
		return madvise_willneed(vma, start, end);
	}
	return -EINVAL;
}

static int act_mlock(struct task_struct *t, const struct scn_action *a)
{
	struct vm_area_struct *vma = region(t, a->mlock.region);
	unsigned long start, end;

	if (!vma)
		return -ENOMEM;
	range_of(vma, &a->mlock.range, &start, &end);
	return mlock_range(vma, start, end, a->kind == SCN_ACT_MLOCK);
}

/* Path lookups of missing names, or file creations: kmem in the dcache. */
static int act_dentries(struct interp *in, const struct scn_action *a)
{
	if (a->dentries.kind == SCN_DENTRY_POSITIVE)
		return dentries_create_files(in->m, a->dentries.count);
	return dentries_lookup_missing(in->m, a->dentries.count);
}

static int act_unmodelled(struct interp *in, const char *what, int issue)
{
	interp_error(in, "%s is not modelled yet (issue #%d)", what, issue);
	return 0;
}

static int dispatch_action(struct interp *in, struct proc *p,
			   const struct scn_action *a)
{
	struct task_struct *t = p->task;

	switch (a->kind) {
	case SCN_ACT_EXIT:
		task_exit(t);
		return 0;
	case SCN_ACT_MMAP:
		return act_mmap(in, t, a);
	case SCN_ACT_TOUCH:
		return action_touch(in, p, a);
	case SCN_ACT_WRITE:
	case SCN_ACT_READ:
	case SCN_ACT_TRUNCATE:
		return act_file(in, a);
	case SCN_ACT_MLOCK:
		if (a->background)
			return action_mlock_background(in, p, a);
		return act_mlock(t, a);
	case SCN_ACT_MUNLOCK:
		return act_mlock(t, a);
	case SCN_ACT_MADVISE:
		return act_madvise(t, a);
	case SCN_ACT_MUNMAP:
		return region(t, a->munmap.region) ?
		       do_munmap(t->mm, region(t, a->munmap.region)) : -EINVAL;
	case SCN_ACT_PIN:
	case SCN_ACT_UNPIN:
		return act_unmodelled(in, "pin accounting", 0);
	case SCN_ACT_DENTRIES:
		return act_dentries(in, a);
	case SCN_ACT_ACCESS:
		return action_access(in, p, a);
	case SCN_ACT_REPLAY:
		return action_replay(in, p, a);
	case SCN_ACT_NR_KINDS:
		break;
	}
	return -EINVAL;
}

static void run_action(struct interp *in, const struct scn_stmt *s)
{
	const struct scn_action *a = &s->action;
	struct proc *p = interp_proc(in, a->proc);
	struct task_struct *t = p->task;
	int err;

	if (t->life != TASK_ALIVE) {
		check_result(in, -ESRCH);
		return;
	}
	in->m->current = t;
	err = dispatch_action(in, p, a);
	if (t->life == TASK_ALIVE) {
		interp_return_to_user(in, t);
		task_handle_signals(t);
	}
	in->m->current = NULL;
	/* a process killed in the middle of an action is not an error */
	if (t->life == TASK_KILLED && !s->expect_errno)
		err = 0;
	check_result(in, err);
}

/* ---- time and checks ---- */

static void run_wait_until(struct interp *in, const struct scn_stmt *s)
{
	u64 deadline = in->m->clock.now + s->wait_until.timeout_ns;
	struct strbuf why = STRBUF_INIT;

	/* check after every event; poll every jiffy while nothing happens */
	while (!cond_eval(in, &s->wait_until.cond, &why) &&
	       in->m->clock.now < deadline) {
		struct sim_event *ev = clock_peek(&in->m->clock);
		u64 next = in->m->clock.now + NSEC_PER_JIFFY;

		if (ev && ev->when < next)
			next = ev->when;
		machine_run_until(in->m, min(next, deadline));
		sb_reset(&why);
	}
	sb_release(&why);
}

static void run_expect(struct interp *in, const struct scn_stmt *s)
{
	struct strbuf why = STRBUF_INIT;
	bool ok = cond_eval(in, &s->expect.cond, &why);

	interp_tap(in, ok, !ok && s->expect.xfail, s->expect.xfail_reason,
		   ok ? NULL : "%s", why.buf ?: "");
	sb_release(&why);
}

/* The selftests' reclaim_until(memcg, goal), step for step. */
static void run_reclaim_until(struct interp *in, const struct scn_stmt *s)
{
	const char *cg = strcmp(s->reclaim_until.cgroup, "/") ? s->reclaim_until.cgroup : "";
	struct scn_target cur = { .kind = SCN_TARGET_CGROUP };
	struct scn_target rec = { .kind = SCN_TARGET_CGROUP };
	struct strbuf cur_path = STRBUF_INIT, rec_path = STRBUF_INIT;
	s64 goal = s->reclaim_until.goal, current = 0;
	bool reclaimed = false, is_max, ok = false;
	const char *why = "no write to memory.reclaim succeeded";
	int retries, err;

	sb_printf(&cur_path, "%s/memory.current", cg);
	sb_printf(&rec_path, "%s/memory.reclaim", cg);
	cur.path = cur.text = cur_path.buf;
	rec.path = rec.text = rec_path.buf;
	for (retries = 5; retries > 0; retries--) {
		char buf[32];

		if (target_number(in, &cur, &current, &is_max)) {
			why = "memory.current unreadable";
			goto out;
		}
		if (current < goal || scn_values_close(current, goal, 3))
			break;
		if (reclaimed) {
			why = "memory.reclaim succeeded but usage stayed above the goal";
			goto out;
		}
		snprintf(buf, sizeof(buf), "%lld", (long long)(current - goal));
		err = target_write(in, &rec, buf);
		if (!err)
			reclaimed = true;
		else if (err != -EAGAIN) {
			why = errname(err);
			goto out;
		}
	}
	ok = reclaimed;
out:
	if (ok)
		interp_tap(in, true, false, NULL, NULL);
	else
		interp_tap(in, false, false, NULL, "%s; memory.current %lld",
			   why, (long long)current);
	sb_release(&cur_path);
	sb_release(&rec_path);
}

static void run_stmt(struct interp *in, const struct scn_stmt *s)
{
	in->stmt = s;
	switch (s->kind) {
	case SCN_STMT_MACHINE:
	case SCN_STMT_MOUNT:
		break;		/* applied when the machine booted */
	case SCN_STMT_SYSCTL:
		run_sysctl(in, s);
		break;
	case SCN_STMT_PARAM:
		run_param(in, s);
		break;
	case SCN_STMT_POLICY:
		run_policy(in, s);
		break;
	case SCN_STMT_MKDIR:
		run_dirs(in, s, true);
		break;
	case SCN_STMT_RMDIR:
		run_dirs(in, s, false);
		break;
	case SCN_STMT_WRITE:
		check_result(in, target_write(in, &s->write.target, s->write.value));
		break;
	case SCN_STMT_READ:
		run_read(in, s);
		break;
	case SCN_STMT_OPEN:
		run_open(in, s);
		break;
	case SCN_STMT_CLOSE:
		run_close(in, s);
		break;
	case SCN_STMT_ECHO:
		fprintf(in->out, "%s\n", s->echo.text);
		break;
	case SCN_STMT_SPAWN:
		run_spawn(in, s);
		break;
	case SCN_STMT_FORK:
		run_fork(in, s);
		break;
	case SCN_STMT_MOVE:
		run_move(in, s);
		break;
	case SCN_STMT_KILL:
		run_kill(in, s);
		break;
	case SCN_STMT_ACTION:
		run_action(in, s);
		break;
	case SCN_STMT_SLEEP:
		machine_run_until(in->m, in->m->clock.now + s->sleep.ns);
		break;
	case SCN_STMT_WAIT:
		jobs_wait(in, interp_proc(in, s->wait.proc));
		break;
	case SCN_STMT_WAIT_UNTIL:
		run_wait_until(in, s);
		break;
	case SCN_STMT_EXPECT:
		run_expect(in, s);
		break;
	case SCN_STMT_RECLAIM_UNTIL:
		run_reclaim_until(in, s);
		break;
	case SCN_STMT_RECORD:
		if (record_start(in, s))
			interp_error(in, "cannot write %s", s->record.file);
		break;
	case SCN_STMT_NR_KINDS:
		break;
	}
}

/* ---- the run ---- */

static struct machine *boot(const struct scn_script *script,
			    const struct run_options *opts)
{
	const struct scn_machine *sm = &script->machine;
	struct machine_config cfg = {
		.memory_bytes = sm->memory,
		.nr_cpus = sm->cpus,
		.nr_nodes = sm->nodes,
		.swap_bytes = sm->swap,
		.disk_bytes = sm->disk,
		.seed = opts->seed_set ? opts->seed : sm->seed,
	};
	unsigned int f = script->mount_flags;
	struct machine *m;

	if (cfg.nr_cpus > MACHINE_MAX_CPUS || cfg.nr_nodes > MAX_NUMNODES)
		return NULL;
	m = machine_create(&cfg);
	if (!m)
		return NULL;
	m->cgrp_opts.nsdelegate = f & SCN_MOUNT_NSDELEGATE;
	m->cgrp_opts.favordynmods = f & SCN_MOUNT_FAVORDYNMODS;
	m->cgrp_opts.memory_localevents = f & SCN_MOUNT_MEMORY_LOCALEVENTS;
	m->cgrp_opts.memory_recursiveprot = f & SCN_MOUNT_MEMORY_RECURSIVEPROT;
	m->cgrp_opts.memory_hugetlb_accounting = f & SCN_MOUNT_MEMORY_HUGETLB_ACCOUNTING;
	m->trace = opts->trace;
	m->verify = opts->verify;
	return m;
}

static void verify_step(struct interp *in)
{
	struct strbuf why = STRBUF_INIT;
	unsigned long bugs = in->m->nr_bugs;

	if (in->m->verify && mm_verify(in->m, &why))
		interp_tap(in, false, false, NULL, "invariant broken after this statement: %s",
			   why.buf);
	else if (in->m->nr_bugs != bugs)
		interp_tap(in, false, false, NULL, "model bug reported (see stderr)");
	sb_release(&why);
}

static void interp_release(struct interp *in)
{
	struct proc *p, *pn;
	struct open_fd *f, *fn;

	recorders_release(in);
	jobs_release(in);
	for (f = in->fds; f; f = fn) {
		fn = f->next;
		kernfs_close(f->of);
		free(f);
	}
	for (p = in->procs; p; p = pn) {
		pn = p->next;
		free(p);
	}
	machine_destroy(in->m);
}

int scenario_run(const struct scn_script *script, const struct run_options *opts)
{
	struct interp in = {
		.script = script,
		.opts = opts,
		.out = opts->out,
	};
	size_t i;
	int ret;

	in.m = boot(script, opts);
	if (!in.m) {
		fprintf(stderr, "%s: cannot boot the machine (too large for this host?)\n",
			script->file);
		return 2;
	}
	/* design switches decide how subsystems are set up: apply them first */
	for (i = 0; i < script->nstmts && !in.fatal; i++)
		if (script->stmts[i].kind == SCN_STMT_POLICY)
			run_stmt(&in, &script->stmts[i]);
	if (!in.fatal && opts->npolicies) {
		in.stmt = &script->stmts[0];
		apply_cli_policies(&in);
	}
	for (i = 0; i < script->nstmts && !in.fatal; i++) {
		unsigned long bugs = in.m->nr_bugs;

		if (script->stmts[i].kind == SCN_STMT_POLICY)
			continue;
		run_stmt(&in, &script->stmts[i]);
		if (in.m->verify || in.m->nr_bugs != bugs)
			verify_step(&in);
	}
	if (!in.fatal)
		jobs_wait(&in, NULL);
	fprintf(in.out, "1..%d\n", in.tests);
	if (in.todo)
		fprintf(in.out, "# %d known failure%s (xfail)\n", in.todo,
			in.todo == 1 ? "" : "s");
	if (in.fatal)
		fprintf(in.out, "# stopped by an error at %s:%d\n",
			in.stmt->file, in.stmt->line);
	fprintf(in.out, "%d passed, %d failed\n", in.passed, in.failed);
	ret = in.fatal ? 2 : in.failed ? 1 : 0;
	interp_release(&in);
	return ret;
}
