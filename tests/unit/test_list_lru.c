// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for mm/list_lru.c (spec/lru-shrinker-zswap.md §1, §7 items
 * 29-32, Linux 6.12 semantics):
 *
 *  - lazy per-memcg sublists, ancestors first (memcg_list_lru_alloc);
 *  - add/del with explicit node and memcg: return values, counts, and the
 *    shrinker bit set by a sublist's first item only;
 *  - every walk status: REMOVED, REMOVED_RETRY, ROTATE, SKIP, RETRY, STOP,
 *    with the budget charged per visit and only removals counted;
 *  - list_lru_walk_node order: the root list, then memcgs by kmemcg_id;
 *  - the _obj variants: node of the object's frame, memcg of its objcg;
 *  - reparenting on rmdir with items on two nodes: spliced in front of the
 *    parent's, parent's bit set, the dead memcg's kmemcg_id redirected so
 *    later adds and counts reach the parent (and, as in 6.12, an add sets
 *    the bit of the memcg it was given, not of the parent).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "include/machine.h"
#include "include/memory_model.h"
#include "kernel/cgroup.h"
#include "include/kernfs.h"
#include "mm/list_lru.h"
#include "mm/memcontrol.h"
#include "include/mm_types.h"
#include "mm/shrinker.h"
#include "mm/slab.h"
#include "fixture.h"
#include "tap.h"

struct item {
	struct list_head lru;
	int id;
	enum lru_status status;		/* what the walk callback answers */
	int retries;			/* LRU_RETRY this many times first */
	int visits;
};

static void items_init(struct item *it, int n)
{
	int i;

	memset(it, 0, n * sizeof(*it));
	for (i = 0; i < n; i++) {
		INIT_LIST_HEAD(&it[i].lru);
		it[i].id = i;
		it[i].status = LRU_SKIP;
	}
}

static enum lru_status walk_cb(struct list_head *entry, struct list_lru_one *l,
			       void *arg)
{
	struct item *it = container_of(entry, struct item, lru);
	struct list_head *removed = arg;

	it->visits++;
	if (it->retries) {
		it->retries--;
		return LRU_RETRY;
	}
	switch (it->status) {
	case LRU_REMOVED:
	case LRU_REMOVED_RETRY:
		list_lru_isolate_move(l, &it->lru, removed);
		break;
	default:
		break;
	}
	return it->status;
}

/* ids of the items on a sublist, in list order: "3 1 2" */
static const char *order(struct list_lru *lru, int nid, struct mem_cgroup *memcg)
{
	static char buf[256];
	struct list_lru_memcg *mlru;
	struct list_head *head, *pos;
	int idx = memcg_kmem_id(memcg);
	size_t len = 0;

	buf[0] = '\0';
	if (idx < 0) {
		head = &lru->node[nid].lru.list;
	} else {
		mlru = xa_load(&lru->xa, idx);
		if (!mlru)
			return "(none)";
		head = &mlru->node[nid].list;
	}
	for (pos = head->next; pos != head; pos = pos->next)
		len += snprintf(buf + len, sizeof(buf) - len, "%s%d",
				len ? " " : "",
				container_of(pos, struct item, lru)->id);
	return buf;
}

struct fixture {
	struct machine *m;
	struct shrinker *shrinker;
	struct list_lru lru;
	struct mem_cgroup *a, *b, *c;	/* A, A/B, A/C */
};

static void setup(struct fixture *f, int nodes)
{
	f->m = boot_machine(256ULL << 20, nodes);
	wr(f->m, "cgroup.subtree_control", "+memory\n");
	cgroup_mkdir(f->m, "A");
	wr(f->m, "A/cgroup.subtree_control", "+memory\n");
	cgroup_mkdir(f->m, "A/B");
	cgroup_mkdir(f->m, "A/C");
	f->a = memcg_get(f->m, "A");
	f->b = memcg_get(f->m, "A/B");
	f->c = memcg_get(f->m, "A/C");
	/* allocated, not registered: reclaim never calls it, but it has an id */
	f->shrinker = shrinker_alloc(f->m, SHRINKER_MEMCG_AWARE |
				     SHRINKER_NUMA_AWARE, "test");
	list_lru_init_memcg(f->m, &f->lru, f->shrinker);
}

static void teardown(struct fixture *f)
{
	list_lru_destroy(&f->lru);
	shrinker_free(f->shrinker);
	css_put(&f->a->css);
	css_put(&f->b->css);
	css_put(&f->c->css);
	destroy_machine(f->m);
}

