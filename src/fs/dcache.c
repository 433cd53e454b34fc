// SPDX-License-Identifier: GPL-2.0
/*
 * The dentry cache (fs/dcache.c) and the inode cache half of fs/inode.c,
 * for the root filesystem, 6.12 semantics.
 *
 * A lookup of a name that is not cached allocates a dentry from the
 * "dentry" cache (SLAB_ACCOUNT, reclaimable) with kmem_cache_alloc_lru(),
 * so it is charged to the current task's memcg and that memcg has its
 * sublists of the superblock's list_lru, and a name longer than 31 bytes
 * needs an external name from kmalloc-rcl-* (GFP_KERNEL_ACCOUNT |
 * __GFP_RECLAIMABLE).  A name that is not on the disk leaves a negative
 * dentry.  The last dput() of a dentry keeps it cached: onto the LRU the
 * first time, marked referenced after that.  The superblock shrinker
 * (super.c) walks the LRU: in-use dentries are dropped from it, referenced
 * ones get one more round, the rest are killed, and their memory is
 * freed (and uncharged) one RCU grace period later, as d_free() does.
 * Inodes work the same way on the inode LRU.
 *
 * Differences: one directory (the root) and one superblock; the dentry
 * hash table and the directory on the disk are host memory; files created
 * here are empty and have no page cache (struct inode in mm_types.h is the
 * page-cache side of the model's files, a separate namespace); no
 * d_lock/lockref, the model runs on one thread.
 */
#include "dcache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "include/machine.h"
#include "fs/ext4.h"
#include "include/bug.h"
#include "include/rcupdate.h"
#include "include/entry-common.h"
#include "include/sched.h"
#include "mm/slab.h"

_Static_assert(sizeof(struct dentry) <= DENTRY_OBJ_SIZE,
	       "struct dentry must fit its slab object");
_Static_assert(sizeof(struct fs_inode) <= FS_INODE_OBJ_SIZE,
	       "struct fs_inode must fit its slab object");

/*
 * struct external_name: on x86_64 a 16-byte union (refcount / rcu_head)
 * and then the name, so a name of len bytes needs a kmalloc of 17 + len.
 */
#define EXTERNAL_NAME_HDR	16

struct external_name {
	union {
		int count;
		char head[EXTERNAL_NAME_HDR];
	} u;
	char name[];
};

/* A file's name on the disk. */
struct disk_dirent {
	struct list_head hash;
	unsigned int name_hash;
	unsigned long ino;
	struct fs_inode *inode;		/* in the icache, or NULL */
	char name[];
};

static unsigned int full_name_hash(const char *name, unsigned int len)
{
	unsigned int h = 2166136261u;

	while (len--) {
		h ^= (unsigned char)*name++;
		h *= 16777619u;
	}
	return h;
}

static struct list_head *d_hash(struct super_block *sb, unsigned int hash)
{
	return &sb->s_hash[hash & sb->s_hash_mask];
}

static struct list_head *dir_hash(struct super_block *sb, unsigned int hash)
{
	return &sb->s_dir[hash & sb->s_hash_mask];
}

/* ---- the disk's directory ---- */

static struct disk_dirent *dir_find(struct super_block *sb, const char *name,
				    unsigned int len, unsigned int hash)
{
	struct disk_dirent *de;

	list_for_each_entry(de, dir_hash(sb, hash), hash)
		if (de->name_hash == hash && !strncmp(de->name, name, len) &&
		    !de->name[len])
			return de;
	return NULL;
}

static struct disk_dirent *dir_add(struct super_block *sb, const char *name,
				   unsigned int len, unsigned int hash)
{
	struct disk_dirent *de = calloc(1, sizeof(*de) + len + 1);

	if (!de)
		return NULL;
	memcpy(de->name, name, len);
	de->name_hash = hash;
	de->ino = sb->s_next_ino++;
	list_add_tail(&de->hash, dir_hash(sb, hash));
	return de;
}

void dcache_free_dir(struct super_block *sb)
{
	unsigned int i;

	for (i = 0; i <= sb->s_hash_mask; i++) {
		struct disk_dirent *de, *tmp;

		list_for_each_entry_safe(de, tmp, &sb->s_dir[i], hash)
			free(de);
	}
}

/* ---- inodes ---- */

struct fs_inode *new_inode(struct super_block *sb)
{
	struct fs_inode *inode;

