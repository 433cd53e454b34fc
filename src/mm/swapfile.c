// SPDX-License-Identifier: GPL-2.0
/*
 * The swap device and its slots (mm/swapfile.c).  Each slot is charged to
 * a memcg (memcontrol_swap.c) whose ID it records (mm/swap_cgroup.c).
 *
 * One device, type 0, backed by a real file: a page written to swap is
 * really written, and read back and compared with a checksum taken when it
 * left memory.  `machine swapdev=` makes it a rotational disk (the default,
 * as the kernel backend's virtio disk), a solid-state one or a synchronous
 * zram-like one.  Slots are handed out and taken back in per-CPU batches
 * (swap_slots.c).  Slot 0 is the header, as in the kernel.  Allocation takes
 * the next free slot after the previous one (no clusters, no per-CPU slot
 * caches), so neighbouring evictions land in neighbouring slots.
 * Swap readahead is not modelled: a fault reads one page.
 * Free clusters are discarded (as `swapon --discard` does on an SSD): the
 * host file gives their blocks back.  Not at once, which costs a host
 * allocation when the cluster is used again soon, but when free clusters
 * holding blocks outnumber those in use (and SWAP_STALE_MIN): the file
 * holds at most about twice the swap in use.
 */
#include "swapfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bitops.h"
#include "lib/strbuf.h"
#include "sim/frame.h"
#include "include/bug.h"
#include "include/fault-inject.h"
#include "include/fs.h"
#include "include/sched.h"
#include "include/swapops.h"
#include "mm/debug.h"
#include "mm/pagewalk.h"
#include "mm/memcontrol.h"
#include "mm/vmstat.h"

static unsigned long nr_clusters(const struct swap_info_struct *si)
{
	return DIV_ROUND_UP(si->max, SWAPFILE_CLUSTER);
}

/*
 * What kind of device it is: a disk completes its I/O in events of the
 * clock; zram before the call returns.  Like the kernel's virtio disk
 * (rotational in 6.12), `disk` is not solid state.
 */
static void swap_device_init(struct machine *m, struct swap_info_struct *si)
{
	switch (m->cfg.swapdev) {
	case SWAPDEV_ZRAM:
		si->flags |= SWP_SOLIDSTATE | SWP_SYNCHRONOUS_IO;
		return;
	case SWAPDEV_SSD:
		si->flags |= SWP_SOLIDSTATE;
		break;
	}
	blockdev_set_async(&si->bdev, &m->clock, swap_end_io, m);
}

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
	si->lowest_bit = 1;
	si->highest_bit = si->max - 1;
	si->cluster_next = 1;
	si->swap_map = calloc(si->max, 1);
	si->swap_cgroup = calloc(si->max, sizeof(*si->swap_cgroup));
	si->zeromap = calloc(BITS_TO_LONGS(si->max), sizeof(long));
	si->checksum = calloc(si->max, sizeof(u64));
	si->cluster_count = calloc(nr_clusters(si),
				   sizeof(*si->cluster_count));
	si->cluster_stale = calloc(BITS_TO_LONGS(nr_clusters(si)),
				   sizeof(long));
	xa_init(&si->cache);
	m->swap_info = si;
	if (!si->swap_map || !si->swap_cgroup || !si->zeromap ||
	    !si->checksum || !si->cluster_count || !si->cluster_stale)
		return -ENOMEM;
	si->swap_map[0] = SWAP_MAP_MAX;		/* the header */
	si->cluster_count[0] = 1;
	err = blockdev_open(&si->bdev, m->cfg.swap_bytes, frame_model(&m->phys));
	/* the guest's name for it: /sys/block/vda/make-it-fail */
	if (!err)
		err = fail_make_request_add_disk(m, &si->bdev, "vda");
	if (!err)
		swap_device_init(m, si);
	if (!err)
		err = enable_swap_slots_cache(m);
	return err;
}

