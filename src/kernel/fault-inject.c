// SPDX-License-Identifier: GPL-2.0
/*
 * The fault-injection framework (lib/fault-inject.c, block/blk-core.c's
 * fail_make_request and block/genhd.c's make-it-fail): should_fail() and
 * the debugfs files of every capability, as Documentation/
 * fault-injection/fault-injection.rst defines them.
 *
 * should_fail() asks, in 6.12's order: the task's fail-nth countdown
 * (which forces the Nth call whatever else is set), then probability 0
 * (never), task-filter (only tasks whose /proc/PID/make-it-fail is 1),
 * times (0: no more), space (a budget taken before any failure), interval
 * (every Nth call that got this far) and the probability, drawn from the
 * machine's rng.  A forced failure prints its notice to the --trace output
 * when verbose (no stack trace: the model has none) and counts down
 * times.  Work that no task does (kswapd, the flusher) is not in_task():
 * neither fail-nth nor task-filter picks it.
 *
 * Lives in kernel/ rather than lib/: it needs the machine (its rng and
 * the running task).
 */
#include "include/fault-inject.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/kstrtox.h"
#include "lib/strbuf.h"
#include "include/kernfs.h"
#include "include/machine.h"
#include "include/sched.h"
#include "sim/blockdev.h"

unsigned long fault_injected(struct machine *m)
{
	return m->fault_inject ? m->fault_inject->injected : 0;
}

/* __ratelimit() over virtual time; no interval: every message */
static bool fail_ratelimit(struct machine *m, struct fault_attr *attr)
{
	u64 window = (u64)attr->ratelimit_interval_ms * NSEC_PER_MSEC;

	if (!window)
		return true;
	if (m->clock.now >= attr->rl_begin + window) {
		attr->rl_begin = m->clock.now;
		attr->rl_printed = 0;
	}
	return attr->rl_printed++ < attr->ratelimit_burst;
}

static void fail_dump(struct machine *m, struct fault_attr *attr)
{
	if (!attr->verbose || !m->trace || !fail_ratelimit(m, attr))
		return;
	fprintf(m->trace, "%llu.%09llu FAULT_INJECTION: forcing a failure.\n"
		"name %s, interval %lu, probability %lu, space %d, times %d\n",
		(unsigned long long)(m->clock.now / NSEC_PER_SEC),
		(unsigned long long)(m->clock.now % NSEC_PER_SEC), attr->dname,
		attr->interval, attr->probability, attr->space, attr->times);
}

/* The filters before the draw; true: this call may fail. */
static bool fail_candidate(struct machine *m, struct fault_attr *attr,
			   ssize_t size)
{
	struct task_struct *t = m->current;

	if (!attr->probability)
		return false;
	if (attr->task_filter && !(t && t->make_it_fail))
		return false;
	if (!attr->times)
		return false;
	if (attr->space > size) {
		attr->space -= size;
		return false;
	}
	if (attr->interval > 1 && ++attr->count % attr->interval)
		return false;
	return attr->probability > rng_below(&m->rng, 100);
}

bool should_fail(struct machine *m, struct fault_attr *attr, ssize_t size)
{
	struct task_struct *t = m->current;

	if (t && t->fail_nth) {
		if (--t->fail_nth)
			return false;
	} else if (!fail_candidate(m, attr, size)) {
		return false;
	}
	fail_dump(m, attr);
	if (attr->times != -1 && attr->times)
		attr->times--;
	m->fault_inject->injected++;
	return true;
}

/* ---- the debugfs files ---- */

static void *field(struct kernfs_open_file *of)
{
	return (char *)of->machine->fault_inject + of->cft->private;
}

int fault_ul_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%lu\n", *(unsigned long *)field(of));
	return 0;
}

/*
 * simple_attr_write(): a number in any base, at most 23 bytes of it
 * (set_buf), kstrtoull()'s errors as they are.
 */
static int simple_attr_parse(char *buf, size_t n, unsigned long long *v)
{
	if (n > 23)
		buf[23] = '\0';
	return kstrtoull(buf, 0, v);
}

long fault_ul_write(struct kernfs_open_file *of, char *buf, size_t n)
{
	unsigned long long v;
	int err = simple_attr_parse(buf, n, &v);

	if (err)
		return err;
	*(unsigned long *)field(of) = v;
	return n;
}

int fault_int_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%d\n", *(int *)field(of));
	return 0;
}

