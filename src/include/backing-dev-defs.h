/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The flusher of the machine's one disk (include/linux/backing-dev-defs.h):
 * a delayed work item, what it was asked to do, and the bandwidth the
 * dirty throttling paces writers by.  One bdi_writeback serves every
 * memcg (6.12 has one per memcg and disk); the memcg domains of
 * balance_dirty_pages() are kept (mm/page-writeback.c).
 */
#ifndef MEMCGLAB_INCLUDE_BACKING_DEV_DEFS_H
#define MEMCGLAB_INCLUDE_BACKING_DEV_DEFS_H

#include "sim/clock.h"

struct bdi_writeback {
	struct sim_event dwork;	/* wb_workfn, when queued */
	bool start_all;		/* WB_start_all: write what is dirty now */
	unsigned long start_all_pages;	/* ... that many pages */
	bool for_background;	/* background writeback asked for */
	bool dirty_exceeded;	/* a writer passed a dirty limit */
	bool waiting_io;	/* the queue is full: run again at completion */
	unsigned long avg_write_bandwidth;	/* pages per second */
};

#endif
