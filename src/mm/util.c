// SPDX-License-Identifier: GPL-2.0
/*
 * RLIMIT_MEMLOCK accounting of mm->locked_vm (mm/util.c,
 * __account_locked_vm() and account_locked_vm()), what vfio's type1
 * IOMMU driver charges its pins to.  A charge fails with ENOMEM when
 * locked_vm would exceed the limit (reaching it exactly is allowed),
 * unless the caller bypasses the limit (CAP_IPC_LOCK); an uncharge of
 * more than is charged is a bug (the kernel WARNs and goes on).
 */
#include "mm.h"

#include <errno.h>

#include "include/bug.h"
#include "include/sched.h"
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
