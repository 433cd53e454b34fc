// SPDX-License-Identifier: GPL-2.0
/*
 * Reverse mapping (mm/rmap.c): anon_vma chains so that reclaim can find
 * every PTE of an anonymous folio, and the mapcount bookkeeping that feeds
 * NR_ANON_MAPPED and NR_FILE_MAPPED.  Mapping a folio into a VM_LOCKED VMA
 * and unmapping it from one counts its mlock (mlock.c); a reclaim walk
 * that meets a locked VMA mlocks the folio again, as 6.12 does.
 *
 * Differences: no anon_vma interval tree (a list), no anon_vma reuse on
 * fork, one PTE per folio (no large folios).
 */
#include "mm.h"

#include <errno.h>
#include <stdlib.h>

#include "include/bug.h"
#include "include/memory_model.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/rmap.h"
#include "mm/smemcg.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "include/swapops.h"

static struct anon_vma *anon_vma_alloc(void)
{
	struct anon_vma *av = calloc(1, sizeof(*av));

	if (!av)
		return NULL;
	av->root = av;
	av->refcount = 1;
	INIT_LIST_HEAD(&av->chain);
	return av;
}

static void anon_vma_put(struct machine *m, struct anon_vma *av)
{
	if (MODEL_BUG_ON(m, av->refcount <= 0, "anon_vma %p: put of %d references",
			 av, av->refcount))
		return;
	if (--av->refcount == 0)
		free(av);
}

static int anon_vma_chain_link(struct vm_area_struct *vma,
			       struct anon_vma *av)
{
	struct anon_vma_chain *avc = calloc(1, sizeof(*avc));

	if (!avc)
		return -ENOMEM;
	avc->vma = vma;
	avc->anon_vma = av;
	av->refcount++;
	list_add_tail(&avc->same_vma, &vma->anon_vma_chain);
	list_add_tail(&avc->same_anon_vma, &av->chain);
	return 0;
}

int anon_vma_prepare(struct vm_area_struct *vma)
{
	struct anon_vma *av;
	int err;

	if (vma->anon_vma)
		return 0;
	av = anon_vma_alloc();
	if (!av)
		return -ENOMEM;
	err = anon_vma_chain_link(vma, av);
	if (!err)
		vma->anon_vma = av;
	anon_vma_put(vma->vm_mm->machine, av);	/* the chain holds it now */
	return err;
}

/*
 * The child VMA joins every anon_vma its parent's VMA is on, so reclaim
 * finds the child's copies of shared folios, and gets its own anon_vma for
 * the folios it faults in later.
 */
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma)
{
	struct anon_vma_chain *pavc;
	int err;

	vma->anon_vma = NULL;
	if (!pvma->anon_vma)
		return 0;
	list_for_each_entry_reverse(pavc, &pvma->anon_vma_chain, same_vma) {
		err = anon_vma_chain_link(vma, pavc->anon_vma);
		if (err)
			return err;
	}
	return anon_vma_prepare(vma);
}

void unlink_anon_vmas(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc, *n;

	list_for_each_entry_safe(avc, n, &vma->anon_vma_chain, same_vma) {
		list_del(&avc->same_vma);
		list_del(&avc->same_anon_vma);
		anon_vma_put(vma->vm_mm->machine, avc->anon_vma);
		free(avc);
	}
	vma->anon_vma = NULL;
}

void folio_add_new_anon_rmap(struct machine *m, struct folio *folio,
			     struct vm_area_struct *vma, unsigned long addr)
{
	folio->mapping = (void *)((unsigned long)vma->anon_vma | PAGE_MAPPING_ANON);
	folio->index = linear_page_index(vma, addr);
	folio->_mapcount = 0;
	folio_set(folio, PG_anon_exclusive);
	lruvec_stat_mod_folio(m, folio, NR_ANON_MAPPED, 1);
}

/* Map an anonymous folio that may have been mapped before (swap-in). */
void folio_add_anon_rmap_pte(struct machine *m, struct folio *folio,
			     struct vm_area_struct *vma, unsigned long addr)
{
	if (!folio_test_anon(folio)) {
		/* fresh from swap: not mlocked here, reclaim will see to it */
		folio_add_new_anon_rmap(m, folio, vma, addr);
		folio_clear(folio, PG_anon_exclusive);
		return;
	}
	if (++folio->_mapcount == 0)
		lruvec_stat_mod_folio(m, folio, NR_ANON_MAPPED, 1);
	mlock_vma_folio(m, folio, vma);
}

