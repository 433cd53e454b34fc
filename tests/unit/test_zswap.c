// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for mm/zswap.c's own objects, below what the test_zswap.c
 * ports see through memory.stat:
 *  - entries are objects of the "zswap_entry" kmem cache, 56 bytes as in
 *    6.12, unaccounted: they show in /proc/meminfo's SUnreclaim, not in any
 *    memcg's slab, and go back when the entries do;
 *  - storing a folio whose slot already has an entry (the page was written
 *    again) replaces the old entry and frees it;
 *  - a load is exclusive: it frees the entry, and gives back the bytes.
 * The stores and loads are zswap_store()/zswap_load() called directly on
 * folios in the swap cache, as swap_writepage() and swap_read_folio() do.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/content.h"
#include "include/machine.h"
#include "include/memory_model.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "mm/zswap.h"
#include "fixture.h"
#include "tap.h"

#define NR	1024	/* pages stored */

static struct machine *zswap_machine(void)
{
	struct machine *m = boot_machine_swap(256ULL << 20, 1, 64ULL << 20);

	if (wr(m, "/sys/module/zswap/parameters/enabled", "Y") != 1 ||
	    wr(m, "cgroup.subtree_control", "+memory") < 0 ||
	    cgroup_mkdir(m, "z")) {
		printf("Bail out! machine with zswap\n");
		exit(1);
	}
	return m;
}

/* NR compressible pages of an anonymous mapping, each in the swap cache. */
static struct vm_area_struct *swapcache_pages(struct machine *m,
					      struct folio **folios)
{
	struct fill fill = { .kind = FILL_RATIO, .ratio = 0.3 };
	struct vm_area_struct *vma;
	unsigned long i;

	m->current = spawn(m, "t", "z");
	if (do_mmap(m->current->mm, "ws", VMA_ANON, NULL, NR * PAGE_SIZE,
		    false, &vma)) {
		printf("Bail out! mmap\n");
		exit(1);
	}
	for (i = 0; i < NR; i++) {
		u8 *page;

		if (user_access(vma, vma->vm_start + i * PAGE_SIZE, true,
				&page)) {
			printf("Bail out! fault\n");
			exit(1);
		}
		fill_page(&fill, page, i);
		folios[i] = virt_to_folio(m, page);
		if (!add_to_swap(m, folios[i])) {
			printf("Bail out! add_to_swap\n");
			exit(1);
		}
	}
	return vma;
}

static unsigned long entries_in_use(struct machine *m)
{
	return m->zswap->entry_cache->node[0].nr_inuse;
}

static long sunreclaim_kb(struct machine *m)
{
	return key(m, "/proc/meminfo", "SUnreclaim:");
}

static void test_entries_are_slab(void)
{
	static struct folio *folios[NR];
	static u8 copy[NR][PAGE_SIZE];
	struct machine *m = zswap_machine();
	long sun0, slab0, per_slab, slabs, bad = 0;
	unsigned long i, stored = 0;

	swapcache_pages(m, folios);
	for (i = 0; i < NR; i++)
		memcpy(copy[i], folio_address(m, folios[i]), PAGE_SIZE);
	is_long(sizeof(struct zswap_entry), 56, "an entry is 6.12's 56 bytes");
	per_slab = m->zswap->entry_cache->objects;
	is_long(per_slab, PAGE_SIZE / 56, "73 entries per slab page");

	sun0 = sunreclaim_kb(m);
	slab0 = memstat(m, "z", "slab_unreclaimable");
	for (i = 0; i < NR; i++)
		stored += zswap_store(m, folios[i]);
	is_long(stored, NR, "every compressible page stored");
	is_long(entries_in_use(m), NR, "one zswap_entry object per page");
	slabs = DIV_ROUND_UP(NR, per_slab);
	is_long(sunreclaim_kb(m) - sun0, slabs * PAGE_SIZE / 1024,
		"SUnreclaim grew by the entries' slab pages");
	is_long(memstat(m, "z", "slab_unreclaimable"), slab0,
		"unaccounted: the memcg's slab did not move");
	ok(memstat(m, "z", "zswap") > 0, "the compressed bytes are charged");

	for (i = 0; i < NR; i++)
		memset(folio_address(m, folios[i]), 0x5a, PAGE_SIZE);
	for (i = 0; i < NR; i++) {
		bad += !zswap_load(m, folios[i]);
		bad += !!memcmp(folio_address(m, folios[i]), copy[i],
				PAGE_SIZE);
	}
	is_long(bad, 0, "every page loads back with its bytes");
	is_long(entries_in_use(m), 0, "exclusive loads freed every entry");
	ok(sunreclaim_kb(m) - sun0 <=
	   (long)m->zswap->entry_cache->min_partial * PAGE_SIZE / 1024,
	   "the slab pages went back, but for SLUB's min_partial");
	is_long(m->nr_bugs, 0, "no model bugs");
	destroy_machine(m);
}

