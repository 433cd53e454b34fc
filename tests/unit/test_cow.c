// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for copy-on-write accounting (mm/memory.c fork and write-protect
 * faults, mm/memcontrol.c charging): who pays for anonymous pages that a
 * fork shares, and for the copies that writes make.
 *
 * The kernel's rules (memcg-core.md §4, §12 item 33):
 *  - fork copies PTEs, not pages; the copied page tables are allocated by
 *    the parent, so they are charged to the parent's memcg;
 *  - a shared page stays charged to the memcg that first faulted it, even
 *    when only a task in another cgroup still maps it;
 *  - a write to a shared page allocates the copy and charges it to the
 *    writer's (mm owner's) memcg; a page mapped once is reused in place;
 *  - anon (NR_ANON_MAPPED) counts each mapped folio once, however many PTEs
 *    map it;
 *  - reading untouched anonymous memory maps the shared zero page, which is
 *    charged to nobody; a later write copies it into a charged page.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/rcupdate.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "include/kernfs.h"
#include "include/fs.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/mm.h"
#include "fixture.h"
#include "tap.h"

#define N	100	/* pages the parent touches */
#define K	30	/* pages the child then writes */

static long current(struct machine *m, const char *cg)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/memory.current", cg);
	return num(m, path);
}

/* One CPU access by @t to page @i of @vma; the page's bytes, or NULL. */
static u8 *access_page(struct machine *m, struct task_struct *t,
		       struct vm_area_struct *vma, unsigned long i, bool write)
{
	u8 *page = NULL;
	unsigned int ret;

	m->current = t;
	ret = user_access(vma, vma->vm_start + i * PAGE_SIZE, write, &page);
	m->current = NULL;
	return ret ? NULL : page;
}

static struct mem_cgroup *page_memcg(struct vm_area_struct *vma,
				     unsigned long i)
{
	struct folio *folio = vm_normal_folio(vma, vma->vm_start + i * PAGE_SIZE);

	return folio ? folio_memcg(folio) : NULL;
}

