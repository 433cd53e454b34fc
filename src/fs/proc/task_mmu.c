// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/PID/clear_refs (fs/proc/task_mmu.c).  /proc/PID/pagemap is in
 * task_mmu_pagemap.c.
 *
 * clear_refs takes 1 to 5 (anything else is EINVAL, as kstrtoint() and the
 * range check give it): 1 clears the young bits and the folios' referenced
 * flags everywhere, 2 only in anonymous VMAs, 3 only in file-backed ones;
 * 4 resets soft-dirty: every VMA loses VM_SOFTDIRTY, every present PTE is
 * write-protected and loses its soft-dirty bit (so the next write faults
 * and sets it again), every swap PTE loses its swap soft-dirty bit, except
 * a writable PTE of a private mapping whose page may be pinned for DMA;
 * 5 resets the peak RSS to the current one.
 *
 * Also the memory lines of /proc/PID/status (task_mem()), smaps and
 * smaps_rollup.  VmLck is mm->locked_vm, every page of every locked VMA
 * (and vfio's pins); VmPin is mm->pinned_vm (RDMA's and io_uring's pins);
 * smaps' Locked is Pss-based, a page shared by N mappings counting 1/N in
 * each.  Differences: status has no VmPeak (no high-water mark of the
 * mapped size); spawned processes have no text, stack or libraries, so
 * VmExe, VmLib and VmStk are 0; smaps has no THPeligible or VmFlags
 * lines, its headers no device numbers.  A shmem mapping's Swap follows
 * 6.12's rules: the object's swap in the range mapped, or for a private
 * writable mapping only what is behind its none PTEs.
 */
#include "fs/proc/internal.h"

#include <errno.h>

#include "lib/kstrtox.h"
#include "lib/memparse.h"
#include "lib/strbuf.h"
#include "include/fs.h"
#include "include/kernfs.h"
#include "include/sched.h"
#include "include/shmem_fs.h"
#include "mm/mm.h"
#include "mm/pagewalk.h"
#include "mm/swapfile.h"

enum clear_refs_types {
	CLEAR_REFS_ALL = 1,
	CLEAR_REFS_ANON,
	CLEAR_REFS_MAPPED,
	CLEAR_REFS_SOFT_DIRTY,
	CLEAR_REFS_MM_HIWATER_RSS,
	CLEAR_REFS_LAST,
};

static bool is_cow_mapping(unsigned long flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* A writable private page that a DMA pin may be writing to stays as is. */
static bool pte_is_pinned(struct vm_area_struct *vma, unsigned long addr,
			  pte_t pte)
{
	struct folio *folio;

	if (!pte_write(pte) || !is_cow_mapping(vma->vm_flags))
		return false;
	if (!(vma->vm_mm->flags & MMF_HAS_PINNED))
		return false;
	folio = vm_normal_folio(vma, addr);
	return folio && folio_maybe_dma_pinned(folio);
}

static void clear_soft_dirty(struct vm_area_struct *vma, unsigned long addr,
			     pte_t *pte)
{
	if (pte_present(*pte)) {
		if (pte_is_pinned(vma, addr, *pte))
			return;
		*pte &= ~(_PAGE_RW | _PAGE_SOFT_DIRTY);
	} else if (is_swap_pte(*pte)) {
		*pte &= ~_PAGE_SWP_SOFT_DIRTY;
	}
}

static int clear_refs_pte_entry(pte_t *pte, unsigned long addr,
				struct mm_walk *walk)
{
	enum clear_refs_types *type = walk->private;
	struct folio *folio;

	if (*type == CLEAR_REFS_SOFT_DIRTY) {
		clear_soft_dirty(walk->vma, addr, pte);
		return 0;
	}
	if (!pte_present(*pte))
		return 0;
	folio = vm_normal_folio(walk->vma, addr);
	if (!folio)
		return 0;
	*pte &= ~_PAGE_ACCESSED;
	folio_clear(folio, PG_referenced);
	return 0;
}

static const struct mm_walk_ops clear_refs_walk_ops = {
	.pte_entry = clear_refs_pte_entry,
};

static void clear_refs_mm(struct mm_struct *mm, enum clear_refs_types type)
{
	struct vm_area_struct *vma;

	if (type == CLEAR_REFS_MM_HIWATER_RSS) {
		reset_mm_hiwater_rss(mm);
		return;
	}
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if ((type == CLEAR_REFS_ANON && vma->vm_file) ||
		    (type == CLEAR_REFS_MAPPED && !vma->vm_file))
			continue;
		if (type == CLEAR_REFS_SOFT_DIRTY)
			vma->vm_flags &= ~VM_SOFTDIRTY;
		walk_page_range_vma(vma, vma->vm_start, vma->vm_end,
				    &clear_refs_walk_ops, &type);
	}
}

long clear_refs_write(struct kernfs_open_file *of, char *buf, size_t nbytes)
{
	struct task_struct *t = of->data;
	int itype, err;

	/* the kernel reads at most PROC_NUMBUF - 1 bytes of it */
	if (nbytes > 12)
		buf[12] = '\0';
	err = kstrtoint(strstrip(buf), 10, &itype);
	if (err)
		return err;
	if (itype < CLEAR_REFS_ALL || itype >= CLEAR_REFS_LAST)
		return -EINVAL;
	if (t->mm)
		clear_refs_mm(t->mm, itype);
	return nbytes;
}

/* ---- /proc/PID/status: the memory lines (task_mem()) ---- */

/* "Key:\t" and the page count in kB, right-aligned in 8 columns. */
static void put_kb(struct strbuf *sb, const char *key, unsigned long pages)
{
	sb_printf(sb, "%s:\t%8lu kB\n", key, pages << (PAGE_SHIFT - 10));
}

/* is_data_mapping(): private and writable (the model has no stacks). */
static unsigned long data_vm(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long pages = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			pages += vma_pages(vma);
	return pages;
}

void task_mem(struct strbuf *sb, struct mm_struct *mm)
{
	const long *rss = mm->rss_stat;

	put_kb(sb, "VmSize", mm->total_vm);
	put_kb(sb, "VmLck", mm->locked_vm);
	put_kb(sb, "VmPin", mm->pinned_vm);
	put_kb(sb, "VmHWM", get_mm_hiwater_rss(mm));
	put_kb(sb, "VmRSS", rss[MM_ANONPAGES] + rss[MM_FILEPAGES] +
		   rss[MM_SHMEMPAGES]);
	put_kb(sb, "RssAnon", rss[MM_ANONPAGES]);
	put_kb(sb, "RssFile", rss[MM_FILEPAGES]);
	put_kb(sb, "RssShmem", rss[MM_SHMEMPAGES]);
	put_kb(sb, "VmData", data_vm(mm));
	put_kb(sb, "VmStk", 0);
	put_kb(sb, "VmExe", 0);
	put_kb(sb, "VmLib", 0);
	sb_printf(sb, "VmPTE:\t%8ld kB\n", mm->pgtables_bytes >> 10);
	put_kb(sb, "VmSwap", rss[MM_SWAPENTS]);
}

/* ---- /proc/PID/smaps and smaps_rollup ---- */

/* Pss sums in 1/4096ths of a byte, as the kernel keeps them. */
#define PSS_SHIFT	12

struct mem_size_stats {
	unsigned long resident;
	unsigned long shared_clean, shared_dirty;
	unsigned long private_clean, private_dirty;
	unsigned long referenced, anonymous, swap;
	u64 pss, pss_anon, pss_file, pss_shmem, pss_dirty, pss_locked;
	u64 swap_pss;
};

static void smaps_page_accumulate(struct mem_size_stats *mss,
				  const struct folio *folio, u64 pss,
				  bool dirty, bool locked, bool private)
{
	mss->pss += pss;
	if (folio_test_anon(folio))
		mss->pss_anon += pss;
	else if (folio_test(folio, PG_swapbacked))
		mss->pss_shmem += pss;
	else
		mss->pss_file += pss;
	if (locked)
		mss->pss_locked += pss;
	if (dirty || folio_test(folio, PG_dirty)) {
		mss->pss_dirty += pss;
		*(private ? &mss->private_dirty : &mss->shared_dirty) += PAGE_SIZE;
	} else {
		*(private ? &mss->private_clean : &mss->shared_clean) += PAGE_SIZE;
	}
}

/*
 * One mapped page: a page only this mapping holds (refcount 1) counts
 * whole, a shared one 1/mapcount of it in the Pss sums, Locked included.
 */
static void smaps_account(struct mem_size_stats *mss, const struct folio *folio,
			  bool young, bool dirty, bool locked)
{
	int mapcount = folio_mapcount(folio);
	u64 pss = (u64)PAGE_SIZE << PSS_SHIFT;

	if (folio_test_anon(folio))
		mss->anonymous += PAGE_SIZE;
	mss->resident += PAGE_SIZE;
	if (young || folio_test(folio, PG_referenced))
		mss->referenced += PAGE_SIZE;
	if (folio->_refcount == 1) {
		smaps_page_accumulate(mss, folio, pss, dirty, locked, true);
		return;
	}
	if (mapcount >= 2)
		pss /= mapcount;
	smaps_page_accumulate(mss, folio, pss, dirty, locked, mapcount < 2);
}

static void smaps_swap_entry(struct machine *m, struct mem_size_stats *mss,
			     pte_t pte)
{
	swp_entry_t entry = pte_to_swp_entry(pte);
	int count;

	if (!swp_swap_info(m, entry))
		return;			/* a marker */
	mss->swap += PAGE_SIZE;
	count = swp_swapcount(m, entry);
	mss->swap_pss += ((u64)PAGE_SIZE << PSS_SHIFT) / max(count, 1);
}

/*
 * A shmem mapping's swap: for a shared or read-only mapping, or when the
 * object has none, all the object's swap in the range it maps at once
 * (shmem_swap_usage()); for a private writable one, where COW copies may
 * hide the object's pages, that of the pages under none PTEs only
 * (@walk set: smaps_shmem_walk_ops' pte_hole).
 */
static void smaps_shmem_swap(struct vm_area_struct *vma,
			     struct mem_size_stats *mss, bool *walk)
{
	unsigned long swapped;

	*walk = false;
	if (!vma->vm_file || !shmem_mapping(&vma->vm_file->i_data))
		return;
	swapped = shmem_swap_usage(vma);
	if (!swapped || (vma->vm_flags & VM_SHARED) ||
	    !(vma->vm_flags & VM_WRITE))
		mss->swap += swapped;
	else
		*walk = true;
}

/* smaps_pte_hole(): the object's swap behind [addr, end) of @vma */
static void smaps_pte_hole(struct vm_area_struct *vma,
			   struct mem_size_stats *mss, unsigned long addr,
			   unsigned long end)
{
	mss->swap += shmem_partial_swap_usage(&vma->vm_file->i_data,
					      linear_page_index(vma, addr),
					      linear_page_index(vma, end));
}

static void smap_gather_stats(struct vm_area_struct *vma,
			      struct mem_size_stats *mss)
{
	struct machine *m = vma->vm_mm->machine;
	bool locked = vma->vm_flags & VM_LOCKED, hole_walk;
	unsigned long addr, next;

	smaps_shmem_swap(vma, mss, &hole_walk);
	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pte_t *ptep = pte_lookup(vma->vm_mm, addr);
		struct folio *folio;

		if (!ptep) {
			next = min((addr | (PMD_SIZE - 1)) + 1, vma->vm_end);
			if (hole_walk)
				smaps_pte_hole(vma, mss, addr, next);
			addr = next - PAGE_SIZE;
			continue;
		}
		if (is_swap_pte(*ptep)) {
			smaps_swap_entry(m, mss, *ptep);
			continue;
		}
		if (pte_none(*ptep) && hole_walk)
			smaps_pte_hole(vma, mss, addr, addr + PAGE_SIZE);
		folio = vm_normal_folio(vma, addr);
		if (folio)
			smaps_account(mss, folio, pte_young(*ptep),
				      pte_dirty(*ptep), locked);
	}
}

