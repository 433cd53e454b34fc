/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Allocation flags (include/linux/gfp_types.h): only the bits whose meaning
 * the model implements.  The zone modifiers are __GFP_MOVABLE, which lets
 * user memory use every zone, and __GFP_HIGHMEM, which fault injection
 * tells user pages by.
 */
#ifndef MEMCGLAB_INCLUDE_GFP_H
#define MEMCGLAB_INCLUDE_GFP_H

#include "lib/compiler.h"
#include "include/mmzone.h"

typedef unsigned int gfp_t;

#define __GFP_HIGH		0x0001u	/* may dip into reserves; forced memcg charge */
#define __GFP_IO		0x0002u
#define __GFP_FS		0x0004u
#define __GFP_ZERO		0x0008u
#define __GFP_DIRECT_RECLAIM	0x0010u
#define __GFP_KSWAPD_RECLAIM	0x0020u
#define __GFP_NOFAIL		0x0040u
#define __GFP_NORETRY		0x0080u
#define __GFP_RETRY_MAYFAIL	0x0100u
#define __GFP_ACCOUNT		0x0200u	/* charge to the current memcg (kmem) */
#define __GFP_NOWARN		0x0400u
#define __GFP_RECLAIMABLE	0x0800u	/* slab: a kmalloc-rcl cache */
/* x86-64 has no highmem, but user pages carry the flag, as fail_page_alloc's
 * ignore-gfp-highmem looks at it */
#define __GFP_HIGHMEM		0x1000u
#define __GFP_NOMEMALLOC	0x2000u	/* never the PF_MEMALLOC reserves */
#define __GFP_MOVABLE		0x4000u	/* user memory: up to ZONE_MOVABLE */

#define __GFP_RECLAIM	(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define GFP_ATOMIC	(__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_NOWAIT	(__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO	(__GFP_RECLAIM)
#define GFP_KERNEL	(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_HIGHUSER_MOVABLE (GFP_KERNEL | __GFP_HIGHMEM | __GFP_MOVABLE)
#define GFP_PGTABLE_USER (GFP_KERNEL_ACCOUNT | __GFP_ZERO)

/* Orders above this are "costly" (include/linux/mmzone.h). */
#define PAGE_ALLOC_COSTLY_ORDER	3

/* gfp_zone(): the highest zone an allocation may use */
static inline enum zone_type gfp_zone(gfp_t gfp)
{
	return gfp & __GFP_MOVABLE ? ZONE_MOVABLE : ZONE_NORMAL;
}

/* The order of the smallest block of pages that holds @size bytes
 * (include/asm-generic/getorder.h): bytes, not pages. */
static inline int get_order(unsigned long size)
{
	int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

static inline bool gfpflags_allow_blocking(gfp_t gfp)
{
	return gfp & __GFP_DIRECT_RECLAIM;
}

#endif