static void test_fork_cow(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct task_struct *parent, *child;
	struct vm_area_struct *pvma, *cvma;
	struct mem_cgroup *a, *b;
	long a_pt, a_pt_fork, a_anon, a_cur;
	bool good;
	unsigned long i;
	int err;

	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "A");
	cgroup_mkdir(m, "B");
	a = memcg_of(m, "A");
	b = memcg_of(m, "B");
	parent = spawn(m, "parent", "A");
	is_long(do_mmap(parent->mm, "heap", VMA_ANON, NULL, N * PAGE_SIZE, false,
			&pvma), 0, "parent maps %d anon pages", N);
	good = true;
	for (i = 0; i < N; i++) {
		u8 *p = access_page(m, parent, pvma, i, true);

		if (!p)
			good = false;
		else
			p[0] = (u8)i, p[1] = 0xAA;
	}
	ok(good, "parent writes all %d pages", N);
	is_long(memstat(m, "A", "anon"), N * PAGE_SIZE, "A anon = %d pages", N);
	is_long(memcg_page_state(a, NR_ANON_MAPPED), N, "A NR_ANON_MAPPED = %d", N);
	a_pt = memstat(m, "A", "pagetables");
	ok(a_pt > 0, "A pays for the parent's page tables (%ld bytes)", a_pt);

	child = task_fork(parent, "child", &err);
	ok(child && !err, "fork");
	if (!child) {
		destroy_machine(m);
		return;
	}
	ok(child->cgroup == parent->cgroup, "the child is born in A");
	cvma = find_vma_by_name(child->mm, "heap");
	ok(cvma && cvma->vm_start == pvma->vm_start, "the child has the heap at the same address");
	is_long(memstat(m, "A", "anon"), N * PAGE_SIZE,
		"A anon still %d pages: shared pages count once", N);
	a_pt_fork = memstat(m, "A", "pagetables");
	ok(a_pt_fork > a_pt, "the child's page tables are charged to A (%ld -> %ld)",
	   a_pt, a_pt_fork);
	is_long(child->mm->rss_stat[MM_ANONPAGES], N, "child rss anon = %d", N);

	is_long(cgroup_attach_task(cgroup_lookup(m, "B"), child), 0, "move the child to B");
	ok(mem_cgroup_from_task(child) == b, "the child's memcg is B");
	is_long(current(m, "B"), 0, "B memory.current 0: the fork itself charged nothing to B");
	is_long(memstat(m, "B", "pagetables"), 0, "B pagetables 0");
	a_anon = memstat(m, "A", "anon");
	a_cur = current(m, "A");

	/* reads share the parent's pages */
	good = true;
	for (i = 0; i < N; i++) {
		u8 *c = access_page(m, child, cvma, i, false);
		u8 *p = access_page(m, parent, pvma, i, false);

		if (!c || c != p || c[0] != (u8)i || c[1] != 0xAA)
			good = false;
	}
	ok(good, "child reads see the parent's frames and bytes");
	is_long(current(m, "B"), 0, "child reads charge nothing to B");
	is_long(memstat(m, "B", "anon"), 0, "B anon 0 after reads");
	is_long(memstat(m, "A", "anon"), a_anon, "A anon unchanged by reads");
	is_long(current(m, "A"), a_cur, "A memory.current unchanged by reads");
	ok(page_memcg(cvma, 0) == a, "a shared page belongs to A");

	/* child writes: one copy per page, charged to B */
	good = true;
	for (i = 0; i < K; i++) {
		u8 *shared = access_page(m, parent, pvma, i, false);
		u8 *c = access_page(m, child, cvma, i, true);

		if (!c || c == shared || c[0] != (u8)i || c[1] != 0xAA)
			good = false;
		else
			c[1] = 0xBB;
		if (memcg_page_state(b, NR_ANON_MAPPED) != (long)i + 1 ||
		    memcg_page_state(a, NR_ANON_MAPPED) != N)
			good = false;
	}
	ok(good, "each child write copies the page (+1 anon in B, A unchanged)");
	is_long(memstat(m, "B", "anon"), K * PAGE_SIZE, "B anon = %d pages", K);
	is_long(memstat(m, "A", "anon"), N * PAGE_SIZE, "A anon still %d pages", N);
	is_long(memstat(m, "", "anon"), (N + K) * PAGE_SIZE, "root anon = %d pages", N + K);
	is_long(current(m, "B"), 64 * PAGE_SIZE, "B memory.current = one 64-page batch");
	is_long(memstat(m, "B", "pagetables"), 0, "the copies needed no page tables in B");
	is_long(memstat(m, "A", "pagetables"), a_pt_fork, "A pagetables unchanged");
	ok(page_memcg(cvma, 0) == b && page_memcg(cvma, K) == a,
	   "the child's copy belongs to B, its still-shared page to A");
	ok(page_memcg(pvma, 0) == a, "the parent's original stays in A");
	good = true;
	for (i = 0; i < K; i++) {
		u8 *p = access_page(m, parent, pvma, i, false);

		if (!p || p[1] != 0xAA)
			good = false;
	}
	ok(good, "the parent still sees its own bytes");
	ok(access_page(m, child, cvma, 0, true) &&
	   memstat(m, "B", "anon") == K * PAGE_SIZE,
	   "writing a copied page again copies nothing");

	/* the parent writes: reuse where it is the only mapper, copy otherwise */
	{
		u8 *before = access_page(m, parent, pvma, 0, false);
		u8 *after = access_page(m, parent, pvma, 0, true);

		ok(before && before == after, "parent write to an unshared page: reused in place");
		is_long(memstat(m, "A", "anon"), N * PAGE_SIZE, "A anon unchanged by the reuse");
		before = access_page(m, parent, pvma, K, false);
		after = access_page(m, parent, pvma, K, true);
		ok(before && after && before != after,
		   "parent write to a still-shared page copies it");
		after[1] = 0xCC;
		is_long(memstat(m, "A", "anon"), (N + 1) * PAGE_SIZE,
			"A anon %d: the parent's copy is charged to A", N + 1);
		ok(access_page(m, child, cvma, K, false)[1] == 0xAA,
		   "the child still sees the old bytes");
	}

	/* the parent exits: A keeps what the child still shares */
	task_exit(parent);
	is_long(memstat(m, "A", "anon"), (N - K) * PAGE_SIZE,
		"A anon = the %d pages the child still shares", N - K);
	is_long(memcg_page_state(a, NR_ANON_MAPPED), N - K, "A NR_ANON_MAPPED = %d", N - K);
	is_long(memstat(m, "B", "anon"), K * PAGE_SIZE, "B anon still %d", K);
	ok(current(m, "A") >= (N - K) * PAGE_SIZE,
	   "A memory.current still holds the shared pages");
	is_long(memstat(m, "A", "pagetables"), a_pt_fork - a_pt,
		"A pagetables = the child's tables only");
	is_long(child->mm->rss_stat[MM_ANONPAGES], N, "child rss anon still %d", N);

	/* the last sharer writes: reuse in place, no new charge */
	{
		u8 *before = access_page(m, child, cvma, N - 1, false);
		u8 *after = access_page(m, child, cvma, N - 1, true);

		ok(before && before == after,
		   "the last mapper's write reuses the page (no copy)");
		is_long(memstat(m, "B", "anon"), K * PAGE_SIZE, "B anon unchanged");
		ok(page_memcg(cvma, N - 1) == a, "... and it stays charged to A");
	}

	task_exit(child);
	is_long(memstat(m, "A", "anon"), 0, "A anon 0 after both exit");
	is_long(memstat(m, "B", "anon"), 0, "B anon 0 after both exit");
	is_long(memstat(m, "", "anon"), 0, "root anon 0");
	is_long(memstat(m, "A", "pagetables"), 0, "A pagetables 0");
	is_long(memstat(m, "B", "pagetables"), 0, "B pagetables 0");
	ok(current(m, "A") < 64 * PAGE_SIZE && current(m, "B") <= 64 * PAGE_SIZE,
	   "only per-CPU stock remainders stay charged (A %ld, B %ld)",
	   current(m, "A"), current(m, "B"));
	destroy_machine(m);
}