static void test_store_replaces_stale(void)
{
	static struct folio *folios[NR];
	struct machine *m = zswap_machine();
	struct zswap_entry *entry;
	u8 copy[PAGE_SIZE];
	long zswap0;

	swapcache_pages(m, folios);
	ok(zswap_store(m, folios[0]), "first store");
	zswap0 = memstat(m, "z", "zswap");
	/* the page changes and is written again to the same slot */
	memset(folio_address(m, folios[0]) + 100, 0x77, 200);
	memcpy(copy, folio_address(m, folios[0]), PAGE_SIZE);
	ok(zswap_store(m, folios[0]), "second store to the same slot");
	is_long(num(m, "/sys/kernel/debug/zswap/stored_pages"), 1,
		"one page stored, not two");
	is_long(entries_in_use(m), 1, "the stale entry was freed");
	entry = xa_load(&m->zswap->tree, swp_offset((swp_entry_t){
				folios[0]->private }));
	ok(entry && entry->length != zswap0,
	   "the new entry holds a different compressed page");
	is_long(memstat(m, "z", "zswap"), entry ? entry->length : -1,
		"only the new entry's bytes stay charged");
	memset(folio_address(m, folios[0]), 0, PAGE_SIZE);
	ok(zswap_load(m, folios[0]) &&
	   !memcmp(folio_address(m, folios[0]), copy, PAGE_SIZE),
	   "the load gives the second version");
	is_long(m->nr_bugs, 0, "no model bugs");
	destroy_machine(m);
}

/*
 * /sys/module/zswap/parameters/enabled takes what param_set_bool() takes:
 * kstrtobool() looks at the first character (y/Y/t/T/1, n/N/f/F/0) or at
 * "o" and the next one (on, off), and nothing else.  The first write of
 * any value, even a rejected one, sets zswap up: zswap_enabled_param_set()
 * calls zswap_setup() before parsing, so /sys/kernel/debug/zswap appears.
 */
static void test_enabled_param(void)
{
	struct machine *m = boot_machine_swap(64ULL << 20, 1, 16ULL << 20);
	const char *en = "/sys/module/zswap/parameters/enabled";

	ok(!strncmp(rd(m, "/sys/kernel/debug/zswap/stored_pages"), "ERR", 3),
	   "no debugfs directory before the first write");
	is_long(wr(m, en, "x"), -EINVAL, "enabled: 'x' -> EINVAL");
	is_str(rd(m, "/sys/kernel/debug/zswap/stored_pages"), "0\n",
	       "a first write, even rejected, sets zswap up (debugfs appears)");
	is_long(wr(m, en, "true"), 4, "enabled: 'true' accepted");
	is_str(rd(m, en), "Y\n", "'true' enables");
	is_long(wr(m, en, "false\n"), 6, "enabled: 'false' accepted");
	is_str(rd(m, en), "N\n", "'false' disables");
	is_long(wr(m, en, "oN"), 2, "enabled: 'oN' accepted");
	is_str(rd(m, en), "Y\n", "'oN' enables");
	is_long(wr(m, en, "Off"), 3, "enabled: 'Off' accepted");
	is_str(rd(m, en), "N\n", "'Off' disables");
	is_long(wr(m, en, " y"), -EINVAL, "enabled: a leading blank -> EINVAL");
	is_long(wr(m, en, "o"), -EINVAL, "enabled: 'o' alone -> EINVAL");
	is_long(wr(m, "/sys/module/zswap/parameters/shrinker_enabled", "f"), 1,
		"shrinker_enabled: 'f' accepted");
	is_str(rd(m, "/sys/module/zswap/parameters/shrinker_enabled"), "N\n",
	       "'f' turns the shrinker off");
	destroy_machine(m);
}

/*
 * max_pool_percent and accept_threshold_percent are plain uint parameters
 * in 6.12 (module_param_named(..., uint, 0644)): param_set_uint() is
 * kstrtouint(val, 0, ...), so any unsigned int is taken, base 0, with one
 * trailing newline; a blank is EINVAL, a value past UINT_MAX ERANGE.
 */
static void test_percent_params(void)
{
	struct machine *m = boot_machine_swap(64ULL << 20, 1, 16ULL << 20);
	const char *thr = "/sys/module/zswap/parameters/accept_threshold_percent";
	const char *max = "/sys/module/zswap/parameters/max_pool_percent";

	is_long(wr(m, thr, "150\n"), 4, "accept_threshold_percent 150 accepted");
	is_str(rd(m, thr), "150\n", "... and shown");
	is_long(wr(m, max, "0x20"), 4, "max_pool_percent 0x20 accepted");
	is_str(rd(m, max), "32\n", "... as 32");
	is_long(wr(m, max, "4294967296"), -ERANGE, "past UINT_MAX -> ERANGE");
	is_long(wr(m, thr, " 5"), -EINVAL, "a leading blank -> EINVAL");
	is_long(wr(m, thr, "-1"), -EINVAL, "a sign -> EINVAL");
	is_str(rd(m, thr), "150\n", "rejected writes change nothing");
	destroy_machine(m);
}

int main(void)
{
	test_entries_are_slab();
	test_store_replaces_stale();
	test_enabled_param();
	test_percent_params();
	return done_testing();
}
