// SPDX-License-Identifier: GPL-2.0
/*
 * What the page tables must agree with, checked by walking every table of
 * every process (mm/page_table_check.c counts each page's user mappings
 * as they are made and removed; check_mm() reports "Bad rss-counter
 * state" at exit).  Part of mm_verify():
 *
 *  - every entry lies inside a VMA of its mm;
 *  - a present entry maps a frame in use that is not a page table;
 *  - a folio's mapcount is the number of present entries that map it,
 *    across all mms: nothing stays mapped by a process that is gone, and
 *    an exited task has no mm;
 *  - an mm's rss counters are its present entries by kind (anon, file,
 *    shmem) and its swap entries;
 *  - a swap entry's slot is in use.
 *
 * The kernel checks as it goes and BUGs at the first mismatch; the model
 * recounts everything after a step and reports what it finds.
 */
#include "debug.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/memory_model.h"
#include "include/mm_types.h"
#include "include/pgtable.h"
#include "include/sched.h"
#include "mm/swapfile.h"

struct ptc {
	struct machine *m;
	struct verify_log log;
	/* per node, per frame it handed out: present entries mapping it */
	int *maps[MAX_NUMNODES];
	/* the mm being walked */
	struct task_struct *task;
	struct vm_area_struct *vma;	/* the last VMA found, for the next */
	long rss[NR_MM_COUNTERS];
};

#define fail(c, ...)	verify_fail(&(c)->log, __VA_ARGS__)

/* The VMA of the walked mm that holds @addr (addresses come in order). */
static struct vm_area_struct *vma_of(struct ptc *c, unsigned long addr)
{
	struct mm_struct *mm = c->task->mm;
	struct vm_area_struct *vma = c->vma;

	if (!vma)
		vma = list_first_entry(&mm->mmap, struct vm_area_struct,
				       vm_list);
	for (; &vma->vm_list != &mm->mmap;
	     vma = list_next_entry(vma, vm_list)) {
		if (addr < vma->vm_start)
			break;
		if (addr < vma->vm_end)
			return c->vma = vma;
	}
	return NULL;
}

/*
 * The end of the frames a node has handed out: past each zone's last
 * frame ever allocated, never past its initialised memory map.  Only the
 * frames below it can be mapped (a huge machine's span is not walked).
 */
static unsigned long node_used_end(struct pglist_data *pgdat)
{
	unsigned long end = pgdat->node_start_pfn;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (zone->spanned_pages)
			end = max(end, min(zone->first_unused_pfn,
					   zone->first_deferred_pfn));
	}
	return end;
}
static void check_present(struct ptc *c, unsigned long addr, pte_t pte)
{
	struct machine *m = c->m;
	unsigned long pfn = pte_pfn(pte);
	struct pglist_data *pgdat;
	struct folio *folio;

	/* totalram_pages leaves out what boot reserved: not a bound */
	pgdat = pfn_pgdat(m, pfn);
	if (!pgdat) {
		fail(c, "pid %d: %#lx maps pfn %lu, past RAM", c->task->pid,
		     addr, pfn);
		return;
	}
	if (pfn == m->zero_pfn)
		return;
	if (!pfn_folio_used(m, pfn) || pfn >= node_used_end(pgdat)) {
		fail(c, "pid %d: %#lx maps pfn %lu, never allocated",
		     c->task->pid, addr, pfn);
		return;
	}
	folio = pfn_folio(m, pfn);
	if (folio_test(folio, PG_buddy) || folio_test(folio, PG_pgtable)) {
		fail(c, "pid %d: %#lx maps pfn %lu, a %s frame", c->task->pid,
		     addr, pfn, folio_test(folio, PG_buddy) ? "free" : "page-table");
		return;
	}
	c->maps[pgdat->node_id][pfn - pgdat->node_start_pfn]++;
	if (folio_test_anon(folio))
		c->rss[MM_ANONPAGES]++;
	else if (folio_test(folio, PG_swapbacked))
		c->rss[MM_SHMEMPAGES]++;
	else
		c->rss[MM_FILEPAGES]++;
}

