/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the three pinning drivers share (drivers/pin_dev.c) and the
 * accounting each does its own way (umem.c, vfio_iommu_type1.c,
 * io_uring_rsrc.c).
 */
#ifndef MEMCGLAB_DRIVERS_PIN_DEV_INTERNAL_H
#define MEMCGLAB_DRIVERS_PIN_DEV_INTERNAL_H

#include "drivers/pin_dev.h"
#include "include/sched.h"
#include "kernel/task.h"
#include "mm/mm.h"
#include "mm/smemcg.h"

/* One registration: ib_umem, vfio_dma or io_mapped_ubuf. */
struct pin_buf {
	enum pin_driver drv;
	struct mm_struct *mm;		/* the owning mm, mmgrab()bed */
	struct user_struct *user;	/* io_uring: NULL with CAP_IPC_LOCK */
	bool lock_cap;			/* vfio: CAP_IPC_LOCK at map time */
	unsigned long npages;		/* pinned and charged */
	struct folio **folios;		/* NULL once unregistered */
	/* pins=cgroup: the driver as the series converted it */
	bool acct_on;
	struct vm_account acct;
	/* pins=smemcg: the pages of smemcgs, borrowed by the pinner's memcg */
	struct smemcg_pins borrows;
};

struct pin_acct_ops {
	/* charge before pinning (RDMA, vfio) or after (io_uring) */
	bool charge_first;
	int (*charge)(struct pin_buf *buf, struct task_struct *t);
	void (*uncharge)(struct pin_buf *buf);
	/* pins=cgroup: the vm_account flags of the converted driver */
	unsigned int vm_account_flags;
};

extern const struct pin_acct_ops ib_umem_acct_ops;
extern const struct pin_acct_ops vfio_acct_ops;
extern const struct pin_acct_ops io_uring_acct_ops;

#endif
