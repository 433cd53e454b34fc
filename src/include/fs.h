/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Two filesystems: a disk filesystem whose file pages are page cache backed
 * by the machine's disk, and tmpfs (paths under /dev/shm, and memfds) whose
 * pages are shmem.  A name keeps its inode alive, as a dentry does (the
 * model has no unlink); open files and mappings hold further references.
 */
#ifndef MEMCGLAB_INCLUDE_FS_H
#define MEMCGLAB_INCLUDE_FS_H

#include "include/machine.h"
#include "sim/blockdev.h"
#include "include/mm_types.h"

#include <string.h>

struct vfs {
	struct list_head inodes;	/* every live inode, by creation */
	unsigned long next_ino;
	struct blockdev disk;
	/* disk blocks freed by truncate and unlink, reused first */
	u64 *free_blocks;
	size_t nr_free_blocks, free_blocks_alloc;
};

int vfs_init(struct machine *m);
void vfs_release(struct machine *m);

static inline bool path_is_tmpfs(const char *path)
{
	return !strncmp(path, "/dev/shm/", 9);
}

/* Look up @path, creating it if @create; returns a new reference. */
struct inode *vfs_open(struct machine *m, const char *path, bool create,
		       int *err);
/* An unnamed tmpfs file (memfd_create, shared anonymous mappings). */
struct inode *shmem_file_setup(struct machine *m, u64 size);
void ihold(struct inode *inode);
void iput(struct machine *m, struct inode *inode);
/*
 * truncate(2): set the size; pages beyond it leave the page cache and
 * their disk blocks are freed.
 */
int vfs_truncate(struct machine *m, struct inode *inode, u64 size);
/*
 * The disk block behind page @index of disk file @inode, allocated when a
 * page is first dirtied, as ext4's delayed allocation reserves it at
 * write(2) and at the write fault of a shared mapping (page_mkwrite):
 * 0, or -ENOSPC when the disk is full.  A no-op for tmpfs.
 */
int inode_reserve_block(struct machine *m, struct inode *inode,
			unsigned long index);

#endif
