/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Swap entries that are not swap (include/linux/swapops.h): PTE markers,
 * and swap entries stored in the page cache (shmem's value entries).
 *
 * A PTE marker is a non-present PTE of swap type SWP_PTE_MARKER whose
 * offset holds a bitmap of what it records.  6.12 has two bits: UFFD_WP
 * (userfaultfd write-protection that outlives the page) and POISONED (the
 * page is gone for good: a failed swap-in, UFFDIO_POISON).  Guard markers
 * came in 6.13.  PTE_MARKER_PAGEOUT is Peter Xu's 2021 RFC, which never
 * merged: it is only written under `policy pagemap.shmem_swap=marker`.
 * The RFC numbered it bit 0, before uffd-wp markers existed; on top of
 * 6.12 it takes the first free bit, 2.
 */
#ifndef MEMCGLAB_INCLUDE_SWAPOPS_H
#define MEMCGLAB_INCLUDE_SWAPOPS_H

#include "lib/xarray.h"
#include "include/pgtable.h"

typedef unsigned long pte_marker;

#define PTE_MARKER_UFFD_WP	BIT(0)
#define PTE_MARKER_POISONED	BIT(1)
#define PTE_MARKER_MASK		(BIT(2) - 1)
/* the RFC's marker (not in 6.12): a shmem page reclaim unmapped */
#define PTE_MARKER_PAGEOUT	BIT(2)
/* the offset bits a marker may carry in the model */
#define PTE_MARKER_MODEL_MASK	(PTE_MARKER_MASK | PTE_MARKER_PAGEOUT)

static inline bool non_swap_entry(swp_entry_t entry)
{
	return swp_type(entry) >= MAX_SWAPFILES;
}

static inline swp_entry_t make_pte_marker_entry(pte_marker marker)
{
	return swp_entry(SWP_PTE_MARKER, marker);
}

static inline bool is_pte_marker_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_PTE_MARKER;
}

static inline pte_marker pte_marker_get(swp_entry_t entry)
{
	return swp_offset(entry) & PTE_MARKER_MODEL_MASK;
}

static inline bool is_pte_marker(pte_t pte)
{
	return is_swap_pte(pte) && is_pte_marker_entry(pte_to_swp_entry(pte));
}

static inline pte_t make_pte_marker(pte_marker marker)
{
	return swp_entry_to_pte(make_pte_marker_entry(marker));
}

static inline swp_entry_t make_poisoned_swp_entry(void)
{
	return make_pte_marker_entry(PTE_MARKER_POISONED);
}

static inline bool is_poisoned_swp_entry(swp_entry_t entry)
{
	return is_pte_marker_entry(entry) &&
	       (pte_marker_get(entry) & PTE_MARKER_POISONED);
}

/* A none PTE, or one that only remembers something about a none PTE. */
static inline bool pte_none_mostly(pte_t pte)
{
	return pte_none(pte) || is_pte_marker(pte);
}

static inline bool is_uffd_wp_marker(pte_t pte)
{
	return is_pte_marker(pte) &&
	       (pte_marker_get(pte_to_swp_entry(pte)) & PTE_MARKER_UFFD_WP);
}

/* The page-cache form of a swap entry: an xarray value entry. */
static inline swp_entry_t radix_to_swp_entry(const void *arg)
{
	return (swp_entry_t){ xa_to_value(arg) };
}

static inline void *swp_to_radix_entry(swp_entry_t entry)
{
	return xa_mk_value(entry.val);
}

#endif
