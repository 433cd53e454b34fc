// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for mm/shrinker.c: do_shrink_slab()'s scan-count math against
 * numbers worked out by hand from spec/lru-shrinker-zswap.md §2.3,
 *
 *   delta      = seeks ? (freeable >> priority) * 4 / seeks : freeable / 2
 *   total_scan = min((nr_deferred >> priority) + delta, 2 * freeable)
 *   while (total_scan >= batch || total_scan >= freeable)
 *           scan min(batch, total_scan); total_scan -= nr_scanned
 *   nr_deferred = min(max(nr + delta - scanned, 0), 2 * freeable)
 *
 * (the hand computation is next to each case), and shrink_slab(): the
 * per-memcg bitmap, SHRINK_EMPTY clearing the bit with the re-check,
 * memcg-aware shrinkers only for non-root memcgs, deferred counts per node
 * and per memcg, and their reparenting on rmdir (§2.2, §2.4, §7 items
 * 33-35).
 */
#include <stdlib.h>
#include <string.h>

#include "include/machine.h"
#include "kernel/cgroup.h"
#include "include/kernfs.h"
#include "mm/memcontrol.h"
#include "mm/shrinker.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"
#include "fixture.h"
#include "tap.h"

struct cache {
	unsigned long objects;		/* what count_objects reports */
	unsigned long count_ret;	/* if set: returned by count instead */
	bool count_zero;		/* count says 0: "cannot tell" */
	unsigned long empty_counts;	/* first N counts say SHRINK_EMPTY */
	int counts, scans;
	unsigned long scanned;		/* sum of nr_to_scan asked for */
	bool stop;			/* scan answers SHRINK_STOP */
	bool half;			/* scan reports half the work done */
};

static unsigned long test_count(struct shrinker *s, struct shrink_control *sc)
{
	struct cache *c = s->private_data;

	c->counts++;
	if (c->empty_counts) {
		c->empty_counts--;
		return SHRINK_EMPTY;
	}
	if (c->count_zero)
		return 0;
	if (c->count_ret)
		return c->count_ret;
	return c->objects ? c->objects : SHRINK_EMPTY;
}

static unsigned long test_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct cache *c = s->private_data;

	c->scans++;
	if (c->stop)
		return SHRINK_STOP;
	c->scanned += sc->nr_to_scan;
	if (c->half)
		sc->nr_scanned = sc->nr_to_scan / 2;
	return sc->nr_to_scan;	/* "freed" everything it looked at */
}

static struct shrinker *new_shrinker(struct machine *m, unsigned int flags,
				     struct cache *c, bool reg)
{
	struct shrinker *s = shrinker_alloc(m, flags, "test");

	memset(c, 0, sizeof(*c));
	s->count_objects = test_count;
	s->scan_objects = test_scan;
	s->private_data = c;
	if (reg)
		shrinker_register(s);
	return s;
}

static unsigned long run(struct shrinker *s, int nid, struct mem_cgroup *memcg,
			 int priority)
{
	struct shrink_control sc = {
		.gfp_mask = GFP_KERNEL, .nid = nid, .memcg = memcg,
	};

	return do_shrink_slab(&sc, s, priority);
}

