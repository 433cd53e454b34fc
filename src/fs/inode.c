// SPDX-License-Identifier: GPL-2.0
/*
 * Inodes and names (fs/inode.c, fs/namei.c, fs/open.c's vfs_truncate,
 * much reduced): a flat list of paths, no directories to create first.
 * A path belongs to the tmpfs mounted over it, else to the disk
 * filesystem.  An inode dies when its name is gone and its last reference
 * is put; its page cache goes with it (evict -> truncate_inode_pages, or
 * shmem_evict_inode for tmpfs, which also frees its swap).
 */
#include "include/fs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "include/bug.h"
#include "sim/frame.h"
#include "include/sched.h"
#include "include/shmem_fs.h"
#include "include/writeback.h"
#include "fs/ext4.h"
#include "mm/filemap.h"
#include "mm/mm.h"

int vfs_init(struct machine *m)
{
	struct vfs *vfs = calloc(1, sizeof(*vfs));
	int err;

	if (!vfs)
		return -ENOMEM;
	INIT_LIST_HEAD(&vfs->inodes);
	INIT_LIST_HEAD(&vfs->mounts);
	vfs->next_ino = 12;	/* after the root and lost+found, as on ext4 */
	err = blockdev_open(&vfs->disk, m->cfg.disk_bytes, frame_model(&m->phys));
	m->vfs = vfs;
	if (!err)
		err = bdev_cache_init(m);
	if (!err)
		ext4_mount(m);
	return err;
}

int inode_init(struct machine *m, struct inode *inode, const char *path,
	       enum inode_kind kind)
{
	inode->path = path ? strdup(path) : NULL;
	if (path && !inode->path)
		return -ENOMEM;
	inode->i_ino = m->vfs->next_ino++;
	inode->kind = kind;
	inode->i_uid = current_fsuid(m);
	inode->i_mode = 0644;
	inode->i_count = 1;
	inode->i_data.host = inode;
	xa_init(&inode->i_data.i_pages);
	INIT_LIST_HEAD(&inode->i_data.i_mmap);
	xa_init(&inode->blocks);
	list_add_tail(&inode->i_sb_list, &m->vfs->inodes);
	return 0;
}

/* A new inode for @path: on the tmpfs mounted there, else on the disk. */
static struct inode *inode_alloc(struct machine *m, const char *path, int *err)
{
	struct shmem_sb_info *sbinfo = shmem_sb_of_path(m, path);
	struct inode *inode;

	if (sbinfo)
		return shmem_get_inode(m, sbinfo, path, SHMEM_F_NORESERVE, err);
	inode = calloc(1, sizeof(*inode));
	*err = inode ? inode_init(m, inode, path, INODE_DISK) : -ENOMEM;
	if (*err) {
		free(inode);
		return NULL;
	}
	return inode;
}

/* ---- disk blocks ---- */

int inode_reserve_block(struct machine *m, struct inode *inode,
			unsigned long index)
{
	struct vfs *vfs = m->vfs;
	u64 block;

	if (inode->kind != INODE_DISK || xa_load(&inode->blocks, index))
		return 0;
	if (vfs->nr_free_blocks)
		block = vfs->free_blocks[--vfs->nr_free_blocks];
	else if (vfs->disk.next_free < vfs->disk.nr_blocks)
		block = vfs->disk.next_free++;
	else
		return -ENOSPC;
	xa_store(&inode->blocks, index, xa_mk_value(block));
	return 0;
}

/* Give back the blocks of pages @index and beyond. */
/* The disk blocks behind pages [@index, @end) of @inode are free. */
static void inode_free_blocks(struct machine *m, struct inode *inode,
			      unsigned long index, unsigned long end)
{
	struct vfs *vfs = m->vfs;
	void *block;

	while ((block = xa_find(&inode->blocks, &index)) && index < end) {
		if (vfs->nr_free_blocks == vfs->free_blocks_alloc) {
			vfs->free_blocks_alloc = vfs->free_blocks_alloc * 2 ?: 64;
			vfs->free_blocks = realloc(vfs->free_blocks,
						   vfs->free_blocks_alloc *
						   sizeof(*vfs->free_blocks));
			if (!vfs->free_blocks)
				abort();
		}
		vfs->free_blocks[vfs->nr_free_blocks++] = xa_to_value(block);
		xa_erase(&inode->blocks, index);
		index++;
	}
}

static void inode_evict(struct machine *m, struct inode *inode)
{
	if (inode->kind == INODE_SHMEM) {
		shmem_evict_inode(m, inode);
	} else {
		truncate_inode_pages(m, &inode->i_data, 0);
		inode_free_blocks(m, inode, 0, ULONG_MAX);
	}
	inode_detach_wb(m, inode);
	list_del(&inode->i_sb_list);
	xa_destroy(&inode->i_data.i_pages);
	xa_destroy(&inode->blocks);
	free(inode->path);
	if (inode->kind == INODE_SHMEM)
		shmem_destroy_inode(inode);
	else
		free(inode);
}

