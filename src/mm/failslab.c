// SPDX-License-Identifier: GPL-2.0
/*
 * Slab allocations that fail on purpose (mm/failslab.c): should_failslab()
 * runs before every kmem_cache_alloc() and kmalloc() (slab_alloc()), and
 * /sys/kernel/debug/failslab configures it.  As in 6.12, __GFP_NOFAIL
 * allocations never fail, and with ignore-gfp-wait (Y by default) neither
 * do those that may sleep, __GFP_DIRECT_RECLAIM: nearly all the model's,
 * so a test writes N to it first.  The failure is the allocator's NULL,
 * which each caller handles as the kernel's does (a syscall fails with
 * ENOMEM; zswap counts reject_kmemcache_fail and the page goes to swap).
 * cache-filter is not modelled: the model has no /sys/kernel/slab.
 */
#include "include/fault-inject.h"

#include <errno.h>

#include "include/gfp.h"
#include "include/kernfs.h"
#include "include/machine.h"
#include "mm/slab.h"

int should_failslab(struct kmem_cache *s, unsigned int gfp)
{
	struct machine *m = s->machine;
	struct fault_inject *fi = m->fault_inject;

	if (!fi || (gfp & __GFP_NOFAIL))
		return 0;
	if (fi->failslab_ignore_gfp_reclaim && (gfp & __GFP_DIRECT_RECLAIM))
		return 0;
	return should_fail(m, &fi->failslab, s->object_size) ? -ENOMEM : 0;
}

static const struct cftype failslab_files[] = {
	FAULT_ATTR_FILES(failslab),
	FAULT_FILE("ignore-gfp-wait", bool, failslab_ignore_gfp_reclaim),
	{ }	/* terminate */
};

int failslab_init(struct machine *m)
{
	m->fault_inject->failslab_ignore_gfp_reclaim = true;
	return debugfs_create_files(m, "failslab", failslab_files);
}
