// SPDX-License-Identifier: GPL-2.0
/*
 * The model backend's side of issue 11: a region's pages as pagemap,
 * /proc/kpage* and mincore() show them, raw reads of the pagemap, lseek
 * SEEK_DATA/SEEK_HOLE, tmpfs mounts, and the actions shmctl, clear_refs,
 * mprotect, uffd and pagemap_scan.  Each is what the process (or, for the
 * kpage* files and lseek, the scenario as root) would ask the kernel.
 */
#include "scenario/model/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "fs/proc.h"
#include "include/fs.h"
#include "include/shmem_fs.h"
#include "include/userfaultfd_k.h"
#include "kernel/cgroup.h"
#include "include/entry-common.h"

/* PM_PFRAME_MASK: bits 0-54 */
#define PFRAME_MASK	((1ULL << 55) - 1)

/* [@off, @off + @len) of the region (len 0: to its end), whole pages. */
static struct vm_area_struct *pages_range(struct task_struct *t,
					  const char *region, u64 off, u64 len,
					  unsigned long *start,
					  unsigned long *end)
{
	struct vm_area_struct *vma = scn_model_region(t, region);

	if (!vma)
		return NULL;
	*start = vma->vm_start + (off & PAGE_MASK);
	*end = len ? ALIGN(vma->vm_start + off + len, PAGE_SIZE) : vma->vm_end;
	*end = min(*end, vma->vm_end);
	*start = min(*start, *end);
	return vma;
}

/* A kpage* word of the frame a pagemap entry shows (read as root). */
static u64 kpage_word(struct machine *m, enum scn_page_src src, u64 entry)
{
	unsigned long pfn = entry & PFRAME_MASK;

	if (!(entry & PM_PRESENT))
		return 0;
	switch (src) {
	case SCN_PAGES_KPAGEFLAGS:
		return stable_page_flags(m, pfn);
	case SCN_PAGES_KPAGECOUNT:
		return kpagecount_of(m, pfn);
	default:
		return kpagecgroup_of(m, pfn);
	}
}

/* mincore(2) by the process itself. */
static int mincore_words(struct machine *m, struct task_struct *t,
			 struct vm_area_struct *vma, unsigned long start,
			 unsigned long end, u64 *out)
{
	unsigned long i, n = (end - start) >> PAGE_SHIFT;
	unsigned char *vec = malloc(n ? n : 1);
	struct task_struct *prev;
	long ret;

	if (!vec)
		return -ENOMEM;
	prev = enter_task(m, t);
	ret = do_mincore(vma, start, end, vec);
	leave_task(m, prev);
	for (i = 0; ret >= 0 && i < n; i++)
		out[i] = vec[i];
	free(vec);
	return ret < 0 ? (int)ret : 0;
}

int scn_model_pages(struct scn_rt *rt, struct scn_proc *p, const char *region,
		    enum scn_page_src src, u64 off, u64 len, u64 **out,
		    size_t *n)
{
	struct machine *m = scn_model_m(rt);
	struct task_struct *t = scn_model_task(p), *prev;
	struct vm_area_struct *vma;
	unsigned long start, end, i;
	long got;

	*out = NULL;
	*n = 0;
	vma = pages_range(t, region, off, len, &start, &end);
	if (!vma)
		return -ENOENT;
	*n = (end - start) >> PAGE_SHIFT;
	*out = calloc(*n ? *n : 1, sizeof(u64));
	if (!*out)
		return -ENOMEM;
	if (src == SCN_PAGES_MINCORE)
		return mincore_words(m, t, vma, start, end, *out);
	/* the process reads its own pagemap; the kpage* reader is root */
	prev = src == SCN_PAGES_PAGEMAP ? enter_task(m, t) : NULL;
	got = pagemap_read(m, t->mm, (start >> PAGE_SHIFT) * sizeof(u64), *out,
			   *n * sizeof(u64),
			   src != SCN_PAGES_PAGEMAP || !t->uid);
	if (src == SCN_PAGES_PAGEMAP)
		leave_task(m, prev);
	if (got < 0)
		return (int)got;
	if (src != SCN_PAGES_PAGEMAP)
		for (i = 0; i < *n; i++)
			(*out)[i] = kpage_word(m, src, (*out)[i]);
	return 0;
}

