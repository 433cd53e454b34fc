/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Drivers that pin user memory long-term for DMA, through a file: RDMA's
 * memory registration (drivers/infiniband/core/umem.c), vfio's type1
 * IOMMU DMA map (drivers/vfio/vfio_iommu_type1.c) and io_uring's
 * registered buffers (io_uring/rsrc.c).  Each charges a different
 * counter against RLIMIT_MEMLOCK, which is how Alistair Popple's series'
 * cover letter counts up to three times the limit pinned (seed 002).
 */
#ifndef MEMCGLAB_DRIVERS_PIN_DEV_H
#define MEMCGLAB_DRIVERS_PIN_DEV_H

#include "include/mm_types.h"

struct task_struct;

enum pin_driver {
	PIN_DRIVER_RDMA,	/* mm->pinned_vm, checked against the limit */
	PIN_DRIVER_VFIO,	/* mm->locked_vm, through __account_locked_vm */
	PIN_DRIVER_IO_URING,	/* user->locked_vm checked; mm->pinned_vm too */
	NR_PIN_DRIVERS
};

/*
 * @t opens the driver's file and registers [@start, @end) of @vma: the
 * new descriptor, or a negative errno (ENOMEM over RLIMIT_MEMLOCK, EFAULT
 * for a VMA that cannot be pinned for writing).
 */
int pin_dev_register(struct task_struct *t, enum pin_driver drv,
		     struct vm_area_struct *vma, unsigned long start,
		     unsigned long end);
/* The deregistration ioctl on @fd: unpin and uncharge; EBADF, EINVAL. */
int pin_dev_unregister(struct task_struct *t, int fd);

#endif
