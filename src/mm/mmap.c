// SPDX-License-Identifier: GPL-2.0
/*
 * Address spaces and their VMAs (mm/mmap.c, kernel/fork.c's mm parts).
 *
 * New mappings are placed top-down below mmap_base in the highest gap that
 * fits, as the kernel's default layout does (without randomisation).  VMAs
 * are kept on a sorted list rather than a maple tree, are never merged or
 * split (mlock.c locks them whole).
 */
#include "mm.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "include/bug.h"
#include "include/fs.h"
#include "include/sched.h"
#include "include/userfaultfd_k.h"
#include "mm/filemap.h"
#include "mm/swap.h"
#include "kernel/pins.h"
#include "mm/smemcg.h"

/* Where x86_64 starts mmap allocations with an 8 MiB stack and no ASLR. */
#define MMAP_BASE	0x7ffff7fff000UL
#define MMAP_MIN_ADDR	0x10000UL

struct mm_struct *mm_alloc(struct machine *m, struct task_struct *owner)
{
	struct mm_struct *mm = calloc(1, sizeof(*mm));

	if (!mm)
		return NULL;
	INIT_LIST_HEAD(&mm->mmap);
	INIT_LIST_HEAD(&mm->smemcg_maps);
	mm->mmap_base = MMAP_BASE;
	mm->mm_users = 1;
	mm->mm_count = 1;
	mm->owner = owner;
	mm->machine = m;
	if (pgd_alloc(mm)) {
		free(mm);
		return NULL;
	}
	return mm;
}

struct vm_area_struct *find_vma_by_name(struct mm_struct *mm, const char *name)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->name && !strcmp(vma->name, name))
			return vma;
	return NULL;
}

static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *pos;

	list_for_each_entry(pos, &mm->mmap, vm_list) {
		if (pos->vm_start > vma->vm_start) {
			list_add_tail(&vma->vm_list, &pos->vm_list);
			goto linked;
		}
	}
	list_add_tail(&vma->vm_list, &mm->mmap);
linked:
	if (vma->vm_file)
		list_add_tail(&vma->shared, &vma->vm_file->i_data.i_mmap);
	mm->total_vm += vma_pages(vma);
	mm->machine->vma_seq++;
}

/* The highest gap of @len bytes below mmap_base (unmapped_area_topdown). */
static unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long high = mm->mmap_base;
	struct vm_area_struct *vma;

	list_for_each_entry_reverse(vma, &mm->mmap, vm_list) {
		if (vma->vm_start >= high)
			continue;
		if (high - vma->vm_end >= len)
			return high - len;
		high = vma->vm_start;
	}
	if (high - MMAP_MIN_ADDR >= len)
		return high - len;
	return 0;
}

static struct vm_area_struct *vma_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = calloc(1, sizeof(*vma));

	if (!vma)
		return NULL;
	vma->vm_mm = mm;
	INIT_LIST_HEAD(&vma->anon_vma_chain);
	INIT_LIST_HEAD(&vma->vm_list);
	INIT_LIST_HEAD(&vma->shared);
	return vma;
}

static void vma_free(struct machine *m, struct vm_area_struct *vma)
{
	userfaultfd_vma_put(vma);
	if (vma->vm_file)
		iput(m, vma->vm_file);
	free(vma->name);
	free(vma);
}

int do_mmap(struct mm_struct *mm, const char *name, enum vma_kind kind,
	    struct inode *inode, u64 len, bool shared,
	    struct vm_area_struct **vmap)
{
	struct vm_area_struct *vma;
	unsigned long addr;

	len = ALIGN(len, PAGE_SIZE);
	if (!len || len > TASK_SIZE)
		return -EINVAL;
	addr = get_unmapped_area(mm, len);
	if (!addr)
		return -ENOMEM;
	vma = vma_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	/* a new mapping is soft-dirty as a whole until clear_refs */
	vma->vm_flags = VM_READ | VM_WRITE | VM_MAYWRITE | VM_SOFTDIRTY |
			(shared ? VM_SHARED : 0);
	vma->kind = kind;
	vma->vm_pgoff = kind == VMA_ANON ? addr >> PAGE_SHIFT : 0;
	vma->name = name ? strdup(name) : NULL;
	if (inode) {
		ihold(inode);
		vma->vm_file = inode;
		file_ra_state_init(&vma->vm_ra);
	}
	vma_link(mm, vma);
	*vmap = vma;
	return 0;
}

