// SPDX-License-Identifier: GPL-2.0
/*
 * vfio type1 IOMMU DMA mapping's accounting
 * (drivers/vfio/vfio_iommu_type1.c, vfio_pin_pages_remote() and
 * vfio_lock_acct()): the mapping task's mm->locked_vm, the counter mlock
 * uses (so it shows in VmLck), through __account_locked_vm() with the
 * CAP_IPC_LOCK the task had at map time.  The unmap uncharges the same
 * mm, and nothing once that mm has no users (its process exited).
 * Differences: the model charges all pages before pinning; 6.12 checks
 * the limit page by page as it pins and unpins them all on failure, with
 * the same outcome.
 */
#include "drivers/pin_dev_internal.h"

#include "mm/mm.h"

static int vfio_charge(struct pin_buf *buf, struct task_struct *t)
{
	buf->lock_cap = t->uid == 0;
	return __account_locked_vm(buf->mm, buf->npages, true, t,
				   buf->lock_cap);
}

static void vfio_uncharge(struct pin_buf *buf)
{
	if (buf->mm->mm_users)		/* mmget_not_zero() */
		__account_locked_vm(buf->mm, buf->npages, false, NULL,
				    buf->lock_cap);
}

const struct pin_acct_ops vfio_acct_ops = {
	.charge_first	= true,
	.charge		= vfio_charge,
	.uncharge	= vfio_uncharge,
	/* the series moved vfio from locked_vm to pinned_vm */
	.vm_account_flags = VM_ACCOUNT_TASK,
};
