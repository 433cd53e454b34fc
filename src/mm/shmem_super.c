// SPDX-License-Identifier: GPL-2.0
/*
 * tmpfs mounts and inodes (mm/shmem.c's superblock half: shmem_fill_super,
 * shmem_parse_one, shmem_get_inode, shmem_evict_inode, shmem_file_setup).
 *
 * A tmpfs mount limits the pages its files hold, in memory or in swap
 * (size=, default half of RAM), and the files it holds (nr_inodes=,
 * default half of RAM in pages); going over either is ENOSPC, never an
 * OOM.  `noswap` makes every inode's pages unevictable.  The internal
 * mount behind memfds, SysV segments and MAP_SHARED|MAP_ANONYMOUS has no
 * limits, as the kernel's kern_mount()ed shm_mnt.  /dev/shm is mounted at
 * boot with the defaults, as a distribution's init does.  The model-only
 * option `smemcg` (policy smemcg=charge|borrow; EINVAL under off, as on
 * 6.12) gives the mount a shared-memory cgroup (mm/smemcg.c).
 *
 * Differences: options huge=, mpol=, mode=, uid=, gid=, inode32/64 and
 * quotas are not accepted (EINVAL); no remount.  The VM_NORESERVE
 * accounting of tmpfs blocks against the overcommit limit is not done.
 */
#include "include/shmem_fs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/memparse.h"
#include "include/fs.h"
#include "mm/smemcg.h"

static unsigned long shmem_default_max_blocks(struct machine *m)
{
	return m->totalram_pages / 2;
}

static unsigned long shmem_default_max_inodes(struct machine *m)
{
	/* no highmem on x86_64; the BOGO_INODE_SIZE bound never bites */
	return m->totalram_pages / 2;
}

static struct shmem_sb_info *shmem_sb_alloc(const char *path)
{
	struct shmem_sb_info *sbinfo = calloc(1, sizeof(*sbinfo));

	if (!sbinfo)
		return NULL;
	sbinfo->path = strdup(path);
	if (!sbinfo->path) {
		free(sbinfo);
		return NULL;
	}
	INIT_LIST_HEAD(&sbinfo->mounts);
	return sbinfo;
}

/* size=SIZE (with K/M/G/T/P/E, or N% of RAM) in pages, as shmem_parse_one */
static int parse_size(struct machine *m, const char *val, unsigned long *blocks)
{
	char *rest;
	unsigned long long size = memparse(val, &rest);

	if (*rest == '%') {
		size = (size << PAGE_SHIFT) * m->totalram_pages / 100;
		rest++;
	}
	if (*rest || rest == val)
		return -EINVAL;
	*blocks = DIV_ROUND_UP(size, PAGE_SIZE);
	return 0;
}

static int parse_count(const char *val, unsigned long *out)
{
	char *rest;
	unsigned long long v = memparse(val, &rest);

	if (*rest || rest == val || v > (unsigned long long)LONG_MAX)
		return -EINVAL;
	*out = v;
	return 0;
}

static int shmem_parse_one(struct machine *m, struct shmem_sb_info *sbinfo,
			   char *opt)
{
	char *val = strchr(opt, '=');

	if (val)
		*val++ = '\0';
	if (!strcmp(opt, "noswap") && !val) {
		sbinfo->noswap = true;
		return 0;
	}
	/* model only: the mount's smemcg (EINVAL under smemcg=off) */
	if (!strcmp(opt, "smemcg") && !val) {
		sbinfo->smemcg_opt = true;
		return 0;
	}
	if (!val)
		return -EINVAL;
	if (!strcmp(opt, "size"))
		return parse_size(m, val, &sbinfo->max_blocks);
	if (!strcmp(opt, "nr_blocks"))
		return parse_count(val, &sbinfo->max_blocks);
	if (!strcmp(opt, "nr_inodes"))
		return parse_count(val, &sbinfo->max_inodes);
	return -EINVAL;
}

/* Options as mount(2) passes them: comma-separated. */
static int shmem_parse_options(struct machine *m, struct shmem_sb_info *sbinfo,
			       const char *options)
{
	char *copy = strdup(options ? options : ""), *opt, *save = NULL;
	int err = copy ? 0 : -ENOMEM;

	for (opt = copy ? strtok_r(copy, ",", &save) : NULL; opt && !err;
	     opt = strtok_r(NULL, ",", &save))
		err = shmem_parse_one(m, sbinfo, opt);
	free(copy);
	return err;
}

