// SPDX-License-Identifier: GPL-2.0
/*
 * Global counters and /proc/vmstat (mm/vmstat.c).
 *
 * The text is 6.12's for Debian's x86_64 config, in vmstat_text[] order
 * (docs/kernel-6.12-formats.md §6).  Items the model does not keep
 * (compaction, THP, migration, ...) print 0.  Per-zone events (pgalloc_*,
 * allocstall_*) are counted in the zone: pgalloc where the frame came from,
 * allocstall at the allocation's highest zone (Movable for user memory).
 */
#include "vmstat.h"

#include "lib/strbuf.h"
#include "include/writeback.h"
#include "include/kernfs.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/page_alloc.h"
#include "mm/swapfile.h"

unsigned long global_node_page_state(struct machine *m, enum node_stat_item idx)
{
	long sum = 0;
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++)
		sum += m->node_data[nid]->vm_stat[idx];
	if (vmstat_item_in_bytes(idx))
		sum >>= PAGE_SHIFT;
	return sum < 0 ? 0 : sum;
}

unsigned long global_zone_page_state(struct machine *m, enum zone_stat_item idx)
{
	long sum = 0;
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++)
		sum += m->node_data[nid]->zone_stat[idx];
	return sum < 0 ? 0 : sum;
}

enum vmstat_src {
	V_ZERO,		/* not modelled */
	V_ZONE,
	V_NODE,
	V_EVENT,
	V_EVENT_ZONE,	/* per-zone event: counted in the machine's zone */
	V_SECTORS,	/* pgpgin/pgpgout: counted in sectors, shown in KiB */
	V_DIRTY,	/* nr_dirty_threshold */
	V_DIRTY_BG,
	V_MEMMAP_BOOT,
};

struct vmstat_line {
	const char *name;
	enum vmstat_src src;
	int idx;
};

static const char *const node_stat_names[NR_VM_NODE_STAT_ITEMS] = {
	[NR_INACTIVE_ANON] = "nr_inactive_anon",
	[NR_ACTIVE_ANON] = "nr_active_anon",
	[NR_INACTIVE_FILE] = "nr_inactive_file",
	[NR_ACTIVE_FILE] = "nr_active_file",
	[NR_UNEVICTABLE] = "nr_unevictable",
	[NR_SLAB_RECLAIMABLE_B] = "nr_slab_reclaimable",
	[NR_SLAB_UNRECLAIMABLE_B] = "nr_slab_unreclaimable",
	[NR_ISOLATED_ANON] = "nr_isolated_anon",
	[NR_ISOLATED_FILE] = "nr_isolated_file",
	[WORKINGSET_NODES] = "workingset_nodes",
	[WORKINGSET_REFAULT_ANON] = "workingset_refault_anon",
	[WORKINGSET_REFAULT_FILE] = "workingset_refault_file",
	[WORKINGSET_ACTIVATE_ANON] = "workingset_activate_anon",
	[WORKINGSET_ACTIVATE_FILE] = "workingset_activate_file",
	[WORKINGSET_RESTORE_ANON] = "workingset_restore_anon",
	[WORKINGSET_RESTORE_FILE] = "workingset_restore_file",
	[WORKINGSET_NODERECLAIM] = "workingset_nodereclaim",
	[NR_ANON_MAPPED] = "nr_anon_pages",
	[NR_FILE_MAPPED] = "nr_mapped",
	[NR_FILE_PAGES] = "nr_file_pages",
	[NR_FILE_DIRTY] = "nr_dirty",
	[NR_WRITEBACK] = "nr_writeback",
	[NR_WRITEBACK_TEMP] = "nr_writeback_temp",
	[NR_SHMEM] = "nr_shmem",
	[NR_SHMEM_THPS] = "nr_shmem_hugepages",
	[NR_SHMEM_PMDMAPPED] = "nr_shmem_pmdmapped",
	[NR_FILE_THPS] = "nr_file_hugepages",
	[NR_FILE_PMDMAPPED] = "nr_file_pmdmapped",
	[NR_ANON_THPS] = "nr_anon_transparent_hugepages",
	[NR_VMSCAN_WRITE] = "nr_vmscan_write",
	[NR_VMSCAN_IMMEDIATE] = "nr_vmscan_immediate_reclaim",
	[NR_DIRTIED] = "nr_dirtied",
	[NR_WRITTEN] = "nr_written",
	[NR_THROTTLED_WRITTEN] = "nr_throttled_written",
	[NR_KERNEL_MISC_RECLAIMABLE] = "nr_kernel_misc_reclaimable",
	[NR_FOLL_PIN_ACQUIRED] = "nr_foll_pin_acquired",
	[NR_FOLL_PIN_RELEASED] = "nr_foll_pin_released",
	[NR_KERNEL_STACK_KB] = "nr_kernel_stack",
	[NR_PAGETABLE] = "nr_page_table_pages",
	[NR_SECONDARY_PAGETABLE] = "nr_sec_page_table_pages",
	[NR_IOMMU_PAGES] = "nr_iommu_pages",
	[NR_SWAPCACHE] = "nr_swapcached",
	[PGPROMOTE_SUCCESS] = "pgpromote_success",
	[PGPROMOTE_CANDIDATE] = "pgpromote_candidate",
	[PGDEMOTE_KSWAPD] = "pgdemote_kswapd",
	[PGDEMOTE_DIRECT] = "pgdemote_direct",
	[PGDEMOTE_KHUGEPAGED] = "pgdemote_khugepaged",
	[NR_MEMMAP] = "nr_memmap",
	[NR_MEMMAP_BOOT] = "nr_memmap_boot",
};

