// SPDX-License-Identifier: GPL-2.0
/*
 * Page tables and page faults (mm/memory.c).
 *
 * Four levels of 512-entry tables, each table a real frame of the machine
 * charged to the faulting task's memcg (GFP_PGTABLE_USER is accounted) and
 * counted as pagetables.  Faults: anonymous (zero page on read), file and
 * shmem (through the page cache), copy-on-write after fork and for private
 * file mappings, write-protect faults on shared mappings, and swap entries
 * (do_swap_page).
 *
 * Differences: no THP, no fault-around (6.12 maps up to 16 neighbouring
 * page-cache pages on a read fault of a file mapping; the model maps one).
 */
#include "mm.h"

#include <errno.h>
#include <string.h>

#include "include/fs.h"
#include "include/memory_model.h"
#include "include/sched.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/page_alloc.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "mm/vmstat.h"

static pte_t *table(struct machine *m, unsigned long pfn)
{
	return pfn_address(m, pfn);
}

/* ---- page-table pages ---- */

static int pgtable_alloc(struct mm_struct *mm, unsigned long *pfnp)
{
	struct machine *m = mm->machine;
	struct folio *folio = folio_alloc(m, GFP_PGTABLE_USER, -1);

	if (!folio)
		return -ENOMEM;
	if (memcg_kmem_charge_page(m, folio, GFP_PGTABLE_USER)) {
		folio_put(m, folio);
		return -ENOMEM;
	}
	folio_set(folio, PG_pgtable);
	lruvec_stat_mod_folio(m, folio, NR_PAGETABLE, 1);
	mm->pgtables_bytes += PAGE_SIZE;
	*pfnp = folio_pfn(m, folio);
	return 0;
}

static void pgtable_free(struct mm_struct *mm, unsigned long pfn)
{
	struct machine *m = mm->machine;
	struct folio *folio = pfn_folio(m, pfn);

	mm->pte_cache_key = 0;
	lruvec_stat_mod_folio(m, folio, NR_PAGETABLE, -1);
	folio_clear(folio, PG_pgtable);
	mm->pgtables_bytes -= PAGE_SIZE;
	folio_put(m, folio);
}

int pgd_alloc(struct mm_struct *mm)
{
	return pgtable_alloc(mm, &mm->pgd);
}

/*
 * Free the tables below @pfn (whose entries each span 1 << @shift bytes
 * from @base) that lie entirely inside [@floor, @ceiling): nothing else
 * can map there, as free_pgtables() reasons.
 */
static void free_tables(struct mm_struct *mm, unsigned long pfn, int shift,
			unsigned long base, unsigned long floor,
			unsigned long ceiling)
{
	pte_t *tbl = table(mm->machine, pfn);
	int i;

	for (i = 0; i < PTRS_PER_TABLE; i++) {
		unsigned long s = base + ((unsigned long)i << shift);
		unsigned long e = s + (1UL << shift);
		unsigned long child;

		if (e <= floor || s >= ceiling || !pte_present(tbl[i]))
			continue;
		child = pte_pfn(tbl[i]);
		if (shift > PMD_SHIFT)
			free_tables(mm, child, shift - 9, s, floor, ceiling);
		if (s >= floor && e <= ceiling) {
			tbl[i] = 0;
			pgtable_free(mm, child);
		}
	}
}

void free_pgd_range(struct mm_struct *mm, unsigned long floor,
		    unsigned long ceiling)
{
	if (!mm->pgd)
		return;
	free_tables(mm, mm->pgd, PGDIR_SHIFT, 0, floor, ceiling);
}

void pgd_free(struct mm_struct *mm)
{
	if (!mm->pgd)
		return;
	pgtable_free(mm, mm->pgd);
	mm->pgd = 0;
}

static pte_t *pte_walk(struct mm_struct *mm, unsigned long addr, bool alloc)
{
	struct machine *m = mm->machine;
	unsigned long key = (addr >> PMD_SHIFT) + 1;
	unsigned long pfn = mm->pgd;
	int shift;

	if (mm->pte_cache_key == key)
		return &mm->pte_cache[(addr >> PAGE_SHIFT) & (PTRS_PER_TABLE - 1)];
	for (shift = PGDIR_SHIFT; shift > PAGE_SHIFT; shift -= 9) {
		pte_t *e = &table(m, pfn)[(addr >> shift) & (PTRS_PER_TABLE - 1)];

		if (!pte_present(*e)) {
			unsigned long npfn;

			if (!alloc || pgtable_alloc(mm, &npfn))
				return NULL;
			*e = pfn_pte(npfn, _PAGE_RW);
		}
		pfn = pte_pfn(*e);
	}
	mm->pte_cache_key = key;
	mm->pte_cache = table(m, pfn);
	return &mm->pte_cache[(addr >> PAGE_SHIFT) & (PTRS_PER_TABLE - 1)];
}