static void test_scan_math(void)
{
	struct machine *m = boot_machine(128ULL << 20, 1);
	struct cache c;
	struct shrinker *s = new_shrinker(m, 0, &c, false);
	unsigned long before, freed;

	/*
	 * freeable 1000, priority 0, seeks 2, batch 0 (128), deferred 0:
	 * delta = (1000 >> 0) * 4 / 2 = 2000; total = min(0 + 2000, 2000) =
	 * 2000; 15 batches of 128 = 1920 leave 80 (< 128, < 1000): stop.
	 * deferred = min(max(0 + 2000 - 1920, 0), 2000) = 80.
	 */
	c.objects = 1000;
	before = m->vm_events[SLABS_SCANNED];
	freed = run(s, 0, NULL, 0);
	is_long(c.scans, 15, "1000@0: 15 scan calls");
	is_long(c.scanned, 1920, "1000@0: 1920 objects asked for");
	is_long(freed, 1920, "1000@0: freed is what scan returned");
	is_long(m->vm_events[SLABS_SCANNED] - before, 1920, "1000@0: SLABS_SCANNED +1920");
	is_long(shrinker_nr_deferred(s, NULL, 0), 80, "1000@0: 80 deferred");

	/*
	 * Same cache at DEF_PRIORITY 12: delta = (1000 >> 12) * 4 / 2 = 0;
	 * total = (80 >> 12) + 0 = 0: no scan (0 < 128, 0 < 1000);
	 * deferred = min(max(80 + 0 - 0, 0), 2000) = 80, put back.
	 */
	c.scans = 0;
	run(s, 0, NULL, DEF_PRIORITY);
	is_long(c.scans, 0, "1000@12: no scan");
	is_long(shrinker_nr_deferred(s, NULL, 0), 80, "1000@12: the 80 stay deferred");

	/*
	 * freeable 10000 at priority 12: delta = (10000 >> 12) * 4 / 2 =
	 * 2 * 4 / 2 = 4 each call, total = (nr >> 12) + 4 < 128: no scan,
	 * deferred grows by 4 per call: 80 + 4 = 84, 88, 92.
	 */
	c.objects = 10000;
	run(s, 0, NULL, DEF_PRIORITY);
	run(s, 0, NULL, DEF_PRIORITY);
	run(s, 0, NULL, DEF_PRIORITY);
	is_long(c.scans, 0, "10000@12: still no scan");
	is_long(shrinker_nr_deferred(s, NULL, 0), 92, "10000@12: deferred 80 + 3 * 4");

	/*
	 * Deferred work counts at low priority: freeable 10000, priority 1,
	 * nr 92: delta = (10000 >> 1) * 4 / 2 = 10000; total = min(46 +
	 * 10000, 20000) = 10046; 78 batches of 128 = 9984 leave 62 (< 128,
	 * < 10000).  deferred = min(max(92 + 10000 - 9984, 0), 20000) = 108.
	 */
	c.scanned = 0;
	run(s, 0, NULL, 1);
	is_long(c.scans, 78, "10000@1: 78 scan calls");
	is_long(c.scanned, 9984, "10000@1: 9984 asked for");
	is_long(shrinker_nr_deferred(s, NULL, 0), 108, "10000@1: 108 deferred");
	shrinker_free(s);

	/*
	 * A small cache under heavy pressure is scanned whole: freeable 50,
	 * priority 0: delta = 100, total = min(100, 100) = 100 < 128, but
	 * >= 50: one call of min(128, 100) = 100; total 0: stop.
	 * deferred = max(0 + 100 - 100, 0) = 0.
	 */
	s = new_shrinker(m, 0, &c, false);
	c.objects = 50;
	run(s, 0, NULL, 0);
	ok(c.scans == 1 && c.scanned == 100, "50@0: one call for 100 (total >= freeable)");
	is_long(shrinker_nr_deferred(s, NULL, 0), 0, "50@0: nothing deferred");

	/*
	 * seeks 0: delta = freeable / 2 whatever the priority.  1000 at 12:
	 * delta 500, total min(0 + 500, 2000) = 500: 3 batches (384) leave
	 * 116 (< 128, < 1000).  deferred = 500 - 384 = 116.
	 */
	s->seeks = 0;
	c.objects = 1000;
	c.scans = 0;
	c.scanned = 0;
	run(s, 0, NULL, DEF_PRIORITY);
	ok(c.scans == 3 && c.scanned == 384, "seeks 0, 1000@12: 3 batches, 384");
	is_long(shrinker_nr_deferred(s, NULL, 0), 116, "seeks 0: 116 deferred");

	/*
	 * batch 1024 (the superblock shrinker's): 5000 at priority 0, nr 116:
	 * delta = 10000, total = min(116 + 10000, 10000) = 10000: 9 batches
	 * (9216) leave 784 (< 1024, < 5000).  deferred = min(116 + 10000 -
	 * 9216, 10000) = 900.
	 */
	s->seeks = DEFAULT_SEEKS;
	s->batch = 1024;
	c.objects = 5000;
	c.scans = 0;
	c.scanned = 0;
	run(s, 0, NULL, 0);
	ok(c.scans == 9 && c.scanned == 9216, "batch 1024, 5000@0: 9 batches, 9216");
	is_long(shrinker_nr_deferred(s, NULL, 0), 900, "batch 1024: 900 deferred");
	shrinker_free(s);

	/*
	 * The callee lowers nr_scanned to half: 1000 at 0, total 2000; each
	 * call asks 128 and counts 64, so calls go on while 2000 - 64k >= 128,
	 * k = 0..29: 30 calls, 1920 counted, 80 left.  deferred = 2000 - 1920
	 * = 80; SLABS_SCANNED counts nr_scanned (1920), not nr_to_scan (3840).
	 */
	s = new_shrinker(m, 0, &c, false);
	c.objects = 1000;
	c.half = true;
	before = m->vm_events[SLABS_SCANNED];
	run(s, 0, NULL, 0);
	ok(c.scans == 30 && c.scanned == 3840, "half progress: 30 calls asking 3840");
	is_long(m->vm_events[SLABS_SCANNED] - before, 1920,
		"half progress: SLABS_SCANNED counts the reported 1920");
	is_long(shrinker_nr_deferred(s, NULL, 0), 80, "half progress: 80 deferred");
	shrinker_free(s);

	/*
	 * SHRINK_STOP on the first call: nothing scanned, freed 0; deferred =
	 * min(0 + 2000 - 0, 2000) = 2000 (capped at 2 * freeable).
	 */
	s = new_shrinker(m, 0, &c, false);
	c.objects = 1000;
	c.stop = true;
	freed = run(s, 0, NULL, 0);
	ok(c.scans == 1 && freed == 0, "SHRINK_STOP: one call, nothing freed");
	is_long(shrinker_nr_deferred(s, NULL, 0), 2000, "SHRINK_STOP: 2000 deferred (cap)");

	/* count 0 ("cannot tell") and SHRINK_EMPTY are returned as they are,
	 * without touching the deferred count */
	c.stop = false;
	c.count_zero = true;
	c.scans = 0;
	is_long(run(s, 0, NULL, 0), 0, "count 0: returns 0");
	c.count_zero = false;
	c.count_ret = SHRINK_EMPTY;
	ok(run(s, 0, NULL, 0) == SHRINK_EMPTY, "count SHRINK_EMPTY: returned");
	ok(c.scans == 0 && shrinker_nr_deferred(s, NULL, 0) == 2000,
	   "count 0 / SHRINK_EMPTY: no scan, deferred untouched");
	shrinker_free(s);
	destroy_machine(m);
}