static const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PGPGIN] = "pgpgin", [PGPGOUT] = "pgpgout",
	[PSWPIN] = "pswpin", [PSWPOUT] = "pswpout",
	[PGFREE] = "pgfree", [PGACTIVATE] = "pgactivate",
	[PGDEACTIVATE] = "pgdeactivate", [PGLAZYFREE] = "pglazyfree",
	[PGFAULT] = "pgfault", [PGMAJFAULT] = "pgmajfault",
	[PGLAZYFREED] = "pglazyfreed", [PGREFILL] = "pgrefill",
	[PGREUSE] = "pgreuse",
	[PGSTEAL_KSWAPD] = "pgsteal_kswapd", [PGSTEAL_DIRECT] = "pgsteal_direct",
	[PGSTEAL_KHUGEPAGED] = "pgsteal_khugepaged",
	[PGSCAN_KSWAPD] = "pgscan_kswapd", [PGSCAN_DIRECT] = "pgscan_direct",
	[PGSCAN_KHUGEPAGED] = "pgscan_khugepaged",
	[PGSCAN_DIRECT_THROTTLE] = "pgscan_direct_throttle",
	[PGSCAN_ANON] = "pgscan_anon", [PGSCAN_FILE] = "pgscan_file",
	[PGSTEAL_ANON] = "pgsteal_anon", [PGSTEAL_FILE] = "pgsteal_file",
	[PGINODESTEAL] = "pginodesteal", [SLABS_SCANNED] = "slabs_scanned",
	[KSWAPD_INODESTEAL] = "kswapd_inodesteal",
	[KSWAPD_LOW_WMARK_HIT_QUICKLY] = "kswapd_low_wmark_hit_quickly",
	[KSWAPD_HIGH_WMARK_HIT_QUICKLY] = "kswapd_high_wmark_hit_quickly",
	[PAGEOUTRUN] = "pageoutrun", [PGROTATED] = "pgrotated",
	[DROP_PAGECACHE] = "drop_pagecache", [DROP_SLAB] = "drop_slab",
	[OOM_KILL] = "oom_kill",
	[UNEVICTABLE_PGCULLED] = "unevictable_pgs_culled",
	[UNEVICTABLE_PGSCANNED] = "unevictable_pgs_scanned",
	[UNEVICTABLE_PGRESCUED] = "unevictable_pgs_rescued",
	[UNEVICTABLE_PGMLOCKED] = "unevictable_pgs_mlocked",
	[UNEVICTABLE_PGMUNLOCKED] = "unevictable_pgs_munlocked",
	[UNEVICTABLE_PGCLEARED] = "unevictable_pgs_cleared",
	[UNEVICTABLE_PGSTRANDED] = "unevictable_pgs_stranded",
	[THP_FAULT_ALLOC] = "thp_fault_alloc",
	[THP_COLLAPSE_ALLOC] = "thp_collapse_alloc",
	[THP_SWPOUT] = "thp_swpout", [THP_SWPOUT_FALLBACK] = "thp_swpout_fallback",
	[SWAP_RA] = "swap_ra", [SWAP_RA_HIT] = "swap_ra_hit",
	[SWPIN_ZERO] = "swpin_zero", [SWPOUT_ZERO] = "swpout_zero",
	[ZSWPIN] = "zswpin", [ZSWPOUT] = "zswpout", [ZSWPWB] = "zswpwb",
	[NUMA_PAGE_MIGRATE] = "numa_pages_migrated",
	[NUMA_PTE_UPDATES] = "numa_pte_updates",
	[NUMA_HINT_FAULTS] = "numa_hint_faults",
	[NUMA_HIT] = "numa_hit", [NUMA_MISS] = "numa_miss",
	[NUMA_FOREIGN] = "numa_foreign", [NUMA_INTERLEAVE_HIT] = "numa_interleave",
	[NUMA_LOCAL] = "numa_local", [NUMA_OTHER] = "numa_other",
};