long scn_model_pagemap_pread(struct scn_rt *rt, struct scn_proc *p,
			     const char *region, s64 pos, size_t count,
			     void *buf)
{
	struct machine *m = scn_model_m(rt);
	struct task_struct *t = scn_model_task(p), *prev;
	struct vm_area_struct *vma = scn_model_region(t, region);
	long ret;
	s64 at;

	if (!vma)
		return -ENOENT;
	at = (s64)(vma->vm_start >> PAGE_SHIFT) * 8 + pos;
	if (at < 0)
		return -EINVAL;
	prev = enter_task(m, t);
	ret = pagemap_read(m, t->mm, at, buf, count, !t->uid);
	leave_task(m, prev);
	return ret;
}

int scn_model_cgroup_ino(struct scn_rt *rt, const char *cgroup, u64 *ino)
{
	struct cgroup *cgrp = cgroup_lookup(scn_model_m(rt), cgroup);

	if (!cgrp)
		return -ENOENT;
	*ino = cgrp->kn_id;
	return 0;
}

s64 scn_model_lseek(struct scn_rt *rt, const char *path, bool data,
		    u64 offset)
{
	struct machine *m = scn_model_m(rt);
	struct inode *inode;
	int err = 0;
	s64 ret;

	inode = vfs_open(m, path, false, &err);
	if (!inode)
		return err ? err : -ENOENT;
	ret = vfs_llseek_data(m, inode, offset, data);
	iput(m, inode);
	return ret;
}

int scn_model_mount_tmpfs(struct scn_rt *rt, const char *path,
			  const char *options)
{
	return shmem_mount(scn_model_m(rt), path, options);
}

/* ---- actions ---- */

/* shmctl(SHM_LOCK or SHM_UNLOCK) of the segment a sysv region attached. */
int scn_model_shmctl(struct scn_rt *rt, struct scn_proc *p,
		     const struct scn_action *a)
{
	struct vm_area_struct *vma;

	vma = scn_model_region(scn_model_task(p), a->shmctl.region);
	if (!vma || !vma->vm_file || vma->vm_file->kind != INODE_SHMEM ||
	    !(SHMEM_I(vma->vm_file)->flags & SHMEM_F_SYSV))
		return -EINVAL;
	shmem_lock(scn_model_m(rt), vma->vm_file, a->shmctl.lock);
	return 0;
}

/* The process writes the value to its own /proc/self/clear_refs. */
int scn_model_clear_refs(struct scn_rt *rt, struct scn_proc *p,
			 const struct scn_action *a)
{
	char path[48], val[32];

	snprintf(path, sizeof(path), "/proc/%d/clear_refs",
		 scn_model_task(p)->pid);
	snprintf(val, sizeof(val), "%lld", (long long)a->clear_refs.value);
	return scn_rt_write_path(rt, path, val);
}

int scn_model_mprotect(struct scn_rt *rt, struct scn_proc *p,
		       const struct scn_action *a)
{
	struct vm_area_struct *vma;
	unsigned long prot = 0;

	vma = scn_model_region(scn_model_task(p), a->mprotect.region);
	if (!vma)
		return -ENOMEM;
	if (a->mprotect.prot & SCN_PROT_READ)
		prot |= VM_READ;
	if (a->mprotect.prot & SCN_PROT_WRITE)
		prot |= VM_WRITE;
	return mprotect_vma(vma, prot);
}

