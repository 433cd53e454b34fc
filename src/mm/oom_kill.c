// SPDX-License-Identifier: GPL-2.0
/*
 * The OOM killer (mm/oom_kill.c and the memcg parts of mm/memcontrol.c).
 *
 * Victim selection walks the OOM domain's memcgs in pre-order and, within
 * each, its processes in the order they joined; the highest badness wins
 * and a later task with an equal score replaces an earlier one, as in the
 * kernel.  A killed task that is not running exits at once, which stands in
 * for the OOM reaper; the running task dies when its action returns.
 */
#include "oom.h"

#include <stdio.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "kernel/cgroup.h"
#include "include/sched.h"
#include "kernel/task.h"
#include "mm/memcontrol.h"
#include "include/mm_types.h"
#include "mm/page_alloc.h"
#include "mm/swapfile.h"
#include "mm/vmstat.h"

#define OOM_ABORT	((struct task_struct *)-1L)

struct oom_control {
	struct machine *machine;
	struct mem_cgroup *memcg;	/* NULL: global OOM */
	gfp_t gfp_mask;
	int order;
	unsigned long totalpages;
	struct task_struct *chosen;
	long chosen_points;
};

/* RSS + swap entries + page tables, shifted by oom_score_adj. */
static long oom_badness(struct task_struct *p, unsigned long totalpages)
{
	long points, adj = p->oom_score_adj;

	if (adj == OOM_SCORE_ADJ_MIN || !p->mm)
		return LONG_MIN;
	points = get_mm_rss(p->mm) + p->mm->rss_stat[MM_SWAPENTS] +
		 p->mm->pgtables_bytes / (long)PAGE_SIZE;
	adj *= (long)(totalpages / 1000);
	return points + adj;
}

/* memory.max + min(swap.max, swap size) when swapping is possible */
static unsigned long mem_cgroup_get_max(struct mem_cgroup *memcg)
{
	unsigned long max = memcg->memory.max;
	struct machine *m = memcg->machine;

	if (m->vm.swappiness)
		max += min(memcg->swap.max, total_swap_pages(m));
	return max;
}

static bool task_will_free_mem(struct task_struct *t)
{
	return t && t->mm && (t->sigkill_pending || (t->flags & PF_EXITING));
}

static int oom_evaluate_task(struct oom_control *oc, struct task_struct *t)
{
	long points;

	if (t->life != TASK_ALIVE)
		return 0;
	/* a victim still on its way out: wait for it rather than kill again */
	if (t->oom_victim) {
		oc->chosen = OOM_ABORT;
		return 1;
	}
	points = oom_badness(t, oc->totalpages);
	if (points == LONG_MIN || points < oc->chosen_points)
		return 0;
	oc->chosen = t;
	oc->chosen_points = points;
	return 0;
}

/* mem_cgroup_scan_tasks(): the tasks charged to each memcg of the subtree */
static void scan_memcg_tasks(struct oom_control *oc, struct mem_cgroup *root)
{
	struct machine *m = oc->machine;
	struct mem_cgroup *iter;
	struct task_struct *t;

	for_each_mem_cgroup_tree(iter, root) {
		list_for_each_entry(t, &m->tasks, tasks) {
			if (t->life != TASK_ALIVE || mem_cgroup_from_task(t) != iter)
				continue;
			if (oom_evaluate_task(oc, t))
				return;
		}
	}
}

static void select_bad_process(struct oom_control *oc)
{
	oc->chosen_points = LONG_MIN;
	scan_memcg_tasks(oc, oc->memcg ? oc->memcg : oc->machine->root_mem_cgroup);
}

static void mark_oom_victim(struct task_struct *t)
{
	t->oom_victim = true;
}

