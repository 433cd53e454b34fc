// SPDX-License-Identifier: GPL-2.0
/*
 * Swap I/O (mm/page_io.c): a folio leaving for its slot and coming back.
 * Zero-filled pages are not written but remembered in the device's zeromap
 * (6.12); others go to zswap first, then to the device, whose file really
 * holds them (with content=model, their descriptors: sim/frame.h).  Every
 * page read back is compared with the content tag (checksum, or the
 * descriptor's hash) taken when it was written.
 *
 * On a disk the write is asynchronous: the folio is under writeback until
 * the device completes the request (sim/blockdev.c), an event later, and
 * stays in the swap cache until reclaim comes back for it.  A
 * SWP_SYNCHRONOUS_IO device (zram) completes before __swap_writepage()
 * returns.  Reads move
 * their bytes at submission, so a swapped-in folio is up to date at once;
 * the faulting task waits for the read's completion afterwards
 * (task->io_wait_until), the neighbours readahead brought in do not.
 */
#include "swapfile.h"

#include <stdio.h>
#include <string.h>

#include "lib/bitops.h"
#include "include/bug.h"
#include "include/highmem.h"
#include "include/memory_model.h"
#include "include/sched.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/vmstat.h"
#include "mm/zswap.h"

/* The kernel's alert, in the --trace output: vda is virtio's 254:0. */
static void swap_io_error(struct machine *m, const char *what,
			  unsigned long offset)
{
	if (m->trace)
		fprintf(m->trace, "%llu.%09llu %s-error on swap-device "
			"(254:0:%llu)\n",
			(unsigned long long)(m->clock.now / NSEC_PER_SEC),
			(unsigned long long)(m->clock.now % NSEC_PER_SEC), what,
			(unsigned long long)offset * PAGE_SECTORS);
}

/* end_swap_bio_write(): the disk completed a swap write. */
void swap_end_io(struct blockdev *bdev, void *private, int err)
{
	folio_end_writeback(bdev->owner, private);
}

/*
 * The block I/O part of swap-out (__swap_writepage): the folio is under
 * writeback until the device completes the write, at once on a
 * synchronous device.  A write that fails (an injected fail_make_request)
 * is end_swap_bio_write()'s error case: the folio is dirty again and
 * stays in memory and in the swap cache, no longer marked for reclaim; a
 * later reclaim tries again.
 */
int __swap_writepage(struct machine *m, struct folio *folio)
{
	struct swap_info_struct *si = m->swap_info;
	unsigned long offset = swp_offset(folio_swap_entry(folio));
	void *data = folio_address(m, folio);
	int err;

	err = frame_write_block(&m->phys, data, &si->bdev, offset);
	if (!err && !(si->flags & SWP_SYNCHRONOUS_IO))
		blockdev_submit(&si->bdev, m->cost.swap_page_ns,
				m->cost.swap_write_ns, folio);
	if (err) {
		folio_set(folio, PG_dirty);
		folio_clear(folio, PG_reclaim);
		swap_io_error(m, "Write", offset);
		return err;
	}
	count_vm_event(m, PSWPOUT);
	count_vm_events(m, PGPGOUT, PAGE_SECTORS);
	folio_start_writeback(m, folio);
	if (si->flags & SWP_SYNCHRONOUS_IO)
		folio_end_writeback(m, folio);
	return 0;
}

/*
 * swap_writepage(): zero-filled pages only set their zeromap bit; others
 * try zswap, then the device.  A page zswap rejects while its memcg forbids
 * writeback stays in memory: SWAP_WRITEPAGE_ACTIVATE.
 */
int swap_writepage(struct machine *m, struct folio *folio)
{
	struct swap_info_struct *si = m->swap_info;
	unsigned long offset = swp_offset(folio_swap_entry(folio));
	u8 *data = folio_address(m, folio);

	/* nothing maps the slot any more: the folio is all there is */
	if (folio_free_swap(m, folio))
		return 0;
	folio_clear(folio, PG_dirty);	/* shmem's path dirtied it again */
	si->checksum[offset] = frame_tag(&m->phys, data);
	if (frame_zero_filled(&m->phys, data)) {
		__set_bit(offset, si->zeromap);
		count_vm_event(m, SWPOUT_ZERO);
		count_memcg_folio_events(m, folio, SWPOUT_ZERO, 1);
		return 0;
	}
	__clear_bit(offset, si->zeromap);
	if (zswap_store(m, folio))
		return 0;
	if (!mem_cgroup_zswap_writeback_enabled(folio_memcg(folio))) {
		folio_set(folio, PG_dirty);
		return SWAP_WRITEPAGE_ACTIVATE;
	}
	/* submitted: an I/O error comes back as the folio dirty again */
	__swap_writepage(m, folio);
	return 0;
}

/* Read the slot from the device; *done_at is when the read completes. */
static int swap_read_folio_bdev(struct machine *m, struct folio *folio,
				unsigned long offset, u64 *done_at)
{
	struct swap_info_struct *si = m->swap_info;
	void *data = folio_address(m, folio);
	int err;

	err = frame_read_block(&m->phys, data, &si->bdev, offset);
	if (!err && !(si->flags & SWP_SYNCHRONOUS_IO))
		*done_at = blockdev_queue_read(&si->bdev, m->cost.swap_page_ns,
					       m->cost.swap_read_ns);
	count_vm_events(m, PGPGIN, PAGE_SECTORS);
	if (!err)
		count_vm_event(m, PSWPIN);
	return err;
}

/*
 * Read a slot into @folio and check it is what was written.  Returns 0 or
 * a negative errno; *done_at is when the device completes the read (0: no
 * device I/O, or a synchronous device).
 */
int swap_read_folio(struct machine *m, struct folio *folio, u64 *done_at)
{
	struct swap_info_struct *si = m->swap_info;
	unsigned long offset = swp_offset(folio_swap_entry(folio));
	u8 *data = folio_address(m, folio);
	int err = 0;

	*done_at = 0;
	if (test_bit(offset, si->zeromap)) {
		clear_highpage(m, folio);
		count_vm_event(m, SWPIN_ZERO);
		count_memcg_folio_events(m, folio, SWPIN_ZERO, 1);
	} else if (zswap_load(m, folio)) {
		/* decompressed: checked below like a disk read */
	} else {
		/* from the slower device: protect zswap's entries more */
		zswap_folio_swapin(m, folio);
		err = swap_read_folio_bdev(m, folio, offset, done_at);
		if (err) {
			/* end_swap_bio_read(): the folio is not uptodate */
			swap_io_error(m, "Read", offset);
			return err;
		}
	}
	MODEL_BUG_ON(m, frame_tag(&m->phys, data) != si->checksum[offset],
		     "swap slot %lu read back different bytes", offset);
	folio_set(folio, PG_uptodate);
	return 0;
}
