// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/PID/pagemap (fs/proc/task_mmu.c's pagemap half): one 64-bit entry
 * per virtual page, at file offset (address / 4096) * 8.
 *
 * Bits as 6.12 reports them (pte_to_pagemap_entry): PM_PRESENT and the PFN
 * for a mapped page; PM_SWAP with the swap type and offset for every
 * non-present, non-none PTE, markers included (a uffd-wp marker adds
 * PM_UFFD_WP); PM_FILE for a page that is not anonymous; PM_MMAP_EXCLUSIVE
 * for a present page mapped once; PM_SOFT_DIRTY from the PTE, or for every
 * page of a VMA still VM_SOFTDIRTY.  The frame bits (PFN, or type and
 * offset) only for a reader with CAP_SYS_ADMIN.  A none PTE, or no table,
 * reads as 0 (or PM_SOFT_DIRTY): 6.12 never looks at the page cache, so a
 * shmem page that reclaim swapped out behind a cleared PTE is not PM_SWAP
 * ("Exceptions for Shared Memory" in Documentation/admin-guide/mm/
 * pagemap.rst).  Offsets and lengths that are not multiples of 8 are
 * EINVAL; addresses outside every VMA read as 0.
 *
 * `policy pagemap.shmem_swap=lookup` is Tiberiu Georgescu's 2021 patch
 * instead: for a none PTE (or a missing table) of a shmem VMA, the page
 * cache slot at its file index is looked up, and a swap entry there is
 * reported as PM_SWAP with its type and offset, at the cost of one lookup
 * per such page.  (`marker` needs nothing here: its PAGEOUT marker is a
 * non-present PTE and reads as PM_SWAP like any other.)  The model counts
 * the reads, entries and lookups, for the reader's memcg (pagemap_stat_add()).
 */
#include "fs/proc.h"
#include "fs/proc/internal.h"

#include <errno.h>
#include <string.h>

#include "lib/strbuf.h"
#include "include/kernfs.h"
#include "include/memory_model.h"
#include "include/sched.h"
#include "include/swapops.h"
#include "mm/memcontrol.h"
#include "mm/mm.h"
#include "mm/pagewalk.h"

#define PM_ENTRY_BYTES	sizeof(u64)

struct pagemapread {
	struct machine *m;
	u64 *buffer;
	size_t pos, len;	/* entries filled, room */
	bool show_pfn;
	unsigned long lookups;	/* page-cache lookups made (lookup design) */
};

static u64 make_pme(u64 frame, u64 flags)
{
	return (frame & PM_PFRAME_MASK) | flags;
}

static u64 swap_frame(swp_entry_t entry)
{
	return swp_type(entry) | (swp_offset(entry) << MAX_SWAPFILES_SHIFT);
}

/* The lookup design: a none entry of a shmem VMA asks the page cache. */
static u64 shmem_lookup_entry(struct pagemapread *pm,
			      struct vm_area_struct *vma, unsigned long addr)
{
	void *entry;
	swp_entry_t swap;

	if (pm->m->policy.pagemap_shmem_swap != PAGEMAP_SHMEM_SWAP_LOOKUP ||
	    vma->kind != VMA_SHMEM)
		return 0;
	pm->lookups++;
	entry = xa_load(&vma->vm_file->i_data.i_pages,
			linear_page_index(vma, addr));
	if (!entry || !xa_is_value(entry))
		return 0;
	swap = radix_to_swp_entry(entry);
	if (non_swap_entry(swap))
		return 0;	/* a poisoned slot is no swap */
	return make_pme(pm->show_pfn ? swap_frame(swap) : 0, PM_SWAP);
}