static void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	list_del(&vma->vm_list);
	if (vma->vm_file)
		list_del(&vma->shared);
	mm->total_vm -= vma_pages(vma);
	mm->machine->vma_seq++;
	if (vma->vm_flags & VM_LOCKED) {
		mm->locked_vm -= vma_pages(vma);
		mm_pins_uncharge_locked(mm, vma_pages(vma));
	}
}

int do_munmap(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct machine *m = mm->machine;
	unsigned long floor = 0, ceiling = TASK_SIZE;
	struct vm_area_struct *pos;

	lru_add_drain(m);
	unmap_vma(vma);
	vma_unlink(mm, vma);
	list_for_each_entry(pos, &mm->mmap, vm_list) {
		if (pos->vm_end <= vma->vm_start)
			floor = pos->vm_end;
		else if (pos->vm_start >= vma->vm_end && ceiling == TASK_SIZE)
			ceiling = pos->vm_start;
	}
	free_pgd_range(mm, floor, ceiling);
	unlink_anon_vmas(vma);
	vma_free(m, vma);
	return 0;
}

static void exit_mmap(struct mm_struct *mm)
{
	struct machine *m = mm->machine;
	struct vm_area_struct *vma, *n;

	lru_add_drain(m);
	list_for_each_entry(vma, &mm->mmap, vm_list)
		unmap_vma(vma);
	free_pgd_range(mm, 0, TASK_SIZE);
	pgd_free(mm);
	list_for_each_entry_safe(vma, n, &mm->mmap, vm_list) {
		vma_unlink(mm, vma);
		unlink_anon_vmas(vma);
		vma_free(m, vma);
	}
}

void mmput(struct mm_struct *mm)
{
	if (MODEL_BUG_ON(mm->machine, mm->mm_users <= 0,
			 "mm %p: put of %d users", mm, mm->mm_users))
		return;
	if (--mm->mm_users)
		return;
	exit_mmap(mm);
	smemcg_mm_exit(mm);
	mm->owner = NULL;	/* nothing is charged for it any more */
	mmdrop(mm);
}

/* A reference to the struct alone, as a driver's registration keeps. */
void mmgrab(struct mm_struct *mm)
{
	mm->mm_count++;
}

void mmdrop(struct mm_struct *mm)
{
	if (MODEL_BUG_ON(mm->machine, mm->mm_count <= 0,
			 "mm %p: drop of %d references", mm, mm->mm_count))
		return;
	if (!--mm->mm_count)
		free(mm);
}

static int dup_vma(struct mm_struct *mm, struct vm_area_struct *src)
{
	struct vm_area_struct *vma = vma_alloc(mm);
	int err;

	if (!vma)
		return -ENOMEM;
	vma->vm_start = src->vm_start;
	vma->vm_end = src->vm_end;
	vma->vm_flags = src->vm_flags & ~VM_LOCKED;	/* mlock is not inherited */
	vma->vm_pgoff = src->vm_pgoff;
	vma->kind = src->kind;
	vma->name = src->name ? strdup(src->name) : NULL;
	if (src->vm_file) {
		ihold(src->vm_file);
		vma->vm_file = src->vm_file;
		vma->vm_ra = src->vm_ra;	/* the same struct file */
	}
	vma_link(mm, vma);
	/* the registration stays only with UFFD_FEATURE_EVENT_FORK */
	dup_userfaultfd(vma, src);
	err = anon_vma_fork(vma, src);
	if (err)
		return err;
	return copy_page_range(vma, src);
}

int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *src;
	int err;

	lru_add_drain(mm->machine);
	mm->mmap_base = oldmm->mmap_base;
	list_for_each_entry(src, &oldmm->mmap, vm_list) {
		err = dup_vma(mm, src);
		if (err)
			return err;
	}
	return 0;
}