	inode = kmem_cache_alloc_lru(sb->inode_cache, &sb->s_inode_lru,
				     GFP_KERNEL);
	if (!inode)
		return NULL;
	memset(inode, 0, sizeof(*inode));
	inode->i_count = 1;
	inode->i_sb = sb;
	INIT_LIST_HEAD(&inode->i_lru);
	sb->nr_inodes++;
	return inode;
}

/* The inode of an on-disk name: from the icache, or read in. */
static struct fs_inode *iget(struct super_block *sb, struct disk_dirent *de)
{
	struct fs_inode *inode = de->inode;

	if (inode) {
		inode->i_count++;
		return inode;
	}
	inode = new_inode(sb);
	if (!inode)
		return NULL;
	inode->i_ino = de->ino;
	inode->i_dirent = de;
	de->inode = inode;
	return inode;
}

/* iput_final(): a file that still has its name stays in the icache. */
static void iput(struct fs_inode *inode)
{
	if (MODEL_BUG_ON(inode->i_sb->machine, inode->i_count <= 0,
			 "inode %lu: put of %d references", inode->i_ino,
			 inode->i_count))
		return;
	if (--inode->i_count)
		return;
	if (!list_lru_add_obj(&inode->i_sb->s_inode_lru, &inode->i_lru))
		inode->i_state |= I_REFERENCED;
}

static void i_callback(struct rcu_head *head)
{
	struct fs_inode *inode = container_of(head, struct fs_inode, i_rcu);

	kmem_cache_free(inode->i_sb->inode_cache, inode);
}

static void evict(struct fs_inode *inode)
{
	struct super_block *sb = inode->i_sb;

	if (inode->i_dirent)
		inode->i_dirent->inode = NULL;
	sb->nr_inodes--;
	call_rcu(sb->machine, &inode->i_rcu, i_callback);
}

static enum lru_status inode_lru_isolate(struct list_head *item,
					 struct list_lru_one *lru, void *arg)
{
	struct fs_inode *inode = container_of(item, struct fs_inode, i_lru);

	/* used again since it was queued: off the LRU, iput requeues it */
	if (inode->i_count || (inode->i_state & ~I_REFERENCED)) {
		list_lru_isolate(lru, &inode->i_lru);
		return LRU_REMOVED;
	}
	if (inode->i_state & I_REFERENCED) {
		inode->i_state &= ~I_REFERENCED;
		return LRU_ROTATE;
	}
	inode->i_state |= I_FREEING;
	list_lru_isolate_move(lru, &inode->i_lru, arg);
	return LRU_REMOVED;
}

static void dispose_list(struct list_head *head)
{
	while (!list_empty(head)) {
		struct fs_inode *inode = list_first_entry(head, struct fs_inode,
							  i_lru);

		list_del_init(&inode->i_lru);
		evict(inode);
	}
}

unsigned long prune_icache_sb(struct super_block *sb, struct shrink_control *sc)
{
	LIST_HEAD(freeable);
	unsigned long freed;

	freed = list_lru_shrink_walk(&sb->s_inode_lru, sc, inode_lru_isolate,
				     &freeable);
	dispose_list(&freeable);
	return freed;
}

/* Unmount: every unused inode goes. */
void evict_inodes(struct super_block *sb)
{
	while (list_lru_count(&sb->s_inode_lru)) {
		LIST_HEAD(freeable);

		list_lru_walk(&sb->s_inode_lru, inode_lru_isolate, &freeable,
			      ~0UL);
		dispose_list(&freeable);
	}
}

/* ---- dentries ---- */

static void d_free_rcu(struct rcu_head *head)
{
	struct dentry *dentry = container_of(head, struct dentry, d_rcu);
	struct machine *m = dentry->d_sb->machine;

	if (dentry->d_name != dentry->d_iname)
		kfree(m, dentry->d_name - EXTERNAL_NAME_HDR);
	kmem_cache_free(dentry->d_sb->dentry_cache, dentry);
}

/* The memory goes after a grace period: RCU path walks may still see it. */
static void dentry_free(struct dentry *dentry)
{
	struct super_block *sb = dentry->d_sb;

	sb->nr_dentry--;
	call_rcu(sb->machine, &dentry->d_rcu, d_free_rcu);
}

