// SPDX-License-Identifier: GPL-2.0
/*
 * The model backend's memory actions: mmap, munmap, mlock and munlock,
 * madvise.  Each is the system call a
 * process would make, on the process's mm.
 */
#include "scenario/model/internal.h"

#include <errno.h>
#include <stdlib.h>

#include "fs/proc.h"
#include "include/fs.h"
#include "include/shmem_fs.h"
#include "mm/filemap.h"

void scn_model_range(const struct vm_area_struct *vma,
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

/*
 * The file behind a mapping: a file's, a tmpfs file's, or the unnamed
 * shmem file of a memfd (VM_NORESERVE), of a SysV segment (shmget(): the
 * model's segment goes with its last attach, as after an IPC_RMID) or of
 * MAP_SHARED|MAP_ANONYMOUS (shmem_zero_setup()).
 */
static struct inode *mmap_inode(struct machine *m, const struct scn_action *a,
				int *err)
{
	struct inode *inode = NULL;

	if (a->mmap.kind == SCN_MMAP_MEMFD)
		inode = shmem_file_setup(m, a->mmap.size, SHMEM_F_NORESERVE, err);
	else if (a->mmap.kind == SCN_MMAP_SYSV)
		inode = shmem_file_setup(m, a->mmap.size, SHMEM_F_SYSV, err);
	else if (a->mmap.kind == SCN_MMAP_ANON)
		inode = shmem_file_setup(m, a->mmap.size, 0, err);
	else if (a->mmap.path)
		inode = vfs_open(m, a->mmap.path, true, err);
	if (!inode && !*err)
		*err = -ENOMEM;
	return inode;
}

int scn_model_mmap(struct scn_rt *rt, struct scn_proc *p,
		   const struct scn_action *a)
{
	static const enum vma_kind kinds[] = {
		[SCN_MMAP_ANON] = VMA_ANON, [SCN_MMAP_FILE] = VMA_FILE,
		[SCN_MMAP_SHMEM] = VMA_SHMEM, [SCN_MMAP_MEMFD] = VMA_SHMEM,
	};
	struct machine *m = scn_model_m(rt);
	struct inode *inode = NULL;
	struct vm_area_struct *vma;
	int err = 0;

	if (a->mmap.kind != SCN_MMAP_ANON || a->mmap.shared) {
		inode = mmap_inode(m, a, &err);
		if (!inode)
			return err;
	}
	if (a->mmap.kind == SCN_MMAP_SHMEM && inode->kind != INODE_SHMEM)
		err = -EINVAL;	/* shmem paths live under /dev/shm */
	if (!err && inode && inode->i_size < a->mmap.size)
		vfs_truncate(m, inode, a->mmap.size);
	if (!err)
		err = do_mmap(scn_model_task(p)->mm, a->mmap.region,
			      inode && inode->kind == INODE_SHMEM ? VMA_SHMEM
								  : kinds[a->mmap.kind],
			      inode, a->mmap.size, a->mmap.shared, &vma);
	if (inode)
		iput(m, inode);
	return err;
}

int scn_model_munmap(struct scn_rt *rt, struct scn_proc *p,
		     const struct scn_action *a)
{
	struct task_struct *t = scn_model_task(p);
	struct vm_area_struct *vma = scn_model_region(t, a->munmap.region);

	return vma ? do_munmap(t->mm, vma) : -EINVAL;
}

/* mlock and munlock; `mlock REGION &` populates in the background. */
int scn_model_mlock(struct scn_rt *rt, struct scn_proc *p,
		    const struct scn_action *a)
{
	struct vm_area_struct *vma;
	unsigned long start, end;

	if (a->background)
		return scn_model_mlock_bg(rt, p, a);
	vma = scn_model_region(scn_model_task(p), a->mlock.region);
	if (!vma)
		return -ENOMEM;
	scn_model_range(vma, &a->mlock.range, &start, &end);
	if (start >= end)
		return 0;	/* apply_vma_lock_flags(): nothing to lock */
	if (a->kind == SCN_ACT_MLOCK &&
	    scn_rt_check_ops(rt, (end - start) >> PAGE_SHIFT, "pages"))
		return -E2BIG;
	if (a->kind == SCN_ACT_MLOCK)
		return do_mlock(vma, start, end);
	return do_munlock(vma, start, end);
}

int scn_model_madvise(struct scn_rt *rt, struct scn_proc *p,
		      const struct scn_action *a)
{
	struct vm_area_struct *vma;
	unsigned long start, end;

	vma = scn_model_region(scn_model_task(p), a->madvise.region);
	if (!vma)
		return -EINVAL;
	scn_model_range(vma, &a->madvise.range, &start, &end);
	if (start >= end)
		return 0;	/* do_madvise(): an empty range is no advice */
	switch (a->madvise.advice) {
	case SCN_MADV_PAGEOUT:
		return madvise_pageout(vma, start, end);
	case SCN_MADV_COLD:
		return madvise_cold(vma, start, end);
	case SCN_MADV_DONTNEED:
		return madvise_dontneed(vma, start, end);
	case SCN_MADV_WILLNEED:
		return madvise_willneed(vma, start, end);
	case SCN_MADV_REMOVE:
		return madvise_remove(vma, start, end);
	}
	return -EINVAL;
}

