// SPDX-License-Identifier: GPL-2.0
/*
 * What a real Linux 6.12 cannot run (refuse.h), decided from the parsed
 * script alone, before anything runs:
 *
 *  - a `policy` other than its first value: the switches replay design
 *    debates in the model; the kernel has one behaviour, value [0];
 *  - a file under the model's debug directory (GEXEC_MODEL_ONLY_DIR);
 *  - `pin`, `unpin` and `close` of a pin: the executor has no operation
 *    for them yet (a pin needs an RDMA or vfio device, or an io_uring
 *    ring in the worker);
 *  - `record` to an absolute path: the file is written in the guest and
 *    brought back by its relative name;
 *  - `touch ... fill=bytes=EXPR`: the workers write named patterns only;
 *  - `move ... window` and `move NAME attach`: a real migration cannot be
 *    stopped half-way;
 *  - `mount cgroup2 nomigrate`: a model-only mount option;
 *  - `machine swapdev=ssd|zram`: the guest swaps to a rotational disk;
 *  - what the executor has no operation for yet: uffd, pagemap_scan,
 *    spawn uid=, reads and counts of a region's pages other than a
 *    whole region's pagemap bits (swap_resident needs mincore too).
 *
 * Actions, mappings, madvise advice and statements are allowed by name:
 * a kind this file does not list (one added to the language later) is
 * refused as "the kernel backend cannot run it yet" until it is added
 * here with its operation in the executor.
 *
 * Shared by the guest executor and the host's `memcglab run --kernel`.
 */
#include "guest/exec/refuse.h"

#include <string.h>

#include "scenario/policy.h"

int gexec_refuse_policy(const char *name, const char *value,
			struct strbuf *why)
{
	const struct scn_policy *pol = scn_policy_find(name);
	int k = pol ? scn_policy_value(pol, value) : -1;

	if (k == 0)
		return 0;
	if (!pol)
		sb_printf(why, "unknown policy '%s'", name);
	else if (k < 0)
		sb_printf(why, "policy %s has no value '%s'", name, value);
	else
		sb_printf(why, "policy %s=%s is model-only: a real kernel "
			  "has Linux 6.12's behaviour, %s=%s", name, value,
			  name, pol->values[0]);
	return -1;
}

static int refuse_target(const struct scn_target *t, struct strbuf *why)
{
	if (t->kind != SCN_TARGET_ABS ||
	    strncmp(t->path, GEXEC_MODEL_ONLY_DIR,
		    strlen(GEXEC_MODEL_ONLY_DIR)))
		return 0;
	sb_printf(why, "%s is one of the model's own debug files; a real "
		  "kernel has no such file", t->path);
	return -1;
}

static int refuse_expr(const struct scn_expr *e, struct strbuf *why)
{
	size_t i;

	if (!e)
		return 0;
	if (e->kind == SCN_EXPR_TARGET)
		return refuse_target(&e->target, why);
	for (i = 0; i < e->nargs; i++)
		if (refuse_expr(e->args[i], why))
			return -1;
	return refuse_expr(e->l, why) || refuse_expr(e->r, why) ? -1 : 0;
}

/* What the executor has no operation for yet (backend.h's NULL ones). */
static int not_yet(struct strbuf *why, const char *what)
{
	sb_printf(why, "%s: the kernel backend cannot run it yet", what);
	return -1;
}

static int refuse_cond(const struct scn_cond *c, struct strbuf *why)
{
	switch (c->kind) {
	case SCN_COND_COMPARE:
		return refuse_expr(c->cmp.lhs, why) ||
		       refuse_expr(c->cmp.rhs, why) ? -1 : 0;
	case SCN_COND_EMPTY:
	case SCN_COND_READABLE:
	case SCN_COND_CONTAINS:
	case SCN_COND_NOT_CONTAINS:
		return refuse_target(&c->file.target, why);
	case SCN_COND_NOT:
		return refuse_cond(c->logic.a, why);
	case SCN_COND_AND:
	case SCN_COND_OR:
		return refuse_cond(c->logic.a, why) ||
		       refuse_cond(c->logic.b, why) ? -1 : 0;
	case SCN_COND_PAGEMAP:
		if (c->pagemap.src == SCN_PAGES_PAGEMAP &&
		    c->pagemap.range.whole &&
		    c->pagemap.flag != SCN_PM_SWAP_RESIDENT)
			break;
		return not_yet(why, "a range of a region's pages, kpageflags, "
			       "kpagecount, kpagecgroup and mincore");
	case SCN_COND_LSEEK:
	case SCN_COND_PROC:
		break;
	}
	return 0;
}

