// SPDX-License-Identifier: GPL-2.0
/*
 * The per-CPU swap slot caches (mm/swap_slots.c).
 *
 * Each CPU takes SWAP_SLOTS_CACHE_SIZE slots from the device at a time and
 * hands them out one by one (folio_alloc_swap); a slot let go of
 * (free_swap_slot) waits in the CPU's return cache, still counted in use
 * and still charged to its memcg's swap, until SWAP_SLOTS_CACHE_SIZE have
 * gathered and go back together (swapcache_free_entries).  So SwapFree
 * drops by a batch at the first swap-out on a CPU, and memory.swap.current
 * is not zero right after the last user of a cgroup's swap exits.  zswap's
 * copy goes at once.  The caches work while the device has more than five
 * batches per CPU free, and are emptied when it falls below two.
 *
 * The CPU is the current task's, CPU 0 for kernel threads; CPU hotplug
 * and swapoff, which drain the caches in the kernel, do not exist here.
 */
#include "swapfile.h"

#include <errno.h>
#include <stdlib.h>

#include "include/sched.h"
#include "mm/memcontrol.h"
#include "mm/zswap.h"

#define THRESHOLD_ACTIVATE_SWAP_SLOTS_CACHE	(5 * SWAP_SLOTS_CACHE_SIZE)
#define THRESHOLD_DEACTIVATE_SWAP_SLOTS_CACHE	(2 * SWAP_SLOTS_CACHE_SIZE)

struct swap_slots_cache {
	unsigned int nr, cur;
	swp_entry_t slots[SWAP_SLOTS_CACHE_SIZE];
	unsigned int n_ret;
	swp_entry_t slots_ret[SWAP_SLOTS_CACHE_SIZE];
};

int enable_swap_slots_cache(struct machine *m)
{
	struct swap_info_struct *si = m->swap_info;

	si->slots_cache = calloc(m->nr_cpus, sizeof(*si->slots_cache));
	return si->slots_cache ? 0 : -ENOMEM;
}

void free_swap_slots_cache(struct machine *m)
{
	free(m->swap_info->slots_cache);
	m->swap_info->slots_cache = NULL;
}

static struct swap_slots_cache *this_cpu_cache(struct machine *m)
{
	return &m->swap_info->slots_cache[m->current ? m->current->cpu : 0];
}

/* Give every cached slot back to the device (deactivate, teardown). */
void drain_swap_slots_cache(struct machine *m)
{
	int cpu;

	if (!m->swap_info || !m->swap_info->slots_cache)
		return;
	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		struct swap_slots_cache *cache = &m->swap_info->slots_cache[cpu];

		swapcache_free_entries(m, cache->slots + cache->cur, cache->nr);
		cache->nr = cache->cur = 0;
		swapcache_free_entries(m, cache->slots_ret, cache->n_ret);
		cache->n_ret = 0;
	}
}

/* Mark in @held (indexed by offset) every slot a CPU's cache holds. */
void swap_slots_cache_held(struct machine *m, unsigned char *held)
{
	int cpu;
	unsigned int i;

	if (!m->swap_info->slots_cache)
		return;
	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		struct swap_slots_cache *cache = &m->swap_info->slots_cache[cpu];

		for (i = 0; i < cache->nr; i++)
			held[swp_offset(cache->slots[cache->cur + i])]++;
		for (i = 0; i < cache->n_ret; i++)
			held[swp_offset(cache->slots_ret[i])]++;
	}
}

/* check_cache_active(): use the caches while swap space is plentiful. */
static bool check_cache_active(struct machine *m)
{
	struct swap_info_struct *si = m->swap_info;
	long pages = get_nr_swap_pages(m);

	if (!si->slots_cache)
		return false;
	if (!si->slots_cache_active) {
		if (pages > m->nr_cpus * THRESHOLD_ACTIVATE_SWAP_SLOTS_CACHE)
			si->slots_cache_active = true;
	} else if (pages < m->nr_cpus * THRESHOLD_DEACTIVATE_SWAP_SLOTS_CACHE) {
		si->slots_cache_active = false;
		drain_swap_slots_cache(m);
	}
	return si->slots_cache_active;
}

/* A slot from the CPU's cache, refilled from the device when empty. */
static swp_entry_t swap_slot_from_cache(struct machine *m)
{
	struct swap_slots_cache *cache = this_cpu_cache(m);
	swp_entry_t entry = { 0 };

	if (!cache->nr) {
		cache->cur = 0;
		cache->nr = get_swap_pages(m, SWAP_SLOTS_CACHE_SIZE,
					   cache->slots);
	}
	if (cache->nr) {
		entry = cache->slots[cache->cur];
		cache->slots[cache->cur++].val = 0;
		cache->nr--;
	}
	return entry;
}

/* A slot for @folio, charged to its memcg's swap; entry 0 if none. */
swp_entry_t folio_alloc_swap(struct machine *m, struct folio *folio)
{
	swp_entry_t entry = { 0 };

	if (!m->swap_info)
		goto charge;
	if (check_cache_active(m))
		entry = swap_slot_from_cache(m);
	if (!entry.val)
		get_swap_pages(m, 1, &entry);
charge:
	if (mem_cgroup_try_charge_swap(m, folio, entry)) {
		if (entry.val)
			swapcache_clear(m, entry);	/* put_swap_folio() */
		entry.val = 0;
	}
	return entry;
}

/*
 * A slot nothing refers to any more (its swap_map reads SWAP_HAS_CACHE
 * alone meanwhile): zswap's copy goes now, the slot itself with the
 * CPU's next batch.
 */
void free_swap_slot(struct machine *m, swp_entry_t entry)
{
	struct swap_slots_cache *cache;

	zswap_invalidate(m, entry);
	if (!m->swap_info->slots_cache_active) {
		swapcache_free_entries(m, &entry, 1);
		return;
	}
	cache = this_cpu_cache(m);
	if (cache->n_ret >= SWAP_SLOTS_CACHE_SIZE) {
		swapcache_free_entries(m, cache->slots_ret, cache->n_ret);
		cache->n_ret = 0;
	}
	cache->slots_ret[cache->n_ret++] = entry;
}
