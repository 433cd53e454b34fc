// SPDX-License-Identifier: GPL-2.0
/*
 * Dirty page limits, writer throttling and the writeback state of a folio
 * (mm/page-writeback.c).
 *
 * Two writeback domains, as with cgroup writeback on cgroup2: the global
 * one (dirtyable memory: free pages above the reserves plus the file LRU)
 * and the writer's memcg (its file pages plus its headroom under
 * memory.max and memory.high, as mem_cgroup_wb_stats() gives them, capped
 * by the clean memory left elsewhere).  vm.dirty_ratio or dirty_bytes
 * give each domain its throttle threshold, dirty_background_ratio or
 * dirty_background_bytes its background threshold (bytes become a ratio
 * of global memory in a memcg domain).
 *
 * balance_dirty_pages(): a writer checks every nr_dirtied_pause pages.
 * Below the freerun ceiling (halfway between the two thresholds) of both
 * domains it goes on; above it, background writeback starts and the
 * writer sleeps, in virtual time, as long as dirtying those pages at its
 * rate limit takes: the disk's write bandwidth scaled by the position
 * ratio of the tighter domain (the kernel's cubic around the setpoint;
 * zero at the limit, where it sleeps max_pause and checks again).
 *
 * Where it differs: the rate limit is the disk's bandwidth from the cost
 * table, not an estimate that converges to it; there is one writeback
 * queue for the disk (no per-wb share of the threshold, no wb setpoint
 * correction, no dirty_limit that decays toward the threshold); the memcg
 * statistics the memcg domain reads are those of the last periodic rstat
 * flush (every 2 s), as 6.12's mem_cgroup_flush_stats_ratelimited() does,
 * while everything else reads exact ones.
 */
#include "filemap.h"

#include <errno.h>
#include <limits.h>

#include "lib/bitops.h"
#include "include/highmem.h"
#include "include/memory_model.h"
#include "include/fs.h"
#include "include/sched.h"
#include "include/writeback.h"
#include "mm/memcontrol.h"
#include "mm/page_alloc.h"
#include "mm/swap.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"

#define RATELIMIT_CALC_SHIFT	10
#define MAX_PAUSE		max(HZ / 5, 1)		/* jiffies */
#define DIRTY_POLL_THRESH	(128 >> (PAGE_SHIFT - 10))
#define BDP_MAX_LOOPS		1000	/* a stalled disk: give up waiting */

struct dirty_throttle_control {
	struct mem_cgroup *memcg;	/* NULL: the global domain */
	unsigned long avail;		/* dirtyable pages */
	unsigned long dirty;		/* dirty (+ writeback when throttling) */
	unsigned long thresh, bg_thresh;
	long pos_ratio;			/* << RATELIMIT_CALC_SHIFT */
	bool freerun;
};

/* global_dirtyable_memory(): free and file LRU pages above the reserves */
static unsigned long dirtyable_memory(struct machine *m)
{
	unsigned long x = global_zone_page_state(m, NR_FREE_PAGES);

	x -= min(x, totalreserve_pages(m));
	x += global_node_page_state(m, NR_INACTIVE_FILE) +
	     global_node_page_state(m, NR_ACTIVE_FILE);
	return x + 1;	/* never 0 */
}

/*
 * domain_dirty_avail(): what the domain may dirty and what it has dirty.
 * A memcg's avail is its file pages plus as much of its headroom as the
 * clean memory outside it can give (mdtc_calc_avail).
 */
static void domain_dirty_avail(struct machine *m,
			       struct dirty_throttle_control *dtc,
			       const struct dirty_throttle_control *gdtc,
			       bool include_writeback)
{
	unsigned long filepages, headroom, writeback, clean, global_clean;

	if (!dtc->memcg) {
		dtc->avail = dirtyable_memory(m);
		dtc->dirty = global_node_page_state(m, NR_FILE_DIRTY);
		if (include_writeback)
			dtc->dirty += global_node_page_state(m, NR_WRITEBACK);
		return;
	}
	mem_cgroup_wb_stats(dtc->memcg, &filepages, &headroom, &dtc->dirty,
			    &writeback);
	if (include_writeback)
		dtc->dirty += writeback;
	clean = filepages - min(filepages, dtc->dirty);
	global_clean = gdtc->avail - min(gdtc->avail, gdtc->dirty);
	dtc->avail = filepages + min(headroom,
				     global_clean - min(global_clean, clean));
}

