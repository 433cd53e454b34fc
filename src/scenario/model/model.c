// SPDX-License-Identifier: GPL-2.0
/*
 * The model backend: a struct machine booted from the script's machine
 * and mount statements, and the operations table that the runtime calls
 * (scenario/backend.h).  This file has the interface files, cgroups,
 * design switches, time and the invariant check; the actions are in
 * act_proc.c, act_memory.c, act_file.c and act_workload.c.
 */
#include "scenario/model/internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "include/kernfs.h"
#include "kernel/cgroup.h"
#include "kernel/psi.h"
#include "mm/debug.h"
#include "scenario/policy.h"

/* ---- interface files and cgroups ---- */

/*
 * The path a system call gets is at most PATH_MAX bytes with its NUL
 * (getname(): ENAMETOOLONG); a cgroup path is below the cgroup2 mount.
 * cgroupfs has no limit of its own on a name (NAME_MAX is the disk
 * filesystems'): 6.12 makes a cgroup with a 1000-byte name, measured.
 */
#define PATH_MAX	4096
#define CGROUP_MOUNT	"/sys/fs/cgroup/"

static int path_check(const char *path)
{
	size_t len = strlen(path);

	if (path[0] != '/')
		len += strlen(CGROUP_MOUNT);
	return len >= PATH_MAX ? -ENAMETOOLONG : 0;
}

static int model_open(struct scn_rt *rt, const char *path, unsigned int flags,
		      void **file)
{
	struct kernfs_open_file *of;
	int err = path_check(path);

	if (err)
		return err;
	err = kernfs_open(scn_model_m(rt), path,
			  flags & SCN_O_NONBLOCK ? KF_O_NONBLOCK : 0, &of);

	if (!err)
		*file = of;
	return err;
}

static void model_close(struct scn_rt *rt, void *file)
{
	kernfs_close(file);
}

static int model_read(struct scn_rt *rt, void *file, struct strbuf *sb)
{
	return kernfs_read(file, sb);
}

static long model_write(struct scn_rt *rt, void *file, const char *buf,
			size_t len)
{
	return kernfs_write(file, buf, len);
}

static int model_mkdir(struct scn_rt *rt, const char *cgroup)
{
	return path_check(cgroup) ?: cgroup_mkdir(scn_model_m(rt), cgroup);
}

static int model_rmdir(struct scn_rt *rt, const char *cgroup)
{
	return path_check(cgroup) ?: cgroup_rmdir(scn_model_m(rt), cgroup);
}

/* ---- design switches: the table's field, set to the value's index ---- */

#define SCN_POLICY(id, name, field, ...)				\
static void set_##id(struct mm_policy *p, unsigned int v)		\
{									\
	p->field = v;							\
}
#include "scenario/policy_table.h"
#undef SCN_POLICY

#define SCN_POLICY(id, ...) set_##id,
static void (*const policy_set[])(struct mm_policy *, unsigned int) = {
#include "scenario/policy_table.h"
};
#undef SCN_POLICY

static int model_policy(struct scn_rt *rt, const struct scn_policy *pol,
			unsigned int value)
{
	if (!scn_policy_modelled(pol, value))
		return -ENOSYS;
	policy_set[pol - scn_policies](&scn_model_m(rt)->policy, value);
	return 0;
}

/* ---- time ---- */

static u64 model_now(struct scn_rt *rt)
{
	return scn_model_m(rt)->clock.now;
}

static void model_sleep(struct scn_rt *rt, u64 ns)
{
	struct machine *m = scn_model_m(rt);

	machine_run_until(m, m->clock.now + ns);
}

/*
 * To the next event, or to the next time memory.pressure's averages
 * change by themselves: nothing else a condition reads changes while no
 * event runs, so an idle machine jumps straight to @deadline.
 */
static void model_step(struct scn_rt *rt, u64 deadline)
{
	struct machine *m = scn_model_m(rt);
	struct sim_event *ev = clock_peek(&m->clock);
	u64 next = psi_next_change(m);

	if (ev && ev->when < next)
		next = ev->when;
	machine_run_until(m, min(next, deadline));
}

