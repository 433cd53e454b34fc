/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writeback between mm/ and fs/ (include/linux/writeback.h): the dirty
 * limits and writer throttling of mm/page-writeback.c, the flusher of
 * fs/fs-writeback.c.
 */
#ifndef MEMCGLAB_INCLUDE_WRITEBACK_H
#define MEMCGLAB_INCLUDE_WRITEBACK_H

#include "include/machine.h"

struct mem_cgroup;
struct inode;
struct folio;

/* mm/page-writeback.c */
void writeback_init(struct machine *m);
/* The global dirty thresholds in pages: flusher start, writer throttle. */
void global_dirty_limits(struct machine *m, unsigned long *pbackground,
			 unsigned long *pdirty);
/* Over a background threshold: the global one, or @memcg's (may be NULL). */
bool wb_over_bg_thresh(struct machine *m, struct mem_cgroup *memcg);
/* The memcg whose writeback domain a page-cache folio is in. */
struct mem_cgroup *folio_wb_memcg(const struct folio *folio);
/* After the current task dirtied a page: throttle it if it must. */
void balance_dirty_pages_ratelimited(struct machine *m);

/*
 * cgroup writeback's inode ownership, for the block device inode: the
 * first memcg to dirty it owns it (inode_attach_wb), a writeback whose
 * pages are mostly another live memcg's moves it there
 * (wbc_detach_inode), a memcg going offline gives its clean inodes to
 * its parent (cleanup_offline_cgwbs); eviction lets go (inode_detach_wb).
 */
void inode_attach_wb(struct machine *m, struct inode *inode);
void inode_detach_wb(struct machine *m, struct inode *inode);
void wbc_detach_inode(struct machine *m, struct inode *inode,
		      struct mem_cgroup *major);
void wb_memcg_offline(struct mem_cgroup *memcg);

/* fs/fs-writeback.c */
void wb_flusher_init(struct machine *m);
void wb_shutdown(struct machine *m);
/* Write everything now (WB_REASON_VMSCAN, sync). */
void wakeup_flusher_threads(struct machine *m);
/* A writer passed a background threshold. */
void wb_start_background_writeback(struct machine *m);
/* The disk completed a write: a flusher waiting for room goes on. */
void wb_io_completed(struct machine *m);
/* A disk inode got its first dirty page. */
void inode_mark_dirty(struct machine *m, struct inode *inode);
/* dirty_writeback_centisecs changed: the flusher's period with it. */
void wb_interval_changed(struct machine *m);

#endif
