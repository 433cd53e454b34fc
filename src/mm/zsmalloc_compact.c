// SPDX-License-Identifier: GPL-2.0
/*
 * zsmalloc compaction (zs_compact() of mm/zsmalloc.c): in each size
 * class, from the largest down, objects move out of the emptiest zspages
 * into the fullest ones until no whole zspage's worth of unused objects is
 * left, and the zspages emptied on the way are freed.  Handles stay valid:
 * only the location they record changes.
 */
#include "zsmalloc_internal.h"

/* Whole zspages' worth of unused objects in the class. */
unsigned long zs_can_compact(struct size_class *class)
{
	unsigned long allocated = class->stats[ZS_OBJS_ALLOCATED];
	unsigned long used = class->stats[ZS_OBJS_INUSE];

	if (allocated <= used)
		return 0;
	return (allocated - used) / class->objs_per_zspage *
	       class->pages_per_zspage;
}

/* Sources come from the emptiest groups, destinations from the fullest. */
static struct zspage *isolate_zspage(struct size_class *class, bool source)
{
	int i;

	for (i = ZS_INUSE_RATIO_10; i <= ZS_INUSE_RATIO_99; i++) {
		int fg = source ? i : ZS_INUSE_RATIO_99 + ZS_INUSE_RATIO_10 - i;
		struct zspage *zspage = first_zspage(class, fg);

		if (zspage) {
			remove_zspage(class, zspage);
			return zspage;
		}
	}
	return NULL;
}

static int putback_zspage(struct size_class *class, struct zspage *zspage)
{
	int fg = get_fullness_group(class, zspage);

	insert_zspage(class, zspage, fg);
	return fg;
}

static void zs_object_copy(struct zs_pool *pool, struct size_class *class,
			   unsigned long dst, unsigned long src)
{
	u8 buf[ZS_MAX_ALLOC_SIZE];
	unsigned int s_idx, d_idx;
	struct zspage *s = obj_to_location(pool, src, &s_idx);
	struct zspage *d = obj_to_location(pool, dst, &d_idx);

	zspage_copy(s, (unsigned long)s_idx * class->size, buf,
		    class->size, false);
	zspage_copy(d, (unsigned long)d_idx * class->size, buf,
		    class->size, true);
}

/* Heads aside: the object at @obj holds bytes, as its source did. */
static void keep_has_bytes(struct zs_pool *pool, unsigned long obj)
{
	unsigned int idx;
	struct zspage *zspage = obj_to_location(pool, obj, &idx);

	zspage->heads[idx] |= OBJ_HAS_BYTES;
}

/* Move @src's objects, in order, into @dst until one is full or empty. */
static void migrate_zspage(struct zs_pool *pool, struct zspage *src,
			   struct zspage *dst)
{
	struct size_class *class = zspage_class(pool, src);
	unsigned int idx;

	for (idx = 0; idx < src->fresh; idx++) {
		unsigned long head = obj_head(src, idx,
					      (unsigned long)idx * class->size);
		unsigned long handle, used_obj, free_obj;

		if (!(head & OBJ_ALLOCATED_TAG))
			continue;
		handle = head & ~(OBJ_ALLOCATED_TAG | OBJ_HAS_BYTES);
		used_obj = handle_to_obj(pool, handle);
		free_obj = obj_malloc(pool, dst, handle);
		if (!src->heads || (head & OBJ_HAS_BYTES))
			zs_object_copy(pool, class, free_obj, used_obj);
		if (head & OBJ_HAS_BYTES)
			keep_has_bytes(pool, free_obj);
		obj_free(pool, class->size, used_obj);
		if (dst->inuse == (unsigned int)class->objs_per_zspage ||
		    !src->inuse)
			break;
	}
}

static unsigned long __zs_compact(struct zs_pool *pool, struct size_class *class)
{
	struct zspage *src, *dst = NULL;
	unsigned long freed = 0;

	while (zs_can_compact(class)) {
		if (!dst) {
			dst = isolate_zspage(class, false);
			if (!dst)
				break;
		}
		src = isolate_zspage(class, true);
		if (!src)
			break;
		migrate_zspage(pool, src, dst);
		if (putback_zspage(class, src) == ZS_INUSE_RATIO_0) {
			free_zspage(pool, class, src);
			freed += class->pages_per_zspage;
		}
		if (get_fullness_group(class, dst) == ZS_INUSE_RATIO_100) {
			putback_zspage(class, dst);
			dst = NULL;
		}
	}
	if (dst)
		putback_zspage(class, dst);
	return freed;
}

unsigned long zs_compact(struct zs_pool *pool)
{
	unsigned long freed = 0;
	int i;

	for (i = ZS_SIZE_CLASSES - 1; i >= 0; i--) {
		struct size_class *class = pool->size_class[i];

		if (class->index == (unsigned int)i)
			freed += __zs_compact(pool, class);
	}
	pool->stats.pages_compacted += freed;
	return freed;
}

unsigned long zs_compactable_pages(struct zs_pool *pool)
{
	unsigned long pages = 0;
	int i;

	for (i = ZS_SIZE_CLASSES - 1; i >= 0; i--) {
		struct size_class *class = pool->size_class[i];

		if (class->index == (unsigned int)i)
			pages += zs_can_compact(class);
	}
	return pages;
}

void zs_pool_stats(struct zs_pool *pool, struct zs_pool_stats *stats)
{
	*stats = pool->stats;
}

