// SPDX-License-Identifier: GPL-2.0
/*
 * mlock (mm/mlock.c): an mlocked folio leaves the evictable lists for the
 * unevictable one, counted in NR_MLOCK, and goes back when munlocked.
 * Differences: VMAs are mlocked whole (mlock_fixup never splits one), and
 * a folio is mlocked at once rather than through the per-CPU mlock batch.
 */
#include "mm.h"

#include <errno.h>

#include "include/memory_model.h"
#include "include/sched.h"
#include "mm/memcontrol.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

static void folio_move_lru(struct machine *m, struct folio *folio,
			   enum pageflags flag, bool set)
{
	struct lruvec *lruvec = NULL;

	if (folio_test(folio, PG_lru)) {
		lruvec = folio_lruvec(m, folio);
		lruvec_del_folio(lruvec, folio);
	}
	if (set)
		folio_set(folio, flag);
	else
		folio_clear(folio, flag);
	if (lruvec)
		lruvec_add_folio(lruvec, folio);
}

void folio_mlock(struct machine *m, struct folio *folio)
{
	if (folio_test(folio, PG_mlocked))
		return;
	folio_set(folio, PG_mlocked);
	mod_zone_page_state(folio_pgdat(m, folio), NR_MLOCK, 1);
	count_vm_event(m, UNEVICTABLE_PGMLOCKED);
	folio_clear(folio, PG_active);
	folio_move_lru(m, folio, PG_unevictable, true);
	count_vm_event(m, UNEVICTABLE_PGCULLED);
}

void folio_munlock(struct machine *m, struct folio *folio)
{
	if (!folio_test(folio, PG_mlocked))
		return;
	folio_clear(folio, PG_mlocked);
	mod_zone_page_state(folio_pgdat(m, folio), NR_MLOCK, -1);
	count_vm_event(m, UNEVICTABLE_PGMUNLOCKED);
	folio_move_lru(m, folio, PG_unevictable, false);
	count_vm_event(m, UNEVICTABLE_PGRESCUED);
}

/* Set or clear VM_LOCKED on a whole VMA (mlock_fixup without splitting). */
void mlock_fixup(struct vm_area_struct *vma, bool lock)
{
	struct mm_struct *mm = vma->vm_mm;

	if (lock && !(vma->vm_flags & VM_LOCKED)) {
		vma->vm_flags |= VM_LOCKED;
		mm->locked_vm += vma_pages(vma);
	} else if (!lock && (vma->vm_flags & VM_LOCKED)) {
		vma->vm_flags &= ~VM_LOCKED;
		mm->locked_vm -= vma_pages(vma);
	}
}

/*
 * mlock(2) on a whole VMA: fault every page in (writable private mappings
 * are write-faulted to break COW, as populate does) and make it unevictable.
 * munlock moves the pages back to the evictable lists.
 */
int mlock_range(struct vm_area_struct *vma, unsigned long start,
		unsigned long end, bool lock)
{
	struct machine *m = vma->vm_mm->machine;
	bool write = (vma->vm_flags & VM_WRITE) && !(vma->vm_flags & VM_SHARED);
	unsigned long addr;

	if (start != vma->vm_start || end != vma->vm_end)
		return -EINVAL;
	mlock_fixup(vma, lock);
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		struct folio *folio;
		u8 *page;
		unsigned int ret;

		if (lock) {
			ret = user_access(vma, addr, write, &page);
			if (ret & VM_FAULT_ERROR)
				return ret & VM_FAULT_OOM ? -ENOMEM : -EFAULT;
			if (fatal_signal_pending(m->current))
				return -EINTR;
		}
		folio = vm_normal_folio(vma, addr);
		if (!folio)
			continue;
		lru_add_drain(m);
		if (lock)
			folio_mlock(m, folio);
		else
			folio_munlock(m, folio);
	}
	return 0;
}
