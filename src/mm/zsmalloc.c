// SPDX-License-Identifier: GPL-2.0
/*
 * zsmalloc, the compressed-object allocator of mm/zsmalloc.c as of 6.12,
 * with CONFIG_ZSMALLOC_CHAIN_SIZE=8 (Debian's value and the default).
 *
 * A pool has 255 size-class slots, 16 bytes apart from 32 to 4096.  Each
 * class packs its objects into zspages of 1..8 frames taken from the
 * machine's page allocator, choosing the chain length that leaves the least
 * unused tail; slots whose (pages, objects) pair equals the next larger
 * class's share that class.  Objects carry their handle in their first 8
 * bytes and may straddle two frames; freed objects are chained through the
 * frames' bytes; one-object, one-frame ("huge") zspages keep the handle
 * beside the frame instead.  Partly used zspages sit on per-class fullness
 * lists (by tenths of objects used); an allocation takes the fullest, and a
 * zspage is freed as soon as its last object goes.  The pool's size is the
 * frames its zspages hold, also counted as NR_ZSPAGES on their nodes.
 *
 * Differences from the kernel:
 *  - handles are small integers from a per-pool table (slot + 1, times 8)
 *    rather than addresses of 8-byte slab objects, so runs are repeatable;
 *    neither the handle table nor the zspage descriptors are counted as
 *    slab memory, as the kernel's zs_handle and zspage caches are;
 *  - no page migration (zs_page_migrate) and no deferred free: nothing can
 *    hold a zspage frame's lock here, so an emptied zspage is freed at once;
 *  - a new zspage's objects are not linked into its free chain up front
 *    (init_zspage()); they are handed out in the same order all the same;
 *  - zs_compact() is implemented (zsmalloc_compact.c); the
 *    "mm-zspool:<name>" shrinker that calls it is left to the shrinker
 *    layer (zs_compactable_pages() is its count);
 *  - 6.12 maps objects with zs_map_object()/zs_unmap_object(); the model
 *    has 6.16's zs_obj_write() and zs_obj_read_begin() instead, without
 *    the _end: its frames are always mapped, there is nothing to unmap.
 */
#include "zsmalloc_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "include/bug.h"
#include "include/mm_types.h"
#include "mm/page_alloc.h"
#include "mm/swap.h"
#include "mm/vmstat.h"
#include "sim/frame.h"

static unsigned long zs_err(int err)
{
	return (unsigned long)(long)err;
}

/* ---- handles ---- */

static int handles_grow(struct zs_handles *h)
{
	unsigned int cap = h->cap ? 2 * h->cap : 256;
	unsigned long *obj = realloc(h->obj, cap * sizeof(*obj));
	unsigned int *free_slots;

	if (!obj)
		return -ENOMEM;
	h->obj = obj;
	free_slots = realloc(h->free, cap * sizeof(*free_slots));
	if (!free_slots)
		return -ENOMEM;
	h->free = free_slots;
	h->cap = cap;
	return 0;
}

static unsigned long cache_alloc_handle(struct zs_pool *pool)
{
	struct zs_handles *h = &pool->handles;
	unsigned int slot;

	if (h->nr_free) {
		slot = h->free[--h->nr_free];
	} else {
		if (h->nr == h->cap && handles_grow(h))
			return 0;
		slot = h->nr++;
	}
	h->obj[slot] = 0;
	return (unsigned long)(slot + 1) << HANDLE_SHIFT;
}

static void cache_free_handle(struct zs_pool *pool, unsigned long handle)
{
	struct zs_handles *h = &pool->handles;
	unsigned int slot = (handle >> HANDLE_SHIFT) - 1;

	h->obj[slot] = HANDLE_SLOT_FREE;
	h->free[h->nr_free++] = slot;
}

/* The slot of a live handle, or -1 after reporting a bad one. */
static long handle_slot(struct zs_pool *pool, unsigned long handle)
{
	struct zs_handles *h = &pool->handles;
	unsigned long slot = (handle >> HANDLE_SHIFT) - 1;

	if (MODEL_BUG_ON(pool->machine, !handle ||
			 handle & ((1UL << HANDLE_SHIFT) - 1) ||
			 slot >= h->nr || h->obj[slot] == HANDLE_SLOT_FREE,
			 "zsmalloc %s: bad handle %#lx", pool->name, handle))
		return -1;
	return (long)slot;
}

/* ---- classes ---- */