static void put_smap_kb(struct strbuf *sb, const char *key, u64 bytes)
{
	sb_printf(sb, "%-16s%8llu kB\n", key, (unsigned long long)bytes >> 10);
}

/* __show_smap(): the model has no THP, KSM, hugetlb or lazyfree pages. */
static void show_smap(struct strbuf *sb, const struct mem_size_stats *mss,
		      bool rollup)
{
	put_smap_kb(sb, "Rss:", mss->resident);
	put_smap_kb(sb, "Pss:", mss->pss >> PSS_SHIFT);
	put_smap_kb(sb, "Pss_Dirty:", mss->pss_dirty >> PSS_SHIFT);
	if (rollup) {
		put_smap_kb(sb, "Pss_Anon:", mss->pss_anon >> PSS_SHIFT);
		put_smap_kb(sb, "Pss_File:", mss->pss_file >> PSS_SHIFT);
		put_smap_kb(sb, "Pss_Shmem:", mss->pss_shmem >> PSS_SHIFT);
	}
	put_smap_kb(sb, "Shared_Clean:", mss->shared_clean);
	put_smap_kb(sb, "Shared_Dirty:", mss->shared_dirty);
	put_smap_kb(sb, "Private_Clean:", mss->private_clean);
	put_smap_kb(sb, "Private_Dirty:", mss->private_dirty);
	put_smap_kb(sb, "Referenced:", mss->referenced);
	put_smap_kb(sb, "Anonymous:", mss->anonymous);
	put_smap_kb(sb, "KSM:", 0);
	put_smap_kb(sb, "LazyFree:", 0);
	put_smap_kb(sb, "AnonHugePages:", 0);
	put_smap_kb(sb, "ShmemPmdMapped:", 0);
	put_smap_kb(sb, "FilePmdMapped:", 0);
	put_smap_kb(sb, "Shared_Hugetlb:", 0);
	sb_printf(sb, "%-17s%7llu kB\n", "Private_Hugetlb:", 0ULL);
	put_smap_kb(sb, "Swap:", mss->swap);
	put_smap_kb(sb, "SwapPss:", mss->swap_pss >> PSS_SHIFT);
	put_smap_kb(sb, "Locked:", mss->pss_locked >> PSS_SHIFT);
}

