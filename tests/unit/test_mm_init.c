// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for mm/mm_init.c's memory map on demand (issue 17): each
 * zone's folios are initialised a 128 MiB section at a time when the
 * allocator first reaches them, so a machine costs host memory for the
 * metadata of what it uses, not for its size, and the first frame of
 * ZONE_NORMAL does not set up the memory map of all of DMA32 below it.
 *
 * The bounds, from mm/memblock.c's reservations: DMA32 spans 3 GiB from
 * pfn 4096 and hands out its first frame above the kernel image, the init
 * sections and swiotlb's 64 MiB: on 8 GiB about 50K frames (under two
 * sections); on 1 TiB the kernel's reservation, extrapolated at 195 frames
 * a GiB past 4 GiB, is about 210K frames (under eight).  ZONE_NORMAL hands
 * out boot's few MiB from its first frame, within one section.  Nothing
 * else is initialised.
 */
#include "fixture.h"
#include "include/memory_model.h"
#include "tap.h"

#define GiB	(1ULL << 30)

static unsigned long initialised(const struct zone *zone)
{
	return zone->first_deferred_pfn - zone->zone_start_pfn;
}

static void test_boot(u64 bytes, unsigned long dma32_sections,
		      const char *what)
{
	struct machine *m = boot_machine(bytes, 1);
	struct pglist_data *pgdat;
	struct zone *dma32, *normal;

	if (!m)
		return;
	pgdat = m->node_data[0];
	dma32 = &pgdat->node_zones[ZONE_DMA32];
	normal = &pgdat->node_zones[ZONE_NORMAL];
	ok(initialised(dma32) <= dma32_sections * PAGES_PER_SECTION,
	   "%s: DMA32's memory map, at most %lu sections (%lu frames)", what,
	   dma32_sections, initialised(dma32));
	ok(initialised(normal) <= PAGES_PER_SECTION,
	   "%s: Normal's memory map, at most 1 section (%lu frames)", what,
	   initialised(normal));
	ok(normal->first_unused_pfn > normal->zone_start_pfn,
	   "%s: boot allocated from Normal", what);
	ok(!pfn_folio_used(m, dma32->zone_start_pfn + dma32->spanned_pages - 1),
	   "%s: DMA32's last frame is not set up", what);
	destroy_machine(m);
}

int main(void)
{
	test_boot(8 * GiB, 2, "8 GiB");
	test_boot(1024 * GiB, 8, "1 TiB");
	return done_testing();
}
