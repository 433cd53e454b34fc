// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of shmem's swap accounting (mm/shmem.c, mm/shmem_super.c): the
 * per-inode counters and the page-cache slots that the interface files do
 * not show.  What they do show is tested by tests/scenarios/shmem/, with
 * values measured on Linux 6.12 (tests/kernel/shmem_swap.c).
 *
 * The kernel's rules (spec pte-pagemap-smemcg.md A12, D25-D28):
 *  - writeout of n pages: swapped += n, nrpages -= n, alloced unchanged,
 *    the inode joins the swaplist, the slot holds the swap entry as a
 *    value entry whose swap count is SWAP_MAP_SHMEM;
 *  - swap-in: swapped -= n, the slot holds the folio again, dirty;
 *  - a read error: the slot becomes a poisoned marker, alloced and swapped
 *    both drop by n, and the page reads as -EIO;
 *  - truncation frees the swap of what it cuts and lowers swapped;
 *  - a tmpfs of size=N refuses the page past N with -ENOSPC.
 */
#include <errno.h>
#include <stdlib.h>

#include "include/machine.h"
#include "include/fs.h"
#include "include/shmem_fs.h"
#include "include/swapops.h"
#include "kernel/task.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "mm/vmscan.h"
#include "sim/content.h"
#include "fixture.h"
#include "tap.h"

#define NPAGES	16

static struct fill text = { .kind = FILL_TEXT };

/* A tmpfs file of NPAGES written pages, on /dev/shm. */
static struct inode *written_file(struct machine *m, const char *path)
{
	struct inode *inode;
	int err;

	inode = vfs_open(m, path, true, &err);
	if (!inode) {
		printf("Bail out! vfs_open: %d\n", err);
		exit(1);
	}
	filemap_write(m, inode, 0, NPAGES * PAGE_SIZE, &text);
	return inode;
}

/* Reclaim every page of @inode's cache, as MADV_PAGEOUT would. */
static unsigned long pageout(struct machine *m, struct inode *inode)
{
	struct list_head list;
	unsigned long index = 0;
	void *entry;

	INIT_LIST_HEAD(&list);
	lru_add_drain_all(m);
	while ((entry = xa_find(&inode->i_data.i_pages, &index))) {
		if (!xa_is_value(entry) && folio_isolate_lru(m, entry))
			list_add_tail(&((struct folio *)entry)->lru, &list);
		index++;
	}
	return reclaim_pages(m, &list);
}

static unsigned long value_entries(struct inode *inode, bool poisoned)
{
	unsigned long index, n = 0;
	void *entry;

	xa_for_each(&inode->i_data.i_pages, index, entry)
		if (xa_is_value(entry) &&
		    is_poisoned_swp_entry(radix_to_swp_entry(entry)) == poisoned)
			n++;
	return n;
}

static void test_writeout_and_swapin(void)
{
	struct machine *m = boot_machine_swapdev(64ULL << 20, 1, 64ULL << 20,
						 SWAPDEV_ZRAM);
	struct inode *inode = written_file(m, "/dev/shm/f");
	struct shmem_inode_info *info = SHMEM_I(inode);
	unsigned int fault = 0;
	struct folio *folio;
	swp_entry_t slot3;
	void *entry;

	is_long(info->alloced, NPAGES, "alloced counts the written pages");
	ok(list_empty(&info->swaplist), "not on the swaplist before swap");
	is_long(pageout(m, inode), NPAGES, "every page reclaimed");
	is_long(info->swapped, NPAGES, "swapped += n at writeout");
	is_long(inode->i_data.nrpages, 0, "nrpages -= n");
	is_long(info->alloced, NPAGES, "alloced unchanged");
	ok(!list_empty(&info->swaplist), "the inode joined the swaplist");
	entry = xa_load(&inode->i_data.i_pages, 3);
	ok(entry && xa_is_value(entry) &&
	   (m->swap_info->swap_map[swp_offset(radix_to_swp_entry(entry))] &
	    ~SWAP_HAS_CACHE) == SWAP_MAP_SHMEM,
	   "the slot holds its swap entry, counted SWAP_MAP_SHMEM");

	slot3 = radix_to_swp_entry(entry);
	is_long(shmem_get_folio(m, inode, 3, SGP_CACHE, NULL, &folio, &fault),
		0, "swap-in of page 3");
	ok(folio && xa_load(&inode->i_data.i_pages, 3) == folio &&
	   folio_test(folio, PG_dirty), "the slot holds the folio again, dirty");
	folio_put(m, folio);
	is_long(info->swapped, NPAGES - 1, "swapped -= 1");
	/* nothing refers to the slot: it waits in the CPU's slot cache */
	is_long(m->swap_info->swap_map[swp_offset(slot3)], SWAP_HAS_CACHE,
		"its swap slot was let go");
	ok(!swap_cache_get_folio(m, slot3), "and left the swap cache");

	vfs_truncate(m, inode, 8 * PAGE_SIZE);
	is_long(info->swapped, 7, "truncation to 8 pages frees 8 slots");
	is_long(info->alloced, 8, "and their blocks");
	iput(m, inode);
	destroy_machine(m);
}

