// SPDX-License-Identifier: GPL-2.0
/*
 * userfaultfd (fs/userfaultfd.c's context, API, register, unregister,
 * release and fork; mm/userfaultfd.c's write-protection of a range).
 *
 * UFFDIO_API takes features once: EVENT_FORK needs CAP_SYS_PTRACE
 * (EPERM), WP_ASYNC brings WP_UNPOPULATED with it, an unknown bit is
 * EINVAL.  UFFDIO_REGISTER marks VMAs VM_UFFD_MISSING and/or VM_UFFD_WP
 * (anonymous and shmem memory; with WP_ASYNC, write-protect alone on any
 * memory); UFFDIO_UNREGISTER and closing the file take the marks and every
 * write-protection away.  UFFDIO_WRITEPROTECT sets or clears the uffd-wp
 * bit of present and swap PTEs, and on none PTEs (file and shmem VMAs
 * always, anonymous ones with WP_UNPOPULATED) writes uffd-wp markers;
 * clearing removes markers and gives write access back where it is safe
 * (can_change_pte_writable()).  A fork keeps the child registered only
 * with EVENT_FORK (no event is delivered: the model has no reader).
 *
 * Differences: ranges are whole VMAs (the model does not split VMAs), one
 * userfaultfd per process, no events, no message reads.
 */
#include "include/userfaultfd_k.h"

#include <errno.h>
#include <stdlib.h>

#include "include/sched.h"
#include "include/swapops.h"
#include "include/memory_model.h"
#include "mm/mm.h"
#include "mm/pagewalk.h"

struct userfaultfd_ctx *userfaultfd_new(struct mm_struct *mm)
{
	struct userfaultfd_ctx *ctx = calloc(1, sizeof(*ctx));

	if (!ctx)
		return NULL;
	ctx->refcount = 1;
	ctx->mm = mm;
	return ctx;
}

static void userfaultfd_ctx_put(struct userfaultfd_ctx *ctx)
{
	if (ctx && !--ctx->refcount)
		free(ctx);
}

int userfaultfd_api(struct machine *m, struct userfaultfd_ctx *ctx,
		    unsigned long features)
{
	if ((features & UFFD_FEATURE_EVENT_FORK) && !capable(m))
		return -EPERM;
	if (features & UFFD_FEATURE_WP_ASYNC)
		features |= UFFD_FEATURE_WP_UNPOPULATED;
	if ((features & ~UFFD_API_FEATURES) || ctx->api_done)
		return -EINVAL;
	ctx->features = features;
	ctx->api_done = true;
	return 0;
}

/* vma_can_userfault(): which memory may register which modes */
static bool vma_can_userfault(struct vm_area_struct *vma,
			      unsigned long vm_flags, bool wp_async)
{
	if ((vm_flags & VM_UFFD_WP) && wp_async && vm_flags == VM_UFFD_WP)
		return true;
	return vma_is_anonymous(vma) || vma->kind == VMA_SHMEM;
}

int userfaultfd_register(struct userfaultfd_ctx *ctx,
			 struct vm_area_struct *vma, unsigned long start,
			 unsigned long end, unsigned int mode)
{
	unsigned long vm_flags = 0;

	if (!ctx->api_done)
		return -EINVAL;
	if (!mode || (mode & ~(UFFDIO_REGISTER_MODE_MISSING |
			       UFFDIO_REGISTER_MODE_WP |
			       UFFDIO_REGISTER_MODE_MINOR)))
		return -EINVAL;
	if (mode & UFFDIO_REGISTER_MODE_MINOR)
		return -EINVAL;		/* minor faults are not modelled */
	if (mode & UFFDIO_REGISTER_MODE_MISSING)
		vm_flags |= VM_UFFD_MISSING;
	if (mode & UFFDIO_REGISTER_MODE_WP)
		vm_flags |= VM_UFFD_WP;
	if (start != vma->vm_start || end != vma->vm_end)
		return -EINVAL;
	if (!vma_can_userfault(vma, vm_flags,
			       ctx->features & UFFD_FEATURE_WP_ASYNC))
		return -EINVAL;
	if (vma->vm_userfaultfd_ctx && vma->vm_userfaultfd_ctx != ctx)
		return -EBUSY;
	if (!vma->vm_userfaultfd_ctx)
		ctx->refcount++;
	vma->vm_userfaultfd_ctx = ctx;
	vma->vm_flags = (vma->vm_flags & ~(VM_UFFD_MISSING | VM_UFFD_WP)) |
			vm_flags;
	return 0;
}