static void test_lazy_alloc(void)
{
	struct fixture f;

	setup(&f, 1);
	ok(!xa_load(&f.lru.xa, f.a->kmemcg_id) && !xa_load(&f.lru.xa, f.b->kmemcg_id),
	   "alloc: no sublists before the first object");
	is_long(memcg_list_lru_alloc(f.b, &f.lru, GFP_KERNEL), 0,
		"alloc: memcg_list_lru_alloc(B) succeeds");
	ok(xa_load(&f.lru.xa, f.b->kmemcg_id) && xa_load(&f.lru.xa, f.a->kmemcg_id),
	   "alloc: B's sublists and its parent A's exist");
	ok(!xa_load(&f.lru.xa, f.c->kmemcg_id), "alloc: sibling C has none");
	is_long(f.m->root_mem_cgroup->kmemcg_id, -1,
		"alloc: the root uses the node lists (kmemcg_id -1)");
	teardown(&f);
}

static void test_add_del(void)
{
	struct item it[3];
	struct fixture f;
	int id;

	setup(&f, 2);
	id = f.shrinker->id;
	items_init(it, 3);
	memcg_list_lru_alloc(f.b, &f.lru, GFP_KERNEL);
	ok(!shrinker_bit_test(f.b, 1, id), "add: B's bit clear while empty");
	ok(list_lru_add(&f.lru, &it[0].lru, 1, f.b), "add: first item added");
	ok(shrinker_bit_test(f.b, 1, id), "add: first item sets B's bit on node 1");
	ok(!shrinker_bit_test(f.b, 0, id), "add: not on node 0");
	ok(!shrinker_bit_test(f.a, 1, id), "add: not on the parent");
	ok(!list_lru_add(&f.lru, &it[0].lru, 1, f.b),
	   "add: an item already on a list is refused");
	ok(list_lru_add(&f.lru, &it[1].lru, 1, f.b), "add: second item");
	ok(list_lru_add(&f.lru, &it[2].lru, 0, NULL), "add: to the root list");
	is_long(list_lru_count_one(&f.lru, 1, f.b), 2, "count_one(node 1, B) = 2");
	is_long(list_lru_count_one(&f.lru, 0, f.b), 0, "count_one(node 0, B) = 0");
	is_long(list_lru_count_one(&f.lru, 0, NULL), 1, "count_one(node 0, root) = 1");
	is_long(list_lru_count_one(&f.lru, 0, f.c), 0,
		"count_one of a memcg without sublists is 0");
	is_long(list_lru_count_node(&f.lru, 1), 2, "count_node(1) = 2");
	is_long(list_lru_count(&f.lru), 3, "count = 3");
	is_str(order(&f.lru, 1, f.b), "0 1", "add: at the tail");

	ok(list_lru_del(&f.lru, &it[0].lru, 1, f.b), "del: removed");
	ok(!list_lru_del(&f.lru, &it[0].lru, 1, f.b), "del: not on a list: false");
	is_long(list_lru_count_one(&f.lru, 1, f.b), 1, "del: count_one 1");
	is_long(list_lru_count_node(&f.lru, 1), 1, "del: count_node 1");
	list_lru_del(&f.lru, &it[1].lru, 1, f.b);
	ok(shrinker_bit_test(f.b, 1, id),
	   "del: emptying a sublist leaves the bit (shrink_slab clears it)");
	list_lru_del(&f.lru, &it[2].lru, 0, NULL);
	teardown(&f);
}

static void test_walk_statuses(void)
{
	LIST_HEAD(removed);
	struct item it[6];
	unsigned long budget, n;
	struct fixture f;
	int i;

	setup(&f, 1);
	items_init(it, 6);
	memcg_list_lru_alloc(f.b, &f.lru, GFP_KERNEL);
	for (i = 0; i < 6; i++)
		list_lru_add(&f.lru, &it[i].lru, 0, f.b);
	it[0].status = LRU_ROTATE;
	it[1].status = LRU_REMOVED;
	it[2].status = LRU_SKIP;
	it[3].status = LRU_REMOVED_RETRY;
	it[4].status = LRU_SKIP;
	it[4].retries = 1;
	it[5].status = LRU_STOP;

	/*
	 * visits: 0 rotate (to the tail), 1 removed, 2 skip, 3 removed and
	 * restart; from the head again: 2 skip, 4 retry and restart; 2 skip,
	 * 4 skip, 5 stop.  9 visits, 2 removals.
	 */
	budget = 100;
	n = list_lru_walk_one(&f.lru, 0, f.b, walk_cb, &removed, &budget);
	is_long(n, 2, "walk: REMOVED and REMOVED_RETRY count, nothing else");
	is_long(100 - budget, 9, "walk: every visit costs budget (restarts too)");
	is_long(it[0].visits, 1, "walk: the rotated item is not seen again");
	is_long(it[2].visits, 3, "walk: RETRY and REMOVED_RETRY restart at the head");
	is_long(it[5].visits, 1, "walk: STOP ends the walk");
	is_str(order(&f.lru, 0, f.b), "2 4 5 0", "walk: ROTATE moved item 0 to the tail");
	is_long(list_lru_count_one(&f.lru, 0, f.b), 4, "walk: sublist count 4");
	is_long(list_lru_count_node(&f.lru, 0), 4, "walk: node count follows");

	/* the budget: at most k visits, the walk stops with the budget */
	for (i = 0; i < 6; i++)
		it[i].visits = 0;
	it[5].status = LRU_ROTATE;
	budget = 3;
	n = list_lru_walk_one(&f.lru, 0, f.b, walk_cb, &removed, &budget);
	is_long(budget, 0, "budget: spent");
	is_long(it[2].visits + it[4].visits + it[5].visits + it[0].visits, 3,
		"budget: 3 visits for a budget of 3");
	is_str(order(&f.lru, 0, f.b), "2 4 0 5", "budget: a rotation is still a visit");

	budget = 10;
	n = list_lru_walk_one(&f.lru, 0, f.c, walk_cb, &removed, &budget);
	ok(n == 0 && budget == 10, "walk: a memcg without sublists walks nothing");
	for (i = 0; i < 6; i++)
		list_lru_del(&f.lru, &it[i].lru, 0, f.b);
	teardown(&f);
}

