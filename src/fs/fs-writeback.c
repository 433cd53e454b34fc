// SPDX-License-Identifier: GPL-2.0
/*
 * The flusher of the machine's disk (fs/fs-writeback.c): one work item
 * that wakes every dirty_writeback_centisecs while anything is dirty.
 * Each run does what wb_do_writeback() does, in its order: as many pages
 * as were dirty when asked (WB_start_all: reclaim met only unqueued dirty
 * pages), the inodes dirtied more than dirty_expire_centisecs ago
 * (kupdate), and background writeback while the global domain, or the
 * memcg domain of the pages it meets, is over its background threshold.
 *
 * Writes are submitted to the disk's queue and complete later
 * (sim/blockdev.c); the queue holds WB_MAX_INFLIGHT pages, after which the
 * flusher waits for completions, as a flusher blocks on a full request
 * queue.  Where it differs: one flusher for every memcg (6.12 has a
 * bdi_writeback per memcg), inodes in creation order rather than on
 * b_dirty/b_io lists, whole inodes per pass, no chunking by bandwidth.
 */
#include "include/fs.h"
#include "include/writeback.h"

#include "mm/filemap.h"
#include "mm/vmstat.h"

/*
 * The block layer's queue: 256 requests (nr_requests of a virtio disk)
 * of 32 pages, an order of magnitude, not a measurement.
 */
#define WB_MAX_INFLIGHT		8192
/* background writeback checks its domains this often, in pages */
#define WB_BG_CHECK		32

struct wb_pass {
	bool background;
	unsigned long all;		/* pages to write whatever their age */
	u64 expired_before;		/* kupdate: dirtied before this */
	struct mem_cgroup *bg_memcg;	/* the domain last checked */
	bool bg_over;
	unsigned int bg_left;		/* pages until the next check */
	bool queue_full;
	/* whose pages the inode's writeback wrote most (a majority vote) */
	struct mem_cgroup *major;
	unsigned long major_votes;
};

static void wb_pass_vote(struct wb_pass *pass, struct folio *folio)
{
	struct mem_cgroup *memcg = folio_wb_memcg(folio);

	if (!pass->major_votes)
		pass->major = memcg;
	if (pass->major == memcg)
		pass->major_votes++;
	else
		pass->major_votes--;
}

static u64 centisecs_ns(int cs)
{
	return cs > 0 ? (u64)cs * 10 * NSEC_PER_MSEC : 0;
}

/* Background writeback: is the page's domain still over its threshold? */
static bool wb_pass_bg_wants(struct machine *m, struct wb_pass *pass,
			     struct folio *folio)
{
	struct mem_cgroup *memcg = folio_wb_memcg(folio);

	if (memcg != pass->bg_memcg || !pass->bg_left) {
		pass->bg_memcg = memcg;
		pass->bg_over = wb_over_bg_thresh(m, memcg);
		pass->bg_left = WB_BG_CHECK;
	}
	pass->bg_left--;
	return pass->bg_over;
}

/* Write what this pass wants of @inode; true if it has dirty pages left. */
static bool writeback_inode(struct machine *m, struct inode *inode,
			    struct wb_pass *pass)
{
	bool expired = inode->dirtied_when &&
		       inode->dirtied_when <= pass->expired_before;
	unsigned long index = 0;
	struct folio *folio;
	bool dirty_left = false;

	pass->major = NULL;
	pass->major_votes = 0;
	while ((folio = xa_find(&inode->i_data.i_pages, &index))) {
		index++;
		if (xa_is_value(folio) || !folio_test(folio, PG_dirty) ||
		    folio_test(folio, PG_writeback))
			continue;
		if (blockdev_inflight(&m->vfs->disk) >= WB_MAX_INFLIGHT) {
			pass->queue_full = true;
			return true;
		}
		if (!expired && !pass->all &&
		    !(pass->background && wb_pass_bg_wants(m, pass, folio))) {
			dirty_left = true;
			continue;
		}
		if (writeback_folio(m, folio)) {
			dirty_left = true;
			continue;
		}
		wb_pass_vote(pass, folio);
		if (pass->all)
			pass->all--;
	}
	wbc_detach_inode(m, inode, pass->major);
	return dirty_left;
}