int shmem_mount(struct machine *m, const char *path, const char *options)
{
	struct shmem_sb_info *sbinfo;
	int err;

	if (path[0] != '/')
		return -EINVAL;
	sbinfo = shmem_sb_alloc(path);
	if (!sbinfo)
		return -ENOMEM;
	sbinfo->max_blocks = shmem_default_max_blocks(m);
	sbinfo->max_inodes = shmem_default_max_inodes(m);
	err = shmem_parse_options(m, sbinfo, options);
	if (!err && sbinfo->smemcg_opt)
		err = smemcg_create(m, sbinfo);
	if (err) {
		free(sbinfo->path);
		free(sbinfo);
		return err;
	}
	/* a later mount over the same place hides the earlier one */
	list_add(&sbinfo->mounts, &m->vfs->mounts);
	return 0;
}

/* @path is @dir or below it */
static bool path_below(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	while (n && dir[n - 1] == '/')
		n--;
	return !strncmp(path, dir, n) && (path[n] == '/' || !path[n]);
}

struct shmem_sb_info *shmem_sb_of_path(struct machine *m, const char *path)
{
	struct shmem_sb_info *sbinfo, *best = NULL;

	list_for_each_entry(sbinfo, &m->vfs->mounts, mounts)
		if (path_below(path, sbinfo->path) &&
		    (!best || strlen(sbinfo->path) > strlen(best->path)))
			best = sbinfo;
	return best;
}

int shmem_init(struct machine *m)
{
	INIT_LIST_HEAD(&m->shmem_swaplist);
	m->shm_mnt = shmem_sb_alloc("");
	if (!m->shm_mnt)
		return -ENOMEM;
	m->shm_mnt->kernmount = true;
	return shmem_mount(m, "/dev/shm", NULL);
}

void shmem_release(struct machine *m)
{
	struct shmem_sb_info *sbinfo, *n;

	list_for_each_entry_safe(sbinfo, n, &m->vfs->mounts, mounts) {
		if (sbinfo->smemcg)
			smemcg_umount(sbinfo->smemcg);
		list_del(&sbinfo->mounts);
		free(sbinfo->path);
		free(sbinfo);
	}
	if (m->shm_mnt) {
		free(m->shm_mnt->path);
		free(m->shm_mnt);
		m->shm_mnt = NULL;
	}
}

/* shmem_reserve_inode(): one more file on the mount, if it has room */
static int shmem_reserve_inode(struct shmem_sb_info *sbinfo)
{
	if (sbinfo->max_inodes && sbinfo->used_inodes >= sbinfo->max_inodes)
		return -ENOSPC;
	sbinfo->used_inodes++;
	return 0;
}

struct inode *shmem_get_inode(struct machine *m, struct shmem_sb_info *sbinfo,
			      const char *path, unsigned long flags, int *err)
{
	struct shmem_inode_info *info;

	if (!sbinfo)
		sbinfo = m->shm_mnt;
	*err = shmem_reserve_inode(sbinfo);
	if (*err)
		return NULL;
	info = calloc(1, sizeof(*info));
	if (!info) {
		sbinfo->used_inodes--;
		*err = -ENOMEM;
		return NULL;
	}
	info->flags = flags;
	info->sbinfo = sbinfo;
	INIT_LIST_HEAD(&info->swaplist);
	*err = inode_init(m, &info->vfs_inode, path, INODE_SHMEM);
	if (*err) {
		sbinfo->used_inodes--;
		free(info);
		return NULL;
	}
	if (sbinfo->noswap)
		mapping_set_unevictable(&info->vfs_inode.i_data);
	return &info->vfs_inode;
}

void shmem_evict_inode(struct machine *m, struct inode *inode)
{
	struct shmem_inode_info *info = SHMEM_I(inode);

	/*
	 * alloced and swapped end at 0, or at minus the poisoned slots it
	 * had: 6.12 counts those out at the read error and again when they
	 * are truncated (its i_blocks, the mount's blocks, end right).
	 */
	shmem_truncate_range(m, inode, 0, (u64)-1);
	list_del_init(&info->swaplist);
	info->sbinfo->used_inodes--;
}

void shmem_destroy_inode(struct inode *inode)
{
	free(SHMEM_I(inode));
}

struct inode *shmem_file_setup(struct machine *m, u64 size,
			       unsigned long flags, int *err)
{
	struct inode *inode = shmem_get_inode(m, NULL, NULL, flags, err);

	if (!inode)
		return NULL;
	inode->unlinked = true;		/* no name keeps it */
	inode->i_size = size;
	inode->i_mode = 0777;		/* S_IRWXUGO, as shmem_file_setup() */
	return inode;
}
