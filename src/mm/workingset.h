/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Workingset detection (mm/workingset.c): shadow entries left by evicted
 * pages, and refault distances that tell thrashing from streaming.
 */
#ifndef MEMCGLAB_MM_WORKINGSET_H
#define MEMCGLAB_MM_WORKINGSET_H

#include "include/machine.h"
#include "include/mm_types.h"

struct mem_cgroup;
struct lruvec;

void *workingset_eviction(struct machine *m, struct folio *folio,
			  struct mem_cgroup *target_memcg);
void workingset_refault(struct machine *m, struct folio *folio, void *shadow);
void workingset_activation(struct machine *m, struct folio *folio);
void workingset_age_nonresident(struct lruvec *lruvec, unsigned long nr);

#endif