pte_t *pte_lookup(struct mm_struct *mm, unsigned long addr)
{
	return pte_walk(mm, addr, false);
}

struct folio *vm_normal_folio(struct vm_area_struct *vma, unsigned long addr)
{
	struct machine *m = vma->vm_mm->machine;
	pte_t *pte = pte_lookup(vma->vm_mm, addr);

	if (!pte || !pte_present(*pte) || pte_pfn(*pte) == m->zero_pfn)
		return NULL;
	return pfn_folio(m, pte_pfn(*pte));
}

/* ---- helpers for mapping folios ---- */

static void mm_counter_add(struct mm_struct *mm, struct folio *folio, long n)
{
	int member = MM_FILEPAGES;

	if (folio_test_anon(folio))
		member = MM_ANONPAGES;
	else if (folio_test(folio, PG_swapbacked))
		member = MM_SHMEMPAGES;
	mm->rss_stat[member] += n;
}

static void folio_add_lru_vma(struct machine *m, struct folio *folio,
			      struct vm_area_struct *vma)
{
	folio_add_lru(m, folio);
	if (vma->vm_flags & VM_LOCKED)
		folio_mlock(m, folio);
}

/* A new exclusive anonymous folio mapped writable at @addr. */
static struct folio *alloc_anon_folio(struct vm_area_struct *vma,
				      unsigned int *ret)
{
	struct machine *m = vma->vm_mm->machine;
	struct folio *folio;

	if (anon_vma_prepare(vma)) {
		*ret = VM_FAULT_OOM;
		return NULL;
	}
	folio = folio_alloc(m, GFP_HIGHUSER_MOVABLE, -1);
	if (!folio) {
		*ret = VM_FAULT_OOM;
		return NULL;
	}
	if (mem_cgroup_charge(folio, vma->vm_mm, GFP_KERNEL)) {
		folio_put(m, folio);
		*ret = VM_FAULT_OOM;
		return NULL;
	}
	folio_set(folio, PG_swapbacked);
	folio_set(folio, PG_uptodate);
	return folio;
}

static void map_new_anon_folio(struct vm_area_struct *vma, unsigned long addr,
			       pte_t *pte, struct folio *folio)
{
	struct machine *m = vma->vm_mm->machine;

	folio_add_new_anon_rmap(m, folio, vma, addr);
	folio_add_lru_vma(m, folio, vma);
	mm_counter_add(vma->vm_mm, folio, 1);
	*pte = pfn_pte(folio_pfn(m, folio), _PAGE_RW | _PAGE_DIRTY |
		       _PAGE_SOFT_DIRTY);
}

/* ---- the fault handlers ---- */

static unsigned int do_anonymous_page(struct vm_area_struct *vma,
				      unsigned long addr, pte_t *pte,
				      unsigned int flags)
{
	struct machine *m = vma->vm_mm->machine;
	struct folio *folio;
	unsigned int ret = 0;

	if (!(flags & FAULT_FLAG_WRITE)) {
		/* reads of untouched anonymous memory share the zero page */
		*pte = pfn_pte(m->zero_pfn, 0);
		return 0;
	}
	folio = alloc_anon_folio(vma, &ret);
	if (!folio)
		return ret;
	memset(folio_address(m, folio), 0, PAGE_SIZE);
	map_new_anon_folio(vma, addr, pte, folio);
	return 0;
}

/* Copy-on-write: a private copy of @old (NULL: the zero page). */
static unsigned int wp_page_copy(struct vm_area_struct *vma,
				 unsigned long addr, pte_t *pte,
				 struct folio *old)
{
	struct machine *m = vma->vm_mm->machine;
	unsigned int ret = 0;
	struct folio *folio = alloc_anon_folio(vma, &ret);
	u8 *dst;

	if (!folio)
		return ret;
	dst = folio_address(m, folio);
	if (old)
		memcpy(dst, folio_address(m, old), PAGE_SIZE);
	else
		memset(dst, 0, PAGE_SIZE);
	if (old) {
		mm_counter_add(vma->vm_mm, old, -1);
		folio_remove_rmap_pte(m, old, vma);
	}
	map_new_anon_folio(vma, addr, pte, folio);
	if (old)
		folio_put(m, old);
	return 0;
}

static bool wp_can_reuse_anon_folio(struct folio *folio)
{
	if (folio_test(folio, PG_anon_exclusive))
		return true;
	return folio_mapcount(folio) == 1 && !folio_test(folio, PG_swapcache);
}

