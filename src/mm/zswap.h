/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zswap: a compressed cache in front of the swap device (mm/zswap.c, 6.12).
 */
#ifndef MEMCGLAB_MM_ZSWAP_H
#define MEMCGLAB_MM_ZSWAP_H

#include "include/machine.h"
#include "mm/list_lru.h"
#include "include/mm_types.h"
#include "include/cgroup-defs.h"
#include "sim/content.h"

struct obj_cgroup;
struct zs_pool;
struct zcomp;
struct shrinker;
struct kmem_cache;

/*
 * content=model: what the pool's compressor makes of a described page, by
 * descriptor (a direct-mapped cache: a page's size is the same whether it
 * hits or not, only the time to know it differs).
 */
#define ZSWAP_SIZE_CACHE	4096
struct zswap_size {
	struct page_desc desc;
	int ret;			/* zcomp_compress()'s */
	unsigned int len;
	bool valid;
};

struct zswap_pool {
	struct zs_pool *zs_pool;
	struct zcomp *zcomp;
	struct zswap_size *sizes;	/* content=model */
	char tfm_name[32];
	long refcnt;			/* entries, plus the base while current */
	bool killed;
	struct list_head list;		/* zswap.pools: the head is current */
};

struct zswap_entry {
	swp_entry_t swpentry;
	unsigned int length;		/* compressed bytes */
	bool referenced;		/* second chance on the LRU */
	struct zswap_pool *pool;
	unsigned long handle;
	struct obj_cgroup *objcg;	/* who pays for the compressed bytes */
	struct list_head lru;
};

#define ZSWAP_PARAM_MAX	1024	/* param_set_charp()'s limit */

struct zswap {
	struct machine *machine;
	/* module parameters */
	bool enabled;
	bool shrinker_enabled;
	/* charp parameters: any text up to 1024 bytes before the first
	 * enable, a compressor or zpool that exists after it */
	char compressor[ZSWAP_PARAM_MAX + 1];
	char zpool[ZSWAP_PARAM_MAX + 1];
	unsigned int max_pool_percent;
	unsigned int accept_thr_percent;

	bool setup_done;		/* zswap_setup() ran: debugfs exists */
	struct kmem_cache *entry_cache;	/* slab memory, unaccounted */
	struct list_head pools;
	int pool_id;
	struct xarray tree;		/* swap offset -> entry (one device) */
	struct list_lru list_lru;
	struct shrinker *shrinker;
	struct mem_cgroup *next_shrink;	/* the shrink worker's cursor */
	struct sim_event shrink_work;
	bool pool_reached_full;

	/* debugfs counters */
	u64 pool_limit_hit;
	u64 reject_reclaim_fail;
	u64 reject_alloc_fail;
	u64 reject_kmemcache_fail;
	u64 reject_compress_fail;
	u64 reject_compress_poor;
	u64 written_back_pages;
	long stored_pages;

	u8 dst[2 * PAGE_SIZE];		/* the (per-CPU) compression buffer */
	/*
	 * content=model: what each stored entry holds, by swap offset (the
	 * object in the pool has the length, not the bytes; PD_RAW: it has
	 * the bytes), and a page to make a described page's bytes in
	 */
	struct page_desc *desc;
	u8 *src;
};

int zswap_init(struct machine *m);
void zswap_release(struct machine *m);

/* swap_writepage: true if the folio now lives in zswap */
bool zswap_store(struct machine *m, struct folio *folio);
/* swap_read_folio: true if the folio was filled from zswap */
bool zswap_load(struct machine *m, struct folio *folio);
/* the swap slot is freed */
void zswap_invalidate(struct machine *m, swp_entry_t swp);
/* a swap-in had to go to the disk */
void zswap_folio_swapin(struct machine *m, struct folio *folio);
void zswap_memcg_offline_cleanup(struct mem_cgroup *memcg);

unsigned long zswap_total_pages(struct machine *m);
unsigned long zswap_stored_pages(struct machine *m);

/* Between zswap.c and its interface files (zswap_files.c). */
/* zswap_setup(): the cache, shrinker, LRU and first pool; 0 once done. */
int zswap_setup(struct machine *m);
int zswap_switch_pool(struct machine *m, const char *name);
int zswap_params_init(struct machine *m);	/* /sys/module/zswap */
int zswap_debugfs_init(struct machine *m);	/* /sys/kernel/debug/zswap */

#endif
