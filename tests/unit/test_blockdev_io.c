// SPDX-License-Identifier: GPL-2.0
/*
 * sim/blockdev.c's host I/O: consecutive writes gathered into one host
 * write still read back as written, before and after they reach the file,
 * and so do blocks read ahead after a write or a discard;
 * an injected error (fail_make_request) and a host write that fails both
 * give EIO, never other bytes; a discard gives the file's blocks back
 * (st_blocks), and the swap device discards clusters whose last slot was
 * freed, once enough clusters are (mm/swapfile.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "include/machine.h"
#include "mm/swapfile.h"
#include "sim/blockdev.h"
#include "fixture.h"
#include "tap.h"

#define NR_BLOCKS	(4 * BLK_WBATCH)

static u8 page[PAGE_SIZE], back[PAGE_SIZE];

static void pattern(u8 *buf, u64 block, int version)
{
	size_t i;

	for (i = 0; i < PAGE_SIZE; i++)
		buf[i] = (u8)(block * 7 + i * 13 + version * 101);
}

/* Every block in [from, to) reads back pattern @version. */
static bool reads_back(struct blockdev *bdev, u64 from, u64 to, int version)
{
	u64 b;

	for (b = from; b < to; b++) {
		pattern(page, b, version);
		if (blockdev_read(bdev, b, back) || memcmp(page, back, PAGE_SIZE))
			return false;
	}
	return true;
}

static long file_blocks(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long)st.st_blocks;
}

/* Runs longer than a batch, a rewrite inside the held run, a gap. */
static void test_gathered(struct blockdev *bdev)
{
	u64 b;
	bool ok_all = true;

	for (b = 0; b < BLK_WBATCH + 5; b++) {
		pattern(page, b, 1);
		ok_all &= !blockdev_write(bdev, b, page);
	}
	ok(ok_all, "write %d consecutive blocks", BLK_WBATCH + 5);
	ok(bdev->wnr == 5, "a full batch went to the file, 5 are held");
	ok(reads_back(bdev, 0, BLK_WBATCH + 5, 1),
	   "all read back, from the file and from the held run");
	pattern(page, BLK_WBATCH + 2, 2);
	is_long(blockdev_write(bdev, BLK_WBATCH + 2, page), 0,
		"rewrite a held block");
	ok(reads_back(bdev, BLK_WBATCH + 2, BLK_WBATCH + 3, 2),
	   "it reads back rewritten");
	pattern(page, 3 * BLK_WBATCH, 1);
	is_long(blockdev_write(bdev, 3 * BLK_WBATCH, page), 0,
		"a write after a gap");
	ok(bdev->wnr == 1 && bdev->wstart == 3 * BLK_WBATCH,
	   "starts a new run");
	ok(reads_back(bdev, BLK_WBATCH + 2, BLK_WBATCH + 3, 2) &&
	   reads_back(bdev, BLK_WBATCH + 3, BLK_WBATCH + 5, 1) &&
	   reads_back(bdev, 3 * BLK_WBATCH, 3 * BLK_WBATCH + 1, 1),
	   "the run before it reached the file");
	is_long(blockdev_write(bdev, NR_BLOCKS, page), -ENOSPC,
		"a block past the end is refused");
}

/* Sequential reads fill a window; writes and discards must not go stale. */
static void test_window(struct blockdev *bdev)
{
	u64 b;
	bool zero = true;

	blockdev_flush(bdev);
	ok(reads_back(bdev, 0, 8, 1), "sequential reads");
	ok(bdev->rnr && bdev->rstart <= 7 && 7 < bdev->rstart + bdev->rnr,
	   "read the blocks after them ahead");
	pattern(page, 9, 5);
	blockdev_write(bdev, 9, page);
	ok(reads_back(bdev, 9, 10, 5), "a block written since reads new");
	blockdev_flush(bdev);
	ok(reads_back(bdev, 8, 9, 1) && reads_back(bdev, 9, 10, 5),
	   "and after it reached the file");
	ok(reads_back(bdev, 10, 12, 1), "the window goes on");
	blockdev_discard(bdev, 12, 1);
	is_long(blockdev_read(bdev, 12, back), 0, "read a discarded block");
	for (b = 0; b < PAGE_SIZE; b++)
		zero &= !back[b];
	ok(zero, "it reads as zeroes, not its old bytes");
	pattern(page, 9, 1);
	blockdev_write(bdev, 9, page);
	pattern(page, 12, 1);
	blockdev_write(bdev, 12, page);
	blockdev_flush(bdev);
}

static bool fail_always(struct blockdev *bdev, unsigned int bytes)
{
	return true;
}

