// SPDX-License-Identifier: GPL-2.0
/*
 * Inodes and names (fs/inode.c, fs/namei.c, fs/open.c's vfs_truncate,
 * much reduced): a flat list of paths, no directories to create first.
 * An inode dies when its name is gone and its last reference is put; its
 * page cache goes with it (evict -> truncate_inode_pages).
 */
#include "include/fs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "include/bug.h"
#include "mm/filemap.h"

int vfs_init(struct machine *m)
{
	struct vfs *vfs = calloc(1, sizeof(*vfs));
	int err;

	if (!vfs)
		return -ENOMEM;
	INIT_LIST_HEAD(&vfs->inodes);
	vfs->next_ino = 12;	/* after the root and lost+found, as on ext4 */
	err = blockdev_open(&vfs->disk, m->cfg.disk_bytes);
	m->vfs = vfs;
	return err;
}

static struct inode *inode_alloc(struct machine *m, const char *path,
				 enum inode_kind kind)
{
	struct inode *inode = calloc(1, sizeof(*inode));

	if (!inode)
		return NULL;
	inode->i_ino = m->vfs->next_ino++;
	inode->kind = kind;
	inode->path = path ? strdup(path) : NULL;
	inode->i_count = 1;
	inode->i_data.host = inode;
	xa_init(&inode->i_data.i_pages);
	INIT_LIST_HEAD(&inode->i_data.i_mmap);
	xa_init(&inode->blocks);
	list_add_tail(&inode->i_sb_list, &m->vfs->inodes);
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
static void inode_free_blocks(struct machine *m, struct inode *inode,
			      unsigned long index)
{
	struct vfs *vfs = m->vfs;
	void *block;

	while ((block = xa_find(&inode->blocks, &index))) {
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
	truncate_inode_pages(m, &inode->i_data, 0);
	inode_free_blocks(m, inode, 0);
	list_del(&inode->i_sb_list);
	xa_destroy(&inode->i_data.i_pages);
	xa_destroy(&inode->blocks);
	free(inode->path);
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
	inode = inode_alloc(m, path, path_is_tmpfs(path) ? INODE_SHMEM : INODE_DISK);
	if (!inode) {
		*err = -ENOMEM;
		return NULL;
	}
	ihold(inode);
	return inode;
}

struct inode *shmem_file_setup(struct machine *m, u64 size)
{
	struct inode *inode = inode_alloc(m, NULL, INODE_SHMEM);

	if (!inode)
		return NULL;
	inode->unlinked = true;		/* memfds have no name to keep them */
	inode->i_size = size;
	return inode;
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
	blockdev_close(&m->vfs->disk);
	free(m->vfs->free_blocks);
	free(m->vfs);
	m->vfs = NULL;
}

/* vfs_truncate() (fs/open.c) down to truncate_setsize() (mm/truncate.c) */
int vfs_truncate(struct machine *m, struct inode *inode, u64 size)
{
	u64 old = inode->i_size;

	inode->i_size = size;
	if (size < old) {
		truncate_inode_pages(m, &inode->i_data, size);
		inode_free_blocks(m, inode, DIV_ROUND_UP(size, PAGE_SIZE));
	}
	return 0;
}
