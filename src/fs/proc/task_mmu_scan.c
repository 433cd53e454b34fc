// SPDX-License-Identifier: GPL-2.0
/*
 * The PAGEMAP_SCAN ioctl of /proc/PID/pagemap (fs/proc/task_mmu.c's
 * do_pagemap_scan()): the pages of a range whose categories match, as
 * regions of equal categories, optionally write-protecting what matched
 * (PM_SCAN_WP_MATCHING), for userfaultfd's asynchronous write-protect.
 *
 * A page's categories: PRESENT, WRITTEN (not uffd-wp protected; a none
 * PTE counts as written, as Debian's 6.12.118 backport has it), FILE (a
 * present page that is not anonymous), PFNZERO, SOFT_DIRTY; SWAPPED for
 * any other non-none PTE, markers included (WRITTEN unless it carries
 * uffd-wp); and from the VMA, WPALLOWED (async uffd-wp with markers) and
 * SOFT_DIRTY (VM_SOFTDIRTY).  A page matches when, after XOR with
 * category_inverted, it has all of category_mask and, if given, any of
 * category_anyof_mask.  Matches merge into regions while adjacent and
 * equal in their categories (AND return_mask); max_pages and the vector's
 * length stop the walk, and walk_end says where.  The kernel fills the
 * vector through a bounce buffer of at most 512 regions and flushes it
 * when full, so a run of pages split at a flush stays two regions: the
 * model does the same.
 *
 * Differences: no THP or hugetlb entries, no access_ok() faults.
 */
#include "fs/proc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "include/memory_model.h"
#include "include/sched.h"
#include "include/swapops.h"
#include "include/userfaultfd_k.h"
#include "mm/mm.h"
#include "mm/pagewalk.h"

#define PAGEMAP_WALK_REGIONS	(PMD_SIZE >> PAGE_SHIFT)

struct pagemap_scan_private {
	struct machine *m;
	struct pm_scan_arg arg;
	unsigned long masks_of_interest, cur_vma_category;
	struct page_region *vec_buf;
	size_t vec_buf_len, vec_buf_index;
	unsigned long found_pages;
};

static unsigned long pagemap_page_category(struct pagemap_scan_private *p,
					   struct vm_area_struct *vma,
					   pte_t pte)
{
	unsigned long categories = 0;
	struct folio *folio;

	if (pte_none(pte))
		return PAGE_IS_WRITTEN;
	if (pte_present(pte)) {
		categories |= PAGE_IS_PRESENT;
		if (!(pte & _PAGE_UFFD_WP))
			categories |= PAGE_IS_WRITTEN;
		if (pte_pfn(pte) == p->m->zero_pfn) {
			categories |= PAGE_IS_PFNZERO;
		} else if (p->masks_of_interest & PAGE_IS_FILE) {
			folio = pfn_folio(p->m, pte_pfn(pte));
			if (!folio_test_anon(folio))
				categories |= PAGE_IS_FILE;
		}
		if (pte & _PAGE_SOFT_DIRTY)
			categories |= PAGE_IS_SOFT_DIRTY;
		return categories;
	}
	categories |= PAGE_IS_SWAPPED;
	if (!(pte & _PAGE_SWP_UFFD_WP) && !is_uffd_wp_marker(pte))
		categories |= PAGE_IS_WRITTEN;
	if (pte & _PAGE_SWP_SOFT_DIRTY)
		categories |= PAGE_IS_SOFT_DIRTY;
	return categories;
}

static bool pte_uffd_wp_any(pte_t pte)
{
	if (pte_present(pte))
		return pte & _PAGE_UFFD_WP;
	return is_swap_pte(pte) && ((pte & _PAGE_SWP_UFFD_WP) ||
				    is_uffd_wp_marker(pte));
}

static void make_uffd_wp_pte(pte_t *pte)
{
	if (pte_present(*pte))
		*pte = pte_mkuffd_wp(*pte);
	else if (is_swap_pte(*pte))
		*pte |= _PAGE_SWP_UFFD_WP;
	else
		*pte = make_pte_marker(PTE_MARKER_UFFD_WP);
}