static u64 present_entry(struct pagemapread *pm, struct vm_area_struct *vma,
			 pte_t pte)
{
	struct machine *m = pm->m;
	u64 frame = pm->show_pfn ? pte_pfn(pte) : 0;
	u64 flags = PM_PRESENT;
	struct folio *folio = NULL;

	if (pte & _PAGE_SOFT_DIRTY)
		flags |= PM_SOFT_DIRTY;
	if (pte & _PAGE_UFFD_WP)
		flags |= PM_UFFD_WP;
	if (pte_pfn(pte) != m->zero_pfn)
		folio = pfn_folio(m, pte_pfn(pte));
	if (folio && !folio_test_anon(folio))
		flags |= PM_FILE;
	if (folio && folio_mapcount(folio) == 1)
		flags |= PM_MMAP_EXCLUSIVE;
	return make_pme(frame, flags);
}

static u64 swap_pte_entry(struct pagemapread *pm, pte_t pte)
{
	swp_entry_t entry = pte_to_swp_entry(pte);
	u64 flags = PM_SWAP;

	if (pte & _PAGE_SWP_SOFT_DIRTY)
		flags |= PM_SOFT_DIRTY;
	if (pte & _PAGE_SWP_UFFD_WP)
		flags |= PM_UFFD_WP;
	if (is_uffd_wp_marker(pte))
		flags |= PM_UFFD_WP;
	return make_pme(pm->show_pfn ? swap_frame(entry) : 0, flags);
}

/* pte_to_pagemap_entry() */
static u64 pagemap_entry(struct pagemapread *pm, struct vm_area_struct *vma,
			 unsigned long addr, pte_t pte)
{
	u64 pme;

	if (pte_present(pte))
		pme = present_entry(pm, vma, pte);
	else if (is_swap_pte(pte))
		pme = swap_pte_entry(pm, pte);
	else
		pme = shmem_lookup_entry(pm, vma, addr);
	if (vma->vm_flags & VM_SOFTDIRTY)
		pme |= PM_SOFT_DIRTY;
	return pme;
}

static int add_to_pagemap(struct pagemapread *pm, u64 pme)
{
	pm->buffer[pm->pos++] = pme;
	return pm->pos >= pm->len ? 1 : 0;
}

static int pagemap_pte_entry(pte_t *pte, unsigned long addr,
			     struct mm_walk *walk)
{
	struct pagemapread *pm = walk->private;

	return add_to_pagemap(pm, pagemap_entry(pm, walk->vma, addr, *pte));
}

/* No PTE table: none entries (and the lookup design's lookups). */
static int pagemap_pte_hole(unsigned long start, unsigned long end,
			    struct mm_walk *walk)
{
	struct pagemapread *pm = walk->private;
	unsigned long addr;
	int err = 0;

	for (addr = start; addr < end && !err; addr += PAGE_SIZE)
		err = add_to_pagemap(pm, pagemap_entry(pm, walk->vma, addr, 0));
	return err;
}

static const struct mm_walk_ops pagemap_ops = {
	.pte_entry = pagemap_pte_entry,
	.pte_hole = pagemap_pte_hole,
};

/* Entries for [@start, @end): VMAs walked, gaps between them 0. */
static void pagemap_walk(struct pagemapread *pm, struct mm_struct *mm,
			 unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long addr = start;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_end <= addr)
			continue;
		if (vma->vm_start >= end)
			break;
		for (; addr < vma->vm_start && pm->pos < pm->len;
		     addr += PAGE_SIZE)
			add_to_pagemap(pm, 0);
		if (pm->pos >= pm->len)
			return;
		walk_page_range_vma(vma, addr, min(end, vma->vm_end),
				    &pagemap_ops, pm);
		addr = min(end, vma->vm_end);
		if (pm->pos >= pm->len)
			return;
	}
	for (; addr < end && pm->pos < pm->len; addr += PAGE_SIZE)
		add_to_pagemap(pm, 0);
}

/* The read's work and its virtual time, for the reader's memcg. */
static void pagemap_account(struct pagemapread *pm)
{
	struct machine *m = pm->m;

	pagemap_stat_add_current(m, PMS_READS, 1);
	pagemap_stat_add_current(m, PMS_ENTRIES, pm->pos);
	pagemap_stat_add_current(m, PMS_LOOKUPS, pm->lookups);
	pagemap_stat_add_current(m, PMS_PAGEMAP_NS, m->cost.pagemap_read_ns +
				 pm->pos * m->cost.pagemap_entry_ns +
				 pm->lookups * m->cost.pagecache_lookup_ns);
}

