// SPDX-License-Identifier: GPL-2.0
/*
 * The global dirty limits of /proc/vmstat (nr_dirty_threshold,
 * nr_dirty_background_threshold) and the sysctls that set them, against
 * 6.12's mm/page-writeback.c:
 *
 *	avail     = free - min(free, totalreserve) + inactive_file
 *		    + active_file + 1		(global_dirtyable_memory)
 *	ratio     = vm_dirty_ratio * PAGE_SIZE / 100	(per-PAGE_SIZE units)
 *	bg_ratio  = dirty_background_ratio * PAGE_SIZE / 100
 *	thresh    = ratio * avail / PAGE_SIZE
 *	bg_thresh = bg_ratio * avail / PAGE_SIZE, or thresh / 2 if that is
 *		    not below thresh		(domain_dirty_limits)
 *
 * totalreserve_pages is the sum of the high watermarks here: the model's
 * one zone per node has no lowmem reserve.
 */
#include <errno.h>

#include "include/machine.h"
#include "fixture.h"
#include "tap.h"

struct limits {
	unsigned long thresh, bg_thresh;
};

static struct limits expected(struct machine *m, int ratio, int bg_ratio)
{
	unsigned long free = key(m, "/proc/vmstat", "nr_free_pages");
	unsigned long file = key(m, "/proc/vmstat", "nr_inactive_file") +
			     key(m, "/proc/vmstat", "nr_active_file");
	unsigned long reserve = 0, avail;
	struct limits l;
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++)
		reserve += m->node_data[nid]->totalreserve_pages;
	avail = free - min(free, reserve) + file + 1;
	l.thresh = (ratio * PAGE_SIZE / 100) * avail / PAGE_SIZE;
	l.bg_thresh = (bg_ratio * PAGE_SIZE / 100) * avail / PAGE_SIZE;
	if (l.bg_thresh >= l.thresh)
		l.bg_thresh = l.thresh / 2;
	return l;
}

static void check(struct machine *m, int ratio, int bg_ratio, const char *what)
{
	struct limits want = expected(m, ratio, bg_ratio);

	is_long(key(m, "/proc/vmstat", "nr_dirty_threshold"), want.thresh,
		"%s: nr_dirty_threshold", what);
	is_long(key(m, "/proc/vmstat", "nr_dirty_background_threshold"),
		want.bg_thresh, "%s: nr_dirty_background_threshold", what);
}

int main(void)
{
	struct machine *m = boot_machine(1ULL << 30, 2);

	is_long(num(m, "/proc/sys/vm/dirty_ratio"), 20, "dirty_ratio is 20");
	is_long(num(m, "/proc/sys/vm/dirty_background_ratio"), 10,
		"dirty_background_ratio is 10");
	check(m, 20, 10, "defaults");
	is_long(wr(m, "/proc/sys/vm/dirty_ratio", "101"), -EINVAL,
		"dirty_ratio 101 -> EINVAL");
	is_long(wr(m, "/proc/sys/vm/dirty_background_ratio", "-1"), -EINVAL,
		"dirty_background_ratio -1 -> EINVAL");
	is_long(wr(m, "/proc/sys/vm/dirty_ratio", "33"), 2, "dirty_ratio 33");
	check(m, 33, 10, "dirty_ratio 33");
	is_long(wr(m, "/proc/sys/vm/dirty_background_ratio", "50"), 2,
		"dirty_background_ratio 50");
	check(m, 33, 50, "background above dirty: half of the dirty limit");
	destroy_machine(m);
	return done_testing();
}