void swap_release(struct machine *m)
{
	struct swap_info_struct *si = m->swap_info;

	if (!si)
		return;
	blockdev_close(&si->bdev);
	free_swap_slots_cache(m);
	xa_destroy(&si->cache);
	free(si->swap_map);
	free(si->swap_cgroup);
	free(si->zeromap);
	free(si->checksum);
	free(si->cluster_count);
	free(si->cluster_stale);
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

/* A cluster in use again keeps the blocks it has. */
static void cluster_get(struct swap_info_struct *si, unsigned long c)
{
	if (!si->cluster_count[c]++ && test_bit(c, si->cluster_stale)) {
		__clear_bit(c, si->cluster_stale);
		si->nr_stale--;
	}
}

/* Discard every free cluster that holds blocks. */
static void discard_stale(struct swap_info_struct *si)
{
	unsigned long c;

	for (c = 0; c < nr_clusters(si) && si->nr_stale; c++) {
		if (!test_bit(c, si->cluster_stale))
			continue;
		__clear_bit(c, si->cluster_stale);
		si->nr_stale--;
		blockdev_discard(&si->bdev, c * SWAPFILE_CLUSTER,
				 SWAPFILE_CLUSTER);
	}
}

/* A cluster's last slot is free: its host blocks go, sooner or later. */
static void cluster_put(struct swap_info_struct *si, unsigned long c)
{
	unsigned long in_use;

	if (--si->cluster_count[c])
		return;
	__set_bit(c, si->cluster_stale);
	in_use = DIV_ROUND_UP(si->inuse_pages, SWAPFILE_CLUSTER);
	if (++si->nr_stale > max(in_use, SWAP_STALE_MIN))
		discard_stale(si);
}

/* swap_range_alloc(): the free range shrinks from either end */
static void swap_range_alloc(struct swap_info_struct *si, unsigned long offset)
{
	si->swap_map[offset] = SWAP_HAS_CACHE;
	cluster_get(si, offset / SWAPFILE_CLUSTER);
	if (offset == si->lowest_bit)
		si->lowest_bit++;
	if (offset == si->highest_bit)
		si->highest_bit--;
	if (++si->inuse_pages == si->pages) {
		si->lowest_bit = si->max;
		si->highest_bit = 0;
	}
}

/* The first slot in use in [@from, @to), or @to: eight slots a load. */
static unsigned long first_used_slot(const unsigned char *map,
				     unsigned long from, unsigned long to)
{
	u64 word;

	for (; from < to && from % sizeof(word); from++)
		if (map[from])
			return from;
	for (; from + sizeof(word) <= to; from += sizeof(word)) {
		memcpy(&word, map + from, sizeof(word));
		if (word)
			break;
	}
	for (; from < to; from++)
		if (map[from])
			return from;
	return to;
}

/* The first free slot in [@from, @to), or @to: eight slots a load. */
static unsigned long first_free_slot(const unsigned char *map,
				     unsigned long from, unsigned long to)
{
	const u64 ones = 0x0101010101010101ULL;
	u64 word;

	for (; from < to && from % sizeof(word); from++)
		if (!map[from])
			return from;
	for (; from + sizeof(word) <= to; from += sizeof(word)) {
		memcpy(&word, map + from, sizeof(word));
		if ((word - ones) & ~word & (ones << 7))	/* a zero byte */
			break;
	}
	for (; from < to; from++)
		if (!map[from])
			return from;
	return to;
}

/* @latency after @n slots looked at, each a tick of the break counter. */
static int latency_after(int latency, unsigned long n)
{
	long period = LATENCY_LIMIT + 1;

	return ((latency - (long)(n % period)) % period + period) % period;
}

/*
 * The first SWAPFILE_CLUSTER free slots in a row from the lowest free
 * one: the next cluster to fill (false: none, search on from @offset).
 * The kernel looks at the slots one by one, ticking the break counter at
 * each; here the runs are skipped eight slots at a time and the counter
 * is brought to where the kernel's would be.
 */
static bool find_empty_cluster(struct swap_info_struct *si,
			       unsigned long *offset, int *latency)
{
	unsigned long start = *offset, off = *offset;
	unsigned long last = off + SWAPFILE_CLUSTER - 1, used;

	while (last <= si->highest_bit) {
		/* a slot in use from here on leaves no room above it */
		unsigned long stop = si->highest_bit + 1 - SWAPFILE_CLUSTER;

		used = first_used_slot(si->swap_map, off, last + 1);
		if (used > last) {
			/* every slot ticked but the run's last */
			*latency = latency_after(*latency, last - start);
			*offset = last - (SWAPFILE_CLUSTER - 1);
			return true;
		}
		if (used >= stop) {
			off = used + 1;
			break;
		}
		/* the run in use: a cluster could start after its last slot */
		off = first_free_slot(si->swap_map, used, stop);
		last = off - 1 + SWAPFILE_CLUSTER;
	}
	*latency = latency_after(*latency, off - start);
	*offset = off;
	return false;
}

/* The scan state of one scan_swap_map_slots() call. */
struct swap_scan {
	unsigned long offset, scan_base;
	int latency;
	bool scanned_many;
};

/* A slot looked at: every LATENCY_LIMIT of them is a break. */
static void swap_scan_tick(struct swap_scan *ss)
{
	if (--ss->latency < 0) {
		ss->latency = LATENCY_LIMIT;
		ss->scanned_many = true;
	}
}

/* The next free slot after offset, wrapping to the lowest (the "scan"
 * label); false: none. */
static bool swap_scan_all(struct swap_info_struct *si, struct swap_scan *ss)
{
	while (++ss->offset <= si->highest_bit) {
		swap_scan_tick(ss);
		if (!si->swap_map[ss->offset])
			return true;
	}
	for (ss->offset = si->lowest_bit; ss->offset < ss->scan_base;
	     ss->offset++) {
		swap_scan_tick(ss);
		if (!si->swap_map[ss->offset])
			return true;
	}
	return false;
}

/* After a slot: the cluster's next, else a short look onwards. */
static bool swap_scan_more(struct swap_info_struct *si, struct swap_scan *ss)
{
	unsigned long limit;

	if (si->cluster_nr && !si->swap_map[++ss->offset]) {
		si->cluster_nr--;
		return true;
	}
	if (ss->scanned_many)
		return false;
	limit = ss->offset < ss->scan_base ? ss->scan_base : si->highest_bit;
	for (; ss->offset <= limit && --ss->latency > 0; ss->offset++)
		if (!si->swap_map[ss->offset])
			return true;
	return false;
}

/* Where the scan starts: cluster_next, or a new cluster when it is used up. */
static void swap_scan_start(struct swap_info_struct *si, struct swap_scan *ss)
{
	ss->offset = ss->scan_base = si->cluster_next;
	ss->latency = LATENCY_LIMIT;
	ss->scanned_many = false;
	if (si->cluster_nr--)
		return;
	si->cluster_nr = SWAPFILE_CLUSTER - 1;
	if (si->pages - si->inuse_pages < SWAPFILE_CLUSTER)
		return;
	ss->scan_base = ss->offset = si->lowest_bit;
	if (find_empty_cluster(si, &ss->offset, &ss->latency))
		si->cluster_next = ss->offset;
	else
		ss->offset = ss->scan_base;
}

/*
 * scan_swap_map_slots() of a rotational device: up to @nr slots in a row
 * from cluster_next, within a cluster of SWAPFILE_CLUSTER slots; a new
 * cluster starts at the lowest run of free ones.  The scan takes a break
 * after LATENCY_LIMIT slots looked at and returns what it has, as the
 * kernel's does (so the batch after a cluster search is short).
 */
static int scan_swap_map_slots(struct swap_info_struct *si, int nr,
			       swp_entry_t *slots)
{
	struct swap_scan ss;
	int n = 0;

	swap_scan_start(si, &ss);
	for (;;) {
		if (!si->highest_bit)
			return n;
		if (ss.offset > si->highest_bit)
			ss.scan_base = ss.offset = si->lowest_bit;
		if (si->swap_map[ss.offset]) {
			if (n)
				break;
			if (!swap_scan_all(si, &ss))
				return n;
			continue;
		}
		swap_range_alloc(si, ss.offset);
		slots[n++] = swp_entry(0, ss.offset);
		if (n == nr || ss.offset >= si->highest_bit ||
		    --ss.latency < 0 || !swap_scan_more(si, &ss))
			break;
	}
	si->cluster_next = ss.offset + 1;
	return n;
}

/*
 * swap_entry_range_free(): the slot is free again; its memcg's swap charge,
 * zeromap bit and workingset shadow go.
 */
static void swap_entry_free(struct machine *m, unsigned long offset)
{
	struct swap_info_struct *si = m->swap_info;

	si->swap_map[offset] = 0;
	mem_cgroup_uncharge_swap(m, swp_entry(0, offset));
	__clear_bit(offset, si->zeromap);
	xa_erase(&si->cache, offset);
	if (offset < si->lowest_bit)
		si->lowest_bit = offset;
	if (offset > si->highest_bit)
		si->highest_bit = offset;
	si->inuse_pages--;
	cluster_put(si, offset / SWAPFILE_CLUSTER);
}

void swapcache_free_entries(struct machine *m, swp_entry_t *entries, int n)
{
	int i;

	for (i = 0; i < n; i++)
		swap_entry_free(m, swp_offset(entries[i]));
}

/* Up to @n free slots for the swap cache (SWAP_HAS_CACHE each). */
int get_swap_pages(struct machine *m, int n, swp_entry_t *entries)
{
	struct swap_info_struct *si = m->swap_info;

	if (si->inuse_pages >= si->pages)
		return 0;
	return scan_swap_map_slots(si, min(n, SWAP_BATCH), entries);
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
		/* nothing refers to it: held as SWAP_HAS_CACHE until freed */
		si->swap_map[offset] = SWAP_HAS_CACHE;
		free_swap_slot(m, entry);
	}
}