/* show_vma_header_prefix(), padded to where the name starts. */
static void show_vma_header(struct strbuf *sb, unsigned long start,
			    unsigned long end, unsigned long flags,
			    unsigned long ino, const char *name)
{
	size_t from = sb->len;

	sb_printf(sb, "%08lx-%08lx %c%c%c%c %08x 00:00 %lu ", start, end,
		  flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		  flags & VM_EXEC ? 'x' : '-', flags & VM_SHARED ? 's' : 'p',
		  0, ino);
	if (name) {
		while (sb->len - from < 25 + sizeof(void *) * 6 - 1)
			sb_puts(sb, " ");
		sb_puts(sb, name);
	}
	sb_puts(sb, "\n");
}

void show_smaps(struct strbuf *sb, struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		struct mem_size_stats mss = { 0 };
		struct inode *inode = vma->vm_file;

		smap_gather_stats(vma, &mss);
		show_vma_header(sb, vma->vm_start, vma->vm_end, vma->vm_flags,
				inode ? inode->i_ino : 0,
				inode ? inode->path : NULL);
		put_smap_kb(sb, "Size:", vma->vm_end - vma->vm_start);
		put_smap_kb(sb, "KernelPageSize:", PAGE_SIZE);
		put_smap_kb(sb, "MMUPageSize:", PAGE_SIZE);
		show_smap(sb, &mss, false);
	}
}

void show_smaps_rollup(struct strbuf *sb, struct mm_struct *mm)
{
	struct mem_size_stats mss = { 0 };
	unsigned long start = 0, end = 0;
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (!end)
			start = vma->vm_start;
		smap_gather_stats(vma, &mss);
		end = vma->vm_end;
	}
	show_vma_header(sb, start, end, 0, 0, "[rollup]");
	show_smap(sb, &mss, true);
}