/* A page read back wrong: the slot is poisoned, reads give -EIO. */
static void test_swapin_error(void)
{
	struct machine *m = boot_machine_swapdev(64ULL << 20, 1, 64ULL << 20,
						 SWAPDEV_ZRAM);
	struct inode *inode = written_file(m, "/dev/shm/f");
	struct shmem_inode_info *info = SHMEM_I(inode);
	unsigned int fault = 0;
	struct folio *folio;
	int fd;

	pageout(m, inode);
	/* the device fails the read (an I/O error): its file, written */
	blockdev_flush(&m->swap_info->bdev);
	fd = m->swap_info->bdev.fd;
	m->swap_info->bdev.fd = -1;
	is_long(shmem_get_folio(m, inode, 5, SGP_CACHE, NULL, &folio, &fault),
		-EIO, "a failed swap-in is -EIO");
	m->swap_info->bdev.fd = fd;
	is_long(value_entries(inode, true), 1, "the slot became a poisoned marker");
	is_long(info->swapped, NPAGES - 1, "swapped dropped by one");
	is_long(info->alloced, NPAGES - 1, "and alloced too");
	is_long(shmem_get_folio(m, inode, 5, SGP_CACHE, NULL, &folio, &fault),
		-EIO, "the page stays unreadable");
	iput(m, inode);
	destroy_machine(m);
}

/* A tmpfs of size=4p takes four pages, then ENOSPC. */
static void test_size_limit(void)
{
	struct machine *m = boot_machine(64ULL << 20, 1);
	struct inode *inode;
	int err;

	is_long(shmem_mount(m, "/t", "size=16K"), 0, "mount size=16K");
	is_long(shmem_mount(m, "/u", "size=1M,huge=always"), -EINVAL,
		"an option the model lacks is EINVAL");
	is_long(shmem_mount(m, "/u", "size=12Q"), -EINVAL, "a bad size is EINVAL");
	is_long(shmem_sb_of_path(m, "/dev/shm/x")->max_blocks,
		m->totalram_pages / 2, "/dev/shm holds half of RAM");
	inode = vfs_open(m, "/t/f", true, &err);
	is_long(filemap_write(m, inode, 0, 8 * PAGE_SIZE, &text),
		4 * PAGE_SIZE, "a write stops at the size");
	is_long(filemap_write(m, inode, 4 * PAGE_SIZE, PAGE_SIZE, &text),
		-ENOSPC, "then ENOSPC");
	vfs_truncate(m, inode, 2 * PAGE_SIZE);
	is_long(shmem_sb_of_path(m, "/t/f")->used_blocks, 2,
		"truncation gives blocks back");
	iput(m, inode);
	destroy_machine(m);
}

/* noswap: the pages are unevictable, reclaim leaves them. */
static void test_noswap(void)
{
	struct machine *m = boot_machine_swapdev(64ULL << 20, 1, 64ULL << 20,
						 SWAPDEV_ZRAM);
	struct inode *inode;

	shmem_mount(m, "/n", "noswap");
	inode = written_file(m, "/n/f");
	is_long(pageout(m, inode), 0, "nothing reclaimed from noswap");
	is_long(SHMEM_I(inode)->swapped, 0, "nothing swapped");
	is_long(inode->i_data.nrpages, NPAGES, "all still in memory");
	iput(m, inode);
	destroy_machine(m);
}

int main(void)
{
	test_writeout_and_swapin();
	test_swapin_error();
	test_size_limit();
	test_noswap();
	return done_testing();
}