/* fork: one more mapping of an anonymous folio, no longer exclusive */
void folio_dup_anon_rmap(struct folio *folio)
{
	folio->_mapcount++;
	folio_clear(folio, PG_anon_exclusive);
}

void folio_add_file_rmap_pte(struct machine *m, struct folio *folio,
			     struct vm_area_struct *vma)
{
	if (++folio->_mapcount == 0)
		lruvec_stat_mod_folio(m, folio, NR_FILE_MAPPED, 1);
	smemcg_map(vma->vm_mm, folio, 1);
	mlock_vma_folio(m, folio, vma);
}

/* fork: the child's copy of a PTE that maps a page-cache folio */
void folio_dup_file_rmap_pte(struct folio *folio, struct vm_area_struct *vma)
{
	folio->_mapcount++;
	smemcg_map(vma->vm_mm, folio, 1);
}

void folio_remove_rmap_pte(struct machine *m, struct folio *folio,
			   struct vm_area_struct *vma)
{
	if (--folio->_mapcount < 0)
		lruvec_stat_mod_folio(m, folio, folio_test_anon(folio) ?
				      NR_ANON_MAPPED : NR_FILE_MAPPED, -1);
	if (!folio_test_anon(folio))
		smemcg_map(vma->vm_mm, folio, -1);
	munlock_vma_folio(m, folio, vma);
}

/* ---- walks ---- */

typedef bool (*rmap_one_fn)(struct machine *m, struct folio *folio,
			    struct vm_area_struct *vma, unsigned long addr,
			    pte_t *pte, void *arg);

static bool vma_address(const struct folio *folio,
			const struct vm_area_struct *vma, unsigned long *addr)
{
	unsigned long pgoff = folio->index;

	if (pgoff < vma->vm_pgoff || pgoff >= vma->vm_pgoff + vma_pages(vma))
		return false;
	*addr = vma->vm_start + ((pgoff - vma->vm_pgoff) << PAGE_SHIFT);
	return true;
}

/* Call @fn for each PTE that maps @folio; stop when it returns false. */
static void rmap_walk(struct machine *m, struct folio *folio, rmap_one_fn fn,
		      void *arg)
{
	unsigned long pfn = folio_pfn(m, folio);
	struct anon_vma *av = folio_anon_vma(folio);
	struct address_space *mapping = folio_mapping(folio);
	unsigned long addr;

	if (av) {
		struct anon_vma_chain *avc, *n;

		list_for_each_entry_safe(avc, n, &av->chain, same_anon_vma) {
			pte_t *pte;

			if (!vma_address(folio, avc->vma, &addr))
				continue;
			pte = pte_lookup(avc->vma->vm_mm, addr);
			if (pte && pte_present(*pte) && pte_pfn(*pte) == pfn &&
			    !fn(m, folio, avc->vma, addr, pte, arg))
				return;
		}
	} else if (mapping) {
		struct vm_area_struct *vma, *n;

		list_for_each_entry_safe(vma, n, &mapping->i_mmap, shared) {
			pte_t *pte;

			if (!vma_address(folio, vma, &addr))
				continue;
			pte = pte_lookup(vma->vm_mm, addr);
			if (pte && pte_present(*pte) && pte_pfn(*pte) == pfn &&
			    !fn(m, folio, vma, addr, pte, arg))
				return;
		}
	}
}

struct referenced_arg {
	struct mem_cgroup *memcg;
	int referenced;
	unsigned long vm_flags;
};

static bool folio_referenced_one(struct machine *m, struct folio *folio,
				 struct vm_area_struct *vma, unsigned long addr,
				 pte_t *pte, void *arg)
{
	struct referenced_arg *ra = arg;
	struct mm_struct *mm = vma->vm_mm;

	if (ra->memcg && (!mm->owner ||
	    !mem_cgroup_is_descendant(mem_cgroup_from_task(mm->owner), ra->memcg)))
		return true;
	if (vma->vm_flags & VM_LOCKED) {
		/* restore the mlock that was missed */
		mlock_vma_folio(m, folio, vma);
		ra->vm_flags |= VM_LOCKED;
		return false;
	}
	if (pte_young(*pte)) {
		*pte &= ~_PAGE_ACCESSED;
		ra->referenced++;
		ra->vm_flags |= vma->vm_flags;
	}
	return true;
}