static int get_size_class_index(size_t size)
{
	size_t idx = 0;

	if (size > ZS_MIN_ALLOC_SIZE)
		idx = DIV_ROUND_UP(size - ZS_MIN_ALLOC_SIZE, ZS_SIZE_CLASS_DELTA);
	return (int)min(idx, (size_t)ZS_SIZE_CLASSES - 1);
}

/*
 * Frames per zspage: a power-of-two size fills one frame exactly;
 * otherwise the shortest chain, up to ZS_MAX_PAGES_PER_ZSPAGE, that leaves
 * the smallest unused tail.
 */
static int calculate_zspage_chain_size(int size)
{
	int i, chain = 1, min_waste = INT_MAX;

	if (!(size & (size - 1)))
		return 1;
	for (i = 1; i <= ZS_MAX_PAGES_PER_ZSPAGE; i++) {
		int waste = (int)(i * PAGE_SIZE) % size;

		if (waste < min_waste) {
			min_waste = waste;
			chain = i;
		}
	}
	return chain;
}

static int fix_fullness_group(struct size_class *class, struct zspage *zspage)
{
	int newfg = get_fullness_group(class, zspage);

	if (newfg != (int)zspage->fullness) {
		remove_zspage(class, zspage);
		insert_zspage(class, zspage, newfg);
	}
	return newfg;
}

/* The fullest zspage that still has room. */
static struct zspage *find_get_zspage(struct size_class *class)
{
	int fg;

	for (fg = ZS_INUSE_RATIO_99; fg >= ZS_INUSE_RATIO_0; fg--) {
		struct zspage *zspage = first_zspage(class, fg);

		if (zspage)
			return zspage;
	}
	return NULL;
}

/* ---- zspages ---- */

static void release_frame(struct zs_pool *pool, struct folio *folio)
{
	struct machine *m = pool->machine;

	folio->private = 0;
	mod_zone_page_state(folio_pgdat(m, folio), NR_ZSPAGES, -1);
	folio_put(m, folio);
}

static void __free_zspage(struct zs_pool *pool, struct size_class *class,
			  struct zspage *zspage)
{
	int i;

	for (i = 0; i < class->pages_per_zspage; i++)
		release_frame(pool, zspage->pages[i]);
	free(zspage->heads);
	free(zspage);
	class->stats[ZS_OBJS_ALLOCATED] -= class->objs_per_zspage;
	pool->pages_allocated -= class->pages_per_zspage;
}

void free_zspage(struct zs_pool *pool, struct size_class *class,
		 struct zspage *zspage)
{
	remove_zspage(class, zspage);
	__free_zspage(pool, class, zspage);
}

/*
 * The kernel chains every object into the free list here, writing a link
 * into each; the model chains objects only as they are freed and hands out
 * the never-used ones in index order behind them (next_free_obj()), which
 * is the same order without touching every object's bytes up front.
 */
static void init_zspage(struct zspage *zspage)
{
	zspage->freeobj = 0;
	zspage->fresh = 0;
}

static struct zspage *alloc_zspage(struct zs_pool *pool,
				   struct size_class *class, gfp_t gfp)
{
	struct machine *m = pool->machine;
	struct zspage *zspage = calloc(1, sizeof(*zspage));
	int i;

	if (!zspage)
		return NULL;
	zspage->class = class->index;
	zspage->huge = class->objs_per_zspage == 1 &&
		       class->pages_per_zspage == 1;
	INIT_LIST_HEAD(&zspage->list);
	for (i = 0; i < class->pages_per_zspage; i++) {
		struct folio *folio = folio_alloc(m, gfp, -1);

		if (!folio)
			goto fail;
		folio->private = (unsigned long)zspage;
		mod_zone_page_state(folio_pgdat(m, folio), NR_ZSPAGES, 1);
		zspage->pages[i] = folio;
		zspage->vaddr[i] = folio_address(m, folio);
	}
	if (pool->heads_aside && !zspage->huge) {
		zspage->heads = calloc(class->objs_per_zspage,
				       sizeof(*zspage->heads));
		if (!zspage->heads)
			goto fail;
	}
	init_zspage(zspage);
	return zspage;
fail:
	while (i--)
		release_frame(pool, zspage->pages[i]);
	free(zspage->heads);
	free(zspage);
	return NULL;
}

/*
 * Not the kernel's: a hint to the host.  The next allocation from this
 * zspage reads the free object's link and zswap then writes its bytes;
 * both miss the host's caches unless fetched now, while the next page is
 * being compressed (measured in bench_zswap: 0.05-0.1 us per store).
 */