/* the atomic_t files: simple_attr_write_signed() */
long fault_int_write(struct kernfs_open_file *of, char *buf, size_t n)
{
	long long v;
	int err;

	if (n > 23)
		buf[23] = '\0';
	err = kstrtoll(buf, 0, &v);
	if (err)
		return err;
	*(int *)field(of) = (int)v;	/* atomic_set() of the s64 */
	return n;
}

int fault_u32_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%u\n", *(u32 *)field(of));
	return 0;
}

long fault_u32_write(struct kernfs_open_file *of, char *buf, size_t n)
{
	unsigned long long v;
	int err = simple_attr_parse(buf, n, &v);

	if (err)
		return err;
	*(u32 *)field(of) = (u32)v;
	return n;
}

int fault_bool_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_puts(sb, *(bool *)field(of) ? "Y\n" : "N\n");
	return 0;
}

long fault_bool_write(struct kernfs_open_file *of, char *buf, size_t n)
{
	bool v;

	if (kstrtobool(buf, &v))
		return -EINVAL;
	*(bool *)field(of) = v;
	return n;
}

/* ---- fail_make_request ---- */

static const struct cftype fail_make_request_files[] = {
	FAULT_ATTR_FILES(fail_make_request),
	{ }	/* terminate */
};

/* zswap's compressor fails (model only): reject_compress_fail */
static const struct cftype fail_zswap_compress_files[] = {
	FAULT_ATTR_FILES(fail_zswap_compress),
	{ }	/* terminate */
};

static bool blk_should_fail(struct blockdev *bdev, unsigned int bytes)
{
	struct machine *m = bdev->fail_arg;

	return should_fail(m, &m->fault_inject->fail_make_request, bytes);
}

static struct blockdev *of_disk(struct kernfs_open_file *of)
{
	return of->machine->fault_inject->disks[of->cft->private];
}

/* part_fail_show(), part_fail_store(): any non-zero number sets it */
static int make_it_fail_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%d\n", of_disk(of)->make_it_fail);
	return 0;
}

static long make_it_fail_write(struct kernfs_open_file *of, char *buf,
			       size_t n)
{
	char *end;
	long v = strtol(buf, &end, 10);

	if (n && end != buf)
		of_disk(of)->make_it_fail = v != 0;
	return n;
}

#define MAKE_IT_FAIL(i)							\
	{ { .name = "make-it-fail", .seq_show = make_it_fail_show,	\
	    .write = make_it_fail_write, .private = (i) }, { } }

static const struct cftype disk_files[FAULT_MAX_DISKS][2] = {
	MAKE_IT_FAIL(0), MAKE_IT_FAIL(1),
};

int fail_make_request_add_disk(struct machine *m, struct blockdev *bdev,
			       const char *name)
{
	struct fault_inject *fi = m->fault_inject;
	struct strbuf path = STRBUF_INIT;
	int i, err;

	for (i = 0; i < FAULT_MAX_DISKS && fi->disks[i]; i++)
		;
	if (i == FAULT_MAX_DISKS)
		return -ENOSPC;
	fi->disks[i] = bdev;
	bdev->should_fail = blk_should_fail;
	bdev->fail_arg = m;
	sb_printf(&path, "/sys/block/%s", name);
	err = kernfs_create_files(m, path.buf, KF_PROC, disk_files[i]);
	sb_release(&path);
	return err;
}

/* ---- boot ---- */

int fault_inject_init(struct machine *m)
{
	struct fault_inject *fi = calloc(1, sizeof(*fi));

	if (!fi)
		return -ENOMEM;
	m->fault_inject = fi;
	fi->failslab = (struct fault_attr)FAULT_ATTR_INIT("failslab");
	fi->fail_page_alloc = (struct fault_attr)FAULT_ATTR_INIT("fail_page_alloc");
	fi->fail_make_request =
		(struct fault_attr)FAULT_ATTR_INIT("fail_make_request");
	fi->fail_zswap_compress =
		(struct fault_attr)FAULT_ATTR_INIT("fail_zswap_compress");
	return debugfs_create_files(m, "fail_make_request",
				    fail_make_request_files) ?:
	       debugfs_create_files(m, "memcglab/fail_zswap_compress",
				    fail_zswap_compress_files);
}

void fault_inject_release(struct machine *m)
{
	free(m->fault_inject);
	m->fault_inject = NULL;
}