static int uffd_open(struct scn_rt *rt, struct task_struct *t, u64 features)
{
	struct userfaultfd_ctx *ctx;
	int err;

	if (t->uffd) {
		scn_rt_error(rt, "%s already has a userfaultfd open (the scenario's processes have one each)",
			     t->comm);
		return -EBUSY;
	}
	ctx = userfaultfd_new(t->mm);
	if (!ctx)
		return -ENOMEM;
	err = userfaultfd_api(scn_model_m(rt), ctx, features);
	if (err) {
		/* the selftests close the file when UFFDIO_API fails */
		userfaultfd_release(ctx);
		return err;
	}
	t->uffd = ctx;
	return 0;
}

int scn_model_uffd(struct scn_rt *rt, struct scn_proc *p,
		   const struct scn_action *a)
{
	struct task_struct *t = scn_model_task(p);
	struct vm_area_struct *vma = NULL;
	unsigned long start = 0, end = 0;

	if (a->uffd.op == SCN_UFFD_OPEN)
		return uffd_open(rt, t, a->uffd.bits);
	if (!t->uffd)
		return -EBADF;
	if (a->uffd.op == SCN_UFFD_CLOSE) {
		userfaultfd_release(t->uffd);
		t->uffd = NULL;
		return 0;
	}
	vma = scn_model_region(t, a->uffd.region);
	if (!vma)
		return -EINVAL;
	scn_model_range(vma, &a->uffd.range, &start, &end);
	switch (a->uffd.op) {
	case SCN_UFFD_REGISTER:
		return userfaultfd_register(t->uffd, vma, start, end,
					    a->uffd.bits);
	case SCN_UFFD_UNREGISTER:
		return userfaultfd_unregister(t->uffd, vma, start, end);
	default:
		return mwriteprotect_range(t->uffd, vma, start, end,
					   a->uffd.op == SCN_UFFD_WP);
	}
}

/* A vector larger than this is taken as this long (the model's memory). */
#define SCAN_VEC_MAX	(1UL << 20)

static void scan_result(struct scn_scan_result *r, long ret,
			const struct pm_scan_arg *arg,
			const struct page_region *vec, unsigned long start)
{
	size_t i;

	free(r->vec);
	r->done = true;
	r->ret = ret;
	r->walk_end = arg->walk_end >= start ? arg->walk_end - start : 0;
	r->n = ret > 0 ? (size_t)ret : 0;
	r->vec = r->n ? calloc(r->n, sizeof(*r->vec)) : NULL;
	if (!r->vec)
		r->n = 0;
	for (i = 0; i < r->n; i++) {
		r->vec[i].start = vec[i].start - start;
		r->vec[i].pages = (vec[i].end - vec[i].start) >> PAGE_SHIFT;
		r->vec[i].cats = vec[i].categories;
	}
}

int scn_model_pagemap_scan(struct scn_rt *rt, struct scn_proc *p,
			   const struct scn_action *a)
{
	struct task_struct *t = scn_model_task(p);
	struct vm_area_struct *vma = scn_model_region(t, a->scan.region);
	struct pm_scan_arg arg = {
		.flags = a->scan.flags, .vec = a->scan.vec,
		.vec_len = min(a->scan.vec_len, (u64)SCAN_VEC_MAX),
		.max_pages = a->scan.max_pages,
		.category_inverted = a->scan.inverted,
		.category_mask = a->scan.mask,
		.category_anyof_mask = a->scan.anyof,
		.return_mask = a->scan.ret_mask,
	};
	struct page_region *vec;
	unsigned long start, end;
	long ret;

	if (!vma)
		return -EINVAL;
	scn_model_range(vma, &a->scan.range, &start, &end);
	arg.start = start;
	arg.end = end;
	vec = calloc(arg.vec_len ? arg.vec_len : 1, sizeof(*vec));
	if (!vec)
		return -ENOMEM;
	ret = do_pagemap_scan(scn_model_m(rt), t->mm, &arg, vec);
	scan_result(&p->scan, ret, &arg, vec, start);
	free(vec);
	return ret < 0 ? (int)ret : 0;
}
