// SPDX-License-Identifier: GPL-2.0
/*
 * A block device backed by an unlinked temporary file in $TMPDIR (or /tmp).
 * Sparse: only written blocks take host disk space.  I/O is synchronous;
 * its virtual-time cost comes from the machine's cost table.
 */
#include "blockdev.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int blockdev_open(struct blockdev *bdev, u64 bytes)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];

	memset(bdev, 0, sizeof(*bdev));
	snprintf(path, sizeof(path), "%s/memcglab-bdev-XXXXXX",
		 dir && *dir ? dir : "/tmp");
	bdev->fd = mkstemp(path);
	if (bdev->fd < 0)
		return -errno;
	unlink(path);
	bdev->nr_blocks = bytes >> PAGE_SHIFT;
	return 0;
}

void blockdev_close(struct blockdev *bdev)
{
	if (bdev->fd >= 0)
		close(bdev->fd);
	bdev->fd = -1;
}

int blockdev_write(struct blockdev *bdev, u64 block, const void *buf)
{
	if (block >= bdev->nr_blocks)
		return -ENOSPC;
	if (pwrite(bdev->fd, buf, PAGE_SIZE, (off_t)(block << PAGE_SHIFT)) !=
	    (ssize_t)PAGE_SIZE)
		return -EIO;
	bdev->writes++;
	return 0;
}

int blockdev_read(struct blockdev *bdev, u64 block, void *buf)
{
	ssize_t n;

	if (block >= bdev->nr_blocks)
		return -EIO;
	n = pread(bdev->fd, buf, PAGE_SIZE, (off_t)(block << PAGE_SHIFT));
	if (n < 0)
		return -EIO;
	/* never-written blocks past the end of the file read as zeroes */
	if (n < (ssize_t)PAGE_SIZE)
		memset((u8 *)buf + n, 0, PAGE_SIZE - n);
	bdev->reads++;
	return 0;
}