static unsigned int do_wp_page(struct vm_area_struct *vma, unsigned long addr,
			       pte_t *pte)
{
	struct machine *m = vma->vm_mm->machine;
	unsigned long pfn = pte_pfn(*pte);
	struct folio *folio;

	if (pfn == m->zero_pfn)
		return wp_page_copy(vma, addr, pte, NULL);
	folio = pfn_folio(m, pfn);
	if (vma->vm_flags & VM_SHARED) {
		/* first write to a shared mapping: the page becomes dirty,
		 * with the disk block its writeback will need */
		if (inode_reserve_block(m, vma->vm_file, folio->index))
			return VM_FAULT_SIGBUS;
		folio_mark_dirty(m, folio);
		*pte |= _PAGE_RW | _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
		return 0;
	}
	if (folio_test_anon(folio) && wp_can_reuse_anon_folio(folio)) {
		folio_set(folio, PG_anon_exclusive);
		*pte |= _PAGE_RW | _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
		return 0;
	}
	return wp_page_copy(vma, addr, pte, folio);
}

static unsigned int do_fault(struct vm_area_struct *vma, unsigned long addr,
			     pte_t *pte, unsigned int flags)
{
	struct machine *m = vma->vm_mm->machine;
	unsigned long index = linear_page_index(vma, addr);
	bool write = flags & FAULT_FLAG_WRITE;
	unsigned int ret = 0;
	struct folio *folio;
	int err;

	/* filemap_fault(), shmem_fault(): no page past the end of the file */
	if (index >= DIV_ROUND_UP(vma->vm_file->i_size, PAGE_SIZE))
		return VM_FAULT_SIGBUS;
	/* page_mkwrite(): the block a shared write will need, or SIGBUS */
	if (write && (vma->vm_flags & VM_SHARED) &&
	    inode_reserve_block(m, vma->vm_file, index))
		return VM_FAULT_SIGBUS;
	err = filemap_fault(m, vma, index, &folio, &ret);
	if (err)
		return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	if (write && !(vma->vm_flags & VM_SHARED)) {
		/* do_cow_fault: a private copy, the page-cache folio unmapped */
		struct folio *new = alloc_anon_folio(vma, &ret);

		if (new) {
			memcpy(folio_address(m, new), folio_address(m, folio),
			       PAGE_SIZE);
			map_new_anon_folio(vma, addr, pte, new);
		}
		folio_put(m, folio);
		return ret;
	}
	folio_add_file_rmap_pte(m, folio, vma);
	mm_counter_add(vma->vm_mm, folio, 1);
	*pte = pfn_pte(folio_pfn(m, folio), 0);
	if (write) {
		folio_mark_dirty(m, folio);
		*pte |= _PAGE_RW | _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
	}
	return ret;
}

/* ---- swap entries in page tables ---- */

static bool should_try_to_free_swap(struct machine *m, struct folio *folio,
				    struct vm_area_struct *vma,
				    unsigned int flags)
{
	if (!folio_test(folio, PG_swapcache))
		return false;
	if (mem_cgroup_swap_full(m, folio) || (vma->vm_flags & VM_LOCKED) ||
	    folio_test(folio, PG_mlocked))
		return true;
	/* a write fault on the only user: the swap copy is stale anyway */
	return (flags & FAULT_FLAG_WRITE) && folio->_refcount == 3;
}

static unsigned int do_swap_page(struct vm_area_struct *vma, unsigned long addr,
			  pte_t *pte, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct machine *m = mm->machine;
	swp_entry_t entry = pte_to_swp_entry(*pte);
	bool exclusive = *pte & _PAGE_SWP_EXCLUSIVE;
	unsigned int ret = 0;
	struct folio *folio;
	int err;

	if (!swp_swap_info(m, entry))
		return VM_FAULT_SIGBUS;
	folio = swap_cache_get_folio(m, entry);
	if (folio) {
		folio_get(folio);
	} else {
		err = swapin_folio(m, entry, mm, &folio, &ret);
		if (err == -ENOMEM)
			return VM_FAULT_OOM;
		if (err)
			return VM_FAULT_SIGBUS;
	}
	if (anon_vma_prepare(vma)) {
		folio_put(m, folio);
		return VM_FAULT_OOM;
	}
	folio_add_anon_rmap_pte(m, folio, vma, addr);
	if (exclusive)
		folio_set(folio, PG_anon_exclusive);
	mm->rss_stat[MM_SWAPENTS]--;
	mm->rss_stat[MM_ANONPAGES]++;
	swap_free(m, entry);
	*pte = pfn_pte(folio_pfn(m, folio), 0);
	if ((flags & FAULT_FLAG_WRITE) && folio_test(folio, PG_anon_exclusive))
		*pte |= _PAGE_RW | _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
	if (should_try_to_free_swap(m, folio, vma, flags))
		folio_free_swap(m, folio);
	if (vma->vm_flags & VM_LOCKED)
		folio_mlock(m, folio);
	/* the reference we hold becomes the mapping's */
	return ret;
}