struct model_timer {
	struct sim_event ev;
	struct machine *m;
	u64 interval;
	scn_timer_fn *fn;
	void *arg;
	bool running, stopped;	/* stopped by its own callback */
};

static void timer_event(struct sim_event *ev)
{
	struct model_timer *tm = container_of(ev, struct model_timer, ev);
	struct machine *m = tm->m;

	tm->running = true;
	tm->fn(tm->arg);
	tm->running = false;
	if (tm->stopped)
		free(tm);
	else
		sim_event_schedule(&m->clock, &tm->ev,
				   m->clock.now + tm->interval);
}

static int model_timer_start(struct scn_rt *rt, u64 interval_ns,
			     scn_timer_fn *fn, void *arg, void **timer)
{
	struct machine *m = scn_model_m(rt);
	struct model_timer *tm = calloc(1, sizeof(*tm));

	if (!tm)
		return -ENOMEM;
	tm->m = m;
	tm->interval = interval_ns;
	tm->fn = fn;
	tm->arg = arg;
	sim_event_init(&tm->ev, timer_event);
	sim_event_schedule(&m->clock, &tm->ev, m->clock.now);
	*timer = tm;
	return 0;
}

static void model_timer_stop(struct scn_rt *rt, void *timer)
{
	struct model_timer *tm = timer;

	sim_event_cancel(&scn_model_m(rt)->clock, &tm->ev);
	if (tm->running)
		tm->stopped = true;	/* timer_event() frees it */
	else
		free(tm);
}

/* ---- invariants ---- */

/*
 * After every statement: a bug the model reported during it (include/
 * bug.h) fails the statement, with or without --verify; with --verify,
 * so does a broken invariant that mm_verify() finds.
 */
static int model_check(struct scn_rt *rt, struct strbuf *why)
{
	struct scn_model *md = scn_model(rt);
	struct machine *m = md->m;
	struct strbuf detail = STRBUF_INIT;
	int ret = 0;

	if (m->verify && mm_verify(m, &detail)) {
		sb_printf(why, "invariant broken after this statement: %s",
			  detail.buf);
		ret = 1;
	} else if (m->nr_bugs != md->bugs_seen) {
		sb_puts(why, "model bug reported (see stderr)");
		ret = 1;
	}
	md->bugs_seen = m->nr_bugs;
	sb_release(&detail);
	return ret;
}

static const struct scn_backend_ops model_ops = {
	.name = "model",
	.sysctls = "vm.swappiness, vm.min_free_kbytes, "
		   "vm.watermark_scale_factor, vm.overcommit_memory, "
		   "vm.panic_on_oom, vm.oom_kill_allocating_task, "
		   "vm.dirty_ratio, vm.dirty_background_ratio, "
		   "vm.dirty_bytes, vm.dirty_background_bytes, "
		   "vm.dirty_expire_centisecs, vm.dirty_writeback_centisecs, "
		   "vm.drop_caches",
	.open = model_open,
	.close = model_close,
	.read = model_read,
	.write = model_write,
	.mkdir = model_mkdir,
	.rmdir = model_rmdir,
	.policy = model_policy,
	.spawn = scn_model_spawn,
	.threads = scn_model_threads,
	.fork = scn_model_fork,
	.move_step = scn_model_move_step,
	.kill = scn_model_kill,
	.pid = scn_model_pid,
	.state = scn_model_state,
	.frozen = scn_model_frozen,
	.pages = scn_model_pages,
	.pagemap_pread = scn_model_pagemap_pread,
	.cgroup_ino = scn_model_cgroup_ino,
	.lseek = scn_model_lseek,
	.mount_tmpfs = scn_model_mount_tmpfs,
	.enter = scn_model_enter,
	.leave = scn_model_leave,
	.act = {
		.exit = scn_model_exit,
		.mmap = scn_model_mmap,
		.touch = scn_model_touch,
		.write = scn_model_file_io,
		.read = scn_model_file_io,
		.truncate = scn_model_file_io,
		.mlock = scn_model_mlock,
		.munlock = scn_model_mlock,
		.madvise = scn_model_madvise,
		.munmap = scn_model_munmap,
		.pin = scn_model_pin,
		.unpin = scn_model_unpin,
		.close = scn_model_unpin,
		.setrlimit = scn_model_setrlimit,
		.dentries = scn_model_dentries,
		.access = scn_model_access,
		.replay = scn_model_replay,
		.shmctl = scn_model_shmctl,
		.clear_refs = scn_model_clear_refs,
		.mprotect = scn_model_mprotect,
		.uffd = scn_model_uffd,
		.pagemap_scan = scn_model_pagemap_scan,
	},
	.now = model_now,
	.sleep = model_sleep,
	.step = model_step,
	.wait = scn_model_wait,
	.timer_start = model_timer_start,
	.timer_stop = model_timer_stop,
	.check = model_check,
};