int folio_referenced(struct machine *m, struct folio *folio,
		     struct mem_cgroup *memcg, unsigned long *vm_flags)
{
	struct referenced_arg ra = { .memcg = memcg };

	if (!folio_mapped(folio))
		return 0;
	rmap_walk(m, folio, folio_referenced_one, &ra);
	*vm_flags = ra.vm_flags;
	return ra.referenced;
}

/*
 * pagemap.shmem_swap=marker (Peter Xu's RFC, TTU_HINT_PAGEOUT): reclaim
 * leaves a PAGEOUT marker where it cleared the PTE of a shmem page, so
 * that pagemap reports PM_SWAP there.  6.12 leaves the PTE none.
 */
static void install_pageout_marker(struct vm_area_struct *vma, pte_t *pte,
				   struct folio *folio)
{
	struct machine *m = vma->vm_mm->machine;

	if (m->policy.pagemap_shmem_swap != PAGEMAP_SHMEM_SWAP_MARKER ||
	    vma->kind != VMA_SHMEM)
		return;
	*pte = make_pte_marker(PTE_MARKER_PAGEOUT);
	pagemap_stat_add(m, folio_memcg(folio), PMS_MARKERS_INSTALLED, 1);
	pagemap_stat_add(m, folio_memcg(folio), PMS_MARKER_NS,
			 m->cost.pte_marker_ns);
}

static bool try_to_unmap_one(struct machine *m, struct folio *folio,
			     struct vm_area_struct *vma, unsigned long addr,
			     pte_t *pte, void *arg)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t old = *pte;

	if (vma->vm_flags & VM_LOCKED) {
		/* mlocked: it stays; restore the mlock that was missed */
		mlock_vma_folio(m, folio, vma);
		return false;
	}
	update_hiwater_rss(mm);
	if (pte_dirty(old))
		folio_mark_dirty(m, folio);
	if (folio_test_anon(folio)) {
		swp_entry_t entry = folio_swap_entry(folio);
		pte_t swp;

		/* folio_try_share_anon_rmap_pte(): a pinned exclusive page
		 * cannot become shared with the swap cache */
		if (folio_test(folio, PG_anon_exclusive) &&
		    folio_maybe_dma_pinned(folio))
			return false;
		if (swap_duplicate(m, entry))
			return false;
		swp = swp_entry_to_pte(entry);
		if (folio_test(folio, PG_anon_exclusive))
			swp |= _PAGE_SWP_EXCLUSIVE;
		if (old & _PAGE_SOFT_DIRTY)
			swp |= _PAGE_SWP_SOFT_DIRTY;
		if (old & _PAGE_UFFD_WP)
			swp |= _PAGE_SWP_UFFD_WP;
		*pte = swp;
		mm->rss_stat[MM_ANONPAGES]--;
		mm->rss_stat[MM_SWAPENTS]++;
	} else {
		*pte = 0;
		if (!pte_install_uffd_wp_if_needed(vma, pte, old))
			install_pageout_marker(vma, pte, folio);
		mm->rss_stat[folio_test(folio, PG_swapbacked) ? MM_SHMEMPAGES
							      : MM_FILEPAGES]--;
	}
	folio_remove_rmap_pte(m, folio, vma);
	folio_put(m, folio);
	return true;
}

/*
 * page_mkclean_one(): a shared mapping's PTE loses its write permission
 * and its dirty bit, so that the next write faults and dirties the folio
 * again; a dirty bit found is counted.
 */
static bool page_mkclean_one(struct machine *m, struct folio *folio,
			     struct vm_area_struct *vma, unsigned long addr,
			     pte_t *pte, void *arg)
{
	int *cleaned = arg;

	if (!(vma->vm_flags & VM_SHARED) || !(*pte & (_PAGE_RW | _PAGE_DIRTY)))
		return true;
	if (pte_dirty(*pte))
		(*cleaned)++;
	*pte &= ~(_PAGE_RW | _PAGE_DIRTY);
	return true;
}

int folio_mkclean(struct machine *m, struct folio *folio)
{
	int cleaned = 0;

	if (folio_mapped(folio) && folio_mapping(folio))
		rmap_walk(m, folio, page_mkclean_one, &cleaned);
	return cleaned;
}

void try_to_unmap(struct machine *m, struct folio *folio)
{
	if (folio_mapped(folio))
		rmap_walk(m, folio, try_to_unmap_one, NULL);
}
