/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The flusher of the machine's one disk (include/linux/backing-dev-defs.h):
 * a delayed work item and the "write everything" request (WB_start_all).
 */
#ifndef MEMCGLAB_INCLUDE_BACKING_DEV_DEFS_H
#define MEMCGLAB_INCLUDE_BACKING_DEV_DEFS_H

#include "sim/clock.h"

struct bdi_writeback {
	struct sim_event dwork;	/* wb_workfn, when queued */
	bool start_all;		/* WB_start_all: write every dirty inode */
};

#endif
