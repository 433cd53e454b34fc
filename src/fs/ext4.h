/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ext4 metadata a file creation dirties (fs/ext4.c).
 */
#ifndef MEMCGLAB_FS_EXT4_H
#define MEMCGLAB_FS_EXT4_H

struct machine;

/* Mount: the blocks the mounting task reads (the root cgroup's). */
void ext4_mount(struct machine *m);
/* open(O_CREAT) of a new name of @name_len bytes in the directory. */
int ext4_new_inode(struct machine *m, unsigned int name_len);

#endif
