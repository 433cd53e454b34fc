/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmpfs and shared memory (include/linux/shmem_fs.h): the per-inode
 * counters that shmem's swap accounting rests on, the per-mount limits of
 * a tmpfs (size=, nr_inodes=, noswap), and what fs/ and the scenario
 * backend call.  Implemented in mm/shmem.c (pages and swap) and
 * mm/shmem_super.c (mounts and inodes).
 *
 * Differences: no quotas, no huge= (no THP), no uid/gid/mode, no mpol;
 * the internal mount behind memfds, SysV segments and shared anonymous
 * mappings is unlimited, as the kernel's kern_mount'ed shm_mnt is.
 */
#ifndef MEMCGLAB_INCLUDE_SHMEM_FS_H
#define MEMCGLAB_INCLUDE_SHMEM_FS_H

#include "include/machine.h"
#include "include/mm_types.h"

/* shmem_inode_info.flags: the VM_ flags the kernel keeps there */
#define SHMEM_F_NORESERVE	VM_NORESERVE	/* blocks charged as allocated */
#define SHMEM_F_LOCKED		VM_LOCKED	/* SHM_LOCK: never written out */
/* the model's: a SysV segment (what shm_file_operations tells the kernel) */
#define SHMEM_F_SYSV		(1UL << 62)

struct smemcg;

struct shmem_sb_info {
	unsigned long max_blocks;	/* size= in pages; 0: unlimited */
	unsigned long used_blocks;	/* pages in memory or in swap */
	unsigned long max_inodes;	/* nr_inodes=; 0: unlimited */
	unsigned long used_inodes;
	bool noswap;			/* the noswap mount option */
	/* the smemcg option (policy smemcg=charge|borrow, mm/smemcg.c) */
	bool smemcg_opt;
	struct smemcg *smemcg;
	bool kernmount;			/* the internal mount (shm_mnt) */
	char *path;			/* where it is mounted; "" internal */
	struct list_head mounts;	/* vfs->mounts, newest first */
};

struct shmem_inode_info {
	unsigned long flags;		/* SHMEM_F_* */
	/*
	 * Pages charged to the inode: in the page cache (nrpages) plus in
	 * swap (swapped).  shmem_recalc_inode() keeps alloced equal to their
	 * sum, giving back to the mount what was freed behind its back.
	 */
	long alloced;
	long swapped;
	struct list_head swaplist;	/* on shmem_swaplist while swapped */
	struct shmem_sb_info *sbinfo;
	struct inode vfs_inode;
};

static inline struct shmem_inode_info *SHMEM_I(struct inode *inode)
{
	return container_of(inode, struct shmem_inode_info, vfs_inode);
}

static inline struct shmem_sb_info *SHMEM_SB(struct inode *inode)
{
	return SHMEM_I(inode)->sbinfo;
}

static inline bool shmem_mapping(const struct address_space *mapping)
{
	return mapping && mapping->host->kind == INODE_SHMEM;
}

/* ---- mm/shmem_super.c: mounts and inodes ---- */

/* Boot: the internal mount and /dev/shm at the kernel's default size. */
int shmem_init(struct machine *m);
void shmem_release(struct machine *m);
/*
 * mount -t tmpfs -o @options tmpfs @path: @options as the kernel takes
 * them ("size=64M,nr_inodes=10k,noswap"); -EINVAL for a bad one.
 */
int shmem_mount(struct machine *m, const char *path, const char *options);
/* The tmpfs mounted over @path (the newest, longest match), or NULL. */
struct shmem_sb_info *shmem_sb_of_path(struct machine *m, const char *path);
/* A new inode of @sbinfo (NULL: the internal mount); -ENOSPC if full. */
struct inode *shmem_get_inode(struct machine *m, struct shmem_sb_info *sbinfo,
			      const char *path, unsigned long flags, int *err);
/* The inode's last reference went: free its pages, swap and blocks. */
void shmem_evict_inode(struct machine *m, struct inode *inode);
/* ... and after the VFS let go of it, its memory. */
void shmem_destroy_inode(struct inode *inode);
/*
 * An unnamed shmem file of @size bytes on the internal mount: memfds
 * (@flags VM_NORESERVE), SysV segments and shared anonymous mappings
 * (0: their size is charged to the overcommit limit up front).
 */
struct inode *shmem_file_setup(struct machine *m, u64 size,
			       unsigned long flags, int *err);

/* ---- mm/shmem.c: pages and swap ---- */

/* What shmem_get_folio() is for (enum sgp_type). */
enum sgp_type {
	SGP_READ,	/* read(2): a hole stays a hole (no folio) */
	SGP_CACHE,	/* a fault: allocate the page if missing */
	SGP_WRITE,	/* write(2): allocate, and mark it accessed */
};

/*
 * The folio at @index, with a reference, swapped in or allocated as @sgp
 * says; *foliop is NULL for a hole read with SGP_READ.  @mm is the
 * faulting process (NULL for read(2) and write(2)); VM_FAULT_MAJOR is or'ed
 * into *fault when it came from swap.  -ENOSPC when the mount is full,
 * -EIO for a page whose swap could not be read back.
 */
int shmem_get_folio(struct machine *m, struct inode *inode,
		    unsigned long index, enum sgp_type sgp,
		    struct mm_struct *mm, struct folio **foliop,
		    unsigned int *fault);
/* Free pages and swap of [@lstart, @lend] (bytes; inclusive end). */
void shmem_truncate_range(struct machine *m, struct inode *inode, u64 lstart,
			  u64 lend);
/* A hole of [@offset, @offset + @len): fallocate(PUNCH_HOLE), MADV_REMOVE. */
void shmem_punch_hole(struct machine *m, struct inode *inode, u64 offset,
		      u64 len);
/* SHM_LOCK / SHM_UNLOCK of the inode (shmem_lock). */
void shmem_lock(struct machine *m, struct inode *inode, bool lock);
/* Reclaim: write a shmem folio out to swap (shmem_writepage). */
int shmem_writeout(struct machine *m, struct folio *folio);
/*
 * Swap pages of the shmem object mapped by @vma's range [@start, @end)
 * of the file (shmem_partial_swap_usage), or of the whole object when
 * the VMA covers it (shmem_swap_usage).
 */
unsigned long shmem_partial_swap_usage(struct address_space *mapping,
				       unsigned long start, unsigned long end);
unsigned long shmem_swap_usage(struct vm_area_struct *vma);

#endif
