// SPDX-License-Identifier: GPL-2.0
/*
 * Writeback of dirty page cache (mm/page-writeback.c, fs/fs-writeback.c).
 *
 * One flusher per machine.  It wakes every dirty_writeback_interval (5 s)
 * while anything is dirty and writes the inodes dirtied more than
 * dirty_expire_interval (30 s) ago; reclaim that meets dirty pages, and
 * dirtying beyond the background threshold, wake it to write everything.
 * I/O completes at once; a folio reclaim marked PG_reclaim is rotated to the
 * tail of its inactive list when written, to be reclaimed next.
 * Writers are never throttled (balance_dirty_pages is not modelled).
 */
#include "filemap.h"

#include <errno.h>

#include "include/memory_model.h"
#include "include/fs.h"
#include "mm/memcontrol.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

#define DIRTY_WRITEBACK_NS	(5 * NSEC_PER_SEC)
#define DIRTY_EXPIRE_NS		(30 * NSEC_PER_SEC)

/* global_dirtyable_memory(): free and file LRU pages above the reserves */
static unsigned long dirtyable_memory(struct machine *m)
{
	unsigned long x = global_zone_page_state(m, NR_FREE_PAGES);
	unsigned long reserve = 0;
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++)
		reserve += m->node_data[nid]->watermark[WMARK_HIGH];
	x -= min(x, reserve);
	x += global_node_page_state(m, NR_INACTIVE_FILE) +
	     global_node_page_state(m, NR_ACTIVE_FILE);
	return x + 1;	/* never 0 */
}

/*
 * global_dirty_limits() and domain_dirty_limits(): the dirty page counts
 * at which writers are throttled (vm.dirty_ratio) and the flusher starts
 * (dirty_background_ratio), of dirtyable memory.  The ratios are turned
 * into parts of PAGE_SIZE first, as the kernel does, and a background
 * limit not below the dirty one becomes half of it.  (vm.dirty_bytes and
 * dirty_background_bytes are not modelled.)
 */
void global_dirty_limits(struct machine *m, unsigned long *pbackground,
			 unsigned long *pdirty)
{
	unsigned long avail = dirtyable_memory(m);
	unsigned long ratio = m->vm.dirty_ratio * PAGE_SIZE / 100;
	unsigned long bg_ratio = m->vm.dirty_background_ratio * PAGE_SIZE / 100;
	unsigned long thresh = ratio * avail / PAGE_SIZE;
	unsigned long bg_thresh = bg_ratio * avail / PAGE_SIZE;

	if (bg_thresh >= thresh)
		bg_thresh = thresh / 2;
	*pdirty = thresh;
	*pbackground = bg_thresh;
}

/* folio_rotate_reclaimable(): written for reclaim, so reclaim it next */
static void folio_rotate_reclaimable(struct machine *m, struct folio *folio)
{
	struct lruvec *lruvec;

	if (!folio_test(folio, PG_lru) || folio_test(folio, PG_active) ||
	    folio_test(folio, PG_unevictable))
		return;
	lruvec = folio_lruvec(m, folio);
	lruvec_del_folio(lruvec, folio);
	lruvec_add_folio_tail(lruvec, folio);
	count_vm_event(m, PGROTATED);
}

int writeback_folio(struct machine *m, struct folio *folio)
{
	struct inode *inode = folio_mapping(folio)->host;
	struct blockdev *disk = &m->vfs->disk;
	void *block = xa_load(&inode->blocks, folio->index);
	int err;

	if (!block) {
		if (disk->next_free >= disk->nr_blocks)
			return -ENOSPC;
		block = xa_mk_value(disk->next_free++);
		xa_store(&inode->blocks, folio->index, block);
	}
	err = blockdev_write(disk, xa_to_value(block), folio_address(m, folio));
	if (err)
		return err;
	folio_clear_dirty_for_io(m, folio);
	mod_node_page_state(folio_pgdat(m, folio), NR_WRITTEN, 1);
	count_vm_events(m, PGPGOUT, PAGE_SECTORS);
	if (folio_test_clear(folio, PG_reclaim))
		folio_rotate_reclaimable(m, folio);
	return 0;
}

/* Write every dirty page of @inode; false if some remain dirty. */
static bool writeback_inode(struct machine *m, struct inode *inode)
{
	unsigned long index = 0;
	struct folio *folio;
	bool clean = true;

	while ((folio = xa_find(&inode->i_data.i_pages, &index))) {
		if (!xa_is_value(folio) && folio_test(folio, PG_dirty) &&
		    writeback_folio(m, folio))
			clean = false;
		index++;
	}
	if (clean)
		inode->dirtied_when = 0;
	return clean;
}

static void wb_do_writeback(struct machine *m, bool all)
{
	struct inode *inode;
	bool dirty_left = false;

	list_for_each_entry(inode, &m->vfs->inodes, i_sb_list) {
		if (inode->kind != INODE_DISK || !inode->dirtied_when)
			continue;
		if (!all && inode->dirtied_when + DIRTY_EXPIRE_NS > m->clock.now) {
			dirty_left = true;
			continue;
		}
		if (!writeback_inode(m, inode))
			dirty_left = true;
	}
	if (dirty_left)
		sim_event_schedule(&m->clock, &m->wb.dwork,
				   m->clock.now + DIRTY_WRITEBACK_NS);
}

static void wb_workfn(struct sim_event *ev)
{
	struct bdi_writeback *wb = container_of(ev, struct bdi_writeback, dwork);
	bool all = wb->start_all;

	wb->start_all = false;
	wb_do_writeback(container_of(wb, struct machine, wb), all);
}

void writeback_init(struct machine *m)
{
	sim_event_init(&m->wb.dwork, wb_workfn);
}

/*
 * Machine teardown: no flusher run after the inodes are gone (the RCU
 * barriers of the teardown advance the clock and would fire it).
 */
void wb_shutdown(struct machine *m)
{
	sim_event_cancel(&m->clock, &m->wb.dwork);
}

/* Write everything now (wakeup_flusher_threads, sync). */
void wakeup_flusher_threads(struct machine *m)
{
	m->wb.start_all = true;
	sim_event_schedule(&m->clock, &m->wb.dwork, m->clock.now);
}

/* A disk inode got its first dirty page: start its expiry clock. */
void inode_mark_dirty(struct machine *m, struct inode *inode)
{
	unsigned long bg_thresh, thresh;

	if (!inode->dirtied_when)
		inode->dirtied_when = m->clock.now ?: 1;
	global_dirty_limits(m, &bg_thresh, &thresh);
	if (global_node_page_state(m, NR_FILE_DIRTY) > bg_thresh)
		wakeup_flusher_threads(m);
	else if (!sim_event_pending(&m->wb.dwork))
		sim_event_schedule(&m->clock, &m->wb.dwork,
				   m->clock.now + DIRTY_WRITEBACK_NS);
}