/* The swap cache let go of a slot (put_swap_folio). */
void swapcache_clear(struct machine *m, swp_entry_t entry)
{
	struct swap_info_struct *si = m->swap_info;
	unsigned long offset = swp_offset(entry);

	si->swap_map[offset] &= ~SWAP_HAS_CACHE;
	if (!si->swap_map[offset]) {
		si->swap_map[offset] = SWAP_HAS_CACHE;
		free_swap_slot(m, entry);
	}
}

/* Free the folio's slot if no page table or shmem slot refers to it. */
bool folio_free_swap(struct machine *m, struct folio *folio)
{
	if (!folio_test(folio, PG_swapcache) || folio_test(folio, PG_writeback))
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
	unsigned char *held;		/* per-CPU slot caches holding it */
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
	if (refs->held[off]) {
		/* taken or given back by a CPU's cache: nothing else has it */
		if (refs->held[off] > 1 || map != SWAP_HAS_CACHE || cached ||
		    refs->ptes[off] || refs->shmem[off])
			verify_fail(refs->log, "swap slot %lu: in %u slot caches, swap_map %#x, %s",
				    off, refs->held[off], map,
				    cached ? "in the swap cache" : "named");
		return;
	}
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
	refs.held = calloc(refs.si->max, sizeof(*refs.held));
	if (!refs.ptes || !refs.shmem || !refs.held)
		abort();	/* the host is out of memory */
	count_mm_refs(m, &refs);
	count_shmem_refs(m, &refs);
	swap_slots_cache_held(m, refs.held);
	for (off = 1; off < refs.si->max; off++)
		check_slot(m, &refs, off, &inuse);
	if (inuse != refs.si->inuse_pages)
		verify_fail(&log, "swap: %lu slots in use, inuse_pages %lu",
			    inuse, refs.si->inuse_pages);
	free(refs.ptes);
	free(refs.shmem);
	free(refs.held);
	return log.errors;
}