/*
 * domain_dirty_limits(): the ratios are per PAGE_SIZE for precision; the
 * byte knobs are pages in the global domain and a ratio of the global
 * avail in a memcg's.  A background threshold not below the throttle one
 * becomes half of it.
 */
static void domain_dirty_limits(struct machine *m,
				struct dirty_throttle_control *dtc,
				const struct dirty_throttle_control *gdtc)
{
	unsigned long bytes = m->vm.dirty_bytes;
	unsigned long bg_bytes = m->vm.dirty_background_bytes;
	unsigned long ratio = m->vm.dirty_ratio * PAGE_SIZE / 100;
	unsigned long bg_ratio = m->vm.dirty_background_ratio * PAGE_SIZE / 100;
	unsigned long thresh, bg_thresh;

	if (dtc->memcg) {
		if (bytes)
			ratio = min(DIV_ROUND_UP(bytes, gdtc->avail), PAGE_SIZE);
		if (bg_bytes)
			bg_ratio = min(DIV_ROUND_UP(bg_bytes, gdtc->avail),
				       PAGE_SIZE);
		bytes = bg_bytes = 0;
	}
	thresh = bytes ? DIV_ROUND_UP(bytes, PAGE_SIZE) :
			 ratio * dtc->avail / PAGE_SIZE;
	bg_thresh = bg_bytes ? DIV_ROUND_UP(bg_bytes, PAGE_SIZE) :
			       bg_ratio * dtc->avail / PAGE_SIZE;
	if (thresh > UINT_MAX)
		thresh = UINT_MAX;
	if (bg_thresh >= thresh)
		bg_thresh = thresh / 2;
	dtc->thresh = thresh;
	dtc->bg_thresh = bg_thresh;
}

static void domain_limits(struct machine *m, struct dirty_throttle_control *dtc,
			  const struct dirty_throttle_control *gdtc,
			  bool include_writeback)
{
	domain_dirty_avail(m, dtc, gdtc, include_writeback);
	domain_dirty_limits(m, dtc, gdtc);
	dtc->freerun = dtc->dirty <= (dtc->thresh + dtc->bg_thresh) / 2;
}

void global_dirty_limits(struct machine *m, unsigned long *pbackground,
			 unsigned long *pdirty)
{
	struct dirty_throttle_control gdtc = { 0 };

	domain_limits(m, &gdtc, NULL, true);
	*pdirty = gdtc.thresh;
	*pbackground = gdtc.bg_thresh;
}

/*
 * wb_over_bg_thresh(): background writeback goes on while the global
 * domain, or @memcg's, has more dirty pages (not counting those being
 * written) than its background threshold.
 */
bool wb_over_bg_thresh(struct machine *m, struct mem_cgroup *memcg)
{
	struct dirty_throttle_control gdtc = { 0 }, mdtc = { .memcg = memcg };

	domain_limits(m, &gdtc, NULL, false);
	if (gdtc.dirty > gdtc.bg_thresh)
		return true;
	if (!memcg || mem_cgroup_is_root(memcg))
		return false;
	domain_limits(m, &mdtc, &gdtc, false);
	return mdtc.dirty > mdtc.bg_thresh;
}

/* inode_to_wb(), reduced: the domain is the memcg charged for the page */
struct mem_cgroup *folio_wb_memcg(const struct folio *folio)
{
	return folio_memcg(folio);
}

/* ---- which memcg's writeback an inode belongs to ---- */

static bool inode_under_writeback(struct inode *inode)
{
	unsigned long index = 0;
	struct folio *folio;

	while ((folio = xa_find(&inode->i_data.i_pages, &index))) {
		if (!xa_is_value(folio) && folio_test(folio, PG_writeback))
			return true;
		index++;
	}
	return false;
}

static void inode_switch_wbs(struct inode *inode, struct mem_cgroup *memcg)
{
	struct mem_cgroup *old = inode->i_wb;

	css_get(&memcg->css);
	inode->i_wb = memcg;
	if (old)
		css_put(&old->css);
}

