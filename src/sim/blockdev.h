/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Block devices (drivers/block): a real host file holds every block written,
 * so data that leaves memory for the disk or swap really leaves, and is
 * read back and checked.
 */
#ifndef MEMCGLAB_SIM_BLOCKDEV_H
#define MEMCGLAB_SIM_BLOCKDEV_H

#include "lib/compiler.h"

/* The block layer's unit (include/linux/blk_types.h, blkdev.h). */
#define SECTOR_SHIFT		9
#define PAGE_SECTORS		(1U << (PAGE_SHIFT - SECTOR_SHIFT))

struct blockdev {
	int fd;			/* an unlinked host temporary file */
	u64 nr_blocks;		/* capacity in 4 KiB blocks */
	u64 next_free;		/* simple allocator for file data */
	u64 reads, writes;	/* blocks transferred */
};

int blockdev_open(struct blockdev *bdev, u64 bytes);
void blockdev_close(struct blockdev *bdev);
int blockdev_write(struct blockdev *bdev, u64 block, const void *buf);
int blockdev_read(struct blockdev *bdev, u64 block, void *buf);

#endif
