// SPDX-License-Identifier: GPL-2.0
/*
 * mlock(2), munlock(2) and the unevictable list (mm/mlock.c).
 *
 * A folio mapped by a VM_LOCKED VMA is PG_mlocked (counted in NR_MLOCK)
 * and sits on the unevictable "list", which is only a count: its lru
 * field holds mlock_count, the locked mappings mlock has seen.  Mapping
 * and unmapping it in a locked VMA (rmap.c calls mlock_vma_folio() and
 * munlock_vma_folio()), mlock() and munlock() raise and lower the count
 * through a per-CPU batch of 31 folios, processed when it fills or the
 * CPU drains its LRU batches; the folio becomes evictable again when the
 * count reaches 0.  The count may undercount (a folio that was off the
 * LRU when its batch ran is not counted); reclaim's rmap walk mlocks such
 * a folio again when it meets a locked VMA, as in 6.12.
 *
 * Without CAP_IPC_LOCK (a uid other than 0) mlock() may lock no more than
 * RLIMIT_MEMLOCK (8 MiB unless setrlimit changed it) in all: ENOMEM, as
 * do_mlock() checks before it locks anything.  Its populate faults each
 * page in as a user access, then marks the folio accessed, as GUP's
 * FOLL_TOUCH does.
 *
 * Differences: VMAs are locked whole (no VMA split for part of one); no
 * MLOCK_ONFAULT or mlockall().
 */
#include "mm.h"

#include <errno.h>

#include "include/memory_model.h"
#include "include/resource.h"
#include "include/sched.h"
#include "kernel/pins.h"
#include "mm/memcontrol.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

/* What an mlock batch entry asks for, in the low bits of its pointer. */
#define LRU_FOLIO	0x1UL		/* mlock a folio on the LRU */
#define NEW_FOLIO	0x2UL		/* put a new mlocked folio on it */
#define MLOCK_FLAGS	(LRU_FOLIO | NEW_FOLIO)

static void unevictable_move(struct machine *m, struct lruvec *lruvec,
			     struct folio *folio, bool unevictable)
{
	lruvec_del_folio(lruvec, folio);
	if (unevictable) {
		folio_clear(folio, PG_active);
		folio_set(folio, PG_unevictable);
		folio->mlock_count = !!folio_test(folio, PG_mlocked);
	} else {
		folio_clear(folio, PG_unevictable);
	}
	lruvec_add_folio(lruvec, folio);
	count_vm_event(m, unevictable ? UNEVICTABLE_PGCULLED
				      : UNEVICTABLE_PGRESCUED);
}

static void __mlock_folio(struct machine *m, struct folio *folio)
{
	struct lruvec *lruvec;

	/* off the LRU (isolated, or still in an add batch): nothing now */
	if (!folio_test_clear(folio, PG_lru))
		return;
	lruvec = folio_lruvec(m, folio);
	if (folio_evictable(folio)) {
		/* PG_mlocked went while it waited in the batch */
		if (folio_test(folio, PG_unevictable))
			unevictable_move(m, lruvec, folio, false);
	} else if (folio_test(folio, PG_unevictable)) {
		/* unevictable but not mlocked: SHM_LOCK's, not a count */
		if (folio_test(folio, PG_mlocked))
			folio->mlock_count++;
	} else {
		unevictable_move(m, lruvec, folio, true);
	}
	folio_set(folio, PG_lru);
}

static void __mlock_new_folio(struct machine *m, struct folio *folio)
{
	if (!folio_evictable(folio)) {
		folio_set(folio, PG_unevictable);
		folio->mlock_count = !!folio_test(folio, PG_mlocked);
		count_vm_event(m, UNEVICTABLE_PGCULLED);
	}
	lruvec_add_folio(folio_lruvec(m, folio), folio);
	folio_set(folio, PG_lru);
}

