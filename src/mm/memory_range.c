// SPDX-License-Identifier: GPL-2.0
/*
 * Ranges of PTEs torn down or duplicated (mm/memory.c's zap_pte_range(),
 * unmap_mapping_range() and copy_page_range()).
 *
 * A zap clears what its caller asks for (struct zap_details): munmap and
 * exit everything, markers included; MADV_DONTNEED everything but the
 * uffd-wp markers of file and shmem VMAs; truncation one page-cache folio,
 * or a file range with or without its private copies.  Fork copies the
 * PTEs of a VMA only when the child needs them (vma_needs_copy): one with
 * anonymous pages, or one the child keeps registered for uffd-wp.
 *
 * PTE markers: a uffd-wp marker goes with any zap of an anonymous VMA, but
 * in a file or shmem VMA only with ZAP_FLAG_DROP_MARKER, and a zap that
 * clears a write-protected PTE of a uffd-wp file VMA leaves a marker in
 * its place (pte_install_uffd_wp_if_needed); a poisoned marker goes with
 * the private copies; fork copies a poisoned marker always and a uffd-wp
 * one when the child's VMA is uffd-wp too.  The PAGEOUT marker of the
 * pagemap.shmem_swap=marker design goes with every zap and is never copied.
 */
#include "mm.h"

#include <errno.h>

#include "include/memory_model.h"
#include "include/swapops.h"
#include "include/userfaultfd_k.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/pagewalk.h"
#include "mm/swap.h"
#include "mm/swapfile.h"

/* ---- uffd-wp markers in place of cleared PTEs ---- */

/*
 * pte_install_uffd_wp_if_needed(): @pte was just cleared from @pteval; in
 * a uffd-wp file or shmem VMA, a write-protected PTE (present, swap or a
 * marker) leaves a UFFD_WP marker so that the protection outlives it.
 */
bool pte_install_uffd_wp_if_needed(struct vm_area_struct *vma, pte_t *pte,
				   pte_t pteval)
{
	bool arm = false;

	if (vma_is_anonymous(vma) || !userfaultfd_wp(vma))
		return false;
	if (pte_present(pteval) && (pteval & _PAGE_UFFD_WP))
		arm = true;
	if (is_swap_pte(pteval) && ((pteval & _PAGE_SWP_UFFD_WP) ||
				    is_uffd_wp_marker(pteval)))
		arm = true;
	if (arm)
		*pte = make_pte_marker(PTE_MARKER_UFFD_WP);
	return arm;
}

/* ---- unmapping ---- */

/* Private copies (anon folios in a file VMA) go too, unless told to stay. */
static bool should_zap_cows(const struct zap_details *details)
{
	return !details || details->even_cows;
}

static bool zap_drop_file_uffd_wp(const struct zap_details *details)
{
	return details && (details->zap_flags & ZAP_FLAG_DROP_MARKER);
}

