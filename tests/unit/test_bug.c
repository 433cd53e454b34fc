// SPDX-License-Identifier: GPL-2.0
/*
 * The invariant policy (include/bug.h): a broken invariant of the model is
 * reported on stderr as "memcglab: BUG at FILE:LINE: ..." naming the
 * object, counted in m->nr_bugs (so the run and the test fail), and the
 * model carries on instead of aborting.  Each case corrupts the state on
 * purpose, the way a bug elsewhere would:
 *  - a page_counter underflow (the kernel WARNs and clamps to 0);
 *  - a folio reference dropped twice;
 *  - a css reference dropped twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "include/machine.h"
#include "include/memory_model.h"
#include "kernel/cgroup.h"
#include "mm/memcontrol.h"
#include "mm/page_alloc.h"
#include "mm/page_counter.h"
#include "mm/swap.h"
#include "fixture.h"
#include "tap.h"

static char report[4096];
static int saved_stderr = -1;
static FILE *capture;

/* Send stderr to a file until stop_capture() reads it into report[]. */
static void start_capture(void)
{
	fflush(stderr);
	capture = tmpfile();
	saved_stderr = dup(2);
	if (!capture || saved_stderr < 0 || dup2(fileno(capture), 2) < 0) {
		printf("Bail out! cannot capture stderr\n");
		exit(1);
	}
}

static void stop_capture(void)
{
	size_t n;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	rewind(capture);
	n = fread(report, 1, sizeof(report) - 1, capture);
	report[n] = '\0';
	fclose(capture);
}

static void test_page_counter_returns_underflow(void)
{
	struct page_counter root, a, b;

	page_counter_init(&root, NULL, true);
	page_counter_init(&a, &root, true);
	page_counter_init(&b, &a, true);
	page_counter_charge(&b, 4);
	page_counter_charge(&root, 10);
	ok(!page_counter_uncharge(&b, 4), "a balanced uncharge underflows nothing");
	page_counter_charge(&b, 4);
	ok(page_counter_uncharge(&b, 6) == &b,
	   "an uncharge of more than the usage returns the lowest counter");
	ok(b.usage == 0 && a.usage == 0 && root.usage == 8,
	   "the underflowing levels are clamped to 0, the others uncharged");
}

static void test_memcg_counter_underflow(void)
{
	struct machine *m = boot_machine(64ULL << 20, 1);
	struct mem_cgroup *memcg;
	unsigned long bugs;

	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "A");
	memcg = memcg_of(m, "A");
	bugs = m->nr_bugs;
	start_capture();
	memcg_counter_uncharge(memcg, &memcg->memory, 3);
	stop_capture();
	is_long(m->nr_bugs, bugs + 1, "a memcg page_counter underflow is a model bug");
	ok(strstr(report, "memcglab: BUG at src/mm/memcontrol.c:") &&
	   strstr(report, "memcg A: memory page_counter underflow"),
	   "the report names the file:line and the memcg");
	is_long(page_counter_read(&memcg->memory), 0, "usage is clamped to 0");
	m->nr_bugs = bugs;
	destroy_machine(m);
}

static void test_folio_put_twice(void)
{
	struct machine *m = boot_machine(64ULL << 20, 1);
	struct folio *folio = folio_alloc(m, 0, 0);
	unsigned long free_pages, bugs = m->nr_bugs;

	folio_put(m, folio);
	free_pages = global_free_pages(m);
	start_capture();
	folio_put(m, folio);
	stop_capture();
	is_long(m->nr_bugs, bugs + 1, "a folio put twice is a model bug, not an abort");
	ok(strstr(report, "BUG at src/mm/swap.c:") &&
	   strstr(report, "refcount 0"), "the report shows the folio's state");
	is_long(global_free_pages(m), free_pages, "the folio is not freed twice");
	m->nr_bugs = bugs;
	destroy_machine(m);
}

static void test_css_put_twice(void)
{
	struct machine *m = boot_machine(64ULL << 20, 1);
	struct mem_cgroup *memcg;
	unsigned long bugs;
	long refs;

	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "A");
	memcg = memcg_of(m, "A");
	bugs = m->nr_bugs;
	refs = memcg->css.refcnt;
	start_capture();
	css_put_many(&memcg->css, refs + 1);
	stop_capture();
	is_long(m->nr_bugs, bugs + 1, "a css put beyond its references is a model bug");
	ok(strstr(report, "BUG at src/kernel/cgroup.c:") &&
	   strstr(report, "css of A"), "the report names the cgroup");
	is_long(memcg->css.refcnt, refs, "the references are left as they were");
	m->nr_bugs = bugs;
	destroy_machine(m);
}

int main(void)
{
	test_page_counter_returns_underflow();
	test_memcg_counter_underflow();
	test_folio_put_twice();
	test_css_put_twice();
	return done_testing();
}
