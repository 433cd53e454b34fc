// SPDX-License-Identifier: GPL-2.0
/*
 * Page tables and page faults (mm/memory.c).
 *
 * The page tables themselves are pgtable-generic.c's.  Faults: anonymous (zero page on read), file and
 * shmem (through the page cache), copy-on-write after fork and for private
 * file mappings, write-protect faults on shared mappings, and swap entries
 * (do_swap_page).
 *
 * A read fault on a file or shmem mapping first maps the page-cache pages
 * around it that are already there (do_fault_around(): fault_around_bytes,
 * 64 KiB, a debugfs knob), as 6.12 does; every PTE it makes is young, as
 * on x86.
 *
 * Differences: no THP, no userfaultfd, no readahead behind the fault.
 */
#include "mm.h"

#include <errno.h>
#include <string.h>

#include "lib/bitops.h"
#include "lib/kstrtox.h"
#include "lib/strbuf.h"
#include "include/bug.h"
#include "include/kernfs.h"
#include "include/fault-inject.h"
#include "include/fs.h"
#include "include/highmem.h"
#include "include/memory_model.h"
#include "include/sched.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/page_alloc.h"
#include "mm/smemcg.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "mm/vmstat.h"
#include "include/swapops.h"
#include "include/userfaultfd_k.h"

/* ---- helpers for mapping folios ---- */

/* A new folio of @vma: straight to the unevictable list if @vma is locked. */
static void folio_add_lru_vma(struct machine *m, struct folio *folio,
			      struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_LOCKED)
		mlock_new_folio(m, folio);
	else
		folio_add_lru(m, folio);
}

static struct folio *folio_prealloc(struct vm_area_struct *vma,
				    struct mm_struct *charge_mm,
				    unsigned int *ret);

/* A new exclusive anonymous folio mapped writable at @addr. */
static struct folio *alloc_anon_folio(struct vm_area_struct *vma,
				      unsigned int *ret)
{
	return folio_prealloc(vma, vma->vm_mm, ret);
}