static void test_walk_node_order(void)
{
	LIST_HEAD(removed);
	struct item it[3];
	unsigned long budget = 100, n;
	struct fixture f;
	int i;

	setup(&f, 1);
	items_init(it, 3);
	memcg_list_lru_alloc(f.b, &f.lru, GFP_KERNEL);
	memcg_list_lru_alloc(f.c, &f.lru, GFP_KERNEL);
	list_lru_add(&f.lru, &it[0].lru, 0, f.c);
	list_lru_add(&f.lru, &it[1].lru, 0, f.b);
	list_lru_add(&f.lru, &it[2].lru, 0, NULL);
	for (i = 0; i < 3; i++)
		it[i].status = LRU_REMOVED;
	n = list_lru_walk_node(&f.lru, 0, walk_cb, &removed, &budget);
	is_long(n, 3, "walk_node: every sublist is walked");
	/* isolate_move pushes at the head: the last one walked comes first */
	ok(list_last_entry(&removed, struct item, lru)->id == 2 &&
	   list_next_entry(list_first_entry(&removed, struct item, lru), lru)->id == 1 &&
	   list_first_entry(&removed, struct item, lru)->id == 0,
	   "walk_node: root list first, then by kmemcg_id (B before C)");
	is_long(list_lru_count_node(&f.lru, 0), 0, "walk_node: node count 0");
	teardown(&f);
}

static void test_obj(void)
{
	struct kmem_cache *s;
	struct mem_cgroup *old;
	struct fixture f;
	struct list_head *obj, *plain;
	int id;

	setup(&f, 2);
	id = f.shrinker->id;
	s = kmem_cache_create(f.m, "test_obj", 64, SLAB_ACCOUNT);
	old = set_active_memcg(f.m, f.c);
	obj = kmem_cache_alloc_lru(s, &f.lru, GFP_KERNEL);
	set_active_memcg(f.m, old);
	plain = kmem_cache_alloc(s, GFP_KERNEL);
	INIT_LIST_HEAD(obj);
	INIT_LIST_HEAD(plain);
	ok(xa_load(&f.lru.xa, f.c->kmemcg_id) != NULL,
	   "obj: allocating for the lru made C's sublists");
	ok(mem_cgroup_from_slab_obj(f.m, obj) == f.c, "obj: charged to C");
	ok(list_lru_add_obj(&f.lru, obj), "add_obj: added");
	is_long(list_lru_count_one(&f.lru, folio_nid(virt_to_folio(f.m, obj)), f.c),
		1, "add_obj: on C's list of the object's node");
	ok(shrinker_bit_test(f.c, folio_nid(virt_to_folio(f.m, obj)), id),
	   "add_obj: C's bit set");
	ok(list_lru_add_obj(&f.lru, plain), "add_obj: an unaccounted object");
	is_long(list_lru_count_one(&f.lru, 0, NULL), 1,
		"add_obj: unaccounted objects go to the root list");
	ok(list_lru_del_obj(&f.lru, obj) && list_lru_del_obj(&f.lru, plain),
	   "del_obj: both removed");
	is_long(list_lru_count(&f.lru), 0, "del_obj: empty");
	kmem_cache_free(s, obj);
	kmem_cache_free(s, plain);
	kmem_cache_destroy(s);
	teardown(&f);
}

static void rmdir_and_wait(struct machine *m, const char *path)
{
	if (cgroup_rmdir(m, path))
		printf("# rmdir %s failed\n", path);
	/* offline runs one grace period after the css is killed */
	machine_run_until(m, m->clock.now + NSEC_PER_SEC);
}