/* fail_make_request, and a host file that refuses the write. */
static void test_errors(struct blockdev *bdev)
{
	int fd = bdev->fd;

	bdev->should_fail = fail_always;
	bdev->make_it_fail = true;
	pattern(page, 30, 3);
	is_long(blockdev_write(bdev, 30, page), -EIO, "an injected write error");
	is_long(blockdev_read(bdev, 31, back), -EIO, "an injected read error");
	bdev->make_it_fail = false;
	ok(reads_back(bdev, 30, 32, 1), "the failed write changed nothing");

	blockdev_flush(bdev);
	pattern(page, 50, 3);
	blockdev_write(bdev, 50, page);
	blockdev_flush(bdev);
	for (int b = 51; b < 53; b++) {
		pattern(page, b, 3);
		blockdev_write(bdev, b, page);
	}
	bdev->fd = open("/dev/null", O_RDONLY);
	blockdev_flush(bdev);
	close(bdev->fd);
	bdev->fd = fd;
	is_long(blockdev_read(bdev, 51, back), -EIO,
		"a block the host could not write reads back as EIO");
	ok(reads_back(bdev, 50, 51, 3), "its neighbour is unharmed");
	pattern(page, 51, 4);
	blockdev_write(bdev, 51, page);
	blockdev_flush(bdev);
	ok(reads_back(bdev, 51, 52, 4), "written again, it reads back");
}

static void test_discard(struct blockdev *bdev)
{
	long before, after;

	blockdev_flush(bdev);
	before = file_blocks(bdev->fd);
	ok(before > 8, "the file holds the written blocks (%ld)", before);
	blockdev_discard(bdev, 0, 3 * BLK_WBATCH);
	after = file_blocks(bdev->fd);
	/* st_blocks counts 512-byte units, 8 a block: one block is left */
	is_long(after, 8, "a discard of all but one frees their space");
	ok(reads_back(bdev, 3 * BLK_WBATCH, 3 * BLK_WBATCH + 1, 1),
	   "blocks outside it keep their bytes");
}

/*
 * The swap device gives free clusters' blocks back once more than
 * SWAP_STALE_MIN (and more than are in use) hold them.  The first cluster
 * holds the header slot and is never free: clusters 1.. are freed.
 */
#define NR_SLOTS	((SWAP_STALE_MIN + 2) * SWAPFILE_CLUSTER - 1)

static void test_swap_discard(void)
{
	struct machine *m = boot_machine_swap(64ULL << 20, 1, 128ULL << 20);
	struct swap_info_struct *si = m->swap_info;
	static swp_entry_t e[NR_SLOTS];
	long full, n = 0, i, got = 1;
	swp_entry_t *c;

	while (n < NR_SLOTS && got)
		n += got = get_swap_pages(m, min(SWAP_BATCH,
						 (int)(NR_SLOTS - n)), e + n);
	is_long(n, NR_SLOTS, "the first %lu clusters' slots",
		SWAP_STALE_MIN + 2);
	for (i = 0; i < n; i++)
		blockdev_write(&si->bdev, swp_offset(e[i]), page);
	blockdev_flush(&si->bdev);
	full = file_blocks(si->bdev.fd);
	is_long(full, n * 8, "their blocks take space in the file");
	c = e + SWAPFILE_CLUSTER - 1;
	is_long(swp_offset(c[0]), SWAPFILE_CLUSTER, "cluster 1 follows");
	swapcache_free_entries(m, c, SWAP_STALE_MIN * SWAPFILE_CLUSTER);
	is_long(file_blocks(si->bdev.fd), full,
		"%lu free clusters keep their blocks", SWAP_STALE_MIN);
	swapcache_free_entries(m, c + SWAP_STALE_MIN * SWAPFILE_CLUSTER,
			       SWAPFILE_CLUSTER - 1);
	is_long(file_blocks(si->bdev.fd), full,
		"one slot in use: its cluster keeps them too");
	swapcache_free_entries(m, e + n - 1, 1);
	is_long(file_blocks(si->bdev.fd),
		full - (SWAP_STALE_MIN + 1) * SWAPFILE_CLUSTER * 8,
		"one more free cluster: all free ones give their blocks back");
	swapcache_free_entries(m, e, SWAPFILE_CLUSTER - 1);
	destroy_machine(m);
}

int main(void)
{
	struct blockdev bdev;

	is_long(blockdev_open(&bdev, NR_BLOCKS * PAGE_SIZE, false), 0,
		"open a %d-block device", NR_BLOCKS);
	test_gathered(&bdev);
	test_window(&bdev);
	test_errors(&bdev);
	test_discard(&bdev);
	blockdev_close(&bdev);
	test_swap_discard();
	return done_testing();
}
