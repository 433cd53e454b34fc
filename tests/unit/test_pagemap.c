// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of /proc/PID/pagemap's frame bits (fs/proc/task_mmu_pagemap.c),
 * which a scenario cannot compare (PFNs and swap offsets are the model's
 * own): as pte_to_pagemap_entry() makes them in 6.12 (pagemap.rst), a
 * present page's entry holds its PFN in bits 0-54 and a swapped page's
 * its swap type in bits 0-4 and offset from bit 5, but only for a reader
 * with CAP_SYS_ADMIN; without, those bits are 0 and the flags the same.
 */
#include <stdlib.h>

#include "include/machine.h"
#include "include/entry-common.h"
#include "include/memory_model.h"
#include "include/swapops.h"
#include "fs/proc.h"
#include "kernel/task.h"
#include "mm/mm.h"
#include "fixture.h"
#include "tap.h"

#define PFRAME	((1ULL << 55) - 1)

/* The entry of @vma's page @i, read with or without CAP_SYS_ADMIN. */
static u64 entry(struct machine *m, struct task_struct *t,
		 struct vm_area_struct *vma, unsigned long i, bool pfn)
{
	u64 e = ~0ULL;
	long got = pagemap_read(m, t->mm, ((vma->vm_start >> PAGE_SHIFT) + i) * 8,
				&e, 8, pfn);

	is_long(got, 8, "pagemap read of one entry");
	return e;
}

int main(void)
{
	struct machine *m = boot_machine_swap(256ull << 20, 1, 64ull << 20);
	struct task_struct *t = spawn(m, "p", ""), *prev;
	struct vm_area_struct *vma = NULL;
	struct folio *folio;
	swp_entry_t swp;
	u64 root, user;

	is_long(do_mmap(t->mm, "a", VMA_ANON, NULL, 4 * PAGE_SIZE, false, &vma),
		0, "an anonymous mapping of 4 pages");
	ok(task_access(m, t, vma, 0, true), "page 0 written");
	folio = vm_normal_folio(vma, vma->vm_start);
	ok(folio != NULL, "page 0 is mapped");
	root = entry(m, t, vma, 0, true);
	user = entry(m, t, vma, 0, false);
	is_long(root >> 63, 1, "present (bit 63)");
	is_long(root & PFRAME, folio ? folio_pfn(m, folio) : 0,
		"with CAP_SYS_ADMIN: the PFN");
	is_long(user & PFRAME, 0, "without: no PFN");
	is_long(user, root & ~PFRAME, "and the same flags");

	prev = enter_task(m, t);
	is_long(madvise_pageout(vma, vma->vm_start, vma->vm_start + PAGE_SIZE),
		0, "MADV_PAGEOUT of page 0");
	leave_task(m, prev);
	swp = pte_to_swp_entry(*pte_lookup(t->mm, vma->vm_start));
	root = entry(m, t, vma, 0, true);
	user = entry(m, t, vma, 0, false);
	is_long(root >> 62 & 3, 1, "swapped (bit 62), not present");
	is_long(root & 31, swp_type(swp), "with CAP_SYS_ADMIN: the swap type");
	is_long((root & PFRAME) >> 5, swp_offset(swp), "and offset");
	ok(swp_offset(swp) > 0, "(a slot after the swap header)");
	is_long(user & PFRAME, 0, "without: neither");
	is_long(user, root & ~PFRAME, "and the same flags");
	destroy_machine(m);
	return done_testing();
}