static void test_zero_page(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct task_struct *t, *child;
	struct vm_area_struct *vma, *cvma;
	long cur, pt;
	bool zero = true, same = true;
	u8 *first = NULL, *p;
	unsigned long i;
	int err;

	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "Z");
	cgroup_mkdir(m, "W");
	t = spawn(m, "reader", "Z");
	is_long(do_mmap(t->mm, "untouched", VMA_ANON, NULL, 300 * PAGE_SIZE, false,
			&vma), 0, "map 300 anon pages");
	/* fault in the page tables first so that the reads cost nothing else */
	access_page(m, t, vma, 299, false);
	cur = current(m, "Z");
	pt = memstat(m, "Z", "pagetables");
	for (i = 0; i < 300; i++) {
		p = access_page(m, t, vma, i, false);
		if (!p) {
			zero = false;
			continue;
		}
		if (!first)
			first = p;
		if (p != first)
			same = false;
		if (p[0] || p[PAGE_SIZE - 1])
			zero = false;
	}
	ok(zero, "reads of untouched anon memory return zeroes");
	ok(same, "... all from one frame, the zero page");
	ok(!vm_normal_folio(vma, vma->vm_start), "the zero page is no normal folio");
	is_long(memstat(m, "Z", "anon"), 0, "zero-page reads: Z anon 0");
	is_long(memcg_page_state(memcg_of(m, "Z"), NR_ANON_MAPPED), 0,
		"zero-page reads: NR_ANON_MAPPED 0");
	is_long(current(m, "Z"), cur, "zero-page reads: Z memory.current unchanged");
	is_long(memstat(m, "Z", "pagetables"), pt, "zero-page reads: no more page tables");
	is_long(t->mm->rss_stat[MM_ANONPAGES], 0, "zero-page reads: rss anon 0");

	/* fork: the child shares the zero page too */
	child = task_fork(t, "child", &err);
	ok(child != NULL, "fork the reader");
	cvma = find_vma_by_name(child->mm, "untouched");
	is_long(cgroup_attach_task(cgroup_lookup(m, "W"), child), 0, "move the child to W");
	/*
	 * The VMA never had an anonymous page, so fork copied no PTEs (6.12's
	 * vma_needs_copy); the child's read faults and allocates its own page
	 * tables, charged to W, but still maps the zero page.
	 */
	p = access_page(m, child, cvma, 5, false);
	ok(p == first && !p[0], "the child reads the zero page");
	is_long(memstat(m, "W", "anon"), 0, "W anon 0 after the child's zero-page read");
	ok(memstat(m, "W", "pagetables") > 0 &&
	   current(m, "W") == 64 * PAGE_SIZE,
	   "W pays only for the child's new page tables (one 64-page batch)");

	/* a write copies the zero page into a charged, zeroed page */
	p = access_page(m, child, cvma, 5, true);
	ok(p && p != first && !p[0] && !p[PAGE_SIZE - 1],
	   "a write replaces the zero page with a zeroed private page");
	is_long(memstat(m, "W", "anon"), PAGE_SIZE, "W anon 1 page after the write");
	is_long(memstat(m, "Z", "anon"), 0, "Z anon still 0");
	p = access_page(m, t, vma, 7, true);
	ok(p && p != first, "the parent's write also gets its own page");
	is_long(memstat(m, "Z", "anon"), PAGE_SIZE, "Z anon 1 page");
	ok(access_page(m, child, cvma, 7, false) == first,
	   "the child still maps the zero page there");

	task_exit(child);
	task_exit(t);
	is_long(memstat(m, "Z", "anon") + memstat(m, "W", "anon"), 0, "all anon gone at exit");
	destroy_machine(m);
}