static void prefetch_next_obj(struct zspage *zspage,
			      struct size_class *class)
{
	unsigned long off = (unsigned long)zspage->freeobj * class->size;
	unsigned long end = off + class->size;

	if (zspage->huge || zspage->heads ||
	    zspage->inuse >= class->objs_per_zspage)
		return;
	for (; off < end; off += SMP_CACHE_BYTES)
		__builtin_prefetch(zspage_addr(zspage, off), 1);
}

/*
 * The free object after @idx, the head being taken: the link in its bytes,
 * or, at the end of the freed ones, the next never-used object.  A huge
 * zspage's one object has nothing after it.
 */
static unsigned int next_free_obj(struct zspage *zspage, unsigned int idx,
				  unsigned long off)
{
	if (idx == zspage->fresh)
		return ++zspage->fresh;
	if (zspage->huge)
		return 1;
	return obj_head(zspage, idx, off) >> OBJ_TAG_BITS;
}

/* Take the zspage's first free object for @handle; returns its location. */
unsigned long obj_malloc(struct zs_pool *pool, struct zspage *zspage,
			 unsigned long handle)
{
	struct size_class *class = zspage_class(pool, zspage);
	unsigned int idx = zspage->freeobj;
	unsigned long off = (unsigned long)idx * class->size;
	unsigned long obj;

	zspage->freeobj = next_free_obj(zspage, idx, off);
	if (zspage->huge)
		zspage->huge_handle = handle | OBJ_ALLOCATED_TAG;
	else
		set_obj_head(zspage, idx, off, handle | OBJ_ALLOCATED_TAG);
	zspage->inuse++;
	obj = location_to_obj(pool, zspage->pages[off >> PAGE_SHIFT], idx);
	record_obj(pool, handle, obj);
	prefetch_next_obj(zspage, class);
	return obj;
}

void obj_free(struct zs_pool *pool, int class_size, unsigned long obj)
{
	unsigned int idx;
	struct zspage *zspage = obj_to_location(pool, obj, &idx);
	unsigned long off = (unsigned long)idx * class_size;

	if (zspage->huge)
		zspage->huge_handle = 0;
	else
		set_obj_head(zspage, idx, off,
			     (unsigned long)zspage->freeobj << OBJ_TAG_BITS);
	zspage->freeobj = idx;
	zspage->inuse--;
}

/* ---- the pool ---- */

static int create_size_classes(struct zs_pool *pool)
{
	struct size_class *prev = NULL;
	int i, fg;

	/* largest first, so a slot can share the next larger class */
	for (i = ZS_SIZE_CLASSES - 1; i >= 0; i--) {
		int size = min(ZS_MIN_ALLOC_SIZE + i * (int)ZS_SIZE_CLASS_DELTA,
			       (int)ZS_MAX_ALLOC_SIZE);
		int pages = calculate_zspage_chain_size(size);
		int objs = pages * (int)PAGE_SIZE / size;
		struct size_class *class;

		/* the largest class that is not one object per frame ends
		 * the huge range; the handle is added before class lookup */
		if (pages != 1 && objs != 1 && !pool->huge_class_size)
			pool->huge_class_size = size - (ZS_HANDLE_SIZE - 1);
		if (prev && prev->pages_per_zspage == pages &&
		    prev->objs_per_zspage == objs) {
			pool->size_class[i] = prev;
			continue;
		}
		class = calloc(1, sizeof(*class));
		if (!class)
			return -ENOMEM;
		class->size = size;
		class->index = i;
		class->pages_per_zspage = pages;
		class->objs_per_zspage = objs;
		for (fg = 0; fg < NR_FULLNESS_GROUPS; fg++)
			INIT_LIST_HEAD(&class->fullness_list[fg]);
		pool->size_class[i] = class;
		prev = class;
	}
	return 0;
}

struct zs_pool *zs_create_pool(struct machine *m, const char *name)
{
	struct zs_pool *pool = calloc(1, sizeof(*pool));

	if (!pool)
		return NULL;
	pool->machine = m;
	pool->heads_aside = frame_model(&m->phys);
	pool->name = strdup(name ? name : "");
	if (!pool->name || create_size_classes(pool))
		goto err;
	return pool;
err:
	zs_destroy_pool(pool);
	return NULL;
}

/* The kernel only complains about live objects; the model also frees them. */
static void drain_class(struct zs_pool *pool, struct size_class *class)
{
	int fg;

	for (fg = 0; fg < NR_FULLNESS_GROUPS; fg++) {
		struct zspage *zspage;

		if (list_empty(&class->fullness_list[fg]))
			continue;
		MODEL_BUG(pool->machine,
			  "zsmalloc %s: class-%d fullness group %d is not empty",
			  pool->name, class->size, fg);
		while ((zspage = first_zspage(class, fg))) {
			class->stats[ZS_OBJS_INUSE] -= zspage->inuse;
			free_zspage(pool, class, zspage);
		}
	}
}