/* folio_prealloc(): a new anonymous folio for @vma, charged to @charge_mm */
static struct folio *folio_prealloc(struct vm_area_struct *vma,
				    struct mm_struct *charge_mm,
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
	if (mem_cgroup_charge(folio, charge_mm, GFP_KERNEL)) {
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

/*
 * copy_present_page() at fork: the child's own copy of a page the parent
 * may have pinned, charged (folio_prealloc(src_mm)) to the parent's memcg.
 */
int copy_present_page(struct vm_area_struct *dst_vma,
		      struct vm_area_struct *src_vma, unsigned long addr,
		      pte_t *dst, struct folio *src)
{
	struct machine *m = src_vma->vm_mm->machine;
	unsigned int ret = 0;
	struct folio *folio = folio_prealloc(dst_vma, src_vma->vm_mm, &ret);

	if (!folio)
		return -ENOMEM;
	copy_highpage(m, folio, src);
	map_new_anon_folio(dst_vma, addr, dst, folio);
	return 0;
}

/* ---- the fault handlers ---- */

/*
 * vmf_pte_changed(): an allocation, a read or reclaim may sleep, and
 * while it sleeps another task of the process may fault the same page in
 * (a job running in virtual time), or reclaim may unmap it.  The kernel
 * checks the PTE again under its lock before it maps; so does the model,
 * and backs out if the PTE is no longer what the fault started from.
 */
static bool vmf_pte_changed(const pte_t *pte, pte_t orig)
{
	return *pte != orig;
}

/*
 * A page-missing fault on anonymous memory: the zero page for a read, a
 * new page for a write.  @uffd_wp: the PTE was a uffd-wp marker, so the
 * page is mapped write-protected for userfaultfd (pte_mkuffd_wp()).
 */
static unsigned int do_anonymous_page(struct vm_area_struct *vma,
				      unsigned long addr, pte_t *pte,
				      unsigned int flags, bool uffd_wp)
{
	struct machine *m = vma->vm_mm->machine;
	struct folio *folio;
	unsigned int ret = 0;
	pte_t orig = *pte;

	if (userfaultfd_missing(vma))
		return VM_FAULT_SIGBUS;	/* would wait for its handler */
	if (!(flags & FAULT_FLAG_WRITE)) {
		/* reads of untouched anonymous memory share the zero page */
		*pte = pfn_pte(m->zero_pfn, 0);
	} else {
		folio = alloc_anon_folio(vma, &ret);
		if (!folio)
			return ret;
		if (vmf_pte_changed(pte, orig)) {
			folio_put(m, folio);
			return 0;
		}
		clear_highpage(m, folio);
		map_new_anon_folio(vma, addr, pte, folio);
	}
	if (uffd_wp)
		*pte = pte_mkuffd_wp(*pte);
	return 0;
}

/* Copy-on-write: a private copy of @old (NULL: the zero page). */
static unsigned int wp_page_copy(struct vm_area_struct *vma,
				 unsigned long addr, pte_t *pte,
				 struct folio *old)
{
	struct machine *m = vma->vm_mm->machine;
	unsigned int ret = 0;
	pte_t orig = *pte;
	struct folio *folio;

	if (old)
		folio_get(old);		/* held across the allocation */
	folio = alloc_anon_folio(vma, &ret);
	if (folio && vmf_pte_changed(pte, orig)) {
		folio_put(m, folio);
		folio = NULL;
	}
	if (folio) {
		if (old) {
			copy_highpage(m, folio, old);
			mm_counter_add(vma->vm_mm, old, -1);
			folio_remove_rmap_pte(m, old, vma);
			folio_put(m, old);	/* the mapping's reference */
		} else {
			clear_highpage(m, folio);
		}
		map_new_anon_folio(vma, addr, pte, folio);
	}
	if (old)
		folio_put(m, old);
	return ret;
}

/*
 * First write to a shared mapping: the page becomes dirty, with the disk
 * block its writeback will need (page_mkwrite()).  Finding the block may
 * reclaim, and reclaim may unmap and free this very page: as
 * finish_mkwrite_fault() does, the PTE is checked again afterwards, and
 * a gone page is faulted again, never dirtied behind the page cache.
 */
static unsigned int wp_page_shared(struct vm_area_struct *vma, pte_t *pte,
				   struct folio *folio)
{
	struct machine *m = vma->vm_mm->machine;
	unsigned int ret = 0;
	pte_t orig = *pte;

	folio_get(folio);
	if (inode_reserve_block(m, vma->vm_file, folio->index))
		ret = VM_FAULT_SIGBUS;
	else if (!vmf_pte_changed(pte, orig)) {
		folio_mark_dirty(m, folio);
		*pte |= _PAGE_RW | _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
	}
	folio_put(m, folio);
	return ret;
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

	if (userfaultfd_pte_wp(vma, *pte)) {
		/* with WP_ASYNC the protection just goes; else a handler
		 * would have to resolve it */
		if (!userfaultfd_wp_async(vma))
			return VM_FAULT_SIGBUS;
		*pte &= ~_PAGE_UFFD_WP;
	}
	if (pfn == m->zero_pfn)
		return wp_page_copy(vma, addr, pte, NULL);
	folio = pfn_folio(m, pfn);
	if (vma->vm_flags & VM_SHARED)
		return wp_page_shared(vma, pte, folio);
	if (folio_test_anon(folio) && wp_can_reuse_anon_folio(folio)) {
		folio_set(folio, PG_anon_exclusive);
		*pte |= _PAGE_RW | _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
		return 0;
	}
	return wp_page_copy(vma, addr, pte, folio);
}

/*
 * Map @folio at @addr (@pte) in @vma for a read: the page cache's folio,
 * a young PTE, not writable until a write fault says so.
 */
void set_pte_range(struct vm_area_struct *vma, struct folio *folio,
		   unsigned long addr, pte_t *pte)
{
	struct machine *m = vma->vm_mm->machine;

	folio_get(folio);
	folio_add_file_rmap_pte(m, folio, vma);
	mm_counter_add(vma->vm_mm, folio, 1);
	*pte = pfn_pte(folio_pfn(m, folio), _PAGE_ACCESSED);
}

/*
 * do_fault_around(): the window of fault_around_pages PTEs aligned in the
 * address space around @addr, its start clamped to the VMA, its end to
 * the VMA and the PTE table; maps what the page cache holds there.  True
 * if that mapped @addr too.
 */
static bool do_fault_around(struct vm_area_struct *vma, unsigned long addr)
{
	struct machine *m = vma->vm_mm->machine;
	unsigned long nr_pages = m->fault_around_pages;
	unsigned long pte_off = (addr >> PAGE_SHIFT) & (PTRS_PER_TABLE - 1);
	unsigned long vma_off = (addr - vma->vm_start) >> PAGE_SHIFT;
	unsigned long pgoff = linear_page_index(vma, addr);
	unsigned long from_pte, to_pte;

	from_pte = max(ALIGN_DOWN(pte_off, nr_pages),
		       pte_off - min(pte_off, vma_off));
	to_pte = min3(from_pte + nr_pages, (unsigned long)PTRS_PER_TABLE,
		      pte_off + vma_pages(vma) - vma_off) - 1;
	return filemap_map_pages(vma, addr, pgoff + from_pte - pte_off,
				 pgoff + to_pte - pte_off);
}

/* should_fault_around(): more than one page, and no uffd-wp range */
static bool should_fault_around(struct vm_area_struct *vma)
{
	return vma->vm_mm->machine->fault_around_pages > 1 &&
	       !uffd_disable_fault_around(vma);
}

static unsigned int do_fault(struct vm_area_struct *vma, unsigned long addr,
			     pte_t *pte, unsigned int flags, bool uffd_wp)
{
	struct machine *m = vma->vm_mm->machine;
	unsigned long index = linear_page_index(vma, addr);
	bool write = flags & FAULT_FLAG_WRITE;
	unsigned int ret = 0;
	pte_t orig = *pte;
	struct folio *folio;
	int err;

	/* do_read_fault(): ->map_pages() first, ->fault() for what is left */
	if (!write && should_fault_around(vma) && do_fault_around(vma, addr))
		return 0;
	/* filemap_fault(), shmem_fault(): no page past the end of the file */
	if (index >= DIV_ROUND_UP(vma->vm_file->i_size, PAGE_SIZE))
		return VM_FAULT_SIGBUS;
	/* a missing shmem page of a registered range: its handler's */
	if (userfaultfd_missing(vma) &&
	    !filemap_get_folio(&vma->vm_file->i_data, index))
		return VM_FAULT_SIGBUS;
	/* page_mkwrite(): the block a shared write will need, or SIGBUS */
	if (write && (vma->vm_flags & VM_SHARED) &&
	    inode_reserve_block(m, vma->vm_file, index))
		return VM_FAULT_SIGBUS;
	err = filemap_fault(m, vma, index, &folio, &ret);
	if (err)
		return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	if (ret & VM_FAULT_RETRY) {
		/* readahead did I/O: the retried read fault faults around */
		ret &= ~VM_FAULT_RETRY;
		if (!write && should_fault_around(vma) &&
		    do_fault_around(vma, addr)) {
			folio_put(m, folio);
			return ret;
		}
	}
	/* finish_fault(): mapped by another task meanwhile, nothing to do */
	if (vmf_pte_changed(pte, orig)) {
		folio_put(m, folio);
		return ret;
	}
	if (write && !(vma->vm_flags & VM_SHARED)) {
		/* do_cow_fault: a private copy, the page-cache folio unmapped */
		struct folio *new = alloc_anon_folio(vma, &ret);

		if (new && vmf_pte_changed(pte, orig)) {
			folio_put(m, new);
			new = NULL;
		}
		if (new) {
			copy_highpage(m, new, folio);
			map_new_anon_folio(vma, addr, pte, new);
			if (uffd_wp)
				*pte = pte_mkuffd_wp(*pte);
		}
		folio_put(m, folio);
		return ret;
	}
	/* smemcg=borrow: the mapping's charge, with reclaim and OOM */
	if (smemcg_fault_prepare(vma->vm_mm, folio)) {
		folio_put(m, folio);
		return VM_FAULT_OOM;
	}
	if (vmf_pte_changed(pte, orig)) {	/* its reclaim slept */
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
	if (uffd_wp)
		*pte = pte_mkuffd_wp(*pte);
	return ret;
}

/* do_pte_missing(): a page-missing fault, for anonymous or file memory. */
static unsigned int do_pte_missing(struct vm_area_struct *vma,
				   unsigned long addr, pte_t *pte,
				   unsigned int flags, bool uffd_wp)
{
	if (vma_is_anonymous(vma))
		return do_anonymous_page(vma, addr, pte, flags, uffd_wp);
	return do_fault(vma, addr, pte, flags, uffd_wp);
}

/*
 * handle_pte_marker(): poison first (SIGBUS where the kernel says
 * HWPOISON); a uffd-wp marker of a VMA no longer registered just goes,
 * else the page comes back write-protected; the RFC's PAGEOUT marker is
 * consumed by the page-missing fault it stands for.
 */
static unsigned int handle_pte_marker(struct vm_area_struct *vma,
				      unsigned long addr, pte_t *pte,
				      unsigned int flags)
{
	pte_marker marker = pte_marker_get(pte_to_swp_entry(*pte));

	if (!marker)
		return VM_FAULT_SIGBUS;
	if (marker & PTE_MARKER_POISONED)
		return VM_FAULT_HWPOISON;
	if (marker & PTE_MARKER_UFFD_WP) {
		*pte = 0;
		if (!userfaultfd_wp(vma))
			return 0;	/* retried as a none PTE */
		return do_pte_missing(vma, addr, pte, flags, true);
	}
	if (marker & PTE_MARKER_PAGEOUT) {
		pagemap_stat_add_mm(vma->vm_mm, PMS_MARKERS_CONSUMED, 1);
		pagemap_stat_add_mm(vma->vm_mm, PMS_MARKER_NS,
				    vma->vm_mm->machine->cost.pte_marker_ns);
		*pte = 0;
		return do_pte_missing(vma, addr, pte, flags, false);
	}
	return VM_FAULT_SIGBUS;
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

/*
 * The PTE of a page swapped back in: its soft-dirty and uffd-wp bits come
 * from the swap PTE; an exclusive page is mapped writable at once unless
 * uffd-wp or soft-dirty tracking want the write to fault (and dirty for a
 * write fault); a shared one stays read-only for do_wp_page() to copy.
 */
static pte_t swap_in_pte(struct vm_area_struct *vma, struct folio *folio,
			 pte_t orig, unsigned int flags)
{
	pte_t pte = pfn_pte(folio_pfn(vma->vm_mm->machine, folio), 0);

	if (orig & _PAGE_SWP_SOFT_DIRTY)
		pte |= _PAGE_SOFT_DIRTY;
	if (orig & _PAGE_SWP_UFFD_WP)
		pte = pte_mkuffd_wp(pte);
	if (!folio_test(folio, PG_anon_exclusive) || !(vma->vm_flags & VM_WRITE))
		return pte;
	if (userfaultfd_pte_wp(vma, pte) || pte_needs_soft_dirty_wp(vma, pte))
		return pte;
	pte |= _PAGE_RW;
	if (flags & FAULT_FLAG_WRITE)
		pte |= _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
	return pte;
}

/*
 * The page of a swap PTE: from the swap cache (a minor fault), or read in
 * (a major one): around the swap cache from a synchronous device when
 * only this PTE refers to the slot (*skipped), else with readahead.
 */
static unsigned int swapin_page(struct vm_area_struct *vma, unsigned long addr,
				swp_entry_t entry, struct folio **foliop,
				bool *skipped)
{
	struct machine *m = vma->vm_mm->machine;
	int err;

	*skipped = false;
	*foliop = swap_cache_get_folio_vma(m, entry, vma, addr);
	if (*foliop && !folio_test(*foliop, PG_uptodate)) {
		/* its read failed: it stays in the swap cache, faults fail */
		folio_put(m, *foliop);
		return VM_FAULT_SIGBUS;
	}
	if (*foliop)
		return 0;
	if ((m->swap_info->flags & SWP_SYNCHRONOUS_IO) &&
	    swp_swapcount(m, entry) == 1) {
		*skipped = true;
		err = swapin_skip_swapcache(m, entry, vma->vm_mm, foliop);
		if (err == -EEXIST)
			return VM_FAULT_RETRY;	/* raced: fault again */
	} else {
		err = swapin_readahead(m, entry, vma, addr, foliop);
	}
	if (err && *foliop) {
		if (*skipped)
			swapcache_clear(m, entry);
		folio_put(m, *foliop);
	}
	if (err)
		return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	return VM_FAULT_MAJOR;
}

static unsigned int do_swap_page(struct vm_area_struct *vma, unsigned long addr,
			  pte_t *pte, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct machine *m = mm->machine;
	swp_entry_t entry = pte_to_swp_entry(*pte);
	bool exclusive = *pte & _PAGE_SWP_EXCLUSIVE;
	pte_t orig = *pte;
	struct folio *folio;
	unsigned int ret;
	bool skipped;

	if (is_pte_marker_entry(entry))
		return handle_pte_marker(vma, addr, pte, flags);
	if (!swp_swap_info(m, entry))
		return VM_FAULT_SIGBUS;
	ret = swapin_page(vma, addr, entry, &folio, &skipped);
	/* a slot freed behind the read: another task swapped it in */
	if (ret & VM_FAULT_ERROR)
		return vmf_pte_changed(pte, orig) ? 0 : ret;
	if (ret & VM_FAULT_RETRY)
		return 0;
	if (vmf_pte_changed(pte, orig)) {
		/* swapped in by another task meanwhile: nothing to map */
		if (skipped)
			swapcache_clear(m, entry);
		folio_put(m, folio);
		return ret;
	}
	if (anon_vma_prepare(vma)) {
		if (skipped)
			swapcache_clear(m, entry);
		folio_put(m, folio);
		return VM_FAULT_OOM;
	}
	folio_add_anon_rmap_pte(m, folio, vma, addr);
	/* a private folio read around the swap cache is exclusive */
	if (exclusive || skipped)
		folio_set(folio, PG_anon_exclusive);
	mm->rss_stat[MM_SWAPENTS]--;
	mm->rss_stat[MM_ANONPAGES]++;
	swap_free(m, entry);
	*pte = swap_in_pte(vma, folio, orig, flags);
	if (should_try_to_free_swap(m, folio, vma, flags))
		folio_free_swap(m, folio);
	/* the slot was pinned for the read only: it goes now */
	if (skipped)
		swapcache_clear(m, entry);
	/* the reference we hold becomes the mapping's */
	return ret;
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

	pte = pte_alloc(mm, addr);
	if (!pte)
		ret = VM_FAULT_OOM;
	else if (pte_none(*pte))
		ret = do_pte_missing(vma, addr, pte, flags, false);
	else if (!pte_present(*pte))
		ret = do_swap_page(vma, addr, pte, flags);
	else if ((flags & FAULT_FLAG_WRITE) && !pte_write(*pte))
		ret = do_wp_page(vma, addr, pte);
	else
		ret = 0;	/* raced with nothing: already mapped */
	count_fault(mm, ret);
	return ret;
}

/*
 * A fault whose allocation failed by fault injection: the kernel's
 * pagefault_out_of_memory() finds no OOM to wait for and the access runs
 * again, until it gets its page.  The model gives up after this many.
 */
#define FAULT_INJECT_RETRIES	1000

/*
 * A fault that returned without mapping the page (it raced with another
 * job of the process, which changed the PTE while this one slept in
 * reclaim or I/O) is retried, as the access instruction runs again on
 * the kernel, for ever.  The model bounds it: a page raced this many
 * times in a row is a livelock in the model, reported as a bug.
 */
#define FAULT_RACE_RETRIES	100

static bool retry_injected(struct machine *m, unsigned int ret,
			   unsigned long injected, int *retries)
{
	return (ret & VM_FAULT_OOM) && fault_injected(m) != injected &&
	       !fatal_signal_pending(m->current) &&
	       (*retries)++ < FAULT_INJECT_RETRIES;
}

unsigned int user_access(struct vm_area_struct *vma, unsigned long addr,
			 bool write, u8 **pagep)
{
	struct mm_struct *mm = vma->vm_mm;
	struct machine *m = mm->machine;
	unsigned long injected;
	int tries, retries = 0;
	unsigned int ret;
	pte_t *pte;

	/* access_error(): the VMA's permissions, before any PTE */
	if (!(vma->vm_flags & (write ? VM_WRITE : VM_READ | VM_WRITE)))
		return VM_FAULT_SIGSEGV;
	for (tries = 0; tries < FAULT_RACE_RETRIES; tries++) {
		pte = pte_lookup(mm, addr);
		if (pte && pte_present(*pte) && (!write || pte_write(*pte))) {
			*pte |= _PAGE_ACCESSED | (write ? _PAGE_DIRTY : 0);
			*pagep = pfn_address(m, pte_pfn(*pte));
			return 0;
		}
		injected = fault_injected(m);
		ret = handle_mm_fault(vma, addr, write ? FAULT_FLAG_WRITE : 0);
		if (retry_injected(m, ret, injected, &retries))
			tries--;
		else if (ret & VM_FAULT_ERROR)
			return ret;
	}
	MODEL_BUG(m, "fault at %#lx raced %d times without mapping the page",
		  addr, tries);
	return VM_FAULT_SIGBUS;
}

/* ---- /sys/kernel/debug/fault_around_bytes ---- */

static int fault_around_bytes_show(struct kernfs_open_file *of,
				   struct strbuf *sb)
{
	sb_printf(sb, "%lu\n", of->machine->fault_around_pages << PAGE_SHIFT);
	return 0;
}

/* A power of two from one page to a PTE table's worth, rounded down. */
static long fault_around_bytes_write(struct kernfs_open_file *of, char *buf,
				     size_t nbytes)
{
	unsigned long long val;
	int err = kstrtoull(buf, 0, &val);

	if (err)
		return err;
	if (val / PAGE_SIZE > PTRS_PER_TABLE)
		return -EINVAL;
	val = max(val, (unsigned long long)PAGE_SIZE);
	of->machine->fault_around_pages = rounddown_pow_of_two(val) >> PAGE_SHIFT;
	return nbytes;
}

static const struct cftype fault_around_files[] = {
	{ .name = "fault_around_bytes", .seq_show = fault_around_bytes_show,
	  .write = fault_around_bytes_write },
	{ }	/* terminate */
};

/* 64 KiB, and its knob at the root of debugfs (a late_initcall). */
int fault_around_debugfs(struct machine *m)
{
	m->fault_around_pages = 65536 >> PAGE_SHIFT;
	return debugfs_create_files(m, NULL, fault_around_files);
}
