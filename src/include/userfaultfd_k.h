/* SPDX-License-Identifier: GPL-2.0 */
/*
 * userfaultfd's kernel side (include/linux/userfaultfd_k.h): the context a
 * userfaultfd file holds, the VMA flags of a registration, and the
 * predicates the fault, zap and fork paths ask.  fs/userfaultfd.c is the
 * file (features, register, unregister, release, fork); mm/userfaultfd.c
 * write-protects ranges.
 *
 * Differences: one userfaultfd per process; no message queue or handler
 * threads, so a fault that would wait for a handler (a missing page of a
 * VM_UFFD_MISSING range, a write to a write-protected page without
 * WP_ASYNC) fails instead (VM_FAULT_SIGBUS: the access fails with EFAULT);
 * no minor mode, no UFFDIO_COPY/ZEROPAGE/CONTINUE/MOVE/POISON.
 */
#ifndef MEMCGLAB_INCLUDE_USERFAULTFD_K_H
#define MEMCGLAB_INCLUDE_USERFAULTFD_K_H

#include "include/mm_types.h"

/* UFFDIO_API features (include/uapi/linux/userfaultfd.h) */
#define UFFD_FEATURE_PAGEFAULT_FLAG_WP		BIT(0)
#define UFFD_FEATURE_EVENT_FORK			BIT(1)
#define UFFD_FEATURE_EVENT_REMAP		BIT(2)
#define UFFD_FEATURE_EVENT_REMOVE		BIT(3)
#define UFFD_FEATURE_MISSING_HUGETLBFS		BIT(4)
#define UFFD_FEATURE_MISSING_SHMEM		BIT(5)
#define UFFD_FEATURE_EVENT_UNMAP		BIT(6)
#define UFFD_FEATURE_SIGBUS			BIT(7)
#define UFFD_FEATURE_THREAD_ID			BIT(8)
#define UFFD_FEATURE_MINOR_HUGETLBFS		BIT(9)
#define UFFD_FEATURE_MINOR_SHMEM		BIT(10)
#define UFFD_FEATURE_EXACT_ADDRESS		BIT(11)
#define UFFD_FEATURE_WP_HUGETLBFS_SHMEM		BIT(12)
#define UFFD_FEATURE_WP_UNPOPULATED		BIT(13)
#define UFFD_FEATURE_POISON			BIT(14)
#define UFFD_FEATURE_WP_ASYNC			BIT(15)
#define UFFD_FEATURE_MOVE			BIT(16)
#define UFFD_API_FEATURES			(BIT(17) - 1)

/* UFFDIO_REGISTER modes */
#define UFFDIO_REGISTER_MODE_MISSING	BIT(0)
#define UFFDIO_REGISTER_MODE_WP		BIT(1)
#define UFFDIO_REGISTER_MODE_MINOR	BIT(2)

struct userfaultfd_ctx {
	unsigned long features;		/* UFFD_FEATURE_*; 0 before UFFDIO_API */
	bool api_done;
	int refcount;			/* the file, and each registered VMA */
	struct mm_struct *mm;
};

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return vma->kind == VMA_ANON;
}

static inline bool userfaultfd_wp(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_UFFD_WP;
}

/* A uffd-wp range faults page by page: no fault-around (no VM_UFFD_MINOR). */
static inline bool uffd_disable_fault_around(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_UFFD_WP;
}

static inline bool userfaultfd_missing(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_UFFD_MISSING;
}

static inline bool userfaultfd_pte_wp(const struct vm_area_struct *vma,
				      pte_t pte)
{
	return userfaultfd_wp(vma) && (pte & _PAGE_UFFD_WP);
}

static inline bool userfaultfd_wp_async(const struct vm_area_struct *vma)
{
	return vma->vm_userfaultfd_ctx &&
	       (vma->vm_userfaultfd_ctx->features & UFFD_FEATURE_WP_ASYNC);
}

static inline bool userfaultfd_wp_unpopulated(const struct vm_area_struct *vma)
{
	return vma->vm_userfaultfd_ctx &&
	       (vma->vm_userfaultfd_ctx->features & UFFD_FEATURE_WP_UNPOPULATED);
}

/* uffd-wp keeps its state in markers on none PTEs of this VMA */
static inline bool userfaultfd_wp_use_markers(const struct vm_area_struct *vma)
{
	if (!userfaultfd_wp(vma))
		return false;
	if (!vma_is_anonymous(vma))
		return true;
	return userfaultfd_wp_unpopulated(vma);
}

/* ---- mm/userfaultfd.c ---- */
struct machine;

struct userfaultfd_ctx *userfaultfd_new(struct mm_struct *mm);
/* UFFDIO_API: -EPERM (EVENT_FORK without privilege), -EINVAL. */
int userfaultfd_api(struct machine *m, struct userfaultfd_ctx *ctx,
		    unsigned long features);
/* UFFDIO_REGISTER of [@start, @end) of @vma with UFFDIO_REGISTER_MODE_*. */
int userfaultfd_register(struct userfaultfd_ctx *ctx,
			 struct vm_area_struct *vma, unsigned long start,
			 unsigned long end, unsigned int mode);
int userfaultfd_unregister(struct userfaultfd_ctx *ctx,
			   struct vm_area_struct *vma, unsigned long start,
			   unsigned long end);
/* close(2) of the file: registrations and protections go. */
void userfaultfd_release(struct userfaultfd_ctx *ctx);
/* UFFDIO_WRITEPROTECT, mode WP (@enable_wp) or 0; -ENOENT if unregistered. */
int mwriteprotect_range(struct userfaultfd_ctx *ctx,
			struct vm_area_struct *vma, unsigned long start,
			unsigned long end, bool enable_wp);
/* Write-protect (or not) the PTEs of [@start, @end); 0 or -ENOMEM. */
long uffd_wp_range(struct vm_area_struct *vma, unsigned long start,
		   unsigned long end, bool enable_wp);
/* fork: the child's copy of @src stays registered only with EVENT_FORK. */
void dup_userfaultfd(struct vm_area_struct *vma, struct vm_area_struct *src);
/* The VMA goes: its reference on the context too. */
void userfaultfd_vma_put(struct vm_area_struct *vma);

#endif