static int refuse_policy_stmt(const struct scn_stmt *s, struct strbuf *why)
{
	size_t i;

	for (i = 0; i < s->set.n; i++)
		if (gexec_refuse_policy(s->set.kv[i].key, s->set.kv[i].value,
					why))
			return -1;
	return 0;
}

/*
 * Its CSV file is written in the guest under the executor's record
 * directory and brought back (wire.h); an absolute path has no such place.
 */
static int refuse_record(const struct scn_stmt *s, struct strbuf *why)
{
	size_t i;

	for (i = 0; i < s->record.n; i++)
		if (refuse_target(&s->record.targets[i], why))
			return -1;
	if (s->record.file[0] != '/')
		return 0;
	sb_printf(why, "record to %s: the kernel backend brings a record file "
		  "back from the guest by its relative name only",
		  s->record.file);
	return -1;
}

/*
 * The actions the executor has an operation for: every other kind (one a
 * later change adds to the language, too) is refused until it gets one.
 */
static bool kernel_action(enum scn_action_kind kind)
{
	switch (kind) {
	case SCN_ACT_EXIT:
	case SCN_ACT_MMAP:
	case SCN_ACT_TOUCH:
	case SCN_ACT_WRITE:
	case SCN_ACT_READ:
	case SCN_ACT_TRUNCATE:
	case SCN_ACT_MLOCK:
	case SCN_ACT_MUNLOCK:
	case SCN_ACT_MADVISE:
	case SCN_ACT_MUNMAP:
	case SCN_ACT_DENTRIES:
	case SCN_ACT_ACCESS:
	case SCN_ACT_REPLAY:
	case SCN_ACT_MPROTECT:
	case SCN_ACT_CLEAR_REFS:
	case SCN_ACT_SETRLIMIT:
	case SCN_ACT_SHMCTL:
		return true;
	default:
		return false;
	}
}

/* The mappings a worker makes (worker.c's do_mmap()). */
static bool kernel_mapping(enum scn_mmap_kind kind)
{
	switch (kind) {
	case SCN_MMAP_ANON:
	case SCN_MMAP_FILE:
	case SCN_MMAP_SHMEM:
	case SCN_MMAP_MEMFD:
	case SCN_MMAP_SYSV:
		return true;
	default:
		return false;
	}
}

/* The advice the workers pass to madvise(2) (worker.c's do_madvise()). */
static bool kernel_advice(enum scn_advice advice)
{
	switch (advice) {
	case SCN_MADV_PAGEOUT:
	case SCN_MADV_COLD:
	case SCN_MADV_DONTNEED:
	case SCN_MADV_WILLNEED:
	case SCN_MADV_REMOVE:
		return true;
	default:
		return false;
	}
}

static int refuse_action(const struct scn_action *a, struct strbuf *why)
{
	if (a->kind == SCN_ACT_PIN || a->kind == SCN_ACT_UNPIN) {
		sb_printf(why, "%s: the kernel backend has no pinning driver "
			  "(RDMA, vfio or io_uring) to pin through yet",
			  scn_action_name(a->kind));
		return -1;
	}
	if (!kernel_action(a->kind))
		return not_yet(why, scn_action_name(a->kind));
	if (a->kind == SCN_ACT_MMAP && !kernel_mapping(a->mmap.kind))
		return not_yet(why, "this kind of mmap");
	if (a->kind == SCN_ACT_MADVISE && !kernel_advice(a->madvise.advice))
		return not_yet(why, "this madvise advice");
	if (a->kind == SCN_ACT_TOUCH && a->touch.fill == SCN_FILL_BYTES) {
		sb_puts(why, "touch fill=bytes=: the kernel backend's workers "
			"do not evaluate expressions (the named patterns run)");
		return -1;
	}
	return 0;
}

