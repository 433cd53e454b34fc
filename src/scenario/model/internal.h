/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the model backend's files: model.c (the operations table,
 * files, cgroups, time), act_proc.c (processes, and running as one),
 * act_memory.c (mappings), act_file.c (file I/O, dentries) and
 * act_workload.c (the page-by-page actions and background jobs).
 */
#ifndef MEMCGLAB_SCENARIO_MODEL_INTERNAL_H
#define MEMCGLAB_SCENARIO_MODEL_INTERNAL_H

#include "include/machine.h"
#include "include/sched.h"
#include "lib/list.h"
#include "mm/mm.h"
#include "scenario/model/model.h"

struct scn_model_job;

struct scn_model {
	struct scn_backend be;
	struct machine *m;
	struct scn_model_job *jobs;	/* background and foreground actions */
	unsigned int nr_running;	/* of them, those not finished */
	unsigned long bugs_seen;	/* m->nr_bugs after the last check */
	struct task_struct *prev;	/* current before the running action */
};

static inline struct scn_model *scn_model(struct scn_rt *rt)
{
	return container_of(rt->be, struct scn_model, be);
}

static inline struct machine *scn_model_m(struct scn_rt *rt)
{
	return scn_model(rt)->m;
}

static inline struct task_struct *scn_model_task(const struct scn_proc *p)
{
	return p->task;
}

/* The region (VMA) a process mapped under @name, or NULL. */
static inline struct vm_area_struct *scn_model_region(struct task_struct *t,
						      const char *name)
{
	return t->mm ? find_vma_by_name(t->mm, name) : NULL;
}

/* act_proc.c: processes, and running as one of them */
int scn_model_spawn(struct scn_rt *rt, const struct scn_stmt *s, void **task);
int scn_model_threads(struct scn_rt *rt, struct scn_proc *p, unsigned int nr);
int scn_model_fork(struct scn_rt *rt, struct scn_proc *parent,
		   const char *child, void **task);
int scn_model_move_step(struct scn_rt *rt, struct scn_proc *p,
			const char *cgroup);
void scn_model_kill(struct scn_rt *rt, struct scn_proc *p);
int scn_model_pid(struct scn_rt *rt, struct scn_proc *p);
enum scn_proc_state scn_model_state(struct scn_rt *rt, struct scn_proc *p);
bool scn_model_frozen(struct scn_rt *rt, struct scn_proc *p);
int scn_model_enter(struct scn_rt *rt, struct scn_proc *p);
void scn_model_leave(struct scn_rt *rt, struct scn_proc *p);
scn_action_fn scn_model_exit;

/* act_memory.c: mappings */
/* The pages an action's [OFFSET LENGTH] covers, or the whole region. */
void scn_model_range(const struct vm_area_struct *vma,
		     const struct scn_range *r, unsigned long *start,
		     unsigned long *end);
scn_action_fn scn_model_mmap, scn_model_munmap, scn_model_mlock;
scn_action_fn scn_model_madvise;
/* act_pin.c */
scn_action_fn scn_model_pin, scn_model_unpin, scn_model_setrlimit;

/* act_pages.c: looking at pages, and the actions of issue 11 */
int scn_model_pages(struct scn_rt *rt, struct scn_proc *p, const char *region,
		    enum scn_page_src src, u64 off, u64 len, u64 **out,
		    size_t *n);
long scn_model_pagemap_pread(struct scn_rt *rt, struct scn_proc *p,
			     const char *region, s64 pos, size_t count,
			     void *buf);
int scn_model_cgroup_ino(struct scn_rt *rt, const char *cgroup, u64 *ino);
s64 scn_model_lseek(struct scn_rt *rt, const char *path, bool data,
		    u64 offset);
int scn_model_mount_tmpfs(struct scn_rt *rt, const char *path,
			  const char *options);
scn_action_fn scn_model_shmctl, scn_model_clear_refs, scn_model_mprotect;
scn_action_fn scn_model_uffd, scn_model_pagemap_scan;

/* act_file.c: file I/O through the page cache, the dentry cache */
scn_action_fn scn_model_file_io, scn_model_dentries;

/* act_workload.c: page-by-page actions, foreground or background */
scn_action_fn scn_model_touch, scn_model_mlock_bg, scn_model_access;
scn_action_fn scn_model_replay;
void scn_model_wait(struct scn_rt *rt, struct scn_proc *p);
void scn_model_jobs_release(struct scn_model *md);

#endif
