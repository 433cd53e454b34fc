// SPDX-License-Identifier: GPL-2.0
/*
 * Page-table pages and lookups (mm/memory.c's __pte_alloc() and
 * free_pgd_range(), the walks of mm/pgtable-generic.c).
 *
 * Four levels of 512-entry tables, each table a real frame of the machine
 * charged to the faulting task's memcg (GFP_PGTABLE_USER is accounted) and
 * counted as pagetables.  A lookup remembers the last PTE table it
 * reached (mm->pte_cache), which freeing any table forgets.
 *
 * Differences: no huge entries at any level, no page-table locks.
 */
#include "mm.h"

#include <errno.h>

#include "include/memory_model.h"
#include "mm/memcontrol.h"
#include "mm/page_alloc.h"
#include "mm/swap.h"
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

pte_t *pte_walk(struct mm_struct *mm, unsigned long addr, bool alloc)
{
	struct machine *m = mm->machine;
	unsigned long pfn = mm->pgd;
	int shift;

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
	mm->pte_cache_key = (addr >> PMD_SHIFT) + 1;
	mm->pte_cache = table(m, pfn);
	return &mm->pte_cache[(addr >> PAGE_SHIFT) & (PTRS_PER_TABLE - 1)];
}

struct folio *vm_normal_folio(struct vm_area_struct *vma, unsigned long addr)
{
	struct machine *m = vma->vm_mm->machine;
	pte_t *pte = pte_lookup(vma->vm_mm, addr);

	if (!pte || !pte_present(*pte) || pte_pfn(*pte) == m->zero_pfn)
		return NULL;
	return pfn_folio(m, pte_pfn(*pte));
}