static void __oom_kill_process(struct task_struct *victim, const char *message)
{
	struct machine *m = victim->machine;
	struct mem_cgroup *memcg;

	if (!victim->mm)
		return;		/* already gone: no second kill, no event */
	memcg = mem_cgroup_from_task(victim->mm->owner);
	mark_oom_victim(victim);
	count_vm_event(m, OOM_KILL);
	memcg_memory_event(memcg, MEMCG_OOM_KILL);
	if (m->trace)
		fprintf(m->trace, "%s: killed process %d (%s)\n", message,
			victim->pid, victim->comm);
	task_send_sigkill(victim);
}

/* The highest memcg with memory.oom.group from the victim up to the domain. */
static struct mem_cgroup *mem_cgroup_get_oom_group(struct task_struct *victim,
						   struct mem_cgroup *oom_domain)
{
	struct machine *m = victim->machine;
	struct mem_cgroup *memcg, *group = NULL;

	if (!oom_domain)
		oom_domain = m->root_mem_cgroup;
	memcg = mem_cgroup_from_task(victim);
	if (mem_cgroup_is_root(memcg) ||
	    !mem_cgroup_is_descendant(memcg, oom_domain))
		return NULL;
	for (; memcg; memcg = parent_mem_cgroup(memcg)) {
		if (memcg->oom_group)
			group = memcg;
		if (memcg == oom_domain)
			break;
	}
	return group;
}

static void oom_kill_memcg_members(struct mem_cgroup *group)
{
	struct machine *m = group->machine;
	struct mem_cgroup *iter;
	struct task_struct *t;

	for_each_mem_cgroup_tree(iter, group)
		list_for_each_entry(t, &m->tasks, tasks)
			if (t->life == TASK_ALIVE &&
			    mem_cgroup_from_task(t) == iter &&
			    t->oom_score_adj != OOM_SCORE_ADJ_MIN)
				__oom_kill_process(t, "Memory cgroup out of memory (oom_group)");
}

static void oom_kill_process(struct oom_control *oc, const char *message)
{
	struct task_struct *victim = oc->chosen;
	struct mem_cgroup *group;

	if (task_will_free_mem(victim)) {
		mark_oom_victim(victim);
		return;
	}
	group = mem_cgroup_get_oom_group(victim, oc->memcg);
	__oom_kill_process(victim, message);
	if (group) {
		memcg_memory_event(group, MEMCG_OOM_GROUP_KILL);
		oom_kill_memcg_members(group);
	}
}

static bool __out_of_memory(struct oom_control *oc)
{
	struct machine *m = oc->machine;
	struct task_struct *cur = m->current;

	if (task_will_free_mem(cur)) {
		mark_oom_victim(cur);
		return true;
	}
	if (oc->memcg)
		oc->totalpages = mem_cgroup_get_max(oc->memcg) ?: 1;
	else
		oc->totalpages = m->totalram_pages + total_swap_pages(m);
	select_bad_process(oc);
	if (!oc->chosen) {
		if (m->trace)
			fprintf(m->trace, "Out of memory and no killable processes...\n");
		return false;
	}
	if (oc->chosen != OOM_ABORT)
		oom_kill_process(oc, oc->memcg ? "Memory cgroup out of memory"
					       : "Out of memory");
	return true;
}

bool mem_cgroup_out_of_memory(struct mem_cgroup *memcg, gfp_t gfp_mask,
			      int order)
{
	struct oom_control oc = {
		.machine = memcg->machine,
		.memcg = memcg,
		.gfp_mask = gfp_mask,
		.order = order,
	};

	if (mem_cgroup_margin(memcg) >= (1UL << order))
		return true;
	return __out_of_memory(&oc);
}

bool mem_cgroup_oom(struct mem_cgroup *memcg, gfp_t gfp_mask, int order)
{
	/* costly orders fall back to smaller allocations instead */
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return false;
	memcg_memory_event(memcg, MEMCG_OOM);
	return mem_cgroup_out_of_memory(memcg, gfp_mask, order);
}

bool out_of_memory(struct machine *m, gfp_t gfp_mask, int order)
{
	struct oom_control oc = {
		.machine = m,
		.gfp_mask = gfp_mask,
		.order = order,
	};

	return __out_of_memory(&oc);
}
