/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zsmalloc's insides, shared by zsmalloc.c and zsmalloc_compact.c: the
 * pool, its size classes and zspages, how an object's location and handle
 * are encoded, and the zspage bytes and fullness lists both files work on.
 */
#ifndef MEMCGLAB_MM_ZSMALLOC_INTERNAL_H
#define MEMCGLAB_MM_ZSMALLOC_INTERNAL_H

#include <string.h>

#include "include/memory_model.h"
#include "mm/zsmalloc.h"

/*
 * An object's location: the pfn of the frame it starts in, and its index
 * in the zspage.  x86_64 has 52 physical address bits, so 40 pfn bits and
 * 24 index bits.
 */
#define OBJ_INDEX_BITS		24
#define OBJ_INDEX_MASK		((1UL << OBJ_INDEX_BITS) - 1)
/* low bit of an object's first word: set while allocated (it holds the handle) */
#define OBJ_ALLOCATED_TAG	1UL
#define OBJ_TAG_BITS		1
/* heads aside (content=model): the object's bytes were written */
#define OBJ_HAS_BYTES		2UL

#define HANDLE_SHIFT		3
#define HANDLE_SLOT_FREE	(~0UL)

struct size_class {
	struct list_head fullness_list[NR_FULLNESS_GROUPS];
	int size;
	int objs_per_zspage;
	int pages_per_zspage;
	unsigned int index;
	unsigned long stats[NR_CLASS_STAT_TYPES];
};

struct zspage {
	unsigned int huge:1;
	unsigned int fullness:4;
	unsigned int class;		/* slot index of its size class */
	unsigned int inuse;
	unsigned int freeobj;		/* head of the in-frame free chain */
	unsigned int fresh;		/* objects from here on never handed out */
	unsigned long huge_handle;	/* huge zspages: handle | tag */
	struct list_head list;		/* on a fullness list */
	struct folio *pages[ZS_MAX_PAGES_PER_ZSPAGE];
	u8 *vaddr[ZS_MAX_PAGES_PER_ZSPAGE];	/* their bytes: the model's kmap */
	/* heads aside: each object's first word, by index (NULL: in it) */
	unsigned long *heads;
};

/* The zs_handle cache: slot -> object location. */
struct zs_handles {
	unsigned long *obj;
	unsigned int *free;		/* stack of free slots */
	unsigned int nr, nr_free, cap;
};

struct zs_pool {
	struct machine *machine;
	char *name;
	struct size_class *size_class[ZS_SIZE_CLASSES];
	size_t huge_class_size;
	unsigned long pages_allocated;
	struct zs_pool_stats stats;
	struct zs_handles handles;
	/*
	 * content=model: objects' first words are kept beside their zspage,
	 * so that frames are written only for objects that hold bytes (the
	 * few zswap stores no descriptor names).  Not the kernel's layout,
	 * which no number shows; the pool's frames and sizes are the same.
	 */
	bool heads_aside;
};

static inline void record_obj(struct zs_pool *pool, unsigned long handle,
			      unsigned long obj)
{
	pool->handles.obj[(handle >> HANDLE_SHIFT) - 1] = obj;
}

static inline unsigned long handle_to_obj(struct zs_pool *pool,
					  unsigned long handle)
{
	return pool->handles.obj[(handle >> HANDLE_SHIFT) - 1];
}

/* ---- the bytes of a zspage ---- */

/* Where zspage offset @off lies in the host's memory. */
static inline u8 *zspage_addr(struct zspage *zspage, unsigned long off)
{
	return zspage->vaddr[off >> PAGE_SHIFT] + (off & ~PAGE_MASK);
}

/*
 * Object @idx's first word, at zspage offset @off: its handle while it is
 * allocated, the next free object while it is free.  8-byte words never
 * straddle frames: sizes and offsets are multiples of 8.
 */
static inline unsigned long obj_head(struct zspage *zspage, unsigned int idx,
				     unsigned long off)
{
	unsigned long w;

	if (zspage->heads)
		return zspage->heads[idx];
	memcpy(&w, zspage_addr(zspage, off), sizeof(w));
	return w;
}

static inline void set_obj_head(struct zspage *zspage, unsigned int idx,
				unsigned long off, unsigned long w)
{
	if (zspage->heads)
		zspage->heads[idx] = w;
	else
		memcpy(zspage_addr(zspage, off), &w, sizeof(w));
}

/* Copy between @buf and zspage offset @off, frame by frame. */
static inline void zspage_copy(struct zspage *zspage, unsigned long off,
			       void *buf, size_t len, bool to_zspage)
{
	u8 *p = buf;

	while (len) {
		size_t n = min(len, PAGE_SIZE - (off & ~PAGE_MASK));
		u8 *addr = zspage_addr(zspage, off);

		if (to_zspage)
			memcpy(addr, p, n);
		else
			memcpy(p, addr, n);
		p += n;
		off += n;
		len -= n;
	}
}

static inline unsigned long location_to_obj(struct zs_pool *pool,
					    struct folio *folio,
					    unsigned int idx)
{
	return folio_pfn(pool->machine, folio) << OBJ_INDEX_BITS |
	       (idx & OBJ_INDEX_MASK);
}

static inline struct zspage *obj_to_location(struct zs_pool *pool,
					     unsigned long obj,
					     unsigned int *idx)
{
	struct folio *folio = pfn_folio(pool->machine, obj >> OBJ_INDEX_BITS);

	*idx = obj & OBJ_INDEX_MASK;
	return (struct zspage *)folio->private;
}

static inline struct size_class *zspage_class(struct zs_pool *pool,
					      struct zspage *zspage)
{
	return pool->size_class[zspage->class];
}

/* ---- fullness lists ---- */

static inline int get_fullness_group(struct size_class *class,
				     struct zspage *zspage)
{
	unsigned int inuse = zspage->inuse, objs = class->objs_per_zspage;

	if (!inuse)
		return ZS_INUSE_RATIO_0;
	if (inuse == objs)
		return ZS_INUSE_RATIO_100;
	/* +1: one object of 127 is still "up to 10%", not 0% */
	return (int)(100 * inuse / objs) / 10 + 1;
}

static inline void insert_zspage(struct size_class *class,
				 struct zspage *zspage, int fullness)
{
	class->stats[fullness]++;
	list_add(&zspage->list, &class->fullness_list[fullness]);
	zspage->fullness = fullness;
}

static inline void remove_zspage(struct size_class *class,
				 struct zspage *zspage)
{
	list_del_init(&zspage->list);
	class->stats[zspage->fullness]--;
}

static inline struct zspage *first_zspage(struct size_class *class,
					  int fg)
{
	struct list_head *head = &class->fullness_list[fg];

	return list_empty(head) ? NULL :
	       list_first_entry(head, struct zspage, list);
}

/* zsmalloc.c: objects and zspages */
unsigned long obj_malloc(struct zs_pool *pool, struct zspage *zspage,
			 unsigned long handle);
void obj_free(struct zs_pool *pool, int class_size, unsigned long obj);
void free_zspage(struct zs_pool *pool, struct size_class *class,
		 struct zspage *zspage);
/* zsmalloc_compact.c: whole zspages' worth of unused objects in @class */
unsigned long zs_can_compact(struct size_class *class);

#endif