static void zap_swap_pte(struct vm_area_struct *vma, pte_t *pte)
{
	struct machine *m = vma->vm_mm->machine;
	swp_entry_t entry = pte_to_swp_entry(*pte);

	*pte = 0;
	if (!swp_swap_info(m, entry))
		return;		/* a marker: nothing behind it */
	vma->vm_mm->rss_stat[MM_SWAPENTS]--;
	free_swap_and_cache(m, entry);
}

static int copy_swap_pte(struct vm_area_struct *dst, struct vm_area_struct *src,
		  pte_t *dpte, pte_t *spte)
{
	struct machine *m = src->vm_mm->machine;
	swp_entry_t entry = pte_to_swp_entry(*spte);

	if (swp_swap_info(m, entry)) {
		if (swap_duplicate(m, entry))
			return -ENOMEM;
		dst->vm_mm->rss_stat[MM_SWAPENTS]++;
		/* both sides may map it later: no longer exclusive */
		*spte &= ~_PAGE_SWP_EXCLUSIVE;
	}
	*dpte = *spte;
	return 0;
}

static void count_fault(struct mm_struct *mm, unsigned int ret)
{
	struct machine *m = mm->machine;
	struct mem_cgroup *memcg = get_mem_cgroup_from_mm(mm);

	count_vm_event(m, PGFAULT);
	count_memcg_events(memcg, PGFAULT, 1);
	if (ret & VM_FAULT_MAJOR) {
		count_vm_event(m, PGMAJFAULT);
		count_memcg_events(memcg, PGMAJFAULT, 1);
	}
	css_put(&memcg->css);
}

unsigned int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr,
			     unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned int ret;
	pte_t *pte;

	pte = pte_walk(mm, addr, true);
	if (!pte)
		ret = VM_FAULT_OOM;
	else if (pte_none(*pte))
		ret = vma->kind == VMA_ANON ? do_anonymous_page(vma, addr, pte, flags)
					    : do_fault(vma, addr, pte, flags);
	else if (!pte_present(*pte))
		ret = do_swap_page(vma, addr, pte, flags);
	else if ((flags & FAULT_FLAG_WRITE) && !pte_write(*pte))
		ret = do_wp_page(vma, addr, pte);
	else
		ret = 0;	/* raced with nothing: already mapped */
	count_fault(mm, ret);
	return ret;
}

unsigned int user_access(struct vm_area_struct *vma, unsigned long addr,
			 bool write, u8 **pagep)
{
	struct mm_struct *mm = vma->vm_mm;
	struct machine *m = mm->machine;
	unsigned int ret;
	pte_t *pte;
	int tries;

	for (tries = 0; tries < 3; tries++) {
		pte = pte_lookup(mm, addr);
		if (pte && pte_present(*pte) && (!write || pte_write(*pte))) {
			*pte |= _PAGE_ACCESSED | (write ? _PAGE_DIRTY : 0);
			*pagep = pfn_address(m, pte_pfn(*pte));
			return 0;
		}
		ret = handle_mm_fault(vma, addr, write ? FAULT_FLAG_WRITE : 0);
		if (ret & VM_FAULT_ERROR)
			return ret;
	}
	return VM_FAULT_SIGBUS;		/* the fault did not map the page */
}

/* ---- unmapping ---- */

/* Private copies (anon folios in a file VMA) go too, unless told to stay. */
static bool should_zap_cows(const struct zap_details *details)
{
	return !details || details->even_cows;
}

static void zap_present_pte(struct vm_area_struct *vma, pte_t *pte,
			    const struct zap_details *details)
{
	struct machine *m = vma->vm_mm->machine;
	unsigned long pfn = pte_pfn(*pte);
	struct folio *folio = pfn == m->zero_pfn ? NULL : pfn_folio(m, pfn);
	pte_t old = *pte;

	if (details && details->single_folio && folio != details->single_folio)
		return;
	if (folio && folio_test_anon(folio) && !should_zap_cows(details))
		return;
	*pte = 0;
	if (!folio)
		return;
	if (!folio_test_anon(folio)) {
		if (pte_dirty(old))
			folio_mark_dirty(m, folio);
		if (pte_young(old))
			folio_mark_accessed(m, folio);
	}
	mm_counter_add(vma->vm_mm, folio, -1);
	folio_remove_rmap_pte(m, folio, vma);
	/* free_swap_cache(): an unmapped swap-cache copy is useless */
	if (folio_test_anon(folio) && !folio_mapped(folio))
		folio_free_swap(m, folio);
	folio_put(m, folio);
}

