// SPDX-License-Identifier: GPL-2.0
/*
 * What mm_verify() must see (issue 15): each broken state made by hand,
 * on a machine that passes, is reported; put right again, it passes.
 *
 *  - a page mapped outside every VMA (a replayed trace whose page number
 *    wrapped around faulted such pages);
 *  - a folio mapped by no page table but with a mapcount (what stays of a
 *    process that is gone), and a mapcount above the tables' count;
 *  - an rss counter that is not what the tables hold;
 *  - an exited task that kept its mm;
 *  - a swap entry whose slot is free;
 *  - and at teardown a kmem cache with objects left: machine_destroy()
 *    counts it as a model bug, which fails the run.
 */
#include <string.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/memory_model.h"
#include "include/pgtable.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "mm/debug.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "fixture.h"
#include "tap.h"

#define PAGES	16

/* mm_verify() finds something whose description has @what. */
static void reported(struct machine *m, const char *what, const char *desc)
{
	struct strbuf why = STRBUF_INIT;
	int n = mm_verify(m, &why);

	ok(n > 0 && why.buf && strstr(why.buf, what), "%s", desc);
	if (!(n > 0 && why.buf && strstr(why.buf, what)))
		printf("#   got %d: %s\n", n, why.buf ?: "");
	sb_release(&why);
}

static void passes(struct machine *m, const char *desc)
{
	struct strbuf why = STRBUF_INIT;
	int n = mm_verify(m, &why);

	ok(n == 0, "%s", desc);
	if (n)
		printf("#   %s\n", why.buf);
	sb_release(&why);
}

/* @t with PAGES pages of region "r" written. */
static struct vm_area_struct *touched(struct machine *m, struct task_struct *t)
{
	struct vm_area_struct *vma;
	unsigned long i;
	u8 *page;

	if (do_mmap(t->mm, "r", VMA_ANON, NULL, PAGES * PAGE_SIZE, false, &vma))
		return NULL;
	m->current = t;
	for (i = 0; i < PAGES; i++)
		user_access(vma, vma->vm_start + i * PAGE_SIZE, true, &page);
	m->current = NULL;
	return vma;
}

static void test_page_tables(void)
{
	struct machine *m = boot_machine_swap(64ULL << 20, 1, 16ULL << 20);
	struct task_struct *t = spawn(m, "p", "");
	struct vm_area_struct *vma = touched(m, t);
	struct folio *folio;
	pte_t *pte, saved;

	passes(m, "a process with 16 pages written passes");

	vma->vm_end -= PAGE_SIZE;
	reported(m, "is mapped outside every VMA",
		 "a page mapped past its VMA's end is seen");
	vma->vm_end += PAGE_SIZE;

	folio = vm_normal_folio(vma, vma->vm_start);
	folio->_mapcount++;
	reported(m, "mapcount 2, mapped by 1 page-table entries",
		 "a mapcount above the tables' count is seen");
	folio->_mapcount--;

	pte = pte_lookup(t->mm, vma->vm_start);
	saved = *pte;
	*pte = 0;
	reported(m, "mapcount 1, mapped by 0 page-table entries",
		 "a folio mapped by no table, as a gone process leaves it, is seen");
	reported(m, "rss anon 16, its tables map 15",
		 "and so is the rss counter that no longer matches");
	*pte = swp_entry_to_pte(swp_entry(0, 7));
	reported(m, "holds swap entry 0:7, not in use",
		 "a swap entry of a free slot is seen");
	*pte = saved;

	t->mm->rss_stat[MM_FILEPAGES]++;
	reported(m, "rss file 1, its tables map 0",
		 "an rss counter above the tables is seen");
	t->mm->rss_stat[MM_FILEPAGES]--;

	t->life = TASK_EXITED;
	reported(m, "exited, still with an mm", "an exited task with an mm is seen");
	t->life = TASK_ALIVE;
	passes(m, "put right, it passes again");

	task_exit(t);
	passes(m, "the process exits: nothing stays mapped");
	destroy_machine(m);
}

static void test_kmem_left(void)
{
	struct machine *m = boot_machine(64ULL << 20, 1);
	void *obj = kmalloc(m, 100, GFP_KERNEL);

	ok(obj != NULL, "a kmalloc object");
	ok(machine_destroy(m) > 0,
	   "a kmem cache not empty at teardown is a model bug: the run fails");
}

int main(void)
{
	test_page_tables();
	test_kmem_left();
	return done_testing();
}