static void wb_do_writeback(struct machine *m)
{
	struct bdi_writeback *wb = &m->wb;
	/* wb_check_background_flush(): every run looks at the domains */
	struct wb_pass pass = {
		.all = wb->start_all ? wb->start_all_pages : 0,
		.background = true,
	};
	u64 expire = centisecs_ns(m->vm.dirty_expire_centisecs);
	u64 interval = centisecs_ns(m->vm.dirty_writeback_centisecs);
	bool dirty_left = false;
	struct inode *inode;

	pass.expired_before = m->clock.now >= expire ? m->clock.now - expire : 0;
	wb->start_all = false;
	list_for_each_entry(inode, &m->vfs->inodes, i_sb_list) {
		if (inode->kind != INODE_DISK || !inode->dirtied_when)
			continue;
		if (writeback_inode(m, inode, &pass))
			dirty_left = true;
		else
			inode->dirtied_when = 0;
		if (pass.queue_full)
			break;
	}
	if (pass.queue_full) {
		/* the rest when the disk has room; a sync stays a sync */
		wb->waiting_io = true;
		wb->start_all_pages = pass.all;
		wb->start_all = pass.all > 0;
		return;
	}
	wb->for_background = false;
	if (dirty_left && interval)
		sim_event_schedule(&m->clock, &wb->dwork,
				   m->clock.now + interval);
}

static void wb_workfn(struct sim_event *ev)
{
	struct bdi_writeback *wb = container_of(ev, struct bdi_writeback, dwork);

	wb_do_writeback(container_of(wb, struct machine, wb));
}

void wb_flusher_init(struct machine *m)
{
	sim_event_init(&m->wb.dwork, wb_workfn);
}

/*
 * Machine teardown: no flusher run after the inodes are gone (the RCU
 * barriers of the teardown advance the clock and would fire it), and
 * every write in flight completed.
 */
void wb_shutdown(struct machine *m)
{
	sim_event_cancel(&m->clock, &m->wb.dwork);
	if (m->vfs)
		blockdev_drain(&m->vfs->disk);
	sim_event_cancel(&m->clock, &m->wb.dwork);
}

static void wb_wakeup(struct machine *m)
{
	if (!m->wb.waiting_io)
		sim_event_schedule(&m->clock, &m->wb.dwork, m->clock.now);
}

/* wb_start_writeback(): get_nr_dirty_pages() pages, whatever their age */
void wakeup_flusher_threads(struct machine *m)
{
	if (m->wb.start_all)
		return;
	m->wb.start_all = true;
	m->wb.start_all_pages = global_node_page_state(m, NR_FILE_DIRTY);
	wb_wakeup(m);
}

void wb_start_background_writeback(struct machine *m)
{
	if (m->wb.for_background)
		return;		/* writeback_in_progress() */
	m->wb.for_background = true;
	wb_wakeup(m);
}

void wb_io_completed(struct machine *m)
{
	struct bdi_writeback *wb = &m->wb;

	if (wb->waiting_io &&
	    blockdev_inflight(&m->vfs->disk) <= WB_MAX_INFLIGHT / 2) {
		wb->waiting_io = false;
		wb_wakeup(m);
	}
}

/* The first dirty page of a disk inode starts its expiry clock. */
void inode_mark_dirty(struct machine *m, struct inode *inode)
{
	u64 interval = centisecs_ns(m->vm.dirty_writeback_centisecs);

	if (!inode->dirtied_when)
		inode->dirtied_when = m->clock.now ?: 1;
	inode_attach_wb(m, inode);
	/* wb_wakeup_delayed(): the periodic run, if none is queued */
	if (interval && !sim_event_pending(&m->wb.dwork) && !m->wb.waiting_io)
		sim_event_schedule(&m->clock, &m->wb.dwork,
				   m->clock.now + interval);
}

/* dirty_writeback_centisecs_handler(): a new period starts now */
void wb_interval_changed(struct machine *m)
{
	if (m->vm.dirty_writeback_centisecs > 0)
		wb_wakeup(m);
}
