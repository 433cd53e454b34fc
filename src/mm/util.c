// SPDX-License-Identifier: GPL-2.0
/*
 * RLIMIT_MEMLOCK accounting of mm->locked_vm (mm/util.c,
 * __account_locked_vm() and account_locked_vm()), what vfio's type1
 * IOMMU driver charges its pins to.  A charge fails with ENOMEM when
 * locked_vm would exceed the limit (reaching it exactly is allowed),
 * unless the caller bypasses the limit (CAP_IPC_LOCK); an uncharge of
 * more than is charged is a bug (the kernel WARNs and goes on).  Also
 * pins=cgroup's vm_account, which the series put here.
 */
#include "mm.h"

#include <errno.h>

#include "include/bug.h"
#include "include/sched.h"
#include "kernel/pins.h"
#include "kernel/task.h"

int __account_locked_vm(struct mm_struct *mm, unsigned long pages, bool inc,
			struct task_struct *task, bool bypass_rlim)
{
	unsigned long limit;

	if (!inc) {
		MODEL_BUG_ON(mm->machine, pages > mm->locked_vm,
			     "locked_vm %lu: uncharge of %lu", mm->locked_vm,
			     pages);
		mm->locked_vm -= min(pages, mm->locked_vm);
		return 0;
	}
	limit = task_rlimit(task, RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	if (!bypass_rlim && mm->locked_vm + pages > limit)
		return -ENOMEM;
	mm->locked_vm += pages;
	return 0;
}

int account_locked_vm(struct mm_struct *mm, unsigned long pages, bool inc)
{
	struct machine *m;

	if (!pages || !mm)
		return 0;
	m = mm->machine;
	return __account_locked_vm(mm, pages, inc, m->current, capable(m));
}

/*
 * pins=cgroup: struct vm_account (Alistair Popple's series, patches 1
 * and 15; spec C2).  The driver's record of the task, mm, user and pins
 * cgroup it charges, taken when the driver's file is set up, so that
 * whoever unpins uncharges the cgroup that was charged.  A charge checks
 * RLIMIT_MEMLOCK on user->locked_vm (USER, which also adds to pinned_vm)
 * or mm->pinned_vm (TASK) unless BYPASS, then the pins cgroup, which
 * BYPASS never skips; a refusal by the cgroup undoes the rest.
 */
void vm_account_init(struct vm_account *acct, struct task_struct *task,
		     unsigned int flags)
{
	acct->task = task;
	acct->mm = task->mm;
	mmgrab(acct->mm);
	acct->user = flags & VM_ACCOUNT_USER ?
		     find_user(task->machine, task->uid) : NULL;
	if (task->uid == 0)
		flags |= VM_ACCOUNT_BYPASS;	/* capable(CAP_IPC_LOCK) */
	acct->flags = flags;
	acct->pins_cg = pins_cg_get(task);
}

void vm_account_release(struct vm_account *acct)
{
	pins_cg_put(acct->pins_cg);
	mmdrop(acct->mm);
}

static int vm_account_rlimit(struct vm_account *acct, unsigned long pages)
{
	unsigned long limit = task_rlimit(acct->task, RLIMIT_MEMLOCK) >>
			      PAGE_SHIFT;
	bool bypass = acct->flags & VM_ACCOUNT_BYPASS;

	if (acct->flags & VM_ACCOUNT_USER) {
		if (!acct->user)
			return -ENOMEM;
		if (!bypass && acct->user->locked_vm + pages > limit)
			return -ENOMEM;
		acct->user->locked_vm += pages;
	} else if (!bypass && acct->mm->pinned_vm + pages > limit) {
		return -ENOMEM;
	}
	acct->mm->pinned_vm += pages;
	return 0;
}

static void vm_unaccount_rlimit(struct vm_account *acct, unsigned long pages)
{
	if (acct->flags & VM_ACCOUNT_USER)
		acct->user->locked_vm -= pages;
	acct->mm->pinned_vm -= pages;
}

int vm_account_pinned(struct vm_account *acct, unsigned long pages)
{
	int err = vm_account_rlimit(acct, pages);

	if (err)
		return err;
	if (pins_try_charge(acct->pins_cg, pages)) {
		vm_unaccount_rlimit(acct, pages);
		return -ENOMEM;
	}
	return 0;
}

void vm_unaccount_pinned(struct vm_account *acct, unsigned long pages)
{
	vm_unaccount_rlimit(acct, pages);
	pins_uncharge(acct->pins_cg, pages);
}
