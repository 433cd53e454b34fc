// SPDX-License-Identifier: GPL-2.0
/*
 * Page allocations that fail on purpose (mm/fail_page_alloc.c): folio_alloc()
 * asks should_fail_alloc_page() first and returns NULL at once, without
 * reclaim, as prepare_alloc_pages() makes __alloc_pages() fail.  As in
 * 6.12: orders below min-order (1 by default: the model's allocations are
 * all order 0) never fail, nor do __GFP_NOFAIL allocations, nor, with
 * ignore-gfp-highmem and ignore-gfp-wait (both Y by default), user pages
 * (__GFP_HIGHMEM) and allocations that may sleep.  A test of user pages
 * writes 0 to min-order and N to both.  The callers handle NULL as the
 * kernel's do; a page fault that fails so is retried, as the kernel
 * retries it (mm/memory.c, user_access()).
 */
#include "include/fault-inject.h"

#include "include/gfp.h"
#include "include/kernfs.h"
#include "include/machine.h"

bool should_fail_alloc_page(struct machine *m, unsigned int gfp,
			    unsigned int order)
{
	struct fault_inject *fi = m->fault_inject;

	if (!fi || order < fi->page_alloc_min_order || (gfp & __GFP_NOFAIL))
		return false;
	if (fi->page_alloc_ignore_gfp_highmem && (gfp & __GFP_HIGHMEM))
		return false;
	if (fi->page_alloc_ignore_gfp_reclaim && (gfp & __GFP_DIRECT_RECLAIM))
		return false;
	return should_fail(m, &fi->fail_page_alloc, 1 << order);
}

static const struct cftype fail_page_alloc_files[] = {
	FAULT_ATTR_FILES(fail_page_alloc),
	FAULT_FILE("ignore-gfp-wait", bool, page_alloc_ignore_gfp_reclaim),
	FAULT_FILE("ignore-gfp-highmem", bool, page_alloc_ignore_gfp_highmem),
	FAULT_FILE("min-order", u32, page_alloc_min_order),
	{ }	/* terminate */
};

int fail_page_alloc_init(struct machine *m)
{
	struct fault_inject *fi = m->fault_inject;

	fi->page_alloc_ignore_gfp_reclaim = true;
	fi->page_alloc_ignore_gfp_highmem = true;
	fi->page_alloc_min_order = 1;
	return debugfs_create_files(m, "fail_page_alloc", fail_page_alloc_files);
}