static bool scan_interesting(unsigned long categories,
			     const struct pagemap_scan_private *p)
{
	categories ^= p->arg.category_inverted;
	if ((categories & p->arg.category_mask) != p->arg.category_mask)
		return false;
	return !p->arg.category_anyof_mask ||
	       (categories & p->arg.category_anyof_mask);
}

/* Append [@addr, @end) to the bounce buffer, merging when it can. */
static bool scan_push_range(unsigned long categories,
			    struct pagemap_scan_private *p, u64 addr, u64 end)
{
	struct page_region *cur = &p->vec_buf[p->vec_buf_index];

	if (addr == cur->end && categories == cur->categories) {
		cur->end = end;
		return true;
	}
	if (cur->end) {
		if (p->vec_buf_index >= p->vec_buf_len - 1)
			return false;
		cur = &p->vec_buf[++p->vec_buf_index];
	}
	cur->start = addr;
	cur->end = end;
	cur->categories = categories;
	return true;
}

/* pagemap_scan_output(): -ENOSPC once max_pages or the buffer is full. */
static int scan_output(unsigned long categories,
		       struct pagemap_scan_private *p, u64 addr, u64 *end)
{
	unsigned long n_pages = (*end - addr) >> PAGE_SHIFT, total;
	int ret = 0;

	if (!p->vec_buf)
		return 0;
	categories &= p->arg.return_mask;
	total = p->found_pages + n_pages;
	if (total > p->arg.max_pages) {
		n_pages -= total - p->arg.max_pages;
		*end = addr + ((u64)n_pages << PAGE_SHIFT);
		ret = -ENOSPC;
	}
	if (!scan_push_range(categories, p, addr, *end)) {
		*end = addr;
		n_pages = 0;
		ret = -ENOSPC;
	}
	p->found_pages += n_pages;
	if (ret)
		p->arg.walk_end = *end;
	return ret;
}

static int scan_pte_entry(pte_t *pte, unsigned long addr, struct mm_walk *walk)
{
	struct pagemap_scan_private *p = walk->private;
	bool wp = p->arg.flags & PM_SCAN_WP_MATCHING;
	unsigned long categories;
	u64 next = addr + PAGE_SIZE;
	int ret;

	if (wp && !p->vec_buf) {
		/* the fast path: protect whatever is not protected yet */
		if (!pte_uffd_wp_any(*pte))
			make_uffd_wp_pte(pte);
		return 0;
	}
	categories = p->cur_vma_category |
		     pagemap_page_category(p, walk->vma, *pte);
	if (!scan_interesting(categories, p))
		return 0;
	ret = scan_output(categories, p, addr, &next);
	if (next == addr)
		return ret;
	if (wp && (categories & PAGE_IS_WRITTEN))
		make_uffd_wp_pte(pte);
	return ret;
}

/* No PTE table: written in a uffd-wp VMA (its markers were zapped). */
static int scan_pte_hole(unsigned long addr, unsigned long end,
			 struct mm_walk *walk)
{
	struct pagemap_scan_private *p = walk->private;
	unsigned long categories = p->cur_vma_category;
	u64 stop = end;
	int ret;

	if (userfaultfd_wp(walk->vma))
		categories |= PAGE_IS_WRITTEN;
	if (!scan_interesting(categories, p))
		return 0;
	ret = scan_output(categories, p, addr, &stop);
	if (stop == addr || !(p->arg.flags & PM_SCAN_WP_MATCHING))
		return ret;
	if (uffd_wp_range(walk->vma, addr, stop, true) < 0)
		ret = -ENOMEM;
	return ret;
}

/* pagemap_scan_test_walk(): 1 skips the VMA, < 0 fails the scan. */
static int scan_test_vma(struct vm_area_struct *vma,
			 struct pagemap_scan_private *p)
{
	bool wp_allowed = userfaultfd_wp_async(vma) &&
			  userfaultfd_wp_use_markers(vma);
	unsigned long category = 0, required;

