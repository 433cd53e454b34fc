// SPDX-License-Identifier: GPL-2.0
/*
 * What the kernel holds back at boot (mm/memblock.c's reservations, and
 * memblock_free_all() handing the rest to the page allocator).
 *
 * The amounts are those of Debian's 6.12 kernel on QEMU's pc machine, the
 * kernel backend's guest, read from /proc/zoneinfo (present and managed
 * pages per zone) for 128 MiB (the smallest the backend boots) to 4 GiB,
 * 1 to 4 CPUs and 2 nodes; below 128 MiB the first point is used:
 *  - the first 16 MiB (ZONE_DMA) keeps 256 frames: pfn 0, the BIOS hole,
 *    the real-mode trampoline; 3840 managed on every size;
 *  - the last 38 frames below 4 GiB are firmware tables (not even RAM);
 *  - the memmap: 64 bytes of struct page per frame, by 128 MiB sections,
 *    on each node, at its top (memblock allocates top-down);
 *  - the per-CPU areas: 68 pages a CPU;
 *  - swiotlb's 64 MiB bounce buffer when RAM reaches above 4 GiB;
 *  - the kernel image and the rest of boot's allocations, low in DMA32:
 *    10165 pages at 128 MiB growing to 11850 at 4 GiB (page tables,
 *    mem_section, ACPI...), interpolated between the measured sizes, and
 *    INITMEM_PAGES more (the init sections and the initramfs) that come
 *    back after boot (free_initmem()), before THP is switched off: the
 *    lowmem_reserve of /proc/zoneinfo was computed without them.
 * So a 1 GiB machine has MemTotal 988460 kB, as the guest.  With several
 * nodes the kernel reserves about 340 pages less than this in all.
 */
#include "page_alloc.h"

#include "include/memory_model.h"

#define DMA_RESERVED_PAGES	256
#define FIRMWARE_PAGES		38
#define MEMMAP_PER_SECTION	(PAGES_PER_SECTION * 64 / PAGE_SIZE)
#define PERCPU_PAGES		68
#define SWIOTLB_PAGES		(64UL << (20 - PAGE_SHIFT))
#define INITMEM_PAGES		2985

/* The kernel image and boot's other allocations, measured (MiB, pages). */
static const unsigned long kernel_reserved[][2] = {
	{ 128, 10165 }, { 192, 10214 }, { 256, 10216 }, { 384, 10311 }, { 512, 10311 }, { 768, 10504 },
	{ 1024, 10503 },
	{ 2048, 10888 }, { 3072, 11655 }, { 4096, 11850 },
};

static unsigned long kernel_reserved_pages(u64 bytes)
{
	unsigned long mb = bytes >> 20, n = ARRAY_SIZE(kernel_reserved), i;
	const unsigned long (*p)[2] = kernel_reserved;

	if (mb <= p[0][0])
		return p[0][1];
	for (i = 1; i < n - 1 && mb > p[i][0]; i++)
		;
	/* between points i-1 and i, or on past the last two */
	return p[i - 1][1] + (long)(mb - p[i - 1][0]) *
	       (long)(p[i][1] - p[i - 1][1]) / (long)(p[i][0] - p[i - 1][0]);
}

/* Where the reserved frames go: at a zone's bottom and at its top. */
struct zone_reserve {
	unsigned long bottom, top;
};

static struct zone *highest_zone(struct pglist_data *pgdat)
{
	int z;

	for (z = MAX_NR_ZONES - 1; z > 0; z--)
		if (pgdat->node_zones[z].spanned_pages)
			break;
	return &pgdat->node_zones[z];
}

static void plan_node(struct machine *m, struct pglist_data *pgdat,
		      unsigned long below_4g,
		      struct zone_reserve r[MAX_NR_ZONES])
{
	struct zone *top = highest_zone(pgdat);
	unsigned long end = pgdat->node_start_pfn + pgdat->node_present_pages;
	struct zone *dma32 = &pgdat->node_zones[ZONE_DMA32];

	r[top->idx].top += DIV_ROUND_UP(pgdat->node_present_pages,
					PAGES_PER_SECTION) * MEMMAP_PER_SECTION;
	if (below_4g > pgdat->node_start_pfn && below_4g <= end)
		r[dma32->spanned_pages ? ZONE_DMA32 : ZONE_DMA].top += FIRMWARE_PAGES;
	if (pgdat->node_id)
		return;
	r[ZONE_DMA].bottom += DMA_RESERVED_PAGES;
	r[top->idx].top += PERCPU_PAGES * m->nr_cpus;
	r[ZONE_DMA32].bottom += kernel_reserved_pages(m->cfg.memory_bytes) +
				INITMEM_PAGES;
	if (m->phys.nr_pages > below_4g)
		r[ZONE_DMA32].bottom += SWIOTLB_PAGES;
}

/* Give the zone's unreserved frames to the allocator, never used yet. */
static void free_zone(struct zone *zone, const struct zone_reserve *r)
{
	if (r->bottom + r->top >= zone->spanned_pages)
		return;
	zone_add_unused(zone, zone->zone_start_pfn + r->bottom,
			zone->zone_start_pfn + zone->spanned_pages - r->top);
}

/* The memmap's pages, as nr_memmap_boot_pages counts them. */
unsigned long memmap_boot_pages(struct machine *m)
{
	unsigned long sum = 0;
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++)
		sum += DIV_ROUND_UP(m->node_data[nid]->node_present_pages,
				    PAGES_PER_SECTION) * MEMMAP_PER_SECTION;
	return sum;
}

void memblock_free_all(struct machine *m, unsigned long below_4g)
{
	int nid, z;

	for (nid = 0; nid < m->nr_nodes; nid++) {
		struct pglist_data *pgdat = m->node_data[nid];
		struct zone_reserve r[MAX_NR_ZONES] = { { 0, 0 } };

		plan_node(m, pgdat, below_4g, r);
		for (z = 0; z < MAX_NR_ZONES; z++)
			free_zone(&pgdat->node_zones[z], &r[z]);
	}
}

/*
 * free_initmem(): the init sections and the initramfs, at the top of the
 * kernel's reservation in node 0's DMA32, come back after boot.
 */
void free_initmem(struct machine *m)
{
	struct pglist_data *pgdat = m->node_data[0];
	struct zone *zone = &pgdat->node_zones[ZONE_DMA32];
	unsigned long end = zone->zone_start_pfn + INITMEM_PAGES +
			    kernel_reserved_pages(m->cfg.memory_bytes);
	unsigned long pfn;

	if (!zone->managed_pages)
		return;
	while (zone->first_deferred_pfn < end)
		deferred_grow_zone(zone);
	for (pfn = end; pfn-- > end - INITMEM_PAGES;)
		free_reserved_folio(m, &m->mem_map[pfn]);
}
