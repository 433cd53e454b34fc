/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LRU insertion, folio references and LRU bookkeeping (mm/swap.c,
 * include/linux/mm_inline.h).  Not swap space: that is swapfile.c, as in
 * the kernel, whose mm/swap.c is about page cache and LRU "swapping".
 */
#ifndef MEMCGLAB_MM_SWAP_H
#define MEMCGLAB_MM_SWAP_H

#include "include/machine.h"
#include "include/mm_types.h"

/* 6.12's folio_batch size (PAGEVEC_SIZE) */
#define PAGEVEC_SIZE	31

struct folio_batch {
	unsigned int nr;
	struct folio *folios[PAGEVEC_SIZE];
};

struct cpu_fbatches {
	struct folio_batch lru_add;
	struct folio_batch mlock;	/* mlock.c's mlock_fbatch */
	struct folio_batch lru_move_tail;	/* folio_rotate_reclaimable() */
};

int lru_init(struct machine *m);
void lru_release(struct machine *m);

/*
 * Whether @folio belongs on the evictable lists: not while mlocked, nor
 * while its mapping is unevictable (SHM_LOCK, a noswap tmpfs).
 */
static inline bool folio_evictable(const struct folio *folio)
{
	return !mapping_unevictable(folio_mapping(folio)) &&
	       !folio_test(folio, PG_mlocked);
}

enum lru_list folio_lru_list(const struct folio *folio);
/* @nr folios more (or fewer) on @lru: its size and the statistics */
void update_lru_size(struct lruvec *lruvec, enum lru_list lru, long nr);
void lruvec_add_folio(struct lruvec *lruvec, struct folio *folio);
void lruvec_add_folio_tail(struct lruvec *lruvec, struct folio *folio);
void lruvec_del_folio(struct lruvec *lruvec, struct folio *folio);

/*
 * New folios reach the LRU through the CPU's batch, as in the kernel.
 * lru_add_drain() empties this CPU's batches, the mlock batch last.
 */
void folio_add_lru(struct machine *m, struct folio *folio);
/* Back on the LRU after isolation (folio_putback_lru). */
void folio_putback_lru(struct machine *m, struct folio *folio);
void lru_add_drain(struct machine *m);
void lru_add_drain_cpu(struct machine *m, int cpu);
void lru_add_drain_all(struct machine *m);

void folio_mark_accessed(struct machine *m, struct folio *folio);
/*
 * Written back for reclaim: to the tail of the inactive list (through the
 * CPU's lru_move_tail batch), where reclaim looks first.
 */
void folio_rotate_reclaimable(struct machine *m, struct folio *folio);
/*
 * Reclaim cost of the anon or file lists of @lruvec and its ancestors:
 * pages written or read back (@nr_io, weighted) and rotated.
 */
void lru_note_cost(struct lruvec *lruvec, bool file,
		   unsigned long nr_io, unsigned long nr_rotated);
void lru_note_cost_refault(struct lruvec *lruvec, bool file, unsigned long nr);
void folio_put(struct machine *m, struct folio *folio);
void folio_put_refs(struct machine *m, struct folio *folio, int refs);

/* ---- mlock.c: the per-CPU mlock batch (mlock_folio() is in mm.h) ---- */
/* A new folio of a locked VMA reaches the LRU through the mlock batch. */
void mlock_new_folio(struct machine *m, struct folio *folio);
void mlock_drain_cpu(struct machine *m, int cpu);

#endif
