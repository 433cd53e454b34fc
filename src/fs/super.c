// SPDX-License-Identifier: GPL-2.0
/*
 * The superblock of the root filesystem and its shrinker (fs/super.c),
 * 6.12: one memcg- and NUMA-aware shrinker per superblock (batch 1024,
 * DEFAULT_SEEKS) over two memcg-aware list_lrus, dentries and inodes.
 * super_cache_count() reports both lists (times vfs_cache_pressure / 100),
 * SHRINK_EMPTY when both are empty; super_cache_scan() splits the request
 * between them in proportion and always scans at least one of each, so
 * memcg reclaim can empty small caches.
 *
 * Differences: one superblock, mounted at boot and unmounted at machine
 * teardown; vfs_cache_pressure is fixed at its default, 100; no
 * filesystem-private caches (nr_cached_objects).
 */
#include "dcache.h"

#include <errno.h>
#include <stdlib.h>

#include "include/machine.h"
#include "include/bug.h"
#include "include/rcupdate.h"
#include "mm/shrinker.h"
#include "mm/slab.h"

#define D_HASH_BITS		16
#define VFS_CACHE_PRESSURE	100

/* x * n / d without overflow (mult_frac) */
static unsigned long mult_frac(unsigned long x, unsigned long n,
			       unsigned long d)
{
	return (x / d) * n + (x % d) * n / d;
}

unsigned long super_cache_count(struct shrinker *shrink,
				struct shrink_control *sc)
{
	struct super_block *sb = shrink->private_data;
	unsigned long total;

	total = list_lru_shrink_count(&sb->s_dentry_lru, sc) +
		list_lru_shrink_count(&sb->s_inode_lru, sc);
	if (!total)
		return SHRINK_EMPTY;
	return mult_frac(total, VFS_CACHE_PRESSURE, 100);
}

unsigned long super_cache_scan(struct shrinker *shrink,
			       struct shrink_control *sc)
{
	struct super_block *sb = shrink->private_data;
	unsigned long dentries, inodes, total, freed;

	/* filesystem locks may be held by the allocating caller */
	if (!(sc->gfp_mask & __GFP_FS))
		return SHRINK_STOP;
	inodes = list_lru_shrink_count(&sb->s_inode_lru, sc);
	dentries = list_lru_shrink_count(&sb->s_dentry_lru, sc);
	total = dentries + inodes + 1;
	dentries = mult_frac(sc->nr_to_scan, dentries, total);
	inodes = mult_frac(sc->nr_to_scan, inodes, total);
	/* dentries pin inodes: they go first */
	sc->nr_to_scan = dentries + 1;
	freed = prune_dcache_sb(sb, sc);
	sc->nr_to_scan = inodes + 1;
	freed += prune_icache_sb(sb, sc);
	return freed;
}

static int sb_hash_init(struct super_block *sb)
{
	unsigned int i, size = 1U << D_HASH_BITS;

	sb->s_hash = calloc(size, sizeof(*sb->s_hash));
	sb->s_dir = calloc(size, sizeof(*sb->s_dir));
	if (!sb->s_hash || !sb->s_dir)
		return -ENOMEM;
	for (i = 0; i < size; i++) {
		INIT_LIST_HEAD(&sb->s_hash[i]);
		INIT_LIST_HEAD(&sb->s_dir[i]);
	}
	sb->s_hash_mask = size - 1;
	return 0;
}

static int alloc_super(struct machine *m, struct super_block *sb)
{
	struct shrinker *shrink;

	sb->machine = m;
	sb->s_next_ino = 12;	/* after the root and lost+found, as on ext4 */
	sb->dentry_cache = kmem_cache_create(m, "dentry", DENTRY_OBJ_SIZE,
					     SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT);
	sb->inode_cache = kmem_cache_create(m, "ext4_inode_cache",
					    FS_INODE_OBJ_SIZE,
					    SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT);
	if (!sb->dentry_cache || !sb->inode_cache || sb_hash_init(sb))
		return -ENOMEM;
	shrink = shrinker_alloc(m, SHRINKER_NUMA_AWARE | SHRINKER_MEMCG_AWARE,
				"sb-ext4");
	if (!shrink)
		return -ENOMEM;
	shrink->count_objects = super_cache_count;
	shrink->scan_objects = super_cache_scan;
	shrink->batch = 1024;
	shrink->seeks = DEFAULT_SEEKS;
	shrink->private_data = sb;
	sb->s_shrink = shrink;
	list_lru_init_memcg(m, &sb->s_dentry_lru, shrink);
	list_lru_init_memcg(m, &sb->s_inode_lru, shrink);
	return 0;
}

static void free_super(struct super_block *sb)
{
	shrinker_free(sb->s_shrink);
	list_lru_destroy(&sb->s_dentry_lru);
	list_lru_destroy(&sb->s_inode_lru);
	kmem_cache_destroy(sb->dentry_cache);
	kmem_cache_destroy(sb->inode_cache);
	if (sb->s_dir)
		dcache_free_dir(sb);
	free(sb->s_dir);
	free(sb->s_hash);
	free(sb);
}

/* Mounted at boot, by no task: the root dentry and inode charge nobody. */
int dcache_init(struct machine *m)
{
	struct super_block *sb = calloc(1, sizeof(*sb));
	struct fs_inode *root_inode;

	if (!sb)
		return -ENOMEM;
	if (alloc_super(m, sb))
		goto fail;
	root_inode = new_inode(sb);
	if (!root_inode)
		goto fail;
	root_inode->i_ino = 2;
	sb->s_root = d_make_root(sb, root_inode);
	if (!sb->s_root)
		goto fail;
	shrinker_register(sb->s_shrink);
	m->root_sb = sb;
	return 0;
fail:
	if (sb->s_inode_lru.machine) {
		evict_inodes(sb);
		rcu_barrier(m);
	}
	free_super(sb);
	return -ENOMEM;
}

void dcache_release(struct machine *m)
{
	struct super_block *sb = m->root_sb;

	if (!sb)
		return;
	/* kill_sb: no more shrinking, then every dentry and inode goes */
	shrinker_free(sb->s_shrink);
	sb->s_shrink = NULL;
	shrink_dcache_sb(sb);
	d_kill_root(sb);
	evict_inodes(sb);
	rcu_barrier(m);
	MODEL_BUG_ON(m, sb->nr_dentry || sb->nr_inodes,
		     "umount: %lu dentries and %lu inodes in use",
		     sb->nr_dentry, sb->nr_inodes);
	m->root_sb = NULL;
	free_super(sb);
}