static void check_swap(struct ptc *c, unsigned long addr, pte_t pte)
{
	struct swap_info_struct *si = c->m->swap_info;
	swp_entry_t e = pte_to_swp_entry(pte);

	if (swp_type(e) == SWP_PTE_MARKER)
		return;
	c->rss[MM_SWAPENTS]++;
	if (!si || swp_type(e) != 0 || swp_offset(e) >= si->max ||
	    !si->swap_map[swp_offset(e)])
		fail(c, "pid %d: %#lx holds swap entry %lu:%lu, not in use",
		     c->task->pid, addr, (unsigned long)swp_type(e),
		     swp_offset(e));
}

static void check_entry(struct ptc *c, unsigned long addr, pte_t pte)
{
	if (!vma_of(c, addr))
		fail(c, "pid %d: %#lx is mapped outside every VMA",
		     c->task->pid, addr);
	if (pte_present(pte))
		check_present(c, addr, pte);
	else
		check_swap(c, addr, pte);
}

/* The table at @pfn, whose entries each map 1 << @shift bytes from @base. */
static void walk_table(struct ptc *c, unsigned long pfn, int shift,
		       unsigned long base)
{
	pte_t *tbl = pfn_address(c->m, pfn);
	int i;

	for (i = 0; i < PTRS_PER_TABLE; i++) {
		unsigned long addr = base + ((unsigned long)i << shift);

		if (pte_none(tbl[i]))
			continue;
		if (shift == PAGE_SHIFT)
			check_entry(c, addr, tbl[i]);
		else if (pte_present(tbl[i]))
			walk_table(c, pte_pfn(tbl[i]), shift - 9, addr);
	}
}

static void check_task(struct ptc *c, struct task_struct *t)
{
	static const char *const names[NR_MM_COUNTERS] = {
		[MM_FILEPAGES] = "file", [MM_ANONPAGES] = "anon",
		[MM_SWAPENTS] = "swap", [MM_SHMEMPAGES] = "shmem",
	};
	int i;

	if (t->life != TASK_ALIVE && t->mm) {
		fail(c, "pid %d: exited, still with an mm", t->pid);
		return;
	}
	if (!t->mm || !t->mm->pgd)
		return;
	c->task = t;
	c->vma = NULL;
	memset(c->rss, 0, sizeof(c->rss));
	walk_table(c, t->mm->pgd, PGDIR_SHIFT, 0);
	for (i = 0; i < NR_MM_COUNTERS; i++)
		if (c->rss[i] != t->mm->rss_stat[i])
			fail(c, "pid %d: rss %s %ld, its tables map %ld", t->pid,
			     names[i], t->mm->rss_stat[i], c->rss[i]);
}

/*
 * Every folio's mapcount against the entries found to map it: the frames
 * each node has handed out so far (the memory map beyond is not set up).
 */
static void check_mapcounts(struct ptc *c)
{
	struct machine *m = c->m;
	unsigned long pfn;
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++) {
		struct pglist_data *pgdat = m->node_data[nid];

		for (pfn = pgdat->node_start_pfn; pfn < node_used_end(pgdat);
		     pfn++) {
			struct folio *folio = pfn_folio(m, pfn);
			int maps = c->maps[nid][pfn - pgdat->node_start_pfn];

			if (!pfn_folio_used(m, pfn) ||
			    folio_test(folio, PG_buddy) ||
			    folio_test(folio, PG_reserved))
				continue;
			if (folio_mapcount(folio) != maps)
				fail(c, "pfn %lu: mapcount %d, mapped by %d "
				     "page-table entries", pfn,
				     folio_mapcount(folio), maps);
		}
	}
}

int page_table_verify(struct machine *m, struct strbuf *why)
{
	struct ptc c = { .m = m, .log = { .why = why } };
	struct task_struct *t;
	int nid;

	for (nid = 0; nid < m->nr_nodes; nid++) {
		struct pglist_data *pgdat = m->node_data[nid];

		c.maps[nid] = calloc(node_used_end(pgdat) -
				     pgdat->node_start_pfn + 1, sizeof(int));
		if (!c.maps[nid])
			abort();
	}
	list_for_each_entry(t, &m->tasks, tasks)
		check_task(&c, t);
	check_mapcounts(&c);
	for (nid = 0; nid < m->nr_nodes; nid++)
		free(c.maps[nid]);
	return c.log.errors;	/* mm_verify() says how many it did not show */
}