const char *vm_event_name(enum vm_event_item idx)
{
	return vm_event_names[idx];
}

#define Z(n, i)		{ n, V_ZONE, i }
#define N(i)		{ NULL, V_NODE, i }
#define E(i)		{ NULL, V_EVENT, i }
#define ZERO(n)		{ n, V_ZERO, 0 }

/* Per-zone events expand over dma, dma32, normal, movable, device. */
#define PER_ZONE(prefix, i)						\
	{ prefix "_dma", V_EVENT_ZONE, (i) << 8 | ZONE_DMA },		\
	{ prefix "_dma32", V_EVENT_ZONE, (i) << 8 | ZONE_DMA32 },	\
	{ prefix "_normal", V_EVENT_ZONE, (i) << 8 | ZONE_NORMAL },	\
	{ prefix "_movable", V_EVENT_ZONE, (i) << 8 | ZONE_MOVABLE },	\
	ZERO(prefix "_device")

static const struct vmstat_line vmstat_text[] = {
	Z("nr_free_pages", NR_FREE_PAGES),
	Z("nr_zone_inactive_anon", NR_ZONE_INACTIVE_ANON),
	Z("nr_zone_active_anon", NR_ZONE_ACTIVE_ANON),
	Z("nr_zone_inactive_file", NR_ZONE_INACTIVE_FILE),
	Z("nr_zone_active_file", NR_ZONE_ACTIVE_FILE),
	Z("nr_zone_unevictable", NR_ZONE_UNEVICTABLE),
	Z("nr_zone_write_pending", NR_ZONE_WRITE_PENDING),
	Z("nr_mlock", NR_MLOCK),
	Z("nr_bounce", NR_BOUNCE),
	Z("nr_zspages", NR_ZSPAGES),
	Z("nr_free_cma", NR_FREE_CMA_PAGES),
	ZERO("nr_unaccepted"),
	E(NUMA_HIT), E(NUMA_MISS), E(NUMA_FOREIGN), E(NUMA_INTERLEAVE_HIT),
	E(NUMA_LOCAL), E(NUMA_OTHER),
	N(NR_INACTIVE_ANON), N(NR_ACTIVE_ANON), N(NR_INACTIVE_FILE),
	N(NR_ACTIVE_FILE), N(NR_UNEVICTABLE), N(NR_SLAB_RECLAIMABLE_B),
	N(NR_SLAB_UNRECLAIMABLE_B), N(NR_ISOLATED_ANON), N(NR_ISOLATED_FILE),
	N(WORKINGSET_NODES), N(WORKINGSET_REFAULT_ANON),
	N(WORKINGSET_REFAULT_FILE), N(WORKINGSET_ACTIVATE_ANON),
	N(WORKINGSET_ACTIVATE_FILE), N(WORKINGSET_RESTORE_ANON),
	N(WORKINGSET_RESTORE_FILE), N(WORKINGSET_NODERECLAIM),
	N(NR_ANON_MAPPED), N(NR_FILE_MAPPED), N(NR_FILE_PAGES),
	N(NR_FILE_DIRTY), N(NR_WRITEBACK), N(NR_WRITEBACK_TEMP), N(NR_SHMEM),
	N(NR_SHMEM_THPS), N(NR_SHMEM_PMDMAPPED), N(NR_FILE_THPS),
	N(NR_FILE_PMDMAPPED), N(NR_ANON_THPS), N(NR_VMSCAN_WRITE),
	N(NR_VMSCAN_IMMEDIATE), N(NR_DIRTIED), N(NR_WRITTEN),
	N(NR_THROTTLED_WRITTEN), N(NR_KERNEL_MISC_RECLAIMABLE),
	N(NR_FOLL_PIN_ACQUIRED), N(NR_FOLL_PIN_RELEASED), N(NR_KERNEL_STACK_KB),
	N(NR_PAGETABLE), N(NR_SECONDARY_PAGETABLE), N(NR_IOMMU_PAGES),
	N(NR_SWAPCACHE), N(PGPROMOTE_SUCCESS), N(PGPROMOTE_CANDIDATE),
	N(PGDEMOTE_KSWAPD), N(PGDEMOTE_DIRECT), N(PGDEMOTE_KHUGEPAGED),
	{ "nr_dirty_threshold", V_DIRTY, 0 },
	{ "nr_dirty_background_threshold", V_DIRTY_BG, 0 },
	ZERO("nr_memmap_pages"),
	{ "nr_memmap_boot_pages", V_MEMMAP_BOOT, 0 },
	{ "pgpgin", V_SECTORS, PGPGIN }, { "pgpgout", V_SECTORS, PGPGOUT },
	E(PSWPIN), E(PSWPOUT),
	PER_ZONE("pgalloc", ZONE_PGALLOC),
	PER_ZONE("allocstall", ZONE_ALLOCSTALL),
	ZERO("pgskip_dma"), ZERO("pgskip_dma32"), ZERO("pgskip_normal"),
	ZERO("pgskip_movable"), ZERO("pgskip_device"),
	E(PGFREE), E(PGACTIVATE), E(PGDEACTIVATE), E(PGLAZYFREE), E(PGFAULT),
	E(PGMAJFAULT), E(PGLAZYFREED), E(PGREFILL), E(PGREUSE),
	E(PGSTEAL_KSWAPD), E(PGSTEAL_DIRECT), E(PGSTEAL_KHUGEPAGED),
	E(PGSCAN_KSWAPD), E(PGSCAN_DIRECT), E(PGSCAN_KHUGEPAGED),
	E(PGSCAN_DIRECT_THROTTLE), E(PGSCAN_ANON), E(PGSCAN_FILE),
	E(PGSTEAL_ANON), E(PGSTEAL_FILE),
	ZERO("zone_reclaim_success"), ZERO("zone_reclaim_failed"),
	E(PGINODESTEAL), E(SLABS_SCANNED), E(KSWAPD_INODESTEAL),
	E(KSWAPD_LOW_WMARK_HIT_QUICKLY), E(KSWAPD_HIGH_WMARK_HIT_QUICKLY),
	E(PAGEOUTRUN), E(PGROTATED), E(DROP_PAGECACHE), E(DROP_SLAB),
	E(OOM_KILL),
	E(NUMA_PTE_UPDATES), ZERO("numa_huge_pte_updates"), E(NUMA_HINT_FAULTS),
	ZERO("numa_hint_faults_local"), E(NUMA_PAGE_MIGRATE),
	ZERO("pgmigrate_success"), ZERO("pgmigrate_fail"),
	ZERO("thp_migration_success"), ZERO("thp_migration_fail"),
	ZERO("thp_migration_split"),
	ZERO("compact_migrate_scanned"), ZERO("compact_free_scanned"),
	ZERO("compact_isolated"), ZERO("compact_stall"), ZERO("compact_fail"),
	ZERO("compact_success"), ZERO("compact_daemon_wake"),
	ZERO("compact_daemon_migrate_scanned"),
	ZERO("compact_daemon_free_scanned"),
	ZERO("htlb_buddy_alloc_success"), ZERO("htlb_buddy_alloc_fail"),
	E(UNEVICTABLE_PGCULLED), E(UNEVICTABLE_PGSCANNED),
	E(UNEVICTABLE_PGRESCUED), E(UNEVICTABLE_PGMLOCKED),
	E(UNEVICTABLE_PGMUNLOCKED), E(UNEVICTABLE_PGCLEARED),
	E(UNEVICTABLE_PGSTRANDED),
	E(THP_FAULT_ALLOC), ZERO("thp_fault_fallback"),
	ZERO("thp_fault_fallback_charge"), E(THP_COLLAPSE_ALLOC),
	ZERO("thp_collapse_alloc_failed"), ZERO("thp_file_alloc"),
	ZERO("thp_file_fallback"), ZERO("thp_file_fallback_charge"),
	ZERO("thp_file_mapped"), ZERO("thp_split_page"),
	ZERO("thp_split_page_failed"), ZERO("thp_deferred_split_page"),
	ZERO("thp_underused_split_page"), ZERO("thp_split_pmd"),
	ZERO("thp_scan_exceed_none_pte"), ZERO("thp_scan_exceed_swap_pte"),
	ZERO("thp_scan_exceed_share_pte"), ZERO("thp_split_pud"),
	ZERO("thp_zero_page_alloc"), ZERO("thp_zero_page_alloc_failed"),
	E(THP_SWPOUT), E(THP_SWPOUT_FALLBACK),
	ZERO("balloon_inflate"), ZERO("balloon_deflate"), ZERO("balloon_migrate"),
	E(SWAP_RA), E(SWAP_RA_HIT), E(SWPIN_ZERO), E(SWPOUT_ZERO),
	ZERO("ksm_swpin_copy"), ZERO("cow_ksm"),
	E(ZSWPIN), E(ZSWPOUT), E(ZSWPWB),
	ZERO("direct_map_level2_splits"), ZERO("direct_map_level3_splits"),
	ZERO("nr_unstable"),
};