/*
 * A private file mapping: reads map the page cache (charged to whoever read
 * it in), writes make anonymous copies charged to the writer (do_cow_fault
 * and wp_page_copy), and a fork shares the copies like any anon page.
 */
static void test_private_file(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct task_struct *parent, *child;
	struct vm_area_struct *pvma, *cvma;
	struct inode *inode;
	bool good = true;
	u8 *p, *c;
	unsigned long i;
	int err;

	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "A");
	cgroup_mkdir(m, "B");
	inode = vfs_open(m, "/data/lib.so", true, &err);
	if (!inode) {
		printf("Bail out! vfs_open: %d\n", err);
		exit(1);
	}
	vfs_truncate(m, inode, 10 * PAGE_SIZE);
	parent = spawn(m, "parent", "A");
	is_long(do_mmap(parent->mm, "lib", VMA_FILE, inode, 10 * PAGE_SIZE, false,
			&pvma), 0, "parent maps a 10-page file privately");
	iput(m, inode);
	for (i = 0; i < 10; i++)
		if (!access_page(m, parent, pvma, i, false))
			good = false;
	ok(good, "parent reads the 10 pages");
	is_long(memstat(m, "A", "file"), 10 * PAGE_SIZE, "A file = 10 pages (page cache)");
	is_long(memstat(m, "A", "file_mapped"), 10 * PAGE_SIZE, "A file_mapped = 10 pages");
	is_long(memstat(m, "A", "anon"), 0, "A anon 0 after reads");
	p = access_page(m, parent, pvma, 0, true);
	ok(p && folio_test_anon(vm_normal_folio(pvma, pvma->vm_start)),
	   "parent write to page 0: a private anonymous copy");
	p[2] = 0x5A;
	is_long(memstat(m, "A", "anon"), PAGE_SIZE, "A anon 1 page (the private copy)");
	is_long(memstat(m, "A", "file"), 10 * PAGE_SIZE, "A file still 10 pages");

	child = task_fork(parent, "child", &err);
	ok(child != NULL, "fork");
	cvma = find_vma_by_name(child->mm, "lib");
	is_long(cgroup_attach_task(cgroup_lookup(m, "B"), child), 0, "move the child to B");
	c = access_page(m, child, cvma, 0, false);
	ok(c == p && c[2] == 0x5A, "the child shares the parent's private copy");
	c = access_page(m, child, cvma, 1, false);
	ok(c && c == access_page(m, parent, pvma, 1, false),
	   "the child reads the same page-cache page");
	is_long(current(m, "B"), 0, "B memory.current 0 after the child's reads");

	c = access_page(m, child, cvma, 1, true);
	ok(c && c != access_page(m, parent, pvma, 1, false),
	   "child write to a file page: private copy");
	is_long(memstat(m, "B", "anon"), PAGE_SIZE, "B anon 1 page");
	is_long(memstat(m, "B", "file"), 0, "B file 0: the page cache stays A's");
	c = access_page(m, child, cvma, 0, true);
	ok(c && c != p && c[2] == 0x5A,
	   "child write to the shared private copy: copied again, bytes kept");
	is_long(memstat(m, "B", "anon"), 2 * PAGE_SIZE, "B anon 2 pages");
	is_long(memstat(m, "A", "anon"), PAGE_SIZE, "A anon still 1 page");

	task_exit(parent);
	is_long(memstat(m, "A", "anon"), 0, "A anon 0: nobody maps the parent's copy");
	is_long(memstat(m, "A", "file"), 10 * PAGE_SIZE, "A file 10: page cache outlives the parent");
	is_long(memstat(m, "A", "file_mapped"), 8 * PAGE_SIZE,
		"A file_mapped 8: the child maps the 8 pages it did not copy");
	task_exit(child);
	is_long(memstat(m, "B", "anon"), 0, "B anon 0 after the child exits");
	is_long(memstat(m, "A", "file_mapped"), 0, "A file_mapped 0");
	destroy_machine(m);
}

int main(void)
{
	test_fork_cow();
	test_zero_page();
	test_private_file();
	return done_testing();
}
