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

static void inode_evict(struct machine *m, struct inode *inode)
{
	truncate_inode_pages(m, &inode->i_data, 0);
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
	free(m->vfs);
	m->vfs = NULL;
}

/* vfs_truncate() (fs/open.c) down to truncate_setsize() (mm/truncate.c) */
int vfs_truncate(struct machine *m, struct inode *inode, u64 size)
{
	u64 old = inode->i_size;

	inode->i_size = size;
	if (size < old)
		truncate_inode_pages(m, &inode->i_data, size);
	return 0;
}
