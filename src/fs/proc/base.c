// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/PID files (fs/proc/base.c): oom_score_adj, oom_score, clear_refs
 * and pagemap (task_mmu.c, task_mmu_pagemap.c), status (array.c), smaps
 * and smaps_rollup (task_mmu.c), and fault injection's make-it-fail and
 * fail-nth (include/fault-inject.h).  A directory per live task
 * (proc_pid_lookup()); a file held open past the task's exit fails with
 * ESRCH.
 */
#include <errno.h>
#include <stdlib.h>

#include "lib/kstrtox.h"
#include "lib/memparse.h"
#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/sched.h"
#include "include/kernfs.h"
#include "fs/proc/internal.h"
#include "kernel/task.h"
#include "include/mm_types.h"
#include "mm/swapfile.h"

static struct task_struct *of_task(struct kernfs_open_file *of)
{
	return of->data;
}

static int oom_score_adj_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%d\n", of_task(of)->oom_score_adj);
	return 0;
}

static long oom_score_adj_write(struct kernfs_open_file *of, char *buf,
				size_t nbytes)
{
	int v, err = kstrtoint(strstrip(buf), 0, &v);

	if (err)
		return err;
	if (v < OOM_SCORE_ADJ_MIN || v > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	of_task(of)->oom_score_adj = v;
	return nbytes;
}

/* proc_oom_score(): badness scaled to 0..2000 against all memory and swap */
static int oom_score_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	struct task_struct *t = of_task(of);
	struct machine *m = of->machine;
	long totalpages = m->totalram_pages + total_swap_pages(m);
	long points = 0;

	if (t->mm && t->oom_score_adj != OOM_SCORE_ADJ_MIN) {
		const long *rss = t->mm->rss_stat;
		long badness = rss[MM_FILEPAGES] + rss[MM_ANONPAGES] +
			       rss[MM_SHMEMPAGES] + rss[MM_SWAPENTS] +
			       t->mm->pgtables_bytes / (long)PAGE_SIZE +
			       t->oom_score_adj * (totalpages / 1000);

		points = 1000 + badness * 1000 / totalpages;
	}
	sb_printf(sb, "%ld\n", points < 0 ? 0 : points);
	return 0;
}

static int smaps_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	if (of_task(of)->mm)
		show_smaps(sb, of_task(of)->mm);
	return 0;
}

static int smaps_rollup_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	/* a task without an address space has no rollup to read */
	if (!of_task(of)->mm)
		return -ESRCH;
	show_smaps_rollup(sb, of_task(of)->mm);
	return 0;
}

/* proc_fault_inject_*(): whether fault injection's task-filter picks it */
static int make_it_fail_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%d\n", of_task(of)->make_it_fail);
	return 0;
}

static long make_it_fail_write(struct kernfs_open_file *of, char *buf,
			       size_t nbytes)
{
	int v, err;

	if (nbytes > 23)	/* PROC_NUMBUF - 1 bytes are looked at */
		buf[23] = '\0';
	err = kstrtoint(strstrip(buf), 0, &v);
	if (err)
		return err;
	if (v < 0 || v > 1)
		return -EINVAL;
	of_task(of)->make_it_fail = v;
	return nbytes;
}

/* proc_fail_nth_*(): its Nth call that may fail, fails */
static int fail_nth_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%u\n", of_task(of)->fail_nth);
	return 0;
}

static long fail_nth_write(struct kernfs_open_file *of, char *buf,
			   size_t nbytes)
{
	unsigned int n;
	int err = kstrtouint(buf, 0, &n);

	if (err)
		return err;
	of_task(of)->fail_nth = n;
	return nbytes;
}

static const struct cftype proc_pid_files[] = {
	{ .name = "oom_score_adj", .seq_show = oom_score_adj_show,
	  .write = oom_score_adj_write },
	{ .name = "oom_score", .seq_show = oom_score_show },
	{ .name = "clear_refs", .write = clear_refs_write },
	{ .name = "pagemap", .read = pagemap_file_read },
	{ .name = "status", .seq_show = proc_pid_status },
	{ .name = "smaps", .seq_show = smaps_show },
	{ .name = "smaps_rollup", .seq_show = smaps_rollup_show },
	{ .name = "make-it-fail", .seq_show = make_it_fail_show,
	  .write = make_it_fail_write },
	{ .name = "fail-nth", .seq_show = fail_nth_show,
	  .write = fail_nth_write },
	{ }	/* terminate */
};

/* proc_pid_lookup(): the directory named by a live task's pid */
static void *proc_pid_lookup(struct machine *m, const char *name)
{
	char *end;
	long pid = strtol(name, &end, 10);
	struct task_struct *t = *end ? NULL : find_task_by_pid(m, pid);

	return t && t->life == TASK_ALIVE ? t : NULL;
}

static int proc_pid_gone(struct kernfs_open_file *of)
{
	return of_task(of)->life == TASK_ALIVE ? 0 : -ESRCH;
}

static const struct kernfs_dir_ops proc_pid_ops = {
	.lookup	= proc_pid_lookup,
	.gone	= proc_pid_gone,
};

int proc_pid_init(struct machine *m)
{
	int err = kernfs_mount(m, "/proc", KF_PROC_PID, &proc_pid_ops);

	return err ? err : kernfs_mount_add_files(m, &proc_pid_ops, 0,
						  proc_pid_files);
}
