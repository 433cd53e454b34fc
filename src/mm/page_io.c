// SPDX-License-Identifier: GPL-2.0
/*
 * Swap I/O (mm/page_io.c): a folio leaving for its slot and coming back.
 * Zero-filled pages are not written but remembered in the device's zeromap
 * (6.12); others go to zswap first, then to the device, whose file really
 * holds them.  Every page read back is compared with the checksum taken
 * when it was written.  I/O is synchronous: a write completes at once.
 */
#include "swapfile.h"

#include <stdio.h>
#include <string.h>

#include "lib/bitops.h"
#include "sim/content.h"
#include "include/bug.h"
#include "include/memory_model.h"
#include "mm/memcontrol.h"
#include "mm/vmstat.h"
#include "mm/zswap.h"


static bool is_folio_zero_filled(const u8 *p)
{
	const u64 *w = (const u64 *)p;
	size_t i;

	for (i = 0; i < PAGE_SIZE / sizeof(*w); i++)
		if (w[i])
			return false;
	return true;
}

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

/*
 * The block I/O part of swap-out (__swap_writepage).  A write that fails
 * (an injected fail_make_request) is end_swap_bio_write()'s error case:
 * the folio is dirty again and stays in memory and in the swap cache, no
 * longer marked for reclaim; a later reclaim tries again.
 */
int __swap_writepage(struct machine *m, struct folio *folio)
{
	struct swap_info_struct *si = m->swap_info;
	unsigned long offset = swp_offset(folio_swap_entry(folio));
	int err = blockdev_write(&si->bdev, offset, folio_address(m, folio));

	if (err) {
		folio_set(folio, PG_dirty);
		folio_clear(folio, PG_reclaim);
		swap_io_error(m, "Write", offset);
		return err;
	}
	count_vm_event(m, PSWPOUT);
	count_vm_events(m, PGPGOUT, PAGE_SECTORS);
	count_memcg_folio_events(m, folio, PSWPOUT, 1);
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

	folio_clear(folio, PG_dirty);
	si->checksum[offset] = page_checksum(data);
	if (is_folio_zero_filled(data)) {
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

/* Read a slot into @folio and check it is what was written. */
int swap_read_folio(struct machine *m, struct folio *folio, bool *major)
{
	struct swap_info_struct *si = m->swap_info;
	unsigned long offset = swp_offset(folio_swap_entry(folio));
	u8 *data = folio_address(m, folio);
	int err = 0;

	if (test_bit(offset, si->zeromap)) {
		memset(data, 0, PAGE_SIZE);
		count_vm_event(m, SWPIN_ZERO);
		count_memcg_folio_events(m, folio, SWPIN_ZERO, 1);
	} else if (zswap_load(m, folio)) {
		/* decompressed: checked below like a disk read */
	} else {
		zswap_folio_swapin(m, folio);
		err = blockdev_read(&si->bdev, offset, data);
		if (err) {
			/* end_swap_bio_read(): the folio is not uptodate */
			swap_io_error(m, "Read", offset);
			return err;
		}
		*major = true;
		count_vm_event(m, PSWPIN);
		count_vm_events(m, PGPGIN, PAGE_SECTORS);
		count_memcg_folio_events(m, folio, PSWPIN, 1);
	}
	MODEL_BUG_ON(m, page_checksum(data) != si->checksum[offset],
		     "swap slot %lu read back different bytes", offset);
	folio_set(folio, PG_uptodate);
	return 0;
}
