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
#include "lib/strbuf.h"
#include "include/bug.h"
#include "include/fault-inject.h"
#include "include/fs.h"
#include "include/sched.h"
#include "include/swapops.h"
#include "mm/debug.h"
#include "mm/pagewalk.h"
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
	/* the guest's name for it: /sys/block/vda/make-it-fail */
	if (!err)
		err = fail_make_request_add_disk(m, &si->bdev, "vda");
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
	unsigned char count;

	if (!si)
		return 0;
	count = si->swap_map[swp_offset(entry)] & ~SWAP_HAS_CACHE;
	return count == SWAP_MAP_SHMEM ? 1 : count;
}

void swap_shmem_alloc(struct machine *m, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(m, entry);
	unsigned char *count = &si->swap_map[swp_offset(entry)];

	MODEL_BUG_ON(m, *count & ~SWAP_HAS_CACHE,
		     "swap slot %lu: shmem takes a slot with count %#x",
		     swp_offset(entry), *count);
	*count = SWAP_MAP_SHMEM | (*count & SWAP_HAS_CACHE);
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
	if ((si->swap_map[offset] & ~SWAP_HAS_CACHE) == SWAP_MAP_SHMEM)
		si->swap_map[offset] &= SWAP_HAS_CACHE;
	else
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

/* ---- the invariant: who refers to a slot ---- */

struct slot_refs {
	unsigned short *ptes;		/* swap PTEs naming each slot */
	unsigned char *shmem;		/* shmem page-cache slots naming it */
	struct swap_info_struct *si;
	struct verify_log *log;
};

static int count_swap_pte(pte_t *pte, unsigned long addr, struct mm_walk *walk)
{
	struct slot_refs *refs = walk->private;
	swp_entry_t entry;

	if (!is_swap_pte(*pte))
		return 0;
	entry = pte_to_swp_entry(*pte);
	if (non_swap_entry(entry))
		return 0;
	if (swp_offset(entry) >= refs->si->max)
		verify_fail(refs->log, "swap PTE at %#lx: offset %lu past the device",
			    addr, swp_offset(entry));
	else
		refs->ptes[swp_offset(entry)]++;
	return 0;
}

static void count_mm_refs(struct machine *m, struct slot_refs *refs)
{
	static const struct mm_walk_ops ops = { .pte_entry = count_swap_pte };
	struct task_struct *t;

	list_for_each_entry(t, &m->tasks, tasks) {
		struct vm_area_struct *vma;

		if (!t->mm)
			continue;
		list_for_each_entry(vma, &t->mm->mmap, vm_list)
			walk_page_range_vma(vma, vma->vm_start, vma->vm_end,
					    &ops, refs);
	}
}

static void count_shmem_refs(struct machine *m, struct slot_refs *refs)
{
	struct inode *inode;

	list_for_each_entry(inode, &m->vfs->inodes, i_sb_list) {
		unsigned long index;
		void *entry;

		if (inode->kind != INODE_SHMEM)
			continue;
		xa_for_each(&inode->i_data.i_pages, index, entry) {
			swp_entry_t swap = radix_to_swp_entry(entry);

			if (!xa_is_value(entry) || non_swap_entry(swap))
				continue;
			if (swp_offset(swap) >= refs->si->max)
				verify_fail(refs->log, "shmem inode %lu: slot %lu past the device",
					    inode->i_ino, swp_offset(swap));
			else
				refs->shmem[swp_offset(swap)]++;
		}
	}
}

static void check_slot(struct machine *m, struct slot_refs *refs,
		       unsigned long off, unsigned long *inuse)
{
	struct swap_info_struct *si = refs->si;
	unsigned char map = si->swap_map[off];
	unsigned int count = map & ~SWAP_HAS_CACHE;
	struct folio *cached = swap_cache_get_folio(m, swp_entry(0, off));
	bool shmem = count == SWAP_MAP_SHMEM;

	if (map)
		(*inuse)++;
	if (shmem ? refs->shmem[off] != 1 || refs->ptes[off] :
		    refs->shmem[off] || refs->ptes[off] != count)
		verify_fail(refs->log, "swap slot %lu: count %#x, %u PTEs and %u shmem slots name it",
			    off, count, refs->ptes[off], refs->shmem[off]);
	if (!(map & SWAP_HAS_CACHE) != !cached)
		verify_fail(refs->log, "swap slot %lu: SWAP_HAS_CACHE %s, swap cache %s",
			    off, map & SWAP_HAS_CACHE ? "set" : "clear",
			    cached ? "holds a folio" : "empty");
	if (!map && si->swap_cgroup[off])
		verify_fail(refs->log, "swap slot %lu: free but charged to memcg id %u",
			    off, si->swap_cgroup[off]);
}

/*
 * Every slot in use is named by exactly one kind of owner: swap PTEs (its
 * count is theirs), one shmem page-cache slot (SWAP_MAP_SHMEM), or only
 * the swap cache (SWAP_HAS_CACHE, with a folio there); a free slot by none.
 */
int swap_verify(struct machine *m, struct strbuf *why)
{
	struct verify_log log = { .why = why };
	struct slot_refs refs = { .si = m->swap_info, .log = &log };
	unsigned long off, inuse = 0;

	if (!refs.si)
		return 0;
	refs.ptes = calloc(refs.si->max, sizeof(*refs.ptes));
	refs.shmem = calloc(refs.si->max, sizeof(*refs.shmem));
	if (!refs.ptes || !refs.shmem)
		abort();	/* the host is out of memory */
	count_mm_refs(m, &refs);
	count_shmem_refs(m, &refs);
	for (off = 1; off < refs.si->max; off++)
		check_slot(m, &refs, off, &inuse);
	if (inuse != refs.si->inuse_pages)
		verify_fail(&log, "swap: %lu slots in use, inuse_pages %lu",
			    inuse, refs.si->inuse_pages);
	free(refs.ptes);
	free(refs.shmem);
	return log.errors;
}