static struct inode *vfs_lookup(struct machine *m, const char *path)
{
	struct inode *inode;

	list_for_each_entry(inode, &m->vfs->inodes, i_sb_list)
		if (inode->path && !inode->unlinked && !strcmp(inode->path, path))
			return inode;
	return NULL;
}

struct inode *vfs_open(struct machine *m, const char *path, bool create,
		       int *err)
{
	struct inode *inode = vfs_lookup(m, path);

	*err = 0;
	if (inode) {
		ihold(inode);
		return inode;
	}
	if (!create) {
		*err = -ENOENT;
		return NULL;
	}
	if (path[0] != '/') {
		*err = -EINVAL;
		return NULL;
	}
	/* the name holds the first reference, the caller a second */
	inode = inode_alloc(m, path, err);
	if (!inode)
		return NULL;
	if (inode->kind == INODE_DISK)
		ext4_new_inode(m, strlen(strrchr(path, '/') + 1));
	ihold(inode);
	return inode;
}

bool inode_owner_or_capable(struct machine *m, const struct inode *inode)
{
	return inode->i_uid == current_fsuid(m) || capable(m);
}

int inode_permission(struct machine *m, const struct inode *inode, int mask)
{
	unsigned int bits = inode->i_uid == current_fsuid(m) ?
			    inode->i_mode >> 6 : inode->i_mode;

	if (capable(m) || (bits & mask & 7) == (unsigned int)(mask & 7))
		return 0;
	return -EACCES;
}

void ihold(struct inode *inode)
{
	inode->i_count++;
}

void iput(struct machine *m, struct inode *inode)
{
	if (MODEL_BUG_ON(m, inode->i_count <= 0, "inode %lu: put of %d references",
			 inode->i_ino, inode->i_count))
		return;
	if (--inode->i_count)
		return;
	inode_evict(m, inode);
}

void vfs_release(struct machine *m)
{
	struct inode *inode, *n;

	if (!m->vfs)
		return;
	list_for_each_entry_safe(inode, n, &m->vfs->inodes, i_sb_list)
		inode_evict(m, inode);
	shmem_release(m);
	blockdev_close(&m->vfs->disk);
	free(m->vfs->free_blocks);
	free(m->vfs);
	m->vfs = NULL;
}

/*
 * vfs_truncate() (fs/open.c) down to truncate_setsize() (mm/truncate.c),
 * or shmem_setattr(): every mapping of what is cut off is unmapped, private
 * copies included, then the pages (and for tmpfs their swap) are freed.
 */
int vfs_truncate(struct machine *m, struct inode *inode, u64 size)
{
	u64 old = inode->i_size;
	unsigned long holebegin = DIV_ROUND_UP(size, PAGE_SIZE);

	inode->i_size = size;
	if (size >= old)
		return 0;
	if (DIV_ROUND_UP(old, PAGE_SIZE) > holebegin)
		unmap_mapping_range(&inode->i_data, holebegin, 0, true);
	if (inode->kind == INODE_SHMEM) {
		shmem_truncate_range(m, inode, size, (u64)-1);
	} else {
		truncate_inode_pages(m, &inode->i_data, size);
		inode_free_blocks(m, inode, holebegin, ULONG_MAX);
	}
	return 0;
}

/*
 * fallocate(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE) of a disk file, as
 * ext4_punch_hole() does it: nothing at or past i_size, the hole cut at
 * the page holding i_size; the pages of the hole are unmapped (private
 * copies stay), leave the cache dirty or not, and their blocks are freed.
 * The size stays.  Difference: whole pages only (madvise's ranges), no
 * zeroing of a partial block.
 */
int vfs_punch_hole(struct machine *m, struct inode *inode, u64 offset,
		   u64 len)
{
	u64 end = offset + len;
	unsigned long first = DIV_ROUND_UP(offset, PAGE_SIZE), last;

	if (inode->kind == INODE_SHMEM) {
		shmem_punch_hole(m, inode, offset, len);
		return 0;
	}
	if (offset >= inode->i_size)
		return 0;
	end = min(end, ALIGN(inode->i_size, PAGE_SIZE));
	last = end >> PAGE_SHIFT;
	if (last <= first)
		return 0;
	unmap_mapping_range(&inode->i_data, first, last - first, false);
	truncate_inode_pages_range(m, &inode->i_data, first, last);
	inode_free_blocks(m, inode, first, last);
	return 0;
}

/*
 * lseek(2) SEEK_DATA and SEEK_HOLE: tmpfs asks its page cache, where a
 * page in swap is data too (shmem_file_llseek); the disk filesystem its
 * allocated blocks, as ext4's extents answer it.  -ENXIO past the end.
 */
long long vfs_llseek_data(struct machine *m, struct inode *inode, s64 offset,
			  bool seek_data)
{
	const struct xarray *xa = inode->kind == INODE_SHMEM ?
				  &inode->i_data.i_pages : &inode->blocks;

	if (offset < 0)
		return -ENXIO;
	return mapping_seek_hole_data(xa, offset, inode->i_size, seek_data);
}