static void __munlock_folio(struct machine *m, struct folio *folio)
{
	bool isolated = folio_test_clear(folio, PG_lru);
	bool unevictable = folio_test(folio, PG_unevictable);

	if (isolated && unevictable && folio->mlock_count &&
	    --folio->mlock_count)
		goto out;		/* another locked mapping remains */
	/* else this was taken for the last one: reclaim corrects it if not */
	if (folio_test_clear(folio, PG_mlocked)) {
		mod_zone_page_state(folio_pgdat(m, folio), NR_MLOCK, -1);
		count_vm_event(m, isolated || !unevictable ?
			       UNEVICTABLE_PGMUNLOCKED : UNEVICTABLE_PGSTRANDED);
	}
	if (isolated && unevictable && folio_evictable(folio))
		unevictable_move(m, folio_lruvec(m, folio), folio, false);
out:
	if (isolated)
		folio_set(folio, PG_lru);
}

/* Run every entry of @fbatch in order, then drop the batch's references. */
static void mlock_folio_batch(struct machine *m, struct folio_batch *fbatch)
{
	unsigned int i, nr = fbatch->nr;

	fbatch->nr = 0;
	for (i = 0; i < nr; i++) {
		unsigned long entry = (unsigned long)fbatch->folios[i];
		struct folio *folio = (struct folio *)(entry & ~MLOCK_FLAGS);

		if (entry & LRU_FOLIO)
			__mlock_folio(m, folio);
		else if (entry & NEW_FOLIO)
			__mlock_new_folio(m, folio);
		else
			__munlock_folio(m, folio);
		fbatch->folios[i] = folio;
	}
	for (i = 0; i < nr; i++)
		folio_put(m, fbatch->folios[i]);
}

void mlock_drain_cpu(struct machine *m, int cpu)
{
	struct folio_batch *fbatch = &m->cpu_fbatches[cpu].mlock;

	if (fbatch->nr)
		mlock_folio_batch(m, fbatch);
}

/* Queue @folio (with a reference) on this CPU's batch; run it when full. */
static void mlock_batch_add(struct machine *m, struct folio *folio,
			    unsigned long what)
{
	struct folio_batch *fbatch = &m->cpu_fbatches[smp_processor_id(m)].mlock;

	folio_get(folio);
	fbatch->folios[fbatch->nr++] = (struct folio *)((unsigned long)folio |
							 what);
	if (fbatch->nr == PAGEVEC_SIZE)
		mlock_folio_batch(m, fbatch);
}

void mlock_folio(struct machine *m, struct folio *folio)
{
	if (!folio_test(folio, PG_mlocked)) {
		folio_set(folio, PG_mlocked);
		mod_zone_page_state(folio_pgdat(m, folio), NR_MLOCK, 1);
		count_vm_event(m, UNEVICTABLE_PGMLOCKED);
	}
	mlock_batch_add(m, folio, LRU_FOLIO);
}

void mlock_new_folio(struct machine *m, struct folio *folio)
{
	folio_set(folio, PG_mlocked);
	mod_zone_page_state(folio_pgdat(m, folio), NR_MLOCK, 1);
	count_vm_event(m, UNEVICTABLE_PGMLOCKED);
	mlock_batch_add(m, folio, NEW_FOLIO);
}

void munlock_folio(struct machine *m, struct folio *folio)
{
	/* whether it is still locked elsewhere is __munlock_folio()'s call */
	mlock_batch_add(m, folio, 0);
}

/*
 * Set @vma's flags to @newflags and mlock (VM_LOCKED set) or munlock the
 * folios mapped in [@start, @end) (mlock_vma_pages_range()).
 */
static void mlock_vma_pages_range(struct vm_area_struct *vma,
				  unsigned long start, unsigned long end,
				  unsigned long newflags)
{
	struct machine *m = vma->vm_mm->machine;
	unsigned long addr;

	vma->vm_flags = newflags;
	lru_add_drain(m);
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		struct folio *folio;

		if (!pte_lookup(vma->vm_mm, addr)) {
			/* no PTE table here: on to the next 2 MiB */
			addr = (addr | (PMD_SIZE - 1)) + 1 - PAGE_SIZE;
			continue;
		}
		folio = vm_normal_folio(vma, addr);
		if (!folio)
			continue;
		if (newflags & VM_LOCKED)
			mlock_folio(m, folio);
		else
			munlock_folio(m, folio);
	}
	lru_add_drain(m);
}

