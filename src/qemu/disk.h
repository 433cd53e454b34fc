/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest's disks, as sparse host files: a swap device with the header
 * mkswap(8) writes, and an ext4 file system for /data made by Debian's
 * mke2fs (no root needed: it writes to a plain file).
 */
#ifndef MEMCGLAB_QEMU_DISK_H
#define MEMCGLAB_QEMU_DISK_H

#include <stddef.h>
#include <stdint.h>

/* The version-1 swap header (union swap_header in include/linux/swap.h). */
#define SWAP_PAGE_SIZE		4096
#define SWAP_MAGIC		"SWAPSPACE2"
#define SWAP_MAGIC_OFFSET	(SWAP_PAGE_SIZE - 10)
#define SWAP_INFO_OFFSET	1024	/* after the boot bits */
#define SWAP_MIN_PAGES		10	/* mkswap's own minimum */

/*
 * Fill page (SWAP_PAGE_SIZE bytes) with the header of a swap area of
 * nr_pages pages: version 1, last_page nr_pages - 1, no bad pages, a zero
 * UUID and label.  -EINVAL when nr_pages is out of range.
 */
int swap_header_build(unsigned char *page, uint64_t nr_pages);

/* Create path as a sparse swap image of size bytes; 0 or -1 with err. */
int swap_image_create(const char *path, uint64_t size, char *err, size_t n);
/* Create path as a sparse ext4 image (mke2fs); 0 or -1 with err. */
int data_image_create(const char *path, uint64_t size, char *err, size_t n);

#endif