static void test_deferred_per_node(void)
{
	struct machine *m = boot_machine(128ULL << 20, 2);
	struct cache c1, c2;
	struct shrinker *numa = new_shrinker(m, SHRINKER_NUMA_AWARE, &c1, false);
	struct shrinker *flat = new_shrinker(m, 0, &c2, false);

	/* 1000@0 leaves 80 deferred (see above) on node 1's slot */
	c1.objects = c2.objects = 1000;
	run(numa, 1, NULL, 0);
	is_long(shrinker_nr_deferred(numa, NULL, 1), 80, "NUMA-aware: node 1 has 80");
	is_long(shrinker_nr_deferred(numa, NULL, 0), 0, "NUMA-aware: node 0 has none");
	run(flat, 1, NULL, 0);
	is_long(shrinker_nr_deferred(flat, NULL, 0), 80,
		"not NUMA-aware: node 1's work is deferred in the one slot");
	shrinker_free(numa);
	shrinker_free(flat);
	destroy_machine(m);
}

static void test_shrink_slab_memcg(void)
{
	struct machine *m = boot_machine(128ULL << 20, 1);
	struct cache cm, cg;
	struct shrinker *aware, *global;
	struct mem_cgroup *a, *b;
	int id;

	wr(m, "cgroup.subtree_control", "+memory\n");
	cgroup_mkdir(m, "A");
	wr(m, "A/cgroup.subtree_control", "+memory\n");
	cgroup_mkdir(m, "A/B");
	a = memcg_get(m, "A");
	b = memcg_get(m, "A/B");
	aware = new_shrinker(m, SHRINKER_MEMCG_AWARE, &cm, true);
	global = new_shrinker(m, 0, &cg, true);
	id = aware->id;
	cm.objects = cg.objects = 1000;

	shrink_slab(m, GFP_KERNEL, 0, b, 0);
	ok(cm.counts == 0 && cg.counts == 0,
	   "memcg B without its bit: no shrinker is asked");
	set_shrinker_bit(b, 0, id);
	shrink_slab(m, GFP_KERNEL, 0, b, 0);
	is_long(cm.counts, 1, "bit set: the memcg-aware shrinker is asked");
	is_long(cg.counts, 0, "non-root memcg: the other shrinker is not");
	is_long(shrinker_nr_deferred(aware, b, 0), 80,
		"memcg-aware: B's own deferred count (80 after 1000@0)");
	is_long(aware->nr_deferred[0], 0, "memcg-aware: the global slot untouched");
	ok(shrinker_bit_test(b, 0, id), "objects left: the bit stays");

	/* SHRINK_EMPTY twice (count, then the re-check): the bit is cleared */
	cm.counts = 0;
	cm.empty_counts = 2;
	shrink_slab(m, GFP_KERNEL, 0, b, 0);
	is_long(cm.counts, 2, "SHRINK_EMPTY: counted again after clearing the bit");
	ok(!shrinker_bit_test(b, 0, id), "SHRINK_EMPTY twice: bit cleared");

	/* empty, then an object arrived before the re-check: bit set again */
	set_shrinker_bit(b, 0, id);
	cm.counts = 0;
	cm.empty_counts = 1;
	shrink_slab(m, GFP_KERNEL, 0, b, 0);
	is_long(cm.counts, 2, "race: count, clear, count again");
	ok(shrinker_bit_test(b, 0, id), "race: the second count found objects: bit set");

	/* root: every shrinker, memcg-aware ones with the root's lists */
	cm.counts = cg.counts = 0;
	shrink_slab(m, GFP_KERNEL, 0, m->root_mem_cgroup, 0);
	ok(cm.counts == 1 && cg.counts == 1, "root: every registered shrinker is asked");

	/* the dead B's deferred work goes to A on rmdir (not cleared at B) */
	shrink_slab(m, GFP_KERNEL, 0, a, 0);	/* A has no bit: nothing */
	is_long(shrinker_nr_deferred(aware, a, 0), 0, "A: nothing deferred yet");
	cgroup_rmdir(m, "A/B");
	machine_run_until(m, m->clock.now + NSEC_PER_SEC);
	is_long(shrinker_nr_deferred(aware, a, 0), shrinker_nr_deferred(aware, b, 0),
		"rmdir: A's deferred includes B's");
	ok(shrinker_nr_deferred(aware, b, 0) > 0, "rmdir: B keeps its own count");
	cm.counts = 0;
	set_shrinker_bit(b, 0, id);
	shrink_slab(m, GFP_KERNEL, 0, b, 0);
	is_long(cm.counts, 0, "offline memcg: shrink_slab skips it (reparent policy)");

	css_put(&a->css);
	css_put(&b->css);
	shrinker_free(aware);
	shrinker_free(global);
	destroy_machine(m);
}

