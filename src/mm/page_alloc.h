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

int page_alloc_init(struct machine *m);
/* Initialise the memory map of the node's next section (mm_init.c). */
void deferred_grow_zone(struct pglist_data *pgdat);
/* Recompute watermarks after vm.min_free_kbytes or watermark_scale_factor. */
void setup_per_zone_wmarks(struct machine *m);
int calculate_min_free_kbytes(struct machine *m);

/* A frame with one reference, preferring node @nid (-1: the CPU's node). */
struct folio *folio_alloc(struct machine *m, gfp_t gfp, int nid);
/* Return a frame whose last reference is gone. */
void free_unref_folio(struct machine *m, struct folio *folio);

unsigned long global_free_pages(struct machine *m);
int cpu_to_node(struct machine *m, int cpu);
int numa_node_id(struct machine *m);

#endif