	if (!wp_allowed && (p->arg.flags & PM_SCAN_CHECK_WPASYNC))
		return -EPERM;
	if (!wp_allowed && (p->arg.flags & PM_SCAN_WP_MATCHING))
		return 1;
	if (wp_allowed)
		category |= PAGE_IS_WPALLOWED;
	if (vma->vm_flags & VM_SOFTDIRTY)
		category |= PAGE_IS_SOFT_DIRTY;
	required = p->arg.category_mask & PAGE_IS_WPALLOWED;
	if (((category ^ p->arg.category_inverted) & required) != required)
		return 1;
	p->cur_vma_category = category;
	return 0;
}

static int scan_walk(struct pagemap_scan_private *p, struct mm_struct *mm,
		     u64 start, u64 end)
{
	static const struct mm_walk_ops ops = {
		.pte_entry = scan_pte_entry,
		.pte_hole = scan_pte_hole,
	};
	struct vm_area_struct *vma;
	int ret;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_end <= start)
			continue;
		if (vma->vm_start >= end)
			break;
		ret = scan_test_vma(vma, p);
		if (ret > 0)
			continue;
		if (!ret)
			ret = walk_page_range_vma(vma, max(start, vma->vm_start),
						  min(end, vma->vm_end), &ops,
						  p);
		if (ret)
			return ret;
	}
	return 0;
}

/* pagemap_scan_get_args(): what the kernel refuses before walking */
static int scan_check_args(struct pm_scan_arg *arg)
{
	if (arg->flags & ~PM_SCAN_FLAGS)
		return -EINVAL;
	if ((arg->category_inverted | arg->category_mask |
	     arg->category_anyof_mask | arg->return_mask) & ~PM_SCAN_CATEGORIES)
		return -EINVAL;
	if (arg->start & ~PAGE_MASK)
		return -EINVAL;
	if (arg->end < arg->start)
		return -EFAULT;
	if (!arg->vec && arg->vec_len)
		return -EINVAL;
	arg->end = ALIGN(arg->end, PAGE_SIZE);
	arg->walk_end = 0;
	if (!arg->max_pages)
		arg->max_pages = ULONG_MAX;
	return 0;
}

/* Copy what the bounce buffer holds out to the caller's vector. */
static long scan_flush_buffer(struct pagemap_scan_private *p,
			      struct page_region **out)
{
	long n = p->vec_buf_index;

	if (!p->vec_buf)
		return 0;
	if (p->vec_buf[n].end != p->vec_buf[n].start)
		n++;
	if (!n)
		return 0;
	memcpy(*out, p->vec_buf, n * sizeof(**out));
	*out += n;
	p->arg.vec_len -= n;
	p->vec_buf_index = 0;
	p->vec_buf_len = min(p->vec_buf_len, (size_t)p->arg.vec_len);
	p->vec_buf[0].start = p->vec_buf[0].end = 0;
	return n;
}

long do_pagemap_scan(struct machine *m, struct mm_struct *mm,
		     struct pm_scan_arg *arg, struct page_region *vec)
{
	struct pagemap_scan_private p = { .m = m, .arg = *arg };
	struct page_region *out = vec;
	long ret, n_out = 0;
	u64 walk_start;

	ret = scan_check_args(&p.arg);
	if (ret)
		return ret;
	p.masks_of_interest = p.arg.category_mask | p.arg.category_anyof_mask |
			      p.arg.return_mask;
	if (p.arg.vec_len) {
		p.vec_buf_len = min((u64)PAGEMAP_WALK_REGIONS, p.arg.vec_len);
		p.vec_buf = calloc(p.vec_buf_len, sizeof(*p.vec_buf));
		if (!p.vec_buf)
			return -ENOMEM;
	}
	for (walk_start = p.arg.start; walk_start < p.arg.end;
	     walk_start = p.arg.walk_end) {
		ret = scan_walk(&p, mm, walk_start, p.arg.end);
		n_out += scan_flush_buffer(&p, &out);
		if (ret != -ENOSPC)
			break;
		if (!p.arg.vec_len || p.found_pages == p.arg.max_pages)
			break;
	}
	if (!ret || ret == -ENOSPC)
		ret = n_out;
	if (!p.arg.walk_end)
		p.arg.walk_end = p.arg.end;
	arg->walk_end = p.arg.walk_end;
	free(p.vec_buf);
	return ret;
}