/*
 * Only the block device inode is attached: 6.12 attaches every inode it
 * dirties, but the model's file inodes are never evicted under memory
 * pressure or drop_caches, so their owners would stay dying for good.
 */
void inode_attach_wb(struct machine *m, struct inode *inode)
{
	struct mem_cgroup *memcg;

	if (inode->i_wb || inode != m->vfs->bdev)
		return;
	memcg = get_mem_cgroup_from_current(m);
	inode->i_wb = memcg;		/* the lookup's reference */
}

void inode_detach_wb(struct machine *m, struct inode *inode)
{
	if (inode->i_wb)
		css_put(&inode->i_wb->css);
	inode->i_wb = NULL;
}

/* After a writeback of @inode whose pages were mostly @major's */
void wbc_detach_inode(struct machine *m, struct inode *inode,
		      struct mem_cgroup *major)
{
	if (inode->i_wb && major && major != inode->i_wb &&
	    mem_cgroup_online(major))
		inode_switch_wbs(inode, major);
}

/* A clean inode of an offline memcg goes to the nearest online ancestor. */
void wb_memcg_offline(struct mem_cgroup *memcg)
{
	struct machine *m = memcg->machine;
	struct inode *bdev = m->vfs ? m->vfs->bdev : NULL;
	struct mem_cgroup *parent = parent_mem_cgroup(memcg);

	if (!bdev || bdev->i_wb != memcg || bdev->dirtied_when || !parent)
		return;
	if (inode_under_writeback(bdev))
		return;
	inode_switch_wbs(bdev, parent);
}

/* v >> RATELIMIT_CALC_SHIFT for a signed v, rounding down as the kernel's
 * arithmetic shift does (a shift of a negative value is undefined in C) */
static long long calc_shift_down(long long v)
{
	long long unit = 1LL << RATELIMIT_CALC_SHIFT;

	return v >= 0 ? v / unit : -((-v + unit - 1) / unit);
}

/* pos_ratio_polynom(): 1 + ((setpoint - dirty) / (limit - setpoint))^3 */
static long pos_ratio_polynom(unsigned long setpoint, unsigned long dirty,
			      unsigned long limit)
{
	long long x = ((long long)setpoint - (long long)dirty) *
		      (1LL << RATELIMIT_CALC_SHIFT) /
		      (long long)((limit - setpoint) | 1);
	long long pos_ratio = x;

	pos_ratio = calc_shift_down(pos_ratio * x);
	pos_ratio = calc_shift_down(pos_ratio * x);
	pos_ratio += 1 << RATELIMIT_CALC_SHIFT;
	return clamp(pos_ratio, 0LL, 2LL << RATELIMIT_CALC_SHIFT);
}

static void domain_pos_ratio(struct dirty_throttle_control *dtc)
{
	unsigned long freerun = (dtc->thresh + dtc->bg_thresh) / 2;
	unsigned long limit = dtc->thresh;
	unsigned long setpoint = (freerun + limit) / 2;

	dtc->pos_ratio = dtc->dirty >= limit ? 0 :
			 pos_ratio_polynom(setpoint, dtc->dirty, limit);
}

/* dirty_poll_interval(): check again after about sqrt(room) pages */
static unsigned long dirty_poll_interval(unsigned long dirty,
					 unsigned long thresh)
{
	return thresh > dirty ? 1UL << (ilog2(thresh - dirty) >> 1) : 1;
}

/* wb_max_pause(): short enough that the disk never runs dry */
static long wb_max_pause(unsigned long bw, unsigned long wb_dirty)
{
	long t = wb_dirty / (1 + bw / roundup_pow_of_two(1 + HZ / 8)) + 1;

	return min(t, (long)MAX_PAUSE);
}

/*
 * wb_min_pause(): the pause to aim for (10 ms for one writer, at least
 * DIRTY_POLL_THRESH pages apart) and the pages until the next check.
 */
