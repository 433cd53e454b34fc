// SPDX-License-Identifier: GPL-2.0
/*
 * The block device's page cache (fs/buffer.c and block/bdev.c, reduced):
 * filesystem metadata lives in the page cache of the disk's own inode,
 * one page per 4 KiB block, indexed by block number.  A block read or
 * created comes in charged to the memcg of the task that needs it, as
 * __getblk() charges the folio it adds; a block dirtied is dirty page
 * cache of that inode (file_dirty, Buffers), written by the flusher when
 * it expires and dropped by drop_caches once clean.
 *
 * Where it differs: no buffer_heads (a block is a page), and a block
 * never written reads as zeroes without I/O.
 */
#include "include/fs.h"

#include <errno.h>
#include <stdlib.h>

#include "mm/filemap.h"
#include "mm/swap.h"

int bdev_cache_init(struct machine *m)
{
	struct inode *bdev = calloc(1, sizeof(*bdev));

	if (!bdev || inode_init(m, bdev, NULL, INODE_DISK)) {
		free(bdev);
		return -ENOMEM;
	}
	bdev->i_ino = 0;
	bdev->i_size = m->cfg.disk_bytes;
	m->vfs->bdev = bdev;
	return 0;
}

struct folio *bdev_getblk(struct machine *m, unsigned long block)
{
	struct inode *bdev = m->vfs->bdev;
	struct folio *folio = filemap_get_folio(&bdev->i_data, block);
	unsigned int fault = 0;

	if (folio) {
		folio_get(folio);
		return folio;
	}
	/* __getblk(): sb_getblk() adds __GFP_NOFAIL, as 6.12's does */
	if (filemap_create_folio(m, bdev, block, GFP_KERNEL | __GFP_NOFAIL,
				 &folio, &fault))
		return NULL;
	return folio;
}

/* mark_buffer_dirty() */
int bdev_dirty_block(struct machine *m, unsigned long block)
{
	struct folio *folio = bdev_getblk(m, block);

	if (!folio)
		return -ENOMEM;
	folio_mark_dirty(m, folio);
	folio_mark_accessed(m, folio);
	folio_put(m, folio);
	return 0;
}

unsigned long nr_blockdev_pages(struct machine *m)
{
	return m->vfs && m->vfs->bdev ? m->vfs->bdev->i_data.nrpages : 0;
}
