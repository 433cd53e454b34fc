/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page allocator (mm/page_alloc.c): order-0 frames from per-node free
 * lists, guarded by the min/low/high watermarks.
 */
#ifndef MEMCGLAB_MM_PAGE_ALLOC_H
#define MEMCGLAB_MM_PAGE_ALLOC_H

#include "include/machine.h"
#include "include/gfp.h"

struct folio;

/*
 * Boot (mm_init.c): the nodes' pgdats and mem_maps over the machine's RAM,
 * then the page allocator, kswapd, the zero page, the LRU batches and the
 * slab caches.  free_area_release() frees the pgdats at teardown.
 */
int mm_core_init(struct machine *m);
void free_area_release(struct machine *m);

/* Initialise the memory map of the node's next section (mm_init.c). */
void deferred_grow_zone(struct zone *zone);
/* A zone's never-used frames [start, end) join the allocator. */
void zone_add_unused(struct zone *zone, unsigned long start, unsigned long end);

/* memblock.c: the frames the kernel does not keep at boot, and later */
void memblock_free_all(struct machine *m, unsigned long below_4g);
void free_initmem(struct machine *m);
unsigned long memmap_boot_pages(struct machine *m);
/* A reserved frame joins the allocator, counted as managed. */
void free_reserved_folio(struct machine *m, struct folio *folio);

/* Watermarks: at boot, with THP (khugepaged), and after THP is off. */
void init_per_zone_wmark_min(struct machine *m);
void thp_disabled_wmarks(struct machine *m);
/* Recompute watermarks after vm.min_free_kbytes or watermark_scale_factor. */
void setup_per_zone_wmarks(struct machine *m);
void setup_per_zone_lowmem_reserve(struct machine *m);
int calculate_min_free_kbytes(struct machine *m);
/* The zone a frame belongs to. */
struct zone *page_zone(struct machine *m, const struct folio *folio);

/* A frame with one reference, preferring node @nid (-1: the CPU's node). */
struct folio *folio_alloc(struct machine *m, gfp_t gfp, int nid);
/* Return a frame whose last reference is gone. */
void free_unref_folio(struct machine *m, struct folio *folio);

unsigned long global_free_pages(struct machine *m);
/* High watermarks and lowmem reserves: what MemAvailable and dirty limits
 * leave aside. */
unsigned long totalreserve_pages(struct machine *m);
int cpu_to_node(struct machine *m, int cpu);
int numa_node_id(struct machine *m);

#endif
