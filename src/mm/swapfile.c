// SPDX-License-Identifier: GPL-2.0
/*
 * The swap device and its slots (mm/swapfile.c).  Each slot is charged to
 * a memcg (memcontrol_swap.c) whose ID it records (mm/swap_cgroup.c).
 *
 * One device, type 0, backed by a real file: a page written to swap is
 * really written, and read back and compared with a checksum taken when it
 * left memory.  Slot 0 is the header, as in the kernel.  Allocation takes
 * the next free slot after the previous one (no clusters, no per-CPU slot
 * caches), so neighbouring evictions land in neighbouring slots.
 * Swap readahead is not modelled: a fault reads one page.
 */
#include "swapfile.h"

#include <errno.h>
#include <stdlib.h>

#include "lib/bitops.h"
#include "mm/memcontrol.h"
#include "mm/vmstat.h"
#include "mm/zswap.h"

int swap_init(struct machine *m)
{
	struct swap_info_struct *si;
	int err;

	if (!m->cfg.swap_bytes)
		return 0;
	si = calloc(1, sizeof(*si));
	if (!si)
		return -ENOMEM;
	si->max = m->cfg.swap_bytes >> PAGE_SHIFT;
	si->pages = si->max - 1;
	si->cluster_next = 1;
	si->swap_map = calloc(si->max, 1);
	si->swap_cgroup = calloc(si->max, sizeof(*si->swap_cgroup));
	si->zeromap = calloc(BITS_TO_LONGS(si->max), sizeof(long));
	si->checksum = calloc(si->max, sizeof(u64));
	xa_init(&si->cache);
	m->swap_info = si;
	if (!si->swap_map || !si->swap_cgroup || !si->zeromap || !si->checksum)
		return -ENOMEM;
	si->swap_map[0] = SWAP_MAP_MAX;		/* the header */
	err = blockdev_open(&si->bdev, m->cfg.swap_bytes);
	return err;
}

void swap_release(struct machine *m)
{
	struct swap_info_struct *si = m->swap_info;

	if (!si)
		return;
	blockdev_close(&si->bdev);
	xa_destroy(&si->cache);
	free(si->swap_map);
	free(si->swap_cgroup);
	free(si->zeromap);
	free(si->checksum);
	free(si);
	m->swap_info = NULL;
}

unsigned long total_swap_pages(struct machine *m)
{
	return m->swap_info ? m->swap_info->pages : 0;
}

long get_nr_swap_pages(struct machine *m)
{
	struct swap_info_struct *si = m->swap_info;

	return si ? (long)(si->pages - si->inuse_pages) : 0;
}

struct swap_info_struct *swp_swap_info(struct machine *m, swp_entry_t entry)
{
	struct swap_info_struct *si = m->swap_info;

	if (!si || swp_type(entry) != 0 || swp_offset(entry) >= si->max)
		return NULL;
	return si;
}

/* ---- slots ---- */

static unsigned long scan_swap_map(struct swap_info_struct *si)
{
	unsigned long i, offset = si->cluster_next;

	for (i = 0; i < si->max; i++, offset++) {
		if (offset >= si->max)
			offset = 1;
		if (!si->swap_map[offset]) {
			si->cluster_next = offset + 1;
			return offset;
		}
	}
	return 0;
}

static void swap_slot_free(struct machine *m, unsigned long offset)
{
	struct swap_info_struct *si = m->swap_info;

	zswap_invalidate(m, swp_entry(0, offset));
	mem_cgroup_uncharge_swap(m, swp_entry(0, offset));
	__clear_bit(offset, si->zeromap);
	si->swap_map[offset] = 0;
	si->inuse_pages--;
}

/* A slot for @folio, charged to its memcg; entry 0 if none. */
swp_entry_t folio_alloc_swap(struct machine *m, struct folio *folio)
{
	struct swap_info_struct *si = m->swap_info;
	swp_entry_t entry = { 0 };
	unsigned long offset;

	if (si && si->inuse_pages < si->pages) {
		offset = scan_swap_map(si);
		if (offset) {
			si->swap_map[offset] = SWAP_HAS_CACHE;
			si->inuse_pages++;
			entry = swp_entry(0, offset);
		}
	}
	if (mem_cgroup_try_charge_swap(m, folio, entry)) {
		if (entry.val) {
			si->swap_map[swp_offset(entry)] = 0;
			si->inuse_pages--;
		}
		entry.val = 0;
	}
	return entry;
}

int swp_swapcount(struct machine *m, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(m, entry);

	return si ? si->swap_map[swp_offset(entry)] & ~SWAP_HAS_CACHE : 0;
}

int swap_duplicate(struct machine *m, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(m, entry);
	unsigned char *count;

	if (!si)
		return -EINVAL;
	count = &si->swap_map[swp_offset(entry)];
	if ((*count & ~SWAP_HAS_CACHE) >= SWAP_MAP_MAX)
		return -ENOMEM;		/* no continuation pages in the model */
	(*count)++;
	return 0;
}

/* Drop one PTE's (or shmem slot's) reference; the slot goes with the last. */
void swap_free(struct machine *m, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(m, entry);
	unsigned long offset = swp_offset(entry);

	if (!si || !(si->swap_map[offset] & ~SWAP_HAS_CACHE))
		return;
	si->swap_map[offset]--;
	if (!si->swap_map[offset]) {
		/* nothing else refers to it: the shadow entry goes too */
		xa_erase(&si->cache, offset);
		swap_slot_free(m, offset);
	}
}

/* The swap cache let go of a slot (put_swap_folio). */
void swapcache_clear(struct machine *m, swp_entry_t entry)
{
	struct swap_info_struct *si = m->swap_info;
	unsigned long offset = swp_offset(entry);

	si->swap_map[offset] &= ~SWAP_HAS_CACHE;
	if (!si->swap_map[offset]) {
		xa_erase(&si->cache, offset);
		swap_slot_free(m, offset);
	}
}

/* Free the folio's slot if no page table or shmem slot refers to it. */
bool folio_free_swap(struct machine *m, struct folio *folio)
{
	if (!folio_test(folio, PG_swapcache))
		return false;
	if (swp_swapcount(m, folio_swap_entry(folio)))
		return false;
	delete_from_swap_cache(m, folio, NULL);
	folio_set(folio, PG_dirty);	/* the only copy is in memory now */
	return true;
}

/*
 * Drop a page table's reference to @entry.  When it was the last one, a
 * swap cache folio that no one maps (or that holds swap its memcg is short
 * of) would only be reclaimed later for nothing: free it and the slot now,
 * with TTRS_UNMAPPED | TTRS_FULL as the kernel's function of this name.
 */
void free_swap_and_cache(struct machine *m, swp_entry_t entry)
{
	struct folio *folio;

	swap_free(m, entry);
	folio = swap_cache_get_folio(m, entry);
	if (!folio || swp_swapcount(m, entry))
		return;
	if (folio_mapped(folio) && !mem_cgroup_swap_full(m, folio))
		return;
	folio_free_swap(m, folio);
}
