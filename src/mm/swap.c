// SPDX-License-Identifier: GPL-2.0
/*
 * Folio references and LRU placement (mm/swap.c, include/linux/mm_inline.h).
 *
 * A new folio is held in its CPU's lru_add batch (with a reference) until the
 * batch fills or someone drains it; only then is it on an LRU list and
 * counted in the lruvec's size.  MGLRU is not modelled: these are the two
 * classic lists per type plus the unevictable list.
 */
#include "swap.h"

#include <stdlib.h>

#include "include/memory_model.h"
#include "include/mmdebug.h"
#include "mm/memcontrol.h"
#include "mm/page_alloc.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"
#include "mm/workingset.h"
#include "include/sched.h"

int lru_init(struct machine *m)
{
	m->cpu_fbatches = calloc(m->nr_cpus, sizeof(*m->cpu_fbatches));
	return m->cpu_fbatches ? 0 : -1;
}

void lru_release(struct machine *m)
{
	free(m->cpu_fbatches);
	m->cpu_fbatches = NULL;
}

enum lru_list folio_lru_list(const struct folio *folio)
{
	enum lru_list lru;

	if (folio_test(folio, PG_unevictable))
		return LRU_UNEVICTABLE;
	lru = folio_is_file_lru(folio) ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;
	if (folio_test(folio, PG_active))
		lru += LRU_ACTIVE;
	return lru;
}

void update_lru_size(struct lruvec *lruvec, enum lru_list lru, long nr)
{
	lruvec->nr_pages[lru] += nr;
	mod_lruvec_state(lruvec, NR_LRU_BASE + lru, nr);
	mod_zone_page_state(lruvec->pgdat, NR_ZONE_INACTIVE_ANON + lru, nr);
}

/*
 * The unevictable list is only a count: its folios are linked nowhere,
 * their lru field holds the mlock_count (mm/mlock.c).
 */
void lruvec_add_folio(struct lruvec *lruvec, struct folio *folio)
{
	enum lru_list lru = folio_lru_list(folio);

	update_lru_size(lruvec, lru, 1);
	if (lru != LRU_UNEVICTABLE)
		list_add(&folio->lru, &lruvec->lists[lru]);
}

void lruvec_add_folio_tail(struct lruvec *lruvec, struct folio *folio)
{
	enum lru_list lru = folio_lru_list(folio);

	update_lru_size(lruvec, lru, 1);
	if (lru != LRU_UNEVICTABLE)
		list_add_tail(&folio->lru, &lruvec->lists[lru]);
}

void lruvec_del_folio(struct lruvec *lruvec, struct folio *folio)
{
	enum lru_list lru = folio_lru_list(folio);

	if (lru != LRU_UNEVICTABLE)
		list_del_init(&folio->lru);
	update_lru_size(lruvec, lru, -1);
}

typedef void (*move_fn_t)(struct machine *m, struct lruvec *lruvec,
			  struct folio *folio);

/* A folio enters the LRU: the unevictable list if it is not evictable. */
static void lru_add(struct machine *m, struct lruvec *lruvec,
		    struct folio *folio)
{
	bool was_unevictable = folio_test_clear(folio, PG_unevictable);

	if (folio_evictable(folio)) {
		if (was_unevictable)
			count_vm_event(m, UNEVICTABLE_PGRESCUED);
	} else {
		folio_clear(folio, PG_active);
		folio_set(folio, PG_unevictable);
		/* undercount rather than strand it: reclaim recounts it */
		folio->mlock_count = 0;
		if (!was_unevictable)
			count_vm_event(m, UNEVICTABLE_PGCULLED);
	}
	lruvec_add_folio(lruvec, folio);
}

static void lru_move_tail(struct machine *m, struct lruvec *lruvec,
			  struct folio *folio)
{
	if (folio_test(folio, PG_unevictable))
		return;
	lruvec_del_folio(lruvec, folio);
	folio_clear(folio, PG_active);
	lruvec_add_folio_tail(lruvec, folio);
	count_vm_event(m, PGROTATED);
}

/*
 * Apply @move_fn to the batch's folios and drop the batch's references.
 * A folio that left the LRU meanwhile (isolated) is skipped, except by
 * lru_add, whose folios are not on it yet.
 */
static void folio_batch_move_lru(struct machine *m, struct folio_batch *fbatch,
				 move_fn_t move_fn)
{
	unsigned int i;

	for (i = 0; i < fbatch->nr; i++) {
		struct folio *folio = fbatch->folios[i];

		if (move_fn != lru_add && !folio_test_clear(folio, PG_lru)) {
			folio_put(m, folio);
			continue;
		}
		move_fn(m, folio_lruvec(m, folio), folio);
		folio_set(folio, PG_lru);
		folio_put(m, folio);
	}
	fbatch->nr = 0;
}

static void folio_batch_add_and_move(struct machine *m,
				     struct folio_batch *fbatch,
				     struct folio *folio, move_fn_t move_fn)
{
	folio_get(folio);
	fbatch->folios[fbatch->nr++] = folio;
	if (fbatch->nr == PAGEVEC_SIZE)
		folio_batch_move_lru(m, fbatch, move_fn);
}

void folio_add_lru(struct machine *m, struct folio *folio)
{
	folio_batch_add_and_move(m, &m->cpu_fbatches[smp_processor_id(m)].lru_add,
				 folio, lru_add);
}

