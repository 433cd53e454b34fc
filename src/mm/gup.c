// SPDX-License-Identifier: GPL-2.0
/*
 * FOLL_PIN (mm/gup.c): pin_user_pages() faults every page of a range in,
 * as a write when the pin will write (breaking COW, so a private page is
 * exclusive to the pinner), and pins its folio: a small folio's refcount
 * rises by GUP_PIN_COUNTING_BIAS, which folio_maybe_dma_pinned() sees;
 * the mm gets MMF_HAS_PINNED for fork's early copy.  unpin_user_pages()
 * drops the bias, freeing a folio nobody maps any more.  Every pin and
 * unpin counts in nr_foll_pin_acquired and nr_foll_pin_released.
 * Differences: only small folios (no _pincount); FOLL_LONGTERM migrates
 * nothing, as the model has no ZONE_MOVABLE or CMA; a pin of a VMA
 * without write permission is EFAULT (6.12 would unshare a private page
 * and pin read-only).
 */
#include "mm.h"

#include <errno.h>

#include "include/memory_model.h"
#include "include/sched.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

static void folio_pin(struct machine *m, struct folio *folio)
{
	folio->_refcount += GUP_PIN_COUNTING_BIAS;
	mod_node_page_state(folio_pgdat(m, folio), NR_FOLL_PIN_ACQUIRED, 1);
}

static void folio_unpin(struct machine *m, struct folio *folio)
{
	mod_node_page_state(folio_pgdat(m, folio), NR_FOLL_PIN_RELEASED, 1);
	folio_put_refs(m, folio, GUP_PIN_COUNTING_BIAS);
}

void unpin_user_pages(struct machine *m, struct folio **folios,
		      unsigned long nr)
{
	unsigned long i;

	for (i = 0; i < nr; i++)
		folio_unpin(m, folios[i]);
}

/* Fault the page at @addr in and return its folio, or an errno. */
static struct folio *gup_fault_in(struct vm_area_struct *vma,
				  unsigned long addr, bool write, int *err)
{
	struct machine *m = vma->vm_mm->machine;
	unsigned int ret;
	struct folio *folio;
	u8 *page;

	ret = user_access(vma, addr, write, &page);
	if (ret & VM_FAULT_ERROR) {
		*err = ret & VM_FAULT_OOM ? -ENOMEM : -EFAULT;
		return NULL;
	}
	if (fatal_signal_pending(m->current)) {
		*err = -EINTR;
		return NULL;
	}
	folio = vm_normal_folio(vma, addr);
	if (!folio)
		*err = -EFAULT;
	return folio;
}

/*
 * Pin @nr_pages pages from @start, all inside @vma, into @folios: the
 * number pinned, or a negative errno with nothing left pinned (the
 * long-term callers the model has take all or nothing).
 */
long pin_user_pages_vma(struct vm_area_struct *vma, unsigned long start,
			unsigned long nr_pages, unsigned int gup_flags,
			struct folio **folios)
{
	struct machine *m = vma->vm_mm->machine;
	bool write = gup_flags & FOLL_WRITE;
	unsigned long i;
	int err = 0;

	if (!(vma->vm_flags & VM_WRITE) ||
	    start + (nr_pages << PAGE_SHIFT) > vma->vm_end)
		return -EFAULT;
	vma->vm_mm->flags |= MMF_HAS_PINNED;
	for (i = 0; i < nr_pages; i++) {
		struct folio *folio;

		folio = gup_fault_in(vma, start + (i << PAGE_SHIFT), write,
				     &err);
		if (!folio)
			break;
		lru_add_drain(m);
		folio_pin(m, folio);
		folios[i] = folio;
	}
	if (err) {
		unpin_user_pages(m, folios, i);
		return err;
	}
	return nr_pages;
}