void zap_page_range_details(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end, const struct zap_details *details)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr;

	update_hiwater_rss(mm);
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = pte_lookup(mm, addr);

		if (!pte) {
			/* no PTE table here: skip to the next 2 MiB */
			addr = (addr | (PMD_SIZE - 1)) + 1 - PAGE_SIZE;
			continue;
		}
		if (pte_none(*pte))
			continue;
		if (pte_present(*pte))
			zap_present_pte(vma, pte, details);
		else if (should_zap_cows(details))
			zap_swap_pte(vma, pte);
	}
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long end)
{
	zap_page_range_details(vma, start, end, NULL);
}

/* The part of @vma that maps file pages [@first, @last], if any. */
static bool vma_file_range(const struct vm_area_struct *vma,
			   unsigned long first, unsigned long last,
			   unsigned long *start, unsigned long *end)
{
	unsigned long vfirst = vma->vm_pgoff;
	unsigned long vlast = vma->vm_pgoff + vma_pages(vma) - 1;

	if (last < vfirst || first > vlast)
		return false;
	*start = vma->vm_start + ((max(first, vfirst) - vfirst) << PAGE_SHIFT);
	*end = vma->vm_start + ((min(last, vlast) - vfirst + 1) << PAGE_SHIFT);
	return true;
}

void unmap_mapping_range(struct address_space *mapping, unsigned long first,
			 unsigned long nr, bool even_cows)
{
	struct zap_details details = { .even_cows = even_cows };
	unsigned long last = nr ? first + nr - 1 : ULONG_MAX;
	struct vm_area_struct *vma, *n;
	unsigned long start, end;

	list_for_each_entry_safe(vma, n, &mapping->i_mmap, shared)
		if (vma_file_range(vma, first, last, &start, &end))
			zap_page_range_details(vma, start, end, &details);
}

void unmap_mapping_folio(struct machine *m, struct folio *folio)
{
	struct zap_details details = {
		.single_folio = folio,
		.zap_flags = ZAP_FLAG_DROP_MARKER,
	};
	struct address_space *mapping = folio_mapping(folio);
	struct vm_area_struct *vma, *n;
	unsigned long start, end;

	list_for_each_entry_safe(vma, n, &mapping->i_mmap, shared)
		if (vma_file_range(vma, folio->index, folio->index, &start, &end))
			zap_page_range_details(vma, start, end, &details);
}

/* ---- fork ---- */

static int copy_present_pte(struct vm_area_struct *dst_vma,
			    struct vm_area_struct *src_vma, pte_t *dst,
			    pte_t *src)
{
	struct machine *m = src_vma->vm_mm->machine;
	unsigned long pfn = pte_pfn(*src);
	struct folio *folio;

	if (pfn != m->zero_pfn) {
		folio = pfn_folio(m, pfn);
		folio_get(folio);
		if (folio_test_anon(folio)) {
			folio_dup_anon_rmap(folio);
			/* both sides now share it read-only until one writes */
			*src &= ~_PAGE_RW;
		} else {
			folio->_mapcount++;
		}
		mm_counter_add(dst_vma->vm_mm, folio, 1);
	}
	*dst = *src & ~_PAGE_ACCESSED;
	return 0;
}

/*
 * Copy the PTEs of @src into @dst.  As in 6.12, mappings without anonymous
 * pages are not copied: the child faults them in from the page cache.
 */
int copy_page_range(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	struct mm_struct *src_mm = src->vm_mm;
	unsigned long addr;

	if (!src->anon_vma)
		return 0;
	for (addr = src->vm_start; addr < src->vm_end; addr += PAGE_SIZE) {
		pte_t *s = pte_lookup(src_mm, addr), *d;
		int err;

		if (!s) {
			addr = (addr | (PMD_SIZE - 1)) + 1 - PAGE_SIZE;
			continue;
		}
		if (pte_none(*s))
			continue;
		d = pte_walk(dst->vm_mm, addr, true);
		if (!d)
			return -ENOMEM;
		if (pte_present(*s))
			err = copy_present_pte(dst, src, d, s);
		else
			err = copy_swap_pte(dst, src, d, s);
		if (err)
			return err;
	}
	return 0;
}