static long wb_min_pause(unsigned long ratelimit, unsigned long task_ratelimit,
			 long max_pause, int *nr_dirtied_pause)
{
	long t = min(max(1, HZ / 100), 1 + max_pause / 2);
	long pages = ratelimit * t / roundup_pow_of_two(HZ);

	if (pages < DIRTY_POLL_THRESH) {
		t = max_pause;
		pages = ratelimit * t / roundup_pow_of_two(HZ);
		if (pages > DIRTY_POLL_THRESH) {
			pages = DIRTY_POLL_THRESH;
			t = HZ * DIRTY_POLL_THRESH / ratelimit;
		}
	}
	if (HZ * pages / (long)(task_ratelimit + 1) > max_pause) {
		t = max_pause;
		pages = task_ratelimit * t / roundup_pow_of_two(HZ);
	}
	*nr_dirtied_pause = pages;
	return pages >= DIRTY_POLL_THRESH ? 1 + t / 2 : t;
}

static u64 jiffies_of(struct machine *m)
{
	return m->clock.now / NSEC_PER_JIFFY;
}

/* Both domains at their freerun ceiling or under: no pause. */
static void bdp_free_running(struct task_struct *t,
			     const struct dirty_throttle_control *gdtc,
			     const struct dirty_throttle_control *mdtc, u64 now)
{
	unsigned long intv = dirty_poll_interval(gdtc->dirty, gdtc->thresh);

	if (mdtc)
		intv = min(intv, dirty_poll_interval(mdtc->dirty, mdtc->thresh));
	t->dirty_paused_when = now;
	t->nr_dirtied = 0;
	t->nr_dirtied_pause = intv;
}

/*
 * One round of balance_dirty_pages(): false when the task may go on,
 * true after it slept with its domain still at the limit.
 */
static bool bdp_round(struct machine *m, struct mem_cgroup *memcg,
		      unsigned long pages_dirtied)
{
	struct task_struct *t = m->current;
	struct bdi_writeback *wb = &m->wb;
	struct dirty_throttle_control gdtc = { 0 }, mdtc_stor = { .memcg = memcg };
	struct dirty_throttle_control *mdtc = memcg ? &mdtc_stor : NULL;
	struct dirty_throttle_control *sdtc = &gdtc;
	unsigned long bw = wb->avg_write_bandwidth, task_ratelimit;
	long period, pause, max_pause, min_pause;
	u64 now = jiffies_of(m);
	int nr_dirtied_pause;

	domain_limits(m, &gdtc, NULL, true);
	if (mdtc)
		domain_limits(m, mdtc, &gdtc, true);
	if (gdtc.dirty > gdtc.bg_thresh)
		wb_start_background_writeback(m);
	if (gdtc.freerun && (!mdtc || mdtc->freerun)) {
		bdp_free_running(t, &gdtc, mdtc, now);
		return false;
	}
	wb_start_background_writeback(m);
	domain_pos_ratio(&gdtc);
	if (mdtc) {
		domain_pos_ratio(mdtc);
		if (mdtc->pos_ratio < gdtc.pos_ratio)
			sdtc = mdtc;
	}
	wb->dirty_exceeded = gdtc.dirty > gdtc.thresh ||
			     (mdtc && mdtc->dirty > mdtc->thresh);
	task_ratelimit = (u64)bw * sdtc->pos_ratio >> RATELIMIT_CALC_SHIFT;
	max_pause = wb_max_pause(bw, sdtc->dirty);
	min_pause = wb_min_pause(bw, task_ratelimit, max_pause,
				 &nr_dirtied_pause);
	if (!task_ratelimit) {
		pause = max_pause;
	} else {
		period = HZ * pages_dirtied / task_ratelimit;
		pause = period;
		if (t->dirty_paused_when)
			pause -= now - t->dirty_paused_when;
		if (pause < min_pause) {
			/* make it up in later periods, or forget a light writer */
			if (pause < -HZ) {
				t->dirty_paused_when = now;
				t->nr_dirtied = 0;
			} else if (period) {
				t->dirty_paused_when += period;
				t->nr_dirtied = 0;
			} else if (t->nr_dirtied_pause <= (int)pages_dirtied) {
				t->nr_dirtied_pause += pages_dirtied;
			}
			return false;
		}
		if (pause > max_pause) {
			now += min(pause - max_pause, max_pause);
			pause = max_pause;
		}
	}
	/* the writer sleeps, the machine runs */
	io_schedule_timeout(m, pause * NSEC_PER_JIFFY);
	t->dirty_paused_when = now + pause;
	t->nr_dirtied = 0;
	t->nr_dirtied_pause = nr_dirtied_pause;
	return !task_ratelimit;
}

