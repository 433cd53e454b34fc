/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Two filesystems: a disk filesystem at / whose file pages are page cache
 * backed by the machine's disk, and tmpfs mounts (/dev/shm at boot, more
 * with `mount tmpfs`, and the internal one behind memfds) whose pages are
 * shmem (include/shmem_fs.h).  A name keeps its inode alive, as a dentry
 * does (the model has no unlink); open files and mappings hold further
 * references.
 */
#ifndef MEMCGLAB_INCLUDE_FS_H
#define MEMCGLAB_INCLUDE_FS_H

#include "include/machine.h"
#include "sim/blockdev.h"
#include "include/mm_types.h"

struct vfs {
	struct list_head inodes;	/* every live inode, by creation */
	unsigned long next_ino;
	struct blockdev disk;
	/* disk blocks freed by truncate and unlink, reused first */
	u64 *free_blocks;
	size_t nr_free_blocks, free_blocks_alloc;
	struct list_head mounts;	/* tmpfs mounts, newest first */
	/* the disk's block device inode: its page cache holds metadata */
	struct inode *bdev;
	/* ext4's layout as files are created (fs/ext4.c) */
	unsigned long ext4_next_ino;	/* the next inode number */
	unsigned long ext4_dir_blocks;	/* blocks of the directory */
	unsigned long ext4_dir_used;	/* bytes used in its last block */
};

int vfs_init(struct machine *m);
void vfs_release(struct machine *m);

/*
 * Look up @path, creating it if @create (on the tmpfs mounted there, if
 * any); returns a new reference.  -ENOSPC when a tmpfs has no inode left.
 */
struct inode *vfs_open(struct machine *m, const char *path, bool create,
		       int *err);
#define MAY_WRITE	0x2
#define MAY_READ	0x4

/*
 * inode_owner_or_capable(): the current task owns @inode, or is root
 * (CAP_FOWNER).  inode_permission(): -EACCES unless the mode bits of its
 * owner (each user is alone in its group) or of others grant @mask, or it
 * is root (CAP_DAC_OVERRIDE).
 */
bool inode_owner_or_capable(struct machine *m, const struct inode *inode);
int inode_permission(struct machine *m, const struct inode *inode, int mask);

/* The generic part of a new inode (inode_init_always): -ENOMEM.  Owned by
 * the current task, mode 0644 (0666 less the umask 022). */
int inode_init(struct machine *m, struct inode *inode, const char *path,
	       enum inode_kind kind);
/* lseek(@offset, SEEK_DATA or SEEK_HOLE): the offset found, or -ENXIO. */
long long vfs_llseek_data(struct machine *m, struct inode *inode, s64 offset,
			  bool seek_data);
void ihold(struct inode *inode);
void iput(struct machine *m, struct inode *inode);
/*
 * truncate(2): set the size; pages beyond it leave the page cache and
 * their disk blocks are freed.
 */
int vfs_truncate(struct machine *m, struct inode *inode, u64 size);
/* fallocate(2)'s punch hole, size kept: tmpfs's or the disk's (ext4's). */
int vfs_punch_hole(struct machine *m, struct inode *inode, u64 offset,
		   u64 len);
/*
 * The disk block behind page @index of disk file @inode, allocated when a
 * page is first dirtied, as ext4's delayed allocation reserves it at
 * write(2) and at the write fault of a shared mapping (page_mkwrite):
 * 0, or -ENOSPC when the disk is full.  A no-op for tmpfs.
 */
int inode_reserve_block(struct machine *m, struct inode *inode,
			unsigned long index);

/* fs/buffer.c: the block device's page cache (metadata blocks) */
int bdev_cache_init(struct machine *m);
/* The cached page of disk block @block, charged to the current memcg
 * when it comes in; NULL when it cannot be had. */
struct folio *bdev_getblk(struct machine *m, unsigned long block);
/* Dirty the cached page of @block (bringing it in). */
int bdev_dirty_block(struct machine *m, unsigned long block);
/* Pages of the block device's page cache (/proc/meminfo's Buffers). */
unsigned long nr_blockdev_pages(struct machine *m);

#endif