static int refuse_move(const struct scn_stmt *s, struct strbuf *why)
{
	if (s->move.step == SCN_MOVE_WHOLE)
		return 0;
	sb_puts(why, "a migration stopped half-way (window, attach) is the "
		"model's; a real kernel migrates in one write to cgroup.procs");
	return -1;
}

static int refuse_mount(const struct scn_stmt *s, struct strbuf *why)
{
	if (!(s->mount.flags & SCN_MOUNT_NOMIGRATE))
		return 0;
	sb_puts(why, "mount option nomigrate is the model's; a real kernel "
		"has no such option (its mount fails with EINVAL)");
	return -1;
}

/* The workers run as root: another uid is not done yet. */
static int refuse_spawn(const struct scn_stmt *s, struct strbuf *why)
{
	return s->spawn.uid ? not_yet(why, "spawn uid=") : 0;
}

/* The guest swaps to a virtio disk, which the kernel takes as rotational. */
static int refuse_machine(const struct scn_machine *m, struct strbuf *why)
{
	if (m->swapdev == SCN_SWAPDEV_DISK)
		return 0;
	sb_printf(why, "machine swapdev=%s: the guest's swap device is a "
		  "rotational virtio disk (swapdev=disk)",
		  scn_swapdev_name(m->swapdev));
	return -1;
}

static int refuse_stmt(const struct scn_stmt *s, struct strbuf *why)
{
	switch (s->kind) {
	case SCN_STMT_MACHINE:
		return refuse_machine(&s->machine, why);
	case SCN_STMT_MOVE:
		return refuse_move(s, why);
	case SCN_STMT_POLICY:
		return refuse_policy_stmt(s, why);
	case SCN_STMT_WRITE:
		return refuse_target(&s->write.target, why);
	case SCN_STMT_READ:
		if (s->read.count)	/* read pagemap NAME REGION ... */
			return refuse_cond(s->read.count, why);
		if (s->read.pages.proc)
			return not_yet(why, "a read of a region's pages");
		return refuse_target(&s->read.target, why);
	case SCN_STMT_OPEN:
		return refuse_target(&s->open.target, why);
	case SCN_STMT_EXPECT:
		return refuse_cond(&s->expect.cond, why);
	case SCN_STMT_WAIT_UNTIL:
		return refuse_cond(&s->wait_until.cond, why);
	case SCN_STMT_LET:
		return refuse_expr(s->let.expr, why);
	case SCN_STMT_IF:
	case SCN_STMT_WHILE:
		return refuse_cond(&s->block.cond, why);
	case SCN_STMT_REPEAT:
	case SCN_STMT_FOR:
		return refuse_expr(s->block.count, why) ||
		       refuse_expr(s->block.from, why) ||
		       refuse_expr(s->block.to, why) ? -1 : 0;
	case SCN_STMT_RECORD:
		return refuse_record(s, why);
	case SCN_STMT_ACTION:
		return refuse_action(&s->action, why);
	case SCN_STMT_MOUNT:
		return refuse_mount(s, why);
	case SCN_STMT_SPAWN:
		return refuse_spawn(s, why);
	case SCN_STMT_SYSCTL:
	case SCN_STMT_PARAM:
	case SCN_STMT_MKDIR:
	case SCN_STMT_RMDIR:
	case SCN_STMT_CLOSE:
	case SCN_STMT_ECHO:
	case SCN_STMT_FORK:
	case SCN_STMT_KILL:
	case SCN_STMT_SLEEP:
	case SCN_STMT_WAIT:
	case SCN_STMT_RECLAIM_UNTIL:
	case SCN_STMT_ELSE:
	case SCN_STMT_END:
	case SCN_STMT_INCLUDE:
	case SCN_STMT_TMPFS:
		return 0;
	default:
		/* a statement added to the language after this list */
		return not_yet(why, scn_stmt_kind_name(s->kind));
	}
}

const struct scn_stmt *gexec_refusal(const struct scn_script *script,
				     struct strbuf *why)
{
	size_t i;

	for (i = 0; i < script->nstmts; i++)
		if (refuse_stmt(&script->stmts[i], why))
			return &script->stmts[i];
	return NULL;
}