/* userfaultfd_clear_vma(): protection off, the marks and context gone */
static void userfaultfd_clear_vma(struct vm_area_struct *vma)
{
	struct userfaultfd_ctx *ctx = vma->vm_userfaultfd_ctx;

	if (userfaultfd_wp(vma))
		uffd_wp_range(vma, vma->vm_start, vma->vm_end, false);
	vma->vm_flags &= ~(VM_UFFD_MISSING | VM_UFFD_WP);
	vma->vm_userfaultfd_ctx = NULL;
	userfaultfd_ctx_put(ctx);
}

int userfaultfd_unregister(struct userfaultfd_ctx *ctx,
			   struct vm_area_struct *vma, unsigned long start,
			   unsigned long end)
{
	if (!ctx->api_done)
		return -EINVAL;
	if (start != vma->vm_start || end != vma->vm_end)
		return -EINVAL;
	if (vma->vm_userfaultfd_ctx == ctx)
		userfaultfd_clear_vma(vma);
	return 0;
}

/* close(2) of the userfaultfd: every registration of it goes. */
void userfaultfd_release(struct userfaultfd_ctx *ctx)
{
	struct vm_area_struct *vma;

	if (ctx->mm)
		list_for_each_entry(vma, &ctx->mm->mmap, vm_list)
			if (vma->vm_userfaultfd_ctx == ctx)
				userfaultfd_clear_vma(vma);
	userfaultfd_ctx_put(ctx);
}

/* The process's mm is going: registrations go with its VMAs. */
void userfaultfd_vma_put(struct vm_area_struct *vma)
{
	userfaultfd_ctx_put(vma->vm_userfaultfd_ctx);
	vma->vm_userfaultfd_ctx = NULL;
}

/* dup_userfaultfd(): without EVENT_FORK the child is not registered. */
void dup_userfaultfd(struct vm_area_struct *vma, struct vm_area_struct *src)
{
	struct userfaultfd_ctx *ctx = src->vm_userfaultfd_ctx;

	if (!ctx || !(ctx->features & UFFD_FEATURE_EVENT_FORK)) {
		vma->vm_flags &= ~(VM_UFFD_MISSING | VM_UFFD_WP);
		vma->vm_userfaultfd_ctx = NULL;
		return;
	}
	ctx->refcount++;
	vma->vm_userfaultfd_ctx = ctx;
}

/* ---- write-protection (change_pte_range() with MM_CP_UFFD_WP*) ---- */

static int uffd_wp_pte(pte_t *pte, unsigned long addr, struct mm_walk *walk)
{
	bool wp = walk->private != NULL;
	struct vm_area_struct *vma = walk->vma;

	if (pte_present(*pte)) {
		if (wp)
			*pte = pte_mkuffd_wp(*pte);
		else if (*pte & _PAGE_UFFD_WP) {
			*pte &= ~_PAGE_UFFD_WP;
			if (can_change_pte_writable(vma, *pte))
				*pte |= _PAGE_RW;
		}
	} else if (is_uffd_wp_marker(*pte)) {
		if (!wp)
			*pte = 0;
	} else if (is_swap_pte(*pte)) {
		if (wp)
			*pte |= _PAGE_SWP_UFFD_WP;
		else
			*pte &= ~_PAGE_SWP_UFFD_WP;
	} else if (wp && userfaultfd_wp_use_markers(vma)) {
		*pte = make_pte_marker(PTE_MARKER_UFFD_WP);
	}
	return 0;
}

/* A range with no page table yet gets one for its markers. */
static int uffd_wp_hole(unsigned long start, unsigned long end,
			struct mm_walk *walk)
{
	pte_t *pte;

	if (!walk->private || !userfaultfd_wp_use_markers(walk->vma))
		return 0;
	for (; start < end; start += PAGE_SIZE) {
		pte = pte_alloc(walk->vma->vm_mm, start);
		if (!pte)
			return -ENOMEM;
		uffd_wp_pte(pte, start, walk);
	}
	return 0;
}

long uffd_wp_range(struct vm_area_struct *vma, unsigned long start,
		   unsigned long end, bool enable_wp)
{
	static const struct mm_walk_ops ops = {
		.pte_entry = uffd_wp_pte,
		.pte_hole = uffd_wp_hole,
	};

	return walk_page_range_vma(vma, start, end, &ops,
				   enable_wp ? (void *)vma : NULL);
}

/* UFFDIO_WRITEPROTECT: the range must be registered for WP with @ctx. */
int mwriteprotect_range(struct userfaultfd_ctx *ctx,
			struct vm_area_struct *vma, unsigned long start,
			unsigned long end, bool enable_wp)
{
	if (!ctx->api_done)
		return -EINVAL;
	if (vma->vm_userfaultfd_ctx != ctx || !userfaultfd_wp(vma))
		return -ENOENT;
	return uffd_wp_range(vma, start, end, enable_wp) ? -ENOMEM : 0;
}