int mlock_fixup(struct vm_area_struct *vma, unsigned long start,
		unsigned long end, unsigned long newflags)
{
	unsigned long oldflags = vma->vm_flags;
	long nr_pages = (end - start) >> PAGE_SHIFT;

	if (start != vma->vm_start || end != vma->vm_end)
		return -EINVAL;		/* the model does not split VMAs */
	if (newflags == oldflags)
		return 0;
	if (!(newflags & VM_LOCKED))
		nr_pages = -nr_pages;
	else if (oldflags & VM_LOCKED)
		nr_pages = 0;
	/* pins=cgroup: the series' __account_locked_vm() charge */
	if (mm_pins_charge_locked(vma->vm_mm, nr_pages))
		return -ENOMEM;
	vma->vm_mm->locked_vm += nr_pages;
	mm_pins_uncharge_locked(vma->vm_mm, -nr_pages);
	if ((newflags & VM_LOCKED) && (oldflags & VM_LOCKED))
		vma->vm_flags = newflags;	/* mlocking twice would count twice */
	else
		mlock_vma_pages_range(vma, start, end, newflags);
	return 0;
}

/*
 * populate_vma_page_range(): fault every page of [@start, @end) in (a
 * write fault in a writable private mapping, to break COW) and mark its
 * folio accessed (FOLL_TOUCH), then drain this CPU's batches.  Errors as
 * mlock(2) reports them.
 */
static int populate_vma_page_range(struct vm_area_struct *vma,
				   unsigned long start, unsigned long end)
{
	struct machine *m = vma->vm_mm->machine;
	bool write = (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;
	unsigned long addr;
	int err = 0;

	for (addr = start; addr < end && !err; addr += PAGE_SIZE) {
		struct folio *folio;
		unsigned int ret;
		u8 *page;

		if (fatal_signal_pending(m->current)) {
			err = -EINTR;
			break;
		}
		ret = user_access(vma, addr, write, &page);
		/* __mlock_posix_error_return(): EFAULT -> ENOMEM -> EAGAIN */
		if (ret & VM_FAULT_OOM)
			err = -EAGAIN;
		else if (ret & VM_FAULT_ERROR)
			err = -ENOMEM;
		else if ((folio = vm_normal_folio(vma, addr)))
			folio_mark_accessed(m, folio);
	}
	lru_add_drain(m);
	return err;
}

/*
 * do_mlock()'s limit: without CAP_IPC_LOCK, the pages locked after this
 * mlock may not pass RLIMIT_MEMLOCK; pages of the range that are locked
 * already do not count twice (count_mm_mlocked_page_nr()).
 */
static bool mlock_within_limit(struct vm_area_struct *vma, unsigned long start,
			       unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long limit = rlimit(mm->machine, RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	unsigned long locked = mm->locked_vm + ((end - start) >> PAGE_SHIFT);

	if (locked <= limit || capable(mm->machine))
		return true;
	if (vma->vm_flags & VM_LOCKED)
		locked -= (end - start) >> PAGE_SHIFT;
	return locked <= limit;
}

int mlock_lock_range(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
	if (!mlock_within_limit(vma, start, end))
		return -ENOMEM;
	return mlock_fixup(vma, start, end, vma->vm_flags | VM_LOCKED);
}

int do_mlock(struct vm_area_struct *vma, unsigned long start,
	     unsigned long end)
{
	int err = mlock_lock_range(vma, start, end);

	return err ? err : populate_vma_page_range(vma, start, end);
}

int do_munlock(struct vm_area_struct *vma, unsigned long start,
	       unsigned long end)
{
	return mlock_fixup(vma, start, end, vma->vm_flags & ~VM_LOCKED);
}
