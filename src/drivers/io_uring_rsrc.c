// SPDX-License-Identifier: GPL-2.0
/*
 * io_uring's registered buffers' accounting (io_uring/rsrc.c,
 * io_account_mem() and io_unaccount_mem()): after the pages are pinned,
 * the ring's user_struct locked_vm, shared by every process of the uid,
 * is checked against the registering task's RLIMIT_MEMLOCK (ENOMEM
 * above it), unless the ring was created with CAP_IPC_LOCK (then it has
 * no user); the ring's mm gets the pages in pinned_vm in any case.
 * Differences: one buffer a ring; a page is charged once a buffer (6.12
 * skips only compound pages already charged, which the model lacks).
 */
#include "drivers/pin_dev_internal.h"

#include <errno.h>

static int io_account_mem(struct pin_buf *buf, struct task_struct *t)
{
	unsigned long limit = task_rlimit(t, RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	struct user_struct *user = NULL;

	if (t->uid != 0) {
		user = find_user(t->machine, t->uid);
		if (!user)
			return -ENOMEM;
		if (user->locked_vm + buf->npages > limit)
			return -ENOMEM;
		user->locked_vm += buf->npages;
	}
	buf->user = user;
	buf->mm->pinned_vm += buf->npages;
	return 0;
}

static void io_unaccount_mem(struct pin_buf *buf)
{
	if (buf->user)
		buf->user->locked_vm -= buf->npages;
	buf->mm->pinned_vm -= buf->npages;
}

const struct pin_acct_ops io_uring_acct_ops = {
	.charge_first	= false,
	.charge		= io_account_mem,
	.uncharge	= io_unaccount_mem,
	.vm_account_flags = VM_ACCOUNT_USER,
};
