/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page-table entry encoding: x86_64's bit layout (arch/x86/include/asm/
 * pgtable_types.h) for present entries, and for non-present ones a swap
 * entry with the same three software bits (exclusive, soft-dirty, uffd-wp)
 * that x86 keeps outside the entry value.  Four levels of 512 entries; each
 * table is a real page frame of the machine, charged like the kernel's.
 */
#ifndef MEMCGLAB_INCLUDE_PGTABLE_H
#define MEMCGLAB_INCLUDE_PGTABLE_H

#include "lib/compiler.h"

typedef u64 pte_t;

#define PTRS_PER_TABLE	512
#define PMD_SHIFT	21
#define PUD_SHIFT	30
#define PGDIR_SHIFT	39
#define PMD_SIZE	(1UL << PMD_SHIFT)
#define PUD_SIZE	(1UL << PUD_SHIFT)
#define TASK_SIZE	(1UL << 47)

/* Present entries. */
#define _PAGE_PRESENT	BIT(0)
#define _PAGE_RW	BIT(1)
#define _PAGE_USER	BIT(2)
#define _PAGE_ACCESSED	BIT(5)
#define _PAGE_DIRTY	BIT(6)
#define _PAGE_UFFD_WP	BIT(10)
#define _PAGE_SOFT_DIRTY BIT(11)
#define _PAGE_PFN_MASK	0x000ffffffffff000ULL

/* Non-present (swap) entries: software bits, as x86 places them. */
#define _PAGE_SWP_UFFD_WP	BIT(2)
#define _PAGE_SWP_EXCLUSIVE	BIT(3)
#define _PAGE_SWP_SOFT_DIRTY	BIT(7)
#define SWP_TYPE_SHIFT	58
#define SWP_OFFSET_SHIFT 9
#define SWP_OFFSET_MASK	((1ULL << (SWP_TYPE_SHIFT - SWP_OFFSET_SHIFT)) - 1)

/*
 * Swap types above the real devices (include/linux/swap.h), numbered as
 * Debian's 6.12 configuration has them: CONFIG_DEVICE_PRIVATE is off (no
 * device types), CONFIG_MIGRATION (3 types) and CONFIG_MEMORY_FAILURE (1)
 * are on, and the PTE marker type always exists.  So 32 - 0 - 3 - 1 - 1 =
 * 27 swap devices, hwpoison is type 27, migration 28-30, markers 31.
 */
#define MAX_SWAPFILES_SHIFT	5
#define SWP_DEVICE_NUM		0
#define SWP_MIGRATION_NUM	3
#define SWP_HWPOISON_NUM	1
#define SWP_PTE_MARKER_NUM	1
#define MAX_SWAPFILES		((1 << MAX_SWAPFILES_SHIFT) - SWP_DEVICE_NUM - \
				 SWP_MIGRATION_NUM - SWP_HWPOISON_NUM - \
				 SWP_PTE_MARKER_NUM)
#define SWP_HWPOISON		MAX_SWAPFILES
#define SWP_MIGRATION_READ	(MAX_SWAPFILES + SWP_HWPOISON_NUM)
#define SWP_MIGRATION_READ_EXCLUSIVE (SWP_MIGRATION_READ + 1)
#define SWP_MIGRATION_WRITE	(SWP_MIGRATION_READ + 2)
#define SWP_PTE_MARKER		(MAX_SWAPFILES + SWP_HWPOISON_NUM + \
				 SWP_MIGRATION_NUM + SWP_DEVICE_NUM)

typedef struct {
	unsigned long val;
} swp_entry_t;

static inline swp_entry_t swp_entry(unsigned int type, unsigned long offset)
{
	swp_entry_t e = { ((unsigned long)type << SWP_TYPE_SHIFT) |
			  (offset & ((1UL << SWP_TYPE_SHIFT) - 1)) };
	return e;
}

static inline unsigned int swp_type(swp_entry_t e)
{
	return e.val >> SWP_TYPE_SHIFT;
}

static inline unsigned long swp_offset(swp_entry_t e)
{
	return e.val & ((1UL << SWP_TYPE_SHIFT) - 1);
}

static inline bool pte_none(pte_t pte)
{
	return pte == 0;
}

static inline bool pte_present(pte_t pte)
{
	return pte & _PAGE_PRESENT;
}

static inline unsigned long pte_pfn(pte_t pte)
{
	return (pte & _PAGE_PFN_MASK) >> PAGE_SHIFT;
}

static inline pte_t pfn_pte(unsigned long pfn, u64 prot)
{
	return ((u64)pfn << PAGE_SHIFT) | prot | _PAGE_PRESENT | _PAGE_USER;
}

static inline bool pte_write(pte_t pte)	{ return pte & _PAGE_RW; }

/* x86's pte_mkuffd_wp(): protected for userfaultfd means read-only too */
static inline pte_t pte_mkuffd_wp(pte_t pte)
{
	return (pte | _PAGE_UFFD_WP) & ~_PAGE_RW;
}
static inline bool pte_young(pte_t pte)	{ return pte & _PAGE_ACCESSED; }
static inline bool pte_dirty(pte_t pte)	{ return pte & _PAGE_DIRTY; }

/* A non-present, non-none PTE holds a swap entry (or a marker). */
static inline bool is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte);
}

static inline pte_t swp_entry_to_pte(swp_entry_t e)
{
	unsigned long off = swp_offset(e);

	return ((u64)swp_type(e) << SWP_TYPE_SHIFT) |
	       ((u64)(off & SWP_OFFSET_MASK) << SWP_OFFSET_SHIFT) | BIT(8);
}

static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	return swp_entry(pte >> SWP_TYPE_SHIFT,
			 (pte >> SWP_OFFSET_SHIFT) & SWP_OFFSET_MASK);
}

#endif
