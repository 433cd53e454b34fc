/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Swap space: the device and its slots (swapfile.c), the swap cache
 * (swap_state.c), swap I/O (page_io.c) and the slot's memcg ID
 * (mm/swap_cgroup.c).
 */
#ifndef MEMCGLAB_MM_SWAPFILE_H
#define MEMCGLAB_MM_SWAPFILE_H

#include "include/machine.h"
#include "sim/blockdev.h"
#include "include/mm_types.h"

/* swap_map: the count of references to a slot, plus "in the swap cache" */
#define SWAP_HAS_CACHE	0x40
#define SWAP_MAP_MAX	0x3e
#define SWAP_MAP_SHMEM	0xbf	/* the one reference of a shmem slot */

/* swap_info_struct.flags */
#define SWP_SOLIDSTATE		BIT(4)	/* not rotational: VMA readahead */
#define SWP_SYNCHRONOUS_IO	BIT(11)	/* I/O completes in the caller */

struct swap_info_struct {
	int type;
	unsigned long flags;
	struct blockdev bdev;
	unsigned long max;		/* slots, including the header slot 0 */
	unsigned long pages;		/* usable slots */
	unsigned long inuse_pages;
	unsigned long lowest_bit;	/* the free slots lie in [lowest, highest] */
	unsigned long highest_bit;
	unsigned long cluster_next;	/* where the next allocation looks */
	unsigned int cluster_nr;	/* slots left in the current cluster */
	unsigned char *swap_map;
	unsigned short *swap_cgroup;	/* memcg ID charged for each slot */
	unsigned long *zeromap;		/* slots whose page was all zeroes */
	u64 *checksum;			/* content of each written slot */
	/* slots in use per SWAPFILE_CLUSTER (swap_cluster_info's count) */
	unsigned short *cluster_count;
	/* free clusters whose host blocks are not discarded yet, how many */
	unsigned long *cluster_stale;
	unsigned long nr_stale;
	struct xarray cache;		/* swap cache: offset -> folio or shadow */
	struct swap_slots_cache *slots_cache;	/* per CPU (swap_slots.c) */
	bool slots_cache_active;
	/* cluster readahead (swapin_nr_pages()): the last fault's slot, the
	 * window read around it, readahead pages hit since */
	unsigned long ra_prev_offset;
	unsigned int ra_last_pages, ra_hits;
};

/* swap readahead: at most 2^5 pages, hits counted up to 63 */
#define SWAP_RA_ORDER_CEILING	5
#define SWAP_RA_HITS_MAX	63

/* The slot of a folio in the swap cache (folio->swap in the kernel). */
static inline swp_entry_t folio_swap_entry(const struct folio *folio)
{
	return (swp_entry_t){ folio->private };
}

int swap_init(struct machine *m);
void swap_release(struct machine *m);

unsigned long total_swap_pages(struct machine *m);
long get_nr_swap_pages(struct machine *m);
struct swap_info_struct *swp_swap_info(struct machine *m, swp_entry_t entry);

/* slot allocation and references */
#define SWAP_BATCH		64	/* slots at most per get_swap_pages() */
#define SWAP_SLOTS_CACHE_SIZE	SWAP_BATCH
#define SWAPFILE_CLUSTER	512	/* HPAGE_PMD_NR: Debian has THP_SWAP */
#define LATENCY_LIMIT		256
/* free clusters left holding host blocks before they are discarded */
#define SWAP_STALE_MIN		16UL
/* Up to @n free slots, each marked SWAP_HAS_CACHE; how many it found. */
int get_swap_pages(struct machine *m, int n, swp_entry_t *entries);
/* The slots are free again (their charges, zeromap bits, shadows go). */
void swapcache_free_entries(struct machine *m, swp_entry_t *entries, int n);
/* swap_slots.c: the per-CPU caches of slots */
int enable_swap_slots_cache(struct machine *m);
void free_swap_slots_cache(struct machine *m);
void drain_swap_slots_cache(struct machine *m);
/* Count in @held[offset] each slot a per-CPU cache holds (the invariant). */
void swap_slots_cache_held(struct machine *m, unsigned char *held);
swp_entry_t folio_alloc_swap(struct machine *m, struct folio *folio);
void free_swap_slot(struct machine *m, swp_entry_t entry);
int swap_duplicate(struct machine *m, swp_entry_t entry);
/* The page-cache slot of a shmem page refers to @entry (SWAP_MAP_SHMEM). */
void swap_shmem_alloc(struct machine *m, swp_entry_t entry);
void swap_free(struct machine *m, swp_entry_t entry);
int swp_swapcount(struct machine *m, swp_entry_t entry);