static unsigned long zone_event(struct machine *m, int code)
{
	return m->zone_events[code >> 8][code & 0xff];
}

static unsigned long vmstat_value(struct machine *m,
				  const struct vmstat_line *l)
{
	unsigned long bg_thresh, thresh;

	switch (l->src) {
	case V_ZONE:
		return global_zone_page_state(m, l->idx);
	case V_NODE:
		return global_node_page_state(m, l->idx);
	case V_EVENT:
		return m->vm_events[l->idx];
	case V_EVENT_ZONE:
		return zone_event(m, l->idx);
	case V_SECTORS:
		return m->vm_events[l->idx] / 2;
	case V_DIRTY:
		global_dirty_limits(m, &bg_thresh, &thresh);
		return thresh;
	case V_DIRTY_BG:
		global_dirty_limits(m, &bg_thresh, &thresh);
		return bg_thresh;
	case V_MEMMAP_BOOT:
		return memmap_boot_pages(m);
	case V_ZERO:
		break;
	}
	return 0;
}

static int vmstat_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	struct machine *m = of->machine;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vmstat_text); i++) {
		const struct vmstat_line *l = &vmstat_text[i];
		const char *name = l->name;

		if (!name)
			name = l->src == V_NODE ? node_stat_names[l->idx]
						: vm_event_names[l->idx];
		sb_printf(sb, "%s %lu\n", name, vmstat_value(m, l));
	}
	return 0;
}

static const struct cftype vmstat_files[] = {
	{ .name = "vmstat", .seq_show = vmstat_show },
	{ }	/* terminate */
};

/* init_mm_internals(): /proc/vmstat */
int init_mm_internals(struct machine *m)
{
	return proc_create_files(m, vmstat_files);
}