static struct dentry *__d_alloc(struct super_block *sb, const char *name,
				unsigned int len, unsigned int hash)
{
	struct machine *m = sb->machine;
	struct dentry *dentry;
	char *dname;

	dentry = kmem_cache_alloc_lru(sb->dentry_cache, &sb->s_dentry_lru,
				      GFP_KERNEL);
	if (!dentry)
		return NULL;
	memset(dentry, 0, sizeof(*dentry));
	dname = dentry->d_iname;
	if (len > DNAME_INLINE_LEN - 1) {
		struct external_name *p;

		p = kmalloc(m, EXTERNAL_NAME_HDR + 1 + len,
			    GFP_KERNEL_ACCOUNT | __GFP_RECLAIMABLE);
		if (!p) {
			kmem_cache_free(sb->dentry_cache, dentry);
			return NULL;
		}
		p->u.count = 1;
		dname = p->name;
	}
	memcpy(dname, name, len);
	dname[len] = '\0';
	dentry->d_name = dname;
	dentry->d_name_len = len;
	dentry->d_name_hash = hash;
	dentry->d_count = 1;
	dentry->d_sb = sb;
	INIT_LIST_HEAD(&dentry->d_hash);
	INIT_LIST_HEAD(&dentry->d_lru);
	sb->nr_dentry++;
	return dentry;
}

struct dentry *d_make_root(struct super_block *sb, struct fs_inode *inode)
{
	struct dentry *root = __d_alloc(sb, "/", 1, full_name_hash("/", 1));

	if (!root) {
		iput(inode);
		return NULL;
	}
	root->d_parent = root;
	root->d_inode = inode;
	return root;
}

static void d_lru_add(struct dentry *dentry)
{
	dentry->d_flags |= DCACHE_LRU_LIST;
	list_lru_add_obj(&dentry->d_sb->s_dentry_lru, &dentry->d_lru);
}

/* retain_dentry(): an unused hashed dentry stays, as LRU fodder. */
static void dput(struct dentry *dentry)
{
	if (MODEL_BUG_ON(dentry->d_sb->machine, dentry->d_count <= 0,
			 "dentry %s: put of %d references", dentry->d_name,
			 dentry->d_count))
		return;
	if (--dentry->d_count)
		return;
	if (!(dentry->d_flags & DCACHE_LRU_LIST))
		d_lru_add(dentry);
	else
		dentry->d_flags |= DCACHE_REFERENCED;
}

static void dentry_kill(struct dentry *dentry)
{
	struct dentry *parent = dentry->d_parent;
	struct fs_inode *inode = dentry->d_inode;

	list_del_init(&dentry->d_hash);
	dentry->d_inode = NULL;
	if (inode)
		iput(inode);
	dentry_free(dentry);
	if (parent != dentry)
		dput(parent);
}

static enum lru_status dentry_lru_isolate(struct list_head *item,
					  struct list_lru_one *lru, void *arg)
{
	struct dentry *dentry = container_of(item, struct dentry, d_lru);

	/* in use again: off the LRU until its last dput puts it back */
	if (dentry->d_count) {
		dentry->d_flags &= ~DCACHE_LRU_LIST;
		list_lru_isolate(lru, &dentry->d_lru);
		return LRU_REMOVED;
	}
	if (dentry->d_flags & DCACHE_REFERENCED) {
		dentry->d_flags &= ~DCACHE_REFERENCED;
		return LRU_ROTATE;
	}
	dentry->d_flags |= DCACHE_SHRINK_LIST;
	list_lru_isolate_move(lru, &dentry->d_lru, arg);
	return LRU_REMOVED;
}

/* shrink_dcache_sb(): everything unused goes, referenced or not. */
static enum lru_status dentry_lru_isolate_shrink(struct list_head *item,
						 struct list_lru_one *lru,
						 void *arg)
{
	struct dentry *dentry = container_of(item, struct dentry, d_lru);

	dentry->d_flags |= DCACHE_SHRINK_LIST;
	list_lru_isolate_move(lru, &dentry->d_lru, arg);
	return LRU_REMOVED;
}

static void shrink_dentry_list(struct list_head *list)
{
	while (!list_empty(list)) {
		struct dentry *dentry = list_first_entry(list, struct dentry,
							 d_lru);

		list_del_init(&dentry->d_lru);
		dentry->d_flags &= ~(DCACHE_SHRINK_LIST | DCACHE_LRU_LIST);
		if (!dentry->d_count)
			dentry_kill(dentry);
	}
}

unsigned long prune_dcache_sb(struct super_block *sb, struct shrink_control *sc)
{
	LIST_HEAD(dispose);
	unsigned long freed;

	freed = list_lru_shrink_walk(&sb->s_dentry_lru, sc, dentry_lru_isolate,
				     &dispose);
	shrink_dentry_list(&dispose);
	return freed;
}