/* Free the folio's slot if nothing but the swap cache refers to it. */
bool folio_free_swap(struct machine *m, struct folio *folio);
/* Drop a page table's reference, and the cached folio with the last one. */
void free_swap_and_cache(struct machine *m, swp_entry_t entry);

/* the swap cache (swap_state.c) */
struct folio *swap_cache_get_folio(struct machine *m, swp_entry_t entry);
/* Insert @folio; returns the shadow entry it replaced, if any. */
void *add_to_swap_cache(struct machine *m, struct folio *folio,
			swp_entry_t entry);
bool add_to_swap(struct machine *m, struct folio *folio);
void delete_from_swap_cache(struct machine *m, struct folio *folio,
			    void *shadow);
/*
 * Swap-in: a new swap-cache folio for @entry, charged to the slot's memcg
 * if online, else to @mm's (or current's); read and checked.  *foliop holds
 * the allocation reference (also on a read error, with the folio not
 * uptodate).  VM_FAULT_MAJOR is added to *fault: 6.12 counts every
 * swap-in that misses the swap cache as a major fault, whether the page
 * came from the device, zswap or the zeromap.
 */
int swapin_folio(struct machine *m, swp_entry_t entry, struct mm_struct *mm,
		 struct folio **foliop, unsigned int *fault);
/*
 * A fault's swap-in (swapin_readahead): the page and the readahead window
 * around it into the swap cache; *foliop is the page, with a reference.
 */
int swapin_readahead(struct machine *m, swp_entry_t entry,
		     struct vm_area_struct *vma, unsigned long addr,
		     struct folio **foliop);
/* SWP_SYNCHRONOUS_IO: swap-in around the swap cache (see swap_state.c) */
int swapin_skip_swapcache(struct machine *m, swp_entry_t entry,
			  struct mm_struct *mm, struct folio **foliop);
/* A fault's lookup: the cached folio with a reference, readahead hits
 * counted (6.12's swap_cache_get_folio with a VMA). */
struct folio *swap_cache_get_folio_vma(struct machine *m, swp_entry_t entry,
				       struct vm_area_struct *vma,
				       unsigned long addr);
/* The task waits for a read that completes at @done_at (0: none). */
void task_io_wait(struct machine *m, u64 done_at);

/* I/O (page_io.c) */
#define SWAP_WRITEPAGE_ACTIVATE	1	/* AOP_WRITEPAGE_ACTIVATE: keep it */
int swap_writepage(struct machine *m, struct folio *folio);
int __swap_writepage(struct machine *m, struct folio *folio);
/* A disk's completion of a swap write (blockdev_set_async()'s end_io). */
void swap_end_io(struct blockdev *bdev, void *private, int err);
/*
 * Read a slot into @folio and check it is what was written; *done_at is
 * when the device completes the read (0: no device I/O or synchronous).
 */
int swap_read_folio(struct machine *m, struct folio *folio, u64 *done_at);
/* A new swap-cache folio for @entry, charged to the slot's memcg; NULL
 * with -EEXIST if the page is in the swap cache, -ENOMEM if the slot is
 * free or no memory (__read_swap_cache_async with skip_if_exists). */
struct folio *swap_cache_alloc_folio(struct machine *m, swp_entry_t entry,
				     int *err);

/* The memcg ID charged for a slot (mm/swap_cgroup.c); 0 if none. */
static inline unsigned short lookup_swap_cgroup_id(struct machine *m,
						   swp_entry_t entry)
{
	return m->swap_info->swap_cgroup[swp_offset(entry)];
}

static inline void swap_cgroup_record(struct machine *m, swp_entry_t entry,
				      unsigned short id)
{
	m->swap_info->swap_cgroup[swp_offset(entry)] = id;
}


void swapcache_clear(struct machine *m, swp_entry_t entry);
void swap_cache_release(struct machine *m);
#endif
