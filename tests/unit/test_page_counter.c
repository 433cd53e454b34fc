// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for mm/page_counter.c: hierarchical charging and its rollback,
 * peaks, underflow clamping, propagation of protected usage, and the
 * effective protection calculation (memcg-core §2, §3, §12 items 27-28).
 *
 * The last part replays the reclaim iteration of the kernel selftest's
 * memcg_protection.m (selftests.md §2.3) on real page counters, to show
 * that test_memcg_min/low's C ~ 29M and D ~ 21M follow from the protection
 * calculation alone.
 */
#include <stdlib.h>
#include <errno.h>

#include "mm/page_counter.h"
#include "tap.h"

/* MiB in 4 KiB pages */
#define MB(x)	((unsigned long)(x) * 256UL)
#define GB(x)	(MB(x) * 1024UL)

static bool within(long got, long want, long slack)
{
	return labs(got - want) <= slack;
}

/* test_memcontrol.c's values_close(), on byte counts */
static bool values_close(long a, long b, int err)
{
	return labs(a - b) <= (a + b) / 100 * err;
}

static void test_init(void)
{
	struct page_counter root, c;

	page_counter_init(&root, NULL, true);
	page_counter_init(&c, &root, false);
	is_long(c.usage, 0, "init: usage 0");
	is_long(c.max, PAGE_COUNTER_MAX, "init: max unlimited");
	is_long(c.high, PAGE_COUNTER_MAX, "init: high unlimited (model sets it)");
	ok(!c.min && !c.low && !c.watermark && !c.local_watermark && !c.failcnt,
	   "init: min, low, peaks and failcnt 0");
	ok(c.parent == &root && !root.parent, "init: parent links");
	ok(root.protection_support && !c.protection_support,
	   "init: protection flag as given");
	ok(!c.track_failcnt, "init: failcnt not tracked by default");
}

static void test_charge_uncharge(void)
{
	struct page_counter root, a, b;

	page_counter_init(&root, NULL, true);
	page_counter_init(&a, &root, true);
	page_counter_init(&b, &a, true);

	page_counter_charge(&b, 10);
	ok(b.usage == 10 && a.usage == 10 && root.usage == 10,
	   "charge reaches every level");
	page_counter_charge(&a, 5);
	ok(b.usage == 10 && a.usage == 15 && root.usage == 15,
	   "charge starts at the given level");
	is_long(page_counter_read(&a), 15, "page_counter_read");

	a.max = 12;
	page_counter_charge(&b, 5);
	is_long(a.usage, 20, "charge ignores max");

	page_counter_uncharge(&b, 15);
	ok(b.usage == 0 && a.usage == 5 && root.usage == 5,
	   "uncharge reaches every level");
	page_counter_cancel(&a, 5);
	ok(a.usage == 0 && root.usage == 5, "cancel is local");
}

static void test_try_charge(void)
{
	struct page_counter root, a, b, *fail;

	page_counter_init(&root, NULL, true);
	page_counter_init(&a, &root, true);
	page_counter_init(&b, &a, true);
	a.max = 10;
	a.track_failcnt = true;

	fail = NULL;
	ok(page_counter_try_charge(&b, 9, &fail), "try_charge below max");
	ok(!fail, "success leaves fail alone");
	ok(page_counter_try_charge(&b, 1, &fail), "usage == max is allowed");
	is_long(a.usage, 10, "parent at max");

	ok(!page_counter_try_charge(&b, 1, &fail), "usage > max fails");
	ok(fail == &a, "fail points at the limiting ancestor");
	ok(b.usage == 10 && a.usage == 10 && root.usage == 10,
	   "levels below the failure rolled back, above never charged");
	is_long(a.failcnt, 1, "tracked failcnt counted at the failing level");
	is_long(b.failcnt, 0, "no failcnt below the failing level");
	is_long(b.watermark, 11,
		"speculative charge leaves the child's peak raised (as kernel)");
	is_long(a.watermark, 10, "failing level's peak untouched");

	/* 9 + 2 > 10: the "usage + n > max" test of §12 item 12 */
	page_counter_uncharge(&b, 1);
	ok(page_counter_try_charge(&b, 1, &fail), "9 + 1 fits max 10");
	page_counter_uncharge(&b, 1);
	ok(!page_counter_try_charge(&b, 2, &fail), "9 + 2 exceeds max 10");

	a.track_failcnt = false;
	ok(!page_counter_try_charge(&b, 5, &fail), "fails again");
	is_long(a.failcnt, 2, "untracked failcnt not counted");

	b.max = 3;
	fail = NULL;
	ok(!page_counter_try_charge(&b, 5, &fail) && fail == &b,
	   "failure at the charged counter itself");
	ok(b.usage == 9 && a.usage == 9 && root.usage == 9,
	   "nothing charged when the first level fails");

	b.max = PAGE_COUNTER_MAX;
	a.max = PAGE_COUNTER_MAX;
	root.max = 12;
	ok(!page_counter_try_charge(&b, 4, &fail) && fail == &root,
	   "failure at the root");
	ok(b.usage == 9 && a.usage == 9 && root.usage == 9,
	   "two levels rolled back");
	ok(page_counter_try_charge(&b, 3, &fail) && root.usage == 12,
	   "exactly filling the root");
}