/* Ids grow the memcgs' maps in steps of 64; bits already set survive. */
static void test_map_growth(void)
{
	struct machine *m = boot_machine(128ULL << 20, 1);
	struct shrinker *s[70];
	struct cache c[70];
	struct mem_cgroup *a;
	int i;

	wr(m, "cgroup.subtree_control", "+memory\n");
	cgroup_mkdir(m, "A");
	a = memcg_get(m, "A");
	for (i = 0; i < 70; i++)
		s[i] = new_shrinker(m, SHRINKER_MEMCG_AWARE, &c[i], false);
	set_shrinker_bit(a, 0, s[3]->id);
	is_long(a->nodeinfo[0]->shrinker_info->map_nr_max, 128,
		"map grows to round_up(id + 1, 64)");
	is_long(m->shrinker_nr_max, 128, "shrinker_nr_max follows");
	set_shrinker_bit(a, 0, s[69]->id);
	ok(shrinker_bit_test(a, 0, s[3]->id) && shrinker_bit_test(a, 0, s[69]->id),
	   "bits below and above 64 both set");
	for (i = 0; i < 70; i++)
		shrinker_free(s[i]);
	css_put(&a->css);
	destroy_machine(m);
}

int main(void)
{
	test_scan_math();
	test_deferred_per_node();
	test_shrink_slab_memcg();
	test_map_growth();
	return done_testing();
}
