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
/* truncate(2): set the size; pages beyond it leave the page cache. */
int vfs_truncate(struct machine *m, struct inode *inode, u64 size);

#endif