static void test_watermarks(void)
{
	struct page_counter root, a;

	page_counter_init(&root, NULL, true);
	page_counter_init(&a, &root, true);

	page_counter_charge(&a, 100);
	page_counter_uncharge(&a, 60);
	ok(a.watermark == 100 && a.local_watermark == 100,
	   "both peaks follow the first charge");
	ok(root.watermark == 100, "peak at every level");

	/* what a write to memory.peak does to the shared local watermark */
	a.local_watermark = a.usage;
	page_counter_charge(&a, 20);
	is_long(a.local_watermark, 60, "local peak restarts from the reset");
	is_long(a.watermark, 100, "all-time peak kept");
	page_counter_charge(&a, 50);
	ok(a.local_watermark == 110 && a.watermark == 110,
	   "a new high moves both");

	page_counter_uncharge(&a, 100);
	page_counter_reset_watermark(&a);
	ok(a.watermark == 10 && a.local_watermark == 10,
	   "reset_watermark sets both to usage");
	is_long(root.watermark, 110, "reset is per counter");
}

static void test_underflow(void)
{
	struct page_counter root, p, c;

	page_counter_init(&root, NULL, true);
	page_counter_init(&p, &root, true);
	page_counter_init(&c, &p, true);
	page_counter_set_min(&c, 10);
	page_counter_charge(&c, 5);
	page_counter_charge(&p, 2);

	ok(page_counter_uncharge(&c, 6) == &c,
	   "the uncharge returns the counter that underflowed");
	is_long(c.usage, 0, "underflow clamps to 0");
	is_long(p.usage, 1, "parent with enough usage just subtracts");
	is_long(p.children_min_usage, 0, "clamped usage propagated");
	page_counter_charge(&c, 3);
	ok(c.usage == 3 && p.usage == 4 && root.usage == 4,
	   "charging after a clamp starts from 0");
	is_long(p.children_min_usage, 3, "propagation consistent after clamp");
}

static void test_set_max(void)
{
	struct page_counter root, a;

	page_counter_init(&root, NULL, true);
	page_counter_init(&a, &root, true);
	page_counter_charge(&a, 10);

	is_long(page_counter_set_max(&a, 9), -EBUSY, "set_max below usage");
	is_long(a.max, PAGE_COUNTER_MAX, "failed set_max keeps the limit");
	is_long(page_counter_set_max(&a, 10), 0, "set_max == usage");
	is_long(a.max, 10, "limit stored");
	is_long(page_counter_set_max(&a, 50), 0, "raising the limit");
	page_counter_set_high(&a, 7);
	is_long(a.high, 7, "set_high stores even below usage");
}

static void test_propagation(void)
{
	struct page_counter g, p, c1, c2, swap_root, swap;

	page_counter_init(&g, NULL, true);
	page_counter_init(&p, &g, true);
	page_counter_init(&c1, &p, true);
	page_counter_init(&c2, &p, true);

	page_counter_set_min(&c1, 100);
	is_long(p.children_min_usage, 0, "unused min not counted");
	page_counter_charge(&c1, 50);
	is_long(p.children_min_usage, 50, "min_usage follows usage below min");
	page_counter_charge(&c1, 100);
	is_long(p.children_min_usage, 100, "min_usage capped at min");
	is_long(c1.min_usage, 100, "child's cached min_usage");
	is_long(p.children_low_usage, 0, "low untouched by min");

	page_counter_set_low(&c2, 40);
	page_counter_charge(&c2, 30);
	is_long(p.children_low_usage, 30, "low_usage follows usage");
	page_counter_set_low(&c2, 20);
	is_long(p.children_low_usage, 20, "lowering low re-propagates");
	page_counter_set_low(&c1, 200);
	is_long(p.children_low_usage, 170, "siblings' low_usage summed");

	page_counter_set_min(&c1, 30);
	is_long(p.children_min_usage, 30, "lowering min re-propagates");
	page_counter_uncharge(&c1, 140);
	is_long(p.children_min_usage, 10, "uncharge below min propagates");
	is_long(p.children_low_usage, 30, "uncharge propagates low too");

	/* P's own share in G: set_min walks the ancestors too */
	is_long(g.children_min_usage, 0, "P has no min yet");
	page_counter_set_min(&p, 25);
	is_long(g.children_min_usage, 25, "set_min on P reaches G");
	page_counter_charge(&c2, 100);
	is_long(g.children_min_usage, 25, "P's share capped by its min");
	page_counter_uncharge(&c2, 125);
	is_long(g.children_min_usage, 15, "P's share follows its usage");
	page_counter_set_min(&p, 0);
	is_long(g.children_min_usage, 0, "clearing P's min");
	is_long(p.children_min_usage, 10, "children's sum unaffected");

	/* swap-like counters never propagate on charge */
	page_counter_init(&swap_root, NULL, false);
	page_counter_init(&swap, &swap_root, false);
	swap.min = 100;
	page_counter_charge(&swap, 10);
	ok(!swap_root.children_min_usage && !swap.min_usage,
	   "no propagation without protection support");
}