void shrink_dcache_sb(struct super_block *sb)
{
	while (list_lru_count(&sb->s_dentry_lru)) {
		LIST_HEAD(dispose);

		list_lru_walk(&sb->s_dentry_lru, dentry_lru_isolate_shrink,
			      &dispose, ~0UL);
		shrink_dentry_list(&dispose);
	}
}

/* The root dentry goes last, at unmount. */
void d_kill_root(struct super_block *sb)
{
	struct dentry *root = sb->s_root;

	if (!root)
		return;
	MODEL_BUG_ON(sb->machine, root->d_count != 1,
		     "umount: / still has %d users", root->d_count - 1);
	dentry_kill(root);
	sb->s_root = NULL;
}

/* ---- lookups: the path walk of one component below / ---- */

static struct dentry *__d_lookup(struct super_block *sb, const char *name,
				 unsigned int len, unsigned int hash)
{
	struct dentry *dentry;

	list_for_each_entry(dentry, d_hash(sb, hash), d_hash)
		if (dentry->d_name_hash == hash && dentry->d_name_len == len &&
		    !memcmp(dentry->d_name, name, len))
			return dentry;
	return NULL;
}

/* A cache miss: ask the disk (ext4_lookup), negative if it has nothing. */
static struct dentry *d_alloc_lookup(struct super_block *sb, const char *name,
				     unsigned int len, unsigned int hash)
{
	struct disk_dirent *de = dir_find(sb, name, len, hash);
	struct fs_inode *inode = NULL;
	struct dentry *dentry;

	dentry = __d_alloc(sb, name, len, hash);
	if (!dentry)
		return NULL;
	if (de) {
		inode = iget(sb, de);
		if (!inode) {
			dentry_free(dentry);
			return NULL;
		}
	}
	dentry->d_parent = sb->s_root;
	sb->s_root->d_count++;
	dentry->d_inode = inode;
	list_add(&dentry->d_hash, d_hash(sb, hash));
	return dentry;
}

static struct dentry *lookup_one(struct super_block *sb, const char *name)
{
	unsigned int len = strlen(name), hash = full_name_hash(name, len);
	struct dentry *dentry = __d_lookup(sb, name, len, hash);

	if (dentry) {
		dentry->d_count++;
		return dentry;
	}
	return d_alloc_lookup(sb, name, len, hash);
}

/* open(O_CREAT) of a name that is negative: a new inode on the disk. */
static int d_create(struct super_block *sb, struct dentry *dentry)
{
	struct disk_dirent *de;
	struct fs_inode *inode;

	de = dir_add(sb, dentry->d_name, dentry->d_name_len,
		     dentry->d_name_hash);
	if (!de)
		return -ENOMEM;
	/* the disk's metadata: inode table, directory, bitmap, descriptor */
	ext4_new_inode(sb->machine, dentry->d_name_len);
	inode = iget(sb, de);
	if (!inode) {
		list_del(&de->hash);
		free(de);
		return -ENOMEM;
	}
	dentry->d_inode = inode;	/* d_instantiate */
	return 0;
}

static int current_pid(struct machine *m)
{
	return m->current ? m->current->pid : 0;
}

int dentries_lookup_missing(struct machine *m, unsigned long nr)
{
	struct super_block *sb = m->root_sb;
	unsigned long i;
	char name[160];

	for (i = 0; i < nr; i++) {
		struct dentry *dentry;

		/* the selftest's name, without the leading '/' */
		snprintf(name, sizeof(name),
			 "something-non-existent-with-a-long-name-%64lu-%d", i,
			 current_pid(m));
		dentry = lookup_one(sb, name);
		if (dentry)
			dput(dentry);
		/* back to user space after each system call */
		if (!exit_to_user_mode(m))
			return 0;
		if (!dentry)
			return -ENOMEM;
	}
	return 0;
}

int dentries_create_files(struct machine *m, unsigned long nr)
{
	struct super_block *sb = m->root_sb;
	unsigned long i;
	char name[64];

	for (i = 0; i < nr; i++) {
		struct dentry *dentry;
		int err = 0;

		snprintf(name, sizeof(name), "file-%d-%lu", current_pid(m), i);
		dentry = lookup_one(sb, name);
		if (!dentry)
			err = -ENOMEM;
		else if (!dentry->d_inode)
			err = d_create(sb, dentry);
		if (dentry)
			dput(dentry);	/* close() */
		/* back to user space after each system call */
		if (!exit_to_user_mode(m))
			return 0;
		if (err)
			return err;
	}
	return 0;
}