void zs_destroy_pool(struct zs_pool *pool)
{
	int i;

	if (!pool)
		return;
	for (i = 0; i < ZS_SIZE_CLASSES; i++) {
		struct size_class *class = pool->size_class[i];

		if (!class || class->index != (unsigned int)i)
			continue;
		drain_class(pool, class);
		free(class);
	}
	free(pool->handles.obj);
	free(pool->handles.free);
	free(pool->name);
	free(pool);
}

const char *zs_pool_name(const struct zs_pool *pool)
{
	return pool->name;
}

unsigned long zs_malloc(struct zs_pool *pool, size_t size, gfp_t gfp)
{
	struct size_class *class;
	struct zspage *zspage;
	unsigned long handle;

	if (!size)
		return zs_err(-EINVAL);
	if (size > ZS_MAX_ALLOC_SIZE)
		return zs_err(-ENOSPC);
	handle = cache_alloc_handle(pool);
	if (!handle)
		return zs_err(-ENOMEM);

	class = pool->size_class[get_size_class_index(size + ZS_HANDLE_SIZE)];
	zspage = find_get_zspage(class);
	if (zspage) {
		obj_malloc(pool, zspage, handle);
		fix_fullness_group(class, zspage);
		class->stats[ZS_OBJS_INUSE]++;
		return handle;
	}

	/* may reclaim, and so re-enter the pool: no class state is held */
	zspage = alloc_zspage(pool, class, gfp);
	if (!zspage) {
		cache_free_handle(pool, handle);
		return zs_err(-ENOMEM);
	}
	obj_malloc(pool, zspage, handle);
	insert_zspage(class, zspage, get_fullness_group(class, zspage));
	pool->pages_allocated += class->pages_per_zspage;
	class->stats[ZS_OBJS_ALLOCATED] += class->objs_per_zspage;
	class->stats[ZS_OBJS_INUSE]++;
	return handle;
}

void zs_free(struct zs_pool *pool, unsigned long handle)
{
	struct size_class *class;
	struct zspage *zspage;
	unsigned long obj;
	unsigned int idx;

	if (!handle || zs_handle_is_err(handle))
		return;
	if (handle_slot(pool, handle) < 0)
		return;
	obj = handle_to_obj(pool, handle);
	zspage = obj_to_location(pool, obj, &idx);
	class = zspage_class(pool, zspage);

	class->stats[ZS_OBJS_INUSE]--;
	obj_free(pool, class->size, obj);
	if (fix_fullness_group(class, zspage) == ZS_INUSE_RATIO_0)
		free_zspage(pool, class, zspage);
	cache_free_handle(pool, handle);
}

/* Where an object's payload starts in its zspage, and how long it may be. */
static struct zspage *obj_payload(struct zs_pool *pool, unsigned long handle,
				  unsigned long *off, size_t *room)
{
	struct size_class *class;
	struct zspage *zspage;
	unsigned int idx;

	if (handle_slot(pool, handle) < 0)
		return NULL;
	zspage = obj_to_location(pool, handle_to_obj(pool, handle), &idx);
	class = zspage_class(pool, zspage);
	*off = (unsigned long)idx * class->size;
	*room = class->size;
	if (!zspage->huge) {
		*off += ZS_HANDLE_SIZE;
		*room -= ZS_HANDLE_SIZE;
	}
	return zspage;
}

static void zs_obj_copy(struct zs_pool *pool, unsigned long handle,
			void *buf, size_t len, bool write)
{
	unsigned long off;
	size_t room;
	struct zspage *zspage = obj_payload(pool, handle, &off, &room);

	if (!zspage)
		return;
	if (MODEL_BUG_ON(pool->machine, len > room,
			 "zsmalloc %s: %s %zu bytes of a %zu-byte object",
			 pool->name, write ? "writing" : "reading", len, room))
		return;
	zspage_copy(zspage, off, buf, len, write);
}

void zs_obj_write(struct zs_pool *pool, unsigned long handle,
		  const void *src, size_t len)
{
	struct zspage *zspage;
	unsigned int idx;

	zs_obj_copy(pool, handle, (void *)src, len, true);
	if (!pool->heads_aside || handle_slot(pool, handle) < 0)
		return;
	zspage = obj_to_location(pool, handle_to_obj(pool, handle), &idx);
	if (zspage->heads)
		zspage->heads[idx] |= OBJ_HAS_BYTES;
}