void folio_putback_lru(struct machine *m, struct folio *folio)
{
	folio_add_lru(m, folio);
	folio_put(m, folio);		/* the isolation's reference */
}

/*
 * folio_rotate_reclaimable(): written for reclaim, so to the tail of its
 * inactive list, where reclaim looks first (through the CPU's
 * lru_move_tail batch, as 6.12).
 */
void folio_rotate_reclaimable(struct machine *m, struct folio *folio)
{
	if (folio_test(folio, PG_locked) || folio_test(folio, PG_dirty) ||
	    folio_test(folio, PG_unevictable) || !folio_test(folio, PG_lru))
		return;
	folio_batch_add_and_move(m,
				 &m->cpu_fbatches[smp_processor_id(m)].lru_move_tail,
				 folio, lru_move_tail);
}

void lru_add_drain_cpu(struct machine *m, int cpu)
{
	folio_batch_move_lru(m, &m->cpu_fbatches[cpu].lru_add, lru_add);
	folio_batch_move_lru(m, &m->cpu_fbatches[cpu].lru_move_tail,
			     lru_move_tail);
}

void lru_add_drain(struct machine *m)
{
	int cpu = smp_processor_id(m);

	lru_add_drain_cpu(m, cpu);
	mlock_drain_cpu(m, cpu);
}

void lru_add_drain_all(struct machine *m)
{
	int cpu;

	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		lru_add_drain_cpu(m, cpu);
		mlock_drain_cpu(m, cpu);
	}
}

static void folio_activate(struct machine *m, struct folio *folio)
{
	struct lruvec *lruvec;

	if (folio_test(folio, PG_active) || folio_test(folio, PG_unevictable))
		return;
	if (!folio_test(folio, PG_lru)) {
		/* still in the add batch: it will enter the active list */
		folio_set(folio, PG_active);
		return;
	}
	lruvec = folio_lruvec(m, folio);
	lruvec_del_folio(lruvec, folio);
	folio_set(folio, PG_active);
	lruvec_add_folio(lruvec, folio);
	count_vm_event(m, PGACTIVATE);
	count_memcg_events(folio_memcg(folio) ? folio_memcg(folio) :
			   m->root_mem_cgroup, PGACTIVATE, 1);
}

/*
 * Page-cache accesses through read()/write(): the first sets
 * PG_referenced, the second activates an inactive folio.
 */
void folio_mark_accessed(struct machine *m, struct folio *folio)
{
	if (!folio_test(folio, PG_referenced)) {
		folio_set(folio, PG_referenced);
		return;
	}
	/* the unevictable list is never rotated: nothing to do there */
	if (folio_test(folio, PG_unevictable) || folio_test(folio, PG_active))
		return;
	folio_clear(folio, PG_referenced);
	folio_activate(m, folio);
	workingset_activation(m, folio);
}

/* ---- reclaim cost, for get_scan_count()'s anon/file balance ---- */

static struct lruvec *parent_lruvec(struct lruvec *lruvec)
{
	struct mem_cgroup *parent = parent_mem_cgroup(lruvec->memcg);

	return parent ? mem_cgroup_lruvec(parent, lruvec->pgdat->node_id) : NULL;
}

void lru_note_cost(struct lruvec *lruvec, bool file,
		   unsigned long nr_io, unsigned long nr_rotated)
{
	unsigned long cost = nr_io * SWAP_CLUSTER_MAX + nr_rotated;

	do {
		unsigned long lrusize;

		if (file)
			lruvec->file_cost += cost;
		else
			lruvec->anon_cost += cost;
		/* decay, so the balance follows what reclaim sees recently */
		lrusize = lruvec_page_state(lruvec, NR_INACTIVE_ANON) +
			  lruvec_page_state(lruvec, NR_ACTIVE_ANON) +
			  lruvec_page_state(lruvec, NR_INACTIVE_FILE) +
			  lruvec_page_state(lruvec, NR_ACTIVE_FILE);
		if (lruvec->file_cost + lruvec->anon_cost > lrusize / 4) {
			lruvec->file_cost /= 2;
			lruvec->anon_cost /= 2;
		}
	} while ((lruvec = parent_lruvec(lruvec)));
}

void lru_note_cost_refault(struct lruvec *lruvec, bool file, unsigned long nr)
{
	lru_note_cost(lruvec, file, nr, 0);
}

static void __folio_put(struct machine *m, struct folio *folio)
{
	if (folio_test(folio, PG_lru)) {
		lruvec_del_folio(folio_lruvec(m, folio), folio);
		folio_clear(folio, PG_lru);
	}
	if (folio_test(folio, PG_mlocked)) {
		folio_clear(folio, PG_mlocked);
		mod_zone_page_state(folio_pgdat(m, folio), NR_MLOCK, -1);
		count_vm_event(m, UNEVICTABLE_PGCLEARED);
	}
	mem_cgroup_uncharge(folio);
	free_unref_folio(m, folio);
}

void folio_put_refs(struct machine *m, struct folio *folio, int refs)
{
	/* a reference dropped twice: leak the folio rather than free it twice */
	if (VM_BUG_ON_FOLIO(m, folio->_refcount < refs, folio))
		return;
	folio->_refcount -= refs;
	if (!folio->_refcount)
		__folio_put(m, folio);
}

void folio_put(struct machine *m, struct folio *folio)
{
	folio_put_refs(m, folio, 1);
}
