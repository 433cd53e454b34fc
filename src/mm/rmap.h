/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reverse-map walks (include/linux/rmap.h): who maps a folio, whether they
 * touched it, and taking it away from them.
 */
#ifndef MEMCGLAB_MM_RMAP_H
#define MEMCGLAB_MM_RMAP_H

#include "include/machine.h"
#include "include/mm_types.h"

struct mem_cgroup;

/*
 * Count and clear the accessed bits of the PTEs mapping @folio, looking
 * only at address spaces of tasks in @memcg's subtree when @memcg is set
 * (memcg reclaim ignores other cgroups' references).  *vm_flags collects
 * the flags of the VMAs that referenced it.
 */
int folio_referenced(struct machine *m, struct folio *folio,
		     struct mem_cgroup *memcg, unsigned long *vm_flags);
/*
 * Write-protect and clean the PTEs of shared mappings of a page-cache
 * @folio before its writeback; returns how many were dirty.
 */
int folio_mkclean(struct machine *m, struct folio *folio);
/* Replace every PTE of @folio: swap entries for anon, nothing for file. */
void try_to_unmap(struct machine *m, struct folio *folio);

#endif
