// SPDX-License-Identifier: GPL-2.0
/*
 * The ext4 metadata behind the /data disk (fs/ext4/ialloc.c, namei.c,
 * inode.c, reduced to which blocks a file creation dirties), for the
 * geometry mke2fs gives the kernel backend's disk (4 KiB blocks, 256-byte
 * inodes: 16 to a block, 8192 inodes and 32768 blocks a group, no
 * journal).  Creating a file dirties, in the block device's page cache
 * (fs/buffer.c): the inode table block of its new inode, the directory
 * block its entry goes into (a new one when the last is full, with the
 * block bitmap), and its group's inode bitmap and group descriptor.
 * Pages that come in are charged to the creating task's memcg.  Mount
 * reads the superblock, the group descriptors, the root's inode table
 * block and the root directory, as the mounting task (the root cgroup).
 *
 * A directory that outgrows its first block is indexed (dir_index): its
 * entries go into leaf blocks that split when full, so that leaves hold
 * ln 2 of a block on average, as random hashes leave them.
 *
 * Where it differs: every file goes to one directory (the model's flat
 * filesystem) and group 0; leaves fill in turn at their average fill
 * instead of by hash; free inodes are not reused;
 * reads of metadata that are not dirtied (lookups, bitmaps read to search)
 * are not modelled.
 */
#include "include/fs.h"
#include "fs/ext4.h"

#include "mm/swap.h"

#define EXT4_INODES_PER_BLOCK	(PAGE_SIZE / 256)
#define EXT4_INODES_PER_GROUP	8192
#define EXT4_FIRST_INO		11	/* lost+found; new inodes follow */

/* Where group 0's metadata sits (flex_bg packs it after the descriptors). */
#define EXT4_GDT_BLOCK		1
#define EXT4_BLOCK_BITMAP	1025
#define EXT4_INODE_BITMAP	1041
#define EXT4_INODE_TABLE	1057
#define EXT4_ROOT_DIR_BLOCK	9249	/* after 16 groups' inode tables */

/* ext4_dir_rec_len(): an 8-byte header and the name, 4-byte aligned */
static unsigned int dir_rec_len(unsigned int name_len)
{
	return ALIGN(8 + name_len, 4);
}

static unsigned long itable_block(unsigned long ino)
{
	return EXT4_INODE_TABLE +
	       ((ino - 1) % EXT4_INODES_PER_GROUP) / EXT4_INODES_PER_BLOCK;
}

void ext4_mount(struct machine *m)
{
	struct vfs *vfs = m->vfs;
	struct folio *folio;
	unsigned long blocks[] = { 0, EXT4_GDT_BLOCK, itable_block(2),
				   EXT4_ROOT_DIR_BLOCK };
	size_t i;

	vfs->ext4_next_ino = EXT4_FIRST_INO + 1;
	vfs->ext4_dir_blocks = 1;
	/* ".", ".." and "lost+found" */
	vfs->ext4_dir_used = dir_rec_len(1) + dir_rec_len(2) + dir_rec_len(10);
	for (i = 0; i < ARRAY_SIZE(blocks); i++) {
		folio = bdev_getblk(m, blocks[i]);
		if (folio)
			folio_put(m, folio);
	}
}

/* what a leaf of an indexed directory holds on average: ln 2 of a block */
#define EXT4_DX_LEAF_FILL	(PAGE_SIZE * 693 / 1000)

/* ext4_add_entry(): the directory block the new entry goes into */
static int ext4_add_entry(struct machine *m, unsigned int name_len)
{
	struct vfs *vfs = m->vfs;
	unsigned int len = dir_rec_len(name_len);
	unsigned int room = vfs->ext4_dir_blocks == 1 ? PAGE_SIZE :
			    EXT4_DX_LEAF_FILL;
	int err = 0;

	if (vfs->ext4_dir_used + len > room) {
		/* ext4_append(): a new block, taken from the block bitmap */
		vfs->ext4_dir_blocks++;
		vfs->ext4_dir_used = 0;
		err = bdev_dirty_block(m, EXT4_BLOCK_BITMAP);
	}
	vfs->ext4_dir_used += len;
	return err ?: bdev_dirty_block(m, EXT4_ROOT_DIR_BLOCK +
					  vfs->ext4_dir_blocks - 1);
}

/* __ext4_new_inode() and ext4_add_nondir(): what open(O_CREAT) dirties */
int ext4_new_inode(struct machine *m, unsigned int name_len)
{
	unsigned long ino = m->vfs->ext4_next_ino++;
	int err;

	err = bdev_dirty_block(m, EXT4_INODE_BITMAP);
	if (!err)
		err = bdev_dirty_block(m, EXT4_GDT_BLOCK);
	if (!err)
		err = bdev_dirty_block(m, itable_block(ino));
	return err ?: ext4_add_entry(m, name_len);
}