static void test_reparent(void)
{
	LIST_HEAD(removed);
	struct item it[7];
	unsigned long budget = 100;
	struct mem_cgroup *d;
	struct fixture f;
	int i, id, b_id;

	setup(&f, 2);
	id = f.shrinker->id;
	items_init(it, 7);
	memcg_list_lru_alloc(f.b, &f.lru, GFP_KERNEL);
	list_lru_add(&f.lru, &it[0].lru, 0, f.a);	/* A's own, node 0 */
	list_lru_add(&f.lru, &it[1].lru, 0, f.b);	/* B's, node 0 */
	list_lru_add(&f.lru, &it[2].lru, 0, f.b);
	list_lru_add(&f.lru, &it[3].lru, 1, f.b);	/* B's, node 1 */
	b_id = f.b->kmemcg_id;
	/* A's bits are clear on node 1, set on node 0 by its own item */
	ok(!shrinker_bit_test(f.a, 1, id), "reparent: A has no bit on node 1 yet");

	rmdir_and_wait(f.m, "A/B");
	ok(!mem_cgroup_online(f.b), "reparent: B is offline");
	ok(!xa_load(&f.lru.xa, b_id), "reparent: B's sublists are gone");
	is_long(f.b->kmemcg_id, f.a->kmemcg_id, "reparent: B's kmemcg_id is A's");
	is_long(list_lru_count_one(&f.lru, 0, f.a), 3,
		"reparent: A's count on node 0 rose by B's 2");
	is_long(list_lru_count_one(&f.lru, 1, f.a), 1,
		"reparent: A's count on node 1 rose by B's 1");
	is_str(order(&f.lru, 0, f.a), "1 2 0",
	       "reparent: B's items go first, to be walked before A's own");
	ok(shrinker_bit_test(f.a, 1, id), "reparent: A's bit set where items came");
	is_long(list_lru_count_node(&f.lru, 0) + list_lru_count_node(&f.lru, 1), 4,
		"reparent: node totals unchanged");
	is_long(list_lru_count_one(&f.lru, 0, f.b), 3,
		"reparent: counting the dead B reads A's list (6.12)");

	/* later adds and deletes aimed at B land on A */
	ok(list_lru_add(&f.lru, &it[4].lru, 0, f.b), "later add: accepted");
	is_long(list_lru_count_one(&f.lru, 0, f.a), 4, "later add: on A's list");
	is_str(order(&f.lru, 0, f.a), "1 2 0 4", "later add: at A's tail");
	ok(list_lru_del(&f.lru, &it[1].lru, 0, f.b), "later del: through B");
	is_long(list_lru_count_one(&f.lru, 0, f.a), 3, "later del: A's count");
	is_long(memcg_list_lru_alloc(f.b, &f.lru, GFP_KERNEL), 0,
		"later alloc: succeeds without a new sublist");
	ok(!xa_load(&f.lru.xa, b_id), "later alloc: B still has none");

	/* A's node-1 list was empty, an add there through B: 6.12 sets the
	 * bit of the memcg it was given (the 2026 fix sets the parent's) */
	list_lru_del(&f.lru, &it[3].lru, 1, f.a);
	list_lru_add(&f.lru, &it[5].lru, 1, f.b);
	is_long(list_lru_count_one(&f.lru, 1, f.a), 1, "later add, node 1: on A's list");

	/* a dying descendant follows: D dies first (to C), then C (to A) */
	wr(f.m, "A/C/cgroup.subtree_control", "+memory\n");
	cgroup_mkdir(f.m, "A/C/D");
	d = memcg_get(f.m, "A/C/D");
	memcg_list_lru_alloc(d, &f.lru, GFP_KERNEL);
	list_lru_add(&f.lru, &it[6].lru, 0, d);
	rmdir_and_wait(f.m, "A/C/D");
	is_long(d->kmemcg_id, f.c->kmemcg_id, "reparent: dead D redirected to C");
	is_long(list_lru_count_one(&f.lru, 0, f.c), 1, "reparent: D's item on C's list");
	rmdir_and_wait(f.m, "A/C");
	is_long(f.c->kmemcg_id, f.a->kmemcg_id, "reparent: C redirected to A");
	is_long(d->kmemcg_id, f.a->kmemcg_id,
		"reparent: and its dying descendant D with it");
	is_long(list_lru_count_one(&f.lru, 0, f.a), 4, "reparent: D's item reached A");
	css_put(&d->css);

	for (i = 0; i < 7; i++)
		it[i].status = LRU_REMOVED;
	list_lru_walk(&f.lru, walk_cb, &removed, budget);
	is_long(list_lru_count(&f.lru), 0, "reparent: everything walkable from A");
	teardown(&f);
}

int main(void)
{
	test_lazy_alloc();
	test_add_del();
	test_walk_statuses();
	test_walk_node_order();
	test_obj();
	test_reparent();
	return done_testing();
}