/* R (reclaim root) -> P -> children; P's declared protection is used as is */
static void test_protection_rules(void)
{
	struct page_counter top, r, p, c;

	page_counter_init(&top, NULL, true);
	page_counter_init(&r, &top, true);
	page_counter_init(&p, &r, true);
	page_counter_init(&c, &p, true);

	page_counter_set_min(&r, MB(10));
	r.emin = 12345;
	page_counter_charge(&c, MB(1));
	page_counter_calculate_protection(&r, &r, false);
	is_long(r.emin, 12345, "reclaim root's own values left stale");

	page_counter_set_min(&p, MB(500));
	page_counter_set_low(&p, MB(300));
	page_counter_calculate_protection(&r, &p, false);
	is_long(p.emin, MB(500), "top level gets declared min, unclipped");
	is_long(p.elow, MB(300), "top level gets declared low, unclipped");

	page_counter_set_min(&c, MB(2));
	page_counter_calculate_protection(&r, &c, false);
	is_long(c.emin, MB(1), "below the top: clipped to usage");
	is_long(c.elow, 0, "no low declared: elow 0");

	page_counter_uncharge(&c, MB(1));
	c.emin = 777;
	page_counter_calculate_protection(&r, &c, false);
	is_long(c.emin, 777, "usage 0: values left stale");

	/* relative to the real root, P is no longer the top level */
	page_counter_charge(&c, MB(1));
	page_counter_calculate_protection(&top, &r, false);
	page_counter_calculate_protection(&top, &p, false);
	is_long(r.emin, MB(10), "R under the real root: declared");
	is_long(p.emin, MB(1), "P capped by its used protection");
}

/* @top, if not NULL, is the parent of @r */
static void setup_siblings(struct page_counter *top, struct page_counter *r,
			   struct page_counter *p, struct page_counter kids[4],
			   bool use_min)
{
	static const unsigned long usage[4] = { 50, 50, 50, 0 };
	static const unsigned long prot[4] = { 75, 25, 0, 500 };
	void (*set)(struct page_counter *, unsigned long);
	int i;

	set = use_min ? page_counter_set_min : page_counter_set_low;
	page_counter_init(r, top, true);
	page_counter_init(p, r, true);
	for (i = 0; i < 4; i++) {
		page_counter_init(&kids[i], p, true);
		page_counter_charge(&kids[i], MB(usage[i]));
	}
	set(p, MB(50));
	for (i = 0; i < 4; i++)
		set(&kids[i], MB(prot[i]));
}

/* §12 item 27: overcommitted protection split by used protection */
static void test_overcommit_example(void)
{
	struct page_counter r, p, k[4];
	int i;

	for (i = 0; i < 2; i++) {
		bool use_min = i == 0;
		const char *name = use_min ? "min" : "low";
		unsigned long c, d, e;

		setup_siblings(NULL, &r, &p, k, use_min);
		is_long(use_min ? p.children_min_usage : p.children_low_usage,
			MB(75), "%s: siblings use 75M of protection", name);
		page_counter_calculate_protection(&r, &p, false);
		for (int j = 0; j < 4; j++)
			page_counter_calculate_protection(&r, &k[j], false);
		c = use_min ? k[0].emin : k[0].elow;
		d = use_min ? k[1].emin : k[1].elow;
		e = use_min ? k[2].emin : k[2].elow;
		ok(within(c, MB(100) / 3, 1), "%s: C starts at 33.3M (%lu pages)",
		   name, c);
		ok(within(d, MB(50) / 3, 1), "%s: D starts at 16.7M (%lu pages)",
		   name, d);
		is_long(e, 0, "%s: E unprotected", name);
	}
}