static void zap_install_uffd_wp_if_needed(struct vm_area_struct *vma,
					  pte_t *pte,
					  const struct zap_details *details,
					  pte_t pteval)
{
	if (vma_is_anonymous(vma) || zap_drop_file_uffd_wp(details))
		return;
	pte_install_uffd_wp_if_needed(vma, pte, pteval);
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
	zap_install_uffd_wp_if_needed(vma, pte, details, old);
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

/* May this marker go?  (zap_pte_range()'s marker cases.) */
static bool zap_marker(struct vm_area_struct *vma, pte_marker marker,
		       const struct zap_details *details)
{
	if (marker & PTE_MARKER_PAGEOUT) {
		pagemap_stat_add_mm(vma->vm_mm, PMS_MARKERS_ZAPPED, 1);
		return true;
	}
	if (marker & PTE_MARKER_UFFD_WP)
		return vma_is_anonymous(vma) || zap_drop_file_uffd_wp(details);
	return should_zap_cows(details);	/* poisoned */
}

static void zap_nonpresent_pte(struct vm_area_struct *vma, pte_t *pte,
			       const struct zap_details *details)
{
	struct machine *m = vma->vm_mm->machine;
	swp_entry_t entry = pte_to_swp_entry(*pte);
	pte_t old = *pte;

	if (details && details->single_folio)
		return;		/* no folio of the page cache behind it */
	if (is_pte_marker_entry(entry)) {
		if (!zap_marker(vma, pte_marker_get(entry), details))
			return;
	} else {
		if (!should_zap_cows(details))
			return;		/* a genuine swap entry: a private page */
		vma->vm_mm->rss_stat[MM_SWAPENTS]--;
		free_swap_and_cache(m, entry);
	}
	*pte = 0;
	zap_install_uffd_wp_if_needed(vma, pte, details, old);
}

static int zap_pte_entry(pte_t *pte, unsigned long addr, struct mm_walk *walk)
{
	if (pte_none(*pte))
		return 0;
	if (pte_present(*pte))
		zap_present_pte(walk->vma, pte, walk->private);
	else
		zap_nonpresent_pte(walk->vma, pte, walk->private);
	return 0;
}

/*
 * Once pages were unmapped the CPU's LRU batches are drained, as
 * tlb_finish_mmu() does before it frees them (free_pages_and_swap_cache()):
 * the munlocks of a locked VMA take effect.
 */
void zap_page_range_details(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end, const struct zap_details *details)
{
	static const struct mm_walk_ops ops = { .pte_entry = zap_pte_entry };
	unsigned long rss = get_mm_rss(vma->vm_mm);

	update_hiwater_rss(vma->vm_mm);
	walk_page_range_vma(vma, start, end, &ops, (void *)details);
	if (get_mm_rss(vma->vm_mm) != rss)
		lru_add_drain(vma->vm_mm->machine);
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long end)
{
	zap_page_range_details(vma, start, end, NULL);
}

/* unmap_vmas(): munmap and exit take everything, markers included. */
void unmap_vma(struct vm_area_struct *vma)
{
	struct zap_details details = {
		.zap_flags = ZAP_FLAG_DROP_MARKER | ZAP_FLAG_UNMAP,
		.even_cows = true,
	};

	zap_page_range_details(vma, vma->vm_start, vma->vm_end, &details);
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

/*
 * folio_needs_cow_for_dma(): an exclusive anonymous page that may be
 * pinned is not shared with the child, which gets its own copy at once
 * (copy_present_page()); the parent keeps the pinned page writable.
 */
static bool needs_early_copy(struct vm_area_struct *src_vma,
			     struct folio *folio)
{
	return folio_test_anon(folio) &&
	       folio_test(folio, PG_anon_exclusive) &&
	       (src_vma->vm_mm->flags & MMF_HAS_PINNED) &&
	       folio_maybe_dma_pinned(folio);
}

static int copy_present_pte(struct vm_area_struct *dst_vma,
			    struct vm_area_struct *src_vma, unsigned long addr,
			    pte_t *dst, pte_t *src)
{
	struct machine *m = src_vma->vm_mm->machine;
	unsigned long pfn = pte_pfn(*src);
	struct folio *folio;

	if (pfn != m->zero_pfn) {
		folio = pfn_folio(m, pfn);
		if (needs_early_copy(src_vma, folio))
			return copy_present_page(dst_vma, src_vma, addr, dst,
						 folio);
		folio_get(folio);
		if (folio_test_anon(folio)) {
			folio_dup_anon_rmap(folio);
			/* both sides now share it read-only until one writes */
			*src &= ~_PAGE_RW;
		} else {
			folio_dup_file_rmap_pte(folio, dst_vma);
		}
		mm_counter_add(dst_vma->vm_mm, folio, 1);
	}
	*dst = *src & ~_PAGE_ACCESSED;
	if (!userfaultfd_wp(dst_vma))
		*dst &= ~_PAGE_UFFD_WP;
	return 0;
}

/* copy_pte_marker(): poison always, uffd-wp if the child is uffd-wp. */
static pte_marker copy_pte_marker(swp_entry_t entry,
				  struct vm_area_struct *dst_vma)
{
	pte_marker srcm = pte_marker_get(entry);
	pte_marker dstm = srcm & PTE_MARKER_POISONED;

	if ((srcm & PTE_MARKER_UFFD_WP) && userfaultfd_wp(dst_vma))
		dstm |= PTE_MARKER_UFFD_WP;
	return dstm;
}

static int copy_nonpresent_pte(struct vm_area_struct *dst,
			       struct vm_area_struct *src, pte_t *dpte,
			       pte_t *spte)
{
	struct machine *m = src->vm_mm->machine;
	swp_entry_t entry = pte_to_swp_entry(*spte);
	pte_marker marker;

	if (is_pte_marker_entry(entry)) {
		marker = copy_pte_marker(entry, dst);
		if (marker)
			*dpte = make_pte_marker(marker);
		return 0;
	}
	if (swp_swap_info(m, entry)) {
		if (swap_duplicate(m, entry))
			return -ENOMEM;
		dst->vm_mm->rss_stat[MM_SWAPENTS]++;
		/* both sides may map it later: no longer exclusive */
		*spte &= ~_PAGE_SWP_EXCLUSIVE;
	}
	*dpte = *spte;
	if (!userfaultfd_wp(dst))
		*dpte &= ~_PAGE_SWP_UFFD_WP;
	return 0;
}

/*
 * vma_needs_copy(): the child gets its page tables copied only where a
 * fault could not refill them: a VMA with anonymous pages, or one whose
 * uffd-wp state (kept in the PTEs) the child keeps.
 */
static bool vma_needs_copy(struct vm_area_struct *dst,
			   struct vm_area_struct *src)
{
	return userfaultfd_wp(dst) || src->anon_vma;
}

struct copy_walk {
	struct vm_area_struct *dst;
	int err;
};

static int copy_pte_entry(pte_t *s, unsigned long addr, struct mm_walk *walk)
{
	struct copy_walk *cw = walk->private;
	pte_t *d;

	pagemap_stat_add_mm(cw->dst->vm_mm, PMS_FORK_PTES, 1);
	if (pte_none(*s))
		return 0;
	d = pte_alloc(cw->dst->vm_mm, addr);
	if (!d) {
		cw->err = -ENOMEM;
		return 1;
	}
	if (pte_present(*s))
		cw->err = copy_present_pte(cw->dst, walk->vma, addr, d, s);
	else
		cw->err = copy_nonpresent_pte(cw->dst, walk->vma, d, s);
	return cw->err ? 1 : 0;
}

int copy_page_range(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	static const struct mm_walk_ops ops = { .pte_entry = copy_pte_entry };
	struct copy_walk cw = { .dst = dst };

	if (!vma_needs_copy(dst, src))
		return 0;
	walk_page_range_vma(src, src->vm_start, src->vm_end, &ops, &cw);
	return cw.err;
}
