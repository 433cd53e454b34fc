/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The dentry and inode caches of the root filesystem (include/linux/dcache.h,
 * the icache and superblock parts of include/linux/fs.h): slab objects on
 * the superblock's memcg-aware list_lrus, reclaimed by its shrinker.
 */
#ifndef MEMCGLAB_FS_DCACHE_H
#define MEMCGLAB_FS_DCACHE_H

#include "lib/compiler.h"
#include "lib/list.h"
#include "mm/list_lru.h"
#include "sim/rcu.h"

struct machine;
struct kmem_cache;
struct shrinker;
struct fs_inode;
struct disk_dirent;

/* x86_64, 6.12: names up to 31 bytes live in the 192-byte dentry */
#define DNAME_INLINE_LEN	32
#define DENTRY_OBJ_SIZE		192
/* struct ext4_inode_info, as /proc/slabinfo shows it (approximately) */
#define FS_INODE_OBJ_SIZE	1128

/* d_flags (the kernel's values) */
#define DCACHE_REFERENCED	0x00000040u	/* used since last seen by the LRU */
#define DCACHE_SHRINK_LIST	0x00040000u
#define DCACHE_LRU_LIST		0x00080000u

/* i_state */
#define I_FREEING		(1u << 5)
#define I_REFERENCED		(1u << 8)

/* Lives in a "dentry" slab object. */
struct dentry {
	unsigned int d_flags;
	int d_count;			/* d_lockref.count */
	struct fs_inode *d_inode;	/* NULL: a negative dentry */
	struct dentry *d_parent;
	struct super_block *d_sb;
	struct list_head d_hash;	/* the hash chain of its name */
	struct list_head d_lru;		/* s_dentry_lru, or a shrink list */
	struct rcu_head d_rcu;
	unsigned int d_name_hash;
	unsigned int d_name_len;
	const char *d_name;		/* d_iname, or an external name */
	char d_iname[DNAME_INLINE_LEN];
};

/*
 * Lives in an "ext4_inode_cache" slab object.  Named apart from struct
 * inode (mm_types.h), the page-cache side of files, which this cache does
 * not model: files created here are empty.
 */
struct fs_inode {
	unsigned long i_ino;
	int i_count;
	unsigned int i_state;
	struct super_block *i_sb;
	struct list_head i_lru;		/* s_inode_lru, or a dispose list */
	struct rcu_head i_rcu;
	struct disk_dirent *i_dirent;	/* its name on the disk */
};

struct super_block {
	struct machine *machine;
	struct shrinker *s_shrink;
	struct list_lru s_dentry_lru;
	struct list_lru s_inode_lru;
	struct dentry *s_root;
	struct kmem_cache *dentry_cache;
	struct kmem_cache *inode_cache;
	/* the dentry hash table (the kernel's is global, sized at boot) */
	struct list_head *s_hash;
	unsigned int s_hash_mask;
	/* what is on the disk: names of created files (host memory) */
	struct list_head *s_dir;
	unsigned long s_next_ino;
	unsigned long nr_dentry;	/* allocated, not yet freed */
	unsigned long nr_inodes;
};

/* Mount the root filesystem: superblock, caches, shrinker, root dentry. */
int dcache_init(struct machine *m);
/* Unmount: every dentry and inode is freed (after RCU) and the sb goes. */
void dcache_release(struct machine *m);

/*
 * The selftests' alloc_dcache(): the current task stat()s @nr names that
 * do not exist, /something-non-existent-with-a-long-name-<i>-<pid> for i
 * in 0..nr-1 (i right-aligned in 64 columns), each leaving a negative
 * dentry.  0, or a negative errno (-ENOMEM when a charge failed).
 */
int dentries_lookup_missing(struct machine *m, unsigned long nr);
/* The current task creates @nr empty files /file-<pid>-<i> (and closes). */
int dentries_create_files(struct machine *m, unsigned long nr);

/* Between super.c and dcache.c. */
struct shrink_control;
struct fs_inode *new_inode(struct super_block *sb);
struct dentry *d_make_root(struct super_block *sb, struct fs_inode *inode);
unsigned long prune_dcache_sb(struct super_block *sb, struct shrink_control *sc);
unsigned long prune_icache_sb(struct super_block *sb, struct shrink_control *sc);
void shrink_dcache_sb(struct super_block *sb);
void d_kill_root(struct super_block *sb);
void evict_inodes(struct super_block *sb);
void dcache_free_dir(struct super_block *sb);

/* The superblock shrinker's callbacks (fs/super.c). */
unsigned long super_cache_count(struct shrinker *s, struct shrink_control *sc);
unsigned long super_cache_scan(struct shrinker *s, struct shrink_control *sc);

#endif