/* ---- boot ---- */

/* The machine statement's line, or the first statement's. */
static int machine_line(const struct scn_script *script)
{
	size_t i;

	for (i = 0; i < script->nstmts; i++)
		if (script->stmts[i].kind == SCN_STMT_MACHINE)
			return script->stmts[i].line;
	return script->nstmts ? script->stmts[0].line : 1;
}

static struct machine *boot(const struct scn_script *script,
			    const struct scn_run_options *opts)
{
	const struct scn_machine *sm = &script->machine;
	struct machine_config cfg = {
		.memory_bytes = sm->memory,
		.nr_cpus = sm->cpus,
		.nr_nodes = sm->nodes,
		.swap_bytes = sm->swap,
		.swapdev = sm->swapdev == SCN_SWAPDEV_ZRAM ? SWAPDEV_ZRAM :
			   sm->swapdev == SCN_SWAPDEV_SSD ? SWAPDEV_SSD :
			   SWAPDEV_DISK,
		.disk_bytes = sm->disk,
		.content_model = opts->content ?
			opts->content == SCN_CONTENT_MODEL : sm->content_model,
		.seed = opts->seed_set ? opts->seed : sm->seed,
	};
	unsigned int f = script->mount_flags;
	struct strbuf why = STRBUF_INIT;
	struct machine *m;

	if (machine_config_check(&cfg, &why)) {
		fprintf(stderr, "%s:%d: %s\n", script->file,
			machine_line(script), why.buf);
		sb_release(&why);
		return NULL;
	}
	m = machine_boot(&cfg, &why);
	if (!m) {
		fprintf(stderr, "%s:%d: %s\n", script->file,
			machine_line(script), why.buf);
		sb_release(&why);
		return NULL;
	}
	m->cgrp_opts.nsdelegate = f & SCN_MOUNT_NSDELEGATE;
	m->cgrp_opts.favordynmods = f & SCN_MOUNT_FAVORDYNMODS;
	m->cgrp_opts.memory_localevents = f & SCN_MOUNT_MEMORY_LOCALEVENTS;
	m->cgrp_opts.memory_recursiveprot = f & SCN_MOUNT_MEMORY_RECURSIVEPROT;
	m->cgrp_opts.memory_hugetlb_accounting =
		f & SCN_MOUNT_MEMORY_HUGETLB_ACCOUNTING;
	m->cgrp_opts.nomigrate = f & SCN_MOUNT_NOMIGRATE;
	m->trace = opts->trace;
	m->verify = opts->verify;
	return m;
}

struct scn_backend *scn_model_create(const struct scn_script *script,
				     const struct scn_run_options *opts)
{
	struct scn_model *md;
	struct machine *m = boot(script, opts);

	if (!m)
		return NULL;
	md = calloc(1, sizeof(*md));
	if (!md)
		abort();
	md->be.ops = &model_ops;
	md->m = m;
	md->bugs_seen = m->nr_bugs;
	return &md->be;
}

unsigned long scn_model_destroy(struct scn_backend *be)
{
	struct scn_model *md = container_of(be, struct scn_model, be);
	unsigned long bugs;

	scn_model_jobs_release(md);
	bugs = machine_destroy(md->m) - md->bugs_seen;
	free(md);
	return bugs;
}

struct machine *scn_model_machine(struct scn_backend *be)
{
	return container_of(be, struct scn_model, be)->m;
}