void zs_obj_read(struct zs_pool *pool, unsigned long handle,
		 void *dst, size_t len)
{
	zs_obj_copy(pool, handle, dst, len, false);
}

/*
 * An object within one frame is read where it lies; one that straddles
 * two is copied whole into @local_copy (at least the class size).
 */
const void *zs_obj_read_begin(struct zs_pool *pool, unsigned long handle,
			      void *local_copy)
{
	unsigned long off;
	size_t room;
	struct zspage *zspage = obj_payload(pool, handle, &off, &room);
	size_t in = off & ~PAGE_MASK;

	if (!zspage)
		return NULL;
	if (in + room > PAGE_SIZE) {
		zspage_copy(zspage, off, local_copy, room, false);
		return local_copy;
	}
	return zspage_addr(zspage, off);
}

unsigned long zs_get_total_pages(struct zs_pool *pool)
{
	return pool->pages_allocated;
}

size_t zs_huge_class_size(struct zs_pool *pool)
{
	return pool->huge_class_size;
}

unsigned int zs_lookup_class_index(struct zs_pool *pool, unsigned int size)
{
	return pool->size_class[get_size_class_index(size)]->index;
}

/* ---- statistics ---- */

int zs_class_info(struct zs_pool *pool, unsigned int index,
		  struct zs_class_info *info)
{
	struct size_class *class;
	int fg;

	if (index >= ZS_SIZE_CLASSES)
		return -EINVAL;
	class = pool->size_class[index];
	if (class->index != index)
		return -ENOENT;
	info->index = index;
	info->size = class->size;
	info->pages_per_zspage = class->pages_per_zspage;
	info->objs_per_zspage = class->objs_per_zspage;
	for (fg = 0; fg < NR_FULLNESS_GROUPS; fg++)
		info->zspages[fg] = class->stats[fg];
	info->objs_allocated = class->stats[ZS_OBJS_ALLOCATED];
	info->objs_inuse = class->stats[ZS_OBJS_INUSE];
	info->pages_used = info->objs_allocated / class->objs_per_zspage *
			   class->pages_per_zspage;
	info->freeable = zs_can_compact(class);
	return 0;
}

static void stats_header(struct strbuf *sb)
{
	static const char *const cols[] = {
		"10%", "20%", "30%", "40%", "50%", "60%", "70%", "80%",
		"90%", "99%", "100%",
	};
	size_t i;

	sb_printf(sb, " %5s %5s ", "class", "size");
	for (i = 0; i < ARRAY_SIZE(cols); i++)
		sb_printf(sb, "%9s ", cols[i]);
	sb_printf(sb, "%13s %10s %10s %16s %8s\n", "obj_allocated", "obj_used",
		  "pages_used", "pages_per_zspage", "freeable");
}

void zs_stats_size_show(struct zs_pool *pool, struct strbuf *sb)
{
	unsigned long total[NR_FULLNESS_GROUPS] = { 0 };
	unsigned long objs = 0, used = 0, pages = 0, freeable = 0;
	struct zs_class_info ci;
	unsigned int i;
	int fg;

	stats_header(sb);
	for (i = 0; i < ZS_SIZE_CLASSES; i++) {
		if (zs_class_info(pool, i, &ci))
			continue;
		sb_printf(sb, " %5u %5u ", i, (unsigned int)ci.size);
		for (fg = ZS_INUSE_RATIO_10; fg < NR_FULLNESS_GROUPS; fg++) {
			total[fg] += ci.zspages[fg];
			sb_printf(sb, "%9lu ", ci.zspages[fg]);
		}
		sb_printf(sb, "%13lu %10lu %10lu %16d %8lu\n", ci.objs_allocated,
			  ci.objs_inuse, ci.pages_used, ci.pages_per_zspage,
			  ci.freeable);
		objs += ci.objs_allocated;
		used += ci.objs_inuse;
		pages += ci.pages_used;
		freeable += ci.freeable;
	}
	sb_puts(sb, "\n");
	sb_printf(sb, " %5s %5s ", "Total", "");
	for (fg = ZS_INUSE_RATIO_10; fg < NR_FULLNESS_GROUPS; fg++)
		sb_printf(sb, "%9lu ", total[fg]);
	sb_printf(sb, "%13lu %10lu %10lu %16s %8lu\n", objs, used, pages, "",
		  freeable);
}
