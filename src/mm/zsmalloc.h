/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zsmalloc (include/linux/zsmalloc.h, mm/zsmalloc.c): the allocator zswap
 * keeps compressed pages in.  Objects are packed into "zspages", chains of
 * 1 to ZS_MAX_PAGES_PER_ZSPAGE order-0 frames of the machine, in size
 * classes 16 bytes apart.
 */
#ifndef MEMCGLAB_MM_ZSMALLOC_H
#define MEMCGLAB_MM_ZSMALLOC_H

#include "include/machine.h"
#include "include/gfp.h"

struct strbuf;

/* CONFIG_ZSMALLOC_CHAIN_SIZE: Kconfig default and Debian 6.12 value */
#define ZS_MAX_PAGES_PER_ZSPAGE	8
/* each non-huge object starts with its handle */
#define ZS_HANDLE_SIZE		8
/* max(32, chain << PAGE_SHIFT >> OBJ_INDEX_BITS); OBJ_INDEX_BITS is 24 on x86_64 */
#define ZS_MIN_ALLOC_SIZE	32
#define ZS_MAX_ALLOC_SIZE	PAGE_SIZE
/* PAGE_SIZE >> CLASS_BITS (8) */
#define ZS_SIZE_CLASS_DELTA	(PAGE_SIZE >> 8)
/* 255 slots: class i nominally holds 32 + 16 i bytes, 32 ... 4096 */
#define ZS_SIZE_CLASSES	(DIV_ROUND_UP(ZS_MAX_ALLOC_SIZE - ZS_MIN_ALLOC_SIZE, \
				      ZS_SIZE_CLASS_DELTA) + 1)

/*
 * Fullness groups: 0 empty, 1..10 for a used ratio in (0%, 10%] ...
 * (90%, 100%), 11 full.
 */
enum zs_fullness_group {
	ZS_INUSE_RATIO_0,
	ZS_INUSE_RATIO_10,
	ZS_INUSE_RATIO_99 = 10,
	ZS_INUSE_RATIO_100,
	NR_FULLNESS_GROUPS,
};

/* per-class counters: the zspages in each fullness group, then these */
enum zs_class_stat_type {
	ZS_OBJS_ALLOCATED = NR_FULLNESS_GROUPS,
	ZS_OBJS_INUSE,
	NR_CLASS_STAT_TYPES,
};

struct zs_pool_stats {
	unsigned long pages_compacted;	/* freed by zs_compact() */
};

/* One size class, as /sys/kernel/debug/zsmalloc/<pool>/classes shows it. */
struct zs_class_info {
	unsigned int index;
	int size;
	int pages_per_zspage;
	int objs_per_zspage;
	unsigned long zspages[NR_FULLNESS_GROUPS];
	unsigned long objs_allocated;
	unsigned long objs_inuse;
	unsigned long pages_used;
	unsigned long freeable;		/* zs_can_compact() */
};

struct zs_pool;

struct zs_pool *zs_create_pool(struct machine *m, const char *name);
void zs_destroy_pool(struct zs_pool *pool);
const char *zs_pool_name(const struct zs_pool *pool);

/*
 * Allocate an object of @size bytes, taking frames with @gfp from the node
 * of the current CPU (6.12 has no node argument).  Returns a handle, or a
 * negative errno cast to unsigned long as the kernel's ERR_PTR handles:
 * -EINVAL for size 0, -ENOSPC above ZS_MAX_ALLOC_SIZE, -ENOMEM when no
 * frame (or handle) could be had.  Test with zs_handle_is_err().  Valid
 * handles are never 0.
 */
unsigned long zs_malloc(struct zs_pool *pool, size_t size, gfp_t gfp);
void zs_free(struct zs_pool *pool, unsigned long handle);

static inline bool zs_handle_is_err(unsigned long handle)
{
	return handle >= (unsigned long)-4095;
}

static inline int zs_handle_err(unsigned long handle)
{
	return zs_handle_is_err(handle) ? (int)(long)handle : 0;
}

/*
 * The object's bytes, which may straddle two frames of its zspage (6.12
 * maps them with zs_map_object(); later kernels copy with zs_obj_write()
 * and zs_obj_read_begin()).  @len is at most the size asked of zs_malloc.
 */
void zs_obj_write(struct zs_pool *pool, unsigned long handle,
		  const void *src, size_t len);
void zs_obj_read(struct zs_pool *pool, unsigned long handle,
		 void *dst, size_t len);
/*
 * The object's bytes in place, or copied into @local_copy (room for the
 * largest object) when they straddle frames; NULL on a bad handle.
 */
const void *zs_obj_read_begin(struct zs_pool *pool, unsigned long handle,
			      void *local_copy);

/* Frames held by the pool's zspages: what zswap reports as its pool size. */
unsigned long zs_get_total_pages(struct zs_pool *pool);
/* Objects of this size or more take a whole frame each. */
size_t zs_huge_class_size(struct zs_pool *pool);
/* The class (after merging) that holds objects of @size bytes. */
unsigned int zs_lookup_class_index(struct zs_pool *pool, unsigned int size);

/* Pages compaction could free (the zspool shrinker's count). */
unsigned long zs_compactable_pages(struct zs_pool *pool);
/* Move objects out of sparse zspages; returns the pages freed. */
unsigned long zs_compact(struct zs_pool *pool);
void zs_pool_stats(struct zs_pool *pool, struct zs_pool_stats *stats);

/* -ENOENT for a slot merged into a larger class, which has no row. */
int zs_class_info(struct zs_pool *pool, unsigned int index,
		  struct zs_class_info *info);
/* The text of debugfs zsmalloc/<pool>/classes (CONFIG_ZSMALLOC_STAT). */
void zs_stats_size_show(struct zs_pool *pool, struct strbuf *sb);

#endif
