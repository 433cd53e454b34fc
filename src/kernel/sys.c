// SPDX-License-Identifier: GPL-2.0
/*
 * setrlimit(2) and prlimit(2) (kernel/sys.c, do_prlimit()) for the one
 * limit the model keeps, RLIMIT_MEMLOCK: a soft limit above the hard one
 * is EINVAL, raising the hard limit needs CAP_SYS_RESOURCE (EPERM).
 */
#include "kernel/task.h"

#include <errno.h>

#include "include/machine.h"

int do_prlimit_memlock(struct task_struct *t, const struct rlimit *new)
{
	if (new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new->rlim_max > t->rlim_memlock.rlim_max && t->uid != 0)
		return -EPERM;
	t->rlim_memlock = *new;
	return 0;
}
