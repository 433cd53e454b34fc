// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/meminfo (fs/proc/meminfo.c) with 6.12's lines for Debian x86_64:
 * 55 lines, labels padded to 16 columns, values in kB right-aligned in 8.
 * Lines for what the model does not have (hugetlb, vmalloc, buffers) are
 * kept with their constant or zero values, so the file parses the same.
 */
#include "lib/strbuf.h"
#include "include/fs.h"
#include "include/machine.h"
#include "include/sched.h"
#include "include/kernfs.h"
#include "fs/proc/internal.h"
#include "mm/mm.h"
#include "mm/swapfile.h"
#include "mm/vmstat.h"
#include "mm/zswap.h"

static void show_val_kb(struct strbuf *sb, const char *label, unsigned long pages)
{
	sb_printf(sb, "%-16s%8lu kB\n", label, pages << (PAGE_SHIFT - 10));
}

/* calculate_totalreserve_pages()'s sum: high watermarks and reserves */
static unsigned long totalreserve_pages(struct machine *m)
{
	unsigned long sum = 0;
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++)
		sum += m->node_data[nid]->totalreserve_pages;
	return sum;
}

/* si_mem_available(): free memory plus the reclaimable half of caches */
static unsigned long si_mem_available(struct machine *m)
{
	unsigned long wmark_low = 0, pagecache, reclaimable;
	long available;
	int nid, z;

	for (nid = 0; nid < m->nr_nodes; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			wmark_low += m->node_data[nid]->node_zones[z].watermark[WMARK_LOW];
	available = (long)global_zone_page_state(m, NR_FREE_PAGES) -
		    (long)totalreserve_pages(m);
	pagecache = global_node_page_state(m, NR_ACTIVE_FILE) +
		    global_node_page_state(m, NR_INACTIVE_FILE);
	pagecache -= min(pagecache / 2, wmark_low);
	available += pagecache;
	reclaimable = global_node_page_state(m, NR_SLAB_RECLAIMABLE_B) +
		      global_node_page_state(m, NR_KERNEL_MISC_RECLAIMABLE);
	reclaimable -= min(reclaimable / 2, wmark_low);
	available += reclaimable;
	return available < 0 ? 0 : available;
}

/* Committed_AS: private writable mappings and shmem, as VM_ACCOUNT counts */
static unsigned long committed_as(struct machine *m)
{
	unsigned long pages = 0;
	struct task_struct *t;

	list_for_each_entry(t, &m->tasks, tasks) {
		struct vm_area_struct *vma;

		if (t->life != TASK_ALIVE || !t->mm)
			continue;
		list_for_each_entry(vma, &t->mm->mmap, vm_list)
			if (!(vma->vm_flags & VM_SHARED) || vma->kind == VMA_SHMEM)
				pages += vma_pages(vma);
	}
	return pages;
}

/* hugetlb_report_meminfo(): no hugetlb pages, the x86_64 default size */
static void hugetlb_report_meminfo(struct strbuf *sb)
{
	sb_printf(sb, "HugePages_Total:   %5lu\n", 0UL);
	sb_printf(sb, "HugePages_Free:    %5lu\n", 0UL);
	sb_printf(sb, "HugePages_Rsvd:    %5lu\n", 0UL);
	sb_printf(sb, "HugePages_Surp:    %5lu\n", 0UL);
	sb_printf(sb, "Hugepagesize:   %8lu kB\n", 2048UL);
	sb_printf(sb, "Hugetlb:        %8lu kB\n", 0UL);
}

/* arch_report_meminfo() of x86: the direct map in 2 MiB pages, the
 * unaligned tail in 4 KiB ones */
static void arch_report_meminfo(struct machine *m, struct strbuf *sb)
{
	unsigned long mem_kb = m->totalram_pages << (PAGE_SHIFT - 10);

	sb_printf(sb, "DirectMap4k:    %8lu kB\n", mem_kb % 2048);
	sb_printf(sb, "DirectMap2M:    %8lu kB\n", mem_kb - mem_kb % 2048);
	sb_printf(sb, "DirectMap1G:    %8lu kB\n", 0UL);
}

/* The LRU lists, summed and by type */
static void meminfo_lru(struct machine *m, struct strbuf *sb)
{
	unsigned long ia = global_node_page_state(m, NR_INACTIVE_ANON);
	unsigned long aa = global_node_page_state(m, NR_ACTIVE_ANON);
	unsigned long inf = global_node_page_state(m, NR_INACTIVE_FILE);
	unsigned long af = global_node_page_state(m, NR_ACTIVE_FILE);

	show_val_kb(sb, "Active:", aa + af);
	show_val_kb(sb, "Inactive:", ia + inf);
	show_val_kb(sb, "Active(anon):", aa);
	show_val_kb(sb, "Inactive(anon):", ia);
	show_val_kb(sb, "Active(file):", af);
	show_val_kb(sb, "Inactive(file):", inf);
}

static int meminfo_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	struct machine *m = of->machine;
	unsigned long sreclaim = global_node_page_state(m, NR_SLAB_RECLAIMABLE_B);
	unsigned long sunreclaim = global_node_page_state(m, NR_SLAB_UNRECLAIMABLE_B);
	unsigned long swapcached = global_node_page_state(m, NR_SWAPCACHE);
	unsigned long buffers = nr_blockdev_pages(m);
	/* the node's file pages include the swap cache and the block
	 * devices' pages: take them out again, never below 0 */
	long cached = (long)global_node_page_state(m, NR_FILE_PAGES) -
		      (long)swapcached - (long)buffers;

	show_val_kb(sb, "MemTotal:", m->totalram_pages);
	show_val_kb(sb, "MemFree:", global_zone_page_state(m, NR_FREE_PAGES));
	show_val_kb(sb, "MemAvailable:", si_mem_available(m));
	show_val_kb(sb, "Buffers:", buffers);
	show_val_kb(sb, "Cached:", cached < 0 ? 0 : cached);
	show_val_kb(sb, "SwapCached:", swapcached);
	meminfo_lru(m, sb);
	show_val_kb(sb, "Unevictable:", global_node_page_state(m, NR_UNEVICTABLE));
	show_val_kb(sb, "Mlocked:", global_zone_page_state(m, NR_MLOCK));
	show_val_kb(sb, "SwapTotal:", total_swap_pages(m));
	show_val_kb(sb, "SwapFree:", get_nr_swap_pages(m));
	show_val_kb(sb, "Zswap:", zswap_total_pages(m));
	sb_printf(sb, "Zswapped:       %8lu kB\n",
		  zswap_stored_pages(m) << (PAGE_SHIFT - 10));
	show_val_kb(sb, "Dirty:", global_node_page_state(m, NR_FILE_DIRTY));
	show_val_kb(sb, "Writeback:", global_node_page_state(m, NR_WRITEBACK));
	show_val_kb(sb, "AnonPages:", global_node_page_state(m, NR_ANON_MAPPED));
	show_val_kb(sb, "Mapped:", global_node_page_state(m, NR_FILE_MAPPED));
	show_val_kb(sb, "Shmem:", global_node_page_state(m, NR_SHMEM));
	show_val_kb(sb, "KReclaimable:", sreclaim +
		    global_node_page_state(m, NR_KERNEL_MISC_RECLAIMABLE));
	show_val_kb(sb, "Slab:", sreclaim + sunreclaim);
	show_val_kb(sb, "SReclaimable:", sreclaim);
	show_val_kb(sb, "SUnreclaim:", sunreclaim);
	sb_printf(sb, "KernelStack:    %8lu kB\n",
		  global_node_page_state(m, NR_KERNEL_STACK_KB));
	show_val_kb(sb, "PageTables:", global_node_page_state(m, NR_PAGETABLE));
	show_val_kb(sb, "SecPageTables:",
		    global_node_page_state(m, NR_SECONDARY_PAGETABLE));
	show_val_kb(sb, "NFS_Unstable:", 0);
	show_val_kb(sb, "Bounce:", global_zone_page_state(m, NR_BOUNCE));
	show_val_kb(sb, "WritebackTmp:",
		    global_node_page_state(m, NR_WRITEBACK_TEMP));
	show_val_kb(sb, "CommitLimit:", m->totalram_pages / 2 + total_swap_pages(m));
	show_val_kb(sb, "Committed_AS:", committed_as(m));
	sb_printf(sb, "VmallocTotal:   %8lu kB\n", 34359738367UL);
	show_val_kb(sb, "VmallocUsed:", 0);
	show_val_kb(sb, "VmallocChunk:", 0);
	show_val_kb(sb, "Percpu:", 0);
	sb_printf(sb, "HardwareCorrupted: %5lu kB\n", 0UL);
	show_val_kb(sb, "AnonHugePages:", 0);
	show_val_kb(sb, "ShmemHugePages:", 0);
	show_val_kb(sb, "ShmemPmdMapped:", 0);
	show_val_kb(sb, "FileHugePages:", 0);
	show_val_kb(sb, "FilePmdMapped:", 0);
	show_val_kb(sb, "Unaccepted:", 0);
	hugetlb_report_meminfo(sb);
	arch_report_meminfo(m, sb);
	return 0;
}

static const struct cftype meminfo_files[] = {
	{ .name = "meminfo", .seq_show = meminfo_show },
	{ }	/* terminate */
};

int proc_meminfo_init(struct machine *m)
{
	return proc_create_files(m, meminfo_files);
}
