// SPDX-License-Identifier: GPL-2.0
/*
 * memory.high enforcement (mm/memcontrol.c: reclaim_high,
 * calculate_high_delay, __mem_cgroup_handle_over_high): a task that charged
 * above memory.high reclaims on its way back to user space and, if that did
 * not bring usage down, sleeps for a penalty that grows with the square of
 * the overage.  The sleep is virtual time and counts as a memory stall.
 */
#include "memcontrol.h"

#include "include/machine.h"
#include "include/sched.h"
#include "kernel/psi.h"
#include "mm/vmscan.h"

#define MEMCG_DELAY_PRECISION_SHIFT	20
#define MEMCG_DELAY_SCALING_SHIFT	14
#define MEMCG_MAX_HIGH_DELAY_JIFFIES	(2UL * HZ)

unsigned long reclaim_high(struct mem_cgroup *memcg, unsigned int nr_pages,
			   gfp_t gfp)
{
	unsigned long nr_reclaimed = 0;

	do {
		if (page_counter_read(&memcg->memory) <= memcg->memory.high)
			continue;
		memcg_memory_event(memcg, MEMCG_HIGH);
		psi_memstall_enter(memcg->machine);
		nr_reclaimed += try_to_free_mem_cgroup_pages(memcg, nr_pages, gfp,
							     MEMCG_RECLAIM_MAY_SWAP,
							     NULL);
		psi_memstall_leave(memcg->machine);
	} while ((memcg = parent_mem_cgroup(memcg)) && !mem_cgroup_is_root(memcg));
	return nr_reclaimed;
}

/* Overage as a fixed-point fraction of high (2^20 = 100%). */
static u64 calculate_overage(unsigned long usage, unsigned long high)
{
	if (usage <= high)
		return 0;
	if (!high)
		high = 1;
	return ((u64)(usage - high) << MEMCG_DELAY_PRECISION_SHIFT) / high;
}

static u64 mem_find_max_overage(struct mem_cgroup *memcg)
{
	u64 max_overage = 0;

	do {
		u64 overage = calculate_overage(page_counter_read(&memcg->memory),
						memcg->memory.high);

		max_overage = max(overage, max_overage);
	} while ((memcg = parent_mem_cgroup(memcg)) && !mem_cgroup_is_root(memcg));
	return max_overage;
}

static u64 swap_find_max_overage(struct mem_cgroup *memcg)
{
	u64 max_overage = 0;

	do {
		u64 overage = calculate_overage(page_counter_read(&memcg->swap),
						memcg->swap.high);

		if (overage)
			memcg_memory_event(memcg, MEMCG_SWAP_HIGH);
		max_overage = max(overage, max_overage);
	} while ((memcg = parent_mem_cgroup(memcg)) && !mem_cgroup_is_root(memcg));
	return max_overage;
}

/*
 * The penalty is quadratic in the overage so small excursions barely
 * throttle and large ones quickly approach the 2 s cap; it scales with how
 * many pages this task charged over the limit.
 */
static unsigned long calculate_high_delay(unsigned int nr_pages, u64 max_overage)
{
	unsigned long penalty_jiffies;

	if (!max_overage)
		return 0;
	penalty_jiffies = max_overage * max_overage * HZ;
	penalty_jiffies >>= MEMCG_DELAY_PRECISION_SHIFT;
	penalty_jiffies >>= MEMCG_DELAY_SCALING_SHIFT;
	return penalty_jiffies * nr_pages / MEMCG_CHARGE_BATCH;
}

void mem_cgroup_handle_over_high(struct machine *m, gfp_t gfp)
{
	struct task_struct *t = m->current;
	unsigned int nr_pages, nr_retries = MAX_RECLAIM_RETRIES;
	unsigned long penalty_jiffies, nr_reclaimed;
	struct mem_cgroup *memcg;
	bool in_retry = false;

	if (!t || !t->memcg_nr_pages_over_high)
		return;
	nr_pages = t->memcg_nr_pages_over_high;
	t->memcg_nr_pages_over_high = 0;
	memcg = get_mem_cgroup_from_mm(t->mm);
retry_reclaim:
	if (task_is_dying(t))
		goto out;
	nr_reclaimed = reclaim_high(memcg,
				    in_retry ? SWAP_CLUSTER_MAX : nr_pages, gfp);
	penalty_jiffies = calculate_high_delay(nr_pages,
					       mem_find_max_overage(memcg));
	penalty_jiffies += calculate_high_delay(nr_pages,
						swap_find_max_overage(memcg));
	penalty_jiffies = min(penalty_jiffies, MEMCG_MAX_HIGH_DELAY_JIFFIES);
	/* under 10 ms is not worth sleeping for */
	if (penalty_jiffies <= HZ / 100)
		goto out;
	if (nr_reclaimed || nr_retries--) {
		in_retry = true;
		goto retry_reclaim;
	}
	psi_memstall_enter(m);
	machine_stall(m, penalty_jiffies * NSEC_PER_JIFFY);
	psi_memstall_leave(m);
out:
	css_put(&memcg->css);
}
