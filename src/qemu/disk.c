// SPDX-License-Identifier: GPL-2.0
/*
 * Disk images for the guest (disk.h).  The swap header is written here on
 * the host, as mkswap would write it, rather than in the guest: the guest
 * has no mkswap, the layout is checked by a unit test in `make check`, and
 * PID 1 only has to call swapon().  The data disk is formatted by mke2fs
 * without a journal, so that no jbd2 commits run behind the payload.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "qemu/disk.h"
#include "qemu/spawn.h"

#define MKE2FS_TIMEOUT_MS	60000

static void put_u32(unsigned char *p, uint32_t v)	/* little endian */
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

int swap_header_build(unsigned char *page, uint64_t nr_pages)
{
	unsigned char *info = page + SWAP_INFO_OFFSET;

	if (nr_pages < SWAP_MIN_PAGES || nr_pages - 1 > UINT32_MAX)
		return -EINVAL;
	memset(page, 0, SWAP_PAGE_SIZE);
	put_u32(info, 1);			/* version */
	put_u32(info + 4, nr_pages - 1);	/* last_page */
	put_u32(info + 8, 0);			/* nr_badpages */
	memcpy(page + SWAP_MAGIC_OFFSET, SWAP_MAGIC, 10);
	return 0;
}

static int sparse_file(const char *path, uint64_t size, char *err, size_t n)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0 || ftruncate(fd, size)) {
		snprintf(err, n, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

int swap_image_create(const char *path, uint64_t size, char *err, size_t n)
{
	unsigned char page[SWAP_PAGE_SIZE];
	int fd;

	if (size % SWAP_PAGE_SIZE ||
	    swap_header_build(page, size / SWAP_PAGE_SIZE)) {
		snprintf(err, n, "swap size %llu: not a multiple of 4K of at "
			 "least %d pages", (unsigned long long)size,
			 SWAP_MIN_PAGES);
		return -1;
	}
	fd = sparse_file(path, size, err, n);
	if (fd < 0)
		return -1;
	if (pwrite(fd, page, sizeof(page), 0) != sizeof(page)) {
		snprintf(err, n, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int data_image_create(const char *path, uint64_t size, char *err, size_t n)
{
	char mke2fs[512] = "mke2fs";
	char *argv[] = { mke2fs, "-q", "-F", "-t", "ext4", "-O",
			 "^has_journal", "-m", "0", "-E", "root_owner=0:0",
			 (char *)path, NULL };
	char why[512];
	int fd = sparse_file(path, size, err, n);

	if (fd < 0)
		return -1;
	close(fd);
	find_in_path("mke2fs", mke2fs, sizeof(mke2fs));
	if (run_command(argv, MKE2FS_TIMEOUT_MS, NULL, why, sizeof(why))) {
		snprintf(err, n, "making the /data image: %s", why);
		return -1;
	}
	return 0;
}