static void balance_dirty_pages(struct machine *m, unsigned long pages_dirtied)
{
	struct mem_cgroup *memcg = get_mem_cgroup_from_current(m);
	struct mem_cgroup *domain = mem_cgroup_is_root(memcg) ? NULL : memcg;
	int loops;

	for (loops = 0; loops < BDP_MAX_LOOPS; loops++) {
		if (!bdp_round(m, domain, pages_dirtied))
			break;
		if (fatal_signal_pending(m->current))
			break;
	}
	css_put(&memcg->css);
}

/*
 * balance_dirty_pages_ratelimited(): a task that dirtied a page checks
 * the limits once it has dirtied nr_dirtied_pause pages, or 8 while a
 * domain is over its limit.
 */
void balance_dirty_pages_ratelimited(struct machine *m)
{
	struct task_struct *t = m->current;
	int ratelimit;

	if (!t)
		return;
	ratelimit = t->nr_dirtied_pause;
	if (m->wb.dirty_exceeded)
		ratelimit = min(ratelimit, 32 >> (PAGE_SHIFT - 10));
	if (++t->nr_dirtied >= ratelimit)
		balance_dirty_pages(m, t->nr_dirtied);
}

/* ---- a folio under writeback ---- */

/*
 * __folio_start_writeback(): dirty becomes writeback.  The I/O holds a
 * reference, so a truncation while it runs frees the folio at completion
 * (6.12's truncation waits for the I/O instead; the counts are the same).
 */
void folio_start_writeback(struct machine *m, struct folio *folio)
{
	folio_clear_dirty_for_io(m, folio);
	folio_set(folio, PG_writeback);
	folio_get(folio);
	lruvec_stat_mod_folio(m, folio, NR_WRITEBACK, 1);
	mod_zone_page_state(folio_pgdat(m, folio), NR_ZONE_WRITE_PENDING, 1);
}

/* __folio_end_writeback() and what reclaim waits for */
void folio_end_writeback(struct machine *m, struct folio *folio)
{
	struct pglist_data *pgdat = folio_pgdat(m, folio);

	folio_clear(folio, PG_writeback);
	lruvec_stat_mod_folio(m, folio, NR_WRITEBACK, -1);
	mod_zone_page_state(pgdat, NR_ZONE_WRITE_PENDING, -1);
	mod_node_page_state(pgdat, NR_WRITTEN, 1);
	if (folio_test_clear(folio, PG_reclaim))
		folio_rotate_reclaimable(m, folio);
	acct_reclaim_writeback(m, folio);
	folio_put(m, folio);
}

static void disk_end_io(struct blockdev *bdev, void *private, int err)
{
	struct machine *m = bdev->owner;
	struct folio *folio = private;

	folio_end_writeback(m, folio);
	wb_io_completed(m);
}

/*
 * Write a dirty page-cache folio to the disk: the bytes leave at once,
 * the folio stays under writeback until the disk completes the request.
 * A failed submission leaves it dirty.
 */
int writeback_folio(struct machine *m, struct folio *folio)
{
	struct inode *inode = folio_mapping(folio)->host;
	int err;

	if (folio_test(folio, PG_writeback))
		return -EBUSY;
	err = inode_reserve_block(m, inode, folio->index);
	if (!err)
		err = frame_write_block(&m->phys, folio_address(m, folio),
				&m->vfs->disk,
				xa_to_value(xa_load(&inode->blocks, folio->index)));
	if (err)
		return err;
	blockdev_submit(&m->vfs->disk, m->cost.disk_page_ns,
			m->cost.disk_write_ns, folio);
	folio_start_writeback(m, folio);
	count_vm_events(m, PGPGOUT, PAGE_SECTORS);
	return 0;
}

void writeback_init(struct machine *m)
{
	m->wb.avg_write_bandwidth = NSEC_PER_SEC / max(m->cost.disk_page_ns, 1);
	blockdev_set_async(&m->vfs->disk, &m->clock, disk_end_io, m);
	wb_flusher_init(m);
}