long pagemap_read(struct machine *m, struct mm_struct *mm, u64 pos,
		  u64 *buf, size_t count, bool show_pfn)
{
	struct pagemapread pm = { .m = m, .buffer = buf, .show_pfn = show_pfn };
	unsigned long start, end;

	if (pos % PM_ENTRY_BYTES || count % PM_ENTRY_BYTES)
		return -EINVAL;
	if (count && mm && pos / PM_ENTRY_BYTES < TASK_SIZE >> PAGE_SHIFT) {
		start = (pos / PM_ENTRY_BYTES) << PAGE_SHIFT;
		pm.len = min((u64)count / PM_ENTRY_BYTES,
			     (u64)(TASK_SIZE - start) >> PAGE_SHIFT);
		end = start + (pm.len << PAGE_SHIFT);
		pagemap_walk(&pm, mm, start, end);
	}
	pagemap_account(&pm);
	return pm.pos * PM_ENTRY_BYTES;
}

/* /proc/PID/pagemap as a file: the opener's credentials decide the PFNs. */
long pagemap_file_read(struct kernfs_open_file *of, void *buf, size_t count,
		       u64 pos)
{
	struct task_struct *t = of->data;

	return pagemap_read(of->machine, t->mm, pos, buf, count,
			    capable(of->machine));
}

/*
 * /sys/kernel/debug/memcglab/pagemap (model only): the work of the
 * pagemap.shmem_swap design in use since boot, a line per memcg (its
 * cgroup's path, "/" the root), counted for the memcg of the task that
 * read pagemap, of the folio reclaim unmapped, of the process that faulted,
 * unmapped or forked: read one as TARGET:PATH.FIELD.
 */
static const char *const pagemap_stat_names[NR_PAGEMAP_STATS] = {
	"reads", "entries", "pagecache_lookups", "pagemap_ns",
	"markers_installed", "markers_consumed", "markers_zapped",
	"marker_ns", "fork_ptes",
};

static void pagemap_stats_line(struct strbuf *sb, struct machine *m,
			       const char *path, const u64 *st)
{
	int i;

	sb_puts(sb, path);
	for (i = 0; i < NR_PAGEMAP_STATS; i++)
		sb_printf(sb, " %s=%llu", pagemap_stat_names[i],
			  (unsigned long long)st[i]);
	sb_printf(sb, " swapin_extra_ns=%llu\n", (unsigned long long)
		  st[PMS_MARKERS_CONSUMED] * m->cost.pte_marker_ns);
}

static int pagemap_stats_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	static const char *const designs[] = { "none", "marker", "lookup" };
	struct machine *m = of->machine;
	struct mem_cgroup *root = m->root_mem_cgroup, *memcg;
	struct cgroup_subsys_state *css;
	struct strbuf path = STRBUF_INIT;

	sb_printf(sb, "design %s\n", designs[m->policy.pagemap_shmem_swap]);
	pagemap_stats_line(sb, m, "total", m->pagemap_stats);
	for (css = &root->css; css;
	     css = css_next_descendant_pre(css, &root->css)) {
		memcg = mem_cgroup_from_css(css);
		if (!mem_cgroup_online(memcg))
			continue;
		sb_reset(&path);
		cgroup_path(css->cgroup, &path);
		pagemap_stats_line(sb, m, path.len > 1 ? path.buf + 1 : path.buf,
				   memcg->pagemap_stats);
	}
	sb_release(&path);
	return 0;
}

static const struct cftype pagemap_debug_files[] = {
	{ .name = "pagemap", .seq_show = pagemap_stats_show },
	{ }	/* terminate */
};

int proc_pagemap_init(struct machine *m)
{
	return debugfs_create_files(m, "memcglab", pagemap_debug_files);
}