/* §12 item 28: parent elow 2G, B 0.5G/1G, C 2.5G/1G */
static void test_recursive_example(void)
{
	struct page_counter r, p, b, c;
	int i;

	page_counter_init(&r, NULL, true);
	page_counter_init(&p, &r, true);
	page_counter_init(&b, &p, true);
	page_counter_init(&c, &p, true);
	page_counter_set_low(&p, GB(2));
	page_counter_set_low(&b, GB(1));
	page_counter_set_low(&c, GB(1));
	page_counter_charge(&b, GB(1) / 2);
	page_counter_charge(&c, GB(5) / 2);

	for (i = 0; i < 2; i++) {
		bool rec = i == 1;

		page_counter_calculate_protection(&r, &p, rec);
		page_counter_calculate_protection(&r, &b, rec);
		page_counter_calculate_protection(&r, &c, rec);
		is_long(p.elow, GB(2), "recursive=%d: parent elow 2G", rec);
		is_long(b.elow, GB(1) / 2, "recursive=%d: B.elow = 0.5G", rec);
		is_long(c.elow, rec ? GB(3) / 2 : GB(1),
			"recursive=%d: C.elow = %s", rec, rec ? "1.5G" : "1G");
	}
}

/* One round's reclaim request for a child, per memcg_protection.m. */
static unsigned long reclaim_request(unsigned long usage, unsigned long prot)
{
	unsigned long r;

	if (!usage || prot >= usage)
		return 0;
	/* 0.1 * c * (1 - e / c), any fraction of a page counts */
	r = DIV_ROUND_UP(usage - prot, 10);
	r = ALIGN(r, 32UL);	/* SWAP_CLUSTER_MAX */
	return min(r, usage);
}

/*
 * selftests.md §2.3: A (reclaim root) -> B (50M) -> C 75M, D 25M, E 0,
 * F 500M, with 50M charged to each of C, D, E before the settings.  Each
 * round computes protection top-down from A and reclaims from every child
 * in proportion to its unprotected usage.  Returns the rounds used.
 */
static int replay_protection(struct page_counter *b, struct page_counter k[4],
			     bool use_min, bool recursive)
{
	struct page_counter *a = b->parent;
	unsigned long r[4];
	int round, i;

	for (round = 1; round <= 1000; round++) {
		bool done = true;

		page_counter_calculate_protection(a, a, recursive);
		page_counter_calculate_protection(a, b, recursive);
		for (i = 0; i < 4; i++) {
			page_counter_calculate_protection(a, &k[i], recursive);
			r[i] = reclaim_request(k[i].usage,
					       use_min ? k[i].emin : k[i].elow);
			done &= !r[i];
		}
		if (done)
			return round;
		for (i = 0; i < 4; i++)
			page_counter_uncharge(&k[i], r[i]);
	}
	return -1;
}

static void test_selftest_distribution(void)
{
	struct page_counter root, a, b, k[4];
	int mode;

	for (mode = 0; mode < 4; mode++) {
		bool use_min = !(mode & 1), rec = mode & 2;
		const char *name = use_min ? "min" : "low";
		long c, d, e, f;
		int rounds;

		page_counter_init(&root, NULL, true);
		setup_siblings(&root, &a, &b, k, use_min);

		rounds = replay_protection(&b, k, use_min, rec);
		c = k[0].usage * PAGE_SIZE;
		d = k[1].usage * PAGE_SIZE;
		e = k[2].usage * PAGE_SIZE;
		f = k[3].usage * PAGE_SIZE;
		printf("# %s recursiveprot=%d: %d rounds, B %.2fM C %.2fM "
		       "D %.2fM E %.2fM F %ld\n", name, rec, rounds,
		       b.usage / 256.0, c / 1048576.0, d / 1048576.0,
		       e / 1048576.0, f);
		ok(rounds > 0, "%s rec=%d: reclaim converges", name, rec);
		ok(values_close(b.usage * PAGE_SIZE, MB(50) * PAGE_SIZE, 3),
		   "%s rec=%d: B ~ 50M", name, rec);
		ok(values_close(c, 29L << 20, 15), "%s rec=%d: C ~ 29M", name, rec);
		ok(values_close(d, 21L << 20, 20), "%s rec=%d: D ~ 21M", name, rec);
		is_long(f, 0, "%s rec=%d: F empty", name, rec);
		is_long(root.usage, a.usage, "%s rec=%d: root consistent", name,
			rec);
	}
}

int main(void)
{
	test_init();
	test_charge_uncharge();
	test_try_charge();
	test_watermarks();
	test_underflow();
	test_set_max();
	test_propagation();
	test_protection_rules();
	test_overcommit_example();
	test_recursive_example();
	test_selftest_distribution();
	return done_testing();
}
