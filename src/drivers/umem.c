// SPDX-License-Identifier: GPL-2.0
/*
 * RDMA memory registration's accounting (drivers/infiniband/core/umem.c,
 * ib_umem_get() and ib_umem_release()): the pages go to the owning mm's
 * pinned_vm first, and come off again with ENOMEM if the new total is
 * above RLIMIT_MEMLOCK and the caller lacks CAP_IPC_LOCK; the release
 * takes them off the mm that was charged, even after its process exited.
 */
#include "drivers/pin_dev_internal.h"

#include <errno.h>

static int ib_umem_charge(struct pin_buf *buf, struct task_struct *t)
{
	unsigned long limit = task_rlimit(t, RLIMIT_MEMLOCK) >> PAGE_SHIFT;

	buf->mm->pinned_vm += buf->npages;
	if (buf->mm->pinned_vm > limit && t->uid != 0) {
		buf->mm->pinned_vm -= buf->npages;
		return -ENOMEM;
	}
	return 0;
}

static void ib_umem_uncharge(struct pin_buf *buf)
{
	buf->mm->pinned_vm -= buf->npages;
}

const struct pin_acct_ops ib_umem_acct_ops = {
	.charge_first	= true,
	.charge		= ib_umem_charge,
	.uncharge	= ib_umem_uncharge,
	.vm_account_flags = VM_ACCOUNT_TASK,
};
